#include "sandbox/HttpServer.h"

#include "common/Logging.h"

#include <QHttpServerRequest>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace triage::sandbox {

namespace {
QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return "GET";
    case M::Put:
        return "PUT";
    case M::Delete:
        return "DELETE";
    case M::Post:
        return "POST";
    case M::Head:
        return "HEAD";
    case M::Options:
        return "OPTIONS";
    case M::Patch:
        return "PATCH";
    case M::Connect:
        return "CONNECT";
    case M::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray serialize(const ApiResponse &response, qsizetype bodyBytesToSend)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                     reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers) {
        // Header values never carry line breaks (no response splitting through echoed input).
        QByteArray safe = value;
        safe.replace('\r', ' ').replace('\n', ' ');
        out += name + ": " + safe + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
    out += response.body.left(bodyBytesToSend);
    return out;
}
} // namespace

void LowDelayTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    addPendingConnection(socket);
    emit newConnection();
}

HttpServer::HttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

bool HttpServer::listenOnLoopback(quint16 port, QString *errorMessage)
{
    m_tcpServer = new LowDelayTcpServer(this);
    if (!m_tcpServer->listen(QHostAddress::LocalHost, port)) {
        if (errorMessage)
            *errorMessage = m_tcpServer->errorString();
        delete m_tcpServer;
        m_tcpServer = nullptr;
        return false;
    }
    bind(m_tcpServer);
    return true;
}

quint16 HttpServer::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

QString HttpServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

ApiRequest HttpServer::toApiRequest(const QHttpServerRequest &request) const
{
    ApiRequest api;
    api.method = methodName(request.method());
    const QUrl url = request.url();
    api.rawPath = url.path(QUrl::FullyEncoded).toLatin1();
    if (api.rawPath.isEmpty())
        api.rawPath = "/";
    api.path = QString::fromUtf8(QByteArray::fromPercentEncoding(api.rawPath));
    api.segments = api.path.mid(1).split(QLatin1Char('/'));
    if (api.segments == QStringList{QString()})
        api.segments.clear();
    api.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    api.headers = request.headers();
    api.body = request.body();
    api.baseUrl = baseUrl();
    return api;
}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const ApiRequest api = toApiRequest(request);
    const HttpOutcome outcome = m_handler(api);
    const bool head = api.method == "HEAD";
    const bool closeAfter = api.header("Connection").toLower().contains("close");
    if (outcome.delayMs <= 0) {
        deliver(socket, outcome, head, closeAfter);
    } else {
        // The socket is the timer's context: a client that gives up cancels the answer.
        QTimer::singleShot(outcome.delayMs, socket, [socket, outcome, head, closeAfter] {
            deliver(socket, outcome, head, closeAfter);
        });
    }
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Q_UNUSED(request);
    deliver(socket, {ApiResponse::notFound(QStringLiteral("/")), HttpOutcome::Delivery::Answer, 0},
            false, false);
}

void HttpServer::deliver(QTcpSocket *socket, const HttpOutcome &outcome, bool headRequest,
                         bool closeAfter)
{
    switch (outcome.delivery) {
    case HttpOutcome::Delivery::Drop:
        socket->abort();
        return;
    case HttpOutcome::Delivery::Truncate:
        socket->write(serialize(outcome.response, outcome.response.body.size() / 2));
        socket->disconnectFromHost();
        return;
    case HttpOutcome::Delivery::Answer:
        socket->write(serialize(outcome.response, headRequest ? 0 : outcome.response.body.size()));
        if (closeAfter)
            socket->disconnectFromHost();
        return;
    }
}

} // namespace triage::sandbox
