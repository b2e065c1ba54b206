#include "net/policy/CallOutcome.h"
#include "net/policy/RetryPolicy.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using ic::net::CallOutcome;
using ic::net::OutcomeClass;
using ic::net::RetryConfig;
using ic::net::RetryPolicy;
using ic::net::TransportError;

Q_DECLARE_METATYPE(ic::net::CallOutcome)
Q_DECLARE_METATYPE(ic::net::OutcomeClass)

class TestRetryPolicy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void classification_data();
    void classification();
    void serviceFailure_data();
    void serviceFailure();
    void backoffBoundsAndMean();
    void backoffBoundDoublesUpToCap();
    void sameSeedSameDelays();
    void rateLimitFloor();
    void retryAfterIsHonoured();
    void attemptsCap();
    void configIsClamped();
    void sharedAcrossThreads();
};

void TestRetryPolicy::classification_data()
{
    QTest::addColumn<CallOutcome>("outcome");
    QTest::addColumn<OutcomeClass>("expected");
    QTest::addColumn<bool>("retryable");

    QTest::newRow("success, no errcode") << CallOutcome::http(200) << OutcomeClass::Success << false;
    QTest::newRow("success, errcode 0") << CallOutcome::http(200, 0) << OutcomeClass::Success << false;
    QTest::newRow("204") << CallOutcome::http(204) << OutcomeClass::Success << false;

    QTest::newRow("timeout") << CallOutcome::transportError(TransportError::Timeout) << OutcomeClass::Transient << true;
    QTest::newRow("connection") << CallOutcome::transportError(TransportError::Connection) << OutcomeClass::Transient
                                << true;
    QTest::newRow("dns") << CallOutcome::transportError(TransportError::Dns) << OutcomeClass::Transient << true;
    QTest::newRow("tls") << CallOutcome::transportError(TransportError::Tls) << OutcomeClass::Permanent << false;
    QTest::newRow("other transport") << CallOutcome::transportError(TransportError::Other) << OutcomeClass::Permanent
                                     << false;
    QTest::newRow("malformed body") << CallOutcome::transportError(TransportError::MalformedBody)
                                    << OutcomeClass::Transient << true;

    for (const int status : {500, 502, 503, 504, 599}) {
        QTest::addRow("http %d", status) << CallOutcome::http(status) << OutcomeClass::Transient << true;
    }
    QTest::newRow("http 503 with errcode 40013") << CallOutcome::http(503, 40013) << OutcomeClass::Transient << true;
    QTest::newRow("http 429") << CallOutcome::http(429) << OutcomeClass::RateLimited << true;
    for (const int status : {400, 401, 403, 404, 405, 409, 413, 422, 451, 499}) {
        QTest::addRow("http %d", status) << CallOutcome::http(status) << OutcomeClass::Permanent << false;
    }
    QTest::newRow("http 404 with errcode -1") << CallOutcome::http(404, -1) << OutcomeClass::Permanent << false;
    QTest::newRow("http 301") << CallOutcome::http(301) << OutcomeClass::Permanent << false;
    QTest::newRow("no status at all") << CallOutcome{} << OutcomeClass::Permanent << false;

    QTest::newRow("errcode -1") << CallOutcome::http(200, -1) << OutcomeClass::Transient << true;
    QTest::newRow("errcode 45009") << CallOutcome::http(200, 45009) << OutcomeClass::RateLimited << true;
    QTest::newRow("errcode 45033") << CallOutcome::http(200, 45033) << OutcomeClass::RateLimited << true;
    QTest::newRow("errcode 40014") << CallOutcome::http(200, 40014) << OutcomeClass::TokenInvalid << false;
    QTest::newRow("errcode 42001") << CallOutcome::http(200, 42001) << OutcomeClass::TokenInvalid << false;
    for (const int code : {40001, 40013, 40091, 41004, 48002, 48009, 60011, 60020, 84061}) {
        QTest::addRow("errcode %d", code) << CallOutcome::http(200, code) << OutcomeClass::Permanent << false;
    }
    for (const int code : {40003, 60111, 45029, 81013, 6000, 301002}) {
        QTest::addRow("unlisted errcode %d", code) << CallOutcome::http(200, code) << OutcomeClass::Permanent << false;
    }
}

void TestRetryPolicy::classification()
{
    QFETCH(CallOutcome, outcome);
    QFETCH(OutcomeClass, expected);
    QFETCH(bool, retryable);

    QCOMPARE(ic::net::classify(outcome), expected);
    const RetryPolicy policy(RetryConfig{}, 1);
    const auto decision = policy.decide(outcome, 0);
    QCOMPARE(decision.outcomeClass, expected);
    QCOMPARE(decision.retry, retryable);
    if (!retryable) {
        QCOMPARE(decision.delay, 0ms);
    }
}

