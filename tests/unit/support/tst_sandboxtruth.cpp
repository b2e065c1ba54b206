#include "SandboxTruth.h"
#include "SandboxTruthDiff.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "sandbox/SandboxCorp.h"

using namespace ic;
using db::SyncEntity;
using db::SyncRow;

namespace {

QDateTime utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc());
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

/// A corp small enough to know every row of: three departments, a member in two of them, a member outside every
/// department, customers of both types, a customer followed by two members plus one without the customer-contact
/// feature, a customer only that member follows, an unknown tag id on a relation.
std::unique_ptr<sandbox::SandboxCorp> smallCorp()
{
    using namespace ic::sandbox;
    std::vector<Department> departments{
        {1, "测试公司", "", 0, 100000000, {"zhangsan"}},
        {2, "销售部", "Sales", 1, 5000, {"zhangsan", "lisi"}},
        {3, "研发部", "", 1, 4000, {}},
    };

    Staff zhangsan;
    zhangsan.userid = "zhangsan";
    zhangsan.openUserid = "woZHANGSAN";
    zhangsan.name = "张三";
    zhangsan.englishName = "San Zhang";
    zhangsan.alias = "sanzhang";
    zhangsan.position = "总经理";
    zhangsan.gender = "1";
    zhangsan.status = 1;
    zhangsan.mobile = "13800000001";
    zhangsan.email = "zhangsan@example.com";
    zhangsan.bizMail = "zhangsan@example.wecom.work";
    zhangsan.telephone = "010-12345678";
    zhangsan.avatar = "https://wework.qpic.cn/wwpic/abc/0";
    zhangsan.address = "北京市海淀区";
    zhangsan.departments = {1, 2};
    zhangsan.orderInDepartments = {100, 200};
    zhangsan.isLeaderInDepartments = {1, 1};
    zhangsan.mainDepartment = 1;
    zhangsan.hasCustomerContact = true;

    Staff lisi;
    lisi.userid = "lisi";
    lisi.name = "李四";
    lisi.gender = "2";
    lisi.status = 1;
    lisi.departments = {2};
    lisi.isLeaderInDepartments = {1}; // no order: the API sends 0
    lisi.mainDepartment = 2;
    lisi.hasCustomerContact = true;

    Staff wangwu;
    wangwu.userid = "wangwu";
    wangwu.name = "王五";
    wangwu.status = 4;
    wangwu.departments = {3};
    wangwu.orderInDepartments = {7};
    wangwu.isLeaderInDepartments = {0};
    wangwu.mainDepartment = 0;
    wangwu.hasCustomerContact = false;

    Staff orphan;
    orphan.userid = "orphan";
    orphan.name = "孤儿";
    orphan.departments = {99};
    orphan.orderInDepartments = {0};
    orphan.isLeaderInDepartments = {0};
    orphan.mainDepartment = 99;

    std::vector<CorpTagGroup> tagGroups{
        {"etG1", "客户等级", 1700000000, 10, {{"etT1", "重要", 1700000001, 3}, {"etT2", "普通", 1700000002, 2}}},
        {"etG2", "来源", 0, 5, {{"etT3", "展会", 0, 1}}},
    };

    ExternalContact c1;
    c1.externalUserid = "wmC1";
    c1.name = "客户一";
    c1.type = 1;
    c1.gender = 2;
    c1.unionid = "oUNION1";
    c1.position = "not sent for type 1";
    FollowInfo c1z;
    c1z.userid = "zhangsan";
    c1z.remark = "王总";
    c1z.description = "老客户";
    c1z.createtime = 1700001000;
    c1z.tagIds = {"etT1", "etT3", "etUNKNOWN"};
    c1z.remarkMobiles = {"13900000001", "13900000002"};
    c1z.operUserid = "wmC1";
    c1z.addWay = 1;
    c1z.state = "expo2024";
    FollowInfo c1l;
    c1l.userid = "lisi";
    c1l.operUserid = "lisi";
    FollowInfo c1w;
    c1w.userid = "wangwu"; // not a follow user: not reachable
    c1w.createtime = 1700002000;
    c1w.tagIds = {"etT2"};
    c1.follows = {c1z, c1l, c1w};

    ExternalContact c2;
    c2.externalUserid = "woC2";
    c2.name = "客户二";
    c2.type = 2;
    c2.gender = 1;
    c2.unionid = "not sent for type 2";
    c2.position = "采购经理";
    c2.corpName = "腾讯";
    c2.corpFullName = "深圳市腾讯计算机系统有限公司";
    FollowInfo c2l;
    c2l.userid = "lisi";
    c2l.createtime = 1700003000;
    c2l.tagIds = {"etT2"};
    c2l.remarkCorpName = "鹅厂";
    c2l.operUserid = "zhangsan";
    c2l.addWay = 201;
    c2.follows = {c2l};

    ExternalContact c3;
    c3.externalUserid = "wmC3";
    c3.name = "客户三";
    FollowInfo c3w;
    c3w.userid = "wangwu";
    c3.follows = {c3w};

    return SandboxCorp::fromData(CorpCredentials{}, std::move(departments), {zhangsan, lisi, wangwu, orphan},
                                 {c1, c2, c3}, std::move(tagGroups), {}, {1});
}

