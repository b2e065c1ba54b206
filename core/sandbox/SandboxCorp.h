#pragma once

#include "sandbox/JsonWriter.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ic::sandbox {

/// One department (WeCom `department/list` element). The root department has id 1 and parentId 0.
struct Department {
    std::int64_t id = 0;
    std::string name;
    std::string nameEn;
    std::int64_t parentId = 0;
    std::int64_t order = 0;
    std::vector<std::string> leaders; ///< userids (department_leader)
};

/// One member of staff (WeCom `user/get`). `departments`, `orderInDepartments` and `isLeaderInDepartments` are
/// parallel arrays.
struct Staff {
    std::string userid;
    std::string openUserid;
    std::string name;
    std::string englishName;
    std::string alias;
    std::string position;
    std::string gender = "0"; ///< "0" undefined, "1" male, "2" female: a string, as WeCom sends it.
    int status = 1;           ///< 1 active, 2 disabled, 4 not activated, 5 left the company
    std::string mobile;
    std::string email;
    std::string bizMail;
    std::string telephone;
    std::string avatar;
    std::string address;
    std::vector<std::int64_t> departments;
    std::vector<std::int64_t> orderInDepartments;
    std::vector<int> isLeaderInDepartments;
    std::int64_t mainDepartment = 0;
    std::vector<std::string> directLeaders;
    bool hasCustomerContact = false; ///< Listed by externalcontact/get_follow_user_list.
};

struct CorpTag {
    std::string id;
    std::string name;
    std::int64_t createTime = 0;
    std::int64_t order = 0;
};

struct CorpTagGroup {
    std::string groupId;
    std::string groupName;
    std::int64_t createTime = 0;
    std::int64_t order = 0;
    std::vector<CorpTag> tags;
};

/// One staff member's relation to a customer (WeCom `follow_info` / one `follow_user` element).
struct FollowInfo {
    std::string userid;
    std::string remark;
    std::string description;
    std::int64_t createtime = 0;     ///< Unix seconds: when the staff member added the customer.
    std::vector<std::string> tagIds; ///< Corp tags (type 1) on this relation.
    std::string remarkCorpName;
    std::vector<std::string> remarkMobiles;
    std::string operUserid;
    int addWay = 0;
    std::string state; ///< The 「联系我」 channel state; empty when none.
};

/// An external contact (客户) with every staff member who follows them.
struct ExternalContact {
    std::string externalUserid;
    std::string name;
    int type = 1; ///< 1 WeChat user, 2 WeCom user (corp fields only for type 2)
    std::string avatar;
    int gender = 0;                  ///< 0/1/2, an int here (unlike Staff)
    std::string unionid;             ///< type 1 only
    std::string position;            ///< type 2 only
    std::string corpName;            ///< type 2 only
    std::string corpFullName;        ///< type 2 only
    std::vector<FollowInfo> follows; ///< At least one.
};

struct GroupChatMember {
    std::string userid; ///< staff userid or external_userid
    int type = 1;       ///< 1 staff, 2 external contact
    std::int64_t joinTime = 0;
    int joinScene = 1;
    std::string invitor;
};

struct GroupChat {
    std::string chatId;
    std::string name;
    std::string owner;
    std::int64_t createTime = 0;
    std::string notice;
    int status = 0;
    std::vector<GroupChatMember> members;
    std::vector<std::string> admins;
};

/// A change one revision round made, for callbacks and for tests. `event` is WeCom's callback Event
/// (change_contact / change_external_contact), `changeType` its ChangeType (create_party, update_party,
/// delete_party, create_user, update_user, delete_user, add_external_contact, edit_external_contact,
/// del_external_contact, del_follow_user, ...; tag changes are change_external_tag create/update/delete with
/// `tagType` "tag" or "tag_group").
struct ChangeEvent {
    std::string event;
    std::string changeType;
    std::string userid;            ///< staff userid, or the follower for external-contact events
    std::string externalUserid;    ///< external-contact events
    std::int64_t departmentId = 0; ///< party events
    std::string tagId;             ///< tag events
    std::string tagType;           ///< "tag" or "tag_group"
};

