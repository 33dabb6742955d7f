#pragma once

#include "okta/OktaError.h"
#include "okta/RateLimit.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>
#include <utility>

class QNetworkAccessManager;

namespace triage {
class Clock;
}

namespace triage::okta {

class AccessTokenProvider;

// What to send. path + query are relative to the org; url (a next link) wins when set.
struct OktaRequest
{
    QByteArray method = "GET";
    QString path;                             // e.g. "/api/v1/users"
    QList<std::pair<QString, QString>> query; // plain values; encoded on the way out
    QUrl url;                                 // absolute, same origin as the org
    QByteArray body;                          // JSON, for POST/PATCH
    int pages = 1; // follow Link rel="next" until this many pages (capped by Options::maxPages)

    bool isIdempotent() const { return method == "GET" || method == "HEAD"; }
};

// One call in flight. Emits finished() exactly once unless cancelled; a cancelled reply never
// emits. Deletes itself after finished() (keep a QPointer to cancel later).
class OktaReply : public QObject
{
    Q_OBJECT
public:
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_error; }
    const OktaError &error() const { return *m_error; } // only when !ok()
    int httpStatus() const { return m_status; }
    const QList<QByteArray> &bodies() const { return m_bodies; } // one per page
    QByteArray body() const { return m_bodies.value(0); }
    QUrl nextUrl() const { return m_next; } // next page after the last one fetched
    QByteArray method() const { return m_request.method; }

    // Stops the call: the network request is aborted, finished() never comes.
    void cancel();

signals:
    void finished();

private:
    friend class OktaConnection;
    explicit OktaReply(OktaRequest request, QObject *parent);

    OktaRequest m_request;
    QUrl m_currentUrl;
    QString m_family;
    QPointer<QNetworkReply> m_network;
    int m_attempt = 0;   // tries of the current page
    int m_rateWaits = 0; // 429s waited out
    bool m_refreshed = false;
    bool m_waitLogged = false;
    bool m_cancelled = false;
    bool m_finished = false;
    QElapsedTimer m_sentAt;

    std::optional<OktaError> m_error;
    int m_status = 0;
    QList<QByteArray> m_bodies;
    QUrl m_next;
};

// The one request path to one Okta org: auth header, timeouts, rate-limit pacing, retries of safe
// calls, 401 refresh, error parsing, paging. Everything else builds OktaRequests.
class OktaConnection : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int timeoutMs = 30000;
        int maxAttempts = 3;     // per GET page, for network errors, timeouts and 5xx
        int backoffBaseMs = 400; // doubled per attempt, jittered
        int backoffCapMs = 4000;
        int maxRateLimitWaits = 2; // 429s waited out per GET
        int maxPages = 50;         // cap for "all pages" calls
        int rateLimitReserve = 0;  // wait when a family's remaining budget drops to this
        QByteArray userAgent = "AccessTriage/0.1 (Qt)";
    };

    OktaConnection(QUrl orgUrl, QNetworkAccessManager *network, AccessTokenProvider &tokens,
                   const Clock &clock, QObject *parent = nullptr);
    OktaConnection(QUrl orgUrl, QNetworkAccessManager *network, AccessTokenProvider &tokens,
                   const Clock &clock, Options options, QObject *parent = nullptr);
    ~OktaConnection() override;

    OktaReply *send(OktaRequest request);
    // A reply that fails with `error` on the next event-loop turn, for requests refused before
    // sending (bad id, invalid draft), so callers handle every failure the same way.
    OktaReply *fail(OktaError error);

    QUrl orgUrl() const { return m_orgUrl; }
    const Clock &clock() const { return m_clock; }
    const Options &options() const { return m_options; }
    // Only URLs on the org's scheme, host and port ever get the Authorization header.
    bool isSameOrigin(const QUrl &url) const;
    std::optional<RateLimit> rateLimit(const QString &family) const;

    // Rate-limit family of a path: ids become {id} ("/api/v1/users/{id}", "/api/v1/users/me").
    static QString familyFor(const QString &path);

signals:
    void rateLimitChanged(const triage::okta::RateLimit &rate);

private:
    struct Budget
    {
        std::optional<RateLimit> last;
        int inFlight = 0;
        int sentSinceUpdate = 0; // sent after the last headers were read
    };

    void dispatch(OktaReply *reply);
    void transmit(OktaReply *reply);
    void onNetworkFinished(OktaReply *reply, QNetworkReply *network);
    void handleAnswer(OktaReply *reply, QNetworkReply *network);
    void retryLater(OktaReply *reply, qint64 delayMs);
    void finish(OktaReply *reply, std::optional<OktaError> error);
    qint64 waitBeforeSending(const QString &family) const; // 0: send now
    void updateBudget(const QString &family, QNetworkReply *network);
    qint64 backoffMs(int attempt) const;
    QUrl urlFor(const OktaRequest &request) const;

    QUrl m_orgUrl;
    QPointer<QNetworkAccessManager> m_network;
    AccessTokenProvider &m_tokens;
    const Clock &m_clock;
    Options m_options;
    QHash<QString, Budget> m_budgets;
};

} // namespace triage::okta
