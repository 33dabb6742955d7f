#include "AppController.h"

#include "ConnectionWizard.h"
#include "MainWindow.h"
#include "auth/ProfileStore.h"
#include "auth/TokenVault.h"
#include "common/Clock.h"
#include "common/Logging.h"
#include "okta/OktaConnection.h"
#include "okta/UsersClient.h"
#include "reviews/PreflightCheck.h"
#include "reviews/ReviewCreator.h"
#include "reviews/ReviewIndex.h"
#include "reviews/ReviewTracker.h"
#include "reviews/ReviewsClient.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QStandardPaths>

namespace triage::ui {

OrgServices::OrgServices(const auth::OrgProfile &profile, QNetworkAccessManager *network,
                         auth::TokenVault *vault, reviews::ReviewIndex *index, const Clock &clock,
                         QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_clock(clock)
    , m_index(index)
    , m_session(std::make_unique<auth::Session>(network, profile, vault, clock))
    , m_connection(
          std::make_unique<okta::OktaConnection>(profile.org().url(), network, *m_session, clock))
    , m_targetUsers(std::make_unique<okta::UsersClient>(*m_connection))
    , m_reviewerUsers(std::make_unique<okta::UsersClient>(*m_connection))
    , m_reviews(std::make_unique<reviews::ReviewsClient>(*m_connection))
    , m_tracker(std::make_unique<reviews::ReviewTracker>(*m_reviews, orgHost(), clock, index))
    , m_preflight(std::make_unique<reviews::PreflightCheck>(*m_reviews, orgHost(), index))
    , m_creator(std::make_unique<reviews::ReviewCreator>(*m_reviews, clock))
{}

OrgServices::~OrgServices() = default;

QString OrgServices::orgHost() const
{
    const QUrl url = m_profile.org().url();
    const QString host = url.host(QUrl::FullyEncoded);
    return url.port() == -1 ? host : QStringLiteral("%1:%2").arg(host).arg(url.port());
}

void OrgServices::resumeTracking()
{
    if (!m_index)
        return;
    const QStringList pending =
        m_index->reviewIdsWithStatus(orgHost(), {QStringLiteral("PENDING")});
    for (const QString &id : pending) {
        const auto remembered = m_index->review(orgHost(), id);
        m_tracker->track(id, okta::ReviewStatus::Pending,
                         remembered ? remembered->created : QDateTime());
    }
}

AppController::AppController(QObject *parent)
    : AppController(AppEnvironment{}, parent)
{}

AppController::AppController(AppEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_environment(std::move(environment))
    , m_clock(m_environment.clock ? *m_environment.clock : Clock::system())
    , m_network(new QNetworkAccessManager(this))
    , m_profiles(m_environment.settings
                     ? std::make_unique<auth::ProfileStore>(m_environment.settings)
                     : std::make_unique<auth::ProfileStore>())
    , m_vault(new auth::TokenVault(this))
    , m_sandbox(m_environment.sandbox)
{
    QString dataDir = m_environment.dataDir;
    if (dataDir.isEmpty())
        dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir);
    m_index = std::make_unique<reviews::ReviewIndex>(
        QDir(dataDir).filePath(QStringLiteral("reviews.sqlite")), m_clock);
    if (!m_index->isOpen())
        qCWarning(lcUi) << "review index unavailable:" << m_index->lastError();
}

AppController::~AppController()
{
    // Windows refer to the org services: they go first.
    delete m_wizard;
    delete m_mainWindow;
    m_org.reset();
}

ConnectionWizard *AppController::wizard() const
{
    return m_wizard;
}

MainWindow *AppController::mainWindow() const
{
    return m_mainWindow;
}

void AppController::start(const CommandLineOptions &options)
{
    if (options.sandbox) {
        QString error;
        if (!m_sandbox.start(0, &error)) {
            openWizard(std::nullopt, error);
            return;
        }
        openWizard(m_sandbox.profile());
        return;
    }
    if (!options.profileName.isEmpty()) {
        if (const auto profile = findProfile(options.profileName)) {
            openProfile(*profile);
        } else {
            openWizard(std::nullopt, tr("There is no saved profile named \"%1\". Set up a "
                                        "connection below.")
                                         .arg(options.profileName));
        }
        return;
    }
    const QString current = m_profiles->currentProfileId();
    if (const auto profile = current.isEmpty() ? std::nullopt : m_profiles->profile(current))
        openProfile(*profile);
    else
        openWizard();
}

std::optional<auth::OrgProfile> AppController::findProfile(const QString &nameOrId) const
{
    for (const auth::OrgProfile &profile : m_profiles->profiles()) {
        if (profile.id == nameOrId ||
            profile.displayName.compare(nameOrId, Qt::CaseInsensitive) == 0)
            return profile;
    }
    return std::nullopt;
}

void AppController::openProfile(const auth::OrgProfile &profile)
{
    m_profiles->setCurrentProfileId(profile.id);
    if (profile.sandbox) {
        // The sandbox lives only as long as the app: start it again and sign in to it afresh.
        QString error;
        if (!m_sandbox.start(profile.redirectPort, &error)) {
            openWizard(std::nullopt, error);
            return;
        }
        auth::OrgProfile restarted = profile;
        restarted.orgUrl = m_sandbox.profile().orgUrl;
        openWizard(restarted);
        return;
    }
    connectTo(profile);
    showMainWindow();
    m_org->session().restore();
}

void AppController::openWizard(const std::optional<auth::OrgProfile> &signInTo,
                               const QString &notice)
{
    delete m_wizard;
    m_wizard = new ConnectionWizard(m_network, m_clock, *m_profiles, m_sandbox);
    if (signInTo)
        m_wizard->startAtSignIn(*signInTo);
    if (!notice.isEmpty())
        m_wizard->setNotice(notice);
    connect(m_wizard, &QWizard::accepted, this, &AppController::onWizardAccepted);
    connect(m_wizard, &QWizard::rejected, this, &AppController::onWizardRejected);
    m_wizard->show();
    emit wizardShown();
}

void AppController::onWizardAccepted()
{
    ConnectionWizard *wizard = m_wizard;
    const auth::OrgProfile profile = wizard->profile();
    if (!m_org || !(m_org->profile() == profile))
        connectTo(profile);
    m_org->session().setEndpoints(wizard->endpoints());
    m_org->session().adopt(wizard->takeTokens());
    wizard->hide();
    wizard->deleteLater();
    showMainWindow();
}

void AppController::onWizardRejected()
{
    m_wizard->deleteLater();
    if (!m_mainWindow || !m_mainWindow->isVisible())
        emit finished();
}

void AppController::connectTo(const auth::OrgProfile &profile)
{
    delete m_mainWindow;
    m_org = std::make_unique<OrgServices>(profile, m_network, m_vault, m_index.get(), m_clock);
    connect(&m_org->session(), &auth::Session::stateChanged, this,
            [this](auth::Session::State state) { onSessionState(state); });
}

void AppController::onSessionState(auth::Session::State state)
{
    if (state == auth::Session::State::SignedIn)
        m_org->resumeTracking();
}

void AppController::showMainWindow()
{
    if (!m_mainWindow) {
        m_mainWindow = new MainWindow(*m_org);
        connect(m_mainWindow, &MainWindow::signOutRequested, this, &AppController::signOut);
        connect(m_mainWindow, &MainWindow::signInRequested, this,
                [this] { openWizard(m_org->profile()); });
        connect(m_mainWindow, &MainWindow::newConnectionRequested, this, [this] { openWizard(); });
        // Queued: switching replaces the window whose menu asked for it.
        connect(m_mainWindow, &MainWindow::switchRequested, this, &AppController::switchToProfile,
                Qt::QueuedConnection);
        connect(m_mainWindow, &MainWindow::closed, this, &AppController::finished);
    }
    m_mainWindow->setProfiles(m_profiles->profiles());
    m_mainWindow->show();
    emit mainWindowShown();
}

void AppController::switchToProfile(const QString &profileId)
{
    const auto profile = m_profiles->profile(profileId);
    if (!profile || (m_org && m_org->profile().id == profileId))
        return;
    delete m_wizard;
    openProfile(*profile);
}

void AppController::signOut()
{
    if (m_org)
        m_org->session().signOut(); // the main window shows the signed-out state
}

} // namespace triage::ui
