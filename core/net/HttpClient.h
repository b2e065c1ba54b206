#pragma once

#include "common/Result.h"
#include "net/CallLogWriter.h"
#include "net/Redactor.h"
#include "net/policy/CallOutcome.h"
#include "net/policy/CircuitBreaker.h"
#include "net/policy/Clock.h"
#include "net/policy/InFlightLimiter.h"
#include "net/policy/RetryPolicy.h"
#include "net/policy/TokenBucket.h"

#include <QCoreApplication>
#include <QCoro/QCoroTask>
#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace ic::db {
struct ServiceConfigRecord;
}

namespace ic::net {

/// What a provider-specific reader found in a 2xx response body.
struct BodyVerdict {
    bool wellFormed = true;     ///< False: the body is not what the protocol promises (TransportError::MalformedBody).
    std::optional<int> errcode; ///< The provider's own result code (WeCom: `errcode`), when the body carries one.
    /// The body parsed, when the reader parsed it: handed on in HttpResponse::json so it is parsed only once.
    QJsonObject object;
};

/// Reads a 2xx response body for the policies (WeCom: is it a JSON object, and its `errcode`). A body of
/// offThreadBodyBytes or more is read on a pool thread (parsing a page of records takes long enough to hold up the
/// other answers in flight), so a reader must be thread-safe: a plain function of the body.
using ErrcodeReader = std::function<BodyVerdict(const QByteArray &body)>;

/// The body size from which HttpClient runs the ErrcodeReader on a pool thread. Smaller bodies parse in a fraction of
/// a millisecond and stay on the caller's thread.
inline constexpr qsizetype offThreadBodyBytes = 16 * 1024;

/// How one service is called: who it is (for the call log and for sharing limits) and its call policies.
struct HttpClientConfig {
    /// Identifies the service across the process: every client with the same key shares one rate limiter and one
    /// circuit breaker, because the provider counts all of this service's calls together. serviceKey() builds it.
    QString serviceKey;
    QString tenantId;
    std::optional<qint64> serviceId;
    QString serviceType;

    /// The whole of one attempt: connecting, sending, and receiving the last byte (QNetworkRequest's transfer
    /// timeout, which Qt restarts whenever data moves; a stalled answer is cut after this long without progress).
    std::chrono::milliseconds timeout{30000};
    RetryConfig retry;
    double ratePerSecond = DefaultRatePerSecond;
    int burst = DefaultBurst;
    CircuitBreakerConfig breaker;
    int maxInFlight = DefaultMaxInFlight;
    /// Extra trusted CA certificates (PEM), added to the system's for this service only; empty: none. Verification
    /// itself can never be turned off.
    QString caFile;
    /// Reads the provider's result code; empty: HTTP status only.
    ErrcodeReader errcodeReader;

    /// "<tenant>/<service uid>": the key for a configured service.
    static QString keyFor(const QString &tenantId, const QString &serviceUid);

    /// The policies of a configured service: its timeout_ms column, and the JSON columns
    ///  - retry_policy: {"max_attempts", "base_delay_ms", "max_delay_ms", "rate_limit_floor_ms",
    ///                   "breaker_failures", "breaker_cooldown_ms"}
    ///  - rate_limit:   {"per_second", "burst", "max_in_flight"}
    /// and the `ca_file` setting. Missing members keep the defaults above; a member of the wrong type or out of range
    /// is an InvalidInput error naming it, so a bad configuration is reported instead of silently replaced.
    static Result<HttpClientConfig> fromService(const db::ServiceConfigRecord &service);
};

/// One outbound request.
struct HttpRequest {
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    Redactor::Headers headers;
    QByteArray body;
    /// Sent as Content-Type when the body is not empty; JSON unless said otherwise.
    QByteArray contentType = QByteArrayLiteral("application/json");
    QString correlationId; ///< Groups the calls of one operation in the call log; empty: a fresh one per send().
    std::optional<qint64> runId;
    /// The call-log attempt number of the first try (a caller that repeats a call itself, after refreshing a
    /// token, continues the numbering).
    int firstAttempt = 1;
    /// Whether failed attempts are retried by the retry policy. Off for calls whose repetition the caller decides.
    bool retry = true;
};

/// How a send() ended: the last attempt's answer and what the policies made of it.
struct HttpResponse {
    CallOutcome outcome; ///< Of the last attempt.
    OutcomeClass outcomeClass = OutcomeClass::Permanent;
    int attempts = 0;                        ///< Attempts made (0 when refused before any).
    bool circuitOpen = false;                ///< Refused without calling: the service's circuit is open.
    std::chrono::milliseconds retryAfter{0}; ///< With circuitOpen: when the next probe will be allowed.
    std::optional<int> httpStatus;           ///< Of the last attempt, when an answer arrived.
    QByteArray body;                         ///< Of the last attempt.
    QJsonObject json;          ///< The body as parsed by the config's ErrcodeReader (2xx answers only); else empty.
    Redactor::Headers headers; ///< Of the last attempt.
    QString transportError;    ///< Qt's description of a transport failure, redacted.
    std::chrono::milliseconds elapsed{0}; ///< From send() to the end, waits included.
    QString correlationId;                ///< The one used (given or generated).
    /// The client was destroyed before the call ended: its request in flight, if any, was aborted and nothing more
    /// was sent. outcomeClass is Permanent and transportError says so.
    bool cancelled = false;

