// SyncWorker: a sync on its own thread while this (the "GUI") thread keeps its event loop turning. On every
// dialect: progress arrives as queued signals, the report arrives, the thread that called never stalls for long,
// cancelling ends the run `cancelled`, and a second start while one runs is refused.

#include "RunTask.h"
#include "TestDatabase.h"
#include "db/Migrator.h"
#include "db/Repositories.h"
#include "db/SyncRunRepository.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"
#include "sync/SyncWorker.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace ic;

namespace {

/// Forwards to a store shared with the test (the worker builds its own on its thread).
class SharedStore final : public secrets::SecretStore {
public:
    explicit SharedStore(std::shared_ptr<secrets::SecretStore> inner)
        : m_inner(std::move(inner))
    {}
    QString displayName() const override { return m_inner->displayName(); }
    bool isWritable() const override { return m_inner->isWritable(); }
    QCoro::Task<Result<std::optional<QString>>> read(secrets::SecretLocator locator) override
    {
        return m_inner->read(std::move(locator));
    }
    QCoro::Task<Status> write(secrets::SecretLocator locator, QString value) override
    {
        return m_inner->write(std::move(locator), std::move(value));
    }
    QCoro::Task<Status> remove(secrets::SecretLocator locator) override { return m_inner->remove(std::move(locator)); }

private:
    std::shared_ptr<secrets::SecretStore> m_inner;
};

/// The longest gap between ticks of a 10 ms timer on this thread while `running` holds.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] { m_worst = std::max(m_worst, m_clock.restart()); });
        m_clock.start();
        m_timer.start();
    }
    qint64 worstMs() const { return m_worst; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
};

} // namespace

class TestSyncWorker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void runsOffTheCallingThread();
    void cancelEndsCancelled();

private:
    sync::SyncJobRequest request(sync::SyncOptions options) const;

    std::unique_ptr<test::TestDatabase> m_database;
    std::shared_ptr<secrets::SecretStore> m_store;
    std::unique_ptr<sandbox::SandboxServer> m_server;
};

void TestSyncWorker::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_database = std::move(database);
    Result<std::unique_ptr<db::Database>> opened = m_database->open();
    QVERIFY(opened);
    QVERIFY(db::Migrator::migrate(*opened.value()));

    sandbox::CorpSpec spec;
    spec.seed = 5;
    spec.departments = 40;
    spec.staff = 400;
    spec.contacts = 20000;
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(spec));
    std::string error;
    QVERIFY2(m_server->start(&error), error.c_str());

    m_store = secrets::makeMemorySecretStore();
    services::ServiceConfigService services(*opened.value(), *m_store, QStringLiteral("default"));
    const auto &credentials = m_server->credentials();
    const QMap<QString, QString> values{{QStringLiteral("corp_id"), QString::fromStdString(credentials.corpId)},
                                        {QStringLiteral("api_base"), QString::fromStdString(m_server->baseUrl())},
                                        {QStringLiteral("rate_per_second"), QStringLiteral("1000")},
                                        {QStringLiteral("rate_burst"), QStringLiteral("1000")}};
    Result<db::ServiceConfigRecord> added = services.add(QStringLiteral("wecom"), QStringLiteral("corp"), values);
    QVERIFY2(added, qPrintable(added ? QString() : added.error().message + u' ' + added.error().detail));
    IC_AWAIT(contacts, services.setSecret(QStringLiteral("corp"), QStringLiteral("contacts_secret"),
                                          QString::fromStdString(credentials.contactsSecret)));
    QVERIFY(contacts);
    IC_AWAIT(customers, services.setSecret(QStringLiteral("corp"), QStringLiteral("customer_secret"),
                                           QString::fromStdString(credentials.customerSecret)));
    QVERIFY(customers);
}

void TestSyncWorker::cleanupTestCase()
{
    if (m_server) {
        m_server->stop();
    }
}

sync::SyncJobRequest TestSyncWorker::request(sync::SyncOptions options) const
{
    sync::SyncJobRequest job;
    job.databaseUrl = m_database->url();
    job.databasePassword = m_database->password();
    job.tenantId = QStringLiteral("default");
    job.serviceName = QStringLiteral("corp");
    job.options = std::move(options);
    auto store = m_store;
    job.makeSecretStore = [store]() -> std::unique_ptr<secrets::SecretStore> {
        return std::make_unique<SharedStore>(store);
    };
    return job;
}

void TestSyncWorker::runsOffTheCallingThread()
{
    sync::SyncWorker worker;
    QSignalSpy progressed(&worker, &sync::SyncWorker::progressed);
    QSignalSpy succeeded(&worker, &sync::SyncWorker::succeeded);
    QSignalSpy failed(&worker, &sync::SyncWorker::failed);
    QSignalSpy finished(&worker, &sync::SyncWorker::finished);
    sync::SyncOptions options;
    options.syncType = QStringLiteral("full");
    options.trigger = QStringLiteral("gui");

    StallMeter meter;
    QVERIFY(worker.start(request(options)));
    QVERIFY(worker.isRunning());
    QVERIFY(!worker.start(request(options))); // one at a time
    QVERIFY(finished.wait(120000));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(succeeded.count(), 1);
    const auto report = succeeded.at(0).at(0).value<sync::SyncReport>();
    QCOMPARE(report.status, db::SyncRunStatus::Success);
    QVERIFY(report.total.created > 20000);
    QVERIFY(progressed.count() > 0);
    QVERIFY(progressed.constLast().at(0).value<sync::SyncProgress>().rows > 0);
    qInfo("worst stall of the calling thread during a 20,000-contact sync: %lld ms", meter.worstMs());
    QVERIFY2(meter.worstMs() < 100, qPrintable(QString::number(meter.worstMs())));
    QTRY_VERIFY(!worker.isRunning());
}

void TestSyncWorker::cancelEndsCancelled()
{
    sync::SyncWorker worker;
    QSignalSpy progressed(&worker, &sync::SyncWorker::progressed);
    QSignalSpy succeeded(&worker, &sync::SyncWorker::succeeded);
    QSignalSpy finished(&worker, &sync::SyncWorker::finished);
    sync::SyncOptions options;
    options.syncType = QStringLiteral("customer");
    options.mode = sync::SyncMode::Full;
    options.trigger = QStringLiteral("gui");
    options.resume = false;
    QVERIFY(worker.start(request(options)));
    QVERIFY(progressed.wait(30000));
    worker.cancel();
    QVERIFY(finished.wait(60000));
    QCOMPARE(succeeded.count(), 1);
    const auto report = succeeded.at(0).at(0).value<sync::SyncReport>();
    QCOMPARE(report.status, db::SyncRunStatus::Cancelled);
    QVERIFY(report.failure);
    QCOMPARE(report.failure->code, ErrorCode::Cancelled);

    Result<std::unique_ptr<db::Database>> opened = m_database->open();
    QVERIFY(opened);
    Result<std::optional<db::SyncRunDetails>> found =
        db::SyncRunRepository(*opened.value()).find(QStringLiteral("default"), report.runId);
    QVERIFY(found && found.value());
    QCOMPARE(found.value()->run.status, db::SyncRunStatus::Cancelled);
    QCOMPARE(found.value()->run.trigger, QStringLiteral("gui"));
}

QTEST_GUILESS_MAIN(TestSyncWorker)
#include "tst_syncworker.moc"
