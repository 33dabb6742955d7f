#pragma once

#include "okta/Review.h"

#include <QColor>
#include <QIcon>
#include <QString>
#include <QWidget>

class QPainter;
class QPalette;
class QRect;
class QFont;
class QSize;

namespace triage::ui {

// How a status looks: colour, icon and words together, never colour alone.
struct BadgeStyle
{
    QString text;      // what the badge says ("PENDING", "LOCKED OUT")
    QColor colour;     // tint and icon colour; readable on light and dark palettes
    QString iconPath;  // ":/icons/status-*.svg"
    bool busy = false; // draw a turning arc instead of the icon (work in progress)

    QIcon icon() const;
    bool operator==(const BadgeStyle &) const = default;
};

// Paints status "pills" for reviews (PENDING, ACTIVE, CLOSED, ERROR) and users (ACTIVE,
// SUSPENDED...).
class StatusBadge
{
public:
    static BadgeStyle forReview(okta::ReviewStatus status);
    static BadgeStyle forUser(const QString &userStatus);

    static QSize sizeHint(const BadgeStyle &style, const QFont &font);
    // Paints the pill at the left of `rect`, vertically centred. `spinnerAngle` (degrees) turns
    // the busy arc; ignored when the style is not busy.
    static void paint(QPainter *painter, const QRect &rect, const BadgeStyle &style,
                      const QPalette &palette, int spinnerAngle = 0);
};

// A badge as a widget, for cards and dialogs (lists use the painter above in a delegate).
class StatusBadgeWidget : public QWidget
{
    Q_OBJECT
public:
    explicit StatusBadgeWidget(QWidget *parent = nullptr);
    void setStyle(const BadgeStyle &style);
    const BadgeStyle &badgeStyle() const { return m_style; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    BadgeStyle m_style;
};

} // namespace triage::ui
