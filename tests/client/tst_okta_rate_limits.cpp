// Rate limits against the sandbox: when a family's budget is used up the client waits for the
// reset (judged by the server's headers on the shared clock) and sends nothing that would get a
// 429, also for a burst of concurrent calls. The sandbox and the client share one ManualClock;
// the client re-checks the clock at least every second, so moving it ends the wait.
#include "okta/ReplyParsing.h"
#include "okta/UsersClient.h"
#include "tst_okta_harness.h"

#include <QSignalSpy>
#include <QTest>

using namespace triage;
using namespace triage::okta;
using triage::test::await;

class TestOktaRateLimits : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void exhaustedBudgetWaitsForReset();
    void concurrentBurstStaysWithinBudget();
    void otherFamiliesAreNotHeldUp();

private:
    std::unique_ptr<ManualClock> clock;
    std::unique_ptr<test::OktaHarness> h;
    std::unique_ptr<QSignalSpy> rates;

    OktaReply *list(int *done, std::optional<Result<Page<User>>> *last = nullptr)
    {
        OktaRequest request;
        request.path = QStringLiteral("/api/v1/users");
        request.query = {
            {QStringLiteral("search"), QStringLiteral("profile.lastName eq \"bob\\\"smith\"")}};
        return deliver<Page<User>>(
            h->connection->send(request), this,
            [](const OktaReply &r, QString *e) { return parsePages<User>(r, QLatin1String(), e); },
            Handler<Page<User>>([done, last](const Result<Page<User>> &r) {
                ++*done;
                if (last)
                    *last = r;
            }));
    }
};

void TestOktaRateLimits::init()
{
    clock = std::make_unique<ManualClock>();
    auto config = test::smallConfig();
    config.clock = clock.get();
    config.rateLimitOverrides.insert(QStringLiteral("users.list"), 3);
    h = std::make_unique<test::OktaHarness>(config, test::fastOptions(), *clock);
    QVERIFY(h->org);
    rates = std::make_unique<QSignalSpy>(h->connection.get(), &OktaConnection::rateLimitChanged);
}

void TestOktaRateLimits::cleanup()
{
    rates.reset();
    h.reset();
    clock.reset();
}

void TestOktaRateLimits::exhaustedBudgetWaitsForReset()
{
    int done = 0;
    for (int i = 1; i <= 3; ++i) {
        list(&done);
        QTRY_COMPARE(done, i);
    }
    const auto rate =
        h->connection->rateLimit(OktaConnection::familyFor(QStringLiteral("/api/v1/users")));
    QVERIFY(rate);
    QCOMPARE(rate->limit, 3);
    QCOMPARE(rate->remaining, 0);
    QVERIFY(rate->msecsUntilReset(clock->now()) > 55000);
    QCOMPARE(rates->count(), 3);
    QCOMPARE(rates->last().at(0).value<RateLimit>().remaining, 0);

    std::optional<Result<Page<User>>> fourth;
    list(&done, &fourth);
    QTest::qWait(1300); // more than one re-check of the clock
    QCOMPARE(done, 3);
    QCOMPARE(h->org->requestCount(QStringLiteral("users.list")), 3); // it did not even try

    clock->advance(61 * 1000);
    QTRY_COMPARE_WITH_TIMEOUT(done, 4, 3000);
    QVERIFY(fourth && fourth->ok());
    QCOMPARE(fourth->value().items.size(), 1);
    QCOMPARE(h->org->rateLimitedCount(), 0);
}

void TestOktaRateLimits::concurrentBurstStaysWithinBudget()
{
    int done = 0;
    list(&done);
    QTRY_COMPARE(done, 1); // now the client knows: 2 left in this window
    for (int i = 0; i < 5; ++i)
        list(&done);
    QTRY_COMPARE(done, 3);
    QTest::qWait(1300);
    QCOMPARE(done, 3);
    QCOMPARE(h->org->requestCount(QStringLiteral("users.list")), 3);

    clock->advance(61 * 1000);
    QTRY_COMPARE_WITH_TIMEOUT(done, 6, 3000);
    QCOMPARE(h->org->requestCount(QStringLiteral("users.list")), 6);
    QCOMPARE(h->org->rateLimitedCount(), 0);
}

void TestOktaRateLimits::otherFamiliesAreNotHeldUp()
{
    int done = 0;
    for (int i = 1; i <= 3; ++i) {
        list(&done);
        QTRY_COMPARE(done, i);
    }
    list(&done); // waits
    UsersClient users(*h->connection);
    const auto me = await<User>([&](QObject *ctx, Handler<User> d) { users.me(ctx, d); }, 1000);
    QVERIFY(me && me->ok());
    QCOMPARE(done, 3);
    // A waiting call can still be cancelled, and then never sends.
    QPointer<OktaReply> waiting = list(&done);
    waiting->cancel();
    clock->advance(61 * 1000);
    QTRY_COMPARE_WITH_TIMEOUT(done, 4, 3000);
    QTest::qWait(1200);
    QCOMPARE(done, 4);
    QCOMPARE(h->org->requestCount(QStringLiteral("users.list")), 4);
}

QTEST_GUILESS_MAIN(TestOktaRateLimits)
#include "tst_okta_rate_limits.moc"
