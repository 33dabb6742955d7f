#pragma once

#include "sandbox/ApiTypes.h"

#include <QAbstractHttpServer>
#include <QTcpServer>

#include <functional>

namespace triage::sandbox {

// How an answer leaves the server: normally, cut short, or not at all (faults).
struct HttpOutcome
{
    enum class Delivery {
        Answer,   // the whole response
        Truncate, // headers with the full Content-Length, half the body, then close
        Drop,     // close the connection without a byte
    };
    ApiResponse response;
    Delivery delivery = Delivery::Answer;
    int delayMs = 0;
};

// Accepted sockets get TCP_NODELAY: with Nagle on, keep-alive answers of a few dozen KB stall
// about 40 ms each on delayed ACKs (okta-api.md section 6).
class LowDelayTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr socketDescriptor) override;
};

// The sandbox's HTTP/1.1 server on 127.0.0.1. It turns each request into an ApiRequest, asks the
// handler what to do and writes the answer itself, so faults can delay, cut or drop it.
class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Handler = std::function<HttpOutcome(const ApiRequest &request)>;
    explicit HttpServer(Handler handler, QObject *parent = nullptr);

    bool listenOnLoopback(quint16 port, QString *errorMessage);
    quint16 port() const;
    QString baseUrl() const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    ApiRequest toApiRequest(const QHttpServerRequest &request) const;
    static void deliver(QTcpSocket *socket, const HttpOutcome &outcome, bool headRequest,
                        bool closeAfter);

    Handler m_handler;
    LowDelayTcpServer *m_tcpServer = nullptr;
};

} // namespace triage::sandbox
