#include "okta/OktaConnection.h"

#include "common/Clock.h"
#include "common/Logging.h"
#include "okta/AccessTokenProvider.h"
#include "okta/HeaderParsers.h"
#include "okta/OktaIds.h"
#include "okta/SearchExpression.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

namespace triage::okta {

namespace {
// Our reading of a reset time may be a hair early (clocks tick differently): add a little.
constexpr qint64 kResetMarginMs = 50;
constexpr qint64 kMaxWaitSliceMs = 1000;

bool neverReachedServer(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::ConnectionRefusedError ||
           error == QNetworkReply::HostNotFoundError;
}

bool isTimeout(QNetworkReply::NetworkError error)
{
    // setTransferTimeout aborts the reply; depending on the Qt version that reads as either.
    return error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError;
}

bool isTlsError(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::SslHandshakeFailedError;
}

// A request body Qt can send only once. QNetworkAccessManager silently re-sends a request whose
// connection closed while it waited for the answer, even a POST; rewinding the body is how it
// does that, so a body that refuses to rewind turns the re-send into an error we report as
// UnknownOutcome instead of a second review.
class OneShotBody final : public QIODevice
{
public:
    explicit OneShotBody(QByteArray data)
        : m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_data.size(); }
    bool seek(qint64 pos) override
    {
        if (pos != m_read && m_read > 0)
            return false;
        return QIODevice::seek(pos);
    }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        const qint64 n = std::min(max, qint64(m_data.size()) - m_read);
        if (n <= 0)
            return m_read >= m_data.size() ? -1 : 0;
        memcpy(out, m_data.constData() + m_read, size_t(n));
        m_read += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_read = 0;
};

QList<QByteArray> headerValues(const QNetworkReply *network, const QByteArray &name)
{
    QList<QByteArray> values;
    for (const auto &[key, value] : network->rawHeaderPairs()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}
} // namespace

OktaReply::OktaReply(OktaRequest request, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
{}

void OktaReply::cancel()
{
    if (m_cancelled || m_finished)
        return;
    m_cancelled = true;
    // The connection still sees the network reply finish (its rate budget counts it) but
    // delivers nothing.
    if (m_network)
        m_network->abort();
    deleteLater();
}

OktaConnection::OktaConnection(QUrl orgUrl, QNetworkAccessManager *network,
                               AccessTokenProvider &tokens, const Clock &clock, QObject *parent)
    : OktaConnection(std::move(orgUrl), network, tokens, clock, Options{}, parent)
{}

OktaConnection::OktaConnection(QUrl orgUrl, QNetworkAccessManager *network,
                               AccessTokenProvider &tokens, const Clock &clock, Options options,
                               QObject *parent)
    : QObject(parent)
    , m_orgUrl(orgUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment))
    , m_network(network)
    , m_tokens(tokens)
    , m_clock(clock)
    , m_options(std::move(options))
{}

OktaConnection::~OktaConnection() = default;

bool OktaConnection::isSameOrigin(const QUrl &url) const
{
    return url.isValid() && url.scheme() == m_orgUrl.scheme() && url.host() == m_orgUrl.host() &&
           url.port(-1) == m_orgUrl.port(-1) && url.userInfo().isEmpty();
}

std::optional<RateLimit> OktaConnection::rateLimit(const QString &family) const
{
    return m_budgets.value(family).last;
}

QString OktaConnection::familyFor(const QString &path)
{
    QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const bool userSegment =
            i == 3 && segments.mid(0, 3) == QStringList{QStringLiteral("api"), QStringLiteral("v1"),
                                                        QStringLiteral("users")};
        if (isValidOktaId(segments[i]) || (userSegment && segments[i] != QLatin1String("me")))
            segments[i] = QStringLiteral("{id}");
    }
    return QLatin1Char('/') + segments.join(QLatin1Char('/'));
}

