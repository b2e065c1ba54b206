#pragma once

#include "sandbox/SandboxCorp.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace ic::sandbox {

/// WeCom's documented frequency limits (wecom-api.md §6.2) as defaults; every number is configurable so tests
/// can trip them quickly.
struct RateLimits {
    int perCorpApiPerMinute = 10000;
    int perCorpApiPerHour = 150000;
    int perIpApiPerMinute = 20000;
    int perIpApiPerHour = 600000;
    int maxConcurrentPerApi = 0;          ///< 45033 above this many calls in flight on one API; 0 = unlimited.
    std::chrono::seconds minuteBlock{60}; ///< 45009 block window after a per-minute limit is hit
    std::chrono::seconds hourBlock{3600}; ///< 45009 block window after a per-hour limit is hit
};

/// An injected fault. `endpoint` is a WeCom path below /cgi-bin/ ("externalcontact/batch/get_by_user") or empty
/// for every endpoint; `probability` in [0, 1] decides per call (deterministically from the fault's own seeded
/// generator); `remaining` > 0 limits how many calls it affects (a burst), -1 = unlimited.
struct Fault {
    enum class Kind {
        Latency,       ///< delay `latencyMs` ± `jitterMs`, then answer normally
        ErrorCode,     ///< answer HTTP 200 with `errcode` (-1, 45009, 45033, 60020, 40014, 42001, ...)
        HttpStatus,    ///< answer with HTTP `httpStatus` (500, 502, 503, ...) and a non-JSON body
        MalformedJson, ///< HTTP 200 with a body that is not valid JSON
        Truncated,     ///< a Content-Length larger than the body sent, then close
        Drop,          ///< close the connection without an answer
        Stall,         ///< accept and never answer (until `latencyMs`, default 10 minutes, or stop())
    };
    Kind kind = Kind::ErrorCode;
    std::string endpoint;
    double probability = 1.0;
    int remaining = -1;
    int errcode = -1;
    int httpStatus = 500;
    int latencyMs = 0;
    int jitterMs = 0;

    /// Parses the command line's --fault SPEC, e.g. "errcode=-1,rate=0.1", "errcode=45009,count=5,endpoint=
    /// externalcontact/batch/get_by_user", "http=503", "latency=200,jitter=50", "malformed", "truncated", "drop",
    /// "stall". Returns std::nullopt and sets `error` on a bad spec.
    static std::optional<Fault> parse(const std::string &spec, std::string *error);
};

/// One message accepted by message/send.
struct SentMessage {
    std::int64_t msgid = 0;
    std::int64_t agentId = 0;
    std::string toUser;
    std::string toParty;
    std::string toTag;
    std::string content;
};

/// Where and how to deliver change callbacks.
struct CallbackOptions {
    std::string url;  ///< http://127.0.0.1:PORT/path; empty = no callbacks
    int attempts = 4; ///< the first try and three retries
    std::chrono::milliseconds timeout{5000};
    bool idOnly = false; ///< post-2022 behaviour: events carry ids only
};

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 0; ///< 0 = any free port
    std::chrono::seconds tokenLifetime{7200};
    RateLimits limits;
    std::vector<Fault> faults;
    CallbackOptions callbacks;
    std::string trustedIp; ///< when set, calls from another address get 60020
    int threads = 8;       ///< HTTP worker threads
};

