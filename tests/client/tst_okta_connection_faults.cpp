// The one request path under every failure the sandbox can play: 401 refresh, scopes, 404, 400
// causes, latency past the timeout, dropped connections (GET retried, POST never repeated),
// 5xx, malformed / truncated / wrong-typed bodies, forced 429, and tokens kept out of logs.
#include "LogCapture.h"
#include "okta/ReplyParsing.h"
#include "okta/UsersClient.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewsClient.h"
#include "tst_okta_harness.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

using namespace triage;
using namespace triage::okta;
using triage::sandbox::Fault;
using triage::test::await;

namespace {

Fault fault(Fault::Kind kind, const char *method, const QString &path, int times = 1)
{
    Fault f;
    f.kind = kind;
    f.method = method;
    f.pathPrefix = path;
    f.times = times;
    return f;
}

const QString kUsers = QStringLiteral("/api/v1/users");
const QString kReviews = QStringLiteral("/governance/api/v2/security-access-reviews");
} // namespace

class TestOktaConnectionFaults : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void unauthorizedRefreshesOnceThenSucceeds();
    void unauthorizedTwiceIsUnauthorized();
    void unauthorizedPostIsSentAgainAfterRefresh();
    void expiredTokenFaultRefreshes();
    void insufficientScopeWithEmptyBody();
    void realMissingScopeIsForbidden();
    void notFound();
    void validationCausesFromTheServer();
    void latencyPastTimeoutRetriesGet();
    void latencyPastTimeoutOnPostIsUnknownOutcome();
    void dropBeforeCommitRetriesGet();
    void dropAfterCommitNeverRepeatsPost();
    void serverErrorsRetriedForGet_data();
    void serverErrorsRetriedForGet();
    void serverErrorsGiveUpAfterThreeTries();
    void serverErrorOnPostIsNotRepeated();
    void unreadableBodiesAreBadResponse_data();
    void unreadableBodiesAreBadResponse();
    void forced429WaitsForResetThenRetries();
    void forced429OnPostIsReported();
    void tokensNeverReachTheLog();

private:
    std::unique_ptr<test::OktaHarness> h;
    std::unique_ptr<UsersClient> users;
    std::unique_ptr<reviews::ReviewsClient> reviewsClient;

    std::optional<Result<User>> me()
    {
        return await<User>([&](QObject *ctx, Handler<User> done) { users->me(ctx, done); });
    }
    std::optional<Result<Page<User>>> search()
    {
        return await<Page<User>>([&](QObject *ctx, Handler<Page<User>> done) {
            users->searchByText(QStringLiteral("Smith"), 5, ctx, done);
        });
    }
    reviews::ReviewDraft draft(const QString &name)
    {
        reviews::ReviewDraft d(Clock::system());
        User target;
        target.id = h->org->userIds().at(3);
        target.status = QStringLiteral("ACTIVE");
        d.setTarget(target);
        User reviewer;
        reviewer.id = h->org->userIds().at(4);
        reviewer.status = QStringLiteral("ACTIVE");
        d.addReviewer(reviewer);
        d.setName(name);
        return d;
    }
    int reviewsNamed(const QString &name)
    {
        reviews::ReviewListQuery query;
        query.filter = reviews::ReviewFilter::nameEquals(name);
        query.limit = 200;
        const auto list = await<Page<Review>>([&](QObject *ctx, Handler<Page<Review>> done) {
            reviewsClient->list(query, ctx, done);
        });
        return list && list->ok() ? int(list->value().items.size()) : -1;
    }
};

void TestOktaConnectionFaults::initTestCase()
{
    test::LogCapture::install();
}

void TestOktaConnectionFaults::cleanupTestCase()
{
    test::LogCapture::uninstall();
}

void TestOktaConnectionFaults::init()
{
    auto options = test::fastOptions();
    options.timeoutMs = 400;
    h = std::make_unique<test::OktaHarness>(test::smallConfig(), options);
    QVERIFY(h->org);
    users = std::make_unique<UsersClient>(*h->connection);
    reviewsClient = std::make_unique<reviews::ReviewsClient>(*h->connection);
}

void TestOktaConnectionFaults::cleanup()
{
    reviewsClient.reset();
    users.reset();
    h.reset();
}

void TestOktaConnectionFaults::unauthorizedRefreshesOnceThenSucceeds()
{
    const QByteArray good = h->tokens.header;
    h->tokens.header = "Bearer not-a-token-\"\\";
    h->tokens.refreshed = good;
    const auto result = me();
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->error().message()));
    QCOMPARE(h->tokens.refreshCalls, 1);
    QCOMPARE(h->org->requestCount(QStringLiteral("users.me")), 2);
}

