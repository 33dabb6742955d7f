#pragma once

#include <QByteArray>
#include <QString>

namespace triage::auth {

// What came back on the redirect: either a code or an OAuth error, state already checked.
struct AuthorizationResponse
{
    QByteArray code; // secret: never logged
    QString error;   // e.g. access_denied
    QString errorDescription;
};

// The loopback receiver's judgement of one browser request, from its head alone (everything
// before the blank line). A pure function of hostile bytes, so it can be fuzzed without a socket.
struct CallbackRequest
{
    enum class Verdict {
        BadRequest,       // not an HTTP/1.x request line
        MethodNotAllowed, // not GET
        NotFound,         // not /callback
        StateMismatch,    // a /callback without exactly one state equal to the expected one
        Received,         // a matching redirect: response holds a code or an OAuth error
    };
    Verdict verdict = Verdict::BadRequest;
    AuthorizationResponse response; // Received only

    static CallbackRequest parse(const QByteArray &head, const QByteArray &expectedState);
};

} // namespace triage::auth
