#include "sandbox/ReviewsApi.h"

#include "common/Clock.h"
#include "common/Logging.h"
#include "sandbox/RequestChecks.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/UserDirectory.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>
#include <functional>

namespace triage::sandbox {

namespace {

const QString kReadScope = QStringLiteral("okta.governance.securityAccessReviews.admin.read");
const QString kManageScope = QStringLiteral("okta.governance.securityAccessReviews.admin.manage");
const QStringList kBasePath = {QStringLiteral("governance"), QStringLiteral("api"),
                               QStringLiteral("v2"), QStringLiteral("security-access-reviews")};

QString isoTime(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QString reviewUrl(const QString &baseUrl, const QString &id)
{
    return baseUrl + u'/' + kBasePath.join(u'/') + u'/' + id;
}

QJsonObject link(const QString &href)
{
    return QJsonObject{{QStringLiteral("href"), href}};
}

// The links every review carries (and its principal repeats).
QJsonObject reviewLinks(const QString &baseUrl, const QString &id)
{
    const QString self = reviewUrl(baseUrl, id);
    return QJsonObject{
        {QStringLiteral("securityAccessReviewDetails"), link(self)},
        {QStringLiteral("history"), link(self + QStringLiteral("/history"))},
        {QStringLiteral("accesses"), link(self + QStringLiteral("/accesses"))},
        {QStringLiteral("actions"), link(self + QStringLiteral("/actions"))},
        {QStringLiteral("principalDetails"), link(self + QStringLiteral("/principal"))}};
}

// Okta's principal profiles know only ACTIVE and INACTIVE.
QString principalStatus(const SandboxUser &user)
{
    static const QStringList active = {QStringLiteral("ACTIVE"), QStringLiteral("PASSWORD_EXPIRED"),
                                       QStringLiteral("LOCKED_OUT"), QStringLiteral("RECOVERY")};
    return active.contains(user.status) ? QStringLiteral("ACTIVE") : QStringLiteral("INACTIVE");
}

// The same seed text always gives the same id: access items must not change between calls.
QString stableId(const QString &prefix, const QString &seed)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const QByteArray digest = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256);
    QString id = prefix;
    for (qsizetype i = 0; id.size() < 20; ++i)
        id += QLatin1Char(alphabet[quint8(digest.at(i)) % (sizeof alphabet - 1)]);
    return id;
}

quint32 stableNumber(const QString &seed)
{
    const QByteArray digest = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha256);
    return (quint32(quint8(digest.at(0))) << 8) | quint8(digest.at(1));
}

// A page's URL: the request's own query with `after` replaced, every value percent-encoded.
QString pageUrl(const ApiRequest &request, const QString &after)
{
    QByteArray query;
    const auto append = [&query](const QString &key, const QString &value) {
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    };
    for (const auto &[key, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        if (key != QStringLiteral("after"))
            append(key, value);
    }
    if (!after.isEmpty())
        append(QStringLiteral("after"), after);
    const QString path = request.baseUrl + u'/' + request.segments.join(u'/');
    return query.isEmpty() ? path : path + u'?' + QString::fromLatin1(query);
}

// The list envelope {"data", "_links": {self, next?}} and Okta's Link headers for it.
ApiResponse pagedResponse(const ApiRequest &request, const QJsonArray &data,
                          const QString &nextCursor)
{
    const QString self =
        pageUrl(request, request.query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded));
    QJsonObject links{{QStringLiteral("self"), link(self)}};
    HeaderList headers{{"Link", QStringLiteral("<%1>; rel=\"self\"").arg(self).toUtf8()}};
    if (!nextCursor.isEmpty()) {
        const QString next = pageUrl(request, nextCursor);
        links.insert(QStringLiteral("next"), link(next));
        headers.append({"Link", QStringLiteral("<%1>; rel=\"next\"").arg(next).toUtf8()});
    }
    return ApiResponse::json(
        200, QJsonObject{{QStringLiteral("data"), data}, {QStringLiteral("_links"), links}},
        headers);
}

PageRequest pageRequest(const ApiRequest &request)
{
    const auto value = [&](const char *key) {
        return request.query.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded);
    };
    return {value("filter"), value("orderBy"), value("after"), value("limit")};
}

ApiResponse errorResponse(const ReviewError &error)
{
    if (error.kind == ReviewError::Kind::NotFound)
        return ApiResponse::notFound(error.causes.value(0));
    return ApiResponse::validation(error.field, error.causes);
}

