#include "ServiceConfigService.h"

#include "common/Logging.h"
#include "db/Database.h"
#include "net/HttpClient.h"
#include "services/FieldValidation.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <pwd.h>
#include <unistd.h>
#endif

namespace ic::services {

namespace {

const QString kDescription = QStringLiteral("description");
const QString kTimeout = QStringLiteral("timeout_ms");
const QString kPriority = QStringLiteral("priority");
const QString kCaFile = QStringLiteral("ca_file");

/// The call settings every service has, each stored as a member of the retry_policy or rate_limit JSON column,
/// where net::HttpClientConfig::fromService() reads them. Unset members keep the client's defaults.
struct CallSetting {
    const char *key;    ///< The field key on the command line and in the editor.
    const char *column; ///< "retry_policy" or "rate_limit".
    const char *member; ///< The member in that column's JSON object.
    qint64 minimum;
    qint64 maximum;
};

constexpr qint64 kHourMs = 3600 * 1000;
constexpr CallSetting kCallSettings[] = {
    {"retry_max_attempts", "retry_policy", "max_attempts", 1, 10},
    {"retry_base_delay_ms", "retry_policy", "base_delay_ms", 0, kHourMs},
    {"retry_max_delay_ms", "retry_policy", "max_delay_ms", 0, kHourMs},
    {"rate_limit_wait_ms", "retry_policy", "rate_limit_floor_ms", 0, kHourMs},
    {"breaker_failures", "retry_policy", "breaker_failures", 1, 1000},
    {"breaker_cooldown_ms", "retry_policy", "breaker_cooldown_ms", 0, kHourMs},
    {"rate_per_second", "rate_limit", "per_second", 1, 10000},
    {"rate_burst", "rate_limit", "burst", 1, 10000},
    {"max_in_flight", "rate_limit", "max_in_flight", 1, 64},
};

const CallSetting *callSetting(const QString &key)
{
    for (const CallSetting &setting : kCallSettings) {
        if (key == QLatin1StringView(setting.key)) {
            return &setting;
        }
    }
    return nullptr;
}

/// The part of an environment variable name a service name turns into (see secrets::environmentVariableName).
QString environmentStem(const QString &name)
{
    return secrets::environmentVariableName(name, QString());
}

Error notFound(const QString &name)
{
    return Error::make(
        ErrorCode::NotFound, ServiceConfigService::tr("There is no service named \"%1\".").arg(name), {},
        ServiceConfigService::tr("Run `integration-console service list` to see the configured services."));
}

} // namespace

Actor Actor::currentProcess()
{
    Actor actor;
    actor.osUser = qEnvironmentVariable("USER");
    if (actor.osUser.isEmpty()) {
        actor.osUser = qEnvironmentVariable("USERNAME");
    }
    if (actor.osUser.isEmpty()) {
        actor.osUser = qEnvironmentVariable("LOGNAME");
    }
    if (actor.osUser.isEmpty()) {
        // Cron jobs and service managers often start programs without USER: ask the account database.
#ifdef Q_OS_WIN
        wchar_t buffer[257];
        DWORD size = 257;
        if (GetUserNameW(buffer, &size) && size > 0) {
            actor.osUser = QString::fromWCharArray(buffer, int(size) - 1);
        }
#else
        if (const passwd *account = ::getpwuid(::geteuid())) {
            actor.osUser = QString::fromLocal8Bit(account->pw_name);
        }
#endif
    }
    if (actor.osUser.isEmpty()) {
        actor.osUser = QStringLiteral("unknown");
    }
    actor.host = QHostInfo::localHostName();
    return actor;
}

ServiceConfigService::ServiceConfigService(db::Database &db, secrets::SecretStore &secrets, QString tenantId,
                                           Actor actor, const ServiceTypeRegistry &registry)
    : m_db(db)
    , m_secrets(secrets)
    , m_tenantId(std::move(tenantId))
    , m_actor(std::move(actor))
    , m_registry(registry)
{}

QList<FieldSpec> ServiceConfigService::commonFields()
{
    FieldSpec description;
    description.key = kDescription;
    description.label = tr("Description");
    description.hint = tr("A note for administrators: what this configuration is for.");
    description.validate = [](const QString &value) -> std::optional<QString> {
        if (value.size() > 500) {
            return tr("must be at most 500 characters");
        }
        return std::nullopt;
    };

    FieldSpec timeout;
    timeout.key = kTimeout;
    timeout.label = tr("Timeout (ms)");
    timeout.hint = tr("How long one call to the provider may take before it is abandoned and retried.");
    timeout.kind = FieldKind::Integer;
    timeout.minimum = 1000;
    timeout.maximum = 600000;

    FieldSpec priority;
    priority.key = kPriority;
    priority.label = tr("Priority");
    priority.hint = tr("Order for failover between configurations of the same category; lower is tried first.");
    priority.kind = FieldKind::Integer;
    priority.minimum = 0;
    priority.maximum = 1000;

    QList<FieldSpec> fields{description, timeout, priority};
    const auto integer = [&fields](const CallSetting &setting, QString label, QString hint) {
        FieldSpec spec;
        spec.key = QLatin1StringView(setting.key);
        spec.label = std::move(label);
        spec.hint = std::move(hint);
        spec.kind = FieldKind::Integer;
        spec.minimum = setting.minimum;
        spec.maximum = setting.maximum;
        fields.append(spec);
    };
    const auto &s = kCallSettings;
    integer(s[0], tr("Attempts per call"),
            tr("Calls in total, the first included, for failures worth retrying (network errors, 5xx, WeCom -1 "
               "and rate limits). Default 4."));
    integer(s[1], tr("First retry delay (ms)"),
            tr("The upper bound of the random wait before the first retry; it doubles for each further retry. "
               "Default 1000."));
    integer(s[2], tr("Longest retry delay (ms)"), tr("The cap of the doubling retry wait. Default 30000."));
    integer(s[3], tr("Wait after a rate limit (ms)"),
            tr("The least wait after the provider says \"too many calls\" (WeCom 45009/45033). WeCom blocks for "
               "60 s, so retrying sooner only extends the block. Default 60000."));
    integer(s[4], tr("Failures before pausing"),
            tr("Consecutive failures of the service (network errors, 5xx, WeCom -1) after which calls pause. "
               "Default 5."));
    integer(s[5], tr("Pause after failures (ms)"),
            tr("How long calls pause before one probe call tries again. Default 30000."));
    integer(s[6], tr("Calls per second"),
            tr("The service's rate limit, shared by every run in this program. The default 40 keeps under "
               "WeCom's 150,000 calls an hour per API."));
    integer(s[7], tr("Burst"), tr("Calls that may go at once before the rate limit spaces them. Default 50."));
    integer(s[8], tr("Calls in flight"),
            tr("Requests one run may have open at once. Default 8; WeCom answers 45033 to too many concurrent "
               "calls."));

    FieldSpec caFile;
    caFile.key = kCaFile;
    caFile.label = tr("Extra CA file");
    caFile.hint = tr("A PEM file of certificates to trust besides the system's, e.g. a TLS-inspecting proxy's. "
                     "Certificates are always checked.");
    caFile.validate = [](const QString &value) -> std::optional<QString> {
        if (value.isEmpty()) {
            return std::nullopt;
        }
        if (Status usable = net::HttpClient::checkCaFile(value); !usable) {
            return usable.error().message;
        }
        return std::nullopt;
    };
    fields.append(caFile);
    return fields;
}

QString ServiceConfigService::fieldValue(const db::ServiceConfigRecord &record, const QString &key)
{
    if (key == kDescription) {
        return record.description;
    }
    if (key == kTimeout) {
        return QString::number(record.timeoutMs);
    }
    if (key == kPriority) {
        return QString::number(record.priority);
    }
    if (const CallSetting *setting = callSetting(key)) {
        const QJsonObject &column =
            QLatin1StringView(setting->column) == u"retry_policy" ? record.retryPolicy : record.rateLimit;
        const QJsonValue value = column.value(QLatin1StringView(setting->member));
        return value.isUndefined() || value.isNull() ? QString() : QString::number(value.toInteger());
    }
    return record.settings.value(key).toVariant().toString();
}

Result<QList<db::ServiceConfigRecord>> ServiceConfigService::list()
{
    db::ServiceConfigRepository repository(m_db);
    return repository.list(m_tenantId);
}

Result<db::ServiceConfigRecord> ServiceConfigService::get(const QString &name)
{
    db::ServiceConfigRepository repository(m_db);
    auto found = repository.findByName(m_tenantId, name);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return notFound(name);
    }
    return *found.value();
}

