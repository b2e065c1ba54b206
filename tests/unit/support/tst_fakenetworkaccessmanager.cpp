// The fake network manager of the unit tests: what a client sees through the plain QNetworkAccessManager API and
// through QCoro must be what it would see from Qt 6.4's HTTP replies.

#include "FakeNetworkAccessManager.h"

#include "RunTask.h"

#include <QBuffer>
#include <QCoro/QCoroNetworkReply>
#include <QCoro/QCoroTask>
#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

using namespace std::chrono_literals;
using ic::test::FakeNetworkAccessManager;
using ic::test::FakeReply;
using ic::test::FakeResponse;
using ic::test::RawHeaders;
using ic::test::RecordedRequest;

namespace {

const QUrl apiUrl(QStringLiteral("https://api.example.invalid/cgi-bin/user/get?userid=zhangsan"));

/// Every signal of a reply, in order, with whether the reply said it was finished when it came.
class SignalLog : public QObject {
public:
    explicit SignalLog(QNetworkReply *reply)
    {
        const auto note = [this, reply](const char *name) {
            entries.append(QString::fromLatin1(name) +
                           (reply->isFinished() ? QStringLiteral("(finished)") : QString()));
        };
        connect(reply, &QNetworkReply::metaDataChanged, this, [note] { note("metaDataChanged"); });
        connect(reply, &QNetworkReply::readyRead, this, [note] { note("readyRead"); });
        connect(reply, &QNetworkReply::errorOccurred, this, [note] { note("errorOccurred"); });
        connect(reply, &QNetworkReply::downloadProgress, this, [note] { note("downloadProgress"); });
        connect(reply, &QNetworkReply::finished, this, [note] { note("finished"); });
    }

    QStringList entries;
};

/// What a coroutine got from one awaited reply.
struct Fetched {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    bool finished = false;
};

QCoro::Task<Fetched> fetch(QNetworkAccessManager *manager, QNetworkRequest request)
{
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(manager->get(request),
                                                                    [](QNetworkReply *r) { r->deleteLater(); });
    co_await reply.get();
    Fetched fetched;
    fetched.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    fetched.error = reply->error();
    fetched.body = reply->readAll();
    fetched.finished = reply->isFinished();
    co_return fetched;
}

/// Asks until an answer is not a WeCom "system busy" (errcode -1), at most `attempts` times; returns the bodies.
QCoro::Task<QList<QByteArray>> fetchUntilNotBusy(QNetworkAccessManager *manager, QUrl url, int attempts)
{
    QList<QByteArray> bodies;
    for (int i = 0; i < attempts; ++i) {
        const Fetched fetched = co_await fetch(manager, QNetworkRequest(url));
        bodies.append(fetched.body);
        if (!fetched.body.contains("\"errcode\":-1")) {
            break;
        }
    }
    co_return bodies;
}

} // namespace

class TestFakeNetworkAccessManager : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void getIsRecorded();
    void bodiesAndVerbsAreRecorded();
    void answerArrivesWithStatusHeadersAndBody();
    void signalOrder_data();
    void signalOrder();
    void httpErrorStatuses_data();
    void httpErrorStatuses();
    void transportErrorsCarryQtTexts();
    void neverFinishesInsideTheCall();
    void coAwaitResumesWithTheReply();
    void coAwaitSequenceConsumesTheQueue();
    void delaysOrderTheReplies();
    void hangFinishesOnlyWhenAborted();
    void closeBeforeAndAfterTheEnd();
    void abortFromASlotFinishesOnce();
    void transferTimeoutAbortsLikeQt();
    void queuesComeBeforeTheHandler();
    void unscriptedRequestsFail();
    void maxInFlightBoundsConcurrency();
    void deletedRepliesDoNotCrash();
    void droppedTaskWaitsForItsReply();
    void managerDeletedWithRepliesPending();
};

