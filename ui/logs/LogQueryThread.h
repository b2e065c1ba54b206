#pragma once

#include "common/Error.h"
#include "db/DatabaseUrl.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace ic::db {
class Database;
}

namespace ic::ui {

/// A thread of its own with its own database connection, for the log views: the queries of a filter change or of an
/// export run here, never on the GUI thread, however long a filter takes on a big log (a free-text filter that matches
/// nothing reads the whole index). Jobs run one at a time, in the order they were posted.
///
/// The connection is opened with the first job and closed on this thread when the object is destroyed. The destructor
/// waits for the running job to end; jobs not yet started are dropped.
class LogQueryThread : public QObject {
    Q_OBJECT

public:
    /// A job: gets the thread's connection, or nullptr and the reason when it cannot be opened.
    using Job = std::function<void(db::Database *database, const Error *openError)>;

    LogQueryThread(db::DatabaseUrl url, QString password, QObject *parent = nullptr);
    ~LogQueryThread() override;

    /// Queues `job` on the thread. To hand a result back, the job posts it to a GUI-thread object with
    /// QMetaObject::invokeMethod(receiver, ..., Qt::QueuedConnection); that is safe as long as the receiver owns or
    /// outlives this object.
    void post(Job job);

private:
    class Worker;
    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr;
};

} // namespace ic::ui
