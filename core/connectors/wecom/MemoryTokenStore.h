#pragma once

#include "connectors/wecom/TokenStore.h"

#include <QList>

namespace ic::connectors::wecom {

/// Tokens in this object only, for unit tests of the connector. It behaves as DatabaseTokenStore does - tokens are
/// sealed, a token stored with another secret reads as absent and is removed, invalidate() compares and deletes -
/// without a database. One thread.
class MemoryTokenStore final : public TokenStore {
public:
    Result<std::optional<CachedToken>> load(const TokenKey &key, const QString &secret) override;
    Result<CachedToken> save(const TokenKey &key, const QString &secret, const QString &token,
                             const QDateTime &expiresAt) override;
    Result<bool> invalidate(const TokenKey &key, const CachedToken &seen) override;

    /// How many tokens are stored.
    qsizetype size() const { return m_rows.size(); }

private:
    struct Row {
        TokenKey key;
        QString sealed;
        QDateTime expiresAt;
        QDateTime fetchedAt;
    };
    qsizetype indexOf(const TokenKey &key) const;

    QList<Row> m_rows;
};

} // namespace ic::connectors::wecom
