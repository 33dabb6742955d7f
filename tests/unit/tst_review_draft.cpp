// The review rules, by a ManualClock: reviewers 1..10, target not a reviewer, duplicates ignored,
// only ACTIVE reviewers, name 1..255 characters, end time 1 day..6 months; and the exact body.
#include "common/Clock.h"
#include "reviews/ReviewDraft.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace triage;
using namespace triage::reviews;
using Code = DraftProblem::Code;

// Declared first: moc must meet the class before the raw string literals below.
class TestReviewDraft : public QObject
{
    Q_OBJECT
    ManualClock clock{QDateTime(QDate(2026, 12, 4), QTime(20, 0), Qt::UTC)};
private slots:
    void emptyDraftNamesWhatIsMissing();
    void targetPrefillsNameUntilEdited();
    void reviewerRules();
    void targetChosenAfterReviewersIsFlagged();
    void nameLengthCountsCharacters();
    void endTimeBounds();
    void createBodyMatchesTheSpec();
};

namespace {
okta::User user(int n, const QString &status = QStringLiteral("ACTIVE"))
{
    okta::User u;
    u.id = QStringLiteral("00u%1").arg(n, 17, 10, QLatin1Char('0'));
    u.status = status;
    u.profile.login = QStringLiteral("user%1@example.com").arg(n);
    u.profile.firstName = QStringLiteral("Zoë \"%1\"").arg(n);
    u.profile.lastName = QStringLiteral("O'Brien\\王");
    return u;
}

QList<Code> codes(const QList<DraftProblem> &problems)
{
    QList<Code> out;
    for (const DraftProblem &p : problems)
        out.append(p.code);
    return out;
}
} // namespace

void TestReviewDraft::emptyDraftNamesWhatIsMissing()
{
    ReviewDraft draft(clock);
    QCOMPARE(draft.endTime(), clock.now().addDays(7));
    QCOMPARE(codes(draft.problems()),
             (QList<Code>{Code::NoTarget, Code::NoReviewers, Code::NameEmpty}));
    for (const DraftProblem &p : draft.problems())
        QVERIFY(!p.message().isEmpty());
    QVERIFY(!draft.isReady());
}

void TestReviewDraft::targetPrefillsNameUntilEdited()
{
    ReviewDraft draft(clock);
    draft.setTarget(user(1));
    QCOMPARE(draft.name(), QStringLiteral("Security access review for Zoë \"1\" O'Brien\\王"));
    draft.setTarget(user(2)); // still the default: follows the target
    QCOMPARE(draft.name(), ReviewDraft::defaultName(user(2)));
    draft.setName(QStringLiteral("Incident 42"));
    draft.setTarget(user(3)); // edited: kept
    QCOMPARE(draft.name(), QStringLiteral("Incident 42"));
}

void TestReviewDraft::reviewerRules()
{
    ReviewDraft draft(clock);
    draft.setTarget(user(1));
    const auto targetProblem = draft.addReviewer(user(1));
    QVERIFY(targetProblem);
    QCOMPARE(targetProblem->code, Code::TargetIsReviewer);
    QVERIFY(targetProblem->message().contains(user(1).displayName()));

    const auto inactive = draft.addReviewer(user(2, QStringLiteral("SUSPENDED")));
    QVERIFY(inactive);
    QCOMPARE(inactive->code, Code::ReviewerNotActive);
    QVERIFY(draft.addReviewer(user(3, QStringLiteral("DEPROVISIONED"))));

    okta::User badId = user(4);
    badId.id = QStringLiteral("../00u/evil");
    QCOMPARE(draft.addReviewer(badId)->code, Code::InvalidReviewer);

    for (int n = 10; n < 20; ++n)
        QVERIFY(!draft.addReviewer(user(n)));
    QCOMPARE(draft.reviewers().size(), 10);
    QVERIFY(!draft.addReviewer(user(10))); // a duplicate is ignored, even when full
    QCOMPARE(draft.reviewers().size(), 10);
    const auto eleventh = draft.addReviewer(user(20));
    QVERIFY(eleventh);
    QCOMPARE(eleventh->code, Code::TooManyReviewers);
    QVERIFY(eleventh->message().contains(QLatin1String("10")));
    QVERIFY(draft.isReady());

    QVERIFY(draft.removeReviewer(user(10).id));
    QVERIFY(!draft.removeReviewer(user(10).id));
    QCOMPARE(draft.reviewers().size(), 9);
}

