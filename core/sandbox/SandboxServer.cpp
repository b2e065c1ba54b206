// The sandbox's HTTP layer: cpp-httplib on loopback, the checks every WeCom call goes through (faults,
// concurrency, frequency, token, IP, permission) and the /sandbox/ control API.

#include "sandbox/SandboxServer.h"

#include "sandbox/JsonWriter.h"
#include "sandbox/ServerParts.h"

#include <httplib.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <thread>
#include <unordered_map>

namespace ic::sandbox {

using detail::ApiCall;
using detail::SecretKind;
using detail::WeComApi;

namespace {

constexpr const char *kJson = "application/json; charset=UTF-8";

std::string addressText(const sockaddr_storage &address, int *port)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(&address);
        inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        *port = ntohs(in->sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&address);
        inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
        *port = ntohs(in6->sin6_port);
    } else {
        *port = -1;
    }
    return text;
}

/// Closes the request's TCP connection without an answer. cpp-httplib gives handlers no socket, so the
/// connection is found among the process's sockets by its two endpoints and shut down; httplib's own write of
/// the response then fails and it closes the descriptor itself (this code never closes it).
void dropConnection(const httplib::Request &request)
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir) {
        return;
    }
    while (const dirent *entry = readdir(dir)) {
        char *end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0' || fd == dirfd(dir)) {
            continue;
        }
        struct stat info {};
        if (fstat(static_cast<int>(fd), &info) != 0 || !S_ISSOCK(info.st_mode)) {
            continue;
        }
        sockaddr_storage local{};
        sockaddr_storage peer{};
        socklen_t localLength = sizeof local;
        socklen_t peerLength = sizeof peer;
        if (getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr *>(&local), &localLength) != 0 ||
            getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr *>(&peer), &peerLength) != 0) {
            continue;
        }
        int localPort = -1;
        int peerPort = -1;
        const std::string localAddress = addressText(local, &localPort);
        const std::string peerAddress = addressText(peer, &peerPort);
        if (localPort == request.local_port && peerPort == request.remote_port && localAddress == request.local_addr &&
            peerAddress == request.remote_addr) {
            shutdown(static_cast<int>(fd), SHUT_RDWR);
            break;
        }
    }
    closedir(dir);
}

std::string faultKindName(Fault::Kind kind)
{
    switch (kind) {
    case Fault::Kind::Latency:
        return "latency";
    case Fault::Kind::ErrorCode:
        return "errcode";
    case Fault::Kind::HttpStatus:
        return "http";
    case Fault::Kind::MalformedJson:
        return "malformed";
    case Fault::Kind::Truncated:
        return "truncated";
    case Fault::Kind::Drop:
        return "drop";
    case Fault::Kind::Stall:
        return "stall";
    }
    return "errcode";
}

std::string controlError(const std::string &message)
{
    JsonWriter json;
    json.beginObject().field("error", message).endObject();
    return json.take();
}

std::optional<QJsonObject> controlBody(const std::string &body)
{
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        return QJsonObject{};
    }
    const auto document = QJsonDocument::fromJson(QByteArray::fromStdString(body));
    if (!document.isObject()) {
        return std::nullopt;
    }
    return document.object();
}

} // namespace

struct SandboxServer::Impl {
    Impl(std::unique_ptr<SandboxCorp> corp, ServerOptions serverOptions)
        : credentials(corp->credentials())
        , options(std::move(serverOptions))
        , api(std::move(corp), credentials)
        , limiter(WeComApi::endpoints().size())
        , sender(credentials)
        , counts(new std::atomic<std::int64_t>[WeComApi::endpoints().size()])
        , inFlight(new std::atomic<int>[WeComApi::endpoints().size()])
        , tokenLifetime(options.tokenLifetime.count())
    {
        const auto &endpoints = WeComApi::endpoints();
        for (std::size_t i = 0; i < endpoints.size(); ++i) {
            index.emplace(endpoints[i].path, i);
            counts[i] = 0;
            inFlight[i] = 0;
        }
        limiter.setLimits(options.limits);
        faults.set(options.faults);
        sender.setOptions(options.callbacks);
    }

