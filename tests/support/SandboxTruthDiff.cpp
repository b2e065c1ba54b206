#include "SandboxTruthDiff.h"

#include <utility>

#include "SandboxTruth.h"
#include "sandbox/SandboxCorp.h"

namespace ic::test {

namespace {

TruthChange diffRows(const QList<db::SyncRow> &from, const QList<db::SyncRow> &to)
{
    // Both are sorted by key (truthRows()).
    TruthChange change;
    qsizetype f = 0;
    qsizetype t = 0;
    while (f < from.size() || t < to.size()) {
        if (t == to.size() || (f < from.size() && from.at(f).key < to.at(t).key)) {
            change.deleted.append(from.at(f++).key);
        } else if (f == from.size() || to.at(t).key < from.at(f).key) {
            change.created.append(to.at(t++).key);
        } else {
            if (from.at(f).hash == to.at(t).hash) {
                ++change.unchanged;
            } else {
                change.updated.append(to.at(t).key);
            }
            ++f;
            ++t;
        }
    }
    return change;
}

} // namespace

QMap<db::SyncEntity, TruthChange> diffTruth(const sandbox::SandboxCorp &from, const sandbox::SandboxCorp &to,
                                            const QList<db::SyncEntity> &entities)
{
    QMap<db::SyncEntity, TruthChange> changes;
    for (const db::SyncEntity entity : entities) {
        changes.insert(entity, diffRows(truthRows(from, entity), truthRows(to, entity)));
    }
    return changes;
}

QMap<db::SyncEntity, TruthChange> diffRevisions(const sandbox::CorpSpec &spec, int fromRevision, int toRevision,
                                                const QList<db::SyncEntity> &entities)
{
    const auto from = sandbox::SandboxCorp::generate(spec);
    from->advanceTo(fromRevision);
    const auto to = sandbox::SandboxCorp::generate(spec);
    to->advanceTo(toRevision);
    return diffTruth(*from, *to, entities);
}

QString describeTruthChanges(const QMap<db::SyncEntity, TruthChange> &changes)
{
    QStringList lines;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        lines.append(QStringLiteral("%1: %2 created, %3 updated, %4 deleted, %5 unchanged")
                         .arg(db::syncEntityName(it.key()))
                         .arg(it->createdCount())
                         .arg(it->updatedCount())
                         .arg(it->deletedCount())
                         .arg(it->unchanged));
    }
    return lines.join(u'\n');
}

} // namespace ic::test
