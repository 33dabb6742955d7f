#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace QKeychain {
class Job;
}

namespace triage::auth {

// The OS keychain (QtKeychain; Secret Service on Linux) behind typed results. Only refresh
// tokens go in here. "Unavailable" (no Secret Service, locked, denied, no answer in time) is
// never reported as "NotFound", so a locked keychain never looks like "signed out".
class TokenVault : public QObject
{
    Q_OBJECT
public:
    enum class Status { Stored, Found, NotFound, Deleted, Unavailable };
    Q_ENUM(Status)

    struct Result
    {
        Status status = Status::Unavailable;
        QByteArray secret; // Found only
        QString message;   // user-facing, for Unavailable
    };
    using Done = std::function<void(const Result &)>;

    explicit TokenVault(QObject *parent = nullptr);

    // Some backends never answer; after this long the job counts as Unavailable.
    void setTimeout(int msecs) { m_timeoutMs = msecs; }

    // access-triage:<org host>:<profile>
    static QString keyFor(const QString &orgHost, const QString &profileId);

    // `done` runs once, only while `context` lives.
    void store(const QString &key, const QByteArray &secret, QObject *context, Done done);
    void read(const QString &key, QObject *context, Done done);
    void remove(const QString &key, QObject *context, Done done);

private:
    enum class Operation { Store, Read, Remove };
    void run(QKeychain::Job *job, Operation operation, QObject *context, Done done);
    static Result resultOf(QKeychain::Job *job, Operation operation);

    int m_timeoutMs = 10000;
};

} // namespace triage::auth
