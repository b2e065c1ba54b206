#include "Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QReadWriteLock>
#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <string_view>

namespace ic::net {

namespace {

constexpr char maskBytes[] = "***";

constexpr std::string_view exactSecretNames[] = {
    "corpsecret", "accesstoken", "secret", "password", "passwd", "pwd", "sign", "signature", "key", "encodingaeskey"};
constexpr std::string_view secretNameParts[] = {"secret",        "password",  "passwd",     "token",
                                                "apikey",        "accesskey", "privatekey", "aeskey",
                                                "authorization", "cookie",    "credential"};

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Characters of a field name in free text (`access_token=`, `"db.password":`, `X-Api-Key:`).
bool isNameChar(char c)
{
    return isAsciiLetter(c) || isAsciiDigit(c) || c == '_' || c == '-' || c == '.';
}

/// Characters of an e-mail local part; '*' is not one, so a masked address is not masked again.
bool isLocalPartChar(char c)
{
    return isAsciiLetter(c) || isAsciiDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool isDomainLabelChar(char c)
{
    return isAsciiLetter(c) || isAsciiDigit(c) || c == '-';
}

/// The name folded for isSecretName(): lower case without '-', '_', '.' and spaces. `Char` is char or QChar.
template<typename Char>
bool isSecretNameImpl(const Char *data, qsizetype size)
{
    QVarLengthArray<char, 64> folded;
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = char16_t(data[i].unicode());
        if (c == u'-' || c == u'_' || c == u'.' || c == u' ') {
            continue;
        }
        if (c >= u'A' && c <= u'Z') {
            folded.append(char(c - u'A' + u'a'));
        } else if (c < 0x80) {
            folded.append(char(c));
        } else {
            folded.append('\x7f'); // a non-ASCII character never completes one of the ASCII names
        }
    }
    const std::string_view name(folded.constData(), size_t(folded.size()));
    if (name.empty()) {
        return false;
    }
    for (std::string_view exact : exactSecretNames) {
        if (name == exact) {
            return true;
        }
    }
    for (std::string_view part : secretNameParts) {
        if (name.find(part) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

/// Adapts char to the QChar-like interface isSecretNameImpl() uses.
struct Latin1Unit {
    char c;
    char16_t unicode() const { return char16_t(uchar(c)); }
};

bool isSecretNameBytes(const char *data, qsizetype size)
{
    QVarLengthArray<Latin1Unit, 64> units;
    units.reserve(size);
    for (qsizetype i = 0; i < size; ++i) {
        units.append(Latin1Unit{data[i]});
    }
    return isSecretNameImpl(units.constData(), units.size());
}

QByteArray lowerHexEscapes(QByteArray encoded)
{
    for (qsizetype i = 0; i + 2 < encoded.size(); ++i) {
        if (encoded[i] == '%') {
            encoded[i + 1] = char(QChar::toLower(uint(uchar(encoded[i + 1]))));
            encoded[i + 2] = char(QChar::toLower(uint(uchar(encoded[i + 2]))));
            i += 2;
        }
    }
    return encoded;
}

enum class UnicodeEscape { Raw, Lower, Upper };

/// `value` as it appears between the quotes of a JSON string written by one serializer or another.
QByteArray jsonEscaped(const QString &value, bool escapeSlash, UnicodeEscape unicode)
{
    static constexpr char lowerDigits[] = "0123456789abcdef";
    static constexpr char upperDigits[] = "0123456789ABCDEF";
    const char *digits = unicode == UnicodeEscape::Upper ? upperDigits : lowerDigits;
    QByteArray out;
    auto appendUnit = [&](char16_t unit) {
        out += "\\u";
        out += digits[(unit >> 12) & 0xf];
        out += digits[(unit >> 8) & 0xf];
        out += digits[(unit >> 4) & 0xf];
        out += digits[unit & 0xf];
    };
    auto appendAscii = [&](char16_t c) {
        switch (c) {
        case u'"':
            out += "\\\"";
            return;
        case u'\\':
            out += "\\\\";
            return;
        case u'\n':
            out += "\\n";
            return;
        case u'\r':
            out += "\\r";
            return;
        case u'\t':
            out += "\\t";
            return;
        case u'\b':
            out += "\\b";
            return;
        case u'\f':
            out += "\\f";
            return;
        case u'/':
            out += escapeSlash ? "\\/" : "/";
            return;
        default:
            break;
        }
        if (c < 0x20) {
            appendUnit(c);
        } else {
            out += char(c);
        }
    };
    if (unicode == UnicodeEscape::Raw) {
        // Non-ASCII characters stay UTF-8 bytes; only ASCII ones are ever escaped.
        const QByteArray utf8 = value.toUtf8();
        for (char c : utf8) {
            if (uchar(c) < 0x80) {
                appendAscii(char16_t(c));
            } else {
                out += c;
            }
        }
        return out;
    }
    for (QChar c : value) {
        if (c.unicode() < 0x80) {
            appendAscii(c.unicode());
        } else {
            appendUnit(c.unicode()); // surrogate pairs become two escapes, as JSON writes them
        }
    }
    return out;
}

/// Every form in which `value` may appear in a URL, a form body, a JSON text or plain text.
QList<QByteArray> secretForms(const QString &value)
{
    QSet<QByteArray> forms;
    const QByteArray utf8 = value.toUtf8();
    forms.insert(utf8);
    const QByteArray strict = QUrl::toPercentEncoding(value);
    forms.insert(strict);
    forms.insert(lowerHexEscapes(strict));
    QByteArray plusForSpace = strict;
    plusForSpace.replace("%20", "+");
    forms.insert(plusForSpace);
    // QUrl leaves sub-delimiters and ':', '@', '/', '?' unencoded inside query values and paths.
    const QByteArray loose = QUrl::toPercentEncoding(value, "!$&'()*+,;=:@/?");
    forms.insert(loose);
    forms.insert(lowerHexEscapes(loose));
    for (bool slash : {false, true}) {
        for (UnicodeEscape unicode : {UnicodeEscape::Raw, UnicodeEscape::Lower, UnicodeEscape::Upper}) {
            forms.insert(jsonEscaped(value, slash, unicode));
        }
    }
    forms.remove(QByteArray());
    return QList<QByteArray>(forms.begin(), forms.end());
}

/// Replaces every registered form, longest first (`forms` is sorted so).
QByteArray replaceSecretValues(QByteArray text, const QList<QByteArray> &forms)
{
    for (const QByteArray &form : forms) {
        if (text.size() >= form.size() && text.contains(form)) {
            text.replace(form, QByteArrayView(maskBytes));
        }
    }
    return text;
}

/// The end of a JSON-ish value starting at `from` (a string, a bracketed value or a bare token), for malformed JSON.
qsizetype endOfJsonValue(const QByteArray &text, qsizetype from)
{
    const qsizetype size = text.size();
    if (from >= size) {
        return from;
    }
    const char first = text[from];
    if (first == '"') {
        qsizetype i = from + 1;
        while (i < size && text[i] != '"') {
            i += text[i] == '\\' ? 2 : 1;
        }
        return std::min(size, i + 1);
    }
    if (first == '{' || first == '[') {
        int depth = 0;
        qsizetype i = from;
        while (i < size) {
            const char c = text[i];
            if (c == '"') {
                i = endOfJsonValue(text, i);
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
            ++i;
        }
        return size; // unbalanced: everything to the end belongs to the secret value
    }
    qsizetype i = from;
    while (i < size && text[i] != ',' && text[i] != '}' && text[i] != ']' && text[i] != '\n' && text[i] != '\r') {
        ++i;
    }
    while (i > from && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
        --i;
    }
    return i;
}

/// The end of the value of `name=value` in free text, a query string or a form body.
qsizetype endOfAssignedValue(const QByteArray &text, qsizetype from)
{
    const qsizetype size = text.size();
    if (from < size && (text[from] == '"' || text[from] == '\'')) {
        const char quote = text[from];
        const qsizetype close = text.indexOf(quote, from + 1);
        return close < 0 ? size : close + 1;
    }
    qsizetype i = from;
    while (i < size) {
        const char c = text[i];
        if (c == '&' || c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' ||
            c == '\'' || c == '<' || c == '>' || c == ')' || c == ']' || c == '}' || c == '#') {
            break;
        }
        ++i;
    }
    return i;
}

/// The value range to mask for a separator ('=', ':' or '>') at `at` whose name is secret, or an empty range.
std::pair<qsizetype, qsizetype> secretValueRange(const QByteArray &text, qsizetype at, qsizetype floor)
{
    const char separator = text[at];
    qsizetype end = at;
    if (separator != '>') {
        while (end > floor && text[end - 1] == ' ') {
            --end;
        }
    }
    const bool quoted = separator == ':' && end > floor && text[end - 1] == '"';
    if (quoted) {
        --end;
    }
    qsizetype start = end;
    while (start > floor && isNameChar(text[start - 1])) {
        --start;
    }
    if (start == end) {
        return {0, 0};
    }
    if (quoted && (start == floor || text[start - 1] != '"')) {
        return {0, 0};
    }
    if (separator == '>' && (start == floor || text[start - 1] != '<')) {
        return {0, 0}; // only `<Name>value</Name>`; elements with attributes are left to value redaction
    }
    if (!isSecretNameBytes(text.constData() + start, end - start)) {
        return {0, 0};
    }
    qsizetype from = at + 1;
    if (separator == '>') {
        const qsizetype close = text.indexOf('<', from);
        return {from, close < 0 ? text.size() : close};
    }
    while (from < text.size() && (text[from] == ' ' || text[from] == '\t')) {
        ++from;
    }
    if (separator == '=') {
        return {from, endOfAssignedValue(text, from)};
    }
    if (quoted) {
        return {from, endOfJsonValue(text, from)};
    }
    // `Authorization: Bearer abc`, `Cookie: a=1; b=2`: a header-like line, masked to its end.
    qsizetype lineEnd = from;
    while (lineEnd < text.size() && text[lineEnd] != '\n' && text[lineEnd] != '\r') {
        ++lineEnd;
    }
    return {from, lineEnd};
}

/// Masks the values of secret-named fields in free text: `name=value`, `name: value`, `"name": value` and
/// `<Name>value</Name>`.
QByteArray redactNamedValues(const QByteArray &text)
{
    const qsizetype size = text.size();
    const char *data = text.constData();
    QByteArray out;
    qsizetype copied = 0;
    qsizetype i = 0;
    while (i < size) {
        const char c = data[i];
        if (c != '=' && c != ':' && c != '>') {
            ++i;
            continue;
        }
        const auto [from, to] = secretValueRange(text, i, copied);
        if (to <= from) {
            ++i;
            continue;
        }
        if (out.isEmpty()) {
            out.reserve(size);
        }
        out.append(data + copied, from - copied);
        // A quoted or bracketed JSON value becomes the string "***", as in a JSON body that parses.
        const bool jsonValue =
            data[from] == '{' || data[from] == '[' || (to - from >= 2 && data[from] == '"' && data[to - 1] == '"');
        if (jsonValue) {
            out += '"';
            out += QByteArrayView(maskBytes);
            out += '"';
        } else {
            out += QByteArrayView(maskBytes);
        }
        copied = to;
        i = std::max(to, i + 1);
    }
    if (copied == 0) {
        return text;
    }
    out.append(data + copied, size - copied);
    return out;
}

/// Whether a mobile number starts at `i` (see Redactor); returns its end and appends its masked form to `out`.
qsizetype maskMobileAt(const QByteArray &text, qsizetype i, QByteArray &out)
{
    const qsizetype size = text.size();
    const char *data = text.constData();
    auto at = [&](qsizetype k) { return k < size ? data[k] : '\0'; };
    auto isSeparator = [](char c) { return c == ' ' || c == '-'; };
    qsizetype j = i;
    if (at(j) == '+') {
        if (at(j + 1) != '8' || at(j + 2) != '6') {
            return -1;
        }
        j += 3;
    } else if (at(j) == '0' && at(j + 1) == '0' && at(j + 2) == '8' && at(j + 3) == '6') {
        j += 4;
    } else if (at(j) == '8' && at(j + 1) == '6' && (at(j + 2) == '1' || isSeparator(at(j + 2)))) {
        j += 2;
    }
    if (j != i && isSeparator(at(j))) {
        ++j;
    }
    const qsizetype digitsStart = j;
    if (at(j) != '1' || at(j + 1) < '3' || at(j + 1) > '9' || !isAsciiDigit(at(j + 2))) {
        return -1;
    }
    char digits[11];
    int count = 0;
    while (count < 11) {
        const char c = at(j);
        if (isAsciiDigit(c)) {
            digits[count++] = c;
            ++j;
        } else if ((count == 3 || count == 7) && isSeparator(c) && isAsciiDigit(at(j + 1))) {
            ++j;
        } else {
            return -1;
        }
    }
    if (isAsciiDigit(at(j))) {
        return -1; // part of a longer number
    }
    out.append(data + i, digitsStart - i);
    out.append(digits, 3);
    out += "****";
    out.append(digits + 7, 4);
    return j;
}

/// Returns the end of a domain name (two or more labels, the last one alphabetic) starting at `from`, or -1.
qsizetype endOfDomain(const QByteArray &text, qsizetype from)
{
    const qsizetype size = text.size();
    qsizetype i = from;
    int labels = 0;
    qsizetype end = -1;
    while (true) {
        const qsizetype labelStart = i;
        bool alphabetic = true;
        while (i < size && isDomainLabelChar(text[i])) {
            alphabetic = alphabetic && isAsciiLetter(text[i]);
            ++i;
        }
        if (i == labelStart) {
            break;
        }
        ++labels;
        if (labels >= 2 && alphabetic && i - labelStart >= 2) {
            end = i;
        }
        if (i + 1 < size && text[i] == '.' && isDomainLabelChar(text[i + 1])) {
            ++i;
            continue;
        }
        break;
    }
    return end;
}

/// Masks mobile numbers and e-mail addresses.
QByteArray maskPersonalData(const QByteArray &text)
{
    const qsizetype size = text.size();
    const char *data = text.constData();
    QByteArray out;
    qsizetype copied = 0;
    qsizetype i = 0;
    while (i < size) {
        const char c = data[i];
        if (c == '@') {
            qsizetype localStart = i;
            while (localStart > copied && isLocalPartChar(data[localStart - 1])) {
                --localStart;
            }
            const qsizetype domainEnd = localStart < i ? endOfDomain(text, i + 1) : -1;
            if (domainEnd > 0) {
                if (out.isEmpty()) {
                    out.reserve(size);
                }
                out.append(data + copied, localStart + 1 - copied);
                out += "***@";
                out.append(data + i + 1, domainEnd - i - 1);
                copied = i = domainEnd;
                continue;
            }
        } else if ((c == '+' || isAsciiDigit(c)) && (i == 0 || !isAsciiDigit(data[i - 1]))) {
            QByteArray masked;
            const qsizetype end = maskMobileAt(text, i, masked);
            if (end > 0) {
                if (out.isEmpty()) {
                    out.reserve(size);
                }
                out.append(data + copied, i - copied);
                out += masked;
                copied = i = end;
                continue;
            }
        }
        ++i;
    }
    if (copied == 0) {
        return text;
    }
    out.append(data + copied, size - copied);
    return out;
}

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray type = contentType.left(contentType.indexOf(';')).trimmed().toLower();
    return type == "application/json" || type == "text/json" || type.endsWith("+json");
}

bool isFormContentType(const QByteArray &contentType)
{
    return contentType.left(contentType.indexOf(';')).trimmed().toLower() == "application/x-www-form-urlencoded";
}

bool looksLikeJson(const QByteArray &body)
{
    for (char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            continue;
        }
        return c == '{' || c == '[';
    }
    return false;
}

} // namespace

struct Redactor::State {
    mutable QReadWriteLock lock;
    QList<QByteArray> forms; ///< Every form of every registered value, longest first.

    QList<QByteArray> snapshot() const
    {
        QReadLocker locker(&lock);
        return forms;
    }
};

Redactor::Redactor()
    : m_state(std::make_shared<State>())
{}

void Redactor::addSecretValue(const QString &value)
{
    if (value.isEmpty()) {
        return;
    }
    const QList<QByteArray> added = secretForms(value);
    QWriteLocker locker(&m_state->lock);
    QList<QByteArray> forms = m_state->forms;
    for (const QByteArray &form : added) {
        if (!forms.contains(form)) {
            forms.append(form);
        }
    }
    std::stable_sort(forms.begin(), forms.end(),
                     [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
    m_state->forms = std::move(forms);
}

bool Redactor::isSecretName(QStringView name)
{
    return isSecretNameImpl(name.data(), name.size());
}

bool Redactor::isSecretName(QByteArrayView name)
{
    return isSecretNameBytes(name.data(), name.size());
}

QByteArray Redactor::redactUtf8(const QByteArray &text) const
{
    if (text.isEmpty()) {
        return text;
    }
    return maskPersonalData(redactNamedValues(replaceSecretValues(text, m_state->snapshot())));
}

QString Redactor::redactText(const QString &text) const
{
    if (text.isEmpty()) {
        return text;
    }
    return QString::fromUtf8(redactUtf8(text.toUtf8()));
}

namespace {

/// Redacts a query string or form body: `name=value` pairs separated by '&'.
QByteArray redactPairs(const Redactor &redactor, const QByteArray &encoded)
{
    const QList<QByteArray> pairs = encoded.split('&');
    QByteArray out;
    out.reserve(encoded.size());
    bool first = true;
    for (const QByteArray &pair : pairs) {
        if (!first) {
            out += '&';
        }
        first = false;
        const qsizetype equals = pair.indexOf('=');
        const QByteArray encodedName = equals < 0 ? pair : pair.left(equals);
        QByteArray plusDecodedName = encodedName;
        plusDecodedName.replace('+', ' ');
        const QByteArray name = QByteArray::fromPercentEncoding(plusDecodedName);
        const QByteArray redactedName = redactor.redactUtf8(name);
        out += redactedName == name ? encodedName : QUrl::toPercentEncoding(QString::fromUtf8(redactedName), "*@");
        if (equals < 0) {
            continue;
        }
        out += '=';
        if (Redactor::isSecretName(QByteArrayView(name))) {
            out += QByteArrayView(maskBytes);
            continue;
        }
        // Masks are found in the decoded value (an e-mail's '@' is often %40); the value keeps its encoding unless
        // something in it was masked.
        const QByteArray encodedValue = redactor.redactUtf8(pair.mid(equals + 1));
        QByteArray plusDecodedValue = encodedValue;
        plusDecodedValue.replace('+', ' ');
        const QByteArray value = QByteArray::fromPercentEncoding(plusDecodedValue);
        const QByteArray redactedValue = redactor.redactUtf8(value);
        out += redactedValue == value ? encodedValue : QUrl::toPercentEncoding(QString::fromUtf8(redactedValue), "*@");
    }
    return out;
}

QJsonValue redactJsonValue(const Redactor &redactor, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QJsonObject redacted;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString key = it.key();
            if (Redactor::isSecretName(QStringView(key))) {
                redacted.insert(redactor.redactText(key), QString(Redactor::Mask));
            } else {
                redacted.insert(redactor.redactText(key), redactJsonValue(redactor, it.value()));
            }
        }
        return redacted;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        QJsonArray redacted;
        for (const QJsonValue &element : array) {
            redacted.append(redactJsonValue(redactor, element));
        }
        return redacted;
    }
    case QJsonValue::String:
        return redactor.redactText(value.toString());
    default:
        return value;
    }
}

} // namespace

QString Redactor::redactUrl(const QUrl &url) const
{
    QUrl base = url;
    if (!base.password().isEmpty()) {
        base.setPassword(QString(Mask));
    }
    QByteArray out = redactUtf8(base.toString(QUrl::FullyEncoded | QUrl::RemoveQuery | QUrl::RemoveFragment).toUtf8());
    if (url.hasQuery()) {
        out += '?';
        out += redactPairs(*this, url.query(QUrl::FullyEncoded).toUtf8());
    }
    if (url.hasFragment()) {
        // OAuth's implicit flow returns `#access_token=...`: a fragment is read as pairs too.
        out += '#';
        out += redactPairs(*this, url.fragment(QUrl::FullyEncoded).toUtf8());
    }
    return QString::fromUtf8(out);
}

Redactor::Headers Redactor::redactHeaders(const Headers &headers) const
{
    Headers redacted;
    redacted.reserve(headers.size());
    for (const Header &header : headers) {
        if (isSecretName(QByteArrayView(header.first))) {
            redacted.append({header.first, QByteArray(maskBytes)});
        } else {
            redacted.append({header.first, redactUtf8(header.second)});
        }
    }
    return redacted;
}

QByteArray Redactor::redactBody(const QByteArray &body, const QByteArray &contentType) const
{
    if (body.isEmpty()) {
        return body;
    }
    if (isFormContentType(contentType)) {
        return redactPairs(*this, body);
    }
    if (isJsonContentType(contentType) || looksLikeJson(body)) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError) {
            if (document.isObject()) {
                return QJsonDocument(redactJsonValue(*this, document.object()).toObject())
                    .toJson(QJsonDocument::Compact);
            }
            if (document.isArray()) {
                return QJsonDocument(redactJsonValue(*this, document.array()).toArray()).toJson(QJsonDocument::Compact);
            }
        }
    }
    return redactUtf8(body);
}

} // namespace ic::net
