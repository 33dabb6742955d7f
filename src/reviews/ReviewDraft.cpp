#include "reviews/ReviewDraft.h"

#include "common/Clock.h"
#include "okta/JsonReader.h"
#include "okta/OktaIds.h"

#include <QJsonArray>

namespace triage::reviews {

QString DraftProblem::message() const
{
    switch (code) {
    case Code::NoTarget:
        return tr("Choose the user to review.");
    case Code::InvalidTarget:
        return tr("%1 does not have a valid Okta user id.").arg(subject);
    case Code::NoReviewers:
        return tr("Add at least one reviewer.");
    case Code::TooManyReviewers:
        return tr("A review can have at most %n reviewers.", nullptr, ReviewDraft::kMaxReviewers);
    case Code::TargetIsReviewer:
        return tr("%1 is the user under review and can't also be a reviewer.").arg(subject);
    case Code::ReviewerNotActive:
        return tr("%1 is not an active user and can't review.").arg(subject);
    case Code::InvalidReviewer:
        return tr("%1 does not have a valid Okta user id.").arg(subject);
    case Code::NameEmpty:
        return tr("Give the review a name.");
    case Code::NameTooLong:
        return tr("The review name can have at most %n characters.", nullptr,
                  ReviewDraft::kMaxNameLength);
    case Code::EndTimeMissing:
        return tr("Choose when the review ends.");
    case Code::EndTimeTooSoon:
        return tr("The review must run for at least one day.");
    case Code::EndTimeTooLate:
        return tr("The review must end within six months.");
    }
    return {};
}

ReviewDraft::ReviewDraft(const Clock &clock)
    : m_clock(&clock)
    , m_endTime(clock.now().addDays(kDefaultDurationDays))
{}

QString ReviewDraft::defaultName(const okta::User &target)
{
    return QCoreApplication::translate("triage::reviews::ReviewDraft",
                                       "Security access review for %1")
        .arg(target.displayName());
}

void ReviewDraft::setTarget(const okta::User &target)
{
    const bool nameUntouched =
        m_name.trimmed().isEmpty() || (m_target && m_name == defaultName(*m_target));
    m_target = target;
    if (nameUntouched)
        m_name = defaultName(target);
}

std::optional<DraftProblem> ReviewDraft::checkReviewer(const okta::User &reviewer,
                                                       const QString &targetId)
{
    if (!okta::isValidUserId(reviewer.id))
        return DraftProblem{DraftProblem::Code::InvalidReviewer, reviewer.displayName()};
    if (reviewer.id == targetId)
        return DraftProblem{DraftProblem::Code::TargetIsReviewer, reviewer.displayName()};
    if (!reviewer.isActive())
        return DraftProblem{DraftProblem::Code::ReviewerNotActive, reviewer.displayName()};
    return std::nullopt;
}

std::optional<DraftProblem> ReviewDraft::addReviewer(const okta::User &reviewer)
{
    for (const okta::User &existing : std::as_const(m_reviewers)) {
        if (existing.id == reviewer.id)
            return std::nullopt;
    }
    if (auto problem = checkReviewer(reviewer, m_target ? m_target->id : QString()))
        return problem;
    if (auto problem = checkReviewerCount(m_reviewers.size() + 1))
        return problem;
    m_reviewers.append(reviewer);
    return std::nullopt;
}

bool ReviewDraft::removeReviewer(const QString &userId)
{
    return m_reviewers.removeIf([&](const okta::User &u) { return u.id == userId; }) > 0;
}

QStringList ReviewDraft::reviewerIds() const
{
    QStringList ids;
    for (const okta::User &reviewer : m_reviewers)
        ids.append(reviewer.id);
    return ids;
}

std::optional<DraftProblem> ReviewDraft::checkName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return DraftProblem{DraftProblem::Code::NameEmpty, {}};
    // Count characters as people (and Okta) do, not UTF-16 units.
    if (trimmed.toUcs4().size() > kMaxNameLength)
        return DraftProblem{DraftProblem::Code::NameTooLong, {}};
    return std::nullopt;
}

std::optional<DraftProblem> ReviewDraft::checkEndTime(const QDateTime &endTime, const Clock &clock)
{
    if (!endTime.isValid())
        return DraftProblem{DraftProblem::Code::EndTimeMissing, {}};
    const QDateTime now = clock.now();
    if (endTime < now.addDays(1).addMSecs(kCreationSlackMs))
        return DraftProblem{DraftProblem::Code::EndTimeTooSoon, {}};
    if (endTime >= now.addMonths(6))
        return DraftProblem{DraftProblem::Code::EndTimeTooLate, {}};
    return std::nullopt;
}

std::optional<DraftProblem> ReviewDraft::checkReviewerCount(qsizetype count)
{
    if (count < 1)
        return DraftProblem{DraftProblem::Code::NoReviewers, {}};
    if (count > kMaxReviewers)
        return DraftProblem{DraftProblem::Code::TooManyReviewers, {}};
    return std::nullopt;
}

QList<DraftProblem> ReviewDraft::problems() const
{
    QList<DraftProblem> found;
    if (!m_target)
        found.append({DraftProblem::Code::NoTarget, {}});
    else if (!okta::isValidUserId(m_target->id))
        found.append({DraftProblem::Code::InvalidTarget, m_target->displayName()});
    if (auto problem = checkReviewerCount(m_reviewers.size()))
        found.append(*problem);
    // The target may have been chosen after the reviewers.
    for (const okta::User &reviewer : m_reviewers) {
        if (auto problem = checkReviewer(reviewer, m_target ? m_target->id : QString()))
            found.append(*problem);
    }
    if (auto problem = checkName(m_name))
        found.append(*problem);
    if (auto problem = checkEndTime(m_endTime, *m_clock))
        found.append(*problem);
    return found;
}

QJsonObject ReviewDraft::toCreateJson() const
{
    QJsonObject body{{QStringLiteral("principalId"), m_target ? m_target->id : QString()},
                     {QStringLiteral("name"), m_name.trimmed()},
                     {QStringLiteral("reviewerSettings"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("USER")},
                                  {QStringLiteral("userSettings"),
                                   QJsonObject{{QStringLiteral("includedUserIds"),
                                                QJsonArray::fromStringList(reviewerIds())}}}}}};
    if (m_endTime.isValid())
        body.insert(QStringLiteral("endTime"), okta::formatOktaDateTime(m_endTime));
    return body;
}

} // namespace triage::reviews
