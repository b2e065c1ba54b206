// WeCom errcodes as the product's errors (connectors/wecom/WeComErrors.h): the code and retry flag each maps to,
// a message and an actionable hint for every known code, hints that name the right secret and the right place
// in the admin console, and nothing of the call but errmsg in the error.

#include "connectors/wecom/WeComErrors.h"

#include <QTest>
#include <QTranslator>

using namespace ic;
using namespace ic::connectors::wecom;

namespace {

/// An errmsg as WeCom writes it (wecom-api.md §1).
QString errmsgFor(int errcode)
{
    return QStringLiteral("some text, hint: [1651125626252370061579454], from ip: 203.0.113.7, more info at "
                          "https://open.work.weixin.qq.com/devtool/query?e=%1")
        .arg(errcode);
}

Error errorFor(int errcode, const QString &endpoint = QStringLiteral("user/get"),
               std::optional<SecretKind> kind = SecretKind::Contacts)
{
    return weComError(errcode, errmsgFor(errcode), endpoint, kind);
}

QList<std::optional<SecretKind>> everyKind()
{
    return {std::nullopt, SecretKind::App, SecretKind::Contacts, SecretKind::Customer};
}

class MarkingTranslator : public QTranslator {
public:
    static QString marker() { return QStringLiteral("〔zh〕"); }
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char * /*disambiguation*/,
                      int /*n*/) const override
    {
        if (!QByteArray(context).startsWith("ic::connectors::wecom::")) {
            return {};
        }
        return marker() + QString::fromUtf8(sourceText);
    }
};

} // namespace

