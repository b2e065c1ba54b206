// WXBizMsgCrypt against the published vectors (wecom-api.md §7.4) and every way a callback can be wrong.

#include "connectors/wecom/WeComCrypto.h"
#include "connectors/wecom/WeComEvents.h"

#include <QTest>

#include <memory>

#include <openssl/evp.h>

using namespace ic;
using namespace ic::connectors::wecom;

namespace {

/// The error of a failed Result for a test's failure message; empty for a success (QVERIFY2 evaluates its
/// message either way).
template<typename T>
QString describe(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().toDisplayString();
}

// Vector A: the official documentation example.
const QString kCorpIdA = QStringLiteral("wx5823bf96d3bd56c7");
const QString kTokenA = QStringLiteral("QDG6eK");
const QString kKeyA = QStringLiteral("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C");
const QString kEchoStrA =
    QStringLiteral("P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==");
const QString kEncryptA = QStringLiteral(
    "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/"
    "sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+"
    "HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGU"
    "callcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/"
    "T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==");
const QByteArray kPlainA = QByteArrayLiteral("<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n"
                                             "<FromUserName><![CDATA[mycreate]]></FromUserName>\n"
                                             "<CreateTime>1409659813</CreateTime>\n"
                                             "<MsgType><![CDATA[text]]></MsgType>\n"
                                             "<Content><![CDATA[hello]]></Content>\n"
                                             "<MsgId>4561255354251345929</MsgId>\n"
                                             "<AgentID>218</AgentID>\n"
                                             "</xml>");

// Vector B: wechatpy.
const QString kCorpIdB = QStringLiteral("wx49f0ab532d5d035a");
const QString kTokenB = QStringLiteral("123456");
const QString kKeyB = QStringLiteral("kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR");

// A token and key for the error cases that are long and distinctive enough to be found in any error text.
const QString kSecretToken = QStringLiteral("Tok3nThatMustNeverLeak");
const QString kSecretKey = QStringLiteral("SecretKeyThatMustNeverLeak0123456789abcdefg");

WeComCrypto make(const QString &token, const QString &key, const QString &receiveId)
{
    Result<WeComCrypto> crypto = WeComCrypto::create(token, key, receiveId);
    if (!crypto) {
        qFatal("WeComCrypto::create failed: %s", qPrintable(describe(crypto)));
    }
    return std::move(crypto).value();
}

QByteArray aesKey(const QString &encodingAesKey)
{
    return QByteArray::fromBase64((encodingAesKey + u'=').toLatin1());
}

/// AES-256-CBC of an arbitrary plaintext (already a multiple of 16 bytes) with IV = key[0:16], independent of
/// WeComCrypto, so the tests can build texts that the product would never produce.
QString rawEncrypt(const QByteArray &key, const QByteArray &plain)
{
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    const auto *k = reinterpret_cast<const unsigned char *>(key.constData());
    QByteArray out(plain.size() + 32, '\0');
    int n = 0;
    int m = 0;
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, k, k) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1 ||
        EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &n,
                          reinterpret_cast<const unsigned char *>(plain.constData()), int(plain.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(out.data()) + n, &m) != 1) {
        qFatal("OpenSSL failed in the test helper");
    }
    out.truncate(n + m);
    return QString::fromLatin1(out.toBase64());
}

QByteArray bigEndian32(quint32 value)
{
    QByteArray bytes;
    bytes.append(char(value >> 24));
    bytes.append(char(value >> 16));
    bytes.append(char(value >> 8));
    bytes.append(char(value));
    return bytes;
}

/// random ‖ length ‖ message ‖ receive id, then `padding` as given (not necessarily valid).
QByteArray plaintext(quint32 length, const QByteArray &message, const QByteArray &receiveId, const QByteArray &padding)
{
    return QByteArray(16, 'r') + bigEndian32(length) + message + receiveId + padding;
}

