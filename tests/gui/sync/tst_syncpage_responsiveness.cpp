// The window stays responsive during a big sync started from it: the Sync page's "Run incremental" button starts a
// full sync of a 100,000-contact sandbox corp while a 10 ms timer on the GUI thread measures the longest gap between
// its ticks, until the run ends. The worst stall must stay under 100 ms; it is printed either way.
// IC_RESPONSIVENESS_CONTACTS sets another size (e.g. for a slow machine); the size used is printed too.

#include "AppContext.h"
#include "GuiSandbox.h"
#include "MainWindow.h"
#include "RunTask.h"
#include "pages/SyncPage.h"

#include <QElapsedTimer>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ic;
using ic::ui::AppContext;
using ic::ui::MainWindow;
using ic::ui::SyncPage;

namespace {

/// The longest gap between ticks of a 10 ms timer on this thread while it runs.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 gap = m_clock.restart();
            m_worst = std::max(m_worst, gap);
            ++m_ticks;
        });
        m_clock.start();
        m_timer.start();
    }
    qint64 worstMs() const { return m_worst; }
    qint64 ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
    qint64 m_ticks = 0;
};

} // namespace

class TestSyncPageResponsiveness : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void guiThreadNeverStallsDuringABigSync();

private:
    QTemporaryDir m_dir;
};

void TestSyncPageResponsiveness::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("IntegrationConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_syncpage_responsiveness"));
}

void TestSyncPageResponsiveness::guiThreadNeverStallsDuringABigSync()
{
    const int contacts = qEnvironmentVariableIsSet("IC_RESPONSIVENESS_CONTACTS")
                             ? qEnvironmentVariableIntValue("IC_RESPONSIVENESS_CONTACTS")
                             : 100000;
    QElapsedTimer total;
    total.start();
    sandbox::CorpSpec spec;
    spec.seed = 7;
    spec.departments = 60;
    spec.staff = 1000;
    spec.contacts = contacts;
    auto server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(spec));
    std::string why;
    QVERIFY2(server->start(&why), why.c_str());
    qInfo("generated a corp of %d contacts in %lld ms", contacts, total.elapsed());

    std::shared_ptr<secrets::SecretStore> shared = secrets::makeMemorySecretStore();
    AppContext::Options options;
    options.databaseUrl = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("responsiveness.db"));
    options.makeSecretStore = [shared]() -> std::unique_ptr<secrets::SecretStore> {
        return std::make_unique<test::SharedStore>(shared);
    };
    AppContext context(options);
    auto connect = [](AppContext *target) -> QCoro::Task<bool> {
        co_await target->connect();
        co_return true;
    };
    QVERIFY(test::runTask(connect(&context)).has_value());
    QVERIFY(context.isConnected());
    const QString problem =
        test::configureSandboxService(*context.database(), context.secrets(), *server, QStringLiteral("corp"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    MainWindow window(context);
    window.resize(1200, 800);
    window.show();
    QVERIFY(window.showPage(QStringLiteral("sync")));
    auto *page = qobject_cast<SyncPage *>(window.page(QStringLiteral("sync")));
    QVERIFY(page);
    auto *card = page->findChild<QFrame *>(QStringLiteral("syncCard_full"));
    QVERIFY(card);
    auto *run = card->findChild<QPushButton *>(QStringLiteral("runIncremental"));
    QVERIFY(run && run->isEnabled());

    QSignalSpy finished(page, &SyncPage::syncFinished);
    QSignalSpy failed(page, &SyncPage::syncFailed);
    QElapsedTimer clock;
    clock.start();
    StallMeter meter;
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(page->isRunning());
    QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, 14 * 60 * 1000));
    const qint64 worst = meter.worstMs();
    QCOMPARE(failed.count(), 0);
    const auto report = finished.at(0).at(0).value<sync::SyncReport>();
    QCOMPARE(report.status, db::SyncRunStatus::Success);
    QVERIFY(report.total.created > contacts);
    qInfo("worst GUI stall during a %d-contact sync started from the Sync page: %lld ms (run %lld ms, %lld ticks, "
          "%lld rows written)",
          contacts, worst, clock.elapsed(), meter.ticks(), report.total.created);
    QVERIFY2(worst < 100, qPrintable(QStringLiteral("worst stall %1 ms").arg(worst)));
    QCOMPARE(card->findChild<QLabel *>(QStringLiteral("cardStatus"))->text(), QStringLiteral("Success"));
    server->stop();
}

QTEST_MAIN(TestSyncPageResponsiveness)
#include "tst_syncpage_responsiveness.moc"
