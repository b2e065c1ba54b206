#pragma once

#include "common/Result.h"
#include "db/Database.h"
#include "db/SyncRunRepository.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace ic::db {

/// A row of `sync_locks`: who holds the lock of one sync key.
struct SyncLockRecord {
    SyncRunKey key;
    QString holderToken; ///< Random per lock; tells two locks of one process apart.
    QString host;
    qint64 pid = 0;
    qint64 runId = 0; ///< 0: the holder has not recorded its run yet.
    QDateTime acquiredAt;
    QDateTime heartbeatAt;

    friend bool operator==(const SyncLockRecord &, const SyncLockRecord &) = default;
};

/// What takeRow() did.
struct SyncLockTake {
    bool taken = false;
    /// taken: the holder whose stale row was taken over, if any; not taken: the current holder.
    std::optional<SyncLockRecord> other;
};

/// The SQL of the sync lock (ic::sync::RunLock), which uses it on a connection of its own.
///
/// SQLite has no lock that lives with a connection across transactions, so there the `sync_locks` row is the lock:
/// takeRow() takes it in one write transaction (BEGIN IMMEDIATE), over a row whose heartbeat is older than the given
/// time if need be. PostgreSQL and MySQL/MariaDB have session locks that the server drops when the connection dies:
/// tryAdvisoryLock() takes one (pg_try_advisory_lock, GET_LOCK), and the row, written with putRow(), only tells other
/// processes who holds it.
class SyncLockRepository {
public:
    explicit SyncLockRepository(Database &db);

    /// Takes the lock row of `me.key` in one write transaction: inserts it when there is none, replaces it when its
    /// heartbeat is before `staleBefore`, and otherwise leaves it and reports its holder. InvalidInput without a key,
    /// holder token or host.
    Result<SyncLockTake> takeRow(const SyncLockRecord &me, const QDateTime &staleBefore);
    /// Inserts or replaces the row of `me.key` (the holder record next to an advisory lock), in the dialect's native
    /// upsert form.
    Status putRow(const SyncLockRecord &me);
    /// Sets heartbeat_at and run_id of the row if it is still held by `holderToken`; false when it is not (the lock
    /// was taken over).
    Result<bool> touchRow(const SyncRunKey &key, const QString &holderToken, const QDateTime &heartbeatAt,
                          qint64 runId);
    /// Removes the row if it is still held by `holderToken`.
    Status removeRow(const SyncRunKey &key, const QString &holderToken);
    /// The row of `key`, std::nullopt when there is none.
    Result<std::optional<SyncLockRecord>> findRow(const SyncRunKey &key);

    /// PostgreSQL and MySQL: takes the session lock of `key` on this connection without waiting; false when another
    /// session holds it. Internal on SQLite.
    Result<bool> tryAdvisoryLock(const SyncRunKey &key);
    /// Whether this connection (still) holds the session lock of `key`.
    Result<bool> holdsAdvisoryLock(const SyncRunKey &key);
    /// Gives the session lock of `key` up.
    Status releaseAdvisoryLock(const SyncRunKey &key);

    /// The PostgreSQL advisory lock key of `key` in the database `database`: the first 8 bytes of a SHA-256 over a
    /// fixed prefix and the length-prefixed fields, so distinct keys collide only by chance (2^-64).
    static qint64 advisoryKey(const QString &database, const SyncRunKey &key);
    /// The MySQL lock name of `key` in the database `database`: "ic_sync_" and 56 hex digits of the same hash, 64
    /// characters, the limit of GET_LOCK. The database is part of it because MySQL's lock names are server-wide.
    static QString namedLockName(const QString &database, const SyncRunKey &key);

private:
    Database &m_db;
};

} // namespace ic::db
