#include "WeComServiceType.h"

#include "connectors/wecom/WeComConnectionTest.h"
#include "connectors/wecom/WeComSync.h"

#include "services/ServiceTypeRegistry.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ic::connectors::wecom {

using ic::services::ServiceType;

namespace {

class WeCom {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::wecom::WeCom)
};

bool matchesAll(const QString &value, const QString &pattern)
{
    const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
    return re.match(value).hasMatch();
}

/// WeCom app secrets are 43 characters; accept a little more variety than WeCom issues today, but never
/// white space, so a value pasted with a stray space or newline is caught here.
std::optional<QString> validateAppSecret(const QString &value)
{
    if (value.size() < 16 || value.size() > 128) {
        return WeCom::tr("must be the secret as WeCom shows it (43 characters; this value has "
                         "%n character(s))",
                         nullptr, int(value.size()));
    }
    if (!matchesAll(value, QStringLiteral("[A-Za-z0-9_\\-]+"))) {
        return WeCom::tr("may contain only letters, digits, '-' and '_' (check for spaces copied along with it)");
    }
    return std::nullopt;
}

} // namespace

const QString &typeId()
{
    static const QString id = QStringLiteral("wecom");
    return id;
}

ServiceType serviceType()
{
    using services::FieldKind;
    using services::FieldSpec;

    ServiceType type;
    type.id = typeId();
    type.category = QStringLiteral("im");
    type.testConnection = testConnection;
    type.sync = syncProvider();
    type.displayName = WeCom::tr("WeCom (企业微信)");
    type.description = WeCom::tr("WeCom organisation, staff and external contacts (客户联系).");
    type.defaultTimeoutMs = 15000;

    FieldSpec corpId;
    corpId.key = QStringLiteral("corp_id");
    corpId.label = WeCom::tr("Corp ID");
    corpId.hint =
        WeCom::tr("WeCom admin console: My Company (我的企业) > Company Information (企业信息) > Corp ID (企业ID), "
                  "e.g. ww0123456789abcdef.");
    corpId.required = true;
    corpId.validate = [](const QString &value) -> std::optional<QString> {
        if (!matchesAll(value, QStringLiteral("w[wx][0-9A-Za-z]{16}"))) {
            return WeCom::tr("must be 18 characters starting with \"ww\" (or \"wx\" for older corps), e.g. "
                             "ww0123456789abcdef");
        }
        return std::nullopt;
    };
    type.fields.append(corpId);

    FieldSpec agentId;
    agentId.key = QStringLiteral("agent_id");
    agentId.label = WeCom::tr("Agent ID");
    agentId.hint = WeCom::tr("App Management (应用管理) > your self-built app > AgentId. Needed to send messages.");
    agentId.kind = FieldKind::Integer;
    agentId.minimum = 1;
    agentId.maximum = 2147483647;
    type.fields.append(agentId);

    FieldSpec apiBase;
    apiBase.key = QStringLiteral("api_base");
    apiBase.label = WeCom::tr("API base URL");
    apiBase.hint =
        WeCom::tr("Leave the default for WeCom itself. Point it at a sandbox (http://127.0.0.1:PORT) for tests "
                  "and training.");
    apiBase.kind = FieldKind::Url;
    apiBase.defaultValue = defaultApiBase();
    type.fields.append(apiBase);

    // The three application secrets: same shape and validation, different origin in the admin console.
    auto appSecret = [&type](const QString &key, const QString &label, const QString &hint) {
        FieldSpec secret;
        secret.key = key;
        secret.label = label;
        secret.hint = hint;
        secret.kind = FieldKind::Secret;
        secret.validate = validateAppSecret;
        type.fields.append(secret);
    };
    appSecret(QStringLiteral("corp_secret"), WeCom::tr("App secret"),
              WeCom::tr("App Management (应用管理) > your self-built app > Secret. Used for messages; the app only "
                        "sees its visible range (可见范围)."));
    appSecret(QStringLiteral("contacts_secret"), WeCom::tr("Contacts sync secret"),
              WeCom::tr("Management Tools (管理工具) > Contacts Sync (通讯录同步) > Secret. Reads the whole "
                        "organisation."));
    appSecret(QStringLiteral("customer_secret"), WeCom::tr("Customer contact secret"),
              WeCom::tr("Customer Contact (客户联系) > API (API) > Secret, or the secret of a self-built app "
                        "listed under 可调用接口的应用."));

    FieldSpec callbackToken;
    callbackToken.key = QStringLiteral("callback_token");
    callbackToken.label = WeCom::tr("Callback token");
    callbackToken.hint =
        WeCom::tr("The app's Receive Messages (接收消息) settings > Token: up to 32 letters and digits.");
    callbackToken.kind = FieldKind::Secret;
    callbackToken.validate = [](const QString &value) -> std::optional<QString> {
        if (!matchesAll(value, QStringLiteral("[A-Za-z0-9]{1,32}"))) {
            return WeCom::tr("must be 1 to 32 letters and digits");
        }
        return std::nullopt;
    };
    type.fields.append(callbackToken);

    FieldSpec aesKey;
    aesKey.key = QStringLiteral("encoding_aes_key");
    aesKey.label = WeCom::tr("EncodingAESKey");
    aesKey.hint = WeCom::tr("The app's Receive Messages (接收消息) settings > EncodingAESKey.");
    aesKey.kind = FieldKind::Secret;
    aesKey.validate = [](const QString &value) -> std::optional<QString> {
        if (value.size() != 43 || !matchesAll(value, QStringLiteral("[A-Za-z0-9]{43}"))) {
            return WeCom::tr("must be exactly 43 characters of A-Z, a-z and 0-9 (this value has "
                             "%n character(s))",
                             nullptr, int(value.size()));
        }
        return std::nullopt;
    };
    type.fields.append(aesKey);

    return type;
}

QString defaultApiBase()
{
    return QStringLiteral("https://qyapi.weixin.qq.com");
}

void registerServiceTypes(ic::services::ServiceTypeRegistry &registry)
{
    registry.add(serviceType());
}

} // namespace ic::connectors::wecom
