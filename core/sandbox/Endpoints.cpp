// The WeCom endpoints of the sandbox (wecom-api.md §3-§5). Choices where WeCom's behaviour is not documented
// are stated next to the code that makes them; SandboxServer.h's class comment lists them in one place.

#include "sandbox/ServerParts.h"

#include "sandbox/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <unordered_set>

namespace ic::sandbox::detail {

namespace {

const std::string *param(const Query &query, const char *key)
{
    const auto it = query.find(key);
    return it == query.end() ? nullptr : &it->second;
}

std::optional<std::int64_t> toInt(std::string_view text)
{
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

/// The JSON body as an object; an empty body counts as {}. std::nullopt when it is not a JSON object (47001).
std::optional<QJsonObject> parseBody(const std::string &body)
{
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
        return QJsonObject{};
    }
    QJsonParseError error{};
    const auto document =
        QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), static_cast<qsizetype>(body.size())), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return std::nullopt;
    }
    return document.object();
}

/// A string array member; std::nullopt when present but not an array of strings.
std::optional<std::vector<std::string>> stringList(const QJsonObject &object, const QString &key)
{
    std::vector<std::string> out;
    const auto value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        return out;
    }
    if (!value.isArray()) {
        return std::nullopt;
    }
    for (const auto &item : value.toArray()) {
        if (!item.isString()) {
            return std::nullopt;
        }
        out.push_back(item.toString().toStdString());
    }
    return out;
}

/// An integer member: `fallback` when absent, std::nullopt when present but not an integer.
std::optional<std::int64_t> intMember(const QJsonObject &object, const QString &key, std::int64_t fallback)
{
    const auto value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        return fallback;
    }
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d == static_cast<double>(static_cast<std::int64_t>(d))) {
            return static_cast<std::int64_t>(d);
        }
        return std::nullopt;
    }
    if (value.isString()) {
        return toInt(value.toString().toStdString());
    }
    return std::nullopt;
}

JsonWriter okWriter()
{
    JsonWriter json;
    json.beginObject().field("errcode", 0).field("errmsg", "ok");
    return json;
}

std::string splitAndJoin(const std::vector<std::string> &items)
{
    std::string out;
    for (const auto &item : items) {
        if (!out.empty()) {
            out.push_back('|');
        }
        out.append(item);
    }
    return out;
}

std::vector<std::string> splitBar(const std::string &text)
{
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto bar = text.find('|', pos);
        std::string item = text.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty()) {
            out.push_back(std::move(item));
        }
        if (bar == std::string::npos) {
            break;
        }
        pos = bar + 1;
    }
    return out;
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// followUsers() is sorted.
bool isFollowUser(const SandboxCorp &corp, const std::string &userid)
{
    const auto users = corp.followUsers();
    return std::binary_search(users.begin(), users.end(), userid);
}

} // namespace

WeComApi::WeComApi(std::unique_ptr<SandboxCorp> corp, CorpCredentials credentials)
    : m_corp(std::move(corp))
    , m_credentials(std::move(credentials))
{}

const std::vector<WeComApi::Endpoint> &WeComApi::endpoints()
{
    static const std::vector<Endpoint> table{
        {"gettoken", false, Access::None, nullptr},
        {"department/list", false, Access::Org, &WeComApi::departmentList},
        {"department/simplelist", false, Access::Org, &WeComApi::departmentSimpleList},
        {"department/get", false, Access::Org, &WeComApi::departmentGet},
        {"user/simplelist", false, Access::Org, &WeComApi::userSimpleList},
        {"user/list", false, Access::Org, &WeComApi::userList},
        {"user/get", false, Access::Org, &WeComApi::userGet},
        {"user/list_id", true, Access::SyncOnly, &WeComApi::userListId},
        {"externalcontact/get_follow_user_list", false, Access::Customer, &WeComApi::followUserList},
        {"externalcontact/list", false, Access::Customer, &WeComApi::contactList},
        {"externalcontact/get", false, Access::Customer, &WeComApi::contactGet},
        {"externalcontact/batch/get_by_user", true, Access::Customer, &WeComApi::batchGetByUser},
        {"externalcontact/get_corp_tag_list", true, Access::Customer, &WeComApi::corpTagList},
        {"externalcontact/groupchat/list", true, Access::Customer, &WeComApi::groupChatList},
        {"externalcontact/groupchat/get", true, Access::Customer, &WeComApi::groupChatGet},
        {"message/send", true, Access::AppSender, &WeComApi::messageSend},
    };
    return table;
}

