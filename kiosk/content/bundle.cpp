#include "content/bundle.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/ids.h"
#include "core/text.h"

namespace hall {
namespace {

using nlohmann::json;

struct Checker {
    std::vector<std::string>& errors;

    void fail(const std::string& where, const std::string& what) { errors.push_back(where + ": " + what); }

    std::string str(const json& j, const std::string& key, const std::string& where, bool required) {
        if (!j.contains(key) || j[key].is_null()) {
            if (required) fail(where + "." + key, "missing");
            return {};
        }
        if (!j[key].is_string()) { fail(where + "." + key, "must be a string"); return {}; }
        auto s = j[key].get<std::string>();
        if (!is_valid_utf8(s)) { fail(where + "." + key, "not valid UTF-8"); return {}; }
        return s;
    }

    int integer(const json& j, const std::string& key, const std::string& where, int def, int lo, int hi) {
        if (!j.contains(key)) return def;
        if (!j[key].is_number_integer()) { fail(where + "." + key, "must be a whole number"); return def; }
        const auto v = j[key].get<long long>();
        if (v < lo || v > hi) { fail(where + "." + key, "out of range " + std::to_string(lo) + ".." + std::to_string(hi)); return def; }
        return static_cast<int>(v);
    }

    // Localized text: an object {"zh-Hans": ..., "zh-Hant": ..., "en": ...}. Both Chinese
    // scripts are required where `required`; English is optional everywhere.
    LocalizedText text(const json& j, const std::string& key, const std::string& where, bool required) {
        LocalizedText t;
        const std::string at = where + "." + key;
        if (!j.contains(key) || j[key].is_null()) {
            if (required) fail(at, "missing");
            return t;
        }
        const json& v = j[key];
        if (!v.is_object()) { fail(at, "must be an object with zh-Hans, zh-Hant and en"); return t; }
        for (auto& [k, val] : v.items()) {
            auto lang = lang_from_code(k);
            if (!lang) { fail(at + "." + k, "unknown language"); continue; }
            if (!val.is_string()) { fail(at + "." + k, "must be a string"); continue; }
            auto s = val.get<std::string>();
            if (!is_valid_utf8(s)) { fail(at + "." + k, "not valid UTF-8"); continue; }
            if (s.size() > 20000) { fail(at + "." + k, "longer than 20000 bytes"); continue; }
            t[*lang] = std::move(s);
        }
        if (required) {
            if (t[Lang::Hans].empty()) fail(at + ".zh-Hans", "missing");
            if (t[Lang::Hant].empty()) fail(at + ".zh-Hant", "missing");
        }
        return t;
    }

