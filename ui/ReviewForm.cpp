#include "ReviewForm.h"

#include "CreateOutcomeMessage.h"
#include "DraftModel.h"
#include "StatusBadge.h"
#include "common/Clock.h"
#include "common/Logging.h"
#include "reviews/ReviewCreator.h"
#include "reviews/ReviewDraft.h"
#include "reviews/ReviewIndex.h"

#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace triage::ui {

using reviews::DraftProblem;
using reviews::PreflightResult;
using reviews::ReviewDraft;

namespace {
QLabel *problemLabel(QWidget *parent, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAccessibleName(accessibleName);
    QPalette warn = label->palette();
    warn.setColor(QPalette::WindowText, StatusBadge::forReview(okta::ReviewStatus::Error).colour);
    label->setPalette(warn);
    label->hide();
    return label;
}

void showProblem(QLabel *label, const std::optional<DraftProblem> &problem)
{
    label->setText(problem ? problem->message() : QString());
    label->setVisible(bool(problem));
}

constexpr int kRecheckMs = 20000;

QString when(const QDateTime &utc)
{
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}
} // namespace

ReviewForm::ReviewForm(DraftModel &draft, reviews::ReviewCreator &creator,
                       reviews::PreflightCheck &preflight, QString orgHost, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_creator(creator)
    , m_preflight(preflight)
    , m_orgHost(std::move(orgHost))
    , m_name(new QLineEdit(this))
    , m_nameProblem(problemLabel(this, tr("Name problem")))
    , m_end(new QDateTimeEdit(this))
    , m_endProblem(problemLabel(this, tr("End date problem")))
    , m_defaultEnd(new QPushButton(
          tr("&Default (%n days)", nullptr, ReviewDraft::kDefaultDurationDays), this))
    , m_problems(new QLabel(this))
    , m_error(problemLabel(this, tr("Okta error")))
    , m_progress(new QLabel(this))
    , m_create(new QPushButton(tr("&Create review"), this))
    , m_checkAgain(new QPushButton(tr("Check &again"), this))
{
    m_name->setAccessibleName(tr("Review name"));
    m_end->setAccessibleName(tr("Review end date"));
    m_end->setCalendarPopup(true);
    m_end->setTimeSpec(Qt::LocalTime);
    m_defaultEnd->setToolTip(tr("End the review %n days from now, as Okta does by default.",
                                nullptr, ReviewDraft::kDefaultDurationDays));
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setWordWrap(true);
    m_problems->setAccessibleName(tr("What is missing"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->setFrameShape(QFrame::StyledPanel);
    m_error->setMargin(8);
    m_progress->setAccessibleName(tr("Progress"));
    m_create->setDefault(true);
    m_create->setToolTip(tr("Create the review (Ctrl+Enter)"));
    m_checkAgain->setToolTip(tr("Ask Okta again whether it created the review"));
    m_checkAgain->hide();
    m_recheck.setSingleShot(true);
    m_recheck.setInterval(kRecheckMs);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("Review &name:"), m_name);
    form->addRow(m_nameProblem);
    auto *endRow = new QHBoxLayout;
    endRow->addWidget(m_end, 1);
    endRow->addWidget(m_defaultEnd);
    auto *endLabel = new QLabel(tr("&Ends:"), this);
    endLabel->setBuddy(m_end);
    form->addRow(endLabel, endRow);
    form->addRow(m_endProblem);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_checkAgain);
    buttons->addWidget(m_create);
    m_progress->setWordWrap(true);
    m_progress->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_problems);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addStretch(1);

    connect(m_name, &QLineEdit::textEdited, this,
            [this](const QString &text) { m_draft.setName(text); });
    connect(m_end, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime &value) {
        if (!m_busy)
            m_draft.setEndTime(value);
    });
    connect(m_defaultEnd, &QPushButton::clicked, this, [this] {
        m_draft.setEndTime(m_draft.clock().now().addDays(ReviewDraft::kDefaultDurationDays));
    });
    connect(m_create, &QPushButton::clicked, this, &ReviewForm::requestCreate);
    connect(m_checkAgain, &QPushButton::clicked, this, &ReviewForm::checkAgain);
    connect(&m_recheck, &QTimer::timeout, this, &ReviewForm::checkAgain);
    connect(&m_creator, &reviews::ReviewCreator::reconciling, this, [this] {
        if (m_sent)
            setBusy(true, tr("Checking with Okta whether the review was created…"));
    });
    connect(&m_creator, &reviews::ReviewCreator::finished, this, &ReviewForm::onFinished);
    for (QKeySequence keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, &ReviewForm::requestCreate);
    }
    connect(&m_draft, &DraftModel::changed, this, &ReviewForm::syncFromDraft);
    connect(&m_preflight, &reviews::PreflightCheck::finished, this, &ReviewForm::onPreflight);
    syncFromDraft();
}

