#pragma once

#include "okta/OktaConnection.h"
#include "okta/Result.h"
#include "okta/Review.h"
#include "okta/SearchExpression.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace triage::reviews {

class ReviewDraft;

// Filters for the review list (fields name, status, reviewer.name, created), built with the one
// SearchExpression builder so names with quotes stay values. Combine with && and ||.
namespace ReviewFilter {
okta::SearchExpression status(okta::ReviewStatus status);
okta::SearchExpression nameEquals(const QString &name);
okta::SearchExpression nameContains(const QString &text);
okta::SearchExpression reviewerNameContains(const QString &text);
okta::SearchExpression createdAfter(const QDateTime &when);
okta::SearchExpression createdBefore(const QDateTime &when);
} // namespace ReviewFilter

struct ReviewListQuery
{
    okta::SearchExpression filter;
    QString orderBy; // "created desc", ... (see order()); empty: the API's default
    QString after;   // opaque cursor; usually follow Page::next instead
    int limit = 20;  // 1..200
    int pages = 1;   // > 1: follow next links up to this many pages

    // "<field> asc|desc" for field name, created, endTime, status or id; empty if invalid.
    static QString order(const QString &field, bool descending);
};

// A change to a review: only the fields set are sent.
struct ReviewPatch
{
    std::optional<QDateTime> endTime;
    std::optional<QStringList> reviewerIds;

    QJsonObject toJson() const;
};

// Security access review operations (admin side) on one org connection. Each call returns its
// okta::OktaReply (cancel() it to drop the answer) and answers `done` on `context`. Ids are
// checked before they enter a URL; drafts, patches and comments are checked before sending and
// come back as Validation errors without a request when they break a rule.
class ReviewsClient
{
public:
    static constexpr int kMaxCommentLength = 1000;

    explicit ReviewsClient(okta::OktaConnection &connection);

    okta::OktaConnection &connection() const { return m_connection; }

    // POST: never retried by the connection; a lost answer is UnknownOutcome (list to reconcile).
    okta::OktaReply *create(const ReviewDraft &draft, QObject *context,
                            okta::Handler<okta::Review> done);
    okta::OktaReply *list(const ReviewListQuery &query, QObject *context,
                          okta::Handler<okta::Page<okta::Review>> done);
    okta::OktaReply *nextPage(const QUrl &next, QObject *context,
                              okta::Handler<okta::Page<okta::Review>> done);
    okta::OktaReply *get(const QString &reviewId, QObject *context,
                         okta::Handler<okta::Review> done);
    okta::OktaReply *stats(QObject *context, okta::Handler<okta::ReviewStats> done);
    okta::OktaReply *principal(const QString &reviewId, QObject *context,
                               okta::Handler<okta::ReviewPrincipal> done);
    // Every history page, up to the connection's page cap.
    okta::OktaReply *history(const QString &reviewId, QObject *context,
                             okta::Handler<okta::Page<okta::ReviewHistoryItem>> done);
    okta::OktaReply *patch(const QString &reviewId, const ReviewPatch &patch, QObject *context,
                           okta::Handler<okta::Review> done);
    // POST .../actions {"actionType":"CLOSE_REVIEW"}.
    okta::OktaReply *close(const QString &reviewId, QObject *context,
                           okta::Handler<okta::Done> done);
    okta::OktaReply *comment(const QString &reviewId, const QString &text, QObject *context,
                             okta::Handler<okta::Done> done);

    static QString basePath();

private:
    template<typename T>
    okta::OktaReply *refuse(const QString &why, QObject *context, okta::Handler<T> done);
    okta::OktaReply *postAndExpectNothing(const QString &path, const QJsonObject &body,
                                          QObject *context, okta::Handler<okta::Done> done);

    okta::OktaConnection &m_connection;
};

} // namespace triage::reviews
