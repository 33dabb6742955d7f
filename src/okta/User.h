#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace triage::okta {

// An Okta user as /api/v1/users returns it (the fields Access Triage shows or needs).
struct User
{
    QString id;     // 20 chars, 00u...
    QString status; // ACTIVE, DEPROVISIONED, LOCKED_OUT, ... (kept as text: new values appear)
    QDateTime created, activated, statusChanged, lastLogin, lastUpdated,
        passwordChanged; // may be null

    struct Profile
    {
        QString login, email, firstName, lastName, displayName, title, department, manager;
    } profile;

    bool isActive() const { return status == QLatin1String("ACTIVE"); }
    // profile.displayName, else "first last", else login.
    QString displayName() const;

    static std::optional<User> fromJson(const QJsonObject &json, QString *error = nullptr);
};

} // namespace triage::okta
