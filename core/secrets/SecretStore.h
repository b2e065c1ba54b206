#pragma once

#include "common/Result.h"

#include <QCoro/QCoroTask>
#include <QString>

#include <memory>
#include <optional>

namespace ic::secrets {

/// Where one secret lives. The database stores only `key` (the reference); the value is in a store.
struct SecretLocator {
    /// Stable key in the keychain, e.g. "service/<uid>/corp_secret" or "database/postgresql://u@h:5432/db".
    QString key;
    /// The environment variable that may provide the value on a headless server, e.g.
    /// "IC_SECRET_WECOM_MAIN_CORP_SECRET" (see environmentVariableName()).
    QString environmentVariable;
    /// For messages: "corp_secret of service wecom-main". Never the value.
    QString description;
};

/// The environment variable that provides a secret on a headless server: `IC_SECRET_<SERVICE>_<FIELD>`, with
/// the service name and the field key upper-cased and every character other than A-Z and 0-9 replaced by '_'
/// (one '_' per character, including non-ASCII characters such as Chinese, which environment variable names
/// cannot portably hold). Examples:
///   "wecom-main", "corp_secret" -> "IC_SECRET_WECOM_MAIN_CORP_SECRET"
///   "企业微信", "token" -> "IC_SECRET______TOKEN"
/// Different names can map to the same variable ("wecom-main" and "wecom.main"); service names that differ only
/// in punctuation or non-ASCII characters share one variable.
QString environmentVariableName(const QString &service, const QString &field);

/// A place secrets can be read from and (for writable stores) written to.
///
/// Contract: values never reach logs or error messages; errors name the secret by its description (its key when
/// the description is empty). Every call completes asynchronously or immediately, never by blocking the calling
/// thread or by running a nested event loop.
class SecretStore {
public:
    virtual ~SecretStore() = default;

    /// Short, translated name for messages and status displays ("OS keychain", "environment").
    virtual QString displayName() const = 0;
    /// Whether write() and remove() are supported.
    virtual bool isWritable() const = 0;

    /// The value, std::nullopt if this store has none for it (not an error), or an error when the store
    /// cannot be used (ErrorCode::SecretBackendUnavailable, ErrorCode::SecretStore).
    virtual QCoro::Task<Result<std::optional<QString>>> read(SecretLocator locator) = 0;
    /// Stores the value, replacing any previous one. Read-only stores return ErrorCode::SecretStore.
    virtual QCoro::Task<Status> write(SecretLocator locator, QString value) = 0;
    /// Removes the value; removing a value that does not exist succeeds.
    virtual QCoro::Task<Status> remove(SecretLocator locator) = 0;
};

/// The process environment as a read-only store: read() returns the value of `locator.environmentVariable`
/// (IC_SECRET_* variables), std::nullopt when it is unset or empty. The environment is read at call time, so
/// tests and service managers can change it. write() and remove() fail with ErrorCode::SecretStore: the value is
/// set by whoever starts the program.
std::unique_ptr<SecretStore> makeEnvironmentSecretStore();

/// The OS keychain through QtKeychain (Windows Credential Manager, macOS Keychain, Secret Service on Linux),
/// with the insecure plain-text fallback disabled. `serviceName` groups the entries ("Integration Console");
/// `locator.key` is the entry's key. A missing entry reads as std::nullopt, and removing it succeeds.
/// When no keychain backend is available (on Linux: no D-Bus session bus, or no Secret Service on it), calls fail
/// with ErrorCode::SecretBackendUnavailable, the backend's text as `detail` and a hint that names
/// `locator.environmentVariable` as the alternative. A keychain that denies access (locked, or the user refused)
/// gives ErrorCode::SecretStore with a hint to unlock it. Calls in flight do not depend on the store object.
std::unique_ptr<SecretStore> makeKeychainSecretStore(const QString &serviceName);

/// A process-local store for unit tests. Not persistent; writable.
std::unique_ptr<SecretStore> makeMemorySecretStore();

/// The product's resolution order, in one place:
///   1. the environment (`IC_SECRET_*`), so a headless server or a service manager can provide or override
///      a value without a keychain;
///   2. `persistent` (the OS keychain in the product, an in-memory store in unit tests).
/// read() returns the first value found. An environment value wins even when the keychain is unavailable (the
/// keychain is then not asked at all); without an environment value, the persistent store's answer is returned,
/// including its errors (ErrorCode::SecretBackendUnavailable on a server without a keychain).
/// write() and remove() go to `persistent` only, so a value set in the environment keeps overriding a stored
/// one. `persistent` must not be null.
std::unique_ptr<SecretStore> makeDefaultSecretStore(std::unique_ptr<SecretStore> persistent);

} // namespace ic::secrets
