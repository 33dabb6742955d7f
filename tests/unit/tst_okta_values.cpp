// Value types parse what Okta sends and refuse, without crashing, what it must not send.
#include "okta/OktaError.h"
#include "okta/Review.h"
#include "okta/User.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace triage::okta;

// Declared first: moc must meet the class before the raw string literals below.
class TestOktaValues : public QObject
{
    Q_OBJECT
private slots:
    void userParsesFullObject();
    void userDisplayNameFallsBack();
    void userRejectsBrokenFields_data();
    void userRejectsBrokenFields();
    void userProfileFieldsAreChecked();
    void reviewParses();
    void reviewStatusUnknownValueIsKept();
    void reviewRejectsBrokenFields_data();
    void reviewRejectsBrokenFields();
    void statsParseAndRefuseHugeOrFractional_data();
    void statsParseAndRefuseHugeOrFractional();
    void principalAndHistory();
    void errorFromOktaBody();
    void errorFromEmpty403WithChallenge();
    void errorFromGarbage_data();
    void errorFromGarbage();
    void unauthorizedMessageNeverEchoesServerText();
};

namespace {
QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

const char *kUser = R"({
  "id": "00u1a2b3c4d5e6f7g8h9", "status": "ACTIVE",
  "created": "2024-01-02T03:04:05.000Z", "activated": null, "statusChanged": null,
  "lastLogin": "2024-06-01T10:00:00Z", "lastUpdated": "2024-06-02T10:00:00.123Z",
  "passwordChanged": null, "type": {"id": "oty1"},
  "profile": {"login": "zoë.o'brien@example.com", "email": "zoë@example.com",
              "firstName": "Zoë", "lastName": "O\"Brien \\ 王", "title": null,
              "department": "Sécurité", "manager": "Ада Лавлейс"},
  "_links": {"self": {"href": "https://org/api/v1/users/00u1a2b3c4d5e6f7g8h9"}}})";

const char *kReview = R"({
  "id": "sar1lo5X9wmNTFX7x0g4", "status": "PENDING", "name": "Review \"Bob\" \\ 東京",
  "endTime": "2026-12-11T19:00:00.000Z", "created": "2026-12-04T19:00:00.000Z",
  "createdBy": "00uanalyst0000000001", "lastUpdated": "2026-12-04T19:00:00.000Z",
  "lastUpdatedBy": "00uanalyst0000000001",
  "reviewerSettings": {"type": "USER", "userSettings": {
     "includedUserIds": ["00ureviewer000000001", "00ureviewer000000002"],
     "includedUserProfiles": [
        {"id": "00ureviewer000000001", "email": "a@x", "firstName": "Ann", "lastName": "Lee",
         "login": "a@x", "status": "ACTIVE", "type": "OKTA_USER"},
        {"id": "00ureviewer000000002", "login": "b@x", "status": "INACTIVE", "type": "OKTA_USER"}]}},
  "_links": {"securityAccessReviewDetails": {"href": "https://org/x"}, "odd": [1, 2],
             "history": {"href": "https://org/h"}}})";
} // namespace

void TestOktaValues::userParsesFullObject()
{
    QString error;
    const auto user = User::fromJson(json(kUser), &error);
    QVERIFY2(user, qPrintable(error));
    QCOMPARE(user->id, QStringLiteral("00u1a2b3c4d5e6f7g8h9"));
    QVERIFY(user->isActive());
    QCOMPARE(user->profile.lastName, QStringLiteral("O\"Brien \\ 王"));
    QCOMPARE(user->profile.manager, QStringLiteral("Ада Лавлейс"));
    QVERIFY(user->activated.isNull());
    QCOMPARE(user->lastUpdated, QDateTime(QDate(2024, 6, 2), QTime(10, 0, 0, 123), Qt::UTC));
    QCOMPARE(user->created.timeSpec(), Qt::UTC);
    QVERIFY(user->profile.title.isEmpty());
}

void TestOktaValues::userDisplayNameFallsBack()
{
    User user;
    user.profile.login = QStringLiteral("login@x");
    QCOMPARE(user.displayName(), QStringLiteral("login@x"));
    user.profile.lastName = QStringLiteral("  王  ");
    QCOMPARE(user.displayName(), QStringLiteral("王"));
    user.profile.firstName = QStringLiteral("Zoë");
    QCOMPARE(user.displayName(), QStringLiteral("Zoë 王"));
    user.profile.displayName = QStringLiteral("   ");
    QCOMPARE(user.displayName(), QStringLiteral("Zoë 王"));
    user.profile.displayName = QStringLiteral("Dr. \"Z\"");
    QCOMPARE(user.displayName(), QStringLiteral("Dr. \"Z\""));
}

