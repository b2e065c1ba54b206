// `sync NAME --type T`: the product's main job, headless; `sandbox sync`: the same against an in-process sandbox corp.

#include "cli/Command.h"
#include "cli/ExitCode.h"
#include "cli/Signals.h"
#include "cli/Terminal.h"
#include "sandbox/SandboxServer.h"
#include "sandbox/SandboxService.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"
#include "services/ServiceTypeRegistry.h"
#include "sync/SyncRunner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace ic::cli {

namespace {

class SyncCommands : public CommandOutput {
    Q_DECLARE_TR_FUNCTIONS(ic::cli::Cli)

public:
    /// An option left out of --help: for tests, documented in docs/cli.md.
    static QCommandLineOption hiddenOption(QCommandLineOption option)
    {
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        return option;
    }

    static QList<QCommandLineOption> syncOptions(bool withType)
    {
        QList<QCommandLineOption> options;
        if (withType) {
            options << QCommandLineOption(QStringLiteral("type"),
                                          tr("What to sync: department, user, customer or full (all of them, in "
                                             "dependency order)."),
                                          tr("TYPE"));
        }
        options << QCommandLineOption(QStringLiteral("mode"),
                                      tr("incremental (default): write only new and changed rows; full: rewrite "
                                         "every row (repairs drift)."),
                                      tr("MODE"), QStringLiteral("incremental"))
                << QCommandLineOption(QStringLiteral("dry-run"),
                                      tr("Fetch and compare, write nothing; report what a real run would create, "
                                         "update and delete."))
                << QCommandLineOption(QStringLiteral("plan-out"),
                                      tr("Write the row-level plan (created, updated, deleted keys per entity) to "
                                         "FILE as JSON."),
                                      tr("FILE"))
                << QCommandLineOption(QStringLiteral("allow-mass-delete"),
                                      tr("Apply deletions even when they exceed the mass-deletion share."))
                << QCommandLineOption(QStringLiteral("mass-delete-share"),
                                      tr("The largest share of an entity a run deletes without "
                                         "--allow-mass-delete, from 0 to 1 (default 0.2)."),
                                      tr("SHARE"), QStringLiteral("0.2"))
                << QCommandLineOption(QStringLiteral("batch-size"), tr("Rows per write transaction (default 1000)."),
                                      tr("N"), QStringLiteral("1000"))
                << QCommandLineOption(QStringLiteral("concurrency"),
                                      tr("Requests in flight at once (default: the service's max_in_flight)."), tr("N"),
                                      QStringLiteral("0"))
                << QCommandLineOption(QStringLiteral("no-resume"),
                                      tr("Start afresh even when the last run was interrupted."))
                << hiddenOption(QCommandLineOption(
                       QStringLiteral("lock-stale-seconds"),
                       tr("SQLite only: seconds without a heartbeat after which a dead run's lock is taken over "
                          "(default 120). For tests that kill the process; every process on the database must use "
                          "the same value."),
                       tr("SECONDS"), QStringLiteral("0")))
                << QCommandLineOption(QStringLiteral("trigger"),
                                      tr("Recorded as the run's trigger: cli (default) or schedule (for cron and "
                                         "service managers)."),
                                      tr("TRIGGER"), QStringLiteral("cli"));
        return options;
    }

    static std::optional<QString> checkSyncOptions(const QCommandLineParser &parser, bool withType)
    {
        if (withType) {
            // The sync types any connector offers; whether the service's own type offers it is checked later.
            QStringList types;
            for (const services::ServiceType &type : services::ServiceTypeRegistry::builtin().all()) {
                for (const QString &syncType : type.sync.types) {
                    if (!types.contains(syncType)) {
                        types.append(syncType);
                    }
                }
            }
            if (!parser.isSet(QStringLiteral("type"))) {
                return tr("Say what to sync with --type %1.").arg(types.join(u'|'));
            }
            if (!types.contains(parser.value(QStringLiteral("type")))) {
                return tr("Unknown sync type \"%1\": use one of %2.")
                    .arg(parser.value(QStringLiteral("type")), types.join(QStringLiteral(", ")));
            }
        }
        if (!sync::parseSyncMode(parser.value(QStringLiteral("mode")))) {
            return tr("--mode must be incremental or full.");
        }
        bool ok = false;
        const double share = parser.value(QStringLiteral("mass-delete-share")).toDouble(&ok);
        if (!ok || share < 0 || share > 1) {
            return tr("--mass-delete-share must be a number from 0 to 1 (0.2 = 20%).");
        }
        const int batch = parser.value(QStringLiteral("batch-size")).toInt(&ok);
        if (!ok || batch < 1 || batch > 100000) {
            return tr("--batch-size must be a whole number from 1 to 100000.");
        }
        const int concurrency = parser.value(QStringLiteral("concurrency")).toInt(&ok);
        if (!ok || concurrency < 0 || concurrency > 64) {
            return tr("--concurrency must be a whole number from 0 to 64 (0: the service's setting).");
        }
        const int staleSeconds = parser.value(QStringLiteral("lock-stale-seconds")).toInt(&ok);
        if (!ok || staleSeconds < 0 || staleSeconds > 86400) {
            return tr("--lock-stale-seconds must be a whole number from 0 to 86400 (0: the default).");
        }
        const QString trigger = parser.value(QStringLiteral("trigger"));
        if (trigger != u"cli" && trigger != u"schedule") {
            return tr("--trigger must be cli or schedule.");
        }
        return std::nullopt;
    }

