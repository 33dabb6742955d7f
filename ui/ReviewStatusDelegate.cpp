#include "ReviewStatusDelegate.h"

#include "ReviewListModel.h"
#include "StatusBadge.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>

namespace triage::ui {

ReviewStatusDelegate::ReviewStatusDelegate(QAbstractItemView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{
    m_frames.setInterval(kFrameMs);
    connect(&m_frames, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + kDegreesPerFrame) % 360;
        m_view->viewport()->update();
    });
}

void ReviewStatusDelegate::setAnimating(bool animating)
{
    if (animating)
        m_frames.start();
    else
        m_frames.stop();
}

QSize ReviewStatusDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    const auto status = okta::ReviewStatus(index.data(ReviewListModel::StatusRole).toInt());
    QSize size = StatusBadge::sizeHint(StatusBadge::forReview(status), option.font);
    size += QSize(12, 8);
    return size.expandedTo(QStyledItemDelegate::sizeHint(option, index));
}

void ReviewStatusDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const auto status = okta::ReviewStatus(index.data(ReviewListModel::StatusRole).toInt());
    QPalette palette = option.palette;
    if (option.state & QStyle::State_Selected)
        palette.setColor(QPalette::Text, palette.color(QPalette::HighlightedText));
    StatusBadge::paint(painter, option.rect.adjusted(6, 2, -6, -2), StatusBadge::forReview(status),
                       palette, m_angle);
}

} // namespace triage::ui
