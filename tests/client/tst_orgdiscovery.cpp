// Checking an org address: the sandbox as a real org, and a scripted server for every way an
// address can fail to be an Okta org (DNS, TLS, timeout, refused, HTTP error, wrong document).
#include "auth/OrgDiscovery.h"
#include "auth/OrgUrl.h"
#include "sandbox/SandboxOrg.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using triage::auth::DiscoveryResult;
using triage::auth::OrgDiscovery;
using triage::auth::OrgUrl;
using Status = DiscoveryResult::Status;

namespace {

// Answers every request with the same bytes (or nothing at all), then closes.
class CannedServer : public QTcpServer
{
public:
    QByteArray answer;
    bool silent = false;
    bool answerOnConnect = false; // before reading anything (e.g. plain text to a TLS client)

    CannedServer() { listen(QHostAddress(QHostAddress::LocalHost), 0); }
    QUrl url(const QString &scheme = QStringLiteral("http")) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(serverPort()));
    }

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(handle);
        if (answerOnConnect) {
            socket->write(answer);
            socket->disconnectFromHost();
            return;
        }
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            if (silent || !socket->peek(64 * 1024).contains("\r\n\r\n"))
                return;
            socket->readAll();
            socket->write(answer);
            socket->disconnectFromHost();
        });
    }
};

QByteArray httpAnswer(int status, const QByteArray &body, qsizetype contentLength = -1)
{
    return "HTTP/1.1 " + QByteArray::number(status) +
           " X\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(contentLength < 0 ? body.size() : contentLength) +
           "\r\nConnection: close\r\n\r\n" + body;
}

QByteArray document(const QUrl &issuer, const QString &tokenHost = {})
{
    const QString base = issuer.toString();
    const QString tokenBase = tokenHost.isEmpty() ? base : QStringLiteral("https://") + tokenHost;
    return QStringLiteral(
               "{\"issuer\":\"%1\",\"authorization_endpoint\":\"%1/oauth2/v1/authorize\","
               "\"token_endpoint\":\"%2/oauth2/v1/token\","
               "\"code_challenge_methods_supported\":[\"S256\"]}")
        .arg(base, tokenBase)
        .toUtf8();
}

} // namespace

class TestOrgDiscovery : public QObject
{
    Q_OBJECT
private:
    QNetworkAccessManager m_nam;

    DiscoveryResult check(const QUrl &org, int timeoutMs = 5000)
    {
        OrgDiscovery discovery(&m_nam);
        discovery.setTimeout(timeoutMs);
        QSignalSpy finished(&discovery, &OrgDiscovery::finished);
        discovery.check(org);
        if (!finished.wait(timeoutMs + 10000))
            return {};
        [&] { QCOMPARE(finished.size(), 1); }();
        return finished.at(0).at(0).value<DiscoveryResult>();
    }

private slots:
    void sandboxIsAnOktaOrg()
    {
        triage::sandbox::SandboxConfig config;
        config.users = 5;
        triage::sandbox::SandboxOrg org(config);
        QVERIFY(org.start());
        const OrgUrl url = OrgUrl::fromUserInput(org.baseUrl().toString(), OrgUrl::Kind::Sandbox);
        QVERIFY2(url.isValid(), qPrintable(url.errorString()));
        const DiscoveryResult result = check(url.url());
        QCOMPARE(result.status, Status::Ok);
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(result.endpoints.token.path(), QStringLiteral("/oauth2/v1/token"));
        QCOMPARE(result.endpoints.authorization.path(), QStringLiteral("/oauth2/v1/authorize"));
        QCOMPARE(result.endpoints.revocation.path(), QStringLiteral("/oauth2/v1/revoke"));
        QVERIFY(result.endpoints.codeChallengeMethods.contains(QStringLiteral("S256")));
    }

