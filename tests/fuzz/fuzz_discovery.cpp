// The org's discovery document. Input: org address NUL document. An accepted document never
// sends codes or tokens to another origin than the org's.
#include "FuzzSupport.h"

#include "auth/OrgDiscovery.h"
#include "auth/OrgUrl.h"

#include <QJsonDocument>

using namespace triage::auth;

namespace {
// An origin is scheme, host and port, with the scheme's default port when none is written.
int port(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host() && port(a) == port(b) &&
           a.userInfo().isEmpty();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    triage::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> in = triage::fuzz::fields(triage::fuzz::bytes(data, size), 2);
    OrgUrl org = OrgUrl::fromUserInput(QString::fromUtf8(in.at(0)));
    if (!org.isValid())
        org = OrgUrl::fromUserInput(QString::fromUtf8(in.at(0)), OrgUrl::Kind::Sandbox);
    if (!org.isValid())
        org = OrgUrl::fromUserInput(QStringLiteral("acme.okta.com"));
    FUZZ_CHECK(org.isValid());

    const QJsonObject document = QJsonDocument::fromJson(in.at(1)).object();
    QString error;
    const std::optional<OrgEndpoints> endpoints =
        OrgEndpoints::fromDiscovery(document, org.url(), &error);
    if (!endpoints) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    FUZZ_CHECK(endpoints->isValid());
    FUZZ_CHECK(sameOrigin(endpoints->authorization, org.url()));
    FUZZ_CHECK(sameOrigin(endpoints->token, org.url()));
    if (!endpoints->revocation.isEmpty())
        FUZZ_CHECK(sameOrigin(endpoints->revocation, org.url()));
    if (!endpoints->endSession.isEmpty())
        FUZZ_CHECK(sameOrigin(endpoints->endSession, org.url()));
    return 0;
}
