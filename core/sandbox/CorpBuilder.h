#pragma once

#include "sandbox/SandboxCorp.h"

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "sandbox/CorpNames.h"
#include "sandbox/CorpRandom.h"

namespace ic::sandbox {

/// Private to the sandbox: builds revision 0 of a generated corp (CorpGenerator.cpp) and applies revision rounds
/// (CorpRevision.cpp). Every decision is drawn from a detail::Rng seeded from the spec's seed and a fixed stream
/// number per part, so the corp is a pure function of (spec, revision); nothing reads the wall clock, and no
/// decision depends on the iteration order of a hash container.
class CorpBuilder {
public:
    /// 2024-06-01 00:00:00 UTC is "now" at revision 0; round N happens N days later.
    static constexpr std::int64_t kEpoch = 1717200000;
    static constexpr std::int64_t kDay = 86400;
    static constexpr std::int64_t kYear = 365 * kDay;
    /// The root is at depth 0, so a tree has at most five levels.
    static constexpr int kMaxDepth = 4;

    static void generate(SandboxCorp &corp);
    static std::vector<ChangeEvent> advance(SandboxCorp &corp, int round);

private:
    class Round;

    static std::string uniqueUserid(detail::Rng &rng, const detail::PersonName &person,
                                    std::unordered_set<std::string> &takenLowercase);
    /// A new, active member of `mainDepartment` (status and the customer-contact feature are the caller's).
    static Staff makeStaff(SandboxCorp &corp, detail::Rng &rng, std::unordered_set<std::string> &takenLowercase,
                           std::int64_t mainDepartment);
    /// A customer without followers.
    static ExternalContact makeContact(SandboxCorp &corp, detail::Rng &rng);
    /// `follower`'s relation to `contact`. `staffPool` supplies the colleague for add_way 201/202.
    static FollowInfo makeFollow(const SandboxCorp &corp, detail::Rng &rng, const ExternalContact &contact,
                                 const std::string &follower, std::int64_t createtime,
                                 const std::vector<std::string> &allTagIds, const std::vector<std::size_t> &staffPool);
    /// Zero to four distinct tags, most relations having few.
    static std::vector<std::string> pickTags(detail::Rng &rng, const std::vector<std::string> &allTagIds);
    static std::vector<std::string> allTagIds(const SandboxCorp &corp);
    static CorpTag makeTag(SandboxCorp &corp, detail::Rng &rng, std::string name, std::int64_t createTime,
                           std::int64_t order);
    /// A department name for a department at `depth`.
    static std::string departmentName(detail::Rng &rng, int depth);
    /// `name`, or `name` with a Chinese numeral appended, so that it is unique in `taken`.
    static std::string uniqueName(const std::string &name, const std::unordered_set<std::string> &taken);
    static std::string nextSerialId(SandboxCorp &corp, detail::Rng &rng, std::string_view prefix, std::size_t length);
};

} // namespace ic::sandbox
