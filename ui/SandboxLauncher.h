#pragma once

#include "auth/OrgProfile.h"
#include "sandbox/SandboxConfig.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace triage::sandbox {
class SandboxOrg;
}

namespace triage::ui {

// Runs the built-in sandbox org inside the app (for --sandbox and the wizard's "use the sandbox
// org") and describes it as an org profile: its address, its registered client id and a loopback
// redirect URI on a port that was free when it started.
class SandboxLauncher
{
    Q_DECLARE_TR_FUNCTIONS(triage::ui::SandboxLauncher)
public:
    static constexpr auto kProfileId = "sandbox";

    // `base` is the sandbox configuration (the defaults unless a test wants a quicker org);
    // its port and redirect URIs are chosen here.
    explicit SandboxLauncher(sandbox::SandboxConfig base = {});
    ~SandboxLauncher();

    // Starts the org on a free port. `redirectPort` 0 picks a free one; a saved sandbox profile
    // passes its own so the profile stays valid. Starting again restarts with a fresh org.
    bool start(quint16 redirectPort = 0, QString *error = nullptr);
    bool isRunning() const { return m_org != nullptr; }
    sandbox::SandboxOrg *org() const { return m_org.get(); }

    // The profile of the running org ("Sandbox"), not saved anywhere by this class.
    auth::OrgProfile profile() const;
    QString analystLogin() const { return m_base.login; }
    QString analystPassword() const { return m_base.password; }

private:
    sandbox::SandboxConfig m_base;
    std::unique_ptr<sandbox::SandboxOrg> m_org;
    quint16 m_redirectPort = 0;
};

} // namespace triage::ui
