// The Data page on the offscreen platform, over a small sandbox corp synced into a temporary SQLite database: the
// department tree is the corp's, a department shows its staff, the customer search finds what the corp says by name
// (Chinese), remark, tag and follower and pages through all of them, a customer shows its follow relations and their
// tags, "Run #N" asks for the logs, a run in this window refreshes the page, every model passes
// QAbstractItemModelTester, and a picture of the page is saved for a look at the layout.

#include "AppContext.h"
#include "MainWindow.h"
#include "RunTask.h"
#include "models/DataModels.h"
#include "pages/DataPage.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"
#include "services/ServiceTypeRegistry.h"
#include "sync/SyncRunner.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <map>

using namespace ic;
using ic::ui::AppContext;
using ic::ui::DataPage;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

QSet<QString> keysOf(const QAbstractItemModel *model)
{
    QSet<QString> keys;
    for (int row = 0; row < model->rowCount(); ++row) {
        keys.insert(model->index(row, 0).data(ui::KeyRole).toString());
    }
    return keys;
}

bool hasCjk(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff) {
            return true;
        }
    }
    return false;
}

} // namespace

class TestDataPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void pageIsRegisteredAndNamed();
    void departmentTreeIsTheCorps();
    void departmentShowsItsStaff();
    void searchByName();
    void searchByRemark();
    void searchByTag();
    void searchByFollower();
    void allCustomersArePagedIn();
    void customerShowsRelationsAndTags();
    void runLinkAsksForTheLogs();
    void refreshesWhenARunEnds();
    void refreshKeepsTheCustomerListWhereItWas();
    void pictureOfThePage();

private:
    /// Searches `text` in `field` (the combo's entry) and reads every page.
    QSet<QString> search(const QString &text, db::CustomerSearchField field);
    /// The contacts of the corp that `matches` accepts.
    QSet<QString> expected(const std::function<bool(const sandbox::ExternalContact &)> &matches) const;

    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<AppContext> m_context;
    qint64 m_runId = 0;
    std::unique_ptr<DataPage> m_page;
    QList<QAbstractItemModelTester *> m_testers;
    QTreeView *m_departments = nullptr;
    QTableView *m_staff = nullptr;
    QTableView *m_customers = nullptr;
    QTableView *m_relations = nullptr;
    QTableView *m_tags = nullptr;
};

void TestDataPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLoggingCategory::setFilterRules(QStringLiteral("qt.modeltest.debug=false")); // it lists every inserted row
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("IntegrationConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_datapage"));

    sandbox::CorpSpec spec;
    spec.seed = 11;
    spec.departments = 12;
    spec.staff = 40;
    spec.contacts = 260; // more than two pages of the customer table
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(spec));
    std::string why;
    QVERIFY2(m_server->start(&why), why.c_str());

    AppContext::Options options;
    options.databaseUrl = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("data.db"));
    options.makeSecretStore = [] { return secrets::makeMemorySecretStore(); };
    m_context = std::make_unique<AppContext>(options);
    auto connect = [](AppContext *target) -> QCoro::Task<bool> {
        co_await target->connect();
        co_return true;
    };
    QVERIFY(test::runTask(connect(m_context.get())));
    QVERIFY(m_context->isConnected());

    const QString name = QStringLiteral("sandbox-corp");
    services::ServiceConfigService services(*m_context->database(), m_context->secrets(), m_context->tenant());
    const sandbox::CorpCredentials &credentials = m_server->credentials();
    Result<db::ServiceConfigRecord> added =
        services.add(QStringLiteral("wecom"), name,
                     {{QStringLiteral("corp_id"), q(credentials.corpId)},
                      {QStringLiteral("agent_id"), QString::number(credentials.agentId)},
                      {QStringLiteral("api_base"), q(m_server->baseUrl())},
                      {QStringLiteral("rate_per_second"), QStringLiteral("5000")},
                      {QStringLiteral("rate_burst"), QStringLiteral("5000")}});
    QVERIFY2(added, added ? "" : qPrintable(added.error().toDisplayString()));
    const QList<std::pair<QString, std::string>> secretValues{
        {QStringLiteral("corp_secret"), credentials.appSecret},
        {QStringLiteral("contacts_secret"), credentials.contactsSecret},
        {QStringLiteral("customer_secret"), credentials.customerSecret}};
    for (const auto &[field, value] : secretValues) {
        auto stored = test::runTask(services.setSecret(name, field, q(value)));
        QVERIFY(stored && stored->ok());
    }
    sync::SyncRunner runner(*m_context->database(), m_context->databasePassword(), m_context->secrets(),
                            m_context->tenant(), services::ServiceTypeRegistry::builtin());
    sync::SyncOptions syncOptions;
    syncOptions.syncType = QStringLiteral("full");
    auto report = test::runTask(runner.run(name, syncOptions), std::chrono::seconds(120));
    QVERIFY(report);
    QVERIFY2(report->ok(), report->ok() ? "" : qPrintable(report->error().toDisplayString()));
    QCOMPARE(report->value().status, db::SyncRunStatus::Success);
    m_runId = report->value().runId;
}

