#include "MainWindow.h"

#include "AppContext.h"
#include "pages/Page.h"
#include "pages/Pages.h"
#include "widgets/InputState.h"

#include <QCloseEvent>
#include <QCoro/QCoroTask>
#include <QFont>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace ic::ui {

namespace {

// QSettings keys. Kept stable: renaming one forgets every user's saved layout.
constexpr auto kGeometryKey = "MainWindow/geometry";
constexpr auto kSplitterKey = "MainWindow/splitter";
constexpr auto kPageKey = "MainWindow/page";

constexpr int kDefaultWidth = 1200;
constexpr int kDefaultHeight = 760;
constexpr int kNavigationWidth = 190;
constexpr int kErrorTextWidth = 620;
constexpr int kRetranslateDelayMs = 50;
constexpr int kRetranslateRetryMs = 1000;

} // namespace

MainWindow::MainWindow(AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(applicationIconPath()));

    m_navigation = new QListWidget;
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setUniformItemSizes(true);
    m_navigation->setIconSize(QSize(20, 20));

    m_pages = new QStackedWidget;
    m_pages->setObjectName(QStringLiteral("pages"));

    buildPages();
    // The shortcuts go by page id, so they outlive a rebuild of the pages.
    for (int row = 0; row < m_pageList.size() && row < 9; ++row) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + row)), this);
        const QString id = m_pageList.at(row)->pageId();
        connect(shortcut, &QShortcut::activated, this, [this, id] { showPage(id); });
    }
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::pageChanged);

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
    m_databaseLabel = new QLabel;
    m_databaseLabel->setObjectName(QStringLiteral("statusDatabase"));
    m_tenantLabel = new QLabel;
    m_tenantLabel->setObjectName(QStringLiteral("statusTenant"));
    m_keychainLabel = new QLabel;
    m_keychainLabel->setObjectName(QStringLiteral("statusKeychain"));
    m_syncsLabel = new QLabel;
    m_syncsLabel->setObjectName(QStringLiteral("statusSyncs"));
    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_tenantLabel);
    statusBar()->addPermanentWidget(m_keychainLabel);
    statusBar()->addPermanentWidget(m_syncsLabel);

    connect(&m_context, &AppContext::connectionChanged, this, &MainWindow::updateConnection);
    connect(&m_context, &AppContext::runningSyncsChanged, this, &MainWindow::updateStatusBar);

    // Installing a catalogue sends several LanguageChange events in a row: one rebuild answers them all.
    m_retranslateDelay = new QTimer(this);
    m_retranslateDelay->setSingleShot(true);
    m_retranslateDelay->setInterval(kRetranslateDelayMs);
    connect(m_retranslateDelay, &QTimer::timeout, this, &MainWindow::retranslate);

    resize(kDefaultWidth, kDefaultHeight);
    restoreSettings();
    updateConnection();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildPages()
{
    m_pageList = createPages(m_context, this);
    int number = 1;
    for (Page *page : std::as_const(m_pageList)) {
        auto *item = new QListWidgetItem(page->icon(), page->title());
        item->setData(Qt::UserRole, page->pageId());
        item->setToolTip(number <= 9 ? tr("%1 (Ctrl+%2)").arg(page->title()).arg(number) : page->title());
        m_navigation->addItem(item);
        m_pages->addWidget(page);
        connect(page, &Page::showPageRequested, this, &MainWindow::showPage);
        connect(page, &Page::busyChanged, this, [this] {
            if (m_retranslatePending) {
                m_retranslateDelay->start(kRetranslateDelayMs);
            }
        });
        ++number;
    }
    m_errorPage = createConnectionErrorPage();
    m_pages->addWidget(m_errorPage);

    setWindowTitle(tr("Integration Console"));
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setAccessibleDescription(tr("Choose the console page to show"));
    m_pages->setAccessibleName(tr("Page"));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_retranslateDelay) {
        m_retranslateDelay->start(kRetranslateDelayMs);
    }
    QMainWindow::changeEvent(event);
}

