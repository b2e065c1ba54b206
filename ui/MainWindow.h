#pragma once

#include "widgets/InputState.h"

#include <QHash>
#include <QMainWindow>

class QCloseEvent;
class QLabel;
class QListWidget;
class QSplitter;
class QStackedWidget;
class QTimer;

namespace ic::ui {

class AppContext;
class Page;

/// The console's main window: a navigation list (icon and text) on the left, the current page on the right, and a
/// status bar with the database, the tenant, the keychain state and the syncs running.
///
/// Pages come from createPages(). Ctrl+1 ... Ctrl+6 switch pages. When the database cannot be opened (unreachable,
/// newer than the program, wrong password), the page area shows what happened and what to do, with Retry and
/// Settings, instead of an empty or broken page. Geometry, the splitter and the last page are kept in the default
/// QSettings (main() sets the organisation and application names): restored by the constructor, saved on close.
///
/// A language switch (QEvent::LanguageChange, sent when Settings installs another catalogue) rebuilds the pages, the
/// navigation and the status bar in the new language: the current page stays, and what was entered on each page
/// (filters, search text, an unsaved database profile) is put back when the page is next shown. While a page is
/// busy (a sync running, a database action, a plan waiting for an answer) the rebuild waits until it is done, and the
/// status bar says so: rebuilding then would lose the work.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Resource path of the application icon, also installed as the desktop icon on Linux.
    static QString applicationIconPath();

    /// Shows the page with `pageId` ("overview", "services", "sync", "logs", "data", "settings"); false if none.
    bool showPage(const QString &pageId);
    /// The page with `pageId`, or nullptr.
    Page *page(const QString &pageId) const;

    /// A language switch waits for a busy page (or is about to happen).
    bool isRetranslationPending() const;

Q_SIGNALS:
    /// The pages were rebuilt in the current language; page() pointers taken before are gone.
    void retranslated();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildPages();
    void retranslate();
    /// The navigation row of `pageId`, or -1.
    int rowOf(const QString &pageId) const;
    QWidget *createConnectionErrorPage();
    void updateConnection();
    void updateStatusBar();
    void pageChanged(int row);
    void restoreSettings();
    void saveSettings() const;

    AppContext &m_context;
    QSplitter *m_splitter = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QList<Page *> m_pageList;
    QWidget *m_errorPage = nullptr;
    QLabel *m_errorText = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QLabel *m_tenantLabel = nullptr;
    QLabel *m_keychainLabel = nullptr;
    QLabel *m_syncsLabel = nullptr;
    QTimer *m_retranslateDelay = nullptr;
    bool m_retranslatePending = false;
    QHash<QString, InputState> m_carriedInputs;
};

} // namespace ic::ui
