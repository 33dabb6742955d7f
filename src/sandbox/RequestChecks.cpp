#include "sandbox/RequestChecks.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

namespace triage::sandbox {

namespace {
ApiResponse badPath()
{
    return ApiResponse::oktaError(400, QStringLiteral("E0000001"),
                                  QStringLiteral("Api validation failed: path"),
                                  {QStringLiteral("The request path is not valid.")});
}

// QByteArray::fromPercentEncoding decodes a malformed escape too ("%RF" becomes '/'), so the
// checks below would see other bytes than the escape shows: such paths are refused outright.
bool hasMalformedEscape(const QByteArray &rawPath)
{
    const auto isHex = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    };
    for (qsizetype i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
        if (i + 2 >= rawPath.size() || !isHex(rawPath.at(i + 1)) || !isHex(rawPath.at(i + 2)))
            return true;
    }
    return false;
}

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray mediaType = contentType.split(';').constFirst().trimmed().toLower();
    return mediaType == "application/json";
}
} // namespace

std::optional<ApiResponse> RequestChecks::checkPath(const QByteArray &rawPath)
{
    if (!rawPath.startsWith('/') || hasMalformedEscape(rawPath))
        return badPath();
    const QByteArray lower = rawPath.toLower();
    // Encoded separators would let one segment pose as several (or hide a NUL).
    for (const char *forbidden : {"%2f", "%5c", "%00", "\\"}) {
        if (lower.contains(forbidden))
            return badPath();
    }
    const QByteArrayList segments = rawPath.mid(1).split('/');
    for (const QByteArray &segment : segments) {
        const QByteArray decoded = QByteArray::fromPercentEncoding(segment);
        if (decoded == "." || decoded == "..")
            return badPath();
        for (const char c : decoded) {
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                return badPath();
        }
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString decodedPath = utf8.decode(QByteArray::fromPercentEncoding(rawPath));
    if (utf8.hasError())
        return badPath();
    return std::nullopt;
}

std::optional<ApiResponse> RequestChecks::checkBodySize(const QByteArray &body)
{
    if (body.size() <= kMaxBodyBytes)
        return std::nullopt;
    return ApiResponse::oktaError(413, QStringLiteral("E0000001"),
                                  QStringLiteral("Api validation failed: body"),
                                  {QStringLiteral("The request body is too large.")});
}

std::optional<ApiResponse> RequestChecks::checkJsonBody(const ApiRequest &request)
{
    if (request.body.isEmpty())
        return std::nullopt; // the route decides whether it needs a body
    if (!isJsonContentType(request.header("Content-Type")))
        return malformedBody();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return malformedBody();
    return std::nullopt;
}

ApiResponse RequestChecks::malformedBody()
{
    return ApiResponse::oktaError(400, QStringLiteral("E0000003"),
                                  QStringLiteral("The request body was not well-formed."));
}

} // namespace triage::sandbox
