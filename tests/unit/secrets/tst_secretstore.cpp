#include "secrets/SecretStore.h"

#include "RunTask.h"

#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTest>

using namespace ic;
using namespace ic::secrets;

namespace {

/// A persistent store whose backend is gone: every call fails like a keychain on a server without one, and
/// counts how often it was asked.
class FailingSecretStore final : public SecretStore {
public:
    explicit FailingSecretStore(int *calls)
        : m_calls(calls)
    {}

    QString displayName() const override { return QStringLiteral("failing"); }
    bool isWritable() const override { return true; }

    QCoro::Task<Result<std::optional<QString>>> read(SecretLocator locator) override
    {
        ++*m_calls;
        co_return failure(locator);
    }
    QCoro::Task<Status> write(SecretLocator locator, QString) override
    {
        ++*m_calls;
        co_return failure(locator);
    }
    QCoro::Task<Status> remove(SecretLocator locator) override
    {
        ++*m_calls;
        co_return failure(locator);
    }

private:
    static Error failure(const SecretLocator &locator)
    {
        return Error::make(ErrorCode::SecretBackendUnavailable, QStringLiteral("no keychain"), {},
                           locator.environmentVariable);
    }

    int *m_calls;
};

SecretLocator locatorFor(const QString &service, const QString &field)
{
    return SecretLocator{QStringLiteral("service/%1/%2").arg(service, field), environmentVariableName(service, field),
                         QStringLiteral("%1 of service %2").arg(field, service)};
}

bool mentions(const Error &error, const QString &text)
{
    return error.message.contains(text) || error.detail.contains(text) || error.hint.contains(text);
}

} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void environmentVariableName_data();
    void environmentVariableName();

    void memoryStoreRoundTrip();
    void memoryStoreKeepsKeysApart();

    void environmentStoreReadsAtCallTime();
    void environmentStoreWithoutVariableName();
    void environmentStoreRefusesWriteAndRemove();

    void chainedEnvironmentWinsOverPersistent();
    void chainedFallsBackToPersistent();
    void chainedWritesAndRemovesInPersistentOnly();
    void chainedEnvironmentValueDespiteFailingPersistent();
    void chainedReportsPersistentErrorWithoutEnvironmentValue();
    void chainedDescribesItself();
};

// Every test uses IC_SECRET_UNIT_TEST_* variables; none may leak into the next test.
void TestSecretStore::cleanup()
{
    const QStringList names = QProcessEnvironment::systemEnvironment().keys();
    for (const QString &name : names) {
        if (name.startsWith(QLatin1String("IC_SECRET_UNIT_TEST"))) {
            qunsetenv(name.toLatin1().constData());
        }
    }
}

void TestSecretStore::environmentVariableName_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    QTest::newRow("documented example") << QStringLiteral("wecom-main") << QStringLiteral("corp_secret")
                                        << QStringLiteral("IC_SECRET_WECOM_MAIN_CORP_SECRET");
    QTest::newRow("mixed case, dots, digits") << QStringLiteral("WeCom.Main2") << QStringLiteral("EncodingAESKey")
                                              << QStringLiteral("IC_SECRET_WECOM_MAIN2_ENCODINGAESKEY");
    QTest::newRow("spaces and slashes") << QStringLiteral("hr db/prod") << QStringLiteral("pass word")
                                        << QStringLiteral("IC_SECRET_HR_DB_PROD_PASS_WORD");
    QTest::newRow("Chinese, one underscore per character")
        << QStringLiteral("企业微信") << QStringLiteral("token") << QStringLiteral("IC_SECRET______TOKEN");
    QTest::newRow("Latin letters with accents")
        << QStringLiteral("café") << QStringLiteral("clé") << QStringLiteral("IC_SECRET_CAF__CL_");
    QTest::newRow("German sharp s is not expanded")
        << QStringLiteral("straße") << QStringLiteral("key") << QStringLiteral("IC_SECRET_STRA_E_KEY");
    QTest::newRow("character outside the BMP")
        << QStringLiteral("a\U0001F511b") << QStringLiteral("x") << QStringLiteral("IC_SECRET_A_B_X");
    QTest::newRow("empty parts") << QString() << QString() << QStringLiteral("IC_SECRET__");
}

