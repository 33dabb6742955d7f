#include "auth/OrgDiscovery.h"

#include "auth/NetworkFailure.h"
#include "common/Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace triage::auth {

namespace {

int defaultPort(const QUrl &url)
{
    return url.scheme() == QLatin1String("https") ? 443 : 80;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host() &&
           a.port(defaultPort(a)) == b.port(defaultPort(b));
}

QString withoutTrailingSlash(QString text)
{
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

} // namespace

std::optional<OrgEndpoints> OrgEndpoints::fromDiscovery(const QJsonObject &document,
                                                        const QUrl &org, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    OrgEndpoints endpoints;
    const QJsonValue issuer = document.value(QLatin1String("issuer"));
    if (!issuer.isString())
        return fail(tr("The discovery document has no issuer."));
    if (withoutTrailingSlash(issuer.toString()) !=
        withoutTrailingSlash(org.toString(QUrl::FullyEncoded)))
        return fail(tr("The discovery document names another issuer (%1), so this is not the "
                       "org's own authorization server.")
                        .arg(issuer.toString().left(200)));
    endpoints.issuer = QUrl(issuer.toString(), QUrl::StrictMode);

    struct Field
    {
        const char *name;
        QUrl *target;
        bool required;
    };
    const Field fields[] = {{"authorization_endpoint", &endpoints.authorization, true},
                            {"token_endpoint", &endpoints.token, true},
                            {"revocation_endpoint", &endpoints.revocation, false},
                            {"end_session_endpoint", &endpoints.endSession, false}};
    for (const Field &field : fields) {
        const QJsonValue value = document.value(QLatin1String(field.name));
        if (value.isUndefined() && !field.required)
            continue;
        QUrl url(value.toString(), QUrl::StrictMode);
        // User info in an endpoint would put credentials on the wire or in the browser's history.
        if (!value.isString() || !url.isValid() || url.host().isEmpty() ||
            !url.userInfo().isEmpty())
            return fail(
                tr("The discovery document has no valid %1.").arg(QLatin1String(field.name)));
        if (!sameOrigin(url, org))
            return fail(tr("The discovery document's %1 is on another site (%2).")
                            .arg(QLatin1String(field.name), url.host().left(200)));
        if (url.port() == defaultPort(url)) // "https://org:443/x" is the org's own origin
            url.setPort(-1);
        *field.target = url;
    }
    for (const QJsonValue &method :
         document.value(QLatin1String("code_challenge_methods_supported")).toArray())
        endpoints.codeChallengeMethods << method.toString();
    if (!endpoints.codeChallengeMethods.isEmpty() &&
        !endpoints.codeChallengeMethods.contains(QLatin1String("S256")))
        return fail(tr("The authorization server does not support PKCE with S256."));
    return endpoints;
}

OrgDiscovery::OrgDiscovery(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    qRegisterMetaType<DiscoveryResult>();
}

OrgDiscovery::~OrgDiscovery()
{
    abort();
}

void OrgDiscovery::abort()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void OrgDiscovery::check(const QUrl &org)
{
    abort();
    QUrl url = org;
    url.setPath(QStringLiteral("/.well-known/openid-configuration"));
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    QNetworkReply *reply = m_network->get(request);
    m_reply = reply;
    NetworkFailure::armTimeout(reply, m_timeoutMs);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    connect(reply, &QNetworkReply::finished, this, [this, reply, org] {
        const DiscoveryResult result = resultOf(reply, org);
        qCDebug(lcAuth) << "discovery of" << org.host() << "finished with status"
                        << int(result.status) << "HTTP" << result.httpStatus;
        emit finished(result);
    });
}

DiscoveryResult OrgDiscovery::resultOf(QNetworkReply *reply, const QUrl &org) const
{
    using Status = DiscoveryResult::Status;
    DiscoveryResult result;
    const NetworkFailure failure = NetworkFailure::of(reply);
    result.message = failure.message;
    switch (failure.kind) {
    case NetworkFailure::Kind::HostNotFound:
        result.status = Status::DnsFailure;
        return result;
    case NetworkFailure::Kind::Tls:
        result.status = Status::TlsFailure;
        return result;
    case NetworkFailure::Kind::Timeout:
        result.status = Status::Timeout;
        return result;
    case NetworkFailure::Kind::ConnectionRefused:
        result.status = Status::ConnectionRefused;
        return result;
    case NetworkFailure::Kind::Other:
        result.status = Status::NetworkError;
        return result;
    case NetworkFailure::Kind::None:
        break;
    }

    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (result.httpStatus != 200) {
        result.status = Status::HttpError;
        result.message = result.httpStatus == 404
                             ? tr("%1 answered but has no OpenID configuration (HTTP 404): it is "
                                  "probably not an Okta org address.")
                                   .arg(org.host())
                             : tr("%1 answered HTTP %2 when asked for its OpenID configuration.")
                                   .arg(org.host())
                                   .arg(result.httpStatus);
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply->read(1024 * 1024), &parseError);
    QString why;
    std::optional<OrgEndpoints> endpoints;
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        why = tr("its answer is not JSON.");
    else
        endpoints = OrgEndpoints::fromDiscovery(document.object(), org, &why);
    if (!endpoints) {
        result.status = Status::NotAnOktaOrg;
        result.message = tr("%1 does not look like an Okta org: %2").arg(org.host(), why);
        return result;
    }
    result.status = Status::Ok;
    result.message = tr("%1 is an Okta org.").arg(org.host());
    result.endpoints = *endpoints;
    return result;
}

} // namespace triage::auth
