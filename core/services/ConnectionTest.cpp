#include "services/ConnectionTest.h"

#include <QJsonArray>

namespace ic::services {

namespace {

struct Texts {
    Q_DECLARE_TR_FUNCTIONS(ic::services::ConnectionTest)
};

} // namespace

QString stepStatusName(StepStatus status)
{
    switch (status) {
    case StepStatus::Ok:
        return QStringLiteral("ok");
    case StepStatus::Warning:
        return QStringLiteral("warning");
    case StepStatus::Failed:
        return QStringLiteral("failed");
    case StepStatus::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QString stepStatusDisplayName(StepStatus status)
{
    switch (status) {
    case StepStatus::Ok:
        return Texts::tr("ok");
    case StepStatus::Warning:
        return Texts::tr("warning");
    case StepStatus::Failed:
        return Texts::tr("failed");
    case StepStatus::Skipped:
        return Texts::tr("skipped");
    }
    return {};
}

QString testOutcomeName(TestOutcome outcome)
{
    switch (outcome) {
    case TestOutcome::Passed:
        return QStringLiteral("passed");
    case TestOutcome::Warning:
        return QStringLiteral("warning");
    case TestOutcome::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

TestOutcome ConnectionTestReport::outcome() const
{
    bool warned = false;
    for (const TestStep &step : steps) {
        if (step.status == StepStatus::Failed && step.required) {
            return TestOutcome::Failed;
        }
        warned = warned || step.status == StepStatus::Warning || (step.status == StepStatus::Failed && !step.required);
    }
    return warned ? TestOutcome::Warning : TestOutcome::Passed;
}

bool ConnectionTestReport::failedOnConfiguration() const
{
    for (const TestStep &step : steps) {
        if (step.status == StepStatus::Failed && step.required && step.error &&
            (step.error->code == ErrorCode::Credential || step.error->code == ErrorCode::Configuration ||
             step.error->code == ErrorCode::InvalidInput || step.error->code == ErrorCode::SecretNotFound ||
             step.error->code == ErrorCode::SecretBackendUnavailable)) {
            return true;
        }
    }
    return false;
}

QJsonObject ConnectionTestReport::toJson() const
{
    QJsonArray stepArray;
    for (const TestStep &step : steps) {
        QJsonObject object{{QStringLiteral("id"), step.id},
                           {QStringLiteral("title"), step.title},
                           {QStringLiteral("status"), stepStatusName(step.status)},
                           {QStringLiteral("required"), step.required},
                           {QStringLiteral("duration_ms"), qint64(step.duration.count())},
                           {QStringLiteral("summary"), step.summary}};
        if (step.error) {
            object.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), step.error->codeName()},
                                                               {QStringLiteral("message"), step.error->message},
                                                               {QStringLiteral("detail"), step.error->detail},
                                                               {QStringLiteral("hint"), step.error->hint}});
        }
        stepArray.append(object);
    }
    return QJsonObject{{QStringLiteral("service"), serviceName},
                       {QStringLiteral("type"), serviceType},
                       {QStringLiteral("outcome"), testOutcomeName(outcome())},
                       {QStringLiteral("started_at"), startedAt.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("finished_at"), finishedAt.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("correlation_id"), correlationId},
                       {QStringLiteral("steps"), stepArray}};
}

QString ConnectionTestReport::toText() const
{
    QStringList lines;
    for (const TestStep &step : steps) {
        QString line = u'[' + stepStatusDisplayName(step.status) + u"] " + step.title;
        if (step.status != StepStatus::Skipped) {
            line += Texts::tr(" (%1 ms)").arg(step.duration.count());
        }
        if (!step.summary.isEmpty()) {
            line = Texts::tr("%1: %2", "a test step, then what it found").arg(line, step.summary);
        }
        lines << line;
        if (step.error) {
            lines << u"    " + step.error->message;
            if (!step.error->detail.isEmpty()) {
                lines << u"    " + step.error->detail;
            }
            if (!step.error->hint.isEmpty()) {
                lines << u"    " + Texts::tr("Hint: %1").arg(step.error->hint);
            }
        }
    }
    switch (outcome()) {
    case TestOutcome::Passed:
        lines << Texts::tr("Connection test of %1 passed.").arg(serviceName);
        break;
    case TestOutcome::Warning:
        lines << Texts::tr("Connection test of %1 passed with warnings.").arg(serviceName);
        break;
    case TestOutcome::Failed:
        lines << Texts::tr("Connection test of %1 failed.").arg(serviceName);
        break;
    }
    return lines.join(u'\n');
}

} // namespace ic::services
