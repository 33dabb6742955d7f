#pragma once

#include <QByteArray>

namespace triage::auth {

// PKCE (RFC 7636) and the other one-time random values of a sign-in. All randomness comes from
// the OS CSPRNG (QRandomGenerator::system()): these values are what stops a stolen code or a
// forged redirect from being usable.
class Pkce
{
public:
    static constexpr int DefaultVerifierLength = 64; // RFC 7636 allows 43..128

    // A verifier of `length` characters from [A-Za-z0-9-._~]; length is clamped to 43..128.
    static QByteArray generateVerifier(int length = DefaultVerifierLength);
    // S256: base64url(SHA-256(verifier)) without padding.
    static QByteArray challengeFor(const QByteArray &verifier);
    // A url-safe random value for `state` and `nonce` (32 bytes of entropy).
    static QByteArray randomToken();
};

} // namespace triage::auth
