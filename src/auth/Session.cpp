#include "auth/Session.h"

#include "auth/TokenEndpointClient.h"
#include "auth/TokenVault.h"
#include "common/Clock.h"
#include "common/Logging.h"

#include <QRandomGenerator>

#include <algorithm>
#include <utility>

namespace triage::auth {

Session::Session(QNetworkAccessManager *network, const OrgProfile &profile, TokenVault *vault,
                 const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_vault(vault)
    , m_clock(clock)
    , m_tokenClient(new TokenEndpointClient(network, clock, this))
    , m_discovery(new OrgDiscovery(network, this))
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &Session::onRefreshTimer);
}

Session::~Session()
{
    m_waiters.clear();
    m_tokens.wipe();
}

void Session::setTiming(const Timing &timing)
{
    m_timing = timing;
    m_tokenClient->setTimeout(m_timing.tokenTimeoutMs);
    scheduleRefresh();
}

QByteArray Session::authorizationHeader() const
{
    // While refreshing, the current token is still good until it expires.
    if (m_state == State::SignedIn || m_state == State::Refreshing)
        return m_tokens.authorizationHeader();
    return {};
}

bool Session::isReconnecting() const
{
    return m_state == State::Refreshing && m_renewalFailures > 0 && !accessTokenValid();
}

void Session::refreshAfterUnauthorized(QObject *context, std::function<void(okta::Renewal)> done)
{
    // While a renewal retry waits, a 401 is answered at once: the retry keeps its schedule, so a
    // burst of failing calls never becomes a burst of token requests. The answer is decided
    // now, not when the queued call runs (the retry may have started by then).
    const bool signedIn = m_state == State::SignedIn || m_state == State::Refreshing;
    const bool retryWaiting = !m_refreshInFlight && m_retryAt.isValid();
    if (!signedIn || retryWaiting) {
        const okta::Renewal answer =
            signedIn ? okta::Renewal::RetryingLater : okta::Renewal::SignInRequired;
        QMetaObject::invokeMethod(
            context ? context : this, [done = std::move(done), answer] { done(answer); },
            Qt::QueuedConnection);
        return;
    }
    m_waiters.append({context, std::move(done)});
    if (!m_refreshInFlight) // concurrent 401s share one refresh
        startRefresh();
}

void Session::restore()
{
    if (m_state == State::SignedIn || m_state == State::Refreshing)
        return;
    const quint64 generation = m_generation;
    m_vault->read(
        m_profile.keychainKey(), this, [this, generation](const TokenVault::Result &result) {
            if (generation != m_generation)
                return;
            switch (result.status) {
            case TokenVault::Status::Found:
                m_tokens = TokenSet{};
                m_tokens.refreshToken = result.secret;
                startRefresh();
                break;
            case TokenVault::Status::Unavailable:
                setState(State::KeychainUnavailable,
                         tr("%1 You can sign in and stay signed in until you quit "
                            "Access Triage.")
                             .arg(result.message));
                break;
            default:
                setState(State::SignedOut, tr("Not signed in to %1.").arg(m_profile.displayName));
                break;
            }
        });
}

void Session::adopt(TokenSet tokens)
{
    ++m_generation; // a restore or refresh still running belongs to the old tokens
    m_refreshInFlight = false;
    clearRenewalRetry();
    m_tokens.wipe();
    acceptTokens(std::move(tokens));
    if (m_memoryOnly || m_tokens.refreshToken.isEmpty()) {
        setState(State::SignedIn, tr("Signed in to %1.").arg(m_profile.displayName));
        scheduleRefresh();
        return;
    }
    storeRefreshToken([this](bool stored, const QString &message) {
        if (stored) {
            setState(State::SignedIn, tr("Signed in to %1.").arg(m_profile.displayName));
            scheduleRefresh();
        } else {
            setState(State::KeychainUnavailable, message);
        }
    });
}