void TestDataPage::cleanupTestCase()
{
    m_context.reset();
    if (m_server) {
        m_server->stop();
    }
}

void TestDataPage::init()
{
    m_page = std::make_unique<DataPage>(*m_context);
    m_departments = m_page->findChild<QTreeView *>(QStringLiteral("dataDepartments"));
    m_staff = m_page->findChild<QTableView *>(QStringLiteral("dataStaff"));
    m_customers = m_page->findChild<QTableView *>(QStringLiteral("dataCustomers"));
    m_relations = m_page->findChild<QTableView *>(QStringLiteral("dataFollowRelations"));
    m_tags = m_page->findChild<QTableView *>(QStringLiteral("dataContactTags"));
    QVERIFY(m_departments && m_staff && m_customers && m_relations && m_tags);
    // Every model is checked through every change the test makes, from the first read on.
    for (QAbstractItemView *view :
         std::initializer_list<QAbstractItemView *>{m_departments, m_staff, m_customers, m_relations, m_tags}) {
        m_testers.append(
            new QAbstractItemModelTester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, this));
    }
    m_page->resize(1100, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->activate();
}

void TestDataPage::cleanup()
{
    qDeleteAll(m_testers);
    m_testers.clear();
    m_page.reset();
}

QSet<QString> TestDataPage::search(const QString &text, db::CustomerSearchField field)
{
    auto *fieldBox = m_page->findChild<QComboBox *>(QStringLiteral("dataCustomerSearchField"));
    fieldBox->setCurrentIndex(fieldBox->findData(int(field)));
    auto *box = m_page->findChild<QLineEdit *>(QStringLiteral("dataCustomerSearch"));
    box->clear();
    box->setFocus();
    bool ascii = true;
    for (const QChar c : text) {
        ascii = ascii && c.unicode() < 0x80;
    }
    if (ascii) {
        QTest::keyClicks(box, text);
    } else {
        // Chinese comes from an input method: one commit of the composed text.
        QInputMethodEvent commit;
        commit.setCommitString(text);
        QCoreApplication::sendEvent(box, &commit);
    }
    if (box->text() != text) {
        QTest::qFail("the search box does not hold the typed text", __FILE__, __LINE__);
        return {};
    }
    QTest::keyClick(box, Qt::Key_Return);
    QAbstractItemModel *model = m_customers->model();
    while (model->canFetchMore({})) {
        model->fetchMore({});
    }
    return keysOf(model);
}

QSet<QString> TestDataPage::expected(const std::function<bool(const sandbox::ExternalContact &)> &matches) const
{
    QSet<QString> ids;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const sandbox::ExternalContact &contact : corp.contacts()) {
            if (matches(contact)) {
                ids.insert(q(contact.externalUserid));
            }
        }
    });
    return ids;
}

