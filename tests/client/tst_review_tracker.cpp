#include "TrackingHarness.h"

#include "reviews/ReviewTracker.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace triage;
using namespace triage::reviews;
using okta::ReviewStatus;
using triage::test::hostileReviewName;
using triage::test::TrackingHarness;

namespace {

sandbox::SandboxConfig sandboxWithDelay(double seconds)
{
    sandbox::SandboxConfig config;
    config.users = 120; // enough ACTIVE users for distinct targets
    config.activationDelaySeconds = seconds;
    return config;
}

ReviewTracker::Options fastOptions(int firstMs = 100, int maxMs = 800)
{
    ReviewTracker::Options options;
    options.firstIntervalMs = firstMs;
    options.maxIntervalMs = maxMs;
    return options;
}

} // namespace

class TestReviewTracker : public QObject
{
    Q_OBJECT

private slots:
    void threeReviewsTurnActiveWithOneListCallPerTick()
    {
        TrackingHarness h(sandboxWithDelay(0.5));
        QVERIFY(h.started);
        QTemporaryDir dir;
        ReviewIndex index(dir.filePath(QStringLiteral("index.sqlite")), Clock::system());
        QVERIFY(index.isOpen());

        QList<okta::Review> created;
        for (int i = 0; i < 3; ++i) {
            const auto review = h.create(h.users.at(10 + i), hostileReviewName(i), &index);
            QVERIFY(review);
            QCOMPARE(review->status, ReviewStatus::Pending);
            created << *review;
        }
        ReviewTracker tracker(*h.client, h.orgHost(), Clock::system(), fastOptions(), &index);
        QSignalSpy changed(&tracker, &ReviewTracker::statusChanged);
        QSignalSpy ticks(&tracker, &ReviewTracker::tickFinished);
        QSignalSpy idle(&tracker, &ReviewTracker::idle);
        QSignalSpy failed(&tracker, &ReviewTracker::pollFailed);
        QSignalSpy updated(&tracker, &ReviewTracker::reviewUpdated);
        const qsizetype listsBefore = h.listRequestTimes.size();
        for (const okta::Review &review : created)
            tracker.track(review);
        QVERIFY(tracker.isPolling());

        QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, 5000);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(changed.size(), 3);
        QStringList changedIds;
        for (const QList<QVariant> &args : std::as_const(changed)) {
            changedIds << args.at(0).toString();
            QCOMPARE(args.at(1).value<ReviewStatus>(), ReviewStatus::Pending);
            QCOMPARE(args.at(2).value<ReviewStatus>(), ReviewStatus::Active);
        }
        changedIds.sort();
        QStringList createdIds;
        for (const okta::Review &review : created) {
            createdIds << review.id;
            QCOMPARE(tracker.lastKnownStatus(review.id), ReviewStatus::Active);
        }
        createdIds.sort();
        QCOMPARE(changedIds, createdIds);

        // Exactly one list request per tick, however many reviews were tracked.
        const qsizetype lists = h.listRequestTimes.size() - listsBefore;
        QCOMPARE(lists, qsizetype(tracker.ticks()));
        QCOMPARE(ticks.size(), tracker.ticks());
        for (const QList<QVariant> &args : std::as_const(ticks))
            QCOMPARE(args.at(0).toInt(), 1);
        QVERIFY(tracker.ticks() >= 2); // the first look came before the 0.5 s activation
        QCOMPARE(ticks.constLast().at(1).toBool(), true);

        // The names came back intact through the list, and the index has the timeline.
        for (const QList<QVariant> &args : std::as_const(updated)) {
            const auto review = args.at(0).value<okta::Review>();
            QVERIFY(review.name.startsWith(QStringLiteral("Triage \"")));
            QVERIFY(review.name.contains(QStringLiteral("\\ O'Brien – Zoë 日本語")));
        }
        for (const okta::Review &review : created) {
            const QList<StatusSighting> timeline = index.timeline(h.orgHost(), review.id);
            QCOMPARE(timeline.size(), 2);
            QCOMPARE(timeline.at(0).status, QStringLiteral("PENDING"));
            QCOMPARE(timeline.at(1).status, QStringLiteral("ACTIVE"));
        }

