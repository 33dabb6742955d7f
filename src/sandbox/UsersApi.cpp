#include "sandbox/UsersApi.h"

#include "sandbox/UserDirectory.h"
#include "sandbox/UserQuery.h"

#include <QJsonArray>
#include <QUrl>

#include <algorithm>

namespace triage::sandbox {

namespace {

const QString kReadScope = QStringLiteral("okta.users.read");
const QString kReadSelfScope = QStringLiteral("okta.users.read.self");
constexpr int kMaxLimit = 200;
constexpr int kDefaultLimit = 200;
constexpr int kDefaultQuickLimit = 10; // Okta's default when q is given

// The query parameters a page link carries over from the request, in this order after limit.
const QStringList kCarriedParameters{QStringLiteral("search"), QStringLiteral("filter"),
                                     QStringLiteral("q"), QStringLiteral("sortBy"),
                                     QStringLiteral("sortOrder")};

QString parameter(const ApiRequest &request, const QString &name)
{
    return request.query.queryItemValue(name, QUrl::FullyDecoded);
}

bool hasParameter(const ApiRequest &request, const QString &name)
{
    return request.query.hasQueryItem(name);
}

ApiResponse invalidSearch(const QueryError &error)
{
    return ApiResponse::oktaError(
        400, QStringLiteral("E0000031"), QStringLiteral("Invalid search criteria."),
        {QStringLiteral("%1 at position %2").arg(error.message).arg(error.position)});
}

ApiResponse methodNotAllowed()
{
    ApiResponse response = ApiResponse::oktaError(
        405, QStringLiteral("E0000022"),
        QStringLiteral("The endpoint does not support the provided HTTP method"));
    response.headers.append(qMakePair(QByteArray("Allow"), QByteArray("GET")));
    return response;
}

// Okta's Link header value: <url>; rel="self". Values are percent-encoded whole, so quotes,
// backslashes, spaces and non-Latin letters survive the round trip.
QByteArray pageLink(const ApiRequest &request, const QString &after, int limit, const char *rel)
{
    QStringList parts;
    if (!after.isEmpty())
        parts << QStringLiteral("after=") + QString::fromLatin1(QUrl::toPercentEncoding(after));
    parts << QStringLiteral("limit=%1").arg(limit);
    for (const QString &name : kCarriedParameters) {
        if (hasParameter(request, name))
            parts << name + QLatin1Char('=') +
                         QString::fromLatin1(QUrl::toPercentEncoding(parameter(request, name)));
    }
    const QString url = request.baseUrl + QStringLiteral("/api/v1/users?") + parts.join(u'&');
    return QStringLiteral("<%1>; rel=\"%2\"").arg(url, QLatin1String(rel)).toUtf8();
}

// limit: absent -> the default; above 200 -> 200 (as Okta caps it); not a positive number -> error.
std::optional<int> pageLimit(const ApiRequest &request, int defaultLimit)
{
    if (!hasParameter(request, QStringLiteral("limit")))
        return defaultLimit;
    bool ok = false;
    const qlonglong limit = parameter(request, QStringLiteral("limit")).toLongLong(&ok);
    if (!ok || limit < 1)
        return std::nullopt;
    return int(std::min<qlonglong>(limit, kMaxLimit));
}

// What a list request asks for, read and checked once.
struct ListParameters
{
    enum class Mode { Everyone, Search, Filter, Quick } mode = Mode::Everyone;
    UserQuery query;
    int limit = kDefaultLimit;
    QString after; // the last id of the previous page
    std::optional<UserAttribute> sortBy;
    bool descending = false;

    // Parameters, or nullopt with the Okta error in refusal. search wins over filter over q.
    static std::optional<ListParameters> read(const ApiRequest &request, ApiResponse &refusal)
    {
        ListParameters p;
        if (hasParameter(request, QStringLiteral("search")))
            p.mode = Mode::Search;
        else if (hasParameter(request, QStringLiteral("filter")))
            p.mode = Mode::Filter;
        else if (hasParameter(request, QStringLiteral("q")))
            p.mode = Mode::Quick;

        const std::optional<int> limit =
            pageLimit(request, p.mode == Mode::Quick ? kDefaultQuickLimit : kDefaultLimit);
        if (!limit) {
            refusal = ApiResponse::validation(
                QStringLiteral("limit"),
                {QStringLiteral("limit: must be a whole number from 1 to %1").arg(kMaxLimit)});
            return std::nullopt;
        }
        p.limit = *limit;

        if (p.mode == Mode::Search || p.mode == Mode::Filter) {
            const bool search = p.mode == Mode::Search;
            p.query = UserQuery::parse(
                parameter(request, search ? QStringLiteral("search") : QStringLiteral("filter")),
                search ? UserQuery::Language::Search : UserQuery::Language::Filter);
            if (!p.query.isValid()) {
                refusal = invalidSearch(p.query.error());
                return std::nullopt;
            }
        } else if (p.mode == Mode::Quick) {
            p.query = UserQuery::prefix(parameter(request, QStringLiteral("q")));
        }

        // sortBy and sortOrder apply to search only; ties stay in id order.
        if (p.mode == Mode::Search && hasParameter(request, QStringLiteral("sortBy"))) {
            p.sortBy = UserAttribute::byName(parameter(request, QStringLiteral("sortBy")));
            if (!p.sortBy) {
                refusal = ApiResponse::validation(QStringLiteral("sortBy"),
                                                  {QStringLiteral("sortBy: unknown attribute")});
                return std::nullopt;
            }
            const QString order = parameter(request, QStringLiteral("sortOrder"));
            if (!order.isEmpty() && order != QLatin1String("asc") &&
                order != QLatin1String("desc")) {
                refusal =
                    ApiResponse::validation(QStringLiteral("sortOrder"),
                                            {QStringLiteral("sortOrder: must be asc or desc")});
                return std::nullopt;
            }
            p.descending = order == QLatin1String("desc");
        }
        if (p.paged())
            p.after = parameter(request, QStringLiteral("after"));
        return p;
    }

