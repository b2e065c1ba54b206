#include "connectors/wecom/WeComClient.h"

#include "common/Logging.h"
#include "common/OffThread.h"
#include "connectors/wecom/TokenRefreshLock.h"
#include "connectors/wecom/WeComErrors.h"
#include "net/policy/SharedOutcome.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QUuid>

#include <chrono>
#include <mutex>

namespace ic::connectors::wecom {

namespace {

using namespace std::chrono_literals;

/// The seeds' rule: stop using a token 30 minutes before it expires.
constexpr auto RefreshMargin = 30min;

/// How long a caller waits for another process's refresh before refreshing itself: a lock is an optimisation,
/// never a reason to fail.
constexpr auto RefreshLockWait = 15s;

/// A token as this process holds it.
struct HeldToken {
    CachedToken cached;    ///< The token, its expiry, and its sealed form in the store (empty: not stored).
    QDateTime usableUntil; ///< When the client stops using it (before expiresAt).
};

QDateTime usableUntil(const QDateTime &fetchedAt, const QDateTime &expiresAt)
{
    const qint64 lifetime = fetchedAt.secsTo(expiresAt);
    const qint64 margin = std::min<qint64>(std::chrono::seconds(RefreshMargin).count(), lifetime / 2);
    return expiresAt.addSecs(-margin);
}

/// Tokens held by this process, shared by every client in every thread: the memory tier of the token cache. Keyed
/// by the token key and a digest of the secret, so a rotated secret never gets the old secret's token.
class ProcessTokens {
public:
    static ProcessTokens &instance()
    {
        static ProcessTokens tokens;
        return tokens;
    }

    std::optional<HeldToken> find(const QString &key) const
    {
        const std::lock_guard lock(m_mutex);
        const auto it = m_tokens.constFind(key);
        if (it == m_tokens.cend() || QDateTime::currentDateTimeUtc() >= it->usableUntil) {
            return std::nullopt;
        }
        return *it;
    }

    void put(const QString &key, const HeldToken &token)
    {
        const std::lock_guard lock(m_mutex);
        m_tokens.insert(key, token);
    }

    /// Forgets the token of `key` only if it is still `token`.
    void dropIf(const QString &key, const QString &token)
    {
        const std::lock_guard lock(m_mutex);
        const auto it = m_tokens.find(key);
        if (it != m_tokens.end() && it->cached.token == token) {
            m_tokens.erase(it);
        }
    }

private:
    mutable std::mutex m_mutex;
    QHash<QString, HeldToken> m_tokens;
};

QString memoryKey(const TokenKey &key, const QString &secret)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(secret.toUtf8());
    return key.tenantId + u'\n' + key.apiBase + u'\n' + key.corpId + u'\n' + key.secretKind + u'\n' +
           QString::fromLatin1(hash.result().toHex());
}

/// WeCom's errmsg ends with "from ip: <address>": the address WeCom saw the call come from, which is exactly what
/// an administrator must add to the app's trusted IPs after 60020 / 48009 (behind NAT it is not this machine's own).
Error withCallerAddress(Error error, int errcode, const QString &errmsg)
{
    if (errcode != net::wecom::IpNotWhitelisted && errcode != net::wecom::ApiForbiddenForAssistant) {
        return error;
    }
    static const QRegularExpression fromIp(QStringLiteral("from ip: ([0-9A-Fa-f.:]+)"));
    const QRegularExpressionMatch match = fromIp.match(errmsg);
    if (match.hasMatch()) {
        error.hint += u' ' + WeComClient::tr("WeCom saw this call come from %1.").arg(match.captured(1));
    }
    return error;
}

} // namespace

net::BodyVerdict readWeComBody(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return {false, std::nullopt, {}};
    }
    QJsonObject object = document.object();
    const QJsonValue errcode = object.value(u"errcode");
    return {true, errcode.isDouble() ? std::optional<int>(errcode.toInt()) : std::nullopt, std::move(object)};
}

