#pragma once

#include <QByteArray>
#include <QString>

namespace triage::sandbox {

// The HTML the authorize endpoint serves. Every echoed value is HTML-escaped here.
class SignInPage
{
public:
    // What the form says about the sandbox's own account: it is a training org, so the page
    // tells a newcomer how to sign in.
    struct Account
    {
        QString login;
        QString password;
    };

    // The sign-in form; the request itself stays on the server behind transactionId.
    static QByteArray form(const QString &transactionId, const QString &clientId,
                           const Account &account, const QString &username,
                           const QString &errorMessage);
    // A dead end (unknown client, unregistered redirect URI): never a redirect.
    static QByteArray errorPage(const QString &title, const QString &message);
};

} // namespace triage::sandbox
