#include "common/Logging.h"

Q_LOGGING_CATEGORY(lcNet, "triage.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "triage.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcReviews, "triage.reviews", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "triage.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSandbox, "triage.sandbox", QtInfoMsg)
