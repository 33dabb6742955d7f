#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace triage::okta {

// Reads fields of one JSON object without trusting it. The first problem (missing, null or
// wrong-typed required field, wrong-typed optional field) is remembered with its path; getters
// then return empty values, so a parser reads every field and checks ok() once at the end.
class JsonReader
{
public:
    enum Need { Required, Optional };

    explicit JsonReader(const QJsonObject &object, QString path = {});

    QString string(QLatin1String key, Need need = Required);
    QDateTime dateTime(QLatin1String key,
                       Need need = Required);                // ISO 8601, null allowed if Optional
    qint64 integer(QLatin1String key, Need need = Required); // exact integers up to 2^53
    bool boolean(QLatin1String key, Need need = Required);
    QJsonObject object(QLatin1String key, Need need = Required);
    QJsonArray array(QLatin1String key, Need need = Required);
    QStringList stringList(QLatin1String key, Need need = Required);

    // For nested readers: adopt their first error.
    void adopt(const JsonReader &nested);
    void fail(const QString &message);

    QString path(QLatin1String key) const;
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    // Writes the error to *error (if given) and returns ok().
    bool finish(QString *error) const;

private:
    QJsonValue value(QLatin1String key, Need need, QJsonValue::Type type, const char *typeName);

    QJsonObject m_object;
    QString m_path;
    QString m_error;
};

// An ISO 8601 date-time as Okta writes it, or an invalid QDateTime.
QDateTime parseOktaDateTime(const QString &text);
// The form the app sends: UTC with milliseconds and a Z.
QString formatOktaDateTime(const QDateTime &when);

} // namespace triage::okta
