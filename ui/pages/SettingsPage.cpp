#include "pages/SettingsPage.h"

#include "AppContext.h"
#include "Background.h"
#include "Preferences.h"
#include "db/Database.h"
#include "secrets/SecretStore.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ic::ui {

namespace {

constexpr int kPostgresPort = 5432;
constexpr int kMySqlPort = 3306;

/// Opens `url` (on the calling thread: a background one), migrates it when asked, and reads its schema status.
SettingsPage::Outcome probeDatabase(const db::DatabaseUrl &url, const QString &password, bool migrate)
{
    SettingsPage::Outcome outcome;
    Result<std::unique_ptr<db::Database>> opened = db::Database::open(url, password);
    if (!opened) {
        outcome.error = opened.error();
        return outcome;
    }
    if (migrate) {
        Result<int> migrated = db::Migrator::migrate(*opened.value());
        if (!migrated) {
            outcome.error = migrated.error();
            return outcome;
        }
        outcome.migrated = migrated.value();
    }
    Result<db::SchemaStatus> status = db::Migrator::status(*opened.value());
    if (!status) {
        outcome.error = status.error();
        return outcome;
    }
    outcome.schema = status.value();
    return outcome;
}

/// Stores a new password (when one was typed), reads the stored one, and probes the database off this thread.
QCoro::Task<SettingsPage::Outcome> databaseAction(db::DatabaseUrl url, QString newPassword, secrets::SecretStore *store,
                                                  bool migrate)
{
    SettingsPage::Outcome outcome;
    QString password;
    std::optional<Error> passwordProblem;
    if (url.isServer()) {
        const secrets::SecretLocator locator = url.passwordLocator();
        if (!newPassword.isEmpty()) {
            Status stored = co_await store->write(locator, newPassword);
            if (!stored) {
                outcome.error = stored.error();
                co_return outcome;
            }
        }
        Result<std::optional<QString>> read = co_await store->read(locator);
        if (read && read.value()) {
            password = *read.value();
        } else if (!read) {
            passwordProblem = read.error();
        }
    }
    auto work = [url, password, migrate] { return probeDatabase(url, password, migrate); };
    outcome = co_await runInBackground(std::move(work));
    if (outcome.error && outcome.error->code == ErrorCode::DatabaseAuth) {
        outcome.error->hint = passwordProblem ? passwordProblem->message + u' ' + passwordProblem->hint
                                              : SettingsPage::tr("Enter the password and try again: it is kept in the "
                                                                 "keychain.");
    }
    co_return outcome;
}

QString errorText(const Error &error)
{
    QString text = error.message;
    if (!error.hint.isEmpty()) {
        text += u'\n' + error.hint;
    }
    if (!error.detail.isEmpty()) {
        text += u'\n' + SettingsPage::tr("Detail: %1").arg(error.detail);
    }
    return text;
}

} // namespace