void TestDataPage::pageIsRegisteredAndNamed()
{
    ui::MainWindow window(*m_context);
    QVERIFY(window.showPage(QStringLiteral("data")));
    auto *page = qobject_cast<DataPage *>(window.page(QStringLiteral("data")));
    QVERIFY(page);
    QCOMPARE(page->title(), QStringLiteral("Data"));
    QVERIFY(!page->icon().isNull());

    for (const char *name : {"dataService", "dataTabs", "dataDepartments", "dataStaff", "dataCustomerSearch",
                             "dataCustomerSearchField", "dataCustomers", "dataFollowRelations", "dataContactTags"}) {
        auto *widget = m_page->findChild<QWidget *>(QString::fromLatin1(name));
        QVERIFY2(widget, name);
        QVERIFY2(!widget->accessibleName().isEmpty(), name);
    }
    auto *service = m_page->findChild<QComboBox *>(QStringLiteral("dataService"));
    QCOMPARE(service->count(), 1);
    QVERIFY(service->currentText().contains(QStringLiteral("sandbox-corp")));
    QVERIFY(m_page->currentServiceId() > 0);
}

void TestDataPage::departmentTreeIsTheCorps()
{
    QAbstractItemModel *model = m_departments->model();
    std::map<std::int64_t, int> children;
    std::size_t departments = 0;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        departments = corp.departments().size();
        for (const sandbox::Department &department : corp.departments()) {
            ++children[department.parentId];
        }
    });
    QCOMPARE(model->rowCount(), 1); // the root department
    const QModelIndex root = model->index(0, 0);
    QCOMPARE(root.data(ui::KeyRole).toString(), QStringLiteral("1"));
    QCOMPARE(model->rowCount(root), children[1]);
    QVERIFY(model->rowCount(root) > 0);
    // Every department is in the tree, under its parent.
    int seen = 0;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            ++seen;
            QCOMPARE(model->rowCount(index), children[index.data(ui::KeyRole).toLongLong()]);
            walk(index);
        }
    };
    walk({});
    QCOMPARE(std::size_t(seen), departments);
    // The root's row says when it was synced and by which run.
    QCOMPARE(model->index(0, ui::DepartmentTreeModel::RunColumn).data().toString(),
             QStringLiteral("Run #%1").arg(m_runId));
    QCOMPARE(model->index(0, ui::DepartmentTreeModel::RunColumn).data(ui::RunIdRole).toLongLong(), m_runId);
    QVERIFY(!model->index(0, ui::DepartmentTreeModel::SyncedColumn).data().toString().isEmpty());
}

void TestDataPage::departmentShowsItsStaff()
{
    // The department with the most staff.
    std::int64_t busiest = 0;
    QSet<QString> staff;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const sandbox::Department &department : corp.departments()) {
            const auto members = corp.staffInDepartment(department.id);
            if (qsizetype(members.size()) > staff.size()) {
                busiest = department.id;
                staff.clear();
                for (const sandbox::Staff *member : members) {
                    staff.insert(q(member->userid));
                }
            }
        }
    });
    QVERIFY(!staff.isEmpty());
    auto *model = static_cast<ui::DepartmentTreeModel *>(m_departments->model());
    const QModelIndex index = model->indexOf(QString::number(busiest));
    QVERIFY(index.isValid());
    m_departments->setCurrentIndex(index);
    QCOMPARE(keysOf(m_staff->model()), staff);
    QCOMPARE(index.siblingAtColumn(ui::DepartmentTreeModel::StaffColumn).data().toInt(), staff.size());
    auto *title = m_page->findChild<QLabel *>(QStringLiteral("dataStaffTitle"));
    QVERIFY(title->text().contains(index.data().toString()));
    const int runColumn = m_staff->model()->columnCount() - 1;
    QCOMPARE(m_staff->model()->index(0, runColumn).data(ui::RunIdRole).toLongLong(), m_runId);
}

void TestDataPage::searchByName()
{
    // Two Chinese characters from the middle or end of a Chinese name.
    QString needle;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const sandbox::ExternalContact &contact : corp.contacts()) {
            const QString name = q(contact.name);
            if (hasCjk(name) && name.size() >= 3) {
                needle = name.mid(1, 2);
                break;
            }
        }
    });
    QVERIFY(hasCjk(needle));
    const QSet<QString> want = expected([&](const sandbox::ExternalContact &c) { return q(c.name).contains(needle); });
    QVERIFY(!want.isEmpty());
    QCOMPARE(search(needle, db::CustomerSearchField::Name), want);

    // ASCII in another case: a Latin name typed in upper case.
    QString latin;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const sandbox::ExternalContact &contact : corp.contacts()) {
            const QString name = q(contact.name);
            if (!hasCjk(name) && name.size() >= 4 && name.at(1).isLetter()) {
                latin = name.mid(1, 3).toUpper();
                break;
            }
        }
    });
    QVERIFY(!latin.isEmpty());
    const QSet<QString> wantLatin =
        expected([&](const sandbox::ExternalContact &c) { return q(c.name).contains(latin, Qt::CaseInsensitive); });
    QCOMPARE(search(latin, db::CustomerSearchField::Name), wantLatin);
}

