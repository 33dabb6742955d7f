#include "okta/OktaIds.h"

#include <QRegularExpression>
#include <QUrl>

namespace triage::okta {

bool isValidOktaId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9]{20}$"));
    return pattern.match(id).hasMatch();
}

bool isValidUserId(const QString &id)
{
    return isValidOktaId(id) && id.startsWith(QLatin1String("00u"));
}

bool isValidReviewId(const QString &id)
{
    return isValidOktaId(id);
}

QString userPathSegment(const QString &idOrLogin)
{
    if (isValidOktaId(idOrLogin))
        return idOrLogin;
    return QString::fromLatin1(QUrl::toPercentEncoding(idOrLogin));
}

} // namespace triage::okta
