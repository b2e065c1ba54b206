#include "logs/LogExport.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace ic::ui {

namespace {

QString csvText(const QVariant &value)
{
    if (value.isNull()) {
        return {};
    }
    if (value.typeId() == QMetaType::QDateTime) {
        return value.toDateTime().toUTC().toString(Qt::ISODateWithMs);
    }
    if (value.typeId() == QMetaType::Bool) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    return value.toString();
}

QJsonValue jsonValue(const QVariant &value)
{
    if (value.isNull()) {
        return QJsonValue::Null;
    }
    if (value.typeId() == QMetaType::QDateTime) {
        return value.toDateTime().toUTC().toString(Qt::ISODateWithMs);
    }
    return QJsonValue::fromVariant(value);
}

} // namespace

LogExportWriter::LogExportWriter(const QString &path, LogExportFormat format, QStringList header)
    : m_file(path)
    , m_format(format)
    , m_header(std::move(header))
{}

QString LogExportWriter::csvField(const QString &text)
{
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
                       text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')) ||
                       (!text.isEmpty() && (text.front().isSpace() || text.back().isSpace()));
    if (!quote) {
        return text;
    }
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString LogExportWriter::neutralized(const QString &text)
{
    if (text.isEmpty()) {
        return text;
    }
    const QChar first = text.front();
    const bool formulaStart =
        first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r';
    if (!formulaStart) {
        return text;
    }
    bool number = false;
    text.toDouble(&number);
    return number ? text : QLatin1Char('\'') + text;
}

Status LogExportWriter::writeText(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    if (m_file.write(bytes) != bytes.size()) {
        return Error::make(ErrorCode::InvalidInput, tr("The export file cannot be written."), m_file.errorString());
    }
    return {};
}

Status LogExportWriter::open()
{
    if (!m_file.open(QIODevice::WriteOnly)) {
        return Error::make(ErrorCode::InvalidInput, tr("The export file cannot be created."), m_file.errorString(),
                           tr("Choose a folder you can write to."));
    }
    if (m_format == LogExportFormat::Json) {
        return writeText(QStringLiteral("["));
    }
    // The byte order mark: without it Excel reads UTF-8 as the system's ANSI code page and garbles Chinese.
    if (m_file.write("\xEF\xBB\xBF", 3) != 3) {
        return Error::make(ErrorCode::InvalidInput, tr("The export file cannot be written."), m_file.errorString());
    }
    QStringList fields;
    for (const QString &name : std::as_const(m_header)) {
        fields.append(csvField(name));
    }
    return writeText(fields.join(QLatin1Char(',')) + QStringLiteral("\r\n"));
}

Status LogExportWriter::write(const QVariantList &values)
{
    ++m_rows;
    if (m_format == LogExportFormat::Json) {
        QJsonObject object;
        for (qsizetype i = 0; i < m_header.size() && i < values.size(); ++i) {
            object.insert(m_header.at(i), jsonValue(values.at(i)));
        }
        return writeText((m_rows == 1 ? QStringLiteral("\n") : QStringLiteral(",\n")) +
                         QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    }
    QStringList fields;
    fields.reserve(values.size());
    for (const QVariant &value : values) {
        fields.append(csvField(value.typeId() == QMetaType::QString ? neutralized(value.toString()) : csvText(value)));
    }
    return writeText(fields.join(QLatin1Char(',')) + QStringLiteral("\r\n"));
}

Status LogExportWriter::commit()
{
    if (m_format == LogExportFormat::Json) {
        if (Status written = writeText(QStringLiteral("\n]\n")); !written) {
            return written;
        }
    }
    if (!m_file.commit()) {
        return Error::make(ErrorCode::InvalidInput, tr("The export file cannot be saved."), m_file.errorString());
    }
    return {};
}

} // namespace ic::ui