void TestFakeNetworkAccessManager::getIsRecorded()
{
    FakeNetworkAccessManager manager;
    manager.enqueue(FakeResponse::json(R"({"errcode":0})"));
    QNetworkRequest request(apiUrl);
    request.setRawHeader("X-Request-Id", "r-1");
    request.setRawHeader("Accept", "application/json");

    const auto before = std::chrono::steady_clock::now();
    QNetworkReply *reply = manager.get(request);
    const auto after = std::chrono::steady_clock::now();
    QVERIFY(qobject_cast<FakeReply *>(reply) != nullptr);
    QCOMPARE(reply->parent(), static_cast<QObject *>(&manager));
    QCOMPARE(reply->manager(), static_cast<QNetworkAccessManager *>(&manager));
    QCOMPARE(reply->url(), apiUrl);
    QCOMPARE(reply->request().url(), apiUrl);
    QCOMPARE(reply->request().rawHeader("X-Request-Id"), QByteArray("r-1"));
    QCOMPARE(reply->operation(), QNetworkAccessManager::GetOperation);
    QCOMPARE(reply->openMode(), QIODevice::OpenMode(QIODevice::ReadOnly));

    const QList<RecordedRequest> requests = manager.requests();
    QCOMPARE(requests.size(), 1);
    const RecordedRequest &recorded = requests.first();
    QCOMPARE(recorded.operation, QNetworkAccessManager::GetOperation);
    QCOMPARE(recorded.verb, QByteArray("GET"));
    QCOMPARE(recorded.url, apiUrl);
    const RawHeaders expectedHeaders{{"X-Request-Id", "r-1"}, {"Accept", "application/json"}};
    QCOMPARE(recorded.headers, expectedHeaders);
    QCOMPARE(recorded.header("accept"), QByteArray("application/json"));
    QVERIFY(recorded.header("Authorization").isNull());
    QVERIFY(recorded.body.isEmpty());
    QVERIFY(recorded.sentAt >= before && recorded.sentAt <= after);
    QCOMPARE(recorded.request.url(), apiUrl);

    QTRY_VERIFY(reply->isFinished());
    delete reply;
}

void TestFakeNetworkAccessManager::bodiesAndVerbsAreRecorded()
{
    FakeNetworkAccessManager manager;
    manager.setHandler([](const RecordedRequest &) { return FakeResponse::http(204); });
    QNetworkRequest request(QUrl(QStringLiteral("https://api.example.invalid/items/7")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    // An upload device must outlive its reply, as with a real manager.
    QBuffer device;
    device.setData(QByteArrayLiteral("from a device"));
    QVERIFY(device.open(QIODevice::ReadOnly));
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    replies.emplace_back(manager.post(request, QByteArrayLiteral(R"({"name":"张三"})")));
    replies.emplace_back(manager.put(request, QByteArrayLiteral("put body")));
    replies.emplace_back(manager.sendCustomRequest(request, "PATCH", QByteArrayLiteral("patch body")));
    replies.emplace_back(manager.deleteResource(request));
    replies.emplace_back(manager.head(request));
    replies.emplace_back(manager.post(request, &device));

    const QList<RecordedRequest> requests = manager.requests();
    QCOMPARE(requests.size(), 6);
    const QList<std::pair<QByteArray, QNetworkAccessManager::Operation>> expectedVerbs{
        {"POST", QNetworkAccessManager::PostOperation},    {"PUT", QNetworkAccessManager::PutOperation},
        {"PATCH", QNetworkAccessManager::CustomOperation}, {"DELETE", QNetworkAccessManager::DeleteOperation},
        {"HEAD", QNetworkAccessManager::HeadOperation},    {"POST", QNetworkAccessManager::PostOperation}};
    const QList<QByteArray> expectedBodies{
        QByteArrayLiteral(R"({"name":"张三"})"), "put body", "patch body", {}, {}, "from a device"};
    for (qsizetype i = 0; i < requests.size(); ++i) {
        QCOMPARE(requests[i].verb, expectedVerbs[i].first);
        QCOMPARE(requests[i].operation, expectedVerbs[i].second);
        QCOMPARE(requests[i].body, expectedBodies[i]);
        QCOMPARE(requests[i].header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(replies[size_t(i)]->operation(), expectedVerbs[i].second);
    }
    QCOMPARE(replies[2]->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray(), QByteArray("PATCH"));
    for (const auto &reply : replies) {
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
    }
}

void TestFakeNetworkAccessManager::answerArrivesWithStatusHeadersAndBody()
{
    FakeNetworkAccessManager manager;
    const QByteArray body = R"({"errcode":0,"errmsg":"ok","name":"张三"})";
    manager.enqueue(FakeResponse::json(body, 201).withHeader("X-Trace", "abc").withHeader("Retry-After", "3"));
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(apiUrl)));
    QSignalSpy managerFinished(&manager, &QNetworkAccessManager::finished);
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(managerFinished.size(), 1);
    QCOMPARE(managerFinished.first().first().value<QNetworkReply *>(), reply.get());

    QVERIFY(reply->isFinished());
    QVERIFY(!reply->isRunning());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute), QVariant(201));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), QByteArray("Created"));
    const RawHeaders expectedHeaders{{"Content-Type", "application/json"}, {"X-Trace", "abc"}, {"Retry-After", "3"}};
    QCOMPARE(reply->rawHeaderPairs(), expectedHeaders);
    QCOMPARE(reply->rawHeader("x-trace"), QByteArray("abc"));
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("application/json"));
    QCOMPARE(reply->bytesAvailable(), qint64(body.size()));
    QCOMPARE(reply->read(3), body.left(3));
    QCOMPARE(reply->bytesAvailable(), qint64(body.size() - 3));
    QCOMPARE(reply->readAll(), body.mid(3));
    QCOMPARE(reply->bytesAvailable(), qint64(0));
    QVERIFY(reply->readAll().isEmpty()); // The body is read once.
    QVERIFY(reply->atEnd());
}

