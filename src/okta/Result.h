#pragma once

#include "okta/OktaError.h"

#include <QList>
#include <QUrl>

#include <functional>
#include <variant>

namespace triage::okta {

// A value or the OktaError that prevented it.
template<typename T> class Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {}
    Result(OktaError error)
        : m_data(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_data); }
    const T *operator->() const { return &value(); }
    // Safe to call on success too (returns an empty error), so messages can be built eagerly.
    const OktaError &error() const
    {
        static const OktaError none;
        return ok() ? none : std::get<OktaError>(m_data);
    }

private:
    std::variant<T, OktaError> m_data;
};

// For calls whose success carries no data (close, comment).
struct Done
{};

// One page of a list, and where the next one is (empty at the end).
template<typename T> struct Page
{
    QList<T> items;
    QUrl next;
    bool hasMore() const { return !next.isEmpty(); }
};

template<typename T> using Handler = std::function<void(const Result<T> &)>;

} // namespace triage::okta
