// `test-connection` in-process against the real sandbox over loopback, on every database dialect: a correct
// configuration passes; a wrong secret, a wrong corp ID, a secret without customer-contact permission and an
// untrusted IP fail with exit code 4 and the hint that fixes them; a flaky sandbox (10% -1 and 5xx, a 45009 burst)
// still completes. The results are kept (service status, service_tests, call log). Finally, every output, every log
// line and the whole database are searched for the secrets and access tokens.

#include "CliRunner.h"
#include "TestDatabase.h"
#include "db/CallLogRepository.h"
#include "db/Repositories.h"
#include "db/ServiceTestRepository.h"
#include "sandbox/SandboxServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

#include <httplib.h>

using namespace ic;

namespace {

QStringList g_logs;
QMutex g_logsMutex;
QtMessageHandler g_previousHandler = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logsMutex);
        g_logs << message;
    }
    if (g_previousHandler != nullptr) {
        g_previousHandler(type, context, message);
    }
}

sandbox::CorpSpec smallCorp(std::uint64_t seed)
{
    sandbox::CorpSpec spec;
    spec.seed = seed;
    spec.departments = 10;
    spec.staff = 40;
    spec.contacts = 120;
    return spec;
}

/// The step with `id` in a --json report.
QJsonObject step(const QJsonObject &report, const QString &id)
{
    for (const QJsonValue &value : report.value(u"steps").toArray()) {
        if (value.toObject().value(u"id").toString() == id) {
            return value.toObject();
        }
    }
    return {};
}

} // namespace

class TestCliConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void correctConfigurationPasses();
    void wrongSecretFails();
    void wrongCorpIdFails();
    void secretWithoutCustomerPermissionFails();
    void untrustedIpFails();
    void flakySandboxStillCompletes();
    void unknownServiceAndMissingSecrets();
    void nothingLeaks();

private:
    /// Adds a WeCom service for `server` with the given secrets (field → value) and extra settings.
    /// Returns false (with a warning) when a command failed.
    bool addService(const QString &name, const sandbox::SandboxServer &server, const QMap<QString, QString> &secrets,
                    const QStringList &extraSettings = {}, const QString &corpId = {});
    test::CliRun run(const QStringList &args, std::optional<QString> input = std::nullopt);
    QJsonObject runJson(const QStringList &args, int expectedCode);
    std::int64_t calls(const sandbox::SandboxServer &server, const std::string &path) const;

    std::unique_ptr<test::TestDatabase> m_database;
    std::shared_ptr<secrets::SecretStore> m_store;
    std::unique_ptr<test::CliRunner> m_cli;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<sandbox::SandboxServer> m_untrusted;
    QStringList m_outputs;
    QStringList m_secrets; ///< Every secret value handed to the console.
};

void TestCliConnection::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_database = std::move(database);
    if (!m_database->password().isEmpty()) {
        qputenv("IC_SECRET_DATABASE_PASSWORD", m_database->password().toUtf8());
    }
    m_store = secrets::makeMemorySecretStore();
    m_cli = std::make_unique<test::CliRunner>(m_database->url().toString(), m_store);
    const test::CliRun migrated = run({QStringLiteral("db"), QStringLiteral("migrate")});
    QVERIFY2(migrated.code == 0, qPrintable(migrated.err));
    g_previousHandler = qInstallMessageHandler(captureLog);
    QLoggingCategory::setFilterRules(QStringLiteral("ic.*.debug=true"));

    std::string error;
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(smallCorp(3)));
    QVERIFY2(m_server->start(&error), error.c_str());
    sandbox::ServerOptions untrusted;
    untrusted.trustedIp = "10.20.30.40";
    m_untrusted = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(smallCorp(4)), untrusted);
    QVERIFY2(m_untrusted->start(&error), error.c_str());
    for (const auto *server : {m_server.get(), m_untrusted.get()}) {
        const auto &credentials = server->credentials();
        for (const auto &secret : {credentials.appSecret, credentials.contactsSecret, credentials.customerSecret}) {
            m_secrets << QString::fromStdString(secret);
        }
    }
}

void TestCliConnection::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
    if (m_server) {
        m_server->stop();
    }
    if (m_untrusted) {
        m_untrusted->stop();
    }
}

test::CliRun TestCliConnection::run(const QStringList &args, std::optional<QString> input)
{
    test::CliRun result = m_cli->run(args, std::move(input));
    m_outputs << result.out << result.err;
    return result;
}

