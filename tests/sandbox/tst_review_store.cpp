// Unit test of the sandbox's review rules and lifecycle, driven by a ManualClock.

#include "common/Clock.h"
#include "sandbox/ReviewStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <vector>

using namespace triage;
using namespace triage::sandbox;

namespace {

const QDateTime kStart = QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);

// A small directory: users 0..119 ACTIVE, 120 SUSPENDED; only 111 is called Zoë. Names carry
// quotes, backslashes and non-Latin letters on purpose.
class TestDirectory
{
public:
    TestDirectory()
    {
        for (int i = 0; i <= 120; ++i) {
            SandboxUser user;
            user.id = id(i);
            user.status = i == 120 ? QStringLiteral("SUSPENDED") : QStringLiteral("ACTIVE");
            user.firstName = i == 111 ? QStringLiteral("Zoë") : QStringLiteral("O\"Brien");
            user.lastName = QStringLiteral("Back\\slash %1 田中").arg(i);
            user.login = user.email = QStringLiteral("user%1@sandbox.example").arg(i);
            m_users.push_back(user);
        }
    }
    static QString id(int i)
    {
        return QStringLiteral("00uTest%1").arg(i, 13, 10, QLatin1Char('0'));
    }
    ReviewStore::UserLookup lookup() const
    {
        return [this](const QString &id) -> const SandboxUser * {
            for (const SandboxUser &user : m_users) {
                if (user.id == id)
                    return &user;
            }
            return nullptr;
        };
    }

private:
    std::vector<SandboxUser> m_users;
};

const QString kActor = TestDirectory::id(119);

QJsonObject reviewers(const QStringList &ids)
{
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("USER")},
        {QStringLiteral("userSettings"),
         QJsonObject{{QStringLiteral("includedUserIds"), QJsonArray::fromStringList(ids)}}}};
}

QJsonObject validBody(int target = 0, const QString &name = QStringLiteral("Review"))
{
    return QJsonObject{{QStringLiteral("principalId"), TestDirectory::id(target)},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("reviewerSettings"),
                        reviewers({TestDirectory::id(101), TestDirectory::id(102)})}};
}

PageRequest page(const QString &filter = {}, const QString &orderBy = {}, const QString &after = {},
                 const QString &limit = {})
{
    return {filter, orderBy, after, limit};
}

QString repeated(const QString &piece, int times)
{
    QString text;
    for (int i = 0; i < times; ++i)
        text += piece;
    return text;
}

} // namespace