/// How big a corp to generate and from which seed. Everything is a pure function of these numbers.
struct CorpSpec {
    std::uint64_t seed = 1;
    int departments = 12;
    int staff = 60;
    int contacts = 300;
    int tagGroups = 4;
    int tagsPerGroup = 5;
    int groupChats = 10;
};

/// Sandbox-only credentials derived from the seed; never real secrets.
struct CorpCredentials {
    std::string corpId; ///< "ww" + 16 hex
    std::int64_t agentId = 1000002;
    std::string appSecret;      ///< 43 chars
    std::string contactsSecret; ///< 43 chars
    std::string customerSecret; ///< 43 chars
    std::string callbackToken;  ///< 32 letters/digits
    std::string encodingAesKey; ///< 43 chars [A-Za-z0-9]
};

/// The simulated corp: a deterministic department tree several levels deep, staff in one or more departments
/// with leaders, external contacts followed by one to several staff (the same customer under several followers),
/// corp tag groups and tags attached per follow relation, group chats, realistic Chinese and English names.
///
/// Revision N is the corp after N deterministic rounds of changes (created, updated, moved and deleted
/// departments, staff, contacts, follow relations and tags), so the same (spec, revision) always gives the same
/// corp. Not thread-safe: the server guards it with a reader/writer lock.
///
/// The app secret sees only the app's visible range (可见范围): a deterministic part of the tree (about two
/// thirds of the departments), so the connection test has something real to report.
class SandboxCorp {
public:
    /// Revision 0 of the corp described by `spec`. 100,000 contacts in well under 3 s; a 1,000,000-contact corp
    /// in well under 1 GiB.
    static std::unique_ptr<SandboxCorp> generate(const CorpSpec &spec);
    /// A corp from explicit data (for tests of the server); revision 0. It has no spec to draw changes from, so
    /// advance() returns no changes and only counts the revision up. `appVisibleDepartments` lists the roots of the
    /// app's visible range (each with its whole subtree).
    static std::unique_ptr<SandboxCorp> fromData(CorpCredentials credentials, std::vector<Department> departments,
                                                 std::vector<Staff> staff, std::vector<ExternalContact> contacts,
                                                 std::vector<CorpTagGroup> tagGroups, std::vector<GroupChat> groupChats,
                                                 std::vector<std::int64_t> appVisibleDepartments);

    const CorpSpec &spec() const { return m_spec; }
    int revision() const { return m_revision; }
    const CorpCredentials &credentials() const { return m_credentials; }

    /// Applies the next round of changes and returns what it changed.
    std::vector<ChangeEvent> advance();
    /// Advances to `revision` (regenerating from revision 0 if it is behind the current one). Returns the changes
    /// of every round applied, in order.
    std::vector<ChangeEvent> advanceTo(int revision);

    // Reading. Pointers stay valid until the next advance.
    const std::vector<Department> &departments() const { return m_departments; }
    const Department *department(std::int64_t id) const;
    /// `id` and all departments below it, parents before children.
    std::vector<std::int64_t> subtree(std::int64_t id) const;
    const std::vector<Staff> &staff() const { return m_staff; }
    const Staff *staffMember(const std::string &userid) const;
    /// Staff whose `departments` contain `departmentId`, in a stable order.
    std::vector<const Staff *> staffInDepartment(std::int64_t departmentId) const;
    /// Userids with the customer-contact feature, sorted.
    std::vector<std::string> followUsers() const;
    const std::vector<ExternalContact> &contacts() const { return m_contacts; }
    const ExternalContact *contact(const std::string &externalUserid) const;
    /// The (contact index, follow index) pairs of every customer `userid` follows, in a stable order.
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> &followedBy(const std::string &userid) const;
    const std::vector<CorpTagGroup> &tagGroups() const { return m_tagGroups; }
    const std::vector<GroupChat> &groupChats() const { return m_groupChats; }
    const GroupChat *groupChat(const std::string &chatId) const;

    /// The app secret's visible range.
    bool departmentVisibleToApp(std::int64_t id) const;
    bool staffVisibleToApp(const Staff &staff) const;

