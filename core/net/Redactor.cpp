#include "Redactor.h"

#include <QHash>
#include <QReadWriteLock>
#include <QSet>
#include <QUrlQuery>
#include <QVarLengthArray>

#include <algorithm>
#include <bitset>
#include <cctype>
#include <cstring>
#include <optional>
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
    // As QUrl writes the value into a URL that code builds (QUrlQuery::addQueryItem(), setPath(), setFragment()):
    // each part keeps some delimiters and encodes others, a mix the forms above miss. A base64 token keeps its '+'
    // and '/' in a query value while its '=' padding becomes %3D; a path keeps '[' and ']'.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("v"), value);
    forms.insert(query.query(QUrl::FullyEncoded).toUtf8().mid(2));
    QUrl url;
    url.setPath(u'/' + value, QUrl::DecodedMode);
    forms.insert(url.path(QUrl::FullyEncoded).toUtf8().mid(1));
    url.setFragment(value, QUrl::DecodedMode);
    forms.insert(url.fragment(QUrl::FullyEncoded).toUtf8());
    forms.remove(QByteArray());
    return QList<QByteArray>(forms.begin(), forms.end());
}

QByteArray redactNamedValues(const QByteArray &text);
QByteArray maskPersonalData(const QByteArray &text);

/// Every form of every registered secret value, found in one pass over a text: candidates are looked up by their
/// first two bytes, so the cost hardly grows with the number of registered values. Immutable once built.
class SecretMatcher {
public:
    SecretMatcher() = default;
    explicit SecretMatcher(QList<QByteArray> forms)
        : m_forms(std::move(forms))
    {
        std::sort(m_forms.begin(), m_forms.end(),
                  [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
        for (qsizetype i = 0; i < m_forms.size(); ++i) {
            const QByteArray &form = m_forms.at(i);
            if (form.size() == 1) {
                m_singles.set(uchar(form.at(0)));
            } else {
                const quint16 pair = pairAt(form.constData());
                m_pairs.set(pair);
                m_byPair[pair].append(int(i)); // longest first, as m_forms
            }
        }
    }

    const QList<QByteArray> &forms() const { return m_forms; }

    /// Replaces every occurrence of every form by "***". Where occurrences overlap or touch, their union becomes
    /// one "***": no part of a longer value survives because a shorter one matched first.
    QByteArray replaceIn(const QByteArray &text) const
    {
        if (m_forms.isEmpty()) {
            return text;
        }
        const qsizetype size = text.size();
        const char *data = text.constData();
        QByteArray out;
        qsizetype copied = 0;
        qsizetype coverStart = -1;
        qsizetype coverEnd = -1;
        for (qsizetype i = 0; i < size; ++i) {
            qsizetype longest = m_singles.test(uchar(data[i])) ? 1 : 0;
            if (i + 1 < size && m_pairs.test(pairAt(data + i))) {
                for (int index : m_byPair.value(pairAt(data + i))) {
                    const QByteArray &form = m_forms.at(index);
                    if (form.size() <= size - i && std::memcmp(data + i, form.constData(), size_t(form.size())) == 0) {
                        longest = std::max(longest, form.size());
                        break;
                    }
                }
            }
            if (longest == 0) {
                continue;
            }
            if (coverStart >= 0 && i <= coverEnd) {
                coverEnd = std::max(coverEnd, i + longest);
                continue;
            }
            if (coverStart >= 0) {
                out.append(data + copied, coverStart - copied);
                out += maskBytes;
                copied = coverEnd;
            } else {
                out.reserve(size);
            }
            coverStart = i;
            coverEnd = i + longest;
        }
        if (coverStart < 0) {
            return text;
        }
        out.append(data + copied, coverStart - copied);
        out += maskBytes;
        out.append(data + coverEnd, size - coverEnd);
        return out;
    }

private:
    static quint16 pairAt(const char *data) { return quint16((uchar(data[0]) << 8) | uchar(data[1])); }

    QList<QByteArray> m_forms; ///< Longest first.
    std::bitset<256> m_singles;
    std::bitset<65536> m_pairs;
    QHash<quint16, QList<int>> m_byPair;
};

/// The whole text pipeline: secret values, then secret-named fields, then personal data.
QByteArray redactBytes(const SecretMatcher &matcher, const QByteArray &text)
{
    if (text.isEmpty()) {
        return text;
    }
    return maskPersonalData(redactNamedValues(matcher.replaceIn(text)));
}

QString redactString(const SecretMatcher &matcher, const QString &text)
{
    if (text.isEmpty()) {
        return text;
    }
    const QByteArray utf8 = text.toUtf8();
    const QByteArray redacted = redactBytes(matcher, utf8);
    // Every pass returns its input when it masks nothing: then the text is returned without decoding it again.
    return redacted.constData() == utf8.constData() ? text : QString::fromUtf8(redacted);
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
    std::shared_ptr<const SecretMatcher> matcher = std::make_shared<SecretMatcher>();

    /// The current matcher; redaction runs on it without holding the lock.
    std::shared_ptr<const SecretMatcher> snapshot() const
    {
        QReadLocker locker(&lock);
        return matcher;
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
    QList<QByteArray> forms = m_state->matcher->forms();
    for (const QByteArray &form : added) {
        if (!forms.contains(form)) {
            forms.append(form);
        }
    }
    m_state->matcher = std::make_shared<const SecretMatcher>(std::move(forms));
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
    return redactBytes(*m_state->snapshot(), text);
}

QString Redactor::redactText(const QString &text) const
{
    if (text.isEmpty()) {
        return text;
    }
    return redactString(*m_state->snapshot(), text);
}

namespace {

/// Redacts a query string or form body: `name=value` pairs separated by '&'.
QByteArray redactPairs(const SecretMatcher &matcher, const QByteArray &text)
{
    // Registered values first, over the whole text: one that holds a raw '&' or '=' (a fragment, a hand-built query)
    // would otherwise be cut into pieces that no longer match.
    const QByteArray encoded = matcher.replaceIn(text);
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
        const QByteArray redactedName = redactBytes(matcher, name);
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
        const QByteArray encodedValue = redactBytes(matcher, pair.mid(equals + 1));
        QByteArray plusDecodedValue = encodedValue;
        plusDecodedValue.replace('+', ' ');
        const QByteArray value = QByteArray::fromPercentEncoding(plusDecodedValue);
        const QByteArray redactedValue = redactBytes(matcher, value);
        out += redactedValue == value ? encodedValue : QUrl::toPercentEncoding(QString::fromUtf8(redactedValue), "*@");
    }
    return out;
}

/// Redacts a JSON text in one pass without building a document: member values of secret-named members become
/// "***", every string (member names too) is redacted as text, and everything else is copied byte for byte, so
/// formatting and member order are kept. Checks the syntax on the way; run() returns nothing for malformed JSON.
class JsonRedactor {
public:
    JsonRedactor(const SecretMatcher &matcher, const QByteArray &json)
        : m_matcher(matcher)
        , m_json(json)
        , m_data(json.constData())
        , m_size(json.size())
    {}

    std::optional<QByteArray> run()
    {
        skipWhitespace();
        if (!value(0)) {
            return std::nullopt;
        }
        skipWhitespace();
        if (m_pos != m_size) {
            return std::nullopt;
        }
        if (m_copied == 0) {
            return m_json; // nothing masked: the same bytes, shared
        }
        m_out.append(m_data + m_copied, m_size - m_copied);
        return m_out;
    }

private:
    /// Deeper documents are read as text (which still masks secret-named values).
    static constexpr int maxDepth = 256;

    void skipWhitespace()
    {
        while (m_pos < m_size &&
               (m_data[m_pos] == ' ' || m_data[m_pos] == '\n' || m_data[m_pos] == '\r' || m_data[m_pos] == '\t')) {
            ++m_pos;
        }
    }

    void replace(qsizetype from, qsizetype to, QByteArrayView with)
    {
        if (m_copied == 0) {
            m_out.reserve(m_size);
        }
        m_out.append(m_data + m_copied, from - m_copied);
        m_out.append(with);
        m_copied = to;
    }

    bool value(int depth)
    {
        if (m_pos >= m_size || depth > maxDepth) {
            return false;
        }
        switch (m_data[m_pos]) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"': {
            qsizetype start = 0;
            qsizetype end = 0;
            bool escaped = false;
            if (!string(start, end, escaped)) {
                return false;
            }
            redactString(start, end, escaped);
            return true;
        }
        default:
            return scalar();
        }
    }

    bool object(int depth)
    {
        ++m_pos; // '{'
        skipWhitespace();
        if (m_pos < m_size && m_data[m_pos] == '}') {
            ++m_pos;
            return true;
        }
        while (true) {
            qsizetype start = 0;
            qsizetype end = 0;
            bool escaped = false;
            if (m_pos >= m_size || m_data[m_pos] != '"' || !string(start, end, escaped)) {
                return false;
            }
            const bool secret = escaped ? Redactor::isSecretName(QByteArrayView(unescape(start, end)))
                                        : Redactor::isSecretName(QByteArrayView(m_data + start, end - start));
            redactString(start, end, escaped);
            skipWhitespace();
            if (m_pos >= m_size || m_data[m_pos] != ':') {
                return false;
            }
            ++m_pos;
            skipWhitespace();
            const qsizetype valueStart = m_pos;
            const qsizetype copiedBefore = m_copied;
            const QByteArray::size_type outBefore = m_out.size();
            if (!value(depth)) {
                return false;
            }
            if (secret) {
                // Undo whatever the value's own redaction wrote, then mask the whole value.
                if (m_copied != copiedBefore) {
                    m_out.truncate(outBefore);
                    m_copied = copiedBefore;
                }
                replace(valueStart, m_pos, "\"***\"");
            }
            skipWhitespace();
            if (m_pos < m_size && m_data[m_pos] == ',') {
                ++m_pos;
                skipWhitespace();
                continue;
            }
            if (m_pos < m_size && m_data[m_pos] == '}') {
                ++m_pos;
                return true;
            }
            return false;
        }
    }

    bool array(int depth)
    {
        ++m_pos; // '['
        skipWhitespace();
        if (m_pos < m_size && m_data[m_pos] == ']') {
            ++m_pos;
            return true;
        }
        while (true) {
            if (!value(depth)) {
                return false;
            }
            skipWhitespace();
            if (m_pos < m_size && m_data[m_pos] == ',') {
                ++m_pos;
                skipWhitespace();
                continue;
            }
            if (m_pos < m_size && m_data[m_pos] == ']') {
                ++m_pos;
                return true;
            }
            return false;
        }
    }

    /// Reads a string at m_pos ('"'); [start, end) is its content as written (escapes included).
    bool string(qsizetype &start, qsizetype &end, bool &escaped)
    {
        qsizetype i = m_pos + 1;
        start = i;
        while (i < m_size) {
            const char c = m_data[i];
            if (c == '"') {
                end = i;
                m_pos = i + 1;
                return true;
            }
            if (uchar(c) < 0x20) {
                return false;
            }
            if (c == '\\') {
                escaped = true;
                if (i + 1 >= m_size) {
                    return false;
                }
                const char next = m_data[i + 1];
                if (next == 'u') {
                    if (i + 5 >= m_size) {
                        return false;
                    }
                    for (int k = 2; k < 6; ++k) {
                        if (!isxdigit(uchar(m_data[i + k]))) {
                            return false;
                        }
                    }
                    i += 6;
                    continue;
                }
                if (!std::strchr("\"\\/bfnrt", next) || next == '\0') {
                    return false;
                }
                i += 2;
                continue;
            }
            ++i;
        }
        return false;
    }

    bool scalar()
    {
        const qsizetype start = m_pos;
        for (const char *literal : {"true", "false", "null"}) {
            const qsizetype length = qsizetype(std::strlen(literal));
            if (m_size - m_pos >= length && std::memcmp(m_data + m_pos, literal, size_t(length)) == 0) {
                m_pos += length;
                return true;
            }
        }
        // A number: -?digits(.digits)?([eE][+-]?digits)?, checked loosely (its bytes are copied as they are).
        if (m_pos < m_size && m_data[m_pos] == '-') {
            ++m_pos;
        }
        const qsizetype digits = m_pos;
        while (m_pos < m_size && (isAsciiDigit(m_data[m_pos]) || m_data[m_pos] == '.' || m_data[m_pos] == 'e' ||
                                  m_data[m_pos] == 'E' || m_data[m_pos] == '+' || m_data[m_pos] == '-')) {
            ++m_pos;
        }
        return m_pos > digits && isAsciiDigit(m_data[digits]) && m_pos > start;
    }

    /// The content of an escaped string, decoded to UTF-8.
    QByteArray unescape(qsizetype start, qsizetype end) const
    {
        QString decoded;
        qsizetype i = start;
        qsizetype run = start;
        auto flush = [&](qsizetype to) { decoded += QString::fromUtf8(m_data + run, to - run); };
        while (i < end) {
            if (m_data[i] != '\\') {
                ++i;
                continue;
            }
            flush(i);
            const char next = m_data[i + 1];
            switch (next) {
            case 'b':
                decoded += QLatin1Char('\b');
                break;
            case 'f':
                decoded += QLatin1Char('\f');
                break;
            case 'n':
                decoded += QLatin1Char('\n');
                break;
            case 'r':
                decoded += QLatin1Char('\r');
                break;
            case 't':
                decoded += QLatin1Char('\t');
                break;
            case 'u':
                decoded += QChar(char16_t(QByteArray(m_data + i + 2, 4).toUInt(nullptr, 16)));
                i += 4;
                break;
            default:
                decoded += QLatin1Char(next);
                break;
            }
            i += 2;
            run = i;
        }
        flush(end);
        return decoded.toUtf8();
    }

    /// Redacts the string content [start, end) as text, writing it back escaped when something was masked.
    void redactString(qsizetype start, qsizetype end, bool escaped)
    {
        if (start == end) {
            return;
        }
        const QByteArray content =
            escaped ? unescape(start, end) : QByteArray::fromRawData(m_data + start, end - start);
        const QByteArray redacted = redactBytes(m_matcher, content);
        if (redacted.constData() == content.constData()) {
            return; // every pass returns its input when it masks nothing
        }
        replace(start, end, jsonEscaped(QString::fromUtf8(redacted), false, UnicodeEscape::Raw));
    }

    const SecretMatcher &m_matcher;
    const QByteArray &m_json;
    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    qsizetype m_copied = 0; ///< Input bytes [0, m_copied) are in m_out (redacted); 0 while nothing was masked.
    QByteArray m_out;
};

} // namespace

