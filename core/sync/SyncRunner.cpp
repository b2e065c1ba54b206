#include "sync/SyncRunner.h"

#include "common/Logging.h"
#include "db/Database.h"
#include "db/Repositories.h"
#include "net/CallLogWriter.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"
#include "services/ServiceTypeRegistry.h"
#include "sync/RunLock.h"

#include <QCoro/QCoroTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSysInfo>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace ic::sync {

namespace {

QJsonObject countsJson(const db::SyncCounts &counts)
{
    return QJsonObject{{QStringLiteral("fetched"), counts.fetched},     {QStringLiteral("created"), counts.created},
                       {QStringLiteral("updated"), counts.updated},     {QStringLiteral("deleted"), counts.deleted},
                       {QStringLiteral("unchanged"), counts.unchanged}, {QStringLiteral("failed"), counts.failed}};
}

QJsonArray keysJson(const QStringList &keys)
{
    QJsonArray array;
    for (const QString &key : keys) {
        if (key.contains(db::syncKeySeparator)) {
            array.append(QJsonArray::fromStringList(key.split(db::syncKeySeparator)));
        } else {
            array.append(key);
        }
    }
    return array;
}

/// The newest run of the key that was not a dry run, if it may be resumed by a run with `options`.
std::optional<db::SyncRunRecord> resumable(db::Database &db, const db::SyncRunKey &key, const SyncOptions &options)
{
    if (!options.resume || options.dryRun) {
        return std::nullopt;
    }
    db::SyncRunFilter filter;
    filter.serviceId = key.serviceId;
    filter.syncType = key.syncType;
    Result<db::SyncRunPage> page = db::SyncRunRepository(db).list(key.tenantId, filter, std::nullopt, 20);
    if (!page) {
        qCWarning(lcSync).noquote() << "cannot look for a run to resume:" << page.error().detail;
        return std::nullopt;
    }
    for (const db::SyncRunRecord &run : page.value().runs) {
        if (run.dryRun) {
            continue;
        }
        const bool ended = run.status == db::SyncRunStatus::Failed || run.status == db::SyncRunStatus::Cancelled;
        const bool recent = run.finishedAt.isValid() && run.finishedAt.secsTo(QDateTime::currentDateTimeUtc()) < 86400;
        if (ended && recent && run.mode == syncModeName(options.mode) && !run.checkpoint.isEmpty()) {
            return run;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

QJsonObject SyncReport::toJson() const
{
    QJsonObject object{
        {QStringLiteral("run_id"), runId},           {QStringLiteral("service"), serviceName},
        {QStringLiteral("type"), syncType},          {QStringLiteral("mode"), syncModeName(mode)},
        {QStringLiteral("dry_run"), dryRun},         {QStringLiteral("status"), db::syncRunStatusName(status)},
        {QStringLiteral("duration_ms"), durationMs}, {QStringLiteral("counts"), countsJson(total)},
        {QStringLiteral("error_count"), errorCount}};
    QJsonObject entities;
    for (const auto &[entity, counted] : counts) {
        entities.insert(db::syncEntityName(entity), countsJson(counted));
    }
    object.insert(QStringLiteral("entities"), entities);
    if (dryRun) {
        object.insert(QStringLiteral("plan"), planJson().value(u"entities"));
    }
    if (!warnings.isEmpty()) {
        object.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    }
    if (massDeleteBlocked) {
        object.insert(QStringLiteral("mass_delete_blocked"), true);
    }
    if (!errorSummary.isEmpty()) {
        object.insert(QStringLiteral("error_summary"), errorSummary);
    }
    if (failure) {
        object.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), Error::codeName(failure->code)},
                                                           {QStringLiteral("message"), failure->message},
                                                           {QStringLiteral("hint"), failure->hint}});
    }
    if (resumedFrom) {
        object.insert(QStringLiteral("resumed_from"), *resumedFrom);
    }
    QJsonArray errors;
    for (const db::SyncRunErrorRecord &error : firstErrors) {
        errors.append(QJsonObject{{QStringLiteral("entity"), error.entity},
                                  {QStringLiteral("external_id"), error.externalId},
                                  {QStringLiteral("errcode"), error.errcode},
                                  {QStringLiteral("message"), error.message}});
    }
    if (!errors.isEmpty()) {
        object.insert(QStringLiteral("errors"), errors);
    }
    return object;
}

