#include "ReviewerPicker.h"

#include "DraftModel.h"
#include "StatusBadge.h"
#include "UserSearchPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollArea>
#include <QToolButton>

namespace triage::ui {

ReviewerPicker::ReviewerPicker(DraftModel &draft, okta::UsersClient &users, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_search(new UserSearchPanel(users, this))
    , m_counter(new QLabel(this))
    , m_reason(new QLabel(this))
    , m_rowsHost(new QWidget(this))
    , m_rows(new QVBoxLayout(m_rowsHost))
{
    m_search->setLabelText(tr("Add &reviewer:"));
    m_search->searchField()->setAccessibleName(tr("Reviewer search"));
    m_search->setPlaceholderText(tr("Name, login or email of a reviewer"));

    m_counter->setAccessibleName(tr("Reviewer count"));
    m_reason->setAccessibleName(tr("Reviewer problem"));
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    QPalette warn = m_reason->palette();
    warn.setColor(QPalette::WindowText, StatusBadge::forReview(okta::ReviewStatus::Error).colour);
    m_reason->setPalette(warn);

    m_rows->setContentsMargins(0, 0, 0, 0);
    m_rows->setSpacing(2);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_rowsHost);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setMinimumHeight(120);
    scroll->setFocusPolicy(Qt::NoFocus); // the remove buttons inside take focus

    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Reviewers"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(m_counter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(scroll, 3);
    layout->addWidget(m_reason);
    layout->addWidget(m_search, 2);

    connect(m_search, &UserSearchPanel::userChosen, this, &ReviewerPicker::add);
    connect(&m_draft, &DraftModel::reviewersChanged, this, &ReviewerPicker::rebuildRows);
    // A new target may turn a listed reviewer into a problem (the target can't review).
    connect(&m_draft, &DraftModel::targetChanged, this, &ReviewerPicker::rebuildRows);
    rebuildRows();
}

QString ReviewerPicker::counterText() const
{
    return m_counter->text();
}

QString ReviewerPicker::reasonText() const
{
    return m_reason->text();
}

bool ReviewerPicker::isAddingEnabled() const
{
    return m_search->isEnabled();
}

void ReviewerPicker::add(const okta::User &user)
{
    m_refusal.clear();
    if (auto problem = m_draft.addReviewer(user)) {
        m_refusal = problem->message();
        showReason(m_refusal);
        emit reviewerRefused(m_refusal);
        return;
    }
    rebuildRows(); // clears an old refusal even when a duplicate changed nothing
}

void ReviewerPicker::showReason(const QString &text)
{
    m_reason->setText(text);
    m_reason->setVisible(!text.isEmpty());
}

void ReviewerPicker::rebuildRows()
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        if (QWidget *widget = item->widget())
            widget->deleteLater();
        delete item;
    }
    const auto &draft = m_draft.draft();
    const QString targetId = draft.target() ? draft.target()->id : QString();
    QWidget *previous = m_search->resultsView();
    for (const okta::User &reviewer : draft.reviewers()) {
        auto *row = new QWidget(m_rowsHost);
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(6, 2, 2, 2);
        auto *name = new QLabel(row);
        name->setTextFormat(Qt::PlainText);
        // A left-to-right mark first: a right-to-left name must not flip the whole row.
        QString text =
            QChar(0x200E) + tr("%1  (%2)").arg(reviewer.displayName(), reviewer.profile.login);
        if (auto problem = reviews::ReviewDraft::checkReviewer(reviewer, targetId))
            text += QStringLiteral("  ⚠ ") + problem->message();
        name->setText(text);
        auto *remove = new QToolButton(row);
        remove->setText(tr("Remove"));
        remove->setIcon(QIcon(QStringLiteral(":/icons/remove.svg")));
        remove->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        remove->setAccessibleName(tr("Remove %1").arg(reviewer.displayName()));
        remove->setToolTip(remove->accessibleName());
        remove->setFocusPolicy(Qt::StrongFocus);
        const QString id = reviewer.id;
        connect(remove, &QToolButton::clicked, this, [this, id] { m_draft.removeReviewer(id); });
        rowLayout->addWidget(name, 1);
        rowLayout->addWidget(remove);
        m_rows->addWidget(row);
        setTabOrder(previous, remove);
        previous = remove;
    }
    if (draft.reviewers().isEmpty()) {
        auto *empty = new QLabel(tr("No reviewers yet: search below and pick up to %n.", nullptr,
                                    reviews::ReviewDraft::kMaxReviewers),
                                 m_rowsHost);
        empty->setEnabled(false);
        m_rows->addWidget(empty);
    }
    m_rows->addStretch(1);

    m_counter->setText(QStringLiteral("%1 / %2")
                           .arg(draft.reviewers().size())
                           .arg(reviews::ReviewDraft::kMaxReviewers));
    m_counter->setAccessibleDescription(tr("%1 of at most %2 reviewers")
                                            .arg(draft.reviewers().size())
                                            .arg(reviews::ReviewDraft::kMaxReviewers));
    const auto blocked = m_draft.addingBlockedBy();
    m_search->setEnabled(!blocked);
    if (blocked)
        showReason(blocked->message());
    else
        showReason(m_refusal);
    m_refusal.clear();
}

} // namespace triage::ui
