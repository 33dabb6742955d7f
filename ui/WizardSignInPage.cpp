#include "WizardSignInPage.h"

#include "ConnectionWizard.h"
#include "SandboxLauncher.h"
#include "Theme.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace triage::ui {

WizardSignInPage::WizardSignInPage(ConnectionWizard &wizard)
    : m_wizard(wizard)
    , m_intro(new QLabel(this))
    , m_sandboxHint(new QLabel(this))
    , m_signIn(new QPushButton(tr("&Sign in with the browser"), this))
    , m_progress(new QProgressBar(this))
    , m_waiting(new QLabel(this))
    , m_cancel(new QPushButton(tr("&Cancel sign-in"), this))
    , m_copyLink(new QPushButton(tr("Copy sign-in &link"), this))
    , m_result(new QLabel(this))
    , m_scopes(new QWidget(this))
    , m_scopeRows(new QVBoxLayout(m_scopes))
{
    setTitle(tr("Sign in"));
    m_intro->setWordWrap(true);
    m_sandboxHint->setWordWrap(true);
    m_sandboxHint->setTextFormat(Qt::RichText);
    m_sandboxHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sandboxHint->setAccessibleName(tr("Sandbox account"));
    m_signIn->setIcon(QIcon(QStringLiteral(":/icons/browser.svg")));
    m_signIn->setAccessibleName(tr("Sign in with the browser"));
    m_signIn->setDefault(true);
    // The one thing to do on this page: make it look like it.
    m_signIn->setMinimumHeight(m_signIn->sizeHint().height() + 8);
    QFont emphasis = m_signIn->font();
    emphasis.setBold(true);
    m_signIn->setFont(emphasis);
    m_progress->setRange(0, 0); // busy: we can't know how long the person takes
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->setAccessibleName(tr("Waiting for the browser"));
    m_cancel->setAccessibleName(tr("Cancel sign-in"));
    m_copyLink->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    m_copyLink->setToolTip(tr("Copy the sign-in address, to open it in another browser"));
    m_waiting->setWordWrap(true);
    m_result->setWordWrap(true);
    m_result->setAccessibleName(tr("Sign-in result"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scopeRows->setContentsMargins(0, 0, 0, 0);
    m_scopeRows->setSpacing(4);
    m_scopes->setAccessibleName(tr("Required scopes"));

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_signIn);
    actions->addStretch();
    auto *waitRow = new QHBoxLayout;
    waitRow->addWidget(m_waiting, 1);
    waitRow->addWidget(m_copyLink);
    waitRow->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_intro);
    layout->addWidget(m_sandboxHint);
    layout->addLayout(actions);
    layout->addWidget(m_progress);
    layout->addLayout(waitRow);
    layout->addWidget(m_result);
    layout->addWidget(m_scopes);
    layout->addStretch();

    connect(m_signIn, &QPushButton::clicked, this, &WizardSignInPage::startSignIn);
    connect(m_cancel, &QPushButton::clicked, this, &WizardSignInPage::cancelSignIn);
    connect(m_copyLink, &QPushButton::clicked, this, [this] {
        if (m_flow)
            QGuiApplication::clipboard()->setText(m_flow->authorizeUrl().toString());
    });
    setWaiting(false);
}

WizardSignInPage::~WizardSignInPage()
{
    forgetTokens();
}

void WizardSignInPage::initializePage()
{
    const auth::OrgProfile &profile = m_wizard.profile();
    const QString host = profile.org().url().authority(); // with the sandbox's port
    setSubTitle(tr("Profile \"%1\" on %2.").arg(profile.displayName, host));
    if (profile.sandbox) {
        setTitle(tr("Sign in to the sandbox org"));
        m_intro->setText(tr("Your browser opens the sandbox org's sign-in page (%1). Sign in "
                            "with its test account; when the browser says you are done, come "
                            "back here.")
                             .arg(host));
        const auto nowrap = [](const QString &text) {
            return QStringLiteral("<b style=\"white-space:nowrap\">%1</b>")
                .arg(text.toHtmlEscaped());
        };
        m_sandboxHint->setText(tr("Test account: username %1, password %2.")
                                   .arg(nowrap(m_wizard.sandbox().analystLogin()),
                                        nowrap(m_wizard.sandbox().analystPassword())));
    } else {
        setTitle(tr("Sign in"));
        m_intro->setText(tr("Access Triage opens the sign-in page of %1 in your browser. Sign "
                            "in there as an administrator; when the browser says you are done, "
                            "come back here.")
                             .arg(host));
    }
    m_sandboxHint->setVisible(profile.sandbox);
    m_signIn->setText(tr("&Sign in with the browser"));
    Theme::setMessage(m_result, {}, Theme::Tone::Neutral);
    showScopes({});
    m_signIn->setFocus();
}

void WizardSignInPage::cleanupPage()
{
    cancelSignIn();
    forgetTokens();
    m_signedIn = false;
}

bool WizardSignInPage::isComplete() const
{
    return m_signedIn;
}

