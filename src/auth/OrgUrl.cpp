#include "auth/OrgUrl.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace triage::auth {

namespace {

bool isInvisibleOrSpace(QChar c)
{
    const auto category = c.category();
    return c.isSpace() || category == QChar::Other_Control || category == QChar::Other_Format ||
           category == QChar::Other_Surrogate || category == QChar::Other_NotAssigned;
}

// Numeric forms browsers read as IPv4 (2130706433, 0x7f.1, 127.1): the last label has no letter
// or is hexadecimal with 0x.
bool looksLikeNumericAddress(const QString &asciiHost)
{
    const QString last = asciiHost.section(QLatin1Char('.'), -1);
    static const QRegularExpression numeric(QStringLiteral("^(0x[0-9a-f]*|[0-9]+)$"));
    return numeric.match(last).hasMatch();
}

bool isValidLabel(const QString &label)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"));
    return pattern.match(label).hasMatch();
}

} // namespace

OrgUrl OrgUrl::refused(const QString &why)
{
    OrgUrl result;
    result.m_error = why;
    return result;
}

QUrl OrgUrl::resolved(const QString &path) const
{
    QUrl url = m_url;
    url.setPath(path);
    return url;
}

OrgUrl OrgUrl::fromUserInput(const QString &text, Kind kind)
{
    if (text.isEmpty())
        return refused(tr("Enter the address of your Okta org, for example acme.okta.com."));
    for (const QChar c : text) {
        if (isInvisibleOrSpace(c))
            return refused(tr("The address contains spaces or invisible characters. Type it "
                              "again without them."));
        if (c == QLatin1Char('\\'))
            return refused(tr("The address contains a backslash (\\), which no Okta org "
                              "address has."));
    }

    QString withScheme = text;
    QString scheme = QStringLiteral("https");
    const qsizetype schemeEnd = text.indexOf(QLatin1String("://"));
    if (schemeEnd >= 0)
        scheme = text.left(schemeEnd).toLower();
    else
        withScheme = QStringLiteral("https://") + text;

    const bool sandbox = kind == Kind::Sandbox;
    if (sandbox && scheme != QLatin1String("http"))
        return refused(tr("The sandbox org is reached over http on this computer, for example "
                          "http://127.0.0.1:8080."));
    if (!sandbox && scheme != QLatin1String("https"))
        return refused(
            tr("Okta orgs are reached over https only; \"%1\" is not allowed.").arg(scheme));

    const qsizetype authorityStart = withScheme.indexOf(QLatin1String("://")) + 3;
    qsizetype authorityEnd = withScheme.size();
    for (const char stop : {'/', '?', '#'}) {
        const qsizetype at = withScheme.indexOf(QLatin1Char(stop), authorityStart);
        if (at >= 0)
            authorityEnd = std::min(authorityEnd, at);
    }
    if (withScheme.mid(authorityStart, authorityEnd - authorityStart).contains(QLatin1Char('@')))
        return refused(tr("The address contains an \"@\": everything before it would be sent as "
                          "a user name and the part after it is a different site. Enter only "
                          "the org's host name."));

    const QUrl url(withScheme, QUrl::StrictMode);
    if (!url.isValid())
        return refused(tr("This is not a valid web address."));
    if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
        return refused(
            tr("Enter only the org's host name, without a path (\"%1\").").arg(url.path()));
    if (url.hasQuery())
        return refused(tr("Enter only the org's host name, without a query (\"?...\")."));
    if (url.hasFragment())
        return refused(tr("Enter only the org's host name, without a fragment (\"#...\")."));

    const QString unicodeHost = url.host(QUrl::FullyDecoded);
    if (unicodeHost.isEmpty())
        return refused(tr("The address has no host name."));

    QHostAddress address;
    const bool ipLiteral = address.setAddress(unicodeHost);
    QString asciiHost;
    if (ipLiteral) {
        if (!address.isLoopback())
            return refused(tr("IP addresses are not Okta org addresses; enter the org's host "
                              "name, for example acme.okta.com."));
        asciiHost = address.toString();
    } else {
        asciiHost = QString::fromLatin1(QUrl::toAce(unicodeHost)).toLower();
        if (asciiHost.isEmpty())
            return refused(tr("The host name is not a valid internationalised domain name."));
        if (looksLikeNumericAddress(asciiHost))
            return refused(tr("This looks like a numeric IP address; enter the org's host "
                              "name, for example acme.okta.com."));
        if (asciiHost.size() > 253)
            return refused(tr("The host name is too long."));
        const QStringList labels = asciiHost.split(QLatin1Char('.'));
        for (const QString &label : labels) {
            if (!isValidLabel(label))
                return refused(tr("\"%1\" is not a valid host name.").arg(asciiHost));
        }
    }

    const bool loopbackHost = (ipLiteral && address == QHostAddress(QHostAddress::LocalHost)) ||
                              asciiHost == QLatin1String("localhost");
    if (sandbox) {
        if (!loopbackHost)
            return refused(tr("The sandbox org runs on this computer: use 127.0.0.1 or "
                              "localhost."));
        if (url.port() == -1)
            return refused(tr("Add the sandbox org's port, for example http://127.0.0.1:8080."));
    } else if (url.port() != -1) {
        return refused(tr("Okta orgs don't use a port number in their address; remove \":%1\".")
                           .arg(url.port()));
    }

    OrgUrl result;
    result.m_url.setScheme(scheme);
    result.m_url.setHost(asciiHost);
    result.m_url.setPort(url.port());
    result.m_sandbox = sandbox;
    return result;
}

} // namespace triage::auth
