// The main window's shell on the offscreen platform: title and icon, the navigation and its pages, names for tests
// and accessibility, the status bar, the connection error page, remembered geometry and page, a picture, and a
// language switch that rebuilds the pages and keeps what was entered in them.

#include "AppContext.h"
#include "MainWindow.h"
#include "Preferences.h"
#include "RunTask.h"
#include "logs/LogModels.h"
#include "pages/LogsPage.h"
#include "pages/Page.h"
#include "secrets/SecretStore.h"

#include <QAccessible>
#include <QColor>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using ic::ui::AppContext;
using ic::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void titleAndIcon();
    void navigationListsThePages();
    void widgetsAreNamedForTestsAndAccessibility();
    void statusBarShowsTheConnection();
    void unusableDatabaseShowsWhatToDo();
    void silentServerNeverFreezesTheWindow();
    void geometryAndPageAreRestoredByTheNextWindow();
    void firstWindowUsesTheDefaultSize();
    void grabbedPictureIsSaved();
    void languageSwitchKeepsWhatWasEntered();

private:
    /// A context on a fresh SQLite file, connected; secrets in memory.
    std::unique_ptr<AppContext> connectedContext(const QString &url = {});

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    int m_databases = 0;
};

void TestMainWindow::initTestCase()
{
    // Never read or write the real user's settings: QSettings goes to a temporary directory.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QVERIFY(m_dataDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("IntegrationConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_mainwindow"));
}

void TestMainWindow::init()
{
    QSettings settings;
    settings.clear();
    settings.sync();
    QVERIFY2(QFileInfo(settings.fileName()).absoluteFilePath().startsWith(m_settingsDir.path()),
             qPrintable(settings.fileName()));
}

std::unique_ptr<AppContext> TestMainWindow::connectedContext(const QString &url)
{
    AppContext::Options options;
    options.databaseUrl = url.isEmpty() ? QStringLiteral("sqlite://") +
                                              m_dataDir.filePath(QStringLiteral("window-%1.db").arg(++m_databases))
                                        : url;
    options.makeSecretStore = [] { return ic::secrets::makeMemorySecretStore(); };
    auto context = std::make_unique<AppContext>(options);
    auto connect = [](AppContext *target) -> QCoro::Task<bool> {
        co_await target->connect();
        co_return true;
    };
    auto done = ic::test::runTask(connect(context.get()));
    if (!done) {
        qWarning("connecting did not finish");
    }
    return context;
}

void TestMainWindow::titleAndIcon()
{
    auto context = connectedContext();
    MainWindow window(*context);
    QCOMPARE(window.windowTitle(), QStringLiteral("Integration Console"));
    QVERIFY(!window.windowIcon().isNull());
    // Fails when the SVG icon engine (Qt Svg) is missing at run time: the icon would then be blank.
    const QPixmap icon = window.windowIcon().pixmap(64, 64);
    QVERIFY(!icon.isNull());
    const QImage image = icon.toImage();
    const QColor background = image.pixelColor(48, 48); // the blue tile, away from the nodes and the link
    QCOMPARE(background.alpha(), 255);
    QVERIFY(background.blue() > background.red() + 64);
}

void TestMainWindow::navigationListsThePages()
{
    auto context = connectedContext();
    QVERIFY(context->isConnected());
    MainWindow window(*context);
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    QVERIFY(navigation->count() >= 1);
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    for (int row = 0; row < navigation->count(); ++row) {
        QListWidgetItem *item = navigation->item(row);
        QVERIFY(!item->text().isEmpty());
        QVERIFY(!item->icon().isNull());
        const QString id = item->data(Qt::UserRole).toString();
        QVERIFY(window.showPage(id));
        QCOMPARE(pages->currentWidget(), window.page(id));
    }
    QVERIFY(!window.showPage(QStringLiteral("nosuch")));
}

void TestMainWindow::widgetsAreNamedForTestsAndAccessibility()
{
    auto context = connectedContext();
    MainWindow window(*context);
    QCOMPARE(window.objectName(), QStringLiteral("mainWindow"));
    for (const auto *name : {"mainSplitter", "pages", "overviewPage", "connectionErrorPage", "statusDatabase",
                             "statusTenant", "statusKeychain", "statusSyncs"}) {
        QVERIFY2(window.findChild<QWidget *>(QString::fromLatin1(name)), name);
    }
    QCOMPARE(window.statusBar()->objectName(), QStringLiteral("statusBar"));

    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    QVERIFY(!navigation->accessibleName().isEmpty());
    QVERIFY(!navigation->accessibleDescription().isEmpty());
    QVERIFY(!window.findChild<QStackedWidget *>(QStringLiteral("pages"))->accessibleName().isEmpty());

    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(navigation);
    QVERIFY(accessible);
    QCOMPARE(accessible->text(QAccessible::Name), navigation->accessibleName());
}

