// Sync runs, their steps and errors through SyncRunRepository, on every dialect: the life of a run and every column
// round-trip (times exactly, in UTC, under a TZ with daylight-saving changes), state changes only while the run is
// running, keyset paging with every filter, the last run and the last success, and runs left behind by a dead process
// ended as interrupted.

#include "TestDatabase.h"

#include "db/Database.h"
#include "db/Migrator.h"
#include "db/SyncRunRepository.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <functional>

using namespace ic;
using namespace ic::db;

namespace {

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyResult = (expr);                                                                             \
        QVERIFY2(verifyResult.ok(), verifyResult.ok() ? "" : qPrintable(verifyResult.error().toDisplayString()));      \
    } while (false)

#define VERIFY_FAILS_WITH(expr, errorCode)                                                                             \
    do {                                                                                                               \
        const auto &verifyResult = (expr);                                                                             \
        QVERIFY2(!verifyResult.ok(), "expected an error");                                                             \
        QCOMPARE(verifyResult.error().code, errorCode);                                                                \
    } while (false)

const QString tenant = QStringLiteral("租户-1");

// 2024-03-10 07:00 UTC is 02:00 in New York (TZ of this test), the spring-forward gap; 2024-11-03 05:30 UTC is 01:30,
// inside the autumn fold.
const QDateTime gap(QDate(2024, 3, 10), QTime(7, 0, 0, 125), QTimeZone::utc());
const QDateTime fold(QDate(2024, 11, 3), QTime(5, 30, 0, 250), QTimeZone::utc());

SyncRunKey key(qint64 service = 7, const QString &type = QStringLiteral("customer"))
{
    return {tenant, service, type};
}

SyncRunRecord newRun(const SyncRunKey &k = key(), const QDateTime &createdAt = {})
{
    SyncRunRecord run;
    run.tenantId = k.tenantId;
    run.serviceId = k.serviceId;
    run.syncType = k.syncType;
    run.mode = QStringLiteral("incremental");
    run.trigger = QStringLiteral("cli");
    run.host = QStringLiteral("build-01.example.cn");
    run.pid = 4242;
    run.appVersion = QStringLiteral("0.3.0");
    run.createdAt = createdAt;
    return run;
}

SyncCounts counts(qint64 base)
{
    return {base, base + 1, base + 2, base + 3, base + 4, base + 5};
}

} // namespace

class TestSyncRuns : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void lifeOfARunRoundTrips();
    void changesOnlyWhileRunning();
    void finishWithoutStart();
    void invalidInputIsRefused();
    void unknownRunsAreNotFound();
    void stepsAndErrors();
    void listFiltersAndPages();
    void listFiltersByRunCorrelationAndText();
    void lastRunAndLastSuccess();
    void lastRunPerType();
    void staleRunsAreEndedAsInterrupted();
    void statusNames();

private:
    /// Creates a run and brings it to `status` at `at`; returns its id (0 after a failed check).
    qint64 addRun(const SyncRunKey &k, SyncRunStatus status, const QDateTime &at, bool dryRun = false);
    /// The ids of every page of `filter`, `limit` runs at a time.
    QList<qint64> allPages(const SyncRunFilter &filter, int limit);
    QList<qint64> ids(const QList<SyncRunRecord> &runs);

    std::unique_ptr<test::TestDatabase> m_test;
    std::unique_ptr<Database> m_db;
};

void TestSyncRuns::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_test = std::move(database);
    qInfo("testing %s", qPrintable(m_test->url().toString()));
}

void TestSyncRuns::init()
{
    m_test->wipe();
    auto opened = m_test->open();
    VERIFY_OK(opened);
    m_db = std::move(opened.value());
    VERIFY_OK(Migrator::migrate(*m_db));
}

void TestSyncRuns::cleanup()
{
    m_db.reset();
}

qint64 TestSyncRuns::addRun(const SyncRunKey &k, SyncRunStatus status, const QDateTime &at, bool dryRun)
{
    SyncRunRepository runs(*m_db);
    SyncRunRecord run = newRun(k, at);
    run.dryRun = dryRun;
    auto id = runs.create(run);
    if (!id) {
        qWarning("create: %s", qPrintable(id.error().toDisplayString()));
        return 0;
    }
    if (status == SyncRunStatus::Pending) {
        return id.value();
    }
    if (Status started = runs.start(k.tenantId, id.value(), at.addSecs(1)); !started) {
        qWarning("start: %s", qPrintable(started.error().toDisplayString()));
        return 0;
    }
    if (status == SyncRunStatus::Running) {
        return id.value();
    }
    if (Status finished = runs.finish(k.tenantId, id.value(), {status, counts(1), {}, at.addSecs(2)}); !finished) {
        qWarning("finish: %s", qPrintable(finished.error().toDisplayString()));
        return 0;
    }
    return id.value();
}

QList<qint64> TestSyncRuns::ids(const QList<SyncRunRecord> &runs)
{
    QList<qint64> result;
    for (const SyncRunRecord &run : runs) {
        result.append(run.id);
    }
    return result;
}

