#pragma once

#include <utility>

#include "db/Schema.h"

#include <QList>
#include <QString>

// The numbered migrations. Internal to core/db (the Migrator runs them; unit tests inspect them).
namespace ic::db {

struct Migration {
    int version = 0;
    QString name;
    /// Tables created by this migration, in dependency order (referenced tables first).
    QList<schema::Table> tables;
    /// Indexes added to existing tables: (table, index).
    QList<std::pair<QString, schema::Index>> indexes;

    /// The DDL of this migration for `dialect`; every statement is idempotent.
    QStringList statements(Dialect dialect) const;
};

/// All migrations, ordered by version, numbered 1, 2, ... without gaps.
const QList<Migration> &migrations();

/// `ic_schema_migrations`: the record of applied migrations, created before the first migration runs.
schema::Table migrationsTable();

} // namespace ic::db
