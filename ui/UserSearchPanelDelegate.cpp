#include "UserSearchPanelDelegate.h"

#include "StatusBadge.h"
#include "UserResultsModel.h"

#include <QApplication>
#include <QPainter>

namespace triage::ui {

namespace {
constexpr int kMargin = 8;
constexpr int kLineGap = 2;

QString joined(const QString &a, const QString &b)
{
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    return a + QStringLiteral(" · ") + b;
}
} // namespace

QSize UserSearchPanelDelegate::sizeHint(const QStyleOptionViewItem &option,
                                        const QModelIndex &) const
{
    const QFontMetrics metrics(option.font);
    return {260, 2 * kMargin + 3 * metrics.height() + 2 * kLineGap};
}

void UserSearchPanelDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // the background, selection and focus only; the text is ours
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor textColour =
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor mutedColour = textColour;
    mutedColour.setAlphaF(0.7f);

    const QRect area = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const QFontMetrics metrics(option.font);
    const int line = metrics.height();

    painter->save();
    const BadgeStyle badge =
        StatusBadge::forUser(index.data(UserResultsModel::StatusRole).toString());
    const QSize badgeSize = StatusBadge::sizeHint(badge, option.font);
    const QRect badgeRect(area.right() - badgeSize.width() + 1, area.top(), badgeSize.width(),
                          line);
    QPalette badgePalette = option.palette;
    badgePalette.setColor(QPalette::Text, textColour);
    StatusBadge::paint(painter, badgeRect, badge, badgePalette);

    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(textColour);
    const QRect nameRect(area.left(), area.top(), badgeRect.left() - area.left() - kMargin, line);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(index.data(Qt::DisplayRole).toString(),
                                                    Qt::ElideRight, nameRect.width()));

    painter->setFont(option.font);
    const QRect loginRect(area.left(), area.top() + line + kLineGap, area.width(), line);
    painter->drawText(loginRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(UserResultsModel::contactLine(
                                             index.data(UserResultsModel::LoginRole).toString(),
                                             index.data(UserResultsModel::EmailRole).toString()),
                                         Qt::ElideMiddle, loginRect.width()));
    painter->setPen(mutedColour);
    const QRect roleRect(area.left(), loginRect.bottom() + 1 + kLineGap, area.width(), line);
    painter->drawText(
        roleRect, Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(joined(index.data(UserResultsModel::TitleRole).toString(),
                                  index.data(UserResultsModel::DepartmentRole).toString()),
                           Qt::ElideRight, roleRect.width()));
    painter->restore();
}

} // namespace triage::ui
