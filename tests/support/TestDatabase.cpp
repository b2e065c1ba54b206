#include "TestDatabase.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

namespace ic::test {

namespace {

QString randomDatabaseName()
{
    QString name = QStringLiteral("ic_t_");
    for (int i = 0; i < 12; ++i) {
        name += QString::number(QRandomGenerator::global()->bounded(16), 16);
    }
    return name;
}

/// Runs `statement` on `db`; a failure fails the current test with the driver's message.
bool execOrFail(db::Database &db, const QString &statement)
{
    QSqlQuery query(db.handle());
    if (!query.exec(statement)) {
        QTest::qFail(qPrintable(QStringLiteral("%1: %2").arg(statement, query.lastError().text())), __FILE__, __LINE__);
        return false;
    }
    return true;
}

QString findTool(const QStringList &names)
{
    for (const QString &name : names) {
        const QString path = QStandardPaths::findExecutable(name);
        if (!path.isEmpty()) {
            return path;
        }
    }
    return {};
}

} // namespace

bool serversRequired()
{
    return qEnvironmentVariable("IC_TEST_REQUIRE_SERVERS") == QLatin1String("1");
}

std::unique_ptr<TestDatabase> TestDatabase::create(QString *whyNot)
{
    const QString dialect = qEnvironmentVariable("IC_TEST_DB", QStringLiteral("sqlite")).toLower();
    std::unique_ptr<TestDatabase> test(new TestDatabase);

    if (dialect == QLatin1String("sqlite")) {
        test->m_dir = std::make_unique<QTemporaryDir>();
        if (!test->m_dir->isValid()) {
            *whyNot = QStringLiteral("cannot create a temporary directory: %1").arg(test->m_dir->errorString());
            return nullptr;
        }
        test->m_url.dialect = db::Dialect::SQLite;
        test->m_url.path = test->m_dir->filePath(QStringLiteral("test.db"));
        return test;
    }

    QString urlVariable;
    QString passwordVariable;
    if (dialect == QLatin1String("postgresql")) {
        urlVariable = QStringLiteral("IC_TEST_POSTGRESQL_URL");
        passwordVariable = QStringLiteral("IC_TEST_POSTGRESQL_PASSWORD");
    } else if (dialect == QLatin1String("mysql")) {
        urlVariable = QStringLiteral("IC_TEST_MYSQL_URL");
        passwordVariable = QStringLiteral("IC_TEST_MYSQL_PASSWORD");
    } else {
        *whyNot = QStringLiteral("IC_TEST_DB=%1 is not one of sqlite, postgresql, mysql").arg(dialect);
        return nullptr;
    }
    const QString adminText = qEnvironmentVariable(qPrintable(urlVariable));
    if (adminText.isEmpty()) {
        *whyNot = QStringLiteral("%1 is not set; run `eval \"$(scripts/test-servers.sh env)\"` after "
                                 "`scripts/test-servers.sh start`")
                      .arg(urlVariable);
        return nullptr;
    }
    auto adminUrl = db::DatabaseUrl::parse(adminText);
    if (!adminUrl) {
        *whyNot = QStringLiteral("%1: %2").arg(urlVariable, adminUrl.error().toDisplayString());
        return nullptr;
    }
    test->m_adminUrl = adminUrl.value();
    test->m_adminPassword = qEnvironmentVariable(qPrintable(passwordVariable));

    auto admin = db::Database::open(test->m_adminUrl, test->m_adminPassword);
    if (!admin) {
        *whyNot = QStringLiteral("cannot connect to %1: %2")
                      .arg(test->m_adminUrl.toString(), admin.error().toDisplayString());
        return nullptr;
    }
    const QString name = randomDatabaseName();
    const QString create = test->m_adminUrl.dialect == db::Dialect::MySQL
                               ? QStringLiteral("CREATE DATABASE %1 CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
                               : QStringLiteral("CREATE DATABASE %1 ENCODING 'UTF8'");
    QSqlQuery query(admin.value()->handle());
    if (!query.exec(create.arg(name))) {
        *whyNot = QStringLiteral("cannot create database %1: %2").arg(name, query.lastError().text());
        return nullptr;
    }
    test->m_url = test->m_adminUrl;
    test->m_url.database = name;
    test->m_password = test->m_adminPassword;
    return test;
}

TestDatabase::~TestDatabase()
{
    if (!m_url.isServer()) {
        return; // the QTemporaryDir removes the file
    }
    auto admin = db::Database::open(m_adminUrl, m_adminPassword);
    if (!admin) {
        qWarning("cannot drop test database %s: %s", qPrintable(m_url.database),
                 qPrintable(admin.error().toDisplayString()));
        return;
    }
    // WITH (FORCE) ends connections a failed test left open (PostgreSQL 13 and later).
    const QString drop = m_url.dialect == db::Dialect::PostgreSQL
                             ? QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)")
                             : QStringLiteral("DROP DATABASE IF EXISTS %1");
    QSqlQuery query(admin.value()->handle());
    if (!query.exec(drop.arg(m_url.database))) {
        qWarning("cannot drop test database %s: %s", qPrintable(m_url.database), qPrintable(query.lastError().text()));
    }
}

Result<std::unique_ptr<db::Database>> TestDatabase::open() const
{
    return db::Database::open(m_url, m_password);
}

void TestDatabase::wipe() const
{
    auto opened = open();
    if (!opened) {
        QTest::qFail(qPrintable(opened.error().toDisplayString()), __FILE__, __LINE__);
        return;
    }
    db::Database &database = *opened.value();
    switch (m_url.dialect) {
    case db::Dialect::PostgreSQL:
        execOrFail(database, QStringLiteral("DROP SCHEMA public CASCADE"));
        execOrFail(database, QStringLiteral("CREATE SCHEMA public"));
        return;
    case db::Dialect::MySQL:
    case db::Dialect::SQLite: {
        const QStringList tables = database.handle().tables(QSql::Tables);
        if (m_url.dialect == db::Dialect::MySQL) {
            execOrFail(database, QStringLiteral("SET FOREIGN_KEY_CHECKS = 0"));
        } else {
            execOrFail(database, QStringLiteral("PRAGMA foreign_keys = OFF"));
        }
        for (const QString &table : tables) {
            if (!table.startsWith(QLatin1String("sqlite_"))) {
                execOrFail(database, QStringLiteral("DROP TABLE IF EXISTS %1").arg(table));
            }
        }
        if (m_url.dialect == db::Dialect::SQLite) {
            // sqlite_sequence cannot be dropped; empty it so AUTOINCREMENT starts again.
            if (tables.contains(QLatin1String("sqlite_sequence"))) {
                execOrFail(database, QStringLiteral("DELETE FROM sqlite_sequence"));
            }
        }
        return;
    }
    }
}

QByteArray TestDatabase::dumpAll() const
{
    if (m_url.dialect == db::Dialect::SQLite) {
        QByteArray bytes;
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            QFile file(m_url.path + suffix);
            if (!file.exists()) {
                continue;
            }
            if (!file.open(QIODevice::ReadOnly)) {
                QTest::qFail(qPrintable(QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString())),
                             __FILE__, __LINE__);
                return {};
            }
            bytes += file.readAll();
        }
        return bytes;
    }

    QString program;
    QStringList arguments;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (m_url.dialect == db::Dialect::PostgreSQL) {
        program = findTool({QStringLiteral("pg_dump")});
        arguments = {QStringLiteral("--host=") + m_adminUrl.host,
                     QStringLiteral("--port=%1").arg(m_adminUrl.port),
                     QStringLiteral("--username=") + m_adminUrl.user,
                     QStringLiteral("--no-password"),
                     QStringLiteral("--no-owner"),
                     m_url.database};
        if (!m_adminPassword.isEmpty()) {
            environment.insert(QStringLiteral("PGPASSWORD"), m_adminPassword);
        }
    } else {
        program = findTool({QStringLiteral("mariadb-dump"), QStringLiteral("mysqldump")});
        arguments = {QStringLiteral("--no-defaults"),
                     QStringLiteral("--protocol=TCP"),
                     QStringLiteral("--host=") + m_adminUrl.host,
                     QStringLiteral("--port=%1").arg(m_adminUrl.port),
                     QStringLiteral("--user=") + m_adminUrl.user,
                     QStringLiteral("--skip-extended-insert"),
                     QStringLiteral("--default-character-set=utf8mb4"),
                     m_url.database};
        // The password goes through the environment, never the command line.
        environment.insert(QStringLiteral("MYSQL_PWD"), m_adminPassword);
    }
    if (program.isEmpty()) {
        QTest::qFail("no database dump tool found (pg_dump / mariadb-dump / mysqldump)", __FILE__, __LINE__);
        return {};
    }
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        QTest::qFail(qPrintable(QStringLiteral("%1 failed: %2 %3")
                                    .arg(program, process.errorString(),
                                         QString::fromLocal8Bit(process.readAllStandardError()))),
                     __FILE__, __LINE__);
        return {};
    }
    return process.readAllStandardOutput();
}

} // namespace ic::test
