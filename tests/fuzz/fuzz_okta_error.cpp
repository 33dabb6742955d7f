// Error answers: HTTP status, Okta's error JSON and WWW-Authenticate, as the user will read them.
// Input: status digits NUL body NUL WWW-Authenticate.
#include "FuzzSupport.h"

#include "okta/OktaError.h"

using namespace triage::okta;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    triage::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> in = triage::fuzz::fields(triage::fuzz::bytes(data, size), 3);
    const int status = in.at(0).left(4).toInt(); // 0 when not a number, like a missing status
    const OktaError error = OktaError::fromHttp(status, in.at(1), in.at(2));
    FUZZ_CHECK(error.httpStatus == status);
    FUZZ_CHECK(!error.message().isEmpty()); // the analyst always gets a sentence
    FUZZ_CHECK(!kindName(error.kind).isEmpty());
    (void)error.isRetryable();
    return 0;
}
