// The call log of the Logs page on a million rows: the same model class (ic::ui::CallLogModel, with its query thread
// and keyset paging) and a table view, as the page shows them. Fills the database with realistic calls (four
// services, twelve endpoints, 5 % failures, 30 days, a sync run per 2,000 calls for 60 % of them, a correlation id per
// 10 calls) through CallLogRepository::insertBatch() in 50,000-row transactions, then measures the wall time from the
// filter change to the first page's rows in the view:
//  - the first page of a fresh model (the thread opens its connection first): target < 200 ms;
//  - each filter change: service, failed only, endpoint text, run id, correlation id, a time range, combinations:
//    target < 300 ms (each measured 3 times; the worst is compared);
//  - for information: a text that matches nothing (the whole log is read: the GUI stays responsive because the query
//    runs on the model's thread) and a page deep down the scroll (keyset: no slower than the first).

#include "RunTask.h"
#include "TestDatabase.h"

#include "db/CallLogRepository.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "logs/LogModels.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>

using namespace ic;

namespace {

const QString tenant = QStringLiteral("bench");
const QStringList endpoints{QStringLiteral("/cgi-bin/user/get?userid=%1&access_token=***"),
                            QStringLiteral("/cgi-bin/user/list?department_id=%1&access_token=***"),
                            QStringLiteral("/cgi-bin/department/list?id=%1&access_token=***"),
                            QStringLiteral("/cgi-bin/externalcontact/get?external_userid=wm%1&access_token=***"),
                            QStringLiteral("/cgi-bin/externalcontact/batch/get_by_user?access_token=***&cursor=%1"),
                            QStringLiteral("/cgi-bin/externalcontact/list?userid=%1&access_token=***"),
                            QStringLiteral("/cgi-bin/externalcontact/get_corp_tag_list?access_token=***&n=%1"),
                            QStringLiteral("/cgi-bin/gettoken?corpid=ww%1&corpsecret=***"),
                            QStringLiteral("/cgi-bin/message/send?access_token=***&n=%1"),
                            QStringLiteral("https://dysmsapi.aliyuncs.com/?Action=SendSms&n=%1"),
                            QStringLiteral("https://oapi.dingtalk.com/topapi/v2/user/get?n=%1"),
                            QStringLiteral("https://pos.example.cn/api/v1/transactions?page=%1")};

bool enforce()
{
    return qEnvironmentVariableIntValue("IC_BENCH_NO_TARGETS") == 0;
}

} // namespace

class BenchLogs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstPageAndFilterChanges();

private:
    /// Sets the filter and waits for its first page; returns the milliseconds, or -1 on failure.
    double timeFilter(ui::CallLogModel &model, QTableView &view, const db::CallLogFilter &filter);

    std::unique_ptr<test::TestDatabase> m_test;
    qint64 m_rows = 0;
    QDateTime m_newest;
};

