#pragma once

#include "common/Error.h"
#include "pages/Page.h"
#include "sync/SyncRunner.h"

#include <QMap>
#include <QPointer>

class QComboBox;
class QGridLayout;
class QLabel;
class QMessageBox;
class QTimer;

namespace ic::sync {
class SyncWorker;
}

namespace ic::ui {

class SyncPlanDialog;
struct SyncCard;

/// The sync dashboard of one service (chosen at the top): a card per sync type of its connector (WeCom: department,
/// user, customer, full) with the last run's status in honest colours (partial amber, never green), when, how long,
/// its counts, the health reason, and a chart of the last 20 runs; buttons to run it incrementally, in full, or dry.
///
/// A run goes on a SyncWorker (its own thread and database connection), so the window stays responsive; its card
/// shows live progress and a Cancel button. One run at a time from this page. A dry run shows its plan (what a real
/// run would create, update and delete, with the keys) in a SyncPlanDialog whose Apply runs the real sync. When a run
/// ends with the mass-deletion guard's warning, the page asks whether to apply the deletions and, on yes, runs again
/// with allowMassDelete.
///
/// The cards are read from the database when shown, when a run starts or ends, and every 10 s while shown, so runs
/// started by cron or on another machine show up.
class SyncPage : public Page {
    Q_OBJECT

public:
    explicit SyncPage(AppContext &context, QWidget *parent = nullptr);
    ~SyncPage() override;

    QString pageId() const override { return QStringLiteral("sync"); }
    QString title() const override;
    QIcon icon() const override;
    void activate() override;

    /// Reads the services and the runs of the chosen one again.
    void refresh();
    /// The chosen service's name; empty when there is none.
    QString currentService() const;
    bool selectService(const QString &name);

    /// Starts a run of `syncType` of the chosen service; false when one runs already or no service is chosen.
    bool startSync(const QString &syncType, sync::SyncMode mode, bool dryRun, bool allowMassDelete = false);
    bool isRunning() const;
    /// Running, or a dry run's plan or the mass-deletion question waits for an answer.
    bool isBusy() const override;
    /// Asks the running sync to stop at its next safe point.
    void cancelSync();

    /// The plan of the last dry run while it is open; nullptr otherwise.
    SyncPlanDialog *planDialog() const;
    /// The mass-deletion question while it is open; nullptr otherwise.
    QMessageBox *massDeleteQuestion() const;

Q_SIGNALS:
    /// A run started from this page ended (any status), after the page showed it.
    void syncFinished(const ic::sync::SyncReport &report);
    /// A run could not start or be recorded (lock held, database unreachable ...).
    void syncFailed(const ic::Error &error);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Running {
        QString service;
        QString syncType;
        sync::SyncMode mode = sync::SyncMode::Incremental;
        bool dryRun = false;
        bool allowMassDelete = false;
    };

    void reloadServices();
    void rebuildCards(const QStringList &types);
    void refreshCards();
    void updateButtons();
    void showProgress(const sync::SyncProgress &progress);
    void runSucceeded(const sync::SyncReport &report);
    void runFailed(const Error &error);
    void runEnded();
    void showPlan(const sync::SyncReport &report);
    void askMassDelete(const sync::SyncReport &report);
    SyncCard *card(const QString &syncType) const;

    QComboBox *m_service = nullptr;
    QLabel *m_serviceNote = nullptr;
    QWidget *m_cardArea = nullptr;
    QGridLayout *m_cardGrid = nullptr;
    QList<SyncCard *> m_cards;
    QStringList m_cardTypes;
    QTimer *m_timer = nullptr;
    sync::SyncWorker *m_worker = nullptr;
    std::optional<Running> m_running;
    bool m_serviceEnabled = false;
    QPointer<SyncPlanDialog> m_planDialog;
    QPointer<QMessageBox> m_massDeleteQuestion;
};

} // namespace ic::ui
