#pragma once

#include <QIcon>
#include <QString>
#include <QWidget>

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
    /// True while the page holds work that rebuilding it would lose (a sync running, a database action under way,
    /// a plan waiting for an answer). The window rebuilds its pages for a language switch only when none is busy;
    /// a page emits busyChanged() when that may have changed.
    virtual bool isBusy() const { return false; }

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
