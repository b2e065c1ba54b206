// The WeCom client against the real sandbox over loopback, on every database dialect (the shared token cache lives
// in the database): a token revoked mid-way is refreshed once, not in a loop; a token error that persists is
// returned after exactly one refresh; tokens are shared with other processes through the database, and processes
// starting together call gettoken once between them; paging and a flaky sandbox.
//
// `--child URL PASSWORD API_BASE TENANT CORP_ID SECRET` plays another process: it builds a client on the same database,
// lists the departments and prints "ok <count>" (or the error) — what a cron run does beside the window.

#include "RunTask.h"
#include "TestDatabase.h"
#include "connectors/wecom/DatabaseTokenStore.h"
#include "connectors/wecom/WeComClient.h"
#include "db/Migrator.h"
#include "sandbox/SandboxServer.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTest>

#include <cstdio>

using namespace ic;
using namespace ic::connectors::wecom;
using namespace std::chrono_literals;

namespace {

net::HttpClientConfig clientConfig()
{
    net::HttpClientConfig config;
    config.tenantId = QStringLiteral("default");
    config.serviceType = QStringLiteral("wecom");
    config.timeout = 10s;
    config.retry.baseDelay = 10ms;
    config.retry.maxDelay = 40ms;
    config.retry.rateLimitFloor = 50ms;
    config.retry.maxAttempts = 6;
    config.errcodeReader = readWeComBody;
    return config;
}

/// The other process: one client on the database given, one call.
int runChild(const QStringList &args)
{
    auto url = db::DatabaseUrl::parse(args.at(0));
    if (!url) {
        std::printf("bad url\n");
        return 2;
    }
    auto database = db::Database::open(url.value(), args.at(1));
    if (!database) {
        std::printf("%s\n", qPrintable(database.error().toDisplayString()));
        return 2;
    }
    QNetworkAccessManager network;
    net::HttpClient http(&network, clientConfig(), net::Redactor(), nullptr);
    WeComAccount account{args.at(3), args.at(2), args.at(4), std::nullopt, {{SecretKind::Contacts, args.at(5)}}};
    WeComClient client(http, account, std::make_shared<DatabaseTokenStore>(*database.value()), url.value().identity());
    auto departments = test::runTask(client.departments());
    if (!departments || !departments.value()) {
        std::printf("error %s\n", departments ? qPrintable(departments->error().toDisplayString()) : "timeout");
        return 1;
    }
    std::printf("ok %lld\n", static_cast<long long>(departments->value().size()));
    return 0;
}

} // namespace

class TestWeComClientSandbox : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void revokedTokenIsRefreshedOnce();
    void persistentTokenErrorIsNotALoop();
    void tokenIsSharedWithAnotherProcess();
    void processesStartingTogetherShareOneGettoken();
    void pagingReadsEverything();
    void flakySandboxStillCompletes();

private:
    /// A client for the sandbox in a tenant of its own, so tests do not share tokens (the token key holds the
    /// tenant).
    std::unique_ptr<WeComClient> client(const QString &tenant);
    std::int64_t calls(const std::string &path) const;
    QProcess *startChild(const QString &tenant);

    std::unique_ptr<test::TestDatabase> m_database;
    std::unique_ptr<db::Database> m_db;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<net::HttpClient> m_http;
    QString m_base;
};

void TestWeComClientSandbox::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_database = std::move(database);
    auto opened = m_database->open();
    QVERIFY(opened);
    m_db = std::move(opened).value();
    QVERIFY(db::Migrator::migrate(*m_db));

    sandbox::CorpSpec spec;
    spec.seed = 11;
    spec.departments = 20;
    spec.staff = 150;
    spec.contacts = 400;
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(spec));
    std::string error;
    QVERIFY2(m_server->start(&error), error.c_str());
    m_base = QString::fromStdString(m_server->baseUrl());
    m_http = std::make_unique<net::HttpClient>(&m_network, clientConfig(), net::Redactor(), nullptr);
}

void TestWeComClientSandbox::cleanupTestCase()
{
    m_http.reset();
    if (m_server) {
        m_server->stop();
    }
}

