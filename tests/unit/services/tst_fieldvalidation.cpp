// Field schemas and validation: the WeCom fields, the generic kinds, and the connector registry.

#include "connectors/wecom/WeComServiceType.h"
#include "db/Repositories.h"
#include "services/FieldValidation.h"
#include "services/ServiceConfigService.h"
#include "services/ServiceTypeRegistry.h"

#include <QTest>

using namespace ic::services;

class TestFieldValidation : public QObject {
    Q_OBJECT

private:
    static const FieldSpec &wecomField(const QString &key)
    {
        static const ServiceType type = ic::connectors::wecom::serviceType();
        const FieldSpec *spec = type.field(key);
        Q_ASSERT(spec);
        return *spec;
    }

private Q_SLOTS:
    void registryHasEveryConnectorFolder()
    {
        const auto &registry = ServiceTypeRegistry::builtin();
        QVERIFY(registry.find(QStringLiteral("wecom")));
        QVERIFY(registry.find(QStringLiteral("dingtalk")));
        QVERIFY(!registry.find(QStringLiteral("fax")));
        for (const auto &type : registry.all()) {
            QVERIFY2(categoryIds().contains(type.category), qPrintable(type.id));
            QVERIFY(!type.displayName.isEmpty());
            for (const auto &field : type.fields) {
                QVERIFY2(!field.label.isEmpty() && !field.hint.isEmpty(), qPrintable(type.id + field.key));
            }
        }
    }

    void wecomSchema()
    {
        const ServiceType type = ic::connectors::wecom::serviceType();
        QCOMPARE(type.fieldKeys(), (QStringList{QStringLiteral("corp_id"), QStringLiteral("agent_id"),
                                                QStringLiteral("api_base"), QStringLiteral("corp_secret"),
                                                QStringLiteral("contacts_secret"), QStringLiteral("customer_secret"),
                                                QStringLiteral("callback_token"), QStringLiteral("encoding_aes_key")}));
        QStringList secrets;
        for (const auto &field : type.fields) {
            if (field.isSecret()) {
                secrets.append(field.key);
            }
        }
        QCOMPARE(secrets.size(), 5);
        QVERIFY(type.field(QStringLiteral("corp_id"))->required);
        QCOMPARE(type.field(QStringLiteral("api_base"))->defaultValue, QStringLiteral("https://qyapi.weixin.qq.com"));
    }

    void wecomValues_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        const QString aes43 = QStringLiteral("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        QTest::newRow("aes key 43") << "encoding_aes_key" << aes43 << true;
        QTest::newRow("aes key 42") << "encoding_aes_key" << aes43.left(42) << false;
        QTest::newRow("aes key 44") << "encoding_aes_key" << aes43 + QLatin1Char('x') << false;
        QTest::newRow("aes key symbol") << "encoding_aes_key" << aes43.left(42) + QLatin1Char('+') << false;
        QTest::newRow("aes key space") << "encoding_aes_key" << aes43.left(42) + QLatin1Char(' ') << false;
        QTest::newRow("corp id") << "corp_id"
                                 << "ww0123456789abcdef" << true;
        QTest::newRow("old corp id") << "corp_id"
                                     << "wx0123456789ABCDEF" << true;
        QTest::newRow("corp id short") << "corp_id"
                                       << "ww0123" << false;
        QTest::newRow("corp id prefix") << "corp_id"
                                        << "ab0123456789abcdef" << false;
        QTest::newRow("agent id") << "agent_id"
                                  << "1000002" << true;
        QTest::newRow("agent id text") << "agent_id"
                                       << "abc" << false;
        QTest::newRow("agent id zero") << "agent_id"
                                       << "0" << false;
        QTest::newRow("https base") << "api_base"
                                    << "https://qyapi.weixin.qq.com" << true;
        QTest::newRow("sandbox base") << "api_base"
                                      << "http://127.0.0.1:18080" << true;
        QTest::newRow("localhost base") << "api_base"
                                        << "http://localhost:8080/" << true;
        QTest::newRow("plain http remote") << "api_base"
                                           << "http://qyapi.weixin.qq.com" << false;
        QTest::newRow("not a url") << "api_base"
                                   << "qyapi" << false;
        QTest::newRow("token") << "callback_token"
                               << "Abc123" << true;
        QTest::newRow("token too long") << "callback_token" << QString(33, QLatin1Char('a')) << false;
        QTest::newRow("token symbol") << "callback_token"
                                      << "abc-123" << false;
        QTest::newRow("secret") << "corp_secret"
                                << "Yg0vQ3oVvXh0nBY0TtHgsyUZYmMoAXXnIc4JcbcAU0I" << true;
        QTest::newRow("secret with newline") << "corp_secret"
                                             << "Yg0vQ3oVvXh0nBY0TtHgsyUZYmMoAXXnIc4JcbcAU0I\n"
                                             << false;
        QTest::newRow("secret short") << "corp_secret"
                                      << "abc" << false;
    }

