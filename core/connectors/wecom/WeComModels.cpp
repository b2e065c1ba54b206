#include "WeComModels.h"

#include "WeComServiceType.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <limits>
#include <utility>

namespace ic::connectors::wecom {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::wecom::WeComModels)
};

// ---- Secret kinds ----------------------------------------------------------------------------------------------

struct SecretKindInfo {
    SecretKind kind;
    QLatin1StringView name;
    QLatin1StringView fieldKey;
};

constexpr SecretKindInfo kSecretKinds[] = {
    {SecretKind::App, QLatin1StringView("app"), QLatin1StringView("corp_secret")},
    {SecretKind::Contacts, QLatin1StringView("contacts"), QLatin1StringView("contacts_secret")},
    {SecretKind::Customer, QLatin1StringView("customer"), QLatin1StringView("customer_secret")},
};

const SecretKindInfo &infoOf(SecretKind kind)
{
    for (const SecretKindInfo &info : kSecretKinds) {
        if (info.kind == kind) {
            return info;
        }
    }
    Q_UNREACHABLE();
}

// ---- Reading JSON ------------------------------------------------------------------------------------------------

enum class Need { Optional, Required };

/// The JSON type a member was expected to have, for the error message.
enum class Expected { Text, Integer, Boolean, List, Object };

QString expectedName(Expected expected)
{
    switch (expected) {
    case Expected::Text:
        return Tr::tr("text");
    case Expected::Integer:
        return Tr::tr("a whole number");
    case Expected::Boolean:
        return Tr::tr("true or false");
    case Expected::List:
        return Tr::tr("a list");
    case Expected::Object:
        return Tr::tr("an object");
    }
    return {};
}

/// A whole number, given as a JSON number or as a string of digits.
std::optional<qint64> asInteger(const QJsonValue &value)
{
    if (value.isDouble()) {
        const qint64 integer = value.toInteger(0);
        if (integer == 0 && value.toDouble() != 0.0) {
            return std::nullopt; // a fraction, or out of qint64's range
        }
        return integer;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 integer = value.toString().toLongLong(&ok);
        return ok ? std::optional<qint64>(integer) : std::nullopt;
    }
    return std::nullopt;
}

/// The state of one parse: the API's name for messages, and the first problem found. Reading goes on after a
/// problem (the values read then are defaults) so that the record-building code needs no early exits.
class Parse {
public:
    explicit Parse(QLatin1StringView endpoint)
        : m_endpoint(endpoint)
    {}

    void missing(const QString &path)
    {
        fail(Tr::tr("WeCom's answer to %1 lacks the required field %2.").arg(m_endpoint, path), path);
    }
    void wrongType(const QString &path, Expected expected)
    {
        fail(Tr::tr("WeCom's answer to %1 has a value of the wrong type in %2 (expected %3).")
                 .arg(m_endpoint, path, expectedName(expected)),
             path);
    }
    template<typename T>
    Result<T> finish(T value) const
    {
        if (m_error) {
            return *m_error;
        }
        return value;
    }

private:
    void fail(const QString &message, const QString &path)
    {
        if (!m_error) {
            m_error = Error::make(ErrorCode::Provider, message, path,
                                  Tr::tr("WeCom may have changed this API, or something between this computer "
                                         "and WeCom altered the answer (check the API base URL). Report it with "
                                         "the detail."));
        }
    }

    QLatin1StringView m_endpoint;
    std::optional<Error> m_error;
};

/// A JSON object at a path of the answer. Each accessor reads one member, records a problem with `parse` when the
/// member is missing (and required) or of the wrong type, and returns the value or a default.
class Node {
public:
    Node(Parse &parse, QJsonObject object, QString path)
        : m_parse(&parse)
        , m_object(std::move(object))
        , m_path(std::move(path))
    {}

    QString text(QLatin1StringView key, Need need = Need::Optional) const
    {
        const QJsonValue value = member(key, need);
        if (isAbsent(value)) {
            return {};
        }
        if (!value.isString()) {
            m_parse->wrongType(pathOf(key), Expected::Text);
            return {};
        }
        return value.toString();
    }

    qint64 integer(QLatin1StringView key, Need need = Need::Optional) const
    {
        const QJsonValue value = member(key, need);
        if (isAbsent(value)) {
            return 0;
        }
        const auto integer = asInteger(value);
        if (!integer) {
            m_parse->wrongType(pathOf(key), Expected::Integer);
            return 0;
        }
        return *integer;
    }