void TestFakeNetworkAccessManager::signalOrder_data()
{
    QTest::addColumn<FakeResponse>("response");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<QVariant>("status");

    const QStringList answer{QStringLiteral("metaDataChanged"), QStringLiteral("readyRead"),
                             QStringLiteral("downloadProgress"), QStringLiteral("finished(finished)")};
    QTest::newRow("200 with body") << FakeResponse::json("{}") << answer << QNetworkReply::NoError << QVariant(200);
    QTest::newRow("204 without body") << FakeResponse::http(204)
                                      << QStringList{QStringLiteral("metaDataChanged"),
                                                     QStringLiteral("downloadProgress"),
                                                     QStringLiteral("finished(finished)")}
                                      << QNetworkReply::NoError << QVariant(204);
    QTest::newRow("404 with body") << FakeResponse::http(404, "nope")
                                   << QStringList{QStringLiteral("metaDataChanged"), QStringLiteral("readyRead"),
                                                  QStringLiteral("errorOccurred"), QStringLiteral("downloadProgress"),
                                                  QStringLiteral("finished(finished)")}
                                   << QNetworkReply::ContentNotFoundError << QVariant(404);
    QTest::newRow("connection refused") << FakeResponse::networkError(QNetworkReply::ConnectionRefusedError)
                                        << QStringList{QStringLiteral("errorOccurred"),
                                                       QStringLiteral("downloadProgress"),
                                                       QStringLiteral("finished(finished)")}
                                        << QNetworkReply::ConnectionRefusedError << QVariant();
    FakeResponse cut = FakeResponse::http(200, "abc");
    cut.error = QNetworkReply::RemoteHostClosedError;
    QTest::newRow("cut after the headers")
        << cut
        << QStringList{QStringLiteral("metaDataChanged"), QStringLiteral("readyRead"), QStringLiteral("errorOccurred"),
                       QStringLiteral("downloadProgress"), QStringLiteral("finished(finished)")}
        << QNetworkReply::RemoteHostClosedError << QVariant(200);
}

void TestFakeNetworkAccessManager::signalOrder()
{
    QFETCH(FakeResponse, response);
    QFETCH(QStringList, expected);
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(QVariant, status);

    FakeNetworkAccessManager manager;
    manager.enqueue(response);
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(apiUrl)));
    SignalLog log(reply.get());
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(log.entries, expected);
    QCOMPARE(reply->error(), error);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute), status);
    QCOMPARE(reply->readAll(), response.status > 0 ? response.body : QByteArray());
    // Nothing more arrives later.
    QTest::qWait(20);
    QCOMPARE(log.entries, expected);
}

void TestFakeNetworkAccessManager::httpErrorStatuses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<QString>("errorString");

    const QString transferring =
        QStringLiteral("Error transferring ") + apiUrl.toString() + QStringLiteral(" - server replied: ");
    // As observed from Qt 6.4.2 against a real HTTP server.
    QTest::newRow("400") << 400 << QNetworkReply::ProtocolInvalidOperationError
                         << QString(transferring + u"Bad Request");
    QTest::newRow("401") << 401 << QNetworkReply::AuthenticationRequiredError
                         << QStringLiteral("Host requires authentication");
    QTest::newRow("403") << 403 << QNetworkReply::ContentAccessDenied << QString(transferring + u"Forbidden");
    QTest::newRow("404") << 404 << QNetworkReply::ContentNotFoundError << QString(transferring + u"Not Found");
    QTest::newRow("409") << 409 << QNetworkReply::ContentConflictError << QString(transferring + u"Conflict");
    QTest::newRow("429") << 429 << QNetworkReply::UnknownContentError << QString(transferring + u"Too Many Requests");
    QTest::newRow("500") << 500 << QNetworkReply::InternalServerError
                         << QString(transferring + u"Internal Server Error");
    QTest::newRow("502") << 502 << QNetworkReply::UnknownServerError << QString(transferring + u"Bad Gateway");
    QTest::newRow("503") << 503 << QNetworkReply::ServiceUnavailableError
                         << QString(transferring + u"Service Unavailable");
    QTest::newRow("302") << 302 << QNetworkReply::NoError << QStringLiteral("Unknown error");
}

