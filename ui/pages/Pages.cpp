#include "pages/Pages.h"

#include "pages/OverviewPage.h"

namespace ic::ui {

QList<Page *> createPages(AppContext &context, QWidget *parent)
{
    QList<Page *> pages;
    pages << new OverviewPage(context, parent);
    return pages;
}

} // namespace ic::ui
