// What reaches the loopback receiver: the head of any request a local process or the browser
// sends. Input: expected state NUL request head.
#include "FuzzSupport.h"

#include "auth/CallbackRequest.h"

using namespace triage::auth;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    triage::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> in = triage::fuzz::fields(triage::fuzz::bytes(data, size), 2);
    QByteArray state = in.at(0);
    if (state.isEmpty()) // the receiver never waits for an empty state
        state = "s7aTe";
    const CallbackRequest request = CallbackRequest::parse(in.at(1), state);
    const AuthorizationResponse &response = request.response;
    if (request.verdict != CallbackRequest::Verdict::Received) {
        FUZZ_CHECK(response.code.isEmpty() && response.error.isEmpty());
        return 0;
    }
    FUZZ_CHECK(in.at(1).startsWith("GET /callback"));
    // Either a code or an error, never both and never neither.
    FUZZ_CHECK(response.code.isEmpty() != response.error.isEmpty());
    FUZZ_CHECK(response.errorDescription.size() <= 500);
    return 0;
}
