// The sync run history on the command line, in-process against every database dialect: `runs list` with its filters,
// paging and usage errors, `runs show` in text and JSON (steps, errors, the calls made by endpoint), and `sync-status`
// with its health words and last success. The runs are recorded directly through SyncRunRepository, the way the sync
// engine records them.

#include "CliRunner.h"
#include "TestDatabase.h"
#include "db/CallLogRepository.h"
#include "db/Repositories.h"
#include "db/SyncRunRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>

using namespace ic;
using ic::test::CliRun;

namespace {

const QString kTenant = QStringLiteral("default");

QString describe(const CliRun &run)
{
    return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3").arg(run.code).arg(run.out, run.err);
}

QJsonObject jsonObject(const CliRun &run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

QList<qint64> runIds(const QJsonObject &list)
{
    QList<qint64> ids;
    for (const QJsonValue &run : list.value(u"runs").toArray()) {
        ids.append(run.toObject().value(u"id").toInteger());
    }
    return ids;
}

/// The sync `type` of the service named `service` in a sync-status document.
QJsonObject syncOf(const QJsonObject &status, const QString &service, const QString &type)
{
    for (const QJsonValue &s : status.value(u"services").toArray()) {
        if (s.toObject().value(u"name").toString() != service) {
            continue;
        }
        for (const QJsonValue &sync : s.toObject().value(u"syncs").toArray()) {
            if (sync.toObject().value(u"sync_type").toString() == type) {
                return sync.toObject();
            }
        }
    }
    return {};
}

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyResult = (expr);                                                                             \
        QVERIFY2(verifyResult.ok(), verifyResult.ok() ? "" : qPrintable(verifyResult.error().toDisplayString()));      \
    } while (false)

} // namespace

#define RUN_OK(var, ...)                                                                                               \
    const CliRun var = m_cli->run(__VA_ARGS__);                                                                        \
    QVERIFY2(var.code == 0, qPrintable(describe(var)))

class TestCliRuns : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void listsNewestFirst();
    void listFilters_data();
    void listFilters();
    void listPagesWithAfter();
    void usageErrors_data();
    void usageErrors();
    void unknownServiceOrRun();
    void showPartialRun();
    void showPartialRunJson();
    void showInterruptedRun();
    void syncStatusHealth();
    void syncStatusText();
    void helpDescribesTheCommands();

private:
    /// Records and starts a run of `service` created `ageSeconds` before now, and finishes it with `end` (unset: left
    /// running) after `durationMs`; returns its id, 0 after a failure.
    qint64 addRun(qint64 service, const QString &type, const QString &mode, const QString &trigger, bool dryRun,
                  qint64 ageSeconds, std::optional<db::SyncRunStatus> end, const db::SyncCounts &counts,
                  const QString &errorSummary = {}, qint64 durationMs = 1500);
    qint64 serviceId(const QString &name);

    std::unique_ptr<test::TestDatabase> m_database;
    std::unique_ptr<db::Database> m_db;
    std::shared_ptr<secrets::SecretStore> m_store;
    std::unique_ptr<test::CliRunner> m_cli;
    QDateTime m_now;

    qint64 m_userSuccess = 0; ///< A: user, success, 4 d 1 h ago.
    qint64 m_deptSuccess = 0; ///< A: department, success fetching 120, 3 d ago.
    qint64 m_deptDry = 0;     ///< A: department, dry run, 2 d 1 h ago.
    qint64 m_userPartial = 0; ///< A: user, partial with steps, errors and calls, 30 h ago.
    qint64 m_userDry = 0;     ///< A: user, dry run, 20 h ago.
    qint64 m_otherDept = 0;   ///< B: department, success, 10 h ago.
    qint64 m_otherDry = 0;    ///< B: customer, dry run only, 9 h ago.
    qint64 m_interrupted = 0; ///< A: customer, interrupted, 2 h ago.
    qint64 m_deptZero = 0;    ///< A: department, success fetching nothing, 90 min ago.
    qint64 m_running = 0;     ///< A: full, running, 5 min ago.
    QList<qint64> m_all;      ///< Newest first.
};

qint64 TestCliRuns::serviceId(const QString &name)
{
    db::ServiceConfigRepository services(*m_db);
    auto found = services.findByName(kTenant, name);
    return found && found.value() ? found.value()->id : 0;
}

