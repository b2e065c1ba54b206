#include "sandbox/CorpBuilder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace ic::sandbox {

using detail::Rng;

namespace {

/// Round N draws from its own stream, so a round never depends on how many draws an earlier round made.
constexpr std::uint64_t kRoundStreamBase = 0x5EED0000;

/// How many of `n` entities a round touches at `rate`: the fractional part decides one more by chance, and small
/// corps still see a change now and then (`minimumChance`).
int scaled(Rng &rng, std::size_t n, double rate, double minimumChance)
{
    const double expected = static_cast<double>(n) * rate;
    int count = static_cast<int>(std::floor(expected));
    double fraction = expected - count;
    if (count == 0) {
        fraction = std::max(fraction, minimumChance);
    }
    if (rng.chance(fraction)) {
        ++count;
    }
    return count;
}

std::string lowercase(std::string text)
{
    for (auto &c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

template<typename T>
bool contains(const std::vector<T> &items, const T &item)
{
    return std::find(items.begin(), items.end(), item) != items.end();
}

} // namespace

/// One revision round. Order: departments, staff, a pass that makes leaders and direct leaders consistent again,
/// tags, customers. Entities created in a round are not updated, moved or deleted in the same round, and each
/// entity gets at most one update event per round (a callback only says "re-read this").
class CorpBuilder::Round {
public:
    Round(SandboxCorp &corp, int round)
        : m_corp(corp)
        , m_rng(corp.m_spec.seed, kRoundStreamBase + static_cast<std::uint64_t>(round))
        , m_now(kEpoch + round * kDay)
        , m_removedContacts(corp.m_contacts.size(), false)
    {}

    std::vector<ChangeEvent> run()
    {
        departments();
        staff();
        normaliseLeaders();
        tags();
        contacts();
        return std::move(m_events);
    }

private:
    // ---- Events ----

    void contactEvent(const char *changeType, const std::string &userid, std::int64_t departmentId = 0)
    {
        ChangeEvent event;
        event.event = "change_contact";
        event.changeType = changeType;
        event.userid = userid;
        event.departmentId = departmentId;
        m_events.push_back(std::move(event));
    }
    void externalEvent(const char *changeType, const std::string &userid, const std::string &externalUserid)
    {
        ChangeEvent event;
        event.event = "change_external_contact";
        event.changeType = changeType;
        event.userid = userid;
        event.externalUserid = externalUserid;
        m_events.push_back(std::move(event));
    }
    void tagEvent(const char *changeType, const std::string &id, const char *tagType)
    {
        ChangeEvent event;
        event.event = "change_external_tag";
        event.changeType = changeType;
        event.tagId = id;
        event.tagType = tagType;
        m_events.push_back(std::move(event));
    }
    void userUpdated(const std::string &userid)
    {
        if (m_createdUsers.count(userid) == 0 && m_updatedUsers.insert(userid).second) {
            contactEvent("update_user", userid);
        }
    }
    void partyUpdated(std::int64_t id)
    {
        if (m_createdParties.count(id) == 0 && m_updatedParties.insert(id).second) {
            contactEvent("update_party", std::string(), id);
        }
    }

    // ---- Departments ----

    Department *departmentById(std::int64_t id)
    {
        const auto found = m_corp.m_departmentIndex.find(id);
        return found == m_corp.m_departmentIndex.end() ? nullptr : &m_corp.m_departments[found->second];
    }

    int depthOf(std::int64_t id)
    {
        int depth = 0;
        for (const Department *department = departmentById(id); department != nullptr && department->parentId != 0;
             department = departmentById(department->parentId)) {
            ++depth;
        }
        return depth;
    }

    /// Whether `id` is `ancestor` or lies below it.
    bool isWithin(std::int64_t id, std::int64_t ancestor)
    {
        for (const Department *department = departmentById(id); department != nullptr;
             department = departmentById(department->parentId)) {
            if (department->id == ancestor) {
                return true;
            }
        }
        return false;
    }

    /// Levels below `id` (0 for a leaf).
    int heightOf(std::int64_t id)
    {
        int height = 0;
        for (const Department &department : m_corp.m_departments) {
            int distance = 0;
            for (const Department *walk = &department; walk != nullptr; walk = departmentById(walk->parentId)) {
                if (walk->id == id) {
                    height = std::max(height, distance);
                    break;
                }
                ++distance;
            }
        }
        return height;
    }

    std::unordered_set<std::string> siblingNames(std::int64_t parentId, std::int64_t except)
    {
        std::unordered_set<std::string> names;
        for (const Department &department : m_corp.m_departments) {
            if (department.parentId == parentId && department.id != except) {
                names.insert(department.name);
            }
        }
        return names;
    }

    bool hasChildren(std::int64_t id)
    {
        return std::any_of(m_corp.m_departments.begin(), m_corp.m_departments.end(),
                           [id](const Department &department) { return department.parentId == id; });
    }

    /// A random department other than the root, or nullptr in a one-department corp.
    Department *randomNonRootDepartment()
    {
        auto &departments = m_corp.m_departments;
        if (departments.size() < 2) {
            return nullptr;
        }
        for (int attempt = 0; attempt < 8; ++attempt) {
            Department &department = departments[m_rng.index(departments.size())];
            if (department.parentId != 0) {
                return &department;
            }
        }
        return nullptr;
    }

    void departments()
    {
        auto &departments = m_corp.m_departments;
        const std::size_t count = departments.size();

        for (int n = scaled(m_rng, count, 0.02, 0.3); n > 0; --n) {
            const Department &parent = departments[m_rng.index(departments.size())];
            const int depth = depthOf(parent.id) + 1;
            if (depth > kMaxDepth) {
                continue;
            }
            Department department;
            department.id = m_corp.m_nextDepartmentId++;
            department.parentId = parent.id;
            department.name = uniqueName(departmentName(m_rng, depth), siblingNames(parent.id, 0));
            department.order = static_cast<std::int64_t>(m_rng.between(1, 100000));
            m_corp.m_departmentIndex[department.id] = departments.size();
            m_createdParties.insert(department.id);
            departments.push_back(std::move(department));
            contactEvent("create_party", std::string(), departments.back().id);
        }

        for (int n = scaled(m_rng, count, 0.01, 0.2); n > 0; --n) {
            Department *department = randomNonRootDepartment();
            if (department == nullptr || m_createdParties.count(department->id) != 0) {
                continue;
            }
            const std::string name = uniqueName(departmentName(m_rng, depthOf(department->id)),
                                                siblingNames(department->parentId, department->id));
            if (name != department->name) {
                department->name = name;
                partyUpdated(department->id);
            }
        }

        for (int n = scaled(m_rng, count, 0.01, 0.2); n > 0; --n) {
            Department *department = randomNonRootDepartment();
            if (department == nullptr || m_createdParties.count(department->id) != 0) {
                continue;
            }
            const int height = heightOf(department->id);
            for (int attempt = 0; attempt < 8; ++attempt) {
                const Department &parent = departments[m_rng.index(departments.size())];
                if (parent.id == department->parentId || isWithin(parent.id, department->id) ||
                    depthOf(parent.id) + 1 + height > kMaxDepth) {
                    continue;
                }
                department->parentId = parent.id;
                department->name = uniqueName(department->name, siblingNames(parent.id, department->id));
                partyUpdated(department->id);
                break;
            }
        }

        // Only leaves are deleted (as WeCom requires); their members move up to the parent first.
        for (int n = scaled(m_rng, count, 0.005, 0.15); n > 0; --n) {
            Department *department = randomNonRootDepartment();
            if (department == nullptr || m_createdParties.count(department->id) != 0 || hasChildren(department->id)) {
                continue;
            }
            const std::int64_t id = department->id;
            const std::int64_t parentId = department->parentId;
            for (Staff &member : m_corp.m_staff) {
                const auto position = std::find(member.departments.begin(), member.departments.end(), id);
                if (position == member.departments.end()) {
                    continue;
                }
                const auto k = static_cast<std::size_t>(position - member.departments.begin());
                if (contains(member.departments, parentId)) {
                    member.departments.erase(member.departments.begin() + static_cast<std::ptrdiff_t>(k));
                    member.orderInDepartments.erase(member.orderInDepartments.begin() + static_cast<std::ptrdiff_t>(k));
                    member.isLeaderInDepartments.erase(member.isLeaderInDepartments.begin() +
                                                       static_cast<std::ptrdiff_t>(k));
                } else {
                    member.departments[k] = parentId;
                    member.isLeaderInDepartments[k] = 0;
                }
                if (member.mainDepartment == id) {
                    member.mainDepartment = parentId;
                }
                userUpdated(member.userid);
            }
            departments.erase(departments.begin() + static_cast<std::ptrdiff_t>(m_corp.m_departmentIndex.at(id)));
            auto &visible = m_corp.m_appVisibleDepartments;
            visible.erase(std::remove(visible.begin(), visible.end(), id), visible.end());
            m_corp.rebuildDepartmentIndex();
            m_updatedParties.erase(id);
            contactEvent("delete_party", std::string(), id);
        }
    }

    // ---- Staff ----

    std::int64_t randomDepartmentId()
    {
        const auto &departments = m_corp.m_departments;
        const Department &department = departments[m_rng.index(departments.size())];
        if (department.parentId == 0 && departments.size() > 1 && m_rng.chance(0.9)) {
            return departments[1 + m_rng.index(departments.size() - 1)].id;
        }
        return department.id;
    }

    std::vector<std::string> leadersOf(std::int64_t departmentId, const std::string &except)
    {
        std::vector<std::string> result;
        if (const Department *department = departmentById(departmentId)) {
            for (const std::string &leader : department->leaders) {
                if (leader != except && result.size() < 5) {
                    result.push_back(leader);
                }
            }
        }
        return result;
    }

    void staff()
    {
        auto &staff = m_corp.m_staff;
        const std::size_t count = staff.size();
        std::unordered_set<std::string> taken;
        taken.reserve(count + 64);
        for (const Staff &member : staff) {
            taken.insert(lowercase(member.userid));
        }

        for (int n = scaled(m_rng, count, 0.02, 0.3); n > 0; --n) {
            Staff member = makeStaff(m_corp, m_rng, taken, randomDepartmentId());
            member.status = m_rng.chance(0.3) ? 4 : 1;
            member.hasCustomerContact = member.status == 1 && m_rng.chance(0.7);
            member.directLeaders = leadersOf(member.mainDepartment, member.userid);
            m_createdUsers.insert(member.userid);
            contactEvent("create_user", member.userid);
            staff.push_back(std::move(member));
        }
        if (count == 0) {
            return;
        }

        for (int n = scaled(m_rng, count, 0.02, 0.3); n > 0; --n) {
            Staff &member = staff[m_rng.index(count)];
            switch (m_rng.below(6)) {
            case 0:
                member.position = detail::staffPosition(m_rng);
                break;
            case 1:
                member.mobile = detail::mobile(m_rng);
                break;
            case 2:
                member.name = detail::personName(m_rng).name;
                break;
            case 3:
                member.englishName = detail::englishName(m_rng, member.gender == "2" ? 2 : 1);
                break;
            case 4:
                member.alias = lowercase(detail::englishName(m_rng, member.gender == "2" ? 2 : 1));
                break;
            default:
                member.telephone = detail::telephone(m_rng);
                member.address = detail::address(m_rng);
            }
            userUpdated(member.userid);
        }

        // Moves change the main department; a leader gives up leading the department left behind.
        for (int n = scaled(m_rng, count, 0.01, 0.2); n > 0; --n) {
            Staff &member = staff[m_rng.index(count)];
            const std::int64_t target = randomDepartmentId();
            if (target == member.mainDepartment) {
                continue;
            }
            const auto main = static_cast<std::size_t>(
                std::find(member.departments.begin(), member.departments.end(), member.mainDepartment) -
                member.departments.begin());
            if (!contains(member.departments, target) && main < member.departments.size()) {
                if (member.isLeaderInDepartments[main] != 0) {
                    if (Department *left = departmentById(member.mainDepartment)) {
                        std::erase(left->leaders, member.userid);
                        partyUpdated(left->id);
                    }
                }
                member.departments[main] = target;
                member.orderInDepartments[main] = static_cast<std::int64_t>(m_rng.below(1000));
                member.isLeaderInDepartments[main] = 0;
            }
            member.mainDepartment = target;
            member.directLeaders = leadersOf(target, member.userid);
            userUpdated(member.userid);
        }

        // Status changes keep the customer-contact invariant: only members without customers are disabled.
        for (int n = scaled(m_rng, count, 0.005, 0.2); n > 0; --n) {
            Staff &member = staff[m_rng.index(count)];
            if (member.status == 4 || member.status == 2) {
                member.status = 1;
            } else if (member.status == 1 && !member.hasCustomerContact) {
                member.status = 2;
            } else {
                continue;
            }
            userUpdated(member.userid);
        }

        // A department gets a new leader.
        for (int n = scaled(m_rng, m_corp.m_departments.size(), 0.005, 0.1); n > 0; --n) {
            Department &department = m_corp.m_departments[m_rng.index(m_corp.m_departments.size())];
            std::vector<std::size_t> candidates;
            for (std::size_t i = 0; i < count; ++i) {
                if (staff[i].status == 1 && contains(staff[i].departments, department.id) &&
                    !contains(department.leaders, staff[i].userid)) {
                    candidates.push_back(i);
                }
            }
            if (candidates.empty()) {
                continue;
            }
            for (const std::string &previous : department.leaders) {
                userUpdated(previous); // its is_leader_in_dept flag is cleared by normaliseLeaders()
            }
            const Staff &leader = staff[candidates[m_rng.index(candidates.size())]];
            department.leaders = {leader.userid};
            userUpdated(leader.userid);
            partyUpdated(department.id);
        }

        // Deletions: never the founder (index 0), never below one member. Their customers lose this follower,
        // and a customer left without followers is gone (del_external_contact).
        std::vector<bool> deleted(count, false);
        std::vector<std::size_t> deletedOrder;
        for (int n = scaled(m_rng, count, 0.01, 0.2); n > 0; --n) {
            const std::size_t i = m_rng.index(count);
            if (i == 0 || deleted[i] || staff.size() - deletedOrder.size() <= 1) {
                continue;
            }
            deleted[i] = true;
            deletedOrder.push_back(i);
        }
        if (deletedOrder.empty()) {
            return;
        }
        std::unordered_set<std::string> gone;
        for (const std::size_t i : deletedOrder) {
            gone.insert(staff[i].userid);
        }
        for (const std::size_t i : deletedOrder) {
            const std::string &userid = staff[i].userid;
            // m_followedBy still describes the contacts: they are not changed before this point of the round.
            for (const auto &[contactIndex, followIndex] : m_corp.followedBy(userid)) {
                (void)followIndex; // earlier erasures may have shifted it; the userid identifies the relation
                ExternalContact &contact = m_corp.m_contacts[contactIndex];
                if (std::erase_if(contact.follows, [&userid](const FollowInfo &f) { return f.userid == userid; }) > 0) {
                    externalEvent("del_external_contact", userid, contact.externalUserid);
                }
                if (contact.follows.empty()) {
                    m_removedContacts[contactIndex] = true;
                }
            }
            contactEvent("delete_user", userid);
        }
        for (GroupChat &chat : m_corp.m_groupChats) {
            std::erase_if(chat.members, [&gone](const GroupChatMember &member) {
                return member.type == 1 && gone.count(member.userid) != 0;
            });
            std::erase_if(chat.admins, [&gone](const std::string &admin) { return gone.count(admin) != 0; });
            if (gone.count(chat.owner) != 0) {
                // 离职继承: the chat passes to an admin, another member of staff in it, or the founder.
                const auto heir = std::find_if(chat.members.begin(), chat.members.end(),
                                               [](const GroupChatMember &member) { return member.type == 1; });
                if (!chat.admins.empty()) {
                    chat.owner = chat.admins.front();
                    chat.admins.erase(chat.admins.begin());
                } else if (heir != chat.members.end()) {
                    chat.owner = heir->userid;
                } else {
                    chat.owner = staff.front().userid;
                    chat.members.insert(chat.members.begin(), GroupChatMember{chat.owner, 1, m_now, 1, std::string()});
                }
            }
        }
        std::size_t write = 0;
        for (std::size_t read = 0; read < staff.size(); ++read) {
            if (read < count && deleted[read]) {
                continue;
            }
            if (write != read) {
                staff[write] = std::move(staff[read]);
            }
            ++write;
        }
        staff.erase(staff.begin() + static_cast<std::ptrdiff_t>(write), staff.end());
    }

    /// Department leaders must be members of their department, is_leader_in_dept must agree with
    /// department_leader, and direct leaders must exist; whatever this pass changes is reported as an update.
    void normaliseLeaders()
    {
        m_corp.rebuildDepartmentIndex();
        m_corp.rebuildStaffIndex();
        for (Department &department : m_corp.m_departments) {
            const std::size_t before = department.leaders.size();
            std::erase_if(department.leaders, [&](const std::string &userid) {
                const Staff *member = m_corp.staffMember(userid);
                return member == nullptr || !contains(member->departments, department.id);
            });
            if (department.leaders.size() != before) {
                partyUpdated(department.id);
            }
        }
        for (Staff &member : m_corp.m_staff) {
            bool changed = false;
            for (std::size_t k = 0; k < member.departments.size(); ++k) {
                const Department *department = departmentById(member.departments[k]);
                const int leads = department != nullptr && contains(department->leaders, member.userid) ? 1 : 0;
                if (member.isLeaderInDepartments[k] != leads) {
                    member.isLeaderInDepartments[k] = leads;
                    changed = true;
                }
            }
            const std::size_t before = member.directLeaders.size();
            std::erase_if(member.directLeaders, [&](const std::string &userid) {
                return userid == member.userid || m_corp.staffMember(userid) == nullptr;
            });
            if (changed || member.directLeaders.size() != before) {
                userUpdated(member.userid);
            }
        }
    }

    // ---- Tags ----

    /// Removes tags from every follow relation (WeCom reports only the tag event, not an edit per customer).
    void removeTagsFromRelations(const std::vector<std::string> &tagIds)
    {
        const std::unordered_set<std::string> removed(tagIds.begin(), tagIds.end());
        for (ExternalContact &contact : m_corp.m_contacts) {
            for (FollowInfo &follow : contact.follows) {
                std::erase_if(follow.tagIds, [&removed](const std::string &id) { return removed.count(id) != 0; });
            }
        }
    }

    static std::unordered_set<std::string> tagNames(const CorpTagGroup &group, const std::string &except)
    {
        std::unordered_set<std::string> names;
        for (const CorpTag &tag : group.tags) {
            if (tag.id != except) {
                names.insert(tag.name);
            }
        }
        return names;
    }

    void tags()
    {
        auto &groups = m_corp.m_tagGroups;
        const auto groupCount = static_cast<int>(groups.size());
        if (!groups.empty() && m_rng.chance(0.5)) {
            const std::size_t g = m_rng.index(groups.size());
            CorpTagGroup &group = groups[g];
            const std::string name = uniqueName(
                detail::tagName(static_cast<int>(g), static_cast<int>(group.tags.size())), tagNames(group, {}));
            group.tags.push_back(makeTag(m_corp, m_rng, name, m_now, 0));
            tagEvent("create", group.tags.back().id, "tag");
        }
        if (!groups.empty() && m_rng.chance(0.3)) {
            CorpTagGroup &group = groups[m_rng.index(groups.size())];
            if (!group.tags.empty()) {
                CorpTag &tag = group.tags[m_rng.index(group.tags.size())];
                const std::string name =
                    uniqueName(detail::tagName(static_cast<int>(m_rng.below(9)), static_cast<int>(m_rng.below(8))),
                               tagNames(group, tag.id));
                if (name != tag.name) {
                    tag.name = name;
                    tagEvent("update", tag.id, "tag");
                }
            }
        }
        if (!groups.empty() && m_rng.chance(0.25)) {
            CorpTagGroup &group = groups[m_rng.index(groups.size())];
            if (group.tags.size() > 1) {
                const auto position = static_cast<std::ptrdiff_t>(m_rng.index(group.tags.size()));
                const std::string id = group.tags[static_cast<std::size_t>(position)].id;
                group.tags.erase(group.tags.begin() + position);
                removeTagsFromRelations({id});
                tagEvent("delete", id, "tag");
            }
        }
        if (m_rng.chance(0.1)) {
            std::unordered_set<std::string> names;
            for (const CorpTagGroup &group : groups) {
                names.insert(group.groupName);
            }
            CorpTagGroup group;
            group.groupId = nextSerialId(m_corp, m_rng, "et", 32);
            group.groupName = uniqueName(detail::tagGroupName(groupCount), names);
            group.createTime = m_now;
            for (int t = 0, tagCount = m_rng.between(2, 4); t < tagCount; ++t) {
                group.tags.push_back(makeTag(m_corp, m_rng, detail::tagName(groupCount, t), m_now, tagCount - t));
            }
            tagEvent("create", group.groupId, "tag_group");
            groups.push_back(std::move(group));
        }
        if (groups.size() > 1 && m_rng.chance(0.05)) {
            const auto position = static_cast<std::ptrdiff_t>(m_rng.index(groups.size()));
            const CorpTagGroup &group = groups[static_cast<std::size_t>(position)];
            std::vector<std::string> ids;
            for (const CorpTag &tag : group.tags) {
                ids.push_back(tag.id);
            }
            const std::string groupId = group.groupId;
            groups.erase(groups.begin() + position);
            removeTagsFromRelations(ids);
            tagEvent("delete", groupId, "tag_group");
        }
    }

    // ---- Customers ----

    /// A customer that existed before this round and still has a follower, or npos.
    std::size_t randomExistingContact(std::size_t count)
    {
        for (int attempt = 0; attempt < 8 && count > 0; ++attempt) {
            const std::size_t i = m_rng.index(count);
            if (!m_removedContacts[i]) {
                return i;
            }
        }
        return static_cast<std::size_t>(-1);
    }

    void contacts()
    {
        auto &contacts = m_corp.m_contacts;
        const std::size_t count = contacts.size();
        std::vector<std::size_t> followers;
        std::vector<std::size_t> active;
        for (std::size_t i = 0; i < m_corp.m_staff.size(); ++i) {
            if (m_corp.m_staff[i].hasCustomerContact) {
                followers.push_back(i);
            }
            if (m_corp.m_staff[i].status == 1) {
                active.push_back(i);
            }
        }
        const std::vector<std::string> tagIds = allTagIds(m_corp);
        const auto randomFollower = [&]() -> const std::string & {
            return m_corp.m_staff[followers[m_rng.index(followers.size())]].userid;
        };
        const auto isFollowing = [](const ExternalContact &contact, const std::string &userid) {
            return std::any_of(contact.follows.begin(), contact.follows.end(),
                               [&userid](const FollowInfo &follow) { return follow.userid == userid; });
        };

        if (!followers.empty()) {
            const int added = scaled(m_rng, count, 0.02, 0.5);
            if (contacts.capacity() < count + static_cast<std::size_t>(added)) {
                // Grow by a sixteenth, not by doubling: a million contacts take ~270 MiB in this vector alone.
                contacts.reserve(count + count / 16 + static_cast<std::size_t>(added));
            }
            for (int n = added; n > 0; --n) {
                ExternalContact contact = makeContact(m_corp, m_rng);
                const int followerCount = m_rng.chance(0.1) && followers.size() > 1 ? 2 : 1;
                while (static_cast<int>(contact.follows.size()) < followerCount) {
                    const std::string &userid = randomFollower();
                    if (!isFollowing(contact, userid)) {
                        contact.follows.push_back(makeFollow(m_corp, m_rng, contact, userid,
                                                             m_now - static_cast<std::int64_t>(m_rng.below(kDay)),
                                                             tagIds, active));
                        externalEvent("add_external_contact", userid, contact.externalUserid);
                    }
                }
                contacts.push_back(std::move(contact));
                m_removedContacts.push_back(false);
            }

            // A customer adds another member of staff.
            for (int n = scaled(m_rng, count, 0.01, 0.3); n > 0; --n) {
                const std::size_t i = randomExistingContact(count);
                if (i >= count) {
                    continue;
                }
                ExternalContact &contact = contacts[i];
                const std::string &userid = randomFollower();
                if (isFollowing(contact, userid)) {
                    continue;
                }
                contact.follows.push_back(makeFollow(m_corp, m_rng, contact, userid,
                                                     m_now - static_cast<std::int64_t>(m_rng.below(kDay)), tagIds,
                                                     active));
                externalEvent("add_external_contact", userid, contact.externalUserid);
            }
        }

        for (int n = scaled(m_rng, count, 0.02, 0.3); n > 0; --n) {
            const std::size_t i = randomExistingContact(count);
            if (i >= count) {
                continue;
            }
            ExternalContact &contact = contacts[i];
            FollowInfo &follow = contact.follows[m_rng.index(contact.follows.size())];
            switch (m_rng.below(4)) {
            case 0:
                follow.remark = detail::personName(m_rng).surname + detail::remarkTitle(m_rng);
                break;
            case 1:
                follow.description = detail::followDescription(m_rng);
                break;
            case 2:
                follow.tagIds = pickTags(m_rng, tagIds);
                break;
            default:
                follow.remark = contact.name;
                follow.tagIds = pickTags(m_rng, tagIds);
            }
            externalEvent("edit_external_contact", follow.userid, contact.externalUserid);
        }

        // A relation ends: the customer deleted the member (del_follow_user) or the member deleted the customer
        // (del_external_contact). Without followers the customer is gone.
        for (int n = scaled(m_rng, count, 0.01, 0.3); n > 0; --n) {
            const std::size_t i = randomExistingContact(count);
            if (i >= count) {
                continue;
            }
            ExternalContact &contact = contacts[i];
            const auto position = static_cast<std::ptrdiff_t>(m_rng.index(contact.follows.size()));
            const std::string userid = contact.follows[static_cast<std::size_t>(position)].userid;
            contact.follows.erase(contact.follows.begin() + position);
            externalEvent(m_rng.chance(0.5) ? "del_follow_user" : "del_external_contact", userid,
                          contact.externalUserid);
            if (contact.follows.empty()) {
                m_removedContacts[i] = true;
            }
        }

        if (std::find(m_removedContacts.begin(), m_removedContacts.end(), true) != m_removedContacts.end()) {
            std::size_t write = 0;
            for (std::size_t read = 0; read < contacts.size(); ++read) {
                if (m_removedContacts[read]) {
                    continue;
                }
                if (write != read) {
                    contacts[write] = std::move(contacts[read]);
                }
                ++write;
            }
            contacts.erase(contacts.begin() + static_cast<std::ptrdiff_t>(write), contacts.end());
        }
    }

    SandboxCorp &m_corp;
    Rng m_rng;
    std::int64_t m_now;
    std::vector<bool> m_removedContacts;
    std::vector<ChangeEvent> m_events;
    std::set<std::string> m_createdUsers;
    std::set<std::string> m_updatedUsers;
    std::set<std::int64_t> m_createdParties;
    std::set<std::int64_t> m_updatedParties;
};

std::vector<ChangeEvent> CorpBuilder::advance(SandboxCorp &corp, int round)
{
    return Round(corp, round).run();
}

} // namespace ic::sandbox
