// The WeCom sync against the real sandbox over loopback, on every database dialect, checked against the sandbox's
// ground truth (SandboxTruth.h) row for row:
//  - a full sync of a generated corp mirrors it exactly; an incremental sync after the corp changed writes exactly the
//    rows that changed (the counts, the plan and the rows stamped with the run's id equal the truth's diff), and one
//    without changes writes nothing; a dry run writes nothing and plans what the following run then does; full mode
//    rewrites every row;
//  - a flaky sandbox (errors, HTTP 503, rate limits, a revoked token) still ends in a database equal to the truth;
//  - a page that fails leaves the run partial with exact counts, its error recorded and no deletion reconciled;
//  - a second run of the same service and type, or of a type the first contains, is refused naming the holder;
//  - the mass-deletion guard stops deletions above the share and lets them through when allowed.

#include "RunTask.h"
#include "SandboxTruth.h"
#include "SandboxTruthDiff.h"
#include "TestDatabase.h"

#include "connectors/wecom/WeComSync.h"
#include "db/Database.h"
#include "db/Migrator.h"
#include "db/SyncRunRepository.h"
#include "db/SyncStore.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"
#include "services/ServiceTypeRegistry.h"
#include "sync/SyncRunner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <map>

using namespace ic;
using namespace std::chrono_literals;
using db::SyncEntity;

namespace {

const QString tenant = QStringLiteral("default");
/// A run of a modest corp takes a few seconds; a fault test retries a lot more.
constexpr std::chrono::milliseconds runTimeout = 120s;

/// The entities the customer step writes.
const QList<SyncEntity> customerEntities{SyncEntity::Contact, SyncEntity::FollowRelation, SyncEntity::ContactTag};

sandbox::CorpSpec corpSpec(std::uint64_t seed, int staff = 80, int contacts = 600)
{
    sandbox::CorpSpec spec;
    spec.seed = seed;
    spec.departments = 12;
    spec.staff = staff;
    spec.contacts = contacts;
    // Enough tag groups that a revision removing one stays below the mass-deletion guard's 20%.
    spec.tagGroups = 10;
    return spec;
}

db::SyncCounts countsOf(const sync::SyncReport &report, SyncEntity entity)
{
    for (const auto &[e, counts] : report.counts) {
        if (e == entity) {
            return counts;
        }
    }
    return {};
}

sync::EntityPlan planOf(const sync::SyncReport &report, SyncEntity entity)
{
    for (const auto &[e, plan] : report.plans) {
        if (e == entity) {
            return plan;
        }
    }
    return {};
}

QStringList sorted(QStringList list)
{
    std::sort(list.begin(), list.end());
    return list;
}

QString describe(const sync::SyncReport &report)
{
    QStringList lines{QStringLiteral("run %1: %2").arg(report.runId).arg(db::syncRunStatusName(report.status))};
    if (report.failure) {
        lines.append(report.failure->toDisplayString());
    }
    for (const auto &[entity, c] : report.counts) {
        lines.append(QStringLiteral("%1: fetched %2, created %3, updated %4, deleted %5, unchanged %6, failed %7")
                         .arg(db::syncEntityName(entity))
                         .arg(c.fetched)
                         .arg(c.created)
                         .arg(c.updated)
                         .arg(c.deleted)
                         .arg(c.unchanged)
                         .arg(c.failed));
    }
    lines.append(report.warnings);
    for (const auto &error : report.firstErrors) {
        lines.append(
            QStringLiteral("error %1 %2 %3: %4").arg(error.entity, error.externalId, error.errcode, error.message));
    }
    return lines.join(u'\n');
}

/// The part `index` of a compound natural key.
QString keyPart(const QString &key, int index)
{
    return key.split(db::syncKeySeparator).value(index);
}

} // namespace

class TestSyncSandbox : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void syncsFollowTheTruth();
    void flakySandboxStillMirrorsTheTruth();
    void failedPageLeavesTheRunPartialWithoutDeletions();
    void concurrentRunsAreRefused();
    void massDeletionGuard();

