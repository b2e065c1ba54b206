#include "net/HttpClient.h"

#include "common/Logging.h"
#include "common/OffThread.h"
#include "db/Repositories.h"

#include <QCoro/QCoroNetworkReply>
#include <QFile>
#include <QHostAddress>
#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace ic::net {

namespace {

using std::chrono::milliseconds;

/// Deletes a reply that may still be running: stops its signals first, so an abort cannot resume a coroutine whose
/// frame is being destroyed, then aborts it and lets the event loop delete it.
struct ReplyDeleter {
    void operator()(QNetworkReply *reply) const
    {
        if (reply == nullptr) {
            return;
        }
        QObject::disconnect(reply, nullptr, nullptr, nullptr);
        if (!reply->isFinished()) {
            reply->abort();
        }
        reply->deleteLater();
    }
};
using ReplyPtr = std::unique_ptr<QNetworkReply, ReplyDeleter>;

/// Network-layer errors (Qt numbers them below 200: connection, proxy) mean the transfer itself failed, even when
/// a status line had already arrived (a body cut short by a closed connection).
bool isTransportLevel(QNetworkReply::NetworkError error)
{
    return error != QNetworkReply::NoError && int(error) < 200;
}

TransportError transportKind(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::OperationCanceledError: // The transfer timeout aborts with this (Qt 6.4).
    case QNetworkReply::TimeoutError:
    case QNetworkReply::ProxyTimeoutError:
        return TransportError::Timeout;
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
        return TransportError::Connection;
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyNotFoundError:
        return TransportError::Dns;
    case QNetworkReply::SslHandshakeFailedError:
        return TransportError::Tls;
    default:
        return TransportError::Other;
    }
}

/// A `Retry-After` in seconds (the HTTP-date form is not used by the providers we call).
std::optional<milliseconds> retryAfter(const Redactor::Headers &headers)
{
    for (const auto &[name, value] : headers) {
        if (name.compare("retry-after", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const int seconds = value.trimmed().toInt(&ok);
            if (ok && seconds >= 0) {
                return milliseconds(qint64(seconds) * 1000);
            }
        }
    }
    return std::nullopt;
}

QString newCorrelationId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

/// Reads an optional JSON member as a whole number within [minimum, maximum].
Status readInt(const QJsonObject &object, const char *column, const char *member, qint64 minimum, qint64 maximum,
               qint64 &out)
{
    const QJsonValue value = object.value(QLatin1StringView(member));
    if (value.isUndefined() || value.isNull()) {
        return {};
    }
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::isnan(number) || number != std::floor(number) || number < double(minimum) ||
        number > double(maximum)) {
        const QString field = QLatin1StringView(column) + u'.' + QLatin1StringView(member);
        return Error::invalid(field, HttpClient::tr("The call setting %1 must be a whole number from %2 to %3.")
                                         .arg(field)
                                         .arg(minimum)
                                         .arg(maximum));
    }
    out = qint64(number);
    return {};
}

Status readDouble(const QJsonObject &object, const char *column, const char *member, double minimum, double maximum,
                  double &out)
{
    const QJsonValue value = object.value(QLatin1StringView(member));
    if (value.isUndefined() || value.isNull()) {
        return {};
    }
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::isnan(number) || number < minimum || number > maximum) {
        const QString field = QLatin1StringView(column) + u'.' + QLatin1StringView(member);
        return Error::invalid(
            field,
            HttpClient::tr("The call setting %1 must be a number from %2 to %3.").arg(field).arg(minimum).arg(maximum));
    }
    out = number;
    return {};
}

/// Takes the system's proxies, except for loopback hosts (the sandbox, local gateways): an http_proxy meant for the
/// outside world must never swallow calls to this machine.
class LoopbackAwareProxyFactory final : public QNetworkProxyFactory {
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        const QString host = query.peerHostName();
        const QHostAddress address(host);
        if (host.compare(u"localhost", Qt::CaseInsensitive) == 0 || (!address.isNull() && address.isLoopback())) {
            return {QNetworkProxy(QNetworkProxy::NoProxy)};
        }
        return systemProxyForQuery(query);
    }
};

} // namespace

// ---- configuration ---------------------------------------------------------------------------------------------

QString HttpClientConfig::keyFor(const QString &tenantId, const QString &serviceUid)
{
    return tenantId + u'/' + serviceUid;
}

