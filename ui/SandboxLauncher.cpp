#include "SandboxLauncher.h"

#include "common/Logging.h"
#include "sandbox/SandboxOrg.h"

#include <QHostAddress>
#include <QTcpServer>

namespace triage::ui {

SandboxLauncher::SandboxLauncher(sandbox::SandboxConfig base)
    : m_base(std::move(base))
{}

SandboxLauncher::~SandboxLauncher() = default;

quint16 SandboxLauncher::freeLoopbackPort()
{
    // The port is free when we let go of it; the receiver binds it again only at sign-in, so a
    // clash is possible but reported by the sign-in as "port in use", never silent.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool SandboxLauncher::start(quint16 redirectPort, QString *error)
{
    m_org.reset();
    m_redirectPort = redirectPort != 0 ? redirectPort : freeLoopbackPort();
    if (m_redirectPort == 0) {
        if (error)
            *error = tr("No free port on 127.0.0.1 for the sign-in redirect.");
        return false;
    }
    sandbox::SandboxConfig config = m_base;
    config.port = 0;
    auth::OrgProfile redirect;
    redirect.redirectPort = m_redirectPort;
    config.redirectUris = {redirect.redirectUri()};
    auto org = std::make_unique<sandbox::SandboxOrg>(config);
    QString why;
    if (!org->start(&why)) {
        if (error)
            *error = tr("The sandbox org could not start: %1").arg(why);
        return false;
    }
    qCInfo(lcUi) << "sandbox org running at" << org->baseUrl().toString();
    m_org = std::move(org);
    return true;
}

auth::OrgProfile SandboxLauncher::profile() const
{
    auth::OrgProfile profile;
    profile.id = QLatin1String(kProfileId);
    profile.displayName = tr("Sandbox");
    profile.sandbox = true;
    profile.clientId = m_base.clientId;
    profile.redirectPort = m_redirectPort;
    profile.colour = QStringLiteral("#2e9d5b");
    if (m_org)
        profile.orgUrl =
            auth::OrgUrl::fromUserInput(m_org->baseUrl().toString(), auth::OrgUrl::Kind::Sandbox)
                .toString();
    return profile;
}

} // namespace triage::ui
