#include "sandbox/SandboxOrg.h"

#include "common/Clock.h"
#include "common/Logging.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/HttpServer.h"
#include "sandbox/OAuthEndpoints.h"
#include "sandbox/RateLimiter.h"
#include "sandbox/RequestChecks.h"
#include "sandbox/ReviewsApi.h"
#include "sandbox/Router.h"
#include "sandbox/TokenStore.h"
#include "sandbox/UserDirectory.h"
#include "sandbox/UsersApi.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <optional>

namespace triage::sandbox {

namespace {
// RFC 7231 IMF-fixdate, always in English: "Sun, 06 Nov 1994 08:49:37 GMT".
QByteArray httpDate(const QDateTime &when)
{
    return QLocale::c()
               .toString(when.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"))
               .toLatin1() +
           " GMT";
}

ApiResponse rateLimitExceeded()
{
    return ApiResponse::oktaError(
        429, QStringLiteral("E0000047"),
        QStringLiteral("API call exceeded rate limit due to too many requests."));
}

ApiResponse invalidToken(const ApiRequest &request, const QString &description)
{
    ApiResponse response = ApiResponse::oktaError(401, QStringLiteral("E0000011"),
                                                  QStringLiteral("Invalid token provided"));
    const QString challenge =
        QStringLiteral("Bearer authorization_uri=\"%1/oauth2/v1/authorize\", realm=\"%1\", "
                       "error=\"invalid_token\", error_description=\"%2\", resource=\"%3\"")
            .arg(request.baseUrl, description, QString::fromLatin1(request.rawPath));
    response.headers.append({"WWW-Authenticate", challenge.toUtf8()});
    return response;
}

// The scope a route needs, for faults that pretend the token lacks it.
QString scopeFor(const QByteArray &method, const QString &path)
{
    if (path.startsWith(QLatin1String("/api/v1/users/me")))
        return QStringLiteral("okta.users.read.self");
    if (path.startsWith(QLatin1String("/api/v1/users")))
        return QStringLiteral("okta.users.read");
    return method == "GET" ? QStringLiteral("okta.governance.securityAccessReviews.admin.read")
                           : QStringLiteral("okta.governance.securityAccessReviews.admin.manage");
}

// Strings become numbers and numbers strings, all the way down: a server that broke its contract.
QJsonValue swapTypes(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString().size();
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Array: {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(swapTypes(item));
        return array;
    }
    case QJsonValue::Object: {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = swapTypes(it.value());
        return object;
    }
    default:
        return value;
    }
}

QByteArray withSwappedTypes(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject())
        return QJsonDocument(swapTypes(document.object()).toObject())
            .toJson(QJsonDocument::Compact);
    if (document.isArray())
        return QJsonDocument(swapTypes(document.array()).toArray()).toJson(QJsonDocument::Compact);
    return body;
}
} // namespace

class SandboxOrgPrivate
{
public:
    SandboxOrgPrivate(SandboxOrg *owner, SandboxConfig configuration);

    HttpOutcome handle(const ApiRequest &request);
    HttpOutcome decide(ApiRequest &request, RateLimiter::Decision &shownLimit);
    HttpOutcome playFault(const Fault &fault, ApiRequest &request,
                          RateLimiter::Decision &shownLimit);
    ApiResponse route(ApiRequest &request);
    std::optional<ApiResponse> authenticate(ApiRequest &request) const;
    void addModuleRoutes();

    SandboxOrg *q;
    const SandboxConfig config;
    const Clock &clock;
    UserDirectory directory;
    TokenStore tokens;
    RateLimiter limiter;
    FaultInjector faults;
    Router router;
    OAuthEndpoints oauth;
    UsersApi usersApi;
    ReviewsApi reviewsApi;
    HttpServer *server = nullptr;
    QHash<QString, int> requestsByFamily;
    int requestsTotal = 0;
    int rateLimited = 0;
};

SandboxOrgPrivate::SandboxOrgPrivate(SandboxOrg *owner, SandboxConfig configuration)
    : q(owner)
    , config(std::move(configuration))
    , clock(config.clock ? *config.clock : Clock::system())
    , directory(config)
    , limiter(config)
    , oauth(config, clock, tokens,
            [this](const QString &login, const QString &password) -> std::optional<SignedInUser> {
                if (!directory.checkPassword(login, password))
                    return std::nullopt;
                const SandboxUser &user = directory.analyst();
                const QString name = user.displayName.isEmpty()
                                         ? user.firstName + QLatin1Char(' ') + user.lastName
                                         : user.displayName;
                return SignedInUser{user.id, user.login, user.email, name};
            })
    , usersApi(directory)
    , reviewsApi(directory, config, clock)
{
    oauth.addRoutes(router);
    addModuleRoutes();
}

