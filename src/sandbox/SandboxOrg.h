#pragma once

#include "sandbox/SandboxConfig.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace triage::sandbox {

// A fault the sandbox plays on matching requests, for tests (and the --fault flag).
struct Fault
{
    enum class Kind {
        Latency,          // delay the answer by delayMs, then answer normally
        ServerError,      // answer httpStatus (500, 502, 503) with an Okta E0000009 body
        DropBeforeCommit, // close the connection without changing anything
        DropAfterCommit,  // do the work (e.g. create the review), then close without answering
        MalformedJson,    // 200 with a body that is not JSON
        TruncatedBody,    // the real answer cut in half (Content-Length of the whole)
        WrongTypes,       // the real answer with field types swapped (strings <-> numbers)
        RateLimited,  // 429 E0000047 with X-Rate-Limit-Remaining 0 and a reset resetInSeconds away
        ExpiredToken, // 401 E0000011 as if the access token had expired
        InsufficientScope, // 403 with an empty body and WWW-Authenticate insufficient_scope
    };
    Kind kind = Kind::ServerError;
    QByteArray method;  // empty: any method
    QString pathPrefix; // e.g. "/api/v1/users"; empty: any path
    // How many matching requests it hits; -1: until cleared. QNetworkAccessManager silently resends
    // a request once when the connection drops before any byte of the answer (even a POST), so a
    // drop is only visible to such a client with times >= 2 (and DropAfterCommit then commits
    // twice).
    int times = 1;
    int httpStatus = 500;
    int delayMs = 0;
    int resetInSeconds = 30;
};

class SandboxOrgPrivate;

// The sandbox org: an HTTP server on 127.0.0.1 that behaves like an Okta org for every call
// Access Triage makes (OAuth, Users API, security access reviews), with Okta's status codes,
// headers and error bodies.
class SandboxOrg : public QObject
{
    Q_OBJECT
public:
    explicit SandboxOrg(SandboxConfig config = {}, QObject *parent = nullptr);
    ~SandboxOrg() override;

    bool start(QString *errorMessage = nullptr); // listens on 127.0.0.1:config.port
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT
    const SandboxConfig &config() const;

    // Faults, for tests.
    void injectFault(const Fault &fault);
    void clearFaults();
    // The next review created goes to ERROR instead of ACTIVE.
    void failNextReviewGeneration();

    // What happened, for tests and the soak: requests answered per rate-limit family, 429s sent.
    int requestCount(const QString &family = {}) const;
    int rateLimitedCount() const;

    // Directory look-ups for tests (ids of users with a given status, the signed-in analyst).
    QStringList userIds(const QString &status = QStringLiteral("ACTIVE")) const;
    QString analystUserId() const;

    // A code-less way for tests to get a token (as if the analyst had signed in with these scopes).
    QString issueAccessTokenForTests(const QStringList &scopes = {});

signals:
    void requestHandled(const QString &method, const QString &path, int status);

private:
    std::unique_ptr<SandboxOrgPrivate> d;
};

} // namespace triage::sandbox