void TestOktaValues::userRejectsBrokenFields_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("id missing") << "id" << QJsonValue(QJsonValue::Undefined)
                                << "user.id is missing";
    QTest::newRow("id null") << "id" << QJsonValue(QJsonValue::Null) << "user.id is null";
    QTest::newRow("id number") << "id" << QJsonValue(42) << "user.id is not a string";
    QTest::newRow("status array") << "status" << QJsonValue(QJsonArray{1}) << "user.status";
    QTest::newRow("profile string")
        << "profile" << QJsonValue(QStringLiteral("x")) << "user.profile";
    QTest::newRow("profile null") << "profile" << QJsonValue(QJsonValue::Null)
                                  << "user.profile is null";
    QTest::newRow("created bad date")
        << "created" << QJsonValue(QStringLiteral("yesterday")) << "user.created";
    QTest::newRow("created number") << "created" << QJsonValue(1e300) << "user.created";
    QTest::newRow("lastLogin no zone")
        << "lastLogin" << QJsonValue(QStringLiteral("2024-01-01T00:00:00")) << "user.lastLogin";
}

void TestOktaValues::userRejectsBrokenFields()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    QJsonObject object = json(kUser);
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    QString error;
    QVERIFY(!User::fromJson(object, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

void TestOktaValues::userProfileFieldsAreChecked()
{
    QJsonObject object = json(kUser);
    QJsonObject profile = object.value(QLatin1String("profile")).toObject();
    profile.insert(QStringLiteral("email"), 12);
    object.insert(QStringLiteral("profile"), profile);
    QString error;
    QVERIFY(!User::fromJson(object, &error));
    QCOMPARE(error, QStringLiteral("user.profile.email is not a string"));
    profile.insert(QStringLiteral("email"), QJsonValue::Null); // optional: null is fine
    profile.remove(QStringLiteral("login"));
    object.insert(QStringLiteral("profile"), profile);
    QVERIFY(!User::fromJson(object, &error));
    QCOMPARE(error, QStringLiteral("user.profile.login is missing"));
    QVERIFY(!User::fromJson(QJsonObject(), nullptr)); // no error pointer: still no crash
}

void TestOktaValues::reviewParses()
{
    QString error;
    const auto review = Review::fromJson(json(kReview), &error);
    QVERIFY2(review, qPrintable(error));
    QCOMPARE(review->status, ReviewStatus::Pending);
    QCOMPARE(review->name, QStringLiteral("Review \"Bob\" \\ 東京"));
    QCOMPARE(review->reviewerIds.size(), 2);
    QCOMPARE(review->reviewers.size(), 2);
    QCOMPARE(review->reviewers.at(0).displayName(), QStringLiteral("Ann Lee"));
    QCOMPARE(review->reviewers.at(1).displayName(), QStringLiteral("b@x"));
    QCOMPARE(review->links.value(QStringLiteral("history")), QUrl(QStringLiteral("https://org/h")));
    QVERIFY(!review->links.contains(QStringLiteral("odd")));
    QCOMPARE(review->endTime, QDateTime(QDate(2026, 12, 11), QTime(19, 0), Qt::UTC));
}

void TestOktaValues::reviewStatusUnknownValueIsKept()
{
    QJsonObject object = json(kReview);
    object.insert(QStringLiteral("status"), QStringLiteral("ARCHIVED"));
    const auto review = Review::fromJson(object);
    QVERIFY(review);
    QCOMPARE(review->status, ReviewStatus::Unknown);
    QCOMPARE(review->statusText, QStringLiteral("ARCHIVED"));
    for (auto s :
         {ReviewStatus::Pending, ReviewStatus::Active, ReviewStatus::Closed, ReviewStatus::Error})
        QCOMPARE(reviewStatusFromString(reviewStatusToString(s)), s);
    QCOMPARE(reviewStatusFromString(QStringLiteral("pending")), ReviewStatus::Unknown);
}

void TestOktaValues::reviewRejectsBrokenFields_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("expected");
    QTest::newRow("id missing") << QByteArray(R"({"id": null})") << "review.id is null";
    QTest::newRow("name number") << QByteArray(R"({"name": 7})") << "review.name is not a string";
    QTest::newRow("endTime bad") << QByteArray(R"({"endTime": "2026-13-45T99:00:00Z"})")
                                 << "review.endTime";
    QTest::newRow("settings missing")
        << QByteArray(R"({"reviewerSettings": null})") << "review.reviewerSettings is null";
    QTest::newRow("ids not strings")
        << QByteArray(
               R"({"reviewerSettings": {"type": "USER", "userSettings": {"includedUserIds": [1]}}})")
        << "review.reviewerSettings.userSettings.includedUserIds[0]";
    QTest::newRow("profile not object")
        << QByteArray(
               R"({"reviewerSettings": {"type": "USER", "userSettings": {"includedUserProfiles": ["x"]}}})")
        << "review.reviewerSettings.userSettings.includedUserProfiles[0] is not an object";
    QTest::newRow("profile id missing")
        << QByteArray(
               R"({"reviewerSettings": {"type": "USER", "userSettings": {"includedUserProfiles": [{"login": "x"}]}}})")
        << "review.reviewerSettings.userSettings.includedUserProfiles[0].id is missing";
    QTest::newRow("summary wrong")
        << QByteArray(R"({"summary": {"message": false}})") << "review.summary.message";
    QTest::newRow("links wrong") << QByteArray(R"({"_links": "x"})") << "review._links";
}

void TestOktaValues::reviewRejectsBrokenFields()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, expected);
    QJsonObject object = json(kReview);
    const QJsonObject changes = QJsonDocument::fromJson(patch).object();
    for (auto it = changes.begin(); it != changes.end(); ++it)
        object.insert(it.key(), it.value());
    QString error;
    QVERIFY(!Review::fromJson(object, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

void TestOktaValues::statsParseAndRefuseHugeOrFractional_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::newRow("good")
        << QByteArray(
               R"({"activeCount":1,"pendingCount":2,"errorCount":0,"closedCount":9007199254740992})")
        << true;
    QTest::newRow("huge")
        << QByteArray(R"({"activeCount":1e300,"pendingCount":2,"errorCount":0,"closedCount":3})")
        << false;
    QTest::newRow("fraction")
        << QByteArray(R"({"activeCount":1.5,"pendingCount":2,"errorCount":0,"closedCount":3})")
        << false;
    QTest::newRow("negative")
        << QByteArray(R"({"activeCount":-1,"pendingCount":2,"errorCount":0,"closedCount":3})")
        << false;
    QTest::newRow("string")
        << QByteArray(R"({"activeCount":"1","pendingCount":2,"errorCount":0,"closedCount":3})")
        << false;
    QTest::newRow("missing") << QByteArray(R"({"activeCount":1,"pendingCount":2,"errorCount":0})")
                             << false;
    QTest::newRow("beyond 2^53")
        << QByteArray(
               R"({"activeCount":18014398509481984,"pendingCount":2,"errorCount":0,"closedCount":3})")
        << false;
}

void TestOktaValues::statsParseAndRefuseHugeOrFractional()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QString error;
    const auto stats = ReviewStats::fromJson(QJsonDocument::fromJson(body).object(), &error);
    QCOMPARE(bool(stats), ok);
    QCOMPARE(error.isEmpty(), ok);
    if (ok)
        QCOMPARE(stats->closedCount, Q_INT64_C(9007199254740992));
}

