// The Settings page on the offscreen platform: a second SQLite file is entered, tested (empty), migrated after the
// confirmation, tested again (up to date) and used (the window switches and the next start opens it, unless --db
// says otherwise); a server that does not answer reports an error while the window keeps turning, with the typed
// password in the keychain and not in the field; the page works while the current database cannot be used; the
// language choice is stored.

#include "AppContext.h"
#include "MainWindow.h"
#include "Preferences.h"
#include "RunTask.h"
#include "db/DatabaseUrl.h"
#include "pages/SettingsPage.h"
#include "secrets/SecretStore.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ic;
using ic::ui::AppContext;
using ic::ui::MainWindow;
using ic::ui::SettingsPage;

namespace {

/// Forwards to a store the test keeps, so it can look at what the page stored.
class SharedStore final : public secrets::SecretStore {
public:
    explicit SharedStore(std::shared_ptr<secrets::SecretStore> inner)
        : m_inner(std::move(inner))
    {}
    QString displayName() const override { return m_inner->displayName(); }
    bool isWritable() const override { return m_inner->isWritable(); }
    QCoro::Task<Result<std::optional<QString>>> read(secrets::SecretLocator locator) override
    {
        return m_inner->read(std::move(locator));
    }
    QCoro::Task<Status> write(secrets::SecretLocator locator, QString value) override
    {
        return m_inner->write(std::move(locator), std::move(value));
    }
    QCoro::Task<Status> remove(secrets::SecretLocator locator) override { return m_inner->remove(std::move(locator)); }

private:
    std::shared_ptr<secrets::SecretStore> m_inner;
};

} // namespace

class TestSettingsPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void fieldsAndUrlStayInStep();
    void secondSqliteFileIsTestedMigratedAndUsed();
    void unreachableServerReportsWithoutFreezing();
    void worksWhileTheDatabaseCannotBeUsed();
    void languageChoiceIsStored();

private:
    void openWindow(const QString &url);
    /// Clicks `name` and waits for the page's action to finish.
    bool clickAndWait(const QString &name, int timeoutMs = 30000);

    QTemporaryDir m_dir;
    std::shared_ptr<secrets::SecretStore> m_store;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    SettingsPage *m_page = nullptr;
};

void TestSettingsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("IntegrationConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_gui_settingspage"));
    qunsetenv("IC_DB_URL");
}

void TestSettingsPage::init()
{
    QSettings().clear();
    m_store = secrets::makeMemorySecretStore();
}

void TestSettingsPage::cleanup()
{
    m_window.reset();
    m_page = nullptr;
    m_context.reset();
}

void TestSettingsPage::openWindow(const QString &url)
{
    AppContext::Options options;
    options.databaseUrl = url;
    auto store = m_store;
    options.makeSecretStore = [store]() -> std::unique_ptr<secrets::SecretStore> {
        return std::make_unique<SharedStore>(store);
    };
    m_context = std::make_unique<AppContext>(options);
    auto connect = [](AppContext *target) -> QCoro::Task<bool> {
        co_await target->connect();
        co_return true;
    };
    QVERIFY(test::runTask(connect(m_context.get())).has_value());
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->show();
    QVERIFY(m_window->showPage(QStringLiteral("settings")));
    m_page = qobject_cast<SettingsPage *>(m_window->page(QStringLiteral("settings")));
    QVERIFY(m_page);
}

