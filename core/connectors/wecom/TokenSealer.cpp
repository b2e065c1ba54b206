#include "TokenSealer.h"

#include <QCoreApplication>
#include <QtEndian>

#include <memory>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

namespace ic::connectors::wecom {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::wecom::TokenSealer)
};

constexpr char kPrefix[] = "v1:";
constexpr qsizetype kPrefixLength = sizeof(kPrefix) - 1;
/// The HKDF salt: a fixed label naming the format and its version, so keys of other uses and versions differ.
constexpr char kSalt[] = "integration-console/wecom-access-token-seal/v1";
/// The first bytes of the additional authenticated data.
constexpr char kAadLabel[] = "integration-console/wecom-access-token-aad/v1";
constexpr qsizetype kKeySize = 32;   // AES-256
constexpr qsizetype kNonceSize = 12; // GCM's native 96-bit nonce
constexpr qsizetype kTagSize = 16;
/// WeCom documents at most 512 bytes; anything far larger is not a token.
constexpr qsizetype kMaxTokenBytes = 16 * 1024;
constexpr qsizetype kMaxSealedLength = kPrefixLength + (kNonceSize + kMaxTokenBytes + kTagSize) * 4 / 3 + 4;

constexpr auto kBase64Options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
using KdfContext = std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)>;

/// Overwrites key material and plaintext before the memory is given back.
struct Cleansed {
    QByteArray &bytes;
    ~Cleansed()
    {
        if (!bytes.isEmpty()) {
            OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
        }
    }
};

unsigned char *bytesOf(QByteArray &bytes)
{
    return reinterpret_cast<unsigned char *>(bytes.data());
}

const unsigned char *bytesOf(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

/// HKDF-SHA256(ikm = secret, salt = kSalt, info = apiBase "\n" corpId "\n" secretKind); empty on failure.
QByteArray deriveKey(const TokenKey &key, const QString &secret)
{
    QByteArray ikm = secret.toUtf8();
    const Cleansed cleanIkm{ikm};
    QByteArray info = QString(key.apiBase + u'\n' + key.corpId + u'\n' + key.secretKind).toUtf8();
    QByteArray salt(kSalt);

    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr),
                                                          &EVP_KDF_free);
    if (!kdf) {
        return {};
    }
    KdfContext context(EVP_KDF_CTX_new(kdf.get()), &EVP_KDF_CTX_free);
    if (!context) {
        return {};
    }
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ikm.data(), size_t(ikm.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt.data(), size_t(salt.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), size_t(info.size())),
        OSSL_PARAM_construct_end()};
    QByteArray derived(kKeySize, Qt::Uninitialized);
    if (EVP_KDF_derive(context.get(), bytesOf(derived), size_t(derived.size()), params) != 1) {
        OPENSSL_cleanse(derived.data(), size_t(derived.size()));
        return {};
    }
    return derived;
}

void appendField(QByteArray &out, const QString &field)
{
    const QByteArray bytes = field.toUtf8();
    char length[4];
    qToBigEndian(quint32(bytes.size()), length);
    out.append(length, sizeof(length));
    out.append(bytes);
}

/// The additional authenticated data: what the sealed token is bound to.
QByteArray associatedData(const TokenKey &key, const QDateTime &expiresAt)
{
    QByteArray aad(kAadLabel);
    appendField(aad, key.tenantId);
    appendField(aad, key.apiBase);
    appendField(aad, key.corpId);
    appendField(aad, key.secretKind);
    char expiry[8];
    qToBigEndian(qint64(expiresAt.toMSecsSinceEpoch()), expiry);
    aad.append(expiry, sizeof(expiry));
    return aad;
}

