#include "ReviewDetailsDialog.h"

#include "ReviewListModel.h"
#include "StatusBadge.h"
#include "UserResultsModel.h"
#include "common/Clock.h"
#include "reviews/ReviewIndex.h"
#include "reviews/ReviewsClient.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace triage::ui {

namespace {
QString when(const QDateTime &utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat)
                         : QStringLiteral("—");
}

QLabel *plainLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // review and user names are data, never markup
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

const QStringList kOktaDomains{QStringLiteral(".okta.com"), QStringLiteral(".oktapreview.com"),
                               QStringLiteral(".okta-emea.com"), QStringLiteral(".okta-gov.com")};
} // namespace

QUrl ReviewDetailsDialog::adminConsoleUrl(const QUrl &orgUrl, const QString &reviewId)
{
    const QString host = orgUrl.host();
    for (const QString &domain : kOktaDomains) {
        if (host.endsWith(domain) && host.size() > domain.size()) {
            const QString org = host.left(host.size() - domain.size());
            if (org.contains(QLatin1Char('.')) || org.endsWith(QLatin1String("-admin")))
                break;
            QUrl admin;
            admin.setScheme(QStringLiteral("https"));
            admin.setHost(org + QStringLiteral("-admin") + domain);
            // Okta documents no deep link to one review; the governance page lists them.
            admin.setPath(QStringLiteral("/admin/governance/security-access-reviews/") + reviewId);
            return admin;
        }
    }
    return orgUrl;
}

ReviewDetailsDialog::ReviewDetailsDialog(okta::Review review, reviews::ReviewsClient &client,
                                         QString orgHost, QUrl orgUrl, const Clock &clock,
                                         QWidget *parent)
    : QDialog(parent)
    , m_review(std::move(review))
    , m_client(client)
    , m_orgHost(std::move(orgHost))
    , m_orgUrl(std::move(orgUrl))
    , m_clock(clock)
    , m_title(plainLabel(this))
    , m_status(new StatusBadgeWidget(this))
    , m_facts(plainLabel(this))
    , m_target(plainLabel(this))
    , m_reviewers(new QListWidget(this))
    , m_history(new QListWidget(this))
    , m_message(plainLabel(this))
    , m_closeReview(new QPushButton(tr("C&lose review…"), this))
{
    setWindowTitle(tr("Review details"));
    resize(640, 620);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_title->setFont(big);
    m_target->setAccessibleName(tr("Target user"));
    m_reviewers->setAccessibleName(tr("Reviewers"));
    m_reviewers->setIconSize(QSize(16, 16));
    m_reviewers->setWordWrap(true);
    m_history->setAccessibleName(tr("History"));
    m_message->setAccessibleName(tr("Message"));

    auto *targetBox = new QGroupBox(tr("Target"), this);
    (new QVBoxLayout(targetBox))->addWidget(m_target);
    auto *reviewersBox = new QGroupBox(tr("Re&viewers"), this);
    (new QVBoxLayout(reviewersBox))->addWidget(m_reviewers);
    auto *historyBox = new QGroupBox(tr("&History"), this);
    (new QVBoxLayout(historyBox))->addWidget(m_history);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy &id"), QDialogButtonBox::ActionRole);
    QPushButton *console =
        buttons->addButton(tr("Open in &Admin Console"), QDialogButtonBox::ActionRole);
    buttons->addButton(m_closeReview, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_status, 0, Qt::AlignVCenter);
    layout->addLayout(header);
    layout->addWidget(m_facts);
    layout->addWidget(targetBox);
    layout->addWidget(reviewersBox, 1);
    layout->addWidget(historyBox, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_review.id);
        m_message->setText(tr("Review id copied."));
    });
    connect(console, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(adminConsoleUrl(m_orgUrl, m_review.id)); });
    connect(m_closeReview, &QPushButton::clicked, this, &ReviewDetailsDialog::askCloseReview);
    showReview();
}

QString ReviewDetailsDialog::targetText() const
{
    return m_target->text();
}

void ReviewDetailsDialog::showReview()
{
    m_title->setText(m_review.name);
    const BadgeStyle badge = StatusBadge::forReview(m_review.status);
    m_status->setStyle(badge);
    m_facts->setText(tr("Status: %1\nId: %2\nCreated: %3\nEnds: %4 (%5 left)")
                         .arg(badge.text, m_review.id, when(m_review.created),
                              when(m_review.endTime),
                              ReviewListModel::timeLeftText(m_review.endTime, m_clock.now())));
    m_reviewers->clear();
    for (const okta::PrincipalProfile &profile : std::as_const(m_review.reviewers)) {
        auto *item = new QListWidgetItem(
            StatusBadge::forUser(profile.status).icon(),
            tr("%1 — %2 · %3")
                .arg(profile.displayName(),
                     UserResultsModel::contactLine(profile.login, profile.email), profile.status),
            m_reviewers);
        item->setData(Qt::UserRole, profile.id);
    }
    if (m_review.reviewers.isEmpty()) {
        for (const QString &id : std::as_const(m_review.reviewerIds))
            new QListWidgetItem(id, m_reviewers);
    }
    const bool closable = m_review.status == okta::ReviewStatus::Active ||
                          m_review.status == okta::ReviewStatus::Pending;
    m_closeReview->setEnabled(closable);
}

