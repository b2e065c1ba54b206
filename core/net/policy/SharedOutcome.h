#pragma once

#include <QObject>
#include <QTimer>

#include <coroutine>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace ic::net {

/// A value produced once and awaited by any number of coroutines: the building block of "single flight", where
/// the first caller does the work (a token refresh) and every concurrent caller awaits its result instead of doing
/// it again.
///
/// Thread-affine: construct, set and await on one thread with a running event loop. Waiters are resumed from that
/// thread's event loop after set() returns, never inside it, so the producer never runs a waiter's code. A waiting
/// coroutine that is destroyed (its task was dropped) is simply forgotten. Copies share the same value.
template<typename T>
class SharedOutcome {
    struct Waiter {
        std::coroutine_handle<> handle; ///< Empty once resumed or destroyed.
    };
    struct State {
        std::optional<T> value;
        std::vector<std::shared_ptr<Waiter>> waiters;
        QObject context; ///< Queues resumptions on the owning thread's event loop.
    };

public:
    SharedOutcome()
        : m_state(std::make_shared<State>())
    {}

    bool isSet() const { return m_state->value.has_value(); }

    /// Stores the value (the first call wins) and schedules every waiter's resumption.
    void set(T value)
    {
        if (m_state->value) {
            return;
        }
        m_state->value = std::move(value);
        for (auto &waiter : std::exchange(m_state->waiters, {})) {
            QTimer::singleShot(0, &m_state->context, [state = m_state, waiter] {
                if (waiter->handle) {
                    std::exchange(waiter->handle, {}).resume();
                }
            });
        }
    }

    class Awaiter {
    public:
        explicit Awaiter(std::shared_ptr<State> state)
            : m_state(std::move(state))
        {}
        Awaiter(const Awaiter &) = delete;
        Awaiter &operator=(const Awaiter &) = delete;
        ~Awaiter()
        {
            if (m_waiter) {
                m_waiter->handle = {}; // Destroyed while suspended: never resume this frame.
            }
        }

        bool await_ready() const noexcept { return m_state->value.has_value(); }
        void await_suspend(std::coroutine_handle<> handle)
        {
            m_waiter = std::make_shared<Waiter>(Waiter{handle});
            m_state->waiters.push_back(m_waiter);
        }
        T await_resume()
        {
            m_waiter.reset();
            return *m_state->value;
        }

    private:
        std::shared_ptr<State> m_state;
        std::shared_ptr<Waiter> m_waiter;
    };

    /// Completes with a copy of the value once it is set (at once if it is).
    Awaiter operator co_await() const { return Awaiter(m_state); }

private:
    std::shared_ptr<State> m_state;
};

} // namespace ic::net
