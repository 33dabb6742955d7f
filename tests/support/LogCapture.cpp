#include "LogCapture.h"

#include <QtGlobal>

namespace triage::test {

namespace {
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogCapture::lines().append(message);
    if (g_previous)
        g_previous(type, context, message);
}
} // namespace

void LogCapture::install()
{
    g_previous = qInstallMessageHandler(capture);
}

void LogCapture::uninstall()
{
    qInstallMessageHandler(g_previous);
    g_previous = nullptr;
}

QStringList &LogCapture::lines()
{
    static QStringList captured;
    return captured;
}

} // namespace triage::test
