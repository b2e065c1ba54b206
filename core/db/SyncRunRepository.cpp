#include "SyncRunRepository.h"

#include "common/Logging.h"
#include "db/SqlError.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace ic::db {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::db::SyncRunRepository)
};

const QLatin1String statusNames[] = {QLatin1String("pending"), QLatin1String("running"), QLatin1String("success"),
                                     QLatin1String("partial"), QLatin1String("failed"),  QLatin1String("cancelled")};

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant nullableInt64(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<qint64> optionalInt64(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

QVariant jsonText(const QJsonObject &object)
{
    if (object.isEmpty()) {
        return QVariant(QMetaType::fromType<QString>());
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QVariant &value)
{
    const QString text = value.toString();
    if (text.isEmpty()) {
        return {};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (!document.isObject()) {
        // A row written by another tool: show the rest of the run rather than hiding it.
        qCWarning(lcDb) << "sync_runs.checkpoint does not hold a JSON object:" << error.errorString();
        return {};
    }
    return document.object();
}

QVariant nowOr(const Database &db, const QDateTime &time)
{
    return db.toDbTime(time.isValid() ? time : QDateTime::currentDateTimeUtc());
}

/// The id of the row an INSERT (with " RETURNING id" on PostgreSQL) has just added; 0 when unknown.
qint64 insertedId(const Database &db, QSqlQuery &query)
{
    if (db.dialect() == Dialect::PostgreSQL) {
        return query.next() ? query.value(0).toLongLong() : 0;
    }
    return query.lastInsertId().toLongLong();
}

QString returningId(const Database &db)
{
    return db.dialect() == Dialect::PostgreSQL ? QStringLiteral(" RETURNING id") : QString();
}

const char *const countColumns = "fetched_count, created_count, updated_count, deleted_count, unchanged_count, "
                                 "failed_count";

QVariantList countValues(const SyncCounts &counts)
{
    return {counts.fetched, counts.created, counts.updated, counts.deleted, counts.unchanged, counts.failed};
}

SyncCounts readCounts(const QSqlQuery &query, int first)
{
    SyncCounts counts;
    counts.fetched = query.value(first).toLongLong();
    counts.created = query.value(first + 1).toLongLong();
    counts.updated = query.value(first + 2).toLongLong();
    counts.deleted = query.value(first + 3).toLongLong();
    counts.unchanged = query.value(first + 4).toLongLong();
    counts.failed = query.value(first + 5).toLongLong();
    return counts;
}

SyncRunStatus readStatus(const QVariant &value, const char *table)
{
    const QString name = value.toString();
    if (const auto status = parseSyncRunStatus(name)) {
        return *status;
    }
    // A row written by another tool: show it as failed rather than as something that might still be going on.
    qCWarning(lcDb) << table << "holds the unknown status" << name;
    return SyncRunStatus::Failed;
}

/// The SELECT list that readRun() reads.
QString runColumns(const Database &db)
{
    return QStringLiteral("id, tenant_id, service_id, sync_type, mode, trigger_source, dry_run, status, ") +
           db.selectTime(QStringLiteral("started_at")) + QStringLiteral(", ") +
           db.selectTime(QStringLiteral("finished_at")) + QStringLiteral(", ") +
           db.selectTime(QStringLiteral("heartbeat_at")) + QStringLiteral(", duration_ms, ") +
           QLatin1String(countColumns) +
           QStringLiteral(", error_summary, checkpoint, host, pid, app_version, correlation_id, ") +
           db.selectTime(QStringLiteral("created_at")) + QStringLiteral(", ") +
           db.selectTime(QStringLiteral("updated_at"));
}

SyncRunRecord readRun(const Database &db, const QSqlQuery &query)
{
    SyncRunRecord run;
    run.id = query.value(0).toLongLong();
    run.tenantId = query.value(1).toString();
    run.serviceId = query.value(2).toLongLong();
    run.syncType = query.value(3).toString();
    run.mode = query.value(4).toString();
    run.trigger = query.value(5).toString();
    run.dryRun = query.value(6).toBool();
    run.status = readStatus(query.value(7), "sync_runs");
    run.startedAt = db.fromDbTime(query.value(8));
    run.finishedAt = db.fromDbTime(query.value(9));
    run.heartbeatAt = db.fromDbTime(query.value(10));
    run.durationMs = optionalInt64(query.value(11));
    run.counts = readCounts(query, 12);
    run.errorSummary = query.value(18).toString();
    run.checkpoint = jsonObject(query.value(19));
    run.host = query.value(20).toString();
    run.pid = optionalInt64(query.value(21));
    run.appVersion = query.value(22).toString();
    run.correlationId = query.value(23).toString();
    run.createdAt = db.fromDbTime(query.value(24));
    run.updatedAt = db.fromDbTime(query.value(25));
    return run;
}

QString stepColumns(const Database &db)
{
    return QStringLiteral("id, tenant_id, run_id, step_no, entity, status, ") + QLatin1String(countColumns) +
           QStringLiteral(", ") + db.selectTime(QStringLiteral("started_at")) + QStringLiteral(", ") +
           db.selectTime(QStringLiteral("finished_at"));
}

SyncRunStepRecord readStep(const Database &db, const QSqlQuery &query)
{
    SyncRunStepRecord step;
    step.id = query.value(0).toLongLong();
    step.tenantId = query.value(1).toString();
    step.runId = query.value(2).toLongLong();
    step.stepNo = query.value(3).toInt();
    step.entity = query.value(4).toString();
    step.status = readStatus(query.value(5), "sync_run_steps");
    step.counts = readCounts(query, 6);
    step.startedAt = db.fromDbTime(query.value(12));
    step.finishedAt = db.fromDbTime(query.value(13));
    return step;
}

QString errorColumns(const Database &db)
{
    return QStringLiteral("id, tenant_id, run_id, entity, external_id, errcode, message, ") +
           db.selectTime(QStringLiteral("created_at"));
}

SyncRunErrorRecord readError(const Database &db, const QSqlQuery &query)
{
    SyncRunErrorRecord error;
    error.id = query.value(0).toLongLong();
    error.tenantId = query.value(1).toString();
    error.runId = query.value(2).toLongLong();
    error.entity = query.value(3).toString();
    error.externalId = query.value(4).toString();
    error.errcode = query.value(5).toString();
    error.message = query.value(6).toString();
    error.occurredAt = db.fromDbTime(query.value(7));
    return error;
}

Status validate(const SyncRunRecord &run)
{
    if (run.tenantId.isEmpty()) {
        return Error::invalid(QStringLiteral("tenant_id"), Tr::tr("A sync run needs a tenant."));
    }
    if (run.serviceId <= 0) {
        return Error::invalid(QStringLiteral("service_id"), Tr::tr("A sync run needs a service."));
    }
    if (run.syncType.isEmpty()) {
        return Error::invalid(QStringLiteral("sync_type"), Tr::tr("A sync run needs a sync type."));
    }
    if (run.mode != QLatin1String("incremental") && run.mode != QLatin1String("full")) {
        return Error::invalid(QStringLiteral("mode"),
                              Tr::tr("“%1” is not a sync mode (incremental or full).").arg(run.mode));
    }
    if (run.trigger != QLatin1String("cli") && run.trigger != QLatin1String("gui") &&
        run.trigger != QLatin1String("schedule")) {
        return Error::invalid(QStringLiteral("trigger_source"),
                              Tr::tr("“%1” is not a sync trigger (cli, gui or schedule).").arg(run.trigger));
    }
    return {};
}

/// The error summary of a run that stopped sending heartbeats at `lastSign`.
QString interruptedSummary(const QDateTime &lastSign, const QString &host, const std::optional<qint64> &pid)
{
    QString summary = QString(interruptedSummaryPrefix) + QStringLiteral("no heartbeat since ") +
                      lastSign.toUTC().toString(Qt::ISODateWithMs);
    if (!host.isEmpty() || pid) {
        summary += QStringLiteral(" (host ") + (host.isEmpty() ? QStringLiteral("?") : host) +
                   QStringLiteral(", pid ") + (pid ? QString::number(*pid) : QStringLiteral("?")) + QLatin1Char(')');
    }
    return summary;
}

} // namespace

QString syncRunStatusName(SyncRunStatus status)
{
    return QString(statusNames[int(status)]);
}

std::optional<SyncRunStatus> parseSyncRunStatus(const QString &name)
{
    for (int i = 0; i < int(std::size(statusNames)); ++i) {
        if (name == statusNames[i]) {
            return SyncRunStatus(i);
        }
    }
    return std::nullopt;
}

bool isFinal(SyncRunStatus status)
{
    return status != SyncRunStatus::Pending && status != SyncRunStatus::Running;
}

SyncCounts &SyncCounts::operator+=(const SyncCounts &other)
{
    fetched += other.fetched;
    created += other.created;
    updated += other.updated;
    deleted += other.deleted;
    unchanged += other.unchanged;
    failed += other.failed;
    return *this;
}

bool SyncRunRecord::wasInterrupted() const
{
    return status == SyncRunStatus::Failed && errorSummary.startsWith(interruptedSummaryPrefix);
}

SyncRunRepository::SyncRunRepository(Database &db)
    : m_db(db)
{}

Result<qint64> SyncRunRepository::create(const SyncRunRecord &run)
{
    if (Status valid = validate(run); !valid) {
        return valid.error();
    }
    const QVariant createdAt = nowOr(m_db, run.createdAt);
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("INSERT INTO sync_runs (tenant_id, service_id, sync_type, mode, trigger_source, "
                                "dry_run, status, checkpoint, host, pid, app_version, correlation_id, created_at, "
                                "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)") +
                     returningId(m_db),
                 {run.tenantId, run.serviceId, run.syncType, run.mode, run.trigger, run.dryRun,
                  jsonText(run.checkpoint), nullableText(run.host), nullableInt64(run.pid),
                  nullableText(run.appVersion), nullableText(run.correlationId), createdAt, createdAt})) {
        return databaseError(Tr::tr("The sync run cannot be recorded."), query.lastError());
    }
    const qint64 id = insertedId(m_db, query);
    if (id <= 0) {
        return Error::make(ErrorCode::Internal, Tr::tr("The database did not return the id of the sync run."));
    }
    return id;
}

Error SyncRunRepository::notRunning(const QString &tenantId, qint64 runId)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query, QStringLiteral("SELECT status, host, pid FROM sync_runs WHERE tenant_id = ? AND id = ?"),
                 {tenantId, runId})) {
        return databaseError(Tr::tr("The sync run cannot be read."), query.lastError());
    }
    if (!query.next()) {
        return Error::make(ErrorCode::NotFound, Tr::tr("There is no sync run %1.").arg(runId));
    }
    const QString status = query.value(0).toString();
    Error error =
        Error::make(ErrorCode::LockHeld,
                    Tr::tr("Sync run %1 is no longer running here (its status is %2): another process has taken over.")
                        .arg(runId)
                        .arg(status),
                    QStringLiteral("sync_runs.status=%1 host=%2 pid=%3")
                        .arg(status, query.value(1).toString(), query.value(2).toString()),
                    Tr::tr("Stop this run; the run that took over continues from the last saved checkpoint."));
    return error;
}

