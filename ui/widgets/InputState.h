#pragma once

#include <QHash>
#include <QString>
#include <QVariant>

class QWidget;

namespace ic::ui {

/// What the user entered in a widget tree, by object name: line edits' text, combo boxes' choice, check boxes,
/// spin boxes, date-time edits, tab widgets' current tab and splitters' sizes. Widgets without a name, or whose
/// name occurs twice under the root, are left out (they could not be told apart).
///
/// The window carries it across a rebuild of its pages (a language switch), so a filter or a half-typed profile is
/// not lost. It lives in memory only: a password field's text is carried like any other and never written anywhere.
using InputState = QHash<QString, QVariant>;

InputState captureInputs(const QWidget &root);

/// Puts `state` back into the widgets of `root` with the same names, as if the user had entered it: the widgets'
/// change signals fire, so filters apply. A combo box gets the item with the same data (or text) back only if it
/// has one; nothing else is invented.
void restoreInputs(QWidget &root, const InputState &state);

} // namespace ic::ui
