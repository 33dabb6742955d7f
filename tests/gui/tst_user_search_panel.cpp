#include "UserCard.h"
#include "UserResultsModel.h"
#include "UserSearchPanel.h"
#include "panels_support.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace triage;
using triage::ui::UserResultsModel;
using triage::ui::UserSearchPanel;

namespace {
const QString kUsersPath = QStringLiteral("/api/v1/users");

// Counts list/search calls to /api/v1/users (not /users/{id}).
struct SearchCounter
{
    explicit SearchCounter(sandbox::SandboxOrg &org)
    {
        QObject::connect(&org, &sandbox::SandboxOrg::requestHandled, &context,
                         [this](const QString &method, const QString &path, int) {
                             if (method == QLatin1String("GET") && path == kUsersPath)
                                 ++count;
                         });
    }
    QObject context;
    int count = 0;
};

QStringList shownNames(const UserSearchPanel &panel)
{
    QStringList names;
    for (int row = 0; row < panel.results()->rowCount(); ++row)
        names << panel.results()->index(row).data().toString();
    return names;
}
} // namespace

class TestUserSearchPanel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_org = std::make_unique<test::PanelsOrg>();
        QVERIFY(m_org->org);
        m_panel = std::make_unique<UserSearchPanel>(m_org->users);
        m_panel->resize(420, 360);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }
    void cleanup()
    {
        m_panel.reset();
        m_org.reset();
    }

    void typingIsDebouncedIntoOneRequest()
    {
        SearchCounter counter(*m_org->org);
        QSignalSpy shown(m_panel.get(), &UserSearchPanel::resultsShown);
        m_panel->searchField()->setFocus();
        QTest::keyClicks(m_panel->searchField(), QStringLiteral("Robert"), Qt::NoModifier, 20);
        QVERIFY(shown.wait(5000));
        QCOMPARE(counter.count, 1);
        QVERIFY(shownNames(*m_panel).contains(QStringLiteral("Robert \"Bob\" Smith")));
        // The row shows login, email, status, title and department through the model's roles.
        const QModelIndex first = m_panel->results()->index(0);
        QVERIFY(!first.data(UserResultsModel::LoginRole).toString().isEmpty());
        QVERIFY(!first.data(UserResultsModel::EmailRole).toString().isEmpty());
        QVERIFY(!first.data(UserResultsModel::StatusRole).toString().isEmpty());
        QVERIFY(!first.data(UserResultsModel::TitleRole).toString().isEmpty());
        QVERIFY(!first.data(UserResultsModel::DepartmentRole).toString().isEmpty());
        QTest::qWait(UserSearchPanel::kDefaultDebounceMs + 100);
        QCOMPARE(counter.count, 1); // nothing more went out
        test::saveScreenshot(m_panel.get(), QStringLiteral("panel-user-search"));
    }

    void hostileQueriesFindTheirPeople_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("expected");
        QTest::newRow("quote") << QStringLiteral("bob\"smi") << QStringLiteral("Quinn bob\"smith");
        QTest::newRow("backslash") << QStringLiteral("Lee\\Ad") << QStringLiteral("Kai Lee\\Admin");
        QTest::newRow("cyrillic") << QStringLiteral("Дмит") << QStringLiteral("Дмитрий Иванов");
        QTest::newRow("apostrophe") << QStringLiteral("O'Bri") << QStringLiteral("Siobhán O'Brien");
    }
    void hostileQueriesFindTheirPeople()
    {
        QFETCH(QString, typed);
        QFETCH(QString, expected);
        QSignalSpy shown(m_panel.get(), &UserSearchPanel::resultsShown);
        test::typeText(m_panel->searchField(), typed);
        QVERIFY(shown.wait(5000));
        QVERIFY2(shownNames(*m_panel).contains(expected),
                 qPrintable(shownNames(*m_panel).join(QStringLiteral(" | "))));
    }

    void supersededReplyIsNeverShown()
    {
        // The first search answers late; the analyst has typed on meanwhile.
        m_org->org->injectFault({sandbox::Fault::Kind::Latency, "GET", kUsersPath, 1, 200, 1200});
        SearchCounter counter(*m_org->org);
        QSignalSpy shown(m_panel.get(), &UserSearchPanel::resultsShown);
        m_panel->setDebounceMs(50);
        test::typeText(m_panel->searchField(), QStringLiteral("Robert"));
        QTRY_COMPARE(counter.count, 1); // the slow request is out, held in the sandbox's delay
        QVERIFY(m_panel->isSearching());
        QVERIFY(m_panel->results()->rowCount() == 0);
        m_panel->searchField()->clear();
        test::typeText(m_panel->searchField(), QStringLiteral("Quinn"));
        QVERIFY(shown.wait(5000));
        QCOMPARE(shownNames(*m_panel), QStringList{QStringLiteral("Quinn bob\"smith")});
        // Wait past the slow answer: the list must not flip to the Robert results.
        QTest::qWait(1400);
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shownNames(*m_panel), QStringList{QStringLiteral("Quinn bob\"smith")});
    }

    void scrollingToTheEndLoadsTheNextPage()
    {
        // The letter most people's names start with, so there are several pages.
        QString letter;
        int total = 0;
        for (char c = 'a'; c <= 'z'; ++c) {
            const QString candidate(QLatin1Char{c});
            const int found =
                int(test::searchUsers(*m_org, okta::UsersClient::textSearchExpression(candidate))
                        .size());
            if (found > total) {
                total = found;
                letter = candidate;
            }
        }
        QVERIFY2(total > 6, "the sandbox needs more people");
        m_panel->setPageSize(3);
        m_panel->resize(420, 260);
        QSignalSpy shown(m_panel.get(), &UserSearchPanel::resultsShown);
        test::typeText(m_panel->searchField(), letter);
        QVERIFY(shown.wait(5000));
        QCOMPARE(m_panel->results()->rowCount(), 3);
        QScrollBar *bar = m_panel->resultsView()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        bar->setValue(bar->maximum());
        QVERIFY(shown.wait(5000));
        QCOMPARE(m_panel->results()->rowCount(), 6);
        // Keep scrolling until the Link header has no next page.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                bar->setValue(bar->maximum());
                return m_panel->results()->rowCount() == total;
            }(),
            15000);
        const QStringList names = shownNames(*m_panel);
        QCOMPARE(QSet<QString>(names.cbegin(), names.cend()).size(), total);
    }

    void aLatePageOfAnOldSearchIsNeverAppended()
    {
        m_panel->setPageSize(2);
        m_panel->setDebounceMs(50);
        QSignalSpy shown(m_panel.get(), &UserSearchPanel::resultsShown);
        test::typeText(m_panel->searchField(), QStringLiteral("a"));
        QVERIFY(shown.wait(5000));
        QVERIFY(m_panel->results()->rowCount() == 2);
        // The next page answers late; meanwhile the analyst searches for someone else.
        m_org->org->injectFault({sandbox::Fault::Kind::Latency, "GET", kUsersPath, 1, 200, 1200});
        QPushButton *more = nullptr;
        for (QPushButton *button : m_panel->findChildren<QPushButton *>()) {
            if (button->accessibleName() == QLatin1String("Load more users"))
                more = button;
        }
        QVERIFY(more && more->isVisible());
        QTest::mouseClick(more, Qt::LeftButton);
        QVERIFY(m_panel->isSearching());
        m_panel->searchField()->clear();
        test::typeText(m_panel->searchField(), QStringLiteral("Quinn"));
        QVERIFY(shown.wait(5000));
        QCOMPARE(shownNames(*m_panel), QStringList{QStringLiteral("Quinn bob\"smith")});
        QTest::qWait(1400);
        QCOMPARE(shownNames(*m_panel), QStringList{QStringLiteral("Quinn bob\"smith")});
    }

    void brokenAnswersShowAnErrorAndNoRows_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("malformed") << int(sandbox::Fault::Kind::MalformedJson);
        QTest::newRow("truncated") << int(sandbox::Fault::Kind::TruncatedBody);
        QTest::newRow("wrong types") << int(sandbox::Fault::Kind::WrongTypes);
    }
    void brokenAnswersShowAnErrorAndNoRows()
    {
        QFETCH(int, kind);
        // Every try fails: the connection retries safe calls before it gives up.
        m_org->org->injectFault({sandbox::Fault::Kind(kind), "GET", kUsersPath, -1});
        QSignalSpy failed(m_panel.get(), &UserSearchPanel::searchFailed);
        test::typeText(m_panel->searchField(), QStringLiteral("Robert"));
        QVERIFY(failed.wait(15000));
        QCOMPARE(m_panel->results()->rowCount(), 0);
        QVERIFY(!m_panel->statusText().isEmpty());
        QVERIFY(!m_panel->isSearching());
    }

    void keyboardPicksAUser()
    {
        QSignalSpy chosen(m_panel.get(), &UserSearchPanel::userChosen);
        QSignalSpy shown(m_panel.get(), &UserSearchPanel::resultsShown);
        m_panel->activateWindow(); // focus needs an active window (Xvfb has no window manager)
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
        m_panel->searchField()->setFocus();
        test::typeText(m_panel->searchField(), QStringLiteral("José"));
        QVERIFY(shown.wait(5000));
        QTest::keyClick(m_panel->searchField(), Qt::Key_Down);
        QVERIFY(m_panel->resultsView()->hasFocus());
        QTest::keyClick(m_panel->resultsView(), Qt::Key_Return);
        QCOMPARE(chosen.count(), 1);
        const auto user = chosen.first().first().value<okta::User>();
        QCOMPARE(user.profile.firstName, QStringLiteral("José"));
    }

    void emptyQueryClearsWithoutARequest()
    {
        SearchCounter counter(*m_org->org);
        test::typeText(m_panel->searchField(), QStringLiteral("   "));
        QTest::qWait(UserSearchPanel::kDefaultDebounceMs + 150);
        QCOMPARE(counter.count, 0);
        QCOMPARE(m_panel->results()->rowCount(), 0);
    }

    void theCardMarksATargetWhoIsNotActive()
    {
        ui::UserCard card;
        card.resize(420, 160);
        card.show();
        QVERIFY(QTest::qWaitForWindowExposed(&card));
        const QString suspendedId = m_org->org->userIds(QStringLiteral("SUSPENDED")).value(0);
        QVERIFY(!suspendedId.isEmpty());
        // Picked from the search results, as the analyst would.
        QSignalSpy chosen(m_panel.get(), &UserSearchPanel::userChosen);
        connect(m_panel.get(), &UserSearchPanel::userChosen, &card,
                [&card](const okta::User &user) { card.setUser(user); });
        const okta::User suspended = test::userById(*m_org, suspendedId);
        QSignalSpy shown(m_panel.get(), &UserSearchPanel::resultsShown);
        test::typeText(m_panel->searchField(), suspended.profile.login);
        QVERIFY(shown.wait(5000));
        const QModelIndex row = m_panel->results()->index(0);
        QTest::mouseClick(m_panel->resultsView()->viewport(), Qt::LeftButton, {},
                          m_panel->resultsView()->visualRect(row).center());
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(card.user()->id, suspendedId);
        QVERIFY(card.warningText().contains(QStringLiteral("SUSPENDED")));
        QLabel *warning = nullptr;
        for (QLabel *label : card.findChildren<QLabel *>()) {
            if (label->accessibleName() == QLatin1String("Target status warning"))
                warning = label;
        }
        QVERIFY(warning && warning->isVisible());
        test::saveScreenshot(&card, QStringLiteral("panel-target-card-suspended"));

        const okta::User active = test::userById(*m_org, m_org->org->userIds().value(0));
        card.setUser(active);
        QVERIFY(card.warningText().isEmpty());
        QVERIFY(!warning->isVisible());
    }

private:
    std::unique_ptr<test::PanelsOrg> m_org;
    std::unique_ptr<UserSearchPanel> m_panel;
};

QTEST_MAIN(TestUserSearchPanel)
#include "tst_user_search_panel.moc"