void TestReviewDraft::targetChosenAfterReviewersIsFlagged()
{
    ReviewDraft draft(clock);
    QVERIFY(!draft.addReviewer(user(5)));
    draft.setTarget(user(5));
    QCOMPARE(codes(draft.problems()), QList<Code>{Code::TargetIsReviewer});
}

void TestReviewDraft::nameLengthCountsCharacters()
{
    QCOMPARE(ReviewDraft::checkName(QStringLiteral("   "))->code, Code::NameEmpty);
    QVERIFY(!ReviewDraft::checkName(QString(255, QLatin1Char('x'))));
    QCOMPARE(ReviewDraft::checkName(QString(256, QLatin1Char('x')))->code, Code::NameTooLong);
    // 255 emoji are 510 UTF-16 units but 255 characters.
    QString emoji;
    for (int i = 0; i < 255; ++i)
        emoji += QString::fromUcs4(U"😀", 1);
    QVERIFY(!ReviewDraft::checkName(emoji));
    QCOMPARE(ReviewDraft::checkName(emoji + QStringLiteral("王"))->code, Code::NameTooLong);
    QVERIFY(!ReviewDraft::checkName(QStringLiteral("  \"quoted\" \\ name  ")));
}

void TestReviewDraft::endTimeBounds()
{
    const QDateTime now = clock.now();
    QCOMPARE(ReviewDraft::checkEndTime(QDateTime(), clock)->code, Code::EndTimeMissing);
    QCOMPARE(ReviewDraft::checkEndTime(now, clock)->code, Code::EndTimeTooSoon);
    QCOMPARE(ReviewDraft::checkEndTime(now.addDays(1), clock)->code, Code::EndTimeTooSoon);
    QVERIFY(
        !ReviewDraft::checkEndTime(now.addDays(1).addMSecs(ReviewDraft::kCreationSlackMs), clock));
    QVERIFY(!ReviewDraft::checkEndTime(now.addMonths(6).addSecs(-1), clock));
    QCOMPARE(ReviewDraft::checkEndTime(now.addMonths(6), clock)->code, Code::EndTimeTooLate);
    QCOMPARE(ReviewDraft::checkEndTime(now.addYears(5), clock)->code, Code::EndTimeTooLate);

    // The draft follows the clock: a valid end time goes stale as time passes.
    ReviewDraft draft(clock);
    draft.setTarget(user(1));
    QVERIFY(!draft.addReviewer(user(2)));
    QVERIFY(draft.isReady());
    ManualClock later(now.addDays(6).addSecs(1));
    ReviewDraft stale(later);
    stale.setTarget(user(1));
    QVERIFY(!stale.addReviewer(user(2)));
    stale.setEndTime(draft.endTime());
    QCOMPARE(codes(stale.problems()), QList<Code>{Code::EndTimeTooSoon});
}

void TestReviewDraft::createBodyMatchesTheSpec()
{
    ReviewDraft draft(clock);
    draft.setTarget(user(1));
    QVERIFY(!draft.addReviewer(user(2)));
    QVERIFY(!draft.addReviewer(user(3)));
    QVERIFY(!draft.addReviewer(user(2)));
    draft.setName(QStringLiteral("  Review \"x\" \\ 王  "));
    draft.setEndTime(QDateTime(QDate(2026, 12, 20), QTime(9, 30), QTimeZone(7200)));
    const QByteArray body = QJsonDocument(draft.toCreateJson()).toJson(QJsonDocument::Compact);
    const QJsonObject expected = QJsonDocument::fromJson(R"({
        "principalId": "00u00000000000000001",
        "name": "Review \"x\" \\ 王",
        "endTime": "2026-12-20T07:30:00.000Z",
        "reviewerSettings": {"type": "USER",
                             "userSettings": {"includedUserIds": ["00u00000000000000002",
                                                                  "00u00000000000000003"]}}})")
                                     .object();
    QCOMPARE(QJsonDocument::fromJson(body).object(), expected);
    QVERIFY(!body.contains("securityAccessReviewName"));
}

QTEST_GUILESS_MAIN(TestReviewDraft)
#include "tst_review_draft.moc"