void TestDataPage::searchByRemark()
{
    QString needle;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const sandbox::ExternalContact &contact : corp.contacts()) {
            for (const sandbox::FollowInfo &follow : contact.follows) {
                if (q(follow.remark).size() >= 3 && q(follow.remark) != q(contact.name)) {
                    needle = q(follow.remark).right(2);
                    return;
                }
            }
        }
    });
    QVERIFY(!needle.isEmpty());
    const QSet<QString> want = expected([&](const sandbox::ExternalContact &c) {
        return std::any_of(c.follows.begin(), c.follows.end(), [&](const sandbox::FollowInfo &f) {
            return q(f.remark).contains(needle, Qt::CaseInsensitive);
        });
    });
    QVERIFY(!want.isEmpty());
    QCOMPARE(search(needle, db::CustomerSearchField::Remark), want);
}

void TestDataPage::searchByTag()
{
    std::map<std::string, QString> tagNames;
    QString needle;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const sandbox::CorpTagGroup &group : corp.tagGroups()) {
            for (const sandbox::CorpTag &tag : group.tags) {
                tagNames[tag.id] = q(tag.name);
            }
        }
        needle = tagNames.begin()->second;
    });
    QVERIFY(!needle.isEmpty());
    const QSet<QString> want = expected([&](const sandbox::ExternalContact &c) {
        for (const sandbox::FollowInfo &follow : c.follows) {
            for (const std::string &tag : follow.tagIds) {
                if (tagNames[tag].contains(needle, Qt::CaseInsensitive)) {
                    return true;
                }
            }
        }
        return false;
    });
    QVERIFY(!want.isEmpty());
    QCOMPARE(search(needle, db::CustomerSearchField::Tag), want);
    // The summary column lists the tag.
    const int tagsColumn = 4;
    QVERIFY(m_customers->model()->index(0, tagsColumn).data().toString().contains(needle));
}

void TestDataPage::searchByFollower()
{
    QString followerName;
    QString followerId;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        const std::string userid = corp.contacts().front().follows.front().userid;
        followerId = q(userid);
        followerName = q(corp.staffMember(userid)->name);
    });
    const QSet<QString> byName = search(followerName, db::CustomerSearchField::Follower);
    // The customers of every follower whose name or userid contains the name: the follower's own among them.
    QSet<QString> followed;
    QSet<QString> sameName;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const sandbox::ExternalContact &contact : corp.contacts()) {
            for (const sandbox::FollowInfo &follow : contact.follows) {
                const sandbox::Staff *staff = corp.staffMember(follow.userid);
                const QString name = staff ? q(staff->name) : QString();
                if (name.contains(followerName, Qt::CaseInsensitive) ||
                    q(follow.userid).contains(followerName, Qt::CaseInsensitive)) {
                    sameName.insert(q(contact.externalUserid));
                }
                if (q(follow.userid) == followerId) {
                    followed.insert(q(contact.externalUserid));
                }
            }
        }
    });
    QVERIFY(!followed.isEmpty());
    QCOMPARE(byName, sameName);
    QVERIFY(byName.contains(followed));
    // By userid, in upper case.
    QVERIFY(search(followerId.toUpper(), db::CustomerSearchField::Follower).contains(followed));
}

