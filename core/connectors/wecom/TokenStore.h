#pragma once

#include "common/Result.h"
#include "connectors/wecom/TokenKey.h"

#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

namespace ic::connectors::wecom {

/// An access token as a TokenStore keeps it.
struct CachedToken {
    /// The product rule (DESIGN.md "Calling third parties"): a token is used until this long before it expires.
    static constexpr std::chrono::minutes refreshMargin{30};

    QString token;       ///< The token in clear; never logged, never stored in clear.
    QDateTime expiresAt; ///< UTC, milliseconds.
    QDateTime fetchedAt; ///< When it was saved, UTC, milliseconds.
    /// The stored (sealed) form: it names exactly this stored token, so invalidate() can tell it from a fresher
    /// one saved since. Not secret, but of no use to log either.
    QString sealed;

    /// Whether the token may still be used at `now`: more than refreshMargin before its expiry.
    bool isFreshAt(const QDateTime &now) const
    {
        return expiresAt.isValid() && now.addSecs(std::chrono::seconds(refreshMargin).count()) < expiresAt;
    }

    friend bool operator==(const CachedToken &, const CachedToken &) = default;
};

/// Where the WeCom connector keeps access tokens between calls and shares them with other processes. The connector
/// owns the policy (in-process single flight, the refresh lock, the refresh margin); a store only keeps tokens, each
/// readable only with the secret it was fetched with.
///
/// Calls complete synchronously on the caller's thread. Errors never contain a token or a secret.
class TokenStore {
public:
    virtual ~TokenStore() = default;

    /// The token stored for `key`, whether fresh or not (see CachedToken::isFreshAt()); std::nullopt when there is
    /// none, or when the stored one does not open with `secret` (the secret was rotated, or the row was altered):
    /// such a row is removed, unless a fresher one replaced it meanwhile.
    virtual Result<std::optional<CachedToken>> load(const TokenKey &key, const QString &secret) = 0;

    /// Stores `token`, fetched with `secret`, valid until `expiresAt`, replacing whatever was stored for `key`, and
    /// returns it as load() would. ErrorCode::InvalidInput for an empty token or secret or an invalid expiry.
    virtual Result<CachedToken> save(const TokenKey &key, const QString &secret, const QString &token,
                                     const QDateTime &expiresAt) = 0;

    /// Compare-and-delete after WeCom rejected `seen` (40014 / 42001): removes the stored token only if it is still
    /// exactly `seen` (by its sealed form), so a fresher token another caller or process saved since stays. Returns
    /// whether a token was removed.
    virtual Result<bool> invalidate(const TokenKey &key, const CachedToken &seen) = 0;
};

} // namespace ic::connectors::wecom
