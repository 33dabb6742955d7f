#include "MainWindow.h"

#include "AppController.h"
#include "CommandLine.h"
#include "DraftModel.h"
#include "ReviewForm.h"
#include "ReviewListModel.h"
#include "ReviewerPicker.h"
#include "ReviewsPanel.h"
#include "StatusBar.h"
#include "Theme.h"
#include "UserCard.h"
#include "UserSearchPanel.h"
#include "common/Clock.h"
#include "reviews/ReviewTracker.h"

#include <QAction>
#include <QCloseEvent>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace triage::ui {

MainWindow::MainWindow(OrgServices &org, QWidget *parent)
    : QMainWindow(parent)
    , m_org(org)
    , m_draft(new DraftModel(org.clock(), this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_bannerSignIn(new QPushButton(tr("&Sign in…"), m_banner))
    , m_bannerStay(new QPushButton(tr("Stay signed in for this &session only"), m_banner))
    , m_targetSearch(new UserSearchPanel(org.targetUsers()))
    , m_card(new UserCard)
    , m_picker(new ReviewerPicker(*m_draft, org.reviewerUsers()))
    , m_form(new ReviewForm(*m_draft, org.creator(), org.preflight(), org.orgHost()))
    , m_reviews(new ReviewsPanel(org.reviews(), org.orgHost(), org.clock()))
    , m_status(new StatusBar(org, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Access Triage — %1").arg(org.profile().displayName));
    setWindowIcon(QIcon(QStringLiteral(":/icons/access-triage.svg")));

    m_targetSearch->setLabelText(tr("&Target user:"));
    m_targetSearch->setPlaceholderText(tr("Name, login or email of the user to review"));
    m_form->setIndex(org.index());
    m_reviews->setIndex(org.index());
    m_reviews->setTracker(&org.tracker());
    m_reviews->setOrgUrl(org.profile().org().url());

    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->hide();
    m_banner->setAutoFillBackground(true);
    m_banner->setAccessibleName(tr("Session"));
    m_bannerText->setWordWrap(true);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(12, 8, 8, 8);
    // Wrapped text needs the height its width asks for, whatever the text becomes.
    bannerLayout->setSizeConstraint(QLayout::SetMinimumSize);
    m_bannerText->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::MinimumExpanding);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_bannerStay);
    bannerLayout->addWidget(m_bannerSignIn);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->addWidget(m_banner);
    auto *splitter = new QSplitter(Qt::Vertical, central);
    splitter->setChildrenCollapsible(false);
    m_workflow = buildWorkflow();
    splitter->addWidget(m_workflow);
    splitter->addWidget(m_reviews);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({470, 330});
    layout->addWidget(splitter, 1);
    setCentralWidget(central);
    setStatusBar(m_status);
    buildMenus();

    // Keyboard order follows the work: target, reviewer, name, end date, create, then the list.
    setTabOrder(m_targetSearch->searchField(), m_picker->search()->searchField());
    setTabOrder(m_picker->search()->searchField(), m_form->nameField());

    connect(m_targetSearch, &UserSearchPanel::userChosen, m_draft, &DraftModel::setTarget);
    connect(m_draft, &DraftModel::targetChanged, this, [this] {
        m_card->setUser(m_draft->draft().target());
        if (m_draft->draft().target())
            m_picker->search()->searchField()->setFocus();
    });
    connect(m_form, &ReviewForm::reviewCreated, this,
            [this](const okta::Review &review, const QString &targetName) {
                m_reviews->addCreatedReview(review, targetName);
                m_targetSearch->clear();
                m_picker->search()->clear();
            });
    connect(m_reviews, &ReviewsPanel::refreshed, m_status, &StatusBar::setLastRefresh);
    // Reviews already listed can never be the one a lost create answer was about.
    connect(m_reviews, &ReviewsPanel::refreshed, this,
            [this] { m_form->addKnownReviewIds(m_reviews->model()->reviewIds()); });
    connect(&org.tracker(), &reviews::ReviewTracker::tickFinished, this,
            [this] { m_status->setLastRefresh(m_org.clock().now()); });
    connect(m_status, &StatusBar::signOutRequested, this, &MainWindow::signOutRequested);
    connect(m_bannerSignIn, &QPushButton::clicked, this, &MainWindow::signInRequested);
    connect(m_bannerStay, &QPushButton::clicked, this,
            [this] { m_org.session().stayForThisSessionOnly(); });
    connect(&org.session(), &auth::Session::stateChanged, this, &MainWindow::onSessionState);
    onSessionState(org.session().state(), org.session().stateMessage());
    resize(1360, 880);
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::buildWorkflow()
{
    // The three steps side by side, read left to right, above the list they feed.
    auto *steps = new QWidget;
    auto *layout = new QHBoxLayout(steps);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    // Reviewer rows are the widest content; the form needs the least.
    const auto addStep = [&](const QString &title, int stretch, QWidget *first,
                             QWidget *second = nullptr) {
        auto *box = new QGroupBox(title, steps);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->addWidget(first);
        if (second)
            boxLayout->addWidget(second);
        layout->addWidget(box, stretch);
    };
    addStep(tr("1. Who is reviewed"), 5, m_targetSearch, m_card);
    addStep(tr("2. Who reviews"), 6, m_picker);
    addStep(tr("3. The review"), 4, m_form);
    return steps;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(tr("&New connection…"));
    connect(connectAction, &QAction::triggered, this, &MainWindow::newConnectionRequested);
    m_switchMenu = file->addMenu(tr("&Switch to"));
    m_switchMenu->setEnabled(false);
    QAction *refresh = file->addAction(tr("&Refresh reviews"));
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, m_reviews, &ReviewsPanel::refresh);
    QAction *signOut =
        file->addAction(QIcon(QStringLiteral(":/icons/sign-out.svg")), tr("Sign &out"));
    connect(signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Access Triage"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Access Triage"),
                           tr("<p><b>%1</b></p><p>Start Okta Identity Governance security access "
                              "reviews on one user, fast.</p>")
                               .arg(CommandLine::versionText().toHtmlEscaped()));
    });
}

