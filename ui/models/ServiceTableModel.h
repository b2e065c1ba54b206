#pragma once

#include "db/Repositories.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <optional>

namespace ic::ui {

/// The configured services of a tenant as a table: name, type, category, enabled, status (colour and icon) and the
/// last connection test. Read-only; the Services page fills it with setRows() from core's ServiceConfigService.
///
/// Besides the display roles every cell answers SortRole (a value that sorts correctly: times as QDateTime, booleans
/// as 0/1) and NameRole (the service's name, which identifies the row across refreshes).
class ServiceTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, TypeColumn, CategoryColumn, EnabledColumn, StatusColumn, LastTestColumn, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1, SortRole };

    /// One service and what the page looked up for it.
    struct Row {
        db::ServiceConfigRecord record;
        QString typeName;     ///< The type's translated display name (its id when the type is unknown).
        QString categoryName; ///< Translated.
        QString lastOutcome;  ///< "passed", "warning", "failed" of the newest test; empty when never tested.
    };

    explicit ServiceTableModel(QObject *parent = nullptr);

    /// Replaces every row (a model reset: views keep no stale indexes).
    void setRows(QList<Row> rows);
    const QList<Row> &rows() const { return m_rows; }
    /// The row of the service named `name`, or -1.
    int rowOf(const QString &name) const;
    /// The row at `row`, or nullptr when out of range.
    const Row *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Row &row, int column) const;
    QString toolTip(const Row &row, int column) const;

    QList<Row> m_rows;
};

} // namespace ic::ui
