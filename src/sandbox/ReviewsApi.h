#pragma once

#include "sandbox/ApiTypes.h"
#include "sandbox/ReviewStore.h"

namespace triage {
class Clock;
}

namespace triage::sandbox {

class UserDirectory;
struct SandboxConfig;

// The HTTP face of the sandbox's security access reviews: everything under
// /governance/api/v2/security-access-reviews, with Okta's shapes, status codes, scopes and
// paging. The caller is already authenticated; scopes are checked here.
class ReviewsApi
{
public:
    ReviewsApi(const UserDirectory &directory, const SandboxConfig &config, const Clock &clock);

    ApiResponse handle(const ApiRequest &request);

    // The next created review goes PENDING -> ERROR instead of ACTIVE.
    void failNextGeneration() { m_store.failNextGeneration(); }

private:
    ApiResponse list(const ApiRequest &request);
    ApiResponse create(const ApiRequest &request);
    ApiResponse stats();
    ApiResponse get(const QString &id, const ApiRequest &request);
    ApiResponse update(const QString &id, const ApiRequest &request);
    ApiResponse principal(const QString &id, const ApiRequest &request);
    ApiResponse history(const QString &id, const ApiRequest &request);
    ApiResponse actions(const QString &id);
    ApiResponse act(const QString &id, const ApiRequest &request);
    ApiResponse comment(const QString &id, const ApiRequest &request);
    ApiResponse accesses(const QString &id, const ApiRequest &request);

    QJsonObject reviewJson(const Review &review, const QString &baseUrl) const;
    QJsonObject profileJson(const QString &userId) const;
    QString actorId(const ApiRequest &request) const;

    const UserDirectory &m_directory;
    ReviewStore m_store;
};

} // namespace triage::sandbox
