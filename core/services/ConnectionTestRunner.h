#pragma once

#include "common/Result.h"
#include "services/ConnectionTest.h"
#include "services/ServiceConfigService.h"

#include <QCoreApplication>
#include <QCoro/QCoroTask>

namespace ic::db {
class Database;
}
namespace ic::secrets {
class SecretStore;
}

namespace ic::services {

/// Runs a service's connection test the way the command line and the window both need it:
///  1. looks the service up and finds its type's tester (a type without one is a Configuration error);
///  2. sets the service's status to "testing";
///  3. reads every configured secret from the secret store (a secret that cannot be read becomes a failed step
///     with the store's error and hint, never a crash or a silent skip);
///  4. runs the tester with a network manager of its own, the call log (a CallLogWriter on its own connection to
///     the same database, flushed before returning) and the shared token cache;
///  5. keeps the report in `service_tests` and sets the status to "active" (passed, also with warnings) or "error"
///     (failed), with last_tested_at.
/// Runs on the caller's thread without blocking it; the database work is a few single-row statements.
class ConnectionTestRunner {
    Q_DECLARE_TR_FUNCTIONS(ic::services::ConnectionTestRunner)

public:
    /// `databasePassword` is the password `db` was opened with (empty for SQLite); the call-log writer needs it for
    /// its own connection. It is never logged.
    ConnectionTestRunner(db::Database &db, QString databasePassword, secrets::SecretStore &secrets, QString tenantId,
                         const ServiceTypeRegistry &registry = ServiceTypeRegistry::builtin());

    /// Errors only when the test could not run at all (no such service, no tester, the database failed); a test
    /// that ran and failed is a report with failed steps.
    QCoro::Task<Result<ConnectionTestReport>> run(QString serviceName, ConnectionTestOptions options = {},
                                                  std::function<void(const TestStep &step)> progress = {});

private:
    db::Database &m_db;
    QString m_databasePassword;
    secrets::SecretStore &m_secrets;
    QString m_tenantId;
    const ServiceTypeRegistry &m_registry;
};

} // namespace ic::services
