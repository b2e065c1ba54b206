// Sync engine speed and memory against the in-process sandbox, for the targets of the sync issue:
//
//  1. throughput (sandbox without injected latency, sandbox rate limits off, the service's client limits raised to
//     rate_per_second = rate_burst = 10000): a `full` sync into an empty database, an incremental re-sync with no
//     changes, and the "limit" measured in the same process: (a) fetching the same pages with the same number of lanes
//     through the same WeComClient and nothing else (department list, user/list per department, corp tags, follower
//     list, every batch/get_by_user page of the same follower batches), (b) writing the same rows (read back from the
//     synced database) into an empty copy of the schema with SyncStore::write(), all entities in one transaction; the
//     faster of two such writes, because the same write takes 2.6 s or 3.4 s from run to run on SQLite (most likely
//     the file system still writing back what the syncs wrote), and a limit is the best the machine does.
//  2. latency (20 ms injected per request by the sandbox's Latency fault): the sync with its lanes against fetching
//     the same pages one request at a time.
//  3. peak memory: the sync in a child process per corp size (this binary re-executed with --memory N), so peaks do
//     not mix; the child reports its resident set after the corp was generated and served, and the peak during the
//     sync alone (VmHWM reset through /proc/self/clear_refs before it starts).
//
// Without arguments (as ctest runs it) the sizes are a smoke test: 2,000 contacts, 1,000 for the latency part. The
// argument "full" (or IC_BENCH_CONTACTS / IC_BENCH_LATENCY_CONTACTS) selects the issue's sizes: 100,000 contacts
// (2,000 staff, 300 departments) and 10,000 contacts (same staff and departments) for the latency part and the
// second memory figure. IC_TEST_DB=postgresql / mysql runs part 1 against the servers of scripts/test-servers.sh;
// IC_BENCH_PARTS=sync,latency,memory chooses the parts (default: all on SQLite, "sync" on the servers).
//
// Prints the figures and a table with the targets; exits non-zero only when a sync or a fetch fails or the sync's
// counts do not match the corp, never on speed.

#include "RunTask.h"
#include "TestDatabase.h"
#include "connectors/wecom/WeComSession.h"
#include "connectors/wecom/WeComSync.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "db/Repositories.h"
#include "db/SyncStore.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"
#include "services/ServiceTypeRegistry.h"
#include "sync/SyncRunner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

using namespace ic;

