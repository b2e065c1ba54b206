#include "net/policy/Clock.h"
#include "net/policy/TokenBucket.h"

#include "RunTask.h"

#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using ic::net::ManualClock;
using ic::net::RateLimiterRegistry;
using ic::net::TimePoint;
using ic::net::TokenBucket;

class TestTokenBucket : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void burstThenSteadyRate();
    void idleRefillsOnlyUpToBurst();
    void tryAcquireDoesNotQueue();
    void earlierNowCountsAsLatest();
    void reservationsAreFifo();
    void asyncAcquireWaitsOnTheClockInOrder();
    void asyncAcquireOnSteadyClock();
    void manualClockWakesSleepersByDeadline();
    void steadyClockSleepsOnTheEventLoop();
    void registrySharesOneBucketPerKey();
    void registryAcrossThreadsNeverExceedsRate();
    void processRegistryIsSharedAcrossThreads();
    void defaultsRespectWeComLimits();
    void parametersAreClamped();
};

void TestTokenBucket::burstThenSteadyRate()
{
    ManualClock clock;
    TokenBucket bucket(10.0, 5);
    const TimePoint t0 = clock.now();
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(bucket.reserve(t0), 0ms);
    }
    QCOMPARE(bucket.reserve(t0), 100ms);
    QCOMPARE(bucket.reserve(t0), 200ms);
    // Two permits are booked ahead; at t0 + 200 ms both are due, the next one is 100 ms later.
    QCOMPARE(bucket.reserve(t0 + 200ms), 100ms);

    // Steady state: one call every 100 ms goes through without waiting.
    TimePoint t = t0 + 400ms;
    for (int i = 0; i < 50; ++i) {
        QCOMPARE(bucket.reserve(t), 0ms);
        t += 100ms;
    }
    // Faster than the rate, the waits grow by the interval.
    QCOMPARE(bucket.reserve(t), 0ms);
    QCOMPARE(bucket.reserve(t), 100ms);
    QCOMPARE(bucket.reserve(t), 200ms);
}

void TestTokenBucket::idleRefillsOnlyUpToBurst()
{
    TokenBucket bucket(2.0, 3);
    const TimePoint t0 = TimePoint{} + 1h;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(bucket.reserve(t0), 0ms);
    }
    const TimePoint later = t0 + 1h;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(bucket.reserve(later), 0ms);
    }
    QCOMPARE(bucket.reserve(later), 500ms);
}

void TestTokenBucket::tryAcquireDoesNotQueue()
{
    TokenBucket bucket(4.0, 2);
    const TimePoint t0 = TimePoint{} + 1h;
    QVERIFY(bucket.tryAcquire(t0));
    QVERIFY(bucket.tryAcquire(t0));
    QVERIFY(!bucket.tryAcquire(t0));
    QVERIFY(!bucket.tryAcquire(t0 + 249ms));
    QVERIFY(bucket.tryAcquire(t0 + 250ms));
    QVERIFY(!bucket.tryAcquire(t0 + 250ms));
    // The refused attempts took nothing: the next reservation is due one interval after the last permit.
    QCOMPARE(bucket.reserve(t0 + 250ms), 250ms);
}

void TestTokenBucket::earlierNowCountsAsLatest()
{
    TokenBucket bucket(10.0, 1);
    const TimePoint t0 = TimePoint{} + 1h;
    QCOMPARE(bucket.reserve(t0 + 1s), 0ms);
    // A caller that read the clock before the previous one is treated as arriving at the same time; its wait is
    // measured from its own `now`.
    QCOMPARE(bucket.reserve(t0), 1100ms);
}

void TestTokenBucket::reservationsAreFifo()
{
    TokenBucket bucket(50.0, 10);
    const TimePoint t0 = TimePoint{} + 1h;
    std::chrono::milliseconds previousDue{0};
    for (int i = 0; i < 500; ++i) {
        const auto now = t0 + std::chrono::milliseconds(i * 3);
        const auto due = std::chrono::milliseconds(i * 3) + bucket.reserve(now);
        QVERIFY2(due >= previousDue, qPrintable(QStringLiteral("permit %1 due before permit %2").arg(i).arg(i - 1)));
        previousDue = due;
    }
}

