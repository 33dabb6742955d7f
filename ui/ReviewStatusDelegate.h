#pragma once

#include <QStyledItemDelegate>
#include <QTimer>

class QAbstractItemView;

namespace triage::ui {

// Paints the status column as a badge (colour + icon + words). While any review is PENDING the
// badge's arc turns, so the analyst sees work in progress without reading the text.
class ReviewStatusDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int kFrameMs = 80;
    static constexpr int kDegreesPerFrame = 30;

    explicit ReviewStatusDelegate(QAbstractItemView *view);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    void setAnimating(bool animating);
    bool isAnimating() const { return m_frames.isActive(); }
    int spinnerAngle() const { return m_angle; }

private:
    QAbstractItemView *m_view;
    QTimer m_frames;
    int m_angle = 0;
};

} // namespace triage::ui