    /// An enumeration-like integer (type, status, gender): must fit an int.
    int small(QLatin1StringView key, Need need = Need::Optional) const
    {
        const qint64 value = integer(key, need);
        if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
            m_parse->wrongType(pathOf(key), Expected::Integer);
            return 0;
        }
        return int(value);
    }

    bool boolean(QLatin1StringView key) const
    {
        const QJsonValue value = member(key, Need::Optional);
        if (isAbsent(value)) {
            return false;
        }
        if (value.isBool()) {
            return value.toBool();
        }
        const auto integer = asInteger(value);
        if (!integer || (*integer != 0 && *integer != 1)) {
            m_parse->wrongType(pathOf(key), Expected::Boolean);
            return false;
        }
        return *integer == 1;
    }

    QStringList texts(QLatin1StringView key, Need need = Need::Optional) const
    {
        QStringList out;
        forEachElement(key, need, [&](const QJsonValue &element, const QString &path) {
            if (!element.isString()) {
                m_parse->wrongType(path, Expected::Text);
                return;
            }
            out.append(element.toString());
        });
        return out;
    }

    template<typename Int = qint64>
    QList<Int> integers(QLatin1StringView key, Need need = Need::Optional) const
    {
        QList<Int> out;
        forEachElement(key, need, [&](const QJsonValue &element, const QString &path) {
            const auto integer = asInteger(element);
            if (!integer || *integer < std::numeric_limits<Int>::min() || *integer > std::numeric_limits<Int>::max()) {
                m_parse->wrongType(path, Expected::Integer);
                return;
            }
            out.append(Int(*integer));
        });
        return out;
    }

    /// An object kept as it is.
    QJsonObject raw(QLatin1StringView key) const
    {
        const QJsonValue value = member(key, Need::Optional);
        if (isAbsent(value)) {
            return {};
        }
        if (!value.isObject()) {
            m_parse->wrongType(pathOf(key), Expected::Object);
            return {};
        }
        return value.toObject();
    }

    /// A nested object; an empty node (whose reads give defaults) when it is absent or wrong.
    Node object(QLatin1StringView key, Need need = Need::Optional) const
    {
        const QJsonValue value = member(key, need);
        if (!isAbsent(value) && !value.isObject()) {
            m_parse->wrongType(pathOf(key), Expected::Object);
        }
        return Node(*m_parse, value.toObject(), pathOf(key));
    }

    /// A list of objects, each turned into a T by `read(Node)`.
    template<typename Read>
    auto records(QLatin1StringView key, Need need, Read read) const
    {
        QList<decltype(read(std::declval<const Node &>()))> out;
        forEachElement(key, need, [&](const QJsonValue &element, const QString &path) {
            if (!element.isObject()) {
                m_parse->wrongType(path, Expected::Object);
                return;
            }
            out.append(read(Node(*m_parse, element.toObject(), path)));
        });
        return out;
    }

private:
    static bool isAbsent(const QJsonValue &value) { return value.isUndefined() || value.isNull(); }

    QString pathOf(QLatin1StringView key) const
    {
        return m_path.isEmpty() ? QString(key) : m_path + QLatin1Char('.') + key;
    }

    QJsonValue member(QLatin1StringView key, Need need) const
    {
        const QJsonValue value = m_object.value(key);
        if (need == Need::Required && isAbsent(value)) {
            m_parse->missing(pathOf(key));
        }
        return value;
    }

    template<typename Visit>
    void forEachElement(QLatin1StringView key, Need need, Visit visit) const
    {
        const QJsonValue value = member(key, need);
        if (isAbsent(value)) {
            return;
        }
        if (!value.isArray()) {
            m_parse->wrongType(pathOf(key), Expected::List);
            return;
        }
        const QJsonArray array = value.toArray();
        const QString path = pathOf(key);
        for (qsizetype i = 0; i < array.size(); ++i) {
            visit(array.at(i), path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'));
        }
    }

    Parse *m_parse;
    QJsonObject m_object;
    QString m_path;
};

constexpr auto Required = Need::Required;

// ---- Records -----------------------------------------------------------------------------------------------------

Department readDepartment(const Node &node)
{
    Department d;
    d.id = node.integer(QLatin1StringView("id"), Required);
    d.name = node.text(QLatin1StringView("name"), Required);
    d.nameEn = node.text(QLatin1StringView("name_en"));
    d.parentId = node.integer(QLatin1StringView("parentid"), Required);
    d.order = node.integer(QLatin1StringView("order"));
    d.departmentLeaders = node.texts(QLatin1StringView("department_leader"));
    return d;
}