Result<HttpClientConfig> HttpClientConfig::fromService(const db::ServiceConfigRecord &service)
{
    HttpClientConfig config;
    config.serviceKey = keyFor(service.tenantId, service.uid);
    config.tenantId = service.tenantId;
    config.serviceId = service.id > 0 ? std::optional<qint64>(service.id) : std::nullopt;
    config.serviceType = service.type;
    if (service.timeoutMs < 100 || service.timeoutMs > 600000) {
        return Error::invalid(
            QStringLiteral("timeout_ms"),
            HttpClient::tr("The call timeout must be from 100 ms to 10 minutes, not %1 ms.").arg(service.timeoutMs));
    }
    config.timeout = milliseconds(service.timeoutMs);

    const QJsonObject &retry = service.retryPolicy;
    qint64 attempts = config.retry.maxAttempts;
    qint64 base = config.retry.baseDelay.count();
    qint64 cap = config.retry.maxDelay.count();
    qint64 floor = config.retry.rateLimitFloor.count();
    qint64 failures = config.breaker.failureThreshold;
    qint64 coolDown = config.breaker.coolDown.count();
    const qint64 hour = 3600 * 1000;
    for (const Status &status : {readInt(retry, "retry_policy", "max_attempts", 1, 10, attempts),
                                 readInt(retry, "retry_policy", "base_delay_ms", 0, hour, base),
                                 readInt(retry, "retry_policy", "max_delay_ms", 0, hour, cap),
                                 readInt(retry, "retry_policy", "rate_limit_floor_ms", 0, hour, floor),
                                 readInt(retry, "retry_policy", "breaker_failures", 1, 1000, failures),
                                 readInt(retry, "retry_policy", "breaker_cooldown_ms", 0, hour, coolDown)}) {
        if (!status) {
            return status.error();
        }
    }
    config.retry.maxAttempts = int(attempts);
    config.retry.baseDelay = milliseconds(base);
    config.retry.maxDelay = milliseconds(std::max(base, cap));
    config.retry.rateLimitFloor = milliseconds(floor);
    config.breaker.failureThreshold = int(failures);
    config.breaker.coolDown = milliseconds(coolDown);

    const QJsonObject &limit = service.rateLimit;
    qint64 burst = config.burst;
    qint64 inFlight = config.maxInFlight;
    for (const Status &status : {readDouble(limit, "rate_limit", "per_second", 0.01, 10000.0, config.ratePerSecond),
                                 readInt(limit, "rate_limit", "burst", 1, 10000, burst),
                                 readInt(limit, "rate_limit", "max_in_flight", 1, 64, inFlight)}) {
        if (!status) {
            return status.error();
        }
    }
    config.burst = int(burst);
    config.maxInFlight = int(inFlight);

    config.caFile = service.settings.value(QStringLiteral("ca_file")).toString();
    if (!config.caFile.isEmpty()) {
        if (const Status status = HttpClient::checkCaFile(config.caFile); !status) {
            return status.error();
        }
    }
    return config;
}

// ---- circuit breakers --------------------------------------------------------------------------------------------

CircuitBreakerRegistry &CircuitBreakerRegistry::instance()
{
    static CircuitBreakerRegistry registry;
    return registry;
}

std::shared_ptr<CircuitBreaker> CircuitBreakerRegistry::breaker(const QString &serviceKey,
                                                                const CircuitBreakerConfig &config)
{
    const std::lock_guard lock(m_mutex);
    auto &slot = m_breakers[serviceKey];
    if (!slot) {
        slot = std::make_shared<CircuitBreaker>(config);
    }
    return slot;
}

void CircuitBreakerRegistry::clear()
{
    const std::lock_guard lock(m_mutex);
    m_breakers.clear();
}

// ---- the client ------------------------------------------------------------------------------------------------

/// Qt's HTTP/1.1 connections per host and QNetworkAccessManager (Qt 6.4 has no setting for it).
constexpr int connectionsPerManager = 6;

struct HttpClient::Private {
    QNetworkAccessManager *manager = nullptr;
    /// More managers of this client's own, when `maxInFlight` needs more connections than one manager opens (see
    /// the constructor). Requests go to the manager with the fewest of them in flight.
    std::vector<std::unique_ptr<QNetworkAccessManager>> extraManagers;
    /// Requests in flight per manager: [0] the injected one, then the extra ones.
    std::vector<int> busy{0};
    HttpClientConfig config;
    Redactor redactor;
    std::shared_ptr<CallLogWriter> writer;
    std::shared_ptr<Clock> clock;
    RetryPolicy retry;
    std::shared_ptr<TokenBucket> bucket;
    std::shared_ptr<CircuitBreaker> breaker;
    InFlightLimiter inFlight;
    QList<QSslCertificate> extraCas;
    CallObserver observer;
    /// Set by the destructor: unfinished sends end without another request or observer call.
    bool closed = false;
    /// The replies of this client's requests in flight, for the destructor to abort.
    QList<QPointer<QNetworkReply>> replies;

