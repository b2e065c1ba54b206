#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <utility>

namespace ic::test {

/// Header name/value pairs in order, the shape of QNetworkReply::rawHeaderPairs() and Redactor::Headers.
using RawHeaders = QList<std::pair<QByteArray, QByteArray>>;

/// One scripted answer of FakeNetworkAccessManager.
///
/// The reply it produces behaves like Qt 6.4's HTTP reply (QNetworkReplyHttpImpl), checked against a real loopback
/// server:
///  - `status` > 0: the status, reason phrase and headers arrive (metaDataChanged), then the body (readyRead, only
///    when the body is not empty), then the error if any (errorOccurred), downloadProgress(n, n), and finished.
///  - A status of 400 or more with `error` left at NoError finishes with the error Qt derives from the status
///    (400 ProtocolInvalidOperationError, 401 AuthenticationRequiredError, 403 ContentAccessDenied,
///    404 ContentNotFoundError, 405 ContentOperationNotPermittedError, 407 ProxyAuthenticationRequiredError,
///    409 ContentConflictError, 410 ContentGoneError, 418 ProtocolInvalidOperationError, 500 InternalServerError,
///    501 OperationNotImplementedError, 503 ServiceUnavailableError, other 4xx UnknownContentError, other 5xx
///    UnknownServerError) and Qt's text "Error transferring <url> - server replied: <reason>"; status, headers and
///    body stay readable, as with a real reply.
///  - `status` 0: no HTTP answer arrived; the reply has no status attribute, no headers and no body, and finishes
///    with `error` (errorOccurred, downloadProgress(0, 0), finished). Use networkError().
///  - A status together with an error is an answer cut short (RemoteHostClosedError after the headers).
/// A 3xx with a Location header sets RedirectionTargetAttribute; redirects are never followed (as with
/// QNetworkRequest::ManualRedirectPolicy).
struct FakeResponse {
    /// The HTTP status; 0: no HTTP answer (a transport failure, see `error`).
    int status = 200;
    /// The reason phrase; empty: the standard phrase of `status` ("OK", "Not Found", ...).
    QByteArray reason;
    /// Exactly these response headers, in this order (none is added: no automatic Content-Length).
    RawHeaders headers;
    QByteArray body;
    /// What the reply finishes with. Transfer timeouts and aborts are OperationCanceledError in Qt 6.4; typical
    /// transport failures are ConnectionRefusedError, HostNotFoundError, RemoteHostClosedError and
    /// SslHandshakeFailedError.
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    /// errorString() of the reply; empty: Qt's English text for `error` ("Connection refused", ...).
    QString errorString;
    /// How long after the request the answer arrives, on a QTimer; the event loop and other coroutines run
    /// meanwhile. 0: on the next pass of the event loop, never inside get()/post().
    std::chrono::milliseconds delay{0};
    /// Never answers: the reply stays unfinished until aborted, closed, deleted or cut by its transfer timeout.
    bool hangs = false;

    /// 200 (or `status`) with a JSON body and `Content-Type: application/json`.
    static FakeResponse json(QByteArray body, int status = 200);
    /// An HTTP answer with the given status, body and headers.
    static FakeResponse http(int status, QByteArray body = {}, RawHeaders headers = {});
    /// No HTTP answer: the transfer fails with `error` (and `errorString`, or Qt's text).
    static FakeResponse networkError(QNetworkReply::NetworkError error, QString errorString = {});
    /// An answer that never comes.
    static FakeResponse hang();

    /// This response, arriving `delay` after the request.
    FakeResponse after(std::chrono::milliseconds delay) const;
    /// This response with one more header.
    FakeResponse withHeader(QByteArray name, QByteArray value) const;
};

/// One request as the client made it.
struct RecordedRequest {
    QNetworkAccessManager::Operation operation = QNetworkAccessManager::UnknownOperation;
    /// "GET", "POST", "PUT", "DELETE", "HEAD", or the custom verb of sendCustomRequest().
    QByteArray verb;
    QUrl url;
    /// The request's raw headers in the order they were first set (QNetworkRequest::setHeader() ones included).
    /// Headers Qt adds on the wire (Content-Length, User-Agent, cookies) are not emulated.
    RawHeaders headers;
    /// Everything the upload device held; empty for GET, HEAD and DELETE.
    QByteArray body;
    /// The whole request, with the manager's defaults applied as Qt applies them (transfer timeout, redirect policy,
    /// auto-delete), for attributes and the SSL configuration.
    QNetworkRequest request;
    /// When createRequest() ran.
    std::chrono::steady_clock::time_point sentAt;

