#pragma once

#include "services/ServiceTypeRegistry.h"

namespace ic::connectors::wecom {

/// "wecom"
const QString &typeId();
/// https://qyapi.weixin.qq.com
QString defaultApiBase();
/// The configuration schema: corp_id, agent_id, api_base and the secrets corp_secret (the app's secret),
/// contacts_secret (通讯录同步), customer_secret (客户联系), callback_token and encoding_aes_key.
ic::services::ServiceType serviceType();
void registerServiceTypes(ic::services::ServiceTypeRegistry &registry);

} // namespace ic::connectors::wecom
