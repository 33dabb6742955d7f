#include "auth/TokenEndpointClient.h"

#include "auth/NetworkFailure.h"
#include "common/Clock.h"
#include "common/Logging.h"
#include "okta/RateLimit.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace triage::auth {

using Fields = QList<QPair<QByteArray, QByteArray>>;

namespace {
TokenOutcome failed(TokenOutcome::Kind kind, const QString &message)
{
    TokenOutcome outcome;
    outcome.kind = kind;
    outcome.message = message;
    return outcome;
}
} // namespace

TokenEndpointClient::TokenEndpointClient(QNetworkAccessManager *network, const Clock &clock,
                                         QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
{}

QByteArray TokenEndpointClient::formEncode(const Fields &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(QString::fromUtf8(name)) + '=' +
                QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    return body;
}

QNetworkReply *TokenEndpointClient::post(const QUrl &url, const Fields &fields)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    // A redirect would carry the code or token somewhere else: never follow one.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    QNetworkReply *reply = m_network->post(request, formEncode(fields));
    NetworkFailure::armTimeout(reply, m_timeoutMs);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    return reply;
}

void TokenEndpointClient::exchangeCode(const QUrl &tokenEndpoint, const QString &clientId,
                                       const QByteArray &code, const QString &redirectUri,
                                       const QByteArray &verifier, QObject *context, Done done)
{
    requestTokens(tokenEndpoint,
                  {{"grant_type", "authorization_code"},
                   {"client_id", clientId.toUtf8()},
                   {"redirect_uri", redirectUri.toUtf8()},
                   {"code", code},
                   {"code_verifier", verifier}},
                  context, std::move(done));
}

void TokenEndpointClient::refresh(const QUrl &tokenEndpoint, const QString &clientId,
                                  const QByteArray &refreshToken, QObject *context, Done done)
{
    requestTokens(tokenEndpoint,
                  {{"grant_type", "refresh_token"},
                   {"client_id", clientId.toUtf8()},
                   {"refresh_token", refreshToken}},
                  context, std::move(done));
}

void TokenEndpointClient::revoke(const QUrl &revocationEndpoint, const QString &clientId,
                                 const QByteArray &token, const QByteArray &tokenTypeHint,
                                 QObject *context, std::function<void(bool, const QString &)> done)
{
    QNetworkReply *reply = post(
        revocationEndpoint,
        {{"token", token}, {"token_type_hint", tokenTypeHint}, {"client_id", clientId.toUtf8()}});
    connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        const NetworkFailure failure = NetworkFailure::of(reply);
        if (failure.kind != NetworkFailure::Kind::None) {
            done(false, failure.message);
            return;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        qCDebug(lcAuth) << "revocation answered HTTP" << status;
        done(status == 200, status == 200 ? QString()
                                          : tr("The org answered HTTP %1 to sign-out; the "
                                               "token may still be valid until it expires.")
                                                .arg(status));
    });
}

void TokenEndpointClient::requestTokens(const QUrl &url, const Fields &fields, QObject *context,
                                        Done done)
{
    QNetworkReply *reply = post(url, fields);
    connect(reply, &QNetworkReply::finished, context,
            [clock = &m_clock, reply, done = std::move(done)] { done(outcomeOf(reply, *clock)); });
}

TokenOutcome TokenEndpointClient::outcomeOf(QNetworkReply *reply, const Clock &clock)
{
    TokenOutcome outcome;
    const NetworkFailure failure = NetworkFailure::of(reply);
    switch (failure.kind) {
    case NetworkFailure::Kind::None:
        break;
    case NetworkFailure::Kind::Tls:
        return failed(TokenOutcome::Kind::TlsError, failure.message);
    case NetworkFailure::Kind::Timeout:
        return failed(TokenOutcome::Kind::Timeout, failure.message);
    default:
        return failed(TokenOutcome::Kind::NetworkError, failure.message);
    }

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->read(1024 * 1024);
    if (status == 200) {
        QString why;
        auto tokens = TokenSet::fromTokenResponse(body, clock.now(), &why);
        if (!tokens) {
            qCWarning(lcAuth) << "token endpoint answer refused:" << why;
            return failed(TokenOutcome::Kind::BadResponse,
                          tr("The org's token answer could not be used: %1").arg(why));
        }
        outcome.kind = TokenOutcome::Kind::Ok;
        outcome.tokens = std::move(*tokens);
        return outcome;
    }

    const QJsonObject error = QJsonDocument::fromJson(body).object();
    outcome.oauthError = error.value(QLatin1String("error")).toString().left(100);
    const QString description =
        error.value(QLatin1String("error_description")).toString().left(300);
    qCWarning(lcAuth) << "token endpoint answered HTTP" << status << outcome.oauthError;
    // 429 and 5xx are told apart before other OAuth errors: an error name in them
    // (server_error, temporarily_unavailable) does not make them final.
    if (outcome.oauthError == QLatin1String("invalid_grant")) {
        outcome.kind = TokenOutcome::Kind::InvalidGrant;
        outcome.message = tr("Okta did not accept the sign-in grant (it expired, was already "
                             "used or was revoked). Sign in again. Okta said: %1")
                              .arg(description.isEmpty() ? outcome.oauthError : description);
    } else if (status == 429) {
        outcome.kind = TokenOutcome::Kind::RateLimited;
        const auto limit = okta::RateLimit::fromHeaders(
            reply->rawHeader("X-Rate-Limit-Limit"), reply->rawHeader("X-Rate-Limit-Remaining"),
            reply->rawHeader("X-Rate-Limit-Reset"), reply->rawHeader("Date"), clock.now());
        if (limit)
            outcome.retryAt = limit->resetLocal;
        outcome.message = tr("Okta's rate limit for sign-in requests was reached (HTTP 429). "
                             "It resets within a minute.");
    } else if (status >= 500 && status <= 599) {
        outcome.kind = TokenOutcome::Kind::ServerError;
        outcome.message = tr("Okta's sign-in service had a server error (HTTP %1). This is "
                             "usually brief.")
                              .arg(status);
    } else if (!outcome.oauthError.isEmpty()) {
        outcome.kind = TokenOutcome::Kind::OAuthError;
        outcome.message =
            tr("Okta refused the token request (%1): %2").arg(outcome.oauthError, description);
    } else {
        outcome.kind = TokenOutcome::Kind::BadResponse;
        outcome.message = tr("The org's token endpoint answered HTTP %1.").arg(status);
    }
    return outcome;
}

} // namespace triage::auth