secrets::SecretLocator ServiceConfigService::secretLocator(const db::ServiceConfigRecord &record,
                                                           const QString &field) const
{
    secrets::SecretLocator locator;
    locator.key = record.secretRefs.value(field).toString();
    if (locator.key.isEmpty()) {
        locator.key = QStringLiteral("service/%1/%2").arg(record.uid, field);
    }
    locator.environmentVariable = secrets::environmentVariableName(record.name, field);
    locator.description = ServiceConfigService::tr("%1 of service %2").arg(field, record.name);
    return locator;
}

QList<SecretFieldState> ServiceConfigService::secretStates(const db::ServiceConfigRecord &record) const
{
    QList<SecretFieldState> states;
    const ServiceType *type = m_registry.find(record.type);
    if (!type) {
        return states;
    }
    for (const auto &spec : type->fields) {
        if (!spec.isSecret()) {
            continue;
        }
        SecretFieldState state;
        state.field = spec.key;
        state.stored = record.secretRefs.contains(spec.key);
        state.environmentVariable = secrets::environmentVariableName(record.name, spec.key);
        state.fromEnvironment = !qEnvironmentVariable(state.environmentVariable.toLocal8Bit().constData()).isEmpty();
        states.append(state);
    }
    return states;
}

Result<const ServiceType *> ServiceConfigService::typeOf(const db::ServiceConfigRecord &record) const
{
    const ServiceType *type = m_registry.find(record.type);
    if (!type) {
        return Error::make(ErrorCode::Configuration,
                           ServiceConfigService::tr("Service \"%1\" has type \"%2\", which this version of the "
                                                    "program does not know.")
                               .arg(record.name, record.type),
                           {}, tr("Use the version of Integration Console that created it."));
    }
    return type;
}

