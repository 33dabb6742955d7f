// The fault matrix: each Okta call the core makes x each fault the sandbox can inject. Every
// cell must end (no hang) with the expected outcome: recovered by itself, or a typed error with
// a readable message that holds no token. A GET works again once the fault is gone; a POST is
// never sent twice by the client; a create whose answer was lost is reconciled by ReviewCreator
// and ends with exactly one review on the org (or none, then one after "start again").
#include "../client/tst_okta_harness.h"
#include "FaultCases.h"
#include "LogCapture.h"
#include "okta/UsersClient.h"
#include "reviews/CreateReconciler.h"
#include "reviews/ReviewCreator.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewsClient.h"

#include <QSignalSpy>
#include <QTest>

using namespace triage;
using namespace triage::okta;
using triage::reviews::CreateOutcome;
using triage::reviews::ReviewCreator;
using triage::sandbox::Fault;
using triage::test::await;

using triage::test::FaultCase;
using triage::test::faultCases;

namespace {

const QString kUsers = QStringLiteral("/api/v1/users");
const QString kReviews = QStringLiteral("/governance/api/v2/security-access-reviews");
// Hostile on purpose: quotes, an injection attempt, a backslash and non-Latin letters.
const QString kHostileName = QStringLiteral("Триаж \"x\" or status eq \"ACTIVE\" \\ 王");

enum class Call { SearchUsers, GetUser, ListReviews, GetReview, Stats, Principal, Close, Create };

const char *callName(Call call)
{
    switch (call) {
    case Call::SearchUsers:
        return "user search";
    case Call::GetUser:
        return "get user";
    case Call::ListReviews:
        return "list reviews";
    case Call::GetReview:
        return "get review";
    case Call::Stats:
        return "stats";
    case Call::Principal:
        return "principal";
    case Call::Close:
        return "close";
    case Call::Create:
        return "create";
    }
    return "?";
}

bool isPost(Call call)
{
    return call == Call::Close || call == Call::Create;
}

// What the app must end with for one cell. "ok": the call recovered by itself; otherwise the
// OktaError kind the analyst is shown. For create: the ReviewCreator outcome and review count.
QString expectedOutcome(Call call, Fault::Kind kind)
{
    using K = Fault::Kind;
    if (call == Call::Create) {
        switch (kind) {
        case K::Latency:
        case K::DropAfterCommit:
        case K::TruncatedBody:
        case K::WrongTypes:
            return QStringLiteral("Created (reconciled), 1 review");
        case K::DropBeforeCommit:
        case K::ServerError:
        case K::MalformedJson:
            return QStringLiteral("Failed (reconciled), 0 reviews");
        case K::RateLimited:
            return QStringLiteral("Failed RateLimited, 0 reviews");
        case K::ExpiredToken:
            return QStringLiteral("Created, 1 review");
        case K::InsufficientScope:
            return QStringLiteral("Failed Forbidden, 0 reviews");
        }
    }
    if (isPost(call)) {
        switch (kind) {
        case K::Latency:
        case K::DropBeforeCommit:
        case K::DropAfterCommit:
            return kindName(OktaError::Kind::UnknownOutcome);
        case K::TruncatedBody:
            return QStringLiteral("ok"); // half of an empty 202 is whole
        case K::ServerError:
            return kindName(OktaError::Kind::Server);
        case K::RateLimited:
            return kindName(OktaError::Kind::RateLimited);
        case K::MalformedJson:
        case K::WrongTypes:
            return QStringLiteral("ok"); // close expects no body
        case K::ExpiredToken:
            return QStringLiteral("ok");
        case K::InsufficientScope:
            return kindName(OktaError::Kind::Forbidden);
        }
    }
    switch (kind) {
    case K::MalformedJson:
    case K::WrongTypes:
        return kindName(OktaError::Kind::BadResponse);
    case K::InsufficientScope:
        return kindName(OktaError::Kind::Forbidden);
    default:
        return QStringLiteral("ok"); // retried, waited out or refreshed
    }
}

QString pathFor(Call call, const QString &userId, const QString &reviewId)
{
    switch (call) {
    case Call::SearchUsers:
        return kUsers;
    case Call::GetUser:
        return kUsers + u'/' + userId;
    case Call::ListReviews:
    case Call::Create:
        return kReviews;
    case Call::GetReview:
        return kReviews + u'/' + reviewId;
    case Call::Stats:
        return kReviews + QStringLiteral("/stats");
    case Call::Principal:
        return kReviews + u'/' + reviewId + QStringLiteral("/principal");
    case Call::Close:
        return kReviews + u'/' + reviewId + QStringLiteral("/actions");
    }
    return {};
}

// How one call ended: not at all (hang), ok, or a typed error.
struct Ended
{
    bool finished = false;
    bool ok = false;
    OktaError error;
};

template<typename T> Ended ended(const std::optional<Result<T>> &result)
{
    Ended e;
    e.finished = result.has_value();
    e.ok = e.finished && result->ok();
    if (e.finished && !e.ok)
        e.error = result->error();
    return e;
}

} // namespace

