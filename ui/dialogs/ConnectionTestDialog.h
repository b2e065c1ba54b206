#pragma once

#include "common/Result.h"
#include "services/ConnectionTest.h"

#include <QDialog>
#include <QString>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace ic::ui {

class AppContext;

/// Runs a service's connection test (services::ConnectionTestRunner, the same as `test-connection` on the command
/// line) and shows each step as soon as it finishes: status icon, title, duration, summary, and for a failed or
/// warning step the error and its hint. Then the verdict, and "Copy as text" puts the report (toText()) on the
/// clipboard.
///
/// The runner works asynchronously on the GUI thread (its network calls are awaited, its database work is a few
/// single-row statements), so the window stays responsive. Closing the dialog while the test runs lets it finish in
/// the background: its result is still kept, the service's status updated and servicesChanged() emitted.
class ConnectionTestDialog : public QDialog {
    Q_OBJECT

public:
    ConnectionTestDialog(AppContext &context, QString serviceName, QWidget *parent = nullptr);

    QString serviceName() const { return m_serviceName; }
    /// Starts a test (again); nothing while one runs.
    void start();
    bool isRunning() const { return m_running; }
    /// The last finished test's report; std::nullopt before one finished or when it could not run.
    const std::optional<services::ConnectionTestReport> &report() const { return m_report; }

Q_SIGNALS:
    /// A step finished and is shown.
    void stepShown(const QString &stepId);
    /// The test finished (or could not run); the verdict is shown.
    void testFinished();

private:
    void showStep(const services::TestStep &step);
    /// The whole text of the step of `item` (or of its parent), below the list: long summaries do not fit a row.
    void showDetail(const QTreeWidgetItem *item);
    void showResult(const Result<services::ConnectionTestReport> &result);
    void copyAsText();

    AppContext &m_context;
    QString m_serviceName;
    bool m_running = false;
    std::optional<services::ConnectionTestReport> m_report;

    QLabel *m_verdictIcon = nullptr;
    QLabel *m_verdict = nullptr;
    QProgressBar *m_progress = nullptr;
    QTreeWidget *m_steps = nullptr;
    QLabel *m_detail = nullptr;
    QList<services::TestStep> m_shown;
    QPushButton *m_copy = nullptr;
    QPushButton *m_rerun = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace ic::ui
