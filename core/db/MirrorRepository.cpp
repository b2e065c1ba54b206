#include "MirrorRepository.h"

#include "db/Database.h"
#include "db/SqlError.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace ic::db {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::db::MirrorRepository)
};

/// Bound values per IN list: well below every dialect's limit on parameters.
constexpr int kInListChunk = 200;

/// A time column read by position (MySQL: as text, see Database::selectTime()).
QString timeColumn(const Database &db, const QString &column)
{
    if (db.dialect() == Dialect::MySQL) {
        return QStringLiteral("CAST(%1 AS CHAR)").arg(column);
    }
    return column;
}

/// The bookkeeping columns of `alias`'s table: synced_at, last_run_id (read by readStamp()).
QString stampColumns(const Database &db, const QString &alias)
{
    return timeColumn(db, alias + QStringLiteral(".synced_at")) + QStringLiteral(", ") + alias +
           QStringLiteral(".last_run_id");
}

MirrorStamp readStamp(const Database &db, const QSqlQuery &query, int first)
{
    MirrorStamp stamp;
    stamp.syncedAt = db.fromDbTime(query.value(first));
    const QVariant run = query.value(first + 1);
    if (!run.isNull()) {
        stamp.lastRunId = run.toLongLong();
    }
    return stamp;
}

/// "LOWER(<column>) LIKE LOWER(?) ESCAPE '!'": a case-insensitive (ASCII at least) substring match.
QString likeClause(const QString &column)
{
    return QStringLiteral("LOWER(%1) LIKE LOWER(?) ESCAPE '!'").arg(column);
}

QString placeholders(qsizetype count)
{
    QString list;
    for (qsizetype i = 0; i < count; ++i) {
        list += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    }
    return list;
}

} // namespace

MirrorRepository::MirrorRepository(Database &db, QString tenantId, qint64 serviceId)
    : m_db(db)
    , m_tenantId(std::move(tenantId))
    , m_serviceId(serviceId)
{}

Result<QList<MirrorDepartment>> MirrorRepository::departments()
{
    QSqlQuery query(m_db.handle());
    const QString statement = QStringLiteral("SELECT d.dept_id, d.name, d.name_en, d.parent_id, d.order_no, ") +
                              stampColumns(m_db, QStringLiteral("d")) +
                              QStringLiteral(" FROM departments d WHERE d.tenant_id = ? AND d.service_id = ? AND "
                                             "d.deleted_at IS NULL ORDER BY d.parent_id, d.order_no DESC, d.dept_id");
    if (!execute(query, statement, {m_tenantId, m_serviceId})) {
        return databaseError(Tr::tr("The departments could not be read."), query.lastError());
    }
    QList<MirrorDepartment> departments;
    QHash<QString, qsizetype> byId;
    while (query.next()) {
        MirrorDepartment department;
        department.deptId = query.value(0).toString();
        department.name = query.value(1).toString();
        department.nameEn = query.value(2).toString();
        department.parentId = query.value(3).toString();
        department.order = query.value(4).toLongLong();
        department.stamp = readStamp(m_db, query, 5);
        byId.insert(department.deptId, departments.size());
        departments.append(department);
    }

    // Direct members per department: one grouped scan of the service's memberships, live on both sides.
    QSqlQuery counts(m_db.handle());
    const QString countStatement = QStringLiteral(
        "SELECT sd.dept_id, COUNT(*) FROM staff_departments sd JOIN staff s ON s.tenant_id = sd.tenant_id AND "
        "s.service_id = sd.service_id AND s.userid = sd.userid AND s.deleted_at IS NULL WHERE sd.tenant_id = ? AND "
        "sd.service_id = ? AND sd.deleted_at IS NULL GROUP BY sd.dept_id");
    if (!execute(counts, countStatement, {m_tenantId, m_serviceId})) {
        return databaseError(Tr::tr("The departments' staff could not be counted."), counts.lastError());
    }
    while (counts.next()) {
        const auto found = byId.constFind(counts.value(0).toString());
        if (found != byId.constEnd()) {
            departments[*found].staffCount = counts.value(1).toLongLong();
        }
    }
    return departments;
}

