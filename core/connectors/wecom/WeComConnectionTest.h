#pragma once

#include "services/ConnectionTest.h"

namespace ic::connectors::wecom {

/// The WeCom connection test, step by step (each with status, duration, the exact error and its hint):
///  1. `reach`: the API server answers over HTTPS (DNS, connection, TLS, proxy);
///  2. `token.app`, `token.contacts`, `token.customer`: a fresh token from gettoken with each configured secret
///     (an unconfigured secret is skipped; a secret that cannot be read from the keychain fails with the
///     keychain's error);
///  3. `departments`: department/list, with the visible range when both the app and the contacts secret are
///     configured ("the app sees 37 of 52 departments");
///  4. `users`: user/list_id with the contacts secret, or the members the app secret sees;
///  5. `follow_users`: externalcontact/get_follow_user_list;
///  6. `customers`: one page of externalcontact/batch/get_by_user;
///  7. `tags`: externalcontact/get_corp_tag_list;
///  8. `message`: message/send, only when recipients are given.
///
/// Which steps are required: reaching the server and every configured secret's token; the org steps when the
/// contacts secret is configured, the customer steps when the customer secret is configured. A step served only by
/// the app secret is optional: an app may be meant for messages alone, so its failure warns instead of failing.
/// A probe that returns nothing where a sync expects data (no departments, no staff, no follow users) is a
/// warning: a sync would silently get nothing. Steps after a failed `reach` are skipped.
QCoro::Task<services::ConnectionTestReport> testConnection(services::ConnectionTestContext context);

} // namespace ic::connectors::wecom