qint64 TestCliRuns::addRun(qint64 service, const QString &type, const QString &mode, const QString &trigger,
                           bool dryRun, qint64 ageSeconds, std::optional<db::SyncRunStatus> end,
                           const db::SyncCounts &counts, const QString &errorSummary, qint64 durationMs)
{
    db::SyncRunRepository runs(*m_db);
    db::SyncRunRecord run;
    run.tenantId = kTenant;
    run.serviceId = service;
    run.syncType = type;
    run.mode = mode;
    run.trigger = trigger;
    run.dryRun = dryRun;
    run.host = QStringLiteral("sync-host-01");
    run.pid = 4321;
    run.appVersion = QStringLiteral("0.4.0");
    run.correlationId = QStringLiteral("corr-%1-%2").arg(type).arg(ageSeconds);
    run.createdAt = m_now.addSecs(-ageSeconds);
    auto created = runs.create(run);
    if (!created) {
        qWarning() << created.error().toDisplayString();
        return 0;
    }
    const qint64 id = created.value();
    if (Status started = runs.start(kTenant, id, run.createdAt); !started) {
        qWarning() << started.error().toDisplayString();
        return 0;
    }
    if (end) {
        db::SyncRunOutcome outcome;
        outcome.status = *end;
        outcome.counts = counts;
        outcome.errorSummary = errorSummary;
        outcome.finishedAt = run.createdAt.addMSecs(durationMs);
        if (Status finished = runs.finish(kTenant, id, outcome); !finished) {
            qWarning() << finished.error().toDisplayString();
            return 0;
        }
    }
    return id;
}

void TestCliRuns::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_database = std::move(database);
    if (!m_database->password().isEmpty()) {
        qputenv("IC_SECRET_DATABASE_PASSWORD", m_database->password().toUtf8());
    }
    m_store = secrets::makeMemorySecretStore();
    m_cli = std::make_unique<test::CliRunner>(m_database->url().toString(), m_store);
    RUN_OK(migrated, {QStringLiteral("db"), QStringLiteral("migrate")});
    for (const QString &name :
         {QStringLiteral("wecom-main"), QStringLiteral("wecom-other"), QStringLiteral("wecom-empty")}) {
        RUN_OK(added,
               {QStringLiteral("service"), QStringLiteral("add"), QStringLiteral("--type"), QStringLiteral("wecom"),
                QStringLiteral("--name"), name, QStringLiteral("--set"), QStringLiteral("corp_id=ww0123456789abcdef"),
                QStringLiteral("--set"), QStringLiteral("agent_id=1000002")});
    }
    auto opened = m_database->open();
    VERIFY_OK(opened);
    m_db = std::move(opened.value());
    const qint64 a = serviceId(QStringLiteral("wecom-main"));
    const qint64 b = serviceId(QStringLiteral("wecom-other"));
    QVERIFY(a > 0 && b > 0);
    // Whole seconds: every dialect stores the times exactly, and ages print the same whenever the test runs.
    m_now = QDateTime::currentDateTimeUtc();
    m_now = m_now.addMSecs(-m_now.time().msec());
    const qint64 hour = 3600;
    const qint64 day = 24 * hour;
    using S = db::SyncRunStatus;

    const QString user = QStringLiteral("user");
    const QString department = QStringLiteral("department");
    const QString customer = QStringLiteral("customer");
    const QString full = QStringLiteral("full");
    const QString incremental = QStringLiteral("incremental");
    const QString schedule = QStringLiteral("schedule");
    const QString cli = QStringLiteral("cli");
    const QString gui = QStringLiteral("gui");
    m_userSuccess = addRun(a, user, full, schedule, false, 4 * day + hour, S::Success, {50, 50, 0, 0, 0, 0});
    m_deptSuccess = addRun(a, department, full, schedule, false, 3 * day, S::Success, {120, 2, 3, 1, 114, 0});
    m_deptDry = addRun(a, department, full, cli, true, 2 * day + hour, S::Success, {120, 0, 0, 0, 120, 0});
    m_userPartial = addRun(a, user, incremental, gui, false, 30 * hour, S::Partial, {60, 1, 4, 0, 52, 1003},
                           QStringLiteral("1003 of 60 items failed\nsee the errors"), 125000);
    m_userDry = addRun(a, user, full, cli, true, 20 * hour, S::Success, {60, 0, 0, 0, 60, 0});
    m_otherDept = addRun(b, department, full, schedule, false, 10 * hour, S::Success, {7, 7, 0, 0, 0, 0});
    m_otherDry = addRun(b, customer, full, cli, true, 9 * hour, S::Success, {3, 0, 0, 0, 3, 0});
    m_interrupted = addRun(a, customer, full, schedule, false, 2 * hour, std::nullopt, {});
    m_deptZero = addRun(a, department, full, schedule, false, 90 * 60, S::Success, {});
    m_running = addRun(a, full, full, gui, false, 300, std::nullopt, {});
    m_all = {m_running, m_deptZero,    m_interrupted, m_otherDry,    m_otherDept,
             m_userDry, m_userPartial, m_deptDry,     m_deptSuccess, m_userSuccess};
    QVERIFY(!m_all.contains(0));

    db::SyncRunRepository runs(*m_db);
    // The customer run's process died: the next run of its key ends it as interrupted.
    auto marked = runs.markStaleRuns({kTenant, a, QStringLiteral("customer")}, m_now.addSecs(-600), m_now);
    VERIFY_OK(marked);
    QCOMPARE(marked->size(), 1);
    QVERIFY(marked->first().wasInterrupted());

    // The partial run: two steps and 1003 errors (more than runs show prints).
    db::SyncRunStepRecord step;
    step.tenantId = kTenant;
    step.runId = m_userPartial;
    step.stepNo = 1;
    step.entity = QStringLiteral("department");
    step.status = S::Success;
    step.counts = {10, 0, 1, 0, 9, 0};
    step.startedAt = m_now.addSecs(-30 * hour);
    step.finishedAt = step.startedAt.addSecs(5);
    VERIFY_OK(runs.addStep(step));
    step.stepNo = 2;
    step.entity = QStringLiteral("user");
    step.status = S::Partial;
    step.counts = {50, 1, 3, 0, 43, 1003};
    step.startedAt = step.finishedAt;
    step.finishedAt = step.startedAt.addSecs(120);
    VERIFY_OK(runs.addStep(step));
    QList<db::SyncRunErrorRecord> errors;
    for (int i = 0; i < 1003; ++i) {
        db::SyncRunErrorRecord error;
        error.tenantId = kTenant;
        error.runId = m_userPartial;
        error.entity = QStringLiteral("user");
        error.externalId = QStringLiteral("zhangsan-%1").arg(i);
        error.errcode = QStringLiteral("60111");
        error.message = i == 0 ? QStringLiteral("userid not found: 张三") : QStringLiteral("userid not found");
        errors.append(error);
    }
    VERIFY_OK(runs.appendErrors(errors));

    // Calls: five of the partial run (two failed, two endpoints), one of the interrupted run, one of no run.
    QList<db::CallLogRecord> calls;
    auto call = [&](std::optional<qint64> runId, const QString &endpoint, bool success) {
        db::CallLogRecord record;
        record.tenantId = kTenant;
        record.serviceId = a;
        record.serviceType = QStringLiteral("wecom");
        record.endpoint = endpoint;
        record.method = QStringLiteral("GET");
        record.runId = runId;
        record.requestAt = m_now.addSecs(-30 * hour + calls.size());
        record.success = success;
        calls.append(record);
    };
    const QString userList = QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/user/list");
    const QString token = QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/gettoken");
    call(m_userPartial, token + QStringLiteral("?corpid=ww0123456789abcdef&corpsecret=***"), true);
    for (int departmentId = 1; departmentId <= 4; ++departmentId) {
        call(m_userPartial, userList + QStringLiteral("?access_token=***&department_id=%1").arg(departmentId),
             departmentId % 2 == 1);
    }
    call(m_interrupted, token, true);
    call(std::nullopt, token, false);
    db::CallLogRepository callLog(*m_db);
    VERIFY_OK(callLog.insertBatch(calls));
}