private:
    /// Starts a sandbox serving `spec` at `revision` and configures the WeCom service `name` for it, with fast retries.
    void startCorp(const sandbox::CorpSpec &spec, const QString &name, int revision = 0,
                   const QMap<QString, QString> &settings = {});
    /// Points the service at the running sandbox (api_base, corp id, secrets).
    void pointServiceAtSandbox(const QString &name);
    std::optional<Result<sync::SyncReport>> sync(const QString &type, sync::SyncOptions options = {},
                                                 sync::SyncObserver observer = {});
    /// Runs a sync that must produce a report; fails the test otherwise.
    sync::SyncReport syncOrFail(const QString &type, sync::SyncOptions options = {}, sync::SyncObserver observer = {});
    QStringList compareWithTruth(const QList<SyncEntity> &entities = db::syncEntities());
    /// Rows of `entity` (live and deleted) stamped with `runId`.
    qint64 rowsOfRun(SyncEntity entity, qint64 runId);
    /// The truth's change between two revisions of the current corp.
    QMap<SyncEntity, test::TruthChange> diff(int from, int to) const;

    std::unique_ptr<test::TestDatabase> m_database;
    std::unique_ptr<db::Database> m_db;
    std::unique_ptr<secrets::SecretStore> m_secrets;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    sandbox::CorpSpec m_spec;
    QString m_service;
    qint64 m_serviceId = 0;
    std::unique_ptr<db::SyncStore> m_store;
};

void TestSyncSandbox::initTestCase()
{
    IC_TEST_DATABASE_OR_SKIP(database);
    m_database = std::move(database);
    auto opened = m_database->open();
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toDisplayString()));
    m_db = std::move(opened).value();
    QVERIFY(db::Migrator::migrate(*m_db));
    m_secrets = secrets::makeMemorySecretStore();
}

void TestSyncSandbox::cleanupTestCase()
{
    m_store.reset();
    if (m_server) {
        m_server->stop();
    }
}

void TestSyncSandbox::cleanup()
{
    m_store.reset();
    if (m_server) {
        m_server->stop();
        m_server.reset();
    }
}

void TestSyncSandbox::startCorp(const sandbox::CorpSpec &spec, const QString &name, int revision,
                                const QMap<QString, QString> &settings)
{
    m_spec = spec;
    std::unique_ptr<sandbox::SandboxCorp> corp = sandbox::SandboxCorp::generate(spec);
    corp->advanceTo(revision);
    m_server = std::make_unique<sandbox::SandboxServer>(std::move(corp));
    std::string why;
    QVERIFY2(m_server->start(&why), why.c_str());

    services::ServiceConfigService services(*m_db, *m_secrets, tenant);
    const sandbox::CorpCredentials &credentials = m_server->credentials();
    QMap<QString, QString> values{{QStringLiteral("corp_id"), QString::fromStdString(credentials.corpId)},
                                  {QStringLiteral("agent_id"), QString::number(credentials.agentId)},
                                  {QStringLiteral("api_base"), QString::fromStdString(m_server->baseUrl())},
                                  {QStringLiteral("retry_max_attempts"), QStringLiteral("8")},
                                  {QStringLiteral("retry_base_delay_ms"), QStringLiteral("5")},
                                  {QStringLiteral("retry_max_delay_ms"), QStringLiteral("20")},
                                  {QStringLiteral("rate_limit_wait_ms"), QStringLiteral("50")},
                                  {QStringLiteral("breaker_failures"), QStringLiteral("1000")},
                                  {QStringLiteral("rate_per_second"), QStringLiteral("5000")},
                                  {QStringLiteral("rate_burst"), QStringLiteral("5000")}};
    for (auto it = settings.begin(); it != settings.end(); ++it) {
        values.insert(it.key(), it.value());
    }
    Result<db::ServiceConfigRecord> added = services.add(QStringLiteral("wecom"), name, values);
    QVERIFY2(added, added ? "" : qPrintable(added.error().toDisplayString()));
    m_service = name;
    m_serviceId = added.value().id;
    m_store = std::make_unique<db::SyncStore>(*m_db, tenant, m_serviceId);
    pointServiceAtSandbox(name);
}

void TestSyncSandbox::pointServiceAtSandbox(const QString &name)
{
    services::ServiceConfigService services(*m_db, *m_secrets, tenant);
    const sandbox::CorpCredentials &credentials = m_server->credentials();
    const QMap<QString, QString> values{{QStringLiteral("corp_id"), QString::fromStdString(credentials.corpId)},
                                        {QStringLiteral("agent_id"), QString::number(credentials.agentId)},
                                        {QStringLiteral("api_base"), QString::fromStdString(m_server->baseUrl())}};
    Result<db::ServiceConfigRecord> updated = services.update(name, values);
    QVERIFY2(updated, updated ? "" : qPrintable(updated.error().toDisplayString()));
    const QList<std::pair<QString, std::string>> secretValues{
        {QStringLiteral("corp_secret"), credentials.appSecret},
        {QStringLiteral("contacts_secret"), credentials.contactsSecret},
        {QStringLiteral("customer_secret"), credentials.customerSecret}};
    for (const auto &[field, value] : secretValues) {
        auto stored = test::runTask(services.setSecret(name, field, QString::fromStdString(value)));
        QVERIFY(stored.has_value());
        QVERIFY2(stored->ok(), stored->ok() ? "" : qPrintable(stored->error().toDisplayString()));
    }
}

