#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage::sandbox {

// What a token or code was issued for: one sign-in of one user into one client.
struct Grant
{
    QString userId;
    QString userLogin, userEmail, userName; // for id_token claims
    QString clientId;
    QStringList scopes; // granted scopes
    QString nonce;      // from the authorize request, echoed into id_tokens
};

struct AuthorizationCode
{
    Grant grant;
    QString redirectUri;
    QString codeChallenge; // S256
    QDateTime expires;
};

// Opaque random access tokens, refresh tokens (rotated, with a grace period) and single-use
// authorization codes. Nothing here is ever logged.
class TokenStore
{
public:
    static QString randomToken(int bytes = 32); // base64url, no padding

    QString issueCode(const AuthorizationCode &code);
    // Removes the code whatever happens next: a code is good for one attempt only.
    std::optional<AuthorizationCode> takeCode(const QString &code, const QDateTime &now);

    QString issueAccessToken(const Grant &grant, const QString &family, const QDateTime &expires);
    std::optional<Grant> findAccessToken(const QString &token, const QDateTime &now) const;

    QString issueRefreshToken(const Grant &grant, const QString &family);
    // A valid refresh token (current, or rotated less than graceSeconds ago) and its family.
    std::optional<std::pair<Grant, QString>>
    findRefreshToken(const QString &token, const QDateTime &now, int graceSeconds) const;
    // Marks the refresh token as replaced from now on; it keeps working for the grace period.
    void markRotated(const QString &refreshToken, const QDateTime &now);

    // Revoking a refresh token ends its whole family (every access token minted from it).
    void revoke(const QString &token);

    // Forgets expired codes and access tokens, so a long-running sandbox does not grow.
    void purgeExpired(const QDateTime &now);

private:
    struct AccessToken
    {
        Grant grant;
        QString family;
        QDateTime expires;
    };
    struct RefreshToken
    {
        Grant grant;
        QString family;
        QDateTime rotatedAt; // null while current
    };
    QHash<QString, AuthorizationCode> m_codes;
    QHash<QString, AccessToken> m_accessTokens;
    QHash<QString, RefreshToken> m_refreshTokens;
};

} // namespace triage::sandbox
