#include "DraftModel.h"

namespace triage::ui {

DraftModel::DraftModel(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_draft(clock)
{}

void DraftModel::setTarget(const okta::User &target)
{
    const QString nameBefore = m_draft.name();
    m_draft.setTarget(target);
    emit targetChanged();
    if (m_draft.name() != nameBefore)
        emit nameChanged();
    emit changed();
}

std::optional<reviews::DraftProblem> DraftModel::addReviewer(const okta::User &reviewer)
{
    const qsizetype before = m_draft.reviewers().size();
    auto problem = m_draft.addReviewer(reviewer);
    if (m_draft.reviewers().size() != before) {
        emit reviewersChanged();
        emit changed();
    }
    return problem;
}

void DraftModel::removeReviewer(const QString &userId)
{
    if (!m_draft.removeReviewer(userId))
        return;
    emit reviewersChanged();
    emit changed();
}

void DraftModel::setName(const QString &name)
{
    if (name == m_draft.name())
        return;
    m_draft.setName(name);
    emit nameChanged();
    emit changed();
}

void DraftModel::setEndTime(const QDateTime &endTime)
{
    if (endTime.toUTC() == m_draft.endTime())
        return;
    m_draft.setEndTime(endTime);
    emit endTimeChanged();
    emit changed();
}

void DraftModel::reset()
{
    m_draft = reviews::ReviewDraft(m_clock);
    emit targetChanged();
    emit reviewersChanged();
    emit nameChanged();
    emit endTimeChanged();
    emit changed();
}

std::optional<reviews::DraftProblem> DraftModel::addingBlockedBy() const
{
    return reviews::ReviewDraft::checkReviewerCount(m_draft.reviewers().size() + 1);
}

} // namespace triage::ui
