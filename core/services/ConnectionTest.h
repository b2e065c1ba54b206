#pragma once

#include "common/Error.h"

#include <QCoreApplication>
#include <QCoro/QCoroTask>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace ic::db {
class Database;
struct ServiceConfigRecord;
} // namespace ic::db

namespace ic::net {
class CallLogWriter;
class Redactor;
} // namespace ic::net

namespace ic::services {

enum class StepStatus {
    Ok,      ///< The step did what it should.
    Warning, ///< It worked, but something an administrator should know (a sync would get nothing, a narrow range).
    Failed,  ///< It did not work; `error` says why and what to do.
    Skipped, ///< Not applicable (a secret not configured, an earlier step failed, not asked for).
};

/// "ok", "warning", "failed", "skipped": stable names for JSON and the database.
QString stepStatusName(StepStatus status);
/// Translated.
QString stepStatusDisplayName(StepStatus status);

/// One step of a connection test.
struct TestStep {
    QString id;    ///< Stable: "reach", "token.app", "departments", ... (JSON, tests).
    QString title; ///< Translated: what the step checks.
    StepStatus status = StepStatus::Skipped;
    bool required = true; ///< A failed required step fails the test; an optional one only warns.
    std::chrono::milliseconds duration{0};
    QString summary;            ///< Translated: what was found ("sees 37 of 52 departments"), or why skipped.
    std::optional<Error> error; ///< For failed and warning steps: the exact error, with its hint.
};

/// The outcome of a whole test.
enum class TestOutcome {
    Passed,  ///< Every required step is ok.
    Warning, ///< Every required step passed, with warnings.
    Failed,  ///< A required step failed.
};

QString testOutcomeName(TestOutcome outcome); ///< "passed", "warning", "failed"

struct ConnectionTestReport {
    QString serviceName;
    QString serviceType;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString correlationId; ///< Every call of the test carries it in the call log.
    QList<TestStep> steps;

    TestOutcome outcome() const;
    /// Whether a failed step failed because of a credential or configuration (exit code 4 on the command line).
    bool failedOnConfiguration() const;
    QJsonObject toJson() const;
    /// The steps as plain lines (status, title, duration, summary, error and hint), for terminals and "copy as text".
    QString toText() const;
};

/// What a connection test may ask for beyond the probes.
struct ConnectionTestOptions {
    /// Send a test message to these WeCom user IDs (empty: the message step is skipped).
    QStringList messageRecipients;
};

/// Everything a connector's test needs, prepared by the caller (the command line, the window).
struct ConnectionTestContext {
    const db::ServiceConfigRecord *service = nullptr;
    /// The values of the configured secret fields, by field key. Never logged.
    QMap<QString, QString> secrets;
    /// Secret fields that could not be read, with the reason (a keychain error): reported as failed steps.
    QMap<QString, Error> secretErrors;
    QNetworkAccessManager *network = nullptr;
    std::shared_ptr<net::CallLogWriter> callLog; ///< May be null.
    /// The database for the shared token cache, on the caller's thread; may be null.
    db::Database *database = nullptr;
    QString databaseIdentity; ///< For the cross-process token refresh lock; empty: none.
    ConnectionTestOptions options;
    QString correlationId;
    /// Called after each step finishes (for live display), on the caller's thread.
    std::function<void(const TestStep &step)> progress;
};

/// A connector's connection test.
using ConnectionTester = std::function<QCoro::Task<ConnectionTestReport>(ConnectionTestContext context)>;

} // namespace ic::services
