#include "TestDatabase.h"

#include "db/Database.h"
#include "db/Migrations.h"
#include "db/Migrator.h"
#include "db/Repositories.h"
#include "db/SqlError.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>

using namespace ic;
using namespace ic::db;

namespace {

QString randomText(const QString &prefix)
{
    return prefix + QString::number(QRandomGenerator::global()->generate64(), 16);
}

/// Opens a connection or fails the test.
#define OPEN_OR_FAIL(var)                                                                                              \
    auto var##Opened = m_test->open();                                                                                 \
    QVERIFY2(var##Opened.ok(), var##Opened.ok() ? "" : qPrintable(var##Opened.error().toDisplayString()));             \
    Database &var = *var##Opened.value();

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyResult = (expr);                                                                             \
        QVERIFY2(verifyResult.ok(), verifyResult.ok() ? "" : qPrintable(verifyResult.error().toDisplayString()));      \
    } while (false)

QStringList tablesOf(Database &db)
{
    QStringList tables = db.handle().tables(QSql::Tables);
    tables.removeIf([](const QString &name) { return name.startsWith(QLatin1String("sqlite_")); });
    tables.sort();
    return tables;
}

qint64 countRows(Database &db, const QString &table)
{
    QSqlQuery query(db.handle());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !query.next()) {
        qWarning("count %s: %s", qPrintable(table), qPrintable(query.lastError().text()));
        return -1;
    }
    return query.value(0).toLongLong();
}

ServiceConfigRecord sampleService(const QString &tenant, const QString &name)
{
    ServiceConfigRecord record;
    record.tenantId = tenant;
    record.name = name;
    record.type = QStringLiteral("wecom");
    record.category = QStringLiteral("collaboration");
    record.description = QStringLiteral("企业微信主体：华东区门店 · 通讯录与客户同步");
    record.settings = QJsonObject{{QStringLiteral("corp_id"), QStringLiteral("ww1234567890abcdef")},
                                  {QStringLiteral("agent_id"), 1000002},
                                  {QStringLiteral("显示名称"), QStringLiteral("华东区")},
                                  {QStringLiteral("departments"), QJsonArray{1, 2, 3}}};
    record.secretRefs = QJsonObject{{QStringLiteral("corp_secret"), QStringLiteral("service/uid/corp_secret")}};
    record.enabled = true;
    record.status = QStringLiteral("active");
    record.timeoutMs = 15000;
    record.retryPolicy = QJsonObject{{QStringLiteral("max_attempts"), 3}, {QStringLiteral("backoff_ms"), 500}};
    record.rateLimit = QJsonObject{{QStringLiteral("per_minute"), 600}};
    record.healthCheckEndpoint = QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/gettoken");
    record.priority = 5;
    record.lastTestedAt = QDateTime(QDate(2024, 2, 14), QTime(8, 30, 15, 250), QTimeZone::utc());
    record.createdBy = QStringLiteral("管理员");
    record.updatedBy = QStringLiteral("管理员");
    return record;
}

void compareServices(const ServiceConfigRecord &actual, const ServiceConfigRecord &expected)
{
    QCOMPARE(actual.tenantId, expected.tenantId);
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.type, expected.type);
    QCOMPARE(actual.category, expected.category);
    QCOMPARE(actual.description, expected.description);
    QCOMPARE(actual.settings, expected.settings);
    QCOMPARE(actual.secretRefs, expected.secretRefs);
    QCOMPARE(actual.enabled, expected.enabled);
    QCOMPARE(actual.status, expected.status);
    QCOMPARE(actual.timeoutMs, expected.timeoutMs);
    QCOMPARE(actual.retryPolicy, expected.retryPolicy);
    QCOMPARE(actual.rateLimit, expected.rateLimit);
    QCOMPARE(actual.healthCheckEndpoint, expected.healthCheckEndpoint);
    QCOMPARE(actual.priority, expected.priority);
    QCOMPARE(actual.lastTestedAt, expected.lastTestedAt);
    QCOMPARE(actual.createdBy, expected.createdBy);
    QCOMPARE(actual.updatedBy, expected.updatedBy);
}

/// A value of the right kind for a column of `type`, unique per call for text kinds.
QVariant sampleValue(Database &db, const schema::Column &column)
{
    switch (column.type) {
    case schema::ColumnType::Id:
    case schema::ColumnType::Int:
    case schema::ColumnType::BigInt:
        return 1;
    case schema::ColumnType::Bool:
        return true;
    case schema::ColumnType::Time:
        return db.toDbTime(QDateTime::currentDateTimeUtc());
    case schema::ColumnType::Key:
    case schema::ColumnType::Name:
    case schema::ColumnType::Hash:
        return randomText(QStringLiteral("v"));
    case schema::ColumnType::Text:
    case schema::ColumnType::Payload:
    case schema::ColumnType::Json:
        return QStringLiteral("{}");
    }
    return {};
}

} // namespace

class TestDatabaseIntegration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void migrateEmptyDatabase();
    void uniqueConstraintsAreEnforced();
    void refuseNewerSchema();
    void tooOldSchema();
    void upgradeFromVersionOne();
    void concurrentMigrate();
    void timesRoundTripInUtc_data();
    void timesRoundTripInUtc();
    void sessionSettings();
    void sqliteWaitsForAnotherWriter();
    void batchWriteTuning();
    void serviceConfigRoundTrip();
    void duplicateServiceName();
    void updateAndRemoveNotFound();
    void removingServiceCascadesToMirroredRowsOnly();
    void auditLogNewestFirst();
    void auditLogFiltersAndPages();
    void nestedTransactions();
    void dumpContainsTheData();
    void unreachableServer();
    void unknownDatabase();
    void credentialsRefused();

private:
    std::unique_ptr<test::TestDatabase> m_test;
};

void TestDatabaseIntegration::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_test = std::move(database);
    qInfo("testing %s", qPrintable(m_test->url().toString()));
}

void TestDatabaseIntegration::init()
{
    m_test->wipe();
}

