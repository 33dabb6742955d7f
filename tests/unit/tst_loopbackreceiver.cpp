#include "auth/LoopbackReceiver.h"

#include <QElapsedTimer>
#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using triage::auth::AuthorizationResponse;
using triage::auth::LoopbackReceiver;
using Status = LoopbackReceiver::Status;

namespace {

// Sends raw bytes and collects whatever comes back until the server closes (or waitMs).
QByteArray sendRaw(quint16 port, const QByteArray &bytes, int waitMs = 3000,
                   const QHostAddress &address = QHostAddress(QHostAddress::LocalHost))
{
    QTcpSocket socket;
    QByteArray received;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&] { received += socket.readAll(); });
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    QSignalSpy failed(&socket, &QTcpSocket::errorOccurred);
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    socket.connectToHost(address, port);
    QElapsedTimer clock;
    clock.start();
    while (connected.isEmpty() && failed.isEmpty() && clock.elapsed() < 2000)
        QTest::qWait(5);
    if (connected.isEmpty())
        return QByteArrayLiteral("<not connected>");
    socket.write(bytes);
    disconnected.wait(waitMs);
    received += socket.readAll();
    return received;
}

QByteArray get(const QByteArray &target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\n\r\n";
}

bool canListenOn(quint16 port)
{
    QTcpServer server;
    return server.listen(QHostAddress(QHostAddress::LocalHost), port);
}

} // namespace

class TestLoopbackReceiver : public QObject
{
    Q_OBJECT
private:
    LoopbackReceiver::Limits fastLimits() const
    {
        LoopbackReceiver::Limits limits;
        limits.connectionTimeoutMs = 400;
        limits.overallTimeoutMs = 10000;
        return limits;
    }

private slots:
    void init() { qRegisterMetaType<AuthorizationResponse>(); }

    void acceptsMatchingCallbackAndClosesPort()
    {
        LoopbackReceiver receiver;
        QSignalSpy finished(&receiver, &LoopbackReceiver::finished);
        QVERIFY(receiver.listen(0, "st4te-\"x\""));
        const quint16 port = receiver.port();
        QVERIFY(port != 0);
        QCOMPARE(receiver.redirectUri(), QStringLiteral("http://127.0.0.1:%1/callback").arg(port));

        const QByteArray answer =
            sendRaw(port, get("/callback?code=c0de%2B%2F&state=st4te-%22x%22"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
        QVERIFY(answer.contains("Content-Type: text/html; charset=utf-8"));
        QVERIFY(answer.contains("Cache-Control: no-store"));
        QVERIFY(answer.contains("Signed in"));
        QVERIFY(!answer.contains("c0de")); // the code is never echoed
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<Status>(), Status::Received);
        const auto response = finished.at(0).at(1).value<AuthorizationResponse>();
        QCOMPARE(response.code, QByteArray("c0de+/"));
        QVERIFY(response.error.isEmpty());
        QVERIFY(!receiver.isListening());
        QCOMPARE(receiver.port(), port);
        QVERIFY(canListenOn(port)); // port freed
    }

    void oauthErrorIsHtmlEscaped()
    {
        LoopbackReceiver receiver;
        QSignalSpy finished(&receiver, &LoopbackReceiver::finished);
        QVERIFY(receiver.listen(0, "s"));
        const QByteArray answer = sendRaw(
            receiver.port(),
            get("/callback?state=s&error=access_denied&error_description=%3Cscript%3Ealert(1)"
                "%3C%2Fscript%3E+%22q%22+%5C+%D0%96%E6%97%A5"));
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
        QVERIFY(!answer.contains("<script>"));
        QVERIFY(answer.contains("&lt;script&gt;"));
        QVERIFY(answer.contains("access_denied"));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<Status>(), Status::Received);
        const auto response = finished.at(0).at(1).value<AuthorizationResponse>();
        QCOMPARE(response.error, QStringLiteral("access_denied"));
        QCOMPARE(response.errorDescription,
                 QStringLiteral("<script>alert(1)</script> \"q\" \\ \u0416\u65e5"));
        QVERIFY(response.code.isEmpty());
    }