// Request bodies must be JSON objects; the server checks this first, but never trust a caller.
std::optional<QJsonObject> bodyObject(const ApiRequest &request)
{
    if (RequestChecks::checkJsonBody(request))
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

ReviewsApi::ReviewsApi(const UserDirectory &directory, const SandboxConfig &config,
                       const Clock &clock)
    : m_directory(directory)
    , m_store([&directory](const QString &id) { return directory.find(id); }, clock,
              config.activationDelaySeconds)
{}

QString ReviewsApi::actorId(const ApiRequest &request) const
{
    return request.caller.userId.isEmpty() ? m_directory.analyst().id : request.caller.userId;
}

ApiResponse ReviewsApi::handle(const ApiRequest &request)
{
    if (request.segments.mid(0, kBasePath.size()) != kBasePath)
        return Router::notFound(request.path);
    const QStringList rest = request.segments.mid(kBasePath.size());

    // The endpoints at this path; each says whether it needs the manage scope.
    struct Endpoint
    {
        QByteArray method;
        bool manage;
        std::function<ApiResponse()> run;
    };
    QList<Endpoint> endpoints;
    if (rest.isEmpty()) {
        endpoints = {{"GET", false, [&] { return list(request); }},
                     {"POST", true, [&] { return create(request); }}};
    } else if (rest.size() == 1 && rest.at(0) == QStringLiteral("stats")) {
        endpoints = {{"GET", false, [&] { return stats(); }}};
    } else if (rest.size() == 1) {
        endpoints = {{"GET", false, [&] { return get(rest.at(0), request); }},
                     {"PATCH", true, [&] { return update(rest.at(0), request); }}};
    } else if (rest.size() == 2) {
        const QString &id = rest.at(0);
        const QString &what = rest.at(1);
        if (what == QStringLiteral("principal"))
            endpoints = {{"GET", false, [&] { return principal(id, request); }}};
        else if (what == QStringLiteral("history"))
            endpoints = {{"GET", false, [&] { return history(id, request); }}};
        else if (what == QStringLiteral("accesses"))
            endpoints = {{"GET", false, [&] { return accesses(id, request); }}};
        else if (what == QStringLiteral("actions"))
            endpoints = {{"GET", false, [&] { return actions(id); }},
                         {"POST", true, [&] { return act(id, request); }}};
        else if (what == QStringLiteral("comment"))
            endpoints = {{"POST", true, [&] { return comment(id, request); }}};
    }
    if (endpoints.isEmpty())
        return Router::notFound(request.path);
    const auto endpoint =
        std::find_if(endpoints.cbegin(), endpoints.cend(),
                     [&](const Endpoint &candidate) { return candidate.method == request.method; });
    if (endpoint == endpoints.cend()) {
        QByteArrayList allowed;
        for (const Endpoint &candidate : std::as_const(endpoints))
            allowed.append(candidate.method);
        return Router::methodNotAllowed(allowed);
    }
    const bool manage = endpoint->manage;

    // A manage scope also lets its holder read, as Okta's manage scopes do.
    const Caller &caller = request.caller;
    if (manage ? !caller.hasScope(kManageScope)
               : !caller.hasScope(kReadScope) && !caller.hasScope(kManageScope))
        return ApiResponse::insufficientScope(manage ? kManageScope : kReadScope, request.path,
                                              request.baseUrl);
    return endpoint->run();
}

QJsonObject ReviewsApi::profileJson(const QString &userId) const
{
    const SandboxUser *user = m_directory.find(userId);
    if (!user)
        return QJsonObject{{QStringLiteral("id"), userId},
                           {QStringLiteral("status"), QStringLiteral("INACTIVE")},
                           {QStringLiteral("type"), QStringLiteral("UNKNOWN")}};
    return QJsonObject{{QStringLiteral("id"), user->id},
                       {QStringLiteral("email"), user->email},
                       {QStringLiteral("firstName"), user->firstName},
                       {QStringLiteral("lastName"), user->lastName},
                       {QStringLiteral("login"), user->login},
                       {QStringLiteral("status"), principalStatus(*user)},
                       {QStringLiteral("type"), QStringLiteral("USER")}};
}

QJsonObject ReviewsApi::reviewJson(const Review &review, const QString &baseUrl) const
{
    QJsonArray ids, profiles;
    for (const QString &id : review.reviewerIds) {
        ids.append(id);
        profiles.append(profileJson(id));
    }
    const QJsonObject userSettings{{QStringLiteral("includedUserIds"), ids},
                                   {QStringLiteral("includedUserProfiles"), profiles}};
    return QJsonObject{{QStringLiteral("id"), review.id},
                       {QStringLiteral("status"), reviewStatusName(review.status)},
                       {QStringLiteral("name"), review.name},
                       {QStringLiteral("endTime"), isoTime(review.endTime)},
                       {QStringLiteral("created"), isoTime(review.created)},
                       {QStringLiteral("createdBy"), review.createdBy},
                       {QStringLiteral("lastUpdated"), isoTime(review.lastUpdated)},
                       {QStringLiteral("lastUpdatedBy"), review.lastUpdatedBy},
                       {QStringLiteral("reviewerSettings"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("USER")},
                                    {QStringLiteral("userSettings"), userSettings}}},
                       {QStringLiteral("_links"), reviewLinks(baseUrl, review.id)}};
}

