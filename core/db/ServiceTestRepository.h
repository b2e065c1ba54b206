#pragma once

#include "common/Result.h"
#include "db/Database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace ic::db {

/// A row of `service_tests`: the result of one connection test of a service, kept for the UI. The steps are stored
/// as given: keeping secrets out of them is the connection test's job, never this repository's.
struct ServiceTestRecord {
    qint64 id = 0; ///< Set by the database; ignored by insert().
    QString tenantId;
    qint64 serviceId = 0; ///< The tested service; its results go when it is removed.
    QDateTime startedAt;  ///< Required; stored in UTC with milliseconds.
    QDateTime finishedAt; ///< Invalid: the test did not finish.
    QString outcome;      ///< "passed", "warning" or "failed".
    QJsonArray result;    ///< The steps, in order, one JSON value each.
    QString testedBy;     ///< Who ran it (the OS user), for people.

    friend bool operator==(const ServiceTestRecord &, const ServiceTestRecord &) = default;
};

/// Typed access to `service_tests`. Every call is scoped to one tenant and service.
class ServiceTestRepository {
public:
    /// The most results list() returns.
    static constexpr int maxListSize = 1000;

    explicit ServiceTestRepository(Database &db);

    /// Inserts the result and returns its id. A record without tenant, service or a valid start time, or with an
    /// outcome other than passed / warning / failed, is ErrorCode::InvalidInput; a service that does not exist
    /// (any more) is ErrorCode::NotFound.
    Result<qint64> insert(const ServiceTestRecord &record);

    /// The newest result of the service (by start time, then id), std::nullopt when it was never tested.
    Result<std::optional<ServiceTestRecord>> latest(const QString &tenantId, qint64 serviceId);

    /// The newest `limit` results of the service, newest first; `limit` is clamped to 1..maxListSize.
    Result<QList<ServiceTestRecord>> list(const QString &tenantId, qint64 serviceId, int limit);

private:
    Database &m_db;
};

} // namespace ic::db
