#pragma once

#include "okta/OktaConnection.h"
#include "okta/Result.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace triage::okta {

// Body -> JSON, with the reason when it isn't what we expected.
std::optional<QJsonDocument> parseJsonBody(const QByteArray &body, QString *error);
void logBadResponse(const OktaError &error);

// T::fromJson on the (only) body, which must be an object.
template<typename T> std::optional<T> parseObjectBody(const OktaReply &reply, QString *error)
{
    const auto doc = parseJsonBody(reply.body(), error);
    if (!doc)
        return std::nullopt;
    if (!doc->isObject()) {
        *error = QStringLiteral("the answer is not a JSON object");
        return std::nullopt;
    }
    return T::fromJson(doc->object(), error);
}

// Items of every page fetched. dataKey empty: each body is an array (Users API);
// otherwise each body is an object holding the array under dataKey (governance "data").
template<typename T>
std::optional<Page<T>> parsePages(const OktaReply &reply, QLatin1String dataKey, QString *error)
{
    Page<T> page;
    for (const QByteArray &body : reply.bodies()) {
        const auto doc = parseJsonBody(body, error);
        if (!doc)
            return std::nullopt;
        QJsonArray items;
        if (dataKey.isEmpty() && doc->isArray()) {
            items = doc->array();
        } else if (!dataKey.isEmpty() && doc->isObject() &&
                   doc->object().value(dataKey).isArray()) {
            items = doc->object().value(dataKey).toArray();
        } else {
            *error = QStringLiteral("the answer is not a list");
            return std::nullopt;
        }
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!items.at(i).isObject()) {
                *error = QStringLiteral("list item %1 is not an object").arg(i);
                return std::nullopt;
            }
            std::optional<T> item = T::fromJson(items.at(i).toObject(), error);
            if (!item)
                return std::nullopt;
            page.items.append(std::move(*item));
        }
    }
    page.next = reply.nextUrl();
    return page;
}

// Wires a reply to a typed handler: parse failures become BadResponse. `done` runs on
// `context`'s thread, only while `context` lives, and never for a cancelled reply.
template<typename T, typename Parse>
OktaReply *deliver(OktaReply *reply, QObject *context, Parse parse, Handler<T> done)
{
    QObject::connect(reply, &OktaReply::finished, context, [reply, parse, done] {
        if (!reply->ok()) {
            done(Result<T>(reply->error()));
            return;
        }
        QString error;
        std::optional<T> value = parse(*reply, &error);
        if (!value) {
            OktaError bad = OktaError::make(OktaError::Kind::BadResponse, error);
            bad.httpStatus = reply->httpStatus();
            logBadResponse(bad);
            done(Result<T>(std::move(bad)));
            return;
        }
        done(Result<T>(std::move(*value)));
    });
    return reply;
}

// A request that fails before it is sent (bad id, invalid draft): delivered asynchronously like
// any other answer, on a reply that can still be cancelled.
template<typename T>
OktaReply *deliverFailure(OktaConnection &connection, QObject *context, OktaError error,
                          Handler<T> done)
{
    OktaReply *reply = connection.fail(std::move(error));
    QObject::connect(reply, &OktaReply::finished, context,
                     [reply, done] { done(Result<T>(reply->error())); });
    return reply;
}

// The page after a list answer, from its Link rel="next" URL. A link that leaves the org is
// refused: it would carry the Authorization header to another host.
template<typename T, typename Parse>
OktaReply *deliverNextPage(OktaConnection &connection, const QUrl &next, QObject *context,
                           Parse parse, Handler<Page<T>> done)
{
    if (!connection.isSameOrigin(next)) {
        return deliverFailure<Page<T>>(
            connection, context,
            OktaError::make(OktaError::Kind::BadResponse,
                            QStringLiteral("next page link outside the org")),
            std::move(done));
    }
    OktaRequest request;
    request.url = next;
    return deliver<Page<T>>(connection.send(std::move(request)), context, parse, std::move(done));
}

} // namespace triage::okta
