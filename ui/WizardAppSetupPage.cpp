#include "WizardAppSetupPage.h"

#include "ConnectionWizard.h"
#include "Theme.h"
#include "auth/ProfileStore.h"
#include "auth/RequiredScopes.h"

#include <QClipboard>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace triage::ui {

namespace {
// Profile colours, told apart in the status bar; the next unused one is offered.
const char *const kProfileColours[] = {"#1f5fa8", "#8e44ad", "#c0392b", "#d35400", "#16a085"};

QString suggestedName(const auth::OrgProfile &profile)
{
    const QString host = profile.org().host();
    const QString first = host.section(QLatin1Char('.'), 0, 0);
    return first.isEmpty() ? host : first;
}
} // namespace

WizardAppSetupPage::WizardAppSetupPage(ConnectionWizard &wizard)
    : m_wizard(wizard)
    , m_name(new QLineEdit(this))
    , m_clientId(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_redirectUri(new QLineEdit(this))
    , m_copy(new QPushButton(tr("Cop&y"), this))
    , m_checklist(new QLabel(this))
    , m_error(new QLabel(this))
{
    setTitle(tr("The Okta app for Access Triage"));
    setSubTitle(tr("Access Triage signs you in through an OpenID Connect app in your org. Set "
                   "it up once as below, then enter its client ID."));

    m_name->setAccessibleName(tr("Profile name"));
    m_clientId->setAccessibleName(tr("Client ID"));
    m_clientId->setPlaceholderText(tr("0oa… (Applications > the app > General)"));
    m_port->setRange(1024, 65535);
    m_port->setAccessibleName(tr("Redirect port"));
    m_redirectUri->setReadOnly(true);
    m_redirectUri->setAccessibleName(tr("Redirect URI to register"));
    m_copy->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    m_copy->setAccessibleName(tr("Copy the redirect URI"));
    m_copy->setToolTip(tr("Copy the redirect URI to the clipboard"));
    m_checklist->setWordWrap(true);
    m_checklist->setTextFormat(Qt::RichText);
    m_checklist->setOpenExternalLinks(true);
    m_checklist->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_checklist->setAccessibleName(tr("Setup checklist"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Problem"));
    Theme::setMessage(m_error, {}, Theme::Tone::Failure);

    auto *uriRow = new QHBoxLayout;
    uriRow->addWidget(m_redirectUri, 1);
    uriRow->addWidget(m_copy);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("Profile na&me:"), m_name);
    form->addRow(tr("&Client ID:"), m_clientId);
    form->addRow(tr("Redirect &port:"), m_port);
    auto *uriLabel = new QLabel(tr("&Redirect URI:"), this);
    uriLabel->setBuddy(m_redirectUri);
    form->addRow(uriLabel, uriRow);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addWidget(m_checklist);
    layout->addWidget(m_error);
    layout->addStretch();

    setTabOrder(m_name, m_clientId);
    setTabOrder(m_clientId, m_port);
    setTabOrder(m_port, m_redirectUri);
    setTabOrder(m_redirectUri, m_copy);

    connect(m_name, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_clientId, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_port, &QSpinBox::valueChanged, this, &WizardAppSetupPage::updateRedirectUri);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_redirectUri->text());
        m_copy->setText(tr("Copied"));
    });
}

QString WizardAppSetupPage::checklistHtml(const QString &redirectUri)
{
    QStringList apiScopes;
    for (const QString &scope : auth::RequiredScopes::all()) {
        if (scope.startsWith(QLatin1String("okta.")))
            apiScopes << QStringLiteral("<code>%1</code>").arg(scope.toHtmlEscaped());
    }
    return tr("<p><b>In the Okta Admin Console</b> (<a href=\"https://developer.okta.com/docs/"
              "reference/rest/#user-based-api-access-setup\">Okta's guide</a>):</p><ol>"
              "<li>Applications &gt; Create App Integration: <b>OIDC - OpenID Connect</b>, "
              "<b>Native Application</b>.</li>"
              "<li>Grant types: <b>Authorization Code</b> and <b>Refresh Token</b>; client "
              "authentication <b>None</b> with PKCE.</li>"
              "<li>Sign-in redirect URI: exactly <code>%1</code></li>"
              "<li>Okta API Scopes tab: <b>Grant</b> %2.</li>"
              "<li>Assign the app to yourself. Your admin role: <b>Super Administrator</b>, or a "
              "<a href=\"https://help.okta.com/oie/en-us/content/topics/security/custom-admin-"
              "role/create-role.htm\">custom admin role</a> with the security access review "
              "permission (<a href=\"https://developer.okta.com/docs/api/iga/\">Identity "
              "Governance API</a>).</li></ol>")
        .arg(redirectUri.toHtmlEscaped(), apiScopes.join(QStringLiteral(", ")));
}

void WizardAppSetupPage::initializePage()
{
    const auth::OrgProfile &profile = m_wizard.profile();
    const bool sandbox = profile.sandbox;
    m_name->setText(profile.displayName.isEmpty() ? suggestedName(profile) : profile.displayName);
    m_clientId->setText(profile.clientId);
    m_clientId->setReadOnly(sandbox);
    m_port->setValue(profile.redirectPort);
    m_port->setEnabled(!sandbox);
    updateRedirectUri();
    Theme::setMessage(m_error, {}, Theme::Tone::Failure);
    if (sandbox) {
        setSubTitle(tr("The sandbox org already has an app for Access Triage, registered with "
                       "this client ID and redirect URI. Nothing to set up: just go on."));
        m_checklist->setText(
            tr("<p>With a real org you would create this app yourself; the steps are:</p>") +
            checklistHtml(m_redirectUri->text()));
    } else {
        m_checklist->setText(checklistHtml(m_redirectUri->text()));
    }
}

void WizardAppSetupPage::updateRedirectUri()
{
    auth::OrgProfile probe;
    probe.redirectPort = quint16(m_port->value());
    m_redirectUri->setText(probe.redirectUri());
    m_copy->setText(tr("Cop&y"));
    if (!m_wizard.profile().sandbox)
        m_checklist->setText(checklistHtml(m_redirectUri->text()));
}

QString WizardAppSetupPage::errorText() const
{
    return m_error->text();
}

bool WizardAppSetupPage::isComplete() const
{
    return !m_name->text().trimmed().isEmpty() && !m_clientId->text().trimmed().isEmpty();
}

bool WizardAppSetupPage::validatePage()
{
    auth::OrgProfile candidate = m_wizard.profile();
    candidate.displayName = m_name->text().trimmed();
    candidate.clientId = m_clientId->text().trimmed();
    candidate.redirectPort = quint16(m_port->value());
    if (candidate.id.isEmpty()) {
        QStringList taken;
        for (const auth::OrgProfile &existing : m_wizard.profiles().profiles())
            taken << existing.id;
        candidate.id = auth::OrgProfile::makeId(candidate.displayName, taken);
        candidate.colour =
            QLatin1String(kProfileColours[taken.size() % std::size(kProfileColours)]);
    }
    if (const QString problem = candidate.validate(); !problem.isEmpty()) {
        Theme::setMessage(m_error, problem, Theme::Tone::Failure);
        return false;
    }
    m_wizard.profile() = candidate;
    return true;
}

} // namespace triage::ui
