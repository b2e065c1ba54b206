#include "pages/SyncPage.h"

#include "AppContext.h"
#include "Format.h"
#include "db/Database.h"
#include "db/Repositories.h"
#include "db/SyncRunRepository.h"
#include "dialogs/SyncPlanDialog.h"
#include "services/ServiceConfigService.h"
#include "services/ServiceTypeRegistry.h"
#include "sync/SyncHealth.h"
#include "sync/SyncWorker.h"
#include "widgets/RunChart.h"

#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace ic::ui {

namespace {

constexpr int kRefreshMs = 10000;
constexpr int kChartRuns = 20;

QString typeTitle(const QString &syncType)
{
    if (syncType == u"department") {
        return SyncPage::tr("Departments");
    }
    if (syncType == u"user") {
        return SyncPage::tr("Staff");
    }
    if (syncType == u"customer") {
        return SyncPage::tr("Customers");
    }
    if (syncType == u"full") {
        return SyncPage::tr("Everything (full)");
    }
    return syncType;
}

QString modeText(sync::SyncMode mode)
{
    return mode == sync::SyncMode::Full ? SyncPage::tr("full") : SyncPage::tr("incremental");
}

QString countsText(const db::SyncCounts &counts)
{
    const QLocale locale;
    QString text =
        SyncPage::tr("%1 fetched, %2 created, %3 updated, %4 deleted, %5 unchanged")
            .arg(locale.toString(counts.fetched), locale.toString(counts.created), locale.toString(counts.updated),
                 locale.toString(counts.deleted), locale.toString(counts.unchanged));
    if (counts.failed > 0) {
        text += SyncPage::tr(", %1 failed").arg(locale.toString(counts.failed));
    }
    return text;
}

QString etaText(qint64 ms)
{
    const qint64 seconds = (ms + 999) / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString colouredStyle(const QColor &colour)
{
    return QStringLiteral("color: %1; font-weight: bold;").arg(colour.name());
}

} // namespace

/// The widgets of one sync type's card.
struct SyncCard {
    QString syncType;
    QFrame *frame = nullptr;
    QLabel *status = nullptr;
    QLabel *when = nullptr;
    QLabel *duration = nullptr;
    QLabel *counts = nullptr;
    QLabel *reason = nullptr;
    QLabel *message = nullptr;
    RunChart *chart = nullptr;
    QPushButton *incremental = nullptr;
    QPushButton *full = nullptr;
    QPushButton *dryRun = nullptr;
    QWidget *progress = nullptr;
    QLabel *progressText = nullptr;
    QProgressBar *progressBar = nullptr;
    QPushButton *cancel = nullptr;
};

SyncPage::SyncPage(AppContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("syncPage"));

    auto *serviceLabel = new QLabel(tr("&Service:"));
    m_service = new QComboBox;
    m_service->setObjectName(QStringLiteral("syncService"));
    m_service->setAccessibleName(tr("Service to sync"));
    m_service->setMinimumContentsLength(24);
    serviceLabel->setBuddy(m_service);
    m_serviceNote = new QLabel;
    m_serviceNote->setObjectName(QStringLiteral("syncServiceNote"));
    m_serviceNote->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(serviceLabel);
    top->addWidget(m_service);
    top->addWidget(m_serviceNote, 1);

    m_cardArea = new QWidget;
    m_cardArea->setObjectName(QStringLiteral("syncCards"));
    m_cardGrid = new QGridLayout(m_cardArea);
    m_cardGrid->setContentsMargins(0, 0, 0, 0);
    m_cardGrid->setSpacing(12);
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("syncScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_cardArea);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);

    m_worker = new sync::SyncWorker(this);
    connect(m_worker, &sync::SyncWorker::progressed, this, &SyncPage::showProgress);
    connect(m_worker, &sync::SyncWorker::succeeded, this, &SyncPage::runSucceeded);
    connect(m_worker, &sync::SyncWorker::failed, this, &SyncPage::runFailed);
    connect(m_worker, &sync::SyncWorker::finished, this, &SyncPage::runEnded);

    connect(m_service, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_running) {
            refresh();
        }
    });
    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &SyncPage::refresh);
    connect(&context, &AppContext::runsChanged, this, [this] {
        if (isVisible()) {
            refresh();
        }
    });
    connect(&context, &AppContext::servicesChanged, this, [this] {
        if (isVisible()) {
            refresh();
        }
    });
}

SyncPage::~SyncPage()
{
    // The worker (a child) cancels a running sync and waits for its thread. The count of running syncs is not
    // lowered here: the page goes with its window, whose status bar is being destroyed too.
    qDeleteAll(m_cards);
}

