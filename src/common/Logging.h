#pragma once

#include <QLoggingCategory>

// One category per area. Log lines are for developers; user-facing text goes through tr().
// Tokens, authorization codes and PKCE verifiers never reach a log line.
Q_DECLARE_LOGGING_CATEGORY(lcNet)     // triage.net
Q_DECLARE_LOGGING_CATEGORY(lcAuth)    // triage.auth
Q_DECLARE_LOGGING_CATEGORY(lcReviews) // triage.reviews
Q_DECLARE_LOGGING_CATEGORY(lcUi)      // triage.ui
Q_DECLARE_LOGGING_CATEGORY(lcSandbox) // triage.sandbox
