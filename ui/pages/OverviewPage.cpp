#include "pages/OverviewPage.h"

#include "AppContext.h"
#include "Format.h"
#include "db/Database.h"
#include "db/Repositories.h"
#include "db/SyncRunRepository.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"
#include "sync/SyncHealth.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ic::ui {

namespace {

constexpr int kRefreshMs = 30000;

QColor healthColor(sync::SyncHealth health)
{
    switch (health) {
    case sync::SyncHealth::Ok:
        return QColor(0x1b, 0x7f, 0x3b);
    case sync::SyncHealth::Warning:
        return QColor(0xb2, 0x6b, 0x00);
    case sync::SyncHealth::Failing:
        return QColor(0xc6, 0x28, 0x28);
    case sync::SyncHealth::Running:
        return QColor(0x15, 0x65, 0xc0);
    case sync::SyncHealth::Never:
        break;
    }
    return QColor(0x75, 0x75, 0x75);
}

} // namespace

OverviewPage::OverviewPage(AppContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("overviewPage"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("overviewSummary"));
    m_summary->setWordWrap(true);

    m_tree = new QTreeWidget;
    m_tree->setObjectName(QStringLiteral("overviewTree"));
    m_tree->setAccessibleName(tr("Services and their syncs"));
    m_tree->setHeaderLabels(
        {tr("Service / sync type"), tr("Status"), tr("Last run"), tr("Counts"), tr("Last success"), tr("Note")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &OverviewPage::refresh);
    connect(&context, &AppContext::runsChanged, this, [this] {
        if (isVisible()) {
            refresh();
        }
    });
    connect(&context, &AppContext::servicesChanged, this, [this] {
        if (isVisible()) {
            refresh();
        }
    });
}

QString OverviewPage::title() const
{
    return tr("Overview");
}

QIcon OverviewPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/navigation/overview.svg"));
}

void OverviewPage::activate()
{
    refresh();
}

void OverviewPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    m_timer->start();
}

void OverviewPage::hideEvent(QHideEvent *event)
{
    Page::hideEvent(event);
    m_timer->stop();
}

void OverviewPage::refresh()
{
    m_tree->clear();
    db::Database *database = context().database();
    if (database == nullptr) {
        m_summary->setText(tr("Not connected to a database."));
        return;
    }
    services::ServiceConfigService services(*database, context().secrets(), context().tenant());
    Result<QList<db::ServiceConfigRecord>> listed = services.list();
    if (!listed) {
        m_summary->setText(tr("The services cannot be read: %1").arg(listed.error().message));
        return;
    }
    db::SyncRunRepository runs(*database);
    int failing = 0;
    int warnings = 0;
    const QLocale locale;
    for (const db::ServiceConfigRecord &service : listed.value()) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(0, QStringLiteral("%1 (%2)").arg(service.name, service.type));
        item->setText(1, service.enabled ? service.status : tr("disabled"));
        item->setText(5, service.lastTestedAt.isValid() ? tr("last tested %1").arg(freshness(service.lastTestedAt))
                                                        : tr("never tested"));
        Result<QList<sync::SyncTypeStatus>> assessed = sync::assessService(runs, context().tenant(), service.id);
        if (!assessed) {
            item->setText(5, assessed.error().message);
            continue;
        }
        for (const sync::SyncTypeStatus &type : assessed.value()) {
            auto *child = new QTreeWidgetItem(item);
            child->setText(0, type.last.syncType);
            child->setText(1, sync::syncHealthDisplayName(type.health));
            child->setForeground(1, healthColor(type.health));
            const QDateTime when = type.last.finishedAt.isValid() ? type.last.finishedAt : type.last.startedAt;
            child->setText(2, tr("%1, %2").arg(db::syncRunStatusName(type.last.status), freshness(when)));
            child->setToolTip(2, locale.toString(when.toLocalTime(), QLocale::ShortFormat));
            child->setText(3, tr("%1 fetched, %2 changed")
                                  .arg(type.last.counts.fetched)
                                  .arg(type.last.counts.created + type.last.counts.updated + type.last.counts.deleted));
            child->setText(4, type.lastSuccess ? freshness(type.lastSuccess->finishedAt) : tr("never"));
            child->setText(5, type.reason);
            failing += type.health == sync::SyncHealth::Failing ? 1 : 0;
            warnings += type.health == sync::SyncHealth::Warning ? 1 : 0;
        }
        item->setExpanded(true);
    }
    m_summary->setText(tr("%n service(s) configured.", nullptr, int(listed.value().size())) + u' ' +
                       tr("%n sync type(s) failing,", nullptr, failing) + u' ' +
                       tr("%n with warnings.", nullptr, warnings));
}

} // namespace ic::ui
