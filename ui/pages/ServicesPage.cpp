#include "pages/ServicesPage.h"

#include "AppContext.h"
#include "db/Database.h"
#include "db/ServiceTestRepository.h"
#include "dialogs/ConnectionTestDialog.h"
#include "dialogs/ServiceEditorDialog.h"
#include "models/ServiceTableModel.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"

#include <QAction>
#include <QCoro/QCoroTask>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <memory>

namespace ic::ui {

namespace {

/// The service object lives as long as the removal (it holds the database and the secret store by reference, both
/// of which outlive the window).
QCoro::Task<Result<QStringList>> removeConfiguration(std::shared_ptr<services::ServiceConfigService> service,
                                                     QString name)
{
    co_return co_await service->remove(std::move(name));
}

} // namespace

ServicesPage::ServicesPage(AppContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("servicesPage"));

    m_add =
        createAction(QStringLiteral("add"), tr("&Add service…"), QKeySequence::New, QStringLiteral("actionAddService"));
    m_edit = createAction(QStringLiteral("edit"), tr("&Edit…"), QKeySequence(Qt::Key_F2),
                          QStringLiteral("actionEditService"));
    m_duplicate = createAction(QStringLiteral("duplicate"), tr("D&uplicate…"), QKeySequence(Qt::CTRL | Qt::Key_D),
                               QStringLiteral("actionDuplicateService"));
    m_toggle = createAction(QStringLiteral("toggle"), tr("Disa&ble"), QKeySequence(Qt::CTRL | Qt::Key_E),
                            QStringLiteral("actionToggleService"));
    m_remove = createAction(QStringLiteral("remove"), tr("&Remove…"), QKeySequence::Delete,
                            QStringLiteral("actionRemoveService"));
    m_test = createAction(QStringLiteral("test"), tr("&Test connection"), QKeySequence(Qt::CTRL | Qt::Key_T),
                          QStringLiteral("actionTestService"));
    m_refresh = createAction(QStringLiteral("refresh"), tr("Re&fresh"), QKeySequence::Refresh,
                             QStringLiteral("actionRefreshServices"));
    connect(m_add, &QAction::triggered, this, &ServicesPage::addService);
    connect(m_edit, &QAction::triggered, this, &ServicesPage::editService);
    connect(m_duplicate, &QAction::triggered, this, &ServicesPage::duplicateService);
    connect(m_toggle, &QAction::triggered, this, &ServicesPage::toggleEnabled);
    connect(m_remove, &QAction::triggered, this, &ServicesPage::removeService);
    connect(m_test, &QAction::triggered, this, &ServicesPage::testConnection);
    connect(m_refresh, &QAction::triggered, this, &ServicesPage::refresh);

    m_toolBar = new QToolBar;
    m_toolBar->setObjectName(QStringLiteral("servicesToolBar"));
    m_toolBar->setAccessibleName(tr("Service actions"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->addAction(m_add);
    m_toolBar->addAction(m_edit);
    m_toolBar->addAction(m_duplicate);
    m_toolBar->addAction(m_toggle);
    m_toolBar->addAction(m_remove);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_test);
    auto *spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);

    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("servicesFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, type, status…"));
    m_filter->setAccessibleName(tr("Filter services"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(220);
    m_filter->setMaximumWidth(300);
    m_toolBar->addWidget(m_filter);
    m_toolBar->addAction(m_refresh);

    m_model = new ServiceTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ServiceTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("servicesTable"));
    m_table->setAccessibleName(tr("Configured services"));
    m_table->setAccessibleDescription(
        tr("Enter or F2 edits the selected service, Delete removes it, Ctrl+T tests its connection"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ServiceTableModel::NameColumn, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    // A handful of rows: the columns fit their contents, the name can be resized, the last test takes the rest.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ServiceTableModel::NameColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(ServiceTableModel::NameColumn, 200);
    connect(m_table, &QTableView::activated, this, &ServicesPage::editService);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        const QModelIndex index = m_table->indexAt(position);
        if (index.isValid()) {
            m_table->selectRow(index.row());
        }
        auto *menu = new QMenu(this);
        menu->setObjectName(QStringLiteral("servicesContextMenu"));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addActions({m_edit, m_duplicate, m_toggle, m_remove});
        menu->addSeparator();
        menu->addAction(m_test);
        menu->addSeparator();
        menu->addAction(m_add);
        menu->popup(m_table->viewport()->mapToGlobal(position));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ServicesPage::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ServicesPage::updateActions);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ServicesPage::updateActions);

    m_empty = new QLabel(tr("No service is configured yet. Add one with \"Add service\" (Ctrl+N): WeCom, DingTalk "
                            "and more. Every value the editor asks for comes with where to find it."));
    m_empty->setObjectName(QStringLiteral("servicesEmpty"));
    m_empty->setWordWrap(true);
    m_empty->hide();

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("servicesMessage"));
    m_message->setAccessibleName(tr("Result of the last action"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_empty);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    setTabOrder(m_filter, m_table);

    connect(&context, &AppContext::servicesChanged, this, &ServicesPage::refresh);
    connect(&context, &AppContext::connectionChanged, this, &ServicesPage::refresh);
    updateActions();
}

