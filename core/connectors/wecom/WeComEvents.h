#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace ic::connectors::wecom {

/// The decrypted XML of a self-built app's contact change callback (wecom-api.md §8): `ToUserName` (the corp
/// ID), `FromUserName` `sys`, `CreateTime`, `MsgType` `event`, `Event` (`change_contact`,
/// `change_external_contact`, ...), `ChangeType`, then one element per entry of `fields` in key order.
///
/// Strings are written as CDATA, as WeCom does. The integer fields WeCom writes bare (`Id`, `Order`,
/// `TagId`, `MainDepartment`, `Gender`, `Status`, `JoinScene`, `QuitScene`, `MemChangeCnt`) are written
/// bare when their value is an integer, so a department's `<Id>2</Id>` matches the sample while an external
/// tag's `Id` (a string such as `etXXXX`) stays CDATA. Readers treat both forms alike.
///
/// Keys of `fields` must be XML element names and must not repeat the envelope's names. Nested fields
/// (`ExtAttr`, `MemChangeList`) are not expressible here.
QByteArray changeEventXml(const QString &toUserName, qint64 createTime, const QString &event, const QString &changeType,
                          const QMap<QString, QString> &fields);

/// The children of the root element of a callback's XML as element name -> text, CDATA or not, including
/// the envelope (`ToUserName`, `CreateTime`, `Event`, ...). A child that contains elements (`ExtAttr`) maps
/// to its own text only; when a name repeats, the first occurrence wins. Fails (InvalidInput) when the XML is
/// not well-formed or has no root element.
Result<QMap<QString, QString>> parseEventXml(const QByteArray &xml);

} // namespace ic::connectors::wecom