void TestWeComClientSandbox::init()
{
    m_server->clearFaults();
    m_server->resetCounters();
}

std::unique_ptr<WeComClient> TestWeComClientSandbox::client(const QString &tenant)
{
    const auto &credentials = m_server->credentials();
    WeComAccount account{tenant,
                         m_base,
                         QString::fromStdString(credentials.corpId),
                         std::nullopt,
                         {{SecretKind::Contacts, QString::fromStdString(credentials.contactsSecret)},
                          {SecretKind::Customer, QString::fromStdString(credentials.customerSecret)}}};
    return std::make_unique<WeComClient>(*m_http, account, std::make_shared<DatabaseTokenStore>(*m_db),
                                         m_database->url().identity());
}

std::int64_t TestWeComClientSandbox::calls(const std::string &path) const
{
    const auto counts = m_server->callCounts();
    const auto it = counts.find(path);
    return it == counts.end() ? 0 : it->second;
}

void TestWeComClientSandbox::revokedTokenIsRefreshedOnce()
{
    auto wecom = client(QStringLiteral("revoked"));
    IC_AWAIT(first, wecom->departments());
    QVERIFY2(first, first ? "" : qPrintable(first.error().toDisplayString()));
    QCOMPARE(calls("cgi-bin/gettoken"), 1);

    m_server->revokeTokens(42001);
    IC_AWAIT(second, wecom->departments());
    QVERIFY2(second, second ? "" : qPrintable(second.error().toDisplayString()));
    QCOMPARE(second.value().size(), first.value().size());
    // One refresh, one repeat: two gettoken calls in all, three department/list calls.
    QCOMPARE(calls("cgi-bin/gettoken"), 2);
    QCOMPARE(calls("cgi-bin/department/list"), 3);
    QCOMPARE(wecom->tokenStats().invalidated, 1);

    // The fresh token is used from now on, with no more refreshes.
    IC_AWAIT(third, wecom->departments());
    QVERIFY(third);
    QCOMPARE(calls("cgi-bin/gettoken"), 2);
}

void TestWeComClientSandbox::persistentTokenErrorIsNotALoop()
{
    auto wecom = client(QStringLiteral("persistent"));
    IC_AWAIT(warm, wecom->departments());
    QVERIFY(warm);
    m_server->resetCounters();
    std::string error;
    auto fault = sandbox::Fault::parse("errcode=40014,endpoint=department/list", &error);
    QVERIFY2(fault, error.c_str());
    m_server->addFault(*fault);

    IC_AWAIT(failed, wecom->departments());
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, ErrorCode::Credential);
    QVERIFY(failed.error().detail.contains(u"40014"));
    // Exactly: the call, one refresh, one repeat. Never a loop.
    QCOMPARE(calls("cgi-bin/department/list"), 2);
    QCOMPARE(calls("cgi-bin/gettoken"), 1);
}

QProcess *TestWeComClientSandbox::startChild(const QString &tenant)
{
    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(QCoreApplication::applicationFilePath(),
                   {QStringLiteral("--child"), m_database->url().toString(), m_database->password(), m_base, tenant,
                    QString::fromStdString(m_server->credentials().corpId),
                    QString::fromStdString(m_server->credentials().contactsSecret)});
    return process;
}

void TestWeComClientSandbox::tokenIsSharedWithAnotherProcess()
{
    auto wecom = client(QStringLiteral("shared"));
    IC_AWAIT(token, wecom->accessToken(SecretKind::Contacts));
    QVERIFY(token);
    QCOMPARE(calls("cgi-bin/gettoken"), 1);

    // Another process on the same database: its memory is empty, the database has the sealed token.
    QProcess *child = startChild(QStringLiteral("shared"));
    QVERIFY(child->waitForFinished(60000));
    const QByteArray said = child->readAllStandardOutput().trimmed();
    QVERIFY2(said.startsWith("ok "), said.constData());
    QCOMPARE(child->exitCode(), 0);
    QCOMPARE(calls("cgi-bin/gettoken"), 1);
    QCOMPARE(calls("cgi-bin/department/list"), 1);
}

