// The soak: the sandbox at Okta's default rate limits (users list 600/min, reviews 600/min), 50
// reviews created through ReviewCreator and tracked by one ReviewTracker while an analyst "types"
// searches continuously (one every 100-200 ms, each superseding the last). It must end with zero
// 429s, every review seen ACTIVE, no failed call, and request counts inside the app's own budget:
// one list request per search, one POST per review, one list request per tracker tick.
//
// Runs TRIAGE_SOAK_SECONDS seconds (default 60); e.g. TRIAGE_SOAK_SECONDS=600 for ten minutes
// (set a larger ctest --timeout too).
#include "../client/tst_okta_harness.h"
#include "okta/UsersClient.h"
#include "reviews/ReviewCreator.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewTracker.h"
#include "reviews/ReviewsClient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace triage;
using namespace triage::okta;
using triage::reviews::CreateOutcome;

namespace {

int soakSeconds()
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("TRIAGE_SOAK_SECONDS", &ok);
    return ok && seconds >= 10 ? seconds : 60;
}

// What an analyst types, one keystroke at a time: hostile on purpose.
const QStringList &typedTexts()
{
    static const QStringList texts = {
        QStringLiteral("O'Brien"),
        QStringLiteral("Zoë \"Q\""),
        QStringLiteral("日本語"),
        QStringLiteral("back\\slash"),
        QStringLiteral("\" or status eq \"ACTIVE"),
        QStringLiteral("Ελλην"),
    };
    return texts;
}

User activeUser(const QString &id)
{
    User user;
    user.id = id;
    user.status = QStringLiteral("ACTIVE");
    return user;
}

} // namespace

class TestSoak : public QObject
{
    Q_OBJECT
private slots:
    void soak();
};

