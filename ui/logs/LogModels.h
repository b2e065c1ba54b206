#pragma once

#include "common/Error.h"
#include "db/CallLogRepository.h"
#include "db/Repositories.h"
#include "db/SyncRunRepository.h"
#include "logs/LogExport.h"
#include "logs/LogQueryThread.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVariantList>

#include <atomic>
#include <memory>
#include <optional>

namespace ic::ui {

/// What the three log models share: keyset paging through a query thread of their own (LogQueryThread), the loading
/// state and the signals the page and the tests wait for.
///
/// setFilter() (or refresh()) drops the rows and loads the first page; views then call canFetchMore()/fetchMore() as
/// they scroll, and each call loads the next page below the last row (keyset paging: never OFFSET, never the whole
/// table). A filter change while a page is loading makes that page's answer stale: it is skipped on the query thread
/// if it has not started yet, and ignored if it arrives.
class PagedLogModel : public QAbstractTableModel {
    Q_OBJECT

public:
    /// Rows per page in the views; exports page through 1,000 at a time.
    static constexpr int defaultPageSize = 200;

    ~PagedLogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Whether a page is being read.
    bool isLoading() const { return m_loading; }
    /// Whether more rows than the loaded ones match the filter.
    bool hasMore() const { return m_hasMore; }
    /// The error of the last page read; std::nullopt when it succeeded.
    const std::optional<Error> &lastError() const { return m_error; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = rows; }

    /// Loads the first page of the current filter again (new rows show up; scrolled-in pages are dropped).
    void refresh();

    /// Writes every row that matches the current filter (paged through on the query thread, not only the loaded
    /// ones) to `path`; emits exportFinished() when done. The payloads are written as stored, that is redacted.
    void exportView(const QString &path, LogExportFormat format);
    /// An export started here has not finished yet.
    bool isExporting() const { return m_exports > 0; }

    /// The column names of exports (stable, untranslated: the JSON keys and the CSV header).
    virtual QStringList exportHeader() const = 0;

Q_SIGNALS:
    /// A page was read and its rows added (`first`: the first page of a filter, the rows were replaced).
    void pageLoaded(bool first);
    /// Reading a page failed; lastError() says why.
    void loadFailed();
    void loadingChanged(bool loading);
    /// An export ended: `rows` written, or `error` (translated, empty on success) and nothing written.
    void exportFinished(qint64 rows, const QString &error);

protected:
    PagedLogModel(db::DatabaseUrl url, QString password, QString tenant, QObject *parent);

    /// Starts reading a page on the query thread: the first one of the filter, or the one after the loaded rows.
    virtual void startPage(quint64 generation, bool first) = 0;
    virtual void startExport(const QString &path, LogExportFormat format) = 0;
    virtual int loadedRows() const = 0;
    virtual void clearRows() = 0;

    /// Begins a new filter: drops the rows and starts the first page.
    void reload();
    /// For subclasses' query-thread jobs: whether `generation` is still the current one.
    bool isCurrent(quint64 generation) const { return generation == m_currentGeneration->load(); }
    std::shared_ptr<std::atomic<quint64>> generationFlag() const { return m_currentGeneration; }
    /// Set when the model is being destroyed: a running export stops after its current page.
    std::shared_ptr<std::atomic<bool>> closingFlag() const { return m_closing; }
    /// Called on the GUI thread with a page's outcome; `append` adds its rows (between beginInsertRows/endInsertRows).
    void finishPage(quint64 generation, bool first, const std::optional<Error> &error, int rows, bool hasMore,
                    const std::function<void()> &append);

public:
    /// The model's query thread, for other reads that belong with it (a run's details).
    LogQueryThread *queries() const { return m_queries.get(); }

protected:
    const QString &tenant() const { return m_tenant; }

private:
    void setLoading(bool loading);

