#pragma once

#include "common/Result.h"
#include "db/Database.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace ic::db {

/// A row of `service_configs`. `secretRefs` maps a secret field name to its SecretLocator key; it never holds
/// a secret value.
struct ServiceConfigRecord {
    qint64 id = 0;
    QString uid; ///< UUID, stable across renames; secret keys derive from it.
    QString tenantId;
    QString name;
    QString type;
    QString category;
    QString description;
    QJsonObject settings; ///< Non-secret settings, field name -> value.
    QJsonObject secretRefs;
    bool enabled = true;
    QString status = QStringLiteral("inactive"); ///< active / inactive / error / testing
    int timeoutMs = 30000;
    QJsonObject retryPolicy;
    QJsonObject rateLimit;
    QString healthCheckEndpoint;
    int priority = 0;
    QDateTime lastTestedAt;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString createdBy;
    QString updatedBy;
};

/// Typed access to `service_configs`. All calls are scoped to one tenant.
class ServiceConfigRepository {
public:
    explicit ServiceConfigRepository(Database &db);
    Result<QList<ServiceConfigRecord>> list(const QString &tenantId);
    Result<std::optional<ServiceConfigRecord>> findByName(const QString &tenantId, const QString &name);
    /// Inserts and returns the new id. A duplicate (tenant, name) is ErrorCode::AlreadyExists.
    Result<qint64> insert(const ServiceConfigRecord &record);
    /// Updates every column of the row with record.id (and record.tenantId). NotFound if no such row.
    Status update(const ServiceConfigRecord &record);
    Status remove(const QString &tenantId, qint64 id);
    /// Sets the status (active / inactive / error / testing) and, when `testedAt` is valid, last_tested_at; nothing
    /// else, so a test never overwrites an edit made meanwhile. Not a configuration change: updated_at stays.
    Status setStatus(const QString &tenantId, qint64 id, const QString &status, const QDateTime &testedAt = {});

private:
    Database &m_db;
};

/// A row of `audit_log`: who changed what, before and after, with secrets removed by the caller.
struct AuditEntry {
    qint64 id = 0;
    QString tenantId;
    QDateTime occurredAt;
    QString actorOsUser;
    QString actorDbUser;
    QString host;
    QString action;     ///< create / update / enable / disable / remove / set_secret / remove_secret
    QString entityType; ///< "service_config"
    QString entityName;
    QJsonObject before;
    QJsonObject after;
    QString appVersion;
};

class AuditLogRepository {
public:
    explicit AuditLogRepository(Database &db);
    Result<qint64> append(const AuditEntry &entry);
    /// Newest first.
    Result<QList<AuditEntry>> list(const QString &tenantId, int limit = 100);

private:
    Database &m_db;
};

} // namespace ic::db
