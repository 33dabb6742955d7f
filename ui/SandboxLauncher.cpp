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

bool SandboxLauncher::start(quint16 redirectPort, QString *error)
{
    m_org.reset();
    // The redirect port is held until the sandbox has its own (any free) port, which could
    // otherwise be this very one. Let go before any sign-in binds it; a later clash with another
    // program is reported by the sign-in as "port in use", never silent. A given port that is
    // busy now is kept all the same: the sign-in will say so.
    QTcpServer reserved;
    reserved.listen(QHostAddress::LocalHost, redirectPort); // 0: any free port
    m_redirectPort = redirectPort != 0 ? redirectPort : reserved.serverPort();
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
