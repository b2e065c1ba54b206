#pragma once

namespace ic {

/// Sets the organisation and application names that QStandardPaths and QSettings derive their locations from
/// (the embedded database lives in AppDataLocation). Call before creating the application object; the window,
/// the command line and tests use the same identity.
void setApplicationIdentity();

} // namespace ic
