#include "ThreadPriority.h"

#include <QtGlobal>

#include <algorithm>

#if defined(Q_OS_LINUX)
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace ic {

bool setBackgroundPriority()
{
#if defined(Q_OS_LINUX)
    // On Linux a thread has its own nice value, addressed by its thread id.
    const auto thread = static_cast<id_t>(gettid());
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, thread);
    if (current == -1 && errno != 0) {
        return false;
    }
    return setpriority(PRIO_PROCESS, thread, std::min(current + backgroundNiceIncrement, 19)) == 0;
#else
    return false;
#endif
}

} // namespace ic
