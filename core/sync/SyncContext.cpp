#include "sync/SyncContext.h"

#include "common/Logging.h"
#include "common/ThreadPriority.h"
#include "db/Database.h"
#include "db/Repositories.h"

#include <QCoro/QCoroTimer>
#include <QJsonArray>

#include <condition_variable>
#include <deque>
#include <thread>

namespace ic::sync {

QString syncModeName(SyncMode mode)
{
    return mode == SyncMode::Full ? QStringLiteral("full") : QStringLiteral("incremental");
}

std::optional<SyncMode> parseSyncMode(const QString &name)
{
    if (name == u"incremental") {
        return SyncMode::Incremental;
    }
    if (name == u"full") {
        return SyncMode::Full;
    }
    return std::nullopt;
}

/// The run's writer: a thread with its own connection that commits the queued jobs in order.
struct SyncRunContext::Writer {
    std::thread thread;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Job> jobs;
    std::atomic<int> pending{0}; ///< Queued or being committed.
    bool stopping = false;
};

SyncRunContext::SyncRunContext()
{
    m_clock.start();
}

SyncRunContext::~SyncRunContext()
{
    if (m_writer) {
        // Not stopped by the runner (an early return): finish what is queued, then end the thread.
        {
            std::lock_guard lock(m_writer->mutex);
            m_writer->stopping = true;
        }
        m_writer->wake.notify_one();
        m_writer->thread.join();
    }
}

db::SyncStore &SyncRunContext::store()
{
    if (!m_store) {
        m_store = std::make_unique<db::SyncStore>(*db, tenantId, service != nullptr ? service->id : 0);
    }
    return *m_store;
}

void SyncRunContext::reportProgress(SyncProgress progress)
{
    progress.elapsedMs = elapsedMs();
    if (progressSink) {
        progressSink(progress);
    }
}

QJsonObject SyncRunContext::resumedCheckpoint(const QString &step) const
{
    return m_resumedCheckpoint.value(u"steps").toObject().value(step).toObject();
}

void SyncRunContext::setResumed(qint64 previousRunId, const QJsonObject &checkpoint)
{
    m_resumedCheckpoint = checkpoint;
    m_checkpoint = checkpoint;
    m_checkpoint.insert(QStringLiteral("resumed_from"), previousRunId);
}

void SyncRunContext::commit(const QString &step, QList<db::SyncWriteBatch> batches, const QJsonObject &stepCheckpoint,
                            const std::map<db::SyncEntity, db::SyncCounts> &batchCounts)
{
    if (options.dryRun) {
        std::lock_guard lock(m_mutex);
        for (const auto &[entity, counted] : batchCounts) {
            m_counts[entity] += counted;
        }
        return;
    }
    enqueue(Job{step, std::move(batches), stepCheckpoint, batchCounts, false});
}

void SyncRunContext::finishStep(const QString &step)
{
    if (options.dryRun) {
        return;
    }
    enqueue(Job{step, {}, {}, {}, true});
}

void SyncRunContext::enqueue(Job job)
{
    if (failure()) {
        return; // the run is failing: nothing more is written
    }
    if (!m_writer) {
        m_writer = std::make_unique<Writer>();
        Writer *writer = m_writer.get();
        const db::DatabaseUrl url = db->url();
        const QString password = databasePassword;
        const QString tenant = tenantId;
        const qint64 serviceRowId = service != nullptr ? service->id : 0;
        writer->thread = std::thread([this, writer, url, password, tenant, serviceRowId]() {
            setBackgroundPriority(); // behind the thread that waits on the network (ThreadPriority.h)
            Result<std::unique_ptr<db::Database>> opened = db::Database::open(url, password);
            std::unique_ptr<db::Database> database = opened ? std::move(opened).value() : nullptr;
            std::unique_ptr<db::SyncStore> store =
                database ? std::make_unique<db::SyncStore>(*database, tenant, serviceRowId) : nullptr;
            if (!opened) {
                fail(opened.error());
            }
            if (database) {
                database->tuneForBatchWrites(); // batch after batch: see Database::tuneForBatchWrites()
            }
            for (;;) {
                std::vector<Job> next;
                {
                    std::unique_lock lock(writer->mutex);
                    writer->wake.wait(lock, [writer] { return writer->stopping || !writer->jobs.empty(); });
                    if (writer->jobs.empty()) {
                        break; // stopping, and everything is done
                    }
                    // What queued up while the last transaction ran goes into one transaction.
                    while (!writer->jobs.empty() && next.size() < std::size_t(maxJobsPerTransaction)) {
                        next.push_back(std::move(writer->jobs.front()));
                        writer->jobs.pop_front();
                    }
                }
                if (database && !failure()) {
                    if (Status done = runJobs(*database, *store, next); !done) {
                        fail(done.error());
                    }
                }
                writer->pending.fetch_sub(int(next.size()));
            }
            if (database) {
                database->checkpoint();
            }
            // The connection closes on the thread that used it.
            store.reset();
            database.reset();
        });
    }
    m_writer->pending.fetch_add(1);
    {
        std::lock_guard lock(m_writer->mutex);
        m_writer->jobs.push_back(std::move(job));
    }
    m_writer->wake.notify_one();
}

Status SyncRunContext::runJobs(db::Database &database, db::SyncStore &store, const std::vector<Job> &jobs)
{
    QJsonObject checkpoint;
    std::map<db::SyncEntity, db::SyncCounts> counts;
    QList<db::SyncRunErrorRecord> errors;
    {
        std::lock_guard lock(m_mutex);
        checkpoint = m_checkpoint;
        counts = m_counts;
        errors = m_pendingErrors;
    }
    // The checkpoint and counts after the last job: each job's checkpoint replaces its step's, in order.
    std::map<db::SyncEntity, db::SyncCounts> jobCounts;
    for (const Job &job : jobs) {
        QJsonObject stepObjects = checkpoint.value(u"steps").toObject();
        if (job.finishesStep) {
            QJsonArray done = checkpoint.value(u"done").toArray();
            if (!done.contains(job.step)) {
                done.append(job.step);
            }
            checkpoint.insert(QStringLiteral("done"), done);
            stepObjects.remove(job.step); // the finished step's own position is no longer needed
        } else {
            stepObjects.insert(job.step, job.stepCheckpoint);
        }
        checkpoint.insert(QStringLiteral("steps"), stepObjects);
        for (const auto &[entity, counted] : job.counts) {
            jobCounts[entity] += counted;
        }
    }
    for (const auto &[entity, counted] : jobCounts) {
        counts[entity] += counted;
    }
    db::SyncCounts total;
    for (const auto &[entity, counted] : counts) {
        total += counted;
    }

    Status committed;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        std::map<db::SyncEntity, StepRow> added;
        committed = database.transaction([&]() -> Status {
            for (const Job &job : jobs) {
                for (const db::SyncWriteBatch &batch : job.batches) {
                    if (batch.isEmpty()) {
                        continue;
                    }
                    if (Status written = store.write(batch, runId); !written) {
                        return written;
                    }
                }
            }
            if (Status kept = storeBookkeeping(database, db::SyncRunStatus::Running, counts, errors, added); !kept) {
                return kept;
            }
            return db::SyncRunRepository(database).saveCheckpoint(tenantId, runId, checkpoint, total);
        });
        if (committed) {
            std::lock_guard lock(m_mutex);
            m_checkpoint = checkpoint;
            // Failures recorded meanwhile stay; the committed batch's counts join.
            for (const auto &[entity, counted] : jobCounts) {
                m_counts[entity] += counted;
            }
            m_stepNumbers.insert(added.begin(), added.end());
            m_pendingErrors.erase(m_pendingErrors.begin(), m_pendingErrors.begin() + errors.size());
            return {};
        }
        if (committed.error().code == ErrorCode::LockHeld || committed.error().code == ErrorCode::Cancelled) {
            return committed;
        }
        qCWarning(lcSync).noquote() << "a write transaction of run" << runId << "(" << jobs.size()
                                    << "batches) failed (attempt" << attempt
                                    << "of 3), rolled back:" << committed.error().message << committed.error().detail;
    }
    return committed;
}

