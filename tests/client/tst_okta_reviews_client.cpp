// ReviewsClient against the sandbox org over real HTTP: create (202), list with filters and
// paging, get, stats, principal, history, patch, comment, close; hostile names end to end;
// client-side rules refusing bad input before any request.
#include "okta/UsersClient.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewsClient.h"
#include "tst_okta_harness.h"

#include <QSet>
#include <QTest>

using namespace triage;
using namespace triage::okta;
using namespace triage::reviews;
using triage::test::await;

class TestOktaReviewsClient : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void fullLifecycle();
    void hostileNamesAndFilterInjection();
    void listPagesToTheEnd();
    void patchChangesEndTimeAndReviewers();
    void rulesRefuseBeforeSending();
    void serverRulesComeBackAsValidation();

private:
    std::unique_ptr<test::OktaHarness> h;
    std::unique_ptr<ReviewsClient> client;
    QList<User> active;

    void loadActiveUsers()
    {
        UsersClient users(*h->connection);
        const auto page = await<Page<User>>([&](QObject *ctx, Handler<Page<User>> done) {
            users.search(SearchExpression::compare(QStringLiteral("status"),
                                                   SearchExpression::Op::Eq,
                                                   QStringLiteral("ACTIVE")),
                         200, ctx, done);
        });
        QVERIFY(page && page->ok());
        active = page->value().items;
        QVERIFY(active.size() > 12);
    }
    ReviewDraft draftFor(int target, QList<int> reviewers, const QString &name = {})
    {
        ReviewDraft draft(h->connection->clock());
        draft.setTarget(active.at(target));
        for (int r : reviewers)
            draft.addReviewer(active.at(r));
        if (!name.isEmpty())
            draft.setName(name);
        return draft;
    }
    std::optional<Result<Review>> create(const ReviewDraft &draft)
    {
        return await<Review>(
            [&](QObject *ctx, Handler<Review> done) { client->create(draft, ctx, done); });
    }
    std::optional<Result<Page<Review>>> list(const ReviewListQuery &query)
    {
        return await<Page<Review>>(
            [&](QObject *ctx, Handler<Page<Review>> done) { client->list(query, ctx, done); });
    }
};

void TestOktaReviewsClient::init()
{
    h = std::make_unique<test::OktaHarness>();
    QVERIFY(h->org);
    client = std::make_unique<ReviewsClient>(*h->connection);
    loadActiveUsers();
}

void TestOktaReviewsClient::cleanup()
{
    client.reset();
    h.reset();
}

void TestOktaReviewsClient::fullLifecycle()
{
    const ReviewDraft draft = draftFor(0, {1, 2});
    QVERIFY(draft.isReady());
    const auto created = create(draft);
    QVERIFY(created);
    QVERIFY2(created->ok(), qPrintable(created->error().message()));
    const Review review = created->value();
    QCOMPARE(review.status, ReviewStatus::Pending);
    QCOMPARE(review.name, ReviewDraft::defaultName(active.at(0)));
    QCOMPARE(QSet<QString>(review.reviewerIds.begin(), review.reviewerIds.end()),
             (QSet<QString>{active.at(1).id, active.at(2).id}));
    QVERIFY(qAbs(review.endTime.secsTo(draft.endTime())) <= 1);

    // PENDING -> ACTIVE (the sandbox generates it in a fraction of a second).
    std::optional<Result<Review>> fetched;
    QTRY_VERIFY_WITH_TIMEOUT(
        (fetched = await<Review>(
             [&](QObject *ctx, Handler<Review> done) { client->get(review.id, ctx, done); }),
         fetched && fetched->ok() && fetched->value().status == ReviewStatus::Active),
        5000);

    const auto stats = await<ReviewStats>(
        [&](QObject *ctx, Handler<ReviewStats> done) { client->stats(ctx, done); });
    QVERIFY(stats && stats->ok());
    QCOMPARE(stats->value().activeCount, 1);

    const auto principal = await<ReviewPrincipal>([&](QObject *ctx, Handler<ReviewPrincipal> done) {
        client->principal(review.id, ctx, done);
    });
    QVERIFY2(principal && principal->ok(),
             principal ? qPrintable(principal->error().message()) : "none");
    QCOMPARE(principal->value().profile.id, active.at(0).id);

    const auto commented = await<Done>([&](QObject *ctx, Handler<Done> done) {
        client->comment(review.id, QStringLiteral("Checked \"VPN\" logs \\ 東京 ✓"), ctx, done);
    });
    QVERIFY2(commented && commented->ok(),
             commented ? qPrintable(commented->error().message()) : "none");

    const auto history =
        await<Page<ReviewHistoryItem>>([&](QObject *ctx, Handler<Page<ReviewHistoryItem>> done) {
            client->history(review.id, ctx, done);
        });
    QVERIFY(history && history->ok());
    bool commentSeen = false;
    for (const ReviewHistoryItem &item : history->value().items)
        commentSeen =
            commentSeen || item.message.contains(QStringLiteral("Checked \"VPN\" logs \\ 東京 ✓"));
    QVERIFY2(commentSeen, "the comment is in the history");

    const auto closed =
        await<Done>([&](QObject *ctx, Handler<Done> done) { client->close(review.id, ctx, done); });
    QVERIFY2(closed && closed->ok(), closed ? qPrintable(closed->error().message()) : "none");
    const auto after = await<Review>(
        [&](QObject *ctx, Handler<Review> done) { client->get(review.id, ctx, done); });
    QVERIFY(after && after->ok());
    QCOMPARE(after->value().status, ReviewStatus::Closed);

    // Closing twice is the server's call to refuse.
    const auto again =
        await<Done>([&](QObject *ctx, Handler<Done> done) { client->close(review.id, ctx, done); });
    QVERIFY(again && !again->ok());
    QCOMPARE(again->error().kind, OktaError::Kind::Validation);

    ReviewListQuery closedOnly;
    closedOnly.filter = ReviewFilter::status(ReviewStatus::Closed);
    const auto closedList = list(closedOnly);
    QVERIFY(closedList && closedList->ok());
    QCOMPARE(closedList->value().items.size(), 1);
    QCOMPARE(closedList->value().items.first().id, review.id);
}

