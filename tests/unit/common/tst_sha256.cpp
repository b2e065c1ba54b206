// ic::sha256() gives SHA-256 whichever way it is built (libcrypto or QCryptographicHash).

#include "common/Sha256.h"

#include <QCryptographicHash>
#include <QTest>

#include <thread>

class TestSha256 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownDigests();
    void agreesWithQt_data();
    void agreesWithQt();
    void threads();
};

void TestSha256::knownDigests()
{
    // FIPS 180-2 examples.
    QCOMPARE(ic::sha256(QByteArray()).toHex(),
             QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(ic::sha256(QByteArray("abc")).toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(ic::sha256(QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toHex(),
             QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
}

void TestSha256::agreesWithQt_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("one byte") << QByteArray("x");
    QTest::newRow("55 bytes") << QByteArray(55, 'a');
    QTest::newRow("56 bytes") << QByteArray(56, 'a');
    QTest::newRow("64 bytes") << QByteArray(64, '\0');
    QTest::newRow("utf-8") << QStringLiteral("华东区门店 “一号” 😀").toUtf8();
    QByteArray large(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < large.size(); ++i) {
        large[i] = char((i * 131) ^ (i >> 7));
    }
    QTest::newRow("3 MiB") << large;
}

void TestSha256::agreesWithQt()
{
    QFETCH(QByteArray, data);
    QCOMPARE(ic::sha256(data), QCryptographicHash::hash(data, QCryptographicHash::Sha256));
}

void TestSha256::threads()
{
    // Each thread has its own context: hashing at once on several threads gives every thread the right digests.
    std::vector<std::thread> threads;
    std::atomic_int wrong{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t, &wrong] {
            for (int i = 0; i < 2000; ++i) {
                const QByteArray data = QByteArray::number(t * 100000 + i).repeated(i % 50 + 1);
                if (ic::sha256(data) != QCryptographicHash::hash(data, QCryptographicHash::Sha256)) {
                    ++wrong;
                }
            }
        });
    }
    for (std::thread &thread : threads) {
        thread.join();
    }
    QCOMPARE(wrong.load(), 0);
}

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
