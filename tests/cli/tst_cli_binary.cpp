// The real integration-console binary, started without a display: exit codes, the default database location,
// the no-keychain path, and the leak test (secrets set through the command line with the real OS keychain must
// appear nowhere else: not in the database, its dump, the audit log, settings or data files, or any output).

#include "RunTask.h"
#include "TestDatabase.h"
#include "db/Repositories.h"
#include "secrets/SecretStore.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace ic;

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

QString randomAlnum(int length)
{
    static const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    QString value;
    for (int i = 0; i < length; ++i) {
        value += alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size())));
    }
    return value;
}

QString describe(const Run &run)
{
    return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3")
        .arg(run.code)
        .arg(QString::fromUtf8(run.out), QString::fromUtf8(run.err));
}

} // namespace

class TestCliBinary : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_database;
    QTemporaryDir m_home;
    QList<Run> m_runs; ///< Everything the binary printed, for the leak search.

    QProcessEnvironment environment(bool withKeychain = true) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("IC_DB_URL"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
        if (!m_database->password().isEmpty()) {
            env.insert(QStringLiteral("IC_SECRET_DATABASE_PASSWORD"), m_database->password());
        }
        if (!withKeychain) {
            env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
            env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        }
        return env;
    }

    Run run(QStringList args, const QByteArray &input = {}, bool withDb = true, bool withKeychain = true,
            const QString &locale = QStringLiteral("C.UTF-8"))
    {
        if (withDb) {
            args << QStringLiteral("--db") << m_database->url().toString();
        }
        QProcess process;
        QProcessEnvironment env = environment(withKeychain);
        env.insert(QStringLiteral("LANG"), locale);
        env.insert(QStringLiteral("LC_ALL"), locale);
        env.remove(QStringLiteral("LANGUAGE"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(IC_CLI_BINARY), args);
        Run result;
        if (!process.waitForStarted(10000)) {
            result.err = process.errorString().toUtf8();
            return result;
        }
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
        }
        result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        m_runs.append(result);
        return result;
    }

    static bool keychainAvailable() { return !qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        IC_TEST_DATABASE_OR_SKIP(database);
        m_database = std::move(database);
    }

    void versionAndHelpWithoutDisplay()
    {
        const Run version = run({QStringLiteral("--no-gui"), QStringLiteral("--version")}, {}, false);
        QVERIFY2(version.code == 0, qPrintable(describe(version)));
        QVERIFY(version.out.contains(IC_VERSION));
        const Run bare = run({QStringLiteral("--version")}, {}, false);
        QCOMPARE(bare.code, 0);
        const Run help = run({QStringLiteral("--help")}, {}, false);
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("db migrate"));
        const Run usage = run({QStringLiteral("frobnicate")}, {}, false);
        QCOMPARE(usage.code, 2);
    }

    void speaksChineseOnAChineseSystem()
    {
        const QString zh = QStringLiteral("zh_CN.UTF-8");
        const Run help = run({QStringLiteral("--help")}, {}, false, true, zh);
        QCOMPARE(help.code, 0);
        QVERIFY2(QString::fromUtf8(help.out).contains(QStringLiteral("用法")), help.out.constData());
        const Run types =
            run({QStringLiteral("service"), QStringLiteral("types"), QStringLiteral("wecom")}, {}, false, true, zh);
        QCOMPARE(types.code, 0);
        QVERIFY2(QString::fromUtf8(types.out).contains(QStringLiteral("我的企业 > 企业信息")), types.out.constData());
        QCOMPARE(run({QStringLiteral("db"), QStringLiteral("migrate")}).code, 0);
        // A message from core, not only from the command line's own code.
        const Run missing =
            run({QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("nosuch")}, {}, true, true, zh);
        QCOMPARE(missing.code, 4);
        QVERIFY2(QString::fromUtf8(missing.err).contains(QStringLiteral("nosuch")), missing.err.constData());
        QVERIFY2(!missing.err.contains("There is no service"), missing.err.constData());
        // And English elsewhere.
        const Run english = run({QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("nosuch")});
        QVERIFY(english.err.contains("There is no service"));
    }

    void defaultDatabaseInUserDataFolder()
    {
        if (m_database->dialect() != db::Dialect::SQLite) {
            QSKIP("the default database is SQLite; checked in the sqlite run");
        }
        const Run migrate = run({QStringLiteral("db"), QStringLiteral("migrate")}, {}, false);
        QVERIFY2(migrate.code == 0, qPrintable(describe(migrate)));
        const QString expected =
            m_home.filePath(QStringLiteral("data/integration-console/integration-console/integration.db"));
        QVERIFY2(QFile::exists(expected), qPrintable(describe(migrate)));
        const Run status = run({QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--json")}, {}, false);
        QCOMPARE(status.code, 0);
        QCOMPARE(QJsonDocument::fromJson(status.out).object().value(QStringLiteral("database")).toString(),
                 QStringLiteral("sqlite://") + expected);
        const Run list = run({QStringLiteral("service"), QStringLiteral("list")}, {}, false);
        QCOMPARE(list.code, 0);
    }

    void noKeychainSaysSoAndNamesTheVariable()
    {
        QVERIFY(run({QStringLiteral("db"), QStringLiteral("migrate")}).code == 0);
        const Run add = run({QStringLiteral("service"), QStringLiteral("add"), QStringLiteral("--type"),
                             QStringLiteral("wecom"), QStringLiteral("--name"), QStringLiteral("no-keychain"),
                             QStringLiteral("--set"), QStringLiteral("corp_id=ww0123456789abcdef")});
        QVERIFY2(add.code == 0, qPrintable(describe(add)));
        const QByteArray secret = randomAlnum(43).toUtf8();
        const Run refused = run({QStringLiteral("service"), QStringLiteral("set-secret"), QStringLiteral("no-keychain"),
                                 QStringLiteral("corp_secret")},
                                secret, true, false);
        QVERIFY2(refused.code == 4, qPrintable(describe(refused)));
        QVERIFY2(refused.err.contains("keychain"), qPrintable(describe(refused)));
        QVERIFY2(refused.err.contains("IC_SECRET_NO_KEYCHAIN_CORP_SECRET"), qPrintable(describe(refused)));
        QVERIFY(!refused.err.contains(secret) && !refused.out.contains(secret));
        const Run show = run({QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("no-keychain"),
                              QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(show.out)
                     .object()
                     .value(QStringLiteral("secrets"))
                     .toObject()
                     .value(QStringLiteral("corp_secret"))
                     .toObject()
                     .value(QStringLiteral("stored"))
                     .toBool(),
                 false);
        QVERIFY(
            run({QStringLiteral("service"), QStringLiteral("remove"), QStringLiteral("no-keychain")}, {}, true, false)
                .code == 0);
    }

    void secretsLeakNowhere()
    {
        if (!keychainAvailable()) {
            if (qEnvironmentVariable("IC_TEST_REQUIRE_KEYCHAIN") == QLatin1String("1")) {
                QFAIL("IC_TEST_REQUIRE_KEYCHAIN=1 but there is no D-Bus session (run under dbus-run-session)");
            }
            QSKIP("needs a D-Bus session with an unlocked keyring");
        }
        const QString name = QStringLiteral("leak-check");
        const QMap<QString, QString> secrets{
            {QStringLiteral("corp_secret"), randomAlnum(43)},      {QStringLiteral("contacts_secret"), randomAlnum(43)},
            {QStringLiteral("customer_secret"), randomAlnum(43)},  {QStringLiteral("callback_token"), randomAlnum(32)},
            {QStringLiteral("encoding_aes_key"), randomAlnum(43)},
        };
        // A rejected value must not be echoed either.
        const QString rejected = randomAlnum(20);

        const QStringList verbose{QStringLiteral("--verbose")};
        QCOMPARE(run(QStringList{QStringLiteral("db"), QStringLiteral("migrate")} + verbose).code, 0);
        const Run add = run(QStringList{QStringLiteral("service"), QStringLiteral("add"), QStringLiteral("--type"),
                                        QStringLiteral("wecom"), QStringLiteral("--name"), name,
                                        QStringLiteral("--set"), QStringLiteral("corp_id=ww0123456789abcdef"),
                                        QStringLiteral("--set"), QStringLiteral("agent_id=1000002")} +
                            verbose);
        QVERIFY2(add.code == 0, qPrintable(describe(add)));
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
            const Run set =
                run(QStringList{QStringLiteral("service"), QStringLiteral("set-secret"), name, it.key()} + verbose,
                    it.value().toUtf8() + "\n");
            QVERIFY2(set.code == 0, qPrintable(describe(set)));
        }
        const Run bad = run(QStringList{QStringLiteral("service"), QStringLiteral("set-secret"), name,
                                        QStringLiteral("encoding_aes_key")} +
                                verbose,
                            rejected.toUtf8());
        QCOMPARE(bad.code, 4);
        for (const auto &args : QList<QStringList>{
                 {QStringLiteral("service"), QStringLiteral("show"), name},
                 {QStringLiteral("service"), QStringLiteral("show"), name, QStringLiteral("--json")},
                 {QStringLiteral("service"), QStringLiteral("list"), QStringLiteral("--json")},
                 {QStringLiteral("service"), QStringLiteral("set"), name, QStringLiteral("agent_id=1000003")},
                 {QStringLiteral("service"), QStringLiteral("disable"), name},
                 {QStringLiteral("service"), QStringLiteral("enable"), name},
                 {QStringLiteral("db"), QStringLiteral("status")},
             }) {
            const Run r = run(args + verbose);
            QVERIFY2(r.code == 0, qPrintable(describe(r)));
        }

        // The values really are in the OS keychain, under the references the database holds.
        auto database = m_database->open();
        QVERIFY(database);
        db::ServiceConfigRepository repository(*database.value());
        auto record = repository.findByName(QStringLiteral("default"), name);
        QVERIFY(record && record.value());
        auto keychain = secrets::makeKeychainSecretStore(QStringLiteral("Integration Console"));
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
            const QString key = record.value()->secretRefs.value(it.key()).toString();
            QVERIFY2(!key.isEmpty(), qPrintable(it.key()));
            IC_AWAIT(value, keychain->read({key, QString(), QString()}));
            QVERIFY2(value && value.value() && *value.value() == it.value(), qPrintable(it.key()));
        }

        // Everything the program wrote or printed.
        QList<QPair<QString, QByteArray>> haystacks;
        for (qsizetype i = 0; i < m_runs.size(); ++i) {
            haystacks.append({QStringLiteral("stdout of run %1").arg(i), m_runs.at(i).out});
            haystacks.append({QStringLiteral("stderr of run %1").arg(i), m_runs.at(i).err});
        }
        haystacks.append({QStringLiteral("database dump"), m_database->dumpAll()});
        db::AuditLogRepository audit(*database.value());
        auto entries = audit.list(QStringLiteral("default"), 1000);
        QVERIFY(entries && !entries->isEmpty());
        for (const auto &entry : entries.value()) {
            haystacks.append({QStringLiteral("audit entry %1").arg(entry.id),
                              QJsonDocument(entry.before).toJson() + QJsonDocument(entry.after).toJson()});
        }
        QDirIterator files(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int fileCount = 0;
        while (files.hasNext()) {
            const QString path = files.next();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            haystacks.append({path, file.readAll()});
            ++fileCount;
        }
        qInfo() << "searched" << haystacks.size() << "outputs," << fileCount << "files for" << secrets.size() + 1
                << "secret values";
        QStringList needles = secrets.values();
        needles.append(rejected);
        for (const auto &needle : needles) {
            for (const auto &[where, text] : haystacks) {
                QVERIFY2(!text.contains(needle.toUtf8()), qPrintable(QStringLiteral("a secret leaked into ") + where));
            }
        }

        // Removing the service removes its secrets from the keychain.
        QCOMPARE(run({QStringLiteral("service"), QStringLiteral("remove"), name}).code, 0);
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
            const QString key = record.value()->secretRefs.value(it.key()).toString();
            IC_AWAIT(value, keychain->read({key, QString(), QString()}));
            QVERIFY(value && !value.value().has_value());
        }
    }

    void secretFromEnvironmentIsShownAsSuch()
    {
        QCOMPARE(run({QStringLiteral("db"), QStringLiteral("migrate")}).code, 0);
        QCOMPARE(run({QStringLiteral("service"), QStringLiteral("add"), QStringLiteral("--type"),
                      QStringLiteral("wecom"), QStringLiteral("--name"), QStringLiteral("from-env"),
                      QStringLiteral("--set"), QStringLiteral("corp_id=ww0123456789abcdef")})
                     .code,
                 0);
        qputenv("IC_SECRET_FROM_ENV_CORP_SECRET", randomAlnum(43).toUtf8());
        const Run show = run({QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("from-env")});
        qunsetenv("IC_SECRET_FROM_ENV_CORP_SECRET");
        QVERIFY2(show.out.contains("from environment variable IC_SECRET_FROM_ENV_CORP_SECRET"),
                 qPrintable(describe(show)));
        QCOMPARE(run({QStringLiteral("service"), QStringLiteral("remove"), QStringLiteral("from-env")}).code, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliBinary)
#include "tst_cli_binary.moc"
