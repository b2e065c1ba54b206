#include "Cli.h"

#include "cli/Command.h"
#include "cli/Terminal.h"
#include "cli/TextTable.h"
#include "common/Logging.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "services/DatabaseConnector.h"
#include "services/ServiceConfigService.h"
#include "services/ServiceTypeRegistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QTextStream>

namespace ic::cli {

namespace {

class Cli : public CommandOutput {
    Q_DECLARE_TR_FUNCTIONS(ic::cli::Cli)

public:
    static QList<CommandSpec> commands();
    static QList<QCommandLineOption> globalOptions();
    static QString mainHelp();
    static QString commandHelp(const CommandSpec &command);

    static std::optional<QString> checkServiceAdd(const QCommandLineParser &parser, const QStringList &args);
    static std::optional<QString> checkOneService(const QCommandLineParser &parser, const QStringList &args);

    static QCoro::Task<Result<std::unique_ptr<db::Database>>> openDatabase(Context &ctx, const db::DatabaseUrl &url,
                                                                           DbNeed need);

    static QCoro::Task<int> dbMigrate(Context &ctx);
    static QCoro::Task<int> dbStatus(Context &ctx);
    static QCoro::Task<int> dbSetPassword(Context &ctx);
    static QCoro::Task<int> serviceTypes(Context &ctx);
    static QCoro::Task<int> serviceList(Context &ctx);
    static QCoro::Task<int> serviceShow(Context &ctx);
    static QCoro::Task<int> serviceAdd(Context &ctx);
    static QCoro::Task<int> serviceSet(Context &ctx);
    static QCoro::Task<int> serviceSetSecret(Context &ctx);
    static QCoro::Task<int> serviceEnable(Context &ctx);
    static QCoro::Task<int> serviceDisable(Context &ctx);
    static QCoro::Task<int> serviceRemove(Context &ctx);

