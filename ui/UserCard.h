#pragma once

#include "okta/User.h"

#include <QFrame>

#include <optional>

class QLabel;

namespace triage::ui {
class StatusBadgeWidget;
}

namespace triage::ui {

// The picked target: who they are, and a clear mark when the account is not ACTIVE.
class UserCard : public QFrame
{
    Q_OBJECT
public:
    explicit UserCard(QWidget *parent = nullptr);

    void setUser(const std::optional<okta::User> &user);
    const std::optional<okta::User> &user() const { return m_user; }
    QString warningText() const; // empty for an ACTIVE user
    QSize sizeHint() const override;

private:
    std::optional<okta::User> m_user;
    QLabel *m_name;
    StatusBadgeWidget *m_badge;
    QLabel *m_login;
    QLabel *m_role;
    QLabel *m_warning;
};

} // namespace triage::ui