Status SyncRunRepository::start(const QString &tenantId, qint64 runId, const QDateTime &at)
{
    const QVariant when = nowOr(m_db, at);
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("UPDATE sync_runs SET status = 'running', started_at = ?, heartbeat_at = ?, "
                                "updated_at = ? WHERE tenant_id = ? AND id = ? AND status = 'pending'"),
                 {when, when, when, tenantId, runId})) {
        return databaseError(Tr::tr("The sync run cannot be started."), query.lastError());
    }
    if (query.numRowsAffected() > 0) {
        return {};
    }
    Error error = notRunning(tenantId, runId);
    if (error.code == ErrorCode::LockHeld) {
        error.code = ErrorCode::Internal;
        error.message = Tr::tr("Sync run %1 cannot start: it is not pending.").arg(runId);
        error.hint.clear();
    }
    return error;
}

Status SyncRunRepository::heartbeat(const QString &tenantId, qint64 runId, const QString &host, qint64 pid,
                                    const QDateTime &at)
{
    const QVariant when = nowOr(m_db, at);
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("UPDATE sync_runs SET heartbeat_at = ?, updated_at = ? WHERE tenant_id = ? AND id = ? "
                                "AND status = 'running' AND host = ? AND pid = ?"),
                 {when, when, tenantId, runId, host, pid})) {
        return databaseError(Tr::tr("The heartbeat of the sync run cannot be recorded."), query.lastError());
    }
    if (query.numRowsAffected() > 0) {
        return {};
    }
    return notRunning(tenantId, runId);
}

