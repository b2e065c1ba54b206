// Connection test results through ServiceTestRepository, on every dialect: every column round-trips, the newest
// result comes first, results are scoped to their tenant and service and go with the service.

#include "TestDatabase.h"

#include "db/Database.h"
#include "db/Migrator.h"
#include "db/Repositories.h"
#include "db/ServiceTestRepository.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace ic;
using namespace ic::db;

namespace {

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyResult = (expr);                                                                             \
        QVERIFY2(verifyResult.ok(), verifyResult.ok() ? "" : qPrintable(verifyResult.error().toDisplayString()));      \
    } while (false)

#define OPEN_OR_FAIL(var)                                                                                              \
    auto var##Opened = m_test->open();                                                                                 \
    QVERIFY2(var##Opened.ok(), var##Opened.ok() ? "" : qPrintable(var##Opened.error().toDisplayString()));             \
    Database &var = *var##Opened.value();

// 2024-11-03 05:30 UTC is 01:30 in New York (TZ of this test), inside the autumn fold.
const QDateTime base(QDate(2024, 11, 3), QTime(5, 30, 0, 250), QTimeZone::utc());

ServiceConfigRecord service(const QString &tenant, const QString &name)
{
    ServiceConfigRecord record;
    record.tenantId = tenant;
    record.name = name;
    record.type = QStringLiteral("wecom");
    record.category = QStringLiteral("collaboration");
    return record;
}

ServiceTestRecord result(const QString &tenant, qint64 serviceId, int minutes, const QString &outcome)
{
    ServiceTestRecord record;
    record.tenantId = tenant;
    record.serviceId = serviceId;
    record.startedAt = base.addSecs(minutes * 60);
    record.finishedAt = record.startedAt.addMSecs(1234);
    record.outcome = outcome;
    record.result =
        QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("gettoken")},
                               {QStringLiteral("status"), QStringLiteral("passed")},
                               {QStringLiteral("duration_ms"), 120}},
                   QJsonObject{{QStringLiteral("step"), QStringLiteral("department/list")},
                               {QStringLiteral("status"), outcome},
                               {QStringLiteral("message"), QStringLiteral("通讯录读取：%1 分钟").arg(minutes)}}};
    record.testedBy = QStringLiteral("张伟");
    return record;
}

} // namespace

class TestServiceTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void insertAndReadBack();
    void newestFirstAndLimited();
    void scopedToTenantAndService();
    void resultsGoWithTheirService();
    void invalidRecordsAreRefused();
    void unknownServiceIsNotFound();

private:
    qint64 addService(Database &db, const QString &tenant, const QString &name);
    std::unique_ptr<test::TestDatabase> m_test;
};

void TestServiceTests::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_test = std::move(database);
    qInfo("testing %s", qPrintable(m_test->url().toString()));
}

void TestServiceTests::init()
{
    m_test->wipe();
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
}

qint64 TestServiceTests::addService(Database &db, const QString &tenant, const QString &name)
{
    auto id = ServiceConfigRepository(db).insert(service(tenant, name));
    if (!id) {
        qWarning("cannot add service: %s", qPrintable(id.error().toDisplayString()));
        return 0;
    }
    return id.value();
}

void TestServiceTests::insertAndReadBack()
{
    OPEN_OR_FAIL(db);
    const qint64 serviceId = addService(db, QStringLiteral("t1"), QStringLiteral("企业微信"));
    QVERIFY(serviceId > 0);
    ServiceTestRepository tests(db);

    auto none = tests.latest(QStringLiteral("t1"), serviceId);
    VERIFY_OK(none);
    QVERIFY(!none->has_value());

    const ServiceTestRecord written = result(QStringLiteral("t1"), serviceId, 0, QStringLiteral("warning"));
    auto id = tests.insert(written);
    VERIFY_OK(id);
    QVERIFY(id.value() > 0);

    auto latest = tests.latest(QStringLiteral("t1"), serviceId);
    VERIFY_OK(latest);
    QVERIFY(latest->has_value());
    ServiceTestRecord read = latest->value();
    QCOMPARE(read.id, id.value());
    QCOMPARE(read.startedAt.timeSpec(), Qt::UTC);
    QCOMPARE(read.startedAt.toString(Qt::ISODateWithMs), QStringLiteral("2024-11-03T05:30:00.250Z"));
    QCOMPARE(read.finishedAt.toString(Qt::ISODateWithMs), QStringLiteral("2024-11-03T05:30:01.484Z"));
    read.id = 0;
    QCOMPARE(read, written);

    // A test that never finished keeps no finish time; an empty step list is an empty array.
    ServiceTestRecord unfinished = result(QStringLiteral("t1"), serviceId, 5, QStringLiteral("failed"));
    unfinished.finishedAt = {};
    unfinished.result = {};
    unfinished.testedBy.clear();
    VERIFY_OK(tests.insert(unfinished));
    auto newest = tests.latest(QStringLiteral("t1"), serviceId);
    VERIFY_OK(newest);
    QVERIFY(!newest->value().finishedAt.isValid());
    QVERIFY(newest->value().result.isEmpty());
    QCOMPARE(newest->value().outcome, QStringLiteral("failed"));
}