void BenchLogs::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_test = std::move(database);
    auto opened = m_test->open();
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toDisplayString()));
    db::Database &db = *opened.value();
    const auto migrated = db::Migrator::migrate(db);
    QVERIFY2(migrated, migrated ? "" : qPrintable(migrated.error().toDisplayString()));

    m_rows =
        qEnvironmentVariableIsSet("IC_BENCH_CALLS") ? qEnvironmentVariable("IC_BENCH_CALLS").toLongLong() : 1000000;
    m_newest = QDateTime(QDate(2024, 6, 30), QTime(23, 59, 0), QTimeZone::utc());
    const qint64 spanMs = qint64(30) * 24 * 3600 * 1000;
    db::CallLogRepository repository(db);
    QElapsedTimer fill;
    fill.start();
    constexpr int batch = 50000;
    QList<db::CallLogRecord> records;
    records.reserve(batch);
    for (qint64 i = 0; i < m_rows; ++i) {
        db::CallLogRecord call;
        call.tenantId = tenant;
        const int service = int(i % 7 == 0 ? 3 : i % 11 == 0 ? 4 : i % 2 + 1); // two WeCom corps, SMS, DingTalk
        call.serviceId = service;
        call.serviceType = service <= 2   ? QStringLiteral("wecom")
                           : service == 3 ? QStringLiteral("sms")
                                          : QStringLiteral("dingtalk");
        const int endpoint = service == 3 ? 9 : service == 4 ? 10 : int((i * 7) % 9);
        call.endpoint = endpoints.at(endpoint).arg(i % 5000);
        call.method = endpoint == 4 || endpoint == 8 || endpoint == 9 ? QStringLiteral("POST") : QStringLiteral("GET");
        call.correlationId = QStringLiteral("c-%1").arg(i / 10, 8, 16, QLatin1Char('0'));
        if (i % 5 < 3) {
            call.runId = 1 + i / 2000;
        }
        call.attempt = i % 50 == 0 ? 2 : 1;
        call.requestAt = m_newest.addMSecs(-spanMs + (spanMs * i) / m_rows); // oldest first, as they were logged
        call.durationMs = 40 + (i * 13) % 900;
        call.responseAt = call.requestAt.addMSecs(*call.durationMs);
        call.success = i % 20 != 7;
        call.httpStatus = call.success || i % 40 != 7 ? 200 : 502;
        call.apiErrcode = call.success ? QStringLiteral("0") : QStringLiteral("60011");
        call.error = call.success ? QString() : QStringLiteral("errcode 60011: no privilege to access/modify contact");
        call.requestPayload =
            endpoint == 8 ? QStringLiteral("{\"touser\":\"zhangsan\",\"msgtype\":\"text\"}") : QString();
        call.responsePayload =
            call.success
                ? QStringLiteral("{\"errcode\":0,\"errmsg\":\"ok\",\"name\":\"张三\",\"mobile\":\"138****5678\"}")
                : QStringLiteral("{\"errcode\":60011,\"errmsg\":\"no privilege to access/modify contact\"}");
        call.responseSize = call.responsePayload.size();
        records.append(std::move(call));
        if (records.size() == batch || i + 1 == m_rows) {
            const Status inserted = repository.insertBatch(records);
            QVERIFY2(inserted, inserted ? "" : qPrintable(inserted.error().toDisplayString()));
            records.clear();
        }
    }
    std::printf("filled %lld call-log rows on %s in %.1f s\n", m_rows, qPrintable(m_test->url().toString()),
                double(fill.elapsed()) / 1000.0);
    if (m_test->dialect() == db::Dialect::PostgreSQL) {
        QSqlQuery(db.handle()).exec(QStringLiteral("ANALYZE call_log"));
    } else if (m_test->dialect() == db::Dialect::MySQL) {
        QSqlQuery(db.handle()).exec(QStringLiteral("ANALYZE TABLE call_log"));
    } else {
        QSqlQuery(db.handle()).exec(QStringLiteral("ANALYZE"));
    }
}

double BenchLogs::timeFilter(ui::CallLogModel &model, QTableView &view, const db::CallLogFilter &filter)
{
    bool loaded = false;
    bool failed = false;
    const QMetaObject::Connection done = QObject::connect(&model, &ui::PagedLogModel::pageLoaded, &view,
                                                          [&loaded](bool first) { loaded = loaded || first; });
    const QMetaObject::Connection error =
        QObject::connect(&model, &ui::PagedLogModel::loadFailed, &view, [&failed] { failed = true; });
    QElapsedTimer timer;
    timer.start();
    model.setFilter(filter);
    const bool finished = test::waitFor([&] { return loaded || failed; }, std::chrono::minutes(2));
    view.viewport()->repaint(); // the rows on screen
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    QObject::disconnect(done);
    QObject::disconnect(error);
    if (!finished || failed) {
        qWarning("the page did not load: %s",
                 model.lastError() ? qPrintable(model.lastError()->toDisplayString()) : "");
        return -1;
    }
    return ms;
}

