// The data views' reads of the mirrored tables (MirrorRepository), on every dialect: the department tree with direct
// staff counts, a department's staff in order with the limit, the customer search by name (Chinese substrings and
// ASCII in any case), remark, tag name and follower (userid or name), LIKE's special characters taken literally,
// keyset paging that neither skips nor repeats rows (also among equal names), one customer's follow relations and
// their tags, and everywhere: soft-deleted rows left out, other services and tenants invisible, each row's sync time
// and run.

#include "TestDatabase.h"

#include "db/Database.h"
#include "db/Migrator.h"
#include "db/MirrorRepository.h"
#include "db/Repositories.h"
#include "db/SyncStore.h"

#include <QJsonObject>
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

const QString tenant = QStringLiteral("租户-1");
const QString otherTenant = QStringLiteral("tenant-2");
const QDateTime t1(QDate(2024, 5, 1), QTime(8, 0, 0, 500), QTimeZone::utc());
const QDateTime t2(QDate(2024, 5, 2), QTime(9, 15, 30, 750), QTimeZone::utc());
// In New York's spring-forward gap (the TZ of this test): must still read back exactly.
const QDateTime gap(QDate(2024, 3, 10), QTime(7, 0, 0, 125), QTimeZone::utc());

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QStringList ids(const QList<MirrorCustomer> &customers)
{
    QStringList list;
    for (const MirrorCustomer &customer : customers) {
        list.append(customer.externalUserid);
    }
    return list;
}

/// A compound natural key.
QString key(std::initializer_list<const char *> parts)
{
    QStringList list;
    for (const char *part : parts) {
        list.append(QString::fromUtf8(part));
    }
    return list.join(syncKeySeparator);
}

} // namespace

class TestMirror : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void departmentTree();
    void staffOfDepartment();
    void searchCustomers_data();
    void searchCustomers();
    void searchTakesSpecialCharactersLiterally();
    void pagingNeitherSkipsNorRepeats();
    void customerWithRelationsAndTags();
    void otherServicesAndTenantsAreInvisible();

private:
    void write(SyncEntity entity, const QList<QVariantList> &rows, qint64 runId, const QDateTime &at,
               qint64 service = 0);
    /// Soft-deletes the rows of `keys` (natural keys, parts joined by syncKeySeparator) in run `runId`.
    void remove(SyncEntity entity, const QStringList &keys, qint64 runId);
    /// A corp: departments 1 > {2 > {4}, 3}, staff, five customers with follow relations and tags.
    void writeCorp();
    QStringList search(const QString &text, CustomerSearchField field);

    std::unique_ptr<test::TestDatabase> m_test;
    std::unique_ptr<Database> m_db;
    qint64 m_service = 0;
    qint64 m_otherService = 0;
    qint64 m_otherTenantService = 0;
};

void TestMirror::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_test = std::move(database);
    qInfo("testing %s", qPrintable(m_test->url().toString()));
}

void TestMirror::init()
{
    m_test->wipe();
    auto opened = m_test->open();
    VERIFY_OK(opened);
    m_db = std::move(opened.value());
    VERIFY_OK(Migrator::migrate(*m_db));
    ServiceConfigRepository services(*m_db);
    auto add = [&](const QString &tenantId, const QString &name) -> qint64 {
        ServiceConfigRecord record;
        record.tenantId = tenantId;
        record.name = name;
        record.type = QStringLiteral("wecom");
        record.category = QStringLiteral("collaboration");
        record.settings = QJsonObject{{QStringLiteral("corp_id"), QStringLiteral("ww1234567890abcdef")}};
        record.secretRefs = QJsonObject{};
        auto id = services.insert(record);
        return id ? id.value() : 0;
    };
    m_service = add(tenant, s("企业微信"));
    m_otherService = add(tenant, QStringLiteral("second"));
    m_otherTenantService = add(otherTenant, QStringLiteral("main"));
    QVERIFY(m_service > 0 && m_otherService > 0 && m_otherTenantService > 0);
}

