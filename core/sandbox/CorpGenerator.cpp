#include "sandbox/CorpBuilder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

namespace ic::sandbox {

using detail::Rng;

namespace {

// One PRNG stream per part of the corp, so that e.g. the number of contacts does not change the staff.
enum Stream : std::uint64_t {
    CredentialsStream = 1,
    CompanyStream,
    DepartmentStream,
    StaffStream,
    LeaderStream,
    TagStream,
    ContactStream,
    GroupChatStream,
};

std::string lowercase(std::string text)
{
    for (auto &c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

/// "XiaoMing" -> "Xiaoming"
std::string capitalised(const std::string &text)
{
    std::string result = lowercase(text);
    if (!result.empty()) {
        result[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(result[0])));
    }
    return result;
}

bool contains(const std::vector<std::string> &items, const std::string &item)
{
    return std::find(items.begin(), items.end(), item) != items.end();
}

struct AddWay {
    int value;
    int weight;
};

// add_way values (wecom-api.md §4.3) with rough real-world frequencies (percent).
constexpr AddWay kAddWays[] = {
    {1, 30}, {2, 10}, {3, 15}, {4, 8}, {5, 8}, {6, 5}, {7, 5}, {8, 1}, {9, 1}, {10, 3}, {0, 3}, {201, 6}, {202, 5},
};

int pickAddWay(Rng &rng)
{
    int roll = static_cast<int>(rng.below(100));
    for (const AddWay &way : kAddWays) {
        if (roll < way.weight) {
            return way.value;
        }
        roll -= way.weight;
    }
    return 1;
}

} // namespace

// ---- Helpers shared with the revision rounds -----------------------------------------------------------------

std::string CorpBuilder::nextSerialId(SandboxCorp &corp, Rng &rng, std::string_view prefix, std::size_t length)
{
    return detail::makeId(rng, prefix, length, corp.m_nextSerial++);
}

std::string CorpBuilder::uniqueName(const std::string &name, const std::unordered_set<std::string> &taken)
{
    if (taken.count(name) == 0) {
        return name;
    }
    for (int number = 2;; ++number) {
        std::string candidate = name + detail::chineseNumber(number);
        if (taken.count(candidate) == 0) {
            return candidate;
        }
    }
}

std::string CorpBuilder::departmentName(Rng &rng, int depth)
{
    return depth <= 2 ? detail::unitName(rng) : detail::teamName(rng);
}

std::string CorpBuilder::uniqueUserid(Rng &rng, const detail::PersonName &person,
                                      std::unordered_set<std::string> &takenLowercase)
{
    // Userids as corps really set them: "ZhangWei", "zhangwei" or "wei.zhang", numbered when taken. Always
    // [0-9A-Za-z_-@.], starting with a letter, unique case-insensitively.
    std::string base;
    const double style = rng.unit();
    if (style < 0.65) {
        base = person.pinyinSurname + capitalised(person.pinyinGiven);
    } else if (style < 0.85) {
        base = lowercase(person.pinyinSurname + person.pinyinGiven);
    } else {
        base = lowercase(person.pinyinGiven) + "." + lowercase(person.pinyinSurname);
    }
    std::string userid = base;
    for (int number = 2; takenLowercase.count(lowercase(userid)) != 0; ++number) {
        userid = base + std::to_string(number);
    }
    takenLowercase.insert(lowercase(userid));
    return userid;
}

Staff CorpBuilder::makeStaff(SandboxCorp &corp, Rng &rng, std::unordered_set<std::string> &takenLowercase,
                             std::int64_t mainDepartment)
{
    const detail::PersonName person = detail::personName(rng);
    Staff staff;
    staff.userid = uniqueUserid(rng, person, takenLowercase);
    staff.openUserid = nextSerialId(corp, rng, "wo", 32);
    staff.name = person.name;
    staff.gender = rng.chance(0.02) ? "0" : (person.gender == 1 ? "1" : "2");
    if (rng.chance(0.25)) {
        staff.englishName = detail::englishName(rng, person.gender);
    }
    if (rng.chance(0.1)) {
        staff.alias = staff.englishName.empty() ? lowercase(person.pinyinSurname + person.pinyinGiven)
                                                : lowercase(staff.englishName);
    }
    staff.position = detail::staffPosition(rng);
    staff.status = 1;
    staff.mobile = detail::mobile(rng);
    const std::string mailbox = lowercase(staff.userid);
    staff.email = mailbox + "@" + corp.m_mailDomain;
    if (rng.chance(0.4)) {
        staff.bizMail = mailbox + "@" + corp.m_mailDomain.substr(0, corp.m_mailDomain.find('.')) + ".wecom.work";
    }
    if (rng.chance(0.3)) {
        staff.telephone = detail::telephone(rng);
    }
    if (rng.chance(0.3)) {
        staff.address = detail::address(rng);
    }
    staff.avatar = "https://wework.qpic.cn/wwpic/" + detail::randomHex(rng, 24) + "/0";
    staff.departments.push_back(mainDepartment);
    staff.orderInDepartments.push_back(static_cast<std::int64_t>(rng.below(1000)));
    staff.isLeaderInDepartments.push_back(0);
    staff.mainDepartment = mainDepartment;
    return staff;
}

ExternalContact CorpBuilder::makeContact(SandboxCorp &corp, Rng &rng)
{
    ExternalContact contact;
    contact.type = rng.chance(0.8) ? 1 : 2;
    contact.externalUserid = nextSerialId(corp, rng, contact.type == 1 ? "wm" : "wo", 32);
    const double roll = rng.unit();
    if (contact.type == 2 || roll < 0.75) {
        const detail::PersonName person = detail::personName(rng);
        contact.name = person.name;
        contact.gender = person.gender;
    } else if (roll < 0.9) {
        contact.name = detail::nickname(rng);
        contact.gender = static_cast<int>(rng.below(3));
    } else {
        const int gender = rng.chance(0.5) ? 1 : 2;
        contact.name = detail::englishName(rng, gender);
        contact.gender = gender;
    }
    if (contact.type == 1) {
        if (rng.chance(0.9)) {
            contact.unionid = nextSerialId(corp, rng, "o", 28);
        }
    } else {
        const detail::Company company = detail::company(rng);
        contact.position = rng.chance(0.85) ? detail::customerPosition(rng) : std::string();
        contact.corpName = company.shortName;
        contact.corpFullName = company.fullName;
    }
    return contact;
}

std::vector<std::string> CorpBuilder::pickTags(Rng &rng, const std::vector<std::string> &allTagIds)
{
    std::vector<std::string> tags;
    if (allTagIds.empty()) {
        return tags;
    }
    const double roll = rng.unit();
    std::size_t count = roll < 0.45 ? 0 : roll < 0.75 ? 1 : roll < 0.90 ? 2 : roll < 0.97 ? 3 : 4;
    count = std::min(count, allTagIds.size());
    tags.reserve(count);
    while (tags.size() < count) {
        const std::string &tag = allTagIds[rng.index(allTagIds.size())];
        if (!contains(tags, tag)) {
            tags.push_back(tag);
        }
    }
    return tags;
}

std::vector<std::string> CorpBuilder::allTagIds(const SandboxCorp &corp)
{
    std::vector<std::string> ids;
    for (const CorpTagGroup &group : corp.m_tagGroups) {
        for (const CorpTag &tag : group.tags) {
            ids.push_back(tag.id);
        }
    }
    return ids;
}

CorpTag CorpBuilder::makeTag(SandboxCorp &corp, Rng &rng, std::string name, std::int64_t createTime, std::int64_t order)
{
    CorpTag tag;
    tag.id = nextSerialId(corp, rng, "et", 32);
    tag.name = std::move(name);
    tag.createTime = createTime;
    tag.order = order;
    return tag;
}

FollowInfo CorpBuilder::makeFollow(const SandboxCorp &corp, Rng &rng, const ExternalContact &contact,
                                   const std::string &follower, std::int64_t createtime,
                                   const std::vector<std::string> &allTagIds, const std::vector<std::size_t> &staffPool)
{
    FollowInfo follow;
    follow.userid = follower;
    follow.createtime = createtime;
    const double remark = rng.unit();
    if (remark < 0.25) {
        follow.remark = contact.name;
    } else if (remark < 0.45) {
        follow.remark = detail::personName(rng).surname + detail::remarkTitle(rng);
    }
    if (rng.chance(0.25)) {
        follow.description = detail::followDescription(rng);
    }
    follow.tagIds = pickTags(rng, allTagIds);
    if (contact.type == 2 && rng.chance(0.4)) {
        follow.remarkCorpName = contact.corpName;
    }
    if (rng.chance(0.12)) {
        follow.remarkMobiles.push_back(detail::mobile(rng));
        if (rng.chance(0.2)) {
            follow.remarkMobiles.push_back(detail::mobile(rng));
        }
    }
    follow.addWay = pickAddWay(rng);
    switch (follow.addWay) {
    case 1:
    case 4:
    case 7:
    case 10:
        // The customer scanned, joined from a group, sent a request or came from a channel: they initiated it.
        follow.operUserid = contact.externalUserid;
        break;
    case 201:
    case 202:
        // Shared by a colleague or assigned by an administrator.
        follow.operUserid = staffPool.empty() ? follower : corp.m_staff[staffPool[rng.index(staffPool.size())]].userid;
        break;
    default:
        follow.operUserid = follower;
    }
    if (follow.addWay == 1 && rng.chance(0.6)) {
        follow.state = detail::channelState(rng);
    }
    return follow;
}

// ---- Revision 0 ---------------------------------------------------------------------------------------------

void CorpBuilder::generate(SandboxCorp &corp)
{
    const CorpSpec &spec = corp.m_spec;
    const std::size_t departmentCount = static_cast<std::size_t>(std::max(1, spec.departments));
    const std::size_t staffCount = static_cast<std::size_t>(std::max(0, spec.staff));
    // Customers need a follower and chats an owner: a corp without staff has neither.
    const std::size_t contactCount = staffCount == 0 ? 0 : static_cast<std::size_t>(std::max(0, spec.contacts));
    const std::size_t chatCount = staffCount == 0 ? 0 : static_cast<std::size_t>(std::max(0, spec.groupChats));
    const int tagGroupCount = std::max(0, spec.tagGroups);
    const int tagsPerGroup = std::max(0, spec.tagsPerGroup);
    const auto headroom = [](std::size_t n) { return n + n / 16 + 16; }; // a few revision rounds without regrowth

    {
        Rng rng(spec.seed, CredentialsStream);
        CorpCredentials &credentials = corp.m_credentials;
        credentials.corpId = "ww" + detail::randomHex(rng, 16);
        credentials.agentId = 1000002;
        credentials.appSecret = detail::randomAlphanumeric(rng, 43);
        credentials.contactsSecret = detail::randomAlphanumeric(rng, 43);
        credentials.customerSecret = detail::randomAlphanumeric(rng, 43);
        credentials.callbackToken = detail::randomAlphanumeric(rng, 32);
        credentials.encodingAesKey = detail::randomAlphanumeric(rng, 43);
    }

    Rng companyRng(spec.seed, CompanyStream);
    const detail::Company company = detail::company(companyRng);
    corp.m_mailDomain = company.pinyin + ".com";

    // Departments: ids 1..n in creation order; a handful of first-level divisions, the rest attached below any
    // department that still has room for a level, which gives trees four or five levels deep.
    auto &departments = corp.m_departments;
    departments.reserve(headroom(departmentCount));
    std::vector<int> depth;
    depth.reserve(departmentCount);
    {
        Rng rng(spec.seed, DepartmentStream);
        departments.push_back(Department{1, company.fullName, std::string(), 0, 100000000, {}});
        depth.push_back(0);
        std::unordered_map<std::int64_t, std::unordered_set<std::string>> childNames;
        std::unordered_map<std::int64_t, std::int64_t> childCount;
        std::vector<std::size_t> parents; // indices of departments that may take children
        const std::size_t root = static_cast<std::size_t>(std::sqrt(static_cast<double>(departmentCount)));
        const std::size_t firstLevel = std::min(departmentCount - 1, std::min<std::size_t>(14, 3 + root / 3));
        for (std::size_t i = 1; i < departmentCount; ++i) {
            Department department;
            department.id = static_cast<std::int64_t>(i + 1);
            std::size_t parent = 0;
            std::string name;
            if (i <= firstLevel) {
                const detail::DepartmentName division = detail::divisionName(static_cast<int>(i - 1));
                name = division.name;
                department.nameEn = division.nameEn;
            } else {
                parent = parents[rng.index(parents.size())];
                name = departmentName(rng, depth[parent] + 1);
            }
            department.parentId = departments[parent].id;
            auto &siblings = childNames[department.parentId];
            department.name = uniqueName(name, siblings);
            siblings.insert(department.name);
            department.order = std::max<std::int64_t>(1, 100000 - 100 * childCount[department.parentId]++);
            depth.push_back(depth[parent] + 1);
            if (depth.back() < kMaxDepth) {
                parents.push_back(i);
            }
            departments.push_back(std::move(department));
        }
    }
    corp.m_nextDepartmentId = static_cast<std::int64_t>(departmentCount) + 1;

    // Staff: the first member runs the company from the root department; most others sit in one department
    // below the root, about 15 % in two or three.
    auto &staff = corp.m_staff;
    staff.reserve(headroom(staffCount));
    {
        Rng rng(spec.seed, StaffStream);
        std::unordered_set<std::string> taken;
        taken.reserve(headroom(staffCount));
        const auto randomDepartment = [&] {
            return departmentCount == 1 ? std::int64_t{1}
                                        : static_cast<std::int64_t>(2 + rng.index(departmentCount - 1));
        };
        for (std::size_t i = 0; i < staffCount; ++i) {
            const std::int64_t main = (i == 0 || rng.chance(0.03)) ? 1 : randomDepartment();
            Staff member = makeStaff(corp, rng, taken, main);
            if (i == 0) {
                member.position = "总经理";
            } else {
                const double status = rng.unit();
                member.status = status < 0.88 ? 1 : status < 0.92 ? 2 : status < 0.97 ? 4 : 5;
            }
            if (departmentCount > 3 && rng.chance(0.15)) {
                const int extra = rng.chance(0.2) ? 2 : 1;
                for (int attempt = 0; attempt < 8 && static_cast<int>(member.departments.size()) < 1 + extra;
                     ++attempt) {
                    const std::int64_t id = randomDepartment();
                    if (std::find(member.departments.begin(), member.departments.end(), id) ==
                        member.departments.end()) {
                        member.departments.push_back(id);
                        member.orderInDepartments.push_back(static_cast<std::int64_t>(rng.below(1000)));
                        member.isLeaderInDepartments.push_back(0);
                    }
                }
            }
            member.hasCustomerContact = member.status == 1 && rng.chance(0.7);
            staff.push_back(std::move(member));
        }
        if (contactCount > 0 &&
            std::none_of(staff.begin(), staff.end(), [](const Staff &member) { return member.hasCustomerContact; })) {
            staff.front().hasCustomerContact = true;
        }
    }

    // Leaders: most departments with members get one (sometimes two), preferably active; direct leaders are the
    // leaders of one's main department, or of its parent for the leaders themselves.
    {
        Rng rng(spec.seed, LeaderStream);
        std::vector<std::vector<std::size_t>> members(departmentCount);
        for (std::size_t i = 0; i < staff.size(); ++i) {
            for (const std::int64_t id : staff[i].departments) {
                members[static_cast<std::size_t>(id - 1)].push_back(i);
            }
        }
        if (!staff.empty()) {
            departments[0].leaders.push_back(staff[0].userid); // the founder leads the company
            staff[0].isLeaderInDepartments[0] = 1;
        }
        for (std::size_t d = 1; d < departmentCount; ++d) {
            if (members[d].empty() || !rng.chance(0.85)) {
                continue;
            }
            std::vector<std::size_t> active;
            for (const std::size_t i : members[d]) {
                if (staff[i].status == 1) {
                    active.push_back(i);
                }
            }
            const auto &pool = active.empty() ? members[d] : active;
            const std::size_t leaderCount = std::min<std::size_t>(pool.size(), rng.chance(0.1) ? 2 : 1);
            for (std::size_t attempt = 0; attempt < 8 && departments[d].leaders.size() < leaderCount; ++attempt) {
                Staff &leader = staff[pool[rng.index(pool.size())]];
                if (contains(departments[d].leaders, leader.userid)) {
                    continue;
                }
                departments[d].leaders.push_back(leader.userid);
                for (std::size_t k = 0; k < leader.departments.size(); ++k) {
                    if (leader.departments[k] == departments[d].id) {
                        leader.isLeaderInDepartments[k] = 1;
                    }
                }
            }
        }
        for (Staff &member : staff) {
            std::int64_t id = member.mainDepartment;
            for (int level = 0; level < 3 && id != 0 && member.directLeaders.empty(); ++level) {
                const Department &department = departments[static_cast<std::size_t>(id - 1)];
                for (const std::string &leader : department.leaders) {
                    if (leader != member.userid && member.directLeaders.size() < 5) {
                        member.directLeaders.push_back(leader);
                    }
                }
                id = department.parentId;
            }
        }
    }

    // Corp tag groups and their tags.
    {
        Rng rng(spec.seed, TagStream);
        corp.m_tagGroups.reserve(static_cast<std::size_t>(tagGroupCount) + 8);
        for (int g = 0; g < tagGroupCount; ++g) {
            CorpTagGroup group;
            group.groupId = nextSerialId(corp, rng, "et", 32);
            group.groupName = detail::tagGroupName(g);
            group.createTime = kEpoch - static_cast<std::int64_t>(rng.below(3 * kYear));
            group.order = tagGroupCount - g;
            for (int t = 0; t < tagsPerGroup; ++t) {
                group.tags.push_back(makeTag(corp, rng, detail::tagName(g, t),
                                             group.createTime + static_cast<std::int64_t>(rng.below(30 * kDay)),
                                             tagsPerGroup - t));
            }
            corp.m_tagGroups.push_back(std::move(group));
        }
    }

    // Customers: ~70 % with one follower, ~25 % with two, ~5 % with three to five; added over the past five years.
    std::vector<std::size_t> followers;
    std::vector<std::size_t> activeStaff;
    for (std::size_t i = 0; i < staff.size(); ++i) {
        if (staff[i].hasCustomerContact) {
            followers.push_back(i);
        }
        if (staff[i].status == 1) {
            activeStaff.push_back(i);
        }
    }
    {
        Rng rng(spec.seed, ContactStream);
        const std::vector<std::string> tagIds = allTagIds(corp);
        auto &contacts = corp.m_contacts;
        contacts.reserve(headroom(contactCount));
        for (std::size_t i = 0; i < contactCount; ++i) {
            ExternalContact contact = makeContact(corp, rng);
            const double roll = rng.unit();
            std::size_t count = roll < 0.70 ? 1 : roll < 0.95 ? 2 : static_cast<std::size_t>(rng.between(3, 5));
            count = std::min(count, followers.size());
            std::size_t chosen[5];
            std::size_t chosenCount = 0;
            while (chosenCount < count) {
                const std::size_t pick = followers[rng.index(followers.size())];
                if (std::find(chosen, chosen + chosenCount, pick) == chosen + chosenCount) {
                    chosen[chosenCount++] = pick;
                }
            }
            const std::int64_t first = kEpoch - static_cast<std::int64_t>(rng.below(5 * kYear));
            contact.follows.reserve(count);
            for (std::size_t j = 0; j < count; ++j) {
                const std::int64_t createtime =
                    j == 0 ? first : std::min(kEpoch, first + static_cast<std::int64_t>(rng.below(kYear)));
                contact.follows.push_back(
                    makeFollow(corp, rng, contact, staff[chosen[j]].userid, createtime, tagIds, activeStaff));
            }
            contacts.push_back(std::move(contact));
        }
    }

    // The app's visible range: every first-level branch except the one or two whose subtrees together come
    // closest to a third of the departments; the root is visible only when everything is.
    {
        std::vector<std::size_t> branchSize;
        std::vector<std::int64_t> branches;
        std::vector<std::int64_t> branchOf(departmentCount, 0);
        for (std::size_t i = 1; i < departmentCount; ++i) {
            const std::int64_t parent = departments[i].parentId;
            branchOf[i] = parent == 1 ? departments[i].id : branchOf[static_cast<std::size_t>(parent - 1)];
            if (parent == 1) {
                branches.push_back(departments[i].id);
                branchSize.push_back(0);
            }
            const auto position = std::find(branches.begin(), branches.end(), branchOf[i]) - branches.begin();
            ++branchSize[static_cast<std::size_t>(position)];
        }
        corp.m_appVisibleDepartments.clear();
        if (branches.size() < 2) {
            corp.m_appVisibleDepartments.push_back(1);
        } else {
            const double target = static_cast<double>(departmentCount) / 3.0;
            std::size_t hideA = 0;
            std::size_t hideB = 0; // == hideA: hide one branch only
            double best = -1;
            for (std::size_t a = 0; a < branches.size(); ++a) {
                for (std::size_t b = a; b < branches.size(); ++b) {
                    const std::size_t hidden = 1 + branchSize[a] + (b == a ? 0 : branchSize[b]);
                    const double distance = std::abs(static_cast<double>(hidden) - target);
                    if (hidden < departmentCount && (best < 0 || distance < best)) {
                        best = distance;
                        hideA = a;
                        hideB = b;
                    }
                }
            }
            for (std::size_t k = 0; k < branches.size(); ++k) {
                if (k != hideA && k != hideB) {
                    corp.m_appVisibleDepartments.push_back(branches[k]);
                }
            }
        }
    }

    corp.rebuildIndexes();

    // Group chats, owned by members with the customer-contact feature, with colleagues and mostly the owner's
    // own customers.
    {
        Rng rng(spec.seed, GroupChatStream);
        const auto &owners = !followers.empty() ? followers : activeStaff;
        corp.m_groupChats.reserve(chatCount);
        for (std::size_t i = 0; i < chatCount && !owners.empty(); ++i) {
            GroupChat chat;
            chat.chatId = nextSerialId(corp, rng, "wr", 30);
            chat.name = detail::chatName(rng);
            chat.owner = staff[owners[rng.index(owners.size())]].userid;
            chat.createTime = kEpoch - static_cast<std::int64_t>(rng.below(3 * kYear));
            if (rng.chance(0.4)) {
                chat.notice = detail::chatNotice(rng);
            }
            const auto isMember = [&chat](const std::string &userid) {
                return std::any_of(chat.members.begin(), chat.members.end(),
                                   [&userid](const GroupChatMember &member) { return member.userid == userid; });
            };
            const auto joinTime = [&] { return chat.createTime + static_cast<std::int64_t>(rng.below(180 * kDay)); };
            chat.members.push_back(GroupChatMember{chat.owner, 1, chat.createTime, 1, std::string()});
            const int colleagues = std::min(rng.between(0, 3), static_cast<int>(staff.size()) - 1);
            for (int attempt = 0, added = 0; added < colleagues && attempt < 16; ++attempt) {
                const std::string &userid = staff[rng.index(staff.size())].userid;
                if (!isMember(userid)) {
                    chat.members.push_back(GroupChatMember{userid, 1, joinTime(), 1, chat.owner});
                    ++added;
                    if (chat.admins.size() < 2 && rng.chance(0.3)) {
                        chat.admins.push_back(userid);
                    }
                }
            }
            const auto &own = corp.followedBy(chat.owner);
            const int customers = std::min(rng.between(2, 30), static_cast<int>(corp.m_contacts.size()));
            for (int attempt = 0, added = 0; added < customers && attempt < 4 * customers; ++attempt) {
                const std::size_t index = !own.empty() && rng.chance(0.8) ? own[rng.index(own.size())].first
                                                                          : rng.index(corp.m_contacts.size());
                const std::string &userid = corp.m_contacts[index].externalUserid;
                if (!isMember(userid)) {
                    const int scene = rng.chance(0.6) ? 1 : rng.chance(0.5) ? 2 : 3;
                    chat.members.push_back(
                        GroupChatMember{userid, 2, joinTime(), scene, scene == 3 ? std::string() : chat.owner});
                    ++added;
                }
            }
            corp.m_groupChats.push_back(std::move(chat));
        }
        for (std::size_t i = 0; i < corp.m_groupChats.size(); ++i) {
            corp.m_groupChatIndex[corp.m_groupChats[i].chatId] = i;
        }
    }
}

} // namespace ic::sandbox