    void wecomValues()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        const auto reason = validateField(wecomField(field), value);
        QVERIFY2(reason.has_value() != valid, reason ? qPrintable(*reason) : "accepted");
        if (reason && wecomField(field).isSecret()) {
            QVERIFY2(!reason->contains(value.trimmed()), "a reason never quotes a secret");
        }
    }

    void requiredAndEmpty()
    {
        QVERIFY(validateField(wecomField(QStringLiteral("corp_id")), QString()).has_value());
        QVERIFY(!validateField(wecomField(QStringLiteral("agent_id")), QString()).has_value());
    }

    void genericKinds()
    {
        FieldSpec flag;
        flag.kind = FieldKind::Boolean;
        QVERIFY(!validateField(flag, QStringLiteral("yes")));
        QCOMPARE(normaliseField(flag, QStringLiteral("On")), QStringLiteral("true"));
        QCOMPARE(normaliseField(flag, QStringLiteral("0")), QStringLiteral("false"));
        QVERIFY(validateField(flag, QStringLiteral("maybe")));

        FieldSpec choice;
        choice.kind = FieldKind::Choice;
        choice.choices = {QStringLiteral("tls"), QStringLiteral("starttls")};
        QVERIFY(!validateField(choice, QStringLiteral("tls")));
        QVERIFY(validateField(choice, QStringLiteral("ssl"))->contains(QStringLiteral("starttls")));

        FieldSpec number;
        number.kind = FieldKind::Integer;
        number.minimum = 1000;
        number.maximum = 600000;
        QVERIFY(validateField(number, QStringLiteral("999")));
        QVERIFY(!validateField(number, QStringLiteral("0001000")));
        QCOMPARE(normaliseField(number, QStringLiteral("0001000")), QStringLiteral("1000"));

        FieldSpec url;
        url.kind = FieldKind::Url;
        QCOMPARE(normaliseField(url, QStringLiteral(" https://example.com/api/ ")),
                 QStringLiteral("https://example.com/api"));
    }

    void commonFields()
    {
        const auto common = ServiceConfigService::commonFields();
        QStringList keys;
        for (const auto &field : common) {
            QVERIFY(!field.isSecret());
            QVERIFY2(!field.label.isEmpty() && !field.hint.isEmpty(), qPrintable(field.key));
            keys << field.key;
        }
        QCOMPARE(keys,
                 (QStringList{QStringLiteral("description"), QStringLiteral("timeout_ms"), QStringLiteral("priority"),
                              QStringLiteral("retry_max_attempts"), QStringLiteral("retry_base_delay_ms"),
                              QStringLiteral("retry_max_delay_ms"), QStringLiteral("rate_limit_wait_ms"),
                              QStringLiteral("breaker_failures"), QStringLiteral("breaker_cooldown_ms"),
                              QStringLiteral("rate_per_second"), QStringLiteral("rate_burst"),
                              QStringLiteral("max_in_flight"), QStringLiteral("ca_file")}));
    }

    void callSettingsRoundTrip()
    {
        // Each call setting lands in the JSON column HttpClientConfig::fromService() reads, and reads back.
        ic::db::ServiceConfigRecord record;
        record.retryPolicy.insert(QStringLiteral("max_attempts"), 6);
        record.rateLimit.insert(QStringLiteral("max_in_flight"), 4);
        QCOMPARE(ServiceConfigService::fieldValue(record, QStringLiteral("retry_max_attempts")), QStringLiteral("6"));
        QCOMPARE(ServiceConfigService::fieldValue(record, QStringLiteral("max_in_flight")), QStringLiteral("4"));
        QCOMPARE(ServiceConfigService::fieldValue(record, QStringLiteral("rate_burst")), QString());
    }
};

QTEST_GUILESS_MAIN(TestFieldValidation)
#include "tst_fieldvalidation.moc"
