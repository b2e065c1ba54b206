// TokenRefreshLock: one holder at a time, in one process and across processes (this binary started again with
// --hold-lock plays the other process), a coroutine wait that keeps the event loop running and gives up on time, and
// a lock of a process that died is taken over. Also the database identity the lock names are built from.

#include "connectors/wecom/TokenRefreshLock.h"

#include "RunTask.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <iostream>
#include <string>

using namespace std::chrono_literals;
using ic::connectors::wecom::TokenKey;
using ic::connectors::wecom::TokenRefreshLock;

namespace {

const QString identity = QStringLiteral("sqlite:/var/lib/ic/integration.db");

TokenKey key(const QString &kind = QStringLiteral("app"))
{
    return {QStringLiteral("t1"), QStringLiteral("https://qyapi.weixin.qq.com"), QStringLiteral("ww1234567890abcdef"),
            kind};
}

/// The other process: takes the lock of key() in `directory`, prints "locked" (or "busy" and exits 3), then holds
/// it until a line arrives on stdin or stdin closes.
int holdLock(const QString &directory)
{
    TokenRefreshLock lock(identity, key(), 30s, directory);
    auto guard = lock.tryAcquire();
    if (!guard) {
        std::cout << "busy" << std::endl;
        return 3;
    }
    std::cout << "locked" << std::endl;
    std::string line;
    std::getline(std::cin, line);
    guard->release();
    std::cout << "released" << std::endl;
    return 0;
}

} // namespace

class TestTokenRefreshLock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void fileNameIsAHashOfTheKey();
    void staleTimeIsAboveTheHttpTimeout();
    void twoHoldersInOneProcessCannotBothHoldIt();
    void acquireTimesOutWithoutBlockingTheThread();
    void waiterGetsTheLockWhenItIsReleased();
    void guardReleasesOnce();
    void otherKeysDoNotBlock();
    void secondProcessIsBlocked();
    void otherProcessCannotTakeOurLock();
    void lockOfADeadProcessIsTakenOver();
    void unusableFolderGivesUpAtOnce();
    void databaseIdentityOfSqlite();
    void databaseIdentityOfServers();

private:
    /// Starts this binary as the other process holding key()'s lock; fails the test if it does not report "locked".
    bool startHolder(QProcess &process);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestTokenRefreshLock::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestTokenRefreshLock::cleanup()
{
    m_dir.reset();
}

bool TestTokenRefreshLock::startHolder(QProcess &process)
{
    process.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--hold-lock"), m_dir->path()});
    if (!process.waitForStarted(10000) || !process.waitForReadyRead(10000)) {
        qWarning("holder did not start: %s", qPrintable(process.errorString()));
        return false;
    }
    const QByteArray line = process.readLine().trimmed();
    if (line != "locked") {
        qWarning("holder said %s", line.constData());
        return false;
    }
    return true;
}

void TestTokenRefreshLock::fileNameIsAHashOfTheKey()
{
    const TokenRefreshLock lock(identity, key(), 30s, m_dir->path());
    const QString name = QFileInfo(lock.filePath()).fileName();
    QVERIFY2(QRegularExpression(QStringLiteral("^wecom-token-[0-9a-f]{64}\\.lock$")).match(name).hasMatch(),
             qPrintable(name));
    QCOMPARE(QFileInfo(lock.filePath()).absolutePath(), QFileInfo(m_dir->path()).absoluteFilePath());
    // Stable for the same key, different for any other part.
    QCOMPARE(TokenRefreshLock(identity, key(), 5s, m_dir->path()).filePath(), lock.filePath());
    TokenKey otherTenant = key();
    otherTenant.tenantId = QStringLiteral("t2");
    TokenKey otherBase = key();
    otherBase.apiBase = QStringLiteral("http://127.0.0.1:18080");
    TokenKey otherCorp = key();
    otherCorp.corpId = QStringLiteral("ww0000000000000000");
    for (const TokenRefreshLock &other :
         {TokenRefreshLock(QStringLiteral("sqlite:/other.db"), key(), 30s, m_dir->path()),
          TokenRefreshLock(identity, otherTenant, 30s, m_dir->path()),
          TokenRefreshLock(identity, otherBase, 30s, m_dir->path()),
          TokenRefreshLock(identity, otherCorp, 30s, m_dir->path()),
          TokenRefreshLock(identity, key(QStringLiteral("customer")), 30s, m_dir->path())}) {
        QVERIFY(other.filePath() != lock.filePath());
    }
    // The default folder is the user's own.
    QVERIFY(!TokenRefreshLock::defaultDirectory().isEmpty());
    QVERIFY(TokenRefreshLock(identity, key()).filePath().startsWith(TokenRefreshLock::defaultDirectory()));
}

void TestTokenRefreshLock::staleTimeIsAboveTheHttpTimeout()
{
    QCOMPARE(TokenRefreshLock(identity, key(), 30s, m_dir->path()).staleLockTime(), 45s);
    QCOMPARE(TokenRefreshLock(identity, key(), 5s, m_dir->path()).staleLockTime(), 20s);
    QCOMPARE(TokenRefreshLock(identity, key(), -1s, m_dir->path()).staleLockTime(), TokenRefreshLock::staleMargin);
}

