// The outbound HTTP client on a fake network and a manual clock: how often and when it retries, how the rate
// limiter, the circuit breaker and the in-flight bound shape its calls, what its call-log rows may contain, what
// happens to a call whose task is dropped, and how a service's configuration becomes its policies. The waits are
// read off the manual clock (the time at which each request reaches the fake network), never measured in real time.

#include "FakeNetworkAccessManager.h"
#include "RunTask.h"
#include "TestDatabase.h"

#include "db/CallLogRepository.h"
#include "db/Migrator.h"
#include "db/Repositories.h"
#include "net/CallLogWriter.h"
#include "net/HttpClient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>
#include <memory>
#include <vector>

using namespace ic;
using namespace ic::net;
using namespace std::chrono_literals;
using ic::test::FakeNetworkAccessManager;
using ic::test::FakeResponse;
using ic::test::RecordedRequest;
using std::chrono::milliseconds;

Q_DECLARE_METATYPE(ic::test::FakeResponse)
Q_DECLARE_METATYPE(ic::net::OutcomeClass)

namespace {

const QUrl apiUrl(QStringLiteral("https://api.example.invalid/cgi-bin/user/get?userid=zhangsan"));

/// What the WeCom connector tells the client about a 2xx body: a JSON object or not, and its errcode.
BodyVerdict readErrcode(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return {false, std::nullopt, {}};
    }
    const QJsonValue errcode = document.object().value(u"errcode");
    return {true, errcode.isDouble() ? std::optional<int>(errcode.toInt()) : std::nullopt, document.object()};
}

FakeResponse errcode(int code)
{
    return FakeResponse::json(R"({"errcode":)" + QByteArray::number(code) + R"(,"errmsg":"scripted"})");
}

FakeResponse ok()
{
    return errcode(0);
}

/// A client configuration whose only waits are the ones a test asks for: a private limiter and breaker (no service
/// key) that run on the test's clock, a bucket that never makes anyone wait, a breaker that never opens, and
/// backoff bounds of 100, 200 and 300 ms (capped) for the first three retries.
HttpClientConfig quietConfig()
{
    HttpClientConfig config;
    config.tenantId = QStringLiteral("default");
    config.serviceType = QStringLiteral("wecom");
    config.serviceId = 42;
    config.timeout = 20ms;
    config.retry.maxAttempts = 4;
    config.retry.baseDelay = 100ms;
    config.retry.maxDelay = 300ms;
    config.retry.rateLimitFloor = 5s;
    config.ratePerSecond = 10000;
    config.burst = 10000;
    config.breaker.failureThreshold = 1000;
    config.breaker.coolDown = 10s;
    config.maxInFlight = 64;
    config.errcodeReader = readErrcode;
    return config;
}

HttpRequest getRequest(QUrl url = apiUrl)
{
    HttpRequest request;
    request.url = std::move(url);
    return request;
}

/// Awaits every task in order and returns their results.
QCoro::Task<QList<HttpResponse>> all(std::vector<QCoro::Task<HttpResponse>> tasks)
{
    QList<HttpResponse> responses;
    for (auto &task : tasks) {
        responses.append(co_await std::move(task));
    }
    co_return responses;
}

/// A client on a fake network and a manual clock, with everything that happened to it.
///
/// Every request is answered by `answer` (from the request's index, 0-based) and its arrival is noted on the
/// manual clock, so the wait between two attempts is the difference of their arrival times.
class Rig {
public:
    using Answer = std::function<FakeResponse(int index, const RecordedRequest &request)>;

    explicit Rig(HttpClientConfig config = quietConfig(), Redactor redactor = {},
                 std::shared_ptr<CallLogWriter> writer = nullptr, bool observe = true)
        : clock(std::make_shared<ManualClock>())
        , start(clock->now())
    {
        network.setHandler([this](const RecordedRequest &request) {
            arrivals.append(clock->now() - start);
            const int index = int(arrivals.size()) - 1;
            return answer ? answer(index, request) : ok();
        });
        client =
            std::make_unique<HttpClient>(&network, std::move(config), std::move(redactor), std::move(writer), clock);
        if (observe) {
            client->setCallObserver([this](const db::CallLogRecord &record) { records.append(record); });
        }
    }

    /// Answers every request with `response`.
    void answerAll(FakeResponse response)
    {
        answer = [response](int, const RecordedRequest &) { return response; };
    }
    /// Answers the next requests with `script` in turn, then with the last one of it.
    void answerInTurn(QList<FakeResponse> script)
    {
        answer = [script, first = int(arrivals.size())](int index, const RecordedRequest &) {
            return script.at(std::min(index - first, int(script.size()) - 1));
        };
    }

    /// Runs what is ready to run: answers due now and resumptions queued on the event loop. An answer that is
    /// delayed in real time (a slow response, a transfer timeout) is waited for; the manual clock does not move.
    void settle()
    {
        QDeadlineTimer deadline(20s);
        int quiet = 0;
        int busy = 0;
        while (quiet < 3 && !deadline.hasExpired()) {
            // Replies with a real delay wake the loop through their own timer.
            const bool wait = busy > 2;
            QCoreApplication::processEvents(wait ? QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents
                                                 : QEventLoop::AllEvents);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            if (network.inFlight() == 0) {
                ++quiet;
                busy = 0;
            } else {
                quiet = 0;
                ++busy;
            }
        }
    }

    /// Runs what is ready to run now without waiting for any answer (for tests with a request left hanging).
    static void pump()
    {
        for (int pass = 0; pass < 5; ++pass) {
            QCoreApplication::processEvents(QEventLoop::AllEvents);
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        }
    }

    /// Runs `task` to its end: lets the event loop run until only the manual clock can make progress, then moves
    /// the clock forward by `step`, and again. Fails (std::nullopt) after `limit` of manual time; the longest wait
    /// in these tests is 3 × 8 s.
    template<typename T>
    std::optional<T> run(QCoro::Task<T> task, Duration step = 1ms, Duration limit = 2min)
    {
        auto result = std::make_shared<std::optional<T>>();
        auto driver = [](QCoro::Task<T> awaited, std::shared_ptr<std::optional<T>> out) -> QCoro::Task<> {
            out->emplace(co_await std::move(awaited));
        }(std::move(task), result);
        const TimePoint end = clock->now() + limit;
        while (true) {
            settle();
            if (result->has_value()) {
                return std::move(*result);
            }
            if (clock->now() >= end) {
                return std::nullopt;
            }
            clock->advance(step);
        }
    }

    /// The waits between the consecutive arrivals [first, last].
    QList<Duration> waitsBetween(qsizetype first, qsizetype last) const
    {
        QList<Duration> waits;
        for (qsizetype i = first + 1; i <= last; ++i) {
            waits.append(arrivals.at(i) - arrivals.at(i - 1));
        }
        return waits;
    }

    std::shared_ptr<ManualClock> clock; // Outlives the client and every coroutine sleeping on it.
    TimePoint start;
    FakeNetworkAccessManager network;
    Answer answer;
    QList<Duration> arrivals;
    QList<db::CallLogRecord> records;
    std::unique_ptr<HttpClient> client;
};

