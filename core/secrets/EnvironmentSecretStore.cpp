#include "SecretStore.h"

#include "common/Logging.h"

#include <QCoreApplication>

namespace ic::secrets {

namespace {

QString describe(const SecretLocator &locator)
{
    return locator.description.isEmpty() ? locator.key : locator.description;
}

/// The process environment, read at call time. Read-only: the environment belongs to whoever starts the program.
class EnvironmentSecretStore final : public SecretStore {
public:
    QString displayName() const override
    {
        return QCoreApplication::translate("ic::secrets::EnvironmentSecretStore", "environment");
    }
    bool isWritable() const override { return false; }

    QCoro::Task<Result<std::optional<QString>>> read(SecretLocator locator) override
    {
        if (locator.environmentVariable.isEmpty()) {
            co_return std::optional<QString>{};
        }
        QString value = qEnvironmentVariable(locator.environmentVariable.toLatin1().constData());
        if (value.isEmpty()) {
            co_return std::optional<QString>{};
        }
        qCDebug(lcSecrets) << "Secret" << locator.key << "taken from environment variable"
                           << locator.environmentVariable;
        co_return std::optional<QString>{std::move(value)};
    }

    QCoro::Task<Status> write(SecretLocator locator, QString value) override
    {
        Q_UNUSED(value)
        co_return refuse(QCoreApplication::translate("ic::secrets::EnvironmentSecretStore",
                                                     "Cannot store %1: the environment is read-only for the "
                                                     "program and cannot be written.")
                             .arg(describe(locator)),
                         locator);
    }

    QCoro::Task<Status> remove(SecretLocator locator) override
    {
        co_return refuse(QCoreApplication::translate("ic::secrets::EnvironmentSecretStore",
                                                     "Cannot remove %1: the environment is read-only for the "
                                                     "program and cannot be changed.")
                             .arg(describe(locator)),
                         locator);
    }

private:
    static Status refuse(QString message, const SecretLocator &locator)
    {
        QString hint = locator.environmentVariable.isEmpty()
                           ? QCoreApplication::translate("ic::secrets::EnvironmentSecretStore",
                                                         "Environment variables are set by whoever starts the "
                                                         "program (a shell, a service manager or a container).")
                           : QCoreApplication::translate("ic::secrets::EnvironmentSecretStore",
                                                         "The value of %1 is set by whoever starts the program (a "
                                                         "shell, a service manager or a container); change it "
                                                         "there.")
                                 .arg(locator.environmentVariable);
        return Error::make(ErrorCode::SecretStore, std::move(message), {}, std::move(hint));
    }
};

} // namespace

std::unique_ptr<SecretStore> makeEnvironmentSecretStore()
{
    return std::make_unique<EnvironmentSecretStore>();
}

} // namespace ic::secrets
