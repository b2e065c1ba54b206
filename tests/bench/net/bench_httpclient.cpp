// The cost of the outbound HTTP client per call: the same user/list answer (the members of the corp's largest
// department, with mobile numbers and e-mail addresses for the redactor to mask) fetched from the sandbox on
// loopback with 8 requests in flight, once with a bare QNetworkAccessManager and once through HttpClient with
// everything on (circuit breaker, in-flight limiter, token bucket, retry wrapper, redaction of URL, headers and
// bodies with the secret and token registered, and a call-log row per call written by a CallLogWriter to a SQLite
// database). Both sides parse the JSON answer once, as any caller must to use it.
//
// Why a GET: the smallest request for the sandbox to parse and the same one for both sides, so that the
// difference between them is the client's own work.
//
// Prints, e.g.
//   bare QNetworkAccessManager: 1234 req/s (8 in flight, 2000 requests)
//   HttpClient:                 1180 req/s (8 in flight, 2000 requests, 2000 call-log rows)
//   overhead: 4.4% per call (median of 3 rounds)
//
// IC_BENCH_REQUESTS overrides the number of requests per round (default 500); IC_BENCH_ROUNDS the rounds (3).

#include "RunTask.h"
#include "db/Database.h"
#include "db/DatabaseUrl.h"
#include "db/Migrator.h"
#include "net/CallLogWriter.h"
#include "net/HttpClient.h"
#include "sandbox/SandboxServer.h"

#include <QCoro/QCoroNetworkReply>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace ic;

namespace {

constexpr int InFlight = 8;

int envInt(const char *name, int fallback)
{
    const char *value = std::getenv(name);
    return value && std::atoi(value) > 0 ? std::atoi(value) : fallback;
}

/// Runs `count` calls of `call`, `InFlight` at a time, and returns the calls per second.
template<typename Call>
QCoro::Task<double> measure(int count, Call call)
{
    int next = 0;
    int failures = 0;
    QElapsedTimer timer;
    timer.start();
    auto lane = [&]() -> QCoro::Task<> {
        while (next < count) {
            ++next;
            if (!co_await call()) {
                ++failures;
            }
        }
    };
    std::vector<QCoro::Task<>> lanes;
    for (int i = 0; i < InFlight; ++i) {
        lanes.push_back(lane());
    }
    for (auto &running : lanes) {
        co_await std::move(running);
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (failures > 0) {
        co_return -1.0;
    }
    co_return count / seconds;
}

} // namespace

class BenchHttpClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void overheadAgainstBareManager();
};

