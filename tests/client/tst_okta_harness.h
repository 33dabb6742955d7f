#pragma once

// Shared by the client-okta tests: a sandbox org, a real QNetworkAccessManager and an
// OktaConnection to it, a scriptable token provider, and a way to await a typed answer.

#include "SandboxFixture.h"
#include "common/Clock.h"
#include "okta/AccessTokenProvider.h"
#include "okta/OktaConnection.h"
#include "okta/Result.h"

#include <QNetworkAccessManager>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

namespace triage::test {

// A fixed Authorization header; after a 401, switches to `refreshed` (or fails if empty).
class ScriptedTokens final : public okta::AccessTokenProvider
{
public:
    QByteArray header;
    QByteArray refreshed;
    int refreshCalls = 0;

    QByteArray authorizationHeader() const override { return header; }
    void refreshAfterUnauthorized(QObject *context,
                                  std::function<void(okta::Renewal)> done) override
    {
        ++refreshCalls;
        QTimer::singleShot(0, context, [this, done] {
            if (refreshed.isEmpty()) {
                done(okta::Renewal::SignInRequired);
                return;
            }
            header = refreshed;
            done(okta::Renewal::Renewed);
        });
    }
};

// Fast retries so that fault tests take milliseconds, not seconds.
inline okta::OktaConnection::Options fastOptions()
{
    okta::OktaConnection::Options options;
    options.timeoutMs = 3000;
    options.backoffBaseMs = 20;
    options.backoffCapMs = 100;
    return options;
}

struct OktaHarness
{
    explicit OktaHarness(sandbox::SandboxConfig config = smallConfig(),
                         okta::OktaConnection::Options options = fastOptions(),
                         const Clock &clock = Clock::system())
        : org(startSandbox(std::move(config)))
    {
        if (!org)
            return;
        tokens.header = "Bearer " + org->issueAccessTokenForTests().toLatin1();
        connection = std::make_unique<okta::OktaConnection>(org->baseUrl(), &network, tokens, clock,
                                                            options);
    }

    QByteArray freshBearer(const QStringList &scopes = {}) const
    {
        return "Bearer " + org->issueAccessTokenForTests(scopes).toLatin1();
    }

    std::unique_ptr<sandbox::SandboxOrg> org;
    QNetworkAccessManager network;
    ScriptedTokens tokens;
    std::unique_ptr<okta::OktaConnection> connection;
};

// Runs `start(context, handler)` and waits for the handler. nullopt if it never ran in time.
template<typename T, typename Start>
std::optional<okta::Result<T>> await(Start start, int timeoutMs = 10000)
{
    std::optional<okta::Result<T>> result;
    int calls = 0;
    QObject context;
    start(&context, okta::Handler<T>([&](const okta::Result<T> &r) {
        ++calls;
        result = r;
    }));
    if (!QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs))
        return std::nullopt;
    QTest::qWait(20); // a second delivery would show here
    if (calls > 1)
        qWarning("handler ran %d times", calls);
    return calls == 1 ? result : std::nullopt;
}

} // namespace triage::test
