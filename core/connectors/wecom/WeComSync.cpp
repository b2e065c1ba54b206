#include "connectors/wecom/WeComSync.h"

#include "common/Logging.h"
#include "common/OffThread.h"
#include "common/Sha256.h"
#include "connectors/wecom/WeComSession.h"
#include "db/Database.h"
#include "db/Repositories.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <unordered_set>

namespace ic::connectors::wecom {

namespace {

using db::SyncEntity;
using db::SyncRow;

class Tr {
    Q_DECLARE_TR_FUNCTIONS(ic::connectors::wecom::WeComSync)
};

const QString stepDepartment = QStringLiteral("department");
const QString stepUser = QStringLiteral("user");
const QString stepTag = QStringLiteral("tag");
const QString stepCustomer = QStringLiteral("customer");

/// How many follower ids batch/get_by_user takes, and how many pairs a page holds.
constexpr int followersPerBatch = BatchGetByUserMaxUsers;
constexpr int pairsPerPage = BatchGetByUserMaxLimit;
/// Deletions a checkpoint carries at most; beyond, a resumed run starts the step over.
constexpr int maxCheckpointDeletions = 20000;

/// See customerFollowerBatches().
int followerBatchCount(qsizetype followers, int lanes)
{
    if (followers <= 0) {
        return 0;
    }
    const qsizetype needed = (followers + followersPerBatch - 1) / followersPerBatch;
    if (needed <= lanes) {
        return int(needed);
    }
    return int(std::min((needed + lanes - 1) / lanes * lanes, followers));
}

/// `followers` cut into `count` batches of nearly equal size, in order.
std::vector<QStringList> followerBatches(const QStringList &followers, int count)
{
    std::vector<QStringList> batches;
    const qsizetype n = followers.size();
    for (qsizetype i = 0; i < count; ++i) {
        const qsizetype from = i * n / count;
        const qsizetype to = (i + 1) * n / count;
        batches.push_back(followers.mid(from, to - from));
    }
    return batches;
}

QString compactJson(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString compactJson(const QJsonObject &object)
{
    return object.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QDateTime unixTime(qint64 seconds)
{
    return seconds > 0 ? QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC) : QDateTime();
}

SyncRow departmentRow(const Department &department)
{
    return SyncRow::make(SyncEntity::Department,
                         {QString::number(department.id), department.name, department.nameEn,
                          QString::number(department.parentId), department.order,
                          compactJson(QJsonArray::fromStringList(department.departmentLeaders))});
}

SyncRow staffRow(const User &user)
{
    QJsonObject attrs;
    if (!user.address.isEmpty()) {
        attrs.insert(QStringLiteral("address"), user.address);
    }
    if (!user.englishName.isEmpty()) {
        attrs.insert(QStringLiteral("english_name"), user.englishName);
    }
    if (!user.externalPosition.isEmpty()) {
        attrs.insert(QStringLiteral("external_position"), user.externalPosition);
    }
    return SyncRow::make(SyncEntity::Staff,
                         {user.userid, user.openUserid, user.name, user.alias, user.position, qint64(user.gender),
                          qint64(user.status),
                          user.mainDepartment > 0 ? QString::number(user.mainDepartment) : QString(), user.mobile,
                          user.email, user.bizMail, user.telephone, user.avatar, compactJson(attrs)});
}

QList<SyncRow> staffDepartmentRows(const User &user)
{
    QList<SyncRow> rows;
    for (qsizetype i = 0; i < user.departments.size(); ++i) {
        const qint64 order = i < user.orders.size() ? user.orders.at(i) : 0;
        const bool leader = i < user.isLeaderInDept.size() && user.isLeaderInDept.at(i) != 0;
        rows.append(SyncRow::make(SyncEntity::StaffDepartment,
                                  {user.userid, QString::number(user.departments.at(i)), order, leader}));
    }
    return rows;
}

SyncRow contactRow(const ExternalContact &contact)
{
    return SyncRow::make(SyncEntity::Contact,
                         {contact.externalUserid, contact.name, qint64(contact.type), contact.avatar,
                          qint64(contact.gender), contact.unionid, contact.corpName, contact.corpFullName,
                          contact.position, compactJson(contact.externalProfile)});
}

SyncRow followRow(const QString &externalUserid, const FollowInfo &follow)
{
    return SyncRow::make(SyncEntity::FollowRelation,
                         {externalUserid, follow.userid, follow.remark, follow.description, unixTime(follow.createTime),
                          qint64(follow.addWay), follow.state, follow.operUserid, follow.remarkCorpName,
                          compactJson(QJsonArray::fromStringList(follow.remarkMobiles))});
}

/// Is this the "invalid cursor" answer (40058) that a cursor from before a change of the data gets?
bool isStaleCursor(const Error &error)
{
    return error.detail.startsWith(u"errcode 40058");
}

/// What a row is against the stored one.
enum class Change { Create, Update, Same };

/// Compares a row with its stored version. Reads `index` only: safe on any thread while nothing writes it.
Change classify(const SyncRow &row, quint64 keyHash, const db::SyncIndex &index)
{
    const db::SyncIndexEntry *stored = index.find(keyHash, row.key);
    if (stored == nullptr || stored->deleted) {
        return Change::Create;
    }
    return stored->contentHash != row.hash ? Change::Update : Change::Same;
}

/// The follow relations and contact tags stored for one batch of followers, and those the batch's pages brought so
/// far. Owned by the lane that reads the batch; a page is prepared with it on a pool thread while the lane waits,
/// so one thread at a time uses it.
struct FollowerScope {
    db::SyncIndex follows;
    db::SyncIndex tags;
    std::unordered_set<quint64> seenFollows;
    std::unordered_set<quint64> seenTags;
};

/// A row with its key's hash.
struct KeyedRow {
    SyncRow row;
    quint64 keyHash = 0;
};

/// A row with its key's hash and what it is against the stored rows.
struct ComparedRow {
    SyncRow row;
    quint64 keyHash = 0;
    Change change = Change::Create;
};

/// A page of batch/get_by_user turned into rows. The follow relations and tags are compared already (against the
/// batch's own rows); the contacts are not, because a customer followed by several members comes in several
/// batches and the step compares it once, on the lane's thread.
struct PreparedPage {
    QList<KeyedRow> contacts;
    QList<ComparedRow> follows;
    QList<ComparedRow> tags;
};

/// Builds a page's rows, hashes them and compares relations and tags with `scope`: the CPU work of a page, done on a
/// pool thread. Each relation and tag once per batch, also when the batch is read again after a stale cursor.
PreparedPage preparePage(const QList<ContactFollow> &items, FollowerScope &scope,
                         const QHash<QString, std::pair<QString, QString>> &tagNames)
{
    PreparedPage page;
    page.contacts.reserve(items.size());
    page.follows.reserve(items.size());
    for (const ContactFollow &item : items) {
        const QString &externalUserid = item.contact.externalUserid;
        SyncRow contact = contactRow(item.contact);
        const quint64 contactHash = db::syncKeyHash(contact.key);
        page.contacts.append({std::move(contact), contactHash});
        SyncRow follow = followRow(externalUserid, item.followInfo);
        const quint64 followHash = db::syncKeyHash(follow.key);
        if (scope.seenFollows.insert(followHash).second) {
            const Change change = classify(follow, followHash, scope.follows);
            page.follows.append({std::move(follow), followHash, change});
        }
        for (const QString &tagId : item.followInfo.tagIds) {
            const std::pair<QString, QString> names = tagNames.value(tagId);
            SyncRow tag = SyncRow::make(SyncEntity::ContactTag, {externalUserid, item.followInfo.userid, tagId,
                                                                 qint64(1), names.first, names.second});
            const quint64 tagHash = db::syncKeyHash(tag.key);
            if (scope.seenTags.insert(tagHash).second) {
                const Change change = classify(tag, tagHash, scope.tags);
                page.tags.append({std::move(tag), tagHash, change});
            }
        }
    }
    return page;
}

/// The writes waiting for the next transaction, for up to three entities at once.
struct WriteBuffer {
    std::map<SyncEntity, db::SyncWriteBatch> batches;
    std::map<SyncEntity, db::SyncCounts> counts;

    qsizetype size() const
    {
        qsizetype n = 0;
        for (const auto &[entity, batch] : batches) {
            n += batch.size();
        }
        return n;
    }
    db::SyncWriteBatch &batch(SyncEntity entity)
    {
        db::SyncWriteBatch &b = batches[entity];
        b.entity = entity;
        return b;
    }
    void clear()
    {
        batches.clear();
        counts.clear();
    }
};

/// One run of the WeCom sync.
class SyncJob {
public:
    explicit SyncJob(sync::SyncRunContext &ctx)
        : m_ctx(ctx)
    {}

    QCoro::Task<void> run()
    {
        SessionInputs inputs;
        inputs.service = m_ctx.service;
        inputs.secrets = m_ctx.secrets;
        inputs.network = m_ctx.network;
        inputs.callLog = m_ctx.callLog;
        inputs.database = m_ctx.db;
        inputs.databaseIdentity = m_ctx.databaseIdentity;
        Result<std::unique_ptr<WeComSession>> opened = WeComSession::open(inputs);
        if (!opened) {
            m_ctx.fail(opened.error());
            co_return;
        }
        m_session = std::move(opened).value();
        m_concurrency =
            m_ctx.options.concurrency > 0 ? m_ctx.options.concurrency : m_session->http().config().maxInFlight;
        m_concurrency = std::clamp(m_concurrency, 1, 64);

        for (const QString &step : std::as_const(m_ctx.steps)) {
            if (m_ctx.cancelled() || m_ctx.failure()) {
                break;
            }
            bool complete = false;
            if (step == stepDepartment) {
                complete = co_await departmentStep();
            } else if (step == stepUser) {
                complete = co_await userStep();
            } else if (step == stepTag) {
                complete = co_await tagStep();
            } else if (step == stepCustomer) {
                complete = co_await customerStep();
            }
            // The next step starts while the writer still writes this one's last batches: the writer commits in
            // order (the step's rows, then its "finished" mark), and no step reads what an earlier one writes.
            if (!complete || m_ctx.cancelled() || m_ctx.failure()) {
                // A step that did not finish stops the run: the next steps depend on it (a full run's order).
                break;
            }
            m_ctx.finishStep(step);
        }
        co_await m_ctx.drain();
        // The HTTP client goes first: nothing may still be in flight when the rest is destroyed.
        m_session.reset();
    }

private:
    CallContext callContext() const { return {m_ctx.correlationId, m_ctx.runId}; }

    /// Queues the buffer with the step's checkpoint for the run's writer (a failure there fails the run). False
    /// when the run is failing already.
    bool flush(const QString &step, WriteBuffer &buffer, const QJsonObject &checkpoint)
    {
        QList<db::SyncWriteBatch> batches;
        for (auto &[entity, batch] : buffer.batches) {
            if (!batch.isEmpty()) {
                batches.append(std::move(batch));
            }
        }
        m_ctx.commit(step, std::move(batches), checkpoint, buffer.counts);
        buffer.clear();
        return !m_ctx.failure();
    }

    /// Compares a row with the stored one, counts it, plans it, and queues its write.
    void compare(SyncEntity entity, const SyncRow &row, const db::SyncIndex &index, WriteBuffer &buffer)
    {
        queue(entity, row, classify(row, db::syncKeyHash(row.key), index), buffer);
    }

    /// Counts a compared row, plans it, and queues its write.
    void queue(SyncEntity entity, const SyncRow &row, Change change, WriteBuffer &buffer)
    {
        db::SyncCounts &counted = buffer.counts[entity];
        ++counted.fetched;
        switch (change) {
        case Change::Create:
            ++counted.created;
            m_ctx.planCreate(entity, row.key);
            buffer.batch(entity).upserts.append(row);
            break;
        case Change::Update:
            ++counted.updated;
            m_ctx.planUpdate(entity, row.key);
            buffer.batch(entity).upserts.append(row);
            break;
        case Change::Same:
            ++counted.unchanged;
            if (m_ctx.options.mode == sync::SyncMode::Full) {
                buffer.batch(entity).upserts.append(row);
            }
            break;
        }
    }

    /// Queues the deletion of stored rows (soft delete).
    void queueDeletes(SyncEntity entity, const std::vector<std::pair<qint64, QString>> &rows, WriteBuffer &buffer)
    {
        for (const auto &[id, key] : rows) {
            ++buffer.counts[entity].deleted;
            m_ctx.planDelete(entity, key);
            buffer.batch(entity).deletes.append(id);
        }
    }

    /// A whole snapshot of one entity: compare, write in batches, and delete what is gone when `complete`.
    bool reconcileSnapshot(const QString &step, SyncEntity entity, const QList<SyncRow> &rows, bool complete)
    {
        Result<db::SyncIndex> loaded = m_ctx.store().loadIndex(entity);
        if (!loaded) {
            m_ctx.fail(loaded.error());
            return false;
        }
        const db::SyncIndex &index = loaded.value();
        WriteBuffer buffer;
        std::unordered_set<quint64> seen;
        seen.reserve(std::size_t(rows.size()));
        for (const SyncRow &row : rows) {
            seen.insert(db::syncKeyHash(row.key));
            compare(entity, row, index, buffer);
            if (buffer.size() >= m_ctx.options.batchSize && !flush(step, buffer, {})) {
                return false;
            }
        }
        if (complete) {
            std::vector<std::pair<qint64, QString>> gone;
            for (const db::SyncIndexEntry &entry : index.entries()) {
                if (!entry.deleted && !seen.contains(entry.keyHash)) {
                    gone.emplace_back(entry.id, entry.key);
                }
            }
            if (m_ctx.mayDelete(entity, qint64(gone.size()), index.liveCount())) {
                for (std::size_t i = 0; i < gone.size(); i += std::size_t(m_ctx.options.batchSize)) {
                    const auto end = std::min(gone.size(), i + std::size_t(m_ctx.options.batchSize));
                    queueDeletes(entity, {gone.begin() + qsizetype(i), gone.begin() + qsizetype(end)}, buffer);
                    if (!flush(step, buffer, {})) {
                        return false;
                    }
                }
            }
        }
        return flush(step, buffer, {});
    }

    /// Calls `request` up to SyncOptions::pageAttempts times while it fails with a retryable error (each attempt
    /// with the HTTP client's own retries). Stops early when the run is cancelled.
    template<typename T, typename Request>
    QCoro::Task<Result<T>> attempt(Request request)
    {
        std::optional<Error> last;
        for (int attemptNo = 1; attemptNo <= std::max(1, m_ctx.options.pageAttempts); ++attemptNo) {
            Result<T> answer = co_await request();
            if (answer || !answer.error().retryable || isStaleCursor(answer.error()) || m_ctx.cancelled()) {
                co_return answer;
            }
            last = answer.error();
            qCInfo(lcSync).noquote() << "a request of run" << m_ctx.runId << "failed (attempt" << attemptNo
                                     << "):" << answer.error().detail;
        }
        co_return *last;
    }

    /// A failure of a request that the run cannot go on without: credentials and configuration fail the run;
    /// anything else is an item error and the step ends incomplete.
    void requestFailed(SyncEntity entity, const QString &what, const Error &error)
    {
        if (error.code == ErrorCode::Cancelled) {
            m_ctx.fail(error);
            return;
        }
        if (error.code == ErrorCode::Credential || error.code == ErrorCode::Configuration) {
            m_ctx.fail(error);
            return;
        }
        m_ctx.itemError(entity, what, error);
    }

    QCoro::Task<bool> fetchDepartments()
    {
        if (m_departments) {
            co_return true;
        }
        auto request = [this]() { return m_session->client().departments(std::nullopt, callContext()); };
        Result<QList<Department>> answer = co_await attempt<QList<Department>>(request);
        if (!answer) {
            requestFailed(SyncEntity::Department, QString(), answer.error());
            co_return false;
        }
        m_departments = answer.value();
        co_return true;
    }

    QCoro::Task<bool> departmentStep()
    {
        progress(stepDepartment, SyncEntity::Department, 0, 1, 0);
        if (!co_await fetchDepartments()) {
            co_return false;
        }
        QList<SyncRow> rows;
        rows.reserve(m_departments->size());
        for (const Department &department : std::as_const(*m_departments)) {
            rows.append(departmentRow(department));
        }
        progress(stepDepartment, SyncEntity::Department, 1, 1, rows.size());
        co_return reconcileSnapshot(stepDepartment, SyncEntity::Department, rows, true);
    }

    QCoro::Task<bool> userStep()
    {
        if (!co_await fetchDepartments()) {
            co_return false;
        }
        QList<qint64> ids;
        for (const Department &department : std::as_const(*m_departments)) {
            ids.append(department.id);
        }
        std::sort(ids.begin(), ids.end());
        QHash<QString, User> users;
        QStringList order; // first-seen order, for deterministic batches
        bool complete = true;
        qsizetype next = 0;
        qint64 done = 0;
        auto lane = [&]() -> QCoro::Task<void> {
            while (next < ids.size() && !m_ctx.cancelled() && !m_ctx.failure()) {
                const qint64 id = ids.at(next++);
                auto request = [this, id]() { return m_session->client().usersOfDepartment(id, callContext()); };
                Result<QList<User>> answer = co_await attempt<QList<User>>(request);
                if (!answer) {
                    complete = false;
                    requestFailed(SyncEntity::Staff, QString::number(id), answer.error());
                    continue;
                }
                ++m_pagesAnswered;
                for (const User &user : answer.value()) {
                    if (!users.contains(user.userid)) {
                        order.append(user.userid);
                        users.insert(user.userid, user);
                    }
                }
                ++done;
                progress(stepUser, SyncEntity::Staff, done, ids.size(), users.size());
            }
        };
        std::vector<QCoro::Task<void>> lanes;
        for (int i = 0; i < m_concurrency; ++i) {
            lanes.push_back(lane());
        }
        QCoro::Task<void> ahead = prefetch();
        for (QCoro::Task<void> &running : lanes) {
            co_await running;
        }
        co_await ahead;
        if (m_ctx.cancelled() || m_ctx.failure()) {
            co_return false;
        }
        std::sort(order.begin(), order.end());
        QList<SyncRow> staff;
        QList<SyncRow> links;
        staff.reserve(order.size());
        for (const QString &userid : std::as_const(order)) {
            const User &user = users[userid];
            staff.append(staffRow(user));
            links.append(staffDepartmentRows(user));
        }
        if (!reconcileSnapshot(stepUser, SyncEntity::Staff, staff, complete) ||
            !reconcileSnapshot(stepUser, SyncEntity::StaffDepartment, links, complete)) {
            co_return false;
        }
        // An incomplete snapshot was written as far as it went; the run ends partial (the errors say why).
        co_return true;
    }

    /// While the user step's requests run: the corp tags and the follower list, when later steps of this run need
    /// them (one request each, alongside the lanes, so that the tag and customer steps start without waiting for
    /// them). Their rows are still written in the steps' order. A failure here is not the run's: the step that
    /// needs the answer asks again, with the usual attempts and error handling.
    QCoro::Task<void> prefetch()
    {
        if (!m_tagGroups && (m_ctx.steps.contains(stepTag) || m_ctx.steps.contains(stepCustomer))) {
            Result<QList<CorpTagGroup>> tags = co_await m_session->client().corpTags(callContext());
            if (tags) {
                setTags(std::move(tags).value());
            }
        }
        if (!m_followers && m_ctx.steps.contains(stepCustomer) && !m_ctx.cancelled()) {
            Result<QStringList> followers = co_await m_session->client().followUsers(callContext());
            if (followers) {
                m_followers = std::move(followers).value();
            }
        }
    }

    void setTags(QList<CorpTagGroup> groups)
    {
        m_tagGroups = std::move(groups);
        for (const CorpTagGroup &group : std::as_const(*m_tagGroups)) {
            for (const CorpTag &tag : group.tags) {
                m_tagNames.insert(tag.id, {group.groupName, tag.name});
            }
        }
    }

    QCoro::Task<bool> fetchTags()
    {
        if (m_tagGroups) {
            co_return true;
        }
        auto request = [this]() { return m_session->client().corpTags(callContext()); };
        Result<QList<CorpTagGroup>> answer = co_await attempt<QList<CorpTagGroup>>(request);
        if (!answer) {
            requestFailed(SyncEntity::Tag, QString(), answer.error());
            co_return false;
        }
        setTags(answer.value());
        co_return true;
    }

    QCoro::Task<bool> tagStep()
    {
        progress(stepTag, SyncEntity::TagGroup, 0, 1, 0);
        if (!co_await fetchTags()) {
            co_return false;
        }
        QList<SyncRow> groups;
        QList<SyncRow> tags;
        for (const CorpTagGroup &group : std::as_const(*m_tagGroups)) {
            groups.append(SyncRow::make(SyncEntity::TagGroup,
                                        {group.groupId, group.groupName, group.order, unixTime(group.createTime)}));
            for (const CorpTag &tag : group.tags) {
                tags.append(SyncRow::make(SyncEntity::Tag,
                                          {tag.id, group.groupId, tag.name, tag.order, unixTime(tag.createTime)}));
            }
        }
        progress(stepTag, SyncEntity::Tag, 1, 1, groups.size() + tags.size());
        co_return reconcileSnapshot(stepTag, SyncEntity::TagGroup, groups, true) &&
            reconcileSnapshot(stepTag, SyncEntity::Tag, tags, true);
    }

    // ---- customers ----

    struct CustomerState {
        QStringList followers;
        QString fingerprint;
        std::vector<QStringList> batches;
        QSet<int> done;
        /// Deletions found by finished batches: (id, key) per entity.
        std::map<SyncEntity, std::vector<std::pair<qint64, QString>>> pendingDeletes;
        db::SyncIndex contacts;
        std::unordered_set<quint64> seenContacts;
        WriteBuffer buffer;
        bool complete = true;
        qint64 pairs = 0;
        /// Live follow relations and contact tags before the step wrote anything: the mass-deletion guard's base.
        std::map<SyncEntity, qint64> liveBefore;
    };

    QJsonObject customerCheckpoint(const CustomerState &state) const
    {
        QJsonArray done;
        QList<int> sorted(state.done.begin(), state.done.end());
        std::sort(sorted.begin(), sorted.end());
        for (int index : sorted) {
            done.append(index);
        }
        QJsonObject pending;
        qsizetype total = 0;
        for (const auto &[entity, rows] : state.pendingDeletes) {
            QJsonArray list;
            for (const auto &[id, key] : rows) {
                list.append(QJsonArray{id, key});
            }
            total += qsizetype(rows.size());
            pending.insert(db::syncEntityName(entity), list);
        }
        if (total > maxCheckpointDeletions) {
            // Too many to carry: a resumed run starts the step over.
            return QJsonObject{{QStringLiteral("followers"), state.fingerprint}, {QStringLiteral("restart"), true}};
        }
        return QJsonObject{{QStringLiteral("followers"), state.fingerprint},
                           {QStringLiteral("batches"), qint64(state.batches.size())},
                           {QStringLiteral("done"), done},
                           {QStringLiteral("pending_deletes"), pending}};
    }

    QCoro::Task<bool> customerStep()
    {
        CustomerState state;
        if (!co_await fetchTags()) {
            co_return false;
        }
        if (!m_followers) {
            auto request = [this]() { return m_session->client().followUsers(callContext()); };
            Result<QStringList> followers = co_await attempt<QStringList>(request);
            if (!followers) {
                requestFailed(SyncEntity::Contact, QString(), followers.error());
                co_return false;
            }
            m_followers = followers.value();
        }
        state.followers = std::move(*m_followers);
        m_followers.reset();
        std::sort(state.followers.begin(), state.followers.end());
        state.followers.erase(std::unique(state.followers.begin(), state.followers.end()), state.followers.end());
        state.fingerprint = QString::fromLatin1(sha256(state.followers.join(QChar(u'\n')).toUtf8()).toHex());
        // A resumed step cuts the same followers into as many batches as its predecessor did, so that the batches
        // it finished mean the same followers; a checkpoint without a usable count starts the step over.
        const QJsonObject resumed = m_ctx.resumedCheckpoint(stepCustomer);
        const qsizetype followerCount = state.followers.size();
        const int storedCount = resumed.value(u"batches").toInt(0);
        const bool resuming = !resumed.isEmpty() && resumed.value(u"followers").toString() == state.fingerprint &&
                              !resumed.value(u"restart").toBool() && storedCount > 0 && storedCount <= followerCount &&
                              (followerCount + storedCount - 1) / storedCount <= followersPerBatch;
        state.batches =
            followerBatches(state.followers, resuming ? storedCount : followerBatchCount(followerCount, m_concurrency));

        Result<db::SyncIndex> contacts = m_ctx.store().loadIndex(SyncEntity::Contact);
        if (!contacts) {
            m_ctx.fail(contacts.error());
            co_return false;
        }
        state.contacts = std::move(contacts).value();
        for (SyncEntity entity : {SyncEntity::FollowRelation, SyncEntity::ContactTag}) {
            Result<qint64> live = m_ctx.store().liveCount(entity);
            if (!live) {
                m_ctx.fail(live.error());
                co_return false;
            }
            state.liveBefore[entity] = live.value();
        }

        // Resume the batches a killed run finished, if the followers are the same.
        if (resuming) {
            QStringList doneFollowers;
            for (const QJsonValue &index : resumed.value(u"done").toArray()) {
                const int i = index.toInt(-1);
                if (i >= 0 && std::size_t(i) < state.batches.size()) {
                    state.done.insert(i);
                    doneFollowers.append(state.batches[std::size_t(i)]);
                }
            }
            std::vector<qint64> excluded;
            const QJsonObject pending = resumed.value(u"pending_deletes").toObject();
            for (auto it = pending.begin(); it != pending.end(); ++it) {
                const std::optional<SyncEntity> entity = db::parseSyncEntity(it.key());
                if (!entity) {
                    continue;
                }
                for (const QJsonValue &row : it.value().toArray()) {
                    const QJsonArray pair = row.toArray();
                    const qint64 id = qint64(pair.at(0).toDouble());
                    state.pendingDeletes[*entity].emplace_back(id, pair.at(1).toString());
                    if (*entity == SyncEntity::FollowRelation) {
                        excluded.push_back(id);
                    }
                }
            }
            std::sort(excluded.begin(), excluded.end());
            Result<QStringList> seen = m_ctx.store().followedContacts(doneFollowers, excluded);
            if (!seen) {
                m_ctx.fail(seen.error());
                co_return false;
            }
            for (const QString &externalUserid : seen.value()) {
                state.seenContacts.insert(db::syncKeyHash(externalUserid));
            }
            qCInfo(lcSync).noquote() << "run" << m_ctx.runId << "resumes the customer step with" << state.done.size()
                                     << "of" << state.batches.size() << "follower batches done";
        }

        std::vector<int> todo;
        for (int i = 0; i < int(state.batches.size()); ++i) {
            if (!state.done.contains(i)) {
                todo.push_back(i);
            }
        }
        std::size_t next = 0;
        auto lane = [&]() -> QCoro::Task<void> {
            while (next < todo.size() && !m_ctx.cancelled() && !m_ctx.failure()) {
                const int index = todo[next++];
                co_await customerBatch(state, index);
            }
        };
        std::vector<QCoro::Task<void>> lanes;
        const int laneCount = std::min<int>(m_concurrency, int(std::max<std::size_t>(todo.size(), 1)));
        for (int i = 0; i < laneCount; ++i) {
            lanes.push_back(lane());
        }
        for (QCoro::Task<void> &running : lanes) {
            co_await running;
        }
        if (m_ctx.failure()) {
            co_return false;
        }
        // What the finished batches wrote is committed; a cancelled or incomplete step deletes nothing.
        if (!flush(stepCustomer, state.buffer, customerCheckpoint(state))) {
            co_return false;
        }
        if (m_ctx.cancelled()) {
            co_return false;
        }
        if (!state.complete) {
            co_return true; // partial: the errors are recorded
        }
        co_return reconcileCustomerDeletions(state);
    }

    /// One batch of followers: every page of batch/get_by_user, compared and written; when it ends, its deletions.
    QCoro::Task<void> customerBatch(CustomerState &state, int index)
    {
        const QStringList followers = state.batches[std::size_t(index)];
        Result<db::SyncIndex> follows = m_ctx.store().loadIndex(SyncEntity::FollowRelation, followers);
        Result<db::SyncIndex> tags = follows ? m_ctx.store().loadIndex(SyncEntity::ContactTag, followers)
                                             : Result<db::SyncIndex>(follows.error());
        if (!tags) {
            m_ctx.fail(tags.error());
            co_return;
        }
        // Shared with the pool thread that prepares each page; this lane waits for it, so never used by both.
        auto scope = std::make_shared<FollowerScope>();
        scope->follows = std::move(follows).value();
        scope->tags = std::move(tags).value();
        QString cursor;
        bool restarted = false;
        while (true) {
            if (m_ctx.cancelled() || m_ctx.failure()) {
                co_return;
            }
            auto request = [this, followers, cursor]() {
                return m_session->client().externalContactsByUserPage(followers, cursor, pairsPerPage, callContext());
            };
            Result<ContactFollowPage> page = co_await attempt<ContactFollowPage>(request);
            if (!page) {
                if (isStaleCursor(page.error()) && !restarted && !cursor.isEmpty()) {
                    // The data changed under the cursor: read the batch again from its start, once.
                    restarted = true;
                    cursor.clear();
                    continue;
                }
                state.complete = false;
                requestFailed(SyncEntity::FollowRelation,
                              Tr::tr("followers %1 to %2").arg(followers.constFirst(), followers.constLast()),
                              page.error());
                co_return;
            }
            ++m_pagesAnswered;
            auto prepare = [items = page.value().items, scope, tagNames = m_tagNames]() {
                return preparePage(items, *scope, tagNames);
            };
            const PreparedPage prepared = co_await offThread(std::move(prepare));
            for (const KeyedRow &contact : prepared.contacts) {
                // A contact's key is its external_userid.
                if (state.seenContacts.insert(contact.keyHash).second) {
                    queue(SyncEntity::Contact, contact.row, classify(contact.row, contact.keyHash, state.contacts),
                          state.buffer);
                }
            }
            for (const ComparedRow &follow : prepared.follows) {
                queue(SyncEntity::FollowRelation, follow.row, follow.change, state.buffer);
            }
            for (const ComparedRow &tag : prepared.tags) {
                queue(SyncEntity::ContactTag, tag.row, tag.change, state.buffer);
            }
            state.pairs += page.value().items.size();
            progress(stepCustomer, SyncEntity::FollowRelation, qint64(state.done.size()), qint64(state.batches.size()),
                     state.pairs);
            if (state.buffer.size() >= m_ctx.options.batchSize) {
                if (!flush(stepCustomer, state.buffer, customerCheckpoint(state))) {
                    co_return;
                }
                // Fetching goes on while the writer commits, a few batches ahead at most.
                co_await m_ctx.writerRoom();
            }
            cursor = page.value().nextCursor;
            if (cursor.isEmpty()) {
                break;
            }
        }
        // The batch was read whole: the stored relations and tags of its followers that did not come are gone.
        for (const auto &[entity, index2, seen] :
             {std::tuple{SyncEntity::FollowRelation, &scope->follows, &scope->seenFollows},
              std::tuple{SyncEntity::ContactTag, &scope->tags, &scope->seenTags}}) {
            for (const db::SyncIndexEntry &entry : index2->entries()) {
                if (!entry.deleted && !seen->contains(entry.keyHash)) {
                    state.pendingDeletes[entity].emplace_back(entry.id, entry.key);
                }
            }
        }
        state.done.insert(index);
        progress(stepCustomer, SyncEntity::FollowRelation, qint64(state.done.size()), qint64(state.batches.size()),
                 state.pairs);
        flush(stepCustomer, state.buffer, customerCheckpoint(state));
    }

    bool reconcileCustomerDeletions(CustomerState &state)
    {
        // Relations of followers who are no longer listed.
        for (SyncEntity entity : {SyncEntity::FollowRelation, SyncEntity::ContactTag}) {
            Result<std::vector<db::SyncIndexEntry>> outside =
                m_ctx.store().liveRowsOutsideFollowers(entity, state.followers);
            if (!outside) {
                m_ctx.fail(outside.error());
                return false;
            }
            for (const db::SyncIndexEntry &entry : outside.value()) {
                state.pendingDeletes[entity].emplace_back(entry.id, entry.key);
            }
        }
        // Customers no follower returned.
        for (const db::SyncIndexEntry &entry : state.contacts.entries()) {
            if (!entry.deleted && !state.seenContacts.contains(entry.keyHash)) {
                state.pendingDeletes[SyncEntity::Contact].emplace_back(entry.id, entry.key);
            }
        }
        // The guard looks at every entity before anything is deleted: a contact is not deleted while its relations
        // stay, nor the reverse.
        bool allowed = true;
        for (SyncEntity entity : {SyncEntity::Contact, SyncEntity::FollowRelation, SyncEntity::ContactTag}) {
            const qint64 candidates = qint64(state.pendingDeletes[entity].size());
            const qint64 live = entity == SyncEntity::Contact ? state.contacts.liveCount() : state.liveBefore[entity];
            if (!m_ctx.mayDelete(entity, candidates, live)) {
                allowed = false;
            }
        }
        state.pendingDeletes.erase(SyncEntity::Contact);
        QJsonObject finished{{QStringLiteral("followers"), state.fingerprint}, {QStringLiteral("restart"), true}};
        if (!allowed) {
            return true;
        }
        std::vector<std::pair<qint64, QString>> contacts;
        for (const db::SyncIndexEntry &entry : state.contacts.entries()) {
            if (!entry.deleted && !state.seenContacts.contains(entry.keyHash)) {
                contacts.emplace_back(entry.id, entry.key);
            }
        }
        const auto batchSize = std::size_t(m_ctx.options.batchSize);
        for (const auto &[entity, rows] :
             {std::pair{SyncEntity::ContactTag, &state.pendingDeletes[SyncEntity::ContactTag]},
              std::pair{SyncEntity::FollowRelation, &state.pendingDeletes[SyncEntity::FollowRelation]},
              std::pair{SyncEntity::Contact, &contacts}}) {
            for (std::size_t i = 0; i < rows->size(); i += batchSize) {
                const auto end = std::min(rows->size(), i + batchSize);
                queueDeletes(entity, {rows->begin() + qsizetype(i), rows->begin() + qsizetype(end)}, state.buffer);
                if (!flush(stepCustomer, state.buffer, finished)) {
                    return false;
                }
            }
        }
        return true;
    }

    void progress(const QString &step, SyncEntity entity, qint64 unitsDone, qint64 unitsTotal, qint64 rows)
    {
        sync::SyncProgress p;
        p.step = step;
        p.entity = db::syncEntityName(entity);
        p.unitsDone = unitsDone;
        p.unitsTotal = unitsTotal;
        p.rows = rows;
        p.pagesDone = m_pagesAnswered;
        const qint64 elapsed = m_ctx.elapsedMs() - m_stepStartedMs;
        if (step != m_progressStep) {
            m_progressStep = step;
            m_stepStartedMs = m_ctx.elapsedMs();
        } else if (elapsed > 0) {
            p.rowsPerSecond = double(rows) * 1000.0 / double(elapsed);
            if (unitsTotal > 0 && unitsDone > 0 && unitsDone < unitsTotal) {
                p.etaMs = elapsed * (unitsTotal - unitsDone) / unitsDone;
            }
        }
        m_ctx.reportProgress(p);
    }

    sync::SyncRunContext &m_ctx;
    std::unique_ptr<WeComSession> m_session;
    int m_concurrency = 1;
    std::optional<QList<Department>> m_departments;
    std::optional<QList<CorpTagGroup>> m_tagGroups;
    std::optional<QStringList> m_followers; ///< Fetched ahead by prefetch(); taken by the customer step.
    QHash<QString, std::pair<QString, QString>> m_tagNames;
    QString m_progressStep;
    qint64 m_stepStartedMs = 0;
    qint64 m_pagesAnswered = 0;
};

} // namespace

std::vector<QStringList> customerFollowerBatches(const QStringList &followers, int lanes)
{
    return followerBatches(followers, followerBatchCount(followers.size(), std::max(1, lanes)));
}

sync::SyncProvider syncProvider()
{
    sync::SyncProvider provider;
    provider.types = {stepDepartment, stepUser, QStringLiteral("customer"), QStringLiteral("full")};
    provider.stepsOf = [](const QString &type) -> QStringList {
        if (type == stepDepartment) {
            return {stepDepartment};
        }
        if (type == stepUser) {
            return {stepUser};
        }
        if (type == u"customer") {
            return {stepTag, stepCustomer};
        }
        if (type == u"full") {
            return {stepDepartment, stepUser, stepTag, stepCustomer};
        }
        return {};
    };
    provider.lockTypesOf = [](const QString &type) -> QStringList {
        if (type == u"full") {
            return {QStringLiteral("full"), stepDepartment, stepUser, QStringLiteral("customer")};
        }
        return {type};
    };
    provider.run = [](sync::SyncRunContext &ctx) -> QCoro::Task<void> {
        SyncJob job(ctx);
        co_await job.run();
    };
    return provider;
}

} // namespace ic::connectors::wecom