QList<qint64> TestSyncRuns::allPages(const SyncRunFilter &filter, int limit)
{
    SyncRunRepository runs(*m_db);
    QList<qint64> result;
    std::optional<qint64> after;
    const int pageSize = std::clamp(limit, 1, SyncRunRepository::maxPageSize);
    for (int pages = 0; pages < 100; ++pages) {
        auto page = runs.list(tenant, filter, after, limit);
        if (!page) {
            qWarning("list: %s", qPrintable(page.error().toDisplayString()));
            return {-1};
        }
        if (page->runs.size() > pageSize || (page->next && page->runs.size() != pageSize)) {
            qWarning("page of %d runs for a limit of %d", int(page->runs.size()), limit);
            return {-1};
        }
        result += ids(page->runs);
        if (!page->next) {
            return result;
        }
        if (*page->next != page->runs.constLast().id) {
            qWarning("the cursor is not the last run of the page");
            return {-1};
        }
        after = page->next;
    }
    return {-1};
}

void TestSyncRuns::lifeOfARunRoundTrips()
{
    SyncRunRepository runs(*m_db);
    SyncRunRecord run = newRun(key(), gap.addSecs(-60));
    run.mode = QStringLiteral("full");
    run.trigger = QStringLiteral("schedule");
    run.dryRun = true;
    run.correlationId = QStringLiteral("corr-7f3a");
    run.checkpoint = QJsonObject{{QStringLiteral("resumed_from"), 3}};
    auto id = runs.create(run);
    VERIFY_OK(id);
    QVERIFY(id.value() > 0);

    auto pending = runs.find(tenant, id.value());
    VERIFY_OK(pending);
    QVERIFY(pending->has_value());
    SyncRunRecord expected = run;
    expected.id = id.value();
    expected.status = SyncRunStatus::Pending;
    expected.updatedAt = run.createdAt;
    QCOMPARE(pending->value().run, expected);
    QVERIFY(pending->value().steps.isEmpty());
    QVERIFY(pending->value().errors.isEmpty());
    QCOMPARE(pending->value().errorCount, qint64(0));

    VERIFY_OK(runs.start(tenant, id.value(), gap));
    VERIFY_OK(runs.heartbeat(tenant, id.value(), run.host, 4242, gap.addMSecs(15001)));
    const QJsonObject checkpoint{{QStringLiteral("entity"), QStringLiteral("customer")},
                                 {QStringLiteral("cursor"), QStringLiteral("游标-Ab3_==")},
                                 {QStringLiteral("followers_done"), QJsonArray{QStringLiteral("zhangsan"), 2}}};
    VERIFY_OK(runs.saveCheckpoint(tenant, id.value(), checkpoint, counts(100)));
    auto saved = runs.find(tenant, id.value());
    VERIFY_OK(saved);
    QCOMPARE(saved->value().run.status, SyncRunStatus::Running);
    QCOMPARE(saved->value().run.startedAt, gap);
    QCOMPARE(saved->value().run.checkpoint, checkpoint);
    QCOMPARE(saved->value().run.counts, counts(100));
    // saveCheckpoint() is a sign of life too.
    QVERIFY(saved->value().run.heartbeatAt > gap.addMSecs(15001));

    const QDateTime finishedAt = fold;
    const SyncCounts final{100000, 1234, 56789, 12, 41965, 3};
    VERIFY_OK(
        runs.finish(tenant, id.value(),
                    {SyncRunStatus::Partial, final, QStringLiteral("3 个客户无法读取 (errcode 84061)"), finishedAt}));
    auto done = runs.find(tenant, id.value());
    VERIFY_OK(done);
    const SyncRunRecord &read = done->value().run;
    QCOMPARE(read.status, SyncRunStatus::Partial);
    QCOMPARE(read.startedAt, gap);
    QCOMPARE(read.finishedAt, finishedAt);
    QCOMPARE(read.durationMs, std::optional<qint64>(gap.msecsTo(finishedAt)));
    QCOMPARE(read.counts, final);
    QCOMPARE(read.errorSummary, QStringLiteral("3 个客户无法读取 (errcode 84061)"));
    QCOMPARE(read.checkpoint, checkpoint); // kept for a run that resumes this one
    QCOMPARE(read.mode, QStringLiteral("full"));
    QCOMPARE(read.trigger, QStringLiteral("schedule"));
    QVERIFY(read.dryRun);
    QCOMPARE(read.host, run.host);
    QCOMPARE(read.pid, std::optional<qint64>(4242));
    QCOMPARE(read.appVersion, run.appVersion);
    QCOMPARE(read.correlationId, run.correlationId);
    QCOMPARE(read.createdAt, run.createdAt);
    QVERIFY(!read.wasInterrupted());
    QCOMPARE(read.createdAt.timeSpec(), Qt::UTC);
    QCOMPARE(read.finishedAt.timeSpec(), Qt::UTC);

    // A minimal run: nullable columns read back empty.
    SyncRunRecord minimal;
    minimal.tenantId = tenant;
    minimal.serviceId = 8;
    minimal.syncType = QStringLiteral("department");
    minimal.mode = QStringLiteral("incremental");
    minimal.trigger = QStringLiteral("gui");
    auto minimalId = runs.create(minimal);
    VERIFY_OK(minimalId);
    auto minimalRead = runs.find(tenant, minimalId.value());
    VERIFY_OK(minimalRead);
    const SyncRunRecord &m = minimalRead->value().run;
    QVERIFY(m.createdAt.isValid());
    QVERIFY(qAbs(m.createdAt.msecsTo(QDateTime::currentDateTimeUtc())) < 60000);
    QVERIFY(!m.startedAt.isValid() && !m.finishedAt.isValid() && !m.heartbeatAt.isValid());
    QVERIFY(!m.durationMs && !m.pid);
    QVERIFY(m.host.isEmpty() && m.appVersion.isEmpty() && m.correlationId.isEmpty() && m.errorSummary.isEmpty());
    QVERIFY(m.checkpoint.isEmpty());
    QCOMPARE(m.counts, SyncCounts{});
    QVERIFY(!m.dryRun);
}

