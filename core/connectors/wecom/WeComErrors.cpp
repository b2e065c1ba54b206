#include "WeComErrors.h"

#include "WeComServiceType.h"

#include <QCoreApplication>

#include <algorithm>

namespace ic::connectors::wecom {

namespace {

/// What a hint may depend on besides the errcode.
struct Call {
    QString api; ///< endpointPath() of the call, or empty
    std::optional<SecretKind> kind;
};

using HintBuilder = QString (*)(const Call &);

/// One known errcode. `message` has %1 for the API. The hint is either fixed (`hint`) or built from the call
/// (`buildHint`, when the right advice depends on the secret kind or the API).
struct Mapping {
    int errcode;
    ErrorCode code;
    bool retryable;
    const char *message;
    const char *hint;
    HintBuilder buildHint;
};

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::wecom::WeComErrors)
public:
    /// The known errcodes. A member so that lupdate files the texts (QT_TR_NOOP) under this class's context.
    static const QList<Mapping> &mappings();
};

QString fieldHint(const QString &key)
{
    const services::ServiceType type = serviceType();
    const services::FieldSpec *field = type.field(key);
    Q_ASSERT(field);
    return field->hint;
}

QString corpIdHint(const Call &)
{
    return Tr::tr("Check the Corp ID in the service configuration. Where to find it: %1")
        .arg(fieldHint(QStringLiteral("corp_id")));
}

/// 40001, 40091, 41004: the secret used, or every secret that may call the API when the kind is unknown.
QString secretHint(const Call &call)
{
    QList<SecretKind> kinds;
    if (call.kind) {
        kinds.append(*call.kind);
    } else if (const Endpoint *endpoint = findEndpoint(call.api)) {
        kinds = endpoint->secrets;
    } else {
        kinds = secretKinds();
    }
    QStringList places;
    for (SecretKind kind : kinds) {
        places.append(Tr::tr("%1: %2").arg(secretDisplayName(kind), secretWhereToFind(kind)));
    }
    return Tr::tr("Check the secret in the service configuration; it must belong to the corp of the Corp ID. %1 "
                  "Corp ID: %2")
        .arg(places.join(QLatin1Char(' ')), fieldHint(QStringLiteral("corp_id")));
}

QString agentIdHint(const Call &)
{
    return Tr::tr("Take the Agent ID and the App secret from the same self-built app. Agent ID: %1 App secret: %2")
        .arg(fieldHint(QStringLiteral("agent_id")), secretWhereToFind(SecretKind::App));
}

QString customerAppNote()
{
    return Tr::tr("A self-built app's secret works too once the app is listed under Customer Contact (客户联系) > "
                  "可调用接口的应用.");
}

/// 48002 when the secret used is one the table allows: WeCom applies a condition of the API's area.
QString conditionHint(const Endpoint &endpoint, SecretKind kind)
{
    if (endpoint.area == ApiArea::Customer && kind == SecretKind::App) {
        return Tr::tr("The app may not call customer contact APIs yet: list it under Customer Contact (客户联系) > "
                      "可调用接口的应用 in the admin console, or use the %1. Where to find it: %2")
            .arg(secretDisplayName(SecretKind::Customer), secretWhereToFind(SecretKind::Customer));
    }
    if (endpoint.area == ApiArea::Customer && kind == SecretKind::Customer) {
        return Tr::tr("Corps created after 1 December 2023 cannot call customer contact APIs with the Customer "
                      "Contact (客户联系) system secret: list a self-built app under 客户联系 > 可调用接口的应用 and "
                      "enter that app's secret as the %1.")
            .arg(secretDisplayName(SecretKind::Customer));
    }
    return Tr::tr("WeCom's documentation allows the %1 to call %2: check that the secret is current and the "
                  "application's API permissions in the admin console. Where to find it: %3")
        .arg(secretDisplayName(kind), QString(endpoint.path), secretWhereToFind(kind));
}

