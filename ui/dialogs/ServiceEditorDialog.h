#pragma once

#include "db/Repositories.h"
#include "services/ServiceTypeRegistry.h"

#include <QDialog>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QToolButton;
class QWidget;

namespace ic::ui {

class AppContext;

/// Adds, edits or duplicates a service configuration. The form is generated from the type's field schema and
/// ServiceConfigService::commonFields(): a label, the hint (where to find the value in the provider's admin console)
/// as a tooltip and under the field, and the reason a value is not acceptable next to the field as soon as it is
/// typed, from the very validation core applies (services::validateField()).
///
/// Secrets: the field starts empty and in password mode whatever is stored; the form says whether a value is stored
/// in the keychain (or set by the environment), typing a value replaces it on Save, and "Reveal" reads the stored
/// value from the secret store (asynchronously) and shows it only while it is pressed.
///
/// Save stays disabled, with the reasons listed, while anything is invalid. It writes the settings with
/// ServiceConfigService::add()/update() and then every typed secret with setSecret(), without blocking the GUI
/// thread. A save that fails changes nothing: an added service is removed again and an edit's settings are put back
/// (a secret already replaced in the keychain by the same save is named in the message), and the error is shown
/// with its hint, next to the field it is about when core names one.
///
/// The dialog is opened with open() (window-modal, no nested event loop) and deletes itself when closed.
class ServiceEditorDialog : public QDialog {
    Q_OBJECT

public:
    enum class Mode { Add, Edit, Duplicate };

    /// Adding: the dialog starts with the choice of the type.
    static ServiceEditorDialog *createForAdd(AppContext &context, QWidget *parent);
    /// Editing `record`; its name cannot change.
    static ServiceEditorDialog *createForEdit(AppContext &context, const db::ServiceConfigRecord &record,
                                              QWidget *parent);
    /// A new service with `record`'s type and settings under `newName`; secrets are not copied.
    static ServiceEditorDialog *createForDuplicate(AppContext &context, const db::ServiceConfigRecord &record,
                                                   const QString &newName, QWidget *parent);

    Mode mode() const { return m_mode; }
    /// The chosen type; empty while none is chosen.
    QString typeId() const;
    /// The name in the form.
    QString serviceName() const;
    /// Why Save is refused now, one line per problem ("Corp ID: is required"); empty when the form can be saved.
    QStringList problems() const;
    bool isSaving() const { return m_saving; }

    void reject() override;

Q_SIGNALS:
    /// The service was saved (its settings and every secret typed in); the dialog closes next.
    void saved(const QString &name);

private:
    /// One generated field: its spec and widgets.
    struct FieldRow {
        services::FieldSpec spec;
        QString section;               ///< "general", "type", "secrets" or "advanced".
        QLineEdit *line = nullptr;     ///< Text, Url, Integer, Secret.
        QComboBox *combo = nullptr;    ///< Choice.
        QCheckBox *check = nullptr;    ///< Boolean.
        QLabel *reason = nullptr;      ///< Why the value is not acceptable; hidden when it is.
        QToolButton *reveal = nullptr; ///< Secrets.
        QLineEdit *revealed = nullptr; ///< Secrets: the stored value while "Reveal" is pressed.
        QLabel *secretState = nullptr; ///< Secrets: stored or not, and where.
        bool stored = false;           ///< Secrets: a value is stored.
        bool touched = false;          ///< Edited (or Save tried): its reason is shown inline.
        QString serverReason;          ///< What core said about the value at the last save.
    };

    ServiceEditorDialog(AppContext &context, Mode mode, std::optional<db::ServiceConfigRecord> source, QWidget *parent);

    QWidget *createTypePage();
    void chooseType(const QString &typeId);
    void showTypePage();
    void buildForm(const services::ServiceType &type);
    void addField(QFormLayout *form, const services::FieldSpec &spec, const QString &section, const QString &initial);
    QWidget *createSecretEditor(FieldRow &row);
    QString valueOf(const FieldRow &row) const;
    std::optional<QString> reasonFor(const FieldRow &row) const;
    FieldRow *row(const QString &key);
    void fieldEdited(const QString &key);
    void revalidate();
    void revealSecret(const QString &key, bool shown);
    void save();
    void saveFinished(std::optional<Error> error, const QStringList &storedSecrets);
    void setSaving(bool saving);

    AppContext &m_context;
    Mode m_mode;
    std::optional<db::ServiceConfigRecord> m_source;
    QString m_duplicateName;
    const services::ServiceType *m_type = nullptr;
    std::vector<FieldRow> m_rows;
    bool m_saving = false;

    QStackedWidget *m_stack = nullptr;
    QListWidget *m_typeList = nullptr;
    QLabel *m_typeDescription = nullptr;
    QScrollArea *m_formScroll = nullptr;
    QWidget *m_advanced = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_saveError = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace ic::ui
