#include "sync/SyncWorker.h"

#include "common/Logging.h"
#include "db/Database.h"
#include "secrets/SecretStore.h"
#include "services/ServiceTypeRegistry.h"

#include <QMetaObject>
#include <QPointer>

namespace ic::sync {

namespace {

/// The sync itself, as a coroutine on the worker thread: parameters live in its frame.
QCoro::Task<void> runJob(SyncJobRequest request, std::shared_ptr<std::atomic_bool> cancel, QPointer<SyncWorker> worker,
                         QThread *thread)
{
    auto emitOnWorker = [worker](auto call) {
        // Queued to the worker's own thread (the caller's), never run here.
        if (worker) {
            QMetaObject::invokeMethod(worker.data(), std::move(call), Qt::QueuedConnection);
        }
    };
    Result<std::unique_ptr<db::Database>> opened = db::Database::open(request.databaseUrl, request.databasePassword);
    if (!opened) {
        const Error error = opened.error();
        emitOnWorker([worker, error]() {
            Q_EMIT worker->failed(error);
            Q_EMIT worker->finished();
        });
        thread->quit();
        co_return;
    }
    std::unique_ptr<db::Database> database = std::move(opened).value();
    std::unique_ptr<secrets::SecretStore> secrets = request.makeSecretStore ? request.makeSecretStore() : nullptr;
    if (!secrets) {
        const Error error = Error::make(ErrorCode::SecretBackendUnavailable, SyncRunner::tr("No secret store."));
        emitOnWorker([worker, error]() {
            Q_EMIT worker->failed(error);
            Q_EMIT worker->finished();
        });
        thread->quit();
        co_return;
    }
    SyncRunner runner(*database, request.databasePassword, *secrets, request.tenantId,
                      services::ServiceTypeRegistry::builtin());
    SyncObserver observer;
    observer.cancel = cancel;
    observer.progress = [emitOnWorker, worker](const SyncProgress &progress) {
        emitOnWorker([worker, progress]() { Q_EMIT worker->progressed(progress); });
    };
    Result<SyncReport> ran = co_await runner.run(request.serviceName, request.options, observer);
    if (ran) {
        const SyncReport report = ran.value();
        emitOnWorker([worker, report]() {
            Q_EMIT worker->succeeded(report);
            Q_EMIT worker->finished();
        });
    } else {
        const Error error = ran.error();
        emitOnWorker([worker, error]() {
            Q_EMIT worker->failed(error);
            Q_EMIT worker->finished();
        });
    }
    // The database and the store go with this frame, on this thread; then the thread's loop ends.
    thread->quit();
}

} // namespace

SyncWorker::SyncWorker(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<SyncProgress>();
    qRegisterMetaType<SyncReport>();
    qRegisterMetaType<Error>();
}

SyncWorker::~SyncWorker()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
    }
}

bool SyncWorker::start(SyncJobRequest request)
{
    if (isRunning()) {
        return false;
    }
    if (m_thread) {
        m_thread->wait();
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("sync"));
    QThread *thread = m_thread.get();
    QPointer<SyncWorker> self(this);
    auto cancel = m_cancel;
    // The coroutine starts in the thread's event loop; the context object lives in that thread and goes with it.
    auto *starter = new QObject;
    starter->moveToThread(thread);
    QObject::connect(thread, &QThread::started, starter,
                     [starter, request = std::move(request), cancel, self, thread]() mutable {
                         runJob(std::move(request), cancel, self, thread);
                         starter->deleteLater();
                     });
    thread->start();
    return true;
}

void SyncWorker::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

bool SyncWorker::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

} // namespace ic::sync