/// 48002: name the secret kind that may call the API, from the API table.
QString permissionHint(const Call &call)
{
    const Endpoint *endpoint = findEndpoint(call.api);
    if (!endpoint) {
        return Tr::tr("Call this API with a secret that WeCom allows for it (see WeCom's documentation of the API), "
                      "or give the application that permission in the admin console.");
    }
    if (call.kind && endpoint->secrets.contains(*call.kind)) {
        return conditionHint(*endpoint, *call.kind);
    }
    const SecretKind preferred = endpoint->secrets.first();
    QString text = Tr::tr("%1 needs the %2. Where to find it: %3")
                       .arg(QString(endpoint->path), secretDisplayName(preferred), secretWhereToFind(preferred));
    if (call.kind) {
        text = Tr::tr("The %1 may not call %2.").arg(secretDisplayName(*call.kind), QString(endpoint->path)) +
               QLatin1Char(' ') + text;
    }
    if (endpoint->area == ApiArea::Contacts && endpoint->secrets.contains(SecretKind::App) &&
        call.kind != SecretKind::App) {
        text += QLatin1Char(' ') + Tr::tr("The %1 works too, within the app's visible range (可见范围).")
                                       .arg(secretDisplayName(SecretKind::App));
    }
    if (endpoint->area == ApiArea::Customer) {
        text += QLatin1Char(' ') + customerAppNote();
    }
    return text;
}

/// 60020: the trusted IPs are set where the secret comes from.
QString trustedIpHint(const Call &call)
{
    QString place;
    if (!call.kind) {
        place = Tr::tr("App Management (应用管理) > the app > Trusted IPs (企业可信IP), or for the Contacts sync "
                       "secret Management Tools (管理工具) > Contacts Sync (通讯录同步) > Trusted IPs (企业可信IP)");
    } else if (*call.kind == SecretKind::Contacts) {
        place = Tr::tr("Management Tools (管理工具) > Contacts Sync (通讯录同步) > Trusted IPs (企业可信IP)");
    } else {
        place = Tr::tr("App Management (应用管理) > the app > Trusted IPs (企业可信IP)");
    }
    return Tr::tr("Add this machine's public outbound IP address (WeCom names the address it saw after \"from ip\" "
                  "in the detail) under %1. WeCom accepts trusted IPs only after a callback URL or a trusted domain "
                  "has been verified there.")
        .arg(place);
}