QString ReviewForm::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ReviewForm::problemsText() const
{
    return m_problems->text();
}

QString ReviewForm::progressText() const
{
    return m_progress->text();
}

void ReviewForm::setIndex(reviews::ReviewIndex *index)
{
    m_index = index;
}

void ReviewForm::addKnownReviewIds(const QSet<QString> &ids)
{
    m_creator.addKnownReviewIds(ids);
}

void ReviewForm::syncFromDraft()
{
    const ReviewDraft &draft = m_draft.draft();
    if (m_name->text() != draft.name())
        m_name->setText(draft.name());
    const QDateTime end = draft.endTime().toLocalTime();
    if (m_end->dateTime() != end) {
        const QSignalBlocker block(m_end);
        m_end->setDateTime(end);
    }
    updateProblems();
}

void ReviewForm::updateProblems()
{
    const ReviewDraft &draft = m_draft.draft();
    // Before a target is chosen the name is empty by design: no need to say so yet.
    const bool started = draft.target() || !draft.name().isEmpty();
    showProblem(m_nameProblem,
                started ? ReviewDraft::checkName(draft.name()) : std::optional<DraftProblem>());
    showProblem(m_endProblem, ReviewDraft::checkEndTime(draft.endTime(), m_draft.clock()));
    // The rest (target, reviewers) is shown beside those widgets; summarised here too so the
    // analyst knows why Create is off.
    QStringList others;
    for (const DraftProblem &problem : draft.problems()) {
        switch (problem.code) {
        case DraftProblem::Code::NameEmpty:
        case DraftProblem::Code::NameTooLong:
        case DraftProblem::Code::EndTimeMissing:
        case DraftProblem::Code::EndTimeTooSoon:
        case DraftProblem::Code::EndTimeTooLate:
            break;
        default:
            others.append(QStringLiteral("• ") + problem.message());
        }
    }
    m_problems->setText(others.join(QLatin1Char('\n')));
    m_problems->setVisible(!others.isEmpty());
    // While the org may hold a review it could not tell us about, a create could double it.
    const bool unknown = m_creator.hasUnknownOutcome();
    m_create->setEnabled(!m_busy && !unknown && draft.isReady());
    m_checkAgain->setVisible(unknown);
    m_checkAgain->setEnabled(!m_busy);
}

void ReviewForm::requestCreate()
{
    if (m_busy || m_confirmation || m_creator.hasUnknownOutcome())
        return;
    updateProblems();
    const ReviewDraft &draft = m_draft.draft();
    if (!draft.isReady())
        return; // the problems are on screen
    clearError();
    setBusy(true, tr("Checking the limits of %1…").arg(m_orgHost));
    m_preflight.start(draft.target()->id);
}

void ReviewForm::onPreflight(const PreflightResult &result)
{
    if (!m_busy || m_confirmation || m_sent)
        return; // not ours (someone else ran a check)
    switch (result.outcome) {
    case PreflightResult::Outcome::Ok:
        confirmAndCreate(result);
        return;
    case PreflightResult::Outcome::TargetLimit:
        setBusy(false);
        showError(tr("%1 already has %2 open reviews; Okta allows at most %3 per user.")
                      .arg(m_draft.draft().target()->displayName())
                      .arg(result.targetOpenCount())
                      .arg(reviews::PreflightCheck::kMaxOpenPerTarget),
                  {}, tr("Close one of them first."));
        return;
    case PreflightResult::Outcome::OrgLimit:
        setBusy(false);
        showError(tr("%1 already has %2 open reviews; Okta allows at most %3 per org.")
                      .arg(m_orgHost)
                      .arg(result.orgOpenCount)
                      .arg(reviews::PreflightCheck::kMaxOpenPerOrg),
                  {}, tr("Close some reviews first."));
        return;
    case PreflightResult::Outcome::Failed:
        break;
    }
    setBusy(false);
    const okta::OktaError error =
        result.error.value_or(okta::OktaError::make(okta::OktaError::Kind::BadResponse));
    showError(tr("The limits could not be checked: %1").arg(error.message()), {}, {});
    emit createFailed(error);
}

