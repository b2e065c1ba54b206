#include "WeComCrypto.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <memory>

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace ic::connectors::wecom {

namespace {

Q_LOGGING_CATEGORY(lcWeComCrypto, "ic.core.connectors.wecom", QtInfoMsg)

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::wecom::WeComCrypto)
};

constexpr qsizetype kKeySize = 32;      // AES-256
constexpr qsizetype kPadBlockSize = 32; // WXBizMsgCrypt pads to the key size, not to AES's 16-byte block
constexpr qsizetype kRandomSize = 16;
constexpr qsizetype kLengthSize = 4;
constexpr qsizetype kEncodingAesKeyLength = 43;
// EVP takes int lengths; feeding it in slices keeps any QByteArray size safe.
constexpr qsizetype kCipherSlice = 1 << 20;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

bool isKeyCharacter(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'+' || c == u'/';
}

/// AES-256-CBC over `input` (a multiple of 16 bytes) with OpenSSL's padding off: WXBizMsgCrypt's own 32-byte
/// PKCS#7 is applied and checked by the callers. Returns false if OpenSSL fails.
bool runCipher(bool encrypt, const QByteArray &key, const QByteArray &input, QByteArray &output)
{
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx) {
        return false;
    }
    const auto *keyBytes = reinterpret_cast<const unsigned char *>(key.constData());
    const auto *iv = keyBytes; // IV = AESKey[0:16]; EVP reads the first 16 bytes
    if (EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, keyBytes, iv, encrypt ? 1 : 0) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1) {
        return false;
    }
    output.resize(input.size());
    auto *out = reinterpret_cast<unsigned char *>(output.data());
    const auto *in = reinterpret_cast<const unsigned char *>(input.constData());
    qsizetype written = 0;
    for (qsizetype offset = 0; offset < input.size(); offset += kCipherSlice) {
        const int slice = int(std::min(kCipherSlice, input.size() - offset));
        int produced = 0;
        if (EVP_CipherUpdate(ctx.get(), out + written, &produced, in + offset, slice) != 1) {
            return false;
        }
        written += produced;
    }
    int produced = 0;
    if (EVP_CipherFinal_ex(ctx.get(), out + written, &produced) != 1) {
        return false;
    }
    written += produced;
    if (written != input.size()) {
        return false;
    }
    return true;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // The lengths are public (a SHA-1 hex digest is always 40 characters); the contents are compared in
    // constant time so the expected signature cannot be discovered byte by byte.
    if (a.size() != b.size()) {
        return false;
    }
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

Error decryptError(const QString &message, const QString &detail = {})
{
    return Error::make(ErrorCode::InvalidInput, message, detail,
                       Tr::tr("Check that the EncodingAESKey and the corp ID (or suite ID) match the WeCom app's "
                              "callback settings."));
}

Error signatureError()
{
    return Error::make(ErrorCode::InvalidInput,
                       Tr::tr("The callback's signature (msg_signature) does not match: the callback token is "
                              "different or the message was altered."),
                       {}, Tr::tr("Check that the token matches the WeCom app's callback settings."));
}

/// The text of the first <Encrypt> child of the root element, or an error if the body is not XML or has none.
Result<QString> readEncryptElement(const QByteArray &body)
{
    QXmlStreamReader reader(body);
    std::optional<QString> encrypt;
    int depth = 0;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            if (depth == 1 && !encrypt && reader.name() == u"Encrypt") {
                encrypt = reader.readElementText(QXmlStreamReader::SkipChildElements);
                continue; // readElementText consumed the end element
            }
            ++depth;
        } else if (token == QXmlStreamReader::EndElement) {
            --depth;
        }
    }
    if (reader.hasError()) {
        return Error::make(ErrorCode::InvalidInput, Tr::tr("The callback body is not well-formed XML."),
                           QStringLiteral("line %1, column %2: %3")
                               .arg(reader.lineNumber())
                               .arg(reader.columnNumber())
                               .arg(reader.errorString()));
    }
    if (!encrypt) {
        return Error::make(ErrorCode::InvalidInput, Tr::tr("The callback body has no <Encrypt> element."));
    }
    return *encrypt;
}

} // namespace

