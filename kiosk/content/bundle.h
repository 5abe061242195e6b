#pragma once
// The content bundle: one JSON document holding departments and guides, versioned.
// Demo content and content pulled from the hub both enter through parse_bundle().
#include <string>
#include <string_view>
#include <vector>

#include "core/guide.h"

namespace hall {

inline constexpr int kBundleSchema = 1;
inline constexpr std::string_view kBundleFormat = "hall-kiosk-bundle";
inline constexpr std::size_t kMaxAliases = 30;      // per guide and language
inline constexpr std::size_t kMaxAliasChars = 40;

struct BundleParse {
    ContentBundle bundle;
    // Every problem found, each naming where: "guides[3].materials[1].name: zh-Hant missing".
    std::vector<std::string> errors;
    bool ok() const { return errors.empty(); }
};

// Parses and checks a bundle. With errors the bundle must not be imported.
BundleParse parse_bundle(std::string_view json_text);
std::string bundle_to_json(const ContentBundle& b);

}  // namespace hall