void BenchLogs::firstPageAndFilterChanges()
{
    QTableView view;
    view.resize(1400, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    // The first page of a fresh model: the query thread opens its connection, reads 200 rows, the view shows them.
    std::unique_ptr<ui::CallLogModel> model;
    double firstPage = 0;
    {
        QElapsedTimer timer;
        timer.start();
        model = std::make_unique<ui::CallLogModel>(m_test->url(), m_test->password(), tenant);
        view.setModel(model.get());
        const double ms = timeFilter(*model, view, {});
        QVERIFY(ms >= 0);
        firstPage = double(timer.nsecsElapsed()) / 1e6;
    }
    QCOMPARE(model->rowCount(), ui::PagedLogModel::defaultPageSize);
    std::printf("%-48s %8.1f ms  (target < 200 ms)\n", "first page (new model, new connection)", firstPage);

    struct Case {
        const char *name;
        db::CallLogFilter filter;
        bool targeted = true;
    };
    QList<Case> cases;
    auto add = [&cases](const char *name, const std::function<void(db::CallLogFilter &)> &set, bool targeted = true) {
        db::CallLogFilter filter;
        set(filter);
        cases.append({name, filter, targeted});
    };
    add("no filter (refresh)", [](db::CallLogFilter &) {});
    add("service", [](db::CallLogFilter &f) { f.serviceId = 3; });
    add("failed only", [](db::CallLogFilter &f) { f.success = false; });
    add("service + failed only", [](db::CallLogFilter &f) {
        f.serviceId = 2;
        f.success = false;
    });
    add("endpoint text 'externalcontact/get'",
        [](db::CallLogFilter &f) { f.endpointContains = QStringLiteral("externalcontact/get"); });
    add("endpoint text 'GetToken' (1 in 9 WeCom calls)",
        [](db::CallLogFilter &f) { f.endpointContains = QStringLiteral("GetToken"); });
    add("run id", [this](db::CallLogFilter &f) { f.runId = 1 + (m_rows / 2) / 2000; });
    add("correlation id", [this](db::CallLogFilter &f) {
        f.correlationId = QStringLiteral("c-%1").arg((m_rows / 3) / 10, 8, 16, QLatin1Char('0'));
    });
    add("time range (one day, 10 days ago)", [this](db::CallLogFilter &f) {
        f.since = m_newest.addDays(-11);
        f.until = m_newest.addDays(-10);
    });
    add("time range + service + failed only", [this](db::CallLogFilter &f) {
        f.since = m_newest.addDays(-20);
        f.until = m_newest.addDays(-19);
        f.serviceId = 2;
        f.success = false;
    });
    add(
        "endpoint text matching nothing (whole log read)",
        [](db::CallLogFilter &f) { f.endpointContains = QStringLiteral("no-such-endpoint"); }, false);

    bool missed = false;
    for (const Case &c : std::as_const(cases)) {
        double worst = 0;
        double best = 1e12;
        for (int round = 0; round < (c.targeted ? 3 : 1); ++round) {
            model->setFilter({}); // from another filter each time, as a user changes it
            QVERIFY(test::waitFor([&] { return !model->isLoading(); }, std::chrono::minutes(2)));
            const double ms = timeFilter(*model, view, c.filter);
            QVERIFY(ms >= 0);
            worst = std::max(worst, ms);
            best = std::min(best, ms);
        }
        const bool over = c.targeted && worst >= 300;
        missed = missed || over;
        std::printf("%-48s %8.1f ms  (best %.1f; %d rows%s)%s%s\n", c.name, worst, best, model->rowCount(),
                    model->hasMore() ? "+" : "", c.targeted ? "" : "  [informational: runs off the GUI thread]",
                    over ? "  OVER TARGET" : "");
    }

    // Deep in the scroll: the 50th page costs what the first does (keyset, no OFFSET).
    model->setFilter({});
    QVERIFY(test::waitFor([&] { return !model->isLoading(); }, std::chrono::minutes(2)));
    double deepest = 0;
    for (int page = 1; page < 50; ++page) {
        QElapsedTimer timer;
        timer.start();
        model->fetchMore({});
        QVERIFY(test::waitFor([&] { return !model->isLoading(); }, std::chrono::minutes(2)));
        deepest = double(timer.nsecsElapsed()) / 1e6;
    }
    std::printf("%-48s %8.1f ms  (%d rows loaded)\n", "50th page on scrolling", deepest, model->rowCount());
    std::fflush(stdout);

    if (enforce()) {
        QVERIFY2(firstPage < 200, "the first page took 200 ms or more");
        QVERIFY2(!missed, "a filter change took 300 ms or more");
    }
}

QTEST_MAIN(BenchLogs)
#include "bench_logs.moc"