bool TestSettingsPage::clickAndWait(const QString &name, int timeoutMs)
{
    QSignalSpy finished(m_page, &SettingsPage::databaseActionFinished);
    auto *button = m_page->findChild<QPushButton *>(name);
    if (!button || !button->isEnabled()) {
        return false;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    return finished.count() > 0 || finished.wait(timeoutMs);
}

void TestSettingsPage::fieldsAndUrlStayInStep()
{
    openWindow(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("first.db")));
    auto *url = m_page->findChild<QLineEdit *>(QStringLiteral("dbUrl"));
    QCOMPARE(url->text(), m_context->databaseUrl().toString());
    auto *dialect = m_page->findChild<QComboBox *>(QStringLiteral("dbDialect"));
    dialect->setCurrentIndex(dialect->findData(QStringLiteral("postgresql")));
    auto *host = m_page->findChild<QLineEdit *>(QStringLiteral("dbHost"));
    host->clear();
    QTest::keyClicks(host, QStringLiteral("db.example.com"));
    QTest::keyClicks(m_page->findChild<QLineEdit *>(QStringLiteral("dbUser")), QStringLiteral("ic"));
    QTest::keyClicks(m_page->findChild<QLineEdit *>(QStringLiteral("dbName")), QStringLiteral("integration"));
    QCOMPARE(url->text(), QStringLiteral("postgresql://ic@db.example.com:5432/integration"));
    dialect->setCurrentIndex(dialect->findData(QStringLiteral("mysql")));
    QCOMPARE(url->text(), QStringLiteral("mysql://ic@db.example.com:3306/integration"));

    url->clear();
    QTest::keyClicks(url, QStringLiteral("postgresql://admin@10.0.0.5:6543/ic"));
    QCOMPARE(dialect->currentData().toString(), QStringLiteral("postgresql"));
    QCOMPARE(host->text(), QStringLiteral("10.0.0.5"));
    QCOMPARE(m_page->findChild<QLineEdit *>(QStringLiteral("dbUser"))->text(), QStringLiteral("admin"));
    QVERIFY(m_page->enteredUrl());
    // A password in the URL is refused, with the reason next to the field.
    url->clear();
    QTest::keyClicks(url, QStringLiteral("postgresql://admin:secret@10.0.0.5/ic"));
    QVERIFY(!m_page->enteredUrl());
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("dbUrlProblem"))->isVisibleTo(m_page));
}

void TestSettingsPage::secondSqliteFileIsTestedMigratedAndUsed()
{
    const QString firstUrl = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("one.db"));
    openWindow(firstUrl);
    QVERIFY(m_context->isConnected());
    const QString secondFile = m_dir.filePath(QStringLiteral("two.db"));
    auto *dialect = m_page->findChild<QComboBox *>(QStringLiteral("dbDialect"));
    dialect->setCurrentIndex(dialect->findData(QStringLiteral("sqlite")));
    auto *path = m_page->findChild<QLineEdit *>(QStringLiteral("dbPath"));
    path->clear();
    QTest::keyClicks(path, secondFile);
    const Result<db::DatabaseUrl> entered = m_page->enteredUrl();
    QVERIFY(entered);
    QCOMPARE(entered.value().path, secondFile);

    // A new file: empty, needs the schema.
    QVERIFY(clickAndWait(QStringLiteral("dbTest")));
    QVERIFY(m_page->lastOutcome());
    QVERIFY(!m_page->lastOutcome()->error);
    QCOMPARE(m_page->lastOutcome()->schema->current, 0);
    auto *result = m_page->findChild<QLabel *>(QStringLiteral("dbResult"));
    QVERIFY2(result->text().contains(QStringLiteral("empty")), qPrintable(result->text()));

    // Migrate asks first; Cancel does nothing.
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("dbMigrate")), Qt::LeftButton);
    QTRY_VERIFY(m_page->migrateQuestion() != nullptr);
    QTest::mouseClick(m_page->migrateQuestion()->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(m_page->migrateQuestion() == nullptr);
    QVERIFY(!m_page->isBusy());
    QSignalSpy finished(m_page, &SettingsPage::databaseActionFinished);
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("dbMigrate")), Qt::LeftButton);
    QTRY_VERIFY(m_page->migrateQuestion() != nullptr);
    QTest::mouseClick(m_page->migrateQuestion()->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QVERIFY(!m_page->lastOutcome()->error);
    QVERIFY(m_page->lastOutcome()->migrated > 0);
    QVERIFY(m_page->lastOutcome()->schema->isUpToDate());

    QVERIFY(clickAndWait(QStringLiteral("dbTest")));
    QVERIFY(m_page->lastOutcome()->schema->isUpToDate());
    QCOMPARE(m_page->lastOutcome()->migrated, -1);
    QVERIFY2(result->text().contains(QStringLiteral("up to date")), qPrintable(result->text()));

    QSignalSpy changed(m_context.get(), &AppContext::connectionChanged);
    QVERIFY(clickAndWait(QStringLiteral("dbUse")));
    QVERIFY(m_page->lastOutcome()->switched);
    QVERIFY(changed.count() > 0);
    QVERIFY(m_context->isConnected());
    QCOMPARE(m_context->databaseUrl().path, secondFile);
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("settingsCurrentDatabase"))->text().contains(secondFile));
    // Remembered for the next start; the command line wins over it.
    QCOMPARE(ui::preferences::rememberedDatabaseUrl(), entered.value().toString());
    QCOMPARE(ui::preferences::databaseUrlForStart(QString()), entered.value().toString());
    QCOMPARE(ui::preferences::databaseUrlForStart(firstUrl), firstUrl);
    qputenv("IC_DB_URL", firstUrl.toUtf8());
    QCOMPARE(ui::preferences::databaseUrlForStart(QString()), QString()); // AppContext reads $IC_DB_URL itself
    qunsetenv("IC_DB_URL");
}