Result<MirrorStaffPage> MirrorRepository::staffOfDepartment(const QString &deptId, int limit)
{
    limit = std::clamp(limit, 1, 100000);
    QSqlQuery query(m_db.handle());
    const QString statement =
        QStringLiteral("SELECT s.userid, s.name, s.alias, s.position, s.mobile, s.email, s.status, s.main_department, "
                       "sd.is_leader, sd.order_no, ") +
        stampColumns(m_db, QStringLiteral("s")) +
        QStringLiteral(" FROM staff_departments sd JOIN staff s ON s.tenant_id = sd.tenant_id AND s.service_id = "
                       "sd.service_id AND s.userid = sd.userid AND s.deleted_at IS NULL WHERE sd.tenant_id = ? AND "
                       "sd.service_id = ? AND sd.dept_id = ? AND sd.deleted_at IS NULL ORDER BY sd.order_no DESC, "
                       "s.name, s.userid LIMIT ") +
        QString::number(limit + 1);
    if (!execute(query, statement, {m_tenantId, m_serviceId, deptId})) {
        return databaseError(Tr::tr("The staff of the department could not be read."), query.lastError());
    }
    MirrorStaffPage page;
    while (query.next()) {
        if (page.staff.size() == limit) {
            page.truncated = true;
            break;
        }
        MirrorStaff member;
        member.userid = query.value(0).toString();
        member.name = query.value(1).toString();
        member.alias = query.value(2).toString();
        member.position = query.value(3).toString();
        member.mobile = query.value(4).toString();
        member.email = query.value(5).toString();
        member.status = query.value(6).toInt();
        member.mainDepartment = query.value(7).toString();
        member.isLeader = query.value(8).toBool();
        member.orderInDepartment = query.value(9).toLongLong();
        member.stamp = readStamp(m_db, query, 10);
        page.staff.append(member);
    }
    return page;
}

