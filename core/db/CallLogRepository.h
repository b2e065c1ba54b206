#pragma once

#include "common/Result.h"
#include "db/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace ic::db {

/// A row of `call_log`: one outbound call to a third party. Payloads, the endpoint and the error are stored as
/// given: redacting and capping them is the writer's job (see ic::net::CallLogWriter), never this repository's.
struct CallLogRecord {
    qint64 id = 0; ///< Set by the database; ignored by insertBatch().
    QString tenantId;
    std::optional<qint64> serviceId;
    QString serviceType;
    QString endpoint; ///< The redacted URL.
    QString method;
    QString correlationId; ///< Empty: none.
    std::optional<qint64> runId;
    int attempt = 1;
    QDateTime requestAt; ///< Required; stored in UTC with milliseconds.
    QDateTime responseAt;
    std::optional<qint64> durationMs;
    std::optional<int> httpStatus;
    QString apiErrcode; ///< The provider's error code as text ("0", "40014"); empty: none.
    bool success = false;
    QString error;
    QString requestPayload; ///< Possibly truncated; requestSize and requestHash describe the whole payload.
    std::optional<qint64> requestSize;
    QString requestHash; ///< Hex SHA-256 of the whole (redacted) payload.
    QString responsePayload;
    std::optional<qint64> responseSize;
    QString responseHash;

    friend bool operator==(const CallLogRecord &, const CallLogRecord &) = default;
};

/// Which calls page() returns. Unset members do not filter.
struct CallLogFilter {
    std::optional<qint64> serviceId;
    std::optional<bool> success;
    QString correlationId;
    std::optional<qint64> runId;
    QString endpointContains; ///< Substring of the endpoint; ASCII letters compare case-insensitively.
    QDateTime since;          ///< request_at >= since.
    QDateTime until;          ///< request_at < until.
};

/// The position after the last row of a page: the next page starts below it in (request_at, id) order.
struct CallLogCursor {
    QDateTime requestAt;
    qint64 id = 0;

    friend bool operator==(const CallLogCursor &, const CallLogCursor &) = default;
};

struct CallLogPage {
    QList<CallLogRecord> records;      ///< Newest first: request_at descending, then id descending.
    std::optional<CallLogCursor> next; ///< Set when more rows follow; pass it as `after` for the next page.
};

/// The calls of one sync run to one endpoint with one method.
struct CallLogEndpointCount {
    QString endpoint; ///< The stored endpoint without its query string (which holds per-call values: ids, cursors).
    QString method;
    qint64 calls = 0;
    qint64 failed = 0; ///< Calls recorded with success = false.

    friend bool operator==(const CallLogEndpointCount &, const CallLogEndpointCount &) = default;
};

/// What the call log holds about one sync run: every row with its run id, counted.
struct CallLogRunSummary {
    qint64 calls = 0;
    qint64 failed = 0;
    QList<CallLogEndpointCount> endpoints; ///< Most calls first, then by endpoint and method.
};

/// Typed access to `call_log`. Every call is scoped to one tenant (page()) or carries it in the records.
class CallLogRepository {
public:
    /// The largest page page() returns.
    static constexpr int maxPageSize = 1000;

    explicit CallLogRepository(Database &db);

    /// Inserts every record in one transaction through one prepared statement: all rows are written or none.
    /// A record without tenant, endpoint, method or a valid requestAt is ErrorCode::InvalidInput and nothing is
    /// written.
    Status insertBatch(const QList<CallLogRecord> &records);

    /// One page of the tenant's calls matching `filter`, newest first, starting below `after` (from the newest
    /// when unset). Keyset paging on (request_at, id) through the indexes of migration 1: the cost of a page does
    /// not grow with its position, and rows inserted meanwhile never shift later pages. `limit` is clamped to
    /// 1..maxPageSize.
    Result<CallLogPage> page(const QString &tenantId, const CallLogFilter &filter,
                             const std::optional<CallLogCursor> &after, int limit);

    /// The tenant's calls recorded with run id `runId`, counted in the database (through the run_id index, without
    /// reading payloads): in all, failed, and by endpoint and method. All zero when there are none.
    Result<CallLogRunSummary> runSummary(const QString &tenantId, qint64 runId);

private:
    /// " AND ..." for the filter and the cursor, appending the values to bind.
    QString conditions(const CallLogFilter &filter, const std::optional<CallLogCursor> &after,
                       QVariantList &values) const;
    /// page() with an endpoint text on PostgreSQL and MySQL: index chunks matched here, then the page by id.
    Result<CallLogPage> textPage(const QString &tenantId, const CallLogFilter &filter,
                                 const std::optional<CallLogCursor> &after, int limit);
    /// Runs `statement` and reads at most `limit` records, with the cursor of the next page when one more came.
    Result<CallLogPage> readPage(const QString &statement, const QVariantList &values, int limit);
    /// "SELECT <every column readPage() reads> FROM call_log WHERE tenant_id = ?", for the conditions to follow.
    QString selectRows() const;

    Database &m_db;
};

} // namespace ic::db