void TestSettingsPage::unreachableServerReportsWithoutFreezing()
{
    const QString firstUrl = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("stay.db"));
    openWindow(firstUrl);
    // Nothing answers there: a non-routable address waits for the connect timeout (or fails at once without a
    // route); either way the window keeps turning.
    const QString server = QStringLiteral("postgresql://ic@10.255.255.1:5432/integration");
    m_page->setEnteredUrl(server);
    auto *password = m_page->findChild<QLineEdit *>(QStringLiteral("dbPassword"));
    QTest::keyClicks(password, QStringLiteral("pw-typed-here"));

    QElapsedTimer clock;
    qint64 worst = 0;
    QTimer ticker;
    ticker.setInterval(10);
    clock.start();
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] { worst = std::max(worst, clock.restart()); });
    ticker.start();
    QVERIFY(clickAndWait(QStringLiteral("dbTest"), 60000));
    ticker.stop();
    qInfo("worst GUI stall while testing an unreachable server: %lld ms", worst);
    QVERIFY2(worst < 100, qPrintable(QString::number(worst)));
    QVERIFY(m_page->lastOutcome()->error);
    QVERIFY(!m_page->findChild<QLabel *>(QStringLiteral("dbResult"))->text().isEmpty());
    // The password went to the keychain, at the URL's locator, and left the field.
    QVERIFY(password->text().isEmpty());
    const db::DatabaseUrl url = db::DatabaseUrl::parse(server).value();
    IC_AWAIT(stored, m_store->read(url.passwordLocator()));
    QVERIFY(stored && stored.value());
    QCOMPARE(*stored.value(), QStringLiteral("pw-typed-here"));

    // "Use" refuses it and the window stays on its database.
    QVERIFY(clickAndWait(QStringLiteral("dbUse"), 60000));
    QVERIFY(m_page->lastOutcome()->error);
    QVERIFY(!m_page->lastOutcome()->switched);
    QVERIFY(m_context->isConnected());
    QCOMPARE(m_context->databaseUrl().toString(), db::DatabaseUrl::parse(firstUrl).value().toString());
    QVERIFY(ui::preferences::rememberedDatabaseUrl().isEmpty());
}

