#include "SqliteNative.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlDriver>

#include <mutex>

#if defined(Q_OS_UNIX)
#include <dlfcn.h>
#endif

namespace ic::db::sqlite {

namespace {

// The few constants of sqlite3.h this file needs; SQLite's C API keeps them stable.
constexpr int sqliteOk = 0;
constexpr int sqliteRange = 25;
constexpr int sqliteRow = 100;
constexpr int sqliteDone = 101;
using Destructor = void (*)(void *);
const Destructor sqliteStatic = nullptr; ///< SQLITE_STATIC: the caller keeps the bytes alive.

/// QSQLITE binds these as NULL (QSqlResultPrivate::isVariantNull for the types bindValue() meets).
bool isNullValue(const QVariant &value)
{
    if (value.isNull()) {
        return true;
    }
    switch (value.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString *>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(value.constData())->isNull();
    case QMetaType::QDateTime:
        return !value.toDateTime().isValid();
    default:
        return false;
    }
}

} // namespace

struct Api {
    int (*prepare16)(void *connection, const void *sql, int bytes, void **statement, const void **tail) = nullptr;
    int (*bindNull)(void *statement, int position) = nullptr;
    int (*bindInt64)(void *statement, int position, long long value) = nullptr;
    int (*bindDouble)(void *statement, int position, double value) = nullptr;
    int (*bindText16)(void *statement, int position, const void *text, int bytes, Destructor keep) = nullptr;
    int (*bindText)(void *statement, int position, const char *text, int bytes, Destructor keep) = nullptr;
    int (*bindBlob)(void *statement, int position, const void *data, int bytes, Destructor keep) = nullptr;
    int (*parameterCount)(void *statement) = nullptr;
    int (*step)(void *statement) = nullptr;
    int (*reset)(void *statement) = nullptr;
    int (*finalize)(void *statement) = nullptr;
    const void *(*errmsg16)(void *connection) = nullptr;
    int (*extendedErrcode)(void *connection) = nullptr;
    const char *(*errstr)(int code) = nullptr;
    int (*busyHandler)(void *connection, int (*handler)(void *, int), void *argument) = nullptr;

