#include "ReviewDetailsDialog.h"
#include "ReviewListModel.h"
#include "ReviewStatusDelegate.h"
#include "ReviewsPanel.h"
#include "StatusBadge.h"
#include "Theme.h"
#include "panels_support.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewIndex.h"
#include "reviews/ReviewTracker.h"

#include <QComboBox>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace triage;
using okta::ReviewStatus;
using triage::ui::ReviewListModel;
using triage::ui::ReviewsPanel;
using triage::ui::StatusBadge;

namespace {
const QString kAlpha = QStringLiteral("Alpha \"quoted\" review");
const QString kBeta = QStringLiteral("Beta \\ back\\slash");
const QString kGamma = QStringLiteral("Gamma Έλεγχος Ωmega");
const QString kDelta = QStringLiteral("Delta d'Arcy");

// `logical` is in widget coordinates; the grab has the screen's device pixel ratio (2 at 2x).
bool hasColourNear(const QImage &image, const QRect &logical, const QColor &colour)
{
    const qreal ratio = image.devicePixelRatio();
    const QRect rect(QPoint(qRound(logical.left() * ratio), qRound(logical.top() * ratio)),
                     QSize(qRound(logical.width() * ratio), qRound(logical.height() * ratio)));
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - colour.red()) + std::abs(pixel.green() - colour.green()) +
                    std::abs(pixel.blue() - colour.blue()) <
                24)
                return true;
        }
    }
    return false;
}
} // namespace

