#pragma once

#include "okta/OktaConnection.h"
#include "okta/OktaError.h"
#include "okta/RateLimit.h"
#include "okta/Result.h"
#include "okta/Review.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace triage {
class Clock;
}

namespace triage::reviews {

class ReviewIndex;
class ReviewsClient;

// Watches reviews this app created until they leave PENDING, and says so at once.
//
// One tick = one list request, however many reviews are tracked. Why not `status eq "PENDING"`:
// a review that turned ACTIVE or ERROR simply drops out of that list, and telling the two apart
// would cost a GET per vanished review. Instead each tick lists every review created since the
// oldest tracked one (`created gt ...`, newest first, 200 per page): each tracked review is on
// that page with its current status, whatever it is. Only when more than 200 reviews were created
// in the org since then does the tick follow `next` pages (and only until all tracked ids were
// seen, at most Options::maxPagesPerTick).
//
// Ticks never overlap (the next one is armed only when the last answer is in), back off while
// nothing changes (first interval doubling up to the max; back to the first on a change or a new
// tracked review), wait for the rate-limit reset when the list budget is gone, and stop when no
// tracked review is PENDING any more.
class ReviewTracker : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int firstIntervalMs = 2000;
        int maxIntervalMs = 30000;
        int pageSize = 200;      // the API's maximum
        int maxPagesPerTick = 5; // a safety cap for orgs creating reviews in bulk
    };

    // `index` (may be null) gets every status change, keyed by orgHost. The rate-limit budget of
    // the list comes from the client's connection.
    ReviewTracker(ReviewsClient &client, QString orgHost, const Clock &clock,
                  ReviewIndex *index = nullptr, QObject *parent = nullptr);
    ReviewTracker(ReviewsClient &client, QString orgHost, const Clock &clock, Options options,
                  ReviewIndex *index = nullptr, QObject *parent = nullptr);
    ~ReviewTracker() override;

    // Tracks a review (usually the create answer). Only PENDING ones are polled; others are
    // remembered as they are. Resets the backoff. Tracking a known id again replaces its status
    // without a statusChanged (the caller already knows it).
    void track(const okta::Review &review);
    // For reviews the index remembers as PENDING (after a restart): created may be null.
    void track(const QString &reviewId, okta::ReviewStatus status, const QDateTime &created);
    // After a restart: tracks every review the index remembers as PENDING for this org.
    // Returns how many; 0 without an index.
    int resumeFromIndex();
    void stop(); // forgets nothing, polls no more until the next track()

    bool isPolling() const { return m_pollTimer.isActive() || m_inFlight; }
    bool isTickInFlight() const { return m_inFlight; }
    int currentIntervalMs() const { return m_intervalMs; }
    int ticks() const { return m_ticks; }
    std::optional<okta::ReviewStatus> lastKnownStatus(const QString &reviewId) const;
    QStringList pendingReviewIds() const;

signals:
    void statusChanged(const QString &reviewId, triage::okta::ReviewStatus oldStatus,
                       triage::okta::ReviewStatus newStatus);
    void reviewUpdated(const triage::okta::Review &review); // every tracked review seen in a tick
    void tickFinished(int requests, bool changed); // requests: list pages fetched in the tick
    // Unauthorized and Forbidden stop polling until the next track() (signing in again or a
    // role change is needed); anything else backs off and tries again.
    void pollFailed(const triage::okta::OktaError &error);
    void idle(); // nothing PENDING left: polling stopped
    // A tracked review was missing from kMissedTicksBeforeLost complete listings: the org does
    // not have it (a restarted sandbox, a review from another org). It is no longer polled.
    void reviewLost(const QString &reviewId);

private:
    static constexpr int kMissedTicksBeforeLost = 3;

    struct Tracked
    {
        okta::ReviewStatus status = okta::ReviewStatus::Unknown;
        QDateTime created;
        int missedTicks = 0; // complete listings in a row that did not show it
    };

    void startTick();
    void requestPage(const QUrl &next);
    void onPage(const okta::Result<okta::Page<okta::Review>> &result);
    void finishTick();
    void scheduleNextTick();
    bool apply(const okta::Review &review); // true when a tracked status changed
    void onRateLimit(const okta::RateLimit &rate);
    qint64 rateLimitWaitMs() const;
    void countMisses(); // after a listing that was complete

    ReviewsClient &m_client;
    QString m_orgHost;
    const Clock &m_clock;
    Options m_options;
    ReviewIndex *m_index;
    QString m_listFamily; // the rate-limit family of the list call

    QHash<QString, Tracked> m_tracked;
    QTimer m_pollTimer;
    int m_intervalMs;
    int m_ticks = 0;
    bool m_inFlight = false;
    bool m_resetAfterTick = false; // a review was tracked while a tick was in flight
    std::optional<okta::RateLimit> m_listBudget;

    // The tick in flight.
    QPointer<okta::OktaReply> m_reply;
    QStringList m_unseen; // pending ids not yet on a page of this tick
    int m_pagesThisTick = 0;
    bool m_changedThisTick = false;
};

} // namespace triage::reviews
