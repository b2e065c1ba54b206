#pragma once

#include <QLocale>

class QCoreApplication;

namespace ic {

/// Installs the product's translations (embedded .qm) and Qt's own for `locale` on `app`. English needs no
/// catalogue: the sources are English. Returns whether a product catalogue for the locale was loaded.
///
/// Calling it again replaces the catalogues it installed before (a language switch): Qt then sends
/// QEvent::LanguageChange to every window, which the main window answers by rebuilding its pages.
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

} // namespace ic
