#include "AppController.h"
#include "CommandLine.h"
#include "Theme.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>

using namespace triage::ui;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("access-triage"));
    QApplication::setApplicationDisplayName(QStringLiteral("Access Triage"));
    QApplication::setOrganizationName(QStringLiteral("access-triage"));
    QApplication::setDesktopFileName(QStringLiteral("access-triage"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/access-triage.svg")));

    const CommandLineOptions options = CommandLine::parse(QApplication::arguments());
    switch (options.action) {
    case CommandLineOptions::Action::ShowHelp:
    case CommandLineOptions::Action::ShowVersion:
        std::fputs(qPrintable(options.text + QLatin1Char('\n')), stdout);
        return 0;
    case CommandLineOptions::Action::Error:
        std::fputs(qPrintable(options.text + QLatin1Char('\n')), stderr);
        return 2;
    case CommandLineOptions::Action::Run:
        break;
    }
    Theme::apply(app, options.theme);

    // The wizard hides before the main window shows: the controller says when to quit.
    QApplication::setQuitOnLastWindowClosed(false);
    AppController controller;
    QObject::connect(&controller, &AppController::finished, &app, &QApplication::quit);
    controller.start(options);
    return QApplication::exec();
}