void TestDatabaseIntegration::migrateEmptyDatabase()
{
    OPEN_OR_FAIL(db);
    auto before = Migrator::status(db);
    VERIFY_OK(before);
    QCOMPARE(before->current, 0);
    QCOMPARE(before->latest, Migrator::latestVersion());
    QVERIFY(before->applied.isEmpty());
    QVERIFY(!before->isUpToDate());

    const QDateTime started = QDateTime::currentDateTimeUtc().addSecs(-1);
    auto applied = Migrator::migrate(db);
    VERIFY_OK(applied);
    QCOMPARE(applied.value(), Migrator::latestVersion());

    auto after = Migrator::status(db);
    VERIFY_OK(after);
    QCOMPARE(after->current, Migrator::latestVersion());
    QVERIFY(after->isUpToDate());
    QCOMPARE(after->applied.size(), Migrator::latestVersion());
    QCOMPARE(after->applied.constFirst().version, 1);
    QCOMPARE(after->applied.constFirst().name, QStringLiteral("initial schema"));
    QCOMPARE(after->applied.constFirst().appVersion, QStringLiteral(IC_VERSION));
    QVERIFY(after->applied.constFirst().appliedAt >= started);
    QVERIFY(after->applied.constFirst().appliedAt <= QDateTime::currentDateTimeUtc().addSecs(1));
    QCOMPARE(after->applied.at(1).version, 2);
    QCOMPARE(after->applied.at(1).name, QStringLiteral("access token cache and connection test results"));
    VERIFY_OK(Migrator::checkCompatible(db));

    QStringList expected{QStringLiteral("ic_schema_migrations")};
    for (const Migration &migration : migrations()) {
        for (const schema::Table &table : migration.tables) {
            expected.append(table.name);
        }
    }
    expected.sort();
    const QStringList tables = tablesOf(db);
    QCOMPARE(tables, expected);

    // Indexes added to existing tables by later migrations are there.
    for (const Migration &migration : migrations()) {
        for (const auto &[table, index] : migration.indexes) {
            QSqlQuery query(db.handle());
            QString sql;
            switch (db.dialect()) {
            case Dialect::SQLite:
                sql = QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?");
                break;
            case Dialect::PostgreSQL:
                sql = QStringLiteral("SELECT COUNT(*) FROM pg_indexes WHERE indexname = ?");
                break;
            case Dialect::MySQL:
                sql = QStringLiteral("SELECT COUNT(DISTINCT index_name) FROM information_schema.statistics WHERE "
                                     "table_schema = DATABASE() AND index_name = ?");
                break;
            }
            QVERIFY(query.prepare(sql));
            query.addBindValue(index.name);
            QVERIFY2(query.exec() && query.next(), qPrintable(query.lastError().text()));
            QVERIFY2(query.value(0).toInt() == 1, qPrintable(table + u'.' + index.name));
        }
    }

    // Running it again changes nothing.
    auto again = Migrator::migrate(db);
    VERIFY_OK(again);
    QCOMPARE(again.value(), 0);
    QCOMPARE(countRows(db, QStringLiteral("ic_schema_migrations")), qint64(Migrator::latestVersion()));
    QCOMPARE(tablesOf(db), expected);

    // A second connection sees the same, up-to-date schema.
    OPEN_OR_FAIL(other);
    VERIFY_OK(Migrator::checkCompatible(other));
}

void TestDatabaseIntegration::uniqueConstraintsAreEnforced()
{
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));

    ServiceConfigRepository services(db);
    auto serviceId = services.insert(sampleService(QStringLiteral("t1"), QStringLiteral("wecom-main")));
    VERIFY_OK(serviceId);
    QSqlQuery runInsert(db.handle());
    QVERIFY(runInsert.prepare(QStringLiteral("INSERT INTO sync_runs (tenant_id, service_id, sync_type, mode, "
                                             "trigger_source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")));
    for (const QVariant &value :
         {QVariant(QStringLiteral("t1")), QVariant(serviceId.value()), QVariant(QStringLiteral("user")),
          QVariant(QStringLiteral("full")), QVariant(QStringLiteral("cli")),
          db.toDbTime(QDateTime::currentDateTimeUtc()), db.toDbTime(QDateTime::currentDateTimeUtc())}) {
        runInsert.addBindValue(value);
    }
    QVERIFY2(runInsert.exec(), qPrintable(runInsert.lastError().text()));
    QSqlQuery lastRun(db.handle());
    QVERIFY(lastRun.exec(QStringLiteral("SELECT MAX(id) FROM sync_runs")) && lastRun.next());
    const qint64 runId = lastRun.value(0).toLongLong();

    QList<schema::Table> tables;
    for (const Migration &migration : migrations()) {
        tables += migration.tables;
    }
    int checked = 0;
    for (const schema::Table &table : std::as_const(tables)) {
        for (const schema::Index &index : table.indexes) {
            if (!index.unique) {
                continue;
            }
            // Rows that agree on the index's columns and differ everywhere else.
            QMap<QString, QVariant> fixed;
            for (const QString &name : index.columns) {
                fixed.insert(name, sampleValue(db, *table.column(name)));
            }
            auto insertRow = [&](const QMap<QString, QVariant> &overrides) {
                QStringList names;
                QVariantList values;
                for (const schema::Column &column : table.columns) {
                    if (column.type == schema::ColumnType::Id) {
                        continue;
                    }
                    QVariant value;
                    if (overrides.contains(column.name)) {
                        value = overrides.value(column.name);
                    } else if (column.name == QLatin1String("service_id")) {
                        value = serviceId.value();
                    } else if (column.name == QLatin1String("run_id")) {
                        value = runId;
                    } else if (column.name == QLatin1String("step_no")) {
                        value = QRandomGenerator::global()->bounded(1000000);
                    } else {
                        value = sampleValue(db, column);
                    }
                    names.append(column.name);
                    values.append(value);
                }
                QSqlQuery query(db.handle());
                const QString placeholders =
                    QStringList(QList<QString>(names.size(), QStringLiteral("?"))).join(QStringLiteral(", "));
                query.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                  .arg(table.name, names.join(QStringLiteral(", ")), placeholders));
                for (const QVariant &value : values) {
                    query.addBindValue(value);
                }
                const bool ok = query.exec();
                return std::make_pair(ok, query.lastError());
            };
            const auto first = insertRow(fixed);
            QVERIFY2(first.first, qPrintable(table.name + QStringLiteral(": ") + first.second.text()));
            const auto duplicate = insertRow(fixed);
            QVERIFY2(!duplicate.first, qPrintable(index.name + QStringLiteral(" accepted a duplicate")));
            QVERIFY2(isUniqueViolation(duplicate.second),
                     qPrintable(index.name + QStringLiteral(": ") + duplicate.second.text()));
            // Keys compare case-sensitively on every dialect: an external id differing only in case is another row.
            for (const QString &name : index.columns) {
                if (table.column(name)->type == schema::ColumnType::Key && name != QLatin1String("tenant_id")) {
                    QMap<QString, QVariant> upper = fixed;
                    upper[name] = fixed.value(name).toString().toUpper();
                    const auto other = insertRow(upper);
                    QVERIFY2(other.first, qPrintable(index.name + QStringLiteral(" (case): ") + other.second.text()));
                    break;
                }
            }
            ++checked;
        }
    }
    QVERIFY(checked >= 15);
}

