// The Logs page on the offscreen platform, driven through its widgets on a SQLite database filled with runs, calls
// and audit entries: the filters of the call log, a call's detail (payload indented, errcode and hint), a run's detail
// and "Show its calls", keyset paging on scroll, refresh on a new run, exports (CSV and JSON, every filtered row,
// masking kept), every model under QAbstractItemModelTester, and a picture.

#include "AppContext.h"
#include "RunTask.h"
#include "connectors/wecom/WeComErrors.h"
#include "db/CallLogRepository.h"
#include "db/Database.h"
#include "db/Repositories.h"
#include "db/SyncRunRepository.h"
#include "logs/LogExport.h"
#include "logs/LogModels.h"
#include "pages/LogsPage.h"
#include "secrets/SecretStore.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <functional>

using namespace ic;
using ic::ui::AppContext;
using ic::ui::LogsPage;

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &result_ = (expr);                                                                                  \
        QVERIFY2(bool(result_), bool(result_) ? "" : qPrintable(result_.error().toDisplayString()));                   \
    } while (false)

namespace {

const QString tenant = QStringLiteral("default");
/// What a redacted phone number looks like in a stored payload; the real number was never stored.
const QString maskedPhone = QStringLiteral("138****5678");

/// RFC 4180 records of `text` (quoted fields may hold commas, quotes and line breaks).
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record.append(field);
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            record.append(field);
            field.clear();
            records.append(record);
            record.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}

} // namespace

class TestLogsPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void modelsPassTheTester();
    void callLogFilters();
    void callDetailShowsPayloadAndHint();
    void runDetailLinksToItsCalls();
    void pagingLoadsMoreOnScroll();
    void newRunsShowUp();
    void exportCsv();
    void exportJson();
    void csvExportDefusesFormulas();
    void grabbedPictureIsSaved();

private:
    void fillDatabase();
    /// Fetches every page of the model's current filter; returns its row count.
    int loadAll(ui::PagedLogModel *model);
    int expectedCalls(const std::function<bool(const db::CallLogRecord &)> &matches) const;
    QString exportPath(const QString &name) const { return m_dataDir.filePath(name); }

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<LogsPage> m_page;
    qint64 m_wecom = 0;
    qint64 m_sms = 0;
    qint64 m_failedRun = 0;
    qint64 m_okRun = 0;
    QList<db::CallLogRecord> m_calls;
};

void TestLogsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QVERIFY(m_dataDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("IntegrationConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_logspage"));

    AppContext::Options options;
    options.databaseUrl = QStringLiteral("sqlite://") + m_dataDir.filePath(QStringLiteral("logs.db"));
    options.tenant = tenant;
    options.makeSecretStore = [] { return ic::secrets::makeMemorySecretStore(); };
    m_context = std::make_unique<AppContext>(options);
    auto connect = [](AppContext *target) -> QCoro::Task<bool> {
        co_await target->connect();
        co_return true;
    };
    QVERIFY(ic::test::runTask(connect(m_context.get())).has_value());
    QVERIFY(m_context->isConnected());
    fillDatabase();
}

void TestLogsPage::cleanupTestCase()
{
    m_page.reset();
    m_context.reset();
}

