// The fault matrix for the sign-in calls: discovery, code exchange (through BrowserSignIn),
// refresh and revoke x every fault the sandbox plays. Each cell must end (no hang) with the
// expected outcome and a message that holds no secret, and the same call must work again once
// the fault is gone: discovery checked again, a new sign-in, a refresh with the same refresh
// token (a rotation that was lost leaves the old one valid for the grace period), a revoke.
// The session row plays each fault once (times = 1) under a signed-in Session: it must renew
// by itself once the fault is gone, never asking to sign in again.
#include "BrowserPlayer.h"
#include "FaultCases.h"
#include "HttpProbe.h"
#include "ReservedLoopbackPort.h"
#include "auth/BrowserSignIn.h"
#include "auth/OrgDiscovery.h"
#include "auth/Session.h"
#include "auth/TokenEndpointClient.h"
#include "auth/TokenVault.h"
#include "common/Clock.h"
#include "sandbox/SandboxOrg.h"

#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace triage;
using namespace triage::auth;
using triage::sandbox::Fault;

using triage::test::FaultCase;
using triage::test::faultCases;

namespace {

enum class Call { Discovery, Token, Refresh, Revoke, SessionRefresh };

const char *callName(Call call)
{
    switch (call) {
    case Call::Discovery:
        return "discovery";
    case Call::Token:
        return "token (code exchange)";
    case Call::Refresh:
        return "refresh";
    case Call::Revoke:
        return "revoke";
    case Call::SessionRefresh:
        return "session refresh";
    }
    return "?";
}

template<typename E> QString enumName(E value)
{
    return QString::fromLatin1(QMetaEnum::fromType<E>().valueToKey(int(value)));
}

QString discoveryName(DiscoveryResult::Status status)
{
    using S = DiscoveryResult::Status;
    switch (status) {
    case S::Ok:
        return QStringLiteral("Ok");
    case S::DnsFailure:
        return QStringLiteral("DnsFailure");
    case S::TlsFailure:
        return QStringLiteral("TlsFailure");
    case S::Timeout:
        return QStringLiteral("Timeout");
    case S::ConnectionRefused:
        return QStringLiteral("ConnectionRefused");
    case S::HttpError:
        return QStringLiteral("HttpError");
    case S::NotAnOktaOrg:
        return QStringLiteral("NotAnOktaOrg");
    case S::NetworkError:
        return QStringLiteral("NetworkError");
    }
    return {};
}

QString tokenKindName(TokenOutcome::Kind kind)
{
    switch (kind) {
    case TokenOutcome::Kind::Ok:
        return QStringLiteral("Ok");
    case TokenOutcome::Kind::InvalidGrant:
        return QStringLiteral("InvalidGrant");
    case TokenOutcome::Kind::OAuthError:
        return QStringLiteral("OAuthError");
    case TokenOutcome::Kind::NetworkError:
        return QStringLiteral("NetworkError");
    case TokenOutcome::Kind::TlsError:
        return QStringLiteral("TlsError");
    case TokenOutcome::Kind::Timeout:
        return QStringLiteral("Timeout");
    case TokenOutcome::Kind::ServerError:
        return QStringLiteral("ServerError");
    case TokenOutcome::Kind::RateLimited:
        return QStringLiteral("RateLimited");
    case TokenOutcome::Kind::BadResponse:
        return QStringLiteral("BadResponse");
    }
    return {};
}

} // namespace

class TestAuthFaultMatrix : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void matrix_data();
    void matrix();

