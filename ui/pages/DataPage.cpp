#include "pages/DataPage.h"

#include "AppContext.h"
#include "Format.h"
#include "db/Database.h"
#include "db/MirrorRepository.h"
#include "db/Repositories.h"
#include "models/DataModels.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace ic::ui {

namespace {

/// Customers read per page; the view asks for the next page as it scrolls near the end.
constexpr int kCustomerPageSize = 100;
/// A refresh reads at most this many customer rows again to keep the list where it was (see DataPage::search()).
constexpr int kRestoreRows = 2000;
/// Typing pauses this long before the search runs (Enter runs it at once).
constexpr int kSearchDelayMs = 300;

QTableView *makeTable(const QString &objectName, const QString &accessibleName)
{
    auto *table = new QTableView;
    table->setObjectName(objectName);
    table->setAccessibleName(accessibleName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setStretchLastSection(false);
    table->setMouseTracking(true);
    return table;
}

/// Sizes the columns to their contents, within reason (a long remark must not push the run column out of sight),
/// and gives the room left to `stretchColumn`.
void fitColumns(QTableView *table, int stretchColumn)
{
    table->resizeColumnsToContents();
    const int widest = qMax(160, table->viewport()->width() / 3);
    int total = 0;
    for (int column = 0; column < table->model()->columnCount(); ++column) {
        if (table->columnWidth(column) > widest) {
            table->setColumnWidth(column, widest);
        }
        total += table->columnWidth(column);
    }
    const int room = table->viewport()->width() - total;
    if (room > 0 && stretchColumn < table->model()->columnCount()) {
        table->setColumnWidth(stretchColumn, table->columnWidth(stretchColumn) + room);
    }
}

} // namespace

DataPage::DataPage(AppContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("dataPage"));

    m_service = new QComboBox;
    m_service->setObjectName(QStringLiteral("dataService"));
    m_service->setAccessibleName(tr("Service"));
    m_service->setMinimumContentsLength(18);
    m_service->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *serviceLabel = new QLabel(tr("&Service:"));
    serviceLabel->setBuddy(m_service);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("dataStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(serviceLabel);
    top->addWidget(m_service);
    top->addWidget(m_status, 1);

    // Organisation: the tree, and the selected department's staff beside it.
    m_departmentModel = new DepartmentTreeModel(this);
    m_departments = new QTreeView;
    m_departments->setObjectName(QStringLiteral("dataDepartments"));
    m_departments->setAccessibleName(tr("Departments"));
    m_departments->setModel(m_departmentModel);
    m_departments->setUniformRowHeights(true);
    m_departments->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_departments->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_departments->setAlternatingRowColors(true);
    m_departments->setMouseTracking(true);
    m_departments->header()->setStretchLastSection(false);
    m_departments->header()->setSectionResizeMode(DepartmentTreeModel::NameColumn, QHeaderView::Stretch);
    for (int column = DepartmentTreeModel::StaffColumn; column < DepartmentTreeModel::ColumnCount; ++column) {
        m_departments->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }

    m_staffModel = new StaffTableModel(this);
    m_staff = makeTable(QStringLiteral("dataStaff"), tr("Staff of the selected department"));
    m_staff->setModel(m_staffModel);
    m_staffTitle = new QLabel;
    m_staffTitle->setObjectName(QStringLiteral("dataStaffTitle"));
    m_staffTitle->setTextFormat(Qt::PlainText);
    auto *staffPane = new QWidget;
    auto *staffLayout = new QVBoxLayout(staffPane);
    staffLayout->setContentsMargins(0, 0, 0, 0);
    staffLayout->addWidget(m_staffTitle);
    staffLayout->addWidget(m_staff, 1);

    auto *organisation = new QSplitter(Qt::Horizontal);
    organisation->setObjectName(QStringLiteral("dataOrganisationTab"));
    organisation->setChildrenCollapsible(false);
    organisation->addWidget(m_departments);
    organisation->addWidget(staffPane);
    organisation->setStretchFactor(0, 2);
    organisation->setStretchFactor(1, 3);

    // Customers: the search, the paged table, and the selected customer's relations and their tags.
    m_searchText = new QLineEdit;
    m_searchText->setObjectName(QStringLiteral("dataCustomerSearch"));
    m_searchText->setAccessibleName(tr("Search customers"));
    m_searchText->setPlaceholderText(tr("Search customers by name, remark, tag or follower"));
    m_searchText->setClearButtonEnabled(true);
    m_searchField = new QComboBox;
    m_searchField->setObjectName(QStringLiteral("dataCustomerSearchField"));
    m_searchField->setAccessibleName(tr("Search in"));
    m_searchField->addItem(tr("All fields"), int(db::CustomerSearchField::Any));
    m_searchField->addItem(tr("Name"), int(db::CustomerSearchField::Name));
    m_searchField->addItem(tr("Remark"), int(db::CustomerSearchField::Remark));
    m_searchField->addItem(tr("Tag"), int(db::CustomerSearchField::Tag));
    m_searchField->addItem(tr("Follower"), int(db::CustomerSearchField::Follower));
    m_customerCount = new QLabel;
    m_customerCount->setObjectName(QStringLiteral("dataCustomerCount"));
    m_customerCount->setTextFormat(Qt::PlainText);
    auto *searchLabel = new QLabel(tr("S&earch:"));
    searchLabel->setBuddy(m_searchText);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(searchLabel);
    searchRow->addWidget(m_searchText, 1);
    searchRow->addWidget(m_searchField);
    searchRow->addWidget(m_customerCount);

    m_customerModel = new CustomerTableModel(this);
    m_customers = makeTable(QStringLiteral("dataCustomers"), tr("Customers"));
    m_customers->setModel(m_customerModel);

    m_customerTitle = new QLabel;
    m_customerTitle->setObjectName(QStringLiteral("dataCustomerTitle"));
    m_customerTitle->setTextFormat(Qt::PlainText);
    m_customerTitle->setWordWrap(true);
    m_relationModel = new FollowRelationTableModel(this);
    m_relations = makeTable(QStringLiteral("dataFollowRelations"), tr("Follow relations of the selected customer"));
    m_relations->setModel(m_relationModel);
    m_tagModel = new ContactTagTableModel(this);
    m_tags = makeTable(QStringLiteral("dataContactTags"), tr("Tags of the selected follow relation"));
    m_tags->setModel(m_tagModel);
    auto *relationSplitter = new QSplitter(Qt::Horizontal);
    relationSplitter->setChildrenCollapsible(false);
    relationSplitter->addWidget(m_relations);
    relationSplitter->addWidget(m_tags);
    relationSplitter->setStretchFactor(0, 2);
    relationSplitter->setStretchFactor(1, 1);
    auto *detailPane = new QWidget;
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_customerTitle);
    detailLayout->addWidget(relationSplitter, 1);

