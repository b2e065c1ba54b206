// TokenSealer: a sealed token opens only with the same secret, key and expiry; any change to the text makes it not
// open; the text reveals neither the token nor the secret; and the format is the documented one (checked against
// an independent construction with libcrypto).

#include "connectors/wecom/TokenSealer.h"

#include <QTest>
#include <QTimeZone>
#include <QtEndian>

#include <memory>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

using ic::ErrorCode;
using ic::connectors::wecom::TokenKey;
using ic::connectors::wecom::TokenSealer;

Q_DECLARE_METATYPE(ic::connectors::wecom::TokenKey)

namespace {

const QString secret = QStringLiteral("Ab3dEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd"); // 43 characters, as WeCom's
const QString token = QStringLiteral("WdCYx0kjd_b5Rld4Xq0PvJ9Kc2ZQmM8n1G7sT3hUyaFwEeLrOoBpVtHuIiNgDzKjSxAqWc");
const QDateTime expiry(QDate(2024, 6, 1), QTime(10, 0, 0, 123), QTimeZone::utc());

TokenKey key()
{
    return {QStringLiteral("租户-1"), QStringLiteral("https://qyapi.weixin.qq.com"),
            QStringLiteral("ww1234567890abcdef"), QStringLiteral("contacts")};
}

QString sealed(const TokenKey &k = key(), const QString &t = token, const QDateTime &e = expiry)
{
    auto result = TokenSealer::seal(k, secret, t, e);
    if (!result) {
        qFatal("seal failed: %s", qPrintable(result.error().toDisplayString()));
    }
    return result.value();
}

QByteArray payload(const QString &text)
{
    return QByteArray::fromBase64(text.mid(3).toLatin1(), QByteArray::Base64UrlEncoding);
}

QString fromPayload(const QByteArray &bytes, const QString &prefix = QStringLiteral("v1:"))
{
    return prefix + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

/// The documented format, built directly with libcrypto: "v1:" + base64url(nonce | AES-256-GCM(token) | tag) with the
/// key from HKDF-SHA256 and the length-prefixed additional data.
QString sealIndependently(const TokenKey &k, const QString &s, const QString &t, const QDateTime &e,
                          const QByteArray &nonce)
{
    QByteArray ikm = s.toUtf8();
    QByteArray salt("integration-console/wecom-access-token-seal/v1");
    QByteArray info = QString(k.apiBase + u'\n' + k.corpId + u'\n' + k.secretKind).toUtf8();
    char digest[] = "SHA256";
    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr), &EVP_KDF_free);
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> kctx(EVP_KDF_CTX_new(kdf.get()), &EVP_KDF_CTX_free);
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ikm.data(), size_t(ikm.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt.data(), size_t(salt.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), size_t(info.size())),
        OSSL_PARAM_construct_end()};
    unsigned char aesKey[32];
    if (EVP_KDF_derive(kctx.get(), aesKey, sizeof(aesKey), params) != 1) {
        return {};
    }

    QByteArray aad("integration-console/wecom-access-token-aad/v1");
    for (const QString &field : {k.tenantId, k.apiBase, k.corpId, k.secretKind}) {
        const QByteArray bytes = field.toUtf8();
        char length[4];
        qToBigEndian(quint32(bytes.size()), length);
        aad.append(length, 4).append(bytes);
    }
    char ms[8];
    qToBigEndian(qint64(e.toMSecsSinceEpoch()), ms);
    aad.append(ms, 8);

    const QByteArray plain = t.toUtf8();
    QByteArray cipher(plain.size(), Qt::Uninitialized);
    unsigned char tag[16];
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int n = 0;
    int m = 0;
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, aesKey,
                           reinterpret_cast<const unsigned char *>(nonce.constData())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), nullptr, &n, reinterpret_cast<const unsigned char *>(aad.constData()),
                          int(aad.size())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(cipher.data()), &n,
                          reinterpret_cast<const unsigned char *>(plain.constData()), int(plain.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(cipher.data()) + n, &m) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, tag) != 1) {
        return {};
    }
    return fromPayload(nonce + cipher + QByteArray(reinterpret_cast<const char *>(tag), 16));
}

} // namespace

class TestTokenSealer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void everySealIsDifferent();
    void formatMatchesTheDocumentation();
    void wrongSecretDoesNotOpen();
    void anotherKeyDoesNotOpen_data();
    void anotherKeyDoesNotOpen();
    void fieldsDoNotRunTogether();
    void changedExpiryDoesNotOpen();
    void everyFlippedBitDoesNotOpen();
    void truncatedDoesNotOpen();
    void unknownVersionDoesNotOpen_data();
    void unknownVersionDoesNotOpen();
    void onlyTheCanonicalSpellingOpens();
    void revealsNeitherTokenNorSecret();
    void refusesWhatCannotBeSealed();
};

