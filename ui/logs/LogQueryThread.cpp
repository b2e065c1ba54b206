#include "logs/LogQueryThread.h"

#include "db/Database.h"

#include <QThread>

#include <optional>

namespace ic::ui {

/// Lives on the thread; owns the connection.
class LogQueryThread::Worker : public QObject {
public:
    Worker(db::DatabaseUrl url, QString password)
        : m_url(std::move(url))
        , m_password(std::move(password))
    {}

    void run(const Job &job)
    {
        if (!m_database && !m_openError) {
            Result<std::unique_ptr<db::Database>> opened = db::Database::open(m_url, m_password);
            if (opened) {
                m_database = std::move(opened.value());
            } else {
                m_openError = opened.error();
            }
        }
        job(m_database.get(), m_openError ? &*m_openError : nullptr);
    }

private:
    db::DatabaseUrl m_url;
    QString m_password;
    std::unique_ptr<db::Database> m_database;
    std::optional<Error> m_openError;
};

LogQueryThread::LogQueryThread(db::DatabaseUrl url, QString password, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_worker(new Worker(std::move(url), std::move(password)))
{
    m_thread->setObjectName(QStringLiteral("ic-logs-query"));
    m_worker->moveToThread(m_thread);
    // The worker, and with it the connection, is destroyed on its own thread once the loop has ended.
    QObject::connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

LogQueryThread::~LogQueryThread()
{
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void LogQueryThread::post(Job job)
{
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker, job = std::move(job)] { worker->run(job); }, Qt::QueuedConnection);
}

} // namespace ic::ui