sandbox::CorpSpec smallSpec(std::uint64_t seed = 7)
{
    sandbox::CorpSpec spec;
    spec.seed = seed;
    spec.departments = 10;
    spec.staff = 40;
    spec.contacts = 150;
    spec.tagGroups = 3;
    spec.tagsPerGroup = 4;
    spec.groupChats = 2;
    return spec;
}

/// The truth values of `entity` keyed by their first `keyColumns` values joined with '/'.
std::map<QString, QVariantList> byKey(const QList<QVariantList> &rows, int keyColumns)
{
    std::map<QString, QVariantList> out;
    for (const QVariantList &row : rows) {
        QStringList parts;
        for (int i = 0; i < keyColumns; ++i) {
            parts.append(row.at(i).toString());
        }
        out.emplace(parts.join(u'/'), row);
    }
    return out;
}

QList<QJsonObject> dumpRecords(const sandbox::SandboxCorp &corp, const QString &kind)
{
    std::ostringstream out;
    corp.dump(out);
    QList<QJsonObject> records;
    for (const QByteArray &line : QByteArray::fromStdString(out.str()).split('\n')) {
        if (line.isEmpty()) {
            continue;
        }
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        if (record.value(QLatin1StringView("kind")).toString() == kind) {
            records.append(record);
        }
    }
    return records;
}

QJsonObject dumpCounts(const sandbox::SandboxCorp &corp)
{
    return dumpRecords(corp, QStringLiteral("corp")).value(0).value(QLatin1StringView("counts")).toObject();
}

SyncRow row(const QString &key, QVariantList values, quint64 hash = 0)
{
    SyncRow r;
    r.key = key;
    r.values = std::move(values);
    r.hash = hash;
    return r;
}

} // namespace

class TestSandboxTruth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Values of a corp whose every field is known (no key or hash involved).
    void departmentsAsDepartmentListSendsThem();
    void staffAsUserListSendsThem();
    void staffDepartmentsOnePerDepartment();
    void tagGroupsAndTags();
    void contactsOnlyThroughFollowUsers();
    void followRelationsAsBatchGetByUserSendsThem();
    void contactTagsResolveNamesFromTheTagList();

    // A generated corp against its own ground-truth dump.
    void generatedCorpMatchesDump();
    void rowsAreSortedByUniqueKeyWithColumnTypes();

    // The comparison.
    void compareRowsEqual();
    void compareRowsFindsEveryKindOfDifference();
    void compareRowsCapsTheList();

    // Revisions.
    void diffOfACorpWithItselfIsEmpty();
    void diffBetweenRevisionsIsConsistent();
};

