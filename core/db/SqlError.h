#pragma once

#include "common/Error.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

// Helpers for running statements and turning QtSql errors into ic::Error values. Internal to core/db.
namespace ic::db {

/// The driver's error text with its native code, for Error::detail. Every occurrence of `secret` (a password
/// that was used for the connection) is replaced, so a driver that echoes it cannot leak it.
QString redactedErrorText(const QSqlError &error, const QString &secret = {});

/// Whether the error is a unique-constraint violation (SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY, PostgreSQL
/// 23505, MySQL 1062).
bool isUniqueViolation(const QSqlError &error);

/// Whether the error is a foreign-key violation: the referenced row does not exist (SQLite
/// SQLITE_CONSTRAINT_FOREIGNKEY, PostgreSQL 23503, MySQL 1452 / 1216).
bool isForeignKeyViolation(const QSqlError &error);

/// `text` lower-cased as a LIKE pattern that matches it anywhere, with '!' as the escape character: use it as
/// `LOWER(column) LIKE ? ESCAPE '!'` (ASCII letters then compare case-insensitively on every dialect).
QString containsPattern(const QString &text);

/// Prepares `statement` on `query` (forward only), binds `values` in order and executes it. False on any failure;
/// query.lastError() says which.
bool execute(QSqlQuery &query, const QString &statement, const QVariantList &values);

/// ErrorCode::Database with `message` (translated by the caller) and the driver's text as detail.
Error databaseError(const QString &message, const QSqlError &error);

} // namespace ic::db
