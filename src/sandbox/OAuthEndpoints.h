#pragma once

#include "sandbox/SignInPage.h"

#include "sandbox/ApiTypes.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/TokenStore.h"

#include <QHash>

#include <functional>
#include <optional>

namespace triage {
class Clock;
}

namespace triage::sandbox {

class Router;

// Who signed in on the form, as the directory knows them.
struct SignedInUser
{
    QString id, login, email, name;
};

// The org authorization server (okta-api.md section 5): discovery, the authorize endpoint with its
// sign-in form, the token endpoint (authorization_code + PKCE S256, refresh_token with rotation),
// revocation, JWKS and logout.
class OAuthEndpoints
{
public:
    using Authenticator =
        std::function<std::optional<SignedInUser>(const QString &login, const QString &password)>;

    OAuthEndpoints(const SandboxConfig &config, const Clock &clock, TokenStore &tokens,
                   Authenticator authenticator);

    void addRoutes(Router &router);

    // Every scope the server knows; anything else in a request is invalid_scope.
    static QStringList supportedScopes();
    QStringList grantableScopes() const;

private:
    SignInPage::Account sandboxAccount() const { return {m_config.login, m_config.password}; }
    struct Transaction
    {
        QString clientId, redirectUri, state, nonce, codeChallenge;
        QStringList requestedScopes;
        QDateTime expires;
    };

    ApiResponse discovery(const ApiRequest &request, bool openIdConfiguration) const;
    ApiResponse authorize(const ApiRequest &request);
    ApiResponse submitSignIn(const ApiRequest &request);
    ApiResponse token(const ApiRequest &request);
    ApiResponse exchangeCode(const QHash<QString, QString> &form, const QString &issuer);
    ApiResponse refresh(const QHash<QString, QString> &form, const QString &issuer);
    ApiResponse revoke(const ApiRequest &request);
    ApiResponse keys(const ApiRequest &request) const;
    ApiResponse logout(const ApiRequest &request) const;

    ApiResponse tokenResponse(const Grant &grant, const QString &family, const QString &issuer);
    bool isRegisteredRedirect(const QString &uri) const;
    QString idToken(const Grant &grant, const QString &issuer) const;

    const SandboxConfig &m_config;
    const Clock &m_clock;
    TokenStore &m_tokens;
    Authenticator m_authenticator;
    QHash<QString, Transaction> m_transactions;
};

} // namespace triage::sandbox
