#include "DraftModel.h"
#include "ReviewForm.h"
#include "panels_support.h"
#include "reviews/PreflightCheck.h"
#include "reviews/ReviewCreator.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewIndex.h"
#include "sandbox/SandboxOrg.h"

#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace triage;
using reviews::CreateOutcome;
using reviews::DraftProblem;
using reviews::ReviewDraft;
using triage::ui::DraftModel;
using triage::ui::ReviewForm;
using Fault = triage::sandbox::Fault;

namespace {
const QString kReviewsPath = QStringLiteral("/governance/api/v2/security-access-reviews");
const QString kHostileName = QStringLiteral("Leak \"triage\" \\ C:\\temp — Ünïcødé Проверка 'x'");
// The test whose connection gives up quickly (a create answered later than this is lost).
const char *const kShortTimeoutTest = "latencyPastTheTimeoutEndsWithOneReview";
constexpr int kShortTimeoutMs = 400;

Fault faultOn(Fault::Kind kind, const QByteArray &method, int times = 1)
{
    Fault fault;
    fault.kind = kind;
    fault.method = method;
    fault.pathPrefix = kReviewsPath;
    fault.times = times;
    fault.httpStatus = 503;
    fault.delayMs = 1000; // Latency: past kShortTimeoutMs
    return fault;
}

QString createdNote()
{
    CreateOutcome outcome;
    outcome.kind = CreateOutcome::Kind::Created;
    outcome.reconciled = true;
    return outcome.message();
}

QPushButton *acceptButton(QMessageBox *box)
{
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::AcceptRole)
            return qobject_cast<QPushButton *>(button);
    }
    return nullptr;
}
} // namespace

