// `sandbox serve` and `sandbox dump` as the real binary: deterministic ground truth, argument checks, a served
// corp reachable over HTTP with the printed credentials, and a clean stop on SIGTERM.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QStringList &args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(IC_CLI_BINARY), args);
    process.closeWriteChannel();
    Run result;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
    }
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCliSandbox : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString dumpTo(const QString &name, const QStringList &options)
    {
        const QString path = m_dir.filePath(name);
        const Run r = run(
            QStringList{QStringLiteral("sandbox"), QStringLiteral("dump"), QStringLiteral("--out"), path} + options);
        return r.code == 0 ? path : QString::fromUtf8(r.err);
    }

private Q_SLOTS:
    void dumpIsDeterministic()
    {
        const QStringList small{QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--contacts"),
                                QStringLiteral("80")};
        const QByteArray a = readFile(dumpTo(QStringLiteral("a.jsonl"), small));
        const QByteArray b = readFile(dumpTo(QStringLiteral("b.jsonl"), small));
        QVERIFY(!a.isEmpty());
        QCOMPARE(a, b);
        const QJsonObject first = QJsonDocument::fromJson(a.left(a.indexOf('\n'))).object();
        QCOMPARE(first.value(QStringLiteral("kind")).toString(), QStringLiteral("corp"));
        QCOMPARE(first.value(QStringLiteral("revision")).toInt(), 0);

        const QByteArray otherSeed =
            readFile(dumpTo(QStringLiteral("c.jsonl"), {QStringLiteral("--seed"), QStringLiteral("8"),
                                                        QStringLiteral("--contacts"), QStringLiteral("80")}));
        QVERIFY(!otherSeed.isEmpty() && otherSeed != a);
        const QByteArray revised = readFile(
            dumpTo(QStringLiteral("d.jsonl"), small + QStringList{QStringLiteral("--revision"), QStringLiteral("2")}));
        QVERIFY(!revised.isEmpty() && revised != a);
        const QJsonObject revisedFirst = QJsonDocument::fromJson(revised.left(revised.indexOf('\n'))).object();
        QCOMPARE(revisedFirst.value(QStringLiteral("revision")).toInt(), 2);

        const Run json = run({QStringLiteral("sandbox"), QStringLiteral("dump"), QStringLiteral("--format"),
                              QStringLiteral("json"), QStringLiteral("--contacts"), QStringLiteral("10")});
        QCOMPARE(json.code, 0);
        QJsonParseError error{};
        QJsonDocument::fromJson(json.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("format") << QStringList{QStringLiteral("sandbox"), QStringLiteral("dump"),
                                               QStringLiteral("--format"), QStringLiteral("xml")}
                                << QStringLiteral("--format");
        QTest::newRow("negative contacts") << QStringList{QStringLiteral("sandbox"), QStringLiteral("dump"),
                                                          QStringLiteral("--contacts"), QStringLiteral("-1")}
                                           << QStringLiteral("--contacts");
        QTest::newRow("not a number") << QStringList{QStringLiteral("sandbox"), QStringLiteral("serve"),
                                                     QStringLiteral("--port"), QStringLiteral("http")}
                                      << QStringLiteral("--port");
        QTest::newRow("bad fault") << QStringList{QStringLiteral("sandbox"), QStringLiteral("serve"),
                                                  QStringLiteral("--fault"), QStringLiteral("frobnicate")}
                                   << QStringLiteral("--fault");
        QTest::newRow("callback scheme") << QStringList{QStringLiteral("sandbox"), QStringLiteral("serve"),
                                                        QStringLiteral("--callback-url"),
                                                        QStringLiteral("ftp://127.0.0.1/x")}
                                         << QStringLiteral("--callback-url");
        QTest::newRow("extra argument") << QStringList{QStringLiteral("sandbox"), QStringLiteral("dump"),
                                                       QStringLiteral("now")}
                                        << QStringLiteral("now");
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(expected), r.err.constData());
    }

    void servesUntilTerminated()
    {
#ifndef Q_OS_UNIX
        QSKIP("sends SIGTERM");
#else
        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        server.setProcessEnvironment(env);
        server.start(QStringLiteral(IC_CLI_BINARY),
                     {QStringLiteral("--no-gui"), QStringLiteral("sandbox"), QStringLiteral("serve"),
                      QStringLiteral("--json"), QStringLiteral("--contacts"), QStringLiteral("50")});
        QVERIFY(server.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 30000);
        const QJsonObject info = QJsonDocument::fromJson(server.readLine()).object();
        const QString base = info.value(QStringLiteral("base_url")).toString();
        QVERIFY2(base.startsWith(QStringLiteral("http://127.0.0.1:")), qPrintable(base));
        const QString corpId = info.value(QStringLiteral("corp_id")).toString();
        const QString secret =
            info.value(QStringLiteral("secrets")).toObject().value(QStringLiteral("contacts_secret")).toString();
        QVERIFY(corpId.startsWith(QStringLiteral("ww")));
        QCOMPARE(secret.size(), 43);

        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(
            QUrl(base + QStringLiteral("/cgi-bin/gettoken?corpid=%1&corpsecret=%2").arg(corpId, secret))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        const QJsonObject token = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        QCOMPARE(token.value(QStringLiteral("errcode")).toInt(-99), 0);
        QVERIFY(!token.value(QStringLiteral("access_token")).toString().isEmpty());

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
#endif
    }

    void busyPortIsAConfigurationError()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost));
        const Run r = run({QStringLiteral("sandbox"), QStringLiteral("serve"), QStringLiteral("--port"),
                           QString::number(occupier.serverPort()), QStringLiteral("--contacts"), QStringLiteral("5")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains("--port"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliSandbox)
#include "tst_cli_sandbox.moc"
