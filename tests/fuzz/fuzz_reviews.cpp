// Governance answers: reviews, lists ({"data": [...]}), stats, principal and history items.
#include "FuzzSupport.h"

#include "okta/ReplyParsing.h"
#include "okta/Review.h"

using namespace triage::okta;

namespace {
template<typename T> std::optional<T> parse(const QJsonObject &json)
{
    QString error;
    std::optional<T> value = T::fromJson(json, &error);
    FUZZ_CHECK(value.has_value() || !error.isEmpty()); // a refusal always says why
    return value;
}

void parseAll(const QJsonObject &json)
{
    if (const std::optional<Review> review = parse<Review>(json)) {
        // The status and its wire text agree, also for values this version does not know.
        FUZZ_CHECK(reviewStatusFromString(review->statusText) == review->status);
        if (review->status != ReviewStatus::Unknown)
            FUZZ_CHECK(reviewStatusToString(review->status) == review->statusText);
        for (const PrincipalProfile &reviewer : review->reviewers)
            (void)reviewer.displayName();
    }
    parse<ReviewStats>(json);
    if (const std::optional<ReviewPrincipal> principal = parse<ReviewPrincipal>(json))
        (void)principal->profile.displayName();
    if (const std::optional<ReviewHistoryItem> item = parse<ReviewHistoryItem>(json)) {
        if (item->actor)
            (void)item->actor->displayName();
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
    if (!doc)
        return 0;
    QJsonArray items = doc->array();
    if (doc->isObject()) {
        parseAll(doc->object());
        items = doc->object().value(QLatin1String("data")).toArray();
    }
    for (const QJsonValue &item : items)
        parseAll(item.toObject());
    return 0;
}
