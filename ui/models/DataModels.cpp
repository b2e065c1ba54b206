#include "models/DataModels.h"

#include "Format.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace ic::ui {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::ui::DataModels)
};

/// Times in the tables: the local time, to the minute, in one unambiguous form whatever the locale.
QString localTime(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QString staffStatusName(int status)
{
    switch (status) {
    case 1:
        return Tr::tr("Active");
    case 2:
        return Tr::tr("Disabled");
    case 4:
        return Tr::tr("Not activated");
    case 5:
        return Tr::tr("Left");
    default:
        return Tr::tr("Unknown (%1)").arg(status);
    }
}

QString tagTypeName(int type)
{
    switch (type) {
    case 1:
        return Tr::tr("Corp tag");
    case 2:
        return Tr::tr("Personal tag");
    case 3:
        return Tr::tr("Rule tag");
    default:
        return Tr::tr("Unknown (%1)").arg(type);
    }
}

} // namespace

QString stampHeader(int which)
{
    return which == 0 ? Tr::tr("Synced") : Tr::tr("Run");
}

QVariant stampData(const db::MirrorStamp &stamp, int which, int role)
{
    if (which == 0) {
        switch (role) {
        case Qt::DisplayRole:
            return stamp.syncedAt.isValid() ? localTime(stamp.syncedAt) : Tr::tr("never");
        case Qt::ToolTipRole:
            if (!stamp.syncedAt.isValid()) {
                return Tr::tr("Not stamped by a sync");
            }
            return Tr::tr("Synced %1 (%2 UTC)")
                .arg(freshness(stamp.syncedAt), stamp.syncedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        default:
            return {};
        }
    }
    if (!stamp.lastRunId) {
        return role == Qt::DisplayRole ? QVariant(Tr::tr("unknown")) : QVariant();
    }
    const qint64 run = *stamp.lastRunId;
    switch (role) {
    case Qt::DisplayRole:
        return Tr::tr("Run #%1").arg(run);
    case Qt::ToolTipRole:
        return Tr::tr("Written by sync run #%1. Click to open the logs.").arg(run);
    case Qt::AccessibleDescriptionRole:
        return Tr::tr("Opens the logs, where run #%1 is listed.").arg(run);
    case Qt::ForegroundRole:
        return QGuiApplication::palette().color(QPalette::Link);
    case Qt::FontRole: {
        QFont font;
        font.setUnderline(true);
        return font;
    }
    case RunIdRole:
        return run;
    default:
        return {};
    }
}

// ---- DepartmentTreeModel ----

DepartmentTreeModel::DepartmentTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void DepartmentTreeModel::setDepartments(QList<db::MirrorDepartment> departments)
{
    beginResetModel();
    m_departments = std::move(departments);
    const qsizetype count = m_departments.size();
    m_byId.clear();
    for (qsizetype i = 0; i < count; ++i) {
        m_byId.insert(m_departments.at(i).deptId, i);
    }
    m_parent = QList<qsizetype>(count, -1);
    for (qsizetype i = 0; i < count; ++i) {
        const QString &parentId = m_departments.at(i).parentId;
        const qsizetype parent = m_byId.value(parentId, -1);
        m_parent[i] = parent == i ? -1 : parent;
    }
    // A department whose chain of parents loops never reaches a root: cut the loop where it is found, so every
    // department shows and no view descends forever.
    for (qsizetype i = 0; i < count; ++i) {
        QList<qsizetype> chain;
        qsizetype at = i;
        while (at != -1 && !chain.contains(at)) {
            chain.append(at);
            at = m_parent.at(at);
        }
        if (at != -1) {
            m_parent[at] = -1;
        }
    }
    m_children = QList<QList<qsizetype>>(count);
    m_roots.clear();
    m_row = QList<qsizetype>(count, 0);
    for (qsizetype i = 0; i < count; ++i) { // in the repository's order: larger order first among siblings
        QList<qsizetype> &siblings = m_parent.at(i) == -1 ? m_roots : m_children[m_parent.at(i)];
        m_row[i] = siblings.size();
        siblings.append(i);
    }
    endResetModel();
}

QModelIndex DepartmentTreeModel::indexOf(const QString &deptId) const
{
    const qsizetype at = m_byId.value(deptId, -1);
    return at == -1 ? QModelIndex() : createIndex(int(m_row.at(at)), 0, quintptr(at));
}

const db::MirrorDepartment *DepartmentTreeModel::department(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this) {
        return nullptr;
    }
    return &m_departments.at(qsizetype(index.internalId()));
}

QModelIndex DepartmentTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0)) {
        return {};
    }
    const QList<qsizetype> &siblings = parent.isValid() ? m_children.at(qsizetype(parent.internalId())) : m_roots;
    if (row >= siblings.size()) {
        return {};
    }
    return createIndex(row, column, quintptr(siblings.at(row)));
}