void TestSyncRuns::changesOnlyWhileRunning()
{
    SyncRunRepository runs(*m_db);
    auto id = runs.create(newRun());
    VERIFY_OK(id);
    // Not running yet.
    VERIFY_FAILS_WITH(runs.heartbeat(tenant, id.value(), QStringLiteral("build-01.example.cn"), 4242),
                      ErrorCode::LockHeld);
    VERIFY_FAILS_WITH(runs.saveCheckpoint(tenant, id.value(), {{QStringLiteral("a"), 1}}, {}), ErrorCode::LockHeld);
    VERIFY_OK(runs.start(tenant, id.value()));
    VERIFY_FAILS_WITH(runs.start(tenant, id.value()), ErrorCode::Internal);
    // Only this host and process.
    VERIFY_FAILS_WITH(runs.heartbeat(tenant, id.value(), QStringLiteral("build-02.example.cn"), 4242),
                      ErrorCode::LockHeld);
    VERIFY_FAILS_WITH(runs.heartbeat(tenant, id.value(), QStringLiteral("build-01.example.cn"), 4243),
                      ErrorCode::LockHeld);
    VERIFY_OK(runs.heartbeat(tenant, id.value(), QStringLiteral("build-01.example.cn"), 4242));
    VERIFY_FAILS_WITH(runs.finish(tenant, id.value(), {SyncRunStatus::Running, {}, {}, {}}), ErrorCode::InvalidInput);
    VERIFY_OK(runs.finish(tenant, id.value(), {SyncRunStatus::Cancelled, counts(3), QStringLiteral("SIGINT"), {}}));

    // Ended: nothing changes it any more, and the message says what happened.
    auto again = runs.finish(tenant, id.value(), {SyncRunStatus::Success, counts(9), {}, {}});
    VERIFY_FAILS_WITH(again, ErrorCode::LockHeld);
    QVERIFY2(again.error().message.contains(QLatin1String("cancelled")), qPrintable(again.error().message));
    VERIFY_FAILS_WITH(runs.heartbeat(tenant, id.value(), QStringLiteral("build-01.example.cn"), 4242),
                      ErrorCode::LockHeld);
    VERIFY_FAILS_WITH(runs.saveCheckpoint(tenant, id.value(), {{QStringLiteral("a"), 1}}, counts(7)),
                      ErrorCode::LockHeld);
    auto read = runs.find(tenant, id.value());
    VERIFY_OK(read);
    QCOMPARE(read->value().run.status, SyncRunStatus::Cancelled);
    QCOMPARE(read->value().run.counts, counts(3));
    QCOMPARE(read->value().run.errorSummary, QStringLiteral("SIGINT"));
    QVERIFY(read->value().run.checkpoint.isEmpty());

    // finish() joins the caller's transaction: a failure there rolls the caller's work back too.
    auto other = runs.create(newRun());
    VERIFY_OK(other);
    VERIFY_OK(runs.start(tenant, other.value()));
    const Status rolledBack = m_db->transaction([&]() -> Status {
        if (Status saved = runs.saveCheckpoint(tenant, other.value(), {{QStringLiteral("page"), 5}}, counts(5));
            !saved) {
            return saved;
        }
        return runs.finish(tenant, id.value(), {SyncRunStatus::Success, {}, {}, {}});
    });
    VERIFY_FAILS_WITH(rolledBack, ErrorCode::LockHeld);
    auto untouched = runs.find(tenant, other.value());
    VERIFY_OK(untouched);
    QVERIFY(untouched->value().run.checkpoint.isEmpty());
    QCOMPARE(untouched->value().run.counts, SyncCounts{});
}