    void handleCgi(const httplib::Request &request, httplib::Response &response);
    void handleControl(const httplib::Request &request, httplib::Response &response);
    void getToken(const httplib::Request &request, httplib::Response &response);
    /// Applies a non-latency fault; true when the call has been answered (or dropped).
    bool applyFault(const Fault &fault, const httplib::Request &request, httplib::Response &response);
    /// Sleeps up to `duration`; false when the server stops first.
    bool pause(std::chrono::milliseconds duration);
    std::vector<ChangeEvent> advanceTo(int revision);
    std::string statusJson();
    std::string countersJson();

    CorpCredentials credentials;
    ServerOptions options;
    WeComApi api;
    detail::TokenStore tokens;
    detail::RateLimiter limiter;
    detail::FaultInjector faults;
    detail::CallbackSender sender;
    std::unordered_map<std::string_view, std::size_t> index;
    std::unique_ptr<std::atomic<std::int64_t>[]> counts;
    std::unique_ptr<std::atomic<int>[]> inFlight;
    mutable std::mutex otherCountsMutex;
    std::map<std::string, std::int64_t> otherCounts;
    std::atomic<std::int64_t> tokenLifetime;

    std::unique_ptr<httplib::Server> server;
    std::thread thread;
    std::atomic<bool> running{false};
    int port = 0;
    std::mutex pauseMutex;
    std::condition_variable pauseWake;
    bool stopping = false;
};

bool SandboxServer::Impl::pause(std::chrono::milliseconds duration)
{
    std::unique_lock lock(pauseMutex);
    return !pauseWake.wait_for(lock, duration, [this] { return stopping; });
}

bool SandboxServer::Impl::applyFault(const Fault &fault, const httplib::Request &request, httplib::Response &response)
{
    switch (fault.kind) {
    case Fault::Kind::Latency:
        return false;
    case Fault::Kind::ErrorCode:
        response.set_content(detail::errorBody(fault.errcode, request.remote_addr), kJson);
        return true;
    case Fault::Kind::HttpStatus:
        response.status = fault.httpStatus;
        response.set_content("<html><head><title>" + std::to_string(fault.httpStatus) +
                                 "</title></head><body><center><h1>" + std::to_string(fault.httpStatus) +
                                 "</h1></center><hr><center>stgw</center></body></html>",
                             "text/html");
        return true;
    case Fault::Kind::MalformedJson:
        response.set_content(R"({"errcode":0,"errmsg":"ok","next_cursor":"","items":[{"id":1,"name":"a)", kJson);
        return true;
    case Fault::Kind::Truncated: {
        // Announce more bytes than are sent, send the first part, then let httplib close the connection (a
        // provider that returns false ends the response there).
        auto part = std::make_shared<std::string>(R"({"errcode":0,"errmsg":"ok","next_cursor":"","items":[)");
        response.set_content_provider(part->size() + 4096, kJson,
                                      [part](std::size_t offset, std::size_t, httplib::DataSink &sink) {
                                          if (offset == 0) {
                                              sink.write(part->data(), part->size());
                                          }
                                          return false;
                                      });
        return true;
    }
    case Fault::Kind::Drop:
        dropConnection(request);
        response.status = 500;
        return true;
    case Fault::Kind::Stall:
        pause(std::chrono::milliseconds(fault.latencyMs > 0 ? fault.latencyMs : 600000));
        dropConnection(request);
        response.status = 500;
        return true;
    }
    return false;
}