void TestCliRuns::listsNewestFirst()
{
    RUN_OK(json, {QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--json")});
    const QJsonObject list = jsonObject(json);
    QCOMPARE(runIds(list), m_all);
    QVERIFY(list.value(u"next").isNull());
    const QJsonObject interrupted = list.value(u"runs").toArray().at(2).toObject();
    QCOMPARE(interrupted.value(u"status").toString(), QStringLiteral("failed"));
    QCOMPARE(interrupted.value(u"interrupted").toBool(), true);
    QCOMPARE(interrupted.value(u"service").toString(), QStringLiteral("wecom-main"));
    const QJsonObject running = list.value(u"runs").toArray().at(0).toObject();
    QCOMPARE(running.value(u"status").toString(), QStringLiteral("running"));
    QCOMPARE(running.value(u"interrupted").toBool(), false);
    QVERIFY(running.value(u"finished_at").isNull());

    RUN_OK(text, {QStringLiteral("runs"), QStringLiteral("list")});
    const QStringList lines = text.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + m_all.size());
    QVERIFY(lines.at(0).startsWith(QStringLiteral("ID")));
    QVERIFY(lines.at(0).contains(QStringLiteral("DRY RUN")));
    for (int i = 0; i < m_all.size(); ++i) {
        QVERIFY2(lines.at(i + 1).startsWith(QString::number(m_all.at(i)) + u' '), qPrintable(text.out));
    }
    QVERIFY2(lines.at(3).contains(QStringLiteral("interrupted")), qPrintable(lines.at(3)));
    QVERIFY2(lines.at(3).contains(QStringLiteral("no heartbeat since")), qPrintable(lines.at(3)));
    QVERIFY2(!lines.at(3).contains(QStringLiteral("failed")), qPrintable(lines.at(3)));
    // The partial run: compact counts, the first line of its error summary.
    const QString partial = lines.at(7);
    QVERIFY2(partial.contains(QStringLiteral("partial")), qPrintable(partial));
    QVERIFY2(partial.contains(QStringLiteral("60 +1 ~4 !1003")), qPrintable(partial));
    QVERIFY2(partial.contains(QStringLiteral("2 min 5 s")), qPrintable(partial));
    QVERIFY2(partial.endsWith(QStringLiteral("1003 of 60 items failed")), qPrintable(partial));
    QVERIFY2(lines.at(4).contains(QStringLiteral("wecom-other")), qPrintable(lines.at(4)));
    QVERIFY2(lines.at(4).contains(QStringLiteral("yes")), qPrintable(lines.at(4))); // dry run
}

void TestCliRuns::listFilters_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::newRow("status partial") << QStringList{QStringLiteral("--status"), QStringLiteral("partial")}
                                    << QList<qint64>{m_userPartial};
    QTest::newRow("status failed (interrupted)")
        << QStringList{QStringLiteral("--status"), QStringLiteral("failed")} << QList<qint64>{m_interrupted};
    QTest::newRow("status running") << QStringList{QStringLiteral("--status"), QStringLiteral("running")}
                                    << QList<qint64>{m_running};
    QTest::newRow("type user") << QStringList{QStringLiteral("--type"), QStringLiteral("user")}
                               << QList<qint64>{m_userDry, m_userPartial, m_userSuccess};
    QTest::newRow("service") << QStringList{QStringLiteral("--service"), QStringLiteral("wecom-other")}
                             << QList<qint64>{m_otherDry, m_otherDept};
    QTest::newRow("service without runs")
        << QStringList{QStringLiteral("--service"), QStringLiteral("wecom-empty")} << QList<qint64>{};
    QTest::newRow("since 24h") << QStringList{QStringLiteral("--since"), QStringLiteral("24h")}
                               << QList<qint64>{m_running,  m_deptZero,  m_interrupted,
                                                m_otherDry, m_otherDept, m_userDry};
    QTest::newRow("since 36h") << QStringList{QStringLiteral("--since"), QStringLiteral("36h")}
                               << QList<qint64>{m_running,   m_deptZero, m_interrupted, m_otherDry,
                                                m_otherDept, m_userDry,  m_userPartial};
    QTest::newRow("since 7d") << QStringList{QStringLiteral("--since"), QStringLiteral("7d")} << m_all;
    const QString isoUtc = m_now.addSecs(-150 * 60).toString(Qt::ISODate); // 2.5 h ago, with Z
    QTest::newRow("since ISO UTC") << QStringList{QStringLiteral("--since"), isoUtc}
                                   << QList<qint64>{m_running, m_deptZero, m_interrupted};
    const QString isoLocal = m_now.addSecs(-150 * 60).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QTest::newRow("since ISO local") << QStringList{QStringLiteral("--since"), isoLocal}
                                     << QList<qint64>{m_running, m_deptZero, m_interrupted};
    const QDateTime tomorrow(QDate::currentDate().addDays(1), QTime(0, 0));
    QTest::newRow("since a date") << QStringList{QStringLiteral("--since"), tomorrow.date().toString(Qt::ISODate)}
                                  << QList<qint64>{};
    QTest::newRow("since a date long ago")
        << QStringList{QStringLiteral("--since"), QDate::currentDate().addDays(-10).toString(Qt::ISODate)} << m_all;
    QTest::newRow("combined") << QStringList{QStringLiteral("--service"), QStringLiteral("wecom-main"),
                                             QStringLiteral("--type"),    QStringLiteral("department"),
                                             QStringLiteral("--status"),  QStringLiteral("success"),
                                             QStringLiteral("--since"),   QStringLiteral("2d")}
                              << QList<qint64>{m_deptZero};
}

