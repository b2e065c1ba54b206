// The history of sync runs: `sync-status [NAME]`, `runs list` and `runs show ID`. They only read the runs the sync
// engine records (sync_runs, sync_run_steps, sync_run_errors) and the call log rows that carry a run id.

#include "cli/Command.h"
#include "cli/ExitCode.h"
#include "cli/TextTable.h"
#include "db/CallLogRepository.h"
#include "db/SyncRunRepository.h"
#include "services/ServiceConfigService.h"
#include "sync/SyncHealth.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <functional>

namespace ic::cli {

namespace {

/// The sync types the engine records (SyncRunRecord::syncType).
const QStringList kSyncTypes{QStringLiteral("department"), QStringLiteral("user"), QStringLiteral("customer"),
                             QStringLiteral("full")};
const QStringList kStatuses{QStringLiteral("pending"), QStringLiteral("running"), QStringLiteral("success"),
                            QStringLiteral("partial"), QStringLiteral("failed"),  QStringLiteral("cancelled")};
constexpr int kDefaultLimit = 50;
constexpr qsizetype kErrorColumnWidth = 60;

using sync::SyncTypeStatus;
using TypeStatus = sync::SyncTypeStatus;

class RunCommands : public CommandOutput {
    Q_DECLARE_TR_FUNCTIONS(ic::cli::Cli)

public:
    // --- arguments

    static std::optional<qint64> positiveId(const QString &text)
    {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
    }

    /// An ISO 8601 date (local midnight) or date and time (local time unless it has a zone), or a time span back from
    /// `now`: 30m, 24h, 7d, 2w.
    static std::optional<QDateTime> parseSince(const QString &text, const QDateTime &now)
    {
        static const QRegularExpression relative(QStringLiteral("^(\\d{1,6})\\s*(m|min|h|d|w)$"),
                                                 QRegularExpression::CaseInsensitiveOption);
        const QString trimmed = text.trimmed();
        if (const QRegularExpressionMatch match = relative.match(trimmed); match.hasMatch()) {
            const qint64 amount = match.captured(1).toLongLong();
            const QString unit = match.captured(2).toLower();
            qint64 seconds = 60;
            if (unit == u"h") {
                seconds = 3600;
            } else if (unit == u"d") {
                seconds = 86400;
            } else if (unit == u"w") {
                seconds = 7 * 86400;
            }
            return now.addSecs(-amount * seconds);
        }
        // QDate::fromString() also takes the date of a date and time: only a bare date means local midnight.
        if (trimmed.size() == 10) {
            const QDate date = QDate::fromString(trimmed, Qt::ISODate);
            return date.isValid() ? std::optional<QDateTime>(QDateTime(date, QTime(0, 0))) : std::nullopt;
        }
        QString iso = trimmed;
        if (iso.size() > 10 && iso.at(10) == u' ') {
            iso[10] = u'T';
        }
        if (const QDateTime time = QDateTime::fromString(iso, Qt::ISODate); time.isValid()) {
            return time;
        }
        return std::nullopt;
    }

    static std::optional<QString> checkSyncStatus(const QCommandLineParser &, const QStringList &args)
    {
        if (args.size() > 1) {
            return tr("Unexpected argument \"%1\".").arg(args.at(1));
        }
        return std::nullopt;
    }

