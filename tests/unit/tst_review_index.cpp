#include "common/Clock.h"
#include "reviews/ReviewIndex.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <functional>

using namespace triage;
using namespace triage::reviews;

namespace {

const QString kOrg = QStringLiteral("acme.okta.com");
const QString kOtherOrg = QStringLiteral("127.0.0.1:41234");
const QDateTime kT0 = QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::UTC);

IndexedReview makeReview(const QString &id,
                         const QString &targetId = QStringLiteral("00utarget00000000001"),
                         const QString &org = kOrg)
{
    IndexedReview review;
    review.reviewId = id;
    review.orgHost = org;
    review.name = QStringLiteral("Review ") + id;
    review.target = {targetId, QStringLiteral("Tara Target"), QStringLiteral("tara@acme.example")};
    review.reviewers = {{QStringLiteral("00ureviewer000000001"), QStringLiteral("Rita One"), {}},
                        {QStringLiteral("00ureviewer000000002"), QStringLiteral("Rolf Two"), {}}};
    review.created = kT0;
    review.endTime = kT0.addDays(7);
    review.status = QStringLiteral("PENDING");
    review.statusSeenAt = kT0.addMSecs(250);
    return review;
}

void compareReviews(const IndexedReview &actual, const IndexedReview &expected)
{
    QCOMPARE(actual.reviewId, expected.reviewId);
    QCOMPARE(actual.orgHost, expected.orgHost);
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.target.id, expected.target.id);
    QCOMPARE(actual.target.displayName, expected.target.displayName);
    QCOMPARE(actual.target.login, expected.target.login);
    QCOMPARE(actual.reviewers.size(), expected.reviewers.size());
    for (qsizetype i = 0; i < expected.reviewers.size(); ++i) {
        QCOMPARE(actual.reviewers.at(i).id, expected.reviewers.at(i).id);
        QCOMPARE(actual.reviewers.at(i).displayName, expected.reviewers.at(i).displayName);
    }
    QCOMPARE(actual.created, expected.created);
    QCOMPARE(actual.endTime, expected.endTime);
    QCOMPARE(actual.status, expected.status);
    QCOMPARE(actual.statusSeenAt, expected.statusSeenAt);
}

// The child side of crashMidWriteLosesNothingCommitted: writes reviews as fast as it can and
// prints the number of each one fully committed, until the parent kills it.
int writeUntilKilled(const QString &path)
{
    ReviewIndex index(path, Clock::system());
    if (!index.isOpen())
        return 2;
    for (int i = 0;; ++i) {
        IndexedReview review =
            makeReview(QStringLiteral("sarcrash%1").arg(i, 12, 10, QLatin1Char('0')));
        review.reviewers << IndexedPerson{
            QStringLiteral("00ureviewer000000003"), QStringLiteral("Ünal \"Drei\" \\ 三"), {}};
        if (!index.recordCreated(review))
            return 3;
        if (index.recordStatus(kOrg, review.reviewId, QStringLiteral("ACTIVE"), kT0.addSecs(i)) !=
            ReviewIndex::StatusWrite::Appended)
            return 4;
        std::printf("%d\n", i);
        std::fflush(stdout);
    }
}

} // namespace

