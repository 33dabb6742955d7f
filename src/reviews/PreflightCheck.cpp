#include "reviews/PreflightCheck.h"

#include "common/Logging.h"
#include "okta/OktaIds.h"
#include "reviews/ReviewIndex.h"
#include "reviews/ReviewsClient.h"

#include <QSet>
#include <QTimer>

#include <algorithm>

namespace triage::reviews {

using okta::OktaError;
using okta::ReviewStatus;

PreflightCheck::PreflightCheck(ReviewsClient &client, QString orgHost, const ReviewIndex *index,
                               QObject *parent)
    : PreflightCheck(client, std::move(orgHost), Options{}, index, parent)
{}

PreflightCheck::PreflightCheck(ReviewsClient &client, QString orgHost, Options options,
                               const ReviewIndex *index, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_orgHost(std::move(orgHost))
    , m_options(options)
    , m_index(index)
{}

PreflightCheck::~PreflightCheck()
{
    cancel();
}

void PreflightCheck::cancel()
{
    for (const QPointer<okta::OktaReply> &reply : std::as_const(m_replies)) {
        if (reply)
            reply->cancel();
    }
    m_replies.clear();
    m_running = false;
    m_waiting = 0;
}

void PreflightCheck::track(okta::OktaReply *reply)
{
    m_replies.removeAll(nullptr); // finished replies delete themselves
    m_replies << reply;
    ++m_waiting;
}

void PreflightCheck::start(const QString &targetId)
{
    cancel();
    m_running = true;
    m_targetId = targetId;
    m_result = PreflightResult{};
    m_openReviews.clear();
    if (!okta::isValidUserId(targetId)) {
        OktaError error = OktaError::make(OktaError::Kind::Validation,
                                          QStringLiteral("the target is not an Okta user id"));
        error.errorSummary = tr("Choose the user to review first.");
        // finished() is promised asynchronously, also when nothing was sent.
        QTimer::singleShot(0, this, [this, error] {
            if (m_running && m_waiting == 0)
                failWith(error);
        });
        return;
    }

    // All three at once: the org count, and the open reviews (for the target count).
    track(m_client.stats(this, [this](const auto &result) { onStats(result); }));
    for (const ReviewStatus status : {ReviewStatus::Pending, ReviewStatus::Active}) {
        ReviewListQuery query;
        query.filter = ReviewFilter::status(status);
        query.orderBy = ReviewListQuery::order(QStringLiteral("created"), true);
        query.limit = 200;
        query.pages = m_options.listPages;
        track(m_client.list(query, this, [this](const auto &result) { onOpenList(result); }));
    }
}

void PreflightCheck::onStats(const okta::Result<okta::ReviewStats> &result)
{
    --m_waiting;
    if (!result.ok())
        return failWith(result.error());
    m_result.orgOpenCount = result->activeCount + result->pendingCount;
    if (m_result.orgOpenCount >= kMaxOpenPerOrg)
        return finish(PreflightResult::Outcome::OrgLimit);
    if (m_waiting == 0)
        lookUpUnknownTargets();
}

void PreflightCheck::onOpenList(const okta::Result<okta::Page<okta::Review>> &result)
{
    --m_waiting;
    if (!result.ok())
        return failWith(result.error());
    m_openReviews << result->items;
    if (result->hasMore()) // beyond listPages: those reviews' targets stay unknown
        qCInfo(lcReviews) << "pre-flight: more open reviews than" << m_options.listPages
                          << "pages; the rest is not checked";
    if (m_waiting == 0)
        lookUpUnknownTargets();
}

void PreflightCheck::lookUpUnknownTargets()
{
    // Newest first: a burst of reviews for one target is the likely way to hit the limit.
    std::sort(m_openReviews.begin(), m_openReviews.end(),
              [](const okta::Review &a, const okta::Review &b) { return a.created > b.created; });
    QSet<QString> seen;
    QStringList unknown;
    for (const okta::Review &review : std::as_const(m_openReviews)) {
        if (seen.contains(review.id))
            continue; // it moved from PENDING to ACTIVE between the two lists
        seen.insert(review.id);
        const std::optional<IndexedReview> known =
            m_index ? m_index->review(m_orgHost, review.id) : std::nullopt;
        if (known) {
            if (known->target.id == m_targetId)
                m_result.targetReviewIds << review.id;
        } else {
            unknown << review.id;
        }
    }
    if (m_result.targetOpenCount() >= kMaxOpenPerTarget)
        return finish(PreflightResult::Outcome::TargetLimit);

    const QStringList lookUps = unknown.mid(0, m_options.maxPrincipalLookups);
    m_result.uncheckedReviews = int(unknown.size() - lookUps.size());
    if (lookUps.isEmpty())
        return finish(PreflightResult::Outcome::Ok);
    for (const QString &id : lookUps) {
        track(m_client.principal(id, this,
                                 [this, id](const auto &result) { onPrincipal(id, result); }));
    }
}

void PreflightCheck::onPrincipal(const QString &reviewId,
                                 const okta::Result<okta::ReviewPrincipal> &result)
{
    --m_waiting;
    if (result.ok()) {
        if (result->profile.id == m_targetId)
            m_result.targetReviewIds << reviewId;
    } else if (result.error().kind != OktaError::Kind::NotFound) {
        // One unreadable principal does not make the whole check fail: it stays unknown.
        ++m_result.uncheckedReviews;
        qCInfo(lcReviews).noquote() << "pre-flight: principal of" << reviewId
                                    << "unknown:" << okta::kindName(result.error().kind);
    }
    if (m_result.targetOpenCount() >= kMaxOpenPerTarget)
        return finish(PreflightResult::Outcome::TargetLimit);
    if (m_waiting == 0)
        finish(PreflightResult::Outcome::Ok);
}

void PreflightCheck::failWith(const OktaError &error)
{
    m_result.error = error;
    finish(PreflightResult::Outcome::Failed);
}

void PreflightCheck::finish(PreflightResult::Outcome outcome)
{
    cancel(); // answers still in flight are no longer needed
    m_result.outcome = outcome;
    m_result.targetReviewIds.sort();
    emit finished(m_result);
}

} // namespace triage::reviews
