// The analyst's whole flow in the real main window against the in-process sandbox org over real
// HTTP: sign in (fake browser), pick a target, ten reviewers and the eleventh refused, the target
// refused as reviewer, an API error kept in the form, creating, PENDING turning ACTIVE with no
// further input; the same with the keyboard alone; and the list with every status.

#include "shell_support.h"

#include "AppController.h"
#include "ConnectionWizard.h"
#include "DraftModel.h"
#include "MainWindow.h"
#include "ReviewForm.h"
#include "ReviewListModel.h"
#include "ReviewerPicker.h"
#include "ReviewsPanel.h"
#include "StatusBar.h"
#include "UserCard.h"
#include "UserResultsModel.h"
#include "UserSearchPanel.h"
#include "WizardSignInPage.h"
#include "common/Clock.h"
#include "okta/UsersClient.h"
#include "reviews/ReviewTracker.h"
#include "reviews/ReviewsClient.h"
#include "sandbox/SandboxOrg.h"

#include <QAbstractButton>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace triage;
using namespace triage::ui;

namespace {

// A signed-in app on a fresh sandbox, the wizard driven as a person would (mouse here).
struct SignedInApp
{
    explicit SignedInApp(sandbox::SandboxConfig config = {})
    {
        env.environment.sandbox.users = 60;
        env.environment.sandbox.activationDelaySeconds = 0.5;
        if (config.clock)
            env.environment.sandbox.clock = config.clock;
        app = std::make_unique<AppController>(env.environment);
        browser = std::make_unique<test::FakeBrowser>(env.environment.sandbox.login,
                                                      env.environment.sandbox.password);
    }

    bool signIn(bool keyboardOnly)
    {
        app->start(
            CommandLine::parse({QStringLiteral("access-triage"), QStringLiteral("--sandbox")}));
        ConnectionWizard *wizard = app->wizard();
        if (!wizard || wizard->currentId() != ConnectionWizard::SignInPageId)
            return false;
        WizardSignInPage *page = wizard->signInPage();
        if (keyboardOnly) {
            // The sign-in button has the focus: Space presses it; then Return goes on.
            if (!QTest::qWaitFor([&] { return wizard->focusWidget() == page->signInButton(); }))
                return false;
            QTest::keyClick(wizard->focusWidget(), Qt::Key_Space);
        } else {
            page->signInButton()->click();
        }
        if (!QTest::qWaitFor([&] { return page->isSignedIn(); }, 10000))
            return false;
        if (keyboardOnly) {
            QTest::keyClick(wizard, Qt::Key_Return); // Next
            if (wizard->currentId() != ConnectionWizard::DonePageId)
                return false;
            QTest::keyClick(wizard, Qt::Key_Return); // Open Access Triage
        } else {
            wizard->button(QWizard::NextButton)->click();
            wizard->button(QWizard::FinishButton)->click();
        }
        if (!QTest::qWaitFor([&] { return app->mainWindow() && app->org(); }, 5000))
            return false;
        auth::Session &session = app->org()->session();
        const bool settled = QTest::qWaitFor(
            [&] {
                return session.state() == auth::Session::State::SignedIn ||
                       session.state() == auth::Session::State::KeychainUnavailable;
            },
            15000);
        if (!settled)
            return false;
        if (session.state() == auth::Session::State::KeychainUnavailable) {
            // No Secret Service here: the banner's way out, as the analyst would take it.
            if (app->mainWindow()->bannerText().isEmpty() ||
                !app->mainWindow()->bannerStayButton()->isVisibleTo(app->mainWindow()))
                return false;
            test::saveScreenshot(app->mainWindow(), QStringLiteral("main-keychain-unavailable"));
            if (keyboardOnly) {
                app->mainWindow()->bannerStayButton()->setFocus();
                QTest::keyClick(app->mainWindow()->bannerStayButton(), Qt::Key_Space);
            } else {
                app->mainWindow()->bannerStayButton()->click();
            }
        }
        return QTest::qWaitFor([&] { return session.state() == auth::Session::State::SignedIn; });
    }

    MainWindow *window() const { return app->mainWindow(); }
    sandbox::SandboxOrg *org() const { return app->sandbox().org(); }