void TestMirror::cleanup()
{
    m_db.reset();
}

void TestMirror::write(SyncEntity entity, const QList<QVariantList> &rows, qint64 runId, const QDateTime &at,
                       qint64 service)
{
    const qint64 serviceId = service == 0 ? m_service : service;
    const QString tenantId = serviceId == m_otherTenantService ? otherTenant : tenant;
    SyncStore store(*m_db, tenantId, serviceId);
    SyncWriteBatch batch;
    batch.entity = entity;
    for (const QVariantList &values : rows) {
        batch.upserts.append(SyncRow::make(entity, values));
    }
    VERIFY_OK(store.write(batch, runId, at));
}

void TestMirror::remove(SyncEntity entity, const QStringList &keys, qint64 runId)
{
    SyncStore store(*m_db, tenant, m_service);
    auto index = store.loadIndex(entity);
    VERIFY_OK(index);
    SyncWriteBatch batch;
    batch.entity = entity;
    for (const QString &key : keys) {
        const SyncIndexEntry *entry = index.value().find(key);
        QVERIFY2(entry, qPrintable(key));
        batch.deletes.append(entry->id);
    }
    VERIFY_OK(store.write(batch, runId, t2));
}

void TestMirror::writeCorp()
{
    const QVariant none;
    // department: dept_id, name, name_en, parent_id, order_no, leaders
    write(SyncEntity::Department,
          {{1, s("总部"), s("HQ"), 0, 100, none},
           {2, s("销售部"), s("Sales"), 1, 10, none},
           {3, s("研发部"), s("R&D"), 1, 20, none},
           {4, s("华东销售"), none, 2, 5, none},
           {5, s("已撤销"), none, 1, 1, none}},
          11, t1);
    // staff: userid, open_userid, name, alias, position, gender, status, main_department, mobile, email, biz_mail,
    // telephone, avatar, attrs
    write(SyncEntity::Staff,
          {{s("zhangsan"), none, s("张三"), s("Sam"), s("销售经理"), 1, 1, 2, s("13800000001"), s("zs@example.com"),
            none, none, none, none},
           {s("lisi"), none, s("李四"), none, s("销售"), 2, 1, 2, s("13800000002"), none, none, none, none, none},
           {s("wangwu"), none, s("王五"), none, s("工程师"), 1, 1, 3, none, none, none, none, none, none},
           {s("gone"), none, s("离职者"), none, none, 0, 5, 2, none, none, none, none, none, none}},
          12, t1);
    // staff_department: userid, dept_id, order_no, is_leader
    write(SyncEntity::StaffDepartment,
          {{s("zhangsan"), 2, 50, true},
           {s("lisi"), 2, 60, false},
           {s("lisi"), 4, 0, false},
           {s("wangwu"), 3, 0, true},
           {s("gone"), 2, 99, false}},
          12, gap);
    // contact: external_userid, name, type, avatar, gender, unionid, corp_name, corp_full_name, position, attrs
    write(SyncEntity::Contact,
          {{s("wmA"), s("王小明"), 1, none, 1, none, none, none, none, none},
           {s("wmB"), s("Alice Wang"), 2, none, 2, none, s("星辰科技"), s("星辰科技有限公司"), s("采购"), none},
           {s("wmC"), s("陈晨"), 1, none, 0, none, none, none, none, none},
           {s("wmD"), s("50% off_deal!"), 1, none, 0, none, none, none, none, none},
           {s("wmE"), s("Bob"), 1, none, 0, none, none, none, none, none}},
          21, t2);
    // follow_relation: external_userid, userid, remark, description, add_time, add_way, state, oper_userid,
    // remark_corp_name, remark_mobiles
    write(SyncEntity::FollowRelation,
          {{s("wmA"), s("zhangsan"), s("王总-老客户"), s("每月回访"), t1, 1, s("channel-7"), none, none, none},
           {s("wmA"), s("lisi"), s("小明"), none, t2, 2, none, none, none, none},
           {s("wmB"), s("wangwu"), s("VIP Partner"), none, t1, 3, none, none, none, none},
           {s("wmC"), s("lisi"), s("旧备注"), none, t1, 1, none, none, none, none},
           {s("wmD"), s("ghost"), none, none, t1, 1, none, none, none, none},
           {s("wmE"), s("zhangsan"), none, none, t1, 1, none, none, none, none}},
          21, t2);
    // contact_tag: external_userid, userid, tag_id, tag_type, group_name, tag_name
    write(SyncEntity::ContactTag,
          {{s("wmA"), s("zhangsan"), s("et1"), 1, s("客户等级"), s("重要客户")},
           {s("wmA"), s("zhangsan"), s("et2"), 1, s("来源"), s("展会")},
           {s("wmA"), s("lisi"), s("et1"), 1, s("客户等级"), s("重要客户")},
           {s("wmB"), s("wangwu"), s("et3"), 1, s("Region"), s("East China")},
           {s("wmC"), s("lisi"), s("et2"), 1, s("来源"), s("展会")}},
          21, t2);
    // Gone since: department 5, staff "gone", contact wmE, lisi's relation to wmC and its tag.
    remove(SyncEntity::Department, {QStringLiteral("5")}, 31);
    remove(SyncEntity::Staff, {QStringLiteral("gone")}, 31);
    remove(SyncEntity::Contact, {QStringLiteral("wmE")}, 31);
    remove(SyncEntity::FollowRelation, {key({"wmC", "lisi"})}, 31);
    remove(SyncEntity::ContactTag, {key({"wmC", "lisi", "et2"})}, 31);
}

