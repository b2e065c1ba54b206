#pragma once

#include "logs/LogExport.h"
#include "pages/Page.h"

#include <memory>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;

namespace ic::ui {

class AuditLogModel;
class CallLogModel;
class PagedLogModel;
class SyncRunModel;

/// The logs: sync runs, API calls and the audit log, each a table newest first with filters and a detail pane.
///
/// - The tables page through the database with keyset paging (a page of 200 rows, the next one as the view scrolls);
///   every query runs on a thread of the model's own with its own connection, so a filter that has to read a large
///   part of a million-row log never freezes the window. Filters apply as you type, 250 ms after the last change.
/// - A call's detail shows its timings, HTTP status, errcode with WeCom's explanation and hint, and the request and
///   response as stored (redacted, size-capped), JSON indented. A run's detail shows its steps' counts, its errors
///   and a summary of its calls, and "Show its calls" opens the API calls filtered by the run.
/// - Export writes every row of the current filter (not only the loaded ones) to CSV or JSON, as stored: payloads
///   stay redacted.
/// - Refreshes when a run starts or ends in this window and every 30 seconds while shown, so runs started by cron or
///   on another machine show up. A table scrolled beyond its first page is not refreshed by the timer (the rows
///   would jump under the reader); showing the page again refreshes it.
class LogsPage : public Page {
    Q_OBJECT

public:
    enum class Tab { Runs, Calls, Audit };

    explicit LogsPage(AppContext &context, QWidget *parent = nullptr);
    ~LogsPage() override;

    QString pageId() const override { return QStringLiteral("logs"); }
    QString title() const override;
    QIcon icon() const override;
    void activate() override;

    void showTab(Tab tab);
    Tab currentTab() const;
    /// The API calls tab, filtered by the run (other call filters cleared).
    void showRunCalls(qint64 runId);
    /// Exports the current filter of `tab` to `path`; exportFinished() tells the outcome. The Export buttons ask for
    /// the path with a file dialog and call this.
    void exportView(Tab tab, const QString &path, LogExportFormat format);
    /// Reloads the first page of every table that shows no more than its first page.
    void refresh();
    /// A query or an export runs on a model's thread, or a dialog of the page is open.
    bool isBusy() const override;

    CallLogModel *callModel() const { return m_calls.get(); }
    SyncRunModel *runModel() const { return m_runs.get(); }
    AuditLogModel *auditModel() const { return m_audit.get(); }

Q_SIGNALS:
    void exportFinished(qint64 rows, const QString &error);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct TimeRange {
        QCheckBox *fromEnabled = nullptr;
        QDateTimeEdit *from = nullptr;
        QCheckBox *toEnabled = nullptr;
        QDateTimeEdit *to = nullptr;
    };

    QWidget *buildRunsTab();
    QWidget *buildCallsTab();
    QWidget *buildAuditTab();
    TimeRange addTimeRange(QGridLayout *grid, int row, int column, const QString &prefix, QTimer *debounce);
    QComboBox *serviceCombo(const QString &objectName, QTimer *debounce);
    QLineEdit *filterEdit(const QString &objectName, const QString &placeholder, const QString &accessibleName,
                          QTimer *debounce);
    QTimer *debounceTimer(void (LogsPage::*apply)());
    QTableView *tableView(const QString &objectName, const QString &accessibleName);

    /// Reloads the first page of the tables (`evenScrolled`: also those scrolled beyond it), keeping the selection.
    void reload(bool evenScrolled);
    /// Creates the models for the current connection (again, after it changed).
    void ensureModels();
    void loadServices();
    void applyRunFilter();
    void applyCallFilter();
    void applyAuditFilter();
    void showRunDetail();
    void showCallDetail();
    void showAuditDetail();
    void updateInfo(QLabel *label, PagedLogModel *model);
    void askExport(LogExportFormat format);
    PagedLogModel *model(Tab tab) const;

    QTabWidget *m_tabs = nullptr;
    QLabel *m_exportInfo = nullptr;
    QTimer *m_refreshTimer = nullptr;

    QComboBox *m_runService = nullptr;
    QComboBox *m_runType = nullptr;
    QComboBox *m_runStatus = nullptr;
    TimeRange m_runTime;
    QLineEdit *m_runText = nullptr;
    QLineEdit *m_runCorrelation = nullptr;
    QLineEdit *m_runId = nullptr;
    QTableView *m_runTable = nullptr;
    QTextBrowser *m_runDetail = nullptr;
    QPushButton *m_showRunCalls = nullptr;
    QLabel *m_runInfo = nullptr;
    QTimer *m_runDebounce = nullptr;
    qint64 m_detailRunId = 0;

    QComboBox *m_callService = nullptr;
    QComboBox *m_callStatus = nullptr;
    TimeRange m_callTime;
    QLineEdit *m_callText = nullptr;
    QLineEdit *m_callCorrelation = nullptr;
    QLineEdit *m_callRun = nullptr;
    QTableView *m_callTable = nullptr;
    QTextBrowser *m_callDetail = nullptr;
    QLabel *m_callInfo = nullptr;
    QTimer *m_callDebounce = nullptr;

    QComboBox *m_auditService = nullptr;
    QComboBox *m_auditType = nullptr;
    QComboBox *m_auditAction = nullptr;
    TimeRange m_auditTime;
    QLineEdit *m_auditText = nullptr;
    QTableView *m_auditTable = nullptr;
    QTextBrowser *m_auditDetail = nullptr;
    QLabel *m_auditInfo = nullptr;
    QTimer *m_auditDebounce = nullptr;

    QString m_modelsUrl; ///< The database the models read.
    std::unique_ptr<SyncRunModel> m_runs;
    std::unique_ptr<CallLogModel> m_calls;
    std::unique_ptr<AuditLogModel> m_audit;
};

} // namespace ic::ui