namespace {

const QString tenant = QStringLiteral("default");
const QString serviceName = QStringLiteral("bench");
constexpr int latencyMs = 20;

int envInt(const char *name, int fallback);

/// Requests in flight: the service's max_in_flight, which the sync uses as its number of lanes, and the limit's too.
/// 8 (the product's default) unless IC_BENCH_LANES says otherwise.
const int lanes = envInt("IC_BENCH_LANES", 8);

int envInt(const char *name, int fallback)
{
    const char *value = std::getenv(name);
    return value && std::atoi(value) > 0 ? std::atoi(value) : fallback;
}

long long procStatusKiB(const char *field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(field) + ':';
    while (std::getline(status, line)) {
        if (line.rfind(prefix, 0) == 0) {
            return std::atoll(line.c_str() + prefix.size());
        }
    }
    return -1;
}

/// Resets VmHWM to the current resident set (Linux >= 4.0); false when the kernel refuses.
bool resetPeakRss()
{
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    return bool(clear);
}

sandbox::CorpSpec specFor(int contacts)
{
    sandbox::CorpSpec spec;
    spec.contacts = contacts;
    // The issue's corp: about 2,000 staff in 300 departments; small smoke corps scale down.
    spec.staff = contacts >= 10000 ? 2000 : std::max(20, contacts / 10);
    spec.departments = contacts >= 10000 ? 300 : std::max(5, contacts / 70);
    return spec;
}

bool fail(const QString &what)
{
    std::printf("FAIL: %s\n", qPrintable(what));
    std::fflush(stdout);
    return false;
}

/// A sandbox corp served on loopback and a database with a WeCom service configured for it.
struct Setup {
    std::unique_ptr<sandbox::SandboxServer> server;
    std::unique_ptr<test::TestDatabase> database;
    std::unique_ptr<db::Database> db;
    std::unique_ptr<secrets::SecretStore> secrets;
    db::ServiceConfigRecord service;
    QMap<QString, QString> secretValues;
    qint64 contacts = 0;
    qint64 pairs = 0;
};

/// A fresh, migrated database on the dialect of IC_TEST_DB.
bool openDatabase(std::unique_ptr<test::TestDatabase> &database, std::unique_ptr<db::Database> &db)
{
    QString whyNot;
    database = test::TestDatabase::create(&whyNot);
    if (!database) {
        return fail(QStringLiteral("no database: ") + whyNot);
    }
    auto opened = database->open();
    if (!opened) {
        return fail(opened.error().toDisplayString());
    }
    db = std::move(opened).value();
    if (auto migrated = db::Migrator::migrate(*db); !migrated) {
        return fail(migrated.error().toDisplayString());
    }
    return true;
}

bool setUp(Setup &s, int contacts, std::vector<sandbox::Fault> faults = {})
{
    sandbox::ServerOptions options;
    // The corp's own per-minute limits would block a bench that runs several syncs a minute; they are WeCom's, not
    // the engine's.
    options.limits.perCorpApiPerMinute = 0;
    options.limits.perCorpApiPerHour = 0;
    options.limits.perIpApiPerMinute = 0;
    options.limits.perIpApiPerHour = 0;
    options.faults = std::move(faults);
    s.server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(specFor(contacts)), options);
    std::string error;
    if (!s.server->start(&error)) {
        return fail(QString::fromStdString(error));
    }
    s.server->withCorp([&](const sandbox::SandboxCorp &corp) {
        s.contacts = qint64(corp.contacts().size());
        for (const auto &contact : corp.contacts()) {
            s.pairs += qint64(contact.follows.size());
        }
    });
    if (!openDatabase(s.database, s.db)) {
        return false;
    }
    s.secrets = secrets::makeMemorySecretStore();
    services::ServiceConfigService services(*s.db, *s.secrets, tenant);
    const sandbox::CorpCredentials &credentials = s.server->credentials();
    const QMap<QString, QString> values{{QStringLiteral("corp_id"), QString::fromStdString(credentials.corpId)},
                                        {QStringLiteral("agent_id"), QString::number(credentials.agentId)},
                                        {QStringLiteral("api_base"), QString::fromStdString(s.server->baseUrl())},
                                        {QStringLiteral("rate_per_second"), QStringLiteral("10000")},
                                        {QStringLiteral("rate_burst"), QStringLiteral("10000")},
                                        {QStringLiteral("max_in_flight"), QString::number(lanes)}};
    auto added = services.add(QStringLiteral("wecom"), serviceName, values);
    if (!added) {
        return fail(added.error().toDisplayString());
    }
    s.secretValues = {{QStringLiteral("corp_secret"), QString::fromStdString(credentials.appSecret)},
                      {QStringLiteral("contacts_secret"), QString::fromStdString(credentials.contactsSecret)},
                      {QStringLiteral("customer_secret"), QString::fromStdString(credentials.customerSecret)}};
    for (auto it = s.secretValues.cbegin(); it != s.secretValues.cend(); ++it) {
        auto stored = test::runTask(services.setSecret(serviceName, it.key(), it.value()));
        if (!stored || !stored.value()) {
            return fail(QStringLiteral("cannot store the secret ") + it.key());
        }
    }
    auto record = services.get(serviceName);
    if (!record) {
        return fail(record.error().toDisplayString());
    }
    s.service = record.value();
    return true;
}

struct Timed {
    double seconds = 0;
    sync::SyncReport report;
};

std::optional<Timed> runSync(Setup &s, sync::SyncMode mode)
{
    sync::SyncRunner runner(*s.db, s.database->password(), *s.secrets, tenant,
                            services::ServiceTypeRegistry::builtin());
    sync::SyncOptions options;
    options.syncType = QStringLiteral("full");
    options.mode = mode;
    options.concurrency = lanes;
    QElapsedTimer timer;
    timer.start();
    auto ran = test::runTask(runner.run(serviceName, options), std::chrono::minutes(20));
    Timed timed;
    timed.seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!ran) {
        fail(QStringLiteral("the sync did not finish in 20 minutes"));
        return std::nullopt;
    }
    if (!ran.value()) {
        fail(ran.value().error().toDisplayString());
        return std::nullopt;
    }
    timed.report = ran.value().value();
    if (timed.report.status != db::SyncRunStatus::Success) {
        fail(QStringLiteral("the sync ended %1: %2")
                 .arg(db::syncRunStatusName(timed.report.status), timed.report.errorSummary));
        return std::nullopt;
    }
    return timed;
}