    std::unique_ptr<LogQueryThread> m_queries;
    QString m_tenant;
    std::shared_ptr<std::atomic<quint64>> m_currentGeneration = std::make_shared<std::atomic<quint64>>(0);
    std::shared_ptr<std::atomic<bool>> m_closing = std::make_shared<std::atomic<bool>>(false);
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_hasMore = false;
    std::optional<Error> m_error;
    int m_pageSize = defaultPageSize;
    int m_exports = 0; ///< Exports started and not finished.
};

/// The typed half of a log model: its rows, filter and cursor, and how a page is read (`Traits::fetch`, which runs on
/// the query thread and gets nothing of the model but copies).
template<typename Traits>
class KeysetLogModel : public PagedLogModel {
public:
    using Row = typename Traits::Row;
    using Filter = typename Traits::Filter;
    using Cursor = typename Traits::Cursor;

    const Filter &filter() const { return m_filter; }
    /// Replaces the filter and loads its first page.
    void setFilter(const Filter &filter)
    {
        m_filter = filter;
        reload();
    }
    const Row &row(int index) const { return m_rows.at(index); }
    /// The row with `id`, or -1 when it is not loaded.
    int rowOfId(qint64 id) const
    {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (Traits::id(m_rows.at(i)) == id) {
                return i;
            }
        }
        return -1;
    }
    QStringList exportHeader() const override { return Traits::exportHeader(); }

protected:
    using PagedLogModel::PagedLogModel;

    int loadedRows() const override { return int(m_rows.size()); }
    void clearRows() override
    {
        m_rows.clear();
        m_next.reset();
    }

    void startPage(quint64 generation, bool first) override
    {
        const QString tenantId = tenant();
        const Filter filter = m_filter;
        const std::optional<Cursor> after = first ? std::nullopt : m_next;
        const int limit = pageSize();
        auto current = generationFlag();
        queries()->post([this, generation, first, tenantId, filter, after, limit, current](db::Database *database,
                                                                                           const Error *openError) {
            if (current->load() != generation) {
                return; // the filter changed before this page started
            }
            auto result = std::make_shared<Result<typename Traits::Page>>(
                openError ? Result<typename Traits::Page>(*openError)
                          : Traits::fetch(*database, tenantId, filter, after, limit));
            QMetaObject::invokeMethod(
                this, [this, generation, first, result] { applyPage(generation, first, *result); },
                Qt::QueuedConnection);
        });
    }

    void startExport(const QString &path, LogExportFormat format) override
    {
        const QString tenantId = tenant();
        const Filter filter = m_filter;
        auto closing = closingFlag();
        queries()->post(
            [this, tenantId, filter, path, format, closing](db::Database *database, const Error *openError) {
                qint64 rows = 0;
                QString error;
                Status done = openError ? Status(*openError)
                                        : exportAll(*database, tenantId, filter, path, format, *closing, &rows);
                if (!done) {
                    error = done.error().message;
                    rows = 0;
                }
                QMetaObject::invokeMethod(
                    this, [this, rows, error] { Q_EMIT exportFinished(rows, error); }, Qt::QueuedConnection);
            });
    }

private:
    static Status exportAll(db::Database &database, const QString &tenantId, const Filter &filter, const QString &path,
                            LogExportFormat format, const std::atomic<bool> &closing, qint64 *rows)
    {
        LogExportWriter writer(path, format, Traits::exportHeader());
        if (Status opened = writer.open(); !opened) {
            return opened;
        }
        std::optional<Cursor> after;
        for (;;) {
            Result<typename Traits::Page> page = Traits::fetch(database, tenantId, filter, after, 1000);
            if (!page) {
                return page.error();
            }
            for (const Row &row : Traits::rows(page.value())) {
                if (Status written = writer.write(Traits::exportValues(row)); !written) {
                    return written;
                }
            }
            after = Traits::next(page.value());
            if (!after) {
                break;
            }
            if (closing.load()) {
                return Error::make(ErrorCode::Cancelled, LogExportWriter::tr("The export was cancelled."));
            }
        }
        *rows = writer.rows();
        return writer.commit();
    }

