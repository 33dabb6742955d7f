#include "auth/OrgUrl.h"

#include <QTest>

using triage::auth::OrgUrl;

class TestOrgUrl : public QObject
{
    Q_OBJECT
private slots:
    void normalises_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bare") << "acme.okta.com"
                              << "https://acme.okta.com";
        QTest::newRow("https slash") << "https://acme.okta.com/"
                                     << "https://acme.okta.com";
        QTest::newRow("upper case") << "HTTPS://ACME.Okta.COM"
                                    << "https://acme.okta.com";
        QTest::newRow("preview") << "acme.oktapreview.com"
                                 << "https://acme.oktapreview.com";
        QTest::newRow("custom domain") << "login.example.co.uk"
                                       << "https://login.example.co.uk";
        QTest::newRow("idn look-alike (cyrillic a)")
            << QStringLiteral("https://\u0430cme.okta.com") << "https://xn--cme-5cd.okta.com";
        QTest::newRow("idn german")
            << QStringLiteral("b\u00fccher.example") << "https://xn--bcher-kva.example";
        QTest::newRow("loopback ip") << "https://127.0.0.1"
                                     << "https://127.0.0.1";
    }
    void normalises()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const OrgUrl url = OrgUrl::fromUserInput(input);
        QVERIFY2(url.isValid(), qPrintable(url.errorString()));
        QCOMPARE(url.toString(), expected);
        QVERIFY(url.errorString().isEmpty());
        QVERIFY(!url.isSandbox());
        QCOMPARE(url.resolved(QStringLiteral("/oauth2/v1/token")).toString(QUrl::FullyEncoded),
                 expected + QStringLiteral("/oauth2/v1/token"));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("mentions"); // a word the message must contain
        QTest::newRow("empty") << ""
                               << "Enter";
        QTest::newRow("user info") << "https://acme.okta.com@evil.example"
                                   << "@";
        QTest::newRow("user info bare") << "acme.okta.com@evil.example"
                                        << "@";
        QTest::newRow("user:pass") << "https://a:b@acme.okta.com"
                                   << "@";
        QTest::newRow("path") << "https://acme.okta.com/app/x"
                              << "path";
        QTest::newRow("double slash path") << "https://acme.okta.com//"
                                           << "path";
        QTest::newRow("query") << "https://acme.okta.com/?x=1"
                               << "query";
        QTest::newRow("empty query") << "https://acme.okta.com?"
                                     << "query";
        QTest::newRow("fragment") << "https://acme.okta.com#frag"
                                  << "fragment";
        QTest::newRow("http") << "http://acme.okta.com"
                              << "https";
        QTest::newRow("javascript") << "javascript://alert(1)"
                                    << "https";
        QTest::newRow("file") << "file:///etc/passwd"
                              << "https";
        QTest::newRow("ftp") << "ftp://acme.okta.com"
                             << "https";
        QTest::newRow("space inside") << "acme .okta.com"
                                      << "spaces";
        QTest::newRow("leading space") << " acme.okta.com"
                                       << "spaces";
        QTest::newRow("tab") << "acme.okta.com\t"
                             << "spaces";
        QTest::newRow("newline") << "acme.okta.com\n.evil"
                                 << "spaces";
        QTest::newRow("nul") << QStringLiteral("acme.okta.com") + QChar(0) << "invisible";
        QTest::newRow("rtl override") << QStringLiteral("acme\u202e.okta.com") << "invisible";
        QTest::newRow("zero width") << QStringLiteral("ac\u200bme.okta.com") << "invisible";
        QTest::newRow("backslash") << "https://evil.example\\@acme.okta.com"
                                   << "backslash";
        QTest::newRow("quote") << "acme\".okta.com"
                               << "valid";
        QTest::newRow("empty host") << "https://"
                                    << "";
        QTest::newRow("empty host slash") << "https:///"
                                          << "";
        QTest::newRow("ipv4") << "https://10.0.0.1"
                              << "IP";
        QTest::newRow("ipv4 bare") << "192.168.1.1"
                                   << "IP";
        QTest::newRow("ipv6") << "https://[2001:db8::1]"
                              << "IP";
        QTest::newRow("decimal ip") << "https://3232235777"
                                    << "IP";
        QTest::newRow("hex ip") << "https://0xc0.0xa8.1.1"
                                << "";
        QTest::newRow("port") << "https://acme.okta.com:8443"
                              << "port";
        QTest::newRow("port 443") << "https://acme.okta.com:443"
                                  << "port";
        QTest::newRow("sandbox form without sandbox") << "http://127.0.0.1:8080"
                                                      << "https";
        QTest::newRow("trailing dot") << "acme.okta.com."
                                      << "valid";
        QTest::newRow("empty label") << "acme..okta.com"
                                     << "";
        QTest::newRow("underscore") << "ac_me.okta.com"
                                    << "valid";
        QTest::newRow("leading dash") << "-acme.okta.com"
                                      << "valid";
        QTest::newRow("percent") << "acme%2eokta.com"
                                 << "";
        QTest::newRow("long label") << QString(64, QLatin1Char('a')) + QStringLiteral(".com") << "";
    }
    void refuses()
    {
        QFETCH(QString, input);
        QFETCH(QString, mentions);
        const OrgUrl url = OrgUrl::fromUserInput(input);
        QVERIFY2(!url.isValid(), qPrintable(url.toString()));
        QVERIFY(!url.errorString().isEmpty());
        QVERIFY2(url.errorString().contains(mentions, Qt::CaseInsensitive),
                 qPrintable(url.errorString()));
        QVERIFY(url.url().isEmpty());
    }

    void sandbox_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("ip") << "http://127.0.0.1:8080"
                            << "http://127.0.0.1:8080";
        QTest::newRow("localhost") << "http://LOCALHOST:9000/"
                                   << "http://localhost:9000";
        QTest::newRow("no port") << "http://127.0.0.1"
                                 << "";
        QTest::newRow("other host") << "http://acme.okta.com:8080"
                                    << "";
        QTest::newRow("lan ip") << "http://192.168.0.2:8080"
                                << "";
        QTest::newRow("other loopback") << "http://127.0.0.2:8080"
                                        << "";
        QTest::newRow("https real org") << "https://acme.okta.com"
                                        << "";
        QTest::newRow("user info") << "http://x@127.0.0.1:8080"
                                   << "";
        QTest::newRow("path") << "http://127.0.0.1:8080/x"
                              << "";
    }
    void sandbox()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const OrgUrl url = OrgUrl::fromUserInput(input, OrgUrl::Kind::Sandbox);
        if (expected.isEmpty()) {
            QVERIFY2(!url.isValid(), qPrintable(url.toString()));
            QVERIFY(!url.errorString().isEmpty());
        } else {
            QVERIFY2(url.isValid(), qPrintable(url.errorString()));
            QCOMPARE(url.toString(), expected);
            QVERIFY(url.isSandbox());
        }
    }
};

QTEST_GUILESS_MAIN(TestOrgUrl)
#include "tst_orgurl.moc"
