#pragma once

// The network-free layer of the WeCom connector: the secret kinds, the API table, typed records for what the
// endpoints answer, parsers for their successful bodies and builders for their POST bodies. Field names and
// types follow reference/wecom-api.md §3-§5; comments name the JSON field where the C++ name differs.

#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ic::connectors::wecom {

// ---- Secret kinds ---------------------------------------------------------------------------------------------

/// The three application secrets a WeCom service configuration holds (wecom-api.md §1). Each has its own access
/// token and its own permissions.
enum class SecretKind {
    App,      ///< A self-built app (自建应用): its visible range (可见范围) only; the one that sends messages.
    Contacts, ///< The contacts-sync assistant (通讯录同步): the whole organisation; the only one for user/list_id.
    Customer, ///< Customer contact (客户联系), or a self-built app listed under 可调用接口的应用.
};

/// All kinds, in the order above.
QList<SecretKind> secretKinds();
/// The service configuration field that holds the secret: "corp_secret", "contacts_secret", "customer_secret"
/// (WeComServiceType.cpp).
QString secretFieldKey(SecretKind kind);
/// A stable, machine-readable name: "app", "contacts", "customer" (for command lines, logs and cache keys).
QString secretKindName(SecretKind kind);
/// The inverse of secretKindName(); std::nullopt for any other text (case-sensitive).
std::optional<SecretKind> secretKindFromName(QStringView name);
/// The translated label of the secret's configuration field ("App secret", "Contacts sync secret", "Customer
/// contact secret"), taken from the service type so that both always agree.
QString secretDisplayName(SecretKind kind);
/// Where the administrator finds the secret in the WeCom admin console (translated; the field's hint).
QString secretWhereToFind(SecretKind kind);

// ---- The API table --------------------------------------------------------------------------------------------

/// WeCom API paths below /cgi-bin/.
namespace api {
inline constexpr QLatin1StringView GetToken{"gettoken"};
inline constexpr QLatin1StringView DepartmentList{"department/list"};
inline constexpr QLatin1StringView DepartmentSimpleList{"department/simplelist"};
inline constexpr QLatin1StringView DepartmentGet{"department/get"};
inline constexpr QLatin1StringView UserSimpleList{"user/simplelist"};
inline constexpr QLatin1StringView UserList{"user/list"};
inline constexpr QLatin1StringView UserGet{"user/get"};
inline constexpr QLatin1StringView UserListId{"user/list_id"};
inline constexpr QLatin1StringView FollowUserList{"externalcontact/get_follow_user_list"};
inline constexpr QLatin1StringView ExternalContactList{"externalcontact/list"};
inline constexpr QLatin1StringView ExternalContactGet{"externalcontact/get"};
inline constexpr QLatin1StringView BatchGetByUser{"externalcontact/batch/get_by_user"};
inline constexpr QLatin1StringView CorpTagList{"externalcontact/get_corp_tag_list"};
inline constexpr QLatin1StringView GroupChatList{"externalcontact/groupchat/list"};
inline constexpr QLatin1StringView GroupChatGet{"externalcontact/groupchat/get"};
inline constexpr QLatin1StringView MessageSend{"message/send"};
} // namespace api

enum class HttpMethod { Get, Post };

/// What an API reads or does; it decides the conditions under which a listed secret kind may call it.
enum class ApiArea {
    Token,    ///< gettoken: takes a secret instead of a token.
    Contacts, ///< department/*, user/*: the contacts-sync secret sees everything, the app secret its visible range.
    Customer, ///< externalcontact/*: the customer-contact secret, or an app secret once the app is listed under
              ///< 客户联系 > 可调用接口的应用 (since 2023-12-01 new corps must use such an app).
    Message,  ///< message/send: the app secret of the sending app only.
};

/// One WeCom API the connector calls, with the secret kinds that may call it (wecom-api.md §1, §3.7, §4, §5).
struct Endpoint {
    QLatin1StringView path; ///< Below /cgi-bin/, e.g. "user/list_id".
    HttpMethod method;
    ApiArea area;
    QList<SecretKind> secrets; ///< The kinds that may call it, the preferred one first (the widest view).
};