    void applyPage(quint64 generation, bool first, const Result<typename Traits::Page> &result)
    {
        if (!result) {
            finishPage(generation, first, result.error(), 0, false, {});
            return;
        }
        const QList<Row> &rows = Traits::rows(result.value());
        const std::optional<Cursor> next = Traits::next(result.value());
        finishPage(generation, first, std::nullopt, int(rows.size()), next.has_value(), [this, &rows, &next] {
            m_rows += rows;
            m_next = next;
        });
    }

    Filter m_filter;
    QList<Row> m_rows;
    std::optional<Cursor> m_next;
};

struct CallLogTraits {
    using Row = db::CallLogRecord;
    using Filter = db::CallLogFilter;
    using Cursor = db::CallLogCursor;
    using Page = db::CallLogPage;
    static Result<Page> fetch(db::Database &database, const QString &tenant, const Filter &filter,
                              const std::optional<Cursor> &after, int limit);
    static const QList<Row> &rows(const Page &page) { return page.records; }
    static std::optional<Cursor> next(const Page &page) { return page.next; }
    static qint64 id(const Row &row) { return row.id; }
    static QStringList exportHeader();
    static QVariantList exportValues(const Row &row);
};

struct SyncRunTraits {
    using Row = db::SyncRunRecord;
    using Filter = db::SyncRunFilter;
    using Cursor = qint64;
    using Page = db::SyncRunPage;
    static Result<Page> fetch(db::Database &database, const QString &tenant, const Filter &filter,
                              const std::optional<Cursor> &after, int limit);
    static const QList<Row> &rows(const Page &page) { return page.runs; }
    static std::optional<Cursor> next(const Page &page) { return page.next; }
    static qint64 id(const Row &row) { return row.id; }
    static QStringList exportHeader();
    static QVariantList exportValues(const Row &row);
};

struct AuditLogTraits {
    using Row = db::AuditEntry;
    using Filter = db::AuditLogFilter;
    using Cursor = db::AuditLogCursor;
    using Page = db::AuditLogPage;
    static Result<Page> fetch(db::Database &database, const QString &tenant, const Filter &filter,
                              const std::optional<Cursor> &after, int limit);
    static const QList<Row> &rows(const Page &page) { return page.entries; }
    static std::optional<Cursor> next(const Page &page) { return page.next; }
    static qint64 id(const Row &row) { return row.id; }
    static QStringList exportHeader();
    static QVariantList exportValues(const Row &row);
};

/// Service ids to names, for the Service columns.
using ServiceNames = QHash<qint64, QString>;

/// The API calls (`call_log`), newest first: time, service, method, endpoint, HTTP status, errcode, result, duration,
/// attempt, run. The payloads are loaded with the rows, for the detail pane (as stored: redacted and size-capped).
class CallLogModel : public KeysetLogModel<CallLogTraits> {
    Q_OBJECT

public:
    enum Column { Time, Service, Method, Endpoint, HttpStatus, Errcode, Outcome, Duration, Attempt, Run, ColumnCount };

    CallLogModel(db::DatabaseUrl url, QString password, QString tenant, QObject *parent = nullptr);

    void setServiceNames(const ServiceNames &names);
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ServiceNames m_serviceNames;
};

/// The sync runs (`sync_runs`), newest first: id, created, service, type, mode, trigger, status, duration, counts,
/// host, error summary.
class SyncRunModel : public KeysetLogModel<SyncRunTraits> {
    Q_OBJECT

public:
    enum Column { Id, Created, Service, Type, Mode, Trigger, RunStatus, Duration, Counts, Host, Summary, ColumnCount };

    SyncRunModel(db::DatabaseUrl url, QString password, QString tenant, QObject *parent = nullptr);

    void setServiceNames(const ServiceNames &names);
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ServiceNames m_serviceNames;
};

/// The audit log (`audit_log`), newest first: time, action, entity type, entity, OS user, database user, host.
class AuditLogModel : public KeysetLogModel<AuditLogTraits> {
    Q_OBJECT

public:
    enum Column { Time, Action, EntityType, Entity, OsUser, DbUser, Host, ColumnCount };

    AuditLogModel(db::DatabaseUrl url, QString password, QString tenant, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

/// A time in the views: local time, with seconds.
QString logTime(const QDateTime &time);

} // namespace ic::ui