ApiResponse ReviewsApi::list(const ApiRequest &request)
{
    const ReviewPage page = m_store.list(pageRequest(request));
    if (page.error)
        return errorResponse(*page.error);
    QJsonArray data;
    for (const Review &review : page.reviews)
        data.append(reviewJson(review, request.baseUrl));
    return pagedResponse(request, data, page.nextCursor);
}

ApiResponse ReviewsApi::create(const ApiRequest &request)
{
    const std::optional<QJsonObject> body = bodyObject(request);
    if (!body)
        return RequestChecks::malformedBody();
    const ReviewResult result = m_store.create(*body, actorId(request));
    if (result.error)
        return errorResponse(*result.error);
    qCInfo(lcSandbox) << "review created" << result.review->id << "with"
                      << result.review->reviewerIds.size() << "reviewers";
    return ApiResponse::json(202, reviewJson(*result.review, request.baseUrl));
}

ApiResponse ReviewsApi::stats()
{
    const ReviewStats stats = m_store.stats();
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("activeCount"), stats.active},
                                              {QStringLiteral("pendingCount"), stats.pending},
                                              {QStringLiteral("errorCount"), stats.error},
                                              {QStringLiteral("closedCount"), stats.closed}});
}

ApiResponse ReviewsApi::get(const QString &id, const ApiRequest &request)
{
    const ReviewResult result = m_store.find(id);
    if (result.error)
        return errorResponse(*result.error);
    return ApiResponse::json(200, reviewJson(*result.review, request.baseUrl));
}

ApiResponse ReviewsApi::update(const QString &id, const ApiRequest &request)
{
    const std::optional<QJsonObject> body = bodyObject(request);
    if (!body)
        return RequestChecks::malformedBody();
    const ReviewResult result = m_store.update(id, *body, actorId(request));
    if (result.error)
        return errorResponse(*result.error);
    return ApiResponse::json(200, reviewJson(*result.review, request.baseUrl));
}

ApiResponse ReviewsApi::principal(const QString &id, const ApiRequest &request)
{
    const ReviewResult result = m_store.find(id);
    if (result.error)
        return errorResponse(*result.error);
    const SandboxUser *user = m_directory.find(result.review->principalId);
    if (!user)
        return ApiResponse::notFound(result.review->principalId);

    QJsonObject principal = profileJson(user->id);
    if (!user->department.isEmpty())
        principal.insert(QStringLiteral("department"), user->department);
    if (!user->manager.isEmpty())
        principal.insert(QStringLiteral("manager"), user->manager);
    if (!user->title.isEmpty())
        principal.insert(QStringLiteral("role"), user->title);
    if (user->lastLogin.isValid()) {
        // Plausible sign-in details, the same for the same user every time.
        static const QStringList devices = {QStringLiteral("MacBook Pro"),
                                            QStringLiteral("Windows 11 laptop"),
                                            QStringLiteral("iPhone 15"), QStringLiteral("Pixel 8")};
        static const QList<QStringList> places = {
            {QStringLiteral("San Francisco"), QStringLiteral("CA"), QStringLiteral("USA")},
            {QStringLiteral("Austin"), QStringLiteral("TX"), QStringLiteral("USA")},
            {QStringLiteral("Toronto"), QStringLiteral("ON"), QStringLiteral("Canada")},
            {QStringLiteral("München"), QStringLiteral("BY"), QStringLiteral("Germany")}};
        const quint32 n = stableNumber(user->id);
        const QStringList &place = places.at(n % places.size());
        principal.insert(
            QStringLiteral("lastLoginInfo"),
            QJsonObject{
                {QStringLiteral("date"), isoTime(user->lastLogin)},
                {QStringLiteral("device"), devices.at((n >> 2) % devices.size())},
                {QStringLiteral("ipAddress"), QStringLiteral("203.0.113.%1").arg(1 + n % 254)},
                {QStringLiteral("location"),
                 QJsonObject{{QStringLiteral("city"), place.at(0)},
                             {QStringLiteral("state"), place.at(1)},
                             {QStringLiteral("country"), place.at(2)}}}});
    }
    QJsonArray roles;
    if (user->superAdmin)
        roles.append(
            QJsonObject{{QStringLiteral("roleId"), QStringLiteral("SUPER_ADMIN")},
                        {QStringLiteral("roleName"), QStringLiteral("Super Administrator")}});
    principal.insert(QStringLiteral("oktaAdminRoles"), roles);
    principal.insert(QStringLiteral("_links"), reviewLinks(request.baseUrl, result.review->id));
    return ApiResponse::json(200, principal);
}

