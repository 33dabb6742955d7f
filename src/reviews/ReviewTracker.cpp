#include "reviews/ReviewTracker.h"

#include "common/Clock.h"
#include "common/Logging.h"
#include "okta/OktaConnection.h"
#include "reviews/ReviewIndex.h"
#include "reviews/ReviewsClient.h"

#include <algorithm>
#include <limits>

namespace triage::reviews {

using okta::ReviewStatus;

namespace {
// Okta's dates may be rounded to the second; a generous margin keeps the oldest tracked review
// inside `created gt ...` at the cost of a few extra rows.
constexpr qint64 kCreatedMarginSecs = 60;

bool stopsPolling(okta::OktaError::Kind kind)
{
    // Polling again cannot help until the analyst signs in again or gets the permission.
    return kind == okta::OktaError::Kind::Unauthorized || kind == okta::OktaError::Kind::Forbidden;
}
} // namespace

ReviewTracker::ReviewTracker(ReviewsClient &client, QString orgHost, const Clock &clock,
                             ReviewIndex *index, QObject *parent)
    : ReviewTracker(client, std::move(orgHost), clock, Options{}, index, parent)
{}

ReviewTracker::ReviewTracker(ReviewsClient &client, QString orgHost, const Clock &clock,
                             Options options, ReviewIndex *index, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_orgHost(std::move(orgHost))
    , m_clock(clock)
    , m_options(options)
    , m_index(index)
    , m_listFamily(okta::OktaConnection::familyFor(ReviewsClient::basePath()))
    , m_intervalMs(options.firstIntervalMs)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &ReviewTracker::startTick);
    connect(&m_client.connection(), &okta::OktaConnection::rateLimitChanged, this,
            &ReviewTracker::onRateLimit);
}

ReviewTracker::~ReviewTracker()
{
    if (m_reply)
        m_reply->cancel();
}

void ReviewTracker::track(const okta::Review &review)
{
    track(review.id, review.status, review.created);
}

void ReviewTracker::track(const QString &reviewId, ReviewStatus status, const QDateTime &created)
{
    if (reviewId.isEmpty())
        return;
    m_tracked.insert(reviewId, Tracked{status, created, 0});
    if (status != ReviewStatus::Pending)
        return;
    // Something new to watch: look soon, whatever the backoff had reached.
    m_intervalMs = m_options.firstIntervalMs;
    if (m_inFlight) {
        m_resetAfterTick = true;
        return;
    }
    // Only ever sooner: restarting a due tick would starve polling while reviews keep coming.
    if (!m_pollTimer.isActive() || m_pollTimer.remainingTime() > m_intervalMs)
        scheduleNextTick();
}

int ReviewTracker::resumeFromIndex()
{
    if (!m_index)
        return 0;
    int resumed = 0;
    const QList<IndexedReview> remembered = m_index->reviews(m_orgHost);
    for (const IndexedReview &review : remembered) {
        if (okta::reviewStatusFromString(review.status) != ReviewStatus::Pending)
            continue;
        track(review.reviewId, ReviewStatus::Pending, review.created);
        ++resumed;
    }
    return resumed;
}

void ReviewTracker::stop()
{
    m_pollTimer.stop();
    if (m_reply)
        m_reply->cancel();
    m_reply = nullptr;
    m_inFlight = false;
}

std::optional<ReviewStatus> ReviewTracker::lastKnownStatus(const QString &reviewId) const
{
    const auto it = m_tracked.constFind(reviewId);
    if (it == m_tracked.cend())
        return std::nullopt;
    return it->status;
}

QStringList ReviewTracker::pendingReviewIds() const
{
    QStringList ids;
    for (auto it = m_tracked.cbegin(); it != m_tracked.cend(); ++it) {
        if (it->status == ReviewStatus::Pending)
            ids << it.key();
    }
    ids.sort();
    return ids;
}

void ReviewTracker::startTick()
{
    if (m_inFlight)
        return; // never two ticks at once
    const QStringList pending = pendingReviewIds();
    if (pending.isEmpty()) {
        emit idle();
        return;
    }
    m_inFlight = true;
    ++m_ticks;
    m_unseen = pending;
    m_pagesThisTick = 0;
    m_changedThisTick = false;

    ReviewListQuery query;
    query.orderBy = ReviewListQuery::order(QStringLiteral("created"), true);
    query.limit = m_options.pageSize;
    // Every review created since the oldest pending one, whatever its status now.
    QDateTime oldest;
    bool allDated = true;
    for (const QString &id : pending) {
        const QDateTime created = m_tracked.value(id).created;
        allDated = allDated && created.isValid();
        if (created.isValid() && (!oldest.isValid() || created < oldest))
            oldest = created;
    }
    if (allDated) // otherwise the newest reviews, unfiltered, and more pages if needed
        query.filter = ReviewFilter::createdAfter(oldest.addSecs(-kCreatedMarginSecs));
    qCDebug(lcReviews) << "tick" << m_ticks << "for" << pending.size() << "pending reviews";
    m_reply = m_client.list(query, this, [this](const auto &result) { onPage(result); });
}