    static std::optional<QString> checkSync(const QCommandLineParser &parser, const QStringList &args)
    {
        if (auto problem = expectArguments(args, 1, tr("Name the service to sync."))) {
            return problem;
        }
        return checkSyncOptions(parser, true);
    }

    static sync::SyncOptions optionsFrom(const QCommandLineParser &parser, const QString &type)
    {
        sync::SyncOptions options;
        options.syncType = type;
        options.mode = sync::parseSyncMode(parser.value(QStringLiteral("mode"))).value_or(sync::SyncMode::Incremental);
        options.dryRun = parser.isSet(QStringLiteral("dry-run"));
        options.allowMassDelete = parser.isSet(QStringLiteral("allow-mass-delete"));
        options.massDeleteShare = parser.value(QStringLiteral("mass-delete-share")).toDouble();
        options.batchSize = parser.value(QStringLiteral("batch-size")).toInt();
        options.concurrency = parser.value(QStringLiteral("concurrency")).toInt();
        options.resume = !parser.isSet(QStringLiteral("no-resume"));
        options.lockStaleTime = std::chrono::seconds(parser.value(QStringLiteral("lock-stale-seconds")).toInt());
        options.trigger = parser.value(QStringLiteral("trigger"));
        options.collectPlanRows = parser.isSet(QStringLiteral("plan-out"));
        return options;
    }

    static QString duration(qint64 ms)
    {
        const qint64 seconds = ms / 1000;
        if (seconds < 60) {
            return tr("%1 s").arg(QString::number(double(ms) / 1000.0, 'f', 1));
        }
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    }

    /// Progress: a bar redrawn on a terminal, a plain line every few seconds otherwise, a JSON line with --json.
    class ProgressPrinter {
    public:
        explicit ProgressPrinter(Context &ctx)
            : m_ctx(ctx)
            , m_terminal(!ctx.json && stdoutIsTerminal())
        {
            m_sinceLine.start();
        }

        void show(const sync::SyncProgress &progress)
        {
            if (m_ctx.quiet) {
                return;
            }
            const bool newStep = progress.step != m_step;
            m_step = progress.step;
            if (m_ctx.json) {
                if (!newStep && m_sinceLine.elapsed() < 1000) {
                    return;
                }
                m_sinceLine.restart();
                QJsonObject line{{QStringLiteral("event"), QStringLiteral("progress")},
                                 {QStringLiteral("step"), progress.step},
                                 {QStringLiteral("entity"), progress.entity},
                                 {QStringLiteral("pages"), progress.pagesDone},
                                 {QStringLiteral("done"), progress.unitsDone},
                                 {QStringLiteral("total"), progress.unitsTotal},
                                 {QStringLiteral("rows"), progress.rows},
                                 {QStringLiteral("rows_per_second"), qRound64(progress.rowsPerSecond)},
                                 {QStringLiteral("eta_ms"), progress.etaMs},
                                 {QStringLiteral("elapsed_ms"), progress.elapsedMs}};
                m_ctx.out() << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) << '\n';
                m_ctx.out().flush();
                return;
            }
            if (!m_terminal && !newStep && m_sinceLine.elapsed() < 5000) {
                return;
            }
            if (m_terminal && !newStep && m_sinceLine.elapsed() < 100) {
                return;
            }
            m_sinceLine.restart();
            QString bar;
            if (progress.unitsTotal > 0) {
                constexpr int width = 24;
                const int filled =
                    int(width * std::min<qint64>(progress.unitsDone, progress.unitsTotal) / progress.unitsTotal);
                bar = u'[' + QString(filled, u'#') + QString(width - filled, u'.') + QStringLiteral("] ");
            }
            QString text = tr("%1%2: %3 pages, %4 rows, %5 rows/s")
                               .arg(bar, progress.step)
                               .arg(progress.pagesDone)
                               .arg(progress.rows)
                               .arg(qRound64(progress.rowsPerSecond));
            if (progress.unitsTotal > 0) {
                text += tr(", %1/%2 done").arg(progress.unitsDone).arg(progress.unitsTotal);
            }
            if (progress.etaMs >= 0) {
                text += tr(", ETA %1").arg(duration(progress.etaMs));
            }
            if (m_terminal) {
                // Redraw in place; pad to wipe a longer previous line.
                m_ctx.out() << '\r' << text.leftJustified(m_width) << Qt::flush;
                m_width = std::max<int>(m_width, int(text.size()));
                m_open = true;
            } else {
                m_ctx.out() << text << '\n' << Qt::flush;
            }
        }

