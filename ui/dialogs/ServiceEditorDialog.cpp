#include "dialogs/ServiceEditorDialog.h"

#include "AppContext.h"
#include "db/Database.h"
#include "secrets/SecretStore.h"
#include "services/FieldValidation.h"
#include "services/ServiceConfigService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoro/QCoroTask>
#include <QFont>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>
#include <utility>

namespace ic::ui {

namespace {

Q_LOGGING_CATEGORY(lcEditor, "ic.ui.services")

const QColor kReasonColor(0xc6, 0x28, 0x28);
const QColor kHintColor(0x5f, 0x63, 0x68);

constexpr int kTypePage = 0;
constexpr int kFormPage = 1;
constexpr int kFieldMinimumWidth = 360;

/// What a save writes: the settings through add()/update(), then the typed secrets through setSecret().
struct SaveRequest {
    ServiceEditorDialog::Mode mode = ServiceEditorDialog::Mode::Add;
    QString type;
    QString name;
    QMap<QString, QString> values;
    QMap<QString, QString> previousValues; ///< Edit: the settings as they were, to put back if a secret fails.
    QList<std::pair<QString, QString>> secrets;
};

struct SaveOutcome {
    std::optional<Error> error;
    QStringList storedSecrets; ///< Secret fields written before a failure (Edit keeps them).
};

/// The save as one coroutine that owns everything it uses, so closing the dialog cannot pull anything from under it.
QCoro::Task<SaveOutcome> saveService(std::shared_ptr<services::ServiceConfigService> service, SaveRequest request)
{
    SaveOutcome outcome;
    const bool adding = request.mode != ServiceEditorDialog::Mode::Edit;
    if (adding) {
        Result<db::ServiceConfigRecord> added = service->add(request.type, request.name, request.values);
        if (!added) {
            outcome.error = added.error();
            co_return outcome;
        }
    } else {
        Result<db::ServiceConfigRecord> updated = service->update(request.name, request.values);
        if (!updated) {
            outcome.error = updated.error();
            co_return outcome;
        }
    }
    for (const auto &secret : request.secrets) {
        const QString field = secret.first;
        const QString value = secret.second;
        const QString name = request.name;
        Status stored = co_await service->setSecret(name, field, value);
        if (stored) {
            outcome.storedSecrets.append(field);
            continue;
        }
        outcome.error = stored.error();
        if (outcome.error->field.isEmpty()) {
            outcome.error->field = field; // a keychain error: still about this field
        }
        // A failed save changes nothing: take the new service away again, or put the old settings back.
        if (adding) {
            Result<QStringList> removed = co_await service->remove(name);
            if (!removed) {
                qCWarning(lcEditor) << "could not remove the half-added service" << name << removed.error().message;
            }
            outcome.storedSecrets.clear();
        } else if (Result<db::ServiceConfigRecord> restored = service->update(name, request.previousValues);
                   !restored) {
            qCWarning(lcEditor) << "could not restore the settings of" << name << restored.error().message;
        }
        co_return outcome;
    }
    co_return outcome;
}

/// Core's rule for service names (ServiceConfigService refuses others), checked while typing.
std::optional<QString> validateServiceName(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (value.isEmpty()) {
        return ServiceEditorDialog::tr("is required");
    }
    if (!pattern.match(value).hasMatch()) {
        return ServiceEditorDialog::tr("must be 1 to 64 letters, digits, '.', '-' and '_', starting with a letter or "
                                       "digit");
    }
    return std::nullopt;
}

QLabel *smallLabel(const QString &text, const QColor &color)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
    return label;
}

QString rangeText(const services::FieldSpec &spec)
{
    if (spec.maximum != 0) {
        return ServiceEditorDialog::tr("%1 – %2").arg(spec.minimum).arg(spec.maximum);
    }
    return ServiceEditorDialog::tr("at least %1").arg(spec.minimum);
}

} // namespace

ServiceEditorDialog *ServiceEditorDialog::createForAdd(AppContext &context, QWidget *parent)
{
    return new ServiceEditorDialog(context, Mode::Add, std::nullopt, parent);
}

ServiceEditorDialog *ServiceEditorDialog::createForEdit(AppContext &context, const db::ServiceConfigRecord &record,
                                                        QWidget *parent)
{
    return new ServiceEditorDialog(context, Mode::Edit, record, parent);
}