class TestReviewList : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_sandboxClock = std::make_unique<ManualClock>(QDateTime::currentDateTimeUtc());
        sandbox::SandboxConfig config = test::smallConfig();
        config.clock = m_sandboxClock.get();
        config.activationDelaySeconds = 1.0;
        m_org = std::make_unique<test::PanelsOrg>(config);
        QVERIFY(m_org->org);
        QVERIFY(m_dir.isValid());
        m_index = std::make_unique<reviews::ReviewIndex>(
            m_dir.filePath(QStringLiteral("index-%1.sqlite").arg(++m_run)), Clock::system());
        m_active = test::searchUsers(*m_org,
                                     okta::SearchExpression::compare(QStringLiteral("status"),
                                                                     okta::SearchExpression::Op::Eq,
                                                                     QStringLiteral("ACTIVE")));
        QVERIFY(m_active.size() > 3);
        m_panel = std::make_unique<ReviewsPanel>(m_org->reviews, m_org->host(), Clock::system());
        m_panel->setIndex(m_index.get());
        m_panel->setOrgUrl(m_org->org->baseUrl());
        m_panel->resize(1100, 360);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }
    void cleanup()
    {
        m_panel.reset();
        m_tracker.reset();
        m_index.reset();
        m_org.reset();
    }

    void eachStatusIsPaintedWithColourIconAndText()
    {
        makeOneReviewOfEachStatus();
        refresh();
        ReviewListModel *model = m_panel->model();
        QCOMPARE(model->rowCount(), 4);
        const QHash<QString, ReviewStatus> expected{{kAlpha, ReviewStatus::Active},
                                                    {kBeta, ReviewStatus::Closed},
                                                    {kGamma, ReviewStatus::Error},
                                                    {kDelta, ReviewStatus::Pending}};
        for (int row = 0; row < model->rowCount(); ++row) {
            const okta::Review *review = model->review(row);
            QCOMPARE(review->status, expected.value(review->name));
            const QModelIndex status = model->index(row, ReviewListModel::StatusColumn);
            QCOMPARE(status.data(ReviewListModel::BadgeTextRole).toString(),
                     okta::reviewStatusToString(review->status));
            QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
        }
        // The pending badge turns.
        QVERIFY(m_panel->statusDelegate()->isAnimating());
        const int angle = m_panel->statusDelegate()->spinnerAngle();
        QTRY_VERIFY(m_panel->statusDelegate()->spinnerAngle() != angle);

        // Each badge is really painted in its colour, in both palettes.
        for (const bool dark : {false, true}) {
            m_panel->setPalette(dark ? ui::Theme::darkPalette() : ui::Theme::lightPalette());
            QTableView *view = m_panel->view();
            const QImage image = view->viewport()->grab().toImage();
            for (int row = 0; row < view->model()->rowCount(); ++row) {
                const QModelIndex index = view->model()->index(row, ReviewListModel::StatusColumn);
                const auto status = ReviewStatus(index.data(ReviewListModel::StatusRole).toInt());
                const QRect cell = view->visualRect(index);
                QVERIFY2(hasColourNear(image, cell, StatusBadge::forReview(status).colour),
                         qPrintable(okta::reviewStatusToString(status)));
            }
            test::saveScreenshot(m_panel.get(), dark ? QStringLiteral("reviews-list-dark")
                                                     : QStringLiteral("reviews-list-light"));
        }
    }

    void sortAndFilterWork()
    {
        makeOneReviewOfEachStatus();
        refresh();
        QTableView *view = m_panel->view();
        QAbstractItemModel *shown = view->model();
        QHeaderView *header = view->horizontalHeader();

        // Sort by name with a click on its header; a second click reverses.
        const int nameX = header->sectionViewportPosition(ReviewListModel::NameColumn) + 20;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(nameX, 5));
        QStringList names = columnTexts(ReviewListModel::NameColumn);
        QStringList sorted = names;
        std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) {
            return a.compare(b, Qt::CaseInsensitive) < 0;
        });
        const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
        if (!ascending)
            std::reverse(sorted.begin(), sorted.end());
        QCOMPARE(names, sorted);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(nameX, 5));
        std::reverse(sorted.begin(), sorted.end());
        QCOMPARE(columnTexts(ReviewListModel::NameColumn), sorted);

        // Status sorts by meaning (pending first), not alphabetically.
        view->sortByColumn(ReviewListModel::StatusColumn, Qt::AscendingOrder);
        QCOMPARE(columnTexts(ReviewListModel::StatusColumn),
                 (QStringList{QStringLiteral("PENDING"), QStringLiteral("ACTIVE"),
                              QStringLiteral("ERROR"), QStringLiteral("CLOSED")}));

        // Filter by status through the combo, with the keyboard.
        QComboBox *status = m_panel->statusFilter();
        status->setFocus();
        status->setCurrentIndex(status->findData(QStringLiteral("ACTIVE")));
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(columnTexts(ReviewListModel::NameColumn), QStringList{kAlpha});
        status->setCurrentIndex(0);
        QCOMPARE(shown->rowCount(), 4);

        // Search by name, hostile text included.
        const QList<std::pair<QString, QString>> searches{{QStringLiteral("\"quoted\""), kAlpha},
                                                          {QStringLiteral("\\ back"), kBeta},
                                                          {QStringLiteral("έλεγχ"), kGamma},
                                                          {QStringLiteral("D'ARCY"), kDelta}};
        for (const auto &[typed, match] : searches) {
            m_panel->nameSearch()->clear();
            test::typeText(m_panel->nameSearch(), typed);
            QCOMPARE(columnTexts(ReviewListModel::NameColumn), QStringList{match});
        }
        m_panel->nameSearch()->clear();
        test::typeText(m_panel->nameSearch(), QStringLiteral("no such review"));
        QCOMPARE(shown->rowCount(), 0);
    }

    void pendingTurnsActiveWithNoFurtherInput()
    {
        reviews::ReviewTracker::Options options;
        options.firstIntervalMs = 100;
        options.maxIntervalMs = 400;
        m_tracker = std::make_unique<reviews::ReviewTracker>(
            m_org->reviews, m_org->host(), Clock::system(), options, m_index.get());
        m_panel->setTracker(m_tracker.get());
        refresh();
        const okta::Review created = createReview(kAlpha, m_active.at(0), m_active.at(1));
        QCOMPARE(created.status, ReviewStatus::Pending);
        m_panel->addCreatedReview(created, m_active.at(0).displayName());
        ReviewListModel *model = m_panel->model();
        const int row = model->rowOf(created.id);
        QVERIFY(row >= 0);
        QCOMPARE(model->index(row, ReviewListModel::TargetColumn).data().toString(),
                 m_active.at(0).displayName());
        QCOMPARE(model->index(row, ReviewListModel::StatusColumn).data().toString(),
                 QStringLiteral("PENDING"));
        QVERIFY(m_panel->statusDelegate()->isAnimating());

        QSignalSpy notified(m_panel.get(), &ReviewsPanel::statusNotified);
        QTest::qWait(300); // a tick or two while still pending: nothing to say
        QCOMPARE(notified.count(), 0);
        m_sandboxClock->advance(2000); // the org finishes generating the review
        QVERIFY(notified.wait(5000));
        QCOMPARE(notified.first().at(0).toString(), created.id);
        QVERIFY(notified.first().at(1).toString().contains(kAlpha));
        QCOMPARE(
            model->index(model->rowOf(created.id), ReviewListModel::StatusColumn).data().toString(),
            QStringLiteral("ACTIVE"));
        QVERIFY(!m_panel->statusDelegate()->isAnimating());
    }

    void targetsComeFromTheIndexAfterARestart()
    {
        const okta::Review created = createReview(kGamma, m_active.at(2), m_active.at(0));
        reviews::IndexedReview record;
        record.reviewId = created.id;
        record.orgHost = m_org->host();
        record.name = created.name;
        record.target = {m_active.at(2).id, m_active.at(2).displayName(),
                         m_active.at(2).profile.login};
        record.created = created.created;
        record.status = created.statusText;
        QVERIFY(m_index->recordCreated(record));
        refresh();
        ReviewListModel *model = m_panel->model();
        QCOMPARE(
            model->index(model->rowOf(created.id), ReviewListModel::TargetColumn).data().toString(),
            m_active.at(2).displayName());
    }

    void detailsAskOktaForTheTargetAndCloseTheReview()
    {
        const okta::Review created = createReview(kDelta, m_active.at(1), m_active.at(3));
        m_sandboxClock->advance(2000);
        refresh();
        // Keyboard: select the row, Enter opens the details.
        QTableView *view = m_panel->view();
        QModelIndex row;
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QModelIndex index = view->model()->index(r, ReviewListModel::NameColumn);
            if (index.data(ReviewListModel::ReviewIdRole).toString() == created.id)
                row = index;
        }
        QVERIFY(row.isValid());
        view->setCurrentIndex(row);
        QTest::keyClick(view, Qt::Key_Return);
        auto *dialog = m_panel->findChild<ui::ReviewDetailsDialog *>();
        QVERIFY(dialog);
        // Made elsewhere (not in the index): the principal call names the target.
        QTRY_VERIFY(dialog->targetText().contains(m_active.at(1).displayName()));
        QTRY_VERIFY(dialog->historyList()->count() > 0);
        QCOMPARE(dialog->reviewersList()->count(), 1);
        QVERIFY(dialog->reviewersList()->item(0)->text().contains(m_active.at(3).displayName()));
        test::saveScreenshot(dialog, QStringLiteral("review-details"));
        // The list learned the target too.
        ReviewListModel *model = m_panel->model();
        QTRY_COMPARE(
            model->index(model->rowOf(created.id), ReviewListModel::TargetColumn).data().toString(),
            m_active.at(1).displayName());

        QVERIFY(dialog->closeReviewButton()->isEnabled());
        QTest::mouseClick(dialog->closeReviewButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->confirmation());
        QVERIFY(dialog->confirmation()->text().contains(kDelta));
        QPushButton *go = nullptr;
        for (QAbstractButton *button : dialog->confirmation()->buttons()) {
            if (dialog->confirmation()->buttonRole(button) == QMessageBox::DestructiveRole)
                go = qobject_cast<QPushButton *>(button);
        }
        QVERIFY(go);
        QTest::mouseClick(go, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            model->index(model->rowOf(created.id), ReviewListModel::StatusColumn).data().toString(),
            QStringLiteral("CLOSED"), 5000);
        QVERIFY(!dialog->closeReviewButton()->isEnabled());
    }

    void adminConsoleUrls()
    {
        using ui::ReviewDetailsDialog;
        const QString id = QStringLiteral("sar1lo5X9wmNTFX7x0g4");
        QCOMPARE(
            ReviewDetailsDialog::adminConsoleUrl(QUrl(QStringLiteral("https://acme.okta.com")), id)
                .host(),
            QStringLiteral("acme-admin.okta.com"));
        QCOMPARE(ReviewDetailsDialog::adminConsoleUrl(
                     QUrl(QStringLiteral("https://dev-1.oktapreview.com")), id)
                     .host(),
                 QStringLiteral("dev-1-admin.oktapreview.com"));
        const QUrl sandbox = m_org->org->baseUrl();
        QCOMPARE(ReviewDetailsDialog::adminConsoleUrl(sandbox, id), sandbox);
        // Not an Okta domain, or a look-alike: no rewriting.
        const QUrl lookalike(QStringLiteral("https://evil.example/okta.com"));
        QCOMPARE(ReviewDetailsDialog::adminConsoleUrl(lookalike, id), lookalike);
    }

    void aBrokenListAnswerIsReported()
    {
        makeOneReviewOfEachStatus();
        refresh();
        m_org->org->injectFault(
            {sandbox::Fault::Kind::MalformedJson, "GET", reviews::ReviewsClient::basePath(), -1});
        QSignalSpy failed(m_panel.get(), &ReviewsPanel::refreshFailed);
        m_panel->refresh();
        QVERIFY(failed.wait(15000));
        QCOMPARE(m_panel->model()->rowCount(), 4); // the last good list stays
    }

