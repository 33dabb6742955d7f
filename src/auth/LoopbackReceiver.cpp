#include "auth/LoopbackReceiver.h"

#include "common/Logging.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace triage::auth {

namespace {

const char answeredProperty[] = "triageAnswered";

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Error";
    }
}

} // namespace

LoopbackReceiver::LoopbackReceiver(QObject *parent)
    : QObject(parent)
{
    m_overallTimer.setSingleShot(true);
    connect(&m_overallTimer, &QTimer::timeout, this, [this] { finish(Status::Timeout); });
}

LoopbackReceiver::~LoopbackReceiver() = default;

bool LoopbackReceiver::listen(quint16 port, const QByteArray &expectedState)
{
    stopListening();
    m_expectedState = expectedState;
    m_port = 0;
    m_done = false;
    m_server = new QTcpServer(this);
    // 127.0.0.1 only: the redirect URI names it, and nothing else on the network may connect.
    if (!m_server->listen(QHostAddress(QHostAddress::LocalHost), port)) {
        const bool inUse = m_server->serverError() == QAbstractSocket::AddressInUseError;
        qCWarning(lcAuth) << "loopback receiver could not listen on port" << port << ":"
                          << m_server->errorString();
        finish(inUse ? Status::PortInUse : Status::ListenFailed);
        return false;
    }
    m_port = m_server->serverPort();
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onNewConnection);
    m_overallTimer.start(m_limits.overallTimeoutMs);
    qCDebug(lcAuth) << "loopback receiver listening on 127.0.0.1 port" << m_server->serverPort();
    return true;
}

quint16 LoopbackReceiver::port() const
{
    return m_port;
}

bool LoopbackReceiver::isListening() const
{
    return m_server && m_server->isListening();
}

QString LoopbackReceiver::redirectUri() const
{
    return QStringLiteral("http://127.0.0.1:%1/callback").arg(port());
}

void LoopbackReceiver::cancel()
{
    finish(Status::Cancelled);
}

void LoopbackReceiver::onNewConnection()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (m_done || m_openConnections >= m_limits.maxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_openConnections;
        socket->setParent(this); // outlives the server, which closes as soon as we are done
        // Bounded buffering: a flood stays in the kernel, not in our memory.
        socket->setReadBufferSize(m_limits.maxRequestBytes + 1);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_openConnections;
            socket->deleteLater();
        });
        // Slow or silent senders (and browsers' speculative pre-connections) are dropped.
        QTimer::singleShot(m_limits.connectionTimeoutMs, socket, [socket] { socket->abort(); });
    }
}

void LoopbackReceiver::onReadyRead(QTcpSocket *socket)
{
    if (socket->property(answeredProperty).toBool())
        return;
    if (m_done) { // another connection already delivered the redirect
        socket->abort();
        return;
    }
    const QByteArray data = socket->peek(m_limits.maxRequestBytes + 1);
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0 || headEnd + 4 > m_limits.maxRequestBytes) {
        if (data.size() > m_limits.maxRequestBytes)
            reply(socket, 431, tr("Request too large"),
                  tr("This request was too large and was ignored."));
        return; // wait for the rest of the head
    }
    handleRequest(socket, data.left(headEnd));
}

void LoopbackReceiver::handleRequest(QTcpSocket *socket, const QByteArray &head)
{
    const CallbackRequest request = CallbackRequest::parse(head, m_expectedState);
    switch (request.verdict) {
    case CallbackRequest::Verdict::BadRequest:
        reply(socket, 400, tr("Bad request"), tr("This request was not understood."));
        return;
    case CallbackRequest::Verdict::MethodNotAllowed:
        reply(socket, 405, tr("Not allowed"), tr("Only the sign-in redirect is accepted here."));
        return;
    case CallbackRequest::Verdict::NotFound:
        reply(socket, 404, tr("Not found"), tr("Only the sign-in redirect is accepted here."));
        return;
    case CallbackRequest::Verdict::StateMismatch:
        qCWarning(lcAuth) << "sign-in redirect refused: state missing or not this sign-in's";
        reply(socket, 400, tr("Sign-in refused"),
              tr("This sign-in response did not come from the sign-in started by Access Triage, "
                 "so it was refused. Start the sign-in again from Access Triage."));
        finish(Status::StateMismatch);
        return;
    case CallbackRequest::Verdict::Received:
        break;
    }

    const AuthorizationResponse &response = request.response;
    if (response.error.isEmpty()) {
        reply(socket, 200, tr("Signed in"),
              tr("Access Triage received your sign-in. You can close this tab and return to the "
                 "app."));
    } else {
        const QString detail =
            response.errorDescription.isEmpty()
                ? response.error
                : response.error + QStringLiteral(": ") + response.errorDescription;
        reply(socket, 400, tr("Sign-in did not complete"),
              tr("Okta answered: %1. Return to Access Triage for what to do next.").arg(detail));
    }
    finish(Status::Received, response);
}

void LoopbackReceiver::reply(QTcpSocket *socket, int status, const QString &title,
                             const QString &text)
{
    socket->setProperty(answeredProperty, true);
    const QByteArray body =
        QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                       "</head><body style=\"font-family:sans-serif;margin:3em\"><h1>%1</h1>"
                       "<p>%2</p></body></html>")
            .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
            .toUtf8();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                      "\r\nContent-Type: text/html; charset=utf-8"
                      "\r\nContent-Length: " +
                      QByteArray::number(body.size()) +
                      "\r\nCache-Control: no-store"
                      "\r\nReferrer-Policy: no-referrer"
                      "\r\nX-Content-Type-Options: nosniff"
                      "\r\nContent-Security-Policy: default-src 'none'; style-src 'unsafe-inline'"
                      "\r\nConnection: close\r\n";
    if (status == 405)
        head += "Allow: GET\r\n";
    socket->write(head + "\r\n" + body);
    socket->disconnectFromHost(); // after the write is flushed
}

void LoopbackReceiver::finish(Status status, const AuthorizationResponse &response)
{
    if (m_done)
        return;
    m_done = true;
    m_overallTimer.stop();
    stopListening();
    qCDebug(lcAuth) << "loopback receiver finished:" << status;
    emit finished(status, response);
}

void LoopbackReceiver::stopListening()
{
    if (!m_server)
        return;
    m_server->close(); // frees the port now; answered sockets finish on their own
    m_server->deleteLater();
    m_server = nullptr;
}

} // namespace triage::auth
