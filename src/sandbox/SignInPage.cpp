#include "sandbox/SignInPage.h"

namespace triage::sandbox {

namespace {
QString page(const QString &title, const QString &content)
{
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>%1</title></head><body>\n<main>\n<h1>%1</h1>\n%2</main>\n"
                          "</body></html>\n")
        .arg(title.toHtmlEscaped(), content);
}
} // namespace

QByteArray SignInPage::form(const QString &transactionId, const QString &clientId,
                            const QString &username, const QString &errorMessage)
{
    const QString transaction = transactionId.toHtmlEscaped();
    QString content;
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
            "autocomplete=\"username\" required>\n"
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
