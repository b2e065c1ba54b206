#include "FakeNetworkAccessManager.h"

#include <QIODevice>
#include <QVariant>

#include <algorithm>
#include <cstring>

namespace ic::test {

namespace {

using std::chrono::milliseconds;

QByteArray standardReason(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 422:
        return QByteArrayLiteral("Unprocessable Entity");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    default:
        return {};
    }
}

/// The error Qt 6.4 reports for an HTTP error status (statusCodeFromHttp() in qhttpthreaddelegate.cpp; checked
/// against a real server for the common codes).
QNetworkReply::NetworkError errorForStatus(int status)
{
    switch (status) {
    case 400:
    case 418:
        return QNetworkReply::ProtocolInvalidOperationError;
    case 401:
        return QNetworkReply::AuthenticationRequiredError;
    case 403:
        return QNetworkReply::ContentAccessDenied;
    case 404:
        return QNetworkReply::ContentNotFoundError;
    case 405:
        return QNetworkReply::ContentOperationNotPermittedError;
    case 407:
        return QNetworkReply::ProxyAuthenticationRequiredError;
    case 409:
        return QNetworkReply::ContentConflictError;
    case 410:
        return QNetworkReply::ContentGoneError;
    case 500:
        return QNetworkReply::InternalServerError;
    case 501:
        return QNetworkReply::OperationNotImplementedError;
    case 503:
        return QNetworkReply::ServiceUnavailableError;
    default:
        if (status > 500) {
            return QNetworkReply::UnknownServerError;
        }
        if (status >= 400) {
            return QNetworkReply::UnknownContentError;
        }
        return QNetworkReply::NoError;
    }
}

/// Qt's English text for `error` on a request to `url`.
QString qtErrorText(QNetworkReply::NetworkError error, const QUrl &url, int status, const QByteArray &reason)
{
    switch (error) {
    case QNetworkReply::NoError:
        return QStringLiteral("Unknown error");
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("Connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("Connection closed");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("Host %1 not found").arg(url.host());
    case QNetworkReply::TimeoutError:
        return QStringLiteral("Socket operation timed out");
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("Operation canceled");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("SSL handshake failed");
    case QNetworkReply::TemporaryNetworkFailureError:
        return QStringLiteral("Temporary network failure.");
    case QNetworkReply::NetworkSessionFailedError:
        return QStringLiteral("Network session error.");
    case QNetworkReply::ProxyConnectionRefusedError:
        return QStringLiteral("Connection to proxy refused");
    case QNetworkReply::ProxyConnectionClosedError:
        return QStringLiteral("Connection to proxy closed prematurely");
    case QNetworkReply::ProxyNotFoundError:
        return QStringLiteral("Proxy host not found");
    case QNetworkReply::ProxyTimeoutError:
        return QStringLiteral("Connection to proxy timed out");
    case QNetworkReply::AuthenticationRequiredError:
        return QStringLiteral("Host requires authentication");
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QStringLiteral("Proxy requires authentication");
    case QNetworkReply::ProtocolUnknownError:
        return QStringLiteral("Protocol \"%1\" is unknown").arg(url.scheme());
    default:
        if (status > 0) {
            return QStringLiteral("Error transferring %1 - server replied: %2")
                .arg(url.toString(), QString::fromLatin1(reason));
        }
        return QStringLiteral("Unknown network error");
    }
}

QByteArray verbOf(QNetworkAccessManager::Operation operation, const QNetworkRequest &request)
{
    switch (operation) {
    case QNetworkAccessManager::HeadOperation:
        return QByteArrayLiteral("HEAD");
    case QNetworkAccessManager::GetOperation:
        return QByteArrayLiteral("GET");
    case QNetworkAccessManager::PutOperation:
        return QByteArrayLiteral("PUT");
    case QNetworkAccessManager::PostOperation:
        return QByteArrayLiteral("POST");
    case QNetworkAccessManager::DeleteOperation:
        return QByteArrayLiteral("DELETE");
    case QNetworkAccessManager::CustomOperation:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    case QNetworkAccessManager::UnknownOperation:
        break;
    }
    return {};
}

} // namespace

// ---- FakeResponse ------------------------------------------------------------------------------------------------

FakeResponse FakeResponse::json(QByteArray body, int status)
{
    return http(status, std::move(body), {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}});
}

FakeResponse FakeResponse::http(int status, QByteArray body, RawHeaders headers)
{
    FakeResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
}

FakeResponse FakeResponse::networkError(QNetworkReply::NetworkError error, QString errorString)
{
    FakeResponse response;
    response.status = 0;
    response.error = error;
    response.errorString = std::move(errorString);
    return response;
}

FakeResponse FakeResponse::hang()
{
    FakeResponse response;
    response.status = 0;
    response.hangs = true;
    return response;
}

