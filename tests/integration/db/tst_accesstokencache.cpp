// The shared access token cache through AccessTokenCacheRepository, on every dialect: the upsert replaces the row of
// a key and nothing else, compare-and-delete removes only the row that still holds the given sealed text, and times
// round-trip exactly in UTC.

#include "TestDatabase.h"

#include "db/AccessTokenCacheRepository.h"
#include "db/Database.h"
#include "db/Migrator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

#include <thread>

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

const QString tenant = QStringLiteral("租户-1");
const QString production = QStringLiteral("https://qyapi.weixin.qq.com");
const QString sandbox = QStringLiteral("http://127.0.0.1:18080");
const QString corp = QStringLiteral("ww1234567890abcdef");
// 2024-03-10 07:00 UTC is 02:00 in New York (TZ of this test), the spring-forward gap.
const QDateTime expiry(QDate(2024, 3, 10), QTime(7, 0, 0, 125), QTimeZone::utc());

AccessTokenCacheRecord record(const QString &sealed, const QString &kind = QStringLiteral("app"))
{
    AccessTokenCacheRecord r;
    r.tenantId = tenant;
    r.apiBase = production;
    r.corpId = corp;
    r.secretKind = kind;
    r.sealedToken = sealed;
    r.expiresAt = expiry;
    r.fetchedAt = expiry.addSecs(-7200);
    r.fetchedBy = QStringLiteral("运维-01:4242");
    return r;
}

qint64 countRows(Database &db)
{
    QSqlQuery query(db.handle());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM access_token_cache")) || !query.next()) {
        qWarning("count: %s", qPrintable(query.lastError().text()));
        return -1;
    }
    return query.value(0).toLongLong();
}

} // namespace

class TestAccessTokenCache : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void findMissing();
    void storeAndFindRoundTrip();
    void upsertReplacesOnlyItsKey();
    void keysAreSeparateAndCaseSensitive();
    void compareAndDelete();
    void compareAndDeleteIsExact();
    void longestTokenFits();
    void invalidRecordsAreRefused_data();
    void invalidRecordsAreRefused();
    void concurrentUpsertsLeaveOneRow();

private:
    std::unique_ptr<test::TestDatabase> m_test;
};

void TestAccessTokenCache::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_test = std::move(database);
    qInfo("testing %s", qPrintable(m_test->url().toString()));
}

void TestAccessTokenCache::init()
{
    m_test->wipe();
    OPEN_OR_FAIL(db);
    VERIFY_OK(Migrator::migrate(db));
}

void TestAccessTokenCache::findMissing()
{
    OPEN_OR_FAIL(db);
    AccessTokenCacheRepository cache(db);
    auto found = cache.find(tenant, production, corp, QStringLiteral("app"));
    VERIFY_OK(found);
    QVERIFY(!found->has_value());
}

void TestAccessTokenCache::storeAndFindRoundTrip()
{
    OPEN_OR_FAIL(db);
    AccessTokenCacheRepository cache(db);
    const AccessTokenCacheRecord stored = record(QStringLiteral("v1:sealed-AbC_-1"));
    VERIFY_OK(cache.store(stored));

    auto found = cache.find(tenant, production, corp, QStringLiteral("app"));
    VERIFY_OK(found);
    QVERIFY(found->has_value());
    AccessTokenCacheRecord read = found->value();
    QVERIFY(read.id > 0);
    QCOMPARE(read.expiresAt.timeSpec(), Qt::UTC);
    QCOMPARE(read.expiresAt.toString(Qt::ISODateWithMs), QStringLiteral("2024-03-10T07:00:00.125Z"));
    QCOMPARE(read.fetchedAt.toString(Qt::ISODateWithMs), QStringLiteral("2024-03-10T05:00:00.125Z"));
    read.id = 0;
    QCOMPARE(read, stored);

    // An invalid fetch time means "now".
    AccessTokenCacheRecord now = record(QStringLiteral("v1:sealed-2"), QStringLiteral("contacts"));
    now.fetchedAt = {};
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    VERIFY_OK(cache.store(now));
    auto nowRead = cache.find(tenant, production, corp, QStringLiteral("contacts"));
    VERIFY_OK(nowRead);
    QVERIFY(nowRead->value().fetchedAt >= before);
    QVERIFY(nowRead->value().fetchedAt <= QDateTime::currentDateTimeUtc().addSecs(1));
}

