// ic_screenshots --out DIR [--lang en|zh_CN]: starts the window as `--sandbox` does (an in-process WeCom corp and a
// service for it) on a throwaway SQLite database, syncs the corp from the Sync page (a full run, a round of changes
// at the provider and a second run, so the charts have something to show), then shows every page and saves a PNG of
// the window per page, plus the dry-run plan dialog. The user's settings and keychain are never touched.

#include "AppContext.h"
#include "MainWindow.h"
#include "common/Application.h"
#include "common/Translations.h"
#include "dialogs/SyncPlanDialog.h"
#include "pages/Page.h"
#include "pages/SyncPage.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace {

/// Processes events until `done` holds or `timeoutMs` passed; whether it holds.
template<typename Predicate>
bool waitFor(Predicate done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs) {
            return false;
        }
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

void settle(int ms = 300)
{
    waitFor([] { return false; }, ms);
}

bool runSync(ic::ui::SyncPage *page, const QString &syncType, ic::sync::SyncMode mode, bool dryRun)
{
    bool ended = false;
    const QMetaObject::Connection finished =
        QObject::connect(page, &ic::ui::SyncPage::syncFinished, page, [&ended] { ended = true; });
    const QMetaObject::Connection failed =
        QObject::connect(page, &ic::ui::SyncPage::syncFailed, page, [&ended] { ended = true; });
    const bool started = page->startSync(syncType, mode, dryRun);
    const bool done = started && waitFor([&ended] { return ended; }, 300000);
    QObject::disconnect(finished);
    QObject::disconnect(failed);
    return done;
}

} // namespace

int main(int argc, char **argv)
{
    ic::setApplicationIdentity();
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Where to save the pictures."),
                                       QStringLiteral("DIR"), QStringLiteral("build/screenshots"));
    const QCommandLineOption langOption(QStringLiteral("lang"), QStringLiteral("en or zh_CN."), QStringLiteral("LANG"),
                                        QStringLiteral("en"));
    parser.addOptions({outOption, langOption});
    parser.process(app);

    // A throwaway home for settings and data: the user's own are never read or written.
    QTemporaryDir home;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home.filePath(QStringLiteral("settings")));

    const QLocale locale(parser.value(langOption));
    QLocale::setDefault(locale);
    ic::installTranslations(app, locale);
    app.setFont(QFont(QStringLiteral("WenQuanYi Micro Hei")));

    ic::ui::AppContext::Options options;
    options.databaseUrl = QStringLiteral("sqlite://") + home.filePath(QStringLiteral("integration.db"));
    options.sandbox = true;
    options.makeSecretStore = [] { return ic::secrets::makeMemorySecretStore(); };
    ic::ui::AppContext context(options);
    ic::ui::MainWindow window(context);
    window.resize(1280, 820);
    window.show();
    bool connected = false;
    QCoro::connect(context.connect(), &app, [&connected] { connected = true; });
    if (!waitFor([&connected] { return connected; }, 60000) || !context.isConnected()) {
        std::fprintf(stderr, "cannot connect: %s\n",
                     context.connectionError() ? qPrintable(context.connectionError()->message) : "timeout");
        return 1;
    }

    auto *sync = qobject_cast<ic::ui::SyncPage *>(window.page(QStringLiteral("sync")));
    if (sync != nullptr) {
        window.showPage(QStringLiteral("sync"));
        sync->selectService(QStringLiteral("sandbox"));
        if (!runSync(sync, QStringLiteral("full"), ic::sync::SyncMode::Incremental, false)) {
            std::fprintf(stderr, "the first sync did not finish\n");
            return 1;
        }
        context.sandbox()->advanceTo(1);
        runSync(sync, QStringLiteral("full"), ic::sync::SyncMode::Incremental, false);
        runSync(sync, QStringLiteral("department"), ic::sync::SyncMode::Incremental, false);
        runSync(sync, QStringLiteral("user"), ic::sync::SyncMode::Full, false);
        context.sandbox()->advanceTo(2);
        runSync(sync, QStringLiteral("customer"), ic::sync::SyncMode::Incremental, false);
    }

    const QString dir = parser.value(outOption);
    QDir().mkpath(dir);
    int saved = 0;
    for (const QString &id : {QStringLiteral("overview"), QStringLiteral("services"), QStringLiteral("sync"),
                              QStringLiteral("logs"), QStringLiteral("data"), QStringLiteral("settings")}) {
        if (!window.showPage(id)) {
            continue;
        }
        settle();
        const QString file = QDir(dir).filePath(id + QStringLiteral(".png"));
        if (!window.grab().save(file)) {
            std::fprintf(stderr, "cannot save %s\n", qPrintable(file));
            return 1;
        }
        std::printf("%s\n", qPrintable(file));
        ++saved;
    }
    if (sync != nullptr) {
        // The plan of a dry run after one more round of changes at the provider.
        window.showPage(QStringLiteral("sync"));
        context.sandbox()->advanceTo(3);
        if (runSync(sync, QStringLiteral("full"), ic::sync::SyncMode::Incremental, true) && sync->planDialog()) {
            settle();
            const QString file = QDir(dir).filePath(QStringLiteral("sync-plan.png"));
            sync->planDialog()->grab().save(file);
            std::printf("%s\n", qPrintable(file));
            ++saved;
        }
    }
    return saved > 0 ? 0 : 1;
}
