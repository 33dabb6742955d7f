#pragma once

#include "okta/OktaConnection.h"
#include "okta/Review.h"

#include <QDialog>
#include <QMessageBox>
#include <QPointer>
#include <QUrl>

class QLabel;
class QListWidget;

class QPushButton;

namespace triage {
class Clock;
}

namespace triage::reviews {
class ReviewIndex;
class ReviewsClient;
} // namespace triage::reviews

namespace triage::ui {

class StatusBadgeWidget;

// One review in full: reviewers with their profiles, the target (from the local index, or
// Okta's principal call for reviews made elsewhere), Okta's history and the status timeline
// this app saw; copy the id, open it in the Admin Console, close it after a confirmation.
class ReviewDetailsDialog : public QDialog
{
    Q_OBJECT
public:
    ReviewDetailsDialog(okta::Review review, reviews::ReviewsClient &client, QString orgHost,
                        QUrl orgUrl, const Clock &clock, QWidget *parent = nullptr);

    void setIndex(const reviews::ReviewIndex *index) { m_index = index; }
    void load(); // asks for the target (if unknown) and the history

    // Okta orgs: https://<org>-admin.okta.com/...; anything else (the sandbox): the org URL.
    static QUrl adminConsoleUrl(const QUrl &orgUrl, const QString &reviewId);

    QString targetText() const;
    QListWidget *reviewersList() const { return m_reviewers; }
    QListWidget *historyList() const { return m_history; }
    QPushButton *closeReviewButton() const { return m_closeReview; }
    QMessageBox *confirmation() const { return m_confirmation; }

signals:
    void reviewChanged(const triage::okta::Review &review);
    void targetKnown(const QString &reviewId, const QString &targetName);

private:
    void showReview();
    void showTarget(const QString &text);
    void askCloseReview();
    void closeReview();
    // Reads the review again; after a close whose answer was lost, says whether it is closed.
    void reread(bool closeAnswerLost);
    void fail(QLabel *where, const okta::OktaError &error);

    okta::Review m_review;
    reviews::ReviewsClient &m_client;
    QString m_orgHost;
    QUrl m_orgUrl;
    const Clock &m_clock;
    const reviews::ReviewIndex *m_index = nullptr;

    QLabel *m_title;
    StatusBadgeWidget *m_status;
    QLabel *m_facts;
    QLabel *m_target;
    QListWidget *m_reviewers;
    QListWidget *m_history;
    QLabel *m_message;
    QPushButton *m_closeReview;
    QPointer<QMessageBox> m_confirmation;
    QList<QPointer<okta::OktaReply>> m_replies;
};

} // namespace triage::ui
