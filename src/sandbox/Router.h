#pragma once

#include "sandbox/ApiTypes.h"

#include <QByteArrayList>

#include <functional>

namespace triage::sandbox {

// One entry of the sandbox's route table: methods + path segments ("*" matches any one segment).
struct Route
{
    using Handler = std::function<ApiResponse(const ApiRequest &)>;
    QByteArrayList methods;     // empty: any method (the module answers 405 itself)
    QStringList pattern;        // e.g. {"oauth2","v1","token"}
    bool prefix = false;        // also matches longer paths (a module owns the whole subtree)
    bool authenticated = false; // Bearer / SSWS required
    bool jsonBody = false;      // bodies must be application/json and well-formed
    Handler handler;
};

class Router
{
public:
    void add(Route route);

    struct Match
    {
        const Route *route = nullptr;
        QByteArrayList allowedMethods; // when the path is known but the method is not
    };
    Match match(const QByteArray &method, const QStringList &segments) const;

    // Okta-style answers for what the table does not serve.
    static ApiResponse notFound(const QString &path);
    static ApiResponse methodNotAllowed(const QByteArrayList &allowed);

private:
    static bool pathMatches(const Route &route, const QStringList &segments);
    QList<Route> m_routes;
};

} // namespace triage::sandbox