QUrl OktaConnection::urlFor(const OktaRequest &request) const
{
    if (!request.url.isEmpty())
        return request.url;
    QUrl url = m_orgUrl;
    // Path segments arrive already percent-encoded (logins): keep them as they are.
    url.setPath(m_orgUrl.path(QUrl::FullyEncoded) + request.path, QUrl::StrictMode);
    if (!request.query.isEmpty())
        url.setQuery(encodeQuery(request.query), QUrl::StrictMode);
    return url;
}

OktaReply *OktaConnection::send(OktaRequest request)
{
    auto *reply = new OktaReply(std::move(request), this);
    reply->m_currentUrl = urlFor(reply->m_request);
    reply->m_request.pages = std::clamp(reply->m_request.pages, 1, m_options.maxPages);
    // Deliver even immediate failures asynchronously, so callers can connect first.
    QTimer::singleShot(0, reply, [this, reply] { dispatch(reply); });
    return reply;
}

OktaReply *OktaConnection::fail(OktaError error)
{
    auto *reply = new OktaReply({}, this);
    QTimer::singleShot(0, reply, [this, reply, error] { finish(reply, error); });
    return reply;
}

qint64 OktaConnection::waitBeforeSending(const QString &family) const
{
    const Budget budget = m_budgets.value(family);
    if (!budget.last)
        return 0;
    const QDateTime now = m_clock.now();
    const qint64 untilReset = budget.last->msecsUntilReset(now);
    // Inside the window: what the server said is left, minus what we sent since.
    // After the reset: a fresh window of `limit`, minus what we sent since.
    const int left = untilReset > 0 ? budget.last->remaining - budget.sentSinceUpdate
                                    : budget.last->limit - budget.sentSinceUpdate;
    if (left > m_options.rateLimitReserve)
        return 0;
    return untilReset > 0 ? untilReset + kResetMarginMs : 0;
}

void OktaConnection::dispatch(OktaReply *reply)
{
    if (reply->m_cancelled)
        return;
    if (!isSameOrigin(reply->m_currentUrl)) {
        // Never send the token anywhere but the org.
        finish(reply, OktaError::make(OktaError::Kind::BadResponse,
                                      QStringLiteral("refused a URL outside the org")));
        return;
    }
    if (!m_network) {
        finish(reply, OktaError::make(OktaError::Kind::Network, QStringLiteral("no network")));
        return;
    }
    reply->m_family = familyFor(reply->m_currentUrl.path(QUrl::FullyEncoded));
    const qint64 wait = waitBeforeSending(reply->m_family);
    if (wait > 0) {
        if (!reply->m_waitLogged) {
            qCInfo(lcNet) << "rate limit budget of" << reply->m_family << "used up; waiting" << wait
                          << "ms for the reset";
            reply->m_waitLogged = true;
        }
        // Look again at least every second: the clock may jump (suspend, tests), and the
        // reset is judged by the clock, not by the timer.
        QTimer::singleShot(std::min(wait, kMaxWaitSliceMs), reply,
                           [this, reply] { dispatch(reply); });
        return;
    }
    reply->m_waitLogged = false;
    transmit(reply);
}

void OktaConnection::transmit(OktaReply *reply)
{
    QNetworkRequest request(reply->m_currentUrl);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", m_options.userAgent);
    const QByteArray authorization = m_tokens.authorizationHeader();
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    if (!reply->m_request.body.isEmpty() || reply->m_request.method == "POST" ||
        reply->m_request.method == "PATCH")
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_options.timeoutMs);
    // Redirects could carry the token elsewhere; Okta's API doesn't redirect.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);

    Budget &budget = m_budgets[reply->m_family];
    ++budget.inFlight;
    ++budget.sentSinceUpdate;
    ++reply->m_attempt;
    reply->m_sentAt.start();
    QNetworkReply *network = nullptr;
    if (reply->m_request.method == "GET") {
        network = m_network->get(request);
    } else if (reply->m_request.isIdempotent()) {
        network =
            m_network->sendCustomRequest(request, reply->m_request.method, reply->m_request.body);
    } else {
        request.setHeader(QNetworkRequest::ContentLengthHeader, reply->m_request.body.size());
        auto *body = new OneShotBody(reply->m_request.body);
        network = m_network->sendCustomRequest(request, reply->m_request.method, body);
        body->setParent(network);
    }
    reply->m_network = network;
    // Context `this`, not the reply: the budget must hear of every finished request, also of
    // cancelled ones whose OktaReply is gone.
    const QString family = reply->m_family;
    connect(network, &QNetworkReply::finished, this,
            [this, guard = QPointer<OktaReply>(reply), network, family] {
                network->deleteLater();
                updateBudget(family, network);
                if (guard && !guard->m_cancelled)
                    onNetworkFinished(guard, network);
            });
    // An OktaReply destroyed mid-flight (its parent went away) aborts its request.
    connect(reply, &QObject::destroyed, network, &QNetworkReply::abort);
}

