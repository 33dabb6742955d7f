// The sandbox's first line of defence: the raw request path and JSON bodies.
// Input: raw path NUL Content-Type NUL body.
#include "FuzzSupport.h"

#include "sandbox/RequestChecks.h"

#include <QJsonDocument>

using namespace triage::sandbox;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    triage::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> in = triage::fuzz::fields(triage::fuzz::bytes(data, size), 3);
    const QByteArray &rawPath = in.at(0);
    if (const std::optional<ApiResponse> refused = RequestChecks::checkPath(rawPath)) {
        FUZZ_CHECK(refused->status == 400);
    } else {
        // Accepted: no segment can climb out or hide a separator or a control character.
        FUZZ_CHECK(rawPath.startsWith('/'));
        const QByteArray decoded = QByteArray::fromPercentEncoding(rawPath);
        FUZZ_CHECK(!decoded.contains('\\'));
        for (const QByteArray &segment : rawPath.split('/')) {
            const QByteArray part = QByteArray::fromPercentEncoding(segment);
            FUZZ_CHECK(part != "." && part != ".." && !part.contains('/'));
            for (const char c : part)
                FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
        }
    }

    ApiRequest request;
    request.method = "POST";
    request.headers.append({"Content-Type", in.at(1)});
    request.body = in.at(2);
    if (const std::optional<ApiResponse> refused = RequestChecks::checkJsonBody(request))
        FUZZ_CHECK(refused->status == 400 && !refused->body.isEmpty());
    else
        FUZZ_CHECK(request.body.isEmpty() || !QJsonDocument::fromJson(request.body).isNull());
    (void)RequestChecks::checkBodySize(request.body);
    return 0;
}
