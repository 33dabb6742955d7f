// What the analyst types as the org address. An accepted address is only scheme://host[:port],
// and normalising it again changes nothing.
#include "FuzzSupport.h"

#include "auth/OrgUrl.h"

using namespace triage::auth;

namespace {
void check(const QString &text, OrgUrl::Kind kind)
{
    const OrgUrl org = OrgUrl::fromUserInput(text, kind);
    if (!org.isValid()) {
        FUZZ_CHECK(!org.errorString().isEmpty());
        return;
    }
    const QUrl url = org.url();
    FUZZ_CHECK(url.scheme() == QLatin1String("https") ||
               (org.isSandbox() && url.scheme() == QLatin1String("http")));
    FUZZ_CHECK(!org.host().isEmpty());
    FUZZ_CHECK(url.userInfo().isEmpty() && !url.hasQuery() && !url.hasFragment());
    FUZZ_CHECK(url.path().isEmpty() || url.path() == QLatin1String("/"));
    for (const QChar c : org.host())
        FUZZ_CHECK(c.unicode() < 0x80 && !c.isUpper()); // punycode, lower-case
    const OrgUrl again = OrgUrl::fromUserInput(org.toString(), kind);
    FUZZ_CHECK(again.isValid() && again.url() == url);
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    triage::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(triage::fuzz::bytes(data, size));
    check(text, OrgUrl::Kind::OktaOrg);
    check(text, OrgUrl::Kind::Sandbox);
    return 0;
}