private:
    std::unique_ptr<sandbox::SandboxOrg> m_org;
    QNetworkAccessManager m_nam;
    QNetworkAccessManager m_browser;
    OrgProfile m_profile;
    TokenVault m_vault;

    int meStatus(const QByteArray &authorization)
    {
        QNetworkRequest request(endpoint("/api/v1/users/me"));
        request.setRawHeader("Authorization", authorization);
        return test::sendHttp(m_nam, request.url(), "GET", {}, {}, authorization).status;
    }

    // A signed-in Session renews while the fault plays: "Recovered" when it failed and then
    // renewed by itself, "Ok" when it never failed; otherwise the state it ended in.
    QString runSession(const TokenSet &tokens, QString *message)
    {
        Session session(&m_nam, m_profile, &m_vault, Clock::system());
        Session::Timing timing;
        timing.checkIntervalMs = 20;
        timing.retryInitialMs = 100;
        timing.retryMaxMs = 400;
        timing.tokenTimeoutMs = 400;
        session.setTiming(timing);
        session.adopt(tokens);
        auto settled = [&] {
            return session.state() == Session::State::SignedIn ||
                   session.state() == Session::State::KeychainUnavailable;
        };
        if (!QTest::qWaitFor(settled, 10000))
            return {};
        int failures = 0;
        QStringList messages;
        connect(&session, &Session::stateChanged, &session,
                [&](Session::State, const QString &text) {
                    failures = std::max(failures, session.renewalFailures());
                    messages << text;
                });
        session.stayForThisSessionOnly(); // no Secret Service: memory only (else a no-op)
        auto cleanUp = qScopeGuard([&] {
            QSignalSpy revoked(&session, &Session::signOutFinished);
            session.signOut();
            revoked.wait(5000);
        });
        const QByteArray before = session.authorizationHeader();
        session.refreshNow();
        const bool renewed = QTest::qWaitFor(
            [&] {
                return session.state() != Session::State::Refreshing &&
                       session.authorizationHeader() != before;
            },
            10000);
        // The retry message said why (it is the one a user sees); the last one says signed in.
        for (const QString &text : std::as_const(messages)) {
            if (text.contains(QLatin1String("trying again")))
                *message = text;
        }
        if (!renewed || session.state() != Session::State::SignedIn ||
            session.renewalFailures() != 0)
            return QStringLiteral("%1 (%2)").arg(enumName(session.state()),
                                                 session.stateMessage().left(100));
        if (meStatus(session.authorizationHeader()) != 200)
            return QStringLiteral("renewed token refused");
        return failures > 0 ? QStringLiteral("Recovered") : QStringLiteral("Ok");
    }

    // A whole sign-in; the result, its message and (on success) the tokens.
    std::pair<BrowserSignIn::Result, QString> signIn(TokenSet *tokens = nullptr)
    {
        BrowserSignIn flow(&m_nam, m_profile, Clock::system());
        connect(&flow, &BrowserSignIn::openUrlRequested, &flow, [this](const QUrl &url) {
            test::playBrowser(m_browser, url, m_org->config().login, m_org->config().password);
        });
        QSignalSpy finished(&flow, &BrowserSignIn::finished);
        flow.start();
        if (!finished.wait(15000))
            return {BrowserSignIn::Result::Timeout, QStringLiteral("no answer (hang)")};
        if (tokens)
            *tokens = flow.takeTokens();
        return {finished.at(0).at(0).value<BrowserSignIn::Result>(),
                finished.at(0).at(1).toString()};
    }

    QUrl endpoint(const char *path) const
    {
        return m_org->baseUrl().resolved(QUrl(QString::fromLatin1(path)));
    }

    // Runs one call; "" when it never ended. Fills `message` and `secrets` it used.
    QString run(Call call, const TokenSet &tokens, QString *message)
    {
        switch (call) {
        case Call::Discovery: {
            OrgDiscovery discovery(&m_nam);
            discovery.setTimeout(400);
            QSignalSpy finished(&discovery, &OrgDiscovery::finished);
            discovery.check(m_org->baseUrl());
            if (!finished.wait(10000))
                return {};
            const auto result = finished.at(0).at(0).value<DiscoveryResult>();
            *message = result.message;
            return discoveryName(result.status);
        }
        case Call::Token: {
            const auto [result, text] = signIn();
            *message = text;
            return enumName(result);
        }
        case Call::Refresh: {
            TokenEndpointClient client(&m_nam, Clock::system());
            client.setTimeout(400);
            std::optional<TokenOutcome> outcome;
            client.refresh(endpoint("/oauth2/v1/token"), m_profile.clientId, tokens.refreshToken,
                           this, [&](const TokenOutcome &o) { outcome = o; });
            if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000))
                return {};
            *message = outcome->message;
            return tokenKindName(outcome->kind);
        }
        case Call::Revoke: {
            TokenEndpointClient client(&m_nam, Clock::system());
            client.setTimeout(400);
            std::optional<std::pair<bool, QString>> answer;
            client.revoke(endpoint("/oauth2/v1/revoke"), m_profile.clientId, tokens.refreshToken,
                          "refresh_token", this, [&](bool ok, const QString &text) {
                              answer = {ok, text};
                          });
            if (!QTest::qWaitFor([&] { return answer.has_value(); }, 10000))
                return {};
            *message = answer->second;
            return answer->first ? QStringLiteral("Ok") : QStringLiteral("Failed");
        }
        case Call::SessionRefresh:
            return runSession(tokens, message);
        }
        return {};
    }
};