FakeResponse FakeResponse::after(milliseconds delay_) const
{
    FakeResponse response = *this;
    response.delay = delay_;
    return response;
}

FakeResponse FakeResponse::withHeader(QByteArray name, QByteArray value) const
{
    FakeResponse response = *this;
    response.headers.append({std::move(name), std::move(value)});
    return response;
}

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &[headerName, value] : headers) {
        if (QByteArrayView(headerName).compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

// ---- FakeReply ---------------------------------------------------------------------------------------------------

FakeReply::FakeReply(FakeNetworkAccessManager *manager, QNetworkAccessManager::Operation operation,
                     const QNetworkRequest &request, FakeResponse response)
    : QNetworkReply(manager)
    , m_manager(manager)
    , m_response(std::move(response))
{
    setOperation(operation);
    setRequest(request);
    setUrl(request.url());
    open(QIODevice::ReadOnly);

    // One timer decides the outcome when the request is made: either the answer arrives or the transfer timeout
    // cuts the reply first, never both, so the order of two timers due at the same time cannot matter.
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    const milliseconds delay = std::max(m_response.delay, milliseconds(0));
    const int transferTimeout = request.transferTimeout();
    if (transferTimeout > 0 && (m_response.hangs || delay >= milliseconds(transferTimeout))) {
        // Qt's transfer timer calls abort() (QNetworkReplyHttpImplPrivate::_q_transferTimedOut).
        connect(&m_timer, &QTimer::timeout, this, &FakeReply::abort);
        m_timer.start(transferTimeout);
    } else if (!m_response.hangs) {
        connect(&m_timer, &QTimer::timeout, this, &FakeReply::deliver);
        m_timer.start(delay);
    }
}

FakeReply::~FakeReply()
{
    leaveFlight();
}

void FakeReply::deliver()
{
    const QPointer<FakeReply> self(this);
    const FakeResponse &response = m_response;
    QNetworkReply::NetworkError error = response.error;
    qint64 received = 0;
    if (response.status > 0) {
        const QByteArray reason = response.reason.isEmpty() ? standardReason(response.status) : response.reason;
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, response.status);
        // Qt 6.4 stores the reason phrase as a QString, although its documentation says QByteArray.
        setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QString::fromLatin1(reason));
        for (const auto &[name, value] : response.headers) {
            setRawHeader(name, value);
        }
        if (response.status >= 300 && response.status < 400 && hasRawHeader("Location")) {
            setAttribute(QNetworkRequest::RedirectionTargetAttribute, QUrl::fromEncoded(rawHeader("Location")));
        }
        Q_EMIT metaDataChanged();
        if (!self || m_ending) {
            return; // Deleted, or aborted by a slot (which has finished the reply).
        }
        if (!response.body.isEmpty()) {
            m_body = response.body;
            received = m_body.size();
            Q_EMIT readyRead();
            if (!self || m_ending) {
                return;
            }
        }
        if (error == QNetworkReply::NoError) {
            error = errorForStatus(response.status);
        }
    }
    QString text = response.errorString;
    if (text.isEmpty() && error != QNetworkReply::NoError) {
        text = qtErrorText(error, url(), response.status,
                           response.reason.isEmpty() ? standardReason(response.status) : response.reason);
    }
    finish(error, text, received);
}

void FakeReply::finish(QNetworkReply::NetworkError error, const QString &errorString, qint64 received)
{
    // From here on abort(), close() and the timer do nothing, so finished is emitted once even when a slot of
    // errorOccurred aborts the reply.
    m_ending = true;
    m_timer.stop();
    const QPointer<FakeReply> self(this);
    if (error != QNetworkReply::NoError) {
        setError(error, errorString);
        Q_EMIT errorOccurred(error);
        if (!self) {
            return;
        }
    }
    Q_EMIT downloadProgress(received, received);
    if (!self) {
        return;
    }
    setFinished(true);
    leaveFlight();
    // Nothing of this object may be touched after finished: a coroutine awaiting the reply resumes inside this
    // emission and may end by deleting the reply.
    Q_EMIT finished();
}

void FakeReply::leaveFlight()
{
    if (!m_inFlight) {
        return;
    }
    m_inFlight = false;
    if (m_manager) {
        m_manager->replyLeftFlight();
    }
}

void FakeReply::abort()
{
    if (m_ending) {
        return;
    }
    // As Qt's HTTP reply: the device closes first (the data is gone), then the error and finished follow.
    QNetworkReply::close();
    m_body.clear();
    m_read = 0;
    finish(QNetworkReply::OperationCanceledError, qtErrorText(QNetworkReply::OperationCanceledError, url(), 0, {}), 0);
}

void FakeReply::close()
{
    // Qt's HTTP reply ignores close() once finished and treats it as abort() before.
    abort();
}

