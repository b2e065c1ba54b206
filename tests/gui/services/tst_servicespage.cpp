// The Services page on the offscreen platform, driven through the real window: a WeCom service added through the
// editor (an invalid EncodingAESKey refused next to the field, then a valid one), its secrets stored through the
// editor and never in the database nor pre-filled when editing, "Reveal", a failed save that changes nothing, the
// connection test against an in-process sandbox with its steps arriving live and the verdict, duplicate,
// disable/enable, remove with confirmation (keychain entries included), the model under QAbstractItemModelTester,
// and the same through the real keychain when a D-Bus session is available. Pictures of the page, the editor and the
// test are saved next to the binary.

#include "AppContext.h"
#include "MainWindow.h"
#include "RunTask.h"
#include "TestDatabase.h"
#include "dialogs/ConnectionTestDialog.h"
#include "dialogs/ServiceEditorDialog.h"
#include "models/ServiceTableModel.h"
#include "pages/ServicesPage.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"
#include "services/ServiceConfigService.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUuid>

using namespace ic;
using ic::ui::AppContext;
using ic::ui::ConnectionTestDialog;
using ic::ui::MainWindow;
using ic::ui::ServiceEditorDialog;
using ic::ui::ServicesPage;
using ic::ui::ServiceTableModel;

namespace {

/// A memory store whose writes fail for keys ending in `failingSuffix`, like a keychain that refuses one entry.
class RefusingStore final : public secrets::SecretStore {
public:
    explicit RefusingStore(QString failingSuffix)
        : m_inner(secrets::makeMemorySecretStore())
        , m_failingSuffix(std::move(failingSuffix))
    {}
    QString displayName() const override { return QStringLiteral("refusing"); }
    bool isWritable() const override { return true; }
    QCoro::Task<Result<std::optional<QString>>> read(secrets::SecretLocator locator) override
    {
        return m_inner->read(std::move(locator));
    }
    QCoro::Task<Status> write(secrets::SecretLocator locator, QString value) override
    {
        if (locator.key.endsWith(m_failingSuffix)) {
            return refuse(locator.description);
        }
        return m_inner->write(std::move(locator), std::move(value));
    }
    QCoro::Task<Status> remove(secrets::SecretLocator locator) override { return m_inner->remove(std::move(locator)); }

private:
    static QCoro::Task<Status> refuse(QString description)
    {
        co_return Error::make(ErrorCode::SecretStore, QStringLiteral("The keychain refused %1.").arg(description), {},
                              QStringLiteral("Unlock the keychain and try again."));
    }

    std::unique_ptr<secrets::SecretStore> m_inner;
    QString m_failingSuffix;
};

sandbox::CorpSpec smallCorp()
{
    sandbox::CorpSpec spec;
    spec.seed = 11;
    spec.departments = 8;
    spec.staff = 30;
    spec.contacts = 60;
    return spec;
}

QString pictureIn(const QString &name)
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(name);
}

} // namespace

class TestServicesPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void addWeComThroughTheEditor();
    void editNeverPrefillsSecretsAndRevealsOnRequest();
    void failedSaveChangesNothing();
    void secretRefusedByTheKeychainChangesNothing();
    void connectionTestShowsStepsLive();
    void duplicateDisableEnableRemove();
    void modelPassesTheTester();
    void actionsHaveNamesShortcutsAndAccessibleNames();
    void realKeychainStoresTheSecret();

private:
    std::unique_ptr<AppContext> connectedContext(std::function<std::unique_ptr<secrets::SecretStore>()> store = {});
    ServicesPage *showServices(MainWindow &window);
    ServiceEditorDialog *visibleEditor(ServicesPage *page);
    /// Chooses WeCom on the editor's first page and goes on to the form.
    void chooseWeCom(ServiceEditorDialog *editor);
    /// Fills the editor for a WeCom service of the sandbox; every secret but the EncodingAESKey.
    void fillWeCom(ServiceEditorDialog *editor, const QString &name);
    void type(ServiceEditorDialog *editor, const QString &key, const QString &text);
    bool addThroughEditor(ServicesPage *page, const QString &name, bool withAesKey = true);
    db::ServiceConfigRecord record(AppContext &context, const QString &name);
    bool exists(AppContext &context, const QString &name);
    QStringList secretValues() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::TestDatabase> m_database;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

void TestServicesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("IntegrationConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_services"));

    IC_TEST_DATABASE_OR_SKIP(database);
    m_database = std::move(database);
    std::string error;
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxCorp::generate(smallCorp()));
    QVERIFY2(m_server->start(&error), error.c_str());

    // One window for the scenario that builds on itself (add, edit, test, duplicate, remove).
    m_context = connectedContext();
    QVERIFY(m_context->isConnected());
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestServicesPage::cleanupTestCase()
{
    m_window.reset();
    m_context.reset();
    if (m_server) {
        m_server->stop();
    }
}

