#include "sandbox/Router.h"

namespace triage::sandbox {

void Router::add(Route route)
{
    m_routes.append(std::move(route));
}

bool Router::pathMatches(const Route &route, const QStringList &segments)
{
    if (route.prefix ? segments.size() < route.pattern.size()
                     : segments.size() != route.pattern.size())
        return false;
    for (qsizetype i = 0; i < route.pattern.size(); ++i) {
        const QString &part = route.pattern.at(i);
        if (part != QLatin1String("*") && part != segments.at(i))
            return false;
    }
    return true;
}

Router::Match Router::match(const QByteArray &method, const QStringList &segments) const
{
    Match result;
    for (const Route &route : m_routes) {
        if (!pathMatches(route, segments))
            continue;
        if (route.methods.isEmpty() || route.methods.contains(method)) {
            result.route = &route;
            result.allowedMethods.clear();
            return result;
        }
        result.allowedMethods += route.methods;
    }
    return result;
}

ApiResponse Router::notFound(const QString &path)
{
    return ApiResponse::notFound(path);
}

ApiResponse Router::methodNotAllowed(const QByteArrayList &allowed)
{
    ApiResponse response = ApiResponse::oktaError(
        405, QStringLiteral("E0000022"),
        QStringLiteral("The endpoint does not support the provided HTTP method"));
    response.headers.append({"Allow", allowed.join(", ")});
    return response;
}

} // namespace triage::sandbox