        /// Ends a bar line before other output.
        void close()
        {
            if (m_open) {
                m_ctx.out() << '\n' << Qt::flush;
                m_open = false;
            }
        }

    private:
        Context &m_ctx;
        bool m_terminal = false;
        bool m_open = false;
        int m_width = 0;
        QString m_step;
        QElapsedTimer m_sinceLine;
    };

    static QString statusText(const sync::SyncReport &report)
    {
        switch (report.status) {
        case db::SyncRunStatus::Success:
            return tr("success");
        case db::SyncRunStatus::Partial:
            return tr("partial");
        case db::SyncRunStatus::Failed:
            return tr("failed");
        case db::SyncRunStatus::Cancelled:
            return tr("cancelled");
        case db::SyncRunStatus::Pending:
        case db::SyncRunStatus::Running:
            break;
        }
        return db::syncRunStatusName(report.status);
    }

    static void printSummary(Context &ctx, const sync::SyncReport &report)
    {
        QTextStream &out = ctx.out();
        out << (report.dryRun ? tr("Dry run %1 of %2 (%3, %4): %5 in %6. Nothing was written.")
                              : tr("Run %1 of %2 (%3, %4): %5 in %6."))
                   .arg(report.runId)
                   .arg(report.serviceName, report.syncType, sync::syncModeName(report.mode), statusText(report),
                        duration(report.durationMs))
            << '\n';
        if (report.resumedFrom) {
            out << tr("Resumed run %1 from its last checkpoint.").arg(*report.resumedFrom) << '\n';
        }
        for (qint64 interrupted : report.interruptedRuns) {
            out << tr("Run %1 had stopped without finishing; it is now recorded as interrupted.").arg(interrupted)
                << '\n';
        }
        const QString header = report.dryRun ? tr("  %1 %2 %3 %4 %5 %6 %7")
                                                   .arg(tr("entity"), -18)
                                                   .arg(tr("fetched"), 9)
                                                   .arg(tr("create"), 9)
                                                   .arg(tr("update"), 9)
                                                   .arg(tr("delete"), 9)
                                                   .arg(tr("unchanged"), 10)
                                                   .arg(tr("failed"), 7)
                                             : tr("  %1 %2 %3 %4 %5 %6 %7")
                                                   .arg(tr("entity"), -18)
                                                   .arg(tr("fetched"), 9)
                                                   .arg(tr("created"), 9)
                                                   .arg(tr("updated"), 9)
                                                   .arg(tr("deleted"), 9)
                                                   .arg(tr("unchanged"), 10)
                                                   .arg(tr("failed"), 7);
        out << header << '\n';
        for (const auto &[entity, counts] : report.counts) {
            qint64 deleted = counts.deleted;
            if (report.dryRun) {
                for (const auto &[planned, plan] : report.plans) {
                    if (planned == entity) {
                        deleted = plan.remove;
                    }
                }
            }
            out << QStringLiteral("  %1 %2 %3 %4 %5 %6 %7")
                       .arg(db::syncEntityName(entity), -18)
                       .arg(counts.fetched, 9)
                       .arg(counts.created, 9)
                       .arg(counts.updated, 9)
                       .arg(deleted, 9)
                       .arg(counts.unchanged, 10)
                       .arg(counts.failed, 7)
                << '\n';
        }
        for (const QString &warning : report.warnings) {
            out << tr("warning: %1").arg(warning) << '\n';
        }
        for (const db::SyncRunErrorRecord &error : report.firstErrors) {
            out << tr("error: %1 %2 %3: %4")
                       .arg(error.entity, error.externalId,
                            error.errcode.isEmpty() ? QString() : tr("(errcode %1)").arg(error.errcode), error.message)
                << '\n';
        }
        if (report.errorCount > report.firstErrors.size()) {
            out << tr("... and %1 more errors: integration-console runs show %2")
                       .arg(report.errorCount - report.firstErrors.size())
                       .arg(report.runId)
                << '\n';
        }
        if (report.failure && report.failure->code != ErrorCode::Cancelled) {
            out << tr("error: %1").arg(report.failure->message) << '\n';
            if (!report.failure->hint.isEmpty()) {
                out << tr("hint: %1").arg(report.failure->hint) << '\n';
            }
        }
        out.flush();
    }

