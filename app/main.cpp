// integration-console: the window, or a headless command (`integration-console --no-gui <command>`).
//
// The application class is chosen before it is constructed: a command line run creates a QCoreApplication
// only, so it works on servers without a display or X11 libraries; only the window path creates a
// QApplication.

#include "cli/Cli.h"
#include "common/Application.h"
#include "common/Translations.h"
#include "net/HttpClient.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

#ifdef IC_HAVE_GUI
#include "AppContext.h"
#include "MainWindow.h"
#include "Preferences.h"

#include <QApplication>
#include <QCommandLineParser>
#endif

#include <cstdio>

namespace {

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i) {
        arguments.append(QString::fromLocal8Bit(argv[i]));
    }
    return arguments;
}

int runCommandLine(int argc, char **argv, const QStringList &arguments)
{
    QCoreApplication app(argc, argv);
    ic::installTranslations(app);
    qSetMessagePattern(QStringLiteral("%{if-category}%{category}: %{endif}%{message}"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList effective = arguments;
#ifndef IC_HAVE_GUI
    if (!ic::cli::wantsCommandLine(arguments)) {
        err << QCoreApplication::translate("main", "This build of Integration Console has no window; give a command.")
            << '\n';
        err.flush();
        effective.append(QStringLiteral("--help"));
    }
#endif
    // Start the command once the event loop runs, so that its exit() always reaches exec().
    QTimer::singleShot(0, &app, [&app, &out, &err, effective] {
        QCoro::connect(ic::cli::runCli(effective, ic::cli::defaultCliIo(out, err)), &app,
                       [](int code) { QCoreApplication::exit(code); });
    });
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    ic::setApplicationIdentity();
    // Outbound calls follow the system's proxy settings (never for loopback addresses).
    ic::net::HttpClient::useSystemProxySettings();
    const QStringList arguments = argumentsOf(argc, argv);
#ifdef IC_HAVE_GUI
    if (!ic::cli::wantsCommandLine(arguments)) {
        QApplication app(argc, argv);
        // Lets Wayland compositors match the window to the desktop entry and its icon.
        QGuiApplication::setDesktopFileName(QStringLiteral("io.github.integrationconsole.IntegrationConsole"));
        // The language chosen in Settings (System / 中文 / English), else the system's.
        ic::ui::preferences::applyLanguage(ic::ui::preferences::language());
        // The window takes the command line's --db and --tenant, and --sandbox to try everything without credentials.
        QCommandLineParser parser;
        parser.setApplicationDescription(QCoreApplication::translate("main", "Integration Console"));
        parser.addHelpOption();
        parser.addVersionOption();
        const QCommandLineOption dbOption(QStringLiteral("db"),
                                          QCoreApplication::translate("main", "The integration database URL."),
                                          QCoreApplication::translate("main", "URL"));
        const QCommandLineOption tenantOption(
            QStringLiteral("tenant"), QCoreApplication::translate("main", "Whose data to use (default: default)."),
            QCoreApplication::translate("main", "ID"), QStringLiteral("default"));
        const QCommandLineOption sandboxOption(
            QStringLiteral("sandbox"),
            QCoreApplication::translate("main", "Start a sandbox WeCom corp in this process and configure a service "
                                                "for it, to try the console without credentials."));
        parser.addOptions({dbOption, tenantOption, sandboxOption});
        parser.process(app);
        ic::ui::AppContext::Options options;
        // --db wins, then $IC_DB_URL, then the profile chosen in Settings, then the embedded SQLite database.
        options.databaseUrl = ic::ui::preferences::databaseUrlForStart(parser.value(dbOption));
        options.tenant = parser.value(tenantOption);
        options.sandbox = parser.isSet(sandboxOption);
        ic::ui::AppContext context(options);
        ic::ui::MainWindow window(context);
        window.show();
        QCoro::connect(context.connect(), &app, [] {});
        return QApplication::exec();
    }
#endif
    return runCommandLine(argc, argv, arguments);
}