void TestSecretStore::environmentVariableName()
{
    QFETCH(QString, service);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    const QString name = secrets::environmentVariableName(service, field);
    QCOMPARE(name, expected);
    static const QRegularExpression portable(QStringLiteral("^[A-Z0-9_]+$"));
    QVERIFY2(portable.match(name).hasMatch(), qPrintable(name));
}

void TestSecretStore::memoryStoreRoundTrip()
{
    const auto store = makeMemorySecretStore();
    QVERIFY(store->isWritable());
    const SecretLocator locator = locatorFor(QStringLiteral("unit-test"), QStringLiteral("corp_secret"));

    IC_AWAIT(missing, store->read(locator));
    QVERIFY(missing.ok());
    QVERIFY(!missing->has_value());

    IC_AWAIT(written, store->write(locator, QStringLiteral("first-value")));
    QVERIFY(written.ok());
    IC_AWAIT(first, store->read(locator));
    QVERIFY(first.ok());
    QCOMPARE(first.value(), std::optional<QString>(QStringLiteral("first-value")));

    IC_AWAIT(overwritten, store->write(locator, QStringLiteral("second-value")));
    QVERIFY(overwritten.ok());
    IC_AWAIT(second, store->read(locator));
    QVERIFY(second.ok());
    QCOMPARE(second.value(), std::optional<QString>(QStringLiteral("second-value")));

    IC_AWAIT(removed, store->remove(locator));
    QVERIFY(removed.ok());
    IC_AWAIT(afterRemove, store->read(locator));
    QVERIFY(afterRemove.ok());
    QVERIFY(!afterRemove->has_value());

    IC_AWAIT(removedAgain, store->remove(locator));
    QVERIFY2(removedAgain.ok(), "removing a value that does not exist succeeds");
}

void TestSecretStore::memoryStoreKeepsKeysApart()
{
    const auto store = makeMemorySecretStore();
    const SecretLocator a = locatorFor(QStringLiteral("unit-test"), QStringLiteral("a"));
    const SecretLocator b = locatorFor(QStringLiteral("unit-test"), QStringLiteral("b"));

    IC_AWAIT(writtenA, store->write(a, QStringLiteral("value-a")));
    QVERIFY(writtenA.ok());
    IC_AWAIT(readB, store->read(b));
    QVERIFY(readB.ok());
    QVERIFY(!readB->has_value());

    IC_AWAIT(removedB, store->remove(b));
    QVERIFY(removedB.ok());
    IC_AWAIT(readA, store->read(a));
    QVERIFY(readA.ok());
    QCOMPARE(readA.value(), std::optional<QString>(QStringLiteral("value-a")));
}

void TestSecretStore::environmentStoreReadsAtCallTime()
{
    const auto store = makeEnvironmentSecretStore();
    QVERIFY(!store->isWritable());
    const SecretLocator locator = locatorFor(QStringLiteral("unit-test"), QStringLiteral("token"));
    QCOMPARE(locator.environmentVariable, QStringLiteral("IC_SECRET_UNIT_TEST_TOKEN"));

    IC_AWAIT(unset, store->read(locator));
    QVERIFY(unset.ok());
    QVERIFY(!unset->has_value());

    const QString value = QStringLiteral("环境变量的值-42");
    qputenv("IC_SECRET_UNIT_TEST_TOKEN", value.toUtf8());
    IC_AWAIT(set, store->read(locator));
    QVERIFY(set.ok());
    QCOMPARE(set.value(), std::optional<QString>(value));

    qputenv("IC_SECRET_UNIT_TEST_TOKEN", QByteArray());
    IC_AWAIT(empty, store->read(locator));
    QVERIFY(empty.ok());
    QVERIFY2(!empty->has_value(), "an empty variable provides no value");

    qunsetenv("IC_SECRET_UNIT_TEST_TOKEN");
    IC_AWAIT(unsetAgain, store->read(locator));
    QVERIFY(unsetAgain.ok());
    QVERIFY(!unsetAgain->has_value());
}

