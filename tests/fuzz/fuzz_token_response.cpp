// Token endpoint answers. Beyond not crashing: a refusal's reason never repeats a secret.
#include "FuzzSupport.h"

#include "auth/TokenSet.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace triage::auth;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    triage::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = triage::fuzz::bytes(data, size);
    const QDateTime receivedAt = QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);
    QString error;
    std::optional<TokenSet> tokens = TokenSet::fromTokenResponse(body, receivedAt, &error);
    if (tokens) {
        FUZZ_CHECK(tokens->hasAccessToken());
        FUZZ_CHECK(tokens->authorizationHeader().startsWith("Bearer "));
        tokens->wipe();
        FUZZ_CHECK(!tokens->hasAccessToken());
        return 0;
    }
    FUZZ_CHECK(!error.isEmpty());
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    for (const char *secret : {"access_token", "refresh_token", "id_token"}) {
        const QString value = json.value(QLatin1String(secret)).toString();
        if (value.size() >= 8) // shorter ones could appear in any sentence by chance
            FUZZ_CHECK(!error.contains(value));
    }
    return 0;
}
