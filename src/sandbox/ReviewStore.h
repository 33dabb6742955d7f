#pragma once

#include "sandbox/SandboxUser.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace triage {
class Clock;
}

namespace triage::sandbox {

enum class ReviewStatus { Pending, Active, Closed, Error };
QString reviewStatusName(ReviewStatus status); // PENDING, ACTIVE, CLOSED, ERROR

// One line of a review's history. actorId is empty when Okta itself did it.
struct ReviewHistoryEntry
{
    QString id; // "srh" + 17 letters and digits
    QDateTime timestamp;
    QString message;
    QString actorId;
    bool systemGenerated = true;
};

// A security access review as the sandbox keeps it. principalId is remembered here but never
// sent in the review object, exactly like Okta.
struct Review
{
    QString id; // "sar" + 17 letters and digits
    quint64 sequence =
        0; // creation order, to keep reviews created in the same millisecond in order
    QString name;
    QString principalId;
    QStringList reviewerIds;
    QString createdBy, lastUpdatedBy;
    QDateTime created, lastUpdated, endTime;
    ReviewStatus status = ReviewStatus::Pending;
    bool generationFails = false;
    QList<ReviewHistoryEntry> history;

    bool isOpen() const
    {
        return status == ReviewStatus::Pending || status == ReviewStatus::Active;
    }
};

// Why a call was refused, for the HTTP layer to turn into an Okta error body.
struct ReviewError
{
    enum class Kind {
        Validation, // 400 E0000001 "Api validation failed: <field>"
        NotFound,   // 404 E0000007
    };
    Kind kind = Kind::Validation;
    QString field;      // the first field at fault (NotFound: "securityAccessReviewId")
    QStringList causes; // one sentence per problem, each starting with its field (NotFound: the id)
};

struct ReviewResult
{
    std::optional<Review> review;
    std::optional<ReviewError> error;
};

// Raw list parameters as they came in the query; empty means "not given".
struct PageRequest
{
    QString filter, orderBy, after, limit;
};

struct ReviewPage
{
    QList<Review> reviews;
    QString nextCursor; // empty: last page
    std::optional<ReviewError> error;
};

struct HistoryPage
{
    QList<ReviewHistoryEntry> entries;
    QString nextCursor;
    std::optional<ReviewError> error;
};

struct ReviewStats
{
    int active = 0, pending = 0, error = 0, closed = 0;
};

// The sandbox's security access reviews: creating them under Okta's rules, moving them through
// PENDING -> ACTIVE (or ERROR) -> CLOSED by the clock, listing, history, actions and comments.
// The lifecycle is evaluated lazily from the clock at the start of every call: no timers.
class ReviewStore
{
public:
    using UserLookup = std::function<const SandboxUser *(const QString &id)>;

    static constexpr int kMaxReviewers = 10;
    static constexpr int kMaxOpenPerPrincipal = 5;
    static constexpr int kMaxOpenPerOrg = 500;
    static constexpr int kMaxNameLength = 255;
    static constexpr int kMaxCommentLength = 1000;
    static constexpr int kDefaultPageSize = 20;
    static constexpr int kMaxPageSize = 200;

    ReviewStore(UserLookup findUser, const Clock &clock, double activationDelaySeconds);

    // The next review created goes PENDING -> ERROR instead of ACTIVE.
    void failNextGeneration() { m_failNextGeneration = true; }

    // Bodies are the parsed JSON request bodies; wrong types are validation errors.
    ReviewResult create(const QJsonObject &body, const QString &actorId);
    ReviewResult update(const QString &id, const QJsonObject &body, const QString &actorId);
    ReviewResult find(const QString &id);
    std::optional<ReviewError> act(const QString &id, const QJsonObject &body,
                                   const QString &actorId);
    std::optional<ReviewError> comment(const QString &id, const QJsonObject &body,
                                       const QString &actorId);

    ReviewPage list(const PageRequest &request);
    HistoryPage history(const QString &id, const PageRequest &request);
    ReviewStats stats();

    static QStringList availableActions(ReviewStatus status);

private:
    void advanceLifecycle();
    Review *reviewById(const QString &id);
    QString newId(const QString &prefix) const;
    void record(Review &review, const QDateTime &when, const QString &message,
                const QString &actorId, bool systemGenerated);

    UserLookup m_findUser;
    const Clock &m_clock;
    qint64 m_activationDelayMs;
    bool m_failNextGeneration = false;
    quint64 m_nextSequence = 1;
    QHash<QString, Review> m_reviews;
};

} // namespace triage::sandbox