Status SyncRunRepository::saveCheckpoint(const QString &tenantId, qint64 runId, const QJsonObject &checkpoint,
                                         const SyncCounts &counts)
{
    const QVariant now = nowOr(m_db, {});
    QVariantList values{jsonText(checkpoint)};
    values += countValues(counts);
    values << now << now << tenantId << runId;
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("UPDATE sync_runs SET checkpoint = ?, fetched_count = ?, created_count = ?, "
                                "updated_count = ?, deleted_count = ?, unchanged_count = ?, failed_count = ?, "
                                "heartbeat_at = ?, updated_at = ? WHERE tenant_id = ? AND id = ? "
                                "AND status = 'running'"),
                 values)) {
        return databaseError(Tr::tr("The checkpoint of the sync run cannot be saved."), query.lastError());
    }
    if (query.numRowsAffected() > 0) {
        return {};
    }
    return notRunning(tenantId, runId);
}

Status SyncRunRepository::finish(const QString &tenantId, qint64 runId, const SyncRunOutcome &outcome)
{
    if (!isFinal(outcome.status)) {
        return Error::invalid(
            QStringLiteral("status"),
            Tr::tr("A sync run cannot finish with status %1.").arg(syncRunStatusName(outcome.status)));
    }
    QSqlQuery read(m_db.handle());
    QSqlQuery update(m_db.handle());
    return m_db.transaction([&]() -> Status {
        if (!execute(read,
                     QStringLiteral("SELECT ") + m_db.selectTime(QStringLiteral("started_at")) +
                         QStringLiteral(" FROM sync_runs WHERE tenant_id = ? AND id = ? "
                                        "AND status IN ('pending', 'running')"),
                     {tenantId, runId})) {
            return databaseError(Tr::tr("The sync run cannot be read."), read.lastError());
        }
        if (!read.next()) {
            return notRunning(tenantId, runId);
        }
        const QDateTime startedAt = m_db.fromDbTime(read.value(0));
        const QDateTime finishedAt =
            outcome.finishedAt.isValid() ? outcome.finishedAt.toUTC() : QDateTime::currentDateTimeUtc();
        std::optional<qint64> durationMs;
        if (startedAt.isValid()) {
            durationMs = std::max<qint64>(0, startedAt.msecsTo(finishedAt));
        }
        QVariantList values{syncRunStatusName(outcome.status), m_db.toDbTime(finishedAt), nullableInt64(durationMs)};
        values += countValues(outcome.counts);
        values << nullableText(outcome.errorSummary) << m_db.toDbTime(QDateTime::currentDateTimeUtc()) << tenantId
               << runId;
        if (!execute(update,
                     QStringLiteral("UPDATE sync_runs SET status = ?, finished_at = ?, duration_ms = ?, "
                                    "fetched_count = ?, created_count = ?, updated_count = ?, deleted_count = ?, "
                                    "unchanged_count = ?, failed_count = ?, error_summary = ?, updated_at = ? "
                                    "WHERE tenant_id = ? AND id = ? AND status IN ('pending', 'running')"),
                     values)) {
            return databaseError(Tr::tr("The end of the sync run cannot be recorded."), update.lastError());
        }
        if (update.numRowsAffected() == 0) {
            return notRunning(tenantId, runId);
        }
        return {};
    });
}