void MainWindow::setProfiles(const QList<auth::OrgProfile> &profiles)
{
    m_switchMenu->clear();
    for (const auth::OrgProfile &profile : profiles) {
        if (profile.id == m_org.profile().id)
            continue;
        // The name is the user's: no '&' in it may turn into a mnemonic.
        QString label = profile.displayName;
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction *action =
            m_switchMenu->addAction(tr("%1 (%2)").arg(label, profile.org().url().authority()));
        const QString id = profile.id;
        connect(action, &QAction::triggered, this, [this, id] { emit switchRequested(id); });
    }
    m_switchMenu->setEnabled(!m_switchMenu->isEmpty());
}

void MainWindow::onSessionState(auth::Session::State state, const QString &message)
{
    using State = auth::Session::State;
    // A refresh while signed in keeps the window usable; one while restoring does not yet.
    const bool wasUsable = m_usable;
    const bool usable = state == State::SignedIn || (state == State::Refreshing && wasUsable);
    // Renewal keeps failing after the token ran out: say so, and keep what was entered.
    const bool reconnecting = state == State::Refreshing && m_org.session().isReconnecting();
    m_usable = usable;
    m_workflow->setEnabled(usable);
    m_reviews->setEnabled(usable);
    m_banner->setVisible(!usable || reconnecting);
    m_bannerStay->setVisible(state == State::KeychainUnavailable);
    m_bannerSignIn->setVisible(state == State::SignedOut || state == State::SignInRequired);
    QPalette palette = m_banner->palette();
    palette.setColor(QPalette::Window,
                     Theme::noticeBackground(palette, state == State::KeychainUnavailable));
    m_banner->setPalette(palette);
    switch (state) {
    case State::SignedIn:
        if (!wasUsable) {
            m_reviews->refresh();
            m_targetSearch->searchField()->setFocus();
        }
        break;
    case State::Refreshing:
        if (reconnecting)
            m_bannerText->setText(message);
        else if (!usable)
            m_bannerText->setText(
                tr("Signing in to %1 with the stored sign-in…").arg(m_org.profile().displayName));
        m_bannerSignIn->setVisible(false);
        break;
    case State::KeychainUnavailable:
        m_bannerText->setText(message.isEmpty() ? tr("The keychain is locked or unavailable, so "
                                                     "your sign-in can't be kept.")
                                                : message);
        break;
    case State::SignInRequired:
    case State::SignedOut:
        // An empty message is the state before the stored sign-in was looked at.
        m_bannerText->setText(message.isEmpty() ? tr("Looking for the stored sign-in…") : message);
        m_bannerSignIn->setVisible(!message.isEmpty());
        break;
    }
}

QString MainWindow::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    event->accept();
    emit closed();
}

} // namespace triage::ui
