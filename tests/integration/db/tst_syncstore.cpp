// The mirrored tables through SyncStore, on every dialect: every entity round-trips (values, types and content hashes,
// NULLs, Chinese text, JSON, times under a TZ with daylight-saving changes), upserts keep created_at and bring soft-
// deleted rows back, deletes are soft, indexes with and without a follower scope, the follower queries, tenant and
// service isolation, failed batches leave nothing behind, multi-row statements of every size, and the content hash
// encoding is pinned.

#include "TestDatabase.h"

#include "db/Database.h"
#include "db/Migrator.h"
#include "db/Repositories.h"
#include "db/SyncStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

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

// 2024-03-10 07:00 UTC is 02:00 in New York (TZ of this test), the spring-forward gap; 2024-11-03 05:30 UTC is 01:30,
// inside the autumn fold.
const QDateTime gap(QDate(2024, 3, 10), QTime(7, 0, 0, 125), QTimeZone::utc());
const QDateTime fold(QDate(2024, 11, 3), QTime(5, 30, 0, 250), QTimeZone::utc());
const QDateTime t1(QDate(2024, 5, 1), QTime(8, 0, 0, 500), QTimeZone::utc());
const QDateTime t2(QDate(2024, 5, 2), QTime(9, 15, 30, 750), QTimeZone::utc());

enum class TestKind { Text, Int, Bool, Time, Json };

/// The kind of a column, stated independently of SyncStore's own table.
TestKind kindOf(const QString &column)
{
    static const QStringList ints = {QStringLiteral("order_no"), QStringLiteral("gender"),  QStringLiteral("status"),
                                     QStringLiteral("type"),     QStringLiteral("add_way"), QStringLiteral("tag_type")};
    static const QStringList jsons = {QStringLiteral("leaders"), QStringLiteral("attrs"),
                                      QStringLiteral("remark_mobiles")};
    if (ints.contains(column)) {
        return TestKind::Int;
    }
    if (jsons.contains(column)) {
        return TestKind::Json;
    }
    if (column == QLatin1String("is_leader")) {
        return TestKind::Bool;
    }
    if (column == QLatin1String("add_time") || column == QLatin1String("create_time")) {
        return TestKind::Time;
    }
    return TestKind::Text;
}

/// Row `i` of `entity`. Row 0 is sparse: every column but the key is NULL. `variant` changes every non-key value.
QVariantList sampleValues(SyncEntity entity, int i, int variant = 0)
{
    const QStringList &columns = syncColumns(entity);
    const int keys = syncKeyColumnCount(entity);
    QVariantList values;
    for (int c = 0; c < columns.size(); ++c) {
        const QString &column = columns.at(c);
        if (c < keys) {
            // Key parts: a Chinese one, and ids of the kind WeCom uses.
            values.append(c == 0 ? QStringLiteral("%1-键-%2").arg(column).arg(i, 6, 10, QLatin1Char('0'))
                                 : QStringLiteral("%1_%2").arg(column).arg(i % 7));
            continue;
        }
        if (i == 0) {
            values.append(QVariant());
            continue;
        }
        switch (kindOf(column)) {
        case TestKind::Text:
            values.append(QStringLiteral("%1 · 华东区门店 “%2” v%3").arg(column).arg(i).arg(variant));
            break;
        case TestKind::Int:
            // order_no is 64-bit; the others (gender, status, type, ...) are 32-bit columns.
            values.append(column == QLatin1String("order_no") && i % 3 == 0 ? qint64(5000000000LL + i + variant)
                                                                            : qint64((i + variant) % 3));
            break;
        case TestKind::Bool:
            values.append(((i + variant) % 2) == 1);
            break;
        case TestKind::Time:
            values.append((i % 2 == 0 ? gap : fold).addSecs(i + variant).toTimeZone(QTimeZone::systemTimeZone()));
            break;
        case TestKind::Json:
            values.append(QStringLiteral(R"({"attrs":[{"name":"工号","value":"%1"}],"n":%2,"v":%3})")
                              .arg(i)
                              .arg(5000000000LL + i)
                              .arg(variant));
            break;
        }
    }
    return values;
}

QList<SyncRow> sampleRows(SyncEntity entity, int count, int first = 0, int variant = 0)
{
    QList<SyncRow> rows;
    for (int i = first; i < first + count; ++i) {
        rows.append(SyncRow::make(entity, sampleValues(entity, i, variant)));
    }
    return rows;
}

SyncWriteBatch upserts(SyncEntity entity, QList<SyncRow> rows)
{
    SyncWriteBatch batch;
    batch.entity = entity;
    batch.upserts = std::move(rows);
    return batch;
}

SyncWriteBatch deletes(SyncEntity entity, QList<qint64> ids)
{
    SyncWriteBatch batch;
    batch.entity = entity;
    batch.deletes = std::move(ids);
    return batch;
}

struct ReadRow {
    SyncRow row;
    qint64 lastRunId = 0;
};

QList<ReadRow> liveRows(SyncStore &store, SyncEntity entity)
{
    QList<ReadRow> rows;
    const Status status = store.forEachLiveRow(entity, [&](const SyncRow &row, qint64 runId) {
        rows.append({row, runId});
        return true;
    });
    if (!status) {
        qWarning("forEachLiveRow: %s", qPrintable(status.error().toDisplayString()));
    }
    return rows;
}

/// The bookkeeping columns of one stored row.
struct Bookkeeping {
    qint64 id = 0;
    QString contentHash;
    QDateTime syncedAt;
    qint64 lastRunId = 0;
    QDateTime deletedAt;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace

class TestSyncStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void entityNames();
    void everyEntityRoundTrips_data();
    void everyEntityRoundTrips();
    void makeNormalisesValues();
    void upsertUpdatesAndKeepsCreatedAt();
    void upsertRestoresSoftDeletedRow();
    void deletesAreSoft();
    void loadIndex();
    void loadIndexWithFollowerScope();
    void liveRowsOutsideFollowers();
    void followedContacts();
    void tenantsAndServicesAreIsolated();
    void failedBatchWritesNothing();
    void callerRollbackWritesNothing();
    void duplicateKeysInABatch();
    void batchSizes_data();
    void batchSizes();
    void hashesArePinned();
    void nativeAndQtWritesAgree();

private:
    Bookkeeping bookkeeping(SyncEntity entity, const QString &tenantId, qint64 serviceId, const QString &firstKey);
    int rawCount(const QString &table);

