#pragma once

#include "okta/OktaConnection.h"
#include "okta/Result.h"
#include "okta/SearchExpression.h"
#include "okta/User.h"

#include <QPointer>

namespace triage::okta {

// The Users API calls Access Triage makes. Every call returns its OktaReply (for cancel()) and
// answers `done` on `context`. search(), searchByText(), q() and searchAll() supersede each
// other: starting one cancels the previous, whose handler then never runs (search-as-you-type).
class UsersClient
{
public:
    static constexpr int kDefaultLimit = 20;
    static constexpr int kMaxLimit = 200;

    explicit UsersClient(OktaConnection &connection);

    OktaReply *search(const SearchExpression &expression, int limit, QObject *context,
                      Handler<Page<User>> done);
    // Prefix match on first name, last name, email and login; "ada love" also matches
    // first "ada" + last "love".
    OktaReply *searchByText(const QString &text, int limit, QObject *context,
                            Handler<Page<User>> done);
    // Okta's `q` (prefix on first/last name and email; no paging, no deprovisioned users).
    OktaReply *q(const QString &text, int limit, QObject *context, Handler<Page<User>> done);
    // Every page of a search, up to the connection's page cap (next is set if the cap cut it).
    OktaReply *searchAll(const SearchExpression &expression, QObject *context,
                         Handler<Page<User>> done, int pageSize = kMaxLimit);
    OktaReply *nextPage(const QUrl &next, QObject *context, Handler<Page<User>> done);

    OktaReply *byIdOrLogin(const QString &idOrLogin, QObject *context, Handler<User> done);
    OktaReply *me(QObject *context, Handler<User> done);

    static SearchExpression textSearchExpression(const QString &text);

private:
    OktaReply *startSearch(QList<std::pair<QString, QString>> query, int pages, QObject *context,
                           Handler<Page<User>> done);
    OktaReply *getUser(const QString &segment, QObject *context, Handler<User> done);

    OktaConnection &m_connection;
    QPointer<OktaReply> m_latestSearch;
};

} // namespace triage::okta