QJsonObject SyncReport::planJson() const
{
    QJsonObject entities;
    for (const auto &[entity, plan] : plans) {
        QJsonObject entry{{QStringLiteral("create"), plan.create},
                          {QStringLiteral("update"), plan.update},
                          {QStringLiteral("delete"), plan.remove}};
        if (!plan.createKeys.isEmpty() || !plan.updateKeys.isEmpty() || !plan.deleteKeys.isEmpty()) {
            entry.insert(QStringLiteral("rows"), QJsonObject{{QStringLiteral("create"), keysJson(plan.createKeys)},
                                                             {QStringLiteral("update"), keysJson(plan.updateKeys)},
                                                             {QStringLiteral("delete"), keysJson(plan.deleteKeys)}});
        }
        entities.insert(db::syncEntityName(entity), entry);
    }
    return QJsonObject{{QStringLiteral("run_id"), runId},   {QStringLiteral("service"), serviceName},
                       {QStringLiteral("type"), syncType},  {QStringLiteral("mode"), syncModeName(mode)},
                       {QStringLiteral("dry_run"), dryRun}, {QStringLiteral("entities"), entities}};
}

SyncRunner::SyncRunner(db::Database &db, QString databasePassword, secrets::SecretStore &secrets, QString tenantId,
                       const services::ServiceTypeRegistry &registry)
    : m_db(db)
    , m_databasePassword(std::move(databasePassword))
    , m_secrets(secrets)
    , m_tenantId(std::move(tenantId))
    , m_registry(registry)
{}

