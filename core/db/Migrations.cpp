#include "Migrations.h"

namespace ic::db {

using schema::Table;
using schema::TableBuilder;

namespace {

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

QStringList cols(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *name : names) {
        list.append(QString::fromLatin1(name));
    }
    return list;
}

/// The six counters of a sync run and of each of its steps.
TableBuilder &counts(TableBuilder &table)
{
    for (const char *name :
         {"fetched_count", "created_count", "updated_count", "deleted_count", "unchanged_count", "failed_count"}) {
        table.bigint(s(name)).notNull().defaultsTo(0);
    }
    return table;
}

Table serviceConfigs()
{
    return TableBuilder(s("service_configs"))
        .id()
        .key(s("uid"))
        .notNull()
        .tenant()
        .key(s("name"))
        .notNull()
        .key(s("type"))
        .notNull()
        .key(s("category"))
        .notNull()
        .defaultsTo(QString())
        .text(s("description"))
        .json(s("settings"))
        .notNull()
        .json(s("secret_refs"))
        .notNull()
        .boolean(s("enabled"))
        .notNull()
        .defaultsTo(true)
        .key(s("status"))
        .notNull()
        .defaultsTo(s("inactive"))
        .integer(s("timeout_ms"))
        .notNull()
        .defaultsTo(30000)
        .json(s("retry_policy"))
        .json(s("rate_limit"))
        .text(s("health_check_endpoint"))
        .integer(s("priority"))
        .notNull()
        .defaultsTo(0)
        .time(s("last_tested_at"))
        .timestamps()
        .name(s("created_by"))
        .name(s("updated_by"))
        .unique(cols({"tenant_id", "name"}))
        .unique(cols({"uid"}))
        .index(cols({"tenant_id", "type"}))
        .build();
}

Table departments()
{
    return TableBuilder(s("departments"))
        .id()
        .tenant()
        .service(true)
        .key(s("dept_id"))
        .notNull()
        .name(s("name"))
        .notNull()
        .name(s("name_en"))
        .key(s("parent_id"))
        .bigint(s("order_no"))
        .notNull()
        .defaultsTo(0)
        .json(s("leaders"))
        .syncedRow()
        .unique(cols({"tenant_id", "service_id", "dept_id"}))
        .index(cols({"tenant_id", "service_id", "parent_id"}))
        .build();
}

Table staff()
{
    return TableBuilder(s("staff"))
        .id()
        .tenant()
        .service(true)
        .key(s("userid"))
        .notNull()
        .key(s("open_userid"))
        .name(s("name"))
        .notNull()
        .name(s("alias"))
        .name(s("position"))
        .integer(s("gender"))
        .notNull()
        .defaultsTo(0)
        .integer(s("status"))
        .notNull()
        .defaultsTo(0)
        .key(s("main_department"))
        .key(s("mobile"))
        .name(s("email"))
        .name(s("biz_mail"))
        .key(s("telephone"))
        .text(s("avatar"))
        .json(s("attrs"))
        .syncedRow()
        .unique(cols({"tenant_id", "service_id", "userid"}))
        .index(cols({"tenant_id", "service_id", "name"}))
        .build();
}

Table staffDepartments()
{
    return TableBuilder(s("staff_departments"))
        .id()
        .tenant()
        .service(true)
        .key(s("userid"))
        .notNull()
        .key(s("dept_id"))
        .notNull()
        .bigint(s("order_no"))
        .notNull()
        .defaultsTo(0)
        .boolean(s("is_leader"))
        .notNull()
        .defaultsTo(false)
        .syncedRow()
        .unique(cols({"tenant_id", "service_id", "userid", "dept_id"}))
        .index(cols({"tenant_id", "service_id", "dept_id"}))
        .build();
}

Table externalContacts()
{
    return TableBuilder(s("external_contacts"))
        .id()
        .tenant()
        .service(true)
        .key(s("external_userid"))
        .notNull()
        .name(s("name"))
        .notNull()
        .integer(s("type")) // 1: WeChat user, 2: WeCom user
        .notNull()
        .defaultsTo(1)
        .text(s("avatar"))
        .integer(s("gender"))
        .notNull()
        .defaultsTo(0)
        .key(s("unionid"))
        .name(s("corp_name"))
        .name(s("corp_full_name"))
        .name(s("position"))
        .json(s("attrs"))
        .syncedRow()
        .unique(cols({"tenant_id", "service_id", "external_userid"}))
        .index(cols({"tenant_id", "service_id", "name"}))
        .build();
}

Table followRelations()
{
    return TableBuilder(s("follow_relations"))
        .id()
        .tenant()
        .service(true)
        .key(s("external_userid"))
        .notNull()
        .key(s("userid"))
        .notNull()
        .name(s("remark"))
        .text(s("description"))
        .time(s("add_time"))
        .integer(s("add_way"))
        .notNull()
        .defaultsTo(0)
        .key(s("state"))
        .key(s("oper_userid"))
        .name(s("remark_corp_name"))
        .json(s("remark_mobiles"))
        .syncedRow()
        .unique(cols({"tenant_id", "service_id", "external_userid", "userid"}))
        .index(cols({"tenant_id", "service_id", "userid"}))
        .build();
}

Table corpTagGroups()
{
    return TableBuilder(s("corp_tag_groups"))
        .id()
        .tenant()
        .service(true)
        .key(s("group_id"))
        .notNull()
        .name(s("name"))
        .notNull()
        .bigint(s("order_no"))
        .notNull()
        .defaultsTo(0)
        .time(s("create_time"))
        .syncedRow()
        .unique(cols({"tenant_id", "service_id", "group_id"}))
        .build();
}

Table corpTags()
{
    return TableBuilder(s("corp_tags"))
        .id()
        .tenant()
        .service(true)
        .key(s("tag_id"))
        .notNull()
        .key(s("group_id"))
        .notNull()
        .name(s("name"))
        .notNull()
        .bigint(s("order_no"))
        .notNull()
        .defaultsTo(0)
        .time(s("create_time"))
        .syncedRow()
        .unique(cols({"tenant_id", "service_id", "tag_id"}))
        .index(cols({"tenant_id", "service_id", "group_id"}))
        .build();
}

Table contactTags()
{
    return TableBuilder(s("contact_tags"))
        .id()
        .tenant()
        .service(true)
        .key(s("external_userid"))
        .notNull()
        .key(s("userid"))
        .notNull()
        .key(s("tag_id"))
        .notNull()
        .integer(s("tag_type")) // 1: corp tag, 2: personal tag, 3: rule tag
        .notNull()
        .defaultsTo(1)
        .name(s("group_name"))
        .name(s("tag_name"))
        .syncedRow()
        .unique(cols({"tenant_id", "service_id", "external_userid", "userid", "tag_id"}))
        .index(cols({"tenant_id", "service_id", "tag_id"}))
        .build();
}

Table syncRuns()
{
    TableBuilder table(s("sync_runs"));
    table.id()
        .tenant()
        .service(false) // the history outlives a removed service
        .key(s("sync_type"))
        .notNull() // department / user / customer / full
        .key(s("mode"))
        .notNull() // incremental / full
        .key(s("trigger_source"))
        .notNull() // cli / gui / schedule
        .boolean(s("dry_run"))
        .notNull()
        .defaultsTo(false)
        .key(s("status"))
        .notNull()
        .defaultsTo(s("pending")) // pending / running / success / failed / partial / cancelled
        .time(s("started_at"))
        .time(s("finished_at"))
        .time(s("heartbeat_at"))
        .bigint(s("duration_ms"));
    counts(table)
        .text(s("error_summary"))
        .json(s("checkpoint"))
        .name(s("host"))
        .bigint(s("pid"))
        .key(s("app_version"))
        .key(s("correlation_id"))
        .timestamps()
        .index(cols({"tenant_id", "service_id", "sync_type", "started_at"}))
        .index(cols({"tenant_id", "status", "started_at"}));
    return table.build();
}

Table syncRunSteps()
{
    TableBuilder table(s("sync_run_steps"));
    table.id()
        .tenant()
        .reference(s("run_id"), s("sync_runs"))
        .integer(s("step_no"))
        .notNull()
        .key(s("entity"))
        .notNull()
        .key(s("status"))
        .notNull()
        .defaultsTo(s("pending"));
    counts(table).time(s("started_at")).time(s("finished_at")).unique(cols({"run_id", "step_no"}));
    return table.build();
}

Table syncRunErrors()
{
    return TableBuilder(s("sync_run_errors"))
        .id()
        .tenant()
        .reference(s("run_id"), s("sync_runs"))
        .key(s("entity"))
        .key(s("external_id"))
        .key(s("errcode"))
        .text(s("message"))
        .time(s("created_at"))
        .notNull()
        .index(cols({"run_id"}))
        .build();
}

Table callLog()
{
    return TableBuilder(s("call_log"))
        .id()
        .tenant()
        .bigint(s("service_id")) // no foreign key: the log outlives a removed service
        .key(s("service_type"))
        .text(s("endpoint"))
        .notNull()
        .key(s("method"))
        .notNull()
        .key(s("correlation_id"))
        .bigint(s("run_id"))
        .integer(s("attempt"))
        .notNull()
        .defaultsTo(1)
        .time(s("request_at"))
        .notNull()
        .time(s("response_at"))
        .bigint(s("duration_ms"))
        .integer(s("http_status"))
        .key(s("api_errcode"))
        .boolean(s("success"))
        .notNull()
        .defaultsTo(false)
        .text(s("error"))
        .payload(s("request_payload"))
        .bigint(s("request_size"))
        .hash(s("request_hash"))
        .payload(s("response_payload"))
        .bigint(s("response_size"))
        .hash(s("response_hash"))
        .index(cols({"tenant_id", "request_at", "id"}))
        .index(cols({"tenant_id", "service_id", "request_at", "id"}))
        .index(cols({"tenant_id", "success", "request_at"}))
        .index(cols({"correlation_id"}))
        .index(cols({"run_id"}))
        .build();
}

Table inboundEvents()
{
    return TableBuilder(s("inbound_events"))
        .id()
        .tenant()
        .service(false)
        .key(s("source"))
        .notNull()
        .key(s("event_id"))
        .notNull()
        .key(s("event_type"))
        .time(s("received_at"))
        .notNull()
        .boolean(s("signature_ok"))
        .notNull()
        .defaultsTo(false)
        .payload(s("payload"))
        .key(s("status"))
        .notNull()
        .defaultsTo(s("received")) // received / processed / failed / ignored
        .time(s("processed_at"))
        .integer(s("attempts"))
        .notNull()
        .defaultsTo(0)
        .text(s("error"))
        .unique(cols({"tenant_id", "service_id", "source", "event_id"}))
        .index(cols({"tenant_id", "status", "received_at"}))
        .build();
}

Table posTransactions()
{
    return TableBuilder(s("pos_transactions"))
        .id()
        .tenant()
        .service(false) // business records: kept when the POS configuration is removed
        .key(s("transaction_id"))
        .notNull()
        .key(s("store_id"))
        .key(s("kind"))
        .notNull() // sale / refund / void
        .bigint(s("amount_cents"))
        .notNull()
        .defaultsTo(0)
        .key(s("currency"))
        .notNull()
        .defaultsTo(s("CNY"))
        .json(s("items"))
        .json(s("customer"))
        .key(s("payment_method"))
        .time(s("occurred_at"))
        .time(s("received_at"))
        .notNull()
        .json(s("raw"))
        .timestamps()
        .unique(cols({"tenant_id", "service_id", "transaction_id"}))
        .index(cols({"tenant_id", "occurred_at"}))
        .build();
}

Table supplierOrders()
{
    return TableBuilder(s("supplier_orders"))
        .id()
        .tenant()
        .service(false)
        .key(s("order_no"))
        .notNull()
        .key(s("supplier_id"))
        .name(s("supplier_name"))
        .key(s("kind"))
        .notNull()
        .defaultsTo(s("purchase")) // purchase / return
        .key(s("status"))
        .notNull()
        .defaultsTo(s("pending")) // pending / confirmed / shipped / delivered / cancelled
        .json(s("items"))
        .bigint(s("total_cents"))
        .notNull()
        .defaultsTo(0)
        .key(s("currency"))
        .notNull()
        .defaultsTo(s("CNY"))
        .json(s("delivery"))
        .time(s("ordered_at"))
        .time(s("confirmed_at"))
        .time(s("shipped_at"))
        .time(s("delivered_at"))
        .time(s("cancelled_at"))
        .timestamps()
        .unique(cols({"tenant_id", "service_id", "order_no"}))
        .index(cols({"tenant_id", "status", "ordered_at"}))
        .build();
}

Table memberSyncs()
{
    return TableBuilder(s("member_syncs"))
        .id()
        .tenant()
        .service(false)
        .key(s("member_id"))
        .key(s("external_member_id"))
        .notNull()
        .key(s("level"))
        .bigint(s("points"))
        .notNull()
        .defaultsTo(0)
        .bigint(s("balance_cents"))
        .notNull()
        .defaultsTo(0)
        .key(s("direction"))
        .notNull() // inbound / outbound
        .key(s("status"))
        .notNull()
        .defaultsTo(s("pending"))
        .time(s("synced_at"))
        .text(s("error"))
        .hash(s("content_hash"))
        .timestamps()
        .unique(cols({"tenant_id", "service_id", "external_member_id"}))
        .index(cols({"tenant_id", "member_id"}))
        .build();
}

Table auditLog()
{
    return TableBuilder(s("audit_log"))
        .id()
        .tenant()
        .time(s("occurred_at"))
        .notNull()
        .name(s("actor_os_user"))
        .name(s("actor_db_user"))
        .name(s("host"))
        .key(s("action"))
        .notNull()
        .key(s("entity_type"))
        .notNull()
        .name(s("entity_name"))
        .json(s("before_state")) // "before" is reserved in MySQL
        .json(s("after_state"))
        .key(s("app_version"))
        .index(cols({"tenant_id", "occurred_at"}))
        .index(cols({"tenant_id", "entity_type", "entity_name"}))
        .build();
}

/// WeCom access tokens shared by the processes that use one database (wecom-api.md §2): one row per tenant, API
/// base URL (the sandbox and production never share a row), corp ID and secret kind. The token is stored sealed
/// (ic::connectors::wecom::TokenSealer), never in clear. Four Key columns keep the unique index at 2,048 bytes
/// on MySQL, under InnoDB's 3,072-byte limit; the API base must therefore fit in 128 characters.
Table accessTokenCache()
{
    return TableBuilder(s("access_token_cache"))
        .id()
        .tenant()
        .key(s("api_base"))
        .notNull()
        .key(s("corp_id"))
        .notNull()
        .key(s("secret_kind")) // app / contacts / customer
        .notNull()
        .text(s("sealed_token")) // a 512-byte token seals to about 730 characters
        .notNull()
        .time(s("expires_at"))
        .notNull()
        .time(s("fetched_at"))
        .notNull()
        .text(s("fetched_by")) // host:pid of the process that called gettoken
        .unique(cols({"tenant_id", "api_base", "corp_id", "secret_kind"}))
        .build();
}

/// Connection test results, kept for the UI. They go with their service.
Table serviceTests()
{
    return TableBuilder(s("service_tests"))
        .id()
        .tenant()
        .service(true)
        .time(s("started_at"))
        .notNull()
        .time(s("finished_at"))
        .key(s("outcome")) // passed / warning / failed
        .notNull()
        .json(s("result")) // the steps, as a JSON array
        .notNull()
        .name(s("tested_by"))
        .index(cols({"tenant_id", "service_id", "started_at"}))
        .build();
}

/// The holder of each sync lock: one row per (tenant, service, sync type) while a run holds it (see ic::sync::RunLock).
/// On SQLite the row is the lock itself, taken in a write transaction and taken over only when its heartbeat is older
/// than the stale time; on PostgreSQL and MySQL a session-level advisory lock is the lock, and the row only tells
/// other processes who holds it. holder_token is random per lock: host and pid alone do not tell two locks of one
/// process apart.
Table syncLocks()
{
    return TableBuilder(s("sync_locks"))
        .id()
        .tenant()
        .service(false) // no foreign key: a lock may outlive a service removed while its run is stopping
        .key(s("sync_type"))
        .notNull()
        .key(s("holder_token"))
        .notNull()
        .name(s("host"))
        .notNull()
        .bigint(s("pid"))
        .notNull()
        .bigint(s("run_id")) // null until the holder has created its run
        .time(s("acquired_at"))
        .notNull()
        .time(s("heartbeat_at"))
        .notNull()
        .unique(cols({"tenant_id", "service_id", "sync_type"}))
        .build();
}

QList<Migration> buildMigrations()
{
    Migration initial;
    initial.version = 1;
    initial.name = s("initial schema");
    initial.tables = {serviceConfigs(),  departments(),   staff(),    staffDepartments(), externalContacts(),
                      followRelations(), corpTagGroups(), corpTags(), contactTags(),      syncRuns(),
                      syncRunSteps(),    syncRunErrors(), callLog(),  inboundEvents(),    posTransactions(),
                      supplierOrders(),  memberSyncs(),   auditLog()};

    Migration tokenCache;
    tokenCache.version = 2;
    tokenCache.name = s("access token cache and connection test results");
    tokenCache.tables = {accessTokenCache(), serviceTests()};

    Migration runLocks;
    runLocks.version = 3;
    runLocks.name = s("sync run locks");
    runLocks.tables = {syncLocks()};

    // A sync reads the contact tags of one batch of followers at a time.
    Migration followerIndexes;
    followerIndexes.version = 4;
    followerIndexes.name = s("contact tags by follower");
    schema::Index byFollower;
    byFollower.name = s("contact_tags_userid_idx");
    byFollower.columns = cols({"tenant_id", "service_id", "userid"});
    followerIndexes.indexes = {{s("contact_tags"), byFollower}};
    return {initial, tokenCache, runLocks, followerIndexes};
}

} // namespace

