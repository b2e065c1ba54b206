#pragma once

#include "db/SyncRunRepository.h"

#include <QList>
#include <QWidget>

namespace ic::ui {

/// The colour of a run's status, the same everywhere in the window: success green; partial amber (never green);
/// failed, cancelled and interrupted red; pending and running blue.
QColor runStatusColor(const db::SyncRunRecord &run);
/// The translated name of a run's status ("Interrupted" for a failed run that was found dead).
QString runStatusText(const db::SyncRunRecord &run);

/// A duration for people: "850 ms", "12.4 s", "3 min 5 s".
QString runDurationText(qint64 ms);

/// A small chart of recent runs, oldest on the left: one bar per run whose height is its duration and whose colour
/// is its status (dry runs drawn hollow), and a line of the rows each run changed (created + updated + deleted) on
/// a scale of its own. Custom painted; hovering a bar tells its run.
class RunChart : public QWidget {
    Q_OBJECT

public:
    explicit RunChart(QWidget *parent = nullptr);

    /// `runs` newest first (as SyncRunRepository::list() returns them).
    void setRuns(QList<db::SyncRunRecord> runs);
    int barCount() const { return int(m_runs.size()); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotArea() const;
    QRectF barRect(int index) const;

    QList<db::SyncRunRecord> m_runs; ///< Oldest first.
};

} // namespace ic::ui