QCoro::Task<Result<SyncReport>> SyncRunner::run(QString serviceName, SyncOptions options, SyncObserver observer)
{
    services::ServiceConfigService services(m_db, m_secrets, m_tenantId, services::Actor::currentProcess(), m_registry);
    Result<db::ServiceConfigRecord> found = services.get(serviceName);
    if (!found) {
        co_return found.error();
    }
    const db::ServiceConfigRecord service = found.value();
    const services::ServiceType *type = m_registry.find(service.type);
    if (type == nullptr || !type->sync.isValid()) {
        co_return Error::make(ErrorCode::Configuration, tr("Services of type %1 cannot be synced.").arg(service.type));
    }
    const SyncProvider &provider = type->sync;
    if (!provider.types.contains(options.syncType)) {
        Error error = Error::invalid(QStringLiteral("type"),
                                     tr("Unknown sync type \"%1\" for %2.").arg(options.syncType, service.name),
                                     tr("Choose one of: %1.").arg(provider.types.join(QStringLiteral(", "))));
        co_return error;
    }
    if (!service.enabled) {
        co_return Error::make(ErrorCode::Configuration, tr("The service %1 is disabled.").arg(service.name), {},
                              tr("Enable it with: integration-console service enable %1").arg(service.name));
    }
    if (options.batchSize < 1 || options.batchSize > 100000) {
        co_return Error::invalid(QStringLiteral("batch-size"), tr("The batch size must be between 1 and 100000."));
    }
    if (options.massDeleteShare < 0 || options.massDeleteShare > 1) {
        co_return Error::invalid(QStringLiteral("mass-delete-share"),
                                 tr("The mass-deletion share must be between 0 and 1 (0.2 = 20%)."));
    }

    // 2. The locks: the run's own type first, so a holder is named for the type that was asked for.
    QStringList lockTypes{options.syncType};
    if (provider.lockTypesOf) {
        for (const QString &other : provider.lockTypesOf(options.syncType)) {
            if (!lockTypes.contains(other)) {
                lockTypes.append(other);
            }
        }
    }
    const std::chrono::milliseconds staleTime =
        options.lockStaleTime.count() > 0 ? options.lockStaleTime : RunLock::defaultStaleTime;
    std::vector<std::unique_ptr<RunLock>> locks;
    for (const QString &lockType : lockTypes) {
        Result<std::unique_ptr<RunLock>> lock = RunLock::acquire(m_db.url(), m_databasePassword, m_tenantId, service.id,
                                                                 lockType, RunHolder::thisProcess(), staleTime);
        if (!lock) {
            co_return lock.error();
        }
        locks.push_back(std::move(lock).value());
    }

    SyncReport report;
    report.serviceName = service.name;
    report.syncType = options.syncType;
    report.mode = options.mode;
    report.dryRun = options.dryRun;

    // 3. Runs of this key whose process died.
    Result<QList<db::SyncRunRecord>> interrupted = locks.front()->markInterruptedRuns(m_db);
    if (!interrupted) {
        co_return interrupted.error();
    }
    for (const db::SyncRunRecord &run : interrupted.value()) {
        report.interruptedRuns.append(run.id);
    }

    // 4. The secrets that are configured.
    auto context = std::make_unique<SyncRunContext>();
    for (const services::SecretFieldState &state : services.secretStates(service)) {
        if (!state.stored && !state.fromEnvironment) {
            continue;
        }
        Result<std::optional<QString>> value = co_await m_secrets.read(services.secretLocator(service, state.field));
        if (!value) {
            co_return value.error();
        }
        if (!value.value() || value.value()->isEmpty()) {
            co_return Error::make(
                ErrorCode::SecretNotFound,
                tr("The secret %1 of %2 is recorded but has no value.").arg(state.field, service.name), {},
                tr("Store it again with: integration-console service set-secret %1 %2").arg(service.name, state.field));
        }
        context->secrets.insert(state.field, *value.value());
    }

    // 5. Resume?
    const db::SyncRunKey key{m_tenantId, service.id, options.syncType};
    const std::optional<db::SyncRunRecord> previous = resumable(m_db, key, options);
    const std::optional<db::SyncRunRecord> lastSuccess = [&]() -> std::optional<db::SyncRunRecord> {
        Result<std::optional<db::SyncRunRecord>> last = db::SyncRunRepository(m_db).lastSuccess(key);
        return last ? last.value() : std::nullopt;
    }();

    // 6. The run.
    db::SyncRunRepository runs(m_db);
    db::SyncRunRecord record;
    record.tenantId = m_tenantId;
    record.serviceId = service.id;
    record.syncType = options.syncType;
    record.mode = syncModeName(options.mode);
    record.trigger = options.trigger;
    record.dryRun = options.dryRun;
    const RunHolder me = RunHolder::thisProcess();
    record.host = me.host;
    record.pid = me.pid;
    record.appVersion = QStringLiteral(IC_VERSION);
    record.correlationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Result<qint64> created = runs.create(record);
    if (!created) {
        co_return created.error();
    }
    const qint64 runId = created.value();
    report.runId = runId;
    for (const std::unique_ptr<RunLock> &lock : locks) {
        if (Status attached = lock->attachRun(runId); !attached) {
            co_return attached.error();
        }
    }
    if (Status started = runs.start(m_tenantId, runId); !started) {
        co_return started.error();
    }

    QNetworkAccessManager network;
    auto callLog = std::make_shared<net::CallLogWriter>(m_db.url(), m_databasePassword);
    SyncRunContext &ctx = *context;
    ctx.service = &service;
    ctx.network = &network;
    ctx.callLog = callLog;
    ctx.db = &m_db;
    ctx.databaseIdentity = m_db.url().identity();
    ctx.databasePassword = m_databasePassword;
    ctx.tenantId = m_tenantId;
    ctx.runId = runId;
    ctx.correlationId = record.correlationId;
    ctx.options = options;
    ctx.cancelFlag = observer.cancel ? observer.cancel : std::make_shared<std::atomic_bool>(false);
    ctx.progressSink = observer.progress;
    ctx.steps = provider.stepsOf(options.syncType);
    if (previous) {
        ctx.setResumed(previous->id, previous->checkpoint);
        report.resumedFrom = previous->id;
        const QJsonArray done = previous->checkpoint.value(u"done").toArray();
        QStringList remaining;
        for (const QString &step : std::as_const(ctx.steps)) {
            if (!done.contains(step)) {
                remaining.append(step);
            }
        }
        ctx.steps = remaining;
        qCInfo(lcSync).noquote() << "run" << runId << "resumes run" << previous->id << "at"
                                 << (remaining.isEmpty() ? QStringLiteral("the end") : remaining.constFirst());
        if (Status saved = runs.saveCheckpoint(m_tenantId, runId, ctx.checkpoint(), {}); !saved) {
            co_return saved.error();
        }
    }

    // Heartbeats of the run and its locks, between the run's transactions (the timer only fires while the run awaits
    // the network). A lost lock stops the run.
    QTimer heartbeat;
    // A shortened stale time (tests) needs heartbeats often enough that a live holder never looks stale.
    heartbeat.setInterval(std::min<std::chrono::milliseconds>(RunLock::heartbeatInterval, staleTime / 4));
    QObject::connect(&heartbeat, &QTimer::timeout, [&]() {
        for (const std::unique_ptr<RunLock> &lock : locks) {
            if (Status alive = lock->heartbeat(); !alive && alive.error().code == ErrorCode::LockHeld) {
                ctx.fail(alive.error());
                ctx.cancelFlag->store(true);
                return;
            }
        }
        if (Status alive = runs.heartbeat(m_tenantId, runId, me.host, me.pid); !alive) {
            if (alive.error().code == ErrorCode::LockHeld) {
                ctx.fail(alive.error());
                ctx.cancelFlag->store(true);
            }
        }
    });
    heartbeat.start();

    co_await provider.run(ctx);
    // Everything queued is committed (or the run failed) before the run is ended.
    co_await ctx.stopWriter();

    heartbeat.stop();
    if (!callLog->flush()) {
        qCWarning(lcSync) << "some call-log rows of run" << runId << "could not be written";
    }

    // The outcome.
    db::SyncRunStatus status = db::SyncRunStatus::Success;
    if (ctx.failure()) {
        status = ctx.failure()->code == ErrorCode::Cancelled ? db::SyncRunStatus::Cancelled : db::SyncRunStatus::Failed;
    } else if (ctx.cancelled()) {
        status = db::SyncRunStatus::Cancelled;
    }
    if (status == db::SyncRunStatus::Success && lastSuccess && !previous) {
        // Nothing fetched where the last successful run fetched rows: never a silent green.
        Result<std::optional<db::SyncRunDetails>> details = runs.find(m_tenantId, lastSuccess->id, 0);
        if (details && details.value()) {
            for (const db::SyncRunStepRecord &step : details.value()->steps) {
                const std::optional<db::SyncEntity> entity = db::parseSyncEntity(step.entity);
                if (!entity || step.counts.fetched == 0) {
                    continue;
                }
                const std::map<db::SyncEntity, db::SyncCounts> counted = ctx.allCounts();
                const auto now = counted.find(*entity);
                const qint64 fetched = now == counted.end() ? -1 : now->second.fetched;
                if (fetched == 0) {
                    ctx.warn(tr("Nothing fetched for %1, where run %2 fetched %3: check the app's visible range and "
                                "permissions at the provider.")
                                 .arg(step.entity)
                                 .arg(lastSuccess->id)
                                 .arg(step.counts.fetched));
                }
            }
        }
    }
    if (status == db::SyncRunStatus::Success && (ctx.errorCount() > 0 || !ctx.warnings().isEmpty())) {
        status = db::SyncRunStatus::Partial;
    }

    QStringList summary;
    if (ctx.failure()) {
        summary.append(ctx.failure()->message);
        report.failure = ctx.failure();
    } else if (status == db::SyncRunStatus::Cancelled) {
        summary.append(tr("Cancelled."));
        report.failure = Error::make(ErrorCode::Cancelled, tr("The sync was cancelled."));
    }
    if (ctx.errorCount() > 0) {
        summary.append(tr("%n item(s) failed.", nullptr, int(ctx.errorCount())));
    }
    summary.append(ctx.warnings());
    report.errorSummary = summary.join(u' ');

    if (Status kept = ctx.flushBookkeeping(status); !kept) {
        qCWarning(lcSync).noquote() << "cannot store the steps and errors of run" << runId << ":"
                                    << kept.error().message << kept.error().detail;
    }
    db::SyncRunOutcome outcome;
    outcome.status = status;
    outcome.counts = ctx.totalCounts();
    outcome.errorSummary = report.errorSummary;
    if (Status finished = runs.finish(m_tenantId, runId, outcome); !finished) {
        qCWarning(lcSync).noquote() << "cannot end run" << runId << ":" << finished.error().message;
        if (!report.failure) {
            report.failure = finished.error();
        }
        status = db::SyncRunStatus::Failed;
    }
    for (const std::unique_ptr<RunLock> &lock : locks) {
        lock->release();
    }

    report.status = status;
    report.total = ctx.totalCounts();
    const std::map<db::SyncEntity, db::SyncCounts> finalCounts = ctx.allCounts();
    for (db::SyncEntity entity : db::syncEntities()) {
        if (const auto counted = finalCounts.find(entity); counted != finalCounts.end()) {
            report.counts.append({entity, counted->second});
        }
        if (const auto plan = ctx.allPlans().find(entity); plan != ctx.allPlans().end()) {
            report.plans.append({entity, plan->second});
        }
    }
    report.warnings = ctx.warnings();
    report.massDeleteBlocked = ctx.massDeleteBlocked();
    report.errorCount = ctx.errorCount();
    report.durationMs = ctx.elapsedMs();
    if (report.errorCount > 0) {
        Result<std::optional<db::SyncRunDetails>> details = runs.find(m_tenantId, runId, 20);
        if (details && details.value()) {
            report.firstErrors = details.value()->errors;
        }
    }
    co_return report;
}

} // namespace ic::sync
