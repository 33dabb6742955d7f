#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace triage {
class Clock;
}

namespace triage::sandbox {

// Everything the okta-sandbox command line can set (see app/okta-sandbox/main.cpp and README).
struct SandboxConfig
{
    quint16 port = 0;                    // 0 = any free port
    int users = 250;                     // size of the generated directory
    quint32 seed = 1;                    // same seed, same directory
    double activationDelaySeconds = 3.0; // PENDING -> ACTIVE
    QString clientId = QStringLiteral("0oasandboxtriage0app");
    QStringList redirectUris = {QStringLiteral("http://127.0.0.1:8765/callback")};
    QString login = QStringLiteral("analyst@sandbox.example");
    QString password = QStringLiteral("sandbox-analyst");
    QString apiToken;        // empty: SSWS tokens are refused
    QStringList grantScopes; // empty: defaultGrantScopes()
    int accessTokenLifetimeSeconds = 3600;
    int authorizationCodeLifetimeSeconds = 60;
    int refreshTokenGraceSeconds = 30; // a rotated refresh token still works this long
    bool rateLimitsEnabled = true;
    QHash<QString, int> rateLimitOverrides; // family name -> requests per window
    const Clock *clock = nullptr;           // nullptr: Clock::system()

    static QStringList defaultGrantScopes();
};

} // namespace triage::sandbox
