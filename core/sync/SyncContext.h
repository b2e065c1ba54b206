#pragma once

#include "common/Result.h"
#include "db/SyncRunRepository.h"
#include "db/SyncStore.h"

#include <QCoreApplication>
#include <QCoro/QCoroTask>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

class QNetworkAccessManager;

namespace ic::db {
class Database;
struct ServiceConfigRecord;
} // namespace ic::db
namespace ic::net {
class CallLogWriter;
}

namespace ic::sync {

/// incremental: write only what is new or changed (by content hash). full: rewrite every row whatever its hash; both
/// reconcile deletions when the snapshot was read whole.
enum class SyncMode { Incremental, Full };
QString syncModeName(SyncMode mode);
std::optional<SyncMode> parseSyncMode(const QString &name);

/// What the caller asks for.
struct SyncOptions {
    QString syncType; ///< One of the provider's types (WeCom: department, user, customer, full).
    SyncMode mode = SyncMode::Incremental;
    bool dryRun = false;                     ///< Fetch and compare, write nothing to the mirrored tables.
    QString trigger = QStringLiteral("cli"); ///< cli / gui / schedule
    bool allowMassDelete = false;            ///< Apply deletions even above massDeleteShare.
    double massDeleteShare = 0.2; ///< The largest share of an entity's live rows a run deletes without being told.
    /// Deletions of at most this many rows of an entity never trip the guard: in a small table (4 tag groups) one
    /// ordinary deletion is already a large share.
    int massDeleteMinimum = 10;
    int batchSize = 1000;         ///< Rows per write transaction.
    bool resume = true;           ///< Continue an interrupted, cancelled or failed run from its checkpoint.
    bool collectPlanRows = false; ///< Keep the key of every row created, updated and deleted (for --plan-out).
    /// Requests in flight at once; 0: the service's max_in_flight setting.
    int concurrency = 0;
    /// Attempts per page for failures that the HTTP client's own retries did not cure (the seeds' "up to 3").
    int pageAttempts = 3;
    /// SQLite only: how old a lock's heartbeat must be before another run takes the lock over (0:
    /// RunLock::defaultStaleTime). Every process using one database must use the same value; the run heartbeats at
    /// least four times per stale time. Shorter values are for tests that kill the binary (`--lock-stale-seconds`).
    std::chrono::milliseconds lockStaleTime{0};
};

/// The rows a run creates, updates and deletes in one entity (for a dry run: would).
struct EntityPlan {
    qint64 create = 0;
    qint64 update = 0;
    qint64 remove = 0;
    QStringList createKeys; ///< Natural keys (parts joined by db::syncKeySeparator), when SyncOptions::collectPlanRows.
    QStringList updateKeys;
    QStringList deleteKeys;
};

/// Where a run is, for progress displays.
struct SyncProgress {
    QString step;           ///< department / user / tag / customer
    QString entity;         ///< The entity being written or compared.
    qint64 pagesDone = 0;   ///< Requests answered so far in this step.
    qint64 unitsDone = 0;   ///< Units of work finished (customer: batches of followers; others: pages).
    qint64 unitsTotal = -1; ///< -1: unknown.
    qint64 rows = 0;        ///< Rows fetched in this step.
    double rowsPerSecond = 0;
    qint64 etaMs = -1;    ///< -1: unknown.
    qint64 elapsedMs = 0; ///< Since the run started.
};

/// The run as a sync provider sees it: what to do, where to write, and how to report. Created by SyncRunner for one
/// run, used on the run's thread only (its writer thread is internal).
///
/// Writes and checkpoints: commit() queues the provider's writes with the run's checkpoint for the run's writer, a
/// thread with its own database connection that commits them in order, each batch and its checkpoint in one
/// transaction, retried whole up to three times. Batches that queued up while the writer was busy share a
/// transaction (at most maxJobsPerTransaction, the checkpoint being the last one's): a writer that falls behind
/// commits less often instead of falling further behind. So the run keeps fetching while the database writes; the
/// provider waits for room (writerRoom()) so that memory stays bounded by a few batches, and for the end (drain())
/// before it relies on what was written. In a dry run nothing is written. Counts and the plan are kept here per entity
/// and stored with each checkpoint, so a killed run leaves counts that match what it committed.
class SyncRunContext {
    Q_DECLARE_TR_FUNCTIONS(ic::sync::SyncRunContext)

public:
    // ---- given by the runner ----
    const db::ServiceConfigRecord *service = nullptr;
    QMap<QString, QString> secrets; ///< Secret field key -> value; never logged.
    QNetworkAccessManager *network = nullptr;
    std::shared_ptr<net::CallLogWriter> callLog;
    db::Database *db = nullptr;
    QString databaseIdentity;
    QString databasePassword; ///< For the writer's own connection to db's URL; never logged.
    QString tenantId;
    qint64 runId = 0;
    QString correlationId;
    SyncOptions options;
    /// The steps this run performs, in order (a resumed run leaves out the steps its predecessor finished).
    QStringList steps;
    std::shared_ptr<std::atomic_bool> cancelFlag;

