// The sandbox org's authorization server over real HTTP: discovery, the sign-in form as a browser
// posts it, PKCE (RFC 7636 appendix B), codes, refresh rotation, revocation, and what goes wrong.
#include "HttpProbe.h"
#include "SandboxFixture.h"
#include "common/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

using namespace triage;
using triage::sandbox::SandboxConfig;
using triage::sandbox::SandboxOrg;

namespace {
const QString kVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
const QString kChallenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
const QString kRedirect = QStringLiteral("http://127.0.0.1:8765/callback");
const QString kClient = QStringLiteral("0oasandboxtriage0app");
// Quotes, ampersands, a backslash, markup and non-Latin letters: all must come back unchanged.
const QString kHostileState = QStringLiteral("st \"a\"&b=c\\d<i>Zoë-東京");

using Reply = test::HttpAnswer;

QByteArray fromBase64Url(const QString &text)
{
    return QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding);
}

// RS256 verification of a compact JWS with the RSA public key (n, e) of a JWK.
bool verifyRs256(const QString &jwt, const QJsonObject &jwk)
{
    const qsizetype lastDot = jwt.lastIndexOf(QLatin1Char('.'));
    const QByteArray input = jwt.left(lastDot).toLatin1();
    const QByteArray signature = fromBase64Url(jwt.mid(lastDot + 1));
    const QByteArray n = fromBase64Url(jwk.value(QStringLiteral("n")).toString());
    const QByteArray e = fromBase64Url(jwk.value(QStringLiteral("e")).toString());
    const auto bytes = [](const QByteArray &data) {
        return reinterpret_cast<const unsigned char *>(data.constData());
    };
    BIGNUM *modulus = BN_bin2bn(bytes(n), int(n.size()), nullptr);
    BIGNUM *exponent = BN_bin2bn(bytes(e), int(e.size()), nullptr);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, modulus);
    OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, exponent);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX *keyContext = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY *key = nullptr;
    EVP_MD_CTX *digest = EVP_MD_CTX_new();
    const bool ok = params && keyContext && EVP_PKEY_fromdata_init(keyContext) == 1 &&
                    EVP_PKEY_fromdata(keyContext, &key, EVP_PKEY_PUBLIC_KEY, params) == 1 &&
                    digest &&
                    EVP_DigestVerifyInit(digest, nullptr, EVP_sha256(), nullptr, key) == 1 &&
                    EVP_DigestVerify(digest, bytes(signature), size_t(signature.size()),
                                     bytes(input), size_t(input.size())) == 1;
    EVP_MD_CTX_free(digest);
    EVP_PKEY_free(key);
    EVP_PKEY_CTX_free(keyContext);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    BN_free(modulus);
    BN_free(exponent);
    return ok;
}

QByteArray form(const QList<QPair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}
} // namespace

class TestSandboxOAuth : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void discoveryDocuments();
    void fullPkceRoundTrip();
    void wrongVerifierFailsAndBurnsTheCode();
    void reusedCodeIsRefused();
    void expiredCodeIsRefused();
    void tokenRedirectUriMustMatch();
    void unknownClientGetsAnErrorPageNotARedirect();
    void unregisteredRedirectUriGetsAnErrorPage_data();
    void unregisteredRedirectUriGetsAnErrorPage();
    void missingOrWeakPkceIsInvalidRequest_data();
    void missingOrWeakPkceIsInvalidRequest();
    void unknownScopeIsInvalidScope();
    void grantedScopesAreTheIntersection();
    void refreshTokenAndIdTokenOnlyWhenAsked();
    void wrongPasswordShowsTheFormAgainEscaped();
    void cancelRedirectsAccessDenied();
    void signInFormExpires();
    void refreshRotatesWithGracePeriod();
    void revokedTokensStopWorking();
    void expiredAccessTokenIsRefused();
    void tokenEndpointRefusesHostileRequests_data();
    void tokenEndpointRefusesHostileRequests();