void TestLogsPage::fillDatabase()
{
    db::Database &database = *m_context->database();
    db::ServiceConfigRepository services(database);
    db::ServiceConfigRecord wecom;
    wecom.tenantId = tenant;
    wecom.name = QStringLiteral("企业微信");
    wecom.type = QStringLiteral("wecom");
    wecom.category = QStringLiteral("im");
    auto wecomId = services.insert(wecom);
    VERIFY_OK(wecomId);
    m_wecom = wecomId.value();
    db::ServiceConfigRecord sms = wecom;
    sms.name = QStringLiteral("sms-aliyun");
    sms.type = QStringLiteral("sms");
    auto smsId = services.insert(sms);
    VERIFY_OK(smsId);
    m_sms = smsId.value();

    // Two runs: one ended partial with errors and steps, one a success.
    db::SyncRunRepository runs(database);
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3600);
    auto makeRun = [&](const QString &type, const db::SyncRunOutcome &outcome,
                       const QList<db::SyncRunStepRecord> &steps,
                       const QList<db::SyncRunErrorRecord> &errors) -> qint64 {
        db::SyncRunRecord run;
        run.tenantId = tenant;
        run.serviceId = m_wecom;
        run.syncType = type;
        run.mode = QStringLiteral("incremental");
        run.trigger = QStringLiteral("schedule");
        run.host = QStringLiteral("cron-01");
        run.correlationId = QStringLiteral("corr-") + type;
        auto id = runs.create(run);
        if (!id || !runs.start(tenant, id.value(), start)) {
            return 0;
        }
        for (db::SyncRunStepRecord step : steps) {
            step.tenantId = tenant;
            step.runId = id.value();
            if (!runs.addStep(step)) {
                return 0;
            }
        }
        QList<db::SyncRunErrorRecord> withRun = errors;
        for (db::SyncRunErrorRecord &error : withRun) {
            error.tenantId = tenant;
            error.runId = id.value();
        }
        if (!withRun.isEmpty() && !runs.appendErrors(withRun)) {
            return 0;
        }
        return runs.finish(tenant, id.value(), outcome) ? id.value() : 0;
    };
    db::SyncRunStepRecord departments;
    departments.stepNo = 1;
    departments.entity = QStringLiteral("department");
    departments.status = db::SyncRunStatus::Success;
    departments.counts = {12, 2, 1, 0, 9, 0};
    db::SyncRunStepRecord users;
    users.stepNo = 2;
    users.entity = QStringLiteral("user");
    users.status = db::SyncRunStatus::Partial;
    users.counts = {340, 20, 5, 1, 310, 4};
    db::SyncRunErrorRecord error;
    error.entity = QStringLiteral("user");
    error.externalId = QStringLiteral("zhangsan");
    error.errcode = QStringLiteral("60011");
    error.message = QStringLiteral("部门不在应用的可见范围");
    m_failedRun = makeRun(QStringLiteral("full"), {db::SyncRunStatus::Partial, {352, 22, 6, 1, 319, 4}, {}, {}},
                          {departments, users}, {error});
    QVERIFY(m_failedRun > 0);
    m_okRun = makeRun(QStringLiteral("department"), {db::SyncRunStatus::Success, {12, 0, 0, 0, 12, 0}, {}, {}},
                      {departments}, {});
    QVERIFY(m_okRun > 0);

    // 450 calls, newest first every 10 s: two services, endpoints of WeCom and SMS, one in 5 failing, 30 of the
    // partial run, one with a Chinese, comma- and quote-holding error and a masked phone number in its payload.
    const QStringList endpoints{QStringLiteral("/cgi-bin/user/get?userid=zhangsan&access_token=***"),
                                QStringLiteral("/cgi-bin/department/list?access_token=***"),
                                QStringLiteral("/cgi-bin/externalcontact/get?external_userid=wm***&access_token=***")};
    for (int i = 0; i < 450; ++i) {
        db::CallLogRecord call;
        call.tenantId = tenant;
        const bool isSms = i % 3 == 2;
        call.serviceId = isSms ? m_sms : m_wecom;
        call.serviceType = isSms ? QStringLiteral("sms") : QStringLiteral("wecom");
        call.endpoint = isSms ? QStringLiteral("https://dysmsapi.aliyuncs.com/?Action=SendSms") : endpoints.at(i % 3);
        call.method = isSms ? QStringLiteral("POST") : QStringLiteral("GET");
        call.correlationId = QStringLiteral("corr-%1").arg(i / 10);
        call.runId = i < 30 ? std::optional<qint64>(m_failedRun) : std::nullopt;
        call.requestAt = start.addSecs(i * 10);
        call.responseAt = call.requestAt.addMSecs(120 + i);
        call.durationMs = 120 + i;
        call.httpStatus = 200;
        call.success = i % 5 != 0;
        call.apiErrcode = call.success ? QStringLiteral("0") : QStringLiteral("60011");
        call.requestPayload =
            isSms ? QStringLiteral("{\"PhoneNumbers\":\"%1\",\"SignName\":\"测试\"}").arg(maskedPhone) : QString();
        call.responsePayload =
            call.success ? QStringLiteral("{\"errcode\":0,\"errmsg\":\"ok\",\"name\":\"张三\",\"mobile\":\"%1\"}")
                               .arg(maskedPhone)
                         : QStringLiteral("{\"errcode\":60011,\"errmsg\":\"no privilege to access/modify contact\"}");
        call.responseSize = call.responsePayload.toUtf8().size();
        if (!call.success) {
            call.error = QStringLiteral("部门不在可见范围, \"权限\" 不足\n第二行");
        }
        m_calls.append(call);
    }
    VERIFY_OK(db::CallLogRepository(database).insertBatch(m_calls));

    db::AuditLogRepository audit(database);
    for (const QString &action : {QStringLiteral("create"), QStringLiteral("update"), QStringLiteral("set_secret")}) {
        db::AuditEntry entry;
        entry.tenantId = tenant;
        entry.actorOsUser = QStringLiteral("李娜");
        entry.host = QStringLiteral("ops-01");
        entry.action = action;
        entry.entityType = QStringLiteral("service_config");
        entry.entityName = QStringLiteral("企业微信");
        entry.after = QJsonObject{{QStringLiteral("timeout_ms"), 15000}};
        VERIFY_OK(audit.append(entry));
    }
}