void ReviewTracker::requestPage(const QUrl &next)
{
    m_reply = m_client.nextPage(next, this, [this](const auto &result) { onPage(result); });
}

void ReviewTracker::onPage(const okta::Result<okta::Page<okta::Review>> &result)
{
    m_reply = nullptr;
    ++m_pagesThisTick;
    if (!result.ok()) {
        qCInfo(lcReviews).noquote()
            << "review status poll failed:" << okta::kindName(result.error().kind);
        emit pollFailed(result.error());
        if (stopsPolling(result.error().kind)) {
            m_inFlight = false;
            emit tickFinished(m_pagesThisTick, m_changedThisTick);
            return;
        }
        finishTick();
        return;
    }
    const QPointer<ReviewTracker> alive(this);
    for (const okta::Review &review : result->items) {
        if (!m_tracked.contains(review.id))
            continue;
        m_unseen.removeAll(review.id);
        m_tracked[review.id].missedTicks = 0;
        const bool changed = apply(review);
        if (!alive || !m_inFlight)
            return; // a slot deleted the tracker or called stop()
        m_changedThisTick = m_changedThisTick || changed;
        emit reviewUpdated(review);
        if (!alive || !m_inFlight)
            return;
    }
    if (!m_unseen.isEmpty() && result->hasMore()) {
        if (m_pagesThisTick < m_options.maxPagesPerTick) {
            requestPage(result->next);
            return;
        }
    } else if (!m_unseen.isEmpty()) {
        countMisses(); // the listing was complete and still did not show them
    }
    finishTick();
}

bool ReviewTracker::apply(const okta::Review &review)
{
    Tracked &tracked = m_tracked[review.id];
    const ReviewStatus old = tracked.status;
    if (old == review.status)
        return false;
    tracked.status = review.status;
    if (m_index) {
        const QString text = review.status == ReviewStatus::Unknown
                                 ? review.statusText
                                 : okta::reviewStatusToString(review.status);
        if (m_index->recordStatus(m_orgHost, review.id, text, m_clock.now()) ==
            ReviewIndex::StatusWrite::Failed)
            qCWarning(lcReviews) << "could not record a status change in the review index";
    }
    qCInfo(lcReviews).noquote() << "review" << review.id << okta::reviewStatusToString(old) << "->"
                                << okta::reviewStatusToString(review.status);
    emit statusChanged(review.id, old, review.status);
    return true;
}

void ReviewTracker::countMisses()
{
    for (const QString &id : std::as_const(m_unseen)) {
        Tracked &tracked = m_tracked[id];
        if (++tracked.missedTicks < kMissedTicksBeforeLost)
            continue; // lists may lag a moment behind a create
        qCWarning(lcReviews).noquote()
            << "review" << id << "is not in the org's list; no longer polled";
        m_tracked.remove(id);
        emit reviewLost(id);
    }
}

void ReviewTracker::finishTick()
{
    m_inFlight = false;
    const bool nothingPending = pendingReviewIds().isEmpty();
    if (nothingPending) {
        m_pollTimer.stop();
        m_intervalMs = m_options.firstIntervalMs;
    } else {
        if (m_changedThisTick || m_resetAfterTick)
            m_intervalMs = m_options.firstIntervalMs;
        else
            m_intervalMs = std::min(m_intervalMs * 2, m_options.maxIntervalMs);
        scheduleNextTick();
    }
    m_resetAfterTick = false;
    // Signals last, so that a slot calling track() or stop() sees a settled tracker.
    emit tickFinished(m_pagesThisTick, m_changedThisTick);
    if (nothingPending)
        emit idle();
}

void ReviewTracker::scheduleNextTick()
{
    const qint64 delay = std::max<qint64>(m_intervalMs, rateLimitWaitMs());
    m_pollTimer.start(int(std::min<qint64>(delay, std::numeric_limits<int>::max())));
}

void ReviewTracker::onRateLimit(const okta::RateLimit &rate)
{
    if (rate.family == m_listFamily)
        m_listBudget = rate;
}

qint64 ReviewTracker::rateLimitWaitMs() const
{
    // The connection would hold a request back anyway; waiting here keeps ticks from queueing.
    if (!m_listBudget || m_listBudget->remaining > 0)
        return 0;
    return m_listBudget->msecsUntilReset(m_clock.now());
}

} // namespace triage::reviews