void OktaConnection::updateBudget(const QString &family, QNetworkReply *network)
{
    Budget &budget = m_budgets[family];
    budget.inFlight = std::max(0, budget.inFlight - 1);
    const auto rate = RateLimit::fromHeaders(
        network->rawHeader("X-Rate-Limit-Limit"), network->rawHeader("X-Rate-Limit-Remaining"),
        network->rawHeader("X-Rate-Limit-Reset"), network->rawHeader("Date"), m_clock.now());
    if (!rate)
        return;
    budget.last = *rate;
    budget.last->family = family;
    // Requests still out were probably not counted in these numbers yet.
    budget.sentSinceUpdate = budget.inFlight;
    emit rateLimitChanged(*budget.last);
}

void OktaConnection::onNetworkFinished(OktaReply *reply, QNetworkReply *network)
{
    reply->m_network = nullptr;
    qCInfo(lcNet).noquote() << reply->m_request.method
                            << reply->m_currentUrl.path(QUrl::FullyEncoded)
                            << network->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
                            << reply->m_sentAt.elapsed() << "ms";
    handleAnswer(reply, network);
}

void OktaConnection::handleAnswer(OktaReply *reply, QNetworkReply *network)
{
    using Kind = OktaError::Kind;
    const OktaRequest &request = reply->m_request;
    const int status = network->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = network->error();
    const QByteArray body = network->readAll();
    const bool canRetry = request.isIdempotent() && reply->m_attempt < m_options.maxAttempts;
    const bool transportFailed =
        netError != QNetworkReply::NoError &&
        (status == 0 || netError < QNetworkReply::ProxyConnectionRefusedError);

    if (transportFailed || status == 0) {
        OktaError error = OktaError::make(Kind::Network, network->errorString());
        if (isTimeout(netError))
            error.kind = Kind::Timeout;
        else if (isTlsError(netError))
            error.kind = Kind::Tls;
        if (status != 0) {
            // Headers arrived, then the body broke off.
            error.kind = Kind::BadResponse;
            error.httpStatus = status;
            error.detail = QStringLiteral("truncated answer: ") + error.detail;
        }
        if (error.kind != Kind::Tls && canRetry) {
            retryLater(reply, backoffMs(reply->m_attempt));
            return;
        }
        const bool maybeDone = !request.isIdempotent() && error.kind != Kind::Tls && status == 0 &&
                               !neverReachedServer(netError);
        if (maybeDone)
            error.kind = Kind::UnknownOutcome;
        finish(reply, error);
        return;
    }

    if (status == 401 && !reply->m_refreshed) {
        reply->m_refreshed = true;
        m_tokens.refreshAfterUnauthorized(reply, [this, reply](Renewal renewal) {
            switch (renewal) {
            case Renewal::Renewed:
                --reply->m_attempt; // the refresh round does not use up a retry
                dispatch(reply);
                break;
            case Renewal::RetryingLater: {
                // Okta can't renew the sign-in just now and the session keeps trying: a
                // transient failure, so pollers go on and nobody is told to sign in again.
                OktaError error = OktaError::make(
                    Kind::Network, QStringLiteral("401 while the sign-in renewal is retrying"));
                error.httpStatus = 401;
                finish(reply, error);
                break;
            }
            case Renewal::SignInRequired:
                finish(reply,
                       OktaError::make(Kind::Unauthorized, QStringLiteral("token refresh failed")));
                break;
            }
        });
        return;
    }
    if (status == 429 && request.isIdempotent() &&
        reply->m_rateWaits < m_options.maxRateLimitWaits) {
        ++reply->m_rateWaits;
        --reply->m_attempt;
        // The answer's headers said the budget is gone: dispatch() waits for the reset.
        // Without them, back off instead.
        const bool knowsReset = m_budgets.value(reply->m_family).last.has_value();
        qCInfo(lcNet) << "429 on" << reply->m_family << "; retrying after the reset";
        retryLater(reply, knowsReset ? 0 : backoffMs(reply->m_rateWaits));
        return;
    }
    if (status >= 500 && canRetry) {
        retryLater(reply, backoffMs(reply->m_attempt));
        return;
    }
    if (status >= 300) {
        finish(reply, OktaError::fromHttp(status, body, network->rawHeader("WWW-Authenticate")));
        return;
    }

    // 2xx: a truncated body can also come with no error at all.
    const QVariant declared = network->header(QNetworkRequest::ContentLengthHeader);
    if (declared.isValid() && declared.toLongLong() != body.size()) {
        OktaError error = OktaError::make(Kind::BadResponse, QStringLiteral("truncated answer"));
        error.httpStatus = status;
        if (canRetry) {
            retryLater(reply, backoffMs(reply->m_attempt));
            return;
        }
        finish(reply, error);
        return;
    }

    reply->m_status = status;
    reply->m_bodies.append(body);
    QUrl next = nextLink(headerValues(network, "Link"));
    if (next.isEmpty()) {
        // Governance lists also carry the link in the body.
        const QJsonValue href = QJsonDocument::fromJson(body)
                                    .object()
                                    .value(QLatin1String("_links"))
                                    .toObject()
                                    .value(QLatin1String("next"))
                                    .toObject()
                                    .value(QLatin1String("href"));
        if (href.isString())
            next = QUrl(href.toString(), QUrl::StrictMode);
    }
    if (!next.isEmpty() && !isSameOrigin(next)) {
        qCWarning(lcNet) << "ignored a next link outside the org";
        next.clear();
    }
    reply->m_next = next;
    if (!next.isEmpty() && reply->m_bodies.size() < request.pages) {
        reply->m_currentUrl = next;
        reply->m_attempt = 0;
        reply->m_rateWaits = 0;
        dispatch(reply);
        return;
    }
    finish(reply, std::nullopt);
}