void TestWeComClientSandbox::processesStartingTogetherShareOneGettoken()
{
    // gettoken answers slowly, so all three processes find the cache empty and meet at the refresh lock.
    std::string error;
    auto slow = sandbox::Fault::parse("latency=400,endpoint=gettoken", &error);
    QVERIFY2(slow, error.c_str());
    m_server->addFault(*slow);
    QList<QProcess *> children;
    for (int i = 0; i < 3; ++i) {
        children << startChild(QStringLiteral("together"));
    }
    for (QProcess *child : std::as_const(children)) {
        QVERIFY(child->waitForFinished(60000));
        const QByteArray said = child->readAllStandardOutput().trimmed();
        QVERIFY2(said.startsWith("ok "), said.constData());
    }
    QCOMPARE(calls("cgi-bin/gettoken"), 1);
    QCOMPARE(calls("cgi-bin/department/list"), 3);
}

void TestWeComClientSandbox::pagingReadsEverything()
{
    auto wecom = client(QStringLiteral("paging"));
    IC_AWAIT(ids, wecom->allUserIds());
    QVERIFY(ids);
    std::size_t staff = 0;
    std::vector<std::string> followers;
    std::string busiest;
    std::size_t most = 0;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        staff = corp.staff().size();
        followers = corp.followUsers();
        for (const auto &contact : corp.contacts()) {
            if (contact.follows.size() > most) {
                most = contact.follows.size();
                busiest = contact.externalUserid;
            }
        }
    });
    // user/list_id lists one row per member and department.
    QSet<QString> distinct;
    for (const UserDepartment &entry : ids.value()) {
        distinct.insert(entry.userid);
    }
    QCOMPARE(std::size_t(distinct.size()), staff);

    // batch/get_by_user, page by page, for the first hundred followers.
    QStringList first;
    for (std::size_t i = 0; i < followers.size() && i < 100; ++i) {
        first << QString::fromStdString(followers[i]);
    }
    QString cursor;
    int pages = 0;
    qsizetype pairs = 0;
    do {
        IC_AWAIT(page, wecom->externalContactsByUserPage(first, cursor, 37));
        QVERIFY2(page, page ? "" : qPrintable(page.error().toDisplayString()));
        pairs += page.value().items.size();
        cursor = page.value().nextCursor;
        ++pages;
    } while (!cursor.isEmpty() && pages < 1000);
    QVERIFY(pages > 1);
    qsizetype expected = 0;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const QString &userid : std::as_const(first)) {
            expected += qsizetype(corp.followedBy(userid.toStdString()).size());
        }
    });
    QCOMPARE(pairs, expected);

    // One customer with all its followers.
    IC_AWAIT(detail, wecom->externalContact(QString::fromStdString(busiest)));
    QVERIFY(detail);
    QCOMPARE(std::size_t(detail.value().followUsers.size()), most);
}

void TestWeComClientSandbox::flakySandboxStillCompletes()
{
    std::string error;
    for (const char *spec : {"errcode=-1,rate=0.1", "http=502,rate=0.1", "errcode=45009,count=4"}) {
        auto fault = sandbox::Fault::parse(spec, &error);
        QVERIFY2(fault, error.c_str());
        m_server->addFault(*fault);
    }
    auto wecom = client(QStringLiteral("flaky"));
    for (int i = 0; i < 20; ++i) {
        IC_AWAIT(departments, wecom->departments());
        QVERIFY2(departments, departments ? "" : qPrintable(departments.error().toDisplayString()));
        IC_AWAIT(tags, wecom->corpTags());
        QVERIFY2(tags, tags ? "" : qPrintable(tags.error().toDisplayString()));
    }
    std::int64_t wire = 0;
    for (const auto &[path, count] : m_server->callCounts()) {
        wire += count;
    }
    QVERIFY2(wire > 41, qPrintable(QString::number(wire))); // the faults happened and were retried
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() == 8 && args.at(1) == u"--child") {
        return runChild(args.mid(2));
    }
    TestWeComClientSandbox test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_wecomclient_sandbox.moc"
