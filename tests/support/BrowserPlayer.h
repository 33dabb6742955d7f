#pragma once

#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace triage::test {

// Plays the browser over plain HTTP: loads the sandbox's sign-in form at authorizeUrl, submits
// login and password, and follows the redirect to the app's loopback receiver. Gives up quietly
// at any step the org refuses: the test then sees the app's own outcome.
void playBrowser(QNetworkAccessManager &network, const QUrl &authorizeUrl, const QString &login,
                 const QString &password);

} // namespace triage::test
