#include "SyncStore.h"

#include "common/Logging.h"
#include "common/Sha256.h"
#include "db/Database.h"
#include "db/Migrations.h"
#include "db/SqlError.h"
#include "db/SqliteNative.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QSqlQuery>
#include <QTimeZone>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

namespace ic::db {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::db::SyncStore)
};

/// How a data column is bound and read back.
enum class Kind { Text, Json, Int, Bool, Time };

struct ColumnInfo {
    QString name;
    Kind kind = Kind::Text;
    bool notNull = false;
    QVariant defaultValue; ///< The schema's default (int and bool columns); invalid: none.
};

struct EntityInfo {
    SyncEntity entity = SyncEntity::Department;
    QString name;
    QString table;
    QStringList columns;
    int keyCount = 0;
    QList<ColumnInfo> info;
    int useridColumn = -1; ///< The index of `userid` among the key columns, or -1.
};

const QList<SyncEntity> allEntities = {SyncEntity::Department,     SyncEntity::Staff,     SyncEntity::StaffDepartment,
                                       SyncEntity::TagGroup,       SyncEntity::Tag,       SyncEntity::Contact,
                                       SyncEntity::FollowRelation, SyncEntity::ContactTag};

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *name : list) {
        result.append(QString::fromLatin1(name));
    }
    return result;
}

/// The latest definition of `table` in the migrations: the column types and NOT NULL constraints come from there,
/// so that this file cannot disagree with the schema.
schema::Table schemaTable(const QString &table)
{
    schema::Table found;
    for (const Migration &migration : migrations()) {
        for (const schema::Table &t : migration.tables) {
            if (t.name == table) {
                found = t;
            }
        }
    }
    Q_ASSERT_X(!found.name.isEmpty(), "SyncStore", "a mirrored table is missing from the migrations");
    return found;
}

Kind kindOf(schema::ColumnType type)
{
    switch (type) {
    case schema::ColumnType::Json:
        return Kind::Json;
    case schema::ColumnType::Int:
    case schema::ColumnType::BigInt:
    case schema::ColumnType::Id:
        return Kind::Int;
    case schema::ColumnType::Bool:
        return Kind::Bool;
    case schema::ColumnType::Time:
        return Kind::Time;
    case schema::ColumnType::Key:
    case schema::ColumnType::Name:
    case schema::ColumnType::Text:
    case schema::ColumnType::Payload:
    case schema::ColumnType::Hash:
        break;
    }
    return Kind::Text;
}

EntityInfo makeInfo(SyncEntity entity, const char *name, const char *table, QStringList columns, int keyCount)
{
    EntityInfo info;
    info.entity = entity;
    info.name = QString::fromLatin1(name);
    info.table = QString::fromLatin1(table);
    info.columns = std::move(columns);
    info.keyCount = keyCount;
    const schema::Table definition = schemaTable(info.table);
    for (const QString &column : std::as_const(info.columns)) {
        const schema::Column *c = definition.column(column);
        Q_ASSERT_X(c, "SyncStore", "a mirrored column is missing from the schema");
        ColumnInfo ci;
        ci.name = column;
        if (c) {
            ci.kind = kindOf(c->type);
            ci.notNull = c->notNull;
            ci.defaultValue = c->defaultValue;
        }
        info.info.append(ci);
    }
    const qsizetype userid = info.columns.indexOf(QStringLiteral("userid"));
    if (userid >= 0 && userid < keyCount && entity != SyncEntity::Staff && entity != SyncEntity::StaffDepartment) {
        info.useridColumn = int(userid);
    }
    return info;
}

const std::array<EntityInfo, 8> &entityInfos()
{
    static const std::array<EntityInfo, 8> infos = {
        makeInfo(SyncEntity::Department, "department", "departments",
                 names({"dept_id", "name", "name_en", "parent_id", "order_no", "leaders"}), 1),
        makeInfo(SyncEntity::Staff, "staff", "staff",
                 names({"userid", "open_userid", "name", "alias", "position", "gender", "status", "main_department",
                        "mobile", "email", "biz_mail", "telephone", "avatar", "attrs"}),
                 1),
        makeInfo(SyncEntity::StaffDepartment, "staff_department", "staff_departments",
                 names({"userid", "dept_id", "order_no", "is_leader"}), 2),
        makeInfo(SyncEntity::TagGroup, "tag_group", "corp_tag_groups",
                 names({"group_id", "name", "order_no", "create_time"}), 1),
        makeInfo(SyncEntity::Tag, "tag", "corp_tags", names({"tag_id", "group_id", "name", "order_no", "create_time"}),
                 1),
        makeInfo(SyncEntity::Contact, "contact", "external_contacts",
                 names({"external_userid", "name", "type", "avatar", "gender", "unionid", "corp_name", "corp_full_name",
                        "position", "attrs"}),
                 1),
        makeInfo(SyncEntity::FollowRelation, "follow_relation", "follow_relations",
                 names({"external_userid", "userid", "remark", "description", "add_time", "add_way", "state",
                        "oper_userid", "remark_corp_name", "remark_mobiles"}),
                 2),
        makeInfo(SyncEntity::ContactTag, "contact_tag", "contact_tags",
                 names({"external_userid", "userid", "tag_id", "tag_type", "group_name", "tag_name"}), 3),
    };
    return infos;
}