void TestTokenSealer::roundTrip_data()
{
    QTest::addColumn<QString>("plain");
    QTest::newRow("typical") << token;
    QTest::newRow("one byte") << QStringLiteral("x");
    QTest::newRow("512 bytes, WeCom's maximum") << QString(512, QLatin1Char('T'));
    QTest::newRow("non-ASCII") << QStringLiteral("令牌-✓");
}

void TestTokenSealer::roundTrip()
{
    QFETCH(QString, plain);
    const QString text = sealed(key(), plain);
    QCOMPARE(TokenSealer::open(key(), secret, text, expiry), std::optional<QString>(plain));
    // The same instant in another zone is the same expiry.
    QCOMPARE(TokenSealer::open(key(), secret, text, expiry.toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Shanghai")))),
             std::optional<QString>(plain));
}

void TestTokenSealer::everySealIsDifferent()
{
    const QString a = sealed();
    const QString b = sealed();
    QVERIFY(a != b);
    QVERIFY(payload(a).first(12) != payload(b).first(12)); // fresh nonces
    QCOMPARE(TokenSealer::open(key(), secret, a, expiry), std::optional<QString>(token));
    QCOMPARE(TokenSealer::open(key(), secret, b, expiry), std::optional<QString>(token));
}

void TestTokenSealer::formatMatchesTheDocumentation()
{
    const QString text = sealed();
    QVERIFY(text.startsWith(QLatin1String("v1:")));
    for (QChar c : text.mid(3)) {
        QVERIFY2(c.isLetterOrNumber() || c == u'-' || c == u'_', qPrintable(text));
        QVERIFY(c.unicode() < 128);
    }
    QCOMPARE(payload(text).size(), 12 + token.toUtf8().size() + 16);

    const QByteArray nonce = QByteArray::fromHex("000102030405060708090a0b");
    const QString independent = sealIndependently(key(), secret, token, expiry, nonce);
    QVERIFY(!independent.isEmpty());
    QCOMPARE(TokenSealer::open(key(), secret, independent, expiry), std::optional<QString>(token));
    // And what TokenSealer writes, libcrypto's construction reproduces from its nonce.
    QCOMPARE(sealIndependently(key(), secret, token, expiry, payload(text).first(12)), text);
}

void TestTokenSealer::wrongSecretDoesNotOpen()
{
    const QString text = sealed();
    QString rotated = secret;
    rotated[0] = u'a';
    QCOMPARE(TokenSealer::open(key(), rotated, text, expiry), std::nullopt);
    QCOMPARE(TokenSealer::open(key(), secret + u'x', text, expiry), std::nullopt);
    QCOMPARE(TokenSealer::open(key(), QString(), text, expiry), std::nullopt);
}

void TestTokenSealer::anotherKeyDoesNotOpen_data()
{
    QTest::addColumn<TokenKey>("other");
    TokenKey k = key();
    k.tenantId = QStringLiteral("租户-2");
    QTest::newRow("tenant") << k;
    k = key();
    k.apiBase = QStringLiteral("http://127.0.0.1:18080");
    QTest::newRow("api base (sandbox)") << k;
    k = key();
    k.apiBase += u'/';
    QTest::newRow("api base (trailing slash)") << k;
    k = key();
    k.corpId = QStringLiteral("ww1234567890abcdee");
    QTest::newRow("corp") << k;
    k = key();
    k.corpId = k.corpId.toUpper();
    QTest::newRow("corp (case)") << k;
    k = key();
    k.secretKind = QStringLiteral("customer");
    QTest::newRow("kind") << k;
}

void TestTokenSealer::anotherKeyDoesNotOpen()
{
    QFETCH(TokenKey, other);
    const QString text = sealed();
    QCOMPARE(TokenSealer::open(other, secret, text, expiry), std::nullopt);
    // Sealed for the other key, it opens there and not here.
    const QString there = sealed(other);
    QCOMPARE(TokenSealer::open(other, secret, there, expiry), std::optional<QString>(token));
    QCOMPARE(TokenSealer::open(key(), secret, there, expiry), std::nullopt);
}

void TestTokenSealer::fieldsDoNotRunTogether()
{
    // Both keys derive the same AES key (HKDF's info joins the fields with "\n"); the length-prefixed additional
    // data still tells them apart.
    const TokenKey a{QStringLiteral("t"), QStringLiteral("https://a"), QStringLiteral("b\nc"), QStringLiteral("app")};
    const TokenKey b{QStringLiteral("t"), QStringLiteral("https://a\nb"), QStringLiteral("c"), QStringLiteral("app")};
    const QString text = sealed(a);
    QCOMPARE(TokenSealer::open(a, secret, text, expiry), std::optional<QString>(token));
    QCOMPARE(TokenSealer::open(b, secret, text, expiry), std::nullopt);
}

void TestTokenSealer::changedExpiryDoesNotOpen()
{
    const QString text = sealed();
    QCOMPARE(TokenSealer::open(key(), secret, text, expiry.addMSecs(1)), std::nullopt);
    QCOMPARE(TokenSealer::open(key(), secret, text, expiry.addMSecs(-1)), std::nullopt);
    QCOMPARE(TokenSealer::open(key(), secret, text, expiry.addDays(1)), std::nullopt);
    QCOMPARE(TokenSealer::open(key(), secret, text, QDateTime()), std::nullopt);
}

void TestTokenSealer::everyFlippedBitDoesNotOpen()
{
    const QString text = sealed();
    const QByteArray bytes = payload(text);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            QByteArray changed = bytes;
            changed[i] = char(changed[i] ^ (1 << bit));
            QVERIFY2(!TokenSealer::open(key(), secret, fromPayload(changed), expiry),
                     qPrintable(QStringLiteral("byte %1 bit %2").arg(i).arg(bit)));
        }
    }
}

