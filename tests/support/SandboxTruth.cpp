#include "SandboxTruth.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QTimeZone>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "sandbox/JsonWriter.h"
#include "sandbox/SandboxCorp.h"

namespace ic::test {

namespace {

using db::SyncEntity;
using db::SyncRow;
using sandbox::SandboxCorp;

// ---- Reading what the sandbox's writers produce ----------------------------------------------------------------

QJsonObject objectOf(const std::string &json)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

template<typename Write>
QJsonObject written(Write write)
{
    sandbox::JsonWriter json;
    write(json);
    return objectOf(json.str());
}

QString text(const QJsonObject &object, QLatin1StringView key)
{
    return object.value(key).toString();
}

/// A whole number sent as a JSON number or as a string of digits (WeCom sends a member's gender as "1"); 0 when
/// absent.
qint64 integer(const QJsonValue &value)
{
    if (value.isString()) {
        return value.toString().toLongLong();
    }
    return value.toInteger(0);
}

qint64 integer(const QJsonObject &object, QLatin1StringView key)
{
    return integer(object.value(key));
}

QString decimal(qint64 value)
{
    return QString::number(value);
}

/// Unix seconds as a UTC time; an invalid time for 0 (not set).
QDateTime utcTime(qint64 seconds)
{
    return seconds == 0 ? QDateTime() : QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc());
}

QString compactArray(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
}

QString compactObjectOrEmpty(const QJsonObject &object)
{
    return object.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

/// The element at `index` of an array member, or an undefined value past its end.
QJsonValue at(const QJsonObject &object, QLatin1StringView key, qsizetype index)
{
    const QJsonArray array = object.value(key).toArray();
    return index < array.size() ? array.at(index) : QJsonValue(QJsonValue::Undefined);
}

// ---- Which records a client reaches --------------------------------------------------------------------------

/// Members listed by user/list under at least one existing department.
bool listedMember(const SandboxCorp &corp, const sandbox::Staff &member)
{
    return std::any_of(member.departments.begin(), member.departments.end(),
                       [&corp](std::int64_t id) { return corp.department(id) != nullptr; });
}

/// Calls `visit(contact JSON, follow_info JSON)` for every relation batch/get_by_user answers for the members of
/// get_follow_user_list, customer by customer; the customer's object is written once per customer.
template<typename Visit>
void forEachReachableFollow(const SandboxCorp &corp, Visit visit)
{
    const std::vector<std::string> followUsers = corp.followUsers();
    const std::unordered_set<std::string> followers(followUsers.begin(), followUsers.end());
    for (const sandbox::ExternalContact &contact : corp.contacts()) {
        QJsonObject contactObject;
        for (const sandbox::FollowInfo &follow : contact.follows) {
            if (followers.count(follow.userid) == 0) {
                continue;
            }
            if (contactObject.isEmpty()) {
                contactObject = written([&](sandbox::JsonWriter &json) { SandboxCorp::writeContact(json, contact); });
            }
            visit(contactObject,
                  written([&](sandbox::JsonWriter &json) { SandboxCorp::writeFollowInfo(json, follow); }));
        }
    }
}

// ---- Rows per entity -------------------------------------------------------------------------------------------

QList<QVariantList> departmentValues(const SandboxCorp &corp)
{
    QList<QVariantList> rows;
    for (const sandbox::Department &department : corp.departments()) {
        const QJsonObject d =
            written([&](sandbox::JsonWriter &json) { SandboxCorp::writeDepartment(json, department); });
        rows.append({decimal(integer(d, QLatin1StringView("id"))), text(d, QLatin1StringView("name")),
                     text(d, QLatin1StringView("name_en")), decimal(integer(d, QLatin1StringView("parentid"))),
                     integer(d, QLatin1StringView("order")),
                     compactArray(d.value(QLatin1StringView("department_leader")))});
    }
    return rows;
}

QJsonObject staffObject(const SandboxCorp &corp, const sandbox::Staff &member)
{
    return written([&](sandbox::JsonWriter &json) { corp.writeStaff(json, member, false); });
}

QList<QVariantList> staffValues(const SandboxCorp &corp)
{
    QList<QVariantList> rows;
    for (const sandbox::Staff &member : corp.staff()) {
        if (!listedMember(corp, member)) {
            continue;
        }
        const QJsonObject u = staffObject(corp, member);
        QJsonObject attrs;
        for (const QLatin1StringView key : {QLatin1StringView("address"), QLatin1StringView("english_name"),
                                            QLatin1StringView("external_position")}) {
            if (const QString value = text(u, key); !value.isEmpty()) {
                attrs.insert(key, value);
            }
        }
        const qint64 mainDepartment = integer(u, QLatin1StringView("main_department"));
        rows.append({text(u, QLatin1StringView("userid")), text(u, QLatin1StringView("open_userid")),
                     text(u, QLatin1StringView("name")), text(u, QLatin1StringView("alias")),
                     text(u, QLatin1StringView("position")), integer(u, QLatin1StringView("gender")),
                     integer(u, QLatin1StringView("status")), mainDepartment == 0 ? QString() : decimal(mainDepartment),
                     text(u, QLatin1StringView("mobile")), text(u, QLatin1StringView("email")),
                     text(u, QLatin1StringView("biz_mail")), text(u, QLatin1StringView("telephone")),
                     text(u, QLatin1StringView("avatar")), compactObjectOrEmpty(attrs)});
    }
    return rows;
}

QList<QVariantList> staffDepartmentValues(const SandboxCorp &corp)
{
    QList<QVariantList> rows;
    for (const sandbox::Staff &member : corp.staff()) {
        if (!listedMember(corp, member)) {
            continue;
        }
        const QJsonObject u = staffObject(corp, member);
        const QString userid = text(u, QLatin1StringView("userid"));
        const QJsonArray departments = u.value(QLatin1StringView("department")).toArray();
        for (qsizetype i = 0; i < departments.size(); ++i) {
            rows.append({userid, decimal(integer(departments.at(i))), integer(at(u, QLatin1StringView("order"), i)),
                         integer(at(u, QLatin1StringView("is_leader_in_dept"), i)) != 0});
        }
    }
    return rows;
}

QJsonArray tagGroupsJson(const SandboxCorp &corp)
{
    QJsonArray groups;
    for (const sandbox::CorpTagGroup &group : corp.tagGroups()) {
        groups.append(written([&](sandbox::JsonWriter &json) { SandboxCorp::writeTagGroup(json, group); }));
    }
    return groups;
}

QList<QVariantList> tagGroupValues(const SandboxCorp &corp)
{
    QList<QVariantList> rows;
    for (const QJsonValue &value : tagGroupsJson(corp)) {
        const QJsonObject g = value.toObject();
        rows.append({text(g, QLatin1StringView("group_id")), text(g, QLatin1StringView("group_name")),
                     integer(g, QLatin1StringView("order")), utcTime(integer(g, QLatin1StringView("create_time")))});
    }
    return rows;
}

QList<QVariantList> tagValues(const SandboxCorp &corp)
{
    QList<QVariantList> rows;
    for (const QJsonValue &value : tagGroupsJson(corp)) {
        const QJsonObject g = value.toObject();
        for (const QJsonValue &tagValue : g.value(QLatin1StringView("tag")).toArray()) {
            const QJsonObject t = tagValue.toObject();
            rows.append({text(t, QLatin1StringView("id")), text(g, QLatin1StringView("group_id")),
                         text(t, QLatin1StringView("name")), integer(t, QLatin1StringView("order")),
                         utcTime(integer(t, QLatin1StringView("create_time")))});
        }
    }
    return rows;
}

QList<QVariantList> contactValues(const SandboxCorp &corp)
{
    QList<QVariantList> rows;
    QString previous;
    forEachReachableFollow(corp, [&](const QJsonObject &c, const QJsonObject &) {
        const QString externalUserid = text(c, QLatin1StringView("external_userid"));
        if (!rows.isEmpty() && externalUserid == previous) {
            return; // the same customer under another follower
        }
        previous = externalUserid;
        rows.append({externalUserid, text(c, QLatin1StringView("name")), integer(c, QLatin1StringView("type")),
                     text(c, QLatin1StringView("avatar")), integer(c, QLatin1StringView("gender")),
                     text(c, QLatin1StringView("unionid")), text(c, QLatin1StringView("corp_name")),
                     text(c, QLatin1StringView("corp_full_name")), text(c, QLatin1StringView("position")),
                     compactObjectOrEmpty(c.value(QLatin1StringView("external_profile")).toObject())});
    });
    return rows;
}

QList<QVariantList> followValues(const SandboxCorp &corp)
{
    QList<QVariantList> rows;
    forEachReachableFollow(corp, [&](const QJsonObject &c, const QJsonObject &f) {
        rows.append({text(c, QLatin1StringView("external_userid")), text(f, QLatin1StringView("userid")),
                     text(f, QLatin1StringView("remark")), text(f, QLatin1StringView("description")),
                     utcTime(integer(f, QLatin1StringView("createtime"))), integer(f, QLatin1StringView("add_way")),
                     text(f, QLatin1StringView("state")), text(f, QLatin1StringView("oper_userid")),
                     text(f, QLatin1StringView("remark_corp_name")),
                     compactArray(f.value(QLatin1StringView("remark_mobiles")))});
    });
    return rows;
}

QList<QVariantList> contactTagValues(const SandboxCorp &corp)
{
    // tag id -> (group_name, tag_name), from get_corp_tag_list as the client reads it.
    std::unordered_map<QString, std::pair<QString, QString>> names;
    for (const QJsonValue &value : tagGroupsJson(corp)) {
        const QJsonObject g = value.toObject();
        for (const QJsonValue &tagValue : g.value(QLatin1StringView("tag")).toArray()) {
            const QJsonObject t = tagValue.toObject();
            names.emplace(text(t, QLatin1StringView("id")),
                          std::pair{text(g, QLatin1StringView("group_name")), text(t, QLatin1StringView("name"))});
        }
    }
    QList<QVariantList> rows;
    forEachReachableFollow(corp, [&](const QJsonObject &c, const QJsonObject &f) {
        const QString externalUserid = text(c, QLatin1StringView("external_userid"));
        const QString userid = text(f, QLatin1StringView("userid"));
        for (const QJsonValue &tagId : f.value(QLatin1StringView("tag_id")).toArray()) {
            const auto found = names.find(tagId.toString());
            const bool known = found != names.end();
            rows.append({externalUserid, userid, tagId.toString(), qint64{1}, known ? found->second.first : QString(),
                         known ? found->second.second : QString()});
        }
    });
    return rows;
}

// ---- Comparing ---------------------------------------------------------------------------------------------------

enum class Kind { Null, Text, Integer, Boolean, Time, Other };

Kind kindOf(const QVariant &value)
{
    if (!value.isValid()) {
        return Kind::Null;
    }
    switch (value.typeId()) {
    case QMetaType::QString:
        return value.toString().isEmpty() ? Kind::Null : Kind::Text;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return Kind::Integer;
    case QMetaType::Bool:
        return Kind::Boolean;
    case QMetaType::QDateTime:
        return value.toDateTime().isValid() ? Kind::Time : Kind::Null;
    default:
        return value.isNull() ? Kind::Null : Kind::Other;
    }
}

bool sameValue(const QVariant &a, const QVariant &b)
{
    const Kind kind = kindOf(a);
    if (kind != kindOf(b)) {
        return false;
    }
    switch (kind) {
    case Kind::Null:
        return true;
    case Kind::Text:
        return a.toString() == b.toString();
    case Kind::Integer:
        if (a.typeId() == QMetaType::ULongLong || b.typeId() == QMetaType::ULongLong) {
            return a.toULongLong() == b.toULongLong() && a.toLongLong() == b.toLongLong();
        }
        return a.toLongLong() == b.toLongLong();
    case Kind::Boolean:
        return a.toBool() == b.toBool();
    case Kind::Time:
        return a.toDateTime().toSecsSinceEpoch() == b.toDateTime().toSecsSinceEpoch();
    case Kind::Other:
        return a == b;
    }
    return false;
}

QString readableKey(const QString &key)
{
    QString out = key;
    out.replace(db::syncKeySeparator, QLatin1StringView(" / "));
    return out;
}

QString describeRow(SyncEntity entity, const SyncRow &row)
{
    const QStringList &columns = db::syncColumns(entity);
    QStringList parts;
    for (qsizetype i = 0; i < row.values.size(); ++i) {
        const QString column = i < columns.size() ? columns.at(i) : QStringLiteral("#%1").arg(i);
        parts.append(column + QLatin1Char('=') + describeSyncValue(row.values.at(i)));
    }
    return parts.join(QLatin1StringView(", "));
}

void sortByKey(QList<SyncRow> &rows)
{
    std::stable_sort(rows.begin(), rows.end(), [](const SyncRow &a, const SyncRow &b) { return a.key < b.key; });
}

/// The differences of one pair of rows with the same key.
QStringList rowDifferences(SyncEntity entity, const QString &prefix, const SyncRow &actual, const SyncRow &expected)
{
    QStringList out;
    const QStringList &columns = db::syncColumns(entity);
    const qsizetype count = std::max(actual.values.size(), expected.values.size());
    for (qsizetype i = 0; i < count; ++i) {
        const QVariant a = i < actual.values.size() ? actual.values.at(i) : QVariant();
        const QVariant e = i < expected.values.size() ? expected.values.at(i) : QVariant();
        if (!sameValue(a, e)) {
            const QString column = i < columns.size() ? columns.at(i) : QStringLiteral("#%1").arg(i);
            out.append(prefix + QStringLiteral("%1 is %2 in the store, expected %3")
                                    .arg(column, describeSyncValue(a), describeSyncValue(e)));
        }
    }
    if (actual.values.size() != expected.values.size()) {
        out.append(prefix + QStringLiteral("the store gives %1 values, expected %2")
                                .arg(actual.values.size())
                                .arg(expected.values.size()));
    }
    if (out.isEmpty() && actual.hash != 0 && actual.hash != expected.hash) {
        out.append(prefix + QStringLiteral("content_hash is %1 in the store, expected %2 (the values are equal)")
                                .arg(actual.hash, 16, 16, QLatin1Char('0'))
                                .arg(expected.hash, 16, 16, QLatin1Char('0')));
    }
    return out;
}

} // namespace

QList<QVariantList> truthValues(const SandboxCorp &corp, SyncEntity entity)
{
    switch (entity) {
    case SyncEntity::Department:
        return departmentValues(corp);
    case SyncEntity::Staff:
        return staffValues(corp);
    case SyncEntity::StaffDepartment:
        return staffDepartmentValues(corp);
    case SyncEntity::TagGroup:
        return tagGroupValues(corp);
    case SyncEntity::Tag:
        return tagValues(corp);
    case SyncEntity::Contact:
        return contactValues(corp);
    case SyncEntity::FollowRelation:
        return followValues(corp);
    case SyncEntity::ContactTag:
        return contactTagValues(corp);
    }
    return {};
}

QList<SyncRow> truthRows(const SandboxCorp &corp, SyncEntity entity)
{
    QList<QVariantList> values = truthValues(corp, entity);
    QList<SyncRow> rows;
    rows.reserve(values.size());
    for (QVariantList &row : values) {
        rows.append(SyncRow::make(entity, std::move(row)));
    }
    sortByKey(rows);
    return rows;
}

qint64 truthCount(const SandboxCorp &corp, SyncEntity entity)
{
    return truthValues(corp, entity).size();
}

QStringList compareRows(SyncEntity entity, QList<SyncRow> actual, QList<SyncRow> expected, int limit)
{
    sortByKey(actual);
    sortByKey(expected);
    const QString name = db::syncEntityName(entity);
    QStringList all;
    const auto prefixOf = [&name](const QString &key) -> QString {
        return name + QLatin1Char(' ') + readableKey(key) + u": ";
    };
    const auto duplicates = [&](const QList<SyncRow> &rows, const QString &where) {
        for (qsizetype i = 1; i < rows.size(); ++i) {
            if (rows.at(i).key == rows.at(i - 1).key) {
                all.append(prefixOf(rows.at(i).key) + QStringLiteral("the key occurs more than once in %1").arg(where));
            }
        }
    };
    duplicates(actual, QStringLiteral("the store"));
    duplicates(expected, QStringLiteral("the truth"));

    qsizetype a = 0;
    qsizetype e = 0;
    while (a < actual.size() || e < expected.size()) {
        if (e == expected.size() || (a < actual.size() && actual.at(a).key < expected.at(e).key)) {
            all.append(prefixOf(actual.at(a).key) + QStringLiteral("extra row in the store (") +
                       describeRow(entity, actual.at(a)) + u')');
            ++a;
        } else if (a == actual.size() || expected.at(e).key < actual.at(a).key) {
            all.append(prefixOf(expected.at(e).key) + QStringLiteral("missing from the store (expected ") +
                       describeRow(entity, expected.at(e)) + u')');
            ++e;
        } else {
            all.append(rowDifferences(entity, prefixOf(actual.at(a).key), actual.at(a), expected.at(e)));
            ++a;
            ++e;
        }
    }

    if (limit >= 0 && all.size() > limit) {
        const qsizetype total = all.size();
        all.resize(limit);
        all.append(QStringLiteral("%1: %2 more differences not listed (%3 in all; %4 rows in the store, %5 expected)")
                       .arg(name)
                       .arg(total - limit)
                       .arg(total)
                       .arg(actual.size())
                       .arg(expected.size()));
    }
    return all;
}

QStringList compareWithTruth(db::SyncStore &store, const SandboxCorp &corp, const QList<SyncEntity> &entities)
{
    QStringList out;
    for (const SyncEntity entity : entities) {
        QList<SyncRow> stored;
        const Status read = store.forEachLiveRow(entity, [&stored](const SyncRow &row, qint64) {
            stored.append(row);
            return true;
        });
        if (!read) {
            out.append(db::syncEntityName(entity) + QStringLiteral(": the store could not be read: ") +
                       read.error().toDisplayString());
            continue;
        }
        // The store's order is its database's collation; compareRows() sorts both sides the same way.
        out.append(compareRows(entity, std::move(stored), truthRows(corp, entity)));
    }
    return out;
}

QString describeSyncValue(const QVariant &value)
{
    switch (kindOf(value)) {
    case Kind::Null:
        return value.typeId() == QMetaType::QString ? QStringLiteral("\"\"") : QStringLiteral("NULL");
    case Kind::Text: {
        QString text = value.toString();
        text.replace(u'\\', QLatin1StringView("\\\\")).replace(u'"', QLatin1StringView("\\\""));
        text.replace(u'\n', QLatin1StringView("\\n")).replace(db::syncKeySeparator, QLatin1StringView("\\x1f"));
        return u'"' + text + u'"';
    }
    case Kind::Integer:
        return value.toString();
    case Kind::Boolean:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Time:
        return value.toDateTime().toUTC().toString(Qt::ISODate);
    case Kind::Other:
        return QStringLiteral("%1 (%2)").arg(value.toString(), QString::fromLatin1(value.typeName()));
    }
    return {};
}

} // namespace ic::test
