// The connection wizard and the app's start-up decisions, against the in-process sandbox org
// over real HTTP: the browser is a FakeBrowser caught through QDesktopServices::setUrlHandler.

#include "shell_support.h"

#include "AppController.h"
#include "CommandLine.h"
#include "ConnectionWizard.h"
#include "MainWindow.h"
#include "SandboxLauncher.h"
#include "WizardAppSetupPage.h"
#include "WizardDonePage.h"
#include "WizardOrgPage.h"
#include "WizardSignInPage.h"
#include "auth/ProfileStore.h"
#include "sandbox/SandboxOrg.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace triage;
using namespace triage::ui;

class TestWizard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void commandLine_data();
    void commandLine();
    void noProfileOpensTheWizard();
    void cancellingEndsTheAppOnlyWithoutAWindow();
    void unknownProfileIsSaid();
    void orgAddressIsChecked_data();
    void orgAddressIsChecked();
    void orgAddressIsCheckedWhileTyping();
    void wizardOnTheSandbox();
    void signInCancelledThenRetried();
    void wizardByKeyboard();
    void missingScopeIsExplained();
    void sandboxFlagStartsAtSignIn();
    void savedProfileOpensTheMainWindow();

private:
    static CommandLineOptions run(QStringList arguments = {});
    static void next(ConnectionWizard *wizard) { wizard->button(QWizard::NextButton)->click(); }
};

void TestWizard::initTestCase()
{
    Theme::apply(*qApp, test::themeFromEnvironment());
}

CommandLineOptions TestWizard::run(QStringList arguments)
{
    arguments.prepend(QStringLiteral("access-triage"));
    return CommandLine::parse(arguments);
}

void TestWizard::commandLine_data()
{
    using Action = CommandLineOptions::Action;
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("action");
    QTest::addColumn<bool>("sandbox");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("textContains");

    QTest::newRow("nothing") << QStringList() << int(Action::Run) << false << QString()
                             << QString();
    QTest::newRow("sandbox") << QStringList{QStringLiteral("--sandbox")} << int(Action::Run) << true
                             << QString() << QString();
    QTest::newRow("profile with quotes and non-Latin")
        << QStringList{QStringLiteral("--profile"), QStringLiteral("Acme \"prod\" \\ Ünïcødé 東京")}
        << int(Action::Run) << false << QStringLiteral("Acme \"prod\" \\ Ünïcødé 東京")
        << QString();
    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << int(Action::ShowHelp) << false
                          << QString() << QStringLiteral("--sandbox");
    QTest::newRow("help-all") << QStringList{QStringLiteral("--help-all")} << int(Action::ShowHelp)
                              << false << QString() << QStringLiteral("--profile");
    QTest::newRow("version") << QStringList{QStringLiteral("--version")} << int(Action::ShowVersion)
                             << false << QString() << QStringLiteral("access-triage 0.1.0");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")} << int(Action::Error)
                                    << false << QString() << QStringLiteral("bogus");
    QTest::newRow("profile without a name")
        << QStringList{QStringLiteral("--profile")} << int(Action::Error) << false << QString()
        << QStringLiteral("profile");
    QTest::newRow("blank profile name")
        << QStringList{QStringLiteral("--profile"), QStringLiteral("  ")} << int(Action::Error)
        << false << QString() << QStringLiteral("profile");
    QTest::newRow("sandbox and profile")
        << QStringList{QStringLiteral("--sandbox"), QStringLiteral("--profile=acme")}
        << int(Action::Error) << false << QString() << QStringLiteral("together");
    QTest::newRow("stray argument")
        << QStringList{QStringLiteral("acme.okta.com")} << int(Action::Error) << false << QString()
        << QStringLiteral("acme.okta.com");
    QTest::newRow("bad theme") << QStringList{QStringLiteral("--theme=\"'><")} << int(Action::Error)
                               << false << QString() << QStringLiteral("theme");
}

