#include "TokenRefreshLock.h"

#include <QCoro/QCoroTimer>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QLoggingCategory>
#include <QtEndian>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace ic::connectors::wecom {

namespace {

Q_LOGGING_CATEGORY(lcTokenLock, "ic.core.connectors.wecom", QtInfoMsg)

using std::chrono::milliseconds;

constexpr milliseconds kFirstBackoff{20};
constexpr milliseconds kMaxBackoff{200};

void addField(QCryptographicHash &hash, const QString &field)
{
    const QByteArray bytes = field.toUtf8();
    char length[4];
    qToBigEndian(quint32(bytes.size()), length);
    hash.addData(QByteArrayView(length, sizeof(length)));
    hash.addData(bytes);
}

/// "wecom-token-<hex SHA-256>.lock": length-prefixed fields, so no two keys hash the same input.
QString lockFileName(const QString &databaseIdentity, const TokenKey &key)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("integration-console/wecom-token-refresh/v1"));
    for (const QString &field : {databaseIdentity, key.tenantId, key.apiBase, key.corpId, key.secretKind}) {
        addField(hash, field);
    }
    return QStringLiteral("wecom-token-") + QString::fromLatin1(hash.result().toHex()) + QStringLiteral(".lock");
}

} // namespace

TokenRefreshLock::Guard::Guard(std::unique_ptr<QLockFile> file)
    : m_file(std::move(file))
{}

TokenRefreshLock::Guard::Guard(Guard &&other) noexcept = default;
TokenRefreshLock::Guard &TokenRefreshLock::Guard::operator=(Guard &&other) noexcept = default;
TokenRefreshLock::Guard::~Guard() = default; // QLockFile's destructor unlocks

void TokenRefreshLock::Guard::release()
{
    m_file.reset();
}

TokenRefreshLock::TokenRefreshLock(const QString &databaseIdentity, const TokenKey &key,
                                   std::chrono::milliseconds httpTimeout, const QString &directory)
    : m_directory(directory.isEmpty() ? defaultDirectory() : directory)
    , m_path(QDir(m_directory).filePath(lockFileName(databaseIdentity, key)))
    , m_staleLockTime(std::max(httpTimeout, milliseconds(0)) + staleMargin)
{}

QString TokenRefreshLock::defaultDirectory()
{
#ifdef Q_OS_UNIX
    return QStringLiteral("/tmp/integration-console-%1").arg(::getuid());
#else
    return QDir(QDir::tempPath()).filePath(QStringLiteral("integration-console"));
#endif
}

bool TokenRefreshLock::prepareDirectory(const QString &directory)
{
    QFileInfo info(directory);
    if (!info.exists()) {
        // Private from the start; a concurrent process creating it first is fine, the checks below still hold.
        QDir().mkpath(info.absolutePath());
        QDir().mkdir(directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        info.refresh();
    }
    if (!info.isDir() || info.isSymLink()) {
        qCWarning(lcTokenLock) << "token refresh locks are off:" << directory << "is not a folder";
        return false;
    }
#ifdef Q_OS_UNIX
    // In a shared /tmp the folder may have been made by someone else, to block or watch our locks.
    if (info.ownerId() != ::getuid() || (info.permissions() & (QFileDevice::WriteGroup | QFileDevice::WriteOther))) {
        qCWarning(lcTokenLock) << "token refresh locks are off:" << directory
                               << "belongs to another user or others may write to it";
        return false;
    }
#endif
    return true;
}

TokenRefreshLock::Attempt TokenRefreshLock::attempt(const QString &path, std::chrono::milliseconds staleLockTime,
                                                    std::optional<Guard> &guard)
{
    auto file = std::make_unique<QLockFile>(path);
    file->setStaleLockTime(int(staleLockTime.count()));
    if (file->tryLock(0)) {
        guard.emplace(Guard(std::move(file)));
        return Attempt::Acquired;
    }
    if (file->error() == QLockFile::LockFailedError) {
        return Attempt::Busy;
    }
    qCWarning(lcTokenLock) << "token refresh lock" << path << "cannot be used, error" << int(file->error());
    return Attempt::Unavailable;
}

std::optional<TokenRefreshLock::Guard> TokenRefreshLock::tryAcquire() const
{
    std::optional<Guard> guard;
    if (prepareDirectory(m_directory)) {
        attempt(m_path, m_staleLockTime, guard);
    }
    return guard;
}

QCoro::Task<std::optional<TokenRefreshLock::Guard>> TokenRefreshLock::acquire(std::chrono::milliseconds timeout) const
{
    return waitFor(m_directory, m_path, m_staleLockTime, timeout);
}

QCoro::Task<std::optional<TokenRefreshLock::Guard>> TokenRefreshLock::waitFor(QString directory, QString path,
                                                                              std::chrono::milliseconds staleLockTime,
                                                                              std::chrono::milliseconds timeout)
{
    std::optional<Guard> guard;
    if (!prepareDirectory(directory)) {
        co_return guard;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    milliseconds backoff = kFirstBackoff;
    for (;;) {
        switch (attempt(path, staleLockTime, guard)) {
        case Attempt::Acquired:
        case Attempt::Unavailable:
            co_return guard;
        case Attempt::Busy:
            break;
        }
        const auto left = std::chrono::ceil<milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left <= milliseconds(0)) {
            co_return guard;
        }
        co_await QCoro::sleepFor(std::min(backoff, left));
        backoff = std::min(backoff * 2, kMaxBackoff);
    }
}

} // namespace ic::connectors::wecom
