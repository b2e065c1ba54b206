// `sync` and `sandbox sync` in-process against the real sandbox over loopback, on every database dialect: exit
// codes (0, 2 for usage, 3 partial, 4 for a disabled or unknown service), the summary, JSON lines, the dry run's plan
// file matching the real run that follows, and finally every output, every log line and the whole database searched
// for the secrets and access tokens.

#include "CliRunner.h"
#include "TestDatabase.h"
#include "sandbox/SandboxServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QTemporaryDir>
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

/// The JSON lines of a --json sync: progress events, then the summary.
QList<QJsonObject> jsonLines(const QString &out)
{
    QList<QJsonObject> lines;
    for (const QString &line : out.split(u'\n', Qt::SkipEmptyParts)) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            qWarning().noquote() << "not a JSON line:" << line;
            return {};
        }
        lines << document.object();
    }
    return lines;
}

} // namespace

class TestCliSync : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void usageErrors();
    void fullSyncThenNothingChanged();
    void jsonLinesAndSummary();
    void dryRunPlanMatchesTheRealRun();
    void failingPagesEndPartial();
    void disabledAndUnknownServices();
    void sandboxSync();
    void nothingLeaks();

private:
    test::CliRun run(const QStringList &args, std::optional<QString> input = std::nullopt);
    QJsonObject summaryOf(const QStringList &args, int expectedCode);

    std::unique_ptr<test::TestDatabase> m_database;
    std::shared_ptr<secrets::SecretStore> m_store;
    std::unique_ptr<test::CliRunner> m_cli;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    QStringList m_secrets;
    QStringList m_outputs;
    QTemporaryDir m_dir;
};

void TestCliSync::initTestCase()
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

    sandbox::CorpSpec spec;
    spec.seed = 11;
    spec.departments = 8;
    spec.staff = 30;
    spec.contacts = 150;
    std::string error;
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(spec));
    QVERIFY2(m_server->start(&error), error.c_str());
    const auto &credentials = m_server->credentials();
    for (const auto &secret : {credentials.appSecret, credentials.contactsSecret, credentials.customerSecret}) {
        m_secrets << QString::fromStdString(secret);
    }

    QStringList args{QStringLiteral("service"), QStringLiteral("add"),    QStringLiteral("--type"),
                     QStringLiteral("wecom"),   QStringLiteral("--name"), QStringLiteral("corp")};
    // Short waits: the defaults (a 60 s wait after a rate limit) are for production, not for a test run.
    const QStringList settings{u"corp_id=" + QString::fromStdString(credentials.corpId),
                               u"agent_id=" + QString::number(credentials.agentId),
                               u"api_base=" + QString::fromStdString(m_server->baseUrl()),
                               QStringLiteral("retry_base_delay_ms=5"),
                               QStringLiteral("retry_max_delay_ms=20"),
                               QStringLiteral("rate_limit_wait_ms=20"),
                               QStringLiteral("breaker_failures=1000")};
    for (const QString &setting : settings) {
        args << QStringLiteral("--set") << setting;
    }
    const test::CliRun added = run(args);
    QVERIFY2(added.code == 0, qPrintable(added.err));
    const QList<std::pair<QString, QString>> secrets{{QStringLiteral("contacts_secret"), m_secrets.at(1)},
                                                     {QStringLiteral("customer_secret"), m_secrets.at(2)}};
    for (const auto &[field, value] : secrets) {
        const test::CliRun stored =
            run({QStringLiteral("service"), QStringLiteral("set-secret"), QStringLiteral("corp"), field}, value);
        QVERIFY2(stored.code == 0, qPrintable(stored.err));
    }
}

void TestCliSync::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
    if (m_server) {
        m_server->stop();
    }
}

test::CliRun TestCliSync::run(const QStringList &args, std::optional<QString> input)
{
    test::CliRun result = m_cli->run(args, std::move(input));
    m_outputs << result.out << result.err;
    return result;
}

QJsonObject TestCliSync::summaryOf(const QStringList &args, int expectedCode)
{
    const test::CliRun result = run(QStringList{QStringLiteral("--json")} + args);
    if (result.code != expectedCode) {
        qWarning().noquote() << "exit code" << result.code << "expected" << expectedCode << '\n'
                             << result.out << result.err;
        return {};
    }
    const QList<QJsonObject> lines = jsonLines(result.out);
    if (lines.isEmpty() || lines.constLast().value(u"event").toString() != u"summary") {
        qWarning().noquote() << "no summary line:" << result.out;
        return {};
    }
    return lines.constLast();
}

