#include "sandbox/ReviewStore.h"

#include "common/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace triage::sandbox {

namespace {

const QString kCloseReview = QStringLiteral("CLOSE_REVIEW");
const QString kRestoreAllAccess = QStringLiteral("RESTORE_ALL_ACCESS");
constexpr int kMaxFilterLength = 2000;
constexpr int kMaxFilterDepth = 16;

QString isoTime(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

int characterCount(const QString &text)
{
    return int(text.toUcs4().size()); // code points, not UTF-16 units or bytes
}

// A date-time as RFC 3339 wants it: with a date, a time and an offset (Z or +hh:mm).
std::optional<QDateTime> parseDateTime(const QString &text)
{
    const QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid() || when.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return when.toUTC();
}

// Collects every problem with a request; the first field names the error summary.
class Problems
{
public:
    void add(const QString &field, const QString &cause)
    {
        if (m_field.isEmpty())
            m_field = field;
        m_causes.append(QStringLiteral("%1: %2").arg(field, cause));
    }
    bool any() const { return !m_causes.isEmpty(); }
    ReviewError error() const { return {ReviewError::Kind::Validation, m_field, m_causes}; }

private:
    QString m_field;
    QStringList m_causes;
};

ReviewError validationError(const QString &field, const QString &cause)
{
    Problems problems;
    problems.add(field, cause);
    return problems.error();
}

ReviewError notFound(const QString &id)
{
    return {ReviewError::Kind::NotFound, QStringLiteral("securityAccessReviewId"), {id}};
}

// A required string field; records why it is unusable.
std::optional<QString> requiredString(const QJsonObject &body, const QString &key,
                                      const QString &field, Problems &problems)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined())
        problems.add(field, QStringLiteral("The field is required."));
    else if (value.isNull())
        problems.add(field, QStringLiteral("The field must not be null."));
    else if (!value.isString())
        problems.add(field, QStringLiteral("The field must be a string."));
    else
        return value.toString();
    return std::nullopt;
}

// endTime: optional (absent or null keeps the default), at least 1 day and under 6 months away.
std::optional<QDateTime> readEndTime(const QJsonObject &body, const QDateTime &now,
                                     Problems &problems)
{
    const QString field = QStringLiteral("endTime");
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isString()) {
        problems.add(field, QStringLiteral("The field must be a date-time string."));
        return std::nullopt;
    }
    const std::optional<QDateTime> when = parseDateTime(value.toString());
    if (!when) {
        problems.add(field, QStringLiteral("The value is not a valid date-time with an offset "
                                           "(for example 2025-12-31T23:59:59Z)."));
        return std::nullopt;
    }
    if (*when < now.addDays(1) || *when >= now.addMonths(6)) {
        problems.add(field, QStringLiteral("The end time must be at least one day and less than "
                                           "six months from now."));
        return std::nullopt;
    }
    return when;
}

} // namespace

QString reviewStatusName(ReviewStatus status)
{
    switch (status) {
    case ReviewStatus::Pending:
        return QStringLiteral("PENDING");
    case ReviewStatus::Active:
        return QStringLiteral("ACTIVE");
    case ReviewStatus::Closed:
        return QStringLiteral("CLOSED");
    case ReviewStatus::Error:
        return QStringLiteral("ERROR");
    }
    return {};
}

// ---- reviewer settings -------------------------------------------------------------------------

