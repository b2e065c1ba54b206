#pragma once

#include <QFuture>
#include <QPromise>
#include <QThreadPool>

#include <QCoro/QCoroFuture>
#include <QCoro/QCoroTask>

#include <memory>
#include <type_traits>

namespace ic {

/// Runs `work` on Qt's global thread pool and resumes the awaiting coroutine on its own thread with what `work`
/// returned.
///
/// For CPU work that would otherwise hold an event loop while other requests wait on it: decoding a large answer,
/// turning a page of records into rows. An event-loop thread that serves eight requests in flight and decodes each
/// answer itself makes seven answers wait for every decode; on the pool the decodes run beside the loop.
///
/// Rules for `work`:
/// - It must own what it reads: captured by value (implicitly shared Qt values are cheap to capture) or by shared
///   ownership. The caller may drop its task or be destroyed before the work ends; the work still runs to its end.
/// - It touches nothing of the caller's but through what it returns, and calls nothing that is not thread-safe.
/// - Its result is copied out of the future, so it should be cheap to copy (Qt containers are shared on copy).
/// - It must be copyable (QThreadPool takes a std::function).
///
/// GCC 12 mis-compiles a lambda written inside a co_await expression: name the lambda, then
/// `co_await offThread(std::move(work))`.
template<typename Work>
QCoro::Task<std::invoke_result_t<Work &>> offThread(Work work)
{
    using Value = std::invoke_result_t<Work &>;
    auto promise = std::make_shared<QPromise<Value>>();
    QFuture<Value> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, work = std::move(work)]() mutable {
        promise->addResult(work());
        promise->finish();
    });
    co_return co_await future;
}

} // namespace ic
