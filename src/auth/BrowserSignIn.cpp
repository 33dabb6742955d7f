#include "auth/BrowserSignIn.h"

#include "auth/Pkce.h"
#include "auth/TokenEndpointClient.h"
#include "common/Clock.h"
#include "common/Logging.h"

#include <QUrlQuery>

namespace triage::auth {

BrowserSignIn::BrowserSignIn(QNetworkAccessManager *network, const OrgProfile &profile,
                             const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_clock(clock)
    , m_discovery(new OrgDiscovery(network, this))
    , m_receiver(new LoopbackReceiver(this))
    , m_tokenClient(new TokenEndpointClient(network, clock, this))
{
    connect(m_discovery, &OrgDiscovery::finished, this, &BrowserSignIn::onDiscovered);
    connect(m_receiver, &LoopbackReceiver::finished, this, &BrowserSignIn::onRedirect);
}

BrowserSignIn::~BrowserSignIn()
{
    wipeSecrets();
    m_tokens.wipe();
}

void BrowserSignIn::setReceiverLimits(const LoopbackReceiver::Limits &limits)
{
    m_receiver->setLimits(limits);
}

void BrowserSignIn::setTokenTimeout(int msecs)
{
    m_tokenClient->setTimeout(msecs);
}

void BrowserSignIn::start()
{
    if (m_running)
        return;
    const QString problem = m_profile.validate();
    m_running = true;
    ++m_attempt;
    m_tokens.wipe();
    m_scopeReport.clear();
    m_authorizeUrl.clear();
    if (!problem.isEmpty()) {
        finish(Result::AuthorizationError, problem);
        return;
    }
    m_verifier = Pkce::generateVerifier();
    m_state = Pkce::randomToken();
    m_nonce = Pkce::randomToken();
    qCInfo(lcAuth) << "sign-in started for" << m_profile.org().host();
    m_discovery->check(m_profile.org().url());
}

void BrowserSignIn::cancel()
{
    if (!m_running)
        return;
    m_discovery->abort();
    if (m_receiver->isListening())
        m_receiver->cancel(); // reports Cancelled through onRedirect
    else
        finish(Result::Cancelled, tr("Sign-in cancelled."));
}

TokenSet BrowserSignIn::takeTokens()
{
    TokenSet tokens = std::move(m_tokens);
    m_tokens = TokenSet{};
    return tokens;
}

void BrowserSignIn::onDiscovered(const DiscoveryResult &result)
{
    if (!m_running)
        return;
    if (result.status != DiscoveryResult::Status::Ok) {
        finish(result.status == DiscoveryResult::Status::TlsFailure ? Result::TlsError
                                                                    : Result::NetworkError,
               result.message);
        return;
    }
    m_endpoints = result.endpoints;
    if (!m_receiver->listen(m_profile.redirectPort, m_state))
        return; // onRedirect already reported why

    QUrlQuery query;
    const QStringList scopes = m_profile.requestedScopes();
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), m_profile.clientId);
    query.addQueryItem(QStringLiteral("redirect_uri"), m_profile.redirectUri());
    query.addQueryItem(QStringLiteral("scope"), scopes.join(QLatin1Char(' ')));
    query.addQueryItem(QStringLiteral("state"), QString::fromLatin1(m_state));
    if (scopes.contains(QLatin1String("openid")))
        query.addQueryItem(QStringLiteral("nonce"), QString::fromLatin1(m_nonce));
    query.addQueryItem(QStringLiteral("code_challenge"),
                       QString::fromLatin1(Pkce::challengeFor(m_verifier)));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    m_authorizeUrl = m_endpoints.authorization;
    m_authorizeUrl.setQuery(query);
    emit openUrlRequested(m_authorizeUrl);
}

