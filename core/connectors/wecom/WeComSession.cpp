#include "connectors/wecom/WeComSession.h"

#include "connectors/wecom/DatabaseTokenStore.h"
#include "connectors/wecom/WeComServiceType.h"
#include "db/Repositories.h"

namespace ic::connectors::wecom {

WeComSession::~WeComSession()
{
    m_http.reset();
    m_client.reset();
    m_tokens.reset();
}

Result<std::unique_ptr<WeComSession>> WeComSession::open(const SessionInputs &inputs)
{
    Q_ASSERT(inputs.service != nullptr && inputs.network != nullptr);
    const db::ServiceConfigRecord &service = *inputs.service;

    WeComAccount account;
    account.tenantId = service.tenantId;
    account.corpId = service.settings.value(u"corp_id").toString().trimmed();
    account.apiBase = service.settings.value(u"api_base").toString().trimmed();
    if (account.apiBase.isEmpty()) {
        account.apiBase = defaultApiBase();
    }
    if (account.corpId.isEmpty()) {
        return Error::invalid(QStringLiteral("corp_id"), tr("The service %1 has no corp ID.").arg(service.name),
                              tr("Set it with: integration-console service set %1 corp_id=<ID> (WeCom admin console: "
                                 "我的企业 → 企业信息 → 企业ID).")
                                  .arg(service.name));
    }
    const QString agentId = service.settings.value(u"agent_id").toVariant().toString();
    if (!agentId.isEmpty()) {
        account.agentId = agentId.toLongLong();
    }
    for (const SecretKind kind : {SecretKind::App, SecretKind::Contacts, SecretKind::Customer}) {
        const QString value = inputs.secrets.value(secretFieldKey(kind));
        if (!value.isEmpty()) {
            account.secrets.insert(kind, value);
        }
    }

    Result<net::HttpClientConfig> config = net::HttpClientConfig::fromService(service);
    if (!config) {
        return config.error();
    }
    config.value().errcodeReader = readWeComBody;

    std::unique_ptr<WeComSession> session(new WeComSession);
    session->m_http =
        std::make_unique<net::HttpClient>(inputs.network, std::move(config).value(), net::Redactor(), inputs.callLog);
    if (inputs.database != nullptr) {
        session->m_tokens = std::make_shared<DatabaseTokenStore>(*inputs.database);
    }
    session->m_client =
        std::make_unique<WeComClient>(*session->m_http, std::move(account), session->m_tokens, inputs.databaseIdentity);
    return session;
}

} // namespace ic::connectors::wecom