void TestWizard::commandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, action);
    QFETCH(bool, sandbox);
    QFETCH(QString, profile);
    QFETCH(QString, textContains);
    const CommandLineOptions options = run(arguments);
    QCOMPARE(int(options.action), action);
    if (options.action == CommandLineOptions::Action::Run) {
        QCOMPARE(options.sandbox, sandbox);
        QCOMPARE(options.profileName, profile);
    }
    QVERIFY2(options.text.contains(textContains), qPrintable(options.text));
}

void TestWizard::noProfileOpensTheWizard()
{
    test::ShellEnvironment env;
    AppController app(env.environment);
    app.start(run());
    QVERIFY(app.wizard());
    QVERIFY(app.wizard()->isVisible());
    QVERIFY(!app.mainWindow());
    QCOMPARE(app.wizard()->currentId(), int(ConnectionWizard::OrgPageId));
    QVERIFY(!app.sandbox().isRunning()); // nothing starts before the analyst chooses
}

void TestWizard::cancellingEndsTheAppOnlyWithoutAWindow()
{
    test::ShellEnvironment env;
    {
        AppController app(env.environment);
        QSignalSpy finished(&app, &AppController::finished);
        app.start(run());
        app.wizard()->reject();
        QCOMPARE(finished.size(), 1); // main() quits
    }
    auth::ProfileStore store(&env.settings);
    auth::OrgProfile profile;
    profile.id = QStringLiteral("acme");
    profile.displayName = QStringLiteral("Acme");
    profile.orgUrl = QStringLiteral("https://acme.okta.com");
    profile.clientId = QStringLiteral("0oaacme");
    QVERIFY(store.save(profile));
    store.setCurrentProfileId(profile.id);
    AppController app(env.environment);
    QSignalSpy finished(&app, &AppController::finished);
    app.start(run());
    QVERIFY(app.mainWindow());
    // File > New connection…, then Cancel: back to the window, the app goes on.
    QMetaObject::invokeMethod(app.mainWindow(), &MainWindow::newConnectionRequested);
    QVERIFY(app.wizard() && app.wizard()->isVisible());
    QCOMPARE(app.wizard()->currentId(), int(ConnectionWizard::OrgPageId));
    app.wizard()->reject();
    QVERIFY(finished.isEmpty());
    QVERIFY(app.mainWindow()->isVisible());
    app.mainWindow()->close();
    QCOMPARE(finished.size(), 1);
}

void TestWizard::unknownProfileIsSaid()
{
    test::ShellEnvironment env;
    AppController app(env.environment);
    app.start(run({QStringLiteral("--profile"), QStringLiteral("nope \"<b>\"")}));
    QVERIFY(app.wizard());
    const auto notices = app.wizard()->orgPage()->findChildren<QLabel *>();
    const bool said = std::any_of(notices.cbegin(), notices.cend(), [](const QLabel *label) {
        return label->isVisibleTo(label->window()) &&
               label->text().contains(QStringLiteral("nope \"<b>\""));
    });
    QVERIFY(said);
}

void TestWizard::orgAddressIsChecked_data()
{
    QTest::addColumn<QString>("address");
    // Refused before any request (OrgUrl's rules), then one that fails on the wire (DNS).
    QTest::newRow("user info") << QStringLiteral("https://acme.okta.com@evil.example");
    QTest::newRow("path and quotes") << QStringLiteral("acme.okta.com/\"x\\y");
    QTest::newRow("http") << QStringLiteral("http://acme.okta.com");
    QTest::newRow("whitespace") << QStringLiteral("acme .okta.com");
    QTest::newRow("no such host") << QStringLiteral("no-such-org-Ünï.invalid");
}

void TestWizard::orgAddressIsChecked()
{
    QFETCH(QString, address);
    test::ShellEnvironment env;
    AppController app(env.environment);
    app.start(run());
    ConnectionWizard *wizard = app.wizard();
    WizardOrgPage *page = wizard->orgPage();
    QVERIFY(!page->isComplete()); // nothing typed yet
    page->urlField()->setFocus();
    test::typeText(page->urlField(), address);
    QVERIFY(page->isComplete());
    next(wizard);
    // Stays on the page with a message; a wire failure comes back from the check.
    QTRY_VERIFY_WITH_TIMEOUT(!page->isChecking() && !page->statusText().isEmpty() &&
                                 !page->statusText().startsWith(QStringLiteral("Checking")),
                             15000);
    QCOMPARE(wizard->currentId(), int(ConnectionWizard::OrgPageId));
    QVERIFY2(!page->statusText().contains(QStringLiteral("✓")), qPrintable(page->statusText()));
    test::saveScreenshot(wizard, QStringLiteral("wizard-org-error"));
}

