// The one expression builder: JSON-string escaping of values, percent-encoding of the whole,
// no way for a value to become syntax. Plus the id checks that guard URL paths.
#include "okta/OktaConnection.h"
#include "okta/OktaIds.h"
#include "okta/SearchExpression.h"
#include "okta/UsersClient.h"
#include "reviews/ReviewsClient.h"

#include <QTest>
#include <QTimeZone>

using namespace triage::okta;
using Op = SearchExpression::Op;

class TestOktaSearch : public QObject
{
    Q_OBJECT
private slots:
    void quoteEscapesJsonStyle_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << "bob"
                               << "\"bob\"";
        QTest::newRow("quote") << "bob\"smith"
                               << "\"bob\\\"smith\"";
        QTest::newRow("backslash") << "a\\b"
                                   << "\"a\\\\b\"";
        QTest::newRow("backslash quote") << "\\\""
                                         << "\"\\\\\\\"\"";
        QTest::newRow("newline tab") << "a\nb\tc"
                                     << "\"a\\nb\\tc\"";
        QTest::newRow("control") << QString(QChar(0x01)) << "\"\\u0001\"";
        QTest::newRow("non-latin") << "Zoë 王 Ада"
                                   << "\"Zoë 王 Ада\"";
        QTest::newRow("empty") << ""
                               << "\"\"";
    }
    void quoteEscapesJsonStyle()
    {
        QFETCH(QString, value);
        QFETCH(QString, quoted);
        QCOMPARE(SearchExpression::quote(value), quoted);
    }

    void specExampleEncodesExactly()
    {
        const SearchExpression e = SearchExpression::compare(QStringLiteral("profile.lastName"),
                                                             Op::Eq, QStringLiteral("bob\"smith"));
        QCOMPARE(e.toString(), QStringLiteral("profile.lastName eq \"bob\\\"smith\""));
        QCOMPARE(encodeQuery({{QStringLiteral("search"), e.toString()}}),
                 QStringLiteral("search=profile.lastName%20eq%20%22bob%5C%22smith%22"));
    }

    void injectionStaysAValue()
    {
        const QString hostile = QStringLiteral("x\" or status eq \"ACTIVE");
        const SearchExpression e =
            SearchExpression::compare(QStringLiteral("profile.firstName"), Op::Sw, hostile);
        QCOMPARE(e.toString(),
                 QStringLiteral("profile.firstName sw \"x\\\" or status eq \\\"ACTIVE\""));
        // The encoded form has no bare quote, space, ampersand or equals sign from the value.
        const QString encoded = encodeQuery({{QStringLiteral("search"), e.toString()},
                                             {QStringLiteral("limit"), QStringLiteral("5")}});
        QCOMPARE(encoded.count(QLatin1Char('&')), 1);
        QCOMPARE(encoded.count(QLatin1Char('=')), 2);
        QVERIFY(!encoded.contains(QLatin1Char('"')));
        QVERIFY(!encoded.contains(QLatin1Char(' ')));
        // Ampersands and equals signs inside values are encoded too.
        QCOMPARE(encodeQuery({{QStringLiteral("q"), QStringLiteral("a&limit=1#x+y/é")}}),
                 QStringLiteral("q=a%26limit%3D1%23x%2By%2F%C3%A9"));
    }

    void propertyNamesAreChecked()
    {
        QVERIFY(SearchExpression::compare(QStringLiteral("status eq \"ACTIVE\" or x"), Op::Eq,
                                          QStringLiteral("y"))
                    .isEmpty());
        QVERIFY(
            SearchExpression::compare(QStringLiteral(""), Op::Eq, QStringLiteral("y")).isEmpty());
        QVERIFY(SearchExpression::compare(QStringLiteral("a..b"), Op::Eq, QStringLiteral("y"))
                    .isEmpty());
        QVERIFY(
            !SearchExpression::compare(QStringLiteral("reviewer.name"), Op::Co, QStringLiteral("y"))
                 .isEmpty());
        QCOMPARE(SearchExpression::present(QStringLiteral("profile.title")).toString(),
                 QStringLiteral("profile.title pr"));
    }

    void combinationsAreParenthesised()
    {
        const auto a = SearchExpression::compare(QStringLiteral("a"), Op::Eq, QStringLiteral("1"));
        const auto b = SearchExpression::compare(QStringLiteral("b"), Op::Eq, QStringLiteral("2"));
        const auto c = SearchExpression::compare(QStringLiteral("c"), Op::Eq, QStringLiteral("3"));
        QCOMPARE(((a || b) && c).toString(),
                 QStringLiteral("(a eq \"1\" or b eq \"2\") and c eq \"3\""));
        QCOMPARE((a || (b && c)).toString(),
                 QStringLiteral("a eq \"1\" or (b eq \"2\" and c eq \"3\")"));
        QCOMPARE((SearchExpression() && a).toString(), a.toString());
        QCOMPARE((a || SearchExpression()).toString(), a.toString());
        QVERIFY((SearchExpression() || SearchExpression()).isEmpty());
    }

    void datesAreIsoUtc()
    {
        const QDateTime when(QDate(2026, 12, 4), QTime(21, 30), QTimeZone(3600));
        QCOMPARE(SearchExpression::compare(QStringLiteral("created"), Op::Gt, when).toString(),
                 QStringLiteral("created gt \"2026-12-04T20:30:00.000Z\""));
        QVERIFY(
            SearchExpression::compare(QStringLiteral("created"), Op::Gt, QDateTime()).isEmpty());
    }

    void textSearchCoversNamesEmailLogin()
    {
        QCOMPARE(UsersClient::textSearchExpression(QStringLiteral("  o\"b  ")).toString(),
                 QStringLiteral("profile.firstName sw \"o\\\"b\" or profile.lastName sw \"o\\\"b\" "
                                "or profile.email sw \"o\\\"b\" or profile.login sw \"o\\\"b\""));
        const QString twoWords =
            UsersClient::textSearchExpression(QStringLiteral("Zoë  王")).toString();
        QVERIFY2(twoWords.endsWith(QStringLiteral(
                     " or (profile.firstName sw \"Zoë\" and profile.lastName sw \"王\")")),
                 qPrintable(twoWords));
        QVERIFY(UsersClient::textSearchExpression(QStringLiteral(" \t ")).isEmpty());
    }

    void reviewFilters()
    {
        using namespace triage::reviews;
        QCOMPARE(ReviewFilter::status(ReviewStatus::Pending).toString(),
                 QStringLiteral("status eq \"PENDING\""));
        QCOMPARE((ReviewFilter::nameEquals(QStringLiteral("a\" or status eq \"X")) &&
                  ReviewFilter::status(ReviewStatus::Active))
                     .toString(),
                 QStringLiteral("name eq \"a\\\" or status eq \\\"X\" and status eq \"ACTIVE\""));
        QCOMPARE(ReviewListQuery::order(QStringLiteral("endTime"), true),
                 QStringLiteral("endTime desc"));
        QVERIFY(ReviewListQuery::order(QStringLiteral("name; drop"), false).isEmpty());
    }

    void idsGuardPaths_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("user");
        QTest::addColumn<bool>("review");
        QTest::newRow("user id") << "00u1a2b3c4d5e6f7g8h9" << true << true;
        QTest::newRow("review id") << "sar1lo5X9wmNTFX7x0g4" << false << true;
        QTest::newRow("short") << "00u1" << false << false;
        QTest::newRow("long") << "00u1a2b3c4d5e6f7g8h9x" << false << false;
        QTest::newRow("traversal") << "../../../api/v1/xyz1" << false << false;
        QTest::newRow("slash") << "00u1a2b3c4d5e6f7g8/9" << false << false;
        QTest::newRow("query") << "00u1a2b3c4d5e6f7g8?9" << false << false;
        QTest::newRow("non-latin") << "00u1a2b3c4d5e6f7g8h王" << false << false;
        QTest::newRow("empty") << "" << false << false;
    }
    void idsGuardPaths()
    {
        QFETCH(QString, id);
        QFETCH(bool, user);
        QFETCH(bool, review);
        QCOMPARE(isValidUserId(id), user);
        QCOMPARE(isValidReviewId(id), review);
    }

    void loginsAreEncodedAsOneSegment()
    {
        QCOMPARE(userPathSegment(QStringLiteral("00u1a2b3c4d5e6f7g8h9")),
                 QStringLiteral("00u1a2b3c4d5e6f7g8h9"));
        QCOMPARE(userPathSegment(QStringLiteral("a/../b?c#d@x.y")),
                 QStringLiteral("a%2F..%2Fb%3Fc%23d%40x.y"));
        QCOMPARE(userPathSegment(QStringLiteral("zoë")), QStringLiteral("zo%C3%AB"));
    }

    void familiesGroupIds()
    {
        QCOMPARE(OktaConnection::familyFor(QStringLiteral("/api/v1/users")),
                 QStringLiteral("/api/v1/users"));
        QCOMPARE(OktaConnection::familyFor(QStringLiteral("/api/v1/users/00u1a2b3c4d5e6f7g8h9")),
                 QStringLiteral("/api/v1/users/{id}"));
        QCOMPARE(OktaConnection::familyFor(QStringLiteral("/api/v1/users/a%40b.c")),
                 QStringLiteral("/api/v1/users/{id}"));
        QCOMPARE(OktaConnection::familyFor(QStringLiteral("/api/v1/users/me")),
                 QStringLiteral("/api/v1/users/me"));
        QCOMPARE(OktaConnection::familyFor(QStringLiteral(
                     "/governance/api/v2/security-access-reviews/sar1lo5X9wmNTFX7x0g4/history")),
                 QStringLiteral("/governance/api/v2/security-access-reviews/{id}/history"));
    }
};

QTEST_GUILESS_MAIN(TestOktaSearch)
#include "tst_okta_search.moc"