SettingsPage::SettingsPage(AppContext &context, QWidget *parent)
    : Page(context, parent)
{
    setObjectName(QStringLiteral("settingsPage"));

    // ---- database ----
    m_current = new QLabel;
    m_current->setObjectName(QStringLiteral("settingsCurrentDatabase"));
    m_current->setWordWrap(true);
    m_current->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_dialect = new QComboBox;
    m_dialect->setObjectName(QStringLiteral("dbDialect"));
    m_dialect->setAccessibleName(tr("Database kind"));
    m_dialect->addItem(tr("SQLite (a file on this computer)"), QStringLiteral("sqlite"));
    m_dialect->addItem(QStringLiteral("PostgreSQL"), QStringLiteral("postgresql"));
    m_dialect->addItem(QStringLiteral("MySQL / MariaDB"), QStringLiteral("mysql"));

    m_path = new QLineEdit;
    m_path->setObjectName(QStringLiteral("dbPath"));
    m_path->setAccessibleName(tr("SQLite file"));
    auto *browse = new QPushButton(tr("&Browse..."));
    browse->setObjectName(QStringLiteral("dbBrowse"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("SQLite database file"), m_path->text(),
                                                          tr("SQLite databases (*.db *.sqlite);;All files (*)"),
                                                          nullptr, QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty()) {
            m_path->setText(QDir::toNativeSeparators(file));
            fieldsEdited();
        }
    });
    m_sqliteFields = new QWidget;
    auto *sqliteForm = new QFormLayout(m_sqliteFields);
    sqliteForm->setContentsMargins(0, 0, 0, 0);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    sqliteForm->addRow(tr("&File:"), pathRow);
    static_cast<QLabel *>(sqliteForm->labelForField(pathRow))->setBuddy(m_path);

    m_host = new QLineEdit;
    m_host->setObjectName(QStringLiteral("dbHost"));
    m_host->setAccessibleName(tr("Server host"));
    m_port = new QSpinBox;
    m_port->setObjectName(QStringLiteral("dbPort"));
    m_port->setAccessibleName(tr("Server port"));
    m_port->setRange(1, 65535);
    m_port->setValue(kPostgresPort);
    m_user = new QLineEdit;
    m_user->setObjectName(QStringLiteral("dbUser"));
    m_user->setAccessibleName(tr("User"));
    m_database = new QLineEdit;
    m_database->setObjectName(QStringLiteral("dbName"));
    m_database->setAccessibleName(tr("Database name"));
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("dbPassword"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("unchanged (kept in the keychain)"));
    m_password->setToolTip(tr("Stored in the keychain when you press Test, Migrate or Use; never in a settings file."));
    m_serverFields = new QWidget;
    m_serverFields->hide();
    auto *serverForm = new QFormLayout(m_serverFields);
    serverForm->setContentsMargins(0, 0, 0, 0);
    serverForm->addRow(tr("&Host:"), m_host);
    serverForm->addRow(tr("P&ort:"), m_port);
    serverForm->addRow(tr("&User:"), m_user);
    serverForm->addRow(tr("&Database:"), m_database);
    serverForm->addRow(tr("Pass&word:"), m_password);

    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("dbUrl"));
    m_url->setAccessibleName(tr("Database URL"));
    m_url->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/database"));
    m_urlProblem = new QLabel;
    m_urlProblem->setObjectName(QStringLiteral("dbUrlProblem"));
    m_urlProblem->setWordWrap(true);
    m_urlProblem->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_urlProblem->hide();

    m_test = new QPushButton(tr("&Test"));
    m_test->setObjectName(QStringLiteral("dbTest"));
    m_test->setToolTip(tr("Connect and check the schema; changes nothing"));
    m_migrate = new QPushButton(tr("&Migrate..."));
    m_migrate->setObjectName(QStringLiteral("dbMigrate"));
    m_migrate->setToolTip(tr("Create or upgrade the schema of this database"));
    m_use = new QPushButton(tr("U&se this database"));
    m_use->setObjectName(QStringLiteral("dbUse"));
    m_use->setToolTip(tr("Switch the window to this database and open it at the next start too"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_test);
    buttons->addWidget(m_migrate);
    buttons->addWidget(m_use);
    buttons->addStretch(1);
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("dbResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *databaseBox = new QGroupBox(tr("Integration database"));
    databaseBox->setObjectName(QStringLiteral("databaseGroup"));
    auto *databaseForm = new QFormLayout(databaseBox);
    databaseForm->addRow(tr("In use:"), m_current);
    databaseForm->addRow(tr("&Kind:"), m_dialect);
    databaseForm->addRow(m_sqliteFields);
    databaseForm->addRow(m_serverFields);
    databaseForm->addRow(tr("&URL:"), m_url);
    databaseForm->addRow(m_urlProblem);
    databaseForm->addRow(buttons);
    databaseForm->addRow(m_result);

    // ---- language ----
    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("language"));
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System"), QString());
    m_language->addItem(QStringLiteral("中文 (简体)"), QStringLiteral("zh_CN"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_languageNotice = new QLabel(tr("The window changes its language at once; while a sync or a database action "
                                     "runs, when it ends. Command-line output follows the system language."));
    m_languageNotice->setObjectName(QStringLiteral("languageNotice"));
    m_languageNotice->setWordWrap(true);
    auto *languageBox = new QGroupBox(tr("Language"));
    languageBox->setObjectName(QStringLiteral("languageGroup"));
    auto *languageForm = new QFormLayout(languageBox);
    languageForm->addRow(tr("&Language:"), m_language);
    languageForm->addRow(m_languageNotice);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(databaseBox);
    layout->addWidget(languageBox);
    layout->addStretch(1);

    const int chosen = m_language->findData(preferences::language());
    m_language->setCurrentIndex(chosen >= 0 ? chosen : 0);
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        const QString language = m_language->currentData().toString();
        preferences::setLanguage(language);
        // The window rebuilds its pages (this one too) once the language changed: see MainWindow.
        preferences::applyLanguage(language);
    });

    connect(m_dialect, &QComboBox::currentIndexChanged, this, &SettingsPage::dialectChanged);
    for (QLineEdit *edit : {m_path, m_host, m_user, m_database}) {
        connect(edit, &QLineEdit::textEdited, this, &SettingsPage::fieldsEdited);
    }
    connect(m_port, &QSpinBox::valueChanged, this, &SettingsPage::fieldsEdited);
    connect(m_url, &QLineEdit::textEdited, this, &SettingsPage::urlEdited);
    connect(m_test, &QPushButton::clicked, this, [this] { runAction(Action::Test); });
    connect(m_use, &QPushButton::clicked, this, [this] { runAction(Action::Use); });
    connect(m_migrate, &QPushButton::clicked, this, [this] {
        Result<db::DatabaseUrl> url = enteredUrl();
        if (!url) {
            m_result->setText(errorText(url.error()));
            return;
        }
        auto *box = new QMessageBox(
            QMessageBox::Question, tr("Migrate the database?"),
            tr("Create or upgrade the schema of %1 to this program's version?").arg(url.value().toString()),
            QMessageBox::Yes | QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("migrateQuestion"));
        box->setInformativeText(tr("Back up a shared database first: other installations of an older version cannot "
                                   "use it afterwards."));
        box->setDefaultButton(QMessageBox::Cancel);
        box->setAttribute(Qt::WA_DeleteOnClose);
        m_migrateQuestion = box;
        connect(box, &QMessageBox::finished, this, [this](int answer) {
            if (answer == QMessageBox::Yes) {
                runAction(Action::Migrate);
            }
        });
        box->open();
    });
    connect(&context, &AppContext::connectionChanged, this, &SettingsPage::updateCurrent);
}