int WeComApi::permission(Access access, SecretKind kind)
{
    switch (access) {
    case Access::None:
        return 0;
    case Access::Org:
        // The customer-contact secret is for external contacts only; org reads need the app or the
        // contacts-sync secret.
        return kind == SecretKind::Customer ? 48002 : 0;
    case Access::SyncOnly:
        return kind == SecretKind::Contacts ? 0 : 48002;
    case Access::Customer:
        // The sandbox's self-built app is not in 「客户联系 → 可调用接口的应用」, so only the customer-contact
        // secret may call these.
        return kind == SecretKind::Customer ? 0 : 48002;
    case Access::AppSender:
        return kind == SecretKind::App ? 0 : 48002;
    }
    return 48002;
}

int WeComApi::revision() const
{
    std::shared_lock lock(m_corpMutex);
    return m_corp->revision();
}

std::vector<ChangeEvent> WeComApi::advanceTo(int revision, bool idOnly, std::vector<std::string> *xml)
{
    std::unique_lock lock(m_corpMutex);
    auto events = m_corp->advanceTo(revision);
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    for (const auto &event : events) {
        xml->push_back(eventXml(event, *m_corp, idOnly, now));
    }
    return events;
}

void WeComApi::withCorp(const std::function<void(const SandboxCorp &)> &read) const
{
    std::shared_lock lock(m_corpMutex);
    read(*m_corp);
}

std::vector<SentMessage> WeComApi::sentMessages() const
{
    std::lock_guard lock(m_messagesMutex);
    return m_messages;
}

std::size_t WeComApi::sentMessageCount() const
{
    std::lock_guard lock(m_messagesMutex);
    return m_messages.size();
}

std::vector<std::int64_t> WeComApi::visibleTree(const ApiCall &call, std::int64_t root, int *errcode) const
{
    const SandboxCorp &corp = *m_corp;
    const bool app = call.kind == SecretKind::App;
    auto include = [&](std::int64_t id) { return !app || corp.departmentVisibleToApp(id); };
    std::vector<std::int64_t> out;
    auto append = [&](std::int64_t top) {
        for (auto id : corp.subtree(top)) {
            if (include(id)) {
                out.push_back(id);
            }
        }
    };
    if (root != 0) {
        if (!corp.department(root)) {
            *errcode = 60123;
        } else if (!include(root)) {
            *errcode = 60011;
        } else {
            append(root);
        }
        return out;
    }
    // The whole tree the caller may see: every visible department whose parent is not visible starts a subtree.
    for (const auto &d : corp.departments()) {
        const bool parentIncluded = d.parentId != 0 && corp.department(d.parentId) && include(d.parentId);
        if (include(d.id) && !parentIncluded) {
            append(d.id);
        }
    }
    return out;
}

// GET department/list?id=ID: `id` and everything below it, or the whole (visible) tree without `id`.
std::string WeComApi::departmentList(const ApiCall &call)
{
    std::int64_t root = 0;
    if (const auto *id = param(call.query, "id"); id && !id->empty()) {
        const auto parsed = toInt(*id);
        if (!parsed) {
            return errorBody(40058, call.ip);
        }
        root = *parsed;
    }
    std::shared_lock lock(m_corpMutex);
    int errcode = 0;
    const auto ids = visibleTree(call, root, &errcode);
    if (errcode != 0) {
        return errorBody(errcode, call.ip);
    }
    JsonWriter json = okWriter();
    json.key("department").beginArray();
    for (auto id : ids) {
        SandboxCorp::writeDepartment(json, *m_corp->department(id));
    }
    json.endArray().endObject();
    return json.take();
}