void TestOktaConnectionFaults::unauthorizedTwiceIsUnauthorized()
{
    h->tokens.header = "Bearer expired";
    h->tokens.refreshed = "Bearer still-bad";
    const auto result = me();
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, OktaError::Kind::Unauthorized);
    QCOMPARE(result->error().httpStatus, 401);
    QCOMPARE(h->tokens.refreshCalls, 1);
    QCOMPARE(h->org->requestCount(QStringLiteral("users.me")), 2);

    // A provider that can't refresh: one request, then Unauthorized.
    h->tokens.refreshCalls = 0;
    h->tokens.refreshed.clear();
    const auto again = me();
    QVERIFY(again && !again->ok());
    QCOMPARE(again->error().kind, OktaError::Kind::Unauthorized);
    QCOMPARE(h->tokens.refreshCalls, 1);
    QCOMPARE(h->org->requestCount(QStringLiteral("users.me")), 3);
}

void TestOktaConnectionFaults::unauthorizedPostIsSentAgainAfterRefresh()
{
    // A 401 means nothing happened, so the create goes out once more with the new token.
    const QByteArray good = h->tokens.header;
    h->tokens.header = "Bearer expired";
    h->tokens.refreshed = good;
    const QString name = QStringLiteral("After refresh \"ü\"");
    const reviews::ReviewDraft d = draft(name);
    const auto result = await<Review>(
        [&](QObject *ctx, Handler<Review> done) { reviewsClient->create(d, ctx, done); });
    QVERIFY2(result && result->ok(), result ? qPrintable(result->error().message()) : "none");
    QCOMPARE(result->value().name, name);
    QCOMPARE(h->tokens.refreshCalls, 1);
    QCOMPARE(reviewsNamed(name), 1);
}

void TestOktaConnectionFaults::expiredTokenFaultRefreshes()
{
    h->org->injectFault(fault(Fault::Kind::ExpiredToken, "GET", kUsers));
    h->tokens.refreshed = h->freshBearer();
    const auto result = search();
    QVERIFY(result && result->ok());
    QCOMPARE(h->tokens.refreshCalls, 1);
    QCOMPARE(h->tokens.header, h->tokens.refreshed);
}

void TestOktaConnectionFaults::insufficientScopeWithEmptyBody()
{
    h->org->injectFault(fault(Fault::Kind::InsufficientScope, "GET", kUsers));
    const auto result = search();
    QVERIFY(result && !result->ok());
    const OktaError &e = result->error();
    QCOMPARE(e.kind, OktaError::Kind::Forbidden);
    QCOMPARE(e.httpStatus, 403);
    QCOMPARE(e.authError, QStringLiteral("insufficient_scope"));
    QCOMPARE(e.requiredScope, QStringLiteral("okta.users.read"));
    QVERIFY(e.message().contains(QLatin1String("okta.users.read")));
    QCOMPARE(h->tokens.refreshCalls, 0); // 403 is not a reason to refresh
    QCOMPARE(h->org->requestCount(QStringLiteral("users.list")), 1);
}

void TestOktaConnectionFaults::realMissingScopeIsForbidden()
{
    h->tokens.header =
        h->freshBearer({QStringLiteral("openid"), QStringLiteral("okta.users.read")});
    const auto result = await<ReviewStats>(
        [&](QObject *ctx, Handler<ReviewStats> done) { reviewsClient->stats(ctx, done); });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, OktaError::Kind::Forbidden);
    QCOMPARE(result->error().requiredScope,
             QStringLiteral("okta.governance.securityAccessReviews.admin.read"));
}

void TestOktaConnectionFaults::notFound()
{
    const auto result = await<Review>([&](QObject *ctx, Handler<Review> done) {
        reviewsClient->get(QStringLiteral("sar00000000000000000"), ctx, done);
    });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, OktaError::Kind::NotFound);
    QCOMPARE(result->error().errorCode, QStringLiteral("E0000007"));
    QVERIFY(!result->error().errorId.isEmpty());
}