    std::unique_ptr<test::TestDatabase> m_test;
    std::unique_ptr<Database> m_db;
    qint64 m_service = 0;
    qint64 m_otherService = 0;
    qint64 m_otherTenantService = 0;
};

void TestSyncStore::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_test = std::move(database);
    qInfo("testing %s", qPrintable(m_test->url().toString()));
}

void TestSyncStore::init()
{
    m_test->wipe();
    auto opened = m_test->open();
    VERIFY_OK(opened);
    m_db = std::move(opened.value());
    VERIFY_OK(Migrator::migrate(*m_db));

    // The mirrored tables reference service_configs.
    ServiceConfigRepository services(*m_db);
    auto add = [&](const QString &tenantId, const QString &name) -> qint64 {
        ServiceConfigRecord record;
        record.tenantId = tenantId;
        record.name = name;
        record.type = QStringLiteral("wecom");
        record.category = QStringLiteral("collaboration");
        record.settings = QJsonObject{{QStringLiteral("corp_id"), QStringLiteral("ww1234567890abcdef")}};
        record.secretRefs = QJsonObject{{QStringLiteral("corp_secret"), QStringLiteral("service/x/corp_secret")}};
        auto id = services.insert(record);
        if (!id) {
            qWarning("service: %s", qPrintable(id.error().toDisplayString()));
            return 0;
        }
        return id.value();
    };
    m_service = add(tenant, QStringLiteral("企业微信-主体"));
    m_otherService = add(tenant, QStringLiteral("second"));
    m_otherTenantService = add(otherTenant, QStringLiteral("main"));
    QVERIFY(m_service > 0 && m_otherService > 0 && m_otherTenantService > 0);
}

void TestSyncStore::cleanup()
{
    m_db.reset();
}

Bookkeeping TestSyncStore::bookkeeping(SyncEntity entity, const QString &tenantId, qint64 serviceId,
                                       const QString &firstKey)
{
    QSqlQuery query(m_db->handle());
    const QString sql = QStringLiteral("SELECT id, content_hash, ") + m_db->selectTime(QStringLiteral("synced_at")) +
                        QStringLiteral(", last_run_id, ") + m_db->selectTime(QStringLiteral("deleted_at")) +
                        QStringLiteral(", ") + m_db->selectTime(QStringLiteral("created_at")) + QStringLiteral(", ") +
                        m_db->selectTime(QStringLiteral("updated_at")) + QStringLiteral(" FROM ") +
                        syncEntityTable(entity) + QStringLiteral(" WHERE tenant_id = ? AND service_id = ? AND ") +
                        syncColumns(entity).first() + QStringLiteral(" = ?");
    Bookkeeping result;
    if (!query.prepare(sql)) {
        qWarning("prepare: %s", qPrintable(query.lastError().text()));
        return result;
    }
    query.addBindValue(tenantId);
    query.addBindValue(serviceId);
    query.addBindValue(firstKey);
    if (!query.exec() || !query.next()) {
        qWarning("bookkeeping: %s", qPrintable(query.lastError().text()));
        return result;
    }
    result.id = query.value(0).toLongLong();
    result.contentHash = query.value(1).toString();
    result.syncedAt = m_db->fromDbTime(query.value(2));
    result.lastRunId = query.value(3).toLongLong();
    result.deletedAt = m_db->fromDbTime(query.value(4));
    result.createdAt = m_db->fromDbTime(query.value(5));
    result.updatedAt = m_db->fromDbTime(query.value(6));
    return result;
}

int TestSyncStore::rawCount(const QString &table)
{
    QSqlQuery query(m_db->handle());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !query.next()) {
        return -1;
    }
    return query.value(0).toInt();
}

void TestSyncStore::entityNames()
{
    const QList<SyncEntity> entities = syncEntities();
    QCOMPARE(entities.size(), 8);
    QStringList names;
    for (SyncEntity entity : entities) {
        names.append(syncEntityName(entity));
        QCOMPARE(parseSyncEntity(syncEntityName(entity)), std::optional<SyncEntity>(entity));
        QVERIFY(syncKeyColumnCount(entity) >= 1);
        QVERIFY(syncKeyColumnCount(entity) < syncColumns(entity).size());
    }
    QCOMPARE(names,
             QStringList({QStringLiteral("department"), QStringLiteral("staff"), QStringLiteral("staff_department"),
                          QStringLiteral("tag_group"), QStringLiteral("tag"), QStringLiteral("contact"),
                          QStringLiteral("follow_relation"), QStringLiteral("contact_tag")}));
    QCOMPARE(parseSyncEntity(QStringLiteral("user")), std::nullopt);
    QCOMPARE(syncEntityTable(SyncEntity::Contact), QStringLiteral("external_contacts"));
    QCOMPARE(syncColumns(SyncEntity::ContactTag),
             QStringList({QStringLiteral("external_userid"), QStringLiteral("userid"), QStringLiteral("tag_id"),
                          QStringLiteral("tag_type"), QStringLiteral("group_name"), QStringLiteral("tag_name")}));
    QCOMPARE(syncKeyColumnCount(SyncEntity::ContactTag), 3);
}

void TestSyncStore::everyEntityRoundTrips_data()
{
    QTest::addColumn<SyncEntity>("entity");
    for (SyncEntity entity : syncEntities()) {
        QTest::newRow(qPrintable(syncEntityName(entity))) << entity;
    }
}

