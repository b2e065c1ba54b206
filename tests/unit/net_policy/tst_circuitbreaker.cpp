#include "net/policy/CallOutcome.h"
#include "net/policy/CircuitBreaker.h"

#include <QTest>

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using ic::net::CircuitBreaker;
using ic::net::CircuitBreakerConfig;
using ic::net::CircuitSnapshot;
using ic::net::CircuitState;
using ic::net::TimePoint;

Q_DECLARE_METATYPE(ic::net::CircuitState)

namespace {

struct Change {
    CircuitState from;
    CircuitState to;
    TimePoint at;
    int failures;
};

const TimePoint T0 = TimePoint{} + 1h;

} // namespace

class TestCircuitBreaker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void opensAfterConsecutiveFailures();
    void successResetsTheCount();
    void halfOpenAllowsOneProbeThatCloses();
    void failedProbeReopens();
    void lostProbeIsReplacedAfterCoolDown();
    void lateResultsWhileOpenAreIgnored();
    void callbackMayReadTheBreaker();
    void concurrentFailuresOpenOnce();
    void configIsClamped();
};

void TestCircuitBreaker::defaults()
{
    const CircuitBreaker breaker({}, T0);
    QCOMPARE(breaker.config().failureThreshold, 5);
    QCOMPARE(breaker.config().coolDown, 30000ms);
    const auto snapshot = breaker.snapshot();
    QCOMPARE(snapshot.state, CircuitState::Closed);
    QCOMPARE(snapshot.since, T0);
    QCOMPARE(snapshot.consecutiveFailures, 0);
    QCOMPARE(breaker.retryAfter(T0), 0ms);
    QCOMPARE(QByteArray(ic::net::circuitStateName(CircuitState::HalfOpen)), QByteArray("half-open"));
}

void TestCircuitBreaker::opensAfterConsecutiveFailures()
{
    CircuitBreaker breaker({}, T0);
    std::vector<Change> changes;
    breaker.setStateCallback([&changes](const CircuitSnapshot &previous, const CircuitSnapshot &current) {
        changes.push_back({previous.state, current.state, current.since, current.consecutiveFailures});
    });
    for (int i = 1; i <= 4; ++i) {
        QVERIFY(breaker.allowRequest(T0 + i * 1s));
        breaker.recordFailure(T0 + i * 1s);
        QCOMPARE(breaker.snapshot().consecutiveFailures, i);
        QCOMPARE(breaker.snapshot().state, CircuitState::Closed);
    }
    QVERIFY(changes.empty());
    breaker.recordFailure(T0 + 5s);
    const auto open = breaker.snapshot();
    QCOMPARE(open.state, CircuitState::Open);
    QCOMPARE(open.since, T0 + 5s);
    QCOMPARE(open.consecutiveFailures, 5);
    QCOMPARE(changes.size(), size_t(1));
    QCOMPARE(changes[0].from, CircuitState::Closed);
    QCOMPARE(changes[0].to, CircuitState::Open);
    QCOMPARE(changes[0].at, T0 + 5s);
    QCOMPARE(changes[0].failures, 5);

    QVERIFY(!breaker.allowRequest(T0 + 5s));
    QVERIFY(!breaker.allowRequest(T0 + 34999ms));
    QCOMPARE(breaker.retryAfter(T0 + 25s), 10000ms);
}

void TestCircuitBreaker::successResetsTheCount()
{
    CircuitBreaker breaker({}, T0);
    for (int round = 0; round < 10; ++round) {
        for (int i = 0; i < 4; ++i) {
            breaker.recordFailure(T0);
        }
        breaker.recordSuccess(T0);
        QCOMPARE(breaker.snapshot().consecutiveFailures, 0);
    }
    QCOMPARE(breaker.snapshot().state, CircuitState::Closed);
    QVERIFY(breaker.allowRequest(T0));
}

void TestCircuitBreaker::halfOpenAllowsOneProbeThatCloses()
{
    CircuitBreaker breaker(CircuitBreakerConfig{3, 10s}, T0);
    std::vector<Change> changes;
    breaker.setStateCallback([&changes](const CircuitSnapshot &previous, const CircuitSnapshot &current) {
        changes.push_back({previous.state, current.state, current.since, current.consecutiveFailures});
    });
    for (int i = 0; i < 3; ++i) {
        breaker.recordFailure(T0);
    }
    QVERIFY(!breaker.allowRequest(T0 + 9999ms));

    // The first caller after the cool-down is the probe; everyone else is still refused.
    QVERIFY(breaker.allowRequest(T0 + 10s));
    QCOMPARE(breaker.snapshot().state, CircuitState::HalfOpen);
    QCOMPARE(breaker.snapshot().since, T0 + 10s);
    for (int i = 0; i < 100; ++i) {
        QVERIFY(!breaker.allowRequest(T0 + 10s + i * 10ms));
    }
    breaker.recordSuccess(T0 + 11s);
    const auto closed = breaker.snapshot();
    QCOMPARE(closed.state, CircuitState::Closed);
    QCOMPARE(closed.since, T0 + 11s);
    QCOMPARE(closed.consecutiveFailures, 0);
    QVERIFY(breaker.allowRequest(T0 + 11s));
    QVERIFY(breaker.allowRequest(T0 + 11s));

    QCOMPARE(changes.size(), size_t(3));
    QCOMPARE(changes[0].to, CircuitState::Open);
    QCOMPARE(changes[1].from, CircuitState::Open);
    QCOMPARE(changes[1].to, CircuitState::HalfOpen);
    QCOMPARE(changes[1].at, T0 + 10s);
    QCOMPARE(changes[2].from, CircuitState::HalfOpen);
    QCOMPARE(changes[2].to, CircuitState::Closed);
}

