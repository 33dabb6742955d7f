// The sandbox's review list parameters (filter, orderBy, after cursor, limit) over a few
// reviews. Input: filter NUL orderBy NUL after NUL limit.
#include "FuzzSupport.h"

#include "common/Clock.h"
#include "sandbox/ReviewStore.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/UserDirectory.h"

#include <QJsonArray>

using namespace triage;
using namespace triage::sandbox;

namespace {
struct World
{
    UserDirectory users{[] {
        SandboxConfig config;
        config.users = 30;
        return config;
    }()};
    ManualClock clock{QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC)};
    ReviewStore store{[this](const QString &id) { return users.find(id); }, clock, 1.0};

    World()
    {
        QList<const SandboxUser *> active; // targets and reviewers must be ACTIVE, not the analyst
        for (const SandboxUser *user : users.all()) {
            if (user->status == QLatin1String("ACTIVE") && user->id != users.analyst().id)
                active.append(user);
        }
        FUZZ_CHECK(active.size() >= 6);
        const QStringList names = {QStringLiteral("Ünïcode \"quoted\" 田中"),
                                   QStringLiteral("back\\slash"), QStringLiteral("plain")};
        for (int i = 0; i < names.size(); ++i) {
            const QJsonObject body{
                {QStringLiteral("principalId"), active.at(i)->id},
                {QStringLiteral("name"), names.at(i)},
                {QStringLiteral("reviewerSettings"),
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("USER")},
                             {QStringLiteral("userSettings"),
                              QJsonObject{{QStringLiteral("includedUserIds"),
                                           QJsonArray{active.at(3 + i)->id}}}}}}};
            FUZZ_CHECK(store.create(body, users.analyst().id).review.has_value());
            clock.advance(1500); // one ends up ACTIVE, the others still PENDING
        }
    }
};

World &world()
{
    static World instance;
    return instance;
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    triage::fuzz::initialize(argc, argv);
    (void)world();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> in = triage::fuzz::fields(triage::fuzz::bytes(data, size), 4);
    const PageRequest request{QString::fromUtf8(in.at(0)), QString::fromUtf8(in.at(1)),
                              QString::fromUtf8(in.at(2)), QString::fromUtf8(in.at(3))};
    const ReviewPage page = world().store.list(request);
    if (page.error) {
        FUZZ_CHECK(!page.error->field.isEmpty() && !page.error->causes.isEmpty());
        FUZZ_CHECK(page.reviews.isEmpty());
        return 0;
    }
    FUZZ_CHECK(page.reviews.size() <= ReviewStore::kMaxPageSize);
    if (!page.reviews.isEmpty())
        (void)world().store.history(page.reviews.constFirst().id, {{}, {}, request.after, {}});
    return 0;
}