void TestSyncStore::everyEntityRoundTrips()
{
    QFETCH(SyncEntity, entity);
    SyncStore store(*m_db, tenant, m_service);
    const QList<SyncRow> written = sampleRows(entity, 5);
    VERIFY_OK(store.write(upserts(entity, written), 42, t1));

    QList<ReadRow> read = liveRows(store, entity);
    QCOMPARE(read.size(), written.size());
    // Ordered by the natural key; the sample keys sort the same way on every dialect (same prefix, zero-padded).
    for (int i = 0; i < written.size(); ++i) {
        const SyncRow &expected = written.at(i);
        const SyncRow &actual = read.at(i).row;
        QCOMPARE(actual.key, expected.key);
        QCOMPARE(read.at(i).lastRunId, qint64(42));
        QCOMPARE(actual.values.size(), expected.values.size());
        for (int c = 0; c < expected.values.size(); ++c) {
            const QString what = syncColumns(entity).at(c) + QStringLiteral(" of row ") + QString::number(i);
            const QVariant &e = expected.values.at(c);
            const QVariant &a = actual.values.at(c);
            switch (kindOf(syncColumns(entity).at(c))) {
            case TestKind::Text:
            case TestKind::Json:
                QVERIFY2(a.metaType() == QMetaType::fromType<QString>(), qPrintable(what));
                QCOMPARE(a.toString(), e.toString());
                break;
            case TestKind::Int:
                QVERIFY2(a.metaType() == QMetaType::fromType<qint64>(), qPrintable(what));
                QCOMPARE(a.toLongLong(), e.toLongLong());
                break;
            case TestKind::Bool:
                QVERIFY2(a.metaType() == QMetaType::fromType<bool>(), qPrintable(what));
                QCOMPARE(a.toBool(), e.toBool());
                break;
            case TestKind::Time:
                QVERIFY2(a.metaType() == QMetaType::fromType<QDateTime>(), qPrintable(what));
                QCOMPARE(a.toDateTime(), e.toDateTime());
                if (a.toDateTime().isValid()) {
                    QCOMPARE(a.toDateTime().timeSpec(), Qt::UTC);
                    QCOMPARE(a.toDateTime().toMSecsSinceEpoch(), e.toDateTime().toMSecsSinceEpoch());
                }
                break;
            }
        }
        QCOMPARE(actual.hash, expected.hash);

        const Bookkeeping stored = bookkeeping(entity, tenant, m_service, expected.values.first().toString());
        QCOMPARE(stored.contentHash, QStringLiteral("%1").arg(expected.hash, 16, 16, QLatin1Char('0')));
        QCOMPARE(stored.lastRunId, qint64(42));
        QCOMPARE(stored.syncedAt, t1);
        QCOMPARE(stored.createdAt, t1);
        QCOMPARE(stored.updatedAt, t1);
        QVERIFY(!stored.deletedAt.isValid());
    }
    // The sparse row: NOT NULL names hold '', nullable columns NULL; both read back as empty strings.
    const SyncRow &sparse = read.first().row;
    for (int c = syncKeyColumnCount(entity); c < sparse.values.size(); ++c) {
        const TestKind kind = kindOf(syncColumns(entity).at(c));
        if (kind == TestKind::Text || kind == TestKind::Json) {
            QVERIFY(sparse.values.at(c).toString().isEmpty());
        } else if (kind == TestKind::Time) {
            QVERIFY(!sparse.values.at(c).toDateTime().isValid());
        }
    }
    QCOMPARE(store.liveCount(entity).value(), qint64(written.size()));
}

void TestSyncStore::makeNormalisesValues()
{
    // Integers given as text or int, times as seconds since the epoch or local time, JSON as objects.
    const SyncRow loose =
        SyncRow::make(SyncEntity::FollowRelation,
                      {QStringLiteral("wmABC"), QStringLiteral("zhangsan"), QStringLiteral("备注"), QVariant(),
                       QVariant(qint64(1714550400)), QStringLiteral("3"), QVariant(), QVariant(), QVariant(),
                       QVariant(QJsonArray{QStringLiteral("13800000000"), QStringLiteral("13900000000")})});
    QCOMPARE(loose.values.at(4).toDateTime(), QDateTime(QDate(2024, 5, 1), QTime(8, 0), QTimeZone::utc()));
    QCOMPARE(loose.values.at(5), QVariant(qint64(3)));
    QCOMPARE(loose.values.at(9).toString(), QStringLiteral(R"(["13800000000","13900000000"])"));
    QCOMPARE(loose.key, QStringLiteral("wmABC") + syncKeySeparator + QStringLiteral("zhangsan"));

    // A NULL integer takes the column's default, as the database would store it.
    const SyncRow contact =
        SyncRow::make(SyncEntity::Contact, {QStringLiteral("wm1"), QStringLiteral("客户"), QVariant(), QVariant(),
                                            QVariant(), QVariant(), QVariant(), QVariant(), QVariant(), QVariant()});
    QCOMPARE(contact.values.at(2), QVariant(qint64(1))); // type defaults to 1
    QCOMPARE(contact.values.at(4), QVariant(qint64(0))); // gender defaults to 0

    // An integer key part is its decimal text.
    QCOMPARE(syncKeyOf(SyncEntity::StaffDepartment, {QStringLiteral("lisi"), qint64(12), qint64(0), false}),
             QStringLiteral("lisi") + syncKeySeparator + QStringLiteral("12"));
    const SyncRow staffDepartment =
        SyncRow::make(SyncEntity::StaffDepartment, {QStringLiteral("lisi"), 12, 3, QVariant()});
    QCOMPARE(staffDepartment.values.at(1), QVariant(QStringLiteral("12")));
    QCOMPARE(staffDepartment.values.at(3), QVariant(false));

    SyncStore store(*m_db, tenant, m_service);
    VERIFY_OK(store.write(upserts(SyncEntity::FollowRelation, {loose}), 1, t1));
    VERIFY_OK(store.write(upserts(SyncEntity::Contact, {contact}), 1, t1));
    VERIFY_OK(store.write(upserts(SyncEntity::StaffDepartment, {staffDepartment}), 1, t1));
    QCOMPARE(liveRows(store, SyncEntity::FollowRelation).first().row.hash, loose.hash);
    QCOMPARE(liveRows(store, SyncEntity::Contact).first().row.hash, contact.hash);
    QCOMPARE(liveRows(store, SyncEntity::StaffDepartment).first().row.hash, staffDepartment.hash);
}

