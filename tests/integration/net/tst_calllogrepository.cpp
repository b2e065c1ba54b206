// The call log table through CallLogRepository: batch inserts round-trip every column, and keyset paging returns
// every matching row exactly once, newest first, with every filter, also when many rows share a timestamp; the calls of
// a sync run are counted by endpoint.

#include "TestDatabase.h"

#include "db/CallLogRepository.h"
#include "db/Database.h"
#include "db/Migrator.h"

#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace ic;
using namespace ic::db;

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

const QDateTime base(QDate(2024, 3, 10), QTime(6, 59, 58, 125), QTimeZone::utc()); // a DST change in New York

CallLogRecord fullRecord(const QString &tenant, int n)
{
    CallLogRecord record;
    record.tenantId = tenant;
    record.serviceId = 7;
    record.serviceType = QStringLiteral("wecom");
    record.endpoint = QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/user/list?access_token=***&n=%1").arg(n);
    record.method = QStringLiteral("GET");
    record.correlationId = QStringLiteral("corr-%1").arg(n);
    record.runId = 42;
    record.attempt = 2;
    record.requestAt = base.addMSecs(n * 1001);
    record.responseAt = record.requestAt.addMSecs(357);
    record.durationMs = 357;
    record.httpStatus = 200;
    record.apiErrcode = QStringLiteral("60011");
    record.success = false;
    record.error = QStringLiteral("无权限访问：部门 %1").arg(n);
    record.requestPayload = QStringLiteral("Content-Type: application/json\n\n{\"名字\":\"张三\"}");
    record.requestSize = 123456;
    record.requestHash = QString(64, QLatin1Char('a'));
    record.responsePayload = QStringLiteral("{\"errcode\":60011,\"errmsg\":\"no privilege\"}");
    record.responseSize = 41;
    record.responseHash = QString(64, QLatin1Char('b'));
    return record;
}

CallLogRecord minimalRecord(const QString &tenant, const QDateTime &at)
{
    CallLogRecord record;
    record.tenantId = tenant;
    record.endpoint = QStringLiteral("https://example.com/min");
    record.method = QStringLiteral("POST");
    record.requestAt = at;
    return record;
}

} // namespace