Error transportFailure(const net::HttpResponse &response, const QString &apiBase, const QString &path)
{
    const QString host = QUrl(apiBase).host();
    const QString detail = path + u": " + response.transportError;
    if (response.cancelled) {
        // The HTTP client was destroyed under the call: nobody is waiting for an answer any more.
        return Error::make(ErrorCode::Cancelled, WeComClient::tr("The call to %1 was cancelled.").arg(path), detail);
    }
    if (response.circuitOpen) {
        const int seconds = int((response.retryAfter.count() + 999) / 1000);
        Error error = Error::make(
            ErrorCode::Network, WeComClient::tr("Calls to WeCom are paused after repeated failures."), detail,
            WeComClient::tr("The console tries again in %n second(s). Check this machine's network and WeCom's "
                            "service status if it keeps failing.",
                            nullptr, seconds));
        error.retryable = true;
        return error;
    }
    Error error;
    switch (response.outcome.transport) {
    case net::TransportError::Timeout:
        error = Error::make(ErrorCode::Network, WeComClient::tr("WeCom (%1) did not answer in time.").arg(host), detail,
                            WeComClient::tr("Check this machine's network and proxy settings; on a slow link raise "
                                            "the service's timeout."));
        break;
    case net::TransportError::Dns:
        error =
            Error::make(ErrorCode::Network, WeComClient::tr("The server name %1 cannot be resolved.").arg(host), detail,
                        WeComClient::tr("Check the API base URL of the service, and this machine's DNS and "
                                        "proxy settings."));
        break;
    case net::TransportError::Connection:
        error = Error::make(ErrorCode::Network, WeComClient::tr("The connection to %1 failed.").arg(host), detail,
                            WeComClient::tr("Check that this machine may reach %1 (firewall, proxy) and that the "
                                            "API base URL is right.")
                                .arg(host));
        break;
    case net::TransportError::Tls:
        error = Error::make(ErrorCode::Network,
                            WeComClient::tr("The TLS certificate of %1 was not accepted.").arg(host), detail,
                            WeComClient::tr("If a proxy inspects TLS traffic here, give its CA certificate as the "
                                            "service's CA file. Certificate checks cannot be turned off."));
        return error;
    case net::TransportError::MalformedBody:
        error = Error::make(ErrorCode::Provider, WeComClient::tr("WeCom's answer to %1 was not valid JSON.").arg(path),
                            detail,
                            WeComClient::tr("Usually a broken transfer or a proxy's error page; the console retried. "
                                            "Try again later."));
        break;
    case net::TransportError::Other:
        error = Error::make(ErrorCode::Network, WeComClient::tr("The request to %1 failed.").arg(host), detail,
                            WeComClient::tr("Check this machine's network and proxy settings."));
        return error;
    case net::TransportError::None:
        error = Error::make(
            ErrorCode::Provider,
            WeComClient::tr("WeCom answered %1 with HTTP status %2.").arg(path).arg(response.httpStatus.value_or(0)),
            detail,
            WeComClient::tr("Check the API base URL of the service; a proxy in between may also "
                            "answer like this."));
        error.retryable = response.httpStatus.value_or(0) >= 500;
        return error;
    }
    error.retryable = true;
    return error;
}

struct WeComClient::Private {
    net::HttpClient &http;
    WeComAccount account;
    std::shared_ptr<TokenStore> store;
    QString lockScope;
    net::Redactor redactor;
    TokenStats stats;
    /// Refreshes in flight on this client's thread, by memory key: the single flight.
    QHash<QString, net::SharedOutcome<Result<HeldToken>>> refreshing;

    Private(net::HttpClient &http_, WeComAccount account_, std::shared_ptr<TokenStore> store_, QString lockScope_)
        : http(http_)
        , account(std::move(account_))
        , store(std::move(store_))
        , lockScope(std::move(lockScope_))
        , redactor(http_.redactor())
    {}

    TokenKey keyFor(SecretKind kind) const
    {
        return TokenKey{account.tenantId, account.apiBase, account.corpId, secretKindName(kind)};
    }

    QUrl urlFor(const QString &path, QUrlQuery query) const
    {
        QUrl url(account.apiBase + u"/cgi-bin/" + path);
        url.setQuery(query);
        return url;
    }

