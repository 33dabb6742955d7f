#include "reviews/ReviewIndex.h"

#include "common/Clock.h"
#include "common/Logging.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace triage::reviews {

namespace {

// Migration i takes the schema from version i to i + 1. Append new steps; never edit old ones.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
        {
            QStringLiteral("CREATE TABLE reviews ("
                           " org_host TEXT NOT NULL, review_id TEXT NOT NULL, name TEXT NOT NULL,"
                           " target_id TEXT NOT NULL, target_display_name TEXT NOT NULL,"
                           " target_login TEXT NOT NULL, created_ms INTEGER NOT NULL,"
                           " end_time_ms INTEGER,"
                           " PRIMARY KEY (org_host, review_id))"),
            QStringLiteral("CREATE INDEX reviews_by_target ON reviews (org_host, target_id)"),
            QStringLiteral("CREATE TABLE reviewers ("
                           " org_host TEXT NOT NULL, review_id TEXT NOT NULL,"
                           " position INTEGER NOT NULL, user_id TEXT NOT NULL,"
                           " display_name TEXT NOT NULL,"
                           " PRIMARY KEY (org_host, review_id, position),"
                           " FOREIGN KEY (org_host, review_id) REFERENCES reviews"
                           " ON DELETE CASCADE)"),
            QStringLiteral("CREATE TABLE status_timeline ("
                           " org_host TEXT NOT NULL, review_id TEXT NOT NULL,"
                           " seq INTEGER NOT NULL, status TEXT NOT NULL,"
                           " first_seen_ms INTEGER NOT NULL,"
                           " PRIMARY KEY (org_host, review_id, seq),"
                           " FOREIGN KEY (org_host, review_id) REFERENCES reviews"
                           " ON DELETE CASCADE)"),
        },
    };
    return steps;
}

// The latest status of the review in the outer query's row `r`.
const QLatin1String
    kLatestStatus("(SELECT s.status FROM status_timeline s WHERE s.org_host = r.org_host"
                  " AND s.review_id = r.review_id ORDER BY s.seq DESC LIMIT 1)");

// Statuses that count against Okta's per-target and per-org limits.
const QStringList &activeStatuses()
{
    static const QStringList statuses = {QStringLiteral("PENDING"), QStringLiteral("ACTIVE")};
    return statuses;
}

// Bound as '' rather than NULL: a null QString would break the NOT NULL columns.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(value);
}

QVariant msecs(const QDateTime &when)
{
    return when.isValid() ? QVariant(when.toMSecsSinceEpoch()) : QVariant();
}

QDateTime fromMsecs(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QLatin1Char(','));
}

// BEGIN IMMEDIATE takes the write lock up front, so two connections never deadlock upgrading
// a read lock. Rolls back unless commit() succeeded.
class WriteTransaction
{
public:
    explicit WriteTransaction(const QSqlDatabase &db)
        : m_db(db)
    {
        QSqlQuery begin(m_db);
        m_begun = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!m_begun)
            m_error = begin.lastError().text();
    }
    ~WriteTransaction()
    {
        if (m_begun && !m_committed)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool begun() const { return m_begun; }
    QString error() const { return m_error; }
    bool commit()
    {
        QSqlQuery query(m_db);
        m_committed = query.exec(QStringLiteral("COMMIT"));
        if (!m_committed)
            m_error = query.lastError().text();
        return m_committed;
    }

private:
    QSqlDatabase m_db;
    bool m_begun = false;
    bool m_committed = false;
    QString m_error;
};

} // namespace

ReviewIndex::ReviewIndex(const QString &filePath, const Clock &clock)
    : m_clock(clock)
{
    static QAtomicInt counter;
    m_connectionName = QStringLiteral("triage-review-index-%1").arg(counter.fetchAndAddRelaxed(1));
    m_open = openDatabase(filePath) && migrate();
}

ReviewIndex::~ReviewIndex()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isValid())
            db.close();
    } // the last handle must be gone before the connection is removed
    QSqlDatabase::removeDatabase(m_connectionName);
}

int ReviewIndex::schemaVersion()
{
    return int(migrations().size());
}

bool ReviewIndex::fail(const QString &what, const QString &detail) const
{
    m_lastError = detail.isEmpty() ? what : what + QStringLiteral(": ") + detail;
    qCWarning(lcReviews).noquote() << "review index:" << m_lastError;
    return false;
}