void TestDatabaseIntegration::refuseNewerSchema()
{
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
    const int newer = Migrator::latestVersion() + 6;
    QSqlQuery insert(db.handle());
    insert.prepare(QStringLiteral("INSERT INTO ic_schema_migrations (version, name, applied_at, app_version) VALUES "
                                  "(?, ?, ?, ?)"));
    insert.addBindValue(newer);
    insert.addBindValue(QStringLiteral("from the future"));
    insert.addBindValue(db.toDbTime(QDateTime::currentDateTimeUtc()));
    insert.addBindValue(QStringLiteral("9.0.0"));
    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    const QStringList tablesBefore = tablesOf(db);

    auto status = Migrator::status(db);
    VERIFY_OK(status);
    QCOMPARE(status->current, newer);
    QVERIFY(status->isTooNew());

    auto migrated = Migrator::migrate(db);
    QVERIFY(!migrated.ok());
    QCOMPARE(migrated.error().code, ErrorCode::DatabaseSchemaTooNew);
    QVERIFY2(migrated.error().message.contains(
                 QStringLiteral("(schema %1; this program knows up to %2)").arg(newer).arg(Migrator::latestVersion())),
             qPrintable(migrated.error().message));
    QCOMPARE(migrated.error().hint, QStringLiteral("Install the newer version, or point --db at another database."));

    const Status compatible = Migrator::checkCompatible(db);
    QVERIFY(!compatible.ok());
    QCOMPARE(compatible.error().code, ErrorCode::DatabaseSchemaTooNew);

    // Nothing changed.
    QCOMPARE(countRows(db, QStringLiteral("ic_schema_migrations")), qint64(Migrator::latestVersion() + 1));
    QCOMPARE(tablesOf(db), tablesBefore);
}

void TestDatabaseIntegration::tooOldSchema()
{
    OPEN_OR_FAIL(db);
    Status empty = Migrator::checkCompatible(db);
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().code, ErrorCode::DatabaseSchemaTooOld);
    QCOMPARE(empty.error().hint, QStringLiteral("Run `integration-console db migrate`."));

    // Tables without a recorded version (an interrupted first migration on MySQL) are "too old" too, and
    // migrating completes them.
    for (const QString &statement : schema::createStatements(migrationsTable(), db.dialect())) {
        QSqlQuery query(db.handle());
        QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
    }
    const QStringList someTables = migrations().constFirst().statements(db.dialect()).mid(0, 3);
    for (const QString &statement : someTables) {
        QSqlQuery query(db.handle());
        QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
    }
    Status partial = Migrator::checkCompatible(db);
    QVERIFY(!partial.ok());
    QCOMPARE(partial.error().code, ErrorCode::DatabaseSchemaTooOld);
    auto applied = Migrator::migrate(db);
    VERIFY_OK(applied);
    QCOMPARE(applied.value(), Migrator::latestVersion());
    VERIFY_OK(Migrator::checkCompatible(db));
}

void TestDatabaseIntegration::upgradeFromVersionOne()
{
    OPEN_OR_FAIL(db);
    // A database as a program that knew only migration 1 left it: its tables, and version 1 recorded.
    const Migration &first = migrations().constFirst();
    QStringList statements = schema::createStatements(migrationsTable(), db.dialect());
    statements += first.statements(db.dialect());
    for (const QString &statement : std::as_const(statements)) {
        QSqlQuery query(db.handle());
        QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
    }
    QSqlQuery record(db.handle());
    record.prepare(QStringLiteral("INSERT INTO ic_schema_migrations (version, name, applied_at, app_version) VALUES "
                                  "(?, ?, ?, ?)"));
    record.addBindValue(first.version);
    record.addBindValue(first.name);
    record.addBindValue(db.toDbTime(QDateTime::currentDateTimeUtc()));
    record.addBindValue(QStringLiteral("0.1.0"));
    QVERIFY2(record.exec(), qPrintable(record.lastError().text()));
    ServiceConfigRepository services(db);
    auto serviceId = services.insert(sampleService(QStringLiteral("t1"), QStringLiteral("wecom-main")));
    VERIFY_OK(serviceId);

    auto before = Migrator::status(db);
    VERIFY_OK(before);
    QCOMPARE(before->current, 1);
    const Status old = Migrator::checkCompatible(db);
    QVERIFY(!old.ok());
    QCOMPARE(old.error().code, ErrorCode::DatabaseSchemaTooOld);
    QVERIFY2(old.error().message.contains(QLatin1String("(version 1)")), qPrintable(old.error().message));
    const QStringList versionOneTables = tablesOf(db);
    QVERIFY(!versionOneTables.contains(QStringLiteral("access_token_cache")));
    QVERIFY(!versionOneTables.contains(QStringLiteral("service_tests")));

    auto applied = Migrator::migrate(db);
    VERIFY_OK(applied);
    QCOMPARE(applied.value(), Migrator::latestVersion() - 1);
    VERIFY_OK(Migrator::checkCompatible(db));
    auto after = Migrator::status(db);
    VERIFY_OK(after);
    QCOMPARE(after->applied.size(), Migrator::latestVersion());
    QCOMPARE(after->applied.at(0).appVersion, QStringLiteral("0.1.0")); // the old record is kept as it was
    QCOMPARE(after->applied.at(1).version, 2);
    QCOMPARE(after->applied.at(1).appVersion, QStringLiteral(IC_VERSION));
    const QStringList tables = tablesOf(db);
    QVERIFY(tables.contains(QStringLiteral("access_token_cache")));
    QVERIFY(tables.contains(QStringLiteral("service_tests")));
    for (const QString &table : versionOneTables) {
        QVERIFY2(tables.contains(table), qPrintable(table));
    }

    // The data of version 1 is still there, and the new tables work with it: a test result refers to the service
    // and goes with it.
    auto service = services.findByName(QStringLiteral("t1"), QStringLiteral("wecom-main"));
    VERIFY_OK(service);
    QVERIFY(service->has_value());
    QCOMPARE(service->value().id, serviceId.value());
    QSqlQuery test(db.handle());
    test.prepare(QStringLiteral("INSERT INTO service_tests (tenant_id, service_id, started_at, outcome, result) "
                                "VALUES (?, ?, ?, ?, ?)"));
    for (const QVariant &value :
         {QVariant(QStringLiteral("t1")), QVariant(serviceId.value()), db.toDbTime(QDateTime::currentDateTimeUtc()),
          QVariant(QStringLiteral("passed")), QVariant(QStringLiteral("[]"))}) {
        test.addBindValue(value);
    }
    QVERIFY2(test.exec(), qPrintable(test.lastError().text()));
    VERIFY_OK(services.remove(QStringLiteral("t1"), serviceId.value()));
    QCOMPARE(countRows(db, QStringLiteral("service_tests")), 0);
}