void TestLogsPage::init()
{
    m_page = std::make_unique<LogsPage>(*m_context);
    m_page->resize(1400, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->activate();
    QVERIFY(m_page->callModel());
    QTRY_VERIFY(!m_page->callModel()->isLoading() && m_page->callModel()->rowCount() > 0);
    QTRY_VERIFY(!m_page->runModel()->isLoading() && m_page->runModel()->rowCount() > 0);
    QTRY_VERIFY(!m_page->auditModel()->isLoading() && m_page->auditModel()->rowCount() > 0);
}

int TestLogsPage::loadAll(ui::PagedLogModel *model)
{
    if (!QTest::qWaitFor([model] { return !model->isLoading(); }, 10000)) {
        return -1;
    }
    while (model->canFetchMore({})) {
        model->fetchMore({});
        if (!QTest::qWaitFor([model] { return !model->isLoading(); }, 10000)) {
            return -1;
        }
    }
    return model->lastError() ? -2 : model->rowCount();
}

int TestLogsPage::expectedCalls(const std::function<bool(const db::CallLogRecord &)> &matches) const
{
    return int(std::count_if(m_calls.cbegin(), m_calls.cend(), matches));
}

void TestLogsPage::modelsPassTheTester()
{
    const QList<ui::PagedLogModel *> models{m_page->runModel(), m_page->callModel(), m_page->auditModel()};
    for (ui::PagedLogModel *model : models) {
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->refresh();
        QVERIFY(loadAll(model) > 0);
        model->refresh(); // a reset with rows
        QVERIFY(loadAll(model) > 0);
    }
    // Filters that match nothing and paging through every page, under the tester too.
    QAbstractItemModelTester tester(m_page->callModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    db::CallLogFilter nothing;
    nothing.endpointContains = QStringLiteral("no-such-endpoint");
    m_page->callModel()->setFilter(nothing);
    QCOMPARE(loadAll(m_page->callModel()), 0);
    m_page->callModel()->setFilter({});
    QCOMPARE(loadAll(m_page->callModel()), int(m_calls.size()));
}

void TestLogsPage::callLogFilters()
{
    m_page->showTab(LogsPage::Tab::Calls);
    auto *service = m_page->findChild<QComboBox *>(QStringLiteral("callsService"));
    auto *status = m_page->findChild<QComboBox *>(QStringLiteral("callsStatus"));
    auto *text = m_page->findChild<QLineEdit *>(QStringLiteral("callsText"));
    auto *run = m_page->findChild<QLineEdit *>(QStringLiteral("callsRun"));
    QVERIFY(service && status && text && run);
    ui::CallLogModel *model = m_page->callModel();

    // Service: the SMS calls only (the combo lists both services after "All services").
    QCOMPARE(service->count(), 3);
    service->setCurrentIndex(service->findData(m_sms));
    QTRY_VERIFY(model->filter().serviceId == m_sms);
    QCOMPARE(loadAll(model), expectedCalls([&](const db::CallLogRecord &c) { return c.serviceId == m_sms; }));
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(model->row(row).serviceId, m_sms);
    }
    QCOMPARE(model->index(0, ui::CallLogModel::Service).data().toString(), QStringLiteral("sms-aliyun"));

    // Failed only, on top of the service.
    status->setCurrentIndex(status->findData(false));
    QTRY_VERIFY(model->filter().success == false);
    QCOMPARE(loadAll(model),
             expectedCalls([&](const db::CallLogRecord &c) { return c.serviceId == m_sms && !c.success; }));

    // Text as typed: the debounce applies it once typing stops.
    service->setCurrentIndex(0);
    status->setCurrentIndex(0);
    QTest::keyClicks(text, QStringLiteral("ExternalContact"));
    QTRY_COMPARE(model->filter().endpointContains, QStringLiteral("ExternalContact"));
    QVERIFY(!model->filter().serviceId && !model->filter().success);
    QCOMPARE(loadAll(model), expectedCalls([](const db::CallLogRecord &c) {
                 return c.endpoint.contains(QLatin1String("externalcontact"));
             }));
    text->clear();

    // Run id.
    QTest::keyClicks(run, QString::number(m_failedRun));
    QTRY_VERIFY(model->filter().runId == m_failedRun && model->filter().endpointContains.isEmpty());
    QCOMPARE(loadAll(model), 30);
    run->clear();
    QTRY_VERIFY(!model->filter().runId);
    QCOMPARE(loadAll(model), int(m_calls.size()));
}

void TestLogsPage::callDetailShowsPayloadAndHint()
{
    m_page->showTab(LogsPage::Tab::Calls);
    auto *status = m_page->findChild<QComboBox *>(QStringLiteral("callsStatus"));
    auto *text = m_page->findChild<QLineEdit *>(QStringLiteral("callsText"));
    auto *table = m_page->findChild<QTableView *>(QStringLiteral("callsTable"));
    auto *detail = m_page->findChild<QTextBrowser *>(QStringLiteral("callDetail"));
    QVERIFY(status && text && table && detail);
    status->setCurrentIndex(status->findData(false));
    QTest::keyClicks(text, QStringLiteral("user/get"));
    ui::CallLogModel *model = m_page->callModel();
    QTRY_VERIFY(model->filter().endpointContains == QLatin1String("user/get") && model->filter().success == false &&
                !model->isLoading());
    QVERIFY(model->rowCount() > 0);
    table->setFocus();
    table->setCurrentIndex(model->index(0, 0));

    const QString shown = detail->toPlainText();
    // The response indented, as JSON, and the errcode explained with what to do about it.
    QVERIFY2(shown.contains(QStringLiteral("{\n    \"errcode\": 60011,\n    \"errmsg\": \"no privilege")),
             qPrintable(shown));
    const Error meaning = connectors::wecom::weComError(60011, QStringLiteral("no privilege to access/modify contact"),
                                                        model->row(0).endpoint, std::nullopt);
    QVERIFY(!meaning.hint.isEmpty());
    QVERIFY2(shown.contains(meaning.hint), qPrintable(shown));
    QVERIFY(shown.contains(meaning.message));
    QVERIFY(shown.contains(QStringLiteral("HTTP status")));
    QVERIFY(shown.contains(QStringLiteral("%1 ms").arg(*model->row(0).durationMs)));
    QVERIFY(shown.contains(QStringLiteral("access_token=***")));

    // Keyboard: Down moves to the next call and its detail follows.
    const qint64 first = model->row(0).id;
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(table->currentIndex().row(), 1);
    QVERIFY(model->row(1).id != first);
    QVERIFY(detail->toPlainText().contains(QStringLiteral("60011")));
}

void TestLogsPage::runDetailLinksToItsCalls()
{
    m_page->showTab(LogsPage::Tab::Runs);
    auto *table = m_page->findChild<QTableView *>(QStringLiteral("runsTable"));
    auto *detail = m_page->findChild<QTextBrowser *>(QStringLiteral("runDetail"));
    auto *showCalls = m_page->findChild<QPushButton *>(QStringLiteral("showRunCalls"));
    QVERIFY(table && detail && showCalls);
    QVERIFY(!showCalls->isEnabled());
    ui::SyncRunModel *runs = m_page->runModel();
    const int row = runs->rowOfId(m_failedRun);
    QVERIFY(row >= 0);
    table->setCurrentIndex(runs->index(row, 0));
    QTRY_VERIFY(detail->toPlainText().contains(QStringLiteral("Counts per entity")));
    const QString shown = detail->toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("department")) && shown.contains(QStringLiteral("340")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("部门不在应用的可见范围")));
    QVERIFY(shown.contains(QStringLiteral("zhangsan")));
    QVERIFY(shown.contains(QStringLiteral("API calls: 30, 6 failed")));
    QCOMPARE(showCalls->text(), QStringLiteral("Show its calls (30)"));
    QVERIFY(showCalls->isEnabled());

    QTest::mouseClick(showCalls, Qt::LeftButton);
    QCOMPARE(m_page->currentTab(), LogsPage::Tab::Calls);
    QCOMPARE(m_page->findChild<QLineEdit *>(QStringLiteral("callsRun"))->text(), QString::number(m_failedRun));
    QCOMPARE(m_page->callModel()->filter().runId, std::optional<qint64>(m_failedRun));
    QCOMPARE(loadAll(m_page->callModel()), 30);
    for (int i = 0; i < m_page->callModel()->rowCount(); ++i) {
        QCOMPARE(m_page->callModel()->row(i).runId, std::optional<qint64>(m_failedRun));
    }
}

