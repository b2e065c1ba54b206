#pragma once

#include <QDialog>
#include <QIcon>
#include <QString>
#include <QWidget>

#include <algorithm>

namespace ic::ui {

class AppContext;

/// One page of the main window. The window calls activate() whenever the page is shown and when the database
/// connection changes, so the page reads fresh data (short, paged queries); a page never blocks the GUI thread on
/// the network or a long query.
class Page : public QWidget {
    Q_OBJECT

public:
    explicit Page(AppContext &context, QWidget *parent = nullptr)
        : QWidget(parent)
        , m_context(context)
    {}

    /// Stable id: "overview", "services", "sync", "logs", "data", "settings" (settings keys, tests).
    virtual QString pageId() const = 0;
    /// Translated title for the navigation.
    virtual QString title() const = 0;
    virtual QIcon icon() const = 0;
    /// Shown (again): refresh what is on screen.
    virtual void activate() {}
    /// True while the page holds work that rebuilding it would lose: here, a dialog of the page is open (an editor,
    /// a plan or a question waiting for an answer); pages add their own (a sync running, a database action, an
    /// export). The window rebuilds its pages for a language switch only when none is busy, and looks again when a
    /// page emits busyChanged() and every second while it waits.
    virtual bool isBusy() const
    {
        const QList<QDialog *> dialogs = findChildren<QDialog *>();
        return std::any_of(dialogs.cbegin(), dialogs.cend(), [](const QDialog *dialog) { return dialog->isVisible(); });
    }

Q_SIGNALS:
    /// Asks the window to show another page (e.g. a run's calls in the logs).
    void showPageRequested(const QString &pageId);
    void busyChanged();

protected:
    AppContext &context() const { return m_context; }

private:
    AppContext &m_context;
};

} // namespace ic::ui