    auto *customerSplitter = new QSplitter(Qt::Vertical);
    customerSplitter->setChildrenCollapsible(false);
    customerSplitter->addWidget(m_customers);
    customerSplitter->addWidget(detailPane);
    customerSplitter->setStretchFactor(0, 3);
    customerSplitter->setStretchFactor(1, 2);
    auto *customers = new QWidget;
    customers->setObjectName(QStringLiteral("dataCustomersTab"));
    auto *customerLayout = new QVBoxLayout(customers);
    customerLayout->addLayout(searchRow);
    customerLayout->addWidget(customerSplitter, 1);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("dataTabs"));
    m_tabs->setAccessibleName(tr("Mirrored data"));
    m_tabs->addTab(organisation, tr("&Organisation"));
    m_tabs->addTab(customers, tr("&Customers"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    setTabOrder(m_service, m_tabs);
    setTabOrder(m_tabs, m_departments);
    setTabOrder(m_departments, m_staff);
    setTabOrder(m_staff, m_searchText);
    setTabOrder(m_searchText, m_searchField);
    setTabOrder(m_searchField, m_customers);
    setTabOrder(m_customers, m_relations);
    setTabOrder(m_relations, m_tags);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, [this] { search(); });
    connect(m_searchText, &QLineEdit::textEdited, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchText, &QLineEdit::returnPressed, this, [this] { search(); });
    // The clear button changes the text without textEdited.
    connect(m_searchText, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) {
            m_searchDelay->start();
        }
    });
    connect(m_searchField, &QComboBox::currentIndexChanged, this, [this] { search(); });
    connect(m_service, &QComboBox::currentIndexChanged, this, [this] {
        reloadOrganisation();
        search();
    });
    connect(m_departments->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showStaffOf(current); });
    connect(m_customers->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                showCustomer(current.isValid() ? current.data(KeyRole).toString() : QString());
            });
    connect(m_relations->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showTagsOf(current.isValid() ? current.row() : -1); });
    connect(m_customerModel, &CustomerTableModel::readFailed, m_status, &QLabel::setText);
    connect(m_customerModel, &QAbstractItemModel::rowsInserted, this, &DataPage::showCustomerCount);
    for (QAbstractItemView *view :
         std::initializer_list<QAbstractItemView *>{m_departments, m_staff, m_customers, m_relations, m_tags}) {
        connectRunLinks(view);
    }

    connect(&context, &AppContext::runsChanged, this, [this] {
        if (isVisible()) {
            refresh();
        }
    });
    connect(&context, &AppContext::servicesChanged, this, [this] {
        if (isVisible()) {
            refresh();
        }
    });
}

