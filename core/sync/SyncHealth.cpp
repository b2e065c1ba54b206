#include "sync/SyncHealth.h"

#include <QCoreApplication>

#include <functional>

namespace ic::sync {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::sync::SyncHealth)
};

/// How many older runs are read at most to find the run that decides a type's health.
constexpr int kHealthScanLimit = 1000;

/// The newest run of `filter` older than `beforeId` that `match` accepts, reading at most kHealthScanLimit runs.
Result<std::optional<db::SyncRunRecord>> findOlder(db::SyncRunRepository &runs, const QString &tenant,
                                                   const db::SyncRunFilter &filter, qint64 beforeId,
                                                   const std::function<bool(const db::SyncRunRecord &)> &match)
{
    std::optional<qint64> after = beforeId;
    int read = 0;
    while (after && read < kHealthScanLimit) {
        auto page = runs.list(tenant, filter, after, 100);
        if (!page) {
            return page.error();
        }
        for (const auto &run : page->runs) {
            if (match(run)) {
                return std::optional<db::SyncRunRecord>(run);
            }
        }
        read += int(page->runs.size());
        after = page->next;
    }
    return std::optional<db::SyncRunRecord>();
}

} // namespace

QString syncHealthName(SyncHealth health)
{
    switch (health) {
    case SyncHealth::Ok:
        return QStringLiteral("ok");
    case SyncHealth::Warning:
        return QStringLiteral("warning");
    case SyncHealth::Failing:
        return QStringLiteral("failing");
    case SyncHealth::Running:
        return QStringLiteral("running");
    case SyncHealth::Never:
        return QStringLiteral("never");
    }
    return QString();
}

QString syncHealthDisplayName(SyncHealth health)
{
    switch (health) {
    case SyncHealth::Ok:
        return Tr::tr("ok");
    case SyncHealth::Warning:
        return Tr::tr("warning");
    case SyncHealth::Failing:
        return Tr::tr("failing");
    case SyncHealth::Running:
        return Tr::tr("running");
    case SyncHealth::Never:
        return Tr::tr("never");
    }
    return QString();
}

/// The health of a sync type whose newest run is `last`. Running while a run is under way; otherwise judged by
/// the newest finished run that was not a dry run: failing when it failed, was cancelled or interrupted; warning
/// when it was partial, or succeeded with failed items, or fetched nothing where the previous successful run of
/// the same mode fetched something; never when there are only dry runs.
Result<SyncTypeStatus> assessSyncType(db::SyncRunRepository &runs, const db::SyncRunRecord &last)
{
    SyncTypeStatus status;
    status.last = last;
    const db::SyncRunKey key{last.tenantId, last.serviceId, last.syncType};
    auto success = runs.lastSuccess(key);
    if (!success) {
        return success.error();
    }
    status.lastSuccess = success.value();
    if (!db::isFinal(last.status)) {
        status.health = SyncHealth::Running;
        return status;
    }
    db::SyncRunFilter sameType;
    sameType.serviceId = last.serviceId;
    sameType.syncType = last.syncType;
    std::optional<db::SyncRunRecord> decisive;
    if (!last.dryRun) {
        decisive = last;
    } else {
        auto found = findOlder(runs, last.tenantId, sameType, last.id,
                               [](const db::SyncRunRecord &run) { return !run.dryRun && db::isFinal(run.status); });
        if (!found) {
            return found.error();
        }
        decisive = found.value();
    }
    if (!decisive) {
        status.health = SyncHealth::Never;
        status.reason = Tr::tr("only dry runs so far");
        return status;
    }
    switch (decisive->status) {
    case db::SyncRunStatus::Failed:
        status.health = SyncHealth::Failing;
        status.reason =
            decisive->wasInterrupted() ? Tr::tr("the last run was interrupted") : Tr::tr("the last run failed");
        return status;
    case db::SyncRunStatus::Cancelled:
        status.health = SyncHealth::Failing;
        status.reason = Tr::tr("the last run was cancelled");
        return status;
    case db::SyncRunStatus::Partial:
        status.health = SyncHealth::Warning;
        status.reason = Tr::tr("the last run was partial (%1 failed)").arg(decisive->counts.failed);
        return status;
    default:
        break;
    }
    if (decisive->counts.failed > 0) {
        status.health = SyncHealth::Warning;
        status.reason = Tr::tr("the last run succeeded with %1 failed").arg(decisive->counts.failed);
        return status;
    }
    if (decisive->counts.fetched == 0) {
        db::SyncRunFilter successes = sameType;
        successes.status = db::SyncRunStatus::Success;
        const QString mode = decisive->mode;
        auto previous = findOlder(runs, last.tenantId, successes, decisive->id,
                                  [&mode](const db::SyncRunRecord &run) { return !run.dryRun && run.mode == mode; });
        if (!previous) {
            return previous.error();
        }
        if (previous.value() && previous.value()->counts.fetched > 0) {
            status.health = SyncHealth::Warning;
            status.reason =
                Tr::tr("fetched nothing; the previous successful run fetched %1").arg(previous.value()->counts.fetched);
            return status;
        }
    }
    status.health = SyncHealth::Ok;
    return status;
}

Result<QList<SyncTypeStatus>> assessService(db::SyncRunRepository &runs, const QString &tenantId, qint64 serviceId)
{
    Result<QList<db::SyncRunRecord>> lasts = runs.lastRunPerType(tenantId, serviceId);
    if (!lasts) {
        return lasts.error();
    }
    QList<SyncTypeStatus> statuses;
    for (const db::SyncRunRecord &last : lasts.value()) {
        Result<SyncTypeStatus> assessed = assessSyncType(runs, last);
        if (!assessed) {
            return assessed.error();
        }
        statuses.append(assessed.value());
    }
    return statuses;
}

} // namespace ic::sync
