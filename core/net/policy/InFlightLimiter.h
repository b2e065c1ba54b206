#pragma once

#include <QCoro/QCoroTask>

#include <memory>
#include <optional>

namespace ic::net {

/// The default number of calls one service may have in flight at once. WeCom publishes no general concurrency limit;
/// it answers 45033 when a program keeps too many concurrent calls on one resource, and some of its APIs reportedly
/// allow no more than 5 at once (zsmhub's errcode table). A 45033 is classified as rate limited and retried after the
/// rate-limit floor; a service that mostly calls such an API configures 5.
inline constexpr int DefaultMaxInFlight = 8;

/// An asynchronous semaphore: at most `capacity` permits are out at once; acquire() waits, without blocking the
/// thread, for a permit, and waiters get permits in the order they asked (FIFO).
///
/// Thread-affine: create it, acquire and release its permits on one thread with a running event loop (the thread
/// of the service's client). A waiter handed a released permit is resumed from that thread's event loop, never
/// inside the releasing call, so releasing never runs someone else's code. Destroying a waiting coroutine removes it
/// from the queue (or returns the permit it was about to get). Permits and waiters may outlive the limiter object:
/// they share its state.
class InFlightLimiter {
    struct State;

public:
    /// Holds one slot until destroyed or released. Move-only.
    class Permit {
    public:
        Permit() = default;
        Permit(Permit &&other) noexcept;
        Permit &operator=(Permit &&other) noexcept;
        Permit(const Permit &) = delete;
        Permit &operator=(const Permit &) = delete;
        ~Permit();

        bool isValid() const { return m_state != nullptr; }
        /// Gives the slot back now (idempotent).
        void release();

    private:
        friend class InFlightLimiter;
        explicit Permit(std::shared_ptr<State> state);
        std::shared_ptr<State> m_state;
    };

    /// `capacity` is at least 1 (smaller values are raised to 1).
    explicit InFlightLimiter(int capacity = DefaultMaxInFlight);
    InFlightLimiter(const InFlightLimiter &) = delete;
    InFlightLimiter &operator=(const InFlightLimiter &) = delete;
    ~InFlightLimiter();

    /// Completes with a valid permit: at once when one is free and nobody is waiting, otherwise after the earlier
    /// waiters.
    QCoro::Task<Permit> acquire();
    /// A permit if one is free and nobody is waiting, otherwise std::nullopt.
    std::optional<Permit> tryAcquire();

    int capacity() const;
    int inFlight() const; ///< Permits out (including ones handed to waiters not yet resumed).
    int waiting() const;  ///< Coroutines waiting for a permit.

private:
    class AcquireAwaiter;
    std::shared_ptr<State> m_state;
};

} // namespace ic::net