void TestOktaReviewsClient::hostileNamesAndFilterInjection()
{
    const QString hostile = QStringLiteral("Review \"Bob\" \\ O'Brien 王 \" or status eq \"ACTIVE");
    const auto first = create(draftFor(0, {1}, hostile));
    QVERIFY(first && first->ok());
    QCOMPARE(first->value().name, hostile);
    const auto second = create(draftFor(3, {4}, QStringLiteral("Plain")));
    QVERIFY(second && second->ok());

    ReviewListQuery byName;
    byName.filter = ReviewFilter::nameEquals(hostile);
    const auto found = list(byName);
    QVERIFY2(found && found->ok(), found ? qPrintable(found->error().message()) : "none");
    QCOMPARE(found->value().items.size(), 1); // only itself, not every ACTIVE/PENDING review
    QCOMPARE(found->value().items.first().id, first->value().id);

    ReviewListQuery contains;
    contains.filter = ReviewFilter::nameContains(QStringLiteral("\"Bob\" \\"));
    const auto partial = list(contains);
    QVERIFY(partial && partial->ok());
    QCOMPARE(partial->value().items.size(), 1);

    ReviewListQuery recent;
    recent.filter = ReviewFilter::createdAfter(QDateTime::currentDateTimeUtc().addSecs(-600)) &&
                    ReviewFilter::nameEquals(QStringLiteral("Plain"));
    const auto plain = list(recent);
    QVERIFY(plain && plain->ok());
    QCOMPARE(plain->value().items.size(), 1);
}

void TestOktaReviewsClient::listPagesToTheEnd()
{
    QSet<QString> createdIds;
    for (int i = 0; i < 5; ++i) {
        const auto created = create(draftFor(i, {i + 5}, QStringLiteral("Paged %1 «ü»").arg(i)));
        QVERIFY(created && created->ok());
        createdIds.insert(created->value().id);
    }
    ReviewListQuery query;
    query.limit = 2;
    query.orderBy = ReviewListQuery::order(QStringLiteral("name"), true);
    auto page = list(query);
    QStringList names;
    int pages = 1;
    while (true) {
        QVERIFY(page && page->ok());
        QVERIFY(page->value().items.size() <= 2);
        for (const Review &r : page->value().items)
            names.append(r.name);
        if (!page->value().hasMore())
            break;
        const QUrl next = page->value().next;
        page = await<Page<Review>>(
            [&](QObject *ctx, Handler<Page<Review>> done) { client->nextPage(next, ctx, done); });
        QVERIFY(++pages < 10);
    }
    QCOMPARE(names.size(), 5);
    QCOMPARE(names.first(), QStringLiteral("Paged 4 «ü»"));
    QCOMPARE(names.last(), QStringLiteral("Paged 0 «ü»"));

    // All pages in one call.
    query.pages = 10;
    const auto all = list(query);
    QVERIFY(all && all->ok());
    QCOMPARE(all->value().items.size(), 5);
    QVERIFY(!all->value().hasMore());
}

