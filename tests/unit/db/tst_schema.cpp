#include "db/Migrations.h"
#include "db/Migrator.h"
#include "db/Schema.h"

#include <QSet>
#include <QTest>

using ic::db::Dialect;
using namespace ic::db::schema;

namespace {

const QList<Dialect> allDialects{Dialect::SQLite, Dialect::PostgreSQL, Dialect::MySQL};

/// Every table of DESIGN.md "Data", as migration 1 must create it.
const QStringList expectedTables{
    QStringLiteral("service_configs"),   QStringLiteral("departments"),       QStringLiteral("staff"),
    QStringLiteral("staff_departments"), QStringLiteral("external_contacts"), QStringLiteral("follow_relations"),
    QStringLiteral("corp_tag_groups"),   QStringLiteral("corp_tags"),         QStringLiteral("contact_tags"),
    QStringLiteral("sync_runs"),         QStringLiteral("sync_run_steps"),    QStringLiteral("sync_run_errors"),
    QStringLiteral("call_log"),          QStringLiteral("inbound_events"),    QStringLiteral("pos_transactions"),
    QStringLiteral("supplier_orders"),   QStringLiteral("member_syncs"),      QStringLiteral("audit_log")};

/// The tables migration 2 adds: the shared access token cache and the connection test results.
const QStringList migrationTwoTables{QStringLiteral("access_token_cache"), QStringLiteral("service_tests")};

/// Org and customer rows mirrored from a provider.
const QStringList mirroredTables{QStringLiteral("departments"),       QStringLiteral("staff"),
                                 QStringLiteral("staff_departments"), QStringLiteral("external_contacts"),
                                 QStringLiteral("follow_relations"),  QStringLiteral("corp_tag_groups"),
                                 QStringLiteral("corp_tags"),         QStringLiteral("contact_tags")};

/// Words reserved in at least one of the dialects; none may be a column name.
const QSet<QString> reservedWords{
    QStringLiteral("add"),          QStringLiteral("all"),        QStringLiteral("alter"),   QStringLiteral("and"),
    QStringLiteral("as"),           QStringLiteral("asc"),        QStringLiteral("before"),  QStringLiteral("between"),
    QStringLiteral("by"),           QStringLiteral("case"),       QStringLiteral("check"),   QStringLiteral("column"),
    QStringLiteral("condition"),    QStringLiteral("constraint"), QStringLiteral("create"),  QStringLiteral("cross"),
    QStringLiteral("current_user"), QStringLiteral("default"),    QStringLiteral("delete"),  QStringLiteral("desc"),
    QStringLiteral("distinct"),     QStringLiteral("drop"),       QStringLiteral("else"),    QStringLiteral("exists"),
    QStringLiteral("false"),        QStringLiteral("for"),        QStringLiteral("foreign"), QStringLiteral("from"),
    QStringLiteral("grant"),        QStringLiteral("group"),      QStringLiteral("having"),  QStringLiteral("in"),
    QStringLiteral("index"),        QStringLiteral("inner"),      QStringLiteral("insert"),  QStringLiteral("interval"),
    QStringLiteral("into"),         QStringLiteral("is"),         QStringLiteral("join"),    QStringLiteral("key"),
    QStringLiteral("keys"),         QStringLiteral("left"),       QStringLiteral("like"),    QStringLiteral("limit"),
    QStringLiteral("lock"),         QStringLiteral("match"),      QStringLiteral("not"),     QStringLiteral("null"),
    QStringLiteral("on"),           QStringLiteral("option"),     QStringLiteral("or"),      QStringLiteral("order"),
    QStringLiteral("outer"),        QStringLiteral("primary"),    QStringLiteral("range"),   QStringLiteral("rank"),
    QStringLiteral("read"),         QStringLiteral("references"), QStringLiteral("rows"),    QStringLiteral("select"),
    QStringLiteral("set"),          QStringLiteral("table"),      QStringLiteral("then"),    QStringLiteral("to"),
    QStringLiteral("true"),         QStringLiteral("union"),      QStringLiteral("unique"),  QStringLiteral("update"),
    QStringLiteral("usage"),        QStringLiteral("user"),       QStringLiteral("using"),   QStringLiteral("values"),
    QStringLiteral("when"),         QStringLiteral("where"),      QStringLiteral("window"),  QStringLiteral("with"),
    QStringLiteral("write")};

/// Every table of every migration, in the order the migrations create them.
QList<Table> allTables()
{
    QList<Table> tables;
    for (const ic::db::Migration &migration : ic::db::migrations()) {
        tables += migration.tables;
    }
    return tables;
}

const Table &table(const QString &name)
{
    static const QList<Table> tables = allTables();
    for (const Table &t : tables) {
        if (t.name == name) {
            return t;
        }
    }
    qFatal("no table %s", qPrintable(name));
}

QString createTable(const QString &name, Dialect dialect)
{
    return createStatements(table(name), dialect).constFirst();
}

} // namespace

class TestSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void migrationsAreNumberedWithoutGaps();
    void migrationOneCreatesEveryTable();
    void migrationTwoCreatesTokenCacheAndTestResults();
    void tokenCacheColumns();
    void serviceTestColumns();
    void migrationThreeCreatesSyncLocks();
    void everyBusinessTableHasTenant();
    void mirroredRowsKeepTheirBookkeeping();
    void everyStatementIsIdempotent();
    void identityColumns();
    void keysCompareCaseSensitivelyOnMySql();
    void mysqlTableOptionsAndInlineIndexes();
    void sqliteAndPostgresqlCreateIndexesSeparately();
    void timeAndBoolTypes();
    void payloadsAreMediumTextOnMySql();
    void foreignKeys();
    void identifiersAreValid();
    void indexesOnlyUseIndexableColumns();
    void naturalKeys();
    void migrationsTable();
};

void TestSchema::migrationsAreNumberedWithoutGaps()
{
    const auto &all = ic::db::migrations();
    QVERIFY(!all.isEmpty());
    for (int i = 0; i < all.size(); ++i) {
        QCOMPARE(all.at(i).version, i + 1);
        QVERIFY(!all.at(i).name.isEmpty());
    }
    QCOMPARE(ic::db::Migrator::latestVersion(), all.size());
}

void TestSchema::migrationOneCreatesEveryTable()
{
    QStringList names;
    for (const Table &t : ic::db::migrations().constFirst().tables) {
        names.append(t.name);
    }
    QCOMPARE(names, expectedTables);
}

void TestSchema::migrationTwoCreatesTokenCacheAndTestResults()
{
    QVERIFY(ic::db::migrations().size() >= 2);
    const ic::db::Migration &second = ic::db::migrations().at(1);
    QCOMPARE(second.version, 2);
    QCOMPARE(second.name, QStringLiteral("access token cache and connection test results"));
    QStringList names;
    for (const Table &t : second.tables) {
        names.append(t.name);
    }
    QCOMPARE(names, migrationTwoTables);
    // No table is created twice.
    QSet<QString> seen;
    for (const Table &t : allTables()) {
        QVERIFY2(!seen.contains(t.name), qPrintable(t.name));
        seen.insert(t.name);
    }
}