QStringList TestMirror::search(const QString &text, CustomerSearchField field)
{
    MirrorRepository mirror(*m_db, tenant, m_service);
    auto page = mirror.customers({text, field}, std::nullopt, MirrorRepository::maxPageSize);
    if (!page) {
        qWarning("search: %s", qPrintable(page.error().toDisplayString()));
        return {QStringLiteral("error")};
    }
    QStringList found = ids(page.value().customers);
    std::sort(found.begin(), found.end());
    return found;
}

void TestMirror::departmentTree()
{
    writeCorp();
    MirrorRepository mirror(*m_db, tenant, m_service);
    auto departments = mirror.departments();
    VERIFY_OK(departments);
    QHash<QString, MirrorDepartment> byId;
    QStringList order;
    for (const MirrorDepartment &department : departments.value()) {
        byId.insert(department.deptId, department);
        order.append(department.deptId);
    }
    QCOMPARE(byId.size(), 4); // 5 is deleted
    QCOMPARE(byId.value(QStringLiteral("1")).parentId, QStringLiteral("0"));
    QCOMPARE(byId.value(QStringLiteral("1")).name, s("总部"));
    QCOMPARE(byId.value(QStringLiteral("1")).nameEn, QStringLiteral("HQ"));
    QCOMPARE(byId.value(QStringLiteral("4")).parentId, QStringLiteral("2"));
    QCOMPARE(byId.value(QStringLiteral("4")).order, 5);
    // Siblings: larger order first (研发部 20 before 销售部 10).
    QVERIFY(order.indexOf(QStringLiteral("3")) < order.indexOf(QStringLiteral("2")));
    // Direct, live staff only: department 2 has zhangsan and lisi ("gone" is deleted); 1 has none.
    QCOMPARE(byId.value(QStringLiteral("2")).staffCount, 2);
    QCOMPARE(byId.value(QStringLiteral("4")).staffCount, 1);
    QCOMPARE(byId.value(QStringLiteral("1")).staffCount, 0);
    QCOMPARE(byId.value(QStringLiteral("2")).stamp.syncedAt, t1);
    QCOMPARE(byId.value(QStringLiteral("2")).stamp.lastRunId, std::optional<qint64>(11));
}