DepartmentBrief readDepartmentBrief(const Node &node)
{
    DepartmentBrief d;
    d.id = node.integer(QLatin1StringView("id"), Required);
    d.parentId = node.integer(QLatin1StringView("parentid"), Required);
    d.order = node.integer(QLatin1StringView("order"));
    return d;
}

UserBrief readUserBrief(const Node &node)
{
    UserBrief u;
    u.userid = node.text(QLatin1StringView("userid"), Required);
    u.name = node.text(QLatin1StringView("name"), Required);
    u.departments = node.integers(QLatin1StringView("department"), Required);
    u.openUserid = node.text(QLatin1StringView("open_userid"));
    return u;
}

User readUser(const Node &node)
{
    User u;
    u.userid = node.text(QLatin1StringView("userid"), Required);
    u.name = node.text(QLatin1StringView("name"), Required);
    u.departments = node.integers(QLatin1StringView("department"), Required);
    u.orders = node.integers(QLatin1StringView("order"));
    u.position = node.text(QLatin1StringView("position"));
    u.mobile = node.text(QLatin1StringView("mobile"));
    u.gender = node.small(QLatin1StringView("gender"));
    u.email = node.text(QLatin1StringView("email"));
    u.bizMail = node.text(QLatin1StringView("biz_mail"));
    u.isLeaderInDept = node.integers<int>(QLatin1StringView("is_leader_in_dept"));
    u.directLeaders = node.texts(QLatin1StringView("direct_leader"));
    u.avatar = node.text(QLatin1StringView("avatar"));
    u.telephone = node.text(QLatin1StringView("telephone"));
    u.alias = node.text(QLatin1StringView("alias"));
    u.status = node.small(QLatin1StringView("status"));
    u.address = node.text(QLatin1StringView("address"));
    u.openUserid = node.text(QLatin1StringView("open_userid"));
    u.mainDepartment = node.integer(QLatin1StringView("main_department"));
    u.externalPosition = node.text(QLatin1StringView("external_position"));
    u.englishName = node.text(QLatin1StringView("english_name"));
    u.extAttr = node.raw(QLatin1StringView("extattr"));
    u.externalProfile = node.raw(QLatin1StringView("external_profile"));
    return u;
}

UserDepartment readUserDepartment(const Node &node)
{
    return UserDepartment{node.text(QLatin1StringView("userid"), Required),
                          node.integer(QLatin1StringView("department"), Required)};
}

ExternalContact readExternalContact(const Node &node)
{
    ExternalContact c;
    c.externalUserid = node.text(QLatin1StringView("external_userid"), Required);
    c.name = node.text(QLatin1StringView("name"), Required);
    c.position = node.text(QLatin1StringView("position"));
    c.avatar = node.text(QLatin1StringView("avatar"));
    c.corpName = node.text(QLatin1StringView("corp_name"));
    c.corpFullName = node.text(QLatin1StringView("corp_full_name"));
    c.type = node.small(QLatin1StringView("type"));
    c.gender = node.small(QLatin1StringView("gender"));
    c.unionid = node.text(QLatin1StringView("unionid"));
    c.externalProfile = node.raw(QLatin1StringView("external_profile"));
    return c;
}

FollowTag readFollowTag(const Node &node)
{
    FollowTag t;
    t.groupName = node.text(QLatin1StringView("group_name"));
    t.tagName = node.text(QLatin1StringView("tag_name"), Required);
    t.type = node.small(QLatin1StringView("type"));
    t.tagId = node.text(QLatin1StringView("tag_id"));
    return t;
}

FollowInfo readFollowInfo(const Node &node)
{
    FollowInfo f;
    f.userid = node.text(QLatin1StringView("userid"), Required);
    f.remark = node.text(QLatin1StringView("remark"));
    f.description = node.text(QLatin1StringView("description"));
    f.createTime = node.integer(QLatin1StringView("createtime"));
    f.tagIds = node.texts(QLatin1StringView("tag_id"));
    f.tags = node.records(QLatin1StringView("tags"), Need::Optional, readFollowTag);
    f.remarkCorpName = node.text(QLatin1StringView("remark_corp_name"));
    f.remarkMobiles = node.texts(QLatin1StringView("remark_mobiles"));
    f.operUserid = node.text(QLatin1StringView("oper_userid"));
    f.addWay = node.small(QLatin1StringView("add_way"));
    f.state = node.text(QLatin1StringView("state"));
    f.wechatChannels = node.raw(QLatin1StringView("wechat_channels"));
    return f;
}

