// Redaction of what the call log stores: no secret value may survive in any place a call can put it.

#include "net/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>
#include <QUrlQuery>

#include <thread>
#include <vector>

using ic::net::Redactor;

namespace {

const QString corpSecret = QStringLiteral("Zx9-kLmN0pQrStUvWxYz_01234567890abcdEFGH");
const QString accessToken = QStringLiteral("tok.AbCdEf/GhIj+KlMn==");
const QString chineseSecret = QStringLiteral("密钥Ab12\"quoted\"/路径");

Redactor makeRedactor()
{
    Redactor redactor;
    redactor.addSecretValue(corpSecret);
    redactor.addSecretValue(accessToken);
    redactor.addSecretValue(chineseSecret);
    return redactor;
}

/// Fails when any form of any registered secret is still in `text`.
void verifyNoSecret(const QByteArray &text, const QStringList &secrets)
{
    for (const QString &secret : secrets) {
        const QByteArray utf8 = secret.toUtf8();
        QVERIFY2(!text.contains(utf8), text.constData());
        QVERIFY2(!text.contains(QUrl::toPercentEncoding(secret)), text.constData());
        // As QUrlQuery writes a query value: '+', '/', '?' and most sub-delimiters stay, '=', '&' and '#' are encoded.
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("v"), secret);
        QVERIFY2(!text.contains(query.query(QUrl::FullyEncoded).toUtf8().mid(2)), text.constData());
        QVERIFY2(!text.contains(QJsonDocument(QJsonArray{secret}).toJson(QJsonDocument::Compact).mid(2).chopped(2)),
                 text.constData());
    }
}

} // namespace