void TestLogsPage::pagingLoadsMoreOnScroll()
{
    m_page->showTab(LogsPage::Tab::Calls);
    auto *table = m_page->findChild<QTableView *>(QStringLiteral("callsTable"));
    ui::CallLogModel *model = m_page->callModel();
    QCOMPARE(model->rowCount(), ui::PagedLogModel::defaultPageSize);
    QVERIFY(model->hasMore());
    table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
    QTRY_COMPARE(model->rowCount(), 2 * ui::PagedLogModel::defaultPageSize);
    table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
    QTRY_COMPARE(model->rowCount(), int(m_calls.size()));
    QVERIFY(!model->hasMore());
    // Newest first across the pages, and each row exactly once.
    QSet<qint64> ids;
    for (int row = 0; row < model->rowCount(); ++row) {
        ids.insert(model->row(row).id);
        if (row > 0) {
            QVERIFY(model->row(row - 1).requestAt >= model->row(row).requestAt);
        }
    }
    QCOMPARE(ids.size(), m_calls.size());
}

void TestLogsPage::newRunsShowUp()
{
    ui::SyncRunModel *runs = m_page->runModel();
    const int before = runs->rowCount();
    db::SyncRunRecord run;
    run.tenantId = tenant;
    run.serviceId = m_wecom;
    run.syncType = QStringLiteral("customer");
    run.mode = QStringLiteral("full");
    run.trigger = QStringLiteral("gui");
    auto id = db::SyncRunRepository(*m_context->database()).create(run);
    VERIFY_OK(id);
    m_context->notifyRunsChanged();
    QTRY_COMPARE(runs->rowCount(), before + 1);
    QCOMPARE(runs->row(0).id, id.value());
}

