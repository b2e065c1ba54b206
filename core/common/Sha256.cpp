#include "Sha256.h"

#include <QCryptographicHash>

#if defined(IC_HAVE_LIBCRYPTO)
#include <openssl/evp.h>
#endif

namespace ic {

#if defined(IC_HAVE_LIBCRYPTO)

namespace {

constexpr int digestLength = 32;

/// The algorithm, fetched once: fetching it per call costs more than hashing a row.
const EVP_MD *sha256Algorithm()
{
    static EVP_MD *const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return algorithm;
}

/// A digest context per thread, reused by every call on it.
struct Context {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    Context() = default;
    Context(const Context &) = delete;
    Context &operator=(const Context &) = delete;
    ~Context() { EVP_MD_CTX_free(context); }
};

} // namespace

QByteArray sha256(QByteArrayView data)
{
    thread_local Context local;
    const EVP_MD *algorithm = sha256Algorithm();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (algorithm != nullptr && local.context != nullptr &&
        EVP_DigestInit_ex2(local.context, algorithm, nullptr) == 1 &&
        EVP_DigestUpdate(local.context, data.data(), std::size_t(data.size())) == 1 &&
        EVP_DigestFinal_ex(local.context, digest, &length) == 1 && length == digestLength) {
        return QByteArray(reinterpret_cast<const char *>(digest), digestLength);
    }
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

#else

QByteArray sha256(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

#endif

} // namespace ic