int WizardSignInPage::nextId() const
{
    return ConnectionWizard::DonePageId;
}

bool WizardSignInPage::isWaiting() const
{
    return m_flow && m_flow->isRunning();
}

QString WizardSignInPage::resultText() const
{
    return m_result->text();
}

QStringList WizardSignInPage::scopeLines() const
{
    return m_scopeLines;
}

auth::TokenSet WizardSignInPage::takeTokens()
{
    auth::TokenSet tokens = std::move(m_tokens);
    m_tokens = {};
    return tokens;
}

void WizardSignInPage::forgetTokens()
{
    m_tokens.wipe();
}

void WizardSignInPage::startSignIn()
{
    cancelSignIn();
    forgetTokens();
    m_signedIn = false;
    emit completeChanged();
    Theme::setMessage(m_result, {}, Theme::Tone::Neutral);
    showScopes({});
    m_flow =
        new auth::BrowserSignIn(m_wizard.network(), m_wizard.profile(), m_wizard.clock(), this);
    connect(m_flow, &auth::BrowserSignIn::openUrlRequested, this,
            [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(m_flow, &auth::BrowserSignIn::finished, this, &WizardSignInPage::onFinished);
    setWaiting(true);
    m_flow->start();
}

void WizardSignInPage::cancelSignIn()
{
    if (m_flow && m_flow->isRunning())
        m_flow->cancel(); // finished(Cancelled) resets the page
}

void WizardSignInPage::onFinished(auth::BrowserSignIn::Result result, const QString &message)
{
    auto *flow = qobject_cast<auth::BrowserSignIn *>(sender());
    setWaiting(false);
    if (result != auth::BrowserSignIn::Result::Success) {
        const auto tone = result == auth::BrowserSignIn::Result::Cancelled ? Theme::Tone::Neutral
                                                                           : Theme::Tone::Failure;
        Theme::setMessage(m_result,
                          tone == Theme::Tone::Failure ? tr("✗ %1").arg(message) : message, tone);
        m_signIn->setText(tr("&Try again"));
        m_signIn->setFocus();
        if (flow)
            flow->deleteLater();
        return;
    }
    m_tokens = flow->takeTokens();
    m_endpoints = flow->endpoints();
    const QList<auth::ScopeStatus> scopes = flow->scopeReport();
    flow->deleteLater();
    m_signedIn = true;
    QString who = m_tokens.displayName.isEmpty() ? m_tokens.userName : m_tokens.displayName;
    if (!m_tokens.userName.isEmpty() && m_tokens.userName != who)
        who = tr("%1 (%2)").arg(who, m_tokens.userName);
    m_who = who;
    const bool allGranted =
        std::all_of(scopes.cbegin(), scopes.cend(), [](const auto &s) { return s.granted; });
    Theme::setMessage(m_result,
                      allGranted ? tr("✓ Signed in as %1. Every required scope is granted.")
                                       .arg(who.isEmpty() ? tr("an unnamed user") : who)
                                 : tr("Signed in as %1, but some scopes are missing: fix them "
                                      "below and sign in again, or go on and fix them later.")
                                       .arg(who.isEmpty() ? tr("an unnamed user") : who),
                      allGranted ? Theme::Tone::Success : Theme::Tone::Warning);
    showScopes(scopes);
    m_signIn->setText(tr("Sign in &again"));
    emit completeChanged();
    if (QWidget *next = m_wizard.button(QWizard::NextButton))
        next->setFocus();
}

void WizardSignInPage::showScopes(const QList<auth::ScopeStatus> &scopes)
{
    while (QLayoutItem *item = m_scopeRows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_scopeLines.clear();
    for (const auth::ScopeStatus &scope : scopes) {
        auto *row = new QLabel(m_scopes);
        row->setWordWrap(true);
        row->setTextInteractionFlags(Qt::TextSelectableByMouse);
        const QString line = scope.granted ? tr("✓ %1").arg(scope.scope)
                                           : tr("✗ %1: %2").arg(scope.scope, scope.advice);
        Theme::setMessage(row, line, scope.granted ? Theme::Tone::Success : Theme::Tone::Failure);
        row->setAccessibleName(scope.granted ? tr("%1 granted").arg(scope.scope)
                                             : tr("%1 missing").arg(scope.scope));
        m_scopeRows->addWidget(row);
        m_scopeLines << line;
    }
    m_scopes->setVisible(!scopes.isEmpty());
}

void WizardSignInPage::setWaiting(bool waiting)
{
    m_progress->setVisible(waiting);
    m_waiting->setVisible(waiting);
    m_cancel->setVisible(waiting);
    m_copyLink->setVisible(waiting);
    m_signIn->setEnabled(!waiting);
    if (waiting) {
        m_waiting->setText(tr("Waiting for you to sign in with the browser… If no browser "
                              "opened, copy the sign-in link into one."));
        m_cancel->setFocus();
    }
}

} // namespace triage::ui
