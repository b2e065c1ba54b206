#include "logs/LogModels.h"

#include <QBrush>
#include <QColor>
#include <QJsonDocument>
#include <QLocale>

namespace ic::ui {

namespace {

QVariant optionalValue(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

QVariant optionalText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant utcTime(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toUTC()) : QVariant(QMetaType::fromType<QDateTime>());
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const QColor failedColor(0xc6, 0x28, 0x28);
const QColor warningColor(0xb2, 0x6b, 0x00);
const QColor okColor(0x1b, 0x7f, 0x3b);

} // namespace

QString logTime(const QDateTime &time)
{
    if (!time.isValid()) {
        return {};
    }
    return QLocale().toString(time.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// --- PagedLogModel
// ----------------------------------------------------------------------------------------------------

PagedLogModel::PagedLogModel(db::DatabaseUrl url, QString password, QString tenant, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queries(std::make_unique<LogQueryThread>(std::move(url), std::move(password)))
    , m_tenant(std::move(tenant))
{
    connect(this, &PagedLogModel::exportFinished, this, [this] { --m_exports; });
}

PagedLogModel::~PagedLogModel()
{
    // Stop the query thread while this object is still whole: its jobs post their answers to it.
    m_closing->store(true);
    m_currentGeneration->store(~quint64(0));
    m_queries.reset();
}

int PagedLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : loadedRows();
}

bool PagedLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading;
}

void PagedLogModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    setLoading(true);
    startPage(m_generation, false);
}

void PagedLogModel::refresh()
{
    reload();
}

void PagedLogModel::reload()
{
    m_generation = m_currentGeneration->load() + 1;
    m_currentGeneration->store(m_generation);
    beginResetModel();
    clearRows();
    m_hasMore = false;
    m_error.reset();
    endResetModel();
    setLoading(true);
    startPage(m_generation, true);
}

void PagedLogModel::exportView(const QString &path, LogExportFormat format)
{
    ++m_exports;
    startExport(path, format);
}

void PagedLogModel::finishPage(quint64 generation, bool first, const std::optional<Error> &error, int rows,
                               bool hasMore, const std::function<void()> &append)
{
    if (generation != m_generation) {
        return; // an answer for a filter that has changed since
    }
    m_error = error;
    m_hasMore = !error && hasMore;
    if (!error && rows > 0) {
        const int start = loadedRows();
        beginInsertRows({}, start, start + rows - 1);
        append();
        endInsertRows();
    }
    setLoading(false);
    if (error) {
        Q_EMIT loadFailed();
    } else {
        Q_EMIT pageLoaded(first);
    }
}

void PagedLogModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged(loading);
    }
}

// --- Traits
// -------------------------------------------------------------------------------------------------------------

Result<CallLogTraits::Page> CallLogTraits::fetch(db::Database &database, const QString &tenant, const Filter &filter,
                                                 const std::optional<Cursor> &after, int limit)
{
    return db::CallLogRepository(database).page(tenant, filter, after, limit);
}

QStringList CallLogTraits::exportHeader()
{
    return {QStringLiteral("id"),
            QStringLiteral("request_at"),
            QStringLiteral("response_at"),
            QStringLiteral("service_id"),
            QStringLiteral("service_type"),
            QStringLiteral("method"),
            QStringLiteral("endpoint"),
            QStringLiteral("http_status"),
            QStringLiteral("api_errcode"),
            QStringLiteral("success"),
            QStringLiteral("duration_ms"),
            QStringLiteral("attempt"),
            QStringLiteral("correlation_id"),
            QStringLiteral("run_id"),
            QStringLiteral("error"),
            QStringLiteral("request_size"),
            QStringLiteral("request_payload"),
            QStringLiteral("response_size"),
            QStringLiteral("response_payload")};
}

QVariantList CallLogTraits::exportValues(const Row &row)
{
    return {row.id,
            utcTime(row.requestAt),
            utcTime(row.responseAt),
            optionalValue(row.serviceId),
            optionalText(row.serviceType),
            row.method,
            row.endpoint,
            row.httpStatus ? QVariant(*row.httpStatus) : QVariant(QMetaType::fromType<int>()),
            optionalText(row.apiErrcode),
            row.success,
            optionalValue(row.durationMs),
            row.attempt,
            optionalText(row.correlationId),
            optionalValue(row.runId),
            optionalText(row.error),
            optionalValue(row.requestSize),
            optionalText(row.requestPayload),
            optionalValue(row.responseSize),
            optionalText(row.responsePayload)};
}