class TestWeComErrors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyKnownCodeHasMessageHintAndDetail()
    {
        const QList<int> codes = knownErrcodes();
        QVERIFY(std::is_sorted(codes.cbegin(), codes.cend()));
        // The codes the reference names (§2.1, §2.2, §6.1) and those the sandbox answers.
        for (int code : {-1,    6000,  40001, 40003, 40013, 40014, 40050, 40056, 40058, 40063, 40082, 40091, 40096,
                         41001, 41002, 41004, 42001, 42009, 44004, 45002, 45009, 45029, 45033, 46004, 47001, 48002,
                         48009, 60003, 60011, 60020, 60111, 60123, 81013, 81017, 84061, 84074, 301002}) {
            QVERIFY2(codes.contains(code), qPrintable(QString::number(code)));
        }
        for (int code : codes) {
            for (const auto &kind : everyKind()) {
                for (const QString &endpoint : {QStringLiteral("gettoken"), QStringLiteral("user/list_id"),
                                                QStringLiteral("externalcontact/batch/get_by_user"),
                                                QStringLiteral("message/send"), QStringLiteral("no/such/api")}) {
                    const Error error = weComError(code, errmsgFor(code), endpoint, kind);
                    const QString where = QStringLiteral("%1 %2").arg(code).arg(endpoint);
                    QVERIFY2(!error.message.isEmpty(), qPrintable(where));
                    QVERIFY2(error.message.contains(endpoint), qPrintable(where + QLatin1Char(' ') + error.message));
                    QVERIFY2(!error.message.contains(QStringLiteral("%1")), qPrintable(error.message));
                    QVERIFY2(!error.hint.isEmpty(), qPrintable(where));
                    QVERIFY2(!error.hint.contains(QStringLiteral("%1")) && !error.hint.contains(QStringLiteral("%2")),
                             qPrintable(error.hint));
                    QCOMPARE(error.detail, QStringLiteral("errcode %1: %2").arg(code).arg(errmsgFor(code)));
                    QVERIFY(error.field.isEmpty());
                }
            }
        }
    }

    void codesAndRetries_data()
    {
        QTest::addColumn<int>("errcode");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<int>("code"); // ErrorCode
        QTest::addColumn<bool>("retryable");
        const QString business = QStringLiteral("user/get");
        const QString token = QStringLiteral("gettoken");
        const auto row = [](int errcode, const QString &endpoint, ErrorCode code, bool retryable) {
            QTest::addRow("%d %s", errcode, qPrintable(endpoint)) << errcode << endpoint << int(code) << retryable;
        };
        row(-1, business, ErrorCode::Provider, true);
        row(6000, business, ErrorCode::Provider, true);
        row(45009, business, ErrorCode::Provider, true);
        row(45009, token, ErrorCode::Provider, true);
        row(45033, business, ErrorCode::Provider, true);
        row(40014, business, ErrorCode::Credential, true);
        row(42001, business, ErrorCode::Credential, true);
        row(40001, business, ErrorCode::Credential, true); // refreshed once on a business API
        row(40001, token, ErrorCode::Credential, false);   // a wrong secret
        row(40013, token, ErrorCode::Credential, false);
        row(40091, token, ErrorCode::Credential, false);
        row(41002, token, ErrorCode::Credential, false);
        row(41004, token, ErrorCode::Credential, false);
        row(40082, business, ErrorCode::Credential, false);
        row(42009, business, ErrorCode::Credential, false);
        row(48002, business, ErrorCode::Configuration, false);
        row(48009, business, ErrorCode::Configuration, false);
        row(60011, business, ErrorCode::Configuration, false);
        row(60020, business, ErrorCode::Configuration, false);
        row(84074, business, ErrorCode::Configuration, false);
        row(40056, business, ErrorCode::Configuration, false);
        row(301002, business, ErrorCode::Configuration, false);
        row(40003, business, ErrorCode::NotFound, false);
        row(46004, business, ErrorCode::NotFound, false);
        row(60111, business, ErrorCode::NotFound, false);
        row(60003, business, ErrorCode::NotFound, false);
        row(60123, business, ErrorCode::NotFound, false);
        row(40096, business, ErrorCode::NotFound, false);
        row(40050, business, ErrorCode::NotFound, false);
        row(84061, business, ErrorCode::NotFound, false);
        row(44004, business, ErrorCode::InvalidInput, false);
        row(45002, business, ErrorCode::InvalidInput, false);
        row(81013, business, ErrorCode::InvalidInput, false);
        row(41001, business, ErrorCode::Internal, false);
        row(40063, business, ErrorCode::Internal, false);
        row(47001, business, ErrorCode::Internal, false);
        row(40058, business, ErrorCode::Provider, false);
        row(45029, business, ErrorCode::Provider, false);
        row(81017, business, ErrorCode::Provider, false);
        row(99999, business, ErrorCode::Provider, false); // unknown
    }

    void codesAndRetries()
    {
        QFETCH(int, errcode);
        QFETCH(QString, endpoint);
        QFETCH(int, code);
        QFETCH(bool, retryable);
        const Error error = weComError(errcode, QStringLiteral("text"), endpoint, std::nullopt);
        QCOMPARE(error.codeName(), Error::codeName(ErrorCode(code)));
        QCOMPARE(error.retryable, retryable);
    }

    void predicates()
    {
        QVERIFY(isTokenInvalid(40014, QStringLiteral("user/get")));
        QVERIFY(isTokenInvalid(42001, QStringLiteral("externalcontact/batch/get_by_user")));
        QVERIFY(isTokenInvalid(40014, QStringLiteral("gettoken")));
        QVERIFY(isTokenInvalid(40001, QStringLiteral("user/get")));
        QVERIFY(isTokenInvalid(40001, QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/user/get?access_token=T")));
        // From gettoken 40001 is a wrong secret: refreshing would only ask again with the same secret.
        QVERIFY(!isTokenInvalid(40001, QStringLiteral("gettoken")));
        QVERIFY(!isTokenInvalid(40001, QString()));
        QVERIFY(!isTokenInvalid(40001, QStringLiteral("http://127.0.0.1:9/cgi-bin/gettoken?corpid=ww&corpsecret=S")));
        for (int code : {40082, 42009, 41001, 40013, 45009, -1, 0, 84061}) {
            QVERIFY2(!isTokenInvalid(code, QStringLiteral("user/get")), qPrintable(QString::number(code)));
        }

        QVERIFY(isRateLimited(45009));
        QVERIFY(isRateLimited(45033));
        for (int code : {-1, 0, 45002, 45029, 40014}) {
            QVERIFY(!isRateLimited(code));
        }

        for (int code : {40001, 40013, 40091, 41002, 41004, 40082, 42009}) {
            QVERIFY2(isCredentialError(code), qPrintable(QString::number(code)));
        }
        for (int code : {40014, 42001, 48002, 60020, 60011, -1, 45009, 84061, 0, 99999}) {
            QVERIFY2(!isCredentialError(code), qPrintable(QString::number(code)));
        }

        QVERIFY(isNoCustomers(84061));
        QVERIFY(!isNoCustomers(0));
        QVERIFY(!isNoCustomers(40096));
    }

    void permissionHintsNameTheSecretThatMayCall()
    {
        const QString contacts = secretDisplayName(SecretKind::Contacts);
        const QString app = secretDisplayName(SecretKind::App);
        const QString customer = secretDisplayName(SecretKind::Customer);
        const auto hint = [](const QString &endpoint, std::optional<SecretKind> kind) {
            return weComError(48002, QStringLiteral("api forbidden"), endpoint, kind).hint;
        };

        // user/list_id: only the contacts-sync secret (doc 96067).
        for (const auto &kind :
             {std::optional(SecretKind::App), std::optional(SecretKind::Customer), std::optional<SecretKind>()}) {
            const QString text = hint(QStringLiteral("user/list_id"), kind);
            QVERIFY2(text.contains(contacts), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("通讯录同步")), qPrintable(text));
            QVERIFY2(text.contains(secretWhereToFind(SecretKind::Contacts)), qPrintable(text));
        }
        QVERIFY(hint(QStringLiteral("user/list_id"), SecretKind::App).contains(app)); // says which one was refused

        // message/send: only the app secret.
        const QString send = hint(QStringLiteral("message/send"), SecretKind::Contacts);
        QVERIFY2(send.contains(app), qPrintable(send));
        QVERIFY2(send.contains(QStringLiteral("应用管理")), qPrintable(send));
        QVERIFY2(!send.contains(customer), qPrintable(send));

        // Customer APIs with the contacts secret: the customer secret, or an app listed under 可调用接口的应用.
        const QString batch = hint(QStringLiteral("externalcontact/batch/get_by_user"), SecretKind::Contacts);
        QVERIFY2(batch.contains(customer), qPrintable(batch));
        QVERIFY2(batch.contains(QStringLiteral("可调用接口的应用")), qPrintable(batch));
        // With the app secret, which the table allows: the app must be listed first.
        const QString appBatch = hint(QStringLiteral("externalcontact/list"), SecretKind::App);
        QVERIFY2(appBatch.contains(QStringLiteral("可调用接口的应用")), qPrintable(appBatch));
        QVERIFY2(appBatch.contains(customer), qPrintable(appBatch));
        // With the customer secret: the 2023-12-01 rule for new corps.
        const QString customerBatch = hint(QStringLiteral("externalcontact/get_corp_tag_list"), SecretKind::Customer);
        QVERIFY2(customerBatch.contains(QStringLiteral("2023")), qPrintable(customerBatch));
        QVERIFY2(customerBatch.contains(QStringLiteral("可调用接口的应用")), qPrintable(customerBatch));

        // Org reads with the customer secret: the contacts secret, and the app secret within its visible range.
        const QString org = hint(QStringLiteral("department/list"), SecretKind::Customer);
        QVERIFY2(org.contains(contacts) && org.contains(app) && org.contains(QStringLiteral("可见范围")),
                 qPrintable(org));
        // An API outside the table still gets advice.
        QVERIFY(!hint(QStringLiteral("agent/get"), SecretKind::App).isEmpty());
    }

    void credentialHintsSayWhereToLook()
    {
        const QString corpIdPlace = QStringLiteral("企业ID");
        const QString appPlace = QStringLiteral("应用管理");
        const QString contactsPlace = QStringLiteral("通讯录同步");
        const QString customerPlace = QStringLiteral("客户联系");

        const Error corp = errorFor(40013, QStringLiteral("gettoken"), SecretKind::App);
        QVERIFY2(corp.hint.contains(QStringLiteral("我的企业")) && corp.hint.contains(corpIdPlace),
                 qPrintable(corp.hint));

        for (int code : {40001, 40091, 41004}) {
            const Error app = errorFor(code, QStringLiteral("gettoken"), SecretKind::App);
            QVERIFY2(app.hint.contains(appPlace) && app.hint.contains(corpIdPlace), qPrintable(app.hint));
            QVERIFY(app.hint.contains(secretDisplayName(SecretKind::App)));
            const Error contacts = errorFor(code, QStringLiteral("gettoken"), SecretKind::Contacts);
            QVERIFY2(contacts.hint.contains(contactsPlace) && contacts.hint.contains(QStringLiteral("管理工具")),
                     qPrintable(contacts.hint));
            QVERIFY(!contacts.hint.contains(appPlace));
            const Error customer = errorFor(code, QStringLiteral("gettoken"), SecretKind::Customer);
            QVERIFY2(customer.hint.contains(customerPlace), qPrintable(customer.hint));
            // Unknown kind: every secret that may call the API.
            const Error unknown = errorFor(code, QStringLiteral("user/list_id"), std::nullopt);
            QVERIFY2(unknown.hint.contains(contactsPlace) && !unknown.hint.contains(appPlace),
                     qPrintable(unknown.hint));
            const Error anyKind = errorFor(code, QStringLiteral("gettoken"), std::nullopt);
            QVERIFY(anyKind.hint.contains(appPlace) && anyKind.hint.contains(contactsPlace) &&
                    anyKind.hint.contains(customerPlace));
        }

        for (int code : {40014, 42001}) {
            QVERIFY(errorFor(code).hint.contains(QStringLiteral("new token")));
        }
    }

    void configurationHintsSayWhereToLook()
    {
        const Error contactsIp = errorFor(60020, QStringLiteral("user/list_id"), SecretKind::Contacts);
        QVERIFY2(contactsIp.hint.contains(QStringLiteral("企业可信IP")) &&
                     contactsIp.hint.contains(QStringLiteral("通讯录同步")),
                 qPrintable(contactsIp.hint));
        const Error appIp = errorFor(60020, QStringLiteral("message/send"), SecretKind::App);
        QVERIFY2(appIp.hint.contains(QStringLiteral("企业可信IP")) && appIp.hint.contains(QStringLiteral("应用管理")),
                 qPrintable(appIp.hint));
        QVERIFY(!appIp.hint.contains(QStringLiteral("通讯录同步")));
        QVERIFY(errorFor(60020, QStringLiteral("user/get"), std::nullopt).hint.contains(QStringLiteral("企业可信IP")));
        QVERIFY(errorFor(48009).hint.contains(QStringLiteral("企业可信IP")));

        QVERIFY(errorFor(60011).hint.contains(QStringLiteral("可见范围")));
        const QString rate = errorFor(45009).hint;
        QVERIFY2(rate.contains(QStringLiteral("retried")) && rate.contains(QStringLiteral("rate limit")) &&
                     rate.contains(QStringLiteral("in-flight")),
                 qPrintable(rate));
        QVERIFY(errorFor(45033).hint.contains(QStringLiteral("in-flight")));
        QVERIFY(errorFor(-1).hint.contains(QStringLiteral("retried")));
        QVERIFY(errorFor(84061).hint.contains(QStringLiteral("not as a failure")));
        QVERIFY(errorFor(301002).hint.contains(QStringLiteral("AgentId")));
        QVERIFY(errorFor(84074).hint.contains(QStringLiteral("可调用接口的应用")));
    }

    void unknownCodesKeepCodeAndText()
    {
        const Error error =
            weComError(99999, QStringLiteral("something new"), QStringLiteral("user/get"), std::nullopt);
        QCOMPARE(error.code, ErrorCode::Provider);
        QVERIFY(!error.retryable);
        QVERIFY2(error.message.contains(QStringLiteral("99999")) &&
                     error.message.contains(QStringLiteral("something new")) &&
                     error.message.contains(QStringLiteral("user/get")),
                 qPrintable(error.message));
        QCOMPARE(error.detail, QStringLiteral("errcode 99999: something new"));
        QVERIFY(error.hint.contains(QStringLiteral("https://open.work.weixin.qq.com/devtool/query?e=99999")));
        // errmsg is text, not a format: "%1" in it stays as it is.
        QCOMPARE(weComError(99999, QStringLiteral("50% %1 %2"), {}, std::nullopt).detail,
                 QStringLiteral("errcode 99999: 50% %1 %2"));
        QVERIFY(weComError(99999, QStringLiteral("50% %1 %2"), {}, std::nullopt)
                    .message.endsWith(QStringLiteral(": 50% %1 %2")));
    }

    void nothingButErrmsgReachesTheError()
    {
        // Secrets and tokens a careless caller might pass along in the endpoint's query.
        const QString secret = QStringLiteral("Zx9SecretValueThatMustNeverAppear0123456789ab");
        const QString token = QStringLiteral("AccessTokenThatMustNeverAppear");
        const QList<QString> endpoints{
            QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww0123456789abcdef&corpsecret=") +
                secret,
            QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/user/list_id?access_token=") + token,
            QStringLiteral("/cgi-bin/message/send?access_token=") + token + QStringLiteral("#") + secret,
            QStringLiteral("externalcontact/list?access_token=") + token + QStringLiteral("&userid=") + secret};
        QList<int> codes = knownErrcodes();
        codes.append(99999);
        for (int code : codes) {
            for (const auto &kind : everyKind()) {
                for (const QString &endpoint : endpoints) {
                    const QString errmsg = QStringLiteral("redacted text");
                    const Error error = weComError(code, errmsg, endpoint, kind);
                    const QString all = error.message + QLatin1Char('\n') + error.hint + QLatin1Char('\n') +
                                        error.detail + QLatin1Char('\n') + error.field;
                    QVERIFY2(!all.contains(secret), qPrintable(all));
                    QVERIFY2(!all.contains(token), qPrintable(all));
                    QVERIFY2(!all.contains(QStringLiteral("access_token")), qPrintable(all));
                    QVERIFY2(!all.contains(QStringLiteral("corpsecret")), qPrintable(all));
                    // errmsg passes through as given, in the detail.
                    QCOMPARE(error.detail, QStringLiteral("errcode %1: %2").arg(code).arg(errmsg));
                }
            }
        }
    }

    void textsAreTranslated()
    {
        MarkingTranslator translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QList<Error> errors;
        QList<int> codes = knownErrcodes();
        codes.append(99999);
        for (int code : codes) {
            for (const auto &kind : everyKind()) {
                errors.append(weComError(code, QStringLiteral("text"), QStringLiteral("user/list_id"), kind));
                errors.append(weComError(code, QStringLiteral("text"), QStringLiteral("externalcontact/list"), kind));
            }
        }
        QCoreApplication::removeTranslator(&translator);

        const QString marker = MarkingTranslator::marker();
        for (const Error &error : errors) {
            QVERIFY2(error.message.startsWith(marker), qPrintable(error.message));
            QVERIFY2(error.hint.startsWith(marker), qPrintable(error.hint));
            QVERIFY2(!error.detail.contains(marker), qPrintable(error.detail)); // technical, not translated
        }
        // Composed hints translate each part: the secret's label and its place come from the service type.
        const Error composed = errors.at(knownErrcodes().indexOf(48002) * 8 + 2); // user/list_id with the app secret
        QVERIFY2(composed.hint.count(marker) >= 3, qPrintable(composed.hint));
    }
};

QTEST_GUILESS_MAIN(TestWeComErrors)
#include "tst_wecomerrors.moc"