void TestSandboxTruth::departmentsAsDepartmentListSendsThem()
{
    const auto corp = smallCorp();
    const auto rows = byKey(test::truthValues(*corp, SyncEntity::Department), 1);
    QCOMPARE(rows.size(), std::size_t{3});
    QCOMPARE(rows.at(QStringLiteral("1")),
             (QVariantList{s("1"), s("测试公司"), QString(), s("0"), qint64{100000000}, s(R"(["zhangsan"])")}));
    QCOMPARE(rows.at(QStringLiteral("2")),
             (QVariantList{s("2"), s("销售部"), s("Sales"), s("1"), qint64{5000}, s(R"(["zhangsan","lisi"])")}));
    QCOMPARE(rows.at(QStringLiteral("3")).at(5), QVariant(s("[]")));
    QCOMPARE(test::truthCount(*corp, SyncEntity::Department), qint64{3});
}

void TestSandboxTruth::staffAsUserListSendsThem()
{
    const auto corp = smallCorp();
    const auto rows = byKey(test::truthValues(*corp, SyncEntity::Staff), 1);
    // The member outside every existing department is never listed by user/list.
    QCOMPARE(rows.size(), std::size_t{3});
    QVERIFY(rows.count(QStringLiteral("orphan")) == 0);

    QCOMPARE(rows.at(QStringLiteral("zhangsan")),
             (QVariantList{s("zhangsan"), s("woZHANGSAN"), s("张三"), s("sanzhang"), s("总经理"), qint64{1}, qint64{1},
                           s("1"), s("13800000001"), s("zhangsan@example.com"), s("zhangsan@example.wecom.work"),
                           s("010-12345678"), s("https://wework.qpic.cn/wwpic/abc/0"),
                           s(R"({"address":"北京市海淀区","english_name":"San Zhang"})")}));
    // Nothing optional set: biz_mail, english_name and open_userid are not sent, attrs is empty.
    const QVariantList &lisi = rows.at(QStringLiteral("lisi"));
    QCOMPARE(lisi.at(1).toString(), QString());
    QCOMPARE(lisi.at(5), QVariant(qint64{2}));
    QCOMPARE(lisi.at(7), QVariant(s("2")));
    QCOMPARE(lisi.at(10).toString(), QString());
    QCOMPARE(lisi.at(13).toString(), QString());
    QVERIFY(lisi.at(13).toString().isEmpty());
    // main_department 0 is empty text; status as sent.
    const QVariantList &wangwu = rows.at(QStringLiteral("wangwu"));
    QCOMPARE(wangwu.at(6), QVariant(qint64{4}));
    QCOMPARE(wangwu.at(7).toString(), QString());
    QCOMPARE(wangwu.at(5), QVariant(qint64{0}));
    for (const auto &[key, values] : rows) {
        QCOMPARE(values.size(), qsizetype{14});
    }
}

void TestSandboxTruth::staffDepartmentsOnePerDepartment()
{
    const auto corp = smallCorp();
    const auto rows = byKey(test::truthValues(*corp, SyncEntity::StaffDepartment), 2);
    QCOMPARE(rows.size(), std::size_t{4});
    QCOMPARE(rows.at(QStringLiteral("zhangsan/1")), (QVariantList{s("zhangsan"), s("1"), qint64{100}, true}));
    QCOMPARE(rows.at(QStringLiteral("zhangsan/2")), (QVariantList{s("zhangsan"), s("2"), qint64{200}, true}));
    QCOMPARE(rows.at(QStringLiteral("lisi/2")), (QVariantList{s("lisi"), s("2"), qint64{0}, true}));
    QCOMPARE(rows.at(QStringLiteral("wangwu/3")), (QVariantList{s("wangwu"), s("3"), qint64{7}, false}));
}

