// Response headers: Link (one or more, LF-separated here), WWW-Authenticate, X-Rate-Limit-*
// and Date. Input: links NUL relation NUL www-authenticate NUL limit NUL remaining NUL reset
// NUL date.
#include "FuzzSupport.h"

#include "okta/HeaderParsers.h"
#include "okta/RateLimit.h"

using namespace triage::okta;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    triage::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> in = triage::fuzz::fields(triage::fuzz::bytes(data, size), 7);

    const QList<QByteArray> links = in.at(0).split('\n');
    const QUrl next = nextLink(links);
    FUZZ_CHECK(next.isEmpty() || next.isValid());
    const QUrl other = linkWithRelation(links, QString::fromUtf8(in.at(1)));
    FUZZ_CHECK(other.isEmpty() || other.isValid());

    if (const std::optional<AuthChallenge> challenge = AuthChallenge::parse(in.at(2))) {
        for (auto it = challenge->params.cbegin(); it != challenge->params.cend(); ++it)
            FUZZ_CHECK(it.key() == it.key().toLower());
    }

    const QDateTime now = QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);
    if (const std::optional<RateLimit> limit =
            RateLimit::fromHeaders(in.at(3), in.at(4), in.at(5), in.at(6), now)) {
        FUZZ_CHECK(limit->msecsUntilReset(now) >= 0);
        FUZZ_CHECK(limit->msecsUntilReset(now.addYears(-30)) >= 0);
    }
    const QDateTime date = parseHttpDate(in.at(6));
    FUZZ_CHECK(!date.isValid() || date.offsetFromUtc() == 0);
    return 0;
}
