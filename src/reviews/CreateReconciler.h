#pragma once

#include "okta/OktaError.h"
#include "okta/Result.h"
#include "okta/Review.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace triage::okta {
class OktaReply;
}

namespace triage::reviews {

class ReviewDraft;
class ReviewsClient;

// What a create sent, and when: enough to recognise the review if the org made it.
struct SentCreate
{
    QString name;
    QString principalId;
    QStringList reviewerIds;
    QDateTime sentAt; // by the app's clock, UTC

    static SentCreate from(const ReviewDraft &draft, const QDateTime &sentAt);
};

// The answer to "did the org create it?".
struct ReconcileOutcome
{
    enum class Kind {
        Found,      // the org has exactly this review: `review`
        NotCreated, // a complete listing after the settle delay shows no such review
        Unknown,    // the org could not be asked (error): do not create again yet
    };
    Kind kind = Kind::Unknown;
    std::optional<okta::Review> review;
    okta::OktaError error; // Unknown only
};

// After a create whose answer was lost (UnknownOutcome, timeout, 5xx), finds the review the org
// may have made: waits `settleDelayMs` (a commit can land after the client gave up), lists reviews
// named exactly so (`name eq`, escaped) created after sentAt minus a clock-skew margin, newest
// first; candidates with the same reviewers are then confirmed by their principal (the review
// object does not carry the target's id). Ids in `ignoreIds` (reviews already known to the app)
// never count as the lost one. One reconciliation at a time; a new start() replaces the last.
class CreateReconciler : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int settleDelayMs = 2000;
        qint64 clockMarginMs = 10 * 60 * 1000; // the org's clock may differ from ours
        int pageSize = 200;
        int maxPages = 5;
    };

    explicit CreateReconciler(ReviewsClient &client, QObject *parent = nullptr);
    CreateReconciler(ReviewsClient &client, Options options, QObject *parent = nullptr);
    ~CreateReconciler() override;

    void start(const SentCreate &sent, const QSet<QString> &ignoreIds = {});
    void cancel(); // no finished() for the reconciliation in progress
    bool isRunning() const { return m_running; }

signals:
    void finished(const triage::reviews::ReconcileOutcome &outcome);

private:
    void list();
    void onListed(const okta::Result<okta::Page<okta::Review>> &result);
    void checkNextCandidate();
    void onPrincipal(const okta::Review &candidate,
                     const okta::Result<okta::ReviewPrincipal> &result);
    void finish(ReconcileOutcome outcome);
    bool sameReviewers(const okta::Review &review) const;

    ReviewsClient &m_client;
    Options m_options;
    QTimer m_settleTimer;
    SentCreate m_sent;
    QSet<QString> m_ignoreIds;
    QList<okta::Review> m_candidates;
    QPointer<okta::OktaReply> m_reply;
    bool m_running = false;
};

} // namespace triage::reviews

Q_DECLARE_METATYPE(triage::reviews::ReconcileOutcome)
