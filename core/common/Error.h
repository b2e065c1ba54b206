#pragma once

#include <QCoreApplication>
#include <QString>

namespace ic {

/// Stable error codes. They are part of the command line's JSON output and of the exit-code mapping, so
/// existing values never change meaning; new ones are appended.
enum class ErrorCode {
    Internal,                 ///< A bug or an unexpected state.
    InvalidInput,             ///< The user gave a value that is not acceptable; `field` names it when known.
    NotFound,                 ///< The named object does not exist.
    AlreadyExists,            ///< An object with that natural key exists already.
    Configuration,            ///< A configuration is incomplete or inconsistent.
    DatabaseUnavailable,      ///< The database server could not be reached or the file could not be opened.
    DatabaseAuth,             ///< The database refused the credentials.
    DatabaseSchemaTooNew,     ///< The database was upgraded by a newer program.
    DatabaseSchemaTooOld,     ///< The database needs `db migrate` first.
    Database,                 ///< A query failed.
    SecretBackendUnavailable, ///< No OS keychain can be used here.
    SecretNotFound,           ///< No value is stored for a secret.
    SecretStore,              ///< The keychain reported another error.
    Network,                  ///< A transport failure talking to a third party.
    Provider,                 ///< The third party answered with an error.
    Credential,               ///< The third party rejected a credential.
    Cancelled,                ///< The operation was cancelled.
    LockHeld,                 ///< Another run holds the lock.
};

/// An error as a value: what went wrong for people (translated), the technical detail for logs and support,
/// and what to do about it. Errors never carry secret values: code that builds one from a third party's
/// answer must redact first.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message; ///< One sentence for the user, translated.
    QString detail;  ///< Technical detail (driver text, errcode), not translated; may be empty.
    QString hint;    ///< What to do next, translated; may be empty.
    QString field;   ///< The input field the error is about, for validation errors; may be empty.
    bool retryable = false;

    /// A stable, machine-readable name of `code` ("invalid_input", ...), used in JSON output.
    static QString codeName(ErrorCode code);
    QString codeName() const { return codeName(code); }

    /// "message (detail) hint" on one or more lines, for terminals and logs.
    QString toDisplayString() const;

    static Error make(ErrorCode code, QString message, QString detail = {}, QString hint = {})
    {
        return Error{code, std::move(message), std::move(detail), std::move(hint), {}, false};
    }
    static Error invalid(QString field, QString message, QString hint = {})
    {
        return Error{ErrorCode::InvalidInput, std::move(message), {}, std::move(hint), std::move(field), false};
    }
};

} // namespace ic
