#pragma once

#include "db/CallLogRepository.h"
#include "db/DatabaseUrl.h"
#include "net/Redactor.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QUrl>

#include <QThread>

#include <chrono>
#include <memory>

namespace ic::net {

/// Tuning of a CallLogWriter.
struct CallLogWriterOptions {
    /// Write as soon as this many records are queued. Small, so that the writer keeps up as the calls come instead
    /// of leaving hundreds of records (each redacted here, not on the caller's thread) for the end of a sync.
    int batchSize = 32;
    std::chrono::milliseconds flushInterval{250}; ///< Write whatever is queued at least this often.
    qsizetype payloadCap = 16 * 1024;             ///< Stored bytes of each payload (UTF-8); the rest is cut.
    /// A transaction ends once its records' payloads reach this many bytes (in memory), whatever batchSize says:
    /// on SQLite a transaction holds the database's only write lock, and 200 records of 16 KiB payloads held it
    /// for about 80 ms, stalling a sync's writer.
    qsizetype maxTransactionPayload = 256 * 1024;
    qsizetype maxQueued = 100000;              ///< Records beyond this are dropped (and counted, and logged).
    std::chrono::milliseconds retryDelay{200}; ///< Pause before the one retry of a failed batch.
};

/// The parts of one outbound call, as the HTTP client saw them, before redaction.
struct CallExchange {
    QString tenantId;
    std::optional<qint64> serviceId;
    QString serviceType;
    QByteArray method;
    QUrl url;
    QString correlationId;
    std::optional<qint64> runId;
    int attempt = 1;
    QDateTime requestAt;
    QDateTime responseAt;
    Redactor::Headers requestHeaders;
    QByteArray requestBody;
    Redactor::Headers responseHeaders;
    QByteArray responseBody;
    std::optional<int> httpStatus;
    QString apiErrcode;
    bool success = false;
    QString error;
};

/// Writes call-log rows in batches on its own thread, so a caller on any thread never waits for the database.
///
/// The writer opens its own Database connection (from the URL and password given) on its worker thread; the
/// schema must exist. Records are written when batchSize are queued, every flushInterval, on flush() and on
/// destruction. Before writing, each payload is cut to payloadCap bytes (at a character boundary); requestSize /
/// responseSize then hold the byte size of the whole payload and requestHash / responseHash its SHA-256 (hex), so
/// the stored prefix can be matched with the full text elsewhere.
///
/// Records appended as db::CallLogRecord are stored as given: build them with redactedRecord(), which passes every
/// part through a Redactor. Exchanges appended with their Redactor are redacted by the worker thread.
///
/// No record is lost silently: a batch that fails is retried once (on a freshly opened connection), and if it
/// fails again its records are dropped with an error in the `ic.core.net` log category that says how many; records
/// beyond maxQueued are dropped and logged the same way. written() and dropped() count both outcomes.
class CallLogWriter {
    Q_DECLARE_TR_FUNCTIONS(ic::net::CallLogWriter)

public:
    CallLogWriter(db::DatabaseUrl url, QString password, CallLogWriterOptions options = {});
    /// Writes everything still queued, then stops the worker thread.
    ~CallLogWriter();
    CallLogWriter(const CallLogWriter &) = delete;
    CallLogWriter &operator=(const CallLogWriter &) = delete;

    /// Queues a record. Thread-safe and non-blocking: it takes a lock only to append to the queue.
    void append(db::CallLogRecord record);
    /// Queues a call as the client saw it; the worker thread turns it into a record with redactedRecord(), so the
    /// caller's thread pays neither for the redaction nor for the hashing. The raw exchange lives only in this
    /// process's memory until then; it is never written or logged.
    void append(const Redactor &redactor, CallExchange exchange);

    /// Writes every record appended before the call and waits until they are written or dropped, at most
    /// `timeout`. Returns true when all of them were handled in time and no record at all was dropped since the
    /// previous flush() returned (or since construction).
    bool flush(std::chrono::milliseconds timeout = std::chrono::seconds(30));

    /// Records written to the database so far.
    qint64 written() const;
    /// Records dropped so far (after a failed retry, or because the queue was full).
    qint64 dropped() const;

    /// Cuts `record`'s payloads to `cap` bytes and sets their sizes and hashes from the whole payloads (what the
    /// worker does to every record before writing it).
    static void capPayloads(db::CallLogRecord &record, qsizetype cap);

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    std::unique_ptr<QThread> m_thread;
};

/// A call-log record for `exchange` with everything passed through `redactor`: the URL, headers, bodies (by their
/// Content-Type header) and the error. Each payload is the headers as `Name: value` lines, an empty line and the
/// body. The duration is computed from the two times when both are valid.
db::CallLogRecord redactedRecord(const Redactor &redactor, const CallExchange &exchange);

} // namespace ic::net
