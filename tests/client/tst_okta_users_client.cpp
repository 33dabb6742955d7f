// UsersClient against the sandbox org over real HTTP: search, q, by id or login, me, paging to
// the end, hostile names end to end, injection, superseded and cancelled requests.
#include "okta/UsersClient.h"
#include "tst_okta_harness.h"

#include <QSet>
#include <QTest>

using namespace triage;
using namespace triage::okta;
using triage::test::await;
using Op = SearchExpression::Op;

class TestOktaUsersClient : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void searchFindsHostileNamesEndToEnd_data();
    void searchFindsHostileNamesEndToEnd();
    void injectionStaysAValue();
    void textSearchAndQ();
    void pagingToTheEnd();
    void searchAllFollowsLinks();
    void byIdByLoginAndMe();
    void hostileIdsNeverChangeThePath();
    void supersededSearchNeverDelivers();
    void cancelledRequestNeverDelivers();

private:
    std::unique_ptr<test::OktaHarness> h;
    std::unique_ptr<UsersClient> users;

    std::optional<Result<Page<User>>> search(const SearchExpression &e, int limit = 20)
    {
        return await<Page<User>>(
            [&](QObject *ctx, Handler<Page<User>> done) { users->search(e, limit, ctx, done); });
    }
};

void TestOktaUsersClient::init()
{
    h = std::make_unique<test::OktaHarness>();
    QVERIFY(h->org);
    users = std::make_unique<UsersClient>(*h->connection);
}

void TestOktaUsersClient::cleanup()
{
    users.reset();
    h.reset();
}

void TestOktaUsersClient::searchFindsHostileNamesEndToEnd_data()
{
    QTest::addColumn<QString>("property");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("firstName");
    QTest::newRow("quote") << "profile.lastName"
                           << "bob\"smith"
                           << "Quinn";
    QTest::newRow("quote in first name") << "profile.firstName"
                                         << "Robert \"Bob\""
                                         << "Robert \"Bob\"";
    QTest::newRow("backslash") << "profile.lastName"
                               << "Lee\\Admin"
                               << "Kai";
    QTest::newRow("apostrophe") << "profile.lastName"
                                << "O'Brien"
                                << "Siobhán";
    QTest::newRow("chinese") << "profile.firstName"
                             << "伟"
                             << "伟";
    QTest::newRow("cyrillic") << "profile.firstName"
                              << "Дмитрий"
                              << "Дмитрий";
}

void TestOktaUsersClient::searchFindsHostileNamesEndToEnd()
{
    QFETCH(QString, property);
    QFETCH(QString, value);
    QFETCH(QString, firstName);
    const auto result = search(SearchExpression::compare(property, Op::Eq, value));
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->error().message()));
    QVERIFY(!result->value().items.isEmpty());
    bool found = false;
    for (const User &u : result->value().items) {
        QVERIFY(u.profile.firstName == value || u.profile.lastName == value);
        found = found || u.profile.firstName == firstName;
    }
    QVERIFY(found);
}

void TestOktaUsersClient::injectionStaysAValue()
{
    // If the value escaped its quotes this would list every ACTIVE user.
    const auto result = search(SearchExpression::compare(
        QStringLiteral("profile.lastName"), Op::Eq, QStringLiteral("x\" or status eq \"ACTIVE")));
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->error().message()));
    QCOMPARE(result->value().items.size(), 0);

    // The same hostile text through the analyst's search box finds nobody either.
    const auto typed = await<Page<User>>([&](QObject *ctx, Handler<Page<User>> done) {
        users->searchByText(QStringLiteral("\" or status eq \"ACTIVE"), 20, ctx, done);
    });
    QVERIFY(typed && typed->ok());
    QCOMPARE(typed->value().items.size(), 0);

    // A backslash before the quote can't un-escape it either.
    const auto sneaky = search(SearchExpression::compare(
        QStringLiteral("profile.lastName"), Op::Eq, QStringLiteral("x\\\" or status eq \"ACTIVE")));
    QVERIFY(sneaky && sneaky->ok());
    QCOMPARE(sneaky->value().items.size(), 0);
}

