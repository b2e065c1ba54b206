#include "SecretStore.h"

namespace ic::secrets {

namespace {

/// Appends `text` with every code point other than A-Z and 0-9 (after upper-casing ASCII letters) replaced by
/// '_'. Works on code points, not UTF-16 units, so one character outside the BMP becomes one '_'.
void appendEnvironmentPart(QString &out, const QString &text)
{
    const QList<uint> codePoints = text.toUcs4();
    for (const uint cp : codePoints) {
        if (cp >= 'a' && cp <= 'z') {
            out.append(QChar(char16_t(cp - 'a' + 'A')));
        } else if ((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
            out.append(QChar(char16_t(cp)));
        } else {
            out.append(QLatin1Char('_'));
        }
    }
}

} // namespace

QString environmentVariableName(const QString &service, const QString &field)
{
    QString name = QStringLiteral("IC_SECRET_");
    name.reserve(name.size() + service.size() + 1 + field.size());
    appendEnvironmentPart(name, service);
    name.append(QLatin1Char('_'));
    appendEnvironmentPart(name, field);
    return name;
}

} // namespace ic::secrets
