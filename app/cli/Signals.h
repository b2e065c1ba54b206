#pragma once

#include <QCoro/QCoroTask>

#include <functional>

class QObject;

namespace ic::cli {

/// Completes when the process is asked to stop: SIGINT or SIGTERM on POSIX systems, Ctrl+C, Ctrl+Break or the
/// console closing on Windows. Returns the signal number (SIGINT = 2, SIGTERM = 15; 2 on Windows). The handlers
/// are installed on first use and stay installed; the signal is delivered through the event loop (a self-pipe),
/// never by running code inside the signal handler.
QCoro::Task<int> waitForTerminationSignal();

/// Calls `handler` in `context`'s thread for every SIGINT / SIGTERM (the same sources) until `context` is destroyed.
void onTerminationSignal(QObject *context, std::function<void(int signal)> handler);

} // namespace ic::cli