void TestSyncStore::upsertUpdatesAndKeepsCreatedAt()
{
    SyncStore store(*m_db, tenant, m_service);
    const SyncEntity entity = SyncEntity::Staff;
    const QList<SyncRow> first = sampleRows(entity, 3, 1);
    VERIFY_OK(store.write(upserts(entity, first), 1, t1));
    const Bookkeeping before = bookkeeping(entity, tenant, m_service, first.at(1).values.first().toString());

    // Row 2 changes, the others are written again unchanged (a full run).
    QList<SyncRow> second = first;
    second[1] = SyncRow::make(entity, sampleValues(entity, 2, 7));
    QVERIFY(second.at(1).hash != first.at(1).hash);
    VERIFY_OK(store.write(upserts(entity, second), 2, t2));

    const QList<ReadRow> read = liveRows(store, entity);
    QCOMPARE(read.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(read.at(i).row.values, second.at(i).values);
        QCOMPARE(read.at(i).row.hash, second.at(i).hash);
        QCOMPARE(read.at(i).lastRunId, qint64(2));
    }
    const Bookkeeping after = bookkeeping(entity, tenant, m_service, first.at(1).values.first().toString());
    QCOMPARE(after.id, before.id);
    QCOMPARE(after.createdAt, t1);
    QCOMPARE(after.updatedAt, t2);
    QCOMPARE(after.syncedAt, t2);
    QCOMPARE(after.lastRunId, qint64(2));
    QCOMPARE(after.contentHash, QStringLiteral("%1").arg(second.at(1).hash, 16, 16, QLatin1Char('0')));
    QCOMPARE(rawCount(QStringLiteral("staff")), 3);
}

void TestSyncStore::upsertRestoresSoftDeletedRow()
{
    SyncStore store(*m_db, tenant, m_service);
    const SyncEntity entity = SyncEntity::Contact;
    const QList<SyncRow> rows = sampleRows(entity, 2, 1);
    VERIFY_OK(store.write(upserts(entity, rows), 1, t1));
    auto index = store.loadIndex(entity);
    VERIFY_OK(index);
    const SyncIndexEntry *entry = index->find(rows.at(0).key);
    QVERIFY(entry);
    const qint64 id = entry->id;
    VERIFY_OK(store.write(deletes(entity, {id}), 2, t2));
    QCOMPARE(store.liveCount(entity).value(), qint64(1));
    index = store.loadIndex(entity);
    VERIFY_OK(index);
    QCOMPARE(index->size(), 2);
    QCOMPARE(index->liveCount(), 1);
    QVERIFY(index->find(rows.at(0).key)->deleted);

    const QDateTime t3 = t2.addDays(1);
    VERIFY_OK(store.write(upserts(entity, {rows.at(0)}), 3, t3));
    index = store.loadIndex(entity);
    VERIFY_OK(index);
    QCOMPARE(index->liveCount(), 2);
    QVERIFY(!index->find(rows.at(0).key)->deleted);
    QCOMPARE(index->find(rows.at(0).key)->id, id);
    const Bookkeeping stored = bookkeeping(entity, tenant, m_service, rows.at(0).values.first().toString());
    QVERIFY(!stored.deletedAt.isValid());
    QCOMPARE(stored.createdAt, t1);
    QCOMPARE(stored.updatedAt, t3);
    QCOMPARE(stored.lastRunId, qint64(3));
    QCOMPARE(liveRows(store, entity).size(), 2);
}

void TestSyncStore::deletesAreSoft()
{
    SyncStore store(*m_db, tenant, m_service);
    const SyncEntity entity = SyncEntity::ContactTag;
    const QList<SyncRow> rows = sampleRows(entity, 300, 1);
    VERIFY_OK(store.write(upserts(entity, rows), 1, t1));
    auto index = store.loadIndex(entity);
    VERIFY_OK(index);
    QList<qint64> ids;
    for (int i = 0; i < 257; ++i) { // 256 + 1: two statements
        ids.append(index->find(rows.at(i).key)->id);
    }
    VERIFY_OK(store.write(deletes(entity, ids), 2, t2));
    QCOMPARE(store.liveCount(entity).value(), qint64(43));
    QCOMPARE(rawCount(QStringLiteral("contact_tags")), 300);
    QCOMPARE(liveRows(store, entity).size(), 43);

    Bookkeeping gone = bookkeeping(entity, tenant, m_service, rows.at(0).values.first().toString());
    QCOMPARE(gone.deletedAt, t2);
    QCOMPARE(gone.lastRunId, qint64(2));
    QCOMPARE(gone.syncedAt, t2);
    QCOMPARE(gone.updatedAt, t2);
    QCOMPARE(gone.createdAt, t1);
    const Bookkeeping kept = bookkeeping(entity, tenant, m_service, rows.at(299).values.first().toString());
    QVERIFY(!kept.deletedAt.isValid());
    QCOMPARE(kept.lastRunId, qint64(1));

    // Deleting again leaves the time it went, and a batch of upserts and deletes does both.
    VERIFY_OK(store.write(deletes(entity, {ids.first()}), 3, t2.addDays(1)));
    gone = bookkeeping(entity, tenant, m_service, rows.at(0).values.first().toString());
    QCOMPARE(gone.deletedAt, t2);
    QCOMPARE(gone.lastRunId, qint64(2));

    SyncWriteBatch both = upserts(entity, {rows.at(0)});
    both.deletes = {index->find(rows.at(299).key)->id};
    VERIFY_OK(store.write(both, 4, t2.addDays(2)));
    QCOMPARE(store.liveCount(entity).value(), qint64(43));
    QVERIFY(!bookkeeping(entity, tenant, m_service, rows.at(0).values.first().toString()).deletedAt.isValid());
    QVERIFY(bookkeeping(entity, tenant, m_service, rows.at(299).values.first().toString()).deletedAt.isValid());
}

