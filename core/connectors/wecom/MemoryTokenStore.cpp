#include "MemoryTokenStore.h"

#include "connectors/wecom/TokenSealer.h"

namespace ic::connectors::wecom {

qsizetype MemoryTokenStore::indexOf(const TokenKey &key) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key == key) {
            return i;
        }
    }
    return -1;
}

Result<std::optional<CachedToken>> MemoryTokenStore::load(const TokenKey &key, const QString &secret)
{
    const qsizetype index = indexOf(key);
    if (index < 0) {
        return std::optional<CachedToken>();
    }
    const Row &row = m_rows.at(index);
    std::optional<QString> token = TokenSealer::open(key, secret, row.sealed, row.expiresAt);
    if (!token) {
        m_rows.removeAt(index);
        return std::optional<CachedToken>();
    }
    return std::optional<CachedToken>(CachedToken{*token, row.expiresAt, row.fetchedAt, row.sealed});
}

Result<CachedToken> MemoryTokenStore::save(const TokenKey &key, const QString &secret, const QString &token,
                                           const QDateTime &expiresAt)
{
    const QDateTime expiry = expiresAt.toUTC();
    auto sealed = TokenSealer::seal(key, secret, token, expiry);
    if (!sealed) {
        return sealed.error();
    }
    const Row row{key, sealed.value(), expiry, QDateTime::currentDateTimeUtc()};
    if (const qsizetype index = indexOf(key); index >= 0) {
        m_rows[index] = row;
    } else {
        m_rows.append(row);
    }
    return CachedToken{token, row.expiresAt, row.fetchedAt, row.sealed};
}

Result<bool> MemoryTokenStore::invalidate(const TokenKey &key, const CachedToken &seen)
{
    const qsizetype index = indexOf(key);
    if (index < 0 || seen.sealed.isEmpty() || m_rows.at(index).sealed != seen.sealed) {
        return false;
    }
    m_rows.removeAt(index);
    return true;
}

} // namespace ic::connectors::wecom
