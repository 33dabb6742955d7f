// The sandbox's security access reviews API over real HTTP on 127.0.0.1, as a client sees it.

#include "SandboxFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace triage;

namespace {

const QString kRead = QStringLiteral("okta.governance.securityAccessReviews.admin.read");
const QString kManage = QStringLiteral("okta.governance.securityAccessReviews.admin.manage");
const QByteArray kSsws = "00sswsSandboxReviewsTestToken";
const QString kBase = QStringLiteral("/governance/api/v2/security-access-reviews");
const QString kHostileName = QStringLiteral("Review \"Ødegård\" \\ 張偉 — incident #42");

struct Answer
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    // Targets of the Link headers with this relation (Qt may fold repeated headers into one).
    QStringList links(const QString &rel) const
    {
        static const QRegularExpression pattern(QStringLiteral("<([^>]*)>;\\s*rel=\"([a-z]+)\""));
        QStringList result;
        for (const auto &[key, value] : headers) {
            if (key.compare("Link", Qt::CaseInsensitive) != 0)
                continue;
            auto matches = pattern.globalMatch(QString::fromUtf8(value));
            while (matches.hasNext()) {
                const auto match = matches.next();
                if (match.captured(2) == rel)
                    result.append(match.captured(1));
            }
        }
        return result;
    }
    QString causes() const
    {
        QStringList list;
        for (const QJsonValue &cause : json().value(QStringLiteral("errorCauses")).toArray())
            list.append(cause.toObject().value(QStringLiteral("errorSummary")).toString());
        return list.join(u'\n');
    }
};

