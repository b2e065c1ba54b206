#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace ic {

/// The SHA-256 digest (32 bytes) of `data`.
///
/// Through OpenSSL's libcrypto where the build found it: it uses the CPU's SHA instructions and is about eight times
/// faster than QCryptographicHash on the short inputs the sync hashes by the hundred thousand (a row's content hash)
/// and the call log's payloads. QCryptographicHash otherwise, and if libcrypto fails; the digest is the same.
/// Thread-safe.
QByteArray sha256(QByteArrayView data);

} // namespace ic
