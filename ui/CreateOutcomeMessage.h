#pragma once

#include "okta/OktaError.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace triage::reviews {
struct CreateOutcome;
}

namespace triage::ui {

// What the review form says about a create that did not simply succeed: a headline, Okta's
// causes as a list, and a footnote (Okta's error code and id, or what was lost). Kept apart from
// the form so the form only decides where the text goes.
struct CreateOutcomeMessage
{
    Q_DECLARE_TR_FUNCTIONS(CreateOutcomeMessage)
public:
    QString headline;
    QStringList causes;
    QString footnote;

    // An error the org answered (or the call failed with): Okta's summary and causes when it sent
    // them, our own sentence otherwise.
    static CreateOutcomeMessage fromError(const okta::OktaError &error);
    // A Failed or Unknown outcome of ReviewCreator.
    static CreateOutcomeMessage fromOutcome(const reviews::CreateOutcome &outcome);

    QString text() const; // all of it, one line per cause
};

} // namespace triage::ui
