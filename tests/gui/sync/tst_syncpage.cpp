// The Sync page against an in-process sandbox corp, driven through its buttons on the offscreen platform: a run
// finishes and its card shows it (status, colour, chart), a dry run's plan equals the real run that Apply starts,
// Cancel ends a run cancelled, the mass-deletion question appears and both answers do what they say, and runs
// recorded by another program show up.

#include "AppContext.h"
#include "GuiSandbox.h"
#include "MainWindow.h"
#include "Preferences.h"
#include "RunTask.h"
#include "db/SyncRunRepository.h"
#include "db/SyncStore.h"
#include "dialogs/SyncPlanDialog.h"
#include "pages/SyncPage.h"
#include "widgets/RunChart.h"

#include <QFrame>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace ic;
using ic::ui::AppContext;
using ic::ui::MainWindow;
using ic::ui::SyncPage;

namespace {

constexpr int kRunTimeoutMs = 120000;
const QString kService = QStringLiteral("corp");

sandbox::CorpSpec corpSpec(std::uint64_t seed, int contacts = 400)
{
    sandbox::CorpSpec spec;
    spec.seed = seed;
    spec.departments = 12;
    spec.staff = 60;
    spec.contacts = contacts;
    spec.tagGroups = 10;
    return spec;
}

db::SyncCounts countsOf(const sync::SyncReport &report, db::SyncEntity entity)
{
    for (const auto &[e, counts] : report.counts) {
        if (e == entity) {
            return counts;
        }
    }
    return {};
}

} // namespace

class TestSyncPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void runFromThePageFinishes();
    void dryRunPlanEqualsTheAppliedRun();
    void cancelEndsCancelled();
    void massDeletionAsksAndRespectsTheAnswer();
    void runsFromElsewhereShowUp();
    void languageSwitchWaitsForTheRunningSync();

private:
    QFrame *card(const QString &syncType) const;
    QPushButton *button(const QString &syncType, const QString &name) const;
    /// Clicks `name` on the card and waits for the run to end; the report, or std::nullopt after a failure.
    std::optional<sync::SyncReport> clickAndWait(const QString &syncType, const QString &name);
    void startCorp(std::uint64_t seed, int contacts = 400);
    /// Delays every answer of the sandbox by `latencyMs`.
    void slowDown(int latencyMs);

    QTemporaryDir m_dir;
    std::shared_ptr<secrets::SecretStore> m_store;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    SyncPage *m_page = nullptr;
    int m_databases = 0;
};

void TestSyncPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("IntegrationConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_syncpage"));
}

void TestSyncPage::startCorp(std::uint64_t seed, int contacts)
{
    if (m_server) {
        m_server->stop();
    }
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(corpSpec(seed, contacts)));
    std::string why;
    QVERIFY2(m_server->start(&why), why.c_str());
    const QString problem =
        test::configureSandboxService(*m_context->database(), m_context->secrets(), *m_server, kService);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestSyncPage::slowDown(int latencyMs)
{
    sandbox::Fault slow;
    slow.kind = sandbox::Fault::Kind::Latency;
    slow.latencyMs = latencyMs;
    m_server->addFault(slow);
}

void TestSyncPage::init()
{
    QSettings().clear();
    m_store = secrets::makeMemorySecretStore();
    AppContext::Options options;
    options.databaseUrl = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("sync-%1.db").arg(++m_databases));
    auto store = m_store;
    options.makeSecretStore = [store]() -> std::unique_ptr<secrets::SecretStore> {
        return std::make_unique<test::SharedStore>(store);
    };
    m_context = std::make_unique<AppContext>(options);
    auto connect = [](AppContext *target) -> QCoro::Task<bool> {
        co_await target->connect();
        co_return true;
    };
    QVERIFY(test::runTask(connect(m_context.get())).has_value());
    QVERIFY(m_context->isConnected());
    startCorp(1);
    if (QTest::currentTestFailed()) {
        return;
    }
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(m_window->showPage(QStringLiteral("sync")));
    m_page = qobject_cast<SyncPage *>(m_window->page(QStringLiteral("sync")));
    QVERIFY(m_page);
    QCOMPARE(m_page->currentService(), kService);
    QVERIFY(card(QStringLiteral("full")));
    QVERIFY(card(QStringLiteral("department")));
    QVERIFY(card(QStringLiteral("user")));
    QVERIFY(card(QStringLiteral("customer")));
}