    static QJsonObject recordJson(const services::ServiceConfigService &service, const db::ServiceConfigRecord &r);
    static Result<QMap<QString, QString>> parseAssignments(const QStringList &items);
    static QCoro::Task<int> setEnabled(Context &ctx, bool enabled);
};

QList<QCommandLineOption> Cli::globalOptions()
{
    return {
        QCommandLineOption(QStringLiteral("no-gui"), tr("Run a command without the window (implied by any command).")),
        QCommandLineOption(QStringLiteral("db"),
                           tr("Integration database URL: sqlite:///path/file.db, postgresql://user@host:port/db or "
                              "mysql://user@host:port/db. Default: $IC_DB_URL, else the embedded SQLite database in "
                              "the user's data folder."),
                           tr("URL")),
        QCommandLineOption(QStringLiteral("tenant"), tr("Tenant whose data to use (default: \"default\")."), tr("ID"),
                           QStringLiteral("default")),
        QCommandLineOption(QStringLiteral("json"), tr("Print machine-readable JSON instead of text.")),
        QCommandLineOption(QStringLiteral("quiet"), tr("Print only results and errors.")),
        QCommandLineOption(QStringLiteral("verbose"), tr("Print diagnostic messages to standard error.")),
        QCommandLineOption(QStringLiteral("version"), tr("Print the program's version.")),
        QCommandLineOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, tr("Show help for a command.")),
    };
}

QList<CommandSpec> Cli::commands()
{
    const QCommandLineOption typeOption(QStringLiteral("type"), tr("Service type (see `service types`)."), tr("TYPE"));
    const QCommandLineOption nameOption(QStringLiteral("name"), tr("Name of the new service, e.g. wecom-main."),
                                        tr("NAME"));
    const QCommandLineOption setOption(QStringLiteral("set"),
                                       tr("Set a non-secret field; repeat for several. Secrets are set with "
                                          "`service set-secret`."),
                                       tr("KEY=VALUE"));
    const QCommandLineOption disabledOption(QStringLiteral("disabled"), tr("Add the service disabled."));
    QList<CommandSpec> commands{
        {{QStringLiteral("db"), QStringLiteral("migrate")},
         QString(),
         tr("Create or upgrade the integration database's schema."),
         {},
         DbNeed::Open,
         &Cli::dbMigrate},
        {{QStringLiteral("db"), QStringLiteral("status")},
         QString(),
         tr("Show the database, its schema version and the migrations applied."),
         {},
         DbNeed::Open,
         &Cli::dbStatus},
        {{QStringLiteral("db"), QStringLiteral("set-password")},
         QString(),
         tr("Store the password of the --db server database in the OS keychain (read from a hidden prompt or "
            "standard input)."),
         {},
         DbNeed::None,
         &Cli::dbSetPassword},
        {{QStringLiteral("service"), QStringLiteral("types")},
         tr("[TYPE]"),
         tr("List the service types and their fields, or describe one type."),
         {},
         DbNeed::None,
         &Cli::serviceTypes,
         [](const QCommandLineParser &, const QStringList &args) -> std::optional<QString> {
             return args.size() > 1 ? std::optional<QString>(tr("Unexpected argument \"%1\".").arg(args.at(1)))
                                    : std::nullopt;
         }},
        {{QStringLiteral("service"), QStringLiteral("list")},
         QString(),
         tr("List the configured services."),
         {},
         DbNeed::Current,
         &Cli::serviceList},
        {{QStringLiteral("service"), QStringLiteral("show")},
         tr("NAME"),
         tr("Show one service's settings and which secrets are stored (never their values)."),
         {},
         DbNeed::Current,
         &Cli::serviceShow,
         &Cli::checkOneService},
        {{QStringLiteral("service"), QStringLiteral("add")},
         tr("--type TYPE --name NAME [--set KEY=VALUE]..."),
         tr("Add a service configuration."),
         {typeOption, nameOption, setOption, disabledOption},
         DbNeed::Current,
         &Cli::serviceAdd,
         &Cli::checkServiceAdd},
        {{QStringLiteral("service"), QStringLiteral("set")},
         tr("NAME KEY=VALUE..."),
         tr("Change non-secret fields of a service; an empty VALUE clears an optional field."),
         {},
         DbNeed::Current,
         &Cli::serviceSet,
         [](const QCommandLineParser &, const QStringList &args) -> std::optional<QString> {
             return args.size() < 2 ? std::optional<QString>(tr("Name a service and at least one KEY=VALUE."))
                                    : std::nullopt;
         }},
        {{QStringLiteral("service"), QStringLiteral("set-secret")},
         tr("NAME FIELD"),
         tr("Store a secret field in the OS keychain, read from a hidden prompt or from standard input."),
         {},
         DbNeed::Current,
         &Cli::serviceSetSecret,
         [](const QCommandLineParser &, const QStringList &args) -> std::optional<QString> {
             if (args.size() > 2) {
                 return tr("Too many arguments. The secret value is never taken from the command line: type it at "
                           "the prompt or pipe it on standard input.");
             }
             return expectArguments(args, 2, tr("Name a service and a secret field."));
         }},
        {{QStringLiteral("service"), QStringLiteral("enable")},
         tr("NAME"),
         tr("Enable a service."),
         {},
         DbNeed::Current,
         &Cli::serviceEnable,
         &Cli::checkOneService},
        {{QStringLiteral("service"), QStringLiteral("disable")},
         tr("NAME"),
         tr("Disable a service: it keeps its configuration but is not used."),
         {},
         DbNeed::Current,
         &Cli::serviceDisable,
         &Cli::checkOneService},
        {{QStringLiteral("service"), QStringLiteral("remove")},
         tr("NAME"),
         tr("Remove a service configuration and its secrets (the audit log keeps its history)."),
         {},
         DbNeed::Current,
         &Cli::serviceRemove,
         &Cli::checkOneService},
    };
    commands.append(connectionTestCommands());
    commands.append(syncCommands());
    commands.append(runCommands());
    commands.append(sandboxCommands());
    return commands;
}

QString Cli::mainHelp()
{
    QString text;
    QTextStream s(&text);
    s << tr("Usage: %1 [--no-gui] [global options] <command> [arguments]").arg(kProgram) << "\n\n";
    s << tr("Integration Console keeps the configurations of third-party services, with their secrets in the OS "
            "keychain, and their data in the integration database. Without a command it opens the window.")
      << "\n\n";
    s << tr("Commands:") << '\n';
    TextTable table({QString(), QString()});
    for (const auto &command : commands()) {
        table.addRow({QStringLiteral("  ") + command.words.join(QLatin1Char(' ')), command.summary});
    }
    QString commandsText;
    QTextStream commandsStream(&commandsText);
    table.print(commandsStream);
    commandsStream.flush();
    // Drop the empty header line.
    s << commandsText.mid(commandsText.indexOf(QLatin1Char('\n')) + 1) << '\n';
    QCommandLineParser parser;
    parser.addOptions(globalOptions());
    // Qt's help text is "Usage: ...", a blank line, then the options: keep the options, whatever the language.
    const QString options = parser.helpText();
    const qsizetype blank = options.indexOf(QStringLiteral("\n\n"));
    s << (blank >= 0 ? options.mid(blank + 2) : options) << '\n';
    s << tr("Exit codes: 0 success, 1 failure, 2 usage error, 3 partial success, 4 configuration or credential "
            "error, 5 another run holds the lock, 130 cancelled.")
      << '\n';
    s << tr("Secrets: stored in the OS keychain; on a server without one, set IC_SECRET_<SERVICE>_<FIELD> (upper "
            "case, other characters as '_'), e.g. IC_SECRET_WECOM_MAIN_CORP_SECRET. The database password is "
            "IC_SECRET_DATABASE_PASSWORD.")
      << '\n';
    s << tr("Run `%1 <command> --help` for a command's arguments.").arg(kProgram) << '\n';
    s.flush();
    return text;
}

QString Cli::commandHelp(const CommandSpec &command)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(command.summary);
    parser.addOptions(command.options);
    parser.addOptions(globalOptions());
    QString text = parser.helpText();
    // Replace Qt's generic usage line with the command's own.
    const qsizetype lineEnd = text.indexOf(QLatin1Char('\n'));
    const QString usage = tr("Usage: %1 %2 %3 [options]")
                              .arg(kProgram, command.words.join(QLatin1Char(' ')), command.syntax)
                              .replace(QStringLiteral("  "), QStringLiteral(" "));
    return usage + text.mid(lineEnd);
}

