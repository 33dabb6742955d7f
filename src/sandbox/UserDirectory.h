#pragma once

#include "sandbox/SandboxConfig.h"
#include "sandbox/SandboxUser.h"

#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace triage::sandbox {

// The sandbox org's people: config.users generated users plus the signed-in analyst. Generated once
// from config.seed (same seed, same directory byte for byte) and never changed afterwards, so the
// pointers it hands out stay valid for its lifetime.
class UserDirectory
{
public:
    explicit UserDirectory(const SandboxConfig &config);

    // By id, or by login case-insensitively (as Okta resolves /api/v1/users/{idOrLogin}).
    const SandboxUser *find(const QString &idOrLogin) const;
    const SandboxUser &analyst() const;
    QList<const SandboxUser *> all() const; // ordered by id
    // True only for the analyst's login (any case) with config.password.
    bool checkPassword(const QString &login, const QString &password) const;

private:
    std::vector<SandboxUser> m_users; // ordered by id
    QHash<QString, qsizetype> m_indexById;
    QHash<QString, qsizetype> m_indexByLogin; // lower-cased login
    qsizetype m_analystIndex = 0;
    QString m_analystPassword;
};

} // namespace triage::sandbox
