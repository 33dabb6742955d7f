#pragma once

#include "auth/CallbackRequest.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class QTcpServer;
class QTcpSocket;

namespace triage::auth {

// Waits for the browser's redirect on http://127.0.0.1:PORT/callback. Listens on 127.0.0.1 only
// (never on other interfaces, so nothing on the network can reach it), accepts exactly one GET
// /callback whose `state` matches, answers the browser with a small page saying what happened,
// and closes the port. Everything else (other paths, methods, garbage, oversized or slow
// requests, extra connections) is answered with an error or dropped without ending the wait.
class LoopbackReceiver : public QObject
{
    Q_OBJECT
public:
    enum class Status {
        Received,      // a matching redirect (code or OAuth error) arrived
        StateMismatch, // a /callback arrived with a missing or wrong state: refuse and stop
        PortInUse,
        ListenFailed,
        Timeout,
        Cancelled,
    };
    Q_ENUM(Status)

    struct Limits
    {
        int maxRequestBytes = 8 * 1024;
        int connectionTimeoutMs = 5000;
        int overallTimeoutMs = 5 * 60 * 1000;
        int maxConnections = 8;
    };

    explicit LoopbackReceiver(QObject *parent = nullptr);
    ~LoopbackReceiver() override;

    void setLimits(const Limits &limits) { m_limits = limits; }

    // Starts listening on 127.0.0.1:port (0 = any free port, for tests). Returns false with
    // PortInUse or ListenFailed through finished() (emitted before returning).
    bool listen(quint16 port, const QByteArray &expectedState);
    quint16 port() const; // the port listened on (kept after closing, for messages)
    bool isListening() const;
    QString redirectUri() const; // http://127.0.0.1:PORT/callback

    void cancel();

signals:
    // Emitted exactly once per listen(); the response is filled only for Received.
    void finished(triage::auth::LoopbackReceiver::Status status,
                  const triage::auth::AuthorizationResponse &response);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handleRequest(QTcpSocket *socket, const QByteArray &head);
    void reply(QTcpSocket *socket, int status, const QString &title, const QString &text);
    void finish(Status status, const AuthorizationResponse &response = {});
    void stopListening();

    Limits m_limits;
    QTcpServer *m_server = nullptr;
    QByteArray m_expectedState;
    QTimer m_overallTimer;
    quint16 m_port = 0;
    bool m_done = true;
    int m_openConnections = 0;
};

} // namespace triage::auth
