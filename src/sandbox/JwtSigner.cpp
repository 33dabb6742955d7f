#include "sandbox/JwtSigner.h"

#include "common/Logging.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

namespace triage::sandbox {

namespace {
QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray bigNumParam(EVP_PKEY *key, const char *name)
{
    BIGNUM *number = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &number) != 1)
        return {};
    QByteArray bytes(BN_num_bytes(number), Qt::Uninitialized);
    BN_bn2bin(number, reinterpret_cast<unsigned char *>(bytes.data()));
    BN_free(number);
    return bytes;
}
} // namespace

struct JwtSigner::Key
{
    EVP_PKEY *pkey = nullptr;
    QString kid;
    QByteArray n, e;
};

JwtSigner &JwtSigner::instance()
{
    static JwtSigner signer;
    return signer;
}

JwtSigner::JwtSigner()
    : m_key(new Key)
{
    EVP_PKEY_CTX *context = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    if (context && EVP_PKEY_keygen_init(context) == 1 &&
        EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) == 1)
        EVP_PKEY_generate(context, &m_key->pkey);
    EVP_PKEY_CTX_free(context);
    if (!m_key->pkey) {
        qCWarning(lcSandbox) << "could not generate the id_token signing key";
        return;
    }
    m_key->n = bigNumParam(m_key->pkey, OSSL_PKEY_PARAM_RSA_N);
    m_key->e = bigNumParam(m_key->pkey, OSSL_PKEY_PARAM_RSA_E);
    // kid: a short digest of the modulus, stable for the key's lifetime.
    m_key->kid = QString::fromLatin1(
        base64Url(QCryptographicHash::hash(m_key->n, QCryptographicHash::Sha256).left(16)));
}

JwtSigner::~JwtSigner()
{
    EVP_PKEY_free(m_key->pkey);
    delete m_key;
}

QString JwtSigner::keyId() const
{
    return m_key->kid;
}

QString JwtSigner::sign(const QJsonObject &claims) const
{
    if (!m_key->pkey)
        return {};
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("kid"), m_key->kid},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QByteArray signingInput =
        base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
        base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    QByteArray signature;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    size_t length = 0;
    const auto *input = reinterpret_cast<const unsigned char *>(signingInput.constData());
    if (context && EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, m_key->pkey) == 1 &&
        EVP_DigestSign(context, nullptr, &length, input, size_t(signingInput.size())) == 1) {
        signature.resize(qsizetype(length));
        if (EVP_DigestSign(context, reinterpret_cast<unsigned char *>(signature.data()), &length,
                           input, size_t(signingInput.size())) == 1)
            signature.resize(qsizetype(length));
        else
            signature.clear();
    }
    EVP_MD_CTX_free(context);
    if (signature.isEmpty())
        return {};
    return QString::fromLatin1(signingInput + '.' + base64Url(signature));
}

QJsonObject JwtSigner::jwks() const
{
    QJsonArray keys;
    if (m_key->pkey) {
        keys.append(QJsonObject{{QStringLiteral("kty"), QStringLiteral("RSA")},
                                {QStringLiteral("alg"), QStringLiteral("RS256")},
                                {QStringLiteral("use"), QStringLiteral("sig")},
                                {QStringLiteral("kid"), m_key->kid},
                                {QStringLiteral("n"), QString::fromLatin1(base64Url(m_key->n))},
                                {QStringLiteral("e"), QString::fromLatin1(base64Url(m_key->e))}});
    }
    return QJsonObject{{QStringLiteral("keys"), keys}};
}

} // namespace triage::sandbox
