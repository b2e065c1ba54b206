#include "connectors/wecom/WeComConnectionTest.h"

#include "connectors/wecom/WeComSession.h"
#include "db/Repositories.h"

#include <QElapsedTimer>
#include <QSet>

namespace ic::connectors::wecom {

namespace {

using services::StepStatus;
using services::TestStep;

struct Texts {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::wecom::ConnectionTest)
};

/// Collects the steps of one test and reports each to the caller as it finishes.
class Steps {
public:
    explicit Steps(services::ConnectionTestContext &context)
        : m_context(context)
    {}

    /// Starts timing a step.
    void begin() { m_timer.restart(); }

    void finish(TestStep step)
    {
        if (step.status != StepStatus::Skipped) {
            step.duration = std::chrono::milliseconds(m_timer.elapsed());
        }
        if (m_context.progress) {
            m_context.progress(step);
        }
        m_steps.append(std::move(step));
    }

    void ok(QString id, QString title, bool required, QString summary)
    {
        finish(TestStep{std::move(id), std::move(title), StepStatus::Ok, required, {}, std::move(summary), {}});
    }
    void warn(QString id, QString title, bool required, QString summary, std::optional<Error> error = {})
    {
        finish(TestStep{
            std::move(id), std::move(title), StepStatus::Warning, required, {}, std::move(summary), std::move(error)});
    }
    void fail(QString id, QString title, bool required, Error error)
    {
        finish(TestStep{std::move(id), std::move(title), StepStatus::Failed, required, {}, {}, std::move(error)});
    }
    void skip(QString id, QString title, bool required, QString why)
    {
        finish(TestStep{std::move(id), std::move(title), StepStatus::Skipped, required, {}, std::move(why), {}});
    }

    QList<TestStep> take() { return std::move(m_steps); }

private:
    services::ConnectionTestContext &m_context;
    QElapsedTimer m_timer;
    QList<TestStep> m_steps;
};

QString tokenStepId(SecretKind kind)
{
    return u"token." + secretKindName(kind);
}

} // namespace