private:
    std::unique_ptr<SandboxOrg> start(SandboxConfig config = test::smallConfig());
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QByteArray &contentType = {}, const QByteArray &authorization = {});
    QUrl authorizeUrl(const QString &scope, const QString &challenge = kChallenge,
                      const QString &clientId = kClient, const QString &redirect = kRedirect);
    // GETs the form and posts it as a browser would; returns the POST's reply (302 on success).
    Reply signIn(const QUrl &authorize, const QString &password = QStringLiteral("sandbox-analyst"),
                 const QString &username = QStringLiteral("analyst@sandbox.example"));
    static QString transactionIdFrom(const QByteArray &html);
    static QUrlQuery redirectQuery(const Reply &reply);
    QString codeFor(const QString &scope);
    Reply exchange(const QString &code, const QString &verifier = kVerifier,
                   const QString &redirect = kRedirect);
    Reply refresh(const QString &refreshToken);

    ManualClock m_clock;
    std::unique_ptr<SandboxOrg> m_org;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void TestSandboxOAuth::init()
{
    m_clock.set(QDateTime::currentDateTimeUtc());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    SandboxConfig config = test::smallConfig();
    config.clock = &m_clock;
    m_org = start(config);
}

void TestSandboxOAuth::cleanup()
{
    m_org.reset();
    m_nam.reset();
}

std::unique_ptr<SandboxOrg> TestSandboxOAuth::start(SandboxConfig config)
{
    m_org.reset();
    return test::startSandbox(std::move(config));
}

Reply TestSandboxOAuth::send(const QByteArray &method, const QString &path, const QByteArray &body,
                             const QByteArray &contentType, const QByteArray &authorization)
{
    const QUrl url = path.startsWith(QLatin1String("http"))
                         ? QUrl(path, QUrl::StrictMode)
                         : m_org->baseUrl().resolved(QUrl(path, QUrl::StrictMode));
    return test::sendHttp(*m_nam, url, method, body, contentType, authorization);
}

