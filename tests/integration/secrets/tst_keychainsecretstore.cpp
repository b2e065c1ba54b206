#include "secrets/SecretStore.h"

#include "RunTask.h"

#include <QProcess>
#include <QTest>
#include <QUuid>

using namespace ic;
using namespace ic::secrets;

namespace {

const QString serviceName = QStringLiteral("Integration Console Tests");

/// What the Secret Service itself holds for `key`, read with secret-tool (libsecret-tools), or std::nullopt when
/// it holds nothing. QtKeychain's libsecret backend stores items under the attributes server=<service>, user=<key>.
std::optional<QString> lookUpWithSecretTool(const QString &key)
{
    QProcess process;
    process.start(QStringLiteral("secret-tool"),
                  {QStringLiteral("lookup"), QStringLiteral("server"), serviceName, QStringLiteral("user"), key});
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit) {
        return QStringLiteral("<secret-tool failed: %1>").arg(process.errorString());
    }
    if (process.exitCode() != 0) {
        return std::nullopt;
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

/// The real OS keychain: gnome-keyring on the session bus (see CMakeLists.txt for how to run it).
class TestKeychainSecretStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void roundTrip();
    void values_data();
    void values();
    void concurrentReads();

private:
    SecretLocator locator(const QString &field);

    std::unique_ptr<SecretStore> m_store;
    QString m_runId;
    QList<SecretLocator> m_used;
};

SecretLocator TestKeychainSecretStore::locator(const QString &field)
{
    SecretLocator result{QStringLiteral("integration-test/%1/%2").arg(m_runId, field),
                         environmentVariableName(QStringLiteral("keychain-test"), field),
                         QStringLiteral("%1 of the keychain test").arg(field)};
    m_used.append(result);
    return result;
}

void TestKeychainSecretStore::initTestCase()
{
    const bool required = qEnvironmentVariable("IC_TEST_REQUIRE_KEYCHAIN") == QLatin1String("1");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        if (required) {
            QFAIL("IC_TEST_REQUIRE_KEYCHAIN=1, but DBUS_SESSION_BUS_ADDRESS is not set: run the tests inside "
                  "dbus-run-session with an unlocked gnome-keyring-daemon (see "
                  "tests/integration/secrets/CMakeLists.txt).");
        }
        QSKIP("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset); set IC_TEST_REQUIRE_KEYCHAIN=1 to make "
              "this a failure.");
    }

    m_runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_store = makeKeychainSecretStore(serviceName);

    // A session bus alone is not enough: the keyring daemon must answer and its collection must be unlocked.
    const SecretLocator probe = locator(QStringLiteral("probe"));
    IC_AWAIT(probed, m_store->write(probe, QStringLiteral("probe")));
    if (!probed.ok()) {
        const QByteArray why = probed.error().toDisplayString().toUtf8();
        if (required) {
            QFAIL(qPrintable(QStringLiteral("IC_TEST_REQUIRE_KEYCHAIN=1, but the keychain cannot be written: %1")
                                 .arg(probed.error().toDisplayString())));
        }
        QSKIP(why.constData());
    }
    IC_AWAIT(probeRemoved, m_store->remove(probe));
    QVERIFY(probeRemoved.ok());
}

void TestKeychainSecretStore::cleanupTestCase()
{
    if (!m_store) {
        return;
    }
    for (const SecretLocator &used : std::as_const(m_used)) {
        IC_AWAIT(removed, m_store->remove(used));
        QVERIFY2(removed.ok(), qPrintable(used.key));
    }
}