Status ServiceConfigService::checkName(const QString &name, const QList<db::ServiceConfigRecord> &existing) const
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!pattern.match(name).hasMatch()) {
        return Error::invalid(QStringLiteral("name"),
                              tr("The service name must be 1 to 64 characters of letters, digits, '.', '-' and '_', "
                                 "starting with a letter or digit."),
                              tr("For example: wecom-main"));
    }
    for (const auto &other : existing) {
        if (other.name.compare(name, Qt::CaseInsensitive) == 0) {
            return Error{ErrorCode::AlreadyExists,
                         ServiceConfigService::tr("A service named \"%1\" already exists.").arg(other.name),
                         {},
                         tr("Choose another name, or change the existing service with `service set`."),
                         QStringLiteral("name"),
                         false};
        }
        if (environmentStem(other.name) == environmentStem(name)) {
            return Error{ErrorCode::AlreadyExists,
                         ServiceConfigService::tr(
                             "The name \"%1\" is too similar to the existing service \"%2\": both would read their "
                             "secrets from the same environment variables (%3*).")
                             .arg(name, other.name, environmentStem(name)),
                         {},
                         tr("Choose a name that differs in more than '-', '.' and '_'."),
                         QStringLiteral("name"),
                         false};
        }
    }
    return {};
}

