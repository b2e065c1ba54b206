// Stand-in implementation of SandboxCorp, so that the sandbox server builds and is tested before the real corp
// model (SandboxCorp.cpp) is merged. It implements the header's contract plainly over the vectors: generate()
// builds a small corp whose size follows the spec, fromData() indexes what it is given, and each round of
// advance() renames one department, one member of staff and one follow remark. Drop this file when
// SandboxCorp.cpp arrives.

#include "sandbox/SandboxCorp.h"

#include <algorithm>
#include <cstdio>

namespace ic::sandbox {

namespace {

std::uint64_t splitmix(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::string randomText(std::uint64_t &state, std::size_t length)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    out.reserve(length);
    for (std::size_t i = 0; i < length; ++i) {
        out.push_back(alphabet[splitmix(state) % 62]);
    }
    return out;
}

std::string hex(std::uint64_t value, int digits)
{
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%0*llx", digits, static_cast<unsigned long long>(value));
    return std::string(buffer).substr(0, static_cast<std::size_t>(digits));
}

const std::vector<std::pair<std::uint32_t, std::uint32_t>> kNoFollows;

} // namespace

std::unique_ptr<SandboxCorp> SandboxCorp::generate(const CorpSpec &spec)
{
    std::unique_ptr<SandboxCorp> corp(new SandboxCorp);
    corp->m_spec = spec;
    corp->m_generated = true;
    std::uint64_t state = spec.seed;
    corp->m_credentials.corpId = "ww" + hex(splitmix(state), 16);
    corp->m_credentials.appSecret = randomText(state, 43);
    corp->m_credentials.contactsSecret = randomText(state, 43);
    corp->m_credentials.customerSecret = randomText(state, 43);
    corp->m_credentials.callbackToken = randomText(state, 32);
    corp->m_credentials.encodingAesKey = randomText(state, 43);

    const int departments = std::max(1, spec.departments);
    for (int i = 1; i <= departments; ++i) {
        Department d;
        d.id = i;
        d.name = "部门" + std::to_string(i);
        d.nameEn = "Department " + std::to_string(i);
        d.parentId = i == 1 ? 0 : (i - 2) / 3 + 1;
        d.order = 100000000 - i;
        corp->m_departments.push_back(std::move(d));
    }
    for (int i = 0; i < spec.staff; ++i) {
        Staff s;
        char userid[32];
        std::snprintf(userid, sizeof userid, "user%05d", i);
        s.userid = userid;
        s.name = "员工" + std::to_string(i);
        s.englishName = "Staff " + std::to_string(i);
        s.position = "Engineer";
        s.gender = std::to_string(i % 3);
        s.mobile = "138" + std::to_string(10000000 + i);
        s.email = s.userid + "@example.invalid";
        const std::int64_t department = 1 + i % departments;
        s.departments = {department};
        s.orderInDepartments = {i};
        s.isLeaderInDepartments = {0};
        s.mainDepartment = department;
        s.hasCustomerContact = true;
        corp->m_staff.push_back(std::move(s));
    }
    for (int g = 0; g < spec.tagGroups; ++g) {
        CorpTagGroup group;
        group.groupId = "etgroup" + std::to_string(g);
        group.groupName = "标签组" + std::to_string(g);
        group.createTime = 1600000000 + g;
        group.order = g;
        for (int t = 0; t < spec.tagsPerGroup; ++t) {
            group.tags.push_back(CorpTag{"ettag" + std::to_string(g) + "_" + std::to_string(t),
                                         "标签" + std::to_string(g) + "-" + std::to_string(t), 1600000000 + t, t});
        }
        corp->m_tagGroups.push_back(std::move(group));
    }
    const int staffCount = static_cast<int>(corp->m_staff.size());
    for (int c = 0; c < spec.contacts && staffCount > 0; ++c) {
        ExternalContact contact;
        contact.externalUserid = "wm" + hex(spec.seed * 1000003ULL + static_cast<std::uint64_t>(c), 12) + "AAA";
        contact.name = "客户" + std::to_string(c);
        contact.type = c % 5 == 0 ? 2 : 1;
        contact.gender = c % 3;
        if (contact.type == 2) {
            contact.corpName = "公司" + std::to_string(c);
            contact.corpFullName = "公司" + std::to_string(c) + "有限公司";
            contact.position = "Manager";
        }
        const int followers = 1 + c % 3;
        for (int f = 0; f < followers && f < staffCount; ++f) {
            FollowInfo follow;
            follow.userid = corp->m_staff[static_cast<std::size_t>((c + f * 7) % staffCount)].userid;
            follow.remark = "备注" + std::to_string(c);
            follow.createtime = 1600000000 + c;
            follow.operUserid = follow.userid;
            follow.addWay = 1;
            if (!corp->m_tagGroups.empty() && !corp->m_tagGroups[0].tags.empty()) {
                follow.tagIds.push_back(
                    corp->m_tagGroups[0].tags[static_cast<std::size_t>(c) % corp->m_tagGroups[0].tags.size()].id);
            }
            contact.follows.push_back(std::move(follow));
        }
        corp->m_contacts.push_back(std::move(contact));
    }
    for (int g = 0; g < spec.groupChats && staffCount > 0; ++g) {
        GroupChat chat;
        chat.chatId = "wr" + hex(static_cast<std::uint64_t>(g) + 1, 12);
        chat.name = "客户群" + std::to_string(g);
        chat.owner = corp->m_staff[static_cast<std::size_t>(g % staffCount)].userid;
        chat.createTime = 1600000000 + g;
        chat.members.push_back(GroupChatMember{chat.owner, 1, chat.createTime, 1, {}});
        if (!corp->m_contacts.empty()) {
            chat.members.push_back(
                GroupChatMember{corp->m_contacts[static_cast<std::size_t>(g) % corp->m_contacts.size()].externalUserid,
                                2, chat.createTime, 1, chat.owner});
        }
        chat.admins = {chat.owner};
        corp->m_groupChats.push_back(std::move(chat));
    }
    for (const auto &d : corp->m_departments) {
        if (d.parentId == 1 && d.id != 4) {
            corp->m_appVisibleDepartments.push_back(d.id);
        }
    }
    corp->rebuildIndexes();
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
    corp->m_staff = std::move(staff);
    corp->m_contacts = std::move(contacts);
    corp->m_tagGroups = std::move(tagGroups);
    corp->m_groupChats = std::move(groupChats);
    corp->m_appVisibleDepartments = std::move(appVisibleDepartments);
    corp->rebuildIndexes();
    return corp;
}

void SandboxCorp::rebuildIndexes()
{
    m_departmentIndex.clear();
    m_staffIndex.clear();
    m_contactIndex.clear();
    m_followedBy.clear();
    m_groupChatIndex.clear();
    m_tagIndex.clear();
    m_staffByDepartment.clear();
    m_visible.clear();
    for (std::size_t i = 0; i < m_departments.size(); ++i) {
        m_departmentIndex[m_departments[i].id] = i;
    }
    for (std::size_t i = 0; i < m_staff.size(); ++i) {
        m_staffIndex[m_staff[i].userid] = i;
        for (auto d : m_staff[i].departments) {
            m_staffByDepartment[d].push_back(i);
        }
    }
    for (std::size_t c = 0; c < m_contacts.size(); ++c) {
        m_contactIndex[m_contacts[c].externalUserid] = c;
        for (std::size_t f = 0; f < m_contacts[c].follows.size(); ++f) {
            m_followedBy[m_contacts[c].follows[f].userid].emplace_back(static_cast<std::uint32_t>(c),
                                                                       static_cast<std::uint32_t>(f));
        }
    }
    for (std::size_t i = 0; i < m_groupChats.size(); ++i) {
        m_groupChatIndex[m_groupChats[i].chatId] = i;
    }
    for (std::size_t g = 0; g < m_tagGroups.size(); ++g) {
        for (std::size_t t = 0; t < m_tagGroups[g].tags.size(); ++t) {
            m_tagIndex[m_tagGroups[g].tags[t].id] = {g, t};
        }
    }
    for (auto root : m_appVisibleDepartments) {
        for (auto id : subtree(root)) {
            m_visible[id] = true;
        }
    }
}

std::vector<ChangeEvent> SandboxCorp::advance()
{
    if (!m_generated) {
        return {};
    }
    ++m_revision;
    std::vector<ChangeEvent> events;
    if (m_departments.size() > 1) {
        auto &d = m_departments[1 + static_cast<std::size_t>(m_revision) % (m_departments.size() - 1)];
        d.name = "部门" + std::to_string(d.id) + "-r" + std::to_string(m_revision);
        events.push_back(ChangeEvent{"change_contact", "update_party", {}, {}, d.id, {}, {}});
    }
    if (!m_staff.empty()) {
        auto &s = m_staff[static_cast<std::size_t>(m_revision) % m_staff.size()];
        s.position = "Engineer r" + std::to_string(m_revision);
        events.push_back(ChangeEvent{"change_contact", "update_user", s.userid, {}, 0, {}, {}});
    }
    if (!m_contacts.empty()) {
        auto &c = m_contacts[static_cast<std::size_t>(m_revision) % m_contacts.size()];
        c.follows.front().remark = "备注 r" + std::to_string(m_revision);
        events.push_back(ChangeEvent{
            "change_external_contact", "edit_external_contact", c.follows.front().userid, c.externalUserid, 0, {}, {}});
    }
    rebuildIndexes();
    return events;
}

std::vector<ChangeEvent> SandboxCorp::advanceTo(int revision)
{
    std::vector<ChangeEvent> events;
    if (!m_generated) {
        return events;
    }
    if (revision < m_revision) {
        auto fresh = generate(m_spec);
        *this = std::move(*fresh);
    }
    while (m_revision < revision) {
        auto round = advance();
        events.insert(events.end(), round.begin(), round.end());
    }
    return events;
}

const Department *SandboxCorp::department(std::int64_t id) const
{
    auto it = m_departmentIndex.find(id);
    return it == m_departmentIndex.end() ? nullptr : &m_departments[it->second];
}

std::vector<std::int64_t> SandboxCorp::subtree(std::int64_t id) const
{
    std::vector<std::int64_t> out;
    if (!department(id)) {
        return out;
    }
    out.push_back(id);
    for (std::size_t i = 0; i < out.size(); ++i) {
        for (const auto &d : m_departments) {
            if (d.parentId == out[i] && d.id != out[i]) {
                out.push_back(d.id);
            }
        }
    }
    return out;
}

const Staff *SandboxCorp::staffMember(const std::string &userid) const
{
    auto it = m_staffIndex.find(userid);
    return it == m_staffIndex.end() ? nullptr : &m_staff[it->second];
}

std::vector<const Staff *> SandboxCorp::staffInDepartment(std::int64_t departmentId) const
{
    std::vector<const Staff *> out;
    auto it = m_staffByDepartment.find(departmentId);
    if (it != m_staffByDepartment.end()) {
        for (auto index : it->second) {
            out.push_back(&m_staff[index]);
        }
    }
    return out;
}

std::vector<std::string> SandboxCorp::followUsers() const
{
    std::vector<std::string> out;
    for (const auto &s : m_staff) {
        if (s.hasCustomerContact) {
            out.push_back(s.userid);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

const ExternalContact *SandboxCorp::contact(const std::string &externalUserid) const
{
    auto it = m_contactIndex.find(externalUserid);
    return it == m_contactIndex.end() ? nullptr : &m_contacts[it->second];
}

const std::vector<std::pair<std::uint32_t, std::uint32_t>> &SandboxCorp::followedBy(const std::string &userid) const
{
    auto it = m_followedBy.find(userid);
    return it == m_followedBy.end() ? kNoFollows : it->second;
}

const GroupChat *SandboxCorp::groupChat(const std::string &chatId) const
{
    auto it = m_groupChatIndex.find(chatId);
    return it == m_groupChatIndex.end() ? nullptr : &m_groupChats[it->second];
}

bool SandboxCorp::departmentVisibleToApp(std::int64_t id) const
{
    return m_visible.count(id) > 0;
}

bool SandboxCorp::staffVisibleToApp(const Staff &staff) const
{
    return std::any_of(staff.departments.begin(), staff.departments.end(),
                       [this](std::int64_t d) { return departmentVisibleToApp(d); });
}

void SandboxCorp::dump(std::ostream &out, bool jsonLines) const
{
    JsonWriter json;
    if (!jsonLines) {
        json.beginObject().key("corp").beginObject().field("revision", m_revision).endObject();
        json.key("departments").beginArray();
        for (const auto &d : m_departments) {
            writeDepartment(json, d);
        }
        json.endArray().key("staff").beginArray();
        for (const auto &s : m_staff) {
            writeStaff(json, s, false);
        }
        json.endArray().key("contacts").beginArray();
        for (const auto &c : m_contacts) {
            writeContact(json, c);
        }
        json.endArray().endObject();
        out << json.str() << '\n';
        return;
    }
    json.beginObject().field("kind", "corp").field("revision", m_revision).endObject();
    out << json.take() << '\n';
    for (const auto &d : m_departments) {
        JsonWriter line;
        line.beginObject().field("kind", "department").key("department");
        writeDepartment(line, d);
        line.endObject();
        out << line.str() << '\n';
    }
    for (const auto &s : m_staff) {
        JsonWriter line;
        line.beginObject().field("kind", "staff").key("staff");
        writeStaff(line, s, false);
        line.endObject();
        out << line.str() << '\n';
    }
    for (const auto &c : m_contacts) {
        JsonWriter line;
        line.beginObject().field("kind", "contact").key("external_contact");
        writeContact(line, c);
        line.key("follow_user").beginArray();
        for (const auto &f : c.follows) {
            writeFollowUser(line, f);
        }
        line.endArray().endObject();
        out << line.str() << '\n';
    }
}

void SandboxCorp::writeDepartment(JsonWriter &json, const Department &department)
{
    json.beginObject()
        .field("id", department.id)
        .field("name", department.name)
        .field("name_en", department.nameEn)
        .stringArray("department_leader", department.leaders)
        .field("parentid", department.parentId)
        .field("order", department.order)
        .endObject();
}

void SandboxCorp::writeStaff(JsonWriter &json, const Staff &staff, bool visibleOnly) const
{
    json.beginObject().field("userid", staff.userid).field("name", staff.name);
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < staff.departments.size(); ++i) {
        if (!visibleOnly || departmentVisibleToApp(staff.departments[i])) {
            shown.push_back(i);
        }
    }
    json.key("department").beginArray();
    for (auto i : shown) {
        json.value(staff.departments[i]);
    }
    json.endArray().key("order").beginArray();
    for (auto i : shown) {
        json.value(i < staff.orderInDepartments.size() ? staff.orderInDepartments[i] : 0);
    }
    json.endArray().key("is_leader_in_dept").beginArray();
    for (auto i : shown) {
        json.value(i < staff.isLeaderInDepartments.size() ? staff.isLeaderInDepartments[i] : 0);
    }
    json.endArray()
        .field("position", staff.position)
        .field("mobile", staff.mobile)
        .field("gender", staff.gender)
        .field("email", staff.email)
        .field("biz_mail", staff.bizMail)
        .stringArray("direct_leader", staff.directLeaders)
        .field("avatar", staff.avatar)
        .field("telephone", staff.telephone)
        .field("alias", staff.alias)
        .field("status", staff.status)
        .field("address", staff.address)
        .field("english_name", staff.englishName);
    if (!visibleOnly || departmentVisibleToApp(staff.mainDepartment)) {
        json.field("main_department", staff.mainDepartment);
    }
    json.endObject();
}

void SandboxCorp::writeContact(JsonWriter &json, const ExternalContact &contact)
{
    json.beginObject()
        .field("external_userid", contact.externalUserid)
        .field("name", contact.name)
        .field("type", contact.type)
        .field("avatar", contact.avatar)
        .field("gender", contact.gender);
    if (contact.type == 1 && !contact.unionid.empty()) {
        json.field("unionid", contact.unionid);
    }
    if (contact.type == 2) {
        json.field("position", contact.position)
            .field("corp_name", contact.corpName)
            .field("corp_full_name", contact.corpFullName);
    }
    json.endObject();
}

void SandboxCorp::writeFollowUser(JsonWriter &json, const FollowInfo &follow) const
{
    json.beginObject()
        .field("userid", follow.userid)
        .field("remark", follow.remark)
        .field("description", follow.description)
        .field("createtime", follow.createtime)
        .key("tags")
        .beginArray();
    for (const auto &tagId : follow.tagIds) {
        auto it = m_tagIndex.find(tagId);
        if (it == m_tagIndex.end()) {
            continue;
        }
        const auto &group = m_tagGroups[it->second.first];
        json.beginObject()
            .field("group_name", group.groupName)
            .field("tag_name", group.tags[it->second.second].name)
            .field("tag_id", tagId)
            .field("type", 1)
            .endObject();
    }
    json.endArray()
        .field("remark_corp_name", follow.remarkCorpName)
        .stringArray("remark_mobiles", follow.remarkMobiles)
        .field("oper_userid", follow.operUserid)
        .field("add_way", follow.addWay);
    if (!follow.state.empty()) {
        json.field("state", follow.state);
    }
    json.endObject();
}

void SandboxCorp::writeFollowInfo(JsonWriter &json, const FollowInfo &follow)
{
    json.beginObject()
        .field("userid", follow.userid)
        .field("remark", follow.remark)
        .field("description", follow.description)
        .field("createtime", follow.createtime)
        .stringArray("tag_id", follow.tagIds)
        .field("remark_corp_name", follow.remarkCorpName)
        .stringArray("remark_mobiles", follow.remarkMobiles)
        .field("oper_userid", follow.operUserid)
        .field("add_way", follow.addWay);
    if (!follow.state.empty()) {
        json.field("state", follow.state);
    }
    json.endObject();
}

} // namespace ic::sandbox