    static std::optional<QString> checkRunsList(const QCommandLineParser &parser, const QStringList &args)
    {
        if (auto problem = expectArguments(args, 0, QString())) {
            return problem;
        }
        const QString status = parser.value(QStringLiteral("status"));
        if (parser.isSet(QStringLiteral("status")) && !db::parseSyncRunStatus(status)) {
            return tr("Unknown status \"%1\". Valid statuses: %2 (interrupted runs are failed).")
                .arg(status, kStatuses.join(QStringLiteral(", ")));
        }
        const QString type = parser.value(QStringLiteral("type"));
        if (parser.isSet(QStringLiteral("type")) && !kSyncTypes.contains(type)) {
            return tr("Unknown sync type \"%1\". Valid types: %2.").arg(type, kSyncTypes.join(QStringLiteral(", ")));
        }
        if (parser.isSet(QStringLiteral("since")) &&
            !parseSince(parser.value(QStringLiteral("since")), QDateTime::currentDateTime())) {
            return tr("--since takes an ISO 8601 date or time (2024-05-01, 2024-05-01T08:00) or a span back from "
                      "now (30m, 24h, 7d, 2w), not \"%1\".")
                .arg(parser.value(QStringLiteral("since")));
        }
        if (parser.isSet(QStringLiteral("limit"))) {
            bool ok = false;
            const int limit = parser.value(QStringLiteral("limit")).toInt(&ok);
            if (!ok || limit < 1 || limit > db::SyncRunRepository::maxPageSize) {
                return tr("--limit takes a number from 1 to %1.").arg(db::SyncRunRepository::maxPageSize);
            }
        }
        if (parser.isSet(QStringLiteral("after")) && !positiveId(parser.value(QStringLiteral("after")))) {
            return tr("--after takes a run ID (a positive number).");
        }
        if (parser.isSet(QStringLiteral("service")) && parser.value(QStringLiteral("service")).isEmpty()) {
            return tr("--service needs a service name.");
        }
        return std::nullopt;
    }

    static std::optional<QString> checkRunsShow(const QCommandLineParser &, const QStringList &args)
    {
        if (auto problem = expectArguments(args, 1, tr("Name the run ID to show (see `runs list`)."))) {
            return problem;
        }
        if (!positiveId(args.first())) {
            return tr("\"%1\" is not a run ID (a positive number).").arg(args.first());
        }
        return std::nullopt;
    }

    // --- formatting

    static QString statusText(const db::SyncRunRecord &run)
    {
        if (run.wasInterrupted()) {
            return tr("interrupted");
        }
        return statusText(run.status);
    }

    static QString statusText(db::SyncRunStatus status)
    {
        switch (status) {
        case db::SyncRunStatus::Pending:
            return tr("pending");
        case db::SyncRunStatus::Running:
            return tr("running");
        case db::SyncRunStatus::Success:
            return tr("success");
        case db::SyncRunStatus::Partial:
            return tr("partial");
        case db::SyncRunStatus::Failed:
            return tr("failed");
        case db::SyncRunStatus::Cancelled:
            return tr("cancelled");
        }
        return QString();
    }

    static QString healthName(sync::SyncHealth health) { return sync::syncHealthName(health); }

    static QString healthText(sync::SyncHealth health) { return sync::syncHealthDisplayName(health); }

    static QString formatDuration(qint64 ms)
    {
        if (ms < 1000) {
            return tr("%1 ms").arg(ms);
        }
        if (ms < 60 * 1000) {
            return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
        }
        const qint64 seconds = ms / 1000;
        if (seconds < 3600) {
            return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
        }
        return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
    }

    static QString runDuration(const db::SyncRunRecord &run, const QDateTime &now)
    {
        if (run.durationMs) {
            return formatDuration(*run.durationMs);
        }
        if (!db::isFinal(run.status) && run.startedAt.isValid()) {
            return tr("%1 so far").arg(formatDuration(run.startedAt.msecsTo(now)));
        }
        return QStringLiteral("-");
    }

    static QString formatAge(const QDateTime &time, const QDateTime &now)
    {
        const qint64 seconds = time.secsTo(now);
        if (seconds < 60) {
            return tr("just now");
        }
        if (seconds < 3600) {
            return tr("%1 min ago").arg(seconds / 60);
        }
        if (seconds < 86400) {
            return tr("%1 h ago").arg(seconds / 3600);
        }
        return tr("%1 d ago").arg(seconds / 86400);
    }

    static QString timeWithAge(const QDateTime &time, const QDateTime &now)
    {
        if (!time.isValid()) {
            return formatTime(time);
        }
        return tr("%1 (%2)").arg(formatTime(time), formatAge(time, now));
    }