Result<qint64> SyncRunRepository::addStep(const SyncRunStepRecord &step)
{
    if (step.tenantId.isEmpty() || step.runId <= 0) {
        return Error::invalid(QStringLiteral("run_id"), Tr::tr("A sync run step needs a tenant and a run."));
    }
    if (step.stepNo < 1) {
        return Error::invalid(QStringLiteral("step_no"), Tr::tr("Sync run steps are numbered from 1."));
    }
    if (step.entity.isEmpty()) {
        return Error::invalid(QStringLiteral("entity"), Tr::tr("A sync run step needs an entity."));
    }
    QVariantList values{step.tenantId, step.runId, step.stepNo, step.entity, syncRunStatusName(step.status)};
    values += countValues(step.counts);
    values << m_db.toDbTime(step.startedAt) << m_db.toDbTime(step.finishedAt);
    qint64 id = 0;
    // Declared outside the transaction: on PostgreSQL a failed statement aborts the transaction, and a prepared
    // statement can only be freed after the rollback.
    QSqlQuery run(m_db.handle());
    QSqlQuery query(m_db.handle());
    const Status added = m_db.transaction([&]() -> Status {
        // The run must belong to the tenant: a step of another tenant's run would be invisible to both.
        if (!execute(run, QStringLiteral("SELECT id FROM sync_runs WHERE tenant_id = ? AND id = ?"),
                     {step.tenantId, step.runId})) {
            return databaseError(Tr::tr("The sync run cannot be read."), run.lastError());
        }
        if (!run.next()) {
            return Error::make(ErrorCode::NotFound, Tr::tr("There is no sync run %1.").arg(step.runId));
        }
        if (!execute(query,
                     QStringLiteral("INSERT INTO sync_run_steps (tenant_id, run_id, step_no, entity, status, ") +
                         QLatin1String(countColumns) +
                         QStringLiteral(", started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") +
                         returningId(m_db),
                     values)) {
            if (isUniqueViolation(query.lastError())) {
                return Error::make(ErrorCode::AlreadyExists,
                                   Tr::tr("Sync run %1 has a step %2 already.").arg(step.runId).arg(step.stepNo));
            }
            return databaseError(Tr::tr("The sync run step cannot be recorded."), query.lastError());
        }
        id = insertedId(m_db, query);
        if (id <= 0) {
            return Error::make(ErrorCode::Internal, Tr::tr("The database did not return the id of the sync run step."));
        }
        return {};
    });
    if (!added) {
        return added.error();
    }
    return id;
}

