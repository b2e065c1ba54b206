#include "dialogs/ConnectionTestDialog.h"

#include "AppContext.h"
#include "StatusStyle.h"
#include "db/Database.h"
#include "services/ConnectionTestRunner.h"

#include <QApplication>
#include <QClipboard>
#include <QCoro/QCoroTask>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace ic::ui {

namespace {

enum StepColumn { TitleColumn, StatusColumn, DurationColumn, ResultColumn, StepColumnCount };

constexpr int kVerdictIconSize = 24;

/// The runner owns references only (database, secret store, registry, all of which outlive the window); the
/// coroutine owns the runner, so closing the dialog cannot pull it from under a test in flight.
QCoro::Task<Result<services::ConnectionTestReport>>
runConnectionTest(std::shared_ptr<services::ConnectionTestRunner> runner, QString serviceName,
                  std::function<void(const services::TestStep &)> progress)
{
    services::ConnectionTestOptions options;
    co_return co_await runner->run(std::move(serviceName), std::move(options), std::move(progress));
}

QString durationText(std::chrono::milliseconds duration)
{
    if (duration.count() < 1000) {
        return ConnectionTestDialog::tr("%1 ms").arg(duration.count());
    }
    return ConnectionTestDialog::tr("%1 s").arg(QLocale().toString(double(duration.count()) / 1000.0, 'f', 1));
}

} // namespace

