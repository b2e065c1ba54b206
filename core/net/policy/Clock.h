#pragma once

#include <QCoro/QCoroTask>

#include <chrono>
#include <coroutine>
#include <memory>
#include <mutex>
#include <vector>

namespace ic::net {

using TimePoint = std::chrono::steady_clock::time_point;
using Duration = std::chrono::steady_clock::duration;

/// The time source of the call policies. Every policy takes "now" from a Clock (or as an argument), and every
/// wait goes through sleepFor(), so tests drive time with a ManualClock and never sleep for real.
///
/// now() is thread-safe. sleepFor() resumes the awaiting coroutine on the thread it suspended on, through that
/// thread's event loop (SteadyClock) or from ManualClock::advance() (ManualClock).
class Clock {
public:
    Clock() = default;
    Clock(const Clock &) = delete;
    Clock &operator=(const Clock &) = delete;
    virtual ~Clock() = default;

    virtual TimePoint now() const = 0;

    /// Completes once `duration` has passed on this clock; a zero or negative duration completes without waiting
    /// for time to pass (a SteadyClock still yields to the event loop once).
    virtual QCoro::Task<> sleepFor(Duration duration) = 0;

    /// The process-wide steady clock, shared by everything that is not given another clock.
    static std::shared_ptr<Clock> steady();
};

/// std::chrono::steady_clock, sleeping with a single-shot QTimer in the caller's thread (no nested event loop).
class SteadyClock final : public Clock {
public:
    TimePoint now() const override;
    QCoro::Task<> sleepFor(Duration duration) override;
};

/// A clock that only moves when told to. Coroutines sleeping on it resume inside advance() or set(), in order of
/// their deadlines (in order of sleeping for equal deadlines), once the clock reaches their deadline. Destroying a
/// sleeping coroutine removes its sleep. Thread-safe; sleepers resume on the thread that moves the clock. The clock
/// must outlive the coroutines sleeping on it. Meant for tests and simulations.
class ManualClock final : public Clock {
public:
    /// Starts at an arbitrary, fixed point well away from the steady clock's epoch.
    explicit ManualClock(TimePoint start = TimePoint{} + std::chrono::hours(1));

    TimePoint now() const override;
    QCoro::Task<> sleepFor(Duration duration) override;

    /// Moves the clock forward by `step` (negative steps are ignored) and resumes the sleepers that are due.
    void advance(Duration step);
    /// Moves the clock to `when` if that is later than now, and resumes the sleepers that are due.
    void set(TimePoint when);

    /// How many coroutines are sleeping on this clock.
    int sleepers() const;

private:
    struct Sleeper {
        TimePoint deadline;
        std::coroutine_handle<> handle; ///< Empty once resumed or destroyed.
    };
    class SleepAwaiter;

    void resumeDue(TimePoint now);

    mutable std::mutex m_mutex;
    TimePoint m_now;
    std::vector<std::shared_ptr<Sleeper>> m_sleepers; ///< In order of sleeping.
};

} // namespace ic::net
