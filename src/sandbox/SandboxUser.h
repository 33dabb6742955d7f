#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace triage::sandbox {

// One person in the sandbox directory, with the fields Okta's User object carries.
struct SandboxUser
{
    QString id; // 20 chars, starts with 00u
    QString status; // ACTIVE, DEPROVISIONED, LOCKED_OUT, PASSWORD_EXPIRED, PROVISIONED, RECOVERY, STAGED, SUSPENDED
    QDateTime created, activated, statusChanged, lastLogin, lastUpdated, passwordChanged; // null allowed
    QString login, email, firstName, lastName, displayName, title, department, manager, managerId;
    bool superAdmin = false;

    // Okta's wire form; baseUrl builds _links.self.
    QJsonObject toJson(const QString &baseUrl) const;
};

} // namespace triage::sandbox
