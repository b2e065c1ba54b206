// The WeCom client on a fake network that answers like WeCom: one token refresh for many concurrent callers,
// compare-and-invalidate on token errors (a fresher token survives) with exactly one repeat, which gettoken answers
// are retried, cursor paging inside the connector, "no customers" (84061), message/send never repeated, and no
// secret or token in any error or call-log row. Every request is counted exactly.

#include "FakeNetworkAccessManager.h"

#include "connectors/wecom/MemoryTokenStore.h"
#include "connectors/wecom/WeComClient.h"
#include "connectors/wecom/WeComErrors.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <memory>
#include <vector>

using namespace ic;
using namespace ic::connectors::wecom;
using namespace std::chrono_literals;
using ic::test::FakeNetworkAccessManager;
using ic::test::FakeResponse;
using ic::test::RecordedRequest;

Q_DECLARE_METATYPE(ic::test::FakeResponse)

namespace {

/// Runs `task` to its end, letting the event loop run without sleeping (every fake answer is due at once); fails
/// (std::nullopt) after 20 s of real time.
template<typename T>
std::optional<T> drive(QCoro::Task<T> task)
{
    auto result = std::make_shared<std::optional<T>>();
    auto driver = [](QCoro::Task<T> awaited, std::shared_ptr<std::optional<T>> out) -> QCoro::Task<> {
        out->emplace(co_await std::move(awaited));
    }(std::move(task), result);
    QDeadlineTimer deadline(20s);
    while (!result->has_value() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    if (!result->has_value()) {
        return std::nullopt;
    }
    return std::move(*result);
}

#define IC_DRIVE(name, task)                                                                                           \
    auto name##Pending = drive(task);                                                                                  \
    QVERIFY2(name##Pending.has_value(), "the call did not end within 20 s");                                           \
    auto name = std::move(*name##Pending)

template<typename T>
QCoro::Task<QList<T>> all(std::vector<QCoro::Task<T>> tasks)
{
    QList<T> results;
    for (auto &task : tasks) {
        results.append(co_await std::move(task));
    }
    co_return results;
}

QString randomText(int length)
{
    static const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    QString text;
    for (int i = 0; i < length; ++i) {
        text += alphabet.at(int(QRandomGenerator::global()->bounded(alphabet.size())));
    }
    return text;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// WeCom's errmsg for `errcode`, quoting `echo` the way WeCom's messages quote what they got.
QString errmsgFor(int errcode, const QString &echo = {})
{
    QString errmsg = QStringLiteral("scripted error %1").arg(errcode);
    if (!echo.isEmpty()) {
        errmsg += u", got " + echo;
    }
    return errmsg + QStringLiteral(", hint: [1700000000_1_abc], from ip: 203.0.113.7, more info at "
                                   "https://open.work.weixin.qq.com/devtool/query?e=%1")
                        .arg(errcode);
}

/// A WeCom answer with `errcode` and errmsgFor(errcode, echo).
FakeResponse wecomError(int errcode, const QString &echo = {})
{
    return FakeResponse::json(
        json({{QStringLiteral("errcode"), errcode}, {QStringLiteral("errmsg"), errmsgFor(errcode, echo)}}));
}

FakeResponse wecomOk(QJsonObject object = {})
{
    object.insert(QStringLiteral("errcode"), 0);
    object.insert(QStringLiteral("errmsg"), QStringLiteral("ok"));
    return FakeResponse::json(json(object));
}

/// One WeCom corp behind the fake network: gettoken issues tokens, business APIs check them.
///
/// gettoken answers from its script (`tokenAnswers`, one per request) while it lasts, then issues a new token that
/// is valid from then on. A business request with a token that is not valid is answered 40014 (errmsg quoting the
/// token, as WeCom does); with a valid one, by `answer` for its API (default: errcode 0). Requests are counted per API
/// and the token of every business request is kept.
class FakeWeCom {
public:
    using Answer = std::function<FakeResponse(const QString &api, const RecordedRequest &request)>;

    explicit FakeWeCom(FakeNetworkAccessManager &network)
    {
        network.setHandler([this](const RecordedRequest &request) { return respond(request); });
    }

    FakeResponse respond(const RecordedRequest &request)
    {
        QString api = request.url.path();
        api.remove(0, qsizetype(std::char_traits<char>::length("/cgi-bin/")));
        const QUrlQuery query(request.url);
        ++counts[api];
        if (api == u"gettoken") {
            secretsSeen.append(query.queryItemValue(QStringLiteral("corpsecret"), QUrl::FullyDecoded));
            if (!tokenAnswers.isEmpty()) {
                return tokenAnswers.takeFirst();
            }
            const QString token = u"tok-" + QString::number(issued.size() + 1) + u'-' + randomText(40);
            issued.append(token);
            valid.insert(token);
            return wecomOk({{QStringLiteral("access_token"), token}, {QStringLiteral("expires_in"), 7200}});
        }
        const QString token = query.queryItemValue(QStringLiteral("access_token"), QUrl::FullyDecoded);
        tokensUsed.append(token);
        if (!valid.contains(token)) {
            return wecomError(40014, u"invalid access_token: " + token);
        }
        return answer ? answer(api, request) : wecomOk();
    }

    int count(const QString &api) const { return counts.value(api); }

    QList<FakeResponse> tokenAnswers;
    Answer answer;
    QStringList issued;
    QSet<QString> valid;
    QHash<QString, int> counts;
    QStringList tokensUsed;
    QStringList secretsSeen;
};

net::HttpClientConfig httpConfig()
{
    net::HttpClientConfig config;
    config.tenantId = QStringLiteral("default");
    config.serviceType = QStringLiteral("wecom");
    config.timeout = 10s;
    // No backoff: the retries of these tests come at once, on a clock that never moves.
    config.retry.baseDelay = 0ms;
    config.retry.maxDelay = 0ms;
    config.retry.rateLimitFloor = 0ms;
    config.retry.maxAttempts = 4;
    config.ratePerSecond = 10000;
    config.burst = 10000;
    config.breaker.failureThreshold = 1000;
    config.errcodeReader = readWeComBody;
    return config;
}

/// A client of a corp of its own (ProcessTokens, the process's token memory, is keyed by corp: tests must not see
/// each other's tokens), with everything it did.
class Rig {
public:
    explicit Rig(std::shared_ptr<TokenStore> tokenStore = {}, net::HttpClientConfig config = httpConfig())
        : wecom(network)
        , store(std::move(tokenStore))
        , http(&network, std::move(config), net::Redactor(), nullptr, clock)
    {
        account.tenantId = QStringLiteral("default");
        account.apiBase = QStringLiteral("https://qyapi.example.invalid");
        account.corpId = u"ww" + QUuid::createUuid().toString(QUuid::Id128).left(16);
        account.agentId = 1000002;
        account.secrets = {{SecretKind::App, u"app-" + randomText(39)},
                           {SecretKind::Contacts, u"contacts-" + randomText(34)},
                           {SecretKind::Customer, u"customer-" + randomText(34)}};
        client = std::make_unique<WeComClient>(http, account, store);
        http.setCallObserver([this](const db::CallLogRecord &record) { records.append(record); });
    }

    /// Another client of the same corp in this process, on the same HTTP client (as a second window would be).
    std::unique_ptr<WeComClient> sibling() { return std::make_unique<WeComClient>(http, account, store); }

    TokenKey keyFor(SecretKind kind) const
    {
        return TokenKey{account.tenantId, account.apiBase, account.corpId, secretKindName(kind)};
    }

    /// Notes an error so that verifyNothingLeaked() searches it.
    template<typename T>
    void note(const Result<T> &result)
    {
        if (!result) {
            errors.append(result.error());
        }
    }

    /// Fails when a secret or a token of this test appears in a noted error or a call-log row.
    void verifyNothingLeaked() const
    {
        const QStringList secrets = account.secrets.values() + wecom.issued + extraSecrets;
        QStringList texts;
        for (const Error &error : errors) {
            texts << error.message << error.detail << error.hint << error.field;
        }
        for (const db::CallLogRecord &record : records) {
            texts << record.endpoint << record.error << record.requestPayload << record.responsePayload
                  << record.apiErrcode;
        }
        for (const QString &text : std::as_const(texts)) {
            for (const QString &secret : std::as_const(secrets)) {
                QVERIFY2(!text.contains(secret), qPrintable(u"found " + secret + u" in: " + text));
                QVERIFY2(!text.contains(QString::fromLatin1(QUrl::toPercentEncoding(secret))),
                         qPrintable(u"found " + secret + u" in: " + text));
            }
        }
    }

    std::shared_ptr<net::ManualClock> clock = std::make_shared<net::ManualClock>();
    FakeNetworkAccessManager network;
    FakeWeCom wecom;
    std::shared_ptr<TokenStore> store;
    net::HttpClient http;
    WeComAccount account;
    std::unique_ptr<WeComClient> client;
    QList<db::CallLogRecord> records;
    QList<Error> errors;
    QStringList extraSecrets; ///< Tokens a test put in place itself.
};

QUrlQuery userQuery(const QString &userid = QStringLiteral("zhangsan"))
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("userid"), userid);
    return query;
}

QJsonObject userBody(const QString &userid = QStringLiteral("zhangsan"))
{
    return {{QStringLiteral("userid"), userid},
            {QStringLiteral("name"), QStringLiteral("张三")},
            {QStringLiteral("department"), QJsonArray{1}}};
}

} // namespace

class TestWeComClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oneRefreshForFiftyConcurrentCallers();
    void oneRefreshForFiftyConcurrentTokenRequests();
    void failedRefreshIsSharedAndNotRemembered();
    void revokedTokenUnderFiftyCallersIsRefetchedOnce();
    void tokenErrorRefreshesOnceAndRepeatsOnce_data();
    void tokenErrorRefreshesOnceAndRepeatsOnce();
    void secondTokenErrorIsReturned_data();
    void secondTokenErrorIsReturned();
    void fresherTokenInMemorySurvivesInvalidation();
    void fresherTokenInStoreSurvivesInvalidation();
    void gettokenCredentialErrorsAreNotRetried_data();
    void gettokenCredentialErrorsAreNotRetried();
    void gettokenIsRetriedWhenBusy();
    void userIdsArePagedToTheEnd();
    void followersArePagedToTheEnd();
    void repeatedCursorStopsPaging_data();
    void repeatedCursorStopsPaging();
    void noCustomersIsAnEmptyList();
    void errorsCarryTheHintAndNoSecret_data();
    void errorsCarryTheHintAndNoSecret();
    void messageSendIsNeverRepeated_data();
    void messageSendIsNeverRepeated();
    void cancelledCallIsACancelledError();
};

// ---- tokens ----------------------------------------------------------------------------------------------------

void TestWeComClient::oneRefreshForFiftyConcurrentCallers()
{
    Rig rig;
    rig.wecom.answer = [](const QString &, const RecordedRequest &) { return wecomOk(userBody()); };
    std::vector<QCoro::Task<Result<QJsonObject>>> calls;
    for (int i = 0; i < 50; ++i) {
        calls.push_back(rig.client->call(api::UserGet, userQuery()));
    }
    IC_DRIVE(results, all(std::move(calls)));
    for (const Result<QJsonObject> &result : results) {
        rig.note(result);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().toDisplayString()));
        QCOMPARE(result.value().value(u"userid").toString(), QStringLiteral("zhangsan"));
    }
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 1);
    QCOMPARE(rig.wecom.count(QStringLiteral("user/get")), 50);
    // Every call used the one token, fetched with the contacts secret (user/get prefers it).
    QCOMPARE(rig.wecom.tokensUsed.size(), 50);
    QCOMPARE(QSet<QString>(rig.wecom.tokensUsed.begin(), rig.wecom.tokensUsed.end()).size(), 1);
    QCOMPARE(rig.wecom.tokensUsed.first(), rig.wecom.issued.first());
    QCOMPARE(rig.wecom.secretsSeen, QStringList{rig.account.secrets.value(SecretKind::Contacts)});
    QCOMPARE(rig.client->tokenStats().fetched, 1);
    rig.verifyNothingLeaked();
}

