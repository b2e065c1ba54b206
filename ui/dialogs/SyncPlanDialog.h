#pragma once

#include "sync/SyncRunner.h"

#include <QDialog>

class QTreeWidget;

namespace ic::ui {

/// The plan of a dry run: per entity the rows a real run would create, update and delete, with their keys (the
/// first kMaxKeysShown of each kind), and the run's warnings. Nothing has been written when it shows. "Apply" runs
/// the real sync (accepted()); "Close" leaves everything as it is.
class SyncPlanDialog : public QDialog {
    Q_OBJECT

public:
    static constexpr int kMaxKeysShown = 500;

    explicit SyncPlanDialog(const sync::SyncReport &report, QWidget *parent = nullptr);

    const sync::SyncReport &report() const { return m_report; }
    /// The tree: one top-level item per entity with the counts in columns 1 (create), 2 (update), 3 (delete).
    QTreeWidget *tree() const { return m_tree; }

private:
    sync::SyncReport m_report;
    QTreeWidget *m_tree = nullptr;
};

} // namespace ic::ui