void TestSchema::tokenCacheColumns()
{
    const Table &cache = table(QStringLiteral("access_token_cache"));
    const QList<std::pair<const char *, ColumnType>> expected{
        {"id", ColumnType::Id},           {"tenant_id", ColumnType::Key},   {"api_base", ColumnType::Key},
        {"corp_id", ColumnType::Key},     {"secret_kind", ColumnType::Key}, {"sealed_token", ColumnType::Text},
        {"expires_at", ColumnType::Time}, {"fetched_at", ColumnType::Time}, {"fetched_by", ColumnType::Text}};
    QCOMPARE(cache.columns.size(), expected.size());
    for (const auto &[name, type] : expected) {
        const Column *c = cache.column(QString::fromLatin1(name));
        QVERIFY2(c, name);
        QCOMPARE(c->type, type);
        QCOMPARE(c->notNull, qstrcmp(name, "fetched_by") != 0);
    }
    QCOMPARE(cache.indexes.size(), 1);
    QVERIFY(cache.indexes.constFirst().unique);
    QCOMPARE(cache.indexes.constFirst().columns,
             (QStringList{QStringLiteral("tenant_id"), QStringLiteral("api_base"), QStringLiteral("corp_id"),
                          QStringLiteral("secret_kind")}));
    // Not tied to one service: services with the same corp and secret share the token.
    QVERIFY(cache.foreignKeys.isEmpty());

    const QString mysql = createTable(QStringLiteral("access_token_cache"), Dialect::MySQL);
    QVERIFY(mysql.contains(QLatin1String("api_base VARCHAR(128) COLLATE utf8mb4_bin NOT NULL")));
    QVERIFY(mysql.contains(QLatin1String("sealed_token TEXT NOT NULL")));
    QVERIFY(mysql.contains(QLatin1String("expires_at DATETIME(3) NOT NULL")));
    QVERIFY(mysql.contains(
        QLatin1String("UNIQUE KEY access_token_cache_tenant_id_api_base_corp_id_secret_kind_key (tenant_id, api_base, "
                      "corp_id, secret_kind)")));
    QVERIFY(createStatements(cache, Dialect::PostgreSQL)
                .contains(QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS "
                                         "access_token_cache_tenant_id_api_base_corp_id_secret_kind_key ON "
                                         "access_token_cache (tenant_id, api_base, corp_id, secret_kind)")));
}

void TestSchema::serviceTestColumns()
{
    const Table &tests = table(QStringLiteral("service_tests"));
    const QList<std::pair<const char *, ColumnType>> expected{
        {"id", ColumnType::Id},           {"tenant_id", ColumnType::Key},    {"service_id", ColumnType::BigInt},
        {"started_at", ColumnType::Time}, {"finished_at", ColumnType::Time}, {"outcome", ColumnType::Key},
        {"result", ColumnType::Json},     {"tested_by", ColumnType::Name}};
    QCOMPARE(tests.columns.size(), expected.size());
    for (const auto &[name, type] : expected) {
        const Column *c = tests.column(QString::fromLatin1(name));
        QVERIFY2(c, name);
        QCOMPARE(c->type, type);
    }
    QCOMPARE(tests.indexes.size(), 1);
    QVERIFY(!tests.indexes.constFirst().unique);
    QCOMPARE(tests.indexes.constFirst().columns,
             (QStringList{QStringLiteral("tenant_id"), QStringLiteral("service_id"), QStringLiteral("started_at")}));
    for (Dialect dialect : allDialects) {
        QVERIFY(createTable(QStringLiteral("service_tests"), dialect)
                    .contains(QLatin1String("CONSTRAINT service_tests_service_id_fkey FOREIGN KEY (service_id) "
                                            "REFERENCES service_configs (id) ON DELETE CASCADE")));
    }
    QVERIFY(createTable(QStringLiteral("service_tests"), Dialect::MySQL)
                .contains(QLatin1String("result MEDIUMTEXT NOT NULL")));
}

