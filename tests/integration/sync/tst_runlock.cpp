// RunLock on every dialect: one holder per tenant, service and sync type, in one process (two connections) and across
// processes (this binary started again with --hold or --try plays the other process); the loser is told who holds the
// lock; other keys do not conflict; the lock goes with its holder (released, destroyed, or killed: the server drops a
// session lock at once, a SQLite row is taken over after the stale time); a holder notices when it lost the lock; and
// the runs a dead holder left behind are ended as interrupted.

#include "TestDatabase.h"

#include "db/Database.h"
#include "db/Migrator.h"
#include "db/SyncLockRepository.h"
#include "db/SyncRunRepository.h"
#include "sync/RunLock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTest>
#include <QTimer>

#include <iostream>

using namespace std::chrono_literals;
using namespace ic;
using namespace ic::db;
using ic::sync::RunHolder;
using ic::sync::RunLock;

namespace {

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyResult = (expr);                                                                             \
        QVERIFY2(verifyResult.ok(), verifyResult.ok() ? "" : qPrintable(verifyResult.error().toDisplayString()));      \
    } while (false)

#define VERIFY_FAILS_WITH(expr, errorCode)                                                                             \
    do {                                                                                                               \
        const auto &verifyResult = (expr);                                                                             \
        QVERIFY2(!verifyResult.ok(), "expected an error");                                                             \
        QCOMPARE(verifyResult.error().code, errorCode);                                                                \
    } while (false)

const QString tenant = QStringLiteral("租户-1");
const QString customer = QStringLiteral("customer");
constexpr qint64 service = 7;
/// The stale time of SQLite locks in the tests that wait for it.
constexpr std::chrono::milliseconds shortStale = 3s;
/// The password of the test database, for the other process (never on its command line).
const char *const passwordVariable = "IC_TEST_RUNLOCK_PASSWORD";

SyncRunKey key(const QString &t = tenant, qint64 s = service, const QString &type = customer)
{
    return {t, s, type};
}

Result<std::unique_ptr<RunLock>> acquire(const test::TestDatabase &database, const SyncRunKey &k = key(),
                                         std::chrono::milliseconds staleTime = RunLock::defaultStaleTime)
{
    return RunLock::acquire(database.url(), database.password(), k.tenantId, k.serviceId, k.syncType,
                            RunHolder::thisProcess(), staleTime);
}

struct ChildArguments {
    DatabaseUrl url;
    QString password;
    SyncRunKey key;
    std::chrono::milliseconds milliseconds{0};
};

std::optional<ChildArguments> childArguments(const QStringList &arguments)
{
    // <mode> <url> <tenant> <service> <type> <milliseconds>
    if (arguments.size() != 7) {
        return std::nullopt;
    }
    auto url = DatabaseUrl::parse(arguments.at(2));
    if (!url) {
        std::cout << "error: " << qPrintable(url.error().toDisplayString()) << std::endl;
        return std::nullopt;
    }
    return ChildArguments{url.value(), qEnvironmentVariable(passwordVariable),
                          SyncRunKey{arguments.at(3), arguments.at(4).toLongLong(), arguments.at(5)},
                          std::chrono::milliseconds(arguments.at(6).toLongLong())};
}