std::optional<Result<sync::SyncReport>> TestSyncSandbox::sync(const QString &type, sync::SyncOptions options,
                                                              sync::SyncObserver observer)
{
    options.syncType = type;
    sync::SyncRunner runner(*m_db, m_database->password(), *m_secrets, tenant,
                            services::ServiceTypeRegistry::builtin());
    return test::runTask(runner.run(m_service, options, observer), runTimeout);
}

sync::SyncReport TestSyncSandbox::syncOrFail(const QString &type, sync::SyncOptions options,
                                             sync::SyncObserver observer)
{
    std::optional<Result<sync::SyncReport>> ran = sync(type, std::move(options), std::move(observer));
    if (!ran) {
        QTest::qFail("the sync did not finish in time", __FILE__, __LINE__);
        return {};
    }
    if (!ran->ok()) {
        QTest::qFail(qPrintable(ran->error().toDisplayString()), __FILE__, __LINE__);
        return {};
    }
    return ran->value();
}

QStringList TestSyncSandbox::compareWithTruth(const QList<SyncEntity> &entities)
{
    QStringList differences;
    m_server->withCorp(
        [&](const sandbox::SandboxCorp &corp) { differences = test::compareWithTruth(*m_store, corp, entities); });
    return differences;
}

qint64 TestSyncSandbox::rowsOfRun(SyncEntity entity, qint64 runId)
{
    Result<qint64> count = m_store->countChangedBy(entity, runId);
    if (!count) {
        QTest::qFail(qPrintable(count.error().toDisplayString()), __FILE__, __LINE__);
        return -1;
    }
    return count.value();
}

QMap<SyncEntity, test::TruthChange> TestSyncSandbox::diff(int from, int to) const
{
    return test::diffRevisions(m_spec, from, to);
}

