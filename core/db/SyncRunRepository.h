#pragma once

#include "common/Result.h"
#include "db/Database.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QString>

#include <optional>

namespace ic::db {

/// The status of a sync run or of one of its steps (DESIGN.md "Data", the seeds' SyncLog statuses plus `cancelled`).
/// A run goes pending -> running -> success / partial / failed / cancelled. There is no separate "interrupted"
/// status: a run whose process died is ended `failed` with an error summary that starts with
/// interruptedSummaryPrefix (see SyncRunRepository::markStaleRuns() and SyncRunRecord::wasInterrupted()).
enum class SyncRunStatus { Pending, Running, Success, Partial, Failed, Cancelled };

/// "pending", "running", "success", "partial", "failed" or "cancelled": the text stored in the database.
QString syncRunStatusName(SyncRunStatus status);
/// The status stored as `name`; std::nullopt for anything else.
std::optional<SyncRunStatus> parseSyncRunStatus(const QString &name);
/// Whether `status` ends a run: success, partial, failed and cancelled.
bool isFinal(SyncRunStatus status);

/// The start of the error summary of a run that was found dead: "interrupted: no heartbeat since <UTC time> ...".
/// Stored untranslated, like the status, so that every program reading the database recognises it; the UI and the
/// command line show their own translated text for it.
inline constexpr QLatin1String interruptedSummaryPrefix{"interrupted: "};

/// Which sync a run or a lock is about: one run per key at a time.
struct SyncRunKey {
    QString tenantId;
    qint64 serviceId = 0;
    QString syncType; ///< department / user / customer / full

    friend bool operator==(const SyncRunKey &, const SyncRunKey &) = default;
};

/// The six counters of a run and of each step.
struct SyncCounts {
    qint64 fetched = 0;
    qint64 created = 0;
    qint64 updated = 0;
    qint64 deleted = 0;
    qint64 unchanged = 0;
    qint64 failed = 0;

    SyncCounts &operator+=(const SyncCounts &other);
    friend bool operator==(const SyncCounts &, const SyncCounts &) = default;
};

/// A row of `sync_runs`.
struct SyncRunRecord {
    qint64 id = 0; ///< Set by the database; ignored by create().
    QString tenantId;
    qint64 serviceId = 0;
    QString syncType;    ///< department / user / customer / full
    QString mode;        ///< incremental / full
    QString trigger;     ///< cli / gui / schedule (column trigger_source)
    bool dryRun = false; ///< A dry run never counts as the last success.
    SyncRunStatus status = SyncRunStatus::Pending;
    QDateTime startedAt;              ///< Set by start().
    QDateTime finishedAt;             ///< Set by finish() and markStaleRuns().
    QDateTime heartbeatAt;            ///< Set by start() and heartbeat().
    std::optional<qint64> durationMs; ///< finishedAt - startedAt, once finished after a start.
    SyncCounts counts;
    QString errorSummary;
    QJsonObject checkpoint; ///< Where a resumed run continues; empty: none (stored as NULL).
    QString host;           ///< The machine that runs it.
    std::optional<qint64> pid;
    QString appVersion;
    QString correlationId; ///< Ties the run to its call-log rows; empty: none.
    QDateTime createdAt;   ///< create(): the current time when invalid.
    QDateTime updatedAt;   ///< Set on every change.

    /// Whether the run was ended by markStaleRuns() because its process stopped sending heartbeats.
    bool wasInterrupted() const;

    friend bool operator==(const SyncRunRecord &, const SyncRunRecord &) = default;
};

/// A row of `sync_run_steps`: one entity of a run (a `full` run has one step per type, in dependency order).
struct SyncRunStepRecord {
    qint64 id = 0; ///< Set by the database; ignored by addStep() and updateStep().
    QString tenantId;
    qint64 runId = 0;
    int stepNo = 0; ///< 1, 2, ...; unique within the run.
    QString entity; ///< department / user / tag / customer ...
    SyncRunStatus status = SyncRunStatus::Pending;
    SyncCounts counts;
    QDateTime startedAt;
    QDateTime finishedAt;