const EntityInfo &infoOf(SyncEntity entity)
{
    return entityInfos()[std::size_t(entity)];
}

/// A non-null empty string: QtSql binds a null QString as NULL.
const QString &emptyText()
{
    static const QString empty = QString::fromLatin1(QByteArrayView("", 0));
    return empty;
}

QVariant nullOf(Kind kind)
{
    switch (kind) {
    case Kind::Int:
        return QVariant(QMetaType::fromType<qint64>());
    case Kind::Bool:
        return QVariant(QMetaType::fromType<bool>());
    case Kind::Text:
    case Kind::Json:
    case Kind::Time:
        break;
    }
    return QVariant(QMetaType::fromType<QString>());
}

bool isEmptyValue(const QVariant &value)
{
    if (!value.isValid() || value.isNull()) {
        return true;
    }
    switch (value.metaType().id()) {
    case QMetaType::QString:
        return value.toString().isEmpty();
    case QMetaType::QDateTime:
        return !value.toDateTime().isValid();
    default:
        return false;
    }
}

bool isIntegral(const QVariant &value)
{
    switch (value.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
        return true;
    default:
        return false;
    }
}

QString jsonText(const QVariant &value)
{
    switch (value.metaType().id()) {
    case QMetaType::QJsonDocument:
        return QString::fromUtf8(value.toJsonDocument().toJson(QJsonDocument::Compact));
    case QMetaType::QJsonObject:
        return QString::fromUtf8(QJsonDocument(value.toJsonObject()).toJson(QJsonDocument::Compact));
    case QMetaType::QJsonArray:
        return QString::fromUtf8(QJsonDocument(value.toJsonArray()).toJson(QJsonDocument::Compact));
    case QMetaType::QJsonValue: {
        const QJsonValue json = value.toJsonValue();
        if (json.isObject()) {
            return QString::fromUtf8(QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact));
        }
        if (json.isArray()) {
            return QString::fromUtf8(QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact));
        }
        return json.isNull() || json.isUndefined() ? QString() : json.toVariant().toString();
    }
    default:
        return value.toString();
    }
}

/// `value` as the type its column stores (see SyncRow::make()).
QVariant normalised(const ColumnInfo &column, const QVariant &value)
{
    const bool empty = !value.isValid() || value.isNull();
    switch (column.kind) {
    case Kind::Text:
        if (empty) {
            return QString();
        }
        if (value.metaType().id() == QMetaType::QByteArray) {
            return QString::fromUtf8(value.toByteArray());
        }
        return value.toString();
    case Kind::Json:
        return empty ? QString() : jsonText(value);
    case Kind::Int: {
        bool ok = false;
        const qint64 number = empty ? 0 : value.toLongLong(&ok);
        if (ok) {
            return number;
        }
        if (column.defaultValue.isValid()) {
            return column.defaultValue.toLongLong();
        }
        return QVariant();
    }
    case Kind::Bool:
        if (empty) {
            return column.defaultValue.isValid() ? QVariant(column.defaultValue.toBool()) : QVariant();
        }
        return value.toBool();
    case Kind::Time:
        if (empty) {
            return QDateTime();
        }
        if (value.metaType().id() == QMetaType::QDateTime) {
            const QDateTime time = value.toDateTime();
            return time.isValid() ? time.toUTC() : QDateTime();
        }
        if (isIntegral(value)) {
            const qint64 seconds = value.toLongLong();
            return seconds > 0 ? QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc()) : QDateTime();
        }
        if (value.metaType().id() == QMetaType::QString) {
            const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
            return time.isValid() ? time.toUTC() : QDateTime();
        }
        return QDateTime();
    }
    return value;
}

