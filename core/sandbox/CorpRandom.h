#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// Private to the sandbox: the pseudo-random source of the simulated corp and the id formats built from it.
namespace ic::sandbox::detail {

/// One step of splitmix64 (Steele, Lea, Flood 2014); used to expand a seed into xoshiro's state.
inline std::uint64_t splitmix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// xoshiro256** (Blackman, Vigna). Every draw is plain integer arithmetic, so a (seed, stream) pair gives the
/// same sequence on every platform and compiler, unlike the standard library's distributions.
class Rng {
public:
    Rng(std::uint64_t seed, std::uint64_t stream)
    {
        std::uint64_t mix = seed;
        std::uint64_t state = splitmix64(mix) ^ (stream * 0xD1B54A32D192ED03ULL + 0x632BE59BD9B4E019ULL);
        for (auto &word : m_state) {
            word = splitmix64(state);
        }
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    /// A value in [0, n); 0 when n is 0. The modulo bias is below 2^-40 for the sizes used here.
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
    std::size_t index(std::size_t n) { return static_cast<std::size_t>(below(n)); }
    /// An int in [low, high].
    int between(int low, int high) { return low + static_cast<int>(below(static_cast<std::uint64_t>(high - low) + 1)); }
    /// A double in [0, 1) from the top 53 bits: exact in IEEE arithmetic, hence portable.
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double probability) { return unit() < probability; }

    template<typename T, std::size_t N>
    const T &pick(const T (&items)[N])
    {
        return items[index(N)];
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4] = {};
};

inline constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

inline std::string randomAlphanumeric(Rng &rng, std::size_t length)
{
    std::string text(length, '0');
    for (auto &c : text) {
        c = kBase62[rng.index(kBase62.size())];
    }
    return text;
}

inline std::string randomHex(Rng &rng, std::size_t length)
{
    static constexpr std::string_view digits = "0123456789abcdef";
    std::string text(length, '0');
    for (auto &c : text) {
        c = digits[rng.index(16)];
    }
    return text;
}

/// `prefix` + random base62 + eight base62 characters that encode `serial` through a bijection of [0, 62^8), so
/// ids of different serials never collide (the random part alone only makes a collision unlikely). The bijection
/// is a few rounds of chained digit additions, each invertible, so nearby serials share no visible pattern.
inline std::string makeId(Rng &rng, std::string_view prefix, std::size_t length, std::uint64_t serial)
{
    int digits[8];
    for (auto &digit : digits) {
        digit = static_cast<int>(serial % 62);
        serial /= 62;
    }
    for (int round = 0; round < 4; ++round) {
        for (int i = 0; i < 8; ++i) {
            digits[i] = (digits[i] + 7 * digits[(i + 7) % 8] + 11 * round + 3 * i + 1) % 62;
        }
    }
    std::string id;
    id.reserve(length);
    id.append(prefix);
    while (id.size() + 8 < length) {
        id.push_back(kBase62[rng.index(kBase62.size())]);
    }
    for (const int digit : digits) {
        id.push_back(kBase62[static_cast<std::size_t>(digit)]);
    }
    return id;
}

/// FNV-1a, for the contact index and for values derived from ids (avatars).
inline std::uint64_t hashText(std::string_view text)
{
    std::uint64_t hash = 0xCBF29CE484222325ULL;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001B3ULL;
    }
    return hash;
}

} // namespace ic::sandbox::detail