QCoro::Task<void> SyncRunContext::writerRoom(int pending)
{
    while (m_writer && m_writer->pending.load() > pending && !failure()) {
        co_await QCoro::sleepFor(std::chrono::milliseconds(2));
    }
}

QCoro::Task<void> SyncRunContext::drain()
{
    co_await writerRoom(0);
}

QCoro::Task<void> SyncRunContext::stopWriter()
{
    co_await drain();
    if (m_writer) {
        {
            std::lock_guard lock(m_writer->mutex);
            m_writer->stopping = true;
        }
        m_writer->wake.notify_one();
        m_writer->thread.join();
        m_writer.reset();
    }
}

std::map<db::SyncEntity, db::SyncCounts> SyncRunContext::allCounts() const
{
    std::lock_guard lock(m_mutex);
    return m_counts;
}

QJsonObject SyncRunContext::checkpoint() const
{
    std::lock_guard lock(m_mutex);
    return m_checkpoint;
}

std::optional<Error> SyncRunContext::failure() const
{
    std::lock_guard lock(m_mutex);
    return m_failure;
}

db::SyncCounts SyncRunContext::totalCounts() const
{
    std::lock_guard lock(m_mutex);
    db::SyncCounts total;
    for (const auto &[entity, counted] : m_counts) {
        total += counted;
    }
    return total;
}

EntityPlan &SyncRunContext::plan(db::SyncEntity entity)
{
    return m_plans[entity];
}

void SyncRunContext::planCreate(db::SyncEntity entity, const QString &key)
{
    EntityPlan &entityPlan = m_plans[entity];
    ++entityPlan.create;
    if (options.collectPlanRows) {
        entityPlan.createKeys.append(key);
    }
}