QUrl TestSandboxOAuth::authorizeUrl(const QString &scope, const QString &challenge,
                                    const QString &clientId, const QString &redirect)
{
    QUrlQuery query;
    const auto add = [&](const char *name, const QString &value) {
        query.addQueryItem(QString::fromLatin1(name),
                           QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add("client_id", clientId);
    add("redirect_uri", redirect);
    add("response_type", QStringLiteral("code"));
    add("scope", scope);
    add("state", kHostileState);
    add("nonce", QStringLiteral("n-0S6_WzA2Mj"));
    if (!challenge.isEmpty()) {
        add("code_challenge", challenge);
        add("code_challenge_method", QStringLiteral("S256"));
    }
    QUrl url = m_org->baseUrl();
    url.setPath(QStringLiteral("/oauth2/v1/authorize"));
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

QString TestSandboxOAuth::transactionIdFrom(const QByteArray &html)
{
    static const QRegularExpression hidden(
        QStringLiteral("name=\"transaction_id\" value=\"([A-Za-z0-9_-]+)\""));
    return hidden.match(QString::fromUtf8(html)).captured(1);
}

QUrlQuery TestSandboxOAuth::redirectQuery(const Reply &reply)
{
    const QUrl location = QUrl::fromEncoded(reply.header("Location"), QUrl::StrictMode);
    return QUrlQuery(location.query(QUrl::FullyEncoded));
}

Reply TestSandboxOAuth::signIn(const QUrl &authorize, const QString &password,
                               const QString &username)
{
    const Reply page = send("GET", authorize.toString(QUrl::FullyEncoded));
    if (page.status != 200)
        return page;
    const QString transaction = transactionIdFrom(page.body);
    return send("POST", QStringLiteral("/oauth2/v1/authorize"),
                form({{QStringLiteral("transaction_id"), transaction},
                      {QStringLiteral("username"), username},
                      {QStringLiteral("password"), password}}),
                "application/x-www-form-urlencoded");
}

QString TestSandboxOAuth::codeFor(const QString &scope)
{
    const Reply reply = signIn(authorizeUrl(scope));
    if (reply.status != 302)
        return {};
    return redirectQuery(reply).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
}

Reply TestSandboxOAuth::exchange(const QString &code, const QString &verifier,
                                 const QString &redirect)
{
    return send("POST", QStringLiteral("/oauth2/v1/token"),
                form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                      {QStringLiteral("client_id"), kClient},
                      {QStringLiteral("redirect_uri"), redirect},
                      {QStringLiteral("code"), code},
                      {QStringLiteral("code_verifier"), verifier}}),
                "application/x-www-form-urlencoded");
}

Reply TestSandboxOAuth::refresh(const QString &refreshToken)
{
    return send("POST", QStringLiteral("/oauth2/v1/token"),
                form({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                      {QStringLiteral("client_id"), kClient},
                      {QStringLiteral("refresh_token"), refreshToken}}),
                "application/x-www-form-urlencoded");
}

void TestSandboxOAuth::discoveryDocuments()
{
    const QString base = m_org->baseUrl().toString();
    for (const char *path :
         {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
        const Reply reply = send("GET", QString::fromLatin1(path));
        QCOMPARE(reply.status, 200);
        const QJsonObject doc = reply.json();
        QCOMPARE(doc.value(QStringLiteral("issuer")).toString(), base);
        QCOMPARE(doc.value(QStringLiteral("authorization_endpoint")).toString(),
                 base + QStringLiteral("/oauth2/v1/authorize"));
        QCOMPARE(doc.value(QStringLiteral("token_endpoint")).toString(),
                 base + QStringLiteral("/oauth2/v1/token"));
        QCOMPARE(doc.value(QStringLiteral("revocation_endpoint")).toString(),
                 base + QStringLiteral("/oauth2/v1/revoke"));
        QCOMPARE(doc.value(QStringLiteral("jwks_uri")).toString(),
                 base + QStringLiteral("/oauth2/v1/keys"));
        QVERIFY(doc.contains(QStringLiteral("end_session_endpoint")));
        QCOMPARE(doc.value(QStringLiteral("code_challenge_methods_supported")).toArray(),
                 QJsonArray{QStringLiteral("S256")});
        QVERIFY(doc.value(QStringLiteral("token_endpoint_auth_methods_supported"))
                    .toArray()
                    .contains(QStringLiteral("none")));
        const QJsonArray scopes = doc.value(QStringLiteral("scopes_supported")).toArray();
        for (const QString &scope : SandboxConfig::defaultGrantScopes())
            QVERIFY2(scopes.contains(scope), qPrintable(scope));
        QVERIFY(!reply.header("X-Rate-Limit-Limit").isEmpty());
    }
    // The JWKS publishes one RS256 key.
    const Reply keys = send("GET", QStringLiteral("/oauth2/v1/keys"));
    QCOMPARE(keys.status, 200);
    const QJsonObject key = keys.json().value(QStringLiteral("keys")).toArray().at(0).toObject();
    QCOMPARE(key.value(QStringLiteral("kty")).toString(), QStringLiteral("RSA"));
    QCOMPARE(key.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    QVERIFY(key.value(QStringLiteral("n")).toString().size() > 300);
    QCOMPARE(key.value(QStringLiteral("e")).toString(), QStringLiteral("AQAB"));
}

void TestSandboxOAuth::fullPkceRoundTrip()
{
    const QString scope = SandboxConfig::defaultGrantScopes().join(QLatin1Char(' '));
    const Reply page = send("GET", authorizeUrl(scope).toString(QUrl::FullyEncoded));
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("Content-Type").startsWith("text/html"));
    for (const char *fragment :
         {"<form id=\"sign-in-form\" method=\"post\" action=\"/oauth2/v1/authorize\">",
          "name=\"username\" id=\"okta-signin-username\"",
          "name=\"password\" id=\"okta-signin-password\"", "id=\"okta-signin-submit\""})
        QVERIFY2(page.body.contains(fragment), fragment);
    const QString transaction = transactionIdFrom(page.body);
    QVERIFY(transaction.size() >= 20);
    // The request stays on the server: the page carries neither the challenge nor the state.
    QVERIFY(!page.body.contains(kChallenge.toLatin1()));

    const Reply signedIn =
        send("POST", QStringLiteral("/oauth2/v1/authorize"),
             form({{QStringLiteral("transaction_id"), transaction},
                   {QStringLiteral("username"), QStringLiteral("analyst@sandbox.example")},
                   {QStringLiteral("password"), QStringLiteral("sandbox-analyst")}}),
             "application/x-www-form-urlencoded");
    QCOMPARE(signedIn.status, 302);
    const QByteArray location = signedIn.header("Location");
    QVERIFY2(location.startsWith(kRedirect.toLatin1() + "?code="), location.constData());
    const QUrlQuery query = redirectQuery(signedIn);
    QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), kHostileState);
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    QVERIFY(code.size() >= 32);

    const Reply token = exchange(code);
    QCOMPARE(token.status, 200);
    QCOMPARE(token.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(token.header("Pragma"), QByteArray("no-cache"));
    const QJsonObject body = token.json();
    QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(body.value(QStringLiteral("expires_in")).toInt(), 3600);
    QCOMPARE(body.value(QStringLiteral("scope")).toString(), scope);
    QVERIFY(!body.value(QStringLiteral("refresh_token")).toString().isEmpty());
    const QString accessToken = body.value(QStringLiteral("access_token")).toString();
    QVERIFY(accessToken.size() >= 32);

    // id_token: RS256 JWT whose kid is in the JWKS, with the claims a client checks.
    const QStringList parts =
        body.value(QStringLiteral("id_token")).toString().split(QLatin1Char('.'));
    QCOMPARE(parts.size(), 3);
    const auto decode = [](const QString &part) {
        return QJsonDocument::fromJson(
                   QByteArray::fromBase64(part.toLatin1(), QByteArray::Base64UrlEncoding))
            .object();
    };
    const QJsonObject header = decode(parts.at(0));
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    const QJsonObject jwk = send("GET", QStringLiteral("/oauth2/v1/keys"))
                                .json()
                                .value(QStringLiteral("keys"))
                                .toArray()
                                .at(0)
                                .toObject();
    QCOMPARE(header.value(QStringLiteral("kid")), jwk.value(QStringLiteral("kid")));
    const QByteArray signature =
        QByteArray::fromBase64(parts.at(2).toLatin1(), QByteArray::Base64UrlEncoding);
    QCOMPARE(signature.size(), 256);
    const QString idToken = body.value(QStringLiteral("id_token")).toString();
    QVERIFY(verifyRs256(idToken, jwk));
    // A changed claim breaks the signature.
    QString tampered = idToken;
    tampered[parts.at(0).size() + 5] = tampered.at(parts.at(0).size() + 5) == QLatin1Char('A')
                                           ? QLatin1Char('B')
                                           : QLatin1Char('A');
    QVERIFY(!verifyRs256(tampered, jwk));
    const QJsonObject claims = decode(parts.at(1));
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), m_org->baseUrl().toString());
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(), kClient);
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), m_org->analystUserId());
    QCOMPARE(claims.value(QStringLiteral("nonce")).toString(), QStringLiteral("n-0S6_WzA2Mj"));
    QCOMPARE(claims.value(QStringLiteral("preferred_username")).toString(),
             QStringLiteral("analyst@sandbox.example"));
    QVERIFY(!claims.value(QStringLiteral("email")).toString().isEmpty());
    QVERIFY(!claims.value(QStringLiteral("name")).toString().isEmpty());
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() -
                 claims.value(QStringLiteral("iat")).toInteger(),
             3600);

    // The access token works on the Users API as the analyst.
    const Reply me =
        send("GET", QStringLiteral("/api/v1/users/me"), {}, {}, "Bearer " + accessToken.toLatin1());
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json().value(QStringLiteral("id")).toString(), m_org->analystUserId());
}