void TestServicesPage::init()
{
    // No dialog of an earlier test is left over.
    QTRY_VERIFY(QApplication::activeModalWidget() == nullptr);
}

std::unique_ptr<AppContext>
TestServicesPage::connectedContext(std::function<std::unique_ptr<secrets::SecretStore>()> store)
{
    AppContext::Options options;
    options.databaseUrl = m_database->url().toString();
    options.makeSecretStore = store ? std::move(store) : [] { return secrets::makeMemorySecretStore(); };
    auto context = std::make_unique<AppContext>(options);
    auto connect = [](AppContext *target) -> QCoro::Task<bool> {
        co_await target->connect();
        co_return true;
    };
    if (!test::runTask(connect(context.get()))) {
        qWarning("connecting did not finish");
    }
    return context;
}

ServicesPage *TestServicesPage::showServices(MainWindow &window)
{
    if (!window.showPage(QStringLiteral("services"))) {
        return nullptr;
    }
    // Shortcuts need the window to be the active one.
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window)) {
        qWarning("the window did not become active");
    }
    return qobject_cast<ServicesPage *>(window.page(QStringLiteral("services")));
}

ServiceEditorDialog *TestServicesPage::visibleEditor(ServicesPage *page)
{
    for (ServiceEditorDialog *dialog : page->findChildren<ServiceEditorDialog *>()) {
        if (dialog->isVisible()) {
            return dialog;
        }
    }
    return nullptr;
}

void TestServicesPage::chooseWeCom(ServiceEditorDialog *editor)
{
    auto *types = editor->findChild<QListWidget *>(QStringLiteral("serviceTypeList"));
    QVERIFY(types);
    for (int row = 0; row < types->count(); ++row) {
        if (types->item(row)->data(Qt::UserRole).toString() == u"wecom") {
            types->setCurrentRow(row);
        }
    }
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("editorNext")), Qt::LeftButton);
    QCOMPARE(editor->typeId(), QStringLiteral("wecom"));
}

void TestServicesPage::type(ServiceEditorDialog *editor, const QString &key, const QString &text)
{
    auto *line = editor->findChild<QLineEdit *>(u"field_" + key);
    QVERIFY2(line, qPrintable(key));
    line->setFocus();
    line->selectAll();
    if (text.isEmpty()) {
        QTest::keyClick(line, Qt::Key_Backspace);
    } else {
        QTest::keyClicks(line, text);
    }
    QCOMPARE(line->text(), text);
}

void TestServicesPage::fillWeCom(ServiceEditorDialog *editor, const QString &name)
{
    const sandbox::CorpCredentials &c = m_server->credentials();
    type(editor, QStringLiteral("name"), name);
    type(editor, QStringLiteral("description"), QStringLiteral("Added by the window test"));
    type(editor, QStringLiteral("corp_id"), QString::fromStdString(c.corpId));
    type(editor, QStringLiteral("agent_id"), QString::number(c.agentId));
    type(editor, QStringLiteral("api_base"), QString::fromStdString(m_server->baseUrl()));
    type(editor, QStringLiteral("corp_secret"), QString::fromStdString(c.appSecret));
    type(editor, QStringLiteral("contacts_secret"), QString::fromStdString(c.contactsSecret));
    type(editor, QStringLiteral("customer_secret"), QString::fromStdString(c.customerSecret));
    type(editor, QStringLiteral("callback_token"), QString::fromStdString(c.callbackToken));
}

bool TestServicesPage::addThroughEditor(ServicesPage *page, const QString &name, bool withAesKey)
{
    page->findChild<QAction *>(QStringLiteral("actionAddService"))->trigger();
    ServiceEditorDialog *editor = visibleEditor(page);
    if (!editor) {
        return false;
    }
    chooseWeCom(editor);
    if (editor->typeId() != u"wecom") {
        return false;
    }
    fillWeCom(editor, name);
    if (withAesKey) {
        type(editor, QStringLiteral("encoding_aes_key"),
             QString::fromStdString(m_server->credentials().encodingAesKey));
    }
    QPointer<ServiceEditorDialog> guard(editor);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("editorSave")), Qt::LeftButton);
    return QTest::qWaitFor([&guard] { return guard.isNull() || !guard->isVisible(); }, 10000);
}

db::ServiceConfigRecord TestServicesPage::record(AppContext &context, const QString &name)
{
    services::ServiceConfigService services(*context.database(), context.secrets(), context.tenant());
    Result<db::ServiceConfigRecord> found = services.get(name);
    return found ? found.value() : db::ServiceConfigRecord{};
}

bool TestServicesPage::exists(AppContext &context, const QString &name)
{
    services::ServiceConfigService services(*context.database(), context.secrets(), context.tenant());
    return services.get(name).ok();
}

