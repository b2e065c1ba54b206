// The outbound HTTP client against the real sandbox over loopback HTTP: retries, rate limits, the circuit breaker,
// the in-flight bound, timeouts, proxies and the redacted call-log rows, with the sandbox's own call counters as
// the witness of what went over the wire.

#include "RunTask.h"
#include "net/HttpClient.h"
#include "sandbox/SandboxServer.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QScopeGuard>
#include <QTest>
#include <QUrlQuery>

using namespace ic;
using namespace ic::net;
using namespace std::chrono_literals;

namespace {

sandbox::CorpSpec smallCorp()
{
    sandbox::CorpSpec spec;
    spec.seed = 7;
    spec.departments = 5;
    spec.staff = 12;
    spec.contacts = 30;
    return spec;
}

/// What the WeCom connector tells the client about a body: JSON object or not, and its errcode.
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

} // namespace

class TestHttpClientSandbox : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void successWritesOneRedactedRow();
    void systemBusyIsRetriedUntilSuccess();
    void serverErrorsExhaustTheAttempts();
    void rateLimitWaitsAtLeastTheFloor();
    void brokenAnswersAreRetried_data();
    void brokenAnswersAreRetried();
    void stalledAnswerTimesOut();
    void credentialErrorsAreNotRetried();
    void circuitOpensAndRefusesWithoutCalling();
    void inFlightBoundAvoids45033();
    void moreThanSixCallsReachTheServerAtOnce();
    void rateLimiterSpacesCalls();
    void loopbackBypassesTheSystemProxy();
    void concurrentClientsShareTheServiceLimiter();

private:
    HttpClientConfig config(const QString &key = {}) const;
    HttpRequest tokenRequest() const;
    std::int64_t calls(const std::string &path) const;
    /// Sends `count` gettoken calls at once through a client bounded to `maxInFlight`, with the sandbox answering
    /// each after `latencyMs` and with 45033 above `serverLimit` in flight; completes with the number of 45033s.
    QCoro::Task<int> limitedCalls(int maxInFlight, int count, int latencyMs, int serverLimit);

    std::unique_ptr<sandbox::SandboxServer> m_server;
    QString m_base;
    QString m_corpId;
    QString m_secret;
    QNetworkAccessManager m_network;
    QList<db::CallLogRecord> m_records;
    mutable int m_keys = 0;
};

void TestHttpClientSandbox::initTestCase()
{
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(smallCorp()));
    std::string error;
    QVERIFY2(m_server->start(&error), error.c_str());
    m_base = QString::fromStdString(m_server->baseUrl());
    m_corpId = QString::fromStdString(m_server->credentials().corpId);
    m_secret = QString::fromStdString(m_server->credentials().contactsSecret);
}

void TestHttpClientSandbox::cleanupTestCase()
{
    m_server->stop();
}

void TestHttpClientSandbox::init()
{
    m_server->clearFaults();
    m_server->setLimits(sandbox::RateLimits{});
    m_server->resetCounters();
    m_records.clear();
}

HttpClientConfig TestHttpClientSandbox::config(const QString &key) const
{
    HttpClientConfig config;
    // A fresh key per client unless shared on purpose: limiters and breakers are process-wide by key.
    config.serviceKey = key.isEmpty() ? QStringLiteral("test/%1").arg(m_keys++) : key;
    config.tenantId = QStringLiteral("default");
    config.serviceType = QStringLiteral("wecom");
    config.timeout = 5s;
    config.retry.baseDelay = 10ms;
    config.retry.maxDelay = 40ms;
    config.retry.rateLimitFloor = 50ms;
    config.ratePerSecond = 1000;
    config.burst = 1000;
    config.errcodeReader = readErrcode;
    return config;
}

HttpRequest TestHttpClientSandbox::tokenRequest() const
{
    QUrl url(m_base + u"/cgi-bin/gettoken");
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("corpid"), m_corpId);
    query.addQueryItem(QStringLiteral("corpsecret"), m_secret);
    url.setQuery(query);
    HttpRequest request;
    request.url = url;
    return request;
}

std::int64_t TestHttpClientSandbox::calls(const std::string &path) const
{
    const auto counts = m_server->callCounts();
    const auto it = counts.find(path);
    return it == counts.end() ? 0 : it->second;
}

