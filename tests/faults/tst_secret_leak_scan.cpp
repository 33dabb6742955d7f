// The leak scan: a whole session through the real core (browser sign-in with Okta's form played
// over HTTP, user search, a review created through ReviewCreator and remembered in the index,
// refresh with rotation, sign-out with revocation) with every triage.* category at debug level.
// Every secret that crossed the wire (state, nonce, PKCE challenge and verifier, authorization
// code, access, refresh and id tokens) is recorded on the way, then searched for in the captured
// log lines and in every file under the config, data, cache and state directories. None may be
// found. Run with DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent (tst_secret_leak_scan_no_
// keychain) it proves the keychain-less path: session only, nothing secret written anywhere.
#include "BrowserPlayer.h"
#include "LogCapture.h"
#include "ReservedLoopbackPort.h"
#include "auth/BrowserSignIn.h"
#include "auth/ProfileStore.h"
#include "auth/Session.h"
#include "auth/TokenEndpointClient.h"
#include "auth/TokenVault.h"
#include "common/Clock.h"
#include "okta/OktaConnection.h"
#include "okta/UsersClient.h"
#include "reviews/ReviewCreator.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewIndex.h"
#include "reviews/ReviewsClient.h"
#include "sandbox/SandboxOrg.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace triage;
using namespace triage::auth;

namespace {

// A real QNetworkAccessManager that also notes every secret it carries: query values of the
// authorize and callback URLs, OAuth form bodies, token responses and Authorization headers.
// (OAuth bodies are copied into a fresh buffer; API bodies are left alone, they hold no secret.)
class RecordingNetwork final : public QNetworkAccessManager
{
public:
    QSet<QByteArray> secrets;
    QHash<QByteArray, int> kinds; // which kind of secret was seen, how often

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        const QUrl url = request.url();
        for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
            note(key.toLatin1(), value.toUtf8());
        const QByteArray authorization = request.rawHeader("Authorization");
        if (authorization.startsWith("Bearer "))
            note("bearer", authorization.mid(7));
        QBuffer *copy = nullptr;
        if (outgoingData && url.path().startsWith(QLatin1String("/oauth2/"))) {
            const QByteArray body = outgoingData->readAll();
            for (const auto &[key, value] :
                 QUrlQuery(QString::fromLatin1(body)).queryItems(QUrl::FullyDecoded))
                note(key.toLatin1(), value.toUtf8());
            copy = new QBuffer;
            copy->setData(body);
            copy->open(QIODevice::ReadOnly);
            outgoingData = copy;
        }
        QNetworkReply *reply = QNetworkAccessManager::createRequest(op, request, outgoingData);
        if (copy)
            copy->setParent(reply);
        // Connected before the caller's own slot, so the body is still unread here.
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            const QJsonObject json =
                QJsonDocument::fromJson(reply->peek(reply->bytesAvailable())).object();
            for (const char *key : {"access_token", "refresh_token", "id_token"})
                note(key, json.value(QLatin1String(key)).toString().toUtf8());
        });
        return reply;
    }

private:
    void note(const QByteArray &key, const QByteArray &value)
    {
        static const QSet<QByteArray> secretKeys = {
            "state",        "nonce",         "code",     "code_challenge", "code_verifier",
            "access_token", "refresh_token", "id_token", "token",          "bearer"};
        if (!secretKeys.contains(key) || value.size() < 8)
            return;
        secrets.insert(value);
        ++kinds[key];
    }
};

// Files under `roots` that hold one of `secrets` raw, percent-encoded or in base64.
QStringList filesHolding(const QStringList &roots, const QSet<QByteArray> &secrets, int *scanned)
{
    QStringList found;
    *scanned = 0;
    for (const QString &root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly)) {
                found << file.fileName() + QStringLiteral(" (unreadable)");
                continue;
            }
            const QByteArray content = file.readAll();
            ++*scanned;
            for (const QByteArray &secret : secrets) {
                if (content.contains(secret) || content.contains(secret.toPercentEncoding()) ||
                    content.contains(secret.toBase64())) {
                    found << file.fileName();
                    break;
                }
            }
        }
    }
    return found;
}

okta::User activeUser(const QString &id)
{
    okta::User user;
    user.id = id;
    user.status = QStringLiteral("ACTIVE");
    user.profile.firstName = QStringLiteral("Zoë \"Q\"");
    user.profile.lastName = QStringLiteral("O'Brien \\ 日本");
    return user;
}

} // namespace

class TestSecretLeakScan : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void wholeSessionLeavesNoSecretBehind();

private:
    QTemporaryDir m_home;
    QStringList m_roots;
};

