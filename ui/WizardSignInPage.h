#pragma once

#include "auth/BrowserSignIn.h"
#include "auth/OrgDiscovery.h"
#include "auth/TokenSet.h"

#include <QPointer>
#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace triage::ui {

class ConnectionWizard;

// Step 3: signing in in the system browser. Shows the wait with progress and cancel, then who
// signed in and, for each required scope, a tick or a cross with what to fix.
class WizardSignInPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit WizardSignInPage(ConnectionWizard &wizard);
    ~WizardSignInPage() override;

    QPushButton *signInButton() const { return m_signIn; }
    QPushButton *cancelButton() const { return m_cancel; }
    QString resultText() const;
    QStringList scopeLines() const; // "✓ scope" / "✗ scope: advice", for tests and accessibility
    bool isSignedIn() const { return m_signedIn; }
    QString signedInAs() const { return m_who; } // "name (login)", after a sign-in
    bool isWaiting() const;

    auth::OrgEndpoints endpoints() const { return m_endpoints; }
    auth::TokenSet takeTokens();

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    int nextId() const override;

private:
    void startSignIn();
    void cancelSignIn();
    void onFinished(auth::BrowserSignIn::Result result, const QString &message);
    void showScopes(const QList<auth::ScopeStatus> &scopes);
    void setWaiting(bool waiting);
    void forgetTokens();

    ConnectionWizard &m_wizard;
    QLabel *m_intro;
    QLabel *m_sandboxHint;
    QPushButton *m_signIn;
    QProgressBar *m_progress;
    QLabel *m_waiting;
    QPushButton *m_cancel;
    QPushButton *m_copyLink;
    QLabel *m_result;
    QWidget *m_scopes;
    QVBoxLayout *m_scopeRows;
    QPointer<auth::BrowserSignIn> m_flow;
    auth::TokenSet m_tokens;
    auth::OrgEndpoints m_endpoints;
    QStringList m_scopeLines;
    QString m_who;
    bool m_signedIn = false;
};

} // namespace triage::ui
