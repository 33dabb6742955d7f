#pragma once

#include <QJsonObject>
#include <QString>

namespace triage::sandbox {

// Signs id_tokens with RS256 (OpenSSL) and publishes the public key as a JWKS. One 2048-bit key
// per process, made on first use: key generation is the slow part and tests start many orgs.
class JwtSigner
{
public:
    static JwtSigner &instance();

    QString sign(const QJsonObject &claims) const; // compact JWS, empty on failure
    QJsonObject jwks() const;                      // {"keys":[{kty,alg,use,kid,n,e}]}
    QString keyId() const;

    ~JwtSigner();
    JwtSigner(const JwtSigner &) = delete;
    JwtSigner &operator=(const JwtSigner &) = delete;

private:
    JwtSigner();
    struct Key;
    Key *m_key;
};

} // namespace triage::sandbox
