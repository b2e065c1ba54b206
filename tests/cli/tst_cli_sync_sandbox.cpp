// `sync` in-process against the real sandbox over loopback, on every database dialect: the exit codes are part of the
// contract. A clean run exits 0; a run whose follower pages all fail ends partial and exits 3 (its JSON summary says
// so and counts the failed batch); a run refused because another run of the service holds the lock exits 5 and names
// the holder.

#include "CliRunner.h"
#include "TestDatabase.h"
#include "db/Database.h"
#include "sandbox/SandboxServer.h"
#include "services/ServiceTypeRegistry.h"
#include "sync/SyncRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ic;
using namespace std::chrono_literals;

namespace {

const QString serviceName = QStringLiteral("wecom-sandbox");

QString describe(const test::CliRun &run)
{
    return QStringLiteral("exit code %1\n%2\n%3").arg(run.code).arg(run.out, run.err);
}

} // namespace

class TestCliSyncSandbox : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void cleanRunExitsZero();
    void failedPagesExitPartial();
    void heldLockExitsLockHeld();

private:
    std::unique_ptr<test::TestDatabase> m_database;
    std::shared_ptr<secrets::SecretStore> m_store;
    std::unique_ptr<test::CliRunner> m_cli;
    std::unique_ptr<sandbox::SandboxServer> m_server;
};

void TestCliSyncSandbox::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_database = std::move(database);
    if (!m_database->password().isEmpty()) {
        qputenv("IC_SECRET_DATABASE_PASSWORD", m_database->password().toUtf8());
    }
    m_store = secrets::makeMemorySecretStore();
    m_cli = std::make_unique<test::CliRunner>(m_database->url().toString(), m_store);
    const test::CliRun migrated = m_cli->run({QStringLiteral("db"), QStringLiteral("migrate")});
    QVERIFY2(migrated.code == 0, qPrintable(describe(migrated)));

    sandbox::CorpSpec spec;
    spec.seed = 21;
    spec.departments = 8;
    spec.staff = 40;
    spec.contacts = 120;
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(spec));
    std::string error;
    QVERIFY2(m_server->start(&error), error.c_str());

    const sandbox::CorpCredentials &credentials = m_server->credentials();
    QStringList args{QStringLiteral("service"), QStringLiteral("add"),    QStringLiteral("--type"),
                     QStringLiteral("wecom"),   QStringLiteral("--name"), serviceName};
    // One call per attempt and short waits: a failed page fails at once.
    const QStringList settings{u"corp_id=" + QString::fromStdString(credentials.corpId),
                               u"agent_id=" + QString::number(credentials.agentId),
                               u"api_base=" + QString::fromStdString(m_server->baseUrl()),
                               QStringLiteral("retry_max_attempts=1"),
                               QStringLiteral("retry_base_delay_ms=5"),
                               QStringLiteral("retry_max_delay_ms=20"),
                               QStringLiteral("rate_limit_wait_ms=50")};
    for (const QString &setting : settings) {
        args << QStringLiteral("--set") << setting;
    }
    const test::CliRun added = m_cli->run(args);
    QVERIFY2(added.code == 0, qPrintable(describe(added)));
    const QList<std::pair<QString, std::string>> secrets{
        {QStringLiteral("corp_secret"), credentials.appSecret},
        {QStringLiteral("contacts_secret"), credentials.contactsSecret},
        {QStringLiteral("customer_secret"), credentials.customerSecret}};
    for (const auto &[field, value] : secrets) {
        const test::CliRun stored =
            m_cli->run({QStringLiteral("service"), QStringLiteral("set-secret"), serviceName, field},
                       QString::fromStdString(value));
        QVERIFY2(stored.code == 0, qPrintable(describe(stored)));
    }
}

void TestCliSyncSandbox::cleanupTestCase()
{
    if (m_server) {
        m_server->stop();
    }
}

void TestCliSyncSandbox::init()
{
    m_server->clearFaults();
}

void TestCliSyncSandbox::cleanRunExitsZero()
{
    const test::CliRun run = m_cli->run({QStringLiteral("--quiet"), QStringLiteral("sync"), serviceName,
                                         QStringLiteral("--type"), QStringLiteral("full")});
    QVERIFY2(run.code == 0, qPrintable(describe(run)));
}

void TestCliSyncSandbox::failedPagesExitPartial()
{
    sandbox::Fault failing;
    failing.kind = sandbox::Fault::Kind::ErrorCode;
    failing.errcode = -1;
    failing.endpoint = "externalcontact/batch/get_by_user";
    m_server->setFaults({failing});
    const test::CliRun run = m_cli->run({QStringLiteral("--json"), QStringLiteral("sync"), serviceName,
                                         QStringLiteral("--type"), QStringLiteral("customer")});
    QVERIFY2(run.code == 3, qPrintable(describe(run)));
    QJsonObject summary;
    for (const QString &line : run.out.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
        if (event.value(u"event").toString() == u"summary") {
            summary = event;
        }
    }
    QVERIFY2(!summary.isEmpty(), qPrintable(describe(run)));
    QCOMPARE(summary.value(u"status").toString(), QStringLiteral("partial"));
    QVERIFY2(summary.value(u"error_count").toInteger() >= 1, qPrintable(describe(run)));
    const QJsonObject firstError = summary.value(u"errors").toArray().first().toObject();
    QCOMPARE(firstError.value(u"errcode").toString(), QStringLiteral("-1"));
    QCOMPARE(firstError.value(u"entity").toString(), QStringLiteral("follow_relation"));
}

void TestCliSyncSandbox::heldLockExitsLockHeld()
{
    // Another run of the service, slowed by the sandbox, holds the lock while the command runs.
    sandbox::Fault slow;
    slow.kind = sandbox::Fault::Kind::Latency;
    slow.endpoint = "department/list";
    slow.latencyMs = 1500;
    slow.remaining = 1;
    m_server->setFaults({slow});
    auto opened = m_database->open();
    QVERIFY(opened);
    std::unique_ptr<db::Database> db = std::move(opened).value();
    sync::SyncRunner runner(*db, m_database->password(), *m_store, QStringLiteral("default"),
                            services::ServiceTypeRegistry::builtin());
    sync::SyncOptions options;
    options.syncType = QStringLiteral("full");
    QCoro::Task<Result<sync::SyncReport>> holder = runner.run(serviceName, options);

    const test::CliRun refused =
        m_cli->run({QStringLiteral("sync"), serviceName, QStringLiteral("--type"), QStringLiteral("customer")});
    QVERIFY2(refused.code == 5, qPrintable(describe(refused)));
    QVERIFY2(refused.err.contains(QStringLiteral("already running")), qPrintable(describe(refused)));

    std::optional<Result<sync::SyncReport>> finished = test::runTask(std::move(holder), 60s);
    QVERIFY(finished.has_value());
    QVERIFY2(finished->ok(), finished->ok() ? "" : qPrintable(finished->error().toDisplayString()));
    QVERIFY2(refused.err.contains(QStringLiteral("run %1").arg(finished->value().runId)),
             qPrintable(describe(refused)));
}

QTEST_GUILESS_MAIN(TestCliSyncSandbox)
#include "tst_cli_sync_sandbox.moc"