void TestSyncPage::cleanup()
{
    m_window.reset();
    m_page = nullptr;
    m_context.reset();
    if (m_server) {
        m_server->stop();
        m_server.reset();
    }
}

QFrame *TestSyncPage::card(const QString &syncType) const
{
    return m_page->findChild<QFrame *>(QStringLiteral("syncCard_") + syncType);
}

QPushButton *TestSyncPage::button(const QString &syncType, const QString &name) const
{
    QFrame *frame = card(syncType);
    return frame ? frame->findChild<QPushButton *>(name) : nullptr;
}

std::optional<sync::SyncReport> TestSyncPage::clickAndWait(const QString &syncType, const QString &name)
{
    QSignalSpy finished(m_page, &SyncPage::syncFinished);
    QSignalSpy failed(m_page, &SyncPage::syncFailed);
    QPushButton *target = button(syncType, name);
    if (!target || !target->isEnabled()) {
        qWarning("button %s of %s missing or disabled", qPrintable(name), qPrintable(syncType));
        return std::nullopt;
    }
    QTest::mouseClick(target, Qt::LeftButton);
    if (!m_page->isRunning()) {
        qWarning("the click started nothing");
        return std::nullopt;
    }
    if (!QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, kRunTimeoutMs)) {
        qWarning("the run did not end in time");
        return std::nullopt;
    }
    if (failed.count() > 0) {
        qWarning("the run failed: %s", qPrintable(failed.at(0).at(0).value<Error>().message));
        return std::nullopt;
    }
    return finished.at(0).at(0).value<sync::SyncReport>();
}

void TestSyncPage::runFromThePageFinishes()
{
    QLabel *status = card(QStringLiteral("full"))->findChild<QLabel *>(QStringLiteral("cardStatus"));
    QCOMPARE(status->text(), QStringLiteral("Never run"));
    auto *chart = card(QStringLiteral("full"))->findChild<ui::RunChart *>(QStringLiteral("cardChart"));
    QCOMPARE(chart->barCount(), 0);

    QSignalSpy running(m_context.get(), &AppContext::runningSyncsChanged);
    std::optional<sync::SyncReport> report = clickAndWait(QStringLiteral("full"), QStringLiteral("runIncremental"));
    QVERIFY(report);
    QCOMPARE(report->status, db::SyncRunStatus::Success);
    QVERIFY(!report->dryRun);
    QVERIFY(report->total.created > 400);
    // The status bar heard the start and the end.
    QVERIFY(running.count() >= 2);
    QCOMPARE(running.first().at(0).toInt(), 1);
    QCOMPARE(running.last().at(0).toInt(), 0);

    QCOMPARE(status->text(), QStringLiteral("Success"));
    QVERIFY2(status->styleSheet().contains(QStringLiteral("#1b7f3b")), qPrintable(status->styleSheet()));
    QCOMPARE(chart->barCount(), 1);
    const QString counts = card(QStringLiteral("full"))->findChild<QLabel *>(QStringLiteral("cardCounts"))->text();
    QVERIFY2(counts.contains(QLocale().toString(report->total.created) + QStringLiteral(" created")),
             qPrintable(counts));
    const QString when = card(QStringLiteral("full"))->findChild<QLabel *>(QStringLiteral("cardWhen"))->text();
    QVERIFY2(when.contains(QStringLiteral("just now")), qPrintable(when));
    QVERIFY(!card(QStringLiteral("full"))->findChild<QWidget *>(QStringLiteral("cardProgress"))->isVisible());
    QVERIFY(button(QStringLiteral("full"), QStringLiteral("runIncremental"))->isEnabled());

    // A second run: one more bar; nothing changed at the provider, so nothing was written.
    std::optional<sync::SyncReport> again = clickAndWait(QStringLiteral("full"), QStringLiteral("runIncremental"));
    QVERIFY(again);
    QCOMPARE(again->status, db::SyncRunStatus::Success);
    QCOMPARE(again->total.created + again->total.updated + again->total.deleted, 0);
    QCOMPARE(chart->barCount(), 2);
}

