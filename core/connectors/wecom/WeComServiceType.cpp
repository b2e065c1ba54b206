#include "services/ServiceTypeRegistry.h"

namespace ic::connectors::wecom {

void registerServiceTypes(ic::services::ServiceTypeRegistry &registry)
{
    ic::services::ServiceType type;
    type.id = QStringLiteral("wecom");
    type.category = QStringLiteral("im");
    registry.add(type);
}

} // namespace ic::connectors::wecom