#define CHECK_TRUTH(entities)                                                                                          \
    do {                                                                                                               \
        const QStringList differences = compareWithTruth(entities);                                                    \
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n')));                                          \
    } while (false)

#define SYNC(report, ...)                                                                                              \
    const sync::SyncReport report = syncOrFail(__VA_ARGS__);                                                           \
    if (QTest::currentTestFailed())                                                                                    \
        return;

// Items 1-4 and 9: full sync of revision 0, incremental to revision 3, an incremental without changes, a dry run and
// the real run after it (revision 5), then full mode.
void TestSyncSandbox::syncsFollowTheTruth()
{
    startCorp(corpSpec(7), QStringLiteral("sandbox-revisions"));
    if (QTest::currentTestFailed()) {
        return;
    }
    QElapsedTimer clock;
    clock.start();

    // 1. A full sync of revision 0 mirrors every entity; every row is created by it.
    SYNC(first, QStringLiteral("full"));
    QVERIFY2(first.status == db::SyncRunStatus::Success, qPrintable(describe(first)));
    CHECK_TRUTH(db::syncEntities());
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (SyncEntity entity : db::syncEntities()) {
            const qint64 expected = test::truthCount(corp, entity);
            QVERIFY2(expected > 0, qPrintable(db::syncEntityName(entity)));
            QCOMPARE(countsOf(first, entity).created, expected);
            QCOMPARE(countsOf(first, entity).fetched, expected);
            QCOMPARE(rowsOfRun(entity, first.runId), expected);
        }
    });
    qInfo("full sync of revision 0: %lld ms", qint64(clock.restart()));

    // 2. Revision 3: the incremental run writes exactly the rows that changed.
    m_server->advanceTo(3);
    const QMap<SyncEntity, test::TruthChange> change03 = diff(0, 3);
    SYNC(second, QStringLiteral("full"));
    QVERIFY2(second.status == db::SyncRunStatus::Success, qPrintable(describe(second)));
    CHECK_TRUTH(db::syncEntities());
    qint64 changedRows = 0;
    for (SyncEntity entity : db::syncEntities()) {
        const test::TruthChange &expected = change03[entity];
        const db::SyncCounts counts = countsOf(second, entity);
        const QString context =
            db::syncEntityName(entity) + u'\n' + describe(second) + u'\n' + test::describeTruthChanges(change03);
        QVERIFY2(counts.created == expected.createdCount(), qPrintable(context));
        QVERIFY2(counts.updated == expected.updatedCount(), qPrintable(context));
        QVERIFY2(counts.deleted == expected.deletedCount(), qPrintable(context));
        QVERIFY2(counts.unchanged == expected.unchanged, qPrintable(context));
        QVERIFY2(counts.failed == 0, qPrintable(context));
        QCOMPARE(rowsOfRun(entity, second.runId), expected.changedCount());
        // The live rows stamped with the run are the created and updated ones.
        qint64 liveOfRun = 0;
        QVERIFY(m_store->forEachLiveRow(entity, [&](const db::SyncRow &, qint64 lastRunId) {
            liveOfRun += lastRunId == second.runId ? 1 : 0;
            return true;
        }));
        QCOMPARE(liveOfRun, expected.createdCount() + expected.updatedCount());
        changedRows += expected.changedCount();
    }
    QVERIFY2(changedRows > 0, "revision 3 changes nothing: the test proves nothing");
    qInfo("incremental sync to revision 3: %lld ms (%lld rows changed)", qint64(clock.restart()), changedRows);

    // 3. Nothing changed: nothing is written.
    SYNC(third, QStringLiteral("full"));
    QVERIFY2(third.status == db::SyncRunStatus::Success, qPrintable(describe(third)));
    for (SyncEntity entity : db::syncEntities()) {
        const db::SyncCounts counts = countsOf(third, entity);
        QVERIFY2(counts.created == 0 && counts.updated == 0 && counts.deleted == 0, qPrintable(describe(third)));
        QCOMPARE(rowsOfRun(entity, third.runId), 0);
    }
    CHECK_TRUTH(db::syncEntities());
    qInfo("incremental sync without changes: %lld ms", qint64(clock.restart()));

    // 4. Revision 5: a dry run writes nothing and plans exactly what the real run then does.
    m_server->advanceTo(5);
    const QMap<SyncEntity, test::TruthChange> change35 = diff(3, 5);
    sync::SyncOptions planned;
    planned.dryRun = true;
    planned.collectPlanRows = true;
    SYNC(dry, QStringLiteral("full"), planned);
    QVERIFY2(dry.status == db::SyncRunStatus::Success, qPrintable(describe(dry)));
    {
        // The database still holds revision 3.
        auto revision3 = sandbox::SandboxCorp::generate(m_spec);
        revision3->advanceTo(3);
        const QStringList differences = test::compareWithTruth(*m_store, *revision3);
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n')));
    }
    for (SyncEntity entity : db::syncEntities()) {
        QCOMPARE(rowsOfRun(entity, dry.runId), 0);
    }
    sync::SyncOptions real;
    real.collectPlanRows = true;
    SYNC(afterDry, QStringLiteral("full"), real);
    QVERIFY2(afterDry.status == db::SyncRunStatus::Success, qPrintable(describe(afterDry)));
    CHECK_TRUTH(db::syncEntities());
    qint64 planned35 = 0;
    for (SyncEntity entity : db::syncEntities()) {
        const sync::EntityPlan wouldDo = planOf(dry, entity);
        const sync::EntityPlan did = planOf(afterDry, entity);
        const test::TruthChange &expected = change35[entity];
        const QByteArray name = db::syncEntityName(entity).toUtf8();
        QVERIFY2(wouldDo.create == did.create && wouldDo.update == did.update && wouldDo.remove == did.remove,
                 name.constData());
        QCOMPARE(sorted(wouldDo.createKeys), sorted(did.createKeys));
        QCOMPARE(sorted(wouldDo.updateKeys), sorted(did.updateKeys));
        QCOMPARE(sorted(wouldDo.deleteKeys), sorted(did.deleteKeys));
        QCOMPARE(sorted(did.createKeys), expected.created);
        QCOMPARE(sorted(did.updateKeys), expected.updated);
        QCOMPARE(sorted(did.deleteKeys), expected.deleted);
        QCOMPARE(did.create, expected.createdCount());
        QCOMPARE(did.update, expected.updatedCount());
        QCOMPARE(did.remove, expected.deletedCount());
        const db::SyncCounts dryCounts = countsOf(dry, entity);
        const db::SyncCounts realCounts = countsOf(afterDry, entity);
        QCOMPARE(dryCounts, realCounts);
        QCOMPARE(rowsOfRun(entity, afterDry.runId), expected.changedCount());
        planned35 += expected.changedCount();
    }
    QVERIFY2(planned35 > 0, "revision 5 changes nothing: the test proves nothing");
    qInfo("dry run and real run to revision 5: %lld ms", qint64(clock.restart()));

    // 9. Full mode rewrites every row and changes nothing else.
    sync::SyncOptions full;
    full.mode = sync::SyncMode::Full;
    SYNC(rewrite, QStringLiteral("full"), full);
    QVERIFY2(rewrite.status == db::SyncRunStatus::Success, qPrintable(describe(rewrite)));
    CHECK_TRUTH(db::syncEntities());
    for (SyncEntity entity : db::syncEntities()) {
        qint64 live = 0;
        qint64 stamped = 0;
        QVERIFY(m_store->forEachLiveRow(entity, [&](const db::SyncRow &, qint64 lastRunId) {
            ++live;
            stamped += lastRunId == rewrite.runId ? 1 : 0;
            return true;
        }));
        QVERIFY(live > 0);
        QCOMPARE(stamped, live);
        const db::SyncCounts counts = countsOf(rewrite, entity);
        QCOMPARE(counts.created + counts.updated + counts.deleted, 0);
        QCOMPARE(counts.unchanged, live);
    }
    qInfo("full-mode sync: %lld ms", qint64(clock.restart()));
}