ServiceEditorDialog *ServiceEditorDialog::createForDuplicate(AppContext &context, const db::ServiceConfigRecord &record,
                                                             const QString &newName, QWidget *parent)
{
    auto *dialog = new ServiceEditorDialog(context, Mode::Duplicate, record, parent);
    if (FieldRow *name = dialog->row(QStringLiteral("name"))) {
        name->line->setText(newName);
        dialog->revalidate();
    }
    return dialog;
}

ServiceEditorDialog::ServiceEditorDialog(AppContext &context, Mode mode, std::optional<db::ServiceConfigRecord> source,
                                         QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_mode(mode)
    , m_source(std::move(source))
{
    setObjectName(QStringLiteral("serviceEditor"));
    setAttribute(Qt::WA_DeleteOnClose);
    switch (m_mode) {
    case Mode::Add:
        setWindowTitle(tr("Add service"));
        break;
    case Mode::Edit:
        setWindowTitle(tr("Edit service \"%1\"").arg(m_source->name));
        break;
    case Mode::Duplicate:
        setWindowTitle(tr("Duplicate service \"%1\"").arg(m_source->name));
        break;
    }
    setAccessibleName(windowTitle());

    m_stack = new QStackedWidget;
    m_stack->setObjectName(QStringLiteral("editorPages"));
    m_stack->addWidget(createTypePage());
    m_formScroll = new QScrollArea;
    m_formScroll->setObjectName(QStringLiteral("editorScroll"));
    m_formScroll->setWidgetResizable(true);
    m_formScroll->setFrameShape(QFrame::NoFrame);
    m_formScroll->setAccessibleName(tr("Settings of the service"));
    m_stack->addWidget(m_formScroll);

    m_summary = smallLabel({}, kReasonColor);
    m_summary->setObjectName(QStringLiteral("validationSummary"));
    m_summary->setAccessibleName(tr("Why the service cannot be saved yet"));
    m_summary->hide();

    m_saveError = new QLabel;
    m_saveError->setObjectName(QStringLiteral("saveError"));
    m_saveError->setAccessibleName(tr("Why the last save failed"));
    m_saveError->setWordWrap(true);
    m_saveError->setTextFormat(Qt::PlainText);
    m_saveError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saveError->setFrameShape(QFrame::StyledPanel);
    m_saveError->setMargin(8);
    QPalette errorPalette = m_saveError->palette();
    errorPalette.setColor(QPalette::WindowText, kReasonColor);
    m_saveError->setPalette(errorPalette);
    m_saveError->hide();

    // Back on the left, away from Save; Next / Save and Cancel on the right.
    m_back = new QPushButton(tr("< &Back"));
    m_back->setObjectName(QStringLiteral("editorBack"));
    m_back->setToolTip(tr("Choose another type"));
    m_next = new QPushButton(tr("&Next >"));
    m_next->setObjectName(QStringLiteral("editorNext"));
    m_save = new QPushButton(tr("&Save"));
    m_save->setObjectName(QStringLiteral("editorSave"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("editorCancel"));
    for (QPushButton *button : {m_back, m_next, m_save, m_cancel}) {
        button->setAccessibleName(button->text().remove(u'&'));
        button->setAutoDefault(false);
    }
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addStretch(1);
    buttons->addWidget(m_next);
    buttons->addWidget(m_save);
    buttons->addWidget(m_cancel);
    connect(m_back, &QPushButton::clicked, this, &ServiceEditorDialog::showTypePage);
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_typeList->currentItem()) {
            chooseType(item->data(Qt::UserRole).toString());
        }
    });
    connect(m_save, &QPushButton::clicked, this, &ServiceEditorDialog::save);
    connect(m_cancel, &QPushButton::clicked, this, &ServiceEditorDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_saveError);
    layout->addLayout(buttons);
    resize(720, 640);

    if (m_mode == Mode::Add) {
        showTypePage();
    } else {
        chooseType(m_source->type);
    }
}