std::optional<QString> Cli::checkServiceAdd(const QCommandLineParser &parser, const QStringList &args)
{
    if (auto problem = expectArguments(args, 0, QString())) {
        return problem;
    }
    const QString type = parser.value(QStringLiteral("type"));
    if (type.isEmpty() || parser.value(QStringLiteral("name")).isEmpty()) {
        return tr("Both --type and --name are required.");
    }
    const auto &registry = services::ServiceTypeRegistry::builtin();
    if (!registry.find(type)) {
        return tr("Unknown service type \"%1\". Known types: %2.").arg(type, registry.ids().join(QStringLiteral(", ")));
    }
    return std::nullopt;
}

std::optional<QString> Cli::checkOneService(const QCommandLineParser &, const QStringList &args)
{
    return expectArguments(args, 1, tr("Name one service."));
}

QCoro::Task<Result<std::unique_ptr<db::Database>>> Cli::openDatabase(Context &ctx, const db::DatabaseUrl &url,
                                                                     DbNeed need)
{
    Result<services::OpenedDatabase> opened = co_await services::openIntegrationDatabase(
        url, *ctx.secrets, need == DbNeed::Current ? services::SchemaNeed::Current : services::SchemaNeed::None);
    if (!opened) {
        co_return opened.error();
    }
    ctx.dbPassword = opened.value().password;
    co_return std::move(opened.value().database);
}

QCoro::Task<int> Cli::dbMigrate(Context &ctx)
{
    auto before = db::Migrator::status(*ctx.db);
    if (!before) {
        co_return fail(ctx, before.error());
    }
    auto applied = db::Migrator::migrate(*ctx.db);
    if (!applied) {
        co_return fail(ctx, applied.error());
    }
    const int latest = db::Migrator::latestVersion();
    if (ctx.json) {
        printJson(ctx, QJsonObject{{QStringLiteral("database"), ctx.db->url().toString()},
                                   {QStringLiteral("previous_version"), before->current},
                                   {QStringLiteral("version"), latest},
                                   {QStringLiteral("applied"), applied.value()}});
    } else if (applied.value() == 0) {
        ctx.out() << tr("Database %1 is up to date (schema version %2).").arg(ctx.db->url().toString()).arg(latest)
                  << '\n';
    } else {
        ctx.out() << tr("Database %1 migrated from schema version %2 to %3.")
                         .arg(ctx.db->url().toString())
                         .arg(before->current)
                         .arg(latest)
                  << '\n';
    }
    co_return ExitOk;
}

QCoro::Task<int> Cli::dbStatus(Context &ctx)
{
    auto status = db::Migrator::status(*ctx.db);
    if (!status) {
        co_return fail(ctx, status.error());
    }
    const db::SchemaStatus &s = status.value();
    QString state;
    if (s.isTooNew()) {
        state = QStringLiteral("too_new");
    } else if (s.isUpToDate()) {
        state = QStringLiteral("up_to_date");
    } else {
        state = QStringLiteral("needs_migration");
    }
    if (ctx.json) {
        QJsonArray applied;
        for (const auto &m : s.applied) {
            applied.append(QJsonObject{{QStringLiteral("version"), m.version},
                                       {QStringLiteral("name"), m.name},
                                       {QStringLiteral("applied_at"), m.appliedAt.toString(Qt::ISODateWithMs)},
                                       {QStringLiteral("app_version"), m.appVersion}});
        }
        printJson(ctx, QJsonObject{{QStringLiteral("database"), ctx.db->url().toString()},
                                   {QStringLiteral("dialect"), db::dialectName(ctx.db->dialect())},
                                   {QStringLiteral("version"), s.current},
                                   {QStringLiteral("latest"), s.latest},
                                   {QStringLiteral("state"), state},
                                   {QStringLiteral("migrations"), applied}});
        co_return s.isTooNew() ? ExitConfiguration : ExitOk;
    }
    ctx.out() << tr("Database:        %1").arg(ctx.db->url().toString()) << '\n';
    ctx.out() << tr("Schema version:  %1 (this program: %2)").arg(s.current).arg(s.latest) << '\n';
    if (s.isTooNew()) {
        ctx.out() << tr("State:           newer than this program; install the newer version of Integration "
                        "Console")
                  << '\n';
    } else if (s.isUpToDate()) {
        ctx.out() << tr("State:           up to date") << '\n';
    } else {
        ctx.out() << tr("State:           needs `%1 db migrate`").arg(kProgram) << '\n';
    }
    if (!s.applied.isEmpty()) {
        ctx.out() << '\n';
        TextTable table({tr("VERSION"), tr("MIGRATION"), tr("APPLIED"), tr("BY VERSION")});
        for (const auto &m : s.applied) {
            table.addRow({QString::number(m.version), m.name, formatTime(m.appliedAt), m.appVersion});
        }
        table.print(ctx.out());
    }
    co_return s.isTooNew() ? ExitConfiguration : ExitOk;
}