QString ServicesPage::title() const
{
    return tr("Services");
}

QIcon ServicesPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/navigation/services.svg"));
}

void ServicesPage::activate()
{
    refresh();
}

QAction *ServicesPage::createAction(const QString &icon, const QString &text, const QKeySequence &shortcut,
                                    const QString &objectName)
{
    auto *action = new QAction(QIcon(QStringLiteral(":/icons/actions/%1.svg").arg(icon)), text, this);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    // Only while the page (or a widget in it) has focus: other pages use the same keys for their own things.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(
        tr("%1 (%2)").arg(QString(text).remove(u'&').remove(u'…'), shortcut.toString(QKeySequence::NativeText)));
    addAction(action);
    return action;
}

void ServicesPage::refresh()
{
    const QString selected = selectedName();
    db::Database *database = context().database();
    if (!database) {
        m_model->setRows({});
        m_empty->hide();
        updateActions();
        return;
    }
    services::ServiceConfigService services(*database, context().secrets(), context().tenant(),
                                            services::Actor::currentProcess(), context().registry());
    Result<QList<db::ServiceConfigRecord>> listed = services.list();
    if (!listed) {
        showMessage(tr("The services cannot be read: %1 %2").arg(listed.error().message, listed.error().hint), true);
        return;
    }
    db::ServiceTestRepository tests(*database);
    QList<ServiceTableModel::Row> rows;
    for (const db::ServiceConfigRecord &record : listed.value()) {
        ServiceTableModel::Row row;
        row.record = record;
        const services::ServiceType *type = context().registry().find(record.type);
        row.typeName = type ? type->displayName : record.type;
        row.categoryName = services::categoryDisplayName(record.category);
        if (record.lastTestedAt.isValid()) {
            Result<std::optional<db::ServiceTestRecord>> latest = tests.latest(context().tenant(), record.id);
            if (latest && latest.value()) {
                row.lastOutcome = latest.value()->outcome;
            }
        }
        rows.append(row);
    }
    m_model->setRows(std::move(rows));
    m_empty->setVisible(m_model->rowCount() == 0);
    if (!selected.isEmpty()) {
        selectService(selected);
    }
    updateActions();
}

QString ServicesPage::selectedName() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(ServiceTableModel::NameRole).toString();
}

bool ServicesPage::selectService(const QString &name)
{
    const int sourceRow = m_model->rowOf(name);
    if (sourceRow < 0) {
        return false;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid()) {
        return false; // filtered out
    }
    m_table->setCurrentIndex(index);
    m_table->selectRow(index.row());
    m_table->scrollTo(index);
    return true;
}

std::optional<db::ServiceConfigRecord> ServicesPage::selectedRecord() const
{
    const int row = m_model->rowOf(selectedName());
    if (const ServiceTableModel::Row *found = m_model->rowAt(row)) {
        return found->record;
    }
    return std::nullopt;
}

void ServicesPage::updateActions()
{
    const bool connected = context().database() != nullptr;
    const std::optional<db::ServiceConfigRecord> record = selectedRecord();
    m_add->setEnabled(connected);
    m_refresh->setEnabled(connected);
    for (QAction *action : {m_edit, m_duplicate, m_toggle, m_remove, m_test}) {
        action->setEnabled(connected && record.has_value());
    }
    const bool enabled = !record || record->enabled;
    m_toggle->setText(enabled ? tr("Disa&ble") : tr("Ena&ble"));
    m_toggle->setToolTip(
        tr("%1 (%2)").arg(enabled ? tr("Disable the service: its syncs are refused") : tr("Enable the service"),
                          m_toggle->shortcut().toString(QKeySequence::NativeText)));
}

