#pragma once

#include <QWizardPage>

class QCheckBox;
class QLabel;

namespace triage::ui {

class ConnectionWizard;

// Step 4: the summary and saving the profile. A real org's profile is always saved (it is the
// point of the wizard); the sandbox's only when asked, since it lives only while the app runs.
class WizardDonePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit WizardDonePage(ConnectionWizard &wizard);

    QCheckBox *rememberBox() const { return m_remember; }
    QString summaryText() const;
    bool wasSaved() const { return m_saved; }

    void initializePage() override;
    bool validatePage() override;

private:
    ConnectionWizard &m_wizard;
    QLabel *m_summary;
    QCheckBox *m_remember;
    QLabel *m_error;
    bool m_saved = false;
};

} // namespace triage::ui
