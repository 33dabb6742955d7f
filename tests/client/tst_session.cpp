// Sign-in, refresh, rotation and sign-out against the sandbox org over real HTTP. The browser
// is played by a QNetworkAccessManager that loads Okta's sign-in form and submits it.
#include "ReservedLoopbackPort.h"
#include "auth/BrowserSignIn.h"
#include "auth/Session.h"
#include "auth/TokenEndpointClient.h"
#include "auth/TokenVault.h"
#include "common/Clock.h"
#include "okta/OktaConnection.h"
#include "okta/UsersClient.h"
#include "sandbox/SandboxOrg.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace triage;
using namespace triage::auth;

namespace {

QByteArray formBody(const QList<QPair<QByteArray, QByteArray>> &fields)
{
    return TokenEndpointClient::formEncode(fields);
}

// Waits with the event loop running until `ready` or the deadline.
bool waitFor(const std::function<bool()> &ready, int msecs = 10000)
{
    QDeadlineTimer deadline(msecs);
    while (!ready() && !deadline.hasExpired())
        QTest::qWait(5);
    return ready();
}

QNetworkReply *finishedReply(QNetworkAccessManager &nam, QNetworkReply *reply)
{
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(10000);
    Q_UNUSED(nam);
    return reply;
}

// Plays the browser: loads the authorize URL, fills in Okta's form (or presses Cancel) and
// follows the redirect to the app's loopback receiver.
struct FormBrowser
{
    QNetworkAccessManager nam;
    QString username = QStringLiteral("analyst@sandbox.example");
    QString password = QStringLiteral("sandbox-analyst");
    bool cancel = false;
    int loopbackStatus = 0;
    QByteArray loopbackPage;
    QUrl redirectedTo;

    void open(const QUrl &authorizeUrl)
    {
        QNetworkRequest get(authorizeUrl);
        std::unique_ptr<QNetworkReply> page(finishedReply(nam, nam.get(get)));
        static const QRegularExpression transactionPattern(
            QStringLiteral("name=\"transaction_id\" value=\"([^\"]*)\""));
        const auto match = transactionPattern.match(QString::fromUtf8(page->readAll()));
        if (!match.hasMatch())
            return;
        QList<QPair<QByteArray, QByteArray>> fields{{"transaction_id", match.captured(1).toUtf8()}};
        if (cancel)
            fields.append(qMakePair(QByteArray("action"), QByteArray("cancel")));
        else
            fields.append(qMakePair(QByteArray("username"), username.toUtf8()));
        fields.append(qMakePair(QByteArray("password"), password.toUtf8()));
        QNetworkRequest post(authorizeUrl.resolved(QUrl(QStringLiteral("/oauth2/v1/authorize"))));
        post.setHeader(QNetworkRequest::ContentTypeHeader,
                       QByteArrayLiteral("application/x-www-form-urlencoded"));
        post.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                          QNetworkRequest::ManualRedirectPolicy);
        std::unique_ptr<QNetworkReply> submitted(
            finishedReply(nam, nam.post(post, formBody(fields))));
        redirectedTo = submitted->header(QNetworkRequest::LocationHeader).toUrl();
        if (!redirectedTo.isValid())
            return;
        std::unique_ptr<QNetworkReply> landed(
            finishedReply(nam, nam.get(QNetworkRequest(redirectedTo))));
        loopbackStatus = landed->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        loopbackPage = landed->readAll();
    }
};

} // namespace

class TestSession : public QObject
{
    Q_OBJECT
private:
    ManualClock m_clock;
    quint16 m_redirectPort = 0;
    std::unique_ptr<sandbox::SandboxOrg> m_org;
    QNetworkAccessManager m_nam;
    TokenVault m_vault;
    int m_tokenCalls = 0;
    int m_revokeCalls = 0;

    OrgProfile profile() const
    {
        OrgProfile p;
        p.id = QStringLiteral("sandbox-test");
        p.displayName = QStringLiteral("Sandbox \"test\" \\ \u0416");
        p.orgUrl = m_org->baseUrl().toString();
        p.sandbox = true;
        p.clientId = m_org->config().clientId;
        p.redirectPort = m_redirectPort;
        return p;
    }

    // Runs a whole browser sign-in; returns the result and leaves the tokens in `signIn`.
    BrowserSignIn::Result signIn(BrowserSignIn &flow, FormBrowser &browser,
                                 QString *message = nullptr)
    {
        QObject::connect(&flow, &BrowserSignIn::openUrlRequested, &flow,
                         [&browser](const QUrl &url) { browser.open(url); });
        QSignalSpy finished(&flow, &BrowserSignIn::finished);
        flow.start();
        if (!waitFor([&] { return !finished.isEmpty(); }, 15000))
            return BrowserSignIn::Result::Timeout;
        if (message)
            *message = finished.at(0).at(1).toString();
        return finished.at(0).at(0).value<BrowserSignIn::Result>();
    }