/// `IC_RUN(name, rig, task)`: declares `name` holding the task's result, run by `rig` on its manual clock.
#define IC_RUN(name, rig, task)                                                                                        \
    auto name##Pending = (rig).run(task);                                                                              \
    QVERIFY2(name##Pending.has_value(), "the call did not end within two minutes of manual time");                     \
    auto name = std::move(*name##Pending)

QString ms(Duration duration)
{
    return QString::number(std::chrono::duration_cast<milliseconds>(duration).count()) + u"ms";
}

/// Every text of a call-log record.
QStringList textsOf(const db::CallLogRecord &record)
{
    return {record.tenantId,      record.serviceType,     record.endpoint,    record.method,
            record.correlationId, record.apiErrcode,      record.error,       record.requestPayload,
            record.requestHash,   record.responsePayload, record.responseHash};
}

/// The forms in which `value` may appear in a URL, a form body, JSON or plain text.
QList<QByteArray> formsOf(const QString &value)
{
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(2).chopped(2);
    QByteArray slashEscaped = json;
    slashEscaped.replace("/", "\\/");
    // As QUrlQuery writes a query value and QUrl a path: some delimiters stay, others are encoded.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("v"), value);
    QUrl url;
    url.setPath(u'/' + value, QUrl::DecodedMode);
    return {value.toUtf8(),
            QUrl::toPercentEncoding(value),
            QUrl::toPercentEncoding(value).toLower(),
            query.query(QUrl::FullyEncoded).toUtf8().mid(2),
            url.path(QUrl::FullyEncoded).toUtf8().mid(1),
            json,
            slashEscaped};
}

/// The first of `values` found in `text` in any of its forms, or an empty string.
QString foundIn(const QByteArray &text, const QStringList &values)
{
    for (const QString &value : values) {
        for (const QByteArray &form : formsOf(value)) {
            if (text.contains(form)) {
                return value;
            }
        }
    }
    return {};
}

const char certificatePem[] = "-----BEGIN CERTIFICATE-----\n"
                              "MIIBozCCAUmgAwIBAgIUCNFH+osuXXLs8ueojjYgvNJ3WNAwCgYIKoZIzj0EAwIw\n"
                              "JjEkMCIGA1UEAwwbSW50ZWdyYXRpb24gQ29uc29sZSB0ZXN0IENBMCAXDTI2MTEy\n"
                              "MjA3MTU1OFoYDzIxMjYxMDI5MDcxNTU4WjAmMSQwIgYDVQQDDBtJbnRlZ3JhdGlv\n"
                              "biBDb25zb2xlIHRlc3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASAEkXc\n"
                              "D0M7TZcB4WZ97xKHppJUeumQ5id72YE3RpCWgx5ySAX5NRSRxBtJYp7aS7tILSoz\n"
                              "F4nJCEtIUeY6OBjGo1MwUTAdBgNVHQ4EFgQUZw16N2BR9fl3OL5eqSleDJmV9sIw\n"
                              "HwYDVR0jBBgwFoAUZw16N2BR9fl3OL5eqSleDJmV9sIwDwYDVR0TAQH/BAUwAwEB\n"
                              "/zAKBggqhkjOPQQDAgNIADBFAiEAlUt4Dq1SrYXvomQwxu6eA0hBRZMkDJoI5Pcd\n"
                              "srtJJJMCIDtvGbsPs1U+2a/BNjGsnjbiKk5HbVWVfbNrjtz1HeAv\n"
                              "-----END CERTIFICATE-----\n";

} // namespace

class TestHttpClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Retries and their waits.
    void transientFailuresAreRetriedWithinTheBackoffBound_data();
    void transientFailuresAreRetriedWithinTheBackoffBound();
    void backoffIsFullJitterUpToTheDoubledBound();
    void rateLimitedAnswersWaitAtLeastTheFloor_data();
    void rateLimitedAnswersWaitAtLeastTheFloor();
    void permanentAnswersAreNotRetried_data();
    void permanentAnswersAreNotRetried();
    void requestsWithoutRetryAreSentOnce_data();
    void requestsWithoutRetryAreSentOnce();
    void firstAttemptContinuesTheNumbering();

    // Rate limiter, circuit breaker, in-flight bound.
    void rateLimiterSpacesRequests();
    void circuitOpensAfterConsecutiveFailures();
    void halfOpenLetsOneProbeThroughAndClosesOnSuccess();
    void failedProbeReopensTheCircuit();
    void credentialAndRateLimitAnswersDoNotOpenTheCircuit();
    void retriesStopWhenTheCircuitOpens();
    void inFlightBoundHolds();
    void waitingRetryGivesBackItsSlot();

    // The call log.
    void callLogRecordsAreRedacted();
    void recordsGoOnlyWhereTheyAreSent();
    void writerStoresRedactedRows();

    // Dropped tasks.
    void droppedSendRunsToItsEnd();
    void destroyingTheClientCancelsItsSends();
    void droppedSendsOutliveTheClientSafely();
    void largeBodiesAreReadOffTheLoop();

    // Configuration.
    void fromServiceReadsEveryMember();
    void fromServiceKeepsDefaultsForMissingMembers();
    void fromServiceRejects_data();
    void fromServiceRejects();
    void fromServiceChecksTheCaFile();
};

// ---- retries ---------------------------------------------------------------------------------------------------

void TestHttpClient::transientFailuresAreRetriedWithinTheBackoffBound_data()
{
    QTest::addColumn<FakeResponse>("failure");
    QTest::newRow("wecom -1") << errcode(-1);
    QTest::newRow("http 500") << FakeResponse::http(500);
    QTest::newRow("http 502") << FakeResponse::http(502, "<html>bad gateway</html>");
    QTest::newRow("http 503") << FakeResponse::http(503);
    QTest::newRow("http 504") << FakeResponse::http(504);
    QTest::newRow("transfer timeout") << FakeResponse::hang();
    QTest::newRow("socket timeout") << FakeResponse::networkError(QNetworkReply::TimeoutError);
    QTest::newRow("connection refused") << FakeResponse::networkError(QNetworkReply::ConnectionRefusedError);
    QTest::newRow("connection closed") << FakeResponse::networkError(QNetworkReply::RemoteHostClosedError);
    QTest::newRow("host not found") << FakeResponse::networkError(QNetworkReply::HostNotFoundError);
    QTest::newRow("temporary network failure")
        << FakeResponse::networkError(QNetworkReply::TemporaryNetworkFailureError);
    FakeResponse cutShort = FakeResponse::json(R"({"errcode":0,"us)");
    cutShort.error = QNetworkReply::RemoteHostClosedError;
    QTest::newRow("answer cut short") << cutShort;
    QTest::newRow("not json") << FakeResponse::http(200, "<html>gateway says hello</html>");
    QTest::newRow("truncated json") << FakeResponse::json(R"({"errcode":0,"userlist":[)");
    QTest::newRow("json array") << FakeResponse::json("[1,2,3]");
    QTest::newRow("empty body") << FakeResponse::http(200);
}

void TestHttpClient::transientFailuresAreRetriedWithinTheBackoffBound()
{
    QFETCH(FakeResponse, failure);
    Rig rig;
    rig.answerAll(failure);
    // min(maxDelay, base · 2^attempt) with a base of 100 ms and a cap of 300 ms.
    const QList<Duration> bounds{100ms, 200ms, 300ms};

    constexpr int sends = 12;
    Duration waited{0};
    for (int send = 0; send < sends; ++send) {
        const qsizetype first = rig.arrivals.size();
        const qsizetype firstRecord = rig.records.size();
        IC_RUN(response, rig, rig.client->send(getRequest()));
        QVERIFY(!response.isSuccess());
        QCOMPARE(response.outcomeClass, OutcomeClass::Transient);
        QCOMPARE(response.attempts, 4);
        QCOMPARE(rig.arrivals.size(), first + 4);
        QCOMPARE(rig.records.size(), firstRecord + 4);
        for (int attempt = 0; attempt < 4; ++attempt) {
            const db::CallLogRecord &record = rig.records.at(firstRecord + attempt);
            QCOMPARE(record.attempt, attempt + 1);
            QVERIFY(!record.success);
            QVERIFY2(!record.error.isEmpty() || record.apiErrcode == u"-1", qPrintable(record.error));
            QCOMPARE(record.correlationId, response.correlationId);
        }
        const QList<Duration> waits = rig.waitsBetween(first, first + 3);
        for (int attempt = 0; attempt < waits.size(); ++attempt) {
            const Duration bound = bounds.at(attempt);
            QVERIFY2(waits.at(attempt) >= Duration::zero() && waits.at(attempt) <= bound,
                     qPrintable(u"wait after attempt " + QString::number(attempt + 1) + u": " + ms(waits.at(attempt)) +
                                u", bound " + ms(bound)));
            waited += waits.at(attempt);
        }
    }
    // Each wait is drawn from [0, bound]: 36 draws that are all zero would mean the client never waited.
    QVERIFY2(waited > Duration::zero(), "the retries never waited");
    QCOMPARE(rig.network.unscriptedRequests(), 0);
    // Every attempt went out with the configured transfer timeout.
    for (const RecordedRequest &request : rig.network.requests()) {
        QCOMPARE(request.request.transferTimeout(), 20);
    }
}

void TestHttpClient::backoffIsFullJitterUpToTheDoubledBound()
{
    // Bounds 100, 200 and 300 ms (400 capped at maxDelay). The draws are random (the client seeds its policy from
    // the system), so what is checked beyond the bounds is what 40 uniform draws show with certainty for practical
    // purposes: some wait after the first failure is over 50 ms (all 40 at most 50 ms: (51/101)^40 < 1e-11), and
    // some wait after the third is over 200 ms, which only the doubled bound allows ((201/301)^40 < 1e-7).
    Rig rig;
    rig.answerAll(FakeResponse::http(503));
    const RetryPolicy bounds(rig.client->config().retry);
    QCOMPARE(bounds.backoffBound(0), 100ms);
    QCOMPARE(bounds.backoffBound(1), 200ms);
    QCOMPARE(bounds.backoffBound(2), 300ms);

    QList<Duration> longest{Duration::zero(), Duration::zero(), Duration::zero()};
    for (int send = 0; send < 40; ++send) {
        const qsizetype first = rig.arrivals.size();
        IC_RUN(response, rig, rig.client->send(getRequest()));
        QCOMPARE(response.attempts, 4);
        const QList<Duration> waits = rig.waitsBetween(first, first + 3);
        for (int attempt = 0; attempt < 3; ++attempt) {
            QVERIFY2(waits.at(attempt) <= bounds.backoffBound(attempt), qPrintable(ms(waits.at(attempt))));
            longest[attempt] = std::max(longest.at(attempt), waits.at(attempt));
        }
    }
    QVERIFY2(longest.at(0) > 50ms, qPrintable(ms(longest.at(0))));
    QVERIFY2(longest.at(2) > 200ms, qPrintable(ms(longest.at(2))));
}

void TestHttpClient::rateLimitedAnswersWaitAtLeastTheFloor_data()
{
    QTest::addColumn<FakeResponse>("limited");
    QTest::addColumn<milliseconds>("expectedWait");
    // The floor is 5 s and every backoff bound is at most 300 ms: a rate-limited retry waits exactly the floor, or
    // the provider's Retry-After when that is longer.
    QTest::newRow("wecom 45009") << errcode(45009) << milliseconds(5s);
    QTest::newRow("wecom 45033") << errcode(45033) << milliseconds(5s);
    QTest::newRow("http 429") << FakeResponse::http(429) << milliseconds(5s);
    QTest::newRow("http 429, Retry-After 7")
        << FakeResponse::http(429).withHeader("Retry-After", "7") << milliseconds(7s);
    QTest::newRow("http 429, Retry-After 2")
        << FakeResponse::http(429).withHeader("retry-after", "2") << milliseconds(5s);
    QTest::newRow("wecom 45009, Retry-After 8") << errcode(45009).withHeader("Retry-After", " 8 ") << milliseconds(8s);
}

