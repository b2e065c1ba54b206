#include "sync/SyncContext.h"

#include "common/Logging.h"
#include "db/Database.h"
#include "db/Repositories.h"

#include <QJsonArray>

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

SyncRunContext::SyncRunContext()
{
    m_clock.start();
}

SyncRunContext::~SyncRunContext() = default;

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
    m_resumedFrom = previousRunId;
    m_resumedCheckpoint = checkpoint;
    m_checkpoint = checkpoint;
    m_checkpoint.insert(QStringLiteral("resumed_from"), previousRunId);
}

Status SyncRunContext::commit(const QString &step, const std::function<Status()> &writes,
                              const QJsonObject &stepCheckpoint,
                              const std::map<db::SyncEntity, db::SyncCounts> &batchCounts)
{
    if (options.dryRun) {
        for (const auto &[entity, counted] : batchCounts) {
            m_counts[entity] += counted;
        }
        return {};
    }
    QJsonObject checkpoint = m_checkpoint;
    QJsonObject stepObjects = checkpoint.value(u"steps").toObject();
    stepObjects.insert(step, stepCheckpoint);
    checkpoint.insert(QStringLiteral("steps"), stepObjects);

    std::map<db::SyncEntity, db::SyncCounts> counts = m_counts;
    for (const auto &[entity, counted] : batchCounts) {
        counts[entity] += counted;
    }
    db::SyncCounts total;
    for (const auto &[entity, counted] : counts) {
        total += counted;
    }

    Status committed;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        std::map<db::SyncEntity, StepRow> added;
        committed = db->transaction([&]() -> Status {
            if (writes) {
                if (Status written = writes(); !written) {
                    return written;
                }
            }
            if (Status kept = storeBookkeeping(db::SyncRunStatus::Running, counts, added); !kept) {
                return kept;
            }
            return db::SyncRunRepository(*db).saveCheckpoint(tenantId, runId, checkpoint, total);
        });
        if (committed) {
            m_checkpoint = checkpoint;
            m_counts = std::move(counts);
            m_stepNumbers.insert(added.begin(), added.end());
            m_pendingErrors.clear();
            return {};
        }
        if (committed.error().code == ErrorCode::LockHeld || committed.error().code == ErrorCode::Cancelled) {
            return committed;
        }
        qCWarning(lcSync).noquote() << "a write batch of run" << runId << "failed (attempt" << attempt
                                    << "of 3), rolled back:" << committed.error().message << committed.error().detail;
    }
    return committed;
}

Status SyncRunContext::finishStep(const QString &step)
{
    if (options.dryRun) {
        return {};
    }
    QJsonObject checkpoint = m_checkpoint;
    QJsonArray done = checkpoint.value(u"done").toArray();
    if (!done.contains(step)) {
        done.append(step);
    }
    checkpoint.insert(QStringLiteral("done"), done);
    // The finished step's own position is no longer needed.
    QJsonObject stepObjects = checkpoint.value(u"steps").toObject();
    stepObjects.remove(step);
    checkpoint.insert(QStringLiteral("steps"), stepObjects);
    std::map<db::SyncEntity, StepRow> added;
    const Status saved = db->transaction([&]() -> Status {
        if (Status kept = storeBookkeeping(db::SyncRunStatus::Running, m_counts, added); !kept) {
            return kept;
        }
        return db::SyncRunRepository(*db).saveCheckpoint(tenantId, runId, checkpoint, totalCounts());
    });
    if (saved) {
        m_checkpoint = checkpoint;
        m_stepNumbers.insert(added.begin(), added.end());
        m_pendingErrors.clear();
    }
    return saved;
}

db::SyncCounts &SyncRunContext::counts(db::SyncEntity entity)
{
    return m_counts[entity];
}

db::SyncCounts SyncRunContext::totalCounts() const
{
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
    std::map<db::SyncEntity, StepRow> added;
    const Status stored = db->transaction([&]() -> Status { return storeBookkeeping(stepStatus, m_counts, added); });
    if (stored) {
        m_stepNumbers.insert(added.begin(), added.end());
        m_pendingErrors.clear();
    }
    return stored;
}

Status SyncRunContext::storeBookkeeping(db::SyncRunStatus stepStatus,
                                        const std::map<db::SyncEntity, db::SyncCounts> &counts,
                                        std::map<db::SyncEntity, StepRow> &addedSteps)
{
    db::SyncRunRepository runs(*db);
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
    if (!m_pendingErrors.isEmpty()) {
        return runs.appendErrors(m_pendingErrors);
    }
    return {};
}

} // namespace ic::sync
