#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

namespace triage::sandbox {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Who is calling, after the token or SSWS key was checked.
struct Caller
{
    QString userId; // the signed-in admin's user id
    QStringList scopes;
    bool ssws = false; // SSWS API token: acts as a super admin with every scope
    bool hasScope(const QString &scope) const { return ssws || scopes.contains(scope); }
};

// A request as the API modules see it: already authenticated, path split into segments.
struct ApiRequest
{
    QByteArray method;    // "GET", "POST", ...
    QString path;         // decoded path, e.g. /api/v1/users/00u1
    QByteArray rawPath;   // the path as sent, still percent-encoded
    QStringList segments; // {"api","v1","users","00u1"}
    QUrlQuery query;      // fully decoded values
    HeaderList headers;   // as received
    QByteArray body;
    QString baseUrl; // e.g. http://127.0.0.1:41234 (no trailing slash), for links
    Caller caller;

    QByteArray header(const QByteArray &name) const;
};

struct OktaErrorCause
{
    QString summary;
};

struct ApiResponse
{
    int status = 200;
    QByteArray body;
    HeaderList headers;

    static ApiResponse json(int status, const QJsonValue &value, HeaderList headers = {});
    static ApiResponse empty(int status, HeaderList headers = {});
    static ApiResponse html(int status, const QByteArray &page);
    // Okta's error body:
    // {"errorCode","errorSummary","errorLink","errorId","errorCauses":[{"errorSummary"}]}
    static ApiResponse oktaError(int status, const QString &code, const QString &summary,
                                 const QStringList &causes = {});
    // 400 E0000001 "Api validation failed: <field>" with the causes naming the field.
    static ApiResponse validation(const QString &field, const QStringList &causes);
    static ApiResponse notFound(const QString &what); // 404 E0000007
    // 403 with an empty body and WWW-Authenticate: Bearer ... error="insufficient_scope", as Okta
    // does.
    static ApiResponse insufficientScope(const QString &scope, const QString &resource,
                                         const QString &baseUrl);
};

} // namespace triage::sandbox