class TestFaultMatrix : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void matrix_data();
    void matrix();
    void reconcileIgnoresLookAlikes();
    void reconcileUnknownWhileTheOrgCantBeAsked();
    void reconcileKnownIdsAreNeverTheLostOne();
    void creatorRefusesWhileBusyAndNeverReconcilesARefusal();
    void noTokenInAnyLogLine();

private:
    std::unique_ptr<test::OktaHarness> h;
    std::unique_ptr<UsersClient> users;
    std::unique_ptr<reviews::ReviewsClient> reviewsClient;
    QHash<QString, int> posts; // "POST path" -> requests the sandbox saw
    QStringList secrets;       // every bearer token handed out in this test

    reviews::CreateReconciler::Options fastReconcile() const
    {
        reviews::CreateReconciler::Options options;
        options.settleDelayMs = 100;
        return options;
    }

    User activeUser(int index) const
    {
        User user;
        user.id = h->org->userIds().at(index);
        user.status = QStringLiteral("ACTIVE");
        return user;
    }

    reviews::ReviewDraft draft(const QString &name, int target = 3, int reviewer = 4) const
    {
        reviews::ReviewDraft d(Clock::system());
        d.setTarget(activeUser(target));
        d.addReviewer(activeUser(reviewer));
        d.setName(name);
        return d;
    }

    // The org's reviews with exactly this name; one fake extra entry if the list failed.
    QList<Review> reviewsNamed(const QString &name)
    {
        reviews::ReviewListQuery query;
        query.filter = reviews::ReviewFilter::nameEquals(name);
        query.limit = 200;
        const auto list = await<Page<Review>>([&](QObject *ctx, Handler<Page<Review>> done) {
            reviewsClient->list(query, ctx, done);
        });
        return list && list->ok() ? list->value().items : QList<Review>(99);
    }

    std::optional<Review> createPlainly(const QString &name, int target = 3, int reviewer = 4)
    {
        const reviews::ReviewDraft d = draft(name, target, reviewer);
        const auto result = await<Review>(
            [&](QObject *ctx, Handler<Review> done) { reviewsClient->create(d, ctx, done); });
        if (!result || !result->ok())
            return std::nullopt;
        return result->value();
    }

    std::optional<CreateOutcome> createThroughCreator(ReviewCreator &creator,
                                                      const reviews::ReviewDraft &d)
    {
        QSignalSpy finished(&creator, &ReviewCreator::finished);
        if (!creator.create(d))
            return std::nullopt;
        if (!finished.wait(10000) || finished.size() != 1)
            return std::nullopt;
        return finished.at(0).at(0).value<CreateOutcome>();
    }

    Ended run(Call call, const QString &userId, const QString &reviewId)
    {
        switch (call) {
        case Call::SearchUsers:
            return ended(await<Page<User>>([&](QObject *ctx, Handler<Page<User>> done) {
                // Finds one user, so that a broken answer has something to break.
                users->search(SearchExpression::compare(QStringLiteral("id"),
                                                        SearchExpression::Op::Eq, userId) ||
                                  SearchExpression::compare(QStringLiteral("profile.lastName"),
                                                            SearchExpression::Op::Eq,
                                                            QStringLiteral("O'Brien \"\\ 王")),
                              5, ctx, done);
            }));
        case Call::GetUser:
            return ended(await<User>(
                [&](QObject *ctx, Handler<User> done) { users->byIdOrLogin(userId, ctx, done); }));
        case Call::ListReviews:
            return ended(await<Page<Review>>([&](QObject *ctx, Handler<Page<Review>> done) {
                reviews::ReviewListQuery query;
                query.filter = reviews::ReviewFilter::nameEquals(kHostileName);
                reviewsClient->list(query, ctx, done);
            }));
        case Call::GetReview:
            return ended(await<Review>([&](QObject *ctx, Handler<Review> done) {
                reviewsClient->get(reviewId, ctx, done);
            }));
        case Call::Stats:
            return ended(await<ReviewStats>(
                [&](QObject *ctx, Handler<ReviewStats> done) { reviewsClient->stats(ctx, done); }));
        case Call::Principal:
            return ended(await<ReviewPrincipal>([&](QObject *ctx, Handler<ReviewPrincipal> done) {
                reviewsClient->principal(reviewId, ctx, done);
            }));
        case Call::Close:
            return ended(await<Done>([&](QObject *ctx, Handler<Done> done) {
                reviewsClient->close(reviewId, ctx, done);
            }));
        case Call::Create:
            break; // through ReviewCreator, see matrix()
        }
        return {};
    }

    void checkMessage(const OktaError &error)
    {
        const QString text = error.message() + u' ' + error.detail;
        QVERIFY2(!error.message().trimmed().isEmpty(), qPrintable(kindName(error.kind)));
        for (const QString &secret : std::as_const(secrets))
            QVERIFY2(!text.contains(secret), "a token is in the error message");
    }
};