class TestReviewStore : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_clock.set(kStart);
        m_store = std::make_unique<ReviewStore>(m_directory.lookup(), m_clock, 0.25);
    }

    void createsPendingReviewWithOktaShape()
    {
        const ReviewResult result = m_store->create(validBody(), kActor);
        QVERIFY(!result.error);
        const Review &review = *result.review;
        QVERIFY(
            QRegularExpression(QStringLiteral("^sar[A-Za-z0-9]{17}$")).match(review.id).hasMatch());
        QCOMPARE(review.status, ReviewStatus::Pending);
        QCOMPARE(review.created, kStart);
        QCOMPARE(review.endTime, kStart.addDays(7));
        QCOMPARE(review.createdBy, kActor);
        QCOMPARE(review.lastUpdatedBy, kActor);
        QCOMPARE(review.principalId, TestDirectory::id(0));
        QCOMPARE(review.reviewerIds, QStringList({TestDirectory::id(101), TestDirectory::id(102)}));
        QCOMPARE(review.history.size(), 1);
        QCOMPARE(review.history.at(0).message, QStringLiteral("created Review"));
        QCOMPARE(m_store->find(review.id).review->id, review.id);
        QCOMPARE(m_store->find(QStringLiteral("sar00000000000000000")).error->kind,
                 ReviewError::Kind::NotFound);
    }

    void becomesActiveAfterFractionalDelay()
    {
        const QString id = m_store->create(validBody(), kActor).review->id;
        m_clock.advance(249);
        QCOMPARE(m_store->find(id).review->status, ReviewStatus::Pending);
        QCOMPARE(m_store->stats().pending, 1);
        m_clock.advance(1);
        const Review review = *m_store->find(id).review;
        QCOMPARE(review.status, ReviewStatus::Active);
        QCOMPARE(review.history.size(), 2);
        QCOMPARE(review.history.at(1).timestamp, kStart.addMSecs(250));
        QVERIFY(review.history.at(1).systemGenerated);
        QCOMPARE(m_store->stats().active, 1);
    }

    void closesAtEndTime()
    {
        QJsonObject body = validBody();
        const QDateTime end = kStart.addDays(2);
        body.insert(QStringLiteral("endTime"), QStringLiteral("2026-03-04T11:30:00+02:00"));
        const QString id = m_store->create(body, kActor).review->id;
        QCOMPARE(m_store->find(id).review->endTime, end);
        m_clock.set(end.addMSecs(-1));
        QCOMPARE(m_store->find(id).review->status, ReviewStatus::Active);
        m_clock.set(end);
        const Review review = *m_store->find(id).review;
        QCOMPARE(review.status, ReviewStatus::Closed);
        QCOMPARE(review.history.constLast().timestamp, end);
        QCOMPARE(m_store->stats().closed, 1);
        QVERIFY(ReviewStore::availableActions(review.status).isEmpty());
    }

    void failedGenerationEndsInError()
    {
        m_store->failNextGeneration();
        const QString failing = m_store->create(validBody(0), kActor).review->id;
        const QString fine = m_store->create(validBody(1), kActor).review->id;
        m_clock.advance(300);
        QCOMPARE(m_store->find(failing).review->status, ReviewStatus::Error);
        QCOMPARE(m_store->find(fine).review->status, ReviewStatus::Active);
        QCOMPARE(m_store->find(failing).review->history.constLast().message,
                 QStringLiteral("Generation of the review failed"));
        m_clock.advance(qint64(8) * 24 * 3600 * 1000); // ERROR does not turn into CLOSED by itself
        QCOMPARE(m_store->find(failing).review->status, ReviewStatus::Error);
        const ReviewStats stats = m_store->stats();
        QCOMPARE(stats.error, 1);
        QCOMPARE(stats.closed, 1);
        for (int i = 0; i < ReviewStore::kMaxOpenPerPrincipal; ++i) // ERROR is not "active"
            QVERIFY(!m_store->create(validBody(0), kActor).error);
    }

    void refusesInvalidRequests_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("cause");

        const auto with = [](const QString &key, const QJsonValue &value) {
            QJsonObject body = validBody();
            if (value.isUndefined())
                body.remove(key);
            else
                body.insert(key, value);
            return body;
        };
        const auto ids = [](std::initializer_list<int> numbers) {
            QStringList list;
            for (int n : numbers)
                list.append(TestDirectory::id(n));
            return reviewers(list);
        };
        const QString principal = QStringLiteral("principalId");
        const QString name = QStringLiteral("name");
        const QString end = QStringLiteral("endTime");
        const QString ids_ = QStringLiteral("reviewerSettings.userSettings.includedUserIds");

        QTest::newRow("principal missing")
            << with(principal, QJsonValue::Undefined) << principal << "required";
        QTest::newRow("principal number") << with(principal, 42) << principal << "string";
        QTest::newRow("principal null") << with(principal, QJsonValue::Null) << principal << "null";
        QTest::newRow("principal 19 chars")
            << with(principal, TestDirectory::id(1).left(19)) << principal << "20 characters";
        QTest::newRow("principal unknown")
            << with(principal, QStringLiteral("00u\"\\nobody\\\"xxxxxxx")) << principal
            << "No user";
        QJsonObject guideField = with(name, QJsonValue::Undefined);
        guideField.insert(QStringLiteral("securityAccessReviewName"), QStringLiteral("x"));
        QTest::newRow("name under the guide's wrong key") << guideField << name << "required";
        QTest::newRow("name number") << with(name, 7) << name << "string";
        QTest::newRow("name array") << with(name, QJsonArray{1}) << name << "string";
        QTest::newRow("name empty") << with(name, QString()) << name << "1 to 255";
        QTest::newRow("name blank") << with(name, QStringLiteral(" \t ")) << name << "1 to 255";
        QTest::newRow("name 256 characters")
            << with(name, repeated(QStringLiteral("ж"), 256)) << name << "1 to 255";
        QTest::newRow("end time not a date")
            << with(end, QStringLiteral("tomorrow")) << end << "date-time";
        QTest::newRow("end time without offset")
            << with(end, QStringLiteral("2026-03-05T09:30:00")) << end << "date-time";
        QTest::newRow("end time number") << with(end, 1767225600) << end << "string";
        QTest::newRow("end time under a day")
            << with(end, QStringLiteral("2026-03-03T09:29:59Z")) << end << "at least one day";
        QTest::newRow("end time six months")
            << with(end, QStringLiteral("2026-09-02T09:30:00Z")) << end << "six months";
        QTest::newRow("end time in the past")
            << with(end, QStringLiteral("2020-01-01T00:00:00Z")) << end << "at least one day";
        QTest::newRow("reviewers missing")
            << with(QStringLiteral("reviewerSettings"), QJsonValue::Undefined) << "reviewerSettings"
            << "required";
        QTest::newRow("reviewers string")
            << with(QStringLiteral("reviewerSettings"), QStringLiteral("USER"))
            << "reviewerSettings"
            << "object";
        QJsonObject group = ids({101});
        group.insert(QStringLiteral("type"), QStringLiteral("GROUP"));
        QTest::newRow("reviewer type GROUP")
            << with(QStringLiteral("reviewerSettings"), group) << "reviewerSettings.type"
            << "USER";
        QTest::newRow("userSettings missing")
            << with(QStringLiteral("reviewerSettings"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("USER")}})
            << "reviewerSettings.userSettings"
            << "required";
        QJsonObject idsAsString = ids({101});
        idsAsString.insert(
            QStringLiteral("userSettings"),
            QJsonObject{{QStringLiteral("includedUserIds"), TestDirectory::id(101)}});
        QTest::newRow("ids as a string")
            << with(QStringLiteral("reviewerSettings"), idsAsString) << ids_ << "array";
        QTest::newRow("no reviewers")
            << with(QStringLiteral("reviewerSettings"), ids({})) << ids_ << "1 to 10";
        QTest::newRow("eleven reviewers")
            << with(QStringLiteral("reviewerSettings"),
                    ids({101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111}))
            << ids_ << "1 to 10";
        QTest::newRow("duplicate reviewer")
            << with(QStringLiteral("reviewerSettings"), ids({101, 102, 101})) << ids_ << "twice";
        QTest::newRow("suspended reviewer")
            << with(QStringLiteral("reviewerSettings"), ids({101, 120})) << ids_ << "not ACTIVE";
        QTest::newRow("unknown reviewer")
            << with(QStringLiteral("reviewerSettings"),
                    reviewers({QStringLiteral("00uNobodyNobodyNobod")}))
            << ids_ << "No user";
        QJsonObject numberId = ids({});
        numberId.insert(QStringLiteral("userSettings"),
                        QJsonObject{{QStringLiteral("includedUserIds"), QJsonArray{12345}}});
        QTest::newRow("reviewer id number")
            << with(QStringLiteral("reviewerSettings"), numberId) << ids_ << "20 characters";
        QTest::newRow("target reviews itself")
            << with(QStringLiteral("reviewerSettings"), ids({101, 0})) << ids_ << "can't be one";
        QTest::newRow("empty body") << QJsonObject() << principal << "required";
    }

    void refusesInvalidRequests()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        QFETCH(QString, cause);
        const ReviewResult result = m_store->create(body, kActor);
        QVERIFY(!result.review);
        QVERIFY(result.error);
        QCOMPARE(result.error->kind, ReviewError::Kind::Validation);
        QCOMPARE(result.error->field, field);
        QVERIFY2(result.error->causes.join(u'\n').contains(cause),
                 qPrintable(result.error->causes.join(u'\n')));
        QVERIFY(result.error->causes.at(0).startsWith(field + u':'));
        QCOMPARE(m_store->stats().pending, 0);
    }

    void countsCharactersNotBytes()
    {
        // 255 characters outside the BMP: 510 UTF-16 units and 1020 UTF-8 bytes, still 255.
        const QString emoji = QString::fromUcs4(U"\U0001F512");
        QVERIFY(!m_store->create(validBody(0, repeated(emoji, 255)), kActor).error);
        const QString mixed = QStringLiteral("Zugriff „Überprüfung“ \"x\" \\ 日本語 ");
        const QString name = (mixed + repeated(QStringLiteral("я"), 255)).left(255);
        const ReviewResult ok = m_store->create(validBody(1, name), kActor);
        QVERIFY(!ok.error);
        QCOMPARE(ok.review->name, name);
        QVERIFY(m_store->create(validBody(2, name + emoji), kActor).error);
        QVERIFY(m_store->create(validBody(2, repeated(emoji, 256)), kActor).error);
    }

    void limitsOpenReviewsPerTarget()
    {
        QStringList ids;
        for (int i = 0; i < ReviewStore::kMaxOpenPerPrincipal; ++i)
            ids.append(m_store->create(validBody(3), kActor).review->id);
        const ReviewResult refused = m_store->create(validBody(3), kActor);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->field, QStringLiteral("principalId"));
        QVERIFY(refused.error->causes.at(0).contains(QStringLiteral("5 active")));
        QVERIFY(!m_store->create(validBody(4), kActor).error); // another target is fine
        QVERIFY(!m_store->act(
            ids.at(0), {{QStringLiteral("actionType"), QStringLiteral("CLOSE_REVIEW")}}, kActor));
        QVERIFY(!m_store->create(validBody(3), kActor).error); // closed ones don't count
    }

    void limitsOpenReviewsPerOrg()
    {
        QString first;
        for (int target = 0; target < 100; ++target) {
            for (int i = 0; i < 5; ++i) {
                const ReviewResult result = m_store->create(validBody(target), kActor);
                QVERIFY(!result.error);
                if (first.isEmpty())
                    first = result.review->id;
            }
        }
        QCOMPARE(m_store->stats().pending, 500);
        const ReviewResult refused = m_store->create(validBody(100), kActor);
        QVERIFY(refused.error);
        QCOMPARE(refused.error->field, QStringLiteral("securityAccessReview"));
        QVERIFY(refused.error->causes.at(0).contains(QStringLiteral("500")));
        m_clock.advance(qint64(7) * 24 * 3600 * 1000); // every review reaches its end time
        QCOMPARE(m_store->stats().closed, 500);
        QVERIFY(!m_store->create(validBody(100), kActor).error);
    }

    void updatesEndTimeAndReviewers()
    {
        const QString id = m_store->create(validBody(5), kActor).review->id;
        m_clock.advance(1000);
        const QString editor = TestDirectory::id(118);
        QJsonObject patch{
            {QStringLiteral("endTime"), QStringLiteral("2026-03-20T00:00:00Z")},
            {QStringLiteral("reviewerSettings"), reviewers({TestDirectory::id(110)})}};
        const ReviewResult result = m_store->update(id, patch, editor);
        QVERIFY(!result.error);
        QCOMPARE(result.review->endTime, QDateTime(QDate(2026, 3, 20), QTime(0, 0), Qt::UTC));
        QCOMPARE(result.review->reviewerIds, QStringList{TestDirectory::id(110)});
        QCOMPARE(result.review->lastUpdatedBy, editor);
        QCOMPARE(result.review->createdBy, kActor);
        QCOMPARE(result.review->lastUpdated, kStart.addMSecs(1000));
        QCOMPARE(result.review->history.size(), 4); // created, generated, end time, reviewers

        const auto refusedField = [&](const QJsonObject &body) {
            const ReviewResult refused = m_store->update(id, body, editor);
            return refused.error ? refused.error->field : QStringLiteral("<accepted>");
        };
        QCOMPARE(refusedField({}), QStringLiteral("endTime"));
        QCOMPARE(
            refusedField({{QStringLiteral("endTime"), QStringLiteral("2026-03-02T12:00:00Z")}}),
            QStringLiteral("endTime"));
        QCOMPARE(refusedField({{QStringLiteral("endTime"), true}}), QStringLiteral("endTime"));
        QCOMPARE(
            refusedField({{QStringLiteral("reviewerSettings"), reviewers({TestDirectory::id(5)})}}),
            QStringLiteral("reviewerSettings.userSettings.includedUserIds"));
        QCOMPARE(m_store->update(QStringLiteral("sarNope"), patch, editor).error->kind,
                 ReviewError::Kind::NotFound);

        QVERIFY(!m_store->act(id, {{QStringLiteral("actionType"), QStringLiteral("CLOSE_REVIEW")}},
                              editor));
        QCOMPARE(refusedField(patch), QStringLiteral("status"));
    }

    void runsActions()
    {
        const QString id = m_store->create(validBody(6), kActor).review->id;
        const auto actionError = [&](const QJsonValue &type) {
            const std::optional<ReviewError> error =
                m_store->act(id, {{QStringLiteral("actionType"), type}}, kActor);
            return error ? error->causes.join(u'\n') : QString();
        };
        QCOMPARE(ReviewStore::availableActions(ReviewStatus::Pending),
                 QStringList{QStringLiteral("CLOSE_REVIEW")});
        QVERIFY(
            actionError(QStringLiteral("RESTORE_ALL_ACCESS")).contains(QStringLiteral("PENDING")));
        m_clock.advance(500);
        QVERIFY(actionError(QStringLiteral("RESTORE_ALL_ACCESS")).isEmpty());
        QVERIFY(actionError(QStringLiteral("close_review")).contains(QStringLiteral("must be")));
        QVERIFY(actionError(3).contains(QStringLiteral("string")));
        QVERIFY(m_store->act(id, {}, kActor).has_value());
        QVERIFY(actionError(QStringLiteral("CLOSE_REVIEW")).isEmpty());
        QCOMPARE(m_store->find(id).review->status, ReviewStatus::Closed);
        const QString again = actionError(QStringLiteral("CLOSE_REVIEW"));
        QVERIFY2(again.contains(QStringLiteral("CLOSED")), qPrintable(again));
        QCOMPARE(m_store->act(QStringLiteral("sar\"\\"), {}, kActor)->kind,
                 ReviewError::Kind::NotFound);
        // A pending review can be closed before it is generated, and never becomes ACTIVE.
        const QString early = m_store->create(validBody(7), kActor).review->id;
        QVERIFY(actionError(QStringLiteral("CLOSE_REVIEW")).contains(QStringLiteral("CLOSED")));
        QVERIFY(!m_store->act(
            early, {{QStringLiteral("actionType"), QStringLiteral("CLOSE_REVIEW")}}, kActor));
        m_clock.advance(1000);
        QCOMPARE(m_store->find(early).review->status, ReviewStatus::Closed);
    }

    void recordsComments()
    {
        const QString id = m_store->create(validBody(8), kActor).review->id;
        const QString text = QStringLiteral("Looks \"odd\" \\ 可疑 — check VPN");
        QVERIFY(!m_store->comment(id, {{QStringLiteral("comment"), text}}, kActor));
        QVERIFY(!m_store->comment(
            id, {{QStringLiteral("comment"), repeated(QStringLiteral("ü"), 1000)}}, kActor));
        QCOMPARE(m_store
                     ->comment(id,
                               {{QStringLiteral("comment"), repeated(QStringLiteral("ü"), 1001)}},
                               kActor)
                     ->field,
                 QStringLiteral("comment"));
        QVERIFY(m_store->comment(id, {{QStringLiteral("comment"), QString()}}, kActor));
        QVERIFY(m_store->comment(id, {{QStringLiteral("comment"), 5}}, kActor));
        QVERIFY(m_store->comment(id, {}, kActor));
        const Review review = *m_store->find(id).review;
        QCOMPARE(review.history.at(1).message, text);
        QCOMPARE(review.history.at(1).actorId, kActor);
        QVERIFY(!review.history.at(1).systemGenerated);
    }

    void filtersOrdersAndPages()
    {
        const QStringList names = {QStringLiteral("Alpha \"quoted\""),
                                   QStringLiteral("beta \\ slash"), QStringLiteral("Gamma 日本"),
                                   QStringLiteral("delta"), QStringLiteral("Epsilon")};
        QStringList ids;
        for (int i = 0; i < names.size(); ++i) {
            QJsonObject body = validBody(10 + i, names.at(i));
            if (i == 3) // only "delta" has reviewer 111, whose first name is Zoë
                body.insert(QStringLiteral("reviewerSettings"),
                            reviewers({TestDirectory::id(111)}));
            ids.append(m_store->create(body, kActor).review->id);
            m_clock.advance(60'000);
        }
        QVERIFY(!m_store->act(
            ids.at(4), {{QStringLiteral("actionType"), QStringLiteral("CLOSE_REVIEW")}}, kActor));

        const auto names_ = [&](const PageRequest &request) {
            const ReviewPage page = m_store->list(request);
            if (page.error)
                return QStringList{QStringLiteral("error:") + page.error->field};
            QStringList result;
            for (const Review &review : page.reviews)
                result.append(review.name);
            return result;
        };
        QCOMPARE(names_(page()), names); // default: created asc
        QCOMPARE(names_(page(QStringLiteral("name co \"\\\"quoted\\\"\""))),
                 QStringList{names.at(0)});
        QCOMPARE(names_(page(QStringLiteral("name co \"\\\\\""))), QStringList{names.at(1)});
        QCOMPARE(names_(page(QStringLiteral("name eq \"GAMMA 日本\""))), QStringList{names.at(2)});
        QCOMPARE(names_(page(QStringLiteral("status eq \"CLOSED\""))), QStringList{names.at(4)});
        QCOMPARE(names_(page(QStringLiteral("reviewer.name co \"zoë\""))),
                 QStringList{names.at(3)});
        QCOMPARE(
            names_(page(QStringLiteral("reviewer.name eq \"O\\\"Brien Back\\\\slash 101 田中\""))),
            (QStringList{names.at(0), names.at(1), names.at(2), names.at(4)}));
        QCOMPARE(names_(page(QStringLiteral("created gt \"2026-03-02T09:30:30Z\" and created lt "
                                            "\"2026-03-02T09:32:30.5+00:00\""))),
                 (QStringList{names.at(1), names.at(2)}));
        QCOMPARE(names_(page(QStringLiteral(
                                 "name eq \"delta\" or (status eq \"CLOSED\" and name co \"eps\")"),
                             QStringLiteral("name desc"))),
                 (QStringList{names.at(4), names.at(3)}));
        QCOMPARE(names_(page({}, QStringLiteral("name asc"))),
                 (QStringList{names.at(0), names.at(1), names.at(3), names.at(4), names.at(2)}));
        QCOMPARE(names_(page({}, QStringLiteral("status desc"))).constFirst(), names.at(4));

        // Pages of two, following the cursor until there is none.
        for (const QString &order : {QStringLiteral("name desc"), QStringLiteral("created asc"),
                                     QStringLiteral("endTime"), QStringLiteral("id desc")}) {
            QStringList seen;
            PageRequest request{{}, order, {}, QStringLiteral("2")};
            int pages = 0;
            do {
                const ReviewPage page = m_store->list(request);
                QVERIFY(!page.error);
                QVERIFY(page.reviews.size() <= 2);
                for (const Review &review : page.reviews)
                    seen.append(review.id);
                request.after = page.nextCursor;
                QVERIFY(++pages <= 3);
            } while (!request.after.isEmpty());
            QCOMPARE(pages, 3);
            QStringList all;
            for (const Review &review : m_store->list({{}, order, {}, {}}).reviews)
                all.append(review.id);
            QCOMPARE(seen, all);
        }
        const QString cursor =
            m_store->list({{}, QStringLiteral("name desc"), {}, QStringLiteral("1")}).nextCursor;
        QCOMPARE(names_(page({}, QStringLiteral("name asc"), cursor, {})),
                 QStringList{QStringLiteral("error:after")});

        const QStringList badFilters = {QStringLiteral("name co \"unterminated"),
                                        QStringLiteral("name gt \"x\""),
                                        QStringLiteral("created eq \"2026-03-02T09:31:00Z\""),
                                        QStringLiteral("created gt \"yesterday\""),
                                        QStringLiteral("owner eq \"x\""),
                                        QStringLiteral("name co"),
                                        QStringLiteral("name co \"a\" and"),
                                        QStringLiteral("(name co \"a\""),
                                        QStringLiteral("name co \"a\")"),
                                        QStringLiteral("name co 'a'"),
                                        QStringLiteral("name co \"\\n\""),
                                        repeated(QStringLiteral("("), 40) +
                                            QStringLiteral("name co \"a\"") +
                                            repeated(QStringLiteral(")"), 40),
                                        repeated(QStringLiteral("x"), 3000)};
        for (const QString &filter : badFilters)
            QCOMPARE(names_(page(filter)), QStringList{QStringLiteral("error:filter")});
        for (const QString &order : {QStringLiteral("name up"), QStringLiteral("owner asc"),
                                     QStringLiteral("name asc extra"), QStringLiteral("Name")})
            QCOMPARE(names_(page({}, order)), QStringList{QStringLiteral("error:orderBy")});
        for (const QString &limit :
             {QStringLiteral("0"), QStringLiteral("201"), QStringLiteral("abc"),
              QStringLiteral("-1"), QStringLiteral("2.5")})
            QCOMPARE(names_(page({}, {}, {}, limit)), QStringList{QStringLiteral("error:limit")});
        for (const QString &after : {QStringLiteral("garbage!"), QStringLiteral("e30"),
                                     QString::fromLatin1(QByteArray("[1,2]").toBase64())})
            QCOMPARE(names_(page({}, {}, after, {})), QStringList{QStringLiteral("error:after")});
        QCOMPARE(names_(page({}, {}, {}, QStringLiteral("200"))).size(), 5);
    }

    void keepsCreationOrderWithinOneMillisecond()
    {
        QStringList ids; // same clock reading for all: ids alone would order them at random
        for (int i = 0; i < 12; ++i)
            ids.append(m_store->create(validBody(30 + i), kActor).review->id);
        QStringList listed;
        for (const Review &review : m_store->list(page()).reviews)
            listed.append(review.id);
        QCOMPARE(listed, ids);
    }

    void pagesHistory()
    {
        const QString id = m_store->create(validBody(20), kActor).review->id;
        for (int i = 0; i < 24; ++i)
            QVERIFY(
                !m_store->comment(id, {{QStringLiteral("comment"), QString::number(i)}}, kActor));
        m_clock.advance(1000); // adds "generated": 1 + 24 + 1 = 26 entries
        QStringList messages;
        PageRequest request;
        int pages = 0;
        do {
            const HistoryPage page = m_store->history(id, request);
            QVERIFY(!page.error);
            for (const ReviewHistoryEntry &entry : page.entries) {
                QVERIFY(QRegularExpression(QStringLiteral("^srh[A-Za-z0-9]{17}$"))
                            .match(entry.id)
                            .hasMatch());
                messages.append(entry.message);
            }
            request.after = page.nextCursor;
            ++pages;
        } while (!request.after.isEmpty() && pages < 5);
        QCOMPARE(pages, 2);
        QCOMPARE(messages.size(), 26);
        QCOMPARE(messages.at(1), QStringLiteral("0"));
        QCOMPARE(m_store->history(id, {{}, {}, QStringLiteral("bogus"), {}}).error->field,
                 QStringLiteral("after"));
        QCOMPARE(m_store->history(id, {{}, {}, {}, QStringLiteral("0")}).error->field,
                 QStringLiteral("limit"));
        QCOMPARE(m_store->history(QStringLiteral("sarMissing"), {}).error->kind,
                 ReviewError::Kind::NotFound);
    }

private:
    TestDirectory m_directory;
    ManualClock m_clock{kStart};
    std::unique_ptr<ReviewStore> m_store;
};

QTEST_GUILESS_MAIN(TestReviewStore)
#include "tst_review_store.moc"
