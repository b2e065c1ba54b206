#pragma once

#include "common/Result.h"
#include "connectors/wecom/TokenKey.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace ic::connectors::wecom {

/// Seals an access token for the shared cache (`access_token_cache`) so that only a holder of the secret the token
/// was fetched with can read it.
///
/// Format: "v1:" + base64url without padding of nonce (12 bytes) | ciphertext | tag (16 bytes), where
///  - the cipher is AES-256-GCM with a random 96-bit nonce per seal;
///  - the key is HKDF-SHA256 with ikm = the secret's UTF-8 bytes, salt = a fixed label naming this format's version,
///    info = apiBase + "\n" + corpId + "\n" + secretKind;
///  - the additional authenticated data binds the format version, tenant, API base, corp ID, secret kind and the
///    expiry time (milliseconds since the epoch), each length-prefixed so no two keys encode alike.
///
/// Why this is safe enough:
///  - The database alone does not reveal a token: the key derives from the secret, which lives only in the OS
///    keychain or the environment (DESIGN.md "Secrets"), never in the database. A dump, a backup or a read-only
///    database user sees ciphertext.
///  - Whoever has the secret can call gettoken and get a valid token anyway, so a secret holder who can open a row
///    learns nothing they could not get otherwise. The seal adds no new way to a token; it only keeps the database
///    from being one.
///  - Someone who can write the database cannot make a process use a token for another corp, kind, tenant or API
///    base (a row copied to another key does not open), nor extend its lifetime (a changed expires_at does not
///    open). Such rows read as absent, and the caller fetches a fresh token. Writing an older row of the same key
///    back only brings back a token that expires when it said it would.
///  - After a secret rotation the old rows do not open: they read as absent and are replaced.
///  - The secrets are WeCom's 43-character random strings, so a plain key derivation (no password stretching) is
///    enough; random 96-bit nonces stay far below GCM's collision bound at a few seals per key and day.
/// It does not protect a token from a process that holds both the database and the secret, nor from the memory of a
/// running process; nothing stored could.
///
/// Neither function throws or logs; errors and results never contain the token or the secret.
class TokenSealer {
public:
    /// Seals `token` for `key`, valid until `expiresAt`. Errors: ErrorCode::InvalidInput when the secret or the
    /// token is empty, the token is implausibly long (over 16 KiB), or the expiry is invalid; ErrorCode::Internal
    /// when libcrypto fails.
    static Result<QString> seal(const TokenKey &key, const QString &secret, const QString &token,
                                const QDateTime &expiresAt);

    /// The token sealed in `sealed`, or std::nullopt when it does not open with exactly this key, secret and
    /// expiry: another secret (after a rotation), another key, a changed expiry, any changed byte, a truncated or
    /// malformed text, or an unknown version.
    static std::optional<QString> open(const TokenKey &key, const QString &secret, const QString &sealed,
                                       const QDateTime &expiresAt);
};

} // namespace ic::connectors::wecom
