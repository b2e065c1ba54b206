#include "Error.h"

namespace ic {

QString Error::codeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    case ErrorCode::InvalidInput:
        return QStringLiteral("invalid_input");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::AlreadyExists:
        return QStringLiteral("already_exists");
    case ErrorCode::Configuration:
        return QStringLiteral("configuration");
    case ErrorCode::DatabaseUnavailable:
        return QStringLiteral("database_unavailable");
    case ErrorCode::DatabaseAuth:
        return QStringLiteral("database_auth");
    case ErrorCode::DatabaseSchemaTooNew:
        return QStringLiteral("database_schema_too_new");
    case ErrorCode::DatabaseSchemaTooOld:
        return QStringLiteral("database_schema_too_old");
    case ErrorCode::Database:
        return QStringLiteral("database");
    case ErrorCode::SecretBackendUnavailable:
        return QStringLiteral("secret_backend_unavailable");
    case ErrorCode::SecretNotFound:
        return QStringLiteral("secret_not_found");
    case ErrorCode::SecretStore:
        return QStringLiteral("secret_store");
    case ErrorCode::Network:
        return QStringLiteral("network");
    case ErrorCode::Provider:
        return QStringLiteral("provider");
    case ErrorCode::Credential:
        return QStringLiteral("credential");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorCode::LockHeld:
        return QStringLiteral("lock_held");
    }
    return QStringLiteral("internal");
}

QString Error::toDisplayString() const
{
    QString text = message;
    if (!detail.isEmpty()) {
        text += QStringLiteral(" (") + detail + QLatin1Char(')');
    }
    if (!hint.isEmpty()) {
        text += QLatin1Char('\n') + hint;
    }
    return text;
}

} // namespace ic