QString flipBase64Byte(const QString &encrypted, qsizetype index)
{
    QByteArray bytes = QByteArray::fromBase64(encrypted.toLatin1());
    bytes[index] = char(bytes[index] ^ 0x01);
    return QString::fromLatin1(bytes.toBase64());
}

QString flipHexDigit(const QString &signature)
{
    QString tampered = signature;
    tampered[0] = tampered[0] == u'0' ? u'1' : u'0';
    return tampered;
}

bool leaksSecret(const Error &error)
{
    for (const QString &text : {error.message, error.detail, error.hint, error.field, error.toDisplayString()}) {
        if (text.contains(kSecretToken) || text.contains(kSecretKey) ||
            text.contains(QString::fromLatin1(aesKey(kSecretKey).toHex())) ||
            text.contains(QString::fromLatin1(aesKey(kSecretKey).toBase64()))) {
            return true;
        }
    }
    return false;
}

#define VERIFY_FAILS_WITH(result, fragment)                                                                            \
    do {                                                                                                               \
        const auto &r_ = (result);                                                                                     \
        QVERIFY2(!r_.ok(), "expected an error");                                                                       \
        QCOMPARE(r_.error().code, ErrorCode::InvalidInput);                                                            \
        QVERIFY2(r_.error().message.contains(QStringLiteral(fragment)), qPrintable(r_.error().message));               \
        QVERIFY2(!leaksSecret(r_.error()), qPrintable(describe(r_)));                                                  \
    } while (false)

} // namespace