    Private(QNetworkAccessManager *manager_, HttpClientConfig config_, Redactor redactor_,
            std::shared_ptr<CallLogWriter> writer_, std::shared_ptr<Clock> clock_)
        : manager(manager_)
        , config(std::move(config_))
        , redactor(std::move(redactor_))
        , writer(std::move(writer_))
        , clock(std::move(clock_))
        , retry(this->config.retry)
        , inFlight(this->config.maxInFlight)
    {}

    QNetworkRequest buildRequest(const HttpRequest &request) const;
    /// The index of the manager with the fewest requests in flight (the injected one first on a tie).
    std::size_t idlestManager() const { return std::size_t(std::min_element(busy.begin(), busy.end()) - busy.begin()); }
    QNetworkAccessManager *managerAt(std::size_t index) const
    {
        return index == 0 ? manager : extraManagers[index - 1].get();
    }
    void record(CallExchange exchange) const;
    static void markCancelled(HttpResponse &response);
};

HttpClient::HttpClient(QNetworkAccessManager *manager, HttpClientConfig config, Redactor redactor,
                       std::shared_ptr<CallLogWriter> writer, std::shared_ptr<Clock> clock)
    : d(std::make_shared<Private>(manager, std::move(config), std::move(redactor), std::move(writer), std::move(clock)))
{
    // The shared limiter and breaker are keyed by service, so every client of one service in this process counts
    // against the same limit; a client without a key gets private ones.
    if (d->config.serviceKey.isEmpty()) {
        d->bucket = std::make_shared<TokenBucket>(d->config.ratePerSecond, d->config.burst, d->clock);
        d->breaker = std::make_shared<CircuitBreaker>(d->config.breaker, d->clock->now());
    } else {
        d->bucket =
            RateLimiterRegistry::instance().limiter(d->config.serviceKey, d->config.ratePerSecond, d->config.burst);
        d->breaker = CircuitBreakerRegistry::instance().breaker(d->config.serviceKey, d->config.breaker);
    }
    // Qt opens at most six HTTP/1.1 connections to one host per QNetworkAccessManager and queues the rest, so
    // `max_in_flight` above six would silently stay at six. The client then adds managers of its own, one per six
    // requests in flight, with the injected manager's proxy. Only for a plain QNetworkAccessManager: a subclass
    // (a test's fake network, a manager that rewrites requests) gets every request itself.
    if (manager != nullptr && manager->metaObject() == &QNetworkAccessManager::staticMetaObject) {
        const int managers = (d->config.maxInFlight + connectionsPerManager - 1) / connectionsPerManager;
        for (int i = 1; i < managers; ++i) {
            auto extra = std::make_unique<QNetworkAccessManager>();
            extra->setProxy(manager->proxy());
            extra->setStrictTransportSecurityEnabled(manager->isStrictTransportSecurityEnabled());
            d->extraManagers.push_back(std::move(extra));
            d->busy.push_back(0);
        }
    }
    if (!d->config.caFile.isEmpty()) {
        d->extraCas = QSslCertificate::fromPath(d->config.caFile, QSsl::Pem);
        if (d->extraCas.isEmpty()) {
            qCWarning(lcNet) << "no certificate could be read from the CA file" << d->config.caFile;
        }
    }
}

HttpClient::~HttpClient()
{
    // Unfinished sends hold `d` and may resume after this (a dropped task keeps its coroutine alive in QCoro 0.8):
    // from now on they end without touching the network manager or the observer, which may go with this client.
    d->closed = true;
    d->observer = {};
    const QList<QPointer<QNetworkReply>> replies = std::exchange(d->replies, {});
    for (const QPointer<QNetworkReply> &reply : replies) {
        if (reply && !reply->isFinished()) {
            reply->abort(); // Its send() resumes here, records the attempt and completes.
        }
    }
    // No send() uses a manager any more (they all check `closed`); the client's own go with it.
    d->extraManagers.clear();
}

const HttpClientConfig &HttpClient::config() const
{
    return d->config;
}

const Redactor &HttpClient::redactor() const
{
    return d->redactor;
}

