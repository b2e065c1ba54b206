#pragma once

#include "common/Result.h"
#include "connectors/wecom/WeComClient.h"

#include <QCoreApplication>
#include <QMap>

#include <memory>

class QNetworkAccessManager;

namespace ic::db {
class Database;
struct ServiceConfigRecord;
} // namespace ic::db

namespace ic::connectors::wecom {

/// What a session is built from: a configured WeCom service, its secret values, and the caller's plumbing.
struct SessionInputs {
    const db::ServiceConfigRecord *service = nullptr;
    QMap<QString, QString> secrets; ///< Secret field key ("corp_secret", ...) → value.
    QNetworkAccessManager *network = nullptr;
    std::shared_ptr<net::CallLogWriter> callLog; ///< May be null.
    db::Database *database = nullptr;            ///< For the shared token cache; may be null (memory only).
    QString databaseIdentity;                    ///< For the cross-process refresh lock; empty: none.
};

/// A ready WeComClient with everything it stands on (its HTTP client, its token store), for one thread. The
/// connection tester and the sync build theirs the same way, from the service's configuration.
class WeComSession {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::wecom::WeComSession)

public:
    /// Checks the configuration (corp ID present, an API base URL, the call settings) and builds the session. A
    /// configuration that cannot work is a Configuration or InvalidInput error that names the field.
    static Result<std::unique_ptr<WeComSession>> open(const SessionInputs &inputs);

    /// Destroys the HTTP client first: its calls still in flight end as cancelled while the WeComClient awaiting
    /// them is still alive (see HttpClient's class comment), then the rest.
    ~WeComSession();
    WeComSession(const WeComSession &) = delete;
    WeComSession &operator=(const WeComSession &) = delete;

    WeComClient &client() { return *m_client; }
    net::HttpClient &http() { return *m_http; }

private:
    WeComSession() = default;

    std::unique_ptr<net::HttpClient> m_http;
    std::shared_ptr<TokenStore> m_tokens;
    std::unique_ptr<WeComClient> m_client;
};

} // namespace ic::connectors::wecom
