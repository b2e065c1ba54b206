#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace ic {

namespace {

// The names of the catalogues installTranslations() installs, so that the next call finds and replaces them.
constexpr auto kQtCatalogue = "ic-translations-qt";
constexpr auto kProductCatalogue = "ic-translations-product";

} // namespace

bool installTranslations(QCoreApplication &app, const QLocale &locale)
{
    const QList<QTranslator *> installed = app.findChildren<QTranslator *>(Qt::FindDirectChildrenOnly);
    for (QTranslator *previous : installed) {
        if (previous->objectName() == QLatin1StringView(kQtCatalogue) ||
            previous->objectName() == QLatin1StringView(kProductCatalogue)) {
            QCoreApplication::removeTranslator(previous);
            delete previous;
        }
    }
    auto *qtTranslator = new QTranslator(&app);
    qtTranslator->setObjectName(QLatin1StringView(kQtCatalogue));
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qtTranslator);
    } else {
        delete qtTranslator;
    }
    auto *translator = new QTranslator(&app);
    translator->setObjectName(QLatin1StringView(kProductCatalogue));
    if (translator->load(locale, QStringLiteral("integration-console"), QStringLiteral("_"),
                         QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}

} // namespace ic
