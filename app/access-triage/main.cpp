#include "AppController.h"
#include "CommandLine.h"
#include "Theme.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>

using namespace triage::ui;

namespace {

// --help and --version must work where no display is (a terminal over ssh, a build machine), so
// they are answered before the GUI application, which needs a display, is created.
bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" ||
            arg == "-v")
            return true;
    }
    return false;
}

int printText(const CommandLineOptions &options)
{
    const bool error = options.action == CommandLineOptions::Action::Error;
    std::fputs(qPrintable(options.text + QLatin1Char('\n')), error ? stderr : stdout);
    return error ? 2 : 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication text(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("access-triage"));
        return printText(CommandLine::parse(QCoreApplication::arguments()));
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("access-triage"));
    QApplication::setApplicationDisplayName(QStringLiteral("Access Triage"));
    QApplication::setOrganizationName(QStringLiteral("access-triage"));
    QApplication::setDesktopFileName(QStringLiteral("access-triage"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/access-triage.svg")));

    const CommandLineOptions options = CommandLine::parse(QApplication::arguments());
    if (options.action != CommandLineOptions::Action::Run)
        return printText(options);
    Theme::apply(app, options.theme);

    // The wizard hides before the main window shows: the controller says when to quit.
    QApplication::setQuitOnLastWindowClosed(false);
    AppController controller;
    QObject::connect(&controller, &AppController::finished, &app, &QApplication::quit);
    controller.start(options);
    return QApplication::exec();
}
