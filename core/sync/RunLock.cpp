#include "RunLock.h"

#include "common/Logging.h"
#include "db/Database.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QUuid>

namespace ic::sync {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::sync::RunLock)
};

/// A time for people: local time, to the second.
QString localTime(const QDateTime &time)
{
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString utcTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QStringLiteral("-");
}

/// The holder in the technical detail of an error.
QString holderDetail(const db::SyncLockRecord &holder)
{
    return QStringLiteral("holder host=%1 pid=%2 run_id=%3 acquired_at=%4 heartbeat_at=%5")
        .arg(holder.host)
        .arg(holder.pid)
        .arg(holder.runId)
        .arg(utcTime(holder.acquiredAt), utcTime(holder.heartbeatAt));
}

Error heldError(const db::SyncRunKey &key, const std::optional<db::SyncLockRecord> &holder, db::Dialect dialect,
                std::chrono::milliseconds staleTime)
{
    const QString hint =
        dialect == db::Dialect::SQLite
            ? Tr::tr("Wait until it has finished. If that process has died, its lock is taken over once it has sent no "
                     "heartbeat for %n second(s).",
                     nullptr, int(std::chrono::duration_cast<std::chrono::seconds>(staleTime).count()))
            : Tr::tr("Wait until it has finished, or stop that process: the database releases its lock as soon as it "
                     "ends.");
    if (!holder) {
        return Error::make(ErrorCode::LockHeld,
                           Tr::tr("A %1 sync of this service is already running in another process.").arg(key.syncType),
                           QStringLiteral("holder unknown"), hint);
    }
    const QString message =
        holder->runId > 0 ? Tr::tr("A %1 sync of this service is already running: run %2, process %3 on %4, since %5.")
                                .arg(key.syncType)
                                .arg(holder->runId)
                                .arg(holder->pid)
                                .arg(holder->host, localTime(holder->acquiredAt))
                          : Tr::tr("A %1 sync of this service is already running: process %2 on %3, since %4.")
                                .arg(key.syncType)
                                .arg(holder->pid)
                                .arg(holder->host, localTime(holder->acquiredAt));
    return Error::make(ErrorCode::LockHeld, message, holderDetail(*holder), hint);
}

} // namespace

RunHolder RunHolder::thisProcess(qint64 runId)
{
    return {QSysInfo::machineHostName(), QCoreApplication::applicationPid(), runId};
}

Result<std::unique_ptr<RunLock>> RunLock::acquire(const db::DatabaseUrl &url, const QString &password,
                                                  const QString &tenantId, qint64 serviceId, const QString &syncType,
                                                  RunHolder me, std::chrono::milliseconds staleTime)
{
    if (tenantId.isEmpty() || serviceId <= 0 || syncType.isEmpty()) {
        return Error::invalid(QStringLiteral("sync_type"),
                              Tr::tr("A sync lock needs a tenant, a service and a sync type."));
    }
    if (me.host.isEmpty() || me.pid <= 0) {
        return Error::invalid(QStringLiteral("holder"),
                              Tr::tr("A sync lock needs the host and process of its holder."));
    }
    auto opened = db::Database::open(url, password);
    if (!opened) {
        return opened.error();
    }
    std::unique_ptr<RunLock> lock(new RunLock);
    lock->m_db = std::move(opened.value());
    lock->m_key = {tenantId, serviceId, syncType};
    lock->m_holder = std::move(me);
    lock->m_token = QUuid::createUuid().toString(QUuid::WithoutBraces);
    lock->m_staleTime = staleTime;
    lock->m_acquiredAt = QDateTime::currentDateTimeUtc();

    const db::SyncLockRecord row{lock->m_key,          lock->m_token,      lock->m_holder.host, lock->m_holder.pid,
                                 lock->m_holder.runId, lock->m_acquiredAt, lock->m_acquiredAt};
    db::SyncLockRepository locks(*lock->m_db);
    if (url.dialect == db::Dialect::SQLite) {
        // A read first: a live holder is named at once, without waiting for the write lock that a running sync
        // takes again and again (readers never wait in WAL mode).
        const QDateTime staleBefore = lock->m_acquiredAt.addMSecs(-staleTime.count());
        if (auto current = locks.findRow(lock->m_key); current && current.value() &&
                                                       current.value()->heartbeatAt.isValid() &&
                                                       current.value()->heartbeatAt >= staleBefore) {
            return heldError(lock->m_key, current.value(), url.dialect, staleTime);
        }
        auto take = locks.takeRow(row, staleBefore);
        if (!take) {
            return take.error();
        }
        if (!take->taken) {
            return heldError(lock->m_key, take->other, url.dialect, staleTime);
        }
        if (take->other) {
            qCWarning(lcSync) << "took over the stale" << syncType << "lock of service" << serviceId << "from"
                              << holderDetail(*take->other);
        }
    } else {
        auto locked = locks.tryAdvisoryLock(lock->m_key);
        if (!locked) {
            return locked.error();
        }
        if (!locked.value()) {
            auto holder = locks.findRow(lock->m_key);
            if (!holder) {
                qCWarning(lcSync) << "cannot read the holder of a sync lock:" << holder.error().detail;
            }
            return heldError(lock->m_key, holder ? holder.value() : std::nullopt, url.dialect, staleTime);
        }
        if (Status put = locks.putRow(row); !put) {
            if (Status released = locks.releaseAdvisoryLock(lock->m_key); !released) {
                qCWarning(lcSync) << "cannot release a sync lock:" << released.error().detail;
            }
            return put.error();
        }
    }
    lock->m_held = true;
    qCDebug(lcSync) << "holding the" << syncType << "lock of service" << serviceId << "for tenant" << tenantId;
    return lock;
}