Status ServiceConfigService::applyValues(const ServiceType &type, const QMap<QString, QString> &values,
                                         db::ServiceConfigRecord &record) const
{
    const QList<FieldSpec> common = commonFields();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString &key = it.key();
        const FieldSpec *spec = type.field(key);
        if (!spec) {
            for (const auto &c : common) {
                if (c.key == key) {
                    spec = &c;
                }
            }
        }
        if (!spec) {
            QStringList known = type.fieldKeys();
            for (const auto &c : common) {
                known.append(c.key);
            }
            return Error::invalid(
                key, ServiceConfigService::tr("Service type \"%1\" has no field \"%2\".").arg(type.id, key),
                ServiceConfigService::tr("Its fields are: %1.").arg(known.join(QStringLiteral(", "))));
        }
        if (spec->isSecret()) {
            return Error::invalid(key,
                                  ServiceConfigService::tr("%1 is a secret and cannot be given on the command "
                                                           "line or stored with the settings.")
                                      .arg(key),
                                  ServiceConfigService::tr("Store it with `integration-console service set-secret "
                                                           "%1 %2`, which reads it from a hidden prompt or "
                                                           "standard input.")
                                      .arg(record.name.isEmpty() ? QStringLiteral("NAME") : record.name, key));
        }
        if (auto reason = validateField(*spec, it.value())) {
            return Error::invalid(key, ServiceConfigService::tr("%1 (%2) %3").arg(spec->label, spec->key, *reason),
                                  spec->hint);
        }
        const QString value = normaliseField(*spec, it.value());
        if (key == kDescription) {
            record.description = value;
        } else if (key == kTimeout) {
            record.timeoutMs = value.isEmpty() ? type.defaultTimeoutMs : value.toInt();
        } else if (key == kPriority) {
            record.priority = value.isEmpty() ? 0 : value.toInt();
        } else if (const CallSetting *setting = callSetting(key)) {
            QJsonObject &column =
                QLatin1StringView(setting->column) == u"retry_policy" ? record.retryPolicy : record.rateLimit;
            if (value.isEmpty()) {
                column.remove(QLatin1StringView(setting->member));
            } else {
                column.insert(QLatin1StringView(setting->member), value.toLongLong());
            }
        } else if (value.isEmpty()) {
            record.settings.remove(key);
        } else {
            record.settings.insert(key, value);
        }
    }
    // Defaults and required fields, after all values are in.
    for (const auto &spec : type.fields) {
        if (spec.isSecret()) {
            continue;
        }
        if (!record.settings.contains(spec.key) && !spec.defaultValue.isEmpty()) {
            record.settings.insert(spec.key, spec.defaultValue);
        }
        if (spec.required && record.settings.value(spec.key).toString().isEmpty()) {
            return Error::invalid(spec.key,
                                  ServiceConfigService::tr("%1 (%2) is required for a %3 service.")
                                      .arg(spec.label, spec.key, type.displayName),
                                  spec.hint);
        }
    }
    return {};
}

QJsonObject ServiceConfigService::auditSnapshot(const db::ServiceConfigRecord &record) const
{
    QJsonObject secretsState;
    for (const auto &state : secretStates(record)) {
        secretsState.insert(state.field, state.stored ? QStringLiteral("stored") : QStringLiteral("not set"));
    }
    return QJsonObject{
        {QStringLiteral("name"), record.name},
        {QStringLiteral("type"), record.type},
        {QStringLiteral("category"), record.category},
        {QStringLiteral("description"), record.description},
        {QStringLiteral("enabled"), record.enabled},
        {QStringLiteral("status"), record.status},
        {QStringLiteral("settings"), record.settings},
        {QStringLiteral("secrets"), secretsState},
        {QStringLiteral("timeout_ms"), record.timeoutMs},
        {QStringLiteral("priority"), record.priority},
        {QStringLiteral("retry_policy"), record.retryPolicy},
        {QStringLiteral("rate_limit"), record.rateLimit},
    };
}