QWidget *ServiceEditorDialog::createTypePage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("typePage"));
    auto *intro = new QLabel(tr("Which kind of service do you want to add? The settings it needs depend on it."));
    intro->setWordWrap(true);
    m_typeList = new QListWidget;
    m_typeList->setObjectName(QStringLiteral("serviceTypeList"));
    m_typeList->setAccessibleName(tr("Service type"));
    m_typeList->setAccessibleDescription(tr("Choose the kind of service to add, then Next"));
    m_typeList->setIconSize(QSize(20, 20));
    intro->setBuddy(m_typeList);
    for (const services::ServiceType &type : m_context.registry().all()) {
        auto *item = new QListWidgetItem(
            QIcon(QStringLiteral(":/icons/navigation/services.svg")),
            tr("%1 — %2").arg(type.displayName, services::categoryDisplayName(type.category)), m_typeList);
        item->setData(Qt::UserRole, type.id);
        item->setToolTip(type.description);
    }
    m_typeDescription = new QLabel;
    m_typeDescription->setObjectName(QStringLiteral("serviceTypeDescription"));
    m_typeDescription->setWordWrap(true);
    connect(m_typeList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        const services::ServiceType *type =
            current ? m_context.registry().find(current->data(Qt::UserRole).toString()) : nullptr;
        m_typeDescription->setText(type ? type->description : QString());
        m_next->setEnabled(type != nullptr);
    });
    connect(m_typeList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { chooseType(item->data(Qt::UserRole).toString()); });

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro);
    layout->addWidget(m_typeList, 1);
    layout->addWidget(m_typeDescription);
    return page;
}

void ServiceEditorDialog::showTypePage()
{
    m_type = nullptr;
    m_rows.clear();
    m_stack->setCurrentIndex(kTypePage);
    m_back->hide();
    m_save->hide();
    m_next->show();
    m_next->setDefault(true);
    m_summary->hide();
    m_saveError->hide();
    if (m_typeList->currentItem() == nullptr && m_typeList->count() > 0) {
        m_typeList->setCurrentRow(0);
    }
    m_next->setEnabled(m_typeList->currentItem() != nullptr);
    m_typeList->setFocus();
}

QString ServiceEditorDialog::typeId() const
{
    return m_type ? m_type->id : QString();
}

QString ServiceEditorDialog::serviceName() const
{
    for (const FieldRow &field : m_rows) {
        if (field.spec.key == u"name") {
            return field.line->text().trimmed();
        }
    }
    return {};
}

void ServiceEditorDialog::chooseType(const QString &typeId)
{
    const services::ServiceType *type = m_context.registry().find(typeId);
    if (!type) {
        // Only an edit of a service whose type this version does not know gets here.
        m_stack->setCurrentIndex(kFormPage);
        m_saveError->setText(tr("This version of the program does not know the type \"%1\", so the service cannot "
                                "be edited here.")
                                 .arg(typeId));
        m_saveError->show();
        m_save->hide();
        m_next->hide();
        m_back->hide();
        return;
    }
    m_type = type;
    buildForm(*type);
    m_stack->setCurrentIndex(kFormPage);
    m_next->hide();
    m_back->setVisible(m_mode == Mode::Add);
    m_save->show();
    m_save->setDefault(true);
    revalidate();
}