void TestSyncStore::loadIndex()
{
    SyncStore store(*m_db, tenant, m_service);
    const SyncEntity entity = SyncEntity::FollowRelation;
    const QList<SyncRow> rows = sampleRows(entity, 50);
    VERIFY_OK(store.write(upserts(entity, rows), 1, t1));
    auto index = store.loadIndex(entity);
    VERIFY_OK(index);
    QCOMPARE(index->size(), 50);
    QCOMPARE(index->liveCount(), 50);
    QSet<qint64> ids;
    for (const SyncRow &row : rows) {
        const SyncIndexEntry *entry = index->find(row.key);
        QVERIFY(entry);
        QCOMPARE(entry->key, row.key);
        QCOMPARE(entry->keyHash, syncKeyHash(row.key));
        QCOMPARE(entry->contentHash, row.hash);
        QVERIFY(!entry->deleted);
        QVERIFY(entry->id > 0);
        ids.insert(entry->id);
        QCOMPARE(index->find(entry->keyHash, row.key), entry);
    }
    QCOMPARE(ids.size(), 50);
    QCOMPARE(index->find(QStringLiteral("nope")), nullptr);
    QVERIFY(std::is_sorted(index->entries().begin(), index->entries().end(),
                           [](const SyncIndexEntry &a, const SyncIndexEntry &b) { return a.keyHash < b.keyHash; }));

    // An unreadable stored hash counts as 0 (changed).
    QSqlQuery corrupt(m_db->handle());
    QVERIFY(corrupt.prepare(QStringLiteral("UPDATE follow_relations SET content_hash = ? WHERE id = ?")));
    corrupt.addBindValue(QStringLiteral("not-a-hash"));
    corrupt.addBindValue(index->find(rows.at(3).key)->id);
    QVERIFY(corrupt.exec());
    index = store.loadIndex(entity);
    VERIFY_OK(index);
    QCOMPARE(index->find(rows.at(3).key)->contentHash, quint64(0));

    // Equal key hashes: find() compares the key text.
    std::vector<SyncIndexEntry> entries;
    for (int i = 0; i < 5; ++i) {
        SyncIndexEntry entry;
        entry.keyHash = 77;
        entry.key = QStringLiteral("k%1").arg(4 - i);
        entry.id = 4 - i;
        entries.push_back(entry);
    }
    const SyncIndex collisions(std::move(entries));
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(collisions.find(77, QStringLiteral("k%1").arg(i))->id, qint64(i));
    }
    QCOMPARE(collisions.find(77, QStringLiteral("k9")), nullptr);
    QCOMPARE(collisions.find(78, QStringLiteral("k1")), nullptr);
    QCOMPARE(SyncIndex().find(QStringLiteral("k1")), nullptr);

    // Only follow relations and contact tags have followers.
    QVERIFY(!store.loadIndex(SyncEntity::Contact, QStringList{QStringLiteral("zhangsan")}).ok());
}

void TestSyncStore::loadIndexWithFollowerScope()
{
    SyncStore store(*m_db, tenant, m_service);
    const SyncEntity entity = SyncEntity::ContactTag;
    // 1,300 followers with one tag each and a second tag for every tenth; one of them deleted.
    QList<SyncRow> rows;
    QStringList followers;
    for (int f = 0; f < 1300; ++f) {
        const QString userid = QStringLiteral("user%1").arg(f, 5, 10, QLatin1Char('0'));
        followers.append(userid);
        for (int t = 0; t < (f % 10 == 0 ? 2 : 1); ++t) {
            rows.append(SyncRow::make(entity, {QStringLiteral("wm%1").arg(f), userid, QStringLiteral("tag%1").arg(t),
                                               qint64(1), QStringLiteral("组"), QStringLiteral("标签")}));
        }
    }
    VERIFY_OK(store.write(upserts(entity, rows), 1, t1));
    auto all = store.loadIndex(entity);
    VERIFY_OK(all);
    QCOMPARE(all->size(), rows.size());
    VERIFY_OK(store.write(deletes(entity, {all->find(rows.first().key)->id}), 2, t2));

    // 1,201 of them (three queries), a duplicate and an unknown follower.
    QStringList scope = followers.mid(0, 1201);
    scope.append(followers.at(5));
    scope.append(QStringLiteral("nobody"));
    auto scoped = store.loadIndex(entity, scope);
    VERIFY_OK(scoped);
    QCOMPARE(scoped->size(), 1201 + 121); // every tenth of 0..1200 has two
    QCOMPARE(scoped->liveCount(), 1201 + 121 - 1);
    QVERIFY(scoped->find(rows.first().key)->deleted);
    for (const SyncRow &row : rows) {
        const bool inScope = row.values.at(1).toString() <= followers.at(1200);
        QCOMPARE(scoped->find(row.key) != nullptr, inScope);
    }
    auto none = store.loadIndex(entity, QStringList());
    VERIFY_OK(none);
    QCOMPARE(none->size(), 0);
}

void TestSyncStore::liveRowsOutsideFollowers()
{
    SyncStore store(*m_db, tenant, m_service);
    for (SyncEntity entity : {SyncEntity::FollowRelation, SyncEntity::ContactTag}) {
        QList<SyncRow> rows;
        for (int u = 0; u < 5; ++u) {
            QVariantList values = sampleValues(entity, 10 + u);
            values[1] = QStringLiteral("u%1").arg(u);
            rows.append(SyncRow::make(entity, values));
        }
        VERIFY_OK(store.write(upserts(entity, rows), 1, t1));
        auto index = store.loadIndex(entity);
        VERIFY_OK(index);
        VERIFY_OK(store.write(deletes(entity, {index->find(rows.at(4).key)->id}), 2, t2));

        auto outside = store.liveRowsOutsideFollowers(entity, {QStringLiteral("u0"), QStringLiteral("u2")});
        VERIFY_OK(outside);
        QStringList keys;
        for (const SyncIndexEntry &entry : outside.value()) {
            keys.append(entry.key);
            QVERIFY(!entry.deleted);
            QCOMPARE(entry.id, index->find(entry.key)->id);
            QCOMPARE(entry.keyHash, syncKeyHash(entry.key));
            QCOMPARE(entry.contentHash, index->find(entry.key)->contentHash);
        }
        keys.sort();
        QCOMPARE(keys, QStringList({rows.at(1).key, rows.at(3).key}));
        auto everything = store.liveRowsOutsideFollowers(entity, {});
        VERIFY_OK(everything);
        QCOMPARE(everything->size(), std::size_t(4));
    }
    QVERIFY(!store.liveRowsOutsideFollowers(SyncEntity::Staff, {}).ok());
}