void BrowserSignIn::onRedirect(LoopbackReceiver::Status status,
                               const AuthorizationResponse &response)
{
    if (!m_running)
        return;
    using Status = LoopbackReceiver::Status;
    switch (status) {
    case Status::PortInUse:
        finish(Result::PortInUse,
               tr("Port %1 on this computer is already in use by another program, so the "
                  "browser's answer can't be received. Close that program, or choose another "
                  "redirect port in this profile and register "
                  "http://127.0.0.1:<port>/callback in the Okta app.")
                   .arg(m_profile.redirectPort));
        return;
    case Status::ListenFailed:
        finish(Result::NetworkError, tr("Could not listen on 127.0.0.1 port %1 for the "
                                        "browser's answer.")
                                         .arg(m_profile.redirectPort));
        return;
    case Status::Timeout:
        finish(Result::Timeout, tr("No answer came back from the browser in time. Start the "
                                   "sign-in again and finish it in the browser window."));
        return;
    case Status::Cancelled:
        finish(Result::Cancelled, tr("Sign-in cancelled."));
        return;
    case Status::StateMismatch:
        finish(Result::StateMismatch,
               tr("The browser returned an answer that does not belong to this sign-in (an old "
                  "tab, or a page trying to sign you in to another account). It was refused. "
                  "Start the sign-in again."));
        return;
    case Status::Received:
        break;
    }
    if (response.error == QLatin1String("access_denied")) {
        finish(Result::AccessDenied,
               tr("The sign-in was cancelled in the browser, or Okta denied access (is this app "
                  "assigned to you?). %1")
                   .arg(response.errorDescription));
        return;
    }
    if (!response.error.isEmpty()) {
        finish(Result::AuthorizationError,
               tr("Okta refused the sign-in: %1%2")
                   .arg(response.error, response.errorDescription.isEmpty()
                                            ? QString()
                                            : QStringLiteral(" (") + response.errorDescription +
                                                  QStringLiteral(")")));
        return;
    }
    const quint64 attempt = m_attempt;
    m_tokenClient->exchangeCode(m_endpoints.token, m_profile.clientId, response.code,
                                m_profile.redirectUri(), m_verifier, this,
                                [this, attempt](const TokenOutcome &outcome) {
                                    if (attempt == m_attempt)
                                        onExchanged(outcome);
                                });
}

void BrowserSignIn::onExchanged(const TokenOutcome &outcome)
{
    if (!m_running)
        return;
    using Kind = TokenOutcome::Kind;
    switch (outcome.kind) {
    case Kind::Ok:
        break;
    case Kind::InvalidGrant:
        finish(Result::InvalidGrant, outcome.message);
        return;
    case Kind::TlsError:
        finish(Result::TlsError, outcome.message);
        return;
    case Kind::OAuthError:
        finish(Result::AuthorizationError, outcome.message);
        return;
    case Kind::Timeout:
        finish(Result::Timeout, outcome.message);
        return;
    case Kind::NetworkError:
        finish(Result::NetworkError, outcome.message);
        return;
    case Kind::ServerError:
        finish(Result::ServerError, outcome.message);
        return;
    case Kind::RateLimited:
        finish(Result::RateLimited, outcome.message);
        return;
    case Kind::BadResponse:
        finish(Result::BadResponse, outcome.message);
        return;
    }
    TokenSet tokens = outcome.tokens;
    if (!tokens.idToken.isEmpty() && tokens.nonce.toLatin1() != m_nonce) {
        tokens.wipe();
        finish(Result::AuthorizationError,
               tr("The ID token does not belong to this sign-in (nonce mismatch). Start the "
                  "sign-in again."));
        return;
    }
    m_tokens = std::move(tokens);
    m_scopeReport = RequiredScopes::check(m_tokens.scopes);
    const QStringList missing = RequiredScopes::missing(m_tokens.scopes);
    finish(Result::Success,
           missing.isEmpty()
               ? tr("Signed in to %1.").arg(m_profile.org().host())
               : tr("Signed in to %1, but these scopes were not granted: %2. See the scope "
                    "report for what to grant in the Okta Admin Console.")
                     .arg(m_profile.org().host(), missing.join(QStringLiteral(", "))));
}

void BrowserSignIn::finish(Result result, const QString &message)
{
    if (!m_running)
        return;
    m_running = false;
    ++m_attempt;
    wipeSecrets();
    m_discovery->abort();
    if (m_receiver->isListening())
        m_receiver->cancel(); // m_running is false: its Cancelled is ignored
    qCInfo(lcAuth) << "sign-in finished:" << result;
    emit finished(result, message);
}

void BrowserSignIn::wipeSecrets()
{
    wipeSecret(m_verifier);
    wipeSecret(m_state);
    wipeSecret(m_nonce);
}

} // namespace triage::auth
