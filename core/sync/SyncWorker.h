#pragma once

#include "common/Error.h"
#include "db/DatabaseUrl.h"
#include "sync/SyncRunner.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace ic::secrets {
class SecretStore;
}

namespace ic::sync {

/// What a SyncWorker runs.
struct SyncJobRequest {
    db::DatabaseUrl databaseUrl;
    QString databasePassword; ///< For server databases; never logged.
    QString tenantId;
    QString serviceName;
    SyncOptions options;
    /// Builds the secret store on the worker thread (the keychain's jobs need that thread's event loop).
    std::function<std::unique_ptr<secrets::SecretStore>()> makeSecretStore;
};

/// Runs one sync at a time on a thread of its own, with its own database connection and network manager, so the
/// window never waits for the network or the database (DESIGN.md "Runtime model"). Progress and the result arrive
/// as queued signals in the thread that owns the worker.
///
/// The worker may be destroyed at any time: a running sync is cancelled (it stops at its next safe point and ends
/// `cancelled`) and the destructor waits for its thread.
class SyncWorker : public QObject {
    Q_OBJECT

public:
    explicit SyncWorker(QObject *parent = nullptr);
    ~SyncWorker() override;

    /// Starts `request`. False when a sync is running already.
    bool start(SyncJobRequest request);
    /// Asks the running sync to stop at its next safe point (from any thread). No effect when idle.
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    void progressed(const ic::sync::SyncProgress &progress);
    /// The run ended: its report (whatever its status).
    void succeeded(const ic::sync::SyncReport &report);
    /// The run could not start or be recorded (lock held, unknown service, database unreachable ...).
    void failed(const ic::Error &error);
    /// After succeeded() or failed().
    void finished();

private:
    std::unique_ptr<QThread> m_thread;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace ic::sync

Q_DECLARE_METATYPE(ic::sync::SyncProgress)
Q_DECLARE_METATYPE(ic::sync::SyncReport)
Q_DECLARE_METATYPE(ic::Error)