/// The value to bind for `value` in `column`.
QVariant bindValue(const Database &db, const ColumnInfo &column, const QVariant &value)
{
    const bool empty = !value.isValid() || value.isNull();
    switch (column.kind) {
    case Kind::Text:
    case Kind::Json: {
        const QString text = empty ? QString() : column.kind == Kind::Json ? jsonText(value) : value.toString();
        if (text.isEmpty()) {
            // NOT NULL text columns (names) take the empty string; the content hash makes no difference.
            return column.notNull ? QVariant(emptyText()) : nullOf(Kind::Text);
        }
        return text;
    }
    case Kind::Int: {
        bool ok = false;
        const qint64 number = empty ? 0 : value.toLongLong(&ok);
        return ok ? QVariant(number) : nullOf(Kind::Int);
    }
    case Kind::Bool:
        return empty ? nullOf(Kind::Bool) : QVariant(value.toBool());
    case Kind::Time:
        return db.toDbTime(normalised(column, value).toDateTime());
    }
    return value;
}

/// The value read from `value` (one column of a SELECT) in the type SyncRow::values holds.
QVariant readValue(const Database &db, const ColumnInfo &column, const QVariant &value)
{
    switch (column.kind) {
    case Kind::Text:
    case Kind::Json:
        // JSON columns are TEXT on every dialect: the text comes back as it was written.
        return value.isNull() ? QString() : value.toString();
    case Kind::Int:
        return value.isNull() ? QVariant() : QVariant(value.toLongLong());
    case Kind::Bool:
        return value.isNull() ? QVariant() : QVariant(value.toBool());
    case Kind::Time:
        return db.fromDbTime(value);
    }
    return value;
}

QString hashText(quint64 hash)
{
    return QStringLiteral("%1").arg(hash, 16, 16, QLatin1Char('0'));
}

quint64 parseHash(const QVariant &value)
{
    const QString text = value.toString();
    if (text.size() != 16) {
        return 0;
    }
    bool ok = false;
    const quint64 hash = text.toULongLong(&ok, 16);
    return ok ? hash : 0;
}

QString placeholders(int count)
{
    QString text;
    text.reserve(count * 3);
    for (int i = 0; i < count; ++i) {
        text += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    }
    return text;
}

/// Rows per upsert statement and ids per delete statement: a statement holds one of these many rows, the
/// largest that fits, so a batch of any size needs a handful of statements and each entity at most
/// chunkSizes.size() prepared ones. 256 rows of the widest table (staff, 21 parameters a row) are 5,376
/// parameters, far below the limits of SQLite (32,766), PostgreSQL and MySQL (65,535).
constexpr std::array<int, 9> chunkSizes = {256, 128, 64, 32, 16, 8, 4, 2, 1};

/// Rows per upsert statement on SQLite. A statement inside a transaction keeps the first image of every page it
/// changes in a statement journal, so that it can be undone alone, and the sync's writer keeps those journals in
/// memory (Database::tuneForBatchWrites()). With keys as random as WeCom's ids each row lands on its own index
/// pages: with 256-row statements the 100,000-contact sync's peak memory rose by 14 MiB, with 64 it did not, and
/// the sync is as fast.
constexpr int sqliteNativeChunk = 64;

/// Statements that QSqlQuery prepares on SQLite stay below this many parameters. QSqlQuery hands SQLite every `?`
/// renamed to a named parameter (":1", ":2" ...), and SQLite looks named parameters up in a list, once when parsing
/// and once when generating code: preparing costs the square of the parameters. At 5,376 parameters one prepare
/// took tens of milliseconds; at about 500 it is well under one, while a statement still carries dozens of rows.
/// SQLite's C API (SyncStore's usual way on SQLite) keeps `?` positional and has no such cost.
constexpr int sqliteMaxParameters = 512;

int chunkFor(qsizetype remaining, int largest)
{
    for (const int size : chunkSizes) {
        if (size <= largest && remaining >= size) {
            return size;
        }
    }
    return 1;
}

/// The bookkeeping columns an upsert writes after the data columns, one parameter each.
const QStringList upsertTail = names({"content_hash", "synced_at", "last_run_id", "created_at", "updated_at"});

