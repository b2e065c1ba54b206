#pragma once

#include "services/ConnectionTest.h"
#include "sync/SyncContext.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace ic::services {

enum class FieldKind {
    Text,    ///< Free text, single line.
    Integer, ///< Decimal integer, optionally bounded.
    Url,     ///< http(s) URL.
    Boolean, ///< true/false (also accepts 1/0, yes/no, on/off).
    Choice,  ///< One of `choices`.
    Secret,  ///< Stored in the secret store; the database keeps a reference only.
};

/// One field of a service type's configuration schema. Labels and hints are translated when the type is
/// registered; hints say where the value is found in the provider's admin console.
struct FieldSpec {
    QString key;
    QString label;
    QString hint;
    FieldKind kind = FieldKind::Text;
    bool required = false;
    QString defaultValue;
    QStringList choices;
    qint64 minimum = 0; ///< Integer fields.
    qint64 maximum = 0; ///< Integer fields; 0 = unbounded.
    /// Extra validation after the kind's own; returns a translated reason when the value is not acceptable.
    std::function<std::optional<QString>(const QString &value)> validate;

    bool isSecret() const { return kind == FieldKind::Secret; }
};

/// A kind of third-party service (WeCom, an SMS provider, ...): its category and its configuration schema.
struct ServiceType {
    QString id;       ///< "wecom"
    QString category; ///< im, sms, email, payment, pos, supplier, member, delivery, erp
    QString displayName;
    QString description;
    QList<FieldSpec> fields;
    int defaultTimeoutMs = 30000;
    /// The connector's step-by-step connection test; empty when the type has none yet.
    ConnectionTester testConnection;
    /// The connector's sync (types, steps, and the code that runs them); invalid when the type has none.
    sync::SyncProvider sync;

    const FieldSpec *field(const QString &key) const;
    QStringList fieldKeys() const;
};

/// The service types the program knows. Connectors register their types in
/// `ic::connectors::<folder>::registerServiceTypes()`; registerBuiltinServiceTypes() calls them all.
class ServiceTypeRegistry {
public:
    /// Adds or replaces a type.
    void add(ServiceType type);
    const ServiceType *find(const QString &id) const;
    const QList<ServiceType> &all() const { return m_types; }
    QStringList ids() const;

    /// The registry with every built-in connector's types. Built on first use, after translations are
    /// installed (labels are translated then).
    static const ServiceTypeRegistry &builtin();

private:
    QList<ServiceType> m_types;
};

/// Generated from the folders under core/connectors.
void registerBuiltinServiceTypes(ServiceTypeRegistry &registry);

/// The category ids, in display order, and their translated names.
QStringList categoryIds();
QString categoryDisplayName(const QString &category);

} // namespace ic::services