void SandboxServer::Impl::getToken(const httplib::Request &request, httplib::Response &response)
{
    const std::string &ip = request.remote_addr;
    if (!request.has_param("corpid") || request.get_param_value("corpid").empty()) {
        response.set_content(detail::errorBody(41002, ip), kJson);
        return;
    }
    if (!request.has_param("corpsecret") || request.get_param_value("corpsecret").empty()) {
        response.set_content(detail::errorBody(41004, ip), kJson);
        return;
    }
    if (request.get_param_value("corpid") != credentials.corpId) {
        response.set_content(detail::errorBody(40013, ip), kJson);
        return;
    }
    const std::string secret = request.get_param_value("corpsecret");
    SecretKind kind = SecretKind::App;
    if (secret == credentials.appSecret) {
        kind = SecretKind::App;
    } else if (secret == credentials.contactsSecret) {
        kind = SecretKind::Contacts;
    } else if (secret == credentials.customerSecret) {
        kind = SecretKind::Customer;
    } else {
        response.set_content(detail::errorBody(40001, ip), kJson);
        return;
    }
    const auto issued = tokens.issue(kind, std::chrono::seconds(tokenLifetime.load()));
    JsonWriter json;
    json.beginObject()
        .field("errcode", 0)
        .field("errmsg", "ok")
        .field("access_token", issued.token)
        .field("expires_in", issued.expiresIn)
        .endObject();
    response.set_content(json.take(), kJson);
}

void SandboxServer::Impl::handleCgi(const httplib::Request &request, httplib::Response &response)
{
    const std::string_view path = std::string_view(request.path).substr(9); // after "/cgi-bin/"
    const auto found = index.find(path);
    if (found == index.end()) {
        {
            std::lock_guard lock(otherCountsMutex);
            ++otherCounts[request.path.substr(1)];
        }
        // WeCom's answer to an unknown cgi path is undocumented; a plain 404 makes a wrong path in a client
        // fail loudly instead of looking like a retryable errcode.
        response.status = 404;
        response.set_content("404 page not found", "text/plain");
        return;
    }
    const std::size_t endpointIndex = found->second;
    const auto &endpoint = WeComApi::endpoints()[endpointIndex];
    counts[endpointIndex].fetch_add(1, std::memory_order_relaxed);
    const std::string &ip = request.remote_addr;

    // In flight from arrival to answer, injected latency included: a slow answer holds its slot as it would
    // on a busy server.
    struct InFlight {
        std::atomic<int> &count;
        int value;
        explicit InFlight(std::atomic<int> &c)
            : count(c)
            , value(c.fetch_add(1) + 1)
        {}
        ~InFlight() { count.fetch_sub(1); }
        InFlight(const InFlight &) = delete;
        InFlight &operator=(const InFlight &) = delete;
    } inFlightGuard(inFlight[endpointIndex]);
    const RateLimits limits = limiter.limits();
    if (limits.maxConcurrentPerApi > 0 && inFlightGuard.value > limits.maxConcurrentPerApi) {
        response.set_content(detail::errorBody(45033, ip), kJson);
        return;
    }
    const auto decision = faults.decide(path);
    if (decision.delayMs > 0 && !pause(std::chrono::milliseconds(decision.delayMs))) {
        dropConnection(request);
        response.status = 503;
        return;
    }
    if (decision.fault && applyFault(*decision.fault, request, response)) {
        return;
    }
    // A POST-only API called with GET (or the reverse) reads no parameters: WeCom's 40063 checklist names the
    // wrong HTTP method as a cause (doc 90313).
    if (endpoint.post != (request.method == "POST")) {
        response.set_content(detail::errorBody(40063, ip), kJson);
        return;
    }
    if (!limiter.admit(endpointIndex, ip)) {
        response.set_content(detail::errorBody(45009, ip), kJson);
        return;
    }
    if (endpoint.access == WeComApi::Access::None) {
        getToken(request, response);
        return;
    }
    if (!request.has_param("access_token") || request.get_param_value("access_token").empty()) {
        response.set_content(detail::errorBody(41001, ip), kJson);
        return;
    }
    SecretKind kind = SecretKind::App;
    if (const int errcode = tokens.check(request.get_param_value("access_token"), &kind); errcode != 0) {
        response.set_content(detail::errorBody(errcode, ip), kJson);
        return;
    }
    // The trusted-IP wall applies to business APIs; gettoken itself works from anywhere (wecom-api.md §10).
    if (!options.trustedIp.empty() && ip != options.trustedIp) {
        response.set_content(detail::errorBody(60020, ip), kJson);
        return;
    }
    if (const int errcode = WeComApi::permission(endpoint.access, kind); errcode != 0) {
        response.set_content(detail::errorBody(errcode, ip), kJson);
        return;
    }
    response.set_content(api.call(endpoint, ApiCall{request.params, request.body, ip, kind}), kJson);
}