QCoro::Task<int> Cli::dbSetPassword(Context &ctx)
{
    const QString urlText = ctx.parser.value(QStringLiteral("db"));
    auto url = db::DatabaseUrl::parse(urlText.isEmpty() ? qEnvironmentVariable("IC_DB_URL") : urlText);
    if (urlText.isEmpty() && qEnvironmentVariable("IC_DB_URL").isEmpty()) {
        co_return fail(ctx, Error::invalid(QStringLiteral("db"), tr("Name the server database with --db URL."),
                                           tr("For example: --db postgresql://ic@db.example.com:5432/integration")));
    }
    if (!url) {
        co_return fail(ctx, url.error());
    }
    if (!url->isServer()) {
        co_return fail(ctx, Error::invalid(QStringLiteral("db"), tr("SQLite databases have no password.")));
    }
    const secrets::SecretLocator locator = url->passwordLocator();
    auto value = ctx.io.readSecret(tr("Password for %1").arg(url->toString()));
    if (!value) {
        co_return fail(ctx, Error::invalid(QStringLiteral("password"),
                                           tr("No password was read (the two entries differ, or input ended).")));
    }
    if (value->isEmpty()) {
        co_return fail(ctx, Error::invalid(QStringLiteral("password"), tr("The password is empty.")));
    }
    if (Status stored = co_await ctx.secrets->write(locator, *value); !stored) {
        co_return fail(ctx, stored.error());
    }
    if (ctx.json) {
        printJson(ctx, QJsonObject{{QStringLiteral("database"), url->toString()}, {QStringLiteral("stored"), true}});
    } else if (!ctx.quiet) {
        ctx.out() << tr("Stored the password for %1 in the keychain.").arg(url->toString()) << '\n';
    }
    co_return ExitOk;
}

QCoro::Task<int> Cli::serviceTypes(Context &ctx)
{
    const auto &registry = services::ServiceTypeRegistry::builtin();
    auto fieldKind = [](const services::FieldSpec &f) {
        switch (f.kind) {
        case services::FieldKind::Text:
            return QStringLiteral("text");
        case services::FieldKind::Integer:
            return QStringLiteral("integer");
        case services::FieldKind::Url:
            return QStringLiteral("url");
        case services::FieldKind::Boolean:
            return QStringLiteral("boolean");
        case services::FieldKind::Choice:
            return QStringLiteral("choice");
        case services::FieldKind::Secret:
            return QStringLiteral("secret");
        }
        return QString();
    };
    QList<services::ServiceType> types;
    if (ctx.args.isEmpty()) {
        types = registry.all();
    } else if (const auto *type = registry.find(ctx.args.first())) {
        types.append(*type);
    } else {
        co_return fail(ctx,
                       Error::invalid(QStringLiteral("type"), tr("Unknown service type \"%1\".").arg(ctx.args.first()),
                                      tr("Known types: %1.").arg(registry.ids().join(QStringLiteral(", ")))));
    }
    if (ctx.json) {
        QJsonArray array;
        for (const auto &type : types) {
            QJsonArray fields;
            for (const auto &f : type.fields) {
                fields.append(QJsonObject{{QStringLiteral("key"), f.key},
                                          {QStringLiteral("label"), f.label},
                                          {QStringLiteral("kind"), fieldKind(f)},
                                          {QStringLiteral("required"), f.required},
                                          {QStringLiteral("default"), f.defaultValue},
                                          {QStringLiteral("hint"), f.hint}});
            }
            array.append(QJsonObject{{QStringLiteral("type"), type.id},
                                     {QStringLiteral("category"), type.category},
                                     {QStringLiteral("name"), type.displayName},
                                     {QStringLiteral("fields"), fields}});
        }
        printJson(ctx, array);
        co_return ExitOk;
    }
    if (ctx.args.isEmpty()) {
        TextTable table({tr("TYPE"), tr("CATEGORY"), tr("NAME"), tr("FIELDS")});
        for (const auto &type : types) {
            table.addRow({type.id, services::categoryDisplayName(type.category), type.displayName,
                          type.fieldKeys().join(QStringLiteral(", "))});
        }
        table.print(ctx.out());
        ctx.out() << '\n' << tr("Run `%1 service types TYPE` for a type's fields.").arg(kProgram) << '\n';
        co_return ExitOk;
    }
    const auto &type = types.first();
    ctx.out() << type.displayName << " (" << type.id << ") - " << services::categoryDisplayName(type.category) << '\n'
              << type.description << "\n\n";
    for (const auto &f : type.fields) {
        QString flags = fieldKind(f);
        if (f.required) {
            flags += QStringLiteral(", ") + tr("required");
        }
        if (!f.defaultValue.isEmpty()) {
            flags += QStringLiteral(", ") + tr("default %1").arg(f.defaultValue);
        }
        ctx.out() << "  " << f.key << "  " << f.label << " [" << flags << "]\n      " << f.hint << '\n';
    }
    if (!type.fields.isEmpty()) {
        ctx.out() << '\n'
                  << tr("Secret fields are stored with `%1 service set-secret NAME FIELD`.").arg(kProgram) << '\n';
    }
    co_return ExitOk;
}

