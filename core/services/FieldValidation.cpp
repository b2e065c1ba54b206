#include "FieldValidation.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QUrl>

namespace ic::services {

namespace {

class FieldValidation {
    Q_DECLARE_TR_FUNCTIONS(ic::services::FieldValidation)
};

std::optional<bool> parseBool(const QString &value)
{
    const QString v = value.trimmed().toLower();
    if (v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes") ||
        v == QLatin1String("on")) {
        return true;
    }
    if (v == QLatin1String("false") || v == QLatin1String("0") || v == QLatin1String("no") ||
        v == QLatin1String("off")) {
        return false;
    }
    return std::nullopt;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

std::optional<QString> validateServiceUrl(const QString &value)
{
    const QUrl url(value.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return FieldValidation::tr("must be a URL such as https://qyapi.weixin.qq.com");
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https")) {
        return std::nullopt;
    }
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host())) {
            return std::nullopt;
        }
        return FieldValidation::tr(
            "must use https:// (plain http:// is accepted only for a local sandbox on 127.0.0.1 or "
            "localhost)");
    }
    return FieldValidation::tr("must start with https://");
}

std::optional<QString> validateField(const FieldSpec &spec, const QString &value)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty()) {
        if (spec.required) {
            return FieldValidation::tr("is required");
        }
        return std::nullopt;
    }
    switch (spec.kind) {
    case FieldKind::Text:
    case FieldKind::Secret:
        if (value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'))) {
            return FieldValidation::tr("must be a single line");
        }
        break;
    case FieldKind::Integer: {
        bool ok = false;
        const qint64 number = trimmed.toLongLong(&ok);
        if (!ok) {
            return FieldValidation::tr("must be a whole number");
        }
        if (number < spec.minimum || (spec.maximum != 0 && number > spec.maximum)) {
            if (spec.maximum != 0) {
                return FieldValidation::tr("must be between %1 and %2").arg(spec.minimum).arg(spec.maximum);
            }
            return FieldValidation::tr("must be at least %1").arg(spec.minimum);
        }
        break;
    }
    case FieldKind::Url:
        if (auto reason = validateServiceUrl(trimmed)) {
            return reason;
        }
        break;
    case FieldKind::Boolean:
        if (!parseBool(trimmed)) {
            return FieldValidation::tr("must be true or false");
        }
        break;
    case FieldKind::Choice:
        if (!spec.choices.contains(trimmed)) {
            return FieldValidation::tr("must be one of: %1").arg(spec.choices.join(QStringLiteral(", ")));
        }
        break;
    }
    if (spec.validate) {
        return spec.validate(spec.kind == FieldKind::Secret ? value : trimmed);
    }
    return std::nullopt;
}

QString normaliseField(const FieldSpec &spec, const QString &value)
{
    switch (spec.kind) {
    case FieldKind::Secret:
        return value;
    case FieldKind::Integer:
        return value.trimmed().isEmpty() ? QString() : QString::number(value.trimmed().toLongLong());
    case FieldKind::Boolean: {
        const auto parsed = parseBool(value);
        return parsed ? (*parsed ? QStringLiteral("true") : QStringLiteral("false")) : QString();
    }
    case FieldKind::Url: {
        QString url = value.trimmed();
        while (url.endsWith(QLatin1Char('/'))) {
            url.chop(1);
        }
        return url;
    }
    case FieldKind::Text:
    case FieldKind::Choice:
        return value.trimmed();
    }
    return value.trimmed();
}

} // namespace ic::services
