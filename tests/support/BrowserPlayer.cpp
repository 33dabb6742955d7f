#include "BrowserPlayer.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>

#include <memory>

namespace triage::test {

namespace {
std::unique_ptr<QNetworkReply> finished(QNetworkReply *reply)
{
    if (!reply->isFinished())
        QSignalSpy(reply, &QNetworkReply::finished).wait(10000);
    return std::unique_ptr<QNetworkReply>(reply);
}

QByteArray formField(const char *name, const QString &value)
{
    return QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
}
} // namespace

void playBrowser(QNetworkAccessManager &network, const QUrl &authorizeUrl, const QString &login,
                 const QString &password)
{
    const auto page = finished(network.get(QNetworkRequest(authorizeUrl)));
    static const QRegularExpression transaction(
        QStringLiteral("name=\"transaction_id\" value=\"([^\"]*)\""));
    const auto match = transaction.match(QString::fromUtf8(page->readAll()));
    if (!match.hasMatch())
        return;
    QNetworkRequest post(authorizeUrl.resolved(QUrl(QStringLiteral("/oauth2/v1/authorize"))));
    post.setHeader(QNetworkRequest::ContentTypeHeader,
                   QByteArrayLiteral("application/x-www-form-urlencoded"));
    post.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                      QNetworkRequest::ManualRedirectPolicy);
    const QByteArray body = formField("transaction_id", match.captured(1)) + '&' +
                            formField("username", login) + '&' + formField("password", password);
    const auto submitted = finished(network.post(post, body));
    const QUrl callback = submitted->header(QNetworkRequest::LocationHeader).toUrl();
    if (callback.isValid())
        finished(network.get(QNetworkRequest(callback)));
}

} // namespace triage::test
