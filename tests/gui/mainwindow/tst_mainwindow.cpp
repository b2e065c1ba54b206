#include "MainWindow.h"

#include <QAccessible>
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using ic::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void titleAndIcon();
    void navigationIsEmpty();
    void widgetsAreNamedForTestsAndAccessibility();
    void welcomeTextPointsToTheCommandLine();
    void statusBarSaysReady();
    void geometryIsRestoredByTheNextWindow();
    void firstWindowUsesTheDefaultSize();
    void grabbedPictureIsSaved();

private:
    QTemporaryDir m_settingsDir;
};

void TestMainWindow::initTestCase()
{
    // Never read or write the real user's settings: QSettings goes to a temporary directory.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
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

void TestMainWindow::titleAndIcon()
{
    MainWindow window;
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

void TestMainWindow::navigationIsEmpty()
{
    MainWindow window;
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    // No entry until a page exists behind it: an entry that shows nothing would be a dead control.
    QCOMPARE(navigation->count(), 0);
}

void TestMainWindow::widgetsAreNamedForTestsAndAccessibility()
{
    MainWindow window;
    QCOMPARE(window.objectName(), QStringLiteral("mainWindow"));
    for (const auto *name : {"mainSplitter", "pages", "welcomePage", "welcomeIcon", "welcomeTitle", "welcomeText"}) {
        QVERIFY2(window.findChild<QWidget *>(QString::fromLatin1(name)), name);
    }
    QCOMPARE(window.statusBar()->objectName(), QStringLiteral("statusBar"));

    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    QVERIFY(!navigation->accessibleName().isEmpty());
    QVERIFY(!navigation->accessibleDescription().isEmpty());
    QVERIFY(!window.findChild<QStackedWidget *>(QStringLiteral("pages"))->accessibleName().isEmpty());
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("welcomeIcon"))->accessibleName().isEmpty());

    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(navigation);
    QVERIFY(accessible);
    QCOMPARE(accessible->text(QAccessible::Name), navigation->accessibleName());
}

void TestMainWindow::welcomeTextPointsToTheCommandLine()
{
    MainWindow window;
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QVERIFY(pages);
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("welcomePage"));
    auto *text = window.findChild<QLabel *>(QStringLiteral("welcomeText"));
    QVERIFY(text);
    QVERIFY(text->text().contains(QStringLiteral("integration-console --help")));
    auto *icon = window.findChild<QLabel *>(QStringLiteral("welcomeIcon"));
    QVERIFY(icon);
    QVERIFY(!icon->pixmap().isNull());
}

void TestMainWindow::statusBarSaysReady()
{
    MainWindow window;
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Ready"));
}

void TestMainWindow::geometryIsRestoredByTheNextWindow()
{
    // Smaller than the offscreen screen (800x600): restoreGeometry() shrinks a window to fit its screen.
    const QSize size(720, 520);
    QList<int> splitterSizes;
    {
        MainWindow first;
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        first.resize(size);
        QTRY_COMPARE(first.size(), size);
        auto *splitter = first.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        QVERIFY(splitter);
        splitter->setSizes({240, splitter->width() - splitter->handleWidth() - 240});
        splitterSizes = splitter->sizes();
        QVERIFY(first.close());
    }
    QVERIFY(QSettings().contains(QStringLiteral("MainWindow/geometry")));

    MainWindow second;
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QTRY_COMPARE(second.size(), size);
    auto *splitter = second.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    QVERIFY(splitter);
    QCOMPARE(splitter->sizes(), splitterSizes);
}

void TestMainWindow::firstWindowUsesTheDefaultSize()
{
    MainWindow window;
    QCOMPARE(window.size(), QSize(1100, 700));
}

void TestMainWindow::grabbedPictureIsSaved()
{
    MainWindow window;
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