void TestSandboxTruth::tagGroupsAndTags()
{
    const auto corp = smallCorp();
    const auto groups = byKey(test::truthValues(*corp, SyncEntity::TagGroup), 1);
    QCOMPARE(groups.size(), std::size_t{2});
    QCOMPARE(groups.at(QStringLiteral("etG1")), (QVariantList{s("etG1"), s("客户等级"), qint64{10}, utc(1700000000)}));
    const QVariantList &g2 = groups.at(QStringLiteral("etG2"));
    QCOMPARE(g2.at(3).typeId(), QMetaType::QDateTime);
    QVERIFY(!g2.at(3).toDateTime().isValid());

    const auto tags = byKey(test::truthValues(*corp, SyncEntity::Tag), 1);
    QCOMPARE(tags.size(), std::size_t{3});
    QCOMPARE(tags.at(QStringLiteral("etT1")),
             (QVariantList{s("etT1"), s("etG1"), s("重要"), qint64{3}, utc(1700000001)}));
    QCOMPARE(tags.at(QStringLiteral("etT3")).at(1), QVariant(s("etG2")));
    QVERIFY(!tags.at(QStringLiteral("etT3")).at(4).toDateTime().isValid());
}

void TestSandboxTruth::contactsOnlyThroughFollowUsers()
{
    const auto corp = smallCorp();
    const auto rows = byKey(test::truthValues(*corp, SyncEntity::Contact), 1);
    // wmC1 once although two follow users follow it; wmC3 only by a member without the customer-contact feature.
    QCOMPARE(rows.size(), std::size_t{2});
    QVERIFY(rows.count(QStringLiteral("wmC3")) == 0);

    const QVariantList &c1 = rows.at(QStringLiteral("wmC1"));
    QCOMPARE(c1.size(), qsizetype{10});
    QCOMPARE(c1.at(1), QVariant(s("客户一")));
    QCOMPARE(c1.at(2), QVariant(qint64{1}));
    QVERIFY2(c1.at(3).toString().startsWith(QLatin1StringView("http://wx.qlogo.cn/mmhead/")),
             qPrintable(c1.at(3).toString())); // derived from the id, as the API sends it
    QCOMPARE(c1.at(4), QVariant(qint64{2}));
    QCOMPARE(c1.at(5), QVariant(s("oUNION1")));
    QCOMPARE(c1.at(6).toString(), QString());
    QCOMPARE(c1.at(8).toString(), QString()); // position is sent for type 2 only
    QCOMPARE(c1.at(9).toString(), QString());

    const QVariantList &c2 = rows.at(QStringLiteral("woC2"));
    QCOMPARE(c2.at(2), QVariant(qint64{2}));
    QVERIFY(c2.at(3).toString().startsWith(QLatin1StringView("http://p.qlogo.cn/bizmail/")));
    QCOMPARE(c2.at(5).toString(), QString()); // unionid is sent for type 1 only
    QCOMPARE(c2.at(6), QVariant(s("腾讯")));
    QCOMPARE(c2.at(7), QVariant(s("深圳市腾讯计算机系统有限公司")));
    QCOMPARE(c2.at(8), QVariant(s("采购经理")));
}

void TestSandboxTruth::followRelationsAsBatchGetByUserSendsThem()
{
    const auto corp = smallCorp();
    const auto rows = byKey(test::truthValues(*corp, SyncEntity::FollowRelation), 2);
    QCOMPARE(rows.size(), std::size_t{3});
    QVERIFY(rows.count(QStringLiteral("wmC1/wangwu")) == 0);
    QCOMPARE(rows.at(QStringLiteral("wmC1/zhangsan")),
             (QVariantList{s("wmC1"), s("zhangsan"), s("王总"), s("老客户"), utc(1700001000), qint64{1}, s("expo2024"),
                           s("wmC1"), QString(), s(R"(["13900000001","13900000002"])")}));
    const QVariantList &lisi = rows.at(QStringLiteral("wmC1/lisi"));
    QVERIFY(!lisi.at(4).toDateTime().isValid());
    QCOMPARE(lisi.at(5), QVariant(qint64{0}));
    QCOMPARE(lisi.at(9), QVariant(s("[]")));
    QCOMPARE(rows.at(QStringLiteral("woC2/lisi")),
             (QVariantList{s("woC2"), s("lisi"), QString(), QString(), utc(1700003000), qint64{201}, QString(),
                           s("zhangsan"), s("鹅厂"), s("[]")}));
}