void TestSyncPage::dryRunPlanEqualsTheAppliedRun()
{
    std::optional<sync::SyncReport> first = clickAndWait(QStringLiteral("full"), QStringLiteral("runIncremental"));
    QVERIFY(first);
    m_server->advanceTo(2); // creates, updates and deletes at the provider

    std::optional<sync::SyncReport> dry = clickAndWait(QStringLiteral("full"), QStringLiteral("dryRun"));
    QVERIFY(dry);
    QVERIFY(dry->dryRun);
    QTRY_VERIFY(m_page->planDialog() != nullptr);
    ui::SyncPlanDialog *dialog = m_page->planDialog();
    QVERIFY(dialog->isVisible());
    // The dry run wrote nothing: the card still shows the real run's counts; only a dry run was added.
    Result<std::optional<db::SyncRunRecord>> lastSuccess =
        db::SyncRunRepository(*m_context->database())
            .lastSuccess({QStringLiteral("default"), 1, QStringLiteral("full")});
    QVERIFY(lastSuccess && lastSuccess.value());
    QCOMPARE(lastSuccess.value()->id, first->runId);

    // What the dialog shows, per entity.
    QMap<QString, std::array<qint64, 3>> shown;
    QTreeWidget *tree = dialog->findChild<QTreeWidget *>(QStringLiteral("planTree"));
    QVERIFY(tree);
    const QLocale locale;
    qint64 changes = 0;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = tree->topLevelItem(i);
        std::array<qint64, 3> counts{locale.toLongLong(item->text(1)), locale.toLongLong(item->text(2)),
                                     locale.toLongLong(item->text(3))};
        shown.insert(item->data(0, Qt::UserRole).toString(), counts);
        changes += counts[0] + counts[1] + counts[2];
        // The keys are listed under the counts.
        if (counts[0] + counts[1] + counts[2] > 0) {
            QVERIFY(item->childCount() > 0);
            QVERIFY(item->child(0)->childCount() > 0);
        }
    }
    QVERIFY2(changes > 0, "round 2 changes something");

    QSignalSpy finished(m_page, &SyncPage::syncFinished);
    QPushButton *apply = dialog->findChild<QPushButton *>(QStringLiteral("planApply"));
    QVERIFY(apply);
    QTest::mouseClick(apply, Qt::LeftButton);
    QVERIFY(m_page->isRunning());
    QVERIFY(finished.wait(kRunTimeoutMs));
    const auto real = finished.at(0).at(0).value<sync::SyncReport>();
    QVERIFY(!real.dryRun);
    QCOMPARE(real.status, db::SyncRunStatus::Success);
    for (const auto &[entity, counts] : real.counts) {
        const QString name = db::syncEntityName(entity);
        const std::array<qint64, 3> planned = shown.value(name);
        QCOMPARE(planned[0], counts.created);
        QCOMPARE(planned[1], counts.updated);
        QCOMPARE(planned[2], counts.deleted);
    }
    QCOMPARE(card(QStringLiteral("full"))->findChild<QLabel *>(QStringLiteral("cardStatus"))->text(),
             QStringLiteral("Success"));
}

