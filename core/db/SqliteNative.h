#pragma once

// SQLite's C API, reached through the connection of Qt's QSQLITE driver. Internal to core/db.
//
// The program never links SQLite itself. Every function here comes from the very library the QSQLITE plugin uses:
// dladdr() on the driver's meta-object names the plugin's file, dlopen(RTLD_NOLOAD) of that already loaded file
// gives its symbols and dependencies, and dlsym() finds SQLite's functions there. A Qt built against the system's
// SQLite (as Linux distributions build it) exports them; a plugin with a private copy of SQLite hides them, and on
// platforms without dlopen() nothing is found: then available() is false and callers keep to QSqlQuery.

#include <QSqlError>
#include <QString>
#include <QVariant>

#include <memory>
#include <vector>

class QSqlDatabase;

namespace ic::db::sqlite {

struct Api; ///< SQLite's functions (SqliteNative.cpp).

/// True when `db` is an open QSQLITE connection whose library exports the functions NativeStatement uses.
bool available(const QSqlDatabase &db);

/// Sets `handler` as the busy handler of `db`'s connection (sqlite3_busy_handler). Does nothing, and returns false,
/// when `db` is not an open QSQLITE connection or its library does not export the function.
bool setBusyHandler(const QSqlDatabase &db, int (*handler)(void *, int));

/// A statement prepared on a QSQLITE connection with SQLite's C API, for the bulk writes of SyncStore.
///
/// Why not QSqlQuery: QSqlQuery renames every positional `?` to a named parameter (":1", ":2" ...) before SQLite
/// sees it, SQLite looks named parameters up in a list (so preparing costs the square of the parameters), and
/// every bound value costs QSqlResult a formatted name and a hash lookup. For the sync's multi-row upserts that was
/// half of the writer's time. This class binds by position and keeps the values it binds until exec().
///
/// Values bind as QSQLITE binds them, so that a row reads back the same whichever wrote it: null (an invalid or
/// null QVariant, a null QString or QByteArray) as NULL; QString as UTF-16 text; bool, int, uint and qint64 as
/// integers; double as a real; QByteArray as a blob; QDateTime as ISO 8601 text with milliseconds; anything else
/// as its toString().
///
/// Use it on the thread of its connection, within the connection's lifetime, and finish with it (destroy it)
/// before the connection closes.
class NativeStatement {
public:
    /// Prepares `sql` on `db`'s connection. nullptr with `error` set when SQLite refuses the statement, or when
    /// available(db) is false.
    static std::unique_ptr<NativeStatement> prepare(const QSqlDatabase &db, const QString &sql, QSqlError *error);

    ~NativeStatement();
    NativeStatement(const NativeStatement &) = delete;
    NativeStatement &operator=(const NativeStatement &) = delete;

    /// The number of parameters of the statement.
    int parameterCount() const { return int(m_values.size()); }

    /// Binds `value` to the parameter at `index` (0-based) for the next exec().
    void bind(int index, QVariant value);

    /// Runs the statement to its end with the bound values, then resets it for the next round of bind() calls.
    /// False with `error` set (SQLite's message and extended result code) when a bind or the statement failed.
    bool exec(QSqlError *error);

private:
    NativeStatement(const Api *api, void *connection, void *statement);

    const Api *m_api = nullptr;
    void *m_connection = nullptr;
    void *m_statement = nullptr;
    std::vector<QVariant> m_values; ///< Held until exec(): SQLite reads text and blobs from them in place.
    int m_bindFailure = 0;          ///< The first failed bind's result code since the last exec().
};

} // namespace ic::db::sqlite