CorpTag readCorpTag(const Node &node)
{
    CorpTag t;
    t.id = node.text(QLatin1StringView("id"), Required);
    t.name = node.text(QLatin1StringView("name"), Required);
    t.createTime = node.integer(QLatin1StringView("create_time"));
    t.order = node.integer(QLatin1StringView("order"));
    t.deleted = node.boolean(QLatin1StringView("deleted"));
    return t;
}

CorpTagGroup readCorpTagGroup(const Node &node)
{
    CorpTagGroup g;
    g.groupId = node.text(QLatin1StringView("group_id"), Required);
    g.groupName = node.text(QLatin1StringView("group_name"), Required);
    g.createTime = node.integer(QLatin1StringView("create_time"));
    g.order = node.integer(QLatin1StringView("order"));
    g.deleted = node.boolean(QLatin1StringView("deleted"));
    g.tags = node.records(QLatin1StringView("tag"), Need::Optional, readCorpTag);
    return g;
}

GroupChatBrief readGroupChatBrief(const Node &node)
{
    return GroupChatBrief{node.text(QLatin1StringView("chat_id"), Required), node.small(QLatin1StringView("status"))};
}

GroupChatMember readGroupChatMember(const Node &node)
{
    GroupChatMember m;
    m.userid = node.text(QLatin1StringView("userid"), Required);
    m.type = node.small(QLatin1StringView("type"));
    m.joinTime = node.integer(QLatin1StringView("join_time"));
    m.joinScene = node.small(QLatin1StringView("join_scene"));
    m.invitor = node.object(QLatin1StringView("invitor")).text(QLatin1StringView("userid"));
    m.groupNickname = node.text(QLatin1StringView("group_nickname"));
    m.name = node.text(QLatin1StringView("name"));
    m.unionid = node.text(QLatin1StringView("unionid"));
    return m;
}

GroupChat readGroupChat(const Node &node)
{
    GroupChat c;
    c.chatId = node.text(QLatin1StringView("chat_id"), Required);
    c.name = node.text(QLatin1StringView("name"));
    c.owner = node.text(QLatin1StringView("owner"), Required);
    c.createTime = node.integer(QLatin1StringView("create_time"));
    c.notice = node.text(QLatin1StringView("notice"));
    c.members = node.records(QLatin1StringView("member_list"), Required, readGroupChatMember);
    c.admins = node.records(QLatin1StringView("admin_list"), Need::Optional,
                            [](const Node &admin) { return admin.text(QLatin1StringView("userid"), Required); });
    return c;
}

/// WeCom's "a|b|c" recipient lists.
QStringList splitBars(const QString &text)
{
    QStringList out;
    for (const QString &item : text.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty()) {
            out.append(trimmed);
        }
    }
    return out;
}

// ---- Request bodies ----------------------------------------------------------------------------------------------

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// The index of the first empty string in `items`, or -1.
qsizetype firstEmpty(const QStringList &items)
{
    const auto it = std::find_if(items.cbegin(), items.cend(), [](const QString &item) { return item.isEmpty(); });
    return it == items.cend() ? -1 : qsizetype(it - items.cbegin());
}

} // namespace

// ---- Secret kinds --------------------------------------------------------------------------------------------------

QList<SecretKind> secretKinds()
{
    return {SecretKind::App, SecretKind::Contacts, SecretKind::Customer};
}

QString secretFieldKey(SecretKind kind)
{
    return infoOf(kind).fieldKey;
}

QString secretKindName(SecretKind kind)
{
    return infoOf(kind).name;
}

std::optional<SecretKind> secretKindFromName(QStringView name)
{
    for (const SecretKindInfo &info : kSecretKinds) {
        if (name == info.name) {
            return info.kind;
        }
    }
    return std::nullopt;
}

QString secretDisplayName(SecretKind kind)
{
    const services::ServiceType type = serviceType();
    const services::FieldSpec *field = type.field(secretFieldKey(kind));
    Q_ASSERT(field);
    return field->label;
}

QString secretWhereToFind(SecretKind kind)
{
    const services::ServiceType type = serviceType();
    const services::FieldSpec *field = type.field(secretFieldKey(kind));
    Q_ASSERT(field);
    return field->hint;
}

