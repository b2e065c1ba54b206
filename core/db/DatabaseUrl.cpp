#include "DatabaseUrl.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace ic::db {

namespace {

QString acceptedForms()
{
    return QCoreApplication::translate("ic::db::DatabaseUrl",
                                       "Accepted forms: sqlite:///absolute/path/file.db, sqlite:relative/file.db, "
                                       "postgresql://user@host:5432/database, mysql://user@host:3306/database.");
}

Error invalidUrl(const QString &message)
{
    return Error::invalid(QStringLiteral("database_url"), message, acceptedForms());
}

/// "C:/x.db" or "C:\x.db": a Windows absolute path, kept as written whatever the platform we run on.
bool isWindowsDrivePath(const QString &path)
{
    static const QRegularExpression drive(QStringLiteral("^[A-Za-z]:[/\\\\]"));
    return drive.match(path).hasMatch();
}

Result<DatabaseUrl> parseSqlite(const QString &rest)
{
    // rest is what follows "sqlite:".
    QString path;
    if (rest.startsWith(QLatin1String("//"))) {
        const QString afterSlashes = rest.mid(2);
        if (!afterSlashes.startsWith(QLatin1Char('/'))) {
            return invalidUrl(QCoreApplication::translate(
                "ic::db::DatabaseUrl", "An SQLite URL names a file, not a host: write three slashes before an absolute "
                                       "path (sqlite:///path/file.db)."));
        }
        path = afterSlashes;
        if (isWindowsDrivePath(path.mid(1))) {
            path = path.mid(1); // sqlite:///C:/x.db
        }
    } else {
        path = rest;
    }
    if (path.isEmpty() || path.endsWith(QLatin1Char('/')) || path.endsWith(QLatin1Char('\\'))) {
        return invalidUrl(QCoreApplication::translate("ic::db::DatabaseUrl", "The SQLite URL does not name a file."));
    }
    DatabaseUrl url;
    url.dialect = Dialect::SQLite;
    if (isWindowsDrivePath(path)) {
        url.path = QDir::cleanPath(QString(path).replace(QLatin1Char('\\'), QLatin1Char('/')));
    } else if (QFileInfo(path).isAbsolute()) {
        url.path = QDir::cleanPath(path);
    } else {
        url.path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    }
    return url;
}

Result<DatabaseUrl> parseServer(Dialect dialect, const QString &text)
{
    const int authorityStart = text.indexOf(QLatin1String("://"));
    if (authorityStart < 0) {
        return invalidUrl(
            QCoreApplication::translate("ic::db::DatabaseUrl", "A server database URL starts with “%1://”.")
                .arg(dialectName(dialect)));
    }
    // Look for a password before handing the text to QUrl, so the refusal never depends on how QUrl reads it.
    const QString afterScheme = text.mid(authorityStart + 3);
    const QString authority = afterScheme.left(afterScheme.indexOf(QLatin1Char('/')));
    const int at = authority.lastIndexOf(QLatin1Char('@'));
    if (at >= 0 && authority.left(at).contains(QLatin1Char(':'))) {
        return Error::invalid(
            QStringLiteral("database_url"),
            QCoreApplication::translate(
                "ic::db::DatabaseUrl",
                "A password in the database URL is not accepted: it would end up in shell history, settings "
                "files and logs."),
            QCoreApplication::translate(
                "ic::db::DatabaseUrl",
                "Remove “:password” from the URL. Store the password in the OS keychain, or provide it in the "
                "environment variable IC_SECRET_DATABASE_PASSWORD."));
    }

    const QUrl qurl(text, QUrl::StrictMode);
    if (!qurl.isValid()) {
        return invalidUrl(QCoreApplication::translate("ic::db::DatabaseUrl", "The database URL is not valid: %1")
                              .arg(qurl.errorString()));
    }
    if (qurl.hasQuery() || qurl.hasFragment()) {
        return invalidUrl(QCoreApplication::translate("ic::db::DatabaseUrl",
                                                      "Options after “?” or “#” are not supported in a database URL."));
    }
    DatabaseUrl url;
    url.dialect = dialect;
    url.host = qurl.host(QUrl::FullyDecoded);
    if (url.host.isEmpty()) {
        return invalidUrl(QCoreApplication::translate("ic::db::DatabaseUrl", "The database URL names no host."));
    }
    url.port = qurl.port(dialect == Dialect::PostgreSQL ? 5432 : 3306);
    if (url.port < 1 || url.port > 65535) {
        return invalidUrl(QCoreApplication::translate("ic::db::DatabaseUrl",
                                                      "The port of the database URL must be between 1 and 65535."));
    }
    url.user = qurl.userName(QUrl::FullyDecoded);
    QString database = qurl.path(QUrl::FullyDecoded);
    if (database.startsWith(QLatin1Char('/'))) {
        database.remove(0, 1);
    }
    if (database.isEmpty()) {
        return invalidUrl(QCoreApplication::translate(
            "ic::db::DatabaseUrl", "The database URL names no database: add “/database” after the host."));
    }
    if (database.contains(QLatin1Char('/'))) {
        return invalidUrl(
            QCoreApplication::translate("ic::db::DatabaseUrl", "The database name in the URL must not contain “/”."));
    }
    url.database = database;
    return url;
}

} // namespace

