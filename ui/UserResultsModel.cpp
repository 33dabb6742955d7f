#include "UserResultsModel.h"

#include <QSet>

namespace triage::ui {

int UserResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

QVariant UserResultsModel::data(const QModelIndex &index, int role) const
{
    const okta::User *u = user(index.row());
    if (!u || index.parent().isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return u->displayName();
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        // Everything the row shows, for screen readers and hover.
        return tr("%1, %2, %3, status %4")
            .arg(u->displayName(), u->profile.login, u->profile.email, u->status);
    case IdRole:
        return u->id;
    case LoginRole:
        return u->profile.login;
    case EmailRole:
        return u->profile.email;
    case StatusRole:
        return u->status;
    case TitleRole:
        return u->profile.title;
    case DepartmentRole:
        return u->profile.department;
    case IsActiveRole:
        return u->isActive();
    default:
        return {};
    }
}

QHash<int, QByteArray> UserResultsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(LoginRole, "login");
    names.insert(EmailRole, "email");
    names.insert(StatusRole, "status");
    names.insert(TitleRole, "title");
    names.insert(DepartmentRole, "department");
    names.insert(IsActiveRole, "isActive");
    return names;
}

void UserResultsModel::setUsers(const QList<okta::User> &users)
{
    beginResetModel();
    m_users = users;
    endResetModel();
}

void UserResultsModel::appendUsers(const QList<okta::User> &users)
{
    QSet<QString> known;
    for (const okta::User &u : std::as_const(m_users))
        known.insert(u.id);
    QList<okta::User> fresh;
    for (const okta::User &u : users) {
        if (!known.contains(u.id)) {
            known.insert(u.id);
            fresh.append(u);
        }
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_users.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_users.append(fresh);
    endInsertRows();
}

void UserResultsModel::clear()
{
    setUsers({});
}

const okta::User *UserResultsModel::user(int row) const
{
    return row >= 0 && row < m_users.size() ? &m_users.at(row) : nullptr;
}

QString UserResultsModel::contactLine(const QString &login, const QString &email)
{
    if (email.isEmpty() || email.compare(login, Qt::CaseInsensitive) == 0)
        return login;
    if (login.isEmpty())
        return email;
    return login + QStringLiteral(" · ") + email;
}

} // namespace triage::ui