// ---- The API table -------------------------------------------------------------------------------------------------

const QList<Endpoint> &endpoints()
{
    using enum SecretKind;
    static const QList<Endpoint> table{
        {api::GetToken, HttpMethod::Get, ApiArea::Token, {App, Contacts, Customer}},
        {api::DepartmentList, HttpMethod::Get, ApiArea::Contacts, {Contacts, App}},
        {api::DepartmentSimpleList, HttpMethod::Get, ApiArea::Contacts, {Contacts, App}},
        {api::DepartmentGet, HttpMethod::Get, ApiArea::Contacts, {Contacts, App}},
        {api::UserSimpleList, HttpMethod::Get, ApiArea::Contacts, {Contacts, App}},
        {api::UserList, HttpMethod::Get, ApiArea::Contacts, {Contacts, App}},
        {api::UserGet, HttpMethod::Get, ApiArea::Contacts, {Contacts, App}},
        // Doc 96067: "仅支持通过“通讯录同步secret”调用".
        {api::UserListId, HttpMethod::Post, ApiArea::Contacts, {Contacts}},
        {api::FollowUserList, HttpMethod::Get, ApiArea::Customer, {Customer, App}},
        {api::ExternalContactList, HttpMethod::Get, ApiArea::Customer, {Customer, App}},
        {api::ExternalContactGet, HttpMethod::Get, ApiArea::Customer, {Customer, App}},
        {api::BatchGetByUser, HttpMethod::Post, ApiArea::Customer, {Customer, App}},
        {api::CorpTagList, HttpMethod::Post, ApiArea::Customer, {Customer, App}},
        {api::GroupChatList, HttpMethod::Post, ApiArea::Customer, {Customer, App}},
        {api::GroupChatGet, HttpMethod::Post, ApiArea::Customer, {Customer, App}},
        {api::MessageSend, HttpMethod::Post, ApiArea::Message, {App}},
    };
    return table;
}

QString endpointPath(const QString &pathOrUrl)
{
    QStringView path = pathOrUrl;
    if (const qsizetype cut = path.indexOf(QLatin1Char('?')); cut >= 0) {
        path = path.left(cut);
    }
    if (const qsizetype cut = path.indexOf(QLatin1Char('#')); cut >= 0) {
        path = path.left(cut);
    }
    if (const qsizetype scheme = path.indexOf(QLatin1StringView("://")); scheme >= 0) {
        const qsizetype slash = path.indexOf(QLatin1Char('/'), scheme + 3);
        path = slash >= 0 ? path.mid(slash) : QStringView();
    }
    static constexpr QLatin1StringView prefix("/cgi-bin/");
    if (const qsizetype at = path.indexOf(prefix); at >= 0) {
        path = path.mid(at + prefix.size());
    }
    while (path.startsWith(QLatin1Char('/'))) {
        path = path.mid(1);
    }
    return path.toString();
}

const Endpoint *findEndpoint(const QString &pathOrUrl)
{
    const QString path = endpointPath(pathOrUrl);
    const auto &table = endpoints();
    const auto it =
        std::find_if(table.cbegin(), table.cend(), [&path](const Endpoint &endpoint) { return path == endpoint.path; });
    return it == table.cend() ? nullptr : &*it;
}

bool mayCall(SecretKind kind, const QString &pathOrUrl)
{
    const Endpoint *endpoint = findEndpoint(pathOrUrl);
    return endpoint && endpoint->secrets.contains(kind);
}

std::optional<SecretKind> chooseSecret(const QString &pathOrUrl, const QList<SecretKind> &configured)
{
    const Endpoint *endpoint = findEndpoint(pathOrUrl);
    if (!endpoint) {
        return std::nullopt;
    }
    for (SecretKind kind : endpoint->secrets) {
        if (configured.contains(kind)) {
            return kind;
        }
    }
    return std::nullopt;
}

// ---- Parsers -------------------------------------------------------------------------------------------------------

Result<QList<Department>> parseDepartmentList(const QJsonObject &body)
{
    Parse parse(api::DepartmentList);
    const Node root(parse, body, {});
    return parse.finish(root.records(QLatin1StringView("department"), Required, readDepartment));
}

Result<QList<DepartmentBrief>> parseDepartmentSimpleList(const QJsonObject &body)
{
    Parse parse(api::DepartmentSimpleList);
    const Node root(parse, body, {});
    return parse.finish(root.records(QLatin1StringView("department_id"), Required, readDepartmentBrief));
}

