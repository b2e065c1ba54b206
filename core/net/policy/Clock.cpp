#include "net/policy/Clock.h"

#include <QCoro/QCoroTimer>

#include <algorithm>
#include <utility>

namespace ic::net {

std::shared_ptr<Clock> Clock::steady()
{
    static const std::shared_ptr<Clock> clock = std::make_shared<SteadyClock>();
    return clock;
}

TimePoint SteadyClock::now() const
{
    return std::chrono::steady_clock::now();
}

QCoro::Task<> SteadyClock::sleepFor(Duration duration)
{
    // Round up: waking a millisecond late is harmless, waking early would make a rate limiter overshoot. For the
    // same reason a precise timer: QCoro::sleepFor()'s default coarse timer may fire up to 5 % early.
    const auto wait = std::max(std::chrono::ceil<std::chrono::milliseconds>(duration), std::chrono::milliseconds(0));
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setSingleShot(true);
    timer.start(wait);
    co_await timer;
}

/// Suspends until the clock reaches the deadline; unregisters itself when the sleeping coroutine is destroyed.
class ManualClock::SleepAwaiter {
public:
    SleepAwaiter(ManualClock *clock, TimePoint deadline)
        : m_clock(clock)
        , m_sleeper(std::make_shared<Sleeper>(Sleeper{deadline, {}}))
    {}
    // Movable because GCC 12 moves an awaiter that await_transform() returns by reference.
    SleepAwaiter(SleepAwaiter &&other) noexcept
        : m_clock(other.m_clock)
        , m_sleeper(std::move(other.m_sleeper))
    {}
    SleepAwaiter &operator=(SleepAwaiter &&) = delete;
    ~SleepAwaiter()
    {
        if (!m_sleeper) {
            return; // Moved from.
        }
        const std::lock_guard lock(m_clock->m_mutex);
        std::erase(m_clock->m_sleepers, m_sleeper);
        m_sleeper->handle = {}; // Due but not yet resumed: resumeDue() skips it.
    }

    bool await_ready() const noexcept { return m_clock->now() >= m_sleeper->deadline; }
    bool await_suspend(std::coroutine_handle<> handle)
    {
        const std::lock_guard lock(m_clock->m_mutex);
        if (m_clock->m_now >= m_sleeper->deadline) {
            return false; // The clock moved between await_ready() and here.
        }
        m_sleeper->handle = handle;
        m_clock->m_sleepers.push_back(m_sleeper);
        return true;
    }
    void await_resume() const noexcept {}

private:
    ManualClock *m_clock;
    std::shared_ptr<Sleeper> m_sleeper;
};

ManualClock::ManualClock(TimePoint start)
    : m_now(start)
{}

TimePoint ManualClock::now() const
{
    const std::lock_guard lock(m_mutex);
    return m_now;
}

QCoro::Task<> ManualClock::sleepFor(Duration duration)
{
    co_await SleepAwaiter(this, now() + duration);
}

void ManualClock::advance(Duration step)
{
    TimePoint reached;
    {
        const std::lock_guard lock(m_mutex);
        if (step > Duration::zero()) {
            m_now += step;
        }
        reached = m_now;
    }
    resumeDue(reached);
}

void ManualClock::set(TimePoint when)
{
    TimePoint reached;
    {
        const std::lock_guard lock(m_mutex);
        m_now = std::max(m_now, when);
        reached = m_now;
    }
    resumeDue(reached);
}

int ManualClock::sleepers() const
{
    const std::lock_guard lock(m_mutex);
    return int(m_sleepers.size());
}

void ManualClock::resumeDue(TimePoint now)
{
    std::vector<std::shared_ptr<Sleeper>> due;
    {
        const std::lock_guard lock(m_mutex);
        for (auto it = m_sleepers.begin(); it != m_sleepers.end();) {
            if ((*it)->deadline <= now) {
                due.push_back(*it);
                it = m_sleepers.erase(it);
            } else {
                ++it;
            }
        }
    }
    std::stable_sort(due.begin(), due.end(), [](const auto &a, const auto &b) { return a->deadline < b->deadline; });
    // Resumed outside the lock: a resumed coroutine may read the clock or sleep again.
    for (const auto &sleeper : due) {
        std::coroutine_handle<> handle;
        {
            const std::lock_guard lock(m_mutex);
            handle = std::exchange(sleeper->handle, {});
        }
        if (handle) {
            handle.resume();
        }
    }
}

} // namespace ic::net
