#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace triage::okta {

// RFC 8288 Link headers. Okta sends one header per relation, but proxies may fold them into one
// comma-separated header: both forms are accepted. Returns the first URL with the relation.
QUrl linkWithRelation(const QList<QByteArray> &linkHeaders, const QString &relation);
inline QUrl nextLink(const QList<QByteArray> &linkHeaders)
{
    return linkWithRelation(linkHeaders, QStringLiteral("next"));
}

// A WWW-Authenticate challenge (RFC 6750 Bearer): scheme plus auth-params, quoted strings
// unescaped. Parameter names are lower-cased.
struct AuthChallenge
{
    QString scheme; // "Bearer"
    QHash<QString, QString> params;

    QString param(const QString &name) const { return params.value(name); }
    static std::optional<AuthChallenge> parse(const QByteArray &header);
};

} // namespace triage::okta