QStringList TestServicesPage::secretValues() const
{
    const sandbox::CorpCredentials &c = m_server->credentials();
    QStringList values;
    for (const std::string &value :
         {c.appSecret, c.contactsSecret, c.customerSecret, c.callbackToken, c.encodingAesKey}) {
        values << QString::fromStdString(value);
    }
    return values;
}

void TestServicesPage::addWeComThroughTheEditor()
{
    ServicesPage *page = showServices(*m_window);
    QVERIFY(page);
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("servicesEmpty"))->isVisible());

    page->findChild<QAction *>(QStringLiteral("actionAddService"))->trigger();
    ServiceEditorDialog *editor = visibleEditor(page);
    QVERIFY(editor);
    QCOMPARE(editor->mode(), ServiceEditorDialog::Mode::Add);
    // The type comes first: no form, no Save.
    QVERIFY(editor->typeId().isEmpty());
    QVERIFY(!editor->findChild<QPushButton *>(QStringLiteral("editorSave"))->isVisible());
    auto *types = editor->findChild<QListWidget *>(QStringLiteral("serviceTypeList"));
    QVERIFY(types->count() >= 1);
    for (int row = 0; row < types->count(); ++row) {
        if (types->item(row)->data(Qt::UserRole).toString() == u"wecom") {
            types->setCurrentRow(row);
        }
    }
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("editorNext")), Qt::LeftButton);
    QCOMPARE(editor->typeId(), QStringLiteral("wecom"));

    auto *save = editor->findChild<QPushButton *>(QStringLiteral("editorSave"));
    QVERIFY(save->isVisible());
    QVERIFY(!save->isEnabled()); // name and corp ID are required
    QVERIFY(editor->problems().join(u'\n').contains(u"Corp ID"));

    // Hints say where to find each value: as a tooltip and under the field.
    auto *corpId = editor->findChild<QLineEdit *>(QStringLiteral("field_corp_id"));
    QVERIFY(corpId->toolTip().contains(u"My Company"));
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("hint_corp_id"))->text().contains(u"My Company"));

    // Validation as you type, with the reason next to the field.
    type(editor, QStringLiteral("corp_id"), QStringLiteral("xx123"));
    auto *corpReason = editor->findChild<QLabel *>(QStringLiteral("reason_corp_id"));
    QVERIFY(corpReason->isVisible());
    QVERIFY(corpReason->text().contains(u"18 characters"));

    fillWeCom(editor, QStringLiteral("wecom-gui"));
    QVERIFY(!corpReason->isVisible());

    // Secret fields are password fields.
    for (const auto *key :
         {"corp_secret", "contacts_secret", "customer_secret", "callback_token", "encoding_aes_key"}) {
        auto *line = editor->findChild<QLineEdit *>(QStringLiteral("field_") + QLatin1StringView(key));
        QVERIFY2(line, key);
        QCOMPARE(line->echoMode(), QLineEdit::Password);
    }

    // An invalid EncodingAESKey: refused, the reason next to the field, Save disabled and refused.
    type(editor, QStringLiteral("encoding_aes_key"), QStringLiteral("tooShortKey123"));
    auto *aesReason = editor->findChild<QLabel *>(QStringLiteral("reason_encoding_aes_key"));
    QVERIFY(aesReason->isVisible());
    QVERIFY2(aesReason->text().contains(u"43"), qPrintable(aesReason->text()));
    QVERIFY(!aesReason->text().contains(u"tooShortKey123")); // never the value
    QVERIFY(!save->isEnabled());
    const QStringList problems = editor->problems();
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.first().startsWith(u"EncodingAESKey"));
    auto *summary = editor->findChild<QLabel *>(QStringLiteral("validationSummary"));
    QVERIFY(summary->isVisible());
    QVERIFY(summary->text().contains(u"EncodingAESKey"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTest::keyClick(editor, Qt::Key_Return);
    QVERIFY(editor->isVisible());
    QVERIFY(!exists(*m_context, QStringLiteral("wecom-gui")));

    // A valid one: accepted.
    type(editor, QStringLiteral("encoding_aes_key"), QString::fromStdString(m_server->credentials().encodingAesKey));
    QVERIFY(!aesReason->isVisible());
    QVERIFY(editor->problems().isEmpty());
    QVERIFY(save->isEnabled());

    editor->findChild<QScrollArea *>(QStringLiteral("editorScroll"))->ensureVisible(0, 0);
    const QPixmap picture = editor->grab();
    QVERIFY(picture.save(pictureIn(QStringLiteral("service-editor.png"))));
    qInfo("Editor picture: %s", qPrintable(pictureIn(QStringLiteral("service-editor.png"))));

    QPointer<ServiceEditorDialog> guard(editor);
    QSignalSpy changed(m_context.get(), &AppContext::servicesChanged);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
    QVERIFY(changed.count() >= 1);

    // Stored: the settings in the database, the secrets in the store, and the secrets nowhere in the database.
    const db::ServiceConfigRecord stored = record(*m_context, QStringLiteral("wecom-gui"));
    QCOMPARE(stored.type, QStringLiteral("wecom"));
    QCOMPARE(stored.description, QStringLiteral("Added by the window test"));
    QCOMPARE(stored.settings.value(u"corp_id").toString(), QString::fromStdString(m_server->credentials().corpId));
    QCOMPARE(stored.settings.value(u"api_base").toString(), QString::fromStdString(m_server->baseUrl()));
    services::ServiceConfigService services(*m_context->database(), m_context->secrets(), m_context->tenant());
    const QList<services::SecretFieldState> states = services.secretStates(stored);
    QCOMPARE(states.size(), 5);
    for (const services::SecretFieldState &state : states) {
        QVERIFY2(state.stored, qPrintable(state.field));
    }
    IC_AWAIT(aesKey, m_context->secrets().read(services.secretLocator(stored, QStringLiteral("encoding_aes_key"))));
    QVERIFY(aesKey.ok() && aesKey.value());
    QCOMPARE(*aesKey.value(), QString::fromStdString(m_server->credentials().encodingAesKey));
    const QByteArray everything = m_database->dumpAll();
    QVERIFY(!everything.isEmpty());
    for (const QString &secret : secretValues()) {
        QVERIFY2(!everything.contains(secret.toUtf8()), "a secret value is in the database");
    }

    // Listed and selected, with the page saying what to do next.
    QCOMPARE(page->model()->rowCount(), 1);
    QCOMPARE(page->selectedName(), QStringLiteral("wecom-gui"));
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("servicesEmpty"))->isVisible());
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("servicesMessage"))->text().contains(u"wecom-gui"));
    const QModelIndex status = page->model()->index(0, ServiceTableModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("Inactive"));
    QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
}

