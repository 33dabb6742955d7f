#pragma once

#include "sandbox/SandboxConfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

namespace triage::sandbox {

// Okta-style rate limits: each endpoint family has a fixed window (about a minute) and a request
// budget; every answer reports the budget in X-Rate-Limit-* headers.
class RateLimiter
{
public:
    struct Decision
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        qint64 resetEpochSeconds = 0; // UTC epoch seconds
    };

    explicit RateLimiter(const SandboxConfig &config);

    // Which family a request belongs to, e.g. "users.list", "users.me", "oauth.token".
    static QString familyFor(const QStringList &segments);

    // Counts one request against its family's window and says whether it may go through.
    Decision take(const QString &family, const QDateTime &now);

private:
    struct Window
    {
        QDateTime start;
        int used = 0;
    };
    struct Budget
    {
        int limit = 0; // 0: unlimited
        int windowSeconds = 60;
    };
    Budget budgetFor(const QString &family) const;

    const SandboxConfig &m_config;
    QHash<QString, Window> m_windows;
};

} // namespace triage::sandbox