Result<Department> parseDepartmentGet(const QJsonObject &body)
{
    Parse parse(api::DepartmentGet);
    const Node root(parse, body, {});
    return parse.finish(readDepartment(root.object(QLatin1StringView("department"), Required)));
}

Result<QList<UserBrief>> parseUserSimpleList(const QJsonObject &body)
{
    Parse parse(api::UserSimpleList);
    const Node root(parse, body, {});
    return parse.finish(root.records(QLatin1StringView("userlist"), Required, readUserBrief));
}

Result<QList<User>> parseUserList(const QJsonObject &body)
{
    Parse parse(api::UserList);
    const Node root(parse, body, {});
    return parse.finish(root.records(QLatin1StringView("userlist"), Required, readUser));
}

Result<User> parseUserGet(const QJsonObject &body)
{
    Parse parse(api::UserGet);
    return parse.finish(readUser(Node(parse, body, {})));
}

Result<UserIdPage> parseUserListId(const QJsonObject &body)
{
    Parse parse(api::UserListId);
    const Node root(parse, body, {});
    UserIdPage page;
    page.deptUsers = root.records(QLatin1StringView("dept_user"), Required, readUserDepartment);
    page.nextCursor = root.text(QLatin1StringView("next_cursor"));
    return parse.finish(std::move(page));
}

Result<QStringList> parseFollowUserList(const QJsonObject &body)
{
    Parse parse(api::FollowUserList);
    const Node root(parse, body, {});
    return parse.finish(root.texts(QLatin1StringView("follow_user"), Required));
}

Result<QStringList> parseExternalContactList(const QJsonObject &body)
{
    Parse parse(api::ExternalContactList);
    const Node root(parse, body, {});
    return parse.finish(root.texts(QLatin1StringView("external_userid"), Required));
}

Result<ExternalContactDetail> parseExternalContactGet(const QJsonObject &body)
{
    Parse parse(api::ExternalContactGet);
    const Node root(parse, body, {});
    ExternalContactDetail detail;
    detail.contact = readExternalContact(root.object(QLatin1StringView("external_contact"), Required));
    detail.followUsers = root.records(QLatin1StringView("follow_user"), Required, readFollowInfo);
    detail.nextCursor = root.text(QLatin1StringView("next_cursor"));
    return parse.finish(std::move(detail));
}

Result<ContactFollowPage> parseBatchGetByUser(const QJsonObject &body)
{
    Parse parse(api::BatchGetByUser);
    const Node root(parse, body, {});
    ContactFollowPage page;
    page.items = root.records(QLatin1StringView("external_contact_list"), Required, [](const Node &item) {
        return ContactFollow{readExternalContact(item.object(QLatin1StringView("external_contact"), Required)),
                             readFollowInfo(item.object(QLatin1StringView("follow_info"), Required))};
    });
    page.nextCursor = root.text(QLatin1StringView("next_cursor"));
    return parse.finish(std::move(page));
}

Result<QList<CorpTagGroup>> parseCorpTagList(const QJsonObject &body)
{
    Parse parse(api::CorpTagList);
    const Node root(parse, body, {});
    return parse.finish(root.records(QLatin1StringView("tag_group"), Required, readCorpTagGroup));
}

Result<GroupChatPage> parseGroupChatList(const QJsonObject &body)
{
    Parse parse(api::GroupChatList);
    const Node root(parse, body, {});
    GroupChatPage page;
    page.chats = root.records(QLatin1StringView("group_chat_list"), Required, readGroupChatBrief);
    page.nextCursor = root.text(QLatin1StringView("next_cursor"));
    return parse.finish(std::move(page));
}

Result<GroupChat> parseGroupChatGet(const QJsonObject &body)
{
    Parse parse(api::GroupChatGet);
    const Node root(parse, body, {});
    return parse.finish(readGroupChat(root.object(QLatin1StringView("group_chat"), Required)));
}

Result<MessageSendResult> parseMessageSend(const QJsonObject &body)
{
    Parse parse(api::MessageSend);
    const Node root(parse, body, {});
    MessageSendResult result;
    result.invalidUsers = splitBars(root.text(QLatin1StringView("invaliduser")));
    result.invalidParties = splitBars(root.text(QLatin1StringView("invalidparty")));
    result.invalidTags = splitBars(root.text(QLatin1StringView("invalidtag")));
    result.unlicensedUsers = splitBars(root.text(QLatin1StringView("unlicenseduser")));
    result.msgid = root.text(QLatin1StringView("msgid"));
    result.responseCode = root.text(QLatin1StringView("response_code"));
    return parse.finish(std::move(result));
}

