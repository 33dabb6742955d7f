#pragma once

#include <QByteArray>
#include <QObject>

#include <functional>

namespace triage::okta {

// What the request path needs from whoever holds the credentials (auth::Session, or an SSWS key).
class AccessTokenProvider
{
public:
    virtual ~AccessTokenProvider() = default;

    // The Authorization header value ("Bearer ..." or "SSWS ..."); empty when there is none.
    virtual QByteArray authorizationHeader() const = 0;

    // Asked once after a 401: get a fresh token if possible, then call done(true) if a new
    // header is ready, done(false) if the user must sign in again. `context` guards the callback.
    virtual void refreshAfterUnauthorized(QObject *context, std::function<void(bool ok)> done) = 0;

    // After done(false): true when the provider is still renewing by itself (the org's token
    // endpoint failed for a transient reason), so the call failed for want of a connection,
    // not because the analyst must sign in again.
    virtual bool renewalRetrying() const { return false; }
};

} // namespace triage::okta
