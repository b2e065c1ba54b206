#pragma once

#include <QCoreApplication>
#include <QCoro/QCoroTask>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace ic::test {

/// Runs `task` to completion in an event loop, for at most `timeout`, and returns its result, or std::nullopt when
/// it did not finish in time, so a hanging backend fails a test instead of hanging it. Use IC_AWAIT below, which
/// fails the test then.
///
/// A real QEventLoop that the task's end quits, not QTest::qWaitFor: qWaitFor sleeps 10 ms between rounds of
/// events, so every await on the network or another thread took up to 10 ms longer than the code under test, and
/// benchmarks measured the sleeps.
///
/// The result lives in shared state owned by the driving coroutine too: if the task finishes after the timeout,
/// it writes into that state rather than into a stack frame that is gone.
/// Processes events until `done()` holds, for at most `timeout`; false on timeout. Like QTest::qWaitFor, but it
/// sleeps in the event loop until the next event instead of 10 ms at a time, so what it times is the code's own
/// latency.
inline bool waitFor(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    QTimer tick; // wakes the loop now and then, so that the deadline is seen even when nothing else happens
    tick.start(50);
    while (!done()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

template<typename T>
std::optional<T> runTask(QCoro::Task<T> task, std::chrono::milliseconds timeout = std::chrono::seconds(30))
{
    struct State {
        std::optional<T> value;
        QEventLoop *loop = nullptr;
    };
    auto state = std::make_shared<State>();
    auto driver = [](QCoro::Task<T> awaited, std::shared_ptr<State> out) -> QCoro::Task<> {
        out->value.emplace(co_await std::move(awaited));
        if (out->loop) {
            out->loop->quit();
        }
    }(std::move(task), state);
    if (!state->value) {
        QEventLoop loop;
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
        deadline.start(timeout);
        state->loop = &loop;
        loop.exec();
        state->loop = nullptr;
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    if (!state->value) {
        return std::nullopt;
    }
    return std::move(state->value);
}

} // namespace ic::test

/// `IC_AWAIT(name, task);` declares `name` holding the task's result, or fails the test if the task did not
/// finish within 30 seconds. Only in test functions (it returns from the enclosing function on failure).
#define IC_AWAIT(name, task)                                                                                           \
    auto name##Pending = ::ic::test::runTask(task);                                                                    \
    QVERIFY2(name##Pending.has_value(), "the operation did not finish within the time limit");                         \
    auto name = std::move(*name##Pending)