/// The other process, --hold: takes the lock, records and starts a run, prints "locked <run id>", then sends
/// heartbeats for the lock and the run every <milliseconds> until it is killed.
int holdLock(const ChildArguments &args)
{
    auto lock = RunLock::acquire(args.url, args.password, args.key.tenantId, args.key.serviceId, args.key.syncType,
                                 RunHolder::thisProcess());
    if (!lock) {
        std::cout << "busy: " << qPrintable(lock.error().toDisplayString()) << std::endl;
        return 3;
    }
    auto db = Database::open(args.url, args.password);
    if (!db) {
        std::cout << "error: " << qPrintable(db.error().toDisplayString()) << std::endl;
        return 1;
    }
    SyncRunRepository runs(*db.value());
    SyncRunRecord run;
    run.tenantId = args.key.tenantId;
    run.serviceId = args.key.serviceId;
    run.syncType = args.key.syncType;
    run.mode = QStringLiteral("full");
    run.trigger = QStringLiteral("schedule");
    run.host = lock.value()->holder().host;
    run.pid = lock.value()->holder().pid;
    auto runId = runs.create(run);
    Status ready = runId ? lock.value()->attachRun(runId.value()) : Status(runId.error());
    if (ready) {
        ready = runs.start(run.tenantId, runId.value());
    }
    if (!ready) {
        std::cout << "error: " << qPrintable(ready.error().toDisplayString()) << std::endl;
        return 1;
    }
    std::cout << "locked " << runId.value() << std::endl;
    QTimer heartbeat;
    QObject::connect(&heartbeat, &QTimer::timeout, QCoreApplication::instance(), [&] {
        const Status locked = lock.value()->heartbeat();
        const Status alive = runs.heartbeat(run.tenantId, runId.value(), run.host, *run.pid);
        if (!locked || !alive) {
            std::cout << "lost" << std::endl;
            QCoreApplication::exit(4);
        }
    });
    heartbeat.start(args.milliseconds);
    return QCoreApplication::exec();
}

/// The other process, --try: tries to take the lock (stale time <milliseconds>), prints "acquired" and exits 0, or
/// prints "busy", the message and the detail and exits 3.
int tryLock(const ChildArguments &args)
{
    auto lock = RunLock::acquire(args.url, args.password, args.key.tenantId, args.key.serviceId, args.key.syncType,
                                 RunHolder::thisProcess(), args.milliseconds);
    if (lock) {
        std::cout << "acquired" << std::endl;
        return 0;
    }
    if (lock.error().code == ErrorCode::LockHeld) {
        std::cout << "busy\n"
                  << qPrintable(lock.error().message) << '\n'
                  << qPrintable(lock.error().detail) << std::endl;
        return 3;
    }
    std::cout << "error: " << qPrintable(lock.error().toDisplayString()) << std::endl;
    return 1;
}

} // namespace

class TestRunLock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void secondLockOnTheSameKeyIsRefused();
    void otherKeysDoNotConflict();
    void releasedWhenDestroyed();
    void onlyAStaleSqliteLockIsTakenOver();
    void lostServerLockIsNoticed();
    void incompleteKeysAreRefused();
    void earlierRunsAreEndedAsInterrupted();
    void otherProcessCannotTakeOurLock();
    void lockOfAKilledProcessIsFreed();
    void lockKeyHashes();

private:
    QStringList childArgs(const QString &mode, std::chrono::milliseconds milliseconds) const;
    QProcessEnvironment childEnvironment() const;

    std::unique_ptr<test::TestDatabase> m_test;
    std::unique_ptr<Database> m_db;
};

void TestRunLock::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_test = std::move(database);
    qInfo("testing %s", qPrintable(m_test->url().toString()));
}

void TestRunLock::init()
{
    m_test->wipe();
    auto opened = m_test->open();
    VERIFY_OK(opened);
    m_db = std::move(opened.value());
    VERIFY_OK(Migrator::migrate(*m_db));
}

void TestRunLock::cleanup()
{
    m_db.reset();
}

QStringList TestRunLock::childArgs(const QString &mode, std::chrono::milliseconds milliseconds) const
{
    return {mode,     m_test->url().toString(),
            tenant,   QString::number(service),
            customer, QString::number(milliseconds.count())};
}

QProcessEnvironment TestRunLock::childEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(passwordVariable), m_test->password());
    return environment;
}

