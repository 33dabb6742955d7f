#pragma once

#include "okta/User.h"

#include <QAbstractListModel>
#include <QList>

namespace triage::ui {

// Users found by a search, one row each; the delegate draws them from these roles.
class UserResultsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        LoginRole,
        EmailRole,
        StatusRole, // the wire status ("ACTIVE", "SUSPENDED", ...)
        TitleRole,
        DepartmentRole,
        IsActiveRole,
    };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setUsers(const QList<okta::User> &users);
    // Appends a further page; users already listed (a page boundary that moved) are skipped.
    void appendUsers(const QList<okta::User> &users);
    void clear();
    const okta::User *user(int row) const;

    // "login · email", or just the login when the email is the same address.
    static QString contactLine(const QString &login, const QString &email);

private:
    QList<okta::User> m_users;
};

} // namespace triage::ui