    /// Every function NativeStatement calls was found.
    bool complete() const
    {
        return prepare16 && bindNull && bindInt64 && bindDouble && bindText16 && bindText && bindBlob &&
               parameterCount && step && reset && finalize && errmsg16 && extendedErrcode && errstr;
    }
};

namespace {

#if defined(Q_OS_UNIX)
template<typename Function>
void resolve(void *library, const char *name, Function &function)
{
    function = reinterpret_cast<Function>(dlsym(library, name));
}

/// SQLite's functions from the library of `driver`'s plugin; nullptr when the plugin's file cannot be found.
std::unique_ptr<Api> load(const QSqlDriver *driver)
{
    Dl_info plugin{};
    if (dladdr(driver->metaObject(), &plugin) == 0 || plugin.dli_fname == nullptr) {
        return nullptr;
    }
    // Kept open: the functions stay valid as long as the process runs, even if Qt unloaded the plugin.
    void *library = dlopen(plugin.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (library == nullptr) {
        return nullptr;
    }
    auto api = std::make_unique<Api>();
    resolve(library, "sqlite3_prepare16_v2", api->prepare16);
    resolve(library, "sqlite3_bind_null", api->bindNull);
    resolve(library, "sqlite3_bind_int64", api->bindInt64);
    resolve(library, "sqlite3_bind_double", api->bindDouble);
    resolve(library, "sqlite3_bind_text16", api->bindText16);
    resolve(library, "sqlite3_bind_text", api->bindText);
    resolve(library, "sqlite3_bind_blob", api->bindBlob);
    resolve(library, "sqlite3_bind_parameter_count", api->parameterCount);
    resolve(library, "sqlite3_step", api->step);
    resolve(library, "sqlite3_reset", api->reset);
    resolve(library, "sqlite3_finalize", api->finalize);
    resolve(library, "sqlite3_errmsg16", api->errmsg16);
    resolve(library, "sqlite3_extended_errcode", api->extendedErrcode);
    resolve(library, "sqlite3_errstr", api->errstr);
    resolve(library, "sqlite3_busy_handler", api->busyHandler);
    return api;
}
#endif

/// The API of `db`'s library and its connection handle; nullptr when `db` is not an open QSQLITE connection or the
/// library was not found. The library is looked up once per process: there is one QSQLITE plugin.
const Api *apiOf(const QSqlDatabase &db, void **connection)
{
#if defined(Q_OS_UNIX)
    const QSqlDriver *driver = db.driver();
    if (driver == nullptr || !db.isOpen()) {
        return nullptr;
    }
    const QVariant handle = driver->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        return nullptr;
    }
    *connection = *static_cast<void *const *>(handle.constData());
    if (*connection == nullptr) {
        return nullptr;
    }
    static std::mutex mutex;
    static std::unique_ptr<Api> loaded;
    static bool tried = false;
    std::lock_guard lock(mutex);
    if (!tried) {
        tried = true;
        loaded = load(driver);
    }
    return loaded.get();
#else
    Q_UNUSED(db);
    Q_UNUSED(connection);
    return nullptr;
#endif
}

QString errorText(const Api &api, void *connection)
{
    const auto *message = static_cast<const char16_t *>(api.errmsg16(connection));
    return message != nullptr ? QString::fromUtf16(message) : QString();
}

/// QSQLITE's own words (its translations apply), looked up only when a statement failed: exec() is a hot path.
QString executeFailed()
{
    return QCoreApplication::translate("QSQLiteResult", "Unable to execute statement");
}

QSqlError makeError(const QString &what, const QString &text, int code)
{
    return QSqlError(what, text, QSqlError::StatementError, QString::number(code));
}

} // namespace

bool available(const QSqlDatabase &db)
{
    void *connection = nullptr;
    const Api *api = apiOf(db, &connection);
    return api != nullptr && api->complete();
}

bool setBusyHandler(const QSqlDatabase &db, int (*handler)(void *, int))
{
    void *connection = nullptr;
    const Api *api = apiOf(db, &connection);
    if (api == nullptr || api->busyHandler == nullptr) {
        return false;
    }
    return api->busyHandler(connection, handler, nullptr) == sqliteOk;
}

std::unique_ptr<NativeStatement> NativeStatement::prepare(const QSqlDatabase &db, const QString &sql, QSqlError *error)
{
    void *connection = nullptr;
    const Api *api = apiOf(db, &connection);
    if (api == nullptr || !api->complete()) {
        *error =
            makeError(executeFailed(), QStringLiteral("SQLite's C API is not available through this connection"), 0);
        return nullptr;
    }
    void *statement = nullptr;
    const int code =
        api->prepare16(connection, sql.utf16(), int(sql.size() * qsizetype(sizeof(QChar))), &statement, nullptr);
    if (code != sqliteOk) {
        *error = makeError(executeFailed(), errorText(*api, connection), api->extendedErrcode(connection));
        api->finalize(statement); // a harmless no-op on nullptr
        return nullptr;
    }
    return std::unique_ptr<NativeStatement>(new NativeStatement(api, connection, statement));
}

NativeStatement::NativeStatement(const Api *api, void *connection, void *statement)
    : m_api(api)
    , m_connection(connection)
    , m_statement(statement)
    , m_values(std::size_t(statement != nullptr ? api->parameterCount(statement) : 0))
{}

NativeStatement::~NativeStatement()
{
    m_api->finalize(m_statement);
}

void NativeStatement::bind(int index, QVariant value)
{
    if (index < 0 || std::size_t(index) >= m_values.size()) {
        if (m_bindFailure == 0) {
            m_bindFailure = sqliteRange;
        }
        return;
    }
    QVariant &held = m_values[std::size_t(index)];
    held = std::move(value);
    const int position = index + 1;
    int code = sqliteOk;
    if (isNullValue(held)) {
        code = m_api->bindNull(m_statement, position);
    } else {
        switch (held.typeId()) {
        case QMetaType::QByteArray: {
            const auto *bytes = static_cast<const QByteArray *>(held.constData());
            code = m_api->bindBlob(m_statement, position, bytes->constData(), int(bytes->size()), sqliteStatic);
            break;
        }
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
            code = m_api->bindInt64(m_statement, position, held.toLongLong());
            break;
        case QMetaType::Double:
            code = m_api->bindDouble(m_statement, position, held.toDouble());
            break;
        default:
            // QString as it is; a date-time as QSQLITE writes it; anything else as its text.
            if (held.typeId() == QMetaType::QDateTime) {
                held = held.toDateTime().toString(Qt::ISODateWithMs);
            } else if (held.typeId() != QMetaType::QString) {
                held = held.toString();
            }
            const auto *text = static_cast<const QString *>(held.constData());
            if (QStringView(*text).isValidUtf16()) {
                // As UTF-8, the database's encoding: SQLite need not convert it (the bytes stored are the same).
                held = text->toUtf8();
                const auto *bytes = static_cast<const QByteArray *>(held.constData());
                code = m_api->bindText(m_statement, position, bytes->constData(), int(bytes->size()), sqliteStatic);
            } else {
                // Unpaired surrogates: SQLite's own conversion, as QSQLITE leaves it to SQLite.
                code = m_api->bindText16(m_statement, position, text->utf16(),
                                         int(text->size() * qsizetype(sizeof(QChar))), sqliteStatic);
            }
            break;
        }
    }
    if (code != sqliteOk && m_bindFailure == 0) {
        m_bindFailure = code;
    }
}

bool NativeStatement::exec(QSqlError *error)
{
    if (m_bindFailure != 0) {
        *error = makeError(QCoreApplication::translate("QSQLiteResult", "Unable to bind parameters"),
                           QString::fromUtf8(m_api->errstr(m_bindFailure)), m_bindFailure);
        m_bindFailure = 0;
        m_api->reset(m_statement);
        return false;
    }
    int code = m_api->step(m_statement);
    while (code == sqliteRow) {
        code = m_api->step(m_statement);
    }
    const bool done = code == sqliteDone;
    if (!done) {
        *error = makeError(executeFailed(), errorText(*m_api, m_connection), m_api->extendedErrcode(m_connection));
    }
    m_api->reset(m_statement);
    return done;
}

} // namespace ic::db::sqlite