void TestWeComClient::oneRefreshForFiftyConcurrentTokenRequests()
{
    Rig rig;
    std::vector<QCoro::Task<Result<QString>>> requests;
    for (int i = 0; i < 50; ++i) {
        requests.push_back(rig.client->accessToken(SecretKind::Customer));
    }
    IC_DRIVE(tokens, all(std::move(requests)));
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 1);
    for (const Result<QString> &token : tokens) {
        QVERIFY(token.ok());
        QCOMPARE(token.value(), rig.wecom.issued.first());
    }
    // Later callers are served from memory.
    IC_DRIVE(again, rig.client->accessToken(SecretKind::Customer));
    QCOMPARE(again.value(), rig.wecom.issued.first());
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 1);
}

void TestWeComClient::failedRefreshIsSharedAndNotRemembered()
{
    Rig rig;
    const QString secret = rig.account.secrets.value(SecretKind::Contacts);
    rig.wecom.tokenAnswers = {wecomError(40013, u"corpid " + rig.account.corpId + u" corpsecret " + secret)};
    std::vector<QCoro::Task<Result<QJsonObject>>> calls;
    for (int i = 0; i < 50; ++i) {
        calls.push_back(rig.client->call(api::UserGet, userQuery()));
    }
    IC_DRIVE(results, all(std::move(calls)));
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 1);
    QCOMPARE(rig.wecom.count(QStringLiteral("user/get")), 0);
    for (const Result<QJsonObject> &result : results) {
        QVERIFY(!result.ok());
        rig.note(result);
        QCOMPARE(result.error().code, ErrorCode::Credential);
        QCOMPARE(result.error().message, results.first().error().message);
    }
    // The failure is not cached: the next caller asks gettoken again, and this time gets a token.
    IC_DRIVE(next, rig.client->call(api::UserGet, userQuery()));
    QVERIFY2(next.ok(), next.ok() ? "" : qPrintable(next.error().toDisplayString()));
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 2);
    QCOMPARE(rig.wecom.count(QStringLiteral("user/get")), 1);
    rig.verifyNothingLeaked();
}

