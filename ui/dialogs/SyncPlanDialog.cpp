#include "dialogs/SyncPlanDialog.h"

#include "db/SyncStore.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ic::ui {

namespace {

void addKeys(QTreeWidgetItem *parent, const QString &label, qint64 count, const QStringList &keys)
{
    if (count == 0) {
        return;
    }
    auto *group = new QTreeWidgetItem(parent);
    group->setText(0, SyncPlanDialog::tr("%1 (%2)").arg(label, QLocale().toString(count)));
    group->setFirstColumnSpanned(true);
    const qsizetype shown = std::min<qsizetype>(keys.size(), SyncPlanDialog::kMaxKeysShown);
    for (qsizetype i = 0; i < shown; ++i) {
        auto *row = new QTreeWidgetItem(group);
        QString key = keys.at(i);
        key.replace(db::syncKeySeparator, QStringLiteral(" / "));
        row->setText(0, key);
        row->setFirstColumnSpanned(true);
    }
    if (count > shown) {
        auto *more = new QTreeWidgetItem(group);
        more->setText(0, SyncPlanDialog::tr("... and %1 more").arg(QLocale().toString(count - shown)));
        more->setFirstColumnSpanned(true);
    }
}

QString entityText(db::SyncEntity entity)
{
    switch (entity) {
    case db::SyncEntity::Department:
        return SyncPlanDialog::tr("Departments");
    case db::SyncEntity::Staff:
        return SyncPlanDialog::tr("Staff");
    case db::SyncEntity::StaffDepartment:
        return SyncPlanDialog::tr("Staff in departments");
    case db::SyncEntity::TagGroup:
        return SyncPlanDialog::tr("Tag groups");
    case db::SyncEntity::Tag:
        return SyncPlanDialog::tr("Tags");
    case db::SyncEntity::Contact:
        return SyncPlanDialog::tr("Customers");
    case db::SyncEntity::FollowRelation:
        return SyncPlanDialog::tr("Follow relations");
    case db::SyncEntity::ContactTag:
        return SyncPlanDialog::tr("Customer tags");
    }
    return db::syncEntityName(entity);
}

} // namespace

SyncPlanDialog::SyncPlanDialog(const sync::SyncReport &report, QWidget *parent)
    : QDialog(parent)
    , m_report(report)
{
    setObjectName(QStringLiteral("syncPlanDialog"));
    setWindowTitle(tr("Dry run of the %1 sync (%2): what a real run would change")
                       .arg(report.syncType, report.mode == sync::SyncMode::Full ? tr("full") : tr("incremental")));
    resize(720, 520);

    const QLocale locale;
    auto *summary = new QLabel(tr("Nothing has been written yet. A real run would create %1, update %2 and delete %3 "
                                  "row(s) (%4 fetched, %5 unchanged).")
                                   .arg(locale.toString(report.total.created), locale.toString(report.total.updated),
                                        locale.toString(report.total.deleted), locale.toString(report.total.fetched),
                                        locale.toString(report.total.unchanged)));
    summary->setObjectName(QStringLiteral("planSummary"));
    summary->setWordWrap(true);

    m_tree = new QTreeWidget;
    m_tree->setObjectName(QStringLiteral("planTree"));
    m_tree->setAccessibleName(tr("Planned changes per entity"));
    m_tree->setHeaderLabels({tr("Entity / row"), tr("Create"), tr("Update"), tr("Delete")});
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column = 1; column < 4; ++column) {
        m_tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    for (const auto &[entity, plan] : report.plans) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setData(0, Qt::UserRole, db::syncEntityName(entity));
        item->setText(0, entityText(entity));
        item->setToolTip(0, db::syncEntityName(entity));
        item->setText(1, locale.toString(plan.create));
        item->setText(2, locale.toString(plan.update));
        item->setText(3, locale.toString(plan.remove));
        for (int column = 1; column < 4; ++column) {
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        }
        addKeys(item, tr("Create"), plan.create, plan.createKeys);
        addKeys(item, tr("Update"), plan.update, plan.updateKeys);
        addKeys(item, tr("Delete"), plan.remove, plan.deleteKeys);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    if (!report.warnings.isEmpty()) {
        auto *warnings = new QLabel(report.warnings.join(u'\n'));
        warnings->setObjectName(QStringLiteral("planWarnings"));
        warnings->setWordWrap(true);
        warnings->setStyleSheet(QStringLiteral("color: #b26b00;"));
        layout->addWidget(warnings);
    }
    layout->addWidget(m_tree, 1);

    auto *buttons = new QDialogButtonBox;
    QPushButton *apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    apply->setObjectName(QStringLiteral("planApply"));
    apply->setToolTip(tr("Run the real sync now"));
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("planClose"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    close->setDefault(true);
}

} // namespace ic::ui
