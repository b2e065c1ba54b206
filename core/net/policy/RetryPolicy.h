#pragma once

#include "net/policy/CallOutcome.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

namespace ic::net {

/// Settings of a RetryPolicy. Values out of range are clamped by the policy (at least one attempt, no negative
/// delays, a cap no smaller than the base).
struct RetryConfig {
    /// Calls in total, the first included: 4 is the first call plus the three retries WeCom recommends at most
    /// for -1 ("建议重试次数不超过3次").
    int maxAttempts = 4;
    /// The backoff bound of the first retry; it doubles with every further retry (WxJava uses 1 s · 2^n).
    std::chrono::milliseconds baseDelay{1000};
    /// The largest backoff bound for ordinary retryable failures.
    std::chrono::milliseconds maxDelay{30000};
    /// The least wait after a rate-limit answer (HTTP 429, WeCom 45009 / 45033), whatever the backoff draws. WeCom
    /// blocks a minute-level limit for 60 seconds ("按分钟拦截则被屏蔽60秒") and counts failing calls against the
    /// caller, so retrying sooner only extends the block.
    std::chrono::milliseconds rateLimitFloor{60000};
};

/// What to do after a failed (or successful) attempt.
struct RetryDecision {
    bool retry = false;                                ///< Whether to call again.
    std::chrono::milliseconds delay{0};                ///< How long to wait first; 0 when not retrying.
    OutcomeClass outcomeClass = OutcomeClass::Success; ///< How the outcome was classified.
};

/// Decides whether and when to repeat a call. Only Transient and RateLimited outcomes are retried, and only while
/// attempts remain. TokenInvalid outcomes (40014 / 42001) are not retried here: refreshing the token and repeating
/// the call once is the connector's job, because only it can get a new token.
///
/// Backoff uses full jitter: the delay before retry n (n = attempt + 1) is uniform in [0, min(maxDelay,
/// baseDelay · 2^attempt)], so many clients failing together do not come back together. A rate-limit answer waits
/// at least rateLimitFloor and at least the provider's Retry-After.
///
/// Thread-safe: the random source is guarded, so one policy may serve every caller of a service.
class RetryPolicy {
public:
    /// Seeded from std::random_device.
    explicit RetryPolicy(RetryConfig config = {});
    /// Deterministic: the same seed gives the same delays, for tests and reproducible simulations.
    RetryPolicy(RetryConfig config, std::uint64_t seed);

    const RetryConfig &config() const { return m_config; }

    /// `attempt` is the 0-based index of the call that produced `outcome` (0 for the first call). Retries when the
    /// outcome is retryable and attempt + 1 < maxAttempts. Draws from the random source only when retrying.
    RetryDecision decide(const CallOutcome &outcome, int attempt) const;

    /// The upper bound of the jittered backoff after `attempt`: min(maxDelay, baseDelay · 2^attempt).
    std::chrono::milliseconds backoffBound(int attempt) const;

private:
    std::chrono::milliseconds jitter(std::chrono::milliseconds bound) const;

    RetryConfig m_config;
    mutable std::mutex m_randomMutex;
    mutable std::mt19937_64 m_random;
};

} // namespace ic::net