QString upsertStatement(const EntityInfo &info, Dialect dialect, int rows)
{
    QStringList columns = names({"tenant_id", "service_id"});
    columns += info.columns;
    columns += upsertTail;
    const QString row = QLatin1Char('(') + placeholders(int(columns.size())) + QLatin1Char(')');
    QString sql = QStringLiteral("INSERT INTO ") + info.table + QStringLiteral(" (") +
                  columns.join(QStringLiteral(", ")) + QStringLiteral(") VALUES ");
    sql.reserve(sql.size() + rows * (row.size() + 2) + 1024);
    for (int i = 0; i < rows; ++i) {
        if (i > 0) {
            sql += QStringLiteral(", ");
        }
        sql += row;
    }

    // Every column but the natural key and created_at, which stays what the first insert set.
    QStringList updated = info.columns.mid(info.keyCount);
    updated += names({"content_hash", "synced_at", "last_run_id", "updated_at"});
    QStringList assignments;
    for (const QString &column : std::as_const(updated)) {
        if (dialect == Dialect::MySQL) {
            assignments.append(column + QStringLiteral(" = VALUES(") + column + QLatin1Char(')'));
        } else {
            assignments.append(column + QStringLiteral(" = excluded.") + column);
        }
    }
    assignments.append(QStringLiteral("deleted_at = NULL"));
    if (dialect == Dialect::MySQL) {
        sql += QStringLiteral(" ON DUPLICATE KEY UPDATE ");
    } else {
        sql += QStringLiteral(" ON CONFLICT (tenant_id, service_id, ") +
               info.columns.mid(0, info.keyCount).join(QStringLiteral(", ")) + QStringLiteral(") DO UPDATE SET ");
    }
    sql += assignments.join(QStringLiteral(", "));
    return sql;
}

QString deleteStatement(const EntityInfo &info, int ids)
{
    // Rows deleted already keep the time they went.
    return QStringLiteral("UPDATE ") + info.table +
           QStringLiteral(" SET deleted_at = ?, last_run_id = ?, synced_at = ?, updated_at = ? WHERE tenant_id = ? "
                          "AND service_id = ? AND deleted_at IS NULL AND id IN (") +
           placeholders(ids) + QLatin1Char(')');
}

/// Sorted, without duplicates.
QStringList uniqueSorted(const QStringList &list)
{
    QStringList result = list;
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

/// The most followers one `userid IN (...)` lists.
constexpr qsizetype followersPerQuery = 500;

bool lessEntry(const SyncIndexEntry &a, const SyncIndexEntry &b)
{
    return std::tie(a.keyHash, a.key) < std::tie(b.keyHash, b.key);
}

} // namespace

// --- entities ---------------------------------------------------------------------------------------------------

QList<SyncEntity> syncEntities()
{
    return allEntities;
}

QString syncEntityName(SyncEntity entity)
{
    return infoOf(entity).name;
}

std::optional<SyncEntity> parseSyncEntity(const QString &name)
{
    for (const EntityInfo &info : entityInfos()) {
        if (info.name == name) {
            return info.entity;
        }
    }
    return std::nullopt;
}

QString syncEntityTable(SyncEntity entity)
{
    return infoOf(entity).table;
}

const QStringList &syncColumns(SyncEntity entity)
{
    return infoOf(entity).columns;
}

int syncKeyColumnCount(SyncEntity entity)
{
    return infoOf(entity).keyCount;
}

// --- keys and hashes --------------------------------------------------------------------------------------------

QString syncKeyOf(SyncEntity entity, const QVariantList &values)
{
    const int count = syncKeyColumnCount(entity);
    QString key;
    for (int i = 0; i < count; ++i) {
        if (i > 0) {
            key += syncKeySeparator;
        }
        if (i < values.size()) {
            const QVariant &value = values.at(i);
            if (isIntegral(value)) {
                key += QString::number(value.toLongLong());
            } else if (!isEmptyValue(value)) {
                key += value.toString();
            }
        }
    }
    return key;
}

quint64 syncKeyHash(const QString &key)
{
    // FNV-1a 64 over the UTF-16LE bytes of the key.
    quint64 hash = 14695981039346656037ULL;
    constexpr quint64 prime = 1099511628211ULL;
    for (const QChar c : key) {
        const char16_t unit = c.unicode();
        hash ^= quint64(unit & 0xff);
        hash *= prime;
        hash ^= quint64(unit >> 8);
        hash *= prime;
    }
    return hash;
}

quint64 syncContentHash(const QVariantList &values)
{
    // Version 1 of the encoding; content_hash values stored by it stay comparable only while it stays the same
    // (tst_syncstore pins a value). Each value is a tag byte and its bytes: 's' + 32-bit length + UTF-8 for text
    // (null, empty, an invalid QVariant and an invalid QDateTime alike), 'i' + 64-bit big-endian for integers,
    // 'b' + one byte for booleans, 't' + 64-bit big-endian UTC seconds for times, 'd' + text for floating point.
    QByteArray data;
    data.reserve(16 + values.size() * 24);
    data += "ic-sync-row/1";
    auto append64 = [&data](qint64 number) {
        char bytes[8];
        qToBigEndian(number, bytes);
        data.append(bytes, sizeof(bytes));
    };
    auto appendText = [&data](const QByteArray &text) {
        char length[4];
        qToBigEndian(quint32(text.size()), length);
        data += 's';
        data.append(length, sizeof(length));
        data += text;
    };
    append64(values.size());
    for (const QVariant &value : values) {
        if (isEmptyValue(value)) {
            appendText({});
            continue;
        }
        switch (value.metaType().id()) {
        case QMetaType::Bool:
            data += 'b';
            data += value.toBool() ? '\1' : '\0';
            break;
        case QMetaType::QDateTime:
            data += 't';
            append64(value.toDateTime().toSecsSinceEpoch());
            break;
        case QMetaType::Double:
        case QMetaType::Float: {
            const QByteArray number = QByteArray::number(value.toDouble(), 'g', 17);
            data += 'd';
            data += char(number.size());
            data += number;
            break;
        }
        case QMetaType::QByteArray:
            appendText(value.toByteArray());
            break;
        default:
            if (isIntegral(value)) {
                data += 'i';
                append64(value.toLongLong());
            } else {
                appendText(value.toString().toUtf8());
            }
            break;
        }
    }
    const QByteArray digest = sha256(data);
    return qFromBigEndian<quint64>(digest.constData());
}

