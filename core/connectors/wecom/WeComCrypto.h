#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace ic::connectors::wecom {

/// WeCom's callback message encryption (WXBizMsgCrypt, wecom-api.md §7): AES-256-CBC with the 32-byte key
/// decoded from the 43-character EncodingAESKey (IV = first 16 key bytes), PKCS#7 padding to 32-byte blocks,
/// plaintext = 16 random bytes + 4-byte big-endian length + message + receive id (the corp ID), base64; the
/// signature is SHA-1 over the sorted concatenation of token, timestamp, nonce and the encrypted text.
///
/// Used by the sandbox to send callbacks and by the callback receiver to check and open them. Errors never
/// contain the key or token.
class WeComCrypto {
public:
    /// Fails (InvalidInput) when the key is not 43 characters of base64 alphabet or the token is empty.
    static Result<WeComCrypto> create(const QString &token, const QString &encodingAesKey, const QString &receiveId);

    /// SHA-1 hex signature of (token, timestamp, nonce, encrypted).
    QString signature(const QString &timestamp, const QString &nonce, const QString &encrypted) const;

    /// Encrypts `message` with the given 16 random bytes (tests pass the vectors' bytes; production passes
    /// fresh random bytes). Returns base64.
    QString encrypt(const QByteArray &message, const QByteArray &random16) const;
    /// Encrypts with fresh random bytes.
    QString encrypt(const QByteArray &message) const;
    /// Decrypts base64 `encrypted`, checks padding, length and that the receive id matches. Errors are
    /// InvalidInput with a message naming what failed (bad base64, bad padding, wrong receive id, ...).
    Result<QByteArray> decrypt(const QString &encrypted) const;

    /// The GET URL verification: checks msg_signature over echostr and returns the decrypted echostr.
    Result<QByteArray> verifyUrl(const QString &msgSignature, const QString &timestamp, const QString &nonce,
                                 const QString &echoStr) const;
    /// An event POST: reads <Encrypt> from the XML body, checks msg_signature, returns the decrypted XML.
    Result<QByteArray> decryptMessage(const QString &msgSignature, const QString &timestamp, const QString &nonce,
                                      const QByteArray &postBody) const;
    /// The XML envelope WeCom POSTs (<xml><ToUserName/><Encrypt/><AgentID/></xml>) for `message`, and its
    /// msg_signature, for the sandbox's callback sender.
    struct Envelope {
        QByteArray body;
        QString msgSignature;
    };
    Envelope encryptMessage(const QByteArray &message, const QString &timestamp, const QString &nonce,
                            const QString &toUserName, const QString &agentId) const;

private:
    WeComCrypto() = default;
    QByteArray m_key;
    QString m_token;
    QString m_receiveId;
};

} // namespace ic::connectors::wecom