Status SyncRunRepository::updateStep(const SyncRunStepRecord &step)
{
    QVariantList values{syncRunStatusName(step.status)};
    values += countValues(step.counts);
    values << m_db.toDbTime(step.startedAt) << m_db.toDbTime(step.finishedAt) << step.tenantId << step.runId
           << step.stepNo;
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("UPDATE sync_run_steps SET status = ?, fetched_count = ?, created_count = ?, "
                                "updated_count = ?, deleted_count = ?, unchanged_count = ?, failed_count = ?, "
                                "started_at = ?, finished_at = ? WHERE tenant_id = ? AND run_id = ? AND step_no = ?"),
                 values)) {
        return databaseError(Tr::tr("The sync run step cannot be updated."), query.lastError());
    }
    if (query.numRowsAffected() == 0) {
        return Error::make(ErrorCode::NotFound, Tr::tr("Sync run %1 has no step %2.").arg(step.runId).arg(step.stepNo));
    }
    return {};
}

Status SyncRunRepository::appendErrors(const QList<SyncRunErrorRecord> &errors)
{
    for (const SyncRunErrorRecord &error : errors) {
        if (error.tenantId.isEmpty() || error.runId <= 0) {
            return Error::invalid(QStringLiteral("run_id"), Tr::tr("A sync run error needs a tenant and a run."));
        }
    }
    if (errors.isEmpty()) {
        return {};
    }
    // Declared outside the transaction: on PostgreSQL a failed statement aborts the transaction, and a prepared
    // statement can only be freed after the rollback.
    QSqlQuery query(m_db.handle());
    query.setForwardOnly(true);
    const QVariant now = nowOr(m_db, {});
    return m_db.transaction([&]() -> Status {
        if (!query.prepare(QStringLiteral("INSERT INTO sync_run_errors (tenant_id, run_id, entity, external_id, "
                                          "errcode, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"))) {
            return databaseError(Tr::tr("The errors of the sync run cannot be recorded."), query.lastError());
        }
        for (const SyncRunErrorRecord &error : errors) {
            const QVariant values[] = {error.tenantId,
                                       error.runId,
                                       nullableText(error.entity),
                                       nullableText(error.externalId),
                                       nullableText(error.errcode),
                                       nullableText(error.message),
                                       error.occurredAt.isValid() ? m_db.toDbTime(error.occurredAt) : now};
            for (int i = 0; i < int(std::size(values)); ++i) {
                query.bindValue(i, values[i]);
            }
            if (!query.exec()) {
                if (isForeignKeyViolation(query.lastError())) {
                    return Error::make(ErrorCode::NotFound, Tr::tr("There is no sync run %1.").arg(error.runId));
                }
                return databaseError(Tr::tr("The errors of the sync run cannot be recorded."), query.lastError());
            }
        }
        return {};
    });
}

