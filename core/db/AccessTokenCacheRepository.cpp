#include "AccessTokenCacheRepository.h"

#include "db/SqlError.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace ic::db {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::db::AccessTokenCacheRepository)
};

Status validate(const AccessTokenCacheRecord &record)
{
    const std::pair<const char *, const QString *> required[] = {{"tenant_id", &record.tenantId},
                                                                 {"api_base", &record.apiBase},
                                                                 {"corp_id", &record.corpId},
                                                                 {"secret_kind", &record.secretKind},
                                                                 {"sealed_token", &record.sealedToken}};
    for (const auto &[column, value] : required) {
        if (value->isEmpty()) {
            return Error::invalid(
                QString::fromLatin1(column),
                Tr::tr("A cached access token needs a value for %1.").arg(QString::fromLatin1(column)));
        }
    }
    if (!record.expiresAt.isValid()) {
        return Error::invalid(QStringLiteral("expires_at"), Tr::tr("A cached access token needs an expiry time."));
    }
    if (record.apiBase.size() > AccessTokenCacheRepository::maxApiBaseLength) {
        return Error::invalid(QStringLiteral("api_base"),
                              Tr::tr("The API base URL %1 is longer than %2 characters, so its access tokens cannot "
                                     "be shared through the database.")
                                  .arg(record.apiBase)
                                  .arg(AccessTokenCacheRepository::maxApiBaseLength),
                              Tr::tr("Use a shorter base URL for the service."));
    }
    return {};
}

/// The upsert of one row, in the dialect's native form.
QString upsertStatement(Dialect dialect)
{
    const QString insert =
        QStringLiteral("INSERT INTO access_token_cache (tenant_id, api_base, corp_id, secret_kind, sealed_token, "
                       "expires_at, fetched_at, fetched_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ");
    switch (dialect) {
    case Dialect::SQLite:
    case Dialect::PostgreSQL:
        return insert + QStringLiteral("ON CONFLICT (tenant_id, api_base, corp_id, secret_kind) DO UPDATE SET "
                                       "sealed_token = excluded.sealed_token, expires_at = excluded.expires_at, "
                                       "fetched_at = excluded.fetched_at, fetched_by = excluded.fetched_by");
    case Dialect::MySQL:
        // VALUES() rather than MySQL 8's row alias: MariaDB knows only VALUES() (MySQL 8 deprecates but accepts it).
        return insert + QStringLiteral("ON DUPLICATE KEY UPDATE sealed_token = VALUES(sealed_token), "
                                       "expires_at = VALUES(expires_at), fetched_at = VALUES(fetched_at), "
                                       "fetched_by = VALUES(fetched_by)");
    }
    return {};
}

} // namespace

AccessTokenCacheRepository::AccessTokenCacheRepository(Database &db)
    : m_db(db)
{}

Result<std::optional<AccessTokenCacheRecord>> AccessTokenCacheRepository::find(const QString &tenantId,
                                                                               const QString &apiBase,
                                                                               const QString &corpId,
                                                                               const QString &secretKind)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT id, tenant_id, api_base, corp_id, secret_kind, sealed_token, ") +
                     m_db.selectTime(QStringLiteral("expires_at")) + QStringLiteral(", ") +
                     m_db.selectTime(QStringLiteral("fetched_at")) +
                     QStringLiteral(", fetched_by FROM access_token_cache "
                                    "WHERE tenant_id = ? AND api_base = ? AND corp_id = ? AND secret_kind = ?"),
                 {tenantId, apiBase, corpId, secretKind})) {
        return databaseError(Tr::tr("The cached access token cannot be read."), query.lastError());
    }
    if (!query.next()) {
        return std::optional<AccessTokenCacheRecord>();
    }
    AccessTokenCacheRecord record;
    record.id = query.value(0).toLongLong();
    record.tenantId = query.value(1).toString();
    record.apiBase = query.value(2).toString();
    record.corpId = query.value(3).toString();
    record.secretKind = query.value(4).toString();
    record.sealedToken = query.value(5).toString();
    record.expiresAt = m_db.fromDbTime(query.value(6));
    record.fetchedAt = m_db.fromDbTime(query.value(7));
    record.fetchedBy = query.value(8).toString();
    return std::optional<AccessTokenCacheRecord>(std::move(record));
}

Status AccessTokenCacheRepository::store(const AccessTokenCacheRecord &record)
{
    if (Status valid = validate(record); !valid) {
        return valid;
    }
    const QDateTime fetchedAt = record.fetchedAt.isValid() ? record.fetchedAt : QDateTime::currentDateTimeUtc();
    QSqlQuery query(m_db.handle());
    if (!execute(query, upsertStatement(m_db.dialect()),
                 {record.tenantId, record.apiBase, record.corpId, record.secretKind, record.sealedToken,
                  m_db.toDbTime(record.expiresAt), m_db.toDbTime(fetchedAt), record.fetchedBy})) {
        return databaseError(Tr::tr("The access token cannot be cached in the database."), query.lastError());
    }
    return {};
}

Result<bool> AccessTokenCacheRepository::removeIfSealed(const QString &tenantId, const QString &apiBase,
                                                        const QString &corpId, const QString &secretKind,
                                                        const QString &sealedToken)
{
    // sealed_token is a TEXT column, which MySQL compares with the table's collation: case-insensitively and
    // ignoring trailing spaces (even utf8mb4_bin pads). Compare the bytes there, as SQLite and PostgreSQL do.
    const QString sealedMatches = m_db.dialect() == Dialect::MySQL
                                      ? QStringLiteral("CAST(sealed_token AS BINARY) = CAST(? AS BINARY)")
                                      : QStringLiteral("sealed_token = ?");
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("DELETE FROM access_token_cache WHERE tenant_id = ? AND api_base = ? AND corp_id = ? "
                                "AND secret_kind = ? AND ") +
                     sealedMatches,
                 {tenantId, apiBase, corpId, secretKind, sealedToken})) {
        return databaseError(Tr::tr("The cached access token cannot be removed."), query.lastError());
    }
    return query.numRowsAffected() > 0;
}

} // namespace ic::db
