#pragma once

// What the ui-shell tests share: a stand-in for the system browser that completes the sandbox's
// sign-in form over real HTTP, a throwaway app environment, and screenshots on request.

#include "AppController.h"
#include "Theme.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWidget>

#include <memory>

namespace triage::test {

// Catches "open this URL in the browser" (QDesktopServices::setUrlHandler, exactly what the app
// calls) and does what a person in a browser would: GET the sign-in form, POST the username and
// password with the hidden fields, then follow the redirect to the app's loopback receiver.
class FakeBrowser : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        SignIn,             // the right credentials
        WrongPasswordFirst, // a hostile wrong password, then the right one
        Cancel,             // the page's Cancel button (access_denied on the redirect)
        Ignore,             // opens nothing (the person walked away)
    };

    FakeBrowser(QString login, QString password)
        : m_login(std::move(login))
        , m_password(std::move(password))
    {
        m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        QDesktopServices::setUrlHandler(QStringLiteral("http"), this, "openUrl");
    }
    ~FakeBrowser() override { QDesktopServices::unsetUrlHandler(QStringLiteral("http")); }

    Mode mode = Mode::SignIn;
    QList<QUrl> opened;
    int loopbackStatus = 0; // the receiver's HTTP answer to the redirect
    QByteArray loopbackPage;
    QString failure;
    bool wrongPasswordRefused = false;

public slots:
    void openUrl(const QUrl &url)
    {
        opened << url;
        if (mode == Mode::Ignore)
            return;
        QNetworkReply *reply = m_network.get(QNetworkRequest(url));
        connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
            reply->deleteLater();
            static const QRegularExpression hidden(
                QStringLiteral("name=\"transaction_id\" value=\"([^\"]*)\""));
            const auto match = hidden.match(QString::fromUtf8(reply->readAll()));
            if (!match.hasMatch()) {
                failure = QStringLiteral("no sign-in form at the authorize URL");
                return;
            }
            const QString transaction = match.captured(1);
            if (mode == Mode::Cancel)
                post(url, {{"transaction_id", transaction}, {"action", QStringLiteral("cancel")}});
            else if (mode == Mode::WrongPasswordFirst)
                post(url,
                     {{"transaction_id", transaction},
                      {"username", m_login},
                      {"password", QStringLiteral("wr\"ong\\ pass 密码 <b>")}},
                     transaction);
            else
                signIn(url, transaction);
        });
    }

private:
    void signIn(const QUrl &url, const QString &transaction)
    {
        post(url,
             {{"transaction_id", transaction}, {"username", m_login}, {"password", m_password}});
    }

    // Posts the form; a 200 answer is the form again (wrong password): then the right one.
    void post(const QUrl &authorizeUrl, const QList<std::pair<const char *, QString>> &fields,
              const QString &retryTransaction = {})
    {
        QByteArray body;
        for (const auto &[name, value] : fields) {
            if (!body.isEmpty())
                body += '&';
            body += QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
        }
        QNetworkRequest request(
            authorizeUrl.resolved(QUrl(QStringLiteral("/oauth2/v1/authorize"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply *reply = m_network.post(request, body);
        connect(reply, &QNetworkReply::finished, this, [=, this] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 200 && !retryTransaction.isEmpty()) {
                wrongPasswordRefused = reply->readAll().contains("okta-signin-error");
                signIn(authorizeUrl, retryTransaction);
                return;
            }
            const QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
            if (status != 302 || !location.isValid()) {
                failure = QStringLiteral("sign-in form answered %1").arg(status);
                return;
            }
            QNetworkReply *redirect = m_network.get(QNetworkRequest(location));
            connect(redirect, &QNetworkReply::finished, this, [this, redirect] {
                redirect->deleteLater();
                loopbackPage = redirect->readAll();
                loopbackStatus =
                    redirect->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            });
        });
    }

    QString m_login, m_password;
    QNetworkAccessManager m_network;
};

// A throwaway settings file and data folder, and a small quick sandbox.
struct ShellEnvironment
{
    ShellEnvironment()
        : settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
    {
        environment.settings = &settings;
        environment.dataDir = dir.filePath(QStringLiteral("data"));
        environment.sandbox.users = 60;
        environment.sandbox.activationDelaySeconds = 0.5;
    }

    QTemporaryDir dir;
    QSettings settings;
    ui::AppEnvironment environment;
};

// Types like a keyboard, including letters outside Latin-1 (which QTest::keyClicks refuses).
inline void typeText(QWidget *widget, const QString &text)
{
    for (const QChar ch : text) {
        if (ch.unicode() < 0x80)
            QTest::keyClick(widget, ch.toLatin1());
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(ch), Qt::NoModifier);
    }
}

inline ui::ThemeChoice themeFromEnvironment()
{
    return ui::themeChoiceFromName(qEnvironmentVariable("TRIAGE_SCREENSHOT_THEME"))
        .value_or(ui::ThemeChoice::Light);
}

// Saves widget->grab() as <name>-<light|dark>[@2x].png when TRIAGE_SCREENSHOT_DIR is set (never
// into the source tree otherwise).
inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("TRIAGE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    const bool dark = ui::Theme::isDark(QApplication::palette());
    const qreal scale = widget->devicePixelRatioF();
    const QString path =
        QStringLiteral("%1/%2-%3%4.png")
            .arg(dir, name, dark ? QStringLiteral("dark") : QStringLiteral("light"),
                 scale > 1 ? QStringLiteral("@%1x").arg(scale) : QString());
    if (!widget->grab().save(path))
        qWarning("could not save %s", qPrintable(path));
}

} // namespace triage::test
