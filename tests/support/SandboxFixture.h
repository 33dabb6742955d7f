#pragma once

#include "sandbox/SandboxOrg.h"

#include <memory>

namespace triage::test {

// A sandbox org on 127.0.0.1 and a random port, for one test. Small users count by default so
// tests start fast; the rest of the configuration is the sandbox's default.
sandbox::SandboxConfig smallConfig();

std::unique_ptr<sandbox::SandboxOrg> startSandbox(sandbox::SandboxConfig config = smallConfig());

} // namespace triage::test
