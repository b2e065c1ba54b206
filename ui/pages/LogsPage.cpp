#include "pages/LogsPage.h"

#include "AppContext.h"
#include "Format.h"
#include "connectors/wecom/WeComErrors.h"
#include "db/CallLogRepository.h"
#include "db/Database.h"
#include "db/SyncRunRepository.h"
#include "logs/LogModels.h"
#include "services/ServiceConfigService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <initializer_list>

namespace ic::ui {

namespace {

constexpr int kRefreshMs = 30000;
constexpr int kDebounceMs = 250;
constexpr int kRunErrorsShown = 100;

/// A payload for reading: JSON indented, anything else (a truncated or non-JSON body) as stored.
QString prettyPayload(const QString &payload)
{
    if (payload.isEmpty()) {
        return {};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.isNull()) {
        return payload;
    }
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
}

/// A duration for people: "850 ms", "12.4 s", "1 h 02 min".
QString durationText(qint64 ms)
{
    if (ms < 1000) {
        return LogsPage::tr("%1 ms").arg(ms);
    }
    if (ms < 60000) {
        return LogsPage::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    }
    const qint64 minutes = ms / 60000;
    if (minutes < 60) {
        return LogsPage::tr("%1 min %2 s").arg(minutes).arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'));
    }
    return LogsPage::tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString html(const QString &text)
{
    return text.toHtmlEscaped();
}

/// A two-column table of (label, value) for the detail panes; values are escaped here.
class DetailTable {
public:
    void add(const QString &label, const QString &value)
    {
        if (!value.isEmpty()) {
            m_rows += QStringLiteral("<tr><th align=\"left\" valign=\"top\">%1</th><td>%2</td></tr>")
                          .arg(html(label), html(value).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        }
    }
    QString toHtml() const
    {
        return QStringLiteral("<table cellspacing=\"2\" cellpadding=\"2\">") + m_rows + QStringLiteral("</table>");
    }

private:
    QString m_rows;
};

QString preBlock(const QString &title, const QString &text)
{
    return QStringLiteral("<h4>%1</h4><pre>%2</pre>").arg(html(title), html(text));
}

qint64 selectedId(QTableView *view)
{
    const QModelIndex current = view->selectionModel() ? view->selectionModel()->currentIndex() : QModelIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(Qt::UserRole).toLongLong() : 0;
}

} // namespace

LogsPage::LogsPage(AppContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("logsPage"));

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("logsTabs"));
    m_tabs->setAccessibleName(tr("Logs"));
    m_tabs->addTab(buildRunsTab(), tr("Sync runs"));
    m_tabs->addTab(buildCallsTab(), tr("API calls"));
    m_tabs->addTab(buildAuditTab(), tr("Audit"));

    auto *exportCsv = new QPushButton(tr("Export CSV…"));
    exportCsv->setObjectName(QStringLiteral("exportCsv"));
    exportCsv->setAccessibleName(tr("Export the filtered rows as CSV"));
    exportCsv->setToolTip(tr("Every row that matches the filters, not only the loaded ones (UTF-8 for Excel)"));
    connect(exportCsv, &QPushButton::clicked, this, [this] { askExport(LogExportFormat::Csv); });
    auto *exportJson = new QPushButton(tr("Export JSON…"));
    exportJson->setObjectName(QStringLiteral("exportJson"));
    exportJson->setAccessibleName(tr("Export the filtered rows as JSON"));
    exportJson->setToolTip(tr("Every row that matches the filters, not only the loaded ones"));
    connect(exportJson, &QPushButton::clicked, this, [this] { askExport(LogExportFormat::Json); });
    m_exportInfo = new QLabel;
    m_exportInfo->setObjectName(QStringLiteral("exportInfo"));
    m_exportInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *exportBar = new QHBoxLayout;
    exportBar->addWidget(m_exportInfo, 1);
    exportBar->addWidget(exportCsv);
    exportBar->addWidget(exportJson);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(exportBar);

    // Ctrl+F: the free-text filter of the shown table.
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        QLineEdit *edit = currentTab() == Tab::Runs ? m_runText : currentTab() == Tab::Calls ? m_callText : m_auditText;
        edit->setFocus(Qt::ShortcutFocusReason);
        edit->selectAll();
    });

    connect(this, &LogsPage::exportFinished, this, [this](qint64 rows, const QString &error) {
        m_exportInfo->setText(error.isEmpty() ? tr("%n row(s) exported.", nullptr, int(rows))
                                              : tr("The export failed: %1").arg(error));
        Q_EMIT busyChanged();
    });

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(kRefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &LogsPage::refresh);
    connect(&context, &AppContext::runsChanged, this, [this] {
        if (isVisible()) {
            refresh();
        }
    });
    connect(&context, &AppContext::servicesChanged, this, [this] {
        if (isVisible()) {
            loadServices();
        }
    });
}