void TestKeychainSecretStore::roundTrip()
{
    const SecretLocator corpSecret = locator(QStringLiteral("corp_secret"));

    IC_AWAIT(missing, m_store->read(corpSecret));
    QVERIFY2(missing.ok(), qPrintable(missing.ok() ? QString() : missing.error().toDisplayString()));
    QVERIFY(!missing->has_value());

    IC_AWAIT(written, m_store->write(corpSecret, QStringLiteral("first-value")));
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().toDisplayString()));
    IC_AWAIT(first, m_store->read(corpSecret));
    QVERIFY(first.ok());
    QCOMPARE(first.value(), std::optional<QString>(QStringLiteral("first-value")));
    // The value is in the Secret Service, not in a plain-text fallback file.
    QCOMPARE(lookUpWithSecretTool(corpSecret.key), std::optional<QString>(QStringLiteral("first-value")));

    IC_AWAIT(overwritten, m_store->write(corpSecret, QStringLiteral("second-value")));
    QVERIFY(overwritten.ok());
    IC_AWAIT(second, m_store->read(corpSecret));
    QVERIFY(second.ok());
    QCOMPARE(second.value(), std::optional<QString>(QStringLiteral("second-value")));
    QCOMPARE(lookUpWithSecretTool(corpSecret.key), std::optional<QString>(QStringLiteral("second-value")));

    IC_AWAIT(removed, m_store->remove(corpSecret));
    QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : removed.error().toDisplayString()));
    IC_AWAIT(afterRemove, m_store->read(corpSecret));
    QVERIFY(afterRemove.ok());
    QVERIFY(!afterRemove->has_value());
    QCOMPARE(lookUpWithSecretTool(corpSecret.key), std::nullopt);

    IC_AWAIT(removedAgain, m_store->remove(corpSecret));
    QVERIFY2(removedAgain.ok(), "removing a value that does not exist succeeds");
}

void TestKeychainSecretStore::values_data()
{
    QTest::addColumn<QString>("value");

    QTest::newRow("Chinese") << QStringLiteral("企业微信应用密钥：测试值，含标点与空格 🔑");
    QString longValue;
    const QString chunk = QStringLiteral("0123456789abcdefABCDEF-_=+/密钥");
    while (longValue.size() < 100000) {
        longValue += chunk;
    }
    QTest::newRow("100,000 characters") << longValue;
    QTest::newRow("quotes, newlines, NUL-free control characters")
        << QStringLiteral("line 1\nline 2\r\n\t\"quoted\" 'single' \\backslash\\ $VAR %1 ;rm -rf /");
}

void TestKeychainSecretStore::values()
{
    QFETCH(QString, value);
    const SecretLocator secret = locator(QStringLiteral("value_%1").arg(QString::fromUtf8(QTest::currentDataTag())));

    IC_AWAIT(written, m_store->write(secret, value));
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().toDisplayString()));
    IC_AWAIT(read, m_store->read(secret));
    QVERIFY(read.ok());
    QVERIFY(read->has_value());
    QCOMPARE(read->value().size(), value.size());
    QCOMPARE(read->value(), value);

    IC_AWAIT(removed, m_store->remove(secret));
    QVERIFY(removed.ok());
}

void TestKeychainSecretStore::concurrentReads()
{
    const SecretLocator a = locator(QStringLiteral("concurrent_a"));
    const SecretLocator b = locator(QStringLiteral("concurrent_b"));
    IC_AWAIT(writtenA, m_store->write(a, QStringLiteral("value-a")));
    QVERIFY(writtenA.ok());
    IC_AWAIT(writtenB, m_store->write(b, QStringLiteral("值-b")));
    QVERIFY(writtenB.ok());

    // Both reads are in flight before either is awaited (tasks start eagerly).
    auto readA = m_store->read(a);
    auto readB = m_store->read(b);
    IC_AWAIT(resultB, std::move(readB));
    IC_AWAIT(resultA, std::move(readA));
    QVERIFY(resultA.ok());
    QVERIFY(resultB.ok());
    QCOMPARE(resultA.value(), std::optional<QString>(QStringLiteral("value-a")));
    QCOMPARE(resultB.value(), std::optional<QString>(QStringLiteral("值-b")));
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