void TestSchema::migrationThreeCreatesSyncLocks()
{
    QVERIFY(ic::db::migrations().size() >= 3);
    const ic::db::Migration &third = ic::db::migrations().at(2);
    QCOMPARE(third.version, 3);
    QCOMPARE(third.name, QStringLiteral("sync run locks"));
    QCOMPARE(third.tables.size(), 1);
    const Table &locks = third.tables.constFirst();
    QCOMPARE(locks.name, QStringLiteral("sync_locks"));
    const QList<std::pair<const char *, ColumnType>> expected{{"id", ColumnType::Id},
                                                              {"tenant_id", ColumnType::Key},
                                                              {"service_id", ColumnType::BigInt},
                                                              {"sync_type", ColumnType::Key},
                                                              {"holder_token", ColumnType::Key},
                                                              {"host", ColumnType::Name},
                                                              {"pid", ColumnType::BigInt},
                                                              {"run_id", ColumnType::BigInt},
                                                              {"acquired_at", ColumnType::Time},
                                                              {"heartbeat_at", ColumnType::Time}};
    QCOMPARE(locks.columns.size(), expected.size());
    for (const auto &[name, type] : expected) {
        const Column *c = locks.column(QString::fromLatin1(name));
        QVERIFY2(c, name);
        QCOMPARE(c->type, type);
        QCOMPARE(c->notNull, qstrcmp(name, "run_id") != 0); // no run yet while the holder creates it
    }
    // One holder per tenant, service and sync type; no foreign key, as for sync_runs.
    QCOMPARE(locks.indexes.size(), 1);
    QVERIFY(locks.indexes.constFirst().unique);
    QCOMPARE(locks.indexes.constFirst().columns,
             (QStringList{QStringLiteral("tenant_id"), QStringLiteral("service_id"), QStringLiteral("sync_type")}));
    QVERIFY(locks.foreignKeys.isEmpty());
    QVERIFY(createTable(QStringLiteral("sync_locks"), Dialect::MySQL)
                .contains(QLatin1String("UNIQUE KEY sync_locks_tenant_id_service_id_sync_type_key (tenant_id, "
                                        "service_id, sync_type)")));
}

void TestSchema::everyBusinessTableHasTenant()
{
    for (const Table &t : allTables()) {
        const Column *tenant = t.column(QStringLiteral("tenant_id"));
        QVERIFY2(tenant, qPrintable(t.name));
        QCOMPARE(tenant->type, ColumnType::Key);
        QVERIFY2(tenant->notNull, qPrintable(t.name));
        for (Dialect dialect : allDialects) {
            QVERIFY(createStatements(t, dialect).constFirst().contains(QLatin1String("tenant_id VARCHAR(128)")));
        }
    }
}

void TestSchema::mirroredRowsKeepTheirBookkeeping()
{
    for (const QString &name : mirroredTables) {
        const Table &t = table(name);
        for (const char *column :
             {"content_hash", "synced_at", "last_run_id", "deleted_at", "created_at", "updated_at", "service_id"}) {
            QVERIFY2(t.hasColumn(QString::fromLatin1(column)),
                     qPrintable(name + QLatin1Char('.') + QString::fromLatin1(column)));
        }
    }
}

void TestSchema::everyStatementIsIdempotent()
{
    for (Dialect dialect : allDialects) {
        QStringList statements;
        for (const ic::db::Migration &migration : ic::db::migrations()) {
            QVERIFY(migration.statements(dialect).size() >= migration.tables.size());
            statements += migration.statements(dialect);
        }
        QVERIFY(statements.size() >= expectedTables.size() + migrationTwoTables.size());
        for (const QString &statement : statements) {
            // MySQL has no CREATE INDEX IF NOT EXISTS: an index added to an existing table is created through a
            // statement prepared only when information_schema lacks it.
            const bool guardedMySqlIndex =
                dialect == Dialect::MySQL &&
                ((statement.startsWith(QLatin1String("SET @ic_ddl = (SELECT IF(COUNT(*) = 0, 'ALTER TABLE ")) &&
                  statement.contains(QLatin1String("FROM information_schema.statistics"))) ||
                 statement == QLatin1String("PREPARE ic_ddl_statement FROM @ic_ddl") ||
                 statement == QLatin1String("EXECUTE ic_ddl_statement") ||
                 statement == QLatin1String("DEALLOCATE PREPARE ic_ddl_statement"));
            QVERIFY2(statement.startsWith(QLatin1String("CREATE TABLE IF NOT EXISTS ")) ||
                         statement.startsWith(QLatin1String("CREATE INDEX IF NOT EXISTS ")) ||
                         statement.startsWith(QLatin1String("CREATE UNIQUE INDEX IF NOT EXISTS ")) || guardedMySqlIndex,
                     qPrintable(statement));
        }
    }
}