LogsPage::~LogsPage()
{
    // The models' query threads post their answers to this page and to the models: stop them first.
    m_runTable->setModel(nullptr);
    m_callTable->setModel(nullptr);
    m_auditTable->setModel(nullptr);
    m_runs.reset();
    m_calls.reset();
    m_audit.reset();
}

QString LogsPage::title() const
{
    return tr("Logs");
}

QIcon LogsPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/navigation/logs.svg"));
}

void LogsPage::activate()
{
    const bool created = !m_runs || m_modelsUrl != context().databaseUrl().toString();
    ensureModels();
    loadServices();
    if (!created) {
        reload(true);
    }
}

void LogsPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    m_refreshTimer->start();
}

void LogsPage::hideEvent(QHideEvent *event)
{
    Page::hideEvent(event);
    m_refreshTimer->stop();
}

// --- building
// -----------------------------------------------------------------------------------------------------------

QTimer *LogsPage::debounceTimer(void (LogsPage::*apply)())
{
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setInterval(kDebounceMs);
    connect(timer, &QTimer::timeout, this, apply);
    return timer;
}

QComboBox *LogsPage::serviceCombo(const QString &objectName, QTimer *debounce)
{
    auto *combo = new QComboBox;
    combo->setObjectName(objectName);
    combo->setAccessibleName(tr("Service"));
    combo->addItem(tr("All services"));
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(12);
    connect(combo, &QComboBox::currentIndexChanged, debounce, qOverload<>(&QTimer::start));
    return combo;
}

QLineEdit *LogsPage::filterEdit(const QString &objectName, const QString &placeholder, const QString &accessibleName,
                                QTimer *debounce)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setAccessibleName(accessibleName);
    edit->setClearButtonEnabled(true);
    connect(edit, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    return edit;
}

LogsPage::TimeRange LogsPage::addTimeRange(QGridLayout *grid, int row, int column, const QString &prefix,
                                           QTimer *debounce)
{
    TimeRange range;
    const QDateTime now = QDateTime::currentDateTime();
    auto make = [&](QCheckBox *&check, QDateTimeEdit *&edit, const QString &name, const QString &label,
                    const QString &accessible, const QDateTime &initial, int at) {
        check = new QCheckBox(label);
        check->setObjectName(prefix + name + QStringLiteral("Enabled"));
        check->setAccessibleName(accessible);
        edit = new QDateTimeEdit(initial);
        edit->setObjectName(prefix + name);
        edit->setAccessibleName(accessible);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setEnabled(false);
        connect(check, &QCheckBox::toggled, edit, &QWidget::setEnabled);
        connect(check, &QCheckBox::toggled, debounce, qOverload<>(&QTimer::start));
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [check, debounce] {
            if (check->isChecked()) {
                debounce->start();
            }
        });
        auto *box = new QHBoxLayout;
        box->setContentsMargins(0, 0, 0, 0);
        box->addWidget(check);
        box->addWidget(edit, 1);
        grid->addLayout(box, row, at);
    };
    make(range.fromEnabled, range.from, QStringLiteral("From"), tr("From"), tr("From time"), now.addDays(-1), column);
    make(range.toEnabled, range.to, QStringLiteral("To"), tr("To"), tr("To time"), now.addSecs(3600), column + 1);
    return range;
}

QTableView *LogsPage::tableView(const QString &objectName, const QString &accessibleName)
{
    auto *view = new QTableView;
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setDefaultSectionSize(120);
    return view;
}

