#pragma once

#include <QDateTime>

namespace triage {

// The one source of "now" for token expiry, polling, rate-limit resets and review end times.
// Production code takes a Clock reference; tests hand in a ManualClock and move time by hand.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // always UTC

    static const Clock &system();
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::currentDateTimeUtc());
    QDateTime now() const override { return m_now; }
    void advance(qint64 msecs) { m_now = m_now.addMSecs(msecs); }
    void set(const QDateTime &when) { m_now = when.toUTC(); }

private:
    QDateTime m_now;
};

} // namespace triage
