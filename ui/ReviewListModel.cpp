#include "ReviewListModel.h"

#include "StatusBadge.h"
#include "common/Clock.h"

#include <QLocale>

namespace triage::ui {

namespace {
int statusOrder(okta::ReviewStatus status)
{
    using okta::ReviewStatus;
    switch (status) {
    case ReviewStatus::Pending:
        return 0;
    case ReviewStatus::Active:
        return 1;
    case ReviewStatus::Error:
        return 2;
    case ReviewStatus::Closed:
        return 3;
    case ReviewStatus::Unknown:
        break;
    }
    return 4;
}
} // namespace

ReviewListModel::ReviewListModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
    m_minuteTimer.setInterval(60 * 1000);
    connect(&m_minuteTimer, &QTimer::timeout, this, &ReviewListModel::refreshTimeLeft);
    m_minuteTimer.start();
}

int ReviewListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_reviews.size());
}

int ReviewListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ReviewListModel::timeLeftText(const QDateTime &endTime, const QDateTime &now)
{
    if (!endTime.isValid())
        return tr("—");
    const qint64 minutes = now.secsTo(endTime) / 60;
    if (minutes <= 0)
        return tr("ended");
    const qint64 days = minutes / (24 * 60);
    const qint64 hours = (minutes / 60) % 24;
    if (days > 0)
        return tr("%1 d %2 h").arg(days).arg(hours);
    if (hours > 0)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    return tr("%1 min").arg(minutes);
}

QString ReviewListModel::reviewersText(const okta::Review &review) const
{
    QStringList names;
    for (const okta::PrincipalProfile &profile : review.reviewers)
        names.append(profile.displayName());
    if (names.isEmpty())
        return review.reviewerIds.size() == 1 ? tr("1 reviewer")
                                              : tr("%1 reviewers").arg(review.reviewerIds.size());
    return names.join(QStringLiteral(", "));
}

QVariant ReviewListModel::data(const QModelIndex &index, int role) const
{
    const okta::Review *r = review(index.row());
    if (!r || index.parent().isValid())
        return {};
    switch (role) {
    case StatusRole:
        return int(r->status);
    case StatusTextRole:
        return r->statusText;
    case ReviewIdRole:
        return r->id;
    default:
        break;
    }
    const QDateTime now = m_clock.now();
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return r->name;
        break;
    case TargetColumn: {
        const QString target = m_targets.value(r->id);
        if (role == Qt::DisplayRole || role == SortRole)
            return target.isEmpty() ? tr("(see details)") : target;
        if (role == Qt::ToolTipRole && target.isEmpty())
            return tr("Made elsewhere: the details ask Okta for the target.");
        break;
    }
    case StatusColumn: {
        const BadgeStyle badge = StatusBadge::forReview(r->status);
        if (role == Qt::DisplayRole || role == BadgeTextRole || role == Qt::AccessibleTextRole)
            return badge.text;
        if (role == Qt::DecorationRole)
            return badge.icon();
        if (role == Qt::ForegroundRole)
            return badge.colour;
        if (role == SortRole)
            return statusOrder(r->status);
        break;
    }
    case CreatedColumn:
        if (role == Qt::DisplayRole)
            return QLocale().toString(r->created.toLocalTime(), QLocale::ShortFormat);
        if (role == SortRole)
            return r->created;
        break;
    case TimeLeftColumn:
        if (role == Qt::DisplayRole)
            return timeLeftText(r->endTime, now);
        if (role == SortRole)
            return r->endTime.isValid() ? now.secsTo(r->endTime)
                                        : std::numeric_limits<qint64>::max();
        if (role == Qt::ToolTipRole && r->endTime.isValid())
            return QLocale().toString(r->endTime.toLocalTime(), QLocale::LongFormat);
        break;
    case ReviewersColumn:
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return reviewersText(*r);
        break;
    default:
        break;
    }
    return {};
}

QVariant ReviewListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TargetColumn:
        return tr("Target");
    case StatusColumn:
        return tr("Status");
    case CreatedColumn:
        return tr("Created");
    case TimeLeftColumn:
        return tr("Time left");
    case ReviewersColumn:
        return tr("Reviewers");
    default:
        return {};
    }
}

void ReviewListModel::setReviews(const QList<okta::Review> &reviews)
{
    beginResetModel();
    m_reviews = reviews;
    endResetModel();
    refreshTimeLeft(); // also re-evaluates pending
}

void ReviewListModel::upsert(const okta::Review &review)
{
    const int row = rowOf(review.id);
    if (row < 0) {
        beginInsertRows({}, 0, 0); // newest first, as listed
        m_reviews.prepend(review);
        endInsertRows();
    } else {
        m_reviews[row] = review;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    refreshTimeLeft();
}

bool ReviewListModel::setStatus(const QString &reviewId, okta::ReviewStatus status)
{
    const int row = rowOf(reviewId);
    if (row < 0)
        return false;
    okta::Review &r = m_reviews[row];
    r.status = status;
    r.statusText = okta::reviewStatusToString(status);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    refreshTimeLeft();
    return true;
}

void ReviewListModel::setTargetName(const QString &reviewId, const QString &targetName)
{
    m_targets.insert(reviewId, targetName);
    const int row = rowOf(reviewId);
    if (row >= 0)
        emit dataChanged(index(row, TargetColumn), index(row, TargetColumn));
}

int ReviewListModel::rowOf(const QString &reviewId) const
{
    for (int row = 0; row < m_reviews.size(); ++row) {
        if (m_reviews.at(row).id == reviewId)
            return row;
    }
    return -1;
}

const okta::Review *ReviewListModel::review(int row) const
{
    return row >= 0 && row < m_reviews.size() ? &m_reviews.at(row) : nullptr;
}

bool ReviewListModel::hasPending() const
{
    return std::any_of(m_reviews.cbegin(), m_reviews.cend(), [](const okta::Review &r) {
        return r.status == okta::ReviewStatus::Pending;
    });
}

void ReviewListModel::refreshTimeLeft()
{
    if (!m_reviews.isEmpty())
        emit dataChanged(index(0, TimeLeftColumn), index(rowCount() - 1, TimeLeftColumn));
    const bool pending = hasPending();
    if (pending != m_anyPending) {
        m_anyPending = pending;
        emit pendingChanged(pending);
    }
}

QSet<QString> ReviewListModel::reviewIds() const
{
    QSet<QString> ids;
    for (const okta::Review &review : m_reviews)
        ids.insert(review.id);
    return ids;
}

} // namespace triage::ui