    /// Fetched, then the changes that are not zero: "120 +3 ~5 -1 !2".
    static QString compactCounts(const db::SyncCounts &counts)
    {
        QString text = QString::number(counts.fetched);
        const std::pair<QChar, qint64> changes[] = {
            {u'+', counts.created}, {u'~', counts.updated}, {u'-', counts.deleted}, {u'!', counts.failed}};
        for (const auto &[sign, count] : changes) {
            if (count != 0) {
                text += u' ';
                text += sign;
                text += QString::number(count);
            }
        }
        return text;
    }

    static QString fullCounts(const db::SyncCounts &counts)
    {
        return tr("fetched %1, created %2, updated %3, deleted %4, unchanged %5, failed %6")
            .arg(counts.fetched)
            .arg(counts.created)
            .arg(counts.updated)
            .arg(counts.deleted)
            .arg(counts.unchanged)
            .arg(counts.failed);
    }

    /// The first line of `text`, cut to `width` characters.
    static QString truncated(const QString &text, qsizetype width)
    {
        QString line = text.section(u'\n', 0, 0).trimmed();
        if (line.size() > width) {
            line = line.left(width - 1) + QChar(0x2026);
        }
        return line;
    }

    /// The error summary for people. An interrupted run's stored summary is fixed English with a UTC time: say it in
    /// the user's language and local time instead (markStaleRuns() ends the run at its last sign of life).
    static QString errorText(const db::SyncRunRecord &run)
    {
        if (!run.wasInterrupted()) {
            return run.errorSummary;
        }
        return tr("no heartbeat since %1 (host %2, pid %3)")
            .arg(formatTime(run.finishedAt), run.host.isEmpty() ? tr("unknown") : run.host,
                 run.pid ? QString::number(*run.pid) : tr("unknown"));
    }

    static QString oneLine(const QString &text)
    {
        QString line = text;
        line.replace(u'\n', u' ');
        line.replace(u'\r', u' ');
        return line;
    }

    static QString yesNo(bool value) { return value ? tr("yes") : tr("no"); }

    static QString serviceName(const QHash<qint64, QString> &names, qint64 id)
    {
        return names.value(id, QStringLiteral("#%1").arg(id));
    }

    /// Label and value lines with the values aligned.
    static void printFields(QTextStream &out, const QList<std::pair<QString, QString>> &fields)
    {
        int width = 0;
        for (const auto &[label, value] : fields) {
            width = std::max(width, TextTable::displayWidth(label));
        }
        for (const auto &[label, value] : fields) {
            out << label << QString(width - TextTable::displayWidth(label) + 2, u' ') << value << '\n';
        }
    }

    // --- JSON

    static QJsonValue jsonTime(const QDateTime &time)
    {
        return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
    }

    static QJsonObject countsJson(const db::SyncCounts &counts)
    {
        return {{QStringLiteral("fetched"), counts.fetched},     {QStringLiteral("created"), counts.created},
                {QStringLiteral("updated"), counts.updated},     {QStringLiteral("deleted"), counts.deleted},
                {QStringLiteral("unchanged"), counts.unchanged}, {QStringLiteral("failed"), counts.failed}};
    }