QString SettingsPage::title() const
{
    return tr("Settings");
}

QIcon SettingsPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/navigation/settings.svg"));
}

void SettingsPage::activate()
{
    updateCurrent();
    if (m_url->text().isEmpty()) {
        const db::DatabaseUrl &url = context().databaseUrl();
        setEnteredUrl(url.path.isEmpty() && url.host.isEmpty() ? db::DatabaseUrl::defaultUrl().toString()
                                                               : url.toString());
    }
}

void SettingsPage::updateCurrent()
{
    const QString url = context().databaseUrl().toString();
    if (context().isConnected()) {
        m_current->setText(tr("%1 (connected)").arg(url));
    } else if (const std::optional<Error> &error = context().connectionError()) {
        m_current->setText(tr("%1 (cannot be used: %2)").arg(url, error->message));
    } else {
        m_current->setText(tr("%1 (connecting...)").arg(url));
    }
}

QMessageBox *SettingsPage::migrateQuestion() const
{
    return m_migrateQuestion;
}

Result<db::DatabaseUrl> SettingsPage::enteredUrl() const
{
    return db::DatabaseUrl::parse(m_url->text().trimmed());
}

void SettingsPage::setEnteredUrl(const QString &url)
{
    m_url->setText(url);
    urlEdited();
}

void SettingsPage::dialectChanged()
{
    if (m_updating) {
        return;
    }
    const bool server = m_dialect->currentData().toString() != u"sqlite";
    showFieldsOf(server);
    if (server) {
        const bool postgres = m_dialect->currentData().toString() == u"postgresql";
        if (m_port->value() == kPostgresPort || m_port->value() == kMySqlPort) {
            const QSignalBlocker blocker(m_port);
            m_port->setValue(postgres ? kPostgresPort : kMySqlPort);
        }
        if (m_host->text().isEmpty()) {
            m_host->setText(QStringLiteral("localhost"));
        }
    }
    fieldsEdited();
}

void SettingsPage::fieldsEdited()
{
    if (m_updating) {
        return;
    }
    db::DatabaseUrl url;
    const QString dialect = m_dialect->currentData().toString();
    if (dialect == u"sqlite") {
        url.dialect = db::Dialect::SQLite;
        url.path = QDir::fromNativeSeparators(m_path->text().trimmed());
    } else {
        url.dialect = dialect == u"postgresql" ? db::Dialect::PostgreSQL : db::Dialect::MySQL;
        url.host = m_host->text().trimmed();
        url.port = m_port->value();
        url.user = m_user->text().trimmed();
        url.database = m_database->text().trimmed();
    }
    m_url->setText(url.toString());
    Result<db::DatabaseUrl> parsed = enteredUrl();
    m_urlProblem->setVisible(!parsed);
    m_urlProblem->setText(parsed ? QString() : parsed.error().message);
}

