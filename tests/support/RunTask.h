#pragma once

#include <QCoro/QCoroTask>
#include <QTest>

#include <chrono>
#include <memory>
#include <optional>

namespace ic::test {

/// Runs `task` to completion while processing events, for at most `timeout`, and returns its result, or
/// std::nullopt when it did not finish in time, so a hanging backend fails a test instead of hanging it. Use
/// IC_AWAIT below, which fails the test then.
///
/// The result lives in shared state owned by the driving coroutine too: if the task finishes after the timeout,
/// it writes into that state rather than into a stack frame that is gone.
template<typename T>
std::optional<T> runTask(QCoro::Task<T> task, std::chrono::milliseconds timeout = std::chrono::seconds(30))
{
    auto result = std::make_shared<std::optional<T>>();
    auto driver = [](QCoro::Task<T> awaited, std::shared_ptr<std::optional<T>> out) -> QCoro::Task<> {
        out->emplace(co_await std::move(awaited));
    }(std::move(task), result);
    const bool finished = QTest::qWaitFor([&result] { return result->has_value(); }, int(timeout.count()));
    if (!finished) {
        return std::nullopt;
    }
    return std::move(*result);
}

} // namespace ic::test

/// `IC_AWAIT(name, task);` declares `name` holding the task's result, or fails the test if the task did not
/// finish within 30 seconds. Only in test functions (it returns from the enclosing function on failure).
#define IC_AWAIT(name, task)                                                                                           \
    auto name##Pending = ::ic::test::runTask(task);                                                                    \
    QVERIFY2(name##Pending.has_value(), "the operation did not finish within the time limit");                         \
    auto name = std::move(*name##Pending)