void TestHttpClient::rateLimitedAnswersWaitAtLeastTheFloor()
{
    QFETCH(FakeResponse, limited);
    QFETCH(milliseconds, expectedWait);
    Rig rig;

    // Limited once, then answered.
    rig.answerInTurn({limited, ok()});
    IC_RUN(recovered, rig, rig.client->send(getRequest()));
    QVERIFY(recovered.isSuccess());
    QCOMPARE(recovered.attempts, 2);
    QCOMPARE(rig.arrivals.size(), 2);
    QCOMPARE(ms(rig.arrivals.at(1) - rig.arrivals.at(0)), ms(expectedWait));

    // Limited every time: every attempt is used, each after the same wait.
    rig.answerAll(limited);
    const qsizetype first = rig.arrivals.size();
    IC_RUN(exhausted, rig, rig.client->send(getRequest()));
    QCOMPARE(exhausted.outcomeClass, OutcomeClass::RateLimited);
    QCOMPARE(exhausted.attempts, 4);
    QCOMPARE(rig.arrivals.size(), first + 4);
    for (const Duration wait : rig.waitsBetween(first, first + 3)) {
        QCOMPARE(ms(wait), ms(expectedWait));
    }
    // A rate limit is an answer from a working service: the breaker does not count it.
    QCOMPARE(rig.client->circuit().consecutiveFailures, 0);
}

void TestHttpClient::permanentAnswersAreNotRetried_data()
{
    QTest::addColumn<FakeResponse>("answer");
    QTest::addColumn<OutcomeClass>("expected");
    for (const int code : {40001, 40013, 40091, 41004, 48002, 48009, 60011, 60020, 84061, 99999}) {
        QTest::addRow("wecom %d", code) << errcode(code) << OutcomeClass::Permanent;
    }
    // Token errors are the connector's to handle (refresh, repeat once); the client does not repeat them.
    QTest::newRow("wecom 40014") << errcode(40014) << OutcomeClass::TokenInvalid;
    QTest::newRow("wecom 42001") << errcode(42001) << OutcomeClass::TokenInvalid;
    for (const int status : {400, 401, 403, 404, 409, 413, 422}) {
        QTest::addRow("http %d", status) << FakeResponse::http(status, R"({"errcode":-1})") << OutcomeClass::Permanent;
    }
    QTest::newRow("tls handshake") << FakeResponse::networkError(QNetworkReply::SslHandshakeFailedError)
                                   << OutcomeClass::Permanent;
    QTest::newRow("unknown protocol") << FakeResponse::networkError(QNetworkReply::ProtocolUnknownError)
                                      << OutcomeClass::Permanent;
}

void TestHttpClient::permanentAnswersAreNotRetried()
{
    QFETCH(FakeResponse, answer);
    QFETCH(OutcomeClass, expected);
    Rig rig;
    rig.answerAll(answer);
    IC_RUN(response, rig, rig.client->send(getRequest()));
    QCOMPARE(response.outcomeClass, expected);
    QCOMPARE(response.attempts, 1);
    QCOMPARE(rig.network.requests().size(), 1);
    QCOMPARE(rig.records.size(), 1);
    QVERIFY(!rig.records.first().success);
    QCOMPARE(rig.clock->now(), rig.start); // Nothing waited either.
}

void TestHttpClient::requestsWithoutRetryAreSentOnce_data()
{
    QTest::addColumn<FakeResponse>("answer");
    QTest::addColumn<OutcomeClass>("expected");
    QTest::newRow("wecom -1") << errcode(-1) << OutcomeClass::Transient;
    QTest::newRow("http 503") << FakeResponse::http(503) << OutcomeClass::Transient;
    QTest::newRow("transfer timeout") << FakeResponse::hang() << OutcomeClass::Transient;
    QTest::newRow("connection refused") << FakeResponse::networkError(QNetworkReply::ConnectionRefusedError)
                                        << OutcomeClass::Transient;
    QTest::newRow("not json") << FakeResponse::http(200, "<html></html>") << OutcomeClass::Transient;
    QTest::newRow("wecom 45009") << errcode(45009) << OutcomeClass::RateLimited;
    QTest::newRow("http 429") << FakeResponse::http(429) << OutcomeClass::RateLimited;
}

void TestHttpClient::requestsWithoutRetryAreSentOnce()
{
    QFETCH(FakeResponse, answer);
    QFETCH(OutcomeClass, expected);
    Rig rig;
    rig.answerAll(answer);
    HttpRequest request = getRequest();
    request.retry = false;
    IC_RUN(response, rig, rig.client->send(request));
    QCOMPARE(response.outcomeClass, expected);
    QCOMPARE(response.attempts, 1);
    QCOMPARE(rig.network.requests().size(), 1);
    QCOMPARE(rig.records.size(), 1);
    QCOMPARE(rig.clock->now(), rig.start);
}

void TestHttpClient::firstAttemptContinuesTheNumbering()
{
    Rig rig;
    rig.answerInTurn({FakeResponse::http(503), errcode(-1), ok()});
    HttpRequest request = getRequest();
    request.firstAttempt = 3;
    request.correlationId = QStringLiteral("op-7");
    request.runId = 99;
    IC_RUN(response, rig, rig.client->send(request));
    QVERIFY(response.isSuccess());
    QCOMPARE(response.attempts, 3); // Attempts of this send(), not the call-log number.
    QCOMPARE(response.correlationId, QStringLiteral("op-7"));
    QCOMPARE(rig.records.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(rig.records.at(i).attempt, 3 + i);
        QCOMPARE(rig.records.at(i).correlationId, QStringLiteral("op-7"));
        QCOMPARE(rig.records.at(i).runId, std::optional<qint64>(99));
    }
    QVERIFY(rig.records.last().success);

    // A later first attempt does not use up maxAttempts: this send still makes its four attempts.
    rig.records.clear();
    rig.answerAll(FakeResponse::http(503));
    request.firstAttempt = 5;
    IC_RUN(failed, rig, rig.client->send(request));
    QCOMPARE(failed.attempts, 4);
    QCOMPARE(rig.records.size(), 4);
    QCOMPARE(rig.records.first().attempt, 5);
    QCOMPARE(rig.records.last().attempt, 8);
}

// ---- rate limiter, circuit breaker, in-flight bound ----------------------------------------------------------------

void TestHttpClient::rateLimiterSpacesRequests()
{
    // 10 calls a second with a burst of 3: the k-th request (0-based) may go at max(0, k - 2) × 100 ms, so after t
    // ms min(N, 3 + floor(t / 100)) requests may have reached the network, and no more.
    HttpClientConfig config = quietConfig();
    config.ratePerSecond = 10;
    config.burst = 3;
    Rig rig(config);
    const auto expectedAt = [](Duration elapsed, int sends) { return std::min<qsizetype>(sends, 3 + elapsed / 100ms); };
    const auto sendAll = [&rig](int count) {
        std::vector<QCoro::Task<HttpResponse>> tasks;
        for (int i = 0; i < count; ++i) {
            tasks.push_back(rig.client->send(getRequest()));
        }
        return all(std::move(tasks));
    };

    auto first = std::make_shared<std::optional<QList<HttpResponse>>>();
    auto driver = [](QCoro::Task<QList<HttpResponse>> task,
                     std::shared_ptr<std::optional<QList<HttpResponse>>> out) -> QCoro::Task<> {
        out->emplace(co_await std::move(task));
    }(sendAll(10), first);
    const TimePoint begin = rig.clock->now();
    for (int step = 0; step <= 120; ++step) {
        rig.settle();
        const Duration elapsed = rig.clock->now() - begin;
        QVERIFY2(
            rig.network.requests().size() == expectedAt(elapsed, 10),
            qPrintable(QStringLiteral("%1 requests after %2").arg(rig.network.requests().size()).arg(ms(elapsed))));
        rig.clock->advance(10ms);
    }
    rig.settle();
    QVERIFY(first->has_value());
    for (const HttpResponse &response : **first) {
        QVERIFY(response.isSuccess());
    }

    // After a long pause the bucket holds its burst again, and no more.
    rig.clock->advance(1h);
    rig.network.clearRequests();
    auto second = std::make_shared<std::optional<QList<HttpResponse>>>();
    auto secondDriver = [](QCoro::Task<QList<HttpResponse>> task,
                           std::shared_ptr<std::optional<QList<HttpResponse>>> out) -> QCoro::Task<> {
        out->emplace(co_await std::move(task));
    }(sendAll(6), second);
    const TimePoint resumed = rig.clock->now();
    for (int step = 0; step <= 40; ++step) {
        rig.settle();
        const Duration elapsed = rig.clock->now() - resumed;
        QVERIFY2(
            rig.network.requests().size() == expectedAt(elapsed, 6),
            qPrintable(QStringLiteral("%1 requests after %2").arg(rig.network.requests().size()).arg(ms(elapsed))));
        rig.clock->advance(10ms);
    }
    rig.settle();
    QVERIFY(second->has_value());
}