void ReviewForm::confirmAndCreate(const PreflightResult &result)
{
    const ReviewDraft &draft = m_draft.draft();
    QString text = tr("Start a security access review in %1?").arg(m_orgHost);
    QString details = tr("Name: %1\nTarget: %2 (%3)\nReviewers: %4\nEnds: %5")
                          .arg(draft.name().trimmed(), draft.target()->displayName(),
                               draft.target()->profile.login,
                               QString::number(draft.reviewers().size()), when(draft.endTime()));
    if (result.uncheckedReviews > 0)
        details += QLatin1Char('\n') +
                   tr("Open reviews whose target could not be checked: %1. Okta refuses the "
                      "review if the target is already at its limit.")
                       .arg(result.uncheckedReviews);
    m_confirmation = new QMessageBox(QMessageBox::Question, tr("Create review"), text,
                                     QMessageBox::Cancel, this);
    m_confirmation->setInformativeText(details);
    m_confirmation->setTextFormat(Qt::PlainText);
    QPushButton *go =
        m_confirmation->addButton(tr("&Create in %1").arg(m_orgHost), QMessageBox::AcceptRole);
    m_confirmation->setDefaultButton(go);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QMessageBox::finished, this, [this, go] {
        const bool accepted = m_confirmation && m_confirmation->clickedButton() == go;
        m_confirmation.clear();
        if (accepted)
            create();
        else
            setBusy(false);
    });
    m_confirmation->open(); // window-modal, no nested event loop
}

void ReviewForm::create()
{
    // Reviews this app already made for the org are never the one a lost answer was about.
    if (m_index) {
        QSet<QString> known;
        for (const reviews::IndexedReview &review : m_index->reviews(m_orgHost))
            known.insert(review.reviewId);
        m_creator.addKnownReviewIds(known);
    }
    m_sent = m_draft.draft();
    setBusy(true, tr("Creating the review in %1…").arg(m_orgHost));
    if (!m_creator.create(*m_sent)) {
        m_sent.reset();
        setBusy(false);
        showError(tr("Another review is still being created in %1; wait for it to finish.")
                      .arg(m_orgHost));
    }
}

void ReviewForm::checkAgain()
{
    if (m_busy || !m_sent)
        return;
    m_recheck.stop();
    clearError();
    m_creator.checkAgain(); // reconciling() makes the form busy
}

void ReviewForm::onFinished(const reviews::CreateOutcome &outcome)
{
    if (!m_sent)
        return; // a create this form did not start
    setBusy(false);
    using Kind = reviews::CreateOutcome::Kind;
    if (outcome.kind != Kind::Created || !outcome.review) {
        if (outcome.kind != Kind::Unknown)
            m_sent.reset();
        qCInfo(lcUi) << "create did not succeed:" << int(outcome.kind)
                     << okta::kindName(outcome.error.kind) << outcome.error.httpStatus
                     << outcome.error.errorCode;
        showError(CreateOutcomeMessage::fromOutcome(outcome).text());
        updateProblems(); // Create back on, or "Check again" instead
        if (outcome.kind == Kind::Unknown) {
            m_recheck.start();
            m_progress->setText(tr("Okta will be asked again in %n seconds.", nullptr,
                                   (m_recheck.interval() + 999) / 1000));
        }
        emit createFailed(outcome.error);
        return;
    }
    const okta::Review &review = *outcome.review;
    remember(review);
    const QString targetName = m_sent->target() ? m_sent->target()->displayName() : QString();
    m_sent.reset();
    clearError();
    QString done = tr("Created “%1”.").arg(review.name);
    if (outcome.reconciled)
        done += QLatin1Char(' ') + outcome.message();
    emit reviewCreated(review, targetName);
    m_draft.reset();
    updateProblems();
    m_progress->setText(done);
}

void ReviewForm::remember(const okta::Review &review)
{
    if (!m_index)
        return;
    // What was sent, not what the draft holds now: the analyst may have moved on meanwhile.
    const ReviewDraft &draft = m_sent ? *m_sent : m_draft.draft();
    reviews::IndexedReview record;
    record.reviewId = review.id;
    record.orgHost = m_orgHost;
    record.name = review.name;
    record.target = {draft.target()->id, draft.target()->displayName(),
                     draft.target()->profile.login};
    for (const okta::User &reviewer : draft.reviewers())
        record.reviewers.append({reviewer.id, reviewer.displayName(), reviewer.profile.login});
    record.created = review.created;
    record.endTime = review.endTime;
    record.status = review.statusText;
    record.statusSeenAt = m_draft.clock().now();
    if (!m_index->recordCreated(record))
        qCWarning(lcUi) << "could not remember the review locally:" << m_index->lastError();
}

void ReviewForm::showError(const QString &headline, const QStringList &causes,
                           const QString &footnote)
{
    showError(CreateOutcomeMessage{headline, causes, footnote}.text());
}

void ReviewForm::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
    m_progress->clear();
}

void ReviewForm::clearError()
{
    m_error->clear();
    m_error->hide();
}

void ReviewForm::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    m_progress->setText(what);
    // The fields stay as typed, only locked while a request is out.
    m_name->setEnabled(!busy);
    m_end->setEnabled(!busy);
    m_defaultEnd->setEnabled(!busy);
    updateProblems();
}

} // namespace triage::ui