void ReviewDetailsDialog::showTarget(const QString &text)
{
    m_target->setText(text);
}

void ReviewDetailsDialog::load()
{
    std::optional<reviews::IndexedReview> known;
    if (m_index)
        known = m_index->review(m_orgHost, m_review.id);
    if (known) {
        showTarget(tr("%1\n%2 · remembered by this app when the review was created")
                       .arg(known->target.displayName, known->target.login));
        for (const reviews::StatusSighting &step : m_index->timeline(m_orgHost, m_review.id)) {
            new QListWidgetItem(tr("%1 — this app saw %2").arg(when(step.firstSeenAt), step.status),
                                m_history);
        }
    } else {
        showTarget(tr("Asking Okta…"));
        m_replies.append(m_client.principal(
            m_review.id, this, [this](const okta::Result<okta::ReviewPrincipal> &result) {
                if (!result.ok()) {
                    showTarget(tr("Unknown: %1").arg(result.error().message()));
                    return;
                }
                const okta::PrincipalProfile &p = result->profile;
                QString text = tr("%1\n%2 · %3")
                                   .arg(p.displayName(),
                                        UserResultsModel::contactLine(p.login, p.email), p.status);
                if (!result->department.isEmpty())
                    text += tr("\nDepartment: %1").arg(result->department);
                showTarget(text);
                emit targetKnown(m_review.id, p.displayName());
            }));
    }
    m_replies.append(m_client.history(
        m_review.id, this, [this](const okta::Result<okta::Page<okta::ReviewHistoryItem>> &result) {
            if (!result.ok()) {
                new QListWidgetItem(
                    tr("Okta's history could not be loaded: %1").arg(result.error().message()),
                    m_history);
                return;
            }
            for (const okta::ReviewHistoryItem &item : result->items) {
                const QString actor = item.actor ? item.actor->displayName()
                                                 : (item.systemGenerated ? tr("Okta") : QString());
                new QListWidgetItem(tr("%1 — %2%3")
                                        .arg(when(item.timestamp), item.message,
                                             actor.isEmpty() ? QString() : tr(" (%1)").arg(actor)),
                                    m_history);
            }
        }));
}

void ReviewDetailsDialog::askCloseReview()
{
    if (m_confirmation)
        return;
    m_confirmation = new QMessageBox(
        QMessageBox::Warning, tr("Close review"),
        tr("Close “%1” in %2? Reviewers can no longer act on it.").arg(m_review.name, m_orgHost),
        QMessageBox::Cancel, this);
    m_confirmation->setTextFormat(Qt::PlainText);
    QPushButton *go = m_confirmation->addButton(tr("C&lose review"), QMessageBox::DestructiveRole);
    m_confirmation->setDefaultButton(QMessageBox::Cancel);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QMessageBox::finished, this, [this, go] {
        const bool accepted = m_confirmation && m_confirmation->clickedButton() == go;
        m_confirmation.clear();
        if (accepted)
            closeReview();
    });
    m_confirmation->open();
}

void ReviewDetailsDialog::closeReview()
{
    m_closeReview->setEnabled(false);
    m_message->setText(tr("Closing…"));
    m_replies.append(
        m_client.close(m_review.id, this, [this](const okta::Result<okta::Done> &result) {
            if (!result.ok()) {
                const okta::OktaError::Kind kind = result.error().kind;
                if (kind == okta::OktaError::Kind::UnknownOutcome ||
                    kind == okta::OktaError::Kind::Timeout) {
                    // The org may have closed it: its status says, and closing twice is refused.
                    m_message->setText(tr("Okta's answer was lost; checking the review…"));
                    reread(true);
                    return;
                }
                fail(m_message, result.error());
                m_closeReview->setEnabled(true);
                return;
            }
            m_message->setText(tr("Review closed."));
            reread(false);
        }));
}

void ReviewDetailsDialog::reread(bool closeAnswerLost)
{
    m_replies.append(m_client.get(
        m_review.id, this, [this, closeAnswerLost](const okta::Result<okta::Review> &r) {
            if (!r.ok()) {
                if (closeAnswerLost) {
                    m_message->setText(
                        tr("Okta's answer was lost and the review could not be read again (%1). "
                           "Look at its status in the list before closing it again.")
                            .arg(r.error().message()));
                    m_closeReview->setEnabled(true);
                }
                return;
            }
            m_review = r.value();
            showReview(); // Close is on again only when the review is still open
            if (closeAnswerLost) {
                const bool closed = m_review.status == okta::ReviewStatus::Closed;
                m_message->setText(
                    closed ? tr("Review closed.")
                           : tr("Okta has not closed the review (status: %1). If it stays open, "
                                "you can close it again.")
                                 .arg(StatusBadge::forReview(m_review.status).text));
            }
            emit reviewChanged(m_review);
        }));
}

void ReviewDetailsDialog::fail(QLabel *where, const okta::OktaError &error)
{
    where->setText(error.message());
}

} // namespace triage::ui
