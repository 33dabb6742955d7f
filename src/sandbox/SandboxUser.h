#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace triage::sandbox {

// One person in the sandbox directory, with the fields Okta's User object carries.
struct SandboxUser
{
    QString id;     // 20 chars, starts with 00u
    QString status; // ACTIVE, DEPROVISIONED, LOCKED_OUT, PASSWORD_EXPIRED, PROVISIONED, RECOVERY,
                    // STAGED, SUSPENDED
    QDateTime created, activated, statusChanged, lastLogin, lastUpdated,
        passwordChanged; // null allowed
    QString login, email, firstName, lastName, displayName, title, department, manager, managerId;
    QString typeId; // the user type (oty...), the same for the whole directory
    bool superAdmin = false;

    // Okta's wire form; baseUrl builds _links.self.
    QJsonObject toJson(const QString &baseUrl) const;

    // Okta's date form: ISO 8601 UTC with milliseconds, "2013-06-24T16:39:18.000Z"; null -> JSON
    // null.
    static QJsonValue dateToJson(const QDateTime &when);
};

} // namespace triage::sandbox