std::string WeComApi::departmentSimpleList(const ApiCall &call)
{
    std::int64_t root = 0;
    if (const auto *id = param(call.query, "id"); id && !id->empty()) {
        const auto parsed = toInt(*id);
        if (!parsed) {
            return errorBody(40058, call.ip);
        }
        root = *parsed;
    }
    std::shared_lock lock(m_corpMutex);
    int errcode = 0;
    const auto ids = visibleTree(call, root, &errcode);
    if (errcode != 0) {
        return errorBody(errcode, call.ip);
    }
    JsonWriter json = okWriter();
    json.key("department_id").beginArray();
    for (auto id : ids) {
        const Department *d = m_corp->department(id);
        json.beginObject().field("id", d->id).field("parentid", d->parentId).field("order", d->order).endObject();
    }
    json.endArray().endObject();
    return json.take();
}

// GET department/get?id=ID. An unknown id answers 60123 (无效的部门id); WeCom's table also has 60003, and which
// of the two department/get returns is undocumented (wecom-api.md §12).
std::string WeComApi::departmentGet(const ApiCall &call)
{
    const auto *id = param(call.query, "id");
    const auto parsed = id ? toInt(*id) : std::nullopt;
    if (!parsed) {
        return errorBody(40058, call.ip);
    }
    std::shared_lock lock(m_corpMutex);
    const Department *d = m_corp->department(*parsed);
    if (!d) {
        return errorBody(60123, call.ip);
    }
    if (call.kind == SecretKind::App && !m_corp->departmentVisibleToApp(d->id)) {
        return errorBody(60011, call.ip);
    }
    JsonWriter json = okWriter();
    json.key("department");
    SandboxCorp::writeDepartment(json, *d);
    json.endObject();
    return json.take();
}

// GET user/simplelist and user/list?department_id=ID: the department's direct members. fetch_child and status
// are accepted and ignored (the current doc no longer has them; wecom-api.md §3.4): a client must walk the
// tree itself.
std::string WeComApi::memberList(const ApiCall &call, bool full)
{
    const auto *id = param(call.query, "department_id");
    const auto parsed = id ? toInt(*id) : std::nullopt;
    if (!parsed) {
        return errorBody(40058, call.ip);
    }
    std::shared_lock lock(m_corpMutex);
    const bool app = call.kind == SecretKind::App;
    if (!m_corp->department(*parsed)) {
        return errorBody(60123, call.ip);
    }
    if (app && !m_corp->departmentVisibleToApp(*parsed)) {
        return errorBody(60011, call.ip);
    }
    JsonWriter json = okWriter();
    json.key("userlist").beginArray();
    for (const Staff *s : m_corp->staffInDepartment(*parsed)) {
        if (full) {
            m_corp->writeStaff(json, *s, app);
            continue;
        }
        json.beginObject().field("userid", s->userid).field("name", s->name).key("department").beginArray();
        for (auto d : s->departments) {
            if (!app || m_corp->departmentVisibleToApp(d)) {
                json.value(d);
            }
        }
        json.endArray().endObject();
    }
    json.endArray().endObject();
    return json.take();
}

std::string WeComApi::userSimpleList(const ApiCall &call)
{
    return memberList(call, false);
}

std::string WeComApi::userList(const ApiCall &call)
{
    return memberList(call, true);
}

// GET user/get?userid=ID: the member's fields flattened next to errcode/errmsg. Unknown userid: 60111.
std::string WeComApi::userGet(const ApiCall &call)
{
    const auto *userid = param(call.query, "userid");
    if (!userid || userid->empty()) {
        return errorBody(40058, call.ip);
    }
    std::shared_lock lock(m_corpMutex);
    const Staff *s = m_corp->staffMember(*userid);
    if (!s) {
        return errorBody(60111, call.ip);
    }
    const bool app = call.kind == SecretKind::App;
    if (app && !m_corp->staffVisibleToApp(*s)) {
        return errorBody(60011, call.ip);
    }
    JsonWriter member;
    m_corp->writeStaff(member, *s, app);
    const std::string &object = member.str();
    std::string out = R"({"errcode":0,"errmsg":"ok")";
    if (object.size() > 2) {
        out.push_back(',');
        out.append(object, 1, std::string::npos);
    } else {
        out.push_back('}');
    }
    return out;
}

