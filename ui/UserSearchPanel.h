#pragma once

#include "okta/OktaConnection.h"
#include "okta/OktaError.h"
#include "okta/Result.h"
#include "okta/User.h"

#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace triage::okta {
class UsersClient;
}

namespace triage::ui {

class UserResultsModel;

// Search-as-you-type over the Users API. Typing is debounced into one request; a newer search
// cancels the older one and a reply that is no longer the latest is never shown. Scrolling to
// the end (or "Load more") follows the Link next page. Used for the target and for reviewers.
class UserSearchPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kDefaultDebounceMs = 300;
    static constexpr int kPageSize = 20;

    explicit UserSearchPanel(okta::UsersClient &users, QWidget *parent = nullptr);

    // The field's label, with a mnemonic ("&Target user:").
    void setLabelText(const QString &text);
    void setPlaceholderText(const QString &text);
    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }
    void setPageSize(int users) { m_pageSize = users; }
    void clear(); // empties field and results, drops any request in flight

    QLineEdit *searchField() const { return m_field; }
    QListView *resultsView() const { return m_view; }
    UserResultsModel *results() const { return m_model; }
    QString statusText() const;
    bool isSearching() const { return m_debounce.isActive() || m_reply; }

signals:
    void userChosen(const triage::okta::User &user);
    void resultsShown(int count); // after a search or a further page is shown
    void searchFailed(const triage::okta::OktaError &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void startSearch();
    void loadMore();
    void onPage(const okta::Result<okta::Page<okta::User>> &result, bool append);
    void watch(okta::OktaReply *reply);
    void dropReply();
    void chooseRow(int row);
    void loadMoreIfAtEnd();
    void setStatus(const QString &text);
    static QString idleHint();
    void updateMoreButton();

    okta::UsersClient &m_users;
    QLabel *m_label;
    QLineEdit *m_field;
    QListView *m_view;
    QLabel *m_status;
    QPushButton *m_more;
    UserResultsModel *m_model;
    QTimer m_debounce;
    QPointer<okta::OktaReply> m_reply;
    quint64 m_generation = 0; // bumped by every new request: older answers are stale
    QString m_shownQuery;
    QUrl m_next;
    int m_pageSize = kPageSize;
};

} // namespace triage::ui
