// The browser sign-in end to end in real headless Chromium: the app's "open the browser" is
// caught with QDesktopServices::setUrlHandler (as the UI opens it with QDesktopServices), the
// sandbox's sign-in form is filled in Chromium, and Chromium's redirect reaches the app's
// loopback receiver.
#include "ReservedLoopbackPort.h"
#include "WebDriver.h"

#include "auth/BrowserSignIn.h"
#include "auth/Session.h"
#include "auth/TokenVault.h"
#include "common/Clock.h"
#include "sandbox/SandboxOrg.h"

#include <QDeadlineTimer>
#include <QDesktopServices>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

using namespace triage;
using namespace triage::auth;

// Stands in for the system browser launcher: records what the app asked to open.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl &url) { opened << url; }
};

class TestBrowserSignIn : public QObject
{
    Q_OBJECT
private:
    WebDriver m_browser;
    UrlCatcher m_catcher;
    quint16 m_redirectPort = 0;
    std::unique_ptr<sandbox::SandboxOrg> m_org;
    QNetworkAccessManager m_nam;

    OrgProfile profile() const
    {
        OrgProfile p;
        p.id = QStringLiteral("browser-test");
        p.displayName = QStringLiteral("Browser test");
        p.orgUrl = m_org->baseUrl().toString();
        p.sandbox = true;
        p.clientId = m_org->config().clientId;
        p.redirectPort = m_redirectPort;
        return p;
    }

    // Starts a sign-in whose "open the browser" goes through QDesktopServices, and returns
    // the URL the app asked to open.
    QUrl startSignIn(BrowserSignIn &flow)
    {
        m_catcher.opened.clear();
        connect(&flow, &BrowserSignIn::openUrlRequested, &flow,
                [](const QUrl &url) { QDesktopServices::openUrl(url); });
        flow.start();
        QDeadlineTimer deadline(10000);
        while (m_catcher.opened.isEmpty() && flow.isRunning() && !deadline.hasExpired())
            QTest::qWait(10);
        return m_catcher.opened.value(0);
    }

    BrowserSignIn::Result waitForResult(QSignalSpy &finished, QString *message = nullptr)
    {
        QDeadlineTimer deadline(20000);
        while (finished.isEmpty() && !deadline.hasExpired())
            QTest::qWait(10);
        if (finished.isEmpty())
            return BrowserSignIn::Result::Timeout;
        if (message)
            *message = finished.at(0).at(1).toString();
        return finished.at(0).at(0).value<BrowserSignIn::Result>();
    }

    void fillSignInForm(const QString &password)
    {
        // The submit button ends the form: once it is there, so are the fields.
        QVERIFY(m_browser.waitForText(QStringLiteral("id=\"okta-signin-submit\"")));
        const QString user = m_browser.findElement(QStringLiteral("#okta-signin-username"));
        const QString pass = m_browser.findElement(QStringLiteral("#okta-signin-password"));
        QVERIFY(!user.isEmpty() && !pass.isEmpty());
        QVERIFY(m_browser.type(user, m_org->config().login));
        QVERIFY(m_browser.type(pass, password));
        QVERIFY(m_browser.click(m_browser.findElement(QStringLiteral("#okta-signin-submit"))));
    }

private slots:
    void initTestCase()
    {
        test::ReservedLoopbackPort reserved; // until the org has its own port
        m_redirectPort = reserved.port();
        QVERIFY(m_redirectPort != 0);
        sandbox::SandboxConfig config;
        config.users = 20;
        config.redirectUris = {QStringLiteral("http://127.0.0.1:%1/callback").arg(m_redirectPort)};
        m_org = std::make_unique<sandbox::SandboxOrg>(config);
        QString error;
        QVERIFY2(m_org->start(&error), qPrintable(error));
        reserved.release();
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_catcher, "open");
        QVERIFY2(m_browser.start(&error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        m_browser.stop();
    }

    void signsInThroughChromium()
    {
        BrowserSignIn flow(&m_nam, profile(), Clock::system());
        QSignalSpy finished(&flow, &BrowserSignIn::finished);
        const QUrl url = startSignIn(flow);
        QVERIFY(url.isValid());
        QCOMPARE(url, flow.authorizeUrl());
        QVERIFY(m_browser.navigate(url));

        // A wrong password with hostile characters first: Okta's page shows an error, and
        // nothing reaches the app.
        fillSignInForm(QStringLiteral("wrong \"pw\" <b>'\\ \u0416\u65e5"));
        // The element, not the name: the page's style sheet names it on every page, so the
        // name alone matched the old page before the answer had replaced it.
        QVERIFY(m_browser.waitForText(QStringLiteral("id=\"okta-signin-error\"")));
        QVERIFY(!m_browser.pageSource().contains(QLatin1String("<b>'")));
        QCOMPARE(finished.size(), 0);

        fillSignInForm(m_org->config().password);
        QString message;
        QCOMPARE(waitForResult(finished, &message), BrowserSignIn::Result::Success);
        QVERIFY(m_browser.waitForText(QStringLiteral("Access Triage received your sign-in")));
        QVERIFY(m_browser.currentUrl().startsWith(
            QStringLiteral("http://127.0.0.1:%1/callback?").arg(m_redirectPort)));

        TokenVault vault;
        Session session(&m_nam, profile(), &vault, Clock::system());
        session.setEndpoints(flow.endpoints());
        session.adopt(flow.takeTokens());
        QDeadlineTimer deadline(10000);
        while (session.state() != Session::State::SignedIn && !deadline.hasExpired()) {
            if (session.state() == Session::State::KeychainUnavailable)
                session.stayForThisSessionOnly(); // no Secret Service here: memory only
            QTest::qWait(10);
        }
        QCOMPARE(session.state(), Session::State::SignedIn);
        QVERIFY(session.authorizationHeader().startsWith("Bearer "));
        QCOMPARE(session.userName(), m_org->config().login);
        session.signOut();
    }

    void cancelInTheBrowserIsAccessDenied()
    {
        BrowserSignIn flow(&m_nam, profile(), Clock::system());
        QSignalSpy finished(&flow, &BrowserSignIn::finished);
        QVERIFY(m_browser.navigate(startSignIn(flow)));
        QVERIFY(m_browser.waitForText(QStringLiteral("okta-signin-cancel")));
        QVERIFY(m_browser.click(m_browser.findElement(QStringLiteral("#okta-signin-cancel"))));
        QString message;
        QCOMPARE(waitForResult(finished, &message), BrowserSignIn::Result::AccessDenied);
        QVERIFY(!message.isEmpty());
        QVERIFY(m_browser.waitForText(QStringLiteral("Sign-in did not complete")));
        QVERIFY(flow.takeTokens().accessToken.isEmpty());
    }

    void tamperedStateIsRefused()
    {
        BrowserSignIn flow(&m_nam, profile(), Clock::system());
        QSignalSpy finished(&flow, &BrowserSignIn::finished);
        QUrl url = startSignIn(flow);
        QUrlQuery query(url);
        query.removeQueryItem(QStringLiteral("state"));
        query.addQueryItem(QStringLiteral("state"), QStringLiteral("forged-by-attacker"));
        url.setQuery(query);
        QVERIFY(m_browser.navigate(url));
        fillSignInForm(m_org->config().password);
        QCOMPARE(waitForResult(finished), BrowserSignIn::Result::StateMismatch);
        QVERIFY(m_browser.waitForText(QStringLiteral("refused")));
        QVERIFY(flow.takeTokens().accessToken.isEmpty());
    }
};

QTEST_MAIN(TestBrowserSignIn)
#include "tst_browsersignin.moc"