void TestTokenBucket::asyncAcquireWaitsOnTheClockInOrder()
{
    auto clock = std::make_shared<ManualClock>();
    TokenBucket bucket(10.0, 2, clock);
    std::vector<int> order;
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < 10; ++i) {
        tasks.push_back([](TokenBucket *limiter, std::vector<int> *done, int index) -> QCoro::Task<> {
            co_await limiter->acquire();
            done->push_back(index);
        }(&bucket, &order, i));
    }
    // The burst goes at once; the others sleep on the manual clock.
    QCOMPARE(order, (std::vector<int>{0, 1}));
    QCOMPARE(clock->sleepers(), 8);

    clock->advance(99ms);
    QCOMPARE(order.size(), size_t(2));
    clock->advance(1ms);
    QCOMPARE(order, (std::vector<int>{0, 1, 2}));
    clock->advance(250ms);
    QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4}));
    clock->advance(10s);
    QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    QCOMPARE(clock->sleepers(), 0);
    for (const auto &task : tasks) {
        QVERIFY(task.isReady());
    }
}

void TestTokenBucket::asyncAcquireOnSteadyClock()
{
    // Within the burst no wait happens; this checks the default clock path end to end without sleeping.
    TokenBucket bucket(1.0, 3);
    for (int i = 0; i < 3; ++i) {
        auto acquired = ic::test::runTask(
            [](TokenBucket *limiter) -> QCoro::Task<bool> {
                co_await limiter->acquire();
                co_return true;
            }(&bucket),
            5s);
        QVERIFY(acquired.has_value());
    }
    QVERIFY(!bucket.tryAcquire(std::chrono::steady_clock::now()));
}

void TestTokenBucket::manualClockWakesSleepersByDeadline()
{
    ManualClock clock;
    std::vector<int> woke;
    auto sleeper = [](ManualClock *c, std::vector<int> *log, int id, std::chrono::milliseconds d) -> QCoro::Task<> {
        co_await c->sleepFor(d);
        log->push_back(id);
    };
    auto a = sleeper(&clock, &woke, 1, 300ms);
    auto b = sleeper(&clock, &woke, 2, 100ms);
    auto c = sleeper(&clock, &woke, 3, 200ms);
    auto d = sleeper(&clock, &woke, 4, 100ms);
    auto e = sleeper(&clock, &woke, 5, 0ms); // Due already: does not sleep.
    QCOMPARE(woke, (std::vector<int>{5}));
    QCOMPARE(clock.sleepers(), 4);
    clock.advance(-1s); // Ignored.
    clock.set(clock.now() - 1s);
    QCOMPARE(woke, (std::vector<int>{5}));
    clock.advance(1s);
    QCOMPARE(woke, (std::vector<int>{5, 2, 4, 3, 1}));
    QCOMPARE(clock.sleepers(), 0);
}

void TestTokenBucket::steadyClockSleepsOnTheEventLoop()
{
    // The one test that waits for real time: the steady clock's sleep is a QTimer in this thread.
    const auto clock = ic::net::Clock::steady();
    QCOMPARE(ic::net::Clock::steady(), clock);
    const auto before = clock->now();
    auto slept = ic::test::runTask(
        [](std::shared_ptr<ic::net::Clock> c) -> QCoro::Task<bool> {
            co_await c->sleepFor(20ms);
            co_return true;
        }(clock),
        5s);
    QVERIFY(slept.has_value());
    QVERIFY(clock->now() - before >= 20ms);
}

void TestTokenBucket::registrySharesOneBucketPerKey()
{
    RateLimiterRegistry registry(std::make_shared<ManualClock>());
    const auto first = registry.limiter(QStringLiteral("wecom:corp1"), 10.0, 5);
    QCOMPARE(registry.limiter(QStringLiteral("wecom:corp1"), 10.0, 5), first);
    // Different numbers for the same key keep the first configuration (and warn).
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("rate limit for \"wecom:corp1\" requested as 20")));
    const auto again = registry.limiter(QStringLiteral("wecom:corp1"), 20.0, 7);
    QCOMPARE(again, first);
    QCOMPARE(again->ratePerSecond(), 10.0);
    QCOMPARE(again->burst(), 5);
    const auto other = registry.limiter(QStringLiteral("wecom:corp2"));
    QVERIFY(other != first);
    QCOMPARE(other->ratePerSecond(), ic::net::DefaultRatePerSecond);
    QCOMPARE(other->burst(), ic::net::DefaultBurst);

    registry.clear();
    QVERIFY(registry.limiter(QStringLiteral("wecom:corp1"), 10.0, 5) != first);
}

