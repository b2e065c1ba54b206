#include "Repositories.h"

#include "common/Logging.h"
#include "db/SqlError.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

namespace ic::db {

namespace {

QString toJsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject fromJsonText(const QVariant &value, const char *column)
{
    const QString text = value.toString();
    if (text.isEmpty()) {
        return {};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (!document.isObject()) {
        // A row written by another tool: show what can be shown rather than hiding the whole row.
        qCWarning(lcDb) << "column" << column << "does not hold a JSON object:" << error.errorString();
        return {};
    }
    return document.object();
}

QVariant nowOr(const Database &db, const QDateTime &time)
{
    return db.toDbTime(time.isValid() ? time : QDateTime::currentDateTimeUtc());
}

QString serviceColumns(const Database &db)
{
    return QStringLiteral("id, uid, tenant_id, name, type, category, description, settings, secret_refs, enabled, "
                          "status, timeout_ms, retry_policy, rate_limit, health_check_endpoint, priority, ") +
           db.selectTime(QStringLiteral("last_tested_at")) + QStringLiteral(", ") +
           db.selectTime(QStringLiteral("created_at")) + QStringLiteral(", ") +
           db.selectTime(QStringLiteral("updated_at")) + QStringLiteral(", created_by, updated_by");
}

ServiceConfigRecord readServiceConfig(const Database &db, const QSqlQuery &query)
{
    ServiceConfigRecord record;
    record.id = query.value(0).toLongLong();
    record.uid = query.value(1).toString();
    record.tenantId = query.value(2).toString();
    record.name = query.value(3).toString();
    record.type = query.value(4).toString();
    record.category = query.value(5).toString();
    record.description = query.value(6).toString();
    record.settings = fromJsonText(query.value(7), "settings");
    record.secretRefs = fromJsonText(query.value(8), "secret_refs");
    record.enabled = query.value(9).toBool();
    record.status = query.value(10).toString();
    record.timeoutMs = query.value(11).toInt();
    record.retryPolicy = fromJsonText(query.value(12), "retry_policy");
    record.rateLimit = fromJsonText(query.value(13), "rate_limit");
    record.healthCheckEndpoint = query.value(14).toString();
    record.priority = query.value(15).toInt();
    record.lastTestedAt = db.fromDbTime(query.value(16));
    record.createdAt = db.fromDbTime(query.value(17));
    record.updatedAt = db.fromDbTime(query.value(18));
    record.createdBy = query.value(19).toString();
    record.updatedBy = query.value(20).toString();
    return record;
}

Error serviceExists(const QString &name)
{
    Error error = Error::make(
        ErrorCode::AlreadyExists,
        QCoreApplication::translate("ic::db::ServiceConfigRepository", "A service named “%1” exists already.")
            .arg(name),
        {},
        QCoreApplication::translate("ic::db::ServiceConfigRepository",
                                    "Choose another name, or change the existing service."));
    error.field = QStringLiteral("name");
    return error;
}

Error serviceNotFound(const QString &name, qint64 id)
{
    return Error::make(
        ErrorCode::NotFound,
        name.isEmpty()
            ? QCoreApplication::translate("ic::db::ServiceConfigRepository", "There is no service with id %1.").arg(id)
            : QCoreApplication::translate("ic::db::ServiceConfigRepository", "The service “%1” does not exist.")
                  .arg(name));
}

/// Whether another row of the tenant already uses `name` (`exceptId`: the row being updated).
Result<bool> nameTaken(Database &db, const QString &tenantId, const QString &name, qint64 exceptId)
{
    QSqlQuery query(db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT COUNT(*) FROM service_configs WHERE tenant_id = ? AND name = ? AND id <> ?"),
                 {tenantId, name, exceptId}) ||
        !query.next()) {
        return databaseError(QCoreApplication::translate("ic::db::ServiceConfigRepository",
                                                         "The service configurations cannot be read."),
                             query.lastError());
    }
    return query.value(0).toLongLong() > 0;
}

} // namespace

ServiceConfigRepository::ServiceConfigRepository(Database &db)
    : m_db(db)
{}

Result<QList<ServiceConfigRecord>> ServiceConfigRepository::list(const QString &tenantId)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT ") + serviceColumns(m_db) +
                     QStringLiteral(" FROM service_configs WHERE tenant_id = ? ORDER BY name, id"),
                 {tenantId})) {
        return databaseError(QCoreApplication::translate("ic::db::ServiceConfigRepository",
                                                         "The service configurations cannot be read."),
                             query.lastError());
    }
    QList<ServiceConfigRecord> records;
    while (query.next()) {
        records.append(readServiceConfig(m_db, query));
    }
    return records;
}