    bool isSuccess() const { return outcomeClass == OutcomeClass::Success; }
};

/// The outbound HTTP client every third-party call goes through.
///
/// For each attempt, in this order: the circuit breaker (an open circuit refuses at once), a slot among the service's
/// `maxInFlight` (waiting without blocking), a permit from the service's token bucket (shared process-wide by
/// serviceKey), then the request on the injected QNetworkAccessManager with the transfer timeout. The outcome is
/// classified (CallOutcome.h); transport errors, 5xx, WeCom -1 and rate limits are retried by the RetryPolicy with
/// full-jitter backoff (the slot is given back while waiting); nothing else is. Every attempt writes one call-log
/// row, redacted by the Redactor: the URL without secret parameters, headers, bodies, timings, HTTP status, errcode.
///
/// Coroutines only: no blocking wait and no nested event loop anywhere. A client belongs to the thread that created
/// it (like its network manager); the rate limiter and circuit breaker it shares are thread-safe, the in-flight bound
/// is per client.
///
/// Dropping the task of a send() does not stop the call: QCoro 0.8 keeps a suspended coroutine alive, so the call
/// runs to its end, retries included, and its result is discarded. What stops calls is destroying the client: every
/// request of it still in flight is aborted inside the destructor, whose send() then completes there (its awaiting
/// coroutine, if any, resumes inside the destructor too); a send() waiting for a slot, a permit or a retry completes
/// when it wakes, without sending. Each completes with HttpResponse::cancelled set, and none of them calls the
/// observer again or uses the network manager after the destructor. The call-log writer still gets the aborted
/// attempt's row.
///
/// TLS certificates are always verified; caFile only adds trusted roots. Proxies come from the network manager,
/// which follows the system settings once useSystemProxySettings() has been called (the applications do at start).
class HttpClient {
    Q_DECLARE_TR_FUNCTIONS(ic::net::HttpClient)

public:
    /// Observes every call-log record after redaction (in the calling thread), e.g. to count calls.
    using CallObserver = std::function<void(const db::CallLogRecord &record)>;

    /// `manager` must outlive the client. `writer` may be null: no call-log rows are written then (the observer
    /// still sees them). `clock` drives backoff waits and the rate limiter's time.
    HttpClient(QNetworkAccessManager *manager, HttpClientConfig config, Redactor redactor,
               std::shared_ptr<CallLogWriter> writer, std::shared_ptr<Clock> clock = Clock::steady());
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    /// Sends `request` with the policies above and completes with the last attempt's answer. Never throws; every
    /// failure is in the response.
    QCoro::Task<HttpResponse> send(HttpRequest request);

    const HttpClientConfig &config() const;
    /// The redactor of this client's call log; register secret values (secrets, tokens) with it before using them.
    const Redactor &redactor() const;
    /// The service's circuit breaker state now.
    CircuitSnapshot circuit() const;
    /// Requests of this client in flight now.
    int inFlight() const;

    void setCallObserver(CallObserver observer);

    /// Why the extra CA file of `config` cannot be used (unreadable, no certificate in it), or an empty Status.
    static Status checkCaFile(const QString &path);

    /// Makes Qt take proxies from the system settings (environment variables on Linux, the system configuration on
    /// Windows and macOS). Loopback addresses are never proxied.
    static void useSystemProxySettings();

private:
    struct Private;
    /// Shared with every unfinished send(), which may outlive the client (see the class comment).
    std::shared_ptr<Private> d;
};

/// The process-wide circuit breaker of each service key, shared like the rate limiters (RateLimiterRegistry).
class CircuitBreakerRegistry {
public:
    static CircuitBreakerRegistry &instance();

    /// The breaker of `serviceKey`, created with `config` on first use.
    std::shared_ptr<CircuitBreaker> breaker(const QString &serviceKey, const CircuitBreakerConfig &config = {});
    /// Forgets every breaker (holders keep theirs). For reconfiguration and tests.
    void clear();

private:
    std::mutex m_mutex;
    QHash<QString, std::shared_ptr<CircuitBreaker>> m_breakers;
};

} // namespace ic::net