SyncRow SyncRow::make(SyncEntity entity, QVariantList values)
{
    const EntityInfo &info = infoOf(entity);
    const qsizetype count = std::min(values.size(), info.info.size());
    for (qsizetype i = 0; i < count; ++i) {
        values[i] = normalised(info.info.at(i), values.at(i));
    }
    SyncRow row;
    row.key = syncKeyOf(entity, values);
    row.hash = syncContentHash(values);
    row.values = std::move(values);
    return row;
}

// --- SyncIndex --------------------------------------------------------------------------------------------------

SyncIndex::SyncIndex(std::vector<SyncIndexEntry> entries)
    : m_entries(std::move(entries))
{
    std::sort(m_entries.begin(), m_entries.end(), lessEntry);
}

const SyncIndexEntry *SyncIndex::find(const QString &key) const
{
    return find(syncKeyHash(key), key);
}

const SyncIndexEntry *SyncIndex::find(quint64 keyHash, const QString &key) const
{
    SyncIndexEntry probe;
    probe.keyHash = keyHash;
    probe.key = key;
    const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), probe, lessEntry);
    if (it == m_entries.end() || it->keyHash != keyHash || it->key != key) {
        return nullptr;
    }
    return &*it;
}

qsizetype SyncIndex::liveCount() const
{
    return std::count_if(m_entries.begin(), m_entries.end(), [](const SyncIndexEntry &e) { return !e.deleted; });
}

// --- SyncStore --------------------------------------------------------------------------------------------------

namespace {

/// A prepared write statement of SyncStore::write(): values bound by position (0-based), then run.
class WriteStatement {
public:
    virtual ~WriteStatement() = default;
    virtual void bind(int index, QVariant value) = 0;
    /// Runs the statement with the bound values; false with `error` set when it failed.
    virtual bool exec(QSqlError *error) = 0;
};

/// Through QSqlQuery: every dialect.
class QueryStatement final : public WriteStatement {
public:
    explicit QueryStatement(const QSqlDatabase &db)
        : m_query(db)
    {
        m_query.setForwardOnly(true);
    }
    bool prepare(const QString &sql, QSqlError *error)
    {
        if (!m_query.prepare(sql)) {
            *error = m_query.lastError();
            return false;
        }
        return true;
    }
    void bind(int index, QVariant value) override { m_query.bindValue(index, value); }
    bool exec(QSqlError *error) override
    {
        if (!m_query.exec()) {
            *error = m_query.lastError();
            return false;
        }
        m_query.finish();
        return true;
    }

private:
    QSqlQuery m_query;
};

/// Through SQLite's C API (SqliteNative.h): SQLite, where the driver's library allows it.
class NativeWriteStatement final : public WriteStatement {
public:
    explicit NativeWriteStatement(std::unique_ptr<sqlite::NativeStatement> statement)
        : m_statement(std::move(statement))
    {}
    void bind(int index, QVariant value) override { m_statement->bind(index, std::move(value)); }
    bool exec(QSqlError *error) override { return m_statement->exec(error); }

private:
    std::unique_ptr<sqlite::NativeStatement> m_statement;
};

} // namespace

struct SyncStore::Private {
    /// Write through SQLite's C API (SQLite only).
    bool native = false;
    /// Prepared statements by (entity, 0 = upsert / 1 = delete, rows).
    std::map<std::tuple<int, int, int>, std::unique_ptr<WriteStatement>> statements;

