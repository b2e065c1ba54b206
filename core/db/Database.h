#pragma once

#include "common/Result.h"
#include "db/DatabaseUrl.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QVariant>

#include <functional>
#include <memory>

namespace ic::db {

/// One open connection to the integration database. Not thread-safe: a thread that needs the database opens
/// its own Database (the sync worker does). Closing happens in the destructor.
class Database {
public:
    /// Opens the database. SQLite: creates the file and its folder if missing, WAL mode, synchronous=NORMAL,
    /// foreign keys on, a 10 s wait for another writer (in 1 ms steps where the driver allows). Servers: UTF-8 (utf8mb4
    /// on MySQL), UTC session time zone. Errors: DatabaseUnavailable (unreachable, file not writable), DatabaseAuth
    /// (credentials refused). `password` is used for server databases only and never appears in errors or logs.
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl &url, const QString &password = {});

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Dialect dialect() const { return m_url.dialect; }
    const DatabaseUrl &url() const { return m_url; }
    /// The Qt connection. For code inside core/db only.
    QSqlDatabase handle() const;
    /// The database user as the server sees it (PostgreSQL current_user, MySQL CURRENT_USER()); for SQLite the
    /// empty string. For the audit log.
    QString currentUser() const;

    /// Runs `work` in a transaction: commits if it returns success, rolls back otherwise (and if commit fails).
    /// Nested calls join the outer transaction; when a nested call fails, the outermost one rolls back even if its
    /// own work then returns success. SQLite transactions begin IMMEDIATE (they take the write lock up front).
    Status transaction(const std::function<Status()> &work);

    /// Times are stored in UTC: converts for binding into / reading from this dialect's time column type.
    QVariant toDbTime(const QDateTime &time) const;
    QDateTime fromDbTime(const QVariant &value) const;
    /// The SELECT expression for time column `column`, read by position. On MySQL it is the text form: Qt 6.4's
    /// QMYSQL driver returns an invalid QDateTime for DATETIME values read through prepared statements with some
    /// MariaDB client libraries (seen with libmariadb 10.11.18); fromDbTime() reads the text exactly.
    ///
    /// The text is deliberately not aliased to the column's name: MySQL resolves ORDER BY names to the select list
    /// first, so "ORDER BY request_at" then sorted every row by the text instead of reading the index in order
    /// (the call log's first page took 800 ms at 1,000,000 rows instead of a few).
    QString selectTime(const QString &column) const;

    /// For a connection that writes many batches in a row (a sync's writer). Nothing on the servers. On SQLite:
    /// - SQLite copies its write-ahead log into the database file, and syncs it, whenever a commit leaves more than
    ///   1000 pages in the log, which with 1000-row batches is nearly every batch (about 3 s of a 14 s sync of
    ///   100,000 contacts): this connection lets the log grow to 16384 pages (64 MiB) first. Call checkpoint() when
    ///   done.
    /// - Statement journals stay in memory (temp_store=MEMORY). A multi-row statement inside a transaction keeps the
    ///   first image of each page it changes, so that it can be undone alone, in a temporary file once it passes
    ///   64 KiB: a 100,000-contact sync wrote 2.3 GB to such files (1.1 million write calls) besides 1.5 GB to the
    ///   database and its log, and took 7.5-8.1 s instead of 6.3-6.8 s (the same half hour). SyncStore keeps statements
    ///   to 64 rows on SQLite, so that a journal in memory stays small. Only this connection: elsewhere a large sort
    ///   keeps its temporary file instead of memory.
    void tuneForBatchWrites();
    /// Copies SQLite's write-ahead log into the database file as far as no reader needs it (a passive checkpoint).
    /// Nothing on the servers.
    void checkpoint();

private:
    Database(DatabaseUrl url, QString connectionName);

    DatabaseUrl m_url;
    QString m_connectionName;
    int m_transactionDepth = 0;
    bool m_rollbackOnly = false; ///< A nested transaction() failed: the outermost one must roll back.
};

} // namespace ic::db
