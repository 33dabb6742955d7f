#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace triage::okta {

// Okta's X-Rate-Limit-* headers for one endpoint family, with the reset moved onto our clock:
// reset is server epoch seconds, so it is shifted by (our now - the server's Date).
struct RateLimit
{
    QString family; // which endpoint family these numbers are about
    int limit = 0;
    int remaining = 0;
    QDateTime resetServer; // as the server said (UTC)
    QDateTime resetLocal;  // the same moment on our clock

    // nullopt when the headers are missing or malformed. A missing/bad Date means no correction.
    static std::optional<RateLimit> fromHeaders(const QByteArray &limit,
                                                const QByteArray &remaining,
                                                const QByteArray &reset, const QByteArray &date,
                                                const QDateTime &localNow);
    qint64 msecsUntilReset(const QDateTime &localNow) const; // >= 0
};

// An HTTP-date (RFC 9110 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"), or invalid.
QDateTime parseHttpDate(const QByteArray &text);

} // namespace triage::okta
