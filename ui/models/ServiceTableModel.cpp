#include "models/ServiceTableModel.h"

#include "Format.h"
#include "StatusStyle.h"

#include <QLocale>

namespace ic::ui {

namespace {

QString outcomeText(const QString &outcome)
{
    if (outcome == u"passed") {
        return ServiceTableModel::tr("passed");
    }
    if (outcome == u"warning") {
        return ServiceTableModel::tr("passed with warnings");
    }
    if (outcome == u"failed") {
        return ServiceTableModel::tr("failed");
    }
    return outcome;
}

} // namespace

ServiceTableModel::ServiceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ServiceTableModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int ServiceTableModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).record.name == name) {
            return row;
        }
    }
    return -1;
}

const ServiceTableModel::Row *ServiceTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int ServiceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ServiceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServiceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case NameRole:
        return row.record.name;
    case SortRole:
        if (column == EnabledColumn) {
            return row.record.enabled ? 1 : 0;
        }
        if (column == LastTestColumn) {
            return row.record.lastTestedAt;
        }
        return display(row, column);
    case Qt::DecorationRole:
        if (column == StatusColumn) {
            return serviceStatusStyle(row.record.status).icon;
        }
        if (column == EnabledColumn && !row.record.enabled) {
            return disabledStyle().icon;
        }
        return {};
    case Qt::ForegroundRole:
        if (column == StatusColumn) {
            return row.record.enabled ? serviceStatusStyle(row.record.status).color : disabledStyle().color;
        }
        if (column == EnabledColumn && !row.record.enabled) {
            return disabledStyle().color;
        }
        return {};
    default:
        return {};
    }
}

QVariant ServiceTableModel::display(const Row &row, int column) const
{
    switch (column) {
    case NameColumn:
        return row.record.name;
    case TypeColumn:
        return row.typeName;
    case CategoryColumn:
        return row.categoryName;
    case EnabledColumn:
        return row.record.enabled ? tr("Enabled") : tr("Disabled");
    case StatusColumn:
        return serviceStatusStyle(row.record.status).text;
    case LastTestColumn:
        if (!row.record.lastTestedAt.isValid()) {
            return tr("Never tested");
        }
        return row.lastOutcome.isEmpty()
                   ? freshness(row.record.lastTestedAt)
                   : tr("%1, %2").arg(freshness(row.record.lastTestedAt), outcomeText(row.lastOutcome));
    default:
        return {};
    }
}

QString ServiceTableModel::toolTip(const Row &row, int column) const
{
    switch (column) {
    case NameColumn:
        return row.record.description.isEmpty() ? row.record.name
                                                : tr("%1: %2").arg(row.record.name, row.record.description);
    case StatusColumn:
        if (!row.record.enabled) {
            return tr("Disabled: syncs of this service are refused until it is enabled again. Last status: %1.")
                .arg(serviceStatusStyle(row.record.status).text);
        }
        return tr("Status: %1").arg(serviceStatusStyle(row.record.status).text);
    case LastTestColumn:
        return row.record.lastTestedAt.isValid()
                   ? QLocale().toString(row.record.lastTestedAt.toLocalTime(), QLocale::LongFormat)
                   : tr("Run \"Test connection\" to check the configuration.");
    default:
        return display(row, column).toString();
    }
}

QVariant ServiceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case CategoryColumn:
        return tr("Category");
    case EnabledColumn:
        return tr("Enabled");
    case StatusColumn:
        return tr("Status");
    case LastTestColumn:
        return tr("Last test");
    default:
        return {};
    }
}

} // namespace ic::ui