void TestDatabaseIntegration::concurrentMigrate()
{
    constexpr int migrators = 3;
    std::vector<std::thread> threads;
    std::vector<QString> errors(migrators);
    std::vector<int> appliedCounts(migrators, -1);
    for (int i = 0; i < migrators; ++i) {
        threads.emplace_back([&, i] {
            auto db = m_test->open();
            if (!db) {
                errors[i] = db.error().toDisplayString();
                return;
            }
            auto applied = Migrator::migrate(*db.value());
            if (!applied) {
                errors[i] = applied.error().toDisplayString();
                return;
            }
            appliedCounts[i] = applied.value();
        });
    }
    for (std::thread &thread : threads) {
        thread.join();
    }
    int total = 0;
    for (int i = 0; i < migrators; ++i) {
        QVERIFY2(errors[i].isEmpty(), qPrintable(errors[i]));
        total += appliedCounts[i];
    }
    QCOMPARE(total, Migrator::latestVersion());

    OPEN_OR_FAIL(db);
    QCOMPARE(countRows(db, QStringLiteral("ic_schema_migrations")), qint64(Migrator::latestVersion()));
    VERIFY_OK(Migrator::checkCompatible(db));
}

void TestDatabaseIntegration::timesRoundTripInUtc_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("utcText");

    QTest::newRow("milliseconds") << QDateTime(QDate(2024, 2, 14), QTime(9, 5, 7, 123), QTimeZone::utc())
                                  << "2024-02-14T09:05:07.123Z";
    QTest::newRow("zero ms") << QDateTime(QDate(2024, 1, 1), QTime(0, 0, 0, 0), QTimeZone::utc())
                             << "2024-01-01T00:00:00.000Z";
    QTest::newRow("999 ms") << QDateTime(QDate(2023, 12, 31), QTime(23, 59, 59, 999), QTimeZone::utc())
                            << "2023-12-31T23:59:59.999Z";
    QTest::newRow("Shanghai local time") << QDateTime(QDate(2024, 6, 1), QTime(8, 0, 0, 1),
                                                      QTimeZone(QByteArrayLiteral("Asia/Shanghai")))
                                         << "2024-06-01T00:00:00.001Z";
    QTest::newRow("negative offset") << QDateTime(QDate(2024, 3, 10), QTime(1, 30, 0, 500), QTimeZone(-5 * 3600))
                                     << "2024-03-10T06:30:00.500Z";
    // As local times of the test's zone (TZ=America/New_York), these UTC fields fall into the spring-forward gap
    // and the autumn fold.
    QTest::newRow("fields in a DST gap") << QDateTime(QDate(2024, 3, 10), QTime(2, 30, 0, 500), QTimeZone::utc())
                                         << "2024-03-10T02:30:00.500Z";
    QTest::newRow("fields in a DST fold")
        << QDateTime(QDate(2024, 11, 3), QTime(1, 30, 0, 250), QTimeZone::utc()) << "2024-11-03T01:30:00.250Z";
    QTest::newRow("after 2038") << QDateTime(QDate(2100, 7, 4), QTime(12, 34, 56, 789), QTimeZone::utc())
                                << "2100-07-04T12:34:56.789Z";
}

void TestDatabaseIntegration::timesRoundTripInUtc()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, utcText);

    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
    AuditLogRepository audit(db);
    AuditEntry entry;
    entry.tenantId = QStringLiteral("t-time");
    entry.occurredAt = time;
    entry.action = QStringLiteral("update");
    entry.entityType = QStringLiteral("service_config");
    auto id = audit.append(entry);
    VERIFY_OK(id);

    auto listed = audit.list(QStringLiteral("t-time"));
    VERIFY_OK(listed);
    QCOMPARE(listed->size(), 1);
    const QDateTime read = listed->constFirst().occurredAt;
    QCOMPARE(read.timeSpec(), Qt::UTC);
    QCOMPARE(read, time);
    QCOMPARE(read.toMSecsSinceEpoch(), time.toMSecsSinceEpoch());
    QCOMPARE(read.toString(Qt::ISODateWithMs), utcText);

    // What the database holds is UTC, whatever the session or the machine's zone (TZ is America/New_York here).
    QString sql;
    switch (db.dialect()) {
    case Dialect::SQLite:
        sql = QStringLiteral("SELECT occurred_at FROM audit_log WHERE id = ?");
        break;
    case Dialect::PostgreSQL:
        sql = QStringLiteral("SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') "
                             "FROM audit_log WHERE id = ?");
        break;
    case Dialect::MySQL:
        sql = QStringLiteral("SELECT CONCAT(DATE_FORMAT(occurred_at, '%Y-%m-%dT%H:%i:%s.'), "
                             "LPAD(FLOOR(MICROSECOND(occurred_at) / 1000), 3, '0'), 'Z') FROM audit_log WHERE id = ?");
        break;
    }
    QSqlQuery query(db.handle());
    query.prepare(sql);
    query.addBindValue(id.value());
    QVERIFY2(query.exec() && query.next(), qPrintable(query.lastError().text()));
    QCOMPARE(query.value(0).toString(), utcText);

    // And the conversion functions themselves are inverse.
    QCOMPARE(db.fromDbTime(db.toDbTime(time)), time);
    QVERIFY(!db.fromDbTime(db.toDbTime(QDateTime())).isValid());
}

