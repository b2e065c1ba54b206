#pragma once

#include <chrono>
#include <optional>

namespace ic::net {

/// Why a call produced no HTTP answer. The client maps QNetworkReply errors onto these kinds.
enum class TransportError {
    None,       ///< An HTTP answer arrived (its status and body decide the outcome).
    Timeout,    ///< The call ran out of time (connect or read).
    Connection, ///< Refused, reset, closed early, or the host/network unreachable.
    Dns,        ///< The host name could not be resolved (Qt does not tell a temporary failure from a permanent one).
    Tls,        ///< The TLS handshake or certificate check failed.
    Other,      ///< Any other transport failure (protocol error, proxy refused, ...).
    /// An answer arrived but its body is not what the protocol promises (not JSON, cut short). Almost always a
    /// transfer broken on the way or a failing gateway, so it is retried like a dropped connection.
    MalformedBody,
};

/// What one call to a third party ended with, as far as the call policies need to know.
struct CallOutcome {
    TransportError transport = TransportError::None;
    int httpStatus = 0;            ///< 0 when no HTTP answer arrived.
    std::optional<int> apiErrcode; ///< The provider's own code (WeCom `errcode`) when the body carried one.
    std::optional<std::chrono::milliseconds> retryAfter; ///< A `Retry-After` the provider sent, if any.

    static CallOutcome transportError(TransportError kind) { return CallOutcome{kind, 0, std::nullopt, std::nullopt}; }
    static CallOutcome http(int status, std::optional<int> errcode = std::nullopt)
    {
        return CallOutcome{TransportError::None, status, errcode, std::nullopt};
    }
};

/// How the policies see an outcome.
enum class OutcomeClass {
    Success,      ///< 2xx and no errcode, or errcode 0.
    Transient,    ///< Worth retrying after a backoff: timeouts, connection and DNS failures, 5xx, WeCom -1.
    RateLimited,  ///< The provider says "too many": HTTP 429, WeCom 45009 and 45033; retry after a longer wait.
    TokenInvalid, ///< WeCom 40014 / 42001: the access token is invalid or expired. The connector refreshes the
                  ///< token and repeats the call once; the retry policy does not retry these.
    Permanent,    ///< Retrying cannot help: TLS failures, other 4xx, credential, permission, IP-whitelist and
                  ///< data errors, and every errcode not listed above.
};

/// The WeCom errcodes the policies name (see reference/wecom-api.md §2.2 and §6.1).
namespace wecom {
inline constexpr int SystemBusy = -1;                  ///< 系统繁忙: retry, at most three times.
inline constexpr int InvalidSecret = 40001;            ///< Wrong secret (gettoken): configuration error.
inline constexpr int InvalidCorpId = 40013;            ///< Wrong CorpID: configuration error.
inline constexpr int InvalidAccessToken = 40014;       ///< Token invalid (also seen for expired tokens).
inline constexpr int SecretNotForCorp = 40091;         ///< Invalid secret, possibly another corp's (gettoken).
inline constexpr int SecretMissing = 41004;            ///< corpsecret missing (gettoken).
inline constexpr int AccessTokenExpired = 42001;       ///< Token expired.
inline constexpr int FrequencyLimited = 45009;         ///< Call frequency over the limit: blocked for the window.
inline constexpr int ConcurrencyLimited = 45033;       ///< Too many concurrent calls.
inline constexpr int ApiForbidden = 48002;             ///< The app or secret may not call this API.
inline constexpr int ApiForbiddenForAssistant = 48009; ///< Forbidden for the contact assistant.
inline constexpr int NoPermissionForTarget = 60011;    ///< Member/department/tag outside the app's range.
inline constexpr int IpNotWhitelisted = 60020;         ///< The caller's IP is not in the app's trusted IPs.
inline constexpr int NotExternalContact = 84061;       ///< No external-contact relation.
} // namespace wecom

/// Classifies an outcome. A transport error decides on its own; otherwise the HTTP status (5xx, 429, other 4xx)
/// comes before the errcode, which only counts on a 2xx answer.
OutcomeClass classify(const CallOutcome &outcome);

/// Whether the outcome says the service itself is unwell, which is what a circuit breaker counts: any transport
/// error, HTTP 5xx, and WeCom -1. Rate limiting, credential and permission errors and other 4xx are answers from a
/// working service (a wrong secret is not an outage) and do not count.
bool isServiceFailure(const CallOutcome &outcome);

} // namespace ic::net
