#include "ExitCode.h"

namespace ic::cli {

ExitCode exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
    case ErrorCode::NotFound:
    case ErrorCode::AlreadyExists:
    case ErrorCode::Configuration:
    case ErrorCode::DatabaseAuth:
    case ErrorCode::DatabaseSchemaTooNew:
    case ErrorCode::DatabaseSchemaTooOld:
    case ErrorCode::SecretBackendUnavailable:
    case ErrorCode::SecretNotFound:
    case ErrorCode::Credential:
        return ExitConfiguration;
    case ErrorCode::Cancelled:
        return ExitCancelled;
    case ErrorCode::LockHeld:
        return ExitLockHeld;
    case ErrorCode::Internal:
    case ErrorCode::DatabaseUnavailable:
    case ErrorCode::Database:
    case ErrorCode::SecretStore:
    case ErrorCode::Network:
    case ErrorCode::Provider:
        return ExitFailure;
    }
    return ExitFailure;
}

} // namespace ic::cli