void TestLogsPage::exportCsv()
{
    // Export the WeCom service's calls: more rows than one page, so the export pages through beyond the loaded rows.
    auto *service = m_page->findChild<QComboBox *>(QStringLiteral("callsService"));
    service->setCurrentIndex(service->findData(m_wecom));
    QTRY_VERIFY(m_page->callModel()->filter().serviceId == m_wecom && !m_page->callModel()->isLoading());
    QCOMPARE(m_page->callModel()->rowCount(), ui::PagedLogModel::defaultPageSize);
    const int expected = expectedCalls([&](const db::CallLogRecord &c) { return c.serviceId == m_wecom; });
    QVERIFY(expected > ui::PagedLogModel::defaultPageSize);

    QSignalSpy finished(m_page.get(), &LogsPage::exportFinished);
    const QString path = exportPath(QStringLiteral("calls.csv"));
    QVERIFY(!m_page->isBusy());
    m_page->exportView(LogsPage::Tab::Calls, path, ui::LogExportFormat::Csv);
    QVERIFY(m_page->isBusy()); // a language switch waits for the export (MainWindow)
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(!m_page->isBusy());
    QCOMPARE(finished.at(0).at(1).toString(), QString());
    QCOMPARE(finished.at(0).at(0).toLongLong(), qint64(expected));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF")); // the BOM Excel needs for UTF-8
    const QList<QStringList> records = parseCsv(QString::fromUtf8(bytes.mid(3)));
    QCOMPARE(records.size(), expected + 1);
    const QStringList header = records.constFirst();
    QCOMPARE(header, ui::CallLogTraits::exportHeader());
    const auto column = [&header](const char *name) { return header.indexOf(QLatin1String(name)); };
    int failed = 0;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const QStringList &record = records.at(i);
        QCOMPARE(record.size(), header.size());
        QCOMPARE(record.at(column("service_id")), QString::number(m_wecom));
        QVERIFY(!record.at(column("response_payload")).contains(QStringLiteral("13812345678")));
        if (record.at(column("success")) == QLatin1String("false")) {
            ++failed;
            // Chinese, a comma, quotes and a line break survive the quoting.
            QCOMPARE(record.at(column("error")), QStringLiteral("部门不在可见范围, \"权限\" 不足\n第二行"));
        } else {
            QVERIFY(record.at(column("response_payload")).contains(maskedPhone));
            QVERIFY(record.at(column("response_payload")).contains(QStringLiteral("张三")));
        }
    }
    QCOMPARE(failed, expectedCalls([&](const db::CallLogRecord &c) { return c.serviceId == m_wecom && !c.success; }));
    // Quoting in the raw bytes: the field with a comma and quotes is enclosed and its quotes doubled.
    QVERIFY(bytes.contains("\"部门不在可见范围, \"\"权限\"\" 不足\n第二行\""));
    // Newest first, as shown.
    QVERIFY(records.at(1).at(column("request_at")) > records.at(2).at(column("request_at")));
}

