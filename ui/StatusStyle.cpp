#include "StatusStyle.h"

namespace ic::ui {

namespace {

const QColor kGreen(0x1b, 0x7f, 0x3b);
const QColor kAmber(0xb2, 0x6b, 0x00);
const QColor kRed(0xc6, 0x28, 0x28);
const QColor kBlue(0x15, 0x65, 0xc0);
const QColor kGrey(0x75, 0x75, 0x75);

QIcon statusIcon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/status/%1.svg").arg(QLatin1StringView(name)));
}

} // namespace

StatusStyle serviceStatusStyle(const QString &status)
{
    if (status == u"active") {
        return {ServiceStatus::tr("Active"), kGreen, statusIcon("ok")};
    }
    if (status == u"error") {
        return {ServiceStatus::tr("Error"), kRed, statusIcon("error")};
    }
    if (status == u"testing") {
        return {ServiceStatus::tr("Testing…"), kBlue, statusIcon("testing")};
    }
    if (status == u"inactive") {
        return {ServiceStatus::tr("Inactive"), kGrey, statusIcon("inactive")};
    }
    return {status, kGrey, statusIcon("inactive")};
}

StatusStyle disabledStyle()
{
    return {ServiceStatus::tr("Disabled"), kGrey, statusIcon("disabled")};
}

StatusStyle stepStatusStyle(services::StepStatus status)
{
    switch (status) {
    case services::StepStatus::Ok:
        return {services::stepStatusDisplayName(status), kGreen, statusIcon("ok")};
    case services::StepStatus::Warning:
        return {services::stepStatusDisplayName(status), kAmber, statusIcon("warning")};
    case services::StepStatus::Failed:
        return {services::stepStatusDisplayName(status), kRed, statusIcon("error")};
    case services::StepStatus::Skipped:
        break;
    }
    return {services::stepStatusDisplayName(status), kGrey, statusIcon("inactive")};
}

StatusStyle testOutcomeStyle(services::TestOutcome outcome)
{
    switch (outcome) {
    case services::TestOutcome::Passed:
        return {ServiceStatus::tr("Passed: the connection works."), kGreen, statusIcon("ok")};
    case services::TestOutcome::Warning:
        return {ServiceStatus::tr("Passed with warnings: the connection works; read the warnings below."), kAmber,
                statusIcon("warning")};
    case services::TestOutcome::Failed:
        break;
    }
    return {ServiceStatus::tr("Failed: fix the failed steps below and test again."), kRed, statusIcon("error")};
}

StatusStyle runningStyle()
{
    return {ServiceStatus::tr("Testing…"), kBlue, statusIcon("testing")};
}

} // namespace ic::ui