// 5. Errors, HTTP 503, a 45009 burst and a token revoked during the run: the run still mirrors the truth.
void TestSyncSandbox::flakySandboxStillMirrorsTheTruth()
{
    // Many departments: one user/list call each, so the random faults have calls to hit.
    sandbox::CorpSpec spec = corpSpec(8, 150, 1200);
    spec.departments = 60;
    startCorp(spec, QStringLiteral("sandbox-flaky"), 2);
    if (QTest::currentTestFailed()) {
        return;
    }
    sandbox::Fault busy;
    busy.kind = sandbox::Fault::Kind::ErrorCode;
    busy.errcode = -1;
    busy.probability = 0.1;
    sandbox::Fault unavailable;
    unavailable.kind = sandbox::Fault::Kind::HttpStatus;
    unavailable.httpStatus = 503;
    unavailable.probability = 0.1;
    sandbox::Fault limited;
    limited.kind = sandbox::Fault::Kind::ErrorCode;
    limited.errcode = 45009;
    limited.remaining = 3;
    m_server->setFaults({busy, unavailable, limited});
    m_server->resetCounters();

    sync::SyncObserver observer;
    bool revoked = false;
    sandbox::SandboxServer *server = m_server.get();
    observer.progress = [&revoked, server](const sync::SyncProgress &progress) {
        // Revoke once the customer step reads pages: the next call with any token fails with 42001.
        if (!revoked && progress.step == u"customer" && progress.pagesDone > 0) {
            revoked = true;
            server->revokeTokens(42001);
        }
    };
    sync::SyncOptions options;
    options.mode = sync::SyncMode::Full;
    SYNC(report, QStringLiteral("full"), options, observer);
    QVERIFY2(report.status == db::SyncRunStatus::Success, qPrintable(describe(report)));
    QVERIFY(revoked);
    QCOMPARE(report.errorCount, 0);
    CHECK_TRUTH(db::syncEntities());
    const std::map<std::string, std::int64_t> calls = m_server->callCounts();
    // A token was taken once per secret kind, and again after the revocation.
    const auto gettoken = calls.find("cgi-bin/gettoken");
    QVERIFY(gettoken != calls.end());
    QVERIFY2(gettoken->second >= 4, qPrintable(QString::number(gettoken->second)));
    std::int64_t total = 0;
    for (const auto &[path, count] : calls) {
        total += count;
    }

    // The faults were there: the same run without them makes fewer calls.
    m_server->clearFaults();
    m_server->resetCounters();
    SYNC(clean, QStringLiteral("full"), options);
    QVERIFY2(clean.status == db::SyncRunStatus::Success, qPrintable(describe(clean)));
    std::int64_t cleanTotal = 0;
    for (const auto &[path, count] : m_server->callCounts()) {
        cleanTotal += count;
    }
    QVERIFY2(total > cleanTotal,
             qPrintable(QStringLiteral("%1 calls with faults, %2 without").arg(total).arg(cleanTotal)));
    qInfo("flaky sandbox: %lld calls (%lld without the faults), %lld gettoken", qint64(total), qint64(cleanTotal),
          qint64(gettoken->second));
}