namespace {

// reviewerSettings {type USER, userSettings {includedUserIds: 1..10 distinct ACTIVE users}}.
// The target of the review can never review it.
std::optional<QStringList> readReviewers(const QJsonObject &body, const QString &principalId,
                                         const ReviewStore::UserLookup &findUser,
                                         Problems &problems)
{
    const QString settingsField = QStringLiteral("reviewerSettings");
    const QJsonValue settings = body.value(settingsField);
    if (settings.isUndefined() || settings.isNull()) {
        problems.add(settingsField, QStringLiteral("The field is required."));
        return std::nullopt;
    }
    if (!settings.isObject()) {
        problems.add(settingsField, QStringLiteral("The field must be an object."));
        return std::nullopt;
    }
    const QJsonObject settingsObject = settings.toObject();
    const QJsonValue type = settingsObject.value(QStringLiteral("type"));
    if (!type.isString() || type.toString() != QStringLiteral("USER"))
        problems.add(QStringLiteral("reviewerSettings.type"),
                     QStringLiteral("The reviewer type must be USER."));

    const QString userSettingsField = QStringLiteral("reviewerSettings.userSettings");
    const QJsonValue userSettings = settingsObject.value(QStringLiteral("userSettings"));
    if (!userSettings.isObject()) {
        problems.add(userSettingsField, userSettings.isUndefined() || userSettings.isNull()
                                            ? QStringLiteral("The field is required.")
                                            : QStringLiteral("The field must be an object."));
        return std::nullopt;
    }
    const QString idsField = QStringLiteral("reviewerSettings.userSettings.includedUserIds");
    const QJsonValue ids = userSettings.toObject().value(QStringLiteral("includedUserIds"));
    if (!ids.isArray()) {
        problems.add(idsField, ids.isUndefined() || ids.isNull()
                                   ? QStringLiteral("The field is required.")
                                   : QStringLiteral("The field must be an array of user ids."));
        return std::nullopt;
    }
    const QJsonArray idArray = ids.toArray();
    if (idArray.isEmpty() || idArray.size() > ReviewStore::kMaxReviewers) {
        problems.add(
            idsField,
            QStringLiteral("A review needs 1 to %1 reviewers.").arg(ReviewStore::kMaxReviewers));
        return std::nullopt;
    }
    QStringList reviewerIds;
    bool usable = true;
    for (const QJsonValue &idValue : idArray) {
        if (!idValue.isString() || idValue.toString().size() != 20) {
            problems.add(idsField, QStringLiteral("Each reviewer id must be a string of 20 "
                                                  "characters."));
            usable = false;
            continue;
        }
        const QString id = idValue.toString();
        const SandboxUser *user = findUser(id);
        if (!user || user->id != id) {
            problems.add(idsField, QStringLiteral("No user has the id %1.").arg(id));
            usable = false;
        } else if (user->status != QStringLiteral("ACTIVE")) {
            problems.add(idsField, QStringLiteral("The reviewer %1 is not ACTIVE.").arg(id));
            usable = false;
        } else if (reviewerIds.contains(id)) {
            problems.add(idsField, QStringLiteral("The reviewer %1 is listed twice.").arg(id));
            usable = false;
        } else if (id == principalId) {
            problems.add(idsField, QStringLiteral("The target of the review (%1) can't be one of "
                                                  "its reviewers.")
                                       .arg(id));
            usable = false;
        }
        reviewerIds.append(id);
    }
    if (!usable)
        return std::nullopt;
    return reviewerIds;
}

} // namespace

// ---- store -------------------------------------------------------------------------------------

ReviewStore::ReviewStore(UserLookup findUser, const Clock &clock, double activationDelaySeconds)
    : m_findUser(std::move(findUser))
    , m_clock(clock)
    , m_activationDelayMs(std::max<qint64>(0, std::llround(activationDelaySeconds * 1000.0)))
{}

QString ReviewStore::newId(const QString &prefix) const
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString id;
    do {
        id = prefix;
        while (id.size() < 20)
            id += QLatin1Char(
                alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet) - 1)]);
    } while (m_reviews.contains(id));
    return id;
}

void ReviewStore::record(Review &review, const QDateTime &when, const QString &message,
                         const QString &actorId, bool systemGenerated)
{
    review.history.append({newId(QStringLiteral("srh")), when, message, actorId, systemGenerated});
}

