// Error bodies, cursors, tokens and rate limits of the sandbox server.

#include "sandbox/ServerParts.h"

#include "sandbox/JsonWriter.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace ic::sandbox::detail {

namespace {

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ULL)
{
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

const char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64Url(std::string_view in)
{
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out.push_back(kBase64Url[(v >> 18) & 63]);
        out.push_back(kBase64Url[(v >> 12) & 63]);
        out.push_back(kBase64Url[(v >> 6) & 63]);
        out.push_back(kBase64Url[v & 63]);
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) {
            v |= static_cast<unsigned char>(in[i + 1]) << 8;
        }
        out.push_back(kBase64Url[(v >> 18) & 63]);
        out.push_back(kBase64Url[(v >> 12) & 63]);
        if (i + 1 < in.size()) {
            out.push_back(kBase64Url[(v >> 6) & 63]);
        }
    }
    return out;
}

std::optional<std::string> unbase64Url(std::string_view in)
{
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : in) {
        const char *p = std::find(kBase64Url, kBase64Url + 64, c);
        if (p == kBase64Url + 64) {
            return std::nullopt;
        }
        buffer = (buffer << 6) | static_cast<unsigned>(p - kBase64Url);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xff));
        }
    }
    return out;
}

std::string checksum(std::string_view payload, std::string_view binding)
{
    char buffer[20];
    std::snprintf(buffer, sizeof buffer, "%016llx",
                  static_cast<unsigned long long>(fnv1a(binding, fnv1a(payload) ^ 0x5bd1e995ULL)));
    return buffer;
}

std::atomic<std::uint64_t> g_hintCounter{0};

} // namespace

std::string_view errorText(int errcode)
{
    switch (errcode) {
    case -1:
        return "system busy";
    case 0:
        return "ok";
    case 40001:
        return "invalid credential";
    case 40013:
        return "invalid corpid";
    case 40014:
        return "invalid access_token";
    case 40050:
        return "invalid chatid";
    case 40058:
        return "invalid Request Parameter";
    case 40063:
        return "some parameters are empty";
    case 40096:
        return "invalid external userid";
    case 41001:
        return "access_token missing";
    case 41002:
        return "corpid missing";
    case 41004:
        return "corpsecret missing";
    case 42001:
        return "access_token expired";
    case 44004:
        return "empty content";
    case 45002:
        return "content size out of limit";
    case 45009:
        return "api freq out of limit";
    case 45033:
        return "api concurrent out of limit";
    case 47001:
        return "data format error";
    case 48002:
        return "api forbidden";
    case 60011:
        return "no privilege to access/modify contact/party/agent";
    case 60020:
        return "not allow to access from your ip";
    case 60111:
        return "userid not found";
    case 60123:
        return "invalid party id";
    case 81013:
        return "user & party & tag all invalid";
    case 84061:
        return "not external contact";
    case 301002:
        return "not allow operate another agent with this accesstoken";
    default:
        return "error";
    }
}

std::string errorBody(int errcode, std::string_view ip, std::string_view text)
{
    // The hint is a long digit string in current answers (wecom-api.md §1): milliseconds, then a counter.
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    char hint[48];
    std::snprintf(hint, sizeof hint, "%lld%012llu", static_cast<long long>(millis),
                  static_cast<unsigned long long>(g_hintCounter.fetch_add(1) * 7919 % 1000000000000ULL));
    std::string message(text.empty() ? errorText(errcode) : text);
    if (errcode != 0) {
        message.append(", hint: [").append(hint).append("], from ip: ").append(ip);
        message.append(", more info at https://open.work.weixin.qq.com/devtool/query?e=")
            .append(std::to_string(errcode));
    }
    JsonWriter json;
    json.beginObject().field("errcode", errcode).field("errmsg", message).endObject();
    return json.take();
}

std::string encodeCursor(const std::vector<std::int64_t> &numbers, std::string_view binding)
{
    std::string payload = "v1";
    for (auto n : numbers) {
        payload.push_back(':');
        payload.append(std::to_string(n));
    }
    const std::string sum = checksum(payload, binding);
    payload.push_back(':');
    payload.append(sum);
    return base64Url(payload);
}

std::optional<std::vector<std::int64_t>> decodeCursor(std::string_view cursor, std::size_t count,
                                                      std::string_view binding)
{
    const auto text = unbase64Url(cursor);
    if (!text || text->rfind("v1", 0) != 0) {
        return std::nullopt;
    }
    const auto lastColon = text->rfind(':');
    if (lastColon == std::string::npos || lastColon < 2) {
        return std::nullopt;
    }
    const std::string_view payload(text->data(), lastColon);
    if (checksum(payload, binding) != std::string_view(*text).substr(lastColon + 1)) {
        return std::nullopt;
    }
    std::vector<std::int64_t> numbers;
    std::size_t pos = 2;
    while (pos < payload.size()) {
        if (payload[pos] != ':') {
            return std::nullopt;
        }
        ++pos;
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(payload.data() + pos, payload.data() + payload.size(), value);
        if (ec != std::errc() || value < 0) {
            return std::nullopt;
        }
        numbers.push_back(value);
        pos = static_cast<std::size_t>(end - payload.data());
    }
    if (numbers.size() != count) {
        return std::nullopt;
    }
    return numbers;
}