QWidget *LogsPage::buildRunsTab()
{
    m_runDebounce = debounceTimer(&LogsPage::applyRunFilter);
    m_runService = serviceCombo(QStringLiteral("runsService"), m_runDebounce);
    m_runType = new QComboBox;
    m_runType->setObjectName(QStringLiteral("runsType"));
    m_runType->setAccessibleName(tr("Sync type"));
    m_runType->addItem(tr("All types"));
    for (const QString &type :
         {QStringLiteral("department"), QStringLiteral("user"), QStringLiteral("customer"), QStringLiteral("full")}) {
        m_runType->addItem(type, type);
    }
    connect(m_runType, &QComboBox::currentIndexChanged, m_runDebounce, qOverload<>(&QTimer::start));
    m_runStatus = new QComboBox;
    m_runStatus->setObjectName(QStringLiteral("runsStatus"));
    m_runStatus->setAccessibleName(tr("Run status"));
    m_runStatus->addItem(tr("All statuses"));
    for (db::SyncRunStatus status :
         {db::SyncRunStatus::Pending, db::SyncRunStatus::Running, db::SyncRunStatus::Success,
          db::SyncRunStatus::Partial, db::SyncRunStatus::Failed, db::SyncRunStatus::Cancelled}) {
        m_runStatus->addItem(db::syncRunStatusName(status), db::syncRunStatusName(status));
    }
    connect(m_runStatus, &QComboBox::currentIndexChanged, m_runDebounce, qOverload<>(&QTimer::start));
    m_runText = filterEdit(QStringLiteral("runsText"), tr("Error or host contains…"), tr("Text in the error or host"),
                           m_runDebounce);
    m_runCorrelation =
        filterEdit(QStringLiteral("runsCorrelation"), tr("Correlation id"), tr("Correlation id"), m_runDebounce);
    m_runId = filterEdit(QStringLiteral("runsId"), tr("Run id"), tr("Run id"), m_runDebounce);
    m_runId->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,18}")), m_runId));

    auto *filters = new QGridLayout;
    filters->addWidget(m_runService, 0, 0);
    filters->addWidget(m_runType, 0, 1);
    filters->addWidget(m_runStatus, 0, 2);
    m_runTime = addTimeRange(filters, 1, 0, QStringLiteral("runs"), m_runDebounce);
    filters->addWidget(m_runText, 2, 0);
    filters->addWidget(m_runCorrelation, 2, 1);
    filters->addWidget(m_runId, 2, 2);

    m_runTable = tableView(QStringLiteral("runsTable"), tr("Sync runs"));
    m_runDetail = new QTextBrowser;
    m_runDetail->setObjectName(QStringLiteral("runDetail"));
    m_runDetail->setAccessibleName(tr("Details of the selected run"));
    m_runDetail->setOpenLinks(false);
    m_showRunCalls = new QPushButton(tr("Show its calls"));
    m_showRunCalls->setObjectName(QStringLiteral("showRunCalls"));
    m_showRunCalls->setAccessibleName(tr("Show the API calls of the selected run"));
    m_showRunCalls->setEnabled(false);
    connect(m_showRunCalls, &QPushButton::clicked, this, [this] {
        if (m_detailRunId > 0) {
            showRunCalls(m_detailRunId);
        }
    });
    auto *detail = new QWidget;
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_runDetail, 1);
    detailLayout->addWidget(m_showRunCalls, 0, Qt::AlignLeft);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("runsSplitter"));
    splitter->addWidget(m_runTable);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_runInfo = new QLabel;
    m_runInfo->setObjectName(QStringLiteral("runsInfo"));

    auto *tab = new QWidget;
    tab->setObjectName(QStringLiteral("runsTab"));
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_runInfo);
    return tab;
}

QWidget *LogsPage::buildCallsTab()
{
    m_callDebounce = debounceTimer(&LogsPage::applyCallFilter);
    m_callService = serviceCombo(QStringLiteral("callsService"), m_callDebounce);
    m_callStatus = new QComboBox;
    m_callStatus->setObjectName(QStringLiteral("callsStatus"));
    m_callStatus->setAccessibleName(tr("Call result"));
    m_callStatus->addItem(tr("All results"));
    m_callStatus->addItem(tr("Succeeded"), true);
    m_callStatus->addItem(tr("Failed"), false);
    connect(m_callStatus, &QComboBox::currentIndexChanged, m_callDebounce, qOverload<>(&QTimer::start));
    m_callText =
        filterEdit(QStringLiteral("callsText"), tr("Endpoint contains…"), tr("Text in the endpoint"), m_callDebounce);
    m_callCorrelation =
        filterEdit(QStringLiteral("callsCorrelation"), tr("Correlation id"), tr("Correlation id"), m_callDebounce);
    m_callRun = filterEdit(QStringLiteral("callsRun"), tr("Run id"), tr("Run id"), m_callDebounce);
    m_callRun->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,18}")), m_callRun));

    auto *filters = new QGridLayout;
    filters->addWidget(m_callService, 0, 0);
    filters->addWidget(m_callStatus, 0, 1);
    m_callTime = addTimeRange(filters, 1, 0, QStringLiteral("calls"), m_callDebounce);
    filters->addWidget(m_callText, 2, 0);
    filters->addWidget(m_callCorrelation, 2, 1);
    filters->addWidget(m_callRun, 2, 2);

    m_callTable = tableView(QStringLiteral("callsTable"), tr("API calls"));
    m_callDetail = new QTextBrowser;
    m_callDetail->setObjectName(QStringLiteral("callDetail"));
    m_callDetail->setAccessibleName(tr("Details of the selected call"));

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("callsSplitter"));
    splitter->addWidget(m_callTable);
    splitter->addWidget(m_callDetail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_callInfo = new QLabel;
    m_callInfo->setObjectName(QStringLiteral("callsInfo"));

    auto *tab = new QWidget;
    tab->setObjectName(QStringLiteral("callsTab"));
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_callInfo);
    return tab;
}