    // Users of the sandbox through the app's own client (status ACTIVE or not).
    QList<okta::User> users(bool active)
    {
        const auto expression = okta::SearchExpression::compare(
            QStringLiteral("status"), okta::SearchExpression::Op::Eq, QStringLiteral("ACTIVE"));
        std::optional<okta::Result<okta::Page<okta::User>>> answer;
        QObject context;
        okta::UsersClient client(app->org()->connection()); // the test's own: panels keep theirs
        client.searchAll(active ? expression
                                : okta::SearchExpression::compare(QStringLiteral("status"),
                                                                  okta::SearchExpression::Op::Eq,
                                                                  QStringLiteral("SUSPENDED")),
                         &context, [&](const auto &result) { answer = result; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 10000) || !answer->ok())
            return {};
        QList<okta::User> found = answer->value().items;
        found.removeIf([&](const okta::User &user) { return user.id == org()->analystUserId(); });
        return found;
    }

    test::ShellEnvironment env;
    std::unique_ptr<AppController> app;
    std::unique_ptr<test::FakeBrowser> browser;
};

QWidget *focused(QWidget *window)
{
    QWidget *widget = QApplication::focusWidget();
    return widget ? widget : window->focusWidget();
}

// Types a login into a search field and takes the first result with Return.
bool pick(UserSearchPanel *panel, const okta::User &user)
{
    QLineEdit *field = panel->searchField();
    field->setFocus();
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Delete);
    test::typeText(field, user.profile.login);
    if (!QTest::qWaitFor([&] { return !panel->isSearching() && panel->results()->rowCount() > 0; },
                         10000))
        return false;
    QTest::keyClick(field, Qt::Key_Return);
    return true;
}

QMessageBox *waitForConfirmation(ReviewForm *form)
{
    return QTest::qWaitFor([&] { return form->confirmation() != nullptr; }, 10000)
               ? form->confirmation()
               : nullptr;
}

QAbstractButton *acceptButton(QMessageBox *box)
{
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::AcceptRole)
            return button;
    }
    return nullptr;
}

} // namespace

class TestMainFlow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void wholeFlow();
    void targetAndReviewerSearchesRunTogether();
    void keyboardOnly();
    void listShowsEveryStatus_data();
    void listShowsEveryStatus();
};

void TestMainFlow::initTestCase()
{
    Theme::apply(*qApp, test::themeFromEnvironment());
}

