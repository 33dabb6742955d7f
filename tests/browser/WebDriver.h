#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

// A small W3C WebDriver client for tests: starts chromedriver on a free port, opens one
// headless Chromium session with a fresh profile, and drives it. Calls wait for their answer
// with the event loop running (QSignalSpy::wait), so in-process servers keep serving.
// Reusable by other test areas (copy into tests/support if more than one needs it).
class WebDriver : public QObject
{
    Q_OBJECT
public:
    WebDriver();
    ~WebDriver() override;

    bool start(QString *error);
    void stop();

    bool navigate(const QUrl &url);
    QString currentUrl();
    QString pageSource();
    QString findElement(const QString &cssSelector); // element id, empty when not found
    bool click(const QString &element);
    bool type(const QString &element, const QString &text); // replaces the field's text
    // Polls the page until it contains `text` (or msecs pass).
    bool waitForText(const QString &text, int msecs = 10000);

private:
    QJsonObject call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     int *httpStatus = nullptr, int msecs = 30000);

    QNetworkAccessManager m_nam;
    QProcess m_driver;
    QTemporaryDir m_profileDir;
    QUrl m_base;
    QString m_session;
};
