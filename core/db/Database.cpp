#include "Database.h"

#include "common/Logging.h"
#include "db/SqlError.h"
#include "db/SqliteNative.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <atomic>
#include <chrono>
#include <thread>

namespace ic::db {

namespace {

/// How long a connection attempt and a wait for a locked SQLite file may take, in seconds.
constexpr int connectTimeoutSeconds = 10;
constexpr int sqliteBusyTimeoutMs = 10000;

/// Waits for another connection's write lock in steps of 1 ms, up to sqliteBusyTimeoutMs in all.
///
/// SQLite's own busy handler sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 and then 100 ms between tries. While
/// a sync's writer commits batch after batch, a connection that waits for it (the token cache, the heartbeat, the
/// call log, another window) slept up to 100 ms past the moment the lock was free, often found it taken again by
/// the writer's next batch, and a single small write took a quarter of a second; on the thread of an event loop
/// that stalled every request in flight. Polling every millisecond gets the lock between two batches.
int pollingBusyHandler(void *, int tries)
{
    if (tries >= sqliteBusyTimeoutMs) {
        return 0; // give up: the statement fails with SQLITE_BUSY
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return 1;
}

/// Installs pollingBusyHandler() on an open SQLite connection of Qt's QSQLITE driver.
///
/// Qt offers no busy handler, only a timeout, so this calls sqlite3_busy_handler() of the driver's own library
/// (SqliteNative.h). Where that library hides it, the connection keeps SQLite's own busy handler with the same
/// timeout.
void installBusyHandler(const QSqlDatabase &db)
{
    sqlite::setBusyHandler(db, &pollingBusyHandler);
}

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("ic_db_%1").arg(++counter);
}

QString driverName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::SQLite:
        return QStringLiteral("QSQLITE");
    case Dialect::PostgreSQL:
        return QStringLiteral("QPSQL");
    case Dialect::MySQL:
        return QStringLiteral("QMYSQL");
    }
    return QStringLiteral("QSQLITE");
}

QString driverPackageHint(Dialect dialect)
{
    switch (dialect) {
    case Dialect::SQLite:
        return QCoreApplication::translate("ic::db::Database",
                                           "Install the Qt SQLite driver (Debian: libqt6sql6-sqlite).");
    case Dialect::PostgreSQL:
        return QCoreApplication::translate("ic::db::Database",
                                           "Install the Qt PostgreSQL driver (Debian: libqt6sql6-psql).");
    case Dialect::MySQL:
        return QCoreApplication::translate("ic::db::Database",
                                           "Install the Qt MySQL/MariaDB driver (Debian: libqt6sql6-mysql).");
    }
    return {};
}

enum class OpenFailure { Auth, Unreachable, UnknownDatabase, Other };

OpenFailure classifyOpenFailure(Dialect dialect, const QSqlError &error)
{
    const QString text = error.databaseText() + QLatin1Char(' ') + error.driverText();
    const QString code = error.nativeErrorCode();
    if (dialect == Dialect::PostgreSQL) {
        // libpq reports connection failures as text only (no SQLSTATE is available before a session exists).
        if (code == QLatin1String("28P01") || code == QLatin1String("28000") ||
            text.contains(QLatin1String("password authentication failed")) ||
            text.contains(QLatin1String("no password supplied")) ||
            text.contains(QLatin1String("authentication failed")) ||
            (text.contains(QLatin1String("role \"")) && text.contains(QLatin1String("does not exist"))) ||
            text.contains(QLatin1String("no pg_hba.conf entry"))) {
            return OpenFailure::Auth;
        }
        if (code == QLatin1String("3D000") ||
            (text.contains(QLatin1String("database \"")) && text.contains(QLatin1String("does not exist")))) {
            return OpenFailure::UnknownDatabase;
        }
        if (text.contains(QLatin1String("could not connect")) || text.contains(QLatin1String("Connection refused")) ||
            text.contains(QLatin1String("could not translate host name")) ||
            text.contains(QLatin1String("timeout expired")) || text.contains(QLatin1String("No route to host")) ||
            text.contains(QLatin1String("Network is unreachable")) ||
            text.contains(QLatin1String("server closed the connection"))) {
            return OpenFailure::Unreachable;
        }
        return OpenFailure::Other;
    }
    if (dialect == Dialect::MySQL) {
        bool ok = false;
        const int number = code.toInt(&ok);
        if (ok) {
            switch (number) {
            case 1044: // access denied to database
            case 1045: // access denied (wrong password or unknown user)
            case 1698: // access denied (auth plugin)
            case 1251: // client does not support the authentication protocol
                return OpenFailure::Auth;
            case 1049: // unknown database
                return OpenFailure::UnknownDatabase;
            case 2002: // cannot connect through socket
            case 2003: // cannot connect to server
            case 2005: // unknown host
            case 2006: // server has gone away
            case 2013: // lost connection
                return OpenFailure::Unreachable;
            default:
                break;
            }
        }
        if (text.contains(QLatin1String("Access denied"))) {
            return OpenFailure::Auth;
        }
        if (text.contains(QLatin1String("Unknown database"))) {
            return OpenFailure::UnknownDatabase;
        }
        if (text.contains(QLatin1String("Can't connect")) || text.contains(QLatin1String("Unknown server host"))) {
            return OpenFailure::Unreachable;
        }
    }
    return OpenFailure::Other;
}

