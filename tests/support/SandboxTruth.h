#pragma once

// The sandbox corp as the mirrored tables must hold it after a sync: the expected rows of every SyncEntity, and a
// comparison of a SyncStore with them.
//
// What a client sees is what the sandbox's API sends, so every record is serialised by the same writer the server
// answers with (SandboxCorp::writeDepartment, writeStaff without the app's visible-range filter, writeContact,
// writeFollowInfo, writeTagGroup), read back as JSON and mapped to the columns below. A field the API does not
// send is empty in the truth, even when the sandbox's model has a value for it.
//
// Which records a client reaches:
//  - department: every department (department/list with the contacts-sync secret and no id: the whole tree).
//  - staff, staff_department: every member who is in at least one existing department (user/list per department,
//    or user/list_id: the contacts-sync secret sees all departments). One staff row per member even when listed
//    under several departments.
//  - tag_group, tag: every group and tag of get_corp_tag_list {} (the customer-contact secret).
//  - follow_relation, contact_tag: the relations whose follower is listed by get_follow_user_list; batch/get_by_user
//    is asked for exactly those followers. A relation of any other member is not reachable and not in the truth.
//  - contact: every customer with at least one such relation (the external_contact object of batch/get_by_user is
//    the same for each of a customer's followers).
//
// Columns (syncColumns() order; SyncStore.h gives the value types):
//  department:       dept_id = id as decimal text; name; name_en (sent only when set); parent_id = parentid as
//                    decimal text ("0" for the root); order_no = order; leaders = department_leader as compact JSON
//                    array text ("[]" when none).
//  staff:            userid; open_userid; name; alias; position; gender (sent as the string "0"/"1"/"2", stored as
//                    an integer); status; main_department as decimal text (empty when 0 or not sent); mobile;
//                    email; biz_mail; telephone; avatar; attrs = compact JSON object text of the non-empty members
//                    among address, english_name and external_position, empty when none is set.
//  staff_department: userid; dept_id = department[i] as decimal text; order_no = order[i] (0 when missing);
//                    is_leader = is_leader_in_dept[i] != 0 (false when missing). One row per element of the member's
//                    department array.
//  tag_group:        group_id; name = group_name; order_no = order; create_time (UTC; invalid when 0).
//  tag:              tag_id = id; group_id of its group; name; order_no = order; create_time (UTC; invalid when 0).
//  contact:          external_userid; name; type; avatar; gender; unionid; corp_name; corp_full_name; position;
//                    attrs = compact JSON of external_profile when it is a non-empty object, else empty.
//  follow_relation:  external_userid; userid; remark; description; add_time = createtime (UTC; invalid when 0);
//                    add_way; state; oper_userid; remark_corp_name; remark_mobiles as compact JSON array text ("[]"
//                    when none).
//  contact_tag:      external_userid; userid; tag_id (one row per element of follow_info.tag_id); tag_type = 1
//                    (batch/get_by_user sends corp tag ids only); group_name and tag_name of the tag in the corp tag
//                    list (empty when the id is not in it).
//
// What the sandbox sends (checked against core/sandbox/SandboxCorp.cpp and Endpoints.cpp):
//  - department/list: id, name, name_en only when non-empty, department_leader (always, possibly []), parentid, order.
//  - user/list and user/get with the contacts-sync secret (no visible-range filter): userid, name, department,
//    order, position, mobile, gender (a string), email, biz_mail only when non-empty, is_leader_in_dept,
//    direct_leader, avatar, thumb_avatar, telephone, alias, status, address (always, possibly ""), english_name only
//    when non-empty, open_userid only when non-empty (the generator gives every member one, although real WeCom sends
//    it to third-party apps only), main_department (always), extattr {"attrs": []} and qr_code for active members.
//    It never sends external_position nor external_profile: the truth's attrs has address and english_name at most.
//  - batch/get_by_user external_contact: external_userid, name, avatar (derived from the id when the model has none),
//    type, gender; position only for type 2 when non-empty; corp_name and corp_full_name only for type 2; unionid
//    only for type 1 when non-empty. No external_profile: contact attrs is always empty.
//  - batch/get_by_user follow_info: userid, remark, description, createtime, tag_id (ids only), oper_userid and
//    add_way always; remark_corp_name, remark_mobiles and state only when non-empty. No wechat_channels.
//  - get_corp_tag_list: group_id, group_name, create_time, order, deleted (false) and per tag id, name,
//    create_time, order, deleted (false).

#include "db/SyncStore.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace ic::sandbox {
class SandboxCorp;
}

namespace ic::test {

/// The values of every row of `entity` a client can read from `corp`, in syncColumns() order, in the corp's own
/// order (not sorted). Needs no key or hash function.
QList<QVariantList> truthValues(const sandbox::SandboxCorp &corp, db::SyncEntity entity);

/// The expected rows of `entity` (db::SyncRow::make: key and hash by the product's functions), sorted by key.
QList<db::SyncRow> truthRows(const sandbox::SandboxCorp &corp, db::SyncEntity entity);

/// The number of rows of `entity` in the truth.
qint64 truthCount(const sandbox::SandboxCorp &corp, db::SyncEntity entity);

/// How many differences compareRows() and compareWithTruth() list per entity before they summarise the rest.
inline constexpr int truthDifferenceLimit = 20;

/// The differences between the rows a store holds (`actual`) and the expected ones, as sentences naming the entity
/// and the row's key: a missing row, an extra row, a column whose values differ (both shown), a duplicate key, a
/// stored content hash that disagrees although every column is equal (only when the stored hash is not 0). Both
/// lists are sorted by key here; neither needs to be sorted.
///
/// Values are compared as the store promises to keep them: a null and an empty string are equal, an invalid
/// QVariant equals an empty string and an invalid QDateTime, times are compared as UTC seconds, and integers of
/// any width are equal when their values are; otherwise a different type (text for an integer, an integer for a
/// boolean) is a difference. At most `limit` differences are listed, followed by one line with the number left
/// out. Empty when the rows are equal.
QStringList compareRows(db::SyncEntity entity, QList<db::SyncRow> actual, QList<db::SyncRow> expected,
                        int limit = truthDifferenceLimit);

/// The differences between the live rows of `store` and the truth of `corp`, entity by entity (compareRows()), each
/// capped at truthDifferenceLimit. A store that cannot be read gives one line with its error. Empty when the store
/// equals the truth.
QStringList compareWithTruth(db::SyncStore &store, const sandbox::SandboxCorp &corp,
                             const QList<db::SyncEntity> &entities = db::syncEntities());

/// A value as the difference messages show it: quoted text, numbers, true/false, ISO times in UTC, NULL.
QString describeSyncValue(const QVariant &value);

} // namespace ic::test