void TestMainFlow::wholeFlow()
{
    SignedInApp fixture;
    QVERIFY(fixture.signIn(false));
    MainWindow *window = fixture.window();
    window->resize(1360, 880);
    DraftModel *draft = window->draft();
    QVERIFY(window->bannerText().isEmpty());
    QVERIFY(window->statusBarWidget()->orgText().contains(fixture.org()->baseUrl().authority()));
    QVERIFY2(window->statusBarWidget()->userText().contains(fixture.env.environment.sandbox.login),
             qPrintable(window->statusBarWidget()->userText()));

    const QList<okta::User> active = fixture.users(true);
    QVERIFY(active.size() >= 12);
    const okta::User target = active.at(0);
    const QList<okta::User> reviewers = active.mid(1, 11);
    const QList<okta::User> suspended = fixture.users(false);

    // Searches the org answers badly: not JSON and wrong types are said in the panel (no pick);
    // a cut-off body is retried by the connection and simply shows the results.
    struct BadAnswer
    {
        sandbox::Fault::Kind kind;
        QString typed;
        bool fails;
    };
    for (const BadAnswer &bad :
         {BadAnswer{sandbox::Fault::Kind::MalformedJson, QStringLiteral("o'\"\\Ωmega"), true},
          BadAnswer{sandbox::Fault::Kind::WrongTypes, target.profile.login, true},
          BadAnswer{sandbox::Fault::Kind::TruncatedBody, target.profile.login, false}}) {
        sandbox::Fault fault;
        fault.kind = bad.kind;
        fault.method = "GET";
        fault.pathPrefix = QStringLiteral("/api/v1/users");
        fixture.org()->injectFault(fault);
        QSignalSpy failed(window->targetSearch(), &UserSearchPanel::searchFailed);
        QSignalSpy shown(window->targetSearch(), &UserSearchPanel::resultsShown);
        window->targetSearch()->searchField()->setFocus();
        test::typeText(window->targetSearch()->searchField(), bad.typed);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size() + shown.size(), 1, 10000);
        QCOMPARE(failed.size(), bad.fails ? 1 : 0);
        QVERIFY(!window->targetSearch()->statusText().isEmpty());
        QVERIFY(!draft->draft().target());
        window->targetSearch()->clear();
    }

    // The target: the card shows them.
    QVERIFY(pick(window->targetSearch(), target));
    QTRY_VERIFY(draft->draft().target() && draft->draft().target()->id == target.id);
    QVERIFY(window->targetCard()->user() && window->targetCard()->user()->id == target.id);
    QCOMPARE(window->reviewForm()->nameField()->text(),
             QStringLiteral("Security access review for %1").arg(target.displayName()));

    // The target can't review; a non-ACTIVE user is refused; both with the reason shown.
    ReviewerPicker *picker = window->reviewerPicker();
    QVERIFY(pick(picker->search(), target));
    QTRY_VERIFY(!picker->reasonText().isEmpty());
    QCOMPARE(draft->draft().reviewers().size(), 0);
    if (!suspended.isEmpty()) {
        const QString before = picker->reasonText();
        QVERIFY(pick(picker->search(), suspended.constFirst()));
        QTRY_VERIFY(picker->reasonText() != before || !picker->reasonText().isEmpty());
        QCOMPARE(draft->draft().reviewers().size(), 0);
    }

    // Ten reviewers; a duplicate is ignored; then adding is off, with the reason.
    for (int i = 0; i < 10; ++i) {
        QVERIFY(pick(picker->search(), reviewers.at(i)));
        QTRY_COMPARE(draft->draft().reviewers().size(), qsizetype(i + 1));
        if (i == 3) {
            QVERIFY(pick(picker->search(), reviewers.at(i)));
            QTest::qWait(50);
            QCOMPARE(draft->draft().reviewers().size(), qsizetype(4));
        }
    }
    QVERIFY2(picker->counterText().contains(QStringLiteral("10 / 10")),
             qPrintable(picker->counterText()));
    QVERIFY(!picker->isAddingEnabled());
    QVERIFY(!picker->reasonText().isEmpty());
    QVERIFY(draft->addReviewer(reviewers.at(10)).has_value()); // the eleventh: refused
    QCOMPARE(draft->draft().reviewers().size(), 10);
    test::saveScreenshot(window, QStringLiteral("main-mid-flow"));

    // A hostile name, then an API error: Okta's words in the form, the form as it was.
    QLineEdit *name = window->reviewForm()->nameField();
    name->setFocus();
    name->end(false);
    test::typeText(name, QStringLiteral(" \"urgent\" \\ Москва <b>"));
    const QString typedName = name->text();
    sandbox::Fault fault;
    fault.kind = sandbox::Fault::Kind::ServerError;
    fault.method = "POST";
    fault.pathPrefix = QStringLiteral("/governance/api/v2/security-access-reviews");
    fault.httpStatus = 500;
    fixture.org()->injectFault(fault);
    window->reviewForm()->createButton()->click();
    QMessageBox *confirm = waitForConfirmation(window->reviewForm());
    QVERIFY(confirm);
    QVERIFY(confirm->text().contains(fixture.org()->baseUrl().authority()) ||
            confirm->text().contains(fixture.org()->baseUrl().host()));
    acceptButton(confirm)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!window->reviewForm()->errorText().isEmpty(), 10000);
    QVERIFY2(window->reviewForm()->errorText().contains(QStringLiteral("E0000009")) ||
                 window->reviewForm()->errorText().contains(QStringLiteral("nternal")),
             qPrintable(window->reviewForm()->errorText()));
    QCOMPARE(name->text(), typedName);
    QCOMPARE(draft->draft().reviewers().size(), 10);
    QVERIFY(draft->draft().target() && draft->draft().target()->id == target.id);
    QCOMPARE(window->reviewsPanel()->model()->rowCount(), 0);
    test::saveScreenshot(window, QStringLiteral("main-api-error"));

    // Again, now the org takes it: PENDING at once, ACTIVE with no further input.
    QSignalSpy changed(&fixture.app->org()->tracker(), &reviews::ReviewTracker::statusChanged);
    QSignalSpy notified(window->reviewsPanel(), &ReviewsPanel::statusNotified);
    QSignalSpy created(window->reviewForm(), &ReviewForm::reviewCreated);
    window->reviewForm()->createButton()->click();
    confirm = waitForConfirmation(window->reviewForm());
    QVERIFY(confirm);
    acceptButton(confirm)->click();
    QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 10000);
    const okta::Review review = created.constFirst().constFirst().value<okta::Review>();
    QCOMPARE(review.name, typedName.trimmed());
    ReviewListModel *model = window->reviewsPanel()->model();
    const int row = model->rowOf(review.id);
    QVERIFY(row >= 0);
    QCOMPARE(
        model->data(model->index(row, ReviewListModel::TargetColumn), Qt::DisplayRole).toString(),
        target.displayName());
    QCOMPARE(model->review(row)->status, okta::ReviewStatus::Pending);
    test::saveScreenshot(window, QStringLiteral("main-pending"));
    QTRY_COMPARE_WITH_TIMEOUT(model->review(model->rowOf(review.id))->status,
                              okta::ReviewStatus::Active, 15000);
    QVERIFY(!changed.isEmpty());
    QTRY_VERIFY(!notified.isEmpty()); // the tray notification (where there is a tray)
    QCOMPARE(notified.constFirst().constFirst().toString(), review.id);
    // The draft starts afresh; the status bar knows the rate limit and the refresh.
    QVERIFY(!draft->draft().target());
    QVERIFY(draft->draft().reviewers().isEmpty());
    QVERIFY(!window->statusBarWidget()->rateLimitText().contains(QStringLiteral("–")));
    QVERIFY(window->statusBarWidget()->lastRefreshText().startsWith(QStringLiteral("Refreshed")));
    test::saveScreenshot(window, QStringLiteral("main-active"));

    // Sign-out: revoked, the window says so and offers to sign in again.
    window->statusBarWidget()->signOutButton()->click();
    QCOMPARE(fixture.app->org()->session().state(), auth::Session::State::SignedOut);
    QVERIFY(!window->bannerText().isEmpty());
    QVERIFY(window->bannerSignInButton()->isVisibleTo(window));
    QVERIFY(!window->targetSearch()->isEnabledTo(window));

    // Signing in again goes straight to the wizard's sign-in page and back to work.
    window->bannerSignInButton()->click();
    ConnectionWizard *wizard = fixture.app->wizard();
    QVERIFY(wizard && wizard->isVisible());
    QCOMPARE(wizard->currentId(), int(ConnectionWizard::SignInPageId));
    wizard->signInPage()->signInButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->signInPage()->isSignedIn(), 10000);
    wizard->button(QWizard::NextButton)->click();
    wizard->button(QWizard::FinishButton)->click();
    QCOMPARE(fixture.app->mainWindow(), window); // the same window, the same org
    auth::Session &session = fixture.app->org()->session();
    QTRY_VERIFY_WITH_TIMEOUT(session.state() == auth::Session::State::SignedIn ||
                                 session.state() == auth::Session::State::KeychainUnavailable,
                             15000);
    if (session.state() == auth::Session::State::KeychainUnavailable)
        window->bannerStayButton()->click();
    QTRY_VERIFY(window->bannerText().isEmpty());
    QVERIFY(window->targetSearch()->isEnabledTo(window));
}

