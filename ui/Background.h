#pragma once

#include <QCoro/QCoroSignal>
#include <QCoro/QCoroTask>
#include <QMetaObject>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>
#include <optional>
#include <type_traits>

namespace ic::ui {

/// Runs `work` on a thread of its own and resumes on the calling thread with its result, so the GUI thread never
/// waits for a blocking call (opening a database server that does not answer, a migration). `work` must not touch
/// widgets and must own what it uses (capture by value): it may outlive the caller. A database opened in `work` must
/// be closed there too (a QSqlDatabase connection belongs to its thread).
template<typename Work>
QCoro::Task<std::invoke_result_t<Work>> runInBackground(Work work)
{
    using Value = std::invoke_result_t<Work>;
    auto result = std::make_shared<std::optional<Value>>();
    // The relay lives on this thread; the worker starts it (queued) when done and its timeout resumes us. Being
    // queued, the start cannot happen before this coroutine suspends below: no lost wake-up. The relay is deleted
    // only after it fired, so the worker never touches a deleted object.
    auto relay = std::make_unique<QTimer>();
    relay->setSingleShot(true);
    relay->setInterval(0);
    QTimer *wake = relay.get();
    QThread *thread = QThread::create([work = std::move(work), result, wake]() mutable {
        result->emplace(work());
        QMetaObject::invokeMethod(wake, qOverload<>(&QTimer::start), Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("background"));
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    co_await qCoro(wake, &QTimer::timeout);
    co_return std::move(**result);
}

} // namespace ic::ui