void TestRetryPolicy::serviceFailure_data()
{
    QTest::addColumn<CallOutcome>("outcome");
    QTest::addColumn<bool>("failure");

    QTest::newRow("timeout") << CallOutcome::transportError(TransportError::Timeout) << true;
    QTest::newRow("connection") << CallOutcome::transportError(TransportError::Connection) << true;
    QTest::newRow("dns") << CallOutcome::transportError(TransportError::Dns) << true;
    QTest::newRow("tls") << CallOutcome::transportError(TransportError::Tls) << true;
    QTest::newRow("other transport") << CallOutcome::transportError(TransportError::Other) << true;
    QTest::newRow("malformed body") << CallOutcome::transportError(TransportError::MalformedBody) << true;
    QTest::newRow("http 500") << CallOutcome::http(500) << true;
    QTest::newRow("http 503") << CallOutcome::http(503) << true;
    QTest::newRow("errcode -1") << CallOutcome::http(200, -1) << true;

    QTest::newRow("ok") << CallOutcome::http(200, 0) << false;
    QTest::newRow("http 429") << CallOutcome::http(429) << false;
    QTest::newRow("http 404") << CallOutcome::http(404) << false;
    for (const int code : {40001, 40013, 40014, 42001, 45009, 45033, 48002, 60020}) {
        QTest::addRow("errcode %d", code) << CallOutcome::http(200, code) << false;
    }
}

void TestRetryPolicy::serviceFailure()
{
    QFETCH(CallOutcome, outcome);
    QFETCH(bool, failure);
    QCOMPARE(ic::net::isServiceFailure(outcome), failure);
}

void TestRetryPolicy::backoffBoundsAndMean()
{
    RetryConfig config;
    config.maxAttempts = 100;
    config.baseDelay = 100ms;
    config.maxDelay = 5000ms;
    const RetryPolicy policy(config, 20261122);
    const auto outcome = CallOutcome::transportError(TransportError::Timeout);

    for (int attempt = 0; attempt < 10; ++attempt) {
        const qint64 bound = std::min<qint64>(5000, 100LL << attempt);
        QCOMPARE(policy.backoffBound(attempt).count(), bound);
        constexpr int samples = 10000;
        double sum = 0;
        qint64 smallest = bound;
        qint64 largest = 0;
        for (int i = 0; i < samples; ++i) {
            const auto decision = policy.decide(outcome, attempt);
            QVERIFY(decision.retry);
            const qint64 delay = decision.delay.count();
            if (delay < 0 || delay > bound) {
                QFAIL(qPrintable(
                    QStringLiteral("attempt %1: delay %2 outside [0, %3]").arg(attempt).arg(delay).arg(bound)));
            }
            smallest = std::min(smallest, delay);
            largest = std::max(largest, delay);
            sum += double(delay);
        }
        const double mean = sum / samples;
        // Uniform on [0, bound]: the mean is bound / 2 with a standard error of bound / sqrt(12 · 10,000) ≈ 0.3 % of
        // the bound; 3 % is ten standard errors.
        QVERIFY2(std::abs(mean - double(bound) / 2) <= 0.03 * double(bound),
                 qPrintable(QStringLiteral("attempt %1: mean %2 for bound %3").arg(attempt).arg(mean).arg(bound)));
        // Full jitter uses the whole range, not just its top.
        QVERIFY(smallest <= bound / 50);
        QVERIFY(largest >= bound - bound / 50);
    }
}

void TestRetryPolicy::backoffBoundDoublesUpToCap()
{
    const RetryPolicy policy(RetryConfig{4, 1000ms, 30000ms, 60000ms}, 7);
    QCOMPARE(policy.backoffBound(0), 1000ms);
    QCOMPARE(policy.backoffBound(1), 2000ms);
    QCOMPARE(policy.backoffBound(2), 4000ms);
    QCOMPARE(policy.backoffBound(4), 16000ms);
    QCOMPARE(policy.backoffBound(5), 30000ms);
    QCOMPARE(policy.backoffBound(62), 30000ms);
    QCOMPARE(policy.backoffBound(1000000), 30000ms);
}

void TestRetryPolicy::sameSeedSameDelays()
{
    RetryConfig config;
    config.maxAttempts = 10;
    const RetryPolicy first(config, 42);
    const RetryPolicy second(config, 42);
    const RetryPolicy other(config, 43);
    const auto outcome = CallOutcome::http(502);
    int differences = 0;
    for (int i = 0; i < 100; ++i) {
        const auto a = first.decide(outcome, i % 5);
        QCOMPARE(second.decide(outcome, i % 5).delay, a.delay);
        differences += other.decide(outcome, i % 5).delay != a.delay ? 1 : 0;
    }
    QVERIFY(differences > 50);
}

