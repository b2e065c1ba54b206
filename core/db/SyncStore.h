#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ic::db {

class Database;

/// The tables a sync mirrors from a provider, one per kind of row. Every table has the bookkeeping columns of
/// TableBuilder::syncedRow(): content_hash, synced_at, last_run_id, deleted_at (soft delete), created_at, updated_at.
enum class SyncEntity {
    Department,      ///< departments
    Staff,           ///< staff
    StaffDepartment, ///< staff_departments
    TagGroup,        ///< corp_tag_groups
    Tag,             ///< corp_tags
    Contact,         ///< external_contacts
    FollowRelation,  ///< follow_relations
    ContactTag,      ///< contact_tags
};

/// Every entity, in dependency order.
QList<SyncEntity> syncEntities();
/// "department", "staff", "staff_department", "tag_group", "tag", "contact", "follow_relation", "contact_tag":
/// the names used in run steps, run errors, counts and plans.
QString syncEntityName(SyncEntity entity);
std::optional<SyncEntity> parseSyncEntity(const QString &name);
/// The table of `entity`.
QString syncEntityTable(SyncEntity entity);

/// The data columns of `entity`, in the order of SyncRow::values. The natural-key columns come first
/// (syncKeyColumnCount() of them); tenant_id, service_id and the bookkeeping columns are not listed.
///
///  department:       dept_id, name, name_en, parent_id, order_no, leaders
///  staff:            userid, open_userid, name, alias, position, gender, status, main_department, mobile, email,
///                    biz_mail, telephone, avatar, attrs
///  staff_department: userid, dept_id, order_no, is_leader
///  tag_group:        group_id, name, order_no, create_time
///  tag:              tag_id, group_id, name, order_no, create_time
///  contact:          external_userid, name, type, avatar, gender, unionid, corp_name, corp_full_name, position, attrs
///  follow_relation:  external_userid, userid, remark, description, add_time, add_way, state, oper_userid,
///                    remark_corp_name, remark_mobiles
///  contact_tag:      external_userid, userid, tag_id, tag_type, group_name, tag_name
///
/// Value types in SyncRow::values: QString for text, key and JSON columns (JSON as compact text), qint64 for integer
/// columns, bool for is_leader, QDateTime (UTC) for time columns (add_time, create_time); an invalid QVariant or a
/// null QString is stored as NULL and read back as an empty QString (or an invalid QDateTime): the two are one
/// value for the content hash.
const QStringList &syncColumns(SyncEntity entity);
int syncKeyColumnCount(SyncEntity entity);

/// The separator between the parts of a compound natural key in SyncRow::key: U+001F (unit separator).
inline constexpr QChar syncKeySeparator{0x1f};
/// The natural key of a row from its values: the key columns' text joined by syncKeySeparator.
QString syncKeyOf(SyncEntity entity, const QVariantList &values);
/// A stable 64-bit hash of a natural key (FNV-1a over its UTF-16), for in-memory indexes. Stable across runs,
/// processes and versions.
quint64 syncKeyHash(const QString &key);
/// The content hash of a row's values: 64 bits of SHA-256 over a canonical, type-tagged encoding (a null string and
/// an empty one are equal; times as UTC seconds). Stored as 16 lowercase hex digits in content_hash.
quint64 syncContentHash(const QVariantList &values);

/// One row as the provider has it now.
struct SyncRow {
    QString key;         ///< syncKeyOf(values)
    QVariantList values; ///< In syncColumns() order.
    quint64 hash = 0;    ///< syncContentHash(values)

    /// Builds a row, computing key and hash. The values are first brought to the types their columns store, so that
    /// what is written reads back equal (and with an equal hash): text and key columns become QString (a number as
    /// its decimal text), JSON columns QString (a QJsonObject, QJsonArray, QJsonValue or QJsonDocument as compact
    /// text; text as given), integer columns qint64 (NULL: the column's default, which is what the database would
    /// store), is_leader bool (NULL: false), time columns a UTC QDateTime (from a QDateTime, from seconds since the
    /// epoch when an integer, or from ISO 8601 text; 0 and anything unreadable: invalid).
    static SyncRow make(SyncEntity entity, QVariantList values);
};

/// One stored row, as the comparison needs it.
struct SyncIndexEntry {
    quint64 keyHash = 0;
    quint64 contentHash = 0; ///< 0 when the stored hash is missing or unreadable (the row then counts as changed).
    qint64 id = 0;
    bool deleted = false; ///< deleted_at is set
    QString key;
};

/// The stored rows of one entity (or of a scope of it), sorted by keyHash, for lookups while comparing.
class SyncIndex {
public:
    SyncIndex() = default;
    explicit SyncIndex(std::vector<SyncIndexEntry> entries); ///< Sorts them.