void TestFaultMatrix::initTestCase()
{
    qRegisterMetaType<CreateOutcome>();
    test::LogCapture::install();
}

void TestFaultMatrix::cleanupTestCase()
{
    test::LogCapture::uninstall();
}

void TestFaultMatrix::init()
{
    auto options = test::fastOptions();
    options.timeoutMs = 400;
    h = std::make_unique<test::OktaHarness>(test::smallConfig(), options);
    QVERIFY(h->org);
    secrets.append(QString::fromLatin1(h->tokens.header.mid(7)));
    users = std::make_unique<UsersClient>(*h->connection);
    reviewsClient = std::make_unique<reviews::ReviewsClient>(*h->connection);
    posts.clear();
    connect(h->org.get(), &sandbox::SandboxOrg::requestHandled, this,
            [this](const QString &method, const QString &path, int) {
                if (method == QLatin1String("POST"))
                    ++posts[path];
            });
}

void TestFaultMatrix::cleanup()
{
    reviewsClient.reset();
    users.reset();
    h.reset();
}

void TestFaultMatrix::matrix_data()
{
    QTest::addColumn<int>("call");
    QTest::addColumn<int>("faultIndex");
    QTest::addColumn<QString>("expected");
    for (Call call : {Call::SearchUsers, Call::GetUser, Call::ListReviews, Call::GetReview,
                      Call::Stats, Call::Principal, Call::Close, Call::Create}) {
        for (int i = 0; i < faultCases().size(); ++i) {
            const FaultCase &f = faultCases().at(i);
            QTest::addRow("%s | %s", callName(call), f.name)
                << int(call) << i << expectedOutcome(call, f.kind);
        }
    }
}

