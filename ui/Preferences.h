#pragma once

#include <QLocale>
#include <QString>

namespace ic::ui {

/// The window's preferences kept in the default QSettings (main() sets the organisation and application names).
/// Keys are stable: renaming one forgets every user's choice.
namespace preferences {

/// The database URL chosen with Settings > Use, for the next start; empty when none was chosen. The command line's
/// --db and $IC_DB_URL win over it (see databaseUrlForStart()).
QString rememberedDatabaseUrl();
void rememberDatabaseUrl(const QString &url);

/// The URL the window opens at start: `commandLineUrl` when given (--db), else empty when $IC_DB_URL is set (the
/// AppContext reads it), else the remembered profile, else empty (the embedded SQLite database).
QString databaseUrlForStart(const QString &commandLineUrl);

/// The window's language: "" follows the system, "zh_CN" or "en". main() applies it at start; Settings applies a
/// new choice at once (applyLanguage()).
QString language();
void setLanguage(const QString &language);
/// The locale of language(): the system's when it is empty.
QLocale languageLocale(const QString &language);
/// Makes `language` the running application's: the default locale (numbers, dates) and the translations. Windows
/// receive QEvent::LanguageChange; the main window rebuilds its pages (see MainWindow).
void applyLanguage(const QString &language);

} // namespace preferences

} // namespace ic::ui
