#include "net/policy/CallOutcome.h"

namespace ic::net {

OutcomeClass classify(const CallOutcome &outcome)
{
    switch (outcome.transport) {
    case TransportError::None:
        break;
    case TransportError::Timeout:
    case TransportError::Connection:
    case TransportError::Dns:
    case TransportError::MalformedBody:
        return OutcomeClass::Transient;
    case TransportError::Tls:
    case TransportError::Other:
        return OutcomeClass::Permanent;
    }

    if (outcome.httpStatus == 429) {
        return OutcomeClass::RateLimited;
    }
    if (outcome.httpStatus >= 500 && outcome.httpStatus <= 599) {
        return OutcomeClass::Transient;
    }
    if (outcome.httpStatus < 200 || outcome.httpStatus > 299) {
        return OutcomeClass::Permanent; // 4xx other than 429, and anything that is not a valid final status.
    }

    if (!outcome.apiErrcode || *outcome.apiErrcode == 0) {
        return OutcomeClass::Success;
    }
    switch (*outcome.apiErrcode) {
    case wecom::SystemBusy:
        return OutcomeClass::Transient;
    case wecom::FrequencyLimited:
    case wecom::ConcurrencyLimited:
        return OutcomeClass::RateLimited;
    case wecom::InvalidAccessToken:
    case wecom::AccessTokenExpired:
        return OutcomeClass::TokenInvalid;
    default:
        // Including 40001, 40013, 40091, 41004, 48002, 48009, 60011, 60020 and 84061. WeCom's own advice is that
        // only system failures are to be retried ("接口实现时，仅系统失败需要重试").
        return OutcomeClass::Permanent;
    }
}

bool isServiceFailure(const CallOutcome &outcome)
{
    if (outcome.transport != TransportError::None) {
        return true;
    }
    if (outcome.httpStatus >= 500 && outcome.httpStatus <= 599) {
        return true;
    }
    const bool answered = outcome.httpStatus >= 200 && outcome.httpStatus <= 299;
    return answered && outcome.apiErrcode == wecom::SystemBusy;
}

} // namespace ic::net
