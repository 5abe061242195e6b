#include "core/guide.h"

namespace hall {

std::string_view material_form_key(MaterialForm f) {
    switch (f) {
        case MaterialForm::Original: return "original";
        case MaterialForm::Copy: return "copy";
        case MaterialForm::OriginalAndCopy: return "original_and_copy";
        case MaterialForm::Electronic: return "electronic";
    }
    return "original";
}

std::string materials_checklist(const Guide& g, Lang lang) {
    // Short, phone-friendly: the QR payload must stay well under QR capacity.
    static const char* form_words[3][4] = {
        {"原件", "复印件", "原件和复印件", "电子件"},
        {"原件", "影印本", "原件和影印本", "電子件"},
        {"original", "copy", "original + copy", "electronic"}};
    const int li = static_cast<int>(lang);
    std::string out = g.name.get(lang) + " (" + g.code + ")\n";
    int n = 0;
    for (const auto& m : g.materials) {
        out += std::to_string(++n) + ". " + m.name.get(lang) + " - " +
               form_words[li][static_cast<int>(m.form)] + " x" + std::to_string(m.count);
        if (!m.required) out += lang == Lang::En ? " (if applicable)" : (lang == Lang::Hans ? "（如适用）" : "（如適用）");
        out += "\n";
    }
    if (!g.updated.empty()) out += (lang == Lang::En ? "Updated " : (lang == Lang::Hans ? "更新于 " : "更新於 ")) + g.updated;
    return out;
}

}  // namespace hall
