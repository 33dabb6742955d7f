#include "sandbox/UserDirectory.h"

#include <QSet>

#include <algorithm>
#include <array>

namespace triage::sandbox {

namespace {

// SplitMix64: tiny, fully specified, so a seed gives the same directory on every Qt version.
class SeededRandom
{
public:
    explicit SeededRandom(quint64 seed)
        : m_state(seed)
    {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int bounded(int n) { return n <= 0 ? 0 : int(next() % quint64(n)); }
    template<typename T, std::size_t N> const T &pick(const std::array<T, N> &items)
    {
        return items[std::size_t(bounded(int(N)))];
    }

private:
    quint64 m_state;
};

// A name as people write it, and the ASCII form used in logins and email addresses.
struct Name
{
    const char16_t *text;
    const char *ascii;
};

constexpr std::array<Name, 30> kFirstNames{{
    {u"James", "james"},     {u"Mary", "mary"},
    {u"Michael", "michael"}, {u"Jennifer", "jennifer"},
    {u"David", "david"},     {u"Sarah", "sarah"},
    {u"Thomas", "thomas"},   {u"Emily", "emily"},
    {u"Daniel", "daniel"},   {u"Linda", "linda"},
    {u"José", "jose"},       {u"François", "francois"},
    {u"Zoë", "zoe"},         {u"Björn", "bjorn"},
    {u"Søren", "soren"},     {u"Łukasz", "lukasz"},
    {u"Chloé", "chloe"},     {u"Ángel", "angel"},
    {u"伟", "wei"},          {u"芳", "fang"},
    {u"秀英", "xiuying"},    {u"Дмитрий", "dmitry"},
    {u"Ольга", "olga"},      {u"Анна", "anna"},
    {u"فاطمة", "fatima"},    {u"محمد", "mohammed"},
    {u"Γιώργος", "giorgos"}, {u"Ελένη", "eleni"},
    {u"Minh", "minh"},       {u"Thảo", "thao"},
}};

// Smith, García and Nguyen appear more than once so that several people share each of them.
constexpr std::array<Name, 26> kLastNames{{
    {u"Smith", "smith"},
    {u"Smith", "smith"},
    {u"García", "garcia"},
    {u"García", "garcia"},
    {u"Nguyen", "nguyen"},
    {u"Nguyen", "nguyen"},
    {u"Johnson", "johnson"},
    {u"Müller", "muller"},
    {u"Kowalski", "kowalski"},
    {u"Rossi", "rossi"},
    {u"O'Brien", "obrien"},
    {u"D'Angelo", "dangelo"},
    {u"Smith-Jones", "smith-jones"},
    {u"Núñez", "nunez"},
    {u"Patel", "patel"},
    {u"Kim", "kim"},
    {u"王", "wang"},
    {u"李", "li"},
    {u"Иванов", "ivanov"},
    {u"Петрова", "petrova"},
    {u"الحسيني", "alhusseini"},
    {u"Παπαδόπουλος", "papadopoulos"},
    {u"van der Berg", "vanderberg"},
    {u"Okafor", "okafor"},
    {u"Hernández", "hernandez"},
    {u"Tanaka", "tanaka"},
}};

// People every directory holds (when it has room), so tests can count on hostile names.
struct FixedPerson
{
    Name first;
    Name last;
};
constexpr std::array<FixedPerson, 11> kFixedPeople{{
    {{u"Robert \"Bob\"", "robert"}, {u"Smith", "smith"}},
    {{u"Quinn", "quinn"}, {u"bob\"smith", "bobsmith"}},
    {{u"Kai", "kai"}, {u"Lee\\Admin", "leeadmin"}},
    {{u"Siobhán", "siobhan"}, {u"O'Brien", "obrien"}},
    {{u"Marco", "marco"}, {u"D'Angelo", "dangelo"}},
    {{u"Anna", "anna"}, {u"Smith-Jones", "smith-jones"}},
    {{u"伟", "wei"}, {u"王", "wang"}},
    {{u"Дмитрий", "dmitry"}, {u"Иванов", "ivanov"}},
    {{u"فاطمة", "fatima"}, {u"الحسيني", "alhusseini"}},
    {{u"Γιώργος", "giorgos"}, {u"Παπαδόπουλος", "papadopoulos"}},
    {{u"José", "jose"}, {u"García", "garcia"}},
}};

constexpr std::array<const char *, 3> kDomains{"example.com", "corp.example.org",
                                               "subsidiary.example.net"};

struct Role
{
    const char *title;
    const char *department;
};
constexpr std::array<Role, 12> kRoles{{
    {"Software Engineer", "Engineering"},
    {"Senior Software Engineer", "Engineering"},
    {"Engineering Manager", "Engineering"},
    {"Accountant", "Finance"},
    {"Financial Controller", "Finance"},
    {"IT Administrator", "IT"},
    {"Help Desk Technician", "IT"},
    {"Account Executive", "Sales"},
    {"HR Business Partner", "Human Resources"},
    {"Security Engineer", "Security"},
    {"Counsel", "Legal"},
    {"R&D Scientist", "R&D"},
}};

const QStringList kOtherStatuses{QStringLiteral("DEPROVISIONED"),    QStringLiteral("LOCKED_OUT"),
                                 QStringLiteral("PASSWORD_EXPIRED"), QStringLiteral("PROVISIONED"),
                                 QStringLiteral("RECOVERY"),         QStringLiteral("STAGED"),
                                 QStringLiteral("SUSPENDED")};

QString randomKey(SeededRandom &random, const QString &prefix)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString key = prefix;
    while (key.size() < 20)
        key += QLatin1Char(alphabet[random.bounded(int(sizeof alphabet) - 1)]);
    return key;
}

// Mostly ACTIVE, a few of each other status (one each in a small directory), shuffled.
QStringList statusPlan(int count, SeededRandom &random)
{
    const int eachOther = count >= 40 ? std::max(2, count / 40) : (count >= 10 ? 1 : 0);
    QStringList plan;
    for (int round = 0; round < eachOther; ++round)
        plan += kOtherStatuses;
    while (plan.size() < count)
        plan.append(QStringLiteral("ACTIVE"));
    plan = plan.mid(0, count);
    for (qsizetype i = plan.size() - 1; i > 0; --i)
        plan.swapItemsAt(i, random.bounded(int(i + 1)));
    return plan;
}

QDateTime later(const QDateTime &from, SeededRandom &random, int maxDays)
{
    return from.addSecs(3600 + qint64(random.bounded(maxDays * 86400)));
}

// Okta's lifecycle: which dates a user in each status has.
void assignDates(SandboxUser &user, SeededRandom &random)
{
    static const QDateTime epoch(QDate(2021, 1, 4), QTime(9, 0), Qt::UTC);
    user.created = later(epoch, random, 900);
    QDateTime last = user.created;
    if (user.status != QLatin1String("STAGED")) {
        user.activated = later(user.created, random, 3);
        user.statusChanged = user.activated;
        last = user.activated;
    }
    const bool hasSignedIn =
        user.status != QLatin1String("STAGED") && user.status != QLatin1String("PROVISIONED");
    if (hasSignedIn) {
        user.passwordChanged = later(last, random, 2);
        last = user.passwordChanged;
        if (random.bounded(10) > 0) { // a few active people never signed in after setup
            user.lastLogin = later(last, random, 300);
            last = user.lastLogin;
        }
    }
    if (user.status != QLatin1String("ACTIVE") && user.status != QLatin1String("STAGED")) {
        user.statusChanged = later(last, random, 60);
        last = user.statusChanged;
    }
    user.lastUpdated = later(last, random, 10);
}

QString uniqueLogin(const QString &localPart, const QString &domain, QSet<QString> &taken)
{
    QString login = localPart + QLatin1Char('@') + domain;
    for (int n = 2; taken.contains(login); ++n)
        login = localPart + QString::number(n) + QLatin1Char('@') + domain;
    taken.insert(login);
    return login;
}

} // namespace

UserDirectory::UserDirectory(const SandboxConfig &config)
    : m_analystPassword(config.password)
{
    SeededRandom random(config.seed);
    const int count = std::max(0, config.users);
    const QStringList statuses = statusPlan(count, random);
    const QString typeId = randomKey(random, QStringLiteral("oty"));
    QSet<QString> takenIds;
    QSet<QString> takenLogins{config.login.toLower()};

    auto newId = [&] {
        QString id;
        do {
            id = randomKey(random, QStringLiteral("00u"));
        } while (takenIds.contains(id));
        takenIds.insert(id);
        return id;
    };

    std::vector<SandboxUser> users;
    users.reserve(std::size_t(count) + 1);
    for (int i = 0; i < count; ++i) {
        const bool fixed = std::size_t(i) < kFixedPeople.size();
        const Name first = fixed ? kFixedPeople[std::size_t(i)].first : random.pick(kFirstNames);
        const Name last = fixed ? kFixedPeople[std::size_t(i)].last : random.pick(kLastNames);
        const Role &role = random.pick(kRoles);
        SandboxUser user;
        user.id = newId();
        user.typeId = typeId;
        user.status = statuses.at(i);
        user.firstName = QString::fromUtf16(first.text);
        user.lastName = QString::fromUtf16(last.text);
        user.displayName = user.firstName + QLatin1Char(' ') + user.lastName;
        user.login =
            uniqueLogin(QLatin1String(first.ascii) + QLatin1Char('.') + QLatin1String(last.ascii),
                        QLatin1String(random.pick(kDomains)), takenLogins);
        user.email = user.login;
        user.title = QLatin1String(role.title);
        user.department = QLatin1String(role.department);
        if (!users.empty()) {
            const SandboxUser &boss = users[std::size_t(random.bounded(int(users.size())))];
            user.manager = boss.displayName;
            user.managerId = boss.id;
        }
        assignDates(user, random);
        users.push_back(std::move(user));
    }

    SandboxUser analyst;
    analyst.id = newId();
    analyst.typeId = typeId;
    analyst.status = QStringLiteral("ACTIVE");
    analyst.login = config.login;
    analyst.email = config.login;
    analyst.firstName = QStringLiteral("Sandbox");
    analyst.lastName = QStringLiteral("Analyst");
    analyst.displayName = QStringLiteral("Sandbox Analyst");
    analyst.title = QStringLiteral("Security Analyst");
    analyst.department = QStringLiteral("Security");
    analyst.superAdmin = true;
    assignDates(analyst, random);
    users.push_back(std::move(analyst));
    const QString analystId = users.back().id;

    std::sort(users.begin(), users.end(),
              [](const SandboxUser &a, const SandboxUser &b) { return a.id < b.id; });
    m_users = std::move(users);
    for (qsizetype i = 0; i < qsizetype(m_users.size()); ++i) {
        const SandboxUser &user = m_users[std::size_t(i)];
        m_indexById.insert(user.id, i);
        m_indexByLogin.insert(user.login.toLower(), i);
        if (user.id == analystId)
            m_analystIndex = i;
    }
}

const SandboxUser *UserDirectory::find(const QString &idOrLogin) const
{
    const auto byId = m_indexById.constFind(idOrLogin);
    if (byId != m_indexById.cend())
        return &m_users[std::size_t(*byId)];
    const auto byLogin = m_indexByLogin.constFind(idOrLogin.toLower());
    if (byLogin != m_indexByLogin.cend())
        return &m_users[std::size_t(*byLogin)];
    return nullptr;
}

const SandboxUser &UserDirectory::analyst() const
{
    return m_users[std::size_t(m_analystIndex)];
}

QList<const SandboxUser *> UserDirectory::all() const
{
    QList<const SandboxUser *> list;
    list.reserve(qsizetype(m_users.size()));
    for (const SandboxUser &user : m_users)
        list.append(&user);
    return list;
}

bool UserDirectory::checkPassword(const QString &login, const QString &password) const
{
    if (m_analystPassword.isEmpty() || login.compare(analyst().login, Qt::CaseInsensitive) != 0)
        return false;
    // Compare every character so the time taken does not tell how much of the password matched.
    const QByteArray given = password.toUtf8();
    const QByteArray expected = m_analystPassword.toUtf8();
    int difference = given.size() == expected.size() ? 0 : 1;
    for (qsizetype i = 0; i < given.size(); ++i)
        difference |= given.at(i) ^ expected.at(i % expected.size());
    return difference == 0;
}

} // namespace triage::sandbox
