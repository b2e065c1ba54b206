#pragma once

// The parts of SandboxServer that do not need the HTTP library: tokens, rate limits, faults, cursors, error
// bodies, the WeCom endpoints and the callback sender. Private to the sandbox target.

#include "sandbox/SandboxServer.h"

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ic::sandbox::detail {

using Clock = std::chrono::steady_clock;
/// Query parameters; the same type as httplib::Params, so the HTTP layer passes them through unchanged.
using Query = std::multimap<std::string, std::string>;

/// Which secret a token was issued for (wecom-api.md §1): the self-built app, the contacts-sync assistant, or
/// the customer-contact (客户联系) secret.
enum class SecretKind { App, Contacts, Customer };

// ---- error bodies ----------------------------------------------------------------------------------------

/// WeCom's text for `errcode` (the part of errmsg before ", hint: ...").
std::string_view errorText(int errcode);
/// {"errcode":N,"errmsg":"<text>, hint: [<digits>], from ip: <ip>, more info at https://open.work.weixin.qq.com/
/// devtool/query?e=<N>"}, the real shape (wecom-api.md §1). `text` overrides errorText(errcode) when not empty.
std::string errorBody(int errcode, std::string_view ip, std::string_view text = {});

// ---- cursors ---------------------------------------------------------------------------------------------

/// Opaque cursors: base64url("v1:<n1>:<n2>:...:<checksum>"), where the checksum (FNV-1a, not a MAC: the sandbox
/// only needs to recognise garbage and stale cursors, not resist forgery) covers the numbers and `binding` — the
/// endpoint, the corp revision and the request's own key (userid list, external_userid). A cursor from another
/// revision, another request or no cursor at all fails to decode.
std::string encodeCursor(const std::vector<std::int64_t> &numbers, std::string_view binding);
std::optional<std::vector<std::int64_t>> decodeCursor(std::string_view cursor, std::size_t count,
                                                      std::string_view binding);

// ---- tokens ----------------------------------------------------------------------------------------------

/// access_tokens: one current token per secret kind, returned again by gettoken until it expires (the older
/// doc's "有效期内重复获取返回相同结果", wecom-api.md §2.1); 64 random characters; a token that expired answers
/// 42001, an unknown one 40014, a revoked one the revocation's errcode.
class TokenStore {
public:
    struct Issued {
        std::string token;
        std::int64_t expiresIn = 0; ///< remaining seconds, rounded up
    };
    Issued issue(SecretKind kind, std::chrono::seconds lifetime);
    /// 0 and `kind` set, or the errcode to answer.
    int check(const std::string &token, SecretKind *kind) const;
    void revokeAll(int errcode);

private:
    struct Entry {
        SecretKind kind = SecretKind::App;
        Clock::time_point expires;
        int revoked = 0;
    };
    mutable std::shared_mutex m_mutex;
    std::unordered_map<std::string, Entry> m_tokens;
    std::array<std::string, 3> m_current;
    std::mt19937_64 m_random{std::random_device{}()};
};

// ---- rate limits -----------------------------------------------------------------------------------------

/// WeCom's frequency limits (wecom-api.md §6.2): per (corp, api) and per (ip, api), each with a minute and an
/// hour window. Windows are fixed: they start at the first call and restart after 60 s / 3600 s. Exceeding a
/// limit blocks the key for the configured block window (45009 for every call meanwhile); when the block ends
/// the window that tripped starts afresh. Blocked calls are not counted. A limit of 0 or less is unlimited.
class RateLimiter {
public:
    explicit RateLimiter(std::size_t apis);
    void setLimits(const RateLimits &limits);
    RateLimits limits() const;
    /// Counts one call of `api` from `ip`; false when it must be answered with 45009.
    bool admit(std::size_t api, const std::string &ip);
    void reset();

private:
    struct Window {
        Clock::time_point minuteStart;
        Clock::time_point hourStart;
        std::int64_t minuteCount = 0;
        std::int64_t hourCount = 0;
        Clock::time_point blockedUntil;
        bool blockedByHour = false;
        bool started = false;
    };
    static bool hit(Window &window, Clock::time_point now, int perMinute, int perHour, const RateLimits &limits);
    struct Shard {
        std::mutex mutex;
        std::unordered_map<std::string, std::vector<Window>> byIp;
    };
    mutable std::shared_mutex m_limitsMutex;
    RateLimits m_limits;
    std::size_t m_apis;
    std::unique_ptr<std::mutex[]> m_corpMutexes;
    std::vector<Window> m_corp;
    std::array<Shard, 16> m_shards;
};

// ---- faults ----------------------------------------------------------------------------------------------

/// Decides, per call, which injected faults apply. Each fault has its own generator seeded from its spec, so
/// the same faults and the same sequence of calls give the same decisions.
class FaultInjector {
public:
    struct Decision {
        int delayMs = 0;            ///< total latency of the Latency faults that fired
        std::optional<Fault> fault; ///< the first other fault that fired
    };
    void set(std::vector<Fault> faults);
    void add(Fault fault);
    void clear();
    std::vector<Fault> list() const;
    Decision decide(std::string_view endpoint);

private:
    struct State {
        Fault fault;
        std::mt19937_64 random;
    };
    static State makeState(Fault fault);
    std::atomic<bool> m_any{false};
    mutable std::mutex m_mutex;
    std::vector<State> m_faults;
};

// ---- callbacks -------------------------------------------------------------------------------------------

/// The decrypted XML of one callback event (wecom-api.md §8), as WeCom's self-built apps receive it:
/// ToUserName = corpid, FromUserName = sys, MsgType event, Event, ChangeType and the entity fields (ids only
/// when `idOnly`). Reads the corp for the entity fields, so call it under the corp lock.
std::string eventXml(const ChangeEvent &event, const SandboxCorp &corp, bool idOnly, std::int64_t createTime);

/// Posts callbacks on its own thread, in order, as WeCom does: POST <url>?msg_signature=&timestamp=&nonce= with
/// the encrypted envelope, `timeout` per attempt, retried with a short backoff on a transport error or a non-2xx
/// answer, `attempts` in total.
class CallbackSender {
public:
    explicit CallbackSender(CorpCredentials credentials);
    ~CallbackSender();
    CallbackSender(const CallbackSender &) = delete;
    CallbackSender &operator=(const CallbackSender &) = delete;

    void setOptions(CallbackOptions options);
    CallbackOptions options() const;
    void enqueue(std::vector<std::string> messages);
    std::int64_t delivered() const { return m_delivered.load(); }
    std::int64_t failed() const { return m_failed.load(); }
    void resetCounters();
    /// Stops the thread; queued callbacks are abandoned.
    void stop();

private:
    void run();
    bool deliver(const std::string &message, const CallbackOptions &options);
    bool waitFor(std::chrono::milliseconds duration);

    CorpCredentials m_credentials;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::string> m_queue;
    CallbackOptions m_options;
    bool m_stopping = false;
    std::atomic<std::int64_t> m_delivered{0};
    std::atomic<std::int64_t> m_failed{0};
    std::thread m_thread;
};

// ---- the WeCom API ---------------------------------------------------------------------------------------

/// One call to a WeCom endpoint after the common checks (token, permission, limits) passed.
struct ApiCall {
    const Query &query;
    const std::string &body;
    const std::string &ip;
    SecretKind kind;
};

/// The WeCom endpoints over the corp. Every answer is a complete JSON body (HTTP 200), success or error.
class WeComApi {
public:
    WeComApi(std::unique_ptr<SandboxCorp> corp, CorpCredentials credentials);

    /// Who may call an endpoint (wecom-api.md §1, §11).
    enum class Access {
        None,      ///< gettoken
        Org,       ///< contacts-sync token: everything; app token: its visible range; customer token: 48002
        SyncOnly,  ///< user/list_id: contacts-sync token only
        Customer,  ///< externalcontact/*: customer-contact token only
        AppSender, ///< message/send: app token only
    };
    using Handler = std::string (WeComApi::*)(const ApiCall &);
    struct Endpoint {
        std::string_view path; ///< below /cgi-bin/
        bool post = false;
        Access access = Access::Org;
        Handler handler = nullptr;
    };
    static const std::vector<Endpoint> &endpoints();
    /// 0 when `kind` may call an endpoint of `access`, else the errcode (48002).
    static int permission(Access access, SecretKind kind);

    std::string call(const Endpoint &endpoint, const ApiCall &call) { return (this->*endpoint.handler)(call); }

    int revision() const;
    std::vector<ChangeEvent> advanceTo(int revision, bool idOnly, std::vector<std::string> *xml);
    void withCorp(const std::function<void(const SandboxCorp &)> &read) const;
    std::vector<SentMessage> sentMessages() const;
    std::size_t sentMessageCount() const;

private:
    std::string departmentList(const ApiCall &call);
    std::string departmentSimpleList(const ApiCall &call);
    std::string departmentGet(const ApiCall &call);
    std::string userSimpleList(const ApiCall &call);
    std::string userList(const ApiCall &call);
    std::string userGet(const ApiCall &call);
    std::string userListId(const ApiCall &call);
    std::string followUserList(const ApiCall &call);
    std::string contactList(const ApiCall &call);
    std::string contactGet(const ApiCall &call);
    std::string batchGetByUser(const ApiCall &call);
    std::string corpTagList(const ApiCall &call);
    std::string groupChatList(const ApiCall &call);
    std::string groupChatGet(const ApiCall &call);
    std::string messageSend(const ApiCall &call);

    /// The departments of the tree `call` may see below `root` (or the whole tree when root is 0), parents
    /// before children; sets `errcode` to 60123 / 60011 when `root` is unknown / outside the visible range.
    std::vector<std::int64_t> visibleTree(const ApiCall &call, std::int64_t root, int *errcode) const;
    std::string memberList(const ApiCall &call, bool full);

    std::unique_ptr<SandboxCorp> m_corp;
    CorpCredentials m_credentials;
    mutable std::shared_mutex m_corpMutex;
    mutable std::mutex m_messagesMutex;
    std::vector<SentMessage> m_messages;
    std::int64_t m_nextMsgId = 1;
};

} // namespace ic::sandbox::detail
