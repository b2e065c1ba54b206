#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace ic::ui {

/// Translation context of the shared formatting helpers.
class Format {
    Q_DECLARE_TR_FUNCTIONS(ic::ui::Format)
};

/// How fresh a time is, for people: "just now", "5 min ago", "3 h ago", "2 days ago"; "never" when invalid.
QString freshness(const QDateTime &time);

} // namespace ic::ui