class TestReviewIndex : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        ++m_run;
    }
    void cleanup() { QVERIFY(QSqlDatabase::connectionNames().isEmpty()); }

    void roundTrip()
    {
        ManualClock clock(kT0);
        ReviewIndex index(path(), clock);
        QVERIFY2(index.isOpen(), qPrintable(index.lastError()));
        IndexedReview first = makeReview(QStringLiteral("sar1lo5X9wmNTFX7x0g4"));
        IndexedReview second = makeReview(QStringLiteral("sar2lo5X9wmNTFX7x0g4"));
        second.created = kT0.addSecs(60);
        second.endTime = QDateTime(); // the org did not say
        IndexedReview elsewhere = makeReview(QStringLiteral("sar1lo5X9wmNTFX7x0g4"),
                                             QStringLiteral("00uother000000000001"), kOtherOrg);
        QVERIFY(index.recordCreated(first));
        QVERIFY(index.recordCreated(second));
        QVERIFY(index.recordCreated(elsewhere));

        const QList<IndexedReview> reviews = index.reviews(kOrg);
        QCOMPARE(reviews.size(), 2);
        compareReviews(reviews.at(0), second); // newest first
        compareReviews(reviews.at(1), first);
        QCOMPARE(index.reviews(kOtherOrg).size(), 1);
        compareReviews(index.reviews(kOtherOrg).at(0), elsewhere);
        QVERIFY(index.reviews(QStringLiteral("nowhere.okta.com")).isEmpty());
        QVERIFY(index.review(kOrg, first.reviewId).has_value());
        compareReviews(*index.review(kOrg, first.reviewId), first);
        QVERIFY(!index.review(kOrg, QStringLiteral("sarmissing")).has_value());
    }

    void firstStatusDefaultsToNow()
    {
        ManualClock clock(kT0.addSecs(5));
        ReviewIndex index(path(), clock);
        IndexedReview review = makeReview(QStringLiteral("sarnow"));
        review.statusSeenAt = QDateTime();
        QVERIFY(index.recordCreated(review));
        QCOMPARE(index.timeline(kOrg, review.reviewId),
                 (QList<StatusSighting>{{QStringLiteral("PENDING"), kT0.addSecs(5)}}));
    }

    void reopenFromFreshObject()
    {
        ManualClock clock(kT0);
        const IndexedReview review = makeReview(QStringLiteral("sarreopen"));
        {
            ReviewIndex index(path(), clock);
            QVERIFY(index.recordCreated(review));
            QCOMPARE(
                index.recordStatus(kOrg, review.reviewId, QStringLiteral("ACTIVE"), kT0.addSecs(3)),
                ReviewIndex::StatusWrite::Appended);
        }
        ReviewIndex reopened(path(), clock);
        QVERIFY2(reopened.isOpen(), qPrintable(reopened.lastError()));
        const QList<IndexedReview> reviews = reopened.reviews(kOrg);
        QCOMPARE(reviews.size(), 1);
        IndexedReview expected = review;
        expected.status = QStringLiteral("ACTIVE");
        expected.statusSeenAt = kT0.addSecs(3);
        compareReviews(reviews.at(0), expected);
        QCOMPARE(schemaVersionIn(path()), ReviewIndex::schemaVersion());

        // A second object on the same file at the same time gets its own connection.
        ReviewIndex second(path(), clock);
        QVERIFY(second.isOpen());
        QCOMPARE(QSqlDatabase::connectionNames().size(), 2);
        QCOMPARE(second.reviews(kOrg).size(), 1);
    }

    void timelineAppendsOnlyOnChange()
    {
        ManualClock clock(kT0);
        ReviewIndex index(path(), clock);
        const IndexedReview review = makeReview(QStringLiteral("sartimeline"));
        QVERIFY(index.recordCreated(review));
        using W = ReviewIndex::StatusWrite;
        const QString id = review.reviewId;
        QCOMPARE(index.recordStatus(kOrg, id, QStringLiteral("PENDING"), kT0.addSecs(1)),
                 W::Unchanged);
        QCOMPARE(index.recordStatus(kOrg, id, QStringLiteral("ACTIVE"), kT0.addSecs(2)),
                 W::Appended);
        QCOMPARE(index.recordStatus(kOrg, id, QStringLiteral("ACTIVE"), kT0.addSecs(3)),
                 W::Unchanged);
        QCOMPARE(index.recordStatus(kOrg, id, QStringLiteral("CLOSED"), kT0.addSecs(4)),
                 W::Appended);
        QCOMPARE(index.recordStatus(kOrg, id, QStringLiteral("CLOSED"), kT0.addSecs(5)),
                 W::Unchanged);
        const QList<StatusSighting> expected = {{QStringLiteral("PENDING"), kT0.addMSecs(250)},
                                                {QStringLiteral("ACTIVE"), kT0.addSecs(2)},
                                                {QStringLiteral("CLOSED"), kT0.addSecs(4)}};
        QCOMPARE(index.timeline(kOrg, id), expected);
        QCOMPARE(index.review(kOrg, id)->status, QStringLiteral("CLOSED"));

        // Unknown reviews (and the same id in another org) are not invented.
        QCOMPARE(
            index.recordStatus(kOrg, QStringLiteral("sarunknown"), QStringLiteral("ACTIVE"), kT0),
            W::UnknownReview);
        QCOMPARE(index.recordStatus(kOtherOrg, id, QStringLiteral("ACTIVE"), kT0),
                 W::UnknownReview);
        QVERIFY(index.timeline(kOtherOrg, id).isEmpty());
        QCOMPARE(index.recordStatus(kOrg, id, QString(), kT0), W::Failed);
        QCOMPARE(index.recordStatus(kOrg, id, QStringLiteral("ACTIVE"), QDateTime()), W::Failed);
        QCOMPARE(index.timeline(kOrg, id), expected);
    }

    void hostileStrings_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("double quotes") << QStringLiteral("Review \"urgent\" for \"bob\"");
        QTest::newRow("single quote injection") << QStringLiteral("x'); DROP TABLE reviews; --");
        QTest::newRow("backslashes") << QStringLiteral("C:\\Users\\bob\\ \\\" \\\\");
        QTest::newRow("non-Latin") << QStringLiteral(
            "Ревизия 日本語 Ελληνικά עברית العربية 🙂 "
            "Zoë Ñuñez");
        QTest::newRow("control characters") << QStringLiteral("tab\there\nnewline\r\u0001");
        QTest::newRow("embedded NUL")
            << QString(QStringLiteral("before")) + QChar(0) + QStringLiteral("after");
        QTest::newRow("very long") << QString(100000, QChar(0x00e9));
        QTest::newRow("empty") << QStringLiteral("");
    }

    void hostileStrings()
    {
        QFETCH(QString, value);
        ManualClock clock(kT0);
        const QString id = QStringLiteral("sar\"'\\") + value.left(40);
        IndexedReview review = makeReview(id, QStringLiteral("00u\"'\\") + value.left(40));
        review.name = value;
        review.target.displayName = value;
        review.target.login = value + QStringLiteral("@example.com");
        review.reviewers[1].displayName = value;
        review.status = QStringLiteral("PENDING ") + value.left(20); // statuses come from the wire
        {
            ReviewIndex index(path(), clock);
            QVERIFY(index.recordCreated(review));
        }
        ReviewIndex reopened(path(), clock);
        const QList<IndexedReview> reviews = reopened.reviews(kOrg);
        QCOMPARE(reviews.size(), 1);
        compareReviews(reviews.at(0), review);
        QVERIFY(reopened.review(kOrg, id).has_value());
        compareReviews(*reopened.review(kOrg, id), review);
        QVERIFY(!reopened.review(kOrg, id + QStringLiteral("'")).has_value());
        QVERIFY(!reopened.review(kOrg, QString()).has_value());
        QCOMPARE(reopened.recordStatus(kOrg, id, review.status, kT0),
                 ReviewIndex::StatusWrite::Unchanged);
    }

    void activeCountForTarget()
    {
        ManualClock clock(kT0);
        ReviewIndex index(path(), clock);
        const QString target = QStringLiteral("00utarget00000000001");
        const QStringList statuses = {QStringLiteral("PENDING"), QStringLiteral("ACTIVE"),
                                      QStringLiteral("ACTIVE"), QStringLiteral("CLOSED"),
                                      QStringLiteral("ERROR")};
        for (int i = 0; i < statuses.size(); ++i) {
            const IndexedReview review = makeReview(QStringLiteral("sarcount%1").arg(i), target);
            QVERIFY(index.recordCreated(review));
            QVERIFY(index.recordStatus(kOrg, review.reviewId, statuses.at(i), kT0.addSecs(1)) !=
                    ReviewIndex::StatusWrite::Failed);
        }
        QVERIFY(index.recordCreated(
            makeReview(QStringLiteral("sarotherT"), QStringLiteral("00uother000000000001"))));
        QVERIFY(index.recordCreated(makeReview(QStringLiteral("sarotherO"), target, kOtherOrg)));
        IndexedReview ending = makeReview(QStringLiteral("sarending"), target);
        ending.endTime = kT0.addDays(1);
        QVERIFY(index.recordCreated(ending));

        QCOMPARE(index.activeCountForTarget(kOrg, target), 4);
        QCOMPARE(index.activeReviewIdsForTarget(kOrg, target),
                 (QStringList{QStringLiteral("sarcount0"), QStringLiteral("sarcount1"),
                              QStringLiteral("sarcount2"), QStringLiteral("sarending")}));
        QCOMPARE(index.activeCountForTarget(kOtherOrg, target), 1);
        QCOMPARE(index.activeCountForTarget(kOrg, QStringLiteral("00unobody00000000001")), 0);
        QCOMPARE(index.reviewIdsWithStatus(kOrg, {QStringLiteral("PENDING")}),
                 (QStringList{QStringLiteral("sarcount0"), QStringLiteral("sarending"),
                              QStringLiteral("sarotherT")}));

        clock.advance(qint64(24) * 3600 * 1000); // Okta closes "sarending" at its end time
        QCOMPARE(index.activeCountForTarget(kOrg, target), 3);
    }

    void recordingAgainReplacesTheOldEntry()
    {
        ManualClock clock(kT0);
        ReviewIndex index(path(), clock);
        IndexedReview review = makeReview(QStringLiteral("sarsame"));
        QVERIFY(index.recordCreated(review));
        QCOMPARE(index.recordStatus(kOrg, review.reviewId, QStringLiteral("ERROR"), kT0),
                 ReviewIndex::StatusWrite::Appended);
        review.name = QStringLiteral("second life");
        review.reviewers = {{QStringLiteral("00ureviewer000000009"), QStringLiteral("Nine"), {}}};
        QVERIFY(index.recordCreated(review));
        compareReviews(*index.review(kOrg, review.reviewId), review);
        QCOMPARE(index.timeline(kOrg, review.reviewId).size(), 1);
    }

    void incompleteRecordsAreRefused()
    {
        ManualClock clock(kT0);
        ReviewIndex index(path(), clock);
        IndexedReview noId = makeReview(QString());
        IndexedReview noTarget = makeReview(QStringLiteral("sarnotarget"), QString());
        IndexedReview noStatus = makeReview(QStringLiteral("sarnostatus"));
        noStatus.status.clear();
        IndexedReview noCreated = makeReview(QStringLiteral("sarnocreated"));
        noCreated.created = QDateTime();
        IndexedReview badReviewer = makeReview(QStringLiteral("sarbadreviewer"));
        badReviewer.reviewers << IndexedPerson{};
        for (const IndexedReview &review : {noId, noTarget, noStatus, noCreated, badReviewer}) {
            QVERIFY(!index.recordCreated(review));
            QVERIFY(!index.lastError().isEmpty());
        }
        QVERIFY(index.reviews(kOrg).isEmpty());
        QVERIFY(index.timeline(kOrg, QStringLiteral("sarbadreviewer")).isEmpty());
    }

    void newerSchemaIsRefused()
    {
        ManualClock clock(kT0);
        {
            ReviewIndex index(path(), clock);
            QVERIFY(index.recordCreated(makeReview(QStringLiteral("sarkept"))));
        }
        setSchemaVersionIn(path(), 99);
        ReviewIndex index(path(), clock);
        QVERIFY(!index.isOpen());
        QVERIFY2(index.lastError().contains(QLatin1String("newer")), qPrintable(index.lastError()));
        QVERIFY(!index.recordCreated(makeReview(QStringLiteral("sarnew"))));
        QVERIFY(index.reviews(kOrg).isEmpty());
        QCOMPARE(schemaVersionIn(path()), 99); // left alone for the newer build
    }

    void olderSchemaIsMigrated()
    {
        QVERIFY(QDir().mkpath(QFileInfo(path()).absolutePath()));
        rawExec(path(), {QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
                         QStringLiteral("INSERT INTO schema_version (version) VALUES (0)")});
        ManualClock clock(kT0);
        ReviewIndex index(path(), clock);
        QVERIFY2(index.isOpen(), qPrintable(index.lastError()));
        QCOMPARE(schemaVersionIn(path()), ReviewIndex::schemaVersion());
        QCOMPARE(scalar(path(), QStringLiteral("SELECT COUNT(*) FROM schema_version")),
                 QStringLiteral("1"));
        QVERIFY(index.recordCreated(makeReview(QStringLiteral("sarmigrated"))));
    }

    void failedMigrationChangesNothing()
    {
        QVERIFY(QDir().mkpath(QFileInfo(path()).absolutePath()));
        // A table in the way of migration 1: the whole migration must roll back.
        rawExec(path(), {QStringLiteral("CREATE TABLE reviewers (something TEXT)"),
                         QStringLiteral("INSERT INTO reviewers VALUES ('keep \"me\"')")});
        ManualClock clock(kT0);
        {
            ReviewIndex index(path(), clock);
            QVERIFY(!index.isOpen());
            QVERIFY2(index.lastError().contains(QLatin1String("migrate")),
                     qPrintable(index.lastError()));
        }
        QCOMPARE(
            scalar(path(), QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name IN"
                                          " ('reviews', 'status_timeline', 'schema_version')")),
            QStringLiteral("0"));
        QCOMPARE(scalar(path(), QStringLiteral("SELECT something FROM reviewers")),
                 QStringLiteral("keep \"me\""));
    }

    void garbageFileIsAnErrorNotACrash()
    {
        QVERIFY(QDir().mkpath(QFileInfo(path()).absolutePath()));
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, '\x5a'));
        file.close();
        ManualClock clock(kT0);
        ReviewIndex index(path(), clock);
        QVERIFY(!index.isOpen());
        QVERIFY(!index.lastError().isEmpty());
        QVERIFY(index.reviews(kOrg).isEmpty());
        QCOMPARE(index.recordStatus(kOrg, QStringLiteral("x"), QStringLiteral("ACTIVE"), kT0),
                 ReviewIndex::StatusWrite::Failed);
    }

    void unwritableFolderIsAnError()
    {
        QFile blocker(m_dir.filePath(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        ManualClock clock(kT0);
        ReviewIndex index(m_dir.filePath(QStringLiteral("not-a-folder/index.sqlite")), clock);
        QVERIFY(!index.isOpen());
        QVERIFY(!index.lastError().isEmpty());
    }

    void crashMidWriteLosesNothingCommitted()
    {
        const QString file = path();
        QProcess child;
        QByteArray output;
        connect(&child, &QProcess::readyReadStandardOutput, this,
                [&] { output += child.readAllStandardOutput(); });
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--write-until-killed"), file});
        QVERIFY(child.waitForStarted());
        // Let it commit a good number of reviews, then kill it (SIGKILL) while it is writing.
        QTRY_VERIFY_WITH_TIMEOUT(output.count('\n') >= 60 || child.state() != QProcess::Running,
                                 20000);
        QCOMPARE(child.state(), QProcess::Running);
        child.kill();
        QVERIFY(child.waitForFinished());
        output += child.readAllStandardOutput();
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        const QList<QByteArray> lines = output.left(output.lastIndexOf('\n')).split('\n');
        bool ok = false;
        const int lastCommitted = lines.constLast().toInt(&ok);
        QVERIFY(ok);
        QCOMPARE(lastCommitted, int(lines.size()) - 1);

        ManualClock clock(kT0);
        ReviewIndex index(file, clock);
        QVERIFY2(index.isOpen(), qPrintable(index.lastError()));
        QCOMPARE(integrityCheck(file), QStringLiteral("ok"));
        const QList<IndexedReview> reviews = index.reviews(kOrg);
        // Everything announced is there; at most the one being written when killed is extra.
        QVERIFY(reviews.size() >= lastCommitted + 1);
        QVERIFY(reviews.size() <= lastCommitted + 3);
        for (int i = 0; i <= lastCommitted; ++i) {
            const QString id = QStringLiteral("sarcrash%1").arg(i, 12, 10, QLatin1Char('0'));
            const auto review = index.review(kOrg, id);
            QVERIFY2(review.has_value(), qPrintable(id));
            QCOMPARE(review->reviewers.size(), 3);
            QCOMPARE(review->reviewers.at(2).displayName, QStringLiteral("Ünal \"Drei\" \\ 三"));
            QCOMPARE(index.timeline(kOrg, id).size(), 2);
        }
        // Whatever else is there is whole: a review never exists without its reviewers.
        for (const IndexedReview &review : reviews) {
            QCOMPARE(review.reviewers.size(), 3);
            QVERIFY(!index.timeline(kOrg, review.reviewId).isEmpty());
        }
        // And the file takes new writes.
        QVERIFY(index.recordCreated(makeReview(QStringLiteral("sarafter"))));
    }

private:
    // A fresh folder per test function and data row.
    QString path() const { return m_dir.filePath(QStringLiteral("%1/index.sqlite").arg(m_run)); }

    static QString withRawConnection(const QString &file,
                                     const std::function<QString(QSqlDatabase &)> &work)
    {
        QString result;
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            db.setDatabaseName(file);
            if (db.open())
                result = work(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        return result;
    }

    static void rawExec(const QString &file, const QStringList &statements)
    {
        withRawConnection(file, [&](QSqlDatabase &db) {
            for (const QString &statement : statements)
                QSqlQuery(db).exec(statement);
            return QString();
        });
    }

    static QString scalar(const QString &file, const QString &sql)
    {
        return withRawConnection(file, [&](QSqlDatabase &db) {
            QSqlQuery query(db);
            return query.exec(sql) && query.next() ? query.value(0).toString() : QString();
        });
    }

    static int schemaVersionIn(const QString &file)
    {
        return scalar(file, QStringLiteral("SELECT version FROM schema_version")).toInt();
    }

    static void setSchemaVersionIn(const QString &file, int version)
    {
        withRawConnection(file, [&](QSqlDatabase &db) {
            QSqlQuery(db).exec(
                QStringLiteral("UPDATE schema_version SET version = %1").arg(version));
            return QString();
        });
    }

    static QString integrityCheck(const QString &file)
    {
        return scalar(file, QStringLiteral("PRAGMA integrity_check"));
    }

    QTemporaryDir m_dir;
    int m_run = 0;
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--write-until-killed") == 0) {
        QCoreApplication app(argc, argv);
        return writeUntilKilled(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestReviewIndex test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_review_index.moc"
