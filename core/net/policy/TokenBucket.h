#pragma once

#include "net/policy/Clock.h"

#include <QCoro/QCoroTask>
#include <QHash>
#include <QString>

#include <chrono>
#include <memory>
#include <mutex>

namespace ic::net {

/// The default per-service limit. WeCom documents its limits per corp and per API (doc 90454: 10,000 calls a
/// minute and 150,000 an hour for each cgi), while the client limits per service, across all of that service's
/// APIs. A service-wide bucket is never looser than a per-API one, since every API's calls are a subset of the
/// service's: a service rate at or under the per-API limit keeps each API under it too. The binding limit is the
/// hourly one, 150,000 / 3,600 s ≈ 41.7 calls a second sustained (the minute limit allows 166). Hence 40 calls a
/// second with a burst of 50: 144,050 in the worst hour and 2,450 in the worst minute. Services configure their own.
inline constexpr double DefaultRatePerSecond = 40.0;
inline constexpr int DefaultBurst = 50;

/// A token bucket in its reservation form (the generic cell rate algorithm): `burst` calls may go at once, then one
/// every 1/rate seconds. Over any interval of length t starting from a full bucket, at most rate · t + burst permits
/// fall inside it.
///
/// reserve() always takes a permit and says how long the caller must wait for it. Permits are handed out in the order
/// reserve() is called, so waiters are served first come, first served: a later caller never gets an earlier permit.
/// A reserved permit is spent even if the caller gives up waiting.
///
/// Thread-safe.
class TokenBucket {
public:
    /// `ratePerSecond` is at least 0.001 and `burst` at least 1 (smaller values are raised to these).
    TokenBucket(double ratePerSecond, int burst, std::shared_ptr<Clock> clock = Clock::steady());

    double ratePerSecond() const { return m_ratePerSecond; }
    int burst() const { return m_burst; }

    /// Takes a permit and returns how long after `now` it becomes valid (rounded up to whole milliseconds): zero
    /// while the burst lasts. `now` earlier than a previous call's counts as that call's time.
    std::chrono::milliseconds reserve(TimePoint now);

    /// Takes a permit only if it is valid at `now`; returns whether it did.
    bool tryAcquire(TimePoint now);

    /// Reserves a permit at the clock's now() and completes when it is valid, sleeping on the clock (a QTimer in
    /// the caller's thread for the steady clock; never a blocking wait).
    QCoro::Task<> acquire();

private:
    Duration waitFor(TimePoint now) const;

    const double m_ratePerSecond;
    const int m_burst;
    const Duration m_interval;  ///< Time per permit, rounded up.
    const Duration m_tolerance; ///< (burst - 1) intervals: how far ahead of time permits may be handed out.
    const std::shared_ptr<Clock> m_clock;

    mutable std::mutex m_mutex;
    bool m_started = false;
    TimePoint m_last;               ///< The latest `now` seen.
    TimePoint m_theoreticalArrival; ///< When the next permit would be due at the steady rate.
};

/// One TokenBucket per service key for the whole process, so every caller of a service shares its limit (the
/// provider counts all of them). Thread-safe.
class RateLimiterRegistry {
public:
    explicit RateLimiterRegistry(std::shared_ptr<Clock> clock = Clock::steady());
    RateLimiterRegistry(const RateLimiterRegistry &) = delete;
    RateLimiterRegistry &operator=(const RateLimiterRegistry &) = delete;

    /// The process-wide registry, on the steady clock.
    static RateLimiterRegistry &instance();

    /// The bucket for `serviceKey`, created with `ratePerSecond` and `burst` on first use. Later calls return the
    /// same bucket unchanged; asking for different numbers logs a warning, because two configurations of one
    /// service disagree.
    std::shared_ptr<TokenBucket> limiter(const QString &serviceKey, double ratePerSecond = DefaultRatePerSecond,
                                         int burst = DefaultBurst);

    /// Forgets every bucket (callers holding one keep it). For reconfiguration and tests.
    void clear();

private:
    const std::shared_ptr<Clock> m_clock;
    std::mutex m_mutex;
    QHash<QString, std::shared_ptr<TokenBucket>> m_buckets;
};

} // namespace ic::net
