// The plaintext contact change callbacks (wecom-api.md §8): built as WeCom's samples show them, read back flat.

#include "connectors/wecom/WeComCrypto.h"
#include "connectors/wecom/WeComEvents.h"

#include <QTest>

using namespace ic;
using namespace ic::connectors::wecom;

namespace {

/// The error of a failed Result for a test's failure message; empty for a success (QVERIFY2 evaluates its
/// message either way).
template<typename T>
QString describe(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().toDisplayString();
}

using Fields = QMap<QString, QString>;

Fields envelope(const QString &toUserName, qint64 createTime, const QString &event, const QString &changeType)
{
    return Fields{{QStringLiteral("ToUserName"), toUserName},
                  {QStringLiteral("FromUserName"), QStringLiteral("sys")},
                  {QStringLiteral("CreateTime"), QString::number(createTime)},
                  {QStringLiteral("MsgType"), QStringLiteral("event")},
                  {QStringLiteral("Event"), event},
                  {QStringLiteral("ChangeType"), changeType}};
}

Fields merged(Fields base, const Fields &extra)
{
    base.insert(extra);
    return base;
}

} // namespace

class TestWeComEvents : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createPartyMatchesSample()
    {
        // §8.1 ChangeContactEvent.CreateParty.xml: Id and Order bare, Name and ParentId in CDATA.
        const Fields fields{{QStringLiteral("Id"), QStringLiteral("2")},
                            {QStringLiteral("Name"), QStringLiteral("张三")},
                            {QStringLiteral("ParentId"), QStringLiteral("1")},
                            {QStringLiteral("Order"), QStringLiteral("1")}};
        const QByteArray xml = changeEventXml(QStringLiteral("toUser"), 1403610513, QStringLiteral("change_contact"),
                                              QStringLiteral("create_party"), fields);
        const QByteArray expected = QStringLiteral("<xml><ToUserName><![CDATA[toUser]]></ToUserName>"
                                                   "<FromUserName><![CDATA[sys]]></FromUserName>"
                                                   "<CreateTime>1403610513</CreateTime>"
                                                   "<MsgType><![CDATA[event]]></MsgType>"
                                                   "<Event><![CDATA[change_contact]]></Event>"
                                                   "<ChangeType><![CDATA[create_party]]></ChangeType>"
                                                   "<Id>2</Id><Name><![CDATA[张三]]></Name><Order>1</Order>"
                                                   "<ParentId><![CDATA[1]]></ParentId></xml>")
                                        .toUtf8();
        QCOMPARE(xml, expected);
    }

    void addExternalContactMatchesSample()
    {
        // §8.2 (doc 96361), every value in CDATA; fields in key order.
        const Fields fields{{QStringLiteral("UserID"), QStringLiteral("zhangsan")},
                            {QStringLiteral("ExternalUserID"), QStringLiteral("woAJ2GCAAAXtWyujaWJHDDGi0mAAAA")},
                            {QStringLiteral("State"), QStringLiteral("teststate")},
                            {QStringLiteral("WelcomeCode"), QStringLiteral("WELCOMECODE")}};
        const QByteArray xml =
            changeEventXml(QStringLiteral("toUser"), 1403610513, QStringLiteral("change_external_contact"),
                           QStringLiteral("add_external_contact"), fields);
        QCOMPARE(xml, QByteArrayLiteral("<xml><ToUserName><![CDATA[toUser]]></ToUserName>"
                                        "<FromUserName><![CDATA[sys]]></FromUserName>"
                                        "<CreateTime>1403610513</CreateTime>"
                                        "<MsgType><![CDATA[event]]></MsgType>"
                                        "<Event><![CDATA[change_external_contact]]></Event>"
                                        "<ChangeType><![CDATA[add_external_contact]]></ChangeType>"
                                        "<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID>"
                                        "<State><![CDATA[teststate]]></State>"
                                        "<UserID><![CDATA[zhangsan]]></UserID>"
                                        "<WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>"));
    }

    void parsesSamplesVerbatim_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<Fields>("expected");

        QTest::newRow("change_contact create_party")
            << QStringLiteral(
                   "<xml>\n"
                   "  <ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>\n"
                   "  <CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>\n"
                   "  <Event><![CDATA[change_contact]]></Event><ChangeType>create_party</ChangeType>\n"
                   "  <Id>2</Id><Name><![CDATA[张三]]></Name><ParentId><![CDATA[1]]></ParentId><Order>1</Order>\n"
                   "</xml>")
                   .toUtf8()
            << merged(envelope(QStringLiteral("toUser"), 1403610513, QStringLiteral("change_contact"),
                               QStringLiteral("create_party")),
                      Fields{{QStringLiteral("Id"), QStringLiteral("2")},
                             {QStringLiteral("Name"), QStringLiteral("张三")},
                             {QStringLiteral("ParentId"), QStringLiteral("1")},
                             {QStringLiteral("Order"), QStringLiteral("1")}});

        QTest::newRow("change_external_contact add_external_contact")
            << QByteArrayLiteral(
                   "<xml>\n"
                   "  <ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>\n"
                   "  <CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>\n"
                   "  <Event><![CDATA[change_external_contact]]></Event>"
                   "<ChangeType><![CDATA[add_external_contact]]></ChangeType>\n"
                   "  <UserID><![CDATA[zhangsan]]></UserID>"
                   "<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID>\n"
                   "  <State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>\n"
                   "</xml>")
            << merged(envelope(QStringLiteral("toUser"), 1403610513, QStringLiteral("change_external_contact"),
                               QStringLiteral("add_external_contact")),
                      Fields{{QStringLiteral("UserID"), QStringLiteral("zhangsan")},
                             {QStringLiteral("ExternalUserID"), QStringLiteral("woAJ2GCAAAXtWyujaWJHDDGi0mAAAA")},
                             {QStringLiteral("State"), QStringLiteral("teststate")},
                             {QStringLiteral("WelcomeCode"), QStringLiteral("WELCOMECODE")}});
    }

    void parsesSamplesVerbatim()
    {
        QFETCH(QByteArray, xml);
        QFETCH(Fields, expected);
        const Result<Fields> fields = parseEventXml(xml);
        QVERIFY2(fields.ok(), qPrintable(describe(fields)));
        QCOMPARE(*fields, expected);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("changeType");
        QTest::addColumn<Fields>("fields");

        const QString contact = QStringLiteral("change_contact");
        const QString external = QStringLiteral("change_external_contact");
        QTest::newRow("create_user") << contact << QStringLiteral("create_user")
                                     << Fields{{QStringLiteral("UserID"), QStringLiteral("zhangsan")},
                                               {QStringLiteral("Name"), QStringLiteral("张三")},
                                               {QStringLiteral("Department"), QStringLiteral("1,2,3")},
                                               {QStringLiteral("MainDepartment"), QStringLiteral("1")},
                                               {QStringLiteral("IsLeaderInDept"), QStringLiteral("1,0,0")},
                                               {QStringLiteral("Position"), QStringLiteral("产品经理")},
                                               {QStringLiteral("Gender"), QStringLiteral("1")},
                                               {QStringLiteral("Status"), QStringLiteral("1")}};
        QTest::newRow("update_user with NewUserID")
            << contact << QStringLiteral("update_user")
            << Fields{{QStringLiteral("UserID"), QStringLiteral("zhangsan")},
                      {QStringLiteral("NewUserID"), QStringLiteral("zhangsan2")}};
        QTest::newRow("delete_user") << contact << QStringLiteral("delete_user")
                                     << Fields{{QStringLiteral("UserID"), QStringLiteral("lisi")}};
        QTest::newRow("update_party") << contact << QStringLiteral("update_party")
                                      << Fields{{QStringLiteral("Id"), QStringLiteral("3")},
                                                {QStringLiteral("ParentId"), QStringLiteral("1")},
                                                {QStringLiteral("Name"), QStringLiteral("研发部")}};
        QTest::newRow("delete_party") << contact << QStringLiteral("delete_party")
                                      << Fields{{QStringLiteral("Id"), QStringLiteral("3")}};
        QTest::newRow("update_tag") << contact << QStringLiteral("update_tag")
                                    << Fields{{QStringLiteral("TagId"), QStringLiteral("7")},
                                              {QStringLiteral("AddUserItems"), QStringLiteral("zhangsan,lisi")},
                                              {QStringLiteral("DelPartyItems"), QStringLiteral("2")}};
        QTest::newRow("edit_external_contact")
            << external << QStringLiteral("edit_external_contact")
            << Fields{{QStringLiteral("UserID"), QStringLiteral("zhangsan")},
                      {QStringLiteral("ExternalUserID"), QStringLiteral("woAJ2GCAAAXtWyujaWJHDDGi0mAAAA")}};
        QTest::newRow("del_external_contact by transfer")
            << external << QStringLiteral("del_external_contact")
            << Fields{{QStringLiteral("UserID"), QStringLiteral("zhangsan")},
                      {QStringLiteral("ExternalUserID"), QStringLiteral("woAJ2GCAAAXtWyujaWJHDDGi0mAAAA")},
                      {QStringLiteral("Source"), QStringLiteral("DELETE_BY_TRANSFER")}};
        QTest::newRow("transfer_fail") << external << QStringLiteral("transfer_fail")
                                       << Fields{{QStringLiteral("FailReason"), QStringLiteral("customer_refused")},
                                                 {QStringLiteral("UserID"), QStringLiteral("zhangsan")},
                                                 {QStringLiteral("ExternalUserID"), QStringLiteral("wmXXXX")}};
        QTest::newRow("change_external_tag with a string Id")
            << QStringLiteral("change_external_tag") << QStringLiteral("create")
            << Fields{{QStringLiteral("Id"), QStringLiteral("etXXXXXXXXXX")},
                      {QStringLiteral("TagType"), QStringLiteral("tag_group")}};
        QTest::newRow("markup and CDATA terminators in values")
            << contact << QStringLiteral("update_user")
            << Fields{{QStringLiteral("UserID"), QStringLiteral("a]]>b")},
                      {QStringLiteral("Name"), QStringLiteral("<b>&amp; \"引号\" 'x'</b>")},
                      {QStringLiteral("Address"), QString()},
                      {QStringLiteral("Position"), QStringLiteral(" leading and trailing spaces ")}};
    }

    void roundTrip()
    {
        QFETCH(QString, event);
        QFETCH(QString, changeType);
        QFETCH(Fields, fields);
        const QString corpId = QStringLiteral("ww1234567890abcdef");
        const QByteArray xml = changeEventXml(corpId, 1700000000, event, changeType, fields);
        QVERIFY(xml.startsWith("<xml><ToUserName><![CDATA[ww1234567890abcdef]]></ToUserName>"
                               "<FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000000</CreateTime>"
                               "<MsgType><![CDATA[event]]></MsgType>"));
        QVERIFY(xml.endsWith("</xml>"));

        const Result<Fields> parsed = parseEventXml(xml);
        QVERIFY2(parsed.ok(), qPrintable(describe(parsed)));
        QCOMPARE(*parsed, merged(envelope(corpId, 1700000000, event, changeType), fields));
    }

    void encryptedDeliveryRoundTrip()
    {
        // What the sandbox's callback sender does and what the receiver will do with it.
        const Result<WeComCrypto> crypto = WeComCrypto::create(
            QStringLiteral("sandboxToken"), QStringLiteral("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"),
            QStringLiteral("ww1234567890abcdef"));
        QVERIFY(crypto.ok());
        const Fields fields{{QStringLiteral("UserID"), QStringLiteral("zhangsan")},
                            {QStringLiteral("Name"), QStringLiteral("张三")}};
        const QByteArray plain =
            changeEventXml(QStringLiteral("ww1234567890abcdef"), 1700000000, QStringLiteral("change_contact"),
                           QStringLiteral("update_user"), fields);
        const WeComCrypto::Envelope envelope =
            crypto->encryptMessage(plain, QStringLiteral("1700000000"), QStringLiteral("42"),
                                   QStringLiteral("ww1234567890abcdef"), QStringLiteral("1000002"));
        const Result<QByteArray> opened = crypto->decryptMessage(envelope.msgSignature, QStringLiteral("1700000000"),
                                                                 QStringLiteral("42"), envelope.body);
        QVERIFY2(opened.ok(), qPrintable(describe(opened)));
        QCOMPARE(*opened, plain);
        const Result<Fields> parsed = parseEventXml(*opened);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->value(QStringLiteral("Name")), QStringLiteral("张三"));
        QCOMPARE(parsed->value(QStringLiteral("ChangeType")), QStringLiteral("update_user"));
    }

    void nestedAndRepeatedElements()
    {
        const QByteArray xml = QByteArrayLiteral("<xml><UserID><![CDATA[zhangsan]]></UserID>"
                                                 "<ExtAttr><Item><Name><![CDATA[爱好]]></Name><Type>0</"
                                                 "Type><Text><Value><![CDATA[旅游]]></Value></Text></Item>"
                                                 "</ExtAttr><UserID><![CDATA[second]]></UserID></xml>");
        const Result<Fields> parsed = parseEventXml(xml);
        QVERIFY2(parsed.ok(), qPrintable(describe(parsed)));
        QCOMPARE(parsed->value(QStringLiteral("UserID")), QStringLiteral("zhangsan"));
        QVERIFY(parsed->contains(QStringLiteral("ExtAttr")));
        QCOMPARE(parsed->value(QStringLiteral("ExtAttr")), QString());
        QVERIFY(!parsed->contains(QStringLiteral("Name")));
        QVERIFY(!parsed->contains(QStringLiteral("Item")));
    }

    void parseErrors_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not XML") << QByteArrayLiteral("{\"Event\":\"change_contact\"}");
        QTest::newRow("unclosed") << QByteArrayLiteral("<xml><UserID>zhangsan</UserID>");
        QTest::newRow("mismatched") << QByteArrayLiteral("<xml><UserID>zhangsan</Name></xml>");
        QTest::newRow("two roots") << QByteArrayLiteral("<xml></xml><xml></xml>");
    }

    void parseErrors()
    {
        QFETCH(QByteArray, xml);
        const Result<Fields> parsed = parseEventXml(xml);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
        QVERIFY(!parsed.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWeComEvents)
#include "tst_wecomevents.moc"
