#include "CallLogWriter.h"

#include "common/Logging.h"
#include "common/Sha256.h"
#include "common/ThreadPriority.h"
#include "db/Database.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

namespace ic::net {

/// A queued record, or a call still to be redacted into one.
struct PendingRecord {
    db::CallLogRecord record;
    std::optional<std::pair<Redactor, CallExchange>> exchange;

    db::CallLogRecord take()
    {
        return exchange ? redactedRecord(exchange->first, exchange->second) : std::move(record);
    }
};

struct CallLogWriter::Shared {
    db::DatabaseUrl url;
    QString password;
    CallLogWriterOptions options;

    std::mutex mutex;
    std::condition_variable wake;    ///< The worker waits on it for records, a flush or the stop.
    std::condition_variable handled; ///< flush() waits on it.
    QList<PendingRecord> queue;
    qint64 appendedCount = 0; ///< Every record append() saw, queued or dropped.
    qint64 handledCount = 0;  ///< Records written or dropped.
    qint64 writtenCount = 0;
    qint64 droppedCount = 0;
    qint64 droppedAtLastFlush = 0; ///< droppedCount when flush() last returned.
    qint64 overflowNotLogged = 0;  ///< Dropped because the queue was full, not yet reported in the log.
    bool flushRequested = false;
    bool stopping = false;

    /// The worker thread's body.
    void run();
    /// Writes one batch (at most batchSize records), retrying once, and accounts for it.
    void enqueue(PendingRecord pending);
    void writeBatch(std::unique_ptr<db::Database> &database, QList<db::CallLogRecord> batch);
    Status insert(std::unique_ptr<db::Database> &database, const QList<db::CallLogRecord> &batch);
};

CallLogWriter::CallLogWriter(db::DatabaseUrl url, QString password, CallLogWriterOptions options)
    : m_shared(std::make_shared<Shared>())
{
    options.batchSize = std::max(1, options.batchSize);
    options.maxQueued = std::max<qsizetype>(1, options.maxQueued);
    m_shared->url = std::move(url);
    m_shared->password = std::move(password);
    m_shared->options = options;
    m_thread.reset(QThread::create([shared = m_shared] {
        setBackgroundPriority(); // behind the threads that wait on the network (ThreadPriority.h)
        shared->run();
    }));
    m_thread->setObjectName(QStringLiteral("CallLogWriter"));
    m_thread->start();
}

CallLogWriter::~CallLogWriter()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->stopping = true;
    }
    m_shared->wake.notify_one();
    m_thread->wait();
}

void CallLogWriter::append(db::CallLogRecord record)
{
    m_shared->enqueue(PendingRecord{std::move(record), std::nullopt});
}

void CallLogWriter::append(const Redactor &redactor, CallExchange exchange)
{
    m_shared->enqueue(PendingRecord{{}, std::make_pair(redactor, std::move(exchange))});
}

void CallLogWriter::Shared::enqueue(PendingRecord pending)
{
    bool wakeWorker = false;
    {
        std::lock_guard lock(mutex);
        ++appendedCount;
        if (queue.size() >= options.maxQueued) {
            ++droppedCount;
            ++handledCount;
            ++overflowNotLogged;
            return;
        }
        queue.append(std::move(pending));
        wakeWorker = queue.size() >= options.batchSize;
    }
    if (wakeWorker) {
        wake.notify_one();
    }
}

bool CallLogWriter::flush(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_shared->mutex);
    const qint64 target = m_shared->appendedCount;
    m_shared->flushRequested = true;
    m_shared->wake.notify_one();
    const bool done = m_shared->handled.wait_for(lock, timeout, [&] { return m_shared->handledCount >= target; });
    const bool noneDropped = m_shared->droppedCount == m_shared->droppedAtLastFlush;
    m_shared->droppedAtLastFlush = m_shared->droppedCount;
    return done && noneDropped;
}

qint64 CallLogWriter::written() const
{
    std::lock_guard lock(m_shared->mutex);
    return m_shared->writtenCount;
}

qint64 CallLogWriter::dropped() const
{
    std::lock_guard lock(m_shared->mutex);
    return m_shared->droppedCount;
}

void CallLogWriter::Shared::run()
{
    std::unique_ptr<db::Database> database;
    while (true) {
        QList<PendingRecord> pending;
        bool stop = false;
        qint64 overflow = 0;
        {
            std::unique_lock lock(mutex);
            wake.wait_for(lock, options.flushInterval,
                          [&] { return stopping || flushRequested || queue.size() >= options.batchSize; });
            pending.swap(queue);
            flushRequested = false;
            stop = stopping;
            overflow = std::exchange(overflowNotLogged, 0);
        }
        if (overflow > 0) {
            qCCritical(lcNet).noquote() << CallLogWriter::tr(
                "%n call log record(s) were dropped because the queue was full; the database "
                "does not keep up.",
                nullptr, int(overflow));
        }
        // One transaction holds at most batchSize records and about maxTransactionPayload of payloads: on SQLite it
        // holds the database's only write lock, which a running sync's writer waits for meanwhile.
        QList<db::CallLogRecord> batch;
        qsizetype payloadBytes = 0;
        for (PendingRecord &record : pending) {
            db::CallLogRecord taken = record.take();
            CallLogWriter::capPayloads(taken, options.payloadCap);
            payloadBytes += (taken.requestPayload.size() + taken.responsePayload.size()) * qsizetype(sizeof(QChar));
            batch.append(std::move(taken));
            if (batch.size() >= options.batchSize || payloadBytes >= options.maxTransactionPayload) {
                writeBatch(database, std::exchange(batch, {}));
                payloadBytes = 0;
            }
        }
        if (!batch.isEmpty()) {
            writeBatch(database, std::move(batch));
        }
        if (stop) {
            std::lock_guard lock(mutex);
            if (queue.isEmpty()) {
                break;
            }
        }
    }
    database.reset(); // the connection belongs to this thread and is closed here
}