void TestSandboxTruth::contactTagsResolveNamesFromTheTagList()
{
    const auto corp = smallCorp();
    const auto rows = byKey(test::truthValues(*corp, SyncEntity::ContactTag), 3);
    QCOMPARE(rows.size(), std::size_t{4});
    QCOMPARE(rows.at(QStringLiteral("wmC1/zhangsan/etT1")),
             (QVariantList{s("wmC1"), s("zhangsan"), s("etT1"), qint64{1}, s("客户等级"), s("重要")}));
    QCOMPARE(rows.at(QStringLiteral("wmC1/zhangsan/etT3")),
             (QVariantList{s("wmC1"), s("zhangsan"), s("etT3"), qint64{1}, s("来源"), s("展会")}));
    QCOMPARE(rows.at(QStringLiteral("wmC1/zhangsan/etUNKNOWN")),
             (QVariantList{s("wmC1"), s("zhangsan"), s("etUNKNOWN"), qint64{1}, QString(), QString()}));
    QCOMPARE(rows.at(QStringLiteral("woC2/lisi/etT2")),
             (QVariantList{s("woC2"), s("lisi"), s("etT2"), qint64{1}, s("客户等级"), s("普通")}));
}

void TestSandboxTruth::generatedCorpMatchesDump()
{
    auto corp = sandbox::SandboxCorp::generate(smallSpec());
    corp->advanceTo(2);
    const QJsonObject counts = dumpCounts(*corp);
    QCOMPARE(test::truthCount(*corp, SyncEntity::Department),
             counts.value(QLatin1StringView("departments")).toInteger());
    QCOMPARE(test::truthCount(*corp, SyncEntity::Staff), counts.value(QLatin1StringView("staff")).toInteger());
    QCOMPARE(test::truthCount(*corp, SyncEntity::TagGroup), counts.value(QLatin1StringView("tag_groups")).toInteger());
    QCOMPARE(test::truthCount(*corp, SyncEntity::Tag), counts.value(QLatin1StringView("tags")).toInteger());
    // Every follower of a generated corp has the customer-contact feature: every customer and relation is reachable.
    QCOMPARE(test::truthCount(*corp, SyncEntity::Contact), counts.value(QLatin1StringView("contacts")).toInteger());
    QCOMPARE(test::truthCount(*corp, SyncEntity::FollowRelation),
             counts.value(QLatin1StringView("follow_relations")).toInteger());

    // staff_department: one row per element of each member's department list, with its order and leader flag.
    std::set<std::tuple<QString, QString, qint64, bool>> expectedMemberships;
    bool someoneInTwoDepartments = false;
    for (const QJsonObject &member : dumpRecords(*corp, QStringLiteral("staff"))) {
        const QJsonArray departments = member.value(QLatin1StringView("department")).toArray();
        someoneInTwoDepartments = someoneInTwoDepartments || departments.size() > 1;
        for (qsizetype i = 0; i < departments.size(); ++i) {
            expectedMemberships.emplace(
                member.value(QLatin1StringView("userid")).toString(), QString::number(departments.at(i).toInteger()),
                member.value(QLatin1StringView("order")).toArray().at(i).toInteger(),
                member.value(QLatin1StringView("is_leader_in_dept")).toArray().at(i).toInteger() != 0);
        }
    }
    QVERIFY(someoneInTwoDepartments);
    std::set<std::tuple<QString, QString, qint64, bool>> memberships;
    for (const QVariantList &values : test::truthValues(*corp, SyncEntity::StaffDepartment)) {
        memberships.emplace(values.at(0).toString(), values.at(1).toString(), values.at(2).toLongLong(),
                            values.at(3).toBool());
    }
    QCOMPARE(memberships.size(), std::size_t(test::truthCount(*corp, SyncEntity::StaffDepartment)));
    QVERIFY(memberships == expectedMemberships);

    // contact_tag: the dump's follow_user tags (externalcontact/get's shape, names resolved by the sandbox itself).
    using Tagging = std::tuple<QString, QString, QString, QString, QString>;
    std::set<Tagging> expectedTags;
    std::map<QString, int> followersPerContact;
    for (const QJsonObject &contact : dumpRecords(*corp, QStringLiteral("contact"))) {
        const QString externalUserid = contact.value(QLatin1StringView("external_userid")).toString();
        for (const QJsonValue &follow : contact.value(QLatin1StringView("follow_user")).toArray()) {
            ++followersPerContact[externalUserid];
            for (const QJsonValue &tag : follow.toObject().value(QLatin1StringView("tags")).toArray()) {
                expectedTags.emplace(externalUserid, follow.toObject().value(QLatin1StringView("userid")).toString(),
                                     tag.toObject().value(QLatin1StringView("tag_id")).toString(),
                                     tag.toObject().value(QLatin1StringView("group_name")).toString(),
                                     tag.toObject().value(QLatin1StringView("tag_name")).toString());
            }
        }
    }
    std::set<Tagging> tags;
    for (const QVariantList &values : test::truthValues(*corp, SyncEntity::ContactTag)) {
        QCOMPARE(values.at(3), QVariant(qint64{1}));
        QVERIFY(!values.at(4).toString().isEmpty() && !values.at(5).toString().isEmpty());
        tags.emplace(values.at(0).toString(), values.at(1).toString(), values.at(2).toString(), values.at(4).toString(),
                     values.at(5).toString());
    }
    QVERIFY(!tags.empty());
    QCOMPARE(tags.size(), std::size_t(test::truthCount(*corp, SyncEntity::ContactTag)));
    QVERIFY(tags == expectedTags);

    // A customer followed by several members: one contact row, one relation row per follower.
    const auto shared = std::find_if(followersPerContact.begin(), followersPerContact.end(),
                                     [](const auto &entry) { return entry.second > 1; });
    QVERIFY(shared != followersPerContact.end());
    int contactRows = 0;
    for (const QVariantList &values : test::truthValues(*corp, SyncEntity::Contact)) {
        contactRows += values.at(0).toString() == shared->first ? 1 : 0;
    }
    QCOMPARE(contactRows, 1);
    int followRows = 0;
    for (const QVariantList &values : test::truthValues(*corp, SyncEntity::FollowRelation)) {
        followRows += values.at(0).toString() == shared->first ? 1 : 0;
    }
    QCOMPARE(followRows, shared->second);
}

