#pragma once

#include "net/policy/Clock.h"

#include <chrono>
#include <functional>
#include <mutex>

namespace ic::net {

enum class CircuitState {
    Closed,   ///< Calls go through; consecutive failures are counted.
    Open,     ///< Calls are refused until the cool-down has passed.
    HalfOpen, ///< One probe call is let through; its result closes or reopens the circuit.
};

/// What a breaker looks like at one moment.
struct CircuitSnapshot {
    CircuitState state = CircuitState::Closed;
    TimePoint since;             ///< When the breaker entered `state`.
    int consecutiveFailures = 0; ///< Failures since the last success (kept while open, for display).
};

struct CircuitBreakerConfig {
    int failureThreshold = 5;                  ///< Consecutive failures that open the circuit (at least 1).
    std::chrono::milliseconds coolDown{30000}; ///< How long the circuit stays open before a probe.
};

/// A circuit breaker for one service: closed → open after `failureThreshold` consecutive failures → half-open once
/// `coolDown` has passed, letting exactly one probe through → closed when the probe succeeds, open again (for
/// another cool-down) when it fails.
///
/// The client asks allowRequest() before each call and reports its outcome with recordSuccess() or recordFailure().
/// What counts as a failure is isServiceFailure() (CallOutcome.h): transport errors, 5xx and WeCom -1. Every other
/// outcome, a credential or permission error included, shows that the service answers and is recorded as a success.
///
/// Results reported while open are from calls let through before it opened and are ignored. While half-open the
/// first result decides. A probe that never reports (its caller was cancelled) would leave the breaker half-open
/// for ever, so a new probe is allowed once another cool-down has passed since the last one.
///
/// Thread-safe. The change callback runs after the state has changed, outside the breaker's lock, on the thread
/// whose call caused the change; it may call back into the breaker. Transitions are logged at debug level only: the
/// owner knows the service's name and reports changes to people through the callback.
class CircuitBreaker {
public:
    /// Called on every state change with the snapshots before and after it.
    using StateCallback = std::function<void(const CircuitSnapshot &previous, const CircuitSnapshot &current)>;

    explicit CircuitBreaker(CircuitBreakerConfig config = {}, TimePoint now = std::chrono::steady_clock::now());

    const CircuitBreakerConfig &config() const { return m_config; }

    /// Whether a call may go now. When open and the cool-down has passed, moves to half-open and returns true for
    /// this one call (the probe); further calls get false until the probe reports.
    bool allowRequest(TimePoint now);
    void recordSuccess(TimePoint now);
    void recordFailure(TimePoint now);

    CircuitSnapshot snapshot() const;
    /// How long until a probe will be allowed: zero unless open (or half-open with a probe out).
    std::chrono::milliseconds retryAfter(TimePoint now) const;

    /// Replaces the change callback (an empty one removes it).
    void setStateCallback(StateCallback callback);

private:
    /// Moves to `state` at `now`; returns the snapshot before the move.
    CircuitSnapshot transition(CircuitState state, TimePoint now);
    void notify(const CircuitSnapshot &previous, const CircuitSnapshot &current);

    const CircuitBreakerConfig m_config;
    mutable std::mutex m_mutex;
    CircuitSnapshot m_snapshot;
    TimePoint m_probeSentAt;
    StateCallback m_callback;
};

const char *circuitStateName(CircuitState state);

} // namespace ic::net