void TestRunLock::secondLockOnTheSameKeyIsRefused()
{
    auto first = acquire(*m_test);
    VERIFY_OK(first);
    RunLock &held = *first.value();
    QVERIFY(held.isHeld());
    QCOMPARE(held.key(), key());
    QCOMPARE(held.holder().pid, QCoreApplication::applicationPid());
    QCOMPARE(held.holder().host, QSysInfo::machineHostName());
    QVERIFY(qAbs(held.acquiredAt().msecsTo(QDateTime::currentDateTimeUtc())) < 10000);

    // Before the holder has recorded its run.
    auto second = acquire(*m_test);
    VERIFY_FAILS_WITH(second, ErrorCode::LockHeld);
    const QString pid = QString::number(QCoreApplication::applicationPid());
    const QString since = held.acquiredAt().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QCOMPARE(second.error().message, QStringLiteral("A customer sync of this service is already running: process %1 "
                                                    "on %2, since %3.")
                                         .arg(pid, QSysInfo::machineHostName(), since));
    QVERIFY(!second.error().hint.isEmpty());

    // Once it has.
    VERIFY_OK(held.attachRun(77));
    auto third = acquire(*m_test);
    VERIFY_FAILS_WITH(third, ErrorCode::LockHeld);
    QCOMPARE(third.error().message, QStringLiteral("A customer sync of this service is already running: run 77, "
                                                   "process %1 on %2, since %3.")
                                        .arg(pid, QSysInfo::machineHostName(), since));
    QVERIFY2(third.error().detail.contains(QStringLiteral("run_id=77")), qPrintable(third.error().detail));
    QVERIFY2(third.error().detail.contains(QStringLiteral("pid=") + pid), qPrintable(third.error().detail));
    QVERIFY(third.error().detail.contains(held.acquiredAt().toString(Qt::ISODateWithMs)));

    // The holder is recorded where every process can read it.
    auto row = SyncLockRepository(*m_db).findRow(key());
    VERIFY_OK(row);
    QVERIFY(row->has_value());
    QCOMPARE(row->value().pid, QCoreApplication::applicationPid());
    QCOMPARE(row->value().runId, qint64(77));
    QCOMPARE(row->value().acquiredAt, held.acquiredAt());
    QVERIFY(held.isHeld());
    VERIFY_OK(held.heartbeat());
}

void TestRunLock::otherKeysDoNotConflict()
{
    auto held = acquire(*m_test);
    VERIFY_OK(held);
    std::vector<std::unique_ptr<RunLock>> others;
    for (const SyncRunKey &other : {key(tenant, service, QStringLiteral("user")), key(tenant, 8, customer),
                                    key(QStringLiteral("t2"), service, customer)}) {
        auto lock = acquire(*m_test, other);
        VERIFY_OK(lock);
        others.push_back(std::move(lock.value()));
    }
    for (const auto &lock : others) {
        VERIFY_OK(lock->heartbeat());
    }
    VERIFY_OK(held.value()->heartbeat());
    VERIFY_FAILS_WITH(acquire(*m_test, key(tenant, 8, customer)), ErrorCode::LockHeld);
}

void TestRunLock::releasedWhenDestroyed()
{
    auto first = acquire(*m_test);
    VERIFY_OK(first);
    first.value().reset();
    auto second = acquire(*m_test);
    VERIFY_OK(second);
    RunLock &lock = *second.value();
    SyncLockRepository locks(*m_db);
    auto row = locks.findRow(key());
    VERIFY_OK(row);
    QVERIFY(row->has_value());

    lock.release();
    QVERIFY(!lock.isHeld());
    lock.release(); // idempotent
    auto none = locks.findRow(key());
    VERIFY_OK(none);
    QVERIFY(!none->has_value());
    VERIFY_FAILS_WITH(lock.heartbeat(), ErrorCode::LockHeld);
    VERIFY_FAILS_WITH(lock.markInterruptedRuns(*m_db), ErrorCode::LockHeld);
    auto third = acquire(*m_test);
    VERIFY_OK(third);
}