Result<SyncRunTraits::Page> SyncRunTraits::fetch(db::Database &database, const QString &tenant, const Filter &filter,
                                                 const std::optional<Cursor> &after, int limit)
{
    return db::SyncRunRepository(database).list(tenant, filter, after, limit);
}

QStringList SyncRunTraits::exportHeader()
{
    return {QStringLiteral("id"),          QStringLiteral("created_at"),
            QStringLiteral("started_at"),  QStringLiteral("finished_at"),
            QStringLiteral("service_id"),  QStringLiteral("sync_type"),
            QStringLiteral("mode"),        QStringLiteral("trigger"),
            QStringLiteral("dry_run"),     QStringLiteral("status"),
            QStringLiteral("duration_ms"), QStringLiteral("fetched"),
            QStringLiteral("created"),     QStringLiteral("updated"),
            QStringLiteral("deleted"),     QStringLiteral("unchanged"),
            QStringLiteral("failed"),      QStringLiteral("error_summary"),
            QStringLiteral("host"),        QStringLiteral("pid"),
            QStringLiteral("app_version"), QStringLiteral("correlation_id")};
}

QVariantList SyncRunTraits::exportValues(const Row &row)
{
    return {row.id,
            utcTime(row.createdAt),
            utcTime(row.startedAt),
            utcTime(row.finishedAt),
            row.serviceId,
            row.syncType,
            row.mode,
            row.trigger,
            row.dryRun,
            db::syncRunStatusName(row.status),
            optionalValue(row.durationMs),
            row.counts.fetched,
            row.counts.created,
            row.counts.updated,
            row.counts.deleted,
            row.counts.unchanged,
            row.counts.failed,
            optionalText(row.errorSummary),
            optionalText(row.host),
            optionalValue(row.pid),
            optionalText(row.appVersion),
            optionalText(row.correlationId)};
}

Result<AuditLogTraits::Page> AuditLogTraits::fetch(db::Database &database, const QString &tenant, const Filter &filter,
                                                   const std::optional<Cursor> &after, int limit)
{
    return db::AuditLogRepository(database).page(tenant, filter, after, limit);
}

QStringList AuditLogTraits::exportHeader()
{
    return {QStringLiteral("id"),
            QStringLiteral("occurred_at"),
            QStringLiteral("action"),
            QStringLiteral("entity_type"),
            QStringLiteral("entity_name"),
            QStringLiteral("actor_os_user"),
            QStringLiteral("actor_db_user"),
            QStringLiteral("host"),
            QStringLiteral("before"),
            QStringLiteral("after"),
            QStringLiteral("app_version")};
}

QVariantList AuditLogTraits::exportValues(const Row &row)
{
    return {row.id,
            utcTime(row.occurredAt),
            row.action,
            row.entityType,
            optionalText(row.entityName),
            optionalText(row.actorOsUser),
            optionalText(row.actorDbUser),
            optionalText(row.host),
            jsonText(row.before),
            jsonText(row.after),
            optionalText(row.appVersion)};
}

// --- CallLogModel
// -------------------------------------------------------------------------------------------------------

CallLogModel::CallLogModel(db::DatabaseUrl url, QString password, QString tenant, QObject *parent)
    : KeysetLogModel(std::move(url), std::move(password), std::move(tenant), parent)
{}

void CallLogModel::setServiceNames(const ServiceNames &names)
{
    m_serviceNames = names;
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, Service), index(rowCount() - 1, Service), {Qt::DisplayRole});
    }
}

int CallLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Time:
        return tr("Time");
    case Service:
        return tr("Service");
    case Method:
        return tr("Method");
    case Endpoint:
        return tr("Endpoint");
    case HttpStatus:
        return tr("HTTP");
    case Errcode:
        return tr("Errcode");
    case Outcome:
        return tr("Result");
    case Duration:
        return tr("Duration");
    case Attempt:
        return tr("Attempt");
    case Run:
        return tr("Run");
    default:
        return {};
    }
}

