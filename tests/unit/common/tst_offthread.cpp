// ic::offThread(): the work runs on a pool thread, the awaiting coroutine resumes on its own thread with the result,
// and the loop stays free meanwhile.

#include "common/OffThread.h"

#include "RunTask.h"

#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>

class TestOffThread : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsOnAPoolThreadAndResumesOnTheCaller();
    void loopRunsWhileTheWorkRuns();
    void droppedTaskStillEnds();
};

void TestOffThread::runsOnAPoolThreadAndResumesOnTheCaller()
{
    QThread *const caller = QThread::currentThread();
    auto task = [caller]() -> QCoro::Task<QStringList> {
        auto work = []() { return QStringList{QString::number(quintptr(QThread::currentThread()), 16)}; };
        QStringList result = co_await ic::offThread(std::move(work));
        result.append(QThread::currentThread() == caller ? QStringLiteral("caller") : QStringLiteral("elsewhere"));
        co_return result;
    };
    IC_AWAIT(result, task());
    QCOMPARE(result.size(), 2);
    QVERIFY(result.at(0) != QString::number(quintptr(caller), 16));
    QCOMPARE(result.at(1), QStringLiteral("caller"));
}

void TestOffThread::loopRunsWhileTheWorkRuns()
{
    // The work blocks until a timer of this thread's loop releases it: it can only end if the loop ran meanwhile.
    auto gate = std::make_shared<QSemaphore>();
    QTimer::singleShot(20, this, [gate]() { gate->release(); });
    auto task = [gate]() -> QCoro::Task<int> {
        auto work = [gate]() {
            gate->acquire();
            return 42;
        };
        co_return co_await ic::offThread(std::move(work));
    };
    IC_AWAIT(value, task());
    QCOMPARE(value, 42);
}

void TestOffThread::droppedTaskStillEnds()
{
    // The caller drops its task while the work runs (QCoro keeps the frame until it ends): the work runs to its end on
    // what it owns, and the continuation still runs, on the caller's thread.
    auto gate = std::make_shared<QSemaphore>();
    auto resumed = std::make_shared<bool>(false);
    {
        auto task = [](std::shared_ptr<QSemaphore> wait, std::shared_ptr<bool> done) -> QCoro::Task<void> {
            auto input = std::make_shared<QByteArray>(1024, 'x');
            auto work = [wait, input]() {
                wait->acquire();
                return input->size();
            };
            const qsizetype size = co_await ic::offThread(std::move(work));
            *done = size == 1024;
        }(gate, resumed);
        Q_UNUSED(task);
    }
    QVERIFY(!*resumed);
    gate->release();
    QVERIFY(ic::test::waitFor([&resumed]() { return *resumed; }, std::chrono::seconds(10)));
}

QTEST_GUILESS_MAIN(TestOffThread)
#include "tst_offthread.moc"
