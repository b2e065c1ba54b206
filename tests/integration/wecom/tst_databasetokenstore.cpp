// DatabaseTokenStore on every dialect: tokens round-trip through the database and are shared between connections
// (processes), a row that does not open (another secret, altered expiry, copied to another key) reads as absent and is
// removed, invalidate() compares and deletes, and no token or secret is ever in the database in clear.

#include "TestDatabase.h"

#include "connectors/wecom/DatabaseTokenStore.h"
#include "connectors/wecom/TokenSealer.h"
#include "db/AccessTokenCacheRepository.h"
#include "db/Database.h"
#include "db/Migrator.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSysInfo>
#include <QTest>
#include <QTimeZone>

using namespace ic;
using ic::connectors::wecom::CachedToken;
using ic::connectors::wecom::DatabaseTokenStore;
using ic::connectors::wecom::TokenKey;
using ic::db::AccessTokenCacheRecord;
using ic::db::AccessTokenCacheRepository;
using ic::db::Database;

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

/// `length` random characters of the base64url alphabet, as WeCom's tokens and secrets look.
QString randomText(int length)
{
    static const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    QString text;
    for (int i = 0; i < length; ++i) {
        text += alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size())));
    }
    return text;
}

TokenKey key(const QString &kind = QStringLiteral("app"))
{
    return {QStringLiteral("租户-1"), QStringLiteral("https://qyapi.weixin.qq.com"),
            QStringLiteral("ww1234567890abcdef"), kind};
}

// 2024-03-10 07:00 UTC is 02:00 in New York (TZ of this test), the spring-forward gap.
const QDateTime expiry(QDate(2024, 3, 10), QTime(7, 0, 0, 125), QTimeZone::utc());

std::optional<AccessTokenCacheRecord> row(Database &db, const TokenKey &k)
{
    auto found = AccessTokenCacheRepository(db).find(k.tenantId, k.apiBase, k.corpId, k.secretKind);
    if (!found) {
        qWarning("find: %s", qPrintable(found.error().toDisplayString()));
        return std::nullopt;
    }
    return found.value();
}

/// `value` and the encodings a careless writer might have stored it in.
QList<QByteArray> forms(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    return {utf8, utf8.toBase64(), utf8.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
            utf8.toHex()};
}

} // namespace

class TestDatabaseTokenStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void saveAndLoadRoundTrip();
    void sharedBetweenConnections();
    void anotherSecretReadsAsAbsentAndIsRemoved();
    void alteredExpiryDoesNotOpen();
    void rowCopiedToAnotherKeyDoesNotOpen();
    void invalidateComparesAndDeletes();
    void invalidInputIsRefused();
    void apiBaseTooLongIsAnError();
    void noTokenOrSecretInClear();

private:
    std::unique_ptr<test::TestDatabase> m_test;
    const QString m_secret = randomText(43);
};

void TestDatabaseTokenStore::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_test = std::move(database);
    qInfo("testing %s", qPrintable(m_test->url().toString()));
}

void TestDatabaseTokenStore::init()
{
    m_test->wipe();
    OPEN_OR_FAIL(db);
    VERIFY_OK(ic::db::Migrator::migrate(db));
}

void TestDatabaseTokenStore::saveAndLoadRoundTrip()
{
    OPEN_OR_FAIL(db);
    DatabaseTokenStore store(db);
    auto none = store.load(key(), m_secret);
    VERIFY_OK(none);
    QVERIFY(!none->has_value());

    const QString token = randomText(512); // WeCom's longest
    const QDateTime before = QDateTime::currentDateTimeUtc();
    auto saved = store.save(key(), m_secret, token, expiry.toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Shanghai"))));
    VERIFY_OK(saved);
    QCOMPARE(saved->token, token);
    QCOMPARE(saved->expiresAt, expiry);
    QVERIFY(saved->fetchedAt >= before && saved->fetchedAt <= QDateTime::currentDateTimeUtc());

    auto loaded = store.load(key(), m_secret);
    VERIFY_OK(loaded);
    QVERIFY(loaded->has_value());
    QCOMPARE(loaded->value(), saved.value()); // times exact to the millisecond
    QCOMPARE(loaded->value().expiresAt.timeSpec(), Qt::UTC);
    QCOMPARE(loaded->value().expiresAt.toString(Qt::ISODateWithMs), QStringLiteral("2024-03-10T07:00:00.125Z"));

    const auto stored = row(db, key());
    QVERIFY(stored);
    QCOMPARE(stored->sealedToken, saved->sealed);
    QCOMPARE(stored->fetchedBy,
             QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid()));

    // Saving again replaces the token.
    auto replaced = store.save(key(), m_secret, QStringLiteral("second-token"), expiry.addSecs(7200));
    VERIFY_OK(replaced);
    auto reloaded = store.load(key(), m_secret);
    VERIFY_OK(reloaded);
    QCOMPARE(reloaded->value(), replaced.value());
}

