#include "Migrator.h"

#include "common/Logging.h"
#include "db/Migrations.h"
#include "db/SqlError.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace ic::db {

namespace {

const QString migrationsTableName = QStringLiteral("ic_schema_migrations");

/// The key of the PostgreSQL advisory lock that serialises migrators ("ic_migr" in ASCII).
constexpr qint64 postgresqlLockKey = 0x69635f6d69677200LL;
/// MySQL named lock and how long to wait for it, in seconds.
const QString mysqlLockName = QStringLiteral("ic_schema_migrate");
constexpr int mysqlLockWaitSeconds = 30;

bool migrationsTableExists(Database &db)
{
    // tables() may return schema-qualified names on PostgreSQL when the table is outside the search path; the
    // migrator only uses the default schema, where the name is bare.
    return db.handle().tables(QSql::Tables).contains(migrationsTableName, Qt::CaseInsensitive);
}

Result<QList<AppliedMigration>> readApplied(Database &db)
{
    QList<AppliedMigration> applied;
    if (!migrationsTableExists(db)) {
        return applied;
    }
    QSqlQuery query(db.handle());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT version, name, ") + db.selectTime(QStringLiteral("applied_at")) +
                    QStringLiteral(", app_version FROM ic_schema_migrations ORDER BY version"))) {
        return databaseError(
            QCoreApplication::translate("ic::db::Migrator", "The schema version of the database cannot be read."),
            query.lastError());
    }
    while (query.next()) {
        AppliedMigration migration;
        migration.version = query.value(0).toInt();
        migration.name = query.value(1).toString();
        migration.appliedAt = db.fromDbTime(query.value(2));
        migration.appVersion = query.value(3).toString();
        applied.append(migration);
    }
    return applied;
}

int currentVersion(const QList<AppliedMigration> &applied)
{
    int current = 0;
    for (const AppliedMigration &migration : applied) {
        current = std::max(current, migration.version);
    }
    return current;
}

Error tooNewError(int current)
{
    return Error::make(ErrorCode::DatabaseSchemaTooNew,
                       QCoreApplication::translate("ic::db::Migrator",
                                                   "This database was upgraded by a newer version of Integration "
                                                   "Console (schema %1; this program knows up to %2).")
                           .arg(current)
                           .arg(Migrator::latestVersion()),
                       {},
                       QCoreApplication::translate("ic::db::Migrator",
                                                   "Install the newer version, or point --db at another database."));
}

Status exec(Database &db, const QString &statement)
{
    QSqlQuery query(db.handle());
    if (!query.exec(statement)) {
        return databaseError(QCoreApplication::translate("ic::db::Migrator", "A schema change failed."),
                             query.lastError());
    }
    return {};
}

/// MySQL's named lock, held for the whole migrate() call (MySQL DDL cannot run inside a transaction that
/// would hold a lock for us). Released by the destructor.
class MySqlMigrationLock {
public:
    explicit MySqlMigrationLock(Database &db)
        : m_db(db)
    {}
    ~MySqlMigrationLock()
    {
        if (m_held) {
            QSqlQuery query(m_db.handle());
            query.prepare(QStringLiteral("SELECT RELEASE_LOCK(?)"));
            query.addBindValue(mysqlLockName);
            if (!query.exec()) {
                qCWarning(lcDb) << "cannot release the migration lock:" << query.lastError().text();
            }
        }
    }
    MySqlMigrationLock(const MySqlMigrationLock &) = delete;
    MySqlMigrationLock &operator=(const MySqlMigrationLock &) = delete;

    Status acquire()
    {
        QSqlQuery query(m_db.handle());
        query.prepare(QStringLiteral("SELECT GET_LOCK(?, ?)"));
        query.addBindValue(mysqlLockName);
        query.addBindValue(mysqlLockWaitSeconds);
        if (!query.exec() || !query.next()) {
            return databaseError(
                QCoreApplication::translate("ic::db::Migrator", "The schema migration lock cannot be taken."),
                query.lastError());
        }
        if (query.value(0).toInt() != 1) {
            return Error::make(
                ErrorCode::LockHeld,
                QCoreApplication::translate("ic::db::Migrator", "Another program is upgrading this database's schema."),
                {}, QCoreApplication::translate("ic::db::Migrator", "Wait until it has finished, then try again."));
        }
        m_held = true;
        return {};
    }

private:
    Database &m_db;
    bool m_held = false;
};

} // namespace