Result<std::optional<ServiceConfigRecord>> ServiceConfigRepository::findByName(const QString &tenantId,
                                                                               const QString &name)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT ") + serviceColumns(m_db) +
                     QStringLiteral(" FROM service_configs WHERE tenant_id = ? AND name = ?"),
                 {tenantId, name})) {
        return databaseError(QCoreApplication::translate("ic::db::ServiceConfigRepository",
                                                         "The service configuration “%1” cannot be read.")
                                 .arg(name),
                             query.lastError());
    }
    if (!query.next()) {
        return std::optional<ServiceConfigRecord>();
    }
    return std::optional<ServiceConfigRecord>(readServiceConfig(m_db, query));
}

Result<qint64> ServiceConfigRepository::insert(const ServiceConfigRecord &record)
{
    const QString uid = record.uid.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : record.uid;
    qint64 newId = 0;
    // Declared outside the transaction: on PostgreSQL a failed statement aborts the transaction, and a prepared
    // statement can only be freed after the rollback.
    QSqlQuery query(m_db.handle());
    Status status = m_db.transaction([&]() -> Status {
        auto taken = nameTaken(m_db, record.tenantId, record.name, 0);
        if (!taken) {
            return taken.error();
        }
        if (taken.value()) {
            return serviceExists(record.name);
        }
        QString statement = QStringLiteral(
            "INSERT INTO service_configs (uid, tenant_id, name, type, category, description, settings, secret_refs, "
            "enabled, status, timeout_ms, retry_policy, rate_limit, health_check_endpoint, priority, last_tested_at, "
            "created_at, updated_at, created_by, updated_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (m_db.dialect() == Dialect::PostgreSQL) {
            statement += QStringLiteral(" RETURNING id"); // lastInsertId() is the OID on PostgreSQL
        }
        const QVariant created = nowOr(m_db, record.createdAt);
        if (!execute(query, statement,
                     {uid,
                      record.tenantId,
                      record.name,
                      record.type,
                      record.category,
                      record.description,
                      toJsonText(record.settings),
                      toJsonText(record.secretRefs),
                      record.enabled,
                      record.status,
                      record.timeoutMs,
                      toJsonText(record.retryPolicy),
                      toJsonText(record.rateLimit),
                      record.healthCheckEndpoint,
                      record.priority,
                      m_db.toDbTime(record.lastTestedAt),
                      created,
                      record.updatedAt.isValid() ? m_db.toDbTime(record.updatedAt) : created,
                      record.createdBy,
                      record.updatedBy})) {
            if (isUniqueViolation(query.lastError())) {
                return serviceExists(record.name); // another program inserted it since our check
            }
            return databaseError(
                QCoreApplication::translate("ic::db::ServiceConfigRepository", "The service “%1” cannot be saved.")
                    .arg(record.name),
                query.lastError());
        }
        if (m_db.dialect() == Dialect::PostgreSQL) {
            newId = query.next() ? query.value(0).toLongLong() : 0;
        } else {
            newId = query.lastInsertId().toLongLong();
        }
        if (newId <= 0) {
            return Error::make(ErrorCode::Internal, QCoreApplication::translate("ic::db::ServiceConfigRepository",
                                                                                "The database did not return the id "
                                                                                "of the new service “%1”.")
                                                        .arg(record.name));
        }
        return {};
    });
    if (!status) {
        return status.error();
    }
    return newId;
}