void ServicesPage::showMessage(const QString &text, bool problem)
{
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
                     problem ? QColor(0xc6, 0x28, 0x28) : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString ServicesPage::copyName(const QString &name) const
{
    const QString stem = name.left(58) + QStringLiteral("-copy");
    QString candidate = stem;
    for (int number = 2; m_model->rowOf(candidate) >= 0; ++number) {
        candidate = stem + QString::number(number);
    }
    return candidate;
}

void ServicesPage::addService()
{
    if (!context().database()) {
        return;
    }
    auto *dialog = ServiceEditorDialog::createForAdd(context(), this);
    connect(dialog, &ServiceEditorDialog::saved, this, [this](const QString &name) {
        context().notifyServicesChanged();
        selectService(name);
        showMessage(tr("Service \"%1\" added. Test its connection (Ctrl+T) to check the settings.").arg(name));
    });
    dialog->open();
}

void ServicesPage::editService()
{
    const std::optional<db::ServiceConfigRecord> record = selectedRecord();
    if (!record || !context().database()) {
        return;
    }
    auto *dialog = ServiceEditorDialog::createForEdit(context(), *record, this);
    connect(dialog, &ServiceEditorDialog::saved, this, [this](const QString &name) {
        context().notifyServicesChanged();
        selectService(name);
        showMessage(tr("Service \"%1\" saved.").arg(name));
    });
    dialog->open();
}

void ServicesPage::duplicateService()
{
    const std::optional<db::ServiceConfigRecord> record = selectedRecord();
    if (!record || !context().database()) {
        return;
    }
    auto *dialog = ServiceEditorDialog::createForDuplicate(context(), *record, copyName(record->name), this);
    connect(dialog, &ServiceEditorDialog::saved, this, [this](const QString &name) {
        context().notifyServicesChanged();
        selectService(name);
        showMessage(tr("Service \"%1\" added as a copy. Its secrets were not copied.").arg(name));
    });
    dialog->open();
}

void ServicesPage::toggleEnabled()
{
    const std::optional<db::ServiceConfigRecord> record = selectedRecord();
    db::Database *database = context().database();
    if (!record || !database) {
        return;
    }
    services::ServiceConfigService services(*database, context().secrets(), context().tenant(),
                                            services::Actor::currentProcess(), context().registry());
    Result<db::ServiceConfigRecord> changed = services.setEnabled(record->name, !record->enabled);
    if (!changed) {
        showMessage(tr("Not changed: %1 %2").arg(changed.error().message, changed.error().hint), true);
        return;
    }
    context().notifyServicesChanged();
    showMessage(changed.value().enabled ? tr("Service \"%1\" enabled.").arg(record->name)
                                        : tr("Service \"%1\" disabled: its syncs are refused until it is enabled "
                                             "again.")
                                              .arg(record->name));
}

void ServicesPage::removeService()
{
    const std::optional<db::ServiceConfigRecord> record = selectedRecord();
    if (!record || !context().database()) {
        return;
    }
    const QString name = record->name;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Remove service"), tr("Remove the service \"%1\"?").arg(name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("removeConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Its configuration and its connection test results are deleted, and its secrets are "
                               "removed from the keychain. This cannot be undone."));
    QPushButton *confirm = box->addButton(tr("Remove \"%1\"").arg(name), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmRemove"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::finished, this, [this, box, confirm, name] {
        if (box->clickedButton() == confirm) {
            remove(name);
        }
    });
    box->open();
}

void ServicesPage::remove(const QString &name)
{
    db::Database *database = context().database();
    if (!database) {
        return;
    }
    auto service = std::make_shared<services::ServiceConfigService>(
        *database, context().secrets(), context().tenant(), services::Actor::currentProcess(), context().registry());
    showMessage(tr("Removing \"%1\"…").arg(name));
    QCoro::connect(
        removeConfiguration(std::move(service), name), this, [this, name](const Result<QStringList> &removed) {
            if (!removed) {
                showMessage(
                    tr("\"%1\" was not removed: %2 %3").arg(name, removed.error().message, removed.error().hint), true);
                return;
            }
            context().notifyServicesChanged();
            if (removed.value().isEmpty()) {
                showMessage(tr("Service \"%1\" removed, with its secrets.").arg(name));
            } else {
                showMessage(tr("Service \"%1\" removed. %2").arg(name, removed.value().join(u' ')), true);
            }
        });
}

void ServicesPage::testConnection()
{
    const std::optional<db::ServiceConfigRecord> record = selectedRecord();
    if (!record || !context().database()) {
        return;
    }
    auto *dialog = new ConnectionTestDialog(context(), record->name, this);
    dialog->open();
    // Once the dialog is up, so whoever watches it (a screen reader, a test) sees every step arrive.
    QMetaObject::invokeMethod(dialog, &ConnectionTestDialog::start, Qt::QueuedConnection);
}

} // namespace ic::ui
