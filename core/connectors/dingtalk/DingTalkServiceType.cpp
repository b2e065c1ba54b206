#include "services/ServiceTypeRegistry.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ic::connectors::dingtalk {

namespace {

class DingTalk {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::dingtalk::DingTalk)
};

} // namespace

/// DingTalk (钉钉) internal app credentials. Only the configuration schema exists so far: configurations can be
/// stored and audited; connection tests and syncs for DingTalk are not part of this version.
void registerServiceTypes(ic::services::ServiceTypeRegistry &registry)
{
    using ic::services::FieldKind;
    using ic::services::FieldSpec;

    ic::services::ServiceType type;
    type.id = QStringLiteral("dingtalk");
    type.category = QStringLiteral("im");
    type.displayName = DingTalk::tr("DingTalk (钉钉)");
    type.description = DingTalk::tr("DingTalk organisation and messages.");

    FieldSpec appKey;
    appKey.key = QStringLiteral("app_key");
    appKey.label = DingTalk::tr("AppKey");
    appKey.hint = DingTalk::tr(
        "DingTalk developer console: Application Development (应用开发) > your app > Credentials (凭证与基础信息) "
        "> AppKey.");
    appKey.required = true;
    appKey.validate = [](const QString &value) -> std::optional<QString> {
        static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9]{8,64}$"));
        if (!re.match(value).hasMatch()) {
            return DingTalk::tr("must be 8 to 64 letters and digits");
        }
        return std::nullopt;
    };
    type.fields.append(appKey);

    FieldSpec agentId;
    agentId.key = QStringLiteral("agent_id");
    agentId.label = DingTalk::tr("AgentId");
    agentId.hint = DingTalk::tr("Shown next to the AppKey in the developer console.");
    agentId.kind = FieldKind::Integer;
    agentId.minimum = 1;
    type.fields.append(agentId);

    FieldSpec apiBase;
    apiBase.key = QStringLiteral("api_base");
    apiBase.label = DingTalk::tr("API base URL");
    apiBase.hint = DingTalk::tr("Leave the default for DingTalk itself.");
    apiBase.kind = FieldKind::Url;
    apiBase.defaultValue = QStringLiteral("https://oapi.dingtalk.com");
    type.fields.append(apiBase);

    FieldSpec appSecret;
    appSecret.key = QStringLiteral("app_secret");
    appSecret.label = DingTalk::tr("AppSecret");
    appSecret.hint = DingTalk::tr("Shown under the AppKey in the developer console.");
    appSecret.kind = FieldKind::Secret;
    type.fields.append(appSecret);

    registry.add(type);
}

} // namespace ic::connectors::dingtalk