void TestFakeNetworkAccessManager::httpErrorStatuses()
{
    QFETCH(int, status);
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(QString, errorString);

    FakeNetworkAccessManager manager;
    manager.enqueue(FakeResponse::http(status, "body").withHeader("Location", "https://elsewhere.invalid/next"));
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(apiUrl)));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), error);
    QCOMPARE(reply->errorString(), errorString);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    QCOMPARE(reply->readAll(), QByteArray("body"));
    const QVariant target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute);
    QCOMPARE(target.isValid(), status / 100 == 3);
    if (target.isValid()) {
        QCOMPARE(target.toUrl(), QUrl(QStringLiteral("https://elsewhere.invalid/next")));
    }
}

void TestFakeNetworkAccessManager::transportErrorsCarryQtTexts()
{
    FakeNetworkAccessManager manager;
    const QList<std::pair<FakeResponse, QString>> cases{
        {FakeResponse::networkError(QNetworkReply::ConnectionRefusedError), QStringLiteral("Connection refused")},
        {FakeResponse::networkError(QNetworkReply::HostNotFoundError),
         QStringLiteral("Host api.example.invalid not found")},
        {FakeResponse::networkError(QNetworkReply::RemoteHostClosedError), QStringLiteral("Connection closed")},
        {FakeResponse::networkError(QNetworkReply::OperationCanceledError), QStringLiteral("Operation canceled")},
        {FakeResponse::networkError(QNetworkReply::SslHandshakeFailedError,
                                    QStringLiteral("SSL handshake failed: certificate has expired")),
         QStringLiteral("SSL handshake failed: certificate has expired")}};
    for (const auto &[response, text] : cases) {
        manager.enqueue(response);
        std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(apiUrl)));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), response.error);
        QCOMPARE(reply->errorString(), text);
        QVERIFY(!reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid());
        QVERIFY(reply->rawHeaderPairs().isEmpty());
        QCOMPARE(reply->bytesAvailable(), qint64(0));
    }
}

void TestFakeNetworkAccessManager::neverFinishesInsideTheCall()
{
    FakeNetworkAccessManager manager;
    manager.enqueue(FakeResponse::json("{}"));
    manager.enqueue(FakeResponse::networkError(QNetworkReply::ConnectionRefusedError));
    std::unique_ptr<QNetworkReply> ok(manager.get(QNetworkRequest(apiUrl)));
    std::unique_ptr<QNetworkReply> refused(manager.get(QNetworkRequest(apiUrl)));
    QSignalSpy okFinished(ok.get(), &QNetworkReply::finished);
    QSignalSpy refusedFinished(refused.get(), &QNetworkReply::finished);
    // A caller connects after get(), as it would to a real reply: nothing may have happened yet.
    QVERIFY(!ok->isFinished());
    QVERIFY(ok->isRunning());
    QVERIFY(!refused->isFinished());
    QCOMPARE(ok->error(), QNetworkReply::NoError);
    QCOMPARE(refused->error(), QNetworkReply::NoError);
    QTRY_VERIFY(ok->isFinished() && refused->isFinished());
    QCOMPARE(okFinished.size(), 1);
    QCOMPARE(refusedFinished.size(), 1);
}

void TestFakeNetworkAccessManager::coAwaitResumesWithTheReply()
{
    FakeNetworkAccessManager manager;
    manager.enqueue(FakeResponse::json(R"({"errcode":0})").after(20ms));
    IC_AWAIT(fetched, fetch(&manager, QNetworkRequest(apiUrl)));
    QVERIFY(fetched.finished);
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.error, QNetworkReply::NoError);
    QCOMPARE(fetched.body, QByteArray(R"({"errcode":0})"));

    // Awaiting a reply that has finished already resumes at once (QCoro checks isFinished()).
    manager.enqueue(FakeResponse::http(503, "busy"));
    std::unique_ptr<QNetworkReply> finished(manager.get(QNetworkRequest(apiUrl)));
    QTRY_VERIFY(finished->isFinished());
    auto awaitFinished = [](QNetworkReply *reply) -> QCoro::Task<QByteArray> {
        co_await reply;
        co_return reply->readAll();
    };
    IC_AWAIT(body, awaitFinished(finished.get()));
    QCOMPARE(body, QByteArray("busy"));

    // A transport failure resumes the coroutine too.
    manager.enqueue(FakeResponse::networkError(QNetworkReply::HostNotFoundError).after(5ms));
    IC_AWAIT(failed, fetch(&manager, QNetworkRequest(apiUrl)));
    QVERIFY(failed.finished);
    QCOMPARE(failed.status, 0);
    QCOMPARE(failed.error, QNetworkReply::HostNotFoundError);
}

