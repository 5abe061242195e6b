// The layering test: reads the layer graph from docs/architecture.md ("## Layer graph") and
// every #include in base/, kiosk/, sync/ and tests/support/, and fails on each edge the graph
// does not allow, naming file and line. The graph, as the doc writes it:
//
//   | folder | library | include as | may include |
//   |---|---|---|---|
//   | kiosk/store | hall_store | store | sqlite, wire, content, core, common |
//
// A quoted include "x/..." that is not a file beside the includer is an edge to the folder
// whose include name is x; its own folder is always allowed. A second table, "| header |
// only in |", names third-party headers (ImGui, SQLite, curl, ...) and the folders that may
// include them. A layer inside another layer's folder (kiosk/ui/screens in kiosk/ui) is checked
// by its own row: it shares the outer include name, may include only what its row lists, and
// gets a third-party header only where the header's row names it.
//   layering_check <source dir>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t`");
    const auto e = s.find_last_not_of(" \t`");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> cells(const std::string& row) {  // "| a | b |" -> {"a", "b"}
    std::vector<std::string> out;
    std::stringstream in(row);
    std::string cell;
    std::getline(in, cell, '|');
    while (std::getline(in, cell, '|')) out.push_back(trim(cell));
    if (!out.empty() && out.back().empty()) out.pop_back();
    return out;
}

std::vector<std::string> names(const std::string& text) {  // "a, b (note, more), c" -> {"a", "b", "c"}
    std::string list;  // without the notes in parentheses
    int depth = 0;
    for (char c : text) {
        if (c == '(') ++depth;
        else if (c == ')') depth = std::max(0, depth - 1);
        else if (depth == 0) list += c;
    }
    std::vector<std::string> out;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        item = trim(item);
        if (!item.empty() && item != "-" && item != "—") out.push_back(item);
    }
    return out;
}

struct Layer {
    std::string folder;              // "kiosk/store"
    std::string name;                // include name: "store"
    std::set<std::string> may;       // include names it may use
};

struct Graph {
    std::vector<Layer> layers;
    std::map<std::string, std::vector<std::string>> third_party;  // header prefix -> folders
    std::string error;
};

Graph read_graph(const fs::path& doc) {
    Graph g;
    std::ifstream in(doc);
    if (!in) {
        g.error = doc.string() + ": cannot read";
        return g;
    }
    std::string line;
    bool in_section = false;
    int table = 0;  // 1: the layers, 2: third-party headers
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0) {
            in_section = line == "## Layer graph";
            continue;
        }
        if (!in_section || line.rfind("|", 0) != 0) continue;
        const auto c = cells(line);
        if (c.empty() || c[0].rfind("---", 0) == 0) continue;
        if (c[0] == "folder") { table = 1; continue; }
        if (c[0] == "header") { table = 2; continue; }
        if (table == 1 && c.size() >= 4) {
            Layer l{c[0], c[2], {}};
            for (auto& n : names(c[3])) l.may.insert(n);
            g.layers.push_back(l);
        } else if (table == 2 && c.size() >= 2) {
            g.third_party[c[0]] = names(c[1]);
        }
    }
    if (g.layers.empty()) g.error = doc.string() + ": no layer table under \"## Layer graph\"";
    return g;
}

// The layer a file belongs to: the longest folder that contains it.
const Layer* layer_of(const Graph& g, const std::string& rel) {
    const Layer* best = nullptr;
    for (const auto& l : g.layers)
        if (rel.rfind(l.folder + "/", 0) == 0 && (!best || l.folder.size() > best->folder.size())) best = &l;
    return best;
}

