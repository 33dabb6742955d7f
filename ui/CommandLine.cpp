#include "CommandLine.h"

#include <QCommandLineParser>

#ifndef TRIAGE_VERSION
#define TRIAGE_VERSION "0.0.0"
#endif

namespace triage::ui {

QString CommandLine::versionText()
{
    return QStringLiteral("access-triage %1").arg(QLatin1String(TRIAGE_VERSION));
}

CommandLineOptions CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Start an Okta Identity Governance security access review on one user.\n"
           "With no profile yet, the connection wizard opens."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"),
        tr("Start the built-in sandbox org and connect to it (no Okta tenant needed)."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     tr("Use the saved org profile <name>."), tr("name"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   tr("Colour scheme: system, light or dark."), tr("theme"),
                                   QStringLiteral("system"));
    parser.addOption(sandbox);
    parser.addOption(profile);
    parser.addOption(theme);

    CommandLineOptions options;
    if (!parser.parse(arguments)) {
        options.action = CommandLineOptions::Action::Error;
        options.text = parser.errorText();
        return options;
    }
    if (parser.isSet(help) || parser.isSet(QStringLiteral("help-all"))) {
        options.action = CommandLineOptions::Action::ShowHelp;
        options.text = parser.helpText();
        return options;
    }
    if (parser.isSet(version)) {
        options.action = CommandLineOptions::Action::ShowVersion;
        options.text = versionText();
        return options;
    }
    if (!parser.positionalArguments().isEmpty()) {
        options.action = CommandLineOptions::Action::Error;
        options.text = tr("Unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return options;
    }
    const auto chosenTheme = themeChoiceFromName(parser.value(theme));
    if (!chosenTheme) {
        options.action = CommandLineOptions::Action::Error;
        options.text =
            tr("Unknown theme \"%1\": use system, light or dark.").arg(parser.value(theme));
        return options;
    }
    options.theme = *chosenTheme;
    options.sandbox = parser.isSet(sandbox);
    options.profileName = parser.value(profile).trimmed();
    if (parser.isSet(profile) && options.profileName.isEmpty()) {
        options.action = CommandLineOptions::Action::Error;
        options.text = tr("--profile needs a profile name.");
        return options;
    }
    if (options.sandbox && !options.profileName.isEmpty()) {
        options.action = CommandLineOptions::Action::Error;
        options.text = tr("--sandbox and --profile can't be used together.");
    }
    return options;
}

} // namespace triage::ui