/// AES-256-GCM over `input` with `aad`. Encrypting, `tag` receives the tag; decrypting, it is checked. Returns
/// false on any failure, a wrong tag included.
bool runGcm(bool encrypt, const QByteArray &key, const QByteArray &nonce, const QByteArray &aad,
            const QByteArray &input, QByteArray &output, QByteArray &tag)
{
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!context) {
        return false;
    }
    const int mode = encrypt ? 1 : 0;
    if (EVP_CipherInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr, mode) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, int(kNonceSize), nullptr) != 1 ||
        EVP_CipherInit_ex(context.get(), nullptr, nullptr, bytesOf(key), bytesOf(nonce), mode) != 1) {
        return false;
    }
    int produced = 0;
    if (EVP_CipherUpdate(context.get(), nullptr, &produced, bytesOf(aad), int(aad.size())) != 1) {
        return false;
    }
    output.resize(input.size());
    int written = 0;
    if (!input.isEmpty() &&
        EVP_CipherUpdate(context.get(), bytesOf(output), &written, bytesOf(input), int(input.size())) != 1) {
        return false;
    }
    if (!encrypt && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, int(kTagSize), bytesOf(tag)) != 1) {
        return false;
    }
    // GCM is a stream mode: Final writes nothing, and when decrypting it is where the tag is checked.
    if (EVP_CipherFinal_ex(context.get(), bytesOf(output) + written, &produced) != 1) {
        return false;
    }
    if (written + produced != input.size()) {
        return false;
    }
    if (encrypt) {
        tag.resize(kTagSize);
        if (EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, int(kTagSize), bytesOf(tag)) != 1) {
            return false;
        }
    }
    return true;
}

Error internalError()
{
    return Error::make(ErrorCode::Internal, Tr::tr("The access token could not be sealed for the database."));
}

} // namespace

Result<QString> TokenSealer::seal(const TokenKey &key, const QString &secret, const QString &token,
                                  const QDateTime &expiresAt)
{
    if (secret.isEmpty()) {
        return Error::make(ErrorCode::InvalidInput, Tr::tr("An access token cannot be sealed without its secret."));
    }
    QByteArray plain = token.toUtf8();
    const Cleansed cleanPlain{plain};
    if (plain.isEmpty() || plain.size() > kMaxTokenBytes) {
        // The size, not the token: an error never quotes it.
        return Error::make(
            ErrorCode::InvalidInput,
            Tr::tr("The access token to seal is empty or too long (%n byte(s)).", nullptr, int(plain.size())));
    }
    if (!expiresAt.isValid()) {
        return Error::make(ErrorCode::InvalidInput, Tr::tr("An access token cannot be sealed without its expiry."));
    }
    QByteArray aesKey = deriveKey(key, secret);
    const Cleansed cleanKey{aesKey};
    if (aesKey.isEmpty()) {
        return internalError();
    }
    QByteArray nonce(kNonceSize, Qt::Uninitialized);
    if (RAND_bytes(bytesOf(nonce), int(nonce.size())) != 1) {
        return internalError();
    }
    QByteArray cipher;
    QByteArray tag;
    if (!runGcm(true, aesKey, nonce, associatedData(key, expiresAt), plain, cipher, tag)) {
        return internalError();
    }
    return QString(QLatin1String(kPrefix) +
                   QString::fromLatin1(QByteArray(nonce + cipher + tag).toBase64(kBase64Options)));
}

std::optional<QString> TokenSealer::open(const TokenKey &key, const QString &secret, const QString &sealed,
                                         const QDateTime &expiresAt)
{
    if (secret.isEmpty() || !expiresAt.isValid() || sealed.size() > kMaxSealedLength ||
        !sealed.startsWith(QLatin1String(kPrefix))) {
        return std::nullopt;
    }
    const QByteArray encoded = sealed.mid(kPrefixLength).toLatin1();
    const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::Base64UrlEncoding |
                                                                     QByteArray::AbortOnBase64DecodingErrors);
    // Only the canonical encoding opens: Qt's decoder also accepts padding and ignores unused trailing bits, so one
    // sealed value would otherwise have several spellings (and removeIfSealed() compares spellings).
    if (!decoded || decoded.decoded.toBase64(kBase64Options) != encoded ||
        decoded.decoded.size() <= kNonceSize + kTagSize) {
        return std::nullopt;
    }
    const QByteArray &bytes = decoded.decoded;
    const QByteArray nonce = bytes.first(kNonceSize);
    QByteArray tag = bytes.last(kTagSize);
    const QByteArray cipher = bytes.sliced(kNonceSize, bytes.size() - kNonceSize - kTagSize);

    QByteArray aesKey = deriveKey(key, secret);
    const Cleansed cleanKey{aesKey};
    if (aesKey.isEmpty()) {
        return std::nullopt;
    }
    QByteArray plain;
    const Cleansed cleanPlain{plain};
    if (!runGcm(false, aesKey, nonce, associatedData(key, expiresAt), cipher, plain, tag)) {
        return std::nullopt;
    }
    return QString::fromUtf8(plain);
}

} // namespace ic::connectors::wecom
