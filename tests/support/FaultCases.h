#pragma once

#include "sandbox/SandboxOrg.h"

#include <QList>

namespace triage::test {

// The faults every fault matrix injects, as issue 5 lists them: one row each.
struct FaultCase
{
    const char *name;
    sandbox::Fault::Kind kind;
    int httpStatus; // for ServerError
};

inline const QList<FaultCase> &faultCases()
{
    using Kind = sandbox::Fault::Kind;
    static const QList<FaultCase> cases = {
        {"latency past timeout", Kind::Latency, 0},
        {"reset before commit", Kind::DropBeforeCommit, 0},
        {"reset after commit", Kind::DropAfterCommit, 0},
        {"500", Kind::ServerError, 500},
        {"502", Kind::ServerError, 502},
        {"503", Kind::ServerError, 503},
        {"429 with reset", Kind::RateLimited, 0},
        {"malformed JSON", Kind::MalformedJson, 0},
        {"truncated body", Kind::TruncatedBody, 0},
        {"wrong field types", Kind::WrongTypes, 0},
        {"401 expired token", Kind::ExpiredToken, 0},
        {"403 insufficient_scope, empty body", Kind::InsufficientScope, 0},
    };
    return cases;
}

} // namespace triage::test
