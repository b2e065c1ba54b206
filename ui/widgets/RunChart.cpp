#include "widgets/RunChart.h"

#include "Format.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

namespace ic::ui {

namespace {

constexpr int kMaxBars = 20;
constexpr qreal kMargin = 4;
constexpr qreal kLegendHeight = 14;

qint64 changedRows(const db::SyncRunRecord &run)
{
    return run.counts.created + run.counts.updated + run.counts.deleted;
}

} // namespace

QString runDurationText(qint64 ms)
{
    if (ms < 1000) {
        return RunChart::tr("%1 ms").arg(ms);
    }
    if (ms < 60000) {
        return RunChart::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    }
    return RunChart::tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000);
}

QColor runStatusColor(const db::SyncRunRecord &run)
{
    if (run.wasInterrupted()) {
        return QColor(0xc6, 0x28, 0x28);
    }
    switch (run.status) {
    case db::SyncRunStatus::Success:
        return QColor(0x1b, 0x7f, 0x3b);
    case db::SyncRunStatus::Partial:
        return QColor(0xd9, 0x8c, 0x00);
    case db::SyncRunStatus::Failed:
    case db::SyncRunStatus::Cancelled:
        return QColor(0xc6, 0x28, 0x28);
    case db::SyncRunStatus::Pending:
    case db::SyncRunStatus::Running:
        break;
    }
    return QColor(0x15, 0x65, 0xc0);
}

QString runStatusText(const db::SyncRunRecord &run)
{
    if (run.wasInterrupted()) {
        return RunChart::tr("Interrupted");
    }
    switch (run.status) {
    case db::SyncRunStatus::Pending:
        return RunChart::tr("Pending");
    case db::SyncRunStatus::Running:
        return RunChart::tr("Running");
    case db::SyncRunStatus::Success:
        return RunChart::tr("Success");
    case db::SyncRunStatus::Partial:
        return RunChart::tr("Partial");
    case db::SyncRunStatus::Failed:
        return RunChart::tr("Failed");
    case db::SyncRunStatus::Cancelled:
        return RunChart::tr("Cancelled");
    }
    return {};
}

RunChart::RunChart(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setAccessibleName(tr("Recent runs"));
    setAccessibleDescription(tr("Bars: duration of each of the last 20 runs, coloured by status; line: rows changed"));
}

void RunChart::setRuns(QList<db::SyncRunRecord> runs)
{
    if (runs.size() > kMaxBars) {
        runs.resize(kMaxBars);
    }
    std::reverse(runs.begin(), runs.end());
    m_runs = std::move(runs);
    update();
}

QSize RunChart::sizeHint() const
{
    return {260, 78};
}

QSize RunChart::minimumSizeHint() const
{
    return {120, 56};
}

QRectF RunChart::plotArea() const
{
    return QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin - kLegendHeight);
}

QRectF RunChart::barRect(int index) const
{
    const QRectF area = plotArea();
    const qreal slot = area.width() / kMaxBars;
    qint64 longest = 1;
    for (const db::SyncRunRecord &run : m_runs) {
        longest = std::max(longest, run.durationMs.value_or(0));
    }
    const db::SyncRunRecord &run = m_runs.at(index);
    // Running runs have no duration yet: a short stub shows they exist.
    const qreal share = run.durationMs ? qreal(*run.durationMs) / qreal(longest) : 0.08;
    const qreal height = std::max<qreal>(2, share * area.height());
    const qreal left = area.left() + slot * (kMaxBars - m_runs.size() + index) + slot * 0.15;
    return {left, area.bottom() - height, slot * 0.7, height};
}

void RunChart::paintEvent(QPaintEvent * /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = plotArea();
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    painter.fillRect(rect(), base);
    QColor grid = text;
    grid.setAlphaF(0.15);
    painter.setPen(QPen(grid, 1));
    painter.drawLine(area.bottomLeft(), area.bottomRight());

    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    painter.setFont(small);
    const QRectF legend(area.left(), area.bottom() + 2, area.width(), kLegendHeight);
    if (m_runs.isEmpty()) {
        painter.setPen(text);
        painter.drawText(area, Qt::AlignCenter, tr("No runs yet"));
        return;
    }
    qint64 longest = 0;
    qint64 mostChanged = 0;
    for (const db::SyncRunRecord &run : m_runs) {
        longest = std::max(longest, run.durationMs.value_or(0));
        mostChanged = std::max(mostChanged, changedRows(run));
    }
    for (int i = 0; i < m_runs.size(); ++i) {
        const QRectF bar = barRect(i);
        const QColor colour = runStatusColor(m_runs.at(i));
        if (m_runs.at(i).dryRun) {
            painter.setPen(QPen(colour, 1.2));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(bar.adjusted(0.6, 0.6, -0.6, 0));
        } else {
            painter.setPen(Qt::NoPen);
            painter.setBrush(colour);
            painter.drawRect(bar);
        }
    }
    // Changed rows: a line over the bars' centres, on its own scale.
    const QColor lineColour = palette().color(QPalette::Highlight).darker(120);
    if (mostChanged > 0) {
        QPainterPath path;
        for (int i = 0; i < m_runs.size(); ++i) {
            const QRectF bar = barRect(i);
            const QPointF point(bar.center().x(),
                                area.bottom() - qreal(changedRows(m_runs.at(i))) / qreal(mostChanged) * area.height());
            if (i == 0) {
                path.moveTo(point);
            } else {
                path.lineTo(point);
            }
            painter.setPen(Qt::NoPen);
            painter.setBrush(lineColour);
            painter.drawEllipse(point, 2.2, 2.2);
        }
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(lineColour, 1.4));
        painter.drawPath(path);
    }
    painter.setPen(text);
    painter.drawText(legend, Qt::AlignLeft | Qt::AlignVCenter, tr("max %1").arg(runDurationText(longest)));
    painter.setPen(lineColour);
    painter.drawText(legend, Qt::AlignRight | Qt::AlignVCenter,
                     tr("%1 rows changed at most").arg(QLocale().toString(mostChanged)));
}

bool RunChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        for (int i = 0; i < m_runs.size(); ++i) {
            QRectF column = barRect(i);
            column.setTop(plotArea().top());
            if (column.adjusted(-2, 0, 2, 0).contains(help->pos())) {
                const db::SyncRunRecord &run = m_runs.at(i);
                const QDateTime when = run.startedAt.isValid() ? run.startedAt : run.createdAt;
                QString tip = tr("Run %1 (%2%3): %4")
                                  .arg(run.id)
                                  .arg(run.mode, run.dryRun ? tr(", dry run") : QString(), runStatusText(run));
                tip += u'\n' + QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
                tip +=
                    u'\n' + tr("Duration: %1").arg(run.durationMs ? runDurationText(*run.durationMs) : tr("running"));
                tip += u'\n' + tr("Changed rows: %1").arg(QLocale().toString(changedRows(run)));
                QToolTip::showText(help->globalPos(), tip, this);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

} // namespace ic::ui
