// The headless path (core and the command line) must not load Qt Gui or Widgets: servers running cron jobs have
// no display and often no X11 libraries. Checked on the libraries mapped into this very process, which links
// exactly what the command line links.

#include "cli/Cli.h"
#include "common/Error.h"

#include <QFile>
#include <QTest>

class TestHeadless : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noGuiLibrariesLoaded()
    {
#ifndef Q_OS_LINUX
        QSKIP("reads /proc/self/maps");
#else
        // Make sure the command line's code is really linked in.
        QVERIFY(ic::cli::wantsCommandLine({QStringLiteral("x"), QStringLiteral("--no-gui")}));
        QFile maps(QStringLiteral("/proc/self/maps"));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray text = maps.readAll();
        QVERIFY2(text.contains("libQt6Core"), "sanity: Qt Core is mapped");
        QVERIFY2(text.contains("libQt6Sql"), "sanity: Qt Sql is mapped");
        QVERIFY2(!text.contains("libQt6Gui"), "core or the command line loads Qt Gui");
        QVERIFY2(!text.contains("libQt6Widgets"), "core or the command line loads Qt Widgets");
#endif
    }

    void commandDetection_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("commandLine");
        QTest::newRow("nothing") << QStringList{} << false;
        QTest::newRow("db option only") << QStringList{QStringLiteral("--db"), QStringLiteral("sqlite:///x.db")}
                                        << false;
        QTest::newRow("tenant option only") << QStringList{QStringLiteral("--tenant"), QStringLiteral("a")} << false;
        QTest::newRow("no-gui") << QStringList{QStringLiteral("--no-gui")} << true;
        QTest::newRow("command") << QStringList{QStringLiteral("service"), QStringLiteral("list")} << true;
        QTest::newRow("command after option") << QStringList{QStringLiteral("--db"), QStringLiteral("sqlite:///x.db"),
                                                             QStringLiteral("db"), QStringLiteral("status")}
                                              << true;
        QTest::newRow("version") << QStringList{QStringLiteral("--version")} << true;
        QTest::newRow("help") << QStringList{QStringLiteral("-h")} << true;
    }

    void commandDetection()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, commandLine);
        args.prepend(QStringLiteral("integration-console"));
        QCOMPARE(ic::cli::wantsCommandLine(args), commandLine);
    }

    void exitCodes()
    {
        using namespace ic;
        QCOMPARE(cli::exitCodeFor(ErrorCode::InvalidInput), cli::ExitConfiguration);
        QCOMPARE(cli::exitCodeFor(ErrorCode::DatabaseSchemaTooNew), cli::ExitConfiguration);
        QCOMPARE(cli::exitCodeFor(ErrorCode::SecretBackendUnavailable), cli::ExitConfiguration);
        QCOMPARE(cli::exitCodeFor(ErrorCode::DatabaseUnavailable), cli::ExitFailure);
        QCOMPARE(cli::exitCodeFor(ErrorCode::LockHeld), cli::ExitLockHeld);
        QCOMPARE(cli::exitCodeFor(ErrorCode::Cancelled), cli::ExitCancelled);
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