void TestFaultMatrix::matrix()
{
    QFETCH(int, call);
    QFETCH(int, faultIndex);
    QFETCH(QString, expected);
    const Call c = Call(call);
    const FaultCase &fc = faultCases().at(faultIndex);

    const QString userId = h->org->userIds().at(5);
    QString reviewId;
    if (c == Call::ListReviews || c == Call::GetReview || c == Call::Principal ||
        c == Call::Close) {
        const auto review = createPlainly(kHostileName);
        QVERIFY(review);
        reviewId = review->id;
    }
    const QString path = pathFor(c, userId, reviewId);
    const QByteArray method = isPost(c) ? "POST" : "GET";

    Fault fault;
    fault.kind = fc.kind;
    fault.method = method;
    fault.pathPrefix = path;
    fault.times = 1;
    fault.httpStatus = fc.httpStatus;
    fault.delayMs = 1000; // past the 400 ms timeout
    fault.resetInSeconds = 1;
    h->tokens.refreshed = h->freshBearer();
    secrets.append(QString::fromLatin1(h->tokens.refreshed.mid(7)));
    h->org->injectFault(fault);
    const int postsBefore = posts.value(path);

    QString outcome;
    if (c == Call::Create) {
        const QString name = kHostileName + QStringLiteral(" #%1").arg(faultIndex);
        ReviewCreator creator(*reviewsClient, Clock::system(), fastReconcile());
        const auto result = createThroughCreator(creator, draft(name));
        QVERIFY2(result, "the create never ended");
        QTest::qWait(fc.kind == Fault::Kind::Latency ? 700 : 0); // the slow answer is gone too
        const QList<Review> onOrg = reviewsNamed(name);
        const char *kind = result->kind == CreateOutcome::Kind::Created  ? "Created"
                           : result->kind == CreateOutcome::Kind::Failed ? "Failed"
                                                                         : "Unknown";
        outcome = QStringLiteral("%1%2, %3 review%4")
                      .arg(QLatin1String(kind), result->reconciled ? QStringLiteral(" (reconciled)")
                                                : result->kind == CreateOutcome::Kind::Created
                                                    ? QString()
                                                    : u' ' + kindName(result->error.kind))
                      .arg(onOrg.size())
                      .arg(onOrg.size() == 1 ? QString() : QStringLiteral("s"));
        if (result->kind == CreateOutcome::Kind::Created) {
            QCOMPARE(onOrg.size(), 1);
            QCOMPARE(onOrg.first().id, result->review->id);
        } else {
            checkMessage(result->error);
            QVERIFY(!result->message().isEmpty());
        }
        // Never sent twice by the client (a 401 is refused before anything happens: sent again
        // once after the refresh).
        QCOMPARE(posts.value(path) - postsBefore, fc.kind == Fault::Kind::ExpiredToken ? 2 : 1);
        // "Start again" after a Failed outcome, fault gone: exactly one review.
        if (result->mayCreateAgain()) {
            h->org->clearFaults();
            const auto again = createThroughCreator(creator, draft(name));
            QVERIFY(again && again->kind == CreateOutcome::Kind::Created);
            QCOMPARE(reviewsNamed(name).size(), 1);
        }
    } else {
        const Ended first = run(c, userId, reviewId);
        QVERIFY2(first.finished, "the call never ended");
        outcome = first.ok ? QStringLiteral("ok") : kindName(first.error.kind);
        if (!first.ok)
            checkMessage(first.error);
        if (isPost(c)) {
            QCOMPARE(posts.value(path) - postsBefore, fc.kind == Fault::Kind::ExpiredToken ? 2 : 1);
        }
        // Once the fault is gone the same call works again, with nothing else done.
        h->org->clearFaults();
        QTest::qWait(fc.kind == Fault::Kind::Latency ? 700 : 0);
        if (!isPost(c)) {
            const Ended second = run(c, userId, reviewId);
            QVERIFY(second.finished);
            QVERIFY2(second.ok, qPrintable(second.error.message()));
        }
    }
    qInfo("MATRIX | %s | %s | %s", callName(c), fc.name, qPrintable(outcome));
    QCOMPARE(outcome, expected);
}

void TestFaultMatrix::reconcileIgnoresLookAlikes()
{
    // Same name, other target; same name and target, other reviewers: neither is the lost one.
    QVERIFY(createPlainly(kHostileName, 6, 4));
    QVERIFY(createPlainly(kHostileName, 3, 7));
    Fault drop;
    drop.kind = Fault::Kind::DropAfterCommit;
    drop.method = "POST";
    drop.pathPrefix = kReviews;
    h->org->injectFault(drop);
    ReviewCreator creator(*reviewsClient, Clock::system(), fastReconcile());
    QSignalSpy reconciling(&creator, &ReviewCreator::reconciling);
    const auto result = createThroughCreator(creator, draft(kHostileName, 3, 4));
    QVERIFY(result);
    QCOMPARE(reconciling.size(), 1);
    QCOMPARE(int(result->kind), int(CreateOutcome::Kind::Created));
    QVERIFY(result->reconciled);
    QVERIFY(!result->message().isEmpty());
    const QList<Review> all = reviewsNamed(kHostileName);
    QCOMPARE(all.size(), 3);
    // The principal confirmed it: the found review is about the draft's target.
    const auto principal = await<ReviewPrincipal>([&](QObject *ctx, Handler<ReviewPrincipal> d) {
        reviewsClient->principal(result->review->id, ctx, d);
    });
    QVERIFY(principal && principal->ok());
    QCOMPARE(principal->value().profile.id, h->org->userIds().at(3));
    QCOMPARE(result->review->reviewerIds, QStringList{h->org->userIds().at(4)});
}