db::SyncCounts countsOf(const sync::SyncReport &report, db::SyncEntity entity)
{
    for (const auto &[counted, counts] : report.counts) {
        if (counted == entity) {
            return counts;
        }
    }
    return {};
}

struct Fetched {
    double seconds = 0;
    qint64 requests = 0;
    qint64 pages = 0; ///< batch/get_by_user pages
    qint64 pairs = 0;
};

/// Every page of batch/get_by_user for one batch of followers: (pages, pairs), or nothing when a page failed.
QCoro::Task<std::optional<std::pair<qint64, qint64>>> readBatch(connectors::wecom::WeComClient &client,
                                                                QStringList followers)
{
    qint64 pages = 0;
    qint64 pairs = 0;
    QString cursor;
    while (true) {
        Result<connectors::wecom::ContactFollowPage> page =
            co_await client.externalContactsByUserPage(followers, cursor, connectors::wecom::BatchGetByUserMaxLimit);
        ++pages;
        if (!page) {
            co_return std::nullopt;
        }
        pairs += page.value().items.size();
        cursor = page.value().nextCursor;
        if (cursor.isEmpty()) {
            break;
        }
    }
    co_return std::pair{pages, pairs};
}

/// Every request a full sync makes, in the same order and with `laneCount` lanes where the sync has lanes; the
/// answers are parsed by the client (as the sync's are) and then dropped.
QCoro::Task<std::optional<Fetched>> fetchAll(connectors::wecom::WeComClient &client, int laneCount)
{
    Fetched fetched;
    bool ok = true;
    QElapsedTimer timer;
    timer.start();

    auto departments = co_await client.departments();
    ++fetched.requests;
    if (!departments) {
        co_return std::nullopt;
    }
    QList<qint64> ids;
    for (const auto &department : std::as_const(departments.value())) {
        ids.append(department.id);
    }
    std::sort(ids.begin(), ids.end());
    qsizetype nextDepartment = 0;
    auto userLane = [&]() -> QCoro::Task<void> {
        while (nextDepartment < ids.size()) {
            const qint64 id = ids.at(nextDepartment++);
            auto users = co_await client.usersOfDepartment(id);
            ++fetched.requests;
            ok = ok && bool(users);
        }
    };
    std::vector<QCoro::Task<void>> running;
    for (int i = 0; i < laneCount; ++i) {
        running.push_back(userLane());
    }
    for (auto &lane : running) {
        co_await lane;
    }
    running.clear();

    auto tags = co_await client.corpTags();
    ++fetched.requests;
    auto followers = co_await client.followUsers();
    ++fetched.requests;
    if (!ok || !tags || !followers) {
        co_return std::nullopt;
    }
    QStringList sorted = followers.value();
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    // The sync's batches (cut for its lanes), whatever laneCount this fetch uses: the same pages.
    const std::vector<QStringList> batches = connectors::wecom::customerFollowerBatches(sorted, lanes);
    std::size_t nextBatch = 0;
    auto customerLane = [&]() -> QCoro::Task<void> {
        while (nextBatch < batches.size() && ok) {
            const std::optional<std::pair<qint64, qint64>> read = co_await readBatch(client, batches[nextBatch++]);
            if (!read) {
                ok = false;
                break;
            }
            fetched.requests += read->first;
            fetched.pages += read->first;
            fetched.pairs += read->second;
        }
    };
    for (int i = 0; i < std::min<int>(laneCount, int(std::max<std::size_t>(batches.size(), 1))); ++i) {
        running.push_back(customerLane());
    }
    for (auto &lane : running) {
        co_await lane;
    }
    fetched.seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!ok) {
        co_return std::nullopt;
    }
    co_return fetched;
}