Result<SyncRunPage> SyncRunRepository::list(const QString &tenantId, const SyncRunFilter &filter,
                                            const std::optional<qint64> &afterId, int limit)
{
    limit = std::clamp(limit, 1, maxPageSize);
    QString statement =
        QStringLiteral("SELECT ") + runColumns(m_db) + QStringLiteral(" FROM sync_runs WHERE tenant_id = ?");
    QVariantList values{tenantId};
    if (filter.serviceId) {
        statement += QStringLiteral(" AND service_id = ?");
        values.append(*filter.serviceId);
    }
    if (!filter.syncType.isEmpty()) {
        statement += QStringLiteral(" AND sync_type = ?");
        values.append(filter.syncType);
    }
    if (filter.status) {
        statement += QStringLiteral(" AND status = ?");
        values.append(syncRunStatusName(*filter.status));
    }
    if (filter.since.isValid()) {
        statement += QStringLiteral(" AND created_at >= ?");
        values.append(m_db.toDbTime(filter.since));
    }
    if (filter.until.isValid()) {
        statement += QStringLiteral(" AND created_at < ?");
        values.append(m_db.toDbTime(filter.until));
    }
    if (filter.runId) {
        statement += QStringLiteral(" AND id = ?");
        values.append(*filter.runId);
    }
    if (!filter.correlationId.isEmpty()) {
        statement += QStringLiteral(" AND correlation_id = ?");
        values.append(filter.correlationId);
    }
    if (!filter.textContains.isEmpty()) {
        statement += QStringLiteral(" AND (LOWER(error_summary) LIKE ? ESCAPE '!' OR LOWER(host) LIKE ? ESCAPE '!')");
        const QString pattern = containsPattern(filter.textContains);
        values << pattern << pattern;
    }
    if (afterId) {
        statement += QStringLiteral(" AND id < ?");
        values.append(*afterId);
    }
    statement += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    values.append(limit + 1); // one more than asked: whether another page follows

    QSqlQuery query(m_db.handle());
    if (!execute(query, statement, values)) {
        return databaseError(Tr::tr("The sync runs cannot be read."), query.lastError());
    }
    SyncRunPage page;
    while (query.next()) {
        if (page.runs.size() == limit) {
            page.next = page.runs.constLast().id;
            break;
        }
        page.runs.append(readRun(m_db, query));
    }
    return page;
}

