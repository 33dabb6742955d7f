#include "auth/NetworkFailure.h"

#include <QNetworkReply>
#include <QTimer>

namespace triage::auth {

namespace {
const char timedOutProperty[] = "triageTimedOut";
}

void NetworkFailure::armTimeout(QNetworkReply *reply, int msecs)
{
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply] {
        reply->setProperty(timedOutProperty, true);
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, timer, &QTimer::stop);
    timer->start(msecs);
}

NetworkFailure NetworkFailure::of(QNetworkReply *reply)
{
    const QString host = reply->url().host();
    if (reply->property(timedOutProperty).toBool())
        return {Kind::Timeout, tr("%1 did not answer in time. Check your network connection or "
                                  "VPN, then try again.")
                                   .arg(host)};
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
        return {};
    switch (reply->error()) {
    case QNetworkReply::NoError:
        return {};
    case QNetworkReply::HostNotFoundError:
        return {Kind::HostNotFound, tr("The name %1 could not be found (DNS). Check the org "
                                       "address for typos, and your network connection.")
                                        .arg(host)};
    case QNetworkReply::SslHandshakeFailedError:
        return {Kind::Tls, tr("The secure connection to %1 failed: its certificate is not "
                              "trusted or the TLS handshake failed. A proxy or captive portal "
                              "may be intercepting the connection.")
                               .arg(host)};
    case QNetworkReply::ConnectionRefusedError:
        return {Kind::ConnectionRefused,
                tr("%1 refused the connection. Check the address and that nothing blocks it.")
                    .arg(host)};
    case QNetworkReply::TimeoutError:
        return {Kind::Timeout, tr("%1 did not answer in time. Check your network connection or "
                                  "VPN, then try again.")
                                   .arg(host)};
    default:
        return {Kind::Other,
                tr("Could not reach %1 (%2).").arg(host, reply->errorString().left(200))};
    }
}

} // namespace triage::auth