void TestAuthFaultMatrix::init()
{
    const test::ReservedLoopbackPort reserved; // until the org has its own port
    const quint16 port = reserved.port();
    sandbox::SandboxConfig config;
    config.users = 20;
    config.redirectUris = {QStringLiteral("http://127.0.0.1:%1/callback").arg(port)};
    m_org = std::make_unique<sandbox::SandboxOrg>(config);
    QString error;
    QVERIFY2(m_org->start(&error), qPrintable(error));
    m_profile = {};
    m_profile.id = QStringLiteral("auth-faults");
    m_profile.displayName = QStringLiteral("Auth \"faults\" \\ Ж");
    m_profile.orgUrl = m_org->baseUrl().toString();
    m_profile.sandbox = true;
    m_profile.clientId = config.clientId;
    m_profile.redirectPort = port;
}

void TestAuthFaultMatrix::cleanup()
{
    m_org.reset();
}

void TestAuthFaultMatrix::matrix_data()
{
    QTest::addColumn<int>("call");
    QTest::addColumn<int>("faultIndex");
    for (Call call :
         {Call::Discovery, Call::Token, Call::Refresh, Call::Revoke, Call::SessionRefresh}) {
        for (int i = 0; i < faultCases().size(); ++i)
            QTest::addRow("%s | %s", callName(call), faultCases().at(i).name) << int(call) << i;
    }
}

void TestAuthFaultMatrix::matrix()
{
    QFETCH(int, call);
    QFETCH(int, faultIndex);
    const Call c = Call(call);
    const FaultCase &fc = faultCases().at(faultIndex);

    TokenSet tokens;
    const bool session = c == Call::SessionRefresh;
    if (c == Call::Refresh || c == Call::Revoke || session) {
        QCOMPARE(signIn(&tokens).first, BrowserSignIn::Result::Success);
        QVERIFY(!tokens.refreshToken.isEmpty());
    }
    Fault fault;
    fault.kind = fc.kind;
    fault.httpStatus = fc.httpStatus;
    fault.delayMs = 1000;
    fault.resetInSeconds = 1;
    fault.method = c == Call::Discovery ? "GET" : "POST";
    fault.pathPrefix = c == Call::Discovery ? QStringLiteral("/.well-known/openid-configuration")
                       : c == Call::Revoke  ? QStringLiteral("/oauth2/v1/revoke")
                                            : QStringLiteral("/oauth2/v1/token");
    m_org->injectFault(fault);

    QString message;
    const QString outcome = run(c, tokens, &message);
    QVERIFY2(!outcome.isEmpty(), "the call never ended");
    if (session) // the fault played once: renewed by itself, no sign-in asked for
        QVERIFY2(outcome == QLatin1String("Recovered") || outcome == QLatin1String("Ok"),
                 qPrintable(outcome));
    const bool ok = outcome == QLatin1String("Ok") || outcome == QLatin1String("Success");
    if (!ok)
        QVERIFY2(!message.trimmed().isEmpty(), qPrintable(outcome));
    for (const QByteArray &secret : {tokens.accessToken, tokens.refreshToken, tokens.idToken}) {
        if (!secret.isEmpty())
            QVERIFY(!message.contains(QString::fromLatin1(secret)));
    }

    // The fault gone, the same call works again (the session row proved that already: it ends
    // signed out, its tokens revoked).
    m_org->clearFaults();
    if (session) {
        qInfo("AUTHMATRIX | %s | %s | %s | %s", callName(c), fc.name, qPrintable(outcome),
              qPrintable(message.left(160)));
        return;
    }
    QTest::qWait(fc.kind == Fault::Kind::Latency ? 700 : 0);
    QString again;
    const QString second = run(c, tokens, &again);
    QVERIFY2(second == QLatin1String("Ok") || second == QLatin1String("Success"),
             qPrintable(second + u' ' + again));
    qInfo("AUTHMATRIX | %s | %s | %s | %s", callName(c), fc.name, qPrintable(outcome),
          qPrintable(message.left(140)));
}

QTEST_GUILESS_MAIN(TestAuthFaultMatrix)
#include "tst_auth_fault_matrix.moc"