void TestWeComClient::revokedTokenUnderFiftyCallersIsRefetchedOnce()
{
    // Fifty calls go out with a token WeCom has revoked and all come back 40014: each drops the token (where it is
    // still the cached one) and asks for a new one, and one gettoken serves all fifty repeats.
    Rig rig;
    IC_DRIVE(warm, rig.client->accessToken(SecretKind::Contacts));
    QVERIFY(warm.ok());
    rig.wecom.valid.clear();
    std::vector<QCoro::Task<Result<QJsonObject>>> calls;
    for (int i = 0; i < 50; ++i) {
        calls.push_back(rig.client->call(api::UserGet, userQuery()));
    }
    IC_DRIVE(results, all(std::move(calls)));
    for (const Result<QJsonObject> &result : results) {
        rig.note(result);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().toDisplayString()));
    }
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 2);
    QCOMPARE(rig.wecom.count(QStringLiteral("user/get")), 100);
    QCOMPARE(rig.wecom.tokensUsed.count(rig.wecom.issued.at(0)), 50);
    QCOMPARE(rig.wecom.tokensUsed.count(rig.wecom.issued.at(1)), 50);
    rig.verifyNothingLeaked();
}

void TestWeComClient::tokenErrorRefreshesOnceAndRepeatsOnce_data()
{
    QTest::addColumn<int>("errcode");
    QTest::newRow("40014 invalid") << 40014;
    QTest::newRow("42001 expired") << 42001;
    QTest::newRow("40001 from a business API") << 40001;
}