void TestSecretLeakScan::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Throwaway XDG directories: the app's settings, index and caches land here, and only here.
    for (const char *variable :
         {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"}) {
        const QString dir = m_home.filePath(QString::fromLatin1(variable).toLower());
        QVERIFY(QDir().mkpath(dir));
        qputenv(variable, QFile::encodeName(dir));
        m_roots << dir;
    }
    QCoreApplication::setOrganizationName(QStringLiteral("access-triage"));
    QCoreApplication::setApplicationName(QStringLiteral("access-triage"));
    QLoggingCategory::setFilterRules(QStringLiteral("triage.*.debug=true"));
    test::LogCapture::install();
}

void TestSecretLeakScan::cleanupTestCase()
{
    test::LogCapture::uninstall();
}

void TestSecretLeakScan::wholeSessionLeavesNoSecretBehind()
{
    const bool expectNoKeychain =
        qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(QLatin1String("nonexistent"));
    test::ReservedLoopbackPort reserved;
    const quint16 redirectPort = reserved.port();
    sandbox::SandboxConfig config;
    config.users = 40;
    config.activationDelaySeconds = 0.2;
    config.redirectUris = {QStringLiteral("http://127.0.0.1:%1/callback").arg(redirectPort)};
    sandbox::SandboxOrg org(config);
    QString error;
    QVERIFY2(org.start(&error), qPrintable(error));
    reserved.release();

    OrgProfile profile;
    profile.id = QStringLiteral("leak-scan");
    profile.displayName = QStringLiteral("Leak \"scan\" \\ Ж");
    profile.orgUrl = org.baseUrl().toString();
    profile.sandbox = true;
    profile.clientId = config.clientId;
    profile.redirectPort = redirectPort;
    ProfileStore profiles;
    QVERIFY2(profiles.save(profile, &error), qPrintable(error));
    profiles.setCurrentProfileId(profile.id);

    RecordingNetwork network;
    RecordingNetwork browserNetwork;
    TokenVault vault;
    vault.setTimeout(3000);

    // 1. Sign in through the "browser".
    BrowserSignIn flow(&network, profile, Clock::system());
    connect(&flow, &BrowserSignIn::openUrlRequested, &flow, [&](const QUrl &url) {
        test::playBrowser(browserNetwork, url, config.login, config.password);
    });
    QSignalSpy signedIn(&flow, &BrowserSignIn::finished);
    flow.start();
    QVERIFY(signedIn.wait(15000));
    QCOMPARE(signedIn.at(0).at(0).value<BrowserSignIn::Result>(), BrowserSignIn::Result::Success);

    Session session(&network, profile, &vault, Clock::system());
    session.setEndpoints(flow.endpoints());
    session.adopt(flow.takeTokens());
    QTRY_VERIFY_WITH_TIMEOUT(session.state() == Session::State::SignedIn ||
                                 session.state() == Session::State::KeychainUnavailable,
                             10000);
    if (expectNoKeychain)
        QCOMPARE(session.state(), Session::State::KeychainUnavailable);
    if (session.state() == Session::State::KeychainUnavailable) {
        QVERIFY(!session.stateMessage().isEmpty());
        session.stayForThisSessionOnly();
        QVERIFY(session.rememberedForThisSessionOnly());
    }
    QCOMPARE(session.state(), Session::State::SignedIn);
    const bool sessionOnly = session.rememberedForThisSessionOnly();

    // 2. Search, create (remembered in the index, as the app does), look at the list.
    okta::OktaConnection connection(org.baseUrl(), &network, session, Clock::system());
    okta::UsersClient users(connection);
    reviews::ReviewsClient reviewsClient(connection);
    std::optional<okta::Result<okta::Page<okta::User>>> found;
    users.searchByText(QStringLiteral("O'Brien \"x\" \\ 日本"), 20, this,
                       [&](const auto &result) { found = result; });
    QTRY_VERIFY_WITH_TIMEOUT(found.has_value(), 10000);
    QVERIFY2(found->ok(), qPrintable(found->error().message()));

    QStringList ids = org.userIds();
    ids.removeAll(org.analystUserId());
    reviews::ReviewDraft draft(Clock::system());
    draft.setTarget(activeUser(ids.at(0)));
    draft.addReviewer(activeUser(ids.at(1)));
    draft.setName(QStringLiteral("Leak scan \"review\" \\ Ελληνικά"));
    reviews::ReviewCreator creator(reviewsClient, Clock::system());
    QSignalSpy created(&creator, &reviews::ReviewCreator::finished);
    QVERIFY(creator.create(draft));
    QVERIFY(created.wait(10000));
    const auto outcome = created.at(0).at(0).value<reviews::CreateOutcome>();
    QCOMPARE(int(outcome.kind), int(reviews::CreateOutcome::Kind::Created));
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(dataDir.startsWith(m_home.path()));
    QVERIFY(QDir().mkpath(dataDir));
    {
        reviews::ReviewIndex index(QDir(dataDir).filePath(QStringLiteral("reviews.sqlite")),
                                   Clock::system());
        QVERIFY2(index.isOpen(), qPrintable(index.lastError()));
        reviews::IndexedReview entry;
        entry.reviewId = outcome.review->id;
        entry.orgHost = org.baseUrl().authority();
        entry.name = outcome.review->name;
        entry.target = {ids.at(0), QStringLiteral("Zoë"), ids.at(0)};
        entry.created = outcome.review->created;
        entry.endTime = outcome.review->endTime;
        entry.status = okta::reviewStatusToString(outcome.review->status);
        QVERIFY(index.recordCreated(entry));
    }

    // 3. Refresh (the refresh token rotates), and call again with the new access token.
    const QByteArray before = session.authorizationHeader();
    session.refreshNow();
    QTRY_VERIFY_WITH_TIMEOUT(session.state() == Session::State::SignedIn &&
                                 session.authorizationHeader() != before,
                             10000);
    std::optional<okta::Result<okta::ReviewStats>> stats;
    reviewsClient.stats(this, [&](const auto &result) { stats = result; });
    QTRY_VERIFY_WITH_TIMEOUT(stats.has_value(), 10000);
    QVERIFY2(stats->ok(), qPrintable(stats->error().message()));

    // 4. Sign out: tokens revoked, keychain entry gone.
    QSignalSpy signedOut(&session, &Session::signOutFinished);
    session.signOut();
    QVERIFY(signedOut.wait(10000));
    QCOMPARE(signedOut.at(0).at(0).toBool(), true);
    QCOMPARE(session.state(), Session::State::SignedOut);
    if (!sessionOnly) {
        // The keychain worked: sign-out took the refresh token out of it.
        std::optional<TokenVault::Result> stored;
        vault.read(profile.keychainKey(), this, [&](const TokenVault::Result &r) { stored = r; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 5000);
        QCOMPARE(stored->status, TokenVault::Status::NotFound);
    }
    QTest::qWait(200); // late writes (settings sync, sqlite journal) land before the scan
    QSettings().sync();

    // What was recorded: every kind of secret, refresh tokens rotated.
    QSet<QByteArray> secrets = network.secrets + browserNetwork.secrets;
    const QHash<QByteArray, int> kinds = [&] {
        QHash<QByteArray, int> all = network.kinds;
        for (auto it = browserNetwork.kinds.cbegin(); it != browserNetwork.kinds.cend(); ++it)
            all[it.key()] += it.value();
        return all;
    }();
    qInfo() << "secrets recorded:" << secrets.size() << "by kind:" << kinds;
    for (const char *kind : {"state", "nonce", "code", "code_challenge", "code_verifier",
                             "access_token", "refresh_token", "id_token", "bearer", "token"})
        QVERIFY2(kinds.value(kind) > 0, kind);
    QVERIFY(kinds.value("refresh_token") >= 3); // issued, sent back, rotated

    // The scan: logs ...
    QVERIFY(test::LogCapture::lines().size() > 20);
    for (const QString &line : std::as_const(test::LogCapture::lines())) {
        for (const QByteArray &secret : std::as_const(secrets))
            QVERIFY2(!line.contains(QString::fromUtf8(secret)),
                     qPrintable(QStringLiteral("a secret in a log line: ") + line.left(50)));
    }
    // ... and every file the session left in the config, data, cache and state directories.
    // First prove the scanner finds a planted secret (raw or percent-encoded) at all.
    QTemporaryDir planted;
    QFile bait(planted.filePath(QStringLiteral("nested/dir/bait.ini")));
    QVERIFY(QDir().mkpath(QFileInfo(bait).path()) && bait.open(QIODevice::WriteOnly));
    bait.write("token=" + secrets.cbegin()->toPercentEncoding() + '\n');
    bait.close();
    int files = 0;
    QCOMPARE(filesHolding({planted.path()}, secrets, &files).size(), 1);
    const QStringList leaks = filesHolding(m_roots, secrets, &files);
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u' ')));
    qInfo("scanned %d files and %lld log lines for %lld secrets", files,
          qint64(test::LogCapture::lines().size()), qint64(secrets.size()));
    QVERIFY(files >= 2); // the settings file and the review index at least: the scan saw them
}

QTEST_GUILESS_MAIN(TestSecretLeakScan)
#include "tst_secret_leak_scan.moc"
