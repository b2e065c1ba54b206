// Stand-in implementation of WeComCrypto, so that the sandbox's callback sender links before the real
// implementation (WeComCrypto.cpp, AES-256-CBC per wecom-api.md §7) is merged. The signature is the real SHA-1
// scheme; "encryption" here is plain base64 of the message with no cipher at all. Drop this file when
// WeComCrypto.cpp arrives.

#include "connectors/wecom/WeComCrypto.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace ic::connectors::wecom {

Result<WeComCrypto> WeComCrypto::create(const QString &token, const QString &encodingAesKey, const QString &receiveId)
{
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z0-9]{43}$"));
    if (!keyPattern.match(encodingAesKey).hasMatch()) {
        return Error::invalid(QStringLiteral("encoding_aes_key"), QStringLiteral("must be 43 letters or digits"));
    }
    if (token.isEmpty()) {
        return Error::invalid(QStringLiteral("token"), QStringLiteral("must not be empty"));
    }
    WeComCrypto crypto;
    crypto.m_key = QByteArray::fromBase64(encodingAesKey.toLatin1() + '=');
    crypto.m_token = token;
    crypto.m_receiveId = receiveId;
    return crypto;
}

QString WeComCrypto::signature(const QString &timestamp, const QString &nonce, const QString &encrypted) const
{
    QStringList parts{m_token, timestamp, nonce, encrypted};
    std::sort(parts.begin(), parts.end());
    return QString::fromLatin1(
        QCryptographicHash::hash(parts.join(QString()).toUtf8(), QCryptographicHash::Sha1).toHex());
}

QString WeComCrypto::encrypt(const QByteArray &message, const QByteArray & /*random16*/) const
{
    return QString::fromLatin1(message.toBase64());
}

QString WeComCrypto::encrypt(const QByteArray &message) const
{
    return encrypt(message, QByteArray(16, 'a'));
}

Result<QByteArray> WeComCrypto::decrypt(const QString &encrypted) const
{
    auto decoded = QByteArray::fromBase64Encoding(encrypted.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return Error::make(ErrorCode::InvalidInput, QStringLiteral("bad base64"));
    }
    return *decoded;
}

Result<QByteArray> WeComCrypto::verifyUrl(const QString &msgSignature, const QString &timestamp, const QString &nonce,
                                          const QString &echoStr) const
{
    if (signature(timestamp, nonce, echoStr) != msgSignature) {
        return Error::make(ErrorCode::InvalidInput, QStringLiteral("signature mismatch"));
    }
    return decrypt(echoStr);
}

Result<QByteArray> WeComCrypto::decryptMessage(const QString &msgSignature, const QString &timestamp,
                                               const QString &nonce, const QByteArray &postBody) const
{
    static const QRegularExpression encryptPattern(QStringLiteral("<Encrypt><!\\[CDATA\\[(.*)\\]\\]></Encrypt>"));
    const auto match = encryptPattern.match(QString::fromUtf8(postBody));
    if (!match.hasMatch()) {
        return Error::make(ErrorCode::InvalidInput, QStringLiteral("no Encrypt element"));
    }
    return verifyUrl(msgSignature, timestamp, nonce, match.captured(1));
}

WeComCrypto::Envelope WeComCrypto::encryptMessage(const QByteArray &message, const QString &timestamp,
                                                  const QString &nonce, const QString &toUserName,
                                                  const QString &agentId) const
{
    const QString encrypted = encrypt(message);
    Envelope envelope;
    envelope.body = QStringLiteral("<xml><ToUserName><![CDATA[%1]]></ToUserName><Encrypt><![CDATA[%2]]></Encrypt>"
                                   "<AgentID><![CDATA[%3]]></AgentID></xml>")
                        .arg(toUserName, encrypted, agentId)
                        .toUtf8();
    envelope.msgSignature = signature(timestamp, nonce, encrypted);
    return envelope;
}

} // namespace ic::connectors::wecom
