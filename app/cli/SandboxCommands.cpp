// `sandbox serve` and `sandbox dump`: the local WeCom server for tests, demos and training.

#include "cli/Command.h"
#include "cli/Signals.h"
#include "sandbox/SandboxServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <fstream>
#include <iostream>
#include <sstream>

namespace ic::cli {

namespace {

class SandboxCommands : public CommandOutput {
    Q_DECLARE_TR_FUNCTIONS(ic::cli::Cli)

public:
    static QList<QCommandLineOption> corpOptions()
    {
        return {
            QCommandLineOption(QStringLiteral("seed"), tr("Seed of the generated corp (default 1)."), tr("N"),
                               QStringLiteral("1")),
            QCommandLineOption(QStringLiteral("departments"), tr("Number of departments (default 12)."), tr("N"),
                               QStringLiteral("12")),
            QCommandLineOption(QStringLiteral("staff"), tr("Number of staff (default 60)."), tr("N"),
                               QStringLiteral("60")),
            QCommandLineOption(QStringLiteral("contacts"), tr("Number of external contacts (default 300)."), tr("N"),
                               QStringLiteral("300")),
            QCommandLineOption(QStringLiteral("revision"), tr("Revision: rounds of changes applied (default 0)."),
                               tr("N"), QStringLiteral("0")),
        };
    }

    /// A whole number in [minimum, maximum] from option `name`, or a usage message.
    static std::optional<QString> checkNumber(const QCommandLineParser &parser, const QString &name, qint64 minimum,
                                              qint64 maximum)
    {
        bool ok = false;
        const qint64 value = parser.value(name).toLongLong(&ok);
        if (!ok || value < minimum || value > maximum) {
            return tr("--%1 must be a whole number from %2 to %3.").arg(name).arg(minimum).arg(maximum);
        }
        return std::nullopt;
    }

    static std::optional<QString> checkCorpOptions(const QCommandLineParser &parser)
    {
        struct Bound {
            const char *name;
            qint64 minimum;
            qint64 maximum;
        };
        static constexpr Bound bounds[] = {{"seed", 0, std::numeric_limits<qint64>::max()},
                                           {"departments", 1, 30000},
                                           {"staff", 1, 1000000},
                                           {"contacts", 0, 10000000},
                                           {"revision", 0, 100000}};
        for (const auto &bound : bounds) {
            if (auto problem = checkNumber(parser, QLatin1String(bound.name), bound.minimum, bound.maximum)) {
                return problem;
            }
        }
        return std::nullopt;
    }

    static sandbox::CorpSpec corpSpec(const QCommandLineParser &parser)
    {
        sandbox::CorpSpec spec;
        spec.seed = parser.value(QStringLiteral("seed")).toULongLong();
        spec.departments = parser.value(QStringLiteral("departments")).toInt();
        spec.staff = parser.value(QStringLiteral("staff")).toInt();
        spec.contacts = parser.value(QStringLiteral("contacts")).toInt();
        return spec;
    }

    static std::unique_ptr<sandbox::SandboxCorp> buildCorp(Context &ctx)
    {
        QElapsedTimer timer;
        timer.start();
        auto corp = sandbox::SandboxCorp::generate(corpSpec(ctx.parser));
        corp->advanceTo(ctx.parser.value(QStringLiteral("revision")).toInt());
        if (!ctx.quiet && !ctx.json) {
            ctx.err() << tr("Generated the sandbox corp (seed %1, revision %2) in %3 ms.")
                             .arg(corp->spec().seed)
                             .arg(corp->revision())
                             .arg(timer.elapsed())
                      << '\n';
            ctx.err().flush();
        }
        return corp;
    }

    static std::optional<QString> checkServe(const QCommandLineParser &parser, const QStringList &args)
    {
        if (auto problem = expectArguments(args, 0, QString())) {
            return problem;
        }
        if (auto problem = checkCorpOptions(parser)) {
            return problem;
        }
        if (auto problem = checkNumber(parser, QStringLiteral("port"), 0, 65535)) {
            return problem;
        }
        if (auto problem = checkNumber(parser, QStringLiteral("latency-ms"), 0, 600000)) {
            return problem;
        }
        if (auto problem = checkNumber(parser, QStringLiteral("token-lifetime"), 1, 86400)) {
            return problem;
        }
        if (auto problem = checkNumber(parser, QStringLiteral("limit-per-minute"), 1, 100000000)) {
            return problem;
        }
        if (auto problem = checkNumber(parser, QStringLiteral("max-concurrent"), 0, 100000)) {
            return problem;
        }
        for (const auto &spec : parser.values(QStringLiteral("fault"))) {
            std::string why;
            if (!sandbox::Fault::parse(spec.toStdString(), &why)) {
                return tr("--fault \"%1\": %2").arg(spec, QString::fromStdString(why));
            }
        }
        const QString callback = parser.value(QStringLiteral("callback-url"));
        if (!callback.isEmpty() && !callback.startsWith(QLatin1String("http://"))) {
            return tr("--callback-url must be an http:// URL, e.g. http://127.0.0.1:8080/wecom/callback.");
        }
        return std::nullopt;
    }