    SyncRunContext();
    ~SyncRunContext();
    SyncRunContext(const SyncRunContext &) = delete;
    SyncRunContext &operator=(const SyncRunContext &) = delete;

    db::SyncStore &store();

    // ---- progress and cancellation ----
    bool cancelled() const { return cancelFlag && cancelFlag->load(); }
    void reportProgress(SyncProgress progress);
    std::function<void(const SyncProgress &)> progressSink;
    qint64 elapsedMs() const { return m_clock.elapsed(); }

    // ---- steps and checkpoints ----
    /// The checkpoint a step left in the run this one resumes; empty when starting afresh.
    QJsonObject resumedCheckpoint(const QString &step) const;
    void setResumed(qint64 runId, const QJsonObject &checkpoint);
    /// Queues `batches` (may be empty) with the step's checkpoint `stepCheckpoint`, the counts so far plus
    /// `batchCounts` (the counts of what the batches write) and the pending run errors, to be committed in one
    /// transaction after everything queued before; a failure rolls back whole and is retried up to two more times,
    /// and if it persists the run fails (failure(); ErrorCode::LockHeld when another process ended the run
    /// meanwhile) and later commits are dropped. `batchCounts` join the counts only once committed. A dry run
    /// writes nothing and takes the counts at once.
    void commit(const QString &step, QList<db::SyncWriteBatch> batches, const QJsonObject &stepCheckpoint,
                const std::map<db::SyncEntity, db::SyncCounts> &batchCounts = {});
    /// Queues marking the step finished in the checkpoint (a resumed run skips it).
    void finishStep(const QString &step);
    /// Completes when at most `pending` commits wait (backpressure), or the writer failed. The default lets as many
    /// wait as one transaction takes: a writer that falls behind (100,000 contacts into SQLite) then commits 8
    /// batches at a time, which rewrites the indexes' pages 8 times less often (full sync 8.4 s -> 7.7 s), at the
    /// price of about 8,000 rows in memory (the memory benchmark's 100k-10k difference 27 -> 43 MiB, target 50).
    QCoro::Task<void> writerRoom(int pending = maxJobsPerTransaction);
    /// Completes when every queued commit is done (or the writer failed).
    QCoro::Task<void> drain();
    /// Drains and ends the writer thread (idempotent); the runner calls it before it ends the run.
    QCoro::Task<void> stopWriter();

    // ---- counts, plan, errors ----
    /// The counts committed so far (with the failures recorded), per entity.
    std::map<db::SyncEntity, db::SyncCounts> allCounts() const;
    db::SyncCounts totalCounts() const;
    EntityPlan &plan(db::SyncEntity entity);
    const std::map<db::SyncEntity, EntityPlan> &allPlans() const { return m_plans; }
    /// Records a row to create / update / delete in the plan (the counts come with commit()).
    void planCreate(db::SyncEntity entity, const QString &key);
    void planUpdate(db::SyncEntity entity, const QString &key);
    void planDelete(db::SyncEntity entity, const QString &key);
    /// One item (or page) that failed: counted as failed in `entity`, stored in sync_run_errors with the next commit.
    void itemError(db::SyncEntity entity, const QString &externalId, const Error &error);
    qint64 errorCount() const { return m_errorCount; }
    /// A condition the administrator must see; the run ends partial at best.
    void warn(const QString &text);
    const QStringList &warnings() const { return m_warnings; }
    /// Whether the mass-deletion guard held back deletions in this run (mayDelete() said no).
    bool massDeleteBlocked() const { return m_massDeleteBlocked; }
    /// A failure that stops the run: it ends failed (or cancelled for ErrorCode::Cancelled) with this error.
    void fail(const Error &error);
    std::optional<Error> failure() const;

