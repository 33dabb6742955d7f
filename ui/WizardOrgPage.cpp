#include "WizardOrgPage.h"

#include "ConnectionWizard.h"
#include "SandboxLauncher.h"
#include "Theme.h"
#include "auth/OrgUrl.h"

#include <QButtonGroup>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

#include <utility>

namespace triage::ui {

WizardOrgPage::WizardOrgPage(ConnectionWizard &wizard)
    : m_wizard(wizard)
    , m_discovery(new auth::OrgDiscovery(wizard.network(), this))
    , m_notice(new QLabel(this))
    , m_oktaChoice(new QRadioButton(tr("Connect to my &Okta org"), this))
    , m_url(new QLineEdit(this))
    , m_sandboxChoice(
          new QRadioButton(tr("Use the built-in &sandbox org (no Okta tenant needed)"), this))
    , m_status(new QLabel(this))
{
    setTitle(tr("Which Okta org?"));
    setSubTitle(tr("Access Triage starts security access reviews in one Okta org. Enter its "
                   "address, or try everything on the built-in sandbox org first."));

    m_notice->setWordWrap(true);
    m_notice->setAccessibleName(tr("Notice"));
    Theme::setMessage(m_notice, {}, Theme::Tone::Warning);

    m_url->setPlaceholderText(tr("acme.okta.com"));
    m_url->setAccessibleName(tr("Okta org address"));
    m_url->setClearButtonEnabled(true);
    auto *urlHint = new QLabel(tr("The address you sign in to Okta with, e.g. acme.okta.com or "
                                  "a custom domain. It is checked before you go on."),
                               this);
    urlHint->setWordWrap(true);
    urlHint->setForegroundRole(QPalette::PlaceholderText);
    urlHint->setBuddy(m_url);

    auto *sandboxHint = new QLabel(tr("A local imitation of an Okta org, with made-up people, "
                                      "running inside Access Triage until you quit. Good for "
                                      "learning the flow."),
                                   this);
    sandboxHint->setWordWrap(true);
    sandboxHint->setForegroundRole(QPalette::PlaceholderText);

    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Org check result"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setMessage(m_status, {}, Theme::Tone::Neutral);

    auto *choices = new QButtonGroup(this);
    choices->addButton(m_oktaChoice);
    choices->addButton(m_sandboxChoice);
    m_oktaChoice->setChecked(true);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    layout->addWidget(m_notice);
    layout->addWidget(m_oktaChoice);
    auto *urlBox = new QVBoxLayout;
    urlBox->setContentsMargins(24, 0, 0, 0);
    urlBox->addWidget(m_url);
    urlBox->addWidget(urlHint);
    layout->addLayout(urlBox);
    layout->addSpacing(12);
    layout->addWidget(m_sandboxChoice);
    auto *sandboxBox = new QVBoxLayout;
    sandboxBox->setContentsMargins(24, 0, 0, 0);
    sandboxBox->addWidget(sandboxHint);
    layout->addLayout(sandboxBox);
    layout->addSpacing(12);
    layout->addWidget(m_status);
    layout->addStretch();

    connect(m_url, &QLineEdit::textChanged, this, &WizardOrgPage::onInputChanged);
    connect(m_url, &QLineEdit::textEdited, this, [this] { m_oktaChoice->setChecked(true); });
    connect(choices, &QButtonGroup::buttonToggled, this, &WizardOrgPage::onInputChanged);
    connect(m_discovery, &auth::OrgDiscovery::finished, this, &WizardOrgPage::onDiscovered);
    // Checked live once typing pauses, so a wrong address shows before Next is pressed.
    m_liveCheck.setSingleShot(true);
    m_liveCheck.setInterval(kLiveCheckDelayMs);
    connect(&m_liveCheck, &QTimer::timeout, this, [this] { checkTypedAddress(false); });
}

void WizardOrgPage::setNotice(const QString &text)
{
    Theme::setMessage(m_notice, text, Theme::Tone::Warning);
}

QString WizardOrgPage::statusText() const
{
    return m_status->text();
}

bool WizardOrgPage::isComplete() const
{
    // Next stays available during a check: pressing it moves on when the org answers.
    return m_sandboxChoice->isChecked() || !m_url->text().trimmed().isEmpty();
}

int WizardOrgPage::nextId() const
{
    return ConnectionWizard::AppPageId;
}

void WizardOrgPage::onInputChanged()
{
    m_verified.clear();
    m_advanceWhenChecked = false;
    if (m_checking) {
        m_discovery->abort();
        m_checking = false;
    }
    Theme::setMessage(m_status, {}, Theme::Tone::Neutral);
    if (m_oktaChoice->isChecked() && !m_url->text().trimmed().isEmpty())
        m_liveCheck.start();
    else
        m_liveCheck.stop();
    emit completeChanged();
}

void WizardOrgPage::checkTypedAddress(bool advanceWhenVerified)
{
    m_liveCheck.stop();
    const auth::OrgUrl org = auth::OrgUrl::fromUserInput(m_url->text());
    if (!org.isValid()) {
        Theme::setMessage(m_status, org.errorString(), Theme::Tone::Failure);
        return;
    }
    m_advanceWhenChecked = m_advanceWhenChecked || advanceWhenVerified;
    if (m_checking)
        return; // the check of this very text is running; its answer decides
    m_checking = true;
    Theme::setMessage(m_status, tr("Checking %1…").arg(org.host()), Theme::Tone::Neutral);
    m_discovery->check(org.url());
}

bool WizardOrgPage::validatePage()
{
    auth::OrgProfile &profile = m_wizard.profile();
    if (m_sandboxChoice->isChecked()) {
        QString error;
        if (!m_wizard.sandbox().isRunning() && !m_wizard.sandbox().start(0, &error)) {
            Theme::setMessage(m_status, error, Theme::Tone::Failure);
            return false;
        }
        profile = m_wizard.sandbox().profile();
        return true;
    }
    const auth::OrgUrl org = auth::OrgUrl::fromUserInput(m_url->text());
    if (org.isValid() && m_verified == org.url()) {
        if (profile.sandbox || profile.orgUrl != org.toString())
            profile = auth::OrgProfile{};
        profile.orgUrl = org.toString();
        return true;
    }
    // Not verified yet: check now (or let the running check finish) and move on when it answers.
    checkTypedAddress(true);
    return false;
}

void WizardOrgPage::onDiscovered(const auth::DiscoveryResult &result)
{
    if (!m_checking)
        return;
    m_checking = false;
    const bool advance = std::exchange(m_advanceWhenChecked, false);
    if (result.status != auth::DiscoveryResult::Status::Ok) {
        Theme::setMessage(m_status, result.message, Theme::Tone::Failure);
        return;
    }
    const auth::OrgUrl org = auth::OrgUrl::fromUserInput(m_url->text());
    m_verified = org.url();
    Theme::setMessage(m_status, tr("✓ %1 is an Okta org.").arg(org.host()), Theme::Tone::Success);
    if (advance && m_wizard.currentPage() == this)
        m_wizard.next();
}

} // namespace triage::ui
