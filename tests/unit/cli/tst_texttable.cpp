#include "cli/TextTable.h"

#include <QTest>
#include <QTextStream>

using ic::cli::TextTable;

class TestTextTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void displayWidth()
    {
        QCOMPARE(TextTable::displayWidth(QStringLiteral("wecom")), 5);
        QCOMPARE(TextTable::displayWidth(QStringLiteral("企业微信")), 8);
        QCOMPARE(TextTable::displayWidth(QStringLiteral("A企")), 3);
    }

    void alignsWideCharacters()
    {
        TextTable table({QStringLiteral("NAME"), QStringLiteral("TYPE")});
        table.addRow({QStringLiteral("企业微信"), QStringLiteral("wecom")});
        table.addRow({QStringLiteral("dt"), QStringLiteral("dingtalk")});
        QString text;
        QTextStream out(&text);
        table.print(out);
        out.flush();
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        // The second column starts at the same terminal column on every line.
        for (const auto &line : lines) {
            const qsizetype start = line.lastIndexOf(QStringLiteral("  ")) + 2;
            QCOMPARE(TextTable::displayWidth(line.left(start)), 10);
        }
    }
};

QTEST_GUILESS_MAIN(TestTextTable)
#include "tst_texttable.moc"
