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
    /// foreign keys on, busy timeout. Servers: UTF-8 (utf8mb4 on MySQL), UTC session time zone.
    /// Errors: DatabaseUnavailable (unreachable, file not writable), DatabaseAuth (credentials refused).
    /// `password` is used for server databases only and never appears in errors or logs.
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
    /// The SELECT expression for time column `column` (aliased to its own name). On MySQL it is the text form:
    /// Qt 6.4's QMYSQL driver returns an invalid QDateTime for DATETIME values read through prepared statements
    /// with some MariaDB client libraries (seen with libmariadb 10.11.18); fromDbTime() reads the text exactly.
    QString selectTime(const QString &column) const;

private:
    Database(DatabaseUrl url, QString connectionName);

    DatabaseUrl m_url;
    QString m_connectionName;
    int m_transactionDepth = 0;
    bool m_rollbackOnly = false; ///< A nested transaction() failed: the outermost one must roll back.
};

} // namespace ic::db
