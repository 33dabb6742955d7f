#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace triage::auth {

// One required scope and whether the org granted it, with what to do when it did not.
struct ScopeStatus
{
    QString scope;
    bool granted = false;
    QString advice; // user-facing, empty when granted
};

// The scopes Access Triage asks for, and the check of what the token response granted.
class RequiredScopes
{
    Q_DECLARE_TR_FUNCTIONS(triage::auth::RequiredScopes)
public:
    static QStringList all();
    static QList<ScopeStatus> check(const QStringList &granted);
    static QStringList missing(const QStringList &granted);
};

} // namespace triage::auth
