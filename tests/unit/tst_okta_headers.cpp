// Link, WWW-Authenticate and rate-limit headers, including the hostile and malformed ones.
#include "okta/HeaderParsers.h"
#include "okta/RateLimit.h"

#include <QTest>

using namespace triage::okta;

// Declared first: moc must meet the class before the raw string literals below.
class TestOktaHeaders : public QObject
{
    Q_OBJECT
private slots:
    void linkSeparateHeaders();
    void linkFolded_data();
    void linkFolded();
    void challengeParses();
    void challengeEscapesAndTokens();
    void challengeMalformed_data();
    void challengeMalformed();
    void rateLimitCorrectsByServerDate();
    void rateLimitWithoutUsableDateIsUncorrected();
    void rateLimitMalformed_data();
    void rateLimitMalformed();
    void httpDate();
};

void TestOktaHeaders::linkSeparateHeaders()
{
    const QList<QByteArray> headers = {
        R"(<https://org/api/v1/users?limit=200>; rel="self")",
        R"(<https://org/api/v1/users?after=00ud4tVDDXYVKPXKVLCO&limit=200>; rel="next")"};
    QCOMPARE(nextLink(headers),
             QUrl(QStringLiteral("https://org/api/v1/users?after=00ud4tVDDXYVKPXKVLCO&limit=200")));
    QCOMPARE(linkWithRelation(headers, QStringLiteral("self")),
             QUrl(QStringLiteral("https://org/api/v1/users?limit=200")));
}

void TestOktaHeaders::linkFolded_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("next");
    QTest::newRow("comma folded")
        << QByteArray(R"(<https://o/a?x=1>; rel="self", <https://o/a?after=b%2Cc>; rel="next")")
        << "https://o/a?after=b%2Cc";
    QTest::newRow("token rel, spaces")
        << QByteArray(R"(  <https://o/n>  ;  rel = next )") << "https://o/n";
    QTest::newRow("several rels") << QByteArray(R"(<https://o/n>; rel="prev next")")
                                  << "https://o/n";
    QTest::newRow("upper-case rel") << QByteArray(R"(<https://o/n>; REL="NEXT")") << "https://o/n";
    QTest::newRow("other params with commas")
        << QByteArray(
               R"(<https://o/s>; title="a, b; \"c\""; rel="self", <https://o/n>; rel="next")")
        << "https://o/n";
    QTest::newRow("no next") << QByteArray(R"(<https://o/s>; rel="self")") << "";
    QTest::newRow("unterminated target") << QByteArray(R"(<https://o/n; rel="next")") << "";
    QTest::newRow("garbage") << QByteArray("\"\\\\\",,;;<<>>==") << "";
    QTest::newRow("empty") << QByteArray() << "";
    QTest::newRow("nextish rel") << QByteArray(R"(<https://o/n>; rel="nextpage")") << "";
    QTest::newRow("garbage then next")
        << QByteArray(R"(junk, <https://o/n>; rel=next)") << "https://o/n";
}

void TestOktaHeaders::linkFolded()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, next);
    QCOMPARE(nextLink({header}).toString(), next);
}

