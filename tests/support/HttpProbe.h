#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QUrl>

class QNetworkAccessManager;

namespace triage::test {

// A whole HTTP answer as the tests inspect it.
struct HttpAnswer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    QJsonObject json() const;                        // empty when the body is not an object
    QString errorCode() const;                       // Okta's errorCode, if any
};

// Sends one request over real HTTP and waits (up to 10 s) for the whole answer.
// Redirects are not followed, so a test sees a 302 and its Location as a browser would.
HttpAnswer sendHttp(QNetworkAccessManager &network, const QUrl &url, const QByteArray &method,
                    const QByteArray &body = {}, const QByteArray &contentType = {},
                    const QByteArray &authorization = {});

} // namespace triage::test
