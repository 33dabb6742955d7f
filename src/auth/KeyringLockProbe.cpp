#include "auth/KeyringLockProbe.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QMap>

namespace triage::auth {

void askWhetherEntryIsLocked(const QString &service, const QString &key, QObject *context,
                             int timeoutMs, std::function<void(bool locked)> done)
{
    QDBusMessage search = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("SearchItems"));
    using Attributes = QMap<QString, QString>; // D-Bus a{ss}
    static const QMetaType registered = qDBusRegisterMetaType<Attributes>();
    Q_UNUSED(registered);
    // QtKeychain's libsecret schema (org.qt.keychain) names the service "server", the key "user".
    search << QVariant::fromValue(
        Attributes{{QStringLiteral("server"), service}, {QStringLiteral("user"), key}});
    // Never starts a Secret Service that is not running: only one that QtKeychain used is asked.
    search.setAutoStartService(false);
    auto *watcher = new QDBusPendingCallWatcher(
        QDBusConnection::sessionBus().asyncCall(search, timeoutMs), context);
    QObject::connect(
        watcher, &QDBusPendingCallWatcher::finished, context,
        [done = std::move(done)](QDBusPendingCallWatcher *call) {
            call->deleteLater();
            // SearchItems answers (unlocked items, locked items).
            const QDBusPendingReply<QList<QDBusObjectPath>, QList<QDBusObjectPath>> reply = *call;
            done(!reply.isError() && !reply.argumentAt<1>().isEmpty());
        });
}

} // namespace triage::auth
