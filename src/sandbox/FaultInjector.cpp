#include "sandbox/FaultInjector.h"

namespace triage::sandbox {

namespace {
struct KindName
{
    Fault::Kind kind;
    const char *name;
};
constexpr KindName kKindNames[] = {
    {Fault::Kind::Latency, "Latency"},
    {Fault::Kind::ServerError, "ServerError"},
    {Fault::Kind::DropBeforeCommit, "DropBeforeCommit"},
    {Fault::Kind::DropAfterCommit, "DropAfterCommit"},
    {Fault::Kind::MalformedJson, "MalformedJson"},
    {Fault::Kind::TruncatedBody, "TruncatedBody"},
    {Fault::Kind::WrongTypes, "WrongTypes"},
    {Fault::Kind::RateLimited, "RateLimited"},
    {Fault::Kind::ExpiredToken, "ExpiredToken"},
    {Fault::Kind::InsufficientScope, "InsufficientScope"},
};
} // namespace

void FaultInjector::add(const Fault &fault)
{
    if (fault.times != 0)
        m_faults.append(fault);
}

void FaultInjector::clear()
{
    m_faults.clear();
}

std::optional<Fault> FaultInjector::take(const QByteArray &method, const QString &path)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Fault &fault = m_faults[i];
        if (!fault.method.isEmpty() && fault.method.compare(method, Qt::CaseInsensitive) != 0)
            continue;
        if (!path.startsWith(fault.pathPrefix))
            continue;
        const Fault hit = fault;
        if (fault.times > 0 && --fault.times == 0)
            m_faults.removeAt(i);
        return hit;
    }
    return std::nullopt;
}

std::optional<Fault> FaultInjector::parse(const QString &spec, QString *error)
{
    const QStringList parts = spec.split(QLatin1Char(':'));
    Fault fault;
    bool known = false;
    for (const auto &entry : kKindNames) {
        if (parts.value(0).compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0) {
            fault.kind = entry.kind;
            known = true;
        }
    }
    if (!known || parts.size() > 4) {
        if (error)
            *error = QStringLiteral("expected KIND[:METHOD][:PATH_PREFIX][:TIMES], got \"%1\"")
                         .arg(spec);
        return std::nullopt;
    }
    fault.method = parts.value(1).toUpper().toLatin1();
    fault.pathPrefix = parts.value(2);
    if (parts.size() == 4) {
        bool ok = false;
        fault.times = parts.at(3).toInt(&ok);
        if (!ok || fault.times == 0 || fault.times < -1) {
            if (error)
                *error = QStringLiteral("TIMES must be a positive number or -1");
            return std::nullopt;
        }
    }
    fault.delayMs = 2000;
    return fault;
}

} // namespace triage::sandbox