Status ServiceConfigService::writeAudit(const QString &action, const QString &name, const QJsonObject &before,
                                        const QJsonObject &after)
{
    db::AuditEntry entry;
    entry.tenantId = m_tenantId;
    entry.occurredAt = QDateTime::currentDateTimeUtc();
    entry.actorOsUser = m_actor.osUser;
    entry.actorDbUser = m_db.currentUser();
    entry.host = m_actor.host;
    entry.action = action;
    entry.entityType = QStringLiteral("service_config");
    entry.entityName = name;
    entry.before = before;
    entry.after = after;
    entry.appVersion = QStringLiteral(IC_VERSION);
    db::AuditLogRepository audit(m_db);
    auto appended = audit.append(entry);
    if (!appended) {
        return appended.error();
    }
    return {};
}

Result<db::ServiceConfigRecord> ServiceConfigService::add(const QString &typeId, const QString &name,
                                                          const QMap<QString, QString> &values, bool enabled)
{
    const ServiceType *type = m_registry.find(typeId);
    if (!type) {
        return Error::invalid(
            QStringLiteral("type"), ServiceConfigService::tr("Unknown service type \"%1\".").arg(typeId),
            ServiceConfigService::tr("Known types: %1.").arg(m_registry.ids().join(QStringLiteral(", "))));
    }
    db::ServiceConfigRecord record;
    record.uid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.tenantId = m_tenantId;
    record.name = name;
    record.type = type->id;
    record.category = type->category;
    record.enabled = enabled;
    record.status = QStringLiteral("inactive");
    record.timeoutMs = type->defaultTimeoutMs;
    record.createdAt = QDateTime::currentDateTimeUtc();
    record.updatedAt = record.createdAt;
    record.createdBy = m_actor.osUser;
    record.updatedBy = m_actor.osUser;
    if (auto applied = applyValues(*type, values, record); !applied) {
        return applied.error();
    }

    Status result = m_db.transaction([&]() -> Status {
        auto existing = list();
        if (!existing) {
            return existing.error();
        }
        if (auto nameOk = checkName(name, existing.value()); !nameOk) {
            return nameOk;
        }
        db::ServiceConfigRepository repository(m_db);
        auto id = repository.insert(record);
        if (!id) {
            return id.error();
        }
        record.id = id.value();
        return writeAudit(QStringLiteral("create"), name, {}, auditSnapshot(record));
    });
    if (!result) {
        return result.error();
    }
    qCInfo(lcServices) << "added service" << name << "of type" << type->id;
    return record;
}

Result<db::ServiceConfigRecord> ServiceConfigService::update(const QString &name, const QMap<QString, QString> &values)
{
    db::ServiceConfigRecord updated;
    bool changed = false;
    Status result = m_db.transaction([&]() -> Status {
        auto current = get(name);
        if (!current) {
            return current.error();
        }
        auto type = typeOf(current.value());
        if (!type) {
            return type.error();
        }
        updated = current.value();
        if (auto applied = applyValues(*type.value(), values, updated); !applied) {
            return applied;
        }
        const QJsonObject before = auditSnapshot(current.value());
        const QJsonObject after = auditSnapshot(updated);
        if (before == after) {
            return {};
        }
        changed = true;
        updated.updatedAt = QDateTime::currentDateTimeUtc();
        updated.updatedBy = m_actor.osUser;
        db::ServiceConfigRepository repository(m_db);
        if (auto stored = repository.update(updated); !stored) {
            return stored;
        }
        return writeAudit(QStringLiteral("update"), name, before, after);
    });
    if (!result) {
        return result.error();
    }
    if (changed) {
        qCInfo(lcServices) << "updated service" << name;
    }
    return updated;
}

