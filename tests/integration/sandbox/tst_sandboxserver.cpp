// The sandbox server over real HTTP on loopback: shapes, pagination, errors, permissions, limits, faults,
// the control API, counters, message recording and callbacks.

#include "connectors/wecom/WeComCrypto.h"
#include "connectors/wecom/WeComEvents.h"
#include "sandbox/SandboxServer.h"

#include <httplib.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

using namespace ic::sandbox;

namespace {

struct Reply {
    bool transportOk = false;
    httplib::Error error = httplib::Error::Success;
    int status = 0;
    std::string body;
    bool parsed = false;
    QJsonObject json;

    int errcode() const { return json.value(QStringLiteral("errcode")).toInt(-999); }
    QString errmsg() const { return json.value(QStringLiteral("errmsg")).toString(); }
};

Reply toReply(const httplib::Result &result)
{
    Reply reply;
    reply.error = result.error();
    if (!result) {
        return reply;
    }
    reply.transportOk = true;
    reply.status = result->status;
    reply.body = result->body;
    QJsonParseError error{};
    const auto document = QJsonDocument::fromJson(QByteArray::fromStdString(result->body), &error);
    reply.parsed = error.error == QJsonParseError::NoError && document.isObject();
    reply.json = document.object();
    return reply;
}

Reply get(httplib::Client &client, const std::string &path)
{
    return toReply(client.Get(path));
}

Reply post(httplib::Client &client, const std::string &path, const QJsonObject &body)
{
    return toReply(
        client.Post(path, QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json"));
}

Reply postRaw(httplib::Client &client, const std::string &path, const std::string &body)
{
    return toReply(client.Post(path, body, "application/json"));
}

Reply del(httplib::Client &client, const std::string &path)
{
    return toReply(client.Delete(path));
}

QJsonArray strings(const QStringList &items)
{
    QJsonArray out;
    for (const auto &item : items) {
        out.append(item);
    }
    return out;
}

CorpCredentials testCredentials()
{
    CorpCredentials c;
    c.corpId = "wwtest0000000001";
    c.agentId = 1000002;
    c.appSecret = std::string(43, 'A');
    c.contactsSecret = std::string(43, 'C');
    c.customerSecret = std::string(43, 'K');
    c.callbackToken = "callbacktoken0123456789abcdefghi";
    c.encodingAesKey = std::string(43, 'e');
    return c;
}

Staff member(const std::string &userid, std::vector<std::int64_t> departments, bool customerContact = true)
{
    Staff s;
    s.userid = userid;
    s.name = "名" + userid;
    s.departments = departments;
    s.orderInDepartments.assign(departments.size(), 0);
    s.isLeaderInDepartments.assign(departments.size(), 0);
    s.mainDepartment = departments.front();
    s.hasCustomerContact = customerContact;
    return s;
}

FollowInfo follow(const std::string &userid, std::int64_t createtime, std::vector<std::string> tags = {})
{
    FollowInfo f;
    f.userid = userid;
    f.remark = "备注";
    f.createtime = createtime;
    f.tagIds = std::move(tags);
    f.operUserid = userid;
    f.addWay = 1;
    return f;
}

constexpr int kAliceCustomers = 230;
constexpr int kBobCustomers = 70;
constexpr int kBigFollowers = 1200;
constexpr int kChats = 25;

/// Departments 1 (root) > 2 > 4 and 1 > 3 > 5; the app sees 2 and 4. alice (1, 2) follows 230 customers, bob (4)
/// the first 70 of them, carol (3) is outside the app's range, dave (5) has no customers, and s0000..s1199 (5)
/// all follow one customer, wmBIG.
std::unique_ptr<SandboxCorp> testCorp()
{
    std::vector<Department> departments;
    for (auto [id, parent] : std::vector<std::pair<int, int>>{{1, 0}, {2, 1}, {3, 1}, {4, 2}, {5, 3}}) {
        Department d;
        d.id = id;
        d.parentId = parent;
        d.name = "部门" + std::to_string(id);
        d.nameEn = "Dept " + std::to_string(id);
        d.order = 100 - id;
        departments.push_back(d);
    }
    departments[1].leaders = {"alice"};
    std::vector<Staff> staff{member("alice", {1, 2}), member("bob", {4}), member("carol", {3}), member("dave", {5})};
    std::vector<ExternalContact> contacts;
    for (int i = 0; i < kAliceCustomers; ++i) {
        ExternalContact c;
        char id[32];
        std::snprintf(id, sizeof id, "wmc%04d", i);
        c.externalUserid = id;
        c.name = "客户" + std::to_string(i);
        c.type = i % 2 == 0 ? 1 : 2;
        c.follows.push_back(follow("alice", 1600000000 + i, {"et-t1"}));
        if (i < kBobCustomers) {
            c.follows.push_back(follow("bob", 1600000000 + i));
        }
        contacts.push_back(std::move(c));
    }
    ExternalContact big;
    big.externalUserid = "wmBIG";
    big.name = "大客户";
    for (int i = 0; i < kBigFollowers; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "s%04d", i);
        staff.push_back(member(id, {5}));
        big.follows.push_back(follow(id, 1600000000 + i));
    }
    contacts.push_back(std::move(big));
    std::vector<CorpTagGroup> tagGroups{
        CorpTagGroup{
            "et-g1", "客户等级", 1600000000, 1, {{"et-t1", "A", 1600000000, 1}, {"et-t2", "B", 1600000000, 2}}},
        CorpTagGroup{"et-g2", "来源", 1600000000, 2, {{"et-t3", "展会", 1600000000, 1}}},
    };
    std::vector<GroupChat> chats;
    for (int i = 0; i < kChats; ++i) {
        GroupChat chat;
        chat.chatId = "wrchat" + std::to_string(i);
        chat.name = "群" + std::to_string(i);
        chat.owner = i % 2 == 0 ? "alice" : "bob";
        chat.status = i % 5 == 0 ? 1 : 0;
        chat.members = {GroupChatMember{chat.owner, 1, 1600000000, 1, {}},
                        GroupChatMember{"wmc0000", 2, 1600000001, 1, chat.owner}};
        chat.admins = {chat.owner};
        chats.push_back(std::move(chat));
    }
    return SandboxCorp::fromData(testCredentials(), std::move(departments), std::move(staff), std::move(contacts),
                                 std::move(tagGroups), std::move(chats), {2});
}

RateLimits unlimited()
{
    RateLimits limits;
    limits.perCorpApiPerMinute = 0;
    limits.perCorpApiPerHour = 0;
    limits.perIpApiPerMinute = 0;
    limits.perIpApiPerHour = 0;
    return limits;
}

const QRegularExpression kErrmsgShape(QStringLiteral(
    R"(^[^,]+(, [^,]+)*, hint: \[\d{10,}\], from ip: 127\.0\.0\.1, more info at https://open\.work\.weixin\.qq\.com/devtool/query\?e=(-?\d+)$)"));

} // namespace

class TestSandboxServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void gettokenSameTokenPerKind();
    void gettokenErrors();
    void tokenErrors();
    void tokenExpiry();
    void orgReadsWithContactsToken();
    void userListIdPagination();
    void appTokenVisibleRange();
    void permissionsPerSecretKind();
    void externalContactListAndGet();
    void externalContactGetPagesFollowers();
    void batchGetByUserPagination();
    void batchGetByUserErrors();
    void corpTags();
    void groupChats();
    void messageSend();
    void badRequests();
    void errmsgShape();
    void rateLimits();
    void concurrencyLimit();
    void trustedIp();
    void faultErrcodeHttpMalformed();
    void faultLatency();
    void faultTruncatedAndDrop();
    void faultStallReleasedByStop();
    void faultBurstAndDeterminism();
    void faultParse();
    void controlApi();
    void counters();
    void callbacks();
    void concurrentClients();
    void wholeStateOverHttpMatchesGroundTruth();
    void limitsThroughControlApi();

private:
    std::string token(const std::string &secret);
    std::string path(const std::string &api, const std::string &token, const std::string &query = {}) const
    {
        return "/cgi-bin/" + api + "?access_token=" + token + (query.empty() ? "" : "&" + query);
    }

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<httplib::Client> m_client;
    CorpCredentials m_credentials;
    std::string m_app;
    std::string m_contacts;
    std::string m_customer;
};

