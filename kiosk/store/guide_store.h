#pragma once
// The imported content bundle and its search index. import() is the one path content
// takes into the kiosk, from the demo file or from the hub: a bundle with any problem is
// refused whole and the guides the kiosk had stay.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/bundle.h"
#include "store/database.h"

namespace hall {

struct ImportResult {
    bool ok = false;
    std::string version;              // the bundle's version when ok
    std::vector<std::string> errors;  // what is wrong, when not ok
};

class GuideStore {
public:
    explicit GuideStore(Db& db) : db_(db) {}

    ImportResult import(std::string_view bundle_json);
    // The bundle the kiosk holds (parsed), or nullopt before the first import.
    std::optional<ContentBundle> load();
    std::optional<std::string> version();
    // Whether the store holds exactly this bundle text (compared by a hash kept at import),
    // so a start with unchanged content skips the parse and the import.
    bool holds(std::string_view bundle_json);

    // Guide codes matching a query, best first. Any substring of a guide's name or text,
    // in either Chinese script or English. 3+ characters go through the trigram index;
    // shorter queries scan (a hall has hundreds of guides, not millions).
    std::vector<std::string> search(std::string_view query, int limit = 50);

private:
    Db& db_;
};

}  // namespace hall