QJsonObject TestCliConnection::runJson(const QStringList &args, int expectedCode)
{
    const test::CliRun result = run(QStringList{QStringLiteral("--json")} + args);
    if (result.code != expectedCode) {
        qWarning().noquote() << "exit code" << result.code << "expected" << expectedCode << '\n'
                             << result.out << result.err;
        return {};
    }
    return QJsonDocument::fromJson(result.out.toUtf8()).object();
}

std::int64_t TestCliConnection::calls(const sandbox::SandboxServer &server, const std::string &path) const
{
    const auto counts = server.callCounts();
    const auto it = counts.find(path);
    return it == counts.end() ? 0 : it->second;
}

bool TestCliConnection::addService(const QString &name, const sandbox::SandboxServer &server,
                                   const QMap<QString, QString> &secrets, const QStringList &extraSettings,
                                   const QString &corpId)
{
    QStringList args{QStringLiteral("service"), QStringLiteral("add"),    QStringLiteral("--type"),
                     QStringLiteral("wecom"),   QStringLiteral("--name"), name};
    const QString corp = corpId.isEmpty() ? QString::fromStdString(server.credentials().corpId) : corpId;
    // Short waits: the defaults (a 60 s wait after a rate limit) are for production, not for a test run.
    for (const QString &setting :
         QStringList{u"corp_id=" + corp, u"agent_id=" + QString::number(server.credentials().agentId),
                     u"api_base=" + QString::fromStdString(server.baseUrl()), QStringLiteral("retry_base_delay_ms=10"),
                     QStringLiteral("retry_max_delay_ms=40"), QStringLiteral("rate_limit_wait_ms=50")} +
             extraSettings) {
        args << QStringLiteral("--set") << setting;
    }
    const test::CliRun added = run(args);
    if (added.code != 0) {
        qWarning().noquote() << added.err;
        return false;
    }
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        const test::CliRun stored =
            run({QStringLiteral("service"), QStringLiteral("set-secret"), name, it.key()}, it.value());
        if (stored.code != 0) {
            qWarning().noquote() << stored.err;
            return false;
        }
    }
    return true;
}

void TestCliConnection::correctConfigurationPasses()
{
    const auto &c = m_server->credentials();
    QVERIFY(addService(QStringLiteral("good"), *m_server,
                       {{QStringLiteral("corp_secret"), QString::fromStdString(c.appSecret)},
                        {QStringLiteral("contacts_secret"), QString::fromStdString(c.contactsSecret)},
                        {QStringLiteral("customer_secret"), QString::fromStdString(c.customerSecret)}}));
    m_server->resetCounters();

    const QJsonObject report = runJson({QStringLiteral("test-connection"), QStringLiteral("good")}, 0);
    QVERIFY(!report.isEmpty());
    // The app's visible range is part of the corp, so the departments step warns: passed with warnings.
    QCOMPARE(report.value(u"outcome").toString(), QStringLiteral("warning"));
    for (const char *id :
         {"reach", "token.app", "token.contacts", "token.customer", "users", "follow_users", "customers", "tags"}) {
        QCOMPARE(step(report, QString::fromLatin1(id)).value(u"status").toString(), QStringLiteral("ok"));
    }
    const QJsonObject departments = step(report, QStringLiteral("departments"));
    QCOMPARE(departments.value(u"status").toString(), QStringLiteral("warning"));
    QVERIFY2(departments.value(u"summary").toString().contains(u"The app sees"),
             qPrintable(departments.value(u"summary").toString()));
    QCOMPARE(step(report, QStringLiteral("message")).value(u"status").toString(), QStringLiteral("skipped"));
    // One fresh token per secret, whatever the caches held.
    QCOMPARE(calls(*m_server, "cgi-bin/gettoken"), 3);

    // The result is kept: the status, the test row, and one call-log row per call under the test's correlation id.
    const QJsonObject shown = runJson({QStringLiteral("service"), QStringLiteral("show"), QStringLiteral("good")}, 0);
    QCOMPARE(shown.value(u"status").toString(), QStringLiteral("active"));
    QVERIFY(!shown.value(u"last_tested_at").toString().isEmpty());
    auto db = m_database->open();
    QVERIFY(db);
    auto service =
        db::ServiceConfigRepository(*db.value()).findByName(QStringLiteral("default"), QStringLiteral("good"));
    QVERIFY(service && service.value());
    auto latest = db::ServiceTestRepository(*db.value()).latest(QStringLiteral("default"), service.value()->id);
    QVERIFY(latest && latest.value());
    QCOMPARE(latest.value()->outcome, QStringLiteral("warning"));
    QCOMPARE(latest.value()->result.size(), report.value(u"steps").toArray().size());
    db::CallLogFilter filter;
    filter.correlationId = report.value(u"correlation_id").toString();
    auto rows = db::CallLogRepository(*db.value()).page(QStringLiteral("default"), filter, {}, 1000);
    QVERIFY(rows);
    std::int64_t wire = 0;
    for (const auto &[path, count] : m_server->callCounts()) {
        wire += count;
    }
    // Every call that reached the sandbox has its row, plus the reachability probe of the server's root (which the
    // sandbox does not count: it is not a WeCom API).
    QCOMPARE(qint64(rows.value().records.size()), wire + 1);
}