private:
    okta::Review createReview(const QString &name, const okta::User &target,
                              const okta::User &reviewer)
    {
        reviews::ReviewDraft draft(Clock::system());
        draft.setTarget(target);
        draft.setName(name);
        if (draft.addReviewer(reviewer))
            qFatal("reviewer refused");
        auto answer =
            test::await<okta::Review>([&](QObject *context, okta::Handler<okta::Review> done) {
                m_org->reviews.create(draft, context, std::move(done));
            });
        if (!answer || !answer->ok())
            qFatal("create failed");
        return answer->value();
    }

    void makeOneReviewOfEachStatus()
    {
        createReview(kAlpha, m_active.at(0), m_active.at(1));
        const okta::Review beta = createReview(kBeta, m_active.at(1), m_active.at(2));
        m_org->org->failNextReviewGeneration();
        createReview(kGamma, m_active.at(2), m_active.at(3));
        m_sandboxClock->advance(2000);
        auto closed =
            test::await<okta::Done>([&](QObject *context, okta::Handler<okta::Done> done) {
                m_org->reviews.close(beta.id, context, std::move(done));
            });
        QVERIFY(closed && closed->ok());
        createReview(kDelta, m_active.at(3), m_active.at(0));
    }

    void refresh()
    {
        QSignalSpy refreshed(m_panel.get(), &ReviewsPanel::refreshed);
        m_panel->refresh();
        QVERIFY(refreshed.wait(5000));
    }

    QStringList columnTexts(int column) const
    {
        QStringList texts;
        const QAbstractItemModel *shown = m_panel->view()->model();
        for (int row = 0; row < shown->rowCount(); ++row)
            texts << shown->index(row, column).data().toString();
        return texts;
    }

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<ManualClock> m_sandboxClock;
    std::unique_ptr<test::PanelsOrg> m_org;
    std::unique_ptr<reviews::ReviewIndex> m_index;
    std::unique_ptr<reviews::ReviewTracker> m_tracker;
    std::unique_ptr<ReviewsPanel> m_panel;
    QList<okta::User> m_active;
};

QTEST_MAIN(TestReviewList)
#include "tst_review_list.moc"