void TestSyncRuns::finishWithoutStart()
{
    SyncRunRepository runs(*m_db);
    auto id = runs.create(newRun());
    VERIFY_OK(id);
    VERIFY_OK(runs.finish(tenant, id.value(), {SyncRunStatus::Failed, {}, QStringLiteral("凭据无效"), fold}));
    auto read = runs.find(tenant, id.value());
    VERIFY_OK(read);
    QCOMPARE(read->value().run.status, SyncRunStatus::Failed);
    QCOMPARE(read->value().run.finishedAt, fold);
    QVERIFY(!read->value().run.startedAt.isValid());
    QVERIFY(!read->value().run.durationMs);
    VERIFY_FAILS_WITH(runs.start(tenant, id.value()), ErrorCode::Internal);
}

void TestSyncRuns::invalidInputIsRefused()
{
    SyncRunRepository runs(*m_db);
    SyncRunRecord noTenant = newRun();
    noTenant.tenantId.clear();
    SyncRunRecord noService = newRun();
    noService.serviceId = 0;
    SyncRunRecord noType = newRun();
    noType.syncType.clear();
    SyncRunRecord badMode = newRun();
    badMode.mode = QStringLiteral("force");
    SyncRunRecord badTrigger = newRun();
    badTrigger.trigger = QStringLiteral("cron");
    for (const SyncRunRecord &bad : {noTenant, noService, noType, badMode, badTrigger}) {
        VERIFY_FAILS_WITH(runs.create(bad), ErrorCode::InvalidInput);
    }
    auto page = runs.list(tenant, {}, std::nullopt, 10);
    VERIFY_OK(page);
    QVERIFY(page->runs.isEmpty());
}

void TestSyncRuns::unknownRunsAreNotFound()
{
    SyncRunRepository runs(*m_db);
    auto id = runs.create(newRun());
    VERIFY_OK(id);
    const QString otherTenant = QStringLiteral("t2");
    for (const auto &[t, runId] : {std::pair<QString, qint64>{tenant, id.value() + 100}, {otherTenant, id.value()}}) {
        VERIFY_FAILS_WITH(runs.start(t, runId), ErrorCode::NotFound);
        VERIFY_FAILS_WITH(runs.heartbeat(t, runId, QStringLiteral("build-01.example.cn"), 4242), ErrorCode::NotFound);
        VERIFY_FAILS_WITH(runs.saveCheckpoint(t, runId, {}, {}), ErrorCode::NotFound);
        VERIFY_FAILS_WITH(runs.finish(t, runId, {}), ErrorCode::NotFound);
        auto none = runs.find(t, runId);
        VERIFY_OK(none);
        QVERIFY(!none->has_value());
    }
    // The other tenant's run is untouched.
    auto read = runs.find(tenant, id.value());
    VERIFY_OK(read);
    QCOMPARE(read->value().run.status, SyncRunStatus::Pending);
}