std::vector<ChangeEvent> SandboxServer::Impl::advanceTo(int revision)
{
    std::vector<std::string> xml;
    auto events = api.advanceTo(revision, sender.options().idOnly, &xml);
    sender.enqueue(std::move(xml)); // outside the corp lock
    return events;
}

std::string SandboxServer::Impl::statusJson()
{
    JsonWriter json;
    json.beginObject();
    api.withCorp([&](const SandboxCorp &corp) {
        json.field("revision", corp.revision())
            .field("corpid", corp.credentials().corpId)
            .field("agentid", corp.credentials().agentId)
            .field("departments", static_cast<std::int64_t>(corp.departments().size()))
            .field("staff", static_cast<std::int64_t>(corp.staff().size()))
            .field("contacts", static_cast<std::int64_t>(corp.contacts().size()))
            .field("tag_groups", static_cast<std::int64_t>(corp.tagGroups().size()))
            .field("group_chats", static_cast<std::int64_t>(corp.groupChats().size()));
    });
    json.field("port", port)
        .field("messages", static_cast<std::int64_t>(api.sentMessageCount()))
        .field("faults", static_cast<std::int64_t>(faults.list().size()))
        .field("callbacks_url", sender.options().url)
        .field("callbacks_delivered", sender.delivered())
        .field("callbacks_failed", sender.failed())
        .endObject();
    return json.take();
}

std::string SandboxServer::Impl::countersJson()
{
    JsonWriter json;
    json.beginObject().key("calls").beginObject();
    const auto &endpoints = WeComApi::endpoints();
    std::map<std::string, std::int64_t> all;
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
        if (const auto n = counts[i].load(); n > 0) {
            all["cgi-bin/" + std::string(endpoints[i].path)] = n;
        }
    }
    {
        std::lock_guard lock(otherCountsMutex);
        all.insert(otherCounts.begin(), otherCounts.end());
    }
    for (const auto &[path, n] : all) {
        json.field(path, n);
    }
    json.endObject()
        .field("callbacks_delivered", sender.delivered())
        .field("callbacks_failed", sender.failed())
        .endObject();
    return json.take();
}