void TestCliSync::usageErrors()
{
    const QString sync = QStringLiteral("sync");
    QCOMPARE(run({sync, QStringLiteral("corp")}).code, 2);                           // no --type
    QCOMPARE(run({sync, QStringLiteral("--type"), QStringLiteral("full")}).code, 2); // no service
    const test::CliRun badType = run({sync, QStringLiteral("corp"), QStringLiteral("--type"), QStringLiteral("all")});
    QCOMPARE(badType.code, 2);
    QVERIFY2(badType.err.contains(u"department") && badType.err.contains(u"customer"), qPrintable(badType.err));
    QCOMPARE(run({sync, QStringLiteral("corp"), QStringLiteral("--type"), QStringLiteral("full"),
                  QStringLiteral("--mode"), QStringLiteral("everything")})
                 .code,
             2);
    QCOMPARE(run({sync, QStringLiteral("corp"), QStringLiteral("--type"), QStringLiteral("full"),
                  QStringLiteral("--mass-delete-share"), QStringLiteral("1.5")})
                 .code,
             2);
    QCOMPARE(run({sync, QStringLiteral("corp"), QStringLiteral("--type"), QStringLiteral("full"),
                  QStringLiteral("--batch-size"), QStringLiteral("0")})
                 .code,
             2);
}

void TestCliSync::fullSyncThenNothingChanged()
{
    const test::CliRun first =
        run({QStringLiteral("sync"), QStringLiteral("corp"), QStringLiteral("--type"), QStringLiteral("full")});
    QVERIFY2(first.code == 0, qPrintable(first.out + first.err));
    QVERIFY2(first.out.contains(u"success"), qPrintable(first.out));
    for (const char *entity :
         {"department", "staff", "staff_department", "tag_group", "tag", "contact", "follow_relation", "contact_tag"}) {
        QVERIFY2(first.out.contains(QLatin1String(entity)), entity);
    }
    const QJsonObject second = summaryOf(
        {QStringLiteral("sync"), QStringLiteral("corp"), QStringLiteral("--type"), QStringLiteral("full")}, 0);
    QVERIFY(!second.isEmpty());
    QCOMPARE(second.value(u"status").toString(), QStringLiteral("success"));
    const QJsonObject counts = second.value(u"counts").toObject();
    QVERIFY(counts.value(u"fetched").toInteger() > 150);
    QCOMPARE(counts.value(u"created").toInteger(), 0);
    QCOMPARE(counts.value(u"updated").toInteger(), 0);
    QCOMPARE(counts.value(u"deleted").toInteger(), 0);
    QCOMPARE(counts.value(u"unchanged").toInteger(), counts.value(u"fetched").toInteger());
    QCOMPARE(second.value(u"entities").toObject().value(u"contact").toObject().value(u"fetched").toInteger(), 150);

    // The history sees both runs, newest first.
    const test::CliRun listed = run({QStringLiteral("--json"), QStringLiteral("runs"), QStringLiteral("list")});
    QCOMPARE(listed.code, 0);
    const QJsonArray runs = QJsonDocument::fromJson(listed.out.toUtf8()).object().value(u"runs").toArray();
    QVERIFY2(runs.size() >= 2, qPrintable(listed.out));
    QCOMPARE(runs.at(0).toObject().value(u"id").toInteger(), second.value(u"run_id").toInteger());
}

void TestCliSync::jsonLinesAndSummary()
{
    const test::CliRun result =
        run({QStringLiteral("--json"), QStringLiteral("sync"), QStringLiteral("corp"), QStringLiteral("--type"),
             QStringLiteral("customer"), QStringLiteral("--mode"), QStringLiteral("full")});
    QCOMPARE(result.code, 0);
    const QList<QJsonObject> lines = jsonLines(result.out);
    QVERIFY(lines.size() >= 2);
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        QCOMPARE(lines.at(i).value(u"event").toString(), QStringLiteral("progress"));
        QVERIFY(lines.at(i).contains(u"rows"));
        QVERIFY(lines.at(i).contains(u"step"));
    }
    const QJsonObject summary = lines.constLast();
    QCOMPARE(summary.value(u"mode").toString(), QStringLiteral("full"));
    QCOMPARE(summary.value(u"type").toString(), QStringLiteral("customer"));
    const QJsonObject entities = summary.value(u"entities").toObject();
    QVERIFY(entities.contains(u"tag"));
    QVERIFY(entities.contains(u"contact_tag"));
    QVERIFY(!entities.contains(u"department"));
}

