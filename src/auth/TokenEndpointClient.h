#pragma once

#include "auth/TokenSet.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace triage {
class Clock;
}

namespace triage::auth {

// The answer of one token endpoint call.
struct TokenOutcome
{
    enum class Kind {
        Ok,
        InvalidGrant, // code or refresh token expired, used or revoked: sign in again
        OAuthError,   // another OAuth error (invalid_client, invalid_scope, ...)
        NetworkError,
        TlsError,
        Timeout,
        ServerError, // HTTP 5xx: the org's trouble, worth trying again later
        RateLimited, // HTTP 429: try again at retryAt
        BadResponse, // not a token response we can use (unreadable, cut short, wrong types)
    };
    Kind kind = Kind::BadResponse;
    TokenSet tokens;    // Ok only
    QString oauthError; // e.g. invalid_grant
    QString message;    // user-facing; never contains a token or code
    QDateTime retryAt;  // RateLimited with X-Rate-Limit-* headers: the reset on our clock

    // The grant itself was refused (invalid_grant, invalid_client, ...): retrying can't help.
    // Everything else that is not Ok may pass once the network or the org recovers.
    bool isDefinitive() const { return kind == Kind::InvalidGrant || kind == Kind::OAuthError; }
};

// The org's token and revocation endpoints for a public client: form-encoded POSTs with
// client_id and never a client secret. The one place that speaks to them.
class TokenEndpointClient : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const TokenOutcome &)>;

    TokenEndpointClient(QNetworkAccessManager *network, const Clock &clock,
                        QObject *parent = nullptr);

    void setTimeout(int msecs) { m_timeoutMs = msecs; }

    // Callbacks run only while `context` lives.
    void exchangeCode(const QUrl &tokenEndpoint, const QString &clientId, const QByteArray &code,
                      const QString &redirectUri, const QByteArray &verifier, QObject *context,
                      Done done);
    void refresh(const QUrl &tokenEndpoint, const QString &clientId, const QByteArray &refreshToken,
                 QObject *context, Done done);
    // RFC 7009; Okta answers 200 even for unknown tokens. done(ok, message).
    void revoke(const QUrl &revocationEndpoint, const QString &clientId, const QByteArray &token,
                const QByteArray &tokenTypeHint, QObject *context,
                std::function<void(bool ok, const QString &message)> done);

    // application/x-www-form-urlencoded, everything but unreserved characters escaped.
    static QByteArray formEncode(const QList<QPair<QByteArray, QByteArray>> &fields);

private:
    QNetworkReply *post(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &fields);
    void requestTokens(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &fields,
                       QObject *context, Done done);
    static TokenOutcome outcomeOf(QNetworkReply *reply, const Clock &clock);

    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    int m_timeoutMs = 30000;
};

} // namespace triage::auth