QWidget *LogsPage::buildAuditTab()
{
    m_auditDebounce = debounceTimer(&LogsPage::applyAuditFilter);
    m_auditService = serviceCombo(QStringLiteral("auditService"), m_auditDebounce);
    m_auditType = new QComboBox;
    m_auditType->setObjectName(QStringLiteral("auditType"));
    m_auditType->setAccessibleName(tr("Entity type"));
    m_auditType->addItem(tr("All entity types"));
    m_auditType->addItem(tr("Service configuration"), QStringLiteral("service_config"));
    connect(m_auditType, &QComboBox::currentIndexChanged, m_auditDebounce, qOverload<>(&QTimer::start));
    m_auditAction = new QComboBox;
    m_auditAction->setObjectName(QStringLiteral("auditAction"));
    m_auditAction->setAccessibleName(tr("Action"));
    m_auditAction->addItem(tr("All actions"));
    for (const QString &action :
         {QStringLiteral("create"), QStringLiteral("update"), QStringLiteral("enable"), QStringLiteral("disable"),
          QStringLiteral("remove"), QStringLiteral("set_secret"), QStringLiteral("remove_secret")}) {
        m_auditAction->addItem(action, action);
    }
    connect(m_auditAction, &QComboBox::currentIndexChanged, m_auditDebounce, qOverload<>(&QTimer::start));
    m_auditText = filterEdit(QStringLiteral("auditText"), tr("Entity, user or host contains…"),
                             tr("Text in the entity, user or host"), m_auditDebounce);

    auto *filters = new QGridLayout;
    filters->addWidget(m_auditService, 0, 0);
    filters->addWidget(m_auditType, 0, 1);
    filters->addWidget(m_auditAction, 0, 2);
    m_auditTime = addTimeRange(filters, 1, 0, QStringLiteral("audit"), m_auditDebounce);
    filters->addWidget(m_auditText, 2, 0, 1, 2);

    m_auditTable = tableView(QStringLiteral("auditTable"), tr("Audit log"));
    m_auditDetail = new QTextBrowser;
    m_auditDetail->setObjectName(QStringLiteral("auditDetail"));
    m_auditDetail->setAccessibleName(tr("Details of the selected audit entry"));

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("auditSplitter"));
    splitter->addWidget(m_auditTable);
    splitter->addWidget(m_auditDetail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_auditInfo = new QLabel;
    m_auditInfo->setObjectName(QStringLiteral("auditInfo"));

    auto *tab = new QWidget;
    tab->setObjectName(QStringLiteral("auditTab"));
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_auditInfo);
    return tab;
}

// --- models
// -------------------------------------------------------------------------------------------------------------

void LogsPage::ensureModels()
{
    if (context().database() == nullptr) {
        return;
    }
    const QString url = context().databaseUrl().toString();
    if (m_runs && url == m_modelsUrl) {
        return;
    }
    m_modelsUrl = url;
    m_runTable->setModel(nullptr);
    m_callTable->setModel(nullptr);
    m_auditTable->setModel(nullptr);
    m_runs = std::make_unique<SyncRunModel>(context().databaseUrl(), context().databasePassword(), context().tenant());
    m_calls = std::make_unique<CallLogModel>(context().databaseUrl(), context().databasePassword(), context().tenant());
    m_audit =
        std::make_unique<AuditLogModel>(context().databaseUrl(), context().databasePassword(), context().tenant());

    // Wires a table to its model: details follow the current row, the selection survives a refresh, the info line
    // follows the loading.
    auto wire = [this](QTableView *view, PagedLogModel *model, QLabel *info, void (LogsPage::*detail)()) {
        view->setModel(model);
        connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, detail);
        connect(model, &QAbstractItemModel::modelReset, this, detail);
        connect(model, &PagedLogModel::loadingChanged, this, [this, info, model] { updateInfo(info, model); });
        connect(model, &PagedLogModel::loadFailed, this, [this, info, model] { updateInfo(info, model); });
        connect(model, &PagedLogModel::pageLoaded, this, [this, view, info, model](bool first) {
            updateInfo(info, model);
            const qint64 keep = view->property("ic_keepId").toLongLong();
            if (first && keep > 0) {
                view->setProperty("ic_keepId", QVariant());
                for (int row = 0; row < model->rowCount(); ++row) {
                    if (model->index(row, 0).data(Qt::UserRole).toLongLong() == keep) {
                        view->setCurrentIndex(model->index(row, 0));
                        break;
                    }
                }
            }
            // A page that does not fill the view: the view asks for the next one itself (it fetches while its last
            // row is visible), also when a hidden tab is shown.
        });
        connect(model, &PagedLogModel::exportFinished, this, &LogsPage::exportFinished);
        connect(model, &PagedLogModel::loadingChanged, this, &LogsPage::busyChanged);
    };
    wire(m_runTable, m_runs.get(), m_runInfo, &LogsPage::showRunDetail);
    wire(m_callTable, m_calls.get(), m_callInfo, &LogsPage::showCallDetail);
    wire(m_auditTable, m_audit.get(), m_auditInfo, &LogsPage::showAuditDetail);
    m_runTable->setColumnWidth(SyncRunModel::Id, 60);
    m_runTable->setColumnWidth(SyncRunModel::Created, 150);
    m_runTable->setColumnWidth(SyncRunModel::Type, 90);
    m_runTable->setColumnWidth(SyncRunModel::Mode, 90);
    m_runTable->setColumnWidth(SyncRunModel::Trigger, 80);
    m_runTable->setColumnWidth(SyncRunModel::RunStatus, 80);
    m_runTable->setColumnWidth(SyncRunModel::Counts, 300);
    m_callTable->setColumnWidth(CallLogModel::Time, 150);
    m_callTable->setColumnWidth(CallLogModel::Method, 60);
    m_callTable->setColumnWidth(CallLogModel::Endpoint, 320);
    m_callTable->setColumnWidth(CallLogModel::HttpStatus, 50);
    m_callTable->setColumnWidth(CallLogModel::Attempt, 60);
    m_auditTable->setColumnWidth(AuditLogModel::Time, 150);

    applyRunFilter();
    applyCallFilter();
    applyAuditFilter();
}