Status CallLogWriter::Shared::insert(std::unique_ptr<db::Database> &database, const QList<db::CallLogRecord> &batch)
{
    if (!database) {
        auto opened = db::Database::open(url, password);
        if (!opened) {
            return opened.error();
        }
        database = std::move(opened.value());
    }
    return db::CallLogRepository(*database).insertBatch(batch);
}

void CallLogWriter::Shared::writeBatch(std::unique_ptr<db::Database> &database, QList<db::CallLogRecord> batch)
{
    Status status = insert(database, batch);
    if (!status) {
        qCWarning(lcNet).noquote() << "writing" << batch.size()
                                   << "call log records failed, retrying once:" << status.error().toDisplayString();
        std::this_thread::sleep_for(options.retryDelay);
        database.reset(); // a broken connection is replaced; the retry opens a new one
        status = insert(database, batch);
    }
    const auto count = batch.size();
    {
        std::lock_guard lock(mutex);
        (status ? writtenCount : droppedCount) += count;
        handledCount += count;
    }
    handled.notify_all();
    if (!status) {
        qCCritical(lcNet).noquote() << CallLogWriter::tr("%n call log record(s) were dropped: %1", nullptr, int(count))
                                           .arg(status.error().toDisplayString());
    }
}

void CallLogWriter::capPayloads(db::CallLogRecord &record, qsizetype cap)
{
    auto capOne = [cap](QString &payload, std::optional<qint64> &size, QString &hash) {
        if (payload.isEmpty()) {
            size = 0;
            hash.clear();
            return;
        }
        const QByteArray utf8 = payload.toUtf8();
        size = utf8.size();
        hash = QString::fromLatin1(sha256(utf8).toHex());
        if (utf8.size() <= cap) {
            return;
        }
        qsizetype cut = std::max<qsizetype>(0, cap);
        while (cut > 0 && (uchar(utf8.at(cut)) & 0xC0) == 0x80) {
            --cut; // never split a character
        }
        payload = QString::fromUtf8(utf8.constData(), cut);
    };
    capOne(record.requestPayload, record.requestSize, record.requestHash);
    capOne(record.responsePayload, record.responseSize, record.responseHash);
}

namespace {

QByteArray headerValue(const Redactor::Headers &headers, QByteArrayView name)
{
    for (const Redactor::Header &header : headers) {
        if (QByteArrayView(header.first).compare(name, Qt::CaseInsensitive) == 0) {
            return header.second;
        }
    }
    return {};
}

QString payload(const Redactor &redactor, const Redactor::Headers &headers, const QByteArray &body)
{
    QByteArray text;
    for (const Redactor::Header &header : redactor.redactHeaders(headers)) {
        text += header.first + ": " + header.second + '\n';
    }
    if (!headers.isEmpty() && !body.isEmpty()) {
        text += '\n';
    }
    text += redactor.redactBody(body, headerValue(headers, "Content-Type"));
    return QString::fromUtf8(text);
}

} // namespace

db::CallLogRecord redactedRecord(const Redactor &redactor, const CallExchange &exchange)
{
    db::CallLogRecord record;
    record.tenantId = exchange.tenantId;
    record.serviceId = exchange.serviceId;
    record.serviceType = exchange.serviceType;
    record.endpoint = redactor.redactUrl(exchange.url);
    record.method = QString::fromLatin1(exchange.method);
    record.correlationId = exchange.correlationId;
    record.runId = exchange.runId;
    record.attempt = exchange.attempt;
    record.requestAt = exchange.requestAt;
    record.responseAt = exchange.responseAt;
    if (exchange.requestAt.isValid() && exchange.responseAt.isValid()) {
        record.durationMs = exchange.requestAt.msecsTo(exchange.responseAt);
    }
    record.httpStatus = exchange.httpStatus;
    record.apiErrcode = redactor.redactText(exchange.apiErrcode);
    record.success = exchange.success;
    record.error = redactor.redactText(exchange.error);
    record.requestPayload = payload(redactor, exchange.requestHeaders, exchange.requestBody);
    record.responsePayload = payload(redactor, exchange.responseHeaders, exchange.responseBody);
    return record;
}

} // namespace ic::net