Status ServiceConfigRepository::update(const ServiceConfigRecord &record)
{
    // Declared outside the transaction: on PostgreSQL a failed statement aborts the transaction, and a prepared
    // statement can only be freed after the rollback.
    QSqlQuery query(m_db.handle());
    return m_db.transaction([&]() -> Status {
        auto taken = nameTaken(m_db, record.tenantId, record.name, record.id);
        if (!taken) {
            return taken.error();
        }
        if (taken.value()) {
            return serviceExists(record.name);
        }
        // uid, tenant_id and the creation facts never change.
        if (!execute(query,
                     QStringLiteral(
                         "UPDATE service_configs SET name = ?, type = ?, category = ?, description = ?, settings = ?, "
                         "secret_refs = ?, enabled = ?, status = ?, timeout_ms = ?, retry_policy = ?, rate_limit = ?, "
                         "health_check_endpoint = ?, priority = ?, last_tested_at = ?, updated_at = ?, updated_by = ? "
                         "WHERE id = ? AND tenant_id = ?"),
                     {record.name, record.type, record.category, record.description, toJsonText(record.settings),
                      toJsonText(record.secretRefs), record.enabled, record.status, record.timeoutMs,
                      toJsonText(record.retryPolicy), toJsonText(record.rateLimit), record.healthCheckEndpoint,
                      record.priority, m_db.toDbTime(record.lastTestedAt), nowOr(m_db, record.updatedAt),
                      record.updatedBy, record.id, record.tenantId})) {
            if (isUniqueViolation(query.lastError())) {
                return serviceExists(record.name);
            }
            return databaseError(
                QCoreApplication::translate("ic::db::ServiceConfigRepository", "The service “%1” cannot be saved.")
                    .arg(record.name),
                query.lastError());
        }
        if (query.numRowsAffected() == 0) {
            return serviceNotFound(record.name, record.id);
        }
        return {};
    });
}

Status ServiceConfigRepository::setStatus(const QString &tenantId, qint64 id, const QString &status,
                                          const QDateTime &testedAt)
{
    QSqlQuery query(m_db.handle());
    const bool ok =
        testedAt.isValid()
            ? execute(query,
                      QStringLiteral("UPDATE service_configs SET status = ?, last_tested_at = ? "
                                     "WHERE id = ? AND tenant_id = ?"),
                      {status, m_db.toDbTime(testedAt), id, tenantId})
            : execute(query, QStringLiteral("UPDATE service_configs SET status = ? WHERE id = ? AND tenant_id = ?"),
                      {status, id, tenantId});
    if (!ok) {
        return databaseError(
            QCoreApplication::translate("ic::db::ServiceConfigRepository", "The status of service %1 cannot be saved.")
                .arg(id),
            query.lastError());
    }
    if (query.numRowsAffected() == 0) {
        return serviceNotFound(QString::number(id), id);
    }
    return {};
}

Status ServiceConfigRepository::remove(const QString &tenantId, qint64 id)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query, QStringLiteral("DELETE FROM service_configs WHERE tenant_id = ? AND id = ?"), {tenantId, id})) {
        return databaseError(
            QCoreApplication::translate("ic::db::ServiceConfigRepository", "The service with id %1 cannot be removed.")
                .arg(id),
            query.lastError());
    }
    if (query.numRowsAffected() == 0) {
        return serviceNotFound({}, id);
    }
    return {};
}

AuditLogRepository::AuditLogRepository(Database &db)
    : m_db(db)
{}

Result<qint64> AuditLogRepository::append(const AuditEntry &entry)
{
    QString statement = QStringLiteral(
        "INSERT INTO audit_log (tenant_id, occurred_at, actor_os_user, actor_db_user, host, action, entity_type, "
        "entity_name, before_state, after_state, app_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (m_db.dialect() == Dialect::PostgreSQL) {
        statement += QStringLiteral(" RETURNING id");
    }
    QSqlQuery query(m_db.handle());
    if (!execute(query, statement,
                 {entry.tenantId, nowOr(m_db, entry.occurredAt), entry.actorOsUser, entry.actorDbUser, entry.host,
                  entry.action, entry.entityType, entry.entityName, toJsonText(entry.before), toJsonText(entry.after),
                  entry.appVersion.isEmpty() ? QStringLiteral(IC_VERSION) : entry.appVersion})) {
        return databaseError(
            QCoreApplication::translate("ic::db::AuditLogRepository", "The audit log entry cannot be written."),
            query.lastError());
    }
    const qint64 id = m_db.dialect() == Dialect::PostgreSQL ? (query.next() ? query.value(0).toLongLong() : 0)
                                                            : query.lastInsertId().toLongLong();
    if (id <= 0) {
        return Error::make(ErrorCode::Internal,
                           QCoreApplication::translate("ic::db::AuditLogRepository",
                                                       "The database did not return the id of the audit log entry."));
    }
    return id;
}

