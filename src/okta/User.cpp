#include "okta/User.h"

#include "okta/JsonReader.h"

namespace triage::okta {

QString User::displayName() const
{
    if (!profile.displayName.trimmed().isEmpty())
        return profile.displayName.trimmed();
    const QString fullName = QStringList{profile.firstName.trimmed(), profile.lastName.trimmed()}
                                 .join(QLatin1Char(' '))
                                 .trimmed();
    return fullName.isEmpty() ? profile.login : fullName;
}

std::optional<User> User::fromJson(const QJsonObject &json, QString *error)
{
    JsonReader r(json, QStringLiteral("user"));
    User user;
    user.id = r.string(QLatin1String("id"));
    user.status = r.string(QLatin1String("status"));
    user.created = r.dateTime(QLatin1String("created"), JsonReader::Optional);
    user.activated = r.dateTime(QLatin1String("activated"), JsonReader::Optional);
    user.statusChanged = r.dateTime(QLatin1String("statusChanged"), JsonReader::Optional);
    user.lastLogin = r.dateTime(QLatin1String("lastLogin"), JsonReader::Optional);
    user.lastUpdated = r.dateTime(QLatin1String("lastUpdated"), JsonReader::Optional);
    user.passwordChanged = r.dateTime(QLatin1String("passwordChanged"), JsonReader::Optional);

    JsonReader p(r.object(QLatin1String("profile")), QStringLiteral("user.profile"));
    user.profile.login = p.string(QLatin1String("login"));
    user.profile.email = p.string(QLatin1String("email"), JsonReader::Optional);
    user.profile.firstName = p.string(QLatin1String("firstName"), JsonReader::Optional);
    user.profile.lastName = p.string(QLatin1String("lastName"), JsonReader::Optional);
    user.profile.displayName = p.string(QLatin1String("displayName"), JsonReader::Optional);
    user.profile.title = p.string(QLatin1String("title"), JsonReader::Optional);
    user.profile.department = p.string(QLatin1String("department"), JsonReader::Optional);
    user.profile.manager = p.string(QLatin1String("manager"), JsonReader::Optional);
    r.adopt(p);

    if (!r.finish(error))
        return std::nullopt;
    return user;
}

} // namespace triage::okta
