#pragma once

#include <QCoreApplication>
#include <QString>

class QNetworkReply;

namespace triage::auth {

// Why a request to the org's OAuth endpoints failed before any HTTP answer, told apart so the
// message can say what to check. The one place that maps QNetworkReply errors for auth.
struct NetworkFailure
{
    Q_DECLARE_TR_FUNCTIONS(triage::auth::NetworkFailure)
public:
    enum class Kind { None, HostNotFound, Tls, Timeout, ConnectionRefused, Other };

    Kind kind = Kind::None;
    QString message; // user-facing

    // Classifies a finished reply; Kind::None when an HTTP answer arrived (any status).
    static NetworkFailure of(QNetworkReply *reply);

    // Aborts `reply` after `msecs`; of() then reports Kind::Timeout.
    static void armTimeout(QNetworkReply *reply, int msecs);
};

} // namespace triage::auth
