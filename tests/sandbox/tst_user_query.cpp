// The Users API's search, filter and q languages: parsing, refusal with a position, evaluation.
#include "sandbox/UserQuery.h"

#include <QRandomGenerator>
#include <QTest>

using triage::sandbox::SandboxUser;
using triage::sandbox::UserAttribute;
using triage::sandbox::UserQuery;

namespace {

SandboxUser person(const QString &id, const QString &first, const QString &last,
                   const QString &status = QStringLiteral("ACTIVE"))
{
    SandboxUser user;
    user.id = id;
    user.status = status;
    user.firstName = first;
    user.lastName = last;
    user.login = first.toLower() + QLatin1Char('.') + QString::number(id.size()) + id.right(2) +
                 QStringLiteral("@example.com");
    user.email = user.login;
    user.typeId = QStringLiteral("otyABCDEFGHIJKLMNOP");
    user.created = QDateTime(QDate(2022, 3, 1), QTime(10, 0), Qt::UTC);
    user.lastUpdated = QDateTime(QDate(2023, 6, 1), QTime(12, 0), Qt::UTC);
    return user;
}

} // namespace

class TestUserQuery : public QObject
{
    Q_OBJECT

private:
    QList<SandboxUser> m_people;

    // Ids of the people an expression selects, in order.
    QStringList select(const QString &expression,
                       UserQuery::Language language = UserQuery::Language::Search)
    {
        const UserQuery query = UserQuery::parse(expression, language);
        if (!query.isValid()) {
            qWarning("refused: %s", qPrintable(query.error().message));
            return {QStringLiteral("<invalid>")};
        }
        QStringList ids;
        for (const SandboxUser &user : std::as_const(m_people)) {
            if (query.matches(user))
                ids << user.id;
        }
        return ids;
    }

private slots:
    void initTestCase()
    {
        m_people = {
            person(QStringLiteral("u01"), QStringLiteral("Robert \"Bob\""),
                   QStringLiteral("Smith")),
            person(QStringLiteral("u02"), QStringLiteral("Quinn"), QStringLiteral("bob\"smith")),
            person(QStringLiteral("u03"), QStringLiteral("Kai"), QStringLiteral("bob\\smith")),
            person(QStringLiteral("u04"), QStringLiteral("Siobhán"), QStringLiteral("O'Brien"),
                   QStringLiteral("SUSPENDED")),
            person(QStringLiteral("u05"), QStringLiteral("Дмитрий"), QStringLiteral("Иванов"),
                   QStringLiteral("STAGED")),
            person(QStringLiteral("u06"), QStringLiteral("伟"), QStringLiteral("王")),
            person(QStringLiteral("u07"), QStringLiteral("Γιώργος"),
                   QStringLiteral("Παπαδόπουλος")),
            person(QStringLiteral("u08"), QStringLiteral("José"), QStringLiteral("García"),
                   QStringLiteral("DEPROVISIONED")),
            person(QStringLiteral("u09"), QStringLiteral("Anna"), QStringLiteral("Smith-Jones")),
            person(QStringLiteral("u10"), QStringLiteral("Jose"), QStringLiteral("Smith"),
                   QStringLiteral("LOCKED_OUT")),
        };
        m_people[0].title = QStringLiteral("Engineer");
        m_people[0].department = QStringLiteral("R&D");
        m_people[3].department = QStringLiteral("R&D");
        m_people[3].lastLogin = QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::UTC);
        m_people[9].department = QStringLiteral("Sales");
        m_people[9].lastUpdated = QDateTime(QDate(2024, 5, 1), QTime(0, 0), Qt::UTC);
        m_people[4].created = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    }

    void everyOperator_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QStringList>("ids");
        const auto ids = [](const char *list) {
            return QString::fromLatin1(list).split(u' ', Qt::SkipEmptyParts);
        };
        QTest::newRow("eq") << QStringLiteral("profile.lastName eq \"Smith\"") << ids("u01 u10");
        QTest::newRow("eq value case-insensitive")
            << QStringLiteral("profile.lastName eq \"sMITH\"") << ids("u01 u10");
        QTest::newRow("operator case-insensitive")
            << QStringLiteral("profile.lastName EQ \"smith\"") << ids("u01 u10");
        QTest::newRow("status eq") << QStringLiteral("status eq \"staged\"") << ids("u05");
        QTest::newRow("id eq") << QStringLiteral("id eq \"u07\"") << ids("u07");
        QTest::newRow("type.id eq") << QStringLiteral("type.id eq \"otyabcdefghijklmnop\"")
                                    << ids("u01 u02 u03 u04 u05 u06 u07 u08 u09 u10");
        QTest::newRow("sw") << QStringLiteral("profile.lastName sw \"smi\"") << ids("u01 u09 u10");
        QTest::newRow("co on lastName")
            << QStringLiteral("profile.lastName co \"JONES\"") << ids("u09");
        QTest::newRow("co on firstName")
            << QStringLiteral("profile.firstName co \"\\\"bob\\\"\"") << ids("u01");
        QTest::newRow("gt date") << QStringLiteral("lastUpdated gt \"2024-01-01T00:00:00.000Z\"")
                                 << ids("u10");
        QTest::newRow("ge date exact")
            << QStringLiteral("lastUpdated ge \"2024-05-01T00:00:00.000Z\"") << ids("u10");
        QTest::newRow("gt date exact")
            << QStringLiteral("lastUpdated gt \"2024-05-01T00:00:00.000Z\"") << ids("");
        QTest::newRow("lt date without ms")
            << QStringLiteral("created lt \"2021-01-01T00:00:00Z\"") << ids("u05");
        QTest::newRow("le date") << QStringLiteral("created le \"2020-01-01T00:00:00.000Z\"")
                                 << ids("u05");
        QTest::newRow("gt string") << QStringLiteral("profile.department gt \"r&d\"") << ids("u10");
        QTest::newRow("lt string")
            << QStringLiteral("profile.department lt \"S\"") << ids("u01 u04");
        QTest::newRow("pr string") << QStringLiteral("profile.title pr") << ids("u01");
        QTest::newRow("pr date") << QStringLiteral("lastLogin pr") << ids("u04");
        QTest::newRow("null date compares false")
            << QStringLiteral("lastLogin lt \"2100-01-01T00:00:00.000Z\"") << ids("u04");
        QTest::newRow("and") << QStringLiteral(
                                    "profile.lastName eq \"smith\" and status eq \"ACTIVE\"")
                             << ids("u01");
        QTest::newRow("or") << QStringLiteral("id eq \"u02\" or id eq \"u03\"") << ids("u02 u03");
        QTest::newRow("and binds tighter than or")
            << QStringLiteral("id eq \"u02\" or id eq \"u03\" and status eq \"SUSPENDED\"")
            << ids("u02");
        QTest::newRow("parentheses override")
            << QStringLiteral("(id eq \"u02\" or id eq \"u04\") and status eq \"SUSPENDED\"")
            << ids("u04");
        QTest::newRow("nested parentheses")
            << QStringLiteral("((status eq \"STAGED\") or (profile.department eq \"r&d\" and "
                              "(lastLogin pr)))")
            << ids("u04 u05");
        QTest::newRow("plus as a space outside literals")
            << QStringLiteral("profile.lastName+eq+\"Smith+Jones\"") << ids("");
        QTest::newRow("plus as a space, literal intact")
            << QStringLiteral("profile.firstName+sw+\"anna\"") << ids("u09");
    }

    void everyOperator()
    {
        QFETCH(QString, expression);
        QFETCH(QStringList, ids);
        QCOMPARE(select(expression), ids);
    }

    void escapedQuotesFindOnlyTheExactName()
    {
        QCOMPARE(select(QStringLiteral("profile.lastName eq \"bob\\\"smith\"")),
                 QStringList{QStringLiteral("u02")});
        QCOMPARE(select(QStringLiteral("profile.lastName eq \"bob\\\\smith\"")),
                 QStringList{QStringLiteral("u03")});
        QCOMPARE(select(QStringLiteral("profile.lastName eq \"O'Brien\"")),
                 QStringList{QStringLiteral("u04")});
        QCOMPARE(select(QStringLiteral("profile.lastName eq \"BOB\\u0022SMITH\"")),
                 QStringList{QStringLiteral("u02")});
    }

    void injectionStaysInsideTheLiteral()
    {
        // Read as one value, this is the last name  x" or status eq "ACTIVE  which nobody has.
        QCOMPARE(select(QStringLiteral("profile.lastName eq \"x\\\" or status eq \\\"ACTIVE\"")),
                 QStringList{});
        QCOMPARE(select(QStringLiteral("profile.lastName eq \"bob\\\" or id pr or \\\"\"")),
                 QStringList{});
        // The same text unescaped is a different, valid expression: proof the escape mattered.
        QCOMPARE(select(QStringLiteral("profile.lastName eq \"x\" or status eq \"SUSPENDED\"")),
                 QStringList{QStringLiteral("u04")});
    }

    void nonLatinValues()
    {
        QCOMPARE(select(QStringLiteral("profile.firstName eq \"дмитрий\"")),
                 QStringList{QStringLiteral("u05")});
        QCOMPARE(select(QStringLiteral("profile.lastName sw \"ИВАН\"")),
                 QStringList{QStringLiteral("u05")});
        QCOMPARE(select(QStringLiteral("profile.lastName eq \"王\"")),
                 QStringList{QStringLiteral("u06")});
        QCOMPARE(select(QStringLiteral("profile.firstName eq \"ΓΙΏΡΓΟΣ\"")),
                 QStringList{QStringLiteral("u07")});
        // Diacritics are significant (Okta documents it): José is not Jose.
        QCOMPARE(select(QStringLiteral("profile.firstName eq \"jose\"")),
                 QStringList{QStringLiteral("u10")});
        QCOMPARE(select(QStringLiteral("profile.firstName eq \"JOSÉ\"")),
                 QStringList{QStringLiteral("u08")});
    }

    void propertyNamesAreCaseSensitive()
    {
        for (const char *expression :
             {"profile.LastName eq \"Smith\"", "Status eq \"ACTIVE\"", "PROFILE.lastName pr",
              "lastupdated gt \"2020-01-01T00:00:00.000Z\""}) {
            const UserQuery query =
                UserQuery::parse(QString::fromUtf8(expression), UserQuery::Language::Search);
            QVERIFY2(!query.isValid(), expression);
            QCOMPARE(query.error().position, 0);
            QVERIFY(query.error().message.contains(QStringLiteral("Unknown attribute")));
        }
    }

    void malformedRefusedWithPosition_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty") << QString() << 0 << QStringLiteral("empty");
        QTest::newRow("only spaces") << QStringLiteral("   ") << 0 << QStringLiteral("empty");
        QTest::newRow("unterminated string")
            << QStringLiteral("status eq \"ACTIVE") << 10 << QStringLiteral("Unterminated");
        QTest::newRow("escaped closing quote")
            << QStringLiteral("status eq \"ACTIVE\\\"") << 10 << QStringLiteral("Unterminated");
        QTest::newRow("trailing backslash")
            << QStringLiteral("status eq \"A\\") << 10 << QStringLiteral("Unterminated");
        QTest::newRow("bad escape")
            << QStringLiteral("status eq \"A\\qB\"") << 12 << QStringLiteral("Invalid escape");
        QTest::newRow("bad unicode escape")
            << QStringLiteral("status eq \"\\u12\"") << 11 << QStringLiteral("\\u");
        QTest::newRow("missing value")
            << QStringLiteral("status eq") << 9 << QStringLiteral("quoted string");
        QTest::newRow("unquoted value")
            << QStringLiteral("status eq ACTIVE") << 10 << QStringLiteral("quoted string");
        QTest::newRow("single quotes")
            << QStringLiteral("status eq 'ACTIVE'") << 10 << QStringLiteral("Unexpected character");
        QTest::newRow("unknown operator") << QStringLiteral("status is \"ACTIVE\"") << 7
                                          << QStringLiteral("Expected an operator");
        QTest::newRow("ne unsupported")
            << QStringLiteral("status ne \"ACTIVE\"") << 7 << QStringLiteral("'ne'");
        QTest::newRow("not unsupported")
            << QStringLiteral("not status eq \"ACTIVE\"") << 0 << QStringLiteral("'not'");
        QTest::newRow("co on status")
            << QStringLiteral("status co \"ACT\"") << 7 << QStringLiteral("'co'");
        QTest::newRow("sw on a date")
            << QStringLiteral("created sw \"2020\"") << 8 << QStringLiteral("date");
        QTest::newRow("bad date") << QStringLiteral("created gt \"yesterday\"") << 11
                                  << QStringLiteral("ISO 8601");
        QTest::newRow("dangling and")
            << QStringLiteral("status eq \"ACTIVE\" and") << 22 << QStringLiteral("attribute");
        QTest::newRow("two values")
            << QStringLiteral("status eq \"A\" \"B\"") << 14 << QStringLiteral("Expected 'and'");
        QTest::newRow("unbalanced open")
            << QStringLiteral("(status eq \"A\"") << 14 << QStringLiteral("')'");
        QTest::newRow("unbalanced close")
            << QStringLiteral("status eq \"A\")") << 13 << QStringLiteral("Expected 'and'");
        QTest::newRow("empty parentheses")
            << QStringLiteral("()") << 1 << QStringLiteral("attribute");
        QTest::newRow("semicolon") << QStringLiteral("status eq \"A\"; drop") << 13
                                   << QStringLiteral("Unexpected character");
        QTest::newRow("deep nesting")
            << QString(40, u'(') + QStringLiteral("id pr") + QString(40, u')') << 32
            << QStringLiteral("nested");
        QString many = QStringLiteral("id pr");
        for (int i = 0; i < 100; ++i)
            many += QStringLiteral(" or id pr");
        QTest::newRow("too many terms") << many << 900 << QStringLiteral("complex");
        QTest::newRow("too long") << QStringLiteral("id eq \"%1\"").arg(QString(5000, u'x')) << 4096
                                  << QStringLiteral("long");
    }

    void malformedRefusedWithPosition()
    {
        QFETCH(QString, expression);
        QFETCH(int, position);
        QFETCH(QString, messagePart);
        const UserQuery query = UserQuery::parse(expression, UserQuery::Language::Search);
        QVERIFY(!query.isValid());
        QVERIFY2(query.error().message.contains(messagePart), qPrintable(query.error().message));
        QCOMPARE(query.error().position, position);
        for (const SandboxUser &user : std::as_const(m_people))
            QVERIFY(!query.matches(user)); // an invalid query never selects anyone
    }

    void filterLanguage()
    {
        const auto filter = UserQuery::Language::Filter;
        QCOMPARE(select(QStringLiteral("status eq \"LOCKED_OUT\" or status eq \"STAGED\""), filter),
                 (QStringList{QStringLiteral("u05"), QStringLiteral("u10")}));
        QCOMPARE(select(QStringLiteral("lastUpdated gt \"2024-01-01T00:00:00.000Z\" and "
                                       "(status eq \"LOCKED_OUT\" or status eq \"RECOVERY\")"),
                        filter),
                 QStringList{QStringLiteral("u10")});
        // Filter values are case-sensitive, unlike search (Okta documents both).
        QCOMPARE(select(QStringLiteral("profile.lastName eq \"smith\""), filter), QStringList{});
        QCOMPARE(select(QStringLiteral("profile.lastName eq \"bob\\\"smith\""), filter),
                 QStringList{QStringLiteral("u02")});
        for (const char *refused :
             {"profile.lastName sw \"S\"", "profile.title eq \"Engineer\"",
              "created gt \"2020-01-01T00:00:00.000Z\"", "status gt \"A\"", "id pr",
              "profile.lastName co \"mit\"", "not (status eq \"ACTIVE\")"}) {
            const UserQuery query = UserQuery::parse(QString::fromUtf8(refused), filter);
            QVERIFY2(!query.isValid(), refused);
            QVERIFY(query.error().position >= 0);
        }
    }

    void prefixQuery()
    {
        auto quick = [this](const QString &q) {
            const UserQuery query = UserQuery::prefix(q);
            QStringList ids;
            for (const SandboxUser &user : std::as_const(m_people)) {
                if (query.matches(user))
                    ids << user.id;
            }
            return ids;
        };
        QCOMPARE(
            quick(QStringLiteral("SMI")),
            (QStringList{QStringLiteral("u01"), QStringLiteral("u09"), QStringLiteral("u10")}));
        QCOMPARE(quick(QStringLiteral("jones")), QStringList{}); // prefix, not contains
        QCOMPARE(quick(QStringLiteral("дми")), QStringList{QStringLiteral("u05")});
        QCOMPARE(quick(QStringLiteral("anna.")), QStringList{QStringLiteral("u09")}); // email
        QCOMPARE(quick(QStringLiteral("bob\"")), QStringList{QStringLiteral("u02")});
        QCOMPARE(quick(QStringLiteral("\" or \"")), QStringList{});
    }

    void garbageNeverCrashes()
    {
        // Fragments of the grammar glued at random (fixed seed): every result is either a valid
        // query or an error pointing inside the text.
        const QStringList pieces{QStringLiteral("("),
                                 QStringLiteral(")"),
                                 QStringLiteral(" and "),
                                 QStringLiteral(" or "),
                                 QStringLiteral(" not "),
                                 QStringLiteral("status"),
                                 QStringLiteral("profile.lastName"),
                                 QStringLiteral(" eq "),
                                 QStringLiteral(" co "),
                                 QStringLiteral(" pr"),
                                 QStringLiteral("\"x\""),
                                 QStringLiteral("\"\\\""),
                                 QStringLiteral("\""),
                                 QStringLiteral("\\u00"),
                                 QStringLiteral("Дми"),
                                 QStringLiteral("+"),
                                 QStringLiteral("created"),
                                 QStringLiteral("\"2020\""),
                                 QString(QChar(0)),
                                 QStringLiteral("\xFF")};
        QRandomGenerator random(1234);
        int valid = 0;
        for (int round = 0; round < 3000; ++round) {
            QString expression;
            const int length = random.bounded(1, 12);
            for (int i = 0; i < length; ++i)
                expression += pieces.at(random.bounded(int(pieces.size())));
            for (const auto language : {UserQuery::Language::Search, UserQuery::Language::Filter}) {
                const UserQuery query = UserQuery::parse(expression, language);
                if (query.isValid()) {
                    ++valid;
                    for (const SandboxUser &user : std::as_const(m_people))
                        query.matches(user);
                } else {
                    QVERIFY2(query.error().position >= 0 &&
                                 query.error().position <= expression.size(),
                             qPrintable(expression));
                    QVERIFY(!query.error().message.isEmpty());
                }
            }
        }
        QVERIFY(valid > 0); // the generator does reach valid expressions
    }

    void attributesForSorting()
    {
        const auto lastName = UserAttribute::byName(QStringLiteral("profile.lastName"));
        QVERIFY(lastName);
        QVERIFY(!lastName->isDate());
        QVERIFY(lastName->compare(m_people[0], m_people[9]) == 0); // Smith vs Smith
        QVERIFY(lastName->compare(m_people[3], m_people[0]) < 0);  // O'Brien < Smith
        const auto lastLogin = UserAttribute::byName(QStringLiteral("lastLogin"));
        QVERIFY(lastLogin && lastLogin->isDate());
        QVERIFY(lastLogin->compare(m_people[0], m_people[3]) < 0); // never signed in sorts first
        QVERIFY(!UserAttribute::byName(QStringLiteral("profile.lastname")));
        QVERIFY(!UserAttribute::byName(QString()));
    }
};

QTEST_GUILESS_MAIN(TestUserQuery)
#include "tst_user_query.moc"
