// The command line run in-process against every database dialect: exit codes, output, validation, and that a
// rejected command changes nothing.

#include "CliRunner.h"
#include "TestDatabase.h"
#include "db/Repositories.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace ic;
using ic::test::CliRun;

namespace {

const QString kCorpId = QStringLiteral("ww0123456789abcdef");

QJsonObject jsonObject(const CliRun &run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

QJsonArray jsonArray(const CliRun &run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).array();
}

QString describe(const CliRun &run)
{
    return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3").arg(run.code).arg(run.out, run.err);
}

} // namespace

#define RUN_OK(var, ...)                                                                                               \
    const CliRun var = m_cli->run(__VA_ARGS__);                                                                        \
    QVERIFY2(var.code == 0, qPrintable(describe(var)))

class TestCli : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_database;
    std::shared_ptr<secrets::SecretStore> m_store;
    std::unique_ptr<test::CliRunner> m_cli;

    int auditCount(const QString &tenant = QStringLiteral("default"))
    {
        auto db = m_database->open();
        if (!db) {
            return -1;
        }
        db::AuditLogRepository audit(*db.value());
        auto entries = audit.list(tenant, 10000);
        return entries ? int(entries->size()) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        IC_TEST_DATABASE_OR_SKIP(database);
        m_database = std::move(database);
        if (!m_database->password().isEmpty()) {
            qputenv("IC_SECRET_DATABASE_PASSWORD", m_database->password().toUtf8());
        }
        m_store = secrets::makeMemorySecretStore();
        m_cli = std::make_unique<test::CliRunner>(m_database->url().toString(), m_store);
    }

    void helpAndVersion()
    {
        RUN_OK(version, {QStringLiteral("--version")}, std::nullopt, true);
        QVERIFY(version.out.contains(QStringLiteral(IC_VERSION)));

        RUN_OK(help, {QStringLiteral("--help")}, std::nullopt, true);
        QVERIFY(help.out.contains(QStringLiteral("service add")));
        QVERIFY(help.out.contains(QStringLiteral("IC_SECRET_")));

        RUN_OK(commandHelp, {QStringLiteral("service"), QStringLiteral("add"), QStringLiteral("--help")}, std::nullopt,
               true);
        QVERIFY(commandHelp.out.contains(QStringLiteral("--type")));
        QVERIFY(commandHelp.out.contains(QStringLiteral("service add")));

        for (const auto &words : {QStringList{QStringLiteral("db"), QStringLiteral("migrate")},
                                  QStringList{QStringLiteral("service"), QStringLiteral("set-secret")}}) {
            const CliRun run = m_cli->run(words + QStringList{QStringLiteral("--help")}, std::nullopt, true);
            QCOMPARE(run.code, 0);
            QVERIFY(run.out.contains(QStringLiteral("Usage:")));
        }
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QStringLiteral("Unknown command");
        QTest::newRow("missing subcommand") << QStringList{QStringLiteral("service")} << QStringLiteral("service list");
        QTest::newRow("missing name") << QStringList{QStringLiteral("service"), QStringLiteral("add"),
                                                     QStringLiteral("--type"), QStringLiteral("wecom")}
                                      << QStringLiteral("--name");
        QTest::newRow("unknown type") << QStringList{QStringLiteral("service"), QStringLiteral("add"),
                                                     QStringLiteral("--type"),  QStringLiteral("fax"),
                                                     QStringLiteral("--name"),  QStringLiteral("x")}
                                      << QStringLiteral("Known types");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("service"), QStringLiteral("list"),
                                                       QStringLiteral("--frobnicate")}
                                        << QStringLiteral("frobnicate");
        QTest::newRow("secret on argv") << QStringList{QStringLiteral("service"), QStringLiteral("set-secret"),
                                                       QStringLiteral("x"), QStringLiteral("corp_secret"),
                                                       QStringLiteral("value")}
                                        << QStringLiteral("never taken from the command line");
        QTest::newRow("bad database url") << QStringList{QStringLiteral("service"), QStringLiteral("list"),
                                                         QStringLiteral("--db"), QStringLiteral("ftp://host/db")}
                                          << QStringLiteral("sqlite");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const bool ownDb = args.contains(QStringLiteral("--db"));
        const CliRun run = m_cli->run(args, std::nullopt, ownDb);
        QVERIFY2(run.code == 2, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(expected), qPrintable(describe(run)));
    }

    void serverDatabaseNeedsExplicitMigration()
    {
        m_database->wipe();
        const CliRun list = m_cli->run({QStringLiteral("service"), QStringLiteral("list")});
        if (m_database->dialect() == db::Dialect::SQLite) {
            // The embedded database is upgraded on first use.
            QVERIFY2(list.code == 0, qPrintable(describe(list)));
        } else {
            QVERIFY2(list.code == 4, qPrintable(describe(list)));
            QVERIFY2(list.err.contains(QStringLiteral("db migrate")), qPrintable(describe(list)));
        }
        RUN_OK(migrate, {QStringLiteral("db"), QStringLiteral("migrate")});
        RUN_OK(again, {QStringLiteral("db"), QStringLiteral("migrate"), QStringLiteral("--json")});
        QCOMPARE(jsonObject(again).value(QStringLiteral("applied")).toInt(), 0);
        RUN_OK(status, {QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(jsonObject(status).value(QStringLiteral("state")).toString(), QStringLiteral("up_to_date"));
        RUN_OK(empty, {QStringLiteral("service"), QStringLiteral("list")});
        QVERIFY(empty.out.contains(QStringLiteral("No services")));
    }

    void addShowList()
    {
        RUN_OK(added,
               {QStringLiteral("service"), QStringLiteral("add"), QStringLiteral("--type"), QStringLiteral("wecom"),
                QStringLiteral("--name"), QStringLiteral("wecom-main"), QStringLiteral("--set"),
                QStringLiteral("corp_id=") + kCorpId, QStringLiteral("--set"), QStringLiteral("agent_id=1000002"),
                QStringLiteral("--set"), QStringLiteral("description=企业微信主账号")});
        QVERIFY(added.out.contains(QStringLiteral("set-secret")));

        RUN_OK(list, {QStringLiteral("service"), QStringLiteral("list"), QStringLiteral("--json")});
        const QJsonArray services = jsonArray(list);
        QCOMPARE(services.size(), 1);
        QCOMPARE(services.first().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("wecom-main"));

        RUN_OK(show, {QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("wecom-main"),
                      QStringLiteral("--json")});
        const QJsonObject service = jsonObject(show);
        const QJsonObject settings = service.value(QStringLiteral("settings")).toObject();
        QCOMPARE(settings.value(QStringLiteral("corp_id")).toString(), kCorpId);
        QCOMPARE(settings.value(QStringLiteral("agent_id")).toString(), QStringLiteral("1000002"));
        QCOMPARE(settings.value(QStringLiteral("api_base")).toString(), QStringLiteral("https://qyapi.weixin.qq.com"));
        QCOMPARE(service.value(QStringLiteral("description")).toString(), QStringLiteral("企业微信主账号"));
        QCOMPARE(service.value(QStringLiteral("category")).toString(), QStringLiteral("im"));
        QCOMPARE(service.value(QStringLiteral("enabled")).toBool(), true);
        const QJsonObject secretStates = service.value(QStringLiteral("secrets")).toObject();
        QCOMPARE(secretStates.keys().size(), 5);
        for (const auto &state : secretStates) {
            QCOMPARE(state.toObject().value(QStringLiteral("stored")).toBool(), false);
        }
        QCOMPARE(secretStates.value(QStringLiteral("corp_secret"))
                     .toObject()
                     .value(QStringLiteral("environment_variable"))
                     .toString(),
                 QStringLiteral("IC_SECRET_WECOM_MAIN_CORP_SECRET"));

        RUN_OK(text, {QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("wecom-main")});
        QVERIFY(text.out.contains(QStringLiteral("企业微信主账号")));
        QVERIFY(text.out.contains(QStringLiteral("not set")));
        QCOMPARE(auditCount(), 1);
    }

    void rejectedChangesChangeNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("field");
        const QStringList set{QStringLiteral("service"), QStringLiteral("set"), QStringLiteral("wecom-main")};
        QTest::newRow("corp id") << set + QStringList{QStringLiteral("corp_id=12345")} << QStringLiteral("corp_id");
        QTest::newRow("agent id") << set + QStringList{QStringLiteral("agent_id=abc")} << QStringLiteral("agent_id");
        QTest::newRow("plain http") << set + QStringList{QStringLiteral("api_base=http://qyapi.example.com")}
                                    << QStringLiteral("https");
        QTest::newRow("unknown field") << set + QStringList{QStringLiteral("colour=blue")}
                                       << QStringLiteral("has no field");
        QTest::newRow("secret as setting")
            << set + QStringList{QStringLiteral("corp_secret=abc")} << QStringLiteral("set-secret");
        QTest::newRow("required cleared")
            << set + QStringList{QStringLiteral("corp_id=")} << QStringLiteral("required");
        QTest::newRow("one bad of two") << set + QStringList{QStringLiteral("agent_id=1000009"),
                                                             QStringLiteral("timeout_ms=5")}
                                        << QStringLiteral("between");
        QTest::newRow("not an assignment")
            << set + QStringList{QStringLiteral("agent_id")} << QStringLiteral("KEY=VALUE");
        QTest::newRow("duplicate name") << QStringList{QStringLiteral("service"), QStringLiteral("add"),
                                                       QStringLiteral("--type"),  QStringLiteral("wecom"),
                                                       QStringLiteral("--name"),  QStringLiteral("WECOM-MAIN"),
                                                       QStringLiteral("--set"),   QStringLiteral("corp_id=") + kCorpId}
                                        << QStringLiteral("already exists");
        QTest::newRow("colliding name") << QStringList{QStringLiteral("service"), QStringLiteral("add"),
                                                       QStringLiteral("--type"),  QStringLiteral("wecom"),
                                                       QStringLiteral("--name"),  QStringLiteral("wecom_main"),
                                                       QStringLiteral("--set"),   QStringLiteral("corp_id=") + kCorpId}
                                        << QStringLiteral("IC_SECRET_WECOM_MAIN_");
        QTest::newRow("bad name") << QStringList{QStringLiteral("service"), QStringLiteral("add"),
                                                 QStringLiteral("--type"),  QStringLiteral("wecom"),
                                                 QStringLiteral("--name"),  QStringLiteral("-x y"),
                                                 QStringLiteral("--set"),   QStringLiteral("corp_id=") + kCorpId}
                                  << QStringLiteral("letters, digits");
        QTest::newRow("missing required")
            << QStringList{QStringLiteral("service"), QStringLiteral("add"),    QStringLiteral("--type"),
                           QStringLiteral("wecom"),   QStringLiteral("--name"), QStringLiteral("other")}
            << QStringLiteral("corp_id");
        QTest::newRow("unknown service") << QStringList{QStringLiteral("service"), QStringLiteral("set"),
                                                        QStringLiteral("nosuch"), QStringLiteral("agent_id=1")}
                                         << QStringLiteral("no service named");
        QTest::newRow("show unknown") << QStringList{QStringLiteral("service"), QStringLiteral("show"),
                                                     QStringLiteral("nosuch")}
                                      << QStringLiteral("no service named");
        QTest::newRow("remove unknown") << QStringList{QStringLiteral("service"), QStringLiteral("remove"),
                                                       QStringLiteral("nosuch")}
                                        << QStringLiteral("no service named");
        QTest::newRow("disable unknown") << QStringList{QStringLiteral("service"), QStringLiteral("disable"),
                                                        QStringLiteral("nosuch")}
                                         << QStringLiteral("no service named");
    }

    void rejectedChangesChangeNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, field);
        RUN_OK(before, {QStringLiteral("service"), QStringLiteral("list"), QStringLiteral("--json")});
        const int auditBefore = auditCount();

        const CliRun rejected = m_cli->run(args);
        QVERIFY2(rejected.code == 4, qPrintable(describe(rejected)));
        QVERIFY2(rejected.err.contains(field), qPrintable(describe(rejected)));
        QVERIFY2(rejected.err.startsWith(QStringLiteral("error: ")), qPrintable(describe(rejected)));

        RUN_OK(after, {QStringLiteral("service"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(after.out, before.out);
        QCOMPARE(auditCount(), auditBefore);
    }

    void jsonErrors()
    {
        const CliRun run = m_cli->run(
            {QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("nosuch"), QStringLiteral("--json")});
        QCOMPARE(run.code, 4);
        const QJsonObject error = jsonObject(run).value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
        QVERIFY(!error.value(QStringLiteral("hint")).toString().isEmpty());
    }

    void updateAndNoOp()
    {
        RUN_OK(changed, {QStringLiteral("service"), QStringLiteral("set"), QStringLiteral("wecom-main"),
                         QStringLiteral("agent_id=1000003"), QStringLiteral("timeout_ms=20000")});
        QVERIFY(changed.out.contains(QStringLiteral("Updated")));
        const int audits = auditCount();
        RUN_OK(same, {QStringLiteral("service"), QStringLiteral("set"), QStringLiteral("wecom-main"),
                      QStringLiteral("agent_id=1000003")});
        QVERIFY2(same.out.contains(QStringLiteral("No changes")), qPrintable(describe(same)));
        QCOMPARE(auditCount(), audits);
        RUN_OK(show, {QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("wecom-main"),
                      QStringLiteral("--json")});
        QCOMPARE(jsonObject(show).value(QStringLiteral("timeout_ms")).toInt(), 20000);
        // Clearing an optional field.
        RUN_OK(cleared, {QStringLiteral("service"), QStringLiteral("set"), QStringLiteral("wecom-main"),
                         QStringLiteral("agent_id=")});
        RUN_OK(showCleared, {QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("wecom-main"),
                             QStringLiteral("--json")});
        QVERIFY(
            !jsonObject(showCleared).value(QStringLiteral("settings")).toObject().contains(QStringLiteral("agent_id")));
    }

    void secrets()
    {
        const QString badValue = QStringLiteral("TooShortSecretMarker");
        const CliRun bad = m_cli->run({QStringLiteral("service"), QStringLiteral("set-secret"),
                                       QStringLiteral("wecom-main"), QStringLiteral("encoding_aes_key")},
                                      badValue);
        QVERIFY2(bad.code == 4, qPrintable(describe(bad)));
        QVERIFY(bad.err.contains(QStringLiteral("43")));
        QVERIFY(!bad.out.contains(badValue) && !bad.err.contains(badValue));

        const CliRun notSecret = m_cli->run({QStringLiteral("service"), QStringLiteral("set-secret"),
                                             QStringLiteral("wecom-main"), QStringLiteral("corp_id")},
                                            QStringLiteral("x"));
        QVERIFY2(notSecret.code == 4, qPrintable(describe(notSecret)));
        QVERIFY(notSecret.err.contains(QStringLiteral("encoding_aes_key")));

        const CliRun noInput = m_cli->run({QStringLiteral("service"), QStringLiteral("set-secret"),
                                           QStringLiteral("wecom-main"), QStringLiteral("corp_secret")},
                                          std::nullopt);
        QCOMPARE(noInput.code, 4);

        const QString aesKey = QStringLiteral("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        RUN_OK(stored,
               {QStringLiteral("service"), QStringLiteral("set-secret"), QStringLiteral("wecom-main"),
                QStringLiteral("encoding_aes_key")},
               aesKey);
        QVERIFY(!stored.out.contains(aesKey) && !stored.err.contains(aesKey));

        RUN_OK(show, {QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("wecom-main"),
                      QStringLiteral("--json")});
        QVERIFY(!show.out.contains(aesKey));
        const QJsonObject secretStates = jsonObject(show).value(QStringLiteral("secrets")).toObject();
        QCOMPARE(
            secretStates.value(QStringLiteral("encoding_aes_key")).toObject().value(QStringLiteral("stored")).toBool(),
            true);
        QCOMPARE(secretStates.value(QStringLiteral("corp_secret")).toObject().value(QStringLiteral("stored")).toBool(),
                 false);

        // The value is in the secret store under the reference the database keeps, and nowhere in the database.
        auto db = m_database->open();
        QVERIFY(db);
        db::ServiceConfigRepository repository(*db.value());
        auto record = repository.findByName(QStringLiteral("default"), QStringLiteral("wecom-main"));
        QVERIFY(record && record.value());
        const QString key = record.value()->secretRefs.value(QStringLiteral("encoding_aes_key")).toString();
        QCOMPARE(key, QStringLiteral("service/%1/encoding_aes_key").arg(record.value()->uid));
        IC_AWAIT(value, m_store->read({key, QString(), QString()}));
        QVERIFY(value && value.value());
        QCOMPARE(*value.value(), aesKey);
        QVERIFY(!m_database->dumpAll().contains(aesKey.toUtf8()));
    }

    void enableDisableRemoveAndAudit()
    {
        RUN_OK(disabled, {QStringLiteral("service"), QStringLiteral("disable"), QStringLiteral("wecom-main")});
        RUN_OK(show, {QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("wecom-main"),
                      QStringLiteral("--json")});
        QCOMPARE(jsonObject(show).value(QStringLiteral("enabled")).toBool(), false);
        RUN_OK(enabled, {QStringLiteral("service"), QStringLiteral("enable"), QStringLiteral("wecom-main")});

        auto db = m_database->open();
        QVERIFY(db);
        db::ServiceConfigRepository repository(*db.value());
        auto record = repository.findByName(QStringLiteral("default"), QStringLiteral("wecom-main"));
        QVERIFY(record && record.value());
        const QString key = record.value()->secretRefs.value(QStringLiteral("encoding_aes_key")).toString();

        RUN_OK(removed, {QStringLiteral("service"), QStringLiteral("remove"), QStringLiteral("wecom-main")});
        const CliRun gone =
            m_cli->run({QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("wecom-main")});
        QCOMPARE(gone.code, 4);
        IC_AWAIT(value, m_store->read({key, QString(), QString()}));
        QVERIFY(value);
        QVERIFY2(!value.value().has_value(), "removing a service removes its secrets");

        db::AuditLogRepository audit(*db.value());
        auto entries = audit.list(QStringLiteral("default"), 100);
        QVERIFY(entries);
        QStringList actions;
        for (const auto &entry : entries.value()) {
            actions.prepend(entry.action);
            QCOMPARE(entry.entityName, QStringLiteral("wecom-main"));
            QVERIFY(!entry.actorOsUser.isNull());
        }
        QCOMPARE(actions, (QStringList{QStringLiteral("create"), QStringLiteral("update"), QStringLiteral("update"),
                                       QStringLiteral("set_secret"), QStringLiteral("disable"),
                                       QStringLiteral("enable"), QStringLiteral("remove")}));
        const db::AuditEntry &last = entries->first();
        QCOMPARE(last.after, QJsonObject());
        QCOMPARE(last.before.value(QStringLiteral("secrets"))
                     .toObject()
                     .value(QStringLiteral("encoding_aes_key"))
                     .toString(),
                 QStringLiteral("stored"));
    }

    void tenantsAreSeparate()
    {
        test::CliRunner other(m_database->url().toString(), m_store, QStringLiteral("tenant-b"));
        const CliRun add = other.run({QStringLiteral("service"), QStringLiteral("add"), QStringLiteral("--type"),
                                      QStringLiteral("dingtalk"), QStringLiteral("--name"), QStringLiteral("dt"),
                                      QStringLiteral("--set"), QStringLiteral("app_key=dingabcdef123456")});
        QVERIFY2(add.code == 0, qPrintable(describe(add)));
        RUN_OK(list, {QStringLiteral("service"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(jsonArray(list).size(), 0);
        const CliRun listB = other.run({QStringLiteral("service"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(jsonArray(listB).size(), 1);
    }

    void serviceTypes()
    {
        RUN_OK(types, {QStringLiteral("service"), QStringLiteral("types"), QStringLiteral("--json")}, std::nullopt,
               true);
        QStringList ids;
        for (const auto &type : jsonArray(types)) {
            ids.append(type.toObject().value(QStringLiteral("type")).toString());
        }
        QVERIFY(ids.contains(QStringLiteral("wecom")));
        QVERIFY(ids.contains(QStringLiteral("dingtalk")));
        RUN_OK(wecom, {QStringLiteral("service"), QStringLiteral("types"), QStringLiteral("wecom")}, std::nullopt,
               true);
        QVERIFY(wecom.out.contains(QStringLiteral("encoding_aes_key")));
        QVERIFY(wecom.out.contains(QStringLiteral("企业ID")));
    }

    void databaseNewerThanProgram()
    {
        {
            auto db = m_database->open();
            QVERIFY(db);
            QSqlQuery query(db.value()->handle());
            QVERIFY(
                query.exec(QStringLiteral("INSERT INTO ic_schema_migrations (version, name, applied_at, app_version) "
                                          "VALUES (999, 'from the future', '2030-01-01 00:00:00', '99.0')")));
        }
        for (const auto &args : {QStringList{QStringLiteral("service"), QStringLiteral("list")},
                                 QStringList{QStringLiteral("db"), QStringLiteral("migrate")},
                                 QStringList{QStringLiteral("db"), QStringLiteral("status")}}) {
            const CliRun run = m_cli->run(args);
            QVERIFY2(run.code == 4, qPrintable(describe(run)));
            QVERIFY2(QString(run.err + run.out).contains(QStringLiteral("newer")), qPrintable(describe(run)));
        }
        auto db = m_database->open();
        QVERIFY(db);
        QSqlQuery query(db.value()->handle());
        QVERIFY(query.exec(QStringLiteral("DELETE FROM ic_schema_migrations WHERE version = 999")));
        RUN_OK(list, {QStringLiteral("service"), QStringLiteral("list")});
    }

    void unreachableDatabase_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("postgresql") << QStringLiteral("postgresql://nobody@127.0.0.1:1/nothing");
        QTest::newRow("mysql") << QStringLiteral("mysql://nobody@127.0.0.1:1/nothing");
        QTest::newRow("sqlite folder not writable") << QStringLiteral("sqlite:///proc/ic-no-such/integration.db");
    }

    void unreachableDatabase()
    {
        QFETCH(QString, url);
        const CliRun run = m_cli->run({QStringLiteral("service"), QStringLiteral("list"), QStringLiteral("--db"), url},
                                      std::nullopt, true);
        QVERIFY2(run.code == 1, qPrintable(describe(run)));
        QVERIFY2(run.err.startsWith(QStringLiteral("error: ")), qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QStringLiteral("hint:")), qPrintable(describe(run)));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
