#include "okta/ReplyParsing.h"

#include "common/Logging.h"

namespace triage::okta {

std::optional<QJsonDocument> parseJsonBody(const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("the answer is not JSON (%1 at byte %2)")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    return doc;
}

void logBadResponse(const OktaError &error)
{
    qCWarning(lcNet).noquote() << "unreadable answer:" << error.detail;
}

} // namespace triage::okta
