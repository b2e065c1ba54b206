#include "Application.h"

#include <QCoreApplication>

namespace ic {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("integration-console"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("integrationconsole.github.io"));
    QCoreApplication::setApplicationName(QStringLiteral("integration-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IC_VERSION));
}

} // namespace ic
