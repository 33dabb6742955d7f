#pragma once

#include "auth/LoopbackReceiver.h"
#include "auth/OrgDiscovery.h"
#include "auth/OrgProfile.h"
#include "auth/RequiredScopes.h"
#include "auth/TokenSet.h"

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace triage {
class Clock;
}

namespace triage::auth {

class TokenEndpointClient;
struct TokenOutcome;

// One browser sign-in to an org: authorization code with PKCE (S256), state and nonce, the
// redirect caught on http://127.0.0.1:PORT/callback, the code exchanged with the verifier and
// no client secret. Secrets (verifier, state, nonce, code) are wiped when it finishes.
//
// Opening the browser is the caller's job: connect openUrlRequested() to
// QDesktopServices::openUrl in the UI. That keeps src/ free of QtGui and lets tests catch the
// URL the same way the UI opens it (QDesktopServices::setUrlHandler) or drive it directly.
class BrowserSignIn : public QObject
{
    Q_OBJECT
public:
    enum class Result {
        Success,
        AccessDenied,       // the user cancelled on Okta's page, or the org refused them
        AuthorizationError, // another error on the redirect (error_description in the message)
        StateMismatch,      // a redirect that did not belong to this sign-in
        InvalidGrant,       // the code was refused at the token endpoint
        PortInUse,
        Timeout, // no answer from the browser, or the code exchange took too long
        Cancelled,
        NetworkError,
        TlsError,
        ServerError, // the token endpoint answered 5xx: try again in a moment
        RateLimited, // the token endpoint answered 429
        BadResponse, // the token endpoint's answer could not be used
    };
    Q_ENUM(Result)

    BrowserSignIn(QNetworkAccessManager *network, const OrgProfile &profile, const Clock &clock,
                  QObject *parent = nullptr);
    ~BrowserSignIn() override;

    // How long to wait for the browser (default 5 minutes); receiver limits for tests.
    void setReceiverLimits(const LoopbackReceiver::Limits &limits);
    // How long the code exchange may take (default 30 s).
    void setTokenTimeout(int msecs);

    void start(); // discovery, listen, then openUrlRequested()
    void cancel();
    bool isRunning() const { return m_running; }

    QUrl authorizeUrl() const { return m_authorizeUrl; } // also for "copy link"
    OrgEndpoints endpoints() const { return m_endpoints; }
    // After Success: the tokens (moved out) and each required scope granted or missing.
    TokenSet takeTokens();
    QList<ScopeStatus> scopeReport() const { return m_scopeReport; }

signals:
    void openUrlRequested(const QUrl &url);
    void finished(triage::auth::BrowserSignIn::Result result, const QString &message);

private:
    void onDiscovered(const DiscoveryResult &result);
    void onRedirect(LoopbackReceiver::Status status, const AuthorizationResponse &response);
    void onExchanged(const TokenOutcome &outcome);
    void finish(Result result, const QString &message);
    void wipeSecrets();

    const OrgProfile m_profile;
    const Clock &m_clock;
    OrgDiscovery *m_discovery;
    LoopbackReceiver *m_receiver;
    TokenEndpointClient *m_tokenClient;
    OrgEndpoints m_endpoints;
    QUrl m_authorizeUrl;
    QByteArray m_verifier, m_state, m_nonce;
    TokenSet m_tokens;
    QList<ScopeStatus> m_scopeReport;
    bool m_running = false;
    quint64 m_attempt = 0; // late answers from an earlier attempt are ignored
};

} // namespace triage::auth