    /// The value of header `name` (case-insensitive), or a null QByteArray when absent.
    QByteArray header(QByteArrayView name) const;
};

class FakeNetworkAccessManager;

/// The reply of FakeNetworkAccessManager: a QNetworkReply that answers from a FakeResponse without any socket.
///
/// Contract, as for Qt 6.4's HTTP reply:
///  - open for reading from the start; request(), url() and operation() are those of the request;
///  - never finished inside createRequest(): the answer comes from a QTimer (see FakeResponse::delay);
///  - signals in the order documented at FakeResponse; isFinished() becomes true just before finished(), which is
///    emitted exactly once, whatever happens (abort, close, transfer timeout);
///  - the body is read once through the QIODevice API (readAll(), read(), bytesAvailable()), also after finished;
///  - abort() (and close() before the end) finishes with OperationCanceledError "Operation canceled" at once,
///    emitting errorOccurred and finished inside the call, and closes the device; on a finished reply both do
///    nothing (a finished reply's data stays readable after close(), as in Qt);
///  - a transfer timeout (the request's, else the manager's) aborts exactly like abort(), after that many
///    milliseconds, when the answer would come no earlier (delay >= timeout, or hangs). That is what Qt 6.4 does:
///    its transfer timer calls abort(), so the error is OperationCanceledError, not TimeoutError. Qt restarts the
///    timer whenever bytes move; the fake delivers the whole answer at once, so "no progress for the timeout"
///    means "the delay is at least the timeout";
///  - not emulated: uploadProgress, encrypted, sslErrors, authenticationRequired, and following redirects.
///
/// It is safe to deleteLater() the reply from any of its signals, or to delete it at any time outside them; a
/// pending answer is then dropped. Like a real reply, it must not be deleted directly inside one of its signals.
///
/// `co_await reply` (QCoro 0.8) resumes once finished() is emitted, or at once when isFinished(). Await it as a
/// `QNetworkReply *`: on a `FakeReply *`, QCoro picks its generic QIODevice awaiter, which waits for readyRead and
/// returns the body. QCoro 0.8 connects to finished() without a context object, and destroying a QCoro::Task does
/// not destroy a coroutine suspended on a reply: it stays suspended (holding what it holds) until the reply
/// finishes, so a hanging reply keeps it alive until it is aborted or its transfer timeout cuts it.
class FakeReply final : public QNetworkReply {
    Q_OBJECT

public:
    ~FakeReply() override;

    void abort() override;
    void close() override;
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    friend class FakeNetworkAccessManager;
    FakeReply(FakeNetworkAccessManager *manager, QNetworkAccessManager::Operation operation,
              const QNetworkRequest &request, FakeResponse response);

    void deliver();
    /// Sets the error, emits errorOccurred (if any) and downloadProgress, then marks the reply finished and emits
    /// finished; stops early if a slot finished or deleted the reply on the way.
    void finish(QNetworkReply::NetworkError error, const QString &errorString, qint64 received);
    void leaveFlight();

    QPointer<FakeNetworkAccessManager> m_manager;
    FakeResponse m_response;
    QByteArray m_body;
    qint64 m_read = 0;
    bool m_ending = false; ///< finish() has begun: the outcome is decided.
    bool m_inFlight = true;
    QTimer m_timer;
};

/// A QNetworkAccessManager that never touches the network: every request is recorded and answered from a script,
/// through FakeReply. For unit tests of code that takes a `QNetworkAccessManager *` (the loopback sandbox covers
/// real HTTP).
///
/// The answer to a request is taken from, in this order:
///  1. the queue of its URL path (enqueue(path, response)), first in first out;
///  2. the common queue (enqueue(response));
///  3. the handler (setHandler()), called inside get()/post()/... with the recorded request;
///  4. otherwise the request is unscripted: it fails with ProtocolUnknownError and an errorString naming it, a
///     warning is logged, and unscriptedRequests() counts it, so a forgotten script shows up in the test.
///
/// The manager's transferTimeout(), autoDeleteReplies() and redirectPolicy() apply as in Qt 6.4 (they become the
/// request's defaults; an auto-deleted reply is deleteLater()ed after finished). Everything else of the real
/// manager (cookies, cache, proxies, authentication, HSTS) is bypassed.
///
/// For example, a call retried after two "system busy" answers, then a check of what was sent:
///
///     FakeNetworkAccessManager manager;
///     manager.enqueue(FakeResponse::json(R"({"errcode":-1})"));
///     manager.enqueue(FakeResponse::json(R"({"errcode":-1})").after(50ms));
///     manager.enqueue(FakeResponse::json(R"({"errcode":0})"));
///     IC_AWAIT(response, client.send(request)); // The client under test got `&manager`.
///     QCOMPARE(manager.requests().size(), 3);
///     QCOMPARE(manager.requests().last().header("Content-Type"), "application/json");
///
/// Thread affinity: like any QNetworkAccessManager, it and its replies belong to the thread that created them; make
/// requests, script answers and read the records from that thread only, with its event loop running. Nothing here
/// is locked.
class FakeNetworkAccessManager final : public QNetworkAccessManager {
    Q_OBJECT

public:
    using Handler = std::function<FakeResponse(const RecordedRequest &request)>;

    explicit FakeNetworkAccessManager(QObject *parent = nullptr);
    ~FakeNetworkAccessManager() override;

    /// Answers requests that no queued response answers. An empty handler removes it.
    void setHandler(Handler handler);
    /// Queues the answer to the next request that its path queue does not answer.
    void enqueue(FakeResponse response);
    /// Queues the answer to the next request whose URL path is exactly `path` (e.g. "/cgi-bin/gettoken").
    void enqueue(const QString &path, FakeResponse response);
    /// Responses queued and not used yet, over all queues.
    int queuedResponses() const;

    /// Every request made so far, oldest first (a copy).
    QList<RecordedRequest> requests() const;
    /// Forgets the recorded requests and the unscripted count (the queues and the handler stay).
    void clearRequests();
    /// Requests that nothing answered (point 4 above).
    int unscriptedRequests() const;

    /// Replies created and not finished yet (a reply deleted before finishing leaves the count too).
    int inFlight() const;
    /// The most replies in flight at once since construction or resetMaxInFlight().
    int maxInFlight() const;
    /// Restarts maxInFlight() from inFlight().
    void resetMaxInFlight();

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request, QIODevice *outgoingData) override;

private:
    friend class FakeReply;
    FakeResponse responseFor(const RecordedRequest &request);
    void replyLeftFlight();

    Handler m_handler;
    std::deque<FakeResponse> m_queue;
    std::map<QString, std::deque<FakeResponse>> m_pathQueues;
    QList<RecordedRequest> m_requests;
    int m_unscripted = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
};

} // namespace ic::test
