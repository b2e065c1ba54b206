// Generation speed and memory of the simulated corp. By default one 100,000-contact corp (the product promise is
// under 3 s in a release build); with IC_BENCH_LARGE=1 or the argument "large" also a 1,000,000-contact corp,
// whose peak resident set size (VmHWM) must stay under 1 GiB.

#include "sandbox/SandboxCorp.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

using ic::sandbox::CorpSpec;
using ic::sandbox::SandboxCorp;

namespace {

long long peakRssKiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::atoll(line.c_str() + 6);
        }
    }
    return -1;
}

long long millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

/// Generates, advances one round and dumps; returns false when generation breaks its time budget.
bool run(const CorpSpec &spec, long long budgetMs)
{
    auto start = std::chrono::steady_clock::now();
    auto corp = SandboxCorp::generate(spec);
    const long long generateMs = millisecondsSince(start);
    std::printf("generate contacts=%d: %lld ms\n", spec.contacts, generateMs);

    start = std::chrono::steady_clock::now();
    const auto events = corp->advance();
    std::printf("advance contacts=%d: %lld ms (%zu events)\n", spec.contacts, millisecondsSince(start), events.size());

    start = std::chrono::steady_clock::now();
    std::ostringstream dump;
    corp->dump(dump);
    std::printf("dump contacts=%d: %lld ms (%zu MiB)\n", spec.contacts, millisecondsSince(start),
                dump.str().size() >> 20);
    std::fflush(stdout);
    return generateMs <= budgetMs;
}

} // namespace

int main(int argc, char **argv)
{
    const char *large = std::getenv("IC_BENCH_LARGE");
    const bool runLarge =
        (large != nullptr && std::strcmp(large, "1") == 0) || (argc > 1 && std::strcmp(argv[1], "large") == 0);

    // Sanitizer and debug builds are far slower; the budget is only enforced where it is promised.
#if defined(NDEBUG)
    const long long budgetMs = 3000;
#else
    const long long budgetMs = 60000;
#endif
    bool ok = run(CorpSpec{42, 300, 3000, 100000, 8, 6, 200}, budgetMs);

    if (runLarge) {
        // The RSS line is the peak after generation (the 100,000-contact corp above is already freed and smaller).
        auto start = std::chrono::steady_clock::now();
        {
            auto corp = SandboxCorp::generate(CorpSpec{42, 2000, 20000, 1000000, 12, 8, 2000});
            std::printf("generate contacts=1000000: %lld ms\n", millisecondsSince(start));
            const long long peak = peakRssKiB();
            std::printf("rss 1,000,000 contacts: %lld MiB\n", peak / 1024);
            ok = ok && peak >= 0 && peak < 1024 * 1024;
            start = std::chrono::steady_clock::now();
            const auto events = corp->advance();
            std::printf("advance contacts=1000000: %lld ms (%zu events), rss %lld MiB\n", millisecondsSince(start),
                        events.size(), peakRssKiB() / 1024);
        }
    }
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
