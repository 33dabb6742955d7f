#include "sandbox/SandboxConfig.h"

namespace triage::sandbox {

QStringList SandboxConfig::defaultGrantScopes()
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

} // namespace triage::sandbox