    friend bool operator==(const SyncRunStepRecord &, const SyncRunStepRecord &) = default;
};

/// A row of `sync_run_errors`: one item that failed in a run. The message is stored as given: keeping secrets out of
/// it is the caller's job.
struct SyncRunErrorRecord {
    qint64 id = 0; ///< Set by the database; ignored by appendErrors().
    QString tenantId;
    qint64 runId = 0;
    QString entity;     ///< The step's entity the item belongs to; empty: the run as a whole.
    QString externalId; ///< The provider's id of the item; empty: none.
    QString errcode;    ///< The provider's error code as text ("60011"); empty: none.
    QString message;
    QDateTime occurredAt; ///< Column created_at; the current time when invalid.

    friend bool operator==(const SyncRunErrorRecord &, const SyncRunErrorRecord &) = default;
};

/// How a run ended, for finish().
struct SyncRunOutcome {
    SyncRunStatus status = SyncRunStatus::Success; ///< Must be final.
    SyncCounts counts;
    QString errorSummary;
    QDateTime finishedAt; ///< The current time when invalid.
};

/// Which runs list() returns. Unset members do not filter.
struct SyncRunFilter {
    std::optional<qint64> serviceId;
    QString syncType;
    std::optional<SyncRunStatus> status;
    QDateTime since;             ///< created_at >= since.
    QDateTime until;             ///< created_at < until.
    std::optional<qint64> runId; ///< Only this run.
    QString correlationId;       ///< Exact correlation id.
    QString textContains; ///< Substring of the error summary or the host (ASCII letters compare case-insensitively).
};

struct SyncRunPage {
    QList<SyncRunRecord> runs;  ///< Newest first (by id: the order in which the database recorded them).
    std::optional<qint64> next; ///< Set when more runs follow: pass it as `afterId` for the next page.
};

/// A run with its steps (by step number) and its first errors (in the order they were recorded).
struct SyncRunDetails {
    SyncRunRecord run;
    QList<SyncRunStepRecord> steps;
    QList<SyncRunErrorRecord> errors;
    qint64 errorCount = 0; ///< All errors of the run; `errors` holds at most the number asked for.
};

/// Typed access to `sync_runs`, `sync_run_steps` and `sync_run_errors`. Every call is scoped to one tenant.
///
/// The life of a run, driven by the sync engine while it holds the run's lock (ic::sync::RunLock):
/// create() (pending) -> start() (running) -> heartbeat() every RunLock::heartbeatInterval, saveCheckpoint() with
/// each committed batch, addStep() / updateStep(), appendErrors() -> finish(). The methods that change a running run
/// (heartbeat(), saveCheckpoint(), finish()) change it only while it is still running: when another process has
/// meanwhile ended it as interrupted (markStaleRuns()), they change nothing and return ErrorCode::LockHeld, and the
/// run must stop. All of them join a transaction the caller has open on the same Database, so a checkpoint can be
/// committed together with the batch it describes.
class SyncRunRepository {
public:
    /// The largest page list() returns.
    static constexpr int maxPageSize = 1000;
    /// The most errors find() returns by default.
    static constexpr int defaultErrorLimit = 1000;

    explicit SyncRunRepository(Database &db);

    /// Records a new run, status pending, and returns its id. The status, times (except createdAt), duration,
    /// counts and error summary of `run` are ignored. A run without tenant, service, sync type, mode (incremental /
    /// full) or trigger (cli / gui / schedule) is ErrorCode::InvalidInput and nothing is written.
    Result<qint64> create(const SyncRunRecord &run);

    /// pending -> running: sets started_at and heartbeat_at to `at` (the current time when invalid). NotFound when
    /// the tenant has no such run; Internal when it is not pending.
    Status start(const QString &tenantId, qint64 runId, const QDateTime &at = {});

