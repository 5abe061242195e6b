#include "core/hall.h"

namespace hall {

const Window* HallInfo::find_window(const std::string& wid) const {
    for (const auto& w : windows)
        if (w.id == wid) return &w;
    return nullptr;
}

}  // namespace hall