QString Redactor::redactUrl(const QUrl &url) const
{
    const auto matcher = m_state->snapshot();
    QUrl base = url;
    if (!base.password().isEmpty()) {
        base.setPassword(QString(Mask));
    }
    QByteArray out =
        redactBytes(*matcher, base.toString(QUrl::FullyEncoded | QUrl::RemoveQuery | QUrl::RemoveFragment).toUtf8());
    if (url.hasQuery()) {
        out += '?';
        out += redactPairs(*matcher, url.query(QUrl::FullyEncoded).toUtf8());
    }
    if (url.hasFragment()) {
        // OAuth's implicit flow returns `#access_token=...`: a fragment is read as pairs too.
        out += '#';
        out += redactPairs(*matcher, url.fragment(QUrl::FullyEncoded).toUtf8());
    }
    return QString::fromUtf8(out);
}

Redactor::Headers Redactor::redactHeaders(const Headers &headers) const
{
    const auto matcher = m_state->snapshot();
    Headers redacted;
    redacted.reserve(headers.size());
    for (const Header &header : headers) {
        if (isSecretName(QByteArrayView(header.first))) {
            redacted.append({header.first, QByteArray(maskBytes)});
        } else {
            redacted.append({header.first, redactBytes(*matcher, header.second)});
        }
    }
    return redacted;
}

QByteArray Redactor::redactBody(const QByteArray &body, const QByteArray &contentType) const
{
    if (body.isEmpty()) {
        return body;
    }
    const auto matcher = m_state->snapshot();
    if (isFormContentType(contentType)) {
        return redactPairs(*matcher, body);
    }
    if (isJsonContentType(contentType) || looksLikeJson(body)) {
        if (std::optional<QByteArray> redacted = JsonRedactor(*matcher, body).run()) {
            return *redacted;
        }
    }
    return redactBytes(*matcher, body);
}

} // namespace ic::net