void SandboxOrgPrivate::addModuleRoutes()
{
    const auto module = [this](QStringList prefix, Route::Handler handler) {
        Route entry;
        entry.pattern = std::move(prefix);
        entry.prefix = true;
        entry.authenticated = true;
        entry.jsonBody = true;
        entry.handler = std::move(handler);
        router.add(std::move(entry));
    };
    module({QStringLiteral("api"), QStringLiteral("v1"), QStringLiteral("users")},
           [this](const ApiRequest &request) { return usersApi.handle(request); });
    module({QStringLiteral("governance"), QStringLiteral("api"), QStringLiteral("v2"),
            QStringLiteral("security-access-reviews")},
           [this](const ApiRequest &request) { return reviewsApi.handle(request); });
}

HttpOutcome SandboxOrgPrivate::handle(const ApiRequest &incoming)
{
    ApiRequest request = incoming;
    const QDateTime now = clock.now();
    const QString family = RateLimiter::familyFor(request.segments);
    RateLimiter::Decision shownLimit = limiter.take(family, now);
    HttpOutcome outcome = decide(request, shownLimit);

    ApiResponse &response = outcome.response;
    if (response.status == 429)
        ++rateLimited;
    response.headers.append({"Date", httpDate(now)});
    response.headers.append({"X-Okta-Request-Id", TokenStore::randomToken(18).toLatin1()});
    response.headers.append({"X-Rate-Limit-Limit", QByteArray::number(shownLimit.limit)});
    response.headers.append({"X-Rate-Limit-Remaining", QByteArray::number(shownLimit.remaining)});
    response.headers.append(
        {"X-Rate-Limit-Reset", QByteArray::number(shownLimit.resetEpochSeconds)});
    ++requestsByFamily[family];
    ++requestsTotal;
    // Paths only: queries and bodies may carry codes or tokens.
    qCDebug(lcSandbox).noquote() << request.method << request.path << response.status;
    emit q->requestHandled(QString::fromLatin1(request.method), request.path, response.status);
    return outcome;
}

HttpOutcome SandboxOrgPrivate::decide(ApiRequest &request, RateLimiter::Decision &shownLimit)
{
    if (auto refused = RequestChecks::checkPath(request.rawPath))
        return {*refused};
    if (auto refused = RequestChecks::checkBodySize(request.body))
        return {*refused};
    if (!shownLimit.allowed)
        return {rateLimitExceeded()};
    if (const std::optional<Fault> fault = faults.take(request.method, request.path))
        return playFault(*fault, request, shownLimit);
    return {route(request)};
}

HttpOutcome SandboxOrgPrivate::playFault(const Fault &fault, ApiRequest &request,
                                         RateLimiter::Decision &shownLimit)
{
    using Delivery = HttpOutcome::Delivery;
    switch (fault.kind) {
    case Fault::Kind::Latency:
        return {route(request), Delivery::Answer, fault.delayMs};
    case Fault::Kind::ServerError:
        return {ApiResponse::oktaError(fault.httpStatus, QStringLiteral("E0000009"),
                                       QStringLiteral("Internal Server Error"))};
    case Fault::Kind::DropBeforeCommit:
        return {ApiResponse::empty(0), Delivery::Drop};
    case Fault::Kind::DropAfterCommit:
        return {route(request), Delivery::Drop};
    case Fault::Kind::MalformedJson: {
        ApiResponse broken = ApiResponse::empty(200, {{"Content-Type", "application/json"}});
        broken.body = "{\"id\": \"00u\", \"profile\": {\"login\": <html>not json";
        return {broken};
    }
    case Fault::Kind::TruncatedBody:
        return {route(request), Delivery::Truncate};
    case Fault::Kind::WrongTypes: {
        ApiResponse response = route(request);
        response.body = withSwappedTypes(response.body);
        return {response};
    }
    case Fault::Kind::RateLimited:
        shownLimit.remaining = 0;
        shownLimit.resetEpochSeconds = clock.now().addSecs(fault.resetInSeconds).toSecsSinceEpoch();
        return {rateLimitExceeded()};
    case Fault::Kind::ExpiredToken:
        return {invalidToken(request, QStringLiteral("The token has expired."))};
    case Fault::Kind::InsufficientScope:
        return {ApiResponse::insufficientScope(scopeFor(request.method, request.path),
                                               QString::fromLatin1(request.rawPath),
                                               request.baseUrl)};
    }
    return {route(request)};
}

