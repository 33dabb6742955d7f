#include "Theme.h"

#include <QApplication>
#include <QLabel>
#include <QStyle>
#include <QStyleFactory>

namespace triage::ui {

std::optional<ThemeChoice> themeChoiceFromName(const QString &name)
{
    const QString key = name.trimmed().toLower();
    if (key == QLatin1String("system"))
        return ThemeChoice::System;
    if (key == QLatin1String("light"))
        return ThemeChoice::Light;
    if (key == QLatin1String("dark"))
        return ThemeChoice::Dark;
    return std::nullopt;
}

void Theme::apply(QApplication &app, ThemeChoice choice)
{
    // Read the desktop's scheme before the style change replaces the palette.
    const bool desktopIsDark = isDark(QApplication::palette());
    if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    switch (choice) {
    case ThemeChoice::Light:
        app.setPalette(lightPalette());
        break;
    case ThemeChoice::Dark:
        app.setPalette(darkPalette());
        break;
    case ThemeChoice::System:
        // Follow the desktop's scheme, but with our tuned colours for it.
        app.setPalette(desktopIsDark ? darkPalette() : lightPalette());
        break;
    }
}

QPalette Theme::lightPalette()
{
    QPalette p;
    const QColor window(0xf4, 0xf5, 0xf7), base(0xff, 0xff, 0xff), text(0x1d, 0x21, 0x27);
    const QColor accent(0x1f, 0x5f, 0xa8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0xf0, 0xf3, 0xf7));
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x72, 0x7c));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xfa, 0xfb, 0xfc));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe3, 0xe6, 0xea));
    p.setColor(QPalette::Mid, QColor(0xc4, 0xc9, 0xd0));
    p.setColor(QPalette::Dark, QColor(0x9a, 0xa1, 0xab));
    p.setColor(QPalette::Shadow, QColor(0x50, 0x55, 0x5c));
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, accent);
    p.setColor(QPalette::LinkVisited, QColor(0x5b, 0x3c, 0x9e));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x8c, 0x93, 0x9c));
    p.setColor(QPalette::Disabled, QPalette::Button, window);
    return p;
}

QPalette Theme::darkPalette()
{
    QPalette p;
    const QColor window(0x23, 0x26, 0x2b), base(0x1a, 0x1c, 0x20), text(0xe6, 0xe8, 0xeb);
    const QColor accent(0x4c, 0x93, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x22, 0x25, 0x2a));
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x34, 0x3a));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8e, 0x95, 0x9e));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2e, 0x32, 0x38));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3c, 0x41, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x34, 0x38, 0x3f));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2d, 0x33));
    p.setColor(QPalette::Dark, QColor(0x16, 0x18, 0x1b));
    p.setColor(QPalette::Shadow, QColor(0x0b, 0x0c, 0x0e));
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7c, 0xb4, 0xf5));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xf0));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x7a, 0x80, 0x88));
    p.setColor(QPalette::Disabled, QPalette::Button, window);
    return p;
}

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor Theme::successColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x5f, 0xc9, 0x7a) : QColor(0x1e, 0x7b, 0x34);
}

QColor Theme::failureColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf2, 0x7a, 0x7a) : QColor(0xb4, 0x23, 0x18);
}

QColor Theme::warningColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf0, 0xc0, 0x5a) : QColor(0x8a, 0x5a, 0x00);
}

QColor Theme::noticeBackground(const QPalette &palette, bool warning)
{
    if (isDark(palette))
        return warning ? QColor(0x4a, 0x3b, 0x12) : QColor(0x1f, 0x33, 0x4d);
    return warning ? QColor(0xff, 0xf1, 0xc7) : QColor(0xe3, 0xee, 0xfa);
}

void Theme::setMessage(QLabel *label, const QString &text, Tone tone)
{
    QPalette palette = label->palette();
    const QPalette base = QApplication::palette(label);
    switch (tone) {
    case Tone::Neutral:
        palette.setColor(QPalette::WindowText, base.color(QPalette::WindowText));
        break;
    case Tone::Success:
        palette.setColor(QPalette::WindowText, successColor(base));
        break;
    case Tone::Warning:
        palette.setColor(QPalette::WindowText, warningColor(base));
        break;
    case Tone::Failure:
        palette.setColor(QPalette::WindowText, failureColor(base));
        break;
    }
    label->setPalette(palette);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace triage::ui