    bool paged() const { return mode != Mode::Quick; } // Okta: q has no pages, only a limit

    // Okta leaves DEPROVISIONED people out unless search or filter is used.
    bool selects(const SandboxUser &user) const
    {
        if (mode == Mode::Everyone || mode == Mode::Quick) {
            if (user.status == QLatin1String("DEPROVISIONED"))
                return false;
        }
        return mode == Mode::Everyone || query.matches(user);
    }

    // Where the page starts in matches: just past the cursor's user.
    qsizetype firstIndex(const QList<const SandboxUser *> &matches) const
    {
        if (after.isEmpty())
            return 0;
        if (sortBy) {
            const auto at =
                std::find_if(matches.cbegin(), matches.cend(),
                             [&](const SandboxUser *user) { return user->id == after; });
            return at == matches.cend() ? matches.size() : (at - matches.cbegin()) + 1;
        }
        // In id order the cursor need not be a listed id: continue with the next larger one.
        return std::upper_bound(
                   matches.cbegin(), matches.cend(), after,
                   [](const QString &id, const SandboxUser *user) { return id < user->id; }) -
               matches.cbegin();
    }
};

} // namespace

UsersApi::UsersApi(const UserDirectory &directory)
    : m_directory(directory)
{}

ApiResponse UsersApi::handle(const ApiRequest &request)
{
    QStringList segments = request.segments;
    while (!segments.isEmpty() && segments.last().isEmpty())
        segments.removeLast(); // "/api/v1/users/" is the list
    if (segments.size() < 3 || segments.size() > 4 || segments.at(2) != QLatin1String("users"))
        return ApiResponse::notFound(request.path);
    if (request.method != "GET")
        return methodNotAllowed();
    if (segments.size() == 3)
        return list(request);
    if (segments.at(3) == QLatin1String("me"))
        return me(request);
    return get(request, segments.at(3));
}

ApiResponse UsersApi::list(const ApiRequest &request) const
{
    if (!request.caller.hasScope(kReadScope))
        return ApiResponse::insufficientScope(kReadScope, request.path, request.baseUrl);
    ApiResponse refusal;
    const std::optional<ListParameters> parameters = ListParameters::read(request, refusal);
    if (!parameters)
        return refusal;

    QList<const SandboxUser *> matches;
    for (const SandboxUser *user : m_directory.all()) {
        if (parameters->selects(*user))
            matches.append(user);
    }
    if (const auto &sortBy = parameters->sortBy) {
        const bool descending = parameters->descending;
        std::stable_sort(matches.begin(), matches.end(),
                         [&](const SandboxUser *a, const SandboxUser *b) {
                             const int order = sortBy->compare(*a, *b);
                             return descending ? order > 0 : order < 0;
                         });
    }

    const qsizetype start = parameters->firstIndex(matches);
    const QList<const SandboxUser *> page = matches.mid(start, parameters->limit);
    QJsonArray body;
    for (const SandboxUser *user : page)
        body.append(user->toJson(request.baseUrl));
    HeaderList headers{{"Link", pageLink(request, parameters->after, parameters->limit, "self")}};
    if (parameters->paged() && start + page.size() < matches.size())
        headers.append(qMakePair(QByteArray("Link"),
                                 pageLink(request, page.last()->id, parameters->limit, "next")));
    return ApiResponse::json(200, body, headers);
}

ApiResponse UsersApi::get(const ApiRequest &request, const QString &idOrLogin) const
{
    if (!request.caller.hasScope(kReadScope))
        return ApiResponse::insufficientScope(kReadScope, request.path, request.baseUrl);
    const SandboxUser *user = m_directory.find(idOrLogin);
    if (!user)
        return ApiResponse::notFound(QStringLiteral("%1 (User)").arg(idOrLogin));
    return ApiResponse::json(200, user->toJson(request.baseUrl));
}

ApiResponse UsersApi::me(const ApiRequest &request) const
{
    if (!request.caller.hasScope(kReadSelfScope) && !request.caller.hasScope(kReadScope))
        return ApiResponse::insufficientScope(kReadSelfScope, request.path, request.baseUrl);
    // An SSWS token has no signed-in user of its own here: it speaks for the analyst.
    const SandboxUser *user = request.caller.userId.isEmpty()
                                  ? &m_directory.analyst()
                                  : m_directory.find(request.caller.userId);
    if (!user)
        return ApiResponse::notFound(QStringLiteral("%1 (User)").arg(request.caller.userId));
    return ApiResponse::json(200, user->toJson(request.baseUrl));
}

} // namespace triage::sandbox