void TestSchema::identityColumns()
{
    QVERIFY(createTable(QStringLiteral("staff"), Dialect::SQLite)
                .contains(QLatin1String("\n    id INTEGER PRIMARY KEY AUTOINCREMENT,")));
    QVERIFY(createTable(QStringLiteral("staff"), Dialect::PostgreSQL)
                .contains(QLatin1String("\n    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,")));
    QVERIFY(createTable(QStringLiteral("staff"), Dialect::MySQL)
                .contains(QLatin1String("\n    id BIGINT AUTO_INCREMENT PRIMARY KEY,")));
    // References to other rows are 64-bit everywhere, so they fit the identity columns.
    for (Dialect dialect : allDialects) {
        QVERIFY(createTable(QStringLiteral("staff"), dialect).contains(QLatin1String("service_id BIGINT NOT NULL")));
    }
}

void TestSchema::keysCompareCaseSensitivelyOnMySql()
{
    const QString mysql = createTable(QStringLiteral("external_contacts"), Dialect::MySQL);
    QVERIFY(mysql.contains(QLatin1String("external_userid VARCHAR(128) COLLATE utf8mb4_bin NOT NULL")));
    QVERIFY(mysql.contains(QLatin1String("name VARCHAR(255) NOT NULL")));
    for (Dialect dialect : {Dialect::SQLite, Dialect::PostgreSQL}) {
        const QString sql = createTable(QStringLiteral("external_contacts"), dialect);
        QVERIFY(sql.contains(QLatin1String("external_userid VARCHAR(128) NOT NULL")));
        QVERIFY(!sql.contains(QLatin1String("COLLATE")));
    }
}