QVariant CallLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const db::CallLogRecord &call = row(index.row());
    if (role == Qt::UserRole) {
        return call.id;
    }
    if (role == Qt::ForegroundRole && index.column() == Outcome) {
        return QBrush(call.success ? okColor : failedColor);
    }
    if (role == Qt::TextAlignmentRole && (index.column() == HttpStatus || index.column() == Duration ||
                                          index.column() == Attempt || index.column() == Run)) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && index.column() == Endpoint) {
        return call.endpoint;
    }
    if (role == Qt::ToolTipRole && index.column() == Outcome && !call.error.isEmpty()) {
        return call.error;
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case Time:
        return logTime(call.requestAt);
    case Service:
        if (!call.serviceId) {
            return call.serviceType;
        }
        return m_serviceNames.value(*call.serviceId, tr("#%1 (%2)").arg(*call.serviceId).arg(call.serviceType));
    case Method:
        return call.method;
    case Endpoint:
        return call.endpoint;
    case HttpStatus:
        return call.httpStatus ? QVariant(*call.httpStatus) : QVariant();
    case Errcode:
        return call.apiErrcode;
    case Outcome:
        return call.success ? tr("ok") : tr("failed");
    case Duration:
        return call.durationMs ? tr("%1 ms").arg(*call.durationMs) : QString();
    case Attempt:
        return call.attempt;
    case Run:
        return call.runId ? QVariant(*call.runId) : QVariant();
    default:
        return {};
    }
}

// --- SyncRunModel
// -------------------------------------------------------------------------------------------------------

SyncRunModel::SyncRunModel(db::DatabaseUrl url, QString password, QString tenant, QObject *parent)
    : KeysetLogModel(std::move(url), std::move(password), std::move(tenant), parent)
{}

void SyncRunModel::setServiceNames(const ServiceNames &names)
{
    m_serviceNames = names;
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, Service), index(rowCount() - 1, Service), {Qt::DisplayRole});
    }
}

int SyncRunModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SyncRunModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Id:
        return tr("Run");
    case Created:
        return tr("Created");
    case Service:
        return tr("Service");
    case Type:
        return tr("Type");
    case Mode:
        return tr("Mode");
    case Trigger:
        return tr("Trigger");
    case RunStatus:
        return tr("Status");
    case Duration:
        return tr("Duration");
    case Counts:
        return tr("Counts");
    case Host:
        return tr("Host");
    case Summary:
        return tr("Error summary");
    default:
        return {};
    }
}

QVariant SyncRunModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const db::SyncRunRecord &run = row(index.row());
    if (role == Qt::UserRole) {
        return run.id;
    }
    if (role == Qt::ForegroundRole && index.column() == RunStatus) {
        switch (run.status) {
        case db::SyncRunStatus::Success:
            return QBrush(okColor);
        case db::SyncRunStatus::Failed:
            return QBrush(failedColor);
        case db::SyncRunStatus::Partial:
        case db::SyncRunStatus::Cancelled:
            return QBrush(warningColor);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Summary) {
        return run.errorSummary;
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == Duration)) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case Id:
        return run.id;
    case Created:
        return logTime(run.createdAt);
    case Service:
        return m_serviceNames.value(run.serviceId, tr("#%1").arg(run.serviceId));
    case Type:
        return run.syncType;
    case Mode:
        return run.dryRun ? tr("%1 (dry run)").arg(run.mode) : run.mode;
    case Trigger:
        return run.trigger;
    case RunStatus:
        return db::syncRunStatusName(run.status);
    case Duration:
        return run.durationMs ? tr("%1 s").arg(QLocale().toString(double(*run.durationMs) / 1000.0, 'f', 1))
                              : QString();
    case Counts:
        return tr("%1 fetched, %2 created, %3 updated, %4 deleted, %5 failed")
            .arg(run.counts.fetched)
            .arg(run.counts.created)
            .arg(run.counts.updated)
            .arg(run.counts.deleted)
            .arg(run.counts.failed);
    case Host:
        return run.host;
    case Summary:
        return run.errorSummary.section(QLatin1Char('\n'), 0, 0);
    default:
        return {};
    }
}

// --- AuditLogModel
// ------------------------------------------------------------------------------------------------------

AuditLogModel::AuditLogModel(db::DatabaseUrl url, QString password, QString tenant, QObject *parent)
    : KeysetLogModel(std::move(url), std::move(password), std::move(tenant), parent)
{}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Time:
        return tr("Time");
    case Action:
        return tr("Action");
    case EntityType:
        return tr("Entity type");
    case Entity:
        return tr("Entity");
    case OsUser:
        return tr("User");
    case DbUser:
        return tr("Database user");
    case Host:
        return tr("Host");
    default:
        return {};
    }
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const db::AuditEntry &entry = row(index.row());
    if (role == Qt::UserRole) {
        return entry.id;
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case Time:
        return logTime(entry.occurredAt);
    case Action:
        return entry.action;
    case EntityType:
        return entry.entityType;
    case Entity:
        return entry.entityName;
    case OsUser:
        return entry.actorOsUser;
    case DbUser:
        return entry.actorDbUser;
    case Host:
        return entry.host;
    default:
        return {};
    }
}

} // namespace ic::ui
