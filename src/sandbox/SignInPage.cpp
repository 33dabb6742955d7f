#include "sandbox/SignInPage.h"

namespace triage::sandbox {

namespace {
// A small, self-contained style (no external resources): a centred card, readable in light and
// dark browser themes.
const char kStyle[] =
    ":root{color-scheme:light dark;font-family:system-ui,sans-serif}"
    "body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;"
    "background:Canvas}"
    "main{width:22rem;padding:2rem;border:1px solid #8884;border-radius:12px;"
    "box-shadow:0 4px 18px #0002}"
    "h1{font-size:1.35rem;margin:0 0 .5rem}"
    "label{display:block;margin:.8rem 0 .25rem;font-weight:600}"
    "input[type=text],input[type=password]{box-sizing:border-box;width:100%;padding:.55rem;"
    "border:1px solid #8888;border-radius:6px;font-size:1rem}"
    "button{margin-top:1rem;padding:.55rem 1.1rem;border-radius:6px;font-size:1rem;"
    "border:1px solid #1f5fa8;cursor:pointer}"
    "#okta-signin-submit{background:#1f5fa8;color:#fff;width:100%}"
    "#okta-signin-cancel{background:transparent;color:inherit;border-color:#8888;width:100%;"
    "margin-top:.5rem}"
    ".hint{background:#2f7fd81f;border-radius:6px;padding:.6rem;font-size:.9rem}"
    "#okta-signin-error,#okta-error-message{color:#c62828;font-weight:600}"
    "code{font-size:.85rem}";

QString page(const QString &title, const QString &content)
{
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>%1</title><style>%3</style></head><body>\n<main>\n<h1>%1</h1>\n"
                          "%2</main>\n</body></html>\n")
        .arg(title.toHtmlEscaped(), content, QLatin1String(kStyle));
}
} // namespace

QByteArray SignInPage::form(const QString &transactionId, const QString &clientId,
                            const Account &account, const QString &username,
                            const QString &errorMessage)
{
    const QString transaction = transactionId.toHtmlEscaped();
    QString content = QStringLiteral("<p class=\"hint\" id=\"okta-sandbox-account\">This is the "
                                     "sandbox org. Its analyst account: <b>%1</b>, password "
                                     "<b>%2</b>.</p>\n")
                          .arg(account.login.toHtmlEscaped(), account.password.toHtmlEscaped());
    if (!errorMessage.isEmpty()) {
        content += QStringLiteral("<p id=\"okta-signin-error\" role=\"alert\">%1</p>\n")
                       .arg(errorMessage.toHtmlEscaped());
    }
    content +=
        QStringLiteral(
            "<p>Application <code id=\"okta-client-id\">%1</code> asks you to sign in.</p>\n"
            "<form id=\"sign-in-form\" method=\"post\" action=\"/oauth2/v1/authorize\">\n"
            "<input type=\"hidden\" name=\"transaction_id\" value=\"%2\">\n"
            "<label for=\"okta-signin-username\">Username</label>\n"
            "<input type=\"text\" name=\"username\" id=\"okta-signin-username\" value=\"%3\" "
            "autocomplete=\"username\" required autofocus>\n"
            "<label for=\"okta-signin-password\">Password</label>\n"
            "<input type=\"password\" name=\"password\" id=\"okta-signin-password\" "
            "autocomplete=\"current-password\" required>\n"
            "<button type=\"submit\" id=\"okta-signin-submit\">Sign in</button>\n"
            "</form>\n"
            "<form id=\"cancel-form\" method=\"post\" action=\"/oauth2/v1/authorize\">\n"
            "<input type=\"hidden\" name=\"transaction_id\" value=\"%2\">\n"
            "<input type=\"hidden\" name=\"action\" value=\"cancel\">\n"
            "<button type=\"submit\" id=\"okta-signin-cancel\">Cancel</button>\n"
            "</form>\n")
            .arg(clientId.toHtmlEscaped(), transaction, username.toHtmlEscaped());
    return page(QStringLiteral("Sign in to the sandbox org"), content).toUtf8();
}

QByteArray SignInPage::errorPage(const QString &title, const QString &message)
{
    return page(
               title,
               QStringLiteral("<p id=\"okta-error-message\">%1</p>\n").arg(message.toHtmlEscaped()))
        .toUtf8();
}

} // namespace triage::sandbox
