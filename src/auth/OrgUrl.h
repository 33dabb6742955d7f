#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace triage::auth {

// The address of an Okta org, normalised to `https://host` (lower-case, internationalised names
// in punycode so look-alike letters show as xn--...). Everything that could send the user's
// credentials somewhere other than the org they meant is refused with a message saying why:
// user info, paths, queries, fragments, other schemes, whitespace, IP literals, ports.
// The local sandbox org is the one exception: `http://127.0.0.1:PORT` or `http://localhost:PORT`
// when the caller says it is the sandbox.
class OrgUrl
{
    Q_DECLARE_TR_FUNCTIONS(triage::auth::OrgUrl)
public:
    enum class Kind { OktaOrg, Sandbox };

    OrgUrl() = default;
    // Accepts `acme.okta.com`, `https://acme.okta.com/`, custom domains, ...
    static OrgUrl fromUserInput(const QString &text, Kind kind = Kind::OktaOrg);

    bool isValid() const { return m_error.isEmpty() && m_url.isValid(); }
    QString errorString() const { return m_error; } // empty when valid; user-facing (tr)
    QUrl url() const { return m_url; }              // https://host (no trailing slash)
    QString toString() const { return m_url.toString(QUrl::FullyEncoded); }
    QString host() const { return m_url.host(QUrl::FullyEncoded); } // ASCII (punycode)
    bool isSandbox() const { return m_sandbox; }

    // The URL of a path on this org, e.g. "/.well-known/openid-configuration".
    QUrl resolved(const QString &path) const;

private:
    static OrgUrl refused(const QString &why);

    QUrl m_url;
    QString m_error;
    bool m_sandbox = false;
};

} // namespace triage::auth