QJsonObject Cli::recordJson(const services::ServiceConfigService &service, const db::ServiceConfigRecord &r)
{
    QJsonObject secrets;
    for (const auto &state : service.secretStates(r)) {
        secrets.insert(state.field, QJsonObject{{QStringLiteral("stored"), state.stored},
                                                {QStringLiteral("environment_variable"), state.environmentVariable},
                                                {QStringLiteral("from_environment"), state.fromEnvironment}});
    }
    return QJsonObject{{QStringLiteral("name"), r.name},
                       {QStringLiteral("type"), r.type},
                       {QStringLiteral("category"), r.category},
                       {QStringLiteral("description"), r.description},
                       {QStringLiteral("enabled"), r.enabled},
                       {QStringLiteral("status"), r.status},
                       {QStringLiteral("settings"), r.settings},
                       {QStringLiteral("secrets"), secrets},
                       {QStringLiteral("timeout_ms"), r.timeoutMs},
                       {QStringLiteral("priority"), r.priority},
                       {QStringLiteral("retry_policy"), r.retryPolicy},
                       {QStringLiteral("rate_limit"), r.rateLimit},
                       {QStringLiteral("last_tested_at"), r.lastTestedAt.isValid()
                                                              ? QJsonValue(r.lastTestedAt.toString(Qt::ISODateWithMs))
                                                              : QJsonValue()},
                       {QStringLiteral("created_at"), r.createdAt.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("updated_at"), r.updatedAt.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("created_by"), r.createdBy},
                       {QStringLiteral("updated_by"), r.updatedBy}};
}

QCoro::Task<int> Cli::serviceList(Context &ctx)
{
    services::ServiceConfigService service(*ctx.db, *ctx.secrets, ctx.tenant);
    auto records = service.list();
    if (!records) {
        co_return fail(ctx, records.error());
    }
    if (ctx.json) {
        QJsonArray array;
        for (const auto &r : records.value()) {
            array.append(recordJson(service, r));
        }
        printJson(ctx, array);
        co_return ExitOk;
    }
    if (records->isEmpty()) {
        if (!ctx.quiet) {
            ctx.out()
                << tr("No services are configured for tenant \"%1\" in %2.").arg(ctx.tenant, ctx.db->url().toString())
                << '\n'
                << tr("Add one with: %1 service add --type wecom --name wecom-main --set corp_id=CORP_ID").arg(kProgram)
                << '\n';
        }
        co_return ExitOk;
    }
    TextTable table({tr("NAME"), tr("TYPE"), tr("CATEGORY"), tr("ENABLED"), tr("STATUS"), tr("UPDATED")});
    for (const auto &r : records.value()) {
        table.addRow({r.name, r.type, services::categoryDisplayName(r.category), r.enabled ? tr("yes") : tr("no"),
                      r.status, formatTime(r.updatedAt)});
    }
    table.print(ctx.out());
    co_return ExitOk;
}

