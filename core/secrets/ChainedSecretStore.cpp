#include "SecretStore.h"

#include <QCoreApplication>

namespace ic::secrets {

namespace {

// Free coroutines holding shared ownership of the stores, so a call in flight does not depend on the
// ChainedSecretStore object that started it.

QCoro::Task<Result<std::optional<QString>>> readChained(std::shared_ptr<SecretStore> environment,
                                                        std::shared_ptr<SecretStore> persistent, SecretLocator locator)
{
    auto fromEnvironment = co_await environment->read(locator);
    if (!fromEnvironment.ok() || fromEnvironment->has_value()) {
        co_return fromEnvironment;
    }
    co_return co_await persistent->read(std::move(locator));
}

QCoro::Task<Status> writePersistent(std::shared_ptr<SecretStore> persistent, SecretLocator locator, QString value)
{
    co_return co_await persistent->write(std::move(locator), std::move(value));
}

QCoro::Task<Status> removePersistent(std::shared_ptr<SecretStore> persistent, SecretLocator locator)
{
    co_return co_await persistent->remove(std::move(locator));
}

/// The environment first, then a persistent store; see makeDefaultSecretStore().
class ChainedSecretStore final : public SecretStore {
public:
    ChainedSecretStore(std::unique_ptr<SecretStore> environment, std::unique_ptr<SecretStore> persistent)
        : m_environment(std::move(environment))
        , m_persistent(std::move(persistent))
    {}

    QString displayName() const override
    {
        return QCoreApplication::translate("ic::secrets::ChainedSecretStore", "%1, then %2")
            .arg(m_environment->displayName(), m_persistent->displayName());
    }
    bool isWritable() const override { return m_persistent->isWritable(); }

    QCoro::Task<Result<std::optional<QString>>> read(SecretLocator locator) override
    {
        return readChained(m_environment, m_persistent, std::move(locator));
    }
    QCoro::Task<Status> write(SecretLocator locator, QString value) override
    {
        return writePersistent(m_persistent, std::move(locator), std::move(value));
    }
    QCoro::Task<Status> remove(SecretLocator locator) override
    {
        return removePersistent(m_persistent, std::move(locator));
    }

private:
    std::shared_ptr<SecretStore> m_environment;
    std::shared_ptr<SecretStore> m_persistent;
};

} // namespace

std::unique_ptr<SecretStore> makeDefaultSecretStore(std::unique_ptr<SecretStore> persistent)
{
    Q_ASSERT_X(persistent, "makeDefaultSecretStore", "a persistent store is required");
    return std::make_unique<ChainedSecretStore>(makeEnvironmentSecretStore(), std::move(persistent));
}

} // namespace ic::secrets
