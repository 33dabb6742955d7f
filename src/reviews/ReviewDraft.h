#pragma once

#include "okta/User.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace triage {
class Clock;
}

namespace triage::reviews {

// Why a draft can't be sent yet, in words the analyst can act on.
struct DraftProblem
{
    Q_DECLARE_TR_FUNCTIONS(DraftProblem)
public:
    enum class Code {
        NoTarget,
        InvalidTarget, // the target's id is not an Okta user id
        NoReviewers,
        TooManyReviewers,
        TargetIsReviewer,
        ReviewerNotActive,
        InvalidReviewer, // a reviewer's id is not an Okta user id
        NameEmpty,
        NameTooLong,
        EndTimeMissing,
        EndTimeTooSoon,
        EndTimeTooLate,
    };
    Code code;
    QString subject; // the person concerned (display name), when there is one

    QString message() const;
    bool operator==(const DraftProblem &other) const = default;
};

// A security access review before it is created: who is reviewed, by whom, named what, until when.
// The rules live here (and only here); the UI shows problems() and enables "Start" on isReady().
class ReviewDraft
{
public:
    static constexpr int kMaxReviewers = 10;
    static constexpr int kMaxNameLength = 255; // characters (code points)
    static constexpr int kDefaultDurationDays = 7;
    // The review is created a little after we check: keep the lower bound safe by this much.
    static constexpr qint64 kCreationSlackMs = 5 * 60 * 1000;

    // The end time starts at now + 7 days by `clock`, which the draft keeps for its rules.
    explicit ReviewDraft(const Clock &clock);

    // Sets the reviewed user; fills the name with defaultName() unless the analyst changed it.
    void setTarget(const okta::User &target);
    const std::optional<okta::User> &target() const { return m_target; }

    // Adds a reviewer, or says why not (the target, not ACTIVE, the 11th). Adding someone
    // already on the list does nothing and is not a problem.
    std::optional<DraftProblem> addReviewer(const okta::User &reviewer);
    bool removeReviewer(const QString &userId);
    const QList<okta::User> &reviewers() const { return m_reviewers; }
    QStringList reviewerIds() const;

    void setName(const QString &name) { m_name = name; }
    QString name() const { return m_name; }
    void setEndTime(const QDateTime &endTime) { m_endTime = endTime.toUTC(); }
    QDateTime endTime() const { return m_endTime; }

    // Everything that stops the draft from being created, in a stable order.
    QList<DraftProblem> problems() const;
    bool isReady() const { return problems().isEmpty(); }

    // The create body, exactly as the API documents it (field `name`, reviewerSettings USER).
    QJsonObject toCreateJson() const;

    // The single rules, also used when a review is changed later (PATCH).
    static QString defaultName(const okta::User &target);
    static std::optional<DraftProblem> checkName(const QString &name);
    static std::optional<DraftProblem> checkEndTime(const QDateTime &endTime, const Clock &clock);
    static std::optional<DraftProblem> checkReviewerCount(qsizetype count);
    static std::optional<DraftProblem> checkReviewer(const okta::User &reviewer,
                                                     const QString &targetId);

private:
    const Clock *m_clock;
    std::optional<okta::User> m_target;
    QList<okta::User> m_reviewers;
    QString m_name;
    QDateTime m_endTime;
};

} // namespace triage::reviews
