#pragma once

#include "common/Result.h"
#include "db/DatabaseUrl.h"
#include "db/SyncLockRepository.h"
#include "db/SyncRunRepository.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>
#include <memory>

namespace ic::db {
class Database;
}

namespace ic::sync {

/// Who holds (or wants) a run lock: shown to a process that finds the lock taken.
struct RunHolder {
    QString host;     ///< The machine's host name.
    qint64 pid = 0;   ///< The process id.
    qint64 runId = 0; ///< The holder's sync_runs row; 0 until it has created it (see RunLock::attachRun()).

    /// This machine and process.
    static RunHolder thisProcess(qint64 runId = 0);
};

/// One sync run per tenant, service and sync type at a time, across processes and machines, enforced by the database
/// (DESIGN.md "Sync semantics"). The lock lives on a connection of its own, opened by acquire() and closed when the
/// lock is released, so the run's own transactions never release it by accident.
///
///  - PostgreSQL: a session-level pg_try_advisory_lock on a 64-bit key hashed from (database, tenant, service, type);
///  - MySQL/MariaDB: GET_LOCK(name, 0), the name hashed from the same fields ("ic_sync_" + 56 hex digits);
///  - SQLite: the `sync_locks` row of the key, taken in a write transaction (BEGIN IMMEDIATE).
///
/// On every dialect the holder (host, pid, run id, since when, last heartbeat) is in `sync_locks`, so a process that
/// finds the lock taken names the holder. On PostgreSQL and MySQL the server drops the lock as soon as the holder's
/// connection ends, also when its process is killed. On SQLite the row stays behind a dead holder and is taken over
/// once its heartbeat is older than the stale time (defaultStaleTime, 2 minutes: eight missed heartbeats at
/// heartbeatInterval, 15 s); every process using one database must use the same stale time.
///
/// The holder calls heartbeat() at least every heartbeatInterval for as long as it runs. Protocol of the sync engine:
/// acquire() -> markInterruptedRuns() -> SyncRunRepository::create() -> attachRun() -> start() -> heartbeat() the lock
/// and the run every heartbeatInterval, stopping as soon as either reports ErrorCode::LockHeld -> finish() -> release
/// (or destroy) the lock.
///
/// On SQLite, heartbeat() and attachRun() write to the database file through the lock's connection: call them between
/// the run's write transactions, never inside one, or they wait for the run's own write lock until the busy timeout.
///
/// Not thread-safe: acquire, use and destroy a RunLock on one thread (the sync worker's), as its Database requires.
class RunLock {
public:
    /// How often the holder must call heartbeat().
    static constexpr std::chrono::milliseconds heartbeatInterval{std::chrono::seconds(15)};
    /// How old the heartbeat of a SQLite lock must be before another process takes the lock over.
    static constexpr std::chrono::milliseconds defaultStaleTime{std::chrono::minutes(2)};

    /// Takes the lock of (tenantId, serviceId, syncType) in the database `url` without waiting. `password` is for
    /// server databases. `staleTime` matters on SQLite only; other values than defaultStaleTime are for tests.
    /// Errors: ErrorCode::LockHeld when another holder has it, with a message naming the holder (host, pid, run id,
    /// since when) and the holder in the detail; InvalidInput for an incomplete key or holder; the errors of
    /// db::Database::open() and database errors otherwise.
    static Result<std::unique_ptr<RunLock>> acquire(const db::DatabaseUrl &url, const QString &password,
                                                    const QString &tenantId, qint64 serviceId, const QString &syncType,
                                                    RunHolder me,
                                                    std::chrono::milliseconds staleTime = defaultStaleTime);

    /// Releases the lock (see release()).
    ~RunLock();
    RunLock(const RunLock &) = delete;
    RunLock &operator=(const RunLock &) = delete;

    const db::SyncRunKey &key() const { return m_key; }
    const RunHolder &holder() const { return m_holder; }
    /// When acquire() took the lock.
    QDateTime acquiredAt() const { return m_acquiredAt; }
    std::chrono::milliseconds staleTime() const { return m_staleTime; }
    /// False once released, or once heartbeat() has found the lock lost.
    bool isHeld() const { return m_held; }

    /// Records the holder's run in the lock's row, so that others see it. LockHeld when the lock was lost.
    Status attachRun(qint64 runId);

    /// Proves the lock is still held and refreshes its heartbeat. ErrorCode::LockHeld when it is not: on SQLite
    /// another process took the row over (this holder's heartbeat was older than the stale time), on PostgreSQL and
    /// MySQL the lock's connection was lost (any failure of the check counts as lost there, as the session lock may
    /// be gone with it); the run must stop at once. A database error on SQLite (say, the file stayed busy for the
    /// busy timeout) is returned as is and does not by itself mean the lock is lost: call again at the next interval.
    Status heartbeat();

    /// Gives the lock up now and closes its connection (idempotent). Failures are logged: the lock goes with the
    /// connection on PostgreSQL and MySQL, and a SQLite row left behind goes stale.
    void release();

    /// Ends as interrupted every run of this key that is still pending or running and whose last sign of life is
    /// before acquiredAt(): holding the lock proves that their processes no longer hold it, so they died, or lost
    /// the lock and stop at their next heartbeat. `db` is the run's own connection. Returns the runs it ended.
    /// Call it after acquire() and before creating this run (see db::SyncRunRepository::markStaleRuns()).
    ///
    /// This holds only if every process records a run of the key while it holds the key's lock, dry runs included,
    /// and never before taking it: a run recorded without the lock would be ended here as interrupted.
    Result<QList<db::SyncRunRecord>> markInterruptedRuns(db::Database &db) const;

private:
    RunLock() = default;
    Error lostError(const QString &detail) const;

    std::unique_ptr<db::Database> m_db;
    db::SyncRunKey m_key;
    RunHolder m_holder;
    QString m_token;
    QDateTime m_acquiredAt;
    std::chrono::milliseconds m_staleTime = defaultStaleTime;
    bool m_held = false;
};

} // namespace ic::sync
