#pragma once

#include "common/Error.h"
#include "db/DatabaseUrl.h"
#include "db/Migrator.h"
#include "pages/Page.h"

#include <QPointer>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QSpinBox;

namespace ic::ui {

/// The window's settings: the database profile and the language.
///
/// Database: shows the URL in use; another profile is entered as fields (dialect, SQLite file, or host, port, user,
/// database) or as a URL, the two kept in step. A server password typed here goes to the keychain (SecretStore at
/// DatabaseUrl::passwordLocator()), never to a settings file, and the field is cleared. "Test" opens the database on
/// a thread of its own (an unreachable server never freezes the window) and says whether its schema is up to date,
/// needs a migration, or is newer than the program; "Migrate" upgrades it after a confirmation; "Use" tests it, then
/// switches the window to it and remembers it for the next start (the command line's --db and $IC_DB_URL win).
/// Works without a database: it is where the window sends the user when the current one cannot be used.
///
/// Language: System, 中文 or English, kept in the settings and applied at once (the window rebuilds its pages, keeping
/// what was typed in them; while a page is busy, when it is done). The command line follows the system language.
class SettingsPage : public Page {
    Q_OBJECT

public:
    explicit SettingsPage(AppContext &context, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("settings"); }
    QString title() const override;
    QIcon icon() const override;
    void activate() override;

    /// The profile the fields describe, validated.
    Result<db::DatabaseUrl> enteredUrl() const;
    /// Fills the fields from `url` (as the URL field does).
    void setEnteredUrl(const QString &url);
    /// Whether a test, a migration or a switch is under way.
    /// A database action (test, migrate, use) is under way, or its question is open.
    bool isBusy() const override { return m_busy || Page::isBusy(); }
    /// The migration confirmation while it is open; nullptr otherwise.
    QMessageBox *migrateQuestion() const;

    /// What the last database action found (for tests).
    struct Outcome {
        std::optional<Error> error;
        std::optional<db::SchemaStatus> schema;
        int migrated = -1; ///< Migrations applied by "Migrate"; -1 when none ran.
        bool switched = false;
    };
    const std::optional<Outcome> &lastOutcome() const { return m_lastOutcome; }

Q_SIGNALS:
    /// A test, migration or switch finished (its outcome is lastOutcome()).
    void databaseActionFinished();

private:
    enum class Action { Test, Migrate, Use };

    void dialectChanged();
    void fieldsEdited();
    void urlEdited();
    void runAction(Action action);
    void showOutcome(Action action, const db::DatabaseUrl &url, Outcome outcome);
    void setBusy(bool busy);
    void updateCurrent();
    void showFieldsOf(bool server);

    QLabel *m_current = nullptr;
    QComboBox *m_dialect = nullptr;
    QWidget *m_sqliteFields = nullptr;
    QWidget *m_serverFields = nullptr;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlProblem = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_migrate = nullptr;
    QPushButton *m_use = nullptr;
    QLabel *m_result = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNotice = nullptr;
    bool m_busy = false;
    bool m_updating = false;
    std::optional<Outcome> m_lastOutcome;
    QPointer<QMessageBox> m_migrateQuestion;
};

} // namespace ic::ui