    void notAnOktaOrg_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("status");
        CannedServer probe; // only for the issuer text in the rows below
        QTest::newRow("404") << httpAnswer(404, "<html>nope</html>") << int(Status::HttpError);
        QTest::newRow("500") << httpAnswer(500, "{}") << int(Status::HttpError);
        QTest::newRow("html") << httpAnswer(200, "<html>\"login\" \\ \xd0\x96</html>")
                              << int(Status::NotAnOktaOrg);
        QTest::newRow("array") << httpAnswer(200, "[1,2]") << int(Status::NotAnOktaOrg);
        QTest::newRow("empty object") << httpAnswer(200, "{}") << int(Status::NotAnOktaOrg);
        QTest::newRow("issuer number")
            << httpAnswer(200, "{\"issuer\":42,\"authorization_endpoint\":null}")
            << int(Status::NotAnOktaOrg);
        QTest::newRow("other issuer")
            << httpAnswer(200, document(QUrl(QStringLiteral("https://evil.example"))))
            << int(Status::NotAnOktaOrg);
        QTest::newRow("truncated")
            << httpAnswer(200, "{\"issuer\":\"http://127.0.0.1", 400) << int(Status::NotAnOktaOrg);
    }
    void notAnOktaOrg()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, status);
        CannedServer server;
        server.answer = answer;
        const DiscoveryResult result = check(server.url());
        QVERIFY2(int(result.status) == status, qPrintable(result.message));
        QVERIFY(!result.message.isEmpty());
        QVERIFY(!result.endpoints.isValid());
    }

    void endpointsOnAnotherSiteAreRefused()
    {
        CannedServer server;
        server.answer = httpAnswer(200, document(server.url(), QStringLiteral("evil.example")));
        const DiscoveryResult result = check(server.url());
        QCOMPARE(result.status, Status::NotAnOktaOrg);
        QVERIFY(result.message.contains(QLatin1String("evil.example")));

        CannedServer good; // and the same document with its own endpoints is accepted
        good.answer = httpAnswer(200, document(good.url()));
        QCOMPARE(check(good.url()).status, Status::Ok);
    }

    void endpointAddressesAreCheckedAsOrigins_data()
    {
        QTest::addColumn<QString>("authorize");
        QTest::addColumn<QString>("expected"); // empty: the document is refused
        const QString org = QStringLiteral("https://acme.okta.com");
        QTest::newRow("default port written out")
            << org + QStringLiteral(":443/oauth2/v1/authorize")
            << org + QStringLiteral("/oauth2/v1/authorize");
        QTest::newRow("other port")
            << org + QStringLiteral(":8443/oauth2/v1/authorize") << QString();
        QTest::newRow("user info")
            << QStringLiteral("https://user@acme.okta.com/oauth2/v1/authorize") << QString();
        QTest::newRow("plain http")
            << QStringLiteral("http://acme.okta.com/oauth2/v1/authorize") << QString();
    }
    void endpointAddressesAreCheckedAsOrigins()
    {
        QFETCH(QString, authorize);
        QFETCH(QString, expected);
        const QUrl org(QStringLiteral("https://acme.okta.com"));
        const QJsonObject document{{QStringLiteral("issuer"), org.toString()},
                                   {QStringLiteral("authorization_endpoint"), authorize},
                                   {QStringLiteral("token_endpoint"),
                                    QStringLiteral("https://acme.okta.com/oauth2/v1/token")}};
        QString error;
        const auto endpoints = triage::auth::OrgEndpoints::fromDiscovery(document, org, &error);
        if (expected.isEmpty()) {
            QVERIFY(!endpoints);
            QVERIFY(!error.isEmpty());
        } else {
            QVERIFY2(endpoints, qPrintable(error));
            QCOMPARE(endpoints->authorization.toString(), expected);
        }
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            CannedServer closed;
            port = closed.serverPort();
        }
        const DiscoveryResult result = check(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QCOMPARE(result.status, Status::ConnectionRefused);
        QVERIFY(result.message.contains(QLatin1String("refused")));
    }

    void timeout()
    {
        CannedServer server;
        server.silent = true;
        QElapsedTimer timer;
        timer.start();
        const DiscoveryResult result = check(server.url(), 300);
        QCOMPARE(result.status, Status::Timeout);
        QVERIFY(timer.elapsed() < 3000);
    }

    void tlsFailure()
    {
        CannedServer server; // speaks plain HTTP on an https URL: the handshake fails
        server.answer = httpAnswer(200, "{}");
        server.answerOnConnect = true;
        const DiscoveryResult result = check(server.url(QStringLiteral("https")));
        QCOMPARE(result.status, Status::TlsFailure);
        QVERIFY(!result.message.isEmpty());
    }

    void dnsFailure()
    {
        const DiscoveryResult result =
            check(QUrl(QStringLiteral("https://no-such-org.invalid")), 8000);
        QCOMPARE(result.status, Status::DnsFailure);
        QVERIFY(result.message.contains(QLatin1String("no-such-org.invalid")));
    }
};

QTEST_GUILESS_MAIN(TestOrgDiscovery)
#include "tst_orgdiscovery.moc"