/// A faithful local WeCom server over real HTTP/1.1 on loopback (cpp-httplib), serving the paths, parameters,
/// JSON shapes, error codes (with the real errmsg shape: hint, from ip, more-info link), cursors, tokens per
/// secret kind and permission rules of wecom-api.md, plus a control API under /sandbox/ (separate from
/// WeCom's /cgi-bin/): GET /sandbox/status, POST /sandbox/revision {"revision":N} or {"advance":N},
/// GET|POST|DELETE /sandbox/faults, GET|DELETE /sandbox/counters, POST /sandbox/tokens/revoke {"errcode":42001},
/// GET /sandbox/messages, GET /sandbox/dump[?format=json], POST /sandbox/callbacks {"url":...},
/// GET|POST /sandbox/limits {"per_corp_api_per_minute": N, ...} (only the numbers given change).
///
/// Thread-safe: requests run on worker threads; the corp is read under a shared lock and changed under an
/// exclusive one.
///
/// Every WeCom call goes through, in order: the call counter; 45033 when more than maxConcurrentPerApi calls of
/// that API are in flight (injected latency counts as in flight); injected faults; the HTTP method; the rate
/// limiter (45009); gettoken, or the token (41001 missing, 40014 unknown, 42001 expired, or the revocation's
/// code); the trusted IP (60020; gettoken is not IP-restricted); the secret kind's permission (48002); the
/// endpoint. Where WeCom's behaviour is undocumented (wecom-api.md §12) the sandbox chooses:
/// - Secret kinds: the contacts-sync token reads the whole org and is the only one allowed user/list_id; the app
///   token reads its visible range (60011 outside it; lists and department trees filtered; user `department`
///   arrays list visible departments only) and is the only one allowed message/send; the customer-contact
///   token is the only one allowed externalcontact/* (the self-built app is not in 「客户联系 可调用接口的应用」)
///   and sees every follower, but gets 48002 on org reads.
/// - Unknown ids: department/* 60123 (not 60003), user/get and externalcontact/list 60111, externalcontact/get
///   40096, groupchat/get 40050. A missing or malformed required parameter is 40058; a body that is not a JSON
///   object is 47001 (an empty body counts as {}); a GET to a POST API or the reverse is 40063; an unknown path
///   below /cgi-bin/ is HTTP 404 with a text body.
/// - user/list and user/simplelist list direct members only; fetch_child and status are accepted and ignored.
/// - Cursors (user/list_id, batch/get_by_user, externalcontact/get, groupchat/list) are opaque and bound to the
///   corp revision and to the request (userid list, external_userid, filters): after a revision change, or with
///   another request's cursor or garbage, the answer is 40058 "invalid cursor" and the client starts over.
///   next_cursor is "" on the last page, except externalcontact/get, which omits it.
/// - batch/get_by_user: more than 100 userids, or none, is 40058; limit defaults to 50 (also for 0 or less) and
///   is clamped to 100; unknown userids and members without customers contribute nothing, and a first page
///   with no customers at all answers 84061.
/// - groupchat/list requires limit (1..1000). message/send: 44004 for empty content, 45002 above 2048 bytes,
///   301002 for another agentid, 81013 when no recipient is valid; the corp has no staff tags, so every totag
///   entry is invalid.
/// - Rate-limit windows are fixed (they start at the first call); when a block ends, the tripped window starts
///   afresh; blocked calls are not counted.
/// - Tokens: gettoken answers the same token until it expires, with expires_in the remaining seconds;
///   setTokenLifetime() applies to tokens issued afterwards; revoked tokens keep answering the revocation code.
/// - callCounts() counts /cgi-bin/ calls only, not the control API.
/// - Faults: Drop and Stall close the connection without an answer (a stall when `latencyMs` passes or on
///   stop()); Truncated announces 4 KiB more than it sends.
class SandboxServer {
public:
    SandboxServer(std::unique_ptr<SandboxCorp> corp, ServerOptions options = {});
    ~SandboxServer();
    SandboxServer(const SandboxServer &) = delete;
    SandboxServer &operator=(const SandboxServer &) = delete;

    /// Binds and starts serving on a background thread. False (and `error`) if the port cannot be bound.
    bool start(std::string *error = nullptr);
    /// Stops serving and joins the threads; stalled responses are released.
    void stop();
    bool isRunning() const;
    int port() const;
    /// "http://127.0.0.1:PORT": the api_base to configure.
    std::string baseUrl() const;
    const CorpCredentials &credentials() const;

    // The same controls as the HTTP control API, for in-process tests.
    int revision() const;
    /// Advances the corp (regenerating if `revision` is behind) and sends the callbacks of the applied rounds.
    std::vector<ChangeEvent> advanceTo(int revision);
    void setFaults(std::vector<Fault> faults);
    void addFault(Fault fault);
    void clearFaults();
    void setLimits(RateLimits limits);
    /// The next call with any current token fails with `errcode` (40014 or 42001) and the token is invalid.
    void revokeTokens(int errcode = 42001);
    void setTokenLifetime(std::chrono::seconds lifetime);
    /// Calls per endpoint path (e.g. "cgi-bin/gettoken", "cgi-bin/externalcontact/batch/get_by_user"), counted
    /// as they arrive, including failed ones.
    std::map<std::string, std::int64_t> callCounts() const;
    void resetCounters();
    std::vector<SentMessage> sentMessages() const;
    /// Callbacks delivered (acknowledged with HTTP 200 "success" or any 2xx), and failed after all attempts.
    std::int64_t callbacksDelivered() const;
    std::int64_t callbacksFailed() const;
    void setCallbacks(CallbackOptions callbacks);

    /// Runs `read` with shared access to the corp.
    void withCorp(const std::function<void(const SandboxCorp &)> &read) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace ic::sandbox
