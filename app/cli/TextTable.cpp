#include "TextTable.h"

#include <QTextStream>

#include <algorithm>

namespace ic::cli {

namespace {

bool isWide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x20000 && c <= 0x3FFFD);
}

} // namespace

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
{}

void TextTable::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size()) {
        cells.append(QString());
    }
    m_rows.append(std::move(cells));
}

int TextTable::displayWidth(const QString &text)
{
    int width = 0;
    for (char32_t c : text.toUcs4()) {
        width += isWide(c) ? 2 : 1;
    }
    return width;
}

void TextTable::print(QTextStream &out) const
{
    QList<int> widths;
    for (const auto &header : m_headers) {
        widths.append(displayWidth(header));
    }
    for (const auto &row : m_rows) {
        for (qsizetype i = 0; i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], displayWidth(row.value(i)));
        }
    }
    auto printRow = [&](const QStringList &cells) {
        QString line;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = cells.value(i);
            line += cell;
            if (i + 1 < widths.size()) {
                line += QString(widths[i] - displayWidth(cell) + 2, QLatin1Char(' '));
            }
        }
        // An empty last cell leaves the padding of the one before it: no trailing blanks.
        while (line.endsWith(QLatin1Char(' '))) {
            line.chop(1);
        }
        out << line << '\n';
    };
    printRow(m_headers);
    for (const auto &row : m_rows) {
        printRow(row);
    }
}

} // namespace ic::cli
