#include "net/policy/InFlightLimiter.h"

#include <QObject>
#include <QTimer>

#include <algorithm>
#include <coroutine>
#include <deque>
#include <utility>

namespace ic::net {

struct InFlightLimiter::State : std::enable_shared_from_this<State> {
    struct Waiter {
        std::coroutine_handle<> handle; ///< Empty once the waiting coroutine is gone.
        bool granted = false;           ///< A permit has been handed over; the resumption is posted.
    };

    explicit State(int cap)
        : capacity(cap)
    {}

    /// Returns a slot: hands it to the first waiter (resumed from the event loop) or makes it free.
    void release()
    {
        if (waiters.empty()) {
            --inFlight;
            return;
        }
        auto waiter = waiters.front();
        waiters.pop_front();
        waiter->granted = true; // The slot moves to the waiter: inFlight stays the same.
        QTimer::singleShot(0, &context, [self = shared_from_this(), waiter] {
            if (waiter->handle) {
                std::exchange(waiter->handle, {}).resume();
            } else {
                self->release(); // The waiter was destroyed after being granted: pass the slot on.
            }
        });
    }

    const int capacity;
    int inFlight = 0;
    std::deque<std::shared_ptr<Waiter>> waiters;
    QObject context; ///< Queues resumptions on the owning thread's event loop.
};

/// Suspends until a permit is handed over; unregisters itself if the waiting coroutine is destroyed.
class InFlightLimiter::AcquireAwaiter {
public:
    explicit AcquireAwaiter(std::shared_ptr<State> state)
        : m_state(std::move(state))
    {}
    // Movable because GCC 12 moves an awaiter that await_transform() returns by reference; only before suspending.
    AcquireAwaiter(AcquireAwaiter &&other) noexcept
        : m_state(std::move(other.m_state))
        , m_waiter(std::move(other.m_waiter))
        , m_resumed(std::exchange(other.m_resumed, true))
    {}
    AcquireAwaiter &operator=(AcquireAwaiter &&) = delete;
    ~AcquireAwaiter()
    {
        if (!m_waiter || m_resumed) {
            return;
        }
        // The coroutine is being destroyed while waiting (or granted but not yet resumed).
        m_waiter->handle = {};
        if (!m_waiter->granted) {
            std::erase(m_state->waiters, m_waiter);
        }
    }

    bool await_ready()
    {
        if (m_state->waiters.empty() && m_state->inFlight < m_state->capacity) {
            ++m_state->inFlight;
            m_resumed = true;
            return true;
        }
        return false;
    }
    void await_suspend(std::coroutine_handle<> handle)
    {
        m_waiter = std::make_shared<State::Waiter>(State::Waiter{handle, false});
        m_state->waiters.push_back(m_waiter);
    }
    Permit await_resume()
    {
        m_resumed = true;
        return Permit(m_state);
    }

private:
    std::shared_ptr<State> m_state;
    std::shared_ptr<State::Waiter> m_waiter;
    bool m_resumed = false;
};

InFlightLimiter::Permit::Permit(std::shared_ptr<State> state)
    : m_state(std::move(state))
{}

InFlightLimiter::Permit::Permit(Permit &&other) noexcept
    : m_state(std::move(other.m_state))
{}

InFlightLimiter::Permit &InFlightLimiter::Permit::operator=(Permit &&other) noexcept
{
    if (this != &other) {
        release();
        m_state = std::move(other.m_state);
    }
    return *this;
}

InFlightLimiter::Permit::~Permit()
{
    release();
}

void InFlightLimiter::Permit::release()
{
    if (auto state = std::exchange(m_state, nullptr)) {
        state->release();
    }
}

InFlightLimiter::InFlightLimiter(int capacity)
    : m_state(std::make_shared<State>(std::max(capacity, 1)))
{}

InFlightLimiter::~InFlightLimiter() = default;

QCoro::Task<InFlightLimiter::Permit> InFlightLimiter::acquire()
{
    co_return co_await AcquireAwaiter(m_state);
}

std::optional<InFlightLimiter::Permit> InFlightLimiter::tryAcquire()
{
    if (!m_state->waiters.empty() || m_state->inFlight >= m_state->capacity) {
        return std::nullopt;
    }
    ++m_state->inFlight;
    return Permit(m_state);
}

int InFlightLimiter::capacity() const
{
    return m_state->capacity;
}

int InFlightLimiter::inFlight() const
{
    return m_state->inFlight;
}

int InFlightLimiter::waiting() const
{
    return int(m_state->waiters.size());
}

} // namespace ic::net
