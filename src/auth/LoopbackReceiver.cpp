#include "auth/LoopbackReceiver.h"

#include "common/Logging.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

namespace triage::auth {

namespace {

const char answeredProperty[] = "triageAnswered";

// Compares without an early exit so the time taken says nothing about how much matched.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

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
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QList<QByteArray> requestLine = (lineEnd < 0 ? head : head.left(lineEnd)).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.") ||
        !requestLine.at(1).startsWith('/')) {
        reply(socket, 400, tr("Bad request"), tr("This request was not understood."));
        return;
    }
    if (requestLine.at(0) != "GET") {
        reply(socket, 405, tr("Not allowed"), tr("Only the sign-in redirect is accepted here."));
        return;
    }
    const QByteArray target = requestLine.at(1);
    const qsizetype queryStart = target.indexOf('?');
    const QByteArray path = queryStart < 0 ? target : target.left(queryStart);
    if (path != "/callback") {
        reply(socket, 404, tr("Not found"), tr("Only the sign-in redirect is accepted here."));
        return;
    }

    // Form-style encoding: '+' means a space in error_description.
    QByteArray rawQuery = queryStart < 0 ? QByteArray() : target.mid(queryStart + 1);
    rawQuery.replace('+', "%20");
    const QUrlQuery query(QString::fromLatin1(rawQuery));
    const QStringList states =
        query.allQueryItemValues(QStringLiteral("state"), QUrl::FullyDecoded);
    if (states.size() != 1 || !constantTimeEquals(states.first().toUtf8(), m_expectedState)) {
        qCWarning(lcAuth) << "sign-in redirect refused: state missing or not this sign-in's";
        reply(socket, 400, tr("Sign-in refused"),
              tr("This sign-in response did not come from the sign-in started by Access Triage, "
                 "so it was refused. Start the sign-in again from Access Triage."));
        finish(Status::StateMismatch);
        return;
    }

    AuthorizationResponse response;
    const QStringList codes = query.allQueryItemValues(QStringLiteral("code"), QUrl::FullyDecoded);
    response.error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    response.errorDescription =
        query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded).left(500);
    if (response.error.isEmpty() && (codes.size() != 1 || codes.first().isEmpty())) {
        response.error = QStringLiteral("invalid_request");
        response.errorDescription = tr("The redirect carried no authorization code.");
    }
    if (response.error.isEmpty()) {
        response.code = codes.first().toUtf8();
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