// POST user/list_id {"cursor","limit"}: one row per (userid, department), members in the corp's order; limit
// 1..10000, 10000 when absent; the cursor is bound to the revision.
std::string WeComApi::userListId(const ApiCall &call)
{
    const auto body = parseBody(call.body);
    if (!body) {
        return errorBody(47001, call.ip);
    }
    const auto limit = intMember(*body, QStringLiteral("limit"), 10000);
    if (!limit || *limit < 1 || *limit > 10000) {
        return errorBody(40058, call.ip);
    }
    const std::string cursor = body->value(QStringLiteral("cursor")).toString().toStdString();
    std::shared_lock lock(m_corpMutex);
    const std::string binding = "user/list_id:" + std::to_string(m_corp->revision());
    std::size_t member = 0;
    std::size_t department = 0;
    if (!cursor.empty()) {
        const auto position = decodeCursor(cursor, 2, binding);
        if (!position) {
            return errorBody(40058, call.ip, "invalid cursor");
        }
        member = static_cast<std::size_t>((*position)[0]);
        department = static_cast<std::size_t>((*position)[1]);
    }
    const auto &staff = m_corp->staff();
    JsonWriter json = okWriter();
    json.key("dept_user").beginArray();
    std::int64_t written = 0;
    while (member < staff.size() && written < *limit) {
        if (department < staff[member].departments.size()) {
            json.beginObject()
                .field("userid", staff[member].userid)
                .field("department", staff[member].departments[department])
                .endObject();
            ++written;
            ++department;
        } else {
            ++member;
            department = 0;
        }
    }
    while (member < staff.size() && department >= staff[member].departments.size()) {
        ++member;
        department = 0;
    }
    json.endArray();
    json.field("next_cursor",
               member < staff.size()
                   ? encodeCursor({static_cast<std::int64_t>(member), static_cast<std::int64_t>(department)}, binding)
                   : std::string());
    json.endObject();
    return json.take();
}

std::string WeComApi::followUserList(const ApiCall & /*call*/)
{
    std::shared_lock lock(m_corpMutex);
    JsonWriter json = okWriter();
    json.stringArray("follow_user", m_corp->followUsers()).endObject();
    return json.take();
}

// GET externalcontact/list?userid=ID. A member with no customers (or without the customer-contact feature)
// answers 84061, as WeCom does (wecom-api.md §4.2); an unknown userid answers 60111.
std::string WeComApi::contactList(const ApiCall &call)
{
    const auto *userid = param(call.query, "userid");
    if (!userid || userid->empty()) {
        return errorBody(40058, call.ip);
    }
    std::shared_lock lock(m_corpMutex);
    if (!m_corp->staffMember(*userid)) {
        return errorBody(60111, call.ip);
    }
    const auto &follows = m_corp->followedBy(*userid);
    if (follows.empty() || !isFollowUser(*m_corp, *userid)) {
        return errorBody(84061, call.ip);
    }
    JsonWriter json = okWriter();
    json.key("external_userid").beginArray();
    std::unordered_set<std::uint32_t> seen;
    for (const auto &[contact, follow] : follows) {
        if (seen.insert(contact).second) {
            json.value(m_corp->contacts()[contact].externalUserid);
        }
    }
    json.endArray().endObject();
    return json.take();
}

// GET externalcontact/get?external_userid=ID[&cursor=C]: follow_user paged at 500; next_cursor only when more
// followers remain. Unknown external_userid: 40096.
std::string WeComApi::contactGet(const ApiCall &call)
{
    constexpr std::size_t kPage = 500;
    const auto *externalUserid = param(call.query, "external_userid");
    if (!externalUserid || externalUserid->empty()) {
        return errorBody(40058, call.ip);
    }
    std::shared_lock lock(m_corpMutex);
    const ExternalContact *contact = m_corp->contact(*externalUserid);
    if (!contact) {
        return errorBody(40096, call.ip);
    }
    const std::string binding = "externalcontact/get:" + std::to_string(m_corp->revision()) + ":" + *externalUserid;
    std::size_t offset = 0;
    if (const auto *cursor = param(call.query, "cursor"); cursor && !cursor->empty()) {
        const auto position = decodeCursor(*cursor, 1, binding);
        if (!position || static_cast<std::size_t>((*position)[0]) > contact->follows.size()) {
            return errorBody(40058, call.ip, "invalid cursor");
        }
        offset = static_cast<std::size_t>((*position)[0]);
    }
    JsonWriter json = okWriter();
    json.key("external_contact");
    SandboxCorp::writeContact(json, *contact);
    json.key("follow_user").beginArray();
    const std::size_t end = std::min(contact->follows.size(), offset + kPage);
    for (std::size_t i = offset; i < end; ++i) {
        m_corp->writeFollowUser(json, contact->follows[i]);
    }
    json.endArray();
    if (end < contact->follows.size()) {
        json.field("next_cursor", encodeCursor({static_cast<std::int64_t>(end)}, binding));
    }
    json.endObject();
    return json.take();
}