    static QJsonObject runJson(const db::SyncRunRecord &run, const QHash<qint64, QString> &names)
    {
        return {
            {QStringLiteral("id"), run.id},
            {QStringLiteral("service_id"), run.serviceId},
            {QStringLiteral("service"),
             names.contains(run.serviceId) ? QJsonValue(names.value(run.serviceId)) : QJsonValue()},
            {QStringLiteral("sync_type"), run.syncType},
            {QStringLiteral("mode"), run.mode},
            {QStringLiteral("trigger"), run.trigger},
            {QStringLiteral("dry_run"), run.dryRun},
            {QStringLiteral("status"), db::syncRunStatusName(run.status)},
            {QStringLiteral("interrupted"), run.wasInterrupted()},
            {QStringLiteral("created_at"), jsonTime(run.createdAt)},
            {QStringLiteral("started_at"), jsonTime(run.startedAt)},
            {QStringLiteral("finished_at"), jsonTime(run.finishedAt)},
            {QStringLiteral("heartbeat_at"), jsonTime(run.heartbeatAt)},
            {QStringLiteral("duration_ms"), run.durationMs ? QJsonValue(*run.durationMs) : QJsonValue()},
            {QStringLiteral("counts"), countsJson(run.counts)},
            {QStringLiteral("error_summary"), run.errorSummary.isEmpty() ? QJsonValue() : QJsonValue(run.errorSummary)},
            {QStringLiteral("host"), run.host.isEmpty() ? QJsonValue() : QJsonValue(run.host)},
            {QStringLiteral("pid"), run.pid ? QJsonValue(*run.pid) : QJsonValue()},
            {QStringLiteral("app_version"), run.appVersion.isEmpty() ? QJsonValue() : QJsonValue(run.appVersion)},
            {QStringLiteral("correlation_id"),
             run.correlationId.isEmpty() ? QJsonValue() : QJsonValue(run.correlationId)},
            {QStringLiteral("has_checkpoint"), !run.checkpoint.isEmpty()},
        };
    }

    // --- data

    /// Service id -> name for the tenant's services (runs of removed services keep only their id).
    static Result<QHash<qint64, QString>> serviceNames(Context &ctx)
    {
        services::ServiceConfigService service(*ctx.db, *ctx.secrets, ctx.tenant);
        auto listed = service.list();
        if (!listed) {
            return listed.error();
        }
        QHash<qint64, QString> names;
        for (const auto &record : listed.value()) {
            names.insert(record.id, record.name);
        }
        return names;
    }

    // --- commands

    /// Exit code 0 whatever the health; 1 when the database cannot be read, 4 for an unknown service.
    static QCoro::Task<int> syncStatus(Context &ctx)
    {
        services::ServiceConfigService service(*ctx.db, *ctx.secrets, ctx.tenant);
        QList<db::ServiceConfigRecord> services;
        if (ctx.args.isEmpty()) {
            auto listed = service.list();
            if (!listed) {
                co_return fail(ctx, listed.error());
            }
            services = listed.value();
        } else {
            auto found = service.get(ctx.args.first());
            if (!found) {
                co_return fail(ctx, found.error());
            }
            services.append(found.value());
        }
        db::SyncRunRepository runs(*ctx.db);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<std::pair<db::ServiceConfigRecord, QList<TypeStatus>>> report;
        QHash<qint64, QString> names;
        for (const auto &record : std::as_const(services)) {
            names.insert(record.id, record.name);
            auto lastRuns = runs.lastRunPerType(ctx.tenant, record.id);
            if (!lastRuns) {
                co_return fail(ctx, lastRuns.error());
            }
            QList<TypeStatus> types;
            for (const auto &last : std::as_const(lastRuns.value())) {
                auto assessed = sync::assessSyncType(runs, last);
                if (!assessed) {
                    co_return fail(ctx, assessed.error());
                }
                types.append(assessed.value());
            }
            report.append({record, types});
        }

        if (ctx.json) {
            QJsonArray servicesJson;
            for (const auto &[record, types] : std::as_const(report)) {
                QJsonArray syncs;
                for (const auto &type : types) {
                    syncs.append(QJsonObject{
                        {QStringLiteral("sync_type"), type.last.syncType},
                        {QStringLiteral("health"), healthName(type.health)},
                        {QStringLiteral("reason"), type.reason.isEmpty() ? QJsonValue() : QJsonValue(type.reason)},
                        {QStringLiteral("last_run"), runJson(type.last, names)},
                        {QStringLiteral("last_success"),
                         type.lastSuccess ? QJsonValue(runJson(*type.lastSuccess, names)) : QJsonValue()},
                    });
                }
                servicesJson.append(QJsonObject{{QStringLiteral("id"), record.id},
                                                {QStringLiteral("name"), record.name},
                                                {QStringLiteral("type"), record.type},
                                                {QStringLiteral("enabled"), record.enabled},
                                                {QStringLiteral("syncs"), syncs}});
            }
            printJson(ctx, QJsonObject{{QStringLiteral("services"), servicesJson}});
            co_return ExitOk;
        }

        if (report.isEmpty()) {
            ctx.out() << tr("No services are configured. Add one with `%1 service add`.").arg(kProgram) << '\n';
            co_return ExitOk;
        }
        bool first = true;
        for (const auto &[record, types] : std::as_const(report)) {
            if (!first) {
                ctx.out() << '\n';
            }
            first = false;
            ctx.out() << (record.enabled ? tr("%1 (%2)").arg(record.name, record.type)
                                         : tr("%1 (%2, disabled)").arg(record.name, record.type))
                      << '\n';
            if (types.isEmpty()) {
                ctx.out() << tr("  never: no sync has run yet.") << '\n';
                continue;
            }
            TextTable table({tr("  TYPE"), tr("HEALTH"), tr("STATUS"), tr("WHEN"), tr("DURATION"), tr("COUNTS"),
                             tr("LAST SUCCESS"), tr("NOTE")});
            for (const auto &type : types) {
                const db::SyncRunRecord &run = type.last;
                QString when;
                if (run.finishedAt.isValid()) {
                    when = timeWithAge(run.finishedAt, now);
                } else {
                    when = timeWithAge(run.startedAt.isValid() ? run.startedAt : run.createdAt, now);
                }
                QString statusCell = statusText(run);
                if (run.dryRun) {
                    statusCell = tr("%1 (dry run)").arg(statusCell);
                }
                QString note = errorText(run);
                if (note.isEmpty()) {
                    note = type.reason;
                }
                table.addRow({QStringLiteral("  ") + run.syncType, healthText(type.health), statusCell, when,
                              runDuration(run, now), compactCounts(run.counts),
                              type.lastSuccess ? timeWithAge(type.lastSuccess->finishedAt, now) : tr("never"),
                              truncated(note, kErrorColumnWidth)});
            }
            table.print(ctx.out());
        }
        co_return ExitOk;
    }