/// (a): the fetch alone, through a session built like the sync's (the same HTTP client settings), without a call log.
std::optional<Fetched> fetchOnly(Setup &s, int laneCount)
{
    QNetworkAccessManager network;
    connectors::wecom::SessionInputs inputs;
    inputs.service = &s.service;
    inputs.secrets = s.secretValues;
    inputs.network = &network;
    auto session = connectors::wecom::WeComSession::open(inputs);
    if (!session) {
        fail(session.error().toDisplayString());
        return std::nullopt;
    }
    // A first call gets the tokens, as the sync's run finds them cached from the run before.
    auto warm = test::runTask(session.value()->client().followUsers());
    if (!warm || !warm.value()) {
        fail(QStringLiteral("cannot reach the sandbox"));
        return std::nullopt;
    }
    auto customerToken = test::runTask(session.value()->client().departments());
    if (!customerToken || !customerToken.value()) {
        fail(QStringLiteral("cannot reach the sandbox"));
        return std::nullopt;
    }
    auto fetched = test::runTask(fetchAll(session.value()->client(), laneCount), std::chrono::minutes(20));
    if (!fetched || !fetched.value()) {
        fail(QStringLiteral("the fetch failed"));
        return std::nullopt;
    }
    return fetched.value();
}

/// (b): the synced rows written into an empty copy of the schema, every entity in one transaction.
std::optional<double> insertOnly(Setup &s, qint64 *rowCount)
{
    std::map<db::SyncEntity, db::SyncWriteBatch> batches;
    db::SyncStore source(*s.db, tenant, s.service.id);
    *rowCount = 0;
    for (db::SyncEntity entity : db::syncEntities()) {
        db::SyncWriteBatch &batch = batches[entity];
        batch.entity = entity;
        const Status read = source.forEachLiveRow(entity, [&](const db::SyncRow &row, qint64) {
            batch.upserts.append(row);
            return true;
        });
        if (!read) {
            fail(read.error().toDisplayString());
            return std::nullopt;
        }
        *rowCount += batch.upserts.size();
    }
    std::unique_ptr<test::TestDatabase> database;
    std::unique_ptr<db::Database> fresh;
    if (!openDatabase(database, fresh)) {
        return std::nullopt;
    }
    auto memory = secrets::makeMemorySecretStore();
    services::ServiceConfigService services(*fresh, *memory, tenant);
    QMap<QString, QString> values;
    for (auto it = s.service.settings.begin(); it != s.service.settings.end(); ++it) {
        values.insert(it.key(), it.value().toVariant().toString());
    }
    auto added = services.add(QStringLiteral("wecom"), serviceName, values);
    if (!added) {
        fail(added.error().toDisplayString());
        return std::nullopt;
    }
    db::SyncStore store(*fresh, tenant, added.value().id);
    QElapsedTimer timer;
    timer.start();
    const Status written = fresh->transaction([&]() -> Status {
        for (const auto &[entity, batch] : batches) {
            if (Status one = store.write(batch, 0); !one) {
                return one;
            }
        }
        return {};
    });
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!written) {
        fail(written.error().toDisplayString());
        return std::nullopt;
    }
    return seconds;
}

// ---- the report ----

struct Line {
    QString figure;
    QString value;
    QString target;
    QString verdict;
};
QList<Line> table;

void add(const QString &figure, const QString &value, const QString &target = {}, std::optional<bool> met = {})
{
    table.append({figure, value, target, met ? (*met ? QStringLiteral("met") : QStringLiteral("MISSED")) : QString()});
}

QString secs(double seconds)
{
    return QString::number(seconds, 'f', 2) + QStringLiteral(" s");
}

QString ratio(double value)
{
    return QString::number(value, 'f', 2) + QStringLiteral("x");
}

QString mib(long long kib)
{
    return QString::number(double(kib) / 1024.0, 'f', 1) + QStringLiteral(" MiB");
}

