#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace triage::auth {

// The org authorization server's endpoints, from its discovery document.
struct OrgEndpoints
{
    Q_DECLARE_TR_FUNCTIONS(triage::auth::OrgEndpoints)
public:
    QUrl issuer, authorization, token, revocation, endSession;
    QStringList codeChallengeMethods;

    bool isValid() const { return authorization.isValid() && token.isValid(); }

    // Refuses documents that are not an Okta org's: missing endpoints, an issuer that is not
    // `org`, or endpoints on another origin (they would receive codes and tokens).
    static std::optional<OrgEndpoints> fromDiscovery(const QJsonObject &document, const QUrl &org,
                                                     QString *error = nullptr);
};

// The outcome of checking an org address.
struct DiscoveryResult
{
    enum class Status {
        Ok,
        DnsFailure,
        TlsFailure,
        Timeout,
        ConnectionRefused,
        HttpError,
        NotAnOktaOrg,
        NetworkError,
    };
    Status status = Status::NetworkError;
    QString message; // user-facing
    int httpStatus = 0;
    OrgEndpoints endpoints; // Ok only
};

// Checks that an address is an Okta org by fetching /.well-known/openid-configuration.
class OrgDiscovery : public QObject
{
    Q_OBJECT
public:
    explicit OrgDiscovery(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~OrgDiscovery() override;

    void setTimeout(int msecs) { m_timeoutMs = msecs; }
    // `org` is a normalised org URL (OrgUrl::url()). A new check replaces a running one.
    void check(const QUrl &org);
    void abort();

signals:
    void finished(const triage::auth::DiscoveryResult &result);

private:
    DiscoveryResult resultOf(QNetworkReply *reply, const QUrl &org) const;

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    int m_timeoutMs = 15000;
};

} // namespace triage::auth

Q_DECLARE_METATYPE(triage::auth::DiscoveryResult)
