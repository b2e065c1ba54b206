#pragma once

#include "common/Error.h"

namespace ic::cli {

/// The command line's exit codes: part of the contract with scripts, cron and service managers.
enum ExitCode : int {
    ExitOk = 0,            ///< Success.
    ExitFailure = 1,       ///< The command failed (database unreachable, query or keychain failure, ...).
    ExitUsage = 2,         ///< The command line is wrong: unknown command or option, missing argument.
    ExitPartial = 3,       ///< Partly done: some items failed (syncs).
    ExitConfiguration = 4, ///< A configuration or credential problem: a value was rejected, a service or secret is
                           ///< missing, the database refused the credentials or has another schema version.
    ExitLockHeld = 5,      ///< Another run holds the lock.
    ExitCancelled = 130,   ///< Cancelled (SIGINT/SIGTERM).
};

ExitCode exitCodeFor(ErrorCode code);

} // namespace ic::cli