void TestCliConnection::wrongSecretFails()
{
    const auto &c = m_server->credentials();
    QVERIFY(
        addService(QStringLiteral("wrong-secret"), *m_server,
                   {{QStringLiteral("contacts_secret"), QStringLiteral("ThisIsNotTheRightSecretAtAll0123456789abcd")},
                    {QStringLiteral("customer_secret"), QString::fromStdString(c.customerSecret)}}));
    m_secrets << QStringLiteral("ThisIsNotTheRightSecretAtAll0123456789abcd");
    m_server->resetCounters();
    const QJsonObject report = runJson({QStringLiteral("test-connection"), QStringLiteral("wrong-secret")}, 4);
    QCOMPARE(report.value(u"outcome").toString(), QStringLiteral("failed"));
    const QJsonObject token = step(report, QStringLiteral("token.contacts"));
    QCOMPARE(token.value(u"status").toString(), QStringLiteral("failed"));
    const QJsonObject error = token.value(u"error").toObject();
    QCOMPARE(error.value(u"code").toString(), QStringLiteral("credential"));
    QVERIFY2(error.value(u"hint").toString().contains(u"通讯录同步"), qPrintable(error.value(u"hint").toString()));
    QVERIFY(error.value(u"detail").toString().contains(u"40001"));
    // A refused secret is not tried again by the probes: gettoken once per configured secret.
    QCOMPARE(calls(*m_server, "cgi-bin/gettoken"), 2);
    QCOMPARE(step(report, QStringLiteral("follow_users")).value(u"status").toString(), QStringLiteral("ok"));
}

void TestCliConnection::wrongCorpIdFails()
{
    const auto &c = m_server->credentials();
    QVERIFY(addService(QStringLiteral("wrong-corp"), *m_server,
                       {{QStringLiteral("contacts_secret"), QString::fromStdString(c.contactsSecret)}}, {},
                       QStringLiteral("ww00000000000000ff")));
    const QJsonObject report = runJson({QStringLiteral("test-connection"), QStringLiteral("wrong-corp")}, 4);
    const QJsonObject error = step(report, QStringLiteral("token.contacts")).value(u"error").toObject();
    QVERIFY(error.value(u"detail").toString().contains(u"40013"));
    QVERIFY2(error.value(u"hint").toString().contains(u"企业ID"), qPrintable(error.value(u"hint").toString()));
}

void TestCliConnection::secretWithoutCustomerPermissionFails()
{
    // The app's secret entered as the customer contact secret: gettoken accepts it, the customer APIs do not.
    const auto &c = m_server->credentials();
    QVERIFY(addService(QStringLiteral("no-customer"), *m_server,
                       {{QStringLiteral("contacts_secret"), QString::fromStdString(c.contactsSecret)},
                        {QStringLiteral("customer_secret"), QString::fromStdString(c.appSecret)}}));
    const QJsonObject report = runJson({QStringLiteral("test-connection"), QStringLiteral("no-customer")}, 4);
    QCOMPARE(step(report, QStringLiteral("token.customer")).value(u"status").toString(), QStringLiteral("ok"));
    const QJsonObject follow = step(report, QStringLiteral("follow_users"));
    QCOMPARE(follow.value(u"status").toString(), QStringLiteral("failed"));
    const QJsonObject error = follow.value(u"error").toObject();
    QVERIFY(error.value(u"detail").toString().contains(u"48002"));
    QVERIFY2(error.value(u"hint").toString().contains(u"客户联系"), qPrintable(error.value(u"hint").toString()));
    QCOMPARE(step(report, QStringLiteral("users")).value(u"status").toString(), QStringLiteral("ok"));
}

