#pragma once

#include "auth/OrgUrl.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace triage::auth {

// One Okta org the analyst signs in to, as the user set it up. Holds no secrets.
struct OrgProfile
{
    Q_DECLARE_TR_FUNCTIONS(triage::auth::OrgProfile)
public:
    static constexpr quint16 DefaultRedirectPort = 8765;

    QString id; // stable, [a-z0-9-]{1,40}; part of the keychain key
    QString displayName;
    QString orgUrl; // normalised (OrgUrl::toString())
    bool sandbox = false;
    QString clientId;
    quint16 redirectPort = DefaultRedirectPort;
    QStringList scopes; // empty: RequiredScopes::all()
    QString colour;     // "#rrggbb", to tell orgs apart at a glance; empty: none

    OrgUrl org() const; // parsed; invalid when orgUrl is
    // Exactly what the user registers in the Okta app: http://127.0.0.1:PORT/callback
    QString redirectUri() const;
    QStringList requestedScopes() const;
    QString keychainKey() const;

    // Empty when usable; otherwise what to fix (user-facing).
    QString validate() const;
    // An id derived from the display name, unique among `taken`.
    static QString makeId(const QString &displayName, const QStringList &taken);

    friend bool operator==(const OrgProfile &, const OrgProfile &) = default;
};

} // namespace triage::auth