bool MainWindow::isRetranslationPending() const
{
    return m_retranslatePending || m_retranslateDelay->isActive();
}

void MainWindow::retranslate()
{
    for (const Page *page : std::as_const(m_pageList)) {
        if (page->isBusy()) {
            // Rebuilding now would lose the page's work: the window changes its language when the page is done.
            m_retranslatePending = true;
            statusBar()->showMessage(tr("The window changes its language when the running work ends."));
            // busyChanged() usually says when; a look every second covers what does not signal (a dialog closed).
            m_retranslateDelay->start(kRetranslateRetryMs);
            return;
        }
    }
    m_retranslatePending = false;
    statusBar()->clearMessage();

    const QString current =
        m_navigation->currentItem() ? m_navigation->currentItem()->data(Qt::UserRole).toString() : QString();
    // What was entered on each page, put back when the new page is first shown (after it read its lists). A page not
    // shown since the last rebuild still has its inputs waiting.
    for (const Page *page : std::as_const(m_pageList)) {
        if (m_carriedInputs.contains(page->pageId())) {
            continue;
        }
        InputState inputs = captureInputs(*page);
        if (!inputs.isEmpty()) {
            m_carriedInputs.insert(page->pageId(), std::move(inputs));
        }
    }

    const QSignalBlocker blocker(m_navigation);
    m_navigation->clear();
    const QList<Page *> old = std::exchange(m_pageList, {});
    for (Page *page : old) {
        m_pages->removeWidget(page);
        delete page;
    }
    m_pages->removeWidget(m_errorPage);
    delete std::exchange(m_errorPage, nullptr);
    buildPages();
    m_navigation->setCurrentRow(std::max(0, rowOf(current)));
    // From the error page, updateConnection() shows the current row's page, or the error again with its text.
    m_pages->setCurrentWidget(m_errorPage);
    updateConnection();
    Q_EMIT retranslated();
}

QString MainWindow::applicationIconPath()
{
    return QStringLiteral(":/icons/app/io.github.integrationconsole.IntegrationConsole.svg");
}

bool MainWindow::showPage(const QString &pageId)
{
    const int row = rowOf(pageId);
    if (row < 0) {
        return false;
    }
    m_navigation->setCurrentRow(row);
    pageChanged(row);
    return true;
}

int MainWindow::rowOf(const QString &pageId) const
{
    for (int row = 0; row < m_navigation->count(); ++row) {
        if (m_navigation->item(row)->data(Qt::UserRole).toString() == pageId) {
            return row;
        }
    }
    return -1;
}