    WriteStatement *statement(Database &db, const EntityInfo &info, int kind, int rows, QSqlError *error)
    {
        auto &slot = statements[{int(info.entity), kind, rows}];
        if (!slot) {
            const QString sql = kind == 0 ? upsertStatement(info, db.dialect(), rows) : deleteStatement(info, rows);
            if (native) {
                std::unique_ptr<sqlite::NativeStatement> prepared =
                    sqlite::NativeStatement::prepare(db.handle(), sql, error);
                if (!prepared) {
                    return nullptr;
                }
                slot = std::make_unique<NativeWriteStatement>(std::move(prepared));
            } else {
                auto query = std::make_unique<QueryStatement>(db.handle());
                if (!query->prepare(sql, error)) {
                    return nullptr;
                }
                slot = std::move(query);
            }
        }
        return slot.get();
    }

    /// The largest chunk for statements of `perRow` parameters a row plus `fixed` once. Only statements that
    /// QSqlQuery prepares on SQLite are held to sqliteMaxParameters (see there).
    int largestChunk(Dialect dialect, int perRow, int fixed) const
    {
        if (dialect != Dialect::SQLite) {
            return chunkSizes.front();
        }
        if (native) {
            return sqliteNativeChunk;
        }
        for (const int size : chunkSizes) {
            if (fixed + size * perRow <= sqliteMaxParameters) {
                return size;
            }
        }
        return 1;
    }
};

SyncStore::SyncStore(Database &db, QString tenantId, qint64 serviceId)
    : m_db(db)
    , m_tenantId(std::move(tenantId))
    , m_serviceId(serviceId)
    , d(std::make_unique<Private>())
{
    setNativeSqliteWrites(true);
}

SyncStore::~SyncStore() = default;

void SyncStore::setNativeSqliteWrites(bool enabled)
{
    const bool native = enabled && m_db.dialect() == Dialect::SQLite && sqlite::available(m_db.handle());
    if (native != d->native) {
        d->statements.clear();
        d->native = native;
    }
}

bool SyncStore::nativeSqliteWrites() const
{
    return d->native;
}

namespace {

Error readError(SyncEntity entity, const QSqlError &error)
{
    return databaseError(Tr::tr("The stored %1 rows could not be read.").arg(syncEntityName(entity)), error);
}

Error followerScopeError(SyncEntity entity)
{
    return Error::make(ErrorCode::Internal,
                       Tr::tr("The %1 rows have no follower to select them by.").arg(syncEntityName(entity)));
}

} // namespace

Result<SyncIndex> SyncStore::loadIndex(SyncEntity entity, const std::optional<QStringList> &followers)
{
    const EntityInfo &info = infoOf(entity);
    if (followers && info.useridColumn < 0) {
        return followerScopeError(entity);
    }
    const QString select = QStringLiteral("SELECT id, ") +
                           info.columns.mid(0, info.keyCount).join(QStringLiteral(", ")) +
                           QStringLiteral(", content_hash, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END FROM ") +
                           info.table + QStringLiteral(" WHERE tenant_id = ? AND service_id = ?");
    std::vector<SyncIndexEntry> entries;
    auto readAll = [&](QSqlQuery &query) {
        while (query.next()) {
            SyncIndexEntry entry;
            entry.id = query.value(0).toLongLong();
            for (int i = 0; i < info.keyCount; ++i) {
                if (i > 0) {
                    entry.key += syncKeySeparator;
                }
                entry.key += query.value(1 + i).toString();
            }
            entry.keyHash = syncKeyHash(entry.key);
            entry.contentHash = parseHash(query.value(1 + info.keyCount));
            entry.deleted = query.value(2 + info.keyCount).toLongLong() != 0;
            entries.push_back(std::move(entry));
        }
    };

    if (!followers) {
        QSqlQuery query(m_db.handle());
        if (!execute(query, select, {m_tenantId, m_serviceId})) {
            return readError(entity, query.lastError());
        }
        readAll(query);
    } else {
        const QStringList scope = uniqueSorted(*followers);
        const QString userid = info.columns.at(info.useridColumn);
        for (qsizetype start = 0; start < scope.size(); start += followersPerQuery) {
            const QStringList chunk = scope.mid(start, followersPerQuery);
            QVariantList values{m_tenantId, m_serviceId};
            for (const QString &follower : chunk) {
                values.append(follower);
            }
            QSqlQuery query(m_db.handle());
            if (!execute(query,
                         select + QStringLiteral(" AND ") + userid + QStringLiteral(" IN (") +
                             placeholders(int(chunk.size())) + QLatin1Char(')'),
                         values)) {
                return readError(entity, query.lastError());
            }
            readAll(query);
        }
    }
    return SyncIndex(std::move(entries));
}