// The two search boxes are independent: a reviewer search typed while the target search is still
// waiting for the org must not cancel it (each box has its own Users client).
void TestMainFlow::targetAndReviewerSearchesRunTogether()
{
    SignedInApp fixture;
    QVERIFY(fixture.signIn(false));
    MainWindow *window = fixture.window();
    const QList<okta::User> active = fixture.users(true);
    QVERIFY(active.size() >= 2);

    sandbox::Fault slow;
    slow.kind = sandbox::Fault::Kind::Latency;
    slow.method = "GET";
    slow.pathPrefix = QStringLiteral("/api/v1/users");
    slow.delayMs = 800;
    fixture.org()->injectFault(slow); // only the first search (the target's) is slow

    UserSearchPanel *targets = window->targetSearch();
    UserSearchPanel *reviewers = window->reviewerPicker()->search();
    QSignalSpy targetShown(targets, &UserSearchPanel::resultsShown);
    QSignalSpy reviewerShown(reviewers, &UserSearchPanel::resultsShown);
    targets->setDebounceMs(0);
    reviewers->setDebounceMs(0);
    targets->searchField()->setFocus();
    test::typeText(targets->searchField(), active.at(0).profile.login);
    QTest::qWait(100); // the target search is in flight, held by the latency fault
    reviewers->searchField()->setFocus();
    test::typeText(reviewers->searchField(), active.at(1).profile.login);

    QTRY_VERIFY_WITH_TIMEOUT(!reviewerShown.isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!targetShown.isEmpty(), 10000);
    QVERIFY2(!targets->statusText().contains(QStringLiteral("interrupted")),
             qPrintable(targets->statusText()));
    QCOMPARE(targets->results()->rowCount(), 1);
    QCOMPARE(reviewers->results()->rowCount(), 1);
}