QCoro::Task<services::ConnectionTestReport> testConnection(services::ConnectionTestContext context)
{
    services::ConnectionTestReport report;
    report.startedAt = QDateTime::currentDateTimeUtc();
    report.correlationId = context.correlationId;
    Steps steps(context);
    const CallContext call{context.correlationId, std::nullopt};

    const auto finish = [&report, &steps]() {
        report.steps = steps.take();
        report.finishedAt = QDateTime::currentDateTimeUtc();
    };

    SessionInputs inputs;
    inputs.service = context.service;
    inputs.secrets = context.secrets;
    inputs.network = context.network;
    inputs.callLog = context.callLog;
    inputs.database = context.database;
    inputs.databaseIdentity = context.databaseIdentity;
    const QString reachTitle = Texts::tr("Reach the WeCom API server");
    steps.begin();
    Result<std::unique_ptr<WeComSession>> opened = WeComSession::open(inputs);
    if (!opened) {
        steps.fail(QStringLiteral("reach"), reachTitle, true, opened.error());
        finish();
        co_return report;
    }
    WeComSession &session = *opened.value();
    WeComClient &client = session.client();
    const WeComAccount &account = client.account();

    // 1. The server answers at all: any HTTP status will do; only transport failures count.
    {
        net::HttpRequest probe;
        probe.url = QUrl(account.apiBase + u'/');
        probe.correlationId = context.correlationId;
        probe.retry = false;
        const net::HttpResponse answer = co_await session.http().send(std::move(probe));
        if (!answer.httpStatus || answer.outcome.transport != net::TransportError::None) {
            steps.fail(QStringLiteral("reach"), reachTitle, true, transportFailure(answer, account.apiBase, {}));
            for (const SecretKind kind : {SecretKind::App, SecretKind::Contacts, SecretKind::Customer}) {
                steps.skip(tokenStepId(kind), Texts::tr("Get a token with the %1").arg(secretDisplayName(kind)), true,
                           Texts::tr("The server cannot be reached."));
            }
            finish();
            co_return report;
        }
        steps.ok(QStringLiteral("reach"), reachTitle, true,
                 Texts::tr("%1 answered (HTTP %2).").arg(QUrl(account.apiBase).host()).arg(*answer.httpStatus));
    }

    // 2. A fresh token with every configured secret.
    QSet<SecretKind> working;
    for (const SecretKind kind : {SecretKind::App, SecretKind::Contacts, SecretKind::Customer}) {
        const QString id = tokenStepId(kind);
        const QString title = Texts::tr("Get a token with the %1").arg(secretDisplayName(kind));
        steps.begin();
        if (const auto problem = context.secretErrors.constFind(secretFieldKey(kind));
            problem != context.secretErrors.cend()) {
            steps.fail(id, title, true, *problem);
            continue;
        }
        if (!account.secrets.contains(kind)) {
            steps.skip(id, title, false, Texts::tr("Not configured."));
            continue;
        }
        Result<QString> token = co_await client.refreshToken(kind, call);
        if (!token) {
            steps.fail(id, title, true, token.error());
            client.disableSecret(kind); // the probes below use the secrets that work
            continue;
        }
        working.insert(kind);
        steps.ok(id, title, true, Texts::tr("WeCom issued a token."));
    }
    if (working.isEmpty()) {
        if (account.secrets.isEmpty() && context.secretErrors.isEmpty()) {
            steps.begin();
            steps.fail(QStringLiteral("secrets"), Texts::tr("Configured secrets"), true,
                       Error::make(ErrorCode::Configuration, Texts::tr("No secret is configured for this service."), {},
                                   Texts::tr("Store at least the app secret or the contacts sync secret with: "
                                             "integration-console service set-secret %1 corp_secret (or "
                                             "contacts_secret)")
                                       .arg(context.service->name)));
        }
        finish();
        co_return report;
    }

    const bool contacts = working.contains(SecretKind::Contacts);
    const bool customer = working.contains(SecretKind::Customer);
    const bool app = working.contains(SecretKind::App);

    // 3. Departments, and the app's visible range when both views are available.
    QList<Department> appDepartments; // What the app secret sees, for the staff probe below.
    {
        const QString title = Texts::tr("List departments");
        steps.begin();
        if (!contacts && !app) {
            steps.skip(QStringLiteral("departments"), title, false, Texts::tr("No app or contacts sync secret works."));
        } else {
            Result<QList<Department>> all = co_await client.departments(std::nullopt, call);
            if (!all) {
                steps.fail(QStringLiteral("departments"), title, contacts, all.error());
            } else if (all.value().isEmpty()) {
                steps.warn(QStringLiteral("departments"), title, contacts,
                           Texts::tr("No department is visible: a department sync would get nothing. Widen the app's "
                                     "visible range (应用管理 → the app → 可见范围)."));
            } else if (contacts && app) {
                Result<QList<Department>> visible = co_await client.departments(std::nullopt, call, SecretKind::App);
                if (!visible) {
                    steps.warn(QStringLiteral("departments"), title, contacts,
                               Texts::tr("%n department(s) in the corp; the app secret cannot list them.", nullptr,
                                         int(all.value().size())),
                               visible.error());
                } else {
                    appDepartments = visible.value();
                    const QString summary =
                        Texts::tr("The app sees %1 of %n department(s).", nullptr, int(all.value().size()))
                            .arg(visible.value().size());
                    if (visible.value().size() < all.value().size()) {
                        steps.warn(QStringLiteral("departments"), title, contacts,
                                   summary + u' ' +
                                       Texts::tr("Messages and app-secret calls reach only those; widen the app's "
                                                 "visible range if that is not intended."));
                    } else {
                        steps.ok(QStringLiteral("departments"), title, contacts, summary);
                    }
                }
            } else {
                if (!contacts) {
                    appDepartments = all.value();
                }
                steps.ok(QStringLiteral("departments"), title, contacts,
                         contacts ? Texts::tr("%n department(s) in the corp.", nullptr, int(all.value().size()))
                                  : Texts::tr("The app sees %n department(s).", nullptr, int(all.value().size())));
            }
        }
    }

    // 4. Staff IDs: the whole corp with the contacts secret, the visible members with the app secret.
    {
        const QString title = Texts::tr("List staff");
        steps.begin();
        if (contacts) {
            Result<UserIdPage> page = co_await client.userIdPage(QString(), 10000, call);
            if (!page) {
                steps.fail(QStringLiteral("users"), title, true, page.error());
            } else if (page.value().deptUsers.isEmpty()) {
                steps.warn(QStringLiteral("users"), title, true,
                           Texts::tr("The corp has no staff: a staff sync would get nothing."));
            } else {
                const int count = int(page.value().deptUsers.size());
                steps.ok(QStringLiteral("users"), title, true,
                         page.value().nextCursor.isEmpty()
                             ? Texts::tr("%n staff member(s).", nullptr, count)
                             : Texts::tr("At least %n staff member(s) (more pages follow).", nullptr, count));
            }
        } else if (app) {
            // The app secret may not list the whole corp (user/list_id needs the contacts secret): count the members
            // of the departments it sees, directly, as a sync with it would read them.
            constexpr qsizetype maxProbes = 50;
            QSet<QString> seen;
            std::optional<Error> failure;
            for (const Department &department : appDepartments.mid(0, maxProbes)) {
                Result<QList<UserBrief>> members = co_await client.userBriefsOfDepartment(department.id, call);
                if (!members) {
                    failure = members.error();
                    break;
                }
                for (const UserBrief &member : members.value()) {
                    seen.insert(member.userid);
                }
            }
            if (failure) {
                steps.fail(QStringLiteral("users"), title, false, *failure);
            } else if (seen.isEmpty()) {
                steps.warn(QStringLiteral("users"), title, false,
                           Texts::tr("The app sees no staff: a staff sync with the app secret would get nothing."));
            } else if (appDepartments.size() > maxProbes) {
                steps.ok(QStringLiteral("users"), title, false,
                         Texts::tr("The app sees at least %n staff member(s) (first %1 departments read).", nullptr,
                                   int(seen.size()))
                             .arg(maxProbes));
            } else {
                steps.ok(QStringLiteral("users"), title, false,
                         Texts::tr("The app sees %n staff member(s).", nullptr, int(seen.size())));
            }
        } else {
            steps.skip(QStringLiteral("users"), title, false, Texts::tr("No app or contacts sync secret works."));
        }
    }

    // 5.–7. Customer contact: follow users, one page of customers, the corp tags.
    const bool customerRequired = customer;
    const bool customerPossible = customer || app;
    QStringList followers;
    {
        const QString title = Texts::tr("List staff with customer contact");
        steps.begin();
        if (!customerPossible) {
            steps.skip(QStringLiteral("follow_users"), title, false, Texts::tr("No customer contact secret works."));
        } else {
            Result<QStringList> users = co_await client.followUsers(call);
            if (!users) {
                steps.fail(QStringLiteral("follow_users"), title, customerRequired, users.error());
            } else if (users.value().isEmpty()) {
                steps.warn(QStringLiteral("follow_users"), title, customerRequired,
                           Texts::tr("No staff member has customer contact enabled: a customer sync would get "
                                     "nothing. Enable it under 客户联系 → 权限配置."));
            } else {
                followers = users.value();
                steps.ok(QStringLiteral("follow_users"), title, customerRequired,
                         Texts::tr("%n staff member(s) with customer contact.", nullptr, int(followers.size())));
            }
        }
    }
    {
        const QString title = Texts::tr("Read one page of customers");
        steps.begin();
        if (followers.isEmpty()) {
            steps.skip(QStringLiteral("customers"), title, false,
                       Texts::tr("No staff member with customer contact to read customers for."));
        } else {
            Result<ContactFollowPage> page =
                co_await client.externalContactsByUserPage(followers.mid(0, 100), QString(), 100, call);
            if (!page) {
                steps.fail(QStringLiteral("customers"), title, customerRequired, page.error());
            } else {
                steps.ok(
                    QStringLiteral("customers"), title, customerRequired,
                    Texts::tr("%n customer relation(s) on the first page.", nullptr, int(page.value().items.size())));
            }
        }
    }
    {
        const QString title = Texts::tr("List customer tags");
        steps.begin();
        if (!customerPossible) {
            steps.skip(QStringLiteral("tags"), title, false, Texts::tr("No customer contact secret works."));
        } else {
            Result<QList<CorpTagGroup>> groups = co_await client.corpTags(call);
            if (!groups) {
                steps.fail(QStringLiteral("tags"), title, customerRequired, groups.error());
            } else {
                qsizetype tags = 0;
                for (const CorpTagGroup &group : groups.value()) {
                    tags += group.tags.size();
                }
                steps.ok(QStringLiteral("tags"), title, customerRequired,
                         Texts::tr("%1 tag group(s), %n tag(s).", nullptr, int(tags)).arg(groups.value().size()));
            }
        }
    }

    // 8. A message, only when asked for.
    {
        const QString title = Texts::tr("Send a test message");
        steps.begin();
        if (context.options.messageRecipients.isEmpty()) {
            steps.skip(QStringLiteral("message"), title, false, Texts::tr("Not requested."));
        } else if (!app) {
            steps.fail(QStringLiteral("message"), title, true,
                       Error::make(ErrorCode::Configuration, Texts::tr("Messages need a working app secret."), {},
                                   Texts::tr("Store the app's secret (应用管理 → the app → Secret) as corp_secret.")));
        } else if (!account.agentId) {
            steps.fail(QStringLiteral("message"), title, true,
                       Error::invalid(QStringLiteral("agent_id"), Texts::tr("Messages need the app's AgentId."),
                                      Texts::tr("Set agent_id (应用管理 → the app → AgentId).")));
        } else {
            TextMessage message;
            message.toUsers = context.options.messageRecipients;
            message.agentId = *account.agentId;
            message.content = Texts::tr("Integration Console connection test: messages from this app arrive.");
            Result<MessageSendResult> sent = co_await client.sendText(message, call);
            if (!sent) {
                steps.fail(QStringLiteral("message"), title, true, sent.error());
            } else if (!sent.value().invalidUsers.isEmpty()) {
                steps.warn(QStringLiteral("message"), title, true,
                           Texts::tr("Sent, but these user IDs were not reached: %1.")
                               .arg(sent.value().invalidUsers.join(u", ")));
            } else {
                steps.ok(QStringLiteral("message"), title, true, Texts::tr("Sent."));
            }
        }
    }

    finish();
    co_return report;
}

} // namespace ic::connectors::wecom