void TestFakeNetworkAccessManager::coAwaitSequenceConsumesTheQueue()
{
    FakeNetworkAccessManager manager;
    manager.enqueue(FakeResponse::json(R"({"errcode":-1,"errmsg":"system busy"})"));
    manager.enqueue(FakeResponse::json(R"({"errcode":-1,"errmsg":"system busy"})").after(10ms));
    manager.enqueue(FakeResponse::json(R"({"errcode":0,"errmsg":"ok"})"));
    QCOMPARE(manager.queuedResponses(), 3);
    IC_AWAIT(bodies, fetchUntilNotBusy(&manager, apiUrl, 5));
    QCOMPARE(bodies.size(), 3);
    QCOMPARE(bodies.last(), QByteArray(R"({"errcode":0,"errmsg":"ok"})"));
    QCOMPARE(manager.requests().size(), 3);
    QCOMPARE(manager.queuedResponses(), 0);
    QCOMPARE(manager.maxInFlight(), 1);
    QCOMPARE(manager.unscriptedRequests(), 0);
}

void TestFakeNetworkAccessManager::delaysOrderTheReplies()
{
    FakeNetworkAccessManager manager;
    manager.setHandler([](const RecordedRequest &request) {
        const int delay = request.url.path().mid(1).toInt();
        return FakeResponse::http(200, request.url.path().toUtf8()).after(std::chrono::milliseconds(delay));
    });
    QStringList order;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    QElapsedTimer clock;
    clock.start();
    qint64 slowestAt = 0;
    for (const char *path : {"/80", "/0", "/40", "/0", "/10"}) {
        QNetworkReply *reply =
            manager.get(QNetworkRequest(QUrl(QStringLiteral("http://sandbox.invalid") + QLatin1StringView(path))));
        connect(reply, &QNetworkReply::finished, this, [&order, &clock, &slowestAt, reply] {
            order.append(reply->url().path());
            if (reply->url().path() == u"/80") {
                slowestAt = clock.elapsed();
            }
        });
        replies.emplace_back(reply);
    }
    QTRY_COMPARE(order.size(), 5);
    // Equal delays keep the order of the requests.
    QCOMPARE(order, (QStringList{QStringLiteral("/0"), QStringLiteral("/0"), QStringLiteral("/10"),
                                 QStringLiteral("/40"), QStringLiteral("/80")}));
    QVERIFY2(slowestAt >= 80, qPrintable(QString::number(slowestAt)));
}

void TestFakeNetworkAccessManager::hangFinishesOnlyWhenAborted()
{
    FakeNetworkAccessManager manager;
    manager.enqueue(FakeResponse::hang());
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(apiUrl)));
    SignalLog log(reply.get());
    QTest::qWait(50);
    QVERIFY(!reply->isFinished());
    QVERIFY(log.entries.isEmpty());
    QCOMPARE(manager.inFlight(), 1);

    reply->abort();
    // Synchronously inside abort(), like Qt's HTTP reply.
    QCOMPARE(log.entries, (QStringList{QStringLiteral("errorOccurred"), QStringLiteral("downloadProgress"),
                                       QStringLiteral("finished(finished)")}));
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QCOMPARE(reply->errorString(), QStringLiteral("Operation canceled"));
    QVERIFY(!reply->isOpen());
    QCOMPARE(manager.inFlight(), 0);

    reply->abort(); // Finished: nothing happens again.
    QTest::qWait(20);
    QCOMPARE(log.entries.size(), 3);
}

