#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ic::db {

class Database;

/// When a mirrored row was last written and by which run: every row the data views show carries it, so an
/// administrator can follow a row to the sync run that wrote it.
struct MirrorStamp {
    QDateTime syncedAt;              ///< UTC; invalid when the row was never stamped.
    std::optional<qint64> lastRunId; ///< The sync run that last wrote the row.

    friend bool operator==(const MirrorStamp &, const MirrorStamp &) = default;
};

/// A live department, for a tree.
struct MirrorDepartment {
    QString deptId;
    QString name;
    QString nameEn;
    QString parentId;      ///< Empty or "0" for a root (WeCom's root department 1 has parent 0).
    qint64 order = 0;      ///< The order among its siblings; WeCom shows larger values first.
    qint64 staffCount = 0; ///< Live staff directly in this department (not in its sub-departments).
    MirrorStamp stamp;
};

/// A live member of staff in one department.
struct MirrorStaff {
    QString userid;
    QString name;
    QString alias;
    QString position;
    QString mobile; ///< As stored (the sync keeps what the provider returns; the administrator may see it).
    QString email;
    int status = 0; ///< WeCom: 1 active, 2 disabled, 4 not activated, 5 left.
    QString mainDepartment;
    bool isLeader = false;        ///< Leader of the department asked for.
    qint64 orderInDepartment = 0; ///< Order in the department asked for; larger first.
    MirrorStamp stamp;
};

/// A page of a department's staff.
struct MirrorStaffPage {
    QList<MirrorStaff> staff;
    bool truncated = false; ///< More staff are in the department than the limit allowed.
};

/// What customers() searches.
enum class CustomerSearchField {
    Any,      ///< Any of the fields below.
    Name,     ///< The customer's name.
    Remark,   ///< The remark a follower gave the customer.
    Tag,      ///< The name of a tag on one of the customer's follow relations.
    Follower, ///< A follower's userid or name.
};

/// A customer search: `text` is matched as a substring, case-insensitively for ASCII letters, with `%`, `_` and
/// `!` taken literally. Empty text matches every customer.
struct CustomerSearch {
    QString text;
    CustomerSearchField field = CustomerSearchField::Any;
};

/// Where a page of customers ends: pass it to customers() for the next page.
struct CustomerCursor {
    QString name;
    QString externalUserid;

    friend bool operator==(const CustomerCursor &, const CustomerCursor &) = default;
};

/// One customer (external contact) of a search result.
struct MirrorCustomer {
    QString externalUserid;
    QString name;
    int type = 1; ///< 1: WeChat user, 2: WeCom user.
    QString corpName;
    qint64 followerCount = 0; ///< Live follow relations.
    QStringList tagNames;     ///< Distinct names of the tags on its live follow relations, sorted.
    MirrorStamp stamp;
};

struct CustomerPage {
    QList<MirrorCustomer> customers;    ///< Ordered by name, then external_userid.
    std::optional<CustomerCursor> next; ///< Set when more customers may follow.
};

/// A tag on one follow relation.
struct MirrorContactTag {
    QString tagId;
    int tagType = 1; ///< 1: corp tag, 2: personal tag, 3: rule tag.
    QString groupName;
    QString tagName;
    MirrorStamp stamp;
};

/// One staff member's relation to a customer, with its tags.
struct MirrorFollowRelation {
    QString userid;
    QString staffName; ///< Empty when the staff member is not (or no longer) mirrored.
    QString remark;
    QString description;
    QDateTime addTime;            ///< UTC
    int addWay = 0;               ///< WeCom's add_way code.
    QString state;                ///< The 「联系我」 channel state; empty when none.
    QList<MirrorContactTag> tags; ///< Ordered by group name, then tag name.
    MirrorStamp stamp;
};

/// One customer with all its live follow relations.
struct MirrorCustomerDetails {
    MirrorCustomer customer;
    QString corpFullName;
    QString position;
    QList<MirrorFollowRelation> relations; ///< Ordered by add time, then userid.
};

/// Typed reads of the tables a sync mirrors (departments, staff, external contacts, follow relations, contact tags)
/// for one tenant and service, live rows only (soft-deleted rows are left out everywhere, also in joins and counts).
/// For the data views: every read is a short query (or a few) on the tables' indexes; nothing here writes.
///
/// Searches use LIKE with '!' as the escape character, which means the same on every dialect (a backslash does not:
/// MySQL reads it as an escape inside string literals). Case: LOWER() on both sides, so ASCII letters match in any
/// case on every dialect (SQLite's LOWER() folds ASCII only; PostgreSQL and MySQL fold more). A substring search
/// cannot use a B-tree index, so a search reads the service's customers in name order through the (tenant, service,
/// name) index and checks each one's follow relations and tags through their (tenant, service, external_userid, ...)
/// unique indexes; it stops as soon as a page is full.
class MirrorRepository {
public:
    /// The largest page customers() returns.
    static constexpr int maxPageSize = 500;
    /// The most staff staffOfDepartment() returns by default.
    static constexpr int defaultStaffLimit = 2000;

    MirrorRepository(Database &db, QString tenantId, qint64 serviceId);

    /// Every live department of the service, ordered by parent, then order (larger first), then id.
    Result<QList<MirrorDepartment>> departments();

    /// The live staff in department `deptId` (via staff_departments), ordered by their order in it (larger first),
    /// then name; at most `limit` (clamped to 1..100000).
    Result<MirrorStaffPage> staffOfDepartment(const QString &deptId, int limit = defaultStaffLimit);

    /// One page of the customers matching `search`, ordered by name, then external_userid, after `after` (from the
    /// start when unset). Keyset paging: a page costs the same wherever it is, and rows added meanwhile never shift
    /// later pages. `limit` is clamped to 1..maxPageSize.
    Result<CustomerPage> customers(const CustomerSearch &search, const std::optional<CustomerCursor> &after, int limit);

    /// One customer with its follow relations and their tags; std::nullopt when there is no live customer of that id.
    Result<std::optional<MirrorCustomerDetails>> customer(const QString &externalUserid);

private:
    /// Fills followerCount and tagNames of `customers` (two queries for the whole page).
    Status addFollowersAndTags(QList<MirrorCustomer> &customers);

    Database &m_db;
    QString m_tenantId;
    qint64 m_serviceId = 0;
};

} // namespace ic::db
