#pragma once

#include <QString>

namespace triage::okta {

// Ids are checked before they enter a URL path, so a hostile value can't change the path.
// Okta ids are 20 letters and digits (00u... users, sar... reviews).
bool isValidOktaId(const QString &id);
bool isValidUserId(const QString &id);   // 00u + 17
bool isValidReviewId(const QString &id); // 20 letters and digits

// A path segment for a user: the id as is, a login percent-encoded ('/' included).
QString userPathSegment(const QString &idOrLogin);

} // namespace triage::okta