void TestSyncPage::cancelEndsCancelled()
{
    // Slow answers, so the run is still going when Cancel is pressed.
    slowDown(150);

    QSignalSpy finished(m_page, &SyncPage::syncFinished);
    QTest::mouseClick(button(QStringLiteral("customer"), QStringLiteral("runFull")), Qt::LeftButton);
    QVERIFY(m_page->isRunning());
    auto *progress = card(QStringLiteral("customer"))->findChild<QWidget *>(QStringLiteral("cardProgress"));
    QVERIFY(progress->isVisible());
    // Live progress arrives before the end.
    auto *text = card(QStringLiteral("customer"))->findChild<QLabel *>(QStringLiteral("progressText"));
    QTRY_VERIFY_WITH_TIMEOUT(text->text().contains(QStringLiteral("Step:")), 30000);
    QVERIFY2(text->text().contains(QStringLiteral("ETA")), qPrintable(text->text()));
    QVERIFY(!button(QStringLiteral("full"), QStringLiteral("runIncremental"))->isEnabled());
    QPushButton *cancel = card(QStringLiteral("customer"))->findChild<QPushButton *>(QStringLiteral("cancel"));
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(finished.wait(kRunTimeoutMs));
    const auto report = finished.at(0).at(0).value<sync::SyncReport>();
    QCOMPARE(report.status, db::SyncRunStatus::Cancelled);
    auto *status = card(QStringLiteral("customer"))->findChild<QLabel *>(QStringLiteral("cardStatus"));
    QCOMPARE(status->text(), QStringLiteral("Cancelled"));
    QVERIFY2(status->styleSheet().contains(QStringLiteral("#c62828")), qPrintable(status->styleSheet()));
    QVERIFY(!progress->isVisible());
    m_server->clearFaults();
}

