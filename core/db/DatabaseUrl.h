#pragma once

#include "common/Result.h"
#include "secrets/SecretStore.h"

#include <QString>

namespace ic::db {

enum class Dialect { SQLite, PostgreSQL, MySQL };

/// "sqlite", "postgresql" or "mysql".
QString dialectName(Dialect dialect);

/// A connection profile, written as a URL:
///   sqlite:///absolute/path/file.db          (sqlite:relative.db is accepted and made absolute)
///   postgresql://user@host:port/database      (postgres:// accepted; port defaults to 5432)
///   mysql://user@host:port/database           (mariadb:// accepted; port defaults to 3306)
/// A password in the URL is refused: passwords come from the secret store (passwordLocator()).
struct DatabaseUrl {
    Dialect dialect = Dialect::SQLite;
    QString path; ///< SQLite: absolute file path.
    QString host;
    int port = 0;
    QString user;
    QString database;

    /// Parses and validates; errors are ErrorCode::InvalidInput with a message that shows the accepted forms.
    static Result<DatabaseUrl> parse(const QString &text);
    /// sqlite:///<AppDataLocation>/integration.db
    static DatabaseUrl defaultUrl();

    /// Canonical form as accepted by parse(); never contains a password.
    QString toString() const;
    bool isServer() const { return dialect != Dialect::SQLite; }
    /// Where the password of a server database is kept: keychain key "database/<toString()>", environment
    /// variable IC_SECRET_DATABASE_PASSWORD.
    secrets::SecretLocator passwordLocator() const;
    /// A stable identity of the database, for naming machine-wide locks: "sqlite:" + the canonical file path
    /// (symbolic links resolved; the cleaned absolute path while the file does not exist yet), or
    /// "postgresql://host:port/database" / "mysql://host:port/database" with the host lower-cased. It holds neither
    /// the user nor a password. Two spellings of one server ("localhost" and "127.0.0.1") are two identities.
    QString identity() const;
};

} // namespace ic::db