void TestMirror::staffOfDepartment()
{
    writeCorp();
    MirrorRepository mirror(*m_db, tenant, m_service);
    auto page = mirror.staffOfDepartment(QStringLiteral("2"));
    VERIFY_OK(page);
    QCOMPARE(page.value().truncated, false);
    QCOMPARE(page.value().staff.size(), 2);
    const MirrorStaff &first = page.value().staff.at(0); // order 60 before 50
    QCOMPARE(first.userid, QStringLiteral("lisi"));
    QCOMPARE(first.name, s("李四"));
    QCOMPARE(first.isLeader, false);
    QCOMPARE(first.orderInDepartment, 60);
    const MirrorStaff &second = page.value().staff.at(1);
    QCOMPARE(second.userid, QStringLiteral("zhangsan"));
    QCOMPARE(second.alias, QStringLiteral("Sam"));
    QCOMPARE(second.position, s("销售经理"));
    QCOMPARE(second.mobile, QStringLiteral("13800000001"));
    QCOMPARE(second.email, QStringLiteral("zs@example.com"));
    QCOMPARE(second.status, 1);
    QCOMPARE(second.mainDepartment, QStringLiteral("2"));
    QCOMPARE(second.isLeader, true);
    // The stamp is the staff row's (synced in run 12 at t1), not the membership's.
    QCOMPARE(second.stamp.syncedAt, t1);
    QCOMPARE(second.stamp.lastRunId, std::optional<qint64>(12));

    auto limited = mirror.staffOfDepartment(QStringLiteral("2"), 1);
    VERIFY_OK(limited);
    QCOMPARE(limited.value().staff.size(), 1);
    QCOMPARE(limited.value().truncated, true);

    auto empty = mirror.staffOfDepartment(QStringLiteral("1"));
    VERIFY_OK(empty);
    QVERIFY(empty.value().staff.isEmpty());
    auto none = mirror.staffOfDepartment(QStringLiteral("999"));
    VERIFY_OK(none);
    QVERIFY(none.value().staff.isEmpty());
}

void TestMirror::searchCustomers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<CustomerSearchField>("field");
    QTest::addColumn<QStringList>("expected");

    const auto name = CustomerSearchField::Name;
    const auto remark = CustomerSearchField::Remark;
    const auto tag = CustomerSearchField::Tag;
    const auto follower = CustomerSearchField::Follower;
    const auto any = CustomerSearchField::Any;
    QTest::newRow("everyone") << QString() << any << QStringList{s("wmA"), s("wmB"), s("wmC"), s("wmD")};
    QTest::newRow("blank") << QStringLiteral("  ") << name << QStringList{s("wmA"), s("wmB"), s("wmC"), s("wmD")};
    QTest::newRow("name chinese") << s("小明") << name << QStringList{s("wmA")};
    QTest::newRow("name chinese middle") << s("晨") << name << QStringList{s("wmC")};
    QTest::newRow("name ascii any case") << QStringLiteral("aLiCe") << name << QStringList{s("wmB")};
    QTest::newRow("name no match") << s("赵") << name << QStringList{};
    QTest::newRow("deleted customer") << QStringLiteral("Bob") << name << QStringList{};
    QTest::newRow("remark chinese") << s("老客户") << remark << QStringList{s("wmA")};
    QTest::newRow("remark second follower") << s("小明") << remark << QStringList{s("wmA")};
    QTest::newRow("remark ascii any case") << QStringLiteral("vip") << remark << QStringList{s("wmB")};
    QTest::newRow("remark of deleted relation") << s("旧备注") << remark << QStringList{};
    QTest::newRow("remark is not name") << s("陈") << remark << QStringList{};
    QTest::newRow("tag chinese") << s("重要") << tag << QStringList{s("wmA")};
    QTest::newRow("tag shared") << s("展会") << tag << QStringList{s("wmA")}; // wmC's is deleted
    QTest::newRow("tag ascii any case") << QStringLiteral("east") << tag << QStringList{s("wmB")};
    QTest::newRow("follower userid") << QStringLiteral("LISI") << follower << QStringList{s("wmA")};
    QTest::newRow("follower name") << s("王五") << follower << QStringList{s("wmB")};
    QTest::newRow("follower name part") << s("张") << follower << QStringList{s("wmA")}; // wmE is deleted
    QTest::newRow("follower unmirrored") << QStringLiteral("ghost") << follower << QStringList{s("wmD")};
    QTest::newRow("any: name or remark") << s("小明") << any << QStringList{s("wmA")};
    QTest::newRow("any: follower or name") << s("王") << any << QStringList{s("wmA"), s("wmB")};
    QTest::newRow("any: tag") << QStringLiteral("china") << any << QStringList{s("wmB")};
}

