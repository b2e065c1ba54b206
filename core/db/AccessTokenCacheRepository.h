#pragma once

#include "common/Result.h"
#include "db/Database.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace ic::db {

/// A row of `access_token_cache`: one provider access token shared by the processes that use this database. The
/// token is only ever stored sealed (see ic::connectors::wecom::TokenSealer); this repository neither seals nor
/// opens it, and never sees it in clear.
struct AccessTokenCacheRecord {
    qint64 id = 0; ///< Set by the database; ignored by store().
    QString tenantId;
    QString apiBase;     ///< The service's base URL, at most maxApiBaseLength characters.
    QString corpId;      ///< Compared byte for byte on every dialect.
    QString secretKind;  ///< "app", "contacts" or "customer".
    QString sealedToken; ///< The sealed token; removeIfSealed() compares it byte for byte.
    QDateTime expiresAt; ///< Required; stored in UTC with milliseconds.
    QDateTime fetchedAt; ///< When gettoken answered; the current time when invalid.
    QString fetchedBy;   ///< "host:pid" of the process that fetched it, for diagnostics.

    friend bool operator==(const AccessTokenCacheRecord &, const AccessTokenCacheRecord &) = default;
};

/// Typed access to `access_token_cache`. A row is identified by (tenant, API base, corp ID, secret kind).
class AccessTokenCacheRepository {
public:
    /// The longest API base URL a row can hold (a Key column: it is part of the unique index).
    static constexpr int maxApiBaseLength = 128;

    explicit AccessTokenCacheRepository(Database &db);

    /// The row of that key, std::nullopt when there is none.
    Result<std::optional<AccessTokenCacheRecord>> find(const QString &tenantId, const QString &apiBase,
                                                       const QString &corpId, const QString &secretKind);

    /// Inserts the row or replaces the row of the same key (sealed token, expiry, fetch time and host), in one
    /// statement in the dialect's native upsert form, so concurrent writers never collide: the last one wins.
    /// A record without tenant, API base, corp ID, secret kind, sealed token or a valid expiry, or with an API
    /// base longer than maxApiBaseLength, is ErrorCode::InvalidInput and nothing is written.
    Status store(const AccessTokenCacheRecord &record);

    /// Compare-and-delete: removes the row of that key only if it still holds exactly `sealedToken`. Returns
    /// whether a row was removed. A process that saw a token fail thereby never removes a fresher token another
    /// process has stored meanwhile.
    Result<bool> removeIfSealed(const QString &tenantId, const QString &apiBase, const QString &corpId,
                                const QString &secretKind, const QString &sealedToken);

private:
    Database &m_db;
};

} // namespace ic::db