// POST externalcontact/batch/get_by_user {"userid_list":[...] (or the legacy "userid"), "cursor", "limit"}.
// One element per (customer, follower) pair, followers in the given order, each follower's customers in the
// corp's stable order. limit: 50 when absent or not positive, values above 100 clamped to 100. More than 100
// userids, or none: 40058 (the real code for > 100 is undocumented, wecom-api.md §4.4). Unknown userids and
// members without customers contribute nothing; a request whose followers have no customers at all answers
// 84061 with an empty list (when some have customers the answer is errcode 0). The cursor is bound to the
// revision and to the userid list: any other cursor answers 40058 "invalid cursor".
std::string WeComApi::batchGetByUser(const ApiCall &call)
{
    const auto body = parseBody(call.body);
    if (!body) {
        return errorBody(47001, call.ip);
    }
    auto userids = stringList(*body, QStringLiteral("userid_list"));
    if (!userids) {
        return errorBody(40058, call.ip);
    }
    if (userids->empty() && body->value(QStringLiteral("userid")).isString()) {
        userids->push_back(body->value(QStringLiteral("userid")).toString().toStdString());
    }
    if (userids->empty() || userids->size() > 100) {
        return errorBody(40058, call.ip);
    }
    auto limit = intMember(*body, QStringLiteral("limit"), 50);
    if (!limit) {
        return errorBody(40058, call.ip);
    }
    const std::int64_t pageSize = *limit <= 0 ? 50 : std::min<std::int64_t>(*limit, 100);
    const std::string cursor = body->value(QStringLiteral("cursor")).toString().toStdString();

    std::shared_lock lock(m_corpMutex);
    std::string binding = "batch/get_by_user:" + std::to_string(m_corp->revision());
    for (const auto &userid : *userids) {
        binding.push_back('|');
        binding.append(userid);
    }
    std::size_t follower = 0;
    std::size_t offset = 0;
    if (!cursor.empty()) {
        const auto position = decodeCursor(cursor, 2, binding);
        if (!position || static_cast<std::size_t>((*position)[0]) >= userids->size()) {
            return errorBody(40058, call.ip, "invalid cursor");
        }
        follower = static_cast<std::size_t>((*position)[0]);
        offset = static_cast<std::size_t>((*position)[1]);
    }
    const auto &contacts = m_corp->contacts();
    JsonWriter json;
    json.beginObject().field("errcode", 0).field("errmsg", "ok").key("external_contact_list").beginArray();
    std::int64_t written = 0;
    while (follower < userids->size() && written < pageSize) {
        const auto &follows = m_corp->followedBy((*userids)[follower]);
        if (offset < follows.size()) {
            const auto [contactIndex, followIndex] = follows[offset];
            const ExternalContact &contact = contacts[contactIndex];
            json.beginObject().key("external_contact");
            SandboxCorp::writeContact(json, contact);
            json.key("follow_info");
            SandboxCorp::writeFollowInfo(json, contact.follows[followIndex]);
            json.endObject();
            ++written;
            ++offset;
        } else {
            ++follower;
            offset = 0;
        }
    }
    while (follower < userids->size() && offset >= m_corp->followedBy((*userids)[follower]).size()) {
        ++follower;
        offset = 0;
    }
    json.endArray();
    json.field("next_cursor",
               follower < userids->size()
                   ? encodeCursor({static_cast<std::int64_t>(follower), static_cast<std::int64_t>(offset)}, binding)
                   : std::string());
    json.endObject();
    if (written == 0 && cursor.empty()) {
        return errorBody(84061, call.ip);
    }
    return json.take();
}