void TestRunLock::onlyAStaleSqliteLockIsTakenOver()
{
    constexpr auto stale = 400ms;
    auto first = acquire(*m_test);
    VERIFY_OK(first);
    RunLock &holder = *first.value();
    // Heartbeats keep it: over three stale times, none without a heartbeat for a whole stale time.
    QElapsedTimer elapsed;
    elapsed.start();
    while (elapsed.elapsed() < 3 * stale.count()) {
        QTest::qWait(100);
        VERIFY_OK(holder.heartbeat());
        VERIFY_FAILS_WITH(acquire(*m_test, key(), stale), ErrorCode::LockHeld);
    }

    QTest::qWait(int(stale.count()) + 200); // no heartbeat meanwhile
    if (m_test->dialect() == Dialect::SQLite) {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("took over the stale \"customer\" lock")));
    }
    auto taker = acquire(*m_test, key(), stale);
    if (m_test->dialect() != Dialect::SQLite) {
        // The server's lock does not go stale: it lasts as long as the holder's connection.
        VERIFY_FAILS_WITH(taker, ErrorCode::LockHeld);
        VERIFY_OK(holder.heartbeat());
        QVERIFY(holder.isHeld());
        return;
    }
    VERIFY_OK(taker);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("lost the \"customer\" lock")));
    auto lost = holder.heartbeat();
    VERIFY_FAILS_WITH(lost, ErrorCode::LockHeld);
    QVERIFY2(lost.error().detail.contains(QStringLiteral("taken over")), qPrintable(lost.error().detail));
    QVERIFY(!holder.isHeld());
    VERIFY_FAILS_WITH(holder.attachRun(5), ErrorCode::LockHeld);
    // The old holder lets go without touching the new holder's row.
    first.value().reset();
    VERIFY_OK(taker.value()->heartbeat());
    VERIFY_FAILS_WITH(acquire(*m_test), ErrorCode::LockHeld);
}

void TestRunLock::lostServerLockIsNoticed()
{
    if (m_test->dialect() == Dialect::SQLite) {
        QSKIP("SQLite has no lock connection that could die; onlyAStaleSqliteLockIsTakenOver covers the loss");
    }
    auto first = acquire(*m_test);
    VERIFY_OK(first);
    // Another session kills the holder's connection, as a server restart or a network failure would.
    QSqlQuery query(m_db->handle());
    if (m_test->dialect() == Dialect::PostgreSQL) {
        QVERIFY2(query.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                                           "AND pid <> pg_backend_pid() AND database = (SELECT oid FROM pg_database "
                                           "WHERE datname = current_database())")),
                 qPrintable(query.lastError().text()));
    } else {
        QVERIFY(query.prepare(QStringLiteral("SELECT IS_USED_LOCK(?)")));
        query.addBindValue(SyncLockRepository::namedLockName(m_test->url().database, key()));
        QVERIFY2(query.exec() && query.next(), qPrintable(query.lastError().text()));
        const qint64 connection = query.value(0).toLongLong();
        QVERIFY(connection > 0);
        QVERIFY2(query.exec(QStringLiteral("KILL %1").arg(connection)), qPrintable(query.lastError().text()));
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("lost the \"customer\" lock")));
    VERIFY_FAILS_WITH(first.value()->heartbeat(), ErrorCode::LockHeld);
    QVERIFY(!first.value()->isHeld());
    first.value().reset();

    // The lock is free again (the server ends the killed session on its own time).
    QElapsedTimer elapsed;
    elapsed.start();
    for (;;) {
        auto again = acquire(*m_test);
        if (again) {
            break;
        }
        QCOMPARE(again.error().code, ErrorCode::LockHeld);
        QVERIFY2(elapsed.elapsed() < 10000, "the killed session's lock was not dropped");
        QTest::qWait(100);
    }
}

void TestRunLock::incompleteKeysAreRefused()
{
    VERIFY_FAILS_WITH(acquire(*m_test, key(QString())), ErrorCode::InvalidInput);
    VERIFY_FAILS_WITH(acquire(*m_test, key(tenant, 0)), ErrorCode::InvalidInput);
    VERIFY_FAILS_WITH(acquire(*m_test, key(tenant, service, QString())), ErrorCode::InvalidInput);
    VERIFY_FAILS_WITH(RunLock::acquire(m_test->url(), m_test->password(), tenant, service, customer, RunHolder{}),
                      ErrorCode::InvalidInput);
    VERIFY_OK(acquire(*m_test));
}