void TestTokenBucket::registryAcrossThreadsNeverExceedsRate()
{
    constexpr double rate = 100.0;
    constexpr int burst = 50;
    constexpr int threads = 8;
    constexpr int perThread = 1000;
    ManualClock clock;
    RateLimiterRegistry registry(std::shared_ptr<ManualClock>(&clock, [](ManualClock *) {}));
    const TimePoint start = clock.now();

    std::vector<std::vector<TimePoint>> grants(threads);
    std::vector<std::shared_ptr<TokenBucket>> seen(threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            auto bucket = registry.limiter(QStringLiteral("sandbox:shared"), rate, burst);
            seen[size_t(t)] = bucket;
            for (int i = 0; i < perThread; ++i) {
                const TimePoint now = clock.now();
                grants[size_t(t)].push_back(now + bucket->reserve(now));
                clock.advance(1ms);
            }
        });
    }
    for (auto &worker : workers) {
        worker.join();
    }

    for (const auto &bucket : seen) {
        QCOMPARE(bucket, seen.front());
    }
    std::vector<TimePoint> all;
    for (const auto &perWorker : grants) {
        all.insert(all.end(), perWorker.begin(), perWorker.end());
    }
    QCOMPARE(all.size(), size_t(threads * perThread));
    std::sort(all.begin(), all.end());
    // The k-th permit (1-based) at time t must satisfy k <= rate · (t - start) + burst.
    for (size_t k = 1; k <= all.size(); ++k) {
        const double elapsed = std::chrono::duration<double>(all[k - 1] - start).count();
        if (double(k) > rate * elapsed + burst + 1e-9) {
            QFAIL(qPrintable(QStringLiteral("permit %1 at %2 s exceeds %3/s with burst %4")
                                 .arg(k)
                                 .arg(elapsed)
                                 .arg(rate)
                                 .arg(burst)));
        }
    }
    // And the bucket does not starve callers: all 8,000 permits fit in (8,000 - burst) / rate seconds plus rounding.
    const double span = std::chrono::duration<double>(all.back() - start).count();
    QVERIFY2(span <= (threads * perThread - burst) / rate + 0.01, qPrintable(QString::number(span)));
}

void TestTokenBucket::processRegistryIsSharedAcrossThreads()
{
    const QString key = QStringLiteral("test:process-wide");
    std::vector<std::shared_ptr<TokenBucket>> seen(8);
    std::vector<std::thread> workers;
    for (size_t t = 0; t < seen.size(); ++t) {
        workers.emplace_back([&seen, &key, t] { seen[t] = RateLimiterRegistry::instance().limiter(key, 5.0, 2); });
    }
    for (auto &worker : workers) {
        worker.join();
    }
    for (const auto &bucket : seen) {
        QVERIFY(bucket);
        QCOMPARE(bucket, seen.front());
    }
    QCOMPARE(RateLimiterRegistry::instance().limiter(key, 5.0, 2), seen.front());
}

void TestTokenBucket::defaultsRespectWeComLimits()
{
    // doc 90454: per corp and API at most 10,000 a minute and 150,000 an hour. A per-service bucket bounds every
    // API of the service, so its worst-case minute and hour must fit under both.
    const double perMinute = ic::net::DefaultRatePerSecond * 60 + ic::net::DefaultBurst;
    const double perHour = ic::net::DefaultRatePerSecond * 3600 + ic::net::DefaultBurst;
    QVERIFY(perMinute <= 10000);
    QVERIFY(perHour <= 150000);
}

void TestTokenBucket::parametersAreClamped()
{
    TokenBucket bucket(0.0, 0);
    QCOMPARE(bucket.burst(), 1);
    QVERIFY(bucket.ratePerSecond() > 0);
    const TimePoint t0 = TimePoint{} + 1h;
    QCOMPARE(bucket.reserve(t0), 0ms);
    QCOMPARE(bucket.reserve(t0), 1000s); // 0.001 calls a second.
}

QTEST_GUILESS_MAIN(TestTokenBucket)
#include "tst_tokenbucket.moc"