void printTable()
{
    int widths[3] = {6, 5, 6};
    for (const Line &line : std::as_const(table)) {
        widths[0] = std::max<int>(widths[0], int(line.figure.size()));
        widths[1] = std::max<int>(widths[1], int(line.value.size()));
        widths[2] = std::max<int>(widths[2], int(line.target.size()));
    }
    const auto row = [&](const QString &a, const QString &b, const QString &c, const QString &d) {
        std::printf("| %s | %s | %s | %s |\n", qPrintable(a.leftJustified(widths[0])),
                    qPrintable(b.rightJustified(widths[1])), qPrintable(c.leftJustified(widths[2])),
                    qPrintable(d.leftJustified(6)));
    };
    std::printf("\n");
    row(QStringLiteral("figure"), QStringLiteral("value"), QStringLiteral("target"), QStringLiteral("result"));
    row(QString(widths[0], u'-'), QString(widths[1], u'-'), QString(widths[2], u'-'), QString(6, u'-'));
    for (const Line &line : std::as_const(table)) {
        row(line.figure, line.value, line.target, line.verdict);
    }
    std::fflush(stdout);
}

QString dialectName()
{
    const QByteArray name = qgetenv("IC_TEST_DB");
    return name.isEmpty() ? QStringLiteral("sqlite") : QString::fromLatin1(name);
}

// ---- the parts ----

bool throughputPart(int contacts)
{
    Setup s;
    if (!setUp(s, contacts)) {
        return false;
    }
    const sandbox::CorpSpec spec = specFor(contacts);
    std::printf("== throughput: %lld contacts (%lld follow relations), %d staff, %d departments, %d lanes, %s\n",
                static_cast<long long>(s.contacts), static_cast<long long>(s.pairs), spec.staff, spec.departments,
                lanes, qPrintable(dialectName()));
    std::fflush(stdout);

    s.server->resetCounters();
    const auto full = runSync(s, sync::SyncMode::Incremental);
    if (!full) {
        return false;
    }
    const auto syncPages = s.server->callCounts()["cgi-bin/externalcontact/batch/get_by_user"];
    const db::SyncCounts contactCounts = countsOf(full->report, db::SyncEntity::Contact);
    const db::SyncCounts followCounts = countsOf(full->report, db::SyncEntity::FollowRelation);
    std::printf("full sync (empty database):      %8.2f s  (%lld rows written, %lld get_by_user pages)\n",
                full->seconds, static_cast<long long>(full->report.total.created), static_cast<long long>(syncPages));
    if (contactCounts.created != s.contacts || followCounts.created != s.pairs) {
        return fail(QStringLiteral("the sync created %1 contacts and %2 follow relations; the corp has %3 and %4")
                        .arg(contactCounts.created)
                        .arg(followCounts.created)
                        .arg(s.contacts)
                        .arg(s.pairs));
    }
    std::fflush(stdout);

    const auto again = runSync(s, sync::SyncMode::Incremental);
    if (!again) {
        return false;
    }
    const db::SyncCounts &total = again->report.total;
    std::printf("incremental re-sync, no changes: %8.2f s  (%lld unchanged, %lld written)\n", again->seconds,
                static_cast<long long>(total.unchanged),
                static_cast<long long>(total.created + total.updated + total.deleted));
    if (total.created + total.updated + total.deleted != 0) {
        return fail(QStringLiteral("the re-sync of an unchanged corp changed rows"));
    }
    std::fflush(stdout);

    s.server->resetCounters();
    const auto fetched = fetchOnly(s, lanes);
    if (!fetched) {
        return false;
    }
    std::printf("(a) fetch only, %d lanes:         %8.2f s  (%lld requests, %lld get_by_user pages, %lld pairs)\n",
                lanes, fetched->seconds, static_cast<long long>(fetched->requests),
                static_cast<long long>(fetched->pages), static_cast<long long>(fetched->pairs));
    if (fetched->pages != syncPages || fetched->pairs != s.pairs) {
        return fail(QStringLiteral("the fetch read %1 pages and %2 pairs; the sync %3 pages of %4 pairs")
                        .arg(fetched->pages)
                        .arg(fetched->pairs)
                        .arg(syncPages)
                        .arg(s.pairs));
    }
    qint64 rows = 0;
    const auto firstInsert = insertOnly(s, &rows);
    const auto secondInsert = firstInsert ? insertOnly(s, &rows) : std::nullopt;
    if (!secondInsert) {
        return false;
    }
    const double inserted = std::min(*firstInsert, *secondInsert);
    std::printf("(b) insert only, one transaction: %7.2f s  (%lld rows; the faster of %.2f s and %.2f s)\n", inserted,
                static_cast<long long>(rows), *firstInsert, *secondInsert);
    const double limit = fetched->seconds + inserted;
    std::printf("limit (a+b):                     %8.2f s\n", limit);
    std::fflush(stdout);

    const QString size = QString::number(s.contacts) + QStringLiteral(" contacts, ") + dialectName();
    const bool sqlite = dialectName() == u"sqlite";
    const bool issueSize = s.contacts >= 100000;
    const auto judged = [&](bool met) { return issueSize ? std::optional<bool>(met) : std::nullopt; };
    add(QStringLiteral("full sync (") + size + u')', secs(full->seconds),
        sqlite ? QStringLiteral("< 15 s") : QStringLiteral("< 45 s"), judged(full->seconds < (sqlite ? 15.0 : 45.0)));
    add(QStringLiteral("incremental re-sync, no changes"), secs(again->seconds), QStringLiteral("< half of full"),
        judged(again->seconds < full->seconds / 2));
    add(QStringLiteral("(a) fetch only, same pages and lanes"), secs(fetched->seconds));
    add(QStringLiteral("(b) insert only, one transaction"), secs(inserted));
    add(QStringLiteral("full / (a+b)"), ratio(full->seconds / limit), QStringLiteral("<= 2x"),
        judged(full->seconds <= 2 * limit));
    add(QStringLiteral("incremental / (a+b)"), ratio(again->seconds / limit));
    s.server->stop();
    return true;
}