ApiResponse ReviewsApi::history(const QString &id, const ApiRequest &request)
{
    const HistoryPage page = m_store.history(id, pageRequest(request));
    if (page.error)
        return errorResponse(*page.error);
    QJsonArray data;
    for (const ReviewHistoryEntry &entry : page.entries) {
        QJsonObject item{{QStringLiteral("id"), entry.id},
                         {QStringLiteral("systemGenerated"), entry.systemGenerated},
                         {QStringLiteral("timestamp"), isoTime(entry.timestamp)},
                         {QStringLiteral("message"), entry.message}};
        if (!entry.actorId.isEmpty())
            item.insert(QStringLiteral("principalProfile"), profileJson(entry.actorId));
        data.append(item);
    }
    return pagedResponse(request, data, page.nextCursor);
}

ApiResponse ReviewsApi::actions(const QString &id)
{
    const ReviewResult result = m_store.find(id);
    if (result.error)
        return errorResponse(*result.error);
    QJsonArray data;
    for (const QString &action : ReviewStore::availableActions(result.review->status))
        data.append(QJsonObject{{QStringLiteral("actionType"), action}});
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("data"), data}});
}

ApiResponse ReviewsApi::act(const QString &id, const ApiRequest &request)
{
    const std::optional<QJsonObject> body = bodyObject(request);
    if (!body)
        return RequestChecks::malformedBody();
    if (const std::optional<ReviewError> error = m_store.act(id, *body, actorId(request)))
        return errorResponse(*error);
    qCInfo(lcSandbox) << "review action" << body->value(QStringLiteral("actionType")).toString()
                      << "on" << id;
    return ApiResponse::empty(202);
}

ApiResponse ReviewsApi::comment(const QString &id, const ApiRequest &request)
{
    const std::optional<QJsonObject> body = bodyObject(request);
    if (!body)
        return RequestChecks::malformedBody();
    if (const std::optional<ReviewError> error = m_store.comment(id, *body, actorId(request)))
        return errorResponse(*error);
    return ApiResponse::empty(204);
}

// A small, stable list of the apps the target can reach, once the review has been generated.
ApiResponse ReviewsApi::accesses(const QString &id, const ApiRequest &request)
{
    const ReviewResult result = m_store.find(id);
    if (result.error)
        return errorResponse(*result.error);
    const Review &review = *result.review;
    static const QStringList apps = {QStringLiteral("Salesforce"), QStringLiteral("GitHub"),
                                     QStringLiteral("Workday"),    QStringLiteral("AWS Console"),
                                     QStringLiteral("Slack"),      QStringLiteral("Jira")};
    static const QStringList severities = {QStringLiteral("LOW"), QStringLiteral("MEDIUM"),
                                           QStringLiteral("HIGH")};
    QJsonArray data;
    const bool generated =
        review.status == ReviewStatus::Active || review.status == ReviewStatus::Closed;
    const quint32 count = generated ? 2 + stableNumber(review.principalId) % 3 : 0;
    for (quint32 i = 0; i < count; ++i) {
        const quint32 n = stableNumber(review.principalId + QString::number(i));
        const QString &app = apps.at((stableNumber(review.principalId) + i) % apps.size());
        const QString appId = stableId(QStringLiteral("0oa"), app);
        const QJsonObject appInfo{
            {QStringLiteral("id"), appId},
            {QStringLiteral("name"), app},
            {QStringLiteral("label"), app},
            {QStringLiteral("logoUrl"), request.baseUrl + QStringLiteral("/assets/img/logos/") +
                                            appId + QStringLiteral(".png")},
            {QStringLiteral("assignedDate"), isoTime(review.created.addDays(-30 - int(n % 300)))},
            {QStringLiteral("assignmentType"),
             n % 2 ? QStringLiteral("GROUP") : QStringLiteral("INDIVIDUAL")},
            {QStringLiteral("applicationUsage"), int(n % 40)}};
        data.append(QJsonObject{
            {QStringLiteral("id"), stableId(QStringLiteral("aim"), review.id + app)},
            {QStringLiteral("type"), QStringLiteral("APPLICATION")},
            {QStringLiteral("name"), app},
            {QStringLiteral("resourceId"), appId},
            {QStringLiteral("severity"), severities.at(n % severities.size())},
            {QStringLiteral("supportedActions"), QJsonArray{QStringLiteral("REVOKE_ACCESS")}},
            {QStringLiteral("remediationStatus"), QStringLiteral("NONE")},
            {QStringLiteral("appInfo"), appInfo},
            {QStringLiteral("subAccessTypes"), QJsonArray{}}});
    }
    return pagedResponse(request, data, QString());
}

} // namespace triage::sandbox