void TestMainFlow::keyboardOnly()
{
    SignedInApp fixture;
    QVERIFY(fixture.signIn(true));
    MainWindow *window = fixture.window();
    window->activateWindow();
    DraftModel *draft = window->draft();
    const QList<okta::User> active = fixture.users(true);
    QVERIFY(active.size() >= 4);

    // Focus starts in the target search.
    QTRY_COMPARE(focused(window), window->targetSearch()->searchField());
    test::typeText(focused(window), active.at(0).profile.login);
    QTRY_VERIFY_WITH_TIMEOUT(!window->targetSearch()->isSearching() &&
                                 window->targetSearch()->results()->rowCount() > 0,
                             10000);
    QTest::keyClick(focused(window), Qt::Key_Return);
    QTRY_VERIFY(draft->draft().target() && draft->draft().target()->id == active.at(0).id);

    // Focus moves on to the reviewer search: type, arrow down into the results, Return.
    for (int i = 1; i <= 2; ++i) {
        QTRY_COMPARE(focused(window), window->reviewerPicker()->search()->searchField());
        QLineEdit *field = window->reviewerPicker()->search()->searchField();
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(field, Qt::Key_Backspace);
        test::typeText(field, active.at(i).profile.login);
        QTRY_VERIFY_WITH_TIMEOUT(!window->reviewerPicker()->search()->isSearching() &&
                                     window->reviewerPicker()->search()->results()->rowCount() > 0,
                                 10000);
        QTest::keyClick(field, Qt::Key_Down);
        QCOMPARE(focused(window), window->reviewerPicker()->search()->resultsView());
        QTest::keyClick(focused(window), Qt::Key_Return);
        QTRY_COMPARE(draft->draft().reviewers().size(), qsizetype(i));
        window->reviewerPicker()->search()->searchField()->setFocus(Qt::TabFocusReason);
    }

    // Tab reaches the name field (through the reviewer rows), no mouse.
    QLineEdit *name = window->reviewForm()->nameField();
    for (int presses = 0; presses < 40 && focused(window) != name; ++presses)
        QTest::keyClick(focused(window), Qt::Key_Tab);
    QCOMPARE(focused(window), name);
    QTest::keyClick(name, Qt::Key_End);
    test::typeText(name, QStringLiteral(" (kbd)"));

    // Ctrl+Enter creates; the confirmation's default button takes Return.
    QSignalSpy created(window->reviewForm(), &ReviewForm::reviewCreated);
    QTest::keyClick(name, Qt::Key_Return, Qt::ControlModifier);
    QMessageBox *confirm = waitForConfirmation(window->reviewForm());
    QVERIFY(confirm);
    QTest::keyClick(confirm, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 10000);
    const okta::Review review = created.constFirst().constFirst().value<okta::Review>();
    QVERIFY(review.name.endsWith(QStringLiteral("(kbd)")));
    ReviewListModel *model = window->reviewsPanel()->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->review(model->rowOf(review.id))->status,
                              okta::ReviewStatus::Active, 15000);
}