class TestReviewForm : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        okta::OktaConnection::Options options;
        if (qstrcmp(QTest::currentTestFunction(), kShortTimeoutTest) == 0)
            options.timeoutMs = kShortTimeoutMs;
        m_org = std::make_unique<test::PanelsOrg>(test::smallConfig(), Clock::system(), options);
        QVERIFY(m_org->org);
        m_posts = 0;
        m_lists = 0;
        connect(m_org->org.get(), &sandbox::SandboxOrg::requestHandled, this,
                [this](const QString &method, const QString &path, int) {
                    if (path != kReviewsPath)
                        return;
                    if (method == QLatin1String("POST"))
                        ++m_posts;
                    else if (method == QLatin1String("GET"))
                        ++m_lists;
                });
        QVERIFY(m_dir.isValid());
        m_index = std::make_unique<reviews::ReviewIndex>(
            m_dir.filePath(QStringLiteral("index-%1.sqlite").arg(++m_run)), Clock::system());
        QVERIFY(m_index->isOpen());
        m_preflight =
            std::make_unique<reviews::PreflightCheck>(m_org->reviews, m_org->host(), m_index.get());
        m_draft = std::make_unique<DraftModel>(Clock::system());
        openForm();
        QVERIFY(QTest::qWaitForWindowExposed(m_form.get()));

        m_active = test::searchUsers(*m_org,
                                     okta::SearchExpression::compare(QStringLiteral("status"),
                                                                     okta::SearchExpression::Op::Eq,
                                                                     QStringLiteral("ACTIVE")));
        QVERIFY(m_active.size() > 4);
        // The target has a quoted name: it goes into the default review name.
        const auto quoted = std::find_if(m_active.cbegin(), m_active.cend(), [](const auto &u) {
            return u.displayName().contains(QLatin1Char('"'));
        });
        QVERIFY(quoted != m_active.cend());
        m_target = *quoted;
        const QString targetId = m_target.id;
        m_active.removeIf([&](const okta::User &u) { return u.id == targetId; });
    }
    void cleanup()
    {
        m_form.reset();
        m_creator.reset();
        m_draft.reset();
        m_preflight.reset();
        m_index.reset();
        m_org.reset();
    }

    void nameIsPrefilledAndChecked()
    {
        QVERIFY(!m_form->createButton()->isEnabled());
        QVERIFY(m_form->problemsText().contains(
            DraftProblem{DraftProblem::Code::NoTarget, {}}.message()));
        m_draft->setTarget(m_target);
        QCOMPARE(m_form->nameField()->text(),
                 QStringLiteral("Security access review for %1").arg(m_target.displayName()));
        m_draft->addReviewer(m_active.at(0));
        QVERIFY(m_form->createButton()->isEnabled());

        QLineEdit *name = m_form->nameField();
        name->setFocus();
        name->selectAll();
        QTest::keyClick(name, Qt::Key_Delete);
        QCOMPARE(m_draft->draft().name(), QString());
        QVERIFY(!m_form->createButton()->isEnabled());
        QVERIFY(visibleText().contains(DraftProblem{DraftProblem::Code::NameEmpty, {}}.message()));

        test::typeText(name, QString(256, QChar(0x00E9)));
        QVERIFY(!m_form->createButton()->isEnabled());
        QVERIFY(
            visibleText().contains(DraftProblem{DraftProblem::Code::NameTooLong, {}}.message()));
        QTest::keyClick(name, Qt::Key_Backspace); // 255 characters: allowed
        QVERIFY(m_form->createButton()->isEnabled());

        name->clear();
        test::typeText(name, kHostileName);
        QCOMPARE(m_draft->draft().name(), kHostileName);
        QVERIFY(m_form->createButton()->isEnabled());
    }

    void endDateIsChecked()
    {
        readyDraft();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_form->endField()->setDateTime(now.addSecs(12 * 3600).toLocalTime());
        QVERIFY(!m_form->createButton()->isEnabled());
        QVERIFY(
            visibleText().contains(DraftProblem{DraftProblem::Code::EndTimeTooSoon, {}}.message()));
        m_form->endField()->setDateTime(now.addMonths(7).toLocalTime());
        QVERIFY(
            visibleText().contains(DraftProblem{DraftProblem::Code::EndTimeTooLate, {}}.message()));
        QPushButton *defaultEnd = nullptr;
        for (QPushButton *button : m_form->findChildren<QPushButton *>()) {
            if (button->text().startsWith(QStringLiteral("&Default")))
                defaultEnd = button;
        }
        QVERIFY(defaultEnd);
        QTest::mouseClick(defaultEnd, Qt::LeftButton);
        QVERIFY(m_form->createButton()->isEnabled());
        const qint64 days = now.secsTo(m_draft->draft().endTime()) / 86400;
        QCOMPARE(days, qint64(ReviewDraft::kDefaultDurationDays));
    }

    void apiErrorStaysInTheFormWithEverythingKept()
    {
        readyDraft();
        // A reviewer that passes the local rules but does not exist in the org: Okta says 400.
        okta::User ghost;
        ghost.id = QStringLiteral("00uGhostReviewer0001");
        ghost.status = QStringLiteral("ACTIVE");
        ghost.profile.firstName = QStringLiteral("Ghost \"Boo\"");
        ghost.profile.lastName = QStringLiteral("Back\\slash");
        QVERIFY(!m_draft->addReviewer(ghost));
        m_form->nameField()->clear();
        test::typeText(m_form->nameField(), kHostileName);
        const QStringList reviewersBefore = m_draft->draft().reviewerIds();
        const QDateTime endBefore = m_draft->draft().endTime();

        QSignalSpy failed(m_form.get(), &ReviewForm::createFailed);
        QTest::mouseClick(m_form->createButton(), Qt::LeftButton);
        QTRY_VERIFY(m_form->confirmation());
        QVERIFY(m_form->confirmation()->text().contains(m_org->host()));
        QVERIFY(m_form->confirmation()->informativeText().contains(kHostileName));
        QTest::mouseClick(acceptButton(m_form->confirmation()), Qt::LeftButton);
        QVERIFY(failed.wait(10000));
        const auto error = failed.first().first().value<okta::OktaError>();
        QCOMPARE(error.httpStatus, 400);
        QVERIFY(!error.errorSummary.isEmpty());
        QVERIFY(m_form->errorText().contains(error.errorSummary));
        QVERIFY2(m_form->errorText().contains(ghost.id), qPrintable(m_form->errorText()));
        QVERIFY(!error.errorCauses.isEmpty());
        for (const QString &cause : error.errorCauses)
            QVERIFY(m_form->errorText().contains(cause));
        // Everything the analyst entered is still there.
        QCOMPARE(m_form->nameField()->text(), kHostileName);
        QCOMPARE(m_draft->draft().name(), kHostileName);
        QCOMPARE(m_draft->draft().reviewerIds(), reviewersBefore);
        QCOMPARE(m_draft->draft().target()->id, m_target.id);
        QCOMPARE(m_draft->draft().endTime(), endBefore);
        QVERIFY(!m_form->isBusy());
        QVERIFY(!m_form->nameField()->isReadOnly());
        QVERIFY(m_form->createButton()->isEnabled());
        QVERIFY(m_index->reviews(m_org->host()).isEmpty());
        test::saveScreenshot(m_form.get(), QStringLiteral("panel-form-api-error"));
    }

    void ctrlEnterCreatesAndRemembers()
    {
        readyDraft();
        const okta::User reviewer = m_draft->draft().reviewers().first();
        m_form->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_form.get()));
        m_form->nameField()->setFocus();
        QSignalSpy created(m_form.get(), &ReviewForm::reviewCreated);
        QTest::keyClick(m_form->nameField(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(m_form->confirmation());
        QTest::keyClick(m_form->confirmation(), Qt::Key_Return); // the default: create
        QVERIFY(created.wait(10000));
        const auto review = created.first().first().value<okta::Review>();
        QCOMPARE(review.status, okta::ReviewStatus::Pending);
        const auto remembered = m_index->review(m_org->host(), review.id);
        QVERIFY(remembered);
        QCOMPARE(remembered->target.id, m_target.id);
        QCOMPARE(remembered->target.displayName, m_target.displayName());
        QCOMPARE(remembered->reviewers.size(), 1);
        QCOMPARE(remembered->reviewers.first().id, reviewer.id);
        // A fresh draft for the next review.
        QVERIFY(!m_draft->draft().target());
        QVERIFY(m_draft->draft().reviewers().isEmpty());
        QVERIFY(m_form->errorText().isEmpty());
    }

    void cancelAtTheConfirmationSendsNothing()
    {
        readyDraft();
        int posts = 0;
        connect(m_org->org.get(), &sandbox::SandboxOrg::requestHandled, this,
                [&posts](const QString &method, const QString &path, int) {
                    if (method == QLatin1String("POST") && path.startsWith(kReviewsPath))
                        ++posts;
                });
        QTest::mouseClick(m_form->createButton(), Qt::LeftButton);
        QTRY_VERIFY(m_form->confirmation());
        QTest::keyClick(m_form->confirmation(), Qt::Key_Escape);
        QTRY_VERIFY(!m_form->confirmation());
        QTest::qWait(200);
        QCOMPARE(posts, 0);
        QVERIFY(!m_form->isBusy());
        QVERIFY(m_draft->draft().target());
    }

    void preflightRefusesATargetAtItsLimit()
    {
        readyDraft();
        for (int i = 0; i < reviews::PreflightCheck::kMaxOpenPerTarget; ++i) {
            ReviewDraft other(Clock::system());
            other.setTarget(m_target);
            QVERIFY(!other.addReviewer(m_active.at(1)));
            auto answer =
                test::await<okta::Review>([&](QObject *context, okta::Handler<okta::Review> done) {
                    m_org->reviews.create(other, context, std::move(done));
                });
            QVERIFY(answer && answer->ok());
        }
        QSignalSpy created(m_form.get(), &ReviewForm::reviewCreated);
        QTest::mouseClick(m_form->createButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_form->isBusy(), 10000);
        QVERIFY(!m_form->confirmation());
        QVERIFY2(m_form->errorText().contains(m_target.displayName()),
                 qPrintable(m_form->errorText()));
        QVERIFY(m_form->errorText().contains(
            QString::number(reviews::PreflightCheck::kMaxOpenPerTarget)));
        QCOMPARE(created.count(), 0);
    }

    // The org made the review but the connection closed before its answer: the form reconciles
    // and shows it as created, once, without sending the create again.
    void dropAfterCommitIsReconciledIntoOneReview()
    {
        readyHostileDraft();
        m_org->org->injectFault(faultOn(Fault::Kind::DropAfterCommit, "POST"));
        const FormState whileChecking = createAndWatchReconciling();
        QVERIFY2(whileChecking.progress.contains(QStringLiteral("Checking with Okta")),
                 qPrintable(whileChecking.progress));
        QCOMPARE(whileChecking.name, kHostileName);
        QVERIFY(!whileChecking.nameEnabled);
        QVERIFY(!whileChecking.createEnabled);

        const okta::Review review = waitForCreated();
        QCOMPARE(review.name, kHostileName);
        QVERIFY2(m_form->progressText().contains(createdNote()),
                 qPrintable(m_form->progressText()));
        QVERIFY(m_form->errorText().isEmpty());
        expectOneReviewOnTheOrg(review.id);
        QCOMPARE(m_posts, 1);
        QVERIFY(m_lists >= 1);               // it asked the org instead of guessing
        QVERIFY(!m_draft->draft().target()); // a fresh draft, as after any create
        test::saveScreenshot(m_form.get(), QStringLiteral("panel-form-reconciled"));
    }

    // The connection closed before the org did anything: the analyst is told it was not created,
    // keeps everything typed and picked, and the next Create makes exactly one review.
    void dropBeforeCommitKeepsTheFormAndCreatesOnceAgain()
    {
        readyHostileDraft();
        const QStringList reviewersBefore = m_draft->draft().reviewerIds();
        const QDateTime endBefore = m_draft->draft().endTime();
        m_org->org->injectFault(faultOn(Fault::Kind::DropBeforeCommit, "POST"));
        QSignalSpy failed(m_form.get(), &ReviewForm::createFailed);
        QSignalSpy created(m_form.get(), &ReviewForm::reviewCreated);
        const FormState whileChecking = createAndWatchReconciling();
        QVERIFY(whileChecking.progress.contains(QStringLiteral("Checking with Okta")));
        QVERIFY(failed.wait(10000));

        CreateOutcome notCreated;
        notCreated.kind = CreateOutcome::Kind::Failed;
        notCreated.reconciled = true;
        QVERIFY2(m_form->errorText().contains(notCreated.message()),
                 qPrintable(m_form->errorText()));
        QCOMPARE(created.count(), 0);
        QCOMPARE(m_form->nameField()->text(), kHostileName);
        QCOMPARE(m_draft->draft().name(), kHostileName);
        QCOMPARE(m_draft->draft().target()->id, m_target.id);
        QCOMPARE(m_draft->draft().reviewerIds(), reviewersBefore);
        QCOMPARE(m_draft->draft().endTime(), endBefore);
        QVERIFY(m_form->nameField()->isEnabled());
        QVERIFY(m_form->createButton()->isEnabled());
        QVERIFY(m_form->checkAgainButton()->isHidden());
        QVERIFY(!m_form->isBusy());
        QVERIFY(reviewsNamed(kHostileName).isEmpty());
        QCOMPARE(m_posts, 1);
        test::saveScreenshot(m_form.get(), QStringLiteral("panel-form-not-created"));

        pressCreateAndConfirm();
        const okta::Review review = waitForCreated();
        expectOneReviewOnTheOrg(review.id);
        QCOMPARE(m_posts, 2);
        QVERIFY(!m_form->progressText().contains(createdNote())); // answered, not reconciled
    }

    // The org answers after the connection gave up: reconciled, one review.
    void latencyPastTheTimeoutEndsWithOneReview()
    {
        QCOMPARE(m_org->connection.options().timeoutMs, kShortTimeoutMs);
        readyHostileDraft();
        m_org->org->injectFault(faultOn(Fault::Kind::Latency, "POST"));
        const FormState whileChecking = createAndWatchReconciling();
        QVERIFY(whileChecking.progress.contains(QStringLiteral("Checking with Okta")));
        const okta::Review review = waitForCreated();
        QVERIFY2(m_form->progressText().contains(createdNote()),
                 qPrintable(m_form->progressText()));
        QTest::qWait(800); // the late answer has come and gone
        expectOneReviewOnTheOrg(review.id);
        QCOMPARE(m_posts, 1);
    }

    // The create's answer is lost and the org cannot be listed: Create stays off (it could double
    // the review), "Check again" is offered and, once the org answers, finds the one review.
    void listFailingWhileReconcilingOffersCheckAgain()
    {
        readyHostileDraft();
        QSignalSpy failed(m_form.get(), &ReviewForm::createFailed);
        QSignalSpy created(m_form.get(), &ReviewForm::reviewCreated);
        QTest::mouseClick(m_form->createButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_form->confirmation(), 10000); // the pre-flight list is done
        m_org->org->injectFault(faultOn(Fault::Kind::DropAfterCommit, "POST"));
        m_org->org->injectFault(faultOn(Fault::Kind::ServerError, "GET", -1));
        QTest::mouseClick(acceptButton(m_form->confirmation()), Qt::LeftButton);
        QVERIFY(failed.wait(15000));

        const auto error = failed.first().first().value<okta::OktaError>();
        QCOMPARE(error.httpStatus, 503);
        QVERIFY2(m_form->errorText().contains(QStringLiteral("could not be asked")),
                 qPrintable(m_form->errorText()));
        QVERIFY(m_form->errorText().contains(error.message()));
        QCOMPARE(created.count(), 0);
        QVERIFY(!m_form->createButton()->isEnabled());
        QVERIFY(m_form->checkAgainButton()->isVisible());
        QVERIFY(m_form->checkAgainButton()->isEnabled());
        QCOMPARE(m_form->nameField()->text(), kHostileName);
        QCOMPARE(m_draft->draft().target()->id, m_target.id);
        test::saveScreenshot(m_form.get(), QStringLiteral("panel-form-unknown"));
        // Ctrl+Enter does not get round the disabled button.
        m_form->requestCreate();
        QTest::qWait(100);
        QVERIFY(!m_form->confirmation());
        QCOMPARE(m_posts, 1);

        // Still failing: still unknown, still no second create.
        QTest::mouseClick(m_form->checkAgainButton(), Qt::LeftButton);
        QVERIFY(m_form->isBusy());
        QVERIFY(m_form->progressText().contains(QStringLiteral("Checking with Okta")));
        QVERIFY(failed.wait(15000));
        QVERIFY(m_form->checkAgainButton()->isVisible());
        QVERIFY(!m_form->createButton()->isEnabled());

        m_org->org->clearFaults();
        QTest::mouseClick(m_form->checkAgainButton(), Qt::LeftButton);
        const okta::Review review = waitForCreated();
        QCOMPARE(review.name, kHostileName);
        QVERIFY(m_form->progressText().contains(createdNote()));
        QVERIFY(m_form->checkAgainButton()->isHidden());
        QVERIFY(m_form->errorText().isEmpty());
        expectOneReviewOnTheOrg(review.id);
        QCOMPARE(m_posts, 1);
    }

    // Once the org can be asked again the form finds the review by itself: no click needed.
    void unknownIsCheckedAgainByItselfOnceTheOrgAnswers()
    {
        m_form->setRecheckInterval(300);
        readyHostileDraft();
        QSignalSpy failed(m_form.get(), &ReviewForm::createFailed);
        QTest::mouseClick(m_form->createButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_form->confirmation(), 10000);
        m_org->org->injectFault(faultOn(Fault::Kind::DropAfterCommit, "POST"));
        m_org->org->injectFault(faultOn(Fault::Kind::ServerError, "GET", -1));
        QTest::mouseClick(acceptButton(m_form->confirmation()), Qt::LeftButton);
        QVERIFY(failed.wait(15000));
        QVERIFY(m_form->checkAgainButton()->isVisible());
        QVERIFY2(m_form->progressText().contains(QStringLiteral("asked again")),
                 qPrintable(m_form->progressText()));
        const int listsWhileFailing = m_lists;
        QVERIFY(failed.wait(15000)); // asked again by itself, still failing
        QVERIFY(m_lists > listsWhileFailing);
        QVERIFY(!m_form->createButton()->isEnabled());

        m_org->org->clearFaults();
        const okta::Review review = waitForCreated();
        QVERIFY(m_form->checkAgainButton()->isHidden());
        expectOneReviewOnTheOrg(review.id);
        QCOMPARE(m_posts, 1);
    }

    // A review the index already holds (same name, target and reviewers, made a moment ago) is
    // never taken for a create that was lost before the org saw it.
    void reviewsInTheIndexAreNeverTheLostOne()
    {
        readyHostileDraft();
        pressCreateAndConfirm();
        const okta::Review first = waitForCreated();
        QVERIFY(m_index->review(m_org->host(), first.id));
        // A second creator (as after a restart) knows the first review only through the index.
        openForm();
        readyHostileDraft();
        m_org->org->injectFault(faultOn(Fault::Kind::DropBeforeCommit, "POST"));
        QSignalSpy failed(m_form.get(), &ReviewForm::createFailed);
        QSignalSpy created(m_form.get(), &ReviewForm::reviewCreated);
        pressCreateAndConfirm();
        QVERIFY(failed.wait(10000));
        QCOMPARE(created.count(), 0);
        QCOMPARE(reviewsNamed(kHostileName).size(), 1);
        QVERIFY(m_form->createButton()->isEnabled());
    }

private:
    // A new creator (fast settle delay) and a form on it, as the app builds them after a start.
    void openForm()
    {
        m_form.reset();
        reviews::CreateReconciler::Options quick;
        quick.settleDelayMs = 100;
        m_creator =
            std::make_unique<reviews::ReviewCreator>(m_org->reviews, Clock::system(), quick);
        m_form = std::make_unique<ReviewForm>(*m_draft, *m_creator, *m_preflight, m_org->host());
        m_form->setIndex(m_index.get());
        m_form->resize(560, 420);
        m_form->show();
    }

    struct FormState
    {
        QString progress;
        QString name;
        bool nameEnabled = true;
        bool createEnabled = true;
    };

    void readyHostileDraft()
    {
        readyDraft();
        m_form->nameField()->clear();
        test::typeText(m_form->nameField(), kHostileName);
        QCOMPARE(m_draft->draft().name(), kHostileName);
    }

    void pressCreateAndConfirm()
    {
        QTest::mouseClick(m_form->createButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_form->confirmation(), 10000);
        QTest::mouseClick(acceptButton(m_form->confirmation()), Qt::LeftButton);
    }

    // Presses Create and notes what the form shows at the moment the creator starts reconciling
    // (connected after the form, so the form has already reacted).
    FormState createAndWatchReconciling()
    {
        FormState state;
        bool seen = false;
        QObject context;
        connect(m_creator.get(), &reviews::ReviewCreator::reconciling, &context, [&] {
            seen = true;
            state = {m_form->progressText(), m_form->nameField()->text(),
                     m_form->nameField()->isEnabled(), m_form->createButton()->isEnabled()};
        });
        pressCreateAndConfirm();
        if (!QTest::qWaitFor([&] { return seen; }, 10000))
            qWarning("the form never reconciled");
        return state;
    }

    okta::Review waitForCreated()
    {
        QSignalSpy created(m_form.get(), &ReviewForm::reviewCreated);
        if (!created.wait(10000) || created.count() != 1) {
            qWarning("not created: %s", qPrintable(m_form->errorText()));
            return {};
        }
        return created.first().first().value<okta::Review>();
    }

    QList<okta::Review> reviewsNamed(const QString &name)
    {
        reviews::ReviewListQuery query;
        query.filter = reviews::ReviewFilter::nameEquals(name);
        query.limit = 200;
        const auto answer = test::await<okta::Page<okta::Review>>(
            [&](QObject *context, okta::Handler<okta::Page<okta::Review>> done) {
                m_org->reviews.list(query, context, std::move(done));
            });
        return answer && answer->ok() ? answer->value().items : QList<okta::Review>(99);
    }

    // Exactly one review of that name on the org, the one the form reported and remembered.
    void expectOneReviewOnTheOrg(const QString &reviewId)
    {
        QVERIFY(!reviewId.isEmpty());
        const QList<okta::Review> onOrg = reviewsNamed(kHostileName);
        QCOMPARE(onOrg.size(), 1);
        QCOMPARE(onOrg.first().id, reviewId);
        QVERIFY(m_index->review(m_org->host(), reviewId));
        QCOMPARE(m_index->reviews(m_org->host()).size(), 1);
    }

    void readyDraft()
    {
        m_draft->setTarget(m_target);
        QVERIFY(!m_draft->addReviewer(m_active.at(0)));
        QVERIFY(m_draft->draft().isReady());
        QVERIFY(m_form->createButton()->isEnabled());
    }

    QString visibleText() const
    {
        QStringList texts;
        for (QLabel *label : m_form->findChildren<QLabel *>()) {
            if (label->isVisible())
                texts << label->text();
        }
        return texts.join(QLatin1Char('\n'));
    }

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<test::PanelsOrg> m_org;
    std::unique_ptr<reviews::ReviewIndex> m_index;
    std::unique_ptr<reviews::PreflightCheck> m_preflight;
    std::unique_ptr<DraftModel> m_draft;
    std::unique_ptr<reviews::ReviewCreator> m_creator;
    std::unique_ptr<ReviewForm> m_form;
    QList<okta::User> m_active;
    okta::User m_target;
    int m_posts = 0; // creates the org saw
    int m_lists = 0; // review listings the org saw (pre-flight and reconciling)
};

QTEST_MAIN(TestReviewForm)
#include "tst_review_form.moc"
