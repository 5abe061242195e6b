#include "core/ids.h"

#include <cstdint>
#include <cstdio>
#include <random>

namespace hall {

std::string new_uuid() {
    thread_local std::mt19937_64 rng{std::random_device{}() ^ (static_cast<std::uint64_t>(std::random_device{}()) << 32)};
    std::uint64_t hi = rng(), lo = rng();
    hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
    char buf[37];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
    return buf;
}

std::string receipt_from_uuid(const std::string& uuid) {
    static const char* alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::uint64_t bits = 0;
    int have = 0;
    for (char c : uuid) {  // first 40 bits of the UUID's hex digits
        if (c == '-') continue;
        const int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 0;
        bits = (bits << 4) | static_cast<std::uint64_t>(v);
        if ((have += 4) >= 40) break;
    }
    std::string out;
    for (int i = 7; i >= 0; --i) {
        out += alphabet[(bits >> (i * 5)) & 31];
        if (i == 4) out += '-';
    }
    return out;
}

}  // namespace hall