void TestServicesPage::editNeverPrefillsSecretsAndRevealsOnRequest()
{
    ServicesPage *page = showServices(*m_window);
    QVERIFY(page->selectService(QStringLiteral("wecom-gui")));
    // Enter on the table edits.
    page->view()->setFocus();
    QTest::keyClick(page->view(), Qt::Key_Return);
    ServiceEditorDialog *editor = visibleEditor(page);
    QVERIFY(editor);
    QCOMPARE(editor->mode(), ServiceEditorDialog::Mode::Edit);
    QVERIFY(editor->findChild<QLineEdit *>(QStringLiteral("field_name"))->isReadOnly());
    QCOMPARE(editor->findChild<QLineEdit *>(QStringLiteral("field_corp_id"))->text(),
             QString::fromStdString(m_server->credentials().corpId));

    for (const auto *key :
         {"corp_secret", "contacts_secret", "customer_secret", "callback_token", "encoding_aes_key"}) {
        const QString field = QLatin1StringView(key);
        auto *line = editor->findChild<QLineEdit *>(u"field_" + field);
        QVERIFY2(line->text().isEmpty(), key);
        QCOMPARE(line->echoMode(), QLineEdit::Password);
        QVERIFY(editor->findChild<QLabel *>(u"secretState_" + field)->text().contains(u"stored in the keychain"));
        QVERIFY(editor->findChild<QToolButton *>(u"reveal_" + field)->isEnabled());
        QVERIFY(!editor->findChild<QLineEdit *>(u"revealed_" + field)->isVisible());
    }
    // No visible widget of the editor holds a secret value.
    for (const QLineEdit *line : editor->findChildren<QLineEdit *>()) {
        for (const QString &secret : secretValues()) {
            QVERIFY2(line->text() != secret, qPrintable(line->objectName()));
        }
    }

    // Reveal: read from the store on request, shown only while pressed.
    auto *reveal = editor->findChild<QToolButton *>(QStringLiteral("reveal_callback_token"));
    auto *revealed = editor->findChild<QLineEdit *>(QStringLiteral("revealed_callback_token"));
    QTest::mouseClick(reveal, Qt::LeftButton);
    QVERIFY(reveal->isChecked());
    QTRY_COMPARE(revealed->text(), QString::fromStdString(m_server->credentials().callbackToken));
    QVERIFY(revealed->isVisible());
    QTest::mouseClick(reveal, Qt::LeftButton);
    QVERIFY(!reveal->isChecked());
    QVERIFY(revealed->text().isEmpty());
    QVERIFY(!revealed->isVisible());

    // Changing a setting keeps the secrets.
    type(editor, QStringLiteral("description"), QStringLiteral("Edited in the window"));
    QPointer<ServiceEditorDialog> guard(editor);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("editorSave")), Qt::LeftButton);
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
    const db::ServiceConfigRecord stored = record(*m_context, QStringLiteral("wecom-gui"));
    QCOMPARE(stored.description, QStringLiteral("Edited in the window"));
    QCOMPARE(stored.secretRefs.size(), 5);
}

