#pragma once

#include "db/MirrorRepository.h"

#include <QAbstractItemModel>
#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

// The models of the Data page: the mirrored departments, staff, customers, follow relations and tags as core's
// MirrorRepository reads them. Every row ends with two columns: when it was synced and by which run ("Run #12",
// drawn as a link; RunIdRole holds the id so a view can open the run).
namespace ic::ui {

/// Roles the Data page's models share.
enum DataRole {
    RunIdRole = Qt::UserRole + 1, ///< qint64: the run that last wrote the row (invalid when unknown).
    KeyRole,                      ///< QString: the row's natural key (dept_id, userid, external_userid, tag_id).
};

/// The display, tooltip and link look of the "Synced" (`which` 0) and "Run" (`which` 1) cells of a row.
QVariant stampData(const db::MirrorStamp &stamp, int which, int role);
/// The headers of the two stamp columns.
QString stampHeader(int which);

/// The departments as a tree: roots are departments whose parent is not mirrored (WeCom's root has parent 0).
/// Columns: name, direct staff, id, synced, run. A department whose parents form a cycle is shown as a root, so
/// bad data never hides a department or loops a view.
class DepartmentTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { NameColumn, StaffColumn, IdColumn, SyncedColumn, RunColumn, ColumnCount };

    explicit DepartmentTreeModel(QObject *parent = nullptr);

    /// Replaces the tree (a model reset).
    void setDepartments(QList<db::MirrorDepartment> departments);
    /// The index of department `deptId` in column 0; invalid when it is not in the tree.
    QModelIndex indexOf(const QString &deptId) const;
    const db::MirrorDepartment *department(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<db::MirrorDepartment> m_departments;
    QList<qsizetype> m_parent;          ///< Per department: its parent's position, -1 for a root.
    QList<qsizetype> m_row;             ///< Per department: its row under its parent.
    QList<QList<qsizetype>> m_children; ///< Per department: its children's positions.
    QList<qsizetype> m_roots;
    QHash<QString, qsizetype> m_byId;
};

/// A flat table of rows that each carry a MirrorStamp: the shared part of the Data page's tables. Subclasses say
/// how many rows there are, their own columns, and each row's stamp and key; the last two columns are the stamp's.
class StampedTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int syncedColumn() const { return int(m_headers.size()); }
    int runColumn() const { return int(m_headers.size()) + 1; }

protected:
    explicit StampedTableModel(QStringList headers, QObject *parent = nullptr);

    virtual QVariant cell(int row, int column, int role) const = 0;
    virtual db::MirrorStamp stampAt(int row) const = 0;
    virtual QString keyAt(int row) const = 0;

private:
    QStringList m_headers;
};

/// The staff of one department. Columns: name, userid, position, mobile, e-mail, leader, status, synced, run.
class StaffTableModel : public StampedTableModel {
    Q_OBJECT

public:
    explicit StaffTableModel(QObject *parent = nullptr);

    void setStaff(QList<db::MirrorStaff> staff);
    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    QVariant cell(int row, int column, int role) const override;
    db::MirrorStamp stampAt(int row) const override { return m_staff.at(row).stamp; }
    QString keyAt(int row) const override { return m_staff.at(row).userid; }

private:
    QList<db::MirrorStaff> m_staff;
};

/// Customers, read page by page as the view scrolls (canFetchMore() / fetchMore()). Columns: name, type, corp,
/// followers, tags, synced, run.
class CustomerTableModel : public StampedTableModel {
    Q_OBJECT

public:
    /// Reads the page after the cursor (from the start when unset).
    using PageReader = std::function<Result<db::CustomerPage>(const std::optional<db::CustomerCursor> &after)>;

    explicit CustomerTableModel(QObject *parent = nullptr);

    /// Starts over with `reader` (nothing shown without one) and reads its first page (a model reset).
    void setReader(PageReader reader);
    /// The customer at `row`.
    const db::MirrorCustomer &customer(int row) const { return m_customers.at(row); }
    /// The row of `externalUserid` among the rows read so far; -1 when not there.
    int rowOf(const QString &externalUserid) const;
    /// Whether every matching customer has been read.
    bool isComplete() const { return !m_next.has_value(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /// A page could not be read: the message for people.
    void readFailed(const QString &message);

protected:
    QVariant cell(int row, int column, int role) const override;
    db::MirrorStamp stampAt(int row) const override { return m_customers.at(row).stamp; }
    QString keyAt(int row) const override { return m_customers.at(row).externalUserid; }

private:
    PageReader m_reader;
    QList<db::MirrorCustomer> m_customers;
    std::optional<db::CustomerCursor> m_next;
    bool m_changing = false; ///< A reset or insertion is being signalled: no fetch until it is over.
};

/// One customer's follow relations. Columns: follower, remark, description, added (the date; the time in the
/// tooltip), add way, state, synced, run.
class FollowRelationTableModel : public StampedTableModel {
    Q_OBJECT

public:
    explicit FollowRelationTableModel(QObject *parent = nullptr);

    void setRelations(QList<db::MirrorFollowRelation> relations);
    const db::MirrorFollowRelation &relation(int row) const { return m_relations.at(row); }
    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    QVariant cell(int row, int column, int role) const override;
    db::MirrorStamp stampAt(int row) const override { return m_relations.at(row).stamp; }
    QString keyAt(int row) const override { return m_relations.at(row).userid; }

private:
    QList<db::MirrorFollowRelation> m_relations;
};

/// The tags of one follow relation. Columns: tag (its id in the tooltip), group, type, synced, run.
class ContactTagTableModel : public StampedTableModel {
    Q_OBJECT

public:
    explicit ContactTagTableModel(QObject *parent = nullptr);

    void setTags(QList<db::MirrorContactTag> tags);
    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    QVariant cell(int row, int column, int role) const override;
    db::MirrorStamp stampAt(int row) const override { return m_tags.at(row).stamp; }
    QString keyAt(int row) const override { return m_tags.at(row).tagId; }

private:
    QList<db::MirrorContactTag> m_tags;
};

/// WeCom's add_way code of a follow relation, for people ("Scanned a QR code").
QString addWayName(int addWay);

} // namespace ic::ui
