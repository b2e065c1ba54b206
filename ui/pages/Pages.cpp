#include "pages/Pages.h"

#include "pages/DataPage.h"
#include "pages/LogsPage.h"
#include "pages/OverviewPage.h"
#include "pages/ServicesPage.h"
#include "pages/SettingsPage.h"
#include "pages/SyncPage.h"

namespace ic::ui {

QList<Page *> createPages(AppContext &context, QWidget *parent)
{
    QList<Page *> pages;
    pages << new OverviewPage(context, parent);
    pages << new ServicesPage(context, parent);
    pages << new SyncPage(context, parent);
    pages << new LogsPage(context, parent);
    pages << new DataPage(context, parent);
    pages << new SettingsPage(context, parent);
    return pages;
}

} // namespace ic::ui