void ServiceEditorDialog::buildForm(const services::ServiceType &type)
{
    m_rows.clear();
    auto *form = new QWidget;
    form->setObjectName(QStringLiteral("editorForm"));
    auto *layout = new QVBoxLayout(form);

    auto *title = new QLabel(type.displayName);
    title->setObjectName(QStringLiteral("editorTypeTitle"));
    QFont titleFont = title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    title->setFont(titleFont);
    layout->addWidget(title);
    auto *description = smallLabel(type.description, kHintColor);
    layout->addWidget(description);

    const auto newForm = [](const QString &groupTitle, const QString &name) {
        auto *group = new QGroupBox(groupTitle);
        group->setObjectName(name);
        group->setAccessibleName(groupTitle);
        auto *fields = new QFormLayout(group);
        fields->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
        fields->setRowWrapPolicy(QFormLayout::DontWrapRows);
        fields->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
        return std::pair{group, fields};
    };
    const auto initialValue = [this](const services::FieldSpec &spec, bool common) -> QString {
        if (m_source) {
            return services::ServiceConfigService::fieldValue(*m_source, spec.key);
        }
        return common ? QString() : spec.defaultValue;
    };
    const QList<services::FieldSpec> common = services::ServiceConfigService::commonFields();

    // General: the name and the description.
    auto [general, generalForm] = newForm(tr("General"), QStringLiteral("groupGeneral"));
    services::FieldSpec name;
    name.key = QStringLiteral("name");
    name.label = tr("Name");
    name.hint = tr("How the service is called in the console, the command line and the logs, e.g. wecom-main. It "
                   "cannot be changed later (duplicate the service to rename it).");
    name.required = true;
    name.validate = validateServiceName;
    addField(generalForm, name, QStringLiteral("general"), m_mode == Mode::Edit ? m_source->name : QString());
    if (m_mode == Mode::Edit) {
        m_rows.back().line->setReadOnly(true);
    }
    for (const services::FieldSpec &spec : common) {
        if (spec.key == u"description") {
            addField(generalForm, spec, QStringLiteral("general"), initialValue(spec, true));
        }
    }
    layout->addWidget(general);

    // The type's own settings.
    auto [settings, settingsForm] = newForm(tr("%1 settings").arg(type.displayName), QStringLiteral("groupSettings"));
    bool anySecret = false;
    for (const services::FieldSpec &spec : type.fields) {
        if (spec.isSecret()) {
            anySecret = true;
        } else {
            addField(settingsForm, spec, QStringLiteral("type"), initialValue(spec, false));
        }
    }
    layout->addWidget(settings);

    if (anySecret) {
        auto [secretsGroup, secretsForm] = newForm(tr("Secrets"), QStringLiteral("groupSecrets"));
        auto *note = smallLabel(tr("Secrets are kept in the OS keychain; the database holds only a reference to "
                                   "them. A field starts empty: type a value to store or replace it, leave it empty "
                                   "to keep what is stored."),
                                kHintColor);
        note->setObjectName(QStringLiteral("secretsNote"));
        if (m_mode == Mode::Duplicate) {
            note->setText(note->text() + u' ' + tr("A duplicate does not copy the secrets: type them again."));
        }
        secretsForm->addRow(note);
        for (const services::FieldSpec &spec : type.fields) {
            if (spec.isSecret()) {
                addField(secretsForm, spec, QStringLiteral("secrets"), QString());
            }
        }
        layout->addWidget(secretsGroup);
    }

    // Call settings and failover: rarely changed, folded away until asked for (or invalid).
    m_advancedToggle = new QToolButton;
    m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    m_advancedToggle->setText(tr("Timeouts, retries, rate limit and failover"));
    m_advancedToggle->setAccessibleName(m_advancedToggle->text());
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setAutoRaise(true);
    m_advancedToggle->setCheckable(true);
    layout->addWidget(m_advancedToggle);
    auto [advanced, advancedForm] = newForm(tr("Calls and failover"), QStringLiteral("groupAdvanced"));
    for (const services::FieldSpec &spec : common) {
        if (spec.key != u"description") {
            addField(advancedForm, spec, QStringLiteral("advanced"), initialValue(spec, true));
        }
    }
    m_advanced = advanced;
    m_advanced->hide();
    connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool shown) {
        m_advanced->setVisible(shown);
        m_advancedToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    });
    layout->addWidget(advanced);
    layout->addStretch(1);

    m_formScroll->setWidget(form); // deletes the previous form

    // Tab order follows the form top to bottom, then the buttons.
    QList<QWidget *> chain;
    for (const FieldRow &field : m_rows) {
        if (field.section == u"advanced" && !chain.contains(m_advancedToggle)) {
            chain << m_advancedToggle;
        }
        if (field.line) {
            chain << field.line;
        } else if (field.combo) {
            chain << field.combo;
        } else if (field.check) {
            chain << field.check;
        }
        if (field.reveal) {
            chain << field.reveal << field.revealed;
        }
    }
    chain << m_back << m_save << m_cancel;
    for (int i = 1; i < chain.size(); ++i) {
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
    }

    if (!m_rows.empty() && m_rows.front().line && !m_rows.front().line->isReadOnly()) {
        m_rows.front().line->setFocus();
    }
}