void TestDatabaseIntegration::sqliteWaitsForAnotherWriter()
{
    if (m_test->dialect() != Dialect::SQLite) {
        QSKIP("SQLite's file lock only");
    }
    OPEN_OR_FAIL(db);
    {
        QSqlQuery create(db.handle());
        QVERIFY(create.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS busy_probe (n INTEGER)")));
    }
    // Another connection, on another thread, holds the write lock for 300 ms.
    std::atomic<bool> locked{false};
    std::atomic<bool> committed{false};
    std::thread other([this, &locked, &committed] {
        auto opened = m_test->open();
        if (!opened) {
            locked = true;
            return;
        }
        Database &holder = *opened.value();
        QSqlQuery begin(holder.handle());
        begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
        QSqlQuery insert(holder.handle());
        insert.exec(QStringLiteral("INSERT INTO busy_probe (n) VALUES (1)"));
        locked = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        QSqlQuery commit(holder.handle());
        committed = commit.exec(QStringLiteral("COMMIT"));
    });
    while (!locked) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    // This write waits for the lock instead of failing with "database is locked", and gets it once it is free.
    QSqlQuery insert(db.handle());
    const bool written = insert.exec(QStringLiteral("INSERT INTO busy_probe (n) VALUES (2)"));
    const bool otherDone = committed.load();
    other.join();
    QVERIFY2(written, qPrintable(insert.lastError().text()));
    QVERIFY(otherDone);
    QVERIFY(insert.exec(QStringLiteral("SELECT COUNT(*) FROM busy_probe")) && insert.next());
    QCOMPARE(insert.value(0).toInt(), 2);
}

void TestDatabaseIntegration::batchWriteTuning()
{
    OPEN_OR_FAIL(db);
    db.tuneForBatchWrites();
    db.checkpoint(); // no error either way; on the servers both do nothing
    if (db.dialect() == Dialect::SQLite) {
        QSqlQuery query(db.handle());
        QVERIFY(query.exec(QStringLiteral("PRAGMA wal_autocheckpoint")) && query.next());
        QCOMPARE(query.value(0).toInt(), 16384);
        // Only this connection: another one keeps SQLite's default.
        OPEN_OR_FAIL(other);
        QSqlQuery otherQuery(other.handle());
        QVERIFY(otherQuery.exec(QStringLiteral("PRAGMA wal_autocheckpoint")) && otherQuery.next());
        QCOMPARE(otherQuery.value(0).toInt(), 1000);
        // Statement journals in memory (2), on this connection only (0: the build's default, files).
        QVERIFY(query.exec(QStringLiteral("PRAGMA temp_store")) && query.next());
        QCOMPARE(query.value(0).toInt(), 2);
        QVERIFY(otherQuery.exec(QStringLiteral("PRAGMA temp_store")) && otherQuery.next());
        QCOMPARE(otherQuery.value(0).toInt(), 0);
    }
}

void TestDatabaseIntegration::sessionSettings()
{
    OPEN_OR_FAIL(db);
    QSqlQuery query(db.handle());
    switch (db.dialect()) {
    case Dialect::SQLite:
        QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(query.exec(QStringLiteral("PRAGMA synchronous")) && query.next());
        QCOMPARE(query.value(0).toInt(), 1); // NORMAL
        QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys")) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        // Either SQLite's busy timeout, or (0 here) the connection's own busy handler, which replaces it and
        // waits as long: sqliteWaitsForAnotherWriter() checks the waiting itself.
        QVERIFY(query.exec(QStringLiteral("PRAGMA busy_timeout")) && query.next());
        QVERIFY(query.value(0).toInt() >= 1000 || query.value(0).toInt() == 0);
        QCOMPARE(db.currentUser(), QString());
        break;
    case Dialect::PostgreSQL:
        QVERIFY(query.exec(QStringLiteral("SHOW TimeZone")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("UTC"));
        QVERIFY(query.exec(QStringLiteral("SHOW client_encoding")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("UTF8"));
        QCOMPARE(db.currentUser(), m_test->url().user);
        break;
    case Dialect::MySQL:
        QVERIFY(query.exec(QStringLiteral("SELECT @@session.time_zone, @@character_set_connection, "
                                          "@@character_set_client, @@character_set_results")) &&
                query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("+00:00"));
        QCOMPARE(query.value(1).toString(), QStringLiteral("utf8mb4"));
        QCOMPARE(query.value(2).toString(), QStringLiteral("utf8mb4"));
        QCOMPARE(query.value(3).toString(), QStringLiteral("utf8mb4"));
        QVERIFY2(db.currentUser().startsWith(m_test->url().user + QLatin1Char('@')), qPrintable(db.currentUser()));
        break;
    }
}

void TestDatabaseIntegration::serviceConfigRoundTrip()
{
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
    ServiceConfigRepository repository(db);

    ServiceConfigRecord record = sampleService(QStringLiteral("租户-1"), QStringLiteral("企业微信-华东"));
    auto id = repository.insert(record);
    VERIFY_OK(id);
    QVERIFY(id.value() > 0);

    auto found = repository.findByName(QStringLiteral("租户-1"), QStringLiteral("企业微信-华东"));
    VERIFY_OK(found);
    QVERIFY(found->has_value());
    const ServiceConfigRecord stored = found->value();
    QCOMPARE(stored.id, id.value());
    QVERIFY(!stored.uid.isEmpty()); // generated
    compareServices(stored, record);
    QVERIFY(stored.createdAt.isValid());
    QCOMPARE(stored.createdAt.timeSpec(), Qt::UTC);
    QCOMPARE(stored.updatedAt, stored.createdAt);

    // Another tenant does not see it.
    auto otherTenant = repository.findByName(QStringLiteral("租户-2"), QStringLiteral("企业微信-华东"));
    VERIFY_OK(otherTenant);
    QVERIFY(!otherTenant->has_value());

    // A second service, and list() returns both, ordered by name.
    ServiceConfigRecord second = sampleService(QStringLiteral("租户-1"), QStringLiteral("a-sms"));
    second.uid = QStringLiteral("0b9a3c51-7d7e-4c8e-9b61-3f1f2d1e0a11");
    second.enabled = false;
    second.settings = {};
    second.retryPolicy = {};
    second.lastTestedAt = {};
    VERIFY_OK(repository.insert(second));
    auto listed = repository.list(QStringLiteral("租户-1"));
    VERIFY_OK(listed);
    QCOMPARE(listed->size(), 2);
    QCOMPARE(listed->at(0).name, QStringLiteral("a-sms"));
    QCOMPARE(listed->at(0).uid, second.uid);
    compareServices(listed->at(0), second);
    QCOMPARE(listed->at(1).name, QStringLiteral("企业微信-华东"));

    // Update every column.
    ServiceConfigRecord changed = stored;
    changed.name = QStringLiteral("企业微信-华南");
    changed.type = QStringLiteral("wecom");
    changed.category = QStringLiteral("客户关系");
    changed.description = QStringLiteral("已迁移到华南区");
    changed.settings.insert(QStringLiteral("agent_id"), 1000003);
    changed.secretRefs.insert(QStringLiteral("callback_token"), QStringLiteral("service/uid/callback_token"));
    changed.enabled = false;
    changed.status = QStringLiteral("error");
    changed.timeoutMs = 45000;
    changed.retryPolicy = QJsonObject{{QStringLiteral("max_attempts"), 5}};
    changed.rateLimit = {};
    changed.healthCheckEndpoint = QString();
    changed.priority = -1;
    changed.lastTestedAt = QDateTime(QDate(2024, 3, 1), QTime(1, 2, 3, 4), QTimeZone::utc());
    changed.updatedAt = QDateTime(QDate(2030, 1, 1), QTime(0, 0, 0, 7), QTimeZone::utc());
    changed.updatedBy = QStringLiteral("运维");
    VERIFY_OK(repository.update(changed));
    auto reread = repository.findByName(QStringLiteral("租户-1"), QStringLiteral("企业微信-华南"));
    VERIFY_OK(reread);
    QVERIFY(reread->has_value());
    compareServices(reread->value(), changed);
    QCOMPARE(reread->value().uid, stored.uid);
    QCOMPARE(reread->value().createdAt, stored.createdAt);
    QCOMPARE(reread->value().updatedAt, changed.updatedAt);
    QCOMPARE(reread->value().createdBy, stored.createdBy);

    // Saving the same values again is not "not found" (MySQL reports matched rows, not changed rows).
    VERIFY_OK(repository.update(reread->value()));
}

void TestDatabaseIntegration::duplicateServiceName()
{
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
    ServiceConfigRepository repository(db);
    VERIFY_OK(repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("wecom-main"))));

    auto duplicate = repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("wecom-main")));
    QVERIFY(!duplicate.ok());
    QCOMPARE(duplicate.error().code, ErrorCode::AlreadyExists);
    QVERIFY(duplicate.error().message.contains(QLatin1String("wecom-main")));
    QCOMPARE(duplicate.error().field, QStringLiteral("name"));

    // The same name in another tenant, and a name differing only in case, are other services.
    VERIFY_OK(repository.insert(sampleService(QStringLiteral("t2"), QStringLiteral("wecom-main"))));
    auto upper = repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("WeCom-Main")));
    VERIFY_OK(upper);

    // Renaming onto an existing name is refused too.
    auto renamed = repository.findByName(QStringLiteral("t1"), QStringLiteral("WeCom-Main"));
    VERIFY_OK(renamed);
    ServiceConfigRecord record = renamed->value();
    record.name = QStringLiteral("wecom-main");
    const Status update = repository.update(record);
    QVERIFY(!update.ok());
    QCOMPARE(update.error().code, ErrorCode::AlreadyExists);

    // A duplicate uid (a unique index without a pre-check) maps to AlreadyExists as well.
    ServiceConfigRecord sameUid = sampleService(QStringLiteral("t1"), QStringLiteral("other"));
    sameUid.uid = record.uid;
    auto uidClash = repository.insert(sameUid);
    QVERIFY(!uidClash.ok());
    QCOMPARE(uidClash.error().code, ErrorCode::AlreadyExists);

    auto all = repository.list(QStringLiteral("t1"));
    VERIFY_OK(all);
    QCOMPARE(all->size(), 2);
}