void TestCliSync::dryRunPlanMatchesTheRealRun()
{
    m_server->advanceTo(2);
    const QString planFile = m_dir.filePath(QStringLiteral("plan.json"));
    const QJsonObject dry =
        summaryOf({QStringLiteral("sync"), QStringLiteral("corp"), QStringLiteral("--type"), QStringLiteral("full"),
                   QStringLiteral("--dry-run"), QStringLiteral("--plan-out"), planFile},
                  0);
    QVERIFY(!dry.isEmpty());
    QVERIFY(dry.value(u"dry_run").toBool());
    QFile file(planFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject plan = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject planned = plan.value(u"entities").toObject();
    QVERIFY2(!planned.isEmpty(), "the plan lists no entity");
    qint64 changes = 0;
    for (auto it = planned.begin(); it != planned.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        const QJsonObject rows = entry.value(u"rows").toObject();
        QCOMPARE(rows.value(u"create").toArray().size(), entry.value(u"create").toInteger());
        QCOMPARE(rows.value(u"update").toArray().size(), entry.value(u"update").toInteger());
        QCOMPARE(rows.value(u"delete").toArray().size(), entry.value(u"delete").toInteger());
        changes += entry.value(u"create").toInteger() + entry.value(u"update").toInteger() +
                   entry.value(u"delete").toInteger();
    }
    QVERIFY2(changes > 0, "revision 2 changes nothing?");
    // Compound keys are arrays of their parts.
    const QJsonArray relations =
        planned.value(u"follow_relation").toObject().value(u"rows").toObject().value(u"create").toArray();
    if (!relations.isEmpty()) {
        QCOMPARE(relations.at(0).toArray().size(), 2);
    }

    const QString realFile = m_dir.filePath(QStringLiteral("done.json"));
    const QJsonObject real = summaryOf({QStringLiteral("sync"), QStringLiteral("corp"), QStringLiteral("--type"),
                                        QStringLiteral("full"), QStringLiteral("--plan-out"), realFile},
                                       0);
    QVERIFY(!real.isEmpty());
    QFile doneFile(realFile);
    QVERIFY(doneFile.open(QIODevice::ReadOnly));
    const QJsonObject done = QJsonDocument::fromJson(doneFile.readAll()).object().value(u"entities").toObject();
    QCOMPARE(done, planned);
    const QJsonObject entities = real.value(u"entities").toObject();
    for (auto it = planned.begin(); it != planned.end(); ++it) {
        const QJsonObject counts = entities.value(it.key()).toObject();
        QCOMPARE(counts.value(u"created").toInteger(), it.value().toObject().value(u"create").toInteger());
        QCOMPARE(counts.value(u"updated").toInteger(), it.value().toObject().value(u"update").toInteger());
        QCOMPARE(counts.value(u"deleted").toInteger(), it.value().toObject().value(u"delete").toInteger());
    }
}

void TestCliSync::failingPagesEndPartial()
{
    m_server->advanceTo(3);
    sandbox::Fault fault;
    fault.kind = sandbox::Fault::Kind::ErrorCode;
    fault.errcode = -1;
    fault.endpoint = "externalcontact/batch/get_by_user";
    m_server->addFault(fault);
    const QJsonObject summary = summaryOf(
        {QStringLiteral("sync"), QStringLiteral("corp"), QStringLiteral("--type"), QStringLiteral("customer")}, 3);
    m_server->clearFaults();
    QVERIFY(!summary.isEmpty());
    QCOMPARE(summary.value(u"status").toString(), QStringLiteral("partial"));
    QVERIFY(summary.value(u"error_count").toInteger() >= 1);
    // The tag step read its snapshot whole and may delete; the customer step deletes nothing.
    for (const char *entity : {"contact", "follow_relation", "contact_tag"}) {
        QCOMPARE(
            summary.value(u"entities").toObject().value(QLatin1String(entity)).toObject().value(u"deleted").toInteger(),
            0);
    }
    const QJsonArray errors = summary.value(u"errors").toArray();
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.at(0).toObject().value(u"errcode").toString(), QStringLiteral("-1"));

    // The next run finishes the job.
    const QJsonObject after = summaryOf(
        {QStringLiteral("sync"), QStringLiteral("corp"), QStringLiteral("--type"), QStringLiteral("customer")}, 0);
    QCOMPARE(after.value(u"status").toString(), QStringLiteral("success"));
}

