#pragma once

// Shared by the tracking client tests: a sandbox org on a random port, the real request path to
// it (OktaConnection + ReviewsClient over QNetworkAccessManager) and a way to create reviews.

#include "common/Clock.h"
#include "okta/AccessTokenProvider.h"
#include "okta/OktaConnection.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewIndex.h"
#include "reviews/ReviewsClient.h"
#include "sandbox/SandboxOrg.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTest>

#include <memory>
#include <optional>

namespace triage::test {

// A signed-in analyst whose token never needs refreshing.
class FixedTokenProvider final : public okta::AccessTokenProvider
{
public:
    explicit FixedTokenProvider(QByteArray header)
        : m_header(std::move(header))
    {}
    QByteArray authorizationHeader() const override { return m_header; }
    void refreshAfterUnauthorized(QObject *, std::function<void(okta::Renewal)> done) override
    {
        done(okta::Renewal::SignInRequired);
    }

private:
    QByteArray m_header;
};

// Hostile but valid review names: quotes, backslashes, non-Latin letters.
inline QString hostileReviewName(int n)
{
    return QStringLiteral("Triage \"%1\" \\ O'Brien – Zoë 日本語 Ελληνικά").arg(n);
}

class TrackingHarness
{
public:
    explicit TrackingHarness(sandbox::SandboxConfig config)
        : org(std::make_unique<sandbox::SandboxOrg>(std::move(config)))
    {
        QString error;
        started = org->start(&error);
        if (!started) {
            qWarning().noquote() << "sandbox did not start:" << error;
            return;
        }
        tokens = std::make_unique<FixedTokenProvider>(QByteArray("Bearer ") +
                                                      org->issueAccessTokenForTests().toLatin1());
        connection = std::make_unique<okta::OktaConnection>(org->baseUrl(), &network, *tokens,
                                                            Clock::system());
        client = std::make_unique<reviews::ReviewsClient>(*connection);
        QObject::connect(org.get(), &sandbox::SandboxOrg::requestHandled, org.get(),
                         [this](const QString &method, const QString &path, int) {
                             if (method == QLatin1String("GET") &&
                                 path == reviews::ReviewsClient::basePath())
                                 listRequestTimes << clock.elapsed();
                         });
        clock.start();
        const QStringList active = org->userIds();
        for (const QString &id : active) {
            if (id != org->analystUserId())
                users << id;
        }
    }

    QString orgHost() const
    {
        return org->baseUrl().host() + QLatin1Char(':') + QString::number(org->port());
    }

    static okta::User user(const QString &id, const QString &first)
    {
        okta::User user;
        user.id = id;
        user.status = QStringLiteral("ACTIVE");
        user.profile.firstName = first;
        user.profile.lastName = QStringLiteral("\"Ü\\ñ\"");
        user.profile.login = id + QStringLiteral("@sandbox.example");
        return user;
    }

    // Creates a review of `targetId` with two reviewers over HTTP; records it in `index` if given.
    std::optional<okta::Review> create(const QString &targetId, const QString &name,
                                       reviews::ReviewIndex *index = nullptr)
    {
        reviews::ReviewDraft draft(Clock::system());
        draft.setTarget(user(targetId, QStringLiteral("Target")));
        int added = 0;
        for (const QString &id : std::as_const(users)) {
            if (id != targetId && added < 2 && !draft.addReviewer(user(id, QStringLiteral("Rev"))))
                ++added;
        }
        draft.setName(name);
        std::optional<okta::Result<okta::Review>> answer;
        QObject context;
        client->create(draft, &context, [&](const okta::Result<okta::Review> &r) { answer = r; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 10000) || !answer->ok()) {
            qWarning().noquote() << "create failed:"
                                 << (answer ? answer->error().message()
                                            : QStringLiteral("timeout"));
            return std::nullopt;
        }
        const okta::Review &review = answer->value();
        if (index) {
            reviews::IndexedReview entry;
            entry.reviewId = review.id;
            entry.orgHost = orgHost();
            entry.name = review.name;
            entry.target = {targetId, QStringLiteral("Target"), targetId};
            for (const okta::User &reviewer : draft.reviewers())
                entry.reviewers << reviews::IndexedPerson{reviewer.id, reviewer.displayName(), {}};
            entry.created = review.created;
            entry.endTime = review.endTime;
            entry.status = okta::reviewStatusToString(review.status);
            if (!index->recordCreated(entry))
                return std::nullopt;
        }
        return review;
    }

    std::unique_ptr<sandbox::SandboxOrg> org;
    bool started = false;
    QNetworkAccessManager network;
    std::unique_ptr<FixedTokenProvider> tokens;
    std::unique_ptr<okta::OktaConnection> connection;
    std::unique_ptr<reviews::ReviewsClient> client;
    QStringList users; // ACTIVE users other than the analyst
    QElapsedTimer clock;
    QList<qint64> listRequestTimes; // ms since start, one per GET of the review list
};

} // namespace triage::test