void TestCliRuns::listFilters()
{
    QFETCH(QStringList, args);
    QFETCH(QList<qint64>, expected);
    RUN_OK(json, QStringList{QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--json")} + args);
    QCOMPARE(runIds(jsonObject(json)), expected);
    RUN_OK(text, QStringList{QStringLiteral("runs"), QStringLiteral("list")} + args);
    if (expected.isEmpty()) {
        QCOMPARE(text.out, QStringLiteral("No sync runs.\n"));
    } else {
        QCOMPARE(text.out.count(u'\n'), 1 + expected.size());
    }
}

void TestCliRuns::listPagesWithAfter()
{
    QList<qint64> seen;
    std::optional<qint64> after;
    int pages = 0;
    do {
        QStringList args{QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--limit"),
                         QStringLiteral("3")};
        if (after) {
            args << QStringLiteral("--after") << QString::number(*after);
        }
        RUN_OK(json, args + QStringList{QStringLiteral("--json")});
        const QJsonObject page = jsonObject(json);
        const QList<qint64> ids = runIds(page);
        seen += ids;
        RUN_OK(text, args);
        if (page.value(u"next").isNull()) {
            after.reset();
            QVERIFY2(!text.out.contains(QStringLiteral("--after")), qPrintable(text.out));
        } else {
            QCOMPARE(ids.size(), 3);
            after = page.value(u"next").toInteger();
            QCOMPARE(*after, ids.last());
            QVERIFY2(
                text.out.endsWith(QStringLiteral("More runs follow: add --after %1 for the next page.\n").arg(*after)),
                qPrintable(text.out));
        }
        QVERIFY(++pages <= 4);
    } while (after);
    QCOMPARE(pages, 4);
    QCOMPARE(seen, m_all);

    // Past the oldest run.
    RUN_OK(none,
           {QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--after"), QString::number(m_userSuccess)});
    QCOMPARE(none.out, QStringLiteral("No more sync runs.\n"));
}

void TestCliRuns::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    const QString runs = QStringLiteral("runs");
    const QString list = QStringLiteral("list");
    QTest::newRow("unknown status") << QStringList{runs, list, QStringLiteral("--status"), QStringLiteral("done")}
                                    << QStringLiteral("pending, running, success, partial, failed, cancelled");
    QTest::newRow("interrupted is no status")
        << QStringList{runs, list, QStringLiteral("--status"), QStringLiteral("interrupted")}
        << QStringLiteral("interrupted runs are failed");
    QTest::newRow("unknown type") << QStringList{runs, list, QStringLiteral("--type"), QStringLiteral("tags")}
                                  << QStringLiteral("department, user, customer, full");
    QTest::newRow("bad since") << QStringList{runs, list, QStringLiteral("--since"), QStringLiteral("yesterday")}
                               << QStringLiteral("24h");
    QTest::newRow("bad since unit") << QStringList{runs, list, QStringLiteral("--since"), QStringLiteral("3y")}
                                    << QStringLiteral("ISO 8601");
    QTest::newRow("zero limit") << QStringList{runs, list, QStringLiteral("--limit"), QStringLiteral("0")}
                                << QStringLiteral("--limit");
    QTest::newRow("huge limit") << QStringList{runs, list, QStringLiteral("--limit"), QStringLiteral("1001")}
                                << QStringLiteral("1 to 1000");
    QTest::newRow("bad after") << QStringList{runs, list, QStringLiteral("--after"), QStringLiteral("abc")}
                               << QStringLiteral("--after");
    QTest::newRow("list argument") << QStringList{runs, list, QStringLiteral("extra")}
                                   << QStringLiteral("Unexpected argument");
    QTest::newRow("show without id") << QStringList{runs, QStringLiteral("show")} << QStringLiteral("run ID");
    QTest::newRow("show bad id") << QStringList{runs, QStringLiteral("show"), QStringLiteral("12abc")}
                                 << QStringLiteral("not a run ID");
    QTest::newRow("runs alone") << QStringList{runs} << QStringLiteral("runs list, runs show");
    QTest::newRow("status two names") << QStringList{QStringLiteral("sync-status"), QStringLiteral("a"),
                                                     QStringLiteral("b")}
                                      << QStringLiteral("Unexpected argument \"b\"");
}

void TestCliRuns::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const CliRun run = m_cli->run(args);
    QVERIFY2(run.code == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(expected), qPrintable(describe(run)));
    QVERIFY2(run.out.isEmpty(), qPrintable(describe(run)));
}

void TestCliRuns::unknownServiceOrRun()
{
    const CliRun list = m_cli->run(
        {QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--service"), QStringLiteral("nope")});
    QVERIFY2(list.code == 4, qPrintable(describe(list)));
    const CliRun status = m_cli->run({QStringLiteral("sync-status"), QStringLiteral("nope")});
    QVERIFY2(status.code == 4, qPrintable(describe(status)));
    const CliRun show = m_cli->run({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("999999")});
    QVERIFY2(show.code == 4, qPrintable(describe(show)));
    QVERIFY2(show.err.contains(QStringLiteral("no sync run 999999")), qPrintable(describe(show)));
    const CliRun json = m_cli->run(
        {QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("999999")});
    QCOMPARE(json.code, 4);
    QCOMPARE(jsonObject(json).value(u"error").toObject().value(u"code").toString(), QStringLiteral("not_found"));
    // Another tenant sees none of these runs.
    test::CliRunner other(m_database->url().toString(), m_store, QStringLiteral("other-tenant"));
    const CliRun foreign = other.run({QStringLiteral("runs"), QStringLiteral("show"), QString::number(m_userPartial)});
    QVERIFY2(foreign.code == 4, qPrintable(describe(foreign)));
    const CliRun foreignList = other.run({QStringLiteral("runs"), QStringLiteral("list")});
    QCOMPARE(foreignList.out, QStringLiteral("No sync runs.\n"));
}

void TestCliRuns::showPartialRun()
{
    RUN_OK(text, {QStringLiteral("runs"), QStringLiteral("show"), QString::number(m_userPartial)});
    const QString &out = text.out;
    QVERIFY2(out.startsWith(QStringLiteral("Sync run %1: user sync of wecom-main\n").arg(m_userPartial)),
             qPrintable(out));
    for (const QString &expected : {
             QStringLiteral("Status:          partial\n"),
             QStringLiteral("Mode:            incremental\n"),
             QStringLiteral("Trigger:         gui\n"),
             QStringLiteral("Dry run:         no\n"),
             QStringLiteral("Duration:        2 min 5 s\n"),
             QStringLiteral(
                 "Counts:          fetched 60, created 1, updated 4, deleted 0, unchanged 52, failed 1003\n"),
             QStringLiteral("Error:           1003 of 60 items failed see the errors\n"),
             QStringLiteral("Host:            sync-host-01\n"),
             QStringLiteral("Process ID:      4321\n"),
             QStringLiteral("Version:         0.4.0\n"),
             QStringLiteral("Checkpoint:      none\n"),
             QStringLiteral("Errors: 1003 (the first 1000 shown):\n"),
             QStringLiteral("Calls made: 5 (2 failed)\n"),
         }) {
        QVERIFY2(out.contains(expected), qPrintable(expected + QStringLiteral(" not in:\n") + out));
    }
    QVERIFY2(out.contains(QStringLiteral("Correlation ID:  corr-user-")), qPrintable(out));
    // Steps with their counts.
    QVERIFY2(
        out.contains(QRegularExpression(QStringLiteral("\n  1 +department +success +5\\.0 s +10 +0 +1 +0 +9 +0\n"))),
        qPrintable(out));
    QVERIFY2(
        out.contains(QRegularExpression(QStringLiteral("\n  2 +user +partial +2 min 0 s +50 +1 +3 +0 +43 +1003\n"))),
        qPrintable(out));
    // Errors: the first 1000 lines, in the order recorded.
    QVERIFY2(out.contains(QRegularExpression(QStringLiteral("\n  user +zhangsan-0 +60111 +userid not found: 张三\n"))),
             qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("zhangsan-999 ")));
    QVERIFY(!out.contains(QStringLiteral("zhangsan-1000 ")));
    QCOMPARE(out.count(QStringLiteral("userid not found")), 1000);
    // Calls by endpoint, the query string cut off.
    QVERIFY2(out.contains(
                 QRegularExpression(QStringLiteral("\n  https://qyapi.weixin.qq.com/cgi-bin/user/list +GET +4 +2\n"))),
             qPrintable(out));
    QVERIFY2(out.contains(
                 QRegularExpression(QStringLiteral("\n  https://qyapi.weixin.qq.com/cgi-bin/gettoken +GET +1 +0\n"))),
             qPrintable(out));
    QVERIFY(!out.contains(QStringLiteral("corpsecret")));
}

void TestCliRuns::showPartialRunJson()
{
    RUN_OK(json,
           {QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("show"), QString::number(m_userPartial)});
    const QJsonObject doc = jsonObject(json);
    const QJsonObject run = doc.value(u"run").toObject();
    QCOMPARE(run.value(u"id").toInteger(), m_userPartial);
    QCOMPARE(run.value(u"service").toString(), QStringLiteral("wecom-main"));
    QCOMPARE(run.value(u"sync_type").toString(), QStringLiteral("user"));
    QCOMPARE(run.value(u"mode").toString(), QStringLiteral("incremental"));
    QCOMPARE(run.value(u"trigger").toString(), QStringLiteral("gui"));
    QCOMPARE(run.value(u"dry_run").toBool(), false);
    QCOMPARE(run.value(u"status").toString(), QStringLiteral("partial"));
    QCOMPARE(run.value(u"interrupted").toBool(), false);
    QCOMPARE(run.value(u"duration_ms").toInteger(), 125000);
    QCOMPARE(run.value(u"host").toString(), QStringLiteral("sync-host-01"));
    QCOMPARE(run.value(u"pid").toInteger(), 4321);
    QCOMPARE(run.value(u"has_checkpoint").toBool(), false);
    QCOMPARE(QDateTime::fromString(run.value(u"created_at").toString(), Qt::ISODateWithMs), m_now.addSecs(-30 * 3600));
    const QJsonObject counts = run.value(u"counts").toObject();
    QCOMPARE(counts, (QJsonObject{{QStringLiteral("fetched"), 60},
                                  {QStringLiteral("created"), 1},
                                  {QStringLiteral("updated"), 4},
                                  {QStringLiteral("deleted"), 0},
                                  {QStringLiteral("unchanged"), 52},
                                  {QStringLiteral("failed"), 1003}}));
    const QJsonArray steps = doc.value(u"steps").toArray();
    QCOMPARE(steps.size(), 2);
    QCOMPARE(steps.at(1).toObject().value(u"entity").toString(), QStringLiteral("user"));
    QCOMPARE(steps.at(1).toObject().value(u"status").toString(), QStringLiteral("partial"));
    QCOMPARE(steps.at(1).toObject().value(u"counts").toObject().value(u"failed").toInteger(), 1003);
    QCOMPARE(doc.value(u"error_count").toInteger(), 1003);
    const QJsonArray errors = doc.value(u"errors").toArray();
    QCOMPARE(errors.size(), 1000);
    const QJsonObject firstError = errors.at(0).toObject();
    QCOMPARE(firstError.value(u"entity").toString(), QStringLiteral("user"));
    QCOMPARE(firstError.value(u"external_id").toString(), QStringLiteral("zhangsan-0"));
    QCOMPARE(firstError.value(u"errcode").toString(), QStringLiteral("60111"));
    QCOMPARE(firstError.value(u"message").toString(), QStringLiteral("userid not found: 张三"));
    const QJsonObject calls = doc.value(u"calls").toObject();
    QCOMPARE(calls.value(u"total").toInteger(), 5);
    QCOMPARE(calls.value(u"failed").toInteger(), 2);
    const QJsonArray endpoints = calls.value(u"by_endpoint").toArray();
    QCOMPARE(endpoints.size(), 2);
    QCOMPARE(endpoints.at(0).toObject(),
             (QJsonObject{{QStringLiteral("endpoint"), QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/user/list")},
                          {QStringLiteral("method"), QStringLiteral("GET")},
                          {QStringLiteral("calls"), 4},
                          {QStringLiteral("failed"), 2}}));
}

void TestCliRuns::showInterruptedRun()
{
    RUN_OK(text, {QStringLiteral("runs"), QStringLiteral("show"), QString::number(m_interrupted)});
    QVERIFY2(text.out.contains(QStringLiteral("Status:          interrupted\n")), qPrintable(text.out));
    // The stored summary is English with a UTC time; people read it in their language and local time.
    const QString lastSign =
        QLocale::c().toString(m_now.addSecs(-2 * 3600).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QVERIFY2(
        text.out.contains(
            QStringLiteral("Error:           no heartbeat since %1 (host sync-host-01, pid 4321)\n").arg(lastSign)),
        qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("Steps: none recorded.\n")), qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("Errors: none recorded.\n")), qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("Calls made: 1 (0 failed)\n")), qPrintable(text.out));
    RUN_OK(json,
           {QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("show"), QString::number(m_interrupted)});
    const QJsonObject run = jsonObject(json).value(u"run").toObject();
    QCOMPARE(run.value(u"status").toString(), QStringLiteral("failed"));
    QCOMPARE(run.value(u"interrupted").toBool(), true);
    QVERIFY(run.value(u"error_summary").toString().startsWith(QStringLiteral("interrupted: ")));

    RUN_OK(none, {QStringLiteral("runs"), QStringLiteral("show"), QString::number(m_deptDry)});
    QVERIFY2(none.out.contains(QStringLiteral("Dry run:         yes\n")), qPrintable(none.out));
    QVERIFY2(none.out.contains(QStringLiteral("Calls made: none recorded under this run.\n")), qPrintable(none.out));
}

void TestCliRuns::syncStatusHealth()
{
    RUN_OK(json, {QStringLiteral("--json"), QStringLiteral("sync-status")});
    const QJsonObject status = jsonObject(json);
    const QJsonArray services = status.value(u"services").toArray();
    QCOMPARE(services.size(), 3);
    const QString main = QStringLiteral("wecom-main");
    const QString other = QStringLiteral("wecom-other");

    // department: the last run succeeded but fetched nothing, where the previous real success fetched 120 (the dry
    // run in between is no success).
    const QJsonObject department = syncOf(status, main, QStringLiteral("department"));
    QCOMPARE(department.value(u"health").toString(), QStringLiteral("warning"));
    QVERIFY2(department.value(u"reason").toString().contains(QStringLiteral("120")),
             qPrintable(department.value(u"reason").toString()));
    QCOMPARE(department.value(u"last_run").toObject().value(u"id").toInteger(), m_deptZero);
    QCOMPARE(department.value(u"last_success").toObject().value(u"id").toInteger(), m_deptZero);

    // user: the last run is a dry run; the partial run before it decides; neither is the last success.
    const QJsonObject user = syncOf(status, main, QStringLiteral("user"));
    QCOMPARE(user.value(u"health").toString(), QStringLiteral("warning"));
    QCOMPARE(user.value(u"last_run").toObject().value(u"id").toInteger(), m_userDry);
    QCOMPARE(user.value(u"last_run").toObject().value(u"dry_run").toBool(), true);
    QCOMPARE(user.value(u"last_success").toObject().value(u"id").toInteger(), m_userSuccess);

    const QJsonObject customer = syncOf(status, main, QStringLiteral("customer"));
    QCOMPARE(customer.value(u"health").toString(), QStringLiteral("failing"));
    QCOMPARE(customer.value(u"last_run").toObject().value(u"status").toString(), QStringLiteral("failed"));
    QCOMPARE(customer.value(u"last_run").toObject().value(u"interrupted").toBool(), true);
    QVERIFY(customer.value(u"last_success").isNull());

    const QJsonObject full = syncOf(status, main, QStringLiteral("full"));
    QCOMPARE(full.value(u"health").toString(), QStringLiteral("running"));
    QVERIFY(full.value(u"last_success").isNull());

    const QJsonObject otherDepartment = syncOf(status, other, QStringLiteral("department"));
    QCOMPARE(otherDepartment.value(u"health").toString(), QStringLiteral("ok"));
    QVERIFY(otherDepartment.value(u"reason").isNull());
    QCOMPARE(otherDepartment.value(u"last_success").toObject().value(u"id").toInteger(), m_otherDept);
    // Only a dry run: never synced for real.
    const QJsonObject otherCustomer = syncOf(status, other, QStringLiteral("customer"));
    QCOMPARE(otherCustomer.value(u"health").toString(), QStringLiteral("never"));
    QVERIFY(otherCustomer.value(u"last_success").isNull());

    for (const QJsonValue &service : services) {
        if (service.toObject().value(u"name").toString() == u"wecom-empty") {
            QVERIFY(service.toObject().value(u"syncs").toArray().isEmpty());
        }
    }

    // One service by name.
    RUN_OK(one, {QStringLiteral("--json"), QStringLiteral("sync-status"), other});
    const QJsonArray only = jsonObject(one).value(u"services").toArray();
    QCOMPARE(only.size(), 1);
    QCOMPARE(only.at(0).toObject().value(u"syncs").toArray().size(), 2);
}

void TestCliRuns::syncStatusText()
{
    RUN_OK(text, {QStringLiteral("sync-status")});
    const QString &out = text.out;
    QVERIFY2(out.contains(QStringLiteral("wecom-main (wecom)\n")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("wecom-empty (wecom)\n  never: no sync has run yet.\n")), qPrintable(out));
    auto line = [&out](const QString &start) {
        for (const QString &l : out.split(u'\n')) {
            if (l.startsWith(start)) {
                return l;
            }
        }
        return QString();
    };
    // Sync types in order, per service: wecom-empty, wecom-main, wecom-other (by name).
    const QString customer = line(QStringLiteral("  customer "));
    QVERIFY2(customer.contains(QStringLiteral(" failing ")), qPrintable(customer));
    QVERIFY2(customer.contains(QStringLiteral(" interrupted ")), qPrintable(customer));
    QVERIFY2(customer.contains(QStringLiteral("(2 h ago)")), qPrintable(customer)); // ended at its last heartbeat
    QVERIFY2(customer.contains(QStringLiteral("no heartbeat since")), qPrintable(customer));
    const QString department = line(QStringLiteral("  department "));
    QVERIFY2(department.contains(QStringLiteral(" warning ")), qPrintable(department));
    QVERIFY2(department.contains(QStringLiteral("fetched nothing; the previous successful run fetched 120")),
             qPrintable(department));
    QVERIFY2(department.contains(QStringLiteral("(1 h ago)")), qPrintable(department));
    const QString full = line(QStringLiteral("  full "));
    QVERIFY2(full.contains(QStringLiteral(" running ")), qPrintable(full));
    QVERIFY2(full.contains(QStringLiteral(" so far ")), qPrintable(full));
    QVERIFY2(full.contains(QStringLiteral(" never")), qPrintable(full));
    const QString user = line(QStringLiteral("  user "));
    QVERIFY2(user.contains(QStringLiteral("success (dry run)")), qPrintable(user));
    QVERIFY2(user.contains(QStringLiteral(" warning ")), qPrintable(user));
    QVERIFY2(user.contains(QStringLiteral("(4 d ago)")), qPrintable(user)); // the last success
    QVERIFY2(user.contains(QStringLiteral("the last run was partial (1003 failed)")), qPrintable(user));

    RUN_OK(other, {QStringLiteral("sync-status"), QStringLiteral("wecom-other")});
    QVERIFY2(other.out.startsWith(QStringLiteral("wecom-other (wecom)\n")), qPrintable(other.out));
    QVERIFY2(!other.out.contains(QStringLiteral("wecom-main")), qPrintable(other.out));
    QVERIFY2(other.out.contains(QRegularExpression(QStringLiteral("\n  department +ok +success "))),
             qPrintable(other.out));
    QVERIFY2(other.out.contains(QRegularExpression(QStringLiteral("\n  customer +never +success \\(dry run\\) "))),
             qPrintable(other.out));
    QVERIFY2(other.out.contains(QStringLiteral("only dry runs so far")), qPrintable(other.out));
}

void TestCliRuns::helpDescribesTheCommands()
{
    RUN_OK(help, {QStringLiteral("--help")}, std::nullopt, true);
    for (const QString &command :
         {QStringLiteral("sync-status"), QStringLiteral("runs list"), QStringLiteral("runs show")}) {
        QVERIFY2(help.out.contains(QStringLiteral("  ") + command + u' '), qPrintable(help.out));
    }
    RUN_OK(status, {QStringLiteral("sync-status"), QStringLiteral("--help")}, std::nullopt, true);
    for (const QString &word : {QStringLiteral("ok"), QStringLiteral("warning"), QStringLiteral("failing"),
                                QStringLiteral("running"), QStringLiteral("never"), QStringLiteral("Exit code 0")}) {
        QVERIFY2(status.out.contains(word), qPrintable(status.out));
    }
    RUN_OK(list, {QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--help")}, std::nullopt, true);
    for (const QString &option : {QStringLiteral("--service"), QStringLiteral("--status"), QStringLiteral("--type"),
                                  QStringLiteral("--since"), QStringLiteral("--limit"), QStringLiteral("--after")}) {
        QVERIFY2(list.out.contains(option), qPrintable(list.out));
    }
}

QTEST_GUILESS_MAIN(TestCliRuns)
#include "tst_cli_runs.moc"
