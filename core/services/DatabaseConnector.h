#pragma once

#include "common/Result.h"
#include "db/Database.h"
#include "db/DatabaseUrl.h"

#include <QCoreApplication>
#include <QCoro/QCoroTask>

#include <memory>
#include <optional>

namespace ic::secrets {
class SecretStore;
}

namespace ic::services {

/// How much of the schema a caller needs.
enum class SchemaNeed {
    None,    ///< Open only (db commands look at the schema themselves).
    Current, ///< The current schema: SQLite is upgraded on the spot, a server database must be migrated first.
};

/// An open integration database and the password it was opened with (for second connections: the sync worker,
/// the call log, run locks). The password is never logged.
struct OpenedDatabase {
    std::unique_ptr<db::Database> database;
    QString password;
};

/// Opens the integration database the same way for the command line and the window: the password of a server
/// database comes from `secrets` (its keychain entry or IC_SECRET_DATABASE_PASSWORD), never from the URL; with
/// SchemaNeed::Current the embedded SQLite database (the user's own) is upgraded automatically, while a server
/// database (shared) must be upgraded explicitly (`db migrate`) and is refused with DatabaseSchemaTooOld until then;
/// a database newer than the program is refused with DatabaseSchemaTooNew. When a server refuses the login and the
/// password could not be read, the error's hint says why it could not.
QCoro::Task<Result<OpenedDatabase>> openIntegrationDatabase(db::DatabaseUrl url, secrets::SecretStore &secrets,
                                                            SchemaNeed need);

/// The password of a server database as openIntegrationDatabase() reads it (empty for SQLite), and why it could not
/// be read, if it could not.
struct DatabasePassword {
    QString value;
    std::optional<Error> problem;
};
QCoro::Task<DatabasePassword> readDatabasePassword(db::DatabaseUrl url, secrets::SecretStore &secrets);

/// The rest of openIntegrationDatabase(), once the password is known: opens `url`, checks (and on SQLite upgrades)
/// the schema as `need` says. Synchronous and thread-agnostic, so that the window can run it on a thread of its own
/// first (a server that does not answer blocks for the connect timeout; an upgrade takes as long as it takes). The
/// connection belongs to the calling thread.
Result<OpenedDatabase> openWithPassword(const db::DatabaseUrl &url, const DatabasePassword &password, SchemaNeed need);

} // namespace ic::services
