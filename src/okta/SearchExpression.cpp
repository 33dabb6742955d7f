#include "okta/SearchExpression.h"

#include "okta/JsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace triage::okta {

namespace {
QLatin1String opName(SearchExpression::Op op)
{
    switch (op) {
    case SearchExpression::Op::Eq:
        return QLatin1String("eq");
    case SearchExpression::Op::Co:
        return QLatin1String("co");
    case SearchExpression::Op::Sw:
        return QLatin1String("sw");
    case SearchExpression::Op::Gt:
        return QLatin1String("gt");
    case SearchExpression::Op::Ge:
        return QLatin1String("ge");
    case SearchExpression::Op::Lt:
        return QLatin1String("lt");
    case SearchExpression::Op::Le:
        return QLatin1String("le");
    }
    return QLatin1String("eq");
}
} // namespace

bool SearchExpression::isValidProperty(const QString &property)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"));
    return pattern.match(property).hasMatch();
}

QString SearchExpression::quote(const QString &value)
{
    // QJsonDocument does JSON's escaping; wrap in an array and strip the brackets.
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

SearchExpression SearchExpression::compare(const QString &property, Op op, const QString &value)
{
    if (!isValidProperty(property))
        return {};
    return SearchExpression(property + QLatin1Char(' ') + opName(op) + QLatin1Char(' ') +
                            quote(value));
}

SearchExpression SearchExpression::compare(const QString &property, Op op, const QDateTime &value)
{
    if (!value.isValid())
        return {};
    return compare(property, op, formatOktaDateTime(value));
}

SearchExpression SearchExpression::present(const QString &property)
{
    if (!isValidProperty(property))
        return {};
    return SearchExpression(property + QStringLiteral(" pr"));
}

QString SearchExpression::operand(QLatin1String op) const
{
    if (m_joinedBy.isEmpty() || m_joinedBy == op)
        return m_text;
    return QLatin1Char('(') + m_text + QLatin1Char(')');
}

SearchExpression SearchExpression::combine(const SearchExpression &a, const SearchExpression &b,
                                           QLatin1String op)
{
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    return SearchExpression(
        a.operand(op) + QLatin1Char(' ') + op + QLatin1Char(' ') + b.operand(op), op);
}

SearchExpression SearchExpression::operator&&(const SearchExpression &other) const
{
    return combine(*this, other, QLatin1String("and"));
}

SearchExpression SearchExpression::operator||(const SearchExpression &other) const
{
    return combine(*this, other, QLatin1String("or"));
}

QString encodeQuery(const QList<std::pair<QString, QString>> &items)
{
    QStringList parts;
    for (const auto &[name, value] : items) {
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(name) + '=' +
                                         QUrl::toPercentEncoding(value)));
    }
    return parts.join(QLatin1Char('&'));
}

} // namespace triage::okta