void TestOktaUsersClient::textSearchAndQ()
{
    const auto typed = await<Page<User>>([&](QObject *ctx, Handler<Page<User>> done) {
        users->searchByText(QStringLiteral("bob\"smi"), 20, ctx, done);
    });
    QVERIFY(typed && typed->ok());
    QCOMPARE(typed->value().items.size(), 1);
    QCOMPARE(typed->value().items.first().profile.firstName, QStringLiteral("Quinn"));

    const auto twoWords = await<Page<User>>([&](QObject *ctx, Handler<Page<User>> done) {
        users->searchByText(QStringLiteral("Siobhán O'Br"), 20, ctx, done);
    });
    QVERIFY(twoWords && twoWords->ok());
    QVERIFY(!twoWords->value().items.isEmpty());
    QCOMPARE(twoWords->value().items.first().displayName(), QStringLiteral("Siobhán O'Brien"));

    const auto q = await<Page<User>>([&](QObject *ctx, Handler<Page<User>> done) {
        users->q(QStringLiteral("伟"), 10, ctx, done);
    });
    QVERIFY(q && q->ok());
    QVERIFY(!q->value().items.isEmpty());
    for (const User &u : q->value().items)
        QVERIFY(u.status != QLatin1String("DEPROVISIONED"));
}

void TestOktaUsersClient::pagingToTheEnd()
{
    QSet<QString> seen;
    auto page = search({}, 7);
    int pages = 1;
    while (true) {
        QVERIFY(page && page->ok());
        QVERIFY(page->value().items.size() <= 7);
        for (const User &u : page->value().items) {
            QVERIFY2(!seen.contains(u.id), "a user came twice");
            seen.insert(u.id);
        }
        if (!page->value().hasMore())
            break;
        QVERIFY(h->connection->isSameOrigin(page->value().next));
        const QUrl next = page->value().next;
        page = await<Page<User>>(
            [&](QObject *ctx, Handler<Page<User>> done) { users->nextPage(next, ctx, done); });
        QVERIFY(++pages < 50);
    }
    // The same list in one page of 200 has exactly the users seen page by page.
    const auto whole = search({}, 200);
    QVERIFY(whole && whole->ok());
    QVERIFY(!whole->value().hasMore());
    const int listed = int(whole->value().items.size());
    QVERIFY(listed > 7 * 3);
    QCOMPARE(seen.size(), listed);
    for (const User &u : whole->value().items)
        QVERIFY(seen.contains(u.id));
    QVERIFY(pages >= (listed + 6) / 7);
}

void TestOktaUsersClient::searchAllFollowsLinks()
{
    const int before = h->org->requestCount(QStringLiteral("users.list"));
    // Pages of 9, so that "all" needs several requests, each following the last Link.
    const auto all = await<Page<User>>(
        [&](QObject *ctx, Handler<Page<User>> done) { users->searchAll({}, ctx, done, 9); });
    const int requests = h->org->requestCount(QStringLiteral("users.list")) - before;
    QVERIFY(all && all->ok());
    const auto whole = search({}, 200);
    QVERIFY(whole && whole->ok());
    QCOMPARE(all->value().items.size(), whole->value().items.size());
    QVERIFY(!all->value().hasMore());
    QCOMPARE(requests,
             int(all->value().items.size() + 8) / 9 + (all->value().items.size() % 9 == 0));

    // A next link to another host is refused before anything is sent.
    const auto foreign = await<Page<User>>([&](QObject *ctx, Handler<Page<User>> done) {
        users->nextPage(QUrl(QStringLiteral("https://evil.example/api/v1/users?after=x")), ctx,
                        done);
    });
    QVERIFY(foreign && !foreign->ok());
    QCOMPARE(foreign->error().kind, OktaError::Kind::BadResponse);
}