qint64 FakeReply::bytesAvailable() const
{
    return QNetworkReply::bytesAvailable() + (m_body.size() - m_read);
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 count = std::min(maxSize, m_body.size() - m_read);
    if (count <= 0) {
        // The end of a sequential device is -1 once nothing more can come, as in QNetworkReplyHttpImpl.
        return isFinished() ? -1 : 0;
    }
    std::memcpy(data, m_body.constData() + m_read, size_t(count));
    m_read += count;
    if (m_read == m_body.size()) {
        m_body.clear();
        m_read = 0;
    }
    return count;
}

// ---- FakeNetworkAccessManager ------------------------------------------------------------------------------------

FakeNetworkAccessManager::FakeNetworkAccessManager(QObject *parent)
    : QNetworkAccessManager(parent)
{}

FakeNetworkAccessManager::~FakeNetworkAccessManager()
{
    // ~QNetworkAccessManager deletes the replies still alive, after this object has stopped being a
    // FakeNetworkAccessManager: they must not call back into it then.
    for (FakeReply *reply : findChildren<FakeReply *>()) {
        reply->m_manager.clear();
    }
}

void FakeNetworkAccessManager::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void FakeNetworkAccessManager::enqueue(FakeResponse response)
{
    m_queue.push_back(std::move(response));
}

void FakeNetworkAccessManager::enqueue(const QString &path, FakeResponse response)
{
    m_pathQueues[path].push_back(std::move(response));
}

int FakeNetworkAccessManager::queuedResponses() const
{
    size_t count = m_queue.size();
    for (const auto &[path, queue] : m_pathQueues) {
        count += queue.size();
    }
    return int(count);
}

QList<RecordedRequest> FakeNetworkAccessManager::requests() const
{
    return m_requests;
}

void FakeNetworkAccessManager::clearRequests()
{
    m_requests.clear();
    m_unscripted = 0;
}

int FakeNetworkAccessManager::unscriptedRequests() const
{
    return m_unscripted;
}

int FakeNetworkAccessManager::inFlight() const
{
    return m_inFlight;
}

int FakeNetworkAccessManager::maxInFlight() const
{
    return m_maxInFlight;
}

void FakeNetworkAccessManager::resetMaxInFlight()
{
    m_maxInFlight = m_inFlight;
}

QNetworkReply *FakeNetworkAccessManager::createRequest(Operation operation, const QNetworkRequest &originalRequest,
                                                       QIODevice *outgoingData)
{
    // The defaults QNetworkAccessManager::createRequest() applies before it picks a backend (Qt 6.4).
    QNetworkRequest request(originalRequest);
    if (redirectPolicy() != QNetworkRequest::NoLessSafeRedirectPolicy &&
        request.attribute(QNetworkRequest::RedirectPolicyAttribute).isNull()) {
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, redirectPolicy());
    }
    if (request.transferTimeout() == 0) {
        request.setTransferTimeout(transferTimeout());
    }
    if (autoDeleteReplies() && request.attribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute).isNull()) {
        request.setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute, true);
    }

    RecordedRequest recorded;
    recorded.operation = operation;
    recorded.verb = verbOf(operation, request);
    recorded.url = request.url();
    for (const QByteArray &name : request.rawHeaderList()) {
        recorded.headers.append({name, request.rawHeader(name)});
    }
    if (outgoingData != nullptr) {
        recorded.body = outgoingData->readAll();
    }
    recorded.request = request;
    recorded.sentAt = std::chrono::steady_clock::now();
    m_requests.append(recorded);

    FakeResponse response = responseFor(recorded);
    auto *reply = new FakeReply(this, operation, request, std::move(response));
    ++m_inFlight;
    m_maxInFlight = std::max(m_maxInFlight, m_inFlight);
    return reply;
}

FakeResponse FakeNetworkAccessManager::responseFor(const RecordedRequest &request)
{
    const auto pathQueue = m_pathQueues.find(request.url.path());
    if (pathQueue != m_pathQueues.end() && !pathQueue->second.empty()) {
        FakeResponse response = std::move(pathQueue->second.front());
        pathQueue->second.pop_front();
        return response;
    }
    if (!m_queue.empty()) {
        FakeResponse response = std::move(m_queue.front());
        m_queue.pop_front();
        return response;
    }
    if (m_handler) {
        return m_handler(request);
    }
    ++m_unscripted;
    const QString what = QString::fromLatin1(request.verb) + u' ' + request.url.toString();
    qWarning("FakeNetworkAccessManager: no response scripted for %s", qPrintable(what));
    return FakeResponse::networkError(QNetworkReply::ProtocolUnknownError,
                                      QStringLiteral("No response scripted for %1").arg(what));
}

void FakeNetworkAccessManager::replyLeftFlight()
{
    --m_inFlight;
}

} // namespace ic::test