QCoro::Task<int> Cli::serviceShow(Context &ctx)
{
    services::ServiceConfigService service(*ctx.db, *ctx.secrets, ctx.tenant);
    auto record = service.get(ctx.args.first());
    if (!record) {
        co_return fail(ctx, record.error());
    }
    const db::ServiceConfigRecord &r = record.value();
    if (ctx.json) {
        printJson(ctx, recordJson(service, r));
        co_return ExitOk;
    }
    const auto *type = services::ServiceTypeRegistry::builtin().find(r.type);
    ctx.out() << tr("Name:        %1").arg(r.name) << '\n'
              << tr("Type:        %1 (%2)").arg(type ? type->displayName : r.type, r.type) << '\n'
              << tr("Category:    %1").arg(services::categoryDisplayName(r.category)) << '\n'
              << tr("Enabled:     %1").arg(r.enabled ? tr("yes") : tr("no")) << '\n'
              << tr("Status:      %1").arg(r.status) << '\n'
              << tr("Description: %1").arg(r.description) << '\n'
              << tr("Timeout:     %1 ms").arg(r.timeoutMs) << '\n'
              << tr("Priority:    %1").arg(r.priority) << '\n'
              << tr("Last test:   %1").arg(formatTime(r.lastTestedAt)) << '\n'
              << tr("Updated:     %1 by %2").arg(formatTime(r.updatedAt), r.updatedBy) << "\n\n";
    TextTable settings({tr("FIELD"), tr("VALUE")});
    if (type) {
        for (const auto &f : type->fields) {
            if (!f.isSecret()) {
                settings.addRow({f.key, r.settings.value(f.key).toString()});
            }
        }
    }
    settings.print(ctx.out());
    ctx.out() << '\n';
    TextTable calls({tr("CALL SETTING"), tr("VALUE")});
    for (const auto &f : services::ServiceConfigService::commonFields()) {
        if (f.key == u"description" || f.key == u"timeout_ms" || f.key == u"priority") {
            continue; // shown above
        }
        const QString value = services::ServiceConfigService::fieldValue(r, f.key);
        calls.addRow({f.key, value.isEmpty() ? tr("(default)") : value});
    }
    calls.print(ctx.out());
    ctx.out() << '\n';
    TextTable secretsTable({tr("SECRET"), tr("STATE")});
    for (const auto &state : service.secretStates(r)) {
        QString text;
        if (state.fromEnvironment) {
            text = tr("from environment variable %1").arg(state.environmentVariable);
        } else if (state.stored) {
            text = tr("stored in the keychain");
        } else {
            text = tr("not set");
        }
        secretsTable.addRow({state.field, text});
    }
    secretsTable.print(ctx.out());
    co_return ExitOk;
}

Result<QMap<QString, QString>> Cli::parseAssignments(const QStringList &items)
{
    QMap<QString, QString> values;
    for (const auto &item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return Error::invalid(item, tr("\"%1\" is not of the form KEY=VALUE.").arg(item));
        }
        values.insert(item.left(eq).trimmed(), item.mid(eq + 1));
    }
    return values;
}

QCoro::Task<int> Cli::serviceAdd(Context &ctx)
{
    const QString type = ctx.parser.value(QStringLiteral("type"));
    const QString name = ctx.parser.value(QStringLiteral("name"));
    auto values = parseAssignments(ctx.parser.values(QStringLiteral("set")));
    if (!values) {
        co_return fail(ctx, values.error());
    }
    services::ServiceConfigService service(*ctx.db, *ctx.secrets, ctx.tenant);
    auto added = service.add(type, name, values.value(), !ctx.parser.isSet(QStringLiteral("disabled")));
    if (!added) {
        co_return fail(ctx, added.error());
    }
    if (ctx.json) {
        printJson(ctx, recordJson(service, added.value()));
    } else if (!ctx.quiet) {
        ctx.out() << tr("Added service \"%1\" (%2).").arg(name, type) << '\n';
        QStringList missing;
        for (const auto &state : service.secretStates(added.value())) {
            missing.append(state.field);
        }
        if (!missing.isEmpty()) {
            ctx.out() << tr("Store its secrets with: %1 service set-secret %2 FIELD (fields: %3)")
                             .arg(kProgram, name, missing.join(QStringLiteral(", ")))
                      << '\n';
        }
    }
    co_return ExitOk;
}

QCoro::Task<int> Cli::serviceSet(Context &ctx)
{
    auto values = parseAssignments(ctx.args.mid(1));
    if (!values) {
        co_return fail(ctx, values.error());
    }
    services::ServiceConfigService service(*ctx.db, *ctx.secrets, ctx.tenant);
    auto before = service.get(ctx.args.first());
    if (!before) {
        co_return fail(ctx, before.error());
    }
    auto updated = service.update(ctx.args.first(), values.value());
    if (!updated) {
        co_return fail(ctx, updated.error());
    }
    if (ctx.json) {
        printJson(ctx, recordJson(service, updated.value()));
    } else if (!ctx.quiet) {
        if (updated->updatedAt == before->updatedAt) {
            ctx.out() << tr("No changes: \"%1\" already has these values.").arg(ctx.args.first()) << '\n';
        } else {
            ctx.out() << tr("Updated service \"%1\".").arg(ctx.args.first()) << '\n';
        }
    }
    co_return ExitOk;
}