    QCoro::Task<Result<HeldToken>> token(SecretKind kind, CallContext context);
    QCoro::Task<Result<HeldToken>> refresh(SecretKind kind, QString key, CallContext context);
    QCoro::Task<Result<HeldToken>> fetch(SecretKind kind, CallContext context);
    /// Tokens this client's redactor already removes.
    QSet<QString> knownTokens;

    /// Makes sure the redactor removes `token` from everything this client logs, whichever client fetched it.
    void know(const QString &token)
    {
        if (!knownTokens.contains(token)) {
            knownTokens.insert(token);
            redactor.addSecretValue(token);
        }
    }

    /// Keeps a freshly fetched token: in the shared store (sealed) and in this process's memory.
    HeldToken adopt(SecretKind kind, HeldToken held);
    void invalidate(SecretKind kind, const HeldToken &failed);
    Error notConfigured(SecretKind kind) const;
};

WeComClient::WeComClient(net::HttpClient &http, WeComAccount account, std::shared_ptr<TokenStore> store,
                         QString lockScope)
    : d(std::make_unique<Private>(http, std::move(account), std::move(store), std::move(lockScope)))
{
    while (d->account.apiBase.endsWith(u'/')) {
        d->account.apiBase.chop(1);
    }
    for (const QString &secret : std::as_const(d->account.secrets)) {
        d->redactor.addSecretValue(secret);
    }
}

WeComClient::~WeComClient() = default;

const WeComAccount &WeComClient::account() const
{
    return d->account;
}

TokenStats WeComClient::tokenStats() const
{
    return d->stats;
}

void WeComClient::disableSecret(SecretKind kind)
{
    d->account.secrets.remove(kind);
}

std::optional<SecretKind> WeComClient::secretFor(const QString &path) const
{
    return chooseSecret(path, d->account.secrets.keys());
}

QCoro::Task<Result<QString>> WeComClient::accessToken(SecretKind kind, CallContext context)
{
    Result<HeldToken> held = co_await d->token(kind, std::move(context));
    if (!held) {
        co_return held.error();
    }
    co_return held.value().cached.token;
}

Error WeComClient::Private::notConfigured(SecretKind kind) const
{
    return Error::make(
        ErrorCode::Configuration,
        WeComClient::tr("The %1 is not configured for this service.").arg(secretDisplayName(kind)), {},
        WeComClient::tr("Store it with: integration-console service set-secret <name> %1").arg(secretFieldKey(kind)));
}

QCoro::Task<Result<QString>> WeComClient::refreshToken(SecretKind kind, CallContext context)
{
    if (d->account.secrets.value(kind).isEmpty()) {
        co_return d->notConfigured(kind);
    }
    Result<HeldToken> fetched = co_await d->fetch(kind, std::move(context));
    if (!fetched) {
        co_return fetched.error();
    }
    co_return d->adopt(kind, fetched.value()).cached.token;
}

QCoro::Task<Result<HeldToken>> WeComClient::Private::token(SecretKind kind, CallContext context)
{
    const QString secret = account.secrets.value(kind);
    if (secret.isEmpty()) {
        co_return notConfigured(kind);
    }
    const QString key = memoryKey(keyFor(kind), secret);
    if (std::optional<HeldToken> held = ProcessTokens::instance().find(key)) {
        ++stats.memoryHits;
        know(held->cached.token); // another client (thread) may have fetched it
        co_return *held;
    }
    // Single flight: the first caller refreshes, the others on this thread await its outcome.
    if (const auto running = refreshing.constFind(key); running != refreshing.cend()) {
        const net::SharedOutcome<Result<HeldToken>> outcome = *running;
        co_return co_await outcome;
    }
    net::SharedOutcome<Result<HeldToken>> outcome;
    refreshing.insert(key, outcome);
    Result<HeldToken> result = co_await refresh(kind, key, std::move(context));
    refreshing.remove(key);
    outcome.set(result);
    co_return result;
}