void TestFakeNetworkAccessManager::closeBeforeAndAfterTheEnd()
{
    FakeNetworkAccessManager manager;
    manager.enqueue(FakeResponse::json("{}").after(1h));
    manager.enqueue(FakeResponse::json("{}"));
    std::unique_ptr<QNetworkReply> pending(manager.get(QNetworkRequest(apiUrl)));
    std::unique_ptr<QNetworkReply> answered(manager.get(QNetworkRequest(apiUrl)));
    QSignalSpy pendingFinished(pending.get(), &QNetworkReply::finished);

    pending->close(); // Before the end: an abort.
    QCOMPARE(pendingFinished.size(), 1);
    QCOMPARE(pending->error(), QNetworkReply::OperationCanceledError);
    QVERIFY(!pending->isOpen());

    QTRY_VERIFY(answered->isFinished());
    answered->close(); // After the end: ignored, the data stays readable (as in Qt 6.4).
    QVERIFY(answered->isOpen());
    QCOMPARE(answered->readAll(), QByteArray("{}"));
    QCOMPARE(answered->error(), QNetworkReply::NoError);
}

void TestFakeNetworkAccessManager::abortFromASlotFinishesOnce()
{
    FakeNetworkAccessManager manager;
    manager.enqueue(FakeResponse::json("{}"));
    manager.enqueue(FakeResponse::networkError(QNetworkReply::ConnectionRefusedError));
    std::unique_ptr<QNetworkReply> onMetaData(manager.get(QNetworkRequest(apiUrl)));
    std::unique_ptr<QNetworkReply> onError(manager.get(QNetworkRequest(apiUrl)));
    connect(onMetaData.get(), &QNetworkReply::metaDataChanged, this, [&onMetaData] { onMetaData->abort(); });
    connect(onError.get(), &QNetworkReply::errorOccurred, this, [&onError] { onError->abort(); });
    QSignalSpy metaDataFinished(onMetaData.get(), &QNetworkReply::finished);
    QSignalSpy metaDataReadyRead(onMetaData.get(), &QNetworkReply::readyRead);
    QSignalSpy errorFinished(onError.get(), &QNetworkReply::finished);

    QTRY_VERIFY(onMetaData->isFinished() && onError->isFinished());
    QTest::qWait(20);
    QCOMPARE(metaDataFinished.size(), 1);
    QCOMPARE(metaDataReadyRead.size(), 0);
    QCOMPARE(onMetaData->error(), QNetworkReply::OperationCanceledError);
    QCOMPARE(errorFinished.size(), 1);
    QCOMPARE(onError->error(), QNetworkReply::ConnectionRefusedError);
    QCOMPARE(manager.inFlight(), 0);
}

void TestFakeNetworkAccessManager::transferTimeoutAbortsLikeQt()
{
    FakeNetworkAccessManager manager;
    manager.enqueue(FakeResponse::hang());
    manager.enqueue(FakeResponse::json("{}").after(500ms));
    manager.enqueue(FakeResponse::json("{}").after(10ms));
    QNetworkRequest request(apiUrl);
    request.setTransferTimeout(60);
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QNetworkReply> hung(manager.get(request));
    std::unique_ptr<QNetworkReply> slow(manager.get(request));
    std::unique_ptr<QNetworkReply> quick(manager.get(request));
    SignalLog hungLog(hung.get());
    // Checked when the quick answer arrives, not by polling later, which a busy machine could delay past 60 ms.
    bool hungWhenQuickFinished = false;
    connect(quick.get(), &QNetworkReply::finished, this,
            [&hungWhenQuickFinished, &hung] { hungWhenQuickFinished = !hung->isFinished(); });

    QTRY_VERIFY(quick->isFinished());
    QCOMPARE(quick->error(), QNetworkReply::NoError);
    QVERIFY(hungWhenQuickFinished);
    QTRY_VERIFY(hung->isFinished() && slow->isFinished());
    QVERIFY2(clock.elapsed() >= 60, qPrintable(QString::number(clock.elapsed())));
    for (QNetworkReply *reply : {hung.get(), slow.get()}) {
        // Qt 6.4's transfer timer aborts the reply: OperationCanceledError, not TimeoutError.
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QCOMPARE(reply->errorString(), QStringLiteral("Operation canceled"));
        QVERIFY(!reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid());
        QVERIFY(!reply->isOpen());
    }
    QCOMPARE(hungLog.entries, (QStringList{QStringLiteral("errorOccurred"), QStringLiteral("downloadProgress"),
                                           QStringLiteral("finished(finished)")}));
    QTest::qWait(500); // The slow answer's time passes: nothing more happens.
    QCOMPARE(hungLog.entries.size(), 3);
    QCOMPARE(slow->error(), QNetworkReply::OperationCanceledError);

    // The manager's transfer timeout applies to requests without their own, as in Qt.
    manager.setTransferTimeout(30);
    manager.enqueue(FakeResponse::hang());
    std::unique_ptr<QNetworkReply> managerTimeout(manager.get(QNetworkRequest(apiUrl)));
    QCOMPARE(manager.requests().last().request.transferTimeout(), 30);
    QTRY_VERIFY(managerTimeout->isFinished());
    QCOMPARE(managerTimeout->error(), QNetworkReply::OperationCanceledError);
}