void TestWeComClient::tokenErrorRefreshesOnceAndRepeatsOnce()
{
    QFETCH(int, errcode);
    auto store = std::make_shared<MemoryTokenStore>();
    Rig rig(store);
    IC_DRIVE(warm, rig.client->accessToken(SecretKind::Contacts));
    const QString first = warm.value();
    // WeCom rejects the first token on user/get only (the fake's gettoken keeps it valid for everything else).
    rig.wecom.answer = [first, errcode](const QString &, const RecordedRequest &request) {
        const QString token = QUrlQuery(request.url).queryItemValue(QStringLiteral("access_token"));
        return token == first ? wecomError(errcode, u"access_token " + token) : wecomOk(userBody());
    };
    IC_DRIVE(result, rig.client->call(api::UserGet, userQuery()));
    rig.note(result);
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().toDisplayString()));
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 2);
    QCOMPARE(rig.wecom.count(QStringLiteral("user/get")), 2);
    QCOMPARE(rig.wecom.tokensUsed, (QStringList{rig.wecom.issued.at(0), rig.wecom.issued.at(1)}));
    QCOMPARE(rig.client->tokenStats().invalidated, 1);
    // The new token is what every tier holds now.
    auto stored = store->load(rig.keyFor(SecretKind::Contacts), rig.account.secrets.value(SecretKind::Contacts));
    QVERIFY(stored.ok() && stored.value().has_value());
    QCOMPARE(stored.value()->token, rig.wecom.issued.at(1));
    IC_DRIVE(now, rig.client->accessToken(SecretKind::Contacts));
    QCOMPARE(now.value(), rig.wecom.issued.at(1));
    // The repeat continues the attempt numbering of the call in the call log: one operation, attempts 1 and 2.
    QList<db::CallLogRecord> userGets;
    for (const db::CallLogRecord &record : std::as_const(rig.records)) {
        if (record.endpoint.contains(u"/user/get")) {
            userGets.append(record);
        }
    }
    QCOMPARE(userGets.size(), 2);
    QCOMPARE(userGets.at(0).attempt, 1);
    QCOMPARE(userGets.at(1).attempt, 2);
    QCOMPARE(userGets.at(0).correlationId, userGets.at(1).correlationId);
    rig.verifyNothingLeaked();
}

void TestWeComClient::secondTokenErrorIsReturned_data()
{
    tokenErrorRefreshesOnceAndRepeatsOnce_data();
}

void TestWeComClient::secondTokenErrorIsReturned()
{
    QFETCH(int, errcode);
    Rig rig(std::make_shared<MemoryTokenStore>());
    rig.wecom.answer = [errcode](const QString &, const RecordedRequest &request) {
        return wecomError(errcode,
                          u"access_token " + QUrlQuery(request.url).queryItemValue(QStringLiteral("access_token")));
    };
    IC_DRIVE(result, rig.client->call(api::UserGet, userQuery()));
    rig.note(result);
    QVERIFY(!result.ok());
    // One refresh, one repeat, then the error: no loop.
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 2);
    QCOMPARE(rig.wecom.count(QStringLiteral("user/get")), 2);
    QCOMPARE(result.error().code, ErrorCode::Credential);
    const Error expected = weComError(errcode, {}, api::UserGet, SecretKind::Contacts);
    QCOMPARE(result.error().message, expected.message);
    QCOMPARE(result.error().hint, expected.hint);
    QVERIFY(!result.error().hint.isEmpty());
    rig.verifyNothingLeaked();
}

void TestWeComClient::fresherTokenInMemorySurvivesInvalidation()
{
    // One slot on the HTTP client orders the calls without any timing: another client of the corp refreshes the
    // token (its gettoken takes the slot), then this client's call, which picked the old token before the refresh
    // ended, goes out with it and is refused. Dropping the old token must leave the new one in memory.
    net::HttpClientConfig config = httpConfig();
    config.maxInFlight = 1;
    Rig rig(nullptr, config);
    IC_DRIVE(warm, rig.client->accessToken(SecretKind::Contacts));
    const QString old = warm.value();
    rig.wecom.valid.remove(old);
    rig.wecom.answer = [](const QString &, const RecordedRequest &) { return wecomOk(userBody()); };

    const std::unique_ptr<WeComClient> other = rig.sibling();
    auto refreshed = std::make_shared<std::optional<Result<QString>>>();
    auto refresh = [](QCoro::Task<Result<QString>> task,
                      std::shared_ptr<std::optional<Result<QString>>> out) -> QCoro::Task<> {
        out->emplace(co_await std::move(task));
    }(other->refreshToken(SecretKind::Contacts), refreshed);
    QCOMPARE(rig.network.inFlight(), 1); // Its gettoken holds the slot.
    IC_DRIVE(result, rig.client->call(api::UserGet, userQuery()));
    rig.note(result);
    QVERIFY(refreshed->has_value() && (*refreshed)->ok());
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().toDisplayString()));
    QCOMPARE(rig.wecom.tokensUsed, (QStringList{old, rig.wecom.issued.at(1)}));
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 2);
    QCOMPARE(rig.client->tokenStats().invalidated, 1);
    QCOMPARE(rig.client->tokenStats().fetched, 1); // The warm-up only.
    rig.verifyNothingLeaked();
}