Result<WeComCrypto> WeComCrypto::create(const QString &token, const QString &encodingAesKey, const QString &receiveId)
{
    // Neither value is ever quoted back: both are secrets.
    if (token.isEmpty()) {
        return Error::invalid(QStringLiteral("callback_token"), Tr::tr("The callback token is empty."),
                              Tr::tr("Copy the Token from the WeCom app's Receive Messages (接收消息) settings."));
    }
    if (encodingAesKey.size() != kEncodingAesKeyLength ||
        !std::all_of(encodingAesKey.cbegin(), encodingAesKey.cend(), isKeyCharacter)) {
        return Error::invalid(QStringLiteral("encoding_aes_key"),
                              Tr::tr("The EncodingAESKey must be exactly 43 letters and digits (this value has "
                                     "%n character(s)).",
                                     nullptr, int(encodingAesKey.size())),
                              Tr::tr("Copy the EncodingAESKey from the WeCom app's Receive Messages (接收消息) "
                                     "settings; check for spaces copied along with it."));
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        (encodingAesKey + u'=').toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kKeySize) {
        return Error::invalid(QStringLiteral("encoding_aes_key"),
                              Tr::tr("The EncodingAESKey does not decode to a 32-byte AES key."));
    }
    WeComCrypto crypto;
    crypto.m_key = decoded.decoded;
    crypto.m_token = token;
    crypto.m_receiveId = receiveId;
    return crypto;
}

QString WeComCrypto::signature(const QString &timestamp, const QString &nonce, const QString &encrypted) const
{
    std::array<QByteArray, 4> parts{m_token.toUtf8(), timestamp.toUtf8(), nonce.toUtf8(), encrypted.toUtf8()};
    std::sort(parts.begin(), parts.end()); // byte-wise, as Python's sort of str for these ASCII values
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    for (const QByteArray &part : parts) {
        sha1.addData(part);
    }
    return QString::fromLatin1(sha1.result().toHex());
}

QString WeComCrypto::encrypt(const QByteArray &message, const QByteArray &random16) const
{
    Q_ASSERT_X(random16.size() == kRandomSize, "WeComCrypto::encrypt", "the random prefix must be 16 bytes");
    Q_ASSERT_X(quint64(message.size()) <= std::numeric_limits<quint32>::max(), "WeComCrypto::encrypt",
               "the length field is 32 bits");
    const QByteArray receiveId = m_receiveId.toUtf8();
    const auto length = quint32(message.size());

    QByteArray plain;
    plain.reserve(kRandomSize + kLengthSize + message.size() + receiveId.size() + kPadBlockSize);
    plain.append(random16.leftJustified(kRandomSize, '\0', true));
    plain.append(char(length >> 24));
    plain.append(char(length >> 16));
    plain.append(char(length >> 8));
    plain.append(char(length));
    plain.append(message);
    plain.append(receiveId);
    const qsizetype pad = kPadBlockSize - plain.size() % kPadBlockSize; // 1..32: a whole block when aligned
    plain.append(pad, char(pad));

    QByteArray cipher;
    if (!runCipher(true, m_key, plain, cipher)) {
        qCCritical(lcWeComCrypto) << "OpenSSL failed to encrypt a callback message";
        return {};
    }
    return QString::fromLatin1(cipher.toBase64());
}

QString WeComCrypto::encrypt(const QByteArray &message) const
{
    std::array<quint32, kRandomSize / sizeof(quint32)> words{};
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    QByteArray random(kRandomSize, Qt::Uninitialized);
    std::memcpy(random.data(), words.data(), size_t(kRandomSize));
    return encrypt(message, random);
}