void TestOktaValues::principalAndHistory()
{
    const auto principal = ReviewPrincipal::fromJson(json(R"({
        "id": "00u1a2b3c4d5e6f7g8h9", "login": "t@x", "firstName": "Jürgen", "lastName": "Ø",
        "status": "ACTIVE", "type": "OKTA_USER", "department": "R&D", "manager": "M \"Q\"",
        "lastLoginInfo": {"date": "2026-01-01T00:00:00Z"},
        "oktaAdminRoles": [{"roleId": "r1", "roleName": "SUPER_ADMIN"}]})"));
    QVERIFY(principal);
    QCOMPARE(principal->profile.displayName(), QStringLiteral("Jürgen Ø"));
    QCOMPARE(principal->adminRoles, QStringList{QStringLiteral("SUPER_ADMIN")});
    QCOMPARE(principal->manager, QStringLiteral("M \"Q\""));
    QString error;
    QVERIFY(!ReviewPrincipal::fromJson(json(R"({"id": "x", "oktaAdminRoles": [5]})"), &error));
    QVERIFY2(error.contains(QLatin1String("oktaAdminRoles[0]")), qPrintable(error));
    QVERIFY(
        !ReviewPrincipal::fromJson(json(R"({"id": "x", "lastLoginInfo": {"date": 5}})"), &error));

    const auto item = ReviewHistoryItem::fromJson(json(R"({
        "id": "hist0000000000000001", "systemGenerated": false,
        "timestamp": "2026-12-04T19:00:00Z", "message": "Comment: \"ok\" ✓",
        "principalProfile": {"id": "00u1", "login": "a@x"}})"));
    QVERIFY(item);
    QVERIFY(item->actor);
    QCOMPARE(item->actor->login, QStringLiteral("a@x"));
    QVERIFY(!ReviewHistoryItem::fromJson(json(R"({"id": "h", "systemGenerated": "no",
        "timestamp": "2026-12-04T19:00:00Z", "message": "m"})"),
                                         &error));
    QCOMPARE(error, QStringLiteral("historyItem.systemGenerated is not a boolean"));
}