void TestRunLock::earlierRunsAreEndedAsInterrupted()
{
    SyncRunRepository runs(*m_db);
    auto makeRun = [&](const SyncRunKey &k, const QDateTime &createdAt) -> qint64 {
        SyncRunRecord run;
        run.tenantId = k.tenantId;
        run.serviceId = k.serviceId;
        run.syncType = k.syncType;
        run.mode = QStringLiteral("incremental");
        run.trigger = QStringLiteral("cli");
        run.host = QStringLiteral("other-host");
        run.pid = 99;
        run.createdAt = createdAt;
        auto id = runs.create(run);
        return id ? id.value() : 0;
    };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // A holder that died a few seconds ago, well within the stale time, and one that died before it started.
    const qint64 running = makeRun(key(), now.addSecs(-30));
    QVERIFY(running > 0);
    VERIFY_OK(runs.start(tenant, running, now.addSecs(-29)));
    VERIFY_OK(runs.heartbeat(tenant, running, QStringLiteral("other-host"), 99, now.addMSecs(-1500)));
    const qint64 pending = makeRun(key(), now.addSecs(-1));
    QVERIFY(pending > 0);
    const qint64 otherType = makeRun(key(tenant, service, QStringLiteral("user")), now.addSecs(-30));
    QVERIFY(otherType > 0);

    auto lock = acquire(*m_test);
    VERIFY_OK(lock);
    // This holder's own run, recorded after it took the lock.
    const qint64 mine = makeRun(key(), lock.value()->acquiredAt());
    QVERIFY(mine > 0);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("sync run \\d+ .* ended as interrupted")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("sync run \\d+ .* ended as interrupted")));
    auto marked = lock.value()->markInterruptedRuns(*m_db);
    VERIFY_OK(marked);
    QCOMPARE(marked->size(), 2);
    QCOMPARE(marked->at(0).id, running);
    QCOMPARE(marked->at(1).id, pending);
    for (const SyncRunRecord &run : marked.value()) {
        QCOMPARE(run.status, SyncRunStatus::Failed);
        QVERIFY(run.wasInterrupted());
    }
    QCOMPARE(marked->at(0).finishedAt, now.addMSecs(-1500));
    QVERIFY(marked->at(0).errorSummary.endsWith(QLatin1String("(host other-host, pid 99)")));
    for (qint64 id : {mine, otherType}) {
        auto read = runs.find(tenant, id);
        VERIFY_OK(read);
        QCOMPARE(read->value().run.status, SyncRunStatus::Pending);
    }
}

void TestRunLock::otherProcessCannotTakeOurLock()
{
    auto held = acquire(*m_test);
    VERIFY_OK(held);
    VERIFY_OK(held.value()->attachRun(4242));

    QProcess other;
    other.setProcessEnvironment(childEnvironment());
    other.start(QCoreApplication::applicationFilePath(), childArgs(QStringLiteral("--try"), RunLock::defaultStaleTime));
    QVERIFY(other.waitForFinished(30000));
    const QString output = QString::fromLocal8Bit(other.readAllStandardOutput());
    QCOMPARE(other.exitCode(), 3);
    QVERIFY2(output.startsWith(QLatin1String("busy\n")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("run 4242, process %1 on %2")
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(QSysInfo::machineHostName())),
             qPrintable(output));

    held.value().reset();
    QProcess after;
    after.setProcessEnvironment(childEnvironment());
    after.start(QCoreApplication::applicationFilePath(), childArgs(QStringLiteral("--try"), RunLock::defaultStaleTime));
    QVERIFY(after.waitForFinished(30000));
    QCOMPARE(after.readAllStandardOutput().trimmed(), QByteArray("acquired"));
    QCOMPARE(after.exitCode(), 0);
}

