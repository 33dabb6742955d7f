#pragma once

#include "okta/User.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace triage::okta {
class UsersClient;
}

namespace triage::ui {

class DraftModel;
class UserSearchPanel;

// Reviewers of the draft: a search to add them, one row per reviewer with a remove button, the
// "n / 10" counter and, when someone is refused, ReviewDraft's reason. Adding is switched off at
// the limit with the reason shown. No rule is decided here: the draft answers.
class ReviewerPicker : public QWidget
{
    Q_OBJECT
public:
    ReviewerPicker(DraftModel &draft, okta::UsersClient &users, QWidget *parent = nullptr);

    UserSearchPanel *search() const { return m_search; }
    QString counterText() const;
    QString reasonText() const; // why the last pick was refused, or why adding is off
    bool isAddingEnabled() const;

signals:
    void reviewerRefused(const QString &reason);

private:
    void add(const okta::User &user);
    void rebuildRows();
    void showReason(const QString &text);

    DraftModel &m_draft;
    UserSearchPanel *m_search;
    QLabel *m_counter;
    QLabel *m_reason;
    QWidget *m_rowsHost;
    QVBoxLayout *m_rows;
    QString m_refusal; // the last refusal, until the list changes
};

} // namespace triage::ui
