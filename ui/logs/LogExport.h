#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace ic::ui {

/// The file formats of a log export.
enum class LogExportFormat {
    /// RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, a quote, a line break or
    /// leading/trailing spaces (quotes doubled), UTF-8 with a byte order mark so that Excel reads Chinese correctly.
    Csv,
    /// A UTF-8 JSON array of objects, one per row, keyed by the header names; null for empty optional values.
    Json,
};

/// Writes one export file row by row, so an export of a million rows never holds them all in memory. The file
/// appears only when commit() succeeds (QSaveFile): a failed or abandoned export leaves no half-written file.
/// Values are QVariants: null, text, integers, booleans and UTC QDateTimes (written as ISO 8601 with milliseconds).
class LogExportWriter {
    Q_DECLARE_TR_FUNCTIONS(ic::ui::LogExportWriter)

public:
    LogExportWriter(const QString &path, LogExportFormat format, QStringList header);

    Status open();
    Status write(const QVariantList &values);
    Status commit();
    qint64 rows() const { return m_rows; }

    /// One CSV field, quoted when needed.
    static QString csvField(const QString &text);
    /// A text value as a spreadsheet will not run it: text from a provider or a user that starts with = + - @, a
    /// tab or a carriage return gets a leading ' (a call's endpoint, an error message or a remark could otherwise
    /// be an Excel formula such as =HYPERLINK(...)). Numbers such as -1 stay as they are. CSV only: JSON is data.
    static QString neutralized(const QString &text);

private:
    Status writeText(const QString &text);

    QSaveFile m_file;
    LogExportFormat m_format;
    QStringList m_header;
    qint64 m_rows = 0;
};

} // namespace ic::ui