void TestSyncRuns::stepsAndErrors()
{
    SyncRunRepository runs(*m_db);
    auto id = runs.create(newRun(key(7, QStringLiteral("full"))));
    VERIFY_OK(id);
    VERIFY_OK(runs.start(tenant, id.value(), gap));

    const QStringList entities{QStringLiteral("department"), QStringLiteral("user"), QStringLiteral("tag"),
                               QStringLiteral("customer")};
    QList<SyncRunStepRecord> expected;
    for (int i = 0; i < entities.size(); ++i) {
        SyncRunStepRecord step;
        step.tenantId = tenant;
        step.runId = id.value();
        step.stepNo = i + 1;
        step.entity = entities.at(i);
        auto stepId = runs.addStep(step);
        VERIFY_OK(stepId);
        step.id = stepId.value();
        expected.append(step);
    }
    // Update the first two, out of order.
    expected[1].status = SyncRunStatus::Running;
    expected[1].startedAt = fold;
    expected[1].counts = counts(20);
    VERIFY_OK(runs.updateStep(expected[1]));
    expected[0].status = SyncRunStatus::Success;
    expected[0].startedAt = gap;
    expected[0].finishedAt = gap.addMSecs(1500);
    expected[0].counts = counts(10);
    VERIFY_OK(runs.updateStep(expected[0]));

    // Errors in batches; the second batch refers to a run that does not exist, so none of it is written.
    QList<SyncRunErrorRecord> errors;
    for (int i = 0; i < 5; ++i) {
        SyncRunErrorRecord error;
        error.tenantId = tenant;
        error.runId = id.value();
        error.entity = QStringLiteral("customer");
        error.externalId = QStringLiteral("wmABC_%1").arg(i);
        error.errcode = QStringLiteral("84061");
        error.message = QStringLiteral("不存在外部联系人的关系 %1").arg(i);
        error.occurredAt = gap.addMSecs(i * 333);
        errors.append(error);
    }
    SyncRunErrorRecord bare;
    bare.tenantId = tenant;
    bare.runId = id.value();
    errors.append(bare);
    VERIFY_OK(runs.appendErrors(errors.mid(0, 3)));
    VERIFY_OK(runs.appendErrors(errors.mid(3)));
    QList<SyncRunErrorRecord> orphans = errors.mid(0, 2);
    orphans[1].runId = id.value() + 1000;
    VERIFY_FAILS_WITH(runs.appendErrors(orphans), ErrorCode::NotFound);
    VERIFY_OK(runs.appendErrors({}));
    QList<SyncRunErrorRecord> noRun = errors.mid(0, 1);
    noRun[0].runId = 0;
    VERIFY_FAILS_WITH(runs.appendErrors(noRun), ErrorCode::InvalidInput);

    auto details = runs.find(tenant, id.value());
    VERIFY_OK(details);
    QCOMPARE(details->value().steps, expected);
    QCOMPARE(details->value().errorCount, qint64(6));
    QCOMPARE(details->value().errors.size(), 6);
    for (int i = 0; i < 5; ++i) {
        SyncRunErrorRecord read = details->value().errors.at(i);
        QVERIFY(read.id > 0);
        read.id = 0;
        QCOMPARE(read, errors.at(i));
    }
    const SyncRunErrorRecord &readBare = details->value().errors.at(5);
    QVERIFY(readBare.entity.isEmpty() && readBare.externalId.isEmpty() && readBare.errcode.isEmpty());
    QVERIFY(readBare.occurredAt.isValid());

    auto limited = runs.find(tenant, id.value(), 2);
    VERIFY_OK(limited);
    QCOMPARE(limited->value().errorCount, qint64(6));
    QCOMPARE(limited->value().errors.size(), 2);
    QCOMPARE(limited->value().errors.at(1).externalId, QStringLiteral("wmABC_1"));

    // Step rules.
    SyncRunStepRecord duplicate = expected.at(2);
    VERIFY_FAILS_WITH(runs.addStep(duplicate), ErrorCode::AlreadyExists);
    SyncRunStepRecord zero = expected.at(0);
    zero.stepNo = 0;
    VERIFY_FAILS_WITH(runs.addStep(zero), ErrorCode::InvalidInput);
    SyncRunStepRecord noEntity = expected.at(0);
    noEntity.stepNo = 9;
    noEntity.entity.clear();
    VERIFY_FAILS_WITH(runs.addStep(noEntity), ErrorCode::InvalidInput);
    SyncRunStepRecord unknownRun = expected.at(0);
    unknownRun.stepNo = 9;
    unknownRun.runId = id.value() + 1000;
    VERIFY_FAILS_WITH(runs.addStep(unknownRun), ErrorCode::NotFound);
    SyncRunStepRecord otherTenant = expected.at(0);
    otherTenant.stepNo = 9;
    otherTenant.tenantId = QStringLiteral("t2");
    VERIFY_FAILS_WITH(runs.addStep(otherTenant), ErrorCode::NotFound);
    SyncRunStepRecord missing = expected.at(0);
    missing.stepNo = 9;
    VERIFY_FAILS_WITH(runs.updateStep(missing), ErrorCode::NotFound);
    // After a failed statement the connection still works (PostgreSQL aborts the transaction it failed in).
    auto still = runs.find(tenant, id.value());
    VERIFY_OK(still);
    QCOMPARE(still->value().steps.size(), 4);
}

void TestSyncRuns::listFiltersAndPages()
{
    // 30 runs of two services and two types with every status, one created per minute, and runs of another tenant.
    struct Made {
        qint64 id;
        qint64 service;
        QString type;
        SyncRunStatus status;
        QDateTime createdAt;
    };
    QList<Made> made;
    const QList<SyncRunStatus> statuses{SyncRunStatus::Success, SyncRunStatus::Failed, SyncRunStatus::Partial,
                                        SyncRunStatus::Pending, SyncRunStatus::Cancelled};
    for (int i = 0; i < 30; ++i) {
        const qint64 service = i % 3 == 0 ? 8 : 7;
        const QString type = i % 2 == 0 ? QStringLiteral("customer") : QStringLiteral("department");
        const SyncRunStatus status = statuses.at(i % statuses.size());
        const QDateTime at = gap.addSecs(i * 60 - 15 * 60); // across the gap
        const qint64 id = addRun({tenant, service, type}, status, at);
        QVERIFY(id > 0);
        made.append({id, service, type, status, at});
        QVERIFY(addRun({QStringLiteral("t2"), service, type}, status, at) > 0);
    }
    auto expect = [&](const std::function<bool(const Made &)> &matches) {
        QList<qint64> result;
        for (auto it = made.crbegin(); it != made.crend(); ++it) {
            if (matches(*it)) {
                result.append(it->id);
            }
        }
        return result;
    };

    QCOMPARE(allPages({}, 7), expect([](const Made &) { return true; }));
    QCOMPARE(allPages({}, 30), expect([](const Made &) { return true; }));
    QCOMPARE(allPages({}, 1000), expect([](const Made &) { return true; }));
    QCOMPARE(allPages({}, 0).size(), 30); // clamped to 1 per page

    SyncRunFilter byService;
    byService.serviceId = 8;
    QCOMPARE(allPages(byService, 4), expect([](const Made &m) { return m.service == 8; }));
    SyncRunFilter byType;
    byType.syncType = QStringLiteral("department");
    QCOMPARE(allPages(byType, 4), expect([](const Made &m) { return m.type == QLatin1String("department"); }));
    SyncRunFilter byStatus;
    byStatus.status = SyncRunStatus::Success;
    QCOMPARE(allPages(byStatus, 3), expect([](const Made &m) { return m.status == SyncRunStatus::Success; }));
    SyncRunFilter since;
    since.since = made.at(12).createdAt;
    QCOMPARE(allPages(since, 5), expect([&](const Made &m) { return m.createdAt >= made.at(12).createdAt; }));
    SyncRunFilter window;
    window.since = made.at(5).createdAt;
    window.until = made.at(20).createdAt;
    QCOMPARE(allPages(window, 5), expect([&](const Made &m) {
                 return m.createdAt >= made.at(5).createdAt && m.createdAt < made.at(20).createdAt;
             }));
    SyncRunFilter combined;
    combined.serviceId = 7;
    combined.syncType = QStringLiteral("customer");
    combined.status = SyncRunStatus::Success;
    combined.since = made.at(3).createdAt;
    const QList<qint64> combinedIds = expect([&](const Made &m) {
        return m.service == 7 && m.type == QLatin1String("customer") && m.status == SyncRunStatus::Success &&
               m.createdAt >= made.at(3).createdAt;
    });
    QVERIFY(!combinedIds.isEmpty());
    QCOMPARE(allPages(combined, 1), combinedIds);
    SyncRunFilter nothing;
    nothing.serviceId = 99;
    QCOMPARE(allPages(nothing, 5), QList<qint64>());

    // Runs created meanwhile do not shift the next page.
    SyncRunRepository runs(*m_db);
    auto first = runs.list(tenant, {}, std::nullopt, 10);
    VERIFY_OK(first);
    QVERIFY(first->next);
    QVERIFY(addRun(key(), SyncRunStatus::Running, fold) > 0);
    auto second = runs.list(tenant, {}, first->next, 10);
    VERIFY_OK(second);
    QCOMPARE(ids(second->runs), expect([](const Made &) { return true; }).mid(10, 10));
    // Whole records come back in the list too.
    auto one = runs.find(tenant, second->runs.constFirst().id);
    VERIFY_OK(one);
    QCOMPARE(second->runs.constFirst(), one->value().run);
}

