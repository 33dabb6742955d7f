// Users API answers (GET /api/v1/users pages and single users) through the client's parsers.
#include "FuzzSupport.h"

#include "okta/ReplyParsing.h"
#include "okta/User.h"

using namespace triage::okta;

namespace {
void parseUser(const QJsonValue &value)
{
    QString error;
    const std::optional<User> user = User::fromJson(value.toObject(), &error);
    FUZZ_CHECK(user.has_value() || !error.isEmpty()); // a refusal always says why
    if (user) {
        (void)user->displayName();
        (void)user->isActive();
    }
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    triage::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const std::optional<QJsonDocument> doc = parseJsonBody(triage::fuzz::bytes(data, size), &error);
    if (!doc) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    if (doc->isArray()) {
        for (const QJsonValue &item : doc->array())
            parseUser(item);
    } else {
        parseUser(doc->object());
    }
    return 0;
}
