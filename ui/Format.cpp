#include "Format.h"

namespace ic::ui {

QString freshness(const QDateTime &time)
{
    if (!time.isValid()) {
        return Format::tr("never");
    }
    const qint64 seconds = time.secsTo(QDateTime::currentDateTimeUtc());
    if (seconds < 60) {
        return Format::tr("just now");
    }
    if (seconds < 3600) {
        return Format::tr("%n min ago", nullptr, int(seconds / 60));
    }
    if (seconds < 86400) {
        return Format::tr("%n h ago", nullptr, int(seconds / 3600));
    }
    return Format::tr("%n day(s) ago", nullptr, int(seconds / 86400));
}

} // namespace ic::ui
