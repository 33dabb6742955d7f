#include "auth/TokenVault.h"

#include "auth/KeyringLockProbe.h"
#include "common/Logging.h"

#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>

namespace triage::auth {

namespace {

const QString serviceName = QStringLiteral("access-triage");

QString lockedMessage()
{
    return TokenVault::tr("The system keychain is locked. Unlock it (for example by signing in to "
                          "your desktop again), then try again.");
}

QString unavailableMessage(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
        return TokenVault::tr("No system keychain is available (no Secret Service such as GNOME "
                              "Keyring or KWallet is running).");
    case QKeychain::AccessDenied:
        return TokenVault::tr("Access to the system keychain was denied. Unlock it or allow "
                              "Access Triage, then try again.");
    default:
        return TokenVault::tr("The system keychain could not be used: it may be locked or not "
                              "running (%1).")
            .arg(detail.left(200));
    }
}

} // namespace

// What QtKeychain's answer says, before the lock check.
TokenVault::Result TokenVault::resultOf(QKeychain::Job *job, Operation operation)
{
    const QKeychain::Error error = job->error();
    Result result;
    if (error == QKeychain::NoError) {
        switch (operation) {
        case Operation::Store:
            result.status = Status::Stored;
            break;
        case Operation::Remove:
            result.status = Status::Deleted;
            break;
        case Operation::Read:
            result.secret = static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData();
            result.status = result.secret.isEmpty() ? Status::NotFound : Status::Found;
            break;
        }
    } else if (error == QKeychain::EntryNotFound && operation != Operation::Store) {
        result.status = operation == Operation::Read ? Status::NotFound : Status::Deleted;
    } else {
        result.status = Status::Unavailable;
        result.message = unavailableMessage(error, job->errorString());
        qCWarning(lcAuth) << "keychain error" << int(error) << job->errorString().left(200);
    }
    return result;
}

TokenVault::TokenVault(QObject *parent)
    : QObject(parent)
{}

QString TokenVault::keyFor(const QString &orgHost, const QString &profileId)
{
    return QStringLiteral("access-triage:%1:%2").arg(orgHost, profileId);
}

void TokenVault::store(const QString &key, const QByteArray &secret, QObject *context, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName);
    job->setKey(key);
    job->setBinaryData(secret);
    run(job, Operation::Store, context, std::move(done));
}

void TokenVault::read(const QString &key, QObject *context, Done done)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName);
    job->setKey(key);
    run(job, Operation::Read, context, std::move(done));
}

void TokenVault::remove(const QString &key, QObject *context, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName);
    job->setKey(key);
    run(job, Operation::Remove, context, std::move(done));
}

void TokenVault::run(QKeychain::Job *job, Operation operation, QObject *context, Done done)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file instead of the keychain
    auto answered = std::make_shared<bool>(false);
    auto shared = std::make_shared<Done>(std::move(done));

    // Whichever of the timeout and the job's answer comes second finds the timer gone: the
    // QPointer keeps it from touching a deleted timer (a late keychain answer used to crash).
    QPointer<QTimer> timer = new QTimer(context);
    timer->setSingleShot(true);
    const int timeoutMs = m_timeoutMs;
    // Answers once, whichever of the job, the lock probe and the timeout comes first.
    auto answer = [answered, shared, timer](const Result &result) {
        if (timer)
            timer->deleteLater();
        if (*answered)
            return;
        *answered = true;
        (*shared)(result);
    };
    connect(timer, &QTimer::timeout, context, [answer, answered, timeoutMs] {
        if (*answered)
            return;
        qCWarning(lcAuth) << "keychain did not answer within" << timeoutMs << "ms";
        answer({Status::Unavailable,
                {},
                tr("The system keychain did not answer within %1 seconds. It may be locked or "
                   "not running.")
                    .arg(timeoutMs / 1000.0)});
    });
    timer->start(timeoutMs);

    connect(job, &QKeychain::Job::finished, context,
            [answer, answered, context, timeoutMs, operation,
             key = job->key()](QKeychain::Job *finishedJob) {
                if (*answered)
                    return;
                const Result result = resultOf(finishedJob, operation);
                // "Not found" and "deleted" may mean "locked, and no prompt could be shown":
                // ask before saying "signed out", or "deleted" while the token stays.
                if (result.status == Status::NotFound || result.status == Status::Deleted) {
                    askWhetherEntryIsLocked(serviceName, key, context, timeoutMs,
                                            [answer, result](bool locked) {
                                                if (!locked)
                                                    return answer(result);
                                                qCWarning(lcAuth) << "keychain entry is locked";
                                                answer({Status::Unavailable, {}, lockedMessage()});
                                            });
                    return;
                }
                answer(result);
            });
    job->start();
}

} // namespace triage::auth
