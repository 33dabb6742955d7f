#pragma once

#include "auth/OrgDiscovery.h"
#include "auth/OrgProfile.h"
#include "auth/TokenSet.h"

#include <QWizard>

class QNetworkAccessManager;

namespace triage {
class Clock;
}
namespace triage::auth {
class ProfileStore;
}

namespace triage::ui {

class SandboxLauncher;
class WizardOrgPage;
class WizardAppSetupPage;
class WizardSignInPage;
class WizardDonePage;

// Sets up a connection to an org in four steps: the org (checked against its discovery
// document, or the built-in sandbox), the Okta app (client ID, the exact redirect URI, the
// scopes and the admin role, as a checklist), the browser sign-in (who signed in, each required
// scope granted or not) and done (the profile saved). The pages fill profile(); the tokens of
// the sign-in are handed over with takeTokens() after accept().
class ConnectionWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { OrgPageId, AppPageId, SignInPageId, DonePageId };

    ConnectionWizard(QNetworkAccessManager *network, const Clock &clock,
                     auth::ProfileStore &profiles, SandboxLauncher &sandbox,
                     QWidget *parent = nullptr);
    ~ConnectionWizard() override;

    // Skips straight to signing in with a profile that needs nothing else (--sandbox, a saved
    // profile whose sign-in ended).
    void startAtSignIn(const auth::OrgProfile &profile);
    // A line shown on the first page (e.g. "there is no profile named ...").
    void setNotice(const QString &text);

    auth::OrgProfile &profile() { return m_profile; }
    const auth::OrgProfile &profile() const { return m_profile; }
    auth::OrgEndpoints endpoints() const;
    auth::TokenSet takeTokens();

    QNetworkAccessManager *network() const { return m_network; }
    const Clock &clock() const { return m_clock; }
    auth::ProfileStore &profiles() const { return m_profiles; }
    SandboxLauncher &sandbox() const { return m_sandbox; }

    WizardOrgPage *orgPage() const { return m_orgPage; }
    WizardAppSetupPage *appPage() const { return m_appPage; }
    WizardSignInPage *signInPage() const { return m_signInPage; }
    WizardDonePage *donePage() const { return m_donePage; }

private:
    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    auth::ProfileStore &m_profiles;
    SandboxLauncher &m_sandbox;
    auth::OrgProfile m_profile;
    WizardOrgPage *m_orgPage;
    WizardAppSetupPage *m_appPage;
    WizardSignInPage *m_signInPage;
    WizardDonePage *m_donePage;
};

} // namespace triage::ui