void TestSyncRuns::listFiltersByRunCorrelationAndText()
{
    SyncRunRepository runs(*m_db);
    QList<qint64> made;
    for (int i = 0; i < 6; ++i) {
        SyncRunRecord run = newRun(key(), gap.addSecs(i * 60));
        run.correlationId = QStringLiteral("corr-%1").arg(i % 2);
        run.host = i == 4 ? QStringLiteral("CRON-02.example.cn") : QStringLiteral("build-01.example.cn");
        auto id = runs.create(run);
        VERIFY_OK(id);
        VERIFY_OK(runs.start(tenant, id.value(), gap.addSecs(i * 60 + 1)));
        const QString summary = i == 1 ? QStringLiteral("60011: 部门不在可见范围 (50%_done!)") : QString();
        VERIFY_OK(runs.finish(tenant, id.value(), {SyncRunStatus::Failed, counts(1), summary, {}}));
        made.prepend(id.value()); // newest first
    }
    // Another tenant's run with the same correlation id and text never shows.
    SyncRunRecord other = newRun({QStringLiteral("t2"), 7, QStringLiteral("customer")}, gap);
    other.correlationId = QStringLiteral("corr-1");
    VERIFY_OK(runs.create(other));

    SyncRunFilter byRun;
    byRun.runId = made.at(2);
    QCOMPARE(allPages(byRun, 5), QList<qint64>{made.at(2)});
    byRun.runId = 999999;
    QCOMPARE(allPages(byRun, 5), QList<qint64>());

    SyncRunFilter byCorrelation;
    byCorrelation.correlationId = QStringLiteral("corr-1");
    QCOMPARE(allPages(byCorrelation, 2), (QList<qint64>{made.at(0), made.at(2), made.at(4)}));

    SyncRunFilter byText;
    byText.textContains = QStringLiteral("可见范围");
    QCOMPARE(allPages(byText, 5), QList<qint64>{made.at(4)});
    byText.textContains = QStringLiteral("50%_DONE!"); // LIKE wildcards and the escape character are literal
    QCOMPARE(allPages(byText, 5), QList<qint64>{made.at(4)});
    byText.textContains = QStringLiteral("5%done");
    QCOMPARE(allPages(byText, 5), QList<qint64>());
    byText.textContains = QStringLiteral("cron-02"); // the host, case-insensitively
    QCOMPARE(allPages(byText, 5), QList<qint64>{made.at(1)});
}