Result<std::optional<SyncRunDetails>> SyncRunRepository::find(const QString &tenantId, qint64 runId, int errorLimit)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT ") + runColumns(m_db) +
                     QStringLiteral(" FROM sync_runs WHERE tenant_id = ? AND id = ?"),
                 {tenantId, runId})) {
        return databaseError(Tr::tr("The sync run cannot be read."), query.lastError());
    }
    if (!query.next()) {
        return std::optional<SyncRunDetails>();
    }
    SyncRunDetails details;
    details.run = readRun(m_db, query);

    QSqlQuery steps(m_db.handle());
    if (!execute(steps,
                 QStringLiteral("SELECT ") + stepColumns(m_db) +
                     QStringLiteral(" FROM sync_run_steps WHERE tenant_id = ? AND run_id = ? ORDER BY step_no"),
                 {tenantId, runId})) {
        return databaseError(Tr::tr("The steps of the sync run cannot be read."), steps.lastError());
    }
    while (steps.next()) {
        details.steps.append(readStep(m_db, steps));
    }

    QSqlQuery count(m_db.handle());
    if (!execute(count, QStringLiteral("SELECT COUNT(*) FROM sync_run_errors WHERE tenant_id = ? AND run_id = ?"),
                 {tenantId, runId}) ||
        !count.next()) {
        return databaseError(Tr::tr("The errors of the sync run cannot be read."), count.lastError());
    }
    details.errorCount = count.value(0).toLongLong();
    if (errorLimit > 0 && details.errorCount > 0) {
        QSqlQuery errors(m_db.handle());
        if (!execute(errors,
                     QStringLiteral("SELECT ") + errorColumns(m_db) +
                         QStringLiteral(" FROM sync_run_errors WHERE tenant_id = ? AND run_id = ? ORDER BY id "
                                        "LIMIT ?"),
                     {tenantId, runId, errorLimit})) {
            return databaseError(Tr::tr("The errors of the sync run cannot be read."), errors.lastError());
        }
        while (errors.next()) {
            details.errors.append(readError(m_db, errors));
        }
    }
    return std::optional<SyncRunDetails>(std::move(details));
}

Result<std::optional<SyncRunRecord>> SyncRunRepository::lastRun(const SyncRunKey &key)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT ") + runColumns(m_db) +
                     QStringLiteral(" FROM sync_runs WHERE tenant_id = ? AND service_id = ? AND sync_type = ? "
                                    "ORDER BY id DESC LIMIT 1"),
                 {key.tenantId, key.serviceId, key.syncType})) {
        return databaseError(Tr::tr("The last sync run cannot be read."), query.lastError());
    }
    if (!query.next()) {
        return std::optional<SyncRunRecord>();
    }
    return std::optional<SyncRunRecord>(readRun(m_db, query));
}

Result<std::optional<SyncRunRecord>> SyncRunRepository::lastSuccess(const SyncRunKey &key)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT ") + runColumns(m_db) +
                     QStringLiteral(" FROM sync_runs WHERE tenant_id = ? AND service_id = ? AND sync_type = ? "
                                    "AND status = 'success' AND dry_run = ? ORDER BY id DESC LIMIT 1"),
                 {key.tenantId, key.serviceId, key.syncType, false})) {
        return databaseError(Tr::tr("The last successful sync run cannot be read."), query.lastError());
    }
    if (!query.next()) {
        return std::optional<SyncRunRecord>();
    }
    return std::optional<SyncRunRecord>(readRun(m_db, query));
}

