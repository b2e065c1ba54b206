#include "net/policy/TokenBucket.h"

#include "common/Logging.h"

#include <algorithm>
#include <cmath>

namespace ic::net {

namespace {

constexpr double MinimumRate = 0.001;

Duration intervalFor(double ratePerSecond)
{
    const double nanoseconds = std::ceil(1e9 / std::max(ratePerSecond, MinimumRate));
    return Duration(std::max<Duration::rep>(Duration::rep(nanoseconds), 1));
}

} // namespace

TokenBucket::TokenBucket(double ratePerSecond, int burst, std::shared_ptr<Clock> clock)
    : m_ratePerSecond(std::max(ratePerSecond, MinimumRate))
    , m_burst(std::max(burst, 1))
    , m_interval(intervalFor(m_ratePerSecond))
    , m_tolerance(m_interval * (m_burst - 1))
    , m_clock(clock ? std::move(clock) : Clock::steady())
{}

Duration TokenBucket::waitFor(TimePoint now) const
{
    // Caller holds m_mutex and has advanced m_last / m_theoreticalArrival to `now`.
    return std::max(m_theoreticalArrival - m_tolerance - now, Duration::zero());
}

std::chrono::milliseconds TokenBucket::reserve(TimePoint now)
{
    const std::lock_guard lock(m_mutex);
    if (!m_started) {
        m_started = true;
        m_last = now;
        m_theoreticalArrival = now;
    }
    m_last = std::max(m_last, now);
    m_theoreticalArrival = std::max(m_theoreticalArrival, m_last);
    const Duration wait = waitFor(m_last) + (m_last - now);
    m_theoreticalArrival += m_interval;
    return std::chrono::ceil<std::chrono::milliseconds>(wait);
}

bool TokenBucket::tryAcquire(TimePoint now)
{
    const std::lock_guard lock(m_mutex);
    if (!m_started) {
        m_started = true;
        m_last = now;
        m_theoreticalArrival = now;
    }
    m_last = std::max(m_last, now);
    m_theoreticalArrival = std::max(m_theoreticalArrival, m_last);
    if (waitFor(m_last) > Duration::zero()) {
        return false;
    }
    m_theoreticalArrival += m_interval;
    return true;
}

QCoro::Task<> TokenBucket::acquire()
{
    const auto wait = reserve(m_clock->now());
    if (wait > std::chrono::milliseconds::zero()) {
        co_await m_clock->sleepFor(wait);
    }
}

RateLimiterRegistry::RateLimiterRegistry(std::shared_ptr<Clock> clock)
    : m_clock(clock ? std::move(clock) : Clock::steady())
{}

RateLimiterRegistry &RateLimiterRegistry::instance()
{
    static RateLimiterRegistry registry;
    return registry;
}

std::shared_ptr<TokenBucket> RateLimiterRegistry::limiter(const QString &serviceKey, double ratePerSecond, int burst)
{
    const std::lock_guard lock(m_mutex);
    auto &bucket = m_buckets[serviceKey];
    if (!bucket) {
        bucket = std::make_shared<TokenBucket>(ratePerSecond, burst, m_clock);
        qCDebug(lcNet) << "rate limit for" << serviceKey << ":" << bucket->ratePerSecond() << "calls/s, burst"
                       << bucket->burst();
    } else if (std::abs(bucket->ratePerSecond() - std::max(ratePerSecond, MinimumRate)) > 1e-9 ||
               bucket->burst() != std::max(burst, 1)) {
        qCWarning(lcNet) << "rate limit for" << serviceKey << "requested as" << ratePerSecond << "calls/s, burst"
                         << burst << "but it is already" << bucket->ratePerSecond() << "calls/s, burst"
                         << bucket->burst() << "; keeping the first";
    }
    return bucket;
}

void RateLimiterRegistry::clear()
{
    const std::lock_guard lock(m_mutex);
    m_buckets.clear();
}

} // namespace ic::net