QStringList Migration::statements(Dialect dialect) const
{
    QStringList result;
    for (const Table &table : tables) {
        result += schema::createStatements(table, dialect);
    }
    for (const auto &[table, index] : indexes) {
        const QString columns = index.columns.join(QStringLiteral(", "));
        const QString kind = index.unique ? QStringLiteral("UNIQUE INDEX ") : QStringLiteral("INDEX ");
        if (dialect == Dialect::MySQL) {
            // MySQL has no CREATE INDEX IF NOT EXISTS (MariaDB has): add it only when information_schema lacks it.
            result << QStringLiteral("SET @ic_ddl = (SELECT IF(COUNT(*) = 0, 'ALTER TABLE %1 ADD %2%3 (%4)', "
                                     "'DO 0') FROM information_schema.statistics WHERE table_schema = DATABASE() "
                                     "AND table_name = '%1' AND index_name = '%3')")
                          .arg(table, kind, index.name, columns)
                   << QStringLiteral("PREPARE ic_ddl_statement FROM @ic_ddl")
                   << QStringLiteral("EXECUTE ic_ddl_statement")
                   << QStringLiteral("DEALLOCATE PREPARE ic_ddl_statement");
        } else {
            result << QStringLiteral("CREATE %1IF NOT EXISTS %2 ON %3 (%4)").arg(kind, index.name, table, columns);
        }
    }
    return result;
}

const QList<Migration> &migrations()
{
    static const QList<Migration> all = buildMigrations();
    return all;
}

schema::Table migrationsTable()
{
    return TableBuilder(s("ic_schema_migrations"))
        .integer(s("version"))
        .notNull()
        .name(s("name"))
        .notNull()
        .time(s("applied_at"))
        .notNull()
        .key(s("app_version"))
        .notNull()
        .primaryKey(cols({"version"}))
        .build();
}

} // namespace ic::db
