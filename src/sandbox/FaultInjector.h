#pragma once

#include "sandbox/SandboxOrg.h"

#include <QList>

#include <optional>

namespace triage::sandbox {

// Holds the injected faults and hands out the first one that matches a request, counting its uses.
class FaultInjector
{
public:
    void add(const Fault &fault);
    void clear();
    std::optional<Fault> take(const QByteArray &method, const QString &path);

    // Parses the --fault flag: KIND[:METHOD][:PATH_PREFIX][:TIMES], e.g.
    // "ServerError:POST:/governance:2".
    static std::optional<Fault> parse(const QString &spec, QString *error);

private:
    QList<Fault> m_faults;
};

} // namespace triage::sandbox