    static int exitCodeOf(const sync::SyncReport &report)
    {
        switch (report.status) {
        case db::SyncRunStatus::Success:
            return ExitOk;
        case db::SyncRunStatus::Partial:
            return ExitPartial;
        case db::SyncRunStatus::Cancelled:
            return ExitCancelled;
        case db::SyncRunStatus::Failed:
        case db::SyncRunStatus::Pending:
        case db::SyncRunStatus::Running:
            break;
        }
        return report.failure ? exitCodeFor(report.failure->code) : ExitFailure;
    }

    /// Runs a sync with progress, SIGINT/SIGTERM cancellation, the plan file and the summary; returns the exit code.
    static QCoro::Task<int> runSync(Context &ctx, secrets::SecretStore &secrets, QString serviceName,
                                    sync::SyncOptions options)
    {
        const QString planOut = ctx.parser.value(QStringLiteral("plan-out"));
        sync::SyncRunner runner(*ctx.db, ctx.dbPassword, secrets, ctx.tenant, services::ServiceTypeRegistry::builtin());
        sync::SyncObserver observer;
        auto printer = std::make_shared<ProgressPrinter>(ctx);
        observer.progress = [printer](const sync::SyncProgress &progress) { printer->show(progress); };
        // SIGINT / SIGTERM cancel the run: it stops at its next safe point and ends `cancelled` (exit code 130).
        QObject signalScope;
        onTerminationSignal(&signalScope, [cancel = observer.cancel, printer, &ctx](int) {
            if (!cancel->exchange(true)) {
                printer->close();
                ctx.err() << tr("Cancelling: the run stops at its next safe point.") << '\n' << Qt::flush;
            }
        });
        Result<sync::SyncReport> ran = co_await runner.run(serviceName, options, observer);
        printer->close();
        if (!ran) {
            co_return fail(ctx, ran.error());
        }
        const sync::SyncReport &report = ran.value();
        if (!planOut.isEmpty()) {
            QSaveFile file(planOut);
            const QByteArray json = QJsonDocument(report.planJson()).toJson(QJsonDocument::Indented);
            if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
                ctx.err() << tr("error: cannot write the plan to %1: %2").arg(planOut, file.errorString()) << '\n';
            }
        }
        if (ctx.json) {
            QJsonObject summary = report.toJson();
            summary.insert(QStringLiteral("event"), QStringLiteral("summary"));
            ctx.out() << QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact)) << '\n';
            ctx.out().flush();
        } else {
            printSummary(ctx, report);
        }
        co_return exitCodeOf(report);
    }

    static QCoro::Task<int> sync(Context &ctx)
    {
        const sync::SyncOptions options = optionsFrom(ctx.parser, ctx.parser.value(QStringLiteral("type")));
        co_return co_await runSync(ctx, *ctx.secrets, ctx.args.at(0), options);
    }

    // ---- sandbox sync ----

    static std::optional<QString> checkSandboxSync(const QCommandLineParser &parser, const QStringList &args)
    {
        if (auto problem = expectArguments(args, 0, QString())) {
            return problem;
        }
        bool ok = false;
        struct Bound {
            const char *name;
            int minimum;
            int maximum;
        };
        static constexpr Bound bounds[] = {
            {"contacts", 0, 1000000}, {"staff", 1, 1000000}, {"departments", 1, 30000}, {"revision", 0, 100000}};
        for (const Bound &bound : bounds) {
            const int value = parser.value(QLatin1String(bound.name)).toInt(&ok);
            if (!ok || value < bound.minimum || value > bound.maximum) {
                return tr("--%1 must be a whole number from %2 to %3.")
                    .arg(QLatin1String(bound.name))
                    .arg(bound.minimum)
                    .arg(bound.maximum);
            }
        }
        const qint64 seed = parser.value(QStringLiteral("seed")).toLongLong(&ok);
        if (!ok || seed < 0) {
            return tr("--seed must be a whole number of 0 or more.");
        }
        return checkSyncOptions(parser, false);
    }

    /// Starts a generated corp on a loopback port, configures (or updates) a WeCom service pointing at it - its
    /// sandbox-only secrets held in this process's memory, the keychain untouched - and runs a full sync of it.
    static QCoro::Task<int> sandboxSync(Context &ctx)
    {
        sandbox::CorpSpec spec;
        spec.seed = ctx.parser.value(QStringLiteral("seed")).toULongLong();
        spec.contacts = ctx.parser.value(QStringLiteral("contacts")).toInt();
        spec.staff = ctx.parser.value(QStringLiteral("staff")).toInt();
        spec.departments = ctx.parser.value(QStringLiteral("departments")).toInt();
        const int revision = ctx.parser.value(QStringLiteral("revision")).toInt();
        const QString name = ctx.parser.value(QStringLiteral("service"));
        sandbox::ServerOptions serverOptions;
        std::unique_ptr<sandbox::SandboxCorp> corp = sandbox::SandboxCorp::generate(spec);
        corp->advanceTo(revision);
        sandbox::SandboxServer server(std::move(corp), serverOptions);
        std::string why;
        if (!server.start(&why)) {
            co_return fail(
                ctx, Error::make(ErrorCode::Internal, tr("The sandbox could not start."), QString::fromStdString(why)));
        }
        const sandbox::CorpCredentials &credentials = server.credentials();
        if (!ctx.quiet && !ctx.json) {
            ctx.out() << tr("Sandbox corp %1 (seed %2, revision %3: %4 departments, %5 staff, %6 contacts) serving "
                            "at %7.")
                             .arg(QString::fromStdString(credentials.corpId))
                             .arg(spec.seed)
                             .arg(revision)
                             .arg(spec.departments)
                             .arg(spec.staff)
                             .arg(spec.contacts)
                             .arg(QString::fromStdString(server.baseUrl()))
                      << '\n'
                      << Qt::flush;
        }

        std::unique_ptr<secrets::SecretStore> memory = secrets::makeMemorySecretStore();
        services::ServiceConfigService services(*ctx.db, *memory, ctx.tenant);
        Result<db::ServiceConfigRecord> configured = co_await sandbox::configureSandboxService(services, name, server);
        if (!configured) {
            co_return fail(ctx, configured.error());
        }
        const sync::SyncOptions options = optionsFrom(ctx.parser, QStringLiteral("full"));
        const int code = co_await runSync(ctx, *memory, name, options);
        server.stop();
        co_return code;
    }
};

} // namespace