void TestMirror::searchCustomers()
{
    QFETCH(QString, text);
    QFETCH(CustomerSearchField, field);
    QFETCH(QStringList, expected);
    writeCorp();
    QCOMPARE(search(text, field), expected);
}

void TestMirror::searchTakesSpecialCharactersLiterally()
{
    writeCorp();
    const QVariant none;
    write(SyncEntity::Contact,
          {{s("wmF"), s("500 offers"), 1, none, 0, none, none, none, none, none},
           {s("wmG"), s("offXdeal"), 1, none, 0, none, none, none, none, none},
           {s("wmH"), s("back\\slash 'quote'"), 1, none, 0, none, none, none, none, none}},
          22, t2);
    const auto name = CustomerSearchField::Name;
    QCOMPARE(search(QStringLiteral("50%"), name), QStringList{s("wmD")});
    QCOMPARE(search(QStringLiteral("%"), name), QStringList{s("wmD")});
    QCOMPARE(search(QStringLiteral("off_deal"), name), QStringList{s("wmD")});
    QCOMPARE(search(QStringLiteral("_"), name), QStringList{s("wmD")});
    QCOMPARE(search(QStringLiteral("deal!"), name), QStringList{s("wmD")});
    QCOMPARE(search(QStringLiteral("!"), name), QStringList{s("wmD")});
    QCOMPARE(search(QStringLiteral("k\\s"), name), QStringList{s("wmH")});
    QCOMPARE(search(QStringLiteral("'quote'"), name), QStringList{s("wmH")});
}

void TestMirror::pagingNeitherSkipsNorRepeats()
{
    // 23 customers, many with equal names (paging must break ties by external_userid), in a non-sorted write order.
    QList<QVariantList> rows;
    const QVariant none;
    QStringList names{s("张伟"), s("李娜"), QStringLiteral("amy"), QStringLiteral("Amy"), s("王芳")};
    for (int i = 0; i < 23; ++i) {
        rows.append({QStringLiteral("wm%1").arg((i * 7) % 23, 3, 10, QLatin1Char('0')), names.at(i % names.size()), 1,
                     none, 0, none, none, none, none, none});
    }
    write(SyncEntity::Contact, rows, 40, t1);
    MirrorRepository mirror(*m_db, tenant, m_service);
    auto all = mirror.customers({}, std::nullopt, MirrorRepository::maxPageSize);
    VERIFY_OK(all);
    QCOMPARE(all.value().customers.size(), 23);
    QVERIFY(!all.value().next);

    for (int pageSize : {1, 4, 7, 23}) {
        QStringList paged;
        std::optional<CustomerCursor> cursor;
        int pages = 0;
        do {
            auto page = mirror.customers({}, cursor, pageSize);
            VERIFY_OK(page);
            QVERIFY(page.value().customers.size() <= pageSize);
            paged += ids(page.value().customers);
            cursor = page.value().next;
            QVERIFY(++pages <= 23);
        } while (cursor);
        QCOMPARE(paged, ids(all.value().customers));
    }

    // Paging a search: only the matches, in the same order.
    QStringList amys;
    std::optional<CustomerCursor> cursor;
    do {
        auto page = mirror.customers({QStringLiteral("AMY"), CustomerSearchField::Name}, cursor, 2);
        VERIFY_OK(page);
        amys += ids(page.value().customers);
        cursor = page.value().next;
    } while (cursor);
    QStringList expected;
    for (const MirrorCustomer &customer : all.value().customers) {
        if (customer.name.compare(QStringLiteral("amy"), Qt::CaseInsensitive) == 0) {
            expected.append(customer.externalUserid);
        }
    }
    QCOMPARE(expected.size(), 9);
    QCOMPARE(amys, expected);

    // The limit is clamped.
    auto clamped = mirror.customers({}, std::nullopt, 0);
    VERIFY_OK(clamped);
    QCOMPARE(clamped.value().customers.size(), 1);
}