void TestCircuitBreaker::failedProbeReopens()
{
    CircuitBreaker breaker(CircuitBreakerConfig{2, 10s}, T0);
    int calls = 0;
    breaker.setStateCallback([&calls](const CircuitSnapshot &, const CircuitSnapshot &) { ++calls; });
    breaker.recordFailure(T0);
    breaker.recordFailure(T0);
    QVERIFY(breaker.allowRequest(T0 + 10s));
    breaker.recordFailure(T0 + 12s);
    auto snapshot = breaker.snapshot();
    QCOMPARE(snapshot.state, CircuitState::Open);
    QCOMPARE(snapshot.since, T0 + 12s);
    QCOMPARE(snapshot.consecutiveFailures, 3);
    // A fresh cool-down from the failed probe.
    QVERIFY(!breaker.allowRequest(T0 + 21s));
    QCOMPARE(breaker.retryAfter(T0 + 21s), 1000ms);
    QVERIFY(breaker.allowRequest(T0 + 22s));
    breaker.recordSuccess(T0 + 22s);
    QCOMPARE(breaker.snapshot().state, CircuitState::Closed);
    QCOMPARE(calls, 5); // open, half-open, open, half-open, closed
}

void TestCircuitBreaker::lostProbeIsReplacedAfterCoolDown()
{
    CircuitBreaker breaker(CircuitBreakerConfig{1, 10s}, T0);
    breaker.recordFailure(T0);
    QVERIFY(breaker.allowRequest(T0 + 10s)); // The probe, which never reports.
    QVERIFY(!breaker.allowRequest(T0 + 19s));
    QCOMPARE(breaker.retryAfter(T0 + 19s), 1000ms);
    QVERIFY(breaker.allowRequest(T0 + 20s)); // A second probe.
    QVERIFY(!breaker.allowRequest(T0 + 20s));
    QCOMPARE(breaker.snapshot().state, CircuitState::HalfOpen);
}

void TestCircuitBreaker::lateResultsWhileOpenAreIgnored()
{
    CircuitBreaker breaker(CircuitBreakerConfig{2, 10s}, T0);
    breaker.recordFailure(T0);
    breaker.recordFailure(T0 + 1s);
    breaker.recordSuccess(T0 + 2s);
    breaker.recordFailure(T0 + 3s);
    const auto snapshot = breaker.snapshot();
    QCOMPARE(snapshot.state, CircuitState::Open);
    QCOMPARE(snapshot.since, T0 + 1s);
    QCOMPARE(snapshot.consecutiveFailures, 2);
    QVERIFY(breaker.allowRequest(T0 + 11s));
}

void TestCircuitBreaker::callbackMayReadTheBreaker()
{
    CircuitBreaker breaker(CircuitBreakerConfig{1, 1s}, T0);
    std::vector<CircuitState> observed;
    breaker.setStateCallback([&](const CircuitSnapshot &, const CircuitSnapshot &) {
        observed.push_back(breaker.snapshot().state); // Would deadlock if called under the lock.
    });
    breaker.recordFailure(T0);
    QVERIFY(breaker.allowRequest(T0 + 1s));
    breaker.recordSuccess(T0 + 1s);
    QCOMPARE(observed, (std::vector<CircuitState>{CircuitState::Open, CircuitState::HalfOpen, CircuitState::Closed}));

    breaker.setStateCallback({});
    breaker.recordFailure(T0 + 2s);
    QCOMPARE(observed.size(), size_t(3));
}

void TestCircuitBreaker::concurrentFailuresOpenOnce()
{
    CircuitBreaker breaker(CircuitBreakerConfig{5, 30s}, T0);
    std::atomic<int> opened{0};
    std::atomic<int> probes{0};
    breaker.setStateCallback([&opened](const CircuitSnapshot &, const CircuitSnapshot &current) {
        if (current.state == CircuitState::Open) {
            ++opened;
        }
    });
    const auto inParallel = [](const std::function<void()> &work) {
        std::vector<std::thread> workers;
        for (int t = 0; t < 8; ++t) {
            workers.emplace_back(work);
        }
        for (auto &worker : workers) {
            worker.join();
        }
    };
    inParallel([&breaker] {
        for (int i = 0; i < 1000; ++i) {
            breaker.recordFailure(T0);
        }
    });
    inParallel([&breaker, &probes] {
        for (int i = 0; i < 1000; ++i) {
            if (breaker.allowRequest(T0 + 30s)) {
                ++probes;
            }
        }
    });
    QCOMPARE(opened.load(), 1);
    QCOMPARE(probes.load(), 1);
    QCOMPARE(breaker.snapshot().state, CircuitState::HalfOpen);
}

void TestCircuitBreaker::configIsClamped()
{
    CircuitBreaker breaker(CircuitBreakerConfig{0, -5s}, T0);
    QCOMPARE(breaker.config().failureThreshold, 1);
    QCOMPARE(breaker.config().coolDown, 0ms);
    breaker.recordFailure(T0);
    QCOMPARE(breaker.snapshot().state, CircuitState::Open);
    QVERIFY(breaker.allowRequest(T0));
    QCOMPARE(breaker.snapshot().state, CircuitState::HalfOpen);
}

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