void TestServiceTests::newestFirstAndLimited()
{
    OPEN_OR_FAIL(db);
    const qint64 serviceId = addService(db, QStringLiteral("t1"), QStringLiteral("wecom"));
    ServiceTestRepository tests(db);
    // Inserted out of order; two share a start time and are then ordered by id, the later insert first.
    QList<qint64> ids;
    for (int minutes : {2, 0, 3, 1, 3}) {
        auto id = tests.insert(result(QStringLiteral("t1"), serviceId, minutes, QStringLiteral("passed")));
        VERIFY_OK(id);
        ids.append(id.value());
    }
    auto all = tests.list(QStringLiteral("t1"), serviceId, 100);
    VERIFY_OK(all);
    QList<qint64> order;
    for (const ServiceTestRecord &r : all.value()) {
        order.append(r.id);
    }
    QCOMPARE(order, (QList<qint64>{ids[4], ids[2], ids[0], ids[3], ids[1]}));

    auto two = tests.list(QStringLiteral("t1"), serviceId, 2);
    VERIFY_OK(two);
    QCOMPARE(two->size(), 2);
    QCOMPARE(two->at(1).id, ids[2]);
    auto clamped = tests.list(QStringLiteral("t1"), serviceId, 0);
    VERIFY_OK(clamped);
    QCOMPARE(clamped->size(), 1);

    auto latest = tests.latest(QStringLiteral("t1"), serviceId);
    VERIFY_OK(latest);
    QCOMPARE(latest->value().id, ids[4]);
}

void TestServiceTests::scopedToTenantAndService()
{
    OPEN_OR_FAIL(db);
    const qint64 a = addService(db, QStringLiteral("t1"), QStringLiteral("a"));
    const qint64 b = addService(db, QStringLiteral("t1"), QStringLiteral("b"));
    ServiceTestRepository tests(db);
    VERIFY_OK(tests.insert(result(QStringLiteral("t1"), a, 0, QStringLiteral("passed"))));
    VERIFY_OK(tests.insert(result(QStringLiteral("t1"), b, 1, QStringLiteral("failed"))));

    auto ofA = tests.list(QStringLiteral("t1"), a, 10);
    VERIFY_OK(ofA);
    QCOMPARE(ofA->size(), 1);
    QCOMPARE(ofA->at(0).outcome, QStringLiteral("passed"));
    auto otherTenant = tests.latest(QStringLiteral("t2"), a);
    VERIFY_OK(otherTenant);
    QVERIFY(!otherTenant->has_value());
}

void TestServiceTests::resultsGoWithTheirService()
{
    OPEN_OR_FAIL(db);
    const qint64 kept = addService(db, QStringLiteral("t1"), QStringLiteral("kept"));
    const qint64 removed = addService(db, QStringLiteral("t1"), QStringLiteral("removed"));
    ServiceTestRepository tests(db);
    VERIFY_OK(tests.insert(result(QStringLiteral("t1"), kept, 0, QStringLiteral("passed"))));
    VERIFY_OK(tests.insert(result(QStringLiteral("t1"), removed, 0, QStringLiteral("passed"))));
    VERIFY_OK(tests.insert(result(QStringLiteral("t1"), removed, 1, QStringLiteral("failed"))));

    VERIFY_OK(ServiceConfigRepository(db).remove(QStringLiteral("t1"), removed));
    auto gone = tests.list(QStringLiteral("t1"), removed, 10);
    VERIFY_OK(gone);
    QVERIFY(gone->isEmpty());
    auto still = tests.list(QStringLiteral("t1"), kept, 10);
    VERIFY_OK(still);
    QCOMPARE(still->size(), 1);
}

void TestServiceTests::invalidRecordsAreRefused()
{
    OPEN_OR_FAIL(db);
    const qint64 serviceId = addService(db, QStringLiteral("t1"), QStringLiteral("wecom"));
    ServiceTestRepository tests(db);
    const ServiceTestRecord good = result(QStringLiteral("t1"), serviceId, 0, QStringLiteral("passed"));

    ServiceTestRecord noTenant = good;
    noTenant.tenantId.clear();
    ServiceTestRecord noService = good;
    noService.serviceId = 0;
    ServiceTestRecord noStart = good;
    noStart.startedAt = {};
    ServiceTestRecord badOutcome = good;
    badOutcome.outcome = QStringLiteral("success");
    const QList<std::pair<ServiceTestRecord, QString>> cases{{noTenant, QStringLiteral("tenant_id")},
                                                             {noService, QStringLiteral("service_id")},
                                                             {noStart, QStringLiteral("started_at")},
                                                             {badOutcome, QStringLiteral("outcome")}};
    for (const auto &[record, field] : cases) {
        auto id = tests.insert(record);
        QVERIFY(!id.ok());
        QCOMPARE(id.error().code, ErrorCode::InvalidInput);
        QCOMPARE(id.error().field, field);
    }
    auto none = tests.list(QStringLiteral("t1"), serviceId, 10);
    VERIFY_OK(none);
    QVERIFY(none->isEmpty());
}

void TestServiceTests::unknownServiceIsNotFound()
{
    OPEN_OR_FAIL(db);
    const qint64 serviceId = addService(db, QStringLiteral("t1"), QStringLiteral("wecom"));
    ServiceTestRepository tests(db);
    auto id = tests.insert(result(QStringLiteral("t1"), serviceId + 1000, 0, QStringLiteral("passed")));
    QVERIFY(!id.ok());
    QCOMPARE(id.error().code, ErrorCode::NotFound);
    QVERIFY2(id.error().message.contains(QString::number(serviceId + 1000)), qPrintable(id.error().message));
}

QTEST_GUILESS_MAIN(TestServiceTests)
#include "tst_servicetests.moc"
