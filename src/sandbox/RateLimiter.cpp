#include "sandbox/RateLimiter.h"

namespace triage::sandbox {

namespace {
// Unlimited families still report a budget, so that every answer carries the three headers.
constexpr int kReportedUnlimited = 10000;

struct FamilyDefault
{
    const char *family;
    int limit;
    int windowSeconds;
};

// Okta's published defaults for the endpoints the sandbox serves.
constexpr FamilyDefault kDefaults[] = {
    {"wellknown", 0, 60},     {"users.list", 600, 60},         {"users.item", 2000, 60},
    {"users.me", 40, 10},     {"oauth.authorize", 600, 60},    {"oauth.token", 600, 60},
    {"oauth.other", 600, 60}, {"governance.reviews", 600, 60}, {"default", 600, 60},
};
} // namespace

RateLimiter::RateLimiter(const SandboxConfig &config)
    : m_config(config)
{}

QString RateLimiter::familyFor(const QStringList &segments)
{
    const auto startsWith = [&](std::initializer_list<const char *> prefix) {
        if (segments.size() < qsizetype(prefix.size()))
            return false;
        qsizetype i = 0;
        for (const char *part : prefix) {
            if (segments.at(i++) != QLatin1String(part))
                return false;
        }
        return true;
    };
    if (startsWith({".well-known"}))
        return QStringLiteral("wellknown");
    if (startsWith({"api", "v1", "users"})) {
        if (segments.size() == 3)
            return QStringLiteral("users.list");
        if (segments.at(3) == QLatin1String("me"))
            return QStringLiteral("users.me");
        return QStringLiteral("users.item");
    }
    if (startsWith({"oauth2", "v1", "authorize"}))
        return QStringLiteral("oauth.authorize");
    if (startsWith({"oauth2", "v1", "token"}))
        return QStringLiteral("oauth.token");
    if (startsWith({"oauth2"}))
        return QStringLiteral("oauth.other");
    if (startsWith({"governance", "api", "v2", "security-access-reviews"}))
        return QStringLiteral("governance.reviews");
    return QStringLiteral("default");
}

RateLimiter::Budget RateLimiter::budgetFor(const QString &family) const
{
    Budget budget{600, 60};
    for (const auto &entry : kDefaults) {
        if (family == QLatin1String(entry.family))
            budget = {entry.limit, entry.windowSeconds};
    }
    if (budget.limit > 0 && m_config.rateLimitOverrides.contains(family))
        budget.limit = qMax(1, m_config.rateLimitOverrides.value(family));
    return budget;
}

RateLimiter::Decision RateLimiter::take(const QString &family, const QDateTime &now)
{
    const Budget budget = budgetFor(family);
    Window &window = m_windows[family];
    if (!window.start.isValid() || window.start.secsTo(now) >= budget.windowSeconds ||
        now < window.start) {
        window.start = now;
        window.used = 0;
    }
    ++window.used;

    Decision decision;
    decision.resetEpochSeconds = window.start.addSecs(budget.windowSeconds).toSecsSinceEpoch();
    if (budget.limit == 0) {
        decision.limit = kReportedUnlimited;
        decision.remaining = kReportedUnlimited;
        return decision;
    }
    decision.limit = budget.limit;
    decision.remaining = qMax(0, budget.limit - window.used);
    decision.allowed = !m_config.rateLimitsEnabled || window.used <= budget.limit;
    return decision;
}

} // namespace triage::sandbox