Error openError(const DatabaseUrl &url, const QSqlError &sqlError, const QString &password)
{
    const QString detail = redactedErrorText(sqlError, password);
    const QString where = url.toString();
    if (!url.isServer()) {
        return Error::make(
            ErrorCode::DatabaseUnavailable,
            QCoreApplication::translate("ic::db::Database", "The database file %1 cannot be opened.").arg(url.path),
            detail,
            QCoreApplication::translate("ic::db::Database",
                                        "Check that the folder exists and that this user may write to it."));
    }
    switch (classifyOpenFailure(url.dialect, sqlError)) {
    case OpenFailure::Auth:
        return Error::make(
            ErrorCode::DatabaseAuth,
            QCoreApplication::translate("ic::db::Database", "The database server refused the login of user “%1” (%2).")
                .arg(url.user, where),
            detail,
            QCoreApplication::translate("ic::db::Database",
                                        "Check the user name in the URL and the database password stored in the OS "
                                        "keychain, or the one given in the environment variable "
                                        "IC_SECRET_DATABASE_PASSWORD."));
    case OpenFailure::UnknownDatabase:
        return Error::make(
            ErrorCode::DatabaseUnavailable,
            QCoreApplication::translate("ic::db::Database", "The database “%1” does not exist on %2:%3.")
                .arg(url.database, url.host)
                .arg(url.port),
            detail,
            QCoreApplication::translate("ic::db::Database",
                                        "Check the database name in the URL, or ask the server's administrator to "
                                        "create the database (CREATE DATABASE)."));
    case OpenFailure::Unreachable: {
        Error error = Error::make(
            ErrorCode::DatabaseUnavailable,
            QCoreApplication::translate("ic::db::Database", "The database server at %1:%2 cannot be reached.")
                .arg(url.host)
                .arg(url.port),
            detail,
            QCoreApplication::translate("ic::db::Database",
                                        "Check the host and port in the URL, that the database server is running, "
                                        "and that no firewall blocks the connection."));
        error.retryable = true;
        return error;
    }
    case OpenFailure::Other:
        break;
    }
    return Error::make(
        ErrorCode::DatabaseUnavailable,
        QCoreApplication::translate("ic::db::Database", "Could not connect to the database %1.").arg(where), detail,
        QCoreApplication::translate("ic::db::Database", "Check the URL and that the database server is running."));
}

/// Statements run once per connection, after it is open.
QStringList sessionSetup(Dialect dialect)
{
    switch (dialect) {
    case Dialect::SQLite:
        // A 16 MiB page cache (SQLite's default is 2 MiB): with the default, a sync that upserts tens of thousands of
        // rows keyed by random-looking ids re-reads and re-writes the same index pages for every transaction.
        return {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=NORMAL"),
                QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA cache_size=-16384")};
    case Dialect::PostgreSQL:
        return {QStringLiteral("SET client_encoding TO 'UTF8'"), QStringLiteral("SET TIME ZONE 'UTC'")};
    case Dialect::MySQL:
        return {QStringLiteral("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci"),
                QStringLiteral("SET time_zone = '+00:00'"),
                QStringLiteral("SET SESSION sql_mode = "
                               "'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'")};
    }
    return {};
}

} // namespace