Result<QByteArray> WeComCrypto::decrypt(const QString &encrypted) const
{
    const auto decoded = QByteArray::fromBase64Encoding(
        encrypted.toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    const bool ascii = std::all_of(encrypted.cbegin(), encrypted.cend(), [](QChar c) { return c.unicode() < 0x80; });
    if (!ascii || !decoded) {
        return decryptError(Tr::tr("The encrypted callback text is not valid base64."));
    }
    const QByteArray &cipher = decoded.decoded;
    // The smallest plaintext (16 random bytes, the length, an empty message and receive id, one pad byte)
    // pads to one 32-byte block; AES-CBC needs whole 16-byte blocks.
    if (cipher.size() < kPadBlockSize || cipher.size() % 16 != 0) {
        return decryptError(Tr::tr("The encrypted callback text has the wrong length."),
                            QStringLiteral("%1 bytes after base64 decoding").arg(cipher.size()));
    }
    QByteArray plain;
    if (!runCipher(false, m_key, cipher, plain)) {
        return Error::make(ErrorCode::Internal, Tr::tr("OpenSSL could not decrypt the callback text."));
    }

    const auto pad = qsizetype(quint8(plain.back()));
    const bool padBytesMatch =
        pad >= 1 && pad <= kPadBlockSize &&
        std::all_of(plain.cend() - pad, plain.cend(), [pad](char c) { return qsizetype(quint8(c)) == pad; });
    if (!padBytesMatch) {
        return decryptError(Tr::tr("The decrypted callback text has invalid padding: the EncodingAESKey is "
                                   "different or the text was altered."),
                            QStringLiteral("pad byte %1").arg(pad));
    }
    const qsizetype contentEnd = plain.size() - pad;
    if (contentEnd < kRandomSize + kLengthSize) {
        return decryptError(Tr::tr("The decrypted callback text is too short to hold a message."));
    }
    const auto *lengthBytes = reinterpret_cast<const uchar *>(plain.constData() + kRandomSize);
    const quint64 length = (quint64(lengthBytes[0]) << 24) | (quint64(lengthBytes[1]) << 16) |
                           (quint64(lengthBytes[2]) << 8) | quint64(lengthBytes[3]);
    const qsizetype messageStart = kRandomSize + kLengthSize;
    if (length > quint64(contentEnd - messageStart)) {
        return decryptError(
            Tr::tr("The decrypted callback text's length field is larger than the text: the "
                   "EncodingAESKey is different or the text was altered."),
            QStringLiteral("length field %1, %2 bytes available").arg(length).arg(contentEnd - messageStart));
    }
    const qsizetype messageEnd = messageStart + qsizetype(length);
    const QByteArray receivedId = plain.sliced(messageEnd, contentEnd - messageEnd);
    if (receivedId != m_receiveId.toUtf8()) {
        // Receive ids are corp or suite IDs, which WeCom sends in clear text (ToUserName): not secrets.
        return decryptError(Tr::tr("The callback is addressed to a different receive ID (corp ID or suite ID) "
                                   "than this configuration's."),
                            QStringLiteral("expected \"%1\", received \"%2\"")
                                .arg(m_receiveId, QString::fromUtf8(receivedId.left(64))));
    }
    return plain.sliced(messageStart, qsizetype(length));
}

Result<QByteArray> WeComCrypto::verifyUrl(const QString &msgSignature, const QString &timestamp, const QString &nonce,
                                          const QString &echoStr) const
{
    const QByteArray expected = signature(timestamp, nonce, echoStr).toLatin1();
    if (!constantTimeEquals(msgSignature.toLower().toLatin1(), expected)) {
        return signatureError();
    }
    return decrypt(echoStr);
}

Result<QByteArray> WeComCrypto::decryptMessage(const QString &msgSignature, const QString &timestamp,
                                               const QString &nonce, const QByteArray &postBody) const
{
    const Result<QString> encrypted = readEncryptElement(postBody);
    if (!encrypted) {
        return encrypted.error();
    }
    const QByteArray expected = signature(timestamp, nonce, *encrypted).toLatin1();
    if (!constantTimeEquals(msgSignature.toLower().toLatin1(), expected)) {
        return signatureError();
    }
    return decrypt(*encrypted);
}

WeComCrypto::Envelope WeComCrypto::encryptMessage(const QByteArray &message, const QString &timestamp,
                                                  const QString &nonce, const QString &toUserName,
                                                  const QString &agentId) const
{
    const QString encrypted = encrypt(message);
    Envelope envelope;
    QXmlStreamWriter writer(&envelope.body);
    writer.writeStartElement(QStringLiteral("xml"));
    const auto cdataElement = [&writer](const QString &name, const QString &text) {
        writer.writeStartElement(name);
        writer.writeCDATA(text);
        writer.writeEndElement();
    };
    cdataElement(QStringLiteral("ToUserName"), toUserName);
    cdataElement(QStringLiteral("Encrypt"), encrypted);
    cdataElement(QStringLiteral("AgentID"), agentId);
    writer.writeEndElement();
    envelope.msgSignature = signature(timestamp, nonce, encrypted);
    return envelope;
}

} // namespace ic::connectors::wecom