void TestWeComClient::fresherTokenInStoreSurvivesInvalidation()
{
    // The store holds a token another process saved after this client read its own: when WeCom refuses the old
    // one, the store's compare-and-delete keeps the newer token, and the repeat uses it without a gettoken.
    auto store = std::make_shared<MemoryTokenStore>();
    Rig rig(store);
    IC_DRIVE(warm, rig.client->accessToken(SecretKind::Contacts));
    const QString old = warm.value();
    const QString elsewhere = u"tok-from-another-process-" + randomText(30);
    rig.extraSecrets.append(elsewhere);
    rig.wecom.valid = {elsewhere};
    rig.wecom.answer = [](const QString &, const RecordedRequest &) { return wecomOk(userBody()); };
    // The other process saves its token while this client's call is on its way back with 40014.
    const TokenKey key = rig.keyFor(SecretKind::Contacts);
    const QString secret = rig.account.secrets.value(SecretKind::Contacts);
    rig.http.setCallObserver([&](const db::CallLogRecord &record) {
        rig.records.append(record);
        if (record.apiErrcode == u"40014" && store->size() == 1) {
            QVERIFY(store->save(key, secret, elsewhere, QDateTime::currentDateTimeUtc().addSecs(7200)).ok());
        }
    });
    IC_DRIVE(result, rig.client->call(api::UserGet, userQuery()));
    rig.note(result);
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().toDisplayString()));
    QCOMPARE(rig.wecom.tokensUsed, (QStringList{old, elsewhere}));
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 1); // The warm-up only.
    QCOMPARE(rig.client->tokenStats().storeHits, 1);
    auto stored = store->load(key, secret);
    QVERIFY(stored.ok() && stored.value().has_value());
    QCOMPARE(stored.value()->token, elsewhere);
    rig.verifyNothingLeaked();
}

void TestWeComClient::gettokenCredentialErrorsAreNotRetried_data()
{
    QTest::addColumn<int>("errcode");
    for (const int code : {40001, 40013, 40091, 41004}) {
        QTest::addRow("%d", code) << code;
    }
}

void TestWeComClient::gettokenCredentialErrorsAreNotRetried()
{
    QFETCH(int, errcode);
    Rig rig;
    const QString secret = rig.account.secrets.value(SecretKind::Contacts);
    rig.wecom.tokenAnswers = {wecomError(errcode, u"corpsecret=" + secret + u" " + secret)};
    IC_DRIVE(token, rig.client->accessToken(SecretKind::Contacts));
    rig.note(token);
    QVERIFY(!token.ok());
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 1);
    QCOMPARE(token.error().code, ErrorCode::Credential);
    const Error expected = weComError(errcode, {}, api::GetToken, SecretKind::Contacts);
    QCOMPARE(token.error().message, expected.message);
    QCOMPARE(token.error().hint, expected.hint);
    QVERIFY(token.error().detail.contains(QString::number(errcode)));
    rig.verifyNothingLeaked();
}

void TestWeComClient::gettokenIsRetriedWhenBusy()
{
    // Busy three times, then a token: four requests, as the retry policy allows.
    Rig rig;
    rig.wecom.tokenAnswers = {wecomError(-1), wecomError(-1), wecomError(-1)};
    IC_DRIVE(token, rig.client->accessToken(SecretKind::Contacts));
    QVERIFY2(token.ok(), token.ok() ? "" : qPrintable(token.error().toDisplayString()));
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 4);

    // Busy every time: the attempts run out and the error says WeCom is busy.
    Rig busy;
    busy.wecom.tokenAnswers = {wecomError(-1), wecomError(-1), wecomError(-1), wecomError(-1), wecomError(-1)};
    IC_DRIVE(failed, busy.client->accessToken(SecretKind::Contacts));
    busy.note(failed);
    QVERIFY(!failed.ok());
    QCOMPARE(busy.wecom.count(QStringLiteral("gettoken")), 4);
    QCOMPARE(failed.error().hint, weComError(-1, {}, api::GetToken, SecretKind::Contacts).hint);
    QVERIFY(failed.error().retryable);
    busy.verifyNothingLeaked();
}

// ---- paging ----------------------------------------------------------------------------------------------------

namespace {

/// The cursor a POST body or a query asks for.
QString cursorOf(const RecordedRequest &request)
{
    if (!request.body.isEmpty()) {
        return QJsonDocument::fromJson(request.body).object().value(u"cursor").toString();
    }
    return QUrlQuery(request.url).queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
}

QJsonObject followUser(const QString &userid)
{
    return {{QStringLiteral("userid"), userid}, {QStringLiteral("createtime"), 1700000000}};
}

} // namespace

