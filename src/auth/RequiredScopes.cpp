#include "auth/RequiredScopes.h"

namespace triage::auth {

QStringList RequiredScopes::all()
{
    return {QStringLiteral("openid"),
            QStringLiteral("profile"),
            QStringLiteral("email"),
            QStringLiteral("offline_access"),
            QStringLiteral("okta.users.read"),
            QStringLiteral("okta.users.read.self"),
            QStringLiteral("okta.governance.securityAccessReviews.admin.read"),
            QStringLiteral("okta.governance.securityAccessReviews.admin.manage")};
}

namespace {
QString adviceFor(const QString &scope)
{
    if (scope.startsWith(QLatin1String("okta.")))
        return RequiredScopes::tr("Not granted. In the Okta Admin Console open Applications > "
                                  "Access Triage (this app) > Okta API Scopes and click Grant "
                                  "next to %1, then sign in again.")
            .arg(scope);
    if (scope == QLatin1String("offline_access"))
        return RequiredScopes::tr("Not granted, so you will have to sign in again when the "
                                  "access token expires. In the Okta Admin Console open "
                                  "Applications > this app > General and allow the Refresh "
                                  "Token grant type.");
    return RequiredScopes::tr("Not granted. Check that this app is an OpenID Connect Native app "
                              "in the Okta Admin Console.");
}
} // namespace

QList<ScopeStatus> RequiredScopes::check(const QStringList &granted)
{
    QList<ScopeStatus> result;
    for (const QString &scope : all()) {
        const bool ok = granted.contains(scope);
        result << ScopeStatus{scope, ok, ok ? QString() : adviceFor(scope)};
    }
    return result;
}

QStringList RequiredScopes::missing(const QStringList &granted)
{
    QStringList result;
    for (const ScopeStatus &status : check(granted)) {
        if (!status.granted)
            result << status.scope;
    }
    return result;
}

} // namespace triage::auth