    /// The entry of `key`, or nullptr.
    const SyncIndexEntry *find(const QString &key) const;
    const SyncIndexEntry *find(quint64 keyHash, const QString &key) const;
    const std::vector<SyncIndexEntry> &entries() const { return m_entries; }
    qsizetype size() const { return qsizetype(m_entries.size()); }
    /// Rows without deleted_at.
    qsizetype liveCount() const;

private:
    std::vector<SyncIndexEntry> m_entries;
};

/// The writes of one batch for one entity. Nothing here is validated against the index: the caller decides.
struct SyncWriteBatch {
    SyncEntity entity = SyncEntity::Department;
    /// Rows to insert or overwrite: new rows, changed rows, rows that come back after a soft delete (deleted_at is
    /// cleared) and, in a full-mode run, unchanged ones. One native upsert per dialect on the natural key (ON
    /// CONFLICT ... DO UPDATE on SQLite and PostgreSQL, ON DUPLICATE KEY UPDATE on MySQL), many rows per statement;
    /// created_at is kept for existing rows.
    QList<SyncRow> upserts;
    /// Ids of live rows to soft-delete (deleted_at, last_run_id, synced_at, updated_at are set). Rows deleted already
    /// are left as they are (they keep the time they went).
    QList<qint64> deletes;

    bool isEmpty() const { return upserts.isEmpty() && deletes.isEmpty(); }
    qsizetype size() const { return upserts.size() + deletes.size(); }
};

/// Typed access to the mirrored tables of one tenant and service (departments, staff, tags, contacts, follow
/// relations, contact tags) for the sync engine, the tests and the data views. All SQL of these tables lives here.
///
/// Memory: loadIndex() holds about 100 bytes per row of the scope; the writes hold one batch.
class SyncStore {
public:
    SyncStore(Database &db, QString tenantId, qint64 serviceId);
    ~SyncStore();
    SyncStore(const SyncStore &) = delete;
    SyncStore &operator=(const SyncStore &) = delete;

    Database &database() { return m_db; }

    /// On SQLite, write() binds and runs its statements through SQLite's C API when the driver's library exports
    /// it (db/SqliteNative.h): several times faster than QSqlQuery for multi-row upserts, and the rows read back the
    /// same. On by default where available; false forces QSqlQuery, as on the other dialects (the tests compare
    /// the two). nativeSqliteWrites() says which one write() uses.
    void setNativeSqliteWrites(bool enabled);
    bool nativeSqliteWrites() const;

    /// The stored rows of `entity` (live and soft-deleted). With `followers` (follow_relation and contact_tag only):
    /// the rows whose userid is one of them, in one query per at most 500 followers.
    Result<SyncIndex> loadIndex(SyncEntity entity, const std::optional<QStringList> &followers = std::nullopt);

    /// Live rows of follow_relation or contact_tag whose userid is NOT in `followers` (followers that vanished).
    Result<std::vector<SyncIndexEntry>> liveRowsOutsideFollowers(SyncEntity entity, const QStringList &followers);

    /// The distinct external_userid of live follow relations of `followers`, leaving out the relations whose ids are
    /// in `excludedIds` (sorted ascending). For a resumed run.
    Result<QStringList> followedContacts(const QStringList &followers, const std::vector<qint64> &excludedIds);

    /// Writes the batch: upserts, then deletes, stamping last_run_id = `runId`, synced_at = updated_at = `now` (the
    /// current time when invalid). Joins the caller's transaction on the same Database (Database::transaction());
    /// opens its own otherwise. Either everything in the batch is written or nothing.
    ///
    /// A row whose values are not one per column, or whose natural key has an empty part, fails the batch before
    /// anything is sent (Internal / InvalidInput). Of several upserts with one key the last one is written. A NULL
    /// (invalid or null QString) in a NOT NULL text column is written as the empty string; in a NOT NULL integer or
    /// boolean column it fails the batch (rows built by SyncRow::make() hold the column default instead).
    Status write(const SyncWriteBatch &batch, qint64 runId, const QDateTime &now = {});

    /// Live rows (deleted_at is NULL), ordered by natural key, values in syncColumns() order read back with the same
    /// types as written (JSON text exactly as written: the JSON columns are text on every dialect). Streams to
    /// `visit`; a false return stops. For tests and exports.
    Status forEachLiveRow(SyncEntity entity, const std::function<bool(const SyncRow &row, qint64 lastRunId)> &visit);

    /// The number of live rows of `entity`.
    Result<qint64> liveCount(SyncEntity entity);

    /// The number of rows of `entity`, live and soft-deleted, whose last_run_id is `runId`: the rows that run wrote
    /// (created, updated, restored, deleted, and in a full-mode run rewritten) and no later run touched.
    Result<qint64> countChangedBy(SyncEntity entity, qint64 runId);

private:
    struct Private;
    Database &m_db;
    QString m_tenantId;
    qint64 m_serviceId = 0;
    std::unique_ptr<Private> d;
};

} // namespace ic::db
