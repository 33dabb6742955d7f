#include "okta/UsersClient.h"

#include "okta/OktaIds.h"
#include "okta/ReplyParsing.h"

namespace triage::okta {

namespace {
const QString kUsersPath = QStringLiteral("/api/v1/users");

QString limitText(int limit)
{
    return QString::number(std::clamp(limit, 1, UsersClient::kMaxLimit));
}

std::optional<Page<User>> parseUserPages(const OktaReply &reply, QString *error)
{
    return parsePages<User>(reply, QLatin1String(), error);
}
} // namespace

UsersClient::UsersClient(OktaConnection &connection)
    : m_connection(connection)
{}

SearchExpression UsersClient::textSearchExpression(const QString &text)
{
    using Op = SearchExpression::Op;
    const QString term = text.simplified();
    if (term.isEmpty())
        return {};
    SearchExpression expression;
    for (const char *property :
         {"profile.firstName", "profile.lastName", "profile.email", "profile.login"})
        expression = expression || SearchExpression::compare(QLatin1String(property), Op::Sw, term);
    const qsizetype space = term.indexOf(QLatin1Char(' '));
    if (space > 0) {
        expression = expression || (SearchExpression::compare(QStringLiteral("profile.firstName"),
                                                              Op::Sw, term.left(space)) &&
                                    SearchExpression::compare(QStringLiteral("profile.lastName"),
                                                              Op::Sw, term.mid(space + 1)));
    }
    return expression;
}

OktaReply *UsersClient::startSearch(QList<std::pair<QString, QString>> query, int pages,
                                    QObject *context, Handler<Page<User>> done)
{
    if (m_latestSearch)
        m_latestSearch->cancel();
    OktaRequest request;
    request.path = kUsersPath;
    request.query = std::move(query);
    request.pages = pages;
    OktaReply *reply = deliver<Page<User>>(m_connection.send(std::move(request)), context,
                                           parseUserPages, std::move(done));
    m_latestSearch = reply;
    return reply;
}

OktaReply *UsersClient::search(const SearchExpression &expression, int limit, QObject *context,
                               Handler<Page<User>> done)
{
    QList<std::pair<QString, QString>> query;
    if (!expression.isEmpty())
        query.append({QStringLiteral("search"), expression.toString()});
    query.append({QStringLiteral("limit"), limitText(limit)});
    return startSearch(std::move(query), 1, context, std::move(done));
}

OktaReply *UsersClient::searchByText(const QString &text, int limit, QObject *context,
                                     Handler<Page<User>> done)
{
    return search(textSearchExpression(text), limit, context, std::move(done));
}

OktaReply *UsersClient::q(const QString &text, int limit, QObject *context,
                          Handler<Page<User>> done)
{
    return startSearch(
        {{QStringLiteral("q"), text.simplified()}, {QStringLiteral("limit"), limitText(limit)}}, 1,
        context, std::move(done));
}

OktaReply *UsersClient::searchAll(const SearchExpression &expression, QObject *context,
                                  Handler<Page<User>> done, int pageSize)
{
    QList<std::pair<QString, QString>> query;
    if (!expression.isEmpty())
        query.append({QStringLiteral("search"), expression.toString()});
    query.append({QStringLiteral("limit"), limitText(pageSize)});
    return startSearch(std::move(query), m_connection.options().maxPages, context, std::move(done));
}

OktaReply *UsersClient::nextPage(const QUrl &next, QObject *context, Handler<Page<User>> done)
{
    return deliverNextPage<User>(m_connection, next, context, parseUserPages, std::move(done));
}

OktaReply *UsersClient::getUser(const QString &segment, QObject *context, Handler<User> done)
{
    OktaRequest request;
    request.path = kUsersPath + QLatin1Char('/') + segment;
    return deliver<User>(m_connection.send(std::move(request)), context, parseObjectBody<User>,
                         std::move(done));
}

OktaReply *UsersClient::byIdOrLogin(const QString &idOrLogin, QObject *context, Handler<User> done)
{
    // "me" is not a login: /users/me means the caller. Empty ids would list users.
    if (idOrLogin.trimmed().isEmpty() || idOrLogin == QLatin1String("me")) {
        OktaError error =
            OktaError::make(OktaError::Kind::NotFound, QStringLiteral("empty or reserved user id"));
        return deliverFailure<User>(m_connection, context, std::move(error), std::move(done));
    }
    return getUser(userPathSegment(idOrLogin), context, std::move(done));
}

OktaReply *UsersClient::me(QObject *context, Handler<User> done)
{
    return getUser(QStringLiteral("me"), context, std::move(done));
}

} // namespace triage::okta
