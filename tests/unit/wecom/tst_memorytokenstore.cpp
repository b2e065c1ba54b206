// MemoryTokenStore, the store the connector's unit tests use: it keeps the TokenStore contract as DatabaseTokenStore
// does (tests/integration/wecom checks that one on every database). Also CachedToken's refresh margin.

#include "connectors/wecom/MemoryTokenStore.h"

#include <QTest>
#include <QTimeZone>

using ic::ErrorCode;
using ic::connectors::wecom::CachedToken;
using ic::connectors::wecom::MemoryTokenStore;
using ic::connectors::wecom::TokenKey;

namespace {

const QString secret = QStringLiteral("mQ7vX2pL9sK4dR8tY1wE6uI3oA5zC0nB-hJgFfDdSsa");
const QDateTime expiry = QDateTime(QDate(2031, 1, 2), QTime(3, 4, 5, 678), QTimeZone::utc());

TokenKey key(const QString &kind = QStringLiteral("app"))
{
    return {QStringLiteral("t1"), QStringLiteral("http://127.0.0.1:18080"), QStringLiteral("wwsandbox0000001"), kind};
}

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyResult = (expr);                                                                             \
        QVERIFY2(verifyResult.ok(), verifyResult.ok() ? "" : qPrintable(verifyResult.error().toDisplayString()));      \
    } while (false)

} // namespace

class TestMemoryTokenStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void saveAndLoad();
    void saveReplaces();
    void keysAreSeparate();
    void anotherSecretReadsAsAbsent();
    void invalidateComparesAndDeletes();
    void invalidInput();
    void freshUntilThirtyMinutesBeforeExpiry();
};

void TestMemoryTokenStore::saveAndLoad()
{
    MemoryTokenStore store;
    auto none = store.load(key(), secret);
    VERIFY_OK(none);
    QVERIFY(!none->has_value());

    const QDateTime before = QDateTime::currentDateTimeUtc();
    // The expiry is kept as the same instant, in UTC.
    auto saved = store.save(key(), secret, QStringLiteral("token-1"), expiry.toTimeZone(QTimeZone(8 * 3600)));
    VERIFY_OK(saved);
    QCOMPARE(saved->token, QStringLiteral("token-1"));
    QCOMPARE(saved->expiresAt, expiry);
    QCOMPARE(saved->expiresAt.timeSpec(), Qt::UTC);
    QVERIFY(saved->fetchedAt >= before && saved->fetchedAt <= QDateTime::currentDateTimeUtc());
    QVERIFY(saved->sealed.startsWith(QLatin1String("v1:")));
    QVERIFY(!saved->sealed.contains(QLatin1String("token-1")));

    auto loaded = store.load(key(), secret);
    VERIFY_OK(loaded);
    QVERIFY(loaded->has_value());
    QCOMPARE(loaded->value(), saved.value());
    QCOMPARE(store.size(), 1);
}

void TestMemoryTokenStore::saveReplaces()
{
    MemoryTokenStore store;
    VERIFY_OK(store.save(key(), secret, QStringLiteral("old"), expiry));
    auto fresh = store.save(key(), secret, QStringLiteral("new"), expiry.addSecs(7200));
    VERIFY_OK(fresh);
    QCOMPARE(store.size(), 1);
    auto loaded = store.load(key(), secret);
    VERIFY_OK(loaded);
    QCOMPARE(loaded->value(), fresh.value());
}

void TestMemoryTokenStore::keysAreSeparate()
{
    MemoryTokenStore store;
    VERIFY_OK(store.save(key(), secret, QStringLiteral("app-token"), expiry));
    VERIFY_OK(store.save(key(QStringLiteral("contacts")), secret, QStringLiteral("contacts-token"), expiry));
    TokenKey otherTenant = key();
    otherTenant.tenantId = QStringLiteral("t2");
    auto none = store.load(otherTenant, secret);
    VERIFY_OK(none);
    QVERIFY(!none->has_value());
    auto app = store.load(key(), secret);
    VERIFY_OK(app);
    QCOMPARE(app->value().token, QStringLiteral("app-token"));
    auto contacts = store.load(key(QStringLiteral("contacts")), secret);
    VERIFY_OK(contacts);
    QCOMPARE(contacts->value().token, QStringLiteral("contacts-token"));
}

void TestMemoryTokenStore::anotherSecretReadsAsAbsent()
{
    MemoryTokenStore store;
    VERIFY_OK(store.save(key(), secret, QStringLiteral("token-1"), expiry));
    auto rotated = store.load(key(), secret + u'2');
    VERIFY_OK(rotated);
    QVERIFY(!rotated->has_value());
    // It was removed: not even the old secret finds it now.
    QCOMPARE(store.size(), 0);
    auto old = store.load(key(), secret);
    VERIFY_OK(old);
    QVERIFY(!old->has_value());
}

void TestMemoryTokenStore::invalidateComparesAndDeletes()
{
    MemoryTokenStore store;
    auto failing = store.save(key(), secret, QStringLiteral("token-1"), expiry);
    VERIFY_OK(failing);
    // Another caller refreshed meanwhile (WeCom may even hand out the same token again).
    auto fresher = store.save(key(), secret, QStringLiteral("token-1"), expiry.addSecs(60));
    VERIFY_OK(fresher);
    auto stale = store.invalidate(key(), failing.value());
    VERIFY_OK(stale);
    QVERIFY(!stale.value());
    QCOMPARE(store.size(), 1);

    auto none = store.invalidate(key(), CachedToken{});
    VERIFY_OK(none);
    QVERIFY(!none.value());
    auto otherKey = store.invalidate(key(QStringLiteral("customer")), fresher.value());
    VERIFY_OK(otherKey);
    QVERIFY(!otherKey.value());

    auto removed = store.invalidate(key(), fresher.value());
    VERIFY_OK(removed);
    QVERIFY(removed.value());
    QCOMPARE(store.size(), 0);
    auto again = store.invalidate(key(), fresher.value());
    VERIFY_OK(again);
    QVERIFY(!again.value());
}

void TestMemoryTokenStore::invalidInput()
{
    MemoryTokenStore store;
    for (const auto &[s, t, e] :
         {std::tuple(QString(), QStringLiteral("t"), expiry), std::tuple(secret, QString(), expiry),
          std::tuple(secret, QStringLiteral("t"), QDateTime())}) {
        auto saved = store.save(key(), s, t, e);
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, ErrorCode::InvalidInput);
    }
    QCOMPARE(store.size(), 0);
}

void TestMemoryTokenStore::freshUntilThirtyMinutesBeforeExpiry()
{
    CachedToken token;
    const QDateTime now(QDate(2024, 1, 1), QTime(12, 0), QTimeZone::utc());
    QVERIFY(!token.isFreshAt(now));
    token.expiresAt = now.addSecs(2 * 3600);
    QVERIFY(token.isFreshAt(now));
    token.expiresAt = now.addSecs(30 * 60 + 1);
    QVERIFY(token.isFreshAt(now));
    token.expiresAt = now.addSecs(30 * 60);
    QVERIFY(!token.isFreshAt(now));
    token.expiresAt = now.addSecs(-1);
    QVERIFY(!token.isFreshAt(now));
}

QTEST_GUILESS_MAIN(TestMemoryTokenStore)
#include "tst_memorytokenstore.moc"
