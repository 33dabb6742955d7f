#pragma once

#include <QByteArray>
#include <QObject>

#include <functional>

namespace triage::okta {

// How a refresh asked for after a 401 ended, decided by the provider when it answers.
enum class Renewal {
    Renewed,        // a new header is ready: the call is sent again
    RetryingLater,  // Okta can't renew it just now and the provider keeps trying by itself: the
                    // call fails for want of a connection, not because the analyst must sign in
    SignInRequired, // refused, signed out, or nothing to renew with
};

// What the request path needs from whoever holds the credentials (auth::Session, or an SSWS key).
class AccessTokenProvider
{
public:
    virtual ~AccessTokenProvider() = default;

    // The Authorization header value ("Bearer ..." or "SSWS ..."); empty when there is none.
    virtual QByteArray authorizationHeader() const = 0;

    // Asked once after a 401: get a fresh token if possible, then say how it went. `context`
    // guards the callback.
    virtual void refreshAfterUnauthorized(QObject *context, std::function<void(Renewal)> done) = 0;
};

} // namespace triage::okta