void SandboxServer::Impl::handleControl(const httplib::Request &request, httplib::Response &response)
{
    const std::string path = request.path.substr(9); // after "/sandbox/"
    const std::string &method = request.method;
    auto reply = [&response](int status, std::string body) {
        response.status = status;
        response.set_content(std::move(body), kJson);
    };
    const auto body = controlBody(request.body);
    if (!body) {
        reply(400, controlError("the body is not a JSON object"));
        return;
    }
    if (path == "status" && method == "GET") {
        reply(200, statusJson());
    } else if (path == "revision" && method == "POST") {
        int target = api.revision();
        if (body->contains(QStringLiteral("revision"))) {
            target = body->value(QStringLiteral("revision")).toInt(-1);
        } else if (body->contains(QStringLiteral("advance"))) {
            target += body->value(QStringLiteral("advance")).toInt(-1);
        } else {
            reply(400, controlError("expected {\"revision\":N} or {\"advance\":N}"));
            return;
        }
        if (target < 0) {
            reply(400, controlError("the revision must be a number of at least 0"));
            return;
        }
        const auto events = advanceTo(target);
        JsonWriter json;
        json.beginObject().field("revision", api.revision()).key("events").beginArray();
        for (const auto &event : events) {
            json.beginObject().field("event", event.event).field("change_type", event.changeType);
            if (!event.userid.empty()) {
                json.field("userid", event.userid);
            }
            if (!event.externalUserid.empty()) {
                json.field("external_userid", event.externalUserid);
            }
            if (event.departmentId != 0) {
                json.field("department_id", event.departmentId);
            }
            if (!event.tagId.empty()) {
                json.field("tag_id", event.tagId).field("tag_type", event.tagType);
            }
            json.endObject();
        }
        json.endArray().endObject();
        reply(200, json.take());
    } else if (path == "limits" && (method == "GET" || method == "POST")) {
        if (method == "POST") {
            // Only the numbers given change; a block already in force keeps its window.
            RateLimits limits = limiter.limits();
            struct Number {
                const char *name;
                int *value;
                int minimum; ///< the windows need at least one call; 0 concurrent calls means unlimited
            };
            const Number numbers[] = {{"per_corp_api_per_minute", &limits.perCorpApiPerMinute, 1},
                                      {"per_corp_api_per_hour", &limits.perCorpApiPerHour, 1},
                                      {"per_ip_api_per_minute", &limits.perIpApiPerMinute, 1},
                                      {"per_ip_api_per_hour", &limits.perIpApiPerHour, 1},
                                      {"max_concurrent_per_api", &limits.maxConcurrentPerApi, 0}};
            for (const auto &number : numbers) {
                const QString key = QString::fromLatin1(number.name);
                if (body->contains(key)) {
                    const int value = body->value(key).toInt(-1);
                    if (value < number.minimum) {
                        reply(400, controlError(std::string(number.name) + " must be a number of at least " +
                                                std::to_string(number.minimum)));
                        return;
                    }
                    *number.value = value;
                }
            }
            limiter.setLimits(limits);
        }
        const RateLimits limits = limiter.limits();
        JsonWriter json;
        json.beginObject()
            .field("per_corp_api_per_minute", limits.perCorpApiPerMinute)
            .field("per_corp_api_per_hour", limits.perCorpApiPerHour)
            .field("per_ip_api_per_minute", limits.perIpApiPerMinute)
            .field("per_ip_api_per_hour", limits.perIpApiPerHour)
            .field("max_concurrent_per_api", limits.maxConcurrentPerApi)
            .field("minute_block_seconds", static_cast<std::int64_t>(limits.minuteBlock.count()))
            .field("hour_block_seconds", static_cast<std::int64_t>(limits.hourBlock.count()))
            .endObject();
        reply(200, json.take());
    } else if (path == "faults" && method == "GET") {
        JsonWriter json;
        json.beginObject().key("faults").beginArray();
        for (const auto &fault : faults.list()) {
            char probability[32];
            std::snprintf(probability, sizeof probability, "%g", fault.probability);
            json.beginObject()
                .field("kind", faultKindName(fault.kind))
                .field("endpoint", fault.endpoint)
                .key("probability")
                .raw(probability)
                .field("remaining", fault.remaining)
                .field("errcode", fault.errcode)
                .field("http_status", fault.httpStatus)
                .field("latency_ms", fault.latencyMs)
                .field("jitter_ms", fault.jitterMs)
                .endObject();
        }
        json.endArray().endObject();
        reply(200, json.take());
    } else if (path == "faults" && method == "POST") {
        std::vector<std::string> specs;
        if (body->value(QStringLiteral("spec")).isString()) {
            specs.push_back(body->value(QStringLiteral("spec")).toString().toStdString());
        }
        for (const auto &item : body->value(QStringLiteral("specs")).toArray()) {
            specs.push_back(item.toString().toStdString());
        }
        if (specs.empty()) {
            reply(400, controlError("expected {\"spec\":\"...\"} or {\"specs\":[...]}"));
            return;
        }
        std::vector<Fault> parsed;
        for (const auto &spec : specs) {
            std::string error;
            auto fault = Fault::parse(spec, &error);
            if (!fault) {
                reply(400, controlError(error));
                return;
            }
            parsed.push_back(std::move(*fault));
        }
        for (auto &fault : parsed) {
            faults.add(std::move(fault));
        }
        reply(200, R"({"ok":true})");
    } else if (path == "faults" && method == "DELETE") {
        faults.clear();
        reply(200, R"({"ok":true})");
    } else if (path == "counters" && method == "GET") {
        reply(200, countersJson());
    } else if (path == "counters" && method == "DELETE") {
        for (std::size_t i = 0; i < WeComApi::endpoints().size(); ++i) {
            counts[i] = 0;
        }
        {
            std::lock_guard lock(otherCountsMutex);
            otherCounts.clear();
        }
        sender.resetCounters();
        reply(200, R"({"ok":true})");
    } else if (path == "tokens/revoke" && method == "POST") {
        const int errcode = body->value(QStringLiteral("errcode")).toInt(42001);
        if (errcode == 0) {
            reply(400, controlError("errcode must not be 0"));
            return;
        }
        tokens.revokeAll(errcode);
        reply(200, R"({"ok":true})");
    } else if (path == "messages" && method == "GET") {
        JsonWriter json;
        json.beginObject().key("messages").beginArray();
        for (const auto &message : api.sentMessages()) {
            json.beginObject()
                .field("msgid", message.msgid)
                .field("agentid", message.agentId)
                .field("touser", message.toUser)
                .field("toparty", message.toParty)
                .field("totag", message.toTag)
                .field("content", message.content)
                .endObject();
        }
        json.endArray().endObject();
        reply(200, json.take());
    } else if (path == "dump" && method == "GET") {
        const bool jsonLines = request.get_param_value("format") != "json";
        std::ostringstream out;
        api.withCorp([&](const SandboxCorp &corp) { corp.dump(out, jsonLines); });
        response.status = 200;
        response.set_content(out.str(), jsonLines ? "application/x-ndjson; charset=UTF-8" : kJson);
    } else if (path == "callbacks" && method == "POST") {
        CallbackOptions callbacks = sender.options();
        if (!body->value(QStringLiteral("url")).isString()) {
            reply(400, controlError("expected {\"url\":\"http://...\"}"));
            return;
        }
        callbacks.url = body->value(QStringLiteral("url")).toString().toStdString();
        callbacks.attempts = body->value(QStringLiteral("attempts")).toInt(callbacks.attempts);
        callbacks.idOnly = body->value(QStringLiteral("id_only")).toBool(callbacks.idOnly);
        if (body->contains(QStringLiteral("timeout_ms"))) {
            callbacks.timeout = std::chrono::milliseconds(body->value(QStringLiteral("timeout_ms")).toInt(5000));
        }
        sender.setOptions(callbacks);
        reply(200, R"({"ok":true})");
    } else {
        reply(404, controlError("unknown control path or method: " + method + " " + request.path));
    }
}

