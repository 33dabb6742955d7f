#include "TrackingHarness.h"

#include "reviews/PreflightCheck.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace triage;
using namespace triage::reviews;
using Outcome = PreflightResult::Outcome;
using triage::test::hostileReviewName;
using triage::test::TrackingHarness;

namespace {

sandbox::SandboxConfig sandboxConfig(int users = 120)
{
    sandbox::SandboxConfig config;
    config.users = users;
    config.activationDelaySeconds = 0.2;
    return config;
}

const QString kPrincipalSuffix = QStringLiteral("/principal");

} // namespace

class TestPreflightCheck : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_index = std::make_unique<ReviewIndex>(
            m_dir.filePath(QStringLiteral("%1.sqlite").arg(++m_run)), Clock::system());
        QVERIFY(m_index->isOpen());
    }
    void cleanup() { m_index.reset(); }

    void fifthPassesSixthIsRefused()
    {
        TrackingHarness h(sandboxConfig());
        QVERIFY(h.started);
        int principalCalls = 0;
        countPrincipalCalls(h, &principalCalls);
        const QString target = h.users.at(10);
        QStringList created;
        for (int i = 0; i < 4; ++i) {
            const auto review = h.create(target, hostileReviewName(i), m_index.get());
            QVERIFY(review);
            created << review->id;
        }
        created.sort();
        PreflightCheck check(*h.client, h.orgHost(), m_index.get());

        // Four open: a fifth is fine.
        PreflightResult result = run(check, target);
        QCOMPARE(result.outcome, Outcome::Ok);
        QCOMPARE(result.targetReviewIds, created);
        QCOMPARE(result.orgOpenCount, 4);
        QCOMPARE(result.uncheckedReviews, 0);
        QCOMPARE(principalCalls, 0); // the index knew every target
        QVERIFY(h.create(target, hostileReviewName(4), m_index.get()));

        // Five open: a sixth is refused before asking Okta to create it...
        result = run(check, target);
        QCOMPARE(result.outcome, Outcome::TargetLimit);
        QCOMPARE(result.targetOpenCount(), 5);
        QVERIFY(!result.error);
        // ...and the org agrees.
        QVERIFY(!h.create(target, hostileReviewName(5)));

        // Someone else is not affected.
        result = run(check, h.users.at(11));
        QCOMPARE(result.outcome, Outcome::Ok);
        QCOMPARE(result.targetOpenCount(), 0);
        QCOMPARE(result.orgOpenCount, 5);
    }

    void reviewsCreatedElsewhereAreFoundThroughThePrincipal()
    {
        TrackingHarness h(sandboxConfig());
        QVERIFY(h.started);
        int principalCalls = 0;
        countPrincipalCalls(h, &principalCalls);
        const QString target = h.users.at(12);
        for (int i = 0; i < 5; ++i) // not in the index: another analyst made them
            QVERIFY(h.create(target, hostileReviewName(i)));
        QVERIFY(h.create(h.users.at(13), hostileReviewName(9)));

        PreflightCheck check(*h.client, h.orgHost(), m_index.get());
        PreflightResult result = run(check, target);
        QCOMPARE(result.outcome, Outcome::TargetLimit);
        QCOMPARE(result.targetOpenCount(), 5);
        QVERIFY(principalCalls >= 5);

        // With fewer look-ups allowed than unknown reviews, the result says what was not checked.
        PreflightCheck::Options capped;
        capped.maxPrincipalLookups = 2;
        PreflightCheck cappedCheck(*h.client, h.orgHost(), capped, m_index.get());
        principalCalls = 0;
        result = run(cappedCheck, target);
        QCOMPARE(result.outcome, Outcome::Ok);
        QCOMPARE(principalCalls, 2);
        QCOMPARE(result.uncheckedReviews, 4);
        QVERIFY(result.targetOpenCount() <= 2);
    }

    void closedAndErrorReviewsDoNotCount()
    {
        TrackingHarness h(sandboxConfig());
        QVERIFY(h.started);
        const QString target = h.users.at(14);
        h.org->failNextReviewGeneration();
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            const auto review = h.create(target, hostileReviewName(i), m_index.get());
            QVERIFY(review);
            ids << review->id;
        }
        QTest::qWait(400); // past the activation delay: the first one is ERROR now
        std::optional<okta::Result<okta::Done>> closed;
        h.client->close(ids.at(1), this, [&](const okta::Result<okta::Done> &r) { closed = r; });
        QTRY_VERIFY(closed.has_value());
        QVERIFY(closed->ok());

        PreflightCheck check(*h.client, h.orgHost(), m_index.get());
        const PreflightResult result = run(check, target);
        QCOMPARE(result.outcome, Outcome::Ok);
        QStringList open = {ids.at(2), ids.at(3), ids.at(4)};
        open.sort();
        QCOMPARE(result.targetReviewIds, open);
    }

    void orgLimit()
    {
        sandbox::SandboxConfig config = sandboxConfig(250);
        config.rateLimitsEnabled = false;
        TrackingHarness h(config);
        QVERIFY(h.started);
        QVERIFY(h.users.size() >= 103);
        // 500 open reviews: 5 for each of 100 targets, sent concurrently.
        int answered = 0, failed = 0;
        QObject context;
        QElapsedTimer timer;
        timer.start();
        for (int t = 0; t < 100; ++t) {
            for (int i = 0; i < 5; ++i) {
                ReviewDraft draft(Clock::system());
                draft.setTarget(TrackingHarness::user(h.users.at(3 + t), QStringLiteral("T")));
                draft.addReviewer(TrackingHarness::user(h.users.at(0), QStringLiteral("R")));
                draft.setName(hostileReviewName(t * 5 + i));
                h.client->create(draft, &context, [&](const okta::Result<okta::Review> &r) {
                    ++answered;
                    failed += r.ok() ? 0 : 1;
                });
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, 500, 60000);
        QCOMPARE(failed, 0);
        qInfo() << "500 reviews created in" << timer.elapsed() << "ms";

        PreflightCheck check(*h.client, h.orgHost(), m_index.get());
        const PreflightResult result = run(check, h.users.at(110));
        QCOMPARE(result.outcome, Outcome::OrgLimit);
        QCOMPARE(result.orgOpenCount, 500);
    }

    void failuresAreTyped_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("kind");
        const QString stats = ReviewsClient::basePath() + QStringLiteral("/stats");
        QTest::newRow("stats 500") << int(sandbox::Fault::Kind::ServerError) << stats
                                   << int(okta::OktaError::Kind::Server);
        QTest::newRow("stats malformed") << int(sandbox::Fault::Kind::MalformedJson) << stats
                                         << int(okta::OktaError::Kind::BadResponse);
        QTest::newRow("stats wrong types") << int(sandbox::Fault::Kind::WrongTypes) << stats
                                           << int(okta::OktaError::Kind::BadResponse);
        QTest::newRow("list truncated")
            << int(sandbox::Fault::Kind::TruncatedBody) << ReviewsClient::basePath()
            << int(okta::OktaError::Kind::BadResponse);
        QTest::newRow("no permission")
            << int(sandbox::Fault::Kind::InsufficientScope) << ReviewsClient::basePath()
            << int(okta::OktaError::Kind::Forbidden);
    }

    void failuresAreTyped()
    {
        QFETCH(int, fault);
        QFETCH(QString, path);
        QFETCH(int, kind);
        TrackingHarness h(sandboxConfig());
        QVERIFY(h.started);
        QVERIFY(h.create(h.users.at(15), hostileReviewName(1), m_index.get()));
        sandbox::Fault injected;
        injected.kind = sandbox::Fault::Kind(fault);
        injected.method = "GET";
        injected.pathPrefix = path;
        injected.times = -1;
        h.org->injectFault(injected);
        PreflightCheck check(*h.client, h.orgHost(), m_index.get());
        const PreflightResult result = run(check, h.users.at(15));
        QCOMPARE(result.outcome, Outcome::Failed);
        QVERIFY(result.error.has_value());
        if (result.error->kind == okta::OktaError::Kind::Network) // a cut body may end as a reset
            QCOMPARE(fault, int(sandbox::Fault::Kind::TruncatedBody));
        else
            QCOMPARE(int(result.error->kind), kind);
        QVERIFY(!result.error->message().isEmpty());
        QVERIFY(!check.isRunning());
    }

    void hostileTargetIdIsRefusedWithoutARequest()
    {
        TrackingHarness h(sandboxConfig());
        QVERIFY(h.started);
        PreflightCheck check(*h.client, h.orgHost(), m_index.get());
        const int before = h.org->requestCount();
        for (const QString &bad : {QString(), QStringLiteral("00u\"') OR 1=1 --\\x"),
                                   QStringLiteral("00u日本語日本語日本語日本語日本語日本"),
                                   QStringLiteral("../../api/v1/users")}) {
            const PreflightResult result = run(check, bad);
            QCOMPARE(result.outcome, Outcome::Failed);
            QCOMPARE(result.error->kind, okta::OktaError::Kind::Validation);
        }
        QCOMPARE(h.org->requestCount(), before);
    }

    void restartingCancelsTheCheckInFlight()
    {
        TrackingHarness h(sandboxConfig());
        QVERIFY(h.started);
        QVERIFY(h.create(h.users.at(16), hostileReviewName(1), m_index.get()));
        PreflightCheck check(*h.client, h.orgHost(), m_index.get());
        QSignalSpy finished(&check, &PreflightCheck::finished);
        check.start(h.users.at(17));
        check.start(h.users.at(16));
        QTRY_COMPARE(finished.size(), 1);
        QTest::qWait(200);
        QCOMPARE(finished.size(), 1);
        const auto result = finished.constFirst().at(0).value<PreflightResult>();
        QCOMPARE(result.outcome, Outcome::Ok);
        QCOMPARE(result.targetOpenCount(), 1);
    }

private:
    static PreflightResult run(PreflightCheck &check, const QString &targetId)
    {
        QSignalSpy finished(&check, &PreflightCheck::finished);
        check.start(targetId);
        if (!finished.wait(10000) || finished.size() != 1) {
            PreflightResult none;
            none.error = okta::OktaError::make(okta::OktaError::Kind::Cancelled,
                                               QStringLiteral("no single answer in time"));
            return none;
        }
        return finished.constFirst().at(0).value<PreflightResult>();
    }

    static void countPrincipalCalls(TrackingHarness &h, int *count)
    {
        QObject::connect(h.org.get(), &sandbox::SandboxOrg::requestHandled, h.org.get(),
                         [count](const QString &, const QString &path, int) {
                             if (path.endsWith(kPrincipalSuffix))
                                 ++*count;
                         });
    }

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<ReviewIndex> m_index;
};

QTEST_GUILESS_MAIN(TestPreflightCheck)
#include "tst_preflight_check.moc"
