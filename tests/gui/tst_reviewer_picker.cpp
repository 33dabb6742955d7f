#include "DraftModel.h"
#include "ReviewerPicker.h"
#include "UserResultsModel.h"
#include "UserSearchPanel.h"
#include "panels_support.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace triage;
using reviews::DraftProblem;
using triage::ui::DraftModel;
using triage::ui::ReviewerPicker;
using triage::ui::UserSearchPanel;

class TestReviewerPicker : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_org = std::make_unique<test::PanelsOrg>();
        QVERIFY(m_org->org);
        m_draft = std::make_unique<DraftModel>(Clock::system());
        m_picker = std::make_unique<ReviewerPicker>(*m_draft, m_org->users);
        m_picker->search()->setDebounceMs(20);
        m_picker->resize(520, 640);
        m_picker->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_picker.get()));
        m_active = test::searchUsers(*m_org,
                                     okta::SearchExpression::compare(QStringLiteral("status"),
                                                                     okta::SearchExpression::Op::Eq,
                                                                     QStringLiteral("ACTIVE")));
        QVERIFY(m_active.size() > 12);
        // Hostile names first: quotes, a backslash, non-Latin letters.
        std::stable_partition(m_active.begin(), m_active.end(), [](const okta::User &u) {
            const QString name = u.displayName();
            return name.contains(QLatin1Char('"')) || name.contains(QLatin1Char('\\')) ||
                   name.contains(QLatin1Char('\'')) || name.at(0).unicode() > 0x7f;
        });
        m_target = m_active.takeLast();
        m_draft->setTarget(m_target);
    }
    void cleanup()
    {
        m_picker.reset();
        m_draft.reset();
        m_org.reset();
    }

    void tenReviewersThenTheEleventhIsRefused()
    {
        QCOMPARE(m_picker->counterText(), QStringLiteral("0 / 10"));
        for (int i = 0; i < 10; ++i) {
            pickByLogin(m_active.at(i));
            QCOMPARE(m_picker->counterText(), QStringLiteral("%1 / 10").arg(i + 1));
        }
        QCOMPARE(m_draft->draft().reviewers().size(), 10);
        // Adding is off at ten, with ReviewDraft's reason on screen.
        const QString tooMany = DraftProblem{DraftProblem::Code::TooManyReviewers, {}}.message();
        QVERIFY(!m_picker->isAddingEnabled());
        QVERIFY(!m_picker->search()->searchField()->isEnabled());
        QCOMPARE(m_picker->reasonText(), tooMany);
        QVERIFY(reasonLabel()->isVisible());
        // The eleventh can't get in by any path.
        QCOMPARE(m_draft->addReviewer(m_active.at(10))->code, DraftProblem::Code::TooManyReviewers);
        QCOMPARE(m_picker->counterText(), QStringLiteral("10 / 10"));
        // Hostile names are shown as they are, in the rows.
        const QString firstName = m_active.at(0).displayName();
        QVERIFY(rowText().contains(firstName));
        test::saveScreenshot(m_picker.get(), QStringLiteral("panel-reviewers-ten"));

        // Removing one (by its button, as a keyboard user would) opens adding again.
        QToolButton *remove = removeButtonFor(m_active.at(3));
        QVERIFY(remove);
        remove->setFocus();
        QTest::keyClick(remove, Qt::Key_Space);
        QTRY_COMPARE(m_picker->counterText(), QStringLiteral("9 / 10"));
        QVERIFY(m_picker->isAddingEnabled());
        QVERIFY(m_picker->reasonText().isEmpty());
        QVERIFY(!m_draft->draft().reviewerIds().contains(m_active.at(3).id));
    }

    void theTargetIsRefusedWithTheReason()
    {
        pickByLogin(m_target);
        const QString expected =
            DraftProblem{DraftProblem::Code::TargetIsReviewer, m_target.displayName()}.message();
        QCOMPARE(m_picker->reasonText(), expected);
        QVERIFY(reasonLabel()->isVisible());
        QCOMPARE(m_picker->counterText(), QStringLiteral("0 / 10"));
        QVERIFY(m_draft->draft().reviewers().isEmpty());
        // The next good pick clears the reason.
        pickByLogin(m_active.at(0));
        QVERIFY(m_picker->reasonText().isEmpty());
        QCOMPARE(m_picker->counterText(), QStringLiteral("1 / 10"));
    }

    void nonActiveUsersAreRefused_data()
    {
        QTest::addColumn<QString>("status");
        QTest::newRow("suspended") << QStringLiteral("SUSPENDED");
        QTest::newRow("deprovisioned") << QStringLiteral("DEPROVISIONED");
        QTest::newRow("staged") << QStringLiteral("STAGED");
        QTest::newRow("locked out") << QStringLiteral("LOCKED_OUT");
    }
    void nonActiveUsersAreRefused()
    {
        QFETCH(QString, status);
        const QStringList ids = m_org->org->userIds(status);
        QVERIFY(!ids.isEmpty());
        const okta::User inactive = test::userById(*m_org, ids.first());
        QCOMPARE(inactive.status, status);
        QSignalSpy refused(m_picker.get(), &ReviewerPicker::reviewerRefused);
        pickByLogin(inactive);
        QCOMPARE(refused.count(), 1);
        QCOMPARE(m_picker->reasonText(),
                 (DraftProblem{DraftProblem::Code::ReviewerNotActive, inactive.displayName()}
                      .message()));
        QVERIFY(m_draft->draft().reviewers().isEmpty());
    }

    void duplicatesAreIgnored()
    {
        pickByLogin(m_active.at(0));
        QSignalSpy refused(m_picker.get(), &ReviewerPicker::reviewerRefused);
        QSignalSpy changed(m_draft.get(), &DraftModel::reviewersChanged);
        pickByLogin(m_active.at(0));
        QCOMPARE(refused.count(), 0);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(m_picker->counterText(), QStringLiteral("1 / 10"));
        QVERIFY(m_picker->reasonText().isEmpty());
    }

    void aNewTargetMarksAListedReviewer()
    {
        pickByLogin(m_active.at(0));
        m_draft->setTarget(m_active.at(0));
        const QString expected =
            DraftProblem{DraftProblem::Code::TargetIsReviewer, m_active.at(0).displayName()}
                .message();
        QTRY_VERIFY(rowText().contains(expected));
    }

