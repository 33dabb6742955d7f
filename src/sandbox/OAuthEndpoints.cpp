#include "sandbox/OAuthEndpoints.h"

#include "common/Clock.h"
#include "common/Logging.h"
#include "sandbox/JwtSigner.h"
#include "sandbox/Router.h"
#include "sandbox/SignInPage.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace triage::sandbox {

namespace {
constexpr int kTransactionLifetimeSeconds = 600;

using Form = QHash<QString, QString>;

// application/x-www-form-urlencoded; a repeated parameter makes the request invalid (RFC 6749 3.1).
std::optional<Form> parseForm(const QByteArray &body)
{
    Form form;
    if (body.isEmpty())
        return form;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        QByteArray name = equals < 0 ? pair : pair.left(equals);
        QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        const QString key = QString::fromUtf8(QByteArray::fromPercentEncoding(name));
        if (form.contains(key))
            return std::nullopt;
        form.insert(key, QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return form;
}

bool isFormContentType(const QByteArray &contentType)
{
    return contentType.split(';').constFirst().trimmed().toLower() ==
           "application/x-www-form-urlencoded";
}

QStringList splitScopes(const QString &scope)
{
    return scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// RFC 7636 section 4.1 (verifier) and 4.2 (an S256 challenge is 43 base64url characters).
bool isPkceString(const QString &value, int minLength, int maxLength)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._~-]*$"));
    return value.size() >= minLength && value.size() <= maxLength &&
           allowed.match(value).hasMatch();
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray percent(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

// redirect_uri plus parameters, keeping whatever query the registered URI already has.
ApiResponse redirectTo(const QString &redirectUri, const QList<QPair<QString, QString>> &params)
{
    QByteArray location = redirectUri.toUtf8();
    char separator = location.contains('?') ? '&' : '?';
    for (const auto &[name, value] : params) {
        location += separator + percent(name) + '=' + percent(value);
        separator = '&';
    }
    return ApiResponse::empty(302, {{"Location", location}, {"Cache-Control", "no-store"}});
}

ApiResponse redirectError(const QString &redirectUri, const QString &state, const QString &error,
                          const QString &description)
{
    QList<QPair<QString, QString>> params{{QStringLiteral("error"), error},
                                          {QStringLiteral("error_description"), description}};
    if (!state.isNull())
        params.append(qMakePair(QStringLiteral("state"), state));
    return redirectTo(redirectUri, params);
}

HeaderList noStore()
{
    return {{"Cache-Control", "no-store"}, {"Pragma", "no-cache"}};
}

ApiResponse oauthError(int status, const QString &error, const QString &description)
{
    return ApiResponse::json(status,
                             QJsonObject{{QStringLiteral("error"), error},
                                         {QStringLiteral("error_description"), description}},
                             noStore());
}

ApiResponse invalidGrant(const QString &description)
{
    return oauthError(400, QStringLiteral("invalid_grant"), description);
}

ApiResponse invalidRequest(const QString &description)
{
    return oauthError(400, QStringLiteral("invalid_request"), description);
}

ApiResponse invalidClient()
{
    return oauthError(401, QStringLiteral("invalid_client"),
                      QStringLiteral("The client_id provided is not valid for this request."));
}

QJsonArray toArray(const QStringList &values)
{
    return QJsonArray::fromStringList(values);
}
} // namespace

OAuthEndpoints::OAuthEndpoints(const SandboxConfig &config, const Clock &clock, TokenStore &tokens,
                               Authenticator authenticator)
    : m_config(config)
    , m_clock(clock)
    , m_tokens(tokens)
    , m_authenticator(std::move(authenticator))
{}

void OAuthEndpoints::addRoutes(Router &router)
{
    const auto route = [&](QByteArray method, QString path, Route::Handler handler) {
        Route entry;
        entry.methods = {method};
        entry.pattern = path.mid(1).split(QLatin1Char('/'));
        entry.handler = std::move(handler);
        router.add(std::move(entry));
    };
    route("GET", QStringLiteral("/.well-known/openid-configuration"),
          [this](const ApiRequest &r) { return discovery(r, true); });
    route("GET", QStringLiteral("/.well-known/oauth-authorization-server"),
          [this](const ApiRequest &r) { return discovery(r, false); });
    route("GET", QStringLiteral("/oauth2/v1/authorize"),
          [this](const ApiRequest &r) { return authorize(r); });
    route("POST", QStringLiteral("/oauth2/v1/authorize"),
          [this](const ApiRequest &r) { return submitSignIn(r); });
    route("POST", QStringLiteral("/oauth2/v1/token"),
          [this](const ApiRequest &r) { return token(r); });
    route("POST", QStringLiteral("/oauth2/v1/revoke"),
          [this](const ApiRequest &r) { return revoke(r); });
    route("GET", QStringLiteral("/oauth2/v1/keys"),
          [this](const ApiRequest &r) { return keys(r); });
    route("GET", QStringLiteral("/oauth2/v1/logout"),
          [this](const ApiRequest &r) { return logout(r); });
}

QStringList OAuthEndpoints::supportedScopes()
{
    return {QStringLiteral("openid"),
            QStringLiteral("profile"),
            QStringLiteral("email"),
            QStringLiteral("address"),
            QStringLiteral("phone"),
            QStringLiteral("offline_access"),
            QStringLiteral("okta.users.read"),
            QStringLiteral("okta.users.read.self"),
            QStringLiteral("okta.users.manage"),
            QStringLiteral("okta.groups.read"),
            QStringLiteral("okta.apps.read"),
            QStringLiteral("okta.logs.read"),
            QStringLiteral("okta.governance.securityAccessReviews.admin.read"),
            QStringLiteral("okta.governance.securityAccessReviews.admin.manage"),
            QStringLiteral("okta.governance.securityAccessReviews.endUser.read"),
            QStringLiteral("okta.governance.securityAccessReviews.endUser.manage")};
}

QStringList OAuthEndpoints::grantableScopes() const
{
    return m_config.grantScopes.isEmpty() ? SandboxConfig::defaultGrantScopes()
                                          : m_config.grantScopes;
}

ApiResponse OAuthEndpoints::discovery(const ApiRequest &request, bool openIdConfiguration) const
{
    const QString issuer = request.baseUrl;
    QStringList scopes = supportedScopes();
    for (const QString &scope : grantableScopes()) {
        if (!scopes.contains(scope))
            scopes.append(scope);
    }
    QJsonObject document{
        {QStringLiteral("issuer"), issuer},
        {QStringLiteral("authorization_endpoint"), issuer + QStringLiteral("/oauth2/v1/authorize")},
        {QStringLiteral("token_endpoint"), issuer + QStringLiteral("/oauth2/v1/token")},
        {QStringLiteral("revocation_endpoint"), issuer + QStringLiteral("/oauth2/v1/revoke")},
        {QStringLiteral("jwks_uri"), issuer + QStringLiteral("/oauth2/v1/keys")},
        {QStringLiteral("end_session_endpoint"), issuer + QStringLiteral("/oauth2/v1/logout")},
        {QStringLiteral("response_types_supported"), toArray({QStringLiteral("code")})},
        {QStringLiteral("response_modes_supported"), toArray({QStringLiteral("query")})},
        {QStringLiteral("grant_types_supported"),
         toArray({QStringLiteral("authorization_code"), QStringLiteral("refresh_token")})},
        {QStringLiteral("scopes_supported"), toArray(scopes)},
        {QStringLiteral("token_endpoint_auth_methods_supported"),
         toArray({QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
                  QStringLiteral("client_secret_jwt"), QStringLiteral("private_key_jwt"),
                  QStringLiteral("none")})},
        {QStringLiteral("revocation_endpoint_auth_methods_supported"),
         toArray({QStringLiteral("none")})},
        {QStringLiteral("code_challenge_methods_supported"), toArray({QStringLiteral("S256")})},
        {QStringLiteral("request_parameter_supported"), false},
    };
    if (openIdConfiguration) {
        document.insert(QStringLiteral("subject_types_supported"),
                        toArray({QStringLiteral("public")}));
        document.insert(QStringLiteral("id_token_signing_alg_values_supported"),
                        toArray({QStringLiteral("RS256")}));
        document.insert(
            QStringLiteral("claims_supported"),
            toArray({QStringLiteral("iss"), QStringLiteral("aud"), QStringLiteral("sub"),
                     QStringLiteral("iat"), QStringLiteral("exp"), QStringLiteral("nonce"),
                     QStringLiteral("email"), QStringLiteral("name"),
                     QStringLiteral("preferred_username")}));
    }
    return ApiResponse::json(200, document);
}

bool OAuthEndpoints::isRegisteredRedirect(const QString &uri) const
{
    return m_config.redirectUris.contains(uri); // exact string match, as Okta does
}

ApiResponse OAuthEndpoints::authorize(const ApiRequest &request)
{
    const auto param = [&](const char *name) {
        return request.query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    // Client and redirect URI first: until both are known good, nothing may be redirected.
    if (param("client_id") != m_config.clientId) {
        return ApiResponse::html(
            400, SignInPage::errorPage(QStringLiteral("Unknown client"),
                                       QStringLiteral("The client_id is not valid.")));
    }
    const QString redirectUri = param("redirect_uri");
    if (!isRegisteredRedirect(redirectUri)) {
        return ApiResponse::html(
            400, SignInPage::errorPage(QStringLiteral("Bad request"),
                                       QStringLiteral("The 'redirect_uri' parameter must be a "
                                                      "Login redirect URI in the client app "
                                                      "settings.")));
    }
    const QString state =
        request.query.hasQueryItem(QStringLiteral("state")) ? param("state") : QString();
    if (param("response_type") != QLatin1String("code")) {
        return redirectError(redirectUri, state, QStringLiteral("unsupported_response_type"),
                             QStringLiteral("The response type is not supported by the "
                                            "authorization server. Configured response types: "
                                            "[code]."));
    }
    const QStringList requested = splitScopes(param("scope"));
    if (requested.isEmpty()) {
        return redirectError(redirectUri, state, QStringLiteral("invalid_scope"),
                             QStringLiteral("The authorization request must contain scope."));
    }
    const QStringList known = supportedScopes() + grantableScopes();
    for (const QString &scope : requested) {
        if (!known.contains(scope)) {
            return redirectError(redirectUri, state, QStringLiteral("invalid_scope"),
                                 QStringLiteral("One or more scopes are not configured for the "
                                                "authorization server resource."));
        }
    }
    const QString challenge = param("code_challenge");
    if (param("code_challenge_method") != QLatin1String("S256") ||
        !isPkceString(challenge, 43, 43)) {
        return redirectError(redirectUri, state, QStringLiteral("invalid_request"),
                             QStringLiteral("PKCE code challenge is required: code_challenge "
                                            "(43 characters) with code_challenge_method S256."));
    }
    const QDateTime now = m_clock.now();
    m_transactions.removeIf([&](auto it) { return now >= it.value().expires; });
    const QString transactionId = TokenStore::randomToken(18);
    m_transactions.insert(transactionId,
                          {m_config.clientId, redirectUri, state, param("nonce"), challenge,
                           requested, now.addSecs(kTransactionLifetimeSeconds)});
    return ApiResponse::html(
        200, SignInPage::form(transactionId, m_config.clientId, sandboxAccount(), {}, {}));
}

ApiResponse OAuthEndpoints::submitSignIn(const ApiRequest &request)
{
    const std::optional<Form> form =
        isFormContentType(request.header("Content-Type")) ? parseForm(request.body) : std::nullopt;
    const auto expired = [] {
        return ApiResponse::html(
            400, SignInPage::errorPage(QStringLiteral("Sign-in expired"),
                                       QStringLiteral("This sign-in request is no longer "
                                                      "valid. Start again from the app.")));
    };
    if (!form)
        return expired();
    const QString transactionId = form->value(QStringLiteral("transaction_id"));
    const auto found = m_transactions.find(transactionId);
    if (found == m_transactions.end())
        return expired();
    if (m_clock.now() >= found->expires) {
        m_transactions.erase(found);
        return expired();
    }
    const Transaction transaction = *found;

    if (form->value(QStringLiteral("action")) == QLatin1String("cancel")) {
        m_transactions.erase(found);
        return redirectError(transaction.redirectUri, transaction.state,
                             QStringLiteral("access_denied"),
                             QStringLiteral("The resource owner or authorization server denied "
                                            "the request."));
    }
    const QString username = form->value(QStringLiteral("username"));
    const std::optional<SignedInUser> user =
        m_authenticator(username, form->value(QStringLiteral("password")));
    if (!user) {
        return ApiResponse::html(200, SignInPage::form(transactionId, transaction.clientId,
                                                       sandboxAccount(), username,
                                                       QStringLiteral("Unable to sign in: the "
                                                                      "username or password is "
                                                                      "wrong.")));
    }
    m_transactions.erase(found);

    Grant grant;
    grant.userId = user->id;
    grant.userLogin = user->login;
    grant.userEmail = user->email;
    grant.userName = user->name;
    grant.clientId = transaction.clientId;
    grant.nonce = transaction.nonce;
    const QStringList grantable = grantableScopes();
    for (const QString &scope : transaction.requestedScopes) {
        if (grantable.contains(scope) && !grant.scopes.contains(scope))
            grant.scopes.append(scope);
    }
    const QString code =
        m_tokens.issueCode({grant, transaction.redirectUri, transaction.codeChallenge,
                            m_clock.now().addSecs(m_config.authorizationCodeLifetimeSeconds)});
    QList<QPair<QString, QString>> params{{QStringLiteral("code"), code}};
    if (!transaction.state.isNull())
        params.append(qMakePair(QStringLiteral("state"), transaction.state));
    qCDebug(lcSandbox) << "sign-in succeeded for user" << user->id;
    return redirectTo(transaction.redirectUri, params);
}

ApiResponse OAuthEndpoints::token(const ApiRequest &request)
{
    if (!isFormContentType(request.header("Content-Type")))
        return invalidRequest(QStringLiteral("The request must be form-encoded."));
    const std::optional<Form> form = parseForm(request.body);
    if (!form)
        return invalidRequest(QStringLiteral("A parameter was repeated."));
    if (form->value(QStringLiteral("client_id")) != m_config.clientId ||
        form->contains(QStringLiteral("client_secret")) ||
        !request.header("Authorization").isEmpty())
        return invalidClient(); // a public client authenticates with its id alone
    m_tokens.purgeExpired(m_clock.now());
    const QString grantType = form->value(QStringLiteral("grant_type"));
    if (grantType.isEmpty())
        return invalidRequest(QStringLiteral("The grant_type parameter is required."));
    if (grantType == QLatin1String("authorization_code"))
        return exchangeCode(*form, request.baseUrl);
    if (grantType == QLatin1String("refresh_token"))
        return refresh(*form, request.baseUrl);
    return oauthError(400, QStringLiteral("unsupported_grant_type"),
                      QStringLiteral("The authorization grant type is not supported by the "
                                     "authorization server."));
}

ApiResponse OAuthEndpoints::exchangeCode(const Form &form, const QString &issuer)
{
    const QString code = form.value(QStringLiteral("code"));
    const QString verifier = form.value(QStringLiteral("code_verifier"));
    if (code.isEmpty() || !form.contains(QStringLiteral("redirect_uri")))
        return invalidRequest(QStringLiteral("code and redirect_uri are required."));
    if (verifier.isEmpty())
        return invalidGrant(QStringLiteral("PKCE verification failed."));
    const std::optional<AuthorizationCode> taken = m_tokens.takeCode(code, m_clock.now());
    if (!taken)
        return invalidGrant(QStringLiteral("The authorization code is invalid or has expired."));
    if (taken->grant.clientId != form.value(QStringLiteral("client_id")))
        return invalidGrant(QStringLiteral("The authorization code is invalid or has expired."));
    if (taken->redirectUri != form.value(QStringLiteral("redirect_uri")))
        return invalidGrant(QStringLiteral("The 'redirect_uri' does not match the redirection URI "
                                           "used in the authorization request."));
    if (!isPkceString(verifier, 43, 128) || s256(verifier) != taken->codeChallenge)
        return invalidGrant(QStringLiteral("PKCE verification failed."));
    return tokenResponse(taken->grant, TokenStore::randomToken(12), issuer);
}

ApiResponse OAuthEndpoints::refresh(const Form &form, const QString &issuer)
{
    const QString refreshToken = form.value(QStringLiteral("refresh_token"));
    if (refreshToken.isEmpty())
        return invalidRequest(QStringLiteral("The refresh_token parameter is required."));
    const auto found =
        m_tokens.findRefreshToken(refreshToken, m_clock.now(), m_config.refreshTokenGraceSeconds);
    if (!found || found->first.clientId != form.value(QStringLiteral("client_id")))
        return invalidGrant(QStringLiteral("The refresh token is invalid or expired."));
    Grant grant = found->first;
    if (form.contains(QStringLiteral("scope"))) {
        const QStringList narrowed = splitScopes(form.value(QStringLiteral("scope")));
        for (const QString &scope : narrowed) {
            if (!grant.scopes.contains(scope)) {
                return oauthError(400, QStringLiteral("invalid_scope"),
                                  QStringLiteral("The requested scope is invalid, unknown, or "
                                                 "malformed."));
            }
        }
        if (!narrowed.isEmpty())
            grant.scopes = narrowed;
    }
    grant.nonce.clear(); // nonce belongs to the first id_token only
    m_tokens.markRotated(refreshToken, m_clock.now());
    return tokenResponse(grant, found->second, issuer);
}

ApiResponse OAuthEndpoints::tokenResponse(const Grant &grant, const QString &family,
                                          const QString &issuer)
{
    const QDateTime now = m_clock.now();
    QJsonObject body{
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("expires_in"), m_config.accessTokenLifetimeSeconds},
        {QStringLiteral("access_token"),
         m_tokens.issueAccessToken(grant, family,
                                   now.addSecs(m_config.accessTokenLifetimeSeconds))},
        {QStringLiteral("scope"), grant.scopes.join(QLatin1Char(' '))},
    };
    if (grant.scopes.contains(QStringLiteral("offline_access"))) {
        Grant refreshGrant = grant;
        refreshGrant.nonce.clear();
        body.insert(QStringLiteral("refresh_token"),
                    m_tokens.issueRefreshToken(refreshGrant, family));
    }
    if (grant.scopes.contains(QStringLiteral("openid"))) {
        const QString jwt = idToken(grant, issuer);
        if (!jwt.isEmpty())
            body.insert(QStringLiteral("id_token"), jwt);
    }
    return ApiResponse::json(200, body, noStore());
}

QString OAuthEndpoints::idToken(const Grant &grant, const QString &issuer) const
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QJsonObject claims{{QStringLiteral("iss"), issuer},
                       {QStringLiteral("aud"), grant.clientId},
                       {QStringLiteral("sub"), grant.userId},
                       {QStringLiteral("iat"), now},
                       {QStringLiteral("exp"), now + m_config.accessTokenLifetimeSeconds},
                       {QStringLiteral("auth_time"), now},
                       {QStringLiteral("jti"), QStringLiteral("ID.") + TokenStore::randomToken(16)},
                       {QStringLiteral("amr"), toArray({QStringLiteral("pwd")})}};
    if (!grant.nonce.isEmpty())
        claims.insert(QStringLiteral("nonce"), grant.nonce);
    if (grant.scopes.contains(QStringLiteral("email")))
        claims.insert(QStringLiteral("email"), grant.userEmail);
    if (grant.scopes.contains(QStringLiteral("profile"))) {
        claims.insert(QStringLiteral("name"), grant.userName);
        claims.insert(QStringLiteral("preferred_username"), grant.userLogin);
    }
    return JwtSigner::instance().sign(claims);
}

ApiResponse OAuthEndpoints::revoke(const ApiRequest &request)
{
    if (!isFormContentType(request.header("Content-Type")))
        return invalidRequest(QStringLiteral("The request must be form-encoded."));
    const std::optional<Form> form = parseForm(request.body);
    if (!form)
        return invalidRequest(QStringLiteral("A parameter was repeated."));
    if (form->value(QStringLiteral("client_id")) != m_config.clientId)
        return invalidClient();
    const QString tokenValue = form->value(QStringLiteral("token"));
    if (tokenValue.isEmpty())
        return invalidRequest(QStringLiteral("The token parameter is required."));
    m_tokens.revoke(tokenValue);
    return ApiResponse::empty(200, noStore());
}

ApiResponse OAuthEndpoints::keys(const ApiRequest &) const
{
    return ApiResponse::json(200, JwtSigner::instance().jwks(),
                             {{"Cache-Control", "max-age=3600"}});
}

ApiResponse OAuthEndpoints::logout(const ApiRequest &request) const
{
    const QString target = request.query.queryItemValue(QStringLiteral("post_logout_redirect_uri"),
                                                        QUrl::FullyDecoded);
    if (!target.isEmpty() && isRegisteredRedirect(target))
        return redirectTo(target, {});
    return ApiResponse::html(200, SignInPage::errorPage(QStringLiteral("Signed out"),
                                                        QStringLiteral("You are signed out.")));
}

} // namespace triage::sandbox