void TestServicesPage::failedSaveChangesNothing()
{
    ServicesPage *page = showServices(*m_window);
    const db::ServiceConfigRecord before = record(*m_context, QStringLiteral("wecom-gui"));
    const int count = page->model()->rowCount();

    // The same name again (another case): core refuses it; the error and its hint show, nothing changes.
    page->findChild<QAction *>(QStringLiteral("actionAddService"))->trigger();
    ServiceEditorDialog *editor = visibleEditor(page);
    QVERIFY(editor);
    chooseWeCom(editor);
    fillWeCom(editor, QStringLiteral("WeCom-GUI"));
    QVERIFY(editor->problems().isEmpty());
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("editorSave")), Qt::LeftButton);
    auto *error = editor->findChild<QLabel *>(QStringLiteral("saveError"));
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"already exists"), qPrintable(error->text()));
    QVERIFY2(error->text().contains(u"Choose another name"), qPrintable(error->text())); // the hint
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("reason_name"))->isVisible());
    QVERIFY(editor->isVisible());
    QCOMPARE(page->model()->rowCount(), count);
    const db::ServiceConfigRecord after = record(*m_context, QStringLiteral("wecom-gui"));
    QCOMPARE(after.updatedAt, before.updatedAt);
    QCOMPARE(after.secretRefs, before.secretRefs);

    // Changing the name clears the reason; Cancel leaves without a trace.
    type(editor, QStringLiteral("name"), QStringLiteral("wecom-other"));
    QVERIFY(!editor->findChild<QLabel *>(QStringLiteral("reason_name"))->isVisible());
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("editorCancel")), Qt::LeftButton);
    QVERIFY(!exists(*m_context, QStringLiteral("wecom-other")));
}

void TestServicesPage::secretRefusedByTheKeychainChangesNothing()
{
    // A keychain that refuses one secret: the service that was added for the save is taken away again.
    auto context = connectedContext([] { return std::make_unique<RefusingStore>(QStringLiteral("/customer_secret")); });
    QVERIFY(context->isConnected());
    MainWindow window(*context);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ServicesPage *page = showServices(window);
    const int count = page->model()->rowCount();

    page->findChild<QAction *>(QStringLiteral("actionAddService"))->trigger();
    ServiceEditorDialog *editor = visibleEditor(page);
    QVERIFY(editor);
    chooseWeCom(editor);
    fillWeCom(editor, QStringLiteral("wecom-refused"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("editorSave")), Qt::LeftButton);
    auto *error = editor->findChild<QLabel *>(QStringLiteral("saveError"));
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"refused"), qPrintable(error->text()));
    QVERIFY2(error->text().contains(u"Unlock the keychain"), qPrintable(error->text()));
    QVERIFY(editor->findChild<QPushButton *>(QStringLiteral("editorSave"))->isEnabled()); // can be tried again
    QVERIFY(!exists(*context, QStringLiteral("wecom-refused")));
    QCOMPARE(page->model()->rowCount(), count);
    editor->reject();
}