void TestSandboxTruth::rowsAreSortedByUniqueKeyWithColumnTypes()
{
    auto corp = sandbox::SandboxCorp::generate(smallSpec());
    corp->advanceTo(1);
    for (const SyncEntity entity : db::syncEntities()) {
        const QString name = db::syncEntityName(entity);
        const QList<SyncRow> rows = test::truthRows(*corp, entity);
        QVERIFY2(!rows.isEmpty(), qPrintable(name));
        QCOMPARE(rows.size(), test::truthCount(*corp, entity));
        const QStringList &columns = db::syncColumns(entity);
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const SyncRow &row = rows.at(i);
            QCOMPARE(row.values.size(), columns.size());
            QCOMPARE(row.key, db::syncKeyOf(entity, row.values));
            QCOMPARE(row.hash, db::syncContentHash(row.values));
            QVERIFY2(i == 0 || rows.at(i - 1).key < row.key, qPrintable(name + u' ' + row.key));
            for (qsizetype c = 0; c < columns.size(); ++c) {
                const QString &column = columns.at(c);
                const int type = row.values.at(c).typeId();
                int expected = QMetaType::QString;
                if (column == u"is_leader") {
                    expected = QMetaType::Bool;
                } else if (column == u"create_time" || column == u"add_time") {
                    expected = QMetaType::QDateTime;
                } else if (column == u"order_no" || column == u"gender" || column == u"status" || column == u"type" ||
                           column == u"add_way" || column == u"tag_type") {
                    expected = QMetaType::LongLong;
                }
                QVERIFY2(type == expected, qPrintable(name + u'.' + column));
            }
        }
    }
}