bool under(const std::string& rel, const std::string& folder) { return rel.rfind(folder + "/", 0) == 0 || rel == folder; }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: layering_check <source dir>\n";
        return 2;
    }
    const fs::path root = argv[1];
    const Graph g = read_graph(root / "docs/architecture.md");
    if (!g.error.empty()) {
        std::cerr << g.error << "\n";
        return 1;
    }
    std::map<std::string, const Layer*> by_name;
    for (const auto& l : g.layers)  // a shared include name means the outer folder (kiosk/ui, not kiosk/ui/screens)
        if (!by_name.count(l.name) || l.folder.size() < by_name[l.name]->folder.size()) by_name[l.name] = &l;
    for (const auto& l : g.layers)
        for (const auto& m : l.may)
            if (!by_name.count(m)) {
                std::cerr << "docs/architecture.md: " << l.folder << " may include '" << m << "', which is no layer's include name\n";
                return 1;
            }

    std::vector<std::string> problems;
    int files = 0, edges = 0;
    for (const char* top : {"base", "kiosk", "sync", "tests/support"}) {
        if (!fs::exists(root / top)) continue;
        std::vector<fs::path> paths;
        for (const auto& e : fs::recursive_directory_iterator(root / top)) {
            const auto ext = e.path().extension().string();
            if (e.is_regular_file() && (ext == ".h" || ext == ".hpp" || ext == ".cpp" || ext == ".inc")) paths.push_back(e.path());
        }
        std::sort(paths.begin(), paths.end());
        for (const auto& p : paths) {
            const std::string rel = fs::relative(p, root).generic_string();
            const Layer* from = layer_of(g, rel);
            if (!from) {
                problems.push_back(rel + ": in no layer of docs/architecture.md's layer graph");
                continue;
            }
            ++files;
            std::ifstream in(p);
            std::string line;
            for (int n = 1; std::getline(in, line); ++n) {
                const auto t = line.find_first_not_of(" \t");
                if (t == std::string::npos || line.compare(t, 1, "#") != 0) continue;
                const auto inc = line.find("include", t);
                if (inc == std::string::npos || line.find_first_not_of(" \t", t + 1) != inc) continue;
                const auto open = line.find_first_of("\"<", inc);
                if (open == std::string::npos) continue;
                const auto close = line.find(line[open] == '"' ? '"' : '>', open + 1);
                if (close == std::string::npos) continue;
                const std::string target = line.substr(open + 1, close - open - 1);
                const std::string where = rel + ":" + std::to_string(n);
                if (line[open] == '<') {
                    for (const auto& [prefix, folders] : g.third_party) {
                        if (target.rfind(prefix, 0) != 0) continue;
                        // A folder covers its files, but not a sub-folder that is a layer of its
                        // own (kiosk/ui/screens under kiosk/ui): that one must be named itself.
                        const bool ok = std::any_of(folders.begin(), folders.end(), [&](const std::string& f) {
                            return under(rel, f) && !(from->folder.size() > f.size() && under(from->folder, f));
                        });
                        if (ok) continue;
                        std::string allowed;
                        for (const auto& f : folders) allowed += (allowed.empty() ? "" : ", ") + f;
                        problems.push_back(where + ": <" + target + "> belongs to " + allowed + ", not " + from->folder);
                    }
                    continue;
                }
                if (fs::exists(p.parent_path() / target)) {  // beside the includer
                    const std::string to = fs::weakly_canonical(p.parent_path() / target).lexically_relative(fs::weakly_canonical(root)).generic_string();
                    const Layer* l = layer_of(g, to);
                    if (l != from) problems.push_back(where + ": \"" + target + "\" reaches into " + (l ? l->folder : to) + " by a relative path");
                    continue;
                }
                const auto slash = target.find('/');
                const std::string name = slash == std::string::npos ? "" : target.substr(0, slash);
                ++edges;
                if (name == from->name) continue;
                if (!by_name.count(name)) {
                    problems.push_back(where + ": \"" + target + "\" is in no layer (include a layer's header as \"<name>/file.h\")");
                } else if (!from->may.count(name)) {
                    problems.push_back(where + ": " + from->folder + " (" + from->name + ") may not include " + by_name[name]->folder + " (\"" +
                                       target + "\"); the layer graph allows: " +
                                       [&] {
                                           std::string s;
                                           for (const auto& m : from->may) s += (s.empty() ? "" : ", ") + m;
                                           return s.empty() ? std::string("nothing") : s;
                                       }());
                }
            }
        }
    }
    for (const auto& p : problems) std::cerr << p << "\n";
    std::cout << files << " files, " << edges << " project includes, " << problems.size() << " outside the layer graph\n";
    return problems.empty() && files > 0 ? 0 : 1;
}
