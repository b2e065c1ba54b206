#pragma once

#include "sync/SyncContext.h"

#include <QStringList>

#include <vector>

namespace ic::connectors::wecom {

/// The WeCom sync (the seeds' 部门同步, 员工同步, 客户同步 and 全量同步) as a SyncProvider:
///
/// Types and steps: `department` [department], `user` [user], `customer` [tag, customer], `full` [department, user,
/// tag, customer]. A full run also holds the department, user and customer locks.
///
/// Steps and what they write:
///  - department: department/list (one call) -> departments.
///  - user: user/list of every department (direct members, several departments in flight) -> staff (one row per
///    userid, whichever departments list them) and staff_departments (one row per member and department, with the
///    order and the leader flag at the same index).
///  - tag: externalcontact/get_corp_tag_list -> corp_tag_groups and corp_tags; their names label the contact tags.
///  - customer: externalcontact/get_follow_user_list, then batch/get_by_user for the followers in batches of at most
///    100 (customerFollowerBatches()), cursor pages of 100 pairs, several batches in flight. Every (customer,
///    follower) pair is a follow relation with its corp tags (contact_tags); the same customer under several
///    followers is one external contact, written once per run (deduplicated by external_userid).
///
/// Order: the steps run one after the other and write in that order; each step's rows are committed before the next
/// step's. In a full run, the requests of the tag and customer steps that do not depend on anything (the corp tags
/// and the follower list) are sent while the user step's requests run, and a step starts fetching while the
/// writer still commits the previous step's last rows.
///
/// Comparison: every row's content hash (db::syncContentHash over the columns of db::syncColumns()) against the
/// stored one. Incremental writes new, changed and restored rows; full also rewrites unchanged ones. Deletions
/// (soft) are reconciled only when the step's snapshot was read whole: a page that fails after its attempts, a
/// cancelled run or a failed one deletes nothing. Follow relations and contact tags are compared per batch of
/// followers (the rows of those followers), so memory holds one batch of them; external contacts are compared against
/// an index of all stored ones (about 100 bytes each). A follower who is no longer listed loses its relations.
///
/// Threads: requests, comparison against the stored rows and the queueing of writes run on the run's event-loop
/// thread; a customer page's decoding (its JSON and its records) and the building, hashing and comparing of its
/// relation and tag rows run on Qt's global thread pool while its lane waits (common/OffThread.h). With eight
/// requests in flight, answers otherwise wait for the pages that came just before them: at 20 ms of latency a page
/// took the client 34 ms on average instead of the server's 21, and 22.5 ms once the work left the loop. The database
/// writes run on the writer's own thread (sync::SyncRunContext).
///
/// Checkpoints (customer step): the sorted follower list's fingerprint, the number of batches it was cut into, the
/// batches finished, and the deletions those batches found, saved with every write transaction. A resumed run skips the
/// finished batches if the follower list is unchanged, and starts the step over otherwise; the rows a killed run had
/// committed of an unfinished batch are compared again and found unchanged. The other steps are short and start over.
///
/// Secrets: department and user steps use the contacts-sync secret when configured (the whole org), else the app
/// secret (its visible range); tag and customer steps the customer-contact secret, else the app secret (see
/// chooseSecret()).
sync::SyncProvider syncProvider();

/// The batches the customer step reads `followers` (sorted, without duplicates) in, with `lanes` requests in flight:
/// ceil(n / 100) batches (batch/get_by_user takes at most 100 userids), and where that is more than the lanes,
/// rounded up to a multiple of them; the followers split in order into batches of nearly equal size. Each batch is a
/// chain of cursor pages read one after the other, so batches that share the lanes evenly end together instead of
/// leaving a last few chains on otherwise idle lanes. Costs at most one partly filled page more per batch.
std::vector<QStringList> customerFollowerBatches(const QStringList &followers, int lanes);

} // namespace ic::connectors::wecom