void ServiceEditorDialog::addField(QFormLayout *form, const services::FieldSpec &spec, const QString &section,
                                   const QString &initial)
{
    FieldRow field;
    field.spec = spec;
    field.section = section;
    const QString key = spec.key;

    auto *cell = new QWidget;
    auto *cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->setSpacing(2);

    QWidget *editor = nullptr;
    switch (spec.kind) {
    case services::FieldKind::Boolean: {
        field.check = new QCheckBox(spec.label);
        const QString value = initial.isEmpty() ? spec.defaultValue : initial;
        field.check->setChecked(value == u"true" || value == u"1" || value == u"yes" || value == u"on");
        connect(field.check, &QCheckBox::toggled, this, [this, key] { fieldEdited(key); });
        editor = field.check;
        break;
    }
    case services::FieldKind::Choice: {
        field.combo = new QComboBox;
        if (!spec.required) {
            field.combo->addItem(
                spec.defaultValue.isEmpty() ? tr("(not set)") : tr("(default: %1)").arg(spec.defaultValue), QString());
        }
        for (const QString &choice : spec.choices) {
            field.combo->addItem(choice, choice);
        }
        field.combo->setCurrentIndex(std::max(0, field.combo->findData(initial)));
        connect(field.combo, &QComboBox::currentIndexChanged, this, [this, key] { fieldEdited(key); });
        editor = field.combo;
        break;
    }
    case services::FieldKind::Secret:
        editor = createSecretEditor(field);
        break;
    case services::FieldKind::Integer:
    case services::FieldKind::Text:
    case services::FieldKind::Url:
        field.line = new QLineEdit(initial);
        if (spec.kind == services::FieldKind::Integer) {
            field.line->setPlaceholderText(spec.required ? rangeText(spec) : tr("default; or %1").arg(rangeText(spec)));
            field.line->setInputMethodHints(Qt::ImhDigitsOnly);
        } else if (!spec.defaultValue.isEmpty()) {
            field.line->setPlaceholderText(spec.defaultValue);
        }
        field.line->setClearButtonEnabled(!spec.required);
        connect(field.line, &QLineEdit::textEdited, this, [this, key] { fieldEdited(key); });
        editor = field.line;
        break;
    }
    QWidget *focusable = field.line    ? static_cast<QWidget *>(field.line)
                         : field.combo ? static_cast<QWidget *>(field.combo)
                                       : field.check;
    focusable->setObjectName(u"field_" + key);
    focusable->setAccessibleName(spec.label);
    focusable->setAccessibleDescription(spec.hint);
    focusable->setToolTip(spec.hint);
    focusable->setMinimumWidth(kFieldMinimumWidth);
    cellLayout->addWidget(editor);

    field.reason = smallLabel({}, kReasonColor);
    field.reason->setObjectName(u"reason_" + key);
    field.reason->setAccessibleName(tr("Problem with %1").arg(spec.label));
    field.reason->hide();
    cellLayout->addWidget(field.reason);
    if (!spec.hint.isEmpty()) {
        QLabel *hint = smallLabel(spec.hint, kHintColor);
        hint->setObjectName(u"hint_" + key);
        hint->setAccessibleName(tr("Where to find %1").arg(spec.label));
        cellLayout->addWidget(hint);
    }

    if (field.check) {
        form->addRow(QString(), cell);
    } else {
        auto *label = new QLabel(spec.required ? tr("%1 *:").arg(spec.label) : tr("%1:").arg(spec.label));
        label->setBuddy(focusable);
        label->setToolTip(spec.required ? tr("Required") : QString());
        form->addRow(label, cell);
    }
    m_rows.push_back(std::move(field));
}