void TestHttpClient::circuitOpensAfterConsecutiveFailures()
{
    HttpClientConfig config = quietConfig();
    config.retry.maxAttempts = 1;
    config.breaker.failureThreshold = 3;
    config.breaker.coolDown = 10s;
    Rig rig(config);
    rig.answerInTurn(
        {FakeResponse::http(503), errcode(-1), FakeResponse::networkError(QNetworkReply::ConnectionRefusedError)});

    for (int failure = 1; failure <= 3; ++failure) {
        QCOMPARE(rig.client->circuit().state, CircuitState::Closed);
        IC_RUN(response, rig, rig.client->send(getRequest()));
        QVERIFY(!response.circuitOpen);
        QCOMPARE(response.attempts, 1);
        QCOMPARE(rig.client->circuit().consecutiveFailures, failure);
    }
    QCOMPARE(rig.client->circuit().state, CircuitState::Open);
    QCOMPARE(rig.client->circuit().since, rig.start);

    // Open: refused at once, without reaching the network and without a call-log row.
    for (const Duration later : {Duration::zero(), Duration(4s), Duration(10s - 1ms)}) {
        rig.clock->set(rig.start + later);
        IC_AWAIT(refused, rig.client->send(getRequest()));
        QVERIFY(refused.circuitOpen);
        QCOMPARE(refused.attempts, 0);
        QCOMPARE(refused.outcomeClass, OutcomeClass::Transient);
        QCOMPARE(ms(refused.retryAfter), ms(10s - later));
        QVERIFY(!refused.transportError.isEmpty());
        QCOMPARE(rig.network.requests().size(), 3);
        QCOMPARE(rig.records.size(), 3);
    }
}

void TestHttpClient::halfOpenLetsOneProbeThroughAndClosesOnSuccess()
{
    HttpClientConfig config = quietConfig();
    config.retry.maxAttempts = 1;
    config.breaker.failureThreshold = 2;
    config.breaker.coolDown = 10s;
    Rig rig(config);
    rig.answerInTurn({FakeResponse::http(500), FakeResponse::http(500), ok()});
    for (int i = 0; i < 2; ++i) {
        IC_RUN(response, rig, rig.client->send(getRequest()));
    }
    QCOMPARE(rig.client->circuit().state, CircuitState::Open);

    // After the cool-down, five calls at once: the first is the probe, the others are refused while it is out.
    rig.clock->set(rig.start + 10s);
    std::vector<QCoro::Task<HttpResponse>> tasks;
    for (int i = 0; i < 5; ++i) {
        tasks.push_back(rig.client->send(getRequest()));
    }
    QCOMPARE(rig.client->circuit().state, CircuitState::HalfOpen);
    QCOMPARE(rig.network.requests().size(), 3);
    IC_RUN(responses, rig, all(std::move(tasks)));
    QVERIFY(responses.at(0).isSuccess());
    QCOMPARE(responses.at(0).attempts, 1);
    for (int i = 1; i < 5; ++i) {
        QVERIFY(responses.at(i).circuitOpen);
        QCOMPARE(responses.at(i).attempts, 0);
    }
    QCOMPARE(rig.network.requests().size(), 3);

    // The probe succeeded: closed again, and calls go through.
    QCOMPARE(rig.client->circuit().state, CircuitState::Closed);
    QCOMPARE(rig.client->circuit().consecutiveFailures, 0);
    IC_RUN(after, rig, rig.client->send(getRequest()));
    QVERIFY(after.isSuccess());
    QCOMPARE(rig.network.requests().size(), 4);
}

void TestHttpClient::failedProbeReopensTheCircuit()
{
    HttpClientConfig config = quietConfig();
    config.retry.maxAttempts = 1;
    config.breaker.failureThreshold = 2;
    config.breaker.coolDown = 10s;
    Rig rig(config);
    rig.answerAll(FakeResponse::networkError(QNetworkReply::ConnectionRefusedError));
    for (int i = 0; i < 2; ++i) {
        IC_RUN(response, rig, rig.client->send(getRequest()));
    }
    QCOMPARE(rig.client->circuit().state, CircuitState::Open);

    rig.clock->set(rig.start + 10s);
    IC_RUN(probe, rig, rig.client->send(getRequest()));
    QVERIFY(!probe.circuitOpen);
    QCOMPARE(probe.attempts, 1);
    QCOMPARE(rig.network.requests().size(), 3);

    // Open again for a whole new cool-down from the failed probe.
    QCOMPARE(rig.client->circuit().state, CircuitState::Open);
    QCOMPARE(rig.client->circuit().since, rig.start + 10s);
    rig.clock->set(rig.start + 19s);
    IC_AWAIT(refused, rig.client->send(getRequest()));
    QVERIFY(refused.circuitOpen);
    QCOMPARE(ms(refused.retryAfter), ms(1s));
    QCOMPARE(rig.network.requests().size(), 3);

    // And the next probe, answered, closes it.
    rig.answerAll(ok());
    rig.clock->set(rig.start + 20s);
    IC_RUN(second, rig, rig.client->send(getRequest()));
    QVERIFY(second.isSuccess());
    QCOMPARE(rig.client->circuit().state, CircuitState::Closed);
    QCOMPARE(rig.network.requests().size(), 4);
}

void TestHttpClient::credentialAndRateLimitAnswersDoNotOpenTheCircuit()
{
    HttpClientConfig config = quietConfig();
    config.retry.maxAttempts = 1;
    config.breaker.failureThreshold = 3;
    Rig rig(config);

    // Two failures, then answers from a working service: each resets the count instead of adding to it.
    const QList<FakeResponse> answers{errcode(40001),          errcode(40013),         errcode(40091),
                                      errcode(41004),          errcode(40014),         errcode(48002),
                                      errcode(60020),          errcode(45009),         FakeResponse::http(429),
                                      FakeResponse::http(401), FakeResponse::http(404)};
    for (const FakeResponse &answer : answers) {
        rig.answerAll(FakeResponse::http(503));
        for (int i = 0; i < 2; ++i) {
            IC_RUN(failure, rig, rig.client->send(getRequest()));
        }
        QCOMPARE(rig.client->circuit().consecutiveFailures, 2);
        rig.answerAll(answer);
        IC_RUN(answered, rig, rig.client->send(getRequest()));
        QVERIFY(!answered.isSuccess());
        QCOMPARE(rig.client->circuit().state, CircuitState::Closed);
        QCOMPARE(rig.client->circuit().consecutiveFailures, 0);
    }
    // Many wrong-secret answers in a row do not open it either ...
    rig.answerAll(errcode(40001));
    for (int i = 0; i < 10; ++i) {
        IC_RUN(wrongSecret, rig, rig.client->send(getRequest()));
    }
    QCOMPARE(rig.client->circuit().state, CircuitState::Closed);
    // ... while three failures in a row do.
    rig.answerAll(FakeResponse::http(503));
    for (int i = 0; i < 3; ++i) {
        IC_RUN(failure, rig, rig.client->send(getRequest()));
    }
    QCOMPARE(rig.client->circuit().state, CircuitState::Open);
}

void TestHttpClient::retriesStopWhenTheCircuitOpens()
{
    HttpClientConfig config = quietConfig();
    config.breaker.failureThreshold = 2;
    Rig rig(config);
    rig.answerAll(FakeResponse::http(503));
    IC_RUN(response, rig, rig.client->send(getRequest()));
    // The second failure opened the circuit, so the third attempt was refused before reaching the network.
    QCOMPARE(rig.network.requests().size(), 2);
    QCOMPARE(rig.records.size(), 2);
    QVERIFY(response.circuitOpen);
    QCOMPARE(response.outcomeClass, OutcomeClass::Transient);
    QVERIFY(response.retryAfter > 0ms);
    QCOMPARE(rig.client->circuit().state, CircuitState::Open);
}

void TestHttpClient::inFlightBoundHolds()
{
    // Slow answers (a real 5 ms each), some calls failing once first: at most three requests are ever out at once.
    HttpClientConfig config = quietConfig();
    config.maxInFlight = 3;
    Rig rig(config);
    rig.answer = [](int index, const RecordedRequest &) { return (index % 4 == 1 ? errcode(-1) : ok()).after(5ms); };
    std::vector<QCoro::Task<HttpResponse>> tasks;
    for (int i = 0; i < 16; ++i) {
        tasks.push_back(rig.client->send(getRequest()));
    }
    QCOMPARE(rig.network.inFlight(), 3);
    QCOMPARE(rig.client->inFlight(), 3);
    IC_RUN(responses, rig, all(std::move(tasks)));
    QCOMPARE(responses.size(), 16);
    for (const HttpResponse &response : responses) {
        QVERIFY(response.isSuccess());
    }
    QVERIFY(rig.network.requests().size() > 16); // Some were retried.
    QCOMPARE(rig.network.maxInFlight(), 3);
    QCOMPARE(rig.network.inFlight(), 0);
    QCOMPARE(rig.client->inFlight(), 0);
}

