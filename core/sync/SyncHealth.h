#pragma once

#include "common/Result.h"
#include "db/SyncRunRepository.h"

#include <QString>

#include <optional>

namespace ic::sync {

/// How a sync type of a service is doing, judged from its runs (for `sync-status` and the window's dashboard).
enum class SyncHealth {
    Ok,      ///< The newest real run succeeded.
    Warning, ///< Partial, succeeded with failed items, or fetched nothing where the previous success fetched rows.
    Failing, ///< Failed, cancelled or interrupted.
    Running, ///< A run is under way.
    Never,   ///< No run yet, or only dry runs.
};

/// "ok", "warning", "failing", "running", "never" (JSON, settings).
QString syncHealthName(SyncHealth health);
/// Translated.
QString syncHealthDisplayName(SyncHealth health);

/// The state of one sync type.
struct SyncTypeStatus {
    db::SyncRunRecord last;                       ///< The newest run, whatever it was.
    std::optional<db::SyncRunRecord> lastSuccess; ///< The newest real run that succeeded.
    SyncHealth health = SyncHealth::Never;
    QString reason; ///< Why the health is not "ok"; translated.
};

/// The health of a sync type whose newest run is `last`. Running while a run is under way; otherwise judged by the
/// newest finished run that was not a dry run: failing when it failed, was cancelled or interrupted; warning when it
/// was partial, or succeeded with failed items, or fetched nothing where the previous successful run of the same
/// mode fetched something; never when there are only dry runs. Reads at most 1000 older runs.
Result<SyncTypeStatus> assessSyncType(db::SyncRunRepository &runs, const db::SyncRunRecord &last);

/// Every sync type of a service that has runs, assessed, ordered by sync type.
Result<QList<SyncTypeStatus>> assessService(db::SyncRunRepository &runs, const QString &tenantId, qint64 serviceId);

} // namespace ic::sync