void TestOktaUsersClient::byIdByLoginAndMe()
{
    const auto quinn = search(SearchExpression::compare(QStringLiteral("profile.lastName"), Op::Eq,
                                                        QStringLiteral("bob\"smith")));
    QVERIFY(quinn && quinn->ok() && quinn->value().items.size() == 1);
    const User expected = quinn->value().items.first();

    const auto byId = await<User>(
        [&](QObject *ctx, Handler<User> done) { users->byIdOrLogin(expected.id, ctx, done); });
    QVERIFY(byId && byId->ok());
    QCOMPARE(byId->value().profile.lastName, QStringLiteral("bob\"smith"));

    const auto byLogin = await<User>([&](QObject *ctx, Handler<User> done) {
        users->byIdOrLogin(expected.profile.login, ctx, done);
    });
    QVERIFY2(byLogin && byLogin->ok(), byLogin ? qPrintable(byLogin->error().message()) : "none");
    QCOMPARE(byLogin->value().id, expected.id);

    const auto me = await<User>([&](QObject *ctx, Handler<User> done) { users->me(ctx, done); });
    QVERIFY(me && me->ok());
    QCOMPARE(me->value().id, h->org->analystUserId());

    const auto missing = await<User>([&](QObject *ctx, Handler<User> done) {
        users->byIdOrLogin(QStringLiteral("00uDoesNotExist00000"), ctx, done);
    });
    QVERIFY(missing && !missing->ok());
    QCOMPARE(missing->error().kind, OktaError::Kind::NotFound);
    QCOMPARE(missing->error().httpStatus, 404);
    QCOMPARE(missing->error().errorCode, QStringLiteral("E0000007"));
}

void TestOktaUsersClient::hostileIdsNeverChangeThePath()
{
    // Each hostile value stays one encoded path segment: it reaches the single-user endpoint
    // (404, or 400 where the org refuses encoded separators) and never lists users.
    const int listsBefore = h->org->requestCount(QStringLiteral("users.list"));
    const int totalBefore = h->org->requestCount();
    const QStringList hostile = {QStringLiteral("../../users?limit=200"), QStringLiteral("a/b"),
                                 QStringLiteral("x#y"), QStringLiteral("me/../00u"),
                                 QStringLiteral("?search=status eq \"ACTIVE\"")};
    for (const QString &value : hostile) {
        const auto result = await<User>(
            [&](QObject *ctx, Handler<User> done) { users->byIdOrLogin(value, ctx, done); });
        QVERIFY(result && !result->ok());
        QVERIFY2(result->error().kind == OktaError::Kind::NotFound ||
                     result->error().kind == OktaError::Kind::Validation,
                 qPrintable(kindName(result->error().kind)));
    }
    QCOMPARE(h->org->requestCount(QStringLiteral("users.list")), listsBefore);
    QCOMPARE(h->org->requestCount(), totalBefore + hostile.size());

    // Blank and reserved values are refused before anything is sent.
    for (const QString &value : {QStringLiteral("  "), QStringLiteral("me"), QString()}) {
        const auto result = await<User>(
            [&](QObject *ctx, Handler<User> done) { users->byIdOrLogin(value, ctx, done); });
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error().kind, OktaError::Kind::NotFound);
    }
    QCOMPARE(h->org->requestCount(), totalBefore + hostile.size());
}

void TestOktaUsersClient::supersededSearchNeverDelivers()
{
    int firstCalls = 0;
    std::optional<Result<Page<User>>> second;
    users->searchByText(QStringLiteral("a"), 20, this,
                        [&](const Result<Page<User>> &) { ++firstCalls; });
    users->searchByText(QStringLiteral("bob\"s"), 20, this,
                        [&](const Result<Page<User>> &r) { second = r; });
    QTRY_VERIFY(second.has_value());
    QTest::qWait(200);
    QCOMPARE(firstCalls, 0);
    QVERIFY(second->ok());
    QCOMPARE(second->value().items.size(), 1);
}

void TestOktaUsersClient::cancelledRequestNeverDelivers()
{
    // Cancelled before it left, and cancelled while the server is still working on it.
    int calls = 0;
    users->me(this, [&](const Result<User> &) { ++calls; })->cancel();

    sandbox::Fault slow;
    slow.kind = sandbox::Fault::Kind::Latency;
    slow.pathPrefix = QStringLiteral("/api/v1/users/me");
    slow.delayMs = 300;
    h->org->injectFault(slow);
    QPointer<OktaReply> reply = users->me(this, [&](const Result<User> &) { ++calls; });
    QTRY_COMPARE(h->org->requestCount(QStringLiteral("users.me")), 1);
    QVERIFY(reply);
    reply->cancel();
    QTest::qWait(600);
    QCOMPARE(calls, 0);
    QVERIFY(!reply); // cleaned up
}

QTEST_GUILESS_MAIN(TestOktaUsersClient)
#include "tst_okta_users_client.moc"
