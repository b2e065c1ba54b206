// CallLogWriter on every dialect: records from many threads all arrive; batches are written on count, on time,
// on flush() and on destruction; payloads are capped with their full size and hash kept; a failing database
// drops records only after a retry, and says so.

#include "TestDatabase.h"

#include "db/CallLogRepository.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "net/CallLogWriter.h"
#include "net/Redactor.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <thread>
#include <vector>

using namespace ic;
using namespace ic::db;
using namespace std::chrono_literals;
using ic::net::CallLogWriter;
using ic::net::CallLogWriterOptions;

namespace {

QString randomText(const QString &prefix)
{
    return prefix + QString::number(QRandomGenerator::global()->generate64(), 16);
}

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyResult = (expr);                                                                             \
        QVERIFY2(verifyResult.ok(), verifyResult.ok() ? "" : qPrintable(verifyResult.error().toDisplayString()));      \
    } while (false)

CallLogRecord record(const QString &tenant, const QString &correlationId)
{
    CallLogRecord record;
    record.tenantId = tenant;
    record.endpoint = QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/user/get?userid=zhangsan");
    record.method = QStringLiteral("GET");
    record.correlationId = correlationId;
    record.requestAt = QDateTime::currentDateTimeUtc();
    record.success = true;
    return record;
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestCallLogWriter : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_test;
    std::unique_ptr<Database> m_db;

    QList<CallLogRecord> readAll(const QString &tenant)
    {
        CallLogRepository repository(*m_db);
        QList<CallLogRecord> all;
        std::optional<CallLogCursor> cursor;
        do {
            auto page = repository.page(tenant, {}, cursor, CallLogRepository::maxPageSize);
            if (!page) {
                qWarning() << page.error().toDisplayString();
                return {};
            }
            all += page->records;
            cursor = page->next;
        } while (cursor);
        return all;
    }

    int count(const QString &tenant) { return int(readAll(tenant).size()); }

private Q_SLOTS:
    void initTestCase()
    {
        IC_TEST_DATABASE_OR_SKIP(test);
        m_test = std::move(test);
        auto opened = m_test->open();
        VERIFY_OK(opened);
        m_db = std::move(opened.value());
        VERIFY_OK(Migrator::migrate(*m_db));
    }

    void cleanupTestCase() { m_db.reset(); }

    void recordsFromFourThreadsAllArrive()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        CallLogWriter writer(m_test->url(), m_test->password());
        constexpr int threads = 4;
        constexpr int perThread = 750;
        std::vector<std::thread> producers;
        for (int t = 0; t < threads; ++t) {
            producers.emplace_back([&writer, &tenant, t] {
                for (int i = 0; i < perThread; ++i) {
                    writer.append(record(tenant, QStringLiteral("%1-%2").arg(t).arg(i)));
                }
            });
        }
        for (auto &producer : producers) {
            producer.join();
        }
        QVERIFY(writer.flush());
        QCOMPARE(writer.written(), qint64(threads * perThread));
        QCOMPARE(writer.dropped(), qint64(0));

        QSet<QString> expected;
        for (int t = 0; t < threads; ++t) {
            for (int i = 0; i < perThread; ++i) {
                expected.insert(QStringLiteral("%1-%2").arg(t).arg(i));
            }
        }
        QSet<QString> actual;
        const QList<CallLogRecord> stored = readAll(tenant);
        for (const CallLogRecord &row : stored) {
            actual.insert(row.correlationId);
        }
        QCOMPARE(stored.size(), threads * perThread); // no duplicates either
        QCOMPARE(actual, expected);
    }

    void flushesOnCount()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        CallLogWriterOptions options;
        options.batchSize = 10;
        options.flushInterval = 1h;
        CallLogWriter writer(m_test->url(), m_test->password(), options);
        for (int i = 0; i < 9; ++i) {
            writer.append(record(tenant, QString::number(i)));
        }
        QTest::qWait(300);
        QCOMPARE(count(tenant), 0);
        writer.append(record(tenant, QStringLiteral("9")));
        QTRY_COMPARE_WITH_TIMEOUT(count(tenant), 10, 10000);
        for (int i = 10; i < 19; ++i) {
            writer.append(record(tenant, QString::number(i)));
        }
        QTest::qWait(300);
        QCOMPARE(count(tenant), 10); // nine more wait for the tenth, the interval or a flush
        QVERIFY(writer.flush());
        QCOMPARE(count(tenant), 19);
        QCOMPARE(writer.written(), qint64(19));
    }

    void flushesOnTime()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        CallLogWriterOptions options;
        options.batchSize = 1000;
        options.flushInterval = 200ms;
        CallLogWriter writer(m_test->url(), m_test->password(), options);
        writer.append(record(tenant, QStringLiteral("a")));
        writer.append(record(tenant, QStringLiteral("b")));
        QTRY_COMPARE_WITH_TIMEOUT(count(tenant), 2, 5000);
        QCOMPARE(writer.written(), qint64(2));
    }

    void capsPayloadsKeepingSizeAndHash()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        CallLogWriterOptions options;
        options.payloadCap = 100;
        CallLogWriter writer(m_test->url(), m_test->password(), options);

        const QString request = QString(100, QChar(0x4E2D)); // "中": 3 bytes each, 300 bytes in all
        const QString response = QStringLiteral("{\"errcode\":0}");
        CallLogRecord capped = record(tenant, QStringLiteral("capped"));
        capped.requestPayload = request;
        capped.responsePayload = response;
        writer.append(capped);
        writer.append(record(tenant, QStringLiteral("empty")));
        QVERIFY(writer.flush());

        const QList<CallLogRecord> stored = readAll(tenant);
        QCOMPARE(stored.size(), 2);
        const CallLogRecord &row = stored.at(0).correlationId == QStringLiteral("capped") ? stored.at(0) : stored.at(1);
        QCOMPARE(row.requestPayload, QString(33, QChar(0x4E2D))); // 99 bytes: a character is never split
        QCOMPARE(row.requestSize, std::optional<qint64>(300));
        QCOMPARE(row.requestHash, sha256(request.toUtf8()));
        QCOMPARE(row.responsePayload, response);
        QCOMPARE(row.responseSize, std::optional<qint64>(response.size()));
        QCOMPARE(row.responseHash, sha256(response.toUtf8()));
        const CallLogRecord &empty =
            stored.at(0).correlationId == QStringLiteral("empty") ? stored.at(0) : stored.at(1);
        QCOMPARE(empty.requestSize, std::optional<qint64>(0));
        QVERIFY(empty.requestHash.isEmpty());
    }

    void destructionFlushes()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        {
            CallLogWriterOptions options;
            options.batchSize = 1000;
            options.flushInterval = 1h;
            CallLogWriter writer(m_test->url(), m_test->password(), options);
            for (int i = 0; i < 50; ++i) {
                writer.append(record(tenant, QString::number(i)));
            }
        }
        QCOMPARE(count(tenant), 50);
    }

    void redactedRecordsHoldNoSecret()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        const QString secret = QStringLiteral("corpSecretValue-0123456789");
        const QString token = QStringLiteral("accessTokenValue-abcdef");
        net::Redactor redactor;
        redactor.addSecretValue(secret);
        redactor.addSecretValue(token);

        net::CallExchange exchange;
        exchange.tenantId = tenant;
        exchange.serviceId = 3;
        exchange.serviceType = QStringLiteral("wecom");
        exchange.method = "POST";
        exchange.url =
            QUrl(QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=") + secret);
        exchange.correlationId = QStringLiteral("redacted");
        exchange.requestAt = QDateTime::currentDateTimeUtc();
        exchange.responseAt = exchange.requestAt.addMSecs(25);
        exchange.requestHeaders = {{"Content-Type", "application/json"}, {"Authorization", "Bearer x"}};
        exchange.requestBody = "{\"secret\":\"" + secret.toUtf8() + "\",\"mobile\":\"13812345678\"}";
        exchange.responseHeaders = {{"Content-Type", "application/json; charset=UTF-8"}};
        exchange.responseBody = "{\"errcode\":0,\"access_token\":\"" + token.toUtf8() + "\",\"expires_in\":7200}";
        exchange.httpStatus = 200;
        exchange.apiErrcode = QStringLiteral("0");
        exchange.success = true;
        exchange.error = QStringLiteral("echo ") + token;

        const CallLogRecord built = net::redactedRecord(redactor, exchange);
        QCOMPARE(built.endpoint,
                 QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=***"));
        QCOMPARE(built.requestPayload, QStringLiteral("Content-Type: application/json\nAuthorization: ***\n\n"
                                                      "{\"secret\":\"***\",\"mobile\":\"138****5678\"}"));
        QCOMPARE(built.responsePayload, QStringLiteral("Content-Type: application/json; charset=UTF-8\n\n"
                                                       "{\"errcode\":0,\"access_token\":\"***\",\"expires_in\":7200}"));
        QCOMPARE(built.error, QStringLiteral("echo ***"));
        QCOMPARE(built.durationMs, std::optional<qint64>(25));
        QCOMPARE(built.method, QStringLiteral("POST"));

        {
            CallLogWriter writer(m_test->url(), m_test->password());
            writer.append(built);
        }
        const QByteArray dump = m_test->dumpAll();
        QVERIFY(dump.contains("redacted")); // the row is there
        QVERIFY(!dump.contains(secret.toUtf8()));
        QVERIFY(!dump.contains(token.toUtf8()));
        QVERIFY(!dump.contains("13812345678"));
    }

    void failedBatchIsRetriedThenDroppedAndLogged()
    {
        // A database without the schema: every insert fails. Dialect-independent, so always SQLite.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("empty.db")));
        VERIFY_OK(url);
        CallLogWriterOptions options;
        options.retryDelay = 10ms;
        CallLogWriter writer(url.value(), {}, options);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^writing 3 call log records failed, "
                                                                             "retrying once:")));
        QTest::ignoreMessage(QtCriticalMsg,
                             QRegularExpression(QStringLiteral("^3 call log record\\(s\\) were dropped")));
        const QString tenant = randomText(QStringLiteral("t"));
        for (int i = 0; i < 3; ++i) {
            writer.append(record(tenant, QString::number(i)));
        }
        QVERIFY(!writer.flush());
        QCOMPARE(writer.dropped(), qint64(3));
        QCOMPARE(writer.written(), qint64(0));
    }

    void fullQueueDropsAndCounts()
    {
        // The worker sleeps (no batch is ever full, the interval is long): what does not fit in the queue is
        // dropped at once, counted, and reported when the worker next runs.
        const QString tenant = randomText(QStringLiteral("t"));
        CallLogWriterOptions options;
        options.batchSize = 1000;
        options.maxQueued = 10;
        options.flushInterval = 1h;
        CallLogWriter writer(m_test->url(), m_test->password(), options);
        for (int i = 0; i < 100; ++i) {
            writer.append(record(tenant, QString::number(i)));
        }
        QCOMPARE(writer.dropped(), qint64(90));
        QTest::ignoreMessage(QtCriticalMsg,
                             QRegularExpression(QStringLiteral("^90 call log record\\(s\\) were dropped because the "
                                                               "queue was full")));
        QVERIFY(!writer.flush()); // false: records were dropped
        QCOMPARE(writer.written(), qint64(10));
        QCOMPARE(count(tenant), 10);
        writer.append(record(tenant, QStringLiteral("after")));
        QVERIFY(writer.flush());
        QCOMPARE(count(tenant), 11);
    }
};

QTEST_GUILESS_MAIN(TestCallLogWriter)
#include "tst_calllogwriter.moc"