void TestWeComClient::userIdsArePagedToTheEnd()
{
    Rig rig;
    // Three pages: "" -> "c1" -> "c 2/+" -> end. The cursor is opaque; one with characters a URL or JSON must escape
    // comes back intact.
    const QHash<QString, QPair<QJsonArray, QString>> pages{
        {QString(),
         {QJsonArray{QJsonObject{{QStringLiteral("userid"), QStringLiteral("u1")}, {QStringLiteral("department"), 1}},
                     QJsonObject{{QStringLiteral("userid"), QStringLiteral("u2")}, {QStringLiteral("department"), 1}}},
          QStringLiteral("c1")}},
        {QStringLiteral("c1"),
         {QJsonArray{QJsonObject{{QStringLiteral("userid"), QStringLiteral("u2")}, {QStringLiteral("department"), 2}}},
          QStringLiteral("c 2/+")}},
        {QStringLiteral("c 2/+"),
         {QJsonArray{QJsonObject{{QStringLiteral("userid"), QStringLiteral("u3")}, {QStringLiteral("department"), 3}}},
          QString()}},
    };
    QStringList asked;
    rig.wecom.answer = [&pages, &asked](const QString &api, const RecordedRequest &request) {
        if (api != u"user/list_id") {
            return wecomError(40058);
        }
        const QString cursor = cursorOf(request);
        asked.append(cursor);
        if (!pages.contains(cursor)) {
            return wecomError(40058);
        }
        return wecomOk({{QStringLiteral("dept_user"), pages.value(cursor).first},
                        {QStringLiteral("next_cursor"), pages.value(cursor).second}});
    };
    IC_DRIVE(ids, rig.client->allUserIds());
    rig.note(ids);
    QVERIFY2(ids.ok(), ids.ok() ? "" : qPrintable(ids.error().toDisplayString()));
    const QList<UserDepartment> expected{
        {QStringLiteral("u1"), 1}, {QStringLiteral("u2"), 1}, {QStringLiteral("u2"), 2}, {QStringLiteral("u3"), 3}};
    QCOMPARE(ids.value(), expected);
    QCOMPARE(asked, (QStringList{QString(), QStringLiteral("c1"), QStringLiteral("c 2/+")}));
    QCOMPARE(rig.wecom.count(QStringLiteral("user/list_id")), 3);
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 1);
}

