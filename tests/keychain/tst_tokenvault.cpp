#include "auth/TokenVault.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using triage::auth::TokenVault;
using Status = TokenVault::Status;

namespace {

// Runs one vault call and waits (event loop running) for its single answer.
TokenVault::Result await(const std::function<void(QObject *, TokenVault::Done)> &call,
                         int *answers = nullptr)
{
    QObject context;
    std::optional<TokenVault::Result> result;
    int count = 0;
    call(&context, [&](const TokenVault::Result &r) {
        ++count;
        result = r;
    });
    QDeadlineTimer deadline(20000);
    while (!result && !deadline.hasExpired())
        QTest::qWait(10);
    QTest::qWait(50); // a second answer would show up here
    if (answers)
        *answers = count;
    return result.value_or(TokenVault::Result{Status::Unavailable, {}, QStringLiteral("none")});
}

} // namespace

class TestTokenVault : public QObject
{
    Q_OBJECT
private:
    const QString key = TokenVault::keyFor(QStringLiteral("acme.okta.com"),
                                           QStringLiteral("prof \"q\" \\ \u0416\u65e5"));

private slots:
    void keyFormat()
    {
        QCOMPARE(TokenVault::keyFor(QStringLiteral("acme.okta.com"), QStringLiteral("work")),
                 QStringLiteral("access-triage:acme.okta.com:work"));
    }

    void storeReadDeleteNotFound()
    {
        const QByteArray secret =
            QByteArray("rt-\"quoted\"\\back\xd0\x96\xe6\x97\xa5-") + QByteArray(3000, 'x');
        TokenVault writer;
        int answers = 0;
        auto stored = await([&](QObject *c, auto d) { writer.store(key, secret, c, d); }, &answers);
        QVERIFY2(stored.status == Status::Stored, qPrintable(stored.message));
        QCOMPARE(answers, 1);

        TokenVault reader; // a fresh vault reads what another one stored
        auto found = await([&](QObject *c, auto d) { reader.read(key, c, d); });
        QCOMPARE(found.status, Status::Found);
        QCOMPARE(found.secret, secret);

        // Overwrite (rotation) replaces the stored value.
        QCOMPARE(await([&](QObject *c, auto d) { writer.store(key, "rotated", c, d); }).status,
                 Status::Stored);
        QCOMPARE(await([&](QObject *c, auto d) { reader.read(key, c, d); }).secret,
                 QByteArray("rotated"));

        QCOMPARE(await([&](QObject *c, auto d) { reader.remove(key, c, d); }).status,
                 Status::Deleted);
        auto gone = await([&](QObject *c, auto d) { reader.read(key, c, d); });
        QCOMPARE(gone.status, Status::NotFound);
        QVERIFY(gone.secret.isEmpty());
        // Deleting what is not there is fine (sign-out twice).
        QCOMPARE(await([&](QObject *c, auto d) { reader.remove(key, c, d); }).status,
                 Status::Deleted);
    }

    void neverStoredIsNotFound()
    {
        TokenVault vault;
        const QString other =
            TokenVault::keyFor(QStringLiteral("never.okta.com"), QStringLiteral("never-stored"));
        QCOMPARE(await([&](QObject *c, auto d) { vault.read(other, c, d); }).status,
                 Status::NotFound);
    }

    void profilesAndOrgsAreSeparate()
    {
        TokenVault vault;
        const QString a = TokenVault::keyFor(QStringLiteral("a.okta.com"), QStringLiteral("p"));
        const QString b = TokenVault::keyFor(QStringLiteral("b.okta.com"), QStringLiteral("p"));
        QCOMPARE(await([&](QObject *c, auto d) { vault.store(a, "token-a", c, d); }).status,
                 Status::Stored);
        QCOMPARE(await([&](QObject *c, auto d) { vault.read(b, c, d); }).status, Status::NotFound);
        QCOMPARE(await([&](QObject *c, auto d) { vault.remove(a, c, d); }).status, Status::Deleted);
    }

    // The keychain answers after the timeout already did (a slow or prompting backend): the late
    // answer is dropped, the caller hears exactly once, and nothing touches the finished timer.
    void lateAnswerAfterTheTimeoutIsIgnored()
    {
        TokenVault vault;
        vault.setTimeout(1); // always shorter than a D-Bus round trip to the Secret Service
        QObject context;     // outlives the real answer, unlike await()'s
        int answers = 0;
        std::optional<TokenVault::Result> first;
        vault.read(key, &context, [&](const TokenVault::Result &result) {
            ++answers;
            if (!first)
                first = result;
        });
        QTRY_VERIFY_WITH_TIMEOUT(first.has_value(), 5000);
        QCOMPARE(first->status, Status::Unavailable);
        QTest::qWait(1500); // the real job finishes meanwhile
        QCOMPARE(answers, 1);
    }