    /// The mass-deletion guard: true when deleting `candidates` of the `live` rows of `entity` is allowed; otherwise
    /// it warns (naming the share and --allow-mass-delete) and the caller must not delete.
    bool mayDelete(db::SyncEntity entity, qint64 candidates, qint64 live);

    /// Stores pending errors and the step rows with `stepStatus` (outside a commit; at the end of the run).
    Status flushBookkeeping(db::SyncRunStatus stepStatus = db::SyncRunStatus::Running);
    /// The run's checkpoint as stored: {"steps": {step: {...}}, "done": [steps], "resumed_from": id}.
    QJsonObject checkpoint() const;

private:
    struct Writer;
    struct Job {
        QString step;
        QList<db::SyncWriteBatch> batches;
        QJsonObject stepCheckpoint;
        std::map<db::SyncEntity, db::SyncCounts> counts;
        bool finishesStep = false;
    };
    void enqueue(Job job);
    /// At most this many queued jobs share one transaction.
    static constexpr int maxJobsPerTransaction = 8;
    /// Runs jobs, in order, in one transaction on the writer's connection (writer thread), retried whole up to
    /// three times; the checkpoint stored with them is the last job's.
    Status runJobs(db::Database &database, db::SyncStore &store, const std::vector<Job> &jobs);

    /// Adds missing step rows, updates the others and appends the pending errors; the bookkeeping of what was
    /// stored is updated by the caller once the transaction committed.
    struct StepRow {
        int number = 0;
        QDateTime startedAt;
    };
    Status storeBookkeeping(db::Database &database, db::SyncRunStatus stepStatus,
                            const std::map<db::SyncEntity, db::SyncCounts> &counts,
                            const QList<db::SyncRunErrorRecord> &errors, std::map<db::SyncEntity, StepRow> &addedSteps);

    QElapsedTimer m_clock;
    std::unique_ptr<Writer> m_writer;
    /// Guards what the writer thread and the run's thread share: counts, errors, failure, checkpoint.
    mutable std::mutex m_mutex;
    std::unique_ptr<db::SyncStore> m_store;
    std::map<db::SyncEntity, db::SyncCounts> m_counts;
    std::map<db::SyncEntity, EntityPlan> m_plans;
    std::map<db::SyncEntity, StepRow> m_stepNumbers;
    QList<db::SyncRunErrorRecord> m_pendingErrors;
    qint64 m_errorCount = 0;
    QStringList m_warnings;
    bool m_massDeleteBlocked = false;
    std::optional<Error> m_failure;
    QJsonObject m_checkpoint;
    QJsonObject m_resumedCheckpoint;
};

/// A connector's sync: the types it offers, the steps of each, and the code that runs them.
struct SyncProvider {
    /// The sync types, e.g. {"department", "user", "customer", "full"}.
    QStringList types;
    /// The steps of a type in dependency order (WeCom full: department, user, tag, customer).
    std::function<QStringList(const QString &type)> stepsOf;
    /// The types whose runs must not overlap with a run of `type` (its own included): a full run excludes the
    /// department, user and customer runs it contains.
    std::function<QStringList(const QString &type)> lockTypesOf;
    /// Runs ctx.steps; reports through ctx; returns when done, cancelled or failed (ctx.fail()).
    std::function<QCoro::Task<void>(SyncRunContext &ctx)> run;

    bool isValid() const { return !types.isEmpty() && stepsOf && run; }
};

} // namespace ic::sync
