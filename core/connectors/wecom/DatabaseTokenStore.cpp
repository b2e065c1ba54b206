#include "DatabaseTokenStore.h"

#include "connectors/wecom/TokenSealer.h"
#include "db/AccessTokenCacheRepository.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSysInfo>

namespace ic::connectors::wecom {

namespace {

Q_LOGGING_CATEGORY(lcTokenStore, "ic.core.connectors.wecom", QtInfoMsg)

/// "host:pid", for the fetched_by column.
QString thisProcess()
{
    return QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid());
}

} // namespace

DatabaseTokenStore::DatabaseTokenStore(db::Database &db)
    : m_db(db)
{}

Result<std::optional<CachedToken>> DatabaseTokenStore::load(const TokenKey &key, const QString &secret)
{
    db::AccessTokenCacheRepository cache(m_db);
    auto row = cache.find(key.tenantId, key.apiBase, key.corpId, key.secretKind);
    if (!row) {
        return row.error();
    }
    if (!row->has_value()) {
        return std::optional<CachedToken>();
    }
    const db::AccessTokenCacheRecord &record = row->value();
    std::optional<QString> token = TokenSealer::open(key, secret, record.sealedToken, record.expiresAt);
    if (!token) {
        // Sealed with another secret (rotated since), or altered: useless to everyone who has the current secret.
        qCInfo(lcTokenStore) << "discarding a cached access token of corp" << key.corpId << key.secretKind
                             << "that does not open with the current secret";
        auto removed = cache.removeIfSealed(key.tenantId, key.apiBase, key.corpId, key.secretKind, record.sealedToken);
        if (!removed) {
            // Not fatal: the caller fetches a new token, and saving it replaces the row.
            qCWarning(lcTokenStore) << "cannot remove the discarded token:" << removed.error().detail;
        }
        return std::optional<CachedToken>();
    }
    return std::optional<CachedToken>(CachedToken{*token, record.expiresAt, record.fetchedAt, record.sealedToken});
}

Result<CachedToken> DatabaseTokenStore::save(const TokenKey &key, const QString &secret, const QString &token,
                                             const QDateTime &expiresAt)
{
    const QDateTime expiry = expiresAt.toUTC();
    auto sealed = TokenSealer::seal(key, secret, token, expiry);
    if (!sealed) {
        return sealed.error();
    }
    db::AccessTokenCacheRecord record;
    record.tenantId = key.tenantId;
    record.apiBase = key.apiBase;
    record.corpId = key.corpId;
    record.secretKind = key.secretKind;
    record.sealedToken = sealed.value();
    record.expiresAt = expiry;
    record.fetchedAt = QDateTime::currentDateTimeUtc();
    record.fetchedBy = thisProcess();
    if (Status stored = db::AccessTokenCacheRepository(m_db).store(record); !stored) {
        return stored.error();
    }
    return CachedToken{token, expiry, record.fetchedAt, record.sealedToken};
}

Result<bool> DatabaseTokenStore::invalidate(const TokenKey &key, const CachedToken &seen)
{
    if (seen.sealed.isEmpty()) {
        return false; // not a stored token: nothing stored can be it
    }
    return db::AccessTokenCacheRepository(m_db).removeIfSealed(key.tenantId, key.apiBase, key.corpId, key.secretKind,
                                                               seen.sealed);
}

} // namespace ic::connectors::wecom
