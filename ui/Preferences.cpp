#include "Preferences.h"

#include "common/Translations.h"

#include <QCoreApplication>
#include <QSettings>

namespace ic::ui::preferences {

namespace {

constexpr auto kDatabaseUrlKey = "Database/url";
constexpr auto kLanguageKey = "General/language";

} // namespace

QString rememberedDatabaseUrl()
{
    return QSettings().value(QLatin1StringView(kDatabaseUrlKey)).toString();
}

void rememberDatabaseUrl(const QString &url)
{
    QSettings settings;
    settings.setValue(QLatin1StringView(kDatabaseUrlKey), url);
}

QString databaseUrlForStart(const QString &commandLineUrl)
{
    if (!commandLineUrl.isEmpty()) {
        return commandLineUrl;
    }
    if (!qEnvironmentVariableIsEmpty("IC_DB_URL")) {
        return {};
    }
    return rememberedDatabaseUrl();
}

QString language()
{
    return QSettings().value(QLatin1StringView(kLanguageKey)).toString();
}

void setLanguage(const QString &language)
{
    QSettings settings;
    settings.setValue(QLatin1StringView(kLanguageKey), language);
}

QLocale languageLocale(const QString &language)
{
    if (language.isEmpty()) {
        return QLocale::system();
    }
    return QLocale(language);
}

void applyLanguage(const QString &language)
{
    const QLocale locale = languageLocale(language);
    QLocale::setDefault(locale);
    if (QCoreApplication *app = QCoreApplication::instance()) {
        installTranslations(*app, locale);
    }
}

} // namespace ic::ui::preferences
