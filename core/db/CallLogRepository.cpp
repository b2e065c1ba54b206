#include "CallLogRepository.h"

#include "db/SqlError.h"

#include <QCoreApplication>
#include <QMap>
#include <QSqlQuery>

#include <algorithm>

namespace ic::db {

namespace {

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

template<typename T>
QVariant nullable(const std::optional<T> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant(QMetaType::fromType<T>());
}

std::optional<qint64> optionalInt64(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

Status validate(const CallLogRecord &record, qsizetype index)
{
    if (record.tenantId.isEmpty()) {
        return Error::invalid(
            QStringLiteral("tenant_id"),
            QCoreApplication::translate("ic::db::CallLogRepository", "Call log record %1 has no tenant.")
                .arg(index + 1));
    }
    if (record.endpoint.isEmpty()) {
        return Error::invalid(
            QStringLiteral("endpoint"),
            QCoreApplication::translate("ic::db::CallLogRepository", "Call log record %1 has no endpoint.")
                .arg(index + 1));
    }
    if (record.method.isEmpty()) {
        return Error::invalid(QStringLiteral("method"), QCoreApplication::translate("ic::db::CallLogRepository",
                                                                                    "Call log record %1 has no method.")
                                                            .arg(index + 1));
    }
    if (!record.requestAt.isValid()) {
        return Error::invalid(
            QStringLiteral("request_at"),
            QCoreApplication::translate("ic::db::CallLogRepository", "Call log record %1 has no request time.")
                .arg(index + 1));
    }
    return {};
}

} // namespace

CallLogRepository::CallLogRepository(Database &db)
    : m_db(db)
{}

Status CallLogRepository::insertBatch(const QList<CallLogRecord> &records)
{
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (Status valid = validate(records.at(i), i); !valid) {
            return valid;
        }
    }
    if (records.isEmpty()) {
        return {};
    }
    // Declared outside the transaction: on PostgreSQL a failed statement aborts the transaction, and a prepared
    // statement can only be freed after the rollback.
    QSqlQuery query(m_db.handle());
    query.setForwardOnly(true);
    return m_db.transaction([&]() -> Status {
        if (!query.prepare(QStringLiteral(
                "INSERT INTO call_log (tenant_id, service_id, service_type, endpoint, method, correlation_id, run_id, "
                "attempt, request_at, response_at, duration_ms, http_status, api_errcode, success, error, "
                "request_payload, request_size, request_hash, response_payload, response_size, response_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
            return databaseError(
                QCoreApplication::translate("ic::db::CallLogRepository", "The call log cannot be written."),
                query.lastError());
        }
        for (const CallLogRecord &record : records) {
            const QVariant values[] = {record.tenantId,
                                       nullable(record.serviceId),
                                       nullableText(record.serviceType),
                                       record.endpoint,
                                       record.method,
                                       nullableText(record.correlationId),
                                       nullable(record.runId),
                                       record.attempt,
                                       m_db.toDbTime(record.requestAt),
                                       m_db.toDbTime(record.responseAt),
                                       nullable(record.durationMs),
                                       nullable(record.httpStatus),
                                       nullableText(record.apiErrcode),
                                       record.success,
                                       nullableText(record.error),
                                       nullableText(record.requestPayload),
                                       nullable(record.requestSize),
                                       nullableText(record.requestHash),
                                       nullableText(record.responsePayload),
                                       nullable(record.responseSize),
                                       nullableText(record.responseHash)};
            for (int i = 0; i < int(std::size(values)); ++i) {
                query.bindValue(i, values[i]);
            }
            if (!query.exec()) {
                return databaseError(
                    QCoreApplication::translate("ic::db::CallLogRepository", "The call log cannot be written."),
                    query.lastError());
            }
        }
        return {};
    });
}

namespace {

/// How many rows a text-filtered page reads per step on the server dialects (see page()).
constexpr int kTextScanChunk = 5000;

} // namespace

QString CallLogRepository::conditions(const CallLogFilter &filter, const std::optional<CallLogCursor> &after,
                                      QVariantList &values) const
{
    QString statement;
    if (filter.serviceId) {
        statement += QStringLiteral(" AND service_id = ?");
        values.append(*filter.serviceId);
    }
    if (filter.success) {
        statement += QStringLiteral(" AND success = ?");
        values.append(*filter.success);
    }
    if (!filter.correlationId.isEmpty()) {
        statement += QStringLiteral(" AND correlation_id = ?");
        values.append(filter.correlationId);
    }
    if (filter.runId) {
        statement += QStringLiteral(" AND run_id = ?");
        values.append(*filter.runId);
    }
    if (!filter.endpointContains.isEmpty()) {
        statement += QStringLiteral(" AND LOWER(endpoint) LIKE ? ESCAPE '!'");
        values.append(containsPattern(filter.endpointContains));
    }
    if (filter.since.isValid()) {
        statement += QStringLiteral(" AND request_at >= ?");
        values.append(m_db.toDbTime(filter.since));
    }
    if (filter.until.isValid()) {
        statement += QStringLiteral(" AND request_at < ?");
        values.append(m_db.toDbTime(filter.until));
    }
    if (after) {
        // (request_at, id) < (cursor) written so that every dialect's planner seeks the index to the cursor: the
        // first condition is a range on request_at, the second only sorts out the rows at the cursor's instant. (A
        // plain OR of the two cases makes SQLite scan from the newest row on every page.)
        statement += QStringLiteral(" AND request_at <= ? AND (request_at < ? OR id < ?)");
        const QVariant at = m_db.toDbTime(after->requestAt);
        values << at << at << after->id;
    }
    return statement;
}

QString CallLogRepository::selectRows() const
{
    return QStringLiteral("SELECT id, tenant_id, service_id, service_type, endpoint, method, correlation_id, run_id, "
                          "attempt, ") +
           m_db.selectTime(QStringLiteral("request_at")) + QStringLiteral(", ") +
           m_db.selectTime(QStringLiteral("response_at")) +
           QStringLiteral(
               ", duration_ms, http_status, api_errcode, success, error, request_payload, request_size, "
               "request_hash, response_payload, response_size, response_hash FROM call_log WHERE tenant_id = ?");
}

Result<CallLogPage> CallLogRepository::page(const QString &tenantId, const CallLogFilter &filter,
                                            const std::optional<CallLogCursor> &after, int limit)
{
    limit = std::clamp(limit, 1, maxPageSize);
    if (!filter.endpointContains.isEmpty() && m_db.dialect() != Dialect::SQLite) {
        return textPage(tenantId, filter, after, limit);
    }
    QString statement = selectRows();
    QVariantList values{tenantId};
    statement += conditions(filter, after, values);
    statement += QStringLiteral(" ORDER BY request_at DESC, id DESC LIMIT ?");
    values.append(limit + 1); // one more than asked: whether another page follows
    return readPage(statement, values, limit);
}

Result<CallLogPage> CallLogRepository::textPage(const QString &tenantId, const CallLogFilter &filter,
                                                const std::optional<CallLogCursor> &after, int limit)
{
    // A substring of the endpoint cannot use an index. PostgreSQL's and MySQL's planners then read and sort the whole
    // log for every page (400 ms at 1,000,000 rows) even when the newest rows match. Instead the newest rows of the
    // other filters are read through the (request_at, id) index in chunks of ids and endpoints only, matched here,
    // until the page is full; then the page's rows are read by id. A common endpoint costs one chunk. After two
    // chunks (a rare text) the rest is left to the planner's own LIKE query from where the chunks ended, which reads
    // the remaining log at the speed of a sequential scan.
    CallLogFilter narrow = filter;
    narrow.endpointContains.clear();
    const QString needle = filter.endpointContains.toLower();
    std::optional<CallLogCursor> cursor = after;
    QList<qint64> ids;
    bool exhausted = false;
    for (int chunk = 0; chunk < 2; ++chunk) {
        QVariantList values{tenantId};
        QString statement = QStringLiteral("SELECT id, ") + m_db.selectTime(QStringLiteral("request_at")) +
                            QStringLiteral(", endpoint FROM call_log WHERE tenant_id = ?") +
                            conditions(narrow, cursor, values) +
                            QStringLiteral(" ORDER BY request_at DESC, id DESC LIMIT ?");
        values.append(kTextScanChunk);
        QSqlQuery query(m_db.handle());
        if (!execute(query, statement, values)) {
            return databaseError(
                QCoreApplication::translate("ic::db::CallLogRepository", "The call log cannot be read."),
                query.lastError());
        }
        int read = 0;
        while (query.next()) {
            ++read;
            cursor = CallLogCursor{m_db.fromDbTime(query.value(1)), query.value(0).toLongLong()};
            if (query.value(2).toString().toLower().contains(needle)) {
                ids.append(query.value(0).toLongLong());
                if (ids.size() > limit) {
                    break;
                }
            }
        }
        if (read < kTextScanChunk) {
            exhausted = true;
        }
        if (ids.size() > limit || exhausted) {
            break;
        }
    }
    if (ids.size() <= limit && !exhausted) {
        QVariantList values{tenantId};
        const QString statement = QStringLiteral("SELECT id FROM call_log WHERE tenant_id = ?") +
                                  conditions(filter, cursor, values) +
                                  QStringLiteral(" ORDER BY request_at DESC, id DESC LIMIT ?");
        values.append(limit + 1 - ids.size());
        QSqlQuery query(m_db.handle());
        if (!execute(query, statement, values)) {
            return databaseError(
                QCoreApplication::translate("ic::db::CallLogRepository", "The call log cannot be read."),
                query.lastError());
        }
        while (query.next()) {
            ids.append(query.value(0).toLongLong());
        }
    }
    if (ids.isEmpty()) {
        return CallLogPage{};
    }
    QString statement = selectRows();
    QVariantList values{tenantId};
    QStringList marks;
    for (qint64 id : std::as_const(ids)) {
        marks.append(QStringLiteral("?"));
        values.append(id);
    }
    statement +=
        QStringLiteral(" AND id IN (") + marks.join(u',') + QStringLiteral(") ORDER BY request_at DESC, id DESC");
    return readPage(statement, values, limit);
}

Result<CallLogPage> CallLogRepository::readPage(const QString &statement, const QVariantList &values, int limit)
{
    QSqlQuery query(m_db.handle());
    if (!execute(query, statement, values)) {
        return databaseError(QCoreApplication::translate("ic::db::CallLogRepository", "The call log cannot be read."),
                             query.lastError());
    }
    CallLogPage page;
    while (query.next()) {
        if (page.records.size() == limit) {
            const CallLogRecord &last = page.records.constLast();
            page.next = CallLogCursor{last.requestAt, last.id};
            break;
        }
        CallLogRecord record;
        record.id = query.value(0).toLongLong();
        record.tenantId = query.value(1).toString();
        record.serviceId = optionalInt64(query.value(2));
        record.serviceType = query.value(3).toString();
        record.endpoint = query.value(4).toString();
        record.method = query.value(5).toString();
        record.correlationId = query.value(6).toString();
        record.runId = optionalInt64(query.value(7));
        record.attempt = query.value(8).toInt();
        record.requestAt = m_db.fromDbTime(query.value(9));
        record.responseAt = m_db.fromDbTime(query.value(10));
        record.durationMs = optionalInt64(query.value(11));
        record.httpStatus = query.value(12).isNull() ? std::nullopt : std::optional<int>(query.value(12).toInt());
        record.apiErrcode = query.value(13).toString();
        record.success = query.value(14).toBool();
        record.error = query.value(15).toString();
        record.requestPayload = query.value(16).toString();
        record.requestSize = optionalInt64(query.value(17));
        record.requestHash = query.value(18).toString();
        record.responsePayload = query.value(19).toString();
        record.responseSize = optionalInt64(query.value(20));
        record.responseHash = query.value(21).toString();
        page.records.append(std::move(record));
    }
    return page;
}

Result<CallLogRunSummary> CallLogRepository::runSummary(const QString &tenantId, qint64 runId)
{
    QSqlQuery query(m_db.handle());
    query.setForwardOnly(true);
    // Grouped by the whole endpoint in SQL, merged by its path below: cutting the query string off in SQL would
    // need each dialect's string functions.
    bool ok = query.prepare(QStringLiteral("SELECT endpoint, method, success, COUNT(*) FROM call_log "
                                           "WHERE tenant_id = ? AND run_id = ? GROUP BY endpoint, method, success"));
    if (ok) {
        query.addBindValue(tenantId);
        query.addBindValue(runId);
        ok = query.exec();
    }
    if (!ok) {
        return databaseError(QCoreApplication::translate("ic::db::CallLogRepository", "The call log cannot be read."),
                             query.lastError());
    }
    CallLogRunSummary summary;
    QMap<std::pair<QString, QString>, CallLogEndpointCount> byEndpoint;
    while (query.next()) {
        const QString endpoint = query.value(0).toString();
        const qsizetype queryStart = endpoint.indexOf(QLatin1Char('?'));
        const QString path = queryStart >= 0 ? endpoint.left(queryStart) : endpoint;
        const QString method = query.value(1).toString();
        const bool success = query.value(2).toBool();
        const qint64 count = query.value(3).toLongLong();
        CallLogEndpointCount &entry = byEndpoint[{path, method}];
        entry.endpoint = path;
        entry.method = method;
        entry.calls += count;
        summary.calls += count;
        if (!success) {
            entry.failed += count;
            summary.failed += count;
        }
    }
    summary.endpoints = byEndpoint.values();
    std::stable_sort(summary.endpoints.begin(), summary.endpoints.end(),
                     [](const CallLogEndpointCount &a, const CallLogEndpointCount &b) { return a.calls > b.calls; });
    return summary;
}

} // namespace ic::db