QString SyncPage::title() const
{
    return tr("Sync");
}

QIcon SyncPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/navigation/sync.svg"));
}

void SyncPage::activate()
{
    refresh();
}

void SyncPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    m_timer->start();
}

void SyncPage::hideEvent(QHideEvent *event)
{
    Page::hideEvent(event);
    m_timer->stop();
}

QString SyncPage::currentService() const
{
    return m_service->currentData().toString();
}

bool SyncPage::selectService(const QString &name)
{
    const int index = m_service->findData(name);
    if (index < 0 || m_running) {
        return false;
    }
    m_service->setCurrentIndex(index);
    refresh();
    return true;
}

void SyncPage::refresh()
{
    reloadServices();
    refreshCards();
    updateButtons();
}

void SyncPage::reloadServices()
{
    db::Database *database = context().database();
    const QString chosen = currentService();
    const QSignalBlocker blocker(m_service);
    if (m_running) {
        return; // the running service stays chosen
    }
    m_service->clear();
    if (database == nullptr) {
        m_serviceNote->setText(tr("Not connected to a database."));
        return;
    }
    services::ServiceConfigService services(*database, context().secrets(), context().tenant());
    Result<QList<db::ServiceConfigRecord>> listed = services.list();
    if (!listed) {
        m_serviceNote->setText(tr("The services cannot be read: %1").arg(listed.error().message));
        return;
    }
    for (const db::ServiceConfigRecord &service : listed.value()) {
        const services::ServiceType *type = context().registry().find(service.type);
        if (type == nullptr || !type->sync.isValid()) {
            continue; // nothing to sync (SMS, e-mail ...)
        }
        m_service->addItem(QStringLiteral("%1 (%2)").arg(service.name, service.type), service.name);
    }
    const int index = m_service->findData(chosen);
    m_service->setCurrentIndex(index >= 0 ? index : (m_service->count() > 0 ? 0 : -1));
}

void SyncPage::rebuildCards(const QStringList &types)
{
    if (types == m_cardTypes) {
        return;
    }
    for (SyncCard *old : std::as_const(m_cards)) {
        delete old->frame;
    }
    qDeleteAll(m_cards);
    m_cards.clear();
    m_cardTypes = types;
    int index = 0;
    for (const QString &syncType : types) {
        auto *card = new SyncCard;
        card->syncType = syncType;
        card->frame = new QFrame;
        card->frame->setObjectName(QStringLiteral("syncCard_") + syncType);
        card->frame->setFrameShape(QFrame::StyledPanel);
        card->frame->setAccessibleName(tr("%1 sync").arg(typeTitle(syncType)));

        auto *title = new QLabel(typeTitle(syncType));
        QFont titleFont = title->font();
        titleFont.setBold(true);
        titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
        title->setFont(titleFont);
        card->status = new QLabel;
        card->status->setObjectName(QStringLiteral("cardStatus"));
        auto *header = new QHBoxLayout;
        header->addWidget(title);
        header->addStretch(1);
        header->addWidget(card->status);

        auto makeLabel = [](const QString &name) {
            auto *label = new QLabel;
            label->setObjectName(name);
            label->setWordWrap(true);
            label->setTextInteractionFlags(Qt::TextSelectableByMouse);
            return label;
        };
        card->when = makeLabel(QStringLiteral("cardWhen"));
        card->duration = makeLabel(QStringLiteral("cardDuration"));
        card->counts = makeLabel(QStringLiteral("cardCounts"));
        card->reason = makeLabel(QStringLiteral("cardReason"));
        card->message = makeLabel(QStringLiteral("cardMessage"));
        card->message->hide();
        card->chart = new RunChart;
        card->chart->setObjectName(QStringLiteral("cardChart"));

        card->incremental = new QPushButton(tr("Run &incremental"));
        card->incremental->setObjectName(QStringLiteral("runIncremental"));
        card->incremental->setToolTip(tr("Fetch, compare and write only what is new or changed"));
        card->full = new QPushButton(tr("Run &full"));
        card->full->setObjectName(QStringLiteral("runFull"));
        card->full->setToolTip(tr("Rewrite every row whatever its hash; repairs drift"));
        card->dryRun = new QPushButton(tr("&Dry run"));
        card->dryRun->setObjectName(QStringLiteral("dryRun"));
        card->dryRun->setToolTip(tr("Fetch and compare, write nothing, and show what a real run would change"));
        connect(card->incremental, &QPushButton::clicked, this,
                [this, syncType] { startSync(syncType, sync::SyncMode::Incremental, false); });
        connect(card->full, &QPushButton::clicked, this,
                [this, syncType] { startSync(syncType, sync::SyncMode::Full, false); });
        connect(card->dryRun, &QPushButton::clicked, this,
                [this, syncType] { startSync(syncType, sync::SyncMode::Incremental, true); });
        auto *buttons = new QHBoxLayout;
        buttons->addWidget(card->incremental);
        buttons->addWidget(card->full);
        buttons->addWidget(card->dryRun);
        buttons->addStretch(1);

        card->progress = new QWidget;
        card->progress->setObjectName(QStringLiteral("cardProgress"));
        card->progressText = makeLabel(QStringLiteral("progressText"));
        card->progressBar = new QProgressBar;
        card->progressBar->setObjectName(QStringLiteral("progressBar"));
        card->progressBar->setAccessibleName(tr("Sync progress"));
        card->cancel = new QPushButton(tr("&Cancel"));
        card->cancel->setObjectName(QStringLiteral("cancel"));
        connect(card->cancel, &QPushButton::clicked, this, &SyncPage::cancelSync);
        auto *progressLayout = new QGridLayout(card->progress);
        progressLayout->setContentsMargins(0, 0, 0, 0);
        progressLayout->addWidget(card->progressText, 0, 0, 1, 2);
        progressLayout->addWidget(card->progressBar, 1, 0);
        progressLayout->addWidget(card->cancel, 1, 1);
        card->progress->hide();

        auto *layout = new QVBoxLayout(card->frame);
        layout->addLayout(header);
        layout->addWidget(card->when);
        layout->addWidget(card->duration);
        layout->addWidget(card->counts);
        layout->addWidget(card->reason);
        layout->addWidget(card->chart);
        layout->addWidget(card->message);
        layout->addWidget(card->progress);
        layout->addLayout(buttons);
        layout->addStretch(1);

        m_cardGrid->addWidget(card->frame, index / 2, index % 2);
        card->frame->show(); // at once, not at the layout's next pass: a click may follow before events run
        m_cards.append(card);
        ++index;
    }
    m_cardGrid->setRowStretch(int((types.size() + 1) / 2), 1);
}