bool latencyPart(int contacts)
{
    sandbox::Fault latency;
    latency.kind = sandbox::Fault::Kind::Latency;
    latency.latencyMs = latencyMs;
    Setup s;
    if (!setUp(s, contacts, {latency})) {
        return false;
    }
    const sandbox::CorpSpec spec = specFor(contacts);
    std::printf("== latency %d ms per request: %lld contacts (%lld follow relations), %d staff, %d departments\n",
                latencyMs, static_cast<long long>(s.contacts), static_cast<long long>(s.pairs), spec.staff,
                spec.departments);
    std::fflush(stdout);
    const auto synced = runSync(s, sync::SyncMode::Incremental);
    if (!synced) {
        return false;
    }
    std::printf("full sync, %d lanes:              %8.2f s\n", lanes, synced->seconds);
    std::fflush(stdout);
    const auto parallel = fetchOnly(s, lanes);
    if (!parallel) {
        return false;
    }
    std::printf("fetch only, %d lanes:             %8.2f s  (%lld requests)\n", lanes, parallel->seconds,
                static_cast<long long>(parallel->requests));
    std::fflush(stdout);
    const auto serial = fetchOnly(s, 1);
    if (!serial) {
        return false;
    }
    std::printf("fetch only, one at a time:        %8.2f s  (%lld requests)\n", serial->seconds,
                static_cast<long long>(serial->requests));
    std::fflush(stdout);
    const QString size = QString::number(s.contacts) + QStringLiteral(" contacts, ") + QString::number(latencyMs) +
                         QStringLiteral(" ms");
    const bool issueSize = s.contacts >= 10000;
    add(QStringLiteral("full sync, %1 lanes (").arg(lanes) + size + u')', secs(synced->seconds));
    add(QStringLiteral("fetch only, %1 lanes").arg(lanes), secs(parallel->seconds));
    add(QStringLiteral("fetch only, one request at a time"), secs(serial->seconds));
    add(QStringLiteral("one at a time / sync"), ratio(serial->seconds / synced->seconds), QStringLiteral(">= 6x"),
        issueSize ? std::optional<bool>(serial->seconds >= 6 * synced->seconds) : std::nullopt);
    s.server->stop();
    return true;
}

/// The child of the memory part: one full sync of `contacts` into SQLite; prints a MEMORY line.
int memoryChild(int contacts)
{
    Setup s;
    if (!setUp(s, contacts)) {
        return 1;
    }
    const long long setupPeak = procStatusKiB("VmHWM");
    const long long before = procStatusKiB("VmRSS");
    const bool reset = resetPeakRss();
    const auto synced = runSync(s, sync::SyncMode::Incremental);
    if (!synced) {
        return 1;
    }
    const long long peak = procStatusKiB("VmHWM");
    s.server->stop();
    std::printf("MEMORY contacts=%lld setup_peak=%lld before=%lld sync_peak=%lld reset=%d seconds=%.2f\n",
                static_cast<long long>(s.contacts), setupPeak, before, peak, reset ? 1 : 0, synced->seconds);
    std::fflush(stdout);
    return 0;
}

