#pragma once

#include "reviews/ReviewDraft.h"

#include <QObject>

namespace triage {
class Clock;
}

namespace triage::ui {

// The one review draft the target search, the reviewer picker and the form share. It only
// forwards to reviews::ReviewDraft (where every rule lives) and says when something changed.
class DraftModel : public QObject
{
    Q_OBJECT
public:
    explicit DraftModel(const Clock &clock, QObject *parent = nullptr);

    const reviews::ReviewDraft &draft() const { return m_draft; }
    const Clock &clock() const { return m_clock; }

    void setTarget(const okta::User &target);
    // Adds a reviewer or returns why not; a duplicate is ignored (no problem, no change).
    std::optional<reviews::DraftProblem> addReviewer(const okta::User &reviewer);
    void removeReviewer(const QString &userId);
    void setName(const QString &name);
    void setEndTime(const QDateTime &endTime);
    // A fresh draft (after a review was created): no target, no reviewers, default name and end.
    void reset();

    // Why one more reviewer can't be added right now (the count rule), if that is the case.
    std::optional<reviews::DraftProblem> addingBlockedBy() const;

signals:
    void targetChanged();
    void reviewersChanged();
    void nameChanged();
    void endTimeChanged();
    void changed(); // after any of the above

private:
    const Clock &m_clock;
    reviews::ReviewDraft m_draft;
};

} // namespace triage::ui
