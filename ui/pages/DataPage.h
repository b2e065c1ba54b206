#pragma once

#include "pages/Page.h"

#include <optional>

class QAbstractItemView;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeView;

namespace ic::ui {

class ContactTagTableModel;
class CustomerTableModel;
class DepartmentTreeModel;
class FollowRelationTableModel;
class StaffTableModel;

/// What the syncs mirrored, per service: the organisation (departments as a tree, the staff of the selected one)
/// and the customers (a search by name, remark, tag or follower, paged as the table scrolls; the selected customer's
/// follow relations and the selected relation's tags). Every row shows when it was synced and by which run; clicking
/// (or activating) "Run #N" asks for the logs page and emits runRequested(). Reads through core's MirrorRepository:
/// short, indexed queries, a page of customers at a time. Refreshes when shown and when a run ends in this window.
class DataPage : public Page {
    Q_OBJECT

public:
    explicit DataPage(AppContext &context, QWidget *parent = nullptr);
    ~DataPage() override;

    QString pageId() const override { return QStringLiteral("data"); }
    QString title() const override;
    QIcon icon() const override;
    void activate() override;

    /// Reads the services, the departments, the selected department's staff, the customers of the current search
    /// and the selected customer again, keeping the selections where the rows still exist.
    void refresh();

    /// The service shown; 0 when none.
    qint64 currentServiceId() const;

Q_SIGNALS:
    /// The user asked to see sync run `runId` (emitted together with showPageRequested("logs")).
    void runRequested(qint64 runId);

private:
    void reloadServices();
    void reloadOrganisation();
    void showStaffOf(const QModelIndex &department);
    /// Reads the customers matching the search from the start. With `keepPosition` (a refresh after a sync, not a
    /// new search), reads as many rows again as were shown, up to kRestoreRows, and scrolls back to where the list
    /// was, so that a run finishing elsewhere does not throw the reader back to the top.
    void search(bool keepPosition = false);
    void showCustomerCount();
    void showCustomer(const QString &externalUserid);
    void showTagsOf(int relationRow);
    /// Emits the run requests when `index` is a "Run #N" cell.
    void openRunAt(const QModelIndex &index);
    void connectRunLinks(QAbstractItemView *view);
    QString selectedDepartment() const;
    QString selectedCustomer() const;

    QComboBox *m_service = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_tabs = nullptr;

    QTreeView *m_departments = nullptr;
    QTableView *m_staff = nullptr;
    QLabel *m_staffTitle = nullptr;
    DepartmentTreeModel *m_departmentModel = nullptr;
    StaffTableModel *m_staffModel = nullptr;

    QLineEdit *m_searchText = nullptr;
    QComboBox *m_searchField = nullptr;
    QTimer *m_searchDelay = nullptr;
    QTableView *m_customers = nullptr;
    QLabel *m_customerCount = nullptr;
    QLabel *m_customerTitle = nullptr;
    QTableView *m_relations = nullptr;
    QTableView *m_tags = nullptr;
    CustomerTableModel *m_customerModel = nullptr;
    FollowRelationTableModel *m_relationModel = nullptr;
    ContactTagTableModel *m_tagModel = nullptr;
    qint64 m_lastRunRequested = 0; ///< The run of the last request, and when (ms since the epoch)
    qint64 m_lastRunRequestAt = 0;
};

} // namespace ic::ui