QWidget *ServiceEditorDialog::createSecretEditor(FieldRow &field)
{
    const QString key = field.spec.key;
    auto *container = new QWidget;
    auto *layout = new QVBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    std::optional<services::SecretFieldState> state;
    if (m_mode == Mode::Edit && m_context.database()) {
        services::ServiceConfigService services(*m_context.database(), m_context.secrets(), m_context.tenant(),
                                                services::Actor::currentProcess(), m_context.registry());
        for (const services::SecretFieldState &candidate : services.secretStates(*m_source)) {
            if (candidate.field == key) {
                state = candidate;
            }
        }
    }
    field.stored = state && state->stored;

    // Never pre-filled, whatever is stored: the value is typed to replace it, or revealed on request.
    field.line = new QLineEdit;
    field.line->setEchoMode(QLineEdit::Password);
    field.line->setPlaceholderText(field.stored ? tr("Stored; type a new value to replace it")
                                                : tr("Not stored; type the value to store it"));
    field.line->setClearButtonEnabled(true);
    connect(field.line, &QLineEdit::textEdited, this, [this, key] { fieldEdited(key); });

    field.reveal = new QToolButton;
    field.reveal->setObjectName(u"reveal_" + key);
    field.reveal->setText(tr("Reveal"));
    field.reveal->setCheckable(true);
    field.reveal->setEnabled(field.stored || (state && state->fromEnvironment));
    field.reveal->setAccessibleName(tr("Reveal the stored %1").arg(field.spec.label));
    field.reveal->setToolTip(tr("Reads the stored value from the keychain and shows it while pressed"));
    connect(field.reveal, &QToolButton::toggled, this, [this, key](bool shown) { revealSecret(key, shown); });

    auto *line = new QHBoxLayout;
    line->setContentsMargins(0, 0, 0, 0);
    line->addWidget(field.line, 1);
    line->addWidget(field.reveal);
    layout->addLayout(line);

    field.revealed = new QLineEdit;
    field.revealed->setObjectName(u"revealed_" + key);
    field.revealed->setReadOnly(true);
    field.revealed->setAccessibleName(tr("Stored %1").arg(field.spec.label));
    field.revealed->hide();
    layout->addWidget(field.revealed);

    QString stateText;
    QColor stateColor = kHintColor;
    if (state && state->fromEnvironment) {
        stateText = tr("Set by the environment variable %1, which takes precedence over the keychain.")
                        .arg(state->environmentVariable);
    } else if (field.stored) {
        stateText = tr("✔ A value is stored in the keychain.");
        stateColor = QColor(0x1b, 0x7f, 0x3b);
    } else {
        stateText = tr("No value is stored.");
    }
    field.secretState = smallLabel(stateText, stateColor);
    field.secretState->setObjectName(u"secretState_" + key);
    field.secretState->setAccessibleName(tr("Whether %1 is stored").arg(field.spec.label));
    layout->addWidget(field.secretState);
    return container;
}

ServiceEditorDialog::FieldRow *ServiceEditorDialog::row(const QString &key)
{
    for (FieldRow &field : m_rows) {
        if (field.spec.key == key) {
            return &field;
        }
    }
    return nullptr;
}

QString ServiceEditorDialog::valueOf(const FieldRow &field) const
{
    if (field.check) {
        return field.check->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    }
    if (field.combo) {
        return field.combo->currentData().toString();
    }
    return field.spec.isSecret() ? field.line->text() : field.line->text().trimmed();
}

std::optional<QString> ServiceEditorDialog::reasonFor(const FieldRow &field) const
{
    const QString value = valueOf(field);
    if (field.spec.isSecret() && value.isEmpty()) {
        if (field.spec.required && !field.stored) {
            return tr("is required");
        }
        return std::nullopt; // keeps what is stored
    }
    if (auto reason = services::validateField(field.spec, value)) {
        return reason;
    }
    if (!field.serverReason.isEmpty()) {
        return field.serverReason;
    }
    return std::nullopt;
}

QStringList ServiceEditorDialog::problems() const
{
    QStringList reasons;
    if (!m_type) {
        reasons << tr("Choose the type of the service.");
        return reasons;
    }
    for (const FieldRow &field : m_rows) {
        if (auto reason = reasonFor(field)) {
            reasons << tr("%1: %2").arg(field.spec.label, *reason);
        }
    }
    return reasons;
}

void ServiceEditorDialog::fieldEdited(const QString &key)
{
    if (FieldRow *field = row(key)) {
        field->touched = true;
        field->serverReason.clear();
    }
    m_saveError->hide();
    revalidate();
}

void ServiceEditorDialog::revalidate()
{
    for (FieldRow &field : m_rows) {
        const std::optional<QString> reason = reasonFor(field);
        // A required field nobody typed into yet is listed below, not flagged in red.
        const bool show = reason && (field.touched || !valueOf(field).isEmpty() || !field.serverReason.isEmpty());
        field.reason->setText(reason ? *reason : QString());
        field.reason->setVisible(show);
        if (show && field.section == u"advanced" && m_advancedToggle && !m_advancedToggle->isChecked()) {
            m_advancedToggle->setChecked(true);
        }
    }
    const QStringList reasons = problems();
    if (reasons.isEmpty()) {
        m_summary->hide();
    } else {
        m_summary->setText(tr("Save is not possible yet:") + u'\n' + u"• " + reasons.join(u"\n• "));
        m_summary->show();
    }
    m_save->setEnabled(reasons.isEmpty() && !m_saving);
}