void TestSandboxServer::initTestCase()
{
    ServerOptions options;
    options.limits = unlimited();
    m_server = std::make_unique<SandboxServer>(testCorp(), options);
    std::string error;
    QVERIFY2(m_server->start(&error), error.c_str());
    QVERIFY(m_server->isRunning());
    QVERIFY(m_server->port() > 0);
    QCOMPARE(m_server->baseUrl(), "http://127.0.0.1:" + std::to_string(m_server->port()));
    m_credentials = m_server->credentials();
    m_client = std::make_unique<httplib::Client>(m_server->baseUrl());
    m_client->set_read_timeout(std::chrono::seconds(10));
    m_app = token(m_credentials.appSecret);
    m_contacts = token(m_credentials.contactsSecret);
    m_customer = token(m_credentials.customerSecret);
    QVERIFY(!m_app.empty() && !m_contacts.empty() && !m_customer.empty());
}

void TestSandboxServer::cleanupTestCase()
{
    m_client.reset();
    m_server->stop();
    QVERIFY(!m_server->isRunning());
}

void TestSandboxServer::init()
{
    m_server->clearFaults();
    m_server->setLimits(unlimited());
}

std::string TestSandboxServer::token(const std::string &secret)
{
    const auto reply = get(*m_client, "/cgi-bin/gettoken?corpid=" + m_credentials.corpId + "&corpsecret=" + secret);
    return reply.json.value(QStringLiteral("access_token")).toString().toStdString();
}

void TestSandboxServer::gettokenSameTokenPerKind()
{
    const std::string base = "/cgi-bin/gettoken?corpid=" + m_credentials.corpId + "&corpsecret=";
    const auto first = get(*m_client, base + m_credentials.appSecret);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.errcode(), 0);
    QCOMPARE(first.errmsg(), QStringLiteral("ok"));
    const QString token = first.json.value(QStringLiteral("access_token")).toString();
    QCOMPARE(token.size(), 64);
    const int expiresIn = first.json.value(QStringLiteral("expires_in")).toInt();
    QVERIFY(expiresIn > 7000 && expiresIn <= 7200);
    const auto again = get(*m_client, base + m_credentials.appSecret);
    QCOMPARE(again.json.value(QStringLiteral("access_token")).toString(), token);
    QCOMPARE(QString::fromStdString(m_app), token);
    QVERIFY(m_app != m_contacts && m_contacts != m_customer && m_app != m_customer);
}

void TestSandboxServer::gettokenErrors()
{
    QCOMPARE(get(*m_client, "/cgi-bin/gettoken?corpsecret=x").errcode(), 41002);
    QCOMPARE(get(*m_client, "/cgi-bin/gettoken?corpid=" + m_credentials.corpId).errcode(), 41004);
    QCOMPARE(get(*m_client, "/cgi-bin/gettoken?corpid=wwnope&corpsecret=" + m_credentials.appSecret).errcode(), 40013);
    const auto wrong = get(*m_client, "/cgi-bin/gettoken?corpid=" + m_credentials.corpId + "&corpsecret=wrong");
    QCOMPARE(wrong.status, 200);
    QCOMPARE(wrong.errcode(), 40001);
    QVERIFY(wrong.errmsg().startsWith(QStringLiteral("invalid credential, hint: [")));
}

void TestSandboxServer::tokenErrors()
{
    QCOMPARE(get(*m_client, "/cgi-bin/department/list").errcode(), 41001);
    QCOMPARE(get(*m_client, path("department/list", std::string(64, 'x'))).errcode(), 40014);

    // A separate server, so revocation does not disturb the other tests' tokens.
    SandboxServer server(testCorp());
    QVERIFY(server.start());
    httplib::Client client(server.baseUrl());
    const std::string base = "/cgi-bin/gettoken?corpid=" + m_credentials.corpId + "&corpsecret=";
    const auto first = get(client, base + m_credentials.contactsSecret);
    const std::string oldToken = first.json.value(QStringLiteral("access_token")).toString().toStdString();
    QCOMPARE(get(client, path("department/list", oldToken)).errcode(), 0);
    server.revokeTokens(42001);
    QCOMPARE(get(client, path("department/list", oldToken)).errcode(), 42001);
    QCOMPARE(get(client, path("department/list", oldToken)).errcode(), 42001);
    const std::string newToken = get(client, base + m_credentials.contactsSecret)
                                     .json.value(QStringLiteral("access_token"))
                                     .toString()
                                     .toStdString();
    QVERIFY(newToken != oldToken);
    QCOMPARE(get(client, path("department/list", newToken)).errcode(), 0);
    server.revokeTokens(40014);
    QCOMPARE(get(client, path("department/list", newToken)).errcode(), 40014);
}

