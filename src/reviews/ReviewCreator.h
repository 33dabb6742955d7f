#pragma once

#include "okta/OktaConnection.h"
#include "okta/OktaError.h"
#include "okta/Review.h"
#include "reviews/CreateReconciler.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

namespace triage {
class Clock;
}

namespace triage::reviews {

class ReviewDraft;
class ReviewsClient;

// How a "Start review" ended, for the UI.
struct CreateOutcome
{
    Q_DECLARE_TR_FUNCTIONS(CreateOutcome)
public:
    enum class Kind {
        Created, // `review` exists on the org (answered, or found by reconciling)
        Failed,  // the org did not create it: fix what `error` says or try again
        Unknown, // the org may have created it and could not be asked: checkAgain(), not create()
    };
    Kind kind = Kind::Failed;
    std::optional<okta::Review> review;
    okta::OktaError error;   // Failed and Unknown
    bool reconciled = false; // the create's own answer was lost; a listing decided

    bool mayCreateAgain() const { return kind == Kind::Failed; }
    // One readable sentence or two for the analyst; empty for a plain Created.
    QString message() const;
};

// The one thing the UI calls to start a review: create, and when the answer is lost (dropped
// connection, timeout, 5xx, unreadable body: the org may have committed it) reconcile before saying
// anything, so a review is never doubled (no blind re-send) and never lost (a found review is
// reported as Created). While an outcome is Unknown, create() refuses: the UI offers checkAgain()
// instead.
class ReviewCreator : public QObject
{
    Q_OBJECT
public:
    ReviewCreator(ReviewsClient &client, const Clock &clock, QObject *parent = nullptr);
    ReviewCreator(ReviewsClient &client, const Clock &clock, CreateReconciler::Options options,
                  QObject *parent = nullptr);
    ~ReviewCreator() override;

    // Returns false (and emits nothing) while busy or while an earlier outcome is Unknown.
    bool create(const ReviewDraft &draft);
    // Asks the org again about the create that ended Unknown. False if there is none.
    bool checkAgain();
    // Forget an Unknown outcome (the analyst checked the org by hand); create() works again.
    void forgetUnknown();

    bool isBusy() const { return m_busy; }
    bool hasUnknownOutcome() const { return m_unknown.has_value(); }
    // Reviews the app already has (e.g. from the index): a reconcile never takes one of them for
    // the lost create. Reviews this creator made are added by itself.
    void addKnownReviewIds(const QSet<QString> &ids) { m_knownIds.unite(ids); }

signals:
    void reconciling(); // the answer was lost; the org is being asked (show "Checking...")
    void finished(const triage::reviews::CreateOutcome &outcome);

private:
    void onCreated(const okta::Result<okta::Review> &result);
    void onReconciled(const ReconcileOutcome &outcome);
    void finish(CreateOutcome outcome);
    static bool outcomeUnknown(const okta::OktaError &error);

    ReviewsClient &m_client;
    const Clock &m_clock;
    CreateReconciler m_reconciler;
    QPointer<okta::OktaReply> m_reply;
    SentCreate m_sent;
    okta::OktaError m_createError; // what the lost create reported
    std::optional<SentCreate> m_unknown;
    QSet<QString> m_knownIds;
    bool m_busy = false;
};

} // namespace triage::reviews

Q_DECLARE_METATYPE(triage::reviews::CreateOutcome)