    /// The ground truth at the current revision. JSON lines: one object per line with a "kind" of "corp" (first
    /// line: revision, spec, counts), "department", "staff", "tag_group" (with its tags), "contact" (with its
    /// follow_user array including tag ids) and "group_chat", each in WeCom's field names and in a stable order.
    /// With `jsonLines` false, one JSON object {"corp": ..., "departments": [...], ...}.
    void dump(std::ostream &out, bool jsonLines = true) const;

    // Serialisation in WeCom's shapes, shared by the server and the dump.
    static void writeDepartment(JsonWriter &json, const Department &department);
    /// `visibleOnly`: list only departments the app may see (app token).
    void writeStaff(JsonWriter &json, const Staff &staff, bool visibleOnly) const;
    /// The `external_contact` object.
    static void writeContact(JsonWriter &json, const ExternalContact &contact);
    /// One `follow_user` element of externalcontact/get (tags with group_name, tag_name, tag_id, type).
    void writeFollowUser(JsonWriter &json, const FollowInfo &follow) const;
    /// The `follow_info` object of batch/get_by_user (tag_id array).
    static void writeFollowInfo(JsonWriter &json, const FollowInfo &follow);
    /// One `tag_group` element of get_corp_tag_list (with its `tag` array).
    /// A `tag_group` element of get_corp_tag_list; `includeTag` (optional) filters its tags.
    static void writeTagGroup(JsonWriter &json, const CorpTagGroup &group,
                              const std::function<bool(const CorpTag &)> &includeTag = {});
    /// The `group_chat` object of groupchat/get.
    /// A group chat. `forApi`: the groupchat/get shape (group_nickname, no status), with member names when
    /// `withNames` (need_name=1); otherwise the ground-truth shape (with status).
    void writeGroupChat(JsonWriter &json, const GroupChat &chat, bool forApi = false, bool withNames = false) const;

private:
    friend class CorpBuilder; // generation and revision rounds (CorpGenerator.cpp, CorpRevision.cpp)

    SandboxCorp() = default;
    void rebuildIndexes();
    void rebuildDepartmentIndex();
    void rebuildStaffIndex();
    void rebuildContactIndex();
    /// Index into m_contacts, or npos.
    std::size_t findContact(std::string_view externalUserid) const;
    static void writeDepartmentFields(JsonWriter &json, const Department &department);
    void writeStaffFields(JsonWriter &json, const Staff &staff, bool visibleOnly) const;
    static void writeContactFields(JsonWriter &json, const ExternalContact &contact);

    CorpSpec m_spec;
    int m_revision = 0;
    bool m_generated = false;
    CorpCredentials m_credentials;
    std::vector<Department> m_departments;
    std::vector<Staff> m_staff;
    std::vector<ExternalContact> m_contacts;
    std::vector<CorpTagGroup> m_tagGroups;
    std::vector<GroupChat> m_groupChats;
    std::vector<std::int64_t> m_appVisibleDepartments;
    std::int64_t m_nextDepartmentId = 1;
    std::uint64_t m_nextSerial = 0; ///< Feeds the unique part of every generated id.
    std::string m_mailDomain;

    // Indexes, rebuilt after every change.
    std::unordered_map<std::int64_t, std::size_t> m_departmentIndex;
    std::unordered_map<std::string, std::size_t> m_staffIndex;
    /// Open-addressing table of contact index + 1 (0 = empty), keyed by the external userid's hash: a million
    /// contacts cost 8 MiB here instead of ~120 MiB in a node-based map.
    std::vector<std::uint32_t> m_contactSlots;
    std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, std::uint32_t>>> m_followedBy;
    std::unordered_map<std::string, std::size_t> m_groupChatIndex;
    std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> m_tagIndex; ///< tag id -> (group, tag)
    std::unordered_map<std::int64_t, std::vector<std::size_t>> m_staffByDepartment;
    std::unordered_map<std::int64_t, std::vector<std::int64_t>> m_children; ///< in id order
    std::unordered_map<std::int64_t, bool> m_visible;
};

} // namespace ic::sandbox
