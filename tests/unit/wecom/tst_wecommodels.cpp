// The WeCom records, parsers, request bodies and API table (connectors/wecom/WeComModels.h): real-shaped answers
// from reference/wecom-api.md §3-§5 and from the sandbox's own writers, every required field taken away in turn,
// and the request bodies' limits.

#include "connectors/wecom/WeComModels.h"
#include "connectors/wecom/WeComServiceType.h"
#include "sandbox/SandboxCorp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTranslator>

#include <functional>
#include <map>
#include <variant>

using namespace ic;
using namespace ic::connectors::wecom;
namespace sb = ic::sandbox;

namespace {

template<typename T>
QString describe(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().toDisplayString();
}

QJsonObject parseJson(const char *text)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    Q_ASSERT_X(error.error == QJsonParseError::NoError && document.isObject(), "parseJson", text);
    return document.object();
}

QJsonObject parseJson(const std::string &text)
{
    return parseJson(text.c_str());
}

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

QStringList q(const std::vector<std::string> &items)
{
    QStringList out;
    for (const std::string &item : items) {
        out.append(q(item));
    }
    return out;
}

template<typename Int>
QList<qint64> q(const std::vector<Int> &items)
{
    return QList<qint64>(items.begin(), items.end());
}

// ---- Editing a JSON answer at a path such as "department[3].id" ----------------------------------------------

using Step = std::variant<QString, qsizetype>;

QList<Step> stepsOf(const QString &path)
{
    QList<Step> steps;
    for (const QString &part : path.split(QLatin1Char('.'))) {
        const qsizetype bracket = part.indexOf(QLatin1Char('['));
        steps.append(part.left(bracket));
        if (bracket >= 0) {
            for (const QString &index : part.mid(bracket + 1).chopped(1).split(QStringLiteral("]["))) {
                steps.append(index.toLongLong());
            }
        }
    }
    return steps;
}

/// `node` with the value at `steps` replaced by `value`, or removed when `value` is std::nullopt.
QJsonValue edited(const QJsonValue &node, QList<Step> steps, const std::optional<QJsonValue> &value)
{
    const Step step = steps.takeFirst();
    if (const auto *key = std::get_if<QString>(&step)) {
        QJsonObject object = node.toObject();
        if (!steps.isEmpty()) {
            object.insert(*key, edited(object.value(*key), steps, value));
        } else if (value) {
            object.insert(*key, *value);
        } else {
            object.remove(*key);
        }
        return object;
    }
    const qsizetype index = std::get<qsizetype>(step);
    QJsonArray array = node.toArray();
    Q_ASSERT(index < array.size());
    if (!steps.isEmpty()) {
        array.replace(index, edited(array.at(index), steps, value));
    } else if (value) {
        array.replace(index, *value);
    } else {
        array.removeAt(index);
    }
    return array;
}

QJsonObject without(const QJsonObject &body, const QString &path)
{
    return edited(body, stepsOf(path), std::nullopt).toObject();
}

QJsonObject with(const QJsonObject &body, const QString &path, const QJsonValue &value)
{
    return edited(body, stepsOf(path), value).toObject();
}

/// Adds an unknown member to every object of `value`, recursively.
QJsonValue withUnknownMembers(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            it.value() = withUnknownMembers(it.value());
        }
        object.insert(QStringLiteral("x_future_field"), QJsonObject{{QStringLiteral("a"), QJsonArray{1, 2}}});
        object.insert(QStringLiteral("x_future_number"), 42);
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            array.replace(i, withUnknownMembers(array.at(i)));
        }
        return array;
    }
    return value;
}

// ---- Answers as reference/wecom-api.md shows them ----------------------------------------------------------------
//
// URLs write their slashes as "\/" (the same string in JSON): moc takes "//" inside a raw string that spans lines
// for a comment and then finds no test class in this file.

// §3.1, with two more departments so that paths such as department[3].id exist.
QJsonObject departmentListSample()
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok",
      "department": [
        { "id": 2, "name": "广州研发中心", "name_en": "RDGZ", "department_leader": ["zhangsan","lisi"], "parentid": 1, "order": 10 },
        { "id": 3, "name": "邮箱产品部",   "name_en": "mail", "department_leader": ["lisi","wangwu"],   "parentid": 2, "order": 40 },
        { "id": 1, "name": "总部", "parentid": 0, "order": 100000000, "department_leader": [] },
        { "id": 4, "name": "深圳分部", "parentid": 1, "order": 4294967295 } ] })");
}

QJsonObject departmentSimpleListSample() // §3.2
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok",
      "department_id": [ { "id": 2, "parentid": 1, "order": 10 }, { "id": 3, "parentid": 2, "order": 40 } ] })");
}

QJsonObject departmentGetSample() // §3.3
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok",
      "department": { "id": 2, "name": "广州研发中心", "name_en": "RDGZ", "department_leader": ["zhangsan","lisi"], "parentid": 1, "order": 10 } })");
}

QJsonObject userSimpleListSample() // §3.4
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok",
      "userlist": [ { "userid": "zhangsan", "name": "张三", "department": [1, 2], "open_userid": "xxxxxx" } ] })");
}

const char *const kUserSample = R"({
    "userid": "zhangsan", "name": "李四", "department": [1, 2], "order": [1, 2],
    "position": "后台工程师", "mobile": "13800000000", "gender": "1", "email": "zhangsan@gzdev.com",
    "biz_mail": "zhangsan@qyycs2.wecom.work",
    "is_leader_in_dept": [1, 0], "direct_leader": ["lisi", "wangwu"],
    "avatar": "http:\/\/wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0",
    "thumb_avatar": "http:\/\/wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/100",
    "telephone": "020-123456", "alias": "jackzhang", "status": 1,
    "address": "广州市海珠区新港中路", "english_name": "jacky", "open_userid": "xxxxxx", "main_department": 1,
    "extattr": { "attrs": [
      { "type": 0, "name": "文本名称", "text": { "value": "文本" } },
      { "type": 1, "name": "网页名称", "web": { "url": "http:\/\/www.test.com", "title": "标题" } } ] },
    "qr_code": "https:\/\/open.work.weixin.qq.com/wwopen/userQRCode?vcode=xxx",
    "external_position": "产品经理",
    "external_profile": { "external_corp_name": "企业简称",
      "wechat_channels": { "nickname": "视频号名称", "status": 1 },
      "external_attr": [
        { "type": 0, "name": "文本名称", "text": { "value": "文本" } },
        { "type": 1, "name": "网页名称", "web": { "url": "http:\/\/www.test.com", "title": "标题" } },
        { "type": 2, "name": "测试app", "miniprogram": { "appid": "wx8bd80126147dFAKE", "pagepath": "/index", "title": "miniprogram" } } ] } })";

QJsonObject userListSample() // §3.5
{
    return QJsonObject{{QStringLiteral("errcode"), 0},
                       {QStringLiteral("errmsg"), QStringLiteral("ok")},
                       {QStringLiteral("userlist"), QJsonArray{parseJson(kUserSample)}}};
}

QJsonObject userGetSample() // §3.6: the member's fields next to errcode and errmsg
{
    QJsonObject body = parseJson(kUserSample);
    body.insert(QStringLiteral("errcode"), 0);
    body.insert(QStringLiteral("errmsg"), QStringLiteral("ok"));
    return body;
}

QJsonObject userListIdSample() // §3.7
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok", "next_cursor": "aaaaaaaaa",
      "dept_user": [ { "userid": "zhangsan", "department": 1 },
                     { "userid": "zhangsan", "department": 2 },
                     { "userid": "lisi", "department": 2 } ] })");
}

QJsonObject followUserListSample() // §4.1
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok", "follow_user": ["zhangsan", "lissi"] })");
}

QJsonObject externalContactListSample() // §4.2
{
    return parseJson(
        R"({ "errcode": 0, "errmsg": "ok", "external_userid": ["woAJ2GCAAAXtWyujaWJHDDGi0mACAAA", "wmqfasd1e1927831291723123109rAAA"] })");
}

QJsonObject externalContactGetSample() // §4.3
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok",
      "external_contact": {
        "external_userid": "woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", "name": "李四", "position": "Manager",
        "avatar": "http:\/\/p.qlogo.cn/bizmail/IcsdgagqefergqerhewSdage/0",
        "corp_name": "腾讯", "corp_full_name": "腾讯科技有限公司", "type": 2, "gender": 1,
        "unionid": "ozynqsulJFCZ2z1aYeS8h-nuasdAAA",
        "external_profile": { "external_attr": [
          { "type": 0, "name": "文本名称", "text": { "value": "文本" } },
          { "type": 1, "name": "网页名称", "web": { "url": "http:\/\/www.test.com", "title": "标题" } },
          { "type": 2, "name": "测试app", "miniprogram": { "appid": "wx8bd80126147df384", "pagepath": "/index", "title": "my miniprogram" } } ] } },
      "follow_user": [
        { "userid": "rocky", "remark": "李部长", "description": "对接采购事务", "createtime": 1525779812,
          "tags": [ { "group_name": "标签分组名称", "tag_name": "标签名称", "tag_id": "etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", "type": 1 } ],
          "remark_corp_name": "腾讯科技", "remark_mobiles": ["13800000001", "13000000002"],
          "oper_userid": "rocky", "add_way": 10, "wechat_channels": { "nickname": "视频号名称" } },
        { "userid": "tommy", "remark": "李总", "description": "采购问题咨询", "createtime": 1525881637,
          "state": "外联二维码1", "oper_userid": "woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", "add_way": 3 } ],
      "next_cursor": "NEXT_CUROSR" })");
}

