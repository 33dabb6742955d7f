#include "WizardDonePage.h"

#include "ConnectionWizard.h"
#include "Theme.h"
#include "WizardSignInPage.h"
#include "auth/ProfileStore.h"

#include <QCheckBox>
#include <QLabel>
#include <QVBoxLayout>

namespace triage::ui {

WizardDonePage::WizardDonePage(ConnectionWizard &wizard)
    : m_wizard(wizard)
    , m_summary(new QLabel(this))
    , m_remember(new QCheckBox(this))
    , m_error(new QLabel(this))
{
    setTitle(tr("Ready"));
    setFinalPage(true);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setAccessibleName(tr("Summary"));
    m_error->setWordWrap(true);
    Theme::setMessage(m_error, {}, Theme::Tone::Failure);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(m_summary);
    layout->addWidget(m_remember);
    layout->addWidget(m_error);
    layout->addStretch();
}

QString WizardDonePage::summaryText() const
{
    return m_summary->text();
}

void WizardDonePage::initializePage()
{
    const auth::OrgProfile &profile = m_wizard.profile();
    setSubTitle(tr("Access Triage is connected."));
    m_summary->setText(
        tr("<p>Profile <b>%1</b>: %2, signed in as %3.</p><p>Next: pick the user to review, "
           "add up to ten reviewers and create the review. Its status shows in the list as it "
           "changes.</p>")
            .arg(profile.displayName.toHtmlEscaped(),
                 profile.org().url().authority().toHtmlEscaped(),
                 m_wizard.signInPage()->signedInAs().toHtmlEscaped()));
    if (profile.sandbox) {
        m_remember->setText(tr("&Remember the sandbox profile (start it again next time)"));
        m_remember->setChecked(false);
        m_remember->setEnabled(true);
    } else {
        m_remember->setText(tr("&Remember this profile and open it next time"));
        m_remember->setChecked(true);
        m_remember->setEnabled(false); // the wizard's point: a real org is always saved
    }
    Theme::setMessage(m_error, {}, Theme::Tone::Failure);
}

bool WizardDonePage::validatePage()
{
    if (!m_remember->isChecked())
        return true;
    QString error;
    if (!m_wizard.profiles().save(m_wizard.profile(), &error)) {
        Theme::setMessage(m_error, tr("The profile could not be saved: %1").arg(error),
                          Theme::Tone::Failure);
        return false;
    }
    m_wizard.profiles().setCurrentProfileId(m_wizard.profile().id);
    m_saved = true;
    return true;
}

} // namespace triage::ui
