// The sandbox org's Users API over real HTTP on 127.0.0.1: the generated directory, the list with
// search/filter/q and Link paging, single users by id or login, /me, scopes and Okta error bodies.
#include "SandboxFixture.h"
#include "sandbox/UserDirectory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace triage;

namespace {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QByteArray> links; // one entry per rel, as sent
    QByteArray wwwAuthenticate;
    QJsonDocument json;
    QJsonArray array() const { return json.array(); }
    QJsonObject object() const { return json.object(); }
};

QString encoded(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

// The URL inside a Link value: <url>; rel="next"
QString linkUrl(const QList<QByteArray> &links, const char *rel)
{
    static const QRegularExpression form(QStringLiteral("^<([^>]*)>; rel=\"([a-z]+)\"$"));
    for (const QByteArray &link : links) {
        const auto match = form.match(QString::fromUtf8(link));
        if (match.hasMatch() && match.captured(2) == QLatin1String(rel))
            return match.captured(1);
    }
    return {};
}

bool isOktaErrorBody(const QJsonObject &body, const QString &code)
{
    const QJsonArray causes = body.value(QStringLiteral("errorCauses")).toArray();
    for (const QJsonValue &cause : causes) {
        if (!cause.toObject().value(QStringLiteral("errorSummary")).isString())
            return false;
    }
    return body.value(QStringLiteral("errorCode")).toString() == code &&
           body.value(QStringLiteral("errorLink")).toString() == code &&
           !body.value(QStringLiteral("errorSummary")).toString().isEmpty() &&
           body.value(QStringLiteral("errorId")).toString().startsWith(QStringLiteral("oae")) &&
           body.value(QStringLiteral("errorCauses")).isArray();
}

const QRegularExpression kIdForm(QStringLiteral("^00u[A-Za-z0-9]{17}$"));
const QRegularExpression
    kDateForm(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));

const QStringList kStatuses{QStringLiteral("ACTIVE"),      QStringLiteral("DEPROVISIONED"),
                            QStringLiteral("LOCKED_OUT"),  QStringLiteral("PASSWORD_EXPIRED"),
                            QStringLiteral("PROVISIONED"), QStringLiteral("RECOVERY"),
                            QStringLiteral("STAGED"),      QStringLiteral("SUSPENDED")};

} // namespace

class TestSandboxUsers : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxOrg> m_org;
    QNetworkAccessManager m_network;
    QString m_token; // every default scope

    static sandbox::SandboxConfig config(quint32 seed = 1)
    {
        sandbox::SandboxConfig c = test::smallConfig();
        c.seed = seed;
        c.rateLimitsEnabled = false;
        return c;
    }

    // GET base + pathAndQuery (already percent-encoded, sent as is).
    HttpResult get(const QString &pathAndQuery, const QString &token = {},
                   const QByteArray &method = "GET")
    {
        const QUrl url = QUrl::fromEncoded((m_org->baseUrl().toString() + pathAndQuery).toUtf8(),
                                           QUrl::StrictMode);
        QNetworkRequest request(url);
        request.setRawHeader("Authorization",
                             "Bearer " + (token.isEmpty() ? m_token : token).toUtf8());
        request.setRawHeader("Accept", "application/json");
        QNetworkReply *reply = m_network.sendCustomRequest(request, method);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        HttpResult result;
        if (!finished.wait(10000)) {
            reply->abort();
            reply->deleteLater();
            return result;
        }
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
        // Qt joins repeated headers with ", "; split back at each "<".
        const QByteArray links = reply->rawHeader("Link");
        if (!links.isEmpty()) {
            for (const QByteArray &part : links.split('<')) {
                QByteArray link = part.trimmed();
                if (link.endsWith(','))
                    link.chop(1);
                if (!link.isEmpty())
                    result.links << "<" + link;
            }
        }
        result.json = QJsonDocument::fromJson(result.body);
        reply->deleteLater();
        return result;
    }

    // Follows rel="next" from firstPath until it stops; every page's ids in order.
    QStringList collectPages(const QString &firstPath, int *pages = nullptr)
    {
        QStringList ids;
        QString path = firstPath;
        const QString base = m_org->baseUrl().toString();
        int count = 0;
        while (!path.isEmpty() && count < 500) {
            const HttpResult page = get(path);
            if (page.status != 200)
                return {QStringLiteral("<HTTP %1>").arg(page.status)};
            for (const QJsonValue &user : page.array())
                ids << user.toObject().value(QStringLiteral("id")).toString();
            ++count;
            const QString next = linkUrl(page.links, "next");
            if (!next.isEmpty() && !next.startsWith(base))
                return {QStringLiteral("<foreign next link>")};
            path = next.mid(base.size());
        }
        if (pages)
            *pages = count;
        return ids;
    }

    QJsonObject userJson(const QString &id)
    {
        return get(QStringLiteral("/api/v1/users/") + id).object();
    }