// POST externalcontact/get_corp_tag_list {"tag_id":[...], "group_id":[...]}: with group_id, whole groups;
// otherwise with tag_id, the groups holding those tags with only those tags; with neither, everything.
std::string WeComApi::corpTagList(const ApiCall &call)
{
    const auto body = parseBody(call.body);
    if (!body) {
        return errorBody(47001, call.ip);
    }
    const auto tagIds = stringList(*body, QStringLiteral("tag_id"));
    const auto groupIds = stringList(*body, QStringLiteral("group_id"));
    if (!tagIds || !groupIds) {
        return errorBody(40058, call.ip);
    }
    const std::unordered_set<std::string> tags(tagIds->begin(), tagIds->end());
    const std::unordered_set<std::string> groups(groupIds->begin(), groupIds->end());
    std::shared_lock lock(m_corpMutex);
    JsonWriter json = okWriter();
    json.key("tag_group").beginArray();
    for (const auto &group : m_corp->tagGroups()) {
        if (!groups.empty() && groups.count(group.groupId) == 0) {
            continue;
        }
        const bool filterTags = groups.empty() && !tags.empty();
        if (filterTags && std::none_of(group.tags.begin(), group.tags.end(),
                                       [&](const CorpTag &tag) { return tags.count(tag.id) > 0; })) {
            continue;
        }
        SandboxCorp::writeTagGroup(json, group,
                                   [&](const CorpTag &tag) { return !filterTags || tags.count(tag.id) > 0; });
    }
    json.endArray().endObject();
    return json.take();
}

// POST externalcontact/groupchat/list {"status_filter", "owner_filter":{"userid_list"}, "cursor", "limit"}: limit
// is required (1..1000, doc 92120), owner_filter.userid_list at most 100; next_cursor is "" on the last page.
std::string WeComApi::groupChatList(const ApiCall &call)
{
    const auto body = parseBody(call.body);
    if (!body) {
        return errorBody(47001, call.ip);
    }
    const auto limit = intMember(*body, QStringLiteral("limit"), 0);
    const auto status = intMember(*body, QStringLiteral("status_filter"), 0);
    const auto owners =
        stringList(body->value(QStringLiteral("owner_filter")).toObject(), QStringLiteral("userid_list"));
    if (!limit || *limit < 1 || *limit > 1000 || !status || *status < 0 || *status > 3 || !owners ||
        owners->size() > 100) {
        return errorBody(40058, call.ip);
    }
    const std::unordered_set<std::string> ownerSet(owners->begin(), owners->end());
    const std::string cursor = body->value(QStringLiteral("cursor")).toString().toStdString();
    std::shared_lock lock(m_corpMutex);
    std::string binding = "groupchat/list:" + std::to_string(m_corp->revision()) + ":" + std::to_string(*status);
    for (const auto &owner : *owners) {
        binding.append("|").append(owner);
    }
    std::size_t index = 0;
    if (!cursor.empty()) {
        const auto position = decodeCursor(cursor, 1, binding);
        if (!position) {
            return errorBody(40058, call.ip, "invalid cursor");
        }
        index = static_cast<std::size_t>((*position)[0]);
    }
    const auto &chats = m_corp->groupChats();
    auto matches = [&](const GroupChat &chat) {
        return (*status == 0 || chat.status == *status) && (ownerSet.empty() || ownerSet.count(chat.owner) > 0);
    };
    JsonWriter json = okWriter();
    json.key("group_chat_list").beginArray();
    std::int64_t written = 0;
    for (; index < chats.size() && written < *limit; ++index) {
        if (matches(chats[index])) {
            json.beginObject().field("chat_id", chats[index].chatId).field("status", chats[index].status).endObject();
            ++written;
        }
    }
    while (index < chats.size() && !matches(chats[index])) {
        ++index;
    }
    json.endArray();
    json.field("next_cursor",
               index < chats.size() ? encodeCursor({static_cast<std::int64_t>(index)}, binding) : std::string());
    json.endObject();
    return json.take();
}

