#pragma once

#include "connectors/wecom/TokenKey.h"
#include "db/DatabaseUrl.h"

#include <QCoro/QCoroTask>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

class QLockFile;

namespace ic::connectors::wecom {

/// Lets one process at a time, machine-wide, call gettoken for one token: the processes that share a database (the
/// window and a cron run, say) then share the token one of them fetched instead of each fetching its own against
/// WeCom's hourly gettoken limit (wecom-api.md §2). The caller takes the lock, reads the database cache again, and
/// fetches only if the token is still missing or due.
///
/// The lock is an optimisation, never a requirement: acquire() gives up after its timeout, and when the lock folder
/// cannot be used at all it gives up at once; the caller then refreshes without it. It is a QLockFile named by a
/// SHA-256 of (database identity, tenant, API base, corp ID, secret kind) - nothing derived from the secret - in a
/// per-user folder (defaultDirectory()). Processes of other users, or on other machines, are not serialised.
///
/// A lock whose process is gone is taken over at once; one whose process lives but has held it longer than the
/// stale time (the gettoken timeout plus staleMargin) is taken over too, so a hung holder delays the others by at
/// most that long. (A holder whose lock was taken over removes the new holder's file when it finishes; the worst
/// outcome is one extra gettoken.)
class TokenRefreshLock {
public:
    /// Holds the lock until released or destroyed. Move-only.
    class Guard {
    public:
        Guard(Guard &&other) noexcept;
        Guard &operator=(Guard &&other) noexcept;
        Guard(const Guard &) = delete;
        Guard &operator=(const Guard &) = delete;
        ~Guard();

        bool isHeld() const { return m_file != nullptr; }
        /// Gives the lock up now (idempotent).
        void release();

    private:
        friend class TokenRefreshLock;
        explicit Guard(std::unique_ptr<QLockFile> file);
        std::unique_ptr<QLockFile> m_file;
    };

    /// How much longer than one gettoken call a lock may be held before others take it over.
    static constexpr std::chrono::milliseconds staleMargin{15000};

    /// The lock of `key`'s token in the database `databaseIdentity` (see db::DatabaseUrl::identity()). `httpTimeout` is
    /// the timeout of one gettoken call. `directory` holds the lock files; empty: defaultDirectory().
    TokenRefreshLock(const QString &databaseIdentity, const TokenKey &key,
                     std::chrono::milliseconds httpTimeout = std::chrono::seconds(30), const QString &directory = {});

    /// The lock file.
    QString filePath() const { return m_path; }
    /// httpTimeout + staleMargin.
    std::chrono::milliseconds staleLockTime() const { return m_staleLockTime; }

    /// Waits, without blocking the thread, until the lock is held or `timeout` has passed: tries at once, then again
    /// after back-offs growing from 20 to 200 ms. std::nullopt on timeout, or at once when the lock folder cannot be
    /// used (logged). The task does not depend on this object: it may be destroyed while the task waits.
    QCoro::Task<std::optional<Guard>> acquire(std::chrono::milliseconds timeout) const;
    /// One attempt, without waiting.
    std::optional<Guard> tryAcquire() const;

    /// The per-user folder of the lock files. On Unix (macOS included) /tmp/integration-console-<uid>: a fixed path
    /// rather than $TMPDIR or $XDG_RUNTIME_DIR, which a desktop session sets and a cron job often does not, while
    /// every process of the user must agree on it. Elsewhere the user's temporary folder (%TEMP% on Windows).
    static QString defaultDirectory();

private:
    enum class Attempt { Acquired, Busy, Unavailable };
    static Attempt attempt(const QString &path, std::chrono::milliseconds staleLockTime, std::optional<Guard> &guard);
    static bool prepareDirectory(const QString &directory);
    static QCoro::Task<std::optional<Guard>> waitFor(QString directory, QString path,
                                                     std::chrono::milliseconds staleLockTime,
                                                     std::chrono::milliseconds timeout);

    QString m_directory;
    QString m_path;
    std::chrono::milliseconds m_staleLockTime;
};

} // namespace ic::connectors::wecom
