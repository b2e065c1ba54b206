#pragma once

#include "connectors/wecom/TokenStore.h"

namespace ic::db {
class Database;
}

namespace ic::connectors::wecom {

/// Tokens in the integration database (`access_token_cache`), sealed with TokenSealer, so every process that uses
/// the database shares them while the database never holds one in clear. `fetched_by` records "host:pid".
///
/// Uses `db` on the caller's thread, like every user of a Database; `db` must outlive the store.
class DatabaseTokenStore final : public TokenStore {
public:
    explicit DatabaseTokenStore(db::Database &db);

    Result<std::optional<CachedToken>> load(const TokenKey &key, const QString &secret) override;
    Result<CachedToken> save(const TokenKey &key, const QString &secret, const QString &token,
                             const QDateTime &expiresAt) override;
    Result<bool> invalidate(const TokenKey &key, const CachedToken &seen) override;

private:
    db::Database &m_db;
};

} // namespace ic::connectors::wecom
