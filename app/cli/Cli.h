#pragma once

#include "cli/ExitCode.h"
#include "secrets/SecretStore.h"

#include <QCoro/QCoroTask>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QTextStream;

namespace ic::cli {

/// What the command line talks to, injectable so tests run commands in-process (KeePassXC's TestCli style).
struct CliIo {
    QTextStream *out = nullptr; ///< Results (tables, JSON).
    QTextStream *err = nullptr; ///< Errors, warnings, progress and prompts.
    /// Reads a secret value for `label` (never from the command line). The default reads a hidden prompt on a
    /// terminal, or standard input otherwise.
    std::function<std::optional<QString>(const QString &label)> readSecret;
    /// Creates the secret store; the default is the environment, then the OS keychain.
    std::function<std::unique_ptr<secrets::SecretStore>()> makeSecretStore;
};

/// The process's real standard streams, terminal and keychain.
CliIo defaultCliIo(QTextStream &out, QTextStream &err);

/// `integration-console [--no-gui] <command> ...`: parses `arguments` (arguments[0] is the program name), runs
/// the command and returns its exit code (see ExitCode). Never touches a display.
QCoro::Task<int> runCli(QStringList arguments, CliIo io);

/// Whether `arguments` ask for the command line rather than the window: --no-gui, --help, --version, or any
/// command. Decided before any application object exists.
bool wantsCommandLine(const QStringList &arguments);

} // namespace ic::cli