// ---- Request bodies ------------------------------------------------------------------------------------------------

QByteArray userListIdBody(const QString &cursor, int limit)
{
    QJsonObject body{{QStringLiteral("limit"), std::clamp(limit, 1, UserListIdMaxLimit)}};
    if (!cursor.isEmpty()) {
        body.insert(QStringLiteral("cursor"), cursor);
    }
    return compact(body);
}

Result<QByteArray> batchGetByUserBody(const QStringList &userids, const QString &cursor, int limit)
{
    const QString field = QStringLiteral("userid_list");
    if (userids.isEmpty()) {
        return Error::invalid(field, Tr::tr("Name at least one member whose customers are to be read."));
    }
    if (userids.size() > BatchGetByUserMaxUsers) {
        return Error::invalid(field, Tr::tr("WeCom reads the customers of at most %1 members per call; %2 were given.")
                                         .arg(BatchGetByUserMaxUsers)
                                         .arg(userids.size()));
    }
    if (const qsizetype empty = firstEmpty(userids); empty >= 0) {
        return Error::invalid(field, Tr::tr("Member %1 of the list has an empty userid.").arg(empty + 1));
    }
    QJsonObject body{{field, QJsonArray::fromStringList(userids)},
                     {QStringLiteral("limit"), std::clamp(limit, 1, BatchGetByUserMaxLimit)}};
    if (!cursor.isEmpty()) {
        body.insert(QStringLiteral("cursor"), cursor);
    }
    return compact(body);
}

Result<QByteArray> corpTagListBody(const QStringList &tagIds, const QStringList &groupIds)
{
    if (!tagIds.isEmpty() && !groupIds.isEmpty()) {
        return Error::invalid(QStringLiteral("tag_id"),
                              Tr::tr("Filter corp tags by tag or by group, not both (WeCom ignores the tags when "
                                     "groups are given)."));
    }
    if (const qsizetype empty = firstEmpty(tagIds); empty >= 0) {
        return Error::invalid(QStringLiteral("tag_id"), Tr::tr("Tag %1 of the list has an empty id.").arg(empty + 1));
    }
    if (const qsizetype empty = firstEmpty(groupIds); empty >= 0) {
        return Error::invalid(QStringLiteral("group_id"),
                              Tr::tr("Tag group %1 of the list has an empty id.").arg(empty + 1));
    }
    QJsonObject body;
    if (!tagIds.isEmpty()) {
        body.insert(QStringLiteral("tag_id"), QJsonArray::fromStringList(tagIds));
    }
    if (!groupIds.isEmpty()) {
        body.insert(QStringLiteral("group_id"), QJsonArray::fromStringList(groupIds));
    }
    return compact(body);
}

Result<QByteArray> groupChatListBody(int statusFilter, const QStringList &ownerUserids, const QString &cursor,
                                     int limit)
{
    if (statusFilter < 0 || statusFilter > 3) {
        return Error::invalid(QStringLiteral("status_filter"),
                              Tr::tr("The group chat status filter must be 0 (all), 1 (owner resigned), 2 (being "
                                     "inherited) or 3 (inherited), not %1.")
                                  .arg(statusFilter));
    }
    const QString ownerField = QStringLiteral("owner_filter");
    if (ownerUserids.size() > GroupChatListMaxOwners) {
        return Error::invalid(ownerField, Tr::tr("WeCom filters group chats by at most %1 owners per call; %2 were "
                                                 "given.")
                                              .arg(GroupChatListMaxOwners)
                                              .arg(ownerUserids.size()));
    }
    if (const qsizetype empty = firstEmpty(ownerUserids); empty >= 0) {
        return Error::invalid(ownerField, Tr::tr("Owner %1 of the list has an empty userid.").arg(empty + 1));
    }
    QJsonObject body{{QStringLiteral("status_filter"), statusFilter},
                     {QStringLiteral("limit"), std::clamp(limit, 1, GroupChatListMaxLimit)}};
    if (!ownerUserids.isEmpty()) {
        body.insert(ownerField, QJsonObject{{QStringLiteral("userid_list"), QJsonArray::fromStringList(ownerUserids)}});
    }
    if (!cursor.isEmpty()) {
        body.insert(QStringLiteral("cursor"), cursor);
    }
    return compact(body);
}

