#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace triage {
class Clock;
}

namespace triage::reviews {

// A person as the index remembers them: enough to show a row without asking the org again.
struct IndexedPerson
{
    QString id;
    QString displayName;
    QString login; // empty for reviewers (the index keeps id + display name for them)
};

// A review this app created, as remembered locally. The org's review object has no target id,
// so this record is the only place that ties a review to its target without a principal call.
struct IndexedReview
{
    QString reviewId;
    QString orgHost; // e.g. "acme.okta.com" or "127.0.0.1:41234"
    QString name;
    IndexedPerson target;
    QList<IndexedPerson> reviewers;
    QDateTime created;
    QDateTime endTime; // null when the org did not say
    QString status;    // on recordCreated: the status in the create answer; on read: the latest
    QDateTime statusSeenAt; // when that status was first seen
};

// One step of a review's status history: the status and when this app first saw it.
struct StatusSighting
{
    QString status;
    QDateTime firstSeenAt;
    bool operator==(const StatusSighting &) const = default;
};

// The local index of reviews this app created, in an SQLite file the caller names.
// WAL journal, synchronous=FULL and one transaction per write: a crash (even SIGKILL) mid-write
// loses nothing already committed and never leaves a half-written review behind.
// Reviews are keyed by (org host, review id): a sandbox org restarted with the same seed hands
// out the same ids again, and a real org's ids must not collide with those.
// Lives in the thread that made it (its SQL connection is per thread).
class ReviewIndex
{
public:
    // Opens (creating or migrating) the database at filePath. Check isOpen()/lastError().
    // The clock decides whether a review is past its end time (Okta closes those by itself).
    explicit ReviewIndex(const QString &filePath, const Clock &clock);
    ~ReviewIndex();
    ReviewIndex(const ReviewIndex &) = delete;
    ReviewIndex &operator=(const ReviewIndex &) = delete;

    bool isOpen() const { return m_open; }
    QString lastError() const { return m_lastError; }
    static int schemaVersion(); // the version this build writes

    // Remembers a freshly created review with its first status (review.status at
    // review.statusSeenAt, or now when that is null). Recording the same (org, id) again replaces
    // the old entry: the org has forgotten the old one (a restarted sandbox).
    bool recordCreated(const IndexedReview &review);

    enum class StatusWrite { Appended, Unchanged, UnknownReview, Failed };
    // Appends to the timeline only when the status differs from the latest one.
    StatusWrite recordStatus(const QString &orgHost, const QString &reviewId, const QString &status,
                             const QDateTime &at);

    QList<IndexedReview> reviews(const QString &orgHost) const; // newest first
    std::optional<IndexedReview> review(const QString &orgHost, const QString &reviewId) const;
    QList<StatusSighting> timeline(const QString &orgHost, const QString &reviewId) const;

    // Reviews of this target whose latest known status is PENDING or ACTIVE and whose end time
    // has not passed. Only reviews this app created and saw are known here.
    QStringList activeReviewIdsForTarget(const QString &orgHost, const QString &targetId) const;
    int activeCountForTarget(const QString &orgHost, const QString &targetId) const;
    // Ids whose latest known status is one of `statuses` (e.g. PENDING, to resume tracking).
    QStringList reviewIdsWithStatus(const QString &orgHost, const QStringList &statuses) const;

private:
    bool openDatabase(const QString &filePath);
    bool migrate();
    bool fail(const QString &what, const QString &detail) const;
    // Reviews of the org with their latest status and reviewers; one review when an id is given.
    QList<IndexedReview> select(const QString &orgHost,
                                const std::optional<QString> &reviewId) const;

    QString m_connectionName;
    const Clock &m_clock;
    bool m_open = false;
    mutable QString m_lastError;
};

} // namespace triage::reviews
