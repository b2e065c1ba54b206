#pragma once

#include "common/Result.h"
#include "db/SyncRunRepository.h"
#include "sync/SyncContext.h"

#include <QCoreApplication>
#include <QCoro/QCoroTask>
#include <QJsonObject>

#include <atomic>
#include <functional>
#include <memory>

namespace ic::secrets {
class SecretStore;
}
namespace ic::services {
class ServiceTypeRegistry;
}

namespace ic::sync {

/// How a run ended, for the command line, the window and tests.
struct SyncReport {
    qint64 runId = 0;
    QString serviceName;
    QString syncType;
    SyncMode mode = SyncMode::Incremental;
    bool dryRun = false;
    db::SyncRunStatus status = db::SyncRunStatus::Success;
    /// The error that failed or cancelled the run; its code decides the exit code.
    std::optional<Error> failure;
    db::SyncCounts total;
    QList<QPair<db::SyncEntity, db::SyncCounts>> counts; ///< Per entity, in dependency order.
    QList<QPair<db::SyncEntity, EntityPlan>> plans;      ///< Per entity, in dependency order.
    QStringList warnings;
    /// The mass-deletion guard held back deletions (one of `warnings` says which): running again with
    /// SyncOptions::allowMassDelete applies them.
    bool massDeleteBlocked = false;
    QString errorSummary;
    qint64 errorCount = 0;
    QList<db::SyncRunErrorRecord> firstErrors; ///< At most 20.
    qint64 durationMs = 0;
    std::optional<qint64> resumedFrom;
    QList<qint64> interruptedRuns; ///< Earlier runs of the key found dead and ended as interrupted by this one.

    QJsonObject toJson() const;
    /// The row-level plan for --plan-out: per entity the counts and the keys (compound keys as arrays of parts).
    QJsonObject planJson() const;
};

/// What the caller hears while a run goes on, and how it stops one.
struct SyncObserver {
    std::function<void(const SyncProgress &)> progress;
    /// Set it (from any thread) to cancel: the run stops at its next safe point and ends `cancelled`.
    std::shared_ptr<std::atomic_bool> cancel = std::make_shared<std::atomic_bool>(false);
};

/// Runs one sync of one service, the same way for the command line, the window and a schedule (DESIGN.md "Sync
/// semantics"):
///  1. finds the service and its type's SyncProvider; a disabled service or an unknown type is a Configuration error;
///  2. takes the run locks of the type (a full run also takes the locks of the types it contains), without waiting:
///     ErrorCode::LockHeld naming the holder when another process runs it;
///  3. ends as interrupted the runs of the key whose process died (RunLock::markInterruptedRuns());
///  4. reads the configured secrets; a missing one is a SecretNotFound error with the command that stores it;
///  5. resumes the newest real run of the key when it ended failed, cancelled or interrupted less than a day ago with
///     the same mode and a checkpoint (SyncOptions::resume): its finished steps are skipped and the unfinished one
///     continues from its checkpoint;
///  6. records the run (pending -> running), heartbeats it and its locks every RunLock::heartbeatInterval (more
///     often with a short SyncOptions::lockStaleTime), runs the provider, and ends it: success; partial when items
///     failed or a warning stands (mass-deletion guard, nothing fetched where the last successful run fetched rows);
///     failed; cancelled.
/// Errors are returned only when no run could be recorded; a run that failed is a report with status failed.
///
/// Runs on the calling thread without blocking it for long (its database work is batched); the window runs it on a
/// worker thread with its own Database.
class SyncRunner {
    Q_DECLARE_TR_FUNCTIONS(ic::sync::SyncRunner)

public:
    /// `databasePassword`: the password `db` was opened with (empty for SQLite), for the lock's and the call log's
    /// own connections. Never logged.
    SyncRunner(db::Database &db, QString databasePassword, secrets::SecretStore &secrets, QString tenantId,
               const services::ServiceTypeRegistry &registry);

    QCoro::Task<Result<SyncReport>> run(QString serviceName, SyncOptions options, SyncObserver observer = {});

private:
    db::Database &m_db;
    QString m_databasePassword;
    secrets::SecretStore &m_secrets;
    QString m_tenantId;
    const services::ServiceTypeRegistry &m_registry;
};

} // namespace ic::sync
