#pragma once

#include "okta/OktaConnection.h"
#include "okta/OktaError.h"
#include "okta/Review.h"
#include "reviews/PreflightCheck.h"

#include <QMessageBox>
#include <QPointer>
#include <QWidget>

class QDateTimeEdit;
class QLabel;
class QLineEdit;

class QPushButton;

namespace triage::reviews {
class ReviewIndex;
class ReviewsClient;
} // namespace triage::reviews

namespace triage::ui {

class DraftModel;

// The review's name and end date, the draft's remaining problems, and "Create review"
// (button or Ctrl+Enter): pre-flight, a confirmation naming the org, then the create call.
// On an API error Okta's summary and causes stay in the form and the draft is left untouched.
class ReviewForm : public QWidget
{
    Q_OBJECT
public:
    ReviewForm(DraftModel &draft, reviews::ReviewsClient &client,
               reviews::PreflightCheck &preflight, QString orgHost, QWidget *parent = nullptr);

    // Where created reviews are remembered (target, reviewers, first status); may be null.
    void setIndex(reviews::ReviewIndex *index) { m_index = index; }

    QLineEdit *nameField() const { return m_name; }
    QDateTimeEdit *endField() const { return m_end; }
    QPushButton *createButton() const { return m_create; }
    QMessageBox *confirmation() const { return m_confirmation; } // while asking
    QString errorText() const;
    QString problemsText() const;
    bool isBusy() const { return m_busy; }

public slots:
    void requestCreate(); // what the button and Ctrl+Enter do

signals:
    void reviewCreated(const triage::okta::Review &review);
    void createFailed(const triage::okta::OktaError &error);

private:
    void syncFromDraft();
    void updateProblems();
    void onPreflight(const reviews::PreflightResult &result);
    void confirmAndCreate(const reviews::PreflightResult &result);
    void create();
    void onCreated(const okta::Result<okta::Review> &result);
    void remember(const okta::Review &review);
    void showError(const QString &headline, const QStringList &causes, const QString &footnote);
    void clearError();
    void setBusy(bool busy, const QString &what = {});

    DraftModel &m_draft;
    reviews::ReviewsClient &m_client;
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
    QPointer<QMessageBox> m_confirmation;
    QPointer<okta::OktaReply> m_reply;
    bool m_busy = false;
};

} // namespace triage::ui