void Session::stayForThisSessionOnly()
{
    if (m_state != State::KeychainUnavailable)
        return;
    m_memoryOnly = true;
    if (m_tokens.hasAccessToken()) {
        setState(State::SignedIn, tr("Signed in to %1 until you quit Access Triage (the "
                                     "keychain is not available).")
                                      .arg(m_profile.displayName));
        scheduleRefresh();
    } else {
        setState(State::SignInRequired, tr("Sign in to %1; you will stay signed in until you "
                                           "quit Access Triage.")
                                            .arg(m_profile.displayName));
    }
}

void Session::refreshNow()
{
    const bool retryWaiting = m_state == State::Refreshing && m_retryAt.isValid();
    if (!m_refreshInFlight && (m_state == State::SignedIn || retryWaiting))
        startRefresh();
}

void Session::giveUpRenewal()
{
    if (m_renewalFailures == 0 || (m_state != State::SignedIn && m_state != State::Refreshing))
        return;
    ++m_generation; // a renewal still running must not sign in again
    requireSignIn(
        tr("Renewing the sign-in to %1 was stopped. Sign in again.").arg(m_profile.displayName),
        false);
}

void Session::signOut()
{
    ++m_generation;
    m_refreshTimer.stop();
    m_refreshInFlight = false;
    clearRenewalRetry();
    const QByteArray refreshToken = m_tokens.refreshToken;
    const QByteArray accessToken = m_tokens.accessToken;
    m_tokens.wipe();
    m_memoryOnly = false;
    answerWaiters(okta::Renewal::SignInRequired);
    setState(State::SignedOut, tr("Signed out of %1.").arg(m_profile.displayName));
    m_vault->remove(m_profile.keychainKey(), this, [](const TokenVault::Result &result) {
        if (result.status != TokenVault::Status::Deleted)
            qCWarning(lcAuth) << "could not delete the stored sign-in:" << result.message;
    });

    withEndpoints([this, refreshToken, accessToken](bool ok, const QString &) {
        if (!ok || !m_endpoints.revocation.isValid()) {
            emit signOutFinished(false);
            return;
        }
        struct Pending
        {
            int left = 0;
            bool allRevoked = true;
        };
        auto pending = std::make_shared<Pending>();
        auto revoke = [this, pending](const QByteArray &token, const QByteArray &hint) {
            ++pending->left;
            m_tokenClient->revoke(m_endpoints.revocation, m_profile.clientId, token, hint, this,
                                  [this, pending](bool revoked, const QString &) {
                                      pending->allRevoked = pending->allRevoked && revoked;
                                      if (--pending->left == 0)
                                          emit signOutFinished(pending->allRevoked);
                                  });
        };
        if (!refreshToken.isEmpty())
            revoke(refreshToken, "refresh_token");
        if (!accessToken.isEmpty())
            revoke(accessToken, "access_token");
        if (pending->left == 0)
            emit signOutFinished(true);
    });
}

void Session::withEndpoints(std::function<void(bool, const QString &)> next)
{
    if (m_endpoints.isValid()) {
        next(true, {});
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_discovery, &OrgDiscovery::finished, this,
                          [this, connection, next](const DiscoveryResult &result) {
                              disconnect(*connection);
                              if (result.status == DiscoveryResult::Status::Ok)
                                  m_endpoints = result.endpoints;
                              next(result.status == DiscoveryResult::Status::Ok, result.message);
                          });
    m_discovery->check(m_profile.org().url());
}

void Session::startRefresh()
{
    if (m_tokens.refreshToken.isEmpty()) {
        requireSignIn(
            tr("Your sign-in to %1 has expired. Sign in again.").arg(m_profile.displayName), false);
        return;
    }
    m_retryAt = {};
    m_refreshInFlight = true;
    if (!isReconnecting()) // keep "can't reach Okta" up while trying again
        setState(State::Refreshing, tr("Renewing the sign-in to %1...").arg(m_profile.displayName));
    const quint64 generation = m_generation;
    withEndpoints([this, generation](bool ok, const QString &message) {
        if (generation != m_generation)
            return;
        if (!ok) { // the org could not be looked up: as transient as a failed token call
            TokenOutcome outcome;
            outcome.kind = TokenOutcome::Kind::NetworkError;
            outcome.message = message;
            onRefreshed(outcome);
            return;
        }
        m_tokenClient->refresh(m_endpoints.token, m_profile.clientId, m_tokens.refreshToken, this,
                               [this, generation](const TokenOutcome &outcome) {
                                   if (generation == m_generation)
                                       onRefreshed(outcome);
                               });
    });
}