// Moves every review to where the clock says it is now, writing each step into its history at
// the moment it happened.
void ReviewStore::advanceLifecycle()
{
    const QDateTime now = m_clock.now();
    for (Review &review : m_reviews) {
        const QDateTime generated = review.created.addMSecs(m_activationDelayMs);
        if (review.status == ReviewStatus::Pending && now >= generated) {
            review.status = review.generationFails ? ReviewStatus::Error : ReviewStatus::Active;
            review.lastUpdated = generated;
            record(review, generated,
                   review.generationFails
                       ? QStringLiteral("Generation of the review failed")
                       : QStringLiteral("Generated the review; reviewers can act on it"),
                   {}, true);
        }
        if (review.status == ReviewStatus::Active && now >= review.endTime) {
            review.status = ReviewStatus::Closed;
            review.lastUpdated = review.endTime;
            record(review, review.endTime, QStringLiteral("Closed the review at its end time"), {},
                   true);
        }
    }
}

Review *ReviewStore::reviewById(const QString &id)
{
    const auto it = m_reviews.find(id);
    return it == m_reviews.end() ? nullptr : &it.value();
}

ReviewResult ReviewStore::create(const QJsonObject &body, const QString &actorId)
{
    advanceLifecycle();
    const QDateTime now = m_clock.now();
    Problems problems;

    const QString principalField = QStringLiteral("principalId");
    const std::optional<QString> principalId =
        requiredString(body, principalField, principalField, problems);
    if (principalId) {
        const SandboxUser *target = principalId->size() == 20 ? m_findUser(*principalId) : nullptr;
        if (principalId->size() != 20)
            problems.add(principalField, QStringLiteral("The id must be 20 characters long."));
        else if (!target || target->id != *principalId)
            problems.add(principalField, QStringLiteral("No user has this id."));
    }

    const QString nameField = QStringLiteral("name");
    const std::optional<QString> name = requiredString(body, nameField, nameField, problems);
    if (name && (name->trimmed().isEmpty() || characterCount(*name) > kMaxNameLength))
        problems.add(nameField,
                     QStringLiteral("The name must have 1 to %1 characters.").arg(kMaxNameLength));

    const std::optional<QDateTime> endTime = readEndTime(body, now, problems);
    const std::optional<QStringList> reviewers =
        readReviewers(body, principalId.value_or(QString()), m_findUser, problems);
    if (problems.any())
        return {std::nullopt, problems.error()};

    const auto open = [](const Review &r) { return r.isOpen(); };
    const auto openForTarget = [&](const Review &r) {
        return r.isOpen() && r.principalId == *principalId;
    };
    if (std::count_if(m_reviews.cbegin(), m_reviews.cend(), openForTarget) >= kMaxOpenPerPrincipal)
        return {std::nullopt,
                validationError(principalField,
                                QStringLiteral("The user already has %1 active security access "
                                               "reviews, the most one user can have.")
                                    .arg(kMaxOpenPerPrincipal))};
    if (std::count_if(m_reviews.cbegin(), m_reviews.cend(), open) >= kMaxOpenPerOrg)
        return {std::nullopt,
                validationError(QStringLiteral("securityAccessReview"),
                                QStringLiteral("The org already has %1 active security access "
                                               "reviews, the most an org can have.")
                                    .arg(kMaxOpenPerOrg))};

    Review review;
    review.id = newId(QStringLiteral("sar"));
    review.sequence = m_nextSequence++;
    review.name = *name;
    review.principalId = *principalId;
    review.reviewerIds = *reviewers;
    review.createdBy = review.lastUpdatedBy = actorId;
    review.created = review.lastUpdated = now;
    review.endTime = endTime.value_or(now.addDays(7));
    review.generationFails = std::exchange(m_failNextGeneration, false);
    record(review, now, QStringLiteral("created %1").arg(review.name), actorId, true);
    m_reviews.insert(review.id, review);
    return {review, std::nullopt};
}