DataPage::~DataPage() = default;

QString DataPage::title() const
{
    return tr("Data");
}

QIcon DataPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/navigation/data.svg"));
}

void DataPage::activate()
{
    refresh();
}

qint64 DataPage::currentServiceId() const
{
    return m_service->currentData().toLongLong();
}

void DataPage::refresh()
{
    reloadServices();
    reloadOrganisation();
    search(true);
}

void DataPage::reloadServices()
{
    const qint64 current = currentServiceId();
    const QSignalBlocker blocker(m_service);
    m_service->clear();
    m_status->clear();
    db::Database *database = context().database();
    if (database == nullptr) {
        m_status->setText(tr("Not connected to a database."));
        return;
    }
    services::ServiceConfigService services(*database, context().secrets(), context().tenant());
    Result<QList<db::ServiceConfigRecord>> listed = services.list();
    if (!listed) {
        m_status->setText(tr("The services cannot be read: %1").arg(listed.error().message));
        return;
    }
    for (const db::ServiceConfigRecord &service : listed.value()) {
        m_service->addItem(tr("%1 (%2)").arg(service.name, service.type), service.id);
    }
    if (m_service->count() == 0) {
        m_status->setText(tr("No service is configured yet: add one on the Services page, then run a sync."));
        return;
    }
    const int index = m_service->findData(current);
    m_service->setCurrentIndex(index >= 0 ? index : 0);
}

QString DataPage::selectedDepartment() const
{
    return m_departments->currentIndex().data(KeyRole).toString();
}

QString DataPage::selectedCustomer() const
{
    return m_customers->currentIndex().data(KeyRole).toString();
}

void DataPage::reloadOrganisation()
{
    const QString selected = selectedDepartment();
    db::Database *database = context().database();
    const qint64 serviceId = currentServiceId();
    QList<db::MirrorDepartment> departments;
    if (database != nullptr && serviceId > 0) {
        db::MirrorRepository mirror(*database, context().tenant(), serviceId);
        Result<QList<db::MirrorDepartment>> read = mirror.departments();
        if (read) {
            departments = std::move(read.value());
        } else {
            m_status->setText(read.error().message);
        }
    }
    m_departmentModel->setDepartments(std::move(departments));
    m_departments->expandToDepth(0);
    QModelIndex current = m_departmentModel->indexOf(selected);
    if (!current.isValid() && m_departmentModel->rowCount() > 0) {
        current = m_departmentModel->index(0, 0);
    }
    if (current.isValid()) {
        m_departments->setCurrentIndex(current); // shows its staff
        m_departments->scrollTo(current);
    } else {
        showStaffOf({});
    }
}

void DataPage::showStaffOf(const QModelIndex &index)
{
    const db::MirrorDepartment *department = m_departmentModel->department(index);
    db::Database *database = context().database();
    if (department == nullptr || database == nullptr) {
        m_staffModel->setStaff({});
        m_staffTitle->setText(m_departmentModel->rowCount() == 0
                                  ? tr("No departments have been synced for this service yet.")
                                  : tr("Select a department to see its staff."));
        return;
    }
    db::MirrorRepository mirror(*database, context().tenant(), currentServiceId());
    Result<db::MirrorStaffPage> read = mirror.staffOfDepartment(department->deptId);
    if (!read) {
        m_staffModel->setStaff({});
        m_staffTitle->setText(read.error().message);
        return;
    }
    const qsizetype shown = read.value().staff.size();
    QString title = tr("%1: %n member(s) of staff", nullptr, int(shown)).arg(department->name);
    if (read.value().truncated) {
        title += QLatin1Char(' ') + tr("(the first %n are shown)", nullptr, int(shown));
    }
    m_staffTitle->setText(title);
    m_staffModel->setStaff(std::move(read.value().staff));
    fitColumns(m_staff, 4); // e-mail
}

