#pragma once

#include "Theme.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace triage::ui {

// What the access-triage command line asked for. Parsing never exits the process: main() decides
// what to print, so the parser is testable.
struct CommandLineOptions
{
    enum class Action { Run, ShowHelp, ShowVersion, Error };
    Action action = Action::Run;
    bool sandbox = false; // start the built-in sandbox org and connect to it
    QString profileName;  // --profile NAME: empty means the last used profile
    ThemeChoice theme = ThemeChoice::System;
    QString text; // help, version or error text for ShowHelp/ShowVersion/Error
};

class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(triage::ui::CommandLine)
public:
    // `arguments` includes the program name first, like QCoreApplication::arguments().
    static CommandLineOptions parse(const QStringList &arguments);
    static QString versionText();
};

} // namespace triage::ui