    static QCoro::Task<int> serve(Context &ctx)
    {
        sandbox::ServerOptions options;
        options.port = ctx.parser.value(QStringLiteral("port")).toInt();
        options.tokenLifetime = std::chrono::seconds(ctx.parser.value(QStringLiteral("token-lifetime")).toInt());
        const int latency = ctx.parser.value(QStringLiteral("latency-ms")).toInt();
        if (latency > 0) {
            sandbox::Fault slow;
            slow.kind = sandbox::Fault::Kind::Latency;
            slow.latencyMs = latency;
            options.faults.push_back(slow);
        }
        for (const auto &spec : ctx.parser.values(QStringLiteral("fault"))) {
            options.faults.push_back(*sandbox::Fault::parse(spec.toStdString(), nullptr));
        }
        options.callbacks.url = ctx.parser.value(QStringLiteral("callback-url")).toStdString();
        options.limits.perCorpApiPerMinute = ctx.parser.value(QStringLiteral("limit-per-minute")).toInt();
        options.limits.maxConcurrentPerApi = ctx.parser.value(QStringLiteral("max-concurrent")).toInt();

        sandbox::SandboxServer server(buildCorp(ctx), options);
        std::string why;
        if (!server.start(&why)) {
            co_return fail(ctx, Error::make(ErrorCode::Configuration,
                                            tr("The sandbox could not listen on port %1.").arg(options.port),
                                            QString::fromStdString(why),
                                            tr("Choose another port with --port, or 0 for any free port.")));
        }
        const sandbox::CorpCredentials &c = server.credentials();
        const QString base = QString::fromStdString(server.baseUrl());
        if (ctx.json) {
            // One line, so a script can read it before the server's lifetime ends.
            QJsonObject info{
                {QStringLiteral("base_url"), base},
                {QStringLiteral("corp_id"), QString::fromStdString(c.corpId)},
                {QStringLiteral("agent_id"), qint64(c.agentId)},
                {QStringLiteral("revision"), server.revision()},
                {QStringLiteral("secrets"),
                 QJsonObject{{QStringLiteral("corp_secret"), QString::fromStdString(c.appSecret)},
                             {QStringLiteral("contacts_secret"), QString::fromStdString(c.contactsSecret)},
                             {QStringLiteral("customer_secret"), QString::fromStdString(c.customerSecret)},
                             {QStringLiteral("callback_token"), QString::fromStdString(c.callbackToken)},
                             {QStringLiteral("encoding_aes_key"), QString::fromStdString(c.encodingAesKey)}}}};
            ctx.out() << QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact)) << '\n';
        } else {
            ctx.out() << tr("WeCom sandbox serving at %1 (revision %2). These credentials are sandbox-only values.")
                             .arg(base)
                             .arg(server.revision())
                      << "\n\n"
                      << "  corp_id           " << QString::fromStdString(c.corpId) << '\n'
                      << "  agent_id          " << c.agentId << '\n'
                      << "  corp_secret       " << QString::fromStdString(c.appSecret) << '\n'
                      << "  contacts_secret   " << QString::fromStdString(c.contactsSecret) << '\n'
                      << "  customer_secret   " << QString::fromStdString(c.customerSecret) << '\n'
                      << "  callback_token    " << QString::fromStdString(c.callbackToken) << '\n'
                      << "  encoding_aes_key  " << QString::fromStdString(c.encodingAesKey) << "\n\n"
                      << tr("Configure a service for it with:") << '\n'
                      << "  " << kProgram
                      << " service add --type wecom --name sandbox --set corp_id=" << QString::fromStdString(c.corpId)
                      << " --set agent_id=" << c.agentId << " --set api_base=" << base << '\n'
                      << "  printf %s '" << QString::fromStdString(c.contactsSecret) << "' | " << kProgram
                      << " service set-secret sandbox contacts_secret\n"
                      << "  printf %s '" << QString::fromStdString(c.customerSecret) << "' | " << kProgram
                      << " service set-secret sandbox customer_secret\n\n"
                      << tr("Control API: %1/sandbox/status. Stop with Ctrl+C.").arg(base) << '\n';
        }
        ctx.out().flush();
        const int signal = co_await waitForTerminationSignal();
        server.stop();
        if (!ctx.quiet && !ctx.json) {
            ctx.err() << tr("Sandbox stopped (signal %1).").arg(signal) << '\n';
        }
        co_return ExitOk;
    }