ApiResponse SandboxOrgPrivate::route(ApiRequest &request)
{
    const Router::Match match = router.match(request.method, request.segments);
    if (!match.route) {
        return match.allowedMethods.isEmpty() ? Router::notFound(request.path)
                                              : Router::methodNotAllowed(match.allowedMethods);
    }
    if (match.route->authenticated) {
        if (auto denied = authenticate(request))
            return *denied;
    }
    if (match.route->jsonBody) {
        if (auto malformed = RequestChecks::checkJsonBody(request))
            return *malformed;
    }
    return match.route->handler(request);
}

std::optional<ApiResponse> SandboxOrgPrivate::authenticate(ApiRequest &request) const
{
    const QByteArray header = request.header("Authorization").trimmed();
    const qsizetype space = header.indexOf(' ');
    const QByteArray scheme = space < 0 ? header : header.left(space);
    const QString credential =
        QString::fromLatin1(space < 0 ? QByteArray() : header.mid(space + 1).trimmed());
    if (credential.isEmpty())
        return invalidToken(request, QStringLiteral("The access token is missing."));

    if (scheme.compare("Bearer", Qt::CaseInsensitive) == 0) {
        const std::optional<Grant> grant = tokens.findAccessToken(credential, clock.now());
        if (!grant)
            return invalidToken(request, QStringLiteral("The access token is invalid."));
        request.caller = {grant->userId, grant->scopes, false};
        return std::nullopt;
    }
    if (scheme.compare("SSWS", Qt::CaseInsensitive) == 0 && !config.apiToken.isEmpty() &&
        credential == config.apiToken) {
        request.caller = {directory.analyst().id, {}, true};
        return std::nullopt;
    }
    return invalidToken(request, QStringLiteral("The access token is invalid."));
}

SandboxOrg::SandboxOrg(SandboxConfig config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<SandboxOrgPrivate>(this, std::move(config)))
{}

SandboxOrg::~SandboxOrg() = default;

bool SandboxOrg::start(QString *errorMessage)
{
    if (d->server)
        return true;
    auto *server =
        new HttpServer([this](const ApiRequest &request) { return d->handle(request); }, this);
    if (!server->listenOnLoopback(d->config.port, errorMessage)) {
        delete server;
        return false;
    }
    d->server = server;
    qCInfo(lcSandbox).noquote() << "sandbox org listening on" << server->baseUrl();
    return true;
}

quint16 SandboxOrg::port() const
{
    return d->server ? d->server->port() : 0;
}

QUrl SandboxOrg::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

const SandboxConfig &SandboxOrg::config() const
{
    return d->config;
}

void SandboxOrg::injectFault(const Fault &fault)
{
    d->faults.add(fault);
}

void SandboxOrg::clearFaults()
{
    d->faults.clear();
}

void SandboxOrg::failNextReviewGeneration()
{
    d->reviewsApi.failNextGeneration();
}

int SandboxOrg::requestCount(const QString &family) const
{
    return family.isEmpty() ? d->requestsTotal : d->requestsByFamily.value(family);
}

int SandboxOrg::rateLimitedCount() const
{
    return d->rateLimited;
}

QStringList SandboxOrg::userIds(const QString &status) const
{
    QStringList ids;
    for (const SandboxUser *user : d->directory.all()) {
        if (status.isEmpty() || user->status == status)
            ids.append(user->id);
    }
    return ids;
}

QString SandboxOrg::analystUserId() const
{
    return d->directory.analyst().id;
}

QString SandboxOrg::issueAccessTokenForTests(const QStringList &scopes)
{
    const SandboxUser &analyst = d->directory.analyst();
    Grant grant;
    grant.userId = analyst.id;
    grant.userLogin = analyst.login;
    grant.userEmail = analyst.email;
    grant.clientId = d->config.clientId;
    grant.scopes = scopes.isEmpty() ? d->oauth.grantableScopes() : scopes;
    return d->tokens.issueAccessToken(grant, TokenStore::randomToken(12),
                                      d->clock.now().addSecs(d->config.accessTokenLifetimeSeconds));
}

} // namespace triage::sandbox