void TestMirror::customerWithRelationsAndTags()
{
    writeCorp();
    MirrorRepository mirror(*m_db, tenant, m_service);

    // In a search result: follower count and tag names summary.
    auto page = mirror.customers({s("小明"), CustomerSearchField::Name}, std::nullopt, 10);
    VERIFY_OK(page);
    QCOMPARE(page.value().customers.size(), 1);
    const MirrorCustomer &listed = page.value().customers.at(0);
    QCOMPARE(listed.name, s("王小明"));
    QCOMPARE(listed.followerCount, 2);
    QCOMPARE(listed.tagNames, QStringList({s("展会"), s("重要客户")}));
    QCOMPARE(listed.stamp.syncedAt, t2);
    QCOMPARE(listed.stamp.lastRunId, std::optional<qint64>(21));
    auto companies = mirror.customers({QStringLiteral("alice"), CustomerSearchField::Name}, std::nullopt, 10);
    VERIFY_OK(companies);
    QCOMPARE(companies.value().customers.at(0).type, 2);
    QCOMPARE(companies.value().customers.at(0).corpName, s("星辰科技"));
    // wmC's only relation and tag are deleted.
    auto chen = mirror.customers({s("陈晨"), CustomerSearchField::Name}, std::nullopt, 10);
    VERIFY_OK(chen);
    QCOMPARE(chen.value().customers.at(0).followerCount, 0);
    QVERIFY(chen.value().customers.at(0).tagNames.isEmpty());

    auto details = mirror.customer(QStringLiteral("wmA"));
    VERIFY_OK(details);
    QVERIFY(details.value().has_value());
    const MirrorCustomerDetails &a = *details.value();
    QCOMPARE(a.customer.name, s("王小明"));
    QCOMPARE(a.customer.followerCount, 2);
    QCOMPARE(a.customer.tagNames, QStringList({s("展会"), s("重要客户")}));
    QCOMPARE(a.relations.size(), 2);
    const MirrorFollowRelation &zhang = a.relations.at(0); // added at t1, before lisi at t2
    QCOMPARE(zhang.userid, QStringLiteral("zhangsan"));
    QCOMPARE(zhang.staffName, s("张三"));
    QCOMPARE(zhang.remark, s("王总-老客户"));
    QCOMPARE(zhang.description, s("每月回访"));
    QCOMPARE(zhang.addTime, t1);
    QCOMPARE(zhang.addWay, 1);
    QCOMPARE(zhang.state, QStringLiteral("channel-7"));
    QCOMPARE(zhang.stamp.lastRunId, std::optional<qint64>(21));
    QCOMPARE(zhang.tags.size(), 2);
    QCOMPARE(zhang.tags.at(0).groupName, s("客户等级")); // by group name: 客 (ke) before 来 (lai) in every collation
    const MirrorFollowRelation &li = a.relations.at(1);
    QCOMPARE(li.userid, QStringLiteral("lisi"));
    QCOMPARE(li.addTime, t2);
    QCOMPARE(li.tags.size(), 1);
    QCOMPARE(li.tags.at(0).tagId, QStringLiteral("et1"));
    QCOMPARE(li.tags.at(0).tagName, s("重要客户"));
    QCOMPARE(li.tags.at(0).tagType, 1);
    QCOMPARE(li.tags.at(0).stamp.syncedAt, t2);

    auto company = mirror.customer(QStringLiteral("wmB"));
    VERIFY_OK(company);
    QCOMPARE(company.value()->corpFullName, s("星辰科技有限公司"));
    QCOMPARE(company.value()->position, s("采购"));

    // A follower who is not mirrored still shows, without a name.
    auto ghost = mirror.customer(QStringLiteral("wmD"));
    VERIFY_OK(ghost);
    QCOMPARE(ghost.value()->relations.size(), 1);
    QVERIFY(ghost.value()->relations.at(0).staffName.isEmpty());

    auto deleted = mirror.customer(QStringLiteral("wmE"));
    VERIFY_OK(deleted);
    QVERIFY(!deleted.value().has_value());
    auto unknown = mirror.customer(QStringLiteral("nobody"));
    VERIFY_OK(unknown);
    QVERIFY(!unknown.value().has_value());
}