class TestRedactor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void secretNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        for (const char *name : {"corpsecret",
                                 "CorpSecret",
                                 "corp_secret",
                                 "access_token",
                                 "ACCESS_TOKEN",
                                 "secret",
                                 "password",
                                 "sign",
                                 "key",
                                 "token",
                                 "encodingaeskey",
                                 "EncodingAESKey",
                                 "refresh_token",
                                 "client_secret",
                                 "db.password",
                                 "X-Api-Key",
                                 "Authorization",
                                 "Proxy-Authorization",
                                 "Cookie",
                                 "Set-Cookie",
                                 "suite_ticket_token",
                                 "passwd",
                                 "pwd",
                                 "signature",
                                 "api_key",
                                 "AccessKey",
                                 "private_key",
                                 "credentials"}) {
            QTest::newRow(name) << QString::fromLatin1(name) << true;
        }
        for (const char *name : {"keyword", "signup", "userid", "name", "mobile", "email", "errcode", "next_cursor",
                                 "department", "", "monkey"}) {
            QTest::newRow(name[0] ? name : "(empty)") << QString::fromLatin1(name) << false;
        }
    }

    void secretNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(Redactor::isSecretName(QStringView(name)), secret);
        const QByteArray bytes = name.toLatin1();
        QCOMPARE(Redactor::isSecretName(QByteArrayView(bytes)), secret);
    }

    void everyListedFieldInEveryPlace_data()
    {
        QTest::addColumn<QString>("field");
        for (const char *field : {"corpsecret", "access_token", "secret", "password", "sign", "key", "token",
                                  "encodingaeskey", "my_secret_thing", "admin_password", "webhook_token"}) {
            QTest::newRow(field) << QString::fromLatin1(field);
        }
    }

    void everyListedFieldInEveryPlace()
    {
        QFETCH(QString, field);
        // A value that is not registered: only the field's name can remove it.
        const QString value = QStringLiteral("unregisteredValue9876");
        const Redactor redactor;

        const QString url = redactor.redactUrl(QUrl(QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/x?") + field +
                                                    QStringLiteral("=") + value + QStringLiteral("&id=7")));
        QVERIFY2(!url.contains(value), qPrintable(url));
        QVERIFY2(url.contains(field + QStringLiteral("=***")), qPrintable(url));
        QVERIFY2(url.contains(QStringLiteral("id=7")), qPrintable(url));

        const auto headers = redactor.redactHeaders({{field.toLatin1(), value.toLatin1()}});
        QCOMPARE(headers.size(), 1);
        QCOMPARE(headers.first().first, field.toLatin1());
        QCOMPARE(headers.first().second, QByteArray("***"));

        const QJsonObject json{
            {QStringLiteral("outer"),
             QJsonArray{QJsonObject{{field, value}, {QStringLiteral("keep"), 1}},
                        QJsonArray{QJsonObject{{field, QJsonObject{{QStringLiteral("x"), value}}}}}}}};
        const QByteArray body = redactor.redactBody(QJsonDocument(json).toJson(), "application/json; charset=UTF-8");
        QVERIFY2(!body.contains(value.toUtf8()), body.constData());
        const QJsonObject expected{{QStringLiteral("outer"),
                                    QJsonArray{QJsonObject{{field, QStringLiteral("***")}, {QStringLiteral("keep"), 1}},
                                               QJsonArray{QJsonObject{{field, QStringLiteral("***")}}}}}};
        QCOMPARE(QJsonDocument::fromJson(body).object(), expected);

        const QByteArray form =
            redactor.redactBody(field.toUtf8() + '=' + value.toUtf8() + "&a=b", "application/x-www-form-urlencoded");
        QCOMPARE(form, field.toUtf8() + "=***&a=b");

        const QString text = redactor.redactText(QStringLiteral("request failed: ") + field + QStringLiteral("=") +
                                                 value + QStringLiteral(" (errcode 40001)"));
        QVERIFY2(!text.contains(value), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("(errcode 40001)")), qPrintable(text));
    }

    void registeredValuesInUrls()
    {
        const Redactor redactor = makeRedactor();
        const QStringList secrets{corpSecret, accessToken, chineseSecret};
        for (const QString &secret : secrets) {
            QUrl url(QStringLiteral("https://example.com/hook/send"));
            url.setPath(QStringLiteral("/hook/") + secret);
            url.setQuery(QStringLiteral("innocent=") + QString::fromUtf8(QUrl::toPercentEncoding(secret)) +
                         QStringLiteral("&x=中文"));
            url.setFragment(QStringLiteral("frag=") + secret);
            url.setUserName(QStringLiteral("user"));
            url.setPassword(secret);
            const QString redacted = redactor.redactUrl(url);
            verifyNoSecret(redacted.toUtf8(), secrets);
            QVERIFY2(redacted.startsWith(QStringLiteral("https://user:")), qPrintable(redacted));
            QVERIFY2(redacted.contains(QStringLiteral("innocent=***")), qPrintable(redacted));
        }
    }

    void registeredValuesAsQUrlWritesThem()
    {
        // QUrl encodes each part of a URL its own way: a query value keeps '+' and '/' but encodes '=', a path keeps
        // '[' and ']'. A registered value is removed in each of these mixed forms too.
        const QStringList secrets{QStringLiteral("AbC+dEf/GhI+jKl=="), QStringLiteral("key[1]=a+b&c#d 中")};
        Redactor redactor;
        for (const QString &secret : secrets) {
            redactor.addSecretValue(secret);
        }
        for (const QString &secret : secrets) {
            QUrl url(QStringLiteral("https://example.com/"));
            url.setPath(QStringLiteral("/hook/") + secret, QUrl::DecodedMode);
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("state"), secret);
            query.addQueryItem(QStringLiteral("keep"), QStringLiteral("this"));
            url.setQuery(query);
            url.setFragment(secret, QUrl::DecodedMode);
            const QString redacted = redactor.redactUrl(url);
            QVERIFY2(!redacted.contains(url.path(QUrl::FullyEncoded).mid(6)), qPrintable(redacted));
            QVERIFY2(!redacted.contains(query.queryItemValue(QStringLiteral("state"), QUrl::FullyEncoded)),
                     qPrintable(redacted));
            QVERIFY2(!redacted.contains(url.fragment(QUrl::FullyEncoded)), qPrintable(redacted));
            QCOMPARE(redacted, QStringLiteral("https://example.com/hook/***?state=***&keep=this#***"));
            // And where such a URL is quoted in an error text.
            const QString text = redactor.redactText(u"cannot reach " + url.toString(QUrl::FullyEncoded));
            QCOMPARE(text, QStringLiteral("cannot reach https://example.com/hook/***?state=***&keep=this#***"));
        }
    }

    void userInfoPassword()
    {
        const Redactor redactor;
        const QString redacted = redactor.redactUrl(QUrl(QStringLiteral("https://bob:hunter2@example.com/a?b=c")));
        QVERIFY2(!redacted.contains(QStringLiteral("hunter2")), qPrintable(redacted));
        QVERIFY2(redacted.endsWith(QStringLiteral("@example.com/a?b=c")), qPrintable(redacted));
    }

    void registeredValuesInHeaders()
    {
        const Redactor redactor = makeRedactor();
        const Redactor::Headers headers{
            {"Authorization", "Bearer " + accessToken.toUtf8()},
            {"Cookie", "sid=abc; other=def"},
            {"Set-Cookie", "sid=xyz; HttpOnly"},
            {"X-Custom", "prefix-" + corpSecret.toUtf8() + "-suffix"},
            {"X-Echo", chineseSecret.toUtf8()},
            {"Content-Type", "application/json"},
        };
        const Redactor::Headers redacted = redactor.redactHeaders(headers);
        QCOMPARE(redacted.size(), headers.size());
        QCOMPARE(redacted[0], Redactor::Header("Authorization", "***"));
        QCOMPARE(redacted[1], Redactor::Header("Cookie", "***"));
        QCOMPARE(redacted[2], Redactor::Header("Set-Cookie", "***"));
        QCOMPARE(redacted[3], Redactor::Header("X-Custom", "prefix-***-suffix"));
        QCOMPARE(redacted[4], Redactor::Header("X-Echo", "***"));
        QCOMPARE(redacted[5], Redactor::Header("Content-Type", "application/json"));
    }

    void registeredValuesInJsonBodies()
    {
        const Redactor redactor = makeRedactor();
        const QJsonObject json{
            {QStringLiteral("errmsg"),
             QString(QStringLiteral("invalid credential, corpsecret ") + corpSecret + QStringLiteral(" for 企业"))},
            {QStringLiteral("list"),
             QJsonArray{QJsonArray{QJsonObject{{QStringLiteral("note"),
                                                QString(QStringLiteral("前") + accessToken + QStringLiteral("后"))}}},
                        chineseSecret, 42, true, QJsonValue()}},
            {QStringLiteral("标签"), QStringLiteral("普通")},
        };
        const QByteArray body = redactor.redactBody(QJsonDocument(json).toJson(QJsonDocument::Indented), {});
        verifyNoSecret(body, {corpSecret, accessToken, chineseSecret});
        const QJsonObject expected{
            {QStringLiteral("errmsg"), QStringLiteral("invalid credential, corpsecret *** for 企业")},
            {QStringLiteral("list"),
             QJsonArray{QJsonArray{QJsonObject{{QStringLiteral("note"), QStringLiteral("前***后")}}},
                        QStringLiteral("***"), 42, true, QJsonValue()}},
            {QStringLiteral("标签"), QStringLiteral("普通")},
        };
        QCOMPARE(QJsonDocument::fromJson(body).object(), expected);

        // Escaped the way other serializers write it: "\/" and \uXXXX.
        QByteArray escaped = "{\"m\":\"";
        for (QChar c : chineseSecret) {
            if (c.unicode() < 0x80) {
                escaped += c == u'/'   ? QByteArray("\\/")
                           : c == u'"' ? QByteArray("\\\"")
                                       : QByteArray(1, char(c.unicode()));
            } else {
                escaped += "\\u" + QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
            }
        }
        escaped += "\"";
        // Malformed on purpose (no closing brace): redacted as text, where only the escaped form can match.
        const QByteArray redacted = redactor.redactBody(escaped, "application/json");
        QCOMPARE(redacted, QByteArray("{\"m\":\"***\""));
    }

    void jsonKeepsFormattingAndOrder()
    {
        const Redactor redactor = makeRedactor();
        const QByteArray body =
            "{\n  \"z\": 1.5e3,\n  \"\\u0061ccess_token\" : [\"a\", {\"b\": null}],\n"
            "  \"note\": \"say \\\"hi\\\" to bob@example.com\\n\",\n  \"a\": [true, false, -0.5]\n}";
        QCOMPARE(redactor.redactBody(body, "application/json"),
                 QByteArray("{\n  \"z\": 1.5e3,\n  \"\\u0061ccess_token\" : \"***\",\n"
                            "  \"note\": \"say \\\"hi\\\" to b***@example.com\\n\",\n  \"a\": [true, false, -0.5]\n}"));
        // A member name that holds personal data is masked too.
        QCOMPARE(redactor.redactBody("{\"13812345678\":{\"password\":{\"x\":\"alice@example.com\"}}}", {}),
                 QByteArray("{\"138****5678\":{\"password\":\"***\"}}"));
        // Nothing to mask: the very same bytes.
        const QByteArray clean = "[ {\"k\" : \"v\"} , 1 ]";
        QCOMPARE(redactor.redactBody(clean, "application/json").constData(), clean.constData());
    }

    void deepJsonIsReadAsText()
    {
        const Redactor redactor;
        const QByteArray body = QByteArray(1000, '[') + "{\"token\":\"deepValue\"}" + QByteArray(1000, ']');
        const QByteArray redacted = redactor.redactBody(body, "application/json");
        QVERIFY(!redacted.contains("deepValue"));
        QVERIFY(redacted.contains("\"token\":\"***\""));
    }

    void malformedJsonFallsBackToText()
    {
        const Redactor redactor = makeRedactor();
        const QByteArray truncated = "{\"errcode\":0,\"access_token\":\"unregisteredTokenValue\",\"nested\":{\"secret\""
                                     ":{\"a\":[1,2,\"x\"]},\"password\": 12345, \"other\":\"" +
                                     corpSecret.toUtf8() + "\",\"mobile\":\"13812345678\",\"mail\":\"alice@example.com";
        const QByteArray redacted = redactor.redactBody(truncated, "application/json");
        QCOMPARE(redacted, QByteArray("{\"errcode\":0,\"access_token\":\"***\",\"nested\":{\"secret\":\"***\","
                                      "\"password\": ***, \"other\":\"***\",\"mobile\":\"138****5678\","
                                      "\"mail\":\"a***@example.com"));
    }

    void secretThatIsASubstringOfAnother()
    {
        Redactor redactor;
        redactor.addSecretValue(QStringLiteral("abcd1234"));
        redactor.addSecretValue(QStringLiteral("xyz-abcd1234-long-secret"));
        QCOMPARE(redactor.redactText(QStringLiteral("a xyz-abcd1234-long-secret b abcd1234 c")),
                 QStringLiteral("a *** b *** c"));
        // The order of registration does not matter.
        Redactor reversed;
        reversed.addSecretValue(QStringLiteral("xyz-abcd1234-long-secret"));
        reversed.addSecretValue(QStringLiteral("abcd1234"));
        QCOMPARE(reversed.redactText(QStringLiteral("a xyz-abcd1234-long-secret b abcd1234 c")),
                 QStringLiteral("a *** b *** c"));
    }

    void chineseTextAroundSecrets()
    {
        const Redactor redactor = makeRedactor();
        const QString text = QStringLiteral("调用失败：密钥") + corpSecret + QStringLiteral("无效，请联系管理员") +
                             chineseSecret + QStringLiteral("。");
        QCOMPARE(redactor.redactText(text), QStringLiteral("调用失败：密钥***无效，请联系管理员***。"));
        const QByteArray body = redactor.redactBody(text.toUtf8(), "text/plain; charset=utf-8");
        QCOMPARE(QString::fromUtf8(body), QStringLiteral("调用失败：密钥***无效，请联系管理员***。"));
    }

    void errorTexts()
    {
        const Redactor redactor = makeRedactor();
        const QString text =
            QStringLiteral("Error transferring https://qyapi.weixin.qq.com/cgi-bin/user/list?access_token=") +
            QString::fromUtf8(QUrl::toPercentEncoding(accessToken)) +
            QStringLiteral("&department_id=1 - server replied: Forbidden\nAuthorization: Bearer opaque-value\n"
                           "<xml><Token>cbtoken</Token><EncodingAESKey>aeskey43</EncodingAESKey><Id>5</Id></xml>");
        const QString redacted = redactor.redactText(text);
        QCOMPARE(redacted,
                 QStringLiteral("Error transferring https://qyapi.weixin.qq.com/cgi-bin/user/list?access_token=***"
                                "&department_id=1 - server replied: Forbidden\nAuthorization: ***\n"
                                "<xml><Token>***</Token><EncodingAESKey>***</EncodingAESKey><Id>5</Id></xml>"));
    }

    void mobileNumbers_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "13812345678"
                               << "138****5678";
        QTest::newRow("in text") << "手机13912345678，备用"
                                 << "手机139****5678，备用";
        QTest::newRow("+86") << "+8613812345678"
                             << "+86138****5678";
        QTest::newRow("+86 space") << "+86 138 1234 5678"
                                   << "+86 138****5678";
        QTest::newRow("+86-") << "+86-138-1234-5678"
                              << "+86-138****5678";
        QTest::newRow("0086") << "008615912345678"
                              << "0086159****5678";
        QTest::newRow("86") << "tel:8618612345678"
                            << "tel:86186****5678";
        QTest::newRow("19x") << "a 19912345678 b"
                             << "a 199****5678 b";
        QTest::newRow("too long") << "138123456789"
                                  << "138123456789";
        QTest::newRow("too short") << "1381234567"
                                   << "1381234567";
        QTest::newRow("12x not mobile") << "12812345678"
                                        << "12812345678";
        QTest::newRow("inside digits") << "913812345678"
                                       << "913812345678";
        QTest::newRow("two") << "13812345678,13987654321"
                             << "138****5678,139****4321";
        QTest::newRow("timestamp") << "1700000000123"
                                   << "1700000000123";
    }

    void mobileNumbers()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const Redactor redactor;
        QCOMPARE(redactor.redactText(input), expected);
    }

    void emails_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "alice@example.com"
                               << "a***@example.com";
        QTest::newRow("in text") << "发送至 bob.smith+tag@mail.example.co.uk。"
                                 << "发送至 b***@mail.example.co.uk。";
        QTest::newRow("sentence end") << "write to x@y.org."
                                      << "write to x***@y.org.";
        QTest::newRow("no domain") << "user@localhost"
                                   << "user@localhost";
        QTest::newRow("at sign alone") << "a @ b"
                                       << "a @ b";
        QTest::newRow("masked stays") << "a***@example.com"
                                      << "a***@example.com";
        QTest::newRow("numeric tld") << "a@1.2.3.4"
                                     << "a@1.2.3.4";
    }

    void emails()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const Redactor redactor;
        QCOMPARE(redactor.redactText(input), expected);
    }

    void personalDataInJsonAndUrls()
    {
        const Redactor redactor;
        const QJsonObject json{{QStringLiteral("userlist"),
                                QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("张三")},
                                                       {QStringLiteral("mobile"), QStringLiteral("13812345678")},
                                                       {QStringLiteral("email"), QStringLiteral("zhang@corp.cn")},
                                                       {QStringLiteral("userid"), QStringLiteral("zhangsan")}}}}};
        const QByteArray body = redactor.redactBody(QJsonDocument(json).toJson(), "application/json");
        const QJsonObject expected{{QStringLiteral("userlist"),
                                    QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("张三")},
                                                           {QStringLiteral("mobile"), QStringLiteral("138****5678")},
                                                           {QStringLiteral("email"), QStringLiteral("z***@corp.cn")},
                                                           {QStringLiteral("userid"), QStringLiteral("zhangsan")}}}}};
        QCOMPARE(QJsonDocument::fromJson(body).object(), expected);

        const QString url = redactor.redactUrl(
            QUrl(QStringLiteral("https://example.com/find?mobile=13812345678&email=bob%40example.com&q=%E4%B8%AD")));
        QCOMPARE(url, QStringLiteral("https://example.com/find?mobile=138****5678&email=b***@example.com&q=%E4%B8%AD"));
    }

    void formBodies()
    {
        const Redactor redactor = makeRedactor();
        const QByteArray form = "grant_type=client_credential&client_secret=abc%20def&note=" +
                                QUrl::toPercentEncoding(QStringLiteral("含 ") + accessToken) +
                                "&Pass%77ord=x&plus=" + QUrl::toPercentEncoding(corpSecret).replace("%20", "+");
        const QByteArray redacted = redactor.redactBody(form, "application/x-www-form-urlencoded; charset=utf-8");
        verifyNoSecret(redacted, {corpSecret, accessToken});
        QVERIFY2(redacted.startsWith("grant_type=client_credential&client_secret=***&note="), redacted.constData());
        QVERIFY2(redacted.contains("&Pass%77ord=***&"), redacted.constData());
        QCOMPARE(QUrl::fromPercentEncoding(redacted.mid(redacted.indexOf("note=") + 5).split('&').first()),
                 QStringLiteral("含 ***"));
    }

    void arbitraryValuesNeverPassThrough()
    {
        // Random secrets of every printable ASCII character plus Chinese, in every place a call can put them.
        QRandomGenerator random(20240214);
        const QString alphabet = QStringLiteral(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
                                                "abcdefghijklmnopqrstuvwxyz{|}~中文密钥");
        for (int round = 0; round < 200; ++round) {
            QString secret;
            const int length = 8 + int(random.bounded(24));
            for (int i = 0; i < length; ++i) {
                secret += alphabet.at(int(random.bounded(alphabet.size())));
            }
            Redactor redactor;
            redactor.addSecretValue(secret);

            QUrl url(QStringLiteral("https://example.com/p"));
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("v"), secret);
            url.setQuery(query);
            verifyNoSecret(redactor.redactUrl(url).toUtf8(), {secret});
            QUrl inPath(QStringLiteral("https://example.com/"));
            inPath.setPath(QStringLiteral("/") + secret);
            verifyNoSecret(redactor.redactUrl(inPath).toUtf8(), {secret});

            verifyNoSecret(redactor.redactHeaders({{"X-Echo", secret.toUtf8()}}).first().second, {secret});

            const QByteArray json =
                QJsonDocument(QJsonObject{{QStringLiteral("a"),
                                           QJsonArray{QString(QStringLiteral("x") + secret + QStringLiteral("y"))}}})
                    .toJson();
            verifyNoSecret(redactor.redactBody(json, "application/json"), {secret});
            verifyNoSecret(redactor.redactBody(json.chopped(3), "application/json"), {secret});

            const QByteArray form = "a=" + QUrl::toPercentEncoding(secret) + "&b=1";
            verifyNoSecret(redactor.redactBody(form, "application/x-www-form-urlencoded"), {secret});

            verifyNoSecret(redactor.redactText(QStringLiteral("错误：") + secret + QStringLiteral("。")).toUtf8(),
                           {secret});
        }
    }

    void copiesShareSecretsAndThreads()
    {
        Redactor original;
        const Redactor copy = original;
        original.addSecretValue(QStringLiteral("sharedSecretValue"));
        QCOMPARE(copy.redactText(QStringLiteral("x sharedSecretValue y")), QStringLiteral("x *** y"));

        // Readers and a writer at once (the run under TSan or ASan is what proves it).
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([copy, t] {
                for (int i = 0; i < 500; ++i) {
                    const QString out = copy.redactText(QStringLiteral("a sharedSecretValue b %1").arg(t));
                    if (out.contains(QStringLiteral("sharedSecretValue"))) {
                        qFatal("secret passed through");
                    }
                }
            });
        }
        threads.emplace_back([original]() mutable {
            for (int i = 0; i < 200; ++i) {
                original.addSecretValue(QStringLiteral("another%1").arg(i));
            }
        });
        for (auto &thread : threads) {
            thread.join();
        }
        QCOMPARE(copy.redactText(QStringLiteral("another150")), QStringLiteral("***"));
    }

    void nothingToRedact()
    {
        const Redactor redactor = makeRedactor();
        QCOMPARE(redactor.redactText(QString()), QString());
        QCOMPARE(redactor.redactBody(QByteArray(), "application/json"), QByteArray());
        QCOMPARE(redactor.redactText(QStringLiteral("errcode=0, errmsg: ok")), QStringLiteral("errcode=0, errmsg: ok"));
        QCOMPARE(redactor.redactBody("plain text", "text/plain"), QByteArray("plain text"));
        QCOMPARE(redactor.redactUrl(QUrl(QStringLiteral("https://example.com/a/b?x=1&y=2#top"))),
                 QStringLiteral("https://example.com/a/b?x=1&y=2#top"));
        QCOMPARE(redactor.redactBody("{\"a\":[1,2,{\"b\":\"c\"}]}", "application/json"),
                 QByteArray("{\"a\":[1,2,{\"b\":\"c\"}]}"));
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