namespace {

QString auditColumns(const Database &db)
{
    return QStringLiteral("id, tenant_id, ") + db.selectTime(QStringLiteral("occurred_at")) +
           QStringLiteral(", actor_os_user, actor_db_user, host, action, entity_type, entity_name, before_state, "
                          "after_state, app_version");
}

AuditEntry readAuditEntry(const Database &db, const QSqlQuery &query)
{
    AuditEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.tenantId = query.value(1).toString();
    entry.occurredAt = db.fromDbTime(query.value(2));
    entry.actorOsUser = query.value(3).toString();
    entry.actorDbUser = query.value(4).toString();
    entry.host = query.value(5).toString();
    entry.action = query.value(6).toString();
    entry.entityType = query.value(7).toString();
    entry.entityName = query.value(8).toString();
    entry.before = fromJsonText(query.value(9), "before_state");
    entry.after = fromJsonText(query.value(10), "after_state");
    entry.appVersion = query.value(11).toString();
    return entry;
}

} // namespace

Result<QList<AuditEntry>> AuditLogRepository::list(const QString &tenantId, int limit)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT ") + auditColumns(m_db) +
                     QStringLiteral(" FROM audit_log WHERE tenant_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?"),
                 {tenantId, std::max(0, limit)})) {
        return databaseError(QCoreApplication::translate("ic::db::AuditLogRepository", "The audit log cannot be read."),
                             query.lastError());
    }
    QList<AuditEntry> entries;
    while (query.next()) {
        entries.append(readAuditEntry(m_db, query));
    }
    return entries;
}

Result<AuditLogPage> AuditLogRepository::page(const QString &tenantId, const AuditLogFilter &filter,
                                              const std::optional<AuditLogCursor> &after, int limit)
{
    limit = std::clamp(limit, 1, maxPageSize);
    QString statement =
        QStringLiteral("SELECT ") + auditColumns(m_db) + QStringLiteral(" FROM audit_log WHERE tenant_id = ?");
    QVariantList values{tenantId};
    if (!filter.entityType.isEmpty()) {
        statement += QStringLiteral(" AND entity_type = ?");
        values.append(filter.entityType);
    }
    if (!filter.entityName.isEmpty()) {
        statement += QStringLiteral(" AND entity_name = ?");
        values.append(filter.entityName);
    }
    if (!filter.action.isEmpty()) {
        statement += QStringLiteral(" AND action = ?");
        values.append(filter.action);
    }
    if (!filter.textContains.isEmpty()) {
        statement += QStringLiteral(" AND (LOWER(entity_name) LIKE ? ESCAPE '!' OR LOWER(actor_os_user) LIKE ? ESCAPE "
                                    "'!' OR LOWER(actor_db_user) LIKE ? ESCAPE '!' OR LOWER(host) LIKE ? ESCAPE '!')");
        const QString pattern = containsPattern(filter.textContains);
        values << pattern << pattern << pattern << pattern;
    }
    if (filter.since.isValid()) {
        statement += QStringLiteral(" AND occurred_at >= ?");
        values.append(m_db.toDbTime(filter.since));
    }
    if (filter.until.isValid()) {
        statement += QStringLiteral(" AND occurred_at < ?");
        values.append(m_db.toDbTime(filter.until));
    }
    if (after) {
        // A range on occurred_at that the index can seek, then the ties at the cursor's instant (as in call_log).
        statement += QStringLiteral(" AND occurred_at <= ? AND (occurred_at < ? OR id < ?)");
        const QVariant at = m_db.toDbTime(after->occurredAt);
        values << at << at << after->id;
    }
    statement += QStringLiteral(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
    values.append(limit + 1); // one more than asked: whether another page follows

    QSqlQuery query(m_db.handle());
    if (!execute(query, statement, values)) {
        return databaseError(QCoreApplication::translate("ic::db::AuditLogRepository", "The audit log cannot be read."),
                             query.lastError());
    }
    AuditLogPage page;
    while (query.next()) {
        if (page.entries.size() == limit) {
            const AuditEntry &last = page.entries.constLast();
            page.next = AuditLogCursor{last.occurredAt, last.id};
            break;
        }
        page.entries.append(readAuditEntry(m_db, query));
    }
    return page;
}

} // namespace ic::db
