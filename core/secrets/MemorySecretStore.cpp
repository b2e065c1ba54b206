#include "SecretStore.h"

#include <QCoreApplication>
#include <QHash>

namespace ic::secrets {

namespace {

/// Values in a hash keyed by SecretLocator::key. Every call completes without suspending.
class MemorySecretStore final : public SecretStore {
public:
    QString displayName() const override
    {
        return QCoreApplication::translate("ic::secrets::MemorySecretStore", "memory");
    }
    bool isWritable() const override { return true; }

    QCoro::Task<Result<std::optional<QString>>> read(SecretLocator locator) override
    {
        const auto it = m_values.constFind(locator.key);
        if (it == m_values.constEnd()) {
            co_return std::optional<QString>{};
        }
        co_return std::optional<QString>{*it};
    }

    QCoro::Task<Status> write(SecretLocator locator, QString value) override
    {
        m_values.insert(locator.key, value);
        co_return Status{};
    }

    QCoro::Task<Status> remove(SecretLocator locator) override
    {
        m_values.remove(locator.key);
        co_return Status{};
    }

private:
    QHash<QString, QString> m_values;
};

} // namespace

std::unique_ptr<SecretStore> makeMemorySecretStore()
{
    return std::make_unique<MemorySecretStore>();
}

} // namespace ic::secrets
