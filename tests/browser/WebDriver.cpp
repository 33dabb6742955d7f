#include "WebDriver.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace {
const QString elementKey = QStringLiteral("element-6066-11e4-a52e-4f735466cecf");

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress(QHostAddress::LocalHost), 0);
    return probe.serverPort();
}
} // namespace

WebDriver::WebDriver() = default;

WebDriver::~WebDriver()
{
    stop();
}

bool WebDriver::start(QString *error)
{
    const quint16 port = freePort();
    m_base = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    m_driver.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_driver.setStandardOutputFile(QProcess::nullDevice());
    m_driver.start(QStringLiteral("/usr/bin/chromedriver"),
                   {QStringLiteral("--port=%1").arg(port)});
    QDeadlineTimer deadline(15000);
    bool ready = false;
    while (!ready && !deadline.hasExpired() && m_driver.state() != QProcess::NotRunning) {
        QTest::qWait(100);
        ready = call("GET", QStringLiteral("/status"), {}, nullptr, 2000)
                    .value(QLatin1String("value"))
                    .toObject()
                    .value(QLatin1String("ready"))
                    .toBool();
    }
    if (!ready) {
        *error = QStringLiteral("chromedriver did not become ready");
        return false;
    }
    const QJsonArray args{QStringLiteral("--headless"),
                          QStringLiteral("--no-sandbox"),
                          QStringLiteral("--disable-gpu"),
                          QStringLiteral("--disable-quic"),
                          QStringLiteral("--no-first-run"),
                          QStringLiteral("--disable-background-networking"),
                          QStringLiteral("--disable-component-update"),
                          QStringLiteral("--disable-sync"),
                          QStringLiteral("--disable-dev-shm-usage"),
                          QStringLiteral("--user-data-dir=") + m_profileDir.path()};
    const QJsonObject capabilities{
        {QStringLiteral("browserName"), QStringLiteral("chrome")},
        {QStringLiteral("goog:chromeOptions"),
         QJsonObject{{QStringLiteral("binary"), QStringLiteral("/usr/bin/chromium")},
                     {QStringLiteral("args"), args}}}};
    const QJsonObject answer = call("POST", QStringLiteral("/session"),
                                    {{QStringLiteral("capabilities"),
                                      QJsonObject{{QStringLiteral("alwaysMatch"), capabilities}}}},
                                    nullptr, 60000);
    m_session = answer.value(QLatin1String("value"))
                    .toObject()
                    .value(QLatin1String("sessionId"))
                    .toString();
    if (m_session.isEmpty()) {
        *error = QStringLiteral("no browser session: ") +
                 QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Compact)).left(500);
        return false;
    }
    return true;
}

void WebDriver::stop()
{
    if (!m_session.isEmpty())
        call("DELETE", QStringLiteral("/session/") + m_session, {}, nullptr, 10000);
    m_session.clear();
    if (m_driver.state() != QProcess::NotRunning) {
        QSignalSpy ended(&m_driver, &QProcess::finished);
        m_driver.terminate();
        if (!ended.wait(3000)) {
            m_driver.kill();
            ended.wait(3000);
        }
    }
}

QJsonObject WebDriver::call(const QByteArray &method, const QString &path, const QJsonObject &body,
                            int *httpStatus, int msecs)
{
    QNetworkRequest request(m_base.resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(msecs);
    const QByteArray payload = method == "GET" || method == "DELETE"
                                   ? QByteArray()
                                   : QJsonDocument(body).toJson(QJsonDocument::Compact);
    std::unique_ptr<QNetworkReply> reply(
        m_nam.sendCustomRequest(request, method, payload.isNull() ? QByteArray() : payload));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(msecs + 1000);
    if (httpStatus)
        *httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

bool WebDriver::navigate(const QUrl &url)
{
    int status = 0;
    call("POST", QStringLiteral("/session/%1/url").arg(m_session),
         {{QStringLiteral("url"), url.toString(QUrl::FullyEncoded)}}, &status);
    return status == 200;
}

QString WebDriver::currentUrl()
{
    return call("GET", QStringLiteral("/session/%1/url").arg(m_session))
        .value(QLatin1String("value"))
        .toString();
}

QString WebDriver::pageSource()
{
    return call("GET", QStringLiteral("/session/%1/source").arg(m_session))
        .value(QLatin1String("value"))
        .toString();
}

QString WebDriver::findElement(const QString &cssSelector)
{
    return call("POST", QStringLiteral("/session/%1/element").arg(m_session),
                {{QStringLiteral("using"), QStringLiteral("css selector")},
                 {QStringLiteral("value"), cssSelector}})
        .value(QLatin1String("value"))
        .toObject()
        .value(elementKey)
        .toString();
}

bool WebDriver::click(const QString &element)
{
    int status = 0;
    call("POST", QStringLiteral("/session/%1/element/%2/click").arg(m_session, element), {},
         &status);
    return status == 200;
}

bool WebDriver::type(const QString &element, const QString &text)
{
    int status = 0;
    call("POST", QStringLiteral("/session/%1/element/%2/clear").arg(m_session, element), {},
         &status);
    if (status != 200)
        return false;
    call("POST", QStringLiteral("/session/%1/element/%2/value").arg(m_session, element),
         {{QStringLiteral("text"), text}}, &status);
    return status == 200;
}

bool WebDriver::waitForText(const QString &text, int msecs)
{
    QDeadlineTimer deadline(msecs);
    while (!deadline.hasExpired()) {
        if (pageSource().contains(text))
            return true;
        QTest::qWait(50);
    }
    return false;
}
