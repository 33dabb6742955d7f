#pragma once

#include "auth/OrgProfile.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QSettings;

namespace triage::auth {

// The org profiles in QSettings (user scope): the one place that knows each key and default.
// Never stores a secret. Values are read defensively: a hand-edited or damaged entry is
// skipped, not trusted.
class ProfileStore
{
    Q_DECLARE_TR_FUNCTIONS(triage::auth::ProfileStore)
public:
    // Uses the application's user-scope settings.
    ProfileStore();
    // Uses `settings` (tests: a file in a temporary directory). Not owned.
    explicit ProfileStore(QSettings *settings);
    ~ProfileStore();

    QList<OrgProfile> profiles() const; // sorted by display name
    std::optional<OrgProfile> profile(const QString &id) const;
    // Validates first; `error` says what to fix.
    bool save(const OrgProfile &profile, QString *error = nullptr);
    void remove(const QString &id);

    QString currentProfileId() const; // empty when none or when it no longer exists
    void setCurrentProfileId(const QString &id);

private:
    std::unique_ptr<QSettings> m_owned;
    QSettings *m_settings;
};

} // namespace triage::auth