bool ReviewIndex::openDatabase(const QString &filePath)
{
    const QFileInfo info(filePath);
    if (filePath.isEmpty() || !QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("cannot create the folder for the review index"),
                    info.absolutePath());

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(info.absoluteFilePath());
    // A second app instance may hold the write lock briefly; wait a little rather than fail.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    if (!db.open())
        return fail(QStringLiteral("cannot open the review index"), db.lastError().text());

    // WAL: readers never block the writer and a torn write is never seen after a crash.
    // FULL: a committed transaction survives power loss too, not only a killed process.
    const QStringList pragmas = {QStringLiteral("PRAGMA journal_mode=WAL"),
                                 QStringLiteral("PRAGMA synchronous=FULL"),
                                 QStringLiteral("PRAGMA foreign_keys=ON")};
    for (const QString &pragma : pragmas) {
        QSqlQuery query(db);
        if (!query.exec(pragma))
            return fail(QStringLiteral("cannot set up the review index"), query.lastError().text());
    }
    QSqlQuery mode(db);
    if (!mode.exec(QStringLiteral("PRAGMA journal_mode")) || !mode.next() ||
        mode.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return fail(QStringLiteral("the review index cannot use a write-ahead log"), {});
    return true;
}

bool ReviewIndex::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    WriteTransaction transaction(db);
    if (!transaction.begun())
        return fail(QStringLiteral("cannot lock the review index"), transaction.error());

    QSqlQuery query(db);
    if (!query.exec(
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")))
        return fail(QStringLiteral("cannot read the schema version"), query.lastError().text());
    if (!query.exec(QStringLiteral("SELECT version FROM schema_version")))
        return fail(QStringLiteral("cannot read the schema version"), query.lastError().text());
    const bool hasRow = query.next();
    const int version = hasRow ? query.value(0).toInt() : 0;
    query.finish();

    if (version > schemaVersion())
        return fail(QStringLiteral("the review index was written by a newer Access Triage "
                                   "(schema %1, this build knows %2)")
                        .arg(version)
                        .arg(schemaVersion()),
                    {});
    for (int step = version; step < schemaVersion(); ++step) {
        for (const QString &statement : migrations().at(step)) {
            if (!query.exec(statement))
                return fail(
                    QStringLiteral("cannot migrate the review index to schema %1").arg(step + 1),
                    query.lastError().text());
        }
    }
    if (version == schemaVersion() && hasRow)
        return true; // nothing to write; the transaction rolls back harmlessly

    query.prepare(hasRow ? QStringLiteral("UPDATE schema_version SET version = ?")
                         : QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"));
    query.addBindValue(schemaVersion());
    if (!query.exec())
        return fail(QStringLiteral("cannot write the schema version"), query.lastError().text());
    if (!transaction.commit())
        return fail(QStringLiteral("cannot migrate the review index"), transaction.error());
    if (version != schemaVersion())
        qCInfo(lcReviews) << "review index migrated from schema" << version << "to"
                          << schemaVersion();
    return true;
}

bool ReviewIndex::recordCreated(const IndexedReview &review)
{
    if (!m_open)
        return fail(QStringLiteral("the review index is not open"), {});
    if (review.reviewId.isEmpty() || review.orgHost.isEmpty() || review.target.id.isEmpty() ||
        review.status.isEmpty() || !review.created.isValid())
        return fail(QStringLiteral("a created review needs an id, org, target, status and "
                                   "creation time"),
                    {});
    for (const IndexedPerson &reviewer : review.reviewers) {
        if (reviewer.id.isEmpty())
            return fail(QStringLiteral("a reviewer without an id cannot be recorded"), {});
    }

    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    WriteTransaction transaction(db);
    if (!transaction.begun())
        return fail(QStringLiteral("cannot lock the review index"), transaction.error());

    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM reviews WHERE org_host = ? AND review_id = ?"));
    query.addBindValue(review.orgHost);
    query.addBindValue(review.reviewId);
    if (!query.exec())
        return fail(QStringLiteral("cannot record the review"), query.lastError().text());
    if (query.numRowsAffected() > 0)
        qCWarning(lcReviews).noquote() << "review index: replacing an older entry for review"
                                       << review.reviewId << "on" << review.orgHost;

    query.prepare(QStringLiteral(
        "INSERT INTO reviews (org_host, review_id, name, target_id, target_display_name,"
        " target_login, created_ms, end_time_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(review.orgHost);
    query.addBindValue(review.reviewId);
    query.addBindValue(text(review.name));
    query.addBindValue(review.target.id);
    query.addBindValue(text(review.target.displayName));
    query.addBindValue(text(review.target.login));
    query.addBindValue(msecs(review.created));
    query.addBindValue(msecs(review.endTime));
    if (!query.exec())
        return fail(QStringLiteral("cannot record the review"), query.lastError().text());

    query.prepare(QStringLiteral("INSERT INTO reviewers (org_host, review_id, position, user_id,"
                                 " display_name) VALUES (?, ?, ?, ?, ?)"));
    for (qsizetype i = 0; i < review.reviewers.size(); ++i) {
        query.addBindValue(review.orgHost);
        query.addBindValue(review.reviewId);
        query.addBindValue(qlonglong(i));
        query.addBindValue(review.reviewers.at(i).id);
        query.addBindValue(text(review.reviewers.at(i).displayName));
        if (!query.exec())
            return fail(QStringLiteral("cannot record the reviewers"), query.lastError().text());
    }

    query.prepare(QStringLiteral("INSERT INTO status_timeline (org_host, review_id, seq, status,"
                                 " first_seen_ms) VALUES (?, ?, 0, ?, ?)"));
    query.addBindValue(review.orgHost);
    query.addBindValue(review.reviewId);
    query.addBindValue(review.status);
    query.addBindValue(msecs(review.statusSeenAt.isValid() ? review.statusSeenAt : m_clock.now()));
    if (!query.exec())
        return fail(QStringLiteral("cannot record the first status"), query.lastError().text());

    if (!transaction.commit())
        return fail(QStringLiteral("cannot record the review"), transaction.error());
    return true;
}

ReviewIndex::StatusWrite ReviewIndex::recordStatus(const QString &orgHost, const QString &reviewId,
                                                   const QString &status, const QDateTime &at)
{
    if (!m_open) {
        fail(QStringLiteral("the review index is not open"), {});
        return StatusWrite::Failed;
    }
    if (status.isEmpty() || !at.isValid()) {
        fail(QStringLiteral("a status needs a name and a time"), {});
        return StatusWrite::Failed;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    WriteTransaction transaction(db);
    if (!transaction.begun()) {
        fail(QStringLiteral("cannot lock the review index"), transaction.error());
        return StatusWrite::Failed;
    }

    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT seq, status FROM status_timeline WHERE org_host = ?"
                                 " AND review_id = ? ORDER BY seq DESC LIMIT 1"));
    query.addBindValue(orgHost);
    query.addBindValue(reviewId);
    if (!query.exec()) {
        fail(QStringLiteral("cannot read the status timeline"), query.lastError().text());
        return StatusWrite::Failed;
    }
    if (!query.next())
        return StatusWrite::UnknownReview; // every recorded review has a first status
    const qlonglong lastSeq = query.value(0).toLongLong();
    if (query.value(1).toString() == status)
        return StatusWrite::Unchanged;
    query.finish();

    query.prepare(QStringLiteral("INSERT INTO status_timeline (org_host, review_id, seq, status,"
                                 " first_seen_ms) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(orgHost);
    query.addBindValue(reviewId);
    query.addBindValue(lastSeq + 1);
    query.addBindValue(status);
    query.addBindValue(msecs(at));
    if (!query.exec()) {
        fail(QStringLiteral("cannot append to the status timeline"), query.lastError().text());
        return StatusWrite::Failed;
    }
    if (!transaction.commit()) {
        fail(QStringLiteral("cannot append to the status timeline"), transaction.error());
        return StatusWrite::Failed;
    }
    return StatusWrite::Appended;
}

QList<IndexedReview> ReviewIndex::reviews(const QString &orgHost) const
{
    return select(orgHost, std::nullopt);
}

std::optional<IndexedReview> ReviewIndex::review(const QString &orgHost,
                                                 const QString &reviewId) const
{
    const QList<IndexedReview> found = select(orgHost, reviewId);
    if (found.isEmpty())
        return std::nullopt;
    return found.constFirst();
}

QList<IndexedReview> ReviewIndex::select(const QString &orgHost,
                                         const std::optional<QString> &reviewId) const
{
    QList<IndexedReview> result;
    if (!m_open)
        return result;
    const QString oneReview = reviewId ? QStringLiteral(" AND r.review_id = ?") : QString();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT r.review_id, r.name, r.target_id, r.target_display_name,"
                                 " r.target_login, r.created_ms, r.end_time_ms,"
                                 " s.status, s.first_seen_ms"
                                 " FROM reviews r JOIN status_timeline s"
                                 " ON s.org_host = r.org_host AND s.review_id = r.review_id"
                                 " AND s.seq = (SELECT MAX(seq) FROM status_timeline t"
                                 "  WHERE t.org_host = r.org_host AND t.review_id = r.review_id)"
                                 " WHERE r.org_host = ?%1"
                                 " ORDER BY r.created_ms DESC, r.review_id")
                      .arg(oneReview));
    query.addBindValue(orgHost);
    if (reviewId)
        query.addBindValue(*reviewId);
    if (!query.exec()) {
        fail(QStringLiteral("cannot list reviews"), query.lastError().text());
        return {};
    }
    QHash<QString, qsizetype> position; // review id -> index in result
    while (query.next()) {
        IndexedReview review;
        review.orgHost = orgHost;
        review.reviewId = query.value(0).toString();
        review.name = query.value(1).toString();
        review.target = {query.value(2).toString(), query.value(3).toString(),
                         query.value(4).toString()};
        review.created = fromMsecs(query.value(5));
        review.endTime = fromMsecs(query.value(6));
        review.status = query.value(7).toString();
        review.statusSeenAt = fromMsecs(query.value(8));
        position.insert(review.reviewId, result.size());
        result << review;
    }

    // All reviewers in one query, not one per review.
    QSqlQuery reviewers(db);
    reviewers.setForwardOnly(true);
    reviewers.prepare(QStringLiteral("SELECT r.review_id, r.user_id, r.display_name"
                                     " FROM reviewers r WHERE r.org_host = ?%1"
                                     " ORDER BY r.review_id, r.position")
                          .arg(oneReview));
    reviewers.addBindValue(orgHost);
    if (reviewId)
        reviewers.addBindValue(*reviewId);
    if (!reviewers.exec()) {
        fail(QStringLiteral("cannot list reviewers"), reviewers.lastError().text());
        return {};
    }
    while (reviewers.next()) {
        const auto it = position.constFind(reviewers.value(0).toString());
        if (it != position.cend())
            result[*it].reviewers << IndexedPerson{
                reviewers.value(1).toString(), reviewers.value(2).toString(), {}};
    }
    return result;
}

QList<StatusSighting> ReviewIndex::timeline(const QString &orgHost, const QString &reviewId) const
{
    QList<StatusSighting> result;
    if (!m_open)
        return result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT status, first_seen_ms FROM status_timeline"
                                 " WHERE org_host = ? AND review_id = ? ORDER BY seq"));
    query.addBindValue(orgHost);
    query.addBindValue(reviewId);
    if (!query.exec()) {
        fail(QStringLiteral("cannot read the status timeline"), query.lastError().text());
        return result;
    }
    while (query.next())
        result << StatusSighting{query.value(0).toString(), fromMsecs(query.value(1))};
    return result;
}

QStringList ReviewIndex::activeReviewIdsForTarget(const QString &orgHost,
                                                  const QString &targetId) const
{
    QStringList ids;
    if (!m_open)
        return ids;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    // Okta closes a review at its end time on its own, so a passed end time is not active even
    // if this app has not seen the CLOSED status yet.
    query.prepare(QStringLiteral("SELECT r.review_id FROM reviews r"
                                 " WHERE r.org_host = ? AND r.target_id = ?"
                                 " AND (r.end_time_ms IS NULL OR r.end_time_ms > ?)"
                                 " AND %1 IN (%2) ORDER BY r.created_ms, r.review_id")
                      .arg(kLatestStatus, placeholders(activeStatuses().size())));
    query.addBindValue(orgHost);
    query.addBindValue(targetId);
    query.addBindValue(m_clock.now().toMSecsSinceEpoch());
    for (const QString &status : activeStatuses())
        query.addBindValue(status);
    if (!query.exec()) {
        fail(QStringLiteral("cannot count active reviews"), query.lastError().text());
        return ids;
    }
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

int ReviewIndex::activeCountForTarget(const QString &orgHost, const QString &targetId) const
{
    return int(activeReviewIdsForTarget(orgHost, targetId).size());
}

QStringList ReviewIndex::reviewIdsWithStatus(const QString &orgHost,
                                             const QStringList &statuses) const
{
    QStringList ids;
    if (!m_open || statuses.isEmpty())
        return ids;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT r.review_id FROM reviews r WHERE r.org_host = ?"
                                 " AND %1 IN (%2) ORDER BY r.created_ms, r.review_id")
                      .arg(kLatestStatus, placeholders(statuses.size())));
    query.addBindValue(orgHost);
    for (const QString &status : statuses)
        query.addBindValue(status);
    if (!query.exec()) {
        fail(QStringLiteral("cannot list reviews by status"), query.lastError().text());
        return ids;
    }
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

} // namespace triage::reviews
