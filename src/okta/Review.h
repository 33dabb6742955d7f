#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace triage::okta {

// Security access review status. Unknown keeps the app working when Okta adds a value.
enum class ReviewStatus { Pending, Active, Closed, Error, Unknown };

ReviewStatus reviewStatusFromString(const QString &text);
QString reviewStatusToString(ReviewStatus status); // wire spelling; "UNKNOWN" for Unknown

// A person as the governance API describes reviewers and history actors
// (principal-profile-enriched).
struct PrincipalProfile
{
    QString id, email, firstName, lastName, login, status, type;

    QString displayName() const; // "first last", else login, else id
    static std::optional<PrincipalProfile> fromJson(const QJsonObject &json,
                                                    QString *error = nullptr);
};

// GET/POST/PATCH /governance/api/v2/security-access-reviews[/{id}].
// The review object does not carry the target's id: see ReviewPrincipal.
struct Review
{
    QString id;
    ReviewStatus status = ReviewStatus::Unknown;
    QString statusText; // as sent, also for Unknown
    QString name;
    QDateTime endTime, created, lastUpdated;
    QString createdBy, lastUpdatedBy;
    QString reviewerType;              // USER
    QStringList reviewerIds;           // reviewerSettings.userSettings.includedUserIds
    QList<PrincipalProfile> reviewers; // includedUserProfiles
    QHash<QString, QUrl> links;        // _links name -> href
    QString summary;                   // summary.message, when Okta generated one

    static std::optional<Review> fromJson(const QJsonObject &json, QString *error = nullptr);
};

// GET /governance/api/v2/security-access-reviews/stats.
struct ReviewStats
{
    qint64 activeCount = 0, pendingCount = 0, errorCount = 0, closedCount = 0;

    static std::optional<ReviewStats> fromJson(const QJsonObject &json, QString *error = nullptr);
};

// GET .../{id}/principal: the target user of a review.
struct ReviewPrincipal
{
    PrincipalProfile profile;
    QString department, manager, role;
    QDateTime lastLogin;    // lastLoginInfo.date
    QStringList adminRoles; // oktaAdminRoles[].roleName

    static std::optional<ReviewPrincipal> fromJson(const QJsonObject &json,
                                                   QString *error = nullptr);
};

// One entry of GET .../{id}/history.
struct ReviewHistoryItem
{
    QString id;
    bool systemGenerated = false;
    QDateTime timestamp;
    QString message;
    std::optional<PrincipalProfile> actor; // principalProfile

    static std::optional<ReviewHistoryItem> fromJson(const QJsonObject &json,
                                                     QString *error = nullptr);
};

} // namespace triage::okta
