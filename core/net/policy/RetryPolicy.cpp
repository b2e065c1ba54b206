#include "net/policy/RetryPolicy.h"

#include <algorithm>

namespace ic::net {

namespace {

RetryConfig clamped(RetryConfig config)
{
    using std::chrono::milliseconds;
    config.maxAttempts = std::max(config.maxAttempts, 1);
    config.baseDelay = std::max(config.baseDelay, milliseconds(0));
    config.maxDelay = std::max(config.maxDelay, config.baseDelay);
    config.rateLimitFloor = std::max(config.rateLimitFloor, milliseconds(0));
    return config;
}

std::uint64_t randomSeed()
{
    std::random_device device;
    return (std::uint64_t(device()) << 32) ^ device();
}

} // namespace

RetryPolicy::RetryPolicy(RetryConfig config)
    : RetryPolicy(config, randomSeed())
{}

RetryPolicy::RetryPolicy(RetryConfig config, std::uint64_t seed)
    : m_config(clamped(config))
    , m_random(seed)
{}

std::chrono::milliseconds RetryPolicy::backoffBound(int attempt) const
{
    const auto cap = m_config.maxDelay.count();
    auto bound = m_config.baseDelay.count();
    // Doubling stops at the cap, so large attempt numbers cannot overflow.
    for (int i = 0; i < attempt && bound < cap; ++i) {
        bound *= 2;
    }
    return std::chrono::milliseconds(std::min(bound, cap));
}

std::chrono::milliseconds RetryPolicy::jitter(std::chrono::milliseconds bound) const
{
    std::uniform_int_distribution<std::chrono::milliseconds::rep> distribution(0, bound.count());
    const std::lock_guard lock(m_randomMutex);
    return std::chrono::milliseconds(distribution(m_random));
}

RetryDecision RetryPolicy::decide(const CallOutcome &outcome, int attempt) const
{
    RetryDecision decision;
    decision.outcomeClass = classify(outcome);
    const bool retryable =
        decision.outcomeClass == OutcomeClass::Transient || decision.outcomeClass == OutcomeClass::RateLimited;
    if (!retryable || attempt < 0 || attempt + 1 >= m_config.maxAttempts) {
        return decision;
    }

    decision.retry = true;
    decision.delay = jitter(backoffBound(attempt));
    if (decision.outcomeClass == OutcomeClass::RateLimited) {
        decision.delay = std::max(decision.delay, m_config.rateLimitFloor);
        if (outcome.retryAfter) {
            decision.delay = std::max(decision.delay, *outcome.retryAfter);
        }
    }
    return decision;
}

} // namespace ic::net