void TestOktaConnectionFaults::validationCausesFromTheServer()
{
    // Bypass the draft rules to see the server's own answer: target among the reviewers.
    const QString target = h->org->userIds().at(3);
    OktaRequest request;
    request.method = "POST";
    request.path = kReviews;
    request.body =
        QJsonDocument(QJsonObject{{QStringLiteral("principalId"), target},
                                  {QStringLiteral("name"), QStringLiteral("x \"y\" \\ 王")},
                                  {QStringLiteral("reviewerSettings"),
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("USER")},
                                               {QStringLiteral("userSettings"),
                                                QJsonObject{{QStringLiteral("includedUserIds"),
                                                             QJsonArray{target}}}}}}})
            .toJson(QJsonDocument::Compact);
    const auto result = await<Done>([&](QObject *ctx, Handler<Done> done) {
        deliver<Done>(
            h->connection->send(request), ctx,
            [](const OktaReply &, QString *) { return std::optional<Done>(Done{}); }, done);
    });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, OktaError::Kind::Validation);
    QCOMPARE(result->error().httpStatus, 400);
    QCOMPARE(result->error().errorCode, QStringLiteral("E0000001"));
    QVERIFY(!result->error().errorCauses.isEmpty());
    QVERIFY(result->error().message().contains(result->error().errorCauses.first()));
}

void TestOktaConnectionFaults::latencyPastTimeoutRetriesGet()
{
    Fault slow = fault(Fault::Kind::Latency, "GET", kUsers);
    slow.delayMs = 1500;
    h->org->injectFault(slow);
    QElapsedTimer timer;
    timer.start();
    const auto result = search();
    QVERIFY(result && result->ok());
    QVERIFY(timer.elapsed() < 1400); // the retry did not wait for the slow answer

    slow.times = -1;
    h->org->injectFault(slow);
    const auto failed = search();
    QVERIFY(failed && !failed->ok());
    QCOMPARE(failed->error().kind, OktaError::Kind::Timeout);
    h->org->clearFaults();
}

void TestOktaConnectionFaults::latencyPastTimeoutOnPostIsUnknownOutcome()
{
    Fault slow = fault(Fault::Kind::Latency, "POST", kReviews);
    slow.delayMs = 1000;
    h->org->injectFault(slow);
    const QString name = QStringLiteral("Slow \"create\" 王");
    const reviews::ReviewDraft d = draft(name);
    const auto result = await<Review>(
        [&](QObject *ctx, Handler<Review> done) { reviewsClient->create(d, ctx, done); });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, OktaError::Kind::UnknownOutcome);
    QTest::qWait(1000);
    // It did happen, once: the caller can reconcile by listing.
    QCOMPARE(reviewsNamed(name), 1);
}

void TestOktaConnectionFaults::dropBeforeCommitRetriesGet()
{
    h->org->injectFault(fault(Fault::Kind::DropBeforeCommit, "GET", kUsers));
    const auto result = search();
    QVERIFY2(result && result->ok(), result ? qPrintable(result->error().message()) : "none");
    QCOMPARE(h->org->requestCount(QStringLiteral("users.list")), 2);
}

void TestOktaConnectionFaults::dropAfterCommitNeverRepeatsPost()
{
    h->org->injectFault(fault(Fault::Kind::DropAfterCommit, "POST", kReviews));
    const QString name = QStringLiteral("Dropped 'after' \"commit\"");
    const reviews::ReviewDraft d = draft(name);
    const auto result = await<Review>(
        [&](QObject *ctx, Handler<Review> done) { reviewsClient->create(d, ctx, done); });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, OktaError::Kind::UnknownOutcome);
    QVERIFY(!result->error().message().isEmpty());
    QCOMPARE(reviewsNamed(name), 1); // created once, never twice

    // Dropped before commit: still reported as unknown (the client can't tell), nothing created.
    h->org->injectFault(fault(Fault::Kind::DropBeforeCommit, "POST", kReviews));
    const QString other = QStringLiteral("Dropped before");
    const reviews::ReviewDraft d2 = draft(other);
    const auto second = await<Review>(
        [&](QObject *ctx, Handler<Review> done) { reviewsClient->create(d2, ctx, done); });
    QVERIFY(second && !second->ok());
    QCOMPARE(second->error().kind, OktaError::Kind::UnknownOutcome);
    QCOMPARE(reviewsNamed(other), 0);
}

void TestOktaConnectionFaults::serverErrorsRetriedForGet_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("500") << 500;
    QTest::newRow("502") << 502;
    QTest::newRow("503") << 503;
}

void TestOktaConnectionFaults::serverErrorsRetriedForGet()
{
    QFETCH(int, status);
    Fault f = fault(Fault::Kind::ServerError, "GET", kUsers, 2);
    f.httpStatus = status;
    h->org->injectFault(f);
    const auto result = search();
    QVERIFY(result && result->ok());
    QCOMPARE(h->org->requestCount(QStringLiteral("users.list")), 3);
}

void TestOktaConnectionFaults::serverErrorsGiveUpAfterThreeTries()
{
    Fault f = fault(Fault::Kind::ServerError, "GET", kUsers, -1);
    f.httpStatus = 503;
    h->org->injectFault(f);
    const auto result = search();
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, OktaError::Kind::Server);
    QCOMPARE(result->error().httpStatus, 503);
    QCOMPARE(result->error().errorCode, QStringLiteral("E0000009"));
    QCOMPARE(h->org->requestCount(QStringLiteral("users.list")), 3);
}

