#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace triage::okta {

// Why a call failed, in a form the UI can show (message()) and code can act on (kind).
// Never holds a token: only what the server said and what went wrong on the wire.
struct OktaError
{
    Q_DECLARE_TR_FUNCTIONS(OktaError)
public:
    enum class Kind {
        Network,        // no connection, reset, refused (request known not to have done anything,
                        // or it was safe to retry)
        UnknownOutcome, // a POST/PATCH lost its answer: it may or may not have happened
        Timeout,
        Tls,
        RateLimited,
        Unauthorized,
        Forbidden,
        NotFound,
        Validation,  // 400 and other 4xx: the request was wrong (see causes)
        Server,      // 5xx
        BadResponse, // not JSON, truncated, wrong types, unexpected shape
        Cancelled,
    };

    Kind kind = Kind::Network;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString errorCode, errorSummary, errorId;
    QStringList errorCauses;
    // From WWW-Authenticate (401/403): error, error_description, scope.
    QString authError, authErrorDescription, requiredScope;
    QString detail; // developer detail for logs (network error text, parse error path)

    // One readable sentence (or two) for the analyst.
    QString message() const;
    bool isRetryable() const; // worth trying again later as is

    static OktaError make(Kind kind, QString detail = {});
    // From an HTTP error answer: status, body (Okta error JSON or empty), WWW-Authenticate.
    static OktaError fromHttp(int status, const QByteArray &body,
                              const QByteArray &wwwAuthenticate = {});
    static Kind kindForStatus(int status);
};

QString kindName(OktaError::Kind kind); // "Network", "Timeout", ... for logs and tests

} // namespace triage::okta
