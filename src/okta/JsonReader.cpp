#include "okta/JsonReader.h"

#include <cmath>

namespace triage::okta {

namespace {
constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53
}

JsonReader::JsonReader(const QJsonObject &object, QString path)
    : m_object(object)
    , m_path(std::move(path))
{}

QString JsonReader::path(QLatin1String key) const
{
    return m_path.isEmpty() ? QString(key) : m_path + QLatin1Char('.') + key;
}

void JsonReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

void JsonReader::adopt(const JsonReader &nested)
{
    if (!nested.ok())
        fail(nested.error());
}

bool JsonReader::finish(QString *error) const
{
    if (error && !ok())
        *error = m_error;
    return ok();
}

QJsonValue JsonReader::value(QLatin1String key, Need need, QJsonValue::Type type,
                             const char *typeName)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (need == Required)
            fail(QStringLiteral("%1 is %2")
                     .arg(path(key),
                          v.isNull() ? QStringLiteral("null") : QStringLiteral("missing")));
        return {};
    }
    if (v.type() != type) {
        fail(QStringLiteral("%1 is not %2").arg(path(key), QLatin1String(typeName)));
        return {};
    }
    return v;
}

QString JsonReader::string(QLatin1String key, Need need)
{
    return value(key, need, QJsonValue::String, "a string").toString();
}

QDateTime JsonReader::dateTime(QLatin1String key, Need need)
{
    const QJsonValue v = value(key, need, QJsonValue::String, "a date-time string");
    if (!v.isString())
        return {};
    const QDateTime when = parseOktaDateTime(v.toString());
    if (!when.isValid())
        fail(QStringLiteral("%1 is not an ISO 8601 date-time").arg(path(key)));
    return when;
}

qint64 JsonReader::integer(QLatin1String key, Need need)
{
    const QJsonValue v = value(key, need, QJsonValue::Double, "a number");
    if (!v.isDouble())
        return 0;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > kMaxExactInteger) {
        fail(QStringLiteral("%1 is not an integer in range").arg(path(key)));
        return 0;
    }
    return static_cast<qint64>(d);
}

bool JsonReader::boolean(QLatin1String key, Need need)
{
    return value(key, need, QJsonValue::Bool, "a boolean").toBool();
}

QJsonObject JsonReader::object(QLatin1String key, Need need)
{
    return value(key, need, QJsonValue::Object, "an object").toObject();
}

QJsonArray JsonReader::array(QLatin1String key, Need need)
{
    return value(key, need, QJsonValue::Array, "an array").toArray();
}

QStringList JsonReader::stringList(QLatin1String key, Need need)
{
    QStringList result;
    const QJsonArray items = array(key, need);
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isString()) {
            fail(QStringLiteral("%1[%2] is not a string").arg(path(key)).arg(i));
            return {};
        }
        result.append(items.at(i).toString());
    }
    return result;
}

QDateTime parseOktaDateTime(const QString &text)
{
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid())
        when = QDateTime::fromString(text, Qt::ISODate);
    // A date-time without an offset is ambiguous; Okta always sends one.
    if (!when.isValid() || when.timeSpec() == Qt::LocalTime)
        return {};
    return when.toUTC();
}

QString formatOktaDateTime(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace triage::okta