QString percent(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QByteArray reviewBody(const QString &target, const QString &name, const QStringList &reviewers)
{
    const QJsonObject body{{QStringLiteral("principalId"), target},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("reviewerSettings"),
                            QJsonObject{{QStringLiteral("type"), QStringLiteral("USER")},
                                        {QStringLiteral("userSettings"),
                                         QJsonObject{{QStringLiteral("includedUserIds"),
                                                      QJsonArray::fromStringList(reviewers)}}}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace

class TestSandboxReviews : public QObject
{
    Q_OBJECT

private:
    // One request, answered or failed within five seconds. `target` is a path under the org or
    // a full URL (as the server hands out in links).
    Answer call(const QByteArray &method, const QString &target, const QByteArray &body = {},
                QByteArray authorization = {}, const QByteArray &contentType = "application/json")
    {
        const QString url = target.startsWith(QStringLiteral("http"))
                                ? target
                                : m_org->baseUrl().toString() + target;
        QNetworkRequest request(QUrl::fromEncoded(url.toUtf8(), QUrl::StrictMode));
        request.setRawHeader("Accept", "application/json");
        request.setRawHeader("Authorization", authorization.isEmpty()
                                                  ? "Bearer " + m_manageToken.toLatin1()
                                                  : authorization);
        if (!body.isEmpty())
            request.setRawHeader("Content-Type", contentType);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(5000);
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return answer;
    }

    QString nextTarget()
    {
        const QStringList ids = m_org->userIds();
        while (ids.at(m_nextTarget) == m_org->analystUserId() ||
               m_reviewers.contains(ids.at(m_nextTarget)))
            ++m_nextTarget;
        return ids.at(m_nextTarget++);
    }

    QJsonObject create(const QString &name, QString target = {})
    {
        if (target.isEmpty())
            target = nextTarget();
        const Answer answer = call("POST", kBase, reviewBody(target, name, m_reviewers));
        if (answer.status != 202)
            qWarning() << "create failed" << answer.status << answer.body;
        return answer.json();
    }

    QString statusOf(const QString &id)
    {
        return call("GET", kBase + u'/' + id).json().value(QStringLiteral("status")).toString();
    }

private slots:
    void initTestCase()
    {
        sandbox::SandboxConfig config = test::smallConfig();
        config.activationDelaySeconds = 0.3;
        config.apiToken = QString::fromLatin1(kSsws);
        m_org = test::startSandbox(config);
        QVERIFY(m_org);
        m_manageToken = m_org->issueAccessTokenForTests({kRead, kManage});
        m_readToken = m_org->issueAccessTokenForTests({kRead});
        m_usersToken = m_org->issueAccessTokenForTests({QStringLiteral("okta.users.read")});
        const QStringList ids = m_org->userIds();
        QVERIFY(ids.size() > 30);
        for (const QString &id : ids) {
            if (id != m_org->analystUserId() && m_reviewers.size() < 2)
                m_reviewers.append(id);
        }
    }

    void createsPendingReviewThatBecomesActive()
    {
        const QString target = nextTarget();
        const Answer answer = call("POST", kBase, reviewBody(target, kHostileName, m_reviewers));
        QCOMPARE(answer.status, 202);
        QVERIFY(answer.header("Content-Type").startsWith("application/json"));
        const QJsonObject review = answer.json();
        const QString id = review.value(QStringLiteral("id")).toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^sar[A-Za-z0-9]{17}$")).match(id).hasMatch(),
                 qPrintable(id));
        QCOMPARE(review.value(QStringLiteral("status")).toString(), QStringLiteral("PENDING"));
        QCOMPARE(review.value(QStringLiteral("name")).toString(), kHostileName);
        QCOMPARE(review.value(QStringLiteral("createdBy")).toString(), m_org->analystUserId());
        QCOMPARE(review.value(QStringLiteral("lastUpdatedBy")).toString(), m_org->analystUserId());
        QVERIFY(!review.contains(QStringLiteral("principalId"))); // Okta never echoes the target
        const QDateTime created = QDateTime::fromString(
            review.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
        const QDateTime end = QDateTime::fromString(
            review.value(QStringLiteral("endTime")).toString(), Qt::ISODateWithMs);
        QVERIFY(created.isValid());
        QCOMPARE(end, created.addDays(7));
        QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc())) < 60);

        const QJsonObject settings = review.value(QStringLiteral("reviewerSettings")).toObject();
        QCOMPARE(settings.value(QStringLiteral("type")).toString(), QStringLiteral("USER"));
        const QJsonObject userSettings = settings.value(QStringLiteral("userSettings")).toObject();
        QCOMPARE(userSettings.value(QStringLiteral("includedUserIds")).toArray().toVariantList(),
                 QJsonArray::fromStringList(m_reviewers).toVariantList());
        const QJsonArray profiles =
            userSettings.value(QStringLiteral("includedUserProfiles")).toArray();
        QCOMPARE(profiles.size(), 2);
        for (const QJsonValue &value : profiles) {
            const QJsonObject profile = value.toObject();
            for (const char *key : {"id", "email", "firstName", "lastName", "login"})
                QVERIFY2(profile.value(QLatin1String(key)).isString(), key);
            QCOMPARE(profile.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVE"));
            QCOMPARE(profile.value(QStringLiteral("type")).toString(), QStringLiteral("USER"));
        }
        const QJsonObject links = review.value(QStringLiteral("_links")).toObject();
        const QString self = m_org->baseUrl().toString() + kBase + u'/' + id;
        QCOMPARE(links.value(QStringLiteral("securityAccessReviewDetails"))
                     .toObject()
                     .value(QStringLiteral("href"))
                     .toString(),
                 self);
        const QList<QPair<QString, QString>> subLinks = {
            {QStringLiteral("history"), QStringLiteral("/history")},
            {QStringLiteral("accesses"), QStringLiteral("/accesses")},
            {QStringLiteral("actions"), QStringLiteral("/actions")},
            {QStringLiteral("principalDetails"), QStringLiteral("/principal")}};
        for (const auto &[rel, suffix] : subLinks)
            QCOMPARE(links.value(rel).toObject().value(QStringLiteral("href")).toString(),
                     self + suffix);

        QCOMPARE(statusOf(id), QStringLiteral("PENDING"));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), QStringLiteral("ACTIVE"), 5000);
        QCOMPARE(call("GET", kBase + u'/' + id).json().value(QStringLiteral("name")).toString(),
                 kHostileName);
    }

    void failedGenerationEndsInError()
    {
        m_org->failNextReviewGeneration();
        const QString failing =
            create(QStringLiteral("doomed")).value(QStringLiteral("id")).toString();
        const QString fine = create(QStringLiteral("fine")).value(QStringLiteral("id")).toString();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(failing), QStringLiteral("ERROR"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(fine), QStringLiteral("ACTIVE"), 5000);
    }

    void acceptsSswsTokens()
    {
        const Answer answer =
            call("POST", kBase, reviewBody(nextTarget(), QStringLiteral("via SSWS"), m_reviewers),
                 "SSWS " + kSsws);
        QCOMPARE(answer.status, 202);
        QCOMPARE(answer.json().value(QStringLiteral("createdBy")).toString(),
                 m_org->analystUserId());
        QCOMPARE(call("GET", kBase, {}, "SSWS " + kSsws).status, 200);
        QCOMPARE(call("GET", kBase, {}, "SSWS wrong-token").status, 401);
    }

    void listsWithFilterOrderAndPaging()
    {
        const QString tag = QStringLiteral("pg\"\\");
        QStringList created;
        for (const QString &suffix : {QStringLiteral("b"), QStringLiteral("D"), QStringLiteral("a"),
                                      QStringLiteral("e"), QStringLiteral("c")})
            created.append(create(tag + suffix).value(QStringLiteral("id")).toString());

        // name co "pg\"\\" — the filter's string literal escapes the quote and the backslash.
        const QString filter = QStringLiteral("name co \"pg\\\"\\\\\"");
        QString next = kBase + QStringLiteral("?filter=") + percent(filter) +
                       QStringLiteral("&orderBy=") + percent(QStringLiteral("name desc")) +
                       QStringLiteral("&limit=2");
        QStringList names;
        int pages = 0;
        while (!next.isEmpty() && pages < 10) {
            const Answer page = call("GET", next);
            QCOMPARE(page.status, 200);
            const QJsonObject envelope = page.json();
            const QJsonArray data = envelope.value(QStringLiteral("data")).toArray();
            QVERIFY(data.size() <= 2);
            for (const QJsonValue &review : data)
                names.append(review.toObject().value(QStringLiteral("name")).toString());
            const QJsonObject links = envelope.value(QStringLiteral("_links")).toObject();
            const QString self = links.value(QStringLiteral("self"))
                                     .toObject()
                                     .value(QStringLiteral("href"))
                                     .toString();
            QCOMPARE(page.links(QStringLiteral("self")), QStringList{self});
            next = links.value(QStringLiteral("next"))
                       .toObject()
                       .value(QStringLiteral("href"))
                       .toString();
            QCOMPARE(page.links(QStringLiteral("next")),
                     next.isEmpty() ? QStringList() : QStringList{next});
            ++pages;
        }
        QCOMPARE(pages, 3);
        QCOMPARE(names, (QStringList{tag + u'e', tag + u'D', tag + u'c', tag + u'b', tag + u'a'}));

        // Default order is created asc; status and created filters combine with and/or.
        const Answer all =
            call("GET", kBase + QStringLiteral("?limit=200&filter=") + percent(filter));
        QStringList ids;
        for (const QJsonValue &review : all.json().value(QStringLiteral("data")).toArray())
            ids.append(review.toObject().value(QStringLiteral("id")).toString());
        QCOMPARE(ids, created);
        const QString since = QDateTime::currentDateTimeUtc().addSecs(-600).toString(Qt::ISODate);
        const QString combined =
            QStringLiteral("(status eq \"PENDING\" or status eq \"ACTIVE\") and "
                           "created gt \"%1\" and ")
                .arg(since) +
            filter;
        QCOMPARE(call("GET", kBase + QStringLiteral("?filter=") + percent(combined))
                     .json()
                     .value(QStringLiteral("data"))
                     .toArray()
                     .size(),
                 5);

        // Malformed list parameters: 400 with Okta's error body naming the parameter.
        const QList<QPair<QString, QString>> bad = {
            {QStringLiteral("filter=") + percent(QStringLiteral("name co \"open")),
             QStringLiteral("filter")},
            {QStringLiteral("filter=") + percent(QStringLiteral("owner eq \"x\"")),
             QStringLiteral("filter")},
            {QStringLiteral("orderBy=") + percent(QStringLiteral("name sideways")),
             QStringLiteral("orderBy")},
            {QStringLiteral("limit=0"), QStringLiteral("limit")},
            {QStringLiteral("limit=201"), QStringLiteral("limit")},
            {QStringLiteral("limit=ten"), QStringLiteral("limit")},
            {QStringLiteral("after=not-a-cursor"), QStringLiteral("after")}};
        for (const auto &[query, field] : bad) {
            const Answer answer = call("GET", kBase + u'?' + query);
            QCOMPARE(answer.status, 400);
            QCOMPARE(answer.json().value(QStringLiteral("errorCode")).toString(),
                     QStringLiteral("E0000001"));
            QCOMPARE(answer.json().value(QStringLiteral("errorSummary")).toString(),
                     QStringLiteral("Api validation failed: ") + field);
            QVERIFY(!answer.causes().isEmpty());
        }
    }

    void countsStats()
    {
        const QJsonObject before = call("GET", kBase + QStringLiteral("/stats")).json();
        for (const char *key : {"activeCount", "pendingCount", "errorCount", "closedCount"})
            QVERIFY2(before.value(QLatin1String(key)).isDouble(), key);
        create(QStringLiteral("stats"));
        const QJsonObject after = call("GET", kBase + QStringLiteral("/stats")).json();
        QCOMPARE(after.value(QStringLiteral("pendingCount")).toInt(),
                 before.value(QStringLiteral("pendingCount")).toInt() + 1);
        int total = 0;
        for (const QJsonValue &count : after)
            total += count.toInt();
        const Answer all = call("GET", kBase + QStringLiteral("?limit=200"));
        QCOMPARE(total, all.json().value(QStringLiteral("data")).toArray().size());
    }

    void describesPrincipalAndAccesses()
    {
        const QString target = nextTarget();
        const QString id =
            create(QStringLiteral("principal"), target).value(QStringLiteral("id")).toString();
        const Answer answer = call("GET", kBase + u'/' + id + QStringLiteral("/principal"));
        QCOMPARE(answer.status, 200);
        const QJsonObject principal = answer.json();
        QCOMPARE(principal.value(QStringLiteral("id")).toString(), target);
        for (const char *key : {"login", "email", "firstName", "lastName", "status", "type"})
            QVERIFY2(principal.value(QLatin1String(key)).isString(), key);
        QVERIFY(principal.value(QStringLiteral("oktaAdminRoles")).isArray());
        QVERIFY(principal.value(QStringLiteral("oktaAdminRoles")).toArray().isEmpty());
        QCOMPARE(principal.value(QStringLiteral("_links"))
                     .toObject()
                     .value(QStringLiteral("principalDetails"))
                     .toObject()
                     .value(QStringLiteral("href"))
                     .toString(),
                 m_org->baseUrl().toString() + kBase + u'/' + id + QStringLiteral("/principal"));

        // The analyst is a super admin: a review of the analyst shows the role.
        const QJsonObject analystReview = create(QStringLiteral("analyst"), m_org->analystUserId());
        const QJsonArray roles =
            call("GET", kBase + u'/' + analystReview.value(QStringLiteral("id")).toString() +
                            QStringLiteral("/principal"))
                .json()
                .value(QStringLiteral("oktaAdminRoles"))
                .toArray();
        QCOMPARE(roles.size(), 1);
        QCOMPARE(roles.at(0).toObject().value(QStringLiteral("roleId")).toString(),
                 QStringLiteral("SUPER_ADMIN"));

        QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), QStringLiteral("ACTIVE"), 5000);
        const Answer accesses = call("GET", kBase + u'/' + id + QStringLiteral("/accesses"));
        QCOMPARE(accesses.status, 200);
        const QJsonArray items = accesses.json().value(QStringLiteral("data")).toArray();
        QVERIFY(items.size() >= 2);
        for (const QJsonValue &item : items) {
            QCOMPARE(item.toObject().value(QStringLiteral("id")).toString().size(), 20);
            QCOMPARE(item.toObject().value(QStringLiteral("type")).toString(),
                     QStringLiteral("APPLICATION"));
        }
        QCOMPARE(call("GET", kBase + u'/' + id + QStringLiteral("/accesses")).body, accesses.body);
    }

    void patchesClosesAndKeepsHistory()
    {
        const QString id =
            create(QStringLiteral("lifecycle")).value(QStringLiteral("id")).toString();
        const QString url = kBase + u'/' + id;
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(id), QStringLiteral("ACTIVE"), 5000);

        const QString newEnd =
            QDateTime::currentDateTimeUtc().addDays(3).toString(Qt::ISODateWithMs);
        const QByteArray patch =
            "{\"endTime\":\"" + newEnd.toLatin1() +
            "\",\"reviewerSettings\":{\"type\":\"USER\",\"userSettings\":{\"includedUserIds\":[\"" +
            m_reviewers.at(0).toLatin1() + "\"]}}}";
        const Answer patched = call("PATCH", url, patch);
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json().value(QStringLiteral("endTime")).toString(), newEnd);
        QCOMPARE(patched.json()
                     .value(QStringLiteral("reviewerSettings"))
                     .toObject()
                     .value(QStringLiteral("userSettings"))
                     .toObject()
                     .value(QStringLiteral("includedUserIds"))
                     .toArray()
                     .size(),
                 1);
        const Answer tooSoon = call("PATCH", url, "{\"endTime\":\"2020-01-01T00:00:00Z\"}");
        QCOMPARE(tooSoon.status, 400);
        QCOMPARE(tooSoon.json().value(QStringLiteral("errorSummary")).toString(),
                 QStringLiteral("Api validation failed: endTime"));

        QCOMPARE(
            call("POST", url + QStringLiteral("/comment"),
                 QJsonDocument(QJsonObject{{QStringLiteral("comment"), kHostileName}}).toJson())
                .status,
            204);
        QCOMPARE(call("POST", url + QStringLiteral("/comment"),
                      "{\"comment\":\"" + QByteArray(1001, 'x') + "\"}")
                     .status,
                 400);

        const Answer actions = call("GET", url + QStringLiteral("/actions"));
        QCOMPARE(
            actions.body,
            QByteArray(
                R"({"data":[{"actionType":"CLOSE_REVIEW"},{"actionType":"RESTORE_ALL_ACCESS"}]})"));
        const Answer closed =
            call("POST", url + QStringLiteral("/actions"), R"({"actionType":"CLOSE_REVIEW"})");
        QCOMPARE(closed.status, 202);
        QVERIFY(closed.body.isEmpty());
        QCOMPARE(statusOf(id), QStringLiteral("CLOSED"));
        const Answer again =
            call("POST", url + QStringLiteral("/actions"), R"({"actionType":"CLOSE_REVIEW"})");
        QCOMPARE(again.status, 400);
        QVERIFY2(again.causes().contains(QStringLiteral("CLOSED")), again.body.constData());
        QCOMPARE(call("GET", url + QStringLiteral("/actions")).body, QByteArray(R"({"data":[]})"));
        QCOMPARE(call("PATCH", url, patch).status, 400);

        // History, one item per page, followed by _links.next to the end.
        QStringList messages;
        QString next = url + QStringLiteral("/history?limit=1");
        while (!next.isEmpty() && messages.size() < 20) {
            const Answer page = call("GET", next);
            QCOMPARE(page.status, 200);
            for (const QJsonValue &value : page.json().value(QStringLiteral("data")).toArray()) {
                const QJsonObject item = value.toObject();
                QCOMPARE(item.value(QStringLiteral("id")).toString().size(), 20);
                QVERIFY(item.value(QStringLiteral("systemGenerated")).isBool());
                QVERIFY(QDateTime::fromString(item.value(QStringLiteral("timestamp")).toString(),
                                              Qt::ISODateWithMs)
                            .isValid());
                messages.append(item.value(QStringLiteral("message")).toString());
            }
            next = page.json()
                       .value(QStringLiteral("_links"))
                       .toObject()
                       .value(QStringLiteral("next"))
                       .toObject()
                       .value(QStringLiteral("href"))
                       .toString();
        }
        QCOMPARE(messages.size(), 6); // created, generated, end time, reviewers, comment, closed
        QCOMPARE(messages.constFirst(), QStringLiteral("created lifecycle"));
        QCOMPARE(messages.at(4), kHostileName);
    }

    void answersUnknownReviewsAndMethods()
    {
        const Answer missing = call("GET", kBase + QStringLiteral("/sar00000000000000000"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json().value(QStringLiteral("errorCode")).toString(),
                 QStringLiteral("E0000007"));
        for (const QString &suffix : {QStringLiteral("/principal"), QStringLiteral("/history"),
                                      QStringLiteral("/accesses"), QStringLiteral("/actions")})
            QCOMPARE(call("GET", kBase + QStringLiteral("/sarMissing%22%C3%A9") + suffix).status,
                     404);
        QCOMPARE(call("POST", kBase + QStringLiteral("/sarMissing/actions"),
                      R"({"actionType":"CLOSE_REVIEW"})")
                     .status,
                 404);
        QCOMPARE(call("GET", kBase + QStringLiteral("/sarMissing/elsewhere")).status, 404);
        QCOMPARE(call("DELETE", kBase + QStringLiteral("/sar00000000000000000")).status, 405);
    }

    void checksScopes()
    {
        const QByteArray readOnly = "Bearer " + m_readToken.toLatin1();
        const Answer refused = call(
            "POST", kBase, reviewBody(nextTarget(), QStringLiteral("x"), m_reviewers), readOnly);
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.body.isEmpty());
        const QByteArray challenge = refused.header("WWW-Authenticate");
        QVERIFY2(challenge.contains("error=\"insufficient_scope\""), challenge.constData());
        QVERIFY(challenge.contains("scope=\"" + kManage.toLatin1() + '"'));
        QCOMPARE(call("GET", kBase, {}, readOnly).status, 200);
        QCOMPARE(call("GET", kBase + QStringLiteral("/stats"), {}, readOnly).status, 200);
        QCOMPARE(
            call("PATCH", kBase + QStringLiteral("/sar00000000000000000"), "{}", readOnly).status,
            403);
        const QByteArray usersOnly = "Bearer " + m_usersToken.toLatin1();
        const Answer noRead = call("GET", kBase, {}, usersOnly);
        QCOMPARE(noRead.status, 403);
        QVERIFY(noRead.header("WWW-Authenticate").contains("scope=\"" + kRead.toLatin1() + '"'));
    }

    void refusesInvalidBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("errorCode");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QString>("cause");

        const QString target = m_org->userIds().at(40);
        const QString reviewer = m_reviewers.at(0);
        const QByteArray json = "application/json";
        const auto withIds = [&](const QByteArray &idsJson) {
            return "{\"principalId\":\"" + target.toLatin1() +
                   "\",\"name\":\"n\",\"reviewerSettings\":{\"type\":\"USER\",\"userSettings\":{"
                   "\"includedUserIds\":" +
                   idsJson + "}}}";
        };
        const QString v = QStringLiteral("E0000001");
        // Okta's guide example: the target among the reviewers and the old field name.
        QTest::newRow("guide example")
            << QByteArray("{\"principalId\":\"" + target.toLatin1() +
                          "\",\"securityAccessReviewName\":\"Security access review\","
                          "\"reviewerSettings\":{\"type\":\"USER\",\"userSettings\":{"
                          "\"includedUserIds\":[\"" +
                          target.toLatin1() + "\",\"" + reviewer.toLatin1() + "\"]}}}")
            << json << v << "Api validation failed: name"
            << "can't be one of its reviewers";
        QTest::newRow("target reviews")
            << withIds("[\"" + target.toLatin1() + "\"]") << json << v
            << "Api validation failed: reviewerSettings.userSettings.includedUserIds"
            << "can't be one of its reviewers";
        QTest::newRow("ids as string") << withIds("\"" + reviewer.toLatin1() + "\"") << json << v
                                       << "Api validation failed: "
                                          "reviewerSettings.userSettings.includedUserIds"
                                       << "array";
        QTest::newRow("eleven reviewers")
            << withIds("[" + QByteArray("\"00uAAAAAAAAAAAAAAAAA\",").repeated(10) +
                       "\"00uAAAAAAAAAAAAAAAAB\"]")
            << json << v << "Api validation failed: reviewerSettings.userSettings.includedUserIds"
            << "1 to 10";
        QTest::newRow("name as number")
            << QByteArray("{\"principalId\":\"" + target.toLatin1() +
                          "\",\"name\":12,\"reviewerSettings\":{\"type\":\"USER\",\"userSettings\":"
                          "{\"includedUserIds\":[\"" +
                          reviewer.toLatin1() + "\"]}}}")
            << json << v << "Api validation failed: name"
            << "string";
        QTest::newRow("name 256 chars")
            << reviewBody(target, QString(256, QChar(0x00E9)), {reviewer}) << json << v
            << "Api validation failed: name"
            << "1 to 255";
        QTest::newRow("unknown principal") << reviewBody(QStringLiteral("00u\"\\\\'<>&%00xxxxxxx"),
                                                         QStringLiteral("n"), {reviewer})
                                           << json << v << "Api validation failed: principalId"
                                           << "No user";
        QTest::newRow("bad endTime")
            << QByteArray(
                   R"({"endTime":"31/12/2030","principalId":")" + target.toLatin1() +
                   R"(","name":"n","reviewerSettings":{"type":"USER","userSettings":{"includedUserIds":[")" +
                   reviewer.toLatin1() + R"("]}}})")
            << json << v << "Api validation failed: endTime"
            << "date-time";
        QTest::newRow("array body") << QByteArray("[1,2,3]") << json << "E0000003"
                                    << "The request body was not well-formed."
                                    << "";
        QTest::newRow("malformed") << QByteArray("{\"principalId\": ") << json << "E0000003"
                                   << "The request body was not well-formed."
                                   << "";
        QTest::newRow("truncated")
            << reviewBody(target, QStringLiteral("n"), {reviewer}).chopped(3) << json << "E0000003"
            << "The request body was not well-formed."
            << "";
        QTest::newRow("form body") << QByteArray("principalId=x&name=y")
                                   << QByteArray("application/x-www-form-urlencoded") << "E0000003"
                                   << "The request body was not well-formed."
                                   << "";
        QTest::newRow("empty object")
            << QByteArray("{}") << json << v << "Api validation failed: principalId"
            << "required";
    }

    void refusesInvalidBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QString, errorCode);
        QFETCH(QString, summary);
        QFETCH(QString, cause);
        const Answer answer = call("POST", kBase, body, {}, contentType);
        QCOMPARE(answer.status, 400);
        const QJsonObject error = answer.json();
        QCOMPARE(error.value(QStringLiteral("errorCode")).toString(), errorCode);
        QCOMPARE(error.value(QStringLiteral("errorSummary")).toString(), summary);
        QCOMPARE(error.value(QStringLiteral("errorLink")).toString(), errorCode);
        QVERIFY(
            error.value(QStringLiteral("errorId")).toString().startsWith(QStringLiteral("oae")));
        QVERIFY2(answer.causes().contains(cause), qPrintable(answer.causes()));
    }

private:
    std::unique_ptr<sandbox::SandboxOrg> m_org;
    QNetworkAccessManager m_nam;
    QString m_manageToken, m_readToken, m_usersToken;
    QStringList m_reviewers;
    int m_nextTarget = 0;
};

QTEST_GUILESS_MAIN(TestSandboxReviews)
#include "tst_sandbox_reviews.moc"