void TestSoak::soak()
{
    qRegisterMetaType<CreateOutcome>();
    constexpr int kReviews = 50;
    const int seconds = soakSeconds();

    sandbox::SandboxConfig config = test::smallConfig(); // rate limits on, Okta's defaults
    config.users = 250;
    // Reviews turn ACTIVE a quarter of the soak after their creation, so that the tracker sees
    // both long PENDING stretches and a stream of changes.
    config.activationDelaySeconds = seconds / 4.0;
    test::OktaHarness h(config, OktaConnection::Options{});
    QVERIFY(h.org);
    QVERIFY(h.org->config().rateLimitsEnabled);
    QVERIFY(h.org->config().rateLimitOverrides.isEmpty());

    UsersClient users(*h.connection);
    reviews::ReviewsClient client(*h.connection);
    reviews::ReviewCreator creator(client, Clock::system());
    reviews::ReviewTracker tracker(client, h.org->baseUrl().host(), Clock::system());
    QSignalSpy pollFailures(&tracker, &reviews::ReviewTracker::pollFailed);
    // How late the tracker saw each review turn ACTIVE (the sandbox flips it at a known time).
    QHash<QString, QDateTime> activatesAt;
    qint64 worstNoticeLagMs = 0;
    connect(&tracker, &reviews::ReviewTracker::statusChanged, this,
            [&](const QString &id, ReviewStatus, ReviewStatus now) {
                if (now == ReviewStatus::Active && activatesAt.contains(id))
                    worstNoticeLagMs = std::max(
                        worstNoticeLagMs, activatesAt.value(id).msecsTo(Clock::system().now()));
            });

    QStringList targets = h.org->userIds();
    targets.removeAll(h.org->analystUserId());
    QVERIFY(targets.size() > kReviews + 2);
    const QString reviewer = targets.takeLast();

    QElapsedTimer elapsed;
    elapsed.start();
    const qint64 endMs = qint64(seconds) * 1000;

    // Reviews: one every (half the soak / 50), through the same path the UI uses.
    int created = 0, createFailures = 0, ticksWhileCreating = 0;
    QStringList createdIds;
    connect(&creator, &reviews::ReviewCreator::finished, this, [&](const CreateOutcome &outcome) {
        if (outcome.kind != CreateOutcome::Kind::Created) {
            ++createFailures;
            qWarning().noquote() << "create failed:" << outcome.message();
            return;
        }
        ++created;
        createdIds << outcome.review->id;
        activatesAt.insert(outcome.review->id, outcome.review->created.addMSecs(
                                                   qint64(config.activationDelaySeconds * 1000)));
        tracker.track(*outcome.review);
        if (created == kReviews)
            ticksWhileCreating = tracker.ticks();
    });
    QTimer createTimer;
    createTimer.setInterval(qMax(50, int(endMs / 2 / kReviews)));
    int startedCreates = 0;
    connect(&createTimer, &QTimer::timeout, this, [&] {
        if (startedCreates == kReviews || creator.isBusy()) {
            if (startedCreates == kReviews)
                createTimer.stop();
            return;
        }
        reviews::ReviewDraft draft(Clock::system());
        draft.setTarget(activeUser(targets.at(startedCreates)));
        draft.addReviewer(activeUser(reviewer));
        draft.setName(QStringLiteral("Soak \"%1\" \\ Zoë 日本").arg(startedCreates));
        if (creator.create(draft))
            ++startedCreates;
    });
    createTimer.start();

    // Searches: one keystroke every 100-200 ms; each search supersedes the one before.
    int searchesSent = 0, searchesAnswered = 0, searchFailures = 0;
    QTimer typing;
    typing.setSingleShot(true);
    std::function<void()> keystroke = [&] {
        if (elapsed.elapsed() >= endMs)
            return;
        const QString &text = typedTexts().at((searchesSent / 5) % typedTexts().size());
        const QString prefix = text.left(1 + searchesSent % 5);
        ++searchesSent;
        users.searchByText(prefix, 20, this, [&](const Result<Page<User>> &result) {
            ++searchesAnswered;
            if (!result.ok()) {
                ++searchFailures;
                qWarning().noquote() << "search failed:" << result.error().message();
            }
        });
        typing.start(100 + (searchesSent * 37) % 101);
    };
    connect(&typing, &QTimer::timeout, this, keystroke);
    keystroke();

    QTRY_VERIFY_WITH_TIMEOUT(elapsed.elapsed() >= endMs, int(endMs) + 5000);
    // Whatever is still PENDING gets its last tick.
    QTRY_VERIFY_WITH_TIMEOUT(tracker.pendingReviewIds().isEmpty(), 60000);
    QTest::qWait(300); // the last search's answer

    const int usersList = h.org->requestCount(QStringLiteral("users.list"));
    const int reviewsFamily = h.org->requestCount(QStringLiteral("governance.reviews"));
    qInfo("SOAK seconds=%d reviews=%d searches typed=%d answered=%d ticks=%d", seconds, created,
          searchesSent, searchesAnswered, tracker.ticks());
    qInfo("SOAK ticks while creating=%d, worst lag from ACTIVE to noticed=%lld ms",
          ticksWhileCreating, worstNoticeLagMs);
    qInfo("SOAK requests users.list=%d governance.reviews=%d total=%d 429s=%d "
          "(limits: 600/min each)",
          usersList, reviewsFamily, h.org->requestCount(), h.org->rateLimitedCount());
    qInfo("SOAK users.list per minute=%.1f governance.reviews per minute=%.1f",
          usersList * 60000.0 / elapsed.elapsed(), reviewsFamily * 60000.0 / elapsed.elapsed());

    QCOMPARE(h.org->rateLimitedCount(), 0);
    QCOMPARE(created, kReviews);
    QCOMPARE(createFailures, 0);
    QCOMPARE(searchFailures, 0);
    QCOMPARE(pollFailures.size(), 0);
    for (const QString &id : std::as_const(createdIds))
        QCOMPARE(tracker.lastKnownStatus(id), std::optional(ReviewStatus::Active));
    // The budget: one list request per keystroke (no retries, no double sends) ...
    QVERIFY(searchesSent > seconds * 4);
    QCOMPARE(usersList, searchesSent);
    // ... one POST per review and one list page per tick (fewer than 200 reviews in the org) ...
    QCOMPARE(reviewsFamily, kReviews + tracker.ticks());
    // ... and the tracker never polls faster than its first interval (2 s).
    QVERIFY2(tracker.ticks() <= elapsed.elapsed() / 2000 + 2,
             qPrintable(QString::number(tracker.ticks())));
    // New reviews arriving faster than the first interval do not starve polling (one tick
    // per first interval at least half the time) ...
    const int creatingMs = seconds * 1000 / 2;
    QVERIFY2(ticksWhileCreating >= creatingMs / 2000 / 2,
             qPrintable(QString::number(ticksWhileCreating)));
    // ... and a review that turned ACTIVE is shown so within about two first intervals.
    QVERIFY2(worstNoticeLagMs <= 6000, qPrintable(QString::number(worstNoticeLagMs)));
}

QTEST_GUILESS_MAIN(TestSoak)
#include "tst_soak.moc"
