#include "reviews/ReviewsClient.h"

#include "okta/JsonReader.h"
#include "okta/OktaIds.h"
#include "okta/ReplyParsing.h"
#include "reviews/ReviewDraft.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace triage::reviews {

using okta::OktaError;
using okta::OktaReply;
using okta::OktaRequest;
using Op = okta::SearchExpression::Op;

namespace ReviewFilter {
okta::SearchExpression status(okta::ReviewStatus status)
{
    return okta::SearchExpression::compare(QStringLiteral("status"), Op::Eq,
                                           okta::reviewStatusToString(status));
}
okta::SearchExpression nameEquals(const QString &name)
{
    return okta::SearchExpression::compare(QStringLiteral("name"), Op::Eq, name);
}
okta::SearchExpression nameContains(const QString &text)
{
    return okta::SearchExpression::compare(QStringLiteral("name"), Op::Co, text);
}
okta::SearchExpression reviewerNameContains(const QString &text)
{
    return okta::SearchExpression::compare(QStringLiteral("reviewer.name"), Op::Co, text);
}
okta::SearchExpression createdAfter(const QDateTime &when)
{
    return okta::SearchExpression::compare(QStringLiteral("created"), Op::Gt, when);
}
okta::SearchExpression createdBefore(const QDateTime &when)
{
    return okta::SearchExpression::compare(QStringLiteral("created"), Op::Lt, when);
}
} // namespace ReviewFilter