void TestSyncStore::followedContacts()
{
    SyncStore store(*m_db, tenant, m_service);
    const SyncEntity entity = SyncEntity::FollowRelation;
    // Contacts c0..c9; follower u<k> follows c<k>..c<k+2>, for k in 0..599 (over 500 followers: two queries).
    QList<SyncRow> rows;
    for (int k = 0; k < 600; ++k) {
        for (int c = k; c < k + 3; ++c) {
            rows.append(
                SyncRow::make(entity, {QStringLiteral("c%1").arg(c % 10), QStringLiteral("u%1").arg(k), QVariant(),
                                       QVariant(), t1, qint64(0), QVariant(), QVariant(), QVariant(), QVariant()}));
        }
    }
    VERIFY_OK(store.write(upserts(entity, rows), 1, t1));
    auto index = store.loadIndex(entity);
    VERIFY_OK(index);
    auto idOf = [&](const QString &contact, const QString &user) {
        return index->find(contact + syncKeySeparator + user)->id;
    };

    QStringList followers;
    for (int k = 0; k < 600; ++k) {
        followers.append(QStringLiteral("u%1").arg(k));
    }
    auto all = store.followedContacts(followers, {});
    VERIFY_OK(all);
    QCOMPARE(all->size(), 10);
    QCOMPARE(all->first(), QStringLiteral("c0"));

    // u1 follows c1, c2, c3; u2 follows c2, c3, c4.
    const QStringList two = {QStringLiteral("u1"), QStringLiteral("u2")};
    auto some = store.followedContacts(two, {});
    VERIFY_OK(some);
    QCOMPARE(some.value(),
             QStringList({QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3"), QStringLiteral("c4")}));
    // Leaving out the relations done already: c2 still counts through u2, c1 not at all.
    std::vector<qint64> excluded = {idOf(QStringLiteral("c1"), QStringLiteral("u1")),
                                    idOf(QStringLiteral("c2"), QStringLiteral("u1"))};
    std::sort(excluded.begin(), excluded.end());
    some = store.followedContacts(two, excluded);
    VERIFY_OK(some);
    QCOMPARE(some.value(), QStringList({QStringLiteral("c2"), QStringLiteral("c3"), QStringLiteral("c4")}));
    // Deleted relations do not count.
    VERIFY_OK(store.write(deletes(entity, {idOf(QStringLiteral("c4"), QStringLiteral("u2"))}), 2, t2));
    some = store.followedContacts(two, excluded);
    VERIFY_OK(some);
    QCOMPARE(some.value(), QStringList({QStringLiteral("c2"), QStringLiteral("c3")}));
    auto nobody = store.followedContacts({}, {});
    VERIFY_OK(nobody);
    QVERIFY(nobody->isEmpty());
}

void TestSyncStore::tenantsAndServicesAreIsolated()
{
    SyncStore mine(*m_db, tenant, m_service);
    SyncStore otherService(*m_db, tenant, m_otherService);
    SyncStore otherTenant_(*m_db, otherTenant, m_otherTenantService);
    SyncStore wrongPair(*m_db, otherTenant, m_service);
    const SyncEntity entity = SyncEntity::Department;
    // The same keys everywhere, with different values.
    VERIFY_OK(mine.write(upserts(entity, sampleRows(entity, 10, 1, 0)), 1, t1));
    VERIFY_OK(otherService.write(upserts(entity, sampleRows(entity, 10, 1, 1)), 2, t1));
    VERIFY_OK(otherTenant_.write(upserts(entity, sampleRows(entity, 5, 1, 2)), 3, t1));
    QCOMPARE(rawCount(QStringLiteral("departments")), 25);

    QCOMPARE(liveRows(mine, entity).first().row.hash, sampleRows(entity, 1, 1, 0).first().hash);
    QCOMPARE(liveRows(otherService, entity).first().row.hash, sampleRows(entity, 1, 1, 1).first().hash);
    QCOMPARE(liveRows(otherTenant_, entity).first().row.hash, sampleRows(entity, 1, 1, 2).first().hash);
    QCOMPARE(liveRows(wrongPair, entity).size(), 0);
    QCOMPARE(otherTenant_.liveCount(entity).value(), qint64(5));
    QCOMPARE(wrongPair.liveCount(entity).value(), qint64(0));
    QCOMPARE(wrongPair.loadIndex(entity)->size(), 0);

    // Deleting by the ids of another service's rows does nothing.
    auto theirs = otherService.loadIndex(entity);
    VERIFY_OK(theirs);
    QList<qint64> ids;
    for (const SyncIndexEntry &entry : theirs->entries()) {
        ids.append(entry.id);
    }
    VERIFY_OK(mine.write(deletes(entity, ids), 4, t2));
    VERIFY_OK(otherTenant_.write(deletes(entity, ids), 4, t2));
    QCOMPARE(otherService.liveCount(entity).value(), qint64(10));
    QCOMPARE(mine.liveCount(entity).value(), qint64(10));
    auto mineIndex = mine.loadIndex(entity);
    VERIFY_OK(mineIndex);
    for (const SyncIndexEntry &entry : mineIndex->entries()) {
        QVERIFY(!ids.contains(entry.id));
    }

    // Follower queries too.
    const SyncEntity follow = SyncEntity::FollowRelation;
    VERIFY_OK(mine.write(upserts(follow, sampleRows(follow, 3, 1)), 1, t1));
    QCOMPARE(otherService.followedContacts({QStringLiteral("userid_1")}, {})->size(), 0);
    QCOMPARE(otherService.liveRowsOutsideFollowers(follow, {})->size(), std::size_t(0));
    QCOMPARE(mine.liveRowsOutsideFollowers(follow, {})->size(), std::size_t(3));
}

void TestSyncStore::failedBatchWritesNothing()
{
    SyncStore store(*m_db, tenant, m_service);
    const SyncEntity entity = SyncEntity::Contact;
    const QList<SyncRow> before = sampleRows(entity, 10, 1);
    VERIFY_OK(store.write(upserts(entity, before), 1, t1));

    // A NULL in a NOT NULL integer column, in the second statement of the batch: the first one is rolled back too,
    // and so are the deletes of the batch.
    QList<SyncRow> rows = sampleRows(entity, 300, 1, 5);
    SyncRow bad = rows.at(280);
    bad.values[2] = QVariant(); // type
    rows[280] = bad;
    auto index = store.loadIndex(entity);
    VERIFY_OK(index);
    SyncWriteBatch batch = upserts(entity, rows);
    batch.deletes = {index->entries().front().id};
    const Status failed = store.write(batch, 2, t2);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, ErrorCode::Database);
    QCOMPARE(store.liveCount(entity).value(), qint64(10));
    const QList<ReadRow> read = liveRows(store, entity);
    QCOMPARE(read.size(), 10);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(read.at(i).row.hash, before.at(i).hash);
        QCOMPARE(read.at(i).lastRunId, qint64(1));
    }

    // Rows that are malformed never reach the database.
    QList<SyncRow> emptyKey = sampleRows(entity, 3, 20);
    emptyKey[1].values[0] = QString();
    const Status refused = store.write(upserts(entity, emptyKey), 3, t2);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
    QList<SyncRow> shortRow = sampleRows(entity, 2, 30);
    shortRow[1].values.removeLast();
    QCOMPARE(store.write(upserts(entity, shortRow), 3, t2).error().code, ErrorCode::Internal);
    QCOMPARE(store.liveCount(entity).value(), qint64(10));

    // The store (and its cached statements) still work afterwards.
    VERIFY_OK(store.write(upserts(entity, sampleRows(entity, 300, 1, 6)), 4, t2));
    QCOMPARE(store.liveCount(entity).value(), qint64(300));
}

void TestSyncStore::callerRollbackWritesNothing()
{
    SyncStore store(*m_db, tenant, m_service);
    // The batches join the caller's transaction: when it fails, none of them stays.
    const Status status = m_db->transaction([&]() -> Status {
        for (SyncEntity entity : syncEntities()) {
            if (Status written = store.write(upserts(entity, sampleRows(entity, 20, 1)), 1, t1); !written) {
                return written;
            }
        }
        return Error::make(ErrorCode::Cancelled, QStringLiteral("stop"));
    });
    QCOMPARE(status.error().code, ErrorCode::Cancelled);
    for (SyncEntity entity : syncEntities()) {
        QCOMPARE(store.liveCount(entity).value(), qint64(0));
        QCOMPARE(rawCount(syncEntityTable(entity)), 0);
    }

    // And commit with it.
    VERIFY_OK(m_db->transaction([&]() -> Status {
        for (SyncEntity entity : syncEntities()) {
            if (Status written = store.write(upserts(entity, sampleRows(entity, 20, 1)), 1, t1); !written) {
                return written;
            }
        }
        return {};
    }));
    for (SyncEntity entity : syncEntities()) {
        QCOMPARE(store.liveCount(entity).value(), qint64(20));
    }
}

void TestSyncStore::duplicateKeysInABatch()
{
    SyncStore store(*m_db, tenant, m_service);
    const SyncEntity entity = SyncEntity::Tag;
    QList<SyncRow> rows = sampleRows(entity, 5, 1);
    const SyncRow later = SyncRow::make(entity, sampleValues(entity, 2, 9));
    rows.append(later); // the key of rows[1], with other values
    VERIFY_OK(store.write(upserts(entity, rows), 1, t1));
    const QList<ReadRow> read = liveRows(store, entity);
    QCOMPARE(read.size(), 5);
    QCOMPARE(read.at(1).row.hash, later.hash);
}

void TestSyncStore::batchSizes_data()
{
    QTest::addColumn<int>("count");
    for (int count : {1, 199, 200, 201, 255, 256, 257, 1000}) {
        QTest::newRow(qPrintable(QString::number(count))) << count;
    }
}

void TestSyncStore::batchSizes()
{
    QFETCH(int, count);
    SyncStore store(*m_db, tenant, m_service);
    const SyncEntity entity = SyncEntity::Contact;
    const QList<SyncRow> rows = sampleRows(entity, count, 1);
    VERIFY_OK(store.write(upserts(entity, rows), 1, t1));
    QCOMPARE(store.liveCount(entity).value(), qint64(count));
    QList<ReadRow> read = liveRows(store, entity);
    QCOMPARE(read.size(), count);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(read.at(i).row.key, rows.at(i).key);
        QCOMPARE(read.at(i).row.hash, rows.at(i).hash);
    }

    // Overwrite everything with new values, plus as many new rows again.
    const QList<SyncRow> changed = sampleRows(entity, 2 * count, 1, 3);
    VERIFY_OK(store.write(upserts(entity, changed), 2, t2));
    read = liveRows(store, entity);
    QCOMPARE(read.size(), 2 * count);
    for (int i = 0; i < 2 * count; ++i) {
        QCOMPARE(read.at(i).row.hash, changed.at(i).hash);
        QCOMPARE(read.at(i).lastRunId, qint64(2));
    }
    auto index = store.loadIndex(entity);
    VERIFY_OK(index);
    QCOMPARE(index->size(), 2 * count);
    QList<qint64> ids;
    for (const SyncIndexEntry &entry : index->entries()) {
        ids.append(entry.id);
    }
    VERIFY_OK(store.write(deletes(entity, ids.mid(0, count)), 3, t2));
    QCOMPARE(store.liveCount(entity).value(), qint64(count));
}