    // Aliases: {"zh-Hans": ["社保卡", ...], "zh-Hant": [...], "en": [...]}, each language
    // optional. Short names only: an alias is something a citizen types.
    Aliases aliases(const json& j, const std::string& key, const std::string& where) {
        Aliases a;
        const std::string at = where + "." + key;
        if (!j.contains(key) || j[key].is_null()) return a;
        const json& v = j[key];
        if (!v.is_object()) { fail(at, "must be an object of lists: {\"zh-Hans\": [\"...\"], \"zh-Hant\": [...], \"en\": [...]}"); return a; }
        for (auto& [k, list] : v.items()) {
            auto lang = lang_from_code(k);
            if (!lang) { fail(at + "." + k, "unknown language"); continue; }
            if (!list.is_array()) { fail(at + "." + k, "must be a list of strings"); continue; }
            if (list.size() > kMaxAliases) { fail(at + "." + k, "more than " + std::to_string(kMaxAliases) + " aliases"); continue; }
            std::set<std::string> seen;
            int i = 0;
            for (const auto& item : list) {
                const std::string iat = at + "." + k + "[" + std::to_string(i++) + "]";
                if (!item.is_string()) { fail(iat, "must be a string"); continue; }
                auto s = item.get<std::string>();
                if (!is_valid_utf8(s)) { fail(iat, "not valid UTF-8"); continue; }
                s = trim(s);
                if (s.empty()) { fail(iat, "empty"); continue; }
                if (utf8_length(s) > kMaxAliasChars) { fail(iat, "longer than " + std::to_string(kMaxAliasChars) + " characters"); continue; }
                if (!seen.insert(s).second) { fail(iat, "duplicate alias " + s); continue; }
                a[*lang].push_back(std::move(s));
            }
        }
        return a;
    }
};

json text_json(const LocalizedText& t) {
    json j = json::object();
    for (Lang l : kAllLangs)
        if (!t[l].empty()) j[std::string(lang_code(l))] = t[l];
    return j;
}

bool is_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    const int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

}  // namespace

BundleParse parse_bundle(std::string_view json_text) {
    BundleParse out;
    Checker c{out.errors};
    json root;
    try {
        root = json::parse(json_text);
    } catch (const json::parse_error& e) {
        c.fail("bundle", std::string("not valid JSON (") + e.what() + ")");
        return out;
    }
    if (!root.is_object()) { c.fail("bundle", "must be a JSON object"); return out; }
    if (c.str(root, "format", "bundle", true) != kBundleFormat && !root.value("format", json()).is_null())
        c.fail("bundle.format", "must be \"" + std::string(kBundleFormat) + "\"");
    auto& b = out.bundle;
    b.schema = c.integer(root, "schema", "bundle", 0, 0, 1000);
    if (b.schema != kBundleSchema) c.fail("bundle.schema", "version " + std::to_string(b.schema) + " not supported (this kiosk reads " + std::to_string(kBundleSchema) + ")");
    b.version = c.str(root, "version", "bundle", true);
    b.published_at = c.str(root, "published_at", "bundle", false);

    std::set<std::string> dept_ids;
    if (!root.contains("departments") || !root["departments"].is_array()) c.fail("bundle.departments", "missing or not a list");
    else {
        int i = 0;
        for (const auto& dj : root["departments"]) {
            const std::string at = "departments[" + std::to_string(i++) + "]";
            if (!dj.is_object()) { c.fail(at, "must be an object"); continue; }
            Department d;
            d.id = c.str(dj, "id", at, true);
            d.name = c.text(dj, "name", at, true);
            if (!d.id.empty() && !dept_ids.insert(d.id).second) c.fail(at + ".id", "duplicate id " + d.id);
            b.departments.push_back(std::move(d));
        }
    }

    if (!root.contains("guides") || !root["guides"].is_array()) { c.fail("bundle.guides", "missing or not a list"); return out; }
    std::set<std::string> codes;
    int gi = 0;
    for (const auto& gj : root["guides"]) {
        const std::string at = "guides[" + std::to_string(gi++) + "]";
        if (!gj.is_object()) { c.fail(at, "must be an object"); continue; }
        Guide g;
        g.code = c.str(gj, "code", at, true);
        const std::string gat = g.code.empty() ? at : at + "(" + g.code + ")";
        if (!g.code.empty() && !codes.insert(g.code).second) c.fail(gat + ".code", "duplicate code");
        // The code travels as a feedback record's service_code; the hub refuses longer ones for good.
        if (g.code.size() > kMaxIdBytes)
            c.fail(gat + ".code", "longer than " + std::to_string(kMaxIdBytes) + " bytes: the hub would reject feedback naming it");
        g.name = c.text(gj, "name", gat, true);
        g.aliases = c.aliases(gj, "aliases", gat);
        g.type = c.str(gj, "type", gat, true);
        g.on_the_spot = gj.value("on_the_spot", false);
        g.department_id = c.str(gj, "department", gat, true);
        if (!g.department_id.empty() && !dept_ids.count(g.department_id)) c.fail(gat + ".department", "unknown department " + g.department_id);
        if (gj.contains("windows")) {
            if (!gj["windows"].is_array()) c.fail(gat + ".windows", "must be a list");
            else for (const auto& w : gj["windows"]) if (w.is_string()) g.window_ids.push_back(w.get<std::string>());
        }
        g.accepting_body = c.text(gj, "accepting_body", gat, true);
        g.deciding_body = c.text(gj, "deciding_body", gat, true);
        g.legal_basis = c.text(gj, "legal_basis", gat, true);
        g.conditions = c.text(gj, "conditions", gat, true);
        g.prohibitions = c.text(gj, "prohibitions", gat, false);
        if (!gj.contains("materials") || !gj["materials"].is_array()) c.fail(gat + ".materials", "missing or not a list");
        else {
            int mi = 0;
            for (const auto& mj : gj["materials"]) {
                const std::string mat = gat + ".materials[" + std::to_string(mi++) + "]";
                if (!mj.is_object()) { c.fail(mat, "must be an object"); continue; }
                Material m;
                m.name = c.text(mj, "name", mat, true);
                const std::string form = c.str(mj, "form", mat, true);
                if (form == "original") m.form = MaterialForm::Original;
                else if (form == "copy") m.form = MaterialForm::Copy;
                else if (form == "original_and_copy") m.form = MaterialForm::OriginalAndCopy;
                else if (form == "electronic") m.form = MaterialForm::Electronic;
                else if (!form.empty()) c.fail(mat + ".form", "must be original, copy, original_and_copy or electronic");
                m.count = c.integer(mj, "count", mat, 1, 1, 99);
                m.source = c.text(mj, "source", mat, true);
                m.required = mj.value("required", true);
                m.notes = c.text(mj, "notes", mat, false);
                // The documents' catch-all "其他材料" is exactly what a guide must not say.
                if (m.name[Lang::Hans].find("其他材料") != std::string::npos || m.name[Lang::Hant].find("其他材料") != std::string::npos)
                    c.fail(mat + ".name", "catch-all \"其他材料\" is not allowed: name each material");
                g.materials.push_back(std::move(m));
            }
        }
        if (gj.contains("apply_methods") && gj["apply_methods"].is_array())
            for (const auto& a : gj["apply_methods"]) if (a.is_string()) g.apply_methods.push_back(a.get<std::string>());
        if (g.apply_methods.empty()) c.fail(gat + ".apply_methods", "missing");
        if (!gj.contains("steps") || !gj["steps"].is_array() || gj["steps"].empty()) c.fail(gat + ".steps", "missing or empty");
        else {
            int si = 0;
            for (const auto& sj : gj["steps"]) {
                json wrap = {{"step", sj}};
                g.steps.push_back(c.text(wrap, "step", gat + ".steps[" + std::to_string(si++) + "]", true));
            }
        }
        g.promised_days = c.integer(gj, "promised_days", gat, 0, 0, 3650);
        g.legal_days = c.integer(gj, "legal_days", gat, 0, 0, 3650);
        g.fees = c.text(gj, "fees", gat, true);
        g.fee_basis = c.text(gj, "fee_basis", gat, false);
        g.intermediary = c.text(gj, "intermediary", gat, true);
        g.delivery = c.text(gj, "delivery", gat, true);
        g.result_sample = c.text(gj, "result_sample", gat, false);
        g.remedies = c.text(gj, "remedies", gat, true);
        g.location = c.text(gj, "location", gat, true);
        g.hours = c.text(gj, "hours", gat, true);
        g.phone = c.str(gj, "phone", gat, true);
        g.complaint = c.text(gj, "complaint", gat, true);
        if (gj.contains("forms") && gj["forms"].is_array()) {
            int fi = 0;
            for (const auto& fj : gj["forms"]) {
                const std::string fat = gat + ".forms[" + std::to_string(fi++) + "]";
                if (!fj.is_object()) { c.fail(fat, "must be an object"); continue; }
                FormLink f;
                f.name = c.text(fj, "name", fat, true);
                f.url = c.str(fj, "url", fat, true);
                if (!f.url.empty() && f.url.rfind("https://", 0) != 0 && f.url.rfind("http://", 0) != 0) c.fail(fat + ".url", "must be an http(s) address");
                f.sample = fj.value("sample", false);
                g.forms.push_back(std::move(f));
            }
        }
        g.progress_query = c.text(gj, "progress_query", gat, true);
        g.updated = c.str(gj, "updated", gat, true);
        if (!g.updated.empty() && !is_date(g.updated)) c.fail(gat + ".updated", "must be a date YYYY-MM-DD");
        b.guides.push_back(std::move(g));
    }
    if (b.guides.empty() && out.errors.empty()) c.fail("bundle.guides", "empty: a bundle must carry at least one guide");
    return out;
}

std::string bundle_to_json(const ContentBundle& b) {
    json root;
    root["format"] = kBundleFormat;
    root["schema"] = b.schema;
    root["version"] = b.version;
    if (!b.published_at.empty()) root["published_at"] = b.published_at;
    root["departments"] = json::array();
    for (const auto& d : b.departments) root["departments"].push_back({{"id", d.id}, {"name", text_json(d.name)}});
    root["guides"] = json::array();
    for (const auto& g : b.guides) {
        json gj;
        gj["code"] = g.code;
        gj["name"] = text_json(g.name);
        if (!g.aliases.empty()) {
            json aj = json::object();
            for (Lang l : kAllLangs)
                if (!g.aliases[l].empty()) aj[std::string(lang_code(l))] = g.aliases[l];
            gj["aliases"] = std::move(aj);
        }
        gj["type"] = g.type;
        gj["on_the_spot"] = g.on_the_spot;
        gj["department"] = g.department_id;
        gj["windows"] = g.window_ids;
        gj["accepting_body"] = text_json(g.accepting_body);
        gj["deciding_body"] = text_json(g.deciding_body);
        gj["legal_basis"] = text_json(g.legal_basis);
        gj["conditions"] = text_json(g.conditions);
        if (!g.prohibitions.empty()) gj["prohibitions"] = text_json(g.prohibitions);
        gj["materials"] = json::array();
        for (const auto& m : g.materials) {
            json mj{{"name", text_json(m.name)}, {"form", material_form_key(m.form)}, {"count", m.count},
                    {"source", text_json(m.source)}, {"required", m.required}};
            if (!m.notes.empty()) mj["notes"] = text_json(m.notes);
            gj["materials"].push_back(std::move(mj));
        }
        gj["apply_methods"] = g.apply_methods;
        gj["steps"] = json::array();
        for (const auto& s : g.steps) gj["steps"].push_back(text_json(s));
        gj["promised_days"] = g.promised_days;
        gj["legal_days"] = g.legal_days;
        gj["fees"] = text_json(g.fees);
        if (!g.fee_basis.empty()) gj["fee_basis"] = text_json(g.fee_basis);
        gj["intermediary"] = text_json(g.intermediary);
        gj["delivery"] = text_json(g.delivery);
        if (!g.result_sample.empty()) gj["result_sample"] = text_json(g.result_sample);
        gj["remedies"] = text_json(g.remedies);
        gj["location"] = text_json(g.location);
        gj["hours"] = text_json(g.hours);
        gj["phone"] = g.phone;
        gj["complaint"] = text_json(g.complaint);
        gj["forms"] = json::array();
        for (const auto& f : g.forms) gj["forms"].push_back({{"name", text_json(f.name)}, {"url", f.url}, {"sample", f.sample}});
        gj["progress_query"] = text_json(g.progress_query);
        gj["updated"] = g.updated;
        root["guides"].push_back(std::move(gj));
    }
    return root.dump(1);
}

}  // namespace hall