void ServiceEditorDialog::revealSecret(const QString &key, bool shown)
{
    FieldRow *field = row(key);
    if (!field || !m_source || !m_context.database()) {
        return;
    }
    field->revealed->clear();
    field->revealed->setVisible(shown);
    field->reveal->setText(shown ? tr("Hide") : tr("Reveal"));
    if (!shown) {
        return;
    }
    field->revealed->setPlaceholderText(tr("Reading the keychain…"));
    services::ServiceConfigService services(*m_context.database(), m_context.secrets(), m_context.tenant(),
                                            services::Actor::currentProcess(), m_context.registry());
    secrets::SecretLocator locator = services.secretLocator(*m_source, key);
    QCoro::connect(m_context.secrets().read(std::move(locator)), this,
                   [this, key](const Result<std::optional<QString>> &value) {
                       FieldRow *current = row(key);
                       if (!current || !current->reveal->isChecked()) {
                           return; // hidden again meanwhile: the value is not shown
                       }
                       if (!value) {
                           current->revealed->setPlaceholderText(
                               tr("Cannot read it: %1 %2").arg(value.error().message, value.error().hint));
                       } else if (!value.value()) {
                           current->revealed->setPlaceholderText(tr("Nothing is stored for it."));
                       } else {
                           current->revealed->setText(*value.value());
                           current->revealed->setCursorPosition(0);
                       }
                   });
}

void ServiceEditorDialog::save()
{
    if (m_saving || !m_type) {
        return;
    }
    if (!problems().isEmpty()) {
        // Refused: every reason shows, next to its field and in the list.
        for (FieldRow &field : m_rows) {
            field.touched = true;
        }
        revalidate();
        return;
    }
    db::Database *database = m_context.database();
    if (!database) {
        m_saveError->setText(tr("Not connected to a database."));
        m_saveError->show();
        return;
    }

    SaveRequest request;
    request.mode = m_mode;
    request.type = m_type->id;
    request.name = serviceName();
    for (const FieldRow &field : m_rows) {
        const QString &key = field.spec.key;
        if (key == u"name") {
            continue;
        }
        const QString value = valueOf(field);
        if (field.spec.isSecret()) {
            if (!value.isEmpty()) {
                request.secrets.append({key, value});
            }
        } else if (m_mode == Mode::Edit) {
            request.values.insert(key, value);
            request.previousValues.insert(key, services::ServiceConfigService::fieldValue(*m_source, key));
        } else if (!value.isEmpty()) {
            request.values.insert(key, value);
        }
    }
    auto service = std::make_shared<services::ServiceConfigService>(
        *database, m_context.secrets(), m_context.tenant(), services::Actor::currentProcess(), m_context.registry());
    setSaving(true);
    QCoro::connect(saveService(std::move(service), std::move(request)), this,
                   [this](const SaveOutcome &outcome) { saveFinished(outcome.error, outcome.storedSecrets); });
}

void ServiceEditorDialog::saveFinished(std::optional<Error> error, const QStringList &storedSecrets)
{
    setSaving(false);
    if (!error) {
        const QString name = serviceName();
        Q_EMIT saved(name);
        accept();
        return;
    }
    // A value core refused blocks Save until it is changed; a keychain or database failure does not: try again.
    const bool aboutTheValue = error->code == ErrorCode::InvalidInput || error->code == ErrorCode::AlreadyExists;
    if (FieldRow *field = row(error->field); field && aboutTheValue) {
        field->serverReason = error->message;
        field->touched = true;
    }
    QString text = tr("Not saved: %1").arg(error->message);
    if (!error->hint.isEmpty()) {
        text += u'\n' + error->hint;
    }
    if (!storedSecrets.isEmpty()) {
        QStringList labels;
        for (const QString &key : storedSecrets) {
            labels << (row(key) ? row(key)->spec.label : key);
        }
        text += u'\n' + tr("The settings were put back as they were; these secrets were already replaced in the "
                           "keychain: %1.")
                            .arg(labels.join(QStringLiteral(", ")));
    }
    m_saveError->setText(text);
    m_saveError->show();
    revalidate();
}

void ServiceEditorDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_stack->setEnabled(!saving);
    m_back->setEnabled(!saving);
    m_cancel->setEnabled(!saving);
    if (saving) {
        m_saveError->hide();
        m_summary->setText(tr("Saving…"));
        m_summary->show();
    }
    m_save->setEnabled(!saving && problems().isEmpty());
}

void ServiceEditorDialog::reject()
{
    // The save finishes what it started (settings, then the keychain); closing now would hide its outcome.
    if (m_saving) {
        return;
    }
    QDialog::reject();
}

} // namespace ic::ui