void TestServicesPage::connectionTestShowsStepsLive()
{
    ServicesPage *page = showServices(*m_window);
    QVERIFY(page->selectService(QStringLiteral("wecom-gui")));

    // What the table shows at each refresh while the test runs.
    QStringList statuses;
    connect(page->model(), &QAbstractItemModel::modelReset, this, [&statuses, page] {
        const int row = page->model()->rowOf(QStringLiteral("wecom-gui"));
        statuses << page->model()->index(row, ServiceTableModel::StatusColumn).data().toString();
    });

    page->findChild<QAction *>(QStringLiteral("actionTestService"))->trigger();
    auto *dialog = page->findChild<ConnectionTestDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    // The test starts once the dialog is up, so nothing is missed here.
    QStringList events;
    connect(dialog, &ConnectionTestDialog::stepShown, this, [&events](const QString &id) { events << id; });
    connect(dialog, &ConnectionTestDialog::testFinished, this, [&events] { events << QStringLiteral("finished"); });
    auto *steps = dialog->findChild<QTreeWidget *>(QStringLiteral("testSteps"));
    QTRY_VERIFY(dialog->isRunning() || events.contains(QStringLiteral("finished")));
    QTRY_VERIFY_WITH_TIMEOUT(events.contains(QStringLiteral("finished")), 30000);
    QVERIFY(!dialog->isRunning());

    // The steps arrived one by one before the verdict.
    QVERIFY2(events.size() >= 3, qPrintable(events.join(u' ')));
    QCOMPARE(events.last(), QStringLiteral("finished"));
    QCOMPARE(events.count(QStringLiteral("finished")), 1);
    QVERIFY(dialog->report().has_value());
    const services::ConnectionTestReport report = *dialog->report();
    QCOMPARE(steps->topLevelItemCount(), report.steps.size());
    QCOMPARE(events.size() - 1, report.steps.size());
    for (int i = 0; i < steps->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = steps->topLevelItem(i);
        QCOMPARE(item->text(0), report.steps.at(i).title);
        QVERIFY(!item->icon(1).isNull());
        QVERIFY(!item->text(1).isEmpty());
    }
    QVERIFY2(report.outcome() != services::TestOutcome::Failed, qPrintable(report.toText()));
    auto *verdict = dialog->findChild<QLabel *>(QStringLiteral("testVerdict"));
    QVERIFY2(verdict->text().startsWith(u"Passed"), qPrintable(verdict->text()));
    // The step that needs attention is selected, its whole text below the list.
    if (report.outcome() == services::TestOutcome::Warning) {
        QVERIFY(steps->currentItem());
        QCOMPARE(steps->currentItem()->icon(1).isNull(), false);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("testStepDetail"))->text().contains(u"warning"));
    }

    // Copy as text.
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("testCopy")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), report.toText());

    QTest::qWait(50); // the rows' heights follow the column widths after a layout pass
    const QPixmap picture = dialog->grab();
    QVERIFY(picture.save(pictureIn(QStringLiteral("connection-test.png"))));
    qInfo("Connection test picture: %s", qPrintable(pictureIn(QStringLiteral("connection-test.png"))));

    // The page showed "testing" while it ran, and the result afterwards.
    QVERIFY2(statuses.contains(QStringLiteral("Testing…")), qPrintable(statuses.join(u", ")));
    QTRY_COMPARE(page->model()
                     ->index(page->model()->rowOf(QStringLiteral("wecom-gui")), ServiceTableModel::StatusColumn)
                     .data()
                     .toString(),
                 QStringLiteral("Active"));
    const QModelIndex lastTest =
        page->model()->index(page->model()->rowOf(QStringLiteral("wecom-gui")), ServiceTableModel::LastTestColumn);
    QVERIFY2(lastTest.data().toString().contains(u"passed"), qPrintable(lastTest.data().toString()));
    disconnect(page->model(), nullptr, this, nullptr);

    QPointer<ConnectionTestDialog> guard(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("testClose")), Qt::LeftButton);
    QTRY_VERIFY(guard.isNull());
}

void TestServicesPage::duplicateDisableEnableRemove()
{
    ServicesPage *page = showServices(*m_window);
    QVERIFY(page->selectService(QStringLiteral("wecom-gui")));

    // Duplicate: the settings, not the secrets, under a new name.
    page->findChild<QAction *>(QStringLiteral("actionDuplicateService"))->trigger();
    ServiceEditorDialog *editor = visibleEditor(page);
    QVERIFY(editor);
    QCOMPARE(editor->mode(), ServiceEditorDialog::Mode::Duplicate);
    QCOMPARE(editor->serviceName(), QStringLiteral("wecom-gui-copy"));
    QCOMPARE(editor->findChild<QLineEdit *>(QStringLiteral("field_corp_id"))->text(),
             QString::fromStdString(m_server->credentials().corpId));
    QVERIFY(editor->findChild<QLineEdit *>(QStringLiteral("field_corp_secret"))->text().isEmpty());
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("secretState_corp_secret"))->text().contains(u"No value"));
    QPointer<ServiceEditorDialog> guard(editor);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("editorSave")), Qt::LeftButton);
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
    const db::ServiceConfigRecord copy = record(*m_context, QStringLiteral("wecom-gui-copy"));
    QCOMPARE(copy.settings, record(*m_context, QStringLiteral("wecom-gui")).settings);
    QVERIFY(copy.secretRefs.isEmpty());
    QCOMPARE(page->selectedName(), QStringLiteral("wecom-gui-copy"));
    QCOMPARE(page->model()->rowCount(), 2);

    const QPixmap picture = m_window->grab();
    QVERIFY(picture.save(pictureIn(QStringLiteral("services-page.png"))));
    qInfo("Page picture: %s", qPrintable(pictureIn(QStringLiteral("services-page.png"))));

    // Disable and enable, with the keyboard.
    QAction *toggle = page->findChild<QAction *>(QStringLiteral("actionToggleService"));
    QVERIFY(toggle->text().contains(u"Disa"));
    page->view()->setFocus();
    QTest::keyClick(page->view(), Qt::Key_E, Qt::ControlModifier);
    QVERIFY(!record(*m_context, QStringLiteral("wecom-gui-copy")).enabled);
    const int row = page->model()->rowOf(QStringLiteral("wecom-gui-copy"));
    QCOMPARE(page->model()->index(row, ServiceTableModel::EnabledColumn).data().toString(), QStringLiteral("Disabled"));
    QVERIFY(toggle->text().contains(u"Ena"));
    toggle->trigger();
    QVERIFY(record(*m_context, QStringLiteral("wecom-gui-copy")).enabled);

    // Remove: a confirmation naming the service; Cancel keeps it.
    page->findChild<QAction *>(QStringLiteral("actionRemoveService"))->trigger();
    auto *box = page->findChild<QMessageBox *>(QStringLiteral("removeConfirmation"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(box->text().contains(u"wecom-gui-copy"));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QVERIFY(exists(*m_context, QStringLiteral("wecom-gui-copy")));

    // Remove the original, whose secrets are in the store: they go too.
    QVERIFY(page->selectService(QStringLiteral("wecom-gui")));
    const db::ServiceConfigRecord original = record(*m_context, QStringLiteral("wecom-gui"));
    services::ServiceConfigService services(*m_context->database(), m_context->secrets(), m_context->tenant());
    const secrets::SecretLocator secret = services.secretLocator(original, QStringLiteral("corp_secret"));
    QTRY_VERIFY(QApplication::activeModalWidget() == nullptr);
    page->view()->setFocus();
    QTest::keyClick(page->view(), Qt::Key_Delete);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr);
    QCOMPARE(confirm->objectName(), QStringLiteral("removeConfirmation"));
    QVERIFY(confirm->text().contains(u"\"wecom-gui\""));
    QTest::mouseClick(confirm->findChild<QPushButton *>(QStringLiteral("confirmRemove")), Qt::LeftButton);
    QTRY_VERIFY(!exists(*m_context, QStringLiteral("wecom-gui")));
    QTRY_COMPARE(page->model()->rowOf(QStringLiteral("wecom-gui")), -1);
    IC_AWAIT(gone, m_context->secrets().read(secret));
    QVERIFY(gone.ok());
    QVERIFY(!gone.value().has_value());
    QVERIFY(exists(*m_context, QStringLiteral("wecom-gui-copy")));
}

