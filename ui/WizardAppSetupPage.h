#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace triage::ui {

class ConnectionWizard;

// Step 2: the Okta app this org uses for Access Triage. Shows the exact redirect URI to register
// (with a copy button) and Okta's setup steps as a short checklist; asks for the client ID and a
// name for the profile.
class WizardAppSetupPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit WizardAppSetupPage(ConnectionWizard &wizard);

    QLineEdit *profileNameField() const { return m_name; }
    QLineEdit *clientIdField() const { return m_clientId; }
    QSpinBox *portField() const { return m_port; }
    QLineEdit *redirectUriField() const { return m_redirectUri; }
    QPushButton *copyButton() const { return m_copy; }
    QString errorText() const;

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // Okta's setup steps for this app, as rich text with links (also for the README).
    static QString checklistHtml(const QString &redirectUri);

private:
    void updateRedirectUri();

    ConnectionWizard &m_wizard;
    QLineEdit *m_name;
    QLineEdit *m_clientId;
    QSpinBox *m_port;
    QLineEdit *m_redirectUri;
    QPushButton *m_copy;
    QLabel *m_checklist;
    QLabel *m_error;
};

} // namespace triage::ui