void OktaConnection::retryLater(OktaReply *reply, qint64 delayMs)
{
    qCDebug(lcNet) << "retrying" << reply->m_request.method
                   << reply->m_currentUrl.path(QUrl::FullyEncoded) << "in" << delayMs << "ms";
    QTimer::singleShot(delayMs, reply, [this, reply] { dispatch(reply); });
}

qint64 OktaConnection::backoffMs(int attempt) const
{
    const qint64 exponential = std::min<qint64>(
        m_options.backoffCapMs, qint64(m_options.backoffBaseMs) << std::clamp(attempt - 1, 0, 16));
    // Full jitter over the upper half: spread clients out, never retry at once.
    return exponential / 2 + QRandomGenerator::global()->bounded(exponential / 2 + 1);
}

void OktaConnection::finish(OktaReply *reply, std::optional<OktaError> error)
{
    if (reply->m_cancelled || reply->m_finished)
        return;
    if (error && reply->m_sentAt.isValid()) {
        qCInfo(lcNet).noquote() << reply->m_request.method
                                << reply->m_currentUrl.path(QUrl::FullyEncoded)
                                << "failed:" << kindName(error->kind) << error->httpStatus
                                << error->errorCode << error->detail;
    } else if (error) {
        qCDebug(lcNet).noquote() << "refused before sending:" << kindName(error->kind)
                                 << error->detail;
    }
    reply->m_error = std::move(error);
    reply->m_finished = true;
    emit reply->finished();
    reply->deleteLater();
}

} // namespace triage::okta
