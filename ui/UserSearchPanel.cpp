#include "UserSearchPanel.h"

#include "UserResultsModel.h"
#include "UserSearchPanelDelegate.h"
#include "common/Logging.h"
#include "okta/OktaConnection.h"
#include "okta/UsersClient.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace triage::ui {

UserSearchPanel::UserSearchPanel(okta::UsersClient &users, QWidget *parent)
    : QWidget(parent)
    , m_users(users)
    , m_label(new QLabel(tr("&Find user:"), this))
    , m_field(new QLineEdit(this))
    , m_view(new QListView(this))
    , m_status(new QLabel(this))
    , m_more(new QPushButton(tr("Load more"), this))
    , m_model(new UserResultsModel(this))
{
    m_label->setBuddy(m_field);
    m_field->setPlaceholderText(tr("Name, login or email"));
    m_field->setClearButtonEnabled(true);
    m_field->setAccessibleName(tr("User search"));
    m_field->installEventFilter(this);

    m_view->setModel(m_model);
    m_view->setItemDelegate(new UserSearchPanelDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setAccessibleName(tr("Matching users"));
    m_view->installEventFilter(this);

    m_status->setAccessibleName(tr("Search status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_more->setVisible(false);
    // No mnemonic: the panel appears twice in a window; scrolling or Down loads more too.
    m_more->setAccessibleName(tr("Load more users"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_field);
    layout->addWidget(m_view, 1);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_status, 1);
    footer->addWidget(m_more);
    layout->addLayout(footer);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDefaultDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &UserSearchPanel::startSearch);
    connect(m_field, &QLineEdit::textEdited, this, [this] { m_debounce.start(); });
    connect(m_more, &QPushButton::clicked, this, &UserSearchPanel::loadMore);
    connect(m_view, &QListView::activated, this,
            [this](const QModelIndex &index) { chooseRow(index.row()); });
    connect(m_view, &QListView::clicked, this,
            [this](const QModelIndex &index) { chooseRow(index.row()); });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &UserSearchPanel::loadMoreIfAtEnd);
    setStatus(idleHint());
}

QString UserSearchPanel::idleHint()
{
    return tr("Type to search; Down moves into the results, Enter picks.");
}

void UserSearchPanel::setLabelText(const QString &text)
{
    m_label->setText(text);
}

void UserSearchPanel::setPlaceholderText(const QString &text)
{
    m_field->setPlaceholderText(text);
}

QString UserSearchPanel::statusText() const
{
    return m_status->text();
}

void UserSearchPanel::clear()
{
    m_debounce.stop();
    dropReply();
    m_field->clear();
    m_model->clear();
    m_next.clear();
    m_shownQuery.clear();
    setStatus(idleHint());
    updateMoreButton();
}

void UserSearchPanel::dropReply()
{
    ++m_generation;
    if (m_reply)
        m_reply->cancel();
    m_reply.clear();
}

void UserSearchPanel::startSearch()
{
    dropReply();
    const QString query = m_field->text().simplified();
    if (query.isEmpty()) {
        m_model->clear();
        m_next.clear();
        m_shownQuery.clear();
        setStatus(idleHint());
        updateMoreButton();
        return;
    }
    setStatus(tr("Searching…"));
    const quint64 generation = m_generation;
    m_reply = m_users.searchByText(query, m_pageSize, this,
                                   [this, generation, query](const auto &result) {
                                       if (generation != m_generation)
                                           return; // superseded: never show it
                                       m_shownQuery = query;
                                       onPage(result, false);
                                   });
    watch(m_reply);
}

void UserSearchPanel::loadMore()
{
    if (m_next.isEmpty() || m_reply)
        return;
    setStatus(tr("Loading more…"));
    const quint64 generation = m_generation;
    m_reply = m_users.nextPage(m_next, this, [this, generation](const auto &result) {
        if (generation != m_generation)
            return;
        onPage(result, true);
    });
    watch(m_reply);
}

// A search can end without an answer (its client or connection went away, or a caller sharing
// the client superseded it): say so instead of showing "Searching…" forever.
void UserSearchPanel::watch(okta::OktaReply *reply)
{
    const quint64 generation = m_generation;
    connect(reply, &QObject::destroyed, this, [this, generation] {
        if (generation == m_generation) {
            ++m_generation;
            m_reply.clear();
            setStatus(tr("Search interrupted: type again to search."));
            updateMoreButton();
        }
    });
    updateMoreButton();
}

void UserSearchPanel::onPage(const okta::Result<okta::Page<okta::User>> &result, bool append)
{
    ++m_generation; // the answer is in: the watch above must not report it as interrupted
    m_reply.clear();
    if (!result.ok()) {
        setStatus(result.error().message());
        updateMoreButton();
        emit searchFailed(result.error());
        return;
    }
    if (append)
        m_model->appendUsers(result->items);
    else
        m_model->setUsers(result->items);
    m_next = result->next;
    const int count = m_model->rowCount();
    if (count == 0)
        setStatus(tr("No users match “%1”.").arg(m_shownQuery));
    else if (m_next.isEmpty())
        setStatus(count == 1 ? tr("1 user found.") : tr("%1 users found.").arg(count));
    else
        setStatus(
            tr("%1 shown, more below.").arg(count == 1 ? tr("1 user") : tr("%1 users").arg(count)));
    updateMoreButton();
    emit resultsShown(count);
}

void UserSearchPanel::chooseRow(int row)
{
    if (const okta::User *user = m_model->user(row))
        emit userChosen(*user);
}

void UserSearchPanel::loadMoreIfAtEnd()
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    if (bar->maximum() > 0 && bar->value() >= bar->maximum() - bar->pageStep() / 4)
        loadMore();
}

void UserSearchPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

void UserSearchPanel::updateMoreButton()
{
    m_more->setVisible(!m_next.isEmpty());
    m_more->setEnabled(!m_reply);
}

bool UserSearchPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_field && key->key() == Qt::Key_Down && m_model->rowCount() > 0) {
        // From the field straight into the results, first row selected.
        m_view->setFocus(Qt::TabFocusReason);
        m_view->setCurrentIndex(m_model->index(0));
        return true;
    }
    if (watched == m_field && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
        !isSearching() && m_model->rowCount() > 0 && key->modifiers() == Qt::NoModifier) {
        const QModelIndex current = m_view->currentIndex();
        chooseRow(current.isValid() ? current.row() : 0);
        return true;
    }
    if (watched == m_view && key->key() == Qt::Key_Escape) {
        m_field->setFocus(Qt::ShortcutFocusReason);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace triage::ui