class TestWeComCrypto : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // §7.4 vector A
    void vectorA_urlVerification()
    {
        const WeComCrypto crypto = make(kTokenA, kKeyA, kCorpIdA);
        const QString sig = QStringLiteral("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
        const QString timestamp = QStringLiteral("1409659589");
        const QString nonce = QStringLiteral("263014780");

        QCOMPARE(crypto.signature(timestamp, nonce, kEchoStrA), sig);
        const Result<QByteArray> echo = crypto.verifyUrl(sig, timestamp, nonce, kEchoStrA);
        QVERIFY2(echo.ok(), qPrintable(describe(echo)));
        QCOMPARE(*echo, QByteArrayLiteral("1616140317555161061"));
        // The reply body is exactly the plaintext: no quotes, newline or BOM.
        QCOMPARE(echo->size(), 19);

        // Encrypting again with the random prefix found in the vector reproduces echostr byte for byte.
        QCOMPARE(crypto.encrypt(*echo, QByteArrayLiteral("c41b64491c2468d0")), kEchoStrA);
    }

    void vectorA_message()
    {
        const WeComCrypto crypto = make(kTokenA, kKeyA, kCorpIdA);
        const QString sig = QStringLiteral("477715d11cdb4164915debcba66cb864d751f3e6");
        const QString timestamp = QStringLiteral("1409659813");
        const QString nonce = QStringLiteral("1372623149");
        const QByteArray body = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" +
                                kEncryptA.toLatin1() + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";

        QCOMPARE(crypto.signature(timestamp, nonce, kEncryptA), sig);
        const Result<QByteArray> plain = crypto.decryptMessage(sig, timestamp, nonce, body);
        QVERIFY2(plain.ok(), qPrintable(describe(plain)));
        QCOMPARE(*plain, kPlainA);
        QCOMPARE(plain->size(), 284);
        QCOMPARE(QByteArray::fromBase64(kEncryptA.toLatin1()).size(), 352);

        QCOMPARE(crypto.encrypt(kPlainA, QByteArrayLiteral("0960688932c47ef1")), kEncryptA);
    }

    void vectorA_signatureOnly()
    {
        const WeComCrypto crypto = make(QStringLiteral("ovAkP0Tb"), kKeyA, kCorpIdA);
        const QString encrypted = QStringLiteral(
            "Q/jUxIL3/jRaFeTKesIr1QSq2SOEApDqlzcRrRM6Jlk4EbMBns3plPOR/W3gThOEq+zYI42fNSoIUb3cQwt9zyD1aLU/"
            "7D3WNLute7LQ9LSHjZEfVmx5zcIR9zvrUWGjhe1whTPH4e1WR6vbOYs8o/bDRF0vX/NcE4XK7P83Y6CzQiJoKbjVCne84s0zcw5eh+"
            "ZUDB55eaDHPSoS7kAC8kB00pfBoDF0jyfc8CUKLW97e72vJGyUWjZ0BvYN+R+tFjMgEzg/EN1imuuFnf40DMAcvB6y+"
            "C97TuaWjpgfRdowGWzn10JAFNukRfQqjdA0e2bfczJ7+t9w/t8/XSMADJOt1xbnP+I5cRX/r7ueBGmG/6ejP3myO9yTXHdujGvwrXHuWw+"
            "J7qD4VoUVjbm2vQ1qQKbrweKssr6O+3XSbanZ5R3n26EpN/gfgX+r6rcGViqsFop9Ai9xMnfJUubB6Q==");
        QCOMPARE(crypto.signature(QStringLiteral("1628737717"), QStringLiteral("1811081856"), encrypted),
                 QStringLiteral("8128e41a38892d814e4aa67753425da9dc8ec2b3"));
    }

    // §7.4 vector B
    void vectorB_urlVerification()
    {
        const WeComCrypto crypto = make(kTokenB, kKeyB, kCorpIdB);
        const QString sig = QStringLiteral("dd6b9c95b495b3f7e2901bfbc76c664930ffdb96");
        const QString timestamp = QStringLiteral("1411443780");
        const QString echo =
            QStringLiteral("4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==");

        const Result<QByteArray> plain = crypto.verifyUrl(sig, timestamp, QStringLiteral("437374425"), echo);
        QVERIFY2(plain.ok(), qPrintable(describe(plain)));
        QCOMPARE(*plain, QByteArrayLiteral("5927782489442352469"));

        VERIFY_FAILS_WITH(crypto.verifyUrl(sig, timestamp, QStringLiteral("437374424"), echo), "signature");
    }

    void vectorB_deterministicEncryption()
    {
        const WeComCrypto crypto = make(kTokenB, kKeyB, kCorpIdB);
        const QByteArray reply = QByteArrayLiteral("<xml>\n"
                                                   "<MsgType><![CDATA[text]]></MsgType>\n"
                                                   "<Content><![CDATA[test]]></Content>\n"
                                                   "<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n"
                                                   "<ToUserName><![CDATA[messense]]></ToUserName>\n"
                                                   "<AgentID>1</AgentID>\n"
                                                   "<CreateTime>1411525903</CreateTime>\n"
                                                   "</xml>");
        const QString expected = QStringLiteral(
            "9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAt"
            "ObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/"
            "WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+"
            "mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3");

        const QString encrypted = crypto.encrypt(reply, QByteArrayLiteral("1234567890123456"));
        QCOMPARE(encrypted, expected);
        QCOMPARE(crypto.signature(QStringLiteral("1411525903"), QStringLiteral("461056294"), encrypted),
                 QStringLiteral("407518b7649e86ef23978113f92d27afa9296533"));

        // The passive-reply form (<Encrypt>, <MsgSignature>, <TimeStamp>, <Nonce>) is read too.
        const QByteArray replyBody = "<xml><Encrypt><![CDATA[" + expected.toLatin1() +
                                     "]]></Encrypt><MsgSignature><![CDATA[407518b7649e86ef23978113f92d27afa9296533]]>"
                                     "</MsgSignature><TimeStamp>1411525903</TimeStamp><Nonce><![CDATA[461056294]]>"
                                     "</Nonce></xml>";
        const Result<QByteArray> opened =
            crypto.decryptMessage(QStringLiteral("407518b7649e86ef23978113f92d27afa9296533"),
                                  QStringLiteral("1411525903"), QStringLiteral("461056294"), replyBody);
        QVERIFY2(opened.ok(), qPrintable(describe(opened)));
        QCOMPARE(*opened, reply);
    }

    void vectorB_decryptionWithOneBytePad()
    {
        const WeComCrypto crypto = make(kTokenB, kKeyB, kCorpIdB);
        const QString encrypted = QStringLiteral(
            "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283d"
            "Gymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/"
            "gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4j"
            "YFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTb"
            "cX2e8K9QaNWHp91eBdCRxthuL0=");
        const QByteArray body = "<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName><Encrypt><![CDATA[" +
                                encrypted.toLatin1() + "]]></Encrypt><AgentID><![CDATA[1]]></AgentID></xml>";

        const Result<QByteArray> plain =
            crypto.decryptMessage(QStringLiteral("74d92dfeb87ba7c714f89d98870ae5eb62dff26d"),
                                  QStringLiteral("1411525903"), QStringLiteral("461056294"), body);
        QVERIFY2(plain.ok(), qPrintable(describe(plain)));
        QCOMPARE(plain->size(), 281);
        const Result<QMap<QString, QString>> fields = parseEventXml(*plain);
        QVERIFY(fields.ok());
        QCOMPARE(fields->value(QStringLiteral("Content")), QStringLiteral("test"));
        QCOMPARE(fields->value(QStringLiteral("FromUserName")), QStringLiteral("messense"));
        QCOMPARE(fields->value(QStringLiteral("MsgId")), QStringLiteral("4363689963896700987"));

        // The pad really is a single byte: the last plaintext byte of the raw decryption is 0x01.
        QCOMPARE((16 + 4 + plain->size() + kCorpIdB.size() + 1) % 32, 0);
    }

    // §7.4 vector C
    void vectorC_chineseMessage()
    {
        const WeComCrypto crypto =
            make(QStringLiteral("pamtest"), QStringLiteral("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"),
                 QStringLiteral("wxb11529c136998cb6"));
        const QByteArray message = QStringLiteral("我是中文abcd123").toUtf8();
        QCOMPARE(message.size(), 19);
        const QString expected =
            QStringLiteral("jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==");

        const QString encrypted = crypto.encrypt(message, QByteArrayLiteral("aaaabbbbccccdddd"));
        QCOMPARE(encrypted, expected);
        QCOMPARE(crypto.signature(QStringLiteral("1409304348"), QStringLiteral("xxxxxx"), encrypted),
                 QStringLiteral("82c962d39941aa48552f90ef55aa323dc620cc10"));
        const Result<QByteArray> plain = crypto.decrypt(expected);
        QVERIFY2(plain.ok(), qPrintable(describe(plain)));
        QCOMPARE(*plain, message);
    }

    // Round trips
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("receiveId");
        QTest::newRow("chinese")
            << QStringLiteral("<xml><Name><![CDATA[张三]]></Name><Position>产品经理</Position></xml>").toUtf8()
            << kCorpIdA;
        QTest::newRow("empty") << QByteArray() << kCorpIdA;
        QByteArray big(qsizetype(100) * 1024, '\0');
        for (qsizetype i = 0; i < big.size(); ++i) {
            big[i] = char(i * 7 + (i >> 8));
        }
        QTest::newRow("100 KB binary") << big << kCorpIdA;
        QTest::newRow("aligned, full pad block") << QByteArray(32 - 16 - 4 - kCorpIdA.size() + 32, 'x') << kCorpIdA;
        QTest::newRow("empty receive id (personal third-party app)") << QByteArrayLiteral("hello") << QString();
        QTest::newRow("suite id") << QByteArrayLiteral("<xml/>") << QStringLiteral("ww4asffe99e54c0fxxxx");
    }

    void roundTrip()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, receiveId);
        const WeComCrypto crypto = make(kTokenA, kKeyA, receiveId);

        const QString first = crypto.encrypt(message);
        const QString second = crypto.encrypt(message);
        QVERIFY2(first != second, "fresh random bytes make every ciphertext different");
        QCOMPARE(QByteArray::fromBase64(first.toLatin1()).size() % 32, 0);
        for (const QString &encrypted : {first, second}) {
            const Result<QByteArray> plain = crypto.decrypt(encrypted);
            QVERIFY2(plain.ok(), qPrintable(describe(plain)));
            QCOMPARE(*plain, message);
        }

        const WeComCrypto::Envelope envelope = crypto.encryptMessage(
            message, QStringLiteral("1700000000"), QStringLiteral("n0nce"), kCorpIdA, QStringLiteral("1000002"));
        const Result<QByteArray> opened = crypto.decryptMessage(envelope.msgSignature, QStringLiteral("1700000000"),
                                                                QStringLiteral("n0nce"), envelope.body);
        QVERIFY2(opened.ok(), qPrintable(describe(opened)));
        QCOMPARE(*opened, message);
    }

    void envelopeLayout()
    {
        const WeComCrypto crypto = make(kTokenA, kKeyA, kCorpIdA);
        const WeComCrypto::Envelope envelope =
            crypto.encryptMessage(QByteArrayLiteral("<xml/>"), QStringLiteral("1409659813"),
                                  QStringLiteral("1372623149"), kCorpIdA, QStringLiteral("218"));

        const QByteArray prefix = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[";
        const QByteArray suffix = "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
        QVERIFY2(envelope.body.startsWith(prefix), envelope.body.constData());
        QVERIFY2(envelope.body.endsWith(suffix), envelope.body.constData());
        const QString encrypted =
            QString::fromLatin1(envelope.body.mid(prefix.size(), envelope.body.size() - prefix.size() - suffix.size()));
        QCOMPARE(envelope.msgSignature,
                 crypto.signature(QStringLiteral("1409659813"), QStringLiteral("1372623149"), encrypted));
        QCOMPARE(envelope.msgSignature.size(), 40);
    }

    void uppercaseSignatureIsAccepted()
    {
        const WeComCrypto crypto = make(kTokenA, kKeyA, kCorpIdA);
        const Result<QByteArray> echo =
            crypto.verifyUrl(QStringLiteral("5C45FF5E21C57E6AD56BAC8758B79B1D9AC89FD3"), QStringLiteral("1409659589"),
                             QStringLiteral("263014780"), kEchoStrA);
        QVERIFY(echo.ok());
    }

    // Configuration errors
    void createRejects_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("field");
        QTest::newRow("empty token") << QString() << kSecretKey << QStringLiteral("callback_token");
        QTest::newRow("42 characters") << kSecretToken << kSecretKey.left(42) << QStringLiteral("encoding_aes_key");
        QTest::newRow("44 characters") << kSecretToken << kSecretKey + u'A' << QStringLiteral("encoding_aes_key");
        QTest::newRow("with padding") << kSecretToken << kSecretKey.left(42) + u'='
                                      << QStringLiteral("encoding_aes_key");
        QTest::newRow("url-safe alphabet")
            << kSecretToken << kSecretKey.left(42) + u'-' << QStringLiteral("encoding_aes_key");
        QTest::newRow("trailing space") << kSecretToken << kSecretKey.left(42) + u' '
                                        << QStringLiteral("encoding_aes_key");
        QTest::newRow("non-ASCII") << kSecretToken << kSecretKey.left(42) + QStringLiteral("密")
                                   << QStringLiteral("encoding_aes_key");
        QTest::newRow("empty key") << kSecretToken << QString() << QStringLiteral("encoding_aes_key");
    }

    void createRejects()
    {
        QFETCH(QString, token);
        QFETCH(QString, key);
        QFETCH(QString, field);
        const Result<WeComCrypto> crypto = WeComCrypto::create(token, key, kCorpIdA);
        QVERIFY(!crypto.ok());
        QCOMPARE(crypto.error().code, ErrorCode::InvalidInput);
        QCOMPARE(crypto.error().field, field);
        QVERIFY(!crypto.error().message.isEmpty());
        QVERIFY2(!leaksSecret(crypto.error()), qPrintable(describe(crypto)));
        if (!key.isEmpty()) {
            QVERIFY(!crypto.error().toDisplayString().contains(key));
        }
    }

    void createAcceptsFullBase64Alphabet()
    {
        // WeCom issues letters and digits only; '+' and '/' are still base64 and decode to a valid key.
        const QString key = QStringLiteral("abcdefghijklmnopqrstuvwxyz0123456789+/CDEFG");
        const Result<WeComCrypto> crypto = WeComCrypto::create(kTokenA, key, kCorpIdA);
        QVERIFY(crypto.ok());
        const Result<QByteArray> plain = crypto->decrypt(crypto->encrypt(QByteArrayLiteral("ok")));
        QVERIFY(plain.ok());
        QCOMPARE(*plain, QByteArrayLiteral("ok"));
    }

    // Decryption errors
    void decryptRejectsBadBase64()
    {
        const WeComCrypto crypto = make(kSecretToken, kSecretKey, kCorpIdA);
        VERIFY_FAILS_WITH(crypto.decrypt(QStringLiteral("@@@@not base64@@@@")), "base64");
        VERIFY_FAILS_WITH(crypto.decrypt(kEchoStrA.left(20) + QStringLiteral("é") + kEchoStrA.mid(21)), "base64");
        VERIFY_FAILS_WITH(crypto.decrypt(kEchoStrA.left(40) + u' ' + kEchoStrA.mid(41)), "base64");
    }

    void decryptRejectsWrongLength()
    {
        const WeComCrypto crypto = make(kSecretToken, kSecretKey, kCorpIdA);
        VERIFY_FAILS_WITH(crypto.decrypt(QString()), "length");
        VERIFY_FAILS_WITH(crypto.decrypt(QString::fromLatin1(QByteArray(16, 'a').toBase64())), "length");
        VERIFY_FAILS_WITH(crypto.decrypt(QString::fromLatin1(QByteArray(33, 'a').toBase64())), "length");
        VERIFY_FAILS_WITH(crypto.decrypt(QString::fromLatin1(QByteArray(40, 'a').toBase64())), "length");
    }

    void decryptRejectsBadPadding_data()
    {
        QTest::addColumn<QByteArray>("plain");
        const QByteArray id = kCorpIdA.toUtf8(); // 18 bytes: 16 + 4 + 5 + 18 = 43, 21 bytes of pad to 64
        QTest::newRow("pad value 0") << plaintext(5, "hello", id, QByteArray(20, '\x15') + '\0');
        QTest::newRow("pad value 33") << plaintext(5, "hello", id, QByteArray(20, '\x15') + '\x21');
        QTest::newRow("pad value 255") << plaintext(5, "hello", id, QByteArray(20, '\x15') + '\xff');
        QTest::newRow("pad bytes disagree") << plaintext(5, "hello", id, QByteArray(20, '\x14') + '\x15');
    }

    void decryptRejectsBadPadding()
    {
        QFETCH(QByteArray, plain);
        QCOMPARE(plain.size() % 32, 0);
        const WeComCrypto crypto = make(kSecretToken, kSecretKey, kCorpIdA);
        VERIFY_FAILS_WITH(crypto.decrypt(rawEncrypt(aesKey(kSecretKey), plain)), "padding");
    }

    void decryptRejectsOversizedLength_data()
    {
        QTest::addColumn<QByteArray>("plain");
        const QByteArray id = kCorpIdA.toUtf8();
        QTest::newRow("one byte more than the text") << plaintext(5 + 18 + 1, "hello", id, QByteArray(21, '\x15'));
        QTest::newRow("0xffffffff") << plaintext(0xffffffffU, "hello", id, QByteArray(21, '\x15'));
        QTest::newRow("no room for the length field") << QByteArray(16, 'r') + QByteArray(16, '\x10');
    }

    void decryptRejectsOversizedLength()
    {
        QFETCH(QByteArray, plain);
        QCOMPARE(plain.size() % 32, 0);
        const WeComCrypto crypto = make(kSecretToken, kSecretKey, kCorpIdA);
        const Result<QByteArray> result = crypto.decrypt(rawEncrypt(aesKey(kSecretKey), plain));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidInput);
        QVERIFY2(result.error().message.contains(QStringLiteral("length")) ||
                     result.error().message.contains(QStringLiteral("too short")),
                 qPrintable(result.error().message));
        QVERIFY(!leaksSecret(result.error()));
    }

    void decryptAcceptsExactLength()
    {
        // The same construction with the right length opens, so the failures above are about the length.
        const WeComCrypto crypto = make(kSecretToken, kSecretKey, kCorpIdA);
        const QByteArray plain = plaintext(5, "hello", kCorpIdA.toUtf8(), QByteArray(21, '\x15'));
        const Result<QByteArray> result = crypto.decrypt(rawEncrypt(aesKey(kSecretKey), plain));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(*result, QByteArrayLiteral("hello"));
    }

    void decryptRejectsOtherReceiveId()
    {
        const WeComCrypto sender = make(kSecretToken, kSecretKey, QStringLiteral("wwOtherCorp"));
        const WeComCrypto receiver = make(kSecretToken, kSecretKey, kCorpIdA);
        const QString encrypted = sender.encrypt(QByteArrayLiteral("<xml/>"));
        VERIFY_FAILS_WITH(receiver.decrypt(encrypted), "receive ID");
        QVERIFY(receiver.decrypt(encrypted).error().detail.contains(QStringLiteral("wwOtherCorp")));

        // A receive id that is a prefix of the configured one is not accepted either.
        const WeComCrypto prefix = make(kSecretToken, kSecretKey, kCorpIdA.left(10));
        VERIFY_FAILS_WITH(receiver.decrypt(prefix.encrypt(QByteArrayLiteral("<xml/>"))), "receive ID");
        const WeComCrypto empty = make(kSecretToken, kSecretKey, QString());
        VERIFY_FAILS_WITH(receiver.decrypt(empty.encrypt(QByteArrayLiteral("<xml/>"))), "receive ID");
    }

    void wrongKeyFails()
    {
        const WeComCrypto crypto = make(kTokenA, kSecretKey, kCorpIdA);
        const Result<QByteArray> result = crypto.decrypt(kEchoStrA);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidInput);
        QVERIFY(!leaksSecret(result.error()));
    }

    void signatureMismatch()
    {
        const WeComCrypto crypto = make(kSecretToken, kSecretKey, kCorpIdA);
        const WeComCrypto::Envelope envelope = crypto.encryptMessage(
            QByteArrayLiteral("<xml/>"), QStringLiteral("1"), QStringLiteral("2"), kCorpIdA, QStringLiteral("3"));
        const QString echo = crypto.encrypt(QByteArrayLiteral("12345"));
        const QString echoSignature = crypto.signature(QStringLiteral("1"), QStringLiteral("2"), echo);
        QVERIFY(crypto.verifyUrl(echoSignature, QStringLiteral("1"), QStringLiteral("2"), echo).ok());

        VERIFY_FAILS_WITH(crypto.verifyUrl(flipHexDigit(echoSignature), QStringLiteral("1"), QStringLiteral("2"), echo),
                          "signature");
        VERIFY_FAILS_WITH(crypto.verifyUrl(echoSignature.left(39), QStringLiteral("1"), QStringLiteral("2"), echo),
                          "signature");
        VERIFY_FAILS_WITH(crypto.verifyUrl(QString(), QStringLiteral("1"), QStringLiteral("2"), echo), "signature");
        VERIFY_FAILS_WITH(crypto.verifyUrl(echoSignature, QStringLiteral("9"), QStringLiteral("2"), echo), "signature");
        VERIFY_FAILS_WITH(crypto.decryptMessage(flipHexDigit(envelope.msgSignature), QStringLiteral("1"),
                                                QStringLiteral("2"), envelope.body),
                          "signature");
        VERIFY_FAILS_WITH(
            crypto.decryptMessage(envelope.msgSignature, QStringLiteral("1"), QStringLiteral("3"), envelope.body),
            "signature");

        // Another token signs differently.
        const WeComCrypto other = make(QStringLiteral("another"), kSecretKey, kCorpIdA);
        VERIFY_FAILS_WITH(other.verifyUrl(echoSignature, QStringLiteral("1"), QStringLiteral("2"), echo), "signature");
    }

    void tamperedCiphertext()
    {
        const WeComCrypto crypto = make(kTokenA, kKeyA, kCorpIdA);
        const QString sig = QStringLiteral("477715d11cdb4164915debcba66cb864d751f3e6");
        const QString timestamp = QStringLiteral("1409659813");
        const QString nonce = QStringLiteral("1372623149");
        const auto body = [](const QString &encrypted) -> QByteArray {
            return "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" +
                   encrypted.toLatin1() + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
        };

        // With the original signature, any change to the ciphertext is caught before decryption.
        for (const qsizetype index : {qsizetype(0), qsizetype(20), qsizetype(200), qsizetype(351)}) {
            const QString tampered = flipBase64Byte(kEncryptA, index);
            const Result<QByteArray> result = crypto.decryptMessage(sig, timestamp, nonce, body(tampered));
            QVERIFY(!result.ok());
            QVERIFY2(result.error().message.contains(QStringLiteral("signature")), qPrintable(result.error().message));
        }

        // Without the signature, CBC's structure still catches changes near the end: the pad byte (vector A has
        // 30 bytes of pad, all in the last block) or the whole last block.
        const Result<QByteArray> padFlipped = crypto.decrypt(flipBase64Byte(kEncryptA, 352 - 16 - 1));
        QVERIFY(!padFlipped.ok());
        QVERIFY2(padFlipped.error().message.contains(QStringLiteral("padding")),
                 qPrintable(padFlipped.error().message));
        QVERIFY(!crypto.decrypt(flipBase64Byte(kEncryptA, 351)).ok());
        QVERIFY(!crypto.decrypt(kEncryptA.left(kEncryptA.size() - 24) + QStringLiteral("==")).ok());
    }

    void callbackBodyErrors()
    {
        const WeComCrypto crypto = make(kSecretToken, kSecretKey, kCorpIdA);
        const QString encrypted = crypto.encrypt(QByteArrayLiteral("<xml/>"));
        const QString sig = crypto.signature(QStringLiteral("1"), QStringLiteral("2"), encrypted);
        const auto open = [&](const QByteArray &body) {
            return crypto.decryptMessage(sig, QStringLiteral("1"), QStringLiteral("2"), body);
        };

        VERIFY_FAILS_WITH(open(QByteArrayLiteral("<xml><ToUserName><![CDATA[x]]></ToUserName></xml>")), "<Encrypt>");
        VERIFY_FAILS_WITH(open(QByteArrayLiteral("<xml></xml>")), "<Encrypt>");
        // An <Encrypt> that is not a child of the root is not the envelope's.
        VERIFY_FAILS_WITH(open("<xml><Other><Encrypt>" + encrypted.toLatin1() + "</Encrypt></Other></xml>"),
                          "<Encrypt>");
        VERIFY_FAILS_WITH(open(QByteArray()), "XML");
        VERIFY_FAILS_WITH(open(QByteArrayLiteral("{\"encrypt\":\"abc\"}")), "XML");
        VERIFY_FAILS_WITH(open("<xml><Encrypt><![CDATA[" + encrypted.toLatin1() + "]]></Encrypt>"), "XML");

        // Plain text instead of CDATA is the same element.
        const Result<QByteArray> plainText = open("<xml><Encrypt>" + encrypted.toLatin1() + "</Encrypt></xml>");
        QVERIFY2(plainText.ok(), qPrintable(describe(plainText)));
        QCOMPARE(*plainText, QByteArrayLiteral("<xml/>"));
    }
};

QTEST_GUILESS_MAIN(TestWeComCrypto)
#include "tst_wecomcrypto.moc"
