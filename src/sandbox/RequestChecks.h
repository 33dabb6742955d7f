#pragma once

#include "sandbox/ApiTypes.h"

#include <optional>

namespace triage::sandbox {

// The checks every request goes through before any route sees it, in one place.
class RequestChecks
{
public:
    static constexpr qsizetype kMaxBodyBytes = 1024 * 1024;

    // `..`, `.`, encoded slashes or backslashes, NUL and control characters: 400.
    static std::optional<ApiResponse> checkPath(const QByteArray &rawPath);
    // Bodies over kMaxBodyBytes: 413.
    static std::optional<ApiResponse> checkBodySize(const QByteArray &body);
    // JSON routes: a body must be application/json and well-formed JSON, else 400 E0000003.
    static std::optional<ApiResponse> checkJsonBody(const ApiRequest &request);
    static ApiResponse malformedBody();
};

} // namespace triage::sandbox
