#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>
#include <QUrl>

#include <memory>
#include <utility>

namespace ic::net {

/// Removes secrets and personal data from what the call log stores: URLs, headers, bodies and error texts.
///
/// What is removed:
///  - Values of fields with a secret name (see isSecretName()) become "***": URL query parameters, form fields,
///    headers, JSON object members at any depth (the member stays, its value of any type becomes the string
///    "***"), and `name=value`, `name: value` and `"name": value` pairs in free text (which also covers JSON that
///    does not parse). The user-info password of a URL becomes "***" too.
///  - Every registered secret value (addSecretValue()) is replaced by "***" wherever it appears, also in its
///    percent-encoded forms (upper- and lower-case hex, `+` for space, and the mixed forms QUrl writes into a
///    query value, a path and a fragment) and JSON-escaped forms (with and without `\/`, with non-ASCII characters
///    raw or as `\uXXXX`). In a query string or form body they are removed before it is split into pairs, so a
///    value holding `&` or `=` goes whole. Occurrences that overlap or touch become one "***", so a value that
///    contains or overlaps another registered value is removed whole.
///  - Chinese mobile numbers (`1[3-9]` and nine more digits, optionally preceded by `+86`, `0086` or `86` and
///    optionally written 3-4-4 with spaces or hyphens, not part of a longer run of digits) keep their first three
///    and last four digits: `13812345678` becomes `138****5678`. Any 11-digit number of that shape is masked,
///    also when it is an identifier.
///  - E-mail addresses keep the first character of the local part and the domain: `alice@example.com` becomes
///    `a***@example.com`.
/// JSON numbers are left as they are (a mobile number sent as a JSON number is not masked); JSON string values
/// and member names are redacted as text.
///
/// Thread-safe: every function may be called from any thread at the same time. Copies are cheap and share the
/// registered secret values: a value added through one copy is removed by all of them.
class Redactor {
public:
    using Header = std::pair<QByteArray, QByteArray>;
    using Headers = QList<Header>;

    /// What replaces a removed value.
    static constexpr QLatin1StringView Mask{"***"};

    Redactor();

    /// Registers a secret value (a corp secret, an access token, a password) to be removed from everything this
    /// Redactor (and its copies) redacts from now on. Empty values are ignored.
    void addSecretValue(const QString &value);

    /// Whether a field, parameter or header called `name` holds a secret. The name is compared after folding it
    /// to lower case and dropping `-`, `_`, `.` and spaces: it is secret when it equals one of corpsecret,
    /// accesstoken, secret, password, passwd, pwd, sign, signature, key, encodingaeskey, or contains one of
    /// secret, password, passwd, token, apikey, accesskey, privatekey, aeskey, authorization, cookie,
    /// credential. So `access_token`, `CorpSecret`, `X-Api-Key`, `Set-Cookie`, `refresh_token` and `db.password`
    /// are secret; `keyword` and `signup` are not.
    static bool isSecretName(QStringView name);
    static bool isSecretName(QByteArrayView name);

    /// The URL as text (fully encoded), with secret query parameters, the user-info password, registered secret
    /// values, mobile numbers and e-mail addresses removed or masked.
    QString redactUrl(const QUrl &url) const;

    /// The headers in the same order; a header with a secret name (Authorization, Cookie, Set-Cookie, X-Api-Key,
    /// ...) keeps its name and gets the value "***"; other values are redacted as text.
    Headers redactHeaders(const Headers &headers) const;

    /// A request or response body. `contentType` chooses the parser: JSON (`application/json`, `*+json`, or a body
    /// that starts with `{` or `[`) is redacted member by member in one pass that keeps its formatting and member
    /// order (a string is rewritten, minimally escaped, only when something in it was masked); when it does not
    /// parse, or nests deeper than 256 levels, it is redacted as text. Form bodies
    /// (`application/x-www-form-urlencoded`) field by field. Anything else as UTF-8 text (bytes that are not UTF-8 pass
    /// through unchanged unless they are part of a match).
    QByteArray redactBody(const QByteArray &body, const QByteArray &contentType = {}) const;

    /// Free text (error messages, log lines).
    QString redactText(const QString &text) const;
    /// The same on UTF-8 bytes.
    QByteArray redactUtf8(const QByteArray &text) const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace ic::net