void TestHttpClient::waitingRetryGivesBackItsSlot()
{
    // One slot. The first call is rate limited and waits 5 s before retrying; the second must not wait for it.
    HttpClientConfig config = quietConfig();
    config.maxInFlight = 1;
    Rig rig(config);
    rig.answerInTurn({errcode(45009), ok(), ok()});
    std::vector<QCoro::Task<HttpResponse>> tasks;
    tasks.push_back(rig.client->send(getRequest()));
    tasks.push_back(rig.client->send(getRequest()));
    rig.settle();
    QCOMPARE(rig.network.requests().size(), 2);
    QCOMPARE(ms(rig.arrivals.at(1)), ms(0ms));
    QCOMPARE(rig.client->inFlight(), 0);
    IC_RUN(responses, rig, all(std::move(tasks)));
    QVERIFY(responses.at(0).isSuccess());
    QVERIFY(responses.at(1).isSuccess());
    QCOMPARE(responses.at(0).attempts, 2);
    QCOMPARE(ms(rig.arrivals.at(2)), ms(5s));
}

// ---- the call log ----------------------------------------------------------------------------------------------

namespace {

/// Registered secret values: removed wherever they appear, whatever the field is called.
const QString registeredSecret = QStringLiteral("Reg1stered/Secret+Value=42");
const QString registeredToken = QStringLiteral("tok-Registered.Token_7f3a9c");

/// Values of secret-named fields (not registered): removed because of their names.
QStringList namedValues()
{
    QStringList values;
    for (int i = 1; i <= 40; ++i) {
        values.append(QStringLiteral("NamedValue%1x").arg(i, 2, 10, QLatin1Char('0')));
    }
    return values;
}

QString named(int i)
{
    return namedValues().at(i - 1);
}

/// The client of the call-log tests reads HTTP statuses only, so a text body is an answer, not a broken one.
HttpClientConfig plainConfig()
{
    HttpClientConfig config = quietConfig();
    config.errcodeReader = nullptr;
    return config;
}

Redactor secretRedactor()
{
    Redactor redactor;
    redactor.addSecretValue(registeredSecret);
    redactor.addSecretValue(registeredToken);
    return redactor;
}

/// The calls whose records are searched: secrets in every place a call can carry them.
struct ScriptedCall {
    HttpRequest request;
    FakeResponse response;
};

QList<ScriptedCall> callsWithSecrets()
{
    QList<ScriptedCall> calls;

    // 1. A GET with secrets in the query and the headers, answered with secrets in headers and a nested body.
    {
        QUrl url(QStringLiteral("https://api.example.invalid/cgi-bin/gettoken"));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("corpid"), QStringLiteral("ww-corp"));
        const QStringList names{
            QStringLiteral("corpsecret"),   QStringLiteral("access_token"),   QStringLiteral("secret"),
            QStringLiteral("password"),     QStringLiteral("sign"),           QStringLiteral("key"),
            QStringLiteral("token"),        QStringLiteral("encodingaeskey"), QStringLiteral("CorpSecret"),
            QStringLiteral("Access-Token"), QStringLiteral("refresh_token"),  QStringLiteral("EncodingAESKey"),
            QStringLiteral("api_key"),      QStringLiteral("signature")};
        for (int i = 0; i < names.size(); ++i) {
            query.addQueryItem(names.at(i), named(i + 1));
        }
        query.addQueryItem(QStringLiteral("state"), registeredSecret);
        query.addQueryItem(QStringLiteral("mobile"), QStringLiteral("13812345678"));
        query.addQueryItem(QStringLiteral("email"), QStringLiteral("alice@example.com"));
        query.addQueryItem(QStringLiteral("keyword"), QStringLiteral("visible"));
        url.setQuery(query);
        HttpRequest request = getRequest(url);
        request.headers = {{"Authorization", "Bearer " + named(15).toUtf8()},
                           {"X-Api-Key", named(16).toUtf8()},
                           {"Cookie", "sid=" + named(17).toUtf8()},
                           {"X-Access-Token", named(18).toUtf8()},
                           {"X-Trace", registeredToken.toUtf8()},
                           {"Accept", "application/json"}};
        QJsonObject data{{QStringLiteral("secret"), named(20)},
                         {QStringLiteral("list"), QJsonArray{QJsonObject{{QStringLiteral("password"), named(21)},
                                                                         {QStringLiteral("sign"), named(22)}}}},
                         {QStringLiteral("key"), named(23)},
                         {QStringLiteral("encodingaeskey"), named(24)},
                         {QStringLiteral("corp_secret"), QJsonObject{{QStringLiteral("inner"), named(25)}}},
                         {QStringLiteral("note"), QString(u"it says " + registeredSecret + u" inside")}};
        QJsonObject body{{QStringLiteral("errcode"), 0},
                         {QStringLiteral("access_token"), named(19)},
                         {QStringLiteral("expires_in"), 7200},
                         {QStringLiteral("data"), data},
                         {QStringLiteral("mobile"), QStringLiteral("13912345678")},
                         {QStringLiteral("email"), QStringLiteral("bob@example.org")},
                         {QStringLiteral("echo"), registeredToken}};
        FakeResponse response = FakeResponse::json(QJsonDocument(body).toJson())
                                    .withHeader("Set-Cookie", "sid=" + named(26).toUtf8() + "; HttpOnly")
                                    .withHeader("X-Token", named(27).toUtf8())
                                    .withHeader("X-Echo", registeredSecret.toUtf8());
        calls.append({request, response});
    }

    // 2. A POST with a nested JSON body.
    {
        HttpRequest request = getRequest(
            QUrl(QStringLiteral("https://api.example.invalid/cgi-bin/user/create?access_token=") + registeredToken));
        request.method = "POST";
        QJsonObject user{{QStringLiteral("name"), QStringLiteral("张三")},
                         {QStringLiteral("mobile"), QStringLiteral("13700001111")},
                         {QStringLiteral("email"), QStringLiteral("carol@example.com")},
                         {QStringLiteral("password"), named(28)},
                         {QStringLiteral("profile"), QJsonObject{{QStringLiteral("token"), named(29)}}}};
        QJsonObject body{
            {QStringLiteral("user"), user},
            {QStringLiteral("items"),
             QJsonArray{QJsonObject{{QStringLiteral("secret"), named(30)}},
                        QJsonObject{{QStringLiteral("sign"), named(31)}, {QStringLiteral("value"), registeredSecret}}}},
            {QStringLiteral("EncodingAESKey"), named(32)}};
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        calls.append({request, ok()});
    }

    // 3. A POST with a form body.
    {
        HttpRequest request = getRequest(QUrl(QStringLiteral("https://api.example.invalid/oauth/token")));
        request.method = "POST";
        request.contentType = "application/x-www-form-urlencoded";
        request.body = "corpsecret=" + named(33).toUtf8() + "&password=" + named(34).toUtf8() +
                       "&access_token=" + named(35).toUtf8() + "&note=" + QUrl::toPercentEncoding(registeredSecret) +
                       "&mobile=13600002222&name=keep";
        calls.append(
            {request, FakeResponse::http(200, "token=" + named(36).toUtf8() + " for " + registeredToken.toUtf8(),
                                         {{"Content-Type", "text/plain"}})});
    }

    // 4. A transport failure whose Qt error text carries a registered value and a named one.
    {
        HttpRequest request = getRequest(QUrl(QStringLiteral("https://api.example.invalid/cgi-bin/message/send")));
        request.retry = false;
        calls.append(
            {request, FakeResponse::networkError(QNetworkReply::ConnectionRefusedError,
                                                 u"Connection to api.example.invalid refused while sending " +
                                                     registeredToken + u" (access_token=" + named(37) + u")")});
    }

    // 5. An error status whose body and reason phrase echo secrets.
    {
        HttpRequest request = getRequest(QUrl(QStringLiteral("https://api.example.invalid/cgi-bin/department/list")));
        request.retry = false;
        FakeResponse response = FakeResponse::http(503,
                                                   R"({"errcode":-1,"errmsg":"busy for )" + registeredSecret.toUtf8() +
                                                       R"(","secret":")" + named(38).toUtf8() + R"("})",
                                                   {{"Content-Type", "application/json"}});
        response.reason = "Unavailable for " + registeredToken.toUtf8();
        calls.append({request, response});
    }
    return calls;
}

QStringList allSecrets()
{
    return namedValues() + QStringList{registeredSecret,
                                       registeredToken,
                                       QStringLiteral("13812345678"),
                                       QStringLiteral("13912345678"),
                                       QStringLiteral("13700001111"),
                                       QStringLiteral("13600002222"),
                                       QStringLiteral("alice@example.com"),
                                       QStringLiteral("bob@example.org"),
                                       QStringLiteral("carol@example.com")};
}

/// Sends every call of callsWithSecrets() through `rig` and returns the responses.
QList<HttpResponse> sendCallsWithSecrets(Rig &rig)
{
    const QList<ScriptedCall> calls = callsWithSecrets();
    rig.answer = [calls](int index, const RecordedRequest &) {
        return index < calls.size()
                   ? calls.at(index).response
                   : FakeResponse::networkError(QNetworkReply::ProtocolUnknownError,
                                                QStringLiteral("request %1 was not expected").arg(index));
    };
    QList<HttpResponse> responses;
    for (const ScriptedCall &call : calls) {
        std::optional<HttpResponse> response = rig.run(rig.client->send(call.request));
        if (response) {
            responses.append(*response);
        }
    }
    return responses;
}

