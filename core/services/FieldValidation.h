#pragma once

#include "services/ServiceTypeRegistry.h"

#include <QString>

#include <optional>

namespace ic::services {

/// Checks `value` against `spec` (kind, bounds, choices, then the spec's own validator). Returns a translated
/// reason when it is not acceptable. The reason never quotes the value of a secret field.
std::optional<QString> validateField(const FieldSpec &spec, const QString &value);

/// Normalises a value of `spec`'s kind for storage (booleans as "true"/"false", integers without leading
/// zeros, trimmed text). Call after validateField() succeeded.
QString normaliseField(const FieldSpec &spec, const QString &value);

/// True for http(s) URLs; plain http only for loopback hosts (127.0.0.0/8, ::1, localhost), so TLS is always
/// on towards real providers while a local sandbox can still be used.
std::optional<QString> validateServiceUrl(const QString &value);

} // namespace ic::services