void TestDatabaseIntegration::updateAndRemoveNotFound()
{
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
    ServiceConfigRepository repository(db);

    ServiceConfigRecord missing = sampleService(QStringLiteral("t1"), QStringLiteral("ghost"));
    missing.id = 987654;
    const Status update = repository.update(missing);
    QVERIFY(!update.ok());
    QCOMPARE(update.error().code, ErrorCode::NotFound);
    QVERIFY(update.error().message.contains(QLatin1String("ghost")));

    const Status remove = repository.remove(QStringLiteral("t1"), 987654);
    QVERIFY(!remove.ok());
    QCOMPARE(remove.error().code, ErrorCode::NotFound);

    auto id = repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("wecom-main")));
    VERIFY_OK(id);
    // Another tenant can neither change nor remove it.
    ServiceConfigRecord foreign = sampleService(QStringLiteral("t2"), QStringLiteral("wecom-main"));
    foreign.id = id.value();
    QCOMPARE(repository.update(foreign).error().code, ErrorCode::NotFound);
    QCOMPARE(repository.remove(QStringLiteral("t2"), id.value()).error().code, ErrorCode::NotFound);

    VERIFY_OK(repository.remove(QStringLiteral("t1"), id.value()));
    auto gone = repository.findByName(QStringLiteral("t1"), QStringLiteral("wecom-main"));
    VERIFY_OK(gone);
    QVERIFY(!gone->has_value());
    QCOMPARE(repository.remove(QStringLiteral("t1"), id.value()).error().code, ErrorCode::NotFound);
}

void TestDatabaseIntegration::removingServiceCascadesToMirroredRowsOnly()
{
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
    ServiceConfigRepository repository(db);
    auto id = repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("wecom-main")));
    VERIFY_OK(id);
    const QVariant now = db.toDbTime(QDateTime::currentDateTimeUtc());

    QSqlQuery department(db.handle());
    department.prepare(QStringLiteral("INSERT INTO departments (tenant_id, service_id, dept_id, name, created_at, "
                                      "updated_at) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value : {QVariant(QStringLiteral("t1")), QVariant(id.value()), QVariant(QStringLiteral("1")),
                                  QVariant(QStringLiteral("总部")), now, now}) {
        department.addBindValue(value);
    }
    QVERIFY2(department.exec(), qPrintable(department.lastError().text()));

    QSqlQuery call(db.handle());
    call.prepare(QStringLiteral("INSERT INTO call_log (tenant_id, service_id, endpoint, method, request_at) VALUES "
                                "(?, ?, ?, ?, ?)"));
    for (const QVariant &value :
         {QVariant(QStringLiteral("t1")), QVariant(id.value()), QVariant(QStringLiteral("/cgi-bin/department/list")),
          QVariant(QStringLiteral("GET")), now}) {
        call.addBindValue(value);
    }
    QVERIFY2(call.exec(), qPrintable(call.lastError().text()));

    // A mirrored row must belong to an existing service.
    QSqlQuery orphan(db.handle());
    orphan.prepare(QStringLiteral("INSERT INTO departments (tenant_id, service_id, dept_id, name, created_at, "
                                  "updated_at) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value : {QVariant(QStringLiteral("t1")), QVariant(id.value() + 1000),
                                  QVariant(QStringLiteral("2")), QVariant(QStringLiteral("孤儿")), now, now}) {
        orphan.addBindValue(value);
    }
    QVERIFY(!orphan.exec());

    VERIFY_OK(repository.remove(QStringLiteral("t1"), id.value()));
    QCOMPARE(countRows(db, QStringLiteral("departments")), 0);
    QCOMPARE(countRows(db, QStringLiteral("call_log")), 1);
}

