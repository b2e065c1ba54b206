#include "Signals.h"

#include <QCoreApplication>
#include <QCoroSignal>
#include <QObject>

#include <csignal>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <QSocketNotifier>

#include <sys/socket.h>
#include <unistd.h>
#endif

namespace ic::cli {

namespace {

/// Emits terminationRequested() in the main thread when a stop signal arrives.
class SignalWatcher : public QObject {
    Q_OBJECT

public:
    static SignalWatcher *instance()
    {
        static SignalWatcher *watcher = new SignalWatcher(QCoreApplication::instance());
        return watcher;
    }

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    explicit SignalWatcher(QObject *parent)
        : QObject(parent)
    {
#ifdef Q_OS_WIN
        SetConsoleCtrlHandler(&SignalWatcher::consoleHandler, TRUE);
#else
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_pipe) == 0) {
            auto *notifier = new QSocketNotifier(s_pipe[1], QSocketNotifier::Read, this);
            connect(notifier, &QSocketNotifier::activated, this, [this] {
                unsigned char number = 0;
                if (::read(s_pipe[1], &number, 1) == 1) {
                    Q_EMIT terminationRequested(number);
                }
            });
            struct sigaction action {};
            action.sa_handler = &SignalWatcher::posixHandler;
            sigemptyset(&action.sa_mask);
            action.sa_flags = SA_RESTART;
            ::sigaction(SIGINT, &action, nullptr);
            ::sigaction(SIGTERM, &action, nullptr);
        }
#endif
    }

#ifdef Q_OS_WIN
    static BOOL WINAPI consoleHandler(DWORD)
    {
        QMetaObject::invokeMethod(
            instance(), [] { Q_EMIT instance()->terminationRequested(SIGINT); }, Qt::QueuedConnection);
        return TRUE;
    }
#else
    static void posixHandler(int number)
    {
        const unsigned char byte = static_cast<unsigned char>(number);
        // Only async-signal-safe calls here.
        [[maybe_unused]] const auto written = ::write(s_pipe[0], &byte, 1);
    }

    static inline int s_pipe[2] = {-1, -1};
#endif
};

} // namespace

QCoro::Task<int> waitForTerminationSignal()
{
    SignalWatcher *watcher = SignalWatcher::instance();
    co_return co_await qCoro(watcher, &SignalWatcher::terminationRequested);
}

void onTerminationSignal(QObject *context, std::function<void(int signal)> handler)
{
    QObject::connect(SignalWatcher::instance(), &SignalWatcher::terminationRequested, context, std::move(handler));
}

} // namespace ic::cli

#include "Signals.moc"