ReviewResult ReviewStore::update(const QString &id, const QJsonObject &body, const QString &actorId)
{
    advanceLifecycle();
    Review *review = reviewById(id);
    if (!review)
        return {std::nullopt, notFound(id)};
    if (!review->isOpen())
        return {std::nullopt, validationError(QStringLiteral("status"),
                                              QStringLiteral("A %1 review can't be changed.")
                                                  .arg(reviewStatusName(review->status)))};
    const bool changesEndTime =
        body.contains(QStringLiteral("endTime")) && !body.value(QStringLiteral("endTime")).isNull();
    const bool changesReviewers = body.contains(QStringLiteral("reviewerSettings"));
    if (!changesEndTime && !changesReviewers)
        return {std::nullopt,
                validationError(QStringLiteral("endTime"),
                                QStringLiteral("Give an endTime, reviewerSettings or both."))};

    const QDateTime now = m_clock.now();
    Problems problems;
    const std::optional<QDateTime> endTime = readEndTime(body, now, problems);
    std::optional<QStringList> reviewers;
    if (changesReviewers)
        reviewers = readReviewers(body, review->principalId, m_findUser, problems);
    if (problems.any())
        return {std::nullopt, problems.error()};

    if (endTime && *endTime != review->endTime) {
        review->endTime = *endTime;
        record(*review, now, QStringLiteral("Changed the end time to %1").arg(isoTime(*endTime)),
               actorId, false);
    }
    if (reviewers && *reviewers != review->reviewerIds) {
        review->reviewerIds = *reviewers;
        record(*review, now,
               QStringLiteral("Changed the reviewers (%1 now)").arg(reviewers->size()), actorId,
               false);
    }
    review->lastUpdated = now;
    review->lastUpdatedBy = actorId;
    return {*review, std::nullopt};
}

ReviewResult ReviewStore::find(const QString &id)
{
    advanceLifecycle();
    const Review *review = reviewById(id);
    if (!review)
        return {std::nullopt, notFound(id)};
    return {*review, std::nullopt};
}

QStringList ReviewStore::availableActions(ReviewStatus status)
{
    switch (status) {
    case ReviewStatus::Active:
        return {kCloseReview, kRestoreAllAccess};
    case ReviewStatus::Pending:
    case ReviewStatus::Error:
        return {kCloseReview};
    case ReviewStatus::Closed:
        break;
    }
    return {};
}

std::optional<ReviewError> ReviewStore::act(const QString &id, const QJsonObject &body,
                                            const QString &actorId)
{
    advanceLifecycle();
    Review *review = reviewById(id);
    if (!review)
        return notFound(id);
    const QString field = QStringLiteral("actionType");
    Problems problems;
    const std::optional<QString> action = requiredString(body, field, field, problems);
    if (!action)
        return problems.error();
    if (*action != kCloseReview && *action != kRestoreAllAccess)
        return validationError(field, QStringLiteral("The action must be CLOSE_REVIEW or "
                                                     "RESTORE_ALL_ACCESS."));
    if (!availableActions(review->status).contains(*action))
        return validationError(field, QStringLiteral("%1 is not possible on a %2 review.")
                                          .arg(*action, reviewStatusName(review->status)));

    const QDateTime now = m_clock.now();
    if (*action == kCloseReview) {
        review->status = ReviewStatus::Closed;
        review->lastUpdated = now;
        review->lastUpdatedBy = actorId;
        record(*review, now, QStringLiteral("Closed the review"), actorId, false);
    } else {
        // Nothing was revoked in the sandbox, so restoring is only a line in the history.
        record(*review, now, QStringLiteral("Restored all access"), actorId, false);
    }
    return std::nullopt;
}

std::optional<ReviewError> ReviewStore::comment(const QString &id, const QJsonObject &body,
                                                const QString &actorId)
{
    advanceLifecycle();
    Review *review = reviewById(id);
    if (!review)
        return notFound(id);
    const QString field = QStringLiteral("comment");
    Problems problems;
    const std::optional<QString> text = requiredString(body, field, field, problems);
    if (!text)
        return problems.error();
    if (text->trimmed().isEmpty() || characterCount(*text) > kMaxCommentLength)
        return validationError(
            field,
            QStringLiteral("The comment must have 1 to %1 characters.").arg(kMaxCommentLength));
    record(*review, m_clock.now(), *text, actorId, false);
    return std::nullopt;
}