void TestHttpClientSandbox::successWritesOneRedactedRow()
{
    Redactor redactor;
    redactor.addSecretValue(m_secret);
    HttpClient client(&m_network, config(), redactor, nullptr);
    client.setCallObserver([this](const db::CallLogRecord &record) { m_records.append(record); });

    IC_AWAIT(response, client.send(tokenRequest()));
    QVERIFY(response.isSuccess());
    QCOMPARE(response.attempts, 1);
    QCOMPARE(response.httpStatus, 200);
    const QString token = QJsonDocument::fromJson(response.body).object().value(u"access_token").toString();
    QVERIFY(!token.isEmpty());

    QCOMPARE(m_records.size(), 1);
    const db::CallLogRecord &row = m_records.first();
    QCOMPARE(row.attempt, 1);
    QVERIFY(row.success);
    QCOMPARE(row.httpStatus, 200);
    QCOMPARE(row.apiErrcode, QStringLiteral("0"));
    QCOMPARE(row.correlationId, response.correlationId);
    QVERIFY(row.durationMs.has_value() && *row.durationMs >= 0);
    QVERIFY2(row.endpoint.contains(u"corpsecret=***"), qPrintable(row.endpoint));
    for (const QString &text : {row.endpoint, row.requestPayload, row.responsePayload, row.error}) {
        QVERIFY2(!text.contains(m_secret), qPrintable(text));
        QVERIFY2(!text.contains(token), qPrintable(text));
    }
    QCOMPARE(calls("cgi-bin/gettoken"), 1);
}

void TestHttpClientSandbox::systemBusyIsRetriedUntilSuccess()
{
    sandbox::Fault busy;
    busy.kind = sandbox::Fault::Kind::ErrorCode;
    busy.errcode = -1;
    busy.remaining = 2;
    m_server->addFault(busy);

    HttpClient client(&m_network, config(), Redactor(), nullptr);
    client.setCallObserver([this](const db::CallLogRecord &record) { m_records.append(record); });
    IC_AWAIT(response, client.send(tokenRequest()));
    QVERIFY(response.isSuccess());
    QCOMPARE(response.attempts, 3);
    QCOMPARE(calls("cgi-bin/gettoken"), 3);
    QCOMPARE(m_records.size(), 3);
    QCOMPARE(m_records.at(0).apiErrcode, QStringLiteral("-1"));
    QVERIFY(!m_records.at(0).success);
    QCOMPARE(m_records.at(2).attempt, 3);
    QVERIFY(m_records.at(2).success);
    // One operation: every attempt carries the same correlation id.
    QCOMPARE(m_records.at(0).correlationId, m_records.at(2).correlationId);
}

void TestHttpClientSandbox::serverErrorsExhaustTheAttempts()
{
    sandbox::Fault down;
    down.kind = sandbox::Fault::Kind::HttpStatus;
    down.httpStatus = 503;
    m_server->addFault(down);

    HttpClient client(&m_network, config(), Redactor(), nullptr);
    IC_AWAIT(response, client.send(tokenRequest()));
    QVERIFY(!response.isSuccess());
    QCOMPARE(response.outcomeClass, OutcomeClass::Transient);
    QCOMPARE(response.attempts, 4);
    QCOMPARE(response.httpStatus, 503);
    QVERIFY(response.transportError.startsWith(u"HTTP 503"));
    QCOMPARE(calls("cgi-bin/gettoken"), 4);
}

void TestHttpClientSandbox::rateLimitWaitsAtLeastTheFloor()
{
    sandbox::Fault limited;
    limited.kind = sandbox::Fault::Kind::ErrorCode;
    limited.errcode = 45009;
    limited.remaining = 1;
    m_server->addFault(limited);

    HttpClientConfig cfg = config();
    cfg.retry.rateLimitFloor = 300ms;
    HttpClient client(&m_network, cfg, Redactor(), nullptr);
    QElapsedTimer timer;
    timer.start();
    IC_AWAIT(response, client.send(tokenRequest()));
    QVERIFY(response.isSuccess());
    QCOMPARE(response.attempts, 2);
    QVERIFY2(timer.elapsed() >= 300, qPrintable(QString::number(timer.elapsed())));
}

void TestHttpClientSandbox::brokenAnswersAreRetried_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("qtMayResend");
    QTest::newRow("malformed JSON") << int(sandbox::Fault::Kind::MalformedJson) << false;
    QTest::newRow("truncated body") << int(sandbox::Fault::Kind::Truncated) << false;
    // Qt itself resends a request once when a kept-alive connection is closed before any answer byte, so the
    // drop may never reach the client; what counts is that the call succeeds and went over the wire twice.
    QTest::newRow("dropped connection") << int(sandbox::Fault::Kind::Drop) << true;
}