void TestDataPage::allCustomersArePagedIn()
{
    auto *box = m_page->findChild<QLineEdit *>(QStringLiteral("dataCustomerSearch"));
    box->clear();
    QTest::keyClick(box, Qt::Key_Return);
    QAbstractItemModel *model = m_customers->model();
    QCOMPARE(model->rowCount(), 100); // the first page
    QVERIFY(model->canFetchMore({}));
    auto *count = m_page->findChild<QLabel *>(QStringLiteral("dataCustomerCount"));
    QVERIFY(count->text().contains(QStringLiteral("more")));
    // Scrolling to the end asks for more, as a user would.
    m_customers->scrollToBottom();
    QTRY_VERIFY(model->rowCount() > 100);
    while (model->canFetchMore({})) {
        model->fetchMore({});
    }
    const QSet<QString> all = expected([](const sandbox::ExternalContact &) { return true; });
    QCOMPARE(model->rowCount(), all.size());
    QCOMPARE(keysOf(model), all);
    QCOMPARE(count->text(), QStringLiteral("%1 customer(s)").arg(all.size()));
}

void TestDataPage::customerShowsRelationsAndTags()
{
    // A customer with several followers and tags.
    sandbox::ExternalContact chosen;
    std::map<std::string, QString> tagNames;
    m_server->withCorp([&](const sandbox::SandboxCorp &corp) {
        for (const sandbox::CorpTagGroup &group : corp.tagGroups()) {
            for (const sandbox::CorpTag &tag : group.tags) {
                tagNames[tag.id] = q(tag.name);
            }
        }
        for (const sandbox::ExternalContact &contact : corp.contacts()) {
            if (contact.follows.size() >= 2 && !contact.follows.front().tagIds.empty() && hasCjk(q(contact.name))) {
                chosen = contact;
                return;
            }
        }
    });
    QVERIFY(!chosen.externalUserid.empty());
    search(q(chosen.name), db::CustomerSearchField::Name);
    auto *model = static_cast<ui::CustomerTableModel *>(m_customers->model());
    const int row = model->rowOf(q(chosen.externalUserid));
    QVERIFY(row >= 0);
    m_customers->setCurrentIndex(model->index(row, 0));
    QCOMPARE(model->index(row, 3).data().toInt(), int(chosen.follows.size()));

    QAbstractItemModel *relations = m_relations->model();
    QSet<QString> followers;
    for (const sandbox::FollowInfo &follow : chosen.follows) {
        followers.insert(q(follow.userid));
    }
    QCOMPARE(keysOf(relations), followers);
    auto *title = m_page->findChild<QLabel *>(QStringLiteral("dataCustomerTitle"));
    QVERIFY(title->text().contains(q(chosen.name)));

    // Each relation, selected, shows its own tags.
    for (int r = 0; r < relations->rowCount(); ++r) {
        m_relations->setCurrentIndex(relations->index(r, 0));
        const QString userid = relations->index(r, 0).data(ui::KeyRole).toString();
        const auto follow = std::find_if(chosen.follows.begin(), chosen.follows.end(),
                                         [&](const sandbox::FollowInfo &f) { return q(f.userid) == userid; });
        QVERIFY(follow != chosen.follows.end());
        QSet<QString> tags;
        for (const std::string &tag : follow->tagIds) {
            tags.insert(q(tag));
        }
        QCOMPARE(keysOf(m_tags->model()), tags);
        if (!follow->tagIds.empty()) {
            QCOMPARE(m_tags->model()->index(0, 0).data().toString().isEmpty(), false);
        }
        QCOMPARE(relations->index(r, 1).data().toString(), q(follow->remark));
        const int runColumn = relations->columnCount() - 1;
        QCOMPARE(relations->index(r, runColumn).data(ui::RunIdRole).toLongLong(), m_runId);
    }
}

