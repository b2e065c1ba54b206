#include "WeComEvents.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace ic::connectors::wecom {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::wecom::WeComEvents)
};

/// Fields WeCom's samples write without CDATA (docs 90970, 90376, 92130).
bool isBareIntegerField(const QString &name, const QString &value)
{
    static const QStringList names{QStringLiteral("Id"),          QStringLiteral("Order"),
                                   QStringLiteral("TagId"),       QStringLiteral("MainDepartment"),
                                   QStringLiteral("Gender"),      QStringLiteral("Status"),
                                   QStringLiteral("JoinScene"),   QStringLiteral("QuitScene"),
                                   QStringLiteral("MemChangeCnt")};
    if (!names.contains(name)) {
        return false;
    }
    static const QRegularExpression integer(QStringLiteral("^-?[0-9]+$"));
    return integer.match(value).hasMatch();
}

} // namespace

QByteArray changeEventXml(const QString &toUserName, qint64 createTime, const QString &event, const QString &changeType,
                          const QMap<QString, QString> &fields)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    const auto cdataElement = [&writer](const QString &name, const QString &text) {
        writer.writeStartElement(name);
        writer.writeCDATA(text);
        writer.writeEndElement();
    };

    writer.writeStartElement(QStringLiteral("xml"));
    cdataElement(QStringLiteral("ToUserName"), toUserName);
    cdataElement(QStringLiteral("FromUserName"), QStringLiteral("sys"));
    writer.writeTextElement(QStringLiteral("CreateTime"), QString::number(createTime));
    cdataElement(QStringLiteral("MsgType"), QStringLiteral("event"));
    cdataElement(QStringLiteral("Event"), event);
    cdataElement(QStringLiteral("ChangeType"), changeType);
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        Q_ASSERT_X(QRegularExpression(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$")).match(it.key()).hasMatch(),
                   "changeEventXml", "field names must be XML element names");
        if (isBareIntegerField(it.key(), it.value())) {
            writer.writeTextElement(it.key(), it.value());
        } else {
            cdataElement(it.key(), it.value());
        }
    }
    writer.writeEndElement();
    return xml;
}

Result<QMap<QString, QString>> parseEventXml(const QByteArray &xml)
{
    QMap<QString, QString> fields;
    QXmlStreamReader reader(xml);
    bool sawRoot = false;
    int depth = 0;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            if (depth == 0) {
                sawRoot = true;
            } else if (depth == 1) {
                const QString name = reader.name().toString();
                const QString text = reader.readElementText(QXmlStreamReader::SkipChildElements);
                if (!fields.contains(name)) {
                    fields.insert(name, text);
                }
                continue; // readElementText consumed the end element
            }
            ++depth;
        } else if (token == QXmlStreamReader::EndElement) {
            --depth;
        }
    }
    if (reader.hasError()) {
        return Error::make(ErrorCode::InvalidInput, Tr::tr("The callback message is not well-formed XML."),
                           QStringLiteral("line %1, column %2: %3")
                               .arg(reader.lineNumber())
                               .arg(reader.columnNumber())
                               .arg(reader.errorString()));
    }
    if (!sawRoot) {
        return Error::make(ErrorCode::InvalidInput, Tr::tr("The callback message has no XML element."));
    }
    return fields;
}

} // namespace ic::connectors::wecom
