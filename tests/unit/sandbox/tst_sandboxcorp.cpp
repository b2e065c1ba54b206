#include "sandbox/SandboxCorp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

using namespace ic::sandbox;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

std::string dumpOf(const SandboxCorp &corp, bool jsonLines = true)
{
    std::ostringstream out;
    corp.dump(out, jsonLines);
    return out.str();
}

bool matches(const char *pattern, const std::string &text)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(QLatin1String(pattern))).match(q(text)).hasMatch();
}

bool containsCjk(const std::string &text)
{
    const QString s = q(text);
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

CorpSpec mediumSpec(std::uint64_t seed = 11)
{
    return CorpSpec{seed, 80, 400, 3000, 5, 6, 20};
}

std::string staffJson(const SandboxCorp &corp, const Staff &staff, bool visibleOnly = false)
{
    JsonWriter json;
    corp.writeStaff(json, staff, visibleOnly);
    return json.take();
}

/// Every structural promise of the model, checked on the whole corp.
void checkInvariants(const SandboxCorp &corp)
{
    // Departments: unique ids, one root, parents exist, no cycles, at most five levels.
    std::map<std::int64_t, const Department *> departments;
    for (const Department &department : corp.departments()) {
        QVERIFY2(departments.emplace(department.id, &department).second, "duplicate department id");
        QCOMPARE(corp.department(department.id), &department);
        QVERIFY(!department.name.empty());
    }
    QVERIFY(departments.count(1) == 1);
    QCOMPARE(departments[1]->parentId, std::int64_t{0});
    QVERIFY(std::is_sorted(corp.departments().begin(), corp.departments().end(),
                           [](const Department &a, const Department &b) { return a.id < b.id; }));
    int maxLevels = 0;
    for (const Department &department : corp.departments()) {
        int levels = 1;
        std::int64_t id = department.id;
        while (id != 1) {
            QVERIFY2(departments.count(id) == 1, "parent missing");
            id = departments[id]->parentId;
            QVERIFY2(++levels <= 16, "cycle in the department tree");
        }
        maxLevels = std::max(maxLevels, levels);
        for (const std::string &leader : department.leaders) {
            const Staff *member = corp.staffMember(leader);
            QVERIFY2(member != nullptr, "leader is not staff");
            QVERIFY2(std::find(member->departments.begin(), member->departments.end(), department.id) !=
                         member->departments.end(),
                     "leader is not a member of the department");
        }
    }
    QVERIFY(maxLevels <= 5);
    if (corp.departments().size() >= 50) {
        QVERIFY(maxLevels >= 3);
    }
    QCOMPARE(corp.subtree(1).size(), corp.departments().size());

    // Staff.
    std::set<std::string> userids;
    std::size_t withCustomers = 0;
    for (const Staff &member : corp.staff()) {
        QVERIFY2(userids.insert(lower(member.userid)).second, "userid not unique case-insensitively");
        QVERIFY2(matches("[0-9A-Za-z][0-9A-Za-z_\\-@.]{0,63}", member.userid), member.userid.c_str());
        QCOMPARE(corp.staffMember(member.userid), &member);
        QVERIFY(!member.departments.empty());
        QCOMPARE(member.orderInDepartments.size(), member.departments.size());
        QCOMPARE(member.isLeaderInDepartments.size(), member.departments.size());
        QVERIFY(std::find(member.departments.begin(), member.departments.end(), member.mainDepartment) !=
                member.departments.end());
        QVERIFY(std::set<std::int64_t>(member.departments.begin(), member.departments.end()).size() ==
                member.departments.size());
        for (std::size_t k = 0; k < member.departments.size(); ++k) {
            const Department *department = corp.department(member.departments[k]);
            QVERIFY2(department != nullptr, "member of a missing department");
            const bool leads = std::find(department->leaders.begin(), department->leaders.end(), member.userid) !=
                               department->leaders.end();
            QCOMPARE(member.isLeaderInDepartments[k], leads ? 1 : 0);
            const auto inDepartment = corp.staffInDepartment(member.departments[k]);
            QVERIFY(std::find(inDepartment.begin(), inDepartment.end(), &member) != inDepartment.end());
        }
        QVERIFY(member.directLeaders.size() <= 5);
        for (const std::string &leader : member.directLeaders) {
            QVERIFY(leader != member.userid);
            QVERIFY2(corp.staffMember(leader) != nullptr, "direct leader missing");
        }
        QVERIFY(member.gender == "0" || member.gender == "1" || member.gender == "2");
        QVERIFY(member.status == 1 || member.status == 2 || member.status == 4 || member.status == 5);
        withCustomers += member.hasCustomerContact ? 1 : 0;
    }
    QCOMPARE(corp.followUsers().size(), withCustomers);

    // Tags.
    std::set<std::string> tagIds;
    for (const CorpTagGroup &group : corp.tagGroups()) {
        QVERIFY(matches("et[0-9A-Za-z]{30}", group.groupId));
        QVERIFY(tagIds.insert(group.groupId).second);
        std::set<std::string> names;
        for (const CorpTag &tag : group.tags) {
            QVERIFY(matches("et[0-9A-Za-z]{30}", tag.id));
            QVERIFY(tagIds.insert(tag.id).second);
            QVERIFY2(names.insert(tag.name).second, "tag names repeat within a group");
        }
    }

    // Customers and follow relations.
    std::set<std::string> externalIds;
    std::size_t relations = 0;
    for (const ExternalContact &contact : corp.contacts()) {
        QVERIFY(externalIds.insert(contact.externalUserid).second);
        QVERIFY(matches(contact.type == 1 ? "wm[0-9A-Za-z]{30}" : "wo[0-9A-Za-z]{30}", contact.externalUserid));
        QCOMPARE(corp.contact(contact.externalUserid), &contact);
        QVERIFY2(!contact.follows.empty(), "customer without follower");
        std::set<std::string> followers;
        for (const FollowInfo &follow : contact.follows) {
            QVERIFY2(followers.insert(follow.userid).second, "the same member follows a customer twice");
            const Staff *member = corp.staffMember(follow.userid);
            QVERIFY2(member != nullptr, "follower is not staff");
            QVERIFY2(member->hasCustomerContact, "follower without the customer-contact feature");
            QVERIFY(follow.tagIds.size() <= 4);
            for (const std::string &tag : follow.tagIds) {
                QVERIFY2(tagIds.count(tag) == 1 && !tag.empty(), "unknown tag on a relation");
            }
            QVERIFY(follow.createtime > 1500000000 && follow.createtime < 1900000000);
            QVERIFY((follow.addWay >= 0 && follow.addWay <= 10) || follow.addWay == 201 || follow.addWay == 202);
            QVERIFY(!follow.operUserid.empty());
        }
        relations += contact.follows.size();
    }
    std::size_t indexed = 0;
    for (const Staff &member : corp.staff()) {
        for (const auto &[c, f] : corp.followedBy(member.userid)) {
            QCOMPARE(corp.contacts()[c].follows[f].userid, member.userid);
            ++indexed;
        }
    }
    QCOMPARE(indexed, relations);

    for (const GroupChat &chat : corp.groupChats()) {
        QVERIFY(matches("wr[0-9A-Za-z]{28}", chat.chatId));
        QCOMPARE(corp.groupChat(chat.chatId), &chat);
        QVERIFY2(corp.staffMember(chat.owner) != nullptr, "chat owner is not staff");
        for (const std::string &admin : chat.admins) {
            QVERIFY(corp.staffMember(admin) != nullptr);
        }
        for (const GroupChatMember &member : chat.members) {
            if (member.type == 1) {
                QVERIFY(corp.staffMember(member.userid) != nullptr);
            }
        }
    }

    // Visible range: a department is visible exactly when its parent is, or it is a root of the range.
    for (const Department &department : corp.departments()) {
        if (department.parentId != 0 && corp.departmentVisibleToApp(department.parentId)) {
            QVERIFY(corp.departmentVisibleToApp(department.id));
        }
    }
}

struct Snapshot {
    std::map<std::int64_t, std::string> departments;
    std::map<std::string, std::string> staff;
    std::set<std::string> contacts;
    std::map<std::pair<std::string, std::string>, FollowInfo> relations; // (external userid, userid)
    std::set<std::string> tags;
};

Snapshot snapshot(const SandboxCorp &corp)
{
    Snapshot s;
    for (const Department &department : corp.departments()) {
        JsonWriter json;
        SandboxCorp::writeDepartment(json, department);
        s.departments[department.id] = json.take();
    }
    for (const Staff &member : corp.staff()) {
        s.staff[member.userid] = staffJson(corp, member);
    }
    for (const ExternalContact &contact : corp.contacts()) {
        s.contacts.insert(contact.externalUserid);
        for (const FollowInfo &follow : contact.follows) {
            s.relations[{contact.externalUserid, follow.userid}] = follow;
        }
    }
    for (const CorpTagGroup &group : corp.tagGroups()) {
        for (const CorpTag &tag : group.tags) {
            s.tags.insert(tag.id);
        }
    }
    return s;
}

} // namespace

