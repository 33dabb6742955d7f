#pragma once

#include <QStringList>

namespace triage::test {

// Keeps every log message (and still passes it on to the previous handler), so that tests can
// check that no token, code or verifier ever reaches a log line.
class LogCapture
{
public:
    static void install();   // in initTestCase()
    static void uninstall(); // in cleanupTestCase()
    static QStringList &lines();
};

} // namespace triage::test
