#include "SyncLockRepository.h"

#include "db/SqlError.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlQuery>
#include <QtEndian>

namespace ic::db {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::db::SyncLockRepository)
};

QVariant nullableRunId(qint64 runId)
{
    return runId > 0 ? QVariant(runId) : QVariant(QMetaType::fromType<qint64>());
}

QByteArray keyHash(const QString &database, const SyncRunKey &key)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("integration-console/sync-run-lock/v1"));
    for (const QString &field : {database, key.tenantId, QString::number(key.serviceId), key.syncType}) {
        const QByteArray bytes = field.toUtf8();
        char length[4];
        qToBigEndian(quint32(bytes.size()), length);
        hash.addData(QByteArrayView(length, sizeof(length)));
        hash.addData(bytes);
    }
    return hash.result();
}

const QString keyCondition = QStringLiteral("tenant_id = ? AND service_id = ? AND sync_type = ?");

QVariantList keyValues(const SyncRunKey &key)
{
    return {key.tenantId, key.serviceId, key.syncType};
}

QString rowColumns(const Database &db)
{
    return QStringLiteral("tenant_id, service_id, sync_type, holder_token, host, pid, run_id, ") +
           db.selectTime(QStringLiteral("acquired_at")) + QStringLiteral(", ") +
           db.selectTime(QStringLiteral("heartbeat_at"));
}

SyncLockRecord readRow(const Database &db, const QSqlQuery &query)
{
    SyncLockRecord row;
    row.key.tenantId = query.value(0).toString();
    row.key.serviceId = query.value(1).toLongLong();
    row.key.syncType = query.value(2).toString();
    row.holderToken = query.value(3).toString();
    row.host = query.value(4).toString();
    row.pid = query.value(5).toLongLong();
    row.runId = query.value(6).toLongLong();
    row.acquiredAt = db.fromDbTime(query.value(7));
    row.heartbeatAt = db.fromDbTime(query.value(8));
    return row;
}

Status validate(const SyncLockRecord &row)
{
    if (row.key.tenantId.isEmpty() || row.key.serviceId <= 0 || row.key.syncType.isEmpty()) {
        return Error::invalid(QStringLiteral("sync_type"), Tr::tr("A sync lock needs a tenant, a service and a type."));
    }
    if (row.holderToken.isEmpty() || row.host.isEmpty()) {
        return Error::invalid(QStringLiteral("holder_token"), Tr::tr("A sync lock needs a holder."));
    }
    return {};
}

QVariantList rowValues(const Database &db, const SyncLockRecord &row)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return {row.key.tenantId,
            row.key.serviceId,
            row.key.syncType,
            row.holderToken,
            row.host,
            row.pid,
            nullableRunId(row.runId),
            db.toDbTime(row.acquiredAt.isValid() ? row.acquiredAt : now),
            db.toDbTime(row.heartbeatAt.isValid() ? row.heartbeatAt : now)};
}

const QString insertRow =
    QStringLiteral("INSERT INTO sync_locks (tenant_id, service_id, sync_type, holder_token, host, pid, run_id, "
                   "acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

Error notOnSqlite()
{
    return Error::make(ErrorCode::Internal, Tr::tr("SQLite databases have no session locks."));
}

} // namespace

SyncLockRepository::SyncLockRepository(Database &db)
    : m_db(db)
{}

qint64 SyncLockRepository::advisoryKey(const QString &database, const SyncRunKey &key)
{
    return qFromBigEndian<qint64>(keyHash(database, key).constData());
}

QString SyncLockRepository::namedLockName(const QString &database, const SyncRunKey &key)
{
    return QStringLiteral("ic_sync_") + QString::fromLatin1(keyHash(database, key).left(28).toHex());
}

