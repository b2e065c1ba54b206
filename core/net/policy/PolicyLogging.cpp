#include "net/policy/PolicyLogging.h"

Q_LOGGING_CATEGORY(lcNetPolicy, "ic.core.net", QtInfoMsg)