void TestSandboxOAuth::wrongVerifierFailsAndBurnsTheCode()
{
    const QString code = codeFor(QStringLiteral("openid okta.users.read"));
    QVERIFY(!code.isEmpty());
    // A well-formed verifier that does not hash to the challenge.
    const Reply wrong = exchange(code, QString(kVerifier).replace(0, 1, QLatin1Char('e')));
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
    QCOMPARE(wrong.header("Cache-Control"), QByteArray("no-store"));
    // One attempt per code: the right verifier is too late now.
    QCOMPARE(exchange(code).json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestSandboxOAuth::reusedCodeIsRefused()
{
    const QString code = codeFor(QStringLiteral("openid okta.users.read"));
    QCOMPARE(exchange(code).status, 200);
    const Reply again = exchange(code);
    QCOMPARE(again.status, 400);
    QCOMPARE(again.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestSandboxOAuth::expiredCodeIsRefused()
{
    const QString first = codeFor(QStringLiteral("okta.users.read"));
    const QString second = codeFor(QStringLiteral("okta.users.read"));
    m_clock.advance(59 * 1000);
    QCOMPARE(exchange(first).status, 200); // still inside the 60 s lifetime
    m_clock.advance(2 * 1000);
    const Reply late = exchange(second);
    QCOMPARE(late.status, 400);
    QCOMPARE(late.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestSandboxOAuth::tokenRedirectUriMustMatch()
{
    const QString code = codeFor(QStringLiteral("okta.users.read"));
    const Reply reply = exchange(code, kVerifier, kRedirect + QLatin1Char('/'));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestSandboxOAuth::unknownClientGetsAnErrorPageNotARedirect()
{
    const Reply reply = send(
        "GET", authorizeUrl(QStringLiteral("openid"), kChallenge, QStringLiteral("0oa\"<script>x"))
                   .toString(QUrl::FullyEncoded));
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.header("Location").isEmpty());
    QVERIFY(reply.header("Content-Type").startsWith("text/html"));
    QVERIFY(!reply.body.contains("<script>"));
    QVERIFY(!reply.body.contains("sign-in-form"));
}

void TestSandboxOAuth::unregisteredRedirectUriGetsAnErrorPage_data()
{
    QTest::addColumn<QString>("redirect");
    QTest::newRow("trailing slash") << kRedirect + QLatin1Char('/');
    QTest::newRow("other port") << QStringLiteral("http://127.0.0.1:8766/callback");
    QTest::newRow("localhost") << QStringLiteral("http://localhost:8765/callback");
    QTest::newRow("evil host") << QStringLiteral("https://evil.example/callback");
    QTest::newRow("extra query") << kRedirect + QStringLiteral("?x=\"1\"");
    QTest::newRow("empty") << QString();
}

void TestSandboxOAuth::unregisteredRedirectUriGetsAnErrorPage()
{
    QFETCH(QString, redirect);
    const Reply reply =
        send("GET", authorizeUrl(QStringLiteral("openid"), kChallenge, kClient, redirect)
                        .toString(QUrl::FullyEncoded));
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.header("Location").isEmpty());
    QVERIFY(!reply.body.contains("sign-in-form"));
}

void TestSandboxOAuth::missingOrWeakPkceIsInvalidRequest_data()
{
    QTest::addColumn<QString>("extra");
    QTest::newRow("no challenge") << QString();
    QTest::newRow("plain method")
        << QStringLiteral("&code_challenge=%1&code_challenge_method=plain").arg(kChallenge);
    QTest::newRow("no method") << QStringLiteral("&code_challenge=%1").arg(kChallenge);
    QTest::newRow("short challenge")
        << QStringLiteral("&code_challenge=abc&code_challenge_method=S256");
    QTest::newRow("bad characters")
        << QStringLiteral("&code_challenge=%22%3Cx%3E%22%20E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbu"
                          "&code_challenge_method=S256");
}

void TestSandboxOAuth::missingOrWeakPkceIsInvalidRequest()
{
    QFETCH(QString, extra);
    const QString url =
        authorizeUrl(QStringLiteral("openid"), QString()).toString(QUrl::FullyEncoded) + extra;
    const Reply reply = send("GET", url);
    QCOMPARE(reply.status, 302);
    QVERIFY(reply.header("Location").startsWith(kRedirect.toLatin1() + '?'));
    const QUrlQuery query = redirectQuery(reply);
    QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("invalid_request"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), kHostileState);
    QVERIFY(query.hasQueryItem(QStringLiteral("error_description")));
    QVERIFY(!query.hasQueryItem(QStringLiteral("code")));
}

void TestSandboxOAuth::unknownScopeIsInvalidScope()
{
    const Reply reply = send(
        "GET",
        authorizeUrl(QStringLiteral("openid okta.everything.manage")).toString(QUrl::FullyEncoded));
    QCOMPARE(reply.status, 302);
    const QUrlQuery query = redirectQuery(reply);
    QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("invalid_scope"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), kHostileState);
}

void TestSandboxOAuth::grantedScopesAreTheIntersection()
{
    SandboxConfig config = test::smallConfig();
    config.clock = &m_clock;
    config.grantScopes = {QStringLiteral("openid"), QStringLiteral("okta.users.read")};
    m_org = start(config);
    const QString code =
        codeFor(QStringLiteral("openid profile okta.users.read okta.users.manage"));
    const Reply reply = exchange(code);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("scope")).toString(),
             QStringLiteral("openid okta.users.read"));
    // The token carries only what was granted: reading users works, nothing was promised beyond.
    const QByteArray bearer =
        "Bearer " + reply.json().value(QStringLiteral("access_token")).toString().toLatin1();
    QCOMPARE(send("GET", QStringLiteral("/api/v1/users?limit=1"), {}, {}, bearer).status, 200);
    QCOMPARE(
        send("GET", QStringLiteral("/governance/api/v2/security-access-reviews"), {}, {}, bearer)
            .status,
        403);
}

void TestSandboxOAuth::refreshTokenAndIdTokenOnlyWhenAsked()
{
    const QJsonObject plain = exchange(codeFor(QStringLiteral("okta.users.read"))).json();
    QVERIFY(plain.contains(QStringLiteral("access_token")));
    QVERIFY(!plain.contains(QStringLiteral("refresh_token")));
    QVERIFY(!plain.contains(QStringLiteral("id_token")));

    const QJsonObject offline =
        exchange(codeFor(QStringLiteral("offline_access okta.users.read"))).json();
    QVERIFY(offline.contains(QStringLiteral("refresh_token")));
    QVERIFY(!offline.contains(QStringLiteral("id_token")));

    const QJsonObject openid = exchange(codeFor(QStringLiteral("openid email"))).json();
    QVERIFY(!openid.contains(QStringLiteral("refresh_token")));
    QVERIFY(openid.contains(QStringLiteral("id_token")));
}

void TestSandboxOAuth::wrongPasswordShowsTheFormAgainEscaped()
{
    const QString hostileUser = QStringLiteral("<script>alert(\"x\")</script>&o'Brien\\Zoë");
    const Reply reply = signIn(authorizeUrl(QStringLiteral("openid")),
                               QStringLiteral("wrong \"password\""), hostileUser);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Location").isEmpty());
    QVERIFY(reply.body.contains("id=\"okta-signin-error\""));
    QVERIFY(reply.body.contains("sign-in-form"));
    QVERIFY(!reply.body.contains("<script>"));
    QVERIFY(reply.body.contains("&lt;script&gt;alert(&quot;x&quot;)"));
    QVERIFY(!reply.body.contains("wrong"
                                 "\"password"));
    // The same transaction still signs in with the right password.
    const QString transaction = transactionIdFrom(reply.body);
    const Reply retry =
        send("POST", QStringLiteral("/oauth2/v1/authorize"),
             form({{QStringLiteral("transaction_id"), transaction},
                   {QStringLiteral("username"), QStringLiteral("ANALYST@sandbox.example")},
                   {QStringLiteral("password"), QStringLiteral("sandbox-analyst")}}),
             "application/x-www-form-urlencoded");
    QCOMPARE(retry.status, 302);
    // A made-up or reused transaction is a dead end, not a redirect.
    const Reply reused =
        send("POST", QStringLiteral("/oauth2/v1/authorize"),
             form({{QStringLiteral("transaction_id"), transaction},
                   {QStringLiteral("username"), QStringLiteral("analyst@sandbox.example")},
                   {QStringLiteral("password"), QStringLiteral("sandbox-analyst")}}),
             "application/x-www-form-urlencoded");
    QCOMPARE(reused.status, 400);
    QVERIFY(reused.header("Location").isEmpty());
}

void TestSandboxOAuth::cancelRedirectsAccessDenied()
{
    const Reply page =
        send("GET", authorizeUrl(QStringLiteral("openid")).toString(QUrl::FullyEncoded));
    QVERIFY(page.body.contains("id=\"okta-signin-cancel\""));
    const Reply reply = send("POST", QStringLiteral("/oauth2/v1/authorize"),
                             form({{QStringLiteral("transaction_id"), transactionIdFrom(page.body)},
                                   {QStringLiteral("action"), QStringLiteral("cancel")}}),
                             "application/x-www-form-urlencoded");
    QCOMPARE(reply.status, 302);
    const QUrlQuery query = redirectQuery(reply);
    QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), kHostileState);
}