int Migrator::latestVersion()
{
    return static_cast<int>(migrations().size());
}

Result<SchemaStatus> Migrator::status(Database &db)
{
    auto applied = readApplied(db);
    if (!applied) {
        return applied.error();
    }
    SchemaStatus status;
    status.applied = applied.value();
    status.current = currentVersion(status.applied);
    status.latest = latestVersion();
    return status;
}

Result<int> Migrator::migrate(Database &db)
{
    MySqlMigrationLock mysqlLock(db);
    if (db.dialect() == Dialect::MySQL) {
        if (Status locked = mysqlLock.acquire(); !locked) {
            return locked.error();
        }
    }

    int appliedCount = 0;
    for (;;) {
        bool done = false;
        // One transaction per migration. Inside it the migrator first takes the lock (SQLite: the transaction is
        // BEGIN IMMEDIATE, so it holds the write lock already; PostgreSQL: a transaction-scoped advisory lock;
        // MySQL: the named lock above), then reads the version again: a concurrent migrator may have applied it.
        Status step = db.transaction([&]() -> Status {
            if (db.dialect() == Dialect::PostgreSQL) {
                QSqlQuery lock(db.handle());
                lock.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?)"));
                lock.addBindValue(postgresqlLockKey);
                if (!lock.exec()) {
                    return databaseError(
                        QCoreApplication::translate("ic::db::Migrator", "The schema migration lock cannot be taken."),
                        lock.lastError());
                }
            }
            auto applied = readApplied(db);
            if (!applied) {
                return applied.error();
            }
            const int current = currentVersion(applied.value());
            if (current > latestVersion()) {
                return tooNewError(current);
            }
            if (current == latestVersion()) {
                done = true;
                return {};
            }
            const Migration &migration = migrations().at(current);
            Q_ASSERT(migration.version == current + 1);
            qCInfo(lcDb) << "applying schema migration" << migration.version << migration.name << "to"
                         << db.url().toString();

            QStringList statements = schema::createStatements(migrationsTable(), db.dialect());
            statements += migration.statements(db.dialect());
            for (const QString &statement : statements) {
                if (Status s = exec(db, statement); !s) {
                    return s;
                }
            }
            QSqlQuery record(db.handle());
            record.prepare(QStringLiteral("INSERT INTO ic_schema_migrations (version, name, applied_at, app_version) "
                                          "VALUES (?, ?, ?, ?)"));
            record.addBindValue(migration.version);
            record.addBindValue(migration.name);
            record.addBindValue(db.toDbTime(QDateTime::currentDateTimeUtc()));
            record.addBindValue(QStringLiteral(IC_VERSION));
            if (!record.exec()) {
                return databaseError(
                    QCoreApplication::translate("ic::db::Migrator", "The applied schema version cannot be recorded."),
                    record.lastError());
            }
            ++appliedCount;
            return {};
        });
        if (!step) {
            return step.error();
        }
        if (done) {
            break;
        }
    }
    return appliedCount;
}

Status Migrator::checkCompatible(Database &db)
{
    auto schemaStatus = status(db);
    if (!schemaStatus) {
        return schemaStatus.error();
    }
    if (schemaStatus->isTooNew()) {
        return tooNewError(schemaStatus->current);
    }
    if (schemaStatus->current < schemaStatus->latest) {
        const QString hint = QCoreApplication::translate("ic::db::Migrator", "Run `integration-console db migrate`.");
        if (schemaStatus->current == 0) {
            return Error::make(
                ErrorCode::DatabaseSchemaTooOld,
                QCoreApplication::translate("ic::db::Migrator", "This database has no Integration Console schema yet."),
                {}, hint);
        }
        return Error::make(ErrorCode::DatabaseSchemaTooOld,
                           QCoreApplication::translate("ic::db::Migrator",
                                                       "This database's schema (version %1) is older than this "
                                                       "program needs (version %2).")
                               .arg(schemaStatus->current)
                               .arg(schemaStatus->latest),
                           {}, hint);
    }
    return {};
}

} // namespace ic::db
