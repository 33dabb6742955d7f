#include "sandbox/TokenStore.h"

#include <QRandomGenerator>

namespace triage::sandbox {

QString TokenStore::randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &byte : raw)
        byte = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString TokenStore::issueCode(const AuthorizationCode &code)
{
    const QString value = randomToken();
    m_codes.insert(value, code);
    return value;
}

std::optional<AuthorizationCode> TokenStore::takeCode(const QString &code, const QDateTime &now)
{
    const auto found = m_codes.constFind(code);
    if (found == m_codes.cend())
        return std::nullopt;
    const AuthorizationCode taken = *found;
    m_codes.erase(found);
    if (now >= taken.expires)
        return std::nullopt;
    return taken;
}

QString TokenStore::issueAccessToken(const Grant &grant, const QString &family,
                                     const QDateTime &expires)
{
    const QString value = randomToken();
    m_accessTokens.insert(value, {grant, family, expires});
    return value;
}

std::optional<Grant> TokenStore::findAccessToken(const QString &token, const QDateTime &now) const
{
    const auto found = m_accessTokens.constFind(token);
    if (found == m_accessTokens.cend() || now >= found->expires)
        return std::nullopt;
    return found->grant;
}

QString TokenStore::issueRefreshToken(const Grant &grant, const QString &family)
{
    const QString value = randomToken();
    m_refreshTokens.insert(value, {grant, family, {}});
    return value;
}

std::optional<std::pair<Grant, QString>>
TokenStore::findRefreshToken(const QString &token, const QDateTime &now, int graceSeconds) const
{
    const auto found = m_refreshTokens.constFind(token);
    if (found == m_refreshTokens.cend())
        return std::nullopt;
    if (found->rotatedAt.isValid() && found->rotatedAt.secsTo(now) >= graceSeconds)
        return std::nullopt;
    return std::make_pair(found->grant, found->family);
}

void TokenStore::markRotated(const QString &refreshToken, const QDateTime &now)
{
    auto found = m_refreshTokens.find(refreshToken);
    if (found != m_refreshTokens.end() && !found->rotatedAt.isValid())
        found->rotatedAt = now;
}

void TokenStore::revoke(const QString &token)
{
    if (m_accessTokens.remove(token) > 0)
        return;
    const auto found = m_refreshTokens.constFind(token);
    if (found == m_refreshTokens.cend())
        return;
    const QString family = found->family;
    m_refreshTokens.removeIf([&](auto it) { return it.value().family == family; });
    m_accessTokens.removeIf([&](auto it) { return it.value().family == family; });
}

void TokenStore::purgeExpired(const QDateTime &now)
{
    m_codes.removeIf([&](auto it) { return now >= it.value().expires; });
    m_accessTokens.removeIf([&](auto it) { return now >= it.value().expires; });
}

} // namespace triage::sandbox