void LogsPage::loadServices()
{
    db::Database *database = context().database();
    if (database == nullptr) {
        return;
    }
    services::ServiceConfigService services(*database, context().secrets(), context().tenant());
    Result<QList<db::ServiceConfigRecord>> listed = services.list();
    if (!listed) {
        m_runInfo->setText(tr("The services cannot be read: %1").arg(listed.error().message));
        return;
    }
    ServiceNames names;
    for (QComboBox *combo : {m_runService, m_callService, m_auditService}) {
        const qint64 selected = combo->currentData().toLongLong();
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(tr("All services"));
        for (const db::ServiceConfigRecord &service : listed.value()) {
            combo->addItem(QStringLiteral("%1 (%2)").arg(service.name, service.type), service.id);
            combo->setItemData(combo->count() - 1, service.name, Qt::UserRole + 1);
            names.insert(service.id, service.name);
            if (service.id == selected) {
                combo->setCurrentIndex(combo->count() - 1);
            }
        }
    }
    if (m_runs) {
        m_runs->setServiceNames(names);
        m_calls->setServiceNames(names);
    }
}

PagedLogModel *LogsPage::model(Tab tab) const
{
    switch (tab) {
    case Tab::Runs:
        return m_runs.get();
    case Tab::Calls:
        return m_calls.get();
    case Tab::Audit:
        break;
    }
    return m_audit.get();
}

void LogsPage::refresh()
{
    reload(false);
}

void LogsPage::reload(bool evenScrolled)
{
    const std::pair<QTableView *, PagedLogModel *> tables[] = {
        {m_runTable, m_runs.get()}, {m_callTable, m_calls.get()}, {m_auditTable, m_audit.get()}};
    for (const auto &[view, model] : tables) {
        if (model == nullptr || (!evenScrolled && model->rowCount() > model->pageSize())) {
            continue;
        }
        view->setProperty("ic_keepId", selectedId(view));
        model->refresh();
    }
}

void LogsPage::updateInfo(QLabel *label, PagedLogModel *model)
{
    if (model->lastError()) {
        label->setText(tr("The log cannot be read: %1").arg(model->lastError()->message));
        label->setToolTip(model->lastError()->detail);
        return;
    }
    label->setToolTip({});
    if (model->isLoading()) {
        label->setText(tr("Loading…"));
    } else if (model->hasMore()) {
        label->setText(tr("%n row(s) shown; scroll down for more.", nullptr, model->rowCount()));
    } else {
        label->setText(tr("%n row(s).", nullptr, model->rowCount()));
    }
}

// --- filters
// ------------------------------------------------------------------------------------------------------------

void LogsPage::applyRunFilter()
{
    m_runDebounce->stop();
    if (!m_runs) {
        return;
    }
    db::SyncRunFilter filter;
    if (m_runService->currentIndex() > 0) {
        filter.serviceId = m_runService->currentData().toLongLong();
    }
    filter.syncType = m_runType->currentData().toString();
    if (m_runStatus->currentIndex() > 0) {
        filter.status = db::parseSyncRunStatus(m_runStatus->currentData().toString());
    }
    filter.since = m_runTime.fromEnabled->isChecked() ? m_runTime.from->dateTime().toUTC() : QDateTime();
    filter.until = m_runTime.toEnabled->isChecked() ? m_runTime.to->dateTime().toUTC() : QDateTime();
    filter.textContains = m_runText->text().trimmed();
    filter.correlationId = m_runCorrelation->text().trimmed();
    bool ok = false;
    const qint64 id = m_runId->text().trimmed().toLongLong(&ok);
    if (ok) {
        filter.runId = id;
    }
    m_runs->setFilter(filter);
}

void LogsPage::applyCallFilter()
{
    m_callDebounce->stop();
    if (!m_calls) {
        return;
    }
    db::CallLogFilter filter;
    if (m_callService->currentIndex() > 0) {
        filter.serviceId = m_callService->currentData().toLongLong();
    }
    if (m_callStatus->currentIndex() > 0) {
        filter.success = m_callStatus->currentData().toBool();
    }
    filter.since = m_callTime.fromEnabled->isChecked() ? m_callTime.from->dateTime().toUTC() : QDateTime();
    filter.until = m_callTime.toEnabled->isChecked() ? m_callTime.to->dateTime().toUTC() : QDateTime();
    filter.endpointContains = m_callText->text().trimmed();
    filter.correlationId = m_callCorrelation->text().trimmed();
    bool ok = false;
    const qint64 runId = m_callRun->text().trimmed().toLongLong(&ok);
    if (ok) {
        filter.runId = runId;
    }
    m_calls->setFilter(filter);
}