void TestRunLock::lockOfAKilledProcessIsFreed()
{
    QProcess holder;
    holder.setProcessEnvironment(childEnvironment());
    holder.start(QCoreApplication::applicationFilePath(), childArgs(QStringLiteral("--hold"), 100ms));
    QVERIFY(holder.waitForStarted(10000));
    QVERIFY(holder.waitForReadyRead(30000));
    const QByteArray line = holder.readLine().trimmed();
    QVERIFY2(line.startsWith("locked "), line.constData());
    const qint64 runId = line.mid(7).toLongLong();
    QVERIFY(runId > 0);

    auto refused = acquire(*m_test, key(), shortStale);
    VERIFY_FAILS_WITH(refused, ErrorCode::LockHeld);
    QVERIFY2(
        refused.error().message.contains(QStringLiteral("run %1, process %2 on ").arg(runId).arg(holder.processId())),
        qPrintable(refused.error().message));

    holder.kill(); // SIGKILL: no chance to release anything
    QVERIFY(holder.waitForFinished(10000));
    QCOMPARE(holder.exitStatus(), QProcess::CrashExit);
    // Its lock row stays behind; on SQLite its heartbeat says when the lock goes stale.
    auto row = SyncLockRepository(*m_db).findRow(key());
    VERIFY_OK(row);
    QVERIFY(row->has_value());
    QCOMPARE(row->value().runId, runId);

    QElapsedTimer elapsed;
    elapsed.start();
    std::unique_ptr<RunLock> lock;
    while (!lock) {
        auto attempt = acquire(*m_test, key(), shortStale);
        if (attempt) {
            lock = std::move(attempt.value());
            break;
        }
        QCOMPARE(attempt.error().code, ErrorCode::LockHeld);
        QVERIFY2(elapsed.elapsed() < 20000, qPrintable(attempt.error().toDisplayString()));
        QTest::qWait(50);
    }
    if (m_test->dialect() == Dialect::SQLite) {
        // Not before the dead holder's heartbeat was a stale time old.
        QVERIFY(lock->acquiredAt() >= row->value().heartbeatAt.addMSecs(shortStale.count()));
    } else {
        // The server dropped the lock with the dead connection, long before any stale time.
        QVERIFY2(elapsed.elapsed() < 10000, qPrintable(QString::number(elapsed.elapsed())));
    }

    // The killed holder's run is ended as interrupted, as of its last heartbeat.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("sync run \\d+ .* ended as interrupted")));
    auto marked = lock->markInterruptedRuns(*m_db);
    VERIFY_OK(marked);
    QCOMPARE(marked->size(), 1);
    const SyncRunRecord &run = marked->constFirst();
    QCOMPARE(run.id, runId);
    QCOMPARE(run.status, SyncRunStatus::Failed);
    QVERIFY(run.wasInterrupted());
    QVERIFY2(run.errorSummary.startsWith(QLatin1String("interrupted: no heartbeat since ")),
             qPrintable(run.errorSummary));
    QVERIFY(run.finishedAt.isValid() && run.finishedAt <= lock->acquiredAt());
    QCOMPARE(run.finishedAt, run.heartbeatAt);
    QVERIFY(run.durationMs.has_value());
}

void TestRunLock::lockKeyHashes()
{
    const QString database = QStringLiteral("integration");
    const SyncRunKey k = key();
    const qint64 pgKey = SyncLockRepository::advisoryKey(database, k);
    const QString name = SyncLockRepository::namedLockName(database, k);
    QCOMPARE(SyncLockRepository::advisoryKey(database, k), pgKey);
    QCOMPARE(SyncLockRepository::namedLockName(database, k), name);
    QCOMPARE(name.size(), 64); // GET_LOCK's limit
    QVERIFY(name.startsWith(QLatin1String("ic_sync_")));
    QSet<qint64> keys{pgKey};
    QSet<QString> names{name};
    const QList<std::pair<QString, SyncRunKey>> others{
        {QStringLiteral("other"), k},
        {database, key(QStringLiteral("t2"))},
        {database, key(tenant, 70)},
        {database, key(tenant, service, QStringLiteral("user"))},
        // Fields are length-prefixed: moving text from one field to the next gives another key.
        {database, key(tenant + QLatin1Char('7'), 0)}};
    for (const auto &[db, other] : others) {
        keys.insert(SyncLockRepository::advisoryKey(db, other));
        names.insert(SyncLockRepository::namedLockName(db, other));
    }
    QCOMPARE(keys.size(), others.size() + 1);
    QCOMPARE(names.size(), others.size() + 1);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() > 1 &&
        (arguments.at(1) == QLatin1String("--hold") || arguments.at(1) == QLatin1String("--try"))) {
        const auto args = childArguments(arguments);
        if (!args) {
            std::cout << "usage: " << qPrintable(arguments.at(0))
                      << " --hold|--try <url> <tenant> <service> <type> <milliseconds>" << std::endl;
            return 2;
        }
        return arguments.at(1) == QLatin1String("--hold") ? holdLock(*args) : tryLock(*args);
    }
    TestRunLock test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_runlock.moc"
