#include "ConnectionWizard.h"

#include "WizardAppSetupPage.h"
#include "WizardDonePage.h"
#include "WizardOrgPage.h"
#include "WizardSignInPage.h"

#include <QApplication>
#include <QIcon>

namespace triage::ui {

ConnectionWizard::ConnectionWizard(QNetworkAccessManager *network, const Clock &clock,
                                   auth::ProfileStore &profiles, SandboxLauncher &sandbox,
                                   QWidget *parent)
    : QWizard(parent)
    , m_network(network)
    , m_clock(clock)
    , m_profiles(profiles)
    , m_sandbox(sandbox)
    , m_orgPage(new WizardOrgPage(*this))
    , m_appPage(new WizardAppSetupPage(*this))
    , m_signInPage(new WizardSignInPage(*this))
    , m_donePage(new WizardDonePage(*this))
{
    setWindowTitle(tr("Connect Access Triage to Okta"));
    setObjectName(QStringLiteral("connectionWizard"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    const QIcon icon(QStringLiteral(":/icons/access-triage.svg"));
    setWindowIcon(icon);
    // Drawn for the sharpest screen (2x and more), from the SVG.
    setPixmap(QWizard::LogoPixmap, icon.pixmap(QSize(48, 48), qApp->devicePixelRatio()));
    setPage(OrgPageId, m_orgPage);
    setPage(AppPageId, m_appPage);
    setPage(SignInPageId, m_signInPage);
    setPage(DonePageId, m_donePage);
    setStartId(OrgPageId);
    setButtonText(QWizard::FinishButton, tr("&Open Access Triage"));
    setMinimumSize(720, 560);
}

ConnectionWizard::~ConnectionWizard() = default;

void ConnectionWizard::startAtSignIn(const auth::OrgProfile &profile)
{
    m_profile = profile;
    setStartId(SignInPageId);
    restart();
}

void ConnectionWizard::setNotice(const QString &text)
{
    m_orgPage->setNotice(text);
}

auth::OrgEndpoints ConnectionWizard::endpoints() const
{
    return m_signInPage->endpoints();
}

auth::TokenSet ConnectionWizard::takeTokens()
{
    return m_signInPage->takeTokens();
}

} // namespace triage::ui
