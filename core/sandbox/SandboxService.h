#pragma once

#include "common/Result.h"
#include "db/Repositories.h"

#include <QCoro/QCoroTask>
#include <QString>

namespace ic::services {
class ServiceConfigService;
}

namespace ic::sandbox {

class SandboxServer;

/// Points the WeCom service `name` at `server`, as `sandbox sync` and the window's --sandbox both need it: adds the
/// service (with a description saying what it is) or updates its corp ID, agent ID and API base, then stores the
/// sandbox's three secrets through `services` (whose secret store the caller chooses: these are sandbox-only values,
/// kept in memory, never in the keychain). A service of that name that is not a WeCom service is left alone:
/// ErrorCode::InvalidInput naming it.
QCoro::Task<Result<db::ServiceConfigRecord>> configureSandboxService(services::ServiceConfigService &services,
                                                                     QString name, const SandboxServer &server);

} // namespace ic::sandbox
