#pragma once

#include <QStyledItemDelegate>

namespace triage::ui {

// One search result: name in bold with the status badge at the right, login and email below,
// then title and department, all from UserResultsModel's roles.
class UserSearchPanelDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace triage::ui