Result<QByteArray> groupChatGetBody(const QString &chatId, bool needName)
{
    if (chatId.isEmpty()) {
        return Error::invalid(QStringLiteral("chat_id"), Tr::tr("Name the group chat to read."));
    }
    return compact(QJsonObject{{QStringLiteral("chat_id"), chatId}, {QStringLiteral("need_name"), needName ? 1 : 0}});
}

Result<QByteArray> messageSendTextBody(const TextMessage &message)
{
    const QString toUser = QStringLiteral("touser");
    const QString toParty = QStringLiteral("toparty");
    const QString toTag = QStringLiteral("totag");
    if (message.toUsers.isEmpty() && message.toParties.isEmpty() && message.toTags.isEmpty()) {
        return Error::invalid(toUser, Tr::tr("Name at least one recipient: a member, a department or a tag."));
    }
    if (message.toUsers.size() > MessageMaxUsers) {
        return Error::invalid(toUser, Tr::tr("WeCom sends one message to at most %1 members; %2 were given.")
                                          .arg(MessageMaxUsers)
                                          .arg(message.toUsers.size()));
    }
    if (message.toParties.size() > MessageMaxParties) {
        return Error::invalid(toParty, Tr::tr("WeCom sends one message to at most %1 departments; %2 were given.")
                                           .arg(MessageMaxParties)
                                           .arg(message.toParties.size()));
    }
    if (message.toTags.size() > MessageMaxTags) {
        return Error::invalid(toTag, Tr::tr("WeCom sends one message to at most %1 tags; %2 were given.")
                                         .arg(MessageMaxTags)
                                         .arg(message.toTags.size()));
    }
    const QString all = QStringLiteral("@all");
    if (message.toUsers.contains(all) && message.toUsers.size() > 1) {
        return Error::invalid(toUser, Tr::tr("\"@all\" already means everyone the app can see; name no other "
                                             "members with it."));
    }
    for (qsizetype i = 0; i < message.toUsers.size(); ++i) {
        const QString &userid = message.toUsers.at(i);
        if (userid.trimmed().isEmpty() || userid.contains(QLatin1Char('|'))) {
            return Error::invalid(toUser,
                                  Tr::tr("Recipient %1 is not a userid (empty, or containing '|').").arg(i + 1));
        }
    }
    const auto positive = [](qint64 id) { return id >= 1; };
    if (!std::all_of(message.toParties.cbegin(), message.toParties.cend(), positive)) {
        return Error::invalid(toParty, Tr::tr("Department ids start at 1."));
    }
    if (!std::all_of(message.toTags.cbegin(), message.toTags.cend(), positive)) {
        return Error::invalid(toTag, Tr::tr("Tag ids start at 1."));
    }
    if (message.agentId < 1) {
        return Error::invalid(QStringLiteral("agentid"),
                              Tr::tr("The Agent ID of the sending app is missing; it is a number from 1 up."));
    }
    if (message.content.isEmpty()) {
        return Error::invalid(QStringLiteral("content"), Tr::tr("The message text is empty."));
    }
    if (const qsizetype bytes = message.content.toUtf8().size(); bytes > MessageMaxContentBytes) {
        return Error::invalid(QStringLiteral("content"),
                              Tr::tr("The message text is %1 bytes long; WeCom accepts at most %2 bytes (UTF-8; a "
                                     "Chinese character takes three).")
                                  .arg(bytes)
                                  .arg(MessageMaxContentBytes));
    }

    const auto joinIds = [](const QList<qint64> &ids) {
        QStringList texts;
        texts.reserve(ids.size());
        for (qint64 id : ids) {
            texts.append(QString::number(id));
        }
        return texts.join(QLatin1Char('|'));
    };
    QJsonObject body{{QStringLiteral("msgtype"), QStringLiteral("text")},
                     {QStringLiteral("agentid"), message.agentId},
                     {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"), message.content}}},
                     {QStringLiteral("safe"), message.safe ? 1 : 0}};
    if (!message.toUsers.isEmpty()) {
        body.insert(toUser, message.toUsers.join(QLatin1Char('|')));
    }
    if (!message.toParties.isEmpty()) {
        body.insert(toParty, joinIds(message.toParties));
    }
    if (!message.toTags.isEmpty()) {
        body.insert(toTag, joinIds(message.toTags));
    }
    return compact(body);
}

} // namespace ic::connectors::wecom