void TestDatabaseIntegration::auditLogNewestFirst()
{
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
    AuditLogRepository audit(db);
    const QDateTime base(QDate(2024, 5, 1), QTime(10, 0, 0, 0), QTimeZone::utc());
    QList<qint64> ids;
    // Appended out of order: the list is ordered by time, newest first.
    for (int minutes : {1, 3, 2}) {
        AuditEntry entry;
        entry.tenantId = QStringLiteral("t1");
        entry.occurredAt = base.addSecs(minutes * 60);
        entry.actorOsUser = QStringLiteral("张伟");
        entry.actorDbUser = db.currentUser();
        entry.host = QStringLiteral("ops-01");
        entry.action = QStringLiteral("update");
        entry.entityType = QStringLiteral("service_config");
        entry.entityName = QStringLiteral("企业微信-%1").arg(minutes);
        entry.before =
            QJsonObject{{QStringLiteral("timeout_ms"), 30000}, {QStringLiteral("备注"), QStringLiteral("旧")}};
        entry.after =
            QJsonObject{{QStringLiteral("timeout_ms"), 15000}, {QStringLiteral("备注"), QStringLiteral("新")}};
        auto id = audit.append(entry);
        VERIFY_OK(id);
        ids.append(id.value());
    }
    AuditEntry otherTenant;
    otherTenant.tenantId = QStringLiteral("t2");
    otherTenant.action = QStringLiteral("create");
    otherTenant.entityType = QStringLiteral("service_config");
    VERIFY_OK(audit.append(otherTenant));

    auto listed = audit.list(QStringLiteral("t1"));
    VERIFY_OK(listed);
    QCOMPARE(listed->size(), 3);
    QCOMPARE(listed->at(0).entityName, QStringLiteral("企业微信-3"));
    QCOMPARE(listed->at(1).entityName, QStringLiteral("企业微信-2"));
    QCOMPARE(listed->at(2).entityName, QStringLiteral("企业微信-1"));
    QCOMPARE(listed->at(0).id, ids.at(1));
    QCOMPARE(listed->at(0).occurredAt, base.addSecs(180));
    QCOMPARE(listed->at(0).actorOsUser, QStringLiteral("张伟"));
    QCOMPARE(listed->at(0).actorDbUser, db.currentUser());
    QCOMPARE(listed->at(0).host, QStringLiteral("ops-01"));
    QCOMPARE(listed->at(0).action, QStringLiteral("update"));
    QCOMPARE(listed->at(0).entityType, QStringLiteral("service_config"));
    QCOMPARE(listed->at(0).before.value(QStringLiteral("备注")).toString(), QStringLiteral("旧"));
    QCOMPARE(listed->at(0).after.value(QStringLiteral("timeout_ms")).toInt(), 15000);
    QCOMPARE(listed->at(0).appVersion, QStringLiteral(IC_VERSION));

    auto limited = audit.list(QStringLiteral("t1"), 2);
    VERIFY_OK(limited);
    QCOMPARE(limited->size(), 2);
    QCOMPARE(limited->at(1).entityName, QStringLiteral("企业微信-2"));
}

void TestDatabaseIntegration::auditLogFiltersAndPages()
{
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
    AuditLogRepository audit(db);
    const QDateTime base(QDate(2024, 5, 1), QTime(10, 0, 0, 0), QTimeZone::utc());
    struct Made {
        qint64 id;
        QDateTime at;
        QString action;
        QString name;
    };
    QList<Made> made;
    qint64 liNa = 0;
    const QStringList actions{QStringLiteral("create"), QStringLiteral("update"), QStringLiteral("set_secret")};
    for (int i = 0; i < 25; ++i) {
        AuditEntry entry;
        entry.tenantId = QStringLiteral("t1");
        entry.occurredAt = base.addSecs((i / 2) * 60); // pairs share an instant: ties are ordered by id
        entry.actorOsUser = i == 7 ? QStringLiteral("Li_Na%") : QStringLiteral("张伟");
        entry.host = QStringLiteral("ops-01");
        entry.action = actions.at(i % actions.size());
        entry.entityType = QStringLiteral("service_config");
        entry.entityName = i % 4 == 0 ? QStringLiteral("企业微信") : QStringLiteral("SMS-%1").arg(i);
        auto id = audit.append(entry);
        VERIFY_OK(id);
        made.append({id.value(), entry.occurredAt, entry.action, entry.entityName});
        liNa = i == 7 ? id.value() : liNa;
        AuditEntry other = entry;
        other.tenantId = QStringLiteral("t2");
        VERIFY_OK(audit.append(other));
    }
    std::sort(made.begin(), made.end(),
              [](const Made &a, const Made &b) { return a.at != b.at ? a.at > b.at : a.id > b.id; });
    auto expect = [&](const std::function<bool(const Made &)> &matches) {
        QList<qint64> result;
        for (const Made &m : std::as_const(made)) {
            if (matches(m)) {
                result.append(m.id);
            }
        }
        return result;
    };
    auto allPages = [&](const AuditLogFilter &filter, int limit) {
        QList<qint64> result;
        std::optional<AuditLogCursor> after;
        for (int pages = 0; pages < 100; ++pages) {
            auto page = audit.page(QStringLiteral("t1"), filter, after, limit);
            if (!page) {
                qWarning("page: %s", qPrintable(page.error().toDisplayString()));
                return QList<qint64>{-1};
            }
            for (const AuditEntry &entry : std::as_const(page->entries)) {
                result.append(entry.id);
            }
            if (!page->next) {
                return result;
            }
            after = page->next;
        }
        return QList<qint64>{-1};
    };
    QCOMPARE(allPages({}, 4), expect([](const Made &) { return true; }));
    QCOMPARE(allPages({}, 1000), expect([](const Made &) { return true; }));
    AuditLogFilter byAction;
    byAction.action = QStringLiteral("update");
    QCOMPARE(allPages(byAction, 3), expect([](const Made &m) { return m.action == QLatin1String("update"); }));
    AuditLogFilter byName;
    byName.entityType = QStringLiteral("service_config");
    byName.entityName = QStringLiteral("企业微信");
    QCOMPARE(allPages(byName, 2), expect([](const Made &m) { return m.name == QStringLiteral("企业微信"); }));
    AuditLogFilter byType;
    byType.entityType = QStringLiteral("nothing");
    QCOMPARE(allPages(byType, 2), QList<qint64>());
    AuditLogFilter byText;
    byText.textContains = QStringLiteral("li_na%"); // the OS user, case-insensitively, wildcards literal
    QCOMPARE(allPages(byText, 2), QList<qint64>{liNa});
    byText.textContains = QStringLiteral("li_nax");
    QCOMPARE(allPages(byText, 2), QList<qint64>());
    AuditLogFilter window;
    window.since = base.addSecs(3 * 60);
    window.until = base.addSecs(9 * 60);
    QCOMPARE(allPages(window, 3), expect([&](const Made &m) { return m.at >= window.since && m.at < window.until; }));
}