void TestSyncRuns::lastRunAndLastSuccess()
{
    SyncRunRepository runs(*m_db);
    const SyncRunKey customers = key();
    auto none = runs.lastRun(customers);
    VERIFY_OK(none);
    QVERIFY(!none->has_value());
    auto noSuccess = runs.lastSuccess(customers);
    VERIFY_OK(noSuccess);
    QVERIFY(!noSuccess->has_value());

    const qint64 success = addRun(customers, SyncRunStatus::Success, gap);
    QVERIFY(success > 0);
    QVERIFY(addRun(customers, SyncRunStatus::Failed, gap.addSecs(60)) > 0);
    QVERIFY(addRun(customers, SyncRunStatus::Success, gap.addSecs(120), true) > 0); // a dry run
    QVERIFY(addRun(customers, SyncRunStatus::Partial, gap.addSecs(180)) > 0);
    QVERIFY(addRun(customers, SyncRunStatus::Cancelled, gap.addSecs(240)) > 0);
    QVERIFY(addRun(key(8), SyncRunStatus::Success, gap.addSecs(300)) > 0);                         // other service
    QVERIFY(addRun(key(7, QStringLiteral("user")), SyncRunStatus::Success, gap.addSecs(300)) > 0); // other type
    QVERIFY(addRun({QStringLiteral("t2"), 7, QStringLiteral("customer")}, SyncRunStatus::Success, gap.addSecs(300)) >
            0); // other tenant
    const qint64 running = addRun(customers, SyncRunStatus::Running, gap.addSecs(360));
    QVERIFY(running > 0);

    auto last = runs.lastRun(customers);
    VERIFY_OK(last);
    QCOMPARE(last->value().id, running);
    QCOMPARE(last->value().status, SyncRunStatus::Running);
    // Only a real, successful run advances the last success.
    auto lastSuccess = runs.lastSuccess(customers);
    VERIFY_OK(lastSuccess);
    QCOMPARE(lastSuccess->value().id, success);
    QCOMPARE(lastSuccess->value().counts, counts(1));

    VERIFY_OK(runs.finish(tenant, running, {SyncRunStatus::Success, counts(2), {}, gap.addSecs(400)}));
    auto advanced = runs.lastSuccess(customers);
    VERIFY_OK(advanced);
    QCOMPARE(advanced->value().id, running);
    QCOMPARE(advanced->value().finishedAt, gap.addSecs(400));
}

void TestSyncRuns::lastRunPerType()
{
    SyncRunRepository runs(*m_db);
    auto none = runs.lastRunPerType(tenant, 7);
    VERIFY_OK(none);
    QVERIFY(none->isEmpty());
    QVERIFY(addRun(key(7, QStringLiteral("user")), SyncRunStatus::Success, gap) > 0);
    const qint64 user = addRun(key(7, QStringLiteral("user")), SyncRunStatus::Failed, gap.addSecs(60));
    const qint64 department = addRun(key(7, QStringLiteral("department")), SyncRunStatus::Success, gap);
    const qint64 full = addRun(key(7, QStringLiteral("full")), SyncRunStatus::Running, fold);
    QVERIFY(addRun(key(8, QStringLiteral("customer")), SyncRunStatus::Success, fold) > 0);
    QVERIFY(addRun({QStringLiteral("t2"), 7, QStringLiteral("customer")}, SyncRunStatus::Success, fold) > 0);
    auto last = runs.lastRunPerType(tenant, 7);
    VERIFY_OK(last);
    QCOMPARE(ids(last.value()), (QList<qint64>{department, full, user}));
    QCOMPARE(last->at(2).status, SyncRunStatus::Failed);
}