/// Checks the redacted texts of the five calls: the masks are where they belong and ordinary data stays.
void verifyRedactedShapes(const QList<db::CallLogRecord> &records)
{
    QCOMPARE(records.size(), 5);
    const db::CallLogRecord &get = records.at(0);
    for (const char *name :
         {"corpsecret", "access_token", "secret", "password", "sign", "key", "token", "encodingaeskey", "CorpSecret",
          "Access-Token", "refresh_token", "EncodingAESKey", "api_key", "signature"}) {
        QVERIFY2(get.endpoint.contains(QLatin1StringView(name) + u"=***"), qPrintable(get.endpoint));
    }
    QVERIFY2(get.endpoint.contains(u"state=***"), qPrintable(get.endpoint));
    QVERIFY2(get.endpoint.contains(u"corpid=ww-corp"), qPrintable(get.endpoint));
    QVERIFY2(get.endpoint.contains(u"keyword=visible"), qPrintable(get.endpoint));
    QVERIFY2(get.endpoint.contains(u"138****5678"), qPrintable(get.endpoint));
    QVERIFY2(get.endpoint.contains(u"a***@example.com") || get.endpoint.contains(u"a***%40example.com"),
             qPrintable(get.endpoint));
    for (const char *line : {"Authorization: ***", "X-Api-Key: ***", "Cookie: ***", "X-Access-Token: ***",
                             "X-Trace: ***", "Accept: application/json"}) {
        QVERIFY2(get.requestPayload.contains(QLatin1StringView(line)), qPrintable(get.requestPayload));
    }
    for (const char *part : {"Set-Cookie: ***", "X-Token: ***", "X-Echo: ***", R"("access_token": "***")",
                             R"("secret": "***")", R"("password": "***")", R"("corp_secret": "***")",
                             R"("expires_in": 7200)", "139****5678", "b***@example.org"}) {
        QVERIFY2(get.responsePayload.contains(QLatin1StringView(part)), qPrintable(get.responsePayload));
    }

    const db::CallLogRecord &json = records.at(1);
    QVERIFY2(json.endpoint.endsWith(u"access_token=***"), qPrintable(json.endpoint));
    for (const char *part : {R"("password":"***")", R"("token":"***")", R"("secret":"***")", R"("sign":"***")",
                             R"("EncodingAESKey":"***")", R"("value":"***")", "137****1111", "c***@example.com",
                             "Content-Type: application/json"}) {
        QVERIFY2(json.requestPayload.contains(QLatin1StringView(part)), qPrintable(json.requestPayload));
    }
    QVERIFY2(json.requestPayload.contains(u"张三"), qPrintable(json.requestPayload));

    const db::CallLogRecord &form = records.at(2);
    for (const char *part :
         {"corpsecret=***", "password=***", "access_token=***", "note=***", "136****2222", "name=keep"}) {
        QVERIFY2(form.requestPayload.contains(QLatin1StringView(part)), qPrintable(form.requestPayload));
    }
    QVERIFY2(form.responsePayload.contains(u"token=***"), qPrintable(form.responsePayload));

    const db::CallLogRecord &refused = records.at(3);
    QVERIFY2(refused.error.contains(u"refused while sending ***"), qPrintable(refused.error));
    QVERIFY2(refused.error.contains(u"access_token=***"), qPrintable(refused.error));
    QVERIFY(!refused.httpStatus.has_value());

    const db::CallLogRecord &busy = records.at(4);
    QCOMPARE(busy.httpStatus, std::optional<int>(503));
    QVERIFY2(busy.error.startsWith(u"HTTP 503"), qPrintable(busy.error));
    QVERIFY2(busy.responsePayload.contains(u"busy for ***"), qPrintable(busy.responsePayload));
}

} // namespace

void TestHttpClient::callLogRecordsAreRedacted()
{
    Rig rig(plainConfig(), secretRedactor());
    const QList<HttpResponse> responses = sendCallsWithSecrets(rig);
    QCOMPARE(responses.size(), 5);
    QCOMPARE(rig.records.size(), 5);

    const QStringList secrets = allSecrets();
    for (const db::CallLogRecord &record : std::as_const(rig.records)) {
        for (const QString &text : textsOf(record)) {
            const QString leaked = foundIn(text.toUtf8(), secrets);
            QVERIFY2(leaked.isEmpty(), qPrintable(leaked + u" in: " + text));
        }
    }
    verifyRedactedShapes(rig.records);

    // The texts the client hands back are redacted too (its bodies are the caller's to read, so they are not).
    for (const HttpResponse &response : responses) {
        const QString leaked = foundIn(response.transportError.toUtf8(), secrets);
        QVERIFY2(leaked.isEmpty(), qPrintable(leaked + u" in: " + response.transportError));
    }
    QVERIFY(!responses.at(3).transportError.isEmpty());
    QVERIFY(!responses.at(4).transportError.isEmpty());
}

void TestHttpClient::recordsGoOnlyWhereTheyAreSent()
{
    // Neither writer nor observer: the calls are made and nothing is recorded (nothing to record into; this checks
    // that it works without them).
    Rig silent(plainConfig(), secretRedactor(), nullptr, false);
    const QList<HttpResponse> responses = sendCallsWithSecrets(silent);
    QCOMPARE(responses.size(), 5);
    QVERIFY(responses.at(0).isSuccess());
    QCOMPARE(silent.network.requests().size(), 5);
    QVERIFY(silent.records.isEmpty());

    // An observer that is removed sees nothing more.
    Rig rig(quietConfig());
    IC_RUN(first, rig, rig.client->send(getRequest()));
    QCOMPARE(rig.records.size(), 1);
    rig.client->setCallObserver({});
    IC_RUN(second, rig, rig.client->send(getRequest()));
    QVERIFY(second.isSuccess());
    QCOMPARE(rig.records.size(), 1);
}

void TestHttpClient::writerStoresRedactedRows()
{
    // A unit test: SQLite in a temporary directory, whatever dialect the environment asks integration tests for.
    qputenv("IC_TEST_DB", "sqlite");
    IC_TEST_DATABASE_OR_SKIP(database);
    auto opened = database->open();
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().toDisplayString()));
    std::unique_ptr<db::Database> connection = std::move(opened.value());
    const auto migrated = db::Migrator::migrate(*connection);
    QVERIFY2(migrated.ok(), migrated.ok() ? "" : qPrintable(migrated.error().toDisplayString()));

    auto writer = std::make_shared<CallLogWriter>(database->url(), database->password());
    // One client hands the writer raw exchanges (redacted on the writer's thread), the other redacted records
    // (because it has an observer): both paths must store the same redacted texts.
    HttpClientConfig writerOnlyConfig = plainConfig();
    writerOnlyConfig.tenantId = QStringLiteral("writer-only");
    Rig writerOnly(writerOnlyConfig, secretRedactor(), writer, false);
    HttpClientConfig observedConfig = plainConfig();
    observedConfig.tenantId = QStringLiteral("observed");
    Rig observed(observedConfig, secretRedactor(), writer, true);
    QCOMPARE(sendCallsWithSecrets(writerOnly).size(), 5);
    QCOMPARE(sendCallsWithSecrets(observed).size(), 5);
    QVERIFY(writer->flush());
    QCOMPARE(writer->written(), qint64(10));

    db::CallLogRepository repository(*connection);
    const auto rowsOf = [&repository](const QString &tenant) {
        auto page = repository.page(tenant, {}, std::nullopt, db::CallLogRepository::maxPageSize);
        QList<db::CallLogRecord> rows = page ? page->records : QList<db::CallLogRecord>();
        std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
        return rows;
    };
    const QList<db::CallLogRecord> writerOnlyRows = rowsOf(QStringLiteral("writer-only"));
    const QList<db::CallLogRecord> observedRows = rowsOf(QStringLiteral("observed"));
    verifyRedactedShapes(writerOnlyRows);
    verifyRedactedShapes(observedRows);
    for (int i = 0; i < 5; ++i) {
        db::CallLogRecord expected = observed.records.at(i);
        CallLogWriter::capPayloads(expected, CallLogWriterOptions{}.payloadCap);
        for (const db::CallLogRecord &row : {observedRows.at(i), writerOnlyRows.at(i)}) {
            QCOMPARE(row.endpoint, expected.endpoint);
            QCOMPARE(row.method, expected.method);
            QCOMPARE(row.requestPayload, expected.requestPayload);
            QCOMPARE(row.requestHash, expected.requestHash);
            QCOMPARE(row.requestSize, expected.requestSize);
            QCOMPARE(row.responsePayload, expected.responsePayload);
            QCOMPARE(row.responseHash, expected.responseHash);
            QCOMPARE(row.error, expected.error);
            QCOMPARE(row.apiErrcode, expected.apiErrcode);
            QCOMPARE(row.httpStatus, expected.httpStatus);
            QCOMPARE(row.success, expected.success);
        }
        QCOMPARE(observedRows.at(i).correlationId, expected.correlationId);
    }

    // Not one byte of the database holds a secret.
    writer.reset();
    connection.reset();
    const QByteArray everything = database->dumpAll();
    QVERIFY(everything.contains("corpsecret=***"));
    const QString leaked = foundIn(everything, allSecrets());
    QVERIFY2(leaked.isEmpty(), qPrintable(leaked));
}

// ---- dropped tasks ---------------------------------------------------------------------------------------------

void TestHttpClient::droppedSendRunsToItsEnd()
{
    // QCoro 0.8 does not destroy a suspended coroutine with its task: a dropped send() goes on, retries included.
    // If this starts failing, dropping a task cancels now: update the HttpClient class comment.
    Rig rig;
    rig.answerInTurn({errcode(-1).after(5ms), errcode(-1), ok()});
    {
        QCoro::Task<HttpResponse> dropped = rig.client->send(getRequest());
        QCOMPARE(rig.network.inFlight(), 1);
    }
    while (rig.records.size() < 3 && rig.clock->now() - rig.start < 1h) {
        rig.settle();
        rig.clock->advance(1ms);
    }
    QCOMPARE(rig.network.requests().size(), 3);
    QCOMPARE(rig.records.size(), 3);
    QVERIFY(rig.records.last().success);
    QCOMPARE(rig.client->inFlight(), 0);
}