/// Every API in `api`, in that order.
const QList<Endpoint> &endpoints();
/// The API path of a path or URL: drops scheme, host, a leading "/cgi-bin/", the query and the fragment, so
/// "https://qyapi.weixin.qq.com/cgi-bin/user/get?access_token=...&userid=x" gives "user/get". Nothing after '?'
/// survives, so a token or secret in a query never reaches a message built from the result.
QString endpointPath(const QString &pathOrUrl);
/// The table row of a path or URL (normalised with endpointPath()), or nullptr for an API not in the table.
const Endpoint *findEndpoint(const QString &pathOrUrl);
/// Whether `kind` is listed for the API (under the conditions of its area). False for an unknown API.
bool mayCall(SecretKind kind, const QString &pathOrUrl);
/// The preferred kind among `configured` that may call the API, or std::nullopt when none may (or the API is
/// unknown).
std::optional<SecretKind> chooseSecret(const QString &pathOrUrl, const QList<SecretKind> &configured);

// ---- Records ---------------------------------------------------------------------------------------------------
//
// Plain values. Integers WeCom documents as numbers are qint64 (ids, orders, times) or int (enumerations);
// strings that are absent are empty; lists that are absent are empty. Fields marked "raw" are kept as the JSON
// WeCom sent, for storage and display, because their inner shape varies by type and changes over time.

/// A department (department/list element, department/get `department`).
struct Department {
    qint64 id = 0;
    QString name;
    QString nameEn;                ///< name_en
    qint64 parentId = 0;           ///< parentid; 0 for the root department (id 1)
    qint64 order = 0;              ///< Larger sorts first, in [0, 2^32).
    QStringList departmentLeaders; ///< department_leader: userids
    friend bool operator==(const Department &, const Department &) = default;
};

/// A department/simplelist element (its array is `department_id`).
struct DepartmentBrief {
    qint64 id = 0;
    qint64 parentId = 0; ///< parentid
    qint64 order = 0;
    friend bool operator==(const DepartmentBrief &, const DepartmentBrief &) = default;
};

/// A user/simplelist element.
struct UserBrief {
    QString userid;
    QString name;
    QList<qint64> departments; ///< department
    QString openUserid;        ///< open_userid: third-party apps only
    friend bool operator==(const UserBrief &, const UserBrief &) = default;
};

/// A member (user/list element; user/get's top-level object). Since 2022-06-20 apps other than the contacts-sync
/// assistant, and self-built apps created after that date, no longer receive avatar, gender, mobile, email,
/// biz_mail and address: those then stay empty (wecom-api.md §3.5).
struct User {
    QString userid;
    QString name;
    QList<qint64> departments; ///< department: only those the token may see
    QList<qint64> orders;      ///< order: parallel to `departments` as WeCom sends it (not checked)
    QString position;
    QString mobile;
    int gender = 0; ///< 0 undefined, 1 male, 2 female; WeCom sends a string ("1") here, accepted in both forms
    QString email;
    QString bizMail;           ///< biz_mail
    QList<int> isLeaderInDept; ///< is_leader_in_dept: 0/1, parallel to `departments` (not checked)
    QStringList directLeaders; ///< direct_leader: userids, up to five
    QString avatar;
    QString telephone;
    QString alias;
    int status = 0; ///< 1 active, 2 disabled, 4 not activated, 5 left the company; 0 = not sent
    QString address;
    QString openUserid;          ///< open_userid
    qint64 mainDepartment = 0;   ///< main_department; 0 when not sent (the token may not see it)
    QString externalPosition;    ///< external_position
    QString englishName;         ///< english_name
    QJsonObject extAttr;         ///< extattr, raw
    QJsonObject externalProfile; ///< external_profile, raw
    friend bool operator==(const User &, const User &) = default;
};

/// One user/list_id row: a member in one department (a member in three departments gives three rows).
struct UserDepartment {
    QString userid;
    qint64 department = 0;
    friend bool operator==(const UserDepartment &, const UserDepartment &) = default;
};

/// A user/list_id page.
struct UserIdPage {
    QList<UserDepartment> deptUsers; ///< dept_user
    QString nextCursor;              ///< next_cursor; empty on the last page
    friend bool operator==(const UserIdPage &, const UserIdPage &) = default;
};

/// An external contact (客户): externalcontact/get's and batch/get_by_user's `external_contact`.
struct ExternalContact {
    QString externalUserid; ///< external_userid
    QString name;
    QString position; ///< type 2 only
    QString avatar;
    QString corpName;            ///< corp_name: type 2 only
    QString corpFullName;        ///< corp_full_name: type 2 only
    int type = 0;                ///< 1 WeChat user, 2 WeCom user; 0 = not sent
    int gender = 0;              ///< 0/1/2 (an int here, unlike User)
    QString unionid;             ///< type 1 only, when the corp bound a WeChat developer account
    QJsonObject externalProfile; ///< external_profile, raw: type 2 only
    friend bool operator==(const ExternalContact &, const ExternalContact &) = default;
};