QCoro::Task<int> Cli::serviceSetSecret(Context &ctx)
{
    const QString name = ctx.args.at(0);
    const QString field = ctx.args.at(1);
    services::ServiceConfigService service(*ctx.db, *ctx.secrets, ctx.tenant);
    auto record = service.get(name);
    if (!record) {
        co_return fail(ctx, record.error());
    }
    const auto *type = services::ServiceTypeRegistry::builtin().find(record->type);
    const auto *spec = type ? type->field(field) : nullptr;
    if (!spec || !spec->isSecret()) {
        // Let the service explain which fields are secret, before asking for a value.
        Status refused = co_await service.setSecret(name, field, QString());
        co_return fail(ctx, refused.error());
    }
    auto value = ctx.io.readSecret(tr("%1 for %2").arg(spec->label, name));
    if (!value) {
        co_return fail(ctx, Error::invalid(field, tr("No value was read (the two entries differ, or input ended).")));
    }
    if (Status stored = co_await service.setSecret(name, field, *value); !stored) {
        co_return fail(ctx, stored.error());
    }
    const secrets::SecretLocator locator = service.secretLocator(record.value(), field);
    const bool overridden = !qEnvironmentVariable(locator.environmentVariable.toLocal8Bit().constData()).isEmpty();
    if (ctx.json) {
        printJson(ctx, QJsonObject{{QStringLiteral("name"), name},
                                   {QStringLiteral("field"), field},
                                   {QStringLiteral("stored"), true},
                                   {QStringLiteral("overridden_by_environment"), overridden}});
    } else if (!ctx.quiet) {
        ctx.out() << tr("Stored %1 of \"%2\" in the keychain.").arg(field, name) << '\n';
        if (overridden) {
            ctx.err() << tr("note: %1 is set in this environment and takes precedence over the keychain.")
                             .arg(locator.environmentVariable)
                      << '\n';
        }
    }
    co_return ExitOk;
}

QCoro::Task<int> Cli::setEnabled(Context &ctx, bool enabled)
{
    services::ServiceConfigService service(*ctx.db, *ctx.secrets, ctx.tenant);
    auto updated = service.setEnabled(ctx.args.first(), enabled);
    if (!updated) {
        co_return fail(ctx, updated.error());
    }
    if (ctx.json) {
        printJson(ctx, recordJson(service, updated.value()));
    } else if (!ctx.quiet) {
        ctx.out()
            << (enabled ? tr("Service \"%1\" is enabled.") : tr("Service \"%1\" is disabled.")).arg(ctx.args.first())
            << '\n';
    }
    co_return ExitOk;
}

QCoro::Task<int> Cli::serviceEnable(Context &ctx)
{
    co_return co_await setEnabled(ctx, true);
}

QCoro::Task<int> Cli::serviceDisable(Context &ctx)
{
    co_return co_await setEnabled(ctx, false);
}

QCoro::Task<int> Cli::serviceRemove(Context &ctx)
{
    services::ServiceConfigService service(*ctx.db, *ctx.secrets, ctx.tenant);
    auto removed = co_await service.remove(ctx.args.first());
    if (!removed) {
        co_return fail(ctx, removed.error());
    }
    for (const auto &warning : removed.value()) {
        ctx.err() << tr("warning: %1").arg(warning) << '\n';
    }
    if (ctx.json) {
        printJson(ctx, QJsonObject{{QStringLiteral("name"), ctx.args.first()},
                                   {QStringLiteral("removed"), true},
                                   {QStringLiteral("warnings"), QJsonArray::fromStringList(removed.value())}});
    } else if (!ctx.quiet) {
        ctx.out() << tr("Removed service \"%1\".").arg(ctx.args.first()) << '\n';
    }
    co_return ExitOk;
}

/// Option names that take a value, so the scan for command words can skip their values.
bool takesValue(const QString &option, const QList<CommandSpec> &commands)
{
    const QString name = option.mid(option.startsWith(QLatin1String("--")) ? 2 : 1);
    for (const auto &o : Cli::globalOptions()) {
        if (o.names().contains(name)) {
            return !o.valueName().isEmpty();
        }
    }
    for (const auto &command : commands) {
        for (const auto &o : command.options) {
            if (o.names().contains(name)) {
                return !o.valueName().isEmpty();
            }
        }
    }
    return false;
}

/// The words that are not options or option values, in order.
QStringList positionalWords(const QStringList &arguments, const QList<CommandSpec> &commands)
{
    QStringList words;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--")) {
            words.append(arguments.mid(i + 1));
            break;
        }
        if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
            if (!a.contains(QLatin1Char('=')) && takesValue(a, commands)) {
                ++i;
            }
            continue;
        }
        words.append(a);
    }
    return words;
}

} // namespace

bool wantsCommandLine(const QStringList &arguments)
{
    const auto commands = Cli::commands();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--no-gui") || a == QLatin1String("--help") || a == QLatin1String("-h") ||
            a == QLatin1String("--version") || a == QLatin1String("--help-all")) {
            return true;
        }
    }
    return !positionalWords(arguments, commands).isEmpty();
}

CliIo defaultCliIo(QTextStream &out, QTextStream &err)
{
    CliIo io;
    io.out = &out;
    io.err = &err;
    io.readSecret = [&err](const QString &label) { return readSecretFromStdin(err, label); };
    io.makeSecretStore = [] {
        return secrets::makeDefaultSecretStore(secrets::makeKeychainSecretStore(QStringLiteral("Integration Console")));
    };
    return io;
}