void TestSandboxServer::tokenExpiry()
{
    ServerOptions options;
    options.tokenLifetime = std::chrono::seconds(1);
    SandboxServer server(testCorp(), options);
    QVERIFY(server.start());
    httplib::Client client(server.baseUrl());
    const std::string base = "/cgi-bin/gettoken?corpid=" + m_credentials.corpId + "&corpsecret=";
    const auto first = get(client, base + m_credentials.contactsSecret);
    QCOMPARE(first.json.value(QStringLiteral("expires_in")).toInt(), 1);
    const std::string token = first.json.value(QStringLiteral("access_token")).toString().toStdString();
    QCOMPARE(get(client, path("department/list", token)).errcode(), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    QCOMPARE(get(client, path("department/list", token)).errcode(), 42001);
    const std::string renewed = get(client, base + m_credentials.contactsSecret)
                                    .json.value(QStringLiteral("access_token"))
                                    .toString()
                                    .toStdString();
    QVERIFY(renewed != token);
    QCOMPARE(get(client, path("department/list", renewed)).errcode(), 0);
}

void TestSandboxServer::orgReadsWithContactsToken()
{
    const auto list = get(*m_client, path("department/list", m_contacts));
    QCOMPARE(list.errcode(), 0);
    const auto departments = list.json.value(QStringLiteral("department")).toArray();
    QCOMPARE(departments.size(), 5);
    QCOMPARE(departments[0].toObject().value(QStringLiteral("id")).toInt(), 1);
    QCOMPARE(departments[0].toObject().value(QStringLiteral("parentid")).toInt(), 0);
    const auto second = departments[1].toObject();
    QVERIFY(second.contains(QStringLiteral("name")) && second.contains(QStringLiteral("name_en")) &&
            second.contains(QStringLiteral("order")) && second.contains(QStringLiteral("department_leader")));

    const auto subtree = get(*m_client, path("department/list", m_contacts, "id=2"));
    QCOMPARE(subtree.json.value(QStringLiteral("department")).toArray().size(), 2);

    const auto simple = get(*m_client, path("department/simplelist", m_contacts));
    const auto ids = simple.json.value(QStringLiteral("department_id")).toArray();
    QCOMPARE(ids.size(), 5);
    QVERIFY(ids[1].toObject().contains(QStringLiteral("parentid")));
    QVERIFY(!ids[1].toObject().contains(QStringLiteral("name")));

    const auto one = get(*m_client, path("department/get", m_contacts, "id=3"));
    QCOMPARE(one.errcode(), 0);
    QCOMPARE(one.json.value(QStringLiteral("department")).toObject().value(QStringLiteral("id")).toInt(), 3);
    QCOMPARE(get(*m_client, path("department/get", m_contacts, "id=99")).errcode(), 60123);
    QCOMPARE(get(*m_client, path("department/get", m_contacts)).errcode(), 40058);

    const auto simpleUsers = get(*m_client, path("user/simplelist", m_contacts, "department_id=2&fetch_child=1"));
    QCOMPARE(simpleUsers.errcode(), 0);
    const auto simpleList = simpleUsers.json.value(QStringLiteral("userlist")).toArray();
    QCOMPARE(simpleList.size(), 1);
    QCOMPARE(simpleList[0].toObject().value(QStringLiteral("userid")).toString(), QStringLiteral("alice"));
    QCOMPARE(simpleList[0].toObject().value(QStringLiteral("department")).toArray().size(), 2);

    const auto users = get(*m_client, path("user/list", m_contacts, "department_id=5"));
    QCOMPARE(users.json.value(QStringLiteral("userlist")).toArray().size(), 1 + kBigFollowers);
    QCOMPARE(get(*m_client, path("user/list", m_contacts)).errcode(), 40058);
    QCOMPARE(get(*m_client, path("user/list", m_contacts, "department_id=77")).errcode(), 60123);

    const auto alice = get(*m_client, path("user/get", m_contacts, "userid=alice"));
    QCOMPARE(alice.errcode(), 0);
    QCOMPARE(alice.errmsg(), QStringLiteral("ok"));
    QCOMPARE(alice.json.value(QStringLiteral("userid")).toString(), QStringLiteral("alice"));
    QCOMPARE(alice.json.value(QStringLiteral("department")).toArray().size(), 2);
    QCOMPARE(get(*m_client, path("user/get", m_contacts, "userid=nobody")).errcode(), 60111);
}

void TestSandboxServer::userListIdPagination()
{
    QSet<QString> rows;
    std::string cursor;
    int pages = 0;
    do {
        QJsonObject body{{QStringLiteral("limit"), 500}};
        if (!cursor.empty()) {
            body.insert(QStringLiteral("cursor"), QString::fromStdString(cursor));
        }
        const auto page = post(*m_client, path("user/list_id", m_contacts), body);
        QCOMPARE(page.errcode(), 0);
        for (const auto &row : page.json.value(QStringLiteral("dept_user")).toArray()) {
            const auto object = row.toObject();
            rows.insert(object.value(QStringLiteral("userid")).toString() + QLatin1Char('/') +
                        QString::number(object.value(QStringLiteral("department")).toInt()));
        }
        QVERIFY(page.json.contains(QStringLiteral("next_cursor")));
        cursor = page.json.value(QStringLiteral("next_cursor")).toString().toStdString();
        ++pages;
        QVERIFY(pages < 10);
    } while (!cursor.empty());
    QCOMPARE(pages, 3);
    QCOMPARE(rows.size(), 5 + kBigFollowers); // alice is in two departments
    QVERIFY(rows.contains(QStringLiteral("alice/1")) && rows.contains(QStringLiteral("alice/2")));

    const auto all = post(*m_client, path("user/list_id", m_contacts), QJsonObject{});
    QCOMPARE(all.json.value(QStringLiteral("dept_user")).toArray().size(), 5 + kBigFollowers);
    QCOMPARE(all.json.value(QStringLiteral("next_cursor")).toString(), QString());
    QCOMPARE(post(*m_client, path("user/list_id", m_contacts), {{QStringLiteral("limit"), 0}}).errcode(), 40058);
    QCOMPARE(post(*m_client, path("user/list_id", m_contacts), {{QStringLiteral("limit"), 10001}}).errcode(), 40058);
    const auto garbage =
        post(*m_client, path("user/list_id", m_contacts), {{QStringLiteral("cursor"), QStringLiteral("garbage")}});
    QCOMPARE(garbage.errcode(), 40058);
    QVERIFY(garbage.errmsg().startsWith(QStringLiteral("invalid cursor, hint: [")));
}

void TestSandboxServer::appTokenVisibleRange()
{
    const auto list = get(*m_client, path("department/list", m_app));
    QCOMPARE(list.errcode(), 0);
    QSet<int> ids;
    for (const auto &d : list.json.value(QStringLiteral("department")).toArray()) {
        ids.insert(d.toObject().value(QStringLiteral("id")).toInt());
    }
    QCOMPARE(ids, (QSet<int>{2, 4}));
    QCOMPARE(get(*m_client, path("department/list", m_app, "id=3")).errcode(), 60011);
    QCOMPARE(get(*m_client, path("department/get", m_app, "id=3")).errcode(), 60011);
    QCOMPARE(get(*m_client, path("department/get", m_app, "id=4")).errcode(), 0);
    QCOMPARE(get(*m_client, path("user/list", m_app, "department_id=3")).errcode(), 60011);
    QCOMPARE(get(*m_client, path("user/get", m_app, "userid=carol")).errcode(), 60011);
    const auto alice = get(*m_client, path("user/get", m_app, "userid=alice"));
    QCOMPARE(alice.errcode(), 0);
    // Only the visible department is listed for an app token.
    QCOMPARE(alice.json.value(QStringLiteral("department")).toArray(), QJsonArray{2});
    const auto simple = get(*m_client, path("department/simplelist", m_app));
    QCOMPARE(simple.json.value(QStringLiteral("department_id")).toArray().size(), 2);
}

void TestSandboxServer::permissionsPerSecretKind()
{
    const QJsonObject batch{{QStringLiteral("userid_list"), strings({QStringLiteral("alice")})}};
    // App token: no user/list_id, no external-contact APIs.
    QCOMPARE(post(*m_client, path("user/list_id", m_app), {}).errcode(), 48002);
    QCOMPARE(get(*m_client, path("externalcontact/get_follow_user_list", m_app)).errcode(), 48002);
    QCOMPARE(post(*m_client, path("externalcontact/batch/get_by_user", m_app), batch).errcode(), 48002);
    // Contacts-sync token: no messages, no external-contact APIs.
    const QJsonObject message{{QStringLiteral("touser"), QStringLiteral("alice")},
                              {QStringLiteral("msgtype"), QStringLiteral("text")},
                              {QStringLiteral("agentid"), 1000002},
                              {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"), QStringLiteral("hi")}}}};
    QCOMPARE(post(*m_client, path("message/send", m_contacts), message).errcode(), 48002);
    QCOMPARE(get(*m_client, path("externalcontact/list", m_contacts, "userid=alice")).errcode(), 48002);
    // Customer token: external contacts only.
    QCOMPARE(get(*m_client, path("department/list", m_customer)).errcode(), 48002);
    QCOMPARE(get(*m_client, path("user/get", m_customer, "userid=alice")).errcode(), 48002);
    QCOMPARE(post(*m_client, path("user/list_id", m_customer), {}).errcode(), 48002);
    QCOMPARE(post(*m_client, path("message/send", m_customer), message).errcode(), 48002);
    QCOMPARE(post(*m_client, path("externalcontact/batch/get_by_user", m_customer), batch).errcode(), 0);
}

void TestSandboxServer::externalContactListAndGet()
{
    const auto followers = get(*m_client, path("externalcontact/get_follow_user_list", m_customer));
    QCOMPARE(followers.errcode(), 0);
    QCOMPARE(followers.json.value(QStringLiteral("follow_user")).toArray().size(), 4 + kBigFollowers);

    const auto list = get(*m_client, path("externalcontact/list", m_customer, "userid=alice"));
    QCOMPARE(list.errcode(), 0);
    QCOMPARE(list.json.value(QStringLiteral("external_userid")).toArray().size(), kAliceCustomers);
    const auto none = get(*m_client, path("externalcontact/list", m_customer, "userid=dave"));
    QCOMPARE(none.errcode(), 84061);
    QVERIFY(none.errmsg().startsWith(QStringLiteral("not external contact, hint: [")));
    QCOMPARE(get(*m_client, path("externalcontact/list", m_customer, "userid=ghost")).errcode(), 60111);

    const auto one = get(*m_client, path("externalcontact/get", m_customer, "external_userid=wmc0001"));
    QCOMPARE(one.errcode(), 0);
    const auto contact = one.json.value(QStringLiteral("external_contact")).toObject();
    QCOMPARE(contact.value(QStringLiteral("external_userid")).toString(), QStringLiteral("wmc0001"));
    const auto followUser = one.json.value(QStringLiteral("follow_user")).toArray();
    QCOMPARE(followUser.size(), 2);
    const auto tags = followUser[0].toObject().value(QStringLiteral("tags")).toArray();
    QCOMPARE(tags.size(), 1);
    QCOMPARE(tags[0].toObject().value(QStringLiteral("group_name")).toString(), QStringLiteral("客户等级"));
    QVERIFY(!one.json.contains(QStringLiteral("next_cursor")));
    QCOMPARE(get(*m_client, path("externalcontact/get", m_customer, "external_userid=wmnope")).errcode(), 40096);
    QCOMPARE(get(*m_client, path("externalcontact/get", m_customer)).errcode(), 40058);
}

void TestSandboxServer::externalContactGetPagesFollowers()
{
    QStringList all;
    std::string cursor;
    QList<int> sizes;
    do {
        const auto page = get(*m_client, path("externalcontact/get", m_customer,
                                              "external_userid=wmBIG" + (cursor.empty() ? "" : "&cursor=" + cursor)));
        QCOMPARE(page.errcode(), 0);
        const auto followUser = page.json.value(QStringLiteral("follow_user")).toArray();
        sizes.append(static_cast<int>(followUser.size()));
        for (const auto &f : followUser) {
            all.append(f.toObject().value(QStringLiteral("userid")).toString());
        }
        cursor = page.json.value(QStringLiteral("next_cursor")).toString().toStdString();
        QVERIFY(sizes.size() < 10);
    } while (!cursor.empty());
    QCOMPARE(sizes, (QList<int>{500, 500, 200}));
    QCOMPARE(QSet<QString>(all.begin(), all.end()).size(), kBigFollowers);
    QCOMPARE(get(*m_client, path("externalcontact/get", m_customer, "external_userid=wmBIG&cursor=AAAA")).errcode(),
             40058);
}

void TestSandboxServer::batchGetByUserPagination()
{
    const QJsonArray users = strings({QStringLiteral("alice"), QStringLiteral("dave"), QStringLiteral("bob")});
    QSet<QString> pairs;
    QStringList order;
    std::string cursor;
    int pages = 0;
    do {
        QJsonObject body{{QStringLiteral("userid_list"), users}, {QStringLiteral("limit"), 100}};
        if (!cursor.empty()) {
            body.insert(QStringLiteral("cursor"), QString::fromStdString(cursor));
        }
        const auto page = post(*m_client, path("externalcontact/batch/get_by_user", m_customer), body);
        QCOMPARE(page.errcode(), 0);
        for (const auto &item : page.json.value(QStringLiteral("external_contact_list")).toArray()) {
            const auto object = item.toObject();
            const auto contact = object.value(QStringLiteral("external_contact")).toObject();
            const auto info = object.value(QStringLiteral("follow_info")).toObject();
            QVERIFY(info.value(QStringLiteral("tag_id")).isArray());
            const QString follower = info.value(QStringLiteral("userid")).toString();
            pairs.insert(contact.value(QStringLiteral("external_userid")).toString() + QLatin1Char('/') + follower);
            if (order.isEmpty() || order.last() != follower) {
                order.append(follower);
            }
        }
        QVERIFY(page.json.contains(QStringLiteral("next_cursor")));
        cursor = page.json.value(QStringLiteral("next_cursor")).toString().toStdString();
        ++pages;
        QVERIFY(pages < 10);
    } while (!cursor.empty());
    QCOMPARE(pages, 3);
    QCOMPARE(pairs.size(), kAliceCustomers + kBobCustomers);
    QCOMPARE(order, (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));

    // Default limit 50; above 100 clamped; the legacy "userid" key.
    const auto defaults = post(*m_client, path("externalcontact/batch/get_by_user", m_customer),
                               {{QStringLiteral("userid_list"), users}});
    QCOMPARE(defaults.json.value(QStringLiteral("external_contact_list")).toArray().size(), 50);
    const auto clamped = post(*m_client, path("externalcontact/batch/get_by_user", m_customer),
                              {{QStringLiteral("userid_list"), users}, {QStringLiteral("limit"), 1000}});
    QCOMPARE(clamped.json.value(QStringLiteral("external_contact_list")).toArray().size(), 100);
    const auto legacy = post(*m_client, path("externalcontact/batch/get_by_user", m_customer),
                             {{QStringLiteral("userid"), QStringLiteral("bob")}, {QStringLiteral("limit"), 100}});
    QCOMPARE(legacy.errcode(), 0);
    QCOMPARE(legacy.json.value(QStringLiteral("external_contact_list")).toArray().size(), kBobCustomers);
    QCOMPARE(legacy.json.value(QStringLiteral("next_cursor")).toString(), QString());
}

void TestSandboxServer::batchGetByUserErrors()
{
    const std::string api = path("externalcontact/batch/get_by_user", m_customer);
    QStringList many;
    for (int i = 0; i < 101; ++i) {
        many.append(QStringLiteral("s%1").arg(i, 4, 10, QLatin1Char('0')));
    }
    QCOMPARE(post(*m_client, api, {{QStringLiteral("userid_list"), strings(many)}}).errcode(), 40058);
    QCOMPARE(post(*m_client, api, {}).errcode(), 40058);
    const auto garbage = post(*m_client, api,
                              {{QStringLiteral("userid_list"), strings({QStringLiteral("alice")})},
                               {QStringLiteral("cursor"), QStringLiteral("not-a-cursor")}});
    QCOMPARE(garbage.errcode(), 40058);
    QVERIFY(garbage.errmsg().startsWith(QStringLiteral("invalid cursor")));
    // A cursor belongs to its userid list.
    const auto first =
        post(*m_client, api,
             {{QStringLiteral("userid_list"), strings({QStringLiteral("alice")})}, {QStringLiteral("limit"), 10}});
    const QString cursor = first.json.value(QStringLiteral("next_cursor")).toString();
    QVERIFY(!cursor.isEmpty());
    QCOMPARE(
        post(*m_client, api,
             {{QStringLiteral("userid_list"), strings({QStringLiteral("bob")})}, {QStringLiteral("cursor"), cursor}})
            .errcode(),
        40058);
    const auto none = post(*m_client, api, {{QStringLiteral("userid_list"), strings({QStringLiteral("dave")})}});
    QCOMPARE(none.errcode(), 84061);
    QCOMPARE(postRaw(*m_client, api, "{\"userid_list\": [").errcode(), 47001);
}

void TestSandboxServer::corpTags()
{
    const std::string api = path("externalcontact/get_corp_tag_list", m_customer);
    const auto all = postRaw(*m_client, api, "");
    QCOMPARE(all.errcode(), 0);
    const auto groups = all.json.value(QStringLiteral("tag_group")).toArray();
    QCOMPARE(groups.size(), 2);
    const auto first = groups[0].toObject();
    QCOMPARE(first.value(QStringLiteral("group_id")).toString(), QStringLiteral("et-g1"));
    QCOMPARE(first.value(QStringLiteral("tag")).toArray().size(), 2);
    QCOMPARE(first.value(QStringLiteral("tag")).toArray()[0].toObject().value(QStringLiteral("id")).toString(),
             QStringLiteral("et-t1"));
    QCOMPARE(first.value(QStringLiteral("deleted")).toBool(true), false);

    const auto byTag = post(*m_client, api, {{QStringLiteral("tag_id"), strings({QStringLiteral("et-t2")})}});
    const auto tagGroups = byTag.json.value(QStringLiteral("tag_group")).toArray();
    QCOMPARE(tagGroups.size(), 1);
    QCOMPARE(tagGroups[0].toObject().value(QStringLiteral("tag")).toArray().size(), 1);
    // group_id wins over tag_id.
    const auto both = post(*m_client, api,
                           {{QStringLiteral("tag_id"), strings({QStringLiteral("et-t1")})},
                            {QStringLiteral("group_id"), strings({QStringLiteral("et-g2")})}});
    const auto bothGroups = both.json.value(QStringLiteral("tag_group")).toArray();
    QCOMPARE(bothGroups.size(), 1);
    QCOMPARE(bothGroups[0].toObject().value(QStringLiteral("group_id")).toString(), QStringLiteral("et-g2"));
}

void TestSandboxServer::groupChats()
{
    const std::string list = path("externalcontact/groupchat/list", m_customer);
    QStringList ids;
    QString cursor;
    int pages = 0;
    do {
        QJsonObject body{{QStringLiteral("limit"), 10}};
        if (!cursor.isEmpty()) {
            body.insert(QStringLiteral("cursor"), cursor);
        }
        const auto page = post(*m_client, list, body);
        QCOMPARE(page.errcode(), 0);
        for (const auto &chat : page.json.value(QStringLiteral("group_chat_list")).toArray()) {
            ids.append(chat.toObject().value(QStringLiteral("chat_id")).toString());
        }
        cursor = page.json.value(QStringLiteral("next_cursor")).toString();
        ++pages;
        QVERIFY(pages < 10);
    } while (!cursor.isEmpty());
    QCOMPARE(pages, 3);
    QCOMPARE(ids.size(), kChats);

    const auto dismissed =
        post(*m_client, list, {{QStringLiteral("limit"), 100}, {QStringLiteral("status_filter"), 1}});
    QCOMPARE(dismissed.json.value(QStringLiteral("group_chat_list")).toArray().size(), 5);
    const auto owned = post(*m_client, list,
                            {{QStringLiteral("limit"), 100},
                             {QStringLiteral("owner_filter"),
                              QJsonObject{{QStringLiteral("userid_list"), strings({QStringLiteral("bob")})}}}});
    QCOMPARE(owned.json.value(QStringLiteral("group_chat_list")).toArray().size(), 12);
    QCOMPARE(post(*m_client, list, {}).errcode(), 40058);
    QCOMPARE(post(*m_client, list, {{QStringLiteral("limit"), 1001}}).errcode(), 40058);

    const std::string getApi = path("externalcontact/groupchat/get", m_customer);
    const auto chat = post(*m_client, getApi,
                           {{QStringLiteral("chat_id"), QStringLiteral("wrchat3")}, {QStringLiteral("need_name"), 1}});
    QCOMPARE(chat.errcode(), 0);
    const auto groupChat = chat.json.value(QStringLiteral("group_chat")).toObject();
    QCOMPARE(groupChat.value(QStringLiteral("owner")).toString(), QStringLiteral("bob"));
    const auto members = groupChat.value(QStringLiteral("member_list")).toArray();
    QCOMPARE(members.size(), 2);
    QCOMPARE(members[1].toObject().value(QStringLiteral("type")).toInt(), 2);
    QCOMPARE(members[1].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("客户0"));
    QCOMPARE(groupChat.value(QStringLiteral("admin_list")).toArray().size(), 1);
    QCOMPARE(post(*m_client, getApi, {{QStringLiteral("chat_id"), QStringLiteral("nope")}}).errcode(), 40050);
}

void TestSandboxServer::messageSend()
{
    const std::string api = path("message/send", m_app);
    auto message = [](const QString &touser, const QString &content, int agentId = 1000002) {
        return QJsonObject{{QStringLiteral("touser"), touser},
                           {QStringLiteral("toparty"), QStringLiteral("4|3")},
                           {QStringLiteral("msgtype"), QStringLiteral("text")},
                           {QStringLiteral("agentid"), agentId},
                           {QStringLiteral("text"), QJsonObject{{QStringLiteral("content"), content}}}};
    };
    const auto before = m_server->sentMessages().size();
    const auto sent = post(*m_client, api, message(QStringLiteral("alice|Carol|ghost"), QStringLiteral("你好")));
    QCOMPARE(sent.errcode(), 0);
    QCOMPARE(sent.json.value(QStringLiteral("invaliduser")).toString(), QStringLiteral("carol|ghost"));
    QCOMPARE(sent.json.value(QStringLiteral("invalidparty")).toString(), QStringLiteral("3"));
    QVERIFY(!sent.json.value(QStringLiteral("msgid")).toString().isEmpty());
    const auto messages = m_server->sentMessages();
    QCOMPARE(messages.size(), before + 1);
    QCOMPARE(messages.back().content, std::string("你好"));
    QCOMPARE(messages.back().toUser, std::string("alice|Carol|ghost"));
    QCOMPARE(messages.back().agentId, std::int64_t(1000002));

    auto allInvalid = message(QStringLiteral("carol"), QStringLiteral("x"));
    allInvalid.insert(QStringLiteral("toparty"), QStringLiteral("3"));
    QCOMPARE(post(*m_client, api, allInvalid).errcode(), 81013);
    QCOMPARE(post(*m_client, api, message(QStringLiteral("alice"), QString(2049, QLatin1Char('x')))).errcode(), 45002);
    QCOMPARE(post(*m_client, api, message(QStringLiteral("alice"), QString(2048, QLatin1Char('x')))).errcode(), 0);
    QCOMPARE(post(*m_client, api, message(QStringLiteral("alice"), QStringLiteral("x"), 42)).errcode(), 301002);
    QCOMPARE(m_server->sentMessages().size(), before + 2);

    const auto recorded = get(*m_client, "/sandbox/messages");
    QCOMPARE(recorded.status, 200);
    QCOMPARE(recorded.json.value(QStringLiteral("messages")).toArray().size(), static_cast<qsizetype>(before + 2));
}

void TestSandboxServer::badRequests()
{
    QCOMPARE(postRaw(*m_client, path("user/list_id", m_contacts), "{not json").errcode(), 47001);
    QCOMPARE(postRaw(*m_client, path("message/send", m_app), "[1,2]").errcode(), 47001);
    const auto unknown = get(*m_client, path("no/such/api", m_contacts));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(get(*m_client, path("user/list_id", m_contacts)).errcode(), 40063);
    QCOMPARE(post(*m_client, path("department/list", m_contacts), {}).errcode(), 40063);
    QCOMPARE(get(*m_client, path("department/list", m_contacts, "id=abc")).errcode(), 40058);
    QCOMPARE(toReply(m_client->Put("/cgi-bin/department/list", "", "text/plain")).status, 404);
}

void TestSandboxServer::errmsgShape()
{
    for (const auto &reply : {get(*m_client, "/cgi-bin/gettoken?corpsecret=x"),
                              get(*m_client, path("department/list", std::string(64, 'x'))),
                              get(*m_client, path("externalcontact/list", m_customer, "userid=dave"))}) {
        const auto match = kErrmsgShape.match(reply.errmsg());
        QVERIFY2(match.hasMatch(), qPrintable(reply.errmsg()));
        QCOMPARE(match.captured(2).toInt(), reply.errcode());
    }
    QCOMPARE(get(*m_client, "/cgi-bin/gettoken?corpsecret=x").errmsg().section(QLatin1Char(','), 0, 0),
             QStringLiteral("corpid missing"));
}

void TestSandboxServer::rateLimits()
{
    RateLimits limits = unlimited();
    limits.perCorpApiPerMinute = 3;
    limits.minuteBlock = std::chrono::seconds(1);
    m_server->setLimits(limits);
    const std::string api = path("department/simplelist", m_contacts);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(get(*m_client, api).errcode(), 0);
    }
    const auto limited = get(*m_client, api);
    QCOMPARE(limited.errcode(), 45009);
    QVERIFY(limited.errmsg().startsWith(QStringLiteral("api freq out of limit, hint: [")));
    QCOMPARE(get(*m_client, api).errcode(), 45009); // blocked
    // Another API has its own window.
    QCOMPARE(get(*m_client, path("department/list", m_contacts)).errcode(), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    QCOMPARE(get(*m_client, api).errcode(), 0);

    limits = unlimited();
    limits.perIpApiPerHour = 2;
    limits.hourBlock = std::chrono::seconds(60);
    m_server->setLimits(limits);
    QCOMPARE(get(*m_client, api).errcode(), 0);
    QCOMPARE(get(*m_client, api).errcode(), 0);
    QCOMPARE(get(*m_client, api).errcode(), 45009);
    QCOMPARE(get(*m_client, api).errcode(), 45009);
}

void TestSandboxServer::concurrencyLimit()
{
    RateLimits limits = unlimited();
    limits.maxConcurrentPerApi = 1;
    m_server->setLimits(limits);
    Fault slow;
    slow.kind = Fault::Kind::Latency;
    slow.endpoint = "department/list";
    slow.latencyMs = 300;
    m_server->addFault(slow);
    std::atomic<int> ok{0};
    std::atomic<int> concurrent{0};
    std::vector<std::thread> threads;
    const std::string api = path("department/list", m_contacts);
    for (int i = 0; i < 3; ++i) {
        threads.emplace_back([&, api] {
            httplib::Client client(m_server->baseUrl());
            const int errcode = get(client, api).errcode();
            if (errcode == 0) {
                ++ok;
            } else if (errcode == 45033) {
                ++concurrent;
            }
        });
    }
    for (auto &thread : threads) {
        thread.join();
    }
    QVERIFY(ok >= 1);
    QVERIFY(concurrent >= 1);
    QCOMPARE(ok + concurrent, 3);
}

void TestSandboxServer::trustedIp()
{
    ServerOptions options;
    options.trustedIp = "10.1.2.3";
    SandboxServer server(testCorp(), options);
    QVERIFY(server.start());
    httplib::Client client(server.baseUrl());
    const auto issued =
        get(client, "/cgi-bin/gettoken?corpid=" + m_credentials.corpId + "&corpsecret=" + m_credentials.contactsSecret);
    QCOMPARE(issued.errcode(), 0);
    const auto refused = get(
        client, path("department/list", issued.json.value(QStringLiteral("access_token")).toString().toStdString()));
    QCOMPARE(refused.errcode(), 60020);
    QVERIFY(refused.errmsg().startsWith(QStringLiteral("not allow to access from your ip, hint: [")));
}

void TestSandboxServer::faultErrcodeHttpMalformed()
{
    const std::string api = path("department/list", m_contacts);
    m_server->addFault(*Fault::parse("errcode=-1,endpoint=department/list", nullptr));
    const auto busy = get(*m_client, api);
    QCOMPARE(busy.status, 200);
    QCOMPARE(busy.errcode(), -1);
    QCOMPARE(get(*m_client, path("department/simplelist", m_contacts)).errcode(), 0); // other endpoints unaffected

    m_server->setFaults({*Fault::parse("http=503", nullptr)});
    const auto unavailable = get(*m_client, api);
    QVERIFY(unavailable.transportOk);
    QCOMPARE(unavailable.status, 503);
    QVERIFY(!unavailable.parsed);

    m_server->setFaults({*Fault::parse("malformed", nullptr)});
    const auto malformed = get(*m_client, api);
    QCOMPARE(malformed.status, 200);
    QVERIFY(!malformed.body.empty());
    QVERIFY(!malformed.parsed);
    m_server->clearFaults();
    QCOMPARE(get(*m_client, api).errcode(), 0);
}

void TestSandboxServer::faultLatency()
{
    const std::string api = path("department/simplelist", m_contacts);
    m_server->addFault(*Fault::parse("latency=250,jitter=50", nullptr));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(get(*m_client, api).errcode(), 0);
    QVERIFY2(timer.elapsed() >= 195, qPrintable(QString::number(timer.elapsed())));
    m_server->clearFaults();
    timer.restart();
    QCOMPARE(get(*m_client, api).errcode(), 0);
    QVERIFY(timer.elapsed() < 150);
}

void TestSandboxServer::faultTruncatedAndDrop()
{
    const std::string api = path("department/list", m_contacts);
    {
        m_server->setFaults({*Fault::parse("truncated", nullptr)});
        httplib::Client client(m_server->baseUrl());
        const auto truncated = get(client, api);
        QVERIFY(!truncated.transportOk);
        QCOMPARE(truncated.error, httplib::Error::Read);
    }
    {
        m_server->setFaults({*Fault::parse("drop", nullptr)});
        httplib::Client client(m_server->baseUrl());
        const auto dropped = get(client, api);
        QVERIFY(!dropped.transportOk);
    }
    m_server->clearFaults();
    httplib::Client client(m_server->baseUrl());
    QCOMPARE(get(client, api).errcode(), 0);
}

void TestSandboxServer::faultStallReleasedByStop()
{
    SandboxServer server(testCorp());
    QVERIFY(server.start());
    server.addFault(*Fault::parse("stall", nullptr));
    httplib::Client client(server.baseUrl());
    client.set_read_timeout(std::chrono::milliseconds(800));
    QElapsedTimer timer;
    timer.start();
    const auto stalled = get(client, "/cgi-bin/gettoken?corpid=x&corpsecret=y");
    QVERIFY(!stalled.transportOk);
    QCOMPARE(stalled.error, httplib::Error::Read);
    QVERIFY(timer.elapsed() >= 700);

    // A second stalled call is in flight when the server stops: stop() must release it promptly.
    std::thread pending([&server] {
        httplib::Client other(server.baseUrl());
        other.set_read_timeout(std::chrono::seconds(30));
        (void)other.Get("/cgi-bin/gettoken?corpid=x&corpsecret=y");
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    timer.restart();
    server.stop();
    pending.join();
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!server.isRunning());
}

void TestSandboxServer::faultBurstAndDeterminism()
{
    const std::string api = path("department/simplelist", m_contacts);
    m_server->addFault(*Fault::parse("errcode=45009,count=2,endpoint=department/simplelist", nullptr));
    QCOMPARE(get(*m_client, api).errcode(), 45009);
    QCOMPARE(get(*m_client, api).errcode(), 45009);
    QCOMPARE(get(*m_client, api).errcode(), 0);
    QCOMPARE(get(*m_client, api).errcode(), 0);

    auto sequence = [&] {
        m_server->setFaults({*Fault::parse("errcode=-1,rate=0.5", nullptr)});
        QString out;
        for (int i = 0; i < 24; ++i) {
            out.append(get(*m_client, api).errcode() == 0 ? QLatin1Char('.') : QLatin1Char('x'));
        }
        return out;
    };
    const QString first = sequence();
    QCOMPARE(sequence(), first);
    QVERIFY(first.contains(QLatin1Char('.')) && first.contains(QLatin1Char('x')));
}

void TestSandboxServer::faultParse()
{
    std::string error;
    auto fault = Fault::parse("errcode=45009,count=5,endpoint=externalcontact/batch/get_by_user", &error);
    QVERIFY(fault);
    QCOMPARE(fault->kind, Fault::Kind::ErrorCode);
    QCOMPARE(fault->errcode, 45009);
    QCOMPARE(fault->remaining, 5);
    QCOMPARE(fault->endpoint, std::string("externalcontact/batch/get_by_user"));
    fault = Fault::parse("errcode=-1,rate=0.1", &error);
    QVERIFY(fault);
    QCOMPARE(fault->probability, 0.1);
    fault = Fault::parse("http=503", &error);
    QVERIFY(fault && fault->kind == Fault::Kind::HttpStatus && fault->httpStatus == 503);
    fault = Fault::parse("latency=200,jitter=50", &error);
    QVERIFY(fault && fault->kind == Fault::Kind::Latency && fault->latencyMs == 200 && fault->jitterMs == 50);
    QCOMPARE(Fault::parse("malformed", &error)->kind, Fault::Kind::MalformedJson);
    QCOMPARE(Fault::parse("truncated", &error)->kind, Fault::Kind::Truncated);
    QCOMPARE(Fault::parse("drop", &error)->kind, Fault::Kind::Drop);
    fault = Fault::parse("stall,latency=3000", &error);
    QVERIFY(fault && fault->kind == Fault::Kind::Stall && fault->latencyMs == 3000);
    for (const char *bad :
         {"", "bogus", "errcode=x", "rate=2,errcode=1", "http=200", "drop,malformed", "count=0,drop", "jitter=5"}) {
        error.clear();
        QVERIFY2(!Fault::parse(bad, &error), bad);
        QVERIFY(!error.empty());
    }
}

void TestSandboxServer::controlApi()
{
    CorpSpec spec;
    spec.departments = 6;
    spec.staff = 12;
    spec.contacts = 30;
    SandboxServer server(SandboxCorp::generate(spec));
    QVERIFY(server.start());
    httplib::Client client(server.baseUrl());

    const auto status = get(client, "/sandbox/status");
    QCOMPARE(status.status, 200);
    QCOMPARE(status.json.value(QStringLiteral("revision")).toInt(), 0);
    QCOMPARE(status.json.value(QStringLiteral("corpid")).toString().toStdString(), server.credentials().corpId);
    QCOMPARE(status.json.value(QStringLiteral("port")).toInt(), server.port());

    const auto advanced = post(client, "/sandbox/revision", {{QStringLiteral("advance"), 2}});
    QCOMPARE(advanced.status, 200);
    QCOMPARE(advanced.json.value(QStringLiteral("revision")).toInt(), 2);
    QVERIFY(!advanced.json.value(QStringLiteral("events")).toArray().isEmpty());
    QCOMPARE(server.revision(), 2);
    QCOMPARE(post(client, "/sandbox/revision", {{QStringLiteral("revision"), 1}})
                 .json.value(QStringLiteral("revision"))
                 .toInt(),
             1);
    QCOMPARE(post(client, "/sandbox/revision", {}).status, 400);

    QCOMPARE(post(client, "/sandbox/faults", {{QStringLiteral("spec"), QStringLiteral("errcode=-1,count=1")}}).status,
             200);
    QCOMPARE(post(client, "/sandbox/faults", {{QStringLiteral("spec"), QStringLiteral("nonsense")}}).status, 400);
    const auto faults = get(client, "/sandbox/faults");
    QCOMPARE(faults.json.value(QStringLiteral("faults")).toArray().size(), 1);
    QCOMPARE(
        faults.json.value(QStringLiteral("faults")).toArray()[0].toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("errcode"));
    QCOMPARE(get(client, "/cgi-bin/gettoken?corpid=x&corpsecret=y").errcode(), -1);
    QCOMPARE(del(client, "/sandbox/faults").status, 200);
    QCOMPARE(get(client, "/sandbox/faults").json.value(QStringLiteral("faults")).toArray().size(), 0);

    const std::string tokenPath = "/cgi-bin/gettoken?corpid=" + server.credentials().corpId +
                                  "&corpsecret=" + server.credentials().contactsSecret;
    const std::string token =
        get(client, tokenPath).json.value(QStringLiteral("access_token")).toString().toStdString();
    QCOMPARE(get(client, path("department/list", token)).errcode(), 0);
    QCOMPARE(post(client, "/sandbox/tokens/revoke", {{QStringLiteral("errcode"), 40014}}).status, 200);
    QCOMPARE(get(client, path("department/list", token)).errcode(), 40014);

    const auto counters = get(client, "/sandbox/counters");
    QCOMPARE(counters.json.value(QStringLiteral("calls"))
                 .toObject()
                 .value(QStringLiteral("cgi-bin/department/list"))
                 .toInt(),
             2);
    QCOMPARE(del(client, "/sandbox/counters").status, 200);
    QVERIFY(get(client, "/sandbox/counters").json.value(QStringLiteral("calls")).toObject().isEmpty());

    QCOMPARE(get(client, "/sandbox/messages").json.value(QStringLiteral("messages")).toArray().size(), 0);

    const auto dump = get(client, "/sandbox/dump");
    QCOMPARE(dump.status, 200);
    const auto lines = QByteArray::fromStdString(dump.body).trimmed().split('\n');
    QVERIFY(lines.size() > 1);
    for (const auto &line : lines) {
        QVERIFY(QJsonDocument::fromJson(line).isObject());
    }
    const auto dumpJson = get(client, "/sandbox/dump?format=json");
    QVERIFY(dumpJson.parsed);

    QCOMPARE(
        post(client, "/sandbox/callbacks", {{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/cb")}}).status,
        200);
    QCOMPARE(get(client, "/sandbox/status").json.value(QStringLiteral("callbacks_url")).toString(),
             QStringLiteral("http://127.0.0.1:9/cb"));
    QCOMPARE(get(client, "/sandbox/nothing").status, 404);
    QCOMPARE(postRaw(client, "/sandbox/faults", "{bad").status, 400);
}

void TestSandboxServer::counters()
{
    m_server->resetCounters();
    QVERIFY(m_server->callCounts().empty());
    (void)get(*m_client, path("department/list", m_contacts));
    (void)get(*m_client, path("department/list", m_customer)); // failed calls count too
    (void)post(*m_client, path("externalcontact/batch/get_by_user", m_customer),
               {{QStringLiteral("userid_list"), strings({QStringLiteral("bob")})}});
    (void)get(*m_client, path("no/such/api", m_contacts));
    const auto counts = m_server->callCounts();
    QCOMPARE(counts.at("cgi-bin/department/list"), std::int64_t(2));
    QCOMPARE(counts.at("cgi-bin/externalcontact/batch/get_by_user"), std::int64_t(1));
    QCOMPARE(counts.at("cgi-bin/no/such/api"), std::int64_t(1));
    QCOMPARE(counts.count("cgi-bin/gettoken"), std::size_t(0));
}

void TestSandboxServer::callbacks()
{
    struct Received {
        std::string path;
        std::string signature;
        std::string timestamp;
        std::string nonce;
        std::string body;
        bool rejected = false; ///< answered 500, so the sender retries it
    };
    std::mutex mutex;
    std::vector<Received> received;
    std::atomic<int> failuresLeft{1};
    httplib::Server receiver;
    receiver.Post("/wecom/callback", [&](const httplib::Request &request, httplib::Response &response) {
        const bool reject = failuresLeft.fetch_sub(1) > 0;
        {
            std::lock_guard lock(mutex);
            received.push_back({request.path, request.get_param_value("msg_signature"),
                                request.get_param_value("timestamp"), request.get_param_value("nonce"), request.body,
                                reject});
        }
        if (reject) {
            response.status = 500;
            return;
        }
        response.set_content("", "text/plain");
    });
    const int receiverPort = receiver.bind_to_any_port("127.0.0.1");
    QVERIFY(receiverPort > 0);
    std::thread receiverThread([&receiver] { receiver.listen_after_bind(); });
    // Stops and joins the receiver however the test function returns.
    struct Joiner {
        httplib::Server &server;
        std::thread &thread;
        ~Joiner()
        {
            server.stop();
            if (thread.joinable()) {
                thread.join();
            }
        }
    } joiner{receiver, receiverThread};

    CorpSpec spec;
    spec.departments = 6;
    spec.staff = 12;
    spec.contacts = 30;
    SandboxServer server(SandboxCorp::generate(spec));
    QVERIFY(server.start());
    CallbackOptions options;
    options.url = "http://127.0.0.1:" + std::to_string(receiverPort) + "/wecom/callback";
    options.attempts = 3;
    options.timeout = std::chrono::milliseconds(2000);
    server.setCallbacks(options);
    const auto events = server.advanceTo(1);
    QVERIFY(!events.empty());
    QTRY_COMPARE_WITH_TIMEOUT(server.callbacksDelivered(), static_cast<std::int64_t>(events.size()), 10000);
    QCOMPARE(server.callbacksFailed(), 0);
    {
        std::lock_guard lock(mutex);
        QCOMPARE(received.size(), events.size() + 1); // the first try got a 500 and was retried
        for (const auto &r : received) {
            QVERIFY(!r.signature.empty());
            QCOMPARE(r.signature.size(), std::size_t(40));
            QVERIFY(!r.timestamp.empty());
            QVERIFY(!r.nonce.empty());
            QVERIFY(r.body.find("<Encrypt><![CDATA[") != std::string::npos);
            QVERIFY(r.body.find("<ToUserName><![CDATA[" + server.credentials().corpId) != std::string::npos);
        }
        // Open every delivered callback as a receiver would (signature, AES, receive id) and compare the events
        // with what the round changed.
        const CorpCredentials &c = server.credentials();
        auto crypto = ic::connectors::wecom::WeComCrypto::create(QString::fromStdString(c.callbackToken),
                                                                 QString::fromStdString(c.encodingAesKey),
                                                                 QString::fromStdString(c.corpId));
        QVERIFY(crypto);
        std::multiset<std::string> expected;
        for (const auto &e : events) {
            expected.insert(e.event + "/" + e.changeType);
        }
        std::multiset<std::string> opened;
        for (const auto &r : received) {
            if (r.rejected) {
                continue; // retried: its event arrives again in a later delivery
            }
            auto xml = crypto->decryptMessage(QString::fromStdString(r.signature), QString::fromStdString(r.timestamp),
                                              QString::fromStdString(r.nonce), QByteArray::fromStdString(r.body));
            QVERIFY2(xml, xml ? "" : qPrintable(xml.error().toDisplayString()));
            auto fields = ic::connectors::wecom::parseEventXml(xml.value());
            QVERIFY(fields);
            QCOMPARE(fields->value(QStringLiteral("ToUserName")), QString::fromStdString(c.corpId));
            QCOMPARE(fields->value(QStringLiteral("MsgType")), QStringLiteral("event"));
            opened.insert(fields->value(QStringLiteral("Event")).toStdString() + "/" +
                          fields->value(QStringLiteral("ChangeType")).toStdString());
        }
        QVERIFY(opened == expected);
    }

    // An unreachable receiver: every attempt fails and the callback counts as failed.
    receiver.stop();
    if (receiverThread.joinable()) {
        receiverThread.join();
    }
    options.attempts = 2;
    options.timeout = std::chrono::milliseconds(500);
    server.setCallbacks(options);
    const auto more = server.advanceTo(2);
    QTRY_COMPARE_WITH_TIMEOUT(server.callbacksFailed(), static_cast<std::int64_t>(more.size()), 15000);
    // Going back regenerates the corp; still no crash and the revision is right.
    server.setCallbacks(CallbackOptions{});
    server.advanceTo(0);
    QCOMPARE(server.revision(), 0);
}

void TestSandboxServer::concurrentClients()
{
    constexpr int kThreads = 4;
    constexpr int kRequests = 150;
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    const std::string api = path("externalcontact/batch/get_by_user", m_customer);
    const std::string body = R"({"userid_list":["alice","bob"],"limit":100})";
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            httplib::Client client(m_server->baseUrl());
            client.set_keep_alive(true);
            for (int i = 0; i < kRequests; ++i) {
                const auto reply = postRaw(client, api, body);
                if (reply.errcode() == 0 &&
                    reply.json.value(QStringLiteral("external_contact_list")).toArray().size() == 100) {
                    ++ok;
                }
            }
        });
    }
    for (auto &thread : threads) {
        thread.join();
    }
    QCOMPARE(ok.load(), kThreads * kRequests);
}

namespace {

/// What a client sees of a corp, or what the ground truth says: departments with their parents, staff with
/// their departments, and every (customer, follower) relation with its remark and tags.
struct CorpState {
    std::map<std::string, std::string> departments;     ///< id -> parent id
    std::map<std::string, std::set<std::string>> staff; ///< userid -> department ids
    std::map<std::string, std::string> relations;       ///< "external_userid/userid" -> "remark|tag ids"
    bool operator==(const CorpState &other) const = default;
};

std::string relationKey(const QString &externalUserid, const QString &userid)
{
    return QString(externalUserid + QLatin1Char('/') + userid).toStdString();
}

std::string relationValue(const QString &remark, const QString &tagIds)
{
    return QString(remark + QLatin1Char('|') + tagIds).toStdString();
}

QString sortedJoin(const QJsonArray &values)
{
    QStringList items;
    for (const auto &v : values) {
        items.append(v.isString() ? v.toString() : QString::number(v.toInteger()));
    }
    items.sort();
    return items.join(QLatin1Char(','));
}

/// Reads the whole corp through the API, as a sync would: department/simplelist and user/list_id with the
/// contacts-sync secret; get_follow_user_list and batch/get_by_user (100 followers per request, every cursor
/// page) with the customer-contact secret.
std::optional<CorpState> fetchOverHttp(httplib::Client &client, const CorpCredentials &c)
{
    auto tokenFor = [&](const std::string &secret) {
        return get(client, "/cgi-bin/gettoken?corpid=" + c.corpId + "&corpsecret=" + secret)
            .json.value(QStringLiteral("access_token"))
            .toString()
            .toStdString();
    };
    const std::string contacts = tokenFor(c.contactsSecret);
    const std::string customer = tokenFor(c.customerSecret);
    CorpState state;
    const auto departments = get(client, "/cgi-bin/department/simplelist?access_token=" + contacts);
    if (departments.errcode() != 0) {
        return std::nullopt;
    }
    for (const auto &d : departments.json.value(QStringLiteral("department_id")).toArray()) {
        const QJsonObject o = d.toObject();
        state.departments[QString::number(o.value(QStringLiteral("id")).toInteger()).toStdString()] =
            QString::number(o.value(QStringLiteral("parentid")).toInteger()).toStdString();
    }
    QString cursor;
    do {
        const auto page = post(client, "/cgi-bin/user/list_id?access_token=" + contacts,
                               {{QStringLiteral("cursor"), cursor}, {QStringLiteral("limit"), 37}});
        if (page.errcode() != 0) {
            return std::nullopt;
        }
        for (const auto &row : page.json.value(QStringLiteral("dept_user")).toArray()) {
            const QJsonObject o = row.toObject();
            state.staff[o.value(QStringLiteral("userid")).toString().toStdString()].insert(
                QString::number(o.value(QStringLiteral("department")).toInteger()).toStdString());
        }
        cursor = page.json.value(QStringLiteral("next_cursor")).toString();
    } while (!cursor.isEmpty());
    const auto followers = get(client, "/cgi-bin/externalcontact/get_follow_user_list?access_token=" + customer);
    if (followers.errcode() != 0) {
        return std::nullopt;
    }
    const QJsonArray all = followers.json.value(QStringLiteral("follow_user")).toArray();
    for (qsizetype start = 0; start < all.size(); start += 100) {
        QJsonArray batch;
        for (qsizetype i = start; i < std::min(all.size(), start + 100); ++i) {
            batch.append(all.at(i));
        }
        QString next;
        do {
            const auto page = post(client, "/cgi-bin/externalcontact/batch/get_by_user?access_token=" + customer,
                                   {{QStringLiteral("userid_list"), batch},
                                    {QStringLiteral("cursor"), next},
                                    {QStringLiteral("limit"), 100}});
            if (page.errcode() != 0 && page.errcode() != 84061) {
                return std::nullopt;
            }
            for (const auto &item : page.json.value(QStringLiteral("external_contact_list")).toArray()) {
                const QJsonObject contact = item.toObject().value(QStringLiteral("external_contact")).toObject();
                const QJsonObject follow = item.toObject().value(QStringLiteral("follow_info")).toObject();
                state.relations[relationKey(contact.value(QStringLiteral("external_userid")).toString(),
                                            follow.value(QStringLiteral("userid")).toString())] =
                    relationValue(follow.value(QStringLiteral("remark")).toString(),
                                  sortedJoin(follow.value(QStringLiteral("tag_id")).toArray()));
            }
            next = page.json.value(QStringLiteral("next_cursor")).toString();
        } while (!next.isEmpty());
    }
    return state;
}

/// The same view from the ground-truth dump (JSON lines).
CorpState fromDump(const std::string &dump)
{
    CorpState state;
    for (const QByteArray &line : QByteArray::fromStdString(dump).split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const QString kind = o.value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("department")) {
            state.departments[QString::number(o.value(QStringLiteral("id")).toInteger()).toStdString()] =
                QString::number(o.value(QStringLiteral("parentid")).toInteger()).toStdString();
        } else if (kind == QLatin1String("staff")) {
            auto &departments = state.staff[o.value(QStringLiteral("userid")).toString().toStdString()];
            for (const auto &d : o.value(QStringLiteral("department")).toArray()) {
                departments.insert(QString::number(d.toInteger()).toStdString());
            }
        } else if (kind == QLatin1String("contact")) {
            const QString id = o.value(QStringLiteral("external_userid")).toString();
            for (const auto &f : o.value(QStringLiteral("follow_user")).toArray()) {
                const QJsonObject follow = f.toObject();
                QJsonArray tagIds;
                for (const auto &tag : follow.value(QStringLiteral("tags")).toArray()) {
                    tagIds.append(tag.toObject().value(QStringLiteral("tag_id")));
                }
                if (tagIds.isEmpty()) {
                    tagIds = follow.value(QStringLiteral("tag_id")).toArray();
                }
                state.relations[relationKey(id, follow.value(QStringLiteral("userid")).toString())] =
                    relationValue(follow.value(QStringLiteral("remark")).toString(), sortedJoin(tagIds));
            }
        }
    }
    return state;
}

} // namespace

void TestSandboxServer::wholeStateOverHttpMatchesGroundTruth()
{
    CorpSpec spec;
    spec.seed = 42;
    spec.departments = 15;
    spec.staff = 140;
    spec.contacts = 900;
    SandboxServer server(SandboxCorp::generate(spec));
    QVERIFY(server.start());
    httplib::Client client(server.baseUrl());

    const auto before = fetchOverHttp(client, server.credentials());
    QVERIFY(before);
    const CorpState truthBefore = fromDump(get(client, "/sandbox/dump").body);
    QVERIFY(!truthBefore.relations.empty() && !truthBefore.staff.empty());
    QVERIFY(*before == truthBefore);

    const auto advanced = post(client, "/sandbox/revision", {{QStringLiteral("revision"), 3}});
    QCOMPARE(advanced.status, 200);
    QVERIFY(!advanced.json.value(QStringLiteral("events")).toArray().isEmpty());
    const auto after = fetchOverHttp(client, server.credentials());
    QVERIFY(after);
    const CorpState truthAfter = fromDump(get(client, "/sandbox/dump").body);
    QVERIFY(*after == truthAfter);
    // The rounds changed every kind of thing a sync reads.
    QVERIFY(after->departments != before->departments);
    QVERIFY(after->staff != before->staff);
    QVERIFY(after->relations != before->relations);
}

void TestSandboxServer::limitsThroughControlApi()
{
    CorpSpec spec;
    spec.contacts = 10;
    SandboxServer server(SandboxCorp::generate(spec));
    QVERIFY(server.start());
    httplib::Client client(server.baseUrl());
    const auto defaults = get(client, "/sandbox/limits");
    QCOMPARE(defaults.status, 200);
    QCOMPARE(defaults.json.value(QStringLiteral("per_corp_api_per_minute")).toInt(), 10000);
    QCOMPARE(defaults.json.value(QStringLiteral("per_ip_api_per_hour")).toInt(), 600000);
    QCOMPARE(post(client, "/sandbox/limits", {{QStringLiteral("per_corp_api_per_minute"), 0}}).status, 400);

    const auto changed = post(client, "/sandbox/limits", {{QStringLiteral("per_corp_api_per_minute"), 2}});
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.json.value(QStringLiteral("per_corp_api_per_minute")).toInt(), 2);
    QCOMPARE(changed.json.value(QStringLiteral("per_corp_api_per_hour")).toInt(), 150000);
    // The third call to one API within the minute is refused, as WeCom does.
    const CorpCredentials &c = server.credentials();
    const std::string gettoken = "/cgi-bin/gettoken?corpid=" + c.corpId + "&corpsecret=" + c.contactsSecret;
    QCOMPARE(get(client, gettoken).errcode(), 0);
    QCOMPARE(get(client, gettoken).errcode(), 0);
    QCOMPARE(get(client, gettoken).errcode(), 45009);
}

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
