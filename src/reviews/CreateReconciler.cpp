#include "reviews/CreateReconciler.h"

#include "common/Logging.h"
#include "okta/OktaConnection.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewsClient.h"

#include <algorithm>

namespace triage::reviews {

using okta::OktaError;

SentCreate SentCreate::from(const ReviewDraft &draft, const QDateTime &sentAt)
{
    SentCreate sent;
    sent.name = draft.name();
    sent.principalId = draft.target() ? draft.target()->id : QString();
    sent.reviewerIds = draft.reviewerIds();
    sent.sentAt = sentAt.toUTC();
    return sent;
}

CreateReconciler::CreateReconciler(ReviewsClient &client, QObject *parent)
    : CreateReconciler(client, Options{}, parent)
{}

CreateReconciler::CreateReconciler(ReviewsClient &client, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options)
{
    m_settleTimer.setSingleShot(true);
    connect(&m_settleTimer, &QTimer::timeout, this, &CreateReconciler::list);
}

CreateReconciler::~CreateReconciler()
{
    cancel();
}

void CreateReconciler::start(const SentCreate &sent, const QSet<QString> &ignoreIds)
{
    cancel();
    m_sent = sent;
    m_ignoreIds = ignoreIds;
    m_candidates.clear();
    m_running = true;
    qCInfo(lcReviews) << "reconciling a create whose answer was lost, sent at" << sent.sentAt;
    m_settleTimer.start(m_options.settleDelayMs);
}

void CreateReconciler::cancel()
{
    m_settleTimer.stop();
    if (m_reply)
        m_reply->cancel();
    m_reply.clear();
    m_running = false;
}

void CreateReconciler::list()
{
    ReviewListQuery query;
    query.filter = ReviewFilter::nameEquals(m_sent.name) &&
                   ReviewFilter::createdAfter(m_sent.sentAt.addMSecs(-m_options.clockMarginMs));
    query.orderBy = ReviewListQuery::order(QStringLiteral("created"), true);
    query.limit = m_options.pageSize;
    query.pages = m_options.maxPages;
    m_reply = m_client.list(query, this, [this](const auto &result) { onListed(result); });
}

void CreateReconciler::onListed(const okta::Result<okta::Page<okta::Review>> &result)
{
    if (!result.ok()) {
        finish({ReconcileOutcome::Kind::Unknown, std::nullopt, result.error()});
        return;
    }
    if (result->hasMore()) {
        // Not every candidate was seen: "not created" would be a guess.
        finish({ReconcileOutcome::Kind::Unknown, std::nullopt,
                OktaError::make(OktaError::Kind::BadResponse,
                                QStringLiteral("too many reviews with this name to check"))});
        return;
    }
    for (const okta::Review &review : result->items) {
        // The filter is the org's; check again here so a lax org can't make us adopt a stranger.
        if (review.name == m_sent.name && !m_ignoreIds.contains(review.id) && sameReviewers(review))
            m_candidates.append(review);
    }
    checkNextCandidate();
}

void CreateReconciler::checkNextCandidate()
{
    if (m_candidates.isEmpty()) {
        finish({ReconcileOutcome::Kind::NotCreated, std::nullopt, {}});
        return;
    }
    const okta::Review candidate = m_candidates.takeFirst();
    m_reply = m_client.principal(candidate.id, this, [this, candidate](const auto &result) {
        onPrincipal(candidate, result);
    });
}

void CreateReconciler::onPrincipal(const okta::Review &candidate,
                                   const okta::Result<okta::ReviewPrincipal> &result)
{
    if (result.ok()) {
        if (result->profile.id == m_sent.principalId) {
            finish({ReconcileOutcome::Kind::Found, candidate, {}});
            return;
        }
    } else if (result.error().kind != OktaError::Kind::NotFound) {
        finish({ReconcileOutcome::Kind::Unknown, std::nullopt, result.error()});
        return;
    }
    checkNextCandidate();
}

bool CreateReconciler::sameReviewers(const okta::Review &review) const
{
    QStringList theirs = review.reviewerIds;
    QStringList ours = m_sent.reviewerIds;
    std::sort(theirs.begin(), theirs.end());
    std::sort(ours.begin(), ours.end());
    return theirs == ours;
}

void CreateReconciler::finish(ReconcileOutcome outcome)
{
    m_reply.clear();
    m_candidates.clear();
    m_running = false;
    qCInfo(lcReviews) << "reconcile finished:"
                      << (outcome.kind == ReconcileOutcome::Kind::Found        ? "found"
                          : outcome.kind == ReconcileOutcome::Kind::NotCreated ? "not created"
                                                                               : "unknown");
    emit finished(outcome);
}

} // namespace triage::reviews