void SyncPage::refreshCards()
{
    db::Database *database = context().database();
    const QString name = m_running ? m_running->service : currentService();
    if (database == nullptr || name.isEmpty()) {
        rebuildCards({});
        if (database != nullptr) {
            m_serviceNote->setText(tr("No service with a sync is configured: add one on the Services page."));
        }
        return;
    }
    services::ServiceConfigService services(*database, context().secrets(), context().tenant());
    Result<db::ServiceConfigRecord> service = services.get(name);
    if (!service) {
        m_serviceNote->setText(service.error().message);
        rebuildCards({});
        return;
    }
    const services::ServiceType *type = context().registry().find(service.value().type);
    rebuildCards(type != nullptr ? type->sync.types : QStringList());
    m_serviceEnabled = service.value().enabled;
    m_serviceNote->setText(m_serviceEnabled ? QString()
                                            : tr("This service is disabled: enable it on the Services page to sync."));

    const QLocale locale;
    db::SyncRunRepository runs(*database);
    for (SyncCard *card : std::as_const(m_cards)) {
        db::SyncRunFilter filter;
        filter.serviceId = service.value().id;
        filter.syncType = card->syncType;
        Result<db::SyncRunPage> page = runs.list(context().tenant(), filter, std::nullopt, kChartRuns);
        if (!page) {
            card->status->setText(tr("Unknown"));
            card->reason->setText(page.error().message);
            continue;
        }
        card->chart->setRuns(page.value().runs);
        if (page.value().runs.isEmpty()) {
            card->status->setText(tr("Never run"));
            card->status->setStyleSheet(colouredStyle(QColor(0x75, 0x75, 0x75)));
            card->when->setText(tr("No run yet."));
            card->duration->clear();
            card->counts->clear();
            card->reason->clear();
            continue;
        }
        const db::SyncRunRecord &last = page.value().runs.first();
        QString status = runStatusText(last);
        if (last.dryRun) {
            status = tr("%1 (dry run)").arg(status);
        }
        card->status->setText(status);
        card->status->setStyleSheet(colouredStyle(runStatusColor(last)));
        card->status->setAccessibleName(tr("Last run: %1").arg(status));
        const QDateTime when = last.finishedAt.isValid()  ? last.finishedAt
                               : last.startedAt.isValid() ? last.startedAt
                                                          : last.createdAt;
        card->when->setText(tr("Last run %1, %2 (%3, %4)")
                                .arg(QString::number(last.id),
                                     locale.toString(when.toLocalTime(), QLocale::ShortFormat), freshness(when),
                                     modeText(sync::parseSyncMode(last.mode).value_or(sync::SyncMode::Incremental))));
        card->duration->setText(last.durationMs
                                    ? tr("Took %1").arg(runDurationText(*last.durationMs))
                                    : tr("Running for %1")
                                          .arg(runDurationText(std::max<qint64>(
                                              0, last.startedAt.msecsTo(QDateTime::currentDateTimeUtc())))));
        card->counts->setText(countsText(last.counts));
        Result<sync::SyncTypeStatus> assessed = sync::assessSyncType(runs, last);
        if (assessed) {
            QString reason = assessed.value().reason;
            if (assessed.value().lastSuccess && assessed.value().lastSuccess->id != last.id) {
                reason += (reason.isEmpty() ? QString() : QStringLiteral(" ")) +
                          tr("Last success %1.").arg(freshness(assessed.value().lastSuccess->finishedAt));
            }
            if (reason.isEmpty() && !last.errorSummary.isEmpty()) {
                reason = last.errorSummary;
            }
            card->reason->setText(reason);
        } else {
            card->reason->setText(assessed.error().message);
        }
    }
}

