#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QTextStream;

namespace ic::cli {

/// Columns aligned for a terminal, counting East Asian wide characters (Chinese names) as two columns.
class TextTable {
public:
    explicit TextTable(QStringList headers);
    void addRow(QStringList cells);
    void print(QTextStream &out) const;

    /// Terminal columns `text` occupies.
    static int displayWidth(const QString &text);

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

} // namespace ic::cli
