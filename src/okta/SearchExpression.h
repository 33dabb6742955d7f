#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <utility>

namespace triage::okta {

// The one builder for Okta filter/search expressions (Users API `search`/`filter`, governance
// `filter`): values become JSON string literals ("bob\"smith"), property names are checked, and
// combinations are parenthesised. Percent-encoding of the whole expression is the request
// path's job (see encodeQuery). An invalid property yields an empty (invalid) expression.
class SearchExpression
{
public:
    enum class Op { Eq, Co, Sw, Gt, Ge, Lt, Le };

    SearchExpression() = default;

    static SearchExpression compare(const QString &property, Op op, const QString &value);
    static SearchExpression compare(const QString &property, Op op, const QDateTime &value);
    static SearchExpression present(const QString &property); // "property pr"

    // Empty operands are dropped, so builders can start from an empty expression.
    SearchExpression operator&&(const SearchExpression &other) const;
    SearchExpression operator||(const SearchExpression &other) const;

    bool isEmpty() const { return m_text.isEmpty(); }
    QString toString() const { return m_text; }

    // A JSON string literal: quotes, backslashes and control characters escaped.
    static QString quote(const QString &value);
    static bool isValidProperty(const QString &property);

private:
    explicit SearchExpression(QString text, QLatin1String joinedBy = {})
        : m_text(std::move(text))
        , m_joinedBy(joinedBy)
    {}
    static SearchExpression combine(const SearchExpression &a, const SearchExpression &b,
                                    QLatin1String op);
    // As an operand of `op`: parenthesised unless simple or joined by the same operator.
    QString operand(QLatin1String op) const;

    QString m_text;
    QLatin1String m_joinedBy; // "and"/"or" for compound expressions, empty for simple ones
};

// "name=value&..." with every byte outside RFC 3986's unreserved set percent-encoded
// (space as %20), as Okta expects for search and filter.
QString encodeQuery(const QList<std::pair<QString, QString>> &items);

} // namespace triage::okta