void TestWizard::orgAddressIsCheckedWhileTyping()
{
    test::ShellEnvironment env;
    AppController app(env.environment);
    app.start(run());
    WizardOrgPage *page = app.wizard()->orgPage();
    page->urlField()->setFocus();
    test::typeText(page->urlField(), QStringLiteral("no-such-org-\"x\".invalid"));
    QVERIFY(page->statusText().isEmpty()); // nothing while typing
    // No Next: the pause in typing is enough, and the answer is shown where the address is.
    QTRY_VERIFY_WITH_TIMEOUT(!page->isChecking() && !page->statusText().isEmpty() &&
                                 !page->statusText().startsWith(QStringLiteral("Checking")),
                             15000);
    QVERIFY2(!page->statusText().contains(QStringLiteral("✓")), qPrintable(page->statusText()));
    QCOMPARE(app.wizard()->currentId(), int(ConnectionWizard::OrgPageId));
    // Editing clears the verdict; choosing the sandbox cancels any pending check.
    QTest::keyClick(page->urlField(), Qt::Key_Backspace);
    QVERIFY(page->statusText().isEmpty());
    page->sandboxChoice()->click();
    QTest::qWait(WizardOrgPage::kLiveCheckDelayMs + 200);
    QVERIFY(page->statusText().isEmpty());
    QVERIFY(!page->isChecking());
}

