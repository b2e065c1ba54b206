#pragma once

#include <QString>

#include <optional>

class QTextStream;

namespace ic::cli {

/// Whether standard input / output is a terminal.
bool stdinIsTerminal();
bool stdoutIsTerminal();

/// Reads a secret the safe way: on a terminal, prompts on `prompt` (standard error) with echo switched off and
/// asks twice to catch typing mistakes; otherwise reads all of standard input and drops one trailing newline
/// (so `printf %s "$SECRET" | ...` and `... < file` both work). Never takes the value from the command line.
/// Returns std::nullopt when the two typed values differ or input could not be read.
std::optional<QString> readSecretFromStdin(QTextStream &prompt, const QString &label);

} // namespace ic::cli