Result<SyncLockTake> SyncLockRepository::takeRow(const SyncLockRecord &me, const QDateTime &staleBefore)
{
    if (Status valid = validate(me); !valid) {
        return valid.error();
    }
    SyncLockTake take;
    // Declared outside the transaction: a prepared statement can only be freed after a rollback.
    QSqlQuery read(m_db.handle());
    QSqlQuery write(m_db.handle());
    const Status done = m_db.transaction([&]() -> Status {
        if (!execute(read,
                     QStringLiteral("SELECT ") + rowColumns(m_db) + QStringLiteral(" FROM sync_locks WHERE ") +
                         keyCondition,
                     keyValues(me.key))) {
            return databaseError(Tr::tr("The sync lock cannot be read."), read.lastError());
        }
        if (!read.next()) {
            if (!execute(write, insertRow, rowValues(m_db, me))) {
                return databaseError(Tr::tr("The sync lock cannot be taken."), write.lastError());
            }
            take.taken = true;
            return {};
        }
        const SyncLockRecord holder = readRow(m_db, read);
        read.finish();
        if (holder.heartbeatAt.isValid() && holder.heartbeatAt >= staleBefore) {
            take.other = holder;
            return {};
        }
        // Taken over only from the holder just read, and only while its heartbeat is still that old.
        QVariantList values = rowValues(m_db, me).mid(3);
        values << me.key.tenantId << me.key.serviceId << me.key.syncType << holder.holderToken
               << m_db.toDbTime(staleBefore);
        if (!execute(write,
                     QStringLiteral("UPDATE sync_locks SET holder_token = ?, host = ?, pid = ?, run_id = ?, "
                                    "acquired_at = ?, heartbeat_at = ? WHERE ") +
                         keyCondition + QStringLiteral(" AND holder_token = ? AND heartbeat_at < ?"),
                     values)) {
            return databaseError(Tr::tr("The sync lock cannot be taken."), write.lastError());
        }
        take.taken = write.numRowsAffected() > 0;
        take.other = holder;
        return {};
    });
    if (!done) {
        return done.error();
    }
    return take;
}

Status SyncLockRepository::putRow(const SyncLockRecord &me)
{
    if (Status valid = validate(me); !valid) {
        return valid;
    }
    QString statement = insertRow;
    switch (m_db.dialect()) {
    case Dialect::SQLite:
    case Dialect::PostgreSQL:
        statement += QStringLiteral(" ON CONFLICT (tenant_id, service_id, sync_type) DO UPDATE SET "
                                    "holder_token = excluded.holder_token, host = excluded.host, pid = excluded.pid, "
                                    "run_id = excluded.run_id, acquired_at = excluded.acquired_at, "
                                    "heartbeat_at = excluded.heartbeat_at");
        break;
    case Dialect::MySQL:
        // VALUES() rather than MySQL 8's row alias: MariaDB knows only VALUES().
        statement += QStringLiteral(" ON DUPLICATE KEY UPDATE holder_token = VALUES(holder_token), "
                                    "host = VALUES(host), pid = VALUES(pid), run_id = VALUES(run_id), "
                                    "acquired_at = VALUES(acquired_at), heartbeat_at = VALUES(heartbeat_at)");
        break;
    }
    QSqlQuery query(m_db.handle());
    if (!execute(query, statement, rowValues(m_db, me))) {
        return databaseError(Tr::tr("The holder of the sync lock cannot be recorded."), query.lastError());
    }
    return {};
}

Result<bool> SyncLockRepository::touchRow(const SyncRunKey &key, const QString &holderToken,
                                          const QDateTime &heartbeatAt, qint64 runId)
{
    QVariantList values{m_db.toDbTime(heartbeatAt.isValid() ? heartbeatAt : QDateTime::currentDateTimeUtc()),
                        nullableRunId(runId)};
    values += keyValues(key);
    values << holderToken;
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("UPDATE sync_locks SET heartbeat_at = ?, run_id = ? WHERE ") + keyCondition +
                     QStringLiteral(" AND holder_token = ?"),
                 values)) {
        return databaseError(Tr::tr("The heartbeat of the sync lock cannot be recorded."), query.lastError());
    }
    return query.numRowsAffected() > 0;
}