private slots:
    void initTestCase()
    {
        m_org = test::startSandbox(config());
        QVERIFY(m_org);
        m_token = m_org->issueAccessTokenForTests();
        QVERIFY(!m_token.isEmpty());
    }

    void sameSeedSameDirectory()
    {
        // Byte for byte, minus the port in _links.
        const auto everyone = [this](sandbox::SandboxOrg &org) {
            const QString query = QStringLiteral("/api/v1/users?search=") +
                                  encoded(QStringLiteral("id pr")) + QStringLiteral("&limit=200");
            QNetworkRequest request(QUrl::fromEncoded((org.baseUrl().toString() + query).toUtf8()));
            request.setRawHeader("Authorization",
                                 "Bearer " + org.issueAccessTokenForTests().toUtf8());
            QNetworkReply *reply = m_network.get(request);
            QSignalSpy finished(reply, &QNetworkReply::finished);
            const bool done = finished.wait(10000);
            QByteArray body = done ? reply->readAll() : QByteArray();
            reply->deleteLater();
            return body.replace(org.baseUrl().toString().toUtf8(), "BASE");
        };
        auto again = test::startSandbox(config());
        auto other = test::startSandbox(config(2));
        QVERIFY(again && other);
        const QByteArray first = everyone(*m_org);
        QVERIFY(first.size() > 1000);
        QCOMPARE(everyone(*again), first);
        QVERIFY(everyone(*other) != first);
        QCOMPARE(QJsonDocument::fromJson(first).array().size(), config().users + 1);

        // The directory itself, including a bigger one.
        sandbox::SandboxConfig big = config(99);
        big.users = 500;
        const sandbox::UserDirectory a(big), b(big);
        QCOMPARE(a.all().size(), 501);
        for (qsizetype i = 0; i < a.all().size(); ++i)
            QCOMPARE(a.all().at(i)->toJson(QStringLiteral("x")),
                     b.all().at(i)->toJson(QStringLiteral("x")));
    }

    void directoryIsRealistic()
    {
        sandbox::SandboxConfig big = config(5);
        big.users = 250;
        const sandbox::UserDirectory directory(big);
        QHash<QString, int> byStatus, byLastName, byDomain;
        QSet<QString> ids, logins;
        QString previousId;
        for (const sandbox::SandboxUser *user : directory.all()) {
            QVERIFY2(kIdForm.match(user->id).hasMatch(), qPrintable(user->id));
            QVERIFY(user->id > previousId); // ordered by id
            previousId = user->id;
            ids.insert(user->id);
            logins.insert(user->login.toLower());
            ++byStatus[user->status];
            ++byLastName[user->lastName];
            ++byDomain[user->login.section(u'@', 1)];
            QVERIFY(user->created.isValid() && user->lastUpdated >= user->created);
            if (user->status == QLatin1String("STAGED"))
                QVERIFY(!user->activated.isValid() && !user->lastLogin.isValid() &&
                        !user->statusChanged.isValid());
            if (!user->managerId.isEmpty())
                QCOMPARE(directory.find(user->managerId)->displayName, user->manager);
        }
        QCOMPARE(ids.size(), 251);
        QCOMPARE(logins.size(), 251);
        for (const QString &status : kStatuses)
            QVERIFY2(byStatus.value(status) >= (status == QLatin1String("ACTIVE") ? 150 : 2),
                     qPrintable(status));
        for (const char *surname : {"Smith", "García", "Nguyen"})
            QVERIFY2(byLastName.value(QString::fromUtf8(surname)) >= 3, surname);
        for (const char *name : {"O'Brien", "D'Angelo", "Smith-Jones", "bob\"smith", "Lee\\Admin",
                                 "王", "Иванов", "الحسيني", "Παπαδόπουλος"})
            QVERIFY2(byLastName.contains(QString::fromUtf8(name)), name);
        QCOMPARE(byDomain.size(), 4); // three generated domains and the analyst's

        QVERIFY(directory.analyst().superAdmin);
        QCOMPARE(directory.analyst().status, QStringLiteral("ACTIVE"));
        QCOMPARE(directory.find(QStringLiteral("ANALYST@sandbox.example")), &directory.analyst());
        QVERIFY(!directory.find(QStringLiteral("analyst")));
        QVERIFY(!directory.find(QString()));
        QVERIFY(directory.checkPassword(QStringLiteral("Analyst@Sandbox.Example"), big.password));
        QVERIFY(!directory.checkPassword(big.login, big.password + QLatin1Char('x')));
        QVERIFY(!directory.checkPassword(big.login, QString()));
        QVERIFY(!directory.checkPassword(directory.all().first()->login, big.password) ||
                directory.all().first() == &directory.analyst());
    }

    void userJsonShape()
    {
        for (const QString &status : kStatuses) {
            const HttpResult found = get(QStringLiteral("/api/v1/users?search=") +
                                         encoded(QStringLiteral("status eq \"%1\"").arg(status)));
            QCOMPARE(found.status, 200);
            QVERIFY2(!found.array().isEmpty(), qPrintable(status)); // all eight present
            for (const QJsonValue &value : found.array()) {
                const QJsonObject user = value.toObject();
                QCOMPARE(user.value(QStringLiteral("status")).toString(), status);
                const QString id = user.value(QStringLiteral("id")).toString();
                QVERIFY(kIdForm.match(id).hasMatch());
                for (const char *date : {"created", "lastUpdated"})
                    QVERIFY(kDateForm.match(user.value(QLatin1String(date)).toString()).hasMatch());
                for (const char *date :
                     {"activated", "statusChanged", "lastLogin", "passwordChanged"}) {
                    const QJsonValue when = user.value(QLatin1String(date));
                    QVERIFY(when.isNull() || kDateForm.match(when.toString()).hasMatch());
                }
                if (status == QLatin1String("STAGED")) {
                    QVERIFY(user.value(QStringLiteral("activated")).isNull());
                    QVERIFY(user.value(QStringLiteral("lastLogin")).isNull());
                }
                const QJsonObject profile = user.value(QStringLiteral("profile")).toObject();
                for (const char *field : {"login", "email", "firstName", "lastName"})
                    QVERIFY(!profile.value(QLatin1String(field)).toString().isEmpty());
                QVERIFY(user.value(QStringLiteral("type"))
                            .toObject()
                            .value(QStringLiteral("id"))
                            .toString()
                            .startsWith(QStringLiteral("oty")));
                QCOMPARE(user.value(QStringLiteral("_links"))
                             .toObject()
                             .value(QStringLiteral("self"))
                             .toObject()
                             .value(QStringLiteral("href"))
                             .toString(),
                         m_org->baseUrl().toString() + QStringLiteral("/api/v1/users/") + id);
                QCOMPARE(user.value(QStringLiteral("credentials"))
                             .toObject()
                             .value(QStringLiteral("provider"))
                             .toObject()
                             .value(QStringLiteral("type"))
                             .toString(),
                         QStringLiteral("OKTA"));
            }
        }
    }

    void pagingFollowsNextToTheEnd()
    {
        const QString base = m_org->baseUrl().toString();
        const HttpResult first = get(QStringLiteral("/api/v1/users?limit=7"));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.array().size(), 7);
        QCOMPARE(linkUrl(first.links, "self"), base + QStringLiteral("/api/v1/users?limit=7"));
        const QString lastId =
            first.array().last().toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(linkUrl(first.links, "next"),
                 base + QStringLiteral("/api/v1/users?after=%1&limit=7").arg(lastId));

        // Plain list: everyone but DEPROVISIONED, in id order, no gaps, no duplicates.
        QStringList expected;
        for (const QString &id : m_org->userIds(QString())) {
            if (!m_org->userIds(QStringLiteral("DEPROVISIONED")).contains(id))
                expected << id;
        }
        std::sort(expected.begin(), expected.end());
        int pages = 0;
        const QStringList ids = collectPages(QStringLiteral("/api/v1/users?limit=7"), &pages);
        QCOMPARE(ids, expected);
        QCOMPARE(pages, int((expected.size() + 6) / 7));

        // A page size that divides the total: the last full page has no next.
        const int all = int(m_org->userIds(QString()).size());
        const QString everyone =
            QStringLiteral("/api/v1/users?search=") + encoded(QStringLiteral("id pr"));
        const HttpResult whole = get(everyone + QStringLiteral("&limit=%1").arg(all));
        QCOMPARE(whole.array().size(), all);
        QVERIFY(linkUrl(whole.links, "next").isEmpty());
        QVERIFY(!linkUrl(whole.links, "self").isEmpty());
    }

    void cursorIsTheLastIdSeen()
    {
        const QStringList all = collectPages(QStringLiteral("/api/v1/users?limit=200"));
        QVERIFY(all.size() > 10);
        const auto ids = [](const HttpResult &page) {
            QStringList list;
            for (const QJsonValue &user : page.array())
                list << user.toObject().value(QStringLiteral("id")).toString();
            return list;
        };
        QCOMPARE(ids(get(QStringLiteral("/api/v1/users?limit=3&after=") + all.at(4))),
                 all.mid(5, 3));
        QCOMPARE(ids(get(QStringLiteral("/api/v1/users?after=00t"))), all);
        const HttpResult past = get(QStringLiteral("/api/v1/users?after=zzz"));
        QCOMPARE(past.status, 200);
        QVERIFY(past.array().isEmpty());
        QVERIFY(linkUrl(past.links, "next").isEmpty());
        const HttpResult hostile = get(QStringLiteral("/api/v1/users?after=") +
                                       encoded(QStringLiteral("\"\\ or 1=1 Дми")));
        QCOMPARE(hostile.status, 200);
        QVERIFY(linkUrl(hostile.links, "self")
                    .contains(QStringLiteral(
                        "after=%22%5C%20or%201%3D1%20%D0%94%D0%BC%D0%B8&limit=200")));
    }

    void pagingKeepsHostileSearch()
    {
        // Quotes, a backslash, an apostrophe and Cyrillic must survive every next link.
        const QString search = QStringLiteral(
            "profile.lastName eq \"bob\\\"smith\" or profile.lastName eq \"Lee\\\\Admin\" or "
            "profile.lastName sw \"o'\" or profile.firstName eq \"дмитрий\" or "
            "profile.lastName sw \"SMITH\" or status eq \"DEPROVISIONED\"");
        const QString query = QStringLiteral("/api/v1/users?search=") + encoded(search);
        const HttpResult whole = get(query);
        QCOMPARE(whole.status, 200);
        QStringList expected;
        for (const QJsonValue &user : whole.array())
            expected << user.toObject().value(QStringLiteral("id")).toString();
        QVERIFY(expected.size() >= 7);
        int pages = 0;
        QCOMPARE(collectPages(query + QStringLiteral("&limit=2"), &pages), expected);
        QVERIFY(pages >= 4);

        const HttpResult first = get(query + QStringLiteral("&limit=2"));
        const QString next = linkUrl(first.links, "next");
        QVERIFY(next.contains(QStringLiteral("&search=") + encoded(search)));
        QVERIFY(!next.contains(u'"') && !next.contains(u' ') && !next.contains(u'\\'));

        QStringList lastNames;
        for (const QJsonValue &user : whole.array())
            lastNames << user.toObject()
                             .value(QStringLiteral("profile"))
                             .toObject()
                             .value(QStringLiteral("lastName"))
                             .toString();
        QVERIFY(lastNames.contains(QStringLiteral("bob\"smith")));
        QVERIFY(lastNames.contains(QStringLiteral("Lee\\Admin")));
        QVERIFY(lastNames.contains(QStringLiteral("O'Brien")));
        QVERIFY(lastNames.contains(QStringLiteral("Иванов")));
    }

    void escapedSearchFindsOnlyTheExactName()
    {
        const HttpResult exact =
            get(QStringLiteral("/api/v1/users?search=") +
                encoded(QStringLiteral("profile.lastName eq \"BOB\\\"SMITH\"")));
        QCOMPARE(exact.status, 200);
        QCOMPARE(exact.array().size(), 1);
        QCOMPARE(exact.array()
                     .first()
                     .toObject()
                     .value(QStringLiteral("profile"))
                     .toObject()
                     .value(QStringLiteral("firstName"))
                     .toString(),
                 QStringLiteral("Quinn"));
        const HttpResult injected =
            get(QStringLiteral("/api/v1/users?search=") +
                encoded(QStringLiteral("profile.lastName eq \"x\\\" or status eq \\\"ACTIVE\"")));
        QCOMPARE(injected.status, 200);
        QCOMPARE(injected.array().size(), 0);
    }

    void qOmitsDeprovisionedSearchDoesNot()
    {
        const QStringList gone = m_org->userIds(QStringLiteral("DEPROVISIONED"));
        QVERIFY(!gone.isEmpty());
        const QJsonObject person = userJson(gone.first());
        const QString lastName = person.value(QStringLiteral("profile"))
                                     .toObject()
                                     .value(QStringLiteral("lastName"))
                                     .toString();
        QVERIFY(!lastName.isEmpty());

        const HttpResult byQ =
            get(QStringLiteral("/api/v1/users?limit=200&q=") + encoded(lastName));
        QCOMPARE(byQ.status, 200);
        for (const QJsonValue &user : byQ.array())
            QVERIFY(user.toObject().value(QStringLiteral("status")).toString() !=
                    QLatin1String("DEPROVISIONED"));
        const HttpResult bySearch =
            get(QStringLiteral("/api/v1/users?search=") +
                encoded(QStringLiteral("profile.lastName eq \"%1\"").arg(lastName)));
        bool found = false;
        for (const QJsonValue &user : bySearch.array())
            found |= user.toObject().value(QStringLiteral("id")).toString() == gone.first();
        QVERIFY(found);
        const HttpResult byFilter = get(QStringLiteral("/api/v1/users?filter=") +
                                        encoded(QStringLiteral("status eq \"DEPROVISIONED\"")));
        QCOMPARE(byFilter.array().size(), gone.size());
        const HttpResult plain = get(QStringLiteral("/api/v1/users"));
        for (const QJsonValue &user : plain.array())
            QVERIFY(!gone.contains(user.toObject().value(QStringLiteral("id")).toString()));

        // q: prefix, case-insensitive, limit but never a next page; default limit 10.
        const HttpResult smiths = get(QStringLiteral("/api/v1/users?q=smI&limit=1"));
        QCOMPARE(smiths.array().size(), 1);
        QVERIFY(linkUrl(smiths.links, "next").isEmpty());
        QCOMPARE(linkUrl(smiths.links, "self"),
                 m_org->baseUrl().toString() + QStringLiteral("/api/v1/users?limit=1&q=smI"));
        QCOMPARE(get(QStringLiteral("/api/v1/users?q=")).array().size(), 10);
        // Non-Latin prefix: every Дмитрий (one is always in the directory) unless DEPROVISIONED.
        const HttpResult dmitry = get(QStringLiteral("/api/v1/users?search=") +
                                      encoded(QStringLiteral("profile.firstName eq \"дмитрий\"")));
        QVERIFY(!dmitry.array().isEmpty());
        QSet<QString> listed;
        for (const QJsonValue &user :
             get(QStringLiteral("/api/v1/users?q=") + encoded(QStringLiteral("дми"))).array())
            listed.insert(user.toObject().value(QStringLiteral("id")).toString());
        for (const QJsonValue &value : dmitry.array()) {
            const QJsonObject him = value.toObject();
            QCOMPARE(listed.contains(him.value(QStringLiteral("id")).toString()),
                     him.value(QStringLiteral("status")).toString() !=
                         QLatin1String("DEPROVISIONED"));
        }
        QCOMPARE(get(QStringLiteral("/api/v1/users?q=") + encoded(QStringLiteral("\" or \"")))
                     .array()
                     .size(),
                 0);
    }

    void singleUserByIdOrLogin()
    {
        const QString id = m_org->userIds().first();
        const QJsonObject byId = userJson(id);
        QCOMPARE(byId.value(QStringLiteral("id")).toString(), id);
        const QString login = byId.value(QStringLiteral("profile"))
                                  .toObject()
                                  .value(QStringLiteral("login"))
                                  .toString();
        QVERIFY(login.contains(u'@'));
        QCOMPARE(userJson(encoded(login)).value(QStringLiteral("id")).toString(), id);
        QCOMPARE(userJson(login).value(QStringLiteral("id")).toString(), id); // raw @
        QCOMPARE(userJson(encoded(login.toUpper())).value(QStringLiteral("id")).toString(), id);

        for (const QString &missing :
             {QStringLiteral("00uNOTAREALUSER00000"), QStringLiteral("bob\"smith'x@example.com"),
              QStringLiteral("Дмитрий"), QStringLiteral("' or 1=1 --")}) {
            const HttpResult notFound = get(QStringLiteral("/api/v1/users/") + encoded(missing));
            QCOMPARE(notFound.status, 404);
            QVERIFY(isOktaErrorBody(notFound.object(), QStringLiteral("E0000007")));
            QCOMPARE(notFound.object().value(QStringLiteral("errorSummary")).toString(),
                     QStringLiteral("Not found: Resource not found: %1 (User)").arg(missing));
        }
        const HttpResult deeper = get(QStringLiteral("/api/v1/users/%1/roles").arg(id));
        QCOMPARE(deeper.status, 404);
        QVERIFY(isOktaErrorBody(deeper.object(), QStringLiteral("E0000007")));

        const HttpResult deleted = get(QStringLiteral("/api/v1/users/") + id, {}, "DELETE");
        QCOMPARE(deleted.status, 405);
        QVERIFY(isOktaErrorBody(deleted.object(), QStringLiteral("E0000022")));
        QCOMPARE(userJson(id).value(QStringLiteral("id")).toString(), id); // still there
    }

    void meIsTheSignedInAnalyst()
    {
        const QString selfOnly =
            m_org->issueAccessTokenForTests({QStringLiteral("okta.users.read.self")});
        for (const QString &token :
             {m_token, selfOnly,
              m_org->issueAccessTokenForTests({QStringLiteral("okta.users.read")})}) {
            const HttpResult me = get(QStringLiteral("/api/v1/users/me"), token);
            QCOMPARE(me.status, 200);
            QCOMPARE(me.object().value(QStringLiteral("id")).toString(), m_org->analystUserId());
            QCOMPARE(me.object()
                         .value(QStringLiteral("profile"))
                         .toObject()
                         .value(QStringLiteral("login"))
                         .toString(),
                     m_org->config().login);
        }
        const HttpResult list = get(QStringLiteral("/api/v1/users"), selfOnly);
        QCOMPARE(list.status, 403);
    }

    void missingScopeIs403WithChallenge()
    {
        const QString unrelated = m_org->issueAccessTokenForTests(
            {QStringLiteral("okta.governance.securityAccessReviews.admin.read")});
        for (const QString &path :
             {QStringLiteral("/api/v1/users"), QStringLiteral("/api/v1/users?search=id%20pr"),
              QStringLiteral("/api/v1/users/") + m_org->analystUserId(),
              QStringLiteral("/api/v1/users/me")}) {
            const HttpResult denied = get(path, unrelated);
            QCOMPARE(denied.status, 403);
            QVERIFY(denied.body.isEmpty());
            QVERIFY(denied.wwwAuthenticate.contains("error=\"insufficient_scope\""));
            QVERIFY(denied.wwwAuthenticate.contains(path.endsWith(QLatin1String("/me"))
                                                        ? "scope=\"okta.users.read.self\""
                                                        : "scope=\"okta.users.read\""));
        }
    }

    void malformedQueriesAre400OktaErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("code");
        QTest::newRow("unterminated")
            << QStringLiteral("search=") + encoded(QStringLiteral("profile.lastName eq \"bob"))
            << QStringLiteral("E0000031");
        QTest::newRow("injection shape")
            << QStringLiteral("search=") +
                   encoded(QStringLiteral("profile.lastName eq \"x\" or\" status"))
            << QStringLiteral("E0000031");
        QTest::newRow("unknown property case")
            << QStringLiteral("search=") + encoded(QStringLiteral("profile.LastName eq \"Smith\""))
            << QStringLiteral("E0000031");
        QTest::newRow("not") << QStringLiteral("search=") + encoded(QStringLiteral("not (id pr)"))
                             << QStringLiteral("E0000031");
        QTest::newRow("invalid utf-8")
            << QStringLiteral("search=%FF%FE%22") << QStringLiteral("E0000031");
        QTest::newRow("empty search") << QStringLiteral("search=") << QStringLiteral("E0000031");
        QTest::newRow("filter sw")
            << QStringLiteral("filter=") + encoded(QStringLiteral("profile.lastName sw \"S\""))
            << QStringLiteral("E0000031");
        QTest::newRow("filter not")
            << QStringLiteral("filter=") + encoded(QStringLiteral("not status eq \"ACTIVE\""))
            << QStringLiteral("E0000031");
        QTest::newRow("limit word") << QStringLiteral("limit=ten") << QStringLiteral("E0000001");
        QTest::newRow("limit zero") << QStringLiteral("limit=0") << QStringLiteral("E0000001");
        QTest::newRow("limit negative") << QStringLiteral("limit=-5") << QStringLiteral("E0000001");
        QTest::newRow("limit huge")
            << QStringLiteral("limit=99999999999999999999999") << QStringLiteral("E0000001");
        QTest::newRow("sortBy unknown")
            << QStringLiteral("search=id%20pr&sortBy=") + encoded(QStringLiteral("profile.\"x"))
            << QStringLiteral("E0000001");
        QTest::newRow("sortOrder") << QStringLiteral("search=id%20pr&sortBy=id&sortOrder=sideways")
                                   << QStringLiteral("E0000001");
    }

    void malformedQueriesAre400OktaErrors()
    {
        QFETCH(QString, query);
        QFETCH(QString, code);
        const HttpResult result = get(QStringLiteral("/api/v1/users?") + query);
        QCOMPARE(result.status, 400);
        QVERIFY2(isOktaErrorBody(result.object(), code), result.body.constData());
        if (code == QLatin1String("E0000031")) {
            QCOMPARE(result.object().value(QStringLiteral("errorSummary")).toString(),
                     QStringLiteral("Invalid search criteria."));
            QCOMPARE(result.object().value(QStringLiteral("errorCauses")).toArray().size(), 1);
        }
    }

    void limitIsCappedAndSortable()
    {
        const HttpResult capped = get(QStringLiteral("/api/v1/users?limit=500"));
        QCOMPARE(capped.status, 200);
        QVERIFY(linkUrl(capped.links, "self").endsWith(QLatin1String("?limit=200")));

        const QString sorted = QStringLiteral("/api/v1/users?search=") +
                               encoded(QStringLiteral("status eq \"ACTIVE\"")) +
                               QStringLiteral("&sortBy=profile.lastName&sortOrder=desc");
        const HttpResult whole = get(sorted);
        QStringList names, ids;
        for (const QJsonValue &user : whole.array()) {
            names << user.toObject()
                         .value(QStringLiteral("profile"))
                         .toObject()
                         .value(QStringLiteral("lastName"))
                         .toString();
            ids << user.toObject().value(QStringLiteral("id")).toString();
        }
        QVERIFY(names.size() > 10);
        for (qsizetype i = 1; i < names.size(); ++i)
            QVERIFY(names.at(i - 1).compare(names.at(i), Qt::CaseInsensitive) >= 0);
        QCOMPARE(collectPages(sorted + QStringLiteral("&limit=4")), ids);
    }

    void oneLinkHeaderPerRelationOnTheWire()
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_org->port());
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.write(
            "GET /api/v1/users?limit=3&search=" +
            QUrl::toPercentEncoding(QStringLiteral("profile.lastName sw \"Smith\" or id pr")) +
            " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + m_token.toUtf8() +
            "\r\nConnection: close\r\n\r\n");
        QByteArray raw;
        QTRY_VERIFY((raw += socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState));
        raw += socket.readAll();
        const QByteArray head = raw.left(raw.indexOf("\r\n\r\n"));
        QVERIFY(head.startsWith("HTTP/1.1 200"));
        QList<QByteArray> links;
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith("link:"))
                links << line.mid(5).trimmed();
        }
        QCOMPARE(links.size(), 2);
        QVERIFY(links.at(0).endsWith("; rel=\"self\""));
        QVERIFY(links.at(1).endsWith("; rel=\"next\""));
        QVERIFY(links.at(1).startsWith("<http://127.0.0.1:" + QByteArray::number(m_org->port()) +
                                       "/api/v1/users?after=00u"));
        QVERIFY(links.at(1).contains(
            "&limit=3&search=profile.lastName%20sw%20%22Smith%22%20or%20id%20pr>"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxUsers)
#include "tst_sandbox_users.moc"
