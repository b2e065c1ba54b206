#include "services/ConnectionTestRunner.h"

#include "common/Logging.h"
#include "db/Database.h"
#include "db/Repositories.h"
#include "db/ServiceTestRepository.h"
#include "net/CallLogWriter.h"
#include "secrets/SecretStore.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QUuid>

namespace ic::services {

ConnectionTestRunner::ConnectionTestRunner(db::Database &db, QString databasePassword, secrets::SecretStore &secrets,
                                           QString tenantId, const ServiceTypeRegistry &registry)
    : m_db(db)
    , m_databasePassword(std::move(databasePassword))
    , m_secrets(secrets)
    , m_tenantId(std::move(tenantId))
    , m_registry(registry)
{}

QCoro::Task<Result<ConnectionTestReport>> ConnectionTestRunner::run(QString serviceName, ConnectionTestOptions options,
                                                                    std::function<void(const TestStep &)> progress)
{
    ServiceConfigService services(m_db, m_secrets, m_tenantId, Actor::currentProcess(), m_registry);
    Result<db::ServiceConfigRecord> found = services.get(serviceName);
    if (!found) {
        co_return found.error();
    }
    const db::ServiceConfigRecord service = found.value();
    const ServiceType *type = m_registry.find(service.type);
    if (type == nullptr || !type->testConnection) {
        co_return Error::make(ErrorCode::Configuration,
                              tr("Services of type %1 have no connection test yet.").arg(service.type));
    }

    db::ServiceConfigRepository repository(m_db);
    if (Status marked = repository.setStatus(m_tenantId, service.id, QStringLiteral("testing")); !marked) {
        co_return marked.error();
    }

    ConnectionTestContext context;
    context.service = &service;
    // Only the secrets that are configured (stored, or given in the environment) are read: asking the keychain for
    // the others would only produce errors about values nobody set.
    for (const SecretFieldState &state : services.secretStates(service)) {
        if (!state.stored && !state.fromEnvironment) {
            continue;
        }
        Result<std::optional<QString>> value = co_await m_secrets.read(services.secretLocator(service, state.field));
        if (!value) {
            context.secretErrors.insert(state.field, value.error());
        } else if (value.value() && !value.value()->isEmpty()) {
            context.secrets.insert(state.field, *value.value());
        } else {
            context.secretErrors.insert(
                state.field, Error::make(ErrorCode::SecretNotFound,
                                         tr("The secret %1 is recorded but has no value.").arg(state.field), {},
                                         tr("Store it again with: integration-console service set-secret %1 %2")
                                             .arg(service.name, state.field)));
        }
    }

    QNetworkAccessManager network;
    auto callLog = std::make_shared<net::CallLogWriter>(m_db.url(), m_databasePassword);
    context.network = &network;
    context.callLog = callLog;
    context.database = &m_db;
    context.databaseIdentity = m_db.url().identity();
    context.options = std::move(options);
    context.correlationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    context.progress = std::move(progress);

    ConnectionTestReport report = co_await type->testConnection(context);
    report.serviceName = service.name;
    report.serviceType = service.type;
    if (!callLog->flush()) {
        qCWarning(lcServices) << "some call-log rows of the connection test could not be written";
    }

    const bool failed = report.outcome() == TestOutcome::Failed;
    db::ServiceTestRecord record;
    record.tenantId = m_tenantId;
    record.serviceId = service.id;
    record.startedAt = report.startedAt;
    record.finishedAt = report.finishedAt;
    record.outcome = testOutcomeName(report.outcome());
    record.result = report.toJson().value(u"steps").toArray();
    const Actor actor = Actor::currentProcess();
    record.testedBy = actor.osUser + u'@' + actor.host;
    if (Result<qint64> kept = db::ServiceTestRepository(m_db).insert(record); !kept) {
        co_return kept.error();
    }
    if (Status marked = repository.setStatus(
            m_tenantId, service.id, failed ? QStringLiteral("error") : QStringLiteral("active"), report.finishedAt);
        !marked) {
        co_return marked.error();
    }
    co_return report;
}

} // namespace ic::services
