#include "StatusBadge.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace triage::ui {

namespace {
constexpr int kPadding = 6;
constexpr int kIconGap = 5;

// Mid-tone colours: dark enough for a white glyph, light enough to read on a dark window.
const QColor kAmber(0xC2, 0x78, 0x03);
const QColor kGreen(0x2F, 0x85, 0x5A);
const QColor kSlate(0x64, 0x74, 0x8B);
const QColor kRed(0xD0, 0x3B, 0x3B);
const QColor kBlue(0x2B, 0x6C, 0xB0);

QString words(const QString &wireStatus)
{
    QString text = wireStatus;
    return text.replace(QLatin1Char('_'), QLatin1Char(' '));
}

int iconSize(const QFontMetrics &metrics)
{
    return metrics.height();
}
} // namespace

QIcon BadgeStyle::icon() const
{
    return iconPath.isEmpty() ? QIcon() : QIcon(iconPath);
}

BadgeStyle StatusBadge::forReview(okta::ReviewStatus status)
{
    using okta::ReviewStatus;
    switch (status) {
    case ReviewStatus::Pending:
        return {QStringLiteral("PENDING"), kAmber, QStringLiteral(":/icons/status-pending.svg"),
                true};
    case ReviewStatus::Active:
        return {QStringLiteral("ACTIVE"), kGreen, QStringLiteral(":/icons/status-active.svg"),
                false};
    case ReviewStatus::Closed:
        return {QStringLiteral("CLOSED"), kSlate, QStringLiteral(":/icons/status-closed.svg"),
                false};
    case ReviewStatus::Error:
        return {QStringLiteral("ERROR"), kRed, QStringLiteral(":/icons/status-error.svg"), false};
    case ReviewStatus::Unknown:
        break;
    }
    return {QStringLiteral("UNKNOWN"), kSlate, QStringLiteral(":/icons/status-unknown.svg"), false};
}

BadgeStyle StatusBadge::forUser(const QString &userStatus)
{
    const QString text = userStatus.isEmpty() ? QStringLiteral("UNKNOWN") : words(userStatus);
    if (userStatus == QLatin1String("ACTIVE"))
        return {text, kGreen, QStringLiteral(":/icons/status-active.svg"), false};
    if (userStatus == QLatin1String("DEPROVISIONED") || userStatus == QLatin1String("SUSPENDED") ||
        userStatus == QLatin1String("LOCKED_OUT"))
        return {text, kRed, QStringLiteral(":/icons/status-error.svg"), false};
    if (userStatus == QLatin1String("STAGED") || userStatus == QLatin1String("PROVISIONED"))
        return {text, kBlue, QStringLiteral(":/icons/status-pending.svg"), false};
    return {text, kAmber, QStringLiteral(":/icons/status-unknown.svg"), false};
}

QSize StatusBadge::sizeHint(const BadgeStyle &style, const QFont &font)
{
    const QFontMetrics metrics(font);
    const int height = metrics.height() + 6;
    const int width = kPadding + iconSize(metrics) + kIconGap +
                      metrics.horizontalAdvance(style.text) + kPadding + 2;
    return {width, height};
}

void StatusBadge::paint(QPainter *painter, const QRect &rect, const BadgeStyle &style,
                        const QPalette &palette, int spinnerAngle)
{
    const QFontMetrics metrics(painter->font());
    const QSize size = sizeHint(style, painter->font());
    const QRect pill(rect.left(), rect.top() + (rect.height() - size.height()) / 2,
                     std::min(size.width(), rect.width()), size.height());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    // A light tint of the colour over the base, with a border in the colour itself.
    QColor tint = style.colour;
    tint.setAlpha(palette.color(QPalette::Base).lightness() > 128 ? 40 : 90);
    QPainterPath path;
    path.addRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), size.height() / 2.0,
                        size.height() / 2.0);
    painter->fillPath(path, tint);
    painter->setPen(QPen(style.colour, 1));
    painter->drawPath(path);

    const int side = iconSize(metrics);
    const QRect iconRect(pill.left() + kPadding, pill.top() + (pill.height() - side) / 2, side,
                         side);
    if (style.busy) {
        // A three-quarter arc that turns: the work is still going on.
        painter->setPen(QPen(style.colour, 2.2, Qt::SolidLine, Qt::RoundCap));
        painter->drawArc(QRectF(iconRect).adjusted(2, 2, -2, -2), -spinnerAngle * 16, 270 * 16);
    } else if (const QIcon icon = style.icon(); !icon.isNull()) {
        icon.paint(painter, iconRect);
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(style.colour);
        painter->drawEllipse(QRectF(iconRect).adjusted(2, 2, -2, -2));
    }

    painter->setPen(palette.color(QPalette::Text));
    const int textLeft = iconRect.left() + side + kIconGap;
    const int available = pill.left() + pill.width() - kPadding - textLeft;
    const QString text = metrics.horizontalAdvance(style.text) <= available
                             ? style.text
                             : metrics.elidedText(style.text, Qt::ElideRight, available);
    painter->drawText(QRect(textLeft, pill.top(), available + kPadding, pill.height()),
                      Qt::AlignVCenter | Qt::AlignLeft, text);
    painter->restore();
}

StatusBadgeWidget::StatusBadgeWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void StatusBadgeWidget::setStyle(const BadgeStyle &style)
{
    m_style = style;
    setAccessibleName(tr("Status: %1").arg(style.text));
    updateGeometry();
    update();
}

QSize StatusBadgeWidget::sizeHint() const
{
    return StatusBadge::sizeHint(m_style, font());
}

void StatusBadgeWidget::paintEvent(QPaintEvent *)
{
    if (m_style.text.isEmpty())
        return;
    QPainter painter(this);
    StatusBadge::paint(&painter, rect(), m_style, palette());
}

} // namespace triage::ui