void TestFaultMatrix::reconcileUnknownWhileTheOrgCantBeAsked()
{
    const QString name = QStringLiteral("Unknown \\ \"until\" asked 𝔘");
    Fault drop;
    drop.kind = Fault::Kind::DropAfterCommit;
    drop.method = "POST";
    drop.pathPrefix = kReviews;
    h->org->injectFault(drop);
    Fault down;
    down.kind = Fault::Kind::ServerError;
    down.httpStatus = 503;
    down.method = "GET";
    down.pathPrefix = kReviews;
    down.times = -1;
    h->org->injectFault(down);

    ReviewCreator creator(*reviewsClient, Clock::system(), fastReconcile());
    const auto result = createThroughCreator(creator, draft(name));
    QVERIFY(result);
    QCOMPARE(int(result->kind), int(CreateOutcome::Kind::Unknown));
    QCOMPARE(result->error.kind, OktaError::Kind::Server);
    QVERIFY(!result->mayCreateAgain());
    QVERIFY(result->message().contains(result->error.message()));
    checkMessage(result->error);
    QVERIFY(creator.hasUnknownOutcome());
    QVERIFY(!creator.create(draft(name))); // no blind second create

    h->org->clearFaults();
    QSignalSpy finished(&creator, &ReviewCreator::finished);
    QVERIFY(creator.checkAgain());
    QVERIFY(finished.wait(10000));
    const auto again = finished.at(0).at(0).value<CreateOutcome>();
    QCOMPARE(int(again.kind), int(CreateOutcome::Kind::Created));
    QVERIFY(!creator.hasUnknownOutcome());
    const QList<Review> onOrg = reviewsNamed(name);
    QCOMPARE(onOrg.size(), 1);
    QCOMPARE(onOrg.first().id, again.review->id);
    QCOMPARE(posts.value(kReviews), 1);
}

void TestFaultMatrix::reconcileKnownIdsAreNeverTheLostOne()
{
    // The analyst created the same review a moment ago; the second create dropped before the
    // org did anything. The first review must not be taken for the second.
    const QString name = QStringLiteral("Twice \"on purpose\"");
    ReviewCreator creator(*reviewsClient, Clock::system(), fastReconcile());
    const auto first = createThroughCreator(creator, draft(name));
    QVERIFY(first && first->kind == CreateOutcome::Kind::Created && !first->reconciled);
    Fault drop;
    drop.kind = Fault::Kind::DropBeforeCommit;
    drop.method = "POST";
    drop.pathPrefix = kReviews;
    h->org->injectFault(drop);
    const auto second = createThroughCreator(creator, draft(name));
    QVERIFY(second);
    QCOMPARE(int(second->kind), int(CreateOutcome::Kind::Failed));
    QVERIFY(second->reconciled && second->mayCreateAgain());
    QCOMPARE(reviewsNamed(name).size(), 1);

    // The same for a review made elsewhere in the app (the index), once the creator is told.
    const QString other = QStringLiteral("Known \"from the index\"");
    const auto earlier = createPlainly(other);
    QVERIFY(earlier);
    ReviewCreator fresh(*reviewsClient, Clock::system(), fastReconcile());
    fresh.addKnownReviewIds({earlier->id});
    h->org->injectFault(drop);
    const auto third = createThroughCreator(fresh, draft(other));
    QVERIFY(third);
    QCOMPARE(int(third->kind), int(CreateOutcome::Kind::Failed));
    QCOMPARE(reviewsNamed(other).size(), 1);
}

void TestFaultMatrix::creatorRefusesWhileBusyAndNeverReconcilesARefusal()
{
    ReviewCreator creator(*reviewsClient, Clock::system(), fastReconcile());
    QSignalSpy reconciling(&creator, &ReviewCreator::reconciling);
    QSignalSpy finished(&creator, &ReviewCreator::finished);
    // One create at a time: a second press while the first is out does nothing.
    QVERIFY(creator.create(draft(QStringLiteral("Busy \"once\""))));
    QVERIFY(creator.isBusy());
    QVERIFY(!creator.create(draft(QStringLiteral("Busy \"once\""))));
    QVERIFY(!creator.checkAgain()); // nothing unknown to check
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QVERIFY(!creator.isBusy());
    QCOMPARE(reviewsNamed(QStringLiteral("Busy \"once\"")).size(), 1);

    // A draft the rules refuse never leaves the app and is not reconciled.
    reviews::ReviewDraft broken = draft(QString(300, QChar(0x738B)));
    const auto refused = createThroughCreator(creator, broken);
    QVERIFY(refused);
    QCOMPARE(int(refused->kind), int(CreateOutcome::Kind::Failed));
    QCOMPARE(refused->error.kind, OktaError::Kind::Validation);
    QVERIFY(!refused->reconciled && !refused->message().isEmpty());
    QCOMPARE(reconciling.size(), 0);
    QCOMPARE(posts.value(kReviews), 1);
}

void TestFaultMatrix::noTokenInAnyLogLine()
{
    // Runs last: every cell above logged at debug level (QT_LOGGING_RULES from CTest).
    QVERIFY(!test::LogCapture::lines().isEmpty());
    for (const QString &line : std::as_const(test::LogCapture::lines())) {
        for (const QString &secret : std::as_const(secrets))
            QVERIFY2(!line.contains(secret), "a token reached the log");
        QVERIFY2(!line.contains(QLatin1String("Bearer "), Qt::CaseInsensitive), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_fault_matrix.moc"
