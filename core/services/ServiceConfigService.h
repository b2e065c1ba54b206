#pragma once

#include "common/Result.h"
#include "db/Repositories.h"
#include "secrets/SecretStore.h"
#include "services/ServiceTypeRegistry.h"

#include <QCoreApplication>
#include <QCoro/QCoroTask>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ic::db {
class Database;
}

namespace ic::services {

/// Who makes a change, for the audit log. The database user is added from the connection.
struct Actor {
    QString osUser;
    QString host;
    /// The user running this process and this machine's host name.
    static Actor currentProcess();
};

/// What is known about one secret field of a configuration, never its value.
struct SecretFieldState {
    QString field;
    bool stored = false;          ///< A value was stored in the keychain (the database holds its reference).
    QString environmentVariable;  ///< IC_SECRET_<SERVICE>_<FIELD>
    bool fromEnvironment = false; ///< That variable is set in this process and takes precedence.
};

/// Create, read, update, enable, disable and remove service configurations of one tenant.
///
/// Contract:
///  - every value is validated against the service type's field schema before anything is written; a rejected
///    change returns an error naming the field and leaves the stored configuration exactly as it was;
///  - secret fields are never accepted by add()/update(): they go through setSecret(), which writes the value to
///    the secret store first and only then records the reference in the database;
///  - every change writes one audit entry (actor = OS user, database user and host; before/after without secret
///    values) in the same transaction as the change itself.
///
/// Besides the type's own fields, every configuration has the common settings `description`, `timeout_ms` and
/// `priority` (see commonFields()).
class ServiceConfigService {
    Q_DECLARE_TR_FUNCTIONS(ic::services::ServiceConfigService)

public:
    ServiceConfigService(db::Database &db, secrets::SecretStore &secrets, QString tenantId,
                         Actor actor = Actor::currentProcess(),
                         const ServiceTypeRegistry &registry = ServiceTypeRegistry::builtin());

    /// Settings every service type has, validated like the type's own fields: description, timeout_ms, priority,
    /// the call settings (retries, rate limit, circuit breaker, calls in flight) and ca_file.
    static QList<FieldSpec> commonFields();
    /// The stored value of field `key` (the type's or a common one) as text; empty when unset (the default applies).
    static QString fieldValue(const db::ServiceConfigRecord &record, const QString &key);

    Result<QList<db::ServiceConfigRecord>> list();
    /// NotFound with a hint listing how to see the configured names.
    Result<db::ServiceConfigRecord> get(const QString &name);
    QList<SecretFieldState> secretStates(const db::ServiceConfigRecord &record) const;
    secrets::SecretLocator secretLocator(const db::ServiceConfigRecord &record, const QString &field) const;

    /// Adds a configuration. `values` holds non-secret fields (type fields and common fields); defaults of the
    /// type are filled in. New configurations have status "inactive" until a connection test.
    Result<db::ServiceConfigRecord> add(const QString &type, const QString &name, const QMap<QString, QString> &values,
                                        bool enabled = true);
    /// Changes non-secret fields; an empty value clears an optional field. Returns the stored record (unchanged
    /// and without an audit entry when nothing differs).
    Result<db::ServiceConfigRecord> update(const QString &name, const QMap<QString, QString> &values);
    Result<db::ServiceConfigRecord> setEnabled(const QString &name, bool enabled);
    /// Validates and stores a secret value and records its reference.
    QCoro::Task<Status> setSecret(QString name, QString field, QString value);
    /// Removes the configuration and then its secrets from the secret store. Returns warnings for secrets that
    /// could not be removed from the store (the configuration itself is gone then).
    QCoro::Task<Result<QStringList>> remove(QString name);

private:
    Result<const ServiceType *> typeOf(const db::ServiceConfigRecord &record) const;
    Status applyValues(const ServiceType &type, const QMap<QString, QString> &values,
                       db::ServiceConfigRecord &record) const;
    Status checkName(const QString &name, const QList<db::ServiceConfigRecord> &existing) const;
    QJsonObject auditSnapshot(const db::ServiceConfigRecord &record) const;
    Status writeAudit(const QString &action, const QString &name, const QJsonObject &before, const QJsonObject &after);

    db::Database &m_db;
    secrets::SecretStore &m_secrets;
    QString m_tenantId;
    Actor m_actor;
    const ServiceTypeRegistry &m_registry;
};

} // namespace ic::services