RunLock::~RunLock()
{
    release();
}

Error RunLock::lostError(const QString &detail) const
{
    return Error::make(
        ErrorCode::LockHeld,
        Tr::tr("This %1 sync no longer holds its lock: another run may have started.").arg(m_key.syncType), detail,
        Tr::tr("The run stops here; the next run resumes from its last saved checkpoint."));
}

Status RunLock::attachRun(qint64 runId)
{
    m_holder.runId = runId;
    return heartbeat();
}

Status RunLock::heartbeat()
{
    if (!m_held || !m_db) {
        return lostError(QStringLiteral("released"));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    db::SyncLockRepository locks(*m_db);
    if (m_db->dialect() == db::Dialect::SQLite) {
        auto touched = locks.touchRow(m_key, m_token, now, m_holder.runId);
        if (!touched) {
            return touched.error();
        }
        if (touched.value()) {
            return {};
        }
        m_held = false;
        auto holder = locks.findRow(m_key);
        const QString detail = holder && holder.value() ? QStringLiteral("taken over; ") + holderDetail(*holder.value())
                                                        : QStringLiteral("lock row removed");
        qCWarning(lcSync) << "lost the" << m_key.syncType << "lock of service" << m_key.serviceId << ":" << detail;
        return lostError(detail);
    }
    auto holds = locks.holdsAdvisoryLock(m_key);
    if (!holds || !holds.value()) {
        m_held = false;
        const QString detail = holds ? QStringLiteral("the session lock is gone") : holds.error().detail;
        qCWarning(lcSync) << "lost the" << m_key.syncType << "lock of service" << m_key.serviceId << ":" << detail;
        return lostError(detail);
    }
    // The row only tells others who holds the lock: failing to refresh it does not lose the lock.
    const db::SyncLockRecord row{m_key, m_token, m_holder.host, m_holder.pid, m_holder.runId, m_acquiredAt, now};
    if (Status put = locks.putRow(row); !put) {
        qCWarning(lcSync) << "cannot record the heartbeat of a sync lock:" << put.error().detail;
    }
    return {};
}

void RunLock::release()
{
    if (m_db && m_held) {
        db::SyncLockRepository locks(*m_db);
        if (Status removed = locks.removeRow(m_key, m_token); !removed) {
            qCWarning(lcSync) << "cannot remove the row of a sync lock:" << removed.error().detail;
        }
        if (m_db->dialect() != db::Dialect::SQLite) {
            if (Status released = locks.releaseAdvisoryLock(m_key); !released) {
                qCWarning(lcSync) << "cannot release a sync lock:" << released.error().detail;
            }
        }
        qCDebug(lcSync) << "released the" << m_key.syncType << "lock of service" << m_key.serviceId;
    }
    m_held = false;
    m_db.reset();
}

Result<QList<db::SyncRunRecord>> RunLock::markInterruptedRuns(db::Database &db) const
{
    if (!m_held) {
        return lostError(QStringLiteral("released"));
    }
    return db::SyncRunRepository(db).markStaleRuns(m_key, m_acquiredAt);
}

} // namespace ic::sync
