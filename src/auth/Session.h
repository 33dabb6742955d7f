#pragma once

#include "auth/OrgDiscovery.h"
#include "auth/OrgProfile.h"
#include "auth/TokenSet.h"
#include "okta/AccessTokenProvider.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QNetworkAccessManager;

namespace triage {
class Clock;
}

namespace triage::auth {

class TokenEndpointClient;
class TokenVault;
struct TokenOutcome;

// The signed-in state for one org profile: holds the tokens, refreshes ahead of expiry and once
// after a 401, stores (rotated) refresh tokens in the keychain, and signs out by revoking.
// The access token stays in memory only.
//
// A refused refresh (invalid_grant, invalid_client) ends in SignInRequired at once. A transient
// failure (network, timeout, 5xx, 429, an unreadable answer) keeps the refresh token and tries
// again after a jittered backoff (at a 429's reset at the earliest): SignedIn while the access
// token is valid, then Refreshing with isReconnecting() and a "can't reach Okta" message. After
// Timing::maxRenewalFailures in a row, or giveUpRenewal(), it is SignInRequired. Never a loop.
class Session : public QObject, public okta::AccessTokenProvider
{
    Q_OBJECT
public:
    enum class State {
        SignedOut,
        SignedIn,
        Refreshing, // renewing now, or (isReconnecting()) waiting to try again

        SignInRequired,
        // The keychain can't be used: the user decides whether to stay signed in for this run
        // of the app only (stayForThisSessionOnly) or to sign out. No plaintext fallback.
        KeychainUnavailable,
    };
    Q_ENUM(State)

    struct Timing
    {
        int refreshMarginSeconds = 300; // refresh this long before expiry (at most 1/5 of life)
        int checkIntervalMs = 30000;    // re-check the clock at least this often (sleep, tests)
        int retryInitialMs = 2000;      // backoff after the first transient failure, doubled
        int retryMaxMs = 60000;         // ... up to this (each wait is jittered to 50..100%)
        int maxRenewalFailures = 20;    // transient failures in a row before SignInRequired
        int tokenTimeoutMs = 30000;     // one token endpoint call
    };

    Session(QNetworkAccessManager *network, const OrgProfile &profile, TokenVault *vault,
            const Clock &clock, QObject *parent = nullptr);
    ~Session() override;

    void setTiming(const Timing &timing);
    // Endpoints already known (e.g. BrowserSignIn::endpoints()); otherwise discovered on demand.
    void setEndpoints(const OrgEndpoints &endpoints) { m_endpoints = endpoints; }

    State state() const { return m_state; }
    QString stateMessage() const { return m_message; }
    const OrgProfile &profile() const { return m_profile; }
    QStringList grantedScopes() const { return m_tokens.scopes; }
    QDateTime expiresAt() const { return m_tokens.expiresAt; }
    QString userName() const { return m_tokens.userName; }
    bool rememberedForThisSessionOnly() const { return m_memoryOnly; }
    // Transient renewal failures since the last success; the next try (invalid when none is due).
    int renewalFailures() const { return m_renewalFailures; }
    QDateTime nextRenewalAttempt() const { return m_retryAt; }
    // The access token has expired and renewing it keeps failing for a transient reason: the
    // session is trying again by itself ("can't reach Okta, retrying").
    bool isReconnecting() const;

    void restore();                // on start: keychain -> refresh -> SignedIn
    void adopt(TokenSet tokens);   // after a successful BrowserSignIn
    void stayForThisSessionOnly(); // from KeychainUnavailable
    void refreshNow();             // also "try again now" while a renewal retry is waiting
    void giveUpRenewal(); // the user stops the retries: SignInRequired, the stored token kept
    void signOut();       // revokes, deletes the keychain entry; SignedOut at once

    // okta::AccessTokenProvider
    QByteArray authorizationHeader() const override;
    void refreshAfterUnauthorized(QObject *context,
                                  std::function<void(okta::Renewal)> done) override;

signals:
    void stateChanged(triage::auth::Session::State state, const QString &message);
    // After sign-out's revocation calls ended; revoked is false when one of them failed.
    void signOutFinished(bool revoked);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(okta::Renewal)> done;
    };

    void withEndpoints(std::function<void(bool ok, const QString &message)> next);
    void startRefresh();
    void onRefreshed(const TokenOutcome &outcome);
    void onTransientFailure(const TokenOutcome &outcome);
    void showRenewalRetry();
    bool accessTokenValid() const;
    qint64 backoffMs() const;
    void acceptTokens(TokenSet tokens);
    void storeRefreshToken(std::function<void(bool stored, const QString &message)> next);
    void requireSignIn(const QString &message, bool forgetStoredToken);
    void setState(State state, const QString &message);
    void answerWaiters(okta::Renewal renewal);
    void scheduleRefresh();
    void onRefreshTimer();
    QDateTime refreshDue() const;
    void clearRenewalRetry();

    const OrgProfile m_profile;
    TokenVault *m_vault;
    const Clock &m_clock;
    TokenEndpointClient *m_tokenClient;
    OrgDiscovery *m_discovery;
    OrgEndpoints m_endpoints;
    Timing m_timing;
    QTimer m_refreshTimer;
    TokenSet m_tokens;
    QDateTime m_obtainedAt;
    State m_state = State::SignedOut;
    QString m_message;
    bool m_memoryOnly = false;
    bool m_refreshInFlight = false;
    int m_renewalFailures = 0;
    QString m_lastFailure;    // user-facing reason of the last transient failure
    QDateTime m_retryAt;      // when the next renewal try is due; invalid when none waits
    quint64 m_generation = 0; // bumps on sign-out so late answers are ignored
    QList<Waiter> m_waiters;
};

} // namespace triage::auth