void TestDatabaseTokenStore::sharedBetweenConnections()
{
    // Two connections stand for two processes: what one saves, the other loads.
    OPEN_OR_FAIL(gui);
    OPEN_OR_FAIL(cron);
    DatabaseTokenStore guiStore(gui);
    DatabaseTokenStore cronStore(cron);
    auto saved = guiStore.save(key(QStringLiteral("contacts")), m_secret, QStringLiteral("shared-token"), expiry);
    VERIFY_OK(saved);
    auto loaded = cronStore.load(key(QStringLiteral("contacts")), m_secret);
    VERIFY_OK(loaded);
    QVERIFY(loaded->has_value());
    QCOMPARE(loaded->value(), saved.value());
    auto otherKind = cronStore.load(key(QStringLiteral("customer")), m_secret);
    VERIFY_OK(otherKind);
    QVERIFY(!otherKind->has_value());
}

void TestDatabaseTokenStore::anotherSecretReadsAsAbsentAndIsRemoved()
{
    OPEN_OR_FAIL(db);
    DatabaseTokenStore store(db);
    VERIFY_OK(store.save(key(), m_secret, QStringLiteral("before-rotation"), expiry));
    VERIFY_OK(store.save(key(QStringLiteral("customer")), m_secret, QStringLiteral("customer-token"), expiry));

    const QString rotated = randomText(43);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("discarding a cached access token")));
    auto afterRotation = store.load(key(), rotated);
    VERIFY_OK(afterRotation);
    QVERIFY(!afterRotation->has_value());
    QVERIFY(!row(db, key()));                          // removed
    QVERIFY(row(db, key(QStringLiteral("customer")))); // other keys untouched

    // The next token, fetched with the new secret, is stored and read as usual.
    VERIFY_OK(store.save(key(), rotated, QStringLiteral("after-rotation"), expiry));
    auto fresh = store.load(key(), rotated);
    VERIFY_OK(fresh);
    QCOMPARE(fresh->value().token, QStringLiteral("after-rotation"));
}

void TestDatabaseTokenStore::alteredExpiryDoesNotOpen()
{
    OPEN_OR_FAIL(db);
    DatabaseTokenStore store(db);
    auto saved = store.save(key(), m_secret, QStringLiteral("short-lived"), expiry);
    VERIFY_OK(saved);
    // Someone with write access to the database extends the token's life.
    AccessTokenCacheRecord altered = *row(db, key());
    altered.expiresAt = expiry.addDays(30);
    VERIFY_OK(AccessTokenCacheRepository(db).store(altered));

    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("discarding a cached access token")));
    auto loaded = store.load(key(), m_secret);
    VERIFY_OK(loaded);
    QVERIFY(!loaded->has_value());
    QVERIFY(!row(db, key()));
}

void TestDatabaseTokenStore::rowCopiedToAnotherKeyDoesNotOpen()
{
    OPEN_OR_FAIL(db);
    DatabaseTokenStore store(db);
    VERIFY_OK(store.save(key(), m_secret, QStringLiteral("app-token"), expiry));
    const AccessTokenCacheRecord original = *row(db, key());
    const QList<TokenKey> others{
        {QStringLiteral("租户-2"), key().apiBase, key().corpId, key().secretKind},
        {key().tenantId, QStringLiteral("http://127.0.0.1:18080"), key().corpId, key().secretKind},
        {key().tenantId, key().apiBase, QStringLiteral("ww0000000000000000"), key().secretKind},
        key(QStringLiteral("customer"))};
    for (const TokenKey &other : others) {
        AccessTokenCacheRecord copy = original;
        copy.tenantId = other.tenantId;
        copy.apiBase = other.apiBase;
        copy.corpId = other.corpId;
        copy.secretKind = other.secretKind;
        VERIFY_OK(AccessTokenCacheRepository(db).store(copy));
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("discarding a cached access token")));
        auto loaded = store.load(other, m_secret);
        VERIFY_OK(loaded);
        QVERIFY2(!loaded->has_value(), qPrintable(other.apiBase + u' ' + other.corpId + u' ' + other.secretKind));
        QVERIFY(!row(db, other));
    }
    // The original still opens where it belongs.
    auto loaded = store.load(key(), m_secret);
    VERIFY_OK(loaded);
    QCOMPARE(loaded->value().token, QStringLiteral("app-token"));
}

