#include "ReviewsPanel.h"

#include "ReviewDetailsDialog.h"
#include "ReviewListModel.h"
#include "ReviewStatusDelegate.h"
#include "StatusBadge.h"
#include "common/Clock.h"
#include "common/Logging.h"
#include "reviews/ReviewIndex.h"
#include "reviews/ReviewTracker.h"
#include "reviews/ReviewsClient.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QVBoxLayout>

namespace triage::ui {

namespace {
constexpr int kListPageSize = 200; // the API's maximum
constexpr int kListPages = 3;      // enough for the org limit of 500 open reviews
} // namespace

ReviewsPanel::ReviewsPanel(reviews::ReviewsClient &client, QString orgHost, const Clock &clock,
                           QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_orgHost(std::move(orgHost))
    , m_clock(clock)
    , m_model(new ReviewListModel(clock, this))
    , m_statusFilter(new QSortFilterProxyModel(this))
    , m_nameFilter(new QSortFilterProxyModel(this))
    , m_status(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_delegate(new ReviewStatusDelegate(m_view))
    , m_summary(new QLabel(this))
{
    // Two stock proxies in a row: one keeps a status, the other matches the name and sorts.
    m_statusFilter->setSourceModel(m_model);
    m_statusFilter->setFilterRole(ReviewListModel::StatusTextRole);
    m_nameFilter->setSourceModel(m_statusFilter);
    m_nameFilter->setFilterKeyColumn(ReviewListModel::NameColumn);
    m_nameFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_nameFilter->setSortRole(ReviewListModel::SortRole);
    m_nameFilter->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_status->addItem(tr("All statuses"), QString());
    for (okta::ReviewStatus status : {okta::ReviewStatus::Pending, okta::ReviewStatus::Active,
                                      okta::ReviewStatus::Closed, okta::ReviewStatus::Error}) {
        const BadgeStyle badge = StatusBadge::forReview(status);
        m_status->addItem(badge.icon(), badge.text, okta::reviewStatusToString(status));
    }
    m_status->setAccessibleName(tr("Status filter"));
    m_search->setPlaceholderText(tr("Review name contains…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search reviews by name"));

    m_view->setModel(m_nameFilter);
    m_view->setItemDelegateForColumn(ReviewListModel::StatusColumn, m_delegate);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ReviewListModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 14);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(ReviewListModel::NameColumn,
                                                     QHeaderView::Interactive);
    m_view->setColumnWidth(ReviewListModel::NameColumn, 300);
    m_view->setColumnWidth(ReviewListModel::TargetColumn, 170);
    m_view->setColumnWidth(ReviewListModel::StatusColumn, 130);
    m_view->setColumnWidth(ReviewListModel::CreatedColumn, 140);
    m_view->setColumnWidth(ReviewListModel::TimeLeftColumn, 100);
    m_view->setAccessibleName(tr("Reviews"));
    m_view->setTabKeyNavigation(false);

    auto *statusLabel = new QLabel(tr("Stat&us:"), this);
    statusLabel->setBuddy(m_status);
    auto *searchLabel = new QLabel(tr("Search re&views:"), this);
    searchLabel->setBuddy(m_search);
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    auto *detailsButton = new QPushButton(tr("Detai&ls…"), this);
    // No mnemonic: Alt+H/F belong to the menus; the window's Refresh action has F5.
    refreshButton->setToolTip(tr("Load the org's reviews again"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(statusLabel);
    bar->addWidget(m_status);
    bar->addSpacing(12);
    bar->addWidget(searchLabel);
    bar->addWidget(m_search, 1);
    bar->addWidget(refreshButton);
    bar->addWidget(detailsButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);

    connect(m_status, &QComboBox::currentIndexChanged, this, &ReviewsPanel::applyStatusFilter);
    connect(m_search, &QLineEdit::textChanged, m_nameFilter,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_nameFilter, &QAbstractItemModel::rowsInserted, this, &ReviewsPanel::updateSummary);
    connect(m_nameFilter, &QAbstractItemModel::rowsRemoved, this, &ReviewsPanel::updateSummary);
    connect(m_nameFilter, &QAbstractItemModel::modelReset, this, &ReviewsPanel::updateSummary);
    connect(m_nameFilter, &QAbstractItemModel::layoutChanged, this, &ReviewsPanel::updateSummary);
    connect(m_model, &ReviewListModel::pendingChanged, m_delegate,
            &ReviewStatusDelegate::setAnimating);
    connect(refreshButton, &QPushButton::clicked, this, &ReviewsPanel::refresh);
    connect(detailsButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            openDetails(current.data(ReviewListModel::ReviewIdRole).toString());
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        openDetails(index.data(ReviewListModel::ReviewIdRole).toString());
    });
    updateSummary();
}

void ReviewsPanel::setTracker(reviews::ReviewTracker *tracker)
{
    if (m_tracker)
        m_tracker->disconnect(this);
    m_tracker = tracker;
    if (!tracker)
        return;
    connect(tracker, &reviews::ReviewTracker::statusChanged, this, &ReviewsPanel::onStatusChanged);
    connect(tracker, &reviews::ReviewTracker::pollFailed, this,
            [this](const okta::OktaError &error) {
                m_summary->setText(tr("Status updates are retrying: %1").arg(error.message()));
            });
    connect(tracker, &reviews::ReviewTracker::reviewUpdated, this,
            [this](const okta::Review &review) {
                if (m_model->rowOf(review.id) >= 0)
                    m_model->upsert(review);
            });
}

void ReviewsPanel::refresh()
{
    if (m_reply)
        m_reply->cancel();
    reviews::ReviewListQuery query;
    query.orderBy = reviews::ReviewListQuery::order(QStringLiteral("created"), true);
    query.limit = kListPageSize;
    query.pages = kListPages;
    m_summary->setText(tr("Loading reviews from %1…").arg(m_orgHost));
    m_reply = m_client.list(query, this, [this](const auto &result) { onList(result); });
}

void ReviewsPanel::onList(const okta::Result<okta::Page<okta::Review>> &result)
{
    m_reply.clear();
    if (!result.ok()) {
        m_summary->setText(tr("The reviews could not be loaded: %1").arg(result.error().message()));
        emit refreshFailed(result.error());
        return;
    }
    m_model->setReviews(result->items);
    if (m_index) {
        for (const reviews::IndexedReview &known : m_index->reviews(m_orgHost))
            m_model->setTargetName(known.reviewId, known.target.displayName);
    }
    if (m_tracker) {
        for (const okta::Review &review : result->items) {
            if (review.status == okta::ReviewStatus::Pending)
                m_tracker->track(review);
        }
    }
    m_lastRefresh = m_clock.now();
    updateSummary();
    emit refreshed(m_lastRefresh);
}

void ReviewsPanel::addCreatedReview(const okta::Review &review, const QString &targetName)
{
    m_model->setTargetName(review.id, targetName);
    m_model->upsert(review);
    if (m_tracker)
        m_tracker->track(review);
}

void ReviewsPanel::onStatusChanged(const QString &reviewId, okta::ReviewStatus from,
                                   okta::ReviewStatus to)
{
    m_model->setStatus(reviewId, to);
    const int row = m_model->rowOf(reviewId);
    const QString name = row >= 0 ? m_model->review(row)->name : reviewId;
    notify(reviewId,
           tr("“%1” is now %2 (was %3).")
               .arg(name, StatusBadge::forReview(to).text, StatusBadge::forReview(from).text));
}

void ReviewsPanel::notify(const QString &reviewId, const QString &message)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/access-triage.svg")), this);
            m_tray->setToolTip(tr("Access Triage"));
            m_tray->show();
        }
        m_tray->showMessage(tr("Review status changed"), message);
    }
    qCInfo(lcUi) << "review" << reviewId << "status changed";
    emit statusNotified(reviewId, message);
}