struct Memory {
    long long setupPeak = 0;
    long long before = 0;
    long long syncPeak = 0;
    bool reset = false;
};

std::optional<Memory> measureMemory(int contacts)
{
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("IC_TEST_DB"), QStringLiteral("sqlite"));
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--memory"), QString::number(contacts)});
    if (!child.waitForFinished(20 * 60 * 1000) || child.exitCode() != 0) {
        fail(QStringLiteral("the memory child for %1 contacts failed: ").arg(contacts) +
             QString::fromUtf8(child.readAllStandardOutput()));
        return std::nullopt;
    }
    const QString output = QString::fromUtf8(child.readAllStandardOutput());
    static const QRegularExpression pattern(
        QStringLiteral(R"(MEMORY contacts=\d+ setup_peak=(\d+) before=(\d+) sync_peak=(\d+) reset=(\d))"));
    const QRegularExpressionMatch match = pattern.match(output);
    if (!match.hasMatch()) {
        fail(QStringLiteral("unexpected output of the memory child: ") + output);
        return std::nullopt;
    }
    Memory memory;
    memory.setupPeak = match.captured(1).toLongLong();
    memory.before = match.captured(2).toLongLong();
    memory.syncPeak = match.captured(3).toLongLong();
    memory.reset = match.captured(4) == u"1";
    std::printf("%s", qPrintable(output));
    std::fflush(stdout);
    return memory;
}

bool memoryPart(int large, int small)
{
    std::printf("== peak memory (VmHWM), one child process per size, SQLite\n");
    std::fflush(stdout);
    const auto big = measureMemory(large);
    const auto little = big ? measureMemory(small) : std::nullopt;
    if (!big || !little) {
        return false;
    }
    const bool issueSize = large >= 100000;
    for (const auto &[contacts, memory] : {std::pair{large, *big}, std::pair{small, *little}}) {
        const long long total = std::max(memory.setupPeak, memory.syncPeak);
        add(QStringLiteral("peak RSS, whole process (%1 contacts)").arg(contacts), mib(total));
        add(QStringLiteral("  RSS of the served corp before the sync"), mib(memory.before));
        add(QStringLiteral("  peak during the sync") + (memory.reset ? QString() : QStringLiteral(" (no reset)")),
            mib(memory.syncPeak));
        add(QStringLiteral("  sync-attributable (peak - before)"), mib(memory.syncPeak - memory.before),
            contacts == large ? QStringLiteral("< 200 MiB") : QString(),
            contacts == large && issueSize ? std::optional<bool>(memory.syncPeak - memory.before < 200 * 1024)
                                           : std::nullopt);
    }
    const long long difference = (big->syncPeak - big->before) - (little->syncPeak - little->before);
    add(QStringLiteral("sync-attributable difference, %1 vs %2").arg(large).arg(small), mib(difference),
        QStringLiteral("< 50 MiB"), issueSize ? std::optional<bool>(difference < 50 * 1024) : std::nullopt);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() == 2 && args.at(0) == u"--memory") {
        return memoryChild(args.at(1).toInt());
    }
    const bool issueSizes = args.contains(QStringLiteral("full"));
    const int contacts = envInt("IC_BENCH_CONTACTS", issueSizes ? 100000 : 2000);
    const int latencyContacts = envInt("IC_BENCH_LATENCY_CONTACTS", issueSizes ? 10000 : 1000);
    const QString defaultParts =
        dialectName() == u"sqlite" ? QStringLiteral("sync,latency,memory") : QStringLiteral("sync");
    const QStringList parts = qEnvironmentVariable("IC_BENCH_PARTS", defaultParts).split(u',');

    bool ok = true;
    if (parts.contains(QStringLiteral("sync"))) {
        ok = throughputPart(contacts) && ok;
    }
    if (parts.contains(QStringLiteral("latency"))) {
        ok = latencyPart(latencyContacts) && ok;
    }
    if (parts.contains(QStringLiteral("memory"))) {
        ok = memoryPart(contacts, latencyContacts) && ok;
    }
    printTable();
    return ok ? 0 : 1;
}
