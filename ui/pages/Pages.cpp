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
    auto *logs = new LogsPage(context, parent);
    auto *data = new DataPage(context, parent);
    // "Run #N" next to a synced row opens that run's calls in the logs.
    QObject::connect(data, &DataPage::runRequested, logs, &LogsPage::showRunCalls);
    pages << new ServicesPage(context, parent);
    pages << new SyncPage(context, parent);
    pages << logs;
    pages << data;
    pages << new SettingsPage(context, parent);
    return pages;
}

} // namespace ic::ui