void TestDataPage::runLinkAsksForTheLogs()
{
    search(QString(), db::CustomerSearchField::Any);
    QSignalSpy pages(m_page.get(), &ui::Page::showPageRequested);
    QSignalSpy runs(m_page.get(), &DataPage::runRequested);
    const int runColumn = m_customers->model()->columnCount() - 1;
    const QModelIndex link = m_customers->model()->index(0, runColumn);
    QCOMPARE(link.data().toString(), QStringLiteral("Run #%1").arg(m_runId));
    const QRect cell = m_customers->visualRect(link);
    QVERIFY(cell.isValid());
    QTest::mouseClick(m_customers->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(pages.count(), 1);
    QCOMPARE(pages.at(0).at(0).toString(), QStringLiteral("logs"));
    QCOMPARE(runs.count(), 1);
    QCOMPARE(runs.at(0).at(0).toLongLong(), m_runId);

    // Any other cell is just a selection.
    QTest::mouseClick(m_customers->viewport(), Qt::LeftButton, {},
                      m_customers->visualRect(m_customers->model()->index(1, 0)).center());
    QCOMPARE(pages.count(), 1);

    // The keyboard: Enter on the run cell of the tree.
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    m_departments->setFocus();
    m_departments->setCurrentIndex(m_departments->model()->index(0, ui::DepartmentTreeModel::RunColumn));
    QTest::keyClick(m_departments, Qt::Key_Return);
    QCOMPARE(pages.count(), 2);
}

void TestDataPage::refreshesWhenARunEnds()
{
    auto *model = static_cast<ui::DepartmentTreeModel *>(m_departments->model());
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    // The selected department stays selected across the refresh.
    const QModelIndex second = model->index(0, 0, model->index(0, 0));
    m_departments->setCurrentIndex(second);
    const QString selected = second.data(ui::KeyRole).toString();
    m_context->notifyRunsChanged();
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m_departments->currentIndex().data(ui::KeyRole).toString(), selected);
    // Not while hidden.
    m_page->hide();
    m_context->notifyRunsChanged();
    QCOMPARE(resets.count(), 1);
}

void TestDataPage::refreshKeepsTheCustomerListWhereItWas()
{
    m_page->findChild<QTabWidget *>(QStringLiteral("dataTabs"))->setCurrentIndex(1);
    auto *box = m_page->findChild<QLineEdit *>(QStringLiteral("dataCustomerSearch"));
    box->clear();
    QTest::keyClick(box, Qt::Key_Return);
    QAbstractItemModel *model = m_customers->model();
    QCOMPARE(model->rowCount(), 100);
    // Two pages read, scrolled into the second.
    QVERIFY(model->canFetchMore({}));
    model->fetchMore({});
    QVERIFY(model->rowCount() > 150);
    const int shown = model->rowCount();
    m_customers->scrollTo(model->index(150, 0), QAbstractItemView::PositionAtTop);
    QScrollBar *bar = m_customers->verticalScrollBar();
    const int scrolled = bar->value();
    QVERIFY(scrolled > 0);
    const QString top = m_customers->indexAt(QPoint(1, 1)).data(ui::KeyRole).toString();
    QVERIFY(!top.isEmpty());

    // A run ended (here or on another machine): the list is read again and stays where it was.
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    m_context->notifyRunsChanged();
    QCOMPARE(resets.count(), 1);
    QVERIFY(model->rowCount() >= shown);
    QCOMPARE(bar->value(), scrolled);
    QCOMPARE(m_customers->indexAt(QPoint(1, 1)).data(ui::KeyRole).toString(), top);

    // A new search reads from the start again (one page; the view follows the selected customer, if any).
    QTest::keyClick(box, Qt::Key_Return);
    QCOMPARE(model->rowCount(), 100);
}

void TestDataPage::pictureOfThePage()
{
    // The customers tab with a customer open: the busiest layout.
    m_page->findChild<QTabWidget *>(QStringLiteral("dataTabs"))->setCurrentIndex(1);
    search(QString(), db::CustomerSearchField::Any);
    m_customers->setCurrentIndex(m_customers->model()->index(2, 0));
    QVERIFY(m_relations->model()->rowCount() > 0);
    const QString dir = QCoreApplication::applicationDirPath();
    const QPixmap customers = m_page->grab();
    QVERIFY(!customers.isNull());
    QVERIFY(customers.save(QDir(dir).filePath(QStringLiteral("datapage-customers.png"))));

    m_page->findChild<QTabWidget *>(QStringLiteral("dataTabs"))->setCurrentIndex(0);
    const QPixmap organisation = m_page->grab();
    QVERIFY(organisation.save(QDir(dir).filePath(QStringLiteral("datapage-organisation.png"))));
    qInfo("Pictures: %s/datapage-*.png", qPrintable(QDir::toNativeSeparators(dir)));
}

QTEST_MAIN(TestDataPage)
#include "tst_datapage.moc"
