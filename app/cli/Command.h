#pragma once

#include "cli/Cli.h"
#include "common/Result.h"
#include "db/Database.h"
#include "secrets/SecretStore.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonValue>
#include <QTextStream>

#include <memory>
#include <optional>

namespace ic::cli {

inline const QString kProgram = QStringLiteral("integration-console");

/// One invocation's state: options, positional arguments after the command words, the database and secrets.
struct Context {
    Context(CliIo &cliIo, QCommandLineParser &commandParser, QStringList arguments)
        : io(cliIo)
        , parser(commandParser)
        , args(std::move(arguments))
    {}

    CliIo &io;
    QCommandLineParser &parser;
    QStringList args;
    bool json = false;
    bool quiet = false;
    QString tenant;
    std::unique_ptr<secrets::SecretStore> secrets;
    std::unique_ptr<db::Database> db;
    QString dbPassword; ///< The password `db` was opened with (server databases); for second connections only.

    QTextStream &out() { return *io.out; }
    QTextStream &err() { return *io.err; }
};

enum class DbNeed {
    None,    ///< The command does not touch the database.
    Open,    ///< Open, but leave the schema alone (db commands).
    Current, ///< Open with the current schema (SQLite is upgraded automatically; servers need `db migrate`).
};

using Handler = QCoro::Task<int> (*)(Context &);
/// A usage problem found from the arguments alone, before anything is opened; std::nullopt when fine.
using UsageCheck = std::optional<QString> (*)(const QCommandLineParser &parser, const QStringList &args);

/// One command: its words, help, options, what it needs, its argument check and its handler.
struct CommandSpec {
    QStringList words; ///< {"service", "add"}
    QString syntax;    ///< Arguments after the words, for the usage line.
    QString summary;   ///< One line, translated.
    QList<QCommandLineOption> options;
    DbNeed db = DbNeed::Current;
    Handler handler = nullptr;
    UsageCheck usage = nullptr; ///< nullptr: no positional arguments allowed.
};

/// Output conventions shared by every command: errors as "error: ..." with detail and hint (or a JSON error
/// object with --json), usage errors with exit code 2, JSON documents on standard output.
class CommandOutput {
    Q_DECLARE_TR_FUNCTIONS(ic::cli::Cli)

public:
    /// Prints `error` and returns its exit code.
    static int fail(Context &ctx, const Error &error);
    /// Prints a usage error pointing at `helpCommand --help` and returns ExitUsage.
    static int usageError(CliIo &io, const QString &message, const QString &helpCommand);
    static void printJson(Context &ctx, const QJsonValue &value);
    /// Local time for people, "never" for an invalid time.
    static QString formatTime(const QDateTime &time);
    /// Exactly `count` positional arguments: `missing` when fewer, "Unexpected argument" when more.
    static std::optional<QString> expectArguments(const QStringList &args, qsizetype count, const QString &missing);
};

/// The command groups, each in its own file.
QList<CommandSpec> sandboxCommands();
QList<CommandSpec> connectionTestCommands();
QList<CommandSpec> syncCommands();
QList<CommandSpec> runCommands();

} // namespace ic::cli
