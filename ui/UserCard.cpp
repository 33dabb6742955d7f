#include "UserCard.h"

#include "StatusBadge.h"
#include "UserResultsModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace triage::ui {

namespace {
QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}
} // namespace

UserCard::UserCard(QWidget *parent)
    : QFrame(parent)
    , m_name(new QLabel(this))
    , m_badge(new StatusBadgeWidget(this))
    , m_login(new QLabel(this))
    , m_role(new QLabel(this))
    , m_warning(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Target user"));
    QFont big = m_name->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_name->setFont(big);
    for (QLabel *label : {m_name, m_login, m_role, m_warning}) {
        label->setTextFormat(Qt::PlainText); // names are data, never markup
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
    }
    m_warning->setAccessibleName(tr("Target status warning"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(3);
    auto *top = new QHBoxLayout;
    top->addWidget(m_name, 1);
    top->addWidget(m_badge, 0, Qt::AlignTop);
    layout->addLayout(top);
    layout->addWidget(m_login);
    layout->addWidget(m_role);
    layout->addWidget(m_warning);
    setUser(std::nullopt);
}

void UserCard::setUser(const std::optional<okta::User> &user)
{
    m_user = user;
    if (!user) {
        m_name->setText(tr("No target chosen"));
        m_login->setText(tr("Search for the user under review and pick them from the list."));
        m_role->clear();
        m_warning->clear();
        m_warning->hide();
        m_badge->setStyle({});
        setAccessibleDescription({});
        update();
        return;
    }
    m_name->setText(user->displayName());
    m_badge->setStyle(StatusBadge::forUser(user->status));
    m_login->setText(
        orDash(UserResultsModel::contactLine(user->profile.login, user->profile.email)));
    m_role->setText(
        tr("%1 · %2").arg(orDash(user->profile.title), orDash(user->profile.department)));
    m_warning->setText(warningText());
    QPalette warn = palette();
    warn.setColor(QPalette::WindowText, StatusBadge::forUser(user->status).colour);
    m_warning->setPalette(warn);
    m_warning->setVisible(!user->isActive());
    setAccessibleDescription(tr("%1, status %2").arg(user->displayName(), user->status));
    update();
}

QString UserCard::warningText() const
{
    if (!m_user || m_user->isActive())
        return {};
    return tr("⚠ This account is %1, not ACTIVE: its access may already be limited.")
        .arg(StatusBadge::forUser(m_user->status).text);
}

QSize UserCard::sizeHint() const
{
    QSize size = QFrame::sizeHint();
    size.setWidth(std::max(size.width(), 320));
    return size;
}

} // namespace triage::ui