void TestWeComClient::followersArePagedToTheEnd()
{
    Rig rig;
    const QJsonObject contact{{QStringLiteral("external_userid"), QStringLiteral("wmAbc")},
                              {QStringLiteral("name"), QStringLiteral("李四")},
                              {QStringLiteral("type"), 1}};
    QStringList asked;
    rig.wecom.answer = [&contact, &asked](const QString &api, const RecordedRequest &request) {
        if (api != u"externalcontact/get") {
            return wecomError(40058);
        }
        const QString cursor = cursorOf(request);
        asked.append(cursor);
        if (cursor.isEmpty()) {
            return wecomOk({{QStringLiteral("external_contact"), contact},
                            {QStringLiteral("follow_user"),
                             QJsonArray{followUser(QStringLiteral("u1")), followUser(QStringLiteral("u2"))}},
                            {QStringLiteral("next_cursor"), QStringLiteral("f&1=")}});
        }
        if (cursor == u"f&1=") {
            // Later pages repeat the contact; the first one's is kept.
            return wecomOk({{QStringLiteral("external_contact"), contact},
                            {QStringLiteral("follow_user"), QJsonArray{followUser(QStringLiteral("u3"))}}});
        }
        return wecomError(40058);
    };
    IC_DRIVE(detail, rig.client->externalContact(QStringLiteral("wmAbc")));
    rig.note(detail);
    QVERIFY2(detail.ok(), detail.ok() ? "" : qPrintable(detail.error().toDisplayString()));
    QCOMPARE(detail.value().contact.externalUserid, QStringLiteral("wmAbc"));
    QCOMPARE(detail.value().contact.name, QStringLiteral("李四"));
    QStringList followers;
    for (const FollowInfo &follower : detail.value().followUsers) {
        followers.append(follower.userid);
    }
    QCOMPARE(followers, (QStringList{QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u3")}));
    QCOMPARE(asked, (QStringList{QString(), QStringLiteral("f&1=")}));
    QCOMPARE(rig.wecom.count(QStringLiteral("externalcontact/get")), 2);
    // The customer secret is the one for customer APIs.
    QCOMPARE(rig.wecom.secretsSeen, QStringList{rig.account.secrets.value(SecretKind::Customer)});
}

void TestWeComClient::repeatedCursorStopsPaging_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<QStringList>("cursors");
    // The cursor each page answers with, in order; the repeat must end paging with an error.
    QTest::newRow("user/list_id, same cursor again")
        << QStringLiteral("user/list_id") << QStringList{QStringLiteral("c1"), QStringLiteral("c1")};
    QTest::newRow("user/list_id, back to an earlier cursor")
        << QStringLiteral("user/list_id")
        << QStringList{QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c1")};
    QTest::newRow("externalcontact/get, same cursor again")
        << QStringLiteral("externalcontact/get") << QStringList{QStringLiteral("f1"), QStringLiteral("f1")};
    QTest::newRow("externalcontact/get, back to an earlier cursor")
        << QStringLiteral("externalcontact/get")
        << QStringList{QStringLiteral("f1"), QStringLiteral("f2"), QStringLiteral("f1")};
}

void TestWeComClient::repeatedCursorStopsPaging()
{
    QFETCH(QString, api);
    QFETCH(QStringList, cursors);
    Rig rig;
    // The answer to each cursor: "" -> cursors[0] -> cursors[1] -> ..., so an earlier cursor leads round again.
    QHash<QString, QString> nextOf;
    QString from;
    for (const QString &cursor : std::as_const(cursors)) {
        nextOf.insert(from, cursor);
        from = cursor;
    }
    int page = 0;
    rig.wecom.answer = [&](const QString &called, const RecordedRequest &request) {
        if (called != api) {
            return wecomError(40058);
        }
        // A cycle would page for ever: after 10 pages the fake refuses, so a missing check fails instead of hanging.
        if (page >= 10) {
            return wecomError(45009);
        }
        const QString next = nextOf.value(cursorOf(request));
        ++page;
        if (api == u"user/list_id") {
            return wecomOk({{QStringLiteral("dept_user"),
                             QJsonArray{QJsonObject{{QStringLiteral("userid"), QStringLiteral("u%1").arg(page)},
                                                    {QStringLiteral("department"), 1}}}},
                            {QStringLiteral("next_cursor"), next}});
        }
        return wecomOk({{QStringLiteral("external_contact"),
                         QJsonObject{{QStringLiteral("external_userid"), QStringLiteral("wmAbc")},
                                     {QStringLiteral("name"), QStringLiteral("李四")}}},
                        {QStringLiteral("follow_user"), QJsonArray{followUser(QStringLiteral("u%1").arg(page))}},
                        {QStringLiteral("next_cursor"), next}});
    };
    Error error;
    if (api == u"user/list_id") {
        IC_DRIVE(ids, rig.client->allUserIds());
        QVERIFY(!ids.ok());
        error = ids.error();
    } else {
        IC_DRIVE(detail, rig.client->externalContact(QStringLiteral("wmAbc")));
        QVERIFY(!detail.ok());
        error = detail.error();
    }
    // Stopped at the page that repeated a cursor, not by the fake's limit.
    QCOMPARE(rig.wecom.count(api), int(cursors.size()));
    QCOMPARE(error.code, ErrorCode::Provider);
    QVERIFY2(error.message.contains(api), qPrintable(error.message));
    QVERIFY(!error.hint.isEmpty());
}

void TestWeComClient::noCustomersIsAnEmptyList()
{
    Rig rig;
    rig.wecom.answer = [](const QString &api, const RecordedRequest &) {
        if (api == u"externalcontact/list" || api == u"externalcontact/batch/get_by_user" ||
            api == u"externalcontact/get") {
            return wecomError(84061, QStringLiteral("not external contact"));
        }
        return wecomError(40058);
    };
    IC_DRIVE(ids, rig.client->externalContactIds(QStringLiteral("u1")));
    QVERIFY2(ids.ok(), ids.ok() ? "" : qPrintable(ids.error().toDisplayString()));
    QVERIFY(ids.value().isEmpty());
    IC_DRIVE(page, rig.client->externalContactsByUserPage({QStringLiteral("u1"), QStringLiteral("u2")}, {}));
    QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().toDisplayString()));
    QVERIFY(page.value().items.isEmpty());
    QVERIFY(page.value().nextCursor.isEmpty());
    QCOMPARE(rig.wecom.count(QStringLiteral("externalcontact/list")), 1);
    QCOMPARE(rig.wecom.count(QStringLiteral("externalcontact/batch/get_by_user")), 1);
    // Elsewhere 84061 is what it says: the customer is not one (any more).
    IC_DRIVE(contact, rig.client->externalContact(QStringLiteral("wmGone")));
    QVERIFY(!contact.ok());
    QCOMPARE(contact.error().code, ErrorCode::NotFound);
}

// ---- errors ----------------------------------------------------------------------------------------------------

void TestWeComClient::errorsCarryTheHintAndNoSecret_data()
{
    QTest::addColumn<int>("errcode");
    for (const int code : {-1, 45009, 45033, 48002, 60011, 60020, 60111, 40058, 84061, 99999}) {
        QTest::addRow("%d", code) << code;
    }
}

void TestWeComClient::errorsCarryTheHintAndNoSecret()
{
    QFETCH(int, errcode);
    Rig rig;
    // The answer quotes the token and the secrets, as a careless proxy or an odd errmsg might.
    QString echo;
    rig.wecom.answer = [&rig, &echo, errcode](const QString &, const RecordedRequest &request) {
        const QString token = QUrlQuery(request.url).queryItemValue(QStringLiteral("access_token"));
        echo = u"token " + token + u" secrets " + rig.account.secrets.values().join(u' ');
        return wecomError(errcode, echo);
    };
    IC_DRIVE(result, rig.client->call(api::UserGet, userQuery()));
    rig.note(result);
    QVERIFY(!result.ok());
    // weComError() of the redacted errmsg: what it says about the code, and the errmsg only as redacted.
    const Error expected = weComError(errcode, rig.http.redactor().redactText(errmsgFor(errcode, echo)), api::UserGet,
                                      SecretKind::Contacts);
    QCOMPARE(result.error().code, expected.code);
    QCOMPARE(result.error().message, expected.message);
    QCOMPARE(result.error().detail, expected.detail);
    QCOMPARE(result.error().retryable, expected.retryable);
    // 60020 adds the address WeCom saw the call come from to the hint.
    if (errcode == 60020) {
        QVERIFY2(result.error().hint.startsWith(expected.hint), qPrintable(result.error().hint));
        QVERIFY2(result.error().hint.contains(u"203.0.113.7"), qPrintable(result.error().hint));
    } else {
        QCOMPARE(result.error().hint, expected.hint);
    }
    QVERIFY(!result.error().hint.isEmpty());
    QVERIFY2(result.error().detail.contains(QString::number(errcode)), qPrintable(result.error().detail));
    QVERIFY2(result.error().detail.contains(u"got token ***"), qPrintable(result.error().detail));
    QCOMPARE(rig.wecom.count(QStringLiteral("gettoken")), 1);
    rig.verifyNothingLeaked();

    // A transport failure names the place to look, and no secret either.
    rig.wecom.answer = [](const QString &, const RecordedRequest &) {
        return FakeResponse::networkError(QNetworkReply::ConnectionRefusedError);
    };
    IC_DRIVE(refused, rig.client->call(api::UserGet, userQuery()));
    rig.note(refused);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Network);
    QVERIFY(!refused.error().hint.isEmpty());
    rig.verifyNothingLeaked();
}