namespace {
std::optional<okta::Page<okta::Review>> parseReviewPages(const OktaReply &reply, QString *error)
{
    return okta::parsePages<okta::Review>(reply, QLatin1String("data"), error);
}

std::optional<okta::Page<okta::ReviewHistoryItem>> parseHistoryPages(const OktaReply &reply,
                                                                     QString *error)
{
    return okta::parsePages<okta::ReviewHistoryItem>(reply, QLatin1String("data"), error);
}

std::optional<okta::Done> ignoreBody(const OktaReply &, QString *)
{
    return okta::Done{};
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

QString ReviewListQuery::order(const QString &field, bool descending)
{
    static const QStringList fields = {QStringLiteral("name"), QStringLiteral("created"),
                                       QStringLiteral("endTime"), QStringLiteral("status"),
                                       QStringLiteral("id")};
    if (!fields.contains(field))
        return {};
    return field + (descending ? QStringLiteral(" desc") : QStringLiteral(" asc"));
}

QJsonObject ReviewPatch::toJson() const
{
    QJsonObject body;
    if (endTime)
        body.insert(QStringLiteral("endTime"), okta::formatOktaDateTime(*endTime));
    if (reviewerIds) {
        body.insert(QStringLiteral("reviewerSettings"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("USER")},
                                {QStringLiteral("userSettings"),
                                 QJsonObject{{QStringLiteral("includedUserIds"),
                                              QJsonArray::fromStringList(*reviewerIds)}}}});
    }
    return body;
}

ReviewsClient::ReviewsClient(okta::OktaConnection &connection)
    : m_connection(connection)
{}

QString ReviewsClient::basePath()
{
    return QStringLiteral("/governance/api/v2/security-access-reviews");
}

template<typename T>
OktaReply *ReviewsClient::refuse(const QString &why, QObject *context, okta::Handler<T> done)
{
    OktaError error = OktaError::make(OktaError::Kind::Validation, why);
    error.errorSummary = why;
    return okta::deliverFailure<T>(m_connection, context, std::move(error), std::move(done));
}

OktaReply *ReviewsClient::create(const ReviewDraft &draft, QObject *context,
                                 okta::Handler<okta::Review> done)
{
    const QList<DraftProblem> problems = draft.problems();
    if (!problems.isEmpty())
        return refuse<okta::Review>(problems.first().message(), context, std::move(done));
    OktaRequest request;
    request.method = "POST";
    request.path = basePath();
    request.body = compact(draft.toCreateJson());
    return okta::deliver<okta::Review>(m_connection.send(std::move(request)), context,
                                       okta::parseObjectBody<okta::Review>, std::move(done));
}

OktaReply *ReviewsClient::list(const ReviewListQuery &query, QObject *context,
                               okta::Handler<okta::Page<okta::Review>> done)
{
    static const QRegularExpression orderPattern(
        QStringLiteral("^(name|created|endTime|status|id)( (asc|desc))?$"));
    if (!query.orderBy.isEmpty() && !orderPattern.match(query.orderBy).hasMatch()) {
        return refuse<okta::Page<okta::Review>>(
            QCoreApplication::translate("triage::reviews::ReviewsClient",
                                        "The review list can't be sorted that way."),
            context, std::move(done));
    }
    OktaRequest request;
    request.path = basePath();
    if (!query.filter.isEmpty())
        request.query.append({QStringLiteral("filter"), query.filter.toString()});
    if (!query.orderBy.isEmpty())
        request.query.append({QStringLiteral("orderBy"), query.orderBy});
    if (!query.after.isEmpty())
        request.query.append({QStringLiteral("after"), query.after});
    request.query.append(
        {QStringLiteral("limit"), QString::number(std::clamp(query.limit, 1, 200))});
    request.pages = query.pages;
    return okta::deliver<okta::Page<okta::Review>>(m_connection.send(std::move(request)), context,
                                                   parseReviewPages, std::move(done));
}

OktaReply *ReviewsClient::nextPage(const QUrl &next, QObject *context,
                                   okta::Handler<okta::Page<okta::Review>> done)
{
    return okta::deliverNextPage<okta::Review>(m_connection, next, context, parseReviewPages,
                                               std::move(done));
}

OktaReply *ReviewsClient::get(const QString &reviewId, QObject *context,
                              okta::Handler<okta::Review> done)
{
    if (!okta::isValidReviewId(reviewId))
        return refuse<okta::Review>(QStringLiteral("invalid review id"), context, std::move(done));
    OktaRequest request;
    request.path = basePath() + QLatin1Char('/') + reviewId;
    return okta::deliver<okta::Review>(m_connection.send(std::move(request)), context,
                                       okta::parseObjectBody<okta::Review>, std::move(done));
}

OktaReply *ReviewsClient::stats(QObject *context, okta::Handler<okta::ReviewStats> done)
{
    OktaRequest request;
    request.path = basePath() + QStringLiteral("/stats");
    return okta::deliver<okta::ReviewStats>(m_connection.send(std::move(request)), context,
                                            okta::parseObjectBody<okta::ReviewStats>,
                                            std::move(done));
}

OktaReply *ReviewsClient::principal(const QString &reviewId, QObject *context,
                                    okta::Handler<okta::ReviewPrincipal> done)
{
    if (!okta::isValidReviewId(reviewId)) {
        return refuse<okta::ReviewPrincipal>(QStringLiteral("invalid review id"), context,
                                             std::move(done));
    }
    OktaRequest request;
    request.path = basePath() + QLatin1Char('/') + reviewId + QStringLiteral("/principal");
    return okta::deliver<okta::ReviewPrincipal>(m_connection.send(std::move(request)), context,
                                                okta::parseObjectBody<okta::ReviewPrincipal>,
                                                std::move(done));
}

OktaReply *ReviewsClient::history(const QString &reviewId, QObject *context,
                                  okta::Handler<okta::Page<okta::ReviewHistoryItem>> done)
{
    if (!okta::isValidReviewId(reviewId)) {
        return refuse<okta::Page<okta::ReviewHistoryItem>>(QStringLiteral("invalid review id"),
                                                           context, std::move(done));
    }
    OktaRequest request;
    request.path = basePath() + QLatin1Char('/') + reviewId + QStringLiteral("/history");
    request.pages = m_connection.options().maxPages;
    return okta::deliver<okta::Page<okta::ReviewHistoryItem>>(
        m_connection.send(std::move(request)), context, parseHistoryPages, std::move(done));
}

OktaReply *ReviewsClient::patch(const QString &reviewId, const ReviewPatch &patch, QObject *context,
                                okta::Handler<okta::Review> done)
{
    if (!okta::isValidReviewId(reviewId))
        return refuse<okta::Review>(QStringLiteral("invalid review id"), context, std::move(done));
    std::optional<DraftProblem> problem;
    if (patch.endTime)
        problem = ReviewDraft::checkEndTime(*patch.endTime, m_connection.clock());
    if (!problem && patch.reviewerIds) {
        problem = ReviewDraft::checkReviewerCount(patch.reviewerIds->size());
        for (const QString &id : *patch.reviewerIds) {
            if (!problem && !okta::isValidUserId(id))
                problem = DraftProblem{DraftProblem::Code::InvalidReviewer, id};
        }
    }
    if (!problem && !patch.endTime && !patch.reviewerIds)
        problem = DraftProblem{DraftProblem::Code::EndTimeMissing, {}};
    if (problem)
        return refuse<okta::Review>(problem->message(), context, std::move(done));
    OktaRequest request;
    request.method = "PATCH";
    request.path = basePath() + QLatin1Char('/') + reviewId;
    request.body = compact(patch.toJson());
    return okta::deliver<okta::Review>(m_connection.send(std::move(request)), context,
                                       okta::parseObjectBody<okta::Review>, std::move(done));
}

OktaReply *ReviewsClient::postAndExpectNothing(const QString &path, const QJsonObject &body,
                                               QObject *context, okta::Handler<okta::Done> done)
{
    OktaRequest request;
    request.method = "POST";
    request.path = path;
    request.body = compact(body);
    return okta::deliver<okta::Done>(m_connection.send(std::move(request)), context, ignoreBody,
                                     std::move(done));
}

OktaReply *ReviewsClient::close(const QString &reviewId, QObject *context,
                                okta::Handler<okta::Done> done)
{
    if (!okta::isValidReviewId(reviewId))
        return refuse<okta::Done>(QStringLiteral("invalid review id"), context, std::move(done));
    return postAndExpectNothing(
        basePath() + QLatin1Char('/') + reviewId + QStringLiteral("/actions"),
        {{QStringLiteral("actionType"), QStringLiteral("CLOSE_REVIEW")}}, context, std::move(done));
}

OktaReply *ReviewsClient::comment(const QString &reviewId, const QString &text, QObject *context,
                                  okta::Handler<okta::Done> done)
{
    if (!okta::isValidReviewId(reviewId))
        return refuse<okta::Done>(QStringLiteral("invalid review id"), context, std::move(done));
    const qsizetype length = text.trimmed().toUcs4().size();
    if (length < 1 || length > kMaxCommentLength) {
        return refuse<okta::Done>(QCoreApplication::translate("triage::reviews::ReviewsClient",
                                                              "A comment needs 1 to %1 characters.")
                                      .arg(kMaxCommentLength),
                                  context, std::move(done));
    }
    return postAndExpectNothing(
        basePath() + QLatin1Char('/') + reviewId + QStringLiteral("/comment"),
        {{QStringLiteral("comment"), text.trimmed()}}, context, std::move(done));
}

} // namespace triage::reviews