void TestTokenRefreshLock::twoHoldersInOneProcessCannotBothHoldIt()
{
    const TokenRefreshLock lock(identity, key(), 30s, m_dir->path());
    auto first = lock.tryAcquire();
    QVERIFY(first && first->isHeld());
    QVERIFY(QFile::exists(lock.filePath()));
    QVERIFY(!lock.tryAcquire());
    // Another lock object of the same key is the same lock.
    const TokenRefreshLock same(identity, key(), 30s, m_dir->path());
    QVERIFY(!same.tryAcquire());
    IC_AWAIT(waited, same.acquire(100ms));
    QVERIFY(!waited);

    first->release();
    QVERIFY(!first->isHeld());
    QVERIFY(!QFile::exists(lock.filePath()));
    auto second = same.tryAcquire();
    QVERIFY(second);
}

void TestTokenRefreshLock::acquireTimesOutWithoutBlockingTheThread()
{
    const TokenRefreshLock lock(identity, key(), 30s, m_dir->path());
    auto held = lock.tryAcquire();
    QVERIFY(held);

    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(10);
    QElapsedTimer elapsed;
    elapsed.start();
    IC_AWAIT(result, lock.acquire(400ms));
    const qint64 took = elapsed.elapsed();
    QVERIFY(!result);
    QVERIFY2(took >= 390 && took < 3000, qPrintable(QString::number(took)));
    // The event loop kept running while acquire() waited.
    QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks)));

    // A zero timeout is one attempt.
    elapsed.restart();
    IC_AWAIT(once, lock.acquire(0ms));
    QVERIFY(!once);
    QVERIFY(elapsed.elapsed() < 1000);
}

void TestTokenRefreshLock::waiterGetsTheLockWhenItIsReleased()
{
    auto lock = std::make_unique<TokenRefreshLock>(identity, key(), 30s, m_dir->path());
    auto held = lock->tryAcquire();
    QVERIFY(held);
    QTimer::singleShot(150ms, this, [&held] { held->release(); });
    QElapsedTimer elapsed;
    elapsed.start();
    auto task = lock->acquire(10s);
    lock.reset(); // the waiting task does not need the lock object
    IC_AWAIT(result, std::move(task));
    QVERIFY(result && result->isHeld());
    QVERIFY2(elapsed.elapsed() >= 140 && elapsed.elapsed() < 5000, qPrintable(QString::number(elapsed.elapsed())));
}

void TestTokenRefreshLock::guardReleasesOnce()
{
    const TokenRefreshLock lock(identity, key(), 30s, m_dir->path());
    {
        auto guard = lock.tryAcquire();
        QVERIFY(guard);
        TokenRefreshLock::Guard moved = std::move(*guard);
        QVERIFY(moved.isHeld());
        QVERIFY(!guard->isHeld()); // NOLINT(bugprone-use-after-move): a moved-from guard holds nothing
        guard.reset();             // destroying the moved-from guard releases nothing
        QVERIFY(!lock.tryAcquire());
        moved.release();
        moved.release();
        QVERIFY(!QFile::exists(lock.filePath()));
        auto again = lock.tryAcquire();
        QVERIFY(again);
    } // `again` released by its destructor
    QVERIFY(!QFile::exists(lock.filePath()));
    QVERIFY(lock.tryAcquire());
}

void TestTokenRefreshLock::otherKeysDoNotBlock()
{
    auto app = TokenRefreshLock(identity, key(), 30s, m_dir->path()).tryAcquire();
    QVERIFY(app);
    auto customer = TokenRefreshLock(identity, key(QStringLiteral("customer")), 30s, m_dir->path()).tryAcquire();
    QVERIFY(customer);
    auto otherDatabase = TokenRefreshLock(QStringLiteral("mysql://db:3306/ic"), key(), 30s, m_dir->path()).tryAcquire();
    QVERIFY(otherDatabase);
}

void TestTokenRefreshLock::secondProcessIsBlocked()
{
    QProcess holder;
    QVERIFY(startHolder(holder));
    const TokenRefreshLock lock(identity, key(), 30s, m_dir->path());
    QVERIFY(!lock.tryAcquire());
    IC_AWAIT(timedOut, lock.acquire(300ms));
    QVERIFY(!timedOut);

    // Waiting while the other process lets go.
    QTimer::singleShot(200ms, this, [&holder] { holder.write("release\n"); });
    IC_AWAIT(acquired, lock.acquire(10s));
    QVERIFY(acquired);
    // It may have finished already while acquire() ran the event loop (waitForFinished() is false then).
    QVERIFY(holder.state() == QProcess::NotRunning || holder.waitForFinished(10000));
    QCOMPARE(holder.exitStatus(), QProcess::NormalExit);
    QCOMPARE(holder.exitCode(), 0);
    QVERIFY(holder.readAllStandardOutput().contains("released"));
}

