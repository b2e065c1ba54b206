// Fault::parse (the command line's --fault SPEC) and the per-call fault decisions.

#include "sandbox/ServerParts.h"

#include <charconv>
#include <cstdio>

namespace ic::sandbox {

namespace {

bool parseInt(std::string_view text, int *out)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && end == text.data() + text.size();
}

bool parseDouble(std::string_view text, double *out)
{
    // std::from_chars for double is available in GCC 12's library.
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && end == text.data() + text.size();
}

} // namespace

std::optional<Fault> Fault::parse(const std::string &spec, std::string *error)
{
    auto fail = [error](std::string message) -> std::optional<Fault> {
        if (error) {
            *error = std::move(message);
        }
        return std::nullopt;
    };
    Fault fault;
    std::optional<Kind> kind;
    bool hasLatency = false;
    auto setKind = [&kind](Kind k) {
        if (kind && *kind != k) {
            return false;
        }
        kind = k;
        return true;
    };
    std::string_view rest(spec);
    if (rest.empty()) {
        return fail("empty fault spec");
    }
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        const auto eq = item.find('=');
        const std::string_view key = item.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
        const bool hasValue = eq != std::string_view::npos;
        bool ok = true;
        if (key == "errcode") {
            ok = hasValue && parseInt(value, &fault.errcode) && setKind(Kind::ErrorCode);
        } else if (key == "http") {
            ok = hasValue && parseInt(value, &fault.httpStatus) && fault.httpStatus >= 400 && fault.httpStatus <= 599 &&
                 setKind(Kind::HttpStatus);
        } else if (key == "rate" || key == "probability") {
            ok = hasValue && parseDouble(value, &fault.probability) && fault.probability >= 0.0 &&
                 fault.probability <= 1.0;
        } else if (key == "count") {
            ok = hasValue && parseInt(value, &fault.remaining) && fault.remaining >= 1;
        } else if (key == "endpoint") {
            fault.endpoint = std::string(value);
            if (fault.endpoint.rfind("/cgi-bin/", 0) == 0) {
                fault.endpoint.erase(0, 9);
            }
            ok = hasValue && !fault.endpoint.empty();
        } else if (key == "latency") {
            ok = hasValue && parseInt(value, &fault.latencyMs) && fault.latencyMs >= 0;
            hasLatency = true;
        } else if (key == "jitter") {
            ok = hasValue && parseInt(value, &fault.jitterMs) && fault.jitterMs >= 0;
        } else if (key == "malformed" && !hasValue) {
            ok = setKind(Kind::MalformedJson);
        } else if (key == "truncated" && !hasValue) {
            ok = setKind(Kind::Truncated);
        } else if (key == "drop" && !hasValue) {
            ok = setKind(Kind::Drop);
        } else if (key == "stall" && !hasValue) {
            ok = setKind(Kind::Stall);
        } else {
            return fail("unknown fault setting \"" + std::string(item) +
                        "\" (expected errcode=N, http=N, latency=MS, jitter=MS, rate=P, count=N, endpoint=PATH, "
                        "malformed, truncated, drop or stall)");
        }
        if (!ok) {
            return fail("invalid fault setting \"" + std::string(item) + "\"");
        }
    }
    if (!kind) {
        if (!hasLatency) {
            return fail("a fault needs a kind: errcode=N, http=N, latency=MS, malformed, truncated, drop or stall");
        }
        kind = Kind::Latency;
    }
    fault.kind = *kind;
    return fault;
}

namespace detail {

FaultInjector::State FaultInjector::makeState(Fault fault)
{
    // Seeded from the spec itself, so a fault behaves the same in every run.
    char text[256];
    std::snprintf(text, sizeof text, "%d|%s|%.6f|%d|%d|%d|%d|%d", static_cast<int>(fault.kind), fault.endpoint.c_str(),
                  fault.probability, fault.remaining, fault.errcode, fault.httpStatus, fault.latencyMs, fault.jitterMs);
    std::uint64_t seed = 0xcbf29ce484222325ULL;
    for (const char *p = text; *p; ++p) {
        seed = (seed ^ static_cast<unsigned char>(*p)) * 0x100000001b3ULL;
    }
    return State{std::move(fault), std::mt19937_64(seed)};
}

void FaultInjector::set(std::vector<Fault> faults)
{
    std::lock_guard lock(m_mutex);
    m_faults.clear();
    for (auto &fault : faults) {
        m_faults.push_back(makeState(std::move(fault)));
    }
    m_any = !m_faults.empty();
}

void FaultInjector::add(Fault fault)
{
    std::lock_guard lock(m_mutex);
    m_faults.push_back(makeState(std::move(fault)));
    m_any = true;
}

void FaultInjector::clear()
{
    std::lock_guard lock(m_mutex);
    m_faults.clear();
    m_any = false;
}

std::vector<Fault> FaultInjector::list() const
{
    std::lock_guard lock(m_mutex);
    std::vector<Fault> out;
    for (const auto &state : m_faults) {
        out.push_back(state.fault);
    }
    return out;
}

FaultInjector::Decision FaultInjector::decide(std::string_view endpoint)
{
    Decision decision;
    if (!m_any.load(std::memory_order_relaxed)) {
        return decision;
    }
    std::lock_guard lock(m_mutex);
    for (auto &state : m_faults) {
        auto &fault = state.fault;
        if (fault.remaining == 0 || (!fault.endpoint.empty() && fault.endpoint != endpoint)) {
            continue;
        }
        if (fault.kind != Fault::Kind::Latency && decision.fault) {
            continue;
        }
        const double draw = std::uniform_real_distribution<double>(0.0, 1.0)(state.random);
        if (fault.probability < 1.0 && draw >= fault.probability) {
            continue;
        }
        if (fault.remaining > 0) {
            --fault.remaining;
        }
        if (fault.kind == Fault::Kind::Latency) {
            int delay = fault.latencyMs;
            if (fault.jitterMs > 0) {
                delay += std::uniform_int_distribution<int>(-fault.jitterMs, fault.jitterMs)(state.random);
            }
            decision.delayMs += std::max(0, delay);
        } else {
            decision.fault = fault;
        }
    }
    return decision;
}

} // namespace detail

} // namespace ic::sandbox