    void garbageWrongPathAndMethodDoNotEndTheWait_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("statusLine");
        QTest::newRow("binary") << QByteArray(1, '\0') + "\xff\xfe garbage\r\n\r\n"
                                << QByteArray("HTTP/1.1 400");
        QTest::newRow("no version")
            << QByteArray("GET /callback\r\n\r\n") << QByteArray("HTTP/1.1 400");
        QTest::newRow("absolute") << QByteArray("GET http://evil/callback?state=s HTTP/1.1\r\n\r\n")
                                  << QByteArray("HTTP/1.1 400");
        QTest::newRow("path") << get("/other?code=x&state=s") << QByteArray("HTTP/1.1 404");
        QTest::newRow("favicon") << get("/favicon.ico") << QByteArray("HTTP/1.1 404");
        QTest::newRow("prefix path")
            << get("/callbackx?code=x&state=s") << QByteArray("HTTP/1.1 404");
        QTest::newRow("post") << QByteArray("POST /callback?code=x&state=s HTTP/1.1\r\n"
                                            "Content-Length: 0\r\n\r\n")
                              << QByteArray("HTTP/1.1 405");
        QTest::newRow("lower get") << QByteArray("get /callback?code=x&state=s HTTP/1.1\r\n\r\n")
                                   << QByteArray("HTTP/1.1 405");
        QTest::newRow("oversized") << QByteArray(9000, 'A') << QByteArray("HTTP/1.1 431");
        QTest::newRow("oversized head")
            << "GET /callback?state=s&code=" + QByteArray(9000, 'c') + " HTTP/1.1\r\n\r\n"
            << QByteArray("HTTP/1.1 431");
    }
    void garbageWrongPathAndMethodDoNotEndTheWait()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, statusLine);
        LoopbackReceiver receiver;
        receiver.setLimits(fastLimits());
        QSignalSpy finished(&receiver, &LoopbackReceiver::finished);
        QVERIFY(receiver.listen(0, "s"));
        const QByteArray answer = sendRaw(receiver.port(), request);
        QVERIFY2(answer.startsWith(statusLine), answer.left(200).constData());
        QCOMPARE(finished.size(), 0);
        QVERIFY(receiver.isListening());
        // The real redirect still gets through afterwards.
        QVERIFY(
            sendRaw(receiver.port(), get("/callback?code=ok&state=s")).startsWith("HTTP/1.1 200"));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(1).value<AuthorizationResponse>().code, QByteArray("ok"));
    }

    void wrongOrMissingStateIsRefused_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("wrong") << QByteArray("/callback?code=x&state=other");
        QTest::newRow("missing") << QByteArray("/callback?code=x");
        QTest::newRow("prefix") << QByteArray("/callback?code=x&state=expecte");
        QTest::newRow("twice") << QByteArray("/callback?code=x&state=expected&state=expected");
        QTest::newRow("error no state") << QByteArray("/callback?error=access_denied");
    }
    void wrongOrMissingStateIsRefused()
    {
        QFETCH(QByteArray, target);
        LoopbackReceiver receiver;
        QSignalSpy finished(&receiver, &LoopbackReceiver::finished);
        QVERIFY(receiver.listen(0, "expected"));
        const quint16 port = receiver.port();
        const QByteArray answer = sendRaw(port, get(target));
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
        QVERIFY(answer.contains("refused"));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<Status>(), Status::StateMismatch);
        QVERIFY(finished.at(0).at(1).value<AuthorizationResponse>().code.isEmpty());
        QVERIFY(canListenOn(port));
    }

    void twoCallbacksOnlyOneAccepted()
    {
        LoopbackReceiver receiver;
        QSignalSpy finished(&receiver, &LoopbackReceiver::finished);
        QVERIFY(receiver.listen(0, "s"));
        QTcpSocket first, second;
        QSignalSpy firstConnected(&first, &QTcpSocket::connected);
        QSignalSpy secondConnected(&second, &QTcpSocket::connected);
        first.connectToHost(QHostAddress::LocalHost, receiver.port());
        second.connectToHost(QHostAddress::LocalHost, receiver.port());
        QVERIFY(firstConnected.wait(2000));
        QTRY_COMPARE(secondConnected.size(), 1);
        QSignalSpy firstGone(&first, &QTcpSocket::disconnected);
        QSignalSpy secondGone(&second, &QTcpSocket::disconnected);
        first.write(get("/callback?code=one&state=s"));
        second.write(get("/callback?code=two&state=s"));
        QTRY_COMPARE(firstGone.size() + secondGone.size() >= 2 ||
                         (first.state() == QAbstractSocket::UnconnectedState &&
                          second.state() == QAbstractSocket::UnconnectedState),
                     true);
        const QByteArray a = first.readAll(), b = second.readAll();
        QCOMPARE(int(a.startsWith("HTTP/1.1 200")) + int(b.startsWith("HTTP/1.1 200")), 1);
        QTest::qWait(100);
        QCOMPARE(finished.size(), 1);
        const QByteArray code = finished.at(0).at(1).value<AuthorizationResponse>().code;
        QVERIFY(code == "one" || code == "two");
        // And a third attempt finds the port closed.
        QCOMPARE(sendRaw(receiver.port(), get("/callback?code=three&state=s")),
                 QByteArray("<not connected>"));
    }

    void slowSenderIsDroppedWithoutBlockingOthers()
    {
        LoopbackReceiver receiver;
        receiver.setLimits(fastLimits());
        QSignalSpy finished(&receiver, &LoopbackReceiver::finished);
        QVERIFY(receiver.listen(0, "s"));
        QTcpSocket slow;
        QSignalSpy slowConnected(&slow, &QTcpSocket::connected);
        QSignalSpy slowGone(&slow, &QTcpSocket::disconnected);
        slow.connectToHost(QHostAddress::LocalHost, receiver.port());
        QVERIFY(slowConnected.wait(2000));
        slow.write("GET /callback?co");
        QElapsedTimer timer;
        timer.start();
        QVERIFY(slowGone.wait(3000)); // dropped by the per-connection timeout
        QVERIFY(timer.elapsed() >= 300);
        QCOMPARE(finished.size(), 0);
        QVERIFY(
            sendRaw(receiver.port(), get("/callback?code=x&state=s")).startsWith("HTTP/1.1 200"));
        QCOMPARE(finished.size(), 1);
    }

    void tooManyConnectionsAreDropped()
    {
        LoopbackReceiver receiver;
        auto limits = fastLimits();
        limits.maxConnections = 3;
        limits.connectionTimeoutMs = 1500;
        receiver.setLimits(limits);
        QVERIFY(receiver.listen(0, "s"));
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 6; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, receiver.port());
        }
        // The extra three are closed by the receiver right away; three stay open.
        QTRY_COMPARE(std::count_if(idle.begin(), idle.end(),
                                   [](const auto &s) {
                                       return s->state() == QAbstractSocket::UnconnectedState;
                                   }),
                     3);
        QVERIFY(receiver.isListening());
    }

    void overallTimeout()
    {
        LoopbackReceiver receiver;
        auto limits = fastLimits();
        limits.overallTimeoutMs = 200;
        receiver.setLimits(limits);
        QSignalSpy finished(&receiver, &LoopbackReceiver::finished);
        QVERIFY(receiver.listen(0, "s"));
        const quint16 port = receiver.port();
        QVERIFY(finished.wait(2000));
        QCOMPARE(finished.at(0).at(0).value<Status>(), Status::Timeout);
        QVERIFY(canListenOn(port));
    }

    void cancel()
    {
        LoopbackReceiver receiver;
        QSignalSpy finished(&receiver, &LoopbackReceiver::finished);
        QVERIFY(receiver.listen(0, "s"));
        const quint16 port = receiver.port();
        receiver.cancel();
        receiver.cancel(); // idempotent
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<Status>(), Status::Cancelled);
        QVERIFY(canListenOn(port));
        QCOMPARE(sendRaw(port, get("/callback?code=x&state=s")), QByteArray("<not connected>"));
    }

    void portInUse_data()
    {
        QTest::addColumn<QHostAddress>("occupiedOn");
        QTest::newRow("loopback") << QHostAddress(QHostAddress::LocalHost);
        QTest::newRow("any ipv4") << QHostAddress(QHostAddress::AnyIPv4);
    }
    void portInUse()
    {
        QFETCH(QHostAddress, occupiedOn);
        QTcpServer squatter;
        QVERIFY(squatter.listen(occupiedOn, 0));
        LoopbackReceiver receiver;
        QSignalSpy finished(&receiver, &LoopbackReceiver::finished);
        QVERIFY(!receiver.listen(squatter.serverPort(), "s"));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<Status>(), Status::PortInUse);
    }

    void listensOnLoopbackOnly()
    {
        LoopbackReceiver receiver;
        receiver.setLimits(fastLimits());
        QVERIFY(receiver.listen(0, "s"));
        const quint16 port = receiver.port();
        // Other loopback addresses and every non-loopback address of this machine are refused.
        QList<QHostAddress> others = {QHostAddress(QStringLiteral("127.0.0.2")),
                                      QHostAddress(QHostAddress::LocalHostIPv6)};
        for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
            if (!a.isLoopback() && a.protocol() == QAbstractSocket::IPv4Protocol)
                others << a;
        }
        for (const QHostAddress &address : others) {
            QTcpSocket socket;
            QSignalSpy connected(&socket, &QTcpSocket::connected);
            QSignalSpy failed(&socket, &QTcpSocket::errorOccurred);
            socket.connectToHost(address, port);
            QTRY_VERIFY_WITH_TIMEOUT(connected.size() + failed.size() > 0, 3000);
            QVERIFY2(connected.isEmpty(), qPrintable(address.toString()));
        }
        QVERIFY(receiver.isListening());
    }
};

QTEST_GUILESS_MAIN(TestLoopbackReceiver)
#include "tst_loopbackreceiver.moc"