void TestTokenRefreshLock::otherProcessCannotTakeOurLock()
{
    const TokenRefreshLock lock(identity, key(), 30s, m_dir->path());
    auto held = lock.tryAcquire();
    QVERIFY(held);
    QProcess other;
    other.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--hold-lock"), m_dir->path()});
    QVERIFY(other.waitForFinished(10000));
    QCOMPARE(other.exitCode(), 3);
    QCOMPARE(other.readAllStandardOutput().trimmed(), QByteArray("busy"));
}

void TestTokenRefreshLock::lockOfADeadProcessIsTakenOver()
{
    QProcess holder;
    QVERIFY(startHolder(holder));
    const TokenRefreshLock lock(identity, key(), 30s, m_dir->path());
    QVERIFY(!lock.tryAcquire());
    holder.kill(); // no chance to remove its lock file
    QVERIFY(holder.waitForFinished(10000));
    QVERIFY(QFile::exists(lock.filePath()));
    // Far sooner than the stale time (45 s): the file names a process that no longer exists.
    QElapsedTimer elapsed;
    elapsed.start();
    IC_AWAIT(taken, lock.acquire(5s));
    QVERIFY(taken);
    QVERIFY(elapsed.elapsed() < 5000);
}

void TestTokenRefreshLock::unusableFolderGivesUpAtOnce()
{
    // A file where the folder should be.
    const QString file = m_dir->filePath(QStringLiteral("not-a-folder"));
    QFile blocker(file);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const TokenRefreshLock onFile(identity, key(), 30s, file);
    const QRegularExpression notAFolder(
        QStringLiteral("token refresh locks are off: .*not-a-folder.* is not a folder"));
    QTest::ignoreMessage(QtWarningMsg, notAFolder);
    QTest::ignoreMessage(QtWarningMsg, notAFolder);
    QElapsedTimer elapsed;
    elapsed.start();
    IC_AWAIT(none, onFile.acquire(10s));
    QVERIFY(!none);
    QVERIFY(!onFile.tryAcquire());
    QVERIFY(elapsed.elapsed() < 2000);

#ifdef Q_OS_UNIX
    // A folder others may write to.
    const QString shared = m_dir->filePath(QStringLiteral("shared"));
    QVERIFY(QDir().mkdir(shared));
    QVERIFY(QFile::setPermissions(shared, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                              QFileDevice::WriteOther | QFileDevice::ExeOther));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("token refresh locks are off: .*shared.* belongs to another "
                                                           "user or others may write to it")));
    QVERIFY(!TokenRefreshLock(identity, key(), 30s, shared).tryAcquire());
#endif

    // A folder that does not exist yet is created, private.
    const QString fresh = m_dir->filePath(QStringLiteral("a/b"));
    QVERIFY(TokenRefreshLock(identity, key(), 30s, fresh).tryAcquire());
    QCOMPARE(QFileInfo(fresh).permissions() &
                 (QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ReadGroup | QFileDevice::WriteGroup),
             QFileDevice::Permissions());
}

void TestTokenRefreshLock::databaseIdentityOfSqlite()
{
    const QString folder = QFileInfo(m_dir->path()).canonicalFilePath();
    ic::db::DatabaseUrl url;
    url.dialect = ic::db::Dialect::SQLite;
    url.path = m_dir->filePath(QStringLiteral("ic.db"));
    // Before and after the file exists, through a symbolic link and a path with "..": one identity.
    const QString expected = QStringLiteral("sqlite:") + folder + QStringLiteral("/ic.db");
    QCOMPARE(url.identity(), expected);
    QFile db(url.path);
    QVERIFY(db.open(QIODevice::WriteOnly));
    db.close();
    QCOMPARE(url.identity(), expected);
    ic::db::DatabaseUrl dotted = url;
    QVERIFY(QDir().mkdir(m_dir->filePath(QStringLiteral("sub"))));
    dotted.path = m_dir->path() + QStringLiteral("/sub/../ic.db");
    QCOMPARE(dotted.identity(), expected);
#ifdef Q_OS_UNIX
    ic::db::DatabaseUrl linked = url;
    linked.path = m_dir->filePath(QStringLiteral("link.db"));
    QVERIFY(QFile::link(url.path, linked.path));
    QCOMPARE(linked.identity(), expected);
#endif
}

void TestTokenRefreshLock::databaseIdentityOfServers()
{
    auto pg = ic::db::DatabaseUrl::parse(QStringLiteral("postgresql://admin@DB.Example.com:5433/integration"));
    QVERIFY(pg.ok());
    QCOMPARE(pg.value().identity(), QStringLiteral("postgresql://db.example.com:5433/integration"));
    auto otherUser = ic::db::DatabaseUrl::parse(QStringLiteral("postgres://cron@db.example.com:5433/integration"));
    QVERIFY(otherUser.ok());
    QCOMPARE(otherUser.value().identity(), pg.value().identity());
    auto mysql = ic::db::DatabaseUrl::parse(QStringLiteral("mariadb://ic@10.0.0.5/ic"));
    QVERIFY(mysql.ok());
    QCOMPARE(mysql.value().identity(), QStringLiteral("mysql://10.0.0.5:3306/ic"));
}

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--hold-lock") == 0) {
        QCoreApplication app(argc, argv);
        return holdLock(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestTokenRefreshLock test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tokenrefreshlock.moc"
