#pragma once

#include <QLoggingCategory>

// The call policies log under the network module's category, "ic.core.net".
Q_DECLARE_LOGGING_CATEGORY(lcNetPolicy)