void TestTokenSealer::truncatedDoesNotOpen()
{
    const QString text = sealed();
    const QByteArray bytes = payload(text);
    for (qsizetype keep = 0; keep < bytes.size(); ++keep) {
        QVERIFY2(!TokenSealer::open(key(), secret, fromPayload(bytes.first(keep)), expiry),
                 qPrintable(QString::number(keep)));
    }
    for (qsizetype keep = 0; keep < text.size(); ++keep) {
        QVERIFY2(!TokenSealer::open(key(), secret, text.first(keep), expiry), qPrintable(QString::number(keep)));
    }
    // Nor does a longer one.
    QVERIFY(!TokenSealer::open(key(), secret, fromPayload(bytes + '\0'), expiry));
}

void TestTokenSealer::unknownVersionDoesNotOpen_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::newRow("v2") << "v2:";
    QTest::newRow("V1") << "V1:";
    QTest::newRow("v10") << "v10:";
    QTest::newRow("none") << "";
    QTest::newRow("v1 without colon") << "v1";
}

void TestTokenSealer::unknownVersionDoesNotOpen()
{
    QFETCH(QString, prefix);
    const QString text = sealed();
    QCOMPARE(TokenSealer::open(key(), secret, fromPayload(payload(text), prefix), expiry), std::nullopt);
}

void TestTokenSealer::onlyTheCanonicalSpellingOpens()
{
    const QString text = sealed();
    QVERIFY(TokenSealer::open(key(), secret, text, expiry));
    // Padding, whitespace and the other base64 alphabet are other spellings of the same bytes.
    const QByteArray bytes = payload(text);
    QCOMPARE(TokenSealer::open(key(), secret, QStringLiteral("v1:") + QString::fromLatin1(bytes.toBase64()), expiry),
             std::nullopt);
    QCOMPARE(TokenSealer::open(key(), secret, text + u'=', expiry), std::nullopt);
    QCOMPARE(TokenSealer::open(key(), secret, text + u' ', expiry), std::nullopt);
    QCOMPARE(TokenSealer::open(key(), secret, u' ' + text, expiry), std::nullopt);
    // A payload of 3n + 2 bytes leaves two unused bits in the last character: setting one spells the same bytes.
    const QString original = sealed(key(), QStringLiteral("x"));
    QCOMPARE(payload(original).size() % 3, 2);
    const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    QString respelled = original;
    respelled.back() = alphabet.at(alphabet.indexOf(original.back()) ^ 1);
    QCOMPARE(payload(respelled), payload(original));
    QCOMPARE(TokenSealer::open(key(), secret, respelled, expiry), std::nullopt);
}

void TestTokenSealer::revealsNeitherTokenNorSecret()
{
    for (int i = 0; i < 20; ++i) {
        const QString text = sealed();
        for (const QString &value : {token, secret}) {
            const QByteArray utf8 = value.toUtf8();
            for (const QByteArray &form :
                 {utf8, utf8.toBase64(), utf8.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
                  utf8.toBase64(QByteArray::OmitTrailingEquals), utf8.toHex()}) {
                // Any 8 consecutive characters of the value in any of these forms would be a leak.
                for (qsizetype at = 0; at + 8 <= form.size(); at += 4) {
                    QVERIFY2(!text.contains(QString::fromLatin1(form.mid(at, 8))), qPrintable(text));
                }
            }
        }
    }
}

void TestTokenSealer::refusesWhatCannotBeSealed()
{
    const QString longToken(16 * 1024 + 1, QLatin1Char('t'));
    const struct {
        QString secret;
        QString token;
        QDateTime expiry;
    } cases[] = {
        {QString(), token, expiry}, {secret, QString(), expiry}, {secret, longToken, expiry}, {secret, token, {}}};
    for (const auto &c : cases) {
        auto result = TokenSealer::seal(key(), c.secret, c.token, c.expiry);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidInput);
        const QString everything = result.error().toDisplayString();
        QVERIFY(!everything.contains(token));
        QVERIFY(!everything.contains(secret));
    }
}

QTEST_GUILESS_MAIN(TestTokenSealer)
#include "tst_tokensealer.moc"
