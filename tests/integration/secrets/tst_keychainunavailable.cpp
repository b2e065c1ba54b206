#include "secrets/SecretStore.h"

#include "RunTask.h"

#include <QTest>

using namespace ic;
using namespace ic::secrets;

namespace {

const QString serviceName = QStringLiteral("Integration Console Tests");

SecretLocator corpSecret()
{
    return SecretLocator{QStringLiteral("service/keychain-unavailable-test/corp_secret"),
                         environmentVariableName(QStringLiteral("wecom-main"), QStringLiteral("corp_secret")),
                         QStringLiteral("corp_secret of service wecom-main")};
}

} // namespace

/// The keychain on a server: no D-Bus session bus and no display (CMake removes them from the environment).
class TestKeychainUnavailable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void readFails();
    void writeFailsWithoutLeakingTheValue();
    void removeFails();
    void defaultStoreUsesEnvironmentValue();
    void defaultStoreReportsMissingKeychainWithoutEnvironmentValue();

private:
    void verifyUnavailable(const Error &error, const QString &verb);
};

void TestKeychainUnavailable::initTestCase()
{
    // The precondition of every test here; without it they would prove nothing.
    QVERIFY2(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "DBUS_SESSION_BUS_ADDRESS must be unset for this test (see tests/integration/secrets/CMakeLists.txt)");
    QVERIFY2(qEnvironmentVariableIsEmpty("DISPLAY"), "DISPLAY must be unset for this test");
    QCOMPARE(corpSecret().environmentVariable, QStringLiteral("IC_SECRET_WECOM_MAIN_CORP_SECRET"));
}

void TestKeychainUnavailable::cleanup()
{
    qunsetenv("IC_SECRET_WECOM_MAIN_CORP_SECRET");
}

void TestKeychainUnavailable::verifyUnavailable(const Error &error, const QString &verb)
{
    QCOMPARE(error.code, ErrorCode::SecretBackendUnavailable);
    QVERIFY2(error.message.contains(QLatin1String("no OS keychain is available")), qPrintable(error.message));
    QVERIFY2(error.message.startsWith(QStringLiteral("Cannot %1 corp_secret of service wecom-main").arg(verb)),
             qPrintable(error.message));
    QVERIFY2(!error.detail.isEmpty(), "the backend's own text is kept as detail");
    QVERIFY2(error.hint.contains(QLatin1String("IC_SECRET_WECOM_MAIN_CORP_SECRET")), qPrintable(error.hint));
    qInfo("QtKeychain reported: %s", qPrintable(error.detail));
}

void TestKeychainUnavailable::readFails()
{
    const auto store = makeKeychainSecretStore(serviceName);
    IC_AWAIT(result, store->read(corpSecret()));
    QVERIFY(!result.ok());
    verifyUnavailable(result.error(), QStringLiteral("read"));
    QCOMPARE(result.error().hint, QStringLiteral("On a server without a keychain, provide the value in the "
                                                 "environment variable IC_SECRET_WECOM_MAIN_CORP_SECRET instead."));
}

void TestKeychainUnavailable::writeFailsWithoutLeakingTheValue()
{
    const auto store = makeKeychainSecretStore(serviceName);
    const QString value = QStringLiteral("s3cr3t-value-that-must-not-leak");
    IC_AWAIT(result, store->write(corpSecret(), value));
    QVERIFY(!result.ok());
    verifyUnavailable(result.error(), QStringLiteral("store"));
    QVERIFY(!result.error().toDisplayString().contains(value));
}

void TestKeychainUnavailable::removeFails()
{
    const auto store = makeKeychainSecretStore(serviceName);
    IC_AWAIT(result, store->remove(corpSecret()));
    QVERIFY(!result.ok());
    verifyUnavailable(result.error(), QStringLiteral("remove"));
}

void TestKeychainUnavailable::defaultStoreUsesEnvironmentValue()
{
    qputenv("IC_SECRET_WECOM_MAIN_CORP_SECRET", "value-from-the-environment");
    const auto store = makeDefaultSecretStore(makeKeychainSecretStore(serviceName));
    IC_AWAIT(result, store->read(corpSecret()));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toDisplayString()));
    QCOMPARE(result.value(), std::optional<QString>(QStringLiteral("value-from-the-environment")));
}

void TestKeychainUnavailable::defaultStoreReportsMissingKeychainWithoutEnvironmentValue()
{
    const auto store = makeDefaultSecretStore(makeKeychainSecretStore(serviceName));
    IC_AWAIT(result, store->read(corpSecret()));
    QVERIFY(!result.ok());
    verifyUnavailable(result.error(), QStringLiteral("read"));

    IC_AWAIT(written, store->write(corpSecret(), QStringLiteral("typed")));
    QVERIFY(!written.ok());
    verifyUnavailable(written.error(), QStringLiteral("store"));
}

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "tst_keychainunavailable.moc"