void TestHttpClientSandbox::brokenAnswersAreRetried()
{
    QFETCH(int, kind);
    QFETCH(bool, qtMayResend);
    sandbox::Fault broken;
    broken.kind = sandbox::Fault::Kind(kind);
    broken.remaining = 1;
    m_server->addFault(broken);

    HttpClient client(&m_network, config(), Redactor(), nullptr);
    client.setCallObserver([this](const db::CallLogRecord &record) { m_records.append(record); });
    IC_AWAIT(response, client.send(tokenRequest()));
    QVERIFY(response.isSuccess());
    QCOMPARE(calls("cgi-bin/gettoken"), 2);
    if (qtMayResend && response.attempts == 1) {
        return;
    }
    QCOMPARE(response.attempts, 2);
    QCOMPARE(m_records.size(), 2);
    QVERIFY(!m_records.first().success);
    QVERIFY(!m_records.first().error.isEmpty());
}

void TestHttpClientSandbox::stalledAnswerTimesOut()
{
    sandbox::Fault stall;
    stall.kind = sandbox::Fault::Kind::Stall;
    stall.remaining = 1;
    m_server->addFault(stall);

    HttpClientConfig cfg = config();
    cfg.timeout = 300ms;
    HttpClient client(&m_network, cfg, Redactor(), nullptr);
    client.setCallObserver([this](const db::CallLogRecord &record) { m_records.append(record); });
    IC_AWAIT(response, client.send(tokenRequest()));
    QVERIFY(response.isSuccess());
    QCOMPARE(response.attempts, 2);
    QVERIFY(!m_records.first().success);
    QVERIFY(!m_records.first().httpStatus.has_value());
}

void TestHttpClientSandbox::credentialErrorsAreNotRetried()
{
    HttpClient client(&m_network, config(), Redactor(), nullptr);
    HttpRequest request = tokenRequest();
    QUrlQuery query(request.url);
    query.removeQueryItem(QStringLiteral("corpid"));
    query.addQueryItem(QStringLiteral("corpid"), QStringLiteral("ww0000000000000000"));
    request.url.setQuery(query);
    IC_AWAIT(response, client.send(request));
    QCOMPARE(response.outcome.apiErrcode, 40013);
    QCOMPARE(response.outcomeClass, OutcomeClass::Permanent);
    QCOMPARE(response.attempts, 1);
    QCOMPARE(calls("cgi-bin/gettoken"), 1);
    // A wrong credential is an answer from a working service: the breaker stays closed.
    QCOMPARE(client.circuit().state, CircuitState::Closed);
}

void TestHttpClientSandbox::circuitOpensAndRefusesWithoutCalling()
{
    sandbox::Fault down;
    down.kind = sandbox::Fault::Kind::HttpStatus;
    down.httpStatus = 502;
    m_server->addFault(down);

    HttpClientConfig cfg = config();
    cfg.retry.maxAttempts = 1;
    cfg.breaker.failureThreshold = 3;
    cfg.breaker.coolDown = 400ms;
    HttpClient client(&m_network, cfg, Redactor(), nullptr);
    for (int i = 0; i < 3; ++i) {
        IC_AWAIT(response, client.send(tokenRequest()));
        QVERIFY(!response.circuitOpen);
    }
    QCOMPARE(client.circuit().state, CircuitState::Open);
    IC_AWAIT(refused, client.send(tokenRequest()));
    QVERIFY(refused.circuitOpen);
    QCOMPARE(refused.attempts, 0);
    QVERIFY(refused.retryAfter > 0ms);
    QCOMPARE(calls("cgi-bin/gettoken"), 3);

    // After the cool-down one probe goes through; the service is well again, so the circuit closes.
    m_server->clearFaults();
    QTest::qWait(450);
    IC_AWAIT(probe, client.send(tokenRequest()));
    QVERIFY(probe.isSuccess());
    QCOMPARE(client.circuit().state, CircuitState::Closed);
    QCOMPARE(calls("cgi-bin/gettoken"), 4);
}