QJsonObject batchGetByUserSample() // §4.4
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok",
      "external_contact_list": [
        { "external_contact": {
            "external_userid": "woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", "name": "李四", "position": "Manager",
            "avatar": "http:\/\/p.qlogo.cn/bizmail/IcsdgagqefergqerhewSdage/0", "corp_name": "腾讯",
            "corp_full_name": "腾讯科技有限公司", "type": 2, "gender": 1, "unionid": "ozynqsulJFCZ2z1aYeS8h-nuasdAAA",
            "external_profile": { "external_attr": [ { "type": 0, "name": "文本名称", "text": { "value": "文本" } } ] } },
          "follow_info": {
            "userid": "rocky", "remark": "李部长", "description": "对接采购事务", "createtime": 1525779812,
            "tag_id": ["etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA"], "remark_corp_name": "腾讯科技",
            "remark_mobiles": ["13800000001", "13000000002"], "oper_userid": "rocky", "add_way": 10,
            "wechat_channels": { "nickname": "视频号名称", "source": 1 } } },
        { "external_contact": { "external_userid": "woAJ2GCAAAXtWyujaWJHDDGi0mACHBBB", "name": "王五", "position": "Engineer",
            "avatar": "http:\/\/p.qlogo.cn/bizmail/IcsdgagqefergqerhewSdage/0", "corp_name": "腾讯",
            "corp_full_name": "腾讯科技有限公司", "type": 2, "gender": 1, "unionid": "ozynqsulJFCZ2asdaf8h-nuasdAAA" },
          "follow_info": { "userid": "lisi", "remark": "王助理", "description": "采购问题咨询", "createtime": 1525881637,
            "tag_id": ["etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", "stJHDDGi0mAGi0mACHBBByujaW"],
            "state": "外联二维码1", "oper_userid": "woAJ2GCAAAd1asdasdjO4wKmE8AabjBBB", "add_way": 3 } } ],
      "next_cursor": "r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI" })");
}

QJsonObject corpTagListSample() // §4.5
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok",
      "tag_group": [ { "group_id": "TAG_GROUPID1", "group_name": "GOURP_NAME", "create_time": 1557838797, "order": 1, "deleted": false,
        "tag": [ { "id": "TAG_ID1", "name": "NAME1", "create_time": 1557838797, "order": 1, "deleted": false },
                 { "id": "TAG_ID2", "name": "NAME2", "create_time": 1557838797, "order": 2, "deleted": true } ] } ] })");
}

QJsonObject groupChatListSample() // §4.6
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok",
      "group_chat_list": [ { "chat_id": "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", "status": 0 },
                           { "chat_id": "wrOgQhDgAAcwMTB7YmDkbeBsAAAA", "status": 0 } ],
      "next_cursor": "tJzlB9tdqfh-g7i_J-ehOz_TWcd7dSKa39_AqCIeMFw" })");
}

QJsonObject groupChatGetSample() // §4.6: the fields the reference lists, in the shape of doc 92122's sample
{
    return parseJson(R"({ "errcode": 0, "errmsg": "ok",
      "group_chat": { "chat_id": "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", "name": "销售客服群", "owner": "ZhuShengBen",
        "create_time": 1572505490, "notice": "文档群公告",
        "member_list": [
          { "userid": "abel", "type": 1, "join_time": 1572505491, "join_scene": 1, "invitor": { "userid": "jack" },
            "group_nickname": "客服小张", "name": "张三丰" },
          { "userid": "wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA", "type": 2, "unionid": "ozynqsulJFCZ2z1aYeS8h-nuasdAAA",
            "join_time": 1572505491, "join_scene": 1, "state": "渠道1", "group_nickname": "顾客老王", "name": "王语嫣" } ],
        "admin_list": [ { "userid": "sam" }, { "userid": "pony" } ],
        "member_version": "71217227bbd112ecfe3a49c482195cb4" } })");
}

QJsonObject messageSendSample() // §5
{
    return parseJson(
        R"({ "errcode": 0, "errmsg": "ok", "invaliduser": "userid1|userid2", "invalidparty": "partyid1|partyid2",
      "invalidtag": "tagid1|tagid2", "unlicenseduser": "userid3|userid4", "msgid": "xxxx", "response_code": "xyzxyz" })");
}

// ---- Every parser by its API, for the table-driven tests ---------------------------------------------------------

template<typename T>
std::optional<Error> errorOf(const Result<T> &result)
{
    return result.ok() ? std::nullopt : std::optional<Error>(result.error());
}

struct ParserCase {
    std::function<std::optional<Error>(const QJsonObject &)> parse;
    std::function<QJsonObject()> sample;
};

const std::map<QString, ParserCase> &parserCases()
{
    static const std::map<QString, ParserCase> cases{
        {api::DepartmentList,
         {[](const QJsonObject &b) { return errorOf(parseDepartmentList(b)); }, departmentListSample}},
        {api::DepartmentSimpleList,
         {[](const QJsonObject &b) { return errorOf(parseDepartmentSimpleList(b)); }, departmentSimpleListSample}},
        {api::DepartmentGet,
         {[](const QJsonObject &b) { return errorOf(parseDepartmentGet(b)); }, departmentGetSample}},
        {api::UserSimpleList,
         {[](const QJsonObject &b) { return errorOf(parseUserSimpleList(b)); }, userSimpleListSample}},
        {api::UserList, {[](const QJsonObject &b) { return errorOf(parseUserList(b)); }, userListSample}},
        {api::UserGet, {[](const QJsonObject &b) { return errorOf(parseUserGet(b)); }, userGetSample}},
        {api::UserListId, {[](const QJsonObject &b) { return errorOf(parseUserListId(b)); }, userListIdSample}},
        {api::FollowUserList,
         {[](const QJsonObject &b) { return errorOf(parseFollowUserList(b)); }, followUserListSample}},
        {api::ExternalContactList,
         {[](const QJsonObject &b) { return errorOf(parseExternalContactList(b)); }, externalContactListSample}},
        {api::ExternalContactGet,
         {[](const QJsonObject &b) { return errorOf(parseExternalContactGet(b)); }, externalContactGetSample}},
        {api::BatchGetByUser,
         {[](const QJsonObject &b) { return errorOf(parseBatchGetByUser(b)); }, batchGetByUserSample}},
        {api::CorpTagList, {[](const QJsonObject &b) { return errorOf(parseCorpTagList(b)); }, corpTagListSample}},
        {api::GroupChatList,
         {[](const QJsonObject &b) { return errorOf(parseGroupChatList(b)); }, groupChatListSample}},
        {api::GroupChatGet, {[](const QJsonObject &b) { return errorOf(parseGroupChatGet(b)); }, groupChatGetSample}},
        {api::MessageSend, {[](const QJsonObject &b) { return errorOf(parseMessageSend(b)); }, messageSendSample}},
    };
    return cases;
}