    // Signs in through the browser and hands the tokens to `session`.
    bool signInSession(Session &session)
    {
        BrowserSignIn flow(&m_nam, profile(), m_clock);
        FormBrowser browser;
        QString message;
        const auto result = signIn(flow, browser, &message);
        if (result != BrowserSignIn::Result::Success) {
            qWarning() << "sign-in failed:" << result << message;
            return false;
        }
        session.setEndpoints(flow.endpoints());
        session.adopt(flow.takeTokens());
        return waitFor([&] { return session.state() == Session::State::SignedIn; });
    }

    int meStatus(const QByteArray &authorization)
    {
        QNetworkRequest request(
            m_org->baseUrl().resolved(QUrl(QStringLiteral("/api/v1/users/me"))));
        request.setRawHeader("Authorization", authorization);
        std::unique_ptr<QNetworkReply> reply(finishedReply(m_nam, m_nam.get(request)));
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    TokenVault::Result readVault(const QString &key)
    {
        std::optional<TokenVault::Result> result;
        QObject context;
        TokenVault fresh;
        fresh.read(key, &context, [&](const TokenVault::Result &r) { result = r; });
        waitFor([&] { return result.has_value(); });
        return result.value_or(TokenVault::Result{});
    }

    int directRefreshStatus(const QByteArray &refreshToken)
    {
        QNetworkRequest request(
            m_org->baseUrl().resolved(QUrl(QStringLiteral("/oauth2/v1/token"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        std::unique_ptr<QNetworkReply> reply(finishedReply(
            m_nam, m_nam.post(request, formBody({{"grant_type", "refresh_token"},
                                                 {"client_id", profile().clientId.toUtf8()},
                                                 {"refresh_token", refreshToken}}))));
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

private slots:
    void init()
    {
        const test::ReservedLoopbackPort reserved; // until the org has its own port
        m_redirectPort = reserved.port();
        sandbox::SandboxConfig config;
        config.users = 20;
        config.clock = &m_clock;
        config.redirectUris = {QStringLiteral("http://127.0.0.1:%1/callback").arg(m_redirectPort)};
        config.accessTokenLifetimeSeconds = 3600;
        m_org = std::make_unique<sandbox::SandboxOrg>(config);
        QString error;
        QVERIFY2(m_org->start(&error), qPrintable(error));
        m_tokenCalls = m_revokeCalls = 0;
        connect(m_org.get(), &sandbox::SandboxOrg::requestHandled, this,
                [this](const QString &, const QString &path, int) {
                    m_tokenCalls += path == QLatin1String("/oauth2/v1/token");
                    m_revokeCalls += path == QLatin1String("/oauth2/v1/revoke");
                });
    }
    void cleanup() { m_org.reset(); }

    void signInExchangesCodeAndStoresRefreshToken()
    {
        // Every log line of the whole flow is kept, to prove no secret reaches one.
        static QStringList logLines;
        logLines.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("triage.*.debug=true"));
        static QtMessageHandler previous = nullptr;
        previous = qInstallMessageHandler(
            [](QtMsgType type, const QMessageLogContext &context, const QString &text) {
                logLines << text;
                previous(type, context, text);
            });
        auto restoreHandler = qScopeGuard([] { qInstallMessageHandler(previous); });

        BrowserSignIn flow(&m_nam, profile(), m_clock);
        FormBrowser browser;
        QString message;
        QCOMPARE(signIn(flow, browser, &message), BrowserSignIn::Result::Success);
        const QString code = QUrlQuery(browser.redirectedTo).queryItemValue(QStringLiteral("code"));
        QVERIFY(!code.isEmpty());
        QVERIFY(message.contains(QLatin1String("Signed in")));
        QCOMPARE(browser.loopbackStatus, 200);
        QVERIFY(browser.loopbackPage.contains("You can close this tab"));

        const QUrlQuery query(flow.authorizeUrl());
        QCOMPARE(query.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")),
                 QStringLiteral("S256"));
        QCOMPARE(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
                 profile().redirectUri());
        QVERIFY(!query.queryItemValue(QStringLiteral("nonce")).isEmpty());
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
        QVERIFY(query.queryItemValue(QStringLiteral("state")).size() >= 43);

        for (const ScopeStatus &status : flow.scopeReport())
            QVERIFY2(status.granted, qPrintable(status.scope));
        TokenSet tokens = flow.takeTokens();
        QVERIFY(tokens.hasAccessToken());
        QVERIFY(!tokens.refreshToken.isEmpty());
        QCOMPARE(tokens.userName, QStringLiteral("analyst@sandbox.example"));
        QCOMPARE(tokens.expiresAt, m_clock.now().addSecs(3600));
        QVERIFY(flow.takeTokens().accessToken.isEmpty()); // moved out

        Session session(&m_nam, profile(), &m_vault, m_clock);
        QSignalSpy states(&session, &Session::stateChanged);
        const QByteArray refreshToken = tokens.refreshToken;
        session.adopt(tokens);
        QVERIFY(waitFor([&] { return session.state() == Session::State::SignedIn; }));
        QCOMPARE(meStatus(session.authorizationHeader()), 200);
        const auto stored = readVault(profile().keychainKey());
        QCOMPARE(stored.status, TokenVault::Status::Found);
        QCOMPARE(stored.secret, refreshToken);

        QVERIFY(logLines.size() > 5);
        for (const QString &line : std::as_const(logLines)) {
            for (const QString &secret :
                 {code, QString::fromLatin1(refreshToken),
                  QString::fromLatin1(session.authorizationHeader().mid(7))})
                QVERIFY2(!line.contains(secret),
                         qPrintable(QStringLiteral("secret in a log line: ") + line.left(60)));
        }
        QVERIFY(!message.contains(code));
    }

    void deniedAndWrongPassword()
    {
        {
            BrowserSignIn flow(&m_nam, profile(), m_clock);
            FormBrowser browser;
            browser.cancel = true;
            QString message;
            QCOMPARE(signIn(flow, browser, &message), BrowserSignIn::Result::AccessDenied);
            QVERIFY(!message.isEmpty());
            QCOMPARE(browser.loopbackStatus, 400);
            QVERIFY(flow.takeTokens().accessToken.isEmpty());
        }
        {
            // A wrong password stays on Okta's page: nothing reaches the app; then cancel.
            BrowserSignIn flow(&m_nam, profile(), m_clock);
            FormBrowser browser;
            browser.password = QStringLiteral("wrong \"pw\" \\ \u0416");
            QSignalSpy finished(&flow, &BrowserSignIn::finished);
            connect(&flow, &BrowserSignIn::openUrlRequested, &flow,
                    [&browser](const QUrl &url) { browser.open(url); });
            flow.start();
            QVERIFY(waitFor([&] {
                return browser.redirectedTo.isEmpty() && flow.isRunning() &&
                       !flow.authorizeUrl().isEmpty();
            }));
            QTest::qWait(100);
            QCOMPARE(finished.size(), 0);
            flow.cancel();
            QCOMPARE(finished.size(), 1);
            QCOMPARE(finished.at(0).at(0).value<BrowserSignIn::Result>(),
                     BrowserSignIn::Result::Cancelled);
        }
    }

    void browserClosedMidFlowTimesOutAndGarbageIsIgnored()
    {
        // The user closes the browser: nothing ever comes back, only garbage from elsewhere.
        BrowserSignIn flow(&m_nam, profile(), m_clock);
        LoopbackReceiver::Limits limits;
        limits.overallTimeoutMs = 600;
        limits.connectionTimeoutMs = 200;
        flow.setReceiverLimits(limits);
        QSignalSpy finished(&flow, &BrowserSignIn::finished);
        QUrl opened;
        connect(&flow, &BrowserSignIn::openUrlRequested, &flow,
                [&opened](const QUrl &url) { opened = url; });
        flow.start();
        QVERIFY(waitFor([&] { return opened.isValid(); }));
        QTcpSocket garbage;
        garbage.connectToHost(QHostAddress::LocalHost, m_redirectPort);
        QVERIFY(waitFor([&] { return garbage.state() == QAbstractSocket::ConnectedState; }));
        garbage.write("\x16\x03\x01 not http at all \"\\ \xd0\x96\r\n\r\n");
        QVERIFY(waitFor([&] { return !finished.isEmpty(); }));
        QCOMPARE(finished.at(0).at(0).value<BrowserSignIn::Result>(),
                 BrowserSignIn::Result::Timeout);
        QVERIFY(!finished.at(0).at(1).toString().isEmpty());
        QTcpServer again; // the port is free again
        QVERIFY(again.listen(QHostAddress(QHostAddress::LocalHost), m_redirectPort));
    }

    void portInUseAndUnreachableOrg()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress(QHostAddress::LocalHost), m_redirectPort));
        BrowserSignIn flow(&m_nam, profile(), m_clock);
        FormBrowser browser;
        QString message;
        QCOMPARE(signIn(flow, browser, &message), BrowserSignIn::Result::PortInUse);
        QVERIFY(message.contains(QString::number(m_redirectPort)));
        squatter.close();

        OrgProfile gone = profile();
        test::ReservedLoopbackPort nobody; // a port nothing listens on once released
        nobody.release();
        gone.orgUrl = QStringLiteral("http://127.0.0.1:%1").arg(nobody.port());
        BrowserSignIn refused(&m_nam, gone, m_clock);
        QCOMPARE(signIn(refused, browser, &message), BrowserSignIn::Result::NetworkError);
        QVERIFY(message.contains(QLatin1String("refused")));
    }

    void refreshAheadOfExpiryRotatesAndStores()
    {
        Session session(&m_nam, profile(), &m_vault, m_clock);
        session.setTiming({300, 20});
        QVERIFY(signInSession(session));
        const QByteArray firstHeader = session.authorizationHeader();
        const QByteArray firstRefresh = readVault(profile().keychainKey()).secret;
        const QDateTime firstExpiry = session.expiresAt();
        const int callsBefore = m_tokenCalls;

        m_clock.advance(3000 * 1000); // 10 minutes before expiry: not yet due
        QTest::qWait(100);
        QCOMPARE(m_tokenCalls, callsBefore);
        QSignalSpy states(&session, &Session::stateChanged);
        m_clock.advance(301 * 1000); // inside the 5-minute margin
        QVERIFY(waitFor([&] {
            return m_tokenCalls == callsBefore + 1 && session.state() == Session::State::SignedIn;
        }));
        QCOMPARE(states.at(0).at(0).value<Session::State>(), Session::State::Refreshing);
        QVERIFY(session.authorizationHeader() != firstHeader);
        QVERIFY(session.expiresAt() > firstExpiry);
        QCOMPARE(meStatus(session.authorizationHeader()), 200);

        // Rotation: the keychain holds the new refresh token, and it works after the old one's
        // grace period is over.
        QVERIFY(waitFor([&] {
            const auto now = readVault(profile().keychainKey());
            return now.status == TokenVault::Status::Found && now.secret != firstRefresh;
        }));
        m_clock.advance(120 * 1000);
        QCOMPARE(directRefreshStatus(firstRefresh), 400);

        // Restore on start: a new session reads the stored token and refreshes with it.
        Session restored(&m_nam, profile(), &m_vault, m_clock);
        restored.restore();
        QVERIFY(waitFor([&] { return restored.state() == Session::State::SignedIn; }));
        QCOMPARE(meStatus(restored.authorizationHeader()), 200);
    }

    void refreshOnceAfterUnauthorized()
    {
        Session session(&m_nam, profile(), &m_vault, m_clock);
        QVERIFY(signInSession(session));
        const QByteArray before = session.authorizationHeader();
        const int callsBefore = m_tokenCalls;
        QObject caller;
        QList<okta::Renewal> answers;
        // Three requests got 401 at once: one refresh serves them all.
        for (int i = 0; i < 3; ++i)
            session.refreshAfterUnauthorized(&caller,
                                             [&answers](okta::Renewal r) { answers << r; });
        QVERIFY(waitFor([&] { return answers.size() == 3; }));
        QVERIFY(answers == QList<okta::Renewal>(3, okta::Renewal::Renewed));
        QCOMPARE(m_tokenCalls, callsBefore + 1);
        QVERIFY(session.authorizationHeader() != before);
        QCOMPARE(meStatus(session.authorizationHeader()), 200);

        // A caller that went away is not called back.
        bool called = false;
        {
            QObject shortLived;
            session.refreshAfterUnauthorized(&shortLived,
                                             [&called](okta::Renewal) { called = true; });
        }
        QVERIFY(waitFor([&] { return session.state() == Session::State::SignedIn; }));
        QTest::qWait(50);
        QVERIFY(!called);
    }

    void refreshFailureRequiresSignInOnce()
    {
        Session session(&m_nam, profile(), &m_vault, m_clock);
        QVERIFY(signInSession(session));
        // The refresh token is revoked behind the app's back (an admin ended the session).
        const QByteArray refreshToken = readVault(profile().keychainKey()).secret;
        QNetworkRequest revoke(
            m_org->baseUrl().resolved(QUrl(QStringLiteral("/oauth2/v1/revoke"))));
        revoke.setHeader(QNetworkRequest::ContentTypeHeader,
                         QByteArrayLiteral("application/x-www-form-urlencoded"));
        std::unique_ptr<QNetworkReply>(finishedReply(
            m_nam, m_nam.post(revoke, formBody({{"token", refreshToken},
                                                {"token_type_hint", "refresh_token"},
                                                {"client_id", profile().clientId.toUtf8()}}))));

        QSignalSpy states(&session, &Session::stateChanged);
        QObject caller;
        QList<okta::Renewal> answers;
        const auto record = [&answers](okta::Renewal r) { answers << r; };
        session.refreshAfterUnauthorized(&caller, record);
        session.refreshAfterUnauthorized(&caller, record);
        QVERIFY(waitFor([&] { return answers.size() == 2; }));
        // A refusal: the calls fail as Unauthorized ("sign in again").
        QVERIFY(answers == QList<okta::Renewal>(2, okta::Renewal::SignInRequired));
        QCOMPARE(session.state(), Session::State::SignInRequired);
        QVERIFY(session.authorizationHeader().isEmpty());
        QVERIFY(!session.stateMessage().contains(QString::fromLatin1(refreshToken)));
        int signInRequired = 0;
        for (const auto &change : states)
            signInRequired +=
                change.at(0).value<Session::State>() == Session::State::SignInRequired;
        QCOMPARE(signInRequired, 1);

        // Never a loop: later 401s are answered "no" without another token request.
        const int calls = m_tokenCalls;
        session.refreshAfterUnauthorized(&caller, record);
        QVERIFY(waitFor([&] { return answers.size() == 3; }));
        QVERIFY(answers.last() == okta::Renewal::SignInRequired);
        m_clock.advance(7200 * 1000);
        QTest::qWait(100);
        QCOMPARE(m_tokenCalls, calls);
        // The dead refresh token is gone from the keychain.
        QCOMPARE(readVault(profile().keychainKey()).status, TokenVault::Status::NotFound);
    }

    // Quick retries, so that a test moves the clock instead of waiting.
    static Session::Timing retryTiming()
    {
        Session::Timing timing;
        timing.checkIntervalMs = 20;
        timing.retryInitialMs = 1000;
        timing.retryMaxMs = 4000;
        timing.tokenTimeoutMs = 300;
        return timing;
    }

    static int countState(const QSignalSpy &states, Session::State state)
    {
        int count = 0;
        for (const auto &change : states)
            count += change.at(0).value<Session::State>() == state;
        return count;
    }

    sandbox::Fault tokenFault(sandbox::Fault::Kind kind)
    {
        sandbox::Fault fault;
        fault.kind = kind;
        fault.method = "POST";
        fault.pathPrefix = QStringLiteral("/oauth2/v1/token");
        fault.httpStatus = 503;
        fault.delayMs = 1000; // Latency: past the 300 ms token timeout
        fault.times = -1;     // QNetworkAccessManager retries once on a dropped connection
        return fault;
    }

    // While the fault lasts: the clock moves to each due retry, which fails again.
    bool failUntil(Session &session, int failures)
    {
        while (true) {
            // A retry may be running (the clock can pass several due times at once).
            if (!waitFor([&] { return session.nextRenewalAttempt().isValid(); }))
                return false;
            const int failed = session.renewalFailures();
            if (failed >= failures)
                return true;
            m_clock.set(session.nextRenewalAttempt());
            if (!waitFor([&] { return session.renewalFailures() > failed; }))
                return false;
        }
    }

    void transientRefreshFailuresRecoverByThemselves_data()
    {
        using K = sandbox::Fault::Kind;
        QTest::addColumn<int>("kind");
        QTest::newRow("latency past timeout") << int(K::Latency);
        QTest::newRow("dropped") << int(K::DropBeforeCommit);
        QTest::newRow("503") << int(K::ServerError);
        QTest::newRow("429 with reset") << int(K::RateLimited);
        QTest::newRow("malformed json") << int(K::MalformedJson);
        QTest::newRow("truncated") << int(K::TruncatedBody);
        QTest::newRow("wrong types") << int(K::WrongTypes);
    }
    void transientRefreshFailuresRecoverByThemselves()
    {
        QFETCH(int, kind);
        const auto faultKind = sandbox::Fault::Kind(kind);
        Session session(&m_nam, profile(), &m_vault, m_clock);
        session.setTiming(retryTiming());
        QVERIFY(signInSession(session));
        const QByteArray header = session.authorizationHeader();
        const QByteArray refreshToken = readVault(profile().keychainKey()).secret;
        QSignalSpy states(&session, &Session::stateChanged);
        m_org->injectFault(tokenFault(faultKind));
        const QDateTime failedAt = m_clock.now();
        session.refreshNow();
        QVERIFY(waitFor([&] { return session.renewalFailures() == 1; }));

        // The access token is still good: signed in, told that renewal is retrying.
        QCOMPARE(session.state(), Session::State::SignedIn);
        QVERIFY(!session.isReconnecting());
        QCOMPARE(session.authorizationHeader(), header);
        QCOMPARE(meStatus(header), 200);
        QVERIFY(session.stateMessage().contains(QLatin1String("trying again")));
        QVERIFY(!session.stateMessage().contains(QString::fromLatin1(refreshToken)));
        QCOMPARE(readVault(profile().keychainKey()).secret, refreshToken);
        // Backoff: 50..100% of 1 s, or a 429's reset (30 s) at the earliest.
        const qint64 wait = failedAt.msecsTo(session.nextRenewalAttempt());
        if (faultKind == sandbox::Fault::Kind::RateLimited)
            QVERIFY2(wait >= 29000 && wait <= 31000, qPrintable(QString::number(wait)));
        else
            QVERIFY2(wait >= 500 && wait <= 1000, qPrintable(QString::number(wait)));

        // Never a tight loop: nothing is sent until the retry is due, and a 401 meanwhile is
        // answered "not refreshed" at once without a token request.
        const int calls = m_tokenCalls;
        QObject caller;
        std::optional<okta::Renewal> answer;
        session.refreshAfterUnauthorized(&caller, [&answer](okta::Renewal r) { answer = r; });
        QVERIFY(waitFor([&] { return answer.has_value(); }));
        QVERIFY(*answer == okta::Renewal::RetryingLater);
        QTest::qWait(100);
        QCOMPARE(m_tokenCalls, calls);

        // The fault clears; the due retry renews the sign-in with no help.
        m_org->clearFaults();
        m_clock.set(session.nextRenewalAttempt());
        QVERIFY(waitFor([&] {
            return session.state() == Session::State::SignedIn && session.renewalFailures() == 0 &&
                   session.authorizationHeader() != header;
        }));
        QVERIFY(!session.nextRenewalAttempt().isValid());
        QCOMPARE(session.stateMessage(),
                 QStringLiteral("Signed in to %1.").arg(profile().displayName));
        QCOMPARE(meStatus(session.authorizationHeader()), 200);
        QCOMPARE(countState(states, Session::State::SignInRequired), 0);
    }

    void expiredTokenReconnectsThenRecovers()
    {
        Session session(&m_nam, profile(), &m_vault, m_clock);
        session.setTiming(retryTiming());
        QVERIFY(signInSession(session));
        const QByteArray refreshToken = readVault(profile().keychainKey()).secret;
        m_org->injectFault(tokenFault(sandbox::Fault::Kind::ServerError));
        QSignalSpy states(&session, &Session::stateChanged);
        m_clock.advance(3301 * 1000); // into the refresh margin: the scheduled refresh fails
        QVERIFY(waitFor([&] { return session.renewalFailures() == 1; }));
        QCOMPARE(session.state(), Session::State::SignedIn);

        // The access token runs out before a retry works: "can't reach Okta", still retrying.
        m_clock.set(session.expiresAt().addSecs(1));
        QVERIFY(waitFor([&] { return session.isReconnecting(); }));
        QCOMPARE(session.state(), Session::State::Refreshing);
        QVERIFY(session.stateMessage().contains(QLatin1String("Can't reach Okta")));
        QVERIFY(session.stateMessage().contains(QLatin1String("HTTP 503")));
        QVERIFY(session.stateMessage().contains(profile().displayName));
        QVERIFY(failUntil(session, 3));
        QVERIFY(session.isReconnecting());
        QCOMPARE(readVault(profile().keychainKey()).secret, refreshToken); // nothing wiped
        QCOMPARE(countState(states, Session::State::SignInRequired), 0);

        // A call meanwhile gets 401: it fails as "can't reach Okta" (retryable, so pollers go
        // on), never "sign in again", and spends no token request of its own.
        okta::OktaConnection connection(m_org->baseUrl(), &m_nam, session, m_clock);
        okta::UsersClient users(connection);
        const int tokenCalls = m_tokenCalls;
        std::optional<okta::Result<okta::User>> me;
        users.me(this, [&me](const okta::Result<okta::User> &result) { me = result; });
        QVERIFY(waitFor([&] { return me.has_value(); }));
        QVERIFY(!me->ok());
        QCOMPARE(okta::kindName(me->error().kind), QStringLiteral("Network"));
        QCOMPARE(me->error().httpStatus, 401);
        QVERIFY(me->error().isRetryable());
        QVERIFY(!me->error().message().contains(QLatin1String("sign in again")));
        QCOMPARE(m_tokenCalls, tokenCalls);

        m_org->clearFaults();
        m_clock.set(session.nextRenewalAttempt());
        QVERIFY(waitFor([&] { return session.state() == Session::State::SignedIn; }));
        QVERIFY(!session.isReconnecting());
        QCOMPARE(session.renewalFailures(), 0);
        QCOMPARE(meStatus(session.authorizationHeader()), 200);
        QCOMPARE(countState(states, Session::State::SignInRequired), 0);
        me.reset();
        users.me(this, [&me](const okta::Result<okta::User> &result) { me = result; });
        QVERIFY(waitFor([&] { return me.has_value(); }));
        QVERIFY2(me->ok(), qPrintable(me->error().message()));
    }

    void unauthorizedRefreshFailingTransientlyKeepsTrying()
    {
        Session session(&m_nam, profile(), &m_vault, m_clock);
        session.setTiming(retryTiming());
        QVERIFY(signInSession(session));
        m_org->injectFault(tokenFault(sandbox::Fault::Kind::MalformedJson));
        QObject caller;
        QList<okta::Renewal> answers;
        for (int i = 0; i < 2; ++i)
            session.refreshAfterUnauthorized(&caller,
                                             [&answers](okta::Renewal r) { answers << r; });
        QVERIFY(waitFor([&] { return answers.size() == 2; }));
        // The calls fail as "can't reach Okta"...
        QVERIFY(answers == QList<okta::Renewal>(2, okta::Renewal::RetryingLater));
        QCOMPARE(session.renewalFailures(), 1);
        QVERIFY(session.nextRenewalAttempt().isValid()); // ...but the session keeps trying
        m_org->clearFaults();
        m_clock.set(session.nextRenewalAttempt());
        QVERIFY(waitFor([&] {
            return session.state() == Session::State::SignedIn && session.renewalFailures() == 0;
        }));
        QCOMPARE(meStatus(session.authorizationHeader()), 200);
    }

    void restoreWhileOrgFailsRetriesThenSignsIn()
    {
        {
            Session first(&m_nam, profile(), &m_vault, m_clock);
            QVERIFY(signInSession(first));
        }
        m_org->injectFault(tokenFault(sandbox::Fault::Kind::TruncatedBody));
        Session session(&m_nam, profile(), &m_vault, m_clock);
        session.setTiming(retryTiming());
        session.restore();
        QVERIFY(waitFor([&] { return session.renewalFailures() == 1; }));
        QVERIFY(session.isReconnecting());
        QVERIFY(session.stateMessage().contains(QLatin1String("Can't reach Okta")));
        m_org->clearFaults();
        session.refreshNow(); // "try again now"
        QVERIFY(waitFor([&] { return session.state() == Session::State::SignedIn; }));
        QCOMPARE(meStatus(session.authorizationHeader()), 200);
    }

    void renewalGivesUpAfterMaxFailuresOrWhenAsked()
    {
        Session::Timing timing = retryTiming();
        timing.maxRenewalFailures = 3;
        Session session(&m_nam, profile(), &m_vault, m_clock);
        session.setTiming(timing);
        QVERIFY(signInSession(session));
        const QByteArray refreshToken = readVault(profile().keychainKey()).secret;
        m_org->injectFault(tokenFault(sandbox::Fault::Kind::ServerError));
        QSignalSpy states(&session, &Session::stateChanged);
        session.refreshNow();
        QVERIFY(waitFor([&] { return session.renewalFailures() == 1; }));
        m_clock.set(session.nextRenewalAttempt());
        QVERIFY(waitFor([&] { return session.renewalFailures() == 2; }));
        m_clock.set(session.nextRenewalAttempt());
        QVERIFY(waitFor([&] { return session.state() == Session::State::SignInRequired; }));
        QCOMPARE(countState(states, Session::State::SignInRequired), 1);
        QVERIFY(session.stateMessage().contains(QLatin1String("3 tries")));
        std::optional<okta::Renewal> answer; // given up: a 401 now means "sign in again"
        QObject caller;
        session.refreshAfterUnauthorized(&caller, [&answer](okta::Renewal r) { answer = r; });
        QVERIFY(waitFor([&] { return answer.has_value(); }));
        QVERIFY(*answer == okta::Renewal::SignInRequired);
        QVERIFY(session.authorizationHeader().isEmpty());
        // Transient trouble never deletes the stored sign-in; and then nothing more is sent.
        QCOMPARE(readVault(profile().keychainKey()).secret, refreshToken);
        const int calls = m_tokenCalls;
        m_clock.advance(600 * 1000);
        QTest::qWait(100);
        QCOMPARE(m_tokenCalls, calls);

        // The user stops the retries.
        m_org->clearFaults();
        Session asked(&m_nam, profile(), &m_vault, m_clock);
        asked.setTiming(retryTiming());
        QVERIFY(signInSession(asked));
        m_org->injectFault(tokenFault(sandbox::Fault::Kind::WrongTypes));
        asked.refreshNow();
        QVERIFY(waitFor([&] { return asked.renewalFailures() == 1; }));
        const int before = m_tokenCalls;
        asked.giveUpRenewal();
        QCOMPARE(asked.state(), Session::State::SignInRequired);
        m_clock.advance(600 * 1000);
        QTest::qWait(100);
        QCOMPARE(m_tokenCalls, before);
        QCOMPARE(readVault(profile().keychainKey()).status, TokenVault::Status::Found);
    }

    void refusedClientRequiresSignInButKeepsStoredToken()
    {
        Session session(&m_nam, profile(), &m_vault, m_clock);
        QVERIFY(signInSession(session));
        const QByteArray refreshToken = readVault(profile().keychainKey()).secret;
        // The same stored sign-in under an app id the org does not know: invalid_client.
        OrgProfile wrongApp = profile();
        wrongApp.clientId = QStringLiteral("0oa\"nope\" \u0416");
        Session other(&m_nam, wrongApp, &m_vault, m_clock);
        other.restore();
        QVERIFY(waitFor([&] { return other.state() == Session::State::SignInRequired; }));
        QCOMPARE(other.renewalFailures(), 0);
        QVERIFY(!other.stateMessage().contains(QString::fromLatin1(refreshToken)));
        QCOMPARE(readVault(profile().keychainKey()).secret, refreshToken);
    }

    // Run by the tst_session_no_keychain entry, on a D-Bus address with nothing behind it.
    void keychainUnavailableOffersThisSessionOnly()
    {
        if (!qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS")
                 .contains(QLatin1String("nonexistent")))
            QSKIP("runs only with DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent");
        m_vault.setTimeout(3000);
        {
            // On start, an unusable keychain is its own state, never "signed out".
            Session restoring(&m_nam, profile(), &m_vault, m_clock);
            restoring.restore();
            QVERIFY(
                waitFor([&] { return restoring.state() == Session::State::KeychainUnavailable; }));
            QVERIFY(!restoring.stateMessage().isEmpty());
        }
        Session session(&m_nam, profile(), &m_vault, m_clock);
        BrowserSignIn flow(&m_nam, profile(), m_clock);
        FormBrowser browser;
        QCOMPARE(signIn(flow, browser), BrowserSignIn::Result::Success);
        session.setEndpoints(flow.endpoints());
        session.adopt(flow.takeTokens());
        QVERIFY(waitFor([&] { return session.state() == Session::State::KeychainUnavailable; }));
        QVERIFY(session.authorizationHeader().isEmpty()); // the user decides first
        QVERIFY(!session.rememberedForThisSessionOnly());

        session.stayForThisSessionOnly();
        QCOMPARE(session.state(), Session::State::SignedIn);
        QVERIFY(session.rememberedForThisSessionOnly());
        QCOMPARE(meStatus(session.authorizationHeader()), 200);

        // Refresh (with rotation) works from memory, and nothing tries the keychain again.
        const QByteArray before = session.authorizationHeader();
        QObject caller;
        std::optional<okta::Renewal> answer;
        session.refreshAfterUnauthorized(&caller, [&answer](okta::Renewal r) { answer = r; });
        QVERIFY(waitFor([&] { return answer.has_value(); }));
        QVERIFY(*answer == okta::Renewal::Renewed);
        QCOMPARE(session.state(), Session::State::SignedIn);
        QVERIFY(session.authorizationHeader() != before);
        QCOMPARE(meStatus(session.authorizationHeader()), 200);

        QSignalSpy signedOut(&session, &Session::signOutFinished);
        session.signOut();
        QVERIFY(signedOut.wait(5000));
        QCOMPARE(signedOut.at(0).at(0).toBool(), true);
        QVERIFY(!session.rememberedForThisSessionOnly());
    }

    void signOutRevokesAndForgets()
    {
        Session session(&m_nam, profile(), &m_vault, m_clock);
        QVERIFY(signInSession(session));
        const QByteArray header = session.authorizationHeader();
        const QByteArray refreshToken = readVault(profile().keychainKey()).secret;
        QSignalSpy finished(&session, &Session::signOutFinished);
        session.signOut();
        QCOMPARE(session.state(), Session::State::SignedOut);
        QVERIFY(session.authorizationHeader().isEmpty());
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(m_revokeCalls, 2); // refresh token and access token
        QCOMPARE(meStatus(header), 401);
        QCOMPARE(directRefreshStatus(refreshToken), 400);
        QVERIFY(waitFor([&] {
            return readVault(profile().keychainKey()).status == TokenVault::Status::NotFound;
        }));

        // And nothing is restored afterwards.
        Session next(&m_nam, profile(), &m_vault, m_clock);
        next.restore();
        QVERIFY(waitFor([&] {
            return next.state() == Session::State::SignedOut && !next.stateMessage().isEmpty();
        }));
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