void LogsPage::applyAuditFilter()
{
    m_auditDebounce->stop();
    if (!m_audit) {
        return;
    }
    db::AuditLogFilter filter;
    filter.entityType = m_auditType->currentData().toString();
    if (m_auditService->currentIndex() > 0) {
        filter.entityType = QStringLiteral("service_config");
        filter.entityName = m_auditService->currentData(Qt::UserRole + 1).toString();
    }
    filter.action = m_auditAction->currentData().toString();
    filter.textContains = m_auditText->text().trimmed();
    filter.since = m_auditTime.fromEnabled->isChecked() ? m_auditTime.from->dateTime().toUTC() : QDateTime();
    filter.until = m_auditTime.toEnabled->isChecked() ? m_auditTime.to->dateTime().toUTC() : QDateTime();
    m_audit->setFilter(filter);
}

// --- navigation
// ---------------------------------------------------------------------------------------------------------

void LogsPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

LogsPage::Tab LogsPage::currentTab() const
{
    return Tab(m_tabs->currentIndex());
}

void LogsPage::showRunCalls(qint64 runId)
{
    for (QWidget *widget : std::initializer_list<QWidget *>{m_callService, m_callStatus, m_callText, m_callCorrelation,
                                                            m_callRun, m_callTime.fromEnabled, m_callTime.toEnabled}) {
        widget->blockSignals(true);
    }
    m_callService->setCurrentIndex(0);
    m_callStatus->setCurrentIndex(0);
    m_callText->clear();
    m_callCorrelation->clear();
    m_callTime.fromEnabled->setChecked(false);
    m_callTime.toEnabled->setChecked(false);
    m_callTime.from->setEnabled(false);
    m_callTime.to->setEnabled(false);
    m_callRun->setText(QString::number(runId));
    for (QWidget *widget : std::initializer_list<QWidget *>{m_callService, m_callStatus, m_callText, m_callCorrelation,
                                                            m_callRun, m_callTime.fromEnabled, m_callTime.toEnabled}) {
        widget->blockSignals(false);
    }
    showTab(Tab::Calls);
    applyCallFilter();
    m_callTable->setFocus(Qt::OtherFocusReason);
}

// --- details
// ------------------------------------------------------------------------------------------------------------