void TestSyncRuns::staleRunsAreEndedAsInterrupted()
{
    SyncRunRepository runs(*m_db);
    const SyncRunKey k = key();
    const QDateTime now = fold.addSecs(3600);
    const QDateTime staleBefore = now.addSecs(-120);

    // Running, last heartbeat long ago (the process died).
    const qint64 dead = addRun(k, SyncRunStatus::Running, fold);
    VERIFY_OK(runs.heartbeat(tenant, dead, QStringLiteral("build-01.example.cn"), 4242, fold.addMSecs(15250)));
    SyncRunStepRecord step;
    step.tenantId = tenant;
    step.runId = dead;
    step.stepNo = 1;
    step.entity = QStringLiteral("customer");
    step.status = SyncRunStatus::Running;
    step.startedAt = fold.addSecs(1);
    VERIFY_OK(runs.addStep(step));
    SyncRunStepRecord later = step;
    later.stepNo = 2;
    later.entity = QStringLiteral("tag");
    later.status = SyncRunStatus::Pending;
    later.startedAt = {};
    VERIFY_OK(runs.addStep(later));
    // Pending, created long ago and never started.
    const qint64 neverStarted = addRun(k, SyncRunStatus::Pending, gap);
    // Running, never sent a heartbeat after its start: the start counts.
    const qint64 startedOnly = addRun(k, SyncRunStatus::Running, fold.addSecs(-10));
    // Running and alive: heartbeat after the cut-off.
    const qint64 alive = addRun(k, SyncRunStatus::Running, fold);
    VERIFY_OK(runs.heartbeat(tenant, alive, QStringLiteral("build-01.example.cn"), 4242, now.addSecs(-5)));
    // Ended long ago, and stale runs of other keys: untouched.
    const qint64 ended = addRun(k, SyncRunStatus::Success, gap);
    const qint64 otherType = addRun(key(7, QStringLiteral("user")), SyncRunStatus::Running, fold);
    const qint64 otherService = addRun(key(8), SyncRunStatus::Running, fold);
    const qint64 otherTenant =
        addRun({QStringLiteral("t2"), 7, QStringLiteral("customer")}, SyncRunStatus::Running, fold);
    for (qint64 id : {dead, neverStarted, startedOnly, alive, ended, otherType, otherService, otherTenant}) {
        QVERIFY(id > 0);
    }

    auto marked = runs.markStaleRuns(k, staleBefore, now);
    VERIFY_OK(marked);
    QCOMPARE(ids(marked.value()), (QList<qint64>{dead, neverStarted, startedOnly}));

    auto deadRead = runs.find(tenant, dead);
    VERIFY_OK(deadRead);
    const SyncRunRecord &d = deadRead->value().run;
    QCOMPARE(d.status, SyncRunStatus::Failed);
    QVERIFY(d.wasInterrupted());
    QCOMPARE(d.errorSummary, QStringLiteral("interrupted: no heartbeat since 2024-11-03T05:30:15.500Z (host "
                                            "build-01.example.cn, pid 4242)"));
    QCOMPARE(d.finishedAt, fold.addMSecs(15250));
    QCOMPARE(d.durationMs, std::optional<qint64>(15250 - 1000)); // started one second after its creation
    QCOMPARE(d.updatedAt, now);
    QCOMPARE(marked->at(0), d); // returned as stored
    QCOMPARE(deadRead->value().steps.at(0).status, SyncRunStatus::Failed);
    QCOMPARE(deadRead->value().steps.at(0).finishedAt, fold.addMSecs(15250));
    QCOMPARE(deadRead->value().steps.at(1).status, SyncRunStatus::Pending); // never reached

    auto pendingRead = runs.find(tenant, neverStarted);
    VERIFY_OK(pendingRead);
    QCOMPARE(pendingRead->value().run.status, SyncRunStatus::Failed);
    QCOMPARE(pendingRead->value().run.finishedAt, gap);
    QVERIFY(!pendingRead->value().run.durationMs);
    QVERIFY(pendingRead->value().run.errorSummary.startsWith(QLatin1String("interrupted: no heartbeat since "
                                                                           "2024-03-10T07:00:00.125Z")));
    auto startedRead = runs.find(tenant, startedOnly);
    VERIFY_OK(startedRead);
    QCOMPARE(startedRead->value().run.finishedAt, fold.addSecs(-9));
    QCOMPARE(startedRead->value().run.durationMs, std::optional<qint64>(0));

    for (qint64 id : {alive, otherType, otherService}) {
        auto read = runs.find(tenant, id);
        VERIFY_OK(read);
        QCOMPARE(read->value().run.status, SyncRunStatus::Running);
    }
    auto endedRead = runs.find(tenant, ended);
    VERIFY_OK(endedRead);
    QCOMPARE(endedRead->value().run.status, SyncRunStatus::Success);
    QVERIFY(!endedRead->value().run.wasInterrupted());
    auto otherTenantRead = runs.find(QStringLiteral("t2"), otherTenant);
    VERIFY_OK(otherTenantRead);
    QCOMPARE(otherTenantRead->value().run.status, SyncRunStatus::Running);

    // The dead run's process, should it come back, learns that it was taken over.
    auto late = runs.heartbeat(tenant, dead, QStringLiteral("build-01.example.cn"), 4242);
    VERIFY_FAILS_WITH(late, ErrorCode::LockHeld);
    VERIFY_FAILS_WITH(runs.finish(tenant, dead, {SyncRunStatus::Success, {}, {}, {}}), ErrorCode::LockHeld);
    // Once is enough; an interrupted run is no success.
    auto again = runs.markStaleRuns(k, staleBefore, now);
    VERIFY_OK(again);
    QVERIFY(again->isEmpty());
    auto lastSuccess = runs.lastSuccess(k);
    VERIFY_OK(lastSuccess);
    QCOMPARE(lastSuccess->value().id, ended);
}

void TestSyncRuns::statusNames()
{
    const QList<std::pair<SyncRunStatus, const char *>> all{
        {SyncRunStatus::Pending, "pending"}, {SyncRunStatus::Running, "running"},
        {SyncRunStatus::Success, "success"}, {SyncRunStatus::Partial, "partial"},
        {SyncRunStatus::Failed, "failed"},   {SyncRunStatus::Cancelled, "cancelled"}};
    for (const auto &[status, name] : all) {
        QCOMPARE(syncRunStatusName(status), QString::fromLatin1(name));
        QCOMPARE(parseSyncRunStatus(QString::fromLatin1(name)), std::optional<SyncRunStatus>(status));
        QCOMPARE(isFinal(status), status != SyncRunStatus::Pending && status != SyncRunStatus::Running);
    }
    QVERIFY(!parseSyncRunStatus(QStringLiteral("interrupted")));
    QVERIFY(!parseSyncRunStatus(QStringLiteral("Success")));
}

QTEST_GUILESS_MAIN(TestSyncRuns)
#include "tst_syncruns.moc"