QString dialectName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::SQLite:
        return QStringLiteral("sqlite");
    case Dialect::PostgreSQL:
        return QStringLiteral("postgresql");
    case Dialect::MySQL:
        return QStringLiteral("mysql");
    }
    return QStringLiteral("sqlite");
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        return invalidUrl(QCoreApplication::translate("ic::db::DatabaseUrl", "The database URL is empty."));
    }
    const int colon = text.indexOf(QLatin1Char(':'));
    static const QRegularExpression schemeSyntax(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*$"));
    const QString scheme = colon > 0 ? text.left(colon).toLower() : QString();
    if (scheme.isEmpty() || !schemeSyntax.match(scheme).hasMatch() || scheme.size() == 1) {
        // A single letter is a Windows drive ("C:\x.db"), not a scheme.
        return Error::invalid(
            QStringLiteral("database_url"),
            QCoreApplication::translate("ic::db::DatabaseUrl",
                                        "The database must be given as a URL that starts with its type (sqlite:, "
                                        "postgresql: or mysql:). %1")
                .arg(acceptedForms()));
    }
    if (scheme == QLatin1String("sqlite")) {
        return parseSqlite(text.mid(colon + 1));
    }
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        return parseServer(Dialect::PostgreSQL, text);
    }
    if (scheme == QLatin1String("mysql") || scheme == QLatin1String("mariadb")) {
        return parseServer(Dialect::MySQL, text);
    }
    return Error::invalid(QStringLiteral("database_url"),
                          QCoreApplication::translate("ic::db::DatabaseUrl", "Unknown database type “%1”. %2")
                              .arg(scheme, acceptedForms()));
}

DatabaseUrl DatabaseUrl::defaultUrl()
{
    DatabaseUrl url;
    url.dialect = Dialect::SQLite;
    url.path = QDir::cleanPath(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                               QStringLiteral("/integration.db"));
    return url;
}

QString DatabaseUrl::toString() const
{
    if (dialect == Dialect::SQLite) {
        return path.startsWith(QLatin1Char('/')) ? QStringLiteral("sqlite://") + path
                                                 : QStringLiteral("sqlite:///") + path;
    }
    QString text = dialectName(dialect) + QStringLiteral("://");
    if (!user.isEmpty()) {
        text += QString::fromUtf8(QUrl::toPercentEncoding(user)) + QLatin1Char('@');
    }
    text += host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    text += QLatin1Char(':') + QString::number(port) + QLatin1Char('/') +
            QString::fromUtf8(QUrl::toPercentEncoding(database));
    return text;
}

secrets::SecretLocator DatabaseUrl::passwordLocator() const
{
    secrets::SecretLocator locator;
    locator.key = QStringLiteral("database/") + toString();
    locator.environmentVariable = QStringLiteral("IC_SECRET_DATABASE_PASSWORD");
    locator.description = QCoreApplication::translate("ic::db::DatabaseUrl", "password of database %1").arg(toString());
    return locator;
}

QString DatabaseUrl::identity() const
{
    if (!isServer()) {
        const QFileInfo file(path);
        QString canonical = file.canonicalFilePath();
        if (canonical.isEmpty()) {
            // Not created yet: resolve the folder if it exists, so the first process and later ones agree.
            const QString folder = QFileInfo(file.absolutePath()).canonicalFilePath();
            canonical = folder.isEmpty() ? QDir::cleanPath(file.absoluteFilePath()) : folder + u'/' + file.fileName();
        }
        return QStringLiteral("sqlite:") + canonical;
    }
    return dialectName(dialect) + QStringLiteral("://") + host.toLower() + u':' + QString::number(port) + u'/' +
           database;
}

} // namespace ic::db