void BenchHttpClient::overheadAgainstBareManager()
{
    const int requests = envInt("IC_BENCH_REQUESTS", 500);
    const int rounds = envInt("IC_BENCH_ROUNDS", 3);

    sandbox::CorpSpec spec;
    spec.departments = 40;
    spec.staff = 1000;
    spec.contacts = 10000;
    sandbox::ServerOptions options;
    options.limits.perCorpApiPerMinute = 0;
    options.limits.perCorpApiPerHour = 0;
    options.limits.perIpApiPerMinute = 0;
    options.limits.perIpApiPerHour = 0;
    sandbox::SandboxServer server(sandbox::SandboxCorp::generate(spec), options);
    std::string error;
    QVERIFY2(server.start(&error), error.c_str());
    const QString base = QString::fromStdString(server.baseUrl());

    QNetworkAccessManager network;
    const auto tokenFor = [&](const std::string &secret) {
        QNetworkReply *reply = network.get(QNetworkRequest(QUrl(base + u"/cgi-bin/gettoken?corpid=" +
                                                                QString::fromStdString(server.credentials().corpId) +
                                                                u"&corpsecret=" + QString::fromStdString(secret))));
        const bool finished = test::waitFor([reply] { return reply->isFinished(); }, std::chrono::seconds(10));
        const QString token =
            finished ? QJsonDocument::fromJson(reply->readAll()).object().value(u"access_token").toString() : QString();
        reply->deleteLater();
        return token;
    };
    const QString token = tokenFor(server.credentials().contactsSecret);
    QVERIFY(!token.isEmpty());
    std::int64_t biggest = 1;
    std::size_t members = 0;
    server.withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const auto &department : corp.departments()) {
            if (const std::size_t size = corp.staffInDepartment(department.id).size(); size > members) {
                members = size;
                biggest = department.id;
            }
        }
    });
    const QUrl url(base + u"/cgi-bin/user/list?access_token=" + token + u"&department_id=" + QString::number(biggest));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto dbUrl = db::DatabaseUrl::parse(u"sqlite://" + dir.filePath(QStringLiteral("bench.db")));
    QVERIFY(dbUrl);
    {
        auto database = db::Database::open(dbUrl.value());
        QVERIFY(database);
        QVERIFY(db::Migrator::migrate(*database.value()));
    }

    net::Redactor redactor;
    redactor.addSecretValue(QString::fromStdString(server.credentials().contactsSecret));
    redactor.addSecretValue(token);
    auto writer = std::make_shared<net::CallLogWriter>(dbUrl.value(), QString());
    net::HttpClientConfig config;
    config.serviceKey = QStringLiteral("bench/httpclient");
    config.tenantId = QStringLiteral("default");
    config.serviceType = QStringLiteral("wecom");
    config.maxInFlight = InFlight;
    // Limits far above what the loopback can do: the benchmark measures the limiter's cost, not its waits.
    config.ratePerSecond = 1e6;
    config.burst = 1000000;
    config.errcodeReader = [](const QByteArray &answer) -> net::BodyVerdict {
        const QJsonDocument document = QJsonDocument::fromJson(answer);
        return {document.isObject(), document.object().value(u"errcode").toInt(), document.object()};
    };
    net::HttpClient client(&network, config, redactor, writer);

    qsizetype answerBytes = 0;
    auto bare = [&]() -> QCoro::Task<bool> {
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
        co_await reply.get();
        const QByteArray answer = reply->readAll();
        answerBytes = answer.size();
        const QJsonObject object = QJsonDocument::fromJson(answer).object();
        co_return reply->error() == QNetworkReply::NoError &&object.value(u"errcode").toInt(-1) == 0;
    };
    auto wrapped = [&]() -> QCoro::Task<bool> {
        net::HttpRequest request;
        request.url = url;
        const net::HttpResponse response = co_await client.send(std::move(request));
        co_return response.isSuccess() && !response.json.isEmpty();
    };

    // Warm up both paths (connections, caches), then alternate rounds so drift hits both alike.
    QVERIFY(ic::test::runTask(measure(200, bare)).value_or(-1) > 0);
    QVERIFY(ic::test::runTask(measure(200, wrapped)).value_or(-1) > 0);
    QVERIFY(writer->flush());
    const qint64 writtenBefore = writer->written();
    QList<double> bareRates;
    QList<double> clientRates;
    QList<double> overheads;
    for (int round = 0; round < rounds; ++round) {
        const double bareRate = ic::test::runTask(measure(requests, bare), std::chrono::minutes(5)).value_or(-1);
        const double clientRate = ic::test::runTask(measure(requests, wrapped), std::chrono::minutes(5)).value_or(-1);
        QVERIFY2(bareRate > 0 && clientRate > 0, "a request failed");
        bareRates << bareRate;
        clientRates << clientRate;
        // Time per call is 1/rate; the overhead is the extra time per call relative to the bare call.
        overheads << (bareRate / clientRate - 1.0) * 100.0;
    }
    QVERIFY(writer->flush(std::chrono::minutes(2)));
    const qint64 rows = writer->written() - writtenBefore;
    server.stop();

    const auto median = [](QList<double> values) {
        std::sort(values.begin(), values.end());
        return values.at(values.size() / 2);
    };
    std::printf("answer: %lld bytes (user/list of a department with %zu members)\n",
                static_cast<long long>(answerBytes), members);
    std::printf("bare QNetworkAccessManager: %.0f req/s (%d in flight, %d requests, median of %d rounds)\n",
                median(bareRates), InFlight, requests, rounds);
    std::printf("HttpClient:                 %.0f req/s (%d in flight, %d requests, %lld call-log rows)\n",
                median(clientRates), InFlight, requests, static_cast<long long>(rows));
    std::printf("overhead: %.1f%% per call (median of %d rounds; target under 10%%)\n", median(overheads), rounds);
    std::fflush(stdout);
    QCOMPARE(rows, qint64(requests) * rounds);
}

QTEST_GUILESS_MAIN(BenchHttpClient)
#include "bench_httpclient.moc"
