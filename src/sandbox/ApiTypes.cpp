#include "sandbox/ApiTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace triage::sandbox {

namespace {
const QByteArray kJsonType = "application/json";

// Okta's errorId: "oae" followed by 19 random letters and digits.
QString newErrorId()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString id = QStringLiteral("oae");
    for (int i = 0; i < 19; ++i)
        id += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet) - 1)]);
    return id;
}
} // namespace

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiResponse ApiResponse::json(int status, const QJsonValue &value, HeaderList headers)
{
    ApiResponse response;
    response.status = status;
    response.body = value.isArray()
                        ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                        : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    response.headers = std::move(headers);
    response.headers.append({"Content-Type", kJsonType});
    return response;
}

ApiResponse ApiResponse::empty(int status, HeaderList headers)
{
    ApiResponse response;
    response.status = status;
    response.headers = std::move(headers);
    return response;
}

ApiResponse ApiResponse::html(int status, const QByteArray &page)
{
    ApiResponse response;
    response.status = status;
    response.body = page;
    response.headers = {{"Content-Type", "text/html; charset=utf-8"},
                        {"Cache-Control", "no-store"},
                        {"X-Frame-Options", "DENY"}};
    return response;
}

ApiResponse ApiResponse::oktaError(int status, const QString &code, const QString &summary,
                                   const QStringList &causes)
{
    QJsonArray causeArray;
    for (const QString &cause : causes)
        causeArray.append(QJsonObject{{QStringLiteral("errorSummary"), cause}});
    const QJsonObject body{{QStringLiteral("errorCode"), code},
                           {QStringLiteral("errorSummary"), summary},
                           {QStringLiteral("errorLink"), code},
                           {QStringLiteral("errorId"), newErrorId()},
                           {QStringLiteral("errorCauses"), causeArray}};
    return json(status, body);
}

ApiResponse ApiResponse::validation(const QString &field, const QStringList &causes)
{
    return oktaError(400, QStringLiteral("E0000001"),
                     QStringLiteral("Api validation failed: %1").arg(field), causes);
}

ApiResponse ApiResponse::notFound(const QString &what)
{
    return oktaError(404, QStringLiteral("E0000007"),
                     QStringLiteral("Not found: Resource not found: %1").arg(what));
}

ApiResponse ApiResponse::insufficientScope(const QString &scope, const QString &resource,
                                           const QString &baseUrl)
{
    const QString challenge =
        QStringLiteral("Bearer authorization_uri=\"%1/oauth2/v1/authorize\", realm=\"%1\", "
                       "scope=\"%2\", error=\"insufficient_scope\", error_description=\"The access "
                       "token provided does not contain the required scopes.\", resource=\"%3\"")
            .arg(baseUrl, scope, resource);
    return empty(403, {{"WWW-Authenticate", challenge.toUtf8()}});
}

} // namespace triage::sandbox