ReviewStats ReviewStore::stats()
{
    advanceLifecycle();
    ReviewStats stats;
    for (const Review &review : std::as_const(m_reviews)) {
        switch (review.status) {
        case ReviewStatus::Pending:
            ++stats.pending;
            break;
        case ReviewStatus::Active:
            ++stats.active;
            break;
        case ReviewStatus::Closed:
            ++stats.closed;
            break;
        case ReviewStatus::Error:
            ++stats.error;
            break;
        }
    }
    return stats;
}

// ---- listing: filter, order, cursor ------------------------------------------------------------

namespace {

using Predicate = std::function<bool(const Review &)>;

// Okta's filter language as the reviews list supports it: `eq`/`co` on name, status and
// reviewer.name; `gt`/`lt` on created, endTime and lastUpdated; `and` binds tighter than `or`;
// parentheses group. String literals are JSON strings (\" and \\ escapes).
class ReviewFilterParser
{
public:
    ReviewFilterParser(const QString &text, ReviewStore::UserLookup findUser)
        : m_text(text)
        , m_findUser(std::move(findUser))
    {}

    std::optional<Predicate> parse(QString *problem)
    {
        if (m_text.size() > kMaxFilterLength)
            return fail(problem, QStringLiteral("The filter is too long."));
        if (!tokenize(problem))
            return std::nullopt;
        std::optional<Predicate> predicate = parseOr(0, problem);
        if (predicate && peek().kind != Token::End)
            return fail(problem, QStringLiteral("Unexpected '%1' in the filter.").arg(peek().text));
        return predicate;
    }

private:
    struct Token
    {
        enum Kind { Word, String, Open, Close, End } kind;
        QString text;
    };

    static std::optional<Predicate> fail(QString *problem, const QString &message)
    {
        *problem = message;
        return std::nullopt;
    }

    const Token &peek() const { return m_tokens.at(m_pos); }
    const Token &next() { return m_tokens.at(m_pos < m_tokens.size() - 1 ? m_pos++ : m_pos); }
    bool nextIsKeyword(const QString &keyword) const
    {
        return peek().kind == Token::Word && peek().text.compare(keyword, Qt::CaseInsensitive) == 0;
    }

    bool tokenize(QString *problem)
    {
        qsizetype i = 0;
        while (i < m_text.size()) {
            const QChar c = m_text.at(i);
            if (c.isSpace()) {
                ++i;
            } else if (c == u'(' || c == u')') {
                m_tokens.append({c == u'(' ? Token::Open : Token::Close, QString(c)});
                ++i;
            } else if (c == u'"') {
                QString value;
                ++i;
                bool closed = false;
                while (i < m_text.size()) {
                    const QChar d = m_text.at(i++);
                    if (d == u'"') {
                        closed = true;
                        break;
                    }
                    if (d == u'\\') {
                        if (i >= m_text.size() || !QStringLiteral("\"\\/").contains(m_text.at(i))) {
                            *problem = QStringLiteral("Unsupported escape in a filter string.");
                            return false;
                        }
                        value += m_text.at(i++);
                    } else {
                        value += d;
                    }
                }
                if (!closed) {
                    *problem = QStringLiteral("A filter string is not closed with \".");
                    return false;
                }
                m_tokens.append({Token::String, value});
            } else if (c.isLetterOrNumber() || c == u'.' || c == u'_') {
                const qsizetype start = i;
                while (i < m_text.size() && (m_text.at(i).isLetterOrNumber() ||
                                             m_text.at(i) == u'.' || m_text.at(i) == u'_'))
                    ++i;
                m_tokens.append({Token::Word, m_text.mid(start, i - start)});
            } else {
                *problem = QStringLiteral("Unexpected character '%1' in the filter.").arg(c);
                return false;
            }
        }
        m_tokens.append({Token::End, QStringLiteral("end of filter")});
        return true;
    }