SandboxServer::SandboxServer(std::unique_ptr<SandboxCorp> corp, ServerOptions options)
    : d(std::make_unique<Impl>(std::move(corp), std::move(options)))
{}

SandboxServer::~SandboxServer()
{
    stop();
    d->sender.stop();
}

bool SandboxServer::start(std::string *error)
{
    if (d->running) {
        return true;
    }
    {
        std::lock_guard lock(d->pauseMutex);
        d->stopping = false;
    }
    d->server = std::make_unique<httplib::Server>();
    auto &server = *d->server;
    const int threads = std::max(1, d->options.threads);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    // Headers and body are separate writes: without TCP_NODELAY, Nagle and delayed ACKs add ~40 ms per answer.
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(1000000);
    server.set_keep_alive_timeout(3);
    server.set_payload_max_length(8 * 1024 * 1024);
    Impl *impl = d.get();
    server.Get(R"(/cgi-bin/.+)", [impl](const httplib::Request &q, httplib::Response &r) { impl->handleCgi(q, r); });
    server.Post(R"(/cgi-bin/.+)", [impl](const httplib::Request &q, httplib::Response &r) { impl->handleCgi(q, r); });
    auto control = [impl](const httplib::Request &q, httplib::Response &r) { impl->handleControl(q, r); };
    server.Get(R"(/sandbox/.+)", control);
    server.Post(R"(/sandbox/.+)", control);
    server.Delete(R"(/sandbox/.+)", control);
    server.set_exception_handler([](const httplib::Request &q, httplib::Response &r, std::exception_ptr) {
        r.status = 200;
        r.set_content(detail::errorBody(-1, q.remote_addr), kJson);
    });
    const int port = d->options.port == 0
                         ? server.bind_to_any_port(d->options.host)
                         : (server.bind_to_port(d->options.host, d->options.port) ? d->options.port : -1);
    if (port <= 0) {
        if (error) {
            *error = "cannot listen on " + d->options.host + ":" + std::to_string(d->options.port);
        }
        d->server.reset();
        return false;
    }
    d->port = port;
    d->running = true;
    d->thread = std::thread([impl] { impl->server->listen_after_bind(); });
    return true;
}

