#include "db/DatabaseUrl.h"

#include <QCoreApplication>
#include <QDir>
#include <QTest>

using ic::db::DatabaseUrl;
using ic::db::Dialect;

class TestDatabaseUrl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void relativeSqlitePathIsMadeAbsolute();
    void rejected_data();
    void rejected();
    void passwordIsRefusedWithoutEchoingIt();
    void defaultUrl();
    void passwordLocator();
    void dialectNames();
};

void TestDatabaseUrl::accepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("canonical");

    const int sqlite = int(Dialect::SQLite);
    const int pg = int(Dialect::PostgreSQL);
    const int my = int(Dialect::MySQL);
    QTest::newRow("sqlite absolute") << "sqlite:///var/lib/ic/integration.db" << sqlite << "/var/lib/ic/integration.db"
                                     << QString() << 0 << QString() << QString()
                                     << "sqlite:///var/lib/ic/integration.db";
    QTest::newRow("sqlite scheme in capitals") << "SQLite:///tmp/a.db" << sqlite << "/tmp/a.db" << QString() << 0
                                               << QString() << QString() << "sqlite:///tmp/a.db";
    QTest::newRow("sqlite single slash") << "sqlite:/tmp/b.db" << sqlite << "/tmp/b.db" << QString() << 0 << QString()
                                         << QString() << "sqlite:///tmp/b.db";
    QTest::newRow("sqlite cleaned") << "sqlite:///tmp/x/../c.db" << sqlite << "/tmp/c.db" << QString() << 0 << QString()
                                    << QString() << "sqlite:///tmp/c.db";
    QTest::newRow("sqlite windows drive") << "sqlite:///C:/data/ic.db" << sqlite << "C:/data/ic.db" << QString() << 0
                                          << QString() << QString() << "sqlite:///C:/data/ic.db";
    QTest::newRow("sqlite windows backslashes") << "sqlite:D:\\data\\ic.db" << sqlite << "D:/data/ic.db" << QString()
                                                << 0 << QString() << QString() << "sqlite:///D:/data/ic.db";
    QTest::newRow("sqlite chinese path") << "sqlite:///tmp/集成/数据.db" << sqlite << "/tmp/集成/数据.db" << QString()
                                         << 0 << QString() << QString() << "sqlite:///tmp/集成/数据.db";
    QTest::newRow("postgresql full") << "postgresql://ic@db.example.com:6543/integration" << pg << QString()
                                     << "db.example.com" << 6543 << "ic"
                                     << "integration"
                                     << "postgresql://ic@db.example.com:6543/integration";
    QTest::newRow("postgres alias, default port")
        << "postgres://ic@db.example.com/integration" << pg << QString() << "db.example.com" << 5432 << "ic"
        << "integration"
        << "postgresql://ic@db.example.com:5432/integration";
    QTest::newRow("postgresql without user")
        << "postgresql://10.0.0.7/ic" << pg << QString() << "10.0.0.7" << 5432 << QString() << "ic"
        << "postgresql://10.0.0.7:5432/ic";
    QTest::newRow("postgresql host lower-cased")
        << "  postgresql://ic@DB.Example.COM/ic  " << pg << QString() << "db.example.com" << 5432 << "ic"
        << "ic"
        << "postgresql://ic@db.example.com:5432/ic";
    QTest::newRow("postgresql ipv6") << "postgresql://ic@[::1]:5433/ic" << pg << QString() << "::1" << 5433 << "ic"
                                     << "ic"
                                     << "postgresql://ic@[::1]:5433/ic";
    QTest::newRow("percent-encoded user")
        << "postgresql://corp%5Cic%40ops@h/ic" << pg << QString() << "h" << 5432 << "corp\\ic@ops"
        << "ic"
        << "postgresql://corp%5Cic%40ops@h:5432/ic";
    QTest::newRow("chinese user") << "postgresql://%E5%BC%A0%E4%B8%89@h/ic" << pg << QString() << "h" << 5432
                                  << QStringLiteral("张三") << "ic"
                                  << "postgresql://%E5%BC%A0%E4%B8%89@h:5432/ic";
    QTest::newRow("mysql default port") << "mysql://ic@10.0.0.5/integration" << my << QString() << "10.0.0.5" << 3306
                                        << "ic"
                                        << "integration"
                                        << "mysql://ic@10.0.0.5:3306/integration";
    QTest::newRow("mariadb alias") << "mariadb://ic@10.0.0.5:3307/integration" << my << QString() << "10.0.0.5" << 3307
                                   << "ic"
                                   << "integration"
                                   << "mysql://ic@10.0.0.5:3307/integration";
}

void TestDatabaseUrl::accepted()
{
    QFETCH(QString, text);
    QFETCH(int, dialect);
    QFETCH(QString, path);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, database);
    QFETCH(QString, canonical);

    const auto url = DatabaseUrl::parse(text);
    QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error().toDisplayString()));
    QCOMPARE(int(url->dialect), dialect);
    QCOMPARE(url->path, path);
    QCOMPARE(url->host, host);
    QCOMPARE(url->port, port);
    QCOMPARE(url->user, user);
    QCOMPARE(url->database, database);
    QCOMPARE(url->toString(), canonical);
    QCOMPARE(url->isServer(), dialect != int(Dialect::SQLite));

    // The canonical form parses to the same profile.
    const auto again = DatabaseUrl::parse(url->toString());
    QVERIFY(again.ok());
    QCOMPARE(again->toString(), canonical);
    QCOMPARE(again->user, user);
    QCOMPARE(again->path, path);
}