/// A tag on a follow relation as externalcontact/get lists it.
struct FollowTag {
    QString groupName; ///< group_name
    QString tagName;   ///< tag_name
    int type = 0;      ///< 1 corp tag, 2 the member's own tag, 3 rule-group tag
    QString tagId;     ///< tag_id: not sent for type 2
    friend bool operator==(const FollowTag &, const FollowTag &) = default;
};

/// A member's relation to a customer: externalcontact/get's `follow_user` element (tags in `tags`) or
/// batch/get_by_user's `follow_info` (tag ids in `tagIds`; WeCom sends no tag names there).
struct FollowInfo {
    QString userid;
    QString remark;
    QString description;
    qint64 createTime = 0;      ///< createtime: unix seconds when the member added the customer
    QStringList tagIds;         ///< tag_id (batch/get_by_user)
    QList<FollowTag> tags;      ///< tags (externalcontact/get)
    QString remarkCorpName;     ///< remark_corp_name
    QStringList remarkMobiles;  ///< remark_mobiles
    QString operUserid;         ///< oper_userid: a userid, an external_userid, or the sharing member/admin
    int addWay = 0;             ///< add_way (0 unknown, 1 QR code, ... 10 WeChat Channels, 201, 202); stored as sent
    QString state;              ///< The 「联系我」 channel state
    QJsonObject wechatChannels; ///< wechat_channels, raw: only for add_way 10
    friend bool operator==(const FollowInfo &, const FollowInfo &) = default;
};

/// externalcontact/get: one customer with (a page of) its followers.
struct ExternalContactDetail {
    ExternalContact contact;       ///< external_contact
    QList<FollowInfo> followUsers; ///< follow_user: at most 500 per call
    QString nextCursor;            ///< next_cursor: sent only when more followers remain
    friend bool operator==(const ExternalContactDetail &, const ExternalContactDetail &) = default;
};

/// One batch/get_by_user element: one (customer, follower) pair. A customer followed by two of the listed members
/// appears twice; the relation's key is (contact.externalUserid, followInfo.userid).
struct ContactFollow {
    ExternalContact contact; ///< external_contact
    FollowInfo followInfo;   ///< follow_info
    friend bool operator==(const ContactFollow &, const ContactFollow &) = default;
};

/// A batch/get_by_user page.
struct ContactFollowPage {
    QList<ContactFollow> items; ///< external_contact_list
    QString nextCursor;         ///< next_cursor; empty or absent on the last page
    friend bool operator==(const ContactFollowPage &, const ContactFollowPage &) = default;
};

/// A corp tag (get_corp_tag_list `tag` element).
struct CorpTag {
    QString id;
    QString name;
    qint64 createTime = 0; ///< create_time
    qint64 order = 0;
    bool deleted = false;
    friend bool operator==(const CorpTag &, const CorpTag &) = default;
};

/// A corp tag group (get_corp_tag_list `tag_group` element).
struct CorpTagGroup {
    QString groupId;   ///< group_id
    QString groupName; ///< group_name
    qint64 createTime = 0;
    qint64 order = 0;
    bool deleted = false;
    QList<CorpTag> tags; ///< tag
    friend bool operator==(const CorpTagGroup &, const CorpTagGroup &) = default;
};

/// A groupchat/list element.
struct GroupChatBrief {
    QString chatId; ///< chat_id
    int status = 0; ///< 0 normal, 1 owner resigned, 2 being inherited, 3 inherited
    friend bool operator==(const GroupChatBrief &, const GroupChatBrief &) = default;
};

/// A groupchat/list page.
struct GroupChatPage {
    QList<GroupChatBrief> chats; ///< group_chat_list
    QString nextCursor;          ///< next_cursor; empty or absent on the last page
    friend bool operator==(const GroupChatPage &, const GroupChatPage &) = default;
};