Page *MainWindow::page(const QString &pageId) const
{
    for (Page *candidate : m_pageList) {
        if (candidate->pageId() == pageId) {
            return candidate;
        }
    }
    return nullptr;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

QWidget *MainWindow::createConnectionErrorPage()
{
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("connectionErrorPage"));

    auto *title = new QLabel(tr("The integration database cannot be used"));
    title->setObjectName(QStringLiteral("connectionErrorTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setWordWrap(true);

    m_errorText = new QLabel;
    m_errorText->setObjectName(QStringLiteral("connectionErrorText"));
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorText->setTextFormat(Qt::PlainText);

    auto *retry = new QPushButton(tr("&Retry"));
    retry->setObjectName(QStringLiteral("connectionRetry"));
    connect(retry, &QPushButton::clicked, this, [this] { QCoro::connect(m_context.connect(), this, [] {}); });
    auto *settings = new QPushButton(tr("Database &settings..."));
    settings->setObjectName(QStringLiteral("connectionSettings"));
    connect(settings, &QPushButton::clicked, this, [this] {
        // The settings page works without a database: it is where another profile is chosen.
        if (const int row = rowOf(QStringLiteral("settings")); row >= 0) {
            m_navigation->setCurrentRow(row);
            m_pages->setCurrentWidget(m_pageList.at(row));
            m_pageList.at(row)->activate();
        }
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(retry);
    buttons->addWidget(settings);
    buttons->addStretch(1);

    auto *column = new QWidget;
    column->setMaximumWidth(kErrorTextWidth);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setSpacing(16);
    columnLayout->addWidget(title);
    columnLayout->addWidget(m_errorText);
    columnLayout->addLayout(buttons);

    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addStretch(1);
    layout->addWidget(column, 4, Qt::AlignVCenter);
    layout->addStretch(1);
    return page;
}

void MainWindow::updateConnection()
{
    if (const std::optional<Error> &error = m_context.connectionError()) {
        QString text = error->message;
        if (!error->hint.isEmpty()) {
            text += QStringLiteral("\n\n") + error->hint;
        }
        if (!error->detail.isEmpty()) {
            text += QStringLiteral("\n\n") + tr("Detail: %1").arg(error->detail);
        }
        m_errorText->setText(text);
        m_pages->setCurrentWidget(m_errorPage);
    } else if (m_pages->currentWidget() == m_errorPage || m_pages->currentIndex() < 0) {
        pageChanged(std::max(0, m_navigation->currentRow()));
    } else if (auto *current = qobject_cast<Page *>(m_pages->currentWidget())) {
        current->activate();
    }
    updateStatusBar();
}

void MainWindow::updateStatusBar()
{
    if (m_context.isConnected()) {
        m_databaseLabel->setText(tr("Database: %1").arg(m_context.databaseUrl().toString()));
    } else if (m_context.connectionError()) {
        m_databaseLabel->setText(tr("Database: not connected"));
    } else {
        m_databaseLabel->setText(tr("Database: connecting..."));
    }
    m_tenantLabel->setText(tr("Tenant: %1").arg(m_context.tenant()));
    if (m_context.keychainAvailable()) {
        m_keychainLabel->setText(tr("Keychain: available"));
        m_keychainLabel->setToolTip(QString());
    } else {
        m_keychainLabel->setText(tr("Keychain: unavailable"));
        const std::optional<Error> &error = m_context.keychainError();
        m_keychainLabel->setToolTip(error ? error->message + u'\n' + error->hint : QString());
    }
    const int running = m_context.runningSyncs();
    m_syncsLabel->setText(running == 0 ? tr("No sync running") : tr("%n sync(s) running", nullptr, running));
}

void MainWindow::pageChanged(int row)
{
    if (row < 0 || row >= m_pageList.size()) {
        return;
    }
    Page *page = m_pageList.at(row);
    // Without a database only the settings page can do anything; the others show the connection problem.
    if (!m_context.isConnected() && page->pageId() != u"settings" && m_context.connectionError()) {
        m_pages->setCurrentWidget(m_errorPage);
        return;
    }
    m_pages->setCurrentWidget(page);
    page->activate();
    if (const auto carried = m_carriedInputs.constFind(page->pageId()); carried != m_carriedInputs.cend()) {
        // After activate(): its lists (services, types) are there to choose from again. Then once more, so that what
        // the page shows follows what was put back.
        restoreInputs(*page, carried.value());
        m_carriedInputs.erase(carried);
        page->activate();
    }
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    restoreGeometry(settings.value(QLatin1StringView(kGeometryKey)).toByteArray());
    m_splitter->restoreState(settings.value(QLatin1StringView(kSplitterKey)).toByteArray());
    const int row = rowOf(settings.value(QLatin1StringView(kPageKey)).toString());
    if (m_navigation->count() > 0) {
        m_navigation->setCurrentRow(std::max(0, row));
    }
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QLatin1StringView(kGeometryKey), saveGeometry());
    settings.setValue(QLatin1StringView(kSplitterKey), m_splitter->saveState());
    if (QListWidgetItem *current = m_navigation->currentItem()) {
        settings.setValue(QLatin1StringView(kPageKey), current->data(Qt::UserRole).toString());
    }
}

} // namespace ic::ui