void TestSandboxOAuth::signInFormExpires()
{
    const Reply page =
        send("GET", authorizeUrl(QStringLiteral("openid")).toString(QUrl::FullyEncoded));
    m_clock.advance(601 * 1000);
    const Reply late =
        send("POST", QStringLiteral("/oauth2/v1/authorize"),
             form({{QStringLiteral("transaction_id"), transactionIdFrom(page.body)},
                   {QStringLiteral("username"), QStringLiteral("analyst@sandbox.example")},
                   {QStringLiteral("password"), QStringLiteral("sandbox-analyst")}}),
             "application/x-www-form-urlencoded");
    QCOMPARE(late.status, 400);
    QVERIFY(late.header("Location").isEmpty());
    // A form post that is not form-encoded is refused the same way.
    QCOMPARE(send("POST", QStringLiteral("/oauth2/v1/authorize"), "{\"transaction_id\":1}",
                  "application/json")
                 .status,
             400);
}

void TestSandboxOAuth::refreshRotatesWithGracePeriod()
{
    const QJsonObject first =
        exchange(codeFor(QStringLiteral("offline_access okta.users.read"))).json();
    const QString original = first.value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!original.isEmpty());

    const Reply rotated = refresh(original);
    QCOMPARE(rotated.status, 200);
    QCOMPARE(rotated.header("Cache-Control"), QByteArray("no-store"));
    const QString second = rotated.json().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != original);
    QCOMPARE(rotated.json().value(QStringLiteral("scope")).toString(),
             QStringLiteral("offline_access okta.users.read"));
    const QByteArray bearer =
        "Bearer " + rotated.json().value(QStringLiteral("access_token")).toString().toLatin1();
    QCOMPARE(send("GET", QStringLiteral("/api/v1/users?limit=1"), {}, {}, bearer).status, 200);

    m_clock.advance(20 * 1000);
    QCOMPARE(refresh(original).status, 200); // still inside the 30 s grace period
    m_clock.advance(11 * 1000);
    const Reply late = refresh(original);
    QCOMPARE(late.status, 400);
    QCOMPARE(late.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
    QCOMPARE(refresh(second).status, 200);
    QCOMPARE(
        refresh(QStringLiteral("not-a-token\"\\")).json().value(QStringLiteral("error")).toString(),
        QStringLiteral("invalid_grant"));
}