Database::Database(DatabaseUrl url, QString connectionName)
    : m_url(std::move(url))
    , m_connectionName(std::move(connectionName))
{}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            if (m_transactionDepth > 0) {
                db.rollback();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl &url, const QString &password)
{
    const QString driver = driverName(url.dialect);
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return Error::make(
            ErrorCode::DatabaseUnavailable,
            QCoreApplication::translate("ic::db::Database", "The Qt SQL driver %1 is not installed.").arg(driver), {},
            driverPackageHint(url.dialect));
    }
    if (url.dialect == Dialect::SQLite) {
        const QFileInfo file(url.path);
        if (!QDir().mkpath(file.absolutePath())) {
            return Error::make(
                ErrorCode::DatabaseUnavailable,
                QCoreApplication::translate("ic::db::Database", "The folder %1 for the database cannot be created.")
                    .arg(QDir::toNativeSeparators(file.absolutePath())),
                {},
                QCoreApplication::translate("ic::db::Database",
                                            "Choose a database path in a folder this user may write to."));
        }
    }

    // The Database object owns the connection from here on: its destructor removes it on every error path.
    std::unique_ptr<Database> database(new Database(url, nextConnectionName()));
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, database->m_connectionName);
    switch (url.dialect) {
    case Dialect::SQLite:
        db.setDatabaseName(url.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(sqliteBusyTimeoutMs));
        break;
    case Dialect::PostgreSQL:
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setUserName(url.user);
        db.setPassword(password);
        db.setDatabaseName(url.database);
        db.setConnectOptions(QStringLiteral("connect_timeout=%1;client_encoding=UTF8;"
                                            "application_name=integration-console")
                                 .arg(connectTimeoutSeconds));
        break;
    case Dialect::MySQL:
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setUserName(url.user);
        db.setPassword(password);
        db.setDatabaseName(url.database);
        // CLIENT_FOUND_ROWS: an UPDATE reports the rows it matched, not only those it changed, like the other
        // dialects do; repositories rely on it to tell "not found" from "unchanged".
        db.setConnectOptions(
            QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1;CLIENT_FOUND_ROWS").arg(connectTimeoutSeconds));
        break;
    }
    if (!db.open()) {
        Error error = openError(url, db.lastError(), password);
        qCInfo(lcDb) << "opening" << url.toString() << "failed:" << error.detail;
        return error;
    }
    // The password is needed only to connect; do not keep it in the connection's settings.
    db.setPassword(QString());
    if (url.dialect == Dialect::SQLite) {
        installBusyHandler(db);
    }

    for (const QString &statement : sessionSetup(url.dialect)) {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            return Error::make(
                url.isServer() ? ErrorCode::Database : ErrorCode::DatabaseUnavailable,
                QCoreApplication::translate("ic::db::Database", "The database connection could not be prepared (%1).")
                    .arg(url.toString()),
                redactedErrorText(query.lastError(), password));
        }
        if (url.dialect == Dialect::SQLite && statement.contains(QLatin1String("journal_mode")) && query.next() &&
            query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            return Error::make(
                ErrorCode::DatabaseUnavailable,
                QCoreApplication::translate("ic::db::Database", "The database file %1 cannot use write-ahead logging.")
                    .arg(url.path),
                QStringLiteral("journal_mode=%1").arg(query.value(0).toString()),
                QCoreApplication::translate("ic::db::Database", "Keep the database on a local disk that this user may "
                                                                "write to."));
        }
    }
    qCDebug(lcDb) << "opened" << url.toString() << "as" << database->m_connectionName;
    return database;
}

QSqlDatabase Database::handle() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString Database::currentUser() const
{
    QString statement;
    switch (m_url.dialect) {
    case Dialect::SQLite:
        return {};
    case Dialect::PostgreSQL:
        statement = QStringLiteral("SELECT current_user");
        break;
    case Dialect::MySQL:
        statement = QStringLiteral("SELECT CURRENT_USER()");
        break;
    }
    QSqlQuery query(handle());
    if (!query.exec(statement) || !query.next()) {
        qCWarning(lcDb) << "cannot read the current database user:" << query.lastError().text();
        return m_url.user;
    }
    return query.value(0).toString();
}

