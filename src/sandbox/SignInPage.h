#pragma once

#include <QByteArray>
#include <QString>

namespace triage::sandbox {

// The HTML the authorize endpoint serves. Every echoed value is HTML-escaped here.
class SignInPage
{
public:
    // The sign-in form; the request itself stays on the server behind transactionId.
    static QByteArray form(const QString &transactionId, const QString &clientId,
                           const QString &username, const QString &errorMessage);
    // A dead end (unknown client, unregistered redirect URI): never a redirect.
    static QByteArray errorPage(const QString &title, const QString &message);
};

} // namespace triage::sandbox
