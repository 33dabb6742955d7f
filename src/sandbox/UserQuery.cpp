#include "sandbox/UserQuery.h"

#include <array>
#include <climits>
#include <vector>

namespace triage::sandbox {

// ---------------------------------------------------------------------------------------------
// Attributes

namespace {

struct AttributeSpec
{
    const char *name;
    QString SandboxUser::*text;   // set for string attributes
    QDateTime SandboxUser::*date; // set for date attributes
};

constexpr std::array<AttributeSpec, 20> kAttributes{{
    {"id", &SandboxUser::id, nullptr},
    {"status", &SandboxUser::status, nullptr},
    {"created", nullptr, &SandboxUser::created},
    {"activated", nullptr, &SandboxUser::activated},
    {"statusChanged", nullptr, &SandboxUser::statusChanged},
    {"lastLogin", nullptr, &SandboxUser::lastLogin},
    {"lastUpdated", nullptr, &SandboxUser::lastUpdated},
    {"passwordChanged", nullptr, &SandboxUser::passwordChanged},
    {"type.id", &SandboxUser::typeId, nullptr},
    {"profile.login", &SandboxUser::login, nullptr},
    {"profile.email", &SandboxUser::email, nullptr},
    {"profile.firstName", &SandboxUser::firstName, nullptr},
    {"profile.lastName", &SandboxUser::lastName, nullptr},
    {"profile.displayName", &SandboxUser::displayName, nullptr},
    {"profile.title", &SandboxUser::title, nullptr},
    {"profile.department", &SandboxUser::department, nullptr},
    {"profile.manager", &SandboxUser::manager, nullptr},
    {"profile.managerId", &SandboxUser::managerId, nullptr},
    // Okta's profile always has these two; the sandbox leaves them unset.
    {"profile.mobilePhone", nullptr, nullptr},
    {"profile.secondEmail", nullptr, nullptr},
}};

const AttributeSpec &spec(int index)
{
    return kAttributes[std::size_t(index)];
}

} // namespace

std::optional<UserAttribute> UserAttribute::byName(const QString &name)
{
    for (std::size_t i = 0; i < kAttributes.size(); ++i) {
        if (name == QLatin1String(kAttributes[i].name))
            return UserAttribute(int(i));
    }
    return std::nullopt;
}

QString UserAttribute::name() const
{
    return QLatin1String(spec(m_index).name);
}

bool UserAttribute::isDate() const
{
    return spec(m_index).date != nullptr;
}

QString UserAttribute::text(const SandboxUser &user) const
{
    const auto member = spec(m_index).text;
    return member ? user.*member : QString();
}

QDateTime UserAttribute::date(const SandboxUser &user) const
{
    const auto member = spec(m_index).date;
    return member ? user.*member : QDateTime();
}

bool UserAttribute::isPresent(const SandboxUser &user) const
{
    return isDate() ? date(user).isValid() : !text(user).isEmpty();
}

int UserAttribute::compare(const SandboxUser &a, const SandboxUser &b) const
{
    if (isDate()) {
        const qint64 left = date(a).isValid() ? date(a).toMSecsSinceEpoch() : LLONG_MIN;
        const qint64 right = date(b).isValid() ? date(b).toMSecsSinceEpoch() : LLONG_MIN;
        return left < right ? -1 : (left > right ? 1 : 0);
    }
    return text(a).compare(text(b), Qt::CaseInsensitive);
}

// ---------------------------------------------------------------------------------------------
// The tree

enum class Operator { Eq, Sw, Co, Gt, Ge, Lt, Le, Pr };

struct UserQuery::Node
{
    enum class Kind { And, Or, Compare } kind = Kind::Compare;
    std::shared_ptr<const Node> left, right; // And, Or
    std::optional<UserAttribute> attribute;  // Compare
    Operator op = Operator::Eq;
    QString text;   // string literal
    QDateTime date; // the literal as a date, for date attributes
    Qt::CaseSensitivity caseSensitivity = Qt::CaseInsensitive;