Result<CustomerPage> MirrorRepository::customers(const CustomerSearch &search,
                                                 const std::optional<CustomerCursor> &after, int limit)
{
    limit = std::clamp(limit, 1, maxPageSize);
    QString statement = QStringLiteral("SELECT c.external_userid, c.name, c.type, c.corp_name, ") +
                        stampColumns(m_db, QStringLiteral("c")) +
                        QStringLiteral(" FROM external_contacts c WHERE c.tenant_id = ? AND c.service_id = ? AND "
                                       "c.deleted_at IS NULL");
    QVariantList values{m_tenantId, m_serviceId};

    const QString text = search.text.trimmed();
    if (!text.isEmpty()) {
        const QString pattern = containsPattern(text);
        // Each condition correlates on the customer's natural key, which leads the unique indexes of
        // follow_relations (tenant, service, external_userid, userid) and contact_tags (... , userid, tag_id).
        const QString relationOf = QStringLiteral(
            "f.tenant_id = c.tenant_id AND f.service_id = c.service_id AND f.external_userid = c.external_userid AND "
            "f.deleted_at IS NULL");
        QStringList conditions;
        const bool any = search.field == CustomerSearchField::Any;
        if (any || search.field == CustomerSearchField::Name) {
            conditions.append(likeClause(QStringLiteral("c.name")));
            values.append(pattern);
        }
        if (any || search.field == CustomerSearchField::Remark) {
            conditions.append(QStringLiteral("EXISTS (SELECT 1 FROM follow_relations f WHERE ") + relationOf +
                              QStringLiteral(" AND ") + likeClause(QStringLiteral("f.remark")) + QLatin1Char(')'));
            values.append(pattern);
        }
        if (any || search.field == CustomerSearchField::Tag) {
            conditions.append(QStringLiteral("EXISTS (SELECT 1 FROM contact_tags t WHERE t.tenant_id = c.tenant_id AND "
                                             "t.service_id = c.service_id AND t.external_userid = c.external_userid "
                                             "AND t.deleted_at IS NULL AND ") +
                              likeClause(QStringLiteral("t.tag_name")) + QLatin1Char(')'));
            values.append(pattern);
        }
        if (any || search.field == CustomerSearchField::Follower) {
            conditions.append(
                QStringLiteral("EXISTS (SELECT 1 FROM follow_relations f LEFT JOIN staff s ON s.tenant_id = "
                               "f.tenant_id AND s.service_id = f.service_id AND s.userid = f.userid AND s.deleted_at "
                               "IS NULL WHERE ") +
                relationOf + QStringLiteral(" AND (") + likeClause(QStringLiteral("f.userid")) +
                QStringLiteral(" OR ") + likeClause(QStringLiteral("s.name")) + QStringLiteral("))"));
            values.append(pattern);
            values.append(pattern);
        }
        statement += QStringLiteral(" AND (") + conditions.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    if (after) {
        statement += QStringLiteral(" AND (c.name > ? OR (c.name = ? AND c.external_userid > ?))");
        values.append(after->name);
        values.append(after->name);
        values.append(after->externalUserid);
    }
    statement += QStringLiteral(" ORDER BY c.name, c.external_userid LIMIT ") + QString::number(limit + 1);

    QSqlQuery query(m_db.handle());
    if (!execute(query, statement, values)) {
        return databaseError(Tr::tr("The customers could not be searched."), query.lastError());
    }
    CustomerPage page;
    bool more = false;
    while (query.next()) {
        if (page.customers.size() == limit) {
            more = true;
            break;
        }
        MirrorCustomer customer;
        customer.externalUserid = query.value(0).toString();
        customer.name = query.value(1).toString();
        customer.type = query.value(2).toInt();
        customer.corpName = query.value(3).toString();
        customer.stamp = readStamp(m_db, query, 4);
        page.customers.append(customer);
    }
    query.finish();
    if (more) {
        const MirrorCustomer &last = page.customers.constLast();
        page.next = CustomerCursor{last.name, last.externalUserid};
    }
    if (Status added = addFollowersAndTags(page.customers); !added) {
        return added.error();
    }
    return page;
}

Status MirrorRepository::addFollowersAndTags(QList<MirrorCustomer> &customers)
{
    QHash<QString, qsizetype> byId;
    for (qsizetype i = 0; i < customers.size(); ++i) {
        byId.insert(customers.at(i).externalUserid, i);
    }
    QHash<QString, QSet<QString>> tags;
    for (qsizetype start = 0; start < customers.size(); start += kInListChunk) {
        const qsizetype count = std::min<qsizetype>(kInListChunk, customers.size() - start);
        QVariantList values{m_tenantId, m_serviceId};
        for (qsizetype i = start; i < start + count; ++i) {
            values.append(customers.at(i).externalUserid);
        }

        QSqlQuery followers(m_db.handle());
        const QString followerStatement =
            QStringLiteral("SELECT external_userid, COUNT(*) FROM follow_relations WHERE tenant_id = ? AND "
                           "service_id = ? AND deleted_at IS NULL AND external_userid IN (") +
            placeholders(count) + QStringLiteral(") GROUP BY external_userid");
        if (!execute(followers, followerStatement, values)) {
            return databaseError(Tr::tr("The customers' followers could not be counted."), followers.lastError());
        }
        while (followers.next()) {
            const auto found = byId.constFind(followers.value(0).toString());
            if (found != byId.constEnd()) {
                customers[*found].followerCount = followers.value(1).toLongLong();
            }
        }

        QSqlQuery tagQuery(m_db.handle());
        const QString tagStatement =
            QStringLiteral("SELECT external_userid, tag_name FROM contact_tags WHERE tenant_id = ? AND service_id = ? "
                           "AND deleted_at IS NULL AND external_userid IN (") +
            placeholders(count) + QLatin1Char(')');
        if (!execute(tagQuery, tagStatement, values)) {
            return databaseError(Tr::tr("The customers' tags could not be read."), tagQuery.lastError());
        }
        while (tagQuery.next()) {
            const QString name = tagQuery.value(1).toString();
            if (!name.isEmpty()) {
                tags[tagQuery.value(0).toString()].insert(name);
            }
        }
    }
    for (auto it = tags.constBegin(); it != tags.constEnd(); ++it) {
        QStringList names(it.value().constBegin(), it.value().constEnd());
        std::sort(names.begin(), names.end());
        customers[byId.value(it.key())].tagNames = names;
    }
    return {};
}

Result<std::optional<MirrorCustomerDetails>> MirrorRepository::customer(const QString &externalUserid)
{
    QSqlQuery query(m_db.handle());
    const QString statement =
        QStringLiteral("SELECT c.external_userid, c.name, c.type, c.corp_name, c.corp_full_name, c.position, ") +
        stampColumns(m_db, QStringLiteral("c")) +
        QStringLiteral(" FROM external_contacts c WHERE c.tenant_id = ? AND c.service_id = ? AND c.external_userid = ? "
                       "AND c.deleted_at IS NULL");
    if (!execute(query, statement, {m_tenantId, m_serviceId, externalUserid})) {
        return databaseError(Tr::tr("The customer could not be read."), query.lastError());
    }
    if (!query.next()) {
        return std::optional<MirrorCustomerDetails>();
    }
    MirrorCustomerDetails details;
    details.customer.externalUserid = query.value(0).toString();
    details.customer.name = query.value(1).toString();
    details.customer.type = query.value(2).toInt();
    details.customer.corpName = query.value(3).toString();
    details.corpFullName = query.value(4).toString();
    details.position = query.value(5).toString();
    details.customer.stamp = readStamp(m_db, query, 6);
    query.finish();

    QSqlQuery relations(m_db.handle());
    const QString relationStatement =
        QStringLiteral("SELECT f.userid, s.name, f.remark, f.description, ") +
        timeColumn(m_db, QStringLiteral("f.add_time")) + QStringLiteral(", f.add_way, f.state, ") +
        stampColumns(m_db, QStringLiteral("f")) +
        QStringLiteral(" FROM follow_relations f LEFT JOIN staff s ON s.tenant_id = f.tenant_id AND s.service_id = "
                       "f.service_id AND s.userid = f.userid AND s.deleted_at IS NULL WHERE f.tenant_id = ? AND "
                       "f.service_id = ? AND f.external_userid = ? AND f.deleted_at IS NULL ORDER BY f.add_time, "
                       "f.userid");
    if (!execute(relations, relationStatement, {m_tenantId, m_serviceId, externalUserid})) {
        return databaseError(Tr::tr("The customer's follow relations could not be read."), relations.lastError());
    }
    QHash<QString, qsizetype> byFollower;
    while (relations.next()) {
        MirrorFollowRelation relation;
        relation.userid = relations.value(0).toString();
        relation.staffName = relations.value(1).toString();
        relation.remark = relations.value(2).toString();
        relation.description = relations.value(3).toString();
        relation.addTime = m_db.fromDbTime(relations.value(4));
        relation.addWay = relations.value(5).toInt();
        relation.state = relations.value(6).toString();
        relation.stamp = readStamp(m_db, relations, 7);
        byFollower.insert(relation.userid, details.relations.size());
        details.relations.append(relation);
    }
    relations.finish();

    QSqlQuery tags(m_db.handle());
    const QString tagStatement =
        QStringLiteral("SELECT t.userid, t.tag_id, t.tag_type, t.group_name, t.tag_name, ") +
        stampColumns(m_db, QStringLiteral("t")) +
        QStringLiteral(" FROM contact_tags t WHERE t.tenant_id = ? AND t.service_id = ? AND t.external_userid = ? AND "
                       "t.deleted_at IS NULL ORDER BY t.userid, t.group_name, t.tag_name, t.tag_id");
    if (!execute(tags, tagStatement, {m_tenantId, m_serviceId, externalUserid})) {
        return databaseError(Tr::tr("The customer's tags could not be read."), tags.lastError());
    }
    QSet<QString> tagNames;
    while (tags.next()) {
        const auto found = byFollower.constFind(tags.value(0).toString());
        if (found == byFollower.constEnd()) {
            continue; // a tag of a relation that is gone: the relation's own deletion is what counts
        }
        MirrorContactTag tag;
        tag.tagId = tags.value(1).toString();
        tag.tagType = tags.value(2).toInt();
        tag.groupName = tags.value(3).toString();
        tag.tagName = tags.value(4).toString();
        tag.stamp = readStamp(m_db, tags, 5);
        if (!tag.tagName.isEmpty()) {
            tagNames.insert(tag.tagName);
        }
        details.relations[*found].tags.append(tag);
    }
    details.customer.followerCount = details.relations.size();
    details.customer.tagNames = QStringList(tagNames.constBegin(), tagNames.constEnd());
    std::sort(details.customer.tagNames.begin(), details.customer.tagNames.end());
    return std::optional<MirrorCustomerDetails>(std::move(details));
}

} // namespace ic::db