const QList<Mapping> &Tr::mappings()
{
    // Shared hints first; each text is marked for translation and translated when an error is made.
    const char *const tokenRefreshedHint = QT_TR_NOOP(
        "The console fetched a new token and repeated the call; WeCom refused that too. Check that the secret was "
        "not reset in the admin console and that no other program resets it, then run again.");
    const char *const suiteTokenHint = QT_TR_NOOP(
        "This console uses the secrets of self-built apps and of the Contacts Sync and Customer Contact tools; "
        "the credentials of a third-party (第三方) app are not supported. Check the secrets and the API base URL.");
    const char *const consoleFaultHint = QT_TR_NOOP(
        "This is a fault in the console or in something between it and WeCom (check the API base URL). Report it "
        "with the detail.");
    const char *const memberGoneHint = QT_TR_NOOP(
        "The member may have been deleted or their userid changed in WeCom; the next sync brings the console up to "
        "date.");
    const char *const departmentGoneHint =
        QT_TR_NOOP("The department may have been deleted; the next sync brings the department tree up to date.");

    static const QList<Mapping> table{
        {-1, ErrorCode::Provider, true, QT_TR_NOOP("WeCom was too busy to answer %1."),
         QT_TR_NOOP("The console waited and retried before giving up. Run again in a few minutes."), nullptr},
        {6000, ErrorCode::Provider, true, QT_TR_NOOP("WeCom reports a data version conflict on %1."),
         QT_TR_NOOP("Something changed the same data at the same moment. Run again."), nullptr},
        {40001, ErrorCode::Credential, false, QT_TR_NOOP("WeCom refused the secret used for %1 (invalid credential)."),
         nullptr, secretHint},
        {40003, ErrorCode::NotFound, false, QT_TR_NOOP("WeCom says the userid given to %1 is not valid."),
         memberGoneHint, nullptr},
        {40013, ErrorCode::Credential, false, QT_TR_NOOP("WeCom does not know the configured Corp ID (calling %1)."),
         nullptr, corpIdHint},
        {40014, ErrorCode::Credential, true, QT_TR_NOOP("WeCom says the access token used for %1 is not valid."),
         tokenRefreshedHint, nullptr},
        {40050, ErrorCode::NotFound, false, QT_TR_NOOP("WeCom does not know the group chat given to %1."),
         QT_TR_NOOP("The group chat may have been dismissed; the next sync brings the group chats up to date."),
         nullptr},
        {40056, ErrorCode::Configuration, false, QT_TR_NOOP("WeCom says the Agent ID sent to %1 is not valid."),
         nullptr, agentIdHint},
        {40058, ErrorCode::Provider, false, QT_TR_NOOP("WeCom refused a parameter of the call to %1."),
         QT_TR_NOOP(
             "If it happened while reading page after page, the data changed in between: run again to start over. "
             "Otherwise report it with the detail."),
         nullptr},
        {40063, ErrorCode::Internal, false, QT_TR_NOOP("WeCom says parameters of the call to %1 are empty."),
         consoleFaultHint, nullptr},
        {40082, ErrorCode::Credential, false, QT_TR_NOOP("WeCom expected a third-party suite token for %1."),
         suiteTokenHint, nullptr},
        {40091, ErrorCode::Credential, false,
         QT_TR_NOOP("WeCom says the secret used for %1 is not valid (it may belong to another corp)."), nullptr,
         secretHint},
        {40096, ErrorCode::NotFound, false,
         QT_TR_NOOP("WeCom does not know the customer (external contact) given to %1."),
         QT_TR_NOOP(
             "The customer may have removed every member, or the id belongs to another corp or app; the next sync "
             "brings the customers up to date."),
         nullptr},
        {41001, ErrorCode::Internal, false, QT_TR_NOOP("The call to %1 carried no access token."), consoleFaultHint,
         nullptr},
        {41002, ErrorCode::Credential, false, QT_TR_NOOP("The call to %1 carried no Corp ID."), nullptr, corpIdHint},
        {41004, ErrorCode::Credential, false, QT_TR_NOOP("The call to %1 carried no secret."), nullptr, secretHint},
        {42001, ErrorCode::Credential, true, QT_TR_NOOP("The access token used for %1 has expired."),
         tokenRefreshedHint, nullptr},
        {42009, ErrorCode::Credential, false, QT_TR_NOOP("WeCom says the third-party suite token for %1 has expired."),
         suiteTokenHint, nullptr},
        {44004, ErrorCode::InvalidInput, false, QT_TR_NOOP("WeCom refused to send an empty message through %1."),
         QT_TR_NOOP("Enter the text to send."), nullptr},
        {45002, ErrorCode::InvalidInput, false, QT_TR_NOOP("The message sent through %1 is longer than WeCom accepts."),
         QT_TR_NOOP("Shorten the text to at most 2048 bytes (UTF-8; a Chinese character takes three)."), nullptr},
        {45009, ErrorCode::Provider, true, QT_TR_NOOP("WeCom's call frequency limit for %1 was reached."),
         QT_TR_NOOP(
             "The console waited and retried before giving up. Lower the service's rate limit or in-flight setting, or "
             "spread scheduled runs apart. WeCom lifts a per-minute block after 60 seconds and an hourly one after an "
             "hour; https://open.work.weixin.qq.com/wwopen/devtool/checkCorpSpamBlock shows and lifts blocks."),
         nullptr},
        {45029, ErrorCode::Provider, false, QT_TR_NOOP("WeCom's answer to %1 would be larger than it allows."),
         QT_TR_NOOP(
             "Read smaller parts (department by department, without fetching sub-departments). Report it with the "
             "detail if the console's own reading causes it."),
         nullptr},
        {45033, ErrorCode::Provider, true, QT_TR_NOOP("Too many calls to %1 were running at the same time."),
         QT_TR_NOOP(
             "The console waited and retried before giving up. Lower the service's in-flight setting (WeCom allows "
             "as few as 5 concurrent calls to some APIs) and make sure no other program calls WeCom for this corp at "
             "the same time."),
         nullptr},
        {46004, ErrorCode::NotFound, false, QT_TR_NOOP("WeCom says the member given to %1 does not exist."),
         memberGoneHint, nullptr},
        {47001, ErrorCode::Internal, false, QT_TR_NOOP("WeCom could not read the request body of %1."),
         consoleFaultHint, nullptr},
        {48002, ErrorCode::Configuration, false, QT_TR_NOOP("WeCom does not allow this secret to call %1."), nullptr,
         permissionHint},
        {48009, ErrorCode::Configuration, false,
         QT_TR_NOOP("WeCom does not let the contacts sync assistant call %1 from here."),
         QT_TR_NOOP(
             "Add this machine's public outbound IP address under Management Tools (管理工具) > Contacts Sync "
             "(通讯录同步) > Trusted IPs (企业可信IP). Since 15 August 2022 WeCom also refuses department/list and "
             "user/list to the Contacts sync secret from IP addresses added after that date: read those with the App "
             "secret."),
         nullptr},
        {60003, ErrorCode::NotFound, false, QT_TR_NOOP("The department given to %1 does not exist in WeCom."),
         departmentGoneHint, nullptr},
        {60011, ErrorCode::Configuration, false,
         QT_TR_NOOP("The member, department or tag given to %1 is outside the app's visible range."),
         QT_TR_NOOP(
             "Widen the app's visible range under App Management (应用管理) > the app > Visible range (可见范围), or "
             "use the Contacts sync secret, which sees the whole organisation."),
         nullptr},
        {60020, ErrorCode::Configuration, false,
         QT_TR_NOOP("WeCom refuses calls to %1 from this machine's IP address."), nullptr, trustedIpHint},
        {60111, ErrorCode::NotFound, false, QT_TR_NOOP("The userid given to %1 does not exist in WeCom."),
         memberGoneHint, nullptr},
        {60123, ErrorCode::NotFound, false, QT_TR_NOOP("WeCom says the department id given to %1 is not valid."),
         departmentGoneHint, nullptr},
        {81013, ErrorCode::InvalidInput, false,
         QT_TR_NOOP("None of the recipients given to %1 is valid or within the app's visible range."),
         QT_TR_NOOP("Check the userids, department ids and tag ids, and that they are inside the app's visible range "
                    "(可见范围)."),
         nullptr},
        {81017, ErrorCode::Provider, false, QT_TR_NOOP("The call to %1 asks for more items than WeCom allows at once."),
         QT_TR_NOOP(
             "For group chats of an app that sees more than 1000 people, filter by owner (at most 100 per call). "
             "Otherwise report it with the detail."),
         nullptr},
        {84061, ErrorCode::NotFound, false,
         QT_TR_NOOP("WeCom reports no customer relation for the member given to %1."),
         QT_TR_NOOP("The member has no customers (external contacts). A sync counts this as an empty list, not as a "
                    "failure."),
         nullptr},
        {84074, ErrorCode::Configuration, false,
         QT_TR_NOOP("The app has no permission for customer contact APIs (%1)."),
         QT_TR_NOOP(
             "List the app under Customer Contact (客户联系) > 可调用接口的应用 in the admin console, or enter the "
             "Customer contact secret."),
         nullptr},
        {301002, ErrorCode::Configuration, false,
         QT_TR_NOOP("The App secret used for %1 belongs to another app than the "
                    "configured Agent ID."),
         nullptr, agentIdHint},
    };
    return table;
}

