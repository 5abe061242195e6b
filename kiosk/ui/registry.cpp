#include "ui/registry.h"

namespace hall::ui {

void Registry::begin_frame() {
    widgets_.clear();
    regions_.clear();
    texts_.clear();
    layers_.clear();
}

FindResult Registry::find(const std::string& query, bool tappable_only) const {
    FindResult r;
    const bool by_key = !query.empty() && query[0] == '#';
    const std::string q = by_key ? query.substr(1) : query;
    std::vector<const WidgetInfo*> partial;
    for (const auto& w : widgets_) {
        if (tappable_only && !w.tappable) continue;
        if (by_key ? w.key == q : w.label == q) {
            r.widget = &w;
            return r;
        }
        if (!by_key && !q.empty() && w.label.find(q) != std::string::npos) partial.push_back(&w);
    }
    if (partial.size() == 1) {
        r.widget = partial.front();
        return r;
    }
    r.error = "not found: '" + query + "'";
    if (partial.size() > 1) r.error += " (matches " + std::to_string(partial.size()) + " labels; be more precise)";
    r.error += "; candidates:";
    int n = 0;
    for (const auto& w : widgets_) {
        if (tappable_only && !w.tappable) continue;
        if (++n > 40) {
            r.error += " ...";
            break;
        }
        r.error += " [" + w.label + " #" + w.key + "]";
    }
    return r;
}

}  // namespace hall::ui