void Session::onRefreshed(const TokenOutcome &outcome)
{
    m_refreshInFlight = false;
    if (outcome.kind != TokenOutcome::Kind::Ok) {
        if (!outcome.isDefinitive()) {
            onTransientFailure(outcome);
            return;
        }
        // Only invalid_grant says the refresh token is dead; invalid_client is the app's setup.
        qCWarning(lcAuth) << "refresh refused; sign-in required";
        requireSignIn(tr("Your sign-in to %1 could not be renewed: %2")
                          .arg(m_profile.displayName, outcome.message),
                      outcome.kind == TokenOutcome::Kind::InvalidGrant);
        return;
    }
    clearRenewalRetry();
    const bool rotated = !outcome.tokens.refreshToken.isEmpty() &&
                         outcome.tokens.refreshToken != m_tokens.refreshToken;
    acceptTokens(outcome.tokens);
    setState(State::SignedIn, tr("Signed in to %1.").arg(m_profile.displayName));
    scheduleRefresh();
    answerWaiters(okta::Renewal::Renewed);
    if (rotated && !m_memoryOnly) {
        qCDebug(lcAuth) << "refresh token rotated; storing the new one";
        storeRefreshToken([this](bool stored, const QString &message) {
            if (!stored)
                setState(State::KeychainUnavailable, message);
        });
    }
}

void Session::onTransientFailure(const TokenOutcome &outcome)
{
    ++m_renewalFailures;
    m_lastFailure = outcome.message;
    qCWarning(lcAuth) << "refresh failed for a transient reason; failures in a row:"
                      << m_renewalFailures;
    if (m_renewalFailures >= m_timing.maxRenewalFailures) {
        requireSignIn(tr("Your sign-in to %1 could not be renewed after %2 tries: %3")
                          .arg(m_profile.displayName)
                          .arg(m_renewalFailures)
                          .arg(outcome.message),
                      false);
        return;
    }
    const QDateTime now = m_clock.now();
    m_retryAt = now.addMSecs(backoffMs());
    // A 429 names its reset: no try before it (a reset far off is capped, it may be bogus).
    if (outcome.kind == TokenOutcome::Kind::RateLimited && outcome.retryAt.isValid())
        m_retryAt = std::max(m_retryAt, std::min(outcome.retryAt, now.addSecs(600)));
    answerWaiters(okta::Renewal::RetryingLater);
    showRenewalRetry();
    scheduleRefresh();
}

void Session::showRenewalRetry()
{
    const QString when = m_retryAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    if (accessTokenValid())
        setState(State::SignedIn, tr("Signed in to %1. Renewing the sign-in failed (%2); "
                                     "trying again at %3.")
                                      .arg(m_profile.displayName, m_lastFailure, when));
    else
        setState(State::Refreshing, tr("Can't reach Okta to renew the sign-in to %1: %2 Trying "
                                       "again at %3; what you entered is kept.")
                                        .arg(m_profile.displayName, m_lastFailure, when));
}

bool Session::accessTokenValid() const
{
    return m_tokens.hasAccessToken() && m_clock.now() < m_tokens.expiresAt;
}

qint64 Session::backoffMs() const
{
    const int doublings = std::clamp(m_renewalFailures - 1, 0, 20);
    const qint64 ceiling = std::max<qint64>(
        2, std::min<qint64>(qint64(m_timing.retryInitialMs) << doublings, m_timing.retryMaxMs));
    // 50..100% of the ceiling: clients that lost Okta together don't come back in step.
    return ceiling / 2 + QRandomGenerator::global()->bounded(ceiling / 2 + 1);
}

