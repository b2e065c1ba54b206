#pragma once

#include "common/Result.h"
#include "connectors/wecom/TokenStore.h"
#include "connectors/wecom/WeComModels.h"
#include "net/HttpClient.h"

#include <QCoreApplication>
#include <QCoro/QCoroTask>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace ic::connectors::wecom {

/// What the connector needs to reach one corp: where, which corp, and the secrets that are configured.
struct WeComAccount {
    QString tenantId;
    QString apiBase; ///< "https://qyapi.weixin.qq.com" or a sandbox's "http://127.0.0.1:port"; no trailing slash.
    QString corpId;
    std::optional<qint64> agentId;
    QMap<SecretKind, QString> secrets; ///< The configured secrets; a kind that is absent is not configured.
};

/// Groups calls in the call log: an operation's correlation id and the sync run it belongs to.
struct CallContext {
    QString correlationId;
    std::optional<qint64> runId;
};

/// Counters of the token cache, for tests and the connection tester.
struct TokenStats {
    int fetched = 0;     ///< gettoken calls that returned a token.
    int memoryHits = 0;  ///< Tokens served from this process's memory.
    int storeHits = 0;   ///< Tokens read from the shared store (another process or an earlier run fetched them).
    int invalidated = 0; ///< Tokens dropped after WeCom said they were invalid or expired.
};

/// The WeCom server API, typed: access tokens, every endpoint the product uses, cursor paging, and errors an
/// administrator can act on.
///
/// Tokens. One access token per (corp, secret kind). A token is used until 30 minutes before it expires (the seeds'
/// rule; for lifetimes under an hour, until half its lifetime is left). Lookup order: this process's memory (shared
/// by every client of the process), then the TokenStore shared with other processes on the machine and database
/// (sealed with the secret, see TokenSealer), then gettoken. Concurrent callers on one thread share one refresh
/// (single flight); callers in other threads and processes are serialised by a TokenRefreshLock and re-check the
/// store inside it, so the GUI and a cron run do not both call gettoken. gettoken itself is retried only for
/// transient failures (network, 5xx, -1, rate limits), never for 40001/40013/40091/41004.
///
/// Invalid tokens. When a business API answers 40014, 42001 or 40001 (wecom-api.md §2.2), the token that failed is
/// invalidated only where it is still the cached one (memory and store: compare-and-delete, so a fresher token
/// another caller just stored survives), a token is obtained again, and the call is repeated exactly once. A second
/// token error is returned as an error: never a refresh loop.
///
/// Secrets and tokens are registered with the HTTP client's Redactor before first use, so no call-log row, log
/// line or error text carries them.
///
/// Thread-affine like the HttpClient it uses; the client must outlive the tasks it returns.
class WeComClient {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::wecom::WeComClient)

