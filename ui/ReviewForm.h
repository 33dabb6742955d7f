#pragma once

#include "okta/OktaError.h"
#include "okta/Review.h"
#include "reviews/PreflightCheck.h"
#include "reviews/ReviewDraft.h"

#include <QMessageBox>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <optional>

class QDateTimeEdit;
class QLabel;
class QLineEdit;

class QPushButton;

namespace triage::reviews {
struct CreateOutcome;
class ReviewCreator;
class ReviewIndex;
} // namespace triage::reviews

namespace triage::ui {

class DraftModel;

// The review's name and end date, the draft's remaining problems, and "Create review"
// (button or Ctrl+Enter): pre-flight, a confirmation naming the org, then ReviewCreator.
// On an API error Okta's summary and causes stay in the form and the draft is left untouched.
// When the create's answer is lost the creator reconciles first; if the org cannot be asked,
// Create stays off (it could double the review) and "Check again" asks once more.
class ReviewForm : public QWidget
{
    Q_OBJECT
public:
    ReviewForm(DraftModel &draft, reviews::ReviewCreator &creator,
               reviews::PreflightCheck &preflight, QString orgHost, QWidget *parent = nullptr);

    // Where created reviews are remembered (target, reviewers, first status); may be null. Its
    // reviews are never taken for a lost create.
    void setIndex(reviews::ReviewIndex *index);
    // Reviews the app shows for this org (e.g. the list): never taken for a lost create either.
    void addKnownReviewIds(const QSet<QString> &ids);
    // While Okta could not be asked whether it created a review, it is asked again this often
    // by itself (a read, safe to repeat), besides the "Check again" button.
    void setRecheckInterval(int ms) { m_recheck.setInterval(ms); }

    QLineEdit *nameField() const { return m_name; }
    QDateTimeEdit *endField() const { return m_end; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *checkAgainButton() const { return m_checkAgain; } // shown while unknown
    QMessageBox *confirmation() const { return m_confirmation; }   // while asking
    QString errorText() const;
    QString problemsText() const;
    QString progressText() const; // what is going on, or how the last create ended
    bool isBusy() const { return m_busy; }

public slots:
    void requestCreate(); // what the button and Ctrl+Enter do

signals:
    // targetName: the target of the draft that was sent (the review object has no target).
    void reviewCreated(const triage::okta::Review &review, const QString &targetName);
    void createFailed(const triage::okta::OktaError &error);

private:
    void syncFromDraft();
    void updateProblems();
    void onPreflight(const reviews::PreflightResult &result);
    void confirmAndCreate(const reviews::PreflightResult &result);
    void create();
    void checkAgain();
    void onFinished(const reviews::CreateOutcome &outcome);
    void remember(const okta::Review &review);
    void showError(const QString &headline, const QStringList &causes, const QString &footnote);
    void showError(const QString &text);
    void clearError();
    void setBusy(bool busy, const QString &what = {});

    DraftModel &m_draft;
    reviews::ReviewCreator &m_creator;
    reviews::PreflightCheck &m_preflight;
    QString m_orgHost;
    reviews::ReviewIndex *m_index = nullptr;

    QLineEdit *m_name;
    QLabel *m_nameProblem;
    QDateTimeEdit *m_end;
    QLabel *m_endProblem;
    QPushButton *m_defaultEnd;
    QLabel *m_problems;
    QLabel *m_error;
    QLabel *m_progress;
    QPushButton *m_create;
    QPushButton *m_checkAgain;
    QPointer<QMessageBox> m_confirmation;
    QTimer m_recheck;
    std::optional<reviews::ReviewDraft> m_sent; // what the creator is working on, for the index
    bool m_busy = false;
};

} // namespace triage::ui
