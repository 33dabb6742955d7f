#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage::auth {

// What the token endpoint gave us. Secrets in here are never logged, never put into messages
// and have no QDebug operator on purpose.
struct TokenSet
{
    QByteArray accessToken;
    QByteArray tokenType; // "Bearer" (DPoP-bound tokens are refused: we can't send proofs)
    QDateTime expiresAt;  // UTC, from expires_in and the clock at the time of the answer
    QByteArray refreshToken;
    QStringList scopes; // what was granted (may be less than asked)
    QByteArray idToken;

    // From the id token's payload, for display and the nonce check only (not a signature check:
    // the token came straight from the org's token endpoint over TLS).
    QString subject, userName, displayName, email, nonce;

    // Parses a token endpoint answer; refuses missing or wrong-typed fields with a reason.
    static std::optional<TokenSet> fromTokenResponse(const QByteArray &body,
                                                     const QDateTime &receivedAt,
                                                     QString *error = nullptr);

    bool hasAccessToken() const { return !accessToken.isEmpty(); }
    QByteArray authorizationHeader() const; // "Bearer <token>", empty when there is none
    // Best-effort: overwrite the secret bytes before letting go of them.
    void wipe();
};

// Overwrites a secret's bytes (when not shared) and empties it.
void wipeSecret(QByteArray &secret);

} // namespace triage::auth
