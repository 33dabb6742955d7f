#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

#include <optional>

class QApplication;
class QLabel;

namespace triage::ui {

enum class ThemeChoice { System, Light, Dark };

std::optional<ThemeChoice> themeChoiceFromName(const QString &name); // system, light, dark

// The app's look: the Fusion style (the same on every desktop, crisp at 1x and 2x) with a light
// or dark palette. The one place that knows colours other than the status badges.
class Theme
{
public:
    static void apply(QApplication &app, ThemeChoice choice);
    static QPalette lightPalette();
    static QPalette darkPalette();
    static bool isDark(const QPalette &palette);

    // An accent for notices (the sign-in banner, the wizard's checks) readable on `palette`.
    static QColor successColor(const QPalette &palette);
    static QColor failureColor(const QPalette &palette);
    static QColor warningColor(const QPalette &palette);
    // The background of a notice bar (the main window's session banner).
    static QColor noticeBackground(const QPalette &palette, bool warning);

    // A message label in the colour of its tone (the words always say it too: never colour
    // alone). Neutral restores the palette's text colour.
    enum class Tone { Neutral, Success, Warning, Failure };
    static void setMessage(QLabel *label, const QString &text, Tone tone);
};

} // namespace triage::ui
