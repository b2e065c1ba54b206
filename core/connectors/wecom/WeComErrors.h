#pragma once

// WeCom errcodes (reference/wecom-api.md §1, §2.2, §6.1, §10) as the product's errors, with what to do about them.

#include "WeComModels.h"

#include "common/Error.h"

#include <QList>
#include <QString>

#include <optional>

namespace ic::connectors::wecom {

/// The error for a WeCom answer with a non-zero `errcode`, from a call to `endpoint` (a path below /cgi-bin/ or a
/// URL: only its path is used, see endpointPath()) made with a token of `kind` (std::nullopt when unknown).
///
/// - `message` (translated) says what happened and names the API; `hint` (translated) says what to do, naming the
///   place in the WeCom admin console where it helps; every known code has both. `detail` is
///   "errcode N: <errmsg>", with `errmsg` as given: the caller redacts it first. Nothing else of the call (query,
///   token, secret) reaches the error.
/// - The texts describe what remains after the connector's own handling: the retry policy has retried -1, 45009
///   and 45033, and the token was refreshed once on a token error (isTokenInvalid()).
/// - `code`, by who has to act:
///   - Credential: the corp ID, a secret or the token was refused (40001, 40013, 40091, 41002, 41004, 40014,
///     42001, and 40082/42009, third-party suite tokens that this console never uses).
///   - Configuration: the credentials are fine but WeCom's settings forbid the call: the secret kind may not call
///     the API (48002), the machine's IP is not trusted (60020, 48009), the target is outside the app's visible
///     range (60011), the app lacks customer-contact permission (84074), the agent ID does not fit (40056,
///     301002). The command line maps Credential and Configuration to exit code 4.
///   - NotFound: the member, department, customer or group chat named does not exist (any more): 40003, 46004,
///     60111, 60003, 60123, 40096, 40050, and 84061 (no customer relation; see isNoCustomers()).
///   - InvalidInput: what the user asked to send is refused (44004, 45002, 81013).
///   - Internal: the request itself was malformed, a fault of the console or of something between it and WeCom
///     (41001, 40063, 47001).
///   - Provider: everything else, including WeCom being busy (-1), rate limits (45009, 45033), conflicts (6000),
///     refused parameters (40058, which also means a stale cursor) and every unknown code. An errcode is an
///     answer, so none maps to Network (transport failures are the HTTP client's).
/// - `retryable`: -1, 45009, 45033, 6000, and the token errors of isTokenInvalid() (a new run fetches a new
///   token).
/// - An unknown code gives a generic message with the code and errmsg, and a hint pointing to WeCom's errcode
///   lookup page. errcode 0 is not an error; do not call this for it.
Error weComError(int errcode, const QString &errmsg, const QString &endpoint, std::optional<SecretKind> kind);

/// Whether the token should be dropped and the call repeated once with a new one (wecom-api.md §2.2): 40014
/// (invalid; also what expired tokens get in practice) and 42001 (expired) always; 40001 only from a business API,
/// where SDKs see it for a token the corp no longer accepts. From gettoken (or an empty `endpoint`) 40001 means a
/// wrong secret: never refresh there, or a wrong secret becomes a loop. 40082/42009 concern third-party suite tokens,
/// which a new corp token cannot fix, so they are not included.
bool isTokenInvalid(int errcode, const QString &endpoint);

/// 45009 (frequency limit: the API is blocked for the window) and 45033 (too many concurrent calls).
bool isRateLimited(int errcode);

/// The configured corp ID or secret is wrong or missing, or the token is of a kind this console does not use
/// (40001, 40013, 40091, 41002, 41004, 40082, 42009): retrying or refreshing cannot help, the administrator has
/// to fix the configuration. 40001 from a business API is refreshed once first (isTokenInvalid()); if the
/// refreshed call gets it again, it is this.
bool isCredentialError(int errcode);

/// 84061 "not external contact": the member has no customers. externalcontact/list and batch/get_by_user answer
/// it instead of an empty list; a sync counts it as "no customers", not as a failure. (batch/get_by_user may
/// reportedly send it with a partial list, wecom-api.md §4.4: parse the body when it has one.)
bool isNoCustomers(int errcode);

/// The errcodes weComError() has a specific message and hint for, in ascending order.
QList<int> knownErrcodes();

} // namespace ic::connectors::wecom