void TestFakeNetworkAccessManager::queuesComeBeforeTheHandler()
{
    FakeNetworkAccessManager manager;
    manager.setHandler([](const RecordedRequest &request) {
        // Sandbox-like: answer from what was asked.
        return FakeResponse::json("handler:" + request.url.path().toUtf8() + ':' + request.body);
    });
    manager.enqueue(QStringLiteral("/cgi-bin/gettoken"), FakeResponse::json("token"));
    manager.enqueue(FakeResponse::json("common"));
    QCOMPARE(manager.queuedResponses(), 2);

    const auto bodyOf = [&manager](const QString &path, const QByteArray &body) {
        std::unique_ptr<QNetworkReply> reply(
            manager.post(QNetworkRequest(QUrl(QStringLiteral("https://qyapi.example.invalid") + path)), body));
        if (!QTest::qWaitFor([&reply] { return reply->isFinished(); })) {
            return QByteArrayLiteral("(no answer)");
        }
        return reply->readAll();
    };
    QCOMPARE(bodyOf(QStringLiteral("/cgi-bin/user/list"), "a"), QByteArray("common"));
    QCOMPARE(bodyOf(QStringLiteral("/cgi-bin/user/list"), "b"), QByteArray("handler:/cgi-bin/user/list:b"));
    QCOMPARE(bodyOf(QStringLiteral("/cgi-bin/gettoken"), "c"), QByteArray("token"));
    QCOMPARE(bodyOf(QStringLiteral("/cgi-bin/gettoken"), "d"), QByteArray("handler:/cgi-bin/gettoken:d"));
    QCOMPARE(manager.queuedResponses(), 0);
    QCOMPARE(manager.unscriptedRequests(), 0);
    QCOMPARE(manager.requests().size(), 4);
    manager.clearRequests();
    QVERIFY(manager.requests().isEmpty());
}

void TestFakeNetworkAccessManager::unscriptedRequestsFail()
{
    FakeNetworkAccessManager manager;
    const QByteArray warning = "FakeNetworkAccessManager: no response scripted for GET " + apiUrl.toString().toUtf8();
    QTest::ignoreMessage(QtWarningMsg, warning.constData());
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(apiUrl)));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::ProtocolUnknownError);
    QVERIFY(reply->errorString().contains(apiUrl.toString()));
    QCOMPARE(manager.unscriptedRequests(), 1);
}

void TestFakeNetworkAccessManager::maxInFlightBoundsConcurrency()
{
    FakeNetworkAccessManager manager;
    manager.setHandler([](const RecordedRequest &) { return FakeResponse::json("{}").after(30ms); });

    // Five coroutines at once.
    std::vector<QCoro::Task<Fetched>> tasks;
    for (int i = 0; i < 5; ++i) {
        tasks.push_back(fetch(&manager, QNetworkRequest(apiUrl)));
    }
    QCOMPARE(manager.inFlight(), 5);
    QCOMPARE(manager.maxInFlight(), 5);
    auto all = [](std::vector<QCoro::Task<Fetched>> awaited) -> QCoro::Task<int> {
        int answered = 0;
        for (auto &task : awaited) {
            answered += (co_await std::move(task)).status == 200 ? 1 : 0;
        }
        co_return answered;
    };
    IC_AWAIT(ok, all(std::move(tasks)));
    QCOMPARE(ok, 5);
    QCOMPARE(manager.inFlight(), 0);
    QCOMPARE(manager.maxInFlight(), 5);

    // One after the other: never more than one.
    manager.resetMaxInFlight();
    QCOMPARE(manager.maxInFlight(), 0);
    auto sequential = [](QNetworkAccessManager *nam) -> QCoro::Task<int> {
        int answered = 0;
        for (int i = 0; i < 3; ++i) {
            answered += (co_await fetch(nam, QNetworkRequest(apiUrl))).status == 200 ? 1 : 0;
        }
        co_return answered;
    };
    IC_AWAIT(sequentialOk, sequential(&manager));
    QCOMPARE(sequentialOk, 3);
    QCOMPARE(manager.maxInFlight(), 1);
}

