#include "okta/OktaError.h"

#include "okta/HeaderParsers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace triage::okta {

OktaError OktaError::make(Kind kind, QString detail)
{
    OktaError error;
    error.kind = kind;
    error.detail = std::move(detail);
    return error;
}

OktaError::Kind OktaError::kindForStatus(int status)
{
    switch (status) {
    case 401:
        return Kind::Unauthorized;
    case 403:
        return Kind::Forbidden;
    case 404:
        return Kind::NotFound;
    case 429:
        return Kind::RateLimited;
    default:
        return status >= 500 ? Kind::Server : Kind::Validation;
    }
}

OktaError OktaError::fromHttp(int status, const QByteArray &body, const QByteArray &wwwAuthenticate)
{
    OktaError error = make(kindForStatus(status));
    error.httpStatus = status;
    // The body is best effort: proxies answer with HTML, Okta with JSON or nothing.
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    auto text = [&json](const char *key) {
        const QJsonValue v = json.value(QLatin1String(key));
        return v.isString() ? v.toString() : QString();
    };
    error.errorCode = text("errorCode");
    error.errorSummary = text("errorSummary");
    error.errorId = text("errorId");
    const QJsonArray causes = json.value(QLatin1String("errorCauses")).toArray();
    for (const QJsonValue &cause : causes) {
        const QJsonValue summary = cause.toObject().value(QLatin1String("errorSummary"));
        if (summary.isString() && !summary.toString().isEmpty())
            error.errorCauses.append(summary.toString());
    }
    if (!wwwAuthenticate.isEmpty()) {
        if (const auto challenge = AuthChallenge::parse(wwwAuthenticate)) {
            error.authError = challenge->param(QStringLiteral("error"));
            error.authErrorDescription = challenge->param(QStringLiteral("error_description"));
            error.requiredScope = challenge->param(QStringLiteral("scope"));
        }
    }
    return error;
}

bool OktaError::isRetryable() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::RateLimited:
    case Kind::Server:
        return true;
    default:
        return false;
    }
}

QString OktaError::message() const
{
    QString text;
    switch (kind) {
    case Kind::Network:
        text = tr("Could not reach the Okta org. Check the network connection and try again.");
        break;
    case Kind::UnknownOutcome:
        text = tr("The connection was lost before Okta answered. The change may or may not have "
                  "been made: refresh to check before trying again.");
        break;
    case Kind::Timeout:
        text = tr("Okta did not answer in time. Try again in a moment.");
        break;
    case Kind::Tls:
        text = tr("The secure connection to the Okta org could not be verified.");
        break;
    case Kind::RateLimited:
        text = tr("Okta's rate limit was reached. Wait a minute and try again.");
        break;
    case Kind::Unauthorized:
        text = tr("Your sign-in has expired or was revoked. Please sign in again.");
        break;
    case Kind::Forbidden:
        text = requiredScope.isEmpty()
                   ? tr("You don't have permission to do this in Okta.")
                   : tr("You don't have permission to do this in Okta (missing scope %1).")
                         .arg(requiredScope);
        break;
    case Kind::NotFound:
        text = tr("Okta could not find it: it may have been deleted.");
        break;
    case Kind::Validation:
        text = tr("Okta refused the request.");
        break;
    case Kind::Server:
        text = tr("Okta had an internal problem. Try again in a moment.");
        break;
    case Kind::BadResponse:
        text = tr("Okta's answer could not be read.");
        break;
    case Kind::Cancelled:
        text = tr("The request was cancelled.");
        break;
    }
    if (!errorSummary.isEmpty() && kind != Kind::Unauthorized)
        text += QLatin1Char(' ') + errorSummary;
    if (!errorCauses.isEmpty())
        text += QLatin1Char(' ') + errorCauses.join(QStringLiteral("; "));
    return text;
}

QString kindName(OktaError::Kind kind)
{
    static const char *const names[] = {
        "Network",   "UnknownOutcome", "Timeout",    "Tls",    "RateLimited", "Unauthorized",
        "Forbidden", "NotFound",       "Validation", "Server", "BadResponse", "Cancelled"};
    return QLatin1String(names[static_cast<int>(kind)]);
}

} // namespace triage::okta