void Session::clearRenewalRetry()
{
    m_renewalFailures = 0;
    m_retryAt = {};
    m_lastFailure.clear();
}

void Session::acceptTokens(TokenSet tokens)
{
    if (tokens.refreshToken.isEmpty()) // no rotation: the old refresh token stays valid
        tokens.refreshToken = m_tokens.refreshToken;
    if (tokens.idToken.isEmpty()) { // refresh answers may omit the id token: keep who it is
        tokens.userName = m_tokens.userName;
        tokens.displayName = m_tokens.displayName;
        tokens.email = m_tokens.email;
        tokens.subject = m_tokens.subject;
    }
    m_tokens.wipe();
    m_tokens = std::move(tokens);
    m_obtainedAt = m_clock.now();
}

void Session::storeRefreshToken(std::function<void(bool, const QString &)> next)
{
    const quint64 generation = m_generation;
    m_vault->store(m_profile.keychainKey(), m_tokens.refreshToken, this,
                   [this, generation, next](const TokenVault::Result &result) {
                       if (generation != m_generation)
                           return;
                       next(result.status == TokenVault::Status::Stored,
                            tr("%1 You can stay signed in until you quit Access Triage, or "
                               "sign out.")
                                .arg(result.message));
                   });
}

void Session::requireSignIn(const QString &message, bool forgetStoredToken)
{
    m_refreshTimer.stop();
    m_refreshInFlight = false;
    clearRenewalRetry();
    m_tokens.wipe();
    if (forgetStoredToken && !m_memoryOnly)
        m_vault->remove(m_profile.keychainKey(), this, [](const TokenVault::Result &) {});
    setState(State::SignInRequired, message);
    answerWaiters(okta::Renewal::SignInRequired);
}

void Session::setState(State state, const QString &message)
{
    if (state == m_state && message == m_message)
        return;
    m_state = state;
    m_message = message;
    qCInfo(lcAuth) << "session state:" << state;
    emit stateChanged(state, message);
}

void Session::answerWaiters(okta::Renewal renewal)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.done(renewal);
    }
}

QDateTime Session::refreshDue() const
{
    if (m_tokens.refreshToken.isEmpty())
        return m_tokens.expiresAt; // nothing to refresh with: ask for sign-in at expiry
    const qint64 lifetime = std::max<qint64>(0, m_obtainedAt.secsTo(m_tokens.expiresAt));
    const qint64 margin = std::min<qint64>(m_timing.refreshMarginSeconds, lifetime / 5);
    return m_tokens.expiresAt.addSecs(-margin);
}

void Session::scheduleRefresh()
{
    QDateTime due;
    if (m_retryAt.isValid() && !m_refreshInFlight) {
        due = m_retryAt; // also wake at expiry, to say "can't reach Okta" when it comes
        if (accessTokenValid())
            due = std::min(due, m_tokens.expiresAt);
    } else if (m_state == State::SignedIn && m_tokens.hasAccessToken()) {
        due = refreshDue();
    } else {
        m_refreshTimer.stop();
        return;
    }
    const qint64 untilDue = m_clock.now().msecsTo(due);
    m_refreshTimer.start(int(std::clamp<qint64>(untilDue, 0, m_timing.checkIntervalMs)));
}

void Session::onRefreshTimer()
{
    if (m_retryAt.isValid() && !m_refreshInFlight) {
        if (m_state == State::SignedIn && !accessTokenValid())
            showRenewalRetry(); // the access token ran out while waiting
        if (m_clock.now() >= m_retryAt)
            startRefresh();
        else
            scheduleRefresh();
        return;
    }
    if (m_state != State::SignedIn)
        return;
    if (m_clock.now() >= refreshDue())
        startRefresh();
    else
        scheduleRefresh();
}

} // namespace triage::auth