Result<std::vector<SyncIndexEntry>> SyncStore::liveRowsOutsideFollowers(SyncEntity entity, const QStringList &followers)
{
    const EntityInfo &info = infoOf(entity);
    if (info.useridColumn < 0) {
        return followerScopeError(entity);
    }
    // The followers the table has rows of, from its follower index alone (live rows or not), less the listed ones:
    // usually none, so that this does not read the whole table (hundreds of thousands of rows in a large corp).
    // The followers can be thousands: compared here rather than in a NOT IN list of that length.
    const QSet<QString> scope(followers.begin(), followers.end());
    const QString userid = info.columns.at(info.useridColumn);
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT DISTINCT ") + userid + QStringLiteral(" FROM ") + info.table +
                     QStringLiteral(" WHERE tenant_id = ? AND service_id = ?"),
                 {m_tenantId, m_serviceId})) {
        return readError(entity, query.lastError());
    }
    QStringList vanished;
    while (query.next()) {
        QString follower = query.value(0).toString();
        if (!scope.contains(follower)) {
            vanished.append(std::move(follower));
        }
    }
    std::vector<SyncIndexEntry> entries;
    if (vanished.isEmpty()) {
        return entries;
    }
    Result<SyncIndex> rows = loadIndex(entity, vanished);
    if (!rows) {
        return rows.error();
    }
    for (const SyncIndexEntry &entry : rows.value().entries()) {
        if (!entry.deleted) {
            entries.push_back(entry);
        }
    }
    std::sort(entries.begin(), entries.end(),
              [](const SyncIndexEntry &a, const SyncIndexEntry &b) { return a.id < b.id; });
    return entries;
}

Result<QStringList> SyncStore::followedContacts(const QStringList &followers, const std::vector<qint64> &excludedIds)
{
    std::vector<qint64> sortedExcluded;
    const std::vector<qint64> *excluded = &excludedIds;
    if (!std::is_sorted(excludedIds.begin(), excludedIds.end())) {
        sortedExcluded = excludedIds;
        std::sort(sortedExcluded.begin(), sortedExcluded.end());
        excluded = &sortedExcluded;
    }
    const QStringList scope = uniqueSorted(followers);
    QSet<QString> contacts;
    for (qsizetype start = 0; start < scope.size(); start += followersPerQuery) {
        const QStringList chunk = scope.mid(start, followersPerQuery);
        QVariantList values{m_tenantId, m_serviceId};
        for (const QString &follower : chunk) {
            values.append(follower);
        }
        QSqlQuery query(m_db.handle());
        if (!execute(query,
                     QStringLiteral("SELECT id, external_userid FROM follow_relations WHERE tenant_id = ? AND "
                                    "service_id = ? AND deleted_at IS NULL AND userid IN (") +
                         placeholders(int(chunk.size())) + QLatin1Char(')'),
                     values)) {
            return readError(SyncEntity::FollowRelation, query.lastError());
        }
        while (query.next()) {
            if (!std::binary_search(excluded->begin(), excluded->end(), query.value(0).toLongLong())) {
                contacts.insert(query.value(1).toString());
            }
        }
    }
    QStringList result(contacts.begin(), contacts.end());
    std::sort(result.begin(), result.end());
    return result;
}

