#include "SandboxFixture.h"

#include <QTest>

namespace triage::test {

sandbox::SandboxConfig smallConfig()
{
    sandbox::SandboxConfig config;
    config.users = 60;
    config.activationDelaySeconds = 0.3;
    return config;
}

std::unique_ptr<sandbox::SandboxOrg> startSandbox(sandbox::SandboxConfig config)
{
    auto org = std::make_unique<sandbox::SandboxOrg>(std::move(config));
    QString error;
    if (!org->start(&error)) {
        QTest::qFail(qPrintable(QStringLiteral("sandbox did not start: ") + error), __FILE__,
                     __LINE__);
        return nullptr;
    }
    return org;
}

} // namespace triage::test
