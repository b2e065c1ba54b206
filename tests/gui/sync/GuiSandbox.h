#pragma once

// Shared by the window's sync tests: a secret store that every thread's store forwards to, and a WeCom service
// pointed at an in-process sandbox corp.

#include "RunTask.h"
#include "db/Database.h"
#include "db/Repositories.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"

#include <QTest>

namespace ic::test {

/// Forwards to a store shared by the test, the window and the sync threads (each builds its own store object).
class SharedStore final : public secrets::SecretStore {
public:
    explicit SharedStore(std::shared_ptr<secrets::SecretStore> inner)
        : m_inner(std::move(inner))
    {}
    QString displayName() const override { return m_inner->displayName(); }
    bool isWritable() const override { return m_inner->isWritable(); }
    QCoro::Task<Result<std::optional<QString>>> read(secrets::SecretLocator locator) override
    {
        return m_inner->read(std::move(locator));
    }
    QCoro::Task<Status> write(secrets::SecretLocator locator, QString value) override
    {
        return m_inner->write(std::move(locator), std::move(value));
    }
    QCoro::Task<Status> remove(secrets::SecretLocator locator) override { return m_inner->remove(std::move(locator)); }

private:
    std::shared_ptr<secrets::SecretStore> m_inner;
};

/// Adds (or repoints) the WeCom service `name` at `server`, with a rate limit high enough not to slow a test.
/// Returns an empty string on success, else why not.
inline QString configureSandboxService(db::Database &database, secrets::SecretStore &store,
                                       const sandbox::SandboxServer &server, const QString &name)
{
    services::ServiceConfigService services(database, store, QStringLiteral("default"));
    const sandbox::CorpCredentials &credentials = server.credentials();
    const QMap<QString, QString> values{{QStringLiteral("corp_id"), QString::fromStdString(credentials.corpId)},
                                        {QStringLiteral("agent_id"), QString::number(credentials.agentId)},
                                        {QStringLiteral("api_base"), QString::fromStdString(server.baseUrl())},
                                        {QStringLiteral("rate_per_second"), QStringLiteral("5000")},
                                        {QStringLiteral("rate_burst"), QStringLiteral("5000")}};
    Result<db::ServiceConfigRecord> stored =
        services.get(name) ? services.update(name, values) : services.add(QStringLiteral("wecom"), name, values);
    if (!stored) {
        return stored.error().message + u' ' + stored.error().detail;
    }
    const QList<std::pair<QString, std::string>> secretValues{
        {QStringLiteral("corp_secret"), credentials.appSecret},
        {QStringLiteral("contacts_secret"), credentials.contactsSecret},
        {QStringLiteral("customer_secret"), credentials.customerSecret}};
    for (const auto &[field, value] : secretValues) {
        std::optional<Status> kept = runTask(services.setSecret(name, field, QString::fromStdString(value)));
        if (!kept) {
            return QStringLiteral("storing a secret did not finish");
        }
        if (!*kept) {
            return kept->error().message;
        }
    }
    return {};
}

} // namespace ic::test