void TestSandboxTruth::compareRowsEqual()
{
    const QList<SyncRow> expected{
        row(QStringLiteral("a"), {s("a"), QString(), qint64{3}, utc(1700000000)}, 11),
        row(QStringLiteral("b"), {s("b"), s("x"), qint64{0}, QDateTime()}, 12),
    };
    // The store's own order, NULLs for empty text and times, another integer width, hashes as stored.
    const QList<SyncRow> actual{
        row(QStringLiteral("b"), {s("b"), s("x"), 0, QVariant()}, 12),
        row(QStringLiteral("a"), {s("a"), QVariant(), qint64{3}, utc(1700000000).toTimeZone(QTimeZone(3600))}, 0),
    };
    QCOMPARE(test::compareRows(SyncEntity::TagGroup, actual, expected), QStringList());
    QCOMPARE(test::compareRows(SyncEntity::TagGroup, {}, {}), QStringList());
}

void TestSandboxTruth::compareRowsFindsEveryKindOfDifference()
{
    const QList<SyncRow> expected{
        row(QStringLiteral("a"), {s("a"), s("name"), qint64{3}, utc(1700000000)}, 1),
        row(QStringLiteral("b"), {s("b"), s("B"), qint64{1}, QDateTime()}, 2),
        row(QStringLiteral("c"), {s("c"), s("C"), qint64{1}, QDateTime()}, 3),
    };
    const QList<SyncRow> actual{
        row(QStringLiteral("a"), {s("a"), s("other"), s("3"), utc(1700000001)}, 9),
        row(QStringLiteral("c"), {s("c"), s("C"), qint64{1}, QDateTime()}, 4),
        row(QStringLiteral("d"), {s("d"), s("D"), qint64{1}, QDateTime()}, 5),
    };
    const QStringList differences = test::compareRows(SyncEntity::TagGroup, actual, expected);
    QCOMPARE(
        differences,
        (QStringList{
            s(R"(tag_group a: name is "other" in the store, expected "name")"),
            s(R"(tag_group a: order_no is "3" in the store, expected 3)"),
            s(R"(tag_group a: create_time is 2023-11-14T22:13:21Z in the store, expected 2023-11-14T22:13:20Z)"),
            s(R"(tag_group b: missing from the store (expected group_id="b", name="B", order_no=1, create_time=NULL))"),
            s("tag_group c: content_hash is 0000000000000004 in the store, expected 0000000000000003 (the "
              "values are equal)"),
            s(R"(tag_group d: extra row in the store (group_id="d", name="D", order_no=1, create_time=NULL))"),
        }));

    // Compound keys are shown with their parts; duplicates are reported.
    const QString key = s("wm1") + db::syncKeySeparator + s("zhangsan");
    const SyncRow follow = row(key, {s("wm1"), s("zhangsan")});
    const QStringList duplicate = test::compareRows(SyncEntity::FollowRelation, {follow, follow}, {follow});
    QVERIFY(!duplicate.isEmpty());
    QCOMPARE(duplicate.first(), s("follow_relation wm1 / zhangsan: the key occurs more than once in the store"));
}