Status SyncLockRepository::removeRow(const SyncRunKey &key, const QString &holderToken)
{
    QVariantList values = keyValues(key);
    values << holderToken;
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("DELETE FROM sync_locks WHERE ") + keyCondition +
                     QStringLiteral(" AND holder_token = ?"),
                 values)) {
        return databaseError(Tr::tr("The sync lock cannot be released."), query.lastError());
    }
    return {};
}

Result<std::optional<SyncLockRecord>> SyncLockRepository::findRow(const SyncRunKey &key)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT ") + rowColumns(m_db) + QStringLiteral(" FROM sync_locks WHERE ") +
                     keyCondition,
                 keyValues(key))) {
        return databaseError(Tr::tr("The sync lock cannot be read."), query.lastError());
    }
    if (!query.next()) {
        return std::optional<SyncLockRecord>();
    }
    return std::optional<SyncLockRecord>(readRow(m_db, query));
}

Result<bool> SyncLockRepository::tryAdvisoryLock(const SyncRunKey &key)
{
    QSqlQuery query(m_db.handle());
    bool ok = false;
    switch (m_db.dialect()) {
    case Dialect::SQLite:
        return notOnSqlite();
    case Dialect::PostgreSQL:
        ok = execute(query, QStringLiteral("SELECT pg_try_advisory_lock(CAST(? AS BIGINT))"),
                     {advisoryKey(m_db.url().database, key)});
        break;
    case Dialect::MySQL:
        // 0 seconds: never wait. NULL would mean an error (the connection was killed, say).
        ok = execute(query, QStringLiteral("SELECT GET_LOCK(?, 0)"), {namedLockName(m_db.url().database, key)});
        break;
    }
    if (!ok || !query.next() || query.value(0).isNull()) {
        return databaseError(Tr::tr("The sync lock cannot be taken."), query.lastError());
    }
    return query.value(0).toBool();
}

Result<bool> SyncLockRepository::holdsAdvisoryLock(const SyncRunKey &key)
{
    QSqlQuery query(m_db.handle());
    bool ok = false;
    switch (m_db.dialect()) {
    case Dialect::SQLite:
        return notOnSqlite();
    case Dialect::PostgreSQL: {
        // pg_locks shows a bigint key as its high half in classid and its low half in objid, with objsubid 1.
        const quint64 lockKey = quint64(advisoryKey(m_db.url().database, key));
        ok = execute(query,
                     QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                                    "AND pid = pg_backend_pid() AND database = (SELECT oid FROM pg_database WHERE "
                                    "datname = current_database()) AND classid::bigint = ? AND objid::bigint = ? "
                                    "AND objsubid = 1"),
                     {qint64(lockKey >> 32), qint64(lockKey & 0xffffffffU)});
        break;
    }
    case Dialect::MySQL:
        ok = execute(query, QStringLiteral("SELECT IS_USED_LOCK(?) = CONNECTION_ID()"),
                     {namedLockName(m_db.url().database, key)});
        break;
    }
    if (!ok || !query.next()) {
        return databaseError(Tr::tr("The sync lock cannot be checked."), query.lastError());
    }
    // MySQL: NULL when nobody holds it.
    return !query.value(0).isNull() && query.value(0).toLongLong() > 0;
}

Status SyncLockRepository::releaseAdvisoryLock(const SyncRunKey &key)
{
    QSqlQuery query(m_db.handle());
    bool ok = false;
    switch (m_db.dialect()) {
    case Dialect::SQLite:
        return notOnSqlite();
    case Dialect::PostgreSQL:
        ok = execute(query, QStringLiteral("SELECT pg_advisory_unlock(CAST(? AS BIGINT))"),
                     {advisoryKey(m_db.url().database, key)});
        break;
    case Dialect::MySQL:
        ok = execute(query, QStringLiteral("SELECT RELEASE_LOCK(?)"), {namedLockName(m_db.url().database, key)});
        break;
    }
    if (!ok) {
        return databaseError(Tr::tr("The sync lock cannot be released."), query.lastError());
    }
    return {};
}

} // namespace ic::db
