#include "sandbox/SandboxService.h"

#include "sandbox/SandboxServer.h"
#include "services/ServiceConfigService.h"

#include <QCoreApplication>

namespace ic::sandbox {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::sandbox::SandboxService)
};

} // namespace

QCoro::Task<Result<db::ServiceConfigRecord>> configureSandboxService(services::ServiceConfigService &services,
                                                                     QString name, const SandboxServer &server)
{
    const CorpCredentials &credentials = server.credentials();
    QMap<QString, QString> values{{QStringLiteral("corp_id"), QString::fromStdString(credentials.corpId)},
                                  {QStringLiteral("agent_id"), QString::number(credentials.agentId)},
                                  {QStringLiteral("api_base"), QString::fromStdString(server.baseUrl())}};
    Result<db::ServiceConfigRecord> existing = services.get(name);
    Result<db::ServiceConfigRecord> stored = existing;
    if (existing) {
        if (existing.value().type != u"wecom") {
            co_return Error::invalid(QStringLiteral("service"),
                                     Tr::tr("The service %1 exists and is not a WeCom service.").arg(name),
                                     Tr::tr("Choose another name for the sandbox service."));
        }
        stored = services.update(name, values);
    } else {
        values.insert(QStringLiteral("description"), Tr::tr("Sandbox corp for trying the console"));
        stored = services.add(QStringLiteral("wecom"), name, values);
    }
    if (!stored) {
        co_return stored.error();
    }
    const QList<std::pair<QString, std::string>> secretValues{
        {QStringLiteral("corp_secret"), credentials.appSecret},
        {QStringLiteral("contacts_secret"), credentials.contactsSecret},
        {QStringLiteral("customer_secret"), credentials.customerSecret}};
    for (const auto &[field, value] : secretValues) {
        const QString secret = QString::fromStdString(value);
        if (Status kept = co_await services.setSecret(name, field, secret); !kept) {
            co_return kept.error();
        }
    }
    co_return stored;
}

} // namespace ic::sandbox