void ReviewsPanel::applyStatusFilter()
{
    const QString status = m_status->currentData().toString();
    if (status.isEmpty())
        m_statusFilter->setFilterRegularExpression(QString());
    else
        m_statusFilter->setFilterRegularExpression(QRegularExpression(
            QLatin1Char('^') + QRegularExpression::escape(status) + QLatin1Char('$')));
}

void ReviewsPanel::updateSummary()
{
    if (m_reply)
        return;
    const int shown = m_nameFilter->rowCount();
    QString text = shown == 1 ? tr("1 review shown") : tr("%1 reviews shown").arg(shown);
    if (m_nameFilter->rowCount() != m_model->rowCount())
        text += tr(" of %1").arg(m_model->rowCount());
    if (m_lastRefresh.isValid())
        text +=
            tr(" · refreshed %1")
                .arg(QLocale().toString(m_lastRefresh.toLocalTime().time(), QLocale::ShortFormat));
    m_summary->setText(text);
}

void ReviewsPanel::openDetails(const QString &reviewId)
{
    const int row = m_model->rowOf(reviewId);
    if (row < 0)
        return;
    auto *dialog = new ReviewDetailsDialog(*m_model->review(row), m_client, m_orgHost, m_orgUrl,
                                           m_clock, this);
    dialog->setIndex(m_index);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReviewDetailsDialog::reviewChanged, this,
            [this](const okta::Review &review) { m_model->upsert(review); });
    connect(dialog, &ReviewDetailsDialog::targetKnown, this,
            [this](const QString &id, const QString &name) { m_model->setTargetName(id, name); });
    dialog->open();
    dialog->load();
}

} // namespace triage::ui