Status Database::transaction(const std::function<Status()> &work)
{
    if (m_transactionDepth > 0) {
        ++m_transactionDepth;
        Status status = work();
        --m_transactionDepth;
        if (!status) {
            m_rollbackOnly = true;
        }
        return status;
    }

    QSqlDatabase db = handle();
    // SQLite: take the write lock up front. A deferred transaction that reads first and then writes cannot wait
    // for another writer (SQLite returns SQLITE_BUSY at once to avoid a deadlock), an immediate one waits for
    // the busy timeout.
    bool begun = false;
    QSqlError beginError;
    if (m_url.dialect == Dialect::SQLite) {
        QSqlQuery begin(db);
        begun = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
        beginError = begin.lastError();
    } else {
        begun = db.transaction();
        beginError = db.lastError();
    }
    if (!begun) {
        return Error::make(ErrorCode::Database,
                           QCoreApplication::translate("ic::db::Database", "A database transaction could not start."),
                           redactedErrorText(beginError));
    }

    m_transactionDepth = 1;
    m_rollbackOnly = false;
    Status status = work();
    m_transactionDepth = 0;
    const bool rollbackOnly = m_rollbackOnly;
    m_rollbackOnly = false;

    auto rollback = [&] {
        if (m_url.dialect == Dialect::SQLite) {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("ROLLBACK"))) {
                qCWarning(lcDb) << "rollback failed:" << query.lastError().text();
            }
        } else if (!db.rollback()) {
            qCWarning(lcDb) << "rollback failed:" << db.lastError().text();
        }
    };
    if (!status) {
        rollback();
        return status;
    }
    if (rollbackOnly) {
        rollback();
        return Error::make(ErrorCode::Internal,
                           QCoreApplication::translate("ic::db::Database",
                                                       "A step of a database transaction failed, so the whole "
                                                       "transaction was rolled back."));
    }
    bool committed = false;
    QSqlError commitError;
    if (m_url.dialect == Dialect::SQLite) {
        QSqlQuery commit(db);
        committed = commit.exec(QStringLiteral("COMMIT"));
        commitError = commit.lastError();
    } else {
        committed = db.commit();
        commitError = db.lastError();
    }
    if (!committed) {
        rollback();
        return Error::make(ErrorCode::Database,
                           QCoreApplication::translate("ic::db::Database", "A database transaction could not commit."),
                           redactedErrorText(commitError));
    }
    return {};
}

QVariant Database::toDbTime(const QDateTime &time) const
{
    if (!time.isValid()) {
        return QVariant(QMetaType::fromType<QString>());
    }
    const QDateTime utc = time.toUTC();
    switch (m_url.dialect) {
    case Dialect::SQLite:
    case Dialect::PostgreSQL:
        // PostgreSQL reads the explicit "Z" as UTC whatever the session time zone.
        return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    case Dialect::MySQL:
        // DATETIME has no zone: the value is UTC by convention (and the session time zone is UTC too).
        return utc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    }
    return {};
}

QString Database::selectTime(const QString &column) const
{
    if (m_url.dialect == Dialect::MySQL) {
        return QStringLiteral("CAST(%1 AS CHAR)").arg(column);
    }
    return column;
}

QDateTime Database::fromDbTime(const QVariant &value) const
{
    if (value.isNull() || !value.isValid()) {
        return {};
    }
    if (value.metaType() == QMetaType::fromType<QDateTime>()) {
        const QDateTime time = value.toDateTime();
        if (m_url.dialect == Dialect::MySQL) {
            // The driver reads a zone-less DATETIME as local time; its fields are UTC. Use the fields only: as a
            // local time they may fall into a daylight-saving gap, where the QDateTime is invalid but keeps them.
            if (!time.date().isValid() || !time.time().isValid()) {
                return {};
            }
            return QDateTime(time.date(), time.time(), QTimeZone::utc()).toUTC();
        }
        return time.isValid() ? time.toUTC() : QDateTime();
    }
    QString text = value.toString().trimmed();
    if (text.isEmpty()) {
        return {};
    }
    text.replace(QLatin1Char(' '), QLatin1Char('T'));
    static const QRegularExpression hourOnlyOffset(QStringLiteral("T.*[+-]\\d\\d$"));
    static const QRegularExpression anyZone(QStringLiteral("T.*(Z|[+-]\\d\\d(:?\\d\\d)?)$"));
    if (hourOnlyOffset.match(text).hasMatch()) {
        text += QStringLiteral(":00"); // PostgreSQL writes "+00"; Qt wants "+00:00"
    } else if (!anyZone.match(text).hasMatch()) {
        // No zone in the text: the value is UTC. Parsing it as local time could land in a daylight-saving gap.
        text += QLatin1Char('Z');
    }
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        return {};
    }
    return time.toUTC();
}

void Database::tuneForBatchWrites()
{
    if (dialect() == Dialect::SQLite) {
        QSqlQuery pragma(handle());
        if (!pragma.exec(QStringLiteral("PRAGMA wal_autocheckpoint=16384"))) {
            qCInfo(lcDb) << "the checkpoint interval could not be raised:" << pragma.lastError().text();
        }
        if (!pragma.exec(QStringLiteral("PRAGMA temp_store=MEMORY"))) {
            qCInfo(lcDb) << "statement journals stay in temporary files:" << pragma.lastError().text();
        }
    }
}

void Database::checkpoint()
{
    if (dialect() == Dialect::SQLite) {
        QSqlQuery pragma(handle());
        if (!pragma.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"))) {
            qCInfo(lcDb) << "the write-ahead log could not be checkpointed:" << pragma.lastError().text();
        }
    }
}

} // namespace ic::db