private:
    // Types the login in the reviewer search, waits for the answer and clicks the matching row.
    void pickByLogin(const okta::User &user)
    {
        UserSearchPanel *search = m_picker->search();
        QSignalSpy shown(search, &UserSearchPanel::resultsShown);
        search->searchField()->clear();
        test::typeText(search->searchField(), user.profile.login);
        QVERIFY(shown.wait(5000));
        int row = -1;
        for (int r = 0; r < search->results()->rowCount(); ++r) {
            if (search->results()->user(r)->id == user.id)
                row = r;
        }
        QVERIFY2(row >= 0, qPrintable(user.profile.login));
        QListView *view = search->resultsView();
        const QRect rect = view->visualRect(search->results()->index(row));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    }

    QLabel *reasonLabel() const
    {
        for (QLabel *label : m_picker->findChildren<QLabel *>()) {
            if (label->accessibleName() == QLatin1String("Reviewer problem"))
                return label;
        }
        return nullptr;
    }

    QString rowText() const
    {
        QStringList texts;
        for (QLabel *label : m_picker->findChildren<QLabel *>())
            texts << label->text();
        return texts.join(QLatin1Char('\n'));
    }

    QToolButton *removeButtonFor(const okta::User &user) const
    {
        for (QToolButton *button : m_picker->findChildren<QToolButton *>()) {
            if (button->accessibleName() == QStringLiteral("Remove %1").arg(user.displayName()))
                return button;
        }
        return nullptr;
    }

    std::unique_ptr<test::PanelsOrg> m_org;
    std::unique_ptr<DraftModel> m_draft;
    std::unique_ptr<ReviewerPicker> m_picker;
    QList<okta::User> m_active;
    okta::User m_target;
};

QTEST_MAIN(TestReviewerPicker)
#include "tst_reviewer_picker.moc"