// 6. The first page of the first follower batch fails: the run ends partial, counts what it read, records the error
// and reconciles no deletion of the customer step; the next run catches up.
void TestSyncSandbox::failedPageLeavesTheRunPartialWithoutDeletions()
{
    // More than 100 followers, so there are two batches of batch/get_by_user; one call per attempt, so one failure
    // is exactly one failed page.
    startCorp(corpSpec(9, 220, 600), QStringLiteral("sandbox-failed-page"), 0,
              {{QStringLiteral("retry_max_attempts"), QStringLiteral("1")}});
    if (QTest::currentTestFailed()) {
        return;
    }
    SYNC(first, QStringLiteral("full"));
    QVERIFY2(first.status == db::SyncRunStatus::Success, qPrintable(describe(first)));
    CHECK_TRUTH(db::syncEntities());

    m_server->advanceTo(3);
    const QMap<SyncEntity, test::TruthChange> change = diff(0, 3);
    QStringList followers;
    QList<db::SyncRow> follows;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const std::string &userid : corp.followUsers()) {
            followers.append(QString::fromStdString(userid));
        }
        follows = test::truthRows(corp, SyncEntity::FollowRelation);
    });
    std::sort(followers.begin(), followers.end());
    QVERIFY2(followers.size() > 100, qPrintable(QString::number(followers.size())));
    const std::vector<QStringList> firstBatches = connectors::wecom::customerFollowerBatches(followers, 1);
    QVERIFY(firstBatches.size() >= 2);
    const QStringList failedBatch = firstBatches.front();
    const QSet<QString> failedFollowers(failedBatch.begin(), failedBatch.end());
    for (SyncEntity entity : customerEntities) {
        QVERIFY2(change[entity].deletedCount() > 0, qPrintable(db::syncEntityName(entity)));
    }

    sandbox::Fault failing;
    failing.kind = sandbox::Fault::Kind::ErrorCode;
    failing.errcode = -1;
    failing.endpoint = "externalcontact/batch/get_by_user";
    failing.remaining = 1;
    m_server->setFaults({failing});
    sync::SyncOptions options;
    options.concurrency = 1; // the batches in order: the fault hits the first page of the first batch
    options.pageAttempts = 1;
    SYNC(partial, QStringLiteral("full"), options);
    QVERIFY2(partial.status == db::SyncRunStatus::Partial, qPrintable(describe(partial)));
    QVERIFY2(!partial.failure, qPrintable(describe(partial)));

    // The steps before the customer step finished whole.
    CHECK_TRUTH((QList<SyncEntity>{SyncEntity::Department, SyncEntity::Staff, SyncEntity::StaffDepartment,
                                   SyncEntity::TagGroup, SyncEntity::Tag}));

    // Counts: what the second batch read, compared with revision 0.
    QSet<QString> reachedContacts;
    qint64 reachedFollows = 0;
    for (const db::SyncRow &row : std::as_const(follows)) {
        if (!failedFollowers.contains(row.values.at(1).toString())) {
            reachedContacts.insert(row.values.at(0).toString());
            ++reachedFollows;
        }
    }
    qint64 reachedTags = 0;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const db::SyncRow &row : test::truthRows(corp, SyncEntity::ContactTag)) {
            reachedTags += failedFollowers.contains(row.values.at(1).toString()) ? 0 : 1;
        }
    });
    auto byFollower = [&](const QStringList &keys) {
        return qint64(std::count_if(keys.begin(), keys.end(),
                                    [&](const QString &key) { return !failedFollowers.contains(keyPart(key, 1)); }));
    };
    auto byContact = [&](const QStringList &keys) {
        return qint64(
            std::count_if(keys.begin(), keys.end(), [&](const QString &key) { return reachedContacts.contains(key); }));
    };
    const db::SyncCounts contacts = countsOf(partial, SyncEntity::Contact);
    const db::SyncCounts relations = countsOf(partial, SyncEntity::FollowRelation);
    const db::SyncCounts contactTags = countsOf(partial, SyncEntity::ContactTag);
    const QString context = describe(partial);
    QVERIFY2(contacts.fetched == reachedContacts.size(), qPrintable(context));
    QVERIFY2(contacts.created == byContact(change[SyncEntity::Contact].created), qPrintable(context));
    QVERIFY2(contacts.updated == byContact(change[SyncEntity::Contact].updated), qPrintable(context));
    QVERIFY2(relations.fetched == reachedFollows, qPrintable(context));
    QVERIFY2(relations.created == byFollower(change[SyncEntity::FollowRelation].created), qPrintable(context));
    QVERIFY2(relations.updated == byFollower(change[SyncEntity::FollowRelation].updated), qPrintable(context));
    QVERIFY2(relations.failed == 1, qPrintable(context));
    QVERIFY2(contactTags.fetched == reachedTags, qPrintable(context));
    QVERIFY2(contactTags.created == byFollower(change[SyncEntity::ContactTag].created), qPrintable(context));
    QVERIFY2(contactTags.updated == byFollower(change[SyncEntity::ContactTag].updated), qPrintable(context));
    for (SyncEntity entity : customerEntities) {
        const db::SyncCounts counts = countsOf(partial, entity);
        QVERIFY2(counts.deleted == 0, qPrintable(context));
        QCOMPARE(rowsOfRun(entity, partial.runId), counts.created + counts.updated);
    }

    // The error is recorded with WeCom's code.
    QCOMPARE(partial.errorCount, 1);
    Result<std::optional<db::SyncRunDetails>> details = db::SyncRunRepository(*m_db).find(tenant, partial.runId);
    QVERIFY(details && details.value());
    QCOMPARE(details.value()->errorCount, 1);
    const db::SyncRunErrorRecord &error = details.value()->errors.constFirst();
    QCOMPARE(error.errcode, QStringLiteral("-1"));
    QCOMPARE(error.entity, QStringLiteral("follow_relation"));
    QVERIFY2(error.externalId.contains(failedBatch.constFirst()), qPrintable(error.externalId));
    QCOMPARE(details.value()->run.status, db::SyncRunStatus::Partial);

    // No deletion was reconciled: everything gone at the provider is still live here.
    for (SyncEntity entity : customerEntities) {
        QSet<QString> live;
        QVERIFY(m_store->forEachLiveRow(entity, [&](const db::SyncRow &row, qint64) {
            live.insert(row.key);
            return true;
        }));
        for (const QString &key : change[entity].deleted) {
            QVERIFY2(live.contains(key), qPrintable(db::syncEntityName(entity) + u' ' + key));
        }
    }

    // The next run, without the fault, catches up: the rest is written and the deletions are made.
    m_server->clearFaults();
    SYNC(next, QStringLiteral("full"));
    QVERIFY2(next.status == db::SyncRunStatus::Success, qPrintable(describe(next)));
    CHECK_TRUTH(db::syncEntities());
    for (SyncEntity entity : customerEntities) {
        QCOMPARE(countsOf(next, entity).deleted, change[entity].deletedCount());
    }

    // Every page fails: one failed unit per batch of followers, nothing read, nothing deleted.
    m_server->advanceTo(4);
    QStringList followers4;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const std::string &userid : corp.followUsers()) {
            followers4.append(QString::fromStdString(userid));
        }
    });
    const qint64 batches = (followers4.size() + 99) / 100;
    failing.remaining = -1;
    m_server->setFaults({failing});
    sync::SyncOptions once;
    once.pageAttempts = 1;
    SYNC(allFailed, QStringLiteral("customer"), once);
    QVERIFY2(allFailed.status == db::SyncRunStatus::Partial, qPrintable(describe(allFailed)));
    QCOMPARE(countsOf(allFailed, SyncEntity::FollowRelation).failed, batches);
    QCOMPARE(allFailed.errorCount, batches);
    for (const db::SyncRunErrorRecord &recorded : allFailed.firstErrors) {
        QCOMPARE(recorded.errcode, QStringLiteral("-1"));
    }
    for (SyncEntity entity : customerEntities) {
        const db::SyncCounts counts = countsOf(allFailed, entity);
        QVERIFY2(counts.fetched == 0 && counts.deleted == 0, qPrintable(describe(allFailed)));
        QCOMPARE(rowsOfRun(entity, allFailed.runId), 0);
    }
    {
        // Still revision 3 for the customer step's entities.
        auto revision3 = sandbox::SandboxCorp::generate(m_spec);
        revision3->advanceTo(3);
        const QStringList differences = test::compareWithTruth(*m_store, *revision3, customerEntities);
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n')));
    }
}

