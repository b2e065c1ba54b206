#pragma once

#include "RunTask.h"
#include "cli/Cli.h"
#include "secrets/SecretStore.h"

#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace ic::test {

/// The outcome of one in-process command.
struct CliRun {
    int code = -1;
    QString out;
    QString err;
};

/// Runs commands in-process against one database and tenant, with a secret store shared between runs.
class CliRunner {
public:
    CliRunner(QString dbUrl, std::shared_ptr<secrets::SecretStore> store, QString tenant = QStringLiteral("default"))
        : m_dbUrl(std::move(dbUrl))
        , m_store(std::move(store))
        , m_tenant(std::move(tenant))
    {}

    /// `args` without the program name; --db and --tenant are added unless `bare`.
    CliRun run(QStringList args, std::optional<QString> secretInput = std::nullopt, bool bare = false) const
    {
        CliRun result;
        QTextStream out(&result.out);
        QTextStream err(&result.err);
        cli::CliIo io;
        io.out = &out;
        io.err = &err;
        io.readSecret = [secretInput](const QString &) { return secretInput; };
        auto store = m_store;
        io.makeSecretStore = [store]() -> std::unique_ptr<secrets::SecretStore> {
            // The product's order (environment first), with the shared memory store in place of the keychain.
            return secrets::makeDefaultSecretStore(std::make_unique<SharedStore>(store));
        };
        args.prepend(QStringLiteral("integration-console"));
        if (!bare) {
            args << QStringLiteral("--db") << m_dbUrl << QStringLiteral("--tenant") << m_tenant;
        }
        auto code = runTask(cli::runCli(args, io));
        out.flush();
        err.flush();
        result.code = code.value_or(-2);
        return result;
    }

private:
    /// Forwards to a store the runner keeps across runs.
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
        QCoro::Task<Status> remove(secrets::SecretLocator locator) override
        {
            return m_inner->remove(std::move(locator));
        }

    private:
        std::shared_ptr<secrets::SecretStore> m_inner;
    };

    QString m_dbUrl;
    std::shared_ptr<secrets::SecretStore> m_store;
    QString m_tenant;
};

} // namespace ic::test