void TestWizard::wizardOnTheSandbox()
{
    test::ShellEnvironment env;
    AppController app(env.environment);
    test::FakeBrowser browser(env.environment.sandbox.login, env.environment.sandbox.password);
    browser.mode = test::FakeBrowser::Mode::WrongPasswordFirst;
    app.start(run());
    ConnectionWizard *wizard = app.wizard();
    wizard->resize(760, 600);
    test::saveScreenshot(wizard, QStringLiteral("wizard-1-org"));

    // 1. Org: the sandbox.
    wizard->orgPage()->sandboxChoice()->click();
    QVERIFY(wizard->orgPage()->isComplete());
    next(wizard);
    QCOMPARE(wizard->currentId(), int(ConnectionWizard::AppPageId));
    QVERIFY(app.sandbox().isRunning());

    // 2. App: the sandbox's registered client and the exact redirect URI, copyable.
    WizardAppSetupPage *appPage = wizard->appPage();
    QCOMPARE(appPage->clientIdField()->text(), env.environment.sandbox.clientId);
    QVERIFY(appPage->clientIdField()->isReadOnly());
    const QString redirect = appPage->redirectUriField()->text();
    QVERIFY(redirect.startsWith(QStringLiteral("http://127.0.0.1:")));
    QVERIFY(redirect.endsWith(QStringLiteral("/callback")));
    QCOMPARE(redirect, app.sandbox().profile().redirectUri());
    appPage->copyButton()->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), redirect);
    test::saveScreenshot(wizard, QStringLiteral("wizard-2-app"));
    next(wizard);

    // 3. Sign in through the "browser".
    QCOMPARE(wizard->currentId(), int(ConnectionWizard::SignInPageId));
    WizardSignInPage *signIn = wizard->signInPage();
    QVERIFY(!signIn->isComplete());
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    signIn->signInButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(browser.opened.size(), 1, 10000);
    const QUrl authorize = browser.opened.constFirst();
    QCOMPARE(authorize.path(), QStringLiteral("/oauth2/v1/authorize"));
    QCOMPARE(
        QUrlQuery(authorize).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
        redirect);
    QVERIFY(signIn->isWaiting());
    test::saveScreenshot(wizard, QStringLiteral("wizard-3-waiting"));
    QTRY_VERIFY_WITH_TIMEOUT(signIn->isSignedIn(), 10000);
    QVERIFY2(browser.failure.isEmpty(), qPrintable(browser.failure));
    QVERIFY(browser.wrongPasswordRefused);
    QCOMPARE(browser.loopbackStatus, 200);
    QVERIFY2(signIn->resultText().contains(env.environment.sandbox.login),
             qPrintable(signIn->resultText()));
    const QStringList scopes = signIn->scopeLines();
    QCOMPARE(scopes.size(), 8);
    for (const QString &line : scopes)
        QVERIFY2(line.startsWith(QStringLiteral("✓")), qPrintable(line));
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    test::saveScreenshot(wizard, QStringLiteral("wizard-3-signed-in"));
    next(wizard);

    // 4. Done: the sandbox profile is saved only when asked.
    QCOMPARE(wizard->currentId(), int(ConnectionWizard::DonePageId));
    QVERIFY(!wizard->donePage()->rememberBox()->isChecked());
    QVERIFY2(wizard->donePage()->summaryText().contains(env.environment.sandbox.login),
             qPrintable(wizard->donePage()->summaryText()));
    wizard->donePage()->rememberBox()->click();
    test::saveScreenshot(wizard, QStringLiteral("wizard-4-done"));
    wizard->button(QWizard::FinishButton)->click();
    QVERIFY(wizard->donePage()->wasSaved());
    const auto saved = app.profiles().profile(QStringLiteral("sandbox"));
    QVERIFY(saved);
    QVERIFY(saved->sandbox);
    QCOMPARE(app.profiles().currentProfileId(), QStringLiteral("sandbox"));

    // The main window takes over with a session (stored, or in memory if the keychain is out).
    QTRY_VERIFY(app.mainWindow() && app.mainWindow()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(app.org()->session().state() == auth::Session::State::SignedIn ||
                                 app.org()->session().state() ==
                                     auth::Session::State::KeychainUnavailable,
                             15000);

    // Next start with the saved sandbox profile: a fresh sandbox (it lived only as long as the
    // app), the same redirect port, straight to signing in.
    const quint16 port = saved->redirectPort;
    AppController again(env.environment);
    again.start(run({QStringLiteral("--profile"), QStringLiteral("SANDBOX")}));
    QVERIFY(again.sandbox().isRunning());
    QVERIFY(again.wizard());
    QCOMPARE(again.wizard()->currentId(), int(ConnectionWizard::SignInPageId));
    QCOMPARE(again.wizard()->profile().redirectPort, port);
    QCOMPARE(again.wizard()->profile().orgUrl, again.sandbox().profile().orgUrl);
    QVERIFY(again.wizard()->profile().orgUrl != saved->orgUrl);
}

void TestWizard::signInCancelledThenRetried()
{
    test::ShellEnvironment env;
    AppController app(env.environment);
    test::FakeBrowser browser(env.environment.sandbox.login, env.environment.sandbox.password);
    browser.mode = test::FakeBrowser::Mode::Cancel;
    app.start(run({QStringLiteral("--sandbox")}));
    WizardSignInPage *signIn = app.wizard()->signInPage();
    signIn->signInButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!signIn->isWaiting() && !signIn->resultText().isEmpty(), 10000);
    QVERIFY(!signIn->isSignedIn());
    QVERIFY2(signIn->resultText().startsWith(QStringLiteral("✗")),
             qPrintable(signIn->resultText()));
    QVERIFY(!app.wizard()->button(QWizard::NextButton)->isEnabled());
    QVERIFY(signIn->signInButton()->text().contains(QStringLiteral("Try again")));
    test::saveScreenshot(app.wizard(), QStringLiteral("wizard-3-denied"));

    // The person walks away: the app's own Cancel ends the wait.
    browser.mode = test::FakeBrowser::Mode::Ignore;
    signIn->signInButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(signIn->isWaiting() && browser.opened.size() == 2, 10000);
    signIn->cancelButton()->click();
    QTRY_VERIFY(!signIn->isWaiting());
    QVERIFY(!signIn->isSignedIn());

    // The org answers the code exchange with garbage, then a truncated discovery document:
    // each is a failure with a message, never a crash or a half sign-in.
    browser.mode = test::FakeBrowser::Mode::SignIn;
    for (const auto &[kind, path] :
         {std::pair{sandbox::Fault::Kind::MalformedJson, QStringLiteral("/oauth2/v1/token")},
          std::pair{sandbox::Fault::Kind::TruncatedBody, QStringLiteral("/.well-known/")}}) {
        sandbox::Fault fault;
        fault.kind = kind;
        fault.pathPrefix = path;
        app.sandbox().org()->injectFault(fault);
        signIn->signInButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!signIn->isWaiting() && !signIn->resultText().isEmpty(), 10000);
        QVERIFY2(signIn->resultText().startsWith(QStringLiteral("✗")),
                 qPrintable(signIn->resultText()));
        QVERIFY(!signIn->isSignedIn());
        QVERIFY(!app.wizard()->button(QWizard::NextButton)->isEnabled());
    }

    signIn->signInButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(signIn->isSignedIn(), 10000);
    QVERIFY(app.wizard()->button(QWizard::NextButton)->isEnabled());
}

