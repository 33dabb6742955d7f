#pragma once

#include "auth/Session.h"
#include "okta/RateLimit.h"

#include <QDateTime>
#include <QStatusBar>

class QLabel;
class QPushButton;

namespace triage::ui {

class OrgServices;

// The main window's status bar: the org host (in the profile's colour), who is signed in, the
// rate-limit headroom of the last call and when the list was last refreshed; plus sign-out.
class StatusBar : public QStatusBar
{
    Q_OBJECT
public:
    explicit StatusBar(OrgServices &org, QWidget *parent = nullptr);

    void setLastRefresh(const QDateTime &when);

    QString orgText() const;
    QString userText() const;
    QString rateLimitText() const;
    QString lastRefreshText() const;
    QPushButton *signOutButton() const { return m_signOut; }

signals:
    void signOutRequested();

private:
    void onSessionState(auth::Session::State state);
    void onRateLimit(const okta::RateLimit &rate);

    OrgServices &m_org;
    QLabel *m_swatch;
    QLabel *m_orgHost;
    QLabel *m_user;
    QLabel *m_rate;
    QLabel *m_refreshed;
    QPushButton *m_signOut;
};

} // namespace triage::ui