void TestWeComClient::messageSendIsNeverRepeated_data()
{
    QTest::addColumn<FakeResponse>("failure");
    QTest::newRow("wecom -1") << wecomError(-1);
    QTest::newRow("http 502") << FakeResponse::http(502);
    QTest::newRow("connection closed") << FakeResponse::networkError(QNetworkReply::RemoteHostClosedError);
    QTest::newRow("not json") << FakeResponse::http(200, "<html>proxy error</html>");
}

void TestWeComClient::messageSendIsNeverRepeated()
{
    QFETCH(FakeResponse, failure);
    Rig rig;
    rig.wecom.answer = [failure](const QString &, const RecordedRequest &) { return failure; };
    TextMessage message;
    message.toUsers = {QStringLiteral("u1")};
    message.content = QStringLiteral("服务器维护通知");
    IC_DRIVE(sent, rig.client->sendText(message));
    rig.note(sent);
    QVERIFY(!sent.ok());
    QCOMPARE(rig.wecom.count(QStringLiteral("message/send")), 1);
    // Sent with the app secret's token, and the agent of the account.
    QCOMPARE(rig.wecom.secretsSeen, QStringList{rig.account.secrets.value(SecretKind::App)});
    const RecordedRequest request = rig.network.requests().last();
    QCOMPARE(QJsonDocument::fromJson(request.body).object().value(u"agentid").toInteger(), 1000002);
    rig.verifyNothingLeaked();

    // Other calls are retried after the same failures.
    rig.wecom.answer = [failure](const QString &, const RecordedRequest &) { return failure; };
    IC_DRIVE(read, rig.client->call(api::UserGet, userQuery()));
    QVERIFY(!read.ok());
    QCOMPARE(rig.wecom.count(QStringLiteral("user/get")), 4);
}

void TestWeComClient::cancelledCallIsACancelledError()
{
    // An HTTP client destroyed under a call ends it with `cancelled`: the connector says so, rather than blaming the
    // network or an HTTP status.
    FakeNetworkAccessManager network;
    network.setHandler([](const RecordedRequest &) { return FakeResponse::hang(); });
    auto http = std::make_unique<net::HttpClient>(&network, httpConfig(), net::Redactor(), nullptr,
                                                  std::make_shared<net::ManualClock>());
    auto response = std::make_shared<std::optional<net::HttpResponse>>();
    net::HttpRequest request;
    request.url = QUrl(QStringLiteral("https://qyapi.example.invalid/cgi-bin/user/get?userid=zhangsan"));
    auto keep = [](QCoro::Task<net::HttpResponse> task,
                   std::shared_ptr<std::optional<net::HttpResponse>> out) -> QCoro::Task<> {
        out->emplace(co_await std::move(task));
    }(http->send(request), response);
    QCOMPARE(network.inFlight(), 1);
    http.reset();
    QVERIFY(response->has_value());
    QVERIFY((*response)->cancelled);
    const Error error = transportFailure(**response, QStringLiteral("https://qyapi.example.invalid"), api::UserGet);
    QCOMPARE(error.code, ErrorCode::Cancelled);
    QVERIFY2(error.message.contains(api::UserGet), qPrintable(error.message));
    QVERIFY(!error.retryable);
}

QTEST_GUILESS_MAIN(TestWeComClient)
#include "tst_wecomclient.moc"
