#include "sandbox/SandboxUser.h"

namespace triage::sandbox {

namespace {
// Okta writes unset optional profile attributes as null rather than leaving them out.
QJsonValue optionalText(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}
} // namespace

QJsonValue SandboxUser::dateToJson(const QDateTime &when)
{
    if (!when.isValid())
        return QJsonValue::Null;
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject SandboxUser::toJson(const QString &baseUrl) const
{
    const QJsonObject profile{{QStringLiteral("login"), login},
                              {QStringLiteral("email"), email},
                              {QStringLiteral("firstName"), firstName},
                              {QStringLiteral("lastName"), lastName},
                              {QStringLiteral("displayName"), optionalText(displayName)},
                              {QStringLiteral("title"), optionalText(title)},
                              {QStringLiteral("department"), optionalText(department)},
                              {QStringLiteral("manager"), optionalText(manager)},
                              {QStringLiteral("managerId"), optionalText(managerId)},
                              {QStringLiteral("mobilePhone"), QJsonValue::Null},
                              {QStringLiteral("secondEmail"), QJsonValue::Null}};
    const QJsonObject provider{{QStringLiteral("type"), QStringLiteral("OKTA")},
                               {QStringLiteral("name"), QStringLiteral("OKTA")}};
    QJsonObject credentials{{QStringLiteral("provider"), provider}};
    if (passwordChanged.isValid())
        credentials.insert(QStringLiteral("password"), QJsonObject{});
    const QJsonObject self{
        {QStringLiteral("href"), QStringLiteral("%1/api/v1/users/%2").arg(baseUrl, id)}};

    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("created"), dateToJson(created)},
                       {QStringLiteral("activated"), dateToJson(activated)},
                       {QStringLiteral("statusChanged"), dateToJson(statusChanged)},
                       {QStringLiteral("lastLogin"), dateToJson(lastLogin)},
                       {QStringLiteral("lastUpdated"), dateToJson(lastUpdated)},
                       {QStringLiteral("passwordChanged"), dateToJson(passwordChanged)},
                       {QStringLiteral("type"), QJsonObject{{QStringLiteral("id"), typeId}}},
                       {QStringLiteral("profile"), profile},
                       {QStringLiteral("credentials"), credentials},
                       {QStringLiteral("_links"), QJsonObject{{QStringLiteral("self"), self}}}};
}

} // namespace triage::sandbox
