#include "auth/RequiredScopes.h"
#include "auth/TokenEndpointClient.h"
#include "auth/TokenSet.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

using namespace triage::auth;

namespace {
const QDateTime received = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);

QByteArray jwtWith(const QJsonObject &claims)
{
    const auto encode = [](const QByteArray &b) {
        return b.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return encode("{\"alg\":\"RS256\"}") + '.' +
           encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' + encode("sig");
}
} // namespace

class TestTokenSet : public QObject
{
    Q_OBJECT
private slots:
    void parsesAFullResponse()
    {
        const QJsonObject claims{
            {QStringLiteral("sub"), QStringLiteral("00u1")},
            {QStringLiteral("preferred_username"), QStringLiteral("o'brien\"\\@example.com")},
            {QStringLiteral("name"), QStringLiteral("\u0416\u65e5 O'Brien")},
            {QStringLiteral("nonce"), QStringLiteral("n-1")}};
        const QJsonObject body{{QStringLiteral("access_token"), QStringLiteral("at.1")},
                               {QStringLiteral("token_type"), QStringLiteral("bearer")},
                               {QStringLiteral("expires_in"), 3600},
                               {QStringLiteral("scope"), QStringLiteral("openid  okta.users.read")},
                               {QStringLiteral("refresh_token"), QStringLiteral("rt.1")},
                               {QStringLiteral("id_token"), QString::fromLatin1(jwtWith(claims))}};
        QString error;
        const auto tokens =
            TokenSet::fromTokenResponse(QJsonDocument(body).toJson(), received, &error);
        QVERIFY2(tokens, qPrintable(error));
        QCOMPARE(tokens->accessToken, QByteArray("at.1"));
        QCOMPARE(tokens->authorizationHeader(), QByteArray("Bearer at.1"));
        QCOMPARE(tokens->expiresAt, received.addSecs(3600));
        QCOMPARE(tokens->scopes,
                 QStringList({QStringLiteral("openid"), QStringLiteral("okta.users.read")}));
        QCOMPARE(tokens->refreshToken, QByteArray("rt.1"));
        QCOMPARE(tokens->userName, QStringLiteral("o'brien\"\\@example.com"));
        QCOMPARE(tokens->displayName, QStringLiteral("\u0416\u65e5 O'Brien"));
        QCOMPARE(tokens->nonce, QStringLiteral("n-1"));

        TokenSet copy = *tokens;
        copy.wipe();
        QVERIFY(copy.accessToken.isEmpty() && copy.refreshToken.isEmpty());
        QVERIFY(copy.authorizationHeader().isEmpty());
        QCOMPARE(tokens->accessToken, QByteArray("at.1")); // wiping a copy leaves the original
    }

    void refusesHostileResponses_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not json") << QByteArray("<html>\"oops\"</html>");
        QTest::newRow("truncated") << QByteArray("{\"access_token\":\"abc\",\"token_ty");
        QTest::newRow("array") << QByteArray("[{\"access_token\":\"a\"}]");
        QTest::newRow("no access token")
            << QByteArray("{\"token_type\":\"Bearer\",\"expires_in\":3600}");
        QTest::newRow("access token number")
            << QByteArray("{\"access_token\":42,\"token_type\":\"Bearer\",\"expires_in\":3600}");
        QTest::newRow("access token null")
            << QByteArray("{\"access_token\":null,\"token_type\":\"Bearer\",\"expires_in\":1}");
        QTest::newRow("dpop") << QByteArray(
            "{\"access_token\":\"a\",\"token_type\":\"DPoP\",\"expires_in\":3600}");
        QTest::newRow("no type") << QByteArray("{\"access_token\":\"a\",\"expires_in\":3600}");
        QTest::newRow("expires string") << QByteArray(
            "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\"3600\"}");
        QTest::newRow("expires negative")
            << QByteArray("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":-5}");
        QTest::newRow("expires huge") << QByteArray(
            "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":1e300}");
        QTest::newRow("scope array") << QByteArray("{\"access_token\":\"a\",\"token_type\":"
                                                   "\"Bearer\",\"expires_in\":1,\"scope\":[1]}");
        QTest::newRow("refresh number")
            << QByteArray("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":1,"
                          "\"refresh_token\":7}");
    }
    void refusesHostileResponses()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(!TokenSet::fromTokenResponse(body, received, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!error.contains(QLatin1String("abc"))); // no token text in the message
    }

    void garbledIdTokenIsHarmless()
    {
        for (const char *idToken : {"not-a-jwt", "a.b.c", "a.%%%.c", "..", "a.W10.c"}) {
            const QByteArray body = QByteArray("{\"access_token\":\"a\",\"token_type\":\"Bearer\","
                                               "\"expires_in\":60,\"id_token\":\"") +
                                    idToken + "\"}";
            const auto tokens = TokenSet::fromTokenResponse(body, received);
            QVERIFY(tokens);
            QVERIFY(tokens->nonce.isEmpty());
            QVERIFY(tokens->refreshToken.isEmpty());
        }
    }

    void scopeReport()
    {
        QCOMPARE(RequiredScopes::all().size(), 8);
        QVERIFY(RequiredScopes::missing(RequiredScopes::all()).isEmpty());
        const QStringList granted{QStringLiteral("openid"), QStringLiteral("okta.users.read")};
        const auto report = RequiredScopes::check(granted);
        QCOMPARE(report.size(), 8);
        for (const ScopeStatus &status : report) {
            QCOMPARE(status.granted, granted.contains(status.scope));
            QCOMPARE(status.advice.isEmpty(), status.granted);
            if (!status.granted && status.scope.startsWith(QLatin1String("okta.")))
                QVERIFY(status.advice.contains(QLatin1String("Okta API Scopes")) &&
                        status.advice.contains(status.scope));
        }
        QVERIFY(RequiredScopes::missing(granted).contains(
            QStringLiteral("okta.governance.securityAccessReviews.admin.manage")));
    }

    void formEncodingEscapesEverythingButUnreserved()
    {
        const QByteArray body = TokenEndpointClient::formEncode(
            {{"a", "x+y z&w=v"}, {"b", "\"q\"\\\xd0\x96"}, {"c", "-._~AZaz09"}});
        QCOMPARE(body, QByteArray("a=x%2By%20z%26w%3Dv&b=%22q%22%5C%D0%96&c=-._~AZaz09"));
    }
};

QTEST_GUILESS_MAIN(TestTokenSet)
#include "tst_tokenset.moc"