void DataPage::search(bool keepPosition)
{
    m_searchDelay->stop();
    const QString selected = selectedCustomer();
    const int shownRows = keepPosition ? m_customerModel->rowCount() : 0;
    const int scrolledTo = m_customers->verticalScrollBar()->value();
    const qint64 serviceId = currentServiceId();
    if (context().database() == nullptr || serviceId <= 0) {
        m_customerModel->setReader({});
    } else {
        db::CustomerSearch search;
        search.text = m_searchText->text();
        search.field = db::CustomerSearchField(m_searchField->currentData().toInt());
        AppContext *app = &context();
        m_customerModel->setReader(
            [app, serviceId, search](const std::optional<db::CustomerCursor> &after) -> Result<db::CustomerPage> {
                db::Database *database = app->database();
                if (database == nullptr) {
                    return Error::make(ErrorCode::DatabaseUnavailable, tr("Not connected to a database."));
                }
                db::MirrorRepository mirror(*database, app->tenant(), serviceId);
                return mirror.customers(search, after, kCustomerPageSize);
            });
    }
    // Each page is one indexed query of kCustomerPageSize rows; kRestoreRows bounds how many run here at once.
    const int restore = std::min(shownRows, kRestoreRows);
    while (m_customerModel->rowCount() < restore && m_customerModel->canFetchMore({})) {
        m_customerModel->fetchMore({});
    }
    showCustomerCount();
    fitColumns(m_customers, 4); // tags
    const int row = m_customerModel->rowOf(selected);
    if (row >= 0) {
        m_customers->setCurrentIndex(m_customerModel->index(row, 0));
    } else {
        showCustomer(QString());
    }
    if (keepPosition) {
        m_customers->verticalScrollBar()->setValue(scrolledTo); // after the selection, which may have scrolled
    }
}

void DataPage::showCustomerCount()
{
    const int rows = m_customerModel->rowCount();
    if (rows == 0) {
        m_customerCount->setText(m_searchText->text().trimmed().isEmpty() ? tr("No customers synced")
                                                                          : tr("No customer matches"));
    } else if (m_customerModel->isComplete()) {
        m_customerCount->setText(tr("%n customer(s)", nullptr, rows));
    } else {
        m_customerCount->setText(tr("%n customer(s) shown, more as you scroll", nullptr, rows));
    }
}

void DataPage::showCustomer(const QString &externalUserid)
{
    db::Database *database = context().database();
    if (externalUserid.isEmpty() || database == nullptr) {
        m_relationModel->setRelations({});
        m_tagModel->setTags({});
        m_customerTitle->setText(tr("Select a customer to see its follow relations and tags."));
        return;
    }
    db::MirrorRepository mirror(*database, context().tenant(), currentServiceId());
    Result<std::optional<db::MirrorCustomerDetails>> read = mirror.customer(externalUserid);
    if (!read || !read.value()) {
        m_relationModel->setRelations({});
        m_tagModel->setTags({});
        m_customerTitle->setText(read ? tr("This customer is no longer in the mirror.") : read.error().message);
        return;
    }
    const db::MirrorCustomerDetails &details = *read.value();
    QStringList parts{details.customer.name, details.customer.externalUserid};
    if (!details.customer.corpName.isEmpty()) {
        parts.append(details.corpFullName.isEmpty() ? details.customer.corpName : details.corpFullName);
    }
    if (!details.position.isEmpty()) {
        parts.append(details.position);
    }
    parts.append(tr("%n follow relation(s)", nullptr, int(details.relations.size())));
    m_customerTitle->setText(parts.join(QStringLiteral(" · ")));
    m_relationModel->setRelations(details.relations);
    fitColumns(m_relations, 2); // description
    if (!details.relations.isEmpty()) {
        m_relations->setCurrentIndex(m_relationModel->index(0, 0));
    } else {
        m_tagModel->setTags({});
    }
}

void DataPage::showTagsOf(int relationRow)
{
    if (relationRow < 0 || relationRow >= m_relationModel->rowCount()) {
        m_tagModel->setTags({});
        return;
    }
    m_tagModel->setTags(m_relationModel->relation(relationRow).tags);
    fitColumns(m_tags, 1); // group
}

void DataPage::connectRunLinks(QAbstractItemView *view)
{
    connect(view, &QAbstractItemView::clicked, this, &DataPage::openRunAt);
    connect(view, &QAbstractItemView::activated, this, &DataPage::openRunAt);
}

void DataPage::openRunAt(const QModelIndex &index)
{
    const QVariant run = index.data(RunIdRole);
    if (!run.isValid()) {
        return;
    }
    // A click can also activate (single-click styles, or a double click): one request per gesture.
    const qint64 runId = run.toLongLong();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (runId == m_lastRunRequested && now - m_lastRunRequestAt < QApplication::doubleClickInterval()) {
        return;
    }
    m_lastRunRequested = runId;
    m_lastRunRequestAt = now;
    Q_EMIT runRequested(runId);
    Q_EMIT showPageRequested(QStringLiteral("logs"));
}

} // namespace ic::ui
