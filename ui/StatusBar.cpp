#include "StatusBar.h"

#include "AppController.h"
#include "common/Clock.h"
#include "okta/OktaConnection.h"

#include <QApplication>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>

namespace triage::ui {

namespace {
QPixmap swatch(const QColor &colour, qreal dpr)
{
    const int side = 12;
    QPixmap pixmap(QSize(side, side) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour.darker(130));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(0.5, 0.5, side - 1, side - 1));
    return pixmap;
}
} // namespace

StatusBar::StatusBar(OrgServices &org, QWidget *parent)
    : QStatusBar(parent)
    , m_org(org)
    , m_swatch(new QLabel(this))
    , m_orgHost(new QLabel(this))
    , m_user(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_refreshed(new QLabel(this))
    , m_signOut(new QPushButton(tr("Sign &out"), this))
{
    setSizeGripEnabled(false);
    const auth::OrgProfile &profile = org.profile();
    const QColor colour(profile.colour.isEmpty() ? QStringLiteral("#7f8c8d") : profile.colour);
    m_swatch->setPixmap(swatch(colour, qApp->devicePixelRatio()));
    m_swatch->setAccessibleName(tr("Profile colour"));
    m_orgHost->setText(tr("%1 · %2").arg(profile.displayName, org.orgHost()));
    m_orgHost->setAccessibleName(tr("Org"));
    m_orgHost->setToolTip(profile.org().toString());
    m_user->setAccessibleName(tr("Signed-in user"));
    m_rate->setAccessibleName(tr("Rate-limit headroom"));
    m_rate->setToolTip(tr("Calls left in this minute for the last kind of call Okta counted"));
    m_refreshed->setAccessibleName(tr("Last refresh"));
    m_signOut->setIcon(QIcon(QStringLiteral(":/icons/sign-out.svg")));
    m_signOut->setFlat(true);
    m_signOut->setAccessibleName(tr("Sign out"));
    m_signOut->setToolTip(tr("Sign out: revoke the tokens and forget the stored sign-in"));
    m_rate->setText(tr("API budget: –"));
    m_refreshed->setText(tr("Not refreshed yet"));

    addWidget(m_swatch);
    addWidget(m_orgHost);
    addWidget(m_user, 1);
    addPermanentWidget(m_rate);
    addPermanentWidget(m_refreshed);
    addPermanentWidget(m_signOut);

    connect(m_signOut, &QPushButton::clicked, this, &StatusBar::signOutRequested);
    connect(&org.session(), &auth::Session::stateChanged, this,
            [this](auth::Session::State state) { onSessionState(state); });
    connect(&org.connection(), &okta::OktaConnection::rateLimitChanged, this,
            &StatusBar::onRateLimit);
    onSessionState(org.session().state());
}

void StatusBar::onSessionState(auth::Session::State state)
{
    const QString who = m_org.session().userName();
    switch (state) {
    case auth::Session::State::SignedIn:
    case auth::Session::State::Refreshing:
        // Renewal failing with the access token expired: the banner says why; here, in short.
        if (m_org.session().isReconnecting())
            m_user->setText(tr("Can't reach Okta, retrying"));
        else
            m_user->setText(who.isEmpty() ? tr("Signed in") : tr("Signed in as %1").arg(who));
        break;
    case auth::Session::State::KeychainUnavailable:
        m_user->setText(tr("Keychain unavailable"));
        break;
    case auth::Session::State::SignInRequired:
        m_user->setText(tr("Sign-in needed"));
        break;
    case auth::Session::State::SignedOut:
        m_user->setText(tr("Signed out"));
        break;
    }
    m_signOut->setEnabled(state != auth::Session::State::SignedOut);
}

void StatusBar::onRateLimit(const okta::RateLimit &rate)
{
    m_rate->setText(tr("API budget: %1 / %2").arg(rate.remaining).arg(rate.limit));
    m_rate->setToolTip(
        tr("%1 calls left of %2 for %3 until %4")
            .arg(rate.remaining)
            .arg(rate.limit)
            .arg(rate.family,
                 QLocale().toString(rate.resetLocal.toLocalTime().time(), QLocale::ShortFormat)));
}

void StatusBar::setLastRefresh(const QDateTime &when)
{
    m_refreshed->setText(
        tr("Refreshed %1")
            .arg(QLocale().toString(when.toLocalTime().time(), QStringLiteral("HH:mm:ss"))));
}

QString StatusBar::orgText() const
{
    return m_orgHost->text();
}

QString StatusBar::userText() const
{
    return m_user->text();
}

QString StatusBar::rateLimitText() const
{
    return m_rate->text();
}

QString StatusBar::lastRefreshText() const
{
    return m_refreshed->text();
}

} // namespace triage::ui