void TestLogsPage::csvExportDefusesFormulas()
{
    const QString path = exportPath(QStringLiteral("formulas.csv"));
    ui::LogExportWriter writer(path, ui::LogExportFormat::Csv, {QStringLiteral("a"), QStringLiteral("b")});
    QVERIFY(writer.open().ok());
    const QStringList texts = {QStringLiteral("=HYPERLINK(\"http://x\",\"y\")"),
                               QStringLiteral("+1+1"),
                               QStringLiteral("@SUM(A1)"),
                               QStringLiteral("-1"),
                               QStringLiteral("-2.5"),
                               QStringLiteral("ok")};
    for (const QString &text : texts) {
        QVERIFY(writer.write({text, qint64(-3)}).ok());
    }
    QVERIFY(writer.commit().ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll().mid(3)).split(QStringLiteral("\r\n"));
    QCOMPARE(lines.value(1), QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3"));
    QCOMPARE(lines.value(2), QStringLiteral("'+1+1,-3"));
    QCOMPARE(lines.value(3), QStringLiteral("'@SUM(A1),-3"));
    QCOMPARE(lines.value(4), QStringLiteral("-1,-3")); // numbers stay numbers
    QCOMPARE(lines.value(5), QStringLiteral("-2.5,-3"));
    QCOMPARE(lines.value(6), QStringLiteral("ok,-3"));
}

void TestLogsPage::exportJson()
{
    auto *status = m_page->findChild<QComboBox *>(QStringLiteral("callsStatus"));
    status->setCurrentIndex(status->findData(true));
    QTRY_VERIFY(m_page->callModel()->filter().success == true && !m_page->callModel()->isLoading());
    const int expected = expectedCalls([](const db::CallLogRecord &c) { return c.success; });

    QSignalSpy finished(m_page.get(), &LogsPage::exportFinished);
    const QString path = exportPath(QStringLiteral("calls.json"));
    m_page->exportView(LogsPage::Tab::Calls, path, ui::LogExportFormat::Json);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(1).toString(), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonArray rows = document.array();
    QCOMPARE(rows.size(), expected);
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        QCOMPARE(row.value(QStringLiteral("success")).toBool(), true);
        QVERIFY(row.value(QStringLiteral("response_payload")).toString().contains(maskedPhone));
        QVERIFY(row.value(QStringLiteral("run_id")).isNull() || row.value(QStringLiteral("run_id")).isDouble());
    }
    const QJsonObject newest = rows.at(0).toObject();
    QVERIFY(newest.value(QStringLiteral("request_at")).toString().endsWith(QLatin1Char('Z')));

    // The runs and the audit log export too.
    QSignalSpy more(m_page.get(), &LogsPage::exportFinished);
    m_page->exportView(LogsPage::Tab::Audit, exportPath(QStringLiteral("audit.json")), ui::LogExportFormat::Json);
    QTRY_COMPARE(more.size(), 1);
    QCOMPARE(more.at(0).at(0).toLongLong(), 3);
    m_page->exportView(LogsPage::Tab::Runs, exportPath(QStringLiteral("runs.csv")), ui::LogExportFormat::Csv);
    QTRY_COMPARE(more.size(), 2);
    QVERIFY(more.at(1).at(0).toLongLong() >= 2);

    // A path that cannot be written: an error, no file.
    m_page->exportView(LogsPage::Tab::Calls, QStringLiteral("/nonexistent-dir/x.csv"), ui::LogExportFormat::Csv);
    QTRY_COMPARE(more.size(), 3);
    QVERIFY(!more.at(2).at(1).toString().isEmpty());
}