void TestWizard::wizardByKeyboard()
{
    test::ShellEnvironment env;
    AppController app(env.environment);
    test::FakeBrowser browser(env.environment.sandbox.login, env.environment.sandbox.password);
    app.start(run());
    ConnectionWizard *wizard = app.wizard();
    wizard->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(wizard));
    const auto key = [](int code, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QWidget *target = QApplication::focusWidget();
        QVERIFY(target);
        QTest::keyClick(target, Qt::Key(code), modifiers);
    };
    // Alt+S: the sandbox (its mnemonic); Return: Next, twice; Space: sign in; Return, Return.
    key(Qt::Key_S, Qt::AltModifier);
    QTRY_VERIFY(wizard->orgPage()->sandboxChoice()->isChecked()); // mnemonics click animated
    key(Qt::Key_Return);
    QTRY_COMPARE(wizard->currentId(), int(ConnectionWizard::AppPageId));
    key(Qt::Key_Return);
    QTRY_COMPARE(wizard->currentId(), int(ConnectionWizard::SignInPageId));
    QTRY_COMPARE(QApplication::focusWidget(), wizard->signInPage()->signInButton());
    key(Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->signInPage()->isSignedIn(), 10000);
    key(Qt::Key_Return);
    QTRY_COMPARE(wizard->currentId(), int(ConnectionWizard::DonePageId));
    key(Qt::Key_R, Qt::AltModifier); // Remember the sandbox profile
    QTRY_VERIFY(wizard->donePage()->rememberBox()->isChecked());
    key(Qt::Key_Return);
    QTRY_VERIFY(app.mainWindow() && app.mainWindow()->isVisible());
    QVERIFY(app.profiles().profile(QStringLiteral("sandbox")));
}

void TestWizard::missingScopeIsExplained()
{
    test::ShellEnvironment env;
    const QString missing = QStringLiteral("okta.governance.securityAccessReviews.admin.manage");
    env.environment.sandbox.grantScopes = sandbox::SandboxConfig::defaultGrantScopes();
    env.environment.sandbox.grantScopes.removeAll(missing);
    AppController app(env.environment);
    test::FakeBrowser browser(env.environment.sandbox.login, env.environment.sandbox.password);
    app.start(run({QStringLiteral("--sandbox")}));
    WizardSignInPage *signIn = app.wizard()->signInPage();
    signIn->signInButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(signIn->isSignedIn(), 10000);
    QVERIFY2(signIn->resultText().contains(QStringLiteral("missing")),
             qPrintable(signIn->resultText()));
    int crosses = 0;
    for (const QString &line : signIn->scopeLines()) {
        if (line.startsWith(QStringLiteral("✗"))) {
            ++crosses;
            QVERIFY(line.contains(missing));
            QVERIFY2(line.contains(QStringLiteral("Grant")), qPrintable(line)); // what to fix
        }
    }
    QCOMPARE(crosses, 1);
    QCOMPARE(signIn->scopeLines().size(), 8);
    test::saveScreenshot(app.wizard(), QStringLiteral("wizard-3-missing-scope"));
}

