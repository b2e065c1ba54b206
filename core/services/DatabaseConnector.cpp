#include "services/DatabaseConnector.h"

#include "common/Logging.h"
#include "db/Migrator.h"
#include "secrets/SecretStore.h"

namespace ic::services {

QCoro::Task<DatabasePassword> readDatabasePassword(db::DatabaseUrl url, secrets::SecretStore &secrets)
{
    DatabasePassword password;
    if (url.isServer()) {
        Result<std::optional<QString>> read = co_await secrets.read(url.passwordLocator());
        if (read && read.value()) {
            password.value = *read.value();
        } else if (!read) {
            // No keychain here is fine if the server needs no password; keep the reason for an auth failure.
            password.problem = read.error();
            qCDebug(lcServices) << "database password not available:" << read.error().message;
        }
    }
    co_return password;
}

Result<OpenedDatabase> openWithPassword(const db::DatabaseUrl &url, const DatabasePassword &password, SchemaNeed need)
{
    Result<std::unique_ptr<db::Database>> opened = db::Database::open(url, password.value);
    if (!opened) {
        Error error = opened.error();
        if (error.code == ErrorCode::DatabaseAuth && password.problem) {
            error.hint = password.problem->message + QLatin1Char(' ') + password.problem->hint;
        }
        return error;
    }
    std::unique_ptr<db::Database> database = std::move(opened).value();
    if (need == SchemaNeed::Current) {
        // A read first: migrating takes the write lock even when there is nothing to do, and on SQLite that would
        // make every command wait for a sync that is writing.
        Result<db::SchemaStatus> status = db::Migrator::status(*database);
        const bool upToDate = status && status.value().isUpToDate();
        if (url.dialect == db::Dialect::SQLite && !upToDate) {
            // The embedded database belongs to this user: keep it current without a separate step. A server
            // database is shared, so its upgrades stay an explicit `db migrate`.
            Result<int> migrated = db::Migrator::migrate(*database);
            if (!migrated) {
                return migrated.error();
            }
            if (migrated.value() > 0) {
                qCInfo(lcServices) << "upgraded the database schema:" << migrated.value() << "migration(s)";
            }
        } else if (Status compatible = upToDate ? Status() : db::Migrator::checkCompatible(*database); !compatible) {
            return compatible.error();
        }
    }
    return OpenedDatabase{std::move(database), password.value};
}

QCoro::Task<Result<OpenedDatabase>> openIntegrationDatabase(db::DatabaseUrl url, secrets::SecretStore &secrets,
                                                            SchemaNeed need)
{
    const DatabasePassword password = co_await readDatabasePassword(url, secrets);
    co_return openWithPassword(url, password, need);
}

} // namespace ic::services
