#include "net/policy/InFlightLimiter.h"

#include "RunTask.h"

#include <QCoro/QCoroTimer>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace std::chrono_literals;
using ic::net::InFlightLimiter;

namespace {

/// What the acquirers saw: how many held a permit at once, at most, and in which order they got one.
struct Observed {
    int holding = 0;
    int maxHolding = 0;
    int finished = 0;
    std::vector<int> order;
};

/// Takes a permit, keeps it over a few event-loop turns (as a call would), then gives it back.
QCoro::Task<> worker(InFlightLimiter *limiter, std::shared_ptr<Observed> observed, int index, int turns)
{
    auto permit = co_await limiter->acquire();
    observed->order.push_back(index);
    ++observed->holding;
    observed->maxHolding = std::max(observed->maxHolding, observed->holding);
    for (int i = 0; i < turns; ++i) {
        co_await QCoro::sleepFor(0ms);
    }
    --observed->holding;
    ++observed->finished;
}

} // namespace

class TestInFlightLimiter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fiftyAcquirersNeverExceedTheLimit();
    void waitersAreServedInOrder();
    void releaseDoesNotResumeInline();
    void permitsMoveAndReleaseOnce();
    void tryAcquireRespectsTheQueue();
    void permitsMayOutliveTheLimiter();
    void capacityIsClamped();
};

void TestInFlightLimiter::fiftyAcquirersNeverExceedTheLimit()
{
    InFlightLimiter limiter; // The default, 8.
    QCOMPARE(limiter.capacity(), ic::net::DefaultMaxInFlight);
    auto observed = std::make_shared<Observed>();
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < 50; ++i) {
        tasks.push_back(worker(&limiter, observed, i, 1 + i % 4));
    }
    QCOMPARE(limiter.inFlight(), 8);
    QCOMPARE(limiter.waiting(), 42);

    QVERIFY2(QTest::qWaitFor([&observed] { return observed->finished == 50; }, 10000),
             qPrintable(QStringLiteral("%1 of 50 finished").arg(observed->finished)));
    QCOMPARE(observed->maxHolding, 8);
    QCOMPARE(limiter.inFlight(), 0);
    QCOMPARE(limiter.waiting(), 0);
    std::vector<int> expected(50);
    for (int i = 0; i < 50; ++i) {
        expected[size_t(i)] = i;
    }
    QCOMPARE(observed->order, expected);
}

void TestInFlightLimiter::waitersAreServedInOrder()
{
    InFlightLimiter limiter(2);
    auto first = limiter.tryAcquire();
    auto second = limiter.tryAcquire();
    QVERIFY(first && second);

    std::vector<int> order;
    std::vector<std::unique_ptr<InFlightLimiter::Permit>> held;
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < 5; ++i) {
        tasks.push_back([](InFlightLimiter *l, std::vector<int> *log, auto *keep, int index) -> QCoro::Task<> {
            auto permit = co_await l->acquire();
            log->push_back(index);
            keep->push_back(std::make_unique<InFlightLimiter::Permit>(std::move(permit)));
        }(&limiter, &order, &held, i));
    }
    QCOMPARE(limiter.waiting(), 5);

    second->release();
    QTRY_COMPARE(order, (std::vector<int>{0}));
    first.reset();
    QTRY_COMPARE(order, (std::vector<int>{0, 1}));
    QCOMPARE(limiter.inFlight(), 2);
    held.front()->release();
    QTRY_COMPARE(order, (std::vector<int>{0, 1, 2}));
    held.clear(); // Releases permits of 1 and 2 (the one of 0 is already back).
    QTRY_COMPARE(order, (std::vector<int>{0, 1, 2, 3, 4}));
    QCOMPARE(limiter.waiting(), 0);
    held.clear();
    QCOMPARE(limiter.inFlight(), 0);
}

void TestInFlightLimiter::releaseDoesNotResumeInline()
{
    InFlightLimiter limiter(1);
    auto permit = limiter.tryAcquire();
    QVERIFY(permit);
    bool resumed = false;
    auto task = [](InFlightLimiter *l, bool *flag) -> QCoro::Task<> {
        auto p = co_await l->acquire();
        *flag = true;
    }(&limiter, &resumed);
    permit->release();
    QVERIFY(!resumed);               // Not from inside release() ...
    QCOMPARE(limiter.inFlight(), 1); // ... but the slot is already the waiter's.
    QVERIFY(!limiter.tryAcquire());
    QTRY_VERIFY(resumed); // ... but from the event loop.
    QTRY_COMPARE(limiter.inFlight(), 0);
    QVERIFY(task.isReady());
}

void TestInFlightLimiter::permitsMoveAndReleaseOnce()
{
    InFlightLimiter limiter(3);
    auto a = limiter.tryAcquire();
    QVERIFY(a && a->isValid());
    QCOMPARE(limiter.inFlight(), 1);
    InFlightLimiter::Permit moved(std::move(*a));
    QVERIFY(!a->isValid());
    QVERIFY(moved.isValid());
    QCOMPARE(limiter.inFlight(), 1);
    a.reset();
    QCOMPARE(limiter.inFlight(), 1);

    auto b = limiter.tryAcquire();
    QCOMPARE(limiter.inFlight(), 2);
    moved = std::move(*b); // Releases the slot `moved` held, takes b's.
    QCOMPARE(limiter.inFlight(), 1);
    moved.release();
    moved.release();
    QCOMPARE(limiter.inFlight(), 0);
    InFlightLimiter::Permit empty;
    QVERIFY(!empty.isValid());
}

void TestInFlightLimiter::tryAcquireRespectsTheQueue()
{
    InFlightLimiter limiter(1);
    auto held = limiter.tryAcquire();
    auto task = [](InFlightLimiter *l) -> QCoro::Task<> { auto p = co_await l->acquire(); }(&limiter);
    held.reset();
    // The freed slot belongs to the waiter: a newcomer does not jump the queue.
    QVERIFY(!limiter.tryAcquire());
    QTRY_VERIFY(task.isReady());
    QVERIFY(limiter.tryAcquire());
}

void TestInFlightLimiter::permitsMayOutliveTheLimiter()
{
    auto limiter = std::make_unique<InFlightLimiter>(1);
    auto permit = limiter->tryAcquire();
    bool got = false;
    auto task = [](InFlightLimiter *l, bool *flag) -> QCoro::Task<> {
        auto p = co_await l->acquire();
        *flag = true;
    }(limiter.get(), &got);
    limiter.reset();
    permit.reset();
    QTRY_VERIFY(got);
}

void TestInFlightLimiter::capacityIsClamped()
{
    InFlightLimiter limiter(0);
    QCOMPARE(limiter.capacity(), 1);
    auto permit = ic::test::runTask(limiter.acquire(), 5s);
    QVERIFY(permit.has_value());
    QVERIFY(permit->isValid());
    QCOMPARE(limiter.inFlight(), 1);
}

QTEST_GUILESS_MAIN(TestInFlightLimiter)
#include "tst_inflightlimiter.moc"