void TestSyncPage::massDeletionAsksAndRespectsTheAnswer()
{
    std::optional<sync::SyncReport> first = clickAndWait(QStringLiteral("full"), QStringLiteral("runIncremental"));
    QVERIFY(first);
    QCOMPARE(first->status, db::SyncRunStatus::Success);
    db::SyncStore store(*m_context->database(), QStringLiteral("default"), 1);
    Result<qint64> contactsBefore = store.liveCount(db::SyncEntity::Contact);
    QVERIFY(contactsBefore);

    // Another corp: every contact of the first is gone at the provider.
    startCorp(2);

    // Declined: nothing is deleted and no run starts.
    std::optional<sync::SyncReport> guarded = clickAndWait(QStringLiteral("full"), QStringLiteral("runIncremental"));
    QVERIFY(guarded);
    QCOMPARE(guarded->status, db::SyncRunStatus::Partial);
    QVERIFY(guarded->massDeleteBlocked);
    QCOMPARE(countsOf(*guarded, db::SyncEntity::Contact).deleted, 0);
    auto *status = card(QStringLiteral("full"))->findChild<QLabel *>(QStringLiteral("cardStatus"));
    QCOMPARE(status->text(), QStringLiteral("Partial"));
    QVERIFY2(status->styleSheet().contains(QStringLiteral("#d98c00")), qPrintable(status->styleSheet()));
    QTRY_VERIFY(m_page->massDeleteQuestion() != nullptr);
    QMessageBox *question = m_page->massDeleteQuestion();
    QVERIFY(question->isVisible());
    QVERIFY(question->informativeText().contains(QStringLiteral("Not deleted")));
    QTest::mouseClick(question->button(QMessageBox::No), Qt::LeftButton);
    QTRY_VERIFY(m_page->massDeleteQuestion() == nullptr);
    QVERIFY(!m_page->isRunning());
    Result<qint64> contactsKept = store.liveCount(db::SyncEntity::Contact);
    QVERIFY(contactsKept);
    QCOMPARE(contactsKept.value(), contactsBefore.value() + countsOf(*guarded, db::SyncEntity::Contact).created);

    // Accepted: the page runs again with the deletions allowed.
    std::optional<sync::SyncReport> again = clickAndWait(QStringLiteral("full"), QStringLiteral("runIncremental"));
    QVERIFY(again);
    QVERIFY(again->massDeleteBlocked);
    QTRY_VERIFY(m_page->massDeleteQuestion() != nullptr);
    QSignalSpy finished(m_page, &SyncPage::syncFinished);
    QTest::mouseClick(m_page->massDeleteQuestion()->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(m_page->isRunning());
    QVERIFY(finished.wait(kRunTimeoutMs));
    const auto applied = finished.at(0).at(0).value<sync::SyncReport>();
    QCOMPARE(applied.status, db::SyncRunStatus::Success);
    QVERIFY(!applied.massDeleteBlocked);
    QCOMPARE(countsOf(applied, db::SyncEntity::Contact).deleted, contactsBefore.value());
    QCOMPARE(status->text(), QStringLiteral("Success"));
}

void TestSyncPage::runsFromElsewhereShowUp()
{
    // A run recorded by another process (cron on another machine): the page shows it once it refreshes.
    db::SyncRunRepository runs(*m_context->database());
    db::SyncRunRecord run;
    run.tenantId = QStringLiteral("default");
    run.serviceId = 1;
    run.syncType = QStringLiteral("user");
    run.mode = QStringLiteral("incremental");
    run.trigger = QStringLiteral("schedule");
    run.host = QStringLiteral("cron-host");
    run.pid = 4242;
    Result<qint64> created = runs.create(run);
    QVERIFY(created);
    QVERIFY(runs.start(QStringLiteral("default"), created.value()));
    m_context->notifyRunsChanged();
    auto *status = card(QStringLiteral("user"))->findChild<QLabel *>(QStringLiteral("cardStatus"));
    QTRY_COMPARE(status->text(), QStringLiteral("Running"));
    QVERIFY2(status->styleSheet().contains(QStringLiteral("#1565c0")), qPrintable(status->styleSheet()));

    db::SyncRunOutcome outcome;
    outcome.status = db::SyncRunStatus::Failed;
    outcome.errorSummary = QStringLiteral("the provider said no");
    QVERIFY(runs.finish(QStringLiteral("default"), created.value(), outcome));
    m_page->refresh(); // what the 10 s timer does
    QCOMPARE(status->text(), QStringLiteral("Failed"));
    QVERIFY2(status->styleSheet().contains(QStringLiteral("#c62828")), qPrintable(status->styleSheet()));
    QCOMPARE(card(QStringLiteral("user"))->findChild<ui::RunChart *>(QStringLiteral("cardChart"))->barCount(), 1);
}

void TestSyncPage::languageSwitchWaitsForTheRunningSync()
{
    // Slow answers keep the run going while the language changes.
    slowDown(100);
    QSignalSpy finished(m_page, &SyncPage::syncFinished);
    QSignalSpy retranslated(m_window.get(), &MainWindow::retranslated);
    QTest::mouseClick(button(QStringLiteral("customer"), QStringLiteral("runIncremental")), Qt::LeftButton);
    QVERIFY(m_page->isRunning());

    ui::preferences::applyLanguage(QStringLiteral("zh_CN"));
    // The rebuild waits: rebuilding now would drop the run's progress and its Cancel button.
    QTest::qWait(300);
    QVERIFY(m_page->isRunning());
    QCOMPARE(retranslated.count(), 0);
    QVERIFY(m_window->isRetranslationPending());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Integration Console"));
    // The catalogue is installed already: the status bar says why in the new language.
    QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("窗口将在正在进行的工作结束后切换语言。"));
    m_server->clearFaults();

    // When the run ends, the window changes: same page, same service, in Chinese.
    QVERIFY(finished.wait(kRunTimeoutMs));
    QVERIFY(retranslated.wait(5000));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("集成控制台"));
    QVERIFY(!m_window->isRetranslationPending());
    QVERIFY(m_window->statusBar()->currentMessage().isEmpty());
    m_page = qobject_cast<SyncPage *>(m_window->page(QStringLiteral("sync")));
    QVERIFY(m_page);
    QVERIFY(m_page->isVisible());
    QCOMPARE(m_page->currentService(), kService);
    QCOMPARE(card(QStringLiteral("customer"))->findChild<QLabel *>(QStringLiteral("cardStatus"))->text(),
             QStringLiteral("成功"));

    ui::preferences::applyLanguage(QString());
    QVERIFY(retranslated.wait(5000));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Integration Console"));
}

QTEST_MAIN(TestSyncPage)
#include "tst_syncpage.moc"