void TestDatabaseUrl::relativeSqlitePathIsMadeAbsolute()
{
    const auto url = DatabaseUrl::parse(QStringLiteral("sqlite:data/ic.db"));
    QVERIFY(url.ok());
    QCOMPARE(url->path, QDir::cleanPath(QDir::current().absoluteFilePath(QStringLiteral("data/ic.db"))));
    QVERIFY(QDir::isAbsolutePath(url->path));
    QCOMPARE(url->toString(), QStringLiteral("sqlite://") + url->path);
}

void TestDatabaseUrl::rejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("empty") << "   "
                           << "The database URL is empty.";
    QTest::newRow("bare path") << "/var/lib/ic.db"
                               << "must be given as a URL that starts with its type";
    QTest::newRow("windows path") << "C:\\data\\ic.db"
                                  << "must be given as a URL that starts with its type";
    QTest::newRow("unknown scheme") << "oracle://ic@h/db"
                                    << "Unknown database type “oracle”";
    QTest::newRow("sqlite host") << "sqlite://localhost/ic.db"
                                 << "names a file, not a host";
    QTest::newRow("sqlite no file") << "sqlite:"
                                    << "does not name a file";
    QTest::newRow("sqlite root") << "sqlite:///"
                                 << "does not name a file";
    QTest::newRow("server without slashes") << "postgresql:ic@h/db"
                                            << "starts with “postgresql://”";
    QTest::newRow("no host") << "postgresql://ic@/db"
                             << "names no host";
    QTest::newRow("no database") << "mysql://ic@h:3306"
                                 << "names no database";
    QTest::newRow("empty database") << "mysql://ic@h:3306/"
                                    << "names no database";
    QTest::newRow("nested database") << "postgresql://ic@h/db/x"
                                     << "must not contain “/”";
    QTest::newRow("port zero") << "postgresql://ic@h:0/db"
                               << "between 1 and 65535";
    QTest::newRow("port too large") << "postgresql://ic@h:70000/db"
                                    << "is not valid";
    QTest::newRow("query options") << "postgresql://ic@h/db?sslmode=require"
                                   << "are not supported";
    QTest::newRow("fragment") << "mysql://ic@h/db#x"
                              << "are not supported";
}

void TestDatabaseUrl::rejected()
{
    QFETCH(QString, text);
    QFETCH(QString, messagePart);

    const auto url = DatabaseUrl::parse(text);
    QVERIFY(!url.ok());
    QCOMPARE(url.error().code, ic::ErrorCode::InvalidInput);
    QCOMPARE(url.error().field, QStringLiteral("database_url"));
    QVERIFY2(url.error().message.contains(messagePart), qPrintable(url.error().message));
    // Every rejection shows what is accepted, in the message or in the hint.
    const QString shown = url.error().message + url.error().hint;
    QVERIFY2(shown.contains(QLatin1String("sqlite:///")) && shown.contains(QLatin1String("postgresql://")) &&
                 shown.contains(QLatin1String("mysql://")),
             qPrintable(shown));
}

void TestDatabaseUrl::passwordIsRefusedWithoutEchoingIt()
{
    for (const QString &text :
         {QStringLiteral("postgresql://ic:S3cr%21t-pw@db.example.com:5432/ic"),
          QStringLiteral("mysql://ic:S3cr%21t-pw@db.example.com/ic"), QStringLiteral("mariadb://ic:@db/ic"),
          QStringLiteral("postgres://:S3cr%21t-pw@db/ic")}) {
        const auto url = DatabaseUrl::parse(text);
        QVERIFY2(!url.ok(), qPrintable(text));
        QCOMPARE(url.error().code, ic::ErrorCode::InvalidInput);
        QVERIFY(url.error().message.contains(QLatin1String("password")));
        QVERIFY(url.error().hint.contains(QLatin1String("IC_SECRET_DATABASE_PASSWORD")));
        const QString everything = url.error().message + url.error().detail + url.error().hint + url.error().field;
        QVERIFY(!everything.contains(QLatin1String("S3cr")));
    }
}

void TestDatabaseUrl::defaultUrl()
{
    const DatabaseUrl url = DatabaseUrl::defaultUrl();
    QCOMPARE(url.dialect, Dialect::SQLite);
    QVERIFY(QDir::isAbsolutePath(url.path));
    QVERIFY(url.path.endsWith(QLatin1String("/test_db_url/integration.db")));
    const auto parsed = DatabaseUrl::parse(url.toString());
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->path, url.path);
}

void TestDatabaseUrl::passwordLocator()
{
    const auto url = DatabaseUrl::parse(QStringLiteral("postgres://ic@DB.example.com/integration"));
    QVERIFY(url.ok());
    const auto locator = url->passwordLocator();
    QCOMPARE(locator.key, QStringLiteral("database/postgresql://ic@db.example.com:5432/integration"));
    QCOMPARE(locator.environmentVariable, QStringLiteral("IC_SECRET_DATABASE_PASSWORD"));
    QVERIFY(locator.description.contains(QLatin1String("postgresql://ic@db.example.com:5432/integration")));
}

void TestDatabaseUrl::dialectNames()
{
    QCOMPARE(ic::db::dialectName(Dialect::SQLite), QStringLiteral("sqlite"));
    QCOMPARE(ic::db::dialectName(Dialect::PostgreSQL), QStringLiteral("postgresql"));
    QCOMPARE(ic::db::dialectName(Dialect::MySQL), QStringLiteral("mysql"));
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
