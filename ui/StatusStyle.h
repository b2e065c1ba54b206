#pragma once

#include "services/ConnectionTest.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QString>

namespace ic::ui {

/// How the window shows a state: a colour and an icon together (never colour alone), and a translated name.
struct StatusStyle {
    QString text;
    QColor color;
    QIcon icon;
};

/// Translation context of the status names.
class ServiceStatus {
    Q_DECLARE_TR_FUNCTIONS(ic::ui::ServiceStatus)
};

/// A service's status ("active", "inactive", "error", "testing"); an unknown status is shown as it is, in grey.
StatusStyle serviceStatusStyle(const QString &status);
/// The look of a disabled service (its status still shows, dimmed, next to it).
StatusStyle disabledStyle();
/// A connection test step's status (ok, warning, failed, skipped).
StatusStyle stepStatusStyle(services::StepStatus status);
/// A whole connection test's verdict.
StatusStyle testOutcomeStyle(services::TestOutcome outcome);
/// A step or test still running.
StatusStyle runningStyle();

} // namespace ic::ui