void TestSyncStore::hashesArePinned()
{
    // The expected values were computed outside this code base from the documented encoding (tools: Python's
    // hashlib): a change of the encoding would make every stored row look changed, so it must be deliberate.
    QCOMPARE(syncKeyHash(QString()), quint64(0xcbf29ce484222325ULL));
    QCOMPARE(syncKeyHash(QStringLiteral("a")), quint64(0x089be207b544f1e4ULL));
    QCOMPARE(syncKeyHash(QStringLiteral("wm张三") + syncKeySeparator + QStringLiteral("lisi")),
             quint64(0x62218ce720a3e881ULL));

    const QVariantList values = {QStringLiteral("wm张三"),
                                 QString(),
                                 qint64(2),
                                 true,
                                 QDateTime(QDate(2024, 3, 10), QTime(7, 0, 0, 125), QTimeZone::utc()),
                                 QDateTime(),
                                 QStringLiteral(R"({"a":[1,2]})")};
    QCOMPARE(syncContentHash(values), quint64(0xf61c42aa1fc02a41ULL));

    // Equal: null and empty text, an invalid QVariant and an invalid time; a time in another zone and other
    // milliseconds of the same second; int and qint64.
    QVariantList same = values;
    same[1] = QVariant();
    same[2] = 2;
    same[4] = QDateTime(QDate(2024, 3, 10), QTime(3, 0, 0, 999), QTimeZone(-4 * 3600));
    same[5] = QStringLiteral("");
    QCOMPARE(syncContentHash(same), syncContentHash(values));
    // Different: a number and its text, a bool and 1, one more empty value, order.
    QVariantList other = values;
    other[2] = QStringLiteral("2");
    QVERIFY(syncContentHash(other) != syncContentHash(values));
    other = values;
    other[3] = qint64(1);
    QVERIFY(syncContentHash(other) != syncContentHash(values));
    other = values;
    other.append(QString());
    QVERIFY(syncContentHash(other) != syncContentHash(values));
    other = values;
    std::swap(other[0], other[6]);
    QVERIFY(syncContentHash(other) != syncContentHash(values));
    // Text boundaries are part of the encoding.
    QVERIFY(syncContentHash({QStringLiteral("ab"), QStringLiteral("c")}) !=
            syncContentHash({QStringLiteral("a"), QStringLiteral("bc")}));
}