    std::optional<Predicate> parseOr(int depth, QString *problem)
    {
        std::optional<Predicate> left = parseAnd(depth, problem);
        while (left && nextIsKeyword(QStringLiteral("or"))) {
            next();
            std::optional<Predicate> right = parseAnd(depth, problem);
            if (!right)
                return std::nullopt;
            left = [l = *left, r = *right](const Review &review) { return l(review) || r(review); };
        }
        return left;
    }

    std::optional<Predicate> parseAnd(int depth, QString *problem)
    {
        std::optional<Predicate> left = parsePrimary(depth, problem);
        while (left && nextIsKeyword(QStringLiteral("and"))) {
            next();
            std::optional<Predicate> right = parsePrimary(depth, problem);
            if (!right)
                return std::nullopt;
            left = [l = *left, r = *right](const Review &review) { return l(review) && r(review); };
        }
        return left;
    }

    std::optional<Predicate> parsePrimary(int depth, QString *problem)
    {
        if (peek().kind == Token::Open) {
            if (depth >= kMaxFilterDepth)
                return fail(problem, QStringLiteral("The filter nests too deeply."));
            next();
            std::optional<Predicate> inner = parseOr(depth + 1, problem);
            if (inner && next().kind != Token::Close)
                return fail(problem, QStringLiteral("A '(' in the filter is not closed."));
            return inner;
        }
        return parseComparison(problem);
    }

    std::optional<Predicate> parseComparison(QString *problem)
    {
        const Token field = next();
        const Token op = next();
        const Token value = next();
        if (field.kind != Token::Word || op.kind != Token::Word || value.kind != Token::String)
            return fail(problem, QStringLiteral("Expected a comparison like name co \"text\" "
                                                "near '%1'.")
                                     .arg(field.text));
        const QString opName = op.text.toLower();
        const QString needle = value.text;

        const auto matchText = [opName, needle](const QString &haystack) {
            return opName == QStringLiteral("eq")
                       ? haystack.compare(needle, Qt::CaseInsensitive) == 0
                       : haystack.contains(needle, Qt::CaseInsensitive);
        };
        const bool textOp = opName == QStringLiteral("eq") || opName == QStringLiteral("co");
        const bool dateOp = opName == QStringLiteral("gt") || opName == QStringLiteral("lt");

        if (field.text == QStringLiteral("name") || field.text == QStringLiteral("status") ||
            field.text == QStringLiteral("reviewer.name")) {
            if (!textOp)
                return fail(problem, QStringLiteral("%1 supports only eq and co.").arg(field.text));
            if (field.text == QStringLiteral("name"))
                return Predicate([matchText](const Review &r) { return matchText(r.name); });
            if (field.text == QStringLiteral("status"))
                return Predicate(
                    [matchText](const Review &r) { return matchText(reviewStatusName(r.status)); });
            // reviewer.name compares against each reviewer's first and last name.
            return Predicate([matchText, findUser = m_findUser](const Review &r) {
                return std::any_of(
                    r.reviewerIds.cbegin(), r.reviewerIds.cend(), [&](const QString &id) {
                        const SandboxUser *user = findUser(id);
                        return user && (matchText(user->firstName) || matchText(user->lastName) ||
                                        matchText(user->firstName + u' ' + user->lastName));
                    });
            });
        }
        using DateOf = QDateTime (*)(const Review &);
        DateOf dateOf = nullptr;
        if (field.text == QStringLiteral("created"))
            dateOf = [](const Review &r) { return r.created; };
        else if (field.text == QStringLiteral("endTime"))
            dateOf = [](const Review &r) { return r.endTime; };
        else if (field.text == QStringLiteral("lastUpdated"))
            dateOf = [](const Review &r) { return r.lastUpdated; };
        if (!dateOf)
            return fail(problem, QStringLiteral("Unknown filter field '%1'.").arg(field.text));
        if (!dateOp)
            return fail(problem, QStringLiteral("%1 supports only gt and lt.").arg(field.text));
        const std::optional<QDateTime> when = parseDateTime(needle);
        if (!when)
            return fail(problem, QStringLiteral("'%1' is not a date-time.").arg(needle));
        const bool greater = opName == QStringLiteral("gt");
        return Predicate([dateOf, when = *when, greater](const Review &r) {
            return greater ? dateOf(r) > when : dateOf(r) < when;
        });
    }