void SyncPage::updateButtons()
{
    const bool idle = !m_running && context().database() != nullptr;
    m_service->setEnabled(!m_running);
    for (SyncCard *card : std::as_const(m_cards)) {
        for (QPushButton *button : {card->incremental, card->full, card->dryRun}) {
            button->setEnabled(idle && m_serviceEnabled);
        }
        const bool runningHere = m_running && m_running->syncType == card->syncType;
        card->progress->setVisible(runningHere);
        card->cancel->setEnabled(runningHere);
    }
}

SyncCard *SyncPage::card(const QString &syncType) const
{
    for (SyncCard *candidate : m_cards) {
        if (candidate->syncType == syncType) {
            return candidate;
        }
    }
    return nullptr;
}

bool SyncPage::startSync(const QString &syncType, sync::SyncMode mode, bool dryRun, bool allowMassDelete)
{
    const QString service = currentService();
    if (m_running || service.isEmpty() || context().database() == nullptr) {
        return false;
    }
    sync::SyncJobRequest request;
    request.databaseUrl = context().databaseUrl();
    request.databasePassword = context().databasePassword();
    request.tenantId = context().tenant();
    request.serviceName = service;
    request.options.syncType = syncType;
    request.options.mode = mode;
    request.options.dryRun = dryRun;
    request.options.collectPlanRows = dryRun;
    request.options.allowMassDelete = allowMassDelete;
    request.options.trigger = QStringLiteral("gui");
    request.makeSecretStore = context().secretStoreFactory();
    if (!m_worker->start(std::move(request))) {
        return false;
    }
    m_running = Running{service, syncType, mode, dryRun, allowMassDelete};
    if (SyncCard *running = card(syncType)) {
        running->message->hide();
        running->progressText->setText(dryRun ? tr("Dry run starting...")
                                              : tr("%1 sync starting...").arg(modeText(mode)));
        running->progressBar->setRange(0, 0);
    }
    updateButtons();
    context().syncStarted();
    return true;
}

SyncPlanDialog *SyncPage::planDialog() const
{
    return m_planDialog;
}

QMessageBox *SyncPage::massDeleteQuestion() const
{
    return m_massDeleteQuestion;
}

bool SyncPage::isRunning() const
{
    return m_running.has_value();
}

void SyncPage::cancelSync()
{
    if (!m_running) {
        return;
    }
    m_worker->cancel();
    if (SyncCard *running = card(m_running->syncType)) {
        running->cancel->setEnabled(false);
        running->progressText->setText(tr("Cancelling: the run stops at its next safe point..."));
    }
}

void SyncPage::showProgress(const sync::SyncProgress &progress)
{
    if (!m_running) {
        return;
    }
    SyncCard *running = card(m_running->syncType);
    if (running == nullptr) {
        return;
    }
    const QLocale locale;
    QStringList parts;
    parts << tr("Step: %1").arg(progress.step);
    if (!progress.entity.isEmpty() && progress.entity != progress.step) {
        parts << tr("entity: %1").arg(progress.entity);
    }
    parts << tr("%n page(s)", nullptr, int(progress.pagesDone));
    parts << tr("%1 rows").arg(locale.toString(progress.rows));
    if (progress.rowsPerSecond > 0) {
        parts << tr("%1 rows/s").arg(locale.toString(qRound64(progress.rowsPerSecond)));
    }
    parts << (progress.etaMs >= 0 ? tr("ETA %1").arg(etaText(progress.etaMs)) : tr("ETA unknown"));
    parts << tr("elapsed %1").arg(etaText(progress.elapsedMs));
    running->progressText->setText(parts.join(QStringLiteral(" · ")));
    if (progress.unitsTotal > 0) {
        running->progressBar->setRange(0, int(std::min<qint64>(progress.unitsTotal, INT_MAX)));
        running->progressBar->setValue(int(std::min(progress.unitsDone, progress.unitsTotal)));
    } else {
        running->progressBar->setRange(0, 0);
    }
}