Result<QList<SyncRunRecord>> SyncRunRepository::lastRunPerType(const QString &tenantId, qint64 serviceId)
{
    QSqlQuery query(m_db.handle());
    // The derived table has MySQL compute the ids once rather than once per row.
    if (!execute(query,
                 QStringLiteral("SELECT ") + runColumns(m_db) +
                     QStringLiteral(" FROM sync_runs WHERE id IN (SELECT last_id FROM (SELECT MAX(id) AS last_id "
                                    "FROM sync_runs WHERE tenant_id = ? AND service_id = ? GROUP BY sync_type) "
                                    "AS last_runs) ORDER BY sync_type"),
                 {tenantId, serviceId})) {
        return databaseError(Tr::tr("The last sync runs cannot be read."), query.lastError());
    }
    QList<SyncRunRecord> runs;
    while (query.next()) {
        runs.append(readRun(m_db, query));
    }
    return runs;
}

Result<QList<SyncRunRecord>> SyncRunRepository::markStaleRuns(const SyncRunKey &key, const QDateTime &staleBefore,
                                                              const QDateTime &now)
{
    const QString lastSign = QStringLiteral("COALESCE(heartbeat_at, started_at, created_at)");
    const QVariant cutoff = m_db.toDbTime(staleBefore);
    const QVariant updatedAt = nowOr(m_db, now);
    QList<SyncRunRecord> marked;
    QSqlQuery candidates(m_db.handle());
    QSqlQuery update(m_db.handle());
    QSqlQuery steps(m_db.handle());
    const Status done = m_db.transaction([&]() -> Status {
        if (!execute(candidates,
                     QStringLiteral("SELECT ") + runColumns(m_db) +
                         QStringLiteral(" FROM sync_runs WHERE tenant_id = ? AND service_id = ? AND sync_type = ? "
                                        "AND status IN ('pending', 'running') AND ") +
                         lastSign + QStringLiteral(" < ? ORDER BY id"),
                     {key.tenantId, key.serviceId, key.syncType, cutoff})) {
            return databaseError(Tr::tr("The interrupted sync runs cannot be read."), candidates.lastError());
        }
        QList<SyncRunRecord> stale;
        while (candidates.next()) {
            stale.append(readRun(m_db, candidates));
        }
        for (SyncRunRecord &run : stale) {
            const QDateTime last = run.heartbeatAt.isValid() ? run.heartbeatAt
                                   : run.startedAt.isValid() ? run.startedAt
                                                             : run.createdAt;
            run.status = SyncRunStatus::Failed;
            run.finishedAt = last;
            run.durationMs = run.startedAt.isValid()
                                 ? std::optional<qint64>(std::max<qint64>(0, run.startedAt.msecsTo(last)))
                                 : std::nullopt;
            run.errorSummary = interruptedSummary(last, run.host, run.pid);
            run.updatedAt = m_db.fromDbTime(updatedAt);
            if (!execute(update,
                         QStringLiteral("UPDATE sync_runs SET status = 'failed', finished_at = ?, duration_ms = ?, "
                                        "error_summary = ?, updated_at = ? WHERE id = ? "
                                        "AND status IN ('pending', 'running') AND ") +
                             lastSign + QStringLiteral(" < ?"),
                         {m_db.toDbTime(run.finishedAt), nullableInt64(run.durationMs), run.errorSummary, updatedAt,
                          run.id, cutoff})) {
                return databaseError(Tr::tr("An interrupted sync run cannot be ended."), update.lastError());
            }
            if (update.numRowsAffected() == 0) {
                continue; // it sent a heartbeat meanwhile
            }
            if (!execute(steps,
                         QStringLiteral("UPDATE sync_run_steps SET status = 'failed', finished_at = ? "
                                        "WHERE run_id = ? AND status = 'running'"),
                         {m_db.toDbTime(run.finishedAt), run.id})) {
                return databaseError(Tr::tr("An interrupted sync run cannot be ended."), steps.lastError());
            }
            qCWarning(lcDb) << "sync run" << run.id << "of" << key.syncType << "service" << key.serviceId
                            << "ended as interrupted:" << run.errorSummary;
            marked.append(run);
        }
        return {};
    });
    if (!done) {
        return done.error();
    }
    return marked;
}

} // namespace ic::db
