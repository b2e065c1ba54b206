#include "Logging.h"

Q_LOGGING_CATEGORY(lcDb, "ic.core.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "ic.core.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "ic.core.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServices, "ic.core.services", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "ic.core.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "ic.app.cli", QtInfoMsg)
