#include "widgets/InputState.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QSet>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>

namespace ic::ui {

namespace {

/// The named widgets under `root` whose name is unique there.
QHash<QString, QWidget *> namedWidgets(const QWidget &root)
{
    QHash<QString, QWidget *> named;
    QSet<QString> repeated;
    const QList<QWidget *> children = root.findChildren<QWidget *>();
    for (QWidget *widget : children) {
        const QString name = widget->objectName();
        // Qt names some of its internal children (e.g. "qt_spinbox_lineedit"): never ours to carry.
        if (name.isEmpty() || name.startsWith(QLatin1StringView("qt_"))) {
            continue;
        }
        if (named.contains(name)) {
            repeated.insert(name);
        }
        named.insert(name, widget);
    }
    for (const QString &name : std::as_const(repeated)) {
        named.remove(name);
    }
    return named;
}

QVariant valueOf(QWidget *widget)
{
    // QDateTimeEdit before its base class QAbstractSpinBox; an editable combo's line edit is a child: skipped by name.
    if (auto *edit = qobject_cast<QLineEdit *>(widget)) {
        return edit->text();
    }
    if (auto *combo = qobject_cast<QComboBox *>(widget)) {
        if (combo->isEditable()) {
            return combo->currentText();
        }
        return QVariantList{combo->currentData(), combo->currentText()};
    }
    if (auto *button = qobject_cast<QAbstractButton *>(widget); button && button->isCheckable()) {
        return button->isChecked();
    }
    if (auto *dateTime = qobject_cast<QDateTimeEdit *>(widget)) {
        return dateTime->dateTime();
    }
    if (auto *spin = qobject_cast<QSpinBox *>(widget)) {
        return spin->value();
    }
    if (auto *tabs = qobject_cast<QTabWidget *>(widget)) {
        return tabs->currentIndex();
    }
    if (auto *splitter = qobject_cast<QSplitter *>(widget)) {
        return splitter->saveState();
    }
    return {};
}

void restoreValue(QWidget *widget, const QVariant &value)
{
    if (auto *edit = qobject_cast<QLineEdit *>(widget)) {
        if (edit->text() != value.toString()) {
            edit->setText(value.toString());
        }
    } else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
        if (combo->isEditable()) {
            combo->setCurrentText(value.toString());
            return;
        }
        const QVariantList choice = value.toList();
        if (choice.size() != 2) {
            return;
        }
        int index = choice.at(0).isValid() ? combo->findData(choice.at(0)) : -1;
        if (index < 0 && !choice.at(0).isValid()) {
            index = combo->findText(choice.at(1).toString());
        }
        if (index >= 0) {
            combo->setCurrentIndex(index);
        }
    } else if (auto *button = qobject_cast<QAbstractButton *>(widget); button && button->isCheckable()) {
        button->setChecked(value.toBool());
    } else if (auto *dateTime = qobject_cast<QDateTimeEdit *>(widget)) {
        dateTime->setDateTime(value.toDateTime());
    } else if (auto *spin = qobject_cast<QSpinBox *>(widget)) {
        spin->setValue(value.toInt());
    } else if (auto *tabs = qobject_cast<QTabWidget *>(widget)) {
        const int index = value.toInt();
        if (index >= 0 && index < tabs->count()) {
            tabs->setCurrentIndex(index);
        }
    } else if (auto *splitter = qobject_cast<QSplitter *>(widget)) {
        splitter->restoreState(value.toByteArray());
    }
}

} // namespace

InputState captureInputs(const QWidget &root)
{
    InputState state;
    const QHash<QString, QWidget *> named = namedWidgets(root);
    for (auto it = named.cbegin(); it != named.cend(); ++it) {
        QVariant value = valueOf(it.value());
        if (value.isValid()) {
            state.insert(it.key(), std::move(value));
        }
    }
    return state;
}

void restoreInputs(QWidget &root, const InputState &state)
{
    const QHash<QString, QWidget *> named = namedWidgets(root);
    // In the order the widgets were made, as a user filling the page from the top would.
    const QList<QWidget *> children = root.findChildren<QWidget *>();
    for (QWidget *widget : children) {
        const QString name = widget->objectName();
        if (named.value(name) != widget) {
            continue;
        }
        const auto found = state.constFind(name);
        if (found != state.cend()) {
            restoreValue(widget, found.value());
        }
    }
}

} // namespace ic::ui
