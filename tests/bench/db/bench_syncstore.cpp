// SyncStore write speed: N contacts, 2N follow relations and 3N contact tags (synthetic rows) through
// SyncStore::write() in 1,000-row batches, each batch its own transaction, then a second pass that overwrites every
// row with changed values (a full-mode run), then the index loads and a full read-back. Prints rows/s; exits non-zero
// only when a step fails or a row reads back with another hash, not on speed.

#include "TestDatabase.h"

#include "db/Database.h"
#include "db/Migrator.h"
#include "db/Repositories.h"
#include "db/SyncStore.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTimeZone>

#include <chrono>
#include <cstdio>
#include <ctime>

using namespace ic;
using namespace ic::db;

namespace {

constexpr int batchSize = 1000;

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

QString contactId(qint64 i)
{
    return QStringLiteral("wmAbCdEf%1").arg(i, 10, 10, QLatin1Char('0'));
}

QString userId(qint64 i)
{
    return QStringLiteral("user%1").arg(i % 2000, 4, 10, QLatin1Char('0'));
}

/// Row `i` of `entity`; `pass` changes every non-key value.
QVariantList values(SyncEntity entity, qint64 i, int pass)
{
    const QString p = QString::number(pass);
    const QDateTime added = QDateTime(QDate(2023, 1, 1), QTime(0, 0), QTimeZone::utc()).addSecs(i * 37 + pass);
    switch (entity) {
    case SyncEntity::Contact:
        return {contactId(i),
                QStringLiteral("客户%1·%2").arg(i).arg(p),
                qint64(1 + i % 2),
                QStringLiteral("https://wework.qpic.cn/wwhead/duc2TvpEgSSjibPZlNR6chpx%1/0").arg(i),
                qint64((i + pass) % 3),
                QStringLiteral("oAmjGt%1").arg(i),
                QStringLiteral("上海某某贸易有限公司"),
                QStringLiteral("上海某某贸易有限公司 %1").arg(p),
                QStringLiteral("采购经理"),
                QStringLiteral(
                    R"({"external_profile":{"external_attr":[{"type":0,"name":"区域","text":{"value":"华东%1"}}]}})")
                    .arg(p)};
    case SyncEntity::FollowRelation: {
        const qint64 contact = i / 2;
        return {contactId(contact),
                userId(i),
                QStringLiteral("备注 %1").arg(p),
                QStringLiteral("描述 %1").arg(i),
                added,
                qint64(i % 10),
                QStringLiteral("state%1").arg(i % 5),
                userId(i + 1),
                QStringLiteral("某某公司"),
                QStringLiteral(R"(["1380000%1"])").arg(i % 10000, 4, 10, QLatin1Char('0'))};
    }
    case SyncEntity::ContactTag: {
        const qint64 contact = i / 3;
        return {contactId(contact),
                userId(contact * 2),
                QStringLiteral("etTag%1").arg(i % 3 + (i % 50) * 3),
                qint64(1),
                QStringLiteral("客户等级 %1").arg(p),
                QStringLiteral("重要客户")};
    }
    default:
        return {};
    }
}

bool fail(const Error &error)
{
    std::printf("FAIL: %s\n", qPrintable(error.toDisplayString()));
    return false;
}

bool writeAll(SyncStore &store, SyncEntity entity, qint64 rows, int pass, qint64 runId)
{
    double writeSeconds = 0;
    double writeCpuSeconds = 0; // this process only: on a busy machine wall time says little
    double makeSeconds = 0;
    for (qint64 start = 0; start < rows; start += batchSize) {
        const auto made = std::chrono::steady_clock::now();
        SyncWriteBatch batch;
        batch.entity = entity;
        batch.upserts.reserve(batchSize);
        for (qint64 i = start; i < std::min(rows, start + batchSize); ++i) {
            batch.upserts.append(SyncRow::make(entity, values(entity, i, pass)));
        }
        makeSeconds += secondsSince(made);
        const auto written = std::chrono::steady_clock::now();
        const std::clock_t cpu = std::clock();
        if (Status status = store.write(batch, runId); !status) {
            return fail(status.error());
        }
        writeCpuSeconds += double(std::clock() - cpu) / CLOCKS_PER_SEC;
        writeSeconds += secondsSince(written);
    }
    std::printf("%-10s %-16s %8lld rows: %9.0f rows/s write (%6.2f s, client CPU %6.2f s), SyncRow::make %9.0f "
                "rows/s\n",
                pass == 0 ? "insert" : "overwrite", qPrintable(syncEntityName(entity)), static_cast<long long>(rows),
                double(rows) / writeSeconds, writeSeconds, writeCpuSeconds, double(rows) / makeSeconds);
    std::fflush(stdout);
    return true;
}

bool readBack(SyncStore &store, SyncEntity entity, qint64 rows, int pass)
{
    auto start = std::chrono::steady_clock::now();
    auto index = store.loadIndex(entity);
    if (!index) {
        return fail(index.error());
    }
    const double indexSeconds = secondsSince(start);
    if (index->size() != rows) {
        std::printf("FAIL: %s index holds %lld rows, expected %lld\n", qPrintable(syncEntityName(entity)),
                    static_cast<long long>(index->size()), static_cast<long long>(rows));
        return false;
    }
    start = std::chrono::steady_clock::now();
    qint64 read = 0;
    qint64 mismatched = 0;
    const Status status = store.forEachLiveRow(entity, [&](const SyncRow &row, qint64) {
        ++read;
        const SyncIndexEntry *entry = index->find(row.key);
        if (!entry || entry->contentHash != row.hash) {
            ++mismatched;
        }
        return true;
    });
    if (!status) {
        return fail(status.error());
    }
    std::printf("read       %-16s %8lld rows: loadIndex %6.2f s, forEachLiveRow %6.2f s\n",
                qPrintable(syncEntityName(entity)), static_cast<long long>(read), indexSeconds, secondsSince(start));
    if (read != rows || mismatched != 0) {
        std::printf("FAIL: %lld rows read back, %lld with another hash (pass %d)\n", static_cast<long long>(read),
                    static_cast<long long>(mismatched), pass);
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 contacts = qEnvironmentVariableIsSet("IC_BENCH_CONTACTS")
                                ? qEnvironmentVariable("IC_BENCH_CONTACTS").toLongLong()
                                : 100000;
    QString whyNot;
    auto test = test::TestDatabase::create(&whyNot);
    if (!test) {
        std::printf("SKIP: %s\n", qPrintable(whyNot));
        return test::serversRequired() ? 1 : 0;
    }
    auto opened = test->open();
    if (!opened) {
        fail(opened.error());
        return 1;
    }
    Database &db = *opened.value();
    if (auto migrated = Migrator::migrate(db); !migrated) {
        fail(migrated.error());
        return 1;
    }
    ServiceConfigRecord service;
    service.tenantId = QStringLiteral("bench");
    service.name = QStringLiteral("wecom");
    service.type = QStringLiteral("wecom");
    service.category = QStringLiteral("collaboration");
    service.settings = QJsonObject{{QStringLiteral("corp_id"), QStringLiteral("ww0000")}};
    service.secretRefs = QJsonObject{{QStringLiteral("corp_secret"), QStringLiteral("service/x/corp_secret")}};
    auto serviceId = ServiceConfigRepository(db).insert(service);
    if (!serviceId) {
        fail(serviceId.error());
        return 1;
    }
    std::printf("SyncStore on %s, batches of %d rows\n", qPrintable(test->url().toString()), batchSize);

    SyncStore store(db, QStringLiteral("bench"), serviceId.value());
    const QList<std::pair<SyncEntity, qint64>> plan = {{SyncEntity::Contact, contacts},
                                                       {SyncEntity::FollowRelation, 2 * contacts},
                                                       {SyncEntity::ContactTag, 3 * contacts}};
    for (int pass = 0; pass < 2; ++pass) {
        const auto start = std::chrono::steady_clock::now();
        qint64 total = 0;
        for (const auto &[entity, rows] : plan) {
            if (!writeAll(store, entity, rows, pass, pass + 1)) {
                return 1;
            }
            total += rows;
        }
        std::printf("%-10s %-16s %8lld rows: %9.0f rows/s overall (%6.2f s)\n", pass == 0 ? "insert" : "overwrite",
                    "all", static_cast<long long>(total), double(total) / secondsSince(start), secondsSince(start));
        for (const auto &[entity, rows] : plan) {
            if (!readBack(store, entity, rows, pass)) {
                return 1;
            }
        }
    }
    return 0;
}