    bool matches(const SandboxUser &user) const;
};

namespace {

bool orderingHolds(Operator op, int comparison)
{
    switch (op) {
    case Operator::Eq:
        return comparison == 0;
    case Operator::Gt:
        return comparison > 0;
    case Operator::Ge:
        return comparison >= 0;
    case Operator::Lt:
        return comparison < 0;
    case Operator::Le:
        return comparison <= 0;
    default:
        return false;
    }
}

} // namespace

bool UserQuery::Node::matches(const SandboxUser &user) const
{
    switch (kind) {
    case Kind::And:
        return left->matches(user) && right->matches(user);
    case Kind::Or:
        return left->matches(user) || right->matches(user);
    case Kind::Compare:
        break;
    }
    if (op == Operator::Pr)
        return attribute->isPresent(user);
    if (!attribute->isPresent(user))
        return false; // an unset value matches no comparison, as in Okta
    if (attribute->isDate()) {
        const qint64 value = attribute->date(user).toMSecsSinceEpoch();
        const qint64 wanted = date.toMSecsSinceEpoch();
        return orderingHolds(op, value < wanted ? -1 : (value > wanted ? 1 : 0));
    }
    const QString value = attribute->text(user);
    switch (op) {
    case Operator::Sw:
        return value.startsWith(text, caseSensitivity);
    case Operator::Co:
        return value.contains(text, caseSensitivity);
    default:
        return orderingHolds(op, value.compare(text, caseSensitivity));
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens and parser

namespace {

struct Token
{
    enum class Kind { Word, String, Open, Close, End } kind = Kind::End;
    QString text; // a word as written, or the decoded string literal
    int position = 0;
};

constexpr int kMaxDepth = 32;    // nesting of parentheses
constexpr int kMaxTerms = 100;   // comparisons in one expression ("overly complex" in Okta's words)
constexpr int kMaxLength = 4096; // characters

bool isWordChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           c == u'.' || c == u'_';
}

// Splits an expression into tokens; a string literal is decoded as a JSON string.
class Tokenizer
{
public:
    explicit Tokenizer(const QString &input)
        : m_input(input)
    {}

    bool run(std::vector<Token> &tokens, QueryError &error)
    {
        while (true) {
            skipSpace();
            Token token;
            token.position = int(m_pos);
            if (m_pos >= m_input.size()) {
                tokens.push_back(token);
                return true;
            }
            const QChar c = m_input.at(m_pos);
            if (c == u'(' || c == u')') {
                token.kind = c == u'(' ? Token::Kind::Open : Token::Kind::Close;
                ++m_pos;
            } else if (c == u'"') {
                token.kind = Token::Kind::String;
                if (!readString(token.text, error))
                    return false;
            } else if (isWordChar(c)) {
                token.kind = Token::Kind::Word;
                while (m_pos < m_input.size() && isWordChar(m_input.at(m_pos)))
                    token.text += m_input.at(m_pos++);
            } else {
                error = {int(m_pos), QStringLiteral("Unexpected character '%1'").arg(c)};
                return false;
            }
            tokens.push_back(token);
        }
    }

private:
    // '+' outside a literal is a space: clients that form-encode the query send it for one.
    void skipSpace()
    {
        while (m_pos < m_input.size() && (m_input.at(m_pos).isSpace() || m_input.at(m_pos) == u'+'))
            ++m_pos;
    }

    bool readString(QString &out, QueryError &error)
    {
        const int start = int(m_pos);
        ++m_pos; // opening quote
        while (m_pos < m_input.size()) {
            const QChar c = m_input.at(m_pos++);
            if (c == u'"')
                return true;
            if (c != u'\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_input.size())
                break;
            const int escapeAt = int(m_pos) - 1;
            const QChar e = m_input.at(m_pos++);
            switch (e.unicode()) {
            case u'"':
            case u'\\':
            case u'/':
                out += e;
                break;
            case u'b':
                out += QChar(u'\b');
                break;
            case u'f':
                out += QChar(u'\f');
                break;
            case u'n':
                out += QChar(u'\n');
                break;
            case u'r':
                out += QChar(u'\r');
                break;
            case u't':
                out += QChar(u'\t');
                break;
            case u'u': {
                bool ok = false;
                const ushort code = m_input.mid(m_pos, 4).toUShort(&ok, 16);
                if (!ok || m_input.mid(m_pos, 4).size() != 4) {
                    error = {escapeAt, QStringLiteral("Invalid \\u escape in string")};
                    return false;
                }
                out += QChar(code);
                m_pos += 4;
                break;
            }
            default:
                error = {escapeAt, QStringLiteral("Invalid escape '\\%1' in string").arg(e)};
                return false;
            }
        }
        error = {start, QStringLiteral("Unterminated string")};
        return false;
    }

    const QString &m_input;
    qsizetype m_pos = 0;
};

struct OperatorName
{
    const char *name;
    Operator op;
};
constexpr std::array<OperatorName, 8> kOperators{{{"eq", Operator::Eq},
                                                  {"sw", Operator::Sw},
                                                  {"co", Operator::Co},
                                                  {"gt", Operator::Gt},
                                                  {"ge", Operator::Ge},
                                                  {"lt", Operator::Lt},
                                                  {"le", Operator::Le},
                                                  {"pr", Operator::Pr}}};

bool isKeyword(const Token &token, const char *keyword)
{
    return token.kind == Token::Kind::Word &&
           token.text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
}

QDateTime parseDate(const QString &text)
{
    QDateTime date = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (date.isValid() && date.timeSpec() == Qt::LocalTime)
        date.setTimeSpec(Qt::UTC); // no offset written: Okta reads it as UTC
    return date;
}

// Which attribute/operator pairs each language accepts; null when allowed, else why not.
QString languageRule(UserQuery::Language language, const UserAttribute &attribute, Operator op)
{
    const QString name = attribute.name();
    if (language == UserQuery::Language::Filter) {
        static const QStringList filterable{QStringLiteral("status"),
                                            QStringLiteral("lastUpdated"),
                                            QStringLiteral("id"),
                                            QStringLiteral("profile.login"),
                                            QStringLiteral("profile.email"),
                                            QStringLiteral("profile.firstName"),
                                            QStringLiteral("profile.lastName")};
        if (!filterable.contains(name))
            return QStringLiteral("Filtering on '%1' is not supported").arg(name);
        const bool ordering =
            op == Operator::Gt || op == Operator::Ge || op == Operator::Lt || op == Operator::Le;
        if (op != Operator::Eq && !(ordering && name == QLatin1String("lastUpdated")))
            return QStringLiteral("Operator not supported in a filter on '%1'").arg(name);
        return {};
    }
    static const QStringList containable{
        QStringLiteral("profile.firstName"), QStringLiteral("profile.lastName"),
        QStringLiteral("profile.email"), QStringLiteral("profile.login")};
    if (op == Operator::Co && !containable.contains(name))
        return QStringLiteral("'co' is not supported on '%1'").arg(name);
    if ((op == Operator::Sw || op == Operator::Co) && attribute.isDate())
        return QStringLiteral("'sw' and 'co' do not apply to the date '%1'").arg(name);
    return {};
}

using NodePtr = std::shared_ptr<const UserQuery::Node>;

NodePtr combine(UserQuery::Node::Kind kind, NodePtr left, NodePtr right)
{
    auto node = std::make_shared<UserQuery::Node>();
    node->kind = kind;
    node->left = std::move(left);
    node->right = std::move(right);
    return node;
}

class Parser
{
public:
    Parser(std::vector<Token> tokens, UserQuery::Language language)
        : m_tokens(std::move(tokens))
        , m_language(language)
    {}

    NodePtr parse(QueryError &error)
    {
        NodePtr root = parseOr(0);
        if (root && peek().kind != Token::Kind::End)
            fail(peek(), QStringLiteral("Expected 'and', 'or' or the end of the expression"));
        if (!m_error.message.isEmpty()) {
            error = m_error;
            return nullptr;
        }
        return root;
    }

private:
    const Token &peek() const { return m_tokens[m_next]; }
    const Token &take()
    {
        const Token &token = m_tokens[m_next];
        if (m_next + 1 < m_tokens.size()) // stay on the End token
            ++m_next;
        return token;
    }

    NodePtr fail(const Token &at, const QString &message)
    {
        if (m_error.message.isEmpty())
            m_error = {at.position, message};
        return nullptr;
    }

    NodePtr parseOr(int depth)
    {
        NodePtr left = parseAnd(depth);
        while (left && isKeyword(peek(), "or")) {
            take();
            NodePtr right = parseAnd(depth);
            if (!right)
                return nullptr;
            left = combine(UserQuery::Node::Kind::Or, left, right);
        }
        return left;
    }

    NodePtr parseAnd(int depth)
    {
        NodePtr left = parsePrimary(depth);
        while (left && isKeyword(peek(), "and")) {
            take();
            NodePtr right = parsePrimary(depth);
            if (!right)
                return nullptr;
            left = combine(UserQuery::Node::Kind::And, left, right);
        }
        return left;
    }

    NodePtr parsePrimary(int depth)
    {
        const Token &token = take();
        if (token.kind == Token::Kind::Open) {
            if (depth >= kMaxDepth)
                return fail(token, QStringLiteral("Too many nested parentheses"));
            NodePtr inner = parseOr(depth + 1);
            if (!inner)
                return nullptr;
            const Token &close = take();
            if (close.kind != Token::Kind::Close)
                return fail(close, QStringLiteral("Expected ')'"));
            return inner;
        }
        if (token.kind != Token::Kind::Word)
            return fail(token, QStringLiteral("Expected an attribute name or '('"));
        if (isKeyword(token, "not"))
            return fail(token, QStringLiteral("The 'not' operator is not supported"));
        return parseComparison(token);
    }

    NodePtr parseComparison(const Token &name)
    {
        if (++m_terms > kMaxTerms)
            return fail(name, QStringLiteral("The expression is too complex"));
        const std::optional<UserAttribute> attribute = UserAttribute::byName(name.text);
        if (!attribute)
            return fail(name, QStringLiteral("Unknown attribute '%1'").arg(name.text));
        const Token &opToken = take();
        if (isKeyword(opToken, "ne"))
            return fail(opToken, QStringLiteral("The 'ne' operator is not supported"));
        std::optional<Operator> op;
        for (const OperatorName &candidate : kOperators) {
            if (isKeyword(opToken, candidate.name))
                op = candidate.op;
        }
        if (!op)
            return fail(opToken, QStringLiteral("Expected an operator after '%1'").arg(name.text));
        if (const QString why = languageRule(m_language, *attribute, *op); !why.isEmpty())
            return fail(opToken, why);

        auto node = std::make_shared<UserQuery::Node>();
        node->attribute = attribute;
        node->op = *op;
        node->caseSensitivity =
            m_language == UserQuery::Language::Filter ? Qt::CaseSensitive : Qt::CaseInsensitive;
        if (*op == Operator::Pr)
            return node;

        const Token &value = take();
        if (value.kind != Token::Kind::String)
            return fail(value, QStringLiteral("Expected a quoted string value"));
        node->text = value.text;
        if (attribute->isDate()) {
            node->date = parseDate(value.text);
            if (!node->date.isValid())
                return fail(value, QStringLiteral("'%1' is not an ISO 8601 date").arg(value.text));
        }
        return node;
    }

    std::vector<Token> m_tokens; // always ends with an End token
    std::size_t m_next = 0;
    UserQuery::Language m_language;
    int m_terms = 0;
    QueryError m_error;
};

} // namespace

// ---------------------------------------------------------------------------------------------

UserQuery UserQuery::parse(const QString &expression, Language language)
{
    UserQuery query;
    if (expression.size() > kMaxLength) {
        query.m_error = {kMaxLength, QStringLiteral("The expression is too long")};
        return query;
    }
    std::vector<Token> tokens;
    if (!Tokenizer(expression).run(tokens, query.m_error))
        return query;
    if (tokens.size() == 1) {
        query.m_error = {0, QStringLiteral("The expression is empty")};
        return query;
    }
    query.m_root = Parser(std::move(tokens), language).parse(query.m_error);
    return query;
}

UserQuery UserQuery::prefix(const QString &q)
{
    auto startsWith = [&q](const char *attribute) {
        auto node = std::make_shared<Node>();
        node->attribute = UserAttribute::byName(QLatin1String(attribute));
        node->op = Operator::Sw;
        node->text = q;
        return node;
    };
    UserQuery query;
    query.m_root = combine(
        Node::Kind::Or,
        combine(Node::Kind::Or, startsWith("profile.firstName"), startsWith("profile.lastName")),
        startsWith("profile.email"));
    return query;
}

bool UserQuery::matches(const SandboxUser &user) const
{
    return m_root && m_root->matches(user);
}

} // namespace triage::sandbox