void TestSchema::mysqlTableOptionsAndInlineIndexes()
{
    for (const ic::db::Migration &migration : ic::db::migrations()) {
        for (const ic::db::schema::Table &table : migration.tables) {
            for (const QString &statement : ic::db::schema::createStatements(table, Dialect::MySQL)) {
                QVERIFY(statement.startsWith(QLatin1String("CREATE TABLE IF NOT EXISTS ")));
                QVERIFY(statement.endsWith(
                    QLatin1String(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci")));
            }
        }
    }
    const QString services = createTable(QStringLiteral("service_configs"), Dialect::MySQL);
    QVERIFY(services.contains(QLatin1String("UNIQUE KEY service_configs_tenant_id_name_key (tenant_id, name)")));
    QVERIFY(services.contains(QLatin1String("UNIQUE KEY service_configs_uid_key (uid)")));
    QVERIFY(createTable(QStringLiteral("call_log"), Dialect::MySQL)
                .contains(QLatin1String("KEY call_log_tenant_id_request_at_id_idx (tenant_id, request_at, id)")));
}

void TestSchema::sqliteAndPostgresqlCreateIndexesSeparately()
{
    for (Dialect dialect : {Dialect::SQLite, Dialect::PostgreSQL}) {
        const QStringList statements = createStatements(table(QStringLiteral("service_configs")), dialect);
        QVERIFY(!statements.constFirst().contains(QLatin1String("UNIQUE")));
        QVERIFY(
            statements.contains(QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS service_configs_tenant_id_name_key "
                                               "ON service_configs (tenant_id, name)")));
        QVERIFY(statements.contains(
            QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS service_configs_uid_key ON service_configs (uid)")));
        const QStringList callLog = createStatements(table(QStringLiteral("call_log")), dialect);
        QVERIFY(callLog.contains(
            QStringLiteral("CREATE INDEX IF NOT EXISTS call_log_tenant_id_service_id_request_at_id_idx "
                           "ON call_log (tenant_id, service_id, request_at, id)")));
        QCOMPARE(callLog.size(), 1 + table(QStringLiteral("call_log")).indexes.size());
    }
}

void TestSchema::timeAndBoolTypes()
{
    QVERIFY(createTable(QStringLiteral("sync_runs"), Dialect::SQLite).contains(QLatin1String("started_at TEXT,")));
    QVERIFY(createTable(QStringLiteral("sync_runs"), Dialect::PostgreSQL)
                .contains(QLatin1String("started_at TIMESTAMPTZ,")));
    QVERIFY(
        createTable(QStringLiteral("sync_runs"), Dialect::MySQL).contains(QLatin1String("started_at DATETIME(3),")));

    QVERIFY(createTable(QStringLiteral("service_configs"), Dialect::SQLite)
                .contains(QLatin1String("enabled SMALLINT NOT NULL DEFAULT 1")));
    QVERIFY(createTable(QStringLiteral("service_configs"), Dialect::PostgreSQL)
                .contains(QLatin1String("enabled BOOLEAN NOT NULL DEFAULT TRUE")));
    QVERIFY(createTable(QStringLiteral("service_configs"), Dialect::MySQL)
                .contains(QLatin1String("enabled TINYINT(1) NOT NULL DEFAULT 1")));
    QVERIFY(createTable(QStringLiteral("sync_runs"), Dialect::PostgreSQL)
                .contains(QLatin1String("dry_run BOOLEAN NOT NULL DEFAULT FALSE")));
    QVERIFY(createTable(QStringLiteral("service_configs"), Dialect::PostgreSQL)
                .contains(QLatin1String("status VARCHAR(128) NOT NULL DEFAULT 'inactive'")));
}

void TestSchema::payloadsAreMediumTextOnMySql()
{
    const QString mysql = createTable(QStringLiteral("call_log"), Dialect::MySQL);
    QVERIFY(mysql.contains(QLatin1String("request_payload MEDIUMTEXT")));
    QVERIFY(mysql.contains(QLatin1String("response_payload MEDIUMTEXT")));
    QVERIFY(mysql.contains(QLatin1String("request_hash VARCHAR(64)")));
    QVERIFY(
        createTable(QStringLiteral("call_log"), Dialect::PostgreSQL).contains(QLatin1String("request_payload TEXT")));
}

void TestSchema::foreignKeys()
{
    // Mirrored rows go with their service.
    for (const QString &name : mirroredTables) {
        for (Dialect dialect : allDialects) {
            QVERIFY2(createTable(name, dialect)
                         .contains(QLatin1String("FOREIGN KEY (service_id) REFERENCES service_configs (id) ON DELETE "
                                                 "CASCADE")),
                     qPrintable(name));
        }
    }
    // Logs and business records outlive a removed service.
    for (const char *name : {"call_log", "audit_log", "sync_runs", "inbound_events", "pos_transactions",
                             "supplier_orders", "member_syncs"}) {
        QVERIFY2(table(QString::fromLatin1(name)).foreignKeys.isEmpty(), name);
    }
    QVERIFY(createTable(QStringLiteral("sync_run_steps"), Dialect::PostgreSQL)
                .contains(QLatin1String("FOREIGN KEY (run_id) REFERENCES sync_runs (id) ON DELETE CASCADE")));
    // Connection test results go with their service; the shared token cache belongs to no service.
    QCOMPARE(table(QStringLiteral("service_tests")).foreignKeys.size(), 1);
    QVERIFY(table(QStringLiteral("service_tests")).foreignKeys.constFirst().cascadeOnDelete);
    QVERIFY(table(QStringLiteral("access_token_cache")).foreignKeys.isEmpty());
    // A referenced table is created before the tables that reference it, by the same or an earlier migration.
    QStringList created;
    for (const Table &t : allTables()) {
        for (const ForeignKey &key : t.foreignKeys) {
            QVERIFY2(created.contains(key.referencedTable), qPrintable(t.name));
            QVERIFY(t.hasColumn(key.column));
        }
        created.append(t.name);
    }
}

void TestSchema::identifiersAreValid()
{
    QSet<QString> indexNames;
    QSet<QString> constraintNames;
    for (const Table &t : allTables()) {
        QSet<QString> columns;
        for (const Column &c : t.columns) {
            QVERIFY2(!reservedWords.contains(c.name), qPrintable(t.name + QLatin1Char('.') + c.name));
            QVERIFY2(!columns.contains(c.name), qPrintable(t.name + QLatin1Char('.') + c.name));
            columns.insert(c.name);
        }
        for (const Index &index : t.indexes) {
            QVERIFY2(index.name.size() <= maxIdentifierLength, qPrintable(index.name));
            QVERIFY2(!indexNames.contains(index.name), qPrintable(index.name));
            indexNames.insert(index.name);
        }
        for (const ForeignKey &key : t.foreignKeys) {
            QVERIFY2(key.name.size() <= maxIdentifierLength, qPrintable(key.name));
            QVERIFY2(!constraintNames.contains(key.name), qPrintable(key.name));
            constraintNames.insert(key.name);
        }
    }
}

void TestSchema::indexesOnlyUseIndexableColumns()
{
    // MySQL cannot index TEXT columns without a prefix length, and an index over utf8mb4 columns must stay under
    // InnoDB's 3072-byte limit.
    for (const Table &t : allTables()) {
        for (const Index &index : t.indexes) {
            int bytes = 0;
            for (const QString &name : index.columns) {
                const Column *c = t.column(name);
                QVERIFY2(c, qPrintable(t.name + QLatin1Char('.') + name));
                QVERIFY2(c->type != ColumnType::Text && c->type != ColumnType::Payload && c->type != ColumnType::Json,
                         qPrintable(t.name + QLatin1Char('.') + name));
                bytes += c->type == ColumnType::Key    ? 128 * 4
                         : c->type == ColumnType::Name ? 255 * 4
                         : c->type == ColumnType::Hash ? 64 * 4
                                                       : 8;
            }
            QVERIFY2(bytes <= 3072, qPrintable(index.name));
        }
    }
}

void TestSchema::naturalKeys()
{
    auto uniques = [](const QString &name) {
        QList<QStringList> result;
        for (const Index &index : table(name).indexes) {
            if (index.unique) {
                result.append(index.columns);
            }
        }
        return result;
    };
    QVERIFY(uniques(QStringLiteral("service_configs"))
                .contains(QStringList{QStringLiteral("tenant_id"), QStringLiteral("name")}));
    QVERIFY(uniques(QStringLiteral("staff"))
                .contains(
                    QStringList{QStringLiteral("tenant_id"), QStringLiteral("service_id"), QStringLiteral("userid")}));
    QVERIFY(uniques(QStringLiteral("contact_tags"))
                .contains(QStringList{QStringLiteral("tenant_id"), QStringLiteral("service_id"),
                                      QStringLiteral("external_userid"), QStringLiteral("userid"),
                                      QStringLiteral("tag_id")}));
    QVERIFY(uniques(QStringLiteral("inbound_events"))
                .contains(QStringList{QStringLiteral("tenant_id"), QStringLiteral("service_id"),
                                      QStringLiteral("source"), QStringLiteral("event_id")}));
    QVERIFY(uniques(QStringLiteral("sync_run_steps"))
                .contains(QStringList{QStringLiteral("run_id"), QStringLiteral("step_no")}));
    QVERIFY(uniques(QStringLiteral("access_token_cache"))
                .contains(QStringList{QStringLiteral("tenant_id"), QStringLiteral("api_base"),
                                      QStringLiteral("corp_id"), QStringLiteral("secret_kind")}));
    // Every mirrored table and every inbound business table has a natural key.
    for (const char *name :
         {"departments", "staff", "staff_departments", "external_contacts", "follow_relations", "corp_tag_groups",
          "corp_tags", "contact_tags", "inbound_events", "pos_transactions", "supplier_orders", "member_syncs"}) {
        QVERIFY2(!uniques(QString::fromLatin1(name)).isEmpty(), name);
    }
}

void TestSchema::migrationsTable()
{
    const Table t = ic::db::migrationsTable();
    QCOMPARE(t.name, QStringLiteral("ic_schema_migrations"));
    QCOMPARE(t.primaryKey, QStringList{QStringLiteral("version")});
    for (Dialect dialect : allDialects) {
        const QStringList statements = createStatements(t, dialect);
        QCOMPARE(statements.size(), 1);
        QVERIFY(statements.constFirst().startsWith(QLatin1String("CREATE TABLE IF NOT EXISTS ic_schema_migrations")));
        QVERIFY(statements.constFirst().contains(QLatin1String("PRIMARY KEY (version)")));
    }
}

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