void TestHttpClient::destroyingTheClientCancelsItsSends()
{
    // One slot. A is rate limited and sleeps 5 s before its retry, B hangs in flight, C waits for B's slot.
    HttpClientConfig config = quietConfig();
    config.timeout = 60s;
    config.maxInFlight = 1;
    Rig rig(config);
    rig.answerInTurn({errcode(45009), FakeResponse::hang()});
    auto a = std::make_shared<std::optional<HttpResponse>>();
    auto b = std::make_shared<std::optional<HttpResponse>>();
    auto c = std::make_shared<std::optional<HttpResponse>>();
    const auto keep = [](QCoro::Task<HttpResponse> task,
                         std::shared_ptr<std::optional<HttpResponse>> out) -> QCoro::Task<> {
        out->emplace(co_await std::move(task));
    };
    auto keepA = keep(rig.client->send(getRequest()), a);
    Rig::pump();
    auto keepB = keep(rig.client->send(getRequest()), b);
    auto keepC = keep(rig.client->send(getRequest()), c);
    Rig::pump();
    QCOMPARE(rig.network.requests().size(), 2);
    QCOMPARE(rig.network.inFlight(), 1);
    QCOMPARE(rig.clock->sleepers(), 1);
    QCOMPARE(rig.records.size(), 1);

    rig.client.reset();
    // B's request was aborted inside the destructor, and B completed there.
    QCOMPARE(rig.network.inFlight(), 0);
    QVERIFY(b->has_value());
    QVERIFY((*b)->cancelled);
    QCOMPARE((*b)->attempts, 1);
    QCOMPARE((*b)->outcomeClass, OutcomeClass::Permanent);
    QVERIFY(!(*b)->transportError.isEmpty());
    // C completes when it gets the slot, without sending; A when its retry is due, without sending.
    Rig::pump();
    QVERIFY(c->has_value());
    QVERIFY((*c)->cancelled);
    QCOMPARE((*c)->attempts, 0);
    QVERIFY(!a->has_value());
    rig.clock->advance(5s);
    Rig::pump();
    QVERIFY(a->has_value());
    QVERIFY((*a)->cancelled);
    QCOMPARE((*a)->attempts, 1);
    QCOMPARE(rig.network.requests().size(), 2);
    QCOMPARE(rig.clock->sleepers(), 0);
    // The observer belonged to the client's owner: it was not called after the destructor began.
    QCOMPARE(rig.records.size(), 1);
}

void TestHttpClient::droppedSendsOutliveTheClientSafely()
{
    // The network manager and the clock outlive the client, as an application's do. Two sends whose tasks were
    // dropped are still under way when the client goes: one in flight (answered 10 ms later), one sleeping before
    // its retry. Afterwards nothing may touch the client (AddressSanitizer), no request goes out, and both end.
    auto clock = std::make_shared<ManualClock>();
    FakeNetworkAccessManager network;
    int requests = 0;
    network.setHandler(
        [&requests](const RecordedRequest &) { return ++requests == 1 ? errcode(45009) : ok().after(10ms); });
    {
        HttpClientConfig config = quietConfig();
        config.timeout = 60s;
        HttpClient client(&network, config, secretRedactor(), nullptr, clock);
        int observed = 0;
        client.setCallObserver([&observed](const db::CallLogRecord &) { ++observed; });
        {
            QCoro::Task<HttpResponse> sleeping = client.send(getRequest());
        }
        QTRY_COMPARE(clock->sleepers(), 1);
        {
            QCoro::Task<HttpResponse> inFlight = client.send(getRequest());
        }
        QCOMPARE(network.inFlight(), 1);
        QCOMPARE(observed, 1);
    }
    QCOMPARE(network.inFlight(), 0);
    clock->advance(1h);
    QCOMPARE(clock->sleepers(), 0);
    QTest::qWait(30); // Past the time the dropped answer would have come.
    QCOMPARE(network.requests().size(), 2);
    QCOMPARE(network.inFlight(), 0);
}

void TestHttpClient::largeBodiesAreReadOffTheLoop()
{
    // A body of offThreadBodyBytes or more is read on a pool thread while the loop goes on; a small one on the loop.
    // The client is destroyed while the large one is being read: the send still ends, as cancelled, and touches
    // neither the client nor its reply (AddressSanitizer).
    auto clock = std::make_shared<ManualClock>();
    FakeNetworkAccessManager network;
    const QByteArray large = R"({"errcode":0,"pad":")" + QByteArray(offThreadBodyBytes, 'x') + R"("})";
    network.setHandler([&large](const RecordedRequest &request) {
        return request.url.path().endsWith(u"/large") ? FakeResponse::json(large) : ok();
    });
    struct Seen {
        QSemaphore gate;
        QMutex mutex;
        QList<bool> onLoop;
    };
    auto seen = std::make_shared<Seen>();
    QThread *const loop = QThread::currentThread();
    HttpClientConfig config = quietConfig();
    config.errcodeReader = [seen, loop](const QByteArray &body) {
        const bool onLoop = QThread::currentThread() == loop;
        if (!onLoop) {
            seen->gate.acquire(); // held until the test has destroyed the client
        }
        const QMutexLocker lock(&seen->mutex);
        seen->onLoop.append(onLoop);
        return readErrcode(body);
    };
    auto client = std::make_unique<HttpClient>(&network, config, secretRedactor(), nullptr, clock);

    IC_AWAIT(small, client->send(getRequest(QUrl(QStringLiteral("https://api.example.invalid/cgi-bin/small")))));
    QVERIFY(small.outcomeClass == OutcomeClass::Success);

    auto done = std::make_shared<std::optional<HttpResponse>>();
    const auto keep = [](QCoro::Task<HttpResponse> task,
                         std::shared_ptr<std::optional<HttpResponse>> out) -> QCoro::Task<> {
        out->emplace(co_await std::move(task));
    };
    auto kept = keep(client->send(getRequest(QUrl(QStringLiteral("https://api.example.invalid/cgi-bin/large")))), done);
    QVERIFY(ic::test::waitFor([&network]() { return network.inFlight() == 0 && network.requests().size() == 2; },
                              std::chrono::seconds(10)));
    Rig::pump(); // the answer is handed to the send, which now waits for the pool
    QVERIFY(!done->has_value());
    client.reset();
    seen->gate.release();
    QVERIFY(ic::test::waitFor([&done]() { return done->has_value(); }, std::chrono::seconds(10)));
    QVERIFY((*done)->cancelled);
    const QMutexLocker lock(&seen->mutex);
    QCOMPARE(seen->onLoop, (QList<bool>{true, false}));
}

// ---- configuration ---------------------------------------------------------------------------------------------

namespace {

db::ServiceConfigRecord serviceRecord()
{
    db::ServiceConfigRecord service;
    service.id = 17;
    service.uid = QStringLiteral("6f1c2a4e-0b7d-4c55-9a51-3d2f1e0c9b88");
    service.tenantId = QStringLiteral("acme");
    service.type = QStringLiteral("wecom");
    service.timeoutMs = 30000;
    return service;
}

} // namespace