void TestOktaValues::errorFromOktaBody()
{
    const OktaError error = OktaError::fromHttp(
        400, R"({"errorCode":"E0000001","errorSummary":"Api validation failed: name",
                 "errorId":"oae123","errorCauses":[{"errorSummary":"name: too long"},{"x":1},"junk"]})");
    QCOMPARE(error.kind, OktaError::Kind::Validation);
    QCOMPARE(error.errorCode, QStringLiteral("E0000001"));
    QCOMPARE(error.errorCauses, QStringList{QStringLiteral("name: too long")});
    QVERIFY(error.message().contains(QLatin1String("name: too long")));
    QVERIFY(error.message().contains(QLatin1String("Api validation failed")));
}

void TestOktaValues::errorFromEmpty403WithChallenge()
{
    const OktaError error = OktaError::fromHttp(
        403, {},
        R"(Bearer authorization_uri="http://o/oauth2/v1/authorize", realm="http://o", scope="okta.users.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/users")");
    QCOMPARE(error.kind, OktaError::Kind::Forbidden);
    QCOMPARE(error.authError, QStringLiteral("insufficient_scope"));
    QCOMPARE(error.requiredScope, QStringLiteral("okta.users.read"));
    QVERIFY(error.message().contains(QLatin1String("okta.users.read")));
}

void TestOktaValues::errorFromGarbage_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::newRow("html 502") << 502 << QByteArray("<html>bad gateway</html>")
                              << int(OktaError::Kind::Server);
    QTest::newRow("truncated 404")
        << 404 << QByteArray(R"({"errorCode":"E00)") << int(OktaError::Kind::NotFound);
    QTest::newRow("array 401") << 401 << QByteArray("[1,2]") << int(OktaError::Kind::Unauthorized);
    QTest::newRow("wrong types 429")
        << 429 << QByteArray(R"({"errorCode":5,"errorCauses":{"a":1}})")
        << int(OktaError::Kind::RateLimited);
    QTest::newRow("409") << 409 << QByteArray() << int(OktaError::Kind::Validation);
}

void TestOktaValues::errorFromGarbage()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    const OktaError error = OktaError::fromHttp(status, body, "Bearer error=\"unterminated");
    QCOMPARE(int(error.kind), kind);
    QCOMPARE(error.httpStatus, status);
    QVERIFY(error.errorCode.isEmpty());
    QVERIFY(error.authError.isEmpty());
    QVERIFY(!error.message().isEmpty());
}

void TestOktaValues::unauthorizedMessageNeverEchoesServerText()
{
    // A 401 summary may quote what was sent; the analyst only needs "sign in again".
    const OktaError error = OktaError::fromHttp(
        401, R"({"errorCode":"E0000011","errorSummary":"Invalid token provided: eyJhbGciOi"})");
    QVERIFY(!error.message().contains(QLatin1String("eyJ")));
    QCOMPARE(kindName(OktaError::Kind::Cancelled), QStringLiteral("Cancelled"));
    QCOMPARE(kindName(OktaError::Kind::Network), QStringLiteral("Network"));
}

QTEST_GUILESS_MAIN(TestOktaValues)
#include "tst_okta_values.moc"