void TestMainFlow::listShowsEveryStatus_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestMainFlow::listShowsEveryStatus()
{
    QFETCH(bool, dark);
    Theme::apply(*qApp, dark ? ThemeChoice::Dark : ThemeChoice::Light);
    // The sandbox runs on a clock of its own, so that which review is PENDING is up to the test.
    ManualClock orgClock(QDateTime::currentDateTimeUtc());
    sandbox::SandboxConfig config;
    config.clock = &orgClock;
    SignedInApp fixture(config);
    QVERIFY(fixture.signIn(false));
    MainWindow *window = fixture.window();
    window->resize(1360, 880);
    const QList<okta::User> active = fixture.users(true);
    QVERIFY(active.size() >= 6);

    auto create = [&](const QString &name, int reviewer) -> QString {
        QSignalSpy created(window->reviewForm(), &ReviewForm::reviewCreated);
        if (!pick(window->targetSearch(), active.at(0)))
            return {};
        if (!QTest::qWaitFor([&] { return window->draft()->draft().target().has_value(); }))
            return {};
        if (!pick(window->reviewerPicker()->search(), active.at(reviewer)))
            return {};
        if (!QTest::qWaitFor([&] { return window->draft()->draft().reviewers().size() == 1; }))
            return {};
        window->reviewForm()->nameField()->setText(name);
        window->draft()->setName(name);
        window->reviewForm()->createButton()->click();
        QMessageBox *confirm = waitForConfirmation(window->reviewForm());
        if (!confirm)
            return {};
        acceptButton(confirm)->click();
        if (!created.wait(10000))
            return {};
        return created.constFirst().constFirst().value<okta::Review>().id;
    };

    const QString activeId = create(QStringLiteral("Lateral movement — ops \"svc\" account"), 1);
    QVERIFY(!activeId.isEmpty());
    fixture.org()->failNextReviewGeneration();
    const QString errorId = create(QStringLiteral("Impossible travel: Zoë Ångström"), 2);
    QVERIFY(!errorId.isEmpty());
    const QString closedId = create(QStringLiteral("Phishing report #4411 \\ follow-up"), 3);
    QVERIFY(!closedId.isEmpty());
    orgClock.advance(2000); // the three above leave PENDING
    ReviewListModel *model = window->reviewsPanel()->model();
    QTRY_VERIFY_WITH_TIMEOUT(
        model->review(model->rowOf(activeId))->status == okta::ReviewStatus::Active &&
            model->review(model->rowOf(errorId))->status == okta::ReviewStatus::Error,
        15000);
    bool closed = false;
    QObject context;
    fixture.app->org()->reviews().close(closedId, &context,
                                        [&](const auto &result) { closed = result.ok(); });
    QTRY_VERIFY(closed);
    const QString pendingId = create(QStringLiteral("Okta ThreatInsight: Αθήνα sign-ins"), 4);
    QVERIFY(!pendingId.isEmpty());
    window->reviewsPanel()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(
        model->review(model->rowOf(closedId))->status == okta::ReviewStatus::Closed, 10000);
    QCOMPARE(model->review(model->rowOf(pendingId))->status, okta::ReviewStatus::Pending);
    QSet<QString> shown;
    for (int row = 0; row < model->rowCount(); ++row)
        shown.insert(model
                         ->data(model->index(row, ReviewListModel::StatusColumn),
                                ReviewListModel::StatusTextRole)
                         .toString());
    QCOMPARE(shown, (QSet<QString>{QStringLiteral("PENDING"), QStringLiteral("ACTIVE"),
                                   QStringLiteral("CLOSED"), QStringLiteral("ERROR")}));
    QVERIFY(Theme::isDark(window->palette()) == dark);
    test::saveScreenshot(window, QStringLiteral("main-every-status"));
    Theme::apply(*qApp, test::themeFromEnvironment());
}

QTEST_MAIN(TestMainFlow)
#include "tst_main_flow.moc"