TokenStore::Issued TokenStore::issue(SecretKind kind, std::chrono::seconds lifetime)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const auto now = Clock::now();
    std::unique_lock lock(m_mutex);
    auto &current = m_current[static_cast<std::size_t>(kind)];
    if (!current.empty()) {
        const auto it = m_tokens.find(current);
        if (it != m_tokens.end() && it->second.revoked == 0 && it->second.expires > now) {
            const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(it->second.expires - now);
            return Issued{current, std::max<std::int64_t>(1, (remaining.count() + 999) / 1000)};
        }
    }
    // Keep old tokens (so they answer 42001 / the revocation code) but not without bound.
    if (m_tokens.size() > 4096) {
        for (auto it = m_tokens.begin(); it != m_tokens.end();) {
            it = it->second.expires + std::chrono::hours(1) < now ? m_tokens.erase(it) : std::next(it);
        }
    }
    std::string token(64, 'x');
    do {
        for (auto &c : token) {
            c = alphabet[m_random() % 64];
        }
    } while (m_tokens.count(token) > 0);
    m_tokens[token] = Entry{kind, now + lifetime, 0};
    current = token;
    return Issued{token, std::max<std::int64_t>(1, lifetime.count())};
}

int TokenStore::check(const std::string &token, SecretKind *kind) const
{
    std::shared_lock lock(m_mutex);
    const auto it = m_tokens.find(token);
    if (it == m_tokens.end()) {
        return 40014;
    }
    if (it->second.revoked != 0) {
        return it->second.revoked;
    }
    if (it->second.expires <= Clock::now()) {
        return 42001;
    }
    *kind = it->second.kind;
    return 0;
}

void TokenStore::revokeAll(int errcode)
{
    std::unique_lock lock(m_mutex);
    for (auto &[token, entry] : m_tokens) {
        if (entry.revoked == 0) {
            entry.revoked = errcode;
        }
    }
}

RateLimiter::RateLimiter(std::size_t apis)
    : m_apis(apis)
    , m_corpMutexes(new std::mutex[apis])
    , m_corp(apis)
{}

void RateLimiter::setLimits(const RateLimits &limits)
{
    std::unique_lock lock(m_limitsMutex);
    m_limits = limits;
}

RateLimits RateLimiter::limits() const
{
    std::shared_lock lock(m_limitsMutex);
    return m_limits;
}

bool RateLimiter::hit(Window &window, Clock::time_point now, int perMinute, int perHour, const RateLimits &limits)
{
    if (window.blockedUntil > now) {
        return false;
    }
    if (window.blockedUntil != Clock::time_point{}) {
        // The block is over: the window that tripped starts afresh.
        window.blockedUntil = {};
        window.minuteStart = now;
        window.minuteCount = 0;
        if (window.blockedByHour) {
            window.hourStart = now;
            window.hourCount = 0;
        }
    }
    if (!window.started) {
        window.started = true;
        window.minuteStart = window.hourStart = now;
    }
    if (now - window.minuteStart >= std::chrono::minutes(1)) {
        window.minuteStart = now;
        window.minuteCount = 0;
    }
    if (now - window.hourStart >= std::chrono::hours(1)) {
        window.hourStart = now;
        window.hourCount = 0;
    }
    ++window.minuteCount;
    ++window.hourCount;
    if (perHour > 0 && window.hourCount > perHour) {
        window.blockedUntil = now + limits.hourBlock;
        window.blockedByHour = true;
        return false;
    }
    if (perMinute > 0 && window.minuteCount > perMinute) {
        window.blockedUntil = now + limits.minuteBlock;
        window.blockedByHour = false;
        return false;
    }
    return true;
}

bool RateLimiter::admit(std::size_t api, const std::string &ip)
{
    const RateLimits limits = this->limits();
    const auto now = Clock::now();
    {
        std::lock_guard lock(m_corpMutexes[api]);
        if (!hit(m_corp[api], now, limits.perCorpApiPerMinute, limits.perCorpApiPerHour, limits)) {
            return false;
        }
    }
    auto &shard = m_shards[std::hash<std::string>{}(ip) % m_shards.size()];
    std::lock_guard lock(shard.mutex);
    auto &windows = shard.byIp[ip];
    if (windows.empty()) {
        windows.resize(m_apis);
    }
    return hit(windows[api], now, limits.perIpApiPerMinute, limits.perIpApiPerHour, limits);
}

void RateLimiter::reset()
{
    for (std::size_t i = 0; i < m_apis; ++i) {
        std::lock_guard lock(m_corpMutexes[i]);
        m_corp[i] = Window{};
    }
    for (auto &shard : m_shards) {
        std::lock_guard lock(shard.mutex);
        shard.byIp.clear();
    }
}

} // namespace ic::sandbox::detail
