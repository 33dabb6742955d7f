#pragma once

#include "sandbox/ApiTypes.h"

namespace triage::sandbox {

class UserDirectory;

// Okta's Users API over the sandbox directory: everything under /api/v1/users.
// GET /api/v1/users (search, filter, q, limit, after, sortBy, sortOrder; Link headers),
// GET /api/v1/users/{id or login}, GET /api/v1/users/me. Read-only; other methods get 405.
class UsersApi
{
public:
    explicit UsersApi(const UserDirectory &directory);

    // The caller is already authenticated; this checks scopes and answers.
    ApiResponse handle(const ApiRequest &request);

private:
    ApiResponse list(const ApiRequest &request) const;
    ApiResponse get(const ApiRequest &request, const QString &idOrLogin) const;
    ApiResponse me(const ApiRequest &request) const;

    const UserDirectory &m_directory;
};

} // namespace triage::sandbox