void TestLogsPage::grabbedPictureIsSaved()
{
    m_page->showTab(LogsPage::Tab::Calls);
    auto *status = m_page->findChild<QComboBox *>(QStringLiteral("callsStatus"));
    status->setCurrentIndex(status->findData(false));
    QTRY_VERIFY(m_page->callModel()->filter().success == false && !m_page->callModel()->isLoading());
    auto *table = m_page->findChild<QTableView *>(QStringLiteral("callsTable"));
    table->setCurrentIndex(m_page->callModel()->index(0, 0));
    const QString dir = QCoreApplication::applicationDirPath();
    QVERIFY(m_page->grab().save(QDir(dir).filePath(QStringLiteral("logspage-calls.png"))));

    m_page->showTab(LogsPage::Tab::Runs);
    auto *runs = m_page->findChild<QTableView *>(QStringLiteral("runsTable"));
    runs->setCurrentIndex(m_page->runModel()->index(m_page->runModel()->rowOfId(m_failedRun), 0));
    auto *detail = m_page->findChild<QTextBrowser *>(QStringLiteral("runDetail"));
    QTRY_VERIFY(detail->toPlainText().contains(QStringLiteral("Counts per entity")));
    auto *showCalls = m_page->findChild<QPushButton *>(QStringLiteral("showRunCalls"));
    QTRY_VERIFY(showCalls->width() >= showCalls->sizeHint().width()); // laid out again for its longer text
    QVERIFY(m_page->grab().save(QDir(dir).filePath(QStringLiteral("logspage-runs.png"))));
    qInfo("Pictures: %s/logspage-*.png", qPrintable(QDir::toNativeSeparators(dir)));
}

QTEST_MAIN(TestLogsPage)
#include "tst_logspage.moc"
