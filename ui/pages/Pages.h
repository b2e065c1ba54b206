#pragma once

#include <QList>

class QWidget;

namespace ic::ui {

class AppContext;
class Page;

/// Every page of the main window, in navigation order. Adding a page is adding it here.
QList<Page *> createPages(AppContext &context, QWidget *parent);

} // namespace ic::ui
