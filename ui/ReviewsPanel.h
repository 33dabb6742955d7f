#pragma once

#include "okta/OktaConnection.h"
#include "okta/OktaError.h"
#include "okta/Result.h"
#include "okta/Review.h"

#include <QDateTime>
#include <QPointer>
#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSystemTrayIcon;
class QTableView;

namespace triage {
class Clock;
}

namespace triage::reviews {
class ReviewIndex;
class ReviewTracker;
class ReviewsClient;
} // namespace triage::reviews

namespace triage::ui {

class ReviewListModel;
class ReviewStatusDelegate;

// The live list of the org's reviews: filter by status, search by name, sort by any column.
// PENDING reviews are handed to the ReviewTracker; its changes show at once, with a tray
// notification when the system has a tray. Enter or a double click opens the details.
class ReviewsPanel : public QWidget
{
    Q_OBJECT
public:
    ReviewsPanel(reviews::ReviewsClient &client, QString orgHost, const Clock &clock,
                 QWidget *parent = nullptr);

    // Both optional; set before the first refresh().
    void setIndex(reviews::ReviewIndex *index) { m_index = index; }
    void setTracker(reviews::ReviewTracker *tracker);
    // The org's URL, for "open in the Admin Console" in the details.
    void setOrgUrl(const QUrl &orgUrl) { m_orgUrl = orgUrl; }

    QTableView *view() const { return m_view; }
    ReviewListModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_nameFilter; }
    QComboBox *statusFilter() const { return m_status; }
    QLineEdit *nameSearch() const { return m_search; }
    ReviewStatusDelegate *statusDelegate() const { return m_delegate; }
    QDateTime lastRefresh() const { return m_lastRefresh; }

public slots:
    void refresh();
    // A review this app just created: shown at once and tracked while PENDING.
    void addCreatedReview(const triage::okta::Review &review, const QString &targetName);
    void openDetails(const QString &reviewId);

signals:
    void refreshed(const QDateTime &when);
    void refreshFailed(const triage::okta::OktaError &error);
    // A review changed status; `message` is what the notification said.
    void statusNotified(const QString &reviewId, const QString &message);

private:
    void onList(const okta::Result<okta::Page<okta::Review>> &result);
    void onStatusChanged(const QString &reviewId, okta::ReviewStatus from, okta::ReviewStatus to);
    void applyStatusFilter();
    void notify(const QString &reviewId, const QString &message);
    void updateSummary();

    reviews::ReviewsClient &m_client;
    QString m_orgHost;
    QUrl m_orgUrl;
    const Clock &m_clock;
    reviews::ReviewIndex *m_index = nullptr;
    QPointer<reviews::ReviewTracker> m_tracker;

    ReviewListModel *m_model;
    QSortFilterProxyModel *m_statusFilter;
    QSortFilterProxyModel *m_nameFilter;
    QComboBox *m_status;
    QLineEdit *m_search;
    QTableView *m_view;
    ReviewStatusDelegate *m_delegate;
    QLabel *m_summary;
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<okta::OktaReply> m_reply;
    QDateTime m_lastRefresh;
};

} // namespace triage::ui