/// A group chat member (groupchat/get `member_list` element).
struct GroupChatMember {
    QString userid;        ///< A member's userid or a customer's external_userid, by `type`
    int type = 0;          ///< 1 member, 2 external contact
    qint64 joinTime = 0;   ///< join_time
    int joinScene = 0;     ///< join_scene: 1 invited directly, 2 invited by link, 3 QR code
    QString invitor;       ///< invitor.userid
    QString groupNickname; ///< group_nickname
    QString name;          ///< only with need_name
    QString unionid;       ///< external WeChat users only
    friend bool operator==(const GroupChatMember &, const GroupChatMember &) = default;
};

/// A group chat (groupchat/get `group_chat`).
struct GroupChat {
    QString chatId; ///< chat_id
    QString name;
    QString owner; ///< The owner's userid
    qint64 createTime = 0;
    QString notice;
    QList<GroupChatMember> members; ///< member_list
    QStringList admins;             ///< admin_list[].userid
    friend bool operator==(const GroupChat &, const GroupChat &) = default;
};

/// message/send's answer. The recipient lists are WeCom's '|'-separated strings split (userids lower-cased by
/// WeCom).
struct MessageSendResult {
    QStringList invalidUsers;    ///< invaliduser
    QStringList invalidParties;  ///< invalidparty
    QStringList invalidTags;     ///< invalidtag
    QStringList unlicensedUsers; ///< unlicenseduser
    QString msgid;               ///< For recalling the message
    QString responseCode;        ///< response_code: interactive template cards only
    friend bool operator==(const MessageSendResult &, const MessageSendResult &) = default;
};

// ---- Parsers -----------------------------------------------------------------------------------------------------
//
// Each reads the body of a successful answer: the caller has checked errcode first; errcode and errmsg are not
// looked at here. Tolerant: unknown members are ignored; an optional member may be absent or null. Strict: a required
// member that is absent or null, and any member of the wrong type, is an ErrorCode::Provider error whose message
// names the API and the JSON path ("WeCom's answer to department/list lacks the required field
// department[3].id") and whose `detail` is the path alone. A wrongly typed optional member fails too rather than
// being dropped: storing a default would silently overwrite good data on the next sync. Errors never contain
// the values of the body (they may be mobile numbers or e-mail addresses).
//
// Types: integers are accepted as JSON numbers (whole) and as strings of digits (WeCom sends user `gender` as
// "1"; the same tolerance applies to every integer, ids, order and times included); booleans as true/false or
// 0/1; strings only as strings; lists must be arrays, records objects.
//
// Required members: the identities and names a sync keys and shows rows by, the links between rows (parentid, a
// member's departments, a chat's owner), and each answer's list itself, because an absent list read as an empty
// one would make a sync mark everything deleted. Everything else is optional:
//   department/list        department; each: id, name, parentid
//   department/simplelist  department_id; each: id, parentid
//   department/get         department; its id, name, parentid
//   user/simplelist        userlist; each: userid, name, department
//   user/list              userlist; each: userid, name, department
//   user/get               userid, name, department
//   user/list_id           dept_user; each: userid, department
//   get_follow_user_list   follow_user
//   externalcontact/list   external_userid
//   externalcontact/get    external_contact (external_userid, name), follow_user (each: userid; each tag's
//                          tag_name)
//   batch/get_by_user      external_contact_list; each: external_contact (external_userid, name), follow_info
//                          (userid)
//   get_corp_tag_list      tag_group; each: group_id, group_name, and each tag's id and name
//   groupchat/list         group_chat_list; each: chat_id
//   groupchat/get          group_chat; its chat_id, owner, member_list (each: userid); each admin's userid
//   message/send           nothing

Result<QList<Department>> parseDepartmentList(const QJsonObject &body);
Result<QList<DepartmentBrief>> parseDepartmentSimpleList(const QJsonObject &body);
Result<Department> parseDepartmentGet(const QJsonObject &body);
Result<QList<UserBrief>> parseUserSimpleList(const QJsonObject &body);
Result<QList<User>> parseUserList(const QJsonObject &body);
/// user/get: the member's fields sit next to errcode/errmsg.
Result<User> parseUserGet(const QJsonObject &body);
Result<UserIdPage> parseUserListId(const QJsonObject &body);
/// externalcontact/get_follow_user_list: the userids of members with the customer-contact feature.
Result<QStringList> parseFollowUserList(const QJsonObject &body);
/// externalcontact/list: the member's customers' external_userids. (A member with no customers answers errcode
/// 84061 instead: see isNoCustomers() in WeComErrors.h.)
Result<QStringList> parseExternalContactList(const QJsonObject &body);
Result<ExternalContactDetail> parseExternalContactGet(const QJsonObject &body);
Result<ContactFollowPage> parseBatchGetByUser(const QJsonObject &body);
Result<QList<CorpTagGroup>> parseCorpTagList(const QJsonObject &body);
Result<GroupChatPage> parseGroupChatList(const QJsonObject &body);
Result<GroupChat> parseGroupChatGet(const QJsonObject &body);
Result<MessageSendResult> parseMessageSend(const QJsonObject &body);

