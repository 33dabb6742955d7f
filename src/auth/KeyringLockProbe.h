#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace triage::auth {

// Asks the Secret Service whether the keychain holds the entry `key` of `service` in a locked
// collection. Needed because libsecret (under QtKeychain) cannot reach such an entry when no
// unlock prompt can be shown (no display, prompt dismissed), and then reads it as "not found"
// and "deletes" it without error while it stays: this tells "locked" from "not there".
// Asynchronous; done(false) when there is no Secret Service to ask (KWallet, macOS, Windows) or
// it does not answer within `timeoutMs`.
void askWhetherEntryIsLocked(const QString &service, const QString &key, QObject *context,
                             int timeoutMs, std::function<void(bool locked)> done);

} // namespace triage::auth