class TestCallLogRepository : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_test;
    std::unique_ptr<Database> m_db;

    /// Every page of `filter`, `limit` rows at a time; fails the test on a repeated cursor.
    QList<CallLogRecord> readAll(const QString &tenant, const CallLogFilter &filter, int limit, int *pages = nullptr)
    {
        CallLogRepository repository(*m_db);
        QList<CallLogRecord> all;
        std::optional<CallLogCursor> cursor;
        int count = 0;
        do {
            auto page = repository.page(tenant, filter, cursor, limit);
            if (!page) {
                qWarning() << page.error().toDisplayString();
                return {};
            }
            ++count;
            if (page->next && page->records.size() != limit) {
                qWarning() << "a page with a successor is not full";
                return {};
            }
            all += page->records;
            cursor = page->next;
            if (count > 10000) {
                qWarning() << "paging does not end";
                return {};
            }
        } while (cursor);
        if (pages) {
            *pages = count;
        }
        return all;
    }

    static QList<qint64> ids(const QList<CallLogRecord> &records)
    {
        QList<qint64> result;
        for (const CallLogRecord &record : records) {
            result.append(record.id);
        }
        return result;
    }

    /// `records` (read back, with ids) filtered by `keep`, newest first.
    template<typename Keep>
    static QList<qint64> expectedIds(QList<CallLogRecord> records, Keep keep)
    {
        records.removeIf([&](const CallLogRecord &record) { return !keep(record); });
        std::sort(records.begin(), records.end(), [](const CallLogRecord &a, const CallLogRecord &b) {
            return a.requestAt != b.requestAt ? a.requestAt > b.requestAt : a.id > b.id;
        });
        return ids(records);
    }

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

    void insertBatchRoundTripsEveryColumn()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        QList<CallLogRecord> records{fullRecord(tenant, 1), minimalRecord(tenant, base.addDays(-1)),
                                     fullRecord(tenant, 2)};
        records[2].success = true;
        records[2].serviceId = std::nullopt;
        CallLogRepository repository(*m_db);
        VERIFY_OK(repository.insertBatch(records));

        auto page = repository.page(tenant, {}, std::nullopt, 10);
        VERIFY_OK(page);
        QCOMPARE(page->records.size(), 3);
        QVERIFY(!page->next);
        const QList<CallLogRecord> expectedOrder{records[2], records[0], records[1]};
        for (int i = 0; i < 3; ++i) {
            CallLogRecord actual = page->records.at(i);
            QVERIFY(actual.id > 0);
            actual.id = 0;
            QCOMPARE(actual.requestAt, expectedOrder.at(i).requestAt);
            QCOMPARE(actual.responseAt, expectedOrder.at(i).responseAt);
            QCOMPARE(actual.error, expectedOrder.at(i).error);
            QCOMPARE(actual.requestPayload, expectedOrder.at(i).requestPayload);
            QVERIFY(actual == expectedOrder.at(i));
        }
        QVERIFY(page->records.at(0).id > page->records.at(1).id); // inserted in order
    }

    void insertBatchValidatesFirst()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        QList<CallLogRecord> records{fullRecord(tenant, 1), fullRecord(tenant, 2), fullRecord(tenant, 3)};
        records[2].requestAt = {};
        CallLogRepository repository(*m_db);
        const Status status = repository.insertBatch(records);
        QVERIFY(!status);
        QCOMPARE(status.error().code, ErrorCode::InvalidInput);
        QCOMPARE(status.error().field, QStringLiteral("request_at"));
        records[2] = fullRecord(tenant, 3);
        records[1].method.clear();
        QCOMPARE(repository.insertBatch(records).error().field, QStringLiteral("method"));
        auto page = repository.page(tenant, {}, std::nullopt, 10);
        VERIFY_OK(page);
        QVERIFY(page->records.isEmpty());
        VERIFY_OK(repository.insertBatch({}));
    }

    void keysetPagingAcrossEqualTimestamps()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        const QString otherTenant = randomText(QStringLiteral("o"));
        // 5 distinct instants with 7 rows each, inserted interleaved, plus another tenant's rows at the same times.
        QList<CallLogRecord> records;
        for (int round = 0; round < 7; ++round) {
            for (int instant : {3, 0, 4, 1, 2}) {
                records.append(minimalRecord(tenant, base.addMSecs(instant)));
                records.append(minimalRecord(otherTenant, base.addMSecs(instant)));
            }
        }
        CallLogRepository repository(*m_db);
        VERIFY_OK(repository.insertBatch(records));

        const QList<CallLogRecord> everything = readAll(tenant, {}, CallLogRepository::maxPageSize);
        QCOMPARE(everything.size(), 35);
        const QList<qint64> expected = expectedIds(everything, [](const CallLogRecord &) { return true; });
        QCOMPARE(ids(everything), expected);
        for (int limit : {1, 3, 5, 7, 34, 35, 36}) {
            int pages = 0;
            const QList<CallLogRecord> paged = readAll(tenant, {}, limit, &pages);
            QCOMPARE(ids(paged), expected);
            QCOMPARE(pages, (35 + limit - 1) / limit);
        }

        // A row inserted after the first page (newer than everything) does not shift the following pages.
        auto first = repository.page(tenant, {}, std::nullopt, 6);
        VERIFY_OK(first);
        VERIFY_OK(repository.insertBatch({minimalRecord(tenant, base.addSecs(60))}));
        auto second = repository.page(tenant, {}, first->next, 6);
        VERIFY_OK(second);
        QCOMPARE(ids(second->records), expected.mid(6, 6));
        QCOMPARE(second->next, (CallLogCursor{second->records.last().requestAt, second->records.last().id}));

        // Limits are clamped.
        auto one = repository.page(tenant, {}, std::nullopt, 0);
        VERIFY_OK(one);
        QCOMPARE(one->records.size(), 1);
    }

    void everyFilter()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        QList<CallLogRecord> records;
        for (int i = 0; i < 60; ++i) {
            CallLogRecord record = minimalRecord(tenant, base.addSecs(i / 3)); // three rows per second
            record.serviceId = i % 3 == 0 ? std::nullopt : std::optional<qint64>(i % 3);
            record.success = i % 4 != 0;
            record.correlationId = QStringLiteral("c%1").arg(i % 5);
            record.runId = i % 2 == 0 ? std::optional<qint64>(100 + i % 6) : std::nullopt;
            record.endpoint = i % 7 == 0   ? QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/Department/List")
                              : i % 7 == 1 ? QStringLiteral("https://example.com/100%_done")
                                           : QStringLiteral("https://example.com/user/get?id=%1").arg(i);
            records.append(record);
        }
        records.append(minimalRecord(randomText(QStringLiteral("other")), base.addSecs(5)));
        CallLogRepository repository(*m_db);
        VERIFY_OK(repository.insertBatch(records));
        const QList<CallLogRecord> stored = readAll(tenant, {}, 1000);
        QCOMPARE(stored.size(), 60);

        auto check = [&](const CallLogFilter &filter, auto keep, int expectedCount) {
            const QList<qint64> expected = expectedIds(stored, keep);
            QCOMPARE(expected.size(), expectedCount);
            QCOMPARE(ids(readAll(tenant, filter, 4)), expected);
            QCOMPARE(ids(readAll(tenant, filter, 1000)), expected);
        };
        CallLogFilter filter;
        filter.serviceId = 2;
        check(
            filter, [](const CallLogRecord &r) { return r.serviceId == 2; }, 20);
        filter = {};
        filter.success = false;
        check(
            filter, [](const CallLogRecord &r) { return !r.success; }, 15);
        filter.success = true;
        check(
            filter, [](const CallLogRecord &r) { return r.success; }, 45);
        filter = {};
        filter.correlationId = QStringLiteral("c3");
        check(
            filter, [](const CallLogRecord &r) { return r.correlationId == QStringLiteral("c3"); }, 12);
        filter = {};
        filter.runId = 104;
        check(
            filter, [](const CallLogRecord &r) { return r.runId == 104; }, 10);
        filter = {};
        filter.endpointContains = QStringLiteral("department/list"); // case-insensitive
        check(
            filter, [](const CallLogRecord &r) { return r.endpoint.contains(QStringLiteral("Department/List")); }, 9);
        filter.endpointContains = QStringLiteral("100%_"); // wildcards are literal
        check(
            filter, [](const CallLogRecord &r) { return r.endpoint.endsWith(QStringLiteral("100%_done")); }, 9);
        filter.endpointContains = QStringLiteral("0_d");
        check(
            filter, [](const CallLogRecord &) { return false; }, 0);
        filter = {};
        filter.since = base.addSecs(5);  // inclusive
        filter.until = base.addSecs(12); // exclusive
        check(
            filter,
            [](const CallLogRecord &r) { return r.requestAt >= base.addSecs(5) && r.requestAt < base.addSecs(12); },
            21);
        filter = {};
        filter.serviceId = 1;
        filter.success = true;
        filter.runId = 100;
        filter.since = base.addSecs(3);
        check(
            filter,
            [](const CallLogRecord &r) {
                return r.serviceId == 1 && r.success && r.runId == 100 && r.requestAt >= base.addSecs(3);
            },
            expectedIds(stored, [](const CallLogRecord &r) {
                return r.serviceId == 1 && r.success && r.runId == 100 && r.requestAt >= base.addSecs(3);
            }).size());
        // Another tenant sees nothing of this one.
        auto page = repository.page(randomText(QStringLiteral("none")), {}, std::nullopt, 10);
        VERIFY_OK(page);
        QVERIFY(page->records.isEmpty());
    }

    void runSummaryCountsByEndpoint()
    {
        const QString tenant = randomText(QStringLiteral("t"));
        QList<CallLogRecord> records;
        auto call = [&](const QString &tenantId, std::optional<qint64> runId, const QString &endpoint,
                        const QString &method, bool success) {
            CallLogRecord record = minimalRecord(tenantId, base.addMSecs(records.size()));
            record.runId = runId;
            record.endpoint = endpoint;
            record.method = method;
            record.success = success;
            records.append(record);
        };
        const QString list = QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/user/list");
        const QString token = QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/gettoken");
        for (int department = 1; department <= 4; ++department) {
            // The query string differs per call: still one endpoint.
            call(tenant, 501, list + QStringLiteral("?access_token=***&department_id=%1").arg(department),
                 QStringLiteral("GET"), department != 3);
        }
        call(tenant, 501, list, QStringLiteral("POST"), false);
        call(tenant, 501, token + QStringLiteral("?corpid=ww1&corpsecret=***"), QStringLiteral("GET"), true);
        call(tenant, 502, token, QStringLiteral("GET"), true);                           // another run
        call(tenant, std::nullopt, token, QStringLiteral("GET"), false);                 // no run
        call(randomText(QStringLiteral("o")), 501, token, QStringLiteral("GET"), false); // another tenant
        CallLogRepository repository(*m_db);
        VERIFY_OK(repository.insertBatch(records));

        auto summary = repository.runSummary(tenant, 501);
        VERIFY_OK(summary);
        QCOMPARE(summary->calls, 6);
        QCOMPARE(summary->failed, 2);
        const QList<CallLogEndpointCount> expected{{list, QStringLiteral("GET"), 4, 1},
                                                   {token, QStringLiteral("GET"), 1, 0},
                                                   {list, QStringLiteral("POST"), 1, 1}};
        QCOMPARE(summary->endpoints, expected);

        auto other = repository.runSummary(tenant, 502);
        VERIFY_OK(other);
        QCOMPARE(other->calls, 1);
        QCOMPARE(other->failed, 0);

        auto none = repository.runSummary(tenant, 999);
        VERIFY_OK(none);
        QCOMPARE(none->calls, 0);
        QVERIFY(none->endpoints.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCallLogRepository)
#include "tst_calllogrepository.moc"