void TestOktaHeaders::challengeParses()
{
    const auto c = AuthChallenge::parse(
        R"(Bearer authorization_uri="http://127.0.0.1:1/oauth2/v1/authorize", realm="http://127.0.0.1:1", scope="okta.users.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/users")");
    QVERIFY(c);
    QCOMPARE(c->scheme, QStringLiteral("Bearer"));
    QCOMPARE(c->param(QStringLiteral("error")), QStringLiteral("insufficient_scope"));
    QCOMPARE(c->param(QStringLiteral("scope")), QStringLiteral("okta.users.read"));
    QCOMPARE(c->param(QStringLiteral("resource")), QStringLiteral("/api/v1/users"));
}

void TestOktaHeaders::challengeEscapesAndTokens()
{
    const auto c = AuthChallenge::parse(
        R"(Bearer ERROR=invalid_token,error_description="say \"no\", then \\ leave; ok",realm="日本")");
    QVERIFY(c);
    QCOMPARE(c->param(QStringLiteral("error")), QStringLiteral("invalid_token"));
    QCOMPARE(c->param(QStringLiteral("error_description")),
             QStringLiteral("say \"no\", then \\ leave; ok"));
    QCOMPARE(c->param(QStringLiteral("realm")), QStringLiteral("日本"));
    const auto bare = AuthChallenge::parse("Bearer");
    QVERIFY(bare);
    QVERIFY(bare->params.isEmpty());
}

void TestOktaHeaders::challengeMalformed_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("unterminated") << QByteArray(R"(Bearer error="insufficient_scope)");
    QTest::newRow("dangling escape") << QByteArray("Bearer error=\"x\\");
    QTest::newRow("no value") << QByteArray("Bearer error=");
    QTest::newRow("no equals") << QByteArray("Bearer error \"x\"");
    QTest::newRow("junk after") << QByteArray(R"(Bearer error="x" junk)");
    QTest::newRow("only quotes") << QByteArray(R"("""")");
}

void TestOktaHeaders::challengeMalformed()
{
    QFETCH(QByteArray, header);
    QVERIFY(!AuthChallenge::parse(header));
}

void TestOktaHeaders::rateLimitCorrectsByServerDate()
{
    // Server clock 100 s ahead of ours: reset (server time) is 30 s away for the server,
    // so 30 s away for us as well, not 130 s.
    const QDateTime localNow(QDate(2026, 12, 4), QTime(20, 0, 0), Qt::UTC);
    const QDateTime serverNow = localNow.addSecs(100);
    const QByteArray date = "Fri, 04 Dec 2026 20:01:40 GMT";
    const QByteArray reset = QByteArray::number(serverNow.addSecs(30).toSecsSinceEpoch());
    const auto rate = RateLimit::fromHeaders("600", "0", reset, date, localNow);
    QVERIFY(rate);
    QCOMPARE(rate->limit, 600);
    QCOMPARE(rate->remaining, 0);
    QCOMPARE(rate->resetServer, serverNow.addSecs(30));
    QCOMPARE(rate->resetLocal, localNow.addSecs(30));
    QCOMPARE(rate->msecsUntilReset(localNow), 30000);
    QCOMPARE(rate->msecsUntilReset(localNow.addSecs(40)), 0);

    // Server behind by 50 s.
    const auto behind = RateLimit::fromHeaders(
        "10", "3", QByteArray::number(localNow.addSecs(-50 + 5).toSecsSinceEpoch()),
        "Fri, 04 Dec 2026 19:59:10 GMT", localNow);
    QVERIFY(behind);
    QCOMPARE(behind->msecsUntilReset(localNow), 5000);
}

void TestOktaHeaders::rateLimitWithoutUsableDateIsUncorrected()
{
    const QDateTime localNow(QDate(2026, 12, 4), QTime(20, 0, 0), Qt::UTC);
    const QByteArray reset = QByteArray::number(localNow.addSecs(10).toSecsSinceEpoch());
    for (const QByteArray &date :
         {QByteArray(), QByteArray("yesterday"), QByteArray("Fri, 04 Dec 2026 25:61:00 GMT")}) {
        const auto rate = RateLimit::fromHeaders("5", "1", reset, date, localNow);
        QVERIFY(rate);
        QCOMPARE(rate->msecsUntilReset(localNow), 10000);
    }
}

void TestOktaHeaders::rateLimitMalformed_data()
{
    QTest::addColumn<QByteArray>("limit");
    QTest::addColumn<QByteArray>("remaining");
    QTest::addColumn<QByteArray>("reset");
    QTest::newRow("missing") << QByteArray() << QByteArray("1") << QByteArray("1700000000");
    QTest::newRow("negative") << QByteArray("5") << QByteArray("-1") << QByteArray("1700000000");
    QTest::newRow("text") << QByteArray("five") << QByteArray("1") << QByteArray("1700000000");
    QTest::newRow("huge limit") << QByteArray("99999999999999") << QByteArray("1")
                                << QByteArray("1700000000");
    QTest::newRow("reset past year 9999")
        << QByteArray("5") << QByteArray("1") << QByteArray("999999999999999");
    QTest::newRow("reset in ms") << QByteArray("5") << QByteArray("1") << QByteArray("1.7e12");
}

void TestOktaHeaders::rateLimitMalformed()
{
    QFETCH(QByteArray, limit);
    QFETCH(QByteArray, remaining);
    QFETCH(QByteArray, reset);
    QVERIFY(!RateLimit::fromHeaders(limit, remaining, reset, {}, QDateTime::currentDateTimeUtc()));
}

void TestOktaHeaders::httpDate()
{
    QCOMPARE(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"),
             QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC));
    QVERIFY(!parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT").isValid());
    QVERIFY(!parseHttpDate("").isValid());
}

QTEST_GUILESS_MAIN(TestOktaHeaders)
#include "tst_okta_headers.moc"
