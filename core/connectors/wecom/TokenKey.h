#pragma once

#include <QString>

namespace ic::connectors::wecom {

/// Which access token: WeCom tokens are per corp ID and secret (wecom-api.md §2), and a corp has one secret per
/// kind. The API base keeps the sandbox's tokens apart from production's; the tenant keeps tenants apart even
/// when they configure the same corp.
struct TokenKey {
    QString tenantId;
    QString apiBase;    ///< The service's base URL as the connector calls it, e.g. "https://qyapi.weixin.qq.com".
    QString corpId;     ///< The corp ID ("ww…"); compared byte for byte.
    QString secretKind; ///< "app", "contacts" or "customer".

    friend bool operator==(const TokenKey &, const TokenKey &) = default;
};

} // namespace ic::connectors::wecom