QCoro::Task<Result<HeldToken>> WeComClient::Private::refresh(SecretKind kind, QString key, CallContext context)
{
    const TokenKey tokenKey = keyFor(kind);
    const QString secret = account.secrets.value(kind);

    // Other threads and processes: one refresh per key at a time, then look again, because the one before us may
    // have stored a fresh token while we waited.
    std::optional<TokenRefreshLock::Guard> guard;
    if (!lockScope.isEmpty()) {
        TokenRefreshLock lock(lockScope, tokenKey, http.config().timeout);
        guard = co_await lock.acquire(std::chrono::duration_cast<std::chrono::milliseconds>(RefreshLockWait));
        if (!guard) {
            qCInfo(lcNet) << "another process is still refreshing the WeCom token; refreshing here too";
        }
    }
    if (std::optional<HeldToken> held = ProcessTokens::instance().find(key)) {
        ++stats.memoryHits;
        know(held->cached.token);
        co_return *held;
    }
    if (store) {
        Result<std::optional<CachedToken>> stored = store->load(tokenKey, secret);
        if (!stored) {
            qCWarning(lcNet) << "the shared token cache cannot be read:" << stored.error().toDisplayString();
        } else if (stored.value()) {
            HeldToken held{*stored.value(), usableUntil(stored.value()->fetchedAt, stored.value()->expiresAt)};
            if (QDateTime::currentDateTimeUtc() < held.usableUntil) {
                know(held.cached.token);
                ProcessTokens::instance().put(key, held);
                ++stats.storeHits;
                co_return held;
            }
        }
    }

    Result<HeldToken> fetched = co_await fetch(kind, std::move(context));
    if (!fetched) {
        co_return fetched;
    }
    co_return adopt(kind, fetched.value());
}

HeldToken WeComClient::Private::adopt(SecretKind kind, HeldToken held)
{
    const QString secret = account.secrets.value(kind);
    if (store) {
        Result<CachedToken> saved = store->save(keyFor(kind), secret, held.cached.token, held.cached.expiresAt);
        if (saved) {
            held.cached = saved.value();
        } else {
            qCWarning(lcNet) << "the token could not be shared with other processes:"
                             << saved.error().toDisplayString();
        }
    }
    ProcessTokens::instance().put(memoryKey(keyFor(kind), secret), held);
    return held;
}

QCoro::Task<Result<HeldToken>> WeComClient::Private::fetch(SecretKind kind, CallContext context)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("corpid"), account.corpId);
    query.addQueryItem(QStringLiteral("corpsecret"),
                       QString::fromLatin1(QUrl::toPercentEncoding(account.secrets.value(kind))));
    net::HttpRequest request;
    request.url = urlFor(api::GetToken, query);
    request.correlationId = context.correlationId;
    request.runId = context.runId;
    const net::HttpResponse response = co_await http.send(std::move(request));
    const QString path = api::GetToken;
    if (!response.outcome.apiErrcode && !response.isSuccess()) {
        co_return transportFailure(response, account.apiBase, path);
    }
    const QJsonObject body = response.json;
    const int errcode = response.outcome.apiErrcode.value_or(0);
    if (errcode != 0) {
        co_return withCallerAddress(
            weComError(errcode, redactor.redactText(body.value(u"errmsg").toString()), path, kind), errcode,
            body.value(u"errmsg").toString());
    }
    const QString token = body.value(u"access_token").toString();
    const int expiresIn = body.value(u"expires_in").toInt(7200);
    if (token.isEmpty() || expiresIn <= 0) {
        co_return Error::make(ErrorCode::Provider, WeComClient::tr("WeCom's answer to gettoken holds no usable token."),
                              QStringLiteral("gettoken: access_token or expires_in missing"),
                              WeComClient::tr("Try again later; if it persists, check the API base URL."));
    }
    know(token);
    ++stats.fetched;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime expiresAt = now.addSecs(expiresIn);
    co_return HeldToken{CachedToken{token, expiresAt, now, {}}, usableUntil(now, expiresAt)};
}

void WeComClient::Private::invalidate(SecretKind kind, const HeldToken &failed)
{
    const QString secret = account.secrets.value(kind);
    ProcessTokens::instance().dropIf(memoryKey(keyFor(kind), secret), failed.cached.token);
    if (store && !failed.cached.sealed.isEmpty()) {
        if (Result<bool> removed = store->invalidate(keyFor(kind), failed.cached); !removed) {
            qCWarning(lcNet) << "the shared token cache could not drop an invalid token:"
                             << removed.error().toDisplayString();
        }
    }
    ++stats.invalidated;
}