void SyncPage::runSucceeded(const sync::SyncReport &report)
{
    const std::optional<Running> ran = m_running;
    if (SyncCard *ended = ran ? card(ran->syncType) : nullptr) {
        db::SyncRunRecord shown;
        shown.status = report.status;
        QString text =
            tr("Run %1 (%2%3) ended %4 after %5.")
                .arg(QString::number(report.runId), modeText(report.mode), report.dryRun ? tr(", dry run") : QString(),
                     runStatusText(shown), runDurationText(report.durationMs));
        if (report.failure && report.failure->code != ErrorCode::Cancelled) {
            text += u' ' + report.failure->message;
            if (!report.failure->hint.isEmpty()) {
                text += u' ' + report.failure->hint;
            }
        }
        if (!report.warnings.isEmpty()) {
            text += u'\n' + report.warnings.join(u'\n');
        }
        ended->message->setText(text);
        ended->message->setStyleSheet(QStringLiteral("color: %1;").arg(runStatusColor(shown).name()));
        ended->message->show();
    }
    m_running.reset();
    context().syncEnded(); // refreshes the cards through runsChanged
    refresh();
    if (report.dryRun && report.status != db::SyncRunStatus::Failed && report.status != db::SyncRunStatus::Cancelled) {
        showPlan(report);
    } else if (!report.dryRun && report.massDeleteBlocked) {
        askMassDelete(report);
    }
    Q_EMIT syncFinished(report);
}

void SyncPage::runFailed(const Error &error)
{
    if (SyncCard *ended = m_running ? card(m_running->syncType) : nullptr) {
        QString text = tr("The sync could not run: %1").arg(error.message);
        if (!error.hint.isEmpty()) {
            text += u'\n' + error.hint;
        }
        ended->message->setText(text);
        ended->message->setStyleSheet(QStringLiteral("color: #c62828;"));
        ended->message->show();
    }
    m_running.reset();
    context().syncEnded();
    refresh();
    Q_EMIT syncFailed(error);
}

void SyncPage::runEnded()
{
    updateButtons();
    Q_EMIT busyChanged();
}

bool SyncPage::isBusy() const
{
    // The plan and the mass-deletion question are the page's dialogs: Page::isBusy() sees them while open.
    return isRunning() || Page::isBusy();
}

void SyncPage::showPlan(const sync::SyncReport &report)
{
    if (m_planDialog) {
        m_planDialog->close();
        m_planDialog->deleteLater();
    }
    auto *dialog = new SyncPlanDialog(report, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_planDialog = dialog;
    const QString syncType = report.syncType;
    const sync::SyncMode mode = report.mode;
    const QString service = report.serviceName;
    connect(dialog, &QDialog::accepted, this, [this, syncType, mode, service] {
        if (currentService() == service || selectService(service)) {
            startSync(syncType, mode, false);
        }
    });
    dialog->open();
}

void SyncPage::askMassDelete(const sync::SyncReport &report)
{
    if (m_massDeleteQuestion) {
        m_massDeleteQuestion->close();
        m_massDeleteQuestion->deleteLater();
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Apply the deletions?"),
                                tr("The run held back deletions because more rows are gone at the provider than a sync "
                                   "deletes without asking. Apply the deletions?"),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("massDeleteQuestion"));
    box->setInformativeText(report.warnings.join(u'\n') + u'\n' +
                            tr("Check the provider first (the app's visible range, permissions): if rows are missing "
                               "there by mistake, deleting them here loses their history."));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_massDeleteQuestion = box;
    const QString syncType = report.syncType;
    const sync::SyncMode mode = report.mode;
    const QString service = report.serviceName;
    connect(box, &QMessageBox::finished, this, [this, syncType, mode, service](int answer) {
        if (answer == QMessageBox::Yes && (currentService() == service || selectService(service))) {
            startSync(syncType, mode, false, true);
        }
    });
    box->open();
}

} // namespace ic::ui