ConnectionTestDialog::ConnectionTestDialog(AppContext &context, QString serviceName, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_serviceName(std::move(serviceName))
{
    setObjectName(QStringLiteral("connectionTestDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Connection test: %1").arg(m_serviceName));
    setAccessibleName(windowTitle());

    m_verdictIcon = new QLabel;
    m_verdictIcon->setObjectName(QStringLiteral("testVerdictIcon"));
    m_verdictIcon->setFixedSize(kVerdictIconSize, kVerdictIconSize);
    m_verdict = new QLabel;
    m_verdict->setObjectName(QStringLiteral("testVerdict"));
    m_verdict->setAccessibleName(tr("Verdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    m_verdict->setFont(verdictFont);
    auto *verdictRow = new QHBoxLayout;
    verdictRow->addWidget(m_verdictIcon, 0, Qt::AlignTop);
    verdictRow->addWidget(m_verdict, 1);

    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("testProgress"));
    m_progress->setAccessibleName(tr("Test in progress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);

    m_steps = new QTreeWidget;
    m_steps->setObjectName(QStringLiteral("testSteps"));
    m_steps->setAccessibleName(tr("Steps of the connection test"));
    m_steps->setColumnCount(StepColumnCount);
    m_steps->setHeaderLabels({tr("Step"), tr("Status"), tr("Duration"), tr("Result")});
    m_steps->setRootIsDecorated(true);
    m_steps->setWordWrap(true);
    m_steps->setAlternatingRowColors(true);
    m_steps->header()->setSectionResizeMode(TitleColumn, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(DurationColumn, QHeaderView::ResizeToContents);
    m_steps->header()->setStretchLastSection(true);

    m_detail = new QLabel;
    m_detail->setObjectName(QStringLiteral("testStepDetail"));
    m_detail->setAccessibleName(tr("Details of the selected step"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_detail->setMinimumHeight(m_detail->fontMetrics().lineSpacing() * 4);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_detail->setFrameShape(QFrame::StyledPanel);
    m_detail->setMargin(6);
    connect(m_steps, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) { showDetail(current); });

    auto *buttons = new QDialogButtonBox;
    m_copy = buttons->addButton(tr("&Copy as text"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("testCopy"));
    m_copy->setAccessibleName(tr("Copy the report as text"));
    m_copy->setToolTip(tr("Puts the whole report on the clipboard, e.g. for a support ticket"));
    m_rerun = buttons->addButton(tr("&Test again"), QDialogButtonBox::ActionRole);
    m_rerun->setObjectName(QStringLiteral("testRerun"));
    m_rerun->setAccessibleName(tr("Test again"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("testClose"));
    m_close->setAccessibleName(tr("Close"));
    connect(m_copy, &QPushButton::clicked, this, &ConnectionTestDialog::copyAsText);
    connect(m_rerun, &QPushButton::clicked, this, &ConnectionTestDialog::start);
    connect(m_close, &QPushButton::clicked, this, &ConnectionTestDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(verdictRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_detail);
    layout->addWidget(buttons);
    setTabOrder(m_steps, m_copy);
    setTabOrder(m_copy, m_rerun);
    setTabOrder(m_rerun, m_close);
    resize(820, 480);
}

void ConnectionTestDialog::start()
{
    if (m_running) {
        return;
    }
    db::Database *database = m_context.database();
    if (!database) {
        showResult(Error::make(ErrorCode::DatabaseUnavailable, tr("Not connected to a database.")));
        return;
    }
    m_running = true;
    m_report.reset();
    m_steps->clear();
    m_shown.clear();
    m_detail->clear();
    m_copy->setEnabled(false);
    m_rerun->setEnabled(false);
    m_progress->show();
    const StatusStyle running = runningStyle();
    m_verdictIcon->setPixmap(running.icon.pixmap(kVerdictIconSize, kVerdictIconSize));
    m_verdict->setText(tr("Testing %1… the steps appear as they finish.").arg(m_serviceName));
    QPalette palette = m_verdict->palette();
    palette.setColor(QPalette::WindowText, running.color);
    m_verdict->setPalette(palette);
    m_close->setFocus();

    auto runner = std::make_shared<services::ConnectionTestRunner>(
        *database, m_context.databasePassword(), m_context.secrets(), m_context.tenant(), m_context.registry());
    // Steps are reported on this thread while the test runs; the dialog may be gone by then.
    QPointer<ConnectionTestDialog> guard(this);
    auto progress = [guard](const services::TestStep &step) {
        if (guard) {
            guard->showStep(step);
        }
    };
    // The result is wanted even when the dialog was closed: the page shows the new status.
    QPointer<AppContext> context(&m_context);
    QCoro::connect(runConnectionTest(std::move(runner), m_serviceName, std::move(progress)), &m_context,
                   [guard, context](const Result<services::ConnectionTestReport> &result) {
                       if (guard) {
                           guard->showResult(result);
                       }
                       if (context) {
                           context->notifyServicesChanged();
                       }
                   });
    // The runner marked the service "testing" before its first network call.
    m_context.notifyServicesChanged();
}

void ConnectionTestDialog::showStep(const services::TestStep &step)
{
    const StatusStyle style = stepStatusStyle(step.status);
    auto *item = new QTreeWidgetItem(m_steps);
    item->setData(TitleColumn, Qt::UserRole, int(m_shown.size()));
    m_shown.append(step);
    item->setText(TitleColumn, step.title);
    item->setIcon(StatusColumn, style.icon);
    item->setText(StatusColumn, step.required || step.status != services::StepStatus::Failed
                                    ? style.text
                                    : tr("%1 (optional)").arg(style.text));
    item->setForeground(StatusColumn, style.color);
    item->setText(DurationColumn,
                  step.status == services::StepStatus::Skipped ? QString() : durationText(step.duration));
    item->setTextAlignment(DurationColumn, Qt::AlignRight | Qt::AlignVCenter);
    item->setText(ResultColumn, step.summary);
    item->setToolTip(ResultColumn, step.summary);
    if (step.error) {
        auto *error = new QTreeWidgetItem(item);
        error->setText(TitleColumn, tr("Error"));
        const QString detail = step.error->detail.isEmpty()
                                   ? step.error->message
                                   : tr("%1 (%2)").arg(step.error->message, step.error->detail);
        error->setText(ResultColumn, detail);
        error->setToolTip(ResultColumn, detail);
        error->setForeground(ResultColumn, style.color);
        if (!step.error->hint.isEmpty()) {
            auto *hint = new QTreeWidgetItem(item);
            hint->setText(TitleColumn, tr("What to do"));
            hint->setText(ResultColumn, step.error->hint);
            hint->setToolTip(ResultColumn, step.error->hint);
        }
        item->setExpanded(true);
    }
    m_steps->scrollToItem(item);
    Q_EMIT stepShown(step.id);
}

void ConnectionTestDialog::showResult(const Result<services::ConnectionTestReport> &result)
{
    m_running = false;
    m_progress->hide();
    m_rerun->setEnabled(true);
    if (!result) {
        const StatusStyle failed = testOutcomeStyle(services::TestOutcome::Failed);
        m_verdictIcon->setPixmap(failed.icon.pixmap(kVerdictIconSize, kVerdictIconSize));
        QString text = tr("The test could not run: %1").arg(result.error().message);
        if (!result.error().hint.isEmpty()) {
            text += u'\n' + result.error().hint;
        }
        m_verdict->setText(text);
        QPalette palette = m_verdict->palette();
        palette.setColor(QPalette::WindowText, failed.color);
        m_verdict->setPalette(palette);
        Q_EMIT testFinished();
        return;
    }
    m_report = result.value();
    // Steps the progress callback did not report (a connector that reports only at the end) still show.
    if (m_steps->topLevelItemCount() != m_report->steps.size()) {
        m_steps->clear();
        m_shown.clear();
        for (const services::TestStep &step : m_report->steps) {
            showStep(step);
        }
    }
    const StatusStyle verdict = testOutcomeStyle(m_report->outcome());
    m_verdictIcon->setPixmap(verdict.icon.pixmap(kVerdictIconSize, kVerdictIconSize));
    const qint64 ms = m_report->startedAt.msecsTo(m_report->finishedAt);
    m_verdict->setText(tr("%1 (%2 steps in %3)")
                           .arg(verdict.text)
                           .arg(m_report->steps.size())
                           .arg(durationText(std::chrono::milliseconds(ms))));
    QPalette palette = m_verdict->palette();
    palette.setColor(QPalette::WindowText, verdict.color);
    m_verdict->setPalette(palette);
    m_copy->setEnabled(true);
    // The first step that needs attention is the one to read.
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i) {
        const services::StepStatus status = m_shown.value(i).status;
        if (status == services::StepStatus::Failed || status == services::StepStatus::Warning) {
            m_steps->setCurrentItem(m_steps->topLevelItem(i));
            break;
        }
    }
    Q_EMIT testFinished();
}

void ConnectionTestDialog::showDetail(const QTreeWidgetItem *item)
{
    if (item && item->parent()) {
        item = item->parent();
    }
    const int index = item ? item->data(TitleColumn, Qt::UserRole).toInt() : -1;
    if (index < 0 || index >= m_shown.size()) {
        m_detail->clear();
        return;
    }
    const services::TestStep &step = m_shown.at(index);
    QStringList lines{tr("%1: %2").arg(step.title, stepStatusStyle(step.status).text)};
    if (!step.summary.isEmpty()) {
        lines << step.summary;
    }
    if (step.error) {
        lines << (step.error->detail.isEmpty() ? step.error->message
                                               : tr("%1 (%2)").arg(step.error->message, step.error->detail));
        if (!step.error->hint.isEmpty()) {
            lines << tr("What to do: %1").arg(step.error->hint);
        }
    }
    m_detail->setText(lines.join(u'\n'));
}

void ConnectionTestDialog::copyAsText()
{
    if (m_report) {
        QApplication::clipboard()->setText(m_report->toText());
    }
}

} // namespace ic::ui