    static QCoro::Task<int> runsList(Context &ctx)
    {
        auto names = serviceNames(ctx);
        if (!names) {
            co_return fail(ctx, names.error());
        }
        db::SyncRunFilter filter;
        if (ctx.parser.isSet(QStringLiteral("service"))) {
            services::ServiceConfigService service(*ctx.db, *ctx.secrets, ctx.tenant);
            auto found = service.get(ctx.parser.value(QStringLiteral("service")));
            if (!found) {
                co_return fail(ctx, found.error());
            }
            filter.serviceId = found->id;
        }
        if (ctx.parser.isSet(QStringLiteral("status"))) {
            filter.status = db::parseSyncRunStatus(ctx.parser.value(QStringLiteral("status")));
        }
        filter.syncType = ctx.parser.value(QStringLiteral("type"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (ctx.parser.isSet(QStringLiteral("since"))) {
            filter.since = parseSince(ctx.parser.value(QStringLiteral("since")), now).value_or(QDateTime());
        }
        const int limit = ctx.parser.isSet(QStringLiteral("limit")) ? ctx.parser.value(QStringLiteral("limit")).toInt()
                                                                    : kDefaultLimit;
        std::optional<qint64> after;
        if (ctx.parser.isSet(QStringLiteral("after"))) {
            after = positiveId(ctx.parser.value(QStringLiteral("after")));
        }
        db::SyncRunRepository runs(*ctx.db);
        auto page = runs.list(ctx.tenant, filter, after, limit);
        if (!page) {
            co_return fail(ctx, page.error());
        }

        if (ctx.json) {
            QJsonArray array;
            for (const auto &run : std::as_const(page->runs)) {
                array.append(runJson(run, names.value()));
            }
            printJson(ctx, QJsonObject{{QStringLiteral("runs"), array},
                                       {QStringLiteral("next"), page->next ? QJsonValue(*page->next) : QJsonValue()}});
            co_return ExitOk;
        }
        if (page->runs.isEmpty()) {
            ctx.out() << (after ? tr("No more sync runs.") : tr("No sync runs.")) << '\n';
            co_return ExitOk;
        }
        TextTable table({tr("ID"), tr("SERVICE"), tr("TYPE"), tr("MODE"), tr("TRIGGER"), tr("DRY RUN"), tr("STATUS"),
                         tr("STARTED"), tr("DURATION"), tr("COUNTS"), tr("ERROR")});
        for (const auto &run : std::as_const(page->runs)) {
            table.addRow({QString::number(run.id), serviceName(names.value(), run.serviceId), run.syncType, run.mode,
                          run.trigger, yesNo(run.dryRun), statusText(run),
                          run.startedAt.isValid() ? formatTime(run.startedAt) : QStringLiteral("-"),
                          runDuration(run, now), compactCounts(run.counts),
                          truncated(errorText(run), kErrorColumnWidth)});
        }
        table.print(ctx.out());
        if (page->next && !ctx.quiet) {
            ctx.out() << tr("More runs follow: add --after %1 for the next page.").arg(*page->next) << '\n';
        }
        co_return ExitOk;
    }

    static QCoro::Task<int> runsShow(Context &ctx)
    {
        const qint64 id = positiveId(ctx.args.first()).value_or(0);
        auto names = serviceNames(ctx);
        if (!names) {
            co_return fail(ctx, names.error());
        }
        db::SyncRunRepository runs(*ctx.db);
        auto found = runs.find(ctx.tenant, id);
        if (!found) {
            co_return fail(ctx, found.error());
        }
        if (!found.value()) {
            co_return fail(ctx, Error::make(ErrorCode::NotFound, tr("There is no sync run %1.").arg(id), QString(),
                                            tr("`%1 runs list` shows the runs.").arg(kProgram)));
        }
        const db::SyncRunDetails &details = *found.value();
        db::CallLogRepository callLog(*ctx.db);
        auto calls = callLog.runSummary(ctx.tenant, id);
        if (!calls) {
            co_return fail(ctx, calls.error());
        }

        if (ctx.json) {
            QJsonArray steps;
            for (const auto &step : details.steps) {
                steps.append(QJsonObject{{QStringLiteral("step_no"), step.stepNo},
                                         {QStringLiteral("entity"), step.entity},
                                         {QStringLiteral("status"), db::syncRunStatusName(step.status)},
                                         {QStringLiteral("started_at"), jsonTime(step.startedAt)},
                                         {QStringLiteral("finished_at"), jsonTime(step.finishedAt)},
                                         {QStringLiteral("counts"), countsJson(step.counts)}});
            }
            QJsonArray errors;
            for (const auto &error : details.errors) {
                errors.append(QJsonObject{
                    {QStringLiteral("entity"), error.entity.isEmpty() ? QJsonValue() : QJsonValue(error.entity)},
                    {QStringLiteral("external_id"),
                     error.externalId.isEmpty() ? QJsonValue() : QJsonValue(error.externalId)},
                    {QStringLiteral("errcode"), error.errcode.isEmpty() ? QJsonValue() : QJsonValue(error.errcode)},
                    {QStringLiteral("message"), error.message},
                    {QStringLiteral("occurred_at"), jsonTime(error.occurredAt)}});
            }
            QJsonArray endpoints;
            for (const auto &endpoint : std::as_const(calls->endpoints)) {
                endpoints.append(QJsonObject{{QStringLiteral("endpoint"), endpoint.endpoint},
                                             {QStringLiteral("method"), endpoint.method},
                                             {QStringLiteral("calls"), endpoint.calls},
                                             {QStringLiteral("failed"), endpoint.failed}});
            }
            printJson(ctx,
                      QJsonObject{{QStringLiteral("run"), runJson(details.run, names.value())},
                                  {QStringLiteral("steps"), steps},
                                  {QStringLiteral("errors"), errors},
                                  {QStringLiteral("error_count"), details.errorCount},
                                  {QStringLiteral("calls"), QJsonObject{{QStringLiteral("total"), calls->calls},
                                                                        {QStringLiteral("failed"), calls->failed},
                                                                        {QStringLiteral("by_endpoint"), endpoints}}}});
            co_return ExitOk;
        }

        const db::SyncRunRecord &run = details.run;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QTextStream &out = ctx.out();
        out << tr("Sync run %1: %2 sync of %3").arg(run.id).arg(run.syncType, serviceName(names.value(), run.serviceId))
            << '\n';
        QList<std::pair<QString, QString>> fields{
            {tr("Status:"), statusText(run)},
            {tr("Mode:"), run.mode},
            {tr("Trigger:"), run.trigger},
            {tr("Dry run:"), yesNo(run.dryRun)},
            {tr("Created:"), formatTime(run.createdAt)},
            {tr("Started:"), run.startedAt.isValid() ? timeWithAge(run.startedAt, now) : tr("not started")},
            {tr("Finished:"), run.finishedAt.isValid() ? timeWithAge(run.finishedAt, now) : tr("not finished")},
            {tr("Duration:"), runDuration(run, now)},
            {tr("Last heartbeat:"), run.heartbeatAt.isValid() ? timeWithAge(run.heartbeatAt, now) : tr("none")},
            {tr("Counts:"), fullCounts(run.counts)},
        };
        if (!run.errorSummary.isEmpty()) {
            fields.append({tr("Error:"), oneLine(errorText(run))});
        }
        fields.append({tr("Host:"), run.host.isEmpty() ? tr("unknown") : run.host});
        fields.append({tr("Process ID:"), run.pid ? QString::number(*run.pid) : tr("unknown")});
        fields.append({tr("Version:"), run.appVersion.isEmpty() ? tr("unknown") : run.appVersion});
        fields.append({tr("Correlation ID:"), run.correlationId.isEmpty() ? tr("none") : run.correlationId});
        fields.append({tr("Checkpoint:"), run.checkpoint.isEmpty() ? tr("none") : tr("saved (a new run resumes it)")});
        printFields(out, fields);

        out << '\n';
        if (details.steps.isEmpty()) {
            out << tr("Steps: none recorded.") << '\n';
        } else {
            out << tr("Steps:") << '\n';
            TextTable steps({tr("  STEP"), tr("ENTITY"), tr("STATUS"), tr("DURATION"), tr("FETCHED"), tr("CREATED"),
                             tr("UPDATED", "rows updated"), tr("DELETED"), tr("UNCHANGED"), tr("FAILED")});
            for (const auto &step : details.steps) {
                const QString duration = step.startedAt.isValid() && step.finishedAt.isValid()
                                             ? formatDuration(step.startedAt.msecsTo(step.finishedAt))
                                             : QStringLiteral("-");
                steps.addRow({QStringLiteral("  %1").arg(step.stepNo), step.entity, statusText(step.status), duration,
                              QString::number(step.counts.fetched), QString::number(step.counts.created),
                              QString::number(step.counts.updated), QString::number(step.counts.deleted),
                              QString::number(step.counts.unchanged), QString::number(step.counts.failed)});
            }
            steps.print(out);
        }

        out << '\n';
        if (details.errorCount == 0) {
            out << tr("Errors: none recorded.") << '\n';
        } else {
            if (details.errorCount > details.errors.size()) {
                out << tr("Errors: %1 (the first %2 shown):").arg(details.errorCount).arg(details.errors.size())
                    << '\n';
            } else {
                out << tr("Errors: %1").arg(details.errorCount) << '\n';
            }
            TextTable errors({tr("  ENTITY"), tr("EXTERNAL ID"), tr("ERRCODE"), tr("MESSAGE")});
            for (const auto &error : details.errors) {
                errors.addRow({QStringLiteral("  ") + (error.entity.isEmpty() ? QStringLiteral("-") : error.entity),
                               error.externalId.isEmpty() ? QStringLiteral("-") : error.externalId,
                               error.errcode.isEmpty() ? QStringLiteral("-") : error.errcode, oneLine(error.message)});
            }
            errors.print(out);
        }

        out << '\n';
        if (calls->calls == 0) {
            out << tr("Calls made: none recorded under this run.") << '\n';
        } else {
            out << tr("Calls made: %1 (%2 failed)").arg(calls->calls).arg(calls->failed) << '\n';
            TextTable endpoints({tr("  ENDPOINT"), tr("METHOD"), tr("CALLS"), tr("FAILED")});
            for (const auto &endpoint : std::as_const(calls->endpoints)) {
                endpoints.addRow({QStringLiteral("  ") + endpoint.endpoint, endpoint.method,
                                  QString::number(endpoint.calls), QString::number(endpoint.failed)});
            }
            endpoints.print(out);
        }
        co_return ExitOk;
    }
};

} // namespace

QList<CommandSpec> runCommands()
{
    return {
        {{QStringLiteral("sync-status")},
         RunCommands::tr("[NAME]"),
         RunCommands::tr(
             "Show the last sync run of each sync type of one service or of all: status, when, duration, counts, "
             "error, last success and a health word: ok, warning (partial, failed items, or nothing fetched where "
             "the previous success fetched something), failing (failed, cancelled or interrupted), running, or "
             "never (no run, or only dry runs). Dry runs never count as a success. Exit code 0 whatever the "
             "health."),
         {},
         DbNeed::Current,
         &RunCommands::syncStatus,
         &RunCommands::checkSyncStatus},
        {{QStringLiteral("runs"), QStringLiteral("list")},
         RunCommands::tr("[--service NAME] [--status S] [--type T] [--since T] [--limit N] [--after ID]"),
         RunCommands::tr(
             "List sync runs, newest first. COUNTS is the number fetched, then +created ~updated -deleted !failed "
             "(zeros left out). When more runs follow, the last line gives the --after ID of the next page."),
         {QCommandLineOption(QStringLiteral("service"), RunCommands::tr("Only the runs of this service."),
                             RunCommands::tr("NAME")),
          QCommandLineOption(QStringLiteral("status"),
                             RunCommands::tr("Only runs with this status: %1 (interrupted runs are failed).")
                                 .arg(kStatuses.join(QStringLiteral(", "))),
                             RunCommands::tr("STATUS")),
          QCommandLineOption(
              QStringLiteral("type"),
              RunCommands::tr("Only runs of this sync type: %1.").arg(kSyncTypes.join(QStringLiteral(", "))),
              RunCommands::tr("TYPE")),
          QCommandLineOption(
              QStringLiteral("since"),
              RunCommands::tr("Only runs created since this time: an ISO 8601 date or time (2024-05-01, "
                              "2024-05-01T08:00, local time unless a zone is given) or a span back from now "
                              "(30m, 24h, 7d, 2w)."),
              RunCommands::tr("TIME")),
          QCommandLineOption(QStringLiteral("limit"),
                             RunCommands::tr("At most this many runs (1 to %1, default %2).")
                                 .arg(db::SyncRunRepository::maxPageSize)
                                 .arg(kDefaultLimit),
                             RunCommands::tr("N")),
          QCommandLineOption(QStringLiteral("after"),
                             RunCommands::tr("The next page: only runs older than this run ID."),
                             RunCommands::tr("ID"))},
         DbNeed::Current,
         &RunCommands::runsList,
         &RunCommands::checkRunsList},
        {{QStringLiteral("runs"), QStringLiteral("show")},
         RunCommands::tr("ID"),
         RunCommands::tr(
             "Show one sync run: every field, its steps with their counts, its errors (the first %1 and the total) "
             "and the calls it made, failed ones and by endpoint, from the call log.")
             .arg(db::SyncRunRepository::defaultErrorLimit),
         {},
         DbNeed::Current,
         &RunCommands::runsShow,
         &RunCommands::checkRunsShow},
    };
}

} // namespace ic::cli
