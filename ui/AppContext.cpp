#include "AppContext.h"

#include "Background.h"

#include "common/Logging.h"
#include "db/Database.h"
#include "db/Repositories.h"
#include "sandbox/SandboxServer.h"
#include "sandbox/SandboxService.h"
#include "secrets/SecretStore.h"
#include "services/DatabaseConnector.h"
#include "services/ServiceConfigService.h"
#include "services/ServiceTypeRegistry.h"

namespace ic::ui {

namespace {

/// Reads `first` (the sandbox's secrets, in memory) before `rest`; writes go to `rest`, except for keys `first` has.
class LayeredStore final : public secrets::SecretStore {
public:
    LayeredStore(std::shared_ptr<secrets::SecretStore> first, std::unique_ptr<secrets::SecretStore> rest)
        : m_first(std::move(first))
        , m_rest(std::move(rest))
    {}
    QString displayName() const override { return m_rest->displayName(); }
    bool isWritable() const override { return m_rest->isWritable(); }
    QCoro::Task<Result<std::optional<QString>>> read(secrets::SecretLocator locator) override
    {
        return readLayered(m_first, m_rest.get(), std::move(locator));
    }
    QCoro::Task<Status> write(secrets::SecretLocator locator, QString value) override
    {
        return m_rest->write(std::move(locator), std::move(value));
    }
    QCoro::Task<Status> remove(secrets::SecretLocator locator) override { return m_rest->remove(std::move(locator)); }

private:
    static QCoro::Task<Result<std::optional<QString>>>
    readLayered(std::shared_ptr<secrets::SecretStore> first, secrets::SecretStore *rest, secrets::SecretLocator locator)
    {
        Result<std::optional<QString>> found = co_await first->read(locator);
        if (found && found.value()) {
            co_return found;
        }
        co_return co_await rest->read(std::move(locator));
    }

    std::shared_ptr<secrets::SecretStore> m_first;
    std::unique_ptr<secrets::SecretStore> m_rest;
};

std::unique_ptr<secrets::SecretStore> defaultStore()
{
    return secrets::makeDefaultSecretStore(secrets::makeKeychainSecretStore(QStringLiteral("Integration Console")));
}

} // namespace

AppContext::AppContext(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    if (!m_options.makeSecretStore) {
        m_options.makeSecretStore = defaultStore;
    }
    if (m_options.tenant.isEmpty()) {
        m_options.tenant = QStringLiteral("default");
    }
    m_sandboxSecrets = secrets::makeMemorySecretStore();
    m_secrets = std::make_unique<LayeredStore>(m_sandboxSecrets, m_options.makeSecretStore());
}

AppContext::~AppContext()
{
    if (m_sandbox) {
        m_sandbox->stop();
    }
}

QCoro::Task<void> AppContext::connectTo(QString databaseUrl)
{
    m_options.databaseUrl = std::move(databaseUrl);
    co_await connect();
}

QCoro::Task<void> AppContext::connect()
{
    m_database.reset();
    m_connectionError.reset();
    const QString text = m_options.databaseUrl.isEmpty() ? qEnvironmentVariable("IC_DB_URL") : m_options.databaseUrl;
    Result<db::DatabaseUrl> url =
        text.isEmpty() ? Result<db::DatabaseUrl>(db::DatabaseUrl::defaultUrl()) : db::DatabaseUrl::parse(text);
    if (!url) {
        m_connectionError = url.error();
        Q_EMIT connectionChanged();
        co_return;
    }
    m_url = url.value();

    // Can the keychain be used? A lookup of a key nobody stores answers "none" when it can.
    secrets::SecretLocator probe;
    probe.key = QStringLiteral("integration-console/keychain-probe");
    Result<std::optional<QString>> probed = co_await m_secrets->read(probe);
    if (!probed) {
        m_keychainError = probed.error();
    } else {
        m_keychainError.reset();
    }

    // Opened, checked and (SQLite) upgraded first on a thread of its own, and only then on this one: a server
    // that does not answer (the connect timeout is 10 s) or a long upgrade never freezes the window, and the GUI
    // thread's own connection, opened after, takes milliseconds.
    const services::DatabasePassword password = co_await services::readDatabasePassword(m_url, *m_secrets);
    // A named lambda, moved in: GCC 12 destroys a lambda temporary of a co_await expression twice.
    auto trial = [url = m_url, password]() -> Status {
        Result<services::OpenedDatabase> tried =
            services::openWithPassword(url, password, services::SchemaNeed::Current);
        return tried ? Status() : Status(tried.error());
    };
    const Status reachable = co_await runInBackground(std::move(trial));
    Result<services::OpenedDatabase> opened =
        reachable ? services::openWithPassword(m_url, password, services::SchemaNeed::Current)
                  : Result<services::OpenedDatabase>(reachable.error());
    if (!opened) {
        m_connectionError = opened.error();
        Q_EMIT connectionChanged();
        co_return;
    }
    m_database = std::move(opened.value().database);
    m_password = opened.value().password;
    if (m_options.sandbox && !m_sandbox) {
        if (std::optional<Error> failed = co_await startSandbox()) {
            m_connectionError = *failed;
            m_database.reset();
        }
    }
    Q_EMIT connectionChanged();
}

QCoro::Task<std::optional<Error>> AppContext::startSandbox()
{
    sandbox::CorpSpec spec;
    spec.seed = 1;
    spec.departments = 30;
    spec.staff = 200;
    spec.contacts = 3000;
    auto server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(spec));
    std::string why;
    if (!server->start(&why)) {
        co_return Error::make(ErrorCode::Internal, tr("The sandbox could not start."), QString::fromStdString(why));
    }
    // The sandbox's secrets go to memory only: the keychain is never touched by a sandbox.
    services::ServiceConfigService services(*m_database, *m_sandboxSecrets, tenant());
    Result<db::ServiceConfigRecord> configured =
        co_await sandbox::configureSandboxService(services, QStringLiteral("sandbox"), *server);
    if (!configured) {
        co_return configured.error();
    }
    m_sandbox = std::move(server);
    qCInfo(lcServices) << "sandbox corp serving at" << QString::fromStdString(m_sandbox->baseUrl());
    co_return std::nullopt;
}

bool AppContext::isConnected() const
{
    return m_database != nullptr;
}

db::Database *AppContext::database() const
{
    return m_database.get();
}

secrets::SecretStore &AppContext::secrets() const
{
    return *m_secrets;
}

std::function<std::unique_ptr<secrets::SecretStore>()> AppContext::secretStoreFactory() const
{
    auto first = m_sandboxSecrets;
    auto make = m_options.makeSecretStore;
    return [first, make]() -> std::unique_ptr<secrets::SecretStore> {
        return std::make_unique<LayeredStore>(first, make());
    };
}

const services::ServiceTypeRegistry &AppContext::registry() const
{
    return services::ServiceTypeRegistry::builtin();
}

void AppContext::syncStarted()
{
    ++m_runningSyncs;
    Q_EMIT runningSyncsChanged(m_runningSyncs);
    Q_EMIT runsChanged();
}

void AppContext::syncEnded()
{
    m_runningSyncs = std::max(0, m_runningSyncs - 1);
    Q_EMIT runningSyncsChanged(m_runningSyncs);
    Q_EMIT runsChanged();
}

} // namespace ic::ui