void TestAccessTokenCache::upsertReplacesOnlyItsKey()
{
    OPEN_OR_FAIL(db);
    AccessTokenCacheRepository cache(db);
    VERIFY_OK(cache.store(record(QStringLiteral("v1:first"))));
    VERIFY_OK(cache.store(record(QStringLiteral("v1:customer"), QStringLiteral("customer"))));
    auto first = cache.find(tenant, production, corp, QStringLiteral("app"));
    VERIFY_OK(first);

    AccessTokenCacheRecord fresher = record(QStringLiteral("v1:second"));
    fresher.expiresAt = expiry.addSecs(3600);
    fresher.fetchedAt = expiry.addSecs(-3600);
    fresher.fetchedBy = QStringLiteral("cron-host:77");
    VERIFY_OK(cache.store(fresher));
    QCOMPARE(countRows(db), 2);

    auto replaced = cache.find(tenant, production, corp, QStringLiteral("app"));
    VERIFY_OK(replaced);
    QCOMPARE(replaced->value().id, first->value().id); // the same row, updated in place
    AccessTokenCacheRecord read = replaced->value();
    read.id = 0;
    QCOMPARE(read, fresher);

    auto untouched = cache.find(tenant, production, corp, QStringLiteral("customer"));
    VERIFY_OK(untouched);
    QCOMPARE(untouched->value().sealedToken, QStringLiteral("v1:customer"));
    QCOMPARE(untouched->value().expiresAt, expiry);
}

void TestAccessTokenCache::keysAreSeparateAndCaseSensitive()
{
    OPEN_OR_FAIL(db);
    AccessTokenCacheRepository cache(db);
    AccessTokenCacheRecord base = record(QStringLiteral("v1:base"));
    AccessTokenCacheRecord otherTenant = base;
    otherTenant.tenantId = QStringLiteral("租户-2");
    otherTenant.sealedToken = QStringLiteral("v1:tenant");
    AccessTokenCacheRecord otherBase = base;
    otherBase.apiBase = sandbox;
    otherBase.sealedToken = QStringLiteral("v1:sandbox");
    AccessTokenCacheRecord upperCorp = base;
    upperCorp.corpId = corp.toUpper();
    upperCorp.sealedToken = QStringLiteral("v1:upper");
    AccessTokenCacheRecord otherKind = base;
    otherKind.secretKind = QStringLiteral("contacts");
    otherKind.sealedToken = QStringLiteral("v1:contacts");
    for (const AccessTokenCacheRecord &r : {base, otherTenant, otherBase, upperCorp, otherKind}) {
        VERIFY_OK(cache.store(r));
    }
    QCOMPARE(countRows(db), 5);
    for (const AccessTokenCacheRecord &r : {base, otherTenant, otherBase, upperCorp, otherKind}) {
        auto found = cache.find(r.tenantId, r.apiBase, r.corpId, r.secretKind);
        VERIFY_OK(found);
        QVERIFY(found->has_value());
        QCOMPARE(found->value().sealedToken, r.sealedToken);
    }
    auto none = cache.find(tenant, production + QLatin1Char('/'), corp, QStringLiteral("app"));
    VERIFY_OK(none);
    QVERIFY(!none->has_value());
}

void TestAccessTokenCache::compareAndDelete()
{
    OPEN_OR_FAIL(db);
    AccessTokenCacheRepository cache(db);
    VERIFY_OK(cache.store(record(QStringLiteral("v1:seen-failing"))));
    // Another process stores a fresher token meanwhile.
    VERIFY_OK(cache.store(record(QStringLiteral("v1:fresher"))));
    VERIFY_OK(cache.store(record(QStringLiteral("v1:other-kind"), QStringLiteral("customer"))));

    auto stale =
        cache.removeIfSealed(tenant, production, corp, QStringLiteral("app"), QStringLiteral("v1:seen-failing"));
    VERIFY_OK(stale);
    QVERIFY(!stale.value());
    auto kept = cache.find(tenant, production, corp, QStringLiteral("app"));
    VERIFY_OK(kept);
    QCOMPARE(kept->value().sealedToken, QStringLiteral("v1:fresher"));

    // The same sealed text under another key is another row.
    auto otherKey =
        cache.removeIfSealed(tenant, production, corp, QStringLiteral("customer"), QStringLiteral("v1:fresher"));
    VERIFY_OK(otherKey);
    QVERIFY(!otherKey.value());

    auto removed = cache.removeIfSealed(tenant, production, corp, QStringLiteral("app"), QStringLiteral("v1:fresher"));
    VERIFY_OK(removed);
    QVERIFY(removed.value());
    auto gone = cache.find(tenant, production, corp, QStringLiteral("app"));
    VERIFY_OK(gone);
    QVERIFY(!gone->has_value());
    QCOMPARE(countRows(db), 1);

    auto again = cache.removeIfSealed(tenant, production, corp, QStringLiteral("app"), QStringLiteral("v1:fresher"));
    VERIFY_OK(again);
    QVERIFY(!again.value());
}