CircuitSnapshot HttpClient::circuit() const
{
    return d->breaker->snapshot();
}

int HttpClient::inFlight() const
{
    return d->inFlight.inFlight();
}

void HttpClient::setCallObserver(CallObserver observer)
{
    d->observer = std::move(observer);
}

Status HttpClient::checkCaFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::invalid(QStringLiteral("ca_file"),
                              tr("The CA file %1 cannot be read: %2.").arg(path, file.errorString()),
                              tr("Give the path of a PEM file with the certificates to trust, readable by the user "
                                 "that runs the console."));
    }
    if (QSslCertificate::fromData(file.readAll(), QSsl::Pem).isEmpty()) {
        return Error::invalid(QStringLiteral("ca_file"), tr("The CA file %1 holds no PEM certificate.").arg(path),
                              tr("The file must contain one or more \"-----BEGIN CERTIFICATE-----\" blocks."));
    }
    return {};
}

void HttpClient::useSystemProxySettings()
{
    // Qt takes ownership of the factory.
    QNetworkProxyFactory::setApplicationProxyFactory(new LoopbackAwareProxyFactory);
}

QNetworkRequest HttpClient::Private::buildRequest(const HttpRequest &request) const
{
    QNetworkRequest networkRequest(request.url);
    networkRequest.setTransferTimeout(int(config.timeout.count()));
    // Redirects to another scheme or host would carry the access token elsewhere; the providers we call never
    // redirect their APIs.
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : request.headers) {
        networkRequest.setRawHeader(name, value);
    }
    if (!request.body.isEmpty() && !networkRequest.hasRawHeader("Content-Type")) {
        networkRequest.setRawHeader("Content-Type", request.contentType);
    }
    if (!extraCas.isEmpty() && request.url.scheme() == u"https") {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(extraCas);
        networkRequest.setSslConfiguration(ssl);
    }
    return networkRequest;
}

void HttpClient::Private::markCancelled(HttpResponse &response)
{
    response.cancelled = true;
    response.outcomeClass = OutcomeClass::Permanent;
    response.transportError = tr("The call was cancelled: its client was closed.");
}

void HttpClient::Private::record(CallExchange exchange) const
{
    if (!observer) {
        // The usual case: the writer's thread redacts, so a sync's thread only hands the exchange over.
        if (writer) {
            writer->append(redactor, std::move(exchange));
        }
        return;
    }
    db::CallLogRecord record = redactedRecord(redactor, exchange);
    observer(record);
    if (writer) {
        writer->append(std::move(record));
    }
}