QCoro::Task<Result<QJsonObject>> WeComClient::call(QString path, QUrlQuery query, QByteArray body,
                                                   std::optional<SecretKind> kind, CallContext context)
{
    co_return co_await callAllowing(std::move(path), std::move(query), std::move(body), kind, std::move(context), {});
}

QCoro::Task<Result<QJsonObject>> WeComClient::callAllowing(QString path, QUrlQuery query, QByteArray body,
                                                           std::optional<SecretKind> kind, CallContext context,
                                                           QList<int> allowed)
{
    if (!kind) {
        kind = secretFor(path);
    }
    if (!kind) {
        const Endpoint *endpoint = findEndpoint(path);
        const SecretKind needed =
            endpoint != nullptr && !endpoint->secrets.isEmpty() ? endpoint->secrets.first() : SecretKind::App;
        co_return Error::make(ErrorCode::Configuration,
                              tr("No secret configured for this service may call %1.").arg(path), {},
                              tr("Configure the %1: %2").arg(secretDisplayName(needed), secretWhereToFind(needed)));
    }
    if (context.correlationId.isEmpty()) {
        context.correlationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    int attempt = 1;
    for (int round = 0; round < 2; ++round) {
        Result<HeldToken> held = co_await d->token(*kind, context);
        if (!held) {
            co_return held.error();
        }
        QUrlQuery withToken = query;
        withToken.addQueryItem(QStringLiteral("access_token"), held.value().cached.token);
        net::HttpRequest request;
        request.method = body.isEmpty() ? QByteArrayLiteral("GET") : QByteArrayLiteral("POST");
        request.url = d->urlFor(path, withToken);
        request.body = body;
        request.correlationId = context.correlationId;
        request.runId = context.runId;
        request.firstAttempt = attempt;
        // A message repeated after a lost answer could arrive twice: sending is never retried on its own.
        request.retry = path != api::MessageSend;
        const net::HttpResponse response = co_await d->http.send(std::move(request));
        attempt += std::max(response.attempts, 1);
        if (!response.outcome.apiErrcode && !response.isSuccess()) {
            co_return transportFailure(response, d->account.apiBase, path);
        }
        const int errcode = response.outcome.apiErrcode.value_or(0);
        if (errcode == 0) {
            co_return response.json;
        }
        if (allowed.contains(errcode)) {
            co_return QJsonObject{{QStringLiteral("errcode"), errcode}};
        }
        if (round == 0 && isTokenInvalid(errcode, path)) {
            qCInfo(lcNet) << "WeCom rejected the access token for" << path << "with" << errcode
                          << "; getting a new one";
            d->invalidate(*kind, held.value());
            continue;
        }
        const QString errmsg = response.json.value(u"errmsg").toString();
        co_return withCallerAddress(weComError(errcode, d->redactor.redactText(errmsg), path, *kind), errcode, errmsg);
    }
    // Both rounds return; the compiler cannot see it.
    co_return Error::make(ErrorCode::Internal, tr("The call to %1 ended without an answer.").arg(path));
}

namespace {

/// The answer parsed by `parse`, or the call's error.
template<typename T>
Result<T> parsedAs(const Result<QJsonObject> &answer, Result<T> (*parse)(const QJsonObject &))
{
    if (!answer) {
        return answer.error();
    }
    return parse(answer.value());
}

QUrlQuery queryOf(std::initializer_list<std::pair<QString, QString>> items)
{
    QUrlQuery query;
    for (const auto &[name, value] : items) {
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    return query;
}

/// The errcodes a customer list may answer without it being an error.
QList<int> noCustomers()
{
    return {net::wecom::NotExternalContact};
}

/// Whether callAllowing() passed 84061 through: the follower has no customers.
bool saysNoCustomers(const Result<QJsonObject> &answer)
{
    return answer && isNoCustomers(answer.value().value(u"errcode").toInt());
}

/// A cursor that comes back (unchanged, or one of an earlier page) would page for ever: WeCom never does that, a
/// broken proxy cache might.
Error cursorLoop(const QString &path)
{
    return Error::make(ErrorCode::Provider,
                       WeComClient::tr("WeCom's answer to %1 repeated a page cursor; paging stopped.").arg(path), {},
                       WeComClient::tr("Try again later; if it persists, check for a caching proxy in between."));
}

} // namespace

QCoro::Task<Result<QList<Department>>> WeComClient::departments(std::optional<qint64> rootId, CallContext context,
                                                                std::optional<SecretKind> kind)
{
    const QUrlQuery query = rootId ? queryOf({{QStringLiteral("id"), QString::number(*rootId)}}) : QUrlQuery();
    co_return parsedAs(co_await call(api::DepartmentList, query, {}, kind, std::move(context)), parseDepartmentList);
}

QCoro::Task<Result<QList<DepartmentBrief>>> WeComClient::departmentIds(std::optional<qint64> rootId,
                                                                       CallContext context)
{
    const QUrlQuery query = rootId ? queryOf({{QStringLiteral("id"), QString::number(*rootId)}}) : QUrlQuery();
    co_return parsedAs(co_await call(api::DepartmentSimpleList, query, {}, std::nullopt, std::move(context)),
                       parseDepartmentSimpleList);
}

QCoro::Task<Result<Department>> WeComClient::department(qint64 id, CallContext context)
{
    // The query is built apart: GCC 12 miscompiles a QStringLiteral inside a co_await expression.
    const QUrlQuery query = queryOf({{QStringLiteral("id"), QString::number(id)}});
    co_return parsedAs(co_await call(api::DepartmentGet, query, {}, std::nullopt, std::move(context)),
                       parseDepartmentGet);
}

QCoro::Task<Result<QList<User>>> WeComClient::usersOfDepartment(qint64 departmentId, CallContext context)
{
    const QUrlQuery query = queryOf({{QStringLiteral("department_id"), QString::number(departmentId)}});
    co_return parsedAs(co_await call(api::UserList, query, {}, std::nullopt, std::move(context)), parseUserList);
}

QCoro::Task<Result<QList<UserBrief>>> WeComClient::userBriefsOfDepartment(qint64 departmentId, CallContext context,
                                                                          bool fetchChild)
{
    QUrlQuery query = queryOf({{QStringLiteral("department_id"), QString::number(departmentId)}});
    if (fetchChild) {
        query.addQueryItem(QStringLiteral("fetch_child"), QStringLiteral("1"));
    }
    co_return parsedAs(co_await call(api::UserSimpleList, query, {}, std::nullopt, std::move(context)),
                       parseUserSimpleList);
}

QCoro::Task<Result<User>> WeComClient::user(QString userId, CallContext context)
{
    const QUrlQuery query = queryOf({{QStringLiteral("userid"), userId}});
    co_return parsedAs(co_await call(api::UserGet, query, {}, std::nullopt, std::move(context)), parseUserGet);
}

QCoro::Task<Result<UserIdPage>> WeComClient::userIdPage(QString cursor, int limit, CallContext context)
{
    co_return parsedAs(
        co_await call(api::UserListId, {}, userListIdBody(cursor, limit), std::nullopt, std::move(context)),
        parseUserListId);
}

QCoro::Task<Result<QList<UserDepartment>>> WeComClient::allUserIds(CallContext context)
{
    QList<UserDepartment> all;
    QString cursor;
    QSet<QString> seen; // Every cursor asked for: one that comes back again starts a cycle.
    do {
        Result<UserIdPage> page = co_await userIdPage(cursor, UserListIdMaxLimit, context);
        if (!page) {
            co_return page.error();
        }
        all += page.value().deptUsers;
        seen.insert(cursor);
        if (!page.value().nextCursor.isEmpty() && seen.contains(page.value().nextCursor)) {
            co_return cursorLoop(api::UserListId);
        }
        cursor = page.value().nextCursor;
    } while (!cursor.isEmpty());
    co_return all;
}

QCoro::Task<Result<QStringList>> WeComClient::followUsers(CallContext context)
{
    co_return parsedAs(co_await call(api::FollowUserList, {}, {}, std::nullopt, std::move(context)),
                       parseFollowUserList);
}

QCoro::Task<Result<QStringList>> WeComClient::externalContactIds(QString userId, CallContext context)
{
    const QUrlQuery query = queryOf({{QStringLiteral("userid"), userId}});
    Result<QJsonObject> answer =
        co_await callAllowing(api::ExternalContactList, query, {}, std::nullopt, std::move(context), noCustomers());
    if (saysNoCustomers(answer)) {
        co_return QStringList();
    }
    co_return parsedAs(answer, parseExternalContactList);
}

QCoro::Task<Result<ExternalContactDetail>> WeComClient::externalContact(QString externalUserId, CallContext context)
{
    ExternalContactDetail detail;
    QString cursor;
    QSet<QString> seen; // Every cursor asked for: one that comes back again starts a cycle.
    for (bool first = true;; first = false) {
        QUrlQuery query = queryOf({{QStringLiteral("external_userid"), externalUserId}});
        if (!cursor.isEmpty()) {
            query.addQueryItem(QStringLiteral("cursor"), QString::fromLatin1(QUrl::toPercentEncoding(cursor)));
        }
        Result<ExternalContactDetail> page =
            parsedAs(co_await call(api::ExternalContactGet, query, {}, std::nullopt, context), parseExternalContactGet);
        if (!page) {
            co_return page.error();
        }
        if (first) {
            detail.contact = page.value().contact;
        }
        detail.followUsers += page.value().followUsers;
        if (page.value().nextCursor.isEmpty()) {
            break;
        }
        seen.insert(cursor);
        if (seen.contains(page.value().nextCursor)) {
            co_return cursorLoop(api::ExternalContactGet);
        }
        cursor = page.value().nextCursor;
    }
    co_return detail;
}

QCoro::Task<Result<ContactFollowPage>> WeComClient::externalContactsByUserPage(QStringList userIds, QString cursor,
                                                                               int limit, CallContext context)
{
    Result<QByteArray> body = batchGetByUserBody(userIds, cursor, limit);
    if (!body) {
        co_return body.error();
    }
    Result<QJsonObject> answer =
        co_await callAllowing(api::BatchGetByUser, {}, body.value(), std::nullopt, std::move(context), noCustomers());
    if (saysNoCustomers(answer)) {
        co_return ContactFollowPage{};
    }
    // A page holds up to `limit` customers with their follow information: read on a pool thread, like its JSON.
    auto parse = [answer = std::move(answer)]() { return parsedAs(answer, parseBatchGetByUser); };
    co_return co_await offThread(std::move(parse));
}

QCoro::Task<Result<QList<CorpTagGroup>>> WeComClient::corpTags(CallContext context)
{
    Result<QByteArray> body = corpTagListBody();
    if (!body) {
        co_return body.error();
    }
    co_return parsedAs(co_await call(api::CorpTagList, {}, body.value(), std::nullopt, std::move(context)),
                       parseCorpTagList);
}

QCoro::Task<Result<GroupChatPage>> WeComClient::groupChatPage(QString cursor, int limit, CallContext context)
{
    Result<QByteArray> body = groupChatListBody(0, {}, cursor, limit);
    if (!body) {
        co_return body.error();
    }
    co_return parsedAs(co_await call(api::GroupChatList, {}, body.value(), std::nullopt, std::move(context)),
                       parseGroupChatList);
}

QCoro::Task<Result<GroupChat>> WeComClient::groupChat(QString chatId, CallContext context)
{
    Result<QByteArray> body = groupChatGetBody(chatId, true);
    if (!body) {
        co_return body.error();
    }
    co_return parsedAs(co_await call(api::GroupChatGet, {}, body.value(), std::nullopt, std::move(context)),
                       parseGroupChatGet);
}

QCoro::Task<Result<MessageSendResult>> WeComClient::sendText(TextMessage message, CallContext context)
{
    if (message.agentId == 0 && d->account.agentId) {
        message.agentId = *d->account.agentId;
    }
    Result<QByteArray> body = messageSendTextBody(message);
    if (!body) {
        co_return body.error();
    }
    co_return parsedAs(co_await call(api::MessageSend, {}, body.value(), SecretKind::App, std::move(context)),
                       parseMessageSend);
}

} // namespace ic::connectors::wecom
