#pragma once

#include "okta/Review.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QTimer>

namespace triage {
class Clock;
}

namespace triage::ui {

// The org's reviews, one row each: name, target, status, created, time left, reviewers.
// Targets come from the local index (the review object has no target id); status changes from
// the tracker land at once through setStatus()/upsert().
class ReviewListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        TargetColumn,
        StatusColumn,
        CreatedColumn,
        TimeLeftColumn,
        ReviewersColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // a value that sorts right (dates, seconds, status order)
        StatusRole,                  // okta::ReviewStatus as int, on every column
        StatusTextRole,              // wire spelling, on every column (for filtering)
        ReviewIdRole,
        BadgeTextRole, // what the status badge says, on the status column
    };

    explicit ReviewListModel(const Clock &clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Replaces the rows with a fresh listing (targets already known are kept).
    void setReviews(const QList<okta::Review> &reviews);
    QSet<QString> reviewIds() const;
    // Adds the review, or updates the row with the same id.
    void upsert(const okta::Review &review);
    // Returns false for an id not in the list.
    bool setStatus(const QString &reviewId, okta::ReviewStatus status);
    void setTargetName(const QString &reviewId, const QString &targetName);

    int rowOf(const QString &reviewId) const;
    const okta::Review *review(int row) const;
    QString targetName(const QString &reviewId) const { return m_targets.value(reviewId); }
    bool hasPending() const;

    // "3 d 4 h", "5 h 10 min", "ended" (public for the details dialog).
    static QString timeLeftText(const QDateTime &endTime, const QDateTime &now);

signals:
    void pendingChanged(bool anyPending);

private:
    void refreshTimeLeft();
    QString reviewersText(const okta::Review &review) const;

    const Clock &m_clock;
    QList<okta::Review> m_reviews;
    QHash<QString, QString> m_targets; // review id -> target display name
    QTimer m_minuteTimer;              // "time left" moves on its own
    bool m_anyPending = false;
};

} // namespace triage::ui
