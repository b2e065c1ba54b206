#pragma once

#include <QMainWindow>

class QCloseEvent;
class QListWidget;
class QSplitter;
class QStackedWidget;

namespace ic::ui {

/// The console's main window: a navigation list on the left and the current page on the right.
///
/// The navigation stays empty until real pages exist; until then the page area explains that the command
/// line already works. Geometry and the splitter position are kept in the default QSettings (main() sets the
/// organisation and application names): restored by the constructor, saved when the window is closed.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Resource path of the application icon, also installed as the desktop icon on Linux.
    static QString applicationIconPath();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *createWelcomePage();
    void restoreSettings();
    void saveSettings() const;

    QSplitter *m_splitter = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
};

} // namespace ic::ui
