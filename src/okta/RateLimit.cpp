#include "okta/RateLimit.h"

#include <QLocale>
#include <QTimeZone>

namespace triage::okta {

namespace {
std::optional<qint64> parseNonNegative(const QByteArray &text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}
} // namespace

QDateTime parseHttpDate(const QByteArray &text)
{
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(text.trimmed()),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return {};
    when.setTimeZone(QTimeZone::utc());
    return when;
}

std::optional<RateLimit> RateLimit::fromHeaders(const QByteArray &limit,
                                                const QByteArray &remaining,
                                                const QByteArray &reset, const QByteArray &date,
                                                const QDateTime &localNow)
{
    const auto l = parseNonNegative(limit);
    const auto r = parseNonNegative(remaining);
    const auto s = parseNonNegative(reset);
    constexpr qint64 kMaxInt = 2147483647;
    constexpr qint64 kYear9999 = 253402300799;
    if (!l || !r || !s || *l > kMaxInt || *r > kMaxInt || *s > kYear9999)
        return std::nullopt;
    RateLimit rate;
    rate.limit = static_cast<int>(*l);
    rate.remaining = static_cast<int>(*r);
    rate.resetServer = QDateTime::fromSecsSinceEpoch(*s, QTimeZone::utc());
    const QDateTime serverNow = parseHttpDate(date);
    // Date has whole seconds, so the skew errs towards waiting up to a second longer: never early.
    const qint64 skewMs = serverNow.isValid() ? localNow.msecsTo(serverNow) : 0;
    rate.resetLocal = rate.resetServer.addMSecs(-skewMs);
    return rate;
}

qint64 RateLimit::msecsUntilReset(const QDateTime &localNow) const
{
    return std::max<qint64>(0, localNow.msecsTo(resetLocal));
}

} // namespace triage::okta