    QString m_text;
    ReviewStore::UserLookup m_findUser;
    QList<Token> m_tokens;
    qsizetype m_pos = 0;
};

enum class OrderField { Name, Created, EndTime, Status, Id };

struct Ordering
{
    OrderField field = OrderField::Created;
    QString fieldName = QStringLiteral("created");
    bool descending = false;

    QString key(const Review &review) const
    {
        switch (field) {
        case OrderField::Name:
            return review.name;
        case OrderField::Created:
            // Fixed-width UTC, so text order is time order; then creation order within a
            // millisecond.
            return isoTime(review.created) +
                   QStringLiteral("#%1").arg(review.sequence, 12, 10, QLatin1Char('0'));
        case OrderField::EndTime:
            return isoTime(review.endTime);
        case OrderField::Status:
            return reviewStatusName(review.status);
        case OrderField::Id:
            break;
        }
        return review.id;
    }

    // Negative when (keyA, idA) comes first in this ordering. Ids break ties, so the order is
    // total.
    int compare(const QString &keyA, const QString &idA, const QString &keyB,
                const QString &idB) const
    {
        int result = field == OrderField::Name ? keyA.compare(keyB, Qt::CaseInsensitive) : 0;
        if (result == 0)
            result = keyA.compare(keyB);
        if (result == 0)
            result = idA.compare(idB);
        return descending ? -result : result;
    }
};

std::optional<Ordering> parseOrdering(const QString &text)
{
    Ordering ordering;
    if (text.trimmed().isEmpty())
        return ordering;
    const QStringList parts = text.split(u' ', Qt::SkipEmptyParts);
    if (parts.size() > 2)
        return std::nullopt;
    static const QList<QPair<QString, OrderField>> fields = {
        {QStringLiteral("name"), OrderField::Name},
        {QStringLiteral("created"), OrderField::Created},
        {QStringLiteral("endTime"), OrderField::EndTime},
        {QStringLiteral("status"), OrderField::Status},
        {QStringLiteral("id"), OrderField::Id}};
    const auto it = std::find_if(fields.cbegin(), fields.cend(),
                                 [&](const auto &entry) { return entry.first == parts.at(0); });
    if (it == fields.cend())
        return std::nullopt;
    ordering.field = it->second;
    ordering.fieldName = it->first;
    if (parts.size() == 2) {
        if (parts.at(1) != QStringLiteral("asc") && parts.at(1) != QStringLiteral("desc"))
            return std::nullopt;
        ordering.descending = parts.at(1) == QStringLiteral("desc");
    }
    return ordering;
}

std::optional<int> parseLimit(const QString &text)
{
    if (text.isEmpty())
        return ReviewStore::kDefaultPageSize;
    bool ok = false;
    const int limit = text.toInt(&ok);
    if (!ok || limit < 1 || limit > ReviewStore::kMaxPageSize)
        return std::nullopt;
    return limit;
}

// The opaque `after` cursor: where the previous page stopped, in which ordering.
struct Cursor
{
    QString ordering, key, id;