void TestHttpClient::fromServiceReadsEveryMember()
{
    db::ServiceConfigRecord service = serviceRecord();
    service.timeoutMs = 12345;
    service.retryPolicy =
        QJsonObject{{QStringLiteral("max_attempts"), 7},      {QStringLiteral("base_delay_ms"), 250},
                    {QStringLiteral("max_delay_ms"), 9000},   {QStringLiteral("rate_limit_floor_ms"), 45000},
                    {QStringLiteral("breaker_failures"), 11}, {QStringLiteral("breaker_cooldown_ms"), 120000}};
    service.rateLimit = QJsonObject{
        {QStringLiteral("per_second"), 2.5}, {QStringLiteral("burst"), 9}, {QStringLiteral("max_in_flight"), 5}};
    const auto config = HttpClientConfig::fromService(service);
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().toDisplayString()));
    QCOMPARE(config->serviceKey, QStringLiteral("acme/6f1c2a4e-0b7d-4c55-9a51-3d2f1e0c9b88"));
    QCOMPARE(config->serviceKey, HttpClientConfig::keyFor(service.tenantId, service.uid));
    QCOMPARE(config->tenantId, QStringLiteral("acme"));
    QCOMPARE(config->serviceId, std::optional<qint64>(17));
    QCOMPARE(config->serviceType, QStringLiteral("wecom"));
    QCOMPARE(config->timeout, 12345ms);
    QCOMPARE(config->retry.maxAttempts, 7);
    QCOMPARE(config->retry.baseDelay, 250ms);
    QCOMPARE(config->retry.maxDelay, 9000ms);
    QCOMPARE(config->retry.rateLimitFloor, 45000ms);
    QCOMPARE(config->breaker.failureThreshold, 11);
    QCOMPARE(config->breaker.coolDown, 120000ms);
    QCOMPARE(config->ratePerSecond, 2.5);
    QCOMPARE(config->burst, 9);
    QCOMPARE(config->maxInFlight, 5);
    QVERIFY(config->caFile.isEmpty());

    // The extremes of every range are accepted.
    service.timeoutMs = 100;
    service.retryPolicy =
        QJsonObject{{QStringLiteral("max_attempts"), 1},     {QStringLiteral("base_delay_ms"), 0},
                    {QStringLiteral("max_delay_ms"), 0},     {QStringLiteral("rate_limit_floor_ms"), 0},
                    {QStringLiteral("breaker_failures"), 1}, {QStringLiteral("breaker_cooldown_ms"), 0}};
    service.rateLimit = QJsonObject{
        {QStringLiteral("per_second"), 0.01}, {QStringLiteral("burst"), 1}, {QStringLiteral("max_in_flight"), 1}};
    const auto low = HttpClientConfig::fromService(service);
    QVERIFY2(low.ok(), low.ok() ? "" : qPrintable(low.error().toDisplayString()));
    QCOMPARE(low->timeout, 100ms);
    QCOMPARE(low->retry.maxAttempts, 1);
    QCOMPARE(low->retry.maxDelay, 0ms);
    QCOMPARE(low->ratePerSecond, 0.01);
    QCOMPARE(low->maxInFlight, 1);
    service.timeoutMs = 600000;
    service.retryPolicy =
        QJsonObject{{QStringLiteral("max_attempts"), 10},       {QStringLiteral("base_delay_ms"), 3600000},
                    {QStringLiteral("max_delay_ms"), 3600000},  {QStringLiteral("rate_limit_floor_ms"), 3600000},
                    {QStringLiteral("breaker_failures"), 1000}, {QStringLiteral("breaker_cooldown_ms"), 3600000}};
    service.rateLimit = QJsonObject{
        {QStringLiteral("per_second"), 10000}, {QStringLiteral("burst"), 10000}, {QStringLiteral("max_in_flight"), 64}};
    const auto high = HttpClientConfig::fromService(service);
    QVERIFY2(high.ok(), high.ok() ? "" : qPrintable(high.error().toDisplayString()));
    QCOMPARE(high->timeout, 600000ms);
    QCOMPARE(high->retry.maxAttempts, 10);
    QCOMPARE(high->breaker.failureThreshold, 1000);
    QCOMPARE(high->breaker.coolDown, 3600000ms);
    QCOMPARE(high->burst, 10000);
    QCOMPARE(high->maxInFlight, 64);

    // A cap below the base is raised to it, as the retry policy would.
    service.retryPolicy = QJsonObject{{QStringLiteral("base_delay_ms"), 5000}, {QStringLiteral("max_delay_ms"), 10}};
    const auto raised = HttpClientConfig::fromService(service);
    QVERIFY(raised.ok());
    QCOMPARE(raised->retry.maxDelay, 5000ms);
}

void TestHttpClient::fromServiceKeepsDefaultsForMissingMembers()
{
    db::ServiceConfigRecord service = serviceRecord();
    service.id = 0; // Not stored yet.
    // null is read as missing.
    service.rateLimit = QJsonObject{{QStringLiteral("burst"), QJsonValue::Null}};
    const auto config = HttpClientConfig::fromService(service);
    QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().toDisplayString()));
    const HttpClientConfig defaults;
    QCOMPARE(config->serviceId, std::nullopt);
    QCOMPARE(config->timeout, 30000ms);
    QCOMPARE(config->retry.maxAttempts, defaults.retry.maxAttempts);
    QCOMPARE(config->retry.baseDelay, defaults.retry.baseDelay);
    QCOMPARE(config->retry.maxDelay, defaults.retry.maxDelay);
    QCOMPARE(config->retry.rateLimitFloor, defaults.retry.rateLimitFloor);
    QCOMPARE(config->breaker.failureThreshold, defaults.breaker.failureThreshold);
    QCOMPARE(config->breaker.coolDown, defaults.breaker.coolDown);
    QCOMPARE(config->ratePerSecond, DefaultRatePerSecond);
    QCOMPARE(config->burst, DefaultBurst);
    QCOMPARE(config->maxInFlight, DefaultMaxInFlight);
}

void TestHttpClient::fromServiceRejects_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("value");

    const QJsonValue wrongTypes[] = {QJsonValue(QStringLiteral("5")), QJsonValue(true), QJsonValue(QJsonArray{5}),
                                     QJsonValue(QJsonObject{{QStringLiteral("value"), 5}})};
    const auto addMember = [&](const char *column, const char *member, std::initializer_list<double> outOfRange) {
        for (const QJsonValue &value : wrongTypes) {
            QTest::addRow("%s.%s = %s", column, member,
                          QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).constData())
                << QString::fromLatin1(column) << QString::fromLatin1(member) << value;
        }
        for (const double number : outOfRange) {
            QTest::addRow("%s.%s = %g", column, member, number)
                << QString::fromLatin1(column) << QString::fromLatin1(member) << QJsonValue(number);
        }
    };
    addMember("retry_policy", "max_attempts", {0, 11, -1, 2.5});
    addMember("retry_policy", "base_delay_ms", {-1, 3600001, 0.5});
    addMember("retry_policy", "max_delay_ms", {-1, 3600001, 10.25});
    addMember("retry_policy", "rate_limit_floor_ms", {-1, 3600001, 1.5});
    addMember("retry_policy", "breaker_failures", {0, 1001, 3.5});
    addMember("retry_policy", "breaker_cooldown_ms", {-1, 3600001, 0.1});
    addMember("rate_limit", "per_second", {0, 0.005, -1, 10000.5});
    addMember("rate_limit", "burst", {0, 10001, 1.5});
    addMember("rate_limit", "max_in_flight", {0, 65, 1.5});
    QTest::newRow("timeout_ms 99") << QStringLiteral("timeout_ms") << QString() << QJsonValue(99);
    QTest::newRow("timeout_ms 600001") << QStringLiteral("timeout_ms") << QString() << QJsonValue(600001);
    QTest::newRow("timeout_ms -5") << QStringLiteral("timeout_ms") << QString() << QJsonValue(-5);
}

void TestHttpClient::fromServiceRejects()
{
    QFETCH(QString, column);
    QFETCH(QString, member);
    QFETCH(QJsonValue, value);
    db::ServiceConfigRecord service = serviceRecord();
    QString field = column;
    if (column == u"timeout_ms") {
        service.timeoutMs = value.toInt();
    } else {
        field = column + u'.' + member;
        // Valid members around the bad one: the error names the bad one.
        QJsonObject retry{{QStringLiteral("max_attempts"), 3}, {QStringLiteral("base_delay_ms"), 10}};
        QJsonObject limit{{QStringLiteral("per_second"), 5}, {QStringLiteral("max_in_flight"), 4}};
        QJsonObject &target = column == u"retry_policy" ? retry : limit;
        target.insert(member, value);
        service.retryPolicy = retry;
        service.rateLimit = limit;
    }
    const auto config = HttpClientConfig::fromService(service);
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, ErrorCode::InvalidInput);
    QCOMPARE(config.error().field, field);
    // A JSON member is named in the message too (the timeout's message says "call timeout" in words).
    if (!member.isEmpty()) {
        QVERIFY2(config.error().message.contains(field), qPrintable(config.error().message));
    }
}

void TestHttpClient::fromServiceChecksTheCaFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pem = dir.filePath(QStringLiteral("ca.pem"));
    const QString notPem = dir.filePath(QStringLiteral("notes.txt"));
    {
        QFile file(pem);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(certificatePem);
        QFile other(notPem);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("not a certificate\n");
    }
    db::ServiceConfigRecord service = serviceRecord();

    service.settings = QJsonObject{{QStringLiteral("ca_file"), pem}};
    const auto good = HttpClientConfig::fromService(service);
    QVERIFY2(good.ok(), good.ok() ? "" : qPrintable(good.error().toDisplayString()));
    QCOMPARE(good->caFile, pem);

    for (const QString &bad : {dir.filePath(QStringLiteral("missing.pem")), notPem, dir.path()}) {
        service.settings = QJsonObject{{QStringLiteral("ca_file"), bad}};
        const auto config = HttpClientConfig::fromService(service);
        QVERIFY2(!config.ok(), qPrintable(bad));
        QCOMPARE(config.error().code, ErrorCode::InvalidInput);
        QCOMPARE(config.error().field, QStringLiteral("ca_file"));
        QVERIFY2(config.error().message.contains(bad), qPrintable(config.error().message));
        QVERIFY(!config.error().hint.isEmpty());
    }

    // The certificates of a good file are added for https requests only, on top of the system's.
    HttpClientConfig config = quietConfig();
    config.caFile = pem;
    FakeNetworkAccessManager network;
    network.setHandler([](const RecordedRequest &) { return ok(); });
    HttpClient client(&network, config, Redactor(), nullptr);
    IC_AWAIT(secure, client.send(getRequest()));
    QVERIFY(secure.isSuccess());
    IC_AWAIT(plain, client.send(getRequest(QUrl(QStringLiteral("http://127.0.0.1:9/plain")))));
    QVERIFY(plain.isSuccess());
    const QList<QSslCertificate> added = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    QCOMPARE(added.size(), 1);
    const QList<QSslCertificate> httpsCas = network.requests().at(0).request.sslConfiguration().caCertificates();
    QVERIFY(httpsCas.contains(added.first()));
    QVERIFY(!network.requests().at(1).request.sslConfiguration().caCertificates().contains(added.first()));
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