void SettingsPage::urlEdited()
{
    Result<db::DatabaseUrl> parsed = enteredUrl();
    m_urlProblem->setVisible(!parsed);
    if (!parsed) {
        m_urlProblem->setText(parsed.error().message);
        return;
    }
    m_updating = true;
    const db::DatabaseUrl &url = parsed.value();
    m_dialect->setCurrentIndex(m_dialect->findData(db::dialectName(url.dialect)));
    showFieldsOf(url.isServer());
    m_path->setText(QDir::toNativeSeparators(url.path));
    m_host->setText(url.host);
    if (url.isServer()) {
        m_port->setValue(url.port);
    }
    m_user->setText(url.user);
    m_database->setText(url.database);
    m_updating = false;
}

void SettingsPage::showFieldsOf(bool server)
{
    // Only the fields of the chosen kind take room.
    m_sqliteFields->setVisible(!server);
    m_serverFields->setVisible(server);
}

void SettingsPage::setBusy(bool busy)
{
    m_busy = busy;
    for (QPushButton *button : {m_test, m_migrate, m_use}) {
        button->setEnabled(!busy);
    }
    Q_EMIT busyChanged();
}

void SettingsPage::runAction(Action action)
{
    if (m_busy) {
        return;
    }
    Result<db::DatabaseUrl> url = enteredUrl();
    if (!url) {
        m_lastOutcome = Outcome{url.error(), std::nullopt, -1, false};
        m_result->setText(errorText(url.error()));
        Q_EMIT databaseActionFinished();
        return;
    }
    setBusy(true);
    m_result->setStyleSheet(QString());
    m_result->setText(action == Action::Migrate ? tr("Migrating %1...").arg(url.value().toString())
                                                : tr("Connecting to %1...").arg(url.value().toString()));
    const QString password = m_password->text();
    m_password->clear(); // kept in the keychain from here on, not in a widget
    const db::DatabaseUrl target = url.value();
    QCoro::connect(databaseAction(target, password, &context().secrets(), action == Action::Migrate), this,
                   [this, action, target](Outcome outcome) { showOutcome(action, target, std::move(outcome)); });
}

void SettingsPage::showOutcome(Action action, const db::DatabaseUrl &url, Outcome outcome)
{
    auto finish = [this](const Outcome &done, const QString &text, bool good) {
        m_lastOutcome = done;
        m_result->setText(text);
        m_result->setStyleSheet(good ? QStringLiteral("color: #1b7f3b;") : QStringLiteral("color: #c62828;"));
        setBusy(false);
        Q_EMIT databaseActionFinished();
    };
    if (outcome.error) {
        finish(outcome, errorText(*outcome.error), false);
        return;
    }
    const db::SchemaStatus &schema = *outcome.schema;
    QString text;
    bool usable = true;
    if (outcome.migrated > 0) {
        text = tr("Applied %n migration(s).", nullptr, outcome.migrated) + u' ';
    } else if (outcome.migrated == 0) {
        text = tr("Nothing to migrate.") + u' ';
    }
    if (schema.isTooNew()) {
        text += tr("The schema (version %1) is newer than this program (version %2): update the program.")
                    .arg(schema.current)
                    .arg(schema.latest);
        usable = false;
    } else if (schema.isUpToDate()) {
        text += tr("Connected. The schema is up to date (version %1).").arg(schema.current);
    } else {
        text +=
            schema.current == 0
                ? tr("Connected. The database is empty: Migrate creates the schema (version %1).").arg(schema.latest)
                : tr("Connected. The schema needs a migration (version %1 of %2): press Migrate.")
                      .arg(schema.current)
                      .arg(schema.latest);
        // The embedded SQLite database is upgraded on opening; a shared server database only by Migrate.
        usable = !url.isServer();
    }
    if (action != Action::Use || !usable) {
        finish(outcome, text, usable && (schema.isUpToDate() || !url.isServer()));
        return;
    }
    m_result->setText(text + u' ' + tr("Switching..."));
    QCoro::connect(context().connectTo(url.toString()), this, [this, outcome, url, finish]() {
        Outcome done = outcome;
        if (context().isConnected()) {
            preferences::rememberDatabaseUrl(url.toString());
            done.switched = true;
            finish(done, tr("Now using %1. The window opens it at the next start too.").arg(url.toString()), true);
        } else {
            const std::optional<Error> &error = context().connectionError();
            if (error) {
                done.error = *error;
            }
            finish(done, error ? errorText(*error) : tr("The database cannot be used."), false);
        }
    });
}

} // namespace ic::ui