Result<db::ServiceConfigRecord> ServiceConfigService::setEnabled(const QString &name, bool enabled)
{
    db::ServiceConfigRecord updated;
    Status result = m_db.transaction([&]() -> Status {
        auto current = get(name);
        if (!current) {
            return current.error();
        }
        updated = current.value();
        if (updated.enabled == enabled) {
            return {};
        }
        updated.enabled = enabled;
        updated.updatedAt = QDateTime::currentDateTimeUtc();
        updated.updatedBy = m_actor.osUser;
        db::ServiceConfigRepository repository(m_db);
        if (auto stored = repository.update(updated); !stored) {
            return stored;
        }
        return writeAudit(enabled ? QStringLiteral("enable") : QStringLiteral("disable"), name,
                          auditSnapshot(current.value()), auditSnapshot(updated));
    });
    if (!result) {
        return result.error();
    }
    return updated;
}

QCoro::Task<Status> ServiceConfigService::setSecret(QString name, QString field, QString value)
{
    auto current = get(name);
    if (!current) {
        co_return current.error();
    }
    auto type = typeOf(current.value());
    if (!type) {
        co_return type.error();
    }
    const FieldSpec *spec = type.value()->field(field);
    if (!spec || !spec->isSecret()) {
        QStringList secretFields;
        for (const auto &f : type.value()->fields) {
            if (f.isSecret()) {
                secretFields.append(f.key);
            }
        }
        co_return Error::invalid(
            field,
            ServiceConfigService::tr("\"%1\" is not a secret field of a %2 service.").arg(field, type.value()->id),
            ServiceConfigService::tr("Its secret fields are: %1. Other settings are changed "
                                     "with `service set`.")
                .arg(secretFields.join(QStringLiteral(", "))));
    }
    if (value.isEmpty()) {
        co_return Error::invalid(field, ServiceConfigService::tr("The value for %1 is empty.").arg(field), spec->hint);
    }
    if (auto reason = validateField(*spec, value)) {
        co_return Error::invalid(field, ServiceConfigService::tr("%1 (%2) %3").arg(spec->label, spec->key, *reason),
                                 spec->hint);
    }

    const secrets::SecretLocator locator = secretLocator(current.value(), field);
    // The store first: a reference is recorded only once the value is really stored.
    if (Status written = co_await m_secrets.write(locator, value); !written) {
        co_return written;
    }

    co_return m_db.transaction([&]() -> Status {
        auto fresh = get(name);
        if (!fresh) {
            return fresh.error();
        }
        db::ServiceConfigRecord updated = fresh.value();
        updated.secretRefs.insert(field, locator.key);
        updated.updatedAt = QDateTime::currentDateTimeUtc();
        updated.updatedBy = m_actor.osUser;
        db::ServiceConfigRepository repository(m_db);
        if (auto stored = repository.update(updated); !stored) {
            return stored;
        }
        QJsonObject after = auditSnapshot(updated);
        after.insert(QStringLiteral("secret_field"), field);
        return writeAudit(QStringLiteral("set_secret"), name, auditSnapshot(fresh.value()), after);
    });
}

QCoro::Task<Result<QStringList>> ServiceConfigService::remove(QString name)
{
    auto current = get(name);
    if (!current) {
        co_return current.error();
    }
    const db::ServiceConfigRecord record = current.value();
    Status removed = m_db.transaction([&]() -> Status {
        db::ServiceConfigRepository repository(m_db);
        if (auto gone = repository.remove(m_tenantId, record.id); !gone) {
            return gone;
        }
        return writeAudit(QStringLiteral("remove"), name, auditSnapshot(record), {});
    });
    if (!removed) {
        co_return removed.error();
    }
    QStringList warnings;
    for (auto it = record.secretRefs.constBegin(); it != record.secretRefs.constEnd(); ++it) {
        const secrets::SecretLocator locator = secretLocator(record, it.key());
        Status secretRemoved = co_await m_secrets.remove(locator);
        if (!secretRemoved) {
            warnings.append(ServiceConfigService::tr("Could not remove %1 from the keychain: %2 Remove the entry "
                                                     "\"%3\" of \"Integration Console\" by hand.")
                                .arg(it.key(), secretRemoved.error().message, locator.key));
        }
    }
    qCInfo(lcServices) << "removed service" << name;
    co_return warnings;
}

} // namespace ic::services