void LogsPage::showCallDetail()
{
    const QModelIndex current = m_callTable->selectionModel() ? m_callTable->currentIndex() : QModelIndex();
    if (!m_calls || !current.isValid()) {
        m_callDetail->setHtml(QStringLiteral("<p>%1</p>").arg(html(tr("Select a call to see its details."))));
        return;
    }
    const db::CallLogRecord &call = m_calls->row(current.row());
    DetailTable table;
    table.add(tr("Call"), QStringLiteral("%1 %2").arg(call.method, call.endpoint));
    table.add(tr("Service"), current.siblingAtColumn(CallLogModel::Service).data().toString());
    table.add(tr("Result"), call.success ? tr("succeeded") : tr("failed"));
    table.add(tr("HTTP status"), call.httpStatus ? QString::number(*call.httpStatus) : tr("no answer"));
    const QLocale locale;
    table.add(tr("Requested at"),
              locale.toString(call.requestAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    if (call.responseAt.isValid()) {
        table.add(tr("Answered at"),
                  locale.toString(call.responseAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    }
    table.add(tr("Duration"), call.durationMs ? tr("%1 ms").arg(*call.durationMs) : QString());
    table.add(tr("Attempt"), QString::number(call.attempt));
    QString hint;
    if (!call.apiErrcode.isEmpty()) {
        bool ok = false;
        const int errcode = call.apiErrcode.toInt(&ok);
        QString meaning;
        if (ok && errcode != 0 && call.serviceType == QLatin1String("wecom")) {
            const QJsonObject response = QJsonDocument::fromJson(call.responsePayload.toUtf8()).object();
            const Error error = connectors::wecom::weComError(
                errcode, response.value(QStringLiteral("errmsg")).toString(), call.endpoint, std::nullopt);
            meaning = error.message;
            hint = error.hint;
        }
        table.add(tr("Errcode"), meaning.isEmpty() ? call.apiErrcode : tr("%1: %2").arg(call.apiErrcode, meaning));
        table.add(tr("What to do"), hint);
    }
    table.add(tr("Error"), call.error);
    table.add(tr("Correlation id"), call.correlationId);
    table.add(tr("Run"), call.runId ? QString::number(*call.runId) : QString());
    auto sizeNote = [](const QString &payload, const std::optional<qint64> &size) {
        if (size && *size > payload.toUtf8().size()) {
            return tr("%1 bytes, shortened when stored").arg(*size);
        }
        return size ? tr("%1 bytes").arg(*size) : QString();
    };
    table.add(tr("Request size"), sizeNote(call.requestPayload, call.requestSize));
    table.add(tr("Response size"), sizeNote(call.responsePayload, call.responseSize));

    QString text = table.toHtml();
    text += preBlock(tr("Request (redacted)"),
                     call.requestPayload.isEmpty() ? tr("(none)") : prettyPayload(call.requestPayload));
    text += preBlock(tr("Response (redacted)"),
                     call.responsePayload.isEmpty() ? tr("(none)") : prettyPayload(call.responsePayload));
    m_callDetail->setHtml(text);
}

void LogsPage::showRunDetail()
{
    const QModelIndex current = m_runTable->selectionModel() ? m_runTable->currentIndex() : QModelIndex();
    if (!m_runs || !current.isValid()) {
        m_detailRunId = 0;
        m_showRunCalls->setEnabled(false);
        m_showRunCalls->setText(tr("Show its calls"));
        m_runDetail->setHtml(QStringLiteral("<p>%1</p>").arg(html(tr("Select a run to see its details."))));
        return;
    }
    const db::SyncRunRecord run = m_runs->row(current.row());
    m_detailRunId = run.id;
    m_showRunCalls->setEnabled(true);
    m_showRunCalls->setText(tr("Show its calls"));
    m_runDetail->setHtml(QStringLiteral("<p>%1</p>").arg(html(tr("Loading run %1…").arg(run.id))));

    // Steps, errors and the calls' summary are read on the model's query thread: a run of a big corp has tens of
    // thousands of calls to count.
    const QString tenant = context().tenant();
    const QString serviceName = current.siblingAtColumn(SyncRunModel::Service).data().toString();
    m_runs->queries()->post([this, tenant, run, serviceName](db::Database *database, const Error *openError) {
        struct Loaded {
            std::optional<Error> error;
            std::optional<db::SyncRunDetails> details;
            std::optional<db::CallLogRunSummary> calls;
        };
        auto loaded = std::make_shared<Loaded>();
        if (openError) {
            loaded->error = *openError;
        } else if (auto found = db::SyncRunRepository(*database).find(tenant, run.id, kRunErrorsShown); !found) {
            loaded->error = found.error();
        } else {
            loaded->details = found.value();
            if (auto summary = db::CallLogRepository(*database).runSummary(tenant, run.id); summary) {
                loaded->calls = summary.value();
            } else {
                loaded->error = summary.error();
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, loaded, serviceName, runId = run.id] {
                if (m_detailRunId != runId) {
                    return; // another run was selected meanwhile
                }
                if (loaded->error) {
                    m_runDetail->setHtml(QStringLiteral("<p>%1</p>").arg(html(loaded->error->toDisplayString())));
                    return;
                }
                if (!loaded->details) {
                    m_runDetail->setHtml(QStringLiteral("<p>%1</p>").arg(html(tr("The run no longer exists."))));
                    return;
                }
                const db::SyncRunDetails &details = *loaded->details;
                const db::SyncRunRecord &r = details.run;
                DetailTable table;
                table.add(tr("Run"), QString::number(r.id));
                table.add(tr("Service"), serviceName);
                table.add(tr("Type"), r.syncType);
                table.add(tr("Mode"), r.dryRun ? tr("%1, dry run").arg(r.mode) : r.mode);
                table.add(tr("Trigger"), r.trigger);
                table.add(tr("Status"), db::syncRunStatusName(r.status));
                table.add(tr("Started"), logTime(r.startedAt));
                table.add(tr("Finished"), logTime(r.finishedAt));
                table.add(tr("Duration"), r.durationMs ? durationText(*r.durationMs) : QString());
                table.add(tr("Host"), r.pid ? tr("%1 (process %2)").arg(r.host).arg(*r.pid) : r.host);
                table.add(tr("Version"), r.appVersion);
                table.add(tr("Correlation id"), r.correlationId);
                table.add(tr("Error summary"), r.errorSummary);
                QString text = table.toHtml();

                text += QStringLiteral("<h4>%1</h4>").arg(html(tr("Counts per entity")));
                text += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr>");
                for (const QString &head : {tr("Entity"), tr("Status"), tr("Fetched"), tr("Created"), tr("Updated"),
                                            tr("Deleted"), tr("Unchanged"), tr("Failed")}) {
                    text += QStringLiteral("<th>%1</th>").arg(html(head));
                }
                text += QStringLiteral("</tr>");
                auto countRow = [](const QString &entity, const QString &status, const db::SyncCounts &c) {
                    return QStringLiteral("<tr><td>%1</td><td>%2</td><td align=\"right\">%3</td><td "
                                          "align=\"right\">%4</td><td align=\"right\">%5</td><td "
                                          "align=\"right\">%6</td><td align=\"right\">%7</td><td "
                                          "align=\"right\">%8</td></tr>")
                        .arg(html(entity), html(status))
                        .arg(c.fetched)
                        .arg(c.created)
                        .arg(c.updated)
                        .arg(c.deleted)
                        .arg(c.unchanged)
                        .arg(c.failed);
                };
                for (const db::SyncRunStepRecord &step : details.steps) {
                    text += countRow(step.entity, db::syncRunStatusName(step.status), step.counts);
                }
                text += countRow(tr("Whole run"), db::syncRunStatusName(r.status), r.counts);
                text += QStringLiteral("</table>");

                if (details.errorCount > 0) {
                    text += QStringLiteral("<h4>%1</h4><ul>")
                                .arg(html(
                                    tr("Errors (%1 of %2 shown)").arg(details.errors.size()).arg(details.errorCount)));
                    for (const db::SyncRunErrorRecord &error : details.errors) {
                        QString line = error.entity.isEmpty() ? QString() : error.entity + QStringLiteral(" ");
                        if (!error.externalId.isEmpty()) {
                            line += error.externalId + QStringLiteral(" ");
                        }
                        if (!error.errcode.isEmpty()) {
                            line += tr("errcode %1").arg(error.errcode) + QStringLiteral(": ");
                        }
                        text += QStringLiteral("<li>%1</li>").arg(html(line + error.message));
                    }
                    text += QStringLiteral("</ul>");
                }
                if (loaded->calls) {
                    const db::CallLogRunSummary &calls = *loaded->calls;
                    m_showRunCalls->setText(tr("Show its calls (%1)").arg(calls.calls));
                    text += QStringLiteral("<h4>%1</h4><ul>")
                                .arg(html(tr("API calls: %1, %2 failed").arg(calls.calls).arg(calls.failed)));
                    for (const db::CallLogEndpointCount &endpoint : calls.endpoints) {
                        text += QStringLiteral("<li>%1</li>")
                                    .arg(html(tr("%1 %2: %3 calls, %4 failed")
                                                  .arg(endpoint.method, endpoint.endpoint)
                                                  .arg(endpoint.calls)
                                                  .arg(endpoint.failed)));
                    }
                    text += QStringLiteral("</ul>");
                }
                m_runDetail->setHtml(text);
            },
            Qt::QueuedConnection);
    });
}

void LogsPage::showAuditDetail()
{
    const QModelIndex current = m_auditTable->selectionModel() ? m_auditTable->currentIndex() : QModelIndex();
    if (!m_audit || !current.isValid()) {
        m_auditDetail->setHtml(QStringLiteral("<p>%1</p>").arg(html(tr("Select an entry to see its details."))));
        return;
    }
    const db::AuditEntry &entry = m_audit->row(current.row());
    DetailTable table;
    table.add(tr("Time"), logTime(entry.occurredAt));
    table.add(tr("Action"), entry.action);
    table.add(tr("Entity"), QStringLiteral("%1 %2").arg(entry.entityType, entry.entityName));
    table.add(tr("User"), entry.actorOsUser);
    table.add(tr("Database user"), entry.actorDbUser);
    table.add(tr("Host"), entry.host);
    table.add(tr("Version"), entry.appVersion);
    auto json = [](const QJsonObject &object) {
        return object.isEmpty() ? tr("(none)")
                                : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed();
    };
    m_auditDetail->setHtml(table.toHtml() + preBlock(tr("Before"), json(entry.before)) +
                           preBlock(tr("After"), json(entry.after)));
}

// --- export
// -------------------------------------------------------------------------------------------------------------

void LogsPage::exportView(Tab tab, const QString &path, LogExportFormat format)
{
    PagedLogModel *target = model(tab);
    if (target == nullptr) {
        Q_EMIT exportFinished(0, tr("Not connected to a database."));
        return;
    }
    m_exportInfo->setText(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)));
    target->exportView(path, format);
}

bool LogsPage::isBusy() const
{
    // Deleting a model waits for its query thread, so a query that reads the whole log (a text that matches nothing)
    // would block the window: the rebuild waits for it instead. A model that is replaced takes its export with it.
    const std::initializer_list<const PagedLogModel *> models{m_runs.get(), m_calls.get(), m_audit.get()};
    return std::any_of(models.begin(), models.end(),
                       [](const PagedLogModel *model) {
                           return model != nullptr && (model->isExporting() || model->isLoading());
                       }) ||
           Page::isBusy();
}

void LogsPage::askExport(LogExportFormat format)
{
    const bool csv = format == LogExportFormat::Csv;
    const QString base = currentTab() == Tab::Runs    ? QStringLiteral("sync-runs")
                         : currentTab() == Tab::Calls ? QStringLiteral("api-calls")
                                                      : QStringLiteral("audit-log");
    const QString name = base + QDateTime::currentDateTime().toString(QStringLiteral("-yyyyMMdd-HHmm")) +
                         (csv ? QStringLiteral(".csv") : QStringLiteral(".json"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the filtered rows"), name,
                                                      csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (!path.isEmpty()) {
        exportView(currentTab(), path, format);
    }
}

} // namespace ic::ui
