#include "SecretStore.h"

#include "common/Logging.h"

#include <QCoreApplication>
#include <QObject>

#include <qt6keychain/keychain.h>

#include <array>
#include <coroutine>

namespace ic::secrets {

namespace {

enum class Operation { Read, Write, Remove };

/// Awaits QKeychain::Job::finished() for a job that has not been started yet. It connects first and starts the
/// job second, so no result can be missed. The connection is queued: QtKeychain still uses the job after
/// emitting finished() (Job::emitFinished() and JobExecutor::jobFinished() touch it), so the coroutine, which
/// owns and deletes the job, must resume only after the emission has returned.
class JobFinished {
public:
    explicit JobFinished(QKeychain::Job *job)
        : m_job(job)
    {}

    bool await_ready() const noexcept { return false; }

    void await_suspend(std::coroutine_handle<> awaiting)
    {
        m_connection = QObject::connect(
            m_job, &QKeychain::Job::finished, m_job,
            [this, awaiting](QKeychain::Job *) {
                QObject::disconnect(m_connection);
                awaiting.resume();
            },
            Qt::QueuedConnection);
        m_job->start();
    }

    void await_resume() const noexcept {}

private:
    QKeychain::Job *m_job;
    QMetaObject::Connection m_connection;
};

template<typename JobType>
std::unique_ptr<JobType> makeJob(const QString &serviceName, const QString &key)
{
    auto job = std::make_unique<JobType>(serviceName);
    // Ownership stays with the coroutine: an auto-deleting job could be gone before the coroutine reads it.
    job->setAutoDelete(false);
    // Never let QtKeychain fall back to a plain-text settings file when there is no keychain.
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

QString describe(const SecretLocator &locator)
{
    return locator.description.isEmpty() ? locator.key : locator.description;
}

/// Whether an OtherError means that no Secret Service can be reached. QtKeychain's libsecret backend reports
/// these as OtherError with GLib's D-Bus text, e.g. "Cannot autolaunch D-Bus without X11 $DISPLAY" (no session
/// bus), "Could not connect: No such file or directory" (a stale bus address) or "The name
/// org.freedesktop.secrets was not provided by any .service files" (a bus without a keyring daemon).
bool isMissingBackendText(const QString &text)
{
    static const std::array<QLatin1StringView, 5> markers = {
        QLatin1StringView("Cannot autolaunch D-Bus"),
        QLatin1StringView("Could not connect"),
        QLatin1StringView("org.freedesktop.secrets was not provided"),
        QLatin1StringView("org.freedesktop.DBus.Error.ServiceUnknown"),
        QLatin1StringView("org.freedesktop.DBus.Error.NoServer"),
    };
    for (const auto &marker : markers) {
        if (text.contains(marker, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

Error backendUnavailable(Operation operation, const SecretLocator &locator, const QString &backendText)
{
    QString message;
    switch (operation) {
    case Operation::Read:
        message = QCoreApplication::translate("ic::secrets::KeychainSecretStore",
                                              "Cannot read %1: no OS keychain is available on this system.");
        break;
    case Operation::Write:
        message = QCoreApplication::translate("ic::secrets::KeychainSecretStore",
                                              "Cannot store %1: no OS keychain is available on this system.");
        break;
    case Operation::Remove:
        message = QCoreApplication::translate("ic::secrets::KeychainSecretStore",
                                              "Cannot remove %1: no OS keychain is available on this system.");
        break;
    }
    QString hint;
    if (locator.environmentVariable.isEmpty()) {
        hint = QCoreApplication::translate("ic::secrets::KeychainSecretStore",
                                           "Run the program in a session with an unlocked OS keychain (on Linux, a "
                                           "Secret Service such as GNOME Keyring or KWallet).");
    } else if (operation == Operation::Remove) {
        hint = QCoreApplication::translate("ic::secrets::KeychainSecretStore",
                                           "On a server without a keychain the value comes from the environment "
                                           "variable %1; unset it where the program is started.")
                   .arg(locator.environmentVariable);
    } else {
        hint = QCoreApplication::translate("ic::secrets::KeychainSecretStore",
                                           "On a server without a keychain, provide the value in the environment "
                                           "variable %1 instead.")
                   .arg(locator.environmentVariable);
    }
    return Error::make(ErrorCode::SecretBackendUnavailable, message.arg(describe(locator)), backendText,
                       std::move(hint));
}

/// Maps a failed job to an Error. EntryNotFound is handled by the callers, because it is not an error for read()
/// and remove().
Error jobError(Operation operation, const SecretLocator &locator, const QKeychain::Job &job)
{
    const QString backendText = job.errorString();
    qCWarning(lcSecrets) << "Keychain operation on" << locator.key << "failed with QtKeychain error" << int(job.error())
                         << backendText;
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return backendUnavailable(operation, locator, backendText);
    case QKeychain::OtherError:
        if (isMissingBackendText(backendText)) {
            return backendUnavailable(operation, locator, backendText);
        }
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error::make(
            ErrorCode::SecretStore,
            QCoreApplication::translate("ic::secrets::KeychainSecretStore", "The OS keychain denied access to %1.")
                .arg(describe(locator)),
            backendText,
            QCoreApplication::translate("ic::secrets::KeychainSecretStore",
                                        "Unlock the keychain (on Linux, the login keyring of GNOME "
                                        "Keyring or KWallet) and try again."));
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
    case QKeychain::CouldNotDeleteEntry:
        break;
    }
    QString message;
    switch (operation) {
    case Operation::Read:
        message = QCoreApplication::translate("ic::secrets::KeychainSecretStore", "The OS keychain could not read %1.");
        break;
    case Operation::Write:
        message =
            QCoreApplication::translate("ic::secrets::KeychainSecretStore", "The OS keychain could not store %1.");
        break;
    case Operation::Remove:
        message =
            QCoreApplication::translate("ic::secrets::KeychainSecretStore", "The OS keychain could not remove %1.");
        break;
    }
    return Error::make(ErrorCode::SecretStore, message.arg(describe(locator)), backendText);
}

// The coroutines are free functions taking everything by value, so a call in flight does not depend on the
// store object that started it.

QCoro::Task<Result<std::optional<QString>>> readFromKeychain(QString serviceName, SecretLocator locator)
{
    const auto job = makeJob<QKeychain::ReadPasswordJob>(serviceName, locator.key);
    co_await JobFinished(job.get());
    if (job->error() == QKeychain::EntryNotFound) {
        co_return std::optional<QString>{};
    }
    if (job->error() != QKeychain::NoError) {
        co_return jobError(Operation::Read, locator, *job);
    }
    qCDebug(lcSecrets) << "Secret" << locator.key << "read from the OS keychain";
    co_return std::optional<QString>{job->textData()};
}

QCoro::Task<Status> writeToKeychain(QString serviceName, SecretLocator locator, QString value)
{
    const auto job = makeJob<QKeychain::WritePasswordJob>(serviceName, locator.key);
    job->setTextData(value);
    co_await JobFinished(job.get());
    if (job->error() != QKeychain::NoError) {
        co_return jobError(Operation::Write, locator, *job);
    }
    qCDebug(lcSecrets) << "Secret" << locator.key << "stored in the OS keychain";
    co_return Status{};
}

QCoro::Task<Status> removeFromKeychain(QString serviceName, SecretLocator locator)
{
    const auto job = makeJob<QKeychain::DeletePasswordJob>(serviceName, locator.key);
    co_await JobFinished(job.get());
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
        co_return jobError(Operation::Remove, locator, *job);
    }
    qCDebug(lcSecrets) << "Secret" << locator.key << "removed from the OS keychain";
    co_return Status{};
}

class KeychainSecretStore final : public SecretStore {
public:
    explicit KeychainSecretStore(QString serviceName)
        : m_serviceName(std::move(serviceName))
    {}

    QString displayName() const override
    {
        return QCoreApplication::translate("ic::secrets::KeychainSecretStore", "OS keychain");
    }
    bool isWritable() const override { return true; }

    QCoro::Task<Result<std::optional<QString>>> read(SecretLocator locator) override
    {
        return readFromKeychain(m_serviceName, std::move(locator));
    }
    QCoro::Task<Status> write(SecretLocator locator, QString value) override
    {
        return writeToKeychain(m_serviceName, std::move(locator), std::move(value));
    }
    QCoro::Task<Status> remove(SecretLocator locator) override
    {
        return removeFromKeychain(m_serviceName, std::move(locator));
    }

private:
    QString m_serviceName;
};

} // namespace

std::unique_ptr<SecretStore> makeKeychainSecretStore(const QString &serviceName)
{
    return std::make_unique<KeychainSecretStore>(serviceName);
}

} // namespace ic::secrets
