#include "sandbox/SandboxCorp.h"

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_set>

#include "sandbox/CorpBuilder.h"
#include "sandbox/CorpRandom.h"

namespace ic::sandbox {

namespace {

constexpr std::size_t kNoContact = static_cast<std::size_t>(-1);

/// Contacts carry no stored avatar (a million URLs would cost ~100 MiB); it is derived from the id instead, the
/// same way every time it is written.
std::string derivedAvatar(const ExternalContact &contact)
{
    char buffer[96];
    const std::uint64_t a = detail::hashText(contact.externalUserid);
    const std::uint64_t b = detail::hashText(std::string_view(contact.externalUserid).substr(2)) ^ a;
    std::snprintf(buffer, sizeof buffer, "%s%016llx%016llx/0",
                  contact.type == 2 ? "http://p.qlogo.cn/bizmail/" : "http://wx.qlogo.cn/mmhead/",
                  static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
    return buffer;
}

std::string thumbnailOf(const std::string &avatar)
{
    if (avatar.size() >= 2 && avatar.compare(avatar.size() - 2, 2, "/0") == 0) {
        return avatar.substr(0, avatar.size() - 1) + "100";
    }
    return avatar;
}

void writeTags(JsonWriter &json, const std::vector<std::string> &tagIds)
{
    json.stringArray("tag_id", tagIds);
}

} // namespace

std::unique_ptr<SandboxCorp> SandboxCorp::generate(const CorpSpec &spec)
{
    std::unique_ptr<SandboxCorp> corp(new SandboxCorp);
    corp->m_spec = spec;
    corp->m_generated = true;
    CorpBuilder::generate(*corp); // leaves the indexes built
    return corp;
}

std::unique_ptr<SandboxCorp> SandboxCorp::fromData(CorpCredentials credentials, std::vector<Department> departments,
                                                   std::vector<Staff> staff, std::vector<ExternalContact> contacts,
                                                   std::vector<CorpTagGroup> tagGroups,
                                                   std::vector<GroupChat> groupChats,
                                                   std::vector<std::int64_t> appVisibleDepartments)
{
    std::unique_ptr<SandboxCorp> corp(new SandboxCorp);
    corp->m_credentials = std::move(credentials);
    corp->m_departments = std::move(departments);
    std::sort(corp->m_departments.begin(), corp->m_departments.end(),
              [](const Department &a, const Department &b) { return a.id < b.id; });
    corp->m_staff = std::move(staff);
    corp->m_contacts = std::move(contacts);
    corp->m_tagGroups = std::move(tagGroups);
    corp->m_groupChats = std::move(groupChats);
    corp->m_appVisibleDepartments = std::move(appVisibleDepartments);
    corp->m_nextDepartmentId = corp->m_departments.empty() ? 1 : corp->m_departments.back().id + 1;
    corp->rebuildIndexes();
    return corp;
}

std::vector<ChangeEvent> SandboxCorp::advance()
{
    if (!m_generated) {
        ++m_revision;
        return {};
    }
    std::vector<ChangeEvent> events = CorpBuilder::advance(*this, m_revision + 1);
    m_revision += 1;
    rebuildIndexes();
    return events;
}

std::vector<ChangeEvent> SandboxCorp::advanceTo(int revision)
{
    std::vector<ChangeEvent> events;
    if (revision < m_revision) {
        if (m_generated) {
            *this = std::move(*generate(m_spec));
        } else {
            m_revision = std::max(revision, 0);
        }
    }
    while (m_revision < revision) {
        std::vector<ChangeEvent> round = advance();
        events.insert(events.end(), std::make_move_iterator(round.begin()), std::make_move_iterator(round.end()));
    }
    return events;
}

// ---- Indexes ------------------------------------------------------------------------------------------------

void SandboxCorp::rebuildDepartmentIndex()
{
    m_departmentIndex.clear();
    m_departmentIndex.reserve(m_departments.size());
    m_children.clear();
    for (std::size_t i = 0; i < m_departments.size(); ++i) {
        m_departmentIndex[m_departments[i].id] = i;
        if (m_departments[i].parentId != 0) {
            m_children[m_departments[i].parentId].push_back(m_departments[i].id);
        }
    }
}

void SandboxCorp::rebuildStaffIndex()
{
    m_staffIndex.clear();
    m_staffIndex.reserve(m_staff.size());
    m_staffByDepartment.clear();
    for (std::size_t i = 0; i < m_staff.size(); ++i) {
        m_staffIndex[m_staff[i].userid] = i;
        for (const std::int64_t departmentId : m_staff[i].departments) {
            m_staffByDepartment[departmentId].push_back(i);
        }
    }
}

void SandboxCorp::rebuildContactIndex()
{
    std::size_t capacity = 16;
    while (capacity < m_contacts.size() * 2) {
        capacity *= 2;
    }
    m_contactSlots.assign(capacity, 0);
    const std::size_t mask = capacity - 1;
    for (std::size_t i = 0; i < m_contacts.size(); ++i) {
        std::size_t slot = detail::hashText(m_contacts[i].externalUserid) & mask;
        while (m_contactSlots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        m_contactSlots[slot] = static_cast<std::uint32_t>(i + 1);
    }
}

std::size_t SandboxCorp::findContact(std::string_view externalUserid) const
{
    if (m_contactSlots.empty()) {
        return kNoContact;
    }
    const std::size_t mask = m_contactSlots.size() - 1;
    std::size_t slot = detail::hashText(externalUserid) & mask;
    while (m_contactSlots[slot] != 0) {
        const std::size_t index = m_contactSlots[slot] - 1;
        if (m_contacts[index].externalUserid == externalUserid) {
            return index;
        }
        slot = (slot + 1) & mask;
    }
    return kNoContact;
}

void SandboxCorp::rebuildIndexes()
{
    rebuildDepartmentIndex();
    rebuildStaffIndex();
    rebuildContactIndex();

    // Sized exactly first: with a million relations, doubling growth would waste tens of MiB.
    m_followedBy.clear();
    std::unordered_map<std::string, std::size_t> relationCounts;
    for (const ExternalContact &item : m_contacts) {
        for (const FollowInfo &follow : item.follows) {
            ++relationCounts[follow.userid];
        }
    }
    m_followedBy.reserve(relationCounts.size());
    for (const auto &[userid, relations] : relationCounts) {
        m_followedBy[userid].reserve(relations);
    }
    for (std::size_t c = 0; c < m_contacts.size(); ++c) {
        const auto &follows = m_contacts[c].follows;
        for (std::size_t f = 0; f < follows.size(); ++f) {
            m_followedBy[follows[f].userid].emplace_back(static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(f));
        }
    }

    m_groupChatIndex.clear();
    for (std::size_t i = 0; i < m_groupChats.size(); ++i) {
        m_groupChatIndex[m_groupChats[i].chatId] = i;
    }

    m_tagIndex.clear();
    for (std::size_t g = 0; g < m_tagGroups.size(); ++g) {
        for (std::size_t t = 0; t < m_tagGroups[g].tags.size(); ++t) {
            m_tagIndex[m_tagGroups[g].tags[t].id] = {g, t};
        }
    }

    // A department is visible when it or one of its ancestors is a root of the visible range.
    const std::unordered_set<std::int64_t> roots(m_appVisibleDepartments.begin(), m_appVisibleDepartments.end());
    m_visible.clear();
    for (const Department &department : m_departments) {
        bool visible = false;
        std::int64_t id = department.id;
        for (std::size_t step = 0; step <= m_departments.size() && id != 0; ++step) {
            if (roots.count(id) != 0) {
                visible = true;
                break;
            }
            const auto found = m_departmentIndex.find(id);
            if (found == m_departmentIndex.end()) {
                break;
            }
            id = m_departments[found->second].parentId;
        }
        m_visible[department.id] = visible;
    }
}

// ---- Reading ------------------------------------------------------------------------------------------------

const Department *SandboxCorp::department(std::int64_t id) const
{
    const auto found = m_departmentIndex.find(id);
    return found == m_departmentIndex.end() ? nullptr : &m_departments[found->second];
}

std::vector<std::int64_t> SandboxCorp::subtree(std::int64_t id) const
{
    std::vector<std::int64_t> result;
    if (department(id) == nullptr) {
        return result;
    }
    result.push_back(id);
    for (std::size_t next = 0; next < result.size(); ++next) {
        const auto children = m_children.find(result[next]);
        if (children != m_children.end()) {
            result.insert(result.end(), children->second.begin(), children->second.end());
        }
    }
    return result;
}

const Staff *SandboxCorp::staffMember(const std::string &userid) const
{
    const auto found = m_staffIndex.find(userid);
    return found == m_staffIndex.end() ? nullptr : &m_staff[found->second];
}

std::vector<const Staff *> SandboxCorp::staffInDepartment(std::int64_t departmentId) const
{
    std::vector<const Staff *> result;
    const auto found = m_staffByDepartment.find(departmentId);
    if (found != m_staffByDepartment.end()) {
        result.reserve(found->second.size());
        for (const std::size_t index : found->second) {
            result.push_back(&m_staff[index]);
        }
    }
    return result;
}

std::vector<std::string> SandboxCorp::followUsers() const
{
    std::vector<std::string> result;
    for (const Staff &member : m_staff) {
        if (member.hasCustomerContact) {
            result.push_back(member.userid);
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

const ExternalContact *SandboxCorp::contact(const std::string &externalUserid) const
{
    const std::size_t index = findContact(externalUserid);
    return index == kNoContact ? nullptr : &m_contacts[index];
}

const std::vector<std::pair<std::uint32_t, std::uint32_t>> &SandboxCorp::followedBy(const std::string &userid) const
{
    static const std::vector<std::pair<std::uint32_t, std::uint32_t>> none;
    const auto found = m_followedBy.find(userid);
    return found == m_followedBy.end() ? none : found->second;
}

const GroupChat *SandboxCorp::groupChat(const std::string &chatId) const
{
    const auto found = m_groupChatIndex.find(chatId);
    return found == m_groupChatIndex.end() ? nullptr : &m_groupChats[found->second];
}

bool SandboxCorp::departmentVisibleToApp(std::int64_t id) const
{
    const auto found = m_visible.find(id);
    return found != m_visible.end() && found->second;
}

bool SandboxCorp::staffVisibleToApp(const Staff &staff) const
{
    return std::any_of(staff.departments.begin(), staff.departments.end(),
                       [this](std::int64_t id) { return departmentVisibleToApp(id); });
}

// ---- Serialisation ------------------------------------------------------------------------------------------

void SandboxCorp::writeDepartmentFields(JsonWriter &json, const Department &department)
{
    json.field("id", department.id).field("name", department.name);
    if (!department.nameEn.empty()) {
        json.field("name_en", department.nameEn);
    }
    json.stringArray("department_leader", department.leaders);
    json.field("parentid", department.parentId).field("order", department.order);
}

void SandboxCorp::writeDepartment(JsonWriter &json, const Department &department)
{
    json.beginObject();
    writeDepartmentFields(json, department);
    json.endObject();
}

void SandboxCorp::writeStaffFields(JsonWriter &json, const Staff &staff, bool visibleOnly) const
{
    json.field("userid", staff.userid).field("name", staff.name);
    std::vector<std::size_t> listed;
    listed.reserve(staff.departments.size());
    for (std::size_t i = 0; i < staff.departments.size(); ++i) {
        if (!visibleOnly || departmentVisibleToApp(staff.departments[i])) {
            listed.push_back(i);
        }
    }
    json.key("department").beginArray();
    for (const std::size_t i : listed) {
        json.value(staff.departments[i]);
    }
    json.endArray();
    json.key("order").beginArray();
    for (const std::size_t i : listed) {
        json.value(i < staff.orderInDepartments.size() ? staff.orderInDepartments[i] : std::int64_t{0});
    }
    json.endArray();
    json.field("position", staff.position).field("mobile", staff.mobile).field("gender", staff.gender);
    json.field("email", staff.email);
    if (!staff.bizMail.empty()) {
        json.field("biz_mail", staff.bizMail);
    }
    json.key("is_leader_in_dept").beginArray();
    for (const std::size_t i : listed) {
        json.value(i < staff.isLeaderInDepartments.size() ? staff.isLeaderInDepartments[i] : 0);
    }
    json.endArray();
    json.stringArray("direct_leader", staff.directLeaders);
    json.field("avatar", staff.avatar).field("thumb_avatar", thumbnailOf(staff.avatar));
    json.field("telephone", staff.telephone).field("alias", staff.alias).field("status", staff.status);
    json.field("address", staff.address);
    if (!staff.englishName.empty()) {
        json.field("english_name", staff.englishName);
    }
    if (!staff.openUserid.empty()) {
        json.field("open_userid", staff.openUserid);
    }
    if (!visibleOnly || departmentVisibleToApp(staff.mainDepartment)) {
        json.field("main_department", staff.mainDepartment);
    }
    json.key("extattr").beginObject().key("attrs").beginArray().endArray().endObject();
    if (staff.status == 1) {
        char code[24];
        std::snprintf(code, sizeof code, "%016llx", static_cast<unsigned long long>(detail::hashText(staff.userid)));
        json.field("qr_code", std::string("https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vc") + code);
    }
}

void SandboxCorp::writeStaff(JsonWriter &json, const Staff &staff, bool visibleOnly) const
{
    json.beginObject();
    writeStaffFields(json, staff, visibleOnly);
    json.endObject();
}

void SandboxCorp::writeContactFields(JsonWriter &json, const ExternalContact &contact)
{
    json.field("external_userid", contact.externalUserid).field("name", contact.name);
    if (contact.type == 2 && !contact.position.empty()) {
        json.field("position", contact.position);
    }
    json.field("avatar", contact.avatar.empty() ? derivedAvatar(contact) : contact.avatar);
    if (contact.type == 2) {
        json.field("corp_name", contact.corpName).field("corp_full_name", contact.corpFullName);
    }
    json.field("type", contact.type).field("gender", contact.gender);
    if (contact.type == 1 && !contact.unionid.empty()) {
        json.field("unionid", contact.unionid);
    }
}

void SandboxCorp::writeContact(JsonWriter &json, const ExternalContact &contact)
{
    json.beginObject();
    writeContactFields(json, contact);
    json.endObject();
}

namespace {

/// The fields follow_user and follow_info share, before and after their different tag representations.
void writeFollowHead(JsonWriter &json, const FollowInfo &follow)
{
    json.field("userid", follow.userid).field("remark", follow.remark).field("description", follow.description);
    json.field("createtime", follow.createtime);
}

void writeFollowTail(JsonWriter &json, const FollowInfo &follow)
{
    if (!follow.remarkCorpName.empty()) {
        json.field("remark_corp_name", follow.remarkCorpName);
    }
    if (!follow.remarkMobiles.empty()) {
        json.stringArray("remark_mobiles", follow.remarkMobiles);
    }
    if (!follow.state.empty()) {
        json.field("state", follow.state);
    }
    json.field("oper_userid", follow.operUserid).field("add_way", follow.addWay);
}

} // namespace

void SandboxCorp::writeFollowUser(JsonWriter &json, const FollowInfo &follow) const
{
    json.beginObject();
    writeFollowHead(json, follow);
    json.key("tags").beginArray();
    for (const std::string &tagId : follow.tagIds) {
        const auto found = m_tagIndex.find(tagId);
        if (found == m_tagIndex.end()) {
            continue;
        }
        const CorpTagGroup &group = m_tagGroups[found->second.first];
        json.beginObject()
            .field("group_name", group.groupName)
            .field("tag_name", group.tags[found->second.second].name)
            .field("tag_id", tagId)
            .field("type", 1)
            .endObject();
    }
    json.endArray();
    writeFollowTail(json, follow);
    json.endObject();
}

void SandboxCorp::writeFollowInfo(JsonWriter &json, const FollowInfo &follow)
{
    json.beginObject();
    writeFollowHead(json, follow);
    writeTags(json, follow.tagIds);
    writeFollowTail(json, follow);
    json.endObject();
}

void SandboxCorp::writeTagGroup(JsonWriter &json, const CorpTagGroup &group,
                                const std::function<bool(const CorpTag &)> &includeTag)
{
    json.beginObject()
        .field("group_id", group.groupId)
        .field("group_name", group.groupName)
        .field("create_time", group.createTime)
        .field("order", group.order)
        .field("deleted", false);
    json.key("tag").beginArray();
    for (const CorpTag &tag : group.tags) {
        if (includeTag && !includeTag(tag)) {
            continue;
        }
        json.beginObject()
            .field("id", tag.id)
            .field("name", tag.name)
            .field("create_time", tag.createTime)
            .field("order", tag.order)
            .field("deleted", false)
            .endObject();
    }
    json.endArray().endObject();
}

void SandboxCorp::writeGroupChat(JsonWriter &json, const GroupChat &chat, bool forApi, bool withNames) const
{
    json.beginObject()
        .field("chat_id", chat.chatId)
        .field("name", chat.name)
        .field("owner", chat.owner)
        .field("create_time", chat.createTime)
        .field("notice", chat.notice);
    if (!forApi) {
        json.field("status", chat.status);
    }
    json.key("member_list").beginArray();
    for (const GroupChatMember &member : chat.members) {
        json.beginObject()
            .field("userid", member.userid)
            .field("type", member.type)
            .field("join_time", member.joinTime)
            .field("join_scene", member.joinScene);
        if (!member.invitor.empty()) {
            json.key("invitor").beginObject().field("userid", member.invitor).endObject();
        }
        if (forApi) {
            json.field("group_nickname", "");
        }
        if (withNames) {
            std::string name;
            if (member.type == 1) {
                if (const Staff *s = staffMember(member.userid)) {
                    name = s->name;
                }
            } else if (const ExternalContact *c = contact(member.userid)) {
                name = c->name;
            }
            json.field("name", name);
        }
        json.endObject();
    }
    json.endArray();
    json.key("admin_list").beginArray();
    for (const std::string &admin : chat.admins) {
        json.beginObject().field("userid", admin).endObject();
    }
    json.endArray().endObject();
}

// ---- Ground truth -------------------------------------------------------------------------------------------

void SandboxCorp::dump(std::ostream &out, bool jsonLines) const
{
    JsonWriter json;
    std::size_t followCount = 0;
    for (const ExternalContact &item : m_contacts) {
        followCount += item.follows.size();
    }
    std::size_t tagCount = 0;
    for (const CorpTagGroup &group : m_tagGroups) {
        tagCount += group.tags.size();
    }
    const auto count = [](std::size_t n) { return static_cast<std::int64_t>(n); };

    // One record at a time, flushed to the stream, so a million-contact dump needs no second copy in memory.
    const auto flush = [&] {
        out.write(json.str().data(), static_cast<std::streamsize>(json.str().size()));
        json.clear();
    };
    const auto beginRecord = [&](const char *kind) {
        json.beginObject();
        if (jsonLines) {
            json.field("kind", kind);
        }
    };
    const auto endRecord = [&] {
        json.endObject();
        if (jsonLines) {
            flush();
            out.put('\n');
        }
    };
    // In the single-object form the records go into named arrays.
    const auto beginSection = [&](const char *name) {
        if (!jsonLines) {
            flush();
            out << ",\"" << name << "\":[";
        }
    };
    bool firstInSection = true;
    const auto separate = [&] {
        if (!jsonLines) {
            if (!firstInSection) {
                json.raw(",");
            }
            firstInSection = false;
        }
    };
    const auto endSection = [&] {
        if (!jsonLines) {
            flush();
            out.put(']');
            firstInSection = true;
        }
    };

    if (!jsonLines) {
        out << "{\"corp\":";
    }
    beginRecord("corp");
    json.field("revision", m_revision);
    json.key("seed").raw(std::to_string(m_spec.seed));
    json.field("generated", m_generated);
    if (m_generated) {
        json.key("spec")
            .beginObject()
            .field("departments", m_spec.departments)
            .field("staff", m_spec.staff)
            .field("contacts", m_spec.contacts)
            .field("tag_groups", m_spec.tagGroups)
            .field("tags_per_group", m_spec.tagsPerGroup)
            .field("group_chats", m_spec.groupChats)
            .endObject();
    }
    json.field("corpid", m_credentials.corpId).field("agentid", m_credentials.agentId);
    json.key("counts")
        .beginObject()
        .field("departments", count(m_departments.size()))
        .field("staff", count(m_staff.size()))
        .field("follow_users",
               count(static_cast<std::size_t>(std::count_if(
                   m_staff.begin(), m_staff.end(), [](const Staff &member) { return member.hasCustomerContact; }))))
        .field("contacts", count(m_contacts.size()))
        .field("follow_relations", count(followCount))
        .field("tag_groups", count(m_tagGroups.size()))
        .field("tags", count(tagCount))
        .field("group_chats", count(m_groupChats.size()))
        .endObject();
    json.key("app_visible_departments").beginArray();
    for (const std::int64_t id : m_appVisibleDepartments) {
        json.value(id);
    }
    json.endArray();
    endRecord();

    beginSection("departments");
    for (const Department &item : m_departments) {
        separate();
        beginRecord("department");
        writeDepartmentFields(json, item);
        json.field("visible_to_app", departmentVisibleToApp(item.id));
        endRecord();
    }
    endSection();

    beginSection("staff");
    for (const Staff &item : m_staff) {
        separate();
        beginRecord("staff");
        writeStaffFields(json, item, false);
        json.field("has_customer_contact", item.hasCustomerContact);
        endRecord();
    }
    endSection();

    beginSection("tag_groups");
    for (const CorpTagGroup &item : m_tagGroups) {
        separate();
        if (jsonLines) {
            // writeTagGroup's object with the kind in front.
            JsonWriter group;
            writeTagGroup(group, item);
            json.beginObject().field("kind", "tag_group");
            json.raw(std::string_view(group.str()).substr(1, group.str().size() - 2));
            endRecord();
        } else {
            writeTagGroup(json, item);
        }
    }
    endSection();

    beginSection("contacts");
    for (const ExternalContact &item : m_contacts) {
        separate();
        beginRecord("contact");
        writeContactFields(json, item);
        json.key("follow_user").beginArray();
        for (const FollowInfo &follow : item.follows) {
            writeFollowUser(json, follow);
        }
        json.endArray();
        endRecord();
        if (!jsonLines && json.str().size() > (1U << 16)) {
            flush();
        }
    }
    endSection();

    beginSection("group_chats");
    for (const GroupChat &item : m_groupChats) {
        separate();
        if (jsonLines) {
            JsonWriter chat;
            writeGroupChat(chat, item);
            json.beginObject().field("kind", "group_chat");
            json.raw(std::string_view(chat.str()).substr(1, chat.str().size() - 2));
            endRecord();
        } else {
            writeGroupChat(json, item);
        }
    }
    endSection();

    if (!jsonLines) {
        flush();
        out << "}\n";
    }
}

} // namespace ic::sandbox
