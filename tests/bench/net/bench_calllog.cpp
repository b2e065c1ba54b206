// Redaction throughput and call-log insert speed. Prints one line per measurement; exits non-zero only when a
// step fails (or a secret survives), not on speed, so a slow machine does not fail the run.

#include "db/CallLogRepository.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "net/CallLogWriter.h"
#include "net/Redactor.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>

using namespace ic;

namespace {

const QString corpSecret = QStringLiteral("Zx9kLmN0pQrStUvWxYz01234567890abcdEFGH");

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// A WeCom-like user list: names, mobiles, e-mails, ids, nested arrays, a secret here and there.
QByteArray jsonBody(int users)
{
    QJsonArray list;
    for (int i = 0; i < users; ++i) {
        list.append(QJsonObject{
            {QStringLiteral("userid"), QStringLiteral("user%1").arg(i)},
            {QStringLiteral("name"), QStringLiteral("张三%1").arg(i)},
            {QStringLiteral("department"), QJsonArray{1, i % 50, i % 7}},
            {QStringLiteral("mobile"), QStringLiteral("138%1").arg(i % 100000000, 8, 10, QLatin1Char('0'))},
            {QStringLiteral("email"), QStringLiteral("user%1@example.com").arg(i)},
            {QStringLiteral("position"), QStringLiteral("门店经理 · 华东区")},
            {QStringLiteral("extattr"),
             QJsonObject{{QStringLiteral("attrs"),
                          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("工号")},
                                                 {QStringLiteral("value"), QString::number(100000 + i)}}}}}},
            {QStringLiteral("note"), i % 100 == 0 ? corpSecret : QStringLiteral("ok")},
        });
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("errcode"), 0},
                                     {QStringLiteral("errmsg"), QStringLiteral("ok")},
                                     {QStringLiteral("userlist"), list}})
        .toJson(QJsonDocument::Compact);
}

QByteArray textBody(qsizetype bytes)
{
    QByteArray text;
    int line = 0;
    while (text.size() < bytes) {
        text += "2024-03-10T06:59:58.125Z GET https://qyapi.weixin.qq.com/cgi-bin/user/get?access_token=abc" +
                QByteArray::number(line) + "&userid=zhangsan" + QByteArray::number(line) +
                " 200 同步成功 mobile 13812345678 mail zhang@example.com errcode=0\n";
        ++line;
    }
    return text;
}

QByteArray formBody(qsizetype bytes)
{
    QByteArray form = "client_secret=abc";
    int field = 0;
    while (form.size() < bytes) {
        form += "&field" + QByteArray::number(field) + "=value%20" + QByteArray::number(field) + "%E4%B8%AD";
        ++field;
    }
    return form;
}

bool measure(const char *what, const QByteArray &body, const QByteArray &contentType, const net::Redactor &redactor)
{
    constexpr int rounds = 5;
    QByteArray out;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) {
        out = redactor.redactBody(body, contentType);
    }
    const double seconds = secondsSince(start);
    std::printf("redact %-5s %6.2f MiB: %8.1f MB/s\n", what, double(body.size()) / (1 << 20),
                double(body.size()) * rounds / seconds / 1e6);
    if (out.contains(corpSecret.toUtf8())) {
        std::printf("FAIL: the secret survived %s redaction\n", what);
        return false;
    }
    return true;
}

db::CallLogRecord logRecord(int i)
{
    db::CallLogRecord record;
    record.tenantId = QStringLiteral("bench");
    record.serviceId = i % 4;
    record.serviceType = QStringLiteral("wecom");
    record.endpoint = QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/user/get?access_token=***&userid=u%1").arg(i);
    record.method = QStringLiteral("GET");
    record.correlationId = QStringLiteral("corr-%1").arg(i);
    record.runId = i / 1000;
    record.requestAt = QDateTime::currentDateTimeUtc();
    record.responseAt = record.requestAt.addMSecs(40);
    record.durationMs = 40;
    record.httpStatus = 200;
    record.apiErrcode = QStringLiteral("0");
    record.success = true;
    record.requestPayload = QStringLiteral("Content-Type: application/json\n\n");
    record.responsePayload = QString(1024, QLatin1Char('x')); // a typical 1 KiB answer
    net::CallLogWriter::capPayloads(record, 16 * 1024);
    return record;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    net::Redactor redactor;
    redactor.addSecretValue(corpSecret);
    for (int i = 0; i < 20; ++i) {
        redactor.addSecretValue(QStringLiteral("other-secret-value-%1").arg(i));
    }
    bool ok = measure("json", jsonBody(20000), "application/json", redactor);
    ok = measure("text", textBody(8 << 20), "text/plain", redactor) && ok;
    ok = measure("form", formBody(8 << 20), "application/x-www-form-urlencoded", redactor) && ok;

    QTemporaryDir dir;
    auto url = db::DatabaseUrl::parse(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("bench.db")));
    if (!url) {
        std::printf("FAIL: %s\n", qPrintable(url.error().toDisplayString()));
        return 1;
    }
    {
        auto opened = db::Database::open(url.value());
        if (!opened || !db::Migrator::migrate(*opened.value())) {
            std::printf("FAIL: cannot create the benchmark database\n");
            return 1;
        }
        db::CallLogRepository repository(*opened.value());
        constexpr int rows = 50000;
        for (int batchSize : {200, 5000}) {
            QList<QList<db::CallLogRecord>> batches;
            for (int i = 0; i < rows; i += batchSize) {
                QList<db::CallLogRecord> batch;
                for (int k = i; k < std::min(rows, i + batchSize); ++k) {
                    batch.append(logRecord(k));
                }
                batches.append(batch);
            }
            const auto start = std::chrono::steady_clock::now();
            for (const auto &batch : std::as_const(batches)) {
                if (Status status = repository.insertBatch(batch); !status) {
                    std::printf("FAIL: %s\n", qPrintable(status.error().toDisplayString()));
                    return 1;
                }
            }
            std::printf("sqlite insertBatch (batches of %d): %8.0f rows/s\n", batchSize, rows / secondsSince(start));
        }
        const auto start = std::chrono::steady_clock::now();
        std::optional<db::CallLogCursor> cursor;
        int pages = 0;
        do {
            auto page = repository.page(QStringLiteral("bench"), {}, cursor, 200);
            if (!page) {
                std::printf("FAIL: %s\n", qPrintable(page.error().toDisplayString()));
                return 1;
            }
            cursor = page->next;
            ++pages;
        } while (cursor);
        std::printf("sqlite page through %d rows (%d pages of 200): %.0f ms\n", 2 * rows, pages,
                    secondsSince(start) * 1000);
    }
    {
        constexpr int records = 50000;
        const auto start = std::chrono::steady_clock::now();
        net::CallLogWriter writer(url.value(), {});
        for (int i = 0; i < records; ++i) {
            writer.append(logRecord(i));
        }
        if (!writer.flush(std::chrono::minutes(5))) {
            std::printf("FAIL: the writer dropped records\n");
            return 1;
        }
        std::printf("sqlite CallLogWriter append+flush: %8.0f records/s\n", records / secondsSince(start));
    }
    std::fflush(stdout);
    return ok ? 0 : 1;
}
