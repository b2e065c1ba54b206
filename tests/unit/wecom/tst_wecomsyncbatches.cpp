// How the customer step cuts the follower list into batch/get_by_user batches (customerFollowerBatches()).

#include "connectors/wecom/WeComModels.h"
#include "connectors/wecom/WeComSync.h"

#include <QTest>

using namespace ic::connectors::wecom;

class TestWeComSyncBatches : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cuts_data();
    void cuts();
};

namespace {

QStringList followers(int count)
{
    QStringList list;
    for (int i = 0; i < count; ++i) {
        list.append(QStringLiteral("user%1").arg(i, 6, 10, QLatin1Char('0')));
    }
    return list;
}

} // namespace

void TestWeComSyncBatches::cuts_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("lanes");
    QTest::addColumn<int>("batches");
    QTest::newRow("none") << 0 << 8 << 0;
    QTest::newRow("one follower") << 1 << 8 << 1;
    QTest::newRow("one full batch") << 100 << 8 << 1;
    QTest::newRow("fewer batches than lanes") << 501 << 8 << 6;
    QTest::newRow("as many as lanes") << 800 << 8 << 8;
    QTest::newRow("more than lanes: a multiple of them") << 2000 << 8 << 24;
    QTest::newRow("one lane") << 2000 << 1 << 20;
    QTest::newRow("one lane, a remainder") << 220 << 1 << 3;
    QTest::newRow("three lanes") << 1001 << 3 << 12;
}

void TestWeComSyncBatches::cuts()
{
    QFETCH(int, count);
    QFETCH(int, lanes);
    QFETCH(int, batches);
    const QStringList all = followers(count);
    const std::vector<QStringList> cut = customerFollowerBatches(all, lanes);
    QCOMPARE(int(cut.size()), batches);
    QStringList joined;
    qsizetype smallest = count;
    qsizetype largest = 0;
    for (const QStringList &batch : cut) {
        QVERIFY(!batch.isEmpty());
        QVERIFY(batch.size() <= BatchGetByUserMaxUsers);
        smallest = std::min(smallest, batch.size());
        largest = std::max(largest, batch.size());
        joined += batch;
    }
    // Every follower once, in order; the batches differ by one follower at most.
    QCOMPARE(joined, all);
    if (!cut.empty()) {
        QVERIFY(largest - smallest <= 1);
    }
}

QTEST_GUILESS_MAIN(TestWeComSyncBatches)
#include "tst_wecomsyncbatches.moc"
