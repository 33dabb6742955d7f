#include "auth/CallbackRequest.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>
#include <QUrlQuery>

namespace triage::auth {

namespace {

// Compares without an early exit so the time taken says nothing about how much matched.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

CallbackRequest withVerdict(CallbackRequest::Verdict verdict)
{
    CallbackRequest request;
    request.verdict = verdict;
    return request;
}

} // namespace

CallbackRequest CallbackRequest::parse(const QByteArray &head, const QByteArray &expectedState)
{
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QList<QByteArray> requestLine = (lineEnd < 0 ? head : head.left(lineEnd)).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.") ||
        !requestLine.at(1).startsWith('/'))
        return withVerdict(Verdict::BadRequest);
    if (requestLine.at(0) != "GET")
        return withVerdict(Verdict::MethodNotAllowed);
    const QByteArray target = requestLine.at(1);
    const qsizetype queryStart = target.indexOf('?');
    const QByteArray path = queryStart < 0 ? target : target.left(queryStart);
    if (path != "/callback")
        return withVerdict(Verdict::NotFound);

    // Form-style encoding: '+' means a space in error_description.
    QByteArray rawQuery = queryStart < 0 ? QByteArray() : target.mid(queryStart + 1);
    rawQuery.replace('+', "%20");
    const QUrlQuery query(QString::fromLatin1(rawQuery));
    const QStringList states =
        query.allQueryItemValues(QStringLiteral("state"), QUrl::FullyDecoded);
    if (states.size() != 1 || !constantTimeEquals(states.first().toUtf8(), expectedState))
        return withVerdict(Verdict::StateMismatch);

    CallbackRequest request = withVerdict(Verdict::Received);
    AuthorizationResponse &response = request.response;
    const QStringList codes = query.allQueryItemValues(QStringLiteral("code"), QUrl::FullyDecoded);
    response.error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    response.errorDescription =
        query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded).left(500);
    if (response.error.isEmpty() && (codes.size() != 1 || codes.first().isEmpty())) {
        response.error = QStringLiteral("invalid_request");
        // The receiver's translation context, where this sentence has always been.
        response.errorDescription = QCoreApplication::translate(
            "triage::auth::LoopbackReceiver", "The redirect carried no authorization code.");
    }
    if (response.error.isEmpty())
        response.code = codes.first().toUtf8();
    return request;
}

} // namespace triage::auth
