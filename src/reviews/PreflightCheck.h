#pragma once

#include "okta/OktaConnection.h"
#include "okta/OktaError.h"
#include "okta/Result.h"
#include "okta/Review.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace triage::reviews {

class ReviewIndex;
class ReviewsClient;

// What the pre-flight found out before creating a review for one target.
struct PreflightResult
{
    enum class Outcome {
        Ok,          // under both limits as far as could be known (see uncheckedReviews)
        TargetLimit, // the target already has kMaxOpenPerTarget open reviews
        OrgLimit,    // the org already has kMaxOpenPerOrg open reviews
        Failed,      // the org could not be asked: see error
    };
    Outcome outcome = Outcome::Failed;
    QStringList targetReviewIds; // open reviews of the target that were found
    qint64 orgOpenCount = 0;     // PENDING + ACTIVE in the org's stats
    // Open reviews whose target could not be checked (beyond the principal look-up cap, or the
    // look-up failed). Okta still refuses the create if the target is at its limit.
    int uncheckedReviews = 0;
    std::optional<okta::OktaError> error;

    int targetOpenCount() const { return int(targetReviewIds.size()); }
};

// Checks Okta's limits before creating a review: fewer than 5 open (PENDING or ACTIVE) reviews
// per target and fewer than 500 per org.
//
// The org count is one stats call. The target count is harder: the review object has no target
// id. So: list the org's open reviews (status eq "PENDING", status eq "ACTIVE": two calls, since
// the list filter is not documented to support `or`), take the target of each from the local
// ReviewIndex when this app created it, and ask /{id}/principal for the others, newest first, at
// most Options::maxPrincipalLookups of them. What is beyond that cap stays unknown and is reported
// as uncheckedReviews; the org still enforces the limit on create.
class PreflightCheck : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxOpenPerTarget = 5;
    static constexpr int kMaxOpenPerOrg = 500;

    struct Options
    {
        int maxPrincipalLookups = 20;
        int listPages = 3; // 200 per page: enough for the org limit of 500
    };

    PreflightCheck(ReviewsClient &client, QString orgHost, const ReviewIndex *index = nullptr,
                   QObject *parent = nullptr);
    PreflightCheck(ReviewsClient &client, QString orgHost, Options options,
                   const ReviewIndex *index = nullptr, QObject *parent = nullptr);
    ~PreflightCheck() override;

    // Starts a check (cancelling one in flight); finished() follows, always asynchronously.
    void start(const QString &targetId);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void finished(const triage::reviews::PreflightResult &result);

private:
    void onStats(const okta::Result<okta::ReviewStats> &result);
    void onOpenList(const okta::Result<okta::Page<okta::Review>> &result);
    void lookUpUnknownTargets();
    void onPrincipal(const QString &reviewId, const okta::Result<okta::ReviewPrincipal> &result);
    void failWith(const okta::OktaError &error);
    void track(okta::OktaReply *reply);
    void finish(PreflightResult::Outcome outcome);

    ReviewsClient &m_client;
    QString m_orgHost;
    Options m_options;
    const ReviewIndex *m_index;

    // The check in flight.
    QString m_targetId;
    bool m_running = false;
    QList<QPointer<okta::OktaReply>> m_replies;
    int m_waiting = 0; // answers still expected in the current step
    PreflightResult m_result;
    QList<okta::Review> m_openReviews;
};

} // namespace triage::reviews