void TestRetryPolicy::rateLimitFloor()
{
    RetryConfig config;
    config.maxAttempts = 4;
    config.baseDelay = 1000ms;
    config.maxDelay = 30000ms;
    config.rateLimitFloor = 60000ms;
    const RetryPolicy policy(config, 3);

    for (const auto &outcome : {CallOutcome::http(200, 45009), CallOutcome::http(200, 45033), CallOutcome::http(429)}) {
        for (int attempt = 0; attempt < 3; ++attempt) {
            for (int i = 0; i < 1000; ++i) {
                const auto decision = policy.decide(outcome, attempt);
                QVERIFY(decision.retry);
                QCOMPARE(decision.outcomeClass, OutcomeClass::RateLimited);
                QCOMPARE(decision.delay, 60000ms); // Every draw (at most 4 s) is under the floor.
            }
        }
        QVERIFY(!policy.decide(outcome, 3).retry);
    }

    // A floor under the backoff bound leaves the jitter above it alone.
    config.rateLimitFloor = 500ms;
    config.baseDelay = 10000ms;
    const RetryPolicy lowFloor(config, 4);
    bool aboveFloor = false;
    for (int i = 0; i < 1000; ++i) {
        const auto delay = lowFloor.decide(CallOutcome::http(200, 45009), 0).delay;
        QVERIFY(delay >= 500ms);
        QVERIFY(delay <= 10000ms);
        aboveFloor = aboveFloor || delay > 500ms;
    }
    QVERIFY(aboveFloor);

    // The floor is only for rate limiting: ordinary failures may retry at once.
    bool belowFloor = false;
    for (int i = 0; i < 1000; ++i) {
        belowFloor = belowFloor || lowFloor.decide(CallOutcome::http(200, -1), 0).delay < 500ms;
    }
    QVERIFY(belowFloor);
}

void TestRetryPolicy::retryAfterIsHonoured()
{
    RetryConfig config;
    config.rateLimitFloor = 5000ms;
    const RetryPolicy policy(config, 5);
    auto outcome = CallOutcome::http(429);
    outcome.retryAfter = 120000ms;
    QCOMPARE(policy.decide(outcome, 0).delay, 120000ms);
    outcome.retryAfter = 1000ms;
    QCOMPARE(policy.decide(outcome, 0).delay, 5000ms);
}

void TestRetryPolicy::attemptsCap()
{
    const RetryPolicy policy(RetryConfig{}, 9); // The first call plus three retries.
    QCOMPARE(policy.config().maxAttempts, 4);
    const auto outcome = CallOutcome::http(200, -1);
    int calls = 1;
    for (int attempt = 0;; ++attempt) {
        const auto decision = policy.decide(outcome, attempt);
        if (!decision.retry) {
            QCOMPARE(decision.delay, 0ms);
            break;
        }
        ++calls;
        QVERIFY(calls < 100);
    }
    QCOMPARE(calls, 4);

    const RetryPolicy once(RetryConfig{1, 1000ms, 30000ms, 60000ms}, 9);
    QVERIFY(!once.decide(CallOutcome::transportError(TransportError::Timeout), 0).retry);
    QVERIFY(!policy.decide(outcome, -1).retry);
}

void TestRetryPolicy::configIsClamped()
{
    const RetryPolicy policy(RetryConfig{0, -5ms, -10ms, -1ms}, 1);
    QCOMPARE(policy.config().maxAttempts, 1);
    QCOMPARE(policy.config().baseDelay, 0ms);
    QCOMPARE(policy.config().maxDelay, 0ms);
    QCOMPARE(policy.config().rateLimitFloor, 0ms);

    const RetryPolicy capBelowBase(RetryConfig{4, 2000ms, 1000ms, 0ms}, 1);
    QCOMPARE(capBelowBase.backoffBound(0), 2000ms);
}

void TestRetryPolicy::sharedAcrossThreads()
{
    RetryConfig config;
    config.maxAttempts = 10;
    config.baseDelay = 100ms;
    config.maxDelay = 1000ms;
    const RetryPolicy policy(config, 11);
    std::atomic<int> outOfBounds{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 8; ++t) {
        workers.emplace_back([&policy, &outOfBounds, t] {
            for (int i = 0; i < 10000; ++i) {
                const int attempt = (i + t) % 9;
                const auto decision = policy.decide(CallOutcome::transportError(TransportError::Connection), attempt);
                if (!decision.retry || decision.delay < 0ms || decision.delay > policy.backoffBound(attempt)) {
                    ++outOfBounds;
                }
            }
        });
    }
    for (auto &worker : workers) {
        worker.join();
    }
    QCOMPARE(outOfBounds.load(), 0);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
