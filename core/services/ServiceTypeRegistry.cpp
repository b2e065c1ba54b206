#include "ServiceTypeRegistry.h"

#include <QCoreApplication>

namespace ic::services {

const FieldSpec *ServiceType::field(const QString &key) const
{
    for (const auto &spec : fields) {
        if (spec.key == key) {
            return &spec;
        }
    }
    return nullptr;
}

QStringList ServiceType::fieldKeys() const
{
    QStringList keys;
    keys.reserve(fields.size());
    for (const auto &spec : fields) {
        keys.append(spec.key);
    }
    return keys;
}

void ServiceTypeRegistry::add(ServiceType type)
{
    for (auto &existing : m_types) {
        if (existing.id == type.id) {
            existing = std::move(type);
            return;
        }
    }
    m_types.append(std::move(type));
}

const ServiceType *ServiceTypeRegistry::find(const QString &id) const
{
    for (const auto &type : m_types) {
        if (type.id == id) {
            return &type;
        }
    }
    return nullptr;
}

QStringList ServiceTypeRegistry::ids() const
{
    QStringList result;
    for (const auto &type : m_types) {
        result.append(type.id);
    }
    return result;
}

const ServiceTypeRegistry &ServiceTypeRegistry::builtin()
{
    static const ServiceTypeRegistry registry = [] {
        ServiceTypeRegistry r;
        registerBuiltinServiceTypes(r);
        return r;
    }();
    return registry;
}

QStringList categoryIds()
{
    return {QStringLiteral("im"),      QStringLiteral("sms"),      QStringLiteral("email"),
            QStringLiteral("payment"), QStringLiteral("pos"),      QStringLiteral("supplier"),
            QStringLiteral("member"),  QStringLiteral("delivery"), QStringLiteral("erp")};
}

QString categoryDisplayName(const QString &category)
{
    struct Name {
        const char *id;
        const char *text;
    };
    static constexpr Name names[] = {
        {"im", QT_TRANSLATE_NOOP("ic::services::Category", "Instant messaging and contacts")},
        {"sms", QT_TRANSLATE_NOOP("ic::services::Category", "SMS")},
        {"email", QT_TRANSLATE_NOOP("ic::services::Category", "E-mail")},
        {"payment", QT_TRANSLATE_NOOP("ic::services::Category", "Payment")},
        {"pos", QT_TRANSLATE_NOOP("ic::services::Category", "Point of sale")},
        {"supplier", QT_TRANSLATE_NOOP("ic::services::Category", "Supplier")},
        {"member", QT_TRANSLATE_NOOP("ic::services::Category", "Member and loyalty")},
        {"delivery", QT_TRANSLATE_NOOP("ic::services::Category", "Delivery")},
        {"erp", QT_TRANSLATE_NOOP("ic::services::Category", "ERP")},
    };
    for (const auto &name : names) {
        if (category == QLatin1String(name.id)) {
            return QCoreApplication::translate("ic::services::Category", name.text);
        }
    }
    return category;
}

} // namespace ic::services