/// The required members of each API's answer, as WeComModels.h lists them, at paths that exist in the samples.
const QList<std::pair<QString, QString>> &requiredPaths()
{
    static const QList<std::pair<QString, QString>> paths{
        {api::DepartmentList, QStringLiteral("department")},
        {api::DepartmentList, QStringLiteral("department[3].id")},
        {api::DepartmentList, QStringLiteral("department[1].name")},
        {api::DepartmentList, QStringLiteral("department[2].parentid")},
        {api::DepartmentSimpleList, QStringLiteral("department_id")},
        {api::DepartmentSimpleList, QStringLiteral("department_id[1].id")},
        {api::DepartmentSimpleList, QStringLiteral("department_id[0].parentid")},
        {api::DepartmentGet, QStringLiteral("department")},
        {api::DepartmentGet, QStringLiteral("department.id")},
        {api::DepartmentGet, QStringLiteral("department.name")},
        {api::DepartmentGet, QStringLiteral("department.parentid")},
        {api::UserSimpleList, QStringLiteral("userlist")},
        {api::UserSimpleList, QStringLiteral("userlist[0].userid")},
        {api::UserSimpleList, QStringLiteral("userlist[0].name")},
        {api::UserSimpleList, QStringLiteral("userlist[0].department")},
        {api::UserList, QStringLiteral("userlist")},
        {api::UserList, QStringLiteral("userlist[0].userid")},
        {api::UserList, QStringLiteral("userlist[0].name")},
        {api::UserList, QStringLiteral("userlist[0].department")},
        {api::UserGet, QStringLiteral("userid")},
        {api::UserGet, QStringLiteral("name")},
        {api::UserGet, QStringLiteral("department")},
        {api::UserListId, QStringLiteral("dept_user")},
        {api::UserListId, QStringLiteral("dept_user[2].userid")},
        {api::UserListId, QStringLiteral("dept_user[2].department")},
        {api::FollowUserList, QStringLiteral("follow_user")},
        {api::ExternalContactList, QStringLiteral("external_userid")},
        {api::ExternalContactGet, QStringLiteral("external_contact")},
        {api::ExternalContactGet, QStringLiteral("external_contact.external_userid")},
        {api::ExternalContactGet, QStringLiteral("external_contact.name")},
        {api::ExternalContactGet, QStringLiteral("follow_user")},
        {api::ExternalContactGet, QStringLiteral("follow_user[1].userid")},
        {api::ExternalContactGet, QStringLiteral("follow_user[0].tags[0].tag_name")},
        {api::BatchGetByUser, QStringLiteral("external_contact_list")},
        {api::BatchGetByUser, QStringLiteral("external_contact_list[1].external_contact")},
        {api::BatchGetByUser, QStringLiteral("external_contact_list[1].external_contact.external_userid")},
        {api::BatchGetByUser, QStringLiteral("external_contact_list[0].external_contact.name")},
        {api::BatchGetByUser, QStringLiteral("external_contact_list[0].follow_info")},
        {api::BatchGetByUser, QStringLiteral("external_contact_list[1].follow_info.userid")},
        {api::CorpTagList, QStringLiteral("tag_group")},
        {api::CorpTagList, QStringLiteral("tag_group[0].group_id")},
        {api::CorpTagList, QStringLiteral("tag_group[0].group_name")},
        {api::CorpTagList, QStringLiteral("tag_group[0].tag[1].id")},
        {api::CorpTagList, QStringLiteral("tag_group[0].tag[1].name")},
        {api::GroupChatList, QStringLiteral("group_chat_list")},
        {api::GroupChatList, QStringLiteral("group_chat_list[1].chat_id")},
        {api::GroupChatGet, QStringLiteral("group_chat")},
        {api::GroupChatGet, QStringLiteral("group_chat.chat_id")},
        {api::GroupChatGet, QStringLiteral("group_chat.owner")},
        {api::GroupChatGet, QStringLiteral("group_chat.member_list")},
        {api::GroupChatGet, QStringLiteral("group_chat.member_list[1].userid")},
        {api::GroupChatGet, QStringLiteral("group_chat.admin_list[1].userid")},
    };
    return paths;
}

// ---- The sandbox's corp, through its own writers -----------------------------------------------------------------

std::unique_ptr<sb::SandboxCorp> sandboxCorp()
{
    return sb::SandboxCorp::generate(sb::CorpSpec{23, 15, 40, 150, 3, 4, 6});
}

/// {"errcode":0,"errmsg":"ok","<key>":[ write(item)... ]} read back as JSON.
template<typename Items, typename Write>
QJsonObject sandboxPage(const char *key, const Items &items, Write write)
{
    sb::JsonWriter json;
    json.beginObject().field("errcode", 0).field("errmsg", "ok").key(key).beginArray();
    for (const auto &item : items) {
        write(json, item);
    }
    json.endArray().endObject();
    return parseJson(json.take());
}

Department expectedDepartment(const sb::Department &d)
{
    return Department{d.id, q(d.name), q(d.nameEn), d.parentId, d.order, q(d.leaders)};
}

User expectedUser(const sb::Staff &s)
{
    User u;
    u.userid = q(s.userid);
    u.name = q(s.name);
    u.departments = q(s.departments);
    u.orders = q(s.orderInDepartments);
    u.position = q(s.position);
    u.mobile = q(s.mobile);
    u.gender = q(s.gender).toInt();
    u.email = q(s.email);
    u.bizMail = q(s.bizMail);
    u.isLeaderInDept = QList<int>(s.isLeaderInDepartments.begin(), s.isLeaderInDepartments.end());
    u.directLeaders = q(s.directLeaders);
    u.avatar = q(s.avatar);
    u.telephone = q(s.telephone);
    u.alias = q(s.alias);
    u.status = s.status;
    u.address = q(s.address);
    u.openUserid = q(s.openUserid);
    u.mainDepartment = s.mainDepartment;
    u.englishName = q(s.englishName);
    u.extAttr = QJsonObject{{QStringLiteral("attrs"), QJsonArray()}}; // the sandbox's members have no extra fields
    return u;
}

/// The contact as the sandbox writes it: corp fields for type 2 only, unionid for type 1 only. Its avatar is
/// derived when the model has none, so the parsed one is taken then.
ExternalContact expectedContact(const sb::ExternalContact &c, const QString &parsedAvatar)
{
    ExternalContact e;
    e.externalUserid = q(c.externalUserid);
    e.name = q(c.name);
    e.position = c.type == 2 ? q(c.position) : QString();
    e.avatar = c.avatar.empty() ? parsedAvatar : q(c.avatar);
    e.corpName = c.type == 2 ? q(c.corpName) : QString();
    e.corpFullName = c.type == 2 ? q(c.corpFullName) : QString();
    e.type = c.type;
    e.gender = c.gender;
    e.unionid = c.type == 1 ? q(c.unionid) : QString();
    return e;
}

FollowInfo expectedFollow(const sb::FollowInfo &f)
{
    FollowInfo e;
    e.userid = q(f.userid);
    e.remark = q(f.remark);
    e.description = q(f.description);
    e.createTime = f.createtime;
    e.remarkCorpName = q(f.remarkCorpName);
    e.remarkMobiles = q(f.remarkMobiles);
    e.operUserid = q(f.operUserid);
    e.addWay = f.addWay;
    e.state = q(f.state);
    return e;
}

/// A translator that marks every text of the WeCom connector's contexts, to prove that a text was translated.
class MarkingTranslator : public QTranslator {
public:
    static QString marker() { return QStringLiteral("〔zh〕"); }
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char * /*disambiguation*/,
                      int /*n*/) const override
    {
        if (!QByteArray(context).startsWith("ic::connectors::wecom::")) {
            return {};
        }
        return marker() + QString::fromUtf8(sourceText);
    }
};

} // namespace

class TestWeComModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // ---- Secret kinds and the API table ---------------------------------------------------------------------------

    void secretKindsNameTheirFields()
    {
        QCOMPARE(secretKinds(), (QList<SecretKind>{SecretKind::App, SecretKind::Contacts, SecretKind::Customer}));
        QCOMPARE(secretFieldKey(SecretKind::App), QStringLiteral("corp_secret"));
        QCOMPARE(secretFieldKey(SecretKind::Contacts), QStringLiteral("contacts_secret"));
        QCOMPARE(secretFieldKey(SecretKind::Customer), QStringLiteral("customer_secret"));
        QCOMPARE(secretKindName(SecretKind::App), QStringLiteral("app"));
        QCOMPARE(secretKindName(SecretKind::Contacts), QStringLiteral("contacts"));
        QCOMPARE(secretKindName(SecretKind::Customer), QStringLiteral("customer"));
        const ic::services::ServiceType type = serviceType();
        for (SecretKind kind : secretKinds()) {
            QCOMPARE(secretKindFromName(secretKindName(kind)), std::optional<SecretKind>(kind));
            const ic::services::FieldSpec *field = type.field(secretFieldKey(kind));
            QVERIFY(field && field->isSecret());
            QCOMPARE(secretDisplayName(kind), field->label);
            QCOMPARE(secretWhereToFind(kind), field->hint);
        }
        QCOMPARE(secretDisplayName(SecretKind::Contacts), QStringLiteral("Contacts sync secret"));
        QVERIFY(!secretKindFromName(u"App"));
        QVERIFY(!secretKindFromName(u""));
        QVERIFY(!secretKindFromName(u"corp_secret"));
    }

    void endpointTableFollowsTheReference()
    {
        const QList<QLatin1StringView> apis{api::GetToken,
                                            api::DepartmentList,
                                            api::DepartmentSimpleList,
                                            api::DepartmentGet,
                                            api::UserSimpleList,
                                            api::UserList,
                                            api::UserGet,
                                            api::UserListId,
                                            api::FollowUserList,
                                            api::ExternalContactList,
                                            api::ExternalContactGet,
                                            api::BatchGetByUser,
                                            api::CorpTagList,
                                            api::GroupChatList,
                                            api::GroupChatGet,
                                            api::MessageSend};
        QCOMPARE(endpoints().size(), apis.size());
        for (qsizetype i = 0; i < apis.size(); ++i) {
            QCOMPARE(endpoints().at(i).path, apis.at(i));
            QVERIFY(!endpoints().at(i).secrets.isEmpty());
        }

        const QList<QLatin1StringView> posts{api::UserListId,    api::BatchGetByUser, api::CorpTagList,
                                             api::GroupChatList, api::GroupChatGet,   api::MessageSend};
        for (const Endpoint &endpoint : endpoints()) {
            QCOMPARE(endpoint.method, posts.contains(endpoint.path) ? HttpMethod::Post : HttpMethod::Get);
            const bool customer = QString(endpoint.path).startsWith(QStringLiteral("externalcontact/"));
            const bool contacts = QString(endpoint.path).startsWith(QStringLiteral("department/")) ||
                                  QString(endpoint.path).startsWith(QStringLiteral("user/"));
            if (customer) {
                QCOMPARE(endpoint.area, ApiArea::Customer);
                QCOMPARE(endpoint.secrets, (QList<SecretKind>{SecretKind::Customer, SecretKind::App}));
            } else if (contacts && endpoint.path != api::UserListId) {
                QCOMPARE(endpoint.area, ApiArea::Contacts);
                QCOMPARE(endpoint.secrets, (QList<SecretKind>{SecretKind::Contacts, SecretKind::App}));
            }
        }
        // Doc 96067: only the contacts-sync secret may call user/list_id; only an app secret sends messages.
        QCOMPARE(findEndpoint(api::UserListId)->secrets, QList<SecretKind>{SecretKind::Contacts});
        QCOMPARE(findEndpoint(api::MessageSend)->secrets, QList<SecretKind>{SecretKind::App});
        QCOMPARE(findEndpoint(api::MessageSend)->area, ApiArea::Message);
        QCOMPARE(findEndpoint(api::GetToken)->area, ApiArea::Token);
        QVERIFY(!findEndpoint(QStringLiteral("user/delete")));

        QVERIFY(mayCall(SecretKind::App, api::DepartmentList));
        QVERIFY(!mayCall(SecretKind::Customer, api::DepartmentList));
        QVERIFY(!mayCall(SecretKind::App, api::UserListId));
        QVERIFY(!mayCall(SecretKind::Contacts, api::MessageSend));
        QVERIFY(!mayCall(SecretKind::Contacts, api::BatchGetByUser));
        QVERIFY(!mayCall(SecretKind::App, QStringLiteral("no/such/api")));
    }

    void endpointPathDropsEverythingButThePath()
    {
        QCOMPARE(endpointPath(QStringLiteral("user/get")), QStringLiteral("user/get"));
        QCOMPARE(endpointPath(QStringLiteral("/cgi-bin/user/get")), QStringLiteral("user/get"));
        QCOMPARE(
            endpointPath(QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/user/get?access_token=TOKEN&userid=x")),
            QStringLiteral("user/get"));
        QCOMPARE(endpointPath(QStringLiteral("http://127.0.0.1:8080/cgi-bin/gettoken?corpid=ww1&corpsecret=SECRET#x")),
                 QStringLiteral("gettoken"));
        QCOMPARE(endpointPath(QStringLiteral("externalcontact/batch/get_by_user?access_token=T")),
                 QString(api::BatchGetByUser));
        QCOMPARE(endpointPath(QStringLiteral("https://qyapi.weixin.qq.com")), QString());
        QCOMPARE(findEndpoint(QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/user/list_id?access_token=T"))->path,
                 api::UserListId);
    }

    void chooseSecretPrefersTheWidestView()
    {
        using enum SecretKind;
        QCOMPARE(chooseSecret(api::DepartmentList, {App, Contacts, Customer}), std::optional(Contacts));
        QCOMPARE(chooseSecret(api::DepartmentList, {App, Customer}), std::optional(App));
        QVERIFY(!chooseSecret(api::UserListId, {App, Customer}));
        QCOMPARE(chooseSecret(api::BatchGetByUser, {App, Contacts, Customer}), std::optional(Customer));
        QCOMPARE(chooseSecret(api::BatchGetByUser, {App, Contacts}), std::optional(App));
        QCOMPARE(chooseSecret(api::MessageSend, {Contacts, Customer, App}), std::optional(App));
        QVERIFY(!chooseSecret(api::MessageSend, {Contacts, Customer}));
        QVERIFY(!chooseSecret(QStringLiteral("no/such/api"), {App, Contacts, Customer}));
        QVERIFY(!chooseSecret(api::UserGet, {}));
    }

    // ---- The reference's answers ------------------------------------------------------------------------------------

    void departmentsFromTheReference()
    {
        const auto list = parseDepartmentList(departmentListSample());
        QVERIFY2(list.ok(), qPrintable(describe(list)));
        QCOMPARE(list->size(), 4);
        QCOMPARE(list->at(0), (Department{2,
                                          QStringLiteral("广州研发中心"),
                                          QStringLiteral("RDGZ"),
                                          1,
                                          10,
                                          {QStringLiteral("zhangsan"), QStringLiteral("lisi")}}));
        QCOMPARE(list->at(2), (Department{1, QStringLiteral("总部"), {}, 0, 100000000, {}}));
        QCOMPARE(list->at(3).order, qint64(4294967295)); // order is in [0, 2^32)
        QVERIFY(list->at(3).departmentLeaders.isEmpty());

        const auto brief = parseDepartmentSimpleList(departmentSimpleListSample());
        QVERIFY2(brief.ok(), qPrintable(describe(brief)));
        QCOMPARE(*brief, (QList<DepartmentBrief>{{2, 1, 10}, {3, 2, 40}}));

        const auto one = parseDepartmentGet(departmentGetSample());
        QVERIFY2(one.ok(), qPrintable(describe(one)));
        QCOMPARE(*one, list->at(0));
    }

    void usersFromTheReference()
    {
        const auto brief = parseUserSimpleList(userSimpleListSample());
        QVERIFY2(brief.ok(), qPrintable(describe(brief)));
        QCOMPARE(*brief, (QList<UserBrief>{
                             {QStringLiteral("zhangsan"), QStringLiteral("张三"), {1, 2}, QStringLiteral("xxxxxx")}}));

        const auto list = parseUserList(userListSample());
        QVERIFY2(list.ok(), qPrintable(describe(list)));
        QCOMPARE(list->size(), 1);
        const User &u = list->first();
        QCOMPARE(u.userid, QStringLiteral("zhangsan"));
        QCOMPARE(u.name, QStringLiteral("李四"));
        QCOMPARE(u.departments, (QList<qint64>{1, 2}));
        QCOMPARE(u.orders, (QList<qint64>{1, 2}));
        QCOMPARE(u.position, QStringLiteral("后台工程师"));
        QCOMPARE(u.mobile, QStringLiteral("13800000000"));
        QCOMPARE(u.gender, 1); // "1" in the answer
        QCOMPARE(u.email, QStringLiteral("zhangsan@gzdev.com"));
        QCOMPARE(u.bizMail, QStringLiteral("zhangsan@qyycs2.wecom.work"));
        QCOMPARE(u.isLeaderInDept, (QList<int>{1, 0}));
        QCOMPARE(u.directLeaders, (QStringList{QStringLiteral("lisi"), QStringLiteral("wangwu")}));
        QVERIFY(u.avatar.endsWith(QStringLiteral("/0")));
        QCOMPARE(u.telephone, QStringLiteral("020-123456"));
        QCOMPARE(u.alias, QStringLiteral("jackzhang"));
        QCOMPARE(u.status, 1);
        QCOMPARE(u.address, QStringLiteral("广州市海珠区新港中路"));
        QCOMPARE(u.openUserid, QStringLiteral("xxxxxx"));
        QCOMPARE(u.mainDepartment, qint64(1));
        QCOMPARE(u.externalPosition, QStringLiteral("产品经理"));
        QCOMPARE(u.englishName, QStringLiteral("jacky"));
        QCOMPARE(u.extAttr.value(QStringLiteral("attrs")).toArray().size(), 2);
        QCOMPARE(u.externalProfile.value(QStringLiteral("external_corp_name")).toString(), QStringLiteral("企业简称"));
        QCOMPARE(u.externalProfile.value(QStringLiteral("external_attr")).toArray().size(), 3);

        const auto one = parseUserGet(userGetSample());
        QVERIFY2(one.ok(), qPrintable(describe(one)));
        QCOMPARE(*one, u);

        const auto ids = parseUserListId(userListIdSample());
        QVERIFY2(ids.ok(), qPrintable(describe(ids)));
        QCOMPARE(ids->nextCursor, QStringLiteral("aaaaaaaaa"));
        QCOMPARE(ids->deptUsers,
                 (QList<UserDepartment>{
                     {QStringLiteral("zhangsan"), 1}, {QStringLiteral("zhangsan"), 2}, {QStringLiteral("lisi"), 2}}));
    }

    void customersFromTheReference()
    {
        const auto followers = parseFollowUserList(followUserListSample());
        QVERIFY2(followers.ok(), qPrintable(describe(followers)));
        QCOMPARE(*followers, (QStringList{QStringLiteral("zhangsan"), QStringLiteral("lissi")}));

        const auto ids = parseExternalContactList(externalContactListSample());
        QVERIFY2(ids.ok(), qPrintable(describe(ids)));
        QCOMPARE(ids->size(), 2);

        const auto detail = parseExternalContactGet(externalContactGetSample());
        QVERIFY2(detail.ok(), qPrintable(describe(detail)));
        const ExternalContact &c = detail->contact;
        QCOMPARE(c.externalUserid, QStringLiteral("woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA"));
        QCOMPARE(c.name, QStringLiteral("李四"));
        QCOMPARE(c.position, QStringLiteral("Manager"));
        QCOMPARE(c.corpName, QStringLiteral("腾讯"));
        QCOMPARE(c.corpFullName, QStringLiteral("腾讯科技有限公司"));
        QCOMPARE(c.type, 2);
        QCOMPARE(c.gender, 1);
        QCOMPARE(c.unionid, QStringLiteral("ozynqsulJFCZ2z1aYeS8h-nuasdAAA"));
        QCOMPARE(c.externalProfile.value(QStringLiteral("external_attr")).toArray().size(), 3);
        QCOMPARE(detail->nextCursor, QStringLiteral("NEXT_CUROSR"));
        QCOMPARE(detail->followUsers.size(), 2);
        const FollowInfo &rocky = detail->followUsers.at(0);
        QCOMPARE(rocky.userid, QStringLiteral("rocky"));
        QCOMPARE(rocky.remark, QStringLiteral("李部长"));
        QCOMPARE(rocky.description, QStringLiteral("对接采购事务"));
        QCOMPARE(rocky.createTime, qint64(1525779812));
        QCOMPARE(rocky.tags, (QList<FollowTag>{{QStringLiteral("标签分组名称"), QStringLiteral("标签名称"), 1,
                                                QStringLiteral("etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA")}}));
        QVERIFY(rocky.tagIds.isEmpty()); // externalcontact/get sends tags, not tag_id
        QCOMPARE(rocky.remarkCorpName, QStringLiteral("腾讯科技"));
        QCOMPARE(rocky.remarkMobiles, (QStringList{QStringLiteral("13800000001"), QStringLiteral("13000000002")}));
        QCOMPARE(rocky.operUserid, QStringLiteral("rocky"));
        QCOMPARE(rocky.addWay, 10);
        QCOMPARE(rocky.wechatChannels.value(QStringLiteral("nickname")).toString(), QStringLiteral("视频号名称"));
        const FollowInfo &tommy = detail->followUsers.at(1);
        QCOMPARE(tommy.state, QStringLiteral("外联二维码1"));
        QCOMPARE(tommy.addWay, 3);
        QVERIFY(tommy.tags.isEmpty());
        QVERIFY(tommy.wechatChannels.isEmpty());

        const auto page = parseBatchGetByUser(batchGetByUserSample());
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->nextCursor, QStringLiteral("r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI"));
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items.at(0).followInfo.tagIds, QStringList{QStringLiteral("etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA")});
        QCOMPARE(page->items.at(0).followInfo.wechatChannels.value(QStringLiteral("source")).toInt(), 1);
        QCOMPARE(page->items.at(1).contact.externalUserid, QStringLiteral("woAJ2GCAAAXtWyujaWJHDDGi0mACHBBB"));
        QVERIFY(page->items.at(1).contact.externalProfile.isEmpty());
        QCOMPARE(page->items.at(1).followInfo.userid, QStringLiteral("lisi"));
        QCOMPARE(page->items.at(1).followInfo.tagIds.size(), 2);
        QCOMPARE(page->items.at(1).followInfo.operUserid, QStringLiteral("woAJ2GCAAAd1asdasdjO4wKmE8AabjBBB"));
    }

    void tagsGroupChatsAndMessagesFromTheReference()
    {
        const auto groups = parseCorpTagList(corpTagListSample());
        QVERIFY2(groups.ok(), qPrintable(describe(groups)));
        QCOMPARE(*groups,
                 (QList<CorpTagGroup>{{QStringLiteral("TAG_GROUPID1"),
                                       QStringLiteral("GOURP_NAME"),
                                       1557838797,
                                       1,
                                       false,
                                       {{QStringLiteral("TAG_ID1"), QStringLiteral("NAME1"), 1557838797, 1, false},
                                        {QStringLiteral("TAG_ID2"), QStringLiteral("NAME2"), 1557838797, 2, true}}}}));

        const auto chats = parseGroupChatList(groupChatListSample());
        QVERIFY2(chats.ok(), qPrintable(describe(chats)));
        QCOMPARE(chats->chats, (QList<GroupChatBrief>{{QStringLiteral("wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA"), 0},
                                                      {QStringLiteral("wrOgQhDgAAcwMTB7YmDkbeBsAAAA"), 0}}));
        QCOMPARE(chats->nextCursor, QStringLiteral("tJzlB9tdqfh-g7i_J-ehOz_TWcd7dSKa39_AqCIeMFw"));

        const auto chat = parseGroupChatGet(groupChatGetSample());
        QVERIFY2(chat.ok(), qPrintable(describe(chat)));
        QCOMPARE(chat->chatId, QStringLiteral("wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA"));
        QCOMPARE(chat->name, QStringLiteral("销售客服群"));
        QCOMPARE(chat->owner, QStringLiteral("ZhuShengBen"));
        QCOMPARE(chat->createTime, qint64(1572505490));
        QCOMPARE(chat->notice, QStringLiteral("文档群公告"));
        QCOMPARE(chat->admins, (QStringList{QStringLiteral("sam"), QStringLiteral("pony")}));
        QCOMPARE(chat->members, (QList<GroupChatMember>{{QStringLiteral("abel"),
                                                         1,
                                                         1572505491,
                                                         1,
                                                         QStringLiteral("jack"),
                                                         QStringLiteral("客服小张"),
                                                         QStringLiteral("张三丰"),
                                                         {}},
                                                        {QStringLiteral("wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA"),
                                                         2,
                                                         1572505491,
                                                         1,
                                                         {},
                                                         QStringLiteral("顾客老王"),
                                                         QStringLiteral("王语嫣"),
                                                         QStringLiteral("ozynqsulJFCZ2z1aYeS8h-nuasdAAA")}}));

        const auto sent = parseMessageSend(messageSendSample());
        QVERIFY2(sent.ok(), qPrintable(describe(sent)));
        QCOMPARE(*sent, (MessageSendResult{{QStringLiteral("userid1"), QStringLiteral("userid2")},
                                           {QStringLiteral("partyid1"), QStringLiteral("partyid2")},
                                           {QStringLiteral("tagid1"), QStringLiteral("tagid2")},
                                           {QStringLiteral("userid3"), QStringLiteral("userid4")},
                                           QStringLiteral("xxxx"),
                                           QStringLiteral("xyzxyz")}));
        // The sandbox's answer: empty lists as "", no unlicenseduser or response_code.
        const auto plain = parseMessageSend(parseJson(
            R"({"errcode":0,"errmsg":"ok","invaliduser":"","invalidparty":"","invalidtag":" 7 | ","msgid":"12"})"));
        QVERIFY2(plain.ok(), qPrintable(describe(plain)));
        QCOMPARE(*plain, (MessageSendResult{{}, {}, {QStringLiteral("7")}, {}, QStringLiteral("12"), {}}));
    }

    // ---- Tolerance -----------------------------------------------------------------------------------------------

    void unknownMembersAreIgnored()
    {
        for (const auto &[endpoint, parser] : parserCases()) {
            const QJsonObject sample = parser.sample();
            const QJsonObject extended = withUnknownMembers(sample).toObject();
            QVERIFY(extended != sample);
            const std::optional<Error> error = parser.parse(extended);
            QVERIFY2(!error, qPrintable(endpoint + QStringLiteral(": ") + error.value_or(Error{}).toDisplayString()));
        }
        // And the values read are the same, except inside the raw objects, which keep whatever WeCom sent.
        const User user = parseUserList(userListSample())->first();
        User extendedUser = parseUserList(withUnknownMembers(userListSample()).toObject())->first();
        QVERIFY(extendedUser.extAttr.contains(QStringLiteral("x_future_field")));
        extendedUser.extAttr = user.extAttr;
        extendedUser.externalProfile = user.externalProfile;
        QCOMPARE(extendedUser, user);
        ContactFollowPage extendedPage = *parseBatchGetByUser(withUnknownMembers(batchGetByUserSample()).toObject());
        const ContactFollowPage page = *parseBatchGetByUser(batchGetByUserSample());
        for (qsizetype i = 0; i < extendedPage.items.size(); ++i) {
            extendedPage.items[i].contact.externalProfile = page.items.at(i).contact.externalProfile;
            extendedPage.items[i].followInfo.wechatChannels = page.items.at(i).followInfo.wechatChannels;
        }
        QCOMPARE(extendedPage, page);
        QCOMPARE(*parseGroupChatGet(withUnknownMembers(groupChatGetSample()).toObject()),
                 *parseGroupChatGet(groupChatGetSample()));
    }

    void optionalMembersMayBeMissingOrNull()
    {
        // A member as an app created after 2022-06-20 sees it: no avatar, gender, mobile, email, address.
        const auto minimal = parseUserGet(parseJson(
            R"({"errcode":0,"errmsg":"ok","userid":"u1","name":"N","department":[],"mobile":null,"gender":null})"));
        QVERIFY2(minimal.ok(), qPrintable(describe(minimal)));
        User expected;
        expected.userid = QStringLiteral("u1");
        expected.name = QStringLiteral("N");
        QCOMPARE(*minimal, expected);

        const auto contact = parseExternalContactGet(parseJson(
            R"({"external_contact":{"external_userid":"wm1","name":"C","external_profile":null},"follow_user":[{"userid":"u1","tags":null}]})"));
        QVERIFY2(contact.ok(), qPrintable(describe(contact)));
        QCOMPARE(contact->contact.type, 0);
        QVERIFY(contact->nextCursor.isEmpty()); // absent: the last page
        QCOMPARE(contact->followUsers.size(), 1);

        const auto lastPage = parseBatchGetByUser(parseJson(R"({"external_contact_list":[]})"));
        QVERIFY2(lastPage.ok(), qPrintable(describe(lastPage)));
        QVERIFY(lastPage->items.isEmpty());
        QVERIFY(lastPage->nextCursor.isEmpty());

        const auto chat = parseGroupChatGet(
            parseJson(R"({"group_chat":{"chat_id":"wr1","owner":"o","member_list":[{"userid":"o","invitor":null}]}})"));
        QVERIFY2(chat.ok(), qPrintable(describe(chat)));
        QVERIFY(chat->admins.isEmpty());
        QVERIFY(chat->members.first().invitor.isEmpty());

        const auto group = parseCorpTagList(parseJson(R"({"tag_group":[{"group_id":"g","group_name":"G"}]})"));
        QVERIFY2(group.ok(), qPrintable(describe(group)));
        QVERIFY(group->first().tags.isEmpty());
        QVERIFY(!group->first().deleted);

        const auto sent = parseMessageSend(parseJson(R"({"errcode":0,"errmsg":"ok"})"));
        QVERIFY2(sent.ok(), qPrintable(describe(sent)));
        QCOMPARE(*sent, MessageSendResult{});
    }

    void numbersAreAcceptedAsStrings()
    {
        const auto departments = parseDepartmentList(parseJson(
            R"({"department":[{"id":"2","name":"D","parentid":"1","order":"4294967295"},{"id":3,"name":"E","parentid":2,"order":40.0}]})"));
        QVERIFY2(departments.ok(), qPrintable(describe(departments)));
        QCOMPARE(departments->at(0), (Department{2, QStringLiteral("D"), {}, 1, 4294967295, {}}));
        QCOMPARE(departments->at(1).order, qint64(40));

        const auto user = parseUserGet(parseJson(
            R"({"userid":"u","name":"N","department":["1",2],"order":["5"],"gender":"2","status":"1","is_leader_in_dept":["1"],"main_department":"2"})"));
        QVERIFY2(user.ok(), qPrintable(describe(user)));
        QCOMPARE(user->departments, (QList<qint64>{1, 2}));
        QCOMPARE(user->orders, QList<qint64>{5});
        QCOMPARE(user->gender, 2);
        QCOMPARE(user->status, 1);
        QCOMPARE(user->isLeaderInDept, QList<int>{1});
        QCOMPARE(user->mainDepartment, qint64(2));
        // gender as a number, as externalcontact/* sends it.
        QCOMPARE(parseUserGet(parseJson(R"({"userid":"u","name":"N","department":[],"gender":1})"))->gender, 1);

        const auto groups = parseCorpTagList(parseJson(
            R"({"tag_group":[{"group_id":"g","group_name":"G","create_time":"1557838797","order":"3","deleted":0,
                "tag":[{"id":"t","name":"T","create_time":"1557838797","deleted":"1"}]}]})"));
        QVERIFY2(groups.ok(), qPrintable(describe(groups)));
        QCOMPARE(groups->first().createTime, qint64(1557838797));
        QCOMPARE(groups->first().order, qint64(3));
        QVERIFY(!groups->first().deleted);
        QVERIFY(groups->first().tags.first().deleted);

        const auto page = parseBatchGetByUser(parseJson(
            R"({"external_contact_list":[{"external_contact":{"external_userid":"wm","name":"C","type":"1","gender":"2"},
                "follow_info":{"userid":"u","createtime":"1525779812","add_way":"3"}}]})"));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->items.first().contact.type, 1);
        QCOMPARE(page->items.first().contact.gender, 2);
        QCOMPARE(page->items.first().followInfo.createTime, qint64(1525779812));
        QCOMPARE(page->items.first().followInfo.addWay, 3);

        const auto ids = parseUserListId(parseJson(R"({"dept_user":[{"userid":"u","department":"7"}]})"));
        QVERIFY2(ids.ok(), qPrintable(describe(ids)));
        QCOMPARE(ids->deptUsers.first().department, qint64(7));
    }

    // ---- Strictness
    // ---------------------------------------------------------------------------------------------------

    void requiredFieldMissing_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("path");
        for (const auto &[endpoint, path] : requiredPaths()) {
            QTest::addRow("%s %s", qPrintable(endpoint), qPrintable(path)) << endpoint << path;
        }
    }

    void requiredFieldMissing()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, path);
        const ParserCase &parser = parserCases().at(endpoint);
        const QJsonObject sample = parser.sample();
        QVERIFY2(!parser.parse(sample), "the sample itself must parse");

        for (const QJsonObject &body : {without(sample, path), with(sample, path, QJsonValue::Null)}) {
            const std::optional<Error> error = parser.parse(body);
            QVERIFY2(error, "a missing required field must fail");
            QCOMPARE(error->code, ErrorCode::Provider);
            QCOMPARE(error->detail, path);
            QCOMPARE(error->message,
                     QStringLiteral("WeCom's answer to %1 lacks the required field %2.").arg(endpoint, path));
            QVERIFY(!error->hint.isEmpty());
            QVERIFY(!error->retryable);
        }
    }

    void requiredFieldOfTheWrongType_data() { requiredFieldMissing_data(); }

    void requiredFieldOfTheWrongType()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, path);
        const ParserCase &parser = parserCases().at(endpoint);
        // true fits none of the required members' types (text, number, list, object).
        const std::optional<Error> error = parser.parse(with(parser.sample(), path, true));
        QVERIFY2(error, "a wrongly typed required field must fail");
        QCOMPARE(error->code, ErrorCode::Provider);
        QCOMPARE(error->detail, path);
        QVERIFY2(error->message.startsWith(
                     QStringLiteral("WeCom's answer to %1 has a value of the wrong type in %2 (expected ")
                         .arg(endpoint, path)),
                 qPrintable(error->message));
    }

    void wrongTypesAreNamed()
    {
        const auto check = [](const std::optional<Error> &error, const QString &path, const QString &expected) {
            QVERIFY(error);
            QCOMPARE(error->detail, path);
            QVERIFY2(error->message.endsWith(QStringLiteral("(expected %1).").arg(expected)),
                     qPrintable(error->message));
        };
        // Fractions and non-numeric text are not whole numbers.
        check(errorOf(parseDepartmentList(with(departmentListSample(), QStringLiteral("department[1].id"), 2.5))),
              QStringLiteral("department[1].id"), QStringLiteral("a whole number"));
        check(errorOf(parseDepartmentList(
                  with(departmentListSample(), QStringLiteral("department[0].order"), QStringLiteral("ten")))),
              QStringLiteral("department[0].order"), QStringLiteral("a whole number"));
        // A list where an object was expected, and an element of the wrong type.
        check(errorOf(parseDepartmentGet(with(departmentGetSample(), QStringLiteral("department"), QJsonArray{}))),
              QStringLiteral("department"), QStringLiteral("an object"));
        check(errorOf(parseUserList(with(userListSample(), QStringLiteral("userlist"), QJsonObject{}))),
              QStringLiteral("userlist"), QStringLiteral("a list"));
        check(errorOf(parseUserList(with(userListSample(), QStringLiteral("userlist[0].department[1]"), true))),
              QStringLiteral("userlist[0].department[1]"), QStringLiteral("a whole number"));
        check(errorOf(parseFollowUserList(with(followUserListSample(), QStringLiteral("follow_user[1]"), 7))),
              QStringLiteral("follow_user[1]"), QStringLiteral("text"));
        // Optional members are checked too: a wrong type is a misunderstanding, not an absence.
        check(errorOf(parseCorpTagList(with(corpTagListSample(), QStringLiteral("tag_group[0].tag[1].deleted"), 2))),
              QStringLiteral("tag_group[0].tag[1].deleted"), QStringLiteral("true or false"));
        check(errorOf(parseExternalContactGet(
                  with(externalContactGetSample(), QStringLiteral("external_contact.external_profile"), 1))),
              QStringLiteral("external_contact.external_profile"), QStringLiteral("an object"));
        check(errorOf(parseUserListId(with(userListIdSample(), QStringLiteral("next_cursor"), 5))),
              QStringLiteral("next_cursor"), QStringLiteral("text"));
        check(errorOf(parseUserGet(with(userGetSample(), QStringLiteral("status"), 5000000000.0))),
              QStringLiteral("status"), QStringLiteral("a whole number"));
    }

    void errorsNeverQuoteValues()
    {
        // A mobile number of the wrong type: the error names where, never what.
        const auto error =
            errorOf(parseUserList(with(userListSample(), QStringLiteral("userlist[0].mobile"), 13800000000.0)));
        QVERIFY(error);
        QCOMPARE(error->detail, QStringLiteral("userlist[0].mobile"));
        const QString all = error->message + error->detail + error->hint;
        QVERIFY2(!all.contains(QStringLiteral("13800000000")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("1.38e+10")), qPrintable(all));
        const auto email = errorOf(parseUserList(
            with(userListSample(), QStringLiteral("userlist[0].email"), QJsonArray{QStringLiteral("a@b.example")})));
        QVERIFY(email);
        QVERIFY(!QString(email->message + email->detail + email->hint).contains(QStringLiteral("a@b.example")));
    }

    void theFirstProblemIsReported()
    {
        QJsonObject body = without(departmentListSample(), QStringLiteral("department[1].name"));
        body = without(body, QStringLiteral("department[3].id"));
        const auto error = errorOf(parseDepartmentList(body));
        QVERIFY(error);
        QCOMPARE(error->detail, QStringLiteral("department[1].name"));
    }

    // ---- The sandbox's answers
    // ----------------------------------------------------------------------------------------

    void sandboxDepartmentsAndStaff()
    {
        const auto corp = sandboxCorp();
        const auto departments = parseDepartmentList(
            sandboxPage("department", corp->departments(), [](sb::JsonWriter &json, const sb::Department &d) {
                sb::SandboxCorp::writeDepartment(json, d);
            }));
        QVERIFY2(departments.ok(), qPrintable(describe(departments)));
        QList<Department> expectedDepartments;
        for (const sb::Department &d : corp->departments()) {
            expectedDepartments.append(expectedDepartment(d));
        }
        QCOMPARE(*departments, expectedDepartments);

        const auto users =
            parseUserList(sandboxPage("userlist", corp->staff(), [&corp](sb::JsonWriter &json, const sb::Staff &s) {
                corp->writeStaff(json, s, false);
            }));
        QVERIFY2(users.ok(), qPrintable(describe(users)));
        QList<User> expectedUsers;
        for (const sb::Staff &s : corp->staff()) {
            expectedUsers.append(expectedUser(s));
        }
        QCOMPARE(users->size(), expectedUsers.size());
        for (qsizetype i = 0; i < users->size(); ++i) {
            QCOMPARE(users->at(i), expectedUsers.at(i));
        }

        // user/get: the member's fields next to errcode and errmsg.
        const sb::Staff &someone = corp->staff().at(corp->staff().size() / 2);
        sb::JsonWriter member;
        corp->writeStaff(member, someone, false);
        QJsonObject body = parseJson(member.take());
        body.insert(QStringLiteral("errcode"), 0);
        body.insert(QStringLiteral("errmsg"), QStringLiteral("ok"));
        const auto one = parseUserGet(body);
        QVERIFY2(one.ok(), qPrintable(describe(one)));
        QCOMPARE(*one, expectedUser(someone));
    }

    void sandboxCustomers()
    {
        const auto corp = sandboxCorp();
        std::map<std::string, FollowTag> tagsById;
        for (const sb::CorpTagGroup &group : corp->tagGroups()) {
            for (const sb::CorpTag &tag : group.tags) {
                tagsById[tag.id] = FollowTag{q(group.groupName), q(tag.name), 1, q(tag.id)};
            }
        }

        int withTags = 0;
        for (const sb::ExternalContact &contact : corp->contacts()) {
            sb::JsonWriter json;
            json.beginObject().field("errcode", 0).field("errmsg", "ok").key("external_contact");
            sb::SandboxCorp::writeContact(json, contact);
            json.key("follow_user").beginArray();
            for (const sb::FollowInfo &follow : contact.follows) {
                corp->writeFollowUser(json, follow);
            }
            json.endArray().endObject();
            const auto detail = parseExternalContactGet(parseJson(json.take()));
            QVERIFY2(detail.ok(), qPrintable(describe(detail)));
            QVERIFY(!detail->contact.avatar.isEmpty());
            QCOMPARE(detail->contact, expectedContact(contact, detail->contact.avatar));
            QCOMPARE(detail->followUsers.size(), qsizetype(contact.follows.size()));
            for (std::size_t i = 0; i < contact.follows.size(); ++i) {
                FollowInfo expected = expectedFollow(contact.follows[i]);
                for (const std::string &tagId : contact.follows[i].tagIds) {
                    if (const auto found = tagsById.find(tagId); found != tagsById.end()) {
                        expected.tags.append(found->second);
                    }
                }
                withTags += expected.tags.isEmpty() ? 0 : 1;
                QCOMPARE(detail->followUsers.at(qsizetype(i)), expected);
            }
        }
        QVERIFY(withTags > 0);

        // batch/get_by_user: one element per (customer, follower) pair, tag ids only.
        std::vector<std::pair<const sb::ExternalContact *, const sb::FollowInfo *>> pairs;
        for (const sb::ExternalContact &contact : corp->contacts()) {
            for (const sb::FollowInfo &follow : contact.follows) {
                pairs.emplace_back(&contact, &follow);
            }
        }
        const auto page =
            parseBatchGetByUser(sandboxPage("external_contact_list", pairs, [](sb::JsonWriter &json, const auto &pair) {
                json.beginObject().key("external_contact");
                sb::SandboxCorp::writeContact(json, *pair.first);
                json.key("follow_info");
                sb::SandboxCorp::writeFollowInfo(json, *pair.second);
                json.endObject();
            }));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->items.size(), qsizetype(pairs.size()));
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const ContactFollow &item = page->items.at(qsizetype(i));
            FollowInfo expected = expectedFollow(*pairs[i].second);
            expected.tagIds = q(pairs[i].second->tagIds);
            QCOMPARE(item.contact, expectedContact(*pairs[i].first, item.contact.avatar));
            QCOMPARE(item.followInfo, expected);
        }
    }

    void sandboxTagsAndGroupChats()
    {
        const auto corp = sandboxCorp();
        const auto groups = parseCorpTagList(
            sandboxPage("tag_group", corp->tagGroups(), [](sb::JsonWriter &json, const sb::CorpTagGroup &group) {
                sb::SandboxCorp::writeTagGroup(json, group);
            }));
        QVERIFY2(groups.ok(), qPrintable(describe(groups)));
        QList<CorpTagGroup> expectedGroups;
        for (const sb::CorpTagGroup &group : corp->tagGroups()) {
            CorpTagGroup expected{q(group.groupId), q(group.groupName), group.createTime, group.order, false, {}};
            for (const sb::CorpTag &tag : group.tags) {
                expected.tags.append(CorpTag{q(tag.id), q(tag.name), tag.createTime, tag.order, false});
            }
            expectedGroups.append(expected);
        }
        QCOMPARE(*groups, expectedGroups);

        QVERIFY(!corp->groupChats().empty());
        for (const sb::GroupChat &chat : corp->groupChats()) {
            sb::JsonWriter json;
            json.beginObject().field("errcode", 0).field("errmsg", "ok").key("group_chat");
            corp->writeGroupChat(json, chat, true, true);
            json.endObject();
            const auto parsed = parseGroupChatGet(parseJson(json.take()));
            QVERIFY2(parsed.ok(), qPrintable(describe(parsed)));
            GroupChat expected{q(chat.chatId), q(chat.name), q(chat.owner), chat.createTime,
                               q(chat.notice), {},           q(chat.admins)};
            for (const sb::GroupChatMember &member : chat.members) {
                QString name;
                if (const sb::Staff *staff = member.type == 1 ? corp->staffMember(member.userid) : nullptr) {
                    name = q(staff->name);
                } else if (const sb::ExternalContact *contact = corp->contact(member.userid)) {
                    name = q(contact->name);
                }
                expected.members.append(GroupChatMember{
                    q(member.userid), member.type, member.joinTime, member.joinScene, q(member.invitor), {}, name, {}});
            }
            QCOMPARE(*parsed, expected);
        }
    }

    // ---- Request bodies
    // ------------------------------------------------------------------------------------------------

    void userListIdBodyClampsTheLimit()
    {
        QCOMPARE(userListIdBody(), QByteArray(R"({"limit":10000})"));
        QCOMPARE(userListIdBody(QStringLiteral("c1"), 500), QByteArray(R"({"cursor":"c1","limit":500})"));
        QCOMPARE(userListIdBody({}, 0), QByteArray(R"({"limit":1})"));
        QCOMPARE(userListIdBody({}, -3), QByteArray(R"({"limit":1})"));
        QCOMPARE(userListIdBody({}, 20000), QByteArray(R"({"limit":10000})"));
    }

    void batchGetByUserBodyChecksAndClamps()
    {
        const QStringList two{QStringLiteral("zhangsan"), QStringLiteral("lisi")};
        QCOMPARE(*batchGetByUserBody(two), QByteArray(R"({"limit":100,"userid_list":["zhangsan","lisi"]})"));
        QCOMPARE(*batchGetByUserBody(two, QStringLiteral("c"), 500),
                 QByteArray(R"({"cursor":"c","limit":100,"userid_list":["zhangsan","lisi"]})"));
        QCOMPARE(*batchGetByUserBody(two, {}, 0), QByteArray(R"({"limit":1,"userid_list":["zhangsan","lisi"]})"));
        QCOMPARE(*batchGetByUserBody(two, {}, 50), QByteArray(R"({"limit":50,"userid_list":["zhangsan","lisi"]})"));

        QStringList hundred;
        for (int i = 0; i < 100; ++i) {
            hundred.append(QStringLiteral("u%1").arg(i));
        }
        QVERIFY(batchGetByUserBody(hundred).ok());
        const auto tooMany = batchGetByUserBody(hundred + QStringList{QStringLiteral("u100")});
        QVERIFY(!tooMany.ok());
        QCOMPARE(tooMany.error().code, ErrorCode::InvalidInput);
        QCOMPARE(tooMany.error().field, QStringLiteral("userid_list"));
        QVERIFY(tooMany.error().message.contains(QStringLiteral("101")));
        QCOMPARE(batchGetByUserBody({}).error().field, QStringLiteral("userid_list"));
        QCOMPARE(batchGetByUserBody({QStringLiteral("a"), QString()}).error().field, QStringLiteral("userid_list"));
    }

    void corpTagListBodyFiltersByOneKind()
    {
        QCOMPARE(*corpTagListBody(), QByteArray("{}"));
        QCOMPARE(*corpTagListBody({QStringLiteral("et1"), QStringLiteral("et2")}),
                 QByteArray(R"({"tag_id":["et1","et2"]})"));
        QCOMPARE(*corpTagListBody({}, {QStringLiteral("g1")}), QByteArray(R"({"group_id":["g1"]})"));
        const auto both = corpTagListBody({QStringLiteral("et1")}, {QStringLiteral("g1")});
        QVERIFY(!both.ok());
        QCOMPARE(both.error().code, ErrorCode::InvalidInput);
        QCOMPARE(corpTagListBody({QString()}).error().field, QStringLiteral("tag_id"));
        QCOMPARE(corpTagListBody({}, {QString()}).error().field, QStringLiteral("group_id"));
    }

    void groupChatBodies()
    {
        QCOMPARE(*groupChatListBody(), QByteArray(R"({"limit":1000,"status_filter":0})"));
        QCOMPARE(*groupChatListBody(1, {QStringLiteral("abel")}, QStringLiteral("c"), 10),
                 QByteArray(R"({"cursor":"c","limit":10,"owner_filter":{"userid_list":["abel"]},"status_filter":1})"));
        QCOMPARE(*groupChatListBody(0, {}, {}, 0), QByteArray(R"({"limit":1,"status_filter":0})"));
        QCOMPARE(*groupChatListBody(3, {}, {}, 5000), QByteArray(R"({"limit":1000,"status_filter":3})"));
        QCOMPARE(groupChatListBody(4).error().field, QStringLiteral("status_filter"));
        QCOMPARE(groupChatListBody(-1).error().field, QStringLiteral("status_filter"));
        QStringList owners;
        for (int i = 0; i <= GroupChatListMaxOwners; ++i) {
            owners.append(QStringLiteral("o%1").arg(i));
        }
        QCOMPARE(groupChatListBody(0, owners).error().field, QStringLiteral("owner_filter"));
        owners.removeLast();
        QVERIFY(groupChatListBody(0, owners).ok());
        QCOMPARE(groupChatListBody(0, {QString()}).error().field, QStringLiteral("owner_filter"));

        QCOMPARE(*groupChatGetBody(QStringLiteral("wr1")), QByteArray(R"({"chat_id":"wr1","need_name":1})"));
        QCOMPARE(*groupChatGetBody(QStringLiteral("wr1"), false), QByteArray(R"({"chat_id":"wr1","need_name":0})"));
        QCOMPARE(groupChatGetBody({}).error().field, QStringLiteral("chat_id"));
    }

    void messageSendTextBodyChecksEverything()
    {
        TextMessage message;
        message.toUsers = {QStringLiteral("UserID1"), QStringLiteral("UserID2")};
        message.toParties = {2, 3};
        message.toTags = {7};
        message.agentId = 1000002;
        message.content = QStringLiteral("你的快递已到");
        QCOMPARE(*messageSendTextBody(message),
                 QByteArray(R"({"agentid":1000002,"msgtype":"text","safe":0,"text":{"content":"你的快递已到"},)"
                            R"("toparty":"2|3","totag":"7","touser":"UserID1|UserID2"})"));
        TextMessage all;
        all.toUsers = {QStringLiteral("@all")};
        all.agentId = 5;
        all.content = QStringLiteral("hi");
        all.safe = true;
        QCOMPARE(*messageSendTextBody(all),
                 QByteArray(R"({"agentid":5,"msgtype":"text","safe":1,"text":{"content":"hi"},"touser":"@all"})"));

        // 2048 bytes of UTF-8 pass, one more does not (a Chinese character takes three).
        TextMessage limit = all;
        limit.content = QString(2048, QLatin1Char('a'));
        QVERIFY(messageSendTextBody(limit).ok());
        limit.content = QString(682, QChar(0x4E2D)) + QStringLiteral("ab");
        QVERIFY(messageSendTextBody(limit).ok());
        limit.content += QLatin1Char('c');
        QCOMPARE(messageSendTextBody(limit).error().field, QStringLiteral("content"));

        const auto fieldOf = [&all](const std::function<void(TextMessage &)> &change) {
            TextMessage changed = all;
            change(changed);
            const auto body = messageSendTextBody(changed);
            return body.ok() ? QString() : body.error().field;
        };
        QCOMPARE(fieldOf([](TextMessage &m) { m.toUsers.clear(); }), QStringLiteral("touser"));
        QCOMPARE(fieldOf([](TextMessage &m) { m.toUsers = {QStringLiteral("a|b")}; }), QStringLiteral("touser"));
        QCOMPARE(fieldOf([](TextMessage &m) { m.toUsers = {QStringLiteral(" ")}; }), QStringLiteral("touser"));
        QCOMPARE(fieldOf([](TextMessage &m) { m.toUsers.append(QStringLiteral("lisi")); }), QStringLiteral("touser"));
        QCOMPARE(fieldOf([](TextMessage &m) {
                     m.toUsers.clear();
                     for (int i = 0; i <= MessageMaxUsers; ++i) {
                         m.toUsers.append(QStringLiteral("u%1").arg(i));
                     }
                 }),
                 QStringLiteral("touser"));
        QCOMPARE(fieldOf([](TextMessage &m) { m.toParties = QList<qint64>(MessageMaxParties + 1, 2); }),
                 QStringLiteral("toparty"));
        QCOMPARE(fieldOf([](TextMessage &m) { m.toParties = {0}; }), QStringLiteral("toparty"));
        QCOMPARE(fieldOf([](TextMessage &m) { m.toTags = QList<qint64>(MessageMaxTags + 1, 1); }),
                 QStringLiteral("totag"));
        QCOMPARE(fieldOf([](TextMessage &m) { m.toTags = {-1}; }), QStringLiteral("totag"));
        QCOMPARE(fieldOf([](TextMessage &m) { m.agentId = 0; }), QStringLiteral("agentid"));
        QCOMPARE(fieldOf([](TextMessage &m) { m.content.clear(); }), QStringLiteral("content"));
        // Parties or tags alone are recipients enough.
        QCOMPARE(fieldOf([](TextMessage &m) {
                     m.toUsers.clear();
                     m.toTags = {1};
                 }),
                 QString());
    }

    // ---- Translation -----------------------------------------------------------------------------------------------

    void textsAreTranslated()
    {
        MarkingTranslator translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const auto parseError =
            errorOf(parseDepartmentList(without(departmentListSample(), QStringLiteral("department[3].id"))));
        const auto typeError =
            errorOf(parseDepartmentList(with(departmentListSample(), QStringLiteral("department[3].id"), true)));
        const auto inputError = batchGetByUserBody({});
        const QString label = secretDisplayName(SecretKind::Customer);
        QCoreApplication::removeTranslator(&translator);

        const QString marker = MarkingTranslator::marker();
        QVERIFY(parseError && typeError);
        QVERIFY2(parseError->message.startsWith(marker), qPrintable(parseError->message));
        QVERIFY2(parseError->hint.startsWith(marker), qPrintable(parseError->hint));
        QVERIFY2(typeError->message.startsWith(marker), qPrintable(typeError->message));
        QCOMPARE(typeError->message.count(marker), 2); // the expected type is translated as well
        QVERIFY(inputError.error().message.startsWith(marker));
        QVERIFY(label.startsWith(marker)); // the service type's own label
        QVERIFY(!secretDisplayName(SecretKind::Customer).startsWith(marker));
    }
};

QTEST_GUILESS_MAIN(TestWeComModels)
#include "tst_wecommodels.moc"