void TestMainWindow::statusBarShowsTheConnection()
{
    auto context = connectedContext();
    MainWindow window(*context);
    auto *database = window.findChild<QLabel *>(QStringLiteral("statusDatabase"));
    QVERIFY(database->text().contains(context->databaseUrl().toString()));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("statusTenant"))->text().contains(u"default"));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("statusKeychain"))->text().contains(u"available"));
    auto *syncs = window.findChild<QLabel *>(QStringLiteral("statusSyncs"));
    QCOMPARE(syncs->text(), QStringLiteral("No sync running"));
    context->syncStarted();
    QCOMPARE(syncs->text(), QStringLiteral("1 sync(s) running"));
    context->syncEnded();
    QCOMPARE(syncs->text(), QStringLiteral("No sync running"));
}

void TestMainWindow::unusableDatabaseShowsWhatToDo()
{
    // A server nobody listens on: the page says so, with Retry and the settings, instead of a blank window.
    auto context = connectedContext(QStringLiteral("postgresql://nobody@127.0.0.1:1/none"));
    QVERIFY(!context->isConnected());
    QVERIFY(context->connectionError());
    MainWindow window(*context);
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("connectionErrorPage"));
    auto *text = window.findChild<QLabel *>(QStringLiteral("connectionErrorText"));
    QVERIFY(text->text().contains(context->connectionError()->message));
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("connectionRetry")));
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("connectionSettings")));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("statusDatabase"))->text().contains(u"not connected"));
    // Other pages keep showing the problem while there is no database.
    QVERIFY(window.showPage(QStringLiteral("overview")));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("connectionErrorPage"));
}

void TestMainWindow::silentServerNeverFreezesTheWindow()
{
    // A server that accepts the connection and never answers: the driver waits for its connect timeout (10 s). The
    // window's thread meanwhile keeps running its events; the context then reports the failure.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    AppContext::Options options;
    options.databaseUrl = QStringLiteral("postgresql://nobody@127.0.0.1:%1/none").arg(silent.serverPort());
    options.makeSecretStore = [] { return ic::secrets::makeMemorySecretStore(); };
    AppContext context(options);

    QElapsedTimer sinceTick;
    sinceTick.start();
    qint64 worstGapMs = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, &ticker,
                     [&] { worstGapMs = std::max(worstGapMs, sinceTick.restart()); });
    ticker.start();
    QElapsedTimer took;
    took.start();
    auto connect = [](AppContext *target) -> QCoro::Task<bool> {
        co_await target->connect();
        co_return true;
    };
    QVERIFY(ic::test::runTask(connect(&context), std::chrono::seconds(60)));
    ticker.stop();
    QVERIFY(!context.isConnected());
    QVERIFY(context.connectionError());
    QVERIFY2(silent.hasPendingConnections() || took.elapsed() > 1000, "the server was never asked");
    qInfo("connecting to a silent server took %lld ms; the longest pause of the event loop was %lld ms",
          qint64(took.elapsed()), worstGapMs);
    QVERIFY2(worstGapMs < 100, qPrintable(QString::number(worstGapMs)));
}

void TestMainWindow::geometryAndPageAreRestoredByTheNextWindow()
{
    // Smaller than the offscreen screen (800x600): restoreGeometry() shrinks a window to fit its screen.
    const QSize size(720, 520);
    QList<int> splitterSizes;
    QString lastPage;
    auto context = connectedContext();
    {
        MainWindow first(*context);
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        first.resize(size);
        QTRY_COMPARE(first.size(), size);
        auto *splitter = first.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        QVERIFY(splitter);
        splitter->setSizes({240, splitter->width() - splitter->handleWidth() - 240});
        splitterSizes = splitter->sizes();
        auto *navigation = first.findChild<QListWidget *>(QStringLiteral("navigation"));
        lastPage = navigation->item(navigation->count() - 1)->data(Qt::UserRole).toString();
        QVERIFY(first.showPage(lastPage));
        QVERIFY(first.close());
    }
    QVERIFY(QSettings().contains(QStringLiteral("MainWindow/geometry")));

    MainWindow second(*context);
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QTRY_COMPARE(second.size(), size);
    auto *splitter = second.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    QVERIFY(splitter);
    QCOMPARE(splitter->sizes(), splitterSizes);
    auto *navigation = second.findChild<QListWidget *>(QStringLiteral("navigation"));
    QCOMPARE(navigation->currentItem()->data(Qt::UserRole).toString(), lastPage);
}