void TestMirror::otherServicesAndTenantsAreInvisible()
{
    const QVariant none;
    for (qint64 service : {m_otherService, m_otherTenantService}) {
        write(SyncEntity::Department, {{1, s("别家"), none, 0, 1, none}}, 50, t1, service);
        write(SyncEntity::Staff,
              {{s("zhangsan"), none, s("张三"), none, none, 0, 1, 1, none, none, none, none, none, none}}, 50, t1,
              service);
        write(SyncEntity::StaffDepartment, {{s("zhangsan"), 1, 0, false}}, 50, t1, service);
        write(SyncEntity::Contact, {{s("wmX"), s("王小明"), 1, none, 0, none, none, none, none, none}}, 50, t1,
              service);
        write(SyncEntity::FollowRelation, {{s("wmX"), s("zhangsan"), s("老客户"), none, t1, 1, none, none, none, none}},
              50, t1, service);
        write(SyncEntity::ContactTag, {{s("wmX"), s("zhangsan"), s("et1"), 1, none, s("重要客户")}}, 50, t1, service);
    }
    MirrorRepository mirror(*m_db, tenant, m_service);
    auto departments = mirror.departments();
    VERIFY_OK(departments);
    QVERIFY(departments.value().isEmpty());
    QCOMPARE(search(QString(), CustomerSearchField::Any), QStringList{});
    auto other = mirror.customer(QStringLiteral("wmX"));
    VERIFY_OK(other);
    QVERIFY(!other.value().has_value());

    writeCorp();
    // The other services' follower, tag and relation do not leak into this service's customers.
    auto page = mirror.customers({s("小明"), CustomerSearchField::Any}, std::nullopt, 10);
    VERIFY_OK(page);
    QCOMPARE(ids(page.value().customers), QStringList{s("wmA")});
    QCOMPARE(page.value().customers.at(0).followerCount, 2);
    auto departmentsNow = mirror.departments();
    VERIFY_OK(departmentsNow);
    QCOMPARE(departmentsNow.value().size(), 4);
    for (const MirrorDepartment &department : departmentsNow.value()) {
        QVERIFY(department.name != s("别家"));
    }

    MirrorRepository otherTenantMirror(*m_db, otherTenant, m_otherTenantService);
    auto theirs = otherTenantMirror.customers({}, std::nullopt, 10);
    VERIFY_OK(theirs);
    QCOMPARE(ids(theirs.value().customers), QStringList{s("wmX")});
    // The right tenant with another tenant's service sees nothing.
    MirrorRepository crossed(*m_db, tenant, m_otherTenantService);
    auto crossedPage = crossed.customers({}, std::nullopt, 10);
    VERIFY_OK(crossedPage);
    QVERIFY(crossedPage.value().customers.isEmpty());
}

QTEST_GUILESS_MAIN(TestMirror)
#include "tst_mirror.moc"