// ---- Request bodies ----------------------------------------------------------------------------------------------
//
// Compact JSON for the POST APIs. Page sizes are clamped into WeCom's range (a page size is the program's choice,
// not the user's); anything else WeCom would refuse is an InvalidInput error (Error::invalid with `field` the
// JSON member) before a call is spent on it. An empty cursor is left out (the first page).

inline constexpr int UserListIdMaxLimit = 10000;    ///< user/list_id limit: 1..10000
inline constexpr int BatchGetByUserMaxUsers = 100;  ///< batch/get_by_user userid_list: at most 100
inline constexpr int BatchGetByUserMaxLimit = 100;  ///< batch/get_by_user limit: 1..100 (WeCom's default 50)
inline constexpr int GroupChatListMaxLimit = 1000;  ///< groupchat/list limit: 1..1000
inline constexpr int GroupChatListMaxOwners = 100;  ///< groupchat/list owner_filter.userid_list: at most 100
inline constexpr int MessageMaxUsers = 1000;        ///< message/send touser: at most 1000
inline constexpr int MessageMaxParties = 100;       ///< message/send toparty: at most 100
inline constexpr int MessageMaxTags = 100;          ///< message/send totag: at most 100
inline constexpr int MessageMaxContentBytes = 2048; ///< message/send text.content: UTF-8 bytes (45002 above)

/// user/list_id {"cursor", "limit"}; `limit` clamped to 1..10000.
QByteArray userListIdBody(const QString &cursor = {}, int limit = UserListIdMaxLimit);

/// batch/get_by_user {"userid_list", "cursor", "limit"}; `limit` clamped to 1..100. Fails for no userids, more
/// than 100, or an empty one.
Result<QByteArray> batchGetByUserBody(const QStringList &userids, const QString &cursor = {},
                                      int limit = BatchGetByUserMaxLimit);

/// get_corp_tag_list {"tag_id", "group_id"}: with neither, every tag ("{}"). Fails for an empty id, and when both
/// are given (WeCom would ignore tag_id silently).
Result<QByteArray> corpTagListBody(const QStringList &tagIds = {}, const QStringList &groupIds = {});

/// groupchat/list {"status_filter", "owner_filter": {"userid_list"}, "cursor", "limit"}; `limit` clamped to
/// 1..1000. `statusFilter`: 0 all, 1 owner resigned, 2 being inherited, 3 inherited. Fails for another status
/// filter, more than 100 owners or an empty owner. owner_filter is left out without owners (WeCom then answers
/// 81017 for apps that see more than 1000 people).
Result<QByteArray> groupChatListBody(int statusFilter = 0, const QStringList &ownerUserids = {},
                                     const QString &cursor = {}, int limit = GroupChatListMaxLimit);

/// groupchat/get {"chat_id", "need_name"}. Fails for an empty chat id.
Result<QByteArray> groupChatGetBody(const QString &chatId, bool needName = true);

/// A text message for message/send.
struct TextMessage {
    QStringList toUsers;     ///< userids, or just "@all" (everyone the app sees; parties and tags are then ignored)
    QList<qint64> toParties; ///< department ids
    QList<qint64> toTags;    ///< staff tag ids
    qint64 agentId = 0;      ///< The sending app's AgentId; its app secret must make the call
    QString content;         ///< At most 2048 bytes of UTF-8
    bool safe = false;       ///< 保密消息: no forwarding, watermarked
};

/// message/send {"touser", "toparty", "totag", "msgtype": "text", "agentid", "text": {"content"}, "safe"}; empty
/// recipient lists are left out. Fails for: no recipient; more than 1000 users, 100 parties or 100 tags; an empty
/// userid or one containing '|'; "@all" together with other users; a party or tag id below 1; an agent id below 1;
/// empty content or more than 2048 bytes.
Result<QByteArray> messageSendTextBody(const TextMessage &message);

} // namespace ic::connectors::wecom
