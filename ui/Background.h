#pragma once

#include <QCoro/QCoroSignal>
#include <QCoro/QCoroTask>
#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <memory>
#include <optional>
#include <type_traits>

namespace ic::ui {

/// Tells runInBackground() that the work is done. A signal of its own: QTimer::timeout carries a private tag argument
/// that a coroutine awaiting it would bind to a null reference.
class BackgroundRelay : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

Q_SIGNALS:
    void done();
};

/// Runs `work` on a thread of its own and resumes on the calling thread with its result, so the GUI thread never
/// waits for a blocking call (opening a database server that does not answer, a migration). `work` must not touch
/// widgets and must own what it uses (capture by value): it may outlive the caller. A database opened in `work` must
/// be closed there too (a QSqlDatabase connection belongs to its thread).
template<typename Work>
QCoro::Task<std::invoke_result_t<Work>> runInBackground(Work work)
{
    using Value = std::invoke_result_t<Work>;
    auto result = std::make_shared<std::optional<Value>>();
    // The relay lives on this thread; the worker has it emit done() (queued) when finished, which resumes us. Being
    // queued, the emission cannot happen before this coroutine suspends below: no lost wake-up. The relay is deleted
    // only after it fired, so the worker never touches a deleted object.
    auto relay = std::make_unique<BackgroundRelay>();
    BackgroundRelay *wake = relay.get();
    QThread *thread = QThread::create([work = std::move(work), result, wake]() mutable {
        result->emplace(work());
        QMetaObject::invokeMethod(wake, &BackgroundRelay::done, Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("background"));
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    co_await qCoro(wake, &BackgroundRelay::done);
    co_return std::move(**result);
}

} // namespace ic::ui
