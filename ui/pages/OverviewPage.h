#pragma once

#include "pages/Page.h"

class QLabel;
class QTimer;
class QTreeWidget;

namespace ic::ui {

/// Health at a glance: every service with its status and last connection test, and per sync type the last run
/// (status, when, counts) and its health (ok / warning / failing / running / never, as `sync-status` says it).
/// Refreshes when shown, when a run or a service changes in this window, and every 30 seconds while shown, so runs
/// started by cron or on another machine show up.
class OverviewPage : public Page {
    Q_OBJECT

public:
    explicit OverviewPage(AppContext &context, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("overview"); }
    QString title() const override;
    QIcon icon() const override;
    void activate() override;

    /// Reads the services and their runs again (a few indexed queries).
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QLabel *m_summary = nullptr;
    QTreeWidget *m_tree = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace ic::ui
