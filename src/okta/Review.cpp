#include "okta/Review.h"

#include "okta/JsonReader.h"

namespace triage::okta {

namespace {
struct StatusName
{
    ReviewStatus status;
    QLatin1String name;
};
const StatusName kStatusNames[] = {{ReviewStatus::Pending, QLatin1String("PENDING")},
                                   {ReviewStatus::Active, QLatin1String("ACTIVE")},
                                   {ReviewStatus::Closed, QLatin1String("CLOSED")},
                                   {ReviewStatus::Error, QLatin1String("ERROR")}};

PrincipalProfile readProfile(JsonReader &r)
{
    PrincipalProfile p;
    p.id = r.string(QLatin1String("id"));
    p.email = r.string(QLatin1String("email"), JsonReader::Optional);
    p.firstName = r.string(QLatin1String("firstName"), JsonReader::Optional);
    p.lastName = r.string(QLatin1String("lastName"), JsonReader::Optional);
    p.login = r.string(QLatin1String("login"), JsonReader::Optional);
    p.status = r.string(QLatin1String("status"), JsonReader::Optional);
    p.type = r.string(QLatin1String("type"), JsonReader::Optional);
    return p;
}
} // namespace

ReviewStatus reviewStatusFromString(const QString &text)
{
    for (const auto &entry : kStatusNames) {
        if (text == entry.name)
            return entry.status;
    }
    return ReviewStatus::Unknown;
}

QString reviewStatusToString(ReviewStatus status)
{
    for (const auto &entry : kStatusNames) {
        if (status == entry.status)
            return entry.name;
    }
    return QStringLiteral("UNKNOWN");
}

QString PrincipalProfile::displayName() const
{
    const QString full = (firstName.trimmed() + QLatin1Char(' ') + lastName.trimmed()).trimmed();
    if (!full.isEmpty())
        return full;
    return login.isEmpty() ? id : login;
}

std::optional<PrincipalProfile> PrincipalProfile::fromJson(const QJsonObject &json, QString *error)
{
    JsonReader r(json, QStringLiteral("principalProfile"));
    PrincipalProfile p = readProfile(r);
    if (!r.finish(error))
        return std::nullopt;
    return p;
}

std::optional<Review> Review::fromJson(const QJsonObject &json, QString *error)
{
    JsonReader r(json, QStringLiteral("review"));
    Review review;
    review.id = r.string(QLatin1String("id"));
    review.statusText = r.string(QLatin1String("status"));
    review.status = reviewStatusFromString(review.statusText);
    review.name = r.string(QLatin1String("name"));
    review.endTime = r.dateTime(QLatin1String("endTime"));
    review.created = r.dateTime(QLatin1String("created"));
    review.lastUpdated = r.dateTime(QLatin1String("lastUpdated"), JsonReader::Optional);
    review.createdBy = r.string(QLatin1String("createdBy"), JsonReader::Optional);
    review.lastUpdatedBy = r.string(QLatin1String("lastUpdatedBy"), JsonReader::Optional);

    JsonReader settings(r.object(QLatin1String("reviewerSettings")),
                        QStringLiteral("review.reviewerSettings"));
    review.reviewerType = settings.string(QLatin1String("type"));
    JsonReader users(settings.object(QLatin1String("userSettings"), JsonReader::Optional),
                     QStringLiteral("review.reviewerSettings.userSettings"));
    review.reviewerIds = users.stringList(QLatin1String("includedUserIds"), JsonReader::Optional);
    const QJsonArray profiles =
        users.array(QLatin1String("includedUserProfiles"), JsonReader::Optional);
    for (qsizetype i = 0; i < profiles.size() && users.ok(); ++i) {
        const QString itemPath =
            users.path(QLatin1String("includedUserProfiles")) + QStringLiteral("[%1]").arg(i);
        if (!profiles.at(i).isObject()) {
            users.fail(itemPath + QStringLiteral(" is not an object"));
            break;
        }
        JsonReader pr(profiles.at(i).toObject(), itemPath);
        review.reviewers.append(readProfile(pr));
        users.adopt(pr);
    }
    settings.adopt(users);
    r.adopt(settings);

    const QJsonObject links = r.object(QLatin1String("_links"), JsonReader::Optional);
    for (auto it = links.begin(); it != links.end(); ++it) {
        // Links we don't understand (arrays, hints) are skipped, not fatal.
        const QJsonValue href = it.value().toObject().value(QLatin1String("href"));
        if (href.isString())
            review.links.insert(it.key(), QUrl(href.toString()));
    }
    JsonReader summary(r.object(QLatin1String("summary"), JsonReader::Optional),
                       QStringLiteral("review.summary"));
    review.summary = summary.string(QLatin1String("message"), JsonReader::Optional);
    r.adopt(summary);

    if (!r.finish(error))
        return std::nullopt;
    return review;
}

std::optional<ReviewStats> ReviewStats::fromJson(const QJsonObject &json, QString *error)
{
    JsonReader r(json, QStringLiteral("stats"));
    ReviewStats stats;
    stats.activeCount = r.integer(QLatin1String("activeCount"));
    stats.pendingCount = r.integer(QLatin1String("pendingCount"));
    stats.errorCount = r.integer(QLatin1String("errorCount"));
    stats.closedCount = r.integer(QLatin1String("closedCount"));
    if (stats.activeCount < 0 || stats.pendingCount < 0 || stats.errorCount < 0 ||
        stats.closedCount < 0)
        r.fail(QStringLiteral("stats has a negative count"));
    if (!r.finish(error))
        return std::nullopt;
    return stats;
}

std::optional<ReviewPrincipal> ReviewPrincipal::fromJson(const QJsonObject &json, QString *error)
{
    JsonReader r(json, QStringLiteral("principal"));
    ReviewPrincipal principal;
    principal.profile = readProfile(r);
    principal.department = r.string(QLatin1String("department"), JsonReader::Optional);
    principal.manager = r.string(QLatin1String("manager"), JsonReader::Optional);
    principal.role = r.string(QLatin1String("role"), JsonReader::Optional);
    JsonReader login(r.object(QLatin1String("lastLoginInfo"), JsonReader::Optional),
                     QStringLiteral("principal.lastLoginInfo"));
    principal.lastLogin = login.dateTime(QLatin1String("date"), JsonReader::Optional);
    r.adopt(login);
    const QJsonArray roles = r.array(QLatin1String("oktaAdminRoles"), JsonReader::Optional);
    for (qsizetype i = 0; i < roles.size() && r.ok(); ++i) {
        JsonReader role(roles.at(i).toObject(),
                        QStringLiteral("principal.oktaAdminRoles[%1]").arg(i));
        if (!roles.at(i).isObject())
            role.fail(QStringLiteral("principal.oktaAdminRoles[%1] is not an object").arg(i));
        principal.adminRoles.append(role.string(QLatin1String("roleName")));
        r.adopt(role);
    }
    if (!r.finish(error))
        return std::nullopt;
    return principal;
}

std::optional<ReviewHistoryItem> ReviewHistoryItem::fromJson(const QJsonObject &json,
                                                             QString *error)
{
    JsonReader r(json, QStringLiteral("historyItem"));
    ReviewHistoryItem item;
    item.id = r.string(QLatin1String("id"));
    item.systemGenerated = r.boolean(QLatin1String("systemGenerated"));
    item.timestamp = r.dateTime(QLatin1String("timestamp"));
    item.message = r.string(QLatin1String("message"));
    const QJsonObject actor = r.object(QLatin1String("principalProfile"), JsonReader::Optional);
    if (!actor.isEmpty()) {
        JsonReader pr(actor, QStringLiteral("historyItem.principalProfile"));
        item.actor = readProfile(pr);
        r.adopt(pr);
    }
    if (!r.finish(error))
        return std::nullopt;
    return item;
}

} // namespace triage::okta