QCoro::Task<int> runCli(QStringList arguments, CliIo io)
{
    const QList<CommandSpec> commands = Cli::commands();
    const QStringList words = positionalWords(arguments, commands);

    // The longest command whose words start the positional words.
    const CommandSpec *command = nullptr;
    for (const auto &c : commands) {
        if (words.size() >= c.words.size() && words.mid(0, c.words.size()) == c.words &&
            (!command || c.words.size() > command->words.size())) {
            command = &c;
        }
    }

    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.addOptions(Cli::globalOptions());
    if (command) {
        parser.addOptions(command->options);
    } else {
        // Accept every command's options so that a misspelt command is reported as such, not as an option. Several
        // commands share an option name (--type, the corp options): add each name once, which also keeps
        // QCommandLineParser from warning about duplicates.
        QSet<QString> names;
        for (const auto &c : commands) {
            for (const auto &o : c.options) {
                if (!names.contains(o.names().first())) {
                    names.unite(QSet<QString>(o.names().cbegin(), o.names().cend()));
                    parser.addOption(o);
                }
            }
        }
    }
    const bool parsed = parser.parse(arguments);
    const bool help = parser.isSet(QStringLiteral("help"));

    if (!command) {
        if (parsed && parser.isSet(QStringLiteral("version"))) {
            *io.out << kProgram << ' ' << QStringLiteral(IC_VERSION) << '\n';
            io.out->flush();
            co_return ExitOk;
        }
        if (words.isEmpty() || help) {
            *(help || words.isEmpty() ? io.out : io.err) << Cli::mainHelp();
            (help ? io.out : io.err)->flush();
            co_return help ? ExitOk : ExitUsage;
        }
        QStringList group;
        for (const auto &c : commands) {
            if (c.words.first() == words.first()) {
                group.append(c.words.join(QLatin1Char(' ')));
            }
        }
        if (!group.isEmpty()) {
            co_return Cli::usageError(io,
                                      Cli::tr("Unknown or missing subcommand for \"%1\". Commands: %2.")
                                          .arg(words.first(), group.join(QStringLiteral(", "))),
                                      kProgram);
        }
        co_return Cli::usageError(io, Cli::tr("Unknown command \"%1\".").arg(words.first()), kProgram);
    }

    const QString helpCommand = kProgram + QLatin1Char(' ') + command->words.join(QLatin1Char(' '));
    if (help) {
        *io.out << Cli::commandHelp(*command);
        io.out->flush();
        co_return ExitOk;
    }
    if (!parsed) {
        co_return Cli::usageError(io, parser.errorText(), helpCommand);
    }
    const QStringList commandArgs = words.mid(command->words.size());
    const auto problem = command->usage ? command->usage(parser, commandArgs)
                                        : CommandOutput::expectArguments(commandArgs, 0, QString());
    if (problem) {
        co_return Cli::usageError(io, *problem, helpCommand);
    }
    if (parser.isSet(QStringLiteral("version"))) {
        *io.out << kProgram << ' ' << QStringLiteral(IC_VERSION) << '\n';
        io.out->flush();
        co_return ExitOk;
    }

    if (parser.isSet(QStringLiteral("verbose"))) {
        QLoggingCategory::setFilterRules(QStringLiteral("ic.*.debug=true"));
    } else if (parser.isSet(QStringLiteral("quiet"))) {
        QLoggingCategory::setFilterRules(QStringLiteral("ic.*.info=false"));
    }

    Context ctx{io, parser, words.mid(command->words.size())};
    ctx.json = parser.isSet(QStringLiteral("json"));
    ctx.quiet = parser.isSet(QStringLiteral("quiet"));
    ctx.tenant = parser.value(QStringLiteral("tenant"));
    if (ctx.tenant.trimmed().isEmpty()) {
        co_return Cli::usageError(io, Cli::tr("--tenant needs a non-empty ID."), helpCommand);
    }
    ctx.secrets = io.makeSecretStore();

    if (command->db != DbNeed::None) {
        QString urlText = parser.value(QStringLiteral("db"));
        if (urlText.isEmpty()) {
            urlText = qEnvironmentVariable("IC_DB_URL");
        }
        db::DatabaseUrl url = db::DatabaseUrl::defaultUrl();
        if (!urlText.isEmpty()) {
            auto parsedUrl = db::DatabaseUrl::parse(urlText);
            if (!parsedUrl) {
                co_return Cli::usageError(io, parsedUrl.error().toDisplayString(), helpCommand);
            }
            url = parsedUrl.value();
        }
        qCDebug(lcCli) << "database" << url.toString();
        auto opened = co_await Cli::openDatabase(ctx, url, command->db);
        if (!opened) {
            co_return Cli::fail(ctx, opened.error());
        }
        ctx.db = std::move(opened).value();
    }
    const int code = co_await command->handler(ctx);
    io.out->flush();
    io.err->flush();
    co_return code;
}

} // namespace ic::cli