void TestSettingsPage::worksWhileTheDatabaseCannotBeUsed()
{
    openWindow(QStringLiteral("postgresql://ic@127.0.0.1:1/integration"));
    QVERIFY(!m_context->isConnected());
    QVERIFY(m_context->connectionError());
    auto *pages = m_window->findChild<QStackedWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget(), m_page);
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("settingsCurrentDatabase"))
                ->text()
                .contains(QStringLiteral("cannot be used")));
    // Switch to a working file from here.
    const QString file = m_dir.filePath(QStringLiteral("rescue.db"));
    m_page->setEnteredUrl(QStringLiteral("sqlite://") + file);
    QVERIFY(clickAndWait(QStringLiteral("dbUse")));
    QVERIFY(m_page->lastOutcome()->switched);
    QVERIFY(m_context->isConnected());
    QCOMPARE(m_context->databaseUrl().path, file);
}

void TestSettingsPage::languageChoiceIsStored()
{
    openWindow(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("language.db")));
    auto *language = m_page->findChild<QComboBox *>(QStringLiteral("language"));
    QVERIFY(language);
    // A profile typed but not used yet: the language switch must not lose it.
    const QString typedPath = m_dir.filePath(QStringLiteral("typed-not-used.db"));
    m_page->setEnteredUrl(QStringLiteral("sqlite://") + typedPath);
    QCOMPARE(language->currentData().toString(), QString()); // System
    QCOMPARE(language->count(), 3);
    language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
    QCOMPARE(ui::preferences::language(), QStringLiteral("zh_CN"));
    QCOMPARE(QSettings().value(QStringLiteral("General/language")).toString(), QStringLiteral("zh_CN"));
    QCOMPARE(ui::preferences::languageLocale(ui::preferences::language()).language(), QLocale::Chinese);
    // The window changes at once: same page, what was typed kept, every page in Chinese.
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("集成控制台"));
    m_page = qobject_cast<SettingsPage *>(m_window->page(QStringLiteral("settings")));
    QVERIFY(m_page);
    QVERIFY(m_page->isVisible());
    QCOMPARE(m_page->findChild<QLineEdit *>(QStringLiteral("dbPath"))->text(), typedPath);
    QCOMPARE(m_page->findChild<QLineEdit *>(QStringLiteral("dbUrl"))->text(), QStringLiteral("sqlite://") + typedPath);
    QCOMPARE(m_page->findChild<QComboBox *>(QStringLiteral("language"))->currentData().toString(),
             QStringLiteral("zh_CN"));
    QVERIFY2(m_page->findChild<QLabel *>(QStringLiteral("languageNotice"))->text().contains(QStringLiteral("立即")),
             qPrintable(m_page->findChild<QLabel *>(QStringLiteral("languageNotice"))->text()));
    auto *navigation = m_window->findChild<QListWidget *>(QStringLiteral("navigation"));
    QCOMPARE(navigation->currentItem()->data(Qt::UserRole).toString(), QStringLiteral("settings"));
    QCOMPARE(navigation->item(0)->text(), QStringLiteral("概览"));
    QVERIFY(!m_window->isRetranslationPending());
    // The rebuilt page works: it tests what was typed.
    QVERIFY(clickAndWait(QStringLiteral("dbTest")));
    QVERIFY(!m_page->lastOutcome()->error);

    // The next window shows the stored choice.
    cleanup();
    openWindow(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("language.db")));
    language = m_page->findChild<QComboBox *>(QStringLiteral("language"));
    QCOMPARE(language->currentData().toString(), QStringLiteral("zh_CN"));
    language->setCurrentIndex(language->findData(QStringLiteral("en")));
    QCOMPARE(ui::preferences::language(), QStringLiteral("en"));
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("Integration Console"));
    m_page = qobject_cast<SettingsPage *>(m_window->page(QStringLiteral("settings")));
    language = m_page->findChild<QComboBox *>(QStringLiteral("language"));
    language->setCurrentIndex(language->findData(QString()));
    QCOMPARE(ui::preferences::language(), QString());
}

QTEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
