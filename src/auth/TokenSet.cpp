#include "auth/TokenSet.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace triage::auth {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(triage::auth::TokenSet)
};

bool optionalString(const QJsonObject &object, const QString &key, QByteArray *out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString()) {
        if (error)
            *error = Tr::tr("The token response's \"%1\" is not text.").arg(key);
        return false;
    }
    *out = value.toString().toUtf8();
    return true;
}

// The id token's middle part, base64url JSON. Only display claims and the nonce are read.
void readIdTokenClaims(TokenSet &tokens)
{
    const QList<QByteArray> parts = tokens.idToken.split('.');
    if (parts.size() != 3)
        return;
    const QByteArray payload = QByteArray::fromBase64(
        parts.at(1), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonObject claims = QJsonDocument::fromJson(payload).object();
    auto text = [&](const char *name) { return claims.value(QLatin1String(name)).toString(); };
    tokens.subject = text("sub");
    tokens.userName = text("preferred_username");
    tokens.displayName = text("name");
    tokens.email = text("email");
    tokens.nonce = text("nonce");
}

} // namespace

void wipeSecret(QByteArray &secret)
{
    if (!secret.isDetached()) { // shared: filling would only fill a fresh copy
        secret.clear();
        return;
    }
    secret.fill('\0');
    secret.clear();
}

std::optional<TokenSet> TokenSet::fromTokenResponse(const QByteArray &body,
                                                    const QDateTime &receivedAt, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = Tr::tr("The token response is not a JSON object.");
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    TokenSet tokens;

    const QJsonValue access = object.value(QLatin1String("access_token"));
    if (!access.isString() || access.toString().isEmpty()) {
        if (error)
            *error = Tr::tr("The token response has no access token.");
        return std::nullopt;
    }
    tokens.accessToken = access.toString().toUtf8();

    const QJsonValue type = object.value(QLatin1String("token_type"));
    if (!type.isString() || type.toString().compare(QLatin1String("Bearer"), Qt::CaseInsensitive)) {
        // Only well-known type names are repeated: anything else there could hold a secret
        // (a fuzzer found the access token echoed back inside a made-up token_type).
        const QStringList knownTypes = {QStringLiteral("DPoP"), QStringLiteral("MAC"),
                                        QStringLiteral("N_A")};
        const QString shown = knownTypes.contains(type.toString(), Qt::CaseInsensitive)
                                  ? type.toString()
                                  : QStringLiteral("?");
        if (error)
            *error = Tr::tr("The token response has token type \"%1\"; only Bearer tokens are "
                            "supported. Turn off \"Require DPoP\" for this app in the Okta Admin "
                            "Console.")
                         .arg(shown);
        return std::nullopt;
    }
    tokens.tokenType = "Bearer";

    const QJsonValue expiresIn = object.value(QLatin1String("expires_in"));
    const double seconds = expiresIn.toDouble(-1);
    if (!expiresIn.isDouble() || !std::isfinite(seconds) || seconds <= 0 || seconds > 366 * 86400) {
        if (error)
            *error = Tr::tr("The token response has no valid expiry (expires_in).");
        return std::nullopt;
    }
    tokens.expiresAt = receivedAt.toUTC().addSecs(static_cast<qint64>(seconds));

    QByteArray scope;
    if (!optionalString(object, QStringLiteral("refresh_token"), &tokens.refreshToken, error) ||
        !optionalString(object, QStringLiteral("id_token"), &tokens.idToken, error) ||
        !optionalString(object, QStringLiteral("scope"), &scope, error))
        return std::nullopt;
    tokens.scopes = QString::fromUtf8(scope).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    readIdTokenClaims(tokens);
    return tokens;
}

QByteArray TokenSet::authorizationHeader() const
{
    return accessToken.isEmpty() ? QByteArray() : QByteArrayLiteral("Bearer ") + accessToken;
}

void TokenSet::wipe()
{
    wipeSecret(accessToken);
    wipeSecret(refreshToken);
    wipeSecret(idToken);
    *this = TokenSet{};
}

} // namespace triage::auth