void TestCliConnection::untrustedIpFails()
{
    const auto &c = m_untrusted->credentials();
    QVERIFY(addService(QStringLiteral("untrusted"), *m_untrusted,
                       {{QStringLiteral("contacts_secret"), QString::fromStdString(c.contactsSecret)}}));
    const QJsonObject report = runJson({QStringLiteral("test-connection"), QStringLiteral("untrusted")}, 4);
    // gettoken is not IP-restricted; the first API call is.
    QCOMPARE(step(report, QStringLiteral("token.contacts")).value(u"status").toString(), QStringLiteral("ok"));
    const QJsonObject error = step(report, QStringLiteral("departments")).value(u"error").toObject();
    QVERIFY(error.value(u"detail").toString().contains(u"60020"));
    const QString hint = error.value(u"hint").toString();
    QVERIFY2(hint.contains(u"企业可信IP"), qPrintable(hint));
    // The address WeCom saw, which is what goes into the trusted IPs.
    QVERIFY2(hint.contains(u"127.0.0.1"), qPrintable(hint));
}

void TestCliConnection::flakySandboxStillCompletes()
{
    const auto &c = m_server->credentials();
    QVERIFY(addService(QStringLiteral("flaky"), *m_server,
                       {{QStringLiteral("contacts_secret"), QString::fromStdString(c.contactsSecret)},
                        {QStringLiteral("customer_secret"), QString::fromStdString(c.customerSecret)}}));
    std::string error;
    for (const char *spec : {"errcode=-1,rate=0.1", "http=503,rate=0.1", "errcode=45009,count=3"}) {
        auto fault = sandbox::Fault::parse(spec, &error);
        QVERIFY2(fault, error.c_str());
        m_server->addFault(*fault);
    }
    m_server->resetCounters();
    const test::CliRun result = run({QStringLiteral("test-connection"), QStringLiteral("flaky")});
    m_server->clearFaults();
    QVERIFY2(result.code == 0, qPrintable(result.out + result.err));
    QVERIFY(result.out.contains(u"passed"));
    // The faults did happen: more calls reached the sandbox than a clean run makes (2 tokens, 6 probes).
    std::int64_t wire = 0;
    for (const auto &[path, count] : m_server->callCounts()) {
        wire += count;
    }
    QVERIFY2(wire > 8, qPrintable(QString::number(wire)));
}

void TestCliConnection::unknownServiceAndMissingSecrets()
{
    const test::CliRun unknown = run({QStringLiteral("test-connection"), QStringLiteral("no-such-service")});
    QCOMPARE(unknown.code, 4);
    const test::CliRun usage = run({QStringLiteral("test-connection")});
    QCOMPARE(usage.code, 2);

    QVERIFY(addService(QStringLiteral("no-secrets"), *m_server, {}));
    const QJsonObject report = runJson({QStringLiteral("test-connection"), QStringLiteral("no-secrets")}, 4);
    const QJsonObject secrets = step(report, QStringLiteral("secrets"));
    QCOMPARE(secrets.value(u"status").toString(), QStringLiteral("failed"));
    QVERIFY(secrets.value(u"error").toObject().value(u"hint").toString().contains(u"set-secret"));
}

void TestCliConnection::nothingLeaks()
{
    // The access tokens the sandbox issued: gettoken answers the same token until it expires.
    QStringList tokens;
    for (const auto *server : {m_server.get(), m_untrusted.get()}) {
        httplib::Client client(server->baseUrl());
        const auto &credentials = server->credentials();
        for (const auto &secret : {credentials.appSecret, credentials.contactsSecret, credentials.customerSecret}) {
            const auto reply = client.Get("/cgi-bin/gettoken?corpid=" + credentials.corpId + "&corpsecret=" + secret);
            QVERIFY(reply);
            const QString token = QJsonDocument::fromJson(QByteArray::fromStdString(reply->body))
                                      .object()
                                      .value(u"access_token")
                                      .toString();
            QVERIFY(!token.isEmpty());
            tokens << token;
        }
    }
    QStringList logs;
    {
        QMutexLocker lock(&g_logsMutex);
        logs = g_logs;
    }
    QVERIFY(!logs.isEmpty());
    const QByteArray database = m_database->dumpAll();
    QVERIFY(!database.isEmpty());
    int searched = 0;
    for (const QString &value : m_secrets + tokens) {
        for (const QString &output : std::as_const(m_outputs)) {
            QVERIFY2(!output.contains(value), qPrintable(u"an output holds a secret or token: " + output));
            ++searched;
        }
        for (const QString &line : std::as_const(logs)) {
            QVERIFY2(!line.contains(value), qPrintable(u"a log line holds a secret or token: " + line));
            ++searched;
        }
        QVERIFY2(!database.contains(value.toUtf8()), "the database holds a secret or token in clear");
    }
    qInfo("searched %d outputs and log lines and the whole database for %lld values", searched,
          static_cast<long long>(m_secrets.size() + tokens.size()));
}

QTEST_GUILESS_MAIN(TestCliConnection)
#include "tst_cli_connection.moc"