    // Run by the tst_tokenvault_unavailable entry, on a D-Bus address with nothing behind it.
    void unavailableWithoutSecretService()
    {
        if (!qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS")
                 .contains(QLatin1String("nonexistent")))
            QSKIP("runs only with DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent");
        TokenVault vault;
        vault.setTimeout(3000);
        QElapsedTimer timer;
        timer.start();
        int answers = 0;
        auto read = await([&](QObject *c, auto d) { vault.read(key, c, d); }, &answers);
        QCOMPARE(read.status, Status::Unavailable); // never NotFound
        QCOMPARE(answers, 1);
        QVERIFY(!read.message.isEmpty());
        QVERIFY(timer.elapsed() < 3000 + 1000);
        auto stored = await([&](QObject *c, auto d) { vault.store(key, "secret-value", c, d); });
        QCOMPARE(stored.status, Status::Unavailable);
        QVERIFY(!stored.message.contains(QLatin1String("secret-value")));
        QCOMPARE(await([&](QObject *c, auto d) { vault.remove(key, c, d); }).status,
                 Status::Unavailable);
    }

    // Run by the tst_tokenvault_locked entry, in its own throwaway gnome-keyring
    // (tests/support/in-throwaway-session), which it locks as a screen lock or a login without
    // auto-unlock would. No prompt can be shown here, as on a headless or remote session: every
    // call is Unavailable with a message that says what to do, never NotFound ("signed out").
    void unavailableWhenTheKeychainIsLocked()
    {
        if (qEnvironmentVariable("TRIAGE_LOCK_KEYRING") != QLatin1String("1"))
            QSKIP("runs only with TRIAGE_LOCK_KEYRING=1, in a keyring of its own");
        TokenVault vault;
        vault.setTimeout(5000);
        QCOMPARE(
            await([&](QObject *c, auto d) { vault.store(key, "stored-before-lock", c, d); }).status,
            Status::Stored);

        QDBusMessage lock = QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
            QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("Lock"));
        lock << QVariant::fromValue(QList<QDBusObjectPath>{
            QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/collection/login"))});
        const QDBusMessage locked = QDBusConnection::sessionBus().call(lock);
        QVERIFY2(locked.type() == QDBusMessage::ReplyMessage, qPrintable(locked.errorMessage()));

        // Each answer is the lock check's, not the vault's timeout (which also says "locked").
        const auto isLockedAnswer = [](const TokenVault::Result &result) {
            return result.status == Status::Unavailable &&
                   result.message.startsWith(QLatin1String("The system keychain is locked."));
        };
        QElapsedTimer timer;
        timer.start();
        int answers = 0;
        auto read = await([&](QObject *c, auto d) { vault.read(key, c, d); }, &answers);
        QVERIFY2(isLockedAnswer(read), qPrintable(read.message)); // there, just locked
        QCOMPARE(answers, 1);
        QVERIFY(read.secret.isEmpty());
        auto stored = await([&](QObject *c, auto d) { vault.store(key, "new-secret", c, d); });
        QCOMPARE(stored.status, Status::Unavailable);
        QVERIFY(!stored.message.contains(QLatin1String("new-secret")));
        auto removed = await([&](QObject *c, auto d) { vault.remove(key, c, d); });
        QVERIFY2(isLockedAnswer(removed), qPrintable(removed.message)); // libsecret: "done"
        QVERIFY(timer.elapsed() < 5000);
        // What was never stored is still simply not there, locked keyring or not.
        const QString other =
            TokenVault::keyFor(QStringLiteral("acme.okta.com"), QStringLiteral("never-stored"));
        QCOMPARE(await([&](QObject *c, auto d) { vault.read(other, c, d); }).status,
                 Status::NotFound);
        QCOMPARE(await([&](QObject *c, auto d) { vault.remove(other, c, d); }).status,
                 Status::Deleted);
    }

    // Run by the tst_tokenvault_silent entry: a session bus that accepts connections and never
    // says a word, like a hung keychain backend. Every call ends as Unavailable by the timeout.
    void unavailableWhenTheKeychainNeverAnswers()
    {
        if (qEnvironmentVariable("TRIAGE_SILENT_BUS") != QLatin1String("1"))
            QSKIP("runs only with TRIAGE_SILENT_BUS=1");
        QTemporaryDir dir;
        QLocalServer silentBus;
        QVERIFY(silentBus.listen(dir.filePath(QStringLiteral("bus"))));
        QList<QLocalSocket *> held; // accepted and left hanging
        connect(&silentBus, &QLocalServer::newConnection, &silentBus,
                [&] { held << silentBus.nextPendingConnection(); });
        qputenv("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=" + QFile::encodeName(silentBus.fullServerName()));

        TokenVault vault;
        vault.setTimeout(1500);
        QElapsedTimer timer;
        timer.start();
        int answers = 0;
        auto read = await([&](QObject *c, auto d) { vault.read(key, c, d); }, &answers);
        QCOMPARE(read.status, Status::Unavailable); // never NotFound
        QCOMPARE(answers, 1);
        QVERIFY(read.message.contains(QLatin1String("did not answer")));
        QVERIFY(timer.elapsed() >= 1400 && timer.elapsed() < 1500 + 1500);
        QCOMPARE(await([&](QObject *c, auto d) { vault.store(key, "s", c, d); }).status,
                 Status::Unavailable);
    }
};

QTEST_GUILESS_MAIN(TestTokenVault)
#include "tst_tokenvault.moc"