void TestDatabaseIntegration::nestedTransactions()
{
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
    ServiceConfigRepository repository(db);

    // The outer transaction commits the inner work.
    VERIFY_OK(db.transaction([&]() -> Status {
        auto a = repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("a")));
        if (!a) {
            return a.error();
        }
        return db.transaction([&]() -> Status {
            auto b = repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("b")));
            return b ? Status() : Status(b.error());
        });
    }));
    QCOMPARE(countRows(db, QStringLiteral("service_configs")), 2);

    // A failure rolls back everything, inner work included.
    const Status failed = db.transaction([&]() -> Status {
        auto c = repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("c")));
        if (!c) {
            return c.error();
        }
        return Error::make(ErrorCode::Cancelled, QStringLiteral("stop"));
    });
    QCOMPARE(failed.error().code, ErrorCode::Cancelled);
    QCOMPARE(countRows(db, QStringLiteral("service_configs")), 2);

    // An inner failure dooms the outer transaction even if the outer work carries on.
    const Status doomed = db.transaction([&]() -> Status {
        auto d = repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("d")));
        if (!d) {
            return d.error();
        }
        const Status inner =
            db.transaction([]() -> Status { return Error::make(ErrorCode::Provider, QStringLiteral("x")); });
        Q_UNUSED(inner);
        return {};
    });
    QVERIFY(!doomed.ok());
    QCOMPARE(countRows(db, QStringLiteral("service_configs")), 2);

    // And the connection is usable afterwards.
    VERIFY_OK(repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("e"))));
    QCOMPARE(countRows(db, QStringLiteral("service_configs")), 3);
}

void TestDatabaseIntegration::dumpContainsTheData()
{
    {
        OPEN_OR_FAIL(db);
        VERIFY_OK(Migrator::migrate(db));
        ServiceConfigRepository repository(db);
        VERIFY_OK(repository.insert(sampleService(QStringLiteral("t1"), QStringLiteral("标记-7f3a9c"))));
    }
    const QByteArray dump = m_test->dumpAll();
    QVERIFY(dump.contains(QStringLiteral("标记-7f3a9c").toUtf8()));
    QVERIFY(!dump.contains(QByteArrayLiteral("not-in-the-database-5e1d")));
}

void TestDatabaseIntegration::unreachableServer()
{
    DatabaseUrl url = m_test->url();
    QTemporaryDir dir;
    if (url.isServer()) {
        url.host = QStringLiteral("127.0.0.1");
        url.port = 1; // nothing listens there
    } else {
        QVERIFY(dir.isValid());
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        url.path = dir.filePath(QStringLiteral("file/sub/ic.db")); // a folder that cannot exist
    }
    auto opened = Database::open(url, m_test->password());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::DatabaseUnavailable);
    QVERIFY(!opened.error().hint.isEmpty());
    if (url.isServer()) {
        QVERIFY(opened.error().retryable);
        QVERIFY2(opened.error().message.contains(QLatin1String("127.0.0.1:1")), qPrintable(opened.error().message));
    }
}

void TestDatabaseIntegration::unknownDatabase()
{
    if (!m_test->url().isServer()) {
        QSKIP("server databases only");
    }
    DatabaseUrl url = m_test->url();
    url.database = randomText(QStringLiteral("ic_missing_"));
    auto opened = Database::open(url, m_test->password());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::DatabaseUnavailable);
    QVERIFY2(opened.error().message.contains(url.database), qPrintable(opened.error().toDisplayString()));
    QVERIFY(!opened.error().hint.isEmpty());
}

void TestDatabaseIntegration::credentialsRefused()
{
    DatabaseUrl url = m_test->url();
    const QString wrongPassword = randomText(QStringLiteral("Wr0ng-"));
    switch (url.dialect) {
    case Dialect::SQLite:
        QSKIP("SQLite has no credentials");
    case Dialect::PostgreSQL:
        // The test server trusts every role, so an unknown role is what it refuses.
        url.user = randomText(QStringLiteral("nobody_"));
        break;
    case Dialect::MySQL:
        break;
    }
    auto opened = Database::open(url, wrongPassword);
    QVERIFY(!opened.ok());
    const Error &error = opened.error();
    QCOMPARE(error.code, ErrorCode::DatabaseAuth);
    QVERIFY(error.hint.contains(QLatin1String("IC_SECRET_DATABASE_PASSWORD")));
    QVERIFY(!error.detail.isEmpty());
    const QString everything = error.message + error.detail + error.hint + error.field + error.toDisplayString();
    QVERIFY2(!everything.contains(wrongPassword), qPrintable(everything));
    QVERIFY(!everything.contains(m_test->password()) || m_test->password().isEmpty());
}

QTEST_GUILESS_MAIN(TestDatabaseIntegration)
#include "tst_database.moc"
