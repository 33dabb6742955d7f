// The sandbox's Users API query languages (search, filter, q), evaluated on a small directory.
// Also a contract between client and sandbox: any value the client's SearchExpression quotes is
// parsed back by the sandbox and finds exactly the user who has it.
#include "FuzzSupport.h"

#include "okta/SearchExpression.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/UserDirectory.h"
#include "sandbox/UserQuery.h"

using triage::okta::SearchExpression;
using namespace triage::sandbox;

namespace {
const UserDirectory &directory()
{
    static const UserDirectory users = [] {
        SandboxConfig config;
        config.users = 40;
        return UserDirectory(config);
    }();
    return users;
}

void evaluate(const UserQuery &query, const QString &expression)
{
    if (!query.isValid()) {
        FUZZ_CHECK(!query.error().message.isEmpty());
        FUZZ_CHECK(query.error().position >= -1 && query.error().position <= expression.size());
        return;
    }
    for (const SandboxUser *user : directory().all())
        (void)query.matches(*user);
}

// The client quotes `value` for profile.lastName; the sandbox must read back the same value.
// Empty is skipped: Okta treats an empty attribute as unset, and unset never equals anything.
void checkQuotedValue(const QString &value)
{
    if (value.isEmpty())
        return;
    SandboxUser user = *directory().all().constFirst();
    user.lastName = value;
    SandboxUser other = user;
    other.lastName = value + QStringLiteral("x");
    const QString search = SearchExpression::compare(QStringLiteral("profile.lastName"),
                                                     SearchExpression::Op::Eq, value)
                               .toString();
    if (search.size() > 4096) // the sandbox refuses longer expressions (UserQuery's kMaxLength)
        return;
    for (const UserQuery::Language language :
         {UserQuery::Language::Search, UserQuery::Language::Filter}) {
        const UserQuery query = UserQuery::parse(search, language);
        FUZZ_CHECK(query.isValid());
        FUZZ_CHECK(query.matches(user));
        FUZZ_CHECK(!query.matches(other));
    }
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    triage::fuzz::initialize(argc, argv);
    (void)directory();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(triage::fuzz::bytes(data, size));
    evaluate(UserQuery::parse(text, UserQuery::Language::Search), text);
    evaluate(UserQuery::parse(text, UserQuery::Language::Filter), text);
    evaluate(UserQuery::prefix(text), text);
    checkQuotedValue(text);
    return 0;
}