void TestSecretStore::environmentStoreWithoutVariableName()
{
    const auto store = makeEnvironmentSecretStore();
    IC_AWAIT(result, store->read(SecretLocator{QStringLiteral("service/x/y"), QString(), QStringLiteral("y of x")}));
    QVERIFY(result.ok());
    QVERIFY(!result->has_value());
}

void TestSecretStore::environmentStoreRefusesWriteAndRemove()
{
    const auto store = makeEnvironmentSecretStore();
    const SecretLocator locator = locatorFor(QStringLiteral("unit-test"), QStringLiteral("corp_secret"));
    const QString value = QStringLiteral("must-not-appear-anywhere");

    IC_AWAIT(written, store->write(locator, value));
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, ErrorCode::SecretStore);
    QVERIFY2(written.error().message.contains(QLatin1String("cannot be written")), qPrintable(written.error().message));
    QVERIFY(written.error().message.contains(locator.description));
    QVERIFY2(written.error().hint.contains(QLatin1String("whoever starts the program")),
             qPrintable(written.error().hint));
    QVERIFY(written.error().hint.contains(locator.environmentVariable));
    QVERIFY(!mentions(written.error(), value));
    QVERIFY2(qEnvironmentVariableIsEmpty("IC_SECRET_UNIT_TEST_CORP_SECRET"), "the environment was not changed");

    qputenv("IC_SECRET_UNIT_TEST_CORP_SECRET", "present");
    IC_AWAIT(removed, store->remove(locator));
    QVERIFY(!removed.ok());
    QCOMPARE(removed.error().code, ErrorCode::SecretStore);
    QVERIFY(removed.error().hint.contains(locator.environmentVariable));
    QCOMPARE(qEnvironmentVariable("IC_SECRET_UNIT_TEST_CORP_SECRET"), QStringLiteral("present"));
}

void TestSecretStore::chainedEnvironmentWinsOverPersistent()
{
    auto memory = makeMemorySecretStore();
    SecretStore *persistent = memory.get();
    const auto store = makeDefaultSecretStore(std::move(memory));
    const SecretLocator locator = locatorFor(QStringLiteral("unit-test"), QStringLiteral("corp_secret"));

    IC_AWAIT(stored, persistent->write(locator, QStringLiteral("from-keychain")));
    QVERIFY(stored.ok());
    qputenv("IC_SECRET_UNIT_TEST_CORP_SECRET", "from-environment");

    IC_AWAIT(result, store->read(locator));
    QVERIFY(result.ok());
    QCOMPARE(result.value(), std::optional<QString>(QStringLiteral("from-environment")));
}

void TestSecretStore::chainedFallsBackToPersistent()
{
    auto memory = makeMemorySecretStore();
    SecretStore *persistent = memory.get();
    const auto store = makeDefaultSecretStore(std::move(memory));
    const SecretLocator locator = locatorFor(QStringLiteral("unit-test"), QStringLiteral("corp_secret"));

    IC_AWAIT(nothing, store->read(locator));
    QVERIFY(nothing.ok());
    QVERIFY(!nothing->has_value());

    IC_AWAIT(stored, persistent->write(locator, QStringLiteral("from-keychain")));
    QVERIFY(stored.ok());
    IC_AWAIT(result, store->read(locator));
    QVERIFY(result.ok());
    QCOMPARE(result.value(), std::optional<QString>(QStringLiteral("from-keychain")));

    qputenv("IC_SECRET_UNIT_TEST_CORP_SECRET", "");
    IC_AWAIT(withEmptyVariable, store->read(locator));
    QVERIFY(withEmptyVariable.ok());
    QCOMPARE(withEmptyVariable.value(), std::optional<QString>(QStringLiteral("from-keychain")));
}

