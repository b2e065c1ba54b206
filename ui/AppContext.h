#pragma once

#include "common/Error.h"
#include "db/DatabaseUrl.h"

#include <QCoro/QCoroTask>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace ic::db {
class Database;
}
namespace ic::secrets {
class SecretStore;
}
namespace ic::sandbox {
class SandboxServer;
}
namespace ic::services {
class ServiceTypeRegistry;
}

namespace ic::ui {

/// What the window works with, shared by every page: the database (a connection of the GUI thread for short,
/// indexed, paged queries; syncs open their own on their thread), the tenant, the secret store, and the
/// notifications that keep the pages in step. Pages use core's public classes through it, never SQL.
///
/// Startup (connect()): opens the database of the options (default: the embedded SQLite database, upgraded on the
/// spot), checks whether the keychain can be used, and with `sandbox` starts a simulated WeCom corp in this
/// process and configures the service "sandbox" for it (its sandbox-only secrets stay in this process's memory), so
/// the whole console can be tried without credentials.
class AppContext : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString databaseUrl; ///< Empty: $IC_DB_URL, else the embedded SQLite database.
        QString tenant = QStringLiteral("default");
        bool sandbox = false;
        /// Builds a secret store (on whichever thread calls it). Default: the environment, then the OS keychain.
        std::function<std::unique_ptr<secrets::SecretStore>()> makeSecretStore;
    };

    explicit AppContext(Options options, QObject *parent = nullptr);
    ~AppContext() override;

    /// Opens (or reopens, after Settings changed the profile) the database; emits connectionChanged().
    QCoro::Task<void> connect();
    /// Switches to another database URL and connects to it.
    QCoro::Task<void> connectTo(QString databaseUrl);

    bool isConnected() const;
    /// Why the last connect() failed; std::nullopt when connected or not tried yet.
    const std::optional<Error> &connectionError() const { return m_connectionError; }
    /// The GUI thread's connection; nullptr when not connected.
    db::Database *database() const;
    const db::DatabaseUrl &databaseUrl() const { return m_url; }
    /// The password the database was opened with (server databases), for the connections of worker threads.
    QString databasePassword() const { return m_password; }
    QString tenant() const { return m_options.tenant; }

    /// The GUI thread's secret store.
    secrets::SecretStore &secrets() const;
    /// A factory for worker threads' stores (the same sources, in the same order).
    std::function<std::unique_ptr<secrets::SecretStore>()> secretStoreFactory() const;
    /// Whether the keychain can be used; when not, why and what to do (the environment variables).
    bool keychainAvailable() const { return !m_keychainError.has_value(); }
    const std::optional<Error> &keychainError() const { return m_keychainError; }

    const services::ServiceTypeRegistry &registry() const;
    /// The in-process sandbox with `sandbox`; nullptr otherwise.
    sandbox::SandboxServer *sandbox() const { return m_sandbox.get(); }

    /// Counts the syncs this window runs, for the status bar.
    void syncStarted();
    void syncEnded();
    int runningSyncs() const { return m_runningSyncs; }

Q_SIGNALS:
    void connectionChanged();
    /// A service was added, changed or removed.
    void servicesChanged();
    /// A sync run started or ended (from this window; runs from elsewhere show up when the pages refresh).
    void runsChanged();
    void runningSyncsChanged(int count);

public Q_SLOTS:
    void notifyServicesChanged() { Q_EMIT servicesChanged(); }
    void notifyRunsChanged() { Q_EMIT runsChanged(); }

private:
    QCoro::Task<std::optional<Error>> startSandbox();

    Options m_options;
    db::DatabaseUrl m_url;
    QString m_password;
    std::unique_ptr<db::Database> m_database;
    std::shared_ptr<secrets::SecretStore> m_sandboxSecrets; ///< Memory; read before the others.
    std::unique_ptr<secrets::SecretStore> m_secrets;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    std::optional<Error> m_connectionError;
    std::optional<Error> m_keychainError;
    int m_runningSyncs = 0;
};

} // namespace ic::ui
