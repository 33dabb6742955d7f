#pragma once

#include "auth/OrgProfile.h"
#include "auth/Session.h"

#include <QMainWindow>

class QFrame;
class QLabel;
class QMenu;
class QPushButton;

namespace triage::ui {

class DraftModel;
class OrgServices;
class ReviewerPicker;
class ReviewForm;
class ReviewsPanel;
class StatusBar;
class UserCard;
class UserSearchPanel;

// The analyst's workspace for one org: pick the target, add reviewers, name and create the
// review on the left; the live list of reviews on the right; who and where in the status bar.
// A banner says when the session can't be used (signed out, sign-in needed, keychain locked)
// and offers the way out. The panels hold the behaviour; this class places and connects them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(OrgServices &org, QWidget *parent = nullptr);
    ~MainWindow() override;

    DraftModel *draft() const { return m_draft; }
    UserSearchPanel *targetSearch() const { return m_targetSearch; }
    UserCard *targetCard() const { return m_card; }
    ReviewerPicker *reviewerPicker() const { return m_picker; }
    ReviewForm *reviewForm() const { return m_form; }
    ReviewsPanel *reviewsPanel() const { return m_reviews; }
    StatusBar *statusBarWidget() const { return m_status; }
    QString bannerText() const;
    QPushButton *bannerSignInButton() const { return m_bannerSignIn; }
    QPushButton *bannerStayButton() const { return m_bannerStay; }
    QMenu *switchMenu() const { return m_switchMenu; }

    // The saved profiles offered under File > Switch to (the current one is left out).
    void setProfiles(const QList<auth::OrgProfile> &profiles);

signals:
    void signOutRequested();
    void signInRequested();
    void newConnectionRequested();
    void switchRequested(const QString &profileId);
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildWorkflow();
    void buildMenus();
    void onSessionState(auth::Session::State state, const QString &message);

    OrgServices &m_org;
    DraftModel *m_draft;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_bannerSignIn;
    QPushButton *m_bannerStay;
    UserSearchPanel *m_targetSearch;
    UserCard *m_card;
    ReviewerPicker *m_picker;
    ReviewForm *m_form;
    ReviewsPanel *m_reviews;
    StatusBar *m_status;
    QWidget *m_workflow;
    QMenu *m_switchMenu = nullptr;
    bool m_usable = false; // signed in: the panels can call the org
};

} // namespace triage::ui
