#pragma once

#include "sandbox/SandboxUser.h"

#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>

namespace triage::sandbox {

// A user property that search, filter and sortBy can name: the top-level ones (id, status,
// dates, type.id) and the profile attributes. Names are case-sensitive, as in Okta.
class UserAttribute
{
public:
    static std::optional<UserAttribute> byName(const QString &name);

    QString name() const;
    bool isDate() const;
    QString text(const SandboxUser &user) const;   // string attributes; empty when unset
    QDateTime date(const SandboxUser &user) const; // date attributes; null when unset
    bool isPresent(const SandboxUser &user) const; // Okta's "pr": set and not empty
    // Orders two users by this attribute (unset first, strings case-insensitively).
    int compare(const SandboxUser &a, const SandboxUser &b) const;

private:
    explicit UserAttribute(int index)
        : m_index(index)
    {}
    int m_index;
};

// Where and why an expression was refused; position is a 0-based character offset.
struct QueryError
{
    int position = -1;
    QString message;
};

// The Users API's query languages, parsed once and evaluated per user.
// - Search: eq, sw, co (only firstName, lastName, email, login), gt, ge, lt, le, pr; and, or,
//   parentheses ("and" binds tighter); values case-insensitive; "not" and "ne" are refused as
//   Okta refuses them.
// - Filter: eq on status, lastUpdated, id, profile.login/email/firstName/lastName, plus
//   gt/ge/lt/le on lastUpdated; and, or, parentheses; values case-sensitive (Okta documents it).
// - Prefix (the q parameter): starts-with on firstName, lastName or email, case-insensitive.
// String literals are JSON strings: \" and \\ (and the other JSON escapes) inside double quotes.
class UserQuery
{
public:
    enum class Language { Search, Filter };

    static UserQuery parse(const QString &expression, Language language);
    static UserQuery prefix(const QString &q);

    bool isValid() const { return m_root != nullptr; }
    const QueryError &error() const { return m_error; }
    bool matches(const SandboxUser &user) const;

    struct Node; // the parsed tree, private to UserQuery.cpp

private:
    std::shared_ptr<const Node> m_root;
    QueryError m_error;
};

} // namespace triage::sandbox
