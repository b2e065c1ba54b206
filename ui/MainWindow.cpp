#include "MainWindow.h"

#include <QCloseEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace ic::ui {

namespace {

// QSettings keys. Kept stable: renaming one forgets every user's saved layout.
constexpr auto kGeometryKey = "MainWindow/geometry";
constexpr auto kSplitterKey = "MainWindow/splitter";

constexpr int kDefaultWidth = 1100;
constexpr int kDefaultHeight = 700;
constexpr int kNavigationWidth = 200;
constexpr int kWelcomeIconSize = 96;
constexpr int kWelcomeTextWidth = 560;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Integration Console"));
    setWindowIcon(QIcon(applicationIconPath()));

    m_navigation = new QListWidget;
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setAccessibleDescription(tr("Choose the console page to show"));
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setUniformItemSizes(true);

    m_pages = new QStackedWidget;
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setAccessibleName(tr("Page"));
    m_pages->addWidget(createWelcomePage());

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_navigation);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({kNavigationWidth, kDefaultWidth - kNavigationWidth});
    setCentralWidget(m_splitter);

    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->showMessage(tr("Ready"));

    resize(kDefaultWidth, kDefaultHeight);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

QString MainWindow::applicationIconPath()
{
    return QStringLiteral(":/icons/app/io.github.integrationconsole.IntegrationConsole.svg");
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

QWidget *MainWindow::createWelcomePage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("welcomePage"));

    auto *icon = new QLabel;
    icon->setObjectName(QStringLiteral("welcomeIcon"));
    icon->setPixmap(windowIcon().pixmap(kWelcomeIconSize, kWelcomeIconSize));
    icon->setAlignment(Qt::AlignCenter);
    // Decoration: the title next to it says the same thing.
    icon->setAccessibleName(tr("Integration Console logo"));

    auto *title = new QLabel(tr("Welcome to Integration Console"));
    title->setObjectName(QStringLiteral("welcomeTitle"));
    title->setAlignment(Qt::AlignCenter);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto *text = new QLabel(tr("The console's pages are being built. Use the command line "
                               "(integration-console --help) to manage services and the database."));
    text->setObjectName(QStringLiteral("welcomeText"));
    text->setAlignment(Qt::AlignCenter);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // A column of limited width, centred on the page, so the text keeps a readable line length.
    auto *column = new QWidget;
    column->setMaximumWidth(kWelcomeTextWidth);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(16);
    columnLayout->addWidget(icon);
    columnLayout->addWidget(title);
    columnLayout->addWidget(text);

    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addStretch(1);
    layout->addWidget(column, 4, Qt::AlignVCenter);
    layout->addStretch(1);
    return page;
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    restoreGeometry(settings.value(QLatin1StringView(kGeometryKey)).toByteArray());
    m_splitter->restoreState(settings.value(QLatin1StringView(kSplitterKey)).toByteArray());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QLatin1StringView(kGeometryKey), saveGeometry());
    settings.setValue(QLatin1StringView(kSplitterKey), m_splitter->saveState());
}

} // namespace ic::ui