void TestSandboxOAuth::revokedTokensStopWorking()
{
    const QJsonObject tokens =
        exchange(codeFor(QStringLiteral("offline_access okta.users.read"))).json();
    const QString access = tokens.value(QStringLiteral("access_token")).toString();
    const QString refreshToken = tokens.value(QStringLiteral("refresh_token")).toString();
    const QByteArray bearer = "Bearer " + access.toLatin1();
    QCOMPARE(send("GET", QStringLiteral("/api/v1/users/me"), {}, {}, bearer).status, 200);

    const auto revoke = [&](const QString &token) {
        return send("POST", QStringLiteral("/oauth2/v1/revoke"),
                    form({{QStringLiteral("token"), token},
                          {QStringLiteral("token_type_hint"), QStringLiteral("access_token")},
                          {QStringLiteral("client_id"), kClient}}),
                    "application/x-www-form-urlencoded");
    };
    QCOMPARE(revoke(access).status, 200);
    QCOMPARE(send("GET", QStringLiteral("/api/v1/users/me"), {}, {}, bearer).status, 401);
    QCOMPARE(revoke(QStringLiteral("never-issued \"ü\"")).status, 200);

    QCOMPARE(revoke(refreshToken).status, 200);
    QCOMPARE(refresh(refreshToken).json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestSandboxOAuth::expiredAccessTokenIsRefused()
{
    const QString access = exchange(codeFor(QStringLiteral("okta.users.read")))
                               .json()
                               .value(QStringLiteral("access_token"))
                               .toString();
    const QByteArray bearer = "Bearer " + access.toLatin1();
    m_clock.advance(3599 * 1000);
    QCOMPARE(send("GET", QStringLiteral("/api/v1/users?limit=1"), {}, {}, bearer).status, 200);
    m_clock.advance(2 * 1000);
    const Reply expired = send("GET", QStringLiteral("/api/v1/users?limit=1"), {}, {}, bearer);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.json().value(QStringLiteral("errorCode")).toString(),
             QStringLiteral("E0000011"));
}

void TestSandboxOAuth::tokenEndpointRefusesHostileRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray clientForm = "client_id=0oasandboxtriage0app";
    QTest::newRow("json body") << QByteArray("{\"grant_type\":\"authorization_code\"}")
                               << QByteArray("application/json") << 400
                               << QStringLiteral("invalid_request");
    QTest::newRow("no grant type") << clientForm << QByteArray("application/x-www-form-urlencoded")
                                   << 400 << QStringLiteral("invalid_request");
    QTest::newRow("password grant") << clientForm + "&grant_type=password&username=a&password=b"
                                    << QByteArray("application/x-www-form-urlencoded") << 400
                                    << QStringLiteral("unsupported_grant_type");
    QTest::newRow("unknown client")
        << QByteArray("client_id=%22%3Cx%3E%5C&grant_type=authorization_code&code=x")
        << QByteArray("application/x-www-form-urlencoded") << 401
        << QStringLiteral("invalid_client");
    QTest::newRow("client secret on a public client")
        << clientForm + "&client_secret=&grant_type=refresh_token&refresh_token=x"
        << QByteArray("application/x-www-form-urlencoded") << 401
        << QStringLiteral("invalid_client");
    QTest::newRow("repeated parameter")
        << clientForm + "&grant_type=authorization_code&grant_type=refresh_token"
        << QByteArray("application/x-www-form-urlencoded") << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("bad percent encoding")
        << clientForm + "&grant_type=authorization_code&code=%zz%&code_verifier=%"
        << QByteArray("application/x-www-form-urlencoded; charset=UTF-8") << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("unknown code")
        << clientForm +
               "&grant_type=authorization_code&redirect_uri=x&code=%E6%9D%B1&code_verifier=" +
               kVerifier.toLatin1()
        << QByteArray("application/x-www-form-urlencoded") << 400
        << QStringLiteral("invalid_grant");
}

void TestSandboxOAuth::tokenEndpointRefusesHostileRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, error);
    const Reply reply = send("POST", QStringLiteral("/oauth2/v1/token"), body, contentType);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), error);
    QVERIFY(!reply.json().value(QStringLiteral("error_description")).toString().isEmpty());
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
}

QTEST_GUILESS_MAIN(TestSandboxOAuth)
#include "tst_sandbox_oauth.moc"