QCoro::Task<int> TestHttpClientSandbox::limitedCalls(int maxInFlight, int count, int latencyMs, int serverLimit)
{
    sandbox::RateLimits limits;
    limits.maxConcurrentPerApi = serverLimit;
    m_server->setLimits(limits);
    sandbox::Fault slow;
    slow.kind = sandbox::Fault::Kind::Latency;
    slow.latencyMs = latencyMs;
    m_server->addFault(slow);

    HttpClientConfig cfg = config();
    cfg.maxInFlight = maxInFlight;
    cfg.retry.maxAttempts = 1; // A 45033 shows as a failure instead of being retried away.
    HttpClient client(&m_network, cfg, Redactor(), nullptr);
    std::vector<QCoro::Task<HttpResponse>> tasks;
    for (int i = 0; i < count; ++i) {
        tasks.push_back(client.send(tokenRequest()));
    }
    int limited = 0;
    for (auto &task : tasks) {
        const HttpResponse response = co_await std::move(task);
        limited += response.outcome.apiErrcode == 45033 ? 1 : 0;
    }
    m_server->clearFaults();
    co_return limited;
}

void TestHttpClientSandbox::inFlightBoundAvoids45033()
{
    // The sandbox answers 45033 above three calls of one API in flight. It counts a call until its answer is
    // written, a little after the client has it, so the client's bound is kept one below, as it would be for WeCom.
    IC_AWAIT(bounded, limitedCalls(2, 8, 60, 3));
    QCOMPARE(bounded, 0);
    // The same eight calls all at once do trip the limit: the bound is what kept them under it.
    IC_AWAIT(unbounded, limitedCalls(8, 8, 60, 3));
    QVERIFY(unbounded > 0);
}

void TestHttpClientSandbox::moreThanSixCallsReachTheServerAtOnce()
{
    // Qt opens six HTTP/1.1 connections per host and network manager; a bound of twelve must still put twelve calls
    // on the wire. The sandbox tells: above seven calls of one API in flight it answers 45033, which six
    // connections can never cause.
    IC_AWAIT(limited, limitedCalls(12, 12, 300, 7));
    QVERIFY2(limited > 0, "no more than seven calls were ever in flight at once");
}

void TestHttpClientSandbox::rateLimiterSpacesCalls()
{
    HttpClientConfig cfg = config();
    cfg.ratePerSecond = 20;
    cfg.burst = 1;
    HttpClient client(&m_network, cfg, Redactor(), nullptr);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 6; ++i) {
        IC_AWAIT(response, client.send(tokenRequest()));
        QVERIFY(response.isSuccess());
    }
    // Six calls at 20 a second with a burst of one: the last may go 5 × 50 ms after the first, not sooner.
    QVERIFY2(timer.elapsed() >= 240, qPrintable(QString::number(timer.elapsed())));
}

void TestHttpClientSandbox::loopbackBypassesTheSystemProxy()
{
    // A proxy that does not exist: were it used for loopback, every call would fail.
    qputenv("http_proxy", "http://127.0.0.1:9");
    qputenv("HTTP_PROXY", "http://127.0.0.1:9");
    HttpClient::useSystemProxySettings();
    const auto restore = qScopeGuard([] {
        qunsetenv("http_proxy");
        qunsetenv("HTTP_PROXY");
    });
    // The system setting is honoured for the outside world ...
    const QList<QNetworkProxy> outside =
        QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(QUrl(QStringLiteral("http://example.com/"))));
    QVERIFY(!outside.isEmpty());
    QCOMPARE(outside.first().type(), QNetworkProxy::HttpProxy);
    QCOMPARE(outside.first().port(), quint16(9));
    // ... and never for this machine.
    QNetworkAccessManager network;
    HttpClient client(&network, config(), Redactor(), nullptr);
    IC_AWAIT(response, client.send(tokenRequest()));
    QVERIFY2(response.isSuccess(), qPrintable(response.transportError));
}

void TestHttpClientSandbox::concurrentClientsShareTheServiceLimiter()
{
    const QString key = QStringLiteral("test/shared");
    HttpClientConfig cfg = config(key);
    cfg.ratePerSecond = 20;
    cfg.burst = 1;
    QNetworkAccessManager other;
    HttpClient first(&m_network, cfg, Redactor(), nullptr);
    HttpClient second(&other, cfg, Redactor(), nullptr);
    QElapsedTimer timer;
    timer.start();
    std::vector<QCoro::Task<HttpResponse>> tasks;
    for (int i = 0; i < 3; ++i) {
        tasks.push_back(first.send(tokenRequest()));
        tasks.push_back(second.send(tokenRequest()));
    }
    for (auto &task : tasks) {
        IC_AWAIT(response, std::move(task));
        QVERIFY(response.isSuccess());
    }
    // Two clients of one service: six calls under one 20/s limit, not two.
    QVERIFY2(timer.elapsed() >= 240, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestHttpClientSandbox)
#include "tst_httpclient_sandbox.moc"