class TestSandboxCorp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deterministic()
    {
        const auto a = SandboxCorp::generate(mediumSpec());
        const auto b = SandboxCorp::generate(mediumSpec());
        const std::string dump = dumpOf(*a);
        QCOMPARE(dump, dumpOf(*b));
        QVERIFY(dump != dumpOf(*SandboxCorp::generate(mediumSpec(12))));
        QCOMPARE(dumpOf(*a, false), dumpOf(*b, false));

        // The first line describes the corp; secrets never appear in the dump.
        std::istringstream lines(dump);
        std::string line;
        std::size_t count = 0;
        std::map<std::string, std::size_t> kinds;
        while (std::getline(lines, line)) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(line), &error);
            QVERIFY2(error.error == QJsonParseError::NoError, line.c_str());
            const QJsonObject object = document.object();
            if (count++ == 0) {
                QCOMPARE(object.value(QLatin1String("kind")).toString(), QStringLiteral("corp"));
                QCOMPARE(object.value(QLatin1String("revision")).toInt(), 0);
                QCOMPARE(object.value(QLatin1String("corpid")).toString(), q(a->credentials().corpId));
                QCOMPARE(object.value(QLatin1String("agentid")).toInt(), 1000002);
                QCOMPARE(object.value(QLatin1String("counts")).toObject().value(QLatin1String("contacts")).toInt(),
                         3000);
            }
            ++kinds[object.value(QLatin1String("kind")).toString().toStdString()];
        }
        QCOMPARE(kinds["department"], a->departments().size());
        QCOMPARE(kinds["staff"], a->staff().size());
        QCOMPARE(kinds["contact"], a->contacts().size());
        QCOMPARE(kinds["tag_group"], a->tagGroups().size());
        QCOMPARE(kinds["group_chat"], a->groupChats().size());
        for (const std::string *secret :
             {&a->credentials().appSecret, &a->credentials().contactsSecret, &a->credentials().customerSecret,
              &a->credentials().callbackToken, &a->credentials().encodingAesKey}) {
            QVERIFY(dump.find(*secret) == std::string::npos);
        }

        // The single-object form is one JSON document with the same records.
        QJsonParseError error;
        const QJsonObject whole =
            QJsonDocument::fromJson(QByteArray::fromStdString(dumpOf(*a, false)), &error).object();
        QVERIFY(error.error == QJsonParseError::NoError);
        QCOMPARE(whole.value(QLatin1String("contacts")).toArray().size(), 3000);
        QCOMPARE(std::size_t(whole.value(QLatin1String("staff")).toArray().size()), a->staff().size());
    }

    void revisionsAreEquivalent()
    {
        auto jumped = SandboxCorp::generate(mediumSpec());
        const auto jumpEvents = jumped->advanceTo(3);
        QCOMPARE(jumped->revision(), 3);

        auto stepped = SandboxCorp::generate(mediumSpec());
        std::vector<ChangeEvent> stepEvents;
        for (int i = 0; i < 3; ++i) {
            const auto round = stepped->advance();
            QVERIFY(!round.empty());
            stepEvents.insert(stepEvents.end(), round.begin(), round.end());
        }
        QCOMPARE(dumpOf(*jumped), dumpOf(*stepped));
        QCOMPARE(jumpEvents.size(), stepEvents.size());
        for (std::size_t i = 0; i < jumpEvents.size(); ++i) {
            QCOMPARE(jumpEvents[i].changeType, stepEvents[i].changeType);
            QCOMPARE(jumpEvents[i].userid, stepEvents[i].userid);
            QCOMPARE(jumpEvents[i].externalUserid, stepEvents[i].externalUserid);
        }
        QVERIFY(dumpOf(*jumped) != dumpOf(*SandboxCorp::generate(mediumSpec())));

        // Going back regenerates.
        jumped->advanceTo(1);
        QCOMPARE(jumped->revision(), 1);
        auto once = SandboxCorp::generate(mediumSpec());
        once->advance();
        QCOMPARE(dumpOf(*jumped), dumpOf(*once));
        jumped->advanceTo(0);
        QCOMPARE(dumpOf(*jumped), dumpOf(*SandboxCorp::generate(mediumSpec())));
    }

    void invariantsHold_data()
    {
        QTest::addColumn<int>("departments");
        QTest::addColumn<int>("staff");
        QTest::addColumn<int>("contacts");
        QTest::newRow("default") << 12 << 60 << 300;
        QTest::newRow("medium") << 80 << 400 << 3000;
        QTest::newRow("many departments") << 300 << 200 << 500;
        QTest::newRow("few staff") << 3 << 4 << 200;
    }

    void invariantsHold()
    {
        QFETCH(int, departments);
        QFETCH(int, staff);
        QFETCH(int, contacts);
        auto corp = SandboxCorp::generate(CorpSpec{5, departments, staff, contacts, 4, 5, 10});
        QCOMPARE(int(corp->departments().size()), departments);
        QCOMPARE(int(corp->staff().size()), staff);
        QCOMPARE(int(corp->contacts().size()), contacts);
        for (int round = 0; round <= 6; ++round) {
            checkInvariants(*corp);
            if (QTest::currentTestFailed()) {
                qWarning("failed at revision %d", round);
                return;
            }
            corp->advance();
        }
    }

    void distributions()
    {
        const auto corp = SandboxCorp::generate(CorpSpec{3, 120, 1000, 20000, 6, 6, 30});
        // Followers per customer: ~70 % one, ~25 % two, ~5 % three to five.
        std::map<std::size_t, int> byFollowers;
        for (const ExternalContact &contact : corp->contacts()) {
            ++byFollowers[contact.follows.size()];
        }
        const double total = double(corp->contacts().size());
        QVERIFY(byFollowers[1] / total > 0.65 && byFollowers[1] / total < 0.75);
        QVERIFY(byFollowers[2] / total > 0.20 && byFollowers[2] / total < 0.30);
        QVERIFY(byFollowers[3] + byFollowers[4] + byFollowers[5] > 0);
        QCOMPARE(byFollowers.rbegin()->first <= 5, true);

        // Staff in several departments (~15 %), statuses mostly active, the customer feature for ~70 % of actives.
        int multi = 0;
        int active = 0;
        int withCustomers = 0;
        std::set<int> statuses;
        for (const Staff &member : corp->staff()) {
            multi += member.departments.size() > 1 ? 1 : 0;
            active += member.status == 1 ? 1 : 0;
            withCustomers += member.hasCustomerContact ? 1 : 0;
            statuses.insert(member.status);
            QVERIFY(!member.hasCustomerContact || member.status == 1);
        }
        QVERIFY(multi > 100 && multi < 200);
        QVERIFY(active > 800);
        QCOMPARE(statuses, (std::set<int>{1, 2, 4, 5}));
        QVERIFY(withCustomers > active * 0.6 && withCustomers < active * 0.8);

        // Both customer kinds, tags per relation 0..4, some states and remark mobiles, several add_ways.
        int type2 = 0;
        int withState = 0;
        int withMobiles = 0;
        std::set<int> addWays;
        std::set<std::size_t> tagCounts;
        for (const ExternalContact &contact : corp->contacts()) {
            type2 += contact.type == 2 ? 1 : 0;
            if (contact.type == 2) {
                QVERIFY(!contact.corpName.empty() && !contact.corpFullName.empty());
                QVERIFY(contact.unionid.empty());
            }
            for (const FollowInfo &follow : contact.follows) {
                withState += follow.state.empty() ? 0 : 1;
                withMobiles += follow.remarkMobiles.empty() ? 0 : 1;
                addWays.insert(follow.addWay);
                tagCounts.insert(follow.tagIds.size());
            }
        }
        QVERIFY(type2 > total * 0.1 && type2 < total * 0.3);
        QVERIFY(withState > 0 && withMobiles > 0);
        QVERIFY(addWays.count(201) == 1 && addWays.count(1) == 1 && addWays.size() >= 10);
        QCOMPARE(tagCounts, (std::set<std::size_t>{0, 1, 2, 3, 4}));

        // createtime spread over years, independent of today's date.
        std::int64_t earliest = INT64_MAX;
        std::int64_t latest = 0;
        for (const ExternalContact &contact : corp->contacts()) {
            for (const FollowInfo &follow : contact.follows) {
                earliest = std::min(earliest, follow.createtime);
                latest = std::max(latest, follow.createtime);
            }
        }
        QVERIFY(latest - earliest > 3 * 365 * 86400LL);
    }

    void changeEventsMatchTheDiff()
    {
        auto corp = SandboxCorp::generate(mediumSpec(21));
        std::set<std::string> seenTypes;
        for (int round = 1; round <= 8; ++round) {
            const Snapshot before = snapshot(*corp);
            const std::vector<ChangeEvent> events = corp->advance();
            const Snapshot after = snapshot(*corp);

            std::set<std::pair<std::string, std::string>> byUser;                   // (changeType, userid)
            std::set<std::pair<std::string, std::int64_t>> byParty;                 // (changeType, id)
            std::set<std::tuple<std::string, std::string, std::string>> byRelation; // (type, ext, userid)
            std::set<std::pair<std::string, std::string>> byContact;                // (type, ext)
            std::set<std::tuple<std::string, std::string, std::string>> byTag;      // (type, id, tagType)
            for (const ChangeEvent &event : events) {
                seenTypes.insert(event.changeType);
                if (event.event == "change_contact") {
                    if (event.changeType.ends_with("_user")) {
                        byUser.insert({event.changeType, event.userid});
                    } else {
                        byParty.insert({event.changeType, event.departmentId});
                    }
                } else if (event.event == "change_external_contact") {
                    byRelation.insert({event.changeType, event.externalUserid, event.userid});
                    byContact.insert({event.changeType, event.externalUserid});
                } else {
                    QCOMPARE(event.event, std::string("change_external_tag"));
                    byTag.insert({event.changeType, event.tagId, event.tagType});
                }
            }

            for (const auto &[id, json] : after.departments) {
                const auto old = before.departments.find(id);
                if (old == before.departments.end()) {
                    QVERIFY2(byParty.count({"create_party", id}) == 1, "new department without create_party");
                } else if (old->second != json) {
                    QVERIFY2(byParty.count({"update_party", id}) == 1, "changed department without update_party");
                }
            }
            for (const auto &[id, json] : before.departments) {
                if (after.departments.count(id) == 0) {
                    QVERIFY2(byParty.count({"delete_party", id}) == 1, "removed department without delete_party");
                }
            }
            for (const auto &[userid, json] : after.staff) {
                const auto old = before.staff.find(userid);
                if (old == before.staff.end()) {
                    QVERIFY2(byUser.count({"create_user", userid}) == 1, userid.c_str());
                } else if (old->second != json) {
                    QVERIFY2(byUser.count({"update_user", userid}) == 1, userid.c_str());
                }
            }
            for (const auto &[userid, json] : before.staff) {
                if (after.staff.count(userid) == 0) {
                    QVERIFY2(byUser.count({"delete_user", userid}) == 1, userid.c_str());
                }
            }
            for (const auto &[type, userid] : byUser) {
                if (type == "delete_user") {
                    QVERIFY(after.staff.count(userid) == 0);
                } else {
                    // An update earlier in the round than a deletion is still reported.
                    QVERIFY(after.staff.count(userid) == 1 || byUser.count({"delete_user", userid}) == 1);
                }
            }

            for (const auto &[key, follow] : after.relations) {
                const auto old = before.relations.find(key);
                if (old == before.relations.end()) {
                    QVERIFY2(byRelation.count({"add_external_contact", key.first, key.second}) == 1,
                             "new relation without add_external_contact");
                    continue;
                }
                // Tags removed with a deleted tag or group need no edit event (WeCom sends only the tag event).
                std::vector<std::string> oldTags;
                for (const std::string &tag : old->second.tagIds) {
                    if (after.tags.count(tag) == 1) {
                        oldTags.push_back(tag);
                    }
                }
                if (old->second.remark != follow.remark || old->second.description != follow.description ||
                    oldTags != follow.tagIds) {
                    QVERIFY2(byRelation.count({"edit_external_contact", key.first, key.second}) == 1,
                             "edited relation without edit_external_contact");
                }
            }
            for (const auto &[key, follow] : before.relations) {
                if (after.relations.count(key) == 0) {
                    QVERIFY2(byRelation.count({"del_follow_user", key.first, key.second}) +
                                     byRelation.count({"del_external_contact", key.first, key.second}) ==
                                 1,
                             "ended relation without del_follow_user / del_external_contact");
                }
            }
            for (const std::string &id : after.contacts) {
                if (before.contacts.count(id) == 0) {
                    QVERIFY(byContact.count({"add_external_contact", id}) == 1);
                }
            }
            for (const std::string &id : before.contacts) {
                if (after.contacts.count(id) == 0) {
                    QVERIFY(byContact.count({"del_external_contact", id}) + byContact.count({"del_follow_user", id}) >=
                            1);
                }
            }
            for (const std::string &id : after.tags) {
                if (before.tags.count(id) == 0) {
                    // A tag is created on its own or with a new group.
                    const bool groupCreated = std::any_of(byTag.begin(), byTag.end(), [](const auto &event) {
                        return std::get<0>(event) == "create" && std::get<2>(event) == "tag_group";
                    });
                    QVERIFY(byTag.count({"create", id, "tag"}) == 1 || groupCreated);
                }
            }
            for (const auto &[type, id, tagType] : byTag) {
                if (type == "delete" && tagType == "tag") {
                    QVERIFY(after.tags.count(id) == 0 && before.tags.count(id) == 1);
                }
                if (type == "create" && tagType == "tag") {
                    QVERIFY(after.tags.count(id) == 1 && before.tags.count(id) == 0);
                }
            }
            checkInvariants(*corp);
        }
        for (const char *type :
             {"create_party", "update_party", "create_user", "update_user", "delete_user", "add_external_contact",
              "edit_external_contact", "del_external_contact", "del_follow_user", "create"}) {
            QVERIFY2(seenTypes.count(type) == 1, type);
        }
    }

    void tinyAndEmptyCorps()
    {
        auto tiny = SandboxCorp::generate(CorpSpec{9, 1, 1, 0, 1, 1, 0});
        QCOMPARE(tiny->departments().size(), std::size_t(1));
        QCOMPARE(tiny->staff().size(), std::size_t(1));
        QVERIFY(tiny->contacts().empty());
        QVERIFY(tiny->departmentVisibleToApp(1));
        QVERIFY(tiny->staffVisibleToApp(tiny->staff().front()));
        checkInvariants(*tiny);
        tiny->advanceTo(10);
        checkInvariants(*tiny);

        auto one = SandboxCorp::generate(CorpSpec{9, 1, 1, 3, 1, 1, 1});
        QCOMPARE(one->contacts().size(), std::size_t(3));
        QVERIFY(one->staff().front().hasCustomerContact);
        checkInvariants(*one);
        one->advanceTo(10);
        checkInvariants(*one);

        auto empty = SandboxCorp::generate(CorpSpec{9, 0, 0, 50, 0, 0, 5});
        QCOMPARE(empty->departments().size(), std::size_t(1));
        QVERIFY(empty->staff().empty());
        QVERIFY(empty->contacts().empty());
        QVERIFY(empty->groupChats().empty());
        QVERIFY(empty->followedBy("nobody").empty());
        QVERIFY(empty->staffInDepartment(1).empty());
        empty->advanceTo(5);
        checkInvariants(*empty);
        QCOMPARE(dumpOf(*empty), [] {
            auto again = SandboxCorp::generate(CorpSpec{9, 0, 0, 50, 0, 0, 5});
            again->advanceTo(5);
            return dumpOf(*again);
        }());
    }

    void fromData()
    {
        CorpCredentials credentials;
        credentials.corpId = "ww0123456789abcdef";
        Department root{1, "测试公司", "", 0, 100000000, {"lisi"}};
        Department sales{2, "销售部", "Sales", 1, 10, {}};
        Staff lisi;
        lisi.userid = "lisi";
        lisi.name = "李四";
        lisi.departments = {1, 2};
        lisi.orderInDepartments = {0, 0};
        lisi.isLeaderInDepartments = {1, 0};
        lisi.mainDepartment = 1;
        lisi.hasCustomerContact = true;
        ExternalContact customer;
        customer.externalUserid = "wmAAAA";
        customer.name = "王五";
        customer.follows.push_back(FollowInfo{"lisi", "王总", "", 1600000000, {}, "", {}, "lisi", 1, ""});
        auto corp = SandboxCorp::fromData(credentials, {sales, root}, {lisi}, {customer}, {}, {}, {2});
        QCOMPARE(corp->departments().front().id, std::int64_t{1});
        QVERIFY(!corp->departmentVisibleToApp(1));
        QVERIFY(corp->departmentVisibleToApp(2));
        QVERIFY(corp->staffVisibleToApp(*corp->staffMember("lisi")));
        QCOMPARE(corp->followedBy("lisi").size(), std::size_t(1));
        QCOMPARE(corp->contact("wmAAAA")->name, std::string("王五"));
        QVERIFY(corp->contact("wmBBBB") == nullptr);
        QVERIFY(corp->advance().empty());
        QCOMPARE(corp->revision(), 1);
        QCOMPARE(corp->contacts().size(), std::size_t(1));

        // Visible-only serialisation lists the visible departments with their parallel entries.
        const QJsonObject staff =
            QJsonDocument::fromJson(QByteArray::fromStdString(staffJson(*corp, *corp->staffMember("lisi"), true)))
                .object();
        QCOMPARE(staff.value(QLatin1String("department")).toArray(), QJsonArray({2}));
        QCOMPARE(staff.value(QLatin1String("is_leader_in_dept")).toArray(), QJsonArray({0}));
        QCOMPARE(staff.value(QLatin1String("order")).toArray().size(), 1);
        QVERIFY(!staff.contains(QLatin1String("main_department")));
    }

    void namesAndIds()
    {
        const auto corp = SandboxCorp::generate(mediumSpec(31));
        const CorpCredentials &credentials = corp->credentials();
        QVERIFY(matches("ww[0-9a-f]{16}", credentials.corpId));
        QCOMPARE(credentials.agentId, std::int64_t{1000002});
        QVERIFY(matches("[A-Za-z0-9]{43}", credentials.appSecret));
        QVERIFY(matches("[A-Za-z0-9]{43}", credentials.contactsSecret));
        QVERIFY(matches("[A-Za-z0-9]{43}", credentials.customerSecret));
        QVERIFY(matches("[A-Za-z0-9]{32}", credentials.callbackToken));
        QVERIFY(matches("[A-Za-z0-9]{43}", credentials.encodingAesKey));
        QVERIFY(credentials.appSecret != credentials.contactsSecret);
        QVERIFY(SandboxCorp::generate(mediumSpec(32))->credentials().corpId != credentials.corpId);

        int english = 0;
        for (const Staff &member : corp->staff()) {
            QVERIFY2(containsCjk(member.name), member.name.c_str());
            QVERIFY(q(member.name).size() >= 2 && q(member.name).size() <= 4);
            english += member.englishName.empty() ? 0 : 1;
        }
        QVERIFY(english > 40 && english < 200);
        for (const Department &department : corp->departments()) {
            QVERIFY2(containsCjk(department.name), department.name.c_str());
        }
        int chineseCustomers = 0;
        for (const ExternalContact &contact : corp->contacts()) {
            chineseCustomers += containsCjk(contact.name) ? 1 : 0;
            if (contact.type == 1 && !contact.unionid.empty()) {
                QVERIFY(matches("o[0-9A-Za-z]{27}", contact.unionid));
            }
        }
        QVERIFY(chineseCustomers > int(corp->contacts().size()) * 3 / 4);
    }

    void visibleRange()
    {
        const auto corp = SandboxCorp::generate(CorpSpec{17, 150, 600, 1000, 4, 5, 10});
        QVERIFY(!corp->departmentVisibleToApp(1));
        std::size_t visible = 0;
        for (const Department &department : corp->departments()) {
            visible += corp->departmentVisibleToApp(department.id) ? 1 : 0;
        }
        const double fraction = double(visible) / double(corp->departments().size());
        QVERIFY2(fraction > 0.5 && fraction < 0.8, qPrintable(QString::number(fraction)));
        std::size_t visibleStaff = 0;
        for (const Staff &member : corp->staff()) {
            const bool any = std::any_of(member.departments.begin(), member.departments.end(),
                                         [&](std::int64_t id) { return corp->departmentVisibleToApp(id); });
            QCOMPARE(corp->staffVisibleToApp(member), any);
            visibleStaff += any ? 1 : 0;
            const QJsonObject json =
                QJsonDocument::fromJson(QByteArray::fromStdString(staffJson(*corp, member, true))).object();
            const auto listed = json.value(QLatin1String("department")).toArray();
            QCOMPARE(json.value(QLatin1String("order")).toArray().size(), listed.size());
            QCOMPARE(json.value(QLatin1String("is_leader_in_dept")).toArray().size(), listed.size());
            for (const auto &id : listed) {
                QVERIFY(corp->departmentVisibleToApp(id.toInteger()));
            }
        }
        QVERIFY(visibleStaff > 0 && visibleStaff < corp->staff().size());
    }

    void serialisationShapes()
    {
        const auto corp = SandboxCorp::generate(mediumSpec(41));
        const ExternalContact *wechat = nullptr;
        const ExternalContact *wecom = nullptr;
        const FollowInfo *tagged = nullptr;
        for (const ExternalContact &contact : corp->contacts()) {
            if (contact.type == 1 && !contact.unionid.empty() && wechat == nullptr) {
                wechat = &contact;
            }
            if (contact.type == 2 && wecom == nullptr) {
                wecom = &contact;
            }
            for (const FollowInfo &follow : contact.follows) {
                if (tagged == nullptr && !follow.tagIds.empty() && follow.state.empty()) {
                    tagged = &follow;
                }
            }
        }
        QVERIFY(wechat && wecom && tagged);
        const auto parse = [](const std::string &text) {
            return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
        };
        JsonWriter json;
        SandboxCorp::writeContact(json, *wechat);
        QJsonObject object = parse(json.take());
        QCOMPARE(object.value(QLatin1String("type")).toInt(), 1);
        QVERIFY(object.contains(QLatin1String("unionid")));
        QVERIFY(!object.contains(QLatin1String("corp_name")));
        QVERIFY(object.value(QLatin1String("avatar")).toString().startsWith(QLatin1String("http")));

        json.clear();
        SandboxCorp::writeContact(json, *wecom);
        object = parse(json.take());
        QCOMPARE(object.value(QLatin1String("type")).toInt(), 2);
        QVERIFY(!object.contains(QLatin1String("unionid")));
        QVERIFY(!object.value(QLatin1String("corp_full_name")).toString().isEmpty());

        json.clear();
        corp->writeFollowUser(json, *tagged);
        object = parse(json.take());
        const QJsonArray tags = object.value(QLatin1String("tags")).toArray();
        QCOMPARE(std::size_t(tags.size()), tagged->tagIds.size());
        const QJsonObject tag = tags.first().toObject();
        QVERIFY(!tag.value(QLatin1String("group_name")).toString().isEmpty());
        QVERIFY(!tag.value(QLatin1String("tag_name")).toString().isEmpty());
        QCOMPARE(tag.value(QLatin1String("tag_id")).toString(), q(tagged->tagIds.front()));
        QCOMPARE(tag.value(QLatin1String("type")).toInt(), 1);
        QVERIFY(!object.contains(QLatin1String("state")));
        QCOMPARE(object.value(QLatin1String("createtime")).toInteger(), tagged->createtime);

        json.clear();
        SandboxCorp::writeFollowInfo(json, *tagged);
        object = parse(json.take());
        QCOMPARE(std::size_t(object.value(QLatin1String("tag_id")).toArray().size()), tagged->tagIds.size());
        QVERIFY(!object.contains(QLatin1String("tags")));

        json.clear();
        const Staff &member = corp->staff().front();
        corp->writeStaff(json, member, false);
        object = parse(json.take());
        QVERIFY(object.value(QLatin1String("gender")).isString());
        QCOMPARE(object.value(QLatin1String("userid")).toString(), q(member.userid));
        QCOMPARE(object.value(QLatin1String("main_department")).toInteger(), member.mainDepartment);
        QVERIFY(object.value(QLatin1String("direct_leader")).isArray());
    }
};

QTEST_GUILESS_MAIN(TestSandboxCorp)
#include "tst_sandboxcorp.moc"