void TestServicesPage::modelPassesTheTester()
{
    ServicesPage *page = showServices(*m_window);
    QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(page->view()->model());
    QVERIFY(proxy);
    QAbstractItemModelTester proxyTester(proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    services::ServiceConfigService services(*m_context->database(), m_context->secrets(), m_context->tenant());
    for (const auto *name : {"model-a", "model-b", "model-c"}) {
        const QMap<QString, QString> values{{QStringLiteral("corp_id"), QStringLiteral("ww0123456789abcdef")}};
        QVERIFY(services.add(QStringLiteral("wecom"), QLatin1StringView(name), values).ok());
        m_context->notifyServicesChanged();
    }
    QCOMPARE(page->model()->rowCount(), 4);
    page->view()->sortByColumn(ServiceTableModel::LastTestColumn, Qt::DescendingOrder);
    page->view()->sortByColumn(ServiceTableModel::NameColumn, Qt::AscendingOrder);
    page->findChild<QLineEdit *>(QStringLiteral("servicesFilter"))->setText(QStringLiteral("model-b"));
    QCOMPARE(proxy->rowCount(), 1);
    page->findChild<QLineEdit *>(QStringLiteral("servicesFilter"))->clear();
    for (int row = 0; row < page->model()->rowCount(); ++row) {
        for (int column = 0; column < page->model()->columnCount(); ++column) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::DecorationRole),
                             int(Qt::ForegroundRole), int(ServiceTableModel::SortRole)}) {
                (void)page->model()->index(row, column).data(role);
            }
        }
    }
    for (const auto *name : {"model-a", "model-b", "model-c"}) {
        IC_AWAIT(removed, services.remove(QLatin1StringView(name)));
        QVERIFY(removed.ok());
        m_context->notifyServicesChanged();
    }
    QCOMPARE(page->model()->rowCount(), 1);
}