// POST externalcontact/groupchat/get {"chat_id", "need_name"} (doc 92122). Unknown chat_id: 40050.
std::string WeComApi::groupChatGet(const ApiCall &call)
{
    const auto body = parseBody(call.body);
    if (!body) {
        return errorBody(47001, call.ip);
    }
    const std::string chatId = body->value(QStringLiteral("chat_id")).toString().toStdString();
    const auto needName = intMember(*body, QStringLiteral("need_name"), 0);
    if (chatId.empty() || !needName) {
        return errorBody(40058, call.ip);
    }
    std::shared_lock lock(m_corpMutex);
    const GroupChat *chat = m_corp->groupChat(chatId);
    if (!chat) {
        return errorBody(40050, call.ip);
    }
    JsonWriter json = okWriter();
    json.key("group_chat");
    m_corp->writeGroupChat(json, *chat, true, *needName != 0);
    json.endObject();
    return json.take();
}

// POST message/send (text). agentid must be the corp's app (301002 otherwise); content at most 2048 bytes
// (45002), empty content 44004; recipients the app cannot see or that do not exist are returned in
// invaliduser / invalidparty / invalidtag (userids lower-cased, as WeCom does); when none is valid: 81013. The
// sandbox corp has no staff tags, so every totag entry is invalid.
std::string WeComApi::messageSend(const ApiCall &call)
{
    const auto body = parseBody(call.body);
    if (!body) {
        return errorBody(47001, call.ip);
    }
    const auto agentId = intMember(*body, QStringLiteral("agentid"), -1);
    if (!agentId || *agentId < 0) {
        return errorBody(40058, call.ip);
    }
    if (*agentId != m_credentials.agentId) {
        return errorBody(301002, call.ip);
    }
    const QString msgType = body->value(QStringLiteral("msgtype")).toString();
    if (msgType != QStringLiteral("text")) {
        return errorBody(40058, call.ip);
    }
    const std::string content =
        body->value(QStringLiteral("text")).toObject().value(QStringLiteral("content")).toString().toStdString();
    if (content.empty()) {
        return errorBody(44004, call.ip);
    }
    if (content.size() > 2048) {
        return errorBody(45002, call.ip);
    }
    const std::string toUser = body->value(QStringLiteral("touser")).toString().toStdString();
    const std::string toParty = body->value(QStringLiteral("toparty")).toString().toStdString();
    const std::string toTag = body->value(QStringLiteral("totag")).toString().toStdString();

    std::vector<std::string> invalidUsers;
    std::vector<std::string> invalidParties;
    std::vector<std::string> invalidTags = splitBar(toTag);
    std::size_t valid = 0;
    {
        std::shared_lock lock(m_corpMutex);
        const auto users = splitBar(toUser);
        if (std::find(users.begin(), users.end(), "@all") != users.end()) {
            for (const auto &s : m_corp->staff()) {
                valid += m_corp->staffVisibleToApp(s) ? 1 : 0;
            }
            invalidParties.clear();
            invalidTags.clear();
        } else {
            for (const auto &userid : users) {
                const Staff *s = m_corp->staffMember(userid);
                if (s && m_corp->staffVisibleToApp(*s)) {
                    ++valid;
                } else {
                    invalidUsers.push_back(lower(userid));
                }
            }
            for (const auto &party : splitBar(toParty)) {
                const auto id = toInt(party);
                if (id && m_corp->department(*id) && m_corp->departmentVisibleToApp(*id)) {
                    ++valid;
                } else {
                    invalidParties.push_back(party);
                }
            }
        }
    }
    if (valid == 0) {
        return errorBody(81013, call.ip);
    }
    std::int64_t msgid = 0;
    {
        std::lock_guard lock(m_messagesMutex);
        msgid = m_nextMsgId++;
        m_messages.push_back(SentMessage{msgid, *agentId, toUser, toParty, toTag, content});
    }
    JsonWriter json = okWriter();
    json.field("invaliduser", splitAndJoin(invalidUsers))
        .field("invalidparty", splitAndJoin(invalidParties))
        .field("invalidtag", splitAndJoin(invalidTags))
        .field("msgid", std::to_string(msgid))
        .endObject();
    return json.take();
}

} // namespace ic::sandbox::detail
