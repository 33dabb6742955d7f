#include "auth/OrgProfile.h"

#include "auth/RequiredScopes.h"
#include "auth/TokenVault.h"

#include <QRegularExpression>

namespace triage::auth {

namespace {
const QRegularExpression &idPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9-]{1,40}$"));
    return pattern;
}
} // namespace

OrgUrl OrgProfile::org() const
{
    return OrgUrl::fromUserInput(orgUrl, sandbox ? OrgUrl::Kind::Sandbox : OrgUrl::Kind::OktaOrg);
}

QString OrgProfile::redirectUri() const
{
    return QStringLiteral("http://127.0.0.1:%1/callback").arg(redirectPort);
}

QStringList OrgProfile::requestedScopes() const
{
    return scopes.isEmpty() ? RequiredScopes::all() : scopes;
}

QString OrgProfile::keychainKey() const
{
    return TokenVault::keyFor(org().host(), id);
}

QString OrgProfile::validate() const
{
    if (!idPattern().match(id).hasMatch())
        return tr("The profile id must be 1 to 40 lower-case letters, digits or dashes.");
    if (displayName.trimmed().isEmpty())
        return tr("Give the profile a name.");
    if (displayName.size() > 100)
        return tr("The profile name is too long (at most 100 characters).");
    const OrgUrl url = org();
    if (!url.isValid())
        return url.errorString();
    static const QRegularExpression clientIdPattern(QStringLiteral("^[A-Za-z0-9_-]{1,100}$"));
    if (!clientIdPattern.match(clientId).hasMatch())
        return tr("Enter the client ID of the Okta app (letters and digits, as shown on the "
                  "app's General tab).");
    if (redirectPort < 1024)
        return tr("Choose a redirect port from 1024 to 65535.");
    static const QRegularExpression colourPattern(QStringLiteral("^(#[0-9a-fA-F]{6})?$"));
    if (!colourPattern.match(colour).hasMatch())
        return tr("The colour must look like #1a2b3c.");
    return {};
}

QString OrgProfile::makeId(const QString &displayName, const QStringList &taken)
{
    QString base;
    for (const QChar c : displayName.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
            (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            base += c;
        else if (!base.endsWith(QLatin1Char('-')) && !base.isEmpty())
            base += QLatin1Char('-');
    }
    while (base.endsWith(QLatin1Char('-')))
        base.chop(1);
    base = base.left(32);
    if (base.isEmpty())
        base = QStringLiteral("org");
    QString id = base;
    for (int n = 2; taken.contains(id); ++n)
        id = base + QLatin1Char('-') + QString::number(n);
    return id;
}

} // namespace triage::auth
