// Requests per second of externalcontact/batch/get_by_user pages (limit 100) from N keep-alive client threads
// against a generated corp, on loopback with no injected latency. Prints one line, e.g.
// "batch/get_by_user: 6123 req/s (limit 100, 4 threads, 10000 requests)".
//
// IC_BENCH_THREADS and IC_BENCH_REQUESTS override the defaults (4 threads, 10000 requests).

#include "sandbox/SandboxServer.h"

#include <httplib.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace ic::sandbox;

namespace {

int envInt(const char *name, int fallback)
{
    const char *value = std::getenv(name);
    return value && std::atoi(value) > 0 ? std::atoi(value) : fallback;
}

} // namespace

class BenchSandboxServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void batchGetByUser();
};

void BenchSandboxServer::batchGetByUser()
{
    const int threads = envInt("IC_BENCH_THREADS", 4);
    const int requests = envInt("IC_BENCH_REQUESTS", 10000);
    CorpSpec spec;
    spec.departments = 60;
    spec.staff = 2000;
    spec.contacts = 20000;
    ServerOptions options;
    options.threads = threads + 2;
    // WeCom's real limits (10,000 calls per minute per API) would stop a benchmark after two seconds.
    options.limits.perCorpApiPerMinute = 0;
    options.limits.perCorpApiPerHour = 0;
    options.limits.perIpApiPerMinute = 0;
    options.limits.perIpApiPerHour = 0;
    SandboxServer server(SandboxCorp::generate(spec), options);
    std::string error;
    QVERIFY2(server.start(&error), error.c_str());

    httplib::Client setup(server.baseUrl());
    const auto tokenReply = setup.Get("/cgi-bin/gettoken?corpid=" + server.credentials().corpId +
                                      "&corpsecret=" + server.credentials().customerSecret);
    QVERIFY(tokenReply);
    const std::string token = QJsonDocument::fromJson(QByteArray::fromStdString(tokenReply->body))
                                  .object()
                                  .value(QStringLiteral("access_token"))
                                  .toString()
                                  .toStdString();
    QVERIFY(!token.empty());
    std::vector<std::string> followers;
    server.withCorp([&](const SandboxCorp &corp) { followers = corp.followUsers(); });
    QVERIFY(!followers.empty());

    // Each thread walks its own followers' customers page by page, restarting when it reaches the end.
    std::string userids;
    for (std::size_t i = 0; i < followers.size() && i < 100; ++i) {
        userids.append(i == 0 ? "\"" : ",\"").append(followers[i]).append("\"");
    }
    const std::string api = "/cgi-bin/externalcontact/batch/get_by_user?access_token=" + token;
    std::atomic<int> next{0};
    std::atomic<int> failures{0};
    std::atomic<std::int64_t> elements{0};
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            httplib::Client client(server.baseUrl());
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            std::string cursor;
            while (next.fetch_add(1) < requests) {
                const std::string body =
                    "{\"userid_list\":[" + userids + "],\"limit\":100,\"cursor\":\"" + cursor + "\"}";
                const auto reply = client.Post(api, body, "application/json");
                if (!reply || reply->status != 200) {
                    ++failures;
                    cursor.clear();
                    continue;
                }
                // The server is measured, not a JSON parser: check the answer's head and take the cursor by
                // search (the cursor alphabet is base64url, so no escaping can occur).
                const std::string &text = reply->body;
                if (text.rfind(R"({"errcode":0,"errmsg":"ok")", 0) != 0) {
                    ++failures;
                }
                std::size_t count = 0;
                for (auto pos = text.find("\"follow_info\""); pos != std::string::npos;
                     pos = text.find("\"follow_info\"", pos + 1)) {
                    ++count;
                }
                elements += static_cast<std::int64_t>(count);
                const auto key = text.rfind("\"next_cursor\":\"");
                if (key == std::string::npos) {
                    ++failures;
                    cursor.clear();
                    continue;
                }
                const auto start = key + 15;
                cursor = text.substr(start, text.find('"', start) - start);
            }
        });
    }
    for (auto &worker : workers) {
        worker.join();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    server.stop();
    std::printf("batch/get_by_user: %.0f req/s (limit 100, %d threads, %d requests, %lld elements, %.2f s)\n",
                requests / seconds, threads, requests, static_cast<long long>(elements.load()), seconds);
    std::fflush(stdout);
    QCOMPARE(failures.load(), 0);
}

QTEST_GUILESS_MAIN(BenchSandboxServer)
#include "bench_sandboxserver.moc"