// 7. A run in progress holds its type and the types it contains: a second run is refused naming the holder.
void TestSyncSandbox::concurrentRunsAreRefused()
{
    startCorp(corpSpec(10, 40, 100), QStringLiteral("sandbox-locks"));
    if (QTest::currentTestFailed()) {
        return;
    }
    sandbox::Fault slow;
    slow.kind = sandbox::Fault::Kind::Latency;
    slow.endpoint = "department/list";
    slow.latencyMs = 1500;
    slow.remaining = 1;
    m_server->setFaults({slow});

    sync::SyncOptions fullOptions;
    fullOptions.syncType = QStringLiteral("full");
    sync::SyncRunner runner(*m_db, m_database->password(), *m_secrets, tenant,
                            services::ServiceTypeRegistry::builtin());
    // Eager: it takes its locks and records its run before it first waits for the sandbox.
    QCoro::Task<Result<sync::SyncReport>> running = runner.run(m_service, fullOptions);

    auto otherConnection = m_database->open();
    QVERIFY(otherConnection);
    std::unique_ptr<db::Database> other = std::move(otherConnection).value();
    sync::SyncRunner second(*other, m_database->password(), *m_secrets, tenant,
                            services::ServiceTypeRegistry::builtin());
    QList<Error> refusals;
    for (const QString &type : {QStringLiteral("full"), QStringLiteral("customer"), QStringLiteral("department")}) {
        sync::SyncOptions options;
        options.syncType = type;
        QElapsedTimer clock;
        clock.start();
        std::optional<Result<sync::SyncReport>> refused = test::runTask(second.run(m_service, options), 10s);
        QVERIFY(refused.has_value());
        QVERIFY2(!refused->ok(), qPrintable(type + u" was not refused"));
        QCOMPARE(refused->error().code, ErrorCode::LockHeld);
        QVERIFY2(clock.elapsed() < 1500, "the second run waited for the lock instead of being refused");
        refusals.append(refused->error());
    }

    std::optional<Result<sync::SyncReport>> finished = test::runTask(std::move(running), runTimeout);
    QVERIFY(finished.has_value());
    QVERIFY2(finished->ok(), finished->ok() ? "" : qPrintable(finished->error().toDisplayString()));
    const sync::SyncReport &report = finished->value();
    QVERIFY2(report.status == db::SyncRunStatus::Success, qPrintable(describe(report)));
    for (const Error &refusal : std::as_const(refusals)) {
        QVERIFY2(refusal.message.contains(QStringLiteral("run %1").arg(report.runId)), qPrintable(refusal.message));
    }
    CHECK_TRUTH(db::syncEntities());

    // Once it ended, the lock is free again.
    sync::SyncOptions customer;
    customer.syncType = QStringLiteral("customer");
    std::optional<Result<sync::SyncReport>> after = test::runTask(second.run(m_service, customer), runTimeout);
    QVERIFY(after.has_value());
    QVERIFY2(after->ok(), after->ok() ? "" : qPrintable(after->error().toDisplayString()));
    QVERIFY2(after->value().status == db::SyncRunStatus::Success, qPrintable(describe(after->value())));
}