void TestFakeNetworkAccessManager::deletedRepliesDoNotCrash()
{
    FakeNetworkAccessManager manager;
    manager.setHandler([](const RecordedRequest &request) {
        return request.url.path() == u"/hang" ? FakeResponse::hang() : FakeResponse::json("{}").after(20ms);
    });
    const QUrl base(QStringLiteral("http://sandbox.invalid/"));

    // deleteLater() from finished, the usual way.
    QPointer<QNetworkReply> early = manager.get(QNetworkRequest(base));
    connect(early, &QNetworkReply::finished, early, &QObject::deleteLater);
    QTRY_VERIFY(early.isNull());

    // Deleted while its answer is pending, and while it hangs: the answer is dropped and it leaves the count.
    QPointer<QNetworkReply> pending = manager.get(QNetworkRequest(base));
    QPointer<QNetworkReply> hanging = manager.get(QNetworkRequest(base.resolved(QUrl(QStringLiteral("/hang")))));
    QCOMPARE(manager.inFlight(), 2);
    delete pending.data();
    hanging->deleteLater();
    QTRY_VERIFY(hanging.isNull());
    QCOMPARE(manager.inFlight(), 0);
    QTest::qWait(40); // Past the dropped answer's time.

    // Auto-deleted replies, as Qt does it: deleteLater() after the manager's finished signal.
    manager.setAutoDeleteReplies(true);
    QPointer<QNetworkReply> automatic = manager.get(QNetworkRequest(base));
    QVERIFY(automatic->request().attribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute).toBool());
    QTRY_VERIFY(automatic.isNull());
    QCOMPARE(manager.inFlight(), 0);

    // A coroutine whose reply is aborted while it waits: resumes once, and the reply goes away with it.
    manager.setAutoDeleteReplies(false);
    QPointer<QNetworkReply> aborted;
    auto awaitAborted = [&aborted](QNetworkAccessManager *nam, QUrl url) -> QCoro::Task<int> {
        QNetworkReply *reply = nam->get(QNetworkRequest(url));
        aborted = reply;
        co_await reply;
        const int error = int(reply->error());
        reply->deleteLater();
        co_return error;
    };
    auto task = awaitAborted(&manager, base.resolved(QUrl(QStringLiteral("/hang"))));
    QVERIFY(!aborted.isNull());
    aborted->abort();
    IC_AWAIT(error, std::move(task));
    QCOMPARE(error, int(QNetworkReply::OperationCanceledError));
    QTRY_VERIFY(aborted.isNull());
}

void TestFakeNetworkAccessManager::droppedTaskWaitsForItsReply()
{
    // QCoro 0.8: destroying a Task leaves its coroutine suspended on the reply; it runs to its end, and its frame is
    // freed, only when the reply finishes. Aborting the reply is what ends it.
    FakeNetworkAccessManager manager;
    manager.enqueue(FakeResponse::hang());
    auto resumed = std::make_shared<int>(0);
    auto replyOut = std::make_shared<QPointer<QNetworkReply>>();
    auto awaitHanging = [](QNetworkAccessManager *nam, std::shared_ptr<int> count,
                           std::shared_ptr<QPointer<QNetworkReply>> out) -> QCoro::Task<> {
        QNetworkReply *reply = nam->get(QNetworkRequest(apiUrl));
        *out = reply;
        co_await reply;
        ++*count;
        reply->deleteLater();
    };
    {
        QCoro::Task<> dropped = awaitHanging(&manager, resumed, replyOut);
    }
    QTest::qWait(20);
    QCOMPARE(*resumed, 0);
    QCOMPARE(manager.inFlight(), 1);
    QVERIFY(!replyOut->isNull());
    (*replyOut)->abort();
    QCOMPARE(*resumed, 1);
    QTRY_VERIFY(replyOut->isNull());
    QCOMPARE(manager.inFlight(), 0);
}

void TestFakeNetworkAccessManager::managerDeletedWithRepliesPending()
{
    auto manager = std::make_unique<FakeNetworkAccessManager>();
    manager->enqueue(FakeResponse::hang());
    manager->enqueue(FakeResponse::json("{}").after(10ms));
    QPointer<QNetworkReply> hanging = manager->get(QNetworkRequest(apiUrl));
    QPointer<QNetworkReply> pending = manager->get(QNetworkRequest(apiUrl));
    QSignalSpy finished(pending.data(), &QNetworkReply::finished);
    manager.reset(); // The replies are its children and go with it, unanswered.
    QVERIFY(hanging.isNull());
    QVERIFY(pending.isNull());
    QTest::qWait(30);
    QCOMPARE(finished.size(), 0);
}

QTEST_GUILESS_MAIN(TestFakeNetworkAccessManager)
#include "tst_fakenetworkaccessmanager.moc"