public:
    /// `store` may be null (tokens then live in this process's memory only). `lockScope` identifies the database
    /// the store writes to (databaseIdentity()); empty: no cross-process refresh lock.
    WeComClient(net::HttpClient &http, WeComAccount account, std::shared_ptr<TokenStore> store = {},
                QString lockScope = {});
    ~WeComClient();
    WeComClient(const WeComClient &) = delete;
    WeComClient &operator=(const WeComClient &) = delete;

    const WeComAccount &account() const;
    TokenStats tokenStats() const;
    /// Stops using the secret of `kind` (WeCom refused it): secretFor() then picks another configured one, so later
    /// calls do not ask gettoken again with a secret known to be wrong.
    void disableSecret(SecretKind kind);

    /// The configured secret this client uses for `path`, in the order of preference of the endpoint table (the
    /// dedicated secret first: contacts for the org chart, customer for external contacts), or nullopt when no
    /// configured secret may call it.
    std::optional<SecretKind> secretFor(const QString &path) const;

    /// A valid access token for `kind`, from the caches or from gettoken.
    QCoro::Task<Result<QString>> accessToken(SecretKind kind, CallContext context = {});
    /// A token straight from gettoken, whatever the caches hold (the connection test proves the secret works
    /// now); it then replaces the cached one everywhere.
    QCoro::Task<Result<QString>> refreshToken(SecretKind kind, CallContext context = {});

    /// One API call: GET with `query` when `body` is empty, POST otherwise. The token of `kind` (or of
    /// secretFor(path) when not given) is added; a token error is handled as described above. Returns the answer's
    /// JSON object when errcode is 0, and an Error from weComError() otherwise (errmsg redacted).
    QCoro::Task<Result<QJsonObject>> call(QString path, QUrlQuery query, QByteArray body = {},
                                          std::optional<SecretKind> kind = std::nullopt, CallContext context = {});

    // ---- typed calls; every list that WeCom pages by cursor is read to its end unless the name says "page" ----

    /// `kind` chooses the secret (its view of the corp) instead of secretFor().
    QCoro::Task<Result<QList<Department>>> departments(std::optional<qint64> rootId = std::nullopt,
                                                       CallContext context = {},
                                                       std::optional<SecretKind> kind = std::nullopt);
    QCoro::Task<Result<QList<DepartmentBrief>>> departmentIds(std::optional<qint64> rootId = std::nullopt,
                                                              CallContext context = {});
    QCoro::Task<Result<Department>> department(qint64 id, CallContext context = {});
    QCoro::Task<Result<QList<User>>> usersOfDepartment(qint64 departmentId, CallContext context = {});
    /// `fetchChild`: the members of the sub-departments too (an older parameter WeCom still accepts).
    QCoro::Task<Result<QList<UserBrief>>> userBriefsOfDepartment(qint64 departmentId, CallContext context = {},
                                                                 bool fetchChild = false);
    QCoro::Task<Result<User>> user(QString userId, CallContext context = {});
    QCoro::Task<Result<UserIdPage>> userIdPage(QString cursor, int limit = 10000, CallContext context = {});
    QCoro::Task<Result<QList<UserDepartment>>> allUserIds(CallContext context = {});
    QCoro::Task<Result<QStringList>> followUsers(CallContext context = {});
    /// The customers of one follower; a follower without customers (84061) is an empty list, not an error.
    QCoro::Task<Result<QStringList>> externalContactIds(QString userId, CallContext context = {});
    /// One customer with all its followers (the follow_user list is paged by cursor and read whole).
    QCoro::Task<Result<ExternalContactDetail>> externalContact(QString externalUserId, CallContext context = {});
    /// One page of customer–follower pairs for up to 100 followers; "no customers" (84061) is an empty last page.
    QCoro::Task<Result<ContactFollowPage>> externalContactsByUserPage(QStringList userIds, QString cursor,
                                                                      int limit = 100, CallContext context = {});
    QCoro::Task<Result<QList<CorpTagGroup>>> corpTags(CallContext context = {});
    QCoro::Task<Result<GroupChatPage>> groupChatPage(QString cursor, int limit = 1000, CallContext context = {});
    QCoro::Task<Result<GroupChat>> groupChat(QString chatId, CallContext context = {});
    /// Sends a text message with the app secret. Never repeated automatically: a repeat after a lost answer could
    /// deliver the message twice.
    QCoro::Task<Result<MessageSendResult>> sendText(TextMessage message, CallContext context = {});

private:
    /// call() that answers `QJsonObject{{"errcode", N}}` instead of an error when WeCom answers one of `allowed`.
    QCoro::Task<Result<QJsonObject>> callAllowing(QString path, QUrlQuery query, QByteArray body,
                                                  std::optional<SecretKind> kind, CallContext context,
                                                  QList<int> allowed);

    struct Private;
    std::unique_ptr<Private> d;
};

/// WeCom's answers, for the HttpClient: a body must be a JSON object; its `errcode` is the provider's result code.
net::BodyVerdict readWeComBody(const QByteArray &body);

/// Maps an HttpClient failure that carries no WeCom errcode (refused by the circuit breaker, network, TLS, HTTP
/// status, malformed answer) to an Error with a hint; a call cancelled by the HTTP client's destruction is
/// ErrorCode::Cancelled.
Error transportFailure(const net::HttpResponse &response, const QString &apiBase, const QString &path);

} // namespace ic::connectors::wecom