QModelIndex DepartmentTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) {
        return {};
    }
    const qsizetype parent = m_parent.at(qsizetype(child.internalId()));
    return parent == -1 ? QModelIndex() : createIndex(int(m_row.at(parent)), 0, quintptr(parent));
}

int DepartmentTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return int(m_roots.size());
    }
    return parent.column() == 0 ? int(m_children.at(qsizetype(parent.internalId())).size()) : 0;
}

int DepartmentTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DepartmentTreeModel::data(const QModelIndex &index, int role) const
{
    const db::MirrorDepartment *department = this->department(index);
    if (department == nullptr) {
        return {};
    }
    if (role == KeyRole) {
        return department->deptId;
    }
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole) {
            return department->name;
        }
        if (role == Qt::ToolTipRole && !department->nameEn.isEmpty()) {
            return department->nameEn;
        }
        break;
    case StaffColumn:
        if (role == Qt::DisplayRole) {
            return department->staffCount;
        }
        if (role == Qt::TextAlignmentRole) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        if (role == Qt::ToolTipRole) {
            return tr("%n member(s) of staff directly in this department", nullptr, int(department->staffCount));
        }
        break;
    case IdColumn:
        if (role == Qt::DisplayRole) {
            return department->deptId;
        }
        break;
    case SyncedColumn:
        return stampData(department->stamp, 0, role);
    case RunColumn:
        return stampData(department->stamp, 1, role);
    default:
        break;
    }
    return {};
}

QVariant DepartmentTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Department");
    case StaffColumn:
        return tr("Staff");
    case IdColumn:
        return tr("ID");
    case SyncedColumn:
        return stampHeader(0);
    case RunColumn:
        return stampHeader(1);
    default:
        return {};
    }
}

// ---- StampedTableModel ----

StampedTableModel::StampedTableModel(QStringList headers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_headers(std::move(headers))
{}

int StampedTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size()) + 2;
}

QVariant StampedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    if (role == KeyRole) {
        return keyAt(index.row());
    }
    if (index.column() >= syncedColumn()) {
        return stampData(stampAt(index.row()), index.column() - syncedColumn(), role);
    }
    return cell(index.row(), index.column(), role);
}

QVariant StampedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0) {
        return {};
    }
    if (section < m_headers.size()) {
        return m_headers.at(section);
    }
    return section < columnCount() ? QVariant(stampHeader(section - int(m_headers.size()))) : QVariant();
}

// ---- StaffTableModel ----

StaffTableModel::StaffTableModel(QObject *parent)
    : StampedTableModel(
          {tr("Name"), tr("User ID"), tr("Position"), tr("Mobile"), tr("E-mail"), tr("Leader"), tr("Status")}, parent)
{}

void StaffTableModel::setStaff(QList<db::MirrorStaff> staff)
{
    beginResetModel();
    m_staff = std::move(staff);
    endResetModel();
}

int StaffTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_staff.size());
}

QVariant StaffTableModel::cell(int row, int column, int role) const
{
    const db::MirrorStaff &member = m_staff.at(row);
    if (role == Qt::ToolTipRole && column == 0 && !member.alias.isEmpty()) {
        return tr("Alias: %1").arg(member.alias);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case 0:
        return member.name;
    case 1:
        return member.userid;
    case 2:
        return member.position;
    case 3:
        return member.mobile;
    case 4:
        return member.email;
    case 5:
        return member.isLeader ? tr("Leader") : QString();
    case 6:
        return staffStatusName(member.status);
    default:
        return {};
    }
}

// ---- CustomerTableModel ----

CustomerTableModel::CustomerTableModel(QObject *parent)
    : StampedTableModel({tr("Name"), tr("Type"), tr("Corp"), tr("Followers"), tr("Tags")}, parent)
{}

void CustomerTableModel::setReader(PageReader reader)
{
    beginResetModel();
    m_reader = std::move(reader);
    m_customers.clear();
    m_next.reset();
    QString failure;
    if (m_reader) {
        Result<db::CustomerPage> page = m_reader(std::nullopt);
        if (page) {
            m_customers = std::move(page.value().customers);
            m_next = page.value().next;
        } else {
            failure = page.error().message;
        }
    }
    // Views react to a reset (and to inserted rows) before their headers have laid the rows out, see every row as
    // visible and ask for more at once, from inside the signals: a page nobody sees, and a change nested in another
    // (which QAbstractItemModelTester rightly rejects). They ask again from a timer once laid out.
    m_changing = true;
    endResetModel();
    m_changing = false;
    if (!failure.isEmpty()) {
        Q_EMIT readFailed(failure);
    }
}

int CustomerTableModel::rowOf(const QString &externalUserid) const
{
    for (qsizetype i = 0; i < m_customers.size(); ++i) {
        if (m_customers.at(i).externalUserid == externalUserid) {
            return int(i);
        }
    }
    return -1;
}

int CustomerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_customers.size());
}

bool CustomerTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_changing && m_reader && m_next.has_value();
}

void CustomerTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    Result<db::CustomerPage> page = m_reader(m_next);
    if (!page) {
        m_next.reset(); // stop asking until the next search
        Q_EMIT readFailed(page.error().message);
        return;
    }
    m_next = page.value().next;
    QList<db::MirrorCustomer> &more = page.value().customers;
    if (more.isEmpty()) {
        return;
    }
    m_changing = true; // see setReader(): views ask again from inside rowsAboutToBeInserted and rowsInserted
    beginInsertRows({}, int(m_customers.size()), int(m_customers.size() + more.size() - 1));
    m_customers.append(std::move(more));
    endInsertRows();
    m_changing = false;
}

QVariant CustomerTableModel::cell(int row, int column, int role) const
{
    const db::MirrorCustomer &customer = m_customers.at(row);
    if (role == Qt::ToolTipRole) {
        if (column == 0) {
            return customer.externalUserid;
        }
        if (column == 4 && !customer.tagNames.isEmpty()) {
            return customer.tagNames.join(QLatin1Char('\n'));
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole && column == 3) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case 0:
        return customer.name;
    case 1:
        return customer.type == 2 ? tr("WeCom") : tr("WeChat");
    case 2:
        return customer.corpName;
    case 3:
        return customer.followerCount;
    case 4:
        return customer.tagNames.join(tr(", "));
    default:
        return {};
    }
}

// ---- FollowRelationTableModel ----

FollowRelationTableModel::FollowRelationTableModel(QObject *parent)
    : StampedTableModel({tr("Follower"), tr("Remark"), tr("Description"), tr("Added"), tr("Added by"), tr("State")},
                        parent)
{}

void FollowRelationTableModel::setRelations(QList<db::MirrorFollowRelation> relations)
{
    beginResetModel();
    m_relations = std::move(relations);
    endResetModel();
}

int FollowRelationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_relations.size());
}

QVariant FollowRelationTableModel::cell(int row, int column, int role) const
{
    const db::MirrorFollowRelation &relation = m_relations.at(row);
    if (role == Qt::ToolTipRole) {
        if (column == 0 && relation.staffName.isEmpty()) {
            return tr("This member of staff is not in the mirrored organisation.");
        }
        if (column == 2) {
            return relation.description;
        }
        if (column == 3 && relation.addTime.isValid()) {
            return tr("%1 (%2)").arg(localTime(relation.addTime), freshness(relation.addTime));
        }
        if (column == 4) {
            return tr("WeCom add_way %1").arg(relation.addWay);
        }
        return {};
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case 0:
        return relation.staffName.isEmpty() ? relation.userid : tr("%1 (%2)").arg(relation.staffName, relation.userid);
    case 1:
        return relation.remark;
    case 2:
        return relation.description;
    case 3:
        return relation.addTime.isValid() ? relation.addTime.toLocalTime().date().toString(Qt::ISODate) : QString();
    case 4:
        return addWayName(relation.addWay);
    case 5:
        return relation.state;
    default:
        return {};
    }
}

// ---- ContactTagTableModel ----

ContactTagTableModel::ContactTagTableModel(QObject *parent)
    : StampedTableModel({tr("Tag"), tr("Group"), tr("Type")}, parent)
{}

void ContactTagTableModel::setTags(QList<db::MirrorContactTag> tags)
{
    beginResetModel();
    m_tags = std::move(tags);
    endResetModel();
}

int ContactTagTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tags.size());
}

QVariant ContactTagTableModel::cell(int row, int column, int role) const
{
    const db::MirrorContactTag &tag = m_tags.at(row);
    if (role == Qt::ToolTipRole && column == 0) {
        return tr("Tag ID: %1").arg(tag.tagId);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (column) {
    case 0:
        return tag.tagName;
    case 1:
        return tag.groupName;
    case 2:
        return tagTypeName(tag.tagType);
    default:
        return {};
    }
}

QString addWayName(int addWay)
{
    // WeCom's add_way codes (externalcontact/get, follow_user[].add_way).
    switch (addWay) {
    case 0:
        return Tr::tr("Unknown source");
    case 1:
        return Tr::tr("Scanned a QR code");
    case 2:
        return Tr::tr("Searched a mobile number");
    case 3:
        return Tr::tr("Shared contact card");
    case 4:
        return Tr::tr("Group chat");
    case 5:
        return Tr::tr("Phone contacts");
    case 6:
        return Tr::tr("WeChat contacts");
    case 8:
        return Tr::tr("Customer service of a third-party app");
    case 9:
        return Tr::tr("Searched an e-mail address");
    case 10:
        return Tr::tr("WeChat Channels");
    case 16:
        return Tr::tr("Customer acquisition link");
    case 201:
        return Tr::tr("Shared by a colleague");
    case 202:
        return Tr::tr("Assigned by an administrator");
    default:
        return Tr::tr("Other (%1)").arg(addWay);
    }
}

} // namespace ic::ui
