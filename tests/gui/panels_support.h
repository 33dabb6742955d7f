#pragma once

// What the ui-panels tests share: a sandbox org on a random port and real clients talking to it
// over HTTP, plus screenshots when TRIAGE_SCREENSHOT_DIR is set.

#include "SandboxFixture.h"
#include "common/Clock.h"
#include "okta/AccessTokenProvider.h"
#include "okta/OktaConnection.h"
#include "okta/UsersClient.h"
#include "reviews/ReviewsClient.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QTest>
#include <QWidget>

#include <memory>

namespace triage::test {

// A token the sandbox issued for the tests (no browser sign-in here).
class FixedToken final : public okta::AccessTokenProvider
{
public:
    explicit FixedToken(QString token)
        : m_header("Bearer " + token.toLatin1())
    {}
    QByteArray authorizationHeader() const override { return m_header; }
    void refreshAfterUnauthorized(QObject *, std::function<void(okta::Renewal)> done) override
    {
        done(okta::Renewal::SignInRequired);
    }

private:
    QByteArray m_header;
};

struct PanelsOrg
{
    explicit PanelsOrg(sandbox::SandboxConfig config = smallConfig(),
                       const Clock &clientClock = Clock::system(),
                       okta::OktaConnection::Options options = {})
        : org(startSandbox(std::move(config)))
        , token(org ? org->issueAccessTokenForTests() : QString())
        , connection(org ? org->baseUrl() : QUrl(), &network, token, clientClock,
                     std::move(options))
        , users(connection)
        , reviews(connection)
    {}

    QString host() const { return org->baseUrl().authority(); }

    std::unique_ptr<sandbox::SandboxOrg> org;
    QNetworkAccessManager network;
    FixedToken token;
    okta::OktaConnection connection;
    okta::UsersClient users;
    reviews::ReviewsClient reviews;
};

// Runs one client call to its answer (tests only: QTest::qWaitFor spins the test's event loop).
template<typename T, typename Call> std::optional<okta::Result<T>> await(Call call)
{
    std::optional<okta::Result<T>> answer;
    QObject context;
    call(&context, [&answer](const okta::Result<T> &result) { answer = result; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 10000))
        return std::nullopt;
    return answer;
}

inline okta::User userById(PanelsOrg &org, const QString &id)
{
    auto answer = await<okta::User>([&](QObject *context, okta::Handler<okta::User> done) {
        org.users.byIdOrLogin(id, context, std::move(done));
    });
    if (!answer || !answer->ok())
        qFatal("user %s not found", qPrintable(id));
    return answer->value();
}

inline QList<okta::User> searchUsers(PanelsOrg &org, const okta::SearchExpression &expression)
{
    auto answer = await<okta::Page<okta::User>>(
        [&](QObject *context, okta::Handler<okta::Page<okta::User>> done) {
            org.users.searchAll(expression, context, std::move(done));
        });
    return answer && answer->ok() ? answer->value().items : QList<okta::User>();
}

// Types any text, one key press per character (QTest::keyClicks takes Latin-1 only).
inline void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("TRIAGE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return; // never into the source tree unless asked
    QDir().mkpath(dir);
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    if (!widget->grab().save(path))
        qWarning("could not save %s", qPrintable(path));
}

} // namespace triage::test
