#pragma once

#include "auth/OrgDiscovery.h"

#include <QTimer>
#include <QUrl>
#include <QWizardPage>

class QLabel;
class QLineEdit;
class QRadioButton;

namespace triage::ui {

class ConnectionWizard;

// Step 1: which org. An address is checked live against its discovery document before moving
// on; "use the sandbox org" starts the built-in one.
class WizardOrgPage : public QWizardPage
{
    Q_OBJECT
public:
    static constexpr int kLiveCheckDelayMs = 700;

    explicit WizardOrgPage(ConnectionWizard &wizard);

    void setNotice(const QString &text);

    QRadioButton *oktaChoice() const { return m_oktaChoice; }
    QRadioButton *sandboxChoice() const { return m_sandboxChoice; }
    QLineEdit *urlField() const { return m_url; }
    QString statusText() const;
    bool isChecking() const { return m_checking; }

    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

private:
    void onDiscovered(const auth::DiscoveryResult &result);
    void onInputChanged();
    // Checks the typed address (refused at once when malformed); with `advanceWhenVerified`
    // the wizard moves on when the org answers.
    void checkTypedAddress(bool advanceWhenVerified);

    ConnectionWizard &m_wizard;
    auth::OrgDiscovery *m_discovery;
    QLabel *m_notice;
    QRadioButton *m_oktaChoice;
    QLineEdit *m_url;
    QRadioButton *m_sandboxChoice;
    QLabel *m_status;
    QTimer m_liveCheck;
    QUrl m_verified; // the org whose discovery document answered, until the input changes
    bool m_checking = false;
    bool m_advanceWhenChecked = false; // Next was pressed during a check
};

} // namespace triage::ui
