#include "WeComServiceType.h"

#include "services/ServiceTypeRegistry.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ic::connectors::wecom {

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

ic::services::ServiceType serviceType()
{
    using ic::services::FieldKind;
    using ic::services::FieldSpec;

    ic::services::ServiceType type;
    type.id = typeId();
    type.category = QStringLiteral("im");
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

    FieldSpec corpSecret;
    corpSecret.key = QStringLiteral("corp_secret");
    corpSecret.label = WeCom::tr("App secret");
    corpSecret.hint =
        WeCom::tr("App Management (应用管理) > your self-built app > Secret. Used for messages; the app only "
                  "sees its visible range (可见范围).");
    corpSecret.kind = FieldKind::Secret;
    corpSecret.validate = validateAppSecret;
    type.fields.append(corpSecret);

    FieldSpec contactsSecret;
    contactsSecret.key = QStringLiteral("contacts_secret");
    contactsSecret.label = WeCom::tr("Contacts sync secret");
    contactsSecret.hint =
        WeCom::tr("Management Tools (管理工具) > Contacts Sync (通讯录同步) > Secret. Reads the whole "
                  "organisation.");
    contactsSecret.kind = FieldKind::Secret;
    contactsSecret.validate = validateAppSecret;
    type.fields.append(contactsSecret);

    FieldSpec customerSecret;
    customerSecret.key = QStringLiteral("customer_secret");
    customerSecret.label = WeCom::tr("Customer contact secret");
    customerSecret.hint =
        WeCom::tr("Customer Contact (客户联系) > API (API) > Secret, or the secret of a self-built app "
                  "listed under 可调用接口的应用.");
    customerSecret.kind = FieldKind::Secret;
    customerSecret.validate = validateAppSecret;
    type.fields.append(customerSecret);

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