void TestSyncStore::nativeAndQtWritesAgree()
{
    if (m_db->dialect() != Dialect::SQLite) {
        QSKIP("SQLite's C API path exists on SQLite only");
    }
    SyncStore native(*m_db, tenant, m_service);
    SyncStore qt(*m_db, tenant, m_otherService);
    QVERIFY2(native.nativeSqliteWrites(), "this build's QSQLITE driver should give SQLite's C API");
    qt.setNativeSqliteWrites(false);
    QVERIFY(!qt.nativeSqliteWrites());

    for (SyncEntity entity : syncEntities()) {
        // Row 0 is sparse (NULLs); then enough rows for several statement sizes; then awkward text: empty strings,
        // characters outside the BMP, a lone surrogate, quotes and a NUL.
        QList<SyncRow> rows = sampleRows(entity, 300);
        QVariantList awkward = sampleValues(entity, 301);
        for (int c = syncKeyColumnCount(entity); c < awkward.size(); ++c) {
            if (kindOf(syncColumns(entity).at(c)) == TestKind::Text) {
                awkward[c] =
                    c % 2 == 0
                        ? QString(QStringLiteral("😀 'x' \"y\" ") + QChar(0xD800) + QChar(u'\0') + QStringLiteral("z"))
                        : QStringLiteral("");
            }
        }
        rows.append(SyncRow::make(entity, awkward));
        for (SyncStore *store : {&native, &qt}) {
            VERIFY_OK(store->write(upserts(entity, rows), 7, t1));
            // Some deletes too, so that both statement kinds are compared.
            auto index = store->loadIndex(entity);
            VERIFY_OK(index);
            QList<qint64> ids;
            for (int i = 0; i < 40; ++i) {
                ids.append(index->entries().at(std::size_t(i) * 7).id);
            }
            VERIFY_OK(store->write(deletes(entity, ids), 8, t2));
        }

        // Every column but id and service_id, as SQLite's quote() shows it: type and value exactly.
        QSqlQuery columns(m_db->handle());
        QVERIFY(columns.exec(QStringLiteral("SELECT * FROM ") + syncEntityTable(entity) + QStringLiteral(" LIMIT 0")));
        QStringList quoted;
        const QSqlRecord record = columns.record();
        for (int i = 0; i < record.count(); ++i) {
            if (record.fieldName(i) != u"id" && record.fieldName(i) != u"service_id") {
                quoted.append(QStringLiteral("quote(") + record.fieldName(i) + u')');
            }
        }
        auto dump = [&](qint64 service) {
            QStringList lines;
            QSqlQuery query(m_db->handle());
            const QString sql = QStringLiteral("SELECT ") + quoted.join(QStringLiteral(", ")) +
                                QStringLiteral(" FROM ") + syncEntityTable(entity) +
                                QStringLiteral(" WHERE service_id = ? ORDER BY id");
            if (!query.prepare(sql)) {
                return QStringList{query.lastError().text()};
            }
            query.addBindValue(service);
            if (!query.exec()) {
                return QStringList{query.lastError().text()};
            }
            while (query.next()) {
                QStringList values;
                for (int i = 0; i < quoted.size(); ++i) {
                    values.append(query.value(i).toString());
                }
                lines.append(values.join(QStringLiteral(" | ")));
            }
            return lines;
        };
        const QStringList viaNative = dump(m_service);
        const QStringList viaQt = dump(m_otherService);
        QCOMPARE(viaNative.size(), rows.size());
        QCOMPARE(viaNative, viaQt);
    }
}

QTEST_GUILESS_MAIN(TestSyncStore)
#include "tst_syncstore.moc"
