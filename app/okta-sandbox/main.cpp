// okta-sandbox: the sandbox org on its own, for manual runs, the browser tests and the Node SDK.
#include "sandbox/FaultInjector.h"
#include "sandbox/SandboxOrg.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using triage::sandbox::FaultInjector;
using triage::sandbox::SandboxConfig;
using triage::sandbox::SandboxOrg;

namespace {
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// SIGINT/SIGTERM end the event loop through a socket pair (async-signal-safe), then exit cleanly.
void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] { app.quit(); });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "okta-sandbox: %s\n", qPrintable(message));
    std::exit(2);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("okta-sandbox"));
    const SandboxConfig defaults;

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local imitation of an Okta org (OAuth, Users API, security access "
                       "reviews) on 127.0.0.1."));
    parser.addHelpOption();
    const auto option = [&](const char *name, const QString &description, const char *valueName,
                            const QString &defaultValue) {
        QCommandLineOption entry(QString::fromLatin1(name), description,
                                 QString::fromLatin1(valueName), defaultValue);
        parser.addOption(entry);
        return entry;
    };
    const QCommandLineOption port =
        option("port", QStringLiteral("TCP port on 127.0.0.1; 0 picks a free one (default 0)."),
               "PORT", QStringLiteral("0"));
    const QCommandLineOption users = option(
        "users", QStringLiteral("Number of generated users (default %1).").arg(defaults.users), "N",
        QString::number(defaults.users));
    const QCommandLineOption seed = option(
        "seed", QStringLiteral("Seed of the generated directory (default %1).").arg(defaults.seed),
        "N", QString::number(defaults.seed));
    const QCommandLineOption activationDelay =
        option("activation-delay",
               QStringLiteral("Seconds a new review stays PENDING, fractions allowed (default %1).")
                   .arg(defaults.activationDelaySeconds),
               "SECONDS", QString::number(defaults.activationDelaySeconds));
    const QCommandLineOption clientId =
        option("client-id", QStringLiteral("OAuth client id (default %1).").arg(defaults.clientId),
               "ID", defaults.clientId);
    const QCommandLineOption redirectUri =
        option("redirect-uri",
               QStringLiteral("Registered redirect URI, exact match; repeat for more (default %1).")
                   .arg(defaults.redirectUris.join(QLatin1Char(' '))),
               "URI", QString());
    const QCommandLineOption login =
        option("login", QStringLiteral("The analyst's login (default %1).").arg(defaults.login),
               "LOGIN", defaults.login);
    const QCommandLineOption password = option(
        "password", QStringLiteral("The analyst's password (default %1).").arg(defaults.password),
        "PASSWORD", defaults.password);
    const QCommandLineOption apiToken =
        option("api-token",
               QStringLiteral("Accept 'Authorization: SSWS <token>' as a super admin (default: "
                              "off)."),
               "TOKEN", QString());
    const QCommandLineOption grantScopes =
        option("grant-scopes",
               QStringLiteral("Space-separated scopes the client may be granted (default \"%1\").")
                   .arg(SandboxConfig::defaultGrantScopes().join(QLatin1Char(' '))),
               "SCOPES", QString());
    const QCommandLineOption tokenLifetime =
        option("token-lifetime",
               QStringLiteral("Access token lifetime in seconds (default %1).")
                   .arg(defaults.accessTokenLifetimeSeconds),
               "SECONDS", QString::number(defaults.accessTokenLifetimeSeconds));
    const QCommandLineOption noRateLimits(QStringLiteral("no-rate-limits"),
                                          QStringLiteral("Never answer 429 (headers still sent)."));
    parser.addOption(noRateLimits);
    const QCommandLineOption fault = option(
        "fault",
        QStringLiteral("Inject a fault, repeatable: KIND[:METHOD][:PATH_PREFIX][:TIMES], e.g. "
                       "ServerError:POST:/governance:1 (default: none)."),
        "SPEC", QString());
    parser.process(app);

    const auto number = [&](const QCommandLineOption &entry, qint64 min, qint64 max) {
        bool ok = false;
        const qint64 value = parser.value(entry).toLongLong(&ok);
        if (!ok || value < min || value > max)
            fail(QStringLiteral("--%1 must be a whole number from %2 to %3")
                     .arg(entry.names().constFirst())
                     .arg(min)
                     .arg(max));
        return value;
    };
    SandboxConfig config;
    config.port = quint16(number(port, 0, 65535));
    config.users = int(number(users, 0, 1000000));
    config.seed = quint32(number(seed, 0, 4294967295LL));
    bool ok = false;
    config.activationDelaySeconds = parser.value(activationDelay).toDouble(&ok);
    if (!ok || config.activationDelaySeconds < 0)
        fail(QStringLiteral("--activation-delay must be a number of seconds, 0 or more"));
    config.clientId = parser.value(clientId);
    if (parser.isSet(redirectUri))
        config.redirectUris = parser.values(redirectUri);
    config.login = parser.value(login);
    config.password = parser.value(password);
    config.apiToken = parser.value(apiToken);
    config.grantScopes = parser.value(grantScopes).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    config.accessTokenLifetimeSeconds = int(number(tokenLifetime, 1, 86400 * 30));
    config.rateLimitsEnabled = !parser.isSet(noRateLimits);

    SandboxOrg org(config);
    for (const QString &spec : parser.values(fault)) {
        QString error;
        const auto parsed = FaultInjector::parse(spec, &error);
        if (!parsed)
            fail(QStringLiteral("--fault: ") + error);
        org.injectFault(*parsed);
    }
    QString error;
    if (!org.start(&error))
        fail(QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(config.port).arg(error));

    QTextStream out(stdout);
    out << "okta-sandbox listening on " << org.baseUrl().toString() << Qt::endl;
    out << "  client id:     " << config.clientId << '\n';
    out << "  redirect URIs: " << config.redirectUris.join(QStringLiteral(", ")) << '\n';
    out << "  sign in as:    " << config.login << " / " << config.password << '\n';
    out << "  users:         " << config.users << " (seed " << config.seed << ")\n";
    if (!config.apiToken.isEmpty())
        out << "  SSWS API token accepted\n";
    out << "Press Ctrl+C to stop." << Qt::endl;

    quitOnSignals(app);
    return app.exec();
}
