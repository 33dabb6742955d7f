#include "auth/ProfileStore.h"
#include "auth/RequiredScopes.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using triage::auth::OrgProfile;
using triage::auth::ProfileStore;

namespace {
OrgProfile acme()
{
    OrgProfile p;
    p.id = QStringLiteral("acme");
    p.displayName = QStringLiteral("Acme \"Prod\", \\ \u0416\u65e5");
    p.orgUrl = QStringLiteral("https://acme.okta.com");
    p.clientId = QStringLiteral("0oa1b2c3d4e5f6g7h8i9");
    p.redirectPort = 8765;
    p.colour = QStringLiteral("#aa3300");
    return p;
}
} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> freshSettings(const QString &name = QStringLiteral("s.ini"))
    {
        return std::make_unique<QSettings>(m_dir.filePath(name), QSettings::IniFormat);
    }

private slots:
    void roundTripThroughAFreshSettingsObject()
    {
        QString error;
        {
            auto settings = freshSettings();
            ProfileStore store(settings.get());
            QVERIFY(store.profiles().isEmpty());
            QVERIFY2(store.save(acme(), &error), qPrintable(error));
            OrgProfile sandbox;
            sandbox.id = QStringLiteral("sandbox");
            sandbox.displayName = QStringLiteral("Sandbox");
            sandbox.orgUrl = QStringLiteral("http://127.0.0.1:8080");
            sandbox.sandbox = true;
            sandbox.clientId = QStringLiteral("0oasandboxtriage0app");
            sandbox.redirectPort = 49152;
            sandbox.scopes = {QStringLiteral("openid"), QStringLiteral("okta.users.read")};
            QVERIFY2(store.save(sandbox, &error), qPrintable(error));
            store.setCurrentProfileId(QStringLiteral("sandbox"));
        }
        auto settings = freshSettings();
        ProfileStore store(settings.get());
        const auto profiles = store.profiles();
        QCOMPARE(profiles.size(), 2);
        QCOMPARE(profiles.at(0), acme()); // sorted by name: "Acme..." before "Sandbox"
        QCOMPARE(profiles.at(1).redirectUri(), QStringLiteral("http://127.0.0.1:49152/callback"));
        QCOMPARE(profiles.at(1).requestedScopes().size(), 2);
        QCOMPARE(profiles.at(0).requestedScopes(), triage::auth::RequiredScopes::all());
        QCOMPARE(store.currentProfileId(), QStringLiteral("sandbox"));
        QCOMPARE(profiles.at(0).keychainKey(), QStringLiteral("access-triage:acme.okta.com:acme"));

        store.remove(QStringLiteral("sandbox"));
        QCOMPARE(store.profiles().size(), 1);
        QVERIFY(store.currentProfileId().isEmpty());
    }

    void noSecretsInTheFile()
    {
        auto settings = freshSettings(QStringLiteral("secrets.ini"));
        ProfileStore store(settings.get());
        QVERIFY(store.save(acme()));
        settings->sync();
        QFile file(m_dir.filePath(QStringLiteral("secrets.ini")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll().toLower();
        for (const char *word : {"token", "secret", "password", "verifier"})
            QVERIFY2(!content.contains(word), word);
    }

    void refusesInvalidProfiles_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("empty name") << "displayName"
                                    << "  ";
        QTest::newRow("bad url") << "orgUrl"
                                 << "https://acme.okta.com@evil.example";
        QTest::newRow("http url") << "orgUrl"
                                  << "http://acme.okta.com";
        QTest::newRow("bad client id") << "clientId"
                                       << "0oa\"; DROP";
        QTest::newRow("empty client id") << "clientId"
                                         << "";
        QTest::newRow("bad id") << "id"
                                << "../etc";
        QTest::newRow("slash id") << "id"
                                  << "a/b";
        QTest::newRow("bad colour") << "colour"
                                    << "red";
    }
    void refusesInvalidProfiles()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        OrgProfile p = acme();
        if (field == QLatin1String("displayName"))
            p.displayName = value;
        else if (field == QLatin1String("orgUrl"))
            p.orgUrl = value;
        else if (field == QLatin1String("clientId"))
            p.clientId = value;
        else if (field == QLatin1String("id"))
            p.id = value;
        else
            p.colour = value;
        auto settings = freshSettings(QStringLiteral("invalid.ini"));
        settings->clear();
        ProfileStore store(settings.get());
        QString error;
        QVERIFY(!store.save(p, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(store.profiles().isEmpty());
    }

    void lowPortRefused()
    {
        OrgProfile p = acme();
        p.redirectPort = 80;
        QVERIFY(!p.validate().isEmpty());
    }

    void damagedEntriesAreSkipped()
    {
        const QString path = m_dir.filePath(QStringLiteral("damaged.ini"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[profiles]\n"
                   "good\\displayName=Good\ngood\\orgUrl=https://good.okta.com\n"
                   "good\\clientId=0oagood\ngood\\redirectPort=8765\n"
                   "evil\\displayName=Evil\nevil\\orgUrl=https://good.okta.com@evil.example\n"
                   "evil\\clientId=0oaevil\n"
                   "port\\displayName=Port\nport\\orgUrl=https://p.okta.com\n"
                   "port\\clientId=0oap\nport\\redirectPort=99999999\n"
                   "list\\displayName=a, b, c\nlist\\orgUrl=https://l.okta.com\n"
                   "list\\clientId=0oal\n"
                   "[General]\ncurrentProfile=evil\n");
        file.close();
        QSettings settings(path, QSettings::IniFormat);
        ProfileStore store(&settings);
        const auto profiles = store.profiles();
        QCOMPARE(profiles.size(), 1);
        QCOMPARE(profiles.at(0).id, QStringLiteral("good"));
        QVERIFY(store.currentProfileId().isEmpty()); // points at a refused profile
    }

    void makeId()
    {
        QCOMPARE(OrgProfile::makeId(QStringLiteral("Acme Prod (EU)"), {}),
                 QStringLiteral("acme-prod-eu"));
        QCOMPARE(OrgProfile::makeId(QStringLiteral("\u0416\u65e5"), {}), QStringLiteral("org"));
        QCOMPARE(OrgProfile::makeId(QStringLiteral("acme"), {QStringLiteral("acme")}),
                 QStringLiteral("acme-2"));
        QCOMPARE(OrgProfile::makeId(QStringLiteral("../x"), {}), QStringLiteral("x"));
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
