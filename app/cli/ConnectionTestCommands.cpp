// `test-connection NAME`: the step-by-step connection test of a service configuration.

#include "cli/Command.h"
#include "cli/ExitCode.h"
#include "services/ConnectionTestRunner.h"

#include <QJsonObject>

namespace ic::cli {

namespace {

class ConnectionTestCommands : public CommandOutput {
    Q_DECLARE_TR_FUNCTIONS(ic::cli::Cli)

public:
    static std::optional<QString> checkArguments(const QCommandLineParser &, const QStringList &args)
    {
        return expectArguments(args, 1, tr("Name the service to test."));
    }

    /// Exit codes: 0 when every required step passed (warnings included), 4 when a required step failed on a
    /// credential or the configuration, 1 for any other failure.
    static QCoro::Task<int> testConnection(Context &ctx)
    {
        services::ConnectionTestOptions options;
        options.messageRecipients = ctx.parser.values(QStringLiteral("send-test-message"));
        services::ConnectionTestRunner runner(*ctx.db, ctx.dbPassword, *ctx.secrets, ctx.tenant);

        // Steps are printed as they finish on a terminal-facing stream; with --json only the final document is.
        auto progress = [&ctx](const services::TestStep &step) {
            if (ctx.json) {
                return;
            }
            services::ConnectionTestReport single;
            single.steps = {step};
            const QString text = single.toText();
            // toText() ends with a verdict line about the one step; keep only the step's own lines.
            ctx.out() << text.left(text.lastIndexOf(u'\n')) << '\n';
            ctx.out().flush();
        };
        Result<services::ConnectionTestReport> ran =
            co_await runner.run(ctx.args.at(0), std::move(options), std::move(progress));
        if (!ran) {
            co_return fail(ctx, ran.error());
        }
        const services::ConnectionTestReport &report = ran.value();
        if (ctx.json) {
            printJson(ctx, report.toJson());
        } else {
            const QString text = report.toText();
            ctx.out() << text.mid(text.lastIndexOf(u'\n') + 1) << '\n';
        }
        if (report.outcome() != services::TestOutcome::Failed) {
            co_return ExitOk;
        }
        co_return report.failedOnConfiguration() ? ExitConfiguration : ExitFailure;
    }
};

} // namespace

QList<CommandSpec> connectionTestCommands()
{
    return {
        {{QStringLiteral("test-connection")},
         ConnectionTestCommands::tr("NAME"),
         ConnectionTestCommands::tr(
             "Test a service configuration step by step: reach the server, get a token with each secret, and "
             "probe what the syncs need. Exit code 0 when every required step passes, 4 on a credential or "
             "configuration problem, 1 otherwise."),
         {QCommandLineOption(
             QStringLiteral("send-test-message"),
             ConnectionTestCommands::tr("Also send a test text message to this WeCom user ID (repeatable)."),
             ConnectionTestCommands::tr("USERID"))},
         DbNeed::Current,
         &ConnectionTestCommands::testConnection,
         &ConnectionTestCommands::checkArguments},
    };
}

} // namespace ic::cli
