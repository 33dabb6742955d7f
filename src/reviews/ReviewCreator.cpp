#include "reviews/ReviewCreator.h"

#include "common/Clock.h"
#include "common/Logging.h"
#include "okta/OktaConnection.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewsClient.h"

namespace triage::reviews {

using okta::OktaError;

QString CreateOutcome::message() const
{
    switch (kind) {
    case Kind::Created:
        return reconciled ? tr("Okta's answer to the create was lost, but Okta did create the "
                               "review, once: it is in the list.")
                          : QString();
    case Kind::Failed:
        return reconciled ? tr("Okta's answer to the create was lost, and Okta did not create "
                               "the review. You can start it again.")
                          : error.message();
    case Kind::Unknown:
        return tr("Okta's answer to the create was lost, and Okta could not be asked whether it "
                  "created the review (%1). Check again before starting it again, so that it is "
                  "not created twice.")
            .arg(error.message());
    }
    return {};
}

ReviewCreator::ReviewCreator(ReviewsClient &client, const Clock &clock, QObject *parent)
    : ReviewCreator(client, clock, CreateReconciler::Options{}, parent)
{}

ReviewCreator::ReviewCreator(ReviewsClient &client, const Clock &clock,
                             CreateReconciler::Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_clock(clock)
    , m_reconciler(client, options)
{
    connect(&m_reconciler, &CreateReconciler::finished, this, &ReviewCreator::onReconciled);
}

ReviewCreator::~ReviewCreator()
{
    if (m_reply)
        m_reply->cancel();
}

bool ReviewCreator::create(const ReviewDraft &draft)
{
    if (m_busy || m_unknown)
        return false;
    m_busy = true;
    m_sent = SentCreate::from(draft, m_clock.now());
    m_reply = m_client.create(draft, this, [this](const auto &result) { onCreated(result); });
    return true;
}

bool ReviewCreator::checkAgain()
{
    if (m_busy || !m_unknown)
        return false;
    m_busy = true;
    m_sent = *m_unknown;
    emit reconciling();
    m_reconciler.start(m_sent, m_knownIds);
    return true;
}

void ReviewCreator::forgetUnknown()
{
    m_unknown.reset();
}

bool ReviewCreator::outcomeUnknown(const OktaError &error)
{
    // A timeout or a drop says nothing; a 5xx may come from a proxy after the org committed; an
    // unreadable 2xx body means it did commit.
    switch (error.kind) {
    case OktaError::Kind::UnknownOutcome:
    case OktaError::Kind::Timeout:
    case OktaError::Kind::Server:
    case OktaError::Kind::BadResponse:
        return true;
    default:
        return false;
    }
}

void ReviewCreator::onCreated(const okta::Result<okta::Review> &result)
{
    m_reply.clear();
    if (result.ok()) {
        finish({CreateOutcome::Kind::Created, result.value(), {}, false});
        return;
    }
    if (!outcomeUnknown(result.error())) {
        finish({CreateOutcome::Kind::Failed, std::nullopt, result.error(), false});
        return;
    }
    qCInfo(lcReviews) << "create answer lost (" << okta::kindName(result.error().kind)
                      << "): reconciling";
    m_createError = result.error();
    emit reconciling();
    m_reconciler.start(m_sent, m_knownIds);
}

void ReviewCreator::onReconciled(const ReconcileOutcome &outcome)
{
    switch (outcome.kind) {
    case ReconcileOutcome::Kind::Found:
        m_unknown.reset();
        finish({CreateOutcome::Kind::Created, outcome.review, {}, true});
        return;
    case ReconcileOutcome::Kind::NotCreated:
        m_unknown.reset();
        finish({CreateOutcome::Kind::Failed, std::nullopt, m_createError, true});
        return;
    case ReconcileOutcome::Kind::Unknown:
        m_unknown = m_sent;
        finish({CreateOutcome::Kind::Unknown, std::nullopt, outcome.error, true});
        return;
    }
}

void ReviewCreator::finish(CreateOutcome outcome)
{
    m_busy = false;
    if (outcome.review)
        m_knownIds.insert(outcome.review->id);
    emit finished(outcome);
}

} // namespace triage::reviews