const Mapping *findMapping(int errcode)
{
    const QList<Mapping> &mappings = Tr::mappings();
    const auto it = std::find_if(mappings.cbegin(), mappings.cend(),
                                 [errcode](const Mapping &mapping) { return mapping.errcode == errcode; });
    return it == mappings.cend() ? nullptr : &*it;
}

QString translated(const char *text)
{
    return QCoreApplication::translate("ic::connectors::wecom::WeComErrors", text);
}

} // namespace

Error weComError(int errcode, const QString &errmsg, const QString &endpoint, std::optional<SecretKind> kind)
{
    const Call call{endpointPath(endpoint), kind};
    const QString api = call.api.isEmpty() ? Tr::tr("a WeCom API") : call.api;
    const QString detail = QStringLiteral("errcode %1: %2").arg(QString::number(errcode), errmsg);

    const Mapping *mapping = findMapping(errcode);
    if (!mapping) {
        return Error::make(ErrorCode::Provider,
                           Tr::tr("WeCom refused %1 with error %2: %3").arg(api, QString::number(errcode), errmsg),
                           detail,
                           Tr::tr("WeCom explains its error codes at %1. Report it with the detail if it persists.")
                               .arg(QStringLiteral("https://open.work.weixin.qq.com/devtool/query?e=%1").arg(errcode)));
    }
    Error error = Error::make(mapping->code, translated(mapping->message).arg(api), detail,
                              mapping->buildHint ? mapping->buildHint(call) : translated(mapping->hint));
    error.retryable = mapping->retryable || isTokenInvalid(errcode, endpoint);
    return error;
}

bool isTokenInvalid(int errcode, const QString &endpoint)
{
    switch (errcode) {
    case 40014:
    case 42001:
        return true;
    case 40001: {
        const QString path = endpointPath(endpoint);
        return !path.isEmpty() && path != api::GetToken;
    }
    default:
        return false;
    }
}

bool isRateLimited(int errcode)
{
    return errcode == 45009 || errcode == 45033;
}

bool isCredentialError(int errcode)
{
    const Mapping *mapping = findMapping(errcode);
    return mapping && mapping->code == ErrorCode::Credential && !mapping->retryable;
}

bool isNoCustomers(int errcode)
{
    return errcode == 84061;
}

QList<int> knownErrcodes()
{
    QList<int> codes;
    for (const Mapping &mapping : Tr::mappings()) {
        codes.append(mapping.errcode);
    }
    std::sort(codes.begin(), codes.end());
    return codes;
}

} // namespace ic::connectors::wecom