void TestSandboxTruth::compareRowsCapsTheList()
{
    QList<SyncRow> expected;
    for (int i = 0; i < 30; ++i) {
        const QString id = QStringLiteral("t%1").arg(i, 2, 10, QLatin1Char('0'));
        expected.append(row(id, {id, s("n"), qint64{0}, QDateTime()}));
    }
    const QStringList differences = test::compareRows(SyncEntity::TagGroup, {}, expected);
    QCOMPARE(differences.size(), qsizetype{test::truthDifferenceLimit + 1});
    QVERIFY(differences.first().startsWith(QLatin1StringView("tag_group t00: missing")));
    QCOMPARE(differences.last(), s("tag_group: 10 more differences not listed (30 in all; 0 rows in the store, 30 "
                                   "expected)"));
}

void TestSandboxTruth::diffOfACorpWithItselfIsEmpty()
{
    auto corp = sandbox::SandboxCorp::generate(smallSpec());
    corp->advanceTo(2);
    const auto changes = test::diffTruth(*corp, *corp);
    QCOMPARE(changes.size(), db::syncEntities().size());
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        QVERIFY2(it->isEmpty(), qPrintable(test::describeTruthChanges(changes)));
        QCOMPARE(it->unchanged, test::truthCount(*corp, it.key()));
    }
}

void TestSandboxTruth::diffBetweenRevisionsIsConsistent()
{
    const sandbox::CorpSpec spec = smallSpec(3);
    auto before = sandbox::SandboxCorp::generate(spec);
    auto after = sandbox::SandboxCorp::generate(spec);
    after->advanceTo(3);
    const auto changes = test::diffTruth(*before, *after);
    QCOMPARE(test::diffRevisions(spec, 0, 3).value(SyncEntity::FollowRelation).updated,
             changes.value(SyncEntity::FollowRelation).updated);

    qint64 changed = 0;
    for (const SyncEntity entity : db::syncEntities()) {
        const test::TruthChange &change = changes[entity];
        const QString what = db::syncEntityName(entity) + u'\n' + test::describeTruthChanges(changes);
        changed += change.changedCount();
        // Every key of revision 3 is created, updated or unchanged; every key of revision 0 updated, unchanged or
        // deleted.
        QVERIFY2(change.createdCount() + change.updatedCount() + change.unchanged == test::truthCount(*after, entity),
                 qPrintable(what));
        QVERIFY2(change.deletedCount() + change.updatedCount() + change.unchanged == test::truthCount(*before, entity),
                 qPrintable(what));

        QSet<QString> beforeKeys;
        for (const SyncRow &row : test::truthRows(*before, entity)) {
            beforeKeys.insert(row.key);
        }
        QSet<QString> afterKeys;
        for (const SyncRow &row : test::truthRows(*after, entity)) {
            afterKeys.insert(row.key);
        }
        for (const QString &key : change.created) {
            QVERIFY2(afterKeys.contains(key) && !beforeKeys.contains(key), qPrintable(what));
        }
        for (const QString &key : change.deleted) {
            QVERIFY2(beforeKeys.contains(key) && !afterKeys.contains(key), qPrintable(what));
        }
        for (const QString &key : change.updated) {
            QVERIFY2(beforeKeys.contains(key) && afterKeys.contains(key), qPrintable(what));
        }
    }
    QVERIFY2(changed > 0, qPrintable(test::describeTruthChanges(changes)));
    // Three rounds on a 150-customer corp create customers and relations and edit relations.
    QVERIFY2(changes.value(SyncEntity::FollowRelation).createdCount() > 0,
             qPrintable(test::describeTruthChanges(changes)));
    QVERIFY2(changes.value(SyncEntity::Staff).changedCount() > 0, qPrintable(test::describeTruthChanges(changes)));
}

QTEST_GUILESS_MAIN(TestSandboxTruth)
#include "tst_sandboxtruth.moc"