void TestOktaConnectionFaults::serverErrorOnPostIsNotRepeated()
{
    h->org->injectFault(fault(Fault::Kind::ServerError, "POST", kReviews));
    const reviews::ReviewDraft d = draft(QStringLiteral("500 on create"));
    const int before = h->org->requestCount(QStringLiteral("governance.reviews"));
    const auto result = await<Review>(
        [&](QObject *ctx, Handler<Review> done) { reviewsClient->create(d, ctx, done); });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, OktaError::Kind::Server);
    QCOMPARE(h->org->requestCount(QStringLiteral("governance.reviews")), before + 1);
}

void TestOktaConnectionFaults::unreadableBodiesAreBadResponse_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("times");
    QTest::newRow("malformed JSON") << int(Fault::Kind::MalformedJson) << 1;
    QTest::newRow("truncated body") << int(Fault::Kind::TruncatedBody) << -1;
    QTest::newRow("wrong types") << int(Fault::Kind::WrongTypes) << 1;
}

void TestOktaConnectionFaults::unreadableBodiesAreBadResponse()
{
    QFETCH(int, kind);
    QFETCH(int, times);
    h->org->injectFault(fault(Fault::Kind(kind), "GET", kUsers, times));
    const auto result = search();
    QVERIFY(result && !result->ok());
    QCOMPARE(kindName(result->error().kind), kindName(OktaError::Kind::BadResponse));
    QVERIFY(!result->error().detail.isEmpty());
    h->org->clearFaults();

    // The same for a single object (a review's stats).
    h->org->injectFault(
        fault(Fault::Kind(kind), "GET", kReviews + QStringLiteral("/stats"), times));
    const auto stats = await<ReviewStats>(
        [&](QObject *ctx, Handler<ReviewStats> done) { reviewsClient->stats(ctx, done); });
    QVERIFY(stats && !stats->ok());
    QCOMPARE(kindName(stats->error().kind), kindName(OktaError::Kind::BadResponse));
    h->org->clearFaults();

    // And the connection still works afterwards.
    const auto fine = search();
    QVERIFY(fine && fine->ok());
}

void TestOktaConnectionFaults::forced429WaitsForResetThenRetries()
{
    Fault f = fault(Fault::Kind::RateLimited, "GET", kUsers);
    f.resetInSeconds = 1;
    h->org->injectFault(f);
    QElapsedTimer timer;
    timer.start();
    const auto result = search();
    QVERIFY(result && result->ok());
    // Waited for the reset (whole seconds on the server's clock), not a blind quick retry.
    QVERIFY2(timer.elapsed() >= 900, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(h->org->requestCount(QStringLiteral("users.list")), 2);
    QCOMPARE(h->org->rateLimitedCount(), 1);
}

void TestOktaConnectionFaults::forced429OnPostIsReported()
{
    Fault f = fault(Fault::Kind::RateLimited, "POST", kReviews);
    f.resetInSeconds = 1;
    h->org->injectFault(f);
    const reviews::ReviewDraft d = draft(QStringLiteral("429 on create"));
    const auto result = await<Review>(
        [&](QObject *ctx, Handler<Review> done) { reviewsClient->create(d, ctx, done); });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, OktaError::Kind::RateLimited);
    QCOMPARE(result->error().errorCode, QStringLiteral("E0000047"));
    QCOMPARE(reviewsNamed(QStringLiteral("429 on create")), 0);
}

void TestOktaConnectionFaults::tokensNeverReachTheLog()
{
    test::LogCapture::lines().clear();
    const QByteArray bad = "Bearer secret-bad-token-123";
    const QByteArray good = h->tokens.header;
    h->tokens.header = bad;
    h->tokens.refreshed = good;
    QVERIFY(me() && true);
    h->org->injectFault(fault(Fault::Kind::InsufficientScope, "GET", kUsers));
    QVERIFY(search());
    QVERIFY(!test::LogCapture::lines().isEmpty()); // triage.net did log the calls
    for (const QString &line : std::as_const(test::LogCapture::lines())) {
        QVERIFY2(!line.contains(QLatin1String("secret-bad-token")), qPrintable(line));
        QVERIFY2(!line.contains(QString::fromLatin1(good.mid(7))), qPrintable(line));
        QVERIFY2(!line.contains(QLatin1String("Authorization"), Qt::CaseInsensitive),
                 qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestOktaConnectionFaults)
#include "tst_okta_connection_faults.moc"