void TestCliSync::disabledAndUnknownServices()
{
    QCOMPARE(
        run({QStringLiteral("sync"), QStringLiteral("nosuch"), QStringLiteral("--type"), QStringLiteral("full")}).code,
        4);
    QCOMPARE(run({QStringLiteral("service"), QStringLiteral("disable"), QStringLiteral("corp")}).code, 0);
    const test::CliRun disabled =
        run({QStringLiteral("sync"), QStringLiteral("corp"), QStringLiteral("--type"), QStringLiteral("user")});
    QCOMPARE(disabled.code, 4);
    QVERIFY2(disabled.err.contains(u"service enable"), qPrintable(disabled.err));
    QCOMPARE(run({QStringLiteral("service"), QStringLiteral("enable"), QStringLiteral("corp")}).code, 0);
}

void TestCliSync::sandboxSync()
{
    const QStringList args{QStringLiteral("sandbox"),       QStringLiteral("sync"),    QStringLiteral("--contacts"),
                           QStringLiteral("120"),           QStringLiteral("--staff"), QStringLiteral("20"),
                           QStringLiteral("--departments"), QStringLiteral("5"),       QStringLiteral("--service"),
                           QStringLiteral("try-me")};
    sandbox::CorpSpec spec;
    spec.seed = 1;
    spec.contacts = 120;
    spec.staff = 20;
    spec.departments = 5;
    const sandbox::CorpCredentials credentials = sandbox::SandboxCorp::generate(spec)->credentials();
    for (const auto &secret : {credentials.appSecret, credentials.contactsSecret, credentials.customerSecret}) {
        m_secrets << QString::fromStdString(secret);
    }
    const test::CliRun first = run(args);
    QVERIFY2(first.code == 0, qPrintable(first.out + first.err));
    QVERIFY2(first.out.contains(u"success"), qPrintable(first.out));
    const QJsonObject second = summaryOf(args, 0);
    QCOMPARE(second.value(u"counts").toObject().value(u"created").toInteger(), 0);
    QCOMPARE(second.value(u"entities").toObject().value(u"contact").toObject().value(u"unchanged").toInteger(), 120);
    const test::CliRun status = run({QStringLiteral("sync-status"), QStringLiteral("try-me")});
    QCOMPARE(status.code, 0);
    QVERIFY2(status.out.contains(u"ok"), qPrintable(status.out));
}

void TestCliSync::nothingLeaks()
{
    // The access tokens the sandbox issued: gettoken answers the same token until it expires.
    QStringList tokens;
    httplib::Client client(m_server->baseUrl());
    const auto &credentials = m_server->credentials();
    for (const auto &secret : {credentials.contactsSecret, credentials.customerSecret}) {
        const auto reply = client.Get("/cgi-bin/gettoken?corpid=" + credentials.corpId + "&corpsecret=" + secret);
        QVERIFY(reply);
        const QString token =
            QJsonDocument::fromJson(QByteArray::fromStdString(reply->body)).object().value(u"access_token").toString();
        QVERIFY(!token.isEmpty());
        tokens << token;
    }
    QStringList logs;
    {
        QMutexLocker lock(&g_logsMutex);
        logs = g_logs;
    }
    QVERIFY(!logs.isEmpty());
    const QByteArray database = m_database->dumpAll();
    QVERIFY(!database.isEmpty());
    QVERIFY2(database.contains(credentials.corpId.c_str()), "the dump does not even hold the corp ID");
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

QTEST_GUILESS_MAIN(TestCliSync)
#include "tst_cli_sync.moc"
