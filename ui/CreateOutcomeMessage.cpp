#include "CreateOutcomeMessage.h"

#include "reviews/ReviewCreator.h"

namespace triage::ui {

CreateOutcomeMessage CreateOutcomeMessage::fromError(const okta::OktaError &error)
{
    CreateOutcomeMessage message;
    message.headline = error.message();
    if (!error.errorSummary.isEmpty()) {
        message.headline = error.errorCauses.isEmpty() ? error.errorSummary
                                                       : error.errorSummary + QLatin1Char(':');
        message.causes = error.errorCauses;
    }
    QStringList footnote;
    if (!error.errorCode.isEmpty())
        footnote << tr("Okta error %1").arg(error.errorCode);
    if (!error.errorId.isEmpty())
        footnote << tr("id %1").arg(error.errorId);
    message.footnote = footnote.join(QStringLiteral(", "));
    return message;
}

CreateOutcomeMessage CreateOutcomeMessage::fromOutcome(const reviews::CreateOutcome &outcome)
{
    // An answer the org gave (a refusal) reads as the org wrote it; a lost answer needs the
    // creator's sentence about what reconciling found.
    if (!outcome.reconciled)
        return fromError(outcome.error);
    CreateOutcomeMessage message;
    message.headline = outcome.message();
    if (outcome.kind == reviews::CreateOutcome::Kind::Failed)
        message.footnote = tr("What was lost: %1").arg(outcome.error.message());
    return message;
}

QString CreateOutcomeMessage::text() const
{
    QString text = headline;
    for (const QString &cause : causes)
        text += QStringLiteral("\n  • ") + cause;
    if (!footnote.isEmpty())
        text += QLatin1Char('\n') + footnote;
    return text;
}

} // namespace triage::ui