void TestDatabaseTokenStore::invalidateComparesAndDeletes()
{
    OPEN_OR_FAIL(gui);
    OPEN_OR_FAIL(cron);
    DatabaseTokenStore guiStore(gui);
    DatabaseTokenStore cronStore(cron);
    VERIFY_OK(guiStore.save(key(), m_secret, QStringLiteral("token-1"), expiry));
    auto failing = guiStore.load(key(), m_secret);
    VERIFY_OK(failing);
    // The other process sees the same token fail first, refreshes and stores a fresher one.
    auto fresher = cronStore.save(key(), m_secret, QStringLiteral("token-2"), expiry.addSecs(7200));
    VERIFY_OK(fresher);

    // Our invalidation of the token we saw fail leaves the fresher one alone.
    auto stale = guiStore.invalidate(key(), failing->value());
    VERIFY_OK(stale);
    QVERIFY(!stale.value());
    auto current = guiStore.load(key(), m_secret);
    VERIFY_OK(current);
    QCOMPARE(current->value().token, QStringLiteral("token-2"));

    // A token that was never stored matches nothing.
    auto never = guiStore.invalidate(key(), CachedToken{QStringLiteral("token-2"), expiry, expiry, QString()});
    VERIFY_OK(never);
    QVERIFY(!never.value());

    auto removed = guiStore.invalidate(key(), current->value());
    VERIFY_OK(removed);
    QVERIFY(removed.value());
    auto gone = cronStore.load(key(), m_secret);
    VERIFY_OK(gone);
    QVERIFY(!gone->has_value());
}

void TestDatabaseTokenStore::invalidInputIsRefused()
{
    OPEN_OR_FAIL(db);
    DatabaseTokenStore store(db);
    const QString token = randomText(64);
    for (const auto &[s, t, e] : {std::tuple(QString(), token, expiry), std::tuple(m_secret, QString(), expiry),
                                  std::tuple(m_secret, token, QDateTime())}) {
        auto saved = store.save(key(), s, t, e);
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, ErrorCode::InvalidInput);
        const QString everything = saved.error().toDisplayString();
        QVERIFY(!everything.contains(token));
        QVERIFY(!everything.contains(m_secret));
    }
    QVERIFY(!row(db, key()));
}

void TestDatabaseTokenStore::apiBaseTooLongIsAnError()
{
    OPEN_OR_FAIL(db);
    DatabaseTokenStore store(db);
    TokenKey longBase = key();
    longBase.apiBase = QStringLiteral("https://") + QString(AccessTokenCacheRepository::maxApiBaseLength, u'a');
    const QString token = randomText(64);
    auto saved = store.save(longBase, m_secret, token, expiry);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().code, ErrorCode::InvalidInput);
    QCOMPARE(saved.error().field, QStringLiteral("api_base"));
    QVERIFY(!saved.error().toDisplayString().contains(token));
}

void TestDatabaseTokenStore::noTokenOrSecretInClear()
{
    QStringList tokens;
    QStringList sealed;
    {
        OPEN_OR_FAIL(db);
        DatabaseTokenStore store(db);
        for (const QString &kind : {QStringLiteral("app"), QStringLiteral("contacts"), QStringLiteral("customer")}) {
            tokens.append(randomText(96));
            auto saved = store.save(key(kind), m_secret, tokens.constLast(), expiry);
            VERIFY_OK(saved);
            sealed.append(saved->sealed);
        }

        // Every text column of every row.
        QSqlQuery query(db.handle());
        QVERIFY2(query.exec(QStringLiteral("SELECT * FROM access_token_cache")), qPrintable(query.lastError().text()));
        int rows = 0;
        while (query.next()) {
            ++rows;
            const QSqlRecord record = query.record();
            for (int column = 0; column < record.count(); ++column) {
                const QString value = query.value(column).toString();
                for (const QString &secretValue : tokens + QStringList{m_secret}) {
                    for (const QByteArray &form : forms(secretValue)) {
                        QVERIFY2(!value.contains(QString::fromLatin1(form)), qPrintable(record.fieldName(column)));
                    }
                }
            }
        }
        QCOMPARE(rows, 3);
    }

    // Every byte the database holds.
    const QByteArray dump = m_test->dumpAll();
    QVERIFY(!dump.isEmpty());
    QVERIFY(dump.contains(sealed.constFirst().toLatin1())); // the dump does hold the cache
    for (const QString &secretValue : tokens + QStringList{m_secret}) {
        for (const QByteArray &form : forms(secretValue)) {
            QVERIFY2(!dump.contains(form), "a token or the secret is in the database dump");
        }
    }
}

QTEST_GUILESS_MAIN(TestDatabaseTokenStore)
#include "tst_databasetokenstore.moc"