Status SyncStore::write(const SyncWriteBatch &batch, qint64 runId, const QDateTime &now)
{
    if (batch.isEmpty()) {
        return {};
    }
    const EntityInfo &info = infoOf(batch.entity);
    const qsizetype columnCount = info.columns.size();

    // Checks first, so that a bad row fails the batch before anything is sent. The last of several rows with one
    // key wins, as it would one statement at a time (PostgreSQL refuses to update one row twice in a statement).
    QList<const SyncRow *> rows;
    rows.reserve(batch.upserts.size());
    QHash<QString, qsizetype> positions;
    positions.reserve(batch.upserts.size());
    for (const SyncRow &row : batch.upserts) {
        if (row.values.size() != columnCount) {
            return Error::make(
                ErrorCode::Internal,
                Tr::tr("A %1 row has %2 values instead of %3.").arg(info.name).arg(row.values.size()).arg(columnCount));
        }
        for (int i = 0; i < info.keyCount; ++i) {
            if (isEmptyValue(row.values.at(i))) {
                return Error::invalid(info.columns.at(i),
                                      Tr::tr("A %1 row has no %2.").arg(info.name, info.columns.at(i)));
            }
        }
        const QString key = row.key.isEmpty() ? syncKeyOf(batch.entity, row.values) : row.key;
        const auto found = positions.constFind(key);
        if (found != positions.constEnd()) {
            rows[*found] = &row;
        } else {
            positions.insert(key, rows.size());
            rows.append(&row);
        }
    }

    const QDateTime stamp = now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc();
    const QVariant time = m_db.toDbTime(stamp);
    const QVariant run = runId > 0 ? QVariant(runId) : QVariant(QMetaType::fromType<qint64>());

    return m_db.transaction([&]() -> Status {
        QSqlError error;
        const int upsertChunk = d->largestChunk(m_db.dialect(), int(2 + columnCount + upsertTail.size()), 0);
        for (qsizetype start = 0; start < rows.size();) {
            const int count = chunkFor(rows.size() - start, upsertChunk);
            WriteStatement *query = d->statement(m_db, info, 0, count, &error);
            if (!query) {
                return databaseError(Tr::tr("The %1 rows could not be written.").arg(info.name), error);
            }
            int position = 0;
            for (int r = 0; r < count; ++r) {
                const SyncRow &row = *rows.at(start + r);
                query->bind(position++, m_tenantId);
                query->bind(position++, m_serviceId);
                for (qsizetype c = 0; c < columnCount; ++c) {
                    query->bind(position++, bindValue(m_db, info.info.at(c), row.values.at(c)));
                }
                query->bind(position++, hashText(row.hash));
                query->bind(position++, time); // synced_at
                query->bind(position++, run);
                query->bind(position++, time); // created_at, kept by an update
                query->bind(position++, time); // updated_at
            }
            if (!query->exec(&error)) {
                return databaseError(Tr::tr("The %1 rows could not be written.").arg(info.name), error);
            }
            start += count;
        }
        const int deleteChunk = d->largestChunk(m_db.dialect(), 1, 6);
        for (qsizetype start = 0; start < batch.deletes.size();) {
            const int count = chunkFor(batch.deletes.size() - start, deleteChunk);
            WriteStatement *query = d->statement(m_db, info, 1, count, &error);
            if (!query) {
                return databaseError(Tr::tr("The %1 rows could not be deleted.").arg(info.name), error);
            }
            int position = 0;
            query->bind(position++, time);
            query->bind(position++, run);
            query->bind(position++, time);
            query->bind(position++, time);
            query->bind(position++, m_tenantId);
            query->bind(position++, m_serviceId);
            for (int i = 0; i < count; ++i) {
                query->bind(position++, batch.deletes.at(start + i));
            }
            if (!query->exec(&error)) {
                return databaseError(Tr::tr("The %1 rows could not be deleted.").arg(info.name), error);
            }
            start += count;
        }
        return {};
    });
}

Status SyncStore::forEachLiveRow(SyncEntity entity,
                                 const std::function<bool(const SyncRow &row, qint64 lastRunId)> &visit)
{
    const EntityInfo &info = infoOf(entity);
    QStringList select;
    for (const ColumnInfo &column : info.info) {
        select.append(column.kind == Kind::Time ? m_db.selectTime(column.name) : column.name);
    }
    select.append(QStringLiteral("last_run_id"));
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT ") + select.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + info.table +
                     QStringLiteral(" WHERE tenant_id = ? AND service_id = ? AND deleted_at IS NULL ORDER BY ") +
                     info.columns.mid(0, info.keyCount).join(QStringLiteral(", ")),
                 {m_tenantId, m_serviceId})) {
        return readError(entity, query.lastError());
    }
    const qsizetype columnCount = info.columns.size();
    while (query.next()) {
        QVariantList values;
        values.reserve(columnCount);
        for (qsizetype c = 0; c < columnCount; ++c) {
            values.append(readValue(m_db, info.info.at(c), query.value(int(c))));
        }
        if (!visit(SyncRow::make(entity, std::move(values)), query.value(int(columnCount)).toLongLong())) {
            break;
        }
    }
    if (query.lastError().isValid()) {
        return readError(entity, query.lastError());
    }
    return {};
}

Result<qint64> SyncStore::liveCount(SyncEntity entity)
{
    const EntityInfo &info = infoOf(entity);
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT COUNT(*) FROM ") + info.table +
                     QStringLiteral(" WHERE tenant_id = ? AND service_id = ? AND deleted_at IS NULL"),
                 {m_tenantId, m_serviceId}) ||
        !query.next()) {
        return readError(entity, query.lastError());
    }
    return query.value(0).toLongLong();
}

Result<qint64> SyncStore::countChangedBy(SyncEntity entity, qint64 runId)
{
    const EntityInfo &info = infoOf(entity);
    QSqlQuery query(m_db.handle());
    if (!execute(query,
                 QStringLiteral("SELECT COUNT(*) FROM ") + info.table +
                     QStringLiteral(" WHERE tenant_id = ? AND service_id = ? AND last_run_id = ?"),
                 {m_tenantId, m_serviceId, runId}) ||
        !query.next()) {
        return readError(entity, query.lastError());
    }
    return query.value(0).toLongLong();
}

} // namespace ic::db
