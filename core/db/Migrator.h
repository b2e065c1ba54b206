#pragma once

#include "common/Result.h"
#include "db/Database.h"

#include <QDateTime>
#include <QList>

namespace ic::db {

struct AppliedMigration {
    int version = 0;
    QString name;
    QDateTime appliedAt;
    QString appVersion; ///< The program version that applied it.
};

struct SchemaStatus {
    int current = 0; ///< 0 = empty database.
    int latest = 0;  ///< The newest version this program knows.
    QList<AppliedMigration> applied;
    bool isUpToDate() const { return current == latest; }
    bool isTooNew() const { return current > latest; }
};

/// Creates and upgrades the schema: numbered migrations per dialect, each in a transaction where the dialect
/// allows transactional DDL (SQLite, PostgreSQL); on MySQL, where DDL commits implicitly, each statement is
/// idempotent (IF NOT EXISTS) so an interrupted migration can simply be run again. Applied versions are
/// recorded in `ic_schema_migrations`. Concurrent migrators are serialised (advisory lock / GET_LOCK / write
/// transaction).
class Migrator {
public:
    static int latestVersion();
    static Result<SchemaStatus> status(Database &db);
    /// Applies every pending migration. Returns how many were applied (0: already up to date).
    /// Refuses (DatabaseSchemaTooNew) a database whose schema is newer than this program.
    static Result<int> migrate(Database &db);
    /// Success when the schema is exactly the latest; DatabaseSchemaTooNew or DatabaseSchemaTooOld otherwise,
    /// with a hint saying what to do.
    static Status checkCompatible(Database &db);
};

} // namespace ic::db