void TestSecretStore::chainedWritesAndRemovesInPersistentOnly()
{
    auto memory = makeMemorySecretStore();
    SecretStore *persistent = memory.get();
    const auto store = makeDefaultSecretStore(std::move(memory));
    QVERIFY(store->isWritable());
    const SecretLocator locator = locatorFor(QStringLiteral("unit-test"), QStringLiteral("corp_secret"));

    IC_AWAIT(written, store->write(locator, QStringLiteral("typed-by-the-user")));
    QVERIFY(written.ok());
    QVERIFY2(qEnvironmentVariableIsEmpty("IC_SECRET_UNIT_TEST_CORP_SECRET"), "write must not touch the environment");
    IC_AWAIT(inPersistent, persistent->read(locator));
    QVERIFY(inPersistent.ok());
    QCOMPARE(inPersistent.value(), std::optional<QString>(QStringLiteral("typed-by-the-user")));

    qputenv("IC_SECRET_UNIT_TEST_CORP_SECRET", "from-environment");
    IC_AWAIT(removed, store->remove(locator));
    QVERIFY(removed.ok());
    IC_AWAIT(afterRemove, persistent->read(locator));
    QVERIFY(afterRemove.ok());
    QVERIFY(!afterRemove->has_value());
    QCOMPARE(qEnvironmentVariable("IC_SECRET_UNIT_TEST_CORP_SECRET"), QStringLiteral("from-environment"));
}

void TestSecretStore::chainedEnvironmentValueDespiteFailingPersistent()
{
    int persistentCalls = 0;
    const auto store = makeDefaultSecretStore(std::make_unique<FailingSecretStore>(&persistentCalls));
    const SecretLocator locator = locatorFor(QStringLiteral("unit-test"), QStringLiteral("corp_secret"));
    qputenv("IC_SECRET_UNIT_TEST_CORP_SECRET", "from-environment");

    IC_AWAIT(result, store->read(locator));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toDisplayString()));
    QCOMPARE(result.value(), std::optional<QString>(QStringLiteral("from-environment")));
    QCOMPARE(persistentCalls, 0);
}

void TestSecretStore::chainedReportsPersistentErrorWithoutEnvironmentValue()
{
    int persistentCalls = 0;
    const auto store = makeDefaultSecretStore(std::make_unique<FailingSecretStore>(&persistentCalls));
    const SecretLocator locator = locatorFor(QStringLiteral("unit-test"), QStringLiteral("corp_secret"));

    IC_AWAIT(read, store->read(locator));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ErrorCode::SecretBackendUnavailable);
    QCOMPARE(read.error().hint, locator.environmentVariable);

    IC_AWAIT(written, store->write(locator, QStringLiteral("v")));
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, ErrorCode::SecretBackendUnavailable);

    IC_AWAIT(removed, store->remove(locator));
    QVERIFY(!removed.ok());
    QCOMPARE(removed.error().code, ErrorCode::SecretBackendUnavailable);
    QCOMPARE(persistentCalls, 3);
}

void TestSecretStore::chainedDescribesItself()
{
    const auto store = makeDefaultSecretStore(makeMemorySecretStore());
    const QString name = store->displayName();
    QVERIFY2(name.indexOf(makeEnvironmentSecretStore()->displayName()) == 0, qPrintable(name));
    QVERIFY2(name.endsWith(makeMemorySecretStore()->displayName()), qPrintable(name));
    QVERIFY2(makeDefaultSecretStore(makeKeychainSecretStore(QStringLiteral("Integration Console Tests")))
                 ->displayName()
                 .contains(QLatin1String("keychain")),
             "the product's chain names the keychain");
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