void TestMainWindow::firstWindowUsesTheDefaultSize()
{
    auto context = connectedContext();
    MainWindow window(*context);
    QCOMPARE(window.size(), QSize(1200, 760));
}

void TestMainWindow::grabbedPictureIsSaved()
{
    auto context = connectedContext();
    MainWindow window(*context);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QPixmap picture = window.grab();
    QVERIFY(!picture.isNull());
    const QString path = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("mainwindow.png"));
    QFile::remove(path);
    QVERIFY(picture.save(path));
    QVERIFY(QFileInfo(path).size() > 0);
    const QImage saved(path);
    QCOMPARE(saved.size(), picture.size());
    qInfo("Window picture: %s", qPrintable(QDir::toNativeSeparators(path)));
}

void TestMainWindow::languageSwitchKeepsWhatWasEntered()
{
    auto context = connectedContext();
    MainWindow window(*context);
    window.show();
    QVERIFY(window.showPage(QStringLiteral("logs")));
    auto *logs = qobject_cast<ic::ui::LogsPage *>(window.page(QStringLiteral("logs")));
    QVERIFY(logs);
    logs->showTab(ic::ui::LogsPage::Tab::Calls);
    QTest::keyClicks(logs->findChild<QLineEdit *>(QStringLiteral("callsText")), QStringLiteral("gettoken"));
    QVERIFY(window.showPage(QStringLiteral("data")));
    auto *search = window.page(QStringLiteral("data"))->findChild<QLineEdit *>(QStringLiteral("dataCustomerSearch"));
    auto *tabs = window.page(QStringLiteral("data"))->findChild<QTabWidget *>(QStringLiteral("dataTabs"));
    tabs->setCurrentIndex(1);
    QTest::keyClicks(search, QStringLiteral("wang"));

    QSignalSpy retranslated(&window, &MainWindow::retranslated);
    ic::ui::preferences::applyLanguage(QStringLiteral("zh_CN"));
    QVERIFY(retranslated.wait(5000));
    QCOMPARE(retranslated.count(), 1); // the catalogues' several events make one rebuild
    QCOMPARE(window.windowTitle(), QStringLiteral("集成控制台"));
    QCOMPARE(window.statusBar()->findChild<QLabel *>(QStringLiteral("statusSyncs"))->text(),
             QStringLiteral("没有正在运行的同步"));

    // The current page is the data page again, with its tab and search.
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget(), window.page(QStringLiteral("data")));
    QCOMPARE(window.page(QStringLiteral("data"))->findChild<QTabWidget *>(QStringLiteral("dataTabs"))->currentIndex(),
             1);
    QCOMPARE(window.page(QStringLiteral("data"))->findChild<QLineEdit *>(QStringLiteral("dataCustomerSearch"))->text(),
             QStringLiteral("wang"));

    // The logs page gets its filter back when it is shown, and applies it.
    QVERIFY(window.showPage(QStringLiteral("logs")));
    logs = qobject_cast<ic::ui::LogsPage *>(window.page(QStringLiteral("logs")));
    QCOMPARE(logs->currentTab(), ic::ui::LogsPage::Tab::Calls);
    QCOMPARE(logs->findChild<QLineEdit *>(QStringLiteral("callsText"))->text(), QStringLiteral("gettoken"));
    QTRY_COMPARE(logs->callModel()->filter().endpointContains, QStringLiteral("gettoken"));
    QCOMPARE(logs->findChild<QLineEdit *>(QStringLiteral("callsText"))->placeholderText(),
             QCoreApplication::translate("ic::ui::LogsPage", "Endpoint contains…"));

    ic::ui::preferences::applyLanguage(QString());
    QVERIFY(retranslated.wait(5000));
    QCOMPARE(window.windowTitle(), QStringLiteral("Integration Console"));
    QCOMPARE(window.findChild<QListWidget *>(QStringLiteral("navigation"))->currentItem()->data(Qt::UserRole),
             QStringLiteral("logs"));

    // An open dialog of a page (an editor, a question) holds the switch until it is closed.
    auto *dialog = new QDialog(window.page(QStringLiteral("services")));
    dialog->open();
    ic::ui::preferences::applyLanguage(QStringLiteral("zh_CN"));
    QTest::qWait(300);
    QVERIFY(window.isRetranslationPending());
    QCOMPARE(window.windowTitle(), QStringLiteral("Integration Console"));
    dialog->reject();
    QVERIFY(retranslated.wait(5000));
    QCOMPARE(window.windowTitle(), QStringLiteral("集成控制台"));
    ic::ui::preferences::applyLanguage(QString());
    QVERIFY(retranslated.wait(5000));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