void TestWizard::sandboxFlagStartsAtSignIn()
{
    test::ShellEnvironment env;
    AppController app(env.environment);
    app.start(run({QStringLiteral("--sandbox")}));
    QVERIFY(app.sandbox().isRunning());
    ConnectionWizard *wizard = app.wizard();
    QVERIFY(wizard && wizard->isVisible());
    QCOMPARE(wizard->currentId(), int(ConnectionWizard::SignInPageId));
    QVERIFY(wizard->profile().sandbox);
    // The next step is obvious: the sign-in button has the focus, and nothing to go back to.
    QTRY_COMPARE(wizard->focusWidget(), wizard->signInPage()->signInButton());
    QVERIFY(!wizard->button(QWizard::BackButton)->isVisible() ||
            !wizard->button(QWizard::BackButton)->isEnabled());
    test::saveScreenshot(wizard, QStringLiteral("wizard-sandbox-start"));
    // The sandbox profile is not saved just because it was used.
    QVERIFY(app.profiles().profiles().isEmpty());
}

void TestWizard::savedProfileOpensTheMainWindow()
{
    test::ShellEnvironment env;
    {
        auth::ProfileStore store(&env.settings);
        auth::OrgProfile profile;
        profile.id = QStringLiteral("acme");
        profile.displayName = QStringLiteral("Acme \"prod\" Ünï");
        profile.orgUrl = QStringLiteral("https://acme.okta.com");
        profile.clientId = QStringLiteral("0oaacme");
        QVERIFY(store.save(profile));
        store.setCurrentProfileId(profile.id);
        auth::OrgProfile other;
        other.id = QStringLiteral("beta");
        other.displayName = QStringLiteral("Beta & Co \\ Ωmega");
        other.orgUrl = QStringLiteral("https://beta.oktapreview.com");
        other.clientId = QStringLiteral("0oabeta");
        QVERIFY(store.save(other));
    }
    AppController app(env.environment);
    app.start(run({QStringLiteral("--profile"), QStringLiteral("acme \"PROD\" ünï")}));
    QVERIFY(!app.wizard());
    QVERIFY(app.mainWindow() && app.mainWindow()->isVisible());
    QCOMPARE(app.org()->profile().id, QStringLiteral("acme"));
    // No stored sign-in for it: a signed-out state with a way to sign in (or a keychain
    // state of its own), never a silent failure.
    QTRY_VERIFY_WITH_TIMEOUT(!app.org()->session().stateMessage().isEmpty(), 15000);
    QVERIFY(!app.mainWindow()->bannerText().isEmpty());
    QVERIFY(app.mainWindow()->bannerSignInButton()->isVisibleTo(app.mainWindow()) ||
            app.mainWindow()->bannerStayButton()->isVisibleTo(app.mainWindow()));
    QVERIFY(app.org()->session().state() != auth::Session::State::SignedIn);

    // File > Switch to: the other saved profile (its '&' shown, not a mnemonic), in a new window.
    const QList<QAction *> others = app.mainWindow()->switchMenu()->actions();
    QCOMPARE(others.size(), 1);
    QCOMPARE(others.constFirst()->text(),
             QStringLiteral("Beta && Co \\ Ωmega (beta.oktapreview.com)"));
    QPointer<MainWindow> before = app.mainWindow();
    others.constFirst()->trigger();
    QTRY_COMPARE(app.org()->profile().id, QStringLiteral("beta"));
    QTRY_VERIFY(!before);
    QVERIFY(app.mainWindow() && app.mainWindow()->isVisible());
    QCOMPARE(app.profiles().currentProfileId(), QStringLiteral("beta"));
    QVERIFY(app.mainWindow()->windowTitle().contains(QStringLiteral("Beta & Co")));
}

QTEST_MAIN(TestWizard)
#include "tst_wizard.moc"
