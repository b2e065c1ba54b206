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

/// Which audit entries page() returns. Unset members do not filter.
struct AuditLogFilter {
    QString entityType;   ///< "service_config"
    QString entityName;   ///< Exact name of the entity (a service's name).
    QString action;       ///< create / update / ...
    QString textContains; ///< Substring of the entity name, the OS or database user or the host (ASCII letters
                          ///< compare case-insensitively).
    QDateTime since;      ///< occurred_at >= since.
    QDateTime until;      ///< occurred_at < until.
};

/// The position after the last entry of a page: the next page starts below it in (occurred_at, id) order.
struct AuditLogCursor {
    QDateTime occurredAt;
    qint64 id = 0;

    friend bool operator==(const AuditLogCursor &, const AuditLogCursor &) = default;
};

struct AuditLogPage {
    QList<AuditEntry> entries;          ///< Newest first: occurred_at descending, then id descending.
    std::optional<AuditLogCursor> next; ///< Set when more entries follow; pass it as `after` for the next page.
};

class AuditLogRepository {
public:
    /// The largest page page() returns.
    static constexpr int maxPageSize = 1000;

    explicit AuditLogRepository(Database &db);
    Result<qint64> append(const AuditEntry &entry);
    /// Newest first.
    Result<QList<AuditEntry>> list(const QString &tenantId, int limit = 100);
    /// One page of the tenant's entries matching `filter`, newest first, starting below `after` (from the newest
    /// when unset). Keyset paging on (occurred_at, id) through the (tenant_id, occurred_at) index: the cost of a page
    /// does not grow with its position, and entries appended meanwhile never shift later pages. `limit` is clamped to
    /// 1..maxPageSize.
    Result<AuditLogPage> page(const QString &tenantId, const AuditLogFilter &filter,
                              const std::optional<AuditLogCursor> &after, int limit);

private:
    Database &m_db;
};

} // namespace ic::db