void SandboxServer::stop()
{
    if (!d->thread.joinable()) {
        return;
    }
    {
        std::lock_guard lock(d->pauseMutex);
        d->stopping = true;
    }
    d->pauseWake.notify_all();
    d->server->stop();
    d->thread.join();
    d->server.reset();
    d->running = false;
}

bool SandboxServer::isRunning() const
{
    return d->running;
}

int SandboxServer::port() const
{
    return d->port;
}

std::string SandboxServer::baseUrl() const
{
    return "http://" + d->options.host + ":" + std::to_string(d->port);
}

const CorpCredentials &SandboxServer::credentials() const
{
    return d->credentials;
}

int SandboxServer::revision() const
{
    return d->api.revision();
}

std::vector<ChangeEvent> SandboxServer::advanceTo(int revision)
{
    return d->advanceTo(revision);
}

void SandboxServer::setFaults(std::vector<Fault> faults)
{
    d->faults.set(std::move(faults));
}

void SandboxServer::addFault(Fault fault)
{
    d->faults.add(std::move(fault));
}

void SandboxServer::clearFaults()
{
    d->faults.clear();
}

void SandboxServer::setLimits(RateLimits limits)
{
    d->limiter.setLimits(limits);
    d->limiter.reset();
}

void SandboxServer::revokeTokens(int errcode)
{
    d->tokens.revokeAll(errcode);
}

void SandboxServer::setTokenLifetime(std::chrono::seconds lifetime)
{
    d->tokenLifetime = lifetime.count();
}

std::map<std::string, std::int64_t> SandboxServer::callCounts() const
{
    std::map<std::string, std::int64_t> out;
    const auto &endpoints = WeComApi::endpoints();
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
        if (const auto n = d->counts[i].load(); n > 0) {
            out["cgi-bin/" + std::string(endpoints[i].path)] = n;
        }
    }
    std::lock_guard lock(d->otherCountsMutex);
    out.insert(d->otherCounts.begin(), d->otherCounts.end());
    return out;
}

void SandboxServer::resetCounters()
{
    for (std::size_t i = 0; i < WeComApi::endpoints().size(); ++i) {
        d->counts[i] = 0;
    }
    std::lock_guard lock(d->otherCountsMutex);
    d->otherCounts.clear();
    d->sender.resetCounters();
}

std::vector<SentMessage> SandboxServer::sentMessages() const
{
    return d->api.sentMessages();
}

std::int64_t SandboxServer::callbacksDelivered() const
{
    return d->sender.delivered();
}

std::int64_t SandboxServer::callbacksFailed() const
{
    return d->sender.failed();
}

void SandboxServer::setCallbacks(CallbackOptions callbacks)
{
    d->sender.setOptions(std::move(callbacks));
}

void SandboxServer::withCorp(const std::function<void(const SandboxCorp &)> &read) const
{
    d->api.withCorp(read);
}

} // namespace ic::sandbox