    /// Sets heartbeat_at of a running run of this host and process. LockHeld when the run is no longer running or
    /// belongs to another host or process (it was ended as interrupted meanwhile); NotFound when there is no such run.
    Status heartbeat(const QString &tenantId, qint64 runId, const QString &host, qint64 pid, const QDateTime &at = {});

    /// Stores the checkpoint and the counts reached with it (and refreshes heartbeat_at) of a running run; an empty
    /// checkpoint clears it. Call it in the transaction that commits the work it describes. LockHeld / NotFound as
    /// heartbeat().
    Status saveCheckpoint(const QString &tenantId, qint64 runId, const QJsonObject &checkpoint,
                          const SyncCounts &counts);

    /// Ends a pending or running run: final status, counts, error summary, finished_at and, when it was started,
    /// duration_ms. The checkpoint stays, for a run that resumes this one. InvalidInput when the outcome's status is
    /// not final; LockHeld when the run has ended already (nothing is changed); NotFound when there is no such run.
    Status finish(const QString &tenantId, qint64 runId, const SyncRunOutcome &outcome);

    /// Adds a step and returns its id. InvalidInput without tenant, run, a step number >= 1 or an entity;
    /// AlreadyExists when the run has that step number; NotFound when there is no such run.
    Result<qint64> addStep(const SyncRunStepRecord &step);
    /// Sets status, counts and times of the step (tenant, run, step number). NotFound when there is no such step.
    Status updateStep(const SyncRunStepRecord &step);

    /// Appends the errors in one transaction through one prepared statement: all are written or none. InvalidInput
    /// when one has no tenant or run; NotFound when its run does not exist.
    Status appendErrors(const QList<SyncRunErrorRecord> &errors);

    /// One page of the tenant's runs matching `filter`, newest first, below `afterId` (from the newest when unset).
    /// Keyset paging on the id: the cost of a page does not grow with its position, and runs created meanwhile never
    /// shift later pages. `limit` is clamped to 1..maxPageSize.
    Result<SyncRunPage> list(const QString &tenantId, const SyncRunFilter &filter, const std::optional<qint64> &afterId,
                             int limit);

    /// The run with its steps and at most `errorLimit` of its errors; std::nullopt when the tenant has no such run.
    Result<std::optional<SyncRunDetails>> find(const QString &tenantId, qint64 runId,
                                               int errorLimit = defaultErrorLimit);

    /// The newest run of the key, whatever its status; std::nullopt when there was none.
    Result<std::optional<SyncRunRecord>> lastRun(const SyncRunKey &key);
    /// The newest run of the key that ended `success` and was not a dry run: the "last success", which a failed,
    /// partial, cancelled, interrupted or dry run never advances.
    Result<std::optional<SyncRunRecord>> lastSuccess(const SyncRunKey &key);
    /// The newest run of each sync type of the service, ordered by sync type (for a status overview).
    Result<QList<SyncRunRecord>> lastRunPerType(const QString &tenantId, qint64 serviceId);

    /// Ends as interrupted every run of the key that is still pending or running and whose last sign of life - its
    /// heartbeat, else its start, else its creation - is before `staleBefore`: status failed, finished_at = that last
    /// sign of life, error summary "interrupted: no heartbeat since <UTC time> (host <host>, pid <pid>)", and its
    /// running steps failed. Returns the runs it ended, as they are now. A run that sends a heartbeat meanwhile is
    /// left alone (each update checks the time again).
    ///
    /// Called by the next run of the key once it holds the lock and before it creates its own run. With
    /// `staleBefore` = now - the stale time it ends the runs whose process evidently died; with the time the lock was
    /// acquired it ends every earlier run at once (see ic::sync::RunLock::markInterruptedRuns()).
    Result<QList<SyncRunRecord>> markStaleRuns(const SyncRunKey &key, const QDateTime &staleBefore,
                                               const QDateTime &now = {});

private:
    /// NotFound when the run does not exist in the tenant, LockHeld naming its status otherwise.
    Error notRunning(const QString &tenantId, qint64 runId);

    Database &m_db;
};

} // namespace ic::db
