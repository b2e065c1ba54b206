#include "ServiceTestRepository.h"

#include "common/Logging.h"
#include "db/SqlError.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace ic::db {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::db::ServiceTestRepository)
};

bool isOutcome(const QString &outcome)
{
    return outcome == QLatin1String("passed") || outcome == QLatin1String("warning") ||
           outcome == QLatin1String("failed");
}

Status validate(const ServiceTestRecord &record)
{
    if (record.tenantId.isEmpty()) {
        return Error::invalid(QStringLiteral("tenant_id"), Tr::tr("A connection test result needs a tenant."));
    }
    if (record.serviceId <= 0) {
        return Error::invalid(QStringLiteral("service_id"), Tr::tr("A connection test result needs a service."));
    }
    if (!record.startedAt.isValid()) {
        return Error::invalid(QStringLiteral("started_at"), Tr::tr("A connection test result needs a start time."));
    }
    if (!isOutcome(record.outcome)) {
        return Error::invalid(
            QStringLiteral("outcome"),
            Tr::tr("“%1” is not an outcome of a connection test (passed, warning or failed).").arg(record.outcome));
    }
    return {};
}

QJsonArray stepsFromText(const QVariant &value)
{
    const QString text = value.toString();
    if (text.isEmpty()) {
        return {};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (!document.isArray()) {
        // A row written by another tool: show the rest of the result rather than hiding it.
        qCWarning(lcDb) << "service_tests.result does not hold a JSON array:" << error.errorString();
        return {};
    }
    return document.array();
}

/// The SELECT list that readRecord() reads.
QString columns(const Database &db)
{
    return QStringLiteral("id, tenant_id, service_id, ") + db.selectTime(QStringLiteral("started_at")) +
           QStringLiteral(", ") + db.selectTime(QStringLiteral("finished_at")) +
           QStringLiteral(", outcome, result, tested_by");
}

ServiceTestRecord readRecord(const Database &db, const QSqlQuery &query)
{
    ServiceTestRecord record;
    record.id = query.value(0).toLongLong();
    record.tenantId = query.value(1).toString();
    record.serviceId = query.value(2).toLongLong();
    record.startedAt = db.fromDbTime(query.value(3));
    record.finishedAt = db.fromDbTime(query.value(4));
    record.outcome = query.value(5).toString();
    record.result = stepsFromText(query.value(6));
    record.testedBy = query.value(7).toString();
    return record;
}

/// The service's results, newest first, at most `limit` of them.
Result<QList<ServiceTestRecord>> newest(Database &db, const QString &tenantId, qint64 serviceId, int limit)
{
    QSqlQuery query(db.handle());
    query.setForwardOnly(true);
    bool ok = query.prepare(QStringLiteral("SELECT ") + columns(db) +
                            QStringLiteral(" FROM service_tests WHERE tenant_id = ? AND service_id = ? "
                                           "ORDER BY started_at DESC, id DESC LIMIT ?"));
    if (ok) {
        query.addBindValue(tenantId);
        query.addBindValue(serviceId);
        query.addBindValue(limit);
        ok = query.exec();
    }
    if (!ok) {
        return databaseError(Tr::tr("The connection test results cannot be read."), query.lastError());
    }
    QList<ServiceTestRecord> records;
    while (query.next()) {
        records.append(readRecord(db, query));
    }
    return records;
}

} // namespace

ServiceTestRepository::ServiceTestRepository(Database &db)
    : m_db(db)
{}

Result<qint64> ServiceTestRepository::insert(const ServiceTestRecord &record)
{
    if (Status valid = validate(record); !valid) {
        return valid.error();
    }
    QString statement = QStringLiteral("INSERT INTO service_tests (tenant_id, service_id, started_at, finished_at, "
                                       "outcome, result, tested_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (m_db.dialect() == Dialect::PostgreSQL) {
        statement += QStringLiteral(" RETURNING id"); // lastInsertId() is the OID on PostgreSQL
    }
    QSqlQuery query(m_db.handle());
    query.setForwardOnly(true);
    bool ok = query.prepare(statement);
    if (ok) {
        for (const QVariant &value :
             {QVariant(record.tenantId), QVariant(record.serviceId), m_db.toDbTime(record.startedAt),
              m_db.toDbTime(record.finishedAt), QVariant(record.outcome),
              QVariant(QString::fromUtf8(QJsonDocument(record.result).toJson(QJsonDocument::Compact))),
              QVariant(record.testedBy)}) {
            query.addBindValue(value);
        }
        ok = query.exec();
    }
    if (!ok) {
        if (isForeignKeyViolation(query.lastError())) {
            return Error::make(ErrorCode::NotFound,
                               Tr::tr("The connection test result cannot be kept: there is no service with id %1 "
                                      "(any more).")
                                   .arg(record.serviceId));
        }
        return databaseError(Tr::tr("The connection test result cannot be saved."), query.lastError());
    }
    const qint64 id = m_db.dialect() == Dialect::PostgreSQL ? (query.next() ? query.value(0).toLongLong() : 0)
                                                            : query.lastInsertId().toLongLong();
    if (id <= 0) {
        return Error::make(ErrorCode::Internal,
                           Tr::tr("The database did not return the id of the connection test result."));
    }
    return id;
}

Result<std::optional<ServiceTestRecord>> ServiceTestRepository::latest(const QString &tenantId, qint64 serviceId)
{
    auto records = newest(m_db, tenantId, serviceId, 1);
    if (!records) {
        return records.error();
    }
    if (records->isEmpty()) {
        return std::optional<ServiceTestRecord>();
    }
    return std::optional<ServiceTestRecord>(records->takeFirst());
}

Result<QList<ServiceTestRecord>> ServiceTestRepository::list(const QString &tenantId, qint64 serviceId, int limit)
{
    return newest(m_db, tenantId, serviceId, std::clamp(limit, 1, maxListSize));
}

} // namespace ic::db