QList<CommandSpec> syncCommands()
{
    QList<QCommandLineOption> sandboxOptions = SyncCommands::syncOptions(false);
    sandboxOptions
        << QCommandLineOption(QStringLiteral("contacts"),
                              SyncCommands::tr("Number of external contacts of the sandbox corp (default 300)."),
                              SyncCommands::tr("N"), QStringLiteral("300"))
        << QCommandLineOption(QStringLiteral("staff"), SyncCommands::tr("Number of staff (default 60)."),
                              SyncCommands::tr("N"), QStringLiteral("60"))
        << QCommandLineOption(QStringLiteral("departments"), SyncCommands::tr("Number of departments (default 12)."),
                              SyncCommands::tr("N"), QStringLiteral("12"))
        << QCommandLineOption(QStringLiteral("revision"),
                              SyncCommands::tr("Revision of the corp: rounds of changes applied (default 0)."),
                              SyncCommands::tr("N"), QStringLiteral("0"))
        << QCommandLineOption(QStringLiteral("seed"), SyncCommands::tr("Seed of the generated corp (default 1)."),
                              SyncCommands::tr("N"), QStringLiteral("1"))
        << QCommandLineOption(QStringLiteral("service"),
                              SyncCommands::tr("Name of the service configured for the sandbox (default sandbox)."),
                              SyncCommands::tr("NAME"), QStringLiteral("sandbox"));
    return {
        {{QStringLiteral("sync")},
         SyncCommands::tr("NAME"),
         SyncCommands::tr("Sync a service into the integration database: departments, staff, customers and tags. "
                          "Exit code 0 on success, 3 when partial, 4 on a credential or configuration problem, 5 "
                          "when another run holds the lock, 130 when cancelled, 1 otherwise."),
         SyncCommands::syncOptions(true),
         DbNeed::Current,
         &SyncCommands::sync,
         &SyncCommands::checkSync},
        {{QStringLiteral("sandbox"), QStringLiteral("sync")},
         QString(),
         SyncCommands::tr("Try the console without credentials: start a sandbox WeCom corp in this process, "
                          "configure a service for it and run a full sync into the database."),
         sandboxOptions,
         DbNeed::Current,
         &SyncCommands::sandboxSync,
         &SyncCommands::checkSandboxSync},
    };
}

} // namespace ic::cli
