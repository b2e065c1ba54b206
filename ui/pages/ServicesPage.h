#pragma once

#include "db/Repositories.h"
#include "pages/Page.h"

#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

namespace ic::ui {

class ServiceTableModel;

/// The configured services: a table (name, type, category, enabled, status with colour and icon, last test) with
/// Add, Edit, Duplicate, Enable/Disable, Remove (after a confirmation naming the service; its keychain entries go
/// too) and Test connection, from the toolbar, the context menu and the keyboard (Ctrl+N, Enter/F2, Ctrl+D, Ctrl+E,
/// Delete, Ctrl+T, F5; active while the page has focus). Everything goes through core's ServiceConfigService; every
/// change is announced with AppContext::notifyServicesChanged(), and the page follows that signal too.
class ServicesPage : public Page {
    Q_OBJECT

public:
    explicit ServicesPage(AppContext &context, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("services"); }
    QString title() const override;
    QIcon icon() const override;
    void activate() override;

    /// Reads the services again (one list query and one indexed query per service), keeping the selection.
    void refresh();
    ServiceTableModel *model() const { return m_model; }
    QTableView *view() const { return m_table; }
    /// The selected service's name; empty when none is selected.
    QString selectedName() const;
    /// Selects the service named `name`; false when it is not listed.
    bool selectService(const QString &name);

    void addService();
    void editService();
    void duplicateService();
    void toggleEnabled();
    void removeService();
    void testConnection();

private:
    QAction *createAction(const QString &icon, const QString &text, const QKeySequence &shortcut,
                          const QString &objectName);
    std::optional<db::ServiceConfigRecord> selectedRecord() const;
    QString copyName(const QString &name) const;
    void remove(const QString &name);
    void updateActions();
    void showMessage(const QString &text, bool problem = false);

    ServiceTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_message = nullptr;
    QAction *m_add = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_toggle = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_test = nullptr;
    QAction *m_refresh = nullptr;
};

} // namespace ic::ui
