#include "net/policy/CircuitBreaker.h"

#include "common/Logging.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace ic::net {

namespace {

CircuitBreakerConfig clamped(CircuitBreakerConfig config)
{
    config.failureThreshold = std::max(config.failureThreshold, 1);
    config.coolDown = std::max(config.coolDown, std::chrono::milliseconds(0));
    return config;
}

} // namespace

const char *circuitStateName(CircuitState state)
{
    switch (state) {
    case CircuitState::Closed:
        return "closed";
    case CircuitState::Open:
        return "open";
    case CircuitState::HalfOpen:
        return "half-open";
    }
    return "unknown";
}

CircuitBreaker::CircuitBreaker(CircuitBreakerConfig config, TimePoint now)
    : m_config(clamped(config))
    , m_snapshot{CircuitState::Closed, now, 0}
{}

CircuitSnapshot CircuitBreaker::transition(CircuitState state, TimePoint now)
{
    const CircuitSnapshot previous = m_snapshot;
    m_snapshot.state = state;
    m_snapshot.since = now;
    return previous;
}

bool CircuitBreaker::allowRequest(TimePoint now)
{
    std::optional<std::pair<CircuitSnapshot, CircuitSnapshot>> change;
    bool allowed = false;
    {
        const std::lock_guard lock(m_mutex);
        switch (m_snapshot.state) {
        case CircuitState::Closed:
            allowed = true;
            break;
        case CircuitState::Open:
            if (now - m_snapshot.since >= m_config.coolDown) {
                change.emplace(transition(CircuitState::HalfOpen, now), m_snapshot);
                m_probeSentAt = now;
                allowed = true;
            }
            break;
        case CircuitState::HalfOpen:
            if (now - m_probeSentAt >= m_config.coolDown) {
                m_probeSentAt = now; // The previous probe never reported.
                allowed = true;
            }
            break;
        }
    }
    if (change) {
        notify(change->first, change->second);
    }
    return allowed;
}

void CircuitBreaker::recordSuccess(TimePoint now)
{
    std::optional<std::pair<CircuitSnapshot, CircuitSnapshot>> change;
    {
        const std::lock_guard lock(m_mutex);
        switch (m_snapshot.state) {
        case CircuitState::Closed:
            m_snapshot.consecutiveFailures = 0;
            break;
        case CircuitState::Open:
            break;
        case CircuitState::HalfOpen:
            m_snapshot.consecutiveFailures = 0;
            change.emplace(transition(CircuitState::Closed, now), m_snapshot);
            break;
        }
    }
    if (change) {
        notify(change->first, change->second);
    }
}

void CircuitBreaker::recordFailure(TimePoint now)
{
    std::optional<std::pair<CircuitSnapshot, CircuitSnapshot>> change;
    {
        const std::lock_guard lock(m_mutex);
        switch (m_snapshot.state) {
        case CircuitState::Closed:
            ++m_snapshot.consecutiveFailures;
            if (m_snapshot.consecutiveFailures >= m_config.failureThreshold) {
                change.emplace(transition(CircuitState::Open, now), m_snapshot);
            }
            break;
        case CircuitState::Open:
            break;
        case CircuitState::HalfOpen:
            ++m_snapshot.consecutiveFailures;
            change.emplace(transition(CircuitState::Open, now), m_snapshot);
            break;
        }
    }
    if (change) {
        notify(change->first, change->second);
    }
}

CircuitSnapshot CircuitBreaker::snapshot() const
{
    const std::lock_guard lock(m_mutex);
    return m_snapshot;
}

std::chrono::milliseconds CircuitBreaker::retryAfter(TimePoint now) const
{
    const std::lock_guard lock(m_mutex);
    TimePoint from;
    switch (m_snapshot.state) {
    case CircuitState::Closed:
        return std::chrono::milliseconds::zero();
    case CircuitState::Open:
        from = m_snapshot.since;
        break;
    case CircuitState::HalfOpen:
        from = m_probeSentAt;
        break;
    }
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(from + m_config.coolDown - now);
    return std::max(left, std::chrono::milliseconds::zero());
}

void CircuitBreaker::setStateCallback(StateCallback callback)
{
    const std::lock_guard lock(m_mutex);
    m_callback = std::move(callback);
}

void CircuitBreaker::notify(const CircuitSnapshot &previous, const CircuitSnapshot &current)
{
    qCDebug(lcNet) << "circuit" << circuitStateName(previous.state) << "->" << circuitStateName(current.state)
                   << "after" << current.consecutiveFailures << "consecutive failures";
    StateCallback callback;
    {
        const std::lock_guard lock(m_mutex);
        callback = m_callback;
    }
    if (callback) {
        callback(previous, current);
    }
}

} // namespace ic::net