void TestAccessTokenCache::compareAndDeleteIsExact()
{
    // Base64url is case-sensitive: a sealed text differing only in case, or by a trailing space, is another one,
    // also on MySQL whose TEXT columns compare case-insensitively and ignore trailing spaces by default.
    OPEN_OR_FAIL(db);
    AccessTokenCacheRepository cache(db);
    VERIFY_OK(cache.store(record(QStringLiteral("v1:AbCdEf_-"))));
    for (const QString &near : {QStringLiteral("v1:abcdef_-"), QStringLiteral("V1:AbCdEf_-"),
                                QStringLiteral("v1:AbCdEf_- "), QStringLiteral("v1:AbCdEf_"), QString()}) {
        auto removed = cache.removeIfSealed(tenant, production, corp, QStringLiteral("app"), near);
        VERIFY_OK(removed);
        QVERIFY2(!removed.value(), qPrintable(near));
    }
    QCOMPARE(countRows(db), 1);
    auto removed = cache.removeIfSealed(tenant, production, corp, QStringLiteral("app"), QStringLiteral("v1:AbCdEf_-"));
    VERIFY_OK(removed);
    QVERIFY(removed.value());
}

void TestAccessTokenCache::longestTokenFits()
{
    // WeCom tokens are up to 512 bytes; sealed (nonce, tag, base64) that is about 730 characters. The API base
    // may use the whole column.
    OPEN_OR_FAIL(db);
    AccessTokenCacheRepository cache(db);
    AccessTokenCacheRecord big = record(QStringLiteral("v1:") + QString(1000, QLatin1Char('x')));
    big.apiBase =
        QStringLiteral("https://") + QString(AccessTokenCacheRepository::maxApiBaseLength - 8, QLatin1Char('a'));
    QCOMPARE(big.apiBase.size(), AccessTokenCacheRepository::maxApiBaseLength);
    VERIFY_OK(cache.store(big));
    auto found = cache.find(big.tenantId, big.apiBase, big.corpId, big.secretKind);
    VERIFY_OK(found);
    QCOMPARE(found->value().sealedToken, big.sealedToken);
}

void TestAccessTokenCache::invalidRecordsAreRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::newRow("tenant") << "tenant_id";
    QTest::newRow("api base") << "api_base";
    QTest::newRow("corp") << "corp_id";
    QTest::newRow("kind") << "secret_kind";
    QTest::newRow("sealed") << "sealed_token";
    QTest::newRow("expiry") << "expires_at";
    QTest::newRow("api base too long") << "api_base";
}

void TestAccessTokenCache::invalidRecordsAreRefused()
{
    QFETCH(QString, field);
    OPEN_OR_FAIL(db);
    AccessTokenCacheRepository cache(db);
    AccessTokenCacheRecord bad = record(QStringLiteral("v1:x"));
    const QString row = QString::fromLatin1(QTest::currentDataTag());
    if (row == QLatin1String("tenant")) {
        bad.tenantId.clear();
    } else if (row == QLatin1String("api base")) {
        bad.apiBase.clear();
    } else if (row == QLatin1String("corp")) {
        bad.corpId.clear();
    } else if (row == QLatin1String("kind")) {
        bad.secretKind.clear();
    } else if (row == QLatin1String("sealed")) {
        bad.sealedToken.clear();
    } else if (row == QLatin1String("expiry")) {
        bad.expiresAt = {};
    } else {
        bad.apiBase =
            QStringLiteral("https://") + QString(AccessTokenCacheRepository::maxApiBaseLength, QLatin1Char('a'));
    }
    const Status stored = cache.store(bad);
    QVERIFY(!stored.ok());
    QCOMPARE(stored.error().code, ErrorCode::InvalidInput);
    QCOMPARE(stored.error().field, field);
    QCOMPARE(countRows(db), 0);
}

void TestAccessTokenCache::concurrentUpsertsLeaveOneRow()
{
    // Processes that refresh at the same moment (the refresh lock timed out) each store their token: the upsert
    // never fails on the unique key, and one of them is left.
    constexpr int writers = 4;
    constexpr int rounds = 20;
    std::vector<std::thread> threads;
    std::vector<QString> errors(writers);
    for (int i = 0; i < writers; ++i) {
        threads.emplace_back([&, i] {
            auto db = m_test->open();
            if (!db) {
                errors[i] = db.error().toDisplayString();
                return;
            }
            AccessTokenCacheRepository cache(*db.value());
            for (int n = 0; n < rounds && errors[i].isEmpty(); ++n) {
                const Status stored = cache.store(record(QStringLiteral("v1:writer-%1-%2").arg(i).arg(n)));
                if (!stored) {
                    errors[i] = stored.error().toDisplayString();
                }
            }
        });
    }
    for (std::thread &thread : threads) {
        thread.join();
    }
    for (const QString &error : errors) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    OPEN_OR_FAIL(db);
    QCOMPARE(countRows(db), 1);
    auto found = AccessTokenCacheRepository(db).find(tenant, production, corp, QStringLiteral("app"));
    VERIFY_OK(found);
    QVERIFY(found->value().sealedToken.endsWith(QStringLiteral("-%1").arg(rounds - 1)));
}

QTEST_GUILESS_MAIN(TestAccessTokenCache)
#include "tst_accesstokencache.moc"