// 8. The service is pointed at another corp: most rows are gone; the guard keeps them until told.
void TestSyncSandbox::massDeletionGuard()
{
    startCorp(corpSpec(11, 60, 200), QStringLiteral("sandbox-mass-delete"));
    if (QTest::currentTestFailed()) {
        return;
    }
    SYNC(first, QStringLiteral("full"));
    QVERIFY2(first.status == db::SyncRunStatus::Success, qPrintable(describe(first)));
    Result<qint64> contactsBefore = m_store->liveCount(SyncEntity::Contact);
    QVERIFY(contactsBefore);

    // Another seed: other customers, other members.
    m_server->stop();
    m_spec = corpSpec(12, 60, 200);
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(m_spec));
    std::string why;
    QVERIFY2(m_server->start(&why), why.c_str());
    pointServiceAtSandbox(m_service);
    if (QTest::currentTestFailed()) {
        return;
    }

    SYNC(guarded, QStringLiteral("full"));
    QVERIFY2(guarded.status == db::SyncRunStatus::Partial, qPrintable(describe(guarded)));
    QVERIFY2(!guarded.warnings.isEmpty(), qPrintable(describe(guarded)));
    QVERIFY2(guarded.warnings.join(u'\n').contains(QStringLiteral("--allow-mass-delete")),
             qPrintable(describe(guarded)));
    // The contacts of the first corp are all gone at the provider, and all still here.
    const db::SyncCounts contacts = countsOf(guarded, SyncEntity::Contact);
    QCOMPARE(contacts.deleted, 0);
    QCOMPARE(countsOf(guarded, SyncEntity::FollowRelation).deleted, 0);
    QCOMPARE(countsOf(guarded, SyncEntity::ContactTag).deleted, 0);
    Result<qint64> contactsAfter = m_store->liveCount(SyncEntity::Contact);
    QVERIFY(contactsAfter);
    QCOMPARE(contactsAfter.value(), contactsBefore.value() + contacts.created);
    QVERIFY(!compareWithTruth(db::syncEntities()).isEmpty());

    sync::SyncOptions allowed;
    allowed.allowMassDelete = true;
    SYNC(applied, QStringLiteral("full"), allowed);
    QVERIFY2(applied.status == db::SyncRunStatus::Success, qPrintable(describe(applied)));
    QVERIFY(applied.warnings.isEmpty());
    QCOMPARE(countsOf(applied, SyncEntity::Contact).deleted, contactsBefore.value());
    CHECK_TRUTH(db::syncEntities());
}

QTEST_GUILESS_MAIN(TestSyncSandbox)
#include "tst_sync_sandbox.moc"
