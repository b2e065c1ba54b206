#include "SqlError.h"

namespace ic::db {

QString redactedErrorText(const QSqlError &error, const QString &secret)
{
    QString text = error.databaseText().trimmed();
    const QString driverText = error.driverText().trimmed();
    if (!driverText.isEmpty() && !text.contains(driverText)) {
        text = text.isEmpty() ? driverText : driverText + QStringLiteral(": ") + text;
    }
    if (!error.nativeErrorCode().isEmpty()) {
        text += QStringLiteral(" [") + error.nativeErrorCode() + QLatin1Char(']');
    }
    if (!secret.isEmpty()) {
        text.replace(secret, QStringLiteral("***"));
    }
    return text;
}

bool isUniqueViolation(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    // SQLite: 19 SQLITE_CONSTRAINT, 2067 SQLITE_CONSTRAINT_UNIQUE, 1555 SQLITE_CONSTRAINT_PRIMARYKEY; the text
    // tells a unique violation from the other constraint kinds.
    if (code == QLatin1String("23505") || code == QLatin1String("1062") || code == QLatin1String("2067") ||
        code == QLatin1String("1555")) {
        return true;
    }
    const QString text = error.databaseText();
    return text.contains(QLatin1String("UNIQUE constraint failed")) ||
           text.contains(QLatin1String("duplicate key value violates unique constraint")) ||
           text.contains(QLatin1String("Duplicate entry"));
}

bool isForeignKeyViolation(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    // SQLite: 787 SQLITE_CONSTRAINT_FOREIGNKEY; with plain result codes only the text tells it apart.
    if (code == QLatin1String("23503") || code == QLatin1String("1452") || code == QLatin1String("1216") ||
        code == QLatin1String("787")) {
        return true;
    }
    const QString text = error.databaseText();
    return text.contains(QLatin1String("FOREIGN KEY constraint failed")) ||
           text.contains(QLatin1String("violates foreign key constraint")) ||
           text.contains(QLatin1String("a foreign key constraint fails"));
}

bool execute(QSqlQuery &query, const QString &statement, const QVariantList &values)
{
    query.setForwardOnly(true);
    if (!query.prepare(statement)) {
        return false;
    }
    for (const QVariant &value : values) {
        query.addBindValue(value);
    }
    return query.exec();
}

Error databaseError(const QString &message, const QSqlError &error)
{
    return Error::make(ErrorCode::Database, message, redactedErrorText(error));
}

QString containsPattern(const QString &text)
{
    QString escaped = text.toLower();
    escaped.replace(QLatin1Char('!'), QStringLiteral("!!"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("!%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("!_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace ic::db
