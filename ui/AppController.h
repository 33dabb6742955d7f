#pragma once

#include "CommandLine.h"
#include "SandboxLauncher.h"
#include "auth/OrgProfile.h"
#include "auth/Session.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QSettings;

namespace triage {
class Clock;
}
namespace triage::auth {
class ProfileStore;
class TokenVault;
} // namespace triage::auth
namespace triage::okta {
class OktaConnection;
class UsersClient;
} // namespace triage::okta
namespace triage::reviews {
class PreflightCheck;
class ReviewCreator;
class ReviewIndex;
class ReviewsClient;
class ReviewTracker;
} // namespace triage::reviews

namespace triage::ui {

class ConnectionWizard;
class MainWindow;

// Everything that talks to one org for the signed-in analyst, built for one profile.
// Members are declared so that each is destroyed before what it refers to.
class OrgServices : public QObject
{
    Q_OBJECT
public:
    OrgServices(const auth::OrgProfile &profile, QNetworkAccessManager *network,
                auth::TokenVault *vault, reviews::ReviewIndex *index, const Clock &clock,
                QObject *parent = nullptr);
    ~OrgServices() override;

    const auth::OrgProfile &profile() const { return m_profile; }
    // The org as the review index keys it: host, plus ":port" when there is one (the sandbox).
    QString orgHost() const;
    const Clock &clock() const { return m_clock; }

    auth::Session &session() const { return *m_session; }
    okta::OktaConnection &connection() const { return *m_connection; }
    // One Users client per search box: a client's searches supersede each other, so the target
    // search and the reviewer search must not share one (typing in one would cancel the other).
    okta::UsersClient &targetUsers() const { return *m_targetUsers; }
    okta::UsersClient &reviewerUsers() const { return *m_reviewerUsers; }
    reviews::ReviewsClient &reviews() const { return *m_reviews; }
    reviews::ReviewTracker &tracker() const { return *m_tracker; }
    reviews::PreflightCheck &preflight() const { return *m_preflight; }
    // The one way this org's reviews are started: a lost answer is reconciled, never re-sent.
    reviews::ReviewCreator &creator() const { return *m_creator; }
    reviews::ReviewIndex *index() const { return m_index; }

    // Polls again the reviews the index remembers as PENDING (after a restart or a sign-in).
    void resumeTracking();

private:
    auth::OrgProfile m_profile;
    const Clock &m_clock;
    reviews::ReviewIndex *m_index;
    std::unique_ptr<auth::Session> m_session;
    std::unique_ptr<okta::OktaConnection> m_connection;
    std::unique_ptr<okta::UsersClient> m_targetUsers;
    std::unique_ptr<okta::UsersClient> m_reviewerUsers;
    std::unique_ptr<reviews::ReviewsClient> m_reviews;
    std::unique_ptr<reviews::ReviewTracker> m_tracker;
    std::unique_ptr<reviews::PreflightCheck> m_preflight;
    std::unique_ptr<reviews::ReviewCreator> m_creator;
};

// Test hooks for AppController: a clock, throwaway settings and data folder, a quicker sandbox.
struct AppEnvironment
{
    const Clock *clock = nullptr;  // nullptr: Clock::system()
    QSettings *settings = nullptr; // nullptr: the app's settings
    QString dataDir;               // empty: the app's data location
    sandbox::SandboxConfig sandbox;
};

// The app's wiring: owns the network access, the profiles, the keychain, the review index, the
// in-process sandbox and the services of the current org, and decides which window shows
// (the connection wizard or the main window). No business rule lives here.
class AppController : public QObject
{
    Q_OBJECT
public:
    explicit AppController(QObject *parent = nullptr);
    explicit AppController(AppEnvironment environment, QObject *parent = nullptr);
    ~AppController() override;

    void start(const CommandLineOptions &options);

    ConnectionWizard *wizard() const;
    MainWindow *mainWindow() const;
    OrgServices *org() const { return m_org.get(); }
    SandboxLauncher &sandbox() { return m_sandbox; }
    auth::ProfileStore &profiles() const { return *m_profiles; }
    QNetworkAccessManager *network() const { return m_network; }
    const Clock &clock() const { return m_clock; }

signals:
    void wizardShown();
    void mainWindowShown();
    // Nothing is left to show (the wizard was cancelled with no main window, or the main window
    // closed): main() quits. Windows closing never end the app by themselves, since the wizard
    // hides before the main window shows.
    void finished();

private:
    // The full wizard, or (with a profile) straight to its sign-in page.
    void openWizard(const std::optional<auth::OrgProfile> &signInTo = std::nullopt,
                    const QString &notice = {});
    void onWizardAccepted();
    void onWizardRejected();
    void openProfile(const auth::OrgProfile &profile);
    std::optional<auth::OrgProfile> findProfile(const QString &nameOrId) const;
    void connectTo(const auth::OrgProfile &profile);
    void showMainWindow();
    void onSessionState(auth::Session::State state);
    void switchToProfile(const QString &profileId);
    void signOut();

    AppEnvironment m_environment;
    const Clock &m_clock;
    QNetworkAccessManager *m_network;
    std::unique_ptr<auth::ProfileStore> m_profiles;
    auth::TokenVault *m_vault;
    std::unique_ptr<reviews::ReviewIndex> m_index;
    SandboxLauncher m_sandbox;
    std::unique_ptr<OrgServices> m_org;
    QPointer<ConnectionWizard> m_wizard;
    QPointer<MainWindow> m_mainWindow;
};

} // namespace triage::ui