    static std::optional<QString> checkDump(const QCommandLineParser &parser, const QStringList &args)
    {
        if (auto problem = expectArguments(args, 0, QString())) {
            return problem;
        }
        if (auto problem = checkCorpOptions(parser)) {
            return problem;
        }
        const QString format = parser.value(QStringLiteral("format"));
        if (format != QLatin1String("jsonl") && format != QLatin1String("json")) {
            return tr("--format must be jsonl or json.");
        }
        return std::nullopt;
    }

    static QCoro::Task<int> dump(Context &ctx)
    {
        auto corp = buildCorp(ctx);
        const bool jsonLines = ctx.parser.value(QStringLiteral("format")) == QLatin1String("jsonl");
        const QString path = ctx.parser.value(QStringLiteral("out"));
        std::ostringstream text;
        corp->dump(text, jsonLines);
        const std::string data = text.str();
        if (path.isEmpty() || path == QLatin1String("-")) {
            std::cout.write(data.data(), std::streamsize(data.size()));
            std::cout.flush();
            co_return ExitOk;
        }
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(data.data(), qint64(data.size())) != qint64(data.size()) || !file.flush()) {
            co_return fail(ctx, Error::make(ErrorCode::Configuration, tr("Could not write %1.").arg(path),
                                            file.errorString(), tr("Check the folder exists and is writable.")));
        }
        if (!ctx.quiet) {
            ctx.err() << tr("Wrote the ground truth of revision %1 to %2 (%3 bytes).")
                             .arg(corp->revision())
                             .arg(path)
                             .arg(data.size())
                      << '\n';
        }
        co_return ExitOk;
    }
};

} // namespace

QList<CommandSpec> sandboxCommands()
{
    QList<QCommandLineOption> serveOptions = SandboxCommands::corpOptions();
    serveOptions << QCommandLineOption(QStringLiteral("port"),
                                       SandboxCommands::tr("Port on 127.0.0.1 (default 0: any free port)."),
                                       SandboxCommands::tr("N"), QStringLiteral("0"))
                 << QCommandLineOption(QStringLiteral("latency-ms"),
                                       SandboxCommands::tr("Delay every answer by N milliseconds."),
                                       SandboxCommands::tr("N"), QStringLiteral("0"))
                 << QCommandLineOption(QStringLiteral("token-lifetime"),
                                       SandboxCommands::tr("Access token lifetime in seconds (default 7200)."),
                                       SandboxCommands::tr("SECONDS"), QStringLiteral("7200"))
                 << QCommandLineOption(
                        QStringLiteral("fault"),
                        SandboxCommands::tr("Inject a fault; repeatable. E.g. errcode=-1,rate=0.1 or "
                                            "errcode=45009,count=5,endpoint=externalcontact/batch/get_by_user, "
                                            "http=503, latency=200,jitter=50, malformed, truncated, drop, stall."),
                        SandboxCommands::tr("SPEC"))
                 << QCommandLineOption(QStringLiteral("limit-per-minute"),
                                       SandboxCommands::tr("Calls per minute allowed per corp and API before 45009 "
                                                           "(default 10000, as WeCom documents)."),
                                       SandboxCommands::tr("N"), QStringLiteral("10000"))
                 << QCommandLineOption(QStringLiteral("max-concurrent"),
                                       SandboxCommands::tr("Calls in flight allowed per API before 45033 (default 0: "
                                                           "unlimited)."),
                                       SandboxCommands::tr("N"), QStringLiteral("0"))
                 << QCommandLineOption(
                        QStringLiteral("callback-url"),
                        SandboxCommands::tr("Send encrypted change callbacks to this URL when the revision advances."),
                        SandboxCommands::tr("URL"));
    QList<QCommandLineOption> dumpOptions = SandboxCommands::corpOptions();
    dumpOptions << QCommandLineOption(QStringLiteral("out"),
                                      SandboxCommands::tr("Write to FILE instead of standard output."),
                                      SandboxCommands::tr("FILE"))
                << QCommandLineOption(
                       QStringLiteral("format"),
                       SandboxCommands::tr("jsonl (one object per line, default) or json (one document)."),
                       SandboxCommands::tr("FORMAT"), QStringLiteral("jsonl"));
    return {
        {{QStringLiteral("sandbox"), QStringLiteral("serve")},
         QString(),
         SandboxCommands::tr("Serve a simulated WeCom corp on 127.0.0.1 until stopped, and print its credentials."),
         serveOptions,
         DbNeed::None,
         &SandboxCommands::serve,
         &SandboxCommands::checkServe},
        {{QStringLiteral("sandbox"), QStringLiteral("dump")},
         QString(),
         SandboxCommands::tr("Write the ground truth of a simulated corp at a revision, without serving."),
         dumpOptions,
         DbNeed::None,
         &SandboxCommands::dump,
         &SandboxCommands::checkDump},
    };
}

} // namespace ic::cli
