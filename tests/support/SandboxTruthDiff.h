#pragma once

#include "db/SyncStore.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ic::sandbox {
class SandboxCorp;
struct CorpSpec;
} // namespace ic::sandbox

namespace ic::test {

/// How the truth of one entity changed from one corp to another (usually two revisions of the same seed): the
/// writes an incremental sync from the first to the second must make. Keys are SyncRow::key, sorted.
struct TruthChange {
    QStringList created;  ///< Keys only in the second corp.
    QStringList updated;  ///< Keys in both whose content hash differs.
    QStringList deleted;  ///< Keys only in the first corp.
    qint64 unchanged = 0; ///< Keys in both with the same content hash.

    qint64 createdCount() const { return created.size(); }
    qint64 updatedCount() const { return updated.size(); }
    qint64 deletedCount() const { return deleted.size(); }
    /// Rows written: created + updated + deleted.
    qint64 changedCount() const { return created.size() + updated.size() + deleted.size(); }
    bool isEmpty() const { return changedCount() == 0; }
};

/// The change of every entity in `entities` from `from` to `to` (truthRows() of each, compared by key and hash).
QMap<db::SyncEntity, TruthChange> diffTruth(const sandbox::SandboxCorp &from, const sandbox::SandboxCorp &to,
                                            const QList<db::SyncEntity> &entities = db::syncEntities());

/// diffTruth() between revision `fromRevision` and revision `toRevision` of the corp generated from `spec`.
QMap<db::SyncEntity, TruthChange> diffRevisions(const sandbox::CorpSpec &spec, int fromRevision, int toRevision,
                                                const QList<db::SyncEntity> &entities = db::syncEntities());

/// One line per entity, "department: 2 created, 1 updated, 0 deleted, 40 unchanged", for test failure messages.
QString describeTruthChanges(const QMap<db::SyncEntity, TruthChange> &changes);

} // namespace ic::test