    QString encode() const
    {
        const QJsonObject object{
            {QStringLiteral("o"), ordering}, {QStringLiteral("k"), key}, {QStringLiteral("i"), id}};
        return QString::fromLatin1(
            QJsonDocument(object)
                .toJson(QJsonDocument::Compact)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }

    static std::optional<Cursor> decode(const QString &text)
    {
        const auto decoded = QByteArray::fromBase64Encoding(
            text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                 QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return std::nullopt;
        const QJsonDocument document = QJsonDocument::fromJson(*decoded);
        const QJsonObject object = document.object();
        const QJsonValue o = object.value(QStringLiteral("o"));
        const QJsonValue k = object.value(QStringLiteral("k"));
        const QJsonValue i = object.value(QStringLiteral("i"));
        if (!document.isObject() || !o.isString() || !k.isString() || !i.isString())
            return std::nullopt;
        return Cursor{o.toString(), k.toString(), i.toString()};
    }
};

const QString kBadCursor = QStringLiteral("The cursor is not one this list handed out.");
const QString kBadLimit = QStringLiteral("The limit must be a whole number from 1 to %1.");

} // namespace

ReviewPage ReviewStore::list(const PageRequest &request)
{
    advanceLifecycle();
    ReviewPage page;
    Predicate keep = [](const Review &) { return true; };
    if (!request.filter.trimmed().isEmpty()) {
        QString problem;
        std::optional<Predicate> parsed =
            ReviewFilterParser(request.filter, m_findUser).parse(&problem);
        if (!parsed) {
            page.error = validationError(QStringLiteral("filter"), problem);
            return page;
        }
        keep = *parsed;
    }
    const std::optional<Ordering> ordering = parseOrdering(request.orderBy);
    if (!ordering) {
        page.error = validationError(QStringLiteral("orderBy"),
                                     QStringLiteral("Order by one of name, created, endTime, "
                                                    "status or id, then asc or desc."));
        return page;
    }
    const std::optional<int> limit = parseLimit(request.limit);
    if (!limit) {
        page.error = validationError(QStringLiteral("limit"), kBadLimit.arg(kMaxPageSize));
        return page;
    }
    std::optional<Cursor> after;
    if (!request.after.isEmpty()) {
        after = Cursor::decode(request.after);
        if (!after || after->ordering != ordering->fieldName + (ordering->descending
                                                                    ? QStringLiteral(" desc")
                                                                    : QStringLiteral(" asc"))) {
            page.error = validationError(QStringLiteral("after"), kBadCursor);
            return page;
        }
    }

    QList<const Review *> matches;
    for (const Review &review : std::as_const(m_reviews)) {
        if (keep(review) && (!after || ordering->compare(after->key, after->id,
                                                         ordering->key(review), review.id) < 0))
            matches.append(&review);
    }
    std::sort(matches.begin(), matches.end(), [&](const Review *a, const Review *b) {
        return ordering->compare(ordering->key(*a), a->id, ordering->key(*b), b->id) < 0;
    });
    for (qsizetype i = 0; i < matches.size() && i < *limit; ++i)
        page.reviews.append(*matches.at(i));
    if (matches.size() > *limit) {
        const Review &last = page.reviews.constLast();
        page.nextCursor =
            Cursor{ordering->fieldName +
                       (ordering->descending ? QStringLiteral(" desc") : QStringLiteral(" asc")),
                   ordering->key(last), last.id}
                .encode();
    }
    return page;
}

HistoryPage ReviewStore::history(const QString &id, const PageRequest &request)
{
    advanceLifecycle();
    HistoryPage page;
    const Review *review = reviewById(id);
    if (!review) {
        page.error = notFound(id);
        return page;
    }
    const std::optional<int> limit = parseLimit(request.limit);
    if (!limit) {
        page.error = validationError(QStringLiteral("limit"), kBadLimit.arg(kMaxPageSize));
        return page;
    }
    qsizetype start = 0;
    if (!request.after.isEmpty()) {
        const std::optional<Cursor> after = Cursor::decode(request.after);
        const auto it = after && after->ordering == QStringLiteral("history")
                            ? std::find_if(review->history.cbegin(), review->history.cend(),
                                           [&](const auto &entry) { return entry.id == after->id; })
                            : review->history.cend();
        if (it == review->history.cend()) {
            page.error = validationError(QStringLiteral("after"), kBadCursor);
            return page;
        }
        start = std::distance(review->history.cbegin(), it) + 1;
    }
    page.entries = review->history.mid(start, *limit);
    if (start + *limit < review->history.size())
        page.nextCursor =
            Cursor{QStringLiteral("history"), QString(), page.entries.constLast().id}.encode();
    return page;
}

} // namespace triage::sandbox