        // Nothing pending: no more requests.
        QVERIFY(!tracker.isPolling());
        const qsizetype settled = h.listRequestTimes.size();
        QTest::qWait(600);
        QCOMPARE(h.listRequestTimes.size(), settled);
    }

    void resumesPendingReviewsFromTheIndexAfterARestart()
    {
        TrackingHarness h(sandboxWithDelay(0.5));
        QVERIFY(h.started);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("index.sqlite"));
        QString pendingId;
        {
            ReviewIndex index(file, Clock::system());
            const auto pending = h.create(h.users.at(45), hostileReviewName(40), &index);
            QVERIFY(pending);
            pendingId = pending->id;
            const auto done = h.create(h.users.at(46), hostileReviewName(41), &index);
            QVERIFY(done);
            QCOMPARE(index.recordStatus(h.orgHost(), done->id, QStringLiteral("CLOSED"),
                                        QDateTime::currentDateTimeUtc()),
                     ReviewIndex::StatusWrite::Appended);
        } // the app quits

        ReviewIndex index(file, Clock::system());
        ReviewTracker tracker(*h.client, h.orgHost(), Clock::system(), fastOptions(), &index);
        QSignalSpy changed(&tracker, &ReviewTracker::statusChanged);
        QSignalSpy idle(&tracker, &ReviewTracker::idle);
        QCOMPARE(tracker.resumeFromIndex(), 1);
        QCOMPARE(tracker.pendingReviewIds(), QStringList{pendingId});
        QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, 5000);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(index.review(h.orgHost(), pendingId)->status, QStringLiteral("ACTIVE"));

        ReviewTracker withoutIndex(*h.client, h.orgHost(), Clock::system(), fastOptions());
        QCOMPARE(withoutIndex.resumeFromIndex(), 0);
    }

    void backoffDoublesUntilAChangeAndResetsForANewReview()
    {
        TrackingHarness h(sandboxWithDelay(2.0));
        QVERIFY(h.started);
        const auto first = h.create(h.users.at(3), hostileReviewName(1));
        QVERIFY(first);
        ReviewTracker tracker(*h.client, h.orgHost(), Clock::system(), fastOptions(100, 400));
        QSignalSpy idle(&tracker, &ReviewTracker::idle);
        QSignalSpy changed(&tracker, &ReviewTracker::statusChanged);
        const qsizetype before = h.listRequestTimes.size();
        tracker.track(*first);

        // Ticks after 100 ms, then 200, 400 and 400 (capped) while the review stays PENDING.
        QTRY_VERIFY_WITH_TIMEOUT(h.listRequestTimes.size() - before >= 4, 3000);
        QCOMPARE(changed.size(), 0);
        const QList<qint64> times = h.listRequestTimes.mid(before);
        const qint64 gap1 = times.at(1) - times.at(0);
        const qint64 gap2 = times.at(2) - times.at(1);
        const qint64 gap3 = times.at(3) - times.at(2);
        qInfo() << "tick gaps (ms):" << gap1 << gap2 << gap3;
        // QTimer's default coarse timers may fire up to 5% early (a loaded CI machine saw 385).
        QVERIFY2(gap1 >= 190 && gap1 < 400, qPrintable(QString::number(gap1)));
        QVERIFY2(gap2 >= 380 && gap2 < 800, qPrintable(QString::number(gap2)));
        QVERIFY2(gap3 >= 380 && gap3 < 800, qPrintable(QString::number(gap3))); // capped
        QCOMPARE(tracker.currentIntervalMs(), 400);

        // A new review brings the interval back to the first one.
        QTRY_VERIFY(!tracker.isTickInFlight());
        const auto second = h.create(h.users.at(4), hostileReviewName(2));
        QVERIFY(second);
        const qsizetype beforeSecond = h.listRequestTimes.size();
        QElapsedTimer sinceTrack;
        sinceTrack.start();
        tracker.track(*second);
        QCOMPARE(tracker.currentIntervalMs(), 100);
        QTRY_VERIFY_WITH_TIMEOUT(h.listRequestTimes.size() > beforeSecond, 2000);
        QVERIFY2(sinceTrack.elapsed() < 390, qPrintable(QString::number(sinceTrack.elapsed())));

        QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, 8000);
        QCOMPARE(changed.size(), 2);
    }

    void errorStatusIsReported()
    {
        TrackingHarness h(sandboxWithDelay(0.3));
        QVERIFY(h.started);
        h.org->failNextReviewGeneration();
        const auto failing = h.create(h.users.at(5), hostileReviewName(3));
        QVERIFY(failing);
        const auto fine = h.create(h.users.at(6), hostileReviewName(4));
        QVERIFY(fine);
        ReviewTracker tracker(*h.client, h.orgHost(), Clock::system(), fastOptions());
        QSignalSpy changed(&tracker, &ReviewTracker::statusChanged);
        QSignalSpy idle(&tracker, &ReviewTracker::idle);
        tracker.track(*failing);
        tracker.track(*fine);
        QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, 5000);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(tracker.lastKnownStatus(failing->id), ReviewStatus::Error);
        QCOMPARE(tracker.lastKnownStatus(fine->id), ReviewStatus::Active);
        for (const QList<QVariant> &args : std::as_const(changed)) {
            const bool isFailing = args.at(0).toString() == failing->id;
            QCOMPARE(args.at(2).value<ReviewStatus>(),
                     isFailing ? ReviewStatus::Error : ReviewStatus::Active);
        }
    }

    void followsPagesOnlyWhenATrackedReviewIsNotOnTheFirst()
    {
        TrackingHarness h(sandboxWithDelay(1.0));
        QVERIFY(h.started);
        QList<okta::Review> tracked;
        for (int i = 0; i < 3; ++i) {
            const auto review = h.create(h.users.at(20 + i), hostileReviewName(i));
            QVERIFY(review);
            tracked << *review;
        }
        for (int i = 0; i < 3; ++i) // newer reviews nobody tracks: they come first (created desc)
            QVERIFY(h.create(h.users.at(30 + i), hostileReviewName(10 + i)));

        ReviewTracker::Options options = fastOptions();
        options.pageSize = 2;
        ReviewTracker paging(*h.client, h.orgHost(), Clock::system(), options);
        QSignalSpy ticks(&paging, &ReviewTracker::tickFinished);
        QSignalSpy idle(&paging, &ReviewTracker::idle);
        for (const okta::Review &review : tracked)
            paging.track(review);
        QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, 5000);
        // 6 reviews, 2 per page, the tracked ones on pages 2 and 3: while the oldest is pending
        // (the first tick at least), a tick takes three requests; never more.
        QCOMPARE(ticks.constFirst().at(0).toInt(), 3);
        for (const QList<QVariant> &args : std::as_const(ticks))
            QVERIFY(args.at(0).toInt() >= 2 && args.at(0).toInt() <= 3);

        // When the tracked ones are the newest, one page is enough even though more exist.
        QList<okta::Review> newest;
        for (int i = 0; i < 2; ++i) {
            const auto review = h.create(h.users.at(40 + i), hostileReviewName(20 + i));
            QVERIFY(review);
            newest << *review;
        }
        ReviewTracker onePage(*h.client, h.orgHost(), Clock::system(), options);
        QSignalSpy oneTicks(&onePage, &ReviewTracker::tickFinished);
        QSignalSpy oneIdle(&onePage, &ReviewTracker::idle);
        for (const okta::Review &review : newest)
            onePage.track(review);
        QTRY_COMPARE_WITH_TIMEOUT(oneIdle.size(), 1, 5000);
        QVERIFY(!oneTicks.isEmpty());
        for (const QList<QVariant> &args : std::as_const(oneTicks))
            QCOMPARE(args.at(0).toInt(), 1);
    }

    void badAnswersAreReportedAndPollingGoesOn_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("malformed JSON") << int(sandbox::Fault::Kind::MalformedJson);
        QTest::newRow("wrong types") << int(sandbox::Fault::Kind::WrongTypes);
        QTest::newRow("server error") << int(sandbox::Fault::Kind::ServerError);
    }

    void badAnswersAreReportedAndPollingGoesOn()
    {
        QFETCH(int, kind);
        TrackingHarness h(sandboxWithDelay(0.6));
        QVERIFY(h.started);
        const auto review = h.create(h.users.at(7), hostileReviewName(5));
        QVERIFY(review);
        sandbox::Fault fault;
        fault.kind = sandbox::Fault::Kind(kind);
        fault.method = "GET";
        fault.pathPrefix = ReviewsClient::basePath();
        fault.times = 4; // more than the connection's retries of a 5xx
        h.org->injectFault(fault);

        ReviewTracker tracker(*h.client, h.orgHost(), Clock::system(), fastOptions());
        QSignalSpy failed(&tracker, &ReviewTracker::pollFailed);
        QSignalSpy idle(&tracker, &ReviewTracker::idle);
        QSignalSpy changed(&tracker, &ReviewTracker::statusChanged);
        tracker.track(*review);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 5000);
        const auto error = failed.constFirst().at(0).value<okta::OktaError>();
        QVERIFY(error.kind == okta::OktaError::Kind::BadResponse ||
                error.kind == okta::OktaError::Kind::Server);
        QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, 10000);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(tracker.lastKnownStatus(review->id), ReviewStatus::Active);
    }

    void unauthorizedStopsPolling()
    {
        TrackingHarness h(sandboxWithDelay(5));
        QVERIFY(h.started);
        const auto review = h.create(h.users.at(8), hostileReviewName(6));
        QVERIFY(review);
        sandbox::Fault fault;
        fault.kind = sandbox::Fault::Kind::ExpiredToken;
        fault.method = "GET";
        fault.pathPrefix = ReviewsClient::basePath();
        fault.times = -1;
        h.org->injectFault(fault);
        ReviewTracker tracker(*h.client, h.orgHost(), Clock::system(), fastOptions());
        QSignalSpy failed(&tracker, &ReviewTracker::pollFailed);
        tracker.track(*review);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QCOMPARE(failed.constFirst().at(0).value<okta::OktaError>().kind,
                 okta::OktaError::Kind::Unauthorized);
        QVERIFY(!tracker.isPolling());
        const qsizetype settled = h.listRequestTimes.size();
        QTest::qWait(400);
        QCOMPARE(h.listRequestTimes.size(), settled);
        QCOMPARE(failed.size(), 1);
        // Tracking again (after signing in again) polls again.
        h.org->clearFaults();
        tracker.track(*review);
        QTRY_VERIFY_WITH_TIMEOUT(h.listRequestTimes.size() > settled, 2000);
    }

    void pausesWhenTheListBudgetIsGone()
    {
        sandbox::SandboxConfig config = sandboxWithDelay(30);
        config.rateLimitOverrides.insert(QStringLiteral("governance.reviews"), 4);
        TrackingHarness h(config);
        QVERIFY(h.started);
        const auto review = h.create(h.users.at(11), hostileReviewName(8)); // 1 of 4
        QVERIFY(review);
        ReviewTracker tracker(*h.client, h.orgHost(), Clock::system(), fastOptions(50, 50));
        QSignalSpy ticks(&tracker, &ReviewTracker::tickFinished);
        tracker.track(*review);
        QTRY_COMPARE_WITH_TIMEOUT(ticks.size(), 3, 3000); // 4 of 4: remaining 0
        // The next tick waits for the window to reset (about a minute), instead of queueing a
        // request behind the connection's own wait every 50 ms.
        for (int i = 0; i < 10; ++i) {
            QTest::qWait(60);
            QVERIFY(!tracker.isTickInFlight());
            QVERIFY(tracker.isPolling());
        }
        QCOMPARE(tracker.ticks(), 3);
        QCOMPARE(h.org->rateLimitedCount(), 0);
    }

    void aReviewTheOrgDoesNotHaveIsLost()
    {
        TrackingHarness h(sandboxWithDelay(0.3));
        QVERIFY(h.started);
        ReviewTracker tracker(*h.client, h.orgHost(), Clock::system(), fastOptions(50, 100));
        QSignalSpy lost(&tracker, &ReviewTracker::reviewLost);
        QSignalSpy idle(&tracker, &ReviewTracker::idle);
        const QString ghost = QStringLiteral("sarGhost0000000000\u00e9x"); // not even valid
        tracker.track(ghost, ReviewStatus::Pending, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 5000);
        QCOMPARE(lost.constFirst().at(0).toString(), ghost);
        QCOMPARE(tracker.ticks(), 3);
        QCOMPARE(idle.size(), 1);
        QVERIFY(!tracker.lastKnownStatus(ghost).has_value());
    }

    void slotsMayStopOrDeleteTheTracker()
    {
        TrackingHarness h(sandboxWithDelay(0.2));
        QVERIFY(h.started);
        QList<okta::Review> created;
        for (int i = 0; i < 2; ++i) {
            const auto review = h.create(h.users.at(50 + i), hostileReviewName(30 + i));
            QVERIFY(review);
            created << *review;
        }
        QTest::qWait(300); // both ACTIVE: the first tick sees two changes

        ReviewTracker stopping(*h.client, h.orgHost(), Clock::system(), fastOptions());
        int stoppedChanges = 0;
        connect(&stopping, &ReviewTracker::statusChanged, this, [&] {
            ++stoppedChanges;
            stopping.stop();
        });
        for (const okta::Review &review : created)
            stopping.track(review);
        QTRY_COMPARE(stoppedChanges, 1);
        QTest::qWait(300);
        QCOMPARE(stoppedChanges, 1); // stopped mid-page: nothing more, no next tick
        QVERIFY(!stopping.isPolling());

        auto *deleting = new ReviewTracker(*h.client, h.orgHost(), Clock::system(), fastOptions());
        QPointer<ReviewTracker> watch(deleting);
        connect(deleting, &ReviewTracker::statusChanged, this, [deleting] { delete deleting; });
        for (const okta::Review &review : created)
            deleting->track(review);
        QTRY_VERIFY(watch.isNull());
        QTest::qWait(200);
    }

    void destroyingMidTickIsSafe()
    {
        TrackingHarness h(sandboxWithDelay(1));
        QVERIFY(h.started);
        const auto review = h.create(h.users.at(9), hostileReviewName(7));
        QVERIFY(review);
        sandbox::Fault slow;
        slow.kind = sandbox::Fault::Kind::Latency;
        slow.delayMs = 300;
        slow.method = "GET";
        slow.pathPrefix = ReviewsClient::basePath();
        h.org->injectFault(slow);
        auto tracker = std::make_unique<ReviewTracker>(*h.client, h.orgHost(), Clock::system(),
                                                       fastOptions(20, 40));
        tracker->track(*review);
        QTRY_VERIFY(tracker->isTickInFlight());
        tracker.reset();
        QTest::qWait(500); // the late answer must find nobody
    }
};

QTEST_GUILESS_MAIN(TestReviewTracker)
#include "tst_review_tracker.moc"