QCoro::Task<HttpResponse> HttpClient::send(HttpRequest request)
{
    // The state, not the client: this frame may outlive the client (see the class comment), and checks `closed`
    // whenever it wakes.
    const std::shared_ptr<Private> p = d;
    const TimePoint started = p->clock->now();
    HttpResponse response;
    response.correlationId = request.correlationId.isEmpty() ? newCorrelationId() : request.correlationId;

    for (int attempt = 0;; ++attempt) {
        if (p->closed) {
            Private::markCancelled(response);
            break;
        }
        if (!p->breaker->allowRequest(p->clock->now())) {
            response.circuitOpen = true;
            response.retryAfter = p->breaker->retryAfter(p->clock->now());
            response.outcomeClass = OutcomeClass::Transient;
            response.transportError = tr("Calls to this service are paused after repeated failures; the next try "
                                         "is in %n second(s).",
                                         nullptr, int((response.retryAfter.count() + 999) / 1000));
            break;
        }

        InFlightLimiter::Permit slot = co_await p->inFlight.acquire();
        if (!p->closed) {
            co_await p->bucket->acquire();
        }
        if (p->closed) {
            Private::markCancelled(response);
            break;
        }

        CallExchange exchange;
        exchange.tenantId = p->config.tenantId;
        exchange.serviceId = p->config.serviceId;
        exchange.serviceType = p->config.serviceType;
        exchange.method = request.method;
        exchange.url = request.url;
        exchange.correlationId = response.correlationId;
        exchange.runId = request.runId;
        exchange.attempt = request.firstAttempt + attempt;
        exchange.requestHeaders = request.headers;
        if (!request.body.isEmpty()) {
            exchange.requestHeaders.append({QByteArrayLiteral("Content-Type"), request.contentType});
        }
        exchange.requestBody = request.body;
        exchange.requestAt = QDateTime::currentDateTimeUtc();

        const QNetworkRequest networkRequest = p->buildRequest(request);
        const std::size_t managerIndex = p->idlestManager();
        QNetworkAccessManager *manager = p->managerAt(managerIndex);
        ReplyPtr reply;
        if (request.method == "GET") {
            reply.reset(manager->get(networkRequest));
        } else if (request.method == "POST") {
            reply.reset(manager->post(networkRequest, request.body));
        } else {
            reply.reset(manager->sendCustomRequest(networkRequest, request.method, request.body));
        }
        p->replies.append(reply.get());
        ++p->busy[managerIndex];
        co_await reply.get();
        --p->busy[managerIndex];
        p->replies.removeIf([&reply](const QPointer<QNetworkReply> &r) { return r.isNull() || r == reply.get(); });
        exchange.responseAt = QDateTime::currentDateTimeUtc();
        slot.release();

        const QNetworkReply::NetworkError error = reply->error();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        response.body = reply->isOpen() ? reply->readAll() : QByteArray();
        response.headers = reply->rawHeaderPairs();
        response.httpStatus = status.isValid() ? std::optional<int>(status.toInt()) : std::nullopt;
        response.attempts = attempt + 1;
        response.transportError.clear();
        response.json = {};

        CallOutcome outcome;
        if (!response.httpStatus || isTransportLevel(error)) {
            outcome = CallOutcome::transportError(transportKind(error));
            response.transportError = p->redactor.redactText(reply->errorString());
        } else {
            outcome = CallOutcome::http(*response.httpStatus);
            outcome.retryAfter = retryAfter(response.headers);
            if (*response.httpStatus < 200 || *response.httpStatus > 299) {
                // The reason phrase is the server's (or a proxy's) text: redacted like any other.
                const QString reason =
                    QString::fromLatin1(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
                response.transportError = p->redactor.redactText(
                    QString(u"HTTP " + QString::number(*response.httpStatus) + u' ' + reason).trimmed());
            }
            if (*response.httpStatus >= 200 && *response.httpStatus <= 299 && p->config.errcodeReader) {
                BodyVerdict verdict;
                if (response.body.size() >= offThreadBodyBytes) {
                    // Everything is read from the reply; it goes now, because a client destroyed while this waits
                    // deletes its managers and their replies with them.
                    reply.reset();
                    auto read = [reader = p->config.errcodeReader, body = response.body]() { return reader(body); };
                    verdict = co_await offThread(std::move(read));
                } else {
                    verdict = p->config.errcodeReader(response.body);
                }
                if (!verdict.wellFormed) {
                    outcome = CallOutcome::transportError(TransportError::MalformedBody);
                    outcome.httpStatus = *response.httpStatus;
                    response.transportError = tr("The answer is not in the expected format (%n byte(s)).", nullptr,
                                                 int(std::min<qsizetype>(response.body.size(), INT_MAX)));
                }
                outcome.apiErrcode = verdict.errcode;
                response.json = verdict.object;
            }
        }
        response.outcome = outcome;
        RetryDecision decision = request.retry ? p->retry.decide(outcome, attempt)
                                               : RetryDecision{false, milliseconds(0), classify(outcome)};
        response.outcomeClass = decision.outcomeClass;

        if (p->closed) {
            // Aborted by the destructor: says nothing about the service.
            decision = RetryDecision{false, milliseconds(0), OutcomeClass::Permanent};
            Private::markCancelled(response);
        } else if (isServiceFailure(outcome)) {
            p->breaker->recordFailure(p->clock->now());
        } else {
            p->breaker->recordSuccess(p->clock->now());
        }

        exchange.responseHeaders = response.headers;
        exchange.responseBody = response.body;
        exchange.httpStatus = response.httpStatus;
        exchange.apiErrcode = outcome.apiErrcode ? QString::number(*outcome.apiErrcode) : QString();
        exchange.success = decision.outcomeClass == OutcomeClass::Success;
        exchange.error = response.transportError;
        const int attemptNumber = exchange.attempt;
        p->record(std::move(exchange));

        if (!decision.retry) {
            break;
        }
        qCDebug(lcNet) << "retrying" << p->redactor.redactUrl(request.url) << "attempt" << attemptNumber + 1 << "in"
                       << decision.delay.count() << "ms";
        reply.reset();
        co_await p->clock->sleepFor(decision.delay);
    }
    response.elapsed = std::chrono::duration_cast<milliseconds>(p->clock->now() - started);
    co_return response;
}

} // namespace ic::net