void TestOktaReviewsClient::patchChangesEndTimeAndReviewers()
{
    const auto created = create(draftFor(0, {1}));
    QVERIFY(created && created->ok());
    const QString id = created->value().id;
    QTest::qWait(400); // let it become ACTIVE
    ReviewPatch patch;
    patch.endTime = QDateTime::currentDateTimeUtc().addDays(14);
    patch.reviewerIds = QStringList{active.at(2).id, active.at(3).id};
    const auto patched = await<Review>(
        [&](QObject *ctx, Handler<Review> done) { client->patch(id, patch, ctx, done); });
    QVERIFY2(patched && patched->ok(), patched ? qPrintable(patched->error().message()) : "none");
    QVERIFY(qAbs(patched->value().endTime.secsTo(*patch.endTime)) <= 1);
    QCOMPARE(
        QSet<QString>(patched->value().reviewerIds.begin(), patched->value().reviewerIds.end()),
        (QSet<QString>{active.at(2).id, active.at(3).id}));
}

void TestOktaReviewsClient::rulesRefuseBeforeSending()
{
    const int before = h->org->requestCount();
    // A draft with problems is refused locally with the draft's own message.
    ReviewDraft empty(h->connection->clock());
    const auto refused = create(empty);
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().kind, OktaError::Kind::Validation);
    QCOMPARE(refused->error().errorSummary, empty.problems().first().message());

    for (const QString &id : {QStringLiteral("../stats"), QStringLiteral("sar1?x=1"), QString(),
                              QStringLiteral("sar1lo5X9wmNTFX7x0g4/../../x")}) {
        const auto got =
            await<Review>([&](QObject *ctx, Handler<Review> done) { client->get(id, ctx, done); });
        QVERIFY(got && !got->ok());
        QCOMPARE(got->error().kind, OktaError::Kind::Validation);
    }
    const QString validId = QStringLiteral("sar1lo5X9wmNTFX7x0g4");
    const auto longComment = await<Done>([&](QObject *ctx, Handler<Done> done) {
        client->comment(validId, QString(1001, QChar(0x738B)), ctx, done);
    });
    QVERIFY(longComment && !longComment->ok());
    const auto blankComment = await<Done>([&](QObject *ctx, Handler<Done> done) {
        client->comment(validId, QStringLiteral(" \n "), ctx, done);
    });
    QVERIFY(blankComment && !blankComment->ok());
    ReviewPatch tooMany;
    QStringList eleven;
    for (int i = 0; i < 11; ++i)
        eleven.append(active.at(i).id);
    tooMany.reviewerIds = eleven;
    const auto patched = await<Review>(
        [&](QObject *ctx, Handler<Review> done) { client->patch(validId, tooMany, ctx, done); });
    QVERIFY(patched && !patched->ok());
    ReviewPatch tooSoon;
    tooSoon.endTime = QDateTime::currentDateTimeUtc().addSecs(3600);
    const auto soon = await<Review>(
        [&](QObject *ctx, Handler<Review> done) { client->patch(validId, tooSoon, ctx, done); });
    QVERIFY(soon && !soon->ok());
    ReviewListQuery badOrder;
    badOrder.orderBy = QStringLiteral("name; DROP");
    const auto badList = list(badOrder);
    QVERIFY(badList && !badList->ok());

    QCOMPARE(h->org->requestCount(), before); // none of these reached the org
}

void TestOktaReviewsClient::serverRulesComeBackAsValidation()
{
    // A reviewer that became inactive after the draft checked them: the org refuses.
    ReviewDraft draft(h->connection->clock());
    draft.setTarget(active.at(0));
    User stale = active.at(1);
    stale.id = h->org->userIds(QStringLiteral("SUSPENDED")).value(0);
    QVERIFY(!stale.id.isEmpty());
    QVERIFY(!draft.addReviewer(stale)); // our copy still says ACTIVE
    const auto result = create(draft);
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, OktaError::Kind::Validation);
    QCOMPARE(result->error().httpStatus, 400);
    QVERIFY(!result->error().errorCauses.isEmpty());
    QVERIFY(result->error().message().contains(stale.id));

    // Unknown review: 404 for get, principal, history and close.
    const QString unknown = QStringLiteral("sar00000000000000000");
    const auto principal = await<ReviewPrincipal>([&](QObject *ctx, Handler<ReviewPrincipal> done) {
        client->principal(unknown, ctx, done);
    });
    QVERIFY(principal && !principal->ok());
    QCOMPARE(principal->error().kind, OktaError::Kind::NotFound);
    const auto history =
        await<Page<ReviewHistoryItem>>([&](QObject *ctx, Handler<Page<ReviewHistoryItem>> done) {
            client->history(unknown, ctx, done);
        });
    QVERIFY(history && !history->ok());
    QCOMPARE(history->error().kind, OktaError::Kind::NotFound);
    const auto closed =
        await<Done>([&](QObject *ctx, Handler<Done> done) { client->close(unknown, ctx, done); });
    QVERIFY(closed && !closed->ok());
    QCOMPARE(closed->error().kind, OktaError::Kind::NotFound);
}

QTEST_GUILESS_MAIN(TestOktaReviewsClient)
#include "tst_okta_reviews_client.moc"