void TestServicesPage::actionsHaveNamesShortcutsAndAccessibleNames()
{
    ServicesPage *page = showServices(*m_window);
    for (const auto *name : {"actionAddService", "actionEditService", "actionDuplicateService", "actionToggleService",
                             "actionRemoveService", "actionTestService", "actionRefreshServices"}) {
        auto *action = page->findChild<QAction *>(QLatin1StringView(name));
        QVERIFY2(action, name);
        QVERIFY2(!action->shortcut().isEmpty(), name);
        QVERIFY2(!action->toolTip().isEmpty(), name);
        QCOMPARE(action->shortcutContext(), Qt::WidgetWithChildrenShortcut);
    }
    for (const auto *name : {"servicesTable", "servicesFilter", "servicesToolBar"}) {
        auto *widget = page->findChild<QWidget *>(QLatin1StringView(name));
        QVERIFY2(widget, name);
        QVERIFY2(!widget->accessibleName().isEmpty(), name);
    }
    // Every editor field has an accessible name and a tooltip with its hint.
    QVERIFY(page->selectService(QStringLiteral("wecom-gui-copy")));
    page->findChild<QAction *>(QStringLiteral("actionEditService"))->trigger();
    ServiceEditorDialog *editor = visibleEditor(page);
    QVERIFY(editor);
    // Tab goes down the form in order.
    const auto nextTabStop = [editor](QWidget *from) -> QWidget * {
        for (QWidget *next = from->nextInFocusChain(); next && next != from; next = next->nextInFocusChain()) {
            if ((next->focusPolicy() & Qt::TabFocus) && next->isVisibleTo(editor) && next->isEnabled()) {
                return next;
            }
        }
        return nullptr;
    };
    auto *corpId = editor->findChild<QLineEdit *>(QStringLiteral("field_corp_id"));
    QCOMPARE(nextTabStop(corpId), editor->findChild<QLineEdit *>(QStringLiteral("field_agent_id")));
    // A disabled "Reveal" (nothing stored for the copy) is skipped.
    QCOMPARE(nextTabStop(editor->findChild<QLineEdit *>(QStringLiteral("field_corp_secret"))),
             editor->findChild<QLineEdit *>(QStringLiteral("field_contacts_secret")));
    const QList<QLineEdit *> lines = editor->findChildren<QLineEdit *>();
    for (const QLineEdit *line : lines) {
        if (line->objectName().startsWith(u"field_")) {
            QVERIFY2(!line->accessibleName().isEmpty(), qPrintable(line->objectName()));
            QVERIFY2(!line->toolTip().isEmpty(), qPrintable(line->objectName()));
        }
    }
    for (const QToolButton *button : editor->findChildren<QToolButton *>()) {
        if (button->objectName().isEmpty()) {
            continue; // the line edits' own clear buttons
        }
        QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->objectName()));
    }
    editor->reject();
}

void TestServicesPage::realKeychainStoresTheSecret()
{
    const bool required = qEnvironmentVariable("IC_TEST_REQUIRE_KEYCHAIN") == QLatin1String("1");
    if (!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS")) {
        if (required) {
            QFAIL("IC_TEST_REQUIRE_KEYCHAIN=1, but DBUS_SESSION_BUS_ADDRESS is not set: run inside dbus-run-session "
                  "with an unlocked gnome-keyring (scripts/test.sh).");
        }
        QSKIP("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset): the real keychain cannot be used here.");
    }
    // AppContext's default store: the environment, then the OS keychain.
    AppContext::Options options;
    options.databaseUrl = m_database->url().toString();
    AppContext context(options);
    auto connect = [](AppContext *target) -> QCoro::Task<bool> {
        co_await target->connect();
        co_return true;
    };
    QVERIFY(test::runTask(connect(&context)).has_value());
    QVERIFY(context.isConnected());
    if (!context.keychainAvailable()) {
        const QString why = context.keychainError()->toDisplayString();
        if (required) {
            QFAIL(qPrintable(QStringLiteral("IC_TEST_REQUIRE_KEYCHAIN=1, but the keychain cannot be used: ") + why));
        }
        QSKIP(qPrintable(QStringLiteral("The keychain cannot be used: ") + why));
    }
    MainWindow window(context);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ServicesPage *page = showServices(window);
    const QString name = QStringLiteral("keychain-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    QVERIFY(addThroughEditor(page, name));
    QVERIFY(exists(context, name));

    // Read back through the window's store and through a keychain store of its own.
    const db::ServiceConfigRecord stored = record(context, name);
    services::ServiceConfigService services(*context.database(), context.secrets(), context.tenant());
    const secrets::SecretLocator locator = services.secretLocator(stored, QStringLiteral("encoding_aes_key"));
    IC_AWAIT(viaWindow, context.secrets().read(locator));
    QVERIFY2(viaWindow.ok(), viaWindow.ok() ? "" : qPrintable(viaWindow.error().toDisplayString()));
    QCOMPARE(viaWindow.value().value_or(QString()), QString::fromStdString(m_server->credentials().encodingAesKey));
    auto keychain = secrets::makeKeychainSecretStore(QStringLiteral("Integration Console"));
    IC_AWAIT(direct, keychain->read(locator));
    QVERIFY(direct.ok());
    QCOMPARE(direct.value().value_or(QString()), QString::fromStdString(m_server->credentials().encodingAesKey));

    // Removing the service takes its keychain entries away.
    QVERIFY(page->selectService(name));
    page->findChild<QAction *>(QStringLiteral("actionRemoveService"))->trigger();
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr);
    QTest::mouseClick(confirm->findChild<QPushButton *>(QStringLiteral("confirmRemove")), Qt::LeftButton);
    QTRY_VERIFY(!exists(context, name));
    QTRY_VERIFY(page->findChild<QLabel *>(QStringLiteral("servicesMessage"))->text().contains(u"removed"));
    IC_AWAIT(gone, keychain->read(locator));
    QVERIFY(gone.ok());
    QVERIFY(!gone.value().has_value());
}

QTEST_MAIN(TestServicesPage)
#include "tst_servicespage.moc"