void SyncRunContext::planUpdate(db::SyncEntity entity, const QString &key)
{
    EntityPlan &entityPlan = m_plans[entity];
    ++entityPlan.update;
    if (options.collectPlanRows) {
        entityPlan.updateKeys.append(key);
    }
}

void SyncRunContext::planDelete(db::SyncEntity entity, const QString &key)
{
    EntityPlan &entityPlan = m_plans[entity];
    ++entityPlan.remove;
    if (options.collectPlanRows) {
        entityPlan.deleteKeys.append(key);
    }
}

void SyncRunContext::itemError(db::SyncEntity entity, const QString &externalId, const Error &error)
{
    std::lock_guard lock(m_mutex);
    ++m_errorCount;
    ++m_counts[entity].failed;
    db::SyncRunErrorRecord record;
    record.tenantId = tenantId;
    record.runId = runId;
    record.entity = db::syncEntityName(entity);
    record.externalId = externalId;
    // WeCom's errors carry "errcode N: errmsg" in their detail.
    if (error.detail.startsWith(u"errcode ")) {
        record.errcode = error.detail.mid(8).section(u':', 0, 0).trimmed();
    }
    record.message = error.hint.isEmpty() ? error.message : error.message + u' ' + error.hint;
    record.occurredAt = QDateTime::currentDateTimeUtc();
    m_pendingErrors.append(record);
}

void SyncRunContext::warn(const QString &text)
{
    if (!m_warnings.contains(text)) {
        m_warnings.append(text);
    }
}

void SyncRunContext::fail(const Error &error)
{
    std::lock_guard lock(m_mutex);
    if (!m_failure) {
        m_failure = error;
    }
}

bool SyncRunContext::mayDelete(db::SyncEntity entity, qint64 candidates, qint64 live)
{
    if (candidates <= options.massDeleteMinimum || options.allowMassDelete || live <= 0) {
        return true;
    }
    const double share = double(candidates) / double(live);
    if (share <= options.massDeleteShare) {
        return true;
    }
    m_massDeleteBlocked = true;
    warn(tr("Not deleted: %1 of %2 %3 rows (%4%) are gone at the provider, more than the %5% a sync deletes "
            "without being told. Check the provider (visible range, permissions), then run again with "
            "--allow-mass-delete if the deletions are right.")
             .arg(candidates)
             .arg(live)
             .arg(db::syncEntityName(entity))
             .arg(qRound(share * 100))
             .arg(qRound(options.massDeleteShare * 100)));
    return false;
}

Status SyncRunContext::flushBookkeeping(db::SyncRunStatus stepStatus)
{
    if (options.dryRun && runId == 0) {
        return {};
    }
    // The writer has stopped (SyncRunner::run() stops it first): this thread owns the bookkeeping now.
    std::map<db::SyncEntity, StepRow> added;
    const std::map<db::SyncEntity, db::SyncCounts> counts = allCounts();
    QList<db::SyncRunErrorRecord> errors;
    {
        std::lock_guard lock(m_mutex);
        errors = m_pendingErrors;
    }
    const Status stored =
        db->transaction([&]() -> Status { return storeBookkeeping(*db, stepStatus, counts, errors, added); });
    if (stored) {
        std::lock_guard lock(m_mutex);
        m_stepNumbers.insert(added.begin(), added.end());
        m_pendingErrors.clear();
    }
    return stored;
}

Status SyncRunContext::storeBookkeeping(db::Database &database, db::SyncRunStatus stepStatus,
                                        const std::map<db::SyncEntity, db::SyncCounts> &counts,
                                        const QList<db::SyncRunErrorRecord> &errors,
                                        std::map<db::SyncEntity, StepRow> &addedSteps)
{
    db::SyncRunRepository runs(database);
    int next = int(m_stepNumbers.size()) + 1;
    // Steps in dependency order of the entities, so that step numbers follow the order of the work.
    for (db::SyncEntity entity : db::syncEntities()) {
        const auto counted = counts.find(entity);
        if (counted == counts.end()) {
            continue;
        }
        db::SyncRunStepRecord step;
        step.tenantId = tenantId;
        step.runId = runId;
        step.entity = db::syncEntityName(entity);
        step.status = stepStatus;
        step.counts = counted->second;
        if (db::isFinal(stepStatus)) {
            step.finishedAt = QDateTime::currentDateTimeUtc();
        }
        const auto known = m_stepNumbers.find(entity);
        if (known == m_stepNumbers.end()) {
            step.stepNo = next++;
            step.startedAt = QDateTime::currentDateTimeUtc();
            if (Result<qint64> id = runs.addStep(step); !id) {
                return id.error();
            }
            addedSteps.emplace(entity, StepRow{step.stepNo, step.startedAt});
        } else {
            step.stepNo = known->second.number;
            step.startedAt = known->second.startedAt;
            if (Status updated = runs.updateStep(step); !updated) {
                return updated;
            }
        }
    }
    if (!errors.isEmpty()) {
        return runs.appendErrors(errors);
    }
    return {};
}

} // namespace ic::sync
